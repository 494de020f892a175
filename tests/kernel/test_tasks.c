/*
 * tests/kernel/test_tasks.c - tasks as the mm sees them: threads share an
 * address space, fork copies it, exit tears it down and gives every page
 * back, kernel threads have none, credentials decide capable().
 */
#include "mmtest.h"

KTEST(clone_vm_thread_shares_the_address_space)
{
	unsigned long addr, word = 42, got = 0;
	struct mm_struct *mm;
	long thread;
	int app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	mm = current->mm;
	addr = mmt_mmap(1);
	thread = sim_syscall(SIM_NR_clone, SIM_CLONE_VM, 0, 0, 0, 0, 0);
	KT_ASSERT(thread > 0);
	mmt_enter(thread);
	KT_ASSERT_PTR_EQ(current->mm, mm);
	KT_ASSERT_INT_EQ(sim_user_write(addr, &word, sizeof(word)), 0);
	/* the thread exits; the address space lives on in the process */
	sim_syscall(SIM_NR_exit, 0, 0, 0, 0, 0, 0);
	KT_ASSERT_INT_EQ(atomic_read(&mm->mm_users), 1);
	KT_ASSERT_INT_EQ(sim_task_peek(app, addr, &got, sizeof(got)), 0);
	KT_ASSERT_UINT_EQ(got, 42);
}

KTEST(exit_gives_every_page_and_page_table_back)
{
	unsigned long free_before, addr;
	int pid;

	mmt_boot(2, 64 << 20);
	pid = mmt_task("app", 1000, 0, 0);
	mmt_quiesce();
	free_before = sim_node_free_pages(0);
	mmt_enter(pid);
	addr = mmt_mmap(300);
	mmt_fill(addr, 300);
	KT_ASSERT(sim_node_free_pages(0) < free_before - 300);
	sim_syscall(SIM_NR_exit, 0, 0, 0, 0, 0, 0);
	KT_ASSERT_INT_EQ(sim_task_enter(pid), -ESRCH);
	sim_task_enter(0);
	mmt_quiesce();
	/* the pgd goes with the mm_struct at mmdrop, once nobody holds it */
	KT_ASSERT_INT_EQ(sim_node_free_pages(0), free_before + 1);
	mmt_expect_clean();
}

KTEST(kernel_thread_has_no_address_space)
{
	struct sim_task_config tc = {.name = "kswapd0"};
	int pid;

	mmt_boot(1, 16 << 20);
	pid = sim_task_create(&tc, 1);
	KT_ASSERT(pid > 0);
	mmt_enter(pid);
	KT_ASSERT_NULL(current->mm);
	KT_ASSERT_INT_EQ(sim_user_touch(0x400000, 0), -EFAULT);
}

KTEST(capable_follows_the_effective_set_and_marks_superpriv)
{
	mmt_boot(1, 16 << 20);
	mmt_enter(mmt_task("user", 1000, 0, 0));
	KT_ASSERT_INT_EQ(capable(CAP_SYS_NICE), 0);
	KT_ASSERT(!(current->flags & PF_SUPERPRIV));
	mmt_enter(mmt_task("admin", 0, 1u << CAP_SYS_NICE, 0));
	KT_ASSERT_INT_EQ(capable(CAP_SYS_NICE), 1);
	KT_ASSERT(current->flags & PF_SUPERPRIV);
}

KTEST(mems_allowed_outside_the_online_nodes_is_refused)
{
	int pid;

	mmt_boot(2, 16 << 20);
	pid = mmt_task("app", 1000, 0, 0);
	KT_ASSERT_INT_EQ(sim_task_set_mems_allowed(pid, 1ULL << 5), -EINVAL);
	KT_ASSERT_INT_EQ(sim_task_set_mems_allowed(pid, 2), 0);
	mmt_enter(pid);
	KT_ASSERT(!node_isset(0, current->mems_allowed));
	KT_ASSERT(node_isset(1, current->mems_allowed));
}
