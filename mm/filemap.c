/*
 * mm/filemap.c - standing for 2.6.20's mm/filemap.c: the page cache
 * (add_to_page_cache, find_get_page, find_lock_page, the gang lookups,
 * remove_from_page_cache), the page lock and page bit waits,
 * end_page_writeback, try_to_release_page, the fdatawrite/fdatawait
 * pair behind fsync, the file fault (filemap_nopage) and a buffered
 * read and write for the simulator's file verbs.
 *
 * What it models: PG_locked is a sleeping bit lock.  __lock_page sleeps
 * in TASK_UNINTERRUPTIBLE until it wins TestSetPageLocked, calling the
 * mapping's ->sync_page (block unplug) each time before it sleeps;
 * unlock_page BUGs on an unlocked page, clears the bit with barriers and
 * wakes the waiters; wait_on_page_bit sleeps until a bit is clear.  The
 * page cache is the mapping's radix tree under the tree_lock rwlock
 * (readers take it for read: the lockless page cache came years later);
 * the cache holds one reference on each of its pages.
 *
 * Deliberate simplifications: 2006 hashed pages onto the zone's
 * wait_table and woke with a (flags word, bit) key that waiters
 * filtered; mmsim sleeps and wakes through the door on one key per
 * (page, bit) (page_wait_key in linux/pagemap.h).  The waits are
 * prepare/test/sleep loops on the door's tickets, so a wake-up between
 * the test and the sleep is never lost.  Waiting for the page lock is
 * not FIFO-exclusive as with prepare_to_wait_exclusive: every waiter
 * re-tests, one wins.  io_schedule() is an ordinary sleep.  No
 * readahead: filemap_nopage and the read path read exactly the page they
 * need (page_cache_read), so the majmin accounting only counts that.
 * The read and write verbs (sim_generic_file_read/write) copy between
 * kernel buffers and the page cache instead of 2006's iovec/user-copy
 * machinery; the write goes through ->prepare_write/->commit_write as
 * generic_file_buffered_write did.
 */
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/pagevec.h>
#include <linux/sched.h>
#include <linux/kernel.h>
#include <linux/swap.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/buffer_head.h>
#include <linux/radix-tree.h>
#include <linux/string.h>
#include <sim/door.h>

/*
 * The "action" of 2006's __wait_on_bit(_lock): kick the device so the
 * I/O we are about to wait for gets going, then sleep.
 */
static void sync_page(struct page *page)
{
	struct address_space *mapping;

	smp_mb();
	/*
	 * Lockless on purpose (2.6.20's sync_page): the page is not locked
	 * here, its waiter only kicks the queue, and a page truncated or
	 * remapped meanwhile only makes the kick useless.  Its ->mapping may
	 * change under us (migration's remove_migration_pte, truncate).
	 */
	mapping = data_race(page_mapping(page));
	if (mapping && mapping->a_ops && mapping->a_ops->sync_page)
		mapping->a_ops->sync_page(page);
}

/*
 * Sleep until bit_nr of page->flags is clear.  With 'lock', also win the
 * bit (test_and_set) before returning.  Returns 1 if it had to sleep.
 */
static int __wait_on_page_bit(struct page *page, int bit_nr, int lock,
			      int do_sync, const char *event, const char *what)
{
	const void *key = page_wait_key(page, bit_nr);
	int slept = 0;

	for (;;) {
		unsigned long ticket = sim_wait_prepare(key);

		if (!test_bit(bit_nr, &page->flags)) {
			if (!lock)
				break;
			if (!test_and_set_bit(bit_nr, &page->flags)) {
				/* mmsim: after the last unlock_page */
				sim_hb_acquire(&page->flags);
				break;
			}
			continue;
		}
		if (!slept) {
			slept = 1;
			sim_count_event(event);
		}
		/* TASK_UNINTERRUPTIBLE: the engine records the sleep itself. */
		if (do_sync)
			sync_page(page);
		sim_wait_sleep(key, ticket, what, __LOCK_SITE);
	}
	return slept;
}

void fastcall wait_on_page_bit(struct page *page, int bit_nr)
{
	might_sleep();
	if (test_bit(bit_nr, &page->flags))
		__wait_on_page_bit(page, bit_nr, 0, 1, "wait_on_page_bit",
				   bit_nr == PG_writeback
					   ? "wait_on_page_writeback"
					   : "wait_on_page_bit");
}

/**
 * unlock_page - unlock a locked page
 * @page: the page
 *
 * Unlocks the page and wakes up sleepers in ___wait_on_page_locked().
 * Also wakes sleepers in wait_on_page_writeback() because the wakeup
 * mechananism between PageLocked pages and PageWriteback pages is shared.
 * But that's OK - sleepers in wait_on_page_writeback() just go back to sleep.
 *
 * The first mb is necessary to safely close the critical section opened by the
 * TestSetPageLocked(), the second mb is necessary to enforce ordering between
 * the clear_bit and the read of the waitqueue (to avoid SMP races with a
 * parallel wait_on_page_locked()).
 */
void fastcall unlock_page(struct page *page)
{
	smp_mb__before_clear_bit();
	sim_hb_release(&page->flags); /* mmsim: --detect kcsan */
	if (!TestClearPageLocked(page))
		BUG();
	sim_lockdep_bit_unlock(&page->flags); /* mmsim: --detect lockdep */
	smp_mb__after_clear_bit();
	wake_up_page(page, PG_locked);
}

/**
 * __lock_page - get a lock on the page, assuming we need to sleep to get it
 * @page: the page to lock
 *
 * Ugly. Running sync_page() in state TASK_UNINTERRUPTIBLE is scary.  If some
 * random driver's requestfn sets TASK_RUNNING, we could busywait.  However
 * chances are that on the second loop, the block layer's plug list is empty,
 * so sync_page() will then return in state TASK_UNINTERRUPTIBLE.
 */
void fastcall __lock_page(struct page *page)
{
	might_sleep();
	__wait_on_page_bit(page, PG_locked, 1, 1, "lock_page_wait",
			   "lock_page");
}

/*
 * Variant of lock_page that does not require the caller to hold a reference
 * on the page's mapping: it does not call ->sync_page.
 */
void fastcall __lock_page_nosync(struct page *page)
{
	might_sleep();
	__wait_on_page_bit(page, PG_locked, 1, 0, "lock_page_wait",
			   "lock_page");
}

/*
 * Note that this was on the way to being removed by 2.6.20, but
 * end_page_writeback is still what every ->writepage completion calls:
 * clear PG_writeback (and the radix tree's WRITEBACK tag) and wake the
 * waiters.  With PG_reclaim set, rotate_reclaimable_page may move the
 * page to the inactive tail and clear writeback itself.
 */
void end_page_writeback(struct page *page)
{
	if (!TestClearPageReclaim(page) || rotate_reclaimable_page(page)) {
		if (!test_clear_page_writeback(page))
			BUG();
	}
	smp_mb__after_clear_bit();
	wake_up_page(page, PG_writeback);
}

/* ---- the page cache ------------------------------------------------------ */

/*
 * Remove a page from the page cache and free it. Caller has to make
 * sure the page is locked and that nobody else uses it - or that usage
 * is safe.  The caller must hold a write_lock on the mapping's tree_lock.
 */
void __remove_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;

	radix_tree_delete(&mapping->page_tree, page->index);
	page_mapping_store(page, NULL);
	mapping->nrpages--;
	__dec_zone_page_state(page, NR_FILE_PAGES);
}

void remove_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;

	BUG_ON(!PageLocked(page));

	write_lock_irq(&mapping->tree_lock);
	__remove_from_page_cache(page);
	write_unlock_irq(&mapping->tree_lock);
}

/**
 * add_to_page_cache - add newly allocated pagecache pages
 * @page:	page to add
 * @mapping:	the page's address_space
 * @offset:	page index
 * @gfp_mask:	page allocation mode
 *
 * This function is used to add newly allocated pagecache pages;
 * the page is new, so we can just run SetPageLocked() against it.
 * The other page state flags were set by rmqueue().
 *
 * This function does not add the page to the LRU.  The caller must do that.
 */
int add_to_page_cache(struct page *page, struct address_space *mapping,
		      unsigned long offset, gfp_t gfp_mask)
{
	int error = radix_tree_preload(gfp_mask & ~__GFP_HIGHMEM);

	if (error == 0) {
		write_lock_irq(&mapping->tree_lock);
		error = radix_tree_insert(&mapping->page_tree, offset, page);
		if (!error) {
			page_cache_get(page);
			SetPageLocked(page);
			page_mapping_store(page, mapping);
			kcsan_check_write(&page->index, sizeof(page->index));
			page->index = offset;
			mapping->nrpages++;
			__inc_zone_page_state(page, NR_FILE_PAGES);
		}
		write_unlock_irq(&mapping->tree_lock);
		radix_tree_preload_end();
	}
	return error;
}

int add_to_page_cache_lru(struct page *page, struct address_space *mapping,
			  unsigned long offset, gfp_t gfp_mask)
{
	int ret = add_to_page_cache(page, mapping, offset, gfp_mask);

	if (ret == 0)
		lru_cache_add(page);
	return ret;
}

/**
 * find_get_page - find and get a page reference
 * @mapping: the address_space to search
 * @offset: the page index
 *
 * Is there a pagecache struct page at the given (mapping, offset) tuple?
 * If yes, increment its refcount and return it; if no, return NULL.
 */
struct page *find_get_page(struct address_space *mapping, unsigned long offset)
{
	struct page *page;

	read_lock_irq(&mapping->tree_lock);
	page = radix_tree_lookup(&mapping->page_tree, offset);
	if (page)
		page_cache_get(page);
	read_unlock_irq(&mapping->tree_lock);
	return page;
}

/**
 * find_lock_page - locate, pin and lock a pagecache page
 * @mapping: the address_space to search
 * @offset: the page index
 *
 * Locates the desired pagecache page, locks it, increments its reference
 * count and returns its address.
 *
 * Returns zero if the page was not present. find_lock_page() may sleep.
 */
struct page *find_lock_page(struct address_space *mapping, unsigned long offset)
{
	struct page *page;

	read_lock_irq(&mapping->tree_lock);
repeat:
	page = radix_tree_lookup(&mapping->page_tree, offset);
	if (page) {
		page_cache_get(page);
		if (TestSetPageLocked(page)) {
			read_unlock_irq(&mapping->tree_lock);
			__lock_page(page);
			read_lock_irq(&mapping->tree_lock);

			/* Has the page been truncated while we slept? */
			if (unlikely(page->mapping != mapping ||
				     page->index != offset)) {
				unlock_page(page);
				page_cache_release(page);
				goto repeat;
			}
		}
	}
	read_unlock_irq(&mapping->tree_lock);
	return page;
}

/**
 * find_or_create_page - locate or add a pagecache page
 * @mapping: the page's address_space
 * @index: the page's index into the mapping
 * @gfp_mask: page allocation mode
 *
 * Locates a page in the pagecache.  If the page is not present, a new page
 * is allocated using @gfp_mask and is added to the pagecache and to the VM's
 * LRU list.  The returned page is locked and has its reference count
 * incremented.
 */
struct page *find_or_create_page(struct address_space *mapping,
				 unsigned long index, gfp_t gfp_mask)
{
	struct page *page, *cached_page = NULL;
	int err;
repeat:
	page = find_lock_page(mapping, index);
	if (!page) {
		if (!cached_page) {
			cached_page = alloc_page(gfp_mask);
			if (!cached_page)
				return NULL;
		}
		err = add_to_page_cache_lru(cached_page, mapping, index,
					    gfp_mask);
		if (!err) {
			page = cached_page;
			cached_page = NULL;
		} else if (err == -EEXIST)
			goto repeat;
	}
	if (cached_page)
		page_cache_release(cached_page);
	return page;
}

/**
 * find_get_pages - gang pagecache lookup
 *
 * find_get_pages() will search for and return a group of up to
 * @nr_pages pages in the mapping.  The pages are placed at @pages.
 * find_get_pages() takes a reference against the returned pages.
 */
unsigned find_get_pages(struct address_space *mapping, pgoff_t start,
			unsigned int nr_pages, struct page **pages)
{
	unsigned int i;
	unsigned int ret;

	read_lock_irq(&mapping->tree_lock);
	ret = radix_tree_gang_lookup(&mapping->page_tree, (void **)pages, start,
				     nr_pages);
	for (i = 0; i < ret; i++)
		page_cache_get(pages[i]);
	read_unlock_irq(&mapping->tree_lock);
	return ret;
}

/*
 * Like find_get_pages, except we only return pages which are tagged with
 * @tag.   We update @index to index the next page for the traversal.
 */
unsigned find_get_pages_tag(struct address_space *mapping, pgoff_t *index,
			    int tag, unsigned int nr_pages, struct page **pages)
{
	unsigned int i;
	unsigned int ret;

	read_lock_irq(&mapping->tree_lock);
	ret = radix_tree_gang_lookup_tag(&mapping->page_tree, (void **)pages,
					 *index, nr_pages, tag);
	for (i = 0; i < ret; i++)
		page_cache_get(pages[i]);
	if (ret)
		*index = pages[ret - 1]->index + 1;
	read_unlock_irq(&mapping->tree_lock);
	return ret;
}

/**
 * try_to_release_page() - release old fs-specific metadata on a page
 *
 * @page: the page which the kernel is trying to free
 * @gfp_mask: memory allocation flags (and I/O mode)
 *
 * The address_space is to try to release any data against the page
 * (presumably at page->private).  If the release was successful, return `1'.
 * Otherwise return zero.
 */
int try_to_release_page(struct page *page, gfp_t gfp_mask)
{
	struct address_space *const mapping = page->mapping;

	BUG_ON(!PageLocked(page));
	if (PageWriteback(page))
		return 0;

	if (mapping && mapping->a_ops->releasepage)
		return mapping->a_ops->releasepage(page, gfp_mask);
	return try_to_free_buffers(page);
}

/* ---- writing back and waiting: the halves of fsync ------------------------ */

/**
 * __filemap_fdatawrite_range - start writeback against all of a mapping's
 * dirty pages that lie within the byte offsets <start, end>
 * @mapping:	address space structure to write
 * @start:	offset in bytes where the range starts
 * @end:	offset in bytes where the range ends (inclusive)
 * @sync_mode:	enable synchronous operation
 *
 * If sync_mode is WB_SYNC_ALL then this is a "data integrity" operation, as
 * opposed to a regular memory * cleansing writeback.  The difference between
 * these two operations is that if a dirty page/buffer is encountered, it must
 * be waited upon, and not just skipped over.
 */
int __filemap_fdatawrite_range(struct address_space *mapping, loff_t start,
			       loff_t end, int sync_mode)
{
	int ret;
	struct writeback_control wbc = {
		.sync_mode = sync_mode,
		.nr_to_write = mapping->nrpages * 2,
		.range_start = start,
		.range_end = end,
	};

	if (!mapping_cap_writeback_dirty(mapping))
		return 0;

	ret = do_writepages(mapping, &wbc);
	return ret;
}

static inline int __filemap_fdatawrite(struct address_space *mapping,
				       int sync_mode)
{
	return __filemap_fdatawrite_range(mapping, 0, LLONG_MAX, sync_mode);
}

int filemap_fdatawrite(struct address_space *mapping)
{
	return __filemap_fdatawrite(mapping, WB_SYNC_ALL);
}

/* This is a mostly non-blocking flush. */
int filemap_flush(struct address_space *mapping)
{
	return __filemap_fdatawrite(mapping, WB_SYNC_NONE);
}

/*
 * Wait for writeback to complete against pages indexed by start->end
 * inclusive
 */
int wait_on_page_writeback_range(struct address_space *mapping, pgoff_t start,
				 pgoff_t end)
{
	struct pagevec pvec;
	int nr_pages;
	int ret = 0;
	pgoff_t index;

	if (end < start)
		return 0;

	pagevec_init(&pvec, 0);
	index = start;
	while ((index <= end) &&
	       (nr_pages = pagevec_lookup_tag(
			&pvec, mapping, &index, PAGECACHE_TAG_WRITEBACK,
			min(end - index, (pgoff_t)PAGEVEC_SIZE - 1) + 1)) !=
		       0) {
		unsigned i;

		for (i = 0; i < nr_pages; i++) {
			struct page *page = pvec.pages[i];

			/* until radix tree lookup accepts end_index */
			if (page->index > end)
				continue;

			wait_on_page_writeback(page);
			if (PageError(page))
				ret = -EIO;
		}
		pagevec_release(&pvec);
		cond_resched();
	}

	/* Check for outstanding write errors */
	if (test_and_clear_bit(AS_ENOSPC, &mapping->flags))
		ret = -ENOSPC;
	if (test_and_clear_bit(AS_EIO, &mapping->flags))
		ret = -EIO;

	return ret;
}

/**
 * filemap_fdatawait - wait for all under-writeback pages to complete
 * @mapping: address space structure to wait for
 *
 * Walk the list of under-writeback pages of the given address space
 * and wait for all of them.
 */
int filemap_fdatawait(struct address_space *mapping)
{
	loff_t i_size = i_size_read(mapping->host);

	if (i_size == 0)
		return 0;

	return wait_on_page_writeback_range(mapping, 0,
					    (i_size - 1) >> PAGE_CACHE_SHIFT);
}

int filemap_write_and_wait(struct address_space *mapping)
{
	int err = 0;

	if (mapping->nrpages) {
		err = filemap_fdatawrite(mapping);
		/*
		 * Even if the above returned error, the pages may be
		 * written partially (e.g. -ENOSPC), so we wait for it.
		 * But the -EIO is special case, it may indicate the worst
		 * thing (e.g. bug) happened, so we avoid waiting for it.
		 */
		if (err != -EIO) {
			int err2 = filemap_fdatawait(mapping);
			if (!err)
				err = err2;
		}
	}
	return err;
}

/* ---- reading pages in ---------------------------------------------------- */

/**
 * page_cache_read - adds requested page to the page cache if not already there
 * @file:	file to read
 * @offset:	page index
 *
 * This adds the requested page to the page cache if it isn't already there,
 * and schedules an I/O to read in its contents from disk.
 */
static int page_cache_read(struct file *file, unsigned long offset)
{
	struct address_space *mapping = file->f_mapping;
	struct page *page;
	int ret;

	do {
		page = page_cache_alloc_cold(mapping);
		if (!page)
			return -ENOMEM;

		ret = add_to_page_cache_lru(page, mapping, offset, GFP_KERNEL);
		if (ret == 0)
			ret = mapping->a_ops->readpage(file, page);
		else if (ret == -EEXIST)
			ret = 0; /* losing race to add is OK */

		page_cache_release(page);

	} while (ret == AOP_TRUNCATED_PAGE);

	return ret;
}

/**
 * filemap_nopage - read in file data for page fault handling
 * @area:	the applicable vm_area
 * @address:	target address to read in
 * @type:	returned with VM_FAULT_{MINOR,MAJOR} if not %NULL
 *
 * filemap_nopage() is invoked via the vma operations vector for a
 * mapped memory region to read in file data during a page fault.
 *
 * The goto's are kind of ugly, but this streamlines the normal case of having
 * it in the page cache, and handles the special cases reasonably without
 * having a lot of duplicated code.  (2006's readahead is left out.)
 */
struct page *filemap_nopage(struct vm_area_struct *area, unsigned long address,
			    int *type)
{
	int error;
	struct file *file = area->vm_file;
	struct address_space *mapping = file->f_mapping;
	struct inode *inode = mapping->host;
	struct page *page;
	unsigned long size, pgoff;
	int did_readaround = 0, majmin = VM_FAULT_MINOR;

	pgoff = ((address - area->vm_start) >> PAGE_CACHE_SHIFT) +
		area->vm_pgoff;

retry_all:
	size = (i_size_read(inode) + PAGE_CACHE_SIZE - 1) >> PAGE_CACHE_SHIFT;
	if (pgoff >= size)
		goto outside_data_content;

	/* If we don't want any read-ahead, don't bother */
retry_find:
	page = find_get_page(mapping, pgoff);
	if (!page)
		goto no_cached_page;

	/*
	 * Ok, found a page in the page cache, now we need to check
	 * that it's up-to-date.
	 */
	if (!PageUptodate(page))
		goto page_not_uptodate;

success:
	/*
	 * Found the page and have a reference on it.
	 */
	mark_page_accessed(page);
	if (type)
		*type = majmin;
	return page;

outside_data_content:
	/*
	 * An external ptracer can access pages that normally aren't
	 * accessible..
	 */
	if (area->vm_mm == current->mm)
		return NOPAGE_SIGBUS;
	/* Fall through to the non-read-ahead case */
no_cached_page:
	/*
	 * We're only likely to ever get here if MADV_RANDOM is in
	 * effect.
	 */
	error = page_cache_read(file, pgoff);

	/*
	 * The page we want has now been added to the page cache.
	 * In the unlikely event that someone removed it in the
	 * meantime, we'll just come back here and read it again.
	 */
	if (error >= 0)
		goto retry_find;

	/*
	 * An error return from page_cache_read can result if the
	 * system is low on memory, or a problem occurs while trying
	 * to schedule I/O.
	 */
	if (error == -ENOMEM)
		return NOPAGE_OOM;
	return NOPAGE_SIGBUS;

page_not_uptodate:
	if (!did_readaround) {
		majmin = VM_FAULT_MAJOR;
		count_vm_event(PGMAJFAULT);
	}

	/*
	 * Umm, take care of errors if the page isn't up-to-date.
	 * Try to re-read it _once_. We do this synchronously,
	 * because there really aren't any performance issues here
	 * and we need to check for errors.
	 */
	lock_page(page);

	/* Somebody truncated the page on us? */
	if (!page->mapping) {
		unlock_page(page);
		page_cache_release(page);
		goto retry_all;
	}

	/* Somebody else successfully read it in? */
	if (PageUptodate(page)) {
		unlock_page(page);
		goto success;
	}
	ClearPageError(page);
	error = mapping->a_ops->readpage(file, page);
	if (!error) {
		wait_on_page_locked(page);
		if (PageUptodate(page))
			goto success;
	} else if (error == AOP_TRUNCATED_PAGE) {
		page_cache_release(page);
		goto retry_find;
	}

	/*
	 * Things didn't work out. Return zero to tell the
	 * mm layer so, possibly freeing the page cache page first.
	 */
	page_cache_release(page);
	return NOPAGE_SIGBUS;
}

struct vm_operations_struct generic_file_vm_ops = {
	.nopage = filemap_nopage,
};

/* This is used for a general mmap of a disk file */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct address_space *mapping = file->f_mapping;

	if (!mapping->a_ops->readpage)
		return -ENOEXEC;
	/* (file_accessed: no atime) */
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}

/*
 * The read verb: do_generic_mapping_read() without readahead, copying
 * into a kernel buffer.  Returns the bytes read or a negative errno.
 */
ssize_t sim_generic_file_read(struct file *file, loff_t pos, char *buf,
			      size_t count)
{
	struct address_space *mapping = file->f_mapping;
	struct inode *inode = mapping->host;
	size_t copied = 0;
	int error = 0;

	while (count) {
		pgoff_t index = pos >> PAGE_CACHE_SHIFT;
		unsigned long offset = pos & ~PAGE_CACHE_MASK;
		unsigned long nr = PAGE_CACHE_SIZE - offset;
		loff_t isize = i_size_read(inode);
		struct page *page;

		if (pos >= isize)
			break;
		if (nr > count)
			nr = count;
		if (nr > isize - pos)
			nr = isize - pos;

		cond_resched();
find_page:
		page = find_get_page(mapping, index);
		if (unlikely(page == NULL)) {
			/* no_cached_page */
			page = page_cache_alloc_cold(mapping);
			if (!page) {
				error = -ENOMEM;
				break;
			}
			error = add_to_page_cache_lru(page, mapping, index,
						      GFP_KERNEL);
			if (error) {
				page_cache_release(page);
				if (error == -EEXIST) {
					error = 0;
					goto find_page;
				}
				break;
			}
			goto readpage;
		}
		if (!PageUptodate(page)) {
			/* page_not_up_to_date */
			lock_page(page);
			if (!page->mapping) {
				unlock_page(page);
				page_cache_release(page);
				goto find_page;
			}
			if (PageUptodate(page)) {
				unlock_page(page);
				goto page_ok;
			}
readpage:
			ClearPageError(page);
			error = mapping->a_ops->readpage(file, page);
			if (unlikely(error)) {
				page_cache_release(page);
				if (error == AOP_TRUNCATED_PAGE) {
					error = 0;
					goto find_page;
				}
				break;
			}
			if (!PageUptodate(page)) {
				lock_page(page);
				if (!PageUptodate(page)) {
					if (page->mapping == NULL) {
						unlock_page(page);
						page_cache_release(page);
						goto find_page;
					}
					unlock_page(page);
					page_cache_release(page);
					error = -EIO;
					break;
				}
				unlock_page(page);
			}
		}
page_ok:
		mark_page_accessed(page);
		memcpy(buf + copied, (char *)page_address(page) + offset, nr);
		page_cache_release(page);
		copied += nr;
		pos += nr;
		count -= nr;
	}
	file->f_pos = pos;
	return copied ? (ssize_t)copied : error;
}

/*
 * The write verb: generic_file_buffered_write() for kernel buffers.
 * Each page is found or created locked, prepared by ->prepare_write,
 * filled, and committed by ->commit_write (which dirties it and moves
 * i_size); then dirty throttling gets its say.
 */
ssize_t sim_generic_file_write(struct file *file, loff_t pos, const char *buf,
			       size_t count)
{
	struct address_space *mapping = file->f_mapping;
	const struct address_space_operations *a_ops = mapping->a_ops;
	size_t written = 0;
	ssize_t status = 0;

	while (count) {
		pgoff_t index = pos >> PAGE_CACHE_SHIFT;
		unsigned long offset = pos & (PAGE_CACHE_SIZE - 1);
		unsigned long bytes = PAGE_CACHE_SIZE - offset;
		struct page *page;

		if (bytes > count)
			bytes = count;

		page = find_or_create_page(mapping, index,
					   mapping_gfp_mask(mapping));
		if (!page) {
			status = -ENOMEM;
			break;
		}
		status = a_ops->prepare_write(file, page, offset,
					      offset + bytes);
		if (unlikely(status)) {
			loff_t isize = i_size_read(mapping->host);

			unlock_page(page);
			page_cache_release(page);
			if (status == AOP_TRUNCATED_PAGE)
				continue;
			/*
			 * prepare_write() may have instantiated a few blocks
			 * outside i_size.  Trim these off again.
			 */
			if (pos + bytes > isize)
				vmtruncate(mapping->host, isize);
			break;
		}
		memcpy((char *)page_address(page) + offset, buf + written,
		       bytes);
		status =
			a_ops->commit_write(file, page, offset, offset + bytes);
		if (status == AOP_TRUNCATED_PAGE) {
			page_cache_release(page);
			continue;
		}
		unlock_page(page);
		mark_page_accessed(page);
		page_cache_release(page);
		if (status < 0)
			break;
		status = 0;
		written += bytes;
		count -= bytes;
		pos += bytes;
		balance_dirty_pages_ratelimited(mapping);
		cond_resched();
	}
	file->f_pos = pos;
	return written ? (ssize_t)written : status;
}

/*
 * simple_commit_write (fs/libfs.c): the page is uptodate and dirty, and
 * i_size follows the write.
 */
int simple_commit_write(struct file *file, struct page *page, unsigned from,
			unsigned to)
{
	struct inode *inode = page->mapping->host;
	loff_t pos = ((loff_t)page->index << PAGE_CACHE_SHIFT) + to;

	if (!PageUptodate(page))
		SetPageUptodate(page);
	/*
	 * No need to use i_size_read() here, the i_size
	 * cannot change under us because we hold the i_mutex.
	 */
	if (pos > inode->i_size)
		i_size_write(inode, pos);
	set_page_dirty(page);
	return 0;
}
