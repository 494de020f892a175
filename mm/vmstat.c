/*
 * mm/vmstat.c - zone and global VM counters, VM event counters and the
 * /proc files that show them (2.6.20).
 *
 * Stands for mm/vmstat.c (counters, /proc/zoneinfo, /proc/buddyinfo,
 * /proc/vmstat) and the /proc/meminfo part of fs/proc/proc_misc.c, in
 * 2.6.20's exact text layout.
 *
 * Deliberate simplifications:
 *  - Counters are updated atomically in the zone and globally at once
 *    (see include/linux/vmstat.h), so there are no per-CPU deltas to fold;
 *    the per-CPU stat_threshold is still computed, for zoneinfo.
 *  - Event counters are global atomics, not per-CPU sums.
 *  - The files are produced whole through a small seq_file stand-in that
 *    formats each piece with vsnprintf and hands it to the emit callback
 *    of sim_proc_show(), which therefore lives here beside its generators.
 *  - /proc/meminfo stops after "Bounce:": the commit-accounting and
 *    vmalloc lines have nothing behind them yet.  SwapTotal and SwapFree
 *    are total_swap_pages and nr_swap_pages (2006's si_swapinfo).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/seq_file.h>
#include <linux/swap.h>
#include <linux/fs.h>
#include <linux/cpumask.h>
#include <linux/init.h>
#include <sim/kernel.h>

atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS];
atomic_long_t vm_events[NR_VM_EVENT_ITEMS];

#define TEXTS_FOR_ZONES(xx) xx "_dma", xx "_dma32", xx "_normal",

const char *const vmstat_text[] = {
	/* Zoned VM counters */
	"nr_anon_pages",
	"nr_mapped",
	"nr_file_pages",
	"nr_slab_reclaimable",
	"nr_slab_unreclaimable",
	"nr_page_table_pages",
	"nr_dirty",
	"nr_writeback",
	"nr_unstable",
	"nr_bounce",
	"nr_vmscan_write",

	/* CONFIG_NUMA */
	"numa_hit",
	"numa_miss",
	"numa_foreign",
	"numa_interleave",
	"numa_local",
	"numa_other",

	/* CONFIG_VM_EVENT_COUNTERS */
	"pgpgin",
	"pgpgout",
	"pswpin",
	"pswpout",

	TEXTS_FOR_ZONES("pgalloc")

		"pgfree",
	"pgactivate",
	"pgdeactivate",

	"pgfault",
	"pgmajfault",

	TEXTS_FOR_ZONES("pgrefill") TEXTS_FOR_ZONES("pgsteal")
		TEXTS_FOR_ZONES("pgscan_kswapd")
			TEXTS_FOR_ZONES("pgscan_direct")

				"pginodesteal",
	"slabs_scanned",
	"kswapd_steal",
	"kswapd_inodesteal",
	"pageoutrun",
	"allocstall",

	"pgrotated",
};

_Static_assert(ARRAY_SIZE(vmstat_text) ==
		       NR_VM_ZONE_STAT_ITEMS + NR_VM_EVENT_ITEMS,
	       "vmstat_text must name every zone stat and every event");

void __inc_zone_page_state(struct page *page, enum zone_stat_item item)
{
	__mod_zone_page_state(page_zone(page), item, 1);
}

void __dec_zone_page_state(struct page *page, enum zone_stat_item item)
{
	__mod_zone_page_state(page_zone(page), item, -1);
}

/* Determine the per node value of a stat item. */
unsigned long node_page_state(int node, enum zone_stat_item item)
{
	struct zone *zones = NODE_DATA(node)->node_zones;

	return zone_page_state(&zones[ZONE_DMA32], item) +
	       zone_page_state(&zones[ZONE_NORMAL], item) +
	       zone_page_state(&zones[ZONE_DMA], item);
}

static unsigned long vm_event_state(enum vm_event_item item)
{
	return __atomic_load_n(&vm_events[item].counter, __ATOMIC_RELAXED);
}

/*
 * The threshold at which 2006 folded a CPU's counter deltas into the
 * zone: grows with the number of processors and the zone's size.
 */
static int calculate_threshold(struct zone *zone)
{
	int threshold;
	int mem; /* memory in 128 MB units */

	mem = zone->present_pages >> (27 - PAGE_SHIFT);
	threshold = 2 * fls(num_online_cpus()) * (1 + fls(mem));

	/* Maximum threshold is 125 */
	threshold = min(125, threshold);

	return threshold;
}

static void refresh_zone_stat_thresholds(void)
{
	struct zone *zone;
	int cpu;
	int threshold;

	for_each_zone(zone) {
		if (!zone->present_pages)
			continue;

		threshold = calculate_threshold(zone);

		for_each_online_cpu(cpu)
			zone_pcp(zone, cpu)->stat_threshold = threshold;
	}
}

static int __init setup_vmstat(void)
{
	refresh_zone_stat_thresholds();
	return 0;
}
module_init(setup_vmstat);

/* ---- /proc/buddyinfo ------------------------------------------------------- */

/*
 * This walks the free areas for each zone.
 */
static void frag_show(struct seq_file *m, pg_data_t *pgdat)
{
	struct zone *zone;
	struct zone *node_zones = pgdat->node_zones;
	unsigned long flags;
	int order;

	for (zone = node_zones; zone - node_zones < MAX_NR_ZONES; ++zone) {
		if (!populated_zone(zone))
			continue;

		spin_lock_irqsave(&zone->lock, flags);
		seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (order = 0; order < MAX_ORDER; ++order)
			seq_printf(m, "%6lu ", zone->free_area[order].nr_free);
		spin_unlock_irqrestore(&zone->lock, flags);
		seq_putc(m, '\n');
	}
}

/* ---- /proc/zoneinfo -------------------------------------------------------- */

static void zoneinfo_show(struct seq_file *m, pg_data_t *pgdat)
{
	struct zone *zone;
	struct zone *node_zones = pgdat->node_zones;
	unsigned long flags;

	for (zone = node_zones; zone - node_zones < MAX_NR_ZONES; zone++) {
		int i;

		if (!populated_zone(zone))
			continue;

		spin_lock_irqsave(&zone->lock, flags);
		seq_printf(m, "Node %d, zone %8s", pgdat->node_id, zone->name);
		seq_printf(m,
			   "\n  pages free     %lu"
			   "\n        min      %lu"
			   "\n        low      %lu"
			   "\n        high     %lu"
			   "\n        active   %lu"
			   "\n        inactive %lu"
			   "\n        scanned  %lu (a: %lu i: %lu)"
			   "\n        spanned  %lu"
			   "\n        present  %lu",
			   zone->free_pages, zone->pages_min, zone->pages_low,
			   zone->pages_high, zone->nr_active, zone->nr_inactive,
			   zone->pages_scanned, zone->nr_scan_active,
			   zone->nr_scan_inactive, zone->spanned_pages,
			   zone->present_pages);

		for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
			seq_printf(m, "\n    %-12s %lu", vmstat_text[i],
				   zone_page_state(zone, i));

		seq_printf(m, "\n        protection: (%lu",
			   zone->lowmem_reserve[0]);
		for (i = 1; i < ARRAY_SIZE(zone->lowmem_reserve); i++)
			seq_printf(m, ", %lu", zone->lowmem_reserve[i]);
		seq_printf(m, ")"
			      "\n  pagesets");
		for_each_online_cpu(i) {
			struct per_cpu_pageset *pageset;
			int j;

			pageset = zone_pcp(zone, i);
			for (j = 0; j < ARRAY_SIZE(pageset->pcp); j++) {
				if (pageset->pcp[j].count)
					break;
			}
			/* 2.6.20 skips CPUs whose lists are both empty. */
			if (j == ARRAY_SIZE(pageset->pcp))
				continue;
			for (j = 0; j < ARRAY_SIZE(pageset->pcp); j++) {
				seq_printf(m,
					   "\n    cpu: %i pcp: %i"
					   "\n              count: %i"
					   "\n              high:  %i"
					   "\n              batch: %i",
					   i, j, pageset->pcp[j].count,
					   pageset->pcp[j].high,
					   pageset->pcp[j].batch);
			}
			seq_printf(m, "\n  vm stats threshold: %d",
				   pageset->stat_threshold);
		}
		seq_printf(m,
			   "\n  all_unreclaimable: %u"
			   "\n  prev_priority:     %i"
			   "\n  start_pfn:         %lu",
			   zone->all_unreclaimable, zone->prev_priority,
			   zone->zone_start_pfn);
		spin_unlock_irqrestore(&zone->lock, flags);
		seq_putc(m, '\n');
	}
}

/* ---- /proc/vmstat ---------------------------------------------------------- */

static void vmstat_show(struct seq_file *m)
{
	int i;

	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vmstat_text[i], global_page_state(i));
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_printf(m, "%s %lu\n",
			   vmstat_text[NR_VM_ZONE_STAT_ITEMS + i],
			   vm_event_state(i));
}

/* ---- /proc/meminfo (fs/proc/proc_misc.c) ----------------------------------- */

static void get_zone_counts(unsigned long *active, unsigned long *inactive,
			    unsigned long *free)
{
	struct zone *zone;

	*active = 0;
	*inactive = 0;
	*free = 0;
	for_each_zone(zone) {
		*active += zone->nr_active;
		*inactive += zone->nr_inactive;
		*free += zone->free_pages;
	}
}

#define K(x) ((x) << (PAGE_SHIFT - 10))

static void meminfo_show(struct seq_file *m)
{
	unsigned long active, inactive, free;
	unsigned long bufferram = 0; /* nr_blockdev_pages(): no devices */
	long cached;

	get_zone_counts(&active, &inactive, &free);

	cached = global_page_state(NR_FILE_PAGES) - total_swapcache_pages -
		 bufferram;
	if (cached < 0)
		cached = 0;

	seq_printf(m,
		   "MemTotal:     %8lu kB\n"
		   "MemFree:      %8lu kB\n"
		   "Buffers:      %8lu kB\n"
		   "Cached:       %8lu kB\n"
		   "SwapCached:   %8lu kB\n"
		   "Active:       %8lu kB\n"
		   "Inactive:     %8lu kB\n"
		   "SwapTotal:    %8lu kB\n"
		   "SwapFree:     %8lu kB\n"
		   "Dirty:        %8lu kB\n"
		   "Writeback:    %8lu kB\n"
		   "AnonPages:    %8lu kB\n"
		   "Mapped:       %8lu kB\n"
		   "Slab:         %8lu kB\n"
		   "SReclaimable: %8lu kB\n"
		   "SUnreclaim:   %8lu kB\n"
		   "PageTables:   %8lu kB\n"
		   "NFS_Unstable: %8lu kB\n"
		   "Bounce:       %8lu kB\n",
		   K(totalram_pages), K((unsigned long)nr_free_pages()),
		   K(bufferram), K((unsigned long)cached),
		   K(total_swapcache_pages), K(active), K(inactive),
		   K((unsigned long)total_swap_pages),
		   K((unsigned long)nr_swap_pages),
		   K(global_page_state(NR_FILE_DIRTY)),
		   K(global_page_state(NR_WRITEBACK)),
		   K(global_page_state(NR_ANON_PAGES)),
		   K(global_page_state(NR_FILE_MAPPED)),
		   K(global_page_state(NR_SLAB_RECLAIMABLE) +
		     global_page_state(NR_SLAB_UNRECLAIMABLE)),
		   K(global_page_state(NR_SLAB_RECLAIMABLE)),
		   K(global_page_state(NR_SLAB_UNRECLAIMABLE)),
		   K(global_page_state(NR_PAGETABLE)),
		   K(global_page_state(NR_UNSTABLE_NFS)),
		   K(global_page_state(NR_BOUNCE)));
}

#undef K

/* ---- the door: include/sim/kernel.h ------------------------------------------ */

int sim_proc_show(const char *name, sim_emit_fn emit, void *ctx)
{
	struct seq_file m = {.emit = emit, .ctx = ctx};
	pg_data_t *pgdat;

	if (!strcmp(name, "zoneinfo")) {
		for_each_online_pgdat(pgdat) zoneinfo_show(&m, pgdat);
	} else if (!strcmp(name, "buddyinfo")) {
		for_each_online_pgdat(pgdat) frag_show(&m, pgdat);
	} else if (!strcmp(name, "vmstat")) {
		vmstat_show(&m);
	} else if (!strcmp(name, "meminfo")) {
		meminfo_show(&m);
	} else {
		return -1;
	}
	return 0;
}
