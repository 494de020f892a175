/*
 * linux/gfp.h - allocation flags and the page allocator's entry points
 * (2.6.20 bit values; gfp_zone() picks the zonelist).
 */
#ifndef __LINUX_GFP_H
#define __LINUX_GFP_H

#include <linux/mmzone.h>
#include <linux/stddef.h>
#include <linux/linkage.h>
#include <linux/topology.h>

struct vm_area_struct;

#define __GFP_DMA ((gfp_t)0x01u)
#define __GFP_HIGHMEM ((gfp_t)0x02u)
#define __GFP_DMA32 ((gfp_t)0x04u)
#define __GFP_WAIT ((gfp_t)0x10u) /* Can wait and reschedule? */
#define __GFP_HIGH ((gfp_t)0x20u) /* Should access emergency pools? */
#define __GFP_IO ((gfp_t)0x40u) /* Can start physical IO? */
#define __GFP_FS ((gfp_t)0x80u) /* Can call down to low-level FS? */
#define __GFP_COLD ((gfp_t)0x100u) /* Cache-cold page required */
#define __GFP_NOWARN \
	((gfp_t)0x200u) /* Suppress page allocation failure warning */
#define __GFP_REPEAT ((gfp_t)0x400u) /* Retry the allocation.  Might fail */
#define __GFP_NOFAIL ((gfp_t)0x800u) /* Retry for ever.  Cannot fail */
#define __GFP_NORETRY ((gfp_t)0x1000u) /* Do not retry.  Might fail */
#define __GFP_NO_GROW ((gfp_t)0x2000u) /* Slab internal usage */
#define __GFP_COMP ((gfp_t)0x4000u) /* Add compound page metadata */
#define __GFP_ZERO ((gfp_t)0x8000u) /* Return zeroed page on success */
#define __GFP_NOMEMALLOC ((gfp_t)0x10000u) /* Don't use emergency reserves */
#define __GFP_HARDWALL \
	((gfp_t)0x20000u) /* Enforce hardwall cpuset memory allocs */
#define __GFP_THISNODE ((gfp_t)0x40000u) /* No fallback, no policies */

#define __GFP_BITS_SHIFT 20
#define __GFP_BITS_MASK ((gfp_t)((1 << __GFP_BITS_SHIFT) - 1))

#define GFP_NOWAIT (GFP_ATOMIC & ~__GFP_HIGH)
#define GFP_ATOMIC (__GFP_HIGH)
#define GFP_NOIO (__GFP_WAIT)
#define GFP_NOFS (__GFP_WAIT | __GFP_IO)
#define GFP_KERNEL (__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_USER (__GFP_WAIT | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_HIGHUSER \
	(__GFP_WAIT | __GFP_IO | __GFP_FS | __GFP_HARDWALL | __GFP_HIGHMEM)
#define GFP_THISNODE (__GFP_THISNODE | __GFP_NOWARN | __GFP_NORETRY)
#define GFP_DMA __GFP_DMA
#define GFP_DMA32 __GFP_DMA32

static inline enum zone_type gfp_zone(gfp_t flags)
{
	if (flags & __GFP_DMA)
		return ZONE_DMA;
	if (flags & __GFP_DMA32)
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

struct page *__alloc_pages(gfp_t gfp_mask, unsigned int order,
			   struct zonelist *zonelist);

static inline struct page *alloc_pages_node(int nid, gfp_t gfp_mask,
					    unsigned int order)
{
	if (unlikely(order >= MAX_ORDER))
		return NULL;

	/* Unknown node is current node */
	if (nid < 0)
		nid = numa_node_id();

	return __alloc_pages(gfp_mask, order,
			     NODE_DATA(nid)->node_zonelists +
				     gfp_zone(gfp_mask));
}

struct page *alloc_pages_current(gfp_t gfp_mask, unsigned order);
struct page *alloc_page_vma(gfp_t gfp_mask, struct vm_area_struct *vma,
			    unsigned long addr);

static inline struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	if (unlikely(order >= MAX_ORDER))
		return NULL;
	return alloc_pages_current(gfp_mask, order);
}
#define alloc_page(gfp_mask) alloc_pages(gfp_mask, 0)

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp_mask);
#define __get_free_page(gfp_mask) __get_free_pages((gfp_mask), 0)

void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
void free_hot_page(struct page *page);
void free_cold_page(struct page *page);
#define __free_page(page) __free_pages((page), 0)
#define free_page(addr) free_pages((addr), 0)

void drain_local_pages(void);
void drain_all_pages(void); /* mmsim: every online CPU's lists */
void page_alloc_init(void);

#endif
