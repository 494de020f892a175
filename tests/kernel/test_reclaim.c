/*
 * tests/kernel/test_reclaim.c - page reclaim (mm/vmscan.c): sim_reclaim's
 * passes over the LRU lists free clean page-cache pages, write dirty ones
 * first, unmap mapped file pages, and swap anonymous pages out when swap
 * is on (and leave them when it is not); direct reclaim in __alloc_pages
 * lets a task touch more anonymous memory than the machine has, where
 * without swap the same allocation fails; a GFP_THISNODE allocation
 * still gives up without reclaim.  kswapd (opt-in, cfg.kswapd): an
 * allocation below pages_low wakes it and it refills the zone above
 * pages_high with no direct reclaim in the allocating task; without it
 * (the default) the wake-up is only counted.  The checker runs after
 * each scenario.
 */
#include "fstest.h"
#include <linux/vmstat.h>
#include <linux/gfp.h>

static int app_task(void)
{
	int app = mmt_task("app", 1000, 0, 0);

	mmt_enter(app);
	return app;
}

static unsigned long event(enum vm_event_item item)
{
	return vm_events[item].counter;
}

static unsigned long pgsteal(void)
{
	return event(PGSTEAL_DMA) + event(PGSTEAL_DMA32) +
	       event(PGSTEAL_NORMAL);
}

KTEST(reclaim_frees_clean_page_cache_pages_without_io)
{
	struct sim_io_stats st0, st;
	unsigned long steal;
	long freed;
	int fd;

	mmt_boot(1, 64 << 20);
	app_task();
	fd = fst_file("f", "ext2", 64);
	fst_fill(fd, 0, 64, 7);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	KT_ASSERT_INT_EQ(sim_file_nrpages(fd), 64);
	sim_io_stats(&st0);
	steal = pgsteal();

	freed = sim_reclaim(0, 32);
	KT_ASSERT_MSG(freed >= 32, "freed %ld", freed);
	sim_io_stats(&st);
	KT_ASSERT_UINT_EQ(st.writes, st0.writes); /* clean: no I/O */
	KT_ASSERT_INT_EQ(sim_file_nrpages(fd), 64 - freed);
	KT_ASSERT_UINT_EQ(pgsteal() - steal, freed);
	mmt_expect_clean();
	/* what was dropped is read back from the disk */
	KT_ASSERT_INT_EQ(fst_bad(fd, 0, 64, 7), 0);
	sim_io_stats(&st0);
	KT_ASSERT_UINT_EQ(st0.reads - st.reads, freed * 4);
	mmt_expect_clean();
	KT_ASSERT_INT_EQ(sim_reclaim(5, 1), -EINVAL);
	KT_ASSERT_INT_EQ(sim_reclaim(0, 0), 0);
}

KTEST(reclaim_writes_dirty_page_cache_pages_out_then_frees_them)
{
	struct sim_io_stats st0, st;
	long freed;
	int fd;

	mmt_boot(1, 64 << 20);
	app_task();
	fd = fst_file("f", "ext2", 16);
	fst_fill(fd, 0, 16, 3);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 16);
	sim_io_stats(&st0);

	freed = sim_reclaim(-1, 16);
	KT_ASSERT_INT_EQ(freed, 16);
	sim_io_stats(&st);
	KT_ASSERT_UINT_EQ(st.writes - st0.writes, 16 * 4); /* pageout() */
	KT_ASSERT_INT_EQ(sim_file_nrpages(fd), 0);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 0);
	mmt_expect_clean();
	KT_ASSERT_INT_EQ(fst_bad(fd, 0, 16, 3), 0);
	mmt_expect_clean();
}

KTEST(reclaim_unmaps_mapped_file_pages)
{
	struct sim_io_stats st0, st;
	unsigned long addr;
	long freed;
	int fd, app;

	mmt_boot(1, 64 << 20);
	app = app_task();
	fd = fst_file("f", "ext2", 8);
	addr = fst_mmap(fd, 8, MAP_SHARED);
	mmt_fill(addr, 8);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	KT_ASSERT_UINT_EQ(get_mm_counter(current->mm, file_rss), 8);

	freed = sim_reclaim(-1, 8);
	KT_ASSERT_INT_EQ(freed, 8);
	KT_ASSERT_INT_EQ(sim_file_nrpages(fd), 0);
	KT_ASSERT_UINT_EQ(get_mm_counter(current->mm, file_rss), 0);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), -ENOENT);
	mmt_expect_clean();
	/* refaults read the file again */
	sim_io_stats(&st0);
	KT_ASSERT_INT_EQ(mmt_check(addr, 8), 0);
	sim_io_stats(&st);
	KT_ASSERT_UINT_EQ(st.reads - st0.reads, 8 * 4);
	KT_ASSERT_UINT_EQ(get_mm_counter(current->mm, file_rss), 8);
	mmt_expect_clean();
}

KTEST(reclaim_swaps_anonymous_pages_only_when_swap_is_on)
{
	unsigned long addr, i, swapped = 0, nr = 128;
	struct mm_struct *mm;
	long freed;

	mmt_boot(1, 64 << 20);
	app_task();
	mm = current->mm;
	addr = mmt_mmap(nr);
	mmt_fill(addr, nr);

	/* no swap: anonymous memory cannot go anywhere */
	KT_ASSERT_INT_EQ(sim_reclaim(-1, 64), 0);
	KT_ASSERT_UINT_EQ(get_mm_counter(mm, anon_rss), nr);
	mmt_expect_clean();

	KT_ASSERT_INT_EQ(sim_swap_on(256), 0);
	freed = sim_reclaim(-1, 64);
	KT_ASSERT_MSG(freed >= 64, "freed %ld", freed);
	for (i = 0; i < nr; i++)
		if (!mmt_page(mm, addr + i * PAGE_SIZE))
			swapped++;
	KT_ASSERT_MSG(swapped >= 64, "swapped %lu", swapped);
	KT_ASSERT_UINT_EQ(get_mm_counter(mm, anon_rss), nr - swapped);
	KT_ASSERT(event(PSWPOUT) >= swapped);
	KT_ASSERT_INT_EQ(sim_swap_free(), 256 - swapped);
	mmt_expect_clean();
	KT_ASSERT_INT_EQ(mmt_check(addr, nr), 0);
	mmt_expect_clean();
}

/*
 * Touch pages of [addr, addr + nr pages) one by one; returns how many
 * could be written (the first failed fault ends it).
 */
static unsigned long touch_pages(unsigned long addr, unsigned long nr)
{
	unsigned long buf[PAGE_SIZE / sizeof(unsigned long)];
	unsigned long i, w;

	for (i = 0; i < nr; i++) {
		for (w = 0; w < ARRAY_SIZE(buf); w++)
			buf[w] = mmt_pattern(i, w);
		if (sim_user_write(addr + i * PAGE_SIZE, buf, PAGE_SIZE))
			break;
	}
	return i;
}

/* 8 MiB: 2048 pages, fewer than the task touches */
#define SMALL_MEM (8 << 20)
#define BIG_TOUCH 3000

KTEST(without_reclaimable_memory_the_oom_killer_kills_the_task)
{
	struct sim_machine_config cfg;
	unsigned long addr, done, stalls, free_before;

	/* kswapd marks the zone all_unreclaimable, as 2006's always did */
	sim_machine_defaults(&cfg, 1, SMALL_MEM);
	cfg.kswapd = 1;
	mmt_boot_cfg(&cfg);
	mmt_task("init", 0, 0, 0); /* never the victim */
	free_before = sim_node_free_pages(0);
	app_task();
	addr = mmt_mmap(BIG_TOUCH);
	stalls = event(ALLOCSTALL);
	done = touch_pages(addr, BIG_TOUCH);
	KT_ASSERT_MSG(done > 1000 && done < BIG_TOUCH, "touched %lu", done);
	/* direct reclaim ran, found nothing, and the OOM killer ran */
	KT_ASSERT(event(ALLOCSTALL) > stalls);
	KT_ASSERT_UINT_EQ(event(PSWPOUT), 0);
	KT_ASSERT_UINT_EQ(sim_event_count("oom_kill"), 1);
	/* the victim (app, the biggest) exited and its memory came back */
	KT_ASSERT(current->exit_state);
	KT_ASSERT_NULL(current->mm);
	KT_ASSERT_MSG(sim_node_free_pages(0) + 64 > free_before,
		      "free %lu, before %lu", sim_node_free_pages(0),
		      free_before);
	mmt_expect_clean();
}

KTEST(direct_reclaim_lets_the_allocation_succeed_by_swapping)
{
	unsigned long addr, stalls;

	mmt_boot(1, SMALL_MEM);
	KT_ASSERT_INT_EQ(sim_swap_on(4096), 0);
	app_task();
	addr = mmt_mmap(BIG_TOUCH);
	stalls = event(ALLOCSTALL);
	KT_ASSERT_UINT_EQ(touch_pages(addr, BIG_TOUCH), BIG_TOUCH);
	KT_ASSERT(event(ALLOCSTALL) > stalls);
	KT_ASSERT(event(PSWPOUT) > 0);
	KT_ASSERT(sim_swap_free() < 4096);
	mmt_expect_clean();
	/* every page still holds its data, swapped in as needed */
	KT_ASSERT_INT_EQ(mmt_check(addr, BIG_TOUCH), 0);
	KT_ASSERT(event(PSWPIN) > 0);
	mmt_expect_clean();
}

KTEST(direct_reclaim_drops_clean_page_cache_for_anonymous_memory)
{
	unsigned long addr, cache = 1500, anon = 1200;
	int fd;

	mmt_boot(1, SMALL_MEM);
	app_task();
	/* most of the machine in clean page cache, no swap */
	fd = fst_file("big", "ext2", cache);
	fst_fill(fd, 0, cache, 1);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	/* (writing it already made reclaim drop some of the first pages) */
	KT_ASSERT(sim_file_nrpages(fd) > 1000);
	addr = mmt_mmap(anon);
	KT_ASSERT_UINT_EQ(touch_pages(addr, anon), anon);
	KT_ASSERT(sim_file_nrpages(fd) < 2048 - (long)anon);
	KT_ASSERT_UINT_EQ(event(PSWPOUT), 0);
	mmt_expect_clean();
	KT_ASSERT_INT_EQ(mmt_check(addr, anon), 0);
	KT_ASSERT_INT_EQ(fst_bad(fd, 0, cache, 1), 0);
	mmt_expect_clean();
}

KTEST(gfp_thisnode_gives_up_without_reclaim)
{
	unsigned long stalls, held = 0;
	struct page *page;
	LIST_HEAD(pages);
	int fd;

	mmt_boot(1, SMALL_MEM);
	app_task();
	/* reclaimable memory: clean page cache */
	fd = fst_file("f", "ext2", 512);
	fst_fill(fd, 0, 512, 1);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	/* take free memory down below the watermarks, without reclaim */
	while ((page = alloc_pages_node(0, GFP_NOWAIT | __GFP_NOWARN, 0))) {
		list_add(&page->lru, &pages);
		held++;
	}
	KT_ASSERT(held > 0);
	stalls = event(ALLOCSTALL);

	/* 2006's order: GFP_THISNODE gives up before any reclaim */
	page = alloc_pages_node(0, GFP_HIGHUSER | GFP_THISNODE, 0);
	KT_ASSERT_NULL(page);
	KT_ASSERT_UINT_EQ(event(ALLOCSTALL), stalls);
	KT_ASSERT_INT_EQ(sim_file_nrpages(fd), 512);

	/* an ordinary sleeping allocation reclaims page cache and succeeds */
	page = alloc_pages_node(0, GFP_HIGHUSER, 0);
	KT_ASSERT_NONNULL(page);
	KT_ASSERT(event(ALLOCSTALL) > stalls);
	KT_ASSERT(sim_file_nrpages(fd) < 512);
	__free_page(page);

	while (!list_empty(&pages)) {
		page = list_entry(pages.next, struct page, lru);
		list_del(&page->lru);
		__free_page(page);
	}
	mmt_expect_clean();
	KT_ASSERT_INT_EQ(fst_bad(fd, 0, 512, 1), 0);
	mmt_expect_clean();
}

/* The populated zone of node 0 (one zone on a small machine). */
static struct zone *node0_zone(void)
{
	struct zone *zone;

	for (zone = NODE_DATA(0)->node_zones;
	     zone < NODE_DATA(0)->node_zones + MAX_NR_ZONES; zone++)
		if (populated_zone(zone))
			return zone;
	return NULL;
}

/*
 * Write pages of [addr, addr + nr pages) one by one (mmt_pattern) until
 * an allocation has called wakeup_kswapd; returns the pages written.
 */
static unsigned long touch_until_wakeup(unsigned long addr, unsigned long nr)
{
	unsigned long buf[PAGE_SIZE / sizeof(unsigned long)];
	unsigned long wakeups = sim_event_count("kswapd_wakeup");
	unsigned long i, w;

	for (i = 0; i < nr; i++) {
		if (sim_event_count("kswapd_wakeup") != wakeups)
			break;
		for (w = 0; w < ARRAY_SIZE(buf); w++)
			buf[w] = mmt_pattern(i, w);
		if (sim_user_write(addr + i * PAGE_SIZE, buf, PAGE_SIZE))
			break;
	}
	return i;
}

KTEST(kswapd_refills_the_zone_without_direct_reclaim)
{
	struct sim_machine_config cfg;
	unsigned long stalls, runs, wakeups, held = 0, cache = 1200;
	struct zone *zone;
	struct page *page;
	LIST_HEAD(pages);
	int fd;

	sim_machine_defaults(&cfg, 1, SMALL_MEM);
	cfg.kswapd = 1;
	mmt_boot_cfg(&cfg);
	KT_ASSERT_NONNULL(NODE_DATA(0)->kswapd);
	sim_kswapd_quiesce(); /* kswapd0 is asleep on kswapd_wait */
	KT_ASSERT(NODE_DATA(0)->kswapd->flags & PF_KSWAPD);
	KT_ASSERT(NODE_DATA(0)->kswapd->flags & PF_MEMALLOC);
	KT_ASSERT(NODE_DATA(0)->kswapd->flags & PF_SWAPWRITE);
	KT_ASSERT_NULL(NODE_DATA(0)->kswapd->mm);
	KT_ASSERT(!strcmp(NODE_DATA(0)->kswapd->comm, "kswapd0"));
	app_task();
	/* reclaimable memory: clean page cache */
	fd = fst_file("f", "ext2", cache);
	fst_fill(fd, 0, cache, 5);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	sim_kswapd_quiesce();
	zone = node0_zone();
	KT_ASSERT_NONNULL(zone);
	stalls = event(ALLOCSTALL);
	runs = sim_event_count("kswapd_run");
	wakeups = sim_event_count("kswapd_wakeup");

	/* down to pages_low: the allocation that finds it wakes kswapd */
	while (sim_event_count("kswapd_wakeup") == wakeups &&
	       (page = alloc_pages_node(0, GFP_KERNEL, 0))) {
		list_add(&page->lru, &pages);
		held++;
	}
	KT_ASSERT(sim_event_count("kswapd_wakeup") > wakeups);
	sim_kswapd_quiesce();
	KT_ASSERT(sim_event_count("kswapd_run") > runs);
	KT_ASSERT(event(PAGEOUTRUN) > 0);
	KT_ASSERT(event(KSWAPD_STEAL) > 0);
	KT_ASSERT(sim_file_nrpages(fd) < (long)cache);
	KT_ASSERT_MSG(zone->free_pages >= zone->pages_high, "free %lu high %lu",
		      zone->free_pages, zone->pages_high);
	/* the allocating task never reclaimed itself */
	KT_ASSERT_UINT_EQ(event(ALLOCSTALL), stalls);

	while (!list_empty(&pages)) {
		page = list_entry(pages.next, struct page, lru);
		list_del(&page->lru);
		__free_page(page);
	}
	mmt_expect_clean();
	KT_ASSERT_INT_EQ(fst_bad(fd, 0, cache, 5), 0);
	mmt_expect_clean();
}

/*
 * 2006's balance_pgdat goes round loop_again until the node is balanced
 * or its zones are declared dead: anonymous memory with no swap to go to
 * keeps kswapd scanning until pages_scanned passes six times the LRU,
 * and then it marks the zone all_unreclaimable (what lets the OOM killer
 * run) and sleeps.
 */
KTEST(kswapd_declares_a_zone_of_unswappable_memory_all_unreclaimable)
{
	struct sim_machine_config cfg;
	unsigned long addr, done;
	struct zone *zone;

	sim_machine_defaults(&cfg, 1, SMALL_MEM);
	cfg.kswapd = 1;
	mmt_boot_cfg(&cfg);
	app_task();
	zone = node0_zone();
	KT_ASSERT_NONNULL(zone);
	addr = mmt_mmap(BIG_TOUCH);
	done = touch_until_wakeup(addr, BIG_TOUCH);
	KT_ASSERT_MSG(done > 1000 && done < BIG_TOUCH, "touched %lu", done);
	sim_kswapd_quiesce();
	KT_ASSERT_MSG(zone->all_unreclaimable, "pages_scanned %lu, lru %lu",
		      zone->pages_scanned, zone->nr_active + zone->nr_inactive);
	KT_ASSERT(zone->pages_scanned >=
		  (zone->nr_active + zone->nr_inactive) * 6);
	KT_ASSERT_UINT_EQ(event(PSWPOUT), 0);
	KT_ASSERT_UINT_EQ(get_mm_counter(current->mm, anon_rss), done);
	mmt_expect_clean();
}

KTEST(without_kswapd_the_wakeup_is_only_counted)
{
	unsigned long addr, done;

	mmt_boot(1, SMALL_MEM);
	KT_ASSERT_NULL(NODE_DATA(0)->kswapd);
	KT_ASSERT_INT_EQ(sim_swap_on(4096), 0);
	app_task();
	addr = mmt_mmap(BIG_TOUCH);
	done = touch_until_wakeup(addr, BIG_TOUCH);
	KT_ASSERT_MSG(done > 0 && done < BIG_TOUCH, "touched %lu", done);
	KT_ASSERT(sim_event_count("kswapd_wakeup") > 0);
	sim_kswapd_quiesce(); /* returns at once */
	KT_ASSERT_UINT_EQ(sim_event_count("kswapd_run"), 0);
	KT_ASSERT_UINT_EQ(event(PAGEOUTRUN), 0);
	KT_ASSERT_UINT_EQ(event(KSWAPD_STEAL), 0);
	mmt_expect_clean();
}

/*
 * The free-mode race of issue 12: the task faults in more anonymous
 * memory than the node holds while kswapd0 swaps the same memory out in
 * parallel (real threads), and the checker runs after every chunk,
 * while kswapd may still be in the middle of a pass.  The checker waits
 * for kswapd first; without that wait it found the pages of kswapd's
 * pass (taken out of the swap cache, not yet freed) "leaked" in about
 * one run in four.
 */
KTEST(checker_sees_no_leak_while_kswapd_swaps_in_parallel)
{
	struct sim_machine_config cfg;
	unsigned long addr, done, chunk = 250;

	sim_machine_defaults(&cfg, 1, SMALL_MEM);
	cfg.kswapd = 1;
	mmt_boot_cfg(&cfg);
	KT_ASSERT_INT_EQ(sim_swap_on(4096), 0);
	app_task();
	addr = mmt_mmap(BIG_TOUCH);
	for (done = 0; done < BIG_TOUCH; done += chunk) {
		KT_ASSERT_UINT_EQ(touch_pages(addr + done * PAGE_SIZE, chunk),
				  chunk);
		mmt_expect_clean();
	}
	KT_ASSERT(event(KSWAPD_STEAL) > 0);
	/* each chunk holds its own pattern, swapped in as needed */
	for (done = 0; done < BIG_TOUCH; done += chunk)
		KT_ASSERT_INT_EQ(mmt_check(addr + done * PAGE_SIZE, chunk), 0);
	mmt_expect_clean();
}
