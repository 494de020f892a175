/*
 * linux/pagemap.h (2.6.20): the page cache API, and the page lock and
 * writeback waits, which sleep through the door on a per-page key.
 */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/highmem.h>
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <asm/uaccess.h>

/* Bits in mapping->flags.  The lower __GFP_BITS_SHIFT bits are the gfp mask */
#define AS_EIO (__GFP_BITS_SHIFT + 0) /* IO error on async write */
#define AS_ENOSPC (__GFP_BITS_SHIFT + 1) /* ENOSPC on async write */

static inline gfp_t mapping_gfp_mask(struct address_space *mapping)
{
	return (gfp_t)mapping->flags & __GFP_BITS_MASK;
}

static inline void mapping_set_gfp_mask(struct address_space *m, gfp_t mask)
{
	m->flags = (m->flags & ~(unsigned long)__GFP_BITS_MASK) |
		   (unsigned long)mask;
}

#define PAGE_CACHE_SHIFT PAGE_SHIFT
#define PAGE_CACHE_SIZE PAGE_SIZE
#define PAGE_CACHE_MASK PAGE_MASK
#define PAGE_CACHE_ALIGN(addr) \
	(((addr) + PAGE_CACHE_SIZE - 1) & PAGE_CACHE_MASK)

#define page_cache_get(page) get_page(page)
#define page_cache_release(page) put_page(page)
void release_pages(struct page **pages, int nr, int cold);

static inline struct page *page_cache_alloc(struct address_space *x)
{
	return alloc_pages(mapping_gfp_mask(x), 0);
}

static inline struct page *page_cache_alloc_cold(struct address_space *x)
{
	return alloc_pages(mapping_gfp_mask(x) | __GFP_COLD, 0);
}

typedef int filler_t(void *, struct page *);

struct page *find_get_page(struct address_space *mapping, unsigned long index);
struct page *find_lock_page(struct address_space *mapping, unsigned long index);
struct page *find_or_create_page(struct address_space *mapping,
				 unsigned long index, gfp_t gfp_mask);
unsigned find_get_pages(struct address_space *mapping, pgoff_t start,
			unsigned int nr_pages, struct page **pages);
unsigned find_get_pages_tag(struct address_space *mapping, pgoff_t *index,
			    int tag, unsigned int nr_pages,
			    struct page **pages);

static inline struct page *grab_cache_page(struct address_space *mapping,
					   unsigned long index)
{
	return find_or_create_page(mapping, index, mapping_gfp_mask(mapping));
}

int add_to_page_cache(struct page *page, struct address_space *mapping,
		      unsigned long index, gfp_t gfp_mask);
int add_to_page_cache_lru(struct page *page, struct address_space *mapping,
			  unsigned long index, gfp_t gfp_mask);
void remove_from_page_cache(struct page *page);
void __remove_from_page_cache(struct page *page);

/*
 * Return byte-offset into filesystem object for page.
 */
static inline loff_t page_offset(struct page *page)
{
	return ((loff_t)page->index) << PAGE_CACHE_SHIFT;
}

static inline pgoff_t linear_page_index(struct vm_area_struct *vma,
					unsigned long address)
{
	pgoff_t pgoff = (address - vma->vm_start) >> PAGE_SHIFT;
	pgoff += vma->vm_pgoff;
	return pgoff >> (PAGE_CACHE_SHIFT - PAGE_SHIFT);
}

void FASTCALL(__lock_page(struct page *page));
void FASTCALL(__lock_page_nosync(struct page *page));
void FASTCALL(unlock_page(struct page *page));

/*
 * lock_page may only be called if we have the page's inode pinned.
 */
/*
 * mmsim: a macro, so that lockdep names the caller's line; the class
 * "PG_locked" is checked before the task may sleep for the lock.
 */
#define lock_page(page) lock_page_at(page, __LOCK_SITE)
static inline void lock_page_at(struct page *page, const char *site)
{
	might_sleep();
	sim_probe("lock_page", 2); /* mmsim: a named probe point */
	sim_lockdep_bit_lock(&page->flags, "PG_locked", site, 0);
	if (test_and_set_bit(PG_locked, &page->flags))
		__lock_page(page);
	else
		sim_hb_acquire(&page->flags); /* __lock_page's own */
}

#define lock_page_nosync(page) lock_page_nosync_at(page, __LOCK_SITE)
static inline void lock_page_nosync_at(struct page *page, const char *site)
{
	might_sleep();
	sim_lockdep_bit_lock(&page->flags, "PG_locked", site, 0);
	if (test_and_set_bit(PG_locked, &page->flags))
		__lock_page_nosync(page);
	else
		sim_hb_acquire(&page->flags);
}

/*
 * 2006 slept on zone->wait_table[hash_ptr(page)] with a (flags word, bit)
 * key; mmsim sleeps and wakes through the door on one key per (page, bit).
 * wake_up_page() is what unlock_page and end_page_writeback call.
 */
static inline const void *page_wait_key(struct page *page, int bit_nr)
{
	return (const char *)page + bit_nr;
}

static inline void wake_up_page(struct page *page, int bit_nr)
{
	sim_wake_up(page_wait_key(page, bit_nr));
}

void FASTCALL(wait_on_page_bit(struct page *page, int bit_nr));

/*
 * Wait for a page to be unlocked.
 */
static inline void wait_on_page_locked(struct page *page)
{
	if (PageLocked(page))
		wait_on_page_bit(page, PG_locked);
}

/*
 * Wait for a page to complete writeback
 */
static inline void wait_on_page_writeback(struct page *page)
{
	if (PageWriteback(page))
		wait_on_page_bit(page, PG_writeback);
}

void end_page_writeback(struct page *page);

#endif
