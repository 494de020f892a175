/*
 * tests/kernel/test_creds.c - 2.6.20's uid system calls (kernel/sys.c)
 * and what commoncap's cap_task_post_setuid() does to the capabilities
 * on each transition, prctl(PR_SET_KEEPCAPS) included.
 */
#include "mmtest.h"

#include <linux/prctl.h>
#include <linux/security.h>

#define ALL_CAPS (CAP_TO_MASK(CAP_SETUID) | CAP_TO_MASK(CAP_SYS_NICE))
#define NO_CHANGE ((long)(uid_t)-1)

static long setuid(long uid)
{
	return sim_syscall(SIM_NR_setuid, uid, 0, 0, 0, 0, 0);
}

static long setreuid(long ruid, long euid)
{
	return sim_syscall(SIM_NR_setreuid, ruid, euid, 0, 0, 0, 0);
}

static long setresuid(long ruid, long euid, long suid)
{
	return sim_syscall(SIM_NR_setresuid, ruid, euid, suid, 0, 0, 0);
}

/* glibc's seteuid() */
static long seteuid(long euid)
{
	return setresuid(NO_CHANGE, euid, NO_CHANGE);
}

static void assert_uids(uid_t uid, uid_t euid, uid_t suid)
{
	KT_ASSERT_UINT_EQ(current->uid, uid);
	KT_ASSERT_UINT_EQ(current->euid, euid);
	KT_ASSERT_UINT_EQ(current->suid, suid);
	KT_ASSERT_UINT_EQ(current->fsuid, euid);
}

static void enter_root(void)
{
	mmt_boot(1, 16 << 20);
	mmt_enter(mmt_task("root", 0, ALL_CAPS, 0));
}

KTEST(root_setuid_to_a_user_sets_all_three_and_drops_every_capability)
{
	enter_root();
	KT_ASSERT_INT_EQ(setuid(1000), 0);
	assert_uids(1000, 1000, 1000);
	KT_ASSERT_UINT_EQ(current->cap_effective, 0);
	KT_ASSERT_UINT_EQ(current->cap_permitted, 0);
	/* and there is no way back */
	KT_ASSERT_INT_EQ(setuid(0), -EPERM);
	KT_ASSERT_INT_EQ(capable(CAP_SYS_NICE), 0);
}

KTEST(root_seteuid_drops_the_effective_set_and_seteuid_0_raises_it_again)
{
	enter_root();
	KT_ASSERT_INT_EQ(seteuid(99), 0);
	assert_uids(0, 99, 0);
	KT_ASSERT_UINT_EQ(current->cap_effective, 0);
	KT_ASSERT_UINT_EQ(current->cap_permitted, ALL_CAPS);
	KT_ASSERT_INT_EQ(capable(CAP_SYS_NICE), 0);
	KT_ASSERT_INT_EQ(seteuid(0), 0);
	assert_uids(0, 0, 0);
	KT_ASSERT_UINT_EQ(current->cap_effective, ALL_CAPS);
	KT_ASSERT_INT_EQ(capable(CAP_SYS_NICE), 1);
}

KTEST(setresuid_keeping_saved_uid_0_keeps_the_permitted_set)
{
	enter_root();
	KT_ASSERT_INT_EQ(setresuid(1000, 1000, 0), 0);
	assert_uids(1000, 1000, 0);
	KT_ASSERT_UINT_EQ(current->cap_effective, 0);
	KT_ASSERT_UINT_EQ(current->cap_permitted, ALL_CAPS);
	/* the saved uid 0 lets an unprivileged task take euid 0 back */
	KT_ASSERT_INT_EQ(setresuid(NO_CHANGE, 0, NO_CHANGE), 0);
	assert_uids(1000, 0, 0);
	KT_ASSERT_UINT_EQ(current->cap_effective, ALL_CAPS);
}

KTEST(keepcaps_keeps_the_permitted_set_across_setuid_but_not_the_effective)
{
	enter_root();
	KT_ASSERT_INT_EQ(
		sim_syscall(SIM_NR_prctl, PR_SET_KEEPCAPS, 2, 0, 0, 0, 0),
		-EINVAL);
	KT_ASSERT_INT_EQ(
		sim_syscall(SIM_NR_prctl, PR_SET_KEEPCAPS, 1, 0, 0, 0, 0), 0);
	KT_ASSERT_INT_EQ(
		sim_syscall(SIM_NR_prctl, PR_GET_KEEPCAPS, 0, 0, 0, 0, 0), 1);
	KT_ASSERT_INT_EQ(setuid(1000), 0);
	assert_uids(1000, 1000, 1000);
	KT_ASSERT_UINT_EQ(current->cap_permitted, ALL_CAPS);
	KT_ASSERT_UINT_EQ(current->cap_effective, 0);
}

KTEST(unprivileged_setuid_only_to_the_real_or_saved_uid)
{
	mmt_boot(1, 16 << 20);
	mmt_enter(mmt_task("user", 1000, 0, 0));
	KT_ASSERT_INT_EQ(setresuid(1000, 1000, 2000), -EPERM);
	current->suid = 2000; /* as a set-uid program would have started */
	KT_ASSERT_INT_EQ(setuid(3000), -EPERM);
	KT_ASSERT_INT_EQ(setuid(2000), 0);
	/* without CAP_SETUID the saved uid stays */
	assert_uids(1000, 2000, 2000);
	KT_ASSERT_INT_EQ(setuid(1000), 0);
	assert_uids(1000, 1000, 2000);
	KT_ASSERT_INT_EQ(setresuid(3000, NO_CHANGE, NO_CHANGE), -EPERM);
}

KTEST(setreuid_moves_the_saved_uid_when_the_real_uid_is_set)
{
	mmt_boot(1, 16 << 20);
	mmt_enter(mmt_task("user", 1000, 0, 0));
	current->euid = current->fsuid = 2000;
	current->suid = 2000;
	/* swap real and effective, as set-uid programs do */
	KT_ASSERT_INT_EQ(setreuid(2000, 1000), 0);
	assert_uids(2000, 1000, 1000);
	KT_ASSERT_INT_EQ(setreuid(NO_CHANGE, 2000), 0);
	/* euid set to the old real uid: the saved uid stays */
	assert_uids(2000, 2000, 1000);
	KT_ASSERT_INT_EQ(setreuid(3000, NO_CHANGE), -EPERM);
}

KTEST(getresuid_writes_the_three_uids_to_user_memory)
{
	unsigned long addr;
	uid_t got[3];

	mmt_boot(1, 16 << 20);
	mmt_enter(mmt_task("user", 1000, 0, 0));
	current->suid = 7;
	addr = mmt_mmap(1);
	KT_ASSERT_INT_EQ(sim_syscall(SIM_NR_getresuid, addr, addr + 4, addr + 8,
				     0, 0, 0),
			 0);
	KT_ASSERT_INT_EQ(sim_user_read(addr, got, sizeof(got)), 0);
	KT_ASSERT_UINT_EQ(got[0], 1000);
	KT_ASSERT_UINT_EQ(got[1], 1000);
	KT_ASSERT_UINT_EQ(got[2], 7);
	KT_ASSERT_INT_EQ(
		sim_syscall(SIM_NR_getresuid, 0x10, 0x10, 0x10, 0, 0, 0),
		-EFAULT);
}
