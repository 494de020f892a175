/*
 * tests/kernel/test_migrate_file.c - the seed's migrate.c on page-cache
 * pages, one flavour of reference section 4.3 per path:
 *   ext2        buffer_migrate_page hands every buffer head to the new page
 *   nomigrate   fallback_migrate_page: a dirty page goes through writeout()
 *               (-EAGAIN) and migrates on a later pass; with the disk's
 *               latency the forced passes wait for the writeback; with
 *               I/O held the mover sleeps in wait_on_page_writeback until
 *               another task releases the I/O
 *   failmigrate fail_migrate_page: -EIO in the status array
 *   ramdisk     writeout()'s AOP_WRITEPAGE_ACTIVATE branch: never migrates
 *   shmem       MAP_SHARED|MAP_ANONYMOUS with migrate_page: both sharers
 *               see the new node
 * and truncate of a mapped page, private file mappings (COW).
 */
#include "fstest.h"

/* Boot, make "app", map nr pages of a new file of this flavour shared. */
static unsigned long setup(const char *flavour, unsigned long nr, int *fdp,
			   int *app)
{
	unsigned long addr;

	mmt_boot(2, 64 << 20);
	*app = mmt_task("app", 1000, 0, 0);
	mmt_enter(*app);
	*fdp = fst_file("f", flavour, nr);
	addr = fst_mmap(*fdp, nr, MAP_SHARED);
	return addr;
}

static long move_all_to(unsigned long addr, unsigned long nr, int node,
			struct mmt_mp *mp)
{
	*mp = mmt_mp_alloc(nr);
	mmt_mp_set(mp, addr, node);
	return mmt_move_pages(0, mp, 1, MPOL_MF_MOVE);
}

KTEST(ext2_pages_move_with_every_buffer_head)
{
	unsigned long addr, i, nr = 4;
	struct page *old[4], *page;
	struct buffer_head *bh, *head;
	struct mmt_mp mp;
	int fd, app, n;

	addr = setup("ext2", nr, &fd, &app);
	mmt_fill(addr, nr); /* write faults: dirty shared pages */
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0); /* buffers, clean */
	for (i = 0; i < nr; i++) {
		old[i] = fst_page(fd, i);
		KT_ASSERT(PagePrivate(old[i]));
		KT_ASSERT_INT_EQ(page_to_nid(old[i]), 0);
	}
	/* dirty pages 1 and 3 again through the mapping (same bytes) */
	KT_ASSERT_INT_EQ(sim_user_touch(addr + PAGE_SIZE, 1), 0);
	KT_ASSERT_INT_EQ(sim_user_touch(addr + 3 * PAGE_SIZE, 1), 0);
	KT_ASSERT(PageDirty(old[1]) && !PageDirty(old[0]));

	KT_ASSERT_INT_EQ(move_all_to(addr, nr, 1, &mp), 0);
	fst_quiesce();
	for (i = 0; i < nr; i++) {
		KT_ASSERT_INT_EQ(mmt_status(&mp, i), 1);
		page = fst_page(fd, i);
		KT_ASSERT(page != old[i]);
		KT_ASSERT_INT_EQ(page_to_nid(page), 1);
		KT_ASSERT_PTR_EQ(mmt_page(current->mm, addr + i * PAGE_SIZE),
				 page);
		/* section 8: cache + buffers + one pte */
		KT_ASSERT(PagePrivate(page));
		KT_ASSERT_INT_EQ(page_count(page), 3);
		KT_ASSERT_INT_EQ(page_mapcount(page), 1);
		KT_ASSERT(PageLRU(page));
		KT_ASSERT_INT_EQ(!!PageDirty(page), i == 1 || i == 3);
		n = 0;
		bh = head = page_buffers(page);
		do {
			KT_ASSERT_PTR_EQ(bh->b_page, page);
			KT_ASSERT_PTR_EQ(bh->b_data,
					 (char *)page_address(page) + n * 1024);
			KT_ASSERT(!buffer_locked(bh));
			KT_ASSERT_INT_EQ(atomic_read(&bh->b_count), 0);
			KT_ASSERT_INT_EQ(!!buffer_dirty(bh), i == 1 || i == 3);
			n++;
			bh = bh->b_this_page;
		} while (bh != head);
		KT_ASSERT_INT_EQ(n, 4);
	}
	/* the dirty state and tag moved with the radix-tree slot */
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 2);
	KT_ASSERT(radix_tree_tag_get(&fst_mapping(fd)->page_tree, 3,
				     PAGECACHE_TAG_DIRTY));
	KT_ASSERT_INT_EQ(mmt_check(addr, nr), 0);
	mmt_expect_clean();
	/* and what moved is what gets written */
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	KT_ASSERT_UINT_EQ(invalidate_mapping_pages(fst_mapping(fd), 0, ~0UL),
			  0); /* (mapped: nothing dropped) */
	KT_ASSERT_INT_EQ(fst_bad(fd, 0, nr, 0), 0);
}

KTEST(dirty_fallback_page_is_written_out_then_migrates)
{
	struct sim_io_stats st0, st;
	unsigned long addr;
	struct page *page;
	struct mmt_mp mp;
	int fd, app;

	addr = setup("nomigrate", 1, &fd, &app);
	mmt_fill(addr, 1);
	page = fst_page(fd, 0);
	KT_ASSERT(PageDirty(page));
	/* the fault read the hole in with block_read_full_page: buffers */
	KT_ASSERT(PagePrivate(page));
	sim_io_stats(&st0);
	/*
	 * pass 0: writeout() (-EAGAIN), the write completes at once (no
	 * latency); pass 1: clean, its new buffers released, migrate_page.
	 */
	KT_ASSERT_INT_EQ(move_all_to(addr, 1, 1, &mp), 0);
	sim_io_stats(&st);
	KT_ASSERT_UINT_EQ(st.writes - st0.writes, 4);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 1);
	fst_quiesce();
	page = fst_page(fd, 0);
	KT_ASSERT_INT_EQ(page_to_nid(page), 1);
	KT_ASSERT(!PageDirty(page));
	KT_ASSERT(!PagePrivate(page)); /* try_to_release_page freed them */
	KT_ASSERT_INT_EQ(page_count(page), 2); /* cache + pte */
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 1);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	mmt_expect_clean();
}

KTEST(with_latency_the_forced_passes_wait_for_writeback)
{
	unsigned long addr, waits;
	struct mmt_mp mp;
	int fd, app;

	addr = setup("nomigrate", 1, &fd, &app);
	mmt_fill(addr, 1);
	sim_io_latency(1000);
	waits = sim_event_count("wait_on_page_bit");
	/*
	 * pass 0 starts the write; passes 1 and 2 skip the page under
	 * writeback; pass 3 (force) waits, which unplugs the disk.
	 */
	KT_ASSERT_INT_EQ(move_all_to(addr, 1, 1, &mp), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 1);
	KT_ASSERT(sim_event_count("wait_on_page_bit") > waits);
	KT_ASSERT(sim_ticks() >= 1000);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 1);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	mmt_expect_clean();
}

KTEST(with_io_held_the_page_moves_only_after_another_task_releases_it)
{
	static struct mmt_mover m;
	unsigned long addr, waits;
	long t;
	int fd, app;

	addr = setup("nomigrate", 1, &fd, &app);
	mmt_fill(addr, 1);
	m.pid = mmt_task("mover", 1000, 0, 1);
	m.target = app;
	mmt_enter(m.pid);
	m.mp = mmt_mp_alloc(1);
	mmt_mp_set(&m.mp, addr, 1);
	mmt_enter(mmt_task("ctl", 0, 0, 0));

	sim_io_hold(1);
	waits = sim_event_count("wait_on_page_bit");
	t = sim_thread_spawn("mover", m.pid, 1, mmt_mover_thread, &m);
	/* the mover sleeps in a forced pass's wait_on_page_writeback */
	while (sim_event_count("wait_on_page_bit") == waits)
		sim_cond_resched();
	KT_ASSERT_INT_EQ(m.done, 0);
	KT_ASSERT(PageWriteback(fst_page(fd, 0)));
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 0);
	KT_ASSERT_INT_EQ(sim_file_page_node(fd, 0), 0);
	KT_ASSERT(sim_io_release() > 0);
	sim_thread_join(t);
	KT_ASSERT_INT_EQ(m.done, 1);
	KT_ASSERT_INT_EQ(m.ret, 0);
	mmt_enter(m.pid);
	KT_ASSERT_INT_EQ(mmt_status(&m.mp, 0), 1);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 1);
	KT_ASSERT_INT_EQ(sim_file_page_node(fd, 0), 1);
	mmt_enter(app);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	mmt_expect_clean();
}

KTEST(fail_migrate_page_gives_eio_in_the_status_array)
{
	unsigned long addr;
	struct mmt_mp mp;
	struct page *page;
	int fd, app;

	addr = setup("failmigrate", 2, &fd, &app);
	mmt_fill(addr, 2);
	page = fst_page(fd, 0);
	/* permanent failures: migrate_pages returns their number */
	KT_ASSERT_INT_EQ(move_all_to(addr, 2, 1, &mp), 2);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), -EIO);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 1), -EIO);
	KT_ASSERT_PTR_EQ(fst_page(fd, 0), page);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 0);
	/* the migration ptes were restored */
	KT_ASSERT_PTR_EQ(mmt_page(current->mm, addr), page);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_expect_clean();
}

KTEST(ramdisk_writepage_activate_keeps_a_dirty_page_from_moving)
{
	unsigned long addr;
	struct mmt_mp mp;
	struct page *page;
	int fd, app;

	addr = setup("ramdisk", 2, &fd, &app);
	mmt_fill(addr, 1); /* page 0 dirty */
	KT_ASSERT_INT_EQ(sim_user_touch(addr + PAGE_SIZE, 0), 0); /* clean */
	page = fst_page(fd, 0);
	KT_ASSERT(PageDirty(page));
	KT_ASSERT(!PageDirty(fst_page(fd, 1)));
	/*
	 * Every pass: writeout() cleans it, ramdisk_writepage re-dirties it
	 * and answers AOP_WRITEPAGE_ACTIVATE with the page still locked (no
	 * relock), -EAGAIN; after ten passes it counts as not migrated.
	 * The clean page migrates by fallback_migrate_page -> migrate_page.
	 */
	KT_ASSERT_INT_EQ(move_all_to(addr, 2, 1, &mp), 1);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), -EAGAIN);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 1), 1);
	KT_ASSERT_PTR_EQ(fst_page(fd, 0), page);
	KT_ASSERT(PageDirty(page));
	KT_ASSERT(!PageLocked(page));
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 0);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr + PAGE_SIZE), 1);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	mmt_expect_clean();
}

KTEST(shared_anonymous_page_migrates_for_both_sharers)
{
	int root, parent, child;
	unsigned long addr;
	struct mmt_mp mp;
	struct page *page;
	long ret;

	mmt_boot(2, 64 << 20);
	root = mmt_task("admin", 0, 1u << CAP_SYS_NICE, 0);
	parent = mmt_task("app", 1000, 0, 0);
	mmt_enter(parent);
	addr = sim_syscall(SIM_NR_mmap, 0, 2 * PAGE_SIZE,
			   PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			   -1, 0);
	KT_ASSERT_MSG((long)addr > 0, "mmap: %ld", (long)addr);
	mmt_fill(addr, 2);
	ret = sim_syscall(SIM_NR_fork, 0, 0, 0, 0, 0, 0);
	KT_ASSERT_MSG(ret > 0, "fork: %ld", ret);
	child = ret;
	/* the child faults the shared pages in from the shmem object */
	mmt_enter(child);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	page = mmt_page(current->mm, addr);
	KT_ASSERT_INT_EQ(page_mapcount(page), 2);
	KT_ASSERT(!PageAnon(page));

	mmt_enter(root);
	mp = mmt_mp_alloc(2);
	mmt_mp_set(&mp, addr, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(parent, &mp, 1, MPOL_MF_MOVE_ALL), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 1);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 1), 1);
	KT_ASSERT_INT_EQ(sim_page_node(parent, addr), 1);
	KT_ASSERT_INT_EQ(sim_page_node(child, addr), 1);
	KT_ASSERT_INT_EQ(sim_page_node(parent, addr + PAGE_SIZE), 1);
	KT_ASSERT_INT_EQ(sim_page_node(child, addr + PAGE_SIZE), 1);

	mmt_enter(child);
	page = mmt_page(current->mm, addr);
	KT_ASSERT_INT_EQ(page_mapcount(page), 2);
	fst_quiesce();
	KT_ASSERT_INT_EQ(page_count(page), 3); /* cache + two ptes */
	/* a write by one is seen by the other */
	mmt_fill(addr, 1);
	mmt_enter(parent);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_expect_clean();
}

KTEST(truncate_unmaps_mapped_pages_and_drops_them_from_the_cache)
{
	unsigned long addr, i, files;
	char c;
	int fd, app;

	addr = setup("ext2", 4, &fd, &app);
	mmt_fill(addr, 4);
	fst_quiesce();
	files = global_page_state(NR_FILE_PAGES);
	KT_ASSERT_INT_EQ(sim_file_nrpages(fd), 4);
	KT_ASSERT_INT_EQ(sim_file_truncate(fd, PAGE_SIZE + 100), 0);
	KT_ASSERT_INT_EQ(sim_file_nrpages(fd), 2);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_PAGES), files - 2);
	for (i = 2; i < 4; i++) {
		pte_t *ptep = mmt_pte(current->mm, addr + i * PAGE_SIZE);

		KT_ASSERT(!ptep || pte_none(*ptep));
		KT_ASSERT_NULL(fst_page(fd, i));
	}
	/* the straddling page stays mapped; its tail past EOF is zeroed */
	KT_ASSERT_NONNULL(mmt_page(current->mm, addr + PAGE_SIZE));
	KT_ASSERT_INT_EQ(sim_user_read(addr + PAGE_SIZE + 200, &c, 1), 0);
	KT_ASSERT_INT_EQ(c, 0);
	/* beyond EOF a fault is SIGBUS: the access fails */
	KT_ASSERT_INT_EQ(sim_user_read(addr + 2 * PAGE_SIZE, &c, 1), -EFAULT);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	mmt_expect_clean();
}

KTEST(private_file_mapping_copies_on_write_and_leaves_the_file_alone)
{
	unsigned long addr;
	struct page *page, *fpage;
	int fd, app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	fd = fst_file("f", "ext2", 2);
	fst_fill(fd, 0, 2, 0);
	addr = fst_mmap(fd, 2, MAP_PRIVATE);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0); /* read faults */
	fpage = fst_page(fd, 0);
	KT_ASSERT_PTR_EQ(mmt_page(current->mm, addr), fpage);
	mmt_fill(addr, 1); /* same data: COW */
	page = mmt_page(current->mm, addr);
	KT_ASSERT(page != fpage);
	KT_ASSERT(PageAnon(page));
	KT_ASSERT_INT_EQ(page_mapcount(fpage), 0);
	/* a private write never reaches the file */
	{
		unsigned long v = 0xdead;

		KT_ASSERT_INT_EQ(sim_user_write(addr + PAGE_SIZE, &v, 8), 0);
	}
	KT_ASSERT_INT_EQ(fst_bad(fd, 0, 2, 0), 0);
	KT_ASSERT(PageAnon(mmt_page(current->mm, addr + PAGE_SIZE)));
	KT_ASSERT_INT_EQ(get_mm_counter(current->mm, anon_rss), 2);
	KT_ASSERT_INT_EQ(get_mm_counter(current->mm, file_rss), 0);
	mmt_expect_clean();
	/* munmap and close: the file's pages stay cached, nobody maps them */
	KT_ASSERT_INT_EQ(
		sim_syscall(SIM_NR_munmap, addr, 2 * PAGE_SIZE, 0, 0, 0, 0), 0);
	KT_ASSERT_INT_EQ(sim_file_close(fd), 0);
	mmt_expect_clean();
}
