/*
 * mm/page_alloc.c - the zoned buddy allocator of Linux 2.6.20.
 *
 * Models: free_area[MAX_ORDER] per zone with PG_buddy and page_private =
 * order on the head of each free block, merging with buddies on free and
 * splitting (expand) on allocation; per-CPU hot and cold lists refilled by
 * rmqueue_bulk() and drained by free_pages_bulk(); watermarks, lowmem
 * reserves and the zonelist walk of get_page_from_freelist(); the slow
 * path of __alloc_pages(); compound pages; the boot-time set-up of zones,
 * mem_map, per-CPU pagesets and NUMA zonelists.  Also the pgdat/zone
 * iterators of mm/mmzone.c.
 *
 * Deliberate simplifications (each marked where it happens):
 *  - Direct reclaim is 2006's: when the watermark passes fail and the
 *    caller may sleep (__GFP_WAIT, not PF_MEMALLOC), __alloc_pages runs
 *    try_to_free_pages (mm/vmscan.c) with PF_MEMALLOC set and tries
 *    again; GFP_THISNODE still gives up before any reclaim, as in 2006.
 *    When reclaim makes no progress for a __GFP_FS allocation it calls
 *    the OOM killer (mm/oom_kill.c) and starts again, as 2006 did; a
 *    TIF_MEMDIE task allocates ignoring the watermarks; between retries
 *    it naps in congestion_wait(WRITE, HZ/50) (mm/backing-dev.c) so that
 *    kswapd gets to run, as 2006's did.  The loops are
 *    2006's, unbounded in 2006: here a run that goes round them
 *    MAX_ALLOC_ROUNDS times without an allocation (an OOM victim that
 *    never exits, reclaim that always frees a little but never enough)
 *    is reported as the livelock it is (sim_panic, exit 3).  Only
 *    kswapd marks a zone all_unreclaimable (balance_pgdat), and until
 *    then try_to_free_pages() reports progress, so on a machine booted
 *    without kswapd (2006 always had one) the OOM killer is never
 *    reached and an exhausted __GFP_FS allocation ends in that report.
 *    zone_reclaim() is not modeled.
 *    wakeup_kswapd() (mm/vmscan.c) counts the simulator event
 *    "kswapd_wakeup" and wakes the node's kswapd only on a machine
 *    booted with one (sim_machine_config.kswapd).
 *  - The zonelist cache (zlc) of 2.6.20 is a pure speed-up and is left out.
 *  - Per-CPU pagesets are allocated when the zone is set up (2006 used
 *    boot_pageset until setup_per_cpu_pageset()); zones without memory
 *    get a pageset with batch 0 like boot_pageset.
 *  - present_pages equals spanned_pages: mem_map is host memory, so no
 *    memmap pages are subtracted, and there are no holes.
 *  - A free block that merges up to order MAX_ORDER-1 is handed back to
 *    the host (sim_host_discard): free memory has no defined contents;
 *    not on a machine booted with 'populate' (keep_free_memory).
 *  - Boot messages (zone sizes, "Built N zonelists") are not printed.
 */
#include <asm/proto.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/swap.h>
#include <linux/sched.h>
#include <linux/cpuset.h>
#include <linux/topology.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/nodemask.h>
#include <linux/backing-dev.h>
#include <sim/door.h>
#include "internal.h"

int keep_free_memory;

unsigned long totalram_pages __read_mostly;
unsigned long totalreserve_pages __read_mostly;
int percpu_pagelist_fraction;

static void __free_pages_ok(struct page *page, unsigned int order);

/*
 * results with 256, 32 in the lowmem_reserve sysctl: a NORMAL allocation
 * leaves NORMAL/256 of ram reserved in ZONE_DMA and ZONE_DMA32 (the 32 is
 * the HIGHMEM ratio, which x86-64 does not have).
 */
int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES - 1] = {
	256,
	256,
};

static char *const zone_names[MAX_NR_ZONES] = {
	"DMA",
	"DMA32",
	"Normal",
};

int min_free_kbytes = 1024;

/* ---- bad pages ----------------------------------------------------------- */

/*
 * 2006 printed "Bad page state", dumped the stack, fixed the page up and
 * went on; mmsim reports it as a warning (counted, not fatal) and goes on.
 */
static void bad_page(struct page *page)
{
	struct task_struct *p = current;

	sim_warn(__FILE__, __LINE__,
		 "Bad page state in process '%s'\n"
		 "page:%p flags:0x%0*lx mapping:%p mapcount:%d count:%d\n"
		 "Trying to fix it up, but a reboot is needed",
		 p ? p->comm : sim_thread_name(), page,
		 (int)(2 * sizeof(unsigned long)), (unsigned long)page->flags,
		 page->mapping, page_mapcount(page), page_count(page));
	page->flags &= ~(1 << PG_lru | 1 << PG_private | 1 << PG_locked |
			 1 << PG_active | 1 << PG_dirty | 1 << PG_reclaim |
			 1 << PG_slab | 1 << PG_swapcache | 1 << PG_writeback |
			 1 << PG_buddy);
	set_page_count(page, 0);
	reset_page_mapcount(page);
	page->mapping = NULL;
}

/* ---- compound pages ------------------------------------------------------ */

/*
 * Higher-order pages allocated with __GFP_COMP are "compound pages": every
 * page has PG_compound and ->private pointing at the head page; the first
 * tail page's lru.next holds the destructor, its lru.prev the order.
 */
static void free_compound_page(struct page *page)
{
	__free_pages_ok(page, (unsigned long)page[1].lru.prev);
}

static void prep_compound_page(struct page *page, unsigned long order)
{
	int i;
	int nr_pages = 1 << order;

	set_compound_page_dtor(page, free_compound_page);
	page[1].lru.prev = (void *)order;
	for (i = 0; i < nr_pages; i++) {
		struct page *p = page + i;

		__SetPageCompound(p);
		set_page_private(p, (unsigned long)page);
	}
}

static void destroy_compound_page(struct page *page, unsigned long order)
{
	int i;
	int nr_pages = 1 << order;

	if (unlikely((unsigned long)page[1].lru.prev != order))
		bad_page(page);

	for (i = 0; i < nr_pages; i++) {
		struct page *p = page + i;

		if (unlikely(!PageCompound(p) |
			     (page_private(p) != (unsigned long)page)))
			bad_page(page);
		__ClearPageCompound(p);
	}
}

static inline void prep_zero_page(struct page *page, int order, gfp_t gfp_flags)
{
	int i;

	for (i = 0; i < (1 << order); i++)
		clear_highpage(page + i);
}

/* ---- the buddy lists (zone->lock held) ------------------------------------ */

static inline unsigned long page_order(struct page *page)
{
	return page_private(page);
}

static inline void set_page_order(struct page *page, int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

static inline void rmv_page_order(struct page *page)
{
	__ClearPageBuddy(page);
	set_page_private(page, 0);
}

/* The buddy of a block of 2^order pages at page_idx is at idx ^ 2^order. */
static inline struct page *
__page_find_buddy(struct page *page, unsigned long page_idx, unsigned int order)
{
	unsigned long buddy_idx = page_idx ^ (1 << order);

	return page + (buddy_idx - page_idx);
}

static inline unsigned long __find_combined_index(unsigned long page_idx,
						  unsigned int order)
{
	return page_idx & ~(1 << order);
}

/*
 * A block and its buddy coalesce when the buddy is free (PG_buddy), of
 * the same order and in the same zone of the same node.
 */
static inline int page_is_buddy(struct page *page, struct page *buddy,
				int order)
{
	if (page_zone_id(page) != page_zone_id(buddy))
		return 0;

	/*
	 * mmsim: data_race(): the buddy may be any page of the zone, in use
	 * and in another task's hands (prep_new_page masks its flags with no
	 * lock).  2006 reads its flags regardless, on purpose: PG_buddy is
	 * set and cleared only under zone->lock, which is held here, so a
	 * change to the other bits cannot change the answer.
	 */
	if (data_race(PageBuddy(buddy)) && page_order(buddy) == order) {
		BUG_ON(page_count(buddy) != 0);
		return 1;
	}
	return 0;
}

static inline void __free_one_page(struct page *page, struct zone *zone,
				   unsigned int order)
{
	unsigned long page_idx;
	int order_size = 1 << order;

	if (unlikely(PageCompound(page)))
		destroy_compound_page(page, order);

	page_idx = page_to_pfn(page) & ((1 << MAX_ORDER) - 1);

	zone->free_pages += order_size;
	while (order < MAX_ORDER - 1) {
		unsigned long combined_idx;
		struct free_area *area;
		struct page *buddy;

		buddy = __page_find_buddy(page, page_idx, order);
		if (!page_is_buddy(page, buddy, order))
			break; /* Move the buddy up one level. */

		list_del(&buddy->lru);
		area = zone->free_area + order;
		area->nr_free--;
		rmv_page_order(buddy);
		combined_idx = __find_combined_index(page_idx, order);
		page = page + (combined_idx - page_idx);
		page_idx = combined_idx;
		order++;
	}
	set_page_order(page, order);
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;

	/* mmsim: a whole free max-order block goes back to the host. */
	if (order == MAX_ORDER - 1 && !keep_free_memory)
		sim_host_discard(page_address(page), PAGE_SIZE << order);
}

static inline int free_pages_check(struct page *page)
{
	if (unlikely(page_mapcount(page) | (page->mapping != NULL) |
		     (page_count(page) != 0) |
		     (page->flags &
		      (1 << PG_lru | 1 << PG_private | 1 << PG_locked |
		       1 << PG_active | 1 << PG_reclaim | 1 << PG_slab |
		       1 << PG_swapcache | 1 << PG_writeback |
		       1 << PG_reserved | 1 << PG_buddy))))
		bad_page(page);
	if (PageDirty(page))
		__ClearPageDirty(page);
	/*
	 * For now, we report if PG_reserved was found set, but do not
	 * clear it, and do not free the page.
	 */
	return PageReserved(page);
}

/*
 * Frees 'count' pages from the tail of 'list' (all of one zone and order)
 * to the buddy lists.  Interrupts are off; the caller owns the CPU.
 */
static void free_pages_bulk(struct zone *zone, int count,
			    struct list_head *list, int order)
{
	spin_lock(&zone->lock);
	zone->all_unreclaimable = 0;
	zone->pages_scanned = 0;
	while (count--) {
		struct page *page;

		page = list_entry(list->prev, struct page, lru);
		/* have to delete it as __free_one_page list manipulates */
		list_del(&page->lru);
		__free_one_page(page, zone, order);
	}
	spin_unlock(&zone->lock);
}

static void free_one_page(struct zone *zone, struct page *page, int order)
{
	spin_lock(&zone->lock);
	zone->all_unreclaimable = 0;
	zone->pages_scanned = 0;
	__free_one_page(page, zone, order);
	spin_unlock(&zone->lock);
}

static void __free_pages_ok(struct page *page, unsigned int order)
{
	unsigned long flags;
	int i;
	int reserved = 0;

	sim_hb_release(page); /* mmsim: see free_hot_cold_page */
	for (i = 0; i < (1 << order); ++i)
		reserved += free_pages_check(page + i);
	if (reserved)
		return;

	local_irq_save(flags);
	__count_vm_events(PGFREE, 1 << order);
	free_one_page(page_zone(page), page, order);
	local_irq_restore(flags);
}

/*
 * permit the bootmem allocator to evade page validation on high-order frees
 */
void fastcall __init __free_pages_bootmem(struct page *page, unsigned int order)
{
	if (order == 0) {
		__ClearPageReserved(page);
		set_page_count(page, 0);
		set_page_refcounted(page);
		__free_page(page);
	} else {
		int loop;

		for (loop = 0; loop < (1 << order); loop++) {
			struct page *p = &page[loop];

			__ClearPageReserved(p);
			set_page_count(p, 0);
		}

		set_page_refcounted(page);
		__free_pages(page, order);
	}
}

/*
 * The order of subdivision here is critical for the IO subsystem: split
 * the high half off first, keep the low half.
 */
static inline void expand(struct zone *zone, struct page *page, int low,
			  int high, struct free_area *area)
{
	unsigned long size = 1 << high;

	while (high > low) {
		area--;
		high--;
		size >>= 1;
		list_add(&page[size].lru, &area->free_list);
		area->nr_free++;
		set_page_order(&page[size], high);
	}
}

/* This page is about to be returned from the page allocator. */
static int prep_new_page(struct page *page, int order, gfp_t gfp_flags)
{
	sim_hb_acquire(page); /* mmsim: after the free (free_hot_cold_page) */
	if (unlikely(page_mapcount(page) | (page->mapping != NULL) |
		     (page_count(page) != 0) |
		     (page->flags &
		      (1 << PG_lru | 1 << PG_private | 1 << PG_locked |
		       1 << PG_active | 1 << PG_dirty | 1 << PG_reclaim |
		       1 << PG_slab | 1 << PG_swapcache | 1 << PG_writeback |
		       1 << PG_reserved | 1 << PG_buddy))))
		bad_page(page);

	/*
	 * For now, we report if PG_reserved was found set, but do not
	 * clear it, and do not allocate the page: as a safety net.
	 */
	if (PageReserved(page))
		return 1;

	kcsan_check_write(&page->flags, sizeof(page->flags)); /* mmsim */
	page->flags &=
		~(1 << PG_uptodate | 1 << PG_error | 1 << PG_referenced |
		  1 << PG_arch_1 | 1 << PG_checked | 1 << PG_mappedtodisk);
	set_page_private(page, 0);
	set_page_refcounted(page);

	if (gfp_flags & __GFP_ZERO)
		prep_zero_page(page, order, gfp_flags);

	if (order && (gfp_flags & __GFP_COMP))
		prep_compound_page(page, order);

	return 0;
}

/*
 * Do the hard work of removing an element from the buddy allocator.
 * Call me with the zone->lock already held.
 */
static struct page *__rmqueue(struct zone *zone, unsigned int order)
{
	struct free_area *area;
	unsigned int current_order;
	struct page *page;

	for (current_order = order; current_order < MAX_ORDER;
	     ++current_order) {
		area = zone->free_area + current_order;
		if (list_empty(&area->free_list))
			continue;

		page = list_entry(area->free_list.next, struct page, lru);
		list_del(&page->lru);
		rmv_page_order(page);
		area->nr_free--;
		zone->free_pages -= 1UL << order;
		expand(zone, page, order, current_order, area);
		return page;
	}

	return NULL;
}

/*
 * Obtain a specified number of elements from the buddy allocator, all
 * under a single hold of the lock, for efficiency.  Add them to the
 * supplied list.  Returns the number of new pages which were placed at
 * *list.
 */
static int rmqueue_bulk(struct zone *zone, unsigned int order,
			unsigned long count, struct list_head *list)
{
	int i;

	spin_lock(&zone->lock);
	for (i = 0; i < count; ++i) {
		struct page *page = __rmqueue(zone, order);

		if (unlikely(page == NULL))
			break;
		list_add_tail(&page->lru, list);
	}
	spin_unlock(&zone->lock);
	return i;
}

/* ---- per-CPU lists -------------------------------------------------------- */

static void __drain_pages(unsigned int cpu)
{
	unsigned long flags;
	struct zone *zone;
	int i;

	for_each_zone(zone) {
		struct per_cpu_pageset *pset;

		pset = zone_pcp(zone, cpu);
		for (i = 0; i < ARRAY_SIZE(pset->pcp); i++) {
			struct per_cpu_pages *pcp;

			pcp = &pset->pcp[i];
			local_irq_save(flags);
			free_pages_bulk(zone, pcp->count, &pcp->list, 0);
			pcp->count = 0;
			local_irq_restore(flags);
		}
	}
}

/*
 * Spill this CPU's hot and cold lists back into the buddy lists.  2006
 * ran with interrupts off on its own CPU; mmsim claims the CPU too.
 */
void drain_local_pages(void)
{
	unsigned long flags;
	int cpu = get_cpu();

	local_irq_save(flags);
	__drain_pages(cpu);
	local_irq_restore(flags);
	put_cpu();
}

/*
 * mmsim addition (the name and job of 2.6.25's drain_all_pages): spill
 * every online CPU's lists, claiming each CPU in turn as
 * schedule_on_each_cpu() would run the work there.  The caller must not
 * hold its own CPU (preemption enabled).
 */
void drain_all_pages(void)
{
	int cpu;

	for_each_online_cpu(cpu) {
		unsigned long flags;

		sim_cpu_claim(cpu);
		local_irq_save(flags);
		__drain_pages(cpu);
		local_irq_restore(flags);
		sim_cpu_release(cpu);
	}
}

/*
 * Free a 0-order page
 */
static void fastcall free_hot_cold_page(struct page *page, int cold)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp;
	unsigned long flags;

	if (PageAnon(page))
		page_mapping_store(page, NULL);
	if (free_pages_check(page))
		return;
	/*
	 * mmsim: freeing orders everything done to the page before whatever
	 * its next owner does (2006: the zone lock or the per-CPU list's CPU,
	 * which the data-race detector does not see as locks).
	 */
	sim_hb_release(page);

	pcp = &zone_pcp(zone, get_cpu())->pcp[cold];
	local_irq_save(flags);
	__count_vm_event(PGFREE);
	list_add(&page->lru, &pcp->list);
	pcp->count++;
	if (pcp->count >= pcp->high) {
		free_pages_bulk(zone, pcp->batch, &pcp->list, 0);
		pcp->count -= pcp->batch;
	}
	local_irq_restore(flags);
	put_cpu();
}

void fastcall free_hot_page(struct page *page)
{
	free_hot_cold_page(page, 0);
}

void fastcall free_cold_page(struct page *page)
{
	free_hot_cold_page(page, 1);
}

/*
 * split_page takes a non-compound higher-order page, and splits it into
 * n (1<<order) sub-pages: page[0..n].  Each sub-page must be freed
 * individually.
 */
void split_page(struct page *page, unsigned int order)
{
	int i;

	for (i = 1; i < (1 << order); i++)
		set_page_refcounted(page + i);
}

/* NUMA hit/miss accounting (mm/vmstat.c in 2006). */
static void zone_statistics(struct zonelist *zonelist, struct zone *z)
{
	if (z->zone_pgdat == zonelist->zones[0]->zone_pgdat) {
		__inc_zone_state(z, NUMA_HIT);
	} else {
		__inc_zone_state(z, NUMA_MISS);
		__inc_zone_state(zonelist->zones[0], NUMA_FOREIGN);
	}
	if (z->node == numa_node_id())
		__inc_zone_state(z, NUMA_LOCAL);
	else
		__inc_zone_state(z, NUMA_OTHER);
}

/*
 * Order-0 pages come from this CPU's hot or cold list (refilled a batch
 * at a time); larger blocks straight from the buddy lists.  get_cpu()
 * claims the simulated CPU through the door for the list manipulation.
 */
static struct page *buffered_rmqueue(struct zonelist *zonelist,
				     struct zone *zone, int order,
				     gfp_t gfp_flags)
{
	unsigned long flags;
	struct page *page;
	int cold = !!(gfp_flags & __GFP_COLD);
	int cpu;

again:
	cpu = get_cpu();
	if (likely(order == 0)) {
		struct per_cpu_pages *pcp;

		pcp = &zone_pcp(zone, cpu)->pcp[cold];
		local_irq_save(flags);
		if (!pcp->count) {
			pcp->count =
				rmqueue_bulk(zone, 0, pcp->batch, &pcp->list);
			if (unlikely(!pcp->count))
				goto failed;
		}
		page = list_entry(pcp->list.next, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
	} else {
		spin_lock_irqsave(&zone->lock, flags);
		page = __rmqueue(zone, order);
		spin_unlock(&zone->lock);
		if (!page)
			goto failed;
	}

	__count_zone_vm_events(PGALLOC, zone, 1 << order);
	zone_statistics(zonelist, zone);
	local_irq_restore(flags);
	put_cpu();

	if (prep_new_page(page, order, gfp_flags))
		goto again;
	return page;

failed:
	local_irq_restore(flags);
	put_cpu();
	return NULL;
}

#define ALLOC_NO_WATERMARKS 0x01 /* don't check watermarks at all */
#define ALLOC_WMARK_MIN 0x02 /* use pages_min watermark */
#define ALLOC_WMARK_LOW 0x04 /* use pages_low watermark */
#define ALLOC_WMARK_HIGH 0x08 /* use pages_high watermark */
#define ALLOC_HARDER 0x10 /* try to alloc harder */
#define ALLOC_HIGH 0x20 /* __GFP_HIGH set */
#define ALLOC_CPUSET 0x40 /* check for correct cpuset */

/*
 * Return 1 if free pages are above 'mark'. This takes into account the order
 * of the allocation.
 */
int zone_watermark_ok(struct zone *z, int order, unsigned long mark,
		      int classzone_idx, int alloc_flags)
{
	/* free_pages my go negative - that's OK */
	long min = mark, free_pages = z->free_pages - (1 << order) + 1;
	int o;

	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;

	if (free_pages <= min + (long)z->lowmem_reserve[classzone_idx])
		return 0;
	for (o = 0; o < order; o++) {
		/* At the next order, this order's pages become unavailable */
		free_pages -= z->free_area[o].nr_free << o;

		/* Require fewer higher order pages to be free */
		min >>= 1;

		if (free_pages <= min)
			return 0;
	}
	return 1;
}

/*
 * get_page_from_freelist goes through the zonelist trying to allocate
 * a page.
 */
static struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order,
					   struct zonelist *zonelist,
					   int alloc_flags)
{
	struct zone **z = zonelist->zones;
	struct page *page = NULL;
	int classzone_idx = zone_idx(zonelist->zones[0]);
	struct zone *zone;

	do {
		zone = *z;
		/* __GFP_THISNODE: never leave the first zone's node. */
		if (unlikely((gfp_mask & __GFP_THISNODE) &&
			     zone->zone_pgdat !=
				     zonelist->zones[0]->zone_pgdat))
			break;
		if ((alloc_flags & ALLOC_CPUSET) &&
		    !cpuset_zone_allowed(zone, gfp_mask))
			continue;

		if (!(alloc_flags & ALLOC_NO_WATERMARKS)) {
			unsigned long mark;

			if (alloc_flags & ALLOC_WMARK_MIN)
				mark = zone->pages_min;
			else if (alloc_flags & ALLOC_WMARK_LOW)
				mark = zone->pages_low;
			else
				mark = zone->pages_high;
			/*
			 * 2006 tried zone_reclaim() here when
			 * zone_reclaim_mode was set; reclaim is not
			 * modeled yet, so the zone is simply full.
			 */
			if (!zone_watermark_ok(zone, order, mark, classzone_idx,
					       alloc_flags))
				continue;
		}

		page = buffered_rmqueue(zonelist, zone, order, gfp_mask);
		if (page)
			break;
	} while (*(++z) != NULL);
	return page;
}

/* mmsim: rounds of __alloc_pages' slow path reported as a livelock */
#define MAX_ALLOC_ROUNDS 10000

/*
 * This is the 'heart' of the zoned buddy allocator.
 */
struct page *fastcall __alloc_pages(gfp_t gfp_mask, unsigned int order,
				    struct zonelist *zonelist)
{
	const gfp_t wait = gfp_mask & __GFP_WAIT;
	struct zone **z;
	struct page *page;
	struct task_struct *p = current;
	int do_retry;
	int alloc_flags;
	unsigned long did_some_progress;
	unsigned long rounds = 0;

	might_sleep_if(wait);

restart:
	z = zonelist->zones; /* the list of zones suitable for gfp_mask */

	if (unlikely(*z == NULL)) {
		/* Should this ever happen?? */
		return NULL;
	}

	page = get_page_from_freelist(gfp_mask | __GFP_HARDWALL, order,
				      zonelist, ALLOC_WMARK_LOW | ALLOC_CPUSET);
	if (page)
		goto got_pg;

	/*
	 * GFP_THISNODE (meaning __GFP_THISNODE, __GFP_NORETRY and
	 * __GFP_NOWARN set) should not cause reclaim since the subsystem
	 * (f.e. slab) using GFP_THISNODE may choose to trigger reclaim
	 * using a larger set of nodes after it has established that the
	 * allowed per node queues are empty and that nodes are
	 * over allocated.
	 */
	if ((gfp_mask & GFP_THISNODE) == GFP_THISNODE)
		goto nopage;

	for (z = zonelist->zones; *z; z++)
		wakeup_kswapd(*z, order);

	/*
	 * OK, we're below the kswapd watermark and have kicked background
	 * reclaim.  The caller may dip into page reserves a bit more if it
	 * cannot run direct reclaim (realtime tasks are not modeled) or is
	 * asking for __GFP_HIGH memory.  GFP_ATOMIC requests set both
	 * ALLOC_HARDER (!wait) and ALLOC_HIGH (__GFP_HIGH).
	 */
	alloc_flags = ALLOC_WMARK_MIN;
	if (!wait)
		alloc_flags |= ALLOC_HARDER;
	if (gfp_mask & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (wait)
		alloc_flags |= ALLOC_CPUSET;

	/*
	 * Go through the zonelist again.  Ignore cpuset if GFP_ATOMIC
	 * (!wait) rather than fail alloc.
	 */
	page = get_page_from_freelist(gfp_mask, order, zonelist, alloc_flags);
	if (page)
		goto got_pg;

	/* This allocation should allow future memory freeing. */

rebalance:
	if (p && ((p->flags & PF_MEMALLOC) ||
		  unlikely(test_tsk_thread_flag(p, TIF_MEMDIE)))) {
		if (!(gfp_mask & __GFP_NOMEMALLOC)) {
			/* go through the zonelist yet again, ignoring mins */
			page = get_page_from_freelist(gfp_mask, order, zonelist,
						      ALLOC_NO_WATERMARKS);
			if (page)
				goto got_pg;
			/*
			 * 2006 looped here for __GFP_NOFAIL, waiting for
			 * someone to free memory; mmsim fails instead of
			 * hanging.
			 */
		}
		goto nopage;
	}

	/* Atomic allocations - we can't balance anything */
	if (!wait)
		goto nopage;

	/* (a host thread that runs as no task cannot reclaim) */
	if (!p)
		goto nopage;

	cond_resched();

	if (++rounds == MAX_ALLOC_ROUNDS)
		sim_panic("%s: __alloc_pages order %u mode 0x%x went round "
			  "reclaim and the OOM killer %lu times without "
			  "getting a page (2006 would hang here)",
			  p->comm, order, gfp_mask, rounds);

	/* We now go into synchronous reclaim */
	p->flags |= PF_MEMALLOC;
	did_some_progress = try_to_free_pages(zonelist->zones, gfp_mask);
	p->flags &= ~PF_MEMALLOC;

	cond_resched();

	if (likely(did_some_progress)) {
		page = get_page_from_freelist(gfp_mask, order, zonelist,
					      alloc_flags);
		if (page)
			goto got_pg;
	} else if ((gfp_mask & __GFP_FS) && !(gfp_mask & __GFP_NORETRY)) {
		/*
		 * Go through the zonelist yet one more time, keep
		 * very high watermark here, this is only to catch
		 * a parallel oom killing, we must fail if we're still
		 * under heavy pressure.
		 */
		page = get_page_from_freelist(gfp_mask | __GFP_HARDWALL, order,
					      zonelist,
					      ALLOC_WMARK_HIGH | ALLOC_CPUSET);
		if (page)
			goto got_pg;

		out_of_memory(zonelist, gfp_mask, order);
		goto restart;
	}

	/*
	 * Don't let big-order allocations loop unless the caller explicitly
	 * requests that.  Wait for some write requests to complete then retry.
	 *
	 * In this implementation, __GFP_REPEAT means __GFP_NOFAIL for order
	 * <= 3, but that may not be true in other implementations.
	 */
	do_retry = 0;
	if (!(gfp_mask & __GFP_NORETRY)) {
		if ((order <= 3) || (gfp_mask & __GFP_REPEAT))
			do_retry = 1;
		if (gfp_mask & __GFP_NOFAIL)
			do_retry = 1;
	}
	if (do_retry) {
		congestion_wait(WRITE, HZ / 50);
		goto rebalance;
	}

nopage:
	if (!(gfp_mask & __GFP_NOWARN))
		printk(KERN_WARNING "%s: page allocation failure."
				    " order:%d, mode:0x%x\n",
		       p ? p->comm : sim_thread_name(), order, gfp_mask);
got_pg:
	return page;
}

/*
 * Common helper functions.
 */
fastcall unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;

	page = alloc_pages(gfp_mask, order);
	if (!page)
		return 0;
	return (unsigned long)page_address(page);
}

fastcall unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	struct page *page;

	page = alloc_pages(gfp_mask | __GFP_ZERO, 0);
	if (page)
		return (unsigned long)page_address(page);
	return 0;
}

fastcall void __free_pages(struct page *page, unsigned int order)
{
	if (put_page_testzero(page)) {
		if (order == 0)
			free_hot_page(page);
		else
			__free_pages_ok(page, order);
	}
}

fastcall void free_pages(unsigned long addr, unsigned int order)
{
	if (addr != 0)
		__free_pages(virt_to_page((void *)addr), order);
}

/*
 * Total amount of free (allocatable) RAM: the buddy lists only, not the
 * pages sitting on per-CPU lists.
 */
unsigned int nr_free_pages(void)
{
	unsigned int sum = 0;
	struct zone *zone;

	for_each_zone(zone)
		sum += zone->free_pages;

	return sum;
}

static unsigned int nr_free_zone_pages(int offset)
{
	/* Just pick one node, since fallback list is circular */
	pg_data_t *pgdat = NODE_DATA(numa_node_id());
	unsigned int sum = 0;
	struct zonelist *zonelist = pgdat->node_zonelists + offset;
	struct zone **zonep = zonelist->zones;
	struct zone *zone;

	for (zone = *zonep++; zone; zone = *zonep++) {
		unsigned long size = zone->present_pages;
		unsigned long high = zone->pages_high;

		if (size > high)
			sum += size - high;
	}

	return sum;
}

/* Amount of free RAM allocatable within ZONE_DMA and ZONE_NORMAL */
static unsigned int nr_free_buffer_pages(void)
{
	return nr_free_zone_pages(gfp_zone(GFP_USER));
}

/* Amount of free RAM allocatable within all zones */
unsigned int nr_free_pagecache_pages(void)
{
	return nr_free_zone_pages(gfp_zone(GFP_HIGHUSER));
}

/* ---- pgdat and zone iterators (mm/mmzone.c) ------------------------------- */

struct pglist_data *first_online_pgdat(void)
{
	return NODE_DATA(first_node(node_online_map));
}

struct pglist_data *next_online_pgdat(struct pglist_data *pgdat)
{
	int nid = next_node(pgdat->node_id, node_online_map);

	if (nid == MAX_NUMNODES)
		return NULL;
	return NODE_DATA(nid);
}

/* next_zone - helper magic for for_each_zone() */
struct zone *next_zone(struct zone *zone)
{
	pg_data_t *pgdat = zone->zone_pgdat;

	if (zone < pgdat->node_zones + MAX_NR_ZONES - 1)
		zone++;
	else {
		pgdat = next_online_pgdat(pgdat);
		if (pgdat)
			zone = pgdat->node_zones;
		else
			zone = NULL;
	}
	return zone;
}

/* ---- zonelists -------------------------------------------------------------- */

/*
 * Builds allocation fallback zone lists.
 *
 * Add all populated zones of a node of type <= zone_type to the zonelist,
 * highest first.
 */
static int __init build_zonelists_node(pg_data_t *pgdat,
				       struct zonelist *zonelist, int nr_zones,
				       enum zone_type zone_type)
{
	struct zone *zone;

	BUG_ON(zone_type >= MAX_NR_ZONES);
	zone_type++;

	do {
		zone_type--;
		zone = pgdat->node_zones + zone_type;
		if (populated_zone(zone))
			zonelist->zones[nr_zones++] = zone;
	} while (zone_type);
	return nr_zones;
}

#define MAX_NODE_LOAD (num_online_nodes())
#define PENALTY_FOR_NODE_WITH_CPUS 1
static int node_load[MAX_NUMNODES];

/*
 * find_next_best_node - the next node for 'node's fallback list: not used
 * yet, the nearest by SLIT distance; among equals, nodes above 'node' come
 * before nodes below it ("prefer the next node"), nodes without CPUs
 * before nodes with, and the less loaded before the more loaded (node_load
 * spreads equal-distance nodes round-robin over the nodes' lists).
 * Returns -1 when every node is used.
 */
static int __init find_next_best_node(int node, nodemask_t *used_node_mask)
{
	int n, val;
	int min_val = INT_MAX;
	int best_node = -1;

	/* Use the local node if we haven't already */
	if (!node_isset(node, *used_node_mask)) {
		node_set(node, *used_node_mask);
		return node;
	}

	for_each_online_node(n) {
		/* Don't want a node to appear more than once */
		if (node_isset(n, *used_node_mask))
			continue;

		/* Use the distance array to find the distance */
		val = node_distance(node, n);

		/* Penalize nodes under us ("prefer the next node") */
		val += (n < node);

		/* Give preference to headless and unused nodes */
		if (cpus_weight(node_to_cpumask[n]))
			val += PENALTY_FOR_NODE_WITH_CPUS;

		/* Slight preference for less loaded node */
		val *= (MAX_NODE_LOAD * MAX_NUMNODES);
		val += node_load[n];

		if (val < min_val) {
			min_val = val;
			best_node = n;
		}
	}

	if (best_node >= 0)
		node_set(best_node, *used_node_mask);

	return best_node;
}

static void __init build_zonelists(pg_data_t *pgdat)
{
	int j, node, local_node;
	enum zone_type i;
	int prev_node, load;
	struct zonelist *zonelist;
	nodemask_t used_mask;

	/* initialize zonelists */
	for (i = 0; i < MAX_NR_ZONES; i++) {
		zonelist = pgdat->node_zonelists + i;
		zonelist->zones[0] = NULL;
	}

	/* NUMA-aware ordering of nodes */
	local_node = pgdat->node_id;
	load = num_online_nodes();
	prev_node = local_node;
	nodes_clear(used_mask);
	while ((node = find_next_best_node(local_node, &used_mask)) >= 0) {
		int distance = node_distance(local_node, node);

		/*
		 * 2006 set zone_reclaim_mode here for nodes further than
		 * RECLAIM_DISTANCE; zone reclaim is not modeled yet.
		 */

		/*
		 * We don't want to pressure a particular node.
		 * So adding penalty to the first node in same
		 * distance group to make it round-robin.
		 */
		if (distance != node_distance(local_node, prev_node))
			node_load[node] += load;
		prev_node = node;
		load--;
		for (i = 0; i < MAX_NR_ZONES; i++) {
			zonelist = pgdat->node_zonelists + i;
			for (j = 0; zonelist->zones[j] != NULL; j++)
				;
			j = build_zonelists_node(NODE_DATA(node), zonelist, j,
						 i);
			zonelist->zones[j] = NULL;
		}
	}
}

void __init build_all_zonelists(void)
{
	int nid;

	for_each_online_node(nid)
		build_zonelists(NODE_DATA(nid));
}

/* ---- zones, mem_map and pagesets at boot ------------------------------------ */

/*
 * Initially all pages are reserved - free ones are freed up by mem_init()
 * once the early boot process is done.  Non-atomic initialization,
 * single-pass.
 */
static void __init memmap_init_zone(unsigned long size, int nid,
				    unsigned long zone, unsigned long start_pfn)
{
	struct page *page;
	unsigned long end_pfn = start_pfn + size;
	unsigned long pfn;

	for (pfn = start_pfn; pfn < end_pfn; pfn++) {
		page = pfn_to_page(pfn);
		set_page_links(page, zone, nid, pfn);
		init_page_count(page);
		reset_page_mapcount(page);
		/* SetPageReserved, non-atomic: nothing else runs yet */
		__set_bit(PG_reserved, &page->flags);
		INIT_LIST_HEAD(&page->lru);
	}
}

static void __init zone_init_free_lists(struct zone *zone)
{
	int order;

	for (order = 0; order < MAX_ORDER; order++) {
		INIT_LIST_HEAD(&zone->free_area[order].free_list);
		zone->free_area[order].nr_free = 0;
	}
}

static int __init zone_batchsize(struct zone *zone)
{
	int batch;

	/*
	 * The per-cpu-pages pools are set to around 1000th of the
	 * size of the zone.  But no more than 1/2 of a meg.
	 */
	batch = zone->present_pages / 1024;
	if (batch * PAGE_SIZE > 512 * 1024)
		batch = (512 * 1024) / PAGE_SIZE;
	batch /= 4; /* We effectively *= 4 below */
	if (batch < 1)
		batch = 1;

	/*
	 * Clamp the batch to a 2^n - 1 value. Having a power
	 * of 2 value was found to be more likely to have
	 * suboptimal cache aliasing properties in some cases.
	 */
	batch = (1 << (fls(batch + batch / 2) - 1)) - 1;

	return batch;
}

static void __init setup_pageset(struct per_cpu_pageset *p, unsigned long batch)
{
	struct per_cpu_pages *pcp;

	memset(p, 0, sizeof(*p));

	pcp = &p->pcp[0]; /* hot */
	pcp->count = 0;
	pcp->high = 6 * batch;
	pcp->batch = max(1UL, 1 * batch);
	INIT_LIST_HEAD(&pcp->list);

	pcp = &p->pcp[1]; /* cold */
	pcp->count = 0;
	pcp->high = 2 * batch;
	pcp->batch = max(1UL, batch / 2);
	INIT_LIST_HEAD(&pcp->list);
}

/*
 * process_zones() for every CPU at once: populated zones get pagesets
 * sized by zone_batchsize(), empty ones the boot_pageset setting (0).
 */
static void __init zone_pcp_init(struct zone *zone)
{
	int cpu, nr = sim_nr_cpus();
	unsigned long batch = populated_zone(zone) ? zone_batchsize(zone) : 0;
	struct per_cpu_pageset *sets;

	sets = sim_host_alloc(nr * sizeof(*sets));
	for (cpu = 0; cpu < nr; cpu++) {
		zone_pcp(zone, cpu) = &sets[cpu];
		setup_pageset(&sets[cpu], batch);
	}
}

static void __init free_area_init_core(struct pglist_data *pgdat,
				       unsigned long *zones_size,
				       unsigned long *zholes_size)
{
	enum zone_type j;
	int nid = pgdat->node_id;
	unsigned long zone_start_pfn = pgdat->node_start_pfn;

	pgdat->nr_zones = 0;
	init_waitqueue_head(&pgdat->kswapd_wait);
	pgdat->kswapd_max_order = 0;

	for (j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = pgdat->node_zones + j;
		unsigned long size, realsize;

		size = zones_size[j];
		realsize = size - (zholes_size ? zholes_size[j] : 0);

		zone->spanned_pages = size;
		zone->present_pages = realsize;
		zone->node = nid;
		zone->min_unmapped_pages = realsize / 100; /* ratio 1% */
		zone->min_slab_pages = realsize * 5 / 100; /* ratio 5% */
		zone->name = zone_names[j];
		spin_lock_init(&zone->lock);
		spin_lock_init(&zone->lru_lock);
		zone->zone_pgdat = pgdat;
		zone->free_pages = 0;

		zone->temp_priority = zone->prev_priority = DEF_PRIORITY;

		zone_pcp_init(zone);
		INIT_LIST_HEAD(&zone->active_list);
		INIT_LIST_HEAD(&zone->inactive_list);
		zone->nr_scan_active = 0;
		zone->nr_scan_inactive = 0;
		zone->nr_active = 0;
		zone->nr_inactive = 0;
		atomic_set(&zone->reclaim_in_progress, 0);
		zone_init_free_lists(zone);
		if (!size)
			continue;

		pgdat->nr_zones = j + 1;
		zone->zone_start_pfn = zone_start_pfn;
		memmap_init_zone(size, nid, j, zone_start_pfn);
		zone_start_pfn += size;
	}
}

void __init free_area_init_node(int nid, struct pglist_data *pgdat,
				unsigned long *zones_size,
				unsigned long node_start_pfn,
				unsigned long *zholes_size)
{
	unsigned long totalpages = 0, realtotalpages = 0;
	int i;

	pgdat->node_id = nid;
	pgdat->node_start_pfn = node_start_pfn;
	for (i = 0; i < MAX_NR_ZONES; i++) {
		totalpages += zones_size[i];
		realtotalpages +=
			zones_size[i] - (zholes_size ? zholes_size[i] : 0);
	}
	pgdat->node_spanned_pages = totalpages;
	pgdat->node_present_pages = realtotalpages;
	/* node_mem_map was set by arch/x86_64/mm/numa.c (one mem_map). */
	free_area_init_core(pgdat, zones_size, zholes_size);
}

/* 2006 registered the CPU hotplug notifier here; CPUs never go away. */
void __init page_alloc_init(void)
{
}

/* ---- watermarks ---------------------------------------------------------- */

/*
 * setup_per_zone_lowmem_reserve - called whenever
 *	sysctl_lower_zone_reserve_ratio changes.  Ensures that each zone
 *	has a correct pages reserved value, so an adequate number of
 *	pages are left in the zone after a successful __alloc_pages().
 */
static void calculate_totalreserve_pages(void)
{
	struct pglist_data *pgdat;
	unsigned long reserve_pages = 0;
	int i, j;

	for_each_online_pgdat(pgdat)
	{
		for (i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = pgdat->node_zones + i;
			unsigned long max = 0;

			/* Find valid and maximum lowmem_reserve in the zone */
			for (j = i; j < MAX_NR_ZONES; j++) {
				if (zone->lowmem_reserve[j] > max)
					max = zone->lowmem_reserve[j];
			}

			/* we treat pages_high as reserved pages. */
			max += zone->pages_high;

			if (max > zone->present_pages)
				max = zone->present_pages;
			reserve_pages += max;
		}
	}
	totalreserve_pages = reserve_pages;
}

static void setup_per_zone_lowmem_reserve(void)
{
	struct pglist_data *pgdat;
	int j, idx;

	for_each_online_pgdat(pgdat)
	{
		for (j = 0; j < MAX_NR_ZONES; j++) {
			struct zone *zone = pgdat->node_zones + j;
			unsigned long present_pages = zone->present_pages;

			zone->lowmem_reserve[j] = 0;

			idx = j;
			while (idx) {
				struct zone *lower_zone;

				idx--;

				if (sysctl_lowmem_reserve_ratio[idx] < 1)
					sysctl_lowmem_reserve_ratio[idx] = 1;

				lower_zone = pgdat->node_zones + idx;
				lower_zone->lowmem_reserve[j] =
					present_pages /
					sysctl_lowmem_reserve_ratio[idx];
				present_pages += lower_zone->present_pages;
			}
		}
	}

	/* update totalreserve_pages */
	calculate_totalreserve_pages();
}

/*
 * setup_per_zone_pages_min - called when min_free_kbytes changes.  Ensures
 * that the pages_{min,low,high} values for each zone are set correctly
 * with respect to min_free_kbytes: each zone gets its share of
 * min_free_kbytes by size; low is min + min/4, high is min + min/2.
 */
void setup_per_zone_pages_min(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;
	unsigned long flags;

	/* Calculate total number of !ZONE_HIGHMEM pages */
	for_each_zone(zone)
		lowmem_pages += zone->present_pages;

	for_each_zone(zone) {
		u64 tmp;

		spin_lock_irqsave(&zone->lru_lock, flags);
		tmp = (u64)pages_min * zone->present_pages;
		tmp /= lowmem_pages;
		zone->pages_min = tmp;
		zone->pages_low = zone->pages_min + (tmp >> 2);
		zone->pages_high = zone->pages_min + (tmp >> 1);
		spin_unlock_irqrestore(&zone->lru_lock, flags);
	}

	/* update totalreserve_pages */
	calculate_totalreserve_pages();
}

/*
 * Initialise min_free_kbytes: the square root of 16 times the lowmem in
 * kbytes, clamped to [128, 65536].
 *
 *	16MB:	512k
 *	128MB:	1448k
 *	1GB:	4096k
 *	16GB:	16384k
 *	64GB:	32768k
 */
static int __init init_per_zone_pages_min(void)
{
	unsigned long lowmem_kbytes;

	lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);

	min_free_kbytes = int_sqrt(lowmem_kbytes * 16);
	if (min_free_kbytes < 128)
		min_free_kbytes = 128;
	if (min_free_kbytes > 65536)
		min_free_kbytes = 65536;
	setup_per_zone_pages_min();
	setup_per_zone_lowmem_reserve();
	return 0;
}
module_init(init_per_zone_pages_min);
