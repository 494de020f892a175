/*
 * tests/kernel/test_move_pages_shared.c - pages shared copy-on-write after
 * fork: plain MPOL_MF_MOVE leaves them (-EACCES), MPOL_MF_MOVE_ALL from a
 * CAP_SYS_NICE task moves them for parent and child at once, and COW still
 * breaks correctly afterwards.
 */
#include "mmtest.h"

struct shared_setup {
	int parent, child, root;
	unsigned long addr;
};

static struct shared_setup fork_with_one_shared_page(void)
{
	struct shared_setup s;
	long child;

	mmt_boot(2, 64 << 20);
	s.root = mmt_task("admin", 0, 1u << CAP_SYS_NICE, 0);
	s.parent = mmt_task("app", 1000, 0, 0);
	mmt_enter(s.parent);
	s.addr = mmt_mmap(1);
	mmt_fill(s.addr, 1);
	child = sim_syscall(SIM_NR_fork, 0, 0, 0, 0, 0, 0);
	KT_ASSERT_MSG(child > 0, "fork: %ld", child);
	s.child = child;
	return s;
}

KTEST(shared_cow_page_is_not_moved_without_move_all)
{
	struct shared_setup s = fork_with_one_shared_page();
	struct mmt_mp mp = mmt_mp_alloc(2);
	struct page *page = mmt_page(current->mm, s.addr);
	unsigned long private = mmt_mmap(1);
	unsigned long a[2] = {s.addr, private};
	int nodes[2] = {1, 1};

	KT_ASSERT_INT_EQ(page_mapcount(page), 2);
	/* a page of the parent's own beside it, so that the call succeeds
	 * and the seed copies the statuses out */
	mmt_fill(private, 1);
	KT_ASSERT_INT_EQ(sim_user_write(mp.pages, a, sizeof(a)), 0);
	KT_ASSERT_INT_EQ(sim_user_write(mp.nodes, nodes, sizeof(nodes)), 0);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, MPOL_MF_MOVE), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), -EACCES);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 1), 1);
	KT_ASSERT_INT_EQ(sim_page_node(s.parent, s.addr), 0);
	KT_ASSERT_INT_EQ(sim_page_node(s.child, s.addr), 0);
}

KTEST(move_all_by_cap_sys_nice_moves_the_shared_page_for_both)
{
	struct shared_setup s = fork_with_one_shared_page();
	struct mmt_mp mp;

	mmt_enter(s.root);
	mp = mmt_mp_alloc(1);
	mmt_mp_set(&mp, s.addr, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(s.parent, &mp, 1, MPOL_MF_MOVE_ALL), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 1);
	KT_ASSERT_INT_EQ(sim_page_node(s.parent, s.addr), 1);
	KT_ASSERT_INT_EQ(sim_page_node(s.child, s.addr), 1);

	mmt_enter(s.parent);
	KT_ASSERT_INT_EQ(mmt_check(s.addr, 1), 0);
	mmt_enter(s.child);
	KT_ASSERT_INT_EQ(mmt_check(s.addr, 1), 0);
	KT_ASSERT_INT_EQ(page_mapcount(mmt_page(current->mm, s.addr)), 2);
}

KTEST(child_write_after_move_all_breaks_cow)
{
	struct shared_setup s = fork_with_one_shared_page();
	struct mmt_mp mp;
	struct page *parent_page, *child_page;
	unsigned long word = 0xc0ffee, got;
	struct mm_struct *parent_mm;

	mmt_enter(s.root);
	mp = mmt_mp_alloc(1);
	mmt_mp_set(&mp, s.addr, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(s.parent, &mp, 1, MPOL_MF_MOVE_ALL), 0);

	mmt_enter(s.parent);
	parent_mm = current->mm;
	mmt_enter(s.child);
	KT_ASSERT_INT_EQ(sim_user_write(s.addr, &word, sizeof(word)), 0);

	child_page = mmt_page(current->mm, s.addr);
	parent_page = mmt_page(parent_mm, s.addr);
	KT_ASSERT(child_page != parent_page);
	KT_ASSERT_INT_EQ(page_mapcount(child_page), 1);
	KT_ASSERT_INT_EQ(page_mapcount(parent_page), 1);
	KT_ASSERT_INT_EQ(sim_user_read(s.addr, &got, sizeof(got)), 0);
	KT_ASSERT_UINT_EQ(got, word);

	mmt_enter(s.parent);
	KT_ASSERT_INT_EQ(mmt_check(s.addr, 1), 0);
	mmt_expect_clean();
}
