/*
 * linux/highmem.h (2.6.20): x86-64 has no highmem, so kmap is
 * page_address and the copies are plain.
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/mm.h>
#include <asm/cacheflush.h>

#define kmap(page) page_address(page)
#define kunmap(page)          \
	do {                  \
		(void)(page); \
	} while (0)
#define kmap_atomic(page, idx) page_address(page)
#define kunmap_atomic(addr, idx) \
	do {                     \
		(void)(addr);    \
	} while (0)

static inline void clear_highpage(struct page *page)
{
	clear_page(page_address(page));
}

/*
 * mmsim: simulated time for a page of memory traffic, in ticks (1 tick =
 * 1 us): 1 for a local copy or clear, scaled by the SLIT distance between
 * the nodes (20 = twice as long), so traces show where time goes.
 */
static inline void sim_page_traffic(struct page *to, struct page *from)
{
	sim_ticks_advance(node_distance(page_to_nid(from), page_to_nid(to)) /
			  LOCAL_DISTANCE);
}

static inline void clear_user_highpage(struct page *page, unsigned long vaddr)
{
	clear_page(page_address(page));
	sim_page_traffic(page, page);
}

static inline void copy_user_highpage(struct page *to, struct page *from,
				      unsigned long vaddr)
{
	copy_page(page_address(to), page_address(from));
	sim_page_traffic(to, from);
}

static inline void copy_highpage(struct page *to, struct page *from)
{
	copy_page(page_address(to), page_address(from));
	sim_page_traffic(to, from);
}

#endif
