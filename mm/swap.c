/*
 * mm/swap.c - dropping page references (2.6.20).
 *
 * The release side: put_page() with compound pages,
 * __page_cache_release() taking a page off its zone LRU list before it
 * goes back to the allocator, and put_pages_list().  The LRU pagevec
 * functions of this file (lru_cache_add, mark_page_accessed,
 * release_pages ...) follow in the second half.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/swap.h>
#include <linux/pagemap.h>
#include <linux/percpu.h>
#include <linux/pagevec.h>
#include <linux/fs.h>
#include <linux/writeback.h>
#include <linux/vmstat.h>

/*
 * This path almost never happens for VM activity - pages are normally
 * freed via pagevecs.  But it gets used by networking.
 */
static void fastcall __page_cache_release(struct page *page)
{
	if (PageLRU(page)) {
		unsigned long flags;
		struct zone *zone = page_zone(page);

		spin_lock_irqsave(&zone->lru_lock, flags);
		VM_BUG_ON(!PageLRU(page));
		__ClearPageLRU(page);
		del_page_from_lru(zone, page);
		spin_unlock_irqrestore(&zone->lru_lock, flags);
	}
	free_hot_page(page);
}

static void put_compound_page(struct page *page)
{
	page = (struct page *)page_private(page);
	if (put_page_testzero(page)) {
		compound_page_dtor *dtor;

		dtor = get_compound_page_dtor(page);
		(*dtor)(page);
	}
}

void put_page(struct page *page)
{
	if (unlikely(PageCompound(page)))
		put_compound_page(page);
	else if (put_page_testzero(page))
		__page_cache_release(page);
}

/**
 * put_pages_list(): release a list of pages
 *
 * Release a list of pages which are strung together on page.lru.
 */
void put_pages_list(struct list_head *pages)
{
	while (!list_empty(pages)) {
		struct page *victim;

		victim = list_entry(pages->prev, struct page, lru);
		list_del(&victim->lru);
		page_cache_release(victim);
	}
}

/*
 * ---- The LRU half of mm/swap.c (2.6.20) --------------------------------
 *
 * Pages reach the zone LRU lists in batches: lru_cache_add() takes a
 * reference and parks the page in this CPU's pagevec; only when the
 * pagevec fills (PAGEVEC_SIZE) or is drained are the pages put on the
 * lists under zone->lru_lock, after which release_pages() drops the
 * pagevec's references (freeing pages whose last reference that was).
 * The per-CPU pagevecs are protected by owning the simulated CPU
 * (get_cpu_var claims it through the door).
 *
 * Simplifications: the rest of reclaim's helpers come with reclaim
 * (rotate_reclaimable_page is at the end of the file); pages are freed through free_hot_page /
 * free_cold_page, which is what 2006's __pagevec_free did page by page.
 */
/*
 * Activate a page: move it from the inactive to the active list.
 */
void fastcall activate_page(struct page *page)
{
	struct zone *zone = page_zone(page);

	spin_lock_irq(&zone->lru_lock);
	if (PageLRU(page) && !PageActive(page)) {
		del_page_from_inactive_list(zone, page);
		SetPageActive(page);
		add_page_to_active_list(zone, page);
		__count_vm_event(PGACTIVATE);
	}
	spin_unlock_irq(&zone->lru_lock);
}

/*
 * Mark a page as having seen activity.
 *
 * inactive,unreferenced	->	inactive,referenced
 * inactive,referenced		->	active,unreferenced
 * active,unreferenced		->	active,referenced
 */
void fastcall mark_page_accessed(struct page *page)
{
	if (!PageActive(page) && PageReferenced(page) && PageLRU(page)) {
		activate_page(page);
		ClearPageReferenced(page);
	} else if (!PageReferenced(page)) {
		SetPageReferenced(page);
	}
}

/**
 * lru_cache_add: add a page to the page lists
 * @page: the page to add
 */
static DEFINE_PER_CPU(struct pagevec, lru_add_pvecs);
static DEFINE_PER_CPU(struct pagevec, lru_add_active_pvecs);

void fastcall lru_cache_add(struct page *page)
{
	struct pagevec *pvec = &get_cpu_var(lru_add_pvecs);

	page_cache_get(page);
	if (!pagevec_add(pvec, page))
		__pagevec_lru_add(pvec);
	put_cpu_var(lru_add_pvecs);
}

void fastcall lru_cache_add_active(struct page *page)
{
	struct pagevec *pvec = &get_cpu_var(lru_add_active_pvecs);

	page_cache_get(page);
	if (!pagevec_add(pvec, page))
		__pagevec_lru_add_active(pvec);
	put_cpu_var(lru_add_active_pvecs);
}

static void __lru_add_drain(int cpu)
{
	struct pagevec *pvec = &per_cpu(lru_add_pvecs, cpu);

	if (pagevec_count(pvec))
		__pagevec_lru_add(pvec);
	pvec = &per_cpu(lru_add_active_pvecs, cpu);
	if (pagevec_count(pvec))
		__pagevec_lru_add_active(pvec);
}

void lru_add_drain(void)
{
	__lru_add_drain(get_cpu());
	put_cpu();
}

/*
 * 2006 with CONFIG_NUMA: schedule_on_each_cpu(lru_add_drain_per_cpu),
 * which runs lru_add_drain() on every online CPU and waits for all.
 *
 * mmsim runs the work itself, CPU by CPU: it claims the CPU (as the
 * work item owned it while running there), takes that CPU's pagevecs
 * over into pagevecs of its own, and releases the CPU before putting
 * the pages on the LRU.  It must not drain while holding the other CPU:
 * release_pages frees to the running task's own per-CPU lists, which
 * claims this task's CPU too, and two tasks draining each other's CPUs
 * would then wait for each other forever (a deadlock the kernel's
 * per-CPU work items cannot have).  Moving the pages out while the CPU
 * is owned is what makes the drain atomic with respect to that CPU.
 */
int lru_add_drain_all(void)
{
	struct pagevec inactive, active;
	int cpu;

	might_sleep();
	sim_probe("lru_add_drain_all", 0);
	for_each_online_cpu(cpu) {
		struct pagevec *pvec;

		sim_cpu_claim(cpu);
		pvec = &per_cpu(lru_add_pvecs, cpu);
		inactive = *pvec;
		pagevec_reinit(pvec);
		pvec = &per_cpu(lru_add_active_pvecs, cpu);
		active = *pvec;
		pagevec_reinit(pvec);
		sim_cpu_release(cpu);

		if (pagevec_count(&inactive))
			__pagevec_lru_add(&inactive);
		if (pagevec_count(&active))
			__pagevec_lru_add_active(&active);
	}
	return 0;
}

/* 2006's __pagevec_free (mm/page_alloc.c): free each page hot or cold. */
static void lru_pagevec_free(struct pagevec *pvec)
{
	int i = pagevec_count(pvec);

	while (--i >= 0) {
		if (pvec->cold)
			free_cold_page(pvec->pages[i]);
		else
			free_hot_page(pvec->pages[i]);
	}
}

/*
 * Batched page_cache_release().  Decrement the reference count on all the
 * passed pages.  If it fell to zero then remove the page from the LRU and
 * free it.
 *
 * Avoid taking zone->lru_lock if possible, but if it is taken, retain it
 * for the remainder of the operation.
 *
 * The locking in this function is against shrink_cache(): we recheck the
 * page count inside the lock to see whether shrink_cache grabbed the page
 * via the LRU.  If it did, give up: shrink_cache will free it.
 */
void release_pages(struct page **pages, int nr, int cold)
{
	int i;
	struct pagevec pages_to_free;
	struct zone *zone = NULL;

	pagevec_init(&pages_to_free, cold);
	for (i = 0; i < nr; i++) {
		struct page *page = pages[i];

		if (unlikely(PageCompound(page))) {
			if (zone) {
				spin_unlock_irq(&zone->lru_lock);
				zone = NULL;
			}
			put_page(page);
			continue;
		}

		if (!put_page_testzero(page))
			continue;

		if (PageLRU(page)) {
			struct zone *pagezone = page_zone(page);
			if (pagezone != zone) {
				if (zone)
					spin_unlock_irq(&zone->lru_lock);
				zone = pagezone;
				spin_lock_irq(&zone->lru_lock);
			}
			VM_BUG_ON(!PageLRU(page));
			__ClearPageLRU(page);
			del_page_from_lru(zone, page);
		}

		if (!pagevec_add(&pages_to_free, page)) {
			if (zone) {
				spin_unlock_irq(&zone->lru_lock);
				zone = NULL;
			}
			lru_pagevec_free(&pages_to_free);
			pagevec_reinit(&pages_to_free);
		}
	}
	if (zone)
		spin_unlock_irq(&zone->lru_lock);

	lru_pagevec_free(&pages_to_free);
}

/*
 * The pages which we're about to release may be in the deferred lru-addition
 * queues.  That would prevent them from really being freed right now.  That's
 * OK from a correctness point of view but is inefficient - those pages may be
 * cache-warm and we want to give them back to the page allocator ASAP.
 *
 * So __pagevec_release() will drain those queues here.  __pagevec_lru_add()
 * and __pagevec_lru_add_active() call release_pages() directly to avoid
 * mutual recursion.
 */
void __pagevec_release(struct pagevec *pvec)
{
	lru_add_drain();
	release_pages(pvec->pages, pagevec_count(pvec), pvec->cold);
	pagevec_reinit(pvec);
}

/*
 * Add the passed pages to the LRU, then drop the caller's refcount
 * on them.  Reinitialises the caller's pagevec.
 */
void __pagevec_lru_add(struct pagevec *pvec)
{
	int i;
	struct zone *zone = NULL;

	for (i = 0; i < pagevec_count(pvec); i++) {
		struct page *page = pvec->pages[i];
		struct zone *pagezone = page_zone(page);

		if (pagezone != zone) {
			if (zone)
				spin_unlock_irq(&zone->lru_lock);
			zone = pagezone;
			spin_lock_irq(&zone->lru_lock);
		}
		/* VM_BUG_ON in 2006; mmsim always checks. */
		BUG_ON(PageLRU(page));
		SetPageLRU(page);
		add_page_to_inactive_list(zone, page);
	}
	if (zone)
		spin_unlock_irq(&zone->lru_lock);
	release_pages(pvec->pages, pvec->nr, pvec->cold);
	pagevec_reinit(pvec);
}

void __pagevec_lru_add_active(struct pagevec *pvec)
{
	int i;
	struct zone *zone = NULL;

	for (i = 0; i < pagevec_count(pvec); i++) {
		struct page *page = pvec->pages[i];
		struct zone *pagezone = page_zone(page);

		if (pagezone != zone) {
			if (zone)
				spin_unlock_irq(&zone->lru_lock);
			zone = pagezone;
			spin_lock_irq(&zone->lru_lock);
		}
		/* VM_BUG_ON in 2006; mmsim always checks. */
		BUG_ON(PageLRU(page));
		SetPageLRU(page);
		BUG_ON(PageActive(page));
		SetPageActive(page);
		add_page_to_active_list(zone, page);
	}
	if (zone)
		spin_unlock_irq(&zone->lru_lock);
	release_pages(pvec->pages, pvec->nr, pvec->cold);
	pagevec_reinit(pvec);
}

/*
 * ---- Page-cache helpers of mm/swap.c (2.6.20), with the page-cache issue:
 * the pagevec gang lookups behind truncate and writeback, and
 * rotate_reclaimable_page for end_page_writeback of a PG_reclaim page.
 */

/**
 * pagevec_lookup - gang pagecache lookup
 * @pvec:	Where the resulting pages are placed
 * @mapping:	The address_space to search
 * @start:	The starting page index
 * @nr_pages:	The maximum number of pages
 *
 * pagevec_lookup() will search for and return a group of up to @nr_pages pages
 * in the mapping.  The pages are placed in @pvec.  pagevec_lookup() takes a
 * reference against the pages in @pvec.
 */
unsigned pagevec_lookup(struct pagevec *pvec, struct address_space *mapping,
			pgoff_t start, unsigned nr_pages)
{
	pvec->nr = find_get_pages(mapping, start, nr_pages, pvec->pages);
	return pagevec_count(pvec);
}

unsigned pagevec_lookup_tag(struct pagevec *pvec, struct address_space *mapping,
			    pgoff_t *index, int tag, unsigned nr_pages)
{
	pvec->nr =
		find_get_pages_tag(mapping, index, tag, nr_pages, pvec->pages);
	return pagevec_count(pvec);
}

/*
 * Writeback is about to end against a page which has been marked for immediate
 * reclaim.  If it still appears to be reclaimable, move it to the tail of the
 * inactive list.  The page still has PageWriteback set, which will pin it.
 *
 * Returns zero if it cleared PG_writeback.
 */
int rotate_reclaimable_page(struct page *page)
{
	struct zone *zone;
	unsigned long flags;

	if (PageLocked(page))
		return 1;
	if (PageDirty(page))
		return 1;
	if (PageActive(page))
		return 1;
	if (!PageLRU(page))
		return 1;

	zone = page_zone(page);
	spin_lock_irqsave(&zone->lru_lock, flags);
	if (PageLRU(page) && !PageActive(page)) {
		list_move_tail(&page->lru, &zone->inactive_list);
		__count_vm_event(PGROTATED);
	}
	if (!test_clear_page_writeback(page))
		BUG();
	spin_unlock_irqrestore(&zone->lru_lock, flags);
	return 0;
}
