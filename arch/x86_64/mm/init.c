/*
 * arch/x86_64/mm/init.c - zones of every node and the hand-over of boot
 * memory to the buddy allocator.
 *
 * Stands for arch/x86_64/mm/init.c (paging_init, mem_init, the zero page)
 * and the zone sizing of arch/x86_64/mm/numa.c (2.6.20).
 *
 * Deliberate simplifications:
 *  - The only reserved memory is pfns [0, 0x200) of node 0, standing for
 *    the BIOS area and the kernel image (min_low_pfn, mm/bootmem.c); the
 *    zero page is pfn 0x100, inside it.
 *  - No direct-mapping page tables are built: __va() is an addition.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <asm/proto.h>
#include <asm/pgtable.h>
#include <linux/bootmem.h>

/* x86-64: NX is supported, every pte bit may be set. */
unsigned long __supported_pte_mask = ~0UL;
unsigned long *empty_zero_page;

/* include/asm-x86_64/dma.h */
#define MAX_DMA_PFN ((16UL * 1024 * 1024) >> PAGE_SHIFT)
#define MAX_DMA32_PFN ((4UL * 1024 * 1024 * 1024) >> PAGE_SHIFT)

/* Boot memory the buddy allocator never sees (node 0). */
#define RESERVED_END_PFN 0x200UL
#define ZERO_PAGE_PFN 0x100UL

static unsigned long __init clip(unsigned long x, unsigned long lo,
				 unsigned long hi)
{
	return x < lo ? lo : (x > hi ? hi : x);
}

/*
 * setup_node_zones(): the zones of a node are the x86-64 physical ranges
 * [0, 16 MiB), [16 MiB, 4 GiB), [4 GiB, end) clipped to the node, so
 * small machines have DMA32 on every node and empty zones exist.
 */
static void __init setup_node_zones(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long start = pgdat->node_start_pfn;
	unsigned long end = start + pgdat->node_spanned_pages;
	unsigned long zones[MAX_NR_ZONES], holes[MAX_NR_ZONES] = {0};
	unsigned long dma_end = clip(MAX_DMA_PFN, start, end);
	unsigned long dma32_end = clip(MAX_DMA32_PFN, start, end);

	zones[ZONE_DMA] = dma_end - start;
	zones[ZONE_DMA32] = dma32_end - dma_end;
	zones[ZONE_NORMAL] = end - dma32_end;
	free_area_init_node(nid, pgdat, zones, start, holes);
}

void __init paging_init(void)
{
	int nid;

	for_each_online_node(nid)
		setup_node_zones(nid);
}

void __init mem_init(void)
{
	unsigned long freed = 0;
	int nid;

	/* The zero page: zero-filled, PG_reserved, _count 1 from memmap init. */
	empty_zero_page = __va(ZERO_PAGE_PFN << PAGE_SHIFT);
	clear_page(empty_zero_page);

	min_low_pfn = RESERVED_END_PFN;
	for_each_online_node(nid)
		freed += free_all_bootmem_node(NODE_DATA(nid));
	totalram_pages = freed;
}
