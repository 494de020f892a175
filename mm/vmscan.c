/*
 * mm/vmscan.c - page reclaim, as in 2.6.20's mm/vmscan.c: the inactive
 * list scan (isolate_lru_pages, shrink_inactive_list, shrink_page_list
 * with pageout and remove_mapping), the active list refill
 * (shrink_active_list, 2006's successor of refill_inactive_zone, with
 * its reclaim_mapped / swap_tendency heuristic), shrink_zone, and direct
 * reclaim (try_to_free_pages, called by __alloc_pages), kswapd
 * (wakeup_kswapd, kswapd, balance_pgdat, kswapd_run) and
 * shrink_all_memory.  Also the host's two entry points, sim_reclaim()
 * (shrink_all_memory's passes on one node or all) and sim_swap_out()
 * (shrink_page_list on exactly the pages of a range), include/sim/kernel.h.
 *
 * What it models: shrink_page_list's 2006 decisions page by page --
 * skip a page someone holds locked or under writeback; a referenced
 * page in use is activated; an anonymous page gets swap space
 * (add_to_swap) and is unmapped with try_to_unmap(page, 0), which leaves
 * real swap ptes; a dirty page goes to ->writepage through pageout()
 * with a for_reclaim wbc (swap_writepage for swap-cache pages, the
 * file's own writepage otherwise); a clean, unmapped page leaves its
 * mapping through remove_mapping (the page_count == 2 test under
 * tree_lock, __delete_from_swap_cache + swap_free, or
 * __remove_from_page_cache) and is freed.  Writeback completes through
 * the block device's deterministic completion model (block/ll_rw_blk.c):
 * at once without latency, so the "synchronous write" branch frees the
 * page in the same pass, otherwise on a later pass once the disk has
 * been unplugged.
 *
 * Deliberate simplifications:
 *  - kswapd is opt-in (sim_machine_config.kswapd, the scenario's
 *    'machine ... kswapd'): without it reclaim runs only directly, in the
 *    allocating task, or when the host asks, and zone->all_unreclaimable
 *    is never set, so try_to_free_pages reports progress whenever it
 *    scanned a zone, as 2006 did while kswapd had not yet declared the
 *    zones dead; it is __alloc_pages that bounds its retries
 *    (page_alloc.c).  wakeup_kswapd() then only counts "kswapd_wakeup".
 *  - With kswapd, balance_pgdat() is 2006's except that its loop_again
 *    is bounded at KSWAPD_MAX_PASSES passes (reported), no freezer, no
 *    swap token, no slab shrinking.
 *    2006's waitqueue_active() test is a per-node state word: a wake-up
 *    while kswapd is balancing is dropped, as it was then.  The host
 *    waits for every kswapd to be asleep with sim_kswapd_quiesce(); the
 *    kswapd threads are never stopped (a sleeping one is left sleeping
 *    when the process exits, and nothing joins it).
 *  - No zone_reclaim.
 *  - No slab shrinkers (slab objects are host memory), no swap token, no
 *    laptop mode, no throttle_vm_writeout, no buffer_heads_over_limit
 *    stripping.
 *  - Request-queue congestion is not modeled: may_write_to_queue() is
 *    2006's test, but bdi_write_congested() is never true, so it always
 *    allows the write (current->backing_dev_info does not exist here).
 *    congestion_wait() -- "take a nap, wait for some writeback" -- is
 *    mm/backing-dev.c's: unplug the disk, then nap for the timeout.
 *  - wakeup_pdflush() only records the request (sim_writeback_pending).
 */
#include <linux/mm.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/pagemap.h>
#include <linux/vmstat.h>
#include <linux/writeback.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h> /* for try_to_release_page() */
#include <linux/mm_inline.h>
#include <linux/pagevec.h>
#include <linux/backing-dev.h>
#include <linux/rmap.h>
#include <linux/topology.h>
#include <linux/cpuset.h>
#include <linux/migrate.h>
#include <linux/sched.h>
#include <sim/door.h>
#include <sim/kernel.h>

#include "internal.h"

struct scan_control {
	/* Incremented by the number of inactive pages that were scanned */
	unsigned long nr_scanned;

	/* This context's GFP mask */
	gfp_t gfp_mask;

	int may_writepage;

	/* Can pages be swapped as part of reclaim? */
	int may_swap;

	/* This context's SWAP_CLUSTER_MAX. If freeing memory for
	 * suspend, we effectively ignore SWAP_CLUSTER_MAX.
	 * In this context, it doesn't matter that we scan the
	 * whole list at once. */
	int swap_cluster_max;

	int swappiness;

	int all_unreclaimable;
};

#define lru_to_page(_head) (list_entry((_head)->prev, struct page, lru))

/*
 * From 0 .. 100.  Higher means more swappy.
 */
int vm_swappiness = 60;
long vm_total_pages; /* The total number of pages which the VM controls */

#define current_is_kswapd() (current && (current->flags & PF_KSWAPD))
#define laptop_mode 0

/* (2.6.20: cpuset_zone_allowed with __GFP_HARDWALL semantics) */
static inline int cpuset_zone_allowed_hardwall(struct zone *z, gfp_t gfp)
{
	return cpuset_zone_allowed(z, gfp | __GFP_HARDWALL);
}

/* The number of pages the VM controls: 2006 set it in build_all_zonelists. */
static void init_vm_total_pages(void)
{
	if (!vm_total_pages)
		vm_total_pages = nr_free_pagecache_pages();
	if (!vm_total_pages)
		vm_total_pages = 1;
}

/*
 * 2006 mm/swap.c: release a pagevec of pages that are off the LRU (the
 * ones shrink_page_list freed).
 */
void __pagevec_release_nonlru(struct pagevec *pvec)
{
	int i;
	struct pagevec pages_to_free;

	pagevec_init(&pages_to_free, pvec->cold);
	for (i = 0; i < pagevec_count(pvec); i++) {
		struct page *page = pvec->pages[i];

		VM_BUG_ON(PageLRU(page));
		if (put_page_testzero(page))
			pagevec_add(&pages_to_free, page);
	}
	for (i = 0; i < pagevec_count(&pages_to_free); i++) {
		if (pages_to_free.cold)
			free_cold_page(pages_to_free.pages[i]);
		else
			free_hot_page(pages_to_free.pages[i]);
	}
	pagevec_reinit(pvec);
}

/* Called without lock on whether page is mapped, so answer is unstable */
static inline int page_mapping_inuse(struct page *page)
{
	struct address_space *mapping;

	/* Page is in somebody's page tables. */
	if (page_mapped(page))
		return 1;

	/* Be more reluctant to reclaim swapcache than pagecache */
	if (PageSwapCache(page))
		return 1;

	mapping = page_mapping(page);
	if (!mapping)
		return 0;

	/* File is mmap'd by somebody? */
	return mapping_mapped(mapping);
}

static inline int is_page_cache_freeable(struct page *page)
{
	return page_count(page) - !!PagePrivate(page) == 2;
}

static int may_write_to_queue(struct backing_dev_info *bdi)
{
	if (current && (current->flags & PF_SWAPWRITE))
		return 1;
	if (!bdi_write_congested(bdi))
		return 1;
	/* (2006: also if bdi == current->backing_dev_info) */
	return 0;
}

/*
 * We detected a synchronous write error writing a page out.  Probably
 * -ENOSPC.  We need to propagate that into the address_space for a subsequent
 * fsync(), msync() or close().
 *
 * The tricky part is that after writepage we cannot touch the mapping: nothing
 * prevents it from being freed up.  But we have a ref on the page and once
 * that page is locked, the mapping is pinned.
 *
 * We're allowed to run sleeping lock_page() here because we know the caller has
 * __GFP_FS.
 */
static void handle_write_error(struct address_space *mapping, struct page *page,
			       int error)
{
	lock_page(page);
	if (page_mapping(page) == mapping) {
		if (error == -ENOSPC)
			set_bit(AS_ENOSPC, &mapping->flags);
		else
			set_bit(AS_EIO, &mapping->flags);
	}
	unlock_page(page);
}

/* possible outcome of pageout() */
typedef enum {
	/* failed to write page out, page is locked */
	PAGE_KEEP,
	/* move page to the active list, page is locked */
	PAGE_ACTIVATE,
	/* page has been sent to the disk successfully, page is unlocked */
	PAGE_SUCCESS,
	/* page is clean and locked */
	PAGE_CLEAN,
} pageout_t;

/*
 * pageout is called by shrink_page_list() for each dirty page.
 * Calls ->writepage().
 */
static pageout_t pageout(struct page *page, struct address_space *mapping)
{
	/*
	 * If the page is dirty, only perform writeback if that write
	 * will be non-blocking.  To prevent this allocation from being
	 * stalled by pagecache activity.  But note that there may be
	 * stalls if we need to run get_block().  We could test
	 * PagePrivate for that.
	 *
	 * If this process is currently in generic_file_write() against
	 * this page's queue, we can perform writeback even if that
	 * will block.
	 *
	 * If the page is swapcache, write it back even if that would
	 * block, for some throttling. This happens by accident, because
	 * swap_backing_dev_info is bust: it doesn't reflect the
	 * congestion state of the swapdevs.  Easy to fix, if needed.
	 * See swapfile.c:page_queue_congested().
	 */
	if (!is_page_cache_freeable(page))
		return PAGE_KEEP;
	if (!mapping) {
		/*
		 * Some data journaling orphaned pages can have
		 * page->mapping == NULL while being dirty with clean buffers.
		 */
		if (PagePrivate(page)) {
			if (try_to_free_buffers(page)) {
				ClearPageDirty(page);
				printk("%s: orphaned page\n", __FUNCTION__);
				return PAGE_CLEAN;
			}
		}
		return PAGE_KEEP;
	}
	if (mapping->a_ops->writepage == NULL)
		return PAGE_ACTIVATE;
	if (!may_write_to_queue(mapping->backing_dev_info))
		return PAGE_KEEP;

	if (clear_page_dirty_for_io(page)) {
		int res;
		struct writeback_control wbc = {
			.sync_mode = WB_SYNC_NONE,
			.nr_to_write = SWAP_CLUSTER_MAX,
			.range_start = 0,
			.range_end = LLONG_MAX,
			.nonblocking = 1,
			.for_reclaim = 1,
		};

		SetPageReclaim(page);
		res = mapping->a_ops->writepage(page, &wbc);
		if (res < 0)
			handle_write_error(mapping, page, res);
		if (res == AOP_WRITEPAGE_ACTIVATE) {
			ClearPageReclaim(page);
			return PAGE_ACTIVATE;
		}
		if (!PageWriteback(page)) {
			/* synchronous write or broken a_ops? */
			ClearPageReclaim(page);
		}
		inc_zone_page_state(page, NR_VMSCAN_WRITE);
		return PAGE_SUCCESS;
	}

	return PAGE_CLEAN;
}

/*
 * Attempt to detach a locked page from its ->mapping.  If it is dirty or if
 * someone else has a ref on the page, abort and return 0.  If it was
 * successfully detached, return 1.  Assumes the caller has a single ref on
 * this page.
 */
int remove_mapping(struct address_space *mapping, struct page *page)
{
	BUG_ON(!PageLocked(page));
	BUG_ON(mapping != page_mapping(page));

	write_lock_irq(&mapping->tree_lock);
	/*
	 * The non racy check for a busy page.
	 *
	 * Must be careful with the order of the tests. When someone has
	 * a ref to the page, it may be possible that they dirty it then
	 * drop the reference. So if PageDirty is tested before page_count
	 * here, then the following race may occur:
	 *
	 * get_user_pages(&page);
	 * [user mapping goes away]
	 * write_to(page);
	 *				!PageDirty(page)    [good]
	 * SetPageDirty(page);
	 * put_page(page);
	 *				!page_count(page)   [good, discard it]
	 *
	 * [oops, our write_to data is lost]
	 *
	 * Reversing the order of the tests ensures such a situation cannot
	 * escape unnoticed. The smp_rmb is needed to ensure the page->flags
	 * load is not satisfied before that of page->_count.
	 *
	 * Note that if SetPageDirty is always performed via set_page_dirty,
	 * and thus under tree_lock, then this ordering is not required.
	 */
	if (unlikely(page_count(page) != 2))
		goto cannot_free;
	smp_rmb();
	if (unlikely(PageDirty(page)))
		goto cannot_free;

	if (PageSwapCache(page)) {
		swp_entry_t swap = {.val = page_private(page)};
		__delete_from_swap_cache(page);
		write_unlock_irq(&mapping->tree_lock);
		swap_free(swap);
		__put_page(page); /* The pagecache ref */
		return 1;
	}

	__remove_from_page_cache(page);
	write_unlock_irq(&mapping->tree_lock);
	__put_page(page);
	return 1;

cannot_free:
	write_unlock_irq(&mapping->tree_lock);
	return 0;
}

/*
 * shrink_page_list() returns the number of reclaimed pages
 */
static unsigned long shrink_page_list(struct list_head *page_list,
				      struct scan_control *sc)
{
	LIST_HEAD(ret_pages);
	struct pagevec freed_pvec;
	int pgactivate = 0;
	unsigned long nr_reclaimed = 0;

	cond_resched();

	pagevec_init(&freed_pvec, 1);
	while (!list_empty(page_list)) {
		struct address_space *mapping;
		struct page *page;
		int may_enter_fs;
		int referenced;

		cond_resched();

		page = lru_to_page(page_list);
		list_del(&page->lru);

		if (TestSetPageLocked(page))
			goto keep;

		VM_BUG_ON(PageActive(page));

		sc->nr_scanned++;

		if (!sc->may_swap && page_mapped(page))
			goto keep_locked;

		/* Double the slab pressure for mapped and swapcache pages */
		if (page_mapped(page) || PageSwapCache(page))
			sc->nr_scanned++;

		if (PageWriteback(page))
			goto keep_locked;

		referenced = page_referenced(page, 1);
		/* In active use or really unfreeable?  Activate it. */
		if (referenced && page_mapping_inuse(page))
			goto activate_locked;

		/*
		 * Anonymous process memory has backing store?
		 * Try to allocate it some swap space here.
		 */
		if (PageAnon(page) && !PageSwapCache(page))
			if (!add_to_swap(page, GFP_ATOMIC))
				goto activate_locked;

		mapping = page_mapping(page);
		may_enter_fs =
			(sc->gfp_mask & __GFP_FS) ||
			(PageSwapCache(page) && (sc->gfp_mask & __GFP_IO));

		/*
		 * The page is mapped into the page tables of one or more
		 * processes. Try to unmap it here.
		 */
		if (page_mapped(page) && mapping) {
			switch (try_to_unmap(page, 0)) {
			case SWAP_FAIL:
				goto activate_locked;
			case SWAP_AGAIN:
				goto keep_locked;
			case SWAP_SUCCESS:; /* try to free the page below */
			}
		}

		if (PageDirty(page)) {
			if (referenced)
				goto keep_locked;
			if (!may_enter_fs)
				goto keep_locked;
			if (!sc->may_writepage)
				goto keep_locked;

			/* Page is dirty, try to write it out here */
			switch (pageout(page, mapping)) {
			case PAGE_KEEP:
				goto keep_locked;
			case PAGE_ACTIVATE:
				goto activate_locked;
			case PAGE_SUCCESS:
				if (PageWriteback(page) || PageDirty(page))
					goto keep;
				/*
				 * A synchronous write - probably a ramdisk.  Go
				 * ahead and try to reclaim the page.
				 */
				if (TestSetPageLocked(page))
					goto keep;
				if (PageDirty(page) || PageWriteback(page))
					goto keep_locked;
				mapping = page_mapping(page);
			case PAGE_CLEAN:; /* try to free the page below */
			}
		}

		/*
		 * If the page has buffers, try to free the buffer mappings
		 * associated with this page. If we succeed we try to free
		 * the page as well.
		 *
		 * We do this even if the page is PageDirty().
		 * try_to_release_page() does not perform I/O, but it is
		 * possible for a page to have PageDirty set, but it is actually
		 * clean (all its buffers are clean).  This happens if the
		 * buffers were written out directly, with submit_bh(). ext3
		 * will do this, as well as the blockdev mapping.
		 * try_to_release_page() will discover that cleanness and will
		 * drop the buffers and mark the page clean - it can be freed.
		 *
		 * Rarely, pages can have buffers and no ->mapping.  These are
		 * the pages which were not successfully invalidated in
		 * truncate_complete_page().  We try to drop those buffers here
		 * and if that worked, and the page is no longer mapped into
		 * process address space (page_count == 1) it can be freed.
		 * Otherwise, leave the page on the LRU so it is swappable.
		 */
		if (PagePrivate(page)) {
			if (!try_to_release_page(page, sc->gfp_mask))
				goto activate_locked;
			if (!mapping && page_count(page) == 1)
				goto free_it;
		}

		if (!mapping || !remove_mapping(mapping, page))
			goto keep_locked;

free_it:
		unlock_page(page);
		nr_reclaimed++;
		if (!pagevec_add(&freed_pvec, page))
			__pagevec_release_nonlru(&freed_pvec);
		continue;

activate_locked:
		SetPageActive(page);
		pgactivate++;
keep_locked:
		unlock_page(page);
keep:
		list_add(&page->lru, &ret_pages);
		VM_BUG_ON(PageLRU(page));
	}
	list_splice_init(&ret_pages, page_list);
	if (pagevec_count(&freed_pvec))
		__pagevec_release_nonlru(&freed_pvec);
	count_vm_events(PGACTIVATE, pgactivate);
	return nr_reclaimed;
}

/*
 * zone->lru_lock is heavily contended.  Some of the functions that
 * shrink the lists perform better by taking out a batch of pages
 * and working on them outside the LRU lock.
 *
 * For pagecache intensive workloads, this function is the hottest
 * spot in the kernel (apart from copy_*_user functions).
 *
 * Appropriate locks must be held before calling this function.
 *
 * @nr_to_scan:	The number of pages to look through on the list.
 * @src:	The LRU list to pull pages off.
 * @dst:	The temp list to put pages on to.
 * @scanned:	The number of pages that were scanned.
 *
 * returns how many pages were moved onto *@dst.
 */
static unsigned long isolate_lru_pages(unsigned long nr_to_scan,
				       struct list_head *src,
				       struct list_head *dst,
				       unsigned long *scanned)
{
	unsigned long nr_taken = 0;
	struct page *page;
	unsigned long scan;

	for (scan = 0; scan < nr_to_scan && !list_empty(src); scan++) {
		struct list_head *target;
		page = lru_to_page(src);

		VM_BUG_ON(!PageLRU(page));

		list_del(&page->lru);
		target = src;
		if (likely(get_page_unless_zero(page))) {
			/*
			 * Be careful not to clear PageLRU until after we're
			 * sure the page is not being freed elsewhere -- the
			 * page release code relies on it.
			 */
			ClearPageLRU(page);
			target = dst;
			nr_taken++;
		} /* else it is being freed elsewhere */

		list_add(&page->lru, target);
	}

	*scanned = scan;
	return nr_taken;
}

/*
 * Put back the pages shrink_page_list did not free (the tail of 2006's
 * shrink_inactive_list): on the active or inactive list by PG_active,
 * dropping the isolation reference through a pagevec.  Called with
 * zone->lru_lock held and interrupts off; returns the same way.
 */
static void putback_inactive_pages(struct zone *zone,
				   struct list_head *page_list,
				   struct pagevec *pvec)
{
	struct page *page;

	while (!list_empty(page_list)) {
		page = lru_to_page(page_list);
		VM_BUG_ON(PageLRU(page));
		SetPageLRU(page);
		list_del(&page->lru);
		if (PageActive(page))
			add_page_to_active_list(zone, page);
		else
			add_page_to_inactive_list(zone, page);
		if (!pagevec_add(pvec, page)) {
			spin_unlock_irq(&zone->lru_lock);
			__pagevec_release(pvec);
			spin_lock_irq(&zone->lru_lock);
		}
	}
}

/*
 * shrink_inactive_list() is a helper for shrink_zone().  It returns the number
 * of reclaimed pages
 */
static unsigned long shrink_inactive_list(unsigned long max_scan,
					  struct zone *zone,
					  struct scan_control *sc)
{
	LIST_HEAD(page_list);
	struct pagevec pvec;
	unsigned long nr_scanned = 0;
	unsigned long nr_reclaimed = 0;

	pagevec_init(&pvec, 1);

	lru_add_drain();
	spin_lock_irq(&zone->lru_lock);
	do {
		unsigned long nr_taken;
		unsigned long nr_scan;
		unsigned long nr_freed;

		nr_taken = isolate_lru_pages(sc->swap_cluster_max,
					     &zone->inactive_list, &page_list,
					     &nr_scan);
		zone->nr_inactive -= nr_taken;
		zone->pages_scanned += nr_scan;
		spin_unlock_irq(&zone->lru_lock);

		nr_scanned += nr_scan;
		nr_freed = shrink_page_list(&page_list, sc);
		nr_reclaimed += nr_freed;
		local_irq_disable();
		if (current_is_kswapd()) {
			__count_zone_vm_events(PGSCAN_KSWAPD, zone, nr_scan);
			__count_vm_events(KSWAPD_STEAL, nr_freed);
		} else
			__count_zone_vm_events(PGSCAN_DIRECT, zone, nr_scan);
		__count_zone_vm_events(PGSTEAL, zone, nr_freed);

		if (nr_taken == 0) {
			local_irq_enable();
			goto done;
		}

		local_irq_enable();
		spin_lock_irq(&zone->lru_lock);
		/*
		 * Put back any unfreeable pages.
		 */
		putback_inactive_pages(zone, &page_list, &pvec);
	} while (nr_scanned < max_scan);
	spin_unlock_irq(&zone->lru_lock);
done:
	pagevec_release(&pvec);
	return nr_reclaimed;
}

/*
 * We are about to scan this zone at a certain priority level.  If that priority
 * level is smaller (ie: more urgent) than the previous priority, then note
 * that priority level within the zone.  This is done so that when the next
 * process comes in to scan this zone, it will immediately start out at this
 * priority level rather than having to build up its own scanning priority.
 * Here, this priority affects only the reclaim-mapped threshold.
 */
static inline void note_zone_scanning_priority(struct zone *zone, int priority)
{
	if (priority < zone->prev_priority)
		zone->prev_priority = priority;
}

static inline int zone_is_near_oom(struct zone *zone)
{
	return zone->pages_scanned >= (zone->nr_active + zone->nr_inactive) * 3;
}

/*
 * This moves pages from the active list to the inactive list.
 *
 * We move them the other way if the page is referenced by one or more
 * processes, from rmap.
 *
 * If the pages are mostly unmapped, the processing is fast and it is
 * appropriate to hold zone->lru_lock across the whole operation.  But if
 * the pages are mapped, the processing is slow (page_referenced()) so we
 * should drop zone->lru_lock around each page.  It's impossible to balance
 * this, so instead we remove the pages from the LRU while processing them.
 * It is safe to rely on PG_active against the non-LRU pages in here because
 * nobody will play with that bit on a non-LRU page.
 *
 * The downside is that we have to touch page->_count against each page.
 * But we had to alter page->flags anyway.
 */
static void shrink_active_list(unsigned long nr_pages, struct zone *zone,
			       struct scan_control *sc, int priority)
{
	unsigned long pgmoved;
	int pgdeactivate = 0;
	unsigned long pgscanned;
	LIST_HEAD(l_hold); /* The pages which were snipped off */
	LIST_HEAD(l_inactive); /* Pages to go onto the inactive_list */
	LIST_HEAD(l_active); /* Pages to go onto the active_list */
	struct page *page;
	struct pagevec pvec;
	int reclaim_mapped = 0;

	if (sc->may_swap) {
		long mapped_ratio;
		long distress;
		long swap_tendency;

		if (zone_is_near_oom(zone))
			goto force_reclaim_mapped;

		/*
		 * `distress' is a measure of how much trouble we're having
		 * reclaiming pages.  0 -> no problems.  100 -> great trouble.
		 */
		distress = 100 >> min(zone->prev_priority, priority);

		/*
		 * The point of this algorithm is to decide when to start
		 * reclaiming mapped memory instead of just pagecache.  Work out
		 * how much memory
		 * is mapped.
		 */
		init_vm_total_pages();
		mapped_ratio = ((global_page_state(NR_FILE_MAPPED) +
				 global_page_state(NR_ANON_PAGES)) *
				100) /
			       vm_total_pages;

		/*
		 * Now decide how much we really want to unmap some pages.  The
		 * mapped ratio is downgraded - just because there's a lot of
		 * mapped memory doesn't necessarily mean that page reclaim
		 * isn't succeeding.
		 *
		 * The distress ratio is important - we don't want to start
		 * going oom.
		 *
		 * A 100% value of vm_swappiness overrides this algorithm
		 * altogether.
		 */
		swap_tendency = mapped_ratio / 2 + distress + sc->swappiness;

		/*
		 * Now use this metric to decide whether to start moving mapped
		 * memory onto the inactive list.
		 */
		if (swap_tendency >= 100)
force_reclaim_mapped:
			reclaim_mapped = 1;
	}

	lru_add_drain();
	spin_lock_irq(&zone->lru_lock);
	pgmoved = isolate_lru_pages(nr_pages, &zone->active_list, &l_hold,
				    &pgscanned);
	zone->pages_scanned += pgscanned;
	zone->nr_active -= pgmoved;
	spin_unlock_irq(&zone->lru_lock);

	while (!list_empty(&l_hold)) {
		cond_resched();
		page = lru_to_page(&l_hold);
		list_del(&page->lru);
		if (page_mapped(page)) {
			if (!reclaim_mapped ||
			    (total_swap_pages == 0 && PageAnon(page)) ||
			    page_referenced(page, 0)) {
				list_add(&page->lru, &l_active);
				continue;
			}
		}
		list_add(&page->lru, &l_inactive);
	}

	pagevec_init(&pvec, 1);
	pgmoved = 0;
	spin_lock_irq(&zone->lru_lock);
	while (!list_empty(&l_inactive)) {
		page = lru_to_page(&l_inactive);
		VM_BUG_ON(PageLRU(page));
		SetPageLRU(page);
		VM_BUG_ON(!PageActive(page));
		ClearPageActive(page);

		list_move(&page->lru, &zone->inactive_list);
		pgmoved++;
		if (!pagevec_add(&pvec, page)) {
			zone->nr_inactive += pgmoved;
			spin_unlock_irq(&zone->lru_lock);
			pgdeactivate += pgmoved;
			pgmoved = 0;
			__pagevec_release(&pvec);
			spin_lock_irq(&zone->lru_lock);
		}
	}
	zone->nr_inactive += pgmoved;
	pgdeactivate += pgmoved;

	pgmoved = 0;
	while (!list_empty(&l_active)) {
		page = lru_to_page(&l_active);
		VM_BUG_ON(PageLRU(page));
		SetPageLRU(page);
		VM_BUG_ON(!PageActive(page));
		list_move(&page->lru, &zone->active_list);
		pgmoved++;
		if (!pagevec_add(&pvec, page)) {
			zone->nr_active += pgmoved;
			pgmoved = 0;
			spin_unlock_irq(&zone->lru_lock);
			__pagevec_release(&pvec);
			spin_lock_irq(&zone->lru_lock);
		}
	}
	zone->nr_active += pgmoved;

	__count_zone_vm_events(PGREFILL, zone, pgscanned);
	__count_vm_events(PGDEACTIVATE, pgdeactivate);
	spin_unlock_irq(&zone->lru_lock);

	pagevec_release(&pvec);
}

/*
 * This is a basic per-zone page freer.  Used by both kswapd and direct reclaim.
 */
static unsigned long shrink_zone(int priority, struct zone *zone,
				 struct scan_control *sc)
{
	unsigned long nr_active;
	unsigned long nr_inactive;
	unsigned long nr_to_scan;
	unsigned long nr_reclaimed = 0;

	atomic_inc(&zone->reclaim_in_progress);

	/*
	 * Add one to `nr_to_scan' just to make sure that the kernel will
	 * slowly sift through the active list.
	 */
	zone->nr_scan_active += (zone->nr_active >> priority) + 1;
	nr_active = zone->nr_scan_active;
	if (nr_active >= sc->swap_cluster_max)
		zone->nr_scan_active = 0;
	else
		nr_active = 0;

	zone->nr_scan_inactive += (zone->nr_inactive >> priority) + 1;
	nr_inactive = zone->nr_scan_inactive;
	if (nr_inactive >= sc->swap_cluster_max)
		zone->nr_scan_inactive = 0;
	else
		nr_inactive = 0;

	while (nr_active || nr_inactive) {
		if (nr_active) {
			nr_to_scan = min(nr_active,
					 (unsigned long)sc->swap_cluster_max);
			nr_active -= nr_to_scan;
			shrink_active_list(nr_to_scan, zone, sc, priority);
		}

		if (nr_inactive) {
			nr_to_scan = min(nr_inactive,
					 (unsigned long)sc->swap_cluster_max);
			nr_inactive -= nr_to_scan;
			nr_reclaimed +=
				shrink_inactive_list(nr_to_scan, zone, sc);
		}
	}

	/* (2006: throttle_vm_writeout(); not modeled) */

	atomic_dec(&zone->reclaim_in_progress);
	return nr_reclaimed;
}

/*
 * This is the direct reclaim path, for page-allocating processes.  We only
 * try to reclaim pages from zones which will satisfy the caller's allocation
 * request.
 *
 * We reclaim from a zone even if that zone is over pages_high.  Because:
 * a) The caller may be trying to free *extra* pages to satisfy a higher-order
 *    allocation or
 * b) The zones may be over pages_high but they must go *over* pages_high to
 *    satisfy the `incremental min' zone defense algorithm.
 *
 * Returns the number of reclaimed pages.
 *
 * If a zone is deemed to be full of pinned pages then just give it a light
 * scan then give up on it.
 */
static unsigned long shrink_zones(int priority, struct zone **zones,
				  struct scan_control *sc)
{
	unsigned long nr_reclaimed = 0;
	int i;

	sc->all_unreclaimable = 1;
	for (i = 0; zones[i] != NULL; i++) {
		struct zone *zone = zones[i];

		if (!populated_zone(zone))
			continue;

		if (!cpuset_zone_allowed_hardwall(zone, GFP_KERNEL))
			continue;

		note_zone_scanning_priority(zone, priority);

		if (zone->all_unreclaimable && priority != DEF_PRIORITY)
			continue; /* Let kswapd poll it */

		sc->all_unreclaimable = 0;

		nr_reclaimed += shrink_zone(priority, zone, sc);
	}
	return nr_reclaimed;
}

/*
 * This is the main entry point to direct page reclaim.
 *
 * If a full scan of the inactive list fails to free enough memory then we
 * are "out of memory" and something needs to be killed.
 *
 * If the caller is !__GFP_FS then the probability of a failure is reasonably
 * high - the zone may be full of dirty or under-writeback pages, which this
 * caller can't do much about.  We kick pdflush and take explicit naps in the
 * hope that some of these pages can be written.  But if the allocating task
 * holds filesystem locks which prevent writeout this might not work, and the
 * allocation attempt will fail.

 */
unsigned long try_to_free_pages(struct zone **zones, gfp_t gfp_mask)
{
	int priority;
	int ret = 0;
	unsigned long total_scanned = 0;
	unsigned long nr_reclaimed = 0;
	int i;
	struct scan_control sc = {
		.gfp_mask = gfp_mask,
		.may_writepage = !laptop_mode,
		.swap_cluster_max = SWAP_CLUSTER_MAX,
		.may_swap = 1,
		.swappiness = vm_swappiness,
	};

	count_vm_event(ALLOCSTALL);
	sim_trace("mm_direct_reclaim_begin", "gfp %#x", gfp_mask);

	/* (2006 summed lru_pages here for shrink_slab: no shrinkers) */

	for (priority = DEF_PRIORITY; priority >= 0; priority--) {
		sc.nr_scanned = 0;
		/* (2006: if (!priority) disable_swap_token();) */
		nr_reclaimed += shrink_zones(priority, zones, &sc);
		/* (2006: shrink_slab(sc.nr_scanned, gfp_mask, lru_pages)) */
		total_scanned += sc.nr_scanned;
		if (nr_reclaimed >= sc.swap_cluster_max) {
			ret = 1;
			goto out;
		}

		/*
		 * Try to write back as many pages as we just scanned.  This
		 * tends to cause slow streaming writers to write data to the
		 * disk smoothly, at the dirtying rate, which is nice.   But
		 * that's undesirable in laptop mode, where we *want* lumpy
		 * writeout.  So in laptop mode, write out the whole world.
		 */
		if (total_scanned >
		    sc.swap_cluster_max + sc.swap_cluster_max / 2) {
			wakeup_pdflush(laptop_mode ? 0 : total_scanned);
			sc.may_writepage = 1;
		}

		/* Take a nap, wait for some writeback to complete */
		if (sc.nr_scanned && priority < DEF_PRIORITY - 2)
			congestion_wait(WRITE, HZ / 10);
	}
	/* top priority shrink_caches still had more to do? don't OOM, then */
	if (!sc.all_unreclaimable)
		ret = 1;
out:
	/*
	 * Now that we've scanned all the zones at this priority level, note
	 * that level within the zone so that the next thread which performs
	 * scanning of this zone will immediately start out at this priority
	 * level.  This affects only the decision whether or not to bring
	 * mapped pages onto the inactive list.
	 */
	if (priority < 0)
		priority = 0;
	for (i = 0; zones[i] != 0; i++) {
		struct zone *zone = zones[i];

		if (!cpuset_zone_allowed_hardwall(zone, GFP_KERNEL))
			continue;

		zone->prev_priority = priority;
	}
	sim_trace("mm_direct_reclaim_end", "reclaimed %lu scanned %lu",
		  nr_reclaimed, total_scanned);
	return ret;
}

/* ---- the host's controls (include/sim/kernel.h) ----------------------------- */

/*
 * Run fn with the flags a reclaiming task has: PF_MEMALLOC (its own
 * allocations may dip into the reserves, and do not recurse into
 * reclaim), as __alloc_pages set it around try_to_free_pages.
 */
static unsigned long reclaim_enter(void)
{
	struct task_struct *p = current;
	unsigned long old = p ? p->flags : 0;

	if (p)
		p->flags |= PF_MEMALLOC;
	return old;
}

static void reclaim_exit(unsigned long old)
{
	struct task_struct *p = current;

	if (p && !(old & PF_MEMALLOC))
		p->flags &= ~PF_MEMALLOC;
}

/*
 * Helper function for shrink_all_memory().  Tries to reclaim 'nr_pages'
 * pages from LRU lists system-wide (mmsim: of node nid, -1 for all), for
 * given pass and priority, and returns the number of reclaimed pages.
 */
static unsigned long shrink_all_zones(int nid, unsigned long nr_pages, int prio,
				      int pass, struct scan_control *sc)
{
	struct zone *zone;
	unsigned long nr_to_scan, ret = 0;

	for_each_zone(zone) {

		if (!populated_zone(zone))
			continue;
		if (nid >= 0 && zone->zone_pgdat->node_id != nid)
			continue;

		if (zone->all_unreclaimable && prio != DEF_PRIORITY)
			continue;

		/* For pass = 0 we don't shrink the active list */
		if (pass > 0) {
			zone->nr_scan_active += (zone->nr_active >> prio) + 1;
			if (zone->nr_scan_active >= nr_pages || pass > 3) {
				zone->nr_scan_active = 0;
				nr_to_scan = min(nr_pages, zone->nr_active);
				shrink_active_list(nr_to_scan, zone, sc, prio);
			}
		}

		zone->nr_scan_inactive += (zone->nr_inactive >> prio) + 1;
		if (zone->nr_scan_inactive >= nr_pages || pass > 3) {
			zone->nr_scan_inactive = 0;
			nr_to_scan = min(nr_pages, zone->nr_inactive);
			ret += shrink_inactive_list(nr_to_scan, zone, sc);
			if (ret >= nr_pages)
				return ret;
		}
	}

	return ret;
}

/*
 * Try to free `nr_pages' of memory, system-wide, and return the number of
 * freed pages (2006: for software suspend; mmsim: also what sim_reclaim
 * runs, restricted to a node).
 *
 * Rather than trying to age LRUs the aim is to preserve the overall
 * LRU order by reclaiming preferentially
 * inactive > active > active referenced > active mapped
 */
static unsigned long shrink_node_memory(int nid, unsigned long nr_pages)
{
	unsigned long ret = 0;
	int pass;
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.may_swap = 0,
		.swap_cluster_max = nr_pages,
		.may_writepage = 1,
		.swappiness = vm_swappiness,
	};

	/* (2006 shrank the slab first when it was larger than the LRUs) */

	/*
	 * We try to shrink LRUs in 5 passes:
	 * 0 = Reclaim from inactive_list only
	 * 1 = Reclaim from active list but don't reclaim mapped
	 * 2 = 2nd pass of type 1
	 * 3 = Reclaim mapped (normal reclaim)
	 * 4 = 2nd pass of type 3
	 */
	for (pass = 0; pass < 5; pass++) {
		int prio;

		/* Force reclaiming mapped pages in the passes #3 and #4 */
		if (pass > 2) {
			sc.may_swap = 1;
			sc.swappiness = 100;
		}

		for (prio = DEF_PRIORITY; prio >= 0; prio--) {
			unsigned long nr_to_scan = nr_pages - ret;

			sc.nr_scanned = 0;
			ret += shrink_all_zones(nid, nr_to_scan, prio, pass,
						&sc);
			if (ret >= nr_pages)
				goto out;

			/* (2006: shrink_slab() here) */

			if (sc.nr_scanned && prio < DEF_PRIORITY - 2)
				congestion_wait(WRITE, HZ / 10);
		}
	}
out:
	return ret;
}

unsigned long shrink_all_memory(unsigned long nr_pages)
{
	return shrink_node_memory(-1, nr_pages);
}

/*
 * sim_reclaim: 2006's shrink_all_memory on the zones of node nid (every
 * node for -1): five passes over the priorities, first the inactive
 * lists only, then the active ones without mapped pages, then mapped
 * (and anonymous: swapped) pages too, until nr pages are free.
 */
long sim_reclaim(int nid, long nr)
{
	unsigned long nr_reclaimed, old;

	if (nr <= 0)
		return 0;
	if (nid != -1 && (nid < 0 || nid >= MAX_NUMNODES || !node_online(nid)))
		return -EINVAL;

	old = reclaim_enter();
	lru_add_drain_all();
	nr_reclaimed = shrink_node_memory(nid, nr);
	reclaim_exit(old);
	return nr_reclaimed;
}

/*
 * sim_swap_out: shrink_page_list on exactly the anonymous pages present
 * in [addr, addr + len) of task pid.  They are taken off the LRU, their
 * references (pte young bits, PG_referenced) are cleared and they are
 * deactivated -- as if reclaim had already aged them on an earlier pass
 * -- and then go through 2006's decisions: add_to_swap, try_to_unmap(page,
 * 0) to real swap ptes, pageout() -> swap_writepage, and free once clean
 * and unmapped.  Pages that cannot go (under writeback, locked, I/O not
 * complete) are put back on the LRU.
 */
long sim_swap_out(int pid, unsigned long addr, unsigned long len)
{
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.may_writepage = 1,
		.may_swap = 1,
		.swap_cluster_max = SWAP_CLUSTER_MAX,
		.swappiness = vm_swappiness,
	};
	struct mm_struct *mm;
	unsigned long end, old;
	LIST_HEAD(page_list);
	struct page *page;

	if (len == 0)
		return 0;
	end = PAGE_ALIGN(addr + len);
	addr &= PAGE_MASK;
	if (end <= addr)
		return -EINVAL;
	if (!total_swap_pages)
		return -ENOSPC;

	if (sim_get_pid_mm(pid, &mm))
		return -ESRCH;
	if (!mm)
		return -EINVAL;

	old = reclaim_enter();
	lru_add_drain_all();
	down_read(&mm->mmap_sem);
	for (; addr < end; addr += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, addr);

		if (!vma || addr < vma->vm_start)
			continue;
		page = follow_page(vma, addr, FOLL_GET);
		if (!page)
			continue;
		if (PageAnon(page) && !isolate_lru_page(page, &page_list)) {
			ClearPageActive(page);
			page_referenced(page, 0);
			ClearPageReferenced(page);
		}
		put_page(page);
	}
	up_read(&mm->mmap_sem);
	mmput(mm);

	shrink_page_list(&page_list, &sc);

	/* put back what could not be freed, as shrink_inactive_list does */
	while (!list_empty(&page_list)) {
		struct pagevec pvec;
		struct zone *zone;
		LIST_HEAD(zone_list);

		page = lru_to_page(&page_list);
		zone = page_zone(page);
		list_move(&page->lru, &zone_list);
		while (!list_empty(&page_list) &&
		       page_zone(lru_to_page(&page_list)) == zone)
			list_move(page_list.prev, &zone_list);
		pagevec_init(&pvec, 1);
		spin_lock_irq(&zone->lru_lock);
		putback_inactive_pages(zone, &zone_list, &pvec);
		spin_unlock_irq(&zone->lru_lock);
		pagevec_release(&pvec);
	}
	reclaim_exit(old);
	return 0;
}

/* ---- kswapd ------------------------------------------------------------------ */

/*
 * mmsim: balance_pgdat's loop_again is 2006's, unbounded there: a node
 * that needs balancing keeps kswapd going until its zones are above
 * pages_high or declared all_unreclaimable.  Going round this many
 * passes without either is reported (a printk, then kswapd sleeps) as
 * the livelock it would have been.
 */
#define KSWAPD_MAX_PASSES 1000

/*
 * Per node: KSWAPD_BUSY while balancing (wake-ups are dropped, as 2006's
 * !waitqueue_active() dropped them), KSWAPD_SLEEPING on kswapd_wait,
 * KSWAPD_WOKEN once wakeup_kswapd() found it asleep.
 */
enum { KSWAPD_BUSY, KSWAPD_SLEEPING, KSWAPD_WOKEN };
static int kswapd_state[MAX_NUMNODES];
static int kswapd_pid[MAX_NUMNODES];
/* sim_kswapd_quiesce() sleeps here until a kswapd goes to sleep */
static DECLARE_WAIT_QUEUE_HEAD(kswapd_idle_wait);

/*
 * For kswapd, balance_pgdat() will work across all this node's zones until
 * they are all at pages_high.
 *
 * Returns the number of pages which were actually freed.
 *
 * There is special handling here for zones which are full of pinned pages.
 * This can happen if the pages are all mlocked, or if they are all used by
 * device drivers (say, ZONE_DMA).  Or if they are all in use by hugetlb.
 * What we do is to detect the case where all pages in the zone have been
 * scanned twice and there has been zero successful reclaim.  Mark the zone as
 * dead and from now on, only perform a short scan.  Basically we're polling
 * the zone for when the problem goes away.
 *
 * kswapd scans the zones in the highmem->normal->dma direction.  It skips
 * zones which have free_pages > pages_high, but once a zone is found to have
 * free_pages <= pages_high, we scan that zone and the lower zones regardless
 * of the number of free pages in the lower zones.  This interoperates with
 * the page allocator fallback scheme to ensure that aging of pages is balanced
 * across the zones.
 */
static unsigned long balance_pgdat(pg_data_t *pgdat, int order)
{
	int all_zones_ok;
	int priority;
	int i;
	int passes = 0;
	unsigned long total_scanned;
	unsigned long nr_reclaimed;
	unsigned long total_reclaimed = 0;
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.may_swap = 1,
		.swap_cluster_max = SWAP_CLUSTER_MAX,
		.swappiness = vm_swappiness,
	};
	/*
	 * temp_priority is used to remember the scanning priority at which
	 * this zone was successfully refilled to free_pages == pages_high.
	 */
	int temp_priority[MAX_NR_ZONES];

loop_again:
	total_scanned = 0;
	nr_reclaimed = 0;
	sc.may_writepage = !laptop_mode;
	count_vm_event(PAGEOUTRUN);
	sim_count_event("kswapd_run");
	sim_trace("mm_kswapd_balance", "node %d order %d pass %d",
		  pgdat->node_id, order, passes);

	for (i = 0; i < pgdat->nr_zones; i++)
		temp_priority[i] = DEF_PRIORITY;

	for (priority = DEF_PRIORITY; priority >= 0; priority--) {
		int end_zone = 0; /* Inclusive.  0 = ZONE_DMA */

		/* (2006: if (!priority) disable_swap_token();) */

		all_zones_ok = 1;

		/*
		 * Scan in the highmem->dma direction for the highest
		 * zone which needs scanning
		 */
		for (i = pgdat->nr_zones - 1; i >= 0; i--) {
			struct zone *zone = pgdat->node_zones + i;

			if (!populated_zone(zone))
				continue;

			if (zone->all_unreclaimable && priority != DEF_PRIORITY)
				continue;

			if (!zone_watermark_ok(zone, order, zone->pages_high, 0,
					       0)) {
				end_zone = i;
				break;
			}
		}
		if (i < 0)
			goto out;

		/* (2006 summed lru_pages here for shrink_slab: no shrinkers) */

		/*
		 * Now scan the zone in the dma->highmem direction, stopping
		 * at the last zone which needs scanning.
		 *
		 * We do this because the page allocator works in the opposite
		 * direction.  This prevents the page allocator from allocating
		 * pages behind kswapd's direction of progress, which would
		 * cause too much scanning of the lower zones.
		 */
		for (i = 0; i <= end_zone; i++) {
			struct zone *zone = pgdat->node_zones + i;

			if (!populated_zone(zone))
				continue;

			if (zone->all_unreclaimable && priority != DEF_PRIORITY)
				continue;

			if (!zone_watermark_ok(zone, order, zone->pages_high,
					       end_zone, 0))
				all_zones_ok = 0;
			temp_priority[i] = priority;
			sc.nr_scanned = 0;
			note_zone_scanning_priority(zone, priority);
			nr_reclaimed += shrink_zone(priority, zone, &sc);
			/* (2006: shrink_slab(), reclaim_state->reclaimed_slab) */
			total_scanned += sc.nr_scanned;
			if (zone->all_unreclaimable)
				continue;
			if (zone->pages_scanned >=
			    (zone->nr_active + zone->nr_inactive) * 6)
				zone->all_unreclaimable = 1;
			/*
			 * If we've done a decent amount of scanning and
			 * the reclaim ratio is low, start doing writepage
			 * even in laptop mode
			 */
			if (total_scanned > SWAP_CLUSTER_MAX * 2 &&
			    total_scanned > nr_reclaimed + nr_reclaimed / 2)
				sc.may_writepage = 1;
		}
		if (all_zones_ok)
			break; /* kswapd: all done */
		/*
		 * OK, kswapd is getting into trouble.  Take a nap, then take
		 * another pass across the zones.
		 */
		if (total_scanned && priority < DEF_PRIORITY - 2)
			congestion_wait(WRITE, HZ / 10);

		/*
		 * We do this so kswapd doesn't build up large priorities for
		 * example when it is freeing in parallel with allocators. It
		 * matches the direct reclaim path behaviour in terms of impact
		 * on zone->*_priority.
		 */
		if (nr_reclaimed >= SWAP_CLUSTER_MAX)
			break;
	}
out:
	/*
	 * Note within each zone the priority level at which this zone was
	 * brought into a happy state.  So that the next thread which scans this
	 * zone will start out at that priority level.
	 */
	for (i = 0; i < pgdat->nr_zones; i++) {
		struct zone *zone = pgdat->node_zones + i;

		zone->prev_priority = temp_priority[i];
	}
	total_reclaimed += nr_reclaimed;
	if (!all_zones_ok) {
		if (++passes < KSWAPD_MAX_PASSES) {
			cond_resched();
			goto loop_again;
		}
		printk(KERN_WARNING "kswapd%d: %d passes without balancing "
				    "the node (2006 would keep going)\n",
		       pgdat->node_id, passes);
	}

	return total_reclaimed;
}

static int kswapd_idle(int nid)
{
	return __atomic_load_n(&kswapd_state[nid], __ATOMIC_SEQ_CST) ==
	       KSWAPD_SLEEPING;
}

static int kswapd_woken(int nid)
{
	return __atomic_load_n(&kswapd_state[nid], __ATOMIC_SEQ_CST) ==
	       KSWAPD_WOKEN;
}

/* 2006's prepare_to_wait(); schedule(); finish_wait() on kswapd_wait */
static void kswapd_sleep(pg_data_t *pgdat)
{
	int nid = pgdat->node_id;

	__atomic_store_n(&kswapd_state[nid], KSWAPD_SLEEPING, __ATOMIC_SEQ_CST);
	wake_up(&kswapd_idle_wait);
	wait_event(pgdat->kswapd_wait, kswapd_woken(nid));
	__atomic_store_n(&kswapd_state[nid], KSWAPD_BUSY, __ATOMIC_SEQ_CST);
}

/*
 * mmsim: 2.6.20 reads and writes pgdat->kswapd_max_order without a lock
 * from kswapd and from every allocator that wakes it (a lost update only
 * reclaims for a smaller order once).  Plain int accesses, atomic on
 * x86-64: relaxed atomics say so to the compiler and ThreadSanitizer.
 */
static inline int max_order_read(pg_data_t *pgdat)
{
	return __atomic_load_n(&pgdat->kswapd_max_order, __ATOMIC_RELAXED);
}

static inline void max_order_write(pg_data_t *pgdat, int order)
{
	__atomic_store_n(&pgdat->kswapd_max_order, order, __ATOMIC_RELAXED);
}

/*
 * The background pageout daemon, started as a kernel thread
 * from the init process.
 *
 * This basically trickles out pages so that we have _some_
 * free memory available even if there is no other activity
 * that frees anything up. This is needed for things like routing
 * etc, where we otherwise might have all activity going on in
 * asynchronous contexts that cannot page things out.
 *
 * If there are applications that are active memory-allocators
 * (most normal use), this basically shouldn't matter.
 */
static int kswapd(void *p)
{
	unsigned long order;
	pg_data_t *pgdat = (pg_data_t *)p;
	struct task_struct *tsk = current;

	/* (2006: set_cpus_allowed(tsk, node_to_cpumask(node)): its CPU is
	 * the node's first, given at kswapd_run) */

	/*
	 * Tell the memory management that we're a "memory allocator",
	 * and that if we need more memory we should get access to it
	 * regardless (see "__alloc_pages()"). "kswapd" should
	 * never get caught in the normal page freeing logic.
	 *
	 * (Kswapd normally doesn't need memory anyway, but sometimes
	 * you need a small amount of memory in order to be able to
	 * page out something else, and this flag essentially protects
	 * us from recursively trying to free more memory as we're
	 * trying to free the first piece of memory in the first place).
	 */
	tsk->flags |= PF_MEMALLOC | PF_SWAPWRITE | PF_KSWAPD;

	order = 0;
	for (;;) {
		unsigned long new_order;

		/* (2006: try_to_freeze()) */

		new_order = max_order_read(pgdat);
		max_order_write(pgdat, 0);
		if (order < new_order) {
			/*
			 * Don't sleep if someone wants a larger 'order'
			 * allocation
			 */
			order = new_order;
		} else {
			kswapd_sleep(pgdat);
			order = max_order_read(pgdat);
		}

		balance_pgdat(pgdat, order);
	}
	return 0;
}

/*
 * A zone is low on free memory, so wake its kswapd task to service it.
 * mmsim: the wake-up is counted ("kswapd_wakeup") whether or not the
 * machine has a kswapd.
 */
void wakeup_kswapd(struct zone *zone, int order)
{
	pg_data_t *pgdat;
	int nid;

	if (!populated_zone(zone))
		return;

	pgdat = zone->zone_pgdat;
	if (zone_watermark_ok(zone, order, zone->pages_low, 0, 0))
		return;
	if (max_order_read(pgdat) < order)
		max_order_write(pgdat, order);
	if (!cpuset_zone_allowed(zone, __GFP_HARDWALL))
		return;
	sim_count_event("kswapd_wakeup");
	if (!pgdat->kswapd)
		return;
	/* (2006: if (!waitqueue_active(&pgdat->kswapd_wait)) return;) */
	nid = pgdat->node_id;
	if (!__atomic_compare_exchange_n(&kswapd_state[nid],
					 &(int){KSWAPD_SLEEPING}, KSWAPD_WOKEN,
					 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		return;
	wake_up_interruptible(&pgdat->kswapd_wait);
}

static void kswapd_thread(void *arg)
{
	pg_data_t *pgdat = arg;

	sim_task_enter(kswapd_pid[pgdat->node_id]);
	kswapd(pgdat);
}

/*
 * This kswapd start function will be called by init and node-hot-add.
 * On node-hot-add, kswapd will moved to proper cpus if cpus are hot-added.
 * mmsim: a kernel task (no mm) named kswapd<nid> on the node's first CPU,
 * and the host thread that runs as it.
 */
int kswapd_run(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	struct sim_task_config tc = {0};
	char name[TASK_COMM_LEN];
	int pid, cpu;

	if (pgdat->kswapd)
		return 0;

	snprintf(name, sizeof(name), "kswapd%d", nid);
	cpu = first_cpu(node_to_cpumask[nid]);
	if (cpu >= NR_CPUS)
		cpu = 0;
	tc.name = name;
	tc.cpu = cpu;
	pid = sim_task_create(&tc, 1);
	if (pid < 0) {
		printk(KERN_ERR "Failed to start kswapd on node %d\n", nid);
		return -1;
	}
	kswapd_pid[nid] = pid;
	__atomic_store_n(&kswapd_state[nid], KSWAPD_BUSY, __ATOMIC_SEQ_CST);
	read_lock(&tasklist_lock);
	pgdat->kswapd = find_task_by_pid(pid);
	read_unlock(&tasklist_lock);
	sim_thread_spawn(name, pid, cpu, kswapd_thread, pgdat);
	return 0;
}

/*
 * sim_kswapd_quiesce: wait until every node's kswapd sleeps with no
 * wake-up pending (returns at once on a machine without kswapd).
 */
void sim_kswapd_quiesce(void)
{
	int nid;

	for_each_online_node(nid) {
		if (!NODE_DATA(nid)->kswapd)
			continue;
		wait_event(kswapd_idle_wait, kswapd_idle(nid));
	}
}
