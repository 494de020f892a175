/*
 * mm/bootmem.c - stands for 2.6.20's mm/bootmem.c: the hand-over of a
 * node's boot memory to the buddy allocator (free_all_bootmem_node).
 *
 * Deliberate simplifications:
 *  - There is no boot-time bitmap allocator: nothing is allocated from
 *    simulated RAM before the buddy allocator runs, so the only reserved
 *    memory is what lies below min_low_pfn (set by the architecture).
 *  - Memory is freed in the largest naturally aligned blocks (up to
 *    MAX_ORDER-1) instead of 2006's BITS_PER_LONG chunks, so that booting
 *    many GiB takes a fraction of a second.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/bootmem.h>
#include "internal.h"

unsigned long min_low_pfn;

/*
 * Free [start, end) in the largest naturally aligned blocks that fit.
 * Zone boundaries are MAX_ORDER aligned, so no block straddles one.
 */
static unsigned long __init free_boot_range(unsigned long start,
					    unsigned long end)
{
	unsigned long pfn = start;

	while (pfn < end) {
		unsigned int order = MAX_ORDER - 1;

		while (order && ((pfn & ((1UL << order) - 1)) ||
				 pfn + (1UL << order) > end))
			order--;
		__free_pages_bootmem(pfn_to_page(pfn), order);
		pfn += 1UL << order;
	}
	return end - start;
}

/* Returns the number of pages handed to the buddy allocator. */
unsigned long __init free_all_bootmem_node(pg_data_t *pgdat)
{
	unsigned long start = pgdat->node_start_pfn;
	unsigned long end = start + pgdat->node_spanned_pages;

	if (start < min_low_pfn)
		start = min_low_pfn;
	if (start >= end)
		return 0;
	return free_boot_range(start, end);
}
