/*
 * mm/filemap.c - standing for 2.6.20's mm/filemap.c.  For now the page
 * lock and the page bit waits; the page cache proper (find_get_page,
 * add_to_page_cache, try_to_release_page, end_page_writeback ...) joins
 * this file with the page-cache issue.
 *
 * What it models: PG_locked is a sleeping bit lock.  __lock_page sleeps
 * in TASK_UNINTERRUPTIBLE until it wins TestSetPageLocked, calling the
 * mapping's ->sync_page (block unplug) each time before it sleeps;
 * unlock_page BUGs on an unlocked page, clears the bit with barriers and
 * wakes the waiters; wait_on_page_bit sleeps until a bit is clear.
 *
 * Deliberate simplifications: 2006 hashed pages onto the zone's
 * wait_table and woke with a (flags word, bit) key that waiters
 * filtered; mmsim sleeps and wakes through the door on one key per
 * (page, bit) (page_wait_key in linux/pagemap.h).  The waits are
 * prepare/test/sleep loops on the door's tickets, so a wake-up between
 * the test and the sleep is never lost.  Waiting for the page lock is
 * not FIFO-exclusive as with prepare_to_wait_exclusive: every waiter
 * re-tests, one wins.  io_schedule() is an ordinary sleep.
 */
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/sched.h>
#include <linux/kernel.h>
#include <sim/door.h>

/*
 * The "action" of 2006's __wait_on_bit(_lock): kick the device so the
 * I/O we are about to wait for gets going, then sleep.
 */
static void sync_page(struct page *page)
{
	struct address_space *mapping;

	smp_mb();
	mapping = page_mapping(page);
	if (mapping && mapping->a_ops && mapping->a_ops->sync_page)
		mapping->a_ops->sync_page(page);
}

/*
 * Sleep until bit_nr of page->flags is clear.  With 'lock', also win the
 * bit (test_and_set) before returning.  Returns 1 if it had to sleep.
 */
static int __wait_on_page_bit(struct page *page, int bit_nr, int lock,
			      int do_sync, const char *event, const char *what)
{
	const void *key = page_wait_key(page, bit_nr);
	int slept = 0;

	for (;;) {
		unsigned long ticket = sim_wait_prepare(key);

		if (!test_bit(bit_nr, &page->flags)) {
			if (!lock || !test_and_set_bit(bit_nr, &page->flags))
				break;
			continue;
		}
		if (!slept) {
			slept = 1;
			sim_count_event(event);
		}
		/* TASK_UNINTERRUPTIBLE: the engine records the sleep itself. */
		if (do_sync)
			sync_page(page);
		sim_wait_sleep(key, ticket, what, __LOCK_SITE);
	}
	return slept;
}

void fastcall wait_on_page_bit(struct page *page, int bit_nr)
{
	might_sleep();
	if (test_bit(bit_nr, &page->flags))
		__wait_on_page_bit(page, bit_nr, 0, 1, "wait_on_page_bit",
				   bit_nr == PG_writeback ? "wait_on_page_writeback" :
				   "wait_on_page_bit");
}

/**
 * unlock_page - unlock a locked page
 * @page: the page
 *
 * Unlocks the page and wakes up sleepers in ___wait_on_page_locked().
 * Also wakes sleepers in wait_on_page_writeback() because the wakeup
 * mechananism between PageLocked pages and PageWriteback pages is shared.
 * But that's OK - sleepers in wait_on_page_writeback() just go back to sleep.
 *
 * The first mb is necessary to safely close the critical section opened by the
 * TestSetPageLocked(), the second mb is necessary to enforce ordering between
 * the clear_bit and the read of the waitqueue (to avoid SMP races with a
 * parallel wait_on_page_locked()).
 */
void fastcall unlock_page(struct page *page)
{
	smp_mb__before_clear_bit();
	if (!TestClearPageLocked(page))
		BUG();
	smp_mb__after_clear_bit();
	wake_up_page(page, PG_locked);
}

/**
 * __lock_page - get a lock on the page, assuming we need to sleep to get it
 * @page: the page to lock
 *
 * Ugly. Running sync_page() in state TASK_UNINTERRUPTIBLE is scary.  If some
 * random driver's requestfn sets TASK_RUNNING, we could busywait.  However
 * chances are that on the second loop, the block layer's plug list is empty,
 * so sync_page() will then return in state TASK_UNINTERRUPTIBLE.
 */
void fastcall __lock_page(struct page *page)
{
	might_sleep();
	__wait_on_page_bit(page, PG_locked, 1, 1, "lock_page_wait", "lock_page");
}

/*
 * Variant of lock_page that does not require the caller to hold a reference
 * on the page's mapping: it does not call ->sync_page.
 */
void fastcall __lock_page_nosync(struct page *page)
{
	might_sleep();
	__wait_on_page_bit(page, PG_locked, 1, 0, "lock_page_wait", "lock_page");
}
