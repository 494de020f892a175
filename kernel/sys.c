/*
 * kernel/sys.c - stands for arch/x86_64/kernel/entry.S's system call
 * table and the small syscalls of kernel/sys.c, mm/mmap.c and
 * kernel/fork.c: what a simulated task reaches with the syscall
 * instruction.  Pointers are simulated user addresses, as in the kernel.
 * mmap's fd is a handle of fs/simfs/inode.c's file table (one table for
 * the whole machine, not one per process: a simplification).
 *
 * The uid calls (setuid, setreuid, setresuid, getresuid) and prctl's
 * PR_SET_KEEPCAPS are 2.6.20's, with the default security module's
 * capability effects (security_task_post_setuid, kernel/pid.c).  Not
 * modelled: set_user()'s per-user accounting (its RLIMIT_NPROC -EAGAIN),
 * mm->dumpable, keyrings and the process-events connector.  seteuid() is
 * glibc's: setresuid(-1, euid, -1), as 2006's glibc made it.
 */
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/swapops.h>
#include <linux/syscalls.h>
#include <linux/security.h>
#include <linux/prctl.h>
#include <asm/uaccess.h>
#include <sim/kernel.h>

asmlinkage long sys_mmap(unsigned long addr, unsigned long len,
			 unsigned long prot, unsigned long flags,
			 unsigned long fd, unsigned long off)
{
	struct mm_struct *mm = current->mm;
	long error;
	struct file *file = NULL;

	error = -EINVAL;
	if (off & ~PAGE_MASK)
		goto out;
	if (!mm)
		return -EINVAL;
	error = -EBADF;
	flags &= ~(MAP_EXECUTABLE | MAP_DENYWRITE);
	if (!(flags & MAP_ANONYMOUS)) {
		/* fd is a handle from sim_file_create/sim_file_open */
		file = fget(fd);
		if (!file)
			goto out;
	}
	down_write(&mm->mmap_sem);
	error = do_mmap_pgoff(file, addr, len, prot, flags, off >> PAGE_SHIFT);
	up_write(&mm->mmap_sem);

	if (file)
		fput(file);
out:
	return error;
}

asmlinkage long sys_munmap(unsigned long addr, size_t len)
{
	struct mm_struct *mm = current->mm;
	int ret;

	if (!mm)
		return -EINVAL;
	down_write(&mm->mmap_sem);
	ret = do_munmap(mm, addr, len);
	up_write(&mm->mmap_sem);
	return ret;
}

asmlinkage long sys_fork(void)
{
	return do_fork_sim(0);
}

/* Only the flags that matter to memory: CLONE_VM makes a thread. */
asmlinkage long sys_clone(unsigned long clone_flags, unsigned long newsp)
{
	return do_fork_sim(clone_flags & CLONE_VM);
}

asmlinkage long sys_exit(int error_code)
{
	do_exit_sim((error_code & 0xff) << 8);
	return 0;
}

asmlinkage long sys_getpid(void)
{
	return current->tgid;
}

asmlinkage long sys_wait4(pid_t pid, int __user *stat_addr, int options,
			  void __user *ru)
{
	long ret;
	int status = 0;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD |
			__WCLONE | __WALL))
		return -EINVAL;
	if (ru)
		return -EFAULT; /* getrusage() is not modelled */
	/* no task stops or continues here: only WNOHANG changes anything */
	ret = do_wait_sim(pid, options & WNOHANG, &status);
	/* 2006 released the zombie before put_user: -EFAULT reaps it too */
	if (ret > 0 && stat_addr && put_user(status, stat_addr))
		ret = -EFAULT;
	return ret;
}

/*
 * Unprivileged user can change uid to the real or saved uid; with
 * CAP_SETUID to anything, and then the saved uid follows.
 */
asmlinkage long sys_setuid(uid_t uid)
{
	int old_euid = current->euid;
	int old_ruid, old_suid, new_suid;

	old_ruid = current->uid;
	old_suid = current->suid;
	new_suid = old_suid;

	if (capable(CAP_SETUID)) {
		if (uid != old_ruid)
			current->uid = uid; /* set_user() */
		new_suid = uid;
	} else if ((uid != current->uid) && (uid != new_suid)) {
		return -EPERM;
	}

	current->fsuid = current->euid = uid;
	current->suid = new_suid;

	return security_task_post_setuid(old_ruid, old_euid, old_suid,
					 LSM_SETID_ID);
}

/*
 * Unprivileged: the real uid may become the effective one, the effective
 * uid the real, effective or saved one.  The saved uid becomes the new
 * effective uid when the real uid is set, or the effective uid is set to
 * something other than the old real uid.
 */
asmlinkage long sys_setreuid(uid_t ruid, uid_t euid)
{
	int old_ruid, old_euid, old_suid, new_ruid, new_euid;

	new_ruid = old_ruid = current->uid;
	new_euid = old_euid = current->euid;
	old_suid = current->suid;

	if (ruid != (uid_t)-1) {
		new_ruid = ruid;
		if ((old_ruid != ruid) && (current->euid != ruid) &&
		    !capable(CAP_SETUID))
			return -EPERM;
	}

	if (euid != (uid_t)-1) {
		new_euid = euid;
		if ((old_ruid != euid) && (current->euid != euid) &&
		    (current->suid != euid) && !capable(CAP_SETUID))
			return -EPERM;
	}

	if (new_ruid != old_ruid)
		current->uid = new_ruid; /* set_user() */
	current->fsuid = current->euid = new_euid;
	if (ruid != (uid_t)-1 || (euid != (uid_t)-1 && euid != old_ruid))
		current->suid = current->euid;
	current->fsuid = current->euid;

	return security_task_post_setuid(old_ruid, old_euid, old_suid,
					 LSM_SETID_RE);
}

/*
 * Each of the three may be -1 (unchanged); without CAP_SETUID each new
 * value must be one of the current real, effective or saved uids.
 */
asmlinkage long sys_setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	int old_ruid = current->uid;
	int old_euid = current->euid;
	int old_suid = current->suid;

	if (!capable(CAP_SETUID)) {
		if ((ruid != (uid_t)-1) && (ruid != current->uid) &&
		    (ruid != current->euid) && (ruid != current->suid))
			return -EPERM;
		if ((euid != (uid_t)-1) && (euid != current->uid) &&
		    (euid != current->euid) && (euid != current->suid))
			return -EPERM;
		if ((suid != (uid_t)-1) && (suid != current->uid) &&
		    (suid != current->euid) && (suid != current->suid))
			return -EPERM;
	}
	if (ruid != (uid_t)-1) {
		if (ruid != current->uid)
			current->uid = ruid; /* set_user() */
	}
	if (euid != (uid_t)-1)
		current->euid = euid;
	current->fsuid = current->euid;
	if (suid != (uid_t)-1)
		current->suid = suid;

	return security_task_post_setuid(old_ruid, old_euid, old_suid,
					 LSM_SETID_RES);
}

asmlinkage long sys_getresuid(uid_t __user *ruid, uid_t __user *euid,
			      uid_t __user *suid)
{
	int retval;

	if (!(retval = put_user(current->uid, ruid)) &&
	    !(retval = put_user(current->euid, euid)))
		retval = put_user(current->suid, suid);

	return retval;
}

/* prctl(2): only the options about capabilities across setuid. */
asmlinkage long sys_prctl(int option, unsigned long arg2, unsigned long arg3,
			  unsigned long arg4, unsigned long arg5)
{
	long error = 0;

	switch (option) {
	case PR_GET_KEEPCAPS:
		if (current->keep_capabilities)
			error = 1;
		break;
	case PR_SET_KEEPCAPS:
		if (arg2 != 0 && arg2 != 1) {
			error = -EINVAL;
			break;
		}
		current->keep_capabilities = arg2;
		break;
	default:
		error = -EINVAL;
		break;
	}
	return error;
}

typedef long (*syscall_fn)(long, long, long, long, long, long);

#define SYSCALL(nr, fn) [nr] = (syscall_fn)(fn)

static const syscall_fn sys_call_table[] = {
	SYSCALL(SIM_NR_mmap, sys_mmap),
	SYSCALL(SIM_NR_munmap, sys_munmap),
	SYSCALL(SIM_NR_getpid, sys_getpid),
	SYSCALL(SIM_NR_clone, sys_clone),
	SYSCALL(SIM_NR_fork, sys_fork),
	SYSCALL(SIM_NR_exit, sys_exit),
	SYSCALL(SIM_NR_wait4, sys_wait4),
	SYSCALL(SIM_NR_setuid, sys_setuid),
	SYSCALL(SIM_NR_setreuid, sys_setreuid),
	SYSCALL(SIM_NR_setresuid, sys_setresuid),
	SYSCALL(SIM_NR_getresuid, sys_getresuid),
	SYSCALL(SIM_NR_prctl, sys_prctl),
	SYSCALL(SIM_NR_move_pages, sys_move_pages),
	SYSCALL(SIM_NR_mbind, sys_mbind),
	SYSCALL(SIM_NR_set_mempolicy, sys_set_mempolicy),
	SYSCALL(SIM_NR_get_mempolicy, sys_get_mempolicy),
	SYSCALL(SIM_NR_migrate_pages, sys_migrate_pages),
};

long sim_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	long ret;

	if (nr < 0 || nr >= (long)ARRAY_SIZE(sys_call_table) ||
	    !sys_call_table[nr])
		return -ENOSYS;
	if (current->exit_state) /* killed: makes no more calls */
		return -ESRCH;
	sim_ticks_advance(1); /* the kernel entry and exit themselves */
	sim_trace("sys_enter", "NR %ld (%lx, %lx, %lx, %lx, %lx, %lx)", nr, a1,
		  a2, a3, a4, a5, a6);
	ret = sys_call_table[nr](a1, a2, a3, a4, a5, a6);
	sim_trace("sys_exit", "NR %ld = %ld", nr, ret);
	sim_task_return_to_user();
	return ret;
}

/*
 * The task's own loads and stores are user mode: a fault taken there
 * returns to user space, where a pending SIGKILL is delivered.
 */
static long user_access_done(long ret)
{
	if (sim_task_return_to_user())
		return -EFAULT;
	return ret;
}

long sim_user_read(unsigned long addr, void *buf, unsigned long len)
{
	return user_access_done(
		copy_from_user(buf, (const void __user *)addr, len) ? -EFAULT
								    : 0);
}

long sim_user_write(unsigned long addr, const void *buf, unsigned long len)
{
	return user_access_done(
		copy_to_user((void __user *)addr, buf, len) ? -EFAULT : 0);
}

long sim_user_touch(unsigned long addr, int write)
{
	char c;

	if (copy_from_user(&c, (const void __user *)addr, 1))
		return user_access_done(-EFAULT);
	if (write && copy_to_user((void __user *)addr, &c, 1))
		return user_access_done(-EFAULT);
	return user_access_done(0);
}

int sim_page_node(int pid, unsigned long addr)
{
	struct mm_struct *mm;
	pte_t *ptep, pte;
	int ret = -ENOENT;

	if (sim_get_pid_mm(pid, &mm))
		return -ESRCH;
	if (!mm)
		return -ENOENT;
	down_read(&mm->mmap_sem);
	ptep = sim_walk_pte(mm, addr);
	if (ptep) {
		pte = *ptep;
		if (pte_present(pte))
			ret = page_to_nid(pte_page(pte));
		else if (!pte_none(pte) && !pte_file(pte) &&
			 is_migration_entry(pte_to_swp_entry(pte)))
			ret = -EAGAIN;
	}
	up_read(&mm->mmap_sem);
	mmput(mm);
	return ret;
}
