/*
 * kernel/mmsim/checker.c - the whole-machine invariant checker behind
 * sim_check() (include/sim/kernel.h).
 *
 * It first drains the per-CPU pagevecs and free lists, as a quiet kernel
 * would, then compares what every struct page says with what really
 * refers to it: the ptes of every live address space, the buddy free
 * lists and the LRU lists; page-cache pages against their mapping's
 * radix tree, and the global NR_FILE_PAGES, NR_FILE_DIRTY and
 * NR_WRITEBACK counters against the pages that carry those states (only
 * the global ones: 2.6.20's migrate_page_move_mapping does not move
 * NR_FILE_PAGES between zones, so the per-zone figures drift by design
 * after a file page migrates).  Swap: a swap-cache page is in
 * swapper_space's tree at its entry, and every slot's swap_map count is
 * the number of swap ptes holding its entry plus one if the swap cache
 * holds a page for it; nr_swap_pages and inuse_pages count the free and
 * used slots, and swapper_space.nrpages the swap-cache pages.  Page
 * tables: every mm's tables are walked from its pgd, so a pte outside
 * every vma is reported, and so is a page table whose span no vma
 * overlaps (free_pgtables should have freed it); mm->nr_ptes and
 * NR_PAGETABLE must equal the pte pages reachable (one not reachable was
 * leaked).  2006 had no
 * such audit (DEBUG_VM checked one page at a time); a violation means either the 2006 code misbehaved in
 * a way the checks can see, or the simulator broke.  It must run while
 * no task is inside the kernel.  kswapd is such a task: it runs on its
 * own in free mode, with the pages of its current pass isolated (a
 * page it has just taken out of the swap cache is anonymous, unmapped
 * and still counted until its pagevec is released), so sim_check()
 * first waits until every kswapd sleeps (issue 12's "leak").
 */
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/seq_file.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/pagemap.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/backing-dev.h>
#include <linux/radix-tree.h>
#include <sim/kernel.h>

struct audit {
	struct seq_file m;
	int violations;
	unsigned int *ptes; /* ptes mapping each pfn */
	unsigned char *state; /* PS_* per pfn */
	unsigned long file_pages; /* page cache + swap cache pages */
	unsigned long file_dirty; /* dirty pages of accounting mappings */
	unsigned long writeback; /* PG_writeback pages */
	struct swap_info_struct *si; /* swap area 0, or NULL when off */
	unsigned int *swap_ptes; /* swap ptes holding each slot */
	unsigned char *swap_cached; /* slot has a swap-cache page */
	unsigned long swapcache; /* PG_swapcache pages */
};

#define PS_FREE 1
#define PS_LRU 2

static void violation(struct audit *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void violation(struct audit *a, const char *fmt, ...)
{
	char buf[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (a->violations++ < 50)
		seq_printf(&a->m, "check: %s\n", buf);
}

static void audit_pte(struct audit *a, struct mm_struct *mm, unsigned long addr,
		      pte_t pte)
{
	swp_entry_t entry;

	if (pte_none(pte))
		return;
	if (pte_present(pte)) {
		if (pte_pfn(pte) >= max_pfn)
			violation(a, "pte at %#lx maps pfn %#lx beyond memory",
				  addr, pte_pfn(pte));
		else
			a->ptes[pte_pfn(pte)]++;
		return;
	}
	if (pte_file(pte))
		return;
	entry = pte_to_swp_entry(pte);
	if (is_migration_entry(entry)) {
		violation(a, "stale migration entry at %#lx for pfn %#lx%s",
			  addr, swp_offset(entry),
			  PageLocked(pfn_to_page(swp_offset(entry)))
				  ? ""
				  : " (page not locked)");
		return;
	}
	if (!a->si || swp_type(entry) != 0 || swp_offset(entry) >= a->si->max ||
	    !swp_offset(entry)) {
		violation(a,
			  "swap pte at %#lx holds entry %#lx of no swap slot",
			  addr, entry.val);
		return;
	}
	if (!a->si->swap_map[swp_offset(entry)] ||
	    a->si->swap_map[swp_offset(entry)] == SWAP_MAP_BAD)
		violation(a, "swap pte at %#lx holds free slot %lu", addr,
			  swp_offset(entry));
	a->swap_ptes[swp_offset(entry)]++;
}

/*
 * A swap-cache page: a valid entry in page_private, the page in
 * swapper_space's tree there, never PG_private.
 */
static void audit_swap_cache(struct audit *a, unsigned long pfn,
			     struct page *page)
{
	swp_entry_t entry = {.val = page_private(page)};
	void *item;

	a->swapcache++;
	a->file_pages++;
	if (PagePrivate(page))
		violation(a, "pfn %#lx: swap-cache page with PG_private", pfn);
	if (!a->si || swp_type(entry) != 0 || !swp_offset(entry) ||
	    swp_offset(entry) >= a->si->max) {
		violation(a,
			  "pfn %#lx: swap-cache page with entry %#lx of no "
			  "swap slot",
			  pfn, entry.val);
		return;
	}
	if (a->swap_cached[swp_offset(entry)]++)
		violation(a, "pfn %#lx: a second swap-cache page for slot %lu",
			  pfn, swp_offset(entry));
	read_lock_irq(&swapper_space.tree_lock);
	item = radix_tree_lookup(&swapper_space.page_tree, entry.val);
	read_unlock_irq(&swapper_space.tree_lock);
	if (item != page)
		violation(a,
			  "pfn %#lx: swap-cache page of entry %#lx, but "
			  "swapper_space holds %p there",
			  pfn, entry.val, item);
}

/* Each slot's count against the swap ptes and the swap cache. */
static void audit_swap_map(struct audit *a)
{
	struct swap_info_struct *si = a->si;
	unsigned long offset, nr_free = 0, nr_used = 0;

	if (!si) {
		if (nr_swap_pages || total_swap_pages)
			violation(a,
				  "no swap area, but nr_swap_pages %ld "
				  "total_swap_pages %ld",
				  nr_swap_pages, total_swap_pages);
		return;
	}
	for (offset = 1; offset < si->max; offset++) {
		unsigned int count = si->swap_map[offset];
		unsigned int expect =
			a->swap_ptes[offset] + a->swap_cached[offset];

		if (count == SWAP_MAP_BAD)
			continue;
		if (!count)
			nr_free++;
		else
			nr_used++;
		if (count == SWAP_MAP_MAX)
			continue; /* "permanent" after an overflow */
		if (count != expect)
			violation(a,
				  "swap slot %lu: swap_map %u, but %u swap "
				  "ptes%s",
				  offset, count, a->swap_ptes[offset],
				  a->swap_cached[offset] ? " + swap cache"
							 : "");
	}
	if (nr_free != (unsigned long)nr_swap_pages)
		violation(a, "nr_swap_pages %ld, free swap slots %lu",
			  nr_swap_pages, nr_free);
	if (nr_used != si->inuse_pages)
		violation(a, "swap inuse_pages %u, used swap slots %lu",
			  si->inuse_pages, nr_used);
	if (si->pages != nr_free + nr_used ||
	    (long)si->pages != total_swap_pages)
		violation(a, "swap pages %u, total_swap_pages %ld, slots %lu",
			  si->pages, total_swap_pages, nr_free + nr_used);
}

/*
 * The vma of mm overlapping [start, end), or NULL.  A linear walk of the
 * list, not find_vma(): the checker must not touch mm->mmap_cache.
 */
static struct vm_area_struct *
vma_overlapping(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;

	for (vma = mm->mmap; vma; vma = vma->vm_next)
		if (vma->vm_end > start)
			return vma->vm_start < end ? vma : NULL;
	return NULL;
}

/*
 * A page table (pud, pmd or pte page) mapping [start, start + span) must
 * overlap some vma: free_pgtables() frees every table whose whole span
 * the unmapped vmas' floor and ceiling leave unused.
 */
static void audit_table_span(struct audit *a, struct mm_struct *mm,
			     const char *level, unsigned long start,
			     unsigned long span)
{
	if (!vma_overlapping(mm, start, start + span))
		violation(a,
			  "%s table for %#lx-%#lx outside every vma (not "
			  "freed by free_pgtables)",
			  level, start, start + span);
}

/* The ptes of one pte page, each counted and each inside some vma. */
static void audit_pte_table(struct audit *a, struct mm_struct *mm, pmd_t *pmd,
			    unsigned long start)
{
	pte_t *pte = pte_offset_kernel(pmd, start);
	unsigned long addr = start;
	int i;

	audit_table_span(a, mm, "pte", start, PMD_SIZE);
	for (i = 0; i < PTRS_PER_PTE; i++, pte++, addr += PAGE_SIZE) {
		if (pte_none(*pte))
			continue;
		if (!vma_overlapping(mm, addr, addr + PAGE_SIZE))
			violation(a, "%s pte at %#lx outside every vma",
				  pte_present(*pte) ? "present"
				  : pte_file(*pte)  ? "file"
						    : "swap",
				  addr);
		audit_pte(a, mm, addr, *pte);
	}
}

/* A pgd, pud or pmd entry: none, a good table (1), or bad (reported). */
static int points_to_table(struct audit *a, const char *level,
			   unsigned long val, int bad, unsigned long addr)
{
	if (!val)
		return 0;
	if (bad) {
		violation(a, "bad %s %#lx for %#lx", level, val, addr);
		return 0;
	}
	return 1;
}

/*
 * Every pte of mm, found by walking its page tables (not its vmas, so
 * that a pte left outside every vma is seen); returns the number of pte
 * pages reachable, which mm->nr_ptes must equal.
 */
static unsigned long audit_page_tables(struct audit *a, struct mm_struct *mm)
{
	unsigned long nr_ptes = 0, addr;
	int i, j, k;

	for (i = 0; i < (int)USER_PTRS_PER_PGD; i++) {
		pgd_t *pgd = mm->pgd + i;

		addr = (unsigned long)i << PGDIR_SHIFT;
		if (!points_to_table(a, "pgd", pgd_val(*pgd), pgd_bad(*pgd),
				     addr))
			continue;
		audit_table_span(a, mm, "pud", addr, PGDIR_SIZE);
		for (j = 0; j < PTRS_PER_PUD; j++) {
			pud_t *pud = pud_offset(pgd, addr) + j;
			unsigned long pud_addr = addr + j * PUD_SIZE;

			if (!points_to_table(a, "pud", pud_val(*pud),
					     pud_bad(*pud), pud_addr))
				continue;
			audit_table_span(a, mm, "pmd", pud_addr, PUD_SIZE);
			for (k = 0; k < PTRS_PER_PMD; k++) {
				pmd_t *pmd = pmd_offset(pud, pud_addr) + k;
				unsigned long pmd_addr =
					pud_addr + k * PMD_SIZE;

				if (!points_to_table(a, "pmd", pmd_val(*pmd),
						     pmd_bad(*pmd), pmd_addr))
					continue;
				audit_pte_table(a, mm, pmd, pmd_addr);
				nr_ptes++;
			}
		}
	}
	return nr_ptes;
}

/* One address space: its ptes, and its count of pte pages. */
static unsigned long audit_mm(struct audit *a, struct mm_struct *mm, int pid)
{
	unsigned long nr_ptes = audit_page_tables(a, mm);

	if (nr_ptes != mm->nr_ptes)
		violation(a,
			  "mm of pid %d: nr_ptes %lu, but %lu pte pages "
			  "reachable from its pgd",
			  pid, mm->nr_ptes, nr_ptes);
	return nr_ptes;
}

/*
 * Every distinct mm of a live task, once.  Every pte page counted in
 * NR_PAGETABLE must be reachable from one of them: one that is not was
 * leaked (a pmd cleared without pte_free, or an mm freed with its tables).
 */
static void audit_address_spaces(struct audit *a)
{
	struct mm_struct *seen[256];
	struct task_struct *p;
	unsigned long reachable = 0;
	int nr = 0, i;

	read_lock(&tasklist_lock);
	list_for_each_entry(p, &task_list_head, tasks) {
		if (!p->mm)
			continue;
		for (i = 0; i < nr && seen[i] != p->mm; i++)
			;
		if (i < nr)
			continue;
		if (nr < (int)ARRAY_SIZE(seen))
			seen[nr++] = p->mm;
		reachable += audit_mm(a, p->mm, p->pid);
	}
	read_unlock(&tasklist_lock);
	if (global_page_state(NR_PAGETABLE) != reachable)
		violation(a,
			  "nr_page_table_pages %lu, but %lu pte pages "
			  "reachable from the live address spaces",
			  global_page_state(NR_PAGETABLE), reachable);
}

static void audit_free_lists(struct audit *a, struct zone *zone)
{
	unsigned long sum = 0, i;
	struct page *page;
	int order;

	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long n = 0;

		list_for_each_entry(page, &zone->free_area[order].free_list,
				    lru) {
			if (!PageBuddy(page) || page_private(page) != order)
				violation(a,
					  "pfn %#lx on the order-%d free list "
					  "is not a buddy of that order",
					  page_to_pfn(page), order);
			for (i = 0; i < (1UL << order); i++)
				a->state[page_to_pfn(page) + i] |= PS_FREE;
			n++;
		}
		if (n != zone->free_area[order].nr_free)
			violation(a,
				  "node %d zone %s order %d: nr_free %lu, "
				  "listed %lu",
				  zone->zone_pgdat->node_id, zone->name, order,
				  zone->free_area[order].nr_free, n);
		sum += n << order;
	}
	if (sum != zone->free_pages)
		violation(a,
			  "node %d zone %s: free_pages %lu, free lists hold "
			  "%lu",
			  zone->zone_pgdat->node_id, zone->name,
			  zone->free_pages, sum);
}

static void audit_lru_list(struct audit *a, struct zone *zone,
			   struct list_head *list, int active,
			   unsigned long expect)
{
	struct page *page;
	unsigned long n = 0;

	list_for_each_entry(page, list, lru) {
		if (!PageLRU(page) || !!PageActive(page) != active ||
		    page_zone(page) != zone)
			violation(a,
				  "pfn %#lx on the %s list of node %d zone %s "
				  "has lru=%d active=%d",
				  page_to_pfn(page),
				  active ? "active" : "inactive",
				  zone->zone_pgdat->node_id, zone->name,
				  !!PageLRU(page), !!PageActive(page));
		a->state[page_to_pfn(page)] |= PS_LRU;
		n++;
	}
	if (n != expect)
		violation(a, "node %d zone %s: nr_%s %lu, list holds %lu",
			  zone->zone_pgdat->node_id, zone->name,
			  active ? "active" : "inactive", expect, n);
}

/*
 * A page-cache page is in its mapping's radix tree at its index, and
 * counts in NR_FILE_PAGES (and NR_FILE_DIRTY when dirty on a mapping
 * that accounts dirty pages).
 */
static void audit_page_cache(struct audit *a, unsigned long pfn,
			     struct page *page)
{
	struct address_space *mapping = page->mapping;
	void *item;

	a->file_pages++;
	if (PageDirty(page) && mapping_cap_account_dirty(mapping))
		a->file_dirty++;
	read_lock_irq(&mapping->tree_lock);
	item = radix_tree_lookup(&mapping->page_tree, page->index);
	read_unlock_irq(&mapping->tree_lock);
	if (item != page)
		violation(a,
			  "pfn %#lx: page cache page at index %lu of mapping "
			  "%p, but the radix tree holds %p there",
			  pfn, page->index, mapping, item);
}

static void audit_page(struct audit *a, unsigned long pfn,
		       unsigned long *anon_mapped)
{
	struct page *page = pfn_to_page(pfn);
	unsigned int ptes = a->ptes[pfn];
	int expect;

	if (page_mapcount(page) != (int)ptes)
		violation(a, "pfn %#lx: mapcount %d, but %u ptes map it", pfn,
			  page_mapcount(page), ptes);
	if (a->state[pfn] & PS_FREE) {
		if (page_count(page) || ptes)
			violation(a, "free pfn %#lx: count %d, %u ptes", pfn,
				  page_count(page), ptes);
		return;
	}
	if (PageLRU(page) && !(a->state[pfn] & PS_LRU))
		violation(a, "pfn %#lx has PG_lru but is on no LRU list", pfn);
	if (PageAnon(page) && page_mapped(page))
		anon_mapped[page_to_nid(page) * MAX_NR_ZONES +
			    page_zonenum(page)]++;
	if (PageWriteback(page))
		a->writeback++;
	if (PageSwapCache(page))
		audit_swap_cache(a, pfn, page);
	if (PageReserved(page) || !(PageAnon(page) || PageLRU(page) || ptes))
		return;
	if (page->mapping && !PageAnon(page))
		audit_page_cache(a, pfn, page);
	expect = ptes + !!PageSwapCache(page) + !!PagePrivate(page) +
		 (page->mapping && !PageAnon(page) ? 1 : 0);
	if (page_count(page) != expect)
		violation(a, "pfn %#lx: count %d, expected %d (ptes %u%s%s)",
			  pfn, page_count(page), expect, ptes,
			  PageSwapCache(page) ? ", swap cache" : "",
			  PagePrivate(page) ? ", buffers" : "");
	if (PageAnon(page) && !ptes && !PageSwapCache(page))
		violation(a,
			  "pfn %#lx: anonymous page nobody maps (leaked, "
			  "count %d)",
			  pfn, page_count(page));
}

int sim_check(sim_emit_fn emit, void *ctx)
{
	struct audit a = {.m = {.emit = emit, .ctx = ctx}};
	unsigned long pfn, *anon_mapped;
	struct zone *zone;

	sim_kswapd_quiesce();
	lru_add_drain_all();
	drain_all_pages();

	a.ptes = sim_host_alloc(max_pfn * sizeof(*a.ptes));
	a.state = sim_host_alloc(max_pfn);
	if (nr_swapfiles && (get_swap_info_struct(0)->flags & SWP_USED)) {
		a.si = get_swap_info_struct(0);
		a.swap_ptes = sim_host_alloc(a.si->max * sizeof(*a.swap_ptes));
		a.swap_cached = sim_host_alloc(a.si->max);
	}
	anon_mapped = sim_host_alloc(MAX_NUMNODES * MAX_NR_ZONES *
				     sizeof(*anon_mapped));
	audit_address_spaces(&a);
	for_each_zone(zone) {
		unsigned long flags;

		if (!populated_zone(zone))
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		audit_free_lists(&a, zone);
		spin_unlock_irqrestore(&zone->lock, flags);
		spin_lock_irq(&zone->lru_lock);
		audit_lru_list(&a, zone, &zone->active_list, 1,
			       zone->nr_active);
		audit_lru_list(&a, zone, &zone->inactive_list, 0,
			       zone->nr_inactive);
		spin_unlock_irq(&zone->lru_lock);
	}
	for (pfn = 0; pfn < max_pfn; pfn++)
		audit_page(&a, pfn, anon_mapped);
	for_each_zone(zone) {
		int i = zone->zone_pgdat->node_id * MAX_NR_ZONES +
			zone_idx(zone);

		if (zone_page_state(zone, NR_ANON_PAGES) != anon_mapped[i])
			violation(&a,
				  "node %d zone %s: nr_anon_pages %lu, "
				  "mapped anonymous pages %lu",
				  zone->zone_pgdat->node_id, zone->name,
				  zone_page_state(zone, NR_ANON_PAGES),
				  anon_mapped[i]);
	}
	audit_swap_map(&a);
	if (total_swapcache_pages != a.swapcache)
		violation(&a, "swapper_space nrpages %lu, swap-cache pages %lu",
			  total_swapcache_pages, a.swapcache);
	if (global_page_state(NR_FILE_PAGES) != a.file_pages)
		violation(&a,
			  "nr_file_pages %lu, page and swap cache pages %lu",
			  global_page_state(NR_FILE_PAGES), a.file_pages);
	if (global_page_state(NR_FILE_DIRTY) != a.file_dirty)
		violation(&a,
			  "nr_dirty %lu, dirty pages of dirty-accounting "
			  "mappings %lu",
			  global_page_state(NR_FILE_DIRTY), a.file_dirty);
	if (global_page_state(NR_WRITEBACK) != a.writeback)
		violation(&a, "nr_writeback %lu, pages under writeback %lu",
			  global_page_state(NR_WRITEBACK), a.writeback);
	if (a.violations > 50)
		seq_printf(&a.m, "check: ... %d violations in all\n",
			   a.violations);
	if (a.si) {
		sim_host_free(a.swap_cached);
		sim_host_free(a.swap_ptes);
	}
	sim_host_free(anon_mapped);
	sim_host_free(a.state);
	sim_host_free(a.ptes);
	return a.violations;
}
