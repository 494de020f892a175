/*
 * tests/kernel/test_migration_race.c - real threads: a writer keeps
 * incrementing a counter in every page of a range while a mover moves the
 * range back and forth between two nodes.  The writer must never lose a
 * write, and it must sometimes wait in the seed's migration_entry_wait.
 */
#include "mmtest.h"

#define RACE_PAGES 16
#define RACE_MOVES 100
/*
 * The window a writer must hit is a few hundred nanoseconds per page and
 * move; on a busy host 100 moves can miss it.  Keep moving (up to this
 * many) until the writer has waited at least once: the test is about the
 * race being reachable and harmless, not about its frequency.
 */
#define RACE_MAX_MOVES 50000

struct race {
	int writer_pid, mover_pid;
	unsigned long addr;
	volatile int stop;
	volatile long lost, writes, move_errors, moves;
	volatile unsigned long expect[RACE_PAGES];
};

static void writer(void *arg)
{
	struct race *r = arg;
	unsigned long i, v;

	sim_task_enter(r->writer_pid);
	while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
		for (i = 0; i < RACE_PAGES; i++) {
			unsigned long a = r->addr + i * PAGE_SIZE;
			if (sim_user_read(a, &v, sizeof(v)) ||
			    v != r->expect[i])
				r->lost++;
			v = r->expect[i] + 1;
			if (sim_user_write(a, &v, sizeof(v)))
				r->lost++;
			r->expect[i] = v;
			r->writes++;
		}
	}
}

static void mover(void *arg)
{
	struct race *r = arg;
	struct mmt_mp mp;
	int n;

	sim_task_enter(r->mover_pid);
	mp = mmt_mp_alloc(RACE_PAGES);
	for (n = 0;
	     n < RACE_MOVES ||
	     (!sim_event_count("migration_entry_wait") && n < RACE_MAX_MOVES);
	     n++) {
		long ret;
		mmt_mp_set(&mp, r->addr, (n + 1) % 2);
		ret = mmt_move_pages(r->writer_pid, &mp, 1, MPOL_MF_MOVE);
		if (ret < 0 && ret != -ENOENT)
			r->move_errors++;
	}
	r->moves = n;
	__atomic_store_n(&r->stop, 1, __ATOMIC_RELEASE);
}

KTEST(writer_loses_nothing_while_its_pages_move_at_least_100_times)
{
	static struct race r;
	long w, m;
	unsigned long i, waits;
	struct mm_struct *mm;

	mmt_boot(2, 64 << 20);
	r.writer_pid = mmt_task("writer", 1000, 0, 0);
	r.mover_pid = mmt_task("mover", 1000, 0, 1);
	mmt_enter(r.writer_pid);
	mm = current->mm;
	r.addr = mmt_mmap(RACE_PAGES);
	for (i = 0; i < RACE_PAGES; i++)
		KT_ASSERT_INT_EQ(sim_user_write(r.addr + i * PAGE_SIZE,
						(void *)&r.expect[i], 8),
				 0);

	w = sim_thread_spawn("writer", r.writer_pid, 0, writer, &r);
	m = sim_thread_spawn("mover", r.mover_pid, 1, mover, &r);
	sim_thread_join(m);
	sim_thread_join(w);

	waits = sim_event_count("migration_entry_wait");
	sim_ktest_note("race: moves=%ld writes=%ld migration_entry_wait=%lu",
		       r.moves, r.writes, waits);
	KT_ASSERT_INT_EQ(r.lost, 0);
	KT_ASSERT_INT_EQ(r.move_errors, 0);
	KT_ASSERT(waits > 0);

	mmt_enter(r.writer_pid);
	lru_add_drain_all();
	for (i = 0; i < RACE_PAGES; i++) {
		pte_t *ptep = mmt_pte(mm, r.addr + i * PAGE_SIZE);
		struct page *page;
		unsigned long v;

		KT_ASSERT(ptep && pte_present(*ptep));
		page = pte_page(*ptep);
		KT_ASSERT_INT_EQ(page_mapcount(page), 1);
		KT_ASSERT_INT_EQ(page_count(page), 1);
		KT_ASSERT_INT_EQ(sim_user_read(r.addr + i * PAGE_SIZE, &v, 8),
				 0);
		KT_ASSERT_UINT_EQ(v, r.expect[i]);
	}
	mmt_expect_clean();
}
