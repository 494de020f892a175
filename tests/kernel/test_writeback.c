/*
 * tests/kernel/test_writeback.c - mm/page-writeback.c and the disk model:
 * fsync writes every dirty page and waits; the DIRTY and WRITEBACK tags
 * and NR_FILE_DIRTY/NR_WRITEBACK follow the pages; held I/O keeps a page
 * under writeback until released; latency moves the clock when a task
 * waits; an injected write error sets PG_error and AS_EIO and fsync
 * reports it; pdflush (sim_writeback_run) writes back on demand and is
 * asked for by balance_dirty_pages; the periodic mode; mappings without
 * writeback (shmem, ramdisk) are passed by.
 */
#include "fstest.h"

KTEST(fsync_writes_every_dirty_page_and_waits)
{
	struct address_space *mapping;
	struct sim_io_stats st0, st;
	unsigned long i;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 8);
	mapping = fst_mapping(fd);
	fst_fill(fd, 0, 8, 0);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 8);
	KT_ASSERT(mapping_tagged(mapping, PAGECACHE_TAG_DIRTY));
	sim_io_stats(&st0);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	sim_io_stats(&st);
	/* 8 pages of 4 blocks of 1 KiB each */
	KT_ASSERT_UINT_EQ(st.writes - st0.writes, 32);
	KT_ASSERT_UINT_EQ(st.in_flight, 0);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 0);
	KT_ASSERT_UINT_EQ(global_page_state(NR_WRITEBACK), 0);
	KT_ASSERT(!mapping_tagged(mapping, PAGECACHE_TAG_DIRTY));
	KT_ASSERT(!mapping_tagged(mapping, PAGECACHE_TAG_WRITEBACK));
	for (i = 0; i < 8; i++) {
		struct page *page = fst_page(fd, i);

		KT_ASSERT(!PageDirty(page) && !PageWriteback(page));
		KT_ASSERT(PageUptodate(page));
	}
	/* nothing left to write */
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	sim_io_stats(&st0);
	KT_ASSERT_UINT_EQ(st0.writes, st.writes);
	/* drop the cache: the data comes back from the disk */
	KT_ASSERT_UINT_EQ(invalidate_mapping_pages(mapping, 0, ~0UL), 8);
	KT_ASSERT_INT_EQ(fst_bad(fd, 0, 8, 0), 0);
	mmt_expect_clean();
}

KTEST(held_writes_keep_the_page_under_writeback_until_released)
{
	struct address_space *mapping;
	struct page *page;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 1);
	mapping = fst_mapping(fd);
	fst_fill(fd, 0, 1, 0);
	page = fst_page(fd, 0);
	sim_io_hold(1);
	KT_ASSERT_INT_EQ(sim_writeback_run(0), 1);
	KT_ASSERT(PageWriteback(page));
	KT_ASSERT(!PageDirty(page));
	KT_ASSERT(!PageLocked(page));
	KT_ASSERT_UINT_EQ(global_page_state(NR_WRITEBACK), 1);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 0);
	KT_ASSERT(radix_tree_tag_get(&mapping->page_tree, 0,
				     PAGECACHE_TAG_WRITEBACK));
	KT_ASSERT(!radix_tree_tag_get(&mapping->page_tree, 0,
				      PAGECACHE_TAG_DIRTY));
	KT_ASSERT_INT_EQ(sim_io_in_flight(), 4);
	/* nobody can complete it, not even a waiter's unplug */
	KT_ASSERT_INT_EQ(sim_io_complete_all(), 0);
	KT_ASSERT(PageWriteback(page));
	mmt_expect_clean(); /* counted consistently while in flight */

	KT_ASSERT_INT_EQ(sim_io_release(), 4);
	KT_ASSERT(!PageWriteback(page));
	KT_ASSERT_UINT_EQ(global_page_state(NR_WRITEBACK), 0);
	KT_ASSERT(!radix_tree_tag_get(&mapping->page_tree, 0,
				      PAGECACHE_TAG_WRITEBACK));
	mmt_expect_clean();
}

KTEST(latency_completes_when_the_waiter_unplugs_and_moves_the_clock)
{
	struct page *page;
	unsigned long long t0;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "nomigrate", 2);
	fst_fill(fd, 0, 2, 0);
	sim_io_latency(500);
	t0 = sim_ticks();
	KT_ASSERT_INT_EQ(sim_writeback_run(0), 2);
	page = fst_page(fd, 1);
	KT_ASSERT(PageWriteback(page));
	KT_ASSERT_INT_EQ(sim_io_run(), 0); /* not due yet */
	/* fsync's wait unplugs: everything completes, time has passed */
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	KT_ASSERT(!PageWriteback(page));
	KT_ASSERT(sim_ticks() >= t0 + 500);
	KT_ASSERT(sim_event_count("blk_unplug") > 0);

	/* the clock alone delivers them too, when the host runs the queue */
	fst_fill(fd, 0, 1, 1);
	KT_ASSERT_INT_EQ(sim_writeback_run(0), 1);
	KT_ASSERT_INT_EQ(sim_io_in_flight(), 4);
	sim_ticks_advance(500);
	KT_ASSERT_INT_EQ(sim_io_run(), 4);
	KT_ASSERT(!PageWriteback(fst_page(fd, 0)));
	mmt_expect_clean();
}

KTEST(injected_write_error_sets_pg_error_and_as_eio_and_fsync_reports_it)
{
	struct address_space *mapping;
	struct buffer_head *bh;
	struct page *page;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 2);
	mapping = fst_mapping(fd);
	fst_fill(fd, 0, 2, 0);
	sim_io_fail_next(1);
	KT_ASSERT_INT_EQ(sim_writeback_run(0), 2);
	page = fst_page(fd, 0);
	KT_ASSERT(PageError(page));
	KT_ASSERT(!PageWriteback(page));
	KT_ASSERT(test_bit(AS_EIO, &mapping->flags));
	bh = page_buffers(page);
	KT_ASSERT(buffer_write_io_error(bh));
	KT_ASSERT(!buffer_uptodate(bh));
	KT_ASSERT(!PageError(fst_page(fd, 1)));
	/* fsync reports the error once, and clears AS_EIO */
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), -EIO);
	KT_ASSERT(!test_bit(AS_EIO, &mapping->flags));
	mmt_expect_clean();
}

KTEST(fsync_of_a_page_written_with_an_error_returns_eio)
{
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "nomigrate", 1);
	fst_fill(fd, 0, 1, 0);
	sim_io_fail_next(4);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), -EIO);
	KT_ASSERT(PageError(fst_page(fd, 0)));
	mmt_expect_clean();
}

/*
 * 2006's writepage loop (mpage_writepages) stops after nr_to_write pages
 * only at the end of the pagevec it is working through: asked for 3
 * pages, pdflush writes the 14 of its first gang lookup.
 */
KTEST(dirtying_past_the_background_ratio_asks_pdflush_which_runs_on_demand)
{
	int fd, saved = dirty_background_ratio;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 20);
	dirty_background_ratio = 0;
	fst_fill(fd, 0, 20, 0);
	dirty_background_ratio = saved;
	KT_ASSERT(sim_event_count("wakeup_pdflush") > 0);
	KT_ASSERT(sim_writeback_pending() > 0);
	/* nothing happened by itself */
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 20);
	KT_ASSERT_INT_EQ(sim_writeback_run(3), PAGEVEC_SIZE);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 20 - PAGEVEC_SIZE);
	KT_ASSERT_INT_EQ(sim_writeback_pending(), 0);
	KT_ASSERT_INT_EQ(sim_writeback_run(0), 20 - PAGEVEC_SIZE);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 0);
	KT_ASSERT_INT_EQ(sim_writeback_run(0), 0);
	mmt_expect_clean();
}

KTEST(periodic_writeback_runs_when_its_interval_has_passed)
{
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 4);
	fst_fill(fd, 0, 4, 0);
	KT_ASSERT_INT_EQ(sim_writeback_tick(), 0); /* off */
	sim_writeback_periodic(1000);
	KT_ASSERT_INT_EQ(sim_writeback_tick(), 0); /* not yet */
	sim_ticks_advance(999);
	KT_ASSERT_INT_EQ(sim_writeback_tick(), 0);
	sim_ticks_advance(1);
	KT_ASSERT_INT_EQ(sim_writeback_tick(), 4);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 0);
	mmt_expect_clean();
}

KTEST(shmem_and_ramdisk_pages_are_not_written_back)
{
	struct sim_io_stats st0, st;
	int shm, rd;

	mmt_boot(2, 64 << 20);
	shm = fst_file("shm", "shmem", 2);
	rd = fst_file("rd", "ramdisk", 2);
	fst_fill(shm, 0, 2, 0);
	fst_fill(rd, 0, 2, 0);
	/* dirty, but neither accounts dirty pages */
	KT_ASSERT(PageDirty(fst_page(shm, 0)));
	KT_ASSERT(PageDirty(fst_page(rd, 1)));
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 0);
	KT_ASSERT(radix_tree_tag_get(&fst_mapping(shm)->page_tree, 0,
				     PAGECACHE_TAG_DIRTY));
	/* ramdisk_set_page_dirty sets PG_dirty only: no tag */
	KT_ASSERT(!radix_tree_tag_get(&fst_mapping(rd)->page_tree, 1,
				      PAGECACHE_TAG_DIRTY));
	sim_io_stats(&st0);
	KT_ASSERT_INT_EQ(sim_writeback_run(0), 0);
	KT_ASSERT_INT_EQ(sim_file_fsync(shm), 0);
	KT_ASSERT_INT_EQ(sim_file_fsync(rd), 0);
	sim_io_stats(&st);
	KT_ASSERT_UINT_EQ(st.writes, st0.writes);
	KT_ASSERT(PageDirty(fst_page(shm, 0)));
	KT_ASSERT(PageDirty(fst_page(rd, 1)));
	KT_ASSERT_INT_EQ(fst_bad(shm, 0, 2, 0), 0);
	KT_ASSERT_INT_EQ(fst_bad(rd, 0, 2, 0), 0);
	mmt_expect_clean();
}
