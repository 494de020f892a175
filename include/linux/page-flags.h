/*
 * linux/page-flags.h - page->flags bits and their accessors (2.6.20 bit
 * numbers).  The plain forms are atomic, the __ forms are not.  The
 * writeback setters also keep the NR_WRITEBACK zone counter, as in 2006.
 */
#ifndef PAGE_FLAGS_H
#define PAGE_FLAGS_H

#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/stringify.h>
#include <sim/door.h>

#define PG_locked 0
#define PG_error 1
#define PG_referenced 2
#define PG_uptodate 3
#define PG_dirty 4
#define PG_lru 5
#define PG_active 6
#define PG_slab 7
#define PG_checked 8
#define PG_arch_1 9
#define PG_reserved 10
#define PG_private 11
#define PG_writeback 12
#define PG_nosave 13
#define PG_compound 14
#define PG_swapcache 15
#define PG_mappedtodisk 16
#define PG_reclaim 17
#define PG_nosave_free 18
#define PG_buddy 19
#define PG_uncached 31
#define PG_fs_misc PG_checked

/*
 * mmsim: the non-atomic flag operations (__SetPageSlab, __ClearPageLRU
 * ...) are plain read-modify-writes of page->flags, which 2.6.20 makes
 * only where nobody else may touch the page; --detect kcsan sees each as
 * a plain write, so one made while another task may is reported.
 */
#define __page_flag_set(page, nr)                                          \
	do {                                                               \
		sim_kcsan_access(&(page)->flags, sizeof((page)->flags), 1, \
				 "page->flags");                           \
		__set_bit(nr, &(page)->flags);                             \
	} while (0)
#define __page_flag_clear(page, nr)                                        \
	do {                                                               \
		sim_kcsan_access(&(page)->flags, sizeof((page)->flags), 1, \
				 "page->flags");                           \
		__clear_bit(nr, &(page)->flags);                           \
	} while (0)

#define PageLocked(page) test_bit(PG_locked, &(page)->flags)
#define SetPageLocked(page) set_bit(PG_locked, &(page)->flags)
/*
 * mmsim: the page lock is a bit lock that lockdep (--detect lockdep) knows
 * as the class "PG_locked"; a won TestSetPageLocked is a trylock, and
 * orders the winner after the last unlock_page (--detect kcsan).
 */
#define TestSetPageLocked(pg)                                            \
	({                                                               \
		struct page *__page_tsl = (pg);                          \
		int __was_locked =                                       \
			test_and_set_bit(PG_locked, &__page_tsl->flags); \
		if (!__was_locked) {                                     \
			sim_hb_acquire(&__page_tsl->flags);              \
			sim_lockdep_bit_lock(                            \
				&__page_tsl->flags, "PG_locked",         \
				__FILE__ ":" __stringify(__LINE__), 1);  \
		}                                                        \
		__was_locked;                                            \
	})
#define ClearPageLocked(page) clear_bit(PG_locked, &(page)->flags)
#define TestClearPageLocked(page) test_and_clear_bit(PG_locked, &(page)->flags)

#define PageError(page) test_bit(PG_error, &(page)->flags)
#define SetPageError(page) set_bit(PG_error, &(page)->flags)
#define ClearPageError(page) clear_bit(PG_error, &(page)->flags)

#define PageReferenced(page) test_bit(PG_referenced, &(page)->flags)
#define SetPageReferenced(page) set_bit(PG_referenced, &(page)->flags)
#define ClearPageReferenced(page) clear_bit(PG_referenced, &(page)->flags)
#define TestClearPageReferenced(page) \
	test_and_clear_bit(PG_referenced, &(page)->flags)

#define PageUptodate(page) test_bit(PG_uptodate, &(page)->flags)
#define SetPageUptodate(page) set_bit(PG_uptodate, &(page)->flags)
#define ClearPageUptodate(page) clear_bit(PG_uptodate, &(page)->flags)

#define PageDirty(page) test_bit(PG_dirty, &(page)->flags)
#define SetPageDirty(page) set_bit(PG_dirty, &(page)->flags)
#define TestSetPageDirty(page) test_and_set_bit(PG_dirty, &(page)->flags)
#define ClearPageDirty(page) clear_bit(PG_dirty, &(page)->flags)
#define __ClearPageDirty(page) __page_flag_clear(page, PG_dirty)
#define TestClearPageDirty(page) test_and_clear_bit(PG_dirty, &(page)->flags)

#define PageLRU(page) test_bit(PG_lru, &(page)->flags)
#define SetPageLRU(page) set_bit(PG_lru, &(page)->flags)
#define ClearPageLRU(page) clear_bit(PG_lru, &(page)->flags)
#define __ClearPageLRU(page) __page_flag_clear(page, PG_lru)

#define PageActive(page) test_bit(PG_active, &(page)->flags)
#define SetPageActive(page) set_bit(PG_active, &(page)->flags)
#define ClearPageActive(page) clear_bit(PG_active, &(page)->flags)
#define __ClearPageActive(page) __page_flag_clear(page, PG_active)

#define PageSlab(page) test_bit(PG_slab, &(page)->flags)
#define __SetPageSlab(page) __page_flag_set(page, PG_slab)
#define __ClearPageSlab(page) __page_flag_clear(page, PG_slab)

#define PageChecked(page) test_bit(PG_checked, &(page)->flags)
#define SetPageChecked(page) set_bit(PG_checked, &(page)->flags)
#define ClearPageChecked(page) clear_bit(PG_checked, &(page)->flags)

#define PageReserved(page) test_bit(PG_reserved, &(page)->flags)
#define SetPageReserved(page) set_bit(PG_reserved, &(page)->flags)
#define ClearPageReserved(page) clear_bit(PG_reserved, &(page)->flags)
#define __ClearPageReserved(page) __page_flag_clear(page, PG_reserved)

#define SetPagePrivate(page) set_bit(PG_private, &(page)->flags)
#define ClearPagePrivate(page) clear_bit(PG_private, &(page)->flags)
#define PagePrivate(page) test_bit(PG_private, &(page)->flags)
#define __SetPagePrivate(page) __page_flag_set(page, PG_private)
#define __ClearPagePrivate(page) __page_flag_clear(page, PG_private)

#define PageWriteback(page) test_bit(PG_writeback, &(page)->flags)
#define SetPageWriteback(page)                                       \
	do {                                                         \
		if (!test_and_set_bit(PG_writeback, &(page)->flags)) \
			inc_zone_page_state(page, NR_WRITEBACK);     \
	} while (0)
#define TestSetPageWriteback(page)                                    \
	({                                                            \
		int ret;                                              \
		ret = test_and_set_bit(PG_writeback, &(page)->flags); \
		if (!ret)                                             \
			inc_zone_page_state(page, NR_WRITEBACK);      \
		ret;                                                  \
	})
#define ClearPageWriteback(page)                                      \
	do {                                                          \
		if (test_and_clear_bit(PG_writeback, &(page)->flags)) \
			dec_zone_page_state(page, NR_WRITEBACK);      \
	} while (0)
#define TestClearPageWriteback(page)                                    \
	({                                                              \
		int ret;                                                \
		ret = test_and_clear_bit(PG_writeback, &(page)->flags); \
		if (ret)                                                \
			dec_zone_page_state(page, NR_WRITEBACK);        \
		ret;                                                    \
	})

#define PageNosave(page) test_bit(PG_nosave, &(page)->flags)
#define PageNosaveFree(page) test_bit(PG_nosave_free, &(page)->flags)

#define PageBuddy(page) test_bit(PG_buddy, &(page)->flags)
#define __SetPageBuddy(page) __page_flag_set(page, PG_buddy)
#define __ClearPageBuddy(page) __page_flag_clear(page, PG_buddy)

#define PageMappedToDisk(page) test_bit(PG_mappedtodisk, &(page)->flags)
#define SetPageMappedToDisk(page) set_bit(PG_mappedtodisk, &(page)->flags)
#define ClearPageMappedToDisk(page) clear_bit(PG_mappedtodisk, &(page)->flags)

#define PageReclaim(page) test_bit(PG_reclaim, &(page)->flags)
#define SetPageReclaim(page) set_bit(PG_reclaim, &(page)->flags)
#define ClearPageReclaim(page) clear_bit(PG_reclaim, &(page)->flags)
#define TestClearPageReclaim(page) \
	test_and_clear_bit(PG_reclaim, &(page)->flags)

#define PageCompound(page) test_bit(PG_compound, &(page)->flags)
#define __SetPageCompound(page) __page_flag_set(page, PG_compound)
#define __ClearPageCompound(page) __page_flag_clear(page, PG_compound)

#define PageSwapCache(page) test_bit(PG_swapcache, &(page)->flags)
#define SetPageSwapCache(page) set_bit(PG_swapcache, &(page)->flags)
#define ClearPageSwapCache(page) clear_bit(PG_swapcache, &(page)->flags)

#define PageUncached(page) test_bit(PG_uncached, &(page)->flags)

/* x86-64 has no highmem. */
#define PageHighMem(page) 0

struct page;
int test_clear_page_dirty(struct page *page);
int test_clear_page_writeback(struct page *page);
int test_set_page_writeback(struct page *page);
void cancel_dirty_page(struct page *page, unsigned int account_size);

static inline void set_page_writeback(struct page *page)
{
	test_set_page_writeback(page);
}

#endif
