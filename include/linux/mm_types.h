/*
 * linux/mm_types.h - struct page, exactly the 2.6.20 x86-64 layout
 * (56 bytes, no 'virtual' field): flags with node and zone ids in the high
 * bits, _count, _mapcount starting at -1, private/mapping overlaid by the
 * split page-table lock, index, lru.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <asm/atomic.h>

struct address_space;

struct page {
	unsigned long flags; /* atomic flags, node and zone ids */
	atomic_t _count; /* usage count, see below */
	atomic_t _mapcount; /* count of ptes mapped in mms, to
					 * show when page is mapped; -1 when
					 * not mapped */
	union {
		struct {
			unsigned long private; /* buffers, swap entry,
						 * buddy order */
			struct address_space *mapping; /* or anon_vma | 1 */
		};
		spinlock_t ptl; /* split pte lock of a pte page */
	};
	pgoff_t index; /* our offset within mapping */
	struct list_head lru; /* pageout list, free list ... */
};

#endif
