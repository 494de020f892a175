/*
 * linux/mm_inline.h (2.6.20): adding and removing pages on the zone LRU
 * lists.  The caller holds zone->lru_lock; flags are the caller's business
 * except in del_page_from_lru.
 */
#ifndef _LINUX_MM_INLINE_H
#define _LINUX_MM_INLINE_H

static inline void add_page_to_active_list(struct zone *zone, struct page *page)
{
	list_add(&page->lru, &zone->active_list);
	zone->nr_active++;
}

static inline void add_page_to_inactive_list(struct zone *zone,
					     struct page *page)
{
	list_add(&page->lru, &zone->inactive_list);
	zone->nr_inactive++;
}

static inline void del_page_from_active_list(struct zone *zone,
					     struct page *page)
{
	list_del(&page->lru);
	zone->nr_active--;
}

static inline void del_page_from_inactive_list(struct zone *zone,
					       struct page *page)
{
	list_del(&page->lru);
	zone->nr_inactive--;
}

static inline void del_page_from_lru(struct zone *zone, struct page *page)
{
	list_del(&page->lru);
	if (PageActive(page)) {
		__ClearPageActive(page);
		zone->nr_active--;
	} else {
		zone->nr_inactive--;
	}
}

#endif
