/*
 * tests/kernel/test_inspect.c - the views and the invariant checker:
 * what they show after real work, and that the checker notices broken
 * invariants instead of passing everything.
 */
#include "mmtest.h"

static char text[16384];
static unsigned long text_len;

static void collect(void *ctx, const char *s, unsigned long len)
{
	if (text_len + len >= sizeof(text))
		len = sizeof(text) - 1 - text_len;
	memcpy(text + text_len, s, len);
	text_len += len;
	text[text_len] = 0;
}

static void reset_text(void)
{
	text_len = 0;
	text[0] = 0;
}

static int contains(const char *needle)
{
	unsigned long n = strlen(needle), i;

	for (i = 0; i + n <= text_len; i++)
		if (!memcmp(text + i, needle, n))
			return 1;
	return 0;
}

/* 16 pages written by task app, moved to node 1 */
static unsigned long sixteen_moved_pages(void)
{
	struct mmt_mp mp;
	unsigned long addr;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	mp = mmt_mp_alloc(16);
	addr = mmt_mmap(16);
	mmt_fill(addr, 16);
	mmt_mp_set(&mp, addr, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, 0), 0);
	return addr;
}

KTEST(checker_finds_nothing_wrong_after_move_pages)
{
	sixteen_moved_pages();
	reset_text();
	KT_ASSERT_MSG(sim_check(collect, NULL) == 0, "%s", text);
}

KTEST(checker_finds_nothing_wrong_after_fork_cow_and_exit)
{
	unsigned long addr = sixteen_moved_pages(), word = 1;
	long child = sim_syscall(SIM_NR_fork, 0, 0, 0, 0, 0, 0);

	KT_ASSERT(child > 0);
	mmt_enter(child);
	KT_ASSERT_INT_EQ(sim_user_write(addr, &word, sizeof(word)), 0);
	sim_syscall(SIM_NR_exit, 0, 0, 0, 0, 0, 0);
	reset_text();
	KT_ASSERT_MSG(sim_check(collect, NULL) == 0, "%s", text);
}

KTEST(checker_reports_an_extra_page_reference)
{
	unsigned long addr = sixteen_moved_pages();
	struct page *page = mmt_page(current->mm, addr);

	get_page(page);
	reset_text();
	KT_ASSERT_INT_EQ(sim_check(collect, NULL), 1);
	KT_ASSERT_MSG(contains("count 2, expected 1"), "%s", text);
}

KTEST(checker_reports_a_stale_migration_entry)
{
	unsigned long addr = sixteen_moved_pages();
	pte_t *ptep = mmt_pte(current->mm, addr);
	struct page *page = pte_page(*ptep);
	swp_entry_t entry;

	lock_page(page);
	entry = make_migration_entry(page, 1);
	unlock_page(page);
	set_pte_at(current->mm, addr, ptep, swp_entry_to_pte(entry));
	reset_text();
	KT_ASSERT(sim_check(collect, NULL) >= 1);
	KT_ASSERT_MSG(contains("stale migration entry"), "%s", text);
	KT_ASSERT_MSG(contains("(page not locked)"), "%s", text);
}

KTEST(peek_reads_present_pages_and_faults_nothing_in)
{
	unsigned long addr = sixteen_moved_pages(), fresh = mmt_mmap(1);
	unsigned long word;

	KT_ASSERT_INT_EQ(sim_task_peek(current->pid, addr, &word, 8), 0);
	KT_ASSERT_UINT_EQ(word, mmt_pattern(0, 0));
	KT_ASSERT_INT_EQ(sim_task_peek(current->pid, fresh, &word, 8), -ENOENT);
	KT_ASSERT_NULL(mmt_pte(current->mm, fresh)
			       ? (void *)pte_val(*mmt_pte(current->mm, fresh))
			       : NULL);
}

KTEST(numa_maps_counts_anonymous_pages_per_node)
{
	unsigned long addr = sixteen_moved_pages();
	char line[96];

	lru_add_drain_all();
	reset_text();
	KT_ASSERT_INT_EQ(
		sim_task_show(current->pid, "numa_maps", collect, NULL), 0);
	/*
	 * The move_pages arrays were mapped just below and the two anonymous
	 * mappings merged into one vma, as 2006 vma_merge did: one more page,
	 * clean (never unmapped, so its dirt is still in the pte), on node 0.
	 */
	snprintf(line, sizeof(line),
		 "%08lx default anon=17 dirty=16 N0=1 N1=16\n",
		 addr - PAGE_SIZE);
	KT_ASSERT_MSG(contains(line), "%s", text);
}

KTEST(pte_view_shows_the_walk_down_to_the_node)
{
	unsigned long addr = sixteen_moved_pages();

	reset_text();
	KT_ASSERT_INT_EQ(sim_pte_show(current->pid, addr, collect, NULL), 0);
	KT_ASSERT_MSG(contains("present rw user"), "%s", text);
	KT_ASSERT_MSG(contains("node=1\n"), "%s", text);
}

KTEST(page_view_names_the_flags)
{
	unsigned long addr = sixteen_moved_pages();

	lru_add_drain_all();
	reset_text();
	KT_ASSERT_INT_EQ(sim_page_show(current->pid, addr, collect, NULL), 0);
	KT_ASSERT_MSG(contains("count 1 mapcount 1"), "%s", text);
	KT_ASSERT_MSG(contains("lru"), "%s", text);
	KT_ASSERT_MSG(contains("mapping anon_vma"), "%s", text);
}

KTEST(vmstat_is_read_by_its_2006_name)
{
	sixteen_moved_pages();
	KT_ASSERT(sim_vmstat("nr_anon_pages") >= 16);
	KT_ASSERT(sim_vmstat("pgfault") > 0);
	KT_ASSERT_INT_EQ(sim_vmstat("no_such_counter"), -1);
}
