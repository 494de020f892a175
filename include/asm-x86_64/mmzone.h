/*
 * asm-x86_64/mmzone.h - NUMA node data (DISCONTIGMEM, 2.6.20).
 *
 * Simplification: the nodes' physical ranges are contiguous and their
 * mem_maps are slices of one array indexed by pfn (each node's
 * node_mem_map points at its slice), so pfn_to_page is one addition.
 */
#ifndef _ASM_X86_64_MMZONE_H
#define _ASM_X86_64_MMZONE_H

struct page;
struct pglist_data;

extern struct pglist_data *node_data[];
extern struct page *mem_map;
extern unsigned long max_pfn;
extern unsigned long num_physpages;

#define NODE_DATA(nid) (node_data[nid])

#define pfn_to_page(pfn) (mem_map + (pfn))
#define page_to_pfn(page) ((unsigned long)((page)-mem_map))
#define pfn_valid(pfn) ((pfn) < max_pfn)
int pfn_to_nid(unsigned long pfn);

#endif
