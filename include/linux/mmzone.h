/*
 * linux/mmzone.h - zones and nodes (2.6.20): buddy free areas, per-CPU
 * hot/cold page lists, watermarks, the LRU lists and their lock, zone
 * statistics, zonelists.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/wait.h>
#include <linux/cache.h>
#include <linux/threads.h>
#include <linux/numa.h>
#include <linux/nodemask.h>
#include <asm/atomic.h>
#include <asm/page.h>

#define MAX_ORDER 11
#define MAX_ORDER_NR_PAGES (1 << (MAX_ORDER - 1))

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;
};

enum zone_stat_item {
	NR_ANON_PAGES, /* mapped anonymous pages */
	NR_FILE_MAPPED, /* pagecache pages mapped into pagetables */
	NR_FILE_PAGES,
	NR_SLAB_RECLAIMABLE,
	NR_SLAB_UNRECLAIMABLE,
	NR_PAGETABLE, /* used for pagetables */
	NR_FILE_DIRTY,
	NR_WRITEBACK,
	NR_UNSTABLE_NFS, /* NFS unstable pages */
	NR_BOUNCE,
	NR_VMSCAN_WRITE,
	NUMA_HIT, /* allocated in intended node */
	NUMA_MISS, /* allocated in non intended node */
	NUMA_FOREIGN, /* was intended here, hit elsewhere */
	NUMA_INTERLEAVE_HIT, /* interleaver preferred this zone */
	NUMA_LOCAL, /* allocation from local node */
	NUMA_OTHER, /* allocation from other node */
	NR_VM_ZONE_STAT_ITEMS
};

struct per_cpu_pages {
	int count; /* number of pages in the list */
	int high; /* high watermark, emptying needed */
	int batch; /* chunk size for buddy add/remove */
	struct list_head list; /* the list of pages */
};

struct per_cpu_pageset {
	struct per_cpu_pages pcp[2]; /* 0: hot.  1: cold */
	signed char stat_threshold;
};

enum zone_type { ZONE_DMA, ZONE_DMA32, ZONE_NORMAL, MAX_NR_ZONES };

#define ZONES_SHIFT 2

struct pglist_data;

struct zone {
	/* Fields commonly accessed by the page allocator */
	unsigned long free_pages;
	unsigned long pages_min, pages_low, pages_high;
	unsigned long lowmem_reserve[MAX_NR_ZONES];
	int node;
	unsigned long min_unmapped_pages;
	unsigned long min_slab_pages;
	struct per_cpu_pageset *pageset[NR_CPUS];

	/* free areas of different sizes */
	spinlock_t lock;
	struct free_area free_area[MAX_ORDER];

	/* Fields commonly accessed by the page reclaim scanner */
	spinlock_t lru_lock;
	struct list_head active_list;
	struct list_head inactive_list;
	unsigned long nr_scan_active;
	unsigned long nr_scan_inactive;
	unsigned long nr_active;
	unsigned long nr_inactive;
	unsigned long pages_scanned; /* since last reclaim */
	int all_unreclaimable; /* All pages pinned */
	atomic_t reclaim_in_progress;

	/* Zone statistics */
	atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS];

	int temp_priority;
	int prev_priority;

	/* Discontig memory support fields. */
	struct pglist_data *zone_pgdat;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages; /* total size, including holes */
	unsigned long present_pages; /* amount of memory (excluding holes) */

	const char *name;
};

/*
 * One allocation request operates on a zonelist: the zones to try, best
 * first, NULL-terminated.
 */
struct zonelist {
	struct zone *zones[MAX_NUMNODES * MAX_NR_ZONES + 1];
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_NR_ZONES];
	int nr_zones;
	struct page *node_mem_map;
	unsigned long node_start_pfn;
	unsigned long node_present_pages; /* total number of physical pages */
	unsigned long node_spanned_pages; /* total size including holes */
	int node_id;
	wait_queue_head_t kswapd_wait;
	struct task_struct *kswapd;
	int kswapd_max_order;
} pg_data_t;

#define node_present_pages(nid) (NODE_DATA(nid)->node_present_pages)
#define node_spanned_pages(nid) (NODE_DATA(nid)->node_spanned_pages)
#define node_start_pfn(nid) (NODE_DATA(nid)->node_start_pfn)

static inline int populated_zone(struct zone *zone)
{
	return !!zone->present_pages;
}

#define zone_idx(zone) ((zone) - (zone)->zone_pgdat->node_zones)

static inline int is_dma32(struct zone *zone)
{
	return zone_idx(zone) == ZONE_DMA32;
}

static inline int is_normal(struct zone *zone)
{
	return zone_idx(zone) == ZONE_NORMAL;
}

#define zone_pcp(__z, __cpu) ((__z)->pageset[(__cpu)])

/* The "priority" of VM scanning: how much of the queues we scan at once. */
#define DEF_PRIORITY 12

extern int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES - 1];
void build_all_zonelists(void);
void wakeup_kswapd(struct zone *zone, int order);

struct pglist_data *first_online_pgdat(void);
struct pglist_data *next_online_pgdat(struct pglist_data *pgdat);
struct zone *next_zone(struct zone *zone);

#define for_each_online_pgdat(pgdat)              \
	for (pgdat = first_online_pgdat(); pgdat; \
	     pgdat = next_online_pgdat(pgdat))
#define for_each_zone(zone)                                   \
	for (zone = (first_online_pgdat())->node_zones; zone; \
	     zone = next_zone(zone))

int zone_watermark_ok(struct zone *z, int order, unsigned long mark,
		      int classzone_idx, int alloc_flags);

extern int min_free_kbytes;

#include <asm/mmzone.h>

#endif
