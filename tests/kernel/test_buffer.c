/*
 * tests/kernel/test_buffer.c - fs/buffer.c: a written page of an
 * ext2-like file carries four 1 KiB buffer heads (PG_private, one page
 * reference); try_to_free_buffers refuses busy buffers and frees clean
 * ones (dropping that reference); lock_buffer sleeps until unlock_buffer;
 * a partial write of a block on disk reads it first; a write error shows
 * as BH_Write_EIO and AS_EIO.
 */
#include "fstest.h"

KTEST(a_written_page_has_four_dirty_mapped_buffers_and_a_reference)
{
	struct buffer_head *bh, *head;
	struct page *page;
	int fd, n = 0;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 1);
	fst_fill(fd, 0, 1, 0);
	fst_quiesce();
	page = fst_page(fd, 0);
	KT_ASSERT(PagePrivate(page));
	KT_ASSERT(PageDirty(page));
	KT_ASSERT(PageUptodate(page));
	KT_ASSERT_INT_EQ(page_count(page), 2); /* cache + buffers */
	bh = head = page_buffers(page);
	do {
		KT_ASSERT_PTR_EQ(bh->b_page, page);
		KT_ASSERT_UINT_EQ(bh_offset(bh), n * 1024);
		KT_ASSERT_UINT_EQ(bh->b_size, 1024);
		KT_ASSERT(buffer_mapped(bh) && buffer_uptodate(bh) &&
			  buffer_dirty(bh));
		KT_ASSERT(bh->b_blocknr != 0);
		n++;
		bh = bh->b_this_page;
	} while (bh != head);
	KT_ASSERT_INT_EQ(n, 4);
	mmt_expect_clean();
}

KTEST(try_to_free_buffers_refuses_busy_buffers_and_frees_clean_ones)
{
	struct buffer_head *bh;
	struct page *page;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 1);
	fst_fill(fd, 0, 1, 0);
	fst_quiesce();
	page = fst_page(fd, 0);
	lock_page(page);
	KT_ASSERT_INT_EQ(try_to_release_page(page, GFP_KERNEL), 0); /* dirty */
	unlock_page(page);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);

	lock_page(page);
	bh = page_buffers(page);
	get_bh(bh);
	KT_ASSERT_INT_EQ(try_to_free_buffers(page), 0); /* referenced */
	put_bh(bh);
	KT_ASSERT_INT_EQ(try_to_free_buffers(page), 1);
	KT_ASSERT(!PagePrivate(page));
	KT_ASSERT_UINT_EQ(page_private(page), 0);
	KT_ASSERT_INT_EQ(page_count(page), 1);
	unlock_page(page);
	/* the data is on the disk; the page reads it again on demand */
	KT_ASSERT_UINT_EQ(invalidate_mapping_pages(fst_mapping(fd), 0, 0), 1);
	KT_ASSERT_INT_EQ(fst_bad(fd, 0, 1, 0), 0);
	mmt_expect_clean();
}

struct locker {
	int pid;
	struct buffer_head *bh;
	volatile int unlocked, saw_unlocked, done;
};

static void second_locker(void *arg)
{
	struct locker *l = arg;

	sim_task_enter(l->pid);
	lock_buffer(l->bh);
	l->saw_unlocked = __atomic_load_n(&l->unlocked, __ATOMIC_ACQUIRE);
	unlock_buffer(l->bh);
	__atomic_store_n(&l->done, 1, __ATOMIC_RELEASE);
}

KTEST(lock_buffer_sleeps_until_unlock_buffer)
{
	static struct locker l;
	struct sim_task_config tc = {.name = "locker", .cpu = 1};
	struct page *page;
	long t;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 1);
	fst_fill(fd, 0, 1, 0);
	page = fst_page(fd, 0);
	l.bh = page_buffers(page)->b_this_page;
	l.pid = sim_task_create(&tc, 1);
	lock_buffer(l.bh);
	t = sim_thread_spawn("locker", l.pid, 1, second_locker, &l);
	while (!sim_event_count("lock_buffer_wait"))
		sim_cond_resched();
	KT_ASSERT_INT_EQ(l.done, 0);
	__atomic_store_n(&l.unlocked, 1, __ATOMIC_RELEASE);
	unlock_buffer(l.bh);
	sim_thread_join(t);
	KT_ASSERT_INT_EQ(l.saw_unlocked, 1);
	KT_ASSERT(!buffer_locked(l.bh));
	mmt_expect_clean();
}

KTEST(a_partial_write_reads_the_block_from_disk_first)
{
	struct sim_io_stats st0, st;
	char c = 'x', buf[PAGE_SIZE];
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 1);
	fst_fill(fd, 0, 1, 0);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	KT_ASSERT_UINT_EQ(invalidate_mapping_pages(fst_mapping(fd), 0, 0), 1);
	sim_io_stats(&st0);
	/* one byte into block 2: block_prepare_write reads block 2 only */
	KT_ASSERT_INT_EQ(sim_file_write(fd, 2048 + 10, &c, 1), 1);
	sim_io_stats(&st);
	KT_ASSERT_UINT_EQ(st.reads - st0.reads, 1);
	KT_ASSERT_INT_EQ(sim_file_read(fd, 0, buf, PAGE_SIZE), PAGE_SIZE);
	KT_ASSERT(buf[2058] == 'x');
	/* the rest of the block and page came from the disk */
	KT_ASSERT_UINT_EQ(((unsigned long *)buf)[2048 / 8],
			  mmt_pattern(0, 2048 / 8));
	KT_ASSERT_UINT_EQ(((unsigned long *)buf)[0], mmt_pattern(0, 0));
	mmt_expect_clean();
}

KTEST(write_error_leaves_bh_write_eio_which_try_to_free_buffers_reports)
{
	struct address_space *mapping;
	struct page *page;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 1);
	mapping = fst_mapping(fd);
	fst_fill(fd, 0, 1, 0);
	sim_io_fail_next(1);
	KT_ASSERT_INT_EQ(sim_writeback_run(0), 1);
	page = fst_page(fd, 0);
	KT_ASSERT(buffer_write_io_error(page_buffers(page)));
	clear_bit(AS_EIO, &mapping->flags);
	lock_page(page);
	KT_ASSERT_INT_EQ(try_to_free_buffers(page), 1);
	unlock_page(page);
	/* drop_buffers saw BH_Write_EIO: AS_EIO again */
	KT_ASSERT(test_bit(AS_EIO, &mapping->flags));
	mmt_expect_clean();
}
