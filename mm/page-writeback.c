/*
 * mm/page-writeback.c - standing for 2.6.20's mm/page-writeback.c (with
 * the writepage loop of fs/mpage.c's mpage_writepages, which is what
 * generic_writepages ran, and the inode dirty list of
 * fs/fs-writeback.c): dirtying pages, the radix-tree DIRTY and
 * WRITEBACK tags, NR_FILE_DIRTY and NR_WRITEBACK, the writeback of a
 * mapping's dirty pages, and the dirty thresholds that wake pdflush.
 *
 * What it models: set_page_dirty goes to the mapping's ->set_page_dirty,
 * or __set_page_dirty_buffers when that is NULL (CONFIG_BLOCK), and a
 * page without a mapping just gets PG_dirty.  __set_page_dirty_nobuffers
 * re-checks the mapping under tree_lock (the truncate race), counts
 * NR_FILE_DIRTY if the backing device accounts dirty pages, tags the
 * page DIRTY and puts the inode on the dirty list.
 * clear_page_dirty_for_io write-protects the ptes first (page_mkclean)
 * on accounting mappings.  test_set/test_clear_page_writeback keep
 * PG_writeback, NR_WRITEBACK and the WRITEBACK tag together.
 * generic_writepages walks the DIRTY-tagged pages: lock, re-check the
 * mapping, wait for writeback under WB_SYNC_ALL, clear_page_dirty_for_io,
 * ->writepage, and unlock a page handed back with AOP_WRITEPAGE_ACTIVATE.
 *
 * Deliberate simplifications: no per-CPU ratelimit and no throttling of
 * the dirtier: balance_dirty_pages_ratelimited() only wakes pdflush
 * (mm/pdflush.c) once NR_FILE_DIRTY + NR_WRITEBACK exceed
 * dirty_background_ratio percent of RAM, and pdflush runs when the host
 * says so.  The inode dirty list is one global list under inode_lock
 * rather than per-superblock s_dirty/s_io lists; older_than_this is not
 * honoured.  No request-queue congestion, so nonblocking writeback never
 * backs off.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/pagevec.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/buffer_head.h>
#include <linux/rmap.h>
#include <linux/radix-tree.h>
#include <linux/swap.h>
#include <sim/door.h>

/*
 * Start background writeback (via pdflush) at this percentage
 */
int dirty_background_ratio = 10;

/*
 * The generator of dirty data starts writeback at this percentage
 */
int vm_dirty_ratio = 40;

/*
 * The interval between `kupdate'-style writebacks, in ticks
 */
int dirty_writeback_interval = 5 * 1000;

/*
 * The longest number of ticks for which data is allowed to remain dirty
 */
int dirty_expire_interval = 30 * 1000;

LIST_HEAD(sim_dirty_inodes);
DEFINE_SPINLOCK(inode_lock);

/*
 * __mark_inode_dirty (fs/fs-writeback.c): the first dirtying puts the
 * inode at the tail of the dirty list and stamps dirtied_when.  Inodes
 * without a mapping host (swapper_space) never get here.
 */
void __mark_inode_dirty(struct inode *inode, int flags)
{
	if (!inode)
		return;
	spin_lock(&inode_lock);
	if ((inode->i_state & flags) != flags) {
		const int was_dirty = inode->i_state & I_DIRTY;

		inode->i_state |= flags;
		if (!was_dirty) {
			inode->dirtied_when = (unsigned long)sim_ticks();
			list_move_tail(&inode->i_list, &sim_dirty_inodes);
		}
	}
	spin_unlock(&inode_lock);
}

/*
 * Work out the background dirty threshold (get_dirty_limits without the
 * unmapped-ratio and per-task refinements): a percentage of all RAM.
 */
static long background_thresh(void)
{
	return (long)(totalram_pages * dirty_background_ratio / 100);
}

/**
 * balance_dirty_pages_ratelimited - balance dirty memory state
 * @mapping: address_space which was dirtied
 *
 * Processes which are dirtying memory should call in here once for each
 * page which was newly dirtied.  In 2006 this throttled the dirtier; here
 * it only kicks background writeback when the dirty memory crosses
 * dirty_background_ratio.
 */
void balance_dirty_pages_ratelimited(struct address_space *mapping)
{
	long nr = global_page_state(NR_FILE_DIRTY) +
		  global_page_state(NR_UNSTABLE_NFS);

	if (!mapping_cap_writeback_dirty(mapping))
		return;
	if (nr > background_thresh())
		wakeup_pdflush(0);
}

/*
 * A set_page_dirty() that may balance: the fault path's dirtying.
 */
void set_page_dirty_balance(struct page *page)
{
	if (set_page_dirty(page)) {
		struct address_space *mapping = page_mapping(page);

		if (mapping)
			balance_dirty_pages_ratelimited(mapping);
	}
}

/**
 * generic_writepages - walk the list of dirty pages of the given
 * address space and writepage() all of them.
 *
 * @mapping: address space structure to write
 * @wbc: subtract the number of written pages from *@wbc->nr_to_write
 *
 * This is mpage_writepages(mapping, wbc, NULL) of 2006: with no
 * get_block every page goes through ->writepage.
 *
 * If a page is already under I/O, it is skipped unless WB_SYNC_ALL, when
 * we wait for it.  Note the 2006 quirk kept here: any non-zero return
 * from ->writepage, AOP_WRITEPAGE_ACTIVATE included, sets AS_EIO (or
 * AS_ENOSPC) on the mapping.
 */
int generic_writepages(struct address_space *mapping,
		       struct writeback_control *wbc)
{
	struct backing_dev_info *bdi = mapping->backing_dev_info;
	int ret = 0;
	int done = 0;
	int (*writepage)(struct page * page, struct writeback_control * wbc);
	struct pagevec pvec;
	int nr_pages;
	pgoff_t index;
	pgoff_t end; /* Inclusive */
	int scanned = 0;
	int range_whole = 0;

	writepage = mapping->a_ops->writepage;
	/* deal with chardevs and other special file */
	if (!writepage)
		return 0;

	if (wbc->nonblocking && bdi_write_congested(bdi)) {
		wbc->encountered_congestion = 1;
		return 0;
	}

	pagevec_init(&pvec, 0);
	if (wbc->range_cyclic) {
		index = mapping->writeback_index; /* Start from prev offset */
		end = -1;
	} else {
		index = wbc->range_start >> PAGE_CACHE_SHIFT;
		end = wbc->range_end >> PAGE_CACHE_SHIFT;
		if (wbc->range_start == 0 && wbc->range_end == LLONG_MAX)
			range_whole = 1;
		scanned = 1;
	}
retry:
	while (!done && (index <= end) &&
	       (nr_pages = pagevec_lookup_tag(
			&pvec, mapping, &index, PAGECACHE_TAG_DIRTY,
			min(end - index, (pgoff_t)PAGEVEC_SIZE - 1) + 1))) {
		unsigned i;

		scanned = 1;
		for (i = 0; i < nr_pages; i++) {
			struct page *page = pvec.pages[i];

			/*
			 * At this point we hold neither mapping->tree_lock nor
			 * lock on the page itself: the page may be truncated or
			 * invalidated (changing page->mapping to NULL), or even
			 * swizzled back from swapper_space to tmpfs file
			 * mapping
			 */

			lock_page(page);

			if (unlikely(page->mapping != mapping)) {
				unlock_page(page);
				continue;
			}

			if (!wbc->range_cyclic && page->index > end) {
				done = 1;
				unlock_page(page);
				continue;
			}

			if (wbc->sync_mode != WB_SYNC_NONE)
				wait_on_page_writeback(page);

			if (PageWriteback(page) ||
			    !clear_page_dirty_for_io(page)) {
				unlock_page(page);
				continue;
			}

			ret = (*writepage)(page, wbc);
			if (ret) {
				if (ret == -ENOSPC)
					set_bit(AS_ENOSPC, &mapping->flags);
				else
					set_bit(AS_EIO, &mapping->flags);
			}

			if (unlikely(ret == AOP_WRITEPAGE_ACTIVATE))
				unlock_page(page);
			if (ret || (--(wbc->nr_to_write) <= 0))
				done = 1;
			if (wbc->nonblocking && bdi_write_congested(bdi)) {
				wbc->encountered_congestion = 1;
				done = 1;
			}
		}
		pagevec_release(&pvec);
		cond_resched();
	}
	if (!scanned && !done) {
		/*
		 * We hit the last page and there is more work to be done: wrap
		 * back to the start of the file
		 */
		scanned = 1;
		index = 0;
		goto retry;
	}
	if (wbc->range_cyclic || (range_whole && wbc->nr_to_write > 0))
		mapping->writeback_index = index;
	return ret;
}

int do_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	int ret;

	if (wbc->nr_to_write <= 0)
		return 0;
	wbc->for_writepages = 1;
	if (mapping->a_ops->writepages)
		ret = mapping->a_ops->writepages(mapping, wbc);
	else
		ret = generic_writepages(mapping, wbc);
	wbc->for_writepages = 0;
	return ret;
}

/**
 * write_one_page - write out a single page and optionally wait on I/O
 *
 * @page: the page to write
 * @wait: if true, wait on writeout
 *
 * The page must be locked by the caller and will be unlocked upon return.
 */
int write_one_page(struct page *page, int wait)
{
	struct address_space *mapping = page->mapping;
	int ret = 0;
	struct writeback_control wbc = {
		.sync_mode = WB_SYNC_ALL,
		.nr_to_write = 1,
	};

	BUG_ON(!PageLocked(page));

	if (wait)
		wait_on_page_writeback(page);

	if (clear_page_dirty_for_io(page)) {
		page_cache_get(page);
		ret = mapping->a_ops->writepage(page, &wbc);
		if (ret == 0 && wait) {
			wait_on_page_writeback(page);
			if (PageError(page))
				ret = -EIO;
		}
		page_cache_release(page);
	} else {
		unlock_page(page);
	}
	return ret;
}

/*
 * For address_spaces which do not use buffers.  Just tag the page as dirty in
 * its radix tree.
 *
 * This is also used when a single buffer is being dirtied: we want to set the
 * page dirty in that case, but not all the buffers.  This is a "bottom-up"
 * dirtying, whereas __set_page_dirty_buffers() is a "top-down" dirtying.
 *
 * Most callers have locked the page, which pins the address_space in memory.
 * But zap_pte_range() does not lock the page, however in that case the
 * mapping is pinned by the vma's ->vm_file reference.
 *
 * We take care to handle the case where the page was truncated from the
 * mapping by re-checking page_mapping() insode tree_lock.
 */
int __set_page_dirty_nobuffers(struct page *page)
{
	if (!TestSetPageDirty(page)) {
		struct address_space *mapping = page_mapping(page);
		struct address_space *mapping2;

		if (!mapping)
			return 1;

		write_lock_irq(&mapping->tree_lock);
		mapping2 = page_mapping(page);
		if (mapping2) { /* Race with truncate? */
			BUG_ON(mapping2 != mapping);
			if (mapping_cap_account_dirty(mapping))
				__inc_zone_page_state(page, NR_FILE_DIRTY);
			radix_tree_tag_set(&mapping->page_tree,
					   page_index(page),
					   PAGECACHE_TAG_DIRTY);
		}
		write_unlock_irq(&mapping->tree_lock);
		if (mapping->host) {
			/* !PageAnon && !swapper_space */
			__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
		}
		return 1;
	}
	return 0;
}

/*
 * When a writepage implementation decides that it doesn't want to write this
 * page for some reason, it should redirty the locked page via
 * redirty_page_for_writepage() and it should then unlock the page and return 0
 */
int redirty_page_for_writepage(struct writeback_control *wbc, struct page *page)
{
	wbc->pages_skipped++;
	return __set_page_dirty_nobuffers(page);
}

/*
 * If the mapping doesn't provide a set_page_dirty a_op, then
 * just fall through and assume that it wants buffer_heads.
 */
int fastcall set_page_dirty(struct page *page)
{
	struct address_space *mapping = page_mapping(page);

	if (likely(mapping)) {
		int (*spd)(struct page *) = mapping->a_ops->set_page_dirty;
		if (!spd)
			spd = __set_page_dirty_buffers;
		return (*spd)(page);
	}
	if (!PageDirty(page)) {
		if (!TestSetPageDirty(page))
			return 1;
	}
	return 0;
}

/*
 * set_page_dirty() is racy if the caller has no reference against
 * page->mapping->host, and if the page is unlocked.  This is because another
 * CPU could truncate the page off the mapping and then free the mapping.
 *
 * Usually, the page _is_ locked, or the caller is a user-space process which
 * holds a reference on the inode by having an open file.
 *
 * In other cases, the page should be locked before running set_page_dirty().
 */
int set_page_dirty_lock(struct page *page)
{
	int ret;

	lock_page_nosync(page);
	ret = set_page_dirty(page);
	unlock_page(page);
	return ret;
}

/*
 * Clear a page's dirty flag, while caring for dirty memory accounting.
 * Returns true if the page was previously dirty.
 *
 * This is for preparing to put the page under writeout.  We leave the page
 * tagged as dirty in the radix tree so that a concurrent write-for-sync
 * can discover it via a PAGECACHE_TAG_DIRTY walk.  The ->writepage
 * implementation will run either set_page_writeback() or set_page_dirty(),
 * at which stage we bring the page's dirty flag and radix-tree dirty tag
 * back into sync.
 *
 * This incoherency between the page's dirty flag and radix-tree tag is
 * unfortunate, but it only exists while the page is locked.
 */
int clear_page_dirty_for_io(struct page *page)
{
	struct address_space *mapping = page_mapping(page);

	if (mapping && mapping_cap_account_dirty(mapping)) {
		/*
		 * Yes, Virginia, this is indeed insane.
		 *
		 * We use this sequence to make sure that
		 *  (a) we account for dirty stats properly
		 *  (b) we tell the low-level filesystem to
		 *      mark the whole page dirty if it was
		 *      dirty in a pagetable. Only to then
		 *  (c) clean the page again and return 1 to
		 *      cause the writeback.
		 *
		 * This way a concurrent page dirtying in the
		 * pagetables cannot be lost: page_mkclean
		 * write-protected the ptes first.
		 */
		if (page_mkclean(page))
			set_page_dirty(page);
		if (TestClearPageDirty(page)) {
			dec_zone_page_state(page, NR_FILE_DIRTY);
			return 1;
		}
		return 0;
	}
	return TestClearPageDirty(page);
}

int test_clear_page_writeback(struct page *page)
{
	struct address_space *mapping = page_mapping(page);
	int ret;

	if (mapping) {
		unsigned long flags;

		write_lock_irqsave(&mapping->tree_lock, flags);
		ret = TestClearPageWriteback(page);
		if (ret)
			radix_tree_tag_clear(&mapping->page_tree,
					     page_index(page),
					     PAGECACHE_TAG_WRITEBACK);
		write_unlock_irqrestore(&mapping->tree_lock, flags);
	} else {
		ret = TestClearPageWriteback(page);
	}
	return ret;
}

int test_set_page_writeback(struct page *page)
{
	struct address_space *mapping = page_mapping(page);
	int ret;

	if (mapping) {
		unsigned long flags;

		write_lock_irqsave(&mapping->tree_lock, flags);
		ret = TestSetPageWriteback(page);
		if (!ret)
			radix_tree_tag_set(&mapping->page_tree,
					   page_index(page),
					   PAGECACHE_TAG_WRITEBACK);
		if (!PageDirty(page))
			radix_tree_tag_clear(&mapping->page_tree,
					     page_index(page),
					     PAGECACHE_TAG_DIRTY);
		write_unlock_irqrestore(&mapping->tree_lock, flags);
	} else {
		ret = TestSetPageWriteback(page);
	}
	return ret;
}

/*
 * Return true if any of the pages in the mapping are marged with the
 * passed tag.
 */
int mapping_tagged(struct address_space *mapping, int tag)
{
	int ret;

	read_lock_irq(&mapping->tree_lock);
	ret = radix_tree_tagged(&mapping->page_tree, tag);
	read_unlock_irq(&mapping->tree_lock);
	return ret;
}

/*
 * writeback_inodes (fs/fs-writeback.c, much reduced): write back the
 * dirty inodes oldest first until wbc->nr_to_write is used up.  An inode
 * whose mapping is no longer tagged dirty leaves the list; one that is
 * still dirty goes to the tail.  Mappings whose device does no writeback
 * (shmem, ramdisk) are taken off the list untouched.
 */
void writeback_inodes(struct writeback_control *wbc)
{
	struct inode *inode;
	struct list_head *pos;
	int left = 0;

	spin_lock(&inode_lock);
	list_for_each(pos, &sim_dirty_inodes)
		left++;
	while (!list_empty(&sim_dirty_inodes) && wbc->nr_to_write > 0) {
		struct address_space *mapping;
		int nr = 0;

		inode = list_entry(sim_dirty_inodes.next, struct inode, i_list);
		mapping = inode->i_mapping;
		/* each inode once per call (the s_io list of 2006) */
		if (left-- <= 0)
			break;
		if (!mapping_cap_writeback_dirty(mapping)) {
			inode->i_state &= ~I_DIRTY;
			list_del_init(&inode->i_list);
			continue;
		}
		inode->i_state &= ~I_DIRTY_PAGES;
		list_move_tail(&inode->i_list, &sim_dirty_inodes);
		igrab(inode);
		spin_unlock(&inode_lock);

		do_writepages(mapping, wbc);
		if (wbc->sync_mode == WB_SYNC_ALL)
			filemap_fdatawait(mapping);
		nr = mapping_tagged(mapping, PAGECACHE_TAG_DIRTY);

		spin_lock(&inode_lock);
		if (nr)
			inode->i_state |= I_DIRTY_PAGES;
		else if (!(inode->i_state & I_DIRTY))
			list_del_init(&inode->i_list);
		spin_unlock(&inode_lock);
		iput(inode);
		spin_lock(&inode_lock);
	}
	spin_unlock(&inode_lock);
}
