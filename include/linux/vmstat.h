/*
 * linux/vmstat.h - zone counters and VM event counters (2.6.20 API).
 *
 * Simplification: 2006 kept per-CPU deltas folded in at a threshold; mmsim
 * updates the zone and global counters atomically at once, so a reading is
 * always exact.
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/types.h>
#include <linux/mmzone.h>

enum vm_event_item {
	PGPGIN,
	PGPGOUT,
	PSWPIN,
	PSWPOUT,
	PGALLOC_DMA,
	PGALLOC_DMA32,
	PGALLOC_NORMAL,
	PGFREE,
	PGACTIVATE,
	PGDEACTIVATE,
	PGFAULT,
	PGMAJFAULT,
	PGREFILL_DMA,
	PGREFILL_DMA32,
	PGREFILL_NORMAL,
	PGSTEAL_DMA,
	PGSTEAL_DMA32,
	PGSTEAL_NORMAL,
	PGSCAN_KSWAPD_DMA,
	PGSCAN_KSWAPD_DMA32,
	PGSCAN_KSWAPD_NORMAL,
	PGSCAN_DIRECT_DMA,
	PGSCAN_DIRECT_DMA32,
	PGSCAN_DIRECT_NORMAL,
	PGINODESTEAL,
	SLABS_SCANNED,
	KSWAPD_STEAL,
	KSWAPD_INODESTEAL,
	PAGEOUTRUN,
	ALLOCSTALL,
	PGROTATED,
	NR_VM_EVENT_ITEMS
};

extern atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS];
extern atomic_long_t vm_events[NR_VM_EVENT_ITEMS];
extern const char *const vmstat_text[];

static inline void count_vm_events(enum vm_event_item item, long delta)
{
	__atomic_fetch_add(&vm_events[item].counter, delta, __ATOMIC_RELAXED);
}
#define count_vm_event(item) count_vm_events(item, 1)
#define __count_vm_event(item) count_vm_events(item, 1)
#define __count_vm_events(item, d) count_vm_events(item, d)
#define __count_zone_vm_events(item, zone, delta)                          \
	count_vm_events((enum vm_event_item)(item##_NORMAL - ZONE_NORMAL + \
					     zone_idx(zone)),              \
			delta)

static inline unsigned long global_page_state(enum zone_stat_item item)
{
	long x = __atomic_load_n(&vm_stat[item].counter, __ATOMIC_RELAXED);
	return x < 0 ? 0 : x;
}

static inline unsigned long zone_page_state(struct zone *zone,
					    enum zone_stat_item item)
{
	long x =
		__atomic_load_n(&zone->vm_stat[item].counter, __ATOMIC_RELAXED);
	return x < 0 ? 0 : x;
}

unsigned long node_page_state(int node, enum zone_stat_item item);

static inline void __mod_zone_page_state(struct zone *zone,
					 enum zone_stat_item item, int delta)
{
	__atomic_fetch_add(&zone->vm_stat[item].counter, delta,
			   __ATOMIC_RELAXED);
	__atomic_fetch_add(&vm_stat[item].counter, delta, __ATOMIC_RELAXED);
}
#define mod_zone_page_state __mod_zone_page_state

static inline void __inc_zone_state(struct zone *zone, enum zone_stat_item item)
{
	__mod_zone_page_state(zone, item, 1);
}
#define inc_zone_state __inc_zone_state

struct page;
void __inc_zone_page_state(struct page *page, enum zone_stat_item item);
void __dec_zone_page_state(struct page *page, enum zone_stat_item item);
#define inc_zone_page_state __inc_zone_page_state
#define dec_zone_page_state __dec_zone_page_state

#endif
