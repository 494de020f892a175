/*
 * tests/kernel/test_swap.c - swap areas, the swap cache, swap-out and
 * swap-in (mm/swapfile.c, mm/swap_state.c, do_swap_page in mm/memory.c):
 *   swapon and the accounting of slots and swap_map counts;
 *   sim_swap_out of written pages: frames freed, swap ptes left, major
 *   faults read the data back into the swap cache;
 *   fork and swap in both orders: swap_duplicate counts per pte;
 *   munmap and exit give the slots back (free_swap_and_cache,
 *   free_page_and_swap_cache);
 *   a swap write error re-dirties the page and keeps it;
 *   migration of swap-cache pages (reference section 8 and 9.12): the new
 *   page is left unmapped in the swap cache on the target node and the
 *   next access is a minor fault there; under writeback it moves only in
 *   the forced passes.
 * The whole-machine checker runs after each scenario.
 */
#include "mmtest.h"
#include <linux/fs.h>
#include <linux/vmstat.h>

static void boot_with_swap(int nodes, unsigned long slots)
{
	mmt_boot(nodes, 64 << 20);
	KT_ASSERT_INT_EQ(sim_swap_on(slots), 0);
}

/* The swap entry in the pte of addr (BUG if it is none). */
static swp_entry_t swap_entry_at(struct mm_struct *mm, unsigned long addr)
{
	pte_t *ptep = mmt_pte(mm, addr);
	swp_entry_t none = {0};

	if (!ptep || pte_none(*ptep) || pte_present(*ptep) || pte_file(*ptep))
		return none;
	return pte_to_swp_entry(*ptep);
}

static int is_swap_pte_at(struct mm_struct *mm, unsigned long addr)
{
	swp_entry_t entry = swap_entry_at(mm, addr);

	return entry.val && !is_migration_entry(entry) && swp_type(entry) == 0;
}

static unsigned int swap_count(swp_entry_t entry)
{
	return get_swap_info_struct(0)->swap_map[swp_offset(entry)];
}

/* The swap-cache page of entry, without keeping a reference. */
static struct page *swap_cache_page(swp_entry_t entry)
{
	struct page *page = lookup_swap_cache(entry);

	if (page)
		page_cache_release(page);
	return page;
}

static int app_task(void)
{
	int app = mmt_task("app", 1000, 0, 0);

	mmt_enter(app);
	return app;
}

KTEST(swapon_gives_slots_on_the_disk_and_counts_references)
{
	struct sim_io_stats st0, st;
	swp_entry_t a, b;

	mmt_boot(1, 64 << 20);
	KT_ASSERT_INT_EQ(sim_swap_total(), 0);
	KT_ASSERT_INT_EQ(sim_swap_free(), 0);
	KT_ASSERT_INT_EQ(sim_swap_on(0), -EINVAL);
	sim_io_stats(&st0);
	KT_ASSERT_INT_EQ(sim_swap_on(64), 0);
	sim_io_stats(&st);
	/* 64 slots and the header, 4 blocks of 1 KiB each */
	KT_ASSERT_UINT_EQ(st0.free_blocks - st.free_blocks, 65 * 4);
	KT_ASSERT_INT_EQ(sim_swap_on(64), -EBUSY);
	KT_ASSERT_INT_EQ(sim_swap_total(), 64);
	KT_ASSERT_INT_EQ(sim_swap_free(), 64);
	KT_ASSERT_INT_EQ(get_swap_info_struct(0)->swap_map[0], SWAP_MAP_BAD);

	/* the allocator starts at slot 1 and goes on in order */
	a = get_swap_page();
	b = get_swap_page();
	KT_ASSERT_INT_EQ(swp_type(a), 0);
	KT_ASSERT_INT_EQ(swp_offset(a), 1);
	KT_ASSERT_INT_EQ(swp_offset(b), 2);
	KT_ASSERT_INT_EQ(sim_swap_free(), 62);
	KT_ASSERT_INT_EQ(swap_count(a), 1);
	KT_ASSERT_INT_EQ(swap_duplicate(a), 1);
	KT_ASSERT_INT_EQ(swap_count(a), 2);
	/* migration entries hold no count (2006) */
	KT_ASSERT_INT_EQ(swap_duplicate(swp_entry(SWP_MIGRATION_READ, 5)), 1);
	free_swap_and_cache(swp_entry(SWP_MIGRATION_WRITE, 5));
	swap_free(a);
	KT_ASSERT_INT_EQ(swap_count(a), 1);
	KT_ASSERT_INT_EQ(sim_swap_free(), 62);
	swap_free(a);
	free_swap_and_cache(b); /* nothing cached: just the slot */
	KT_ASSERT_INT_EQ(swap_count(a), 0);
	KT_ASSERT_INT_EQ(sim_swap_free(), 64);
	/* a freed slot is found again */
	a = get_swap_page();
	KT_ASSERT(swp_offset(a) >= 1 && swp_offset(a) <= 64);
	swap_free(a);
	KT_ASSERT_INT_EQ(sim_swap_free(), 64);
	mmt_expect_clean();
}

KTEST(swap_out_frees_the_frames_and_a_read_swaps_the_data_back_in)
{
	unsigned long addr, i, nr = 16, free0, free1, maj, out, in;
	struct mm_struct *mm;
	int app;

	boot_with_swap(1, 64);
	app = app_task();
	mm = current->mm;
	addr = mmt_mmap(nr);
	mmt_fill(addr, nr);
	KT_ASSERT_UINT_EQ(get_mm_counter(mm, anon_rss), nr);
	KT_ASSERT_UINT_EQ(global_page_state(NR_ANON_PAGES), nr);
	free0 = mmt_free_pages(0);
	out = vm_events[PSWPOUT].counter;

	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, nr * PAGE_SIZE), 0);
	free1 = mmt_free_pages(0);
	KT_ASSERT_MSG(free1 >= free0 + nr, "free %lu -> %lu", free0, free1);
	KT_ASSERT_UINT_EQ(vm_events[PSWPOUT].counter - out, nr);
	KT_ASSERT_INT_EQ(sim_swap_free(), 64 - nr);
	KT_ASSERT_UINT_EQ(get_mm_counter(mm, anon_rss), 0);
	KT_ASSERT_UINT_EQ(global_page_state(NR_ANON_PAGES), 0);
	KT_ASSERT_UINT_EQ(total_swapcache_pages, 0);
	for (i = 0; i < nr; i++) {
		swp_entry_t entry = swap_entry_at(mm, addr + i * PAGE_SIZE);

		KT_ASSERT(is_swap_pte_at(mm, addr + i * PAGE_SIZE));
		KT_ASSERT_INT_EQ(swap_count(entry), 1); /* the pte */
		KT_ASSERT_NULL(swap_cache_page(entry));
		KT_ASSERT_INT_EQ(sim_page_node(app, addr + i * PAGE_SIZE),
				 -ENOENT);
	}
	mmt_expect_clean();

	/* reading it back: one major fault per page, each from the disk */
	maj = vm_events[PGMAJFAULT].counter;
	in = vm_events[PSWPIN].counter;
	KT_ASSERT_INT_EQ(mmt_check(addr, nr), 0);
	KT_ASSERT_UINT_EQ(vm_events[PGMAJFAULT].counter - maj, nr);
	KT_ASSERT_UINT_EQ(vm_events[PSWPIN].counter - in, nr);
	KT_ASSERT_UINT_EQ(get_mm_counter(mm, anon_rss), nr);
	lru_add_drain_all();
	for (i = 0; i < nr; i++) {
		struct page *page = mmt_page(mm, addr + i * PAGE_SIZE);

		KT_ASSERT_NONNULL(page);
		/* swap is not half full: the page stays in the swap cache */
		KT_ASSERT(PageSwapCache(page));
		KT_ASSERT(PageUptodate(page));
		KT_ASSERT(!pte_write(*mmt_pte(mm, addr + i * PAGE_SIZE)));
		KT_ASSERT_INT_EQ(page_count(page), 2); /* pte + cache */
		KT_ASSERT_INT_EQ(swap_count((swp_entry_t){page_private(page)}),
				 1); /* the cache */
	}
	KT_ASSERT_INT_EQ(sim_swap_free(), 64 - nr);
	KT_ASSERT_UINT_EQ(total_swapcache_pages, nr);
	mmt_expect_clean();

	/* a write reuses the exclusive swap-cache page (can_share_swap_page) */
	{
		struct page *page = mmt_page(mm, addr);

		KT_ASSERT_INT_EQ(sim_user_touch(addr, 1), 0);
		KT_ASSERT_PTR_EQ(mmt_page(mm, addr), page);
		KT_ASSERT(pte_write(*mmt_pte(mm, addr)));
	}
	/*
	 * A second swap-out: the pages read back are clean copies of their
	 * slots and are dropped without I/O; only the written one goes out.
	 */
	out = vm_events[PSWPOUT].counter;
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, nr * PAGE_SIZE), 0);
	KT_ASSERT_UINT_EQ(vm_events[PSWPOUT].counter - out, 1);
	KT_ASSERT_INT_EQ(sim_swap_free(), 64 - nr);
	KT_ASSERT_UINT_EQ(total_swapcache_pages, 0);
	mmt_expect_clean();
	KT_ASSERT_INT_EQ(mmt_check(addr, nr), 0);
	mmt_expect_clean();
}

KTEST(a_write_fault_swaps_in_writable_and_a_slow_read_waits_for_the_disk)
{
	unsigned long addr, maj, t0, waits;
	struct mm_struct *mm;
	struct page *page;
	pte_t pte;
	int app;

	boot_with_swap(1, 16);
	app = app_task();
	mm = current->mm;
	addr = mmt_mmap(2);
	mmt_fill(addr, 2);
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, 2 * PAGE_SIZE), 0);

	/* write access, sole user: can_share_swap_page, writable + dirty */
	maj = vm_events[PGMAJFAULT].counter;
	KT_ASSERT_INT_EQ(sim_user_touch(addr, 1), 0);
	KT_ASSERT_UINT_EQ(vm_events[PGMAJFAULT].counter - maj, 1);
	pte = *mmt_pte(mm, addr);
	KT_ASSERT(pte_write(pte) && pte_dirty(pte));
	page = mmt_page(mm, addr);
	KT_ASSERT(PageSwapCache(page));
	KT_ASSERT_INT_EQ(swap_count((swp_entry_t){page_private(page)}), 1);
	mmt_expect_clean();

	/*
	 * A read that takes 1000 ticks: do_swap_page sleeps in lock_page,
	 * whose ->sync_page (block_sync_page -> swap_unplug_io_fn) unplugs
	 * the disk.
	 */
	sim_io_latency(1000);
	t0 = sim_ticks();
	waits = sim_event_count("lock_page_wait");
	KT_ASSERT_INT_EQ(mmt_check_range(addr, 1, 1), 0);
	KT_ASSERT(sim_event_count("lock_page_wait") > waits);
	KT_ASSERT(sim_ticks() >= t0 + 1000);
	KT_ASSERT_INT_EQ(sim_io_in_flight(), 0);
	KT_ASSERT_INT_EQ(mmt_check_range(addr, 0, 2), 0);
	mmt_expect_clean();
}

KTEST(swap_out_needs_swap_and_an_existing_task)
{
	unsigned long addr;
	int app;

	mmt_boot(1, 64 << 20);
	app = app_task();
	addr = mmt_mmap(2);
	mmt_fill(addr, 2);
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, 2 * PAGE_SIZE), -ENOSPC);
	KT_ASSERT_INT_EQ(sim_swap_on(8), 0);
	KT_ASSERT_INT_EQ(sim_swap_out(4242, addr, 2 * PAGE_SIZE), -ESRCH);
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, 0), 0);
	KT_ASSERT_INT_EQ(sim_swap_free(), 8);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 0);
	mmt_expect_clean();
}

KTEST(fork_then_swap_out_counts_one_swap_reference_per_pte)
{
	unsigned long addr, i, nr = 4, maj;
	struct mm_struct *parent_mm, *child_mm;
	int app, child;

	boot_with_swap(1, 32);
	app = app_task();
	parent_mm = current->mm;
	addr = mmt_mmap(nr);
	mmt_fill(addr, nr);
	child = sim_syscall(SIM_NR_fork, 0, 0, 0, 0, 0, 0);
	KT_ASSERT_MSG(child > 0, "fork: %d", child);
	mmt_enter(child);
	child_mm = current->mm;
	KT_ASSERT_INT_EQ(page_mapcount(mmt_page(child_mm, addr)), 2);

	/* one swap-out unmaps the shared pages from both (anon_vma rmap) */
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, nr * PAGE_SIZE), 0);
	KT_ASSERT_INT_EQ(sim_swap_free(), 32 - nr);
	for (i = 0; i < nr; i++) {
		swp_entry_t e = swap_entry_at(parent_mm, addr + i * PAGE_SIZE);

		KT_ASSERT(is_swap_pte_at(child_mm, addr + i * PAGE_SIZE));
		KT_ASSERT_UINT_EQ(
			e.val,
			swap_entry_at(child_mm, addr + i * PAGE_SIZE).val);
		KT_ASSERT_INT_EQ(swap_count(e), 2);
	}
	mmt_expect_clean();

	/* the child reads: major faults; the parent then finds the cache */
	maj = vm_events[PGMAJFAULT].counter;
	KT_ASSERT_INT_EQ(mmt_check(addr, nr), 0);
	KT_ASSERT_UINT_EQ(vm_events[PGMAJFAULT].counter - maj, nr);
	for (i = 0; i < nr; i++)
		KT_ASSERT_INT_EQ(swap_count(swap_entry_at(
					 parent_mm, addr + i * PAGE_SIZE)),
				 2);
	mmt_expect_clean();
	mmt_enter(app);
	maj = vm_events[PGMAJFAULT].counter;
	KT_ASSERT_INT_EQ(mmt_check(addr, nr), 0);
	KT_ASSERT_UINT_EQ(vm_events[PGMAJFAULT].counter - maj, 0);
	for (i = 0; i < nr; i++) {
		struct page *page = mmt_page(parent_mm, addr + i * PAGE_SIZE);

		KT_ASSERT_PTR_EQ(page,
				 mmt_page(child_mm, addr + i * PAGE_SIZE));
		KT_ASSERT_INT_EQ(page_mapcount(page), 2);
		KT_ASSERT_INT_EQ(swap_count((swp_entry_t){page_private(page)}),
				 1);
	}
	mmt_expect_clean();

	/* a write in the child breaks COW: shared in swap, so no reuse */
	mmt_enter(child);
	{
		unsigned long v = 0x1234;
		struct page *old = mmt_page(parent_mm, addr);

		KT_ASSERT_INT_EQ(sim_user_write(addr, &v, sizeof(v)), 0);
		KT_ASSERT(mmt_page(child_mm, addr) != old);
		KT_ASSERT_PTR_EQ(mmt_page(parent_mm, addr), old);
	}
	mmt_enter(app);
	KT_ASSERT_INT_EQ(mmt_check(addr, nr), 0);
	mmt_expect_clean();
}

KTEST(swap_out_then_fork_duplicates_the_swap_entries)
{
	unsigned long addr, i, nr = 4;
	struct mm_struct *child_mm;
	int app, child;

	boot_with_swap(1, 32);
	app = app_task();
	addr = mmt_mmap(nr);
	mmt_fill(addr, nr);
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, nr * PAGE_SIZE), 0);
	child = sim_syscall(SIM_NR_fork, 0, 0, 0, 0, 0, 0);
	KT_ASSERT_MSG(child > 0, "fork: %d", child);
	mmt_enter(child);
	child_mm = current->mm;
	KT_ASSERT(!list_empty(&child_mm->mmlist)); /* swapoff's list */
	for (i = 0; i < nr; i++) {
		swp_entry_t e = swap_entry_at(child_mm, addr + i * PAGE_SIZE);

		KT_ASSERT(is_swap_pte_at(child_mm, addr + i * PAGE_SIZE));
		KT_ASSERT_INT_EQ(swap_count(e), 2); /* copy_one_pte */
	}
	mmt_expect_clean();
	/* the child exits: its references go, the slots stay the parent's */
	sim_syscall(SIM_NR_exit, 0, 0, 0, 0, 0, 0);
	mmt_enter(app);
	KT_ASSERT_INT_EQ(sim_swap_free(), 32 - nr);
	for (i = 0; i < nr; i++)
		KT_ASSERT_INT_EQ(swap_count(swap_entry_at(
					 current->mm, addr + i * PAGE_SIZE)),
				 1);
	mmt_expect_clean();
	KT_ASSERT_INT_EQ(mmt_check(addr, nr), 0);
	mmt_expect_clean();
}

KTEST(munmap_and_exit_give_the_slots_back)
{
	unsigned long addr, nr = 8;
	int app;

	boot_with_swap(1, 32);
	app = app_task();
	addr = mmt_mmap(nr);
	mmt_fill(addr, nr);
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, nr * PAGE_SIZE), 0);
	KT_ASSERT_INT_EQ(sim_swap_free(), 32 - nr);

	/* pages 0-1 back in: in the swap cache and mapped */
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	KT_ASSERT_UINT_EQ(total_swapcache_pages, 2);
	/* munmap of pages 0-3: two mapped swap-cache pages, two swap ptes */
	KT_ASSERT_INT_EQ(
		sim_syscall(SIM_NR_munmap, addr, 4 * PAGE_SIZE, 0, 0, 0, 0), 0);
	KT_ASSERT_INT_EQ(sim_swap_free(), 32 - 4);
	KT_ASSERT_UINT_EQ(total_swapcache_pages, 0);
	mmt_expect_clean();

	/*
	 * Page 4 back in (swap cache, mapped); page 5 back in and out again
	 * with the I/O held: unmapped, in the swap cache, under writeback.
	 */
	KT_ASSERT_INT_EQ(mmt_check_range(addr, 4, 2), 0);
	KT_ASSERT_INT_EQ(sim_user_touch(addr + 5 * PAGE_SIZE, 1), 0);
	sim_io_hold(1);
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr + 5 * PAGE_SIZE, PAGE_SIZE), 0);
	KT_ASSERT(is_swap_pte_at(current->mm, addr + 5 * PAGE_SIZE));
	KT_ASSERT_UINT_EQ(total_swapcache_pages, 2);
	mmt_expect_clean();

	/*
	 * exit: the mapped swap-cache page goes with its slot
	 * (free_page_and_swap_cache); the slot of the page under writeback
	 * stays with the swap cache (free_swap_and_cache leaves a page
	 * under writeback), as in 2006 ...
	 */
	sim_syscall(SIM_NR_exit, 0, 0, 0, 0, 0, 0);
	mmt_enter(mmt_task("other", 1000, 0, 0));
	KT_ASSERT_INT_EQ(sim_swap_free(), 32 - 1);
	KT_ASSERT_UINT_EQ(total_swapcache_pages, 1);
	mmt_expect_clean();
	/* ... until the write is done and reclaim finds the page */
	KT_ASSERT_INT_EQ(sim_io_release(), 4);
	KT_ASSERT_INT_EQ(sim_reclaim(-1, 1), 1);
	KT_ASSERT_INT_EQ(sim_swap_free(), 32);
	KT_ASSERT_UINT_EQ(total_swapcache_pages, 0);
	mmt_expect_clean();
}

KTEST(a_swap_write_error_redirties_the_page_and_keeps_it)
{
	unsigned long addr;
	struct page *page;
	int app;

	boot_with_swap(1, 8);
	app = app_task();
	addr = mmt_mmap(1);
	mmt_fill(addr, 1);
	page = mmt_page(current->mm, addr);
	sim_io_fail_next(1);
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, PAGE_SIZE), 0);
	/* unmapped, written with an error: dirty again, still cached */
	KT_ASSERT(is_swap_pte_at(current->mm, addr));
	KT_ASSERT(PageSwapCache(page));
	KT_ASSERT(PageDirty(page));
	KT_ASSERT(PageError(page));
	KT_ASSERT(!PageWriteback(page));
	mmt_expect_clean();
	/* the next access is a minor fault on the same page */
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	KT_ASSERT_PTR_EQ(mmt_page(current->mm, addr), page);
	mmt_expect_clean();
	/* and a clean swap-out now succeeds */
	ClearPageError(page);
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, PAGE_SIZE), 0);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), -ENOENT);
	KT_ASSERT_UINT_EQ(total_swapcache_pages, 0);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	mmt_expect_clean();
}

/* ---- migration of swap-cache pages ---------------------------------------- */

static long move_range(unsigned long addr, unsigned long nr, int node,
		       struct mmt_mp *mp)
{
	*mp = mmt_mp_alloc(nr);
	mmt_mp_set(mp, addr, node);
	return mmt_move_pages(0, mp, 1, MPOL_MF_MOVE);
}

KTEST(a_swap_cache_page_migrates_and_is_left_unmapped_in_the_swap_cache)
{
	unsigned long addr, i, nr = 4, maj, anon0;
	struct page *old[2], *page;
	swp_entry_t entry[2];
	struct mm_struct *mm;
	struct mmt_mp mp;
	int app;

	boot_with_swap(2, 64);
	app = app_task();
	mm = current->mm;
	addr = mmt_mmap(nr);
	mmt_fill(addr, nr);
	/* pages 0-1 out to swap and read back in: swap cache, mapped */
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, 2 * PAGE_SIZE), 0);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	lru_add_drain_all();
	for (i = 0; i < 2; i++) {
		old[i] = mmt_page(mm, addr + i * PAGE_SIZE);
		KT_ASSERT(PageSwapCache(old[i]));
		KT_ASSERT_INT_EQ(page_to_nid(old[i]), 0);
		entry[i].val = page_private(old[i]);
	}
	mp = mmt_mp_alloc(nr);
	mmt_mp_set(&mp, addr, 1);
	anon0 = get_mm_counter(mm, anon_rss);
	mmt_expect_clean();

	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, MPOL_MF_MOVE), 0);
	lru_add_drain_all();
	for (i = 0; i < nr; i++)
		KT_ASSERT_INT_EQ(mmt_status(&mp, i), 1);
	for (i = 0; i < 2; i++) {
		/* a real swap pte, not a migration entry (section 9.12) */
		KT_ASSERT(is_swap_pte_at(mm, addr + i * PAGE_SIZE));
		KT_ASSERT_UINT_EQ(swap_entry_at(mm, addr + i * PAGE_SIZE).val,
				  entry[i].val);
		KT_ASSERT_INT_EQ(sim_page_node(app, addr + i * PAGE_SIZE),
				 -ENOENT);
		page = swap_cache_page(entry[i]);
		KT_ASSERT_NONNULL(page);
		KT_ASSERT(page != old[i]);
		KT_ASSERT_INT_EQ(page_to_nid(page), 1);
		KT_ASSERT(PageSwapCache(page));
		KT_ASSERT_UINT_EQ(page_private(page), entry[i].val);
		KT_ASSERT_INT_EQ(page_mapcount(page), 0);
		KT_ASSERT_INT_EQ(page_count(page), 1); /* the cache */
		KT_ASSERT(PageLRU(page));
		KT_ASSERT_INT_EQ(swap_count(entry[i]), 2); /* pte + cache */
	}
	/* the plain anonymous pages got their ptes back */
	for (i = 2; i < nr; i++)
		KT_ASSERT_INT_EQ(sim_page_node(app, addr + i * PAGE_SIZE), 1);
	KT_ASSERT_UINT_EQ(get_mm_counter(mm, anon_rss), anon0 - 2);
	mmt_expect_clean();

	/* the next access: a minor fault, the new page, the right data */
	maj = vm_events[PGMAJFAULT].counter;
	KT_ASSERT_INT_EQ(mmt_check(addr, nr), 0);
	KT_ASSERT_UINT_EQ(vm_events[PGMAJFAULT].counter - maj, 0);
	for (i = 0; i < 2; i++) {
		KT_ASSERT_INT_EQ(sim_page_node(app, addr + i * PAGE_SIZE), 1);
		KT_ASSERT_PTR_EQ(mmt_page(mm, addr + i * PAGE_SIZE),
				 swap_cache_page(entry[i]));
	}
	mmt_expect_clean();

	/* out again, from node 1, and back from the disk */
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, nr * PAGE_SIZE), 0);
	maj = vm_events[PGMAJFAULT].counter;
	KT_ASSERT_INT_EQ(mmt_check(addr, nr), 0);
	KT_ASSERT_UINT_EQ(vm_events[PGMAJFAULT].counter - maj, nr);
	mmt_expect_clean();
}

KTEST(a_swap_cache_page_still_mapped_before_writeout_migrates)
{
	unsigned long addr, maj;
	struct page *page, *new;
	swp_entry_t entry;
	struct mm_struct *mm;
	struct mmt_mp mp;
	int app;

	boot_with_swap(2, 16);
	app = app_task();
	mm = current->mm;
	addr = mmt_mmap(1);
	mmt_fill(addr, 1);
	/* what shrink_page_list does first: add_to_swap, still mapped */
	lru_add_drain_all();
	page = mmt_page(mm, addr);
	lock_page(page);
	KT_ASSERT_INT_EQ(add_to_swap(page, GFP_ATOMIC), 1);
	unlock_page(page);
	entry.val = page_private(page);
	KT_ASSERT(PageDirty(page));
	KT_ASSERT_INT_EQ(page_count(page), 2); /* pte + cache */
	mmt_expect_clean();

	KT_ASSERT_INT_EQ(move_range(addr, 1, 1, &mp), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 1);
	lru_add_drain_all();
	KT_ASSERT(is_swap_pte_at(mm, addr));
	new = swap_cache_page(entry);
	KT_ASSERT_NONNULL(new);
	KT_ASSERT_INT_EQ(page_to_nid(new), 1);
	/* the dirty state moved to the new page, through swap_aops */
	KT_ASSERT(PageDirty(new));
	KT_ASSERT(radix_tree_tag_get(&swapper_space.page_tree, entry.val,
				     PAGECACHE_TAG_DIRTY));
	mmt_expect_clean();
	maj = vm_events[PGMAJFAULT].counter;
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	KT_ASSERT_UINT_EQ(vm_events[PGMAJFAULT].counter - maj, 0);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 1);
	mmt_expect_clean();
}

KTEST(a_swap_cache_page_under_writeback_moves_in_the_forced_passes)
{
	unsigned long addr, waits, maj;
	struct page *page, *new;
	swp_entry_t entry;
	struct mm_struct *mm;
	struct mmt_mp mp;
	int app;

	boot_with_swap(2, 16);
	app = app_task();
	mm = current->mm;
	addr = mmt_mmap(1);
	mmt_fill(addr, 1);
	/* a swap-out whose write takes 1000 ticks: unmapped, in writeback */
	sim_io_latency(1000);
	KT_ASSERT_INT_EQ(sim_swap_out(app, addr, PAGE_SIZE), 0);
	KT_ASSERT(is_swap_pte_at(mm, addr));
	entry = swap_entry_at(mm, addr);
	page = swap_cache_page(entry);
	KT_ASSERT_NONNULL(page);
	KT_ASSERT(PageWriteback(page));
	/* a read maps it again (a minor fault), still under writeback */
	maj = vm_events[PGMAJFAULT].counter;
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	KT_ASSERT_UINT_EQ(vm_events[PGMAJFAULT].counter - maj, 0);
	KT_ASSERT_PTR_EQ(mmt_page(mm, addr), page);
	KT_ASSERT(PageWriteback(page));
	mmt_expect_clean();

	/*
	 * passes 0-2 skip the page under writeback; pass 3 (force) waits
	 * in wait_on_page_writeback, which unplugs the swap device.
	 */
	waits = sim_event_count("wait_on_page_bit");
	KT_ASSERT_INT_EQ(move_range(addr, 1, 1, &mp), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 1);
	KT_ASSERT(sim_event_count("wait_on_page_bit") > waits);
	KT_ASSERT(sim_ticks() >= 1000);
	lru_add_drain_all();
	new = swap_cache_page(entry);
	KT_ASSERT_NONNULL(new);
	KT_ASSERT(new != page);
	KT_ASSERT_INT_EQ(page_to_nid(new), 1);
	KT_ASSERT(!PageWriteback(new));
	KT_ASSERT(is_swap_pte_at(mm, addr));
	mmt_expect_clean();
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 1);
	mmt_expect_clean();
}
