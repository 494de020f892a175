/*
 * tests/kernel/test_lru.c - the LRU half of mm/swap.c: pagevec batching
 * of lru_cache_add, draining this CPU's and every CPU's pagevecs, the
 * active list, mark_page_accessed, and freeing the last reference of a
 * page on the LRU.
 */
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/swap.h>
#include <linux/pagemap.h>
#include <linux/pagevec.h>
#include <linux/migrate.h>
#include <linux/sched.h>
#include <sim/kernel.h>
#include <sim/ktest.h>

void drain_all_pages(void);

static void boot(void)
{
	struct sim_machine_config cfg;
	char err[256];

	sim_machine_defaults(&cfg, 2, 64 << 20);
	KT_ASSERT_MSG(sim_kernel_boot(&cfg, err, sizeof(err)) == 0, "boot: %s",
		      err);
}

static struct page *new_page(int nid)
{
	struct page *page = alloc_pages_node(nid, GFP_HIGHUSER, 0);

	KT_ASSERT_NONNULL(page);
	KT_ASSERT_INT_EQ(page_count(page), 1);
	return page;
}

static int on_list(struct list_head *head, struct page *page)
{
	struct page *p;

	list_for_each_entry(p, head, lru)
		if (p == page)
			return 1;
	return 0;
}

KTEST(lru_cache_add_leaves_page_off_the_lru_until_drained)
{
	struct page *page;
	struct zone *zone;
	unsigned long inactive;

	boot();
	page = new_page(0);
	zone = page_zone(page);
	inactive = zone->nr_inactive;

	lru_cache_add(page);
	KT_ASSERT_INT_EQ(page_count(page), 2); /* the pagevec's reference */
	KT_ASSERT(!PageLRU(page));
	KT_ASSERT(!on_list(&zone->inactive_list, page));

	lru_add_drain();
	KT_ASSERT(PageLRU(page));
	KT_ASSERT(!PageActive(page));
	KT_ASSERT(on_list(&zone->inactive_list, page));
	KT_ASSERT_INT_EQ(zone->nr_inactive, inactive + 1);
	KT_ASSERT_INT_EQ(page_count(page), 1); /* back to the caller's */
}

KTEST(lru_cache_add_active_puts_page_on_the_active_list)
{
	struct page *page;
	struct zone *zone;
	unsigned long active;

	boot();
	page = new_page(0);
	zone = page_zone(page);
	active = zone->nr_active;

	lru_cache_add_active(page);
	KT_ASSERT(!PageLRU(page));
	lru_add_drain();
	KT_ASSERT(PageLRU(page));
	KT_ASSERT(PageActive(page));
	KT_ASSERT(on_list(&zone->active_list, page));
	KT_ASSERT_INT_EQ(zone->nr_active, active + 1);
	KT_ASSERT_INT_EQ(page_count(page), 1);
}

KTEST(full_pagevec_goes_to_the_lru_without_a_drain)
{
	struct page *pages[PAGEVEC_SIZE];
	int i;

	boot();
	for (i = 0; i < PAGEVEC_SIZE; i++)
		pages[i] = new_page(0);
	for (i = 0; i < PAGEVEC_SIZE - 1; i++)
		lru_cache_add(pages[i]);
	for (i = 0; i < PAGEVEC_SIZE - 1; i++)
		KT_ASSERT(!PageLRU(pages[i]));
	lru_cache_add(pages[PAGEVEC_SIZE - 1]); /* fills the pagevec */
	for (i = 0; i < PAGEVEC_SIZE; i++) {
		KT_ASSERT(PageLRU(pages[i]));
		KT_ASSERT_INT_EQ(page_count(pages[i]), 1);
	}
}

struct adder {
	int pid;
	struct page *page;
};

static void add_on_cpu1(void *arg)
{
	struct adder *a = arg;

	sim_task_enter(a->pid);
	lru_cache_add(a->page);
}

static int kthread_on(const char *name, int cpu)
{
	struct sim_task_config tc = {.name = name, .cpu = cpu};
	int pid = sim_task_create(&tc, 1);

	KT_ASSERT_MSG(pid > 0, "task %s: %d", name, pid);
	return pid;
}

KTEST(lru_add_drain_all_drains_the_pagevecs_of_other_cpus)
{
	struct adder a;
	long t;

	boot();
	KT_ASSERT(sim_nr_cpus() >= 2);
	KT_ASSERT_INT_EQ(smp_processor_id(), 0);
	a.pid = kthread_on("adder", 1);
	a.page = new_page(0);
	t = sim_thread_spawn("adder", a.pid, 1, add_on_cpu1, &a);
	sim_thread_join(t);

	/* in cpu 1's pagevec: a drain of cpu 0 does not see it */
	KT_ASSERT_INT_EQ(page_count(a.page), 2);
	lru_add_drain();
	KT_ASSERT(!PageLRU(a.page));

	KT_ASSERT_INT_EQ(lru_add_drain_all(), 0);
	KT_ASSERT(PageLRU(a.page));
	KT_ASSERT_INT_EQ(page_count(a.page), 1);
}

KTEST(isolate_lru_page_takes_a_drained_page_but_not_an_undrained_one)
{
	struct page *drained, *pending;
	LIST_HEAD(pagelist);

	boot();
	drained = new_page(0);
	lru_cache_add(drained);
	lru_add_drain();
	pending = new_page(0);
	lru_cache_add(pending);

	KT_ASSERT_INT_EQ(isolate_lru_page(pending, &pagelist), -EBUSY);
	KT_ASSERT(list_empty(&pagelist));

	KT_ASSERT_INT_EQ(isolate_lru_page(drained, &pagelist), 0);
	KT_ASSERT(!PageLRU(drained));
	KT_ASSERT_INT_EQ(page_count(drained), 2); /* isolation reference */
	KT_ASSERT(on_list(&pagelist, drained));
	KT_ASSERT(!on_list(&page_zone(drained)->inactive_list, drained));
}

KTEST(last_put_page_of_an_lru_page_takes_it_off_the_lru_and_frees_it)
{
	struct page *page;
	struct zone *zone;
	unsigned long inactive, free;

	boot();
	page = new_page(0);
	zone = page_zone(page);
	lru_cache_add(page);
	lru_add_drain();
	inactive = zone->nr_inactive;
	drain_all_pages();
	free = zone->free_pages;

	put_page(page);
	KT_ASSERT(!PageLRU(page));
	KT_ASSERT_INT_EQ(zone->nr_inactive, inactive - 1);
	KT_ASSERT_INT_EQ(page_count(page), 0);
	drain_all_pages();
	KT_ASSERT_INT_EQ(zone->free_pages, free + 1);
}

KTEST(page_whose_last_reference_was_the_pagevecs_is_freed_at_drain)
{
	struct page *page;
	struct zone *zone;
	unsigned long inactive, free;

	boot();
	page = new_page(0);
	zone = page_zone(page);
	inactive = zone->nr_inactive;
	lru_cache_add(page);
	put_page(page); /* the caller lets go before the drain */
	KT_ASSERT_INT_EQ(page_count(page), 1);
	drain_all_pages();
	free = zone->free_pages;

	lru_add_drain(); /* release_pages drops the last reference */
	KT_ASSERT_INT_EQ(page_count(page), 0);
	KT_ASSERT(!PageLRU(page));
	KT_ASSERT_INT_EQ(zone->nr_inactive, inactive);
	drain_all_pages();
	KT_ASSERT_INT_EQ(zone->free_pages, free + 1);
}

KTEST(mark_page_accessed_twice_activates_an_inactive_page)
{
	struct page *page;
	struct zone *zone;
	unsigned long active, inactive, activations;

	boot();
	page = new_page(0);
	zone = page_zone(page);
	lru_cache_add(page);
	lru_add_drain();
	active = zone->nr_active;
	inactive = zone->nr_inactive;
	activations = vm_events[PGACTIVATE].counter;

	mark_page_accessed(page);
	KT_ASSERT(PageReferenced(page));
	KT_ASSERT(!PageActive(page));

	mark_page_accessed(page);
	KT_ASSERT(PageActive(page));
	KT_ASSERT(!PageReferenced(page));
	KT_ASSERT(on_list(&zone->active_list, page));
	KT_ASSERT_INT_EQ(zone->nr_active, active + 1);
	KT_ASSERT_INT_EQ(zone->nr_inactive, inactive - 1);
	KT_ASSERT_INT_EQ(vm_events[PGACTIVATE].counter, activations + 1);
}

KTEST(pagevec_release_drops_references_and_frees_the_last)
{
	struct pagevec pvec;
	struct page *keep, *drop;

	boot();
	keep = new_page(0);
	drop = new_page(0);
	get_page(keep);
	pagevec_init(&pvec, 0);
	pagevec_add(&pvec, keep);
	pagevec_add(&pvec, drop);
	pagevec_release(&pvec);
	KT_ASSERT_INT_EQ(pagevec_count(&pvec), 0);
	KT_ASSERT_INT_EQ(page_count(keep), 1);
	KT_ASSERT_INT_EQ(page_count(drop), 0);
}
