/*
 * tests/kernel/test_machine.c - the modeled machine (arch/x86_64/mm/numa.c,
 * arch/x86_64/mm/init.c, init/main.c): configuration checks, the
 * pfn/node/zone layout, the zero page, 2006 watermark and zonelist
 * formulas, and the exact /proc/zoneinfo and /proc/buddyinfo text.
 * Each test boots its own machine.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include <linux/topology.h>
#include <sim/kernel.h>
#include <sim/ktest.h>
#include "mmtest.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

static int contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return 1;
	return 0;
}

/* ---- configuration checks ----------------------------------------------- */

static void expect_invalid(const struct sim_machine_config *cfg,
			   const char *field)
{
	char err[256] = "";

	KT_ASSERT_INT_EQ(sim_machine_validate(cfg, err, sizeof(err)), -1);
	KT_ASSERT_MSG(contains(err, field), "reason '%s' does not name %s", err,
		      field);
	KT_ASSERT_MSG(contains(err, "impossible machine: "),
		      "reason '%s' lacks the prefix", err);
}

KTEST(machine_validation_errors_name_the_field)
{
	struct sim_machine_config cfg;
	char err[256];

	sim_machine_defaults(&cfg, 4, 64 * MiB);
	KT_ASSERT_INT_EQ(sim_machine_validate(&cfg, err, sizeof(err)), 0);

	cfg.nr_nodes = 0;
	expect_invalid(&cfg, "nr_nodes");
	cfg.nr_nodes = 65;
	expect_invalid(&cfg, "nr_nodes");

	sim_machine_defaults(&cfg, 4, 64 * MiB);
	cfg.mem[1] += 100;
	expect_invalid(&cfg, "mem[1]");
	cfg.mem[1] = 2 * MiB;
	expect_invalid(&cfg, "mem[1]");

	sim_machine_defaults(&cfg, 2, 40 * GiB);
	expect_invalid(&cfg, "total memory");

	sim_machine_defaults(&cfg, 4, 64 * MiB);
	cfg.cpus_per_node = 0;
	expect_invalid(&cfg, "cpus_per_node");
	cfg.cpus_per_node = 65;
	expect_invalid(&cfg, "cpus_per_node");

	sim_machine_defaults(&cfg, 4, 64 * MiB);
	cfg.distance[0][1] = 10;
	expect_invalid(&cfg, "distance[0][1]");
	sim_machine_defaults(&cfg, 4, 64 * MiB);
	cfg.distance[2][2] = 11;
	expect_invalid(&cfg, "distance[2][2]");
	sim_machine_defaults(&cfg, 4, 64 * MiB);
	cfg.distance[3][1] = 255;
	expect_invalid(&cfg, "distance[3][1]");

	/* The SLIT may be asymmetric. */
	sim_machine_defaults(&cfg, 4, 64 * MiB);
	cfg.distance[0][1] = 15;
	cfg.distance[1][0] = 30;
	KT_ASSERT_INT_EQ(sim_machine_validate(&cfg, err, sizeof(err)), 0);

	/* A booted machine refuses an impossible one without booting. */
	cfg.nr_nodes = 0;
	KT_ASSERT_INT_EQ(sim_kernel_boot(&cfg, err, sizeof(err)), -1);
	KT_ASSERT(contains(err, "nr_nodes"));
}

/* ---- layout --------------------------------------------------------------- */

struct pfn_expect {
	unsigned long pfn;
	int nid;
	enum zone_type zone;
};

KTEST(pfn_node_zone_mapping_on_four_nodes)
{
	static const struct pfn_expect expect[] = {
		{0x0, 0, ZONE_DMA},
		{0xfff, 0, ZONE_DMA}, /* 16 MiB - 4 KiB */
		{0x1000, 0, ZONE_DMA32}, /* 16 MiB */
		{0x7ffff, 0, ZONE_DMA32},
		{0x80000, 1, ZONE_DMA32}, /* node 1 at 2 GiB */
		{0xfffff, 1, ZONE_DMA32}, /* 4 GiB - 4 KiB */
		{0x100000, 2, ZONE_NORMAL}, /* 4 GiB */
		{0x17ffff, 2, ZONE_NORMAL},
		{0x180000, 3, ZONE_NORMAL},
		{0x1fffff, 3, ZONE_NORMAL},
	};
	int i, nid;

	mmt_boot(4, 2 * GiB);
	KT_ASSERT_INT_EQ(sim_nr_nodes(), 4);
	KT_ASSERT_UINT_EQ(max_pfn, 0x200000);
	KT_ASSERT_UINT_EQ(num_physpages, 0x200000);

	for (i = 0; i < ARRAY_SIZE(expect); i++) {
		unsigned long pfn = expect[i].pfn;
		struct page *page = pfn_to_page(pfn);

		KT_ASSERT_UINT_EQ(page_to_pfn(page), pfn);
		KT_ASSERT_MSG(page_to_nid(page) == expect[i].nid,
			      "pfn %#lx on node %d", pfn, page_to_nid(page));
		KT_ASSERT_INT_EQ(pfn_to_nid(pfn), expect[i].nid);
		KT_ASSERT_MSG(page_zonenum(page) == expect[i].zone,
			      "pfn %#lx in zone %d", pfn, page_zonenum(page));
		KT_ASSERT_PTR_EQ(
			page_zone(page),
			&NODE_DATA(expect[i].nid)->node_zones[expect[i].zone]);
		KT_ASSERT_PTR_EQ(page_address(page),
				 (void *)(PAGE_OFFSET + (pfn << PAGE_SHIFT)));
		KT_ASSERT_PTR_EQ(virt_to_page(page_address(page)), page);
	}
	KT_ASSERT_INT_EQ(pfn_to_nid(0x200000), -1);

	/* Zone spans: DMA only on node 0, NORMAL from 4 GiB. */
	KT_ASSERT_UINT_EQ(NODE_DATA(0)->node_zones[ZONE_DMA].spanned_pages,
			  0x1000);
	KT_ASSERT_UINT_EQ(NODE_DATA(0)->node_zones[ZONE_DMA32].zone_start_pfn,
			  0x1000);
	KT_ASSERT_UINT_EQ(NODE_DATA(0)->node_zones[ZONE_DMA32].spanned_pages,
			  0x7f000);
	KT_ASSERT(!populated_zone(&NODE_DATA(0)->node_zones[ZONE_NORMAL]));
	KT_ASSERT(!populated_zone(&NODE_DATA(1)->node_zones[ZONE_DMA]));
	KT_ASSERT_UINT_EQ(NODE_DATA(1)->node_zones[ZONE_DMA32].spanned_pages,
			  0x80000);
	KT_ASSERT(!populated_zone(&NODE_DATA(2)->node_zones[ZONE_DMA32]));
	KT_ASSERT_UINT_EQ(NODE_DATA(2)->node_zones[ZONE_NORMAL].zone_start_pfn,
			  0x100000);
	KT_ASSERT_UINT_EQ(NODE_DATA(3)->node_zones[ZONE_NORMAL].spanned_pages,
			  0x80000);

	for (nid = 0; nid < 4; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);
		struct page *page;
		unsigned char *p;
		int k;

		KT_ASSERT_INT_EQ(pgdat->node_id, nid);
		KT_ASSERT_UINT_EQ(pgdat->node_start_pfn, nid * 0x80000UL);
		KT_ASSERT_PTR_EQ(pgdat->node_mem_map,
				 mem_map + nid * 0x80000UL);
		KT_ASSERT_UINT_EQ(sim_node_present_pages(nid), 0x80000);

		/* page_address() is real, writable memory on that node. */
		page = alloc_pages_node(nid, GFP_KERNEL | GFP_THISNODE, 0);
		KT_ASSERT_NONNULL(page);
		KT_ASSERT_INT_EQ(page_to_nid(page), nid);
		p = page_address(page);
		for (k = 0; k < PAGE_SIZE; k++)
			p[k] = (unsigned char)(k * 7 + nid);
		for (k = 0; k < PAGE_SIZE; k++)
			KT_ASSERT_INT_EQ(p[k], (unsigned char)(k * 7 + nid));
		__free_page(page);
	}
}

KTEST(zero_page_is_reserved_zero_filled_on_node_0)
{
	struct page *zero;
	unsigned long *p;
	unsigned long pfn;
	int i;

	mmt_boot(2, 16 * MiB);
	zero = ZERO_PAGE(0x1000UL);
	KT_ASSERT_PTR_EQ(zero, ZERO_PAGE(0x7fff0000UL));
	KT_ASSERT(PageReserved(zero));
	KT_ASSERT_INT_EQ(page_to_nid(zero), 0);
	KT_ASSERT_INT_EQ(page_zonenum(zero), ZONE_DMA);
	KT_ASSERT_UINT_EQ(page_to_pfn(zero), 0x100);
	KT_ASSERT_INT_EQ(page_count(zero), 1);
	KT_ASSERT_INT_EQ(page_mapcount(zero), 0);
	KT_ASSERT_PTR_EQ(page_address(zero), empty_zero_page);
	p = page_address(zero);
	for (i = 0; i < PAGE_SIZE / sizeof(*p); i++)
		KT_ASSERT_UINT_EQ(p[i], 0);

	/* The boot reservation: [0, 0x200) of node 0 and nothing else. */
	for (pfn = 0; pfn < 0x200; pfn++)
		KT_ASSERT_MSG(PageReserved(pfn_to_page(pfn)),
			      "pfn %#lx not reserved", pfn);
	for (pfn = 0x200; pfn < max_pfn; pfn++)
		KT_ASSERT_MSG(!PageReserved(pfn_to_page(pfn)),
			      "pfn %#lx reserved", pfn);
	KT_ASSERT_UINT_EQ(totalram_pages, max_pfn - 0x200);
}

/* ---- 2006 formulas ----------------------------------------------------------- */

static unsigned long isqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

static int batch_of(unsigned long present)
{
	int batch = present / 1024, b, top = 1;

	if (batch > 128)
		batch = 128;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	b = batch + batch / 2; /* largest 2^n <= b, minus one */
	while (top * 2 <= b)
		top *= 2;
	return top - 1;
}

KTEST(watermarks_follow_2006_formulas)
{
	static const int ratio[MAX_NR_ZONES - 1] = {256, 256};
	unsigned long total = 0, kbytes, expect_min_kb, pages_min;
	struct zone *zone;
	int nid, i, j, cpu;

	/* node 0: DMA + DMA32; node 1: DMA32 [3G,4G) + NORMAL [4G,6G) */
	mmt_boot(2, 3 * GiB);

	for_each_zone(zone)
		total += zone->present_pages;
	KT_ASSERT_UINT_EQ(total, 6 * GiB >> PAGE_SHIFT);
	kbytes = total * 4;
	expect_min_kb = isqrt(kbytes * 16);
	if (expect_min_kb < 128)
		expect_min_kb = 128;
	if (expect_min_kb > 65536)
		expect_min_kb = 65536;
	KT_ASSERT_UINT_EQ(min_free_kbytes, expect_min_kb);
	KT_ASSERT_UINT_EQ(min_free_kbytes, 10033); /* sqrt(6 GiB in kB * 16) */
	pages_min = expect_min_kb >> 2;

	for_each_zone(zone) {
		unsigned long tmp = pages_min * zone->present_pages / total;

		KT_ASSERT_UINT_EQ(zone->pages_min, tmp);
		KT_ASSERT_UINT_EQ(zone->pages_low, tmp + tmp / 4);
		KT_ASSERT_UINT_EQ(zone->pages_high, tmp + tmp / 2);
	}

	/* lowmem_reserve[j] of zone i < j: zones i+1..j over ratio[i] */
	for (nid = 0; nid < 2; nid++) {
		struct zone *zones = NODE_DATA(nid)->node_zones;

		for (i = 0; i < MAX_NR_ZONES; i++)
			for (j = 0; j < MAX_NR_ZONES; j++) {
				unsigned long sum = 0;
				int k;

				for (k = i + 1; k <= j; k++)
					sum += zones[k].present_pages;
				KT_ASSERT_MSG(
					zones[i].lowmem_reserve[j] ==
						(j > i ? sum / ratio[i] : 0),
					"node %d zone %d reserve[%d] = %lu",
					nid, i, j, zones[i].lowmem_reserve[j]);
			}
	}
	/* node 1's DMA32 holds NORMAL/256 back from NORMAL allocations */
	KT_ASSERT_UINT_EQ(NODE_DATA(1)
				  ->node_zones[ZONE_DMA32]
				  .lowmem_reserve[ZONE_NORMAL],
			  (2 * GiB >> PAGE_SHIFT) / 256);

	/* per-CPU lists: hot 6*batch/batch, cold 2*batch/max(1,batch/2) */
	for_each_zone(zone) {
		int batch;

		if (!populated_zone(zone))
			continue;
		batch = batch_of(zone->present_pages);
		for_each_online_cpu(cpu) {
			struct per_cpu_pageset *ps = zone_pcp(zone, cpu);

			KT_ASSERT_INT_EQ(ps->pcp[0].high, 6 * batch);
			KT_ASSERT_INT_EQ(ps->pcp[0].batch, batch ? batch : 1);
			KT_ASSERT_INT_EQ(ps->pcp[1].high, 2 * batch);
			KT_ASSERT_INT_EQ(ps->pcp[1].batch,
					 batch / 2 ? batch / 2 : 1);
		}
	}
	/* 512 KiB is the cap: 128 pages / 4 = 32 -> 31 */
	KT_ASSERT_INT_EQ(zone_pcp(&NODE_DATA(1)->node_zones[ZONE_NORMAL], 0)
				 ->pcp[0]
				 .batch,
			 31);
}

static void expect_zonelist(int nid, enum zone_type type, const int *want,
			    int n)
{
	struct zonelist *zl = NODE_DATA(nid)->node_zonelists + type;
	int i;

	for (i = 0; i < n; i++) {
		struct zone *z = zl->zones[i];

		KT_ASSERT_MSG(z != NULL, "node %d zonelist %d ends at %d", nid,
			      type, i);
		KT_ASSERT_MSG(z->zone_pgdat->node_id == want[2 * i] &&
				      zone_idx(z) == want[2 * i + 1],
			      "node %d zonelist %d entry %d is node %d zone %s",
			      nid, type, i, z->zone_pgdat->node_id, z->name);
	}
	KT_ASSERT_MSG(zl->zones[n] == NULL, "node %d zonelist %d is too long",
		      nid, type);
}

KTEST(zonelists_follow_2006_zone_order)
{
	static const int n0_normal[] = {0, ZONE_DMA32,	0, ZONE_DMA,
					1, ZONE_NORMAL, 1, ZONE_DMA32};
	static const int n1_normal[] = {1, ZONE_NORMAL, 1, ZONE_DMA32,
					0, ZONE_DMA32,	0, ZONE_DMA};
	static const int n1_dma32[] = {1,	   ZONE_DMA32, 0,
				       ZONE_DMA32, 0,	       ZONE_DMA};
	static const int n1_dma[] = {0, ZONE_DMA};

	mmt_boot(2, 3 * GiB);
	expect_zonelist(0, ZONE_NORMAL, n0_normal, 4);
	expect_zonelist(1, ZONE_NORMAL, n1_normal, 4);
	expect_zonelist(1, ZONE_DMA32, n1_dma32, 3);
	expect_zonelist(1, ZONE_DMA, n1_dma, 1);
}

/*
 * find_next_best_node() on an all-equal SLIT: local first, then the
 * nodes above (the "next node" rule), then node_load spreads the rest
 * round-robin.
 */
KTEST(zonelists_follow_2006_node_order)
{
	static const int order[4][4] = {
		{0, 1, 2, 3},
		{1, 2, 3, 0},
		{2, 3, 0, 1},
		{3, 0, 1, 2},
	};
	int nid, i;

	mmt_boot(4, 16 * MiB);
	for (nid = 0; nid < 4; nid++) {
		struct zonelist *zl =
			NODE_DATA(nid)->node_zonelists + ZONE_NORMAL;

		for (i = 0; i < 4; i++)
			KT_ASSERT_MSG(
				zl->zones[i] &&
					zl->zones[i]->zone_pgdat->node_id ==
						order[nid][i],
				"node %d fallback %d is node %d", nid, i,
				zl->zones[i] ? zl->zones[i]->zone_pgdat->node_id
					     : -1);
		KT_ASSERT_NULL(zl->zones[4]);
	}
	KT_ASSERT_INT_EQ(node_distance(0, 0), 10);
	KT_ASSERT_INT_EQ(node_distance(1, 3), 20);
}

/* ---- /proc ---------------------------------------------------------------------- */

static char proc_buf[32768];
static unsigned long proc_len;

static void collect(void *ctx, const char *text, unsigned long len)
{
	KT_ASSERT(proc_len + len < sizeof(proc_buf));
	memcpy(proc_buf + proc_len, text, len);
	proc_len += len;
	proc_buf[proc_len] = 0;
}

static const char *show(const char *name)
{
	proc_len = 0;
	proc_buf[0] = 0;
	KT_ASSERT_INT_EQ(sim_proc_show(name, collect, NULL), 0);
	return proc_buf;
}

static void expect_text(const char *name, const char *want)
{
	const char *got = show(name);

	if (strcmp(got, want)) {
		sim_ktest_note("--- expected /proc/%s\n%s--- got\n%s", name,
			       want, got);
		KT_ASSERT_MSG(0, "/proc/%s differs from the golden text", name);
	}
}

static const char golden_zoneinfo[] = "Node 0, zone      DMA\n"
				      "  pages free     3584\n"
				      "        min      64\n"
				      "        low      80\n"
				      "        high     96\n"
				      "        active   0\n"
				      "        inactive 0\n"
				      "        scanned  0 (a: 0 i: 0)\n"
				      "        spanned  4096\n"
				      "        present  4096\n"
				      "    nr_anon_pages 0\n"
				      "    nr_mapped    0\n"
				      "    nr_file_pages 0\n"
				      "    nr_slab_reclaimable 0\n"
				      "    nr_slab_unreclaimable 0\n"
				      "    nr_page_table_pages 0\n"
				      "    nr_dirty     0\n"
				      "    nr_writeback 0\n"
				      "    nr_unstable  0\n"
				      "    nr_bounce    0\n"
				      "    nr_vmscan_write 0\n"
				      "    numa_hit     0\n"
				      "    numa_miss    0\n"
				      "    numa_foreign 0\n"
				      "    numa_interleave 0\n"
				      "    numa_local   0\n"
				      "    numa_other   0\n"
				      "        protection: (0, 48, 48)\n"
				      "  pagesets\n"
				      "  all_unreclaimable: 0\n"
				      "  prev_priority:     12\n"
				      "  start_pfn:         0\n"
				      "Node 0, zone    DMA32\n"
				      "  pages free     12285\n"
				      "        min      192\n"
				      "        low      240\n"
				      "        high     288\n"
				      "        active   0\n"
				      "        inactive 0\n"
				      "        scanned  0 (a: 0 i: 0)\n"
				      "        spanned  12288\n"
				      "        present  12288\n"
				      "    nr_anon_pages 0\n"
				      "    nr_mapped    0\n"
				      "    nr_file_pages 0\n"
				      "    nr_slab_reclaimable 0\n"
				      "    nr_slab_unreclaimable 0\n"
				      "    nr_page_table_pages 0\n"
				      "    nr_dirty     0\n"
				      "    nr_writeback 0\n"
				      "    nr_unstable  0\n"
				      "    nr_bounce    0\n"
				      "    nr_vmscan_write 0\n"
				      "    numa_hit     1\n"
				      "    numa_miss    0\n"
				      "    numa_foreign 0\n"
				      "    numa_interleave 0\n"
				      "    numa_local   1\n"
				      "    numa_other   0\n"
				      "        protection: (0, 0, 0)\n"
				      "  pagesets\n"
				      "    cpu: 0 pcp: 0\n"
				      "              count: 2\n"
				      "              high:  18\n"
				      "              batch: 3\n"
				      "    cpu: 0 pcp: 1\n"
				      "              count: 0\n"
				      "              high:  6\n"
				      "              batch: 1\n"
				      "  vm stats threshold: 2\n"
				      "  all_unreclaimable: 0\n"
				      "  prev_priority:     12\n"
				      "  start_pfn:         4096\n";

static const char golden_buddyinfo[] =
	"Node 0, zone      DMA      0      0      0      0      0      0      "
	"0      0      0      1      3 \n"
	"Node 0, zone    DMA32      1      0      1      1      1      1      "
	"1      1      1      1     11 \n";

/*
 * 64 MiB, one node, one CPU: DMA [0, 16 MiB) less the 2 MiB boot
 * reservation, DMA32 [16, 64 MiB).  One GFP_KERNEL page is allocated:
 * DMA32's hot list is refilled with a batch of 3 and keeps 2.
 */
KTEST(proc_zoneinfo_and_buddyinfo_match_golden_text)
{
	struct page *page;

	mmt_boot(1, 64 * MiB);
	page = alloc_page(GFP_KERNEL);
	KT_ASSERT_NONNULL(page);
	expect_text("zoneinfo", golden_zoneinfo);
	expect_text("buddyinfo", golden_buddyinfo);

	KT_ASSERT(!strncmp(show("vmstat"), "nr_anon_pages 0\n", 16));
	KT_ASSERT(contains(proc_buf, "\nnuma_hit 1\n"));
	KT_ASSERT(contains(proc_buf, "\npgalloc_dma32 1\n"));
	KT_ASSERT(contains(proc_buf, "\npgrotated 0\n"));
	KT_ASSERT(contains(show("meminfo"), "MemTotal:        63488 kB\n"));
	KT_ASSERT(contains(proc_buf, "MemFree:         63476 kB\n"));
	KT_ASSERT(contains(proc_buf, "PageTables:          0 kB\n"));
	KT_ASSERT_INT_EQ(sim_proc_show("slabinfo", collect, NULL), -1);
	__free_page(page);
}

/* ---- a big machine ------------------------------------------------------------- */

KTEST(boot_four_nodes_of_4g)
{
	unsigned long long t0 = __builtin_ia32_rdtsc(), t1;
	int nid;

	mmt_boot(4, 4 * GiB);
	t1 = __builtin_ia32_rdtsc();
	sim_ktest_note("boot_4x4G_tsc_cycles=%llu", t1 - t0);

	KT_ASSERT_INT_EQ(sim_nr_nodes(), 4);
	KT_ASSERT_UINT_EQ(max_pfn, 4 * (4 * GiB >> PAGE_SHIFT));
	for (nid = 0; nid < 4; nid++) {
		KT_ASSERT_UINT_EQ(sim_node_present_pages(nid),
				  4 * GiB >> PAGE_SHIFT);
		KT_ASSERT_UINT_EQ(sim_node_free_pages(nid),
				  (4 * GiB >> PAGE_SHIFT) - (nid ? 0 : 0x200));
	}
	KT_ASSERT_UINT_EQ(nr_free_pages(), max_pfn - 0x200);
	KT_ASSERT_UINT_EQ(totalram_pages, max_pfn - 0x200);
}
