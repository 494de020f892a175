/*
 * tests/kernel/test_page_alloc.c - the 2.6.20 buddy allocator
 * (mm/page_alloc.c, mm/swap.c): exact buddy state after alloc/free
 * cycles, __GFP_THISNODE, NUMA fallback order, zone placement, page
 * flag and reference helpers, and concurrent allocation from real
 * threads.  Each test boots its own machine.
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

/* ---- buddy state snapshots ------------------------------------------------ */

struct buddy_state {
	unsigned long nr_free[MAX_NUMNODES][MAX_NR_ZONES][MAX_ORDER];
	unsigned long free_pages[MAX_NUMNODES][MAX_NR_ZONES];
};

static struct buddy_state before, after;

/* Drain every CPU's lists, then record every zone's free areas. */
static void snapshot(struct buddy_state *s)
{
	struct zone *zone;

	drain_all_pages();
	memset(s, 0, sizeof(*s));
	for_each_zone(zone) {
		int nid = zone->zone_pgdat->node_id, z = zone_idx(zone);
		unsigned long sum = 0;
		int o;

		for (o = 0; o < MAX_ORDER; o++) {
			s->nr_free[nid][z][o] = zone->free_area[o].nr_free;
			sum += zone->free_area[o].nr_free << o;
		}
		s->free_pages[nid][z] = zone->free_pages;
		KT_ASSERT_MSG(sum == zone->free_pages,
			      "node %d zone %s: free lists hold %lu pages, "
			      "free_pages says %lu",
			      nid, zone->name, sum, zone->free_pages);
	}
}

static void assert_same_state(const struct buddy_state *a,
			      const struct buddy_state *b)
{
	int n, z, o;

	for (n = 0; n < MAX_NUMNODES; n++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			KT_ASSERT_MSG(
				a->free_pages[n][z] == b->free_pages[n][z],
				"node %d zone %d free_pages %lu != %lu", n, z,
				a->free_pages[n][z], b->free_pages[n][z]);
			for (o = 0; o < MAX_ORDER; o++)
				KT_ASSERT_MSG(a->nr_free[n][z][o] ==
						      b->nr_free[n][z][o],
					      "node %d zone %d order %d: "
					      "nr_free %lu != %lu",
					      n, z, o, a->nr_free[n][z][o],
					      b->nr_free[n][z][o]);
		}
}

/* ---- alloc/free cycles ----------------------------------------------------- */

KTEST(alloc_free_of_every_page_order0_restores_buddy_state)
{
	struct page **pages;
	unsigned long total, n = 0, i;

	mmt_boot(2, 32 * MiB);
	current->flags |= PF_MEMALLOC; /* may take every page */
	snapshot(&before);
	total = nr_free_pages();
	KT_ASSERT(total > 0);

	pages = sim_host_alloc((total + 1) * sizeof(*pages));
	while ((pages[n] = alloc_page(GFP_KERNEL | __GFP_NORETRY |
				      __GFP_NOWARN)) != NULL) {
		KT_ASSERT_MSG(n < total, "more pages than were free");
		n++;
	}
	KT_ASSERT_UINT_EQ(n, total);
	KT_ASSERT_UINT_EQ(nr_free_pages(), 0);

	/* Free in an interleaved order so that merging is exercised. */
	for (i = 0; i < n; i += 2)
		__free_page(pages[i]);
	for (i = 1; i < n; i += 2)
		put_page(pages[i]);

	snapshot(&after);
	assert_same_state(&before, &after);
	sim_host_free(pages);
}

struct block {
	struct page *page;
	unsigned int order;
	int comp;
};

KTEST(alloc_free_of_every_page_mixed_orders_restores_buddy_state)
{
	struct block *blocks;
	unsigned long total, n = 0, pages = 0, i;
	unsigned int order, attempt = 0;

	mmt_boot(2, 32 * MiB);
	current->flags |= PF_MEMALLOC;
	snapshot(&before);
	total = nr_free_pages();

	blocks = sim_host_alloc((total + 1) * sizeof(*blocks));
	for (;;) {
		struct page *page = NULL;
		int comp = attempt % 3 == 0;

		/* orders 0..10 in a scrambled sequence, smaller on failure */
		order = (attempt * 7) % MAX_ORDER;
		attempt++;
		for (;;) {
			gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;

			if (comp && order)
				gfp |= __GFP_COMP;
			page = alloc_pages(gfp, order);
			if (page || !order)
				break;
			order--;
		}
		if (!page)
			break;
		KT_ASSERT_MSG(!(page_to_pfn(page) & ((1UL << order) - 1)),
			      "order %u block at unaligned pfn %#lx", order,
			      page_to_pfn(page));
		blocks[n].page = page;
		blocks[n].order = order;
		blocks[n].comp = comp && order;
		n++;
		pages += 1UL << order;
	}
	KT_ASSERT_UINT_EQ(pages, total);

	/* Free back to front in two interleaved passes. */
	for (i = n; i-- > 0;) {
		if (i % 2)
			continue;
		if (blocks[i].comp)
			put_page(blocks[i].page);
		else
			__free_pages(blocks[i].page, blocks[i].order);
	}
	for (i = 1; i < n; i += 2) {
		if (blocks[i].comp)
			put_page(blocks[i].page);
		else
			__free_pages(blocks[i].page, blocks[i].order);
	}

	snapshot(&after);
	assert_same_state(&before, &after);
	sim_host_free(blocks);
}

/* ---- NUMA placement -------------------------------------------------------- */

KTEST(thisnode_returns_null_instead_of_falling_back)
{
	struct page **pages;
	unsigned long node1_free, n = 0, cap, i;
	unsigned long warns = sim_warn_count();
	struct page *page;

	mmt_boot(2, 16 * MiB);
	node1_free = sim_node_free_pages(1);
	cap = sim_node_present_pages(0) + 1;
	pages = sim_host_alloc(cap * sizeof(*pages));

	while ((page = alloc_pages_node(0, GFP_KERNEL | GFP_THISNODE, 0))) {
		KT_ASSERT_INT_EQ(page_to_nid(page), 0);
		KT_ASSERT(n < cap);
		pages[n++] = page;
	}
	KT_ASSERT(n > 0);
	/* Node 0 is exhausted down to its low watermark, node 1 untouched. */
	KT_ASSERT_NULL(alloc_pages_node(0, GFP_KERNEL | GFP_THISNODE, 0));
	KT_ASSERT_UINT_EQ(sim_node_free_pages(1), node1_free);
	KT_ASSERT_UINT_EQ(sim_warn_count(), warns);

	/* Without __GFP_THISNODE the same request falls back to node 1. */
	page = alloc_pages_node(0, GFP_KERNEL | __GFP_NOWARN, 0);
	KT_ASSERT_NONNULL(page);
	KT_ASSERT_INT_EQ(page_to_nid(page), 1);
	__free_page(page);

	for (i = 0; i < n; i++)
		__free_page(pages[i]);
	sim_host_free(pages);
}

KTEST(fallback_follows_slit_distance_order)
{
	static const int expect[] = {0, 3, 1, 2};
	struct sim_machine_config cfg;
	struct page **pages;
	struct zonelist *zl;
	int seen[8], nseen = 0, last = -1, i;
	unsigned long n = 0, cap;
	struct page *page;

	sim_machine_defaults(&cfg, 4, 16 * MiB);
	/* From node 0: node 3 is nearest, then node 1, then node 2. */
	cfg.distance[0][3] = 12;
	cfg.distance[0][1] = 15;
	cfg.distance[0][2] = 20;
	cfg.distance[3][0] = 12;
	cfg.distance[1][0] = 15;
	mmt_boot_cfg(&cfg);

	zl = NODE_DATA(0)->node_zonelists + ZONE_NORMAL;
	for (i = 0; i < 4; i++) {
		KT_ASSERT_NONNULL(zl->zones[i]);
		KT_ASSERT_INT_EQ(zl->zones[i]->zone_pgdat->node_id, expect[i]);
	}
	KT_ASSERT_NULL(zl->zones[4]);

	cap = 4 * (16 * MiB >> PAGE_SHIFT);
	pages = sim_host_alloc(cap * sizeof(*pages));
	/* Allocate on CPU 0 (node 0) until nothing is left. */
	while ((page = alloc_page(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN))) {
		int nid = page_to_nid(page);

		KT_ASSERT(n < cap);
		pages[n++] = page;
		if (nid != last && nseen < 8)
			seen[nseen++] = nid;
		last = nid;
	}
	/* Low-watermark pass over 0,3,1,2, then the min-watermark pass. */
	KT_ASSERT_INT_EQ(nseen, 8);
	for (i = 0; i < 8; i++)
		KT_ASSERT_MSG(seen[i] == expect[i % 4],
			      "transition %d went to node %d, expected %d", i,
			      seen[i], expect[i % 4]);
	for (i = 0; i < n; i++)
		__free_page(pages[i]);
	sim_host_free(pages);
}

KTEST(gfp_dma32_below_4g_and_gfp_dma_below_16m)
{
	static struct page *pages[3][1000];
	int i, k;

	mmt_boot(1, 8 * GiB);
	for (i = 0; i < 1000; i++) {
		pages[0][i] = alloc_pages(GFP_KERNEL | GFP_DMA, 0);
		pages[1][i] = alloc_pages(GFP_KERNEL | GFP_DMA32, i % 4);
		pages[2][i] = alloc_pages(GFP_KERNEL, 0);
		KT_ASSERT_NONNULL(pages[0][i]);
		KT_ASSERT_NONNULL(pages[1][i]);
		KT_ASSERT_NONNULL(pages[2][i]);
		KT_ASSERT_MSG(page_to_pfn(pages[0][i]) < 0x1000,
			      "GFP_DMA page at pfn %#lx",
			      page_to_pfn(pages[0][i]));
		KT_ASSERT_INT_EQ(page_zonenum(pages[0][i]), ZONE_DMA);
		KT_ASSERT_MSG(page_to_pfn(pages[1][i]) + (1UL << (i % 4)) <=
				      0x100000,
			      "GFP_DMA32 block at pfn %#lx",
			      page_to_pfn(pages[1][i]));
		/* DMA32 has plenty: the DMA zone is not touched for it */
		KT_ASSERT_INT_EQ(page_zonenum(pages[1][i]), ZONE_DMA32);
		KT_ASSERT_MSG(page_to_pfn(pages[2][i]) >= 0x100000,
			      "GFP_KERNEL page at pfn %#lx, not ZONE_NORMAL",
			      page_to_pfn(pages[2][i]));
	}
	for (k = 0; k < 3; k++)
		for (i = 0; i < 1000; i++)
			__free_pages(pages[k][i], k == 1 ? i % 4 : 0);
}

/* ---- page helpers ------------------------------------------------------------ */

KTEST(page_flag_and_refcount_helpers)
{
	struct page *page;
	struct zone *zone;
	static int anon_vma_stand_in;
	unsigned long free_before;

	mmt_boot(1, 16 * MiB);
	free_before = nr_free_pages();
	page = alloc_page(GFP_KERNEL);
	KT_ASSERT_NONNULL(page);
	zone = page_zone(page);

	/* Fresh page: one reference, no mappings, no state. */
	KT_ASSERT_INT_EQ(page_count(page), 1);
	KT_ASSERT_INT_EQ(atomic_read(&page->_mapcount), -1);
	KT_ASSERT_INT_EQ(page_mapcount(page), 0);
	KT_ASSERT(!page_mapped(page));
	KT_ASSERT_NULL(page->mapping);
	KT_ASSERT_UINT_EQ(page_private(page), 0);
	KT_ASSERT(!PageLRU(page) && !PageLocked(page) && !PageBuddy(page));
	KT_ASSERT(!PageReserved(page) && !PageCompound(page));

	/* Reference counts. */
	get_page(page);
	KT_ASSERT_INT_EQ(page_count(page), 2);
	KT_ASSERT(!put_page_testzero(page));
	KT_ASSERT_INT_EQ(page_count(page), 1);
	KT_ASSERT(get_page_unless_zero(page));
	put_page(page);
	KT_ASSERT_INT_EQ(page_count(page), 1);

	/* Map counts. */
	atomic_inc(&page->_mapcount);
	KT_ASSERT_INT_EQ(page_mapcount(page), 1);
	KT_ASSERT(page_mapped(page));
	reset_page_mapcount(page);
	KT_ASSERT(!page_mapped(page));

	/* Anonymous pages: the low bit of ->mapping. */
	KT_ASSERT(!PageAnon(page));
	page->mapping =
		(void *)((unsigned long)&anon_vma_stand_in | PAGE_MAPPING_ANON);
	KT_ASSERT(PageAnon(page));
	KT_ASSERT_NULL(page_mapping(page));
	page->index = 42;
	KT_ASSERT_UINT_EQ(page_index(page), 42);

	/* Swap cache: swapper_space and the entry in ->private. */
	page->mapping = NULL;
	SetPageSwapCache(page);
	set_page_private(page, 0x1234);
	KT_ASSERT_PTR_EQ(page_mapping(page), &swapper_space);
	KT_ASSERT_UINT_EQ(page_index(page), 0x1234);
	ClearPageSwapCache(page);
	set_page_private(page, 0);
	KT_ASSERT_NULL(page_mapping(page));

	/* Flag helpers: plain, test-and-set, test-and-clear. */
	KT_ASSERT(!TestSetPageLocked(page));
	KT_ASSERT(TestSetPageLocked(page));
	KT_ASSERT(PageLocked(page));
	ClearPageLocked(page);
	KT_ASSERT(!PageLocked(page));
	SetPageDirty(page);
	KT_ASSERT(PageDirty(page));
	KT_ASSERT(TestClearPageDirty(page));
	KT_ASSERT(!TestClearPageDirty(page));
	SetPageReferenced(page);
	KT_ASSERT(TestClearPageReferenced(page));
	SetPageUptodate(page);
	KT_ASSERT(PageUptodate(page));
	SetPageActive(page);
	KT_ASSERT(PageActive(page));
	ClearPageActive(page);

	/* The writeback setters keep NR_WRITEBACK. */
	KT_ASSERT_UINT_EQ(zone_page_state(zone, NR_WRITEBACK), 0);
	SetPageWriteback(page);
	KT_ASSERT(PageWriteback(page));
	KT_ASSERT_UINT_EQ(zone_page_state(zone, NR_WRITEBACK), 1);
	KT_ASSERT_UINT_EQ(global_page_state(NR_WRITEBACK), 1);
	KT_ASSERT(TestClearPageWriteback(page));
	KT_ASSERT_UINT_EQ(zone_page_state(zone, NR_WRITEBACK), 0);

	/* Node and zone ids survive all of that. */
	KT_ASSERT_INT_EQ(page_to_nid(page), 0);
	KT_ASSERT_PTR_EQ(page_zone(page), zone);

	/* The last put frees it: back on the free lists, no warning. */
	{
		unsigned long warns = sim_warn_count();

		put_page(page);
		KT_ASSERT_INT_EQ(page_count(page), 0);
		KT_ASSERT_UINT_EQ(sim_warn_count(), warns);
	}
	drain_all_pages();
	KT_ASSERT_UINT_EQ(nr_free_pages(), free_before);
}

KTEST(gfp_zero_and_split_page)
{
	struct page *page;
	unsigned long *p;
	int i;

	mmt_boot(1, 16 * MiB);
	/* Dirty some memory, free it, then ask for zeroed pages. */
	page = alloc_pages(GFP_KERNEL, 2);
	KT_ASSERT_NONNULL(page);
	memset(page_address(page), 0xa5, 4 * PAGE_SIZE);
	__free_pages(page, 2);

	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	KT_ASSERT_NONNULL(page);
	p = page_address(page);
	for (i = 0; i < 4 * PAGE_SIZE / sizeof(*p); i++)
		KT_ASSERT_MSG(p[i] == 0,
			      "word %d of a __GFP_ZERO block is %#lx", i, p[i]);

	/* split_page: four order-0 pages, each with its own reference. */
	split_page(page, 2);
	for (i = 0; i < 4; i++) {
		KT_ASSERT_INT_EQ(page_count(page + i), 1);
		__free_page(page + i);
	}

	/* get_zeroed_page / free_pages round trip. */
	p = (unsigned long *)get_zeroed_page(GFP_KERNEL);
	KT_ASSERT_NONNULL(p);
	KT_ASSERT_UINT_EQ(p[0] | p[PAGE_SIZE / sizeof(*p) - 1], 0);
	free_pages((unsigned long)p, 0);
}

KTEST(exhausted_noretry_allocation_returns_null_instead_of_looping)
{
	struct page *page;
	unsigned long n = 0;

	mmt_boot(1, 16 * MiB);
	/*
	 * Without PF_MEMALLOC a __GFP_NORETRY request fails at the min mark
	 * (a plain GFP_KERNEL one would call the OOM killer, as in 2006).
	 */
	while ((page = alloc_page(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN)))
		n++;
	KT_ASSERT(n > 0);
	KT_ASSERT(nr_free_pages() > 0); /* the reserve below pages_min */
	KT_ASSERT(sim_event_count("kswapd_wakeup") > 0);
	/* An order-10 request cannot be met at all. */
	KT_ASSERT_NULL(alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN,
				   MAX_ORDER - 1));
	/* The pages are leaked on purpose: the machine dies with the test. */
}

/* ---- concurrency ---------------------------------------------------------------- */

#define NR_WORKERS 2
#define OPS_PER_WORKER 200000
#define HELD 64

static unsigned char *owner; /* owner[pfn]: 0 free, else worker id */
static unsigned long conflicts;
static unsigned long completed_ops;
static unsigned long failed_allocs;

struct worker {
	int id;
	unsigned long seed;
	struct page *held[HELD];
	unsigned int order[HELD];
};

static unsigned long next_rand(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return *seed >> 33;
}

static void claim_block(struct worker *w, struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), i;

	for (i = 0; i < (1UL << order); i++) {
		unsigned char prev = __atomic_exchange_n(&owner[pfn + i], w->id,
							 __ATOMIC_SEQ_CST);
		if (prev)
			__atomic_fetch_add(&conflicts, 1, __ATOMIC_RELAXED);
	}
}

static void release_block(struct worker *w, struct page *page,
			  unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), i;

	for (i = 0; i < (1UL << order); i++) {
		unsigned char prev = __atomic_exchange_n(&owner[pfn + i], 0,
							 __ATOMIC_SEQ_CST);
		if (prev != w->id)
			__atomic_fetch_add(&conflicts, 1, __ATOMIC_RELAXED);
	}
	__free_pages(page, order);
}

static void worker_fn(void *arg)
{
	struct worker *w = arg;
	unsigned long op;
	int i;

	for (op = 0; op < OPS_PER_WORKER; op++) {
		unsigned long r = next_rand(&w->seed);
		int slot = r % HELD;

		if (w->held[slot]) {
			release_block(w, w->held[slot], w->order[slot]);
			w->held[slot] = NULL;
		} else {
			unsigned int order = (r >> 8) % 8 ? 0 : (r >> 12) % 3;
			int nid = (r >> 16) % 2;
			gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
			struct page *page;

			if ((r >> 20) % 4 == 0)
				gfp |= __GFP_COLD;
			page = alloc_pages_node(nid, gfp, order);
			if (!page) {
				__atomic_fetch_add(&failed_allocs, 1,
						   __ATOMIC_RELAXED);
				continue;
			}
			claim_block(w, page, order);
			w->held[slot] = page;
			w->order[slot] = order;
		}
	}
	for (i = 0; i < HELD; i++)
		if (w->held[i])
			release_block(w, w->held[i], w->order[i]);
	__atomic_fetch_add(&completed_ops, op, __ATOMIC_RELAXED);
}

KTEST(concurrent_threads_never_receive_the_same_page)
{
	static struct worker workers[NR_WORKERS];
	long handle[NR_WORKERS];
	int i;

	mmt_boot(2, 64 * MiB);
	snapshot(&before);
	owner = sim_host_alloc(max_pfn);

	for (i = 0; i < NR_WORKERS; i++) {
		workers[i].id = i + 1;
		workers[i].seed = 0x9e3779b97f4a7c15UL * (i + 1);
		handle[i] = sim_thread_spawn(i ? "alloc-b" : "alloc-a", 100 + i,
					     i, worker_fn, &workers[i]);
	}
	for (i = 0; i < NR_WORKERS; i++)
		sim_thread_join(handle[i]);

	sim_ktest_note("concurrent_alloc_ops=%lu conflicts=%lu", completed_ops,
		       conflicts);
	KT_ASSERT_UINT_EQ(conflicts, 0);
	KT_ASSERT_UINT_EQ(failed_allocs, 0);
	KT_ASSERT_UINT_EQ(completed_ops, NR_WORKERS * OPS_PER_WORKER);
	for (i = 0; i < max_pfn; i++)
		KT_ASSERT_MSG(!owner[i], "pfn %#x still owned", i);
	snapshot(&after);
	assert_same_state(&before, &after);
	sim_host_free(owner);
}
