/*
 * tests/kernel/test_move_pages.c - the seed's sys_move_pages end to end,
 * called through the simulated system-call path with its arrays in user
 * memory: anonymous pages really move between nodes, with page tables,
 * rmap and LRU underneath, and every error path is reachable.
 */
#include "mmtest.h"

KTEST(move_4096_anon_pages_from_node0_to_node1)
{
	unsigned long nr = 4096, i, addr, free_before, pt_before, pt_after;
	struct mmt_mp mp;
	struct mm_struct *mm;
	long ret;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mm = current->mm;
	mp = mmt_mp_alloc(nr);
	addr = mmt_mmap(nr);
	mmt_mp_set(&mp, addr, 1);
	mmt_quiesce();
	free_before = sim_node_free_pages(0);
	pt_before = node_page_state(0, NR_PAGETABLE);

	mmt_fill(addr, nr);
	for (i = 0; i < nr; i++)
		KT_ASSERT_INT_EQ(
			sim_page_node(current->pid, addr + i * PAGE_SIZE), 0);

	ret = mmt_move_pages(0, &mp, 1, MPOL_MF_MOVE);
	KT_ASSERT_INT_EQ(ret, 0);
	for (i = 0; i < nr; i++) {
		KT_ASSERT_INT_EQ(mmt_status(&mp, i), 1);
		KT_ASSERT_INT_EQ(
			sim_page_node(current->pid, addr + i * PAGE_SIZE), 1);
	}

	/* the seed's do_pages_stat agrees */
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 0, 0), 0);
	for (i = 0; i < nr; i++)
		KT_ASSERT_INT_EQ(mmt_status(&mp, i), 1);

	KT_ASSERT_INT_EQ(mmt_check(addr, nr), 0);

	mmt_quiesce();
	for (i = 0; i < nr; i++) {
		pte_t *ptep = mmt_pte(mm, addr + i * PAGE_SIZE);
		struct page *page;

		KT_ASSERT_NONNULL(ptep);
		KT_ASSERT(!mmt_is_migration_pte(*ptep));
		page = pte_page(*ptep);
		/* one pte maps it and the pte is its only reference */
		KT_ASSERT_INT_EQ(page_mapcount(page), 1);
		KT_ASSERT_INT_EQ(page_count(page), 1);
		KT_ASSERT(PageLRU(page));
		KT_ASSERT(PageAnon(page));
	}
	pt_after = node_page_state(0, NR_PAGETABLE);
	KT_ASSERT_INT_EQ(sim_node_free_pages(0),
			 free_before - (pt_after - pt_before));
	mmt_expect_clean();
}

KTEST(unmapped_address_gets_status_enoent_or_efault)
{
	struct mmt_mp mp;
	unsigned long addr;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(2);
	addr = mmt_mmap(2);
	mmt_fill(addr, 1);
	/* page 1 of the mapping was never touched: no page there */
	mmt_mp_set(&mp, addr, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, 0), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 1);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 1), -ENOENT);
}

/*
 * The seed copies the status array out only when the call succeeded, so a
 * bad entry is observed beside one good page that makes it succeed.
 */
static unsigned long one_good_page_then(struct mmt_mp *mp, unsigned long bad,
					int bad_node)
{
	unsigned long good = mmt_mmap(1);
	unsigned long a[2] = {good, bad};
	int nodes[2] = {1, bad_node};

	mmt_fill(good, 1);
	KT_ASSERT_INT_EQ(sim_user_write(mp->pages, a, sizeof(a)), 0);
	KT_ASSERT_INT_EQ(sim_user_write(mp->nodes, nodes, sizeof(nodes)), 0);
	return good;
}

KTEST(address_above_every_vma_gets_status_efault)
{
	struct mmt_mp mp;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(2);
	one_good_page_then(&mp, TASK_SIZE - PAGE_SIZE, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, 0), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 1);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 1), -EFAULT);
}

KTEST(nothing_isolated_returns_enoent_and_writes_no_status)
{
	struct mmt_mp mp;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(1);
	mmt_mp_set(&mp, TASK_SIZE - PAGE_SIZE, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, 0), -ENOENT);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 0x7777);
}

KTEST(zero_page_gets_status_enoent)
{
	struct mmt_mp mp;
	unsigned long addr;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(2);
	addr = mmt_mmap(1);
	KT_ASSERT_INT_EQ(sim_user_touch(addr, 0), 0); /* maps ZERO_PAGE */
	one_good_page_then(&mp, addr, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, 0), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 1);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 1), -ENOENT);
}

KTEST(page_already_on_target_node_gets_its_node_and_nothing_moves)
{
	struct mmt_mp mp;
	unsigned long addr;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(2);
	addr = mmt_mmap(1);
	mmt_fill(addr, 1);
	one_good_page_then(&mp, addr, 0);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, 0), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 1), 0);
	KT_ASSERT_INT_EQ(sim_page_node(current->pid, addr), 0);
}

KTEST(bad_flags_give_einval)
{
	struct mmt_mp mp;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(1);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, MPOL_MF_STRICT), -EINVAL);
}

KTEST(kernel_thread_without_mm_gives_einval)
{
	struct sim_task_config tc = {.name = "kthread"};
	int kpid;
	struct mmt_mp mp;

	mmt_boot(2, 64 << 20);
	kpid = sim_task_create(&tc, 1);
	KT_ASSERT(kpid > 0);
	mmt_enter(mmt_task("root", 0, 1u << CAP_SYS_NICE, 0));
	mp = mmt_mp_alloc(1);
	KT_ASSERT_INT_EQ(mmt_move_pages(kpid, &mp, 1, 0), -EINVAL);
}

KTEST(move_all_without_cap_sys_nice_gives_eperm)
{
	struct mmt_mp mp;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(1);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, MPOL_MF_MOVE_ALL), -EPERM);
}

KTEST(another_users_task_gives_eperm)
{
	struct mmt_mp mp;
	int other;

	mmt_boot(2, 64 << 20);
	other = mmt_task("other", 2000, 0, 0);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(1);
	KT_ASSERT_INT_EQ(mmt_move_pages(other, &mp, 1, 0), -EPERM);
}

KTEST(unknown_pid_gives_esrch)
{
	struct mmt_mp mp;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(1);
	KT_ASSERT_INT_EQ(mmt_move_pages(4242, &mp, 1, 0), -ESRCH);
}

KTEST(offline_node_gives_enodev)
{
	struct mmt_mp mp;
	unsigned long addr;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(1);
	addr = mmt_mmap(1);
	mmt_fill(addr, 1);
	mmt_mp_set(&mp, addr, 5);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, 0), -ENODEV);
	/* no status is written on this path */
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 0x7777);
}

KTEST(node_outside_target_cpuset_gives_eacces)
{
	struct mmt_mp mp;
	unsigned long addr;
	int pid;

	mmt_boot(2, 64 << 20);
	pid = mmt_task("app", 1000, 0, 0);
	KT_ASSERT_INT_EQ(sim_task_set_mems_allowed(pid, 1), 0);
	mmt_enter(pid);
	mp = mmt_mp_alloc(1);
	addr = mmt_mmap(1);
	mmt_fill(addr, 1);
	mmt_mp_set(&mp, addr, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, 0), -EACCES);
}

KTEST(unmapped_pages_array_gives_efault)
{
	struct mmt_mp mp;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(1);
	mp.pages = TASK_SIZE - 64; /* nothing mapped there */
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, 0), -EFAULT);
}

KTEST(unmapped_nodes_array_gives_efault)
{
	struct mmt_mp mp;
	unsigned long addr;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(1);
	addr = mmt_mmap(1);
	mmt_fill(addr, 1);
	mmt_mp_set(&mp, addr, 1);
	mp.nodes = TASK_SIZE - 64;
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, 0), -EFAULT);
}

KTEST(unmapped_status_array_gives_efault_after_the_move)
{
	struct mmt_mp mp;
	unsigned long addr;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(1);
	addr = mmt_mmap(1);
	mmt_fill(addr, 1);
	mmt_mp_set(&mp, addr, 1);
	mp.status = TASK_SIZE - 64;
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, 0), -EFAULT);
	/* the page moved all the same: only the status copy-out failed */
	KT_ASSERT_INT_EQ(sim_page_node(current->pid, addr), 1);
}

KTEST(huge_page_count_gives_e2big)
{
	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	KT_ASSERT_INT_EQ(
		sim_syscall(SIM_NR_move_pages, 0, ULONG_MAX / 16, 0, 0, 0, 0),
		-E2BIG);
}

KTEST(full_target_node_gives_enomem_and_no_status)
{
	struct mmt_mp mp;
	unsigned long addr, n = 64;
	struct page *hog;

	mmt_boot(2, 16 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(n);
	addr = mmt_mmap(n);
	mmt_fill(addr, n);
	mmt_mp_set(&mp, addr, 1);
	/* eat node 1: GFP_THISNODE allocations there now fail */
	while ((hog = alloc_pages_node(1, GFP_HIGHUSER | GFP_THISNODE, 0)))
		;
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, 0), -ENOMEM);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 0x7777);
	KT_ASSERT_INT_EQ(sim_page_node(current->pid, addr), 0);
	KT_ASSERT_INT_EQ(mmt_check(addr, n), 0);
}
