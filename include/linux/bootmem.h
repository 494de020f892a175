/*
 * include/linux/bootmem.h (2.6.20): handing boot memory to the buddy
 * allocator.  Simplified: there is no boot-time bitmap allocator, only the
 * hand-over (see mm/bootmem.c).
 */
#ifndef _LINUX_BOOTMEM_H
#define _LINUX_BOOTMEM_H

#include <linux/init.h>
#include <linux/mmzone.h>

/* The first pfn the buddy allocator may have: below it, the firmware and
 * the kernel image (reserved at boot by the architecture). */
extern unsigned long min_low_pfn;

extern unsigned long __init free_all_bootmem_node(pg_data_t *pgdat);

#endif /* _LINUX_BOOTMEM_H */
