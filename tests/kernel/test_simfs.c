/*
 * tests/kernel/test_simfs.c - fs/simfs/inode.c: the file verbs and their
 * errors, the flavours' aops and backing devices as reference 4.1/4.3
 * give them, handles as mmap fds, block allocation and truncation, and
 * the life of an unlinked file that is still mapped.
 */
#include "fstest.h"
#include <linux/migrate.h>

KTEST(verbs_check_their_arguments)
{
	char buf[8];
	int fd;

	mmt_boot(2, 64 << 20);
	KT_ASSERT_INT_EQ(sim_file_create("f", "xfs", 0), -EINVAL);
	KT_ASSERT_INT_EQ(sim_file_create("", "ext2", 0), -EINVAL);
	KT_ASSERT_INT_EQ(sim_file_create("a-name-that-is-far-too-long-for-it",
					 "ext2", 0),
			 -ENAMETOOLONG);
	fd = fst_file("f", "ext2", 0);
	KT_ASSERT_INT_EQ(sim_file_create("f", "shmem", 0), -EEXIST);
	KT_ASSERT_INT_EQ(sim_file_open("g"), -ENOENT);
	KT_ASSERT_INT_EQ(sim_file_write(99, 0, buf, 1), -EBADF);
	KT_ASSERT_INT_EQ(sim_file_read(2, 0, buf, 1), -EBADF);
	KT_ASSERT_INT_EQ(sim_file_fsync(1000), -EBADF);
	KT_ASSERT_INT_EQ(sim_file_truncate(fd, 1ULL << 40), -EFBIG);
	KT_ASSERT_INT_EQ(sim_file_close(fd), 0);
	KT_ASSERT_INT_EQ(sim_file_close(fd), -EBADF);
	/* the name outlives the handle */
	fd = sim_file_open("f");
	KT_ASSERT(fd >= 3);
	KT_ASSERT_INT_EQ(sim_file_size(fd), 0);
	/* mmap of a closed handle fails like a bad fd */
	mmt_enter(mmt_task("app", 1000, 0, 0));
	KT_ASSERT_INT_EQ(sim_syscall(SIM_NR_mmap, 0, PAGE_SIZE, PROT_READ,
				     MAP_SHARED, 77, 0),
			 -EBADF);
}

KTEST(flavours_have_the_2006_aops_and_backing_devices)
{
	const struct address_space_operations *a;
	struct address_space *m;

	mmt_boot(2, 64 << 20);
	m = fst_mapping(fst_file("e", "ext2", 0));
	a = m->a_ops;
	KT_ASSERT(a->migratepage == buffer_migrate_page);
	KT_ASSERT(a->writepage && a->readpage && !a->releasepage &&
		  !a->set_page_dirty && a->sync_page == block_sync_page);
	KT_ASSERT(mapping_cap_account_dirty(m) &&
		  mapping_cap_writeback_dirty(m));

	a = fst_mapping(fst_file("n", "nomigrate", 0))->a_ops;
	KT_ASSERT(!a->migratepage && a->writepage && !a->releasepage);

	a = fst_mapping(fst_file("x", "failmigrate", 0))->a_ops;
	KT_ASSERT(a->migratepage == fail_migrate_page);

	m = fst_mapping(fst_file("s", "shmem", 0));
	a = m->a_ops;
	KT_ASSERT(a->migratepage == migrate_page);
	KT_ASSERT(a->set_page_dirty == __set_page_dirty_nobuffers);
	KT_ASSERT(a->writepage && !a->releasepage);
	KT_ASSERT(!mapping_cap_account_dirty(m) &&
		  !mapping_cap_writeback_dirty(m));

	m = fst_mapping(fst_file("r", "ramdisk", 0));
	a = m->a_ops;
	KT_ASSERT(!a->migratepage && a->writepage && a->set_page_dirty &&
		  a->set_page_dirty != __set_page_dirty_nobuffers);
	KT_ASSERT(!mapping_cap_account_dirty(m) &&
		  !mapping_cap_writeback_dirty(m));
}

KTEST(blocks_are_allocated_on_write_and_freed_by_truncate)
{
	struct sim_io_stats st0, st;
	int fd;

	mmt_boot(2, 64 << 20);
	sim_io_stats(&st0);
	fd = fst_file("f", "ext2", 16); /* sparse: no blocks */
	sim_io_stats(&st);
	KT_ASSERT_UINT_EQ(st.free_blocks, st0.free_blocks);
	fst_fill(fd, 0, 4, 0);
	sim_io_stats(&st);
	KT_ASSERT_UINT_EQ(st0.free_blocks - st.free_blocks, 16);
	KT_ASSERT_INT_EQ(sim_file_truncate(fd, 5000), 0);
	sim_io_stats(&st);
	/* 5000 bytes keep 5 blocks of 1 KiB */
	KT_ASSERT_UINT_EQ(st0.free_blocks - st.free_blocks, 5);
	KT_ASSERT_INT_EQ(sim_file_size(fd), 5000);
	KT_ASSERT_INT_EQ(sim_file_nrpages(fd), 2);
	KT_ASSERT_INT_EQ(fst_bad(fd, 0, 1, 0), 0);
	/* growing is sparse again */
	KT_ASSERT_INT_EQ(sim_file_truncate(fd, 1 << 20), 0);
	KT_ASSERT_INT_EQ(sim_file_size(fd), 1 << 20);
	sim_io_stats(&st);
	KT_ASSERT_UINT_EQ(st0.free_blocks - st.free_blocks, 5);
	mmt_expect_clean();
}

KTEST(an_unlinked_mapped_file_lives_until_its_last_mapping_goes)
{
	unsigned long addr, files;
	struct sim_io_stats st0, st;
	int fd;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	sim_io_stats(&st0);
	files = global_page_state(NR_FILE_PAGES);
	fd = fst_file("f", "ext2", 2);
	addr = fst_mmap(fd, 2, MAP_SHARED);
	mmt_fill(addr, 2);
	KT_ASSERT_INT_EQ(sim_file_close(fd), 0);
	KT_ASSERT_INT_EQ(sim_file_unlink("f"), 0);
	KT_ASSERT_INT_EQ(sim_file_open("f"), -ENOENT);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_expect_clean();
	KT_ASSERT_INT_EQ(
		sim_syscall(SIM_NR_munmap, addr, 2 * PAGE_SIZE, 0, 0, 0, 0), 0);
	/* the inode went: its pages and blocks with it */
	fst_quiesce();
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_PAGES), files);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 0);
	sim_io_stats(&st);
	KT_ASSERT_UINT_EQ(st.free_blocks, st0.free_blocks);
	mmt_expect_clean();
}

KTEST(shared_mapping_write_dirties_the_page_once_per_cleaning)
{
	unsigned long addr;
	struct page *page;
	int fd;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	fd = fst_file("f", "ext2", 1);
	addr = fst_mmap(fd, 1, MAP_SHARED);
	/* a read fault maps the page read-only (write notification) */
	KT_ASSERT_INT_EQ(sim_user_touch(addr, 0), 0);
	page = fst_page(fd, 0);
	KT_ASSERT(!PageDirty(page));
	KT_ASSERT(!pte_write(*mmt_pte(current->mm, addr)));
	KT_ASSERT_INT_EQ(sim_user_touch(addr, 1), 0); /* do_wp_page */
	KT_ASSERT(PageDirty(page));
	KT_ASSERT(pte_write(*mmt_pte(current->mm, addr)));
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 1);
	/* writeback cleans it and write-protects the pte again */
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	KT_ASSERT(!PageDirty(page));
	KT_ASSERT(!pte_write(*mmt_pte(current->mm, addr)));
	KT_ASSERT_INT_EQ(sim_user_touch(addr, 1), 0);
	KT_ASSERT(PageDirty(page));
	KT_ASSERT_INT_EQ(get_mm_counter(current->mm, file_rss), 1);
	mmt_expect_clean();
}
