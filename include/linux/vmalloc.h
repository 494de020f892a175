/*
 * linux/vmalloc.h (2.6.20): virtually contiguous kernel memory.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>

void *vmalloc(unsigned long size);
void *__vmalloc(unsigned long size, gfp_t gfp_mask);
void *vmalloc_node(unsigned long size, int node);
void vfree(void *addr);
unsigned long vmalloc_nr_pages(void);

#endif
