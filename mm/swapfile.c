/*
 * mm/swapfile.c - swap areas and swap entry reference counts, as far as
 * 2.6.20's mm/swapfile.c is needed by address spaces today.
 *
 * What is here: the entry points that page tables reach with a swap or
 * migration entry -- swap_duplicate() (fork), free_swap_and_cache()
 * (unmap) -- and can_share_swap_page() (the write-protect fault's
 * "may I reuse this anonymous page" test).  All three treat migration
 * entries exactly as 2006 did: swap_duplicate() returns 1 and
 * free_swap_and_cache() returns at once, because a migration entry holds
 * no swap-map count.
 *
 * Deliberate simplifications: there are no swap areas yet (swapon, the
 * swap map, swap_lock and the swap cache arrive with the swap issue).  Any
 * real swap entry, and page_swapcount() of a swap-cache page, stops the
 * simulation loudly with sim_not_modeled(), never silently.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/pagemap.h>
#include <sim/door.h>

/*
 * How many references to page are currently swapped out?  (The swap-map
 * count of the page's entry; 2006 took swap_lock via swap_info_get.)
 */
static inline int page_swapcount(struct page *page)
{
	sim_not_modeled("page_swapcount: swap areas");
}

/*
 * We can use this swap cache entry directly
 * if there are no other references to it.
 */
int can_share_swap_page(struct page *page)
{
	int count;

	BUG_ON(!PageLocked(page));
	count = page_mapcount(page);
	if (count <= 1 && PageSwapCache(page))
		count += page_swapcount(page);
	return count == 1;
}

/*
 * Free the swap entry like above, but also try to
 * free the page cache entry if it is the last user.
 */
void free_swap_and_cache(swp_entry_t entry)
{
	if (is_migration_entry(entry))
		return;

	sim_not_modeled("free_swap_and_cache: swap areas");
}

/*
 * Verify that a swap entry is valid and increment its swap map count.
 *
 * Note: if swap_map[] reaches SWAP_MAP_MAX the entries are treated as
 * "permanent", but will be reclaimed by the next swapoff.
 */
int swap_duplicate(swp_entry_t entry)
{
	if (is_migration_entry(entry))
		return 1;

	sim_not_modeled("swap_duplicate: swap areas");
}
