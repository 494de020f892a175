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
#define __page_flag_set(page, nr)                                       \
	do {                                                            \
		sim_kcsan_access(&(page)->flags, sizeof((page)->flags), \
				 SIM_KCSAN_WRITE, "page->flags");       \
		__set_bit(nr, &(page)->flags);                          \
	} while (0)
#define __page_flag_clear(page, nr)                                     \
	do {                                                            \
		sim_kcsan_access(&(page)->flags, sizeof((page)->flags), \
				 SIM_KCSAN_WRITE, "page->flags");       \
		__clear_bit(nr, &(page)->flags);                        \
	} while (0)

/*
 * mmsim: the atomic flag operations are marked accesses for --detect kcsan
 * (KCSAN instruments test_bit, set_bit ... so): two of them never race,
 * one of them racing with a plain flag write (the __ operations above,
 * prep_new_page's mask) is reported.
 */
#define __page_flag_op(op, type, page, nr)                                  \
	({                                                                  \
		__typeof__(page) __pf = (page);                             \
		sim_kcsan_access(&__pf->flags, sizeof(__pf->flags),         \
				 SIM_KCSAN_ATOMIC | (type), "page->flags"); \
		op(nr, &__pf->flags);                                       \
	})
#define page_flag_test(page, nr) __page_flag_op(test_bit, 0, page, nr)
#define page_flag_set(page, nr) \
	__page_flag_op(set_bit, SIM_KCSAN_WRITE, page, nr)
#define page_flag_clear(page, nr) \
	__page_flag_op(clear_bit, SIM_KCSAN_WRITE, page, nr)
#define page_flag_test_set(page, nr) \
	__page_flag_op(test_and_set_bit, SIM_KCSAN_WRITE, page, nr)
#define page_flag_test_clear(page, nr) \
	__page_flag_op(test_and_clear_bit, SIM_KCSAN_WRITE, page, nr)

#define PageLocked(page) page_flag_test(page, PG_locked)
#define SetPageLocked(page) page_flag_set(page, PG_locked)
/*
 * mmsim: the page lock is a bit lock that lockdep (--detect lockdep) knows
 * as the class "PG_locked"; a won TestSetPageLocked is a trylock, and
 * orders the winner after the last unlock_page (--detect kcsan).
 */
#define TestSetPageLocked(pg)                                                 \
	({                                                                    \
		struct page *__page_tsl = (pg);                               \
		int __was_locked = page_flag_test_set(__page_tsl, PG_locked); \
		if (!__was_locked) {                                          \
			sim_hb_acquire(&__page_tsl->flags);                   \
			sim_lockdep_bit_lock(                                 \
				&__page_tsl->flags, "PG_locked",              \
				__FILE__ ":" __stringify(__LINE__), 1);       \
		}                                                             \
		__was_locked;                                                 \
	})
#define ClearPageLocked(page) page_flag_clear(page, PG_locked)
#define TestClearPageLocked(page) page_flag_test_clear(page, PG_locked)

#define PageError(page) page_flag_test(page, PG_error)
#define SetPageError(page) page_flag_set(page, PG_error)
#define ClearPageError(page) page_flag_clear(page, PG_error)

#define PageReferenced(page) page_flag_test(page, PG_referenced)
#define SetPageReferenced(page) page_flag_set(page, PG_referenced)
#define ClearPageReferenced(page) page_flag_clear(page, PG_referenced)
#define TestClearPageReferenced(page) page_flag_test_clear(page, PG_referenced)

#define PageUptodate(page) page_flag_test(page, PG_uptodate)
#define SetPageUptodate(page) page_flag_set(page, PG_uptodate)
#define ClearPageUptodate(page) page_flag_clear(page, PG_uptodate)

#define PageDirty(page) page_flag_test(page, PG_dirty)
#define SetPageDirty(page) page_flag_set(page, PG_dirty)
#define TestSetPageDirty(page) page_flag_test_set(page, PG_dirty)
#define ClearPageDirty(page) page_flag_clear(page, PG_dirty)
#define __ClearPageDirty(page) __page_flag_clear(page, PG_dirty)
#define TestClearPageDirty(page) page_flag_test_clear(page, PG_dirty)

#define PageLRU(page) page_flag_test(page, PG_lru)
#define SetPageLRU(page) page_flag_set(page, PG_lru)
#define ClearPageLRU(page) page_flag_clear(page, PG_lru)
#define __ClearPageLRU(page) __page_flag_clear(page, PG_lru)

#define PageActive(page) page_flag_test(page, PG_active)
#define SetPageActive(page) page_flag_set(page, PG_active)
#define ClearPageActive(page) page_flag_clear(page, PG_active)
#define __ClearPageActive(page) __page_flag_clear(page, PG_active)

#define PageSlab(page) page_flag_test(page, PG_slab)
#define __SetPageSlab(page) __page_flag_set(page, PG_slab)
#define __ClearPageSlab(page) __page_flag_clear(page, PG_slab)

#define PageChecked(page) page_flag_test(page, PG_checked)
#define SetPageChecked(page) page_flag_set(page, PG_checked)
#define ClearPageChecked(page) page_flag_clear(page, PG_checked)

#define PageReserved(page) page_flag_test(page, PG_reserved)
#define SetPageReserved(page) page_flag_set(page, PG_reserved)
#define ClearPageReserved(page) page_flag_clear(page, PG_reserved)
#define __ClearPageReserved(page) __page_flag_clear(page, PG_reserved)

#define SetPagePrivate(page) page_flag_set(page, PG_private)
#define ClearPagePrivate(page) page_flag_clear(page, PG_private)
#define PagePrivate(page) page_flag_test(page, PG_private)
#define __SetPagePrivate(page) __page_flag_set(page, PG_private)
#define __ClearPagePrivate(page) __page_flag_clear(page, PG_private)

#define PageWriteback(page) page_flag_test(page, PG_writeback)
#define SetPageWriteback(page)                                   \
	do {                                                     \
		if (!page_flag_test_set(page, PG_writeback))     \
			inc_zone_page_state(page, NR_WRITEBACK); \
	} while (0)
#define TestSetPageWriteback(page)                               \
	({                                                       \
		int ret;                                         \
		ret = page_flag_test_set(page, PG_writeback);    \
		if (!ret)                                        \
			inc_zone_page_state(page, NR_WRITEBACK); \
		ret;                                             \
	})
#define ClearPageWriteback(page)                                 \
	do {                                                     \
		if (page_flag_test_clear(page, PG_writeback))    \
			dec_zone_page_state(page, NR_WRITEBACK); \
	} while (0)
#define TestClearPageWriteback(page)                             \
	({                                                       \
		int ret;                                         \
		ret = page_flag_test_clear(page, PG_writeback);  \
		if (ret)                                         \
			dec_zone_page_state(page, NR_WRITEBACK); \
		ret;                                             \
	})

#define PageNosave(page) page_flag_test(page, PG_nosave)
#define PageNosaveFree(page) page_flag_test(page, PG_nosave_free)

#define PageBuddy(page) page_flag_test(page, PG_buddy)
#define __SetPageBuddy(page) __page_flag_set(page, PG_buddy)
#define __ClearPageBuddy(page) __page_flag_clear(page, PG_buddy)

#define PageMappedToDisk(page) page_flag_test(page, PG_mappedtodisk)
#define SetPageMappedToDisk(page) page_flag_set(page, PG_mappedtodisk)
#define ClearPageMappedToDisk(page) page_flag_clear(page, PG_mappedtodisk)

#define PageReclaim(page) page_flag_test(page, PG_reclaim)
#define SetPageReclaim(page) page_flag_set(page, PG_reclaim)
#define ClearPageReclaim(page) page_flag_clear(page, PG_reclaim)
#define TestClearPageReclaim(page) page_flag_test_clear(page, PG_reclaim)

#define PageCompound(page) page_flag_test(page, PG_compound)
#define __SetPageCompound(page) __page_flag_set(page, PG_compound)
#define __ClearPageCompound(page) __page_flag_clear(page, PG_compound)

#define PageSwapCache(page) page_flag_test(page, PG_swapcache)
#define SetPageSwapCache(page) page_flag_set(page, PG_swapcache)
#define ClearPageSwapCache(page) page_flag_clear(page, PG_swapcache)

#define PageUncached(page) page_flag_test(page, PG_uncached)

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
