/*
 * tests/kernel/test_zombies.c - exit, zombies and wait4() (kernel/pid.c):
 * an exited child stays findable by pid with no mm until its parent
 * reaps it, so 2.6.20's move_pages and migrate_pages answer -EINVAL for
 * it and -ESRCH only once it is reaped.
 */
#include "mmtest.h"

static long wait4(long pid, int options)
{
	return sim_syscall(SIM_NR_wait4, pid, 0, options, 0, 0, 0);
}

/* The parent forks a child that exits at once; returns the child's pid. */
static int fork_and_exit(int parent)
{
	long child;

	mmt_enter(parent);
	child = sim_syscall(SIM_NR_fork, 0, 0, 0, 0, 0, 0);
	KT_ASSERT(child > 0);
	mmt_enter(child);
	sim_syscall(SIM_NR_exit, 0, 0, 0, 0, 0, 0);
	mmt_enter(parent);
	return child;
}

static long migrate_pages_0_to_1(int pid)
{
	unsigned long masks = mmt_mmap(1), from = 1, to = 2;

	KT_ASSERT_INT_EQ(sim_user_write(masks, &from, 8), 0);
	KT_ASSERT_INT_EQ(sim_user_write(masks + 8, &to, 8), 0);
	return sim_syscall(SIM_NR_migrate_pages, pid, 3, masks, masks + 8, 0,
			   0);
}

KTEST(exited_child_is_a_zombie_without_mm_until_reaped)
{
	struct task_struct *zombie;
	int parent, child;

	mmt_boot(2, 16 << 20);
	parent = mmt_task("parent", 1000, 0, 0);
	child = fork_and_exit(parent);
	zombie = find_task_by_pid(child);
	KT_ASSERT(zombie != NULL);
	KT_ASSERT_INT_EQ(zombie->exit_state, EXIT_ZOMBIE);
	KT_ASSERT_NULL(zombie->mm);
	/* a zombie runs no more */
	KT_ASSERT_INT_EQ(sim_task_enter(child), -ESRCH);
	mmt_enter(parent);
	KT_ASSERT_INT_EQ(wait4(child, 0), child);
	KT_ASSERT_NULL(find_task_by_pid(child));
	KT_ASSERT_INT_EQ(wait4(child, 0), -ECHILD);
}

KTEST(move_pages_on_a_zombie_is_einval_and_on_a_reaped_child_esrch)
{
	struct mmt_mp mp;
	int parent, child;

	mmt_boot(2, 16 << 20);
	parent = mmt_task("parent", 1000, 0, 0);
	child = fork_and_exit(parent);
	mp = mmt_mp_alloc(1);
	mmt_mp_set(&mp, mmt_mmap(1), 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(child, &mp, 1, MPOL_MF_MOVE), -EINVAL);
	KT_ASSERT_INT_EQ(migrate_pages_0_to_1(child), -EINVAL);
	KT_ASSERT_INT_EQ(wait4(child, 0), child);
	KT_ASSERT_INT_EQ(mmt_move_pages(child, &mp, 1, MPOL_MF_MOVE), -ESRCH);
	KT_ASSERT_INT_EQ(migrate_pages_0_to_1(child), -ESRCH);
}

KTEST(wait4_without_a_matching_child_is_echild_and_wnohang_returns_0)
{
	int parent, child;
	long running;

	mmt_boot(1, 16 << 20);
	parent = mmt_task("parent", 1000, 0, 0);
	mmt_enter(parent);
	KT_ASSERT_INT_EQ(wait4(-1, 0), -ECHILD);
	running = sim_syscall(SIM_NR_fork, 0, 0, 0, 0, 0, 0);
	KT_ASSERT(running > 0);
	KT_ASSERT_INT_EQ(wait4(running, SIM_WNOHANG), 0);
	KT_ASSERT_INT_EQ(wait4(running + 100, SIM_WNOHANG), -ECHILD);
	KT_ASSERT_INT_EQ(wait4(-1, 0x1000), -EINVAL);
	child = fork_and_exit(parent);
	/* any child: the zombie, not the one still running */
	KT_ASSERT_INT_EQ(wait4(-1, SIM_WNOHANG), child);
}

KTEST(a_parents_exit_gives_its_zombies_to_init_which_reaps_them)
{
	int parent, child;

	mmt_boot(1, 16 << 20);
	parent = mmt_task("parent", 1000, 0, 0);
	child = fork_and_exit(parent);
	KT_ASSERT(find_task_by_pid(child) != NULL);
	sim_syscall(SIM_NR_exit, 0, 0, 0, 0, 0, 0);
	KT_ASSERT_NULL(find_task_by_pid(child));
	/* the parent, a child of init, was reaped at once */
	KT_ASSERT_NULL(find_task_by_pid(parent));
}

KTEST(a_thread_is_reaped_when_it_exits)
{
	long thread;
	int app;

	mmt_boot(1, 16 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	thread = sim_syscall(SIM_NR_clone, SIM_CLONE_VM, 0, 0, 0, 0, 0);
	KT_ASSERT(thread > 0);
	mmt_enter(thread);
	sim_syscall(SIM_NR_exit, 0, 0, 0, 0, 0, 0);
	KT_ASSERT_NULL(find_task_by_pid(thread));
	mmt_enter(app);
	KT_ASSERT_INT_EQ(wait4(thread, 0), -ECHILD);
}
