/*
 * mm/swap_state.c - the swap cache, as in 2.6.20's mm/swap_state.c, and
 * the swap I/O of 2.6.20's mm/page_io.c (swap_writepage, swap_readpage).
 *
 * What it models: swapper_space as 2006 set it up -- its radix tree
 * allocates with GFP_ATOMIC | __GFP_NOWARN, its tree_lock is a rwlock,
 * host is NULL, ->writepage is swap_writepage, ->sync_page is
 * block_sync_page (which reaches swap_unplug_io_fn through the bdi),
 * ->set_page_dirty is __set_page_dirty_nobuffers and ->migratepage is
 * migrate_page (so migrate.c moves swap-cache pages by replacing the
 * radix-tree slot), and its backing_dev_info neither accounts dirty pages
 * nor takes part in writeback (BDI_CAP_NO_ACCT_DIRTY |
 * BDI_CAP_NO_WRITEBACK).  A swap-cache page is PG_swapcache with
 * page_private = the swap entry, in swapper_space's tree at entry.val,
 * holding one page reference and counted in NR_FILE_PAGES; the cache also
 * holds one swap_map count of its entry.  add_to_swap, the deletions,
 * lookup_swap_cache, read_swap_cache_async and the free_*_swap_cache
 * helpers are 2006's.
 *
 * Deliberate simplifications: 2006 built one bio per page
 * (get_swap_bio) and completed it in end_swap_bio_write/read.  The
 * simulated disk takes buffer heads only (block/ll_rw_blk.c), so a swap
 * I/O is one request per block of the slot (PAGE_SIZE / block size),
 * each a buffer head not attached to the page (no PG_private: a
 * swap-cache page never has buffers), and the page completes when the
 * last of them has: the same end states as the bio's end_io.  Requests
 * complete when the block model says so (at once without latency, or
 * when a task about to wait unplugs the disk), which keeps swap-out and
 * swap-in deterministic.  No swap-cache statistics beyond
 * show_swap_cache_info's counters.
 */
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/pagemap.h>
#include <linux/pagevec.h>
#include <linux/backing-dev.h>
#include <linux/buffer_head.h>
#include <linux/blkdev.h>
#include <linux/writeback.h>
#include <linux/migrate.h>
#include <linux/radix-tree.h>
#include <linux/mempolicy.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <sim/door.h>

/*
 * swapper_space is a fiction, retained to simplify the path through
 * vmscan's shrink_page_list, to make sync_page look nicer, and to allow
 * future use of radix_tree tags in the swap cache.
 */
static const struct address_space_operations swap_aops = {
	.writepage = swap_writepage,
	.sync_page = block_sync_page,
	.set_page_dirty = __set_page_dirty_nobuffers,
	.migratepage = migrate_page,
};

static struct backing_dev_info swap_backing_dev_info = {
	.capabilities = BDI_CAP_NO_ACCT_DIRTY | BDI_CAP_NO_WRITEBACK,
	.unplug_io_fn = swap_unplug_io_fn,
};

struct address_space swapper_space = {
	.page_tree = RADIX_TREE_INIT(GFP_ATOMIC | __GFP_NOWARN),
	.tree_lock = __RW_LOCK_UNLOCKED(swapper_space.tree_lock),
	.a_ops = &swap_aops,
	.i_mmap_nonlinear = LIST_HEAD_INIT(swapper_space.i_mmap_nonlinear),
	.backing_dev_info = &swap_backing_dev_info,
};

#define INC_CACHE_INFO(x)            \
	do {                         \
		swap_cache_info.x++; \
	} while (0)

static struct {
	unsigned long add_total;
	unsigned long del_total;
	unsigned long find_success;
	unsigned long find_total;
	unsigned long noent_race;
	unsigned long exist_race;
} swap_cache_info;

void show_swap_cache_info(void)
{
	printk("Swap cache: add %lu, delete %lu, find %lu/%lu, race %lu+%lu\n",
	       swap_cache_info.add_total, swap_cache_info.del_total,
	       swap_cache_info.find_success, swap_cache_info.find_total,
	       swap_cache_info.noent_race, swap_cache_info.exist_race);
	printk("Free swap  = %lukB\n", nr_swap_pages << (PAGE_SHIFT - 10));
	printk("Total swap = %lukB\n", total_swap_pages << (PAGE_SHIFT - 10));
}

/*
 * __add_to_swap_cache resembles add_to_page_cache on swapper_space,
 * but sets SwapCache flag and private instead of mapping and index.
 * Like add_to_page_cache in 2006, it sets PG_locked under tree_lock: a
 * page read in by read_swap_cache_async is locked before anyone can find
 * it (add_to_swap's page is locked already).
 */
static int __add_to_swap_cache(struct page *page, swp_entry_t entry,
			       gfp_t gfp_mask)
{
	int error;

	BUG_ON(PageSwapCache(page));
	BUG_ON(PagePrivate(page));
	error = radix_tree_preload(gfp_mask);
	if (!error) {
		write_lock_irq(&swapper_space.tree_lock);
		error = radix_tree_insert(&swapper_space.page_tree, entry.val,
					  page);
		if (!error) {
			page_cache_get(page);
			SetPageLocked(page);
			SetPageSwapCache(page);
			set_page_private(page, entry.val);
			total_swapcache_pages++;
			__inc_zone_page_state(page, NR_FILE_PAGES);
		}
		write_unlock_irq(&swapper_space.tree_lock);
		radix_tree_preload_end();
	}
	return error;
}

static int add_to_swap_cache(struct page *page, swp_entry_t entry)
{
	int error;

	if (!swap_duplicate(entry)) {
		INC_CACHE_INFO(noent_race);
		return -ENOENT;
	}
	error = __add_to_swap_cache(page, entry, GFP_KERNEL);
	/*
	 * Anon pages are already on the LRU, we don't run lru_cache_add here.
	 */
	if (error) {
		swap_free(entry);
		if (error == -EEXIST)
			INC_CACHE_INFO(exist_race);
		return error;
	}
	INC_CACHE_INFO(add_total);
	return 0;
}

/*
 * This must be called only on pages that have
 * been verified to be in the swap cache.
 */
void __delete_from_swap_cache(struct page *page)
{
	BUG_ON(!PageLocked(page));
	BUG_ON(!PageSwapCache(page));
	BUG_ON(PageWriteback(page));
	BUG_ON(PagePrivate(page));

	radix_tree_delete(&swapper_space.page_tree, page_private(page));
	set_page_private(page, 0);
	ClearPageSwapCache(page);
	total_swapcache_pages--;
	__dec_zone_page_state(page, NR_FILE_PAGES);
	INC_CACHE_INFO(del_total);
}

/**
 * add_to_swap - allocate swap space for a page
 * @page: page we want to move to swap
 *
 * Allocate swap space for the page and add the page to the
 * swap cache.  Caller needs to hold the page lock.
 */
int add_to_swap(struct page *page, gfp_t gfp_mask)
{
	swp_entry_t entry;
	int err;

	BUG_ON(!PageLocked(page));

	for (;;) {
		entry = get_swap_page();
		if (!entry.val)
			return 0;

		/*
		 * Radix-tree node allocations from PF_MEMALLOC contexts could
		 * completely exhaust the page allocator. __GFP_NOMEMALLOC
		 * stops emergency reserves from being allocated.
		 *
		 * TODO: this could cause a theoretical memory reclaim
		 * deadlock in the swap out path.
		 */
		/*
		 * Add it to the swap cache and mark it dirty
		 */
		err = __add_to_swap_cache(page, entry,
					  gfp_mask | __GFP_NOMEMALLOC |
						  __GFP_NOWARN);

		switch (err) {
		case 0: /* Success */
			SetPageUptodate(page);
			SetPageDirty(page);
			INC_CACHE_INFO(add_total);
			return 1;
		case -EEXIST:
			/* Raced with "speculative" read_swap_cache_async */
			INC_CACHE_INFO(exist_race);
			swap_free(entry);
			continue;
		default:
			/* -ENOMEM radix-tree allocation failure */
			swap_free(entry);
			return 0;
		}
	}
}

/*
 * This must be called only on pages that have
 * been verified to be in the swap cache and locked.
 * It will never put the page into the free list,
 * the caller has a reference on the page.
 */
void delete_from_swap_cache(struct page *page)
{
	swp_entry_t entry;

	entry.val = page_private(page);

	write_lock_irq(&swapper_space.tree_lock);
	__delete_from_swap_cache(page);
	write_unlock_irq(&swapper_space.tree_lock);

	swap_free(entry);
	page_cache_release(page);
}

/*
 * Strange swizzling function only for use by shmem_writepage
 */
int move_to_swap_cache(struct page *page, swp_entry_t entry)
{
	int err = __add_to_swap_cache(page, entry, GFP_ATOMIC);
	if (!err) {
		remove_from_page_cache(page);
		page_cache_release(page); /* pagecache ref */
		if (!swap_duplicate(entry))
			BUG();
		SetPageDirty(page);
		INC_CACHE_INFO(add_total);
	} else if (err == -EEXIST)
		INC_CACHE_INFO(exist_race);
	return err;
}

/*
 * Strange swizzling function for shmem_getpage (and shmem_unuse)
 */
int move_from_swap_cache(struct page *page, unsigned long index,
			 struct address_space *mapping)
{
	int err = add_to_page_cache(page, mapping, index, GFP_ATOMIC);
	if (!err) {
		delete_from_swap_cache(page);
		/* shift page from clean_pages to dirty_pages list */
		ClearPageDirty(page);
		set_page_dirty(page);
	}
	return err;
}

/*
 * If we are the only user, then try to free up the swap cache.
 *
 * Its ok to check for PageSwapCache without the page lock
 * here because we are going to recheck again inside
 * exclusive_swap_page() _with_ the lock.
 *					- Marcelo
 */
static inline void free_swap_cache(struct page *page)
{
	if (PageSwapCache(page) && !TestSetPageLocked(page)) {
		remove_exclusive_swap_page(page);
		unlock_page(page);
	}
}

/*
 * Perform a free_page(), also freeing any swap cache associated with
 * this page if it is the last user of the page.
 */
void free_page_and_swap_cache(struct page *page)
{
	free_swap_cache(page);
	page_cache_release(page);
}

/*
 * Passed an array of pages, drop them all from swapcache and then release
 * them.  They are removed from the LRU and freed if this is their last use.
 */
void free_pages_and_swap_cache(struct page **pages, int nr)
{
	struct page **pagep = pages;

	lru_add_drain();
	while (nr) {
		int todo = min(nr, PAGEVEC_SIZE);
		int i;

		for (i = 0; i < todo; i++)
			free_swap_cache(pagep[i]);
		release_pages(pagep, todo, 0);
		pagep += todo;
		nr -= todo;
	}
}

/*
 * Lookup a swap entry in the swap cache. A found page will be returned
 * unlocked and with its refcount incremented - we rely on the kernel
 * lock getting page table operations atomic even if we drop the page
 * lock before returning.
 */
struct page *lookup_swap_cache(swp_entry_t entry)
{
	struct page *page;

	page = find_get_page(&swapper_space, entry.val);

	if (page)
		INC_CACHE_INFO(find_success);

	INC_CACHE_INFO(find_total);
	return page;
}

/*
 * Locate a page of swap in physical memory, reserving swap cache space
 * and reading the disk if it is not already cached.
 * A failure return means that either the page allocation failed or that
 * the swap entry is no longer in use.
 */
struct page *read_swap_cache_async(swp_entry_t entry,
				   struct vm_area_struct *vma,
				   unsigned long addr)
{
	struct page *found_page, *new_page = NULL;
	int err;

	do {
		/*
		 * First check the swap cache.  Since this is normally
		 * called after lookup_swap_cache() failed, re-calling
		 * that would confuse statistics.
		 */
		found_page = find_get_page(&swapper_space, entry.val);
		if (found_page)
			break;

		/*
		 * Get a new page to read into from swap.
		 */
		if (!new_page) {
			new_page = alloc_page_vma(GFP_HIGHUSER, vma, addr);
			if (!new_page)
				break; /* Out of memory */
		}

		/*
		 * Associate the page with swap entry in the swap cache.
		 * May fail (-ENOENT) if swap entry has been freed since
		 * our caller observed it.  May fail (-EEXIST) if there
		 * is already a page associated with this entry in the
		 * swap cache: added by a racing read_swap_cache_async,
		 * or by try_to_swap_out (or shmem_writepage) re-using
		 * the just freed swap entry for an existing page.
		 * May fail (-ENOMEM) if radix-tree node allocation failed.
		 */
		err = add_to_swap_cache(new_page, entry);
		if (!err) {
			/*
			 * Initiate read into locked page and return.
			 */
			lru_cache_add_active(new_page);
			swap_readpage(NULL, new_page);
			return new_page;
		}
	} while (err != -ENOENT && err != -ENOMEM);

	if (new_page)
		page_cache_release(new_page);
	return found_page;
}

/* ---- swap I/O: 2.6.20's mm/page_io.c ------------------------------------ */

/*
 * One swap I/O of a page (2006: the bio of get_swap_bio): the page and
 * how many of its block requests are still in flight.
 */
struct swap_io {
	struct page *page;
	atomic_t pending;
	int error;
};

static void end_swap_io_write(struct swap_io *io)
{
	struct page *page = io->page;

	if (io->error) {
		SetPageError(page);
		/*
		 * We failed to write the page out to swap-space.
		 * Re-dirty the page in order to avoid it being reclaimed.
		 * Also print a dire warning that things will go BAD (tm)
		 * very quickly.
		 *
		 * Also clear PG_reclaim to avoid rotate_reclaimable_page()
		 */
		set_page_dirty(page);
		printk(KERN_ALERT "Write-error on swap-device (%s:%lu)\n",
		       get_swap_info_struct(0)->bdev->bd_name,
		       (unsigned long)swp_offset(
			       (swp_entry_t){page_private(page)}));
		ClearPageReclaim(page);
	}
	end_page_writeback(page);
}

static void end_swap_io_read(struct swap_io *io)
{
	struct page *page = io->page;

	if (io->error) {
		SetPageError(page);
		ClearPageUptodate(page);
		printk(KERN_ALERT "Read-error on swap-device\n");
	} else {
		SetPageUptodate(page);
	}
	unlock_page(page);
}

static void end_swap_bh(struct buffer_head *bh, int uptodate, int rw)
{
	struct swap_io *io = bh->b_private;

	if (!uptodate)
		io->error = 1;
	unlock_buffer(bh);
	free_buffer_head(bh);
	if (!atomic_dec_and_test(&io->pending))
		return;
	if (rw == WRITE)
		end_swap_io_write(io);
	else
		end_swap_io_read(io);
	kfree(io);
}

static void end_swap_bh_write(struct buffer_head *bh, int uptodate)
{
	end_swap_bh(bh, uptodate, WRITE);
}

static void end_swap_bh_read(struct buffer_head *bh, int uptodate)
{
	end_swap_bh(bh, uptodate, READ);
}

/*
 * Build the requests of one swap I/O of page at its swap-cache entry
 * (2006: get_swap_bio with map_swap_page): one locked, mapped buffer
 * head per block of the slot.  Returns the number of requests in bhs,
 * or 0 if an allocation failed.
 */
#define MAX_SWAP_BHS (PAGE_SIZE / 512)

static int get_swap_bhs(gfp_t gfp_flags, struct page *page, bh_end_io_t *end_io,
			struct buffer_head **bhs)
{
	swp_entry_t entry = {.val = page_private(page)};
	struct swap_info_struct *sis = get_swap_info_struct(swp_type(entry));
	unsigned int i, n = sis->blocks_per_slot;
	struct swap_io *io;

	BUG_ON(n > MAX_SWAP_BHS);
	io = kzalloc(sizeof(*io), gfp_flags);
	if (!io)
		return 0;
	io->page = page;
	atomic_set(&io->pending, n);
	for (i = 0; i < n; i++) {
		struct buffer_head *bh = alloc_buffer_head(gfp_flags);

		if (!bh) {
			while (i--)
				free_buffer_head(bhs[i]);
			kfree(io);
			return 0;
		}
		set_bh_page(bh, page, i * sis->bdev->bd_block_size);
		bh->b_bdev = sis->bdev;
		bh->b_blocknr =
			sis->first_block + (sector_t)swp_offset(entry) * n + i;
		bh->b_size = sis->bdev->bd_block_size;
		bh->b_end_io = end_io;
		bh->b_private = io;
		set_buffer_mapped(bh);
		lock_buffer(bh);
		bhs[i] = bh;
	}
	return n;
}

/*
 * We may have stale swap cache pages in memory: notice
 * them here and get rid of the unnecessary final write.
 */
int swap_writepage(struct page *page, struct writeback_control *wbc)
{
	struct buffer_head *bhs[MAX_SWAP_BHS];
	int ret = 0, i, n;

	if (remove_exclusive_swap_page(page)) {
		unlock_page(page);
		goto out;
	}
	n = get_swap_bhs(GFP_NOIO, page, end_swap_bh_write, bhs);
	if (n == 0) {
		set_page_dirty(page);
		unlock_page(page);
		ret = -ENOMEM;
		goto out;
	}
	/* (WB_SYNC_ALL's BIO_RW_SYNC: the model has no plugging to skip) */
	count_vm_event(PSWPOUT);
	set_page_writeback(page);
	unlock_page(page);
	for (i = 0; i < n; i++)
		submit_bh(WRITE, bhs[i]);
out:
	return ret;
}

int swap_readpage(struct file *file, struct page *page)
{
	struct buffer_head *bhs[MAX_SWAP_BHS];
	int ret = 0, i, n;

	BUG_ON(!PageLocked(page));
	ClearPageUptodate(page);
	n = get_swap_bhs(GFP_KERNEL, page, end_swap_bh_read, bhs);
	if (n == 0) {
		unlock_page(page);
		ret = -ENOMEM;
		goto out;
	}
	count_vm_event(PSWPIN);
	for (i = 0; i < n; i++)
		submit_bh(READ, bhs[i]);
out:
	return ret;
}
