/*
 * mm/pdflush.c - standing for 2.6.20's mm/pdflush.c and the
 * writeback work items of mm/page-writeback.c (background_writeout,
 * wb_kupdate, wakeup_pdflush): the kernel thread that writes dirty
 * page-cache pages back in the background.
 *
 * What it models: a kernel task named "pdflush" (created on first use)
 * that runs background_writeout(): rounds of writeback_inodes() with
 * WB_SYNC_NONE, nonblocking, range_cyclic and MAX_WRITEBACK_PAGES pages
 * each, oldest dirty inode first, until the pages asked for are written
 * or a round writes less than it was allowed to (2006 then waited for
 * congestion and gave up).  wb_kupdate() is the periodic flavour
 * (for_kupdate).
 *
 * Deliberate simplifications, for determinism: 2006's pdflush threads
 * woke by themselves (a timer every dirty_writeback_interval for
 * kupdate, wakeup_pdflush from dirtiers); here the host decides when
 * they run.  wakeup_pdflush() only records the request (and counts the
 * "wakeup_pdflush" event); sim_writeback_run() runs background_writeout
 * in the pdflush task's own thread and waits for it; the periodic mode
 * runs wb_kupdate from sim_writeback_tick() when the host calls it and
 * the interval has passed on the simulated clock.  A run with nr_pages
 * > 0 stops after nr_pages even when dirty memory is still above the
 * background threshold (2006 went on down to the threshold); as in
 * 2006, the writepage loop only notices at the end of the pagevec it is
 * working through, so up to PAGEVEC_SIZE - 1 more pages may go.  older_than_this (dirty_expire_interval) is not honoured: a
 * kupdate run writes every dirty page.  There is one pdflush task, not a
 * pool of 2 to 8.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/writeback.h>
#include <sim/door.h>
#include <sim/kernel.h>

/*
 * Try to keep balance_dirty_pages() call intervals higher than this many pages
 * by raising pause time to max_pause when falls below it.
 */
#define MAX_WRITEBACK_PAGES 1024

static long pdflush_pending;
static int pdflush_pid;
static unsigned long long kupdate_interval, kupdate_last;

/*
 * Start writeback of `nr_pages' pages.  If `nr_pages' is zero, write back
 * the whole world.  Returns 0 if a pdflush thread was dispatched: here,
 * the request is recorded for the next sim_writeback_run().
 */
int wakeup_pdflush(long nr_pages)
{
	if (nr_pages == 0)
		nr_pages = global_page_state(NR_FILE_DIRTY) +
			   global_page_state(NR_UNSTABLE_NFS);
	__atomic_add_fetch(&pdflush_pending, nr_pages, __ATOMIC_RELAXED);
	sim_count_event("wakeup_pdflush");
	return 0;
}

/*
 * writeback at least _min_pages (all, when <= 0), in rounds of
 * MAX_WRITEBACK_PAGES.  Returns the pages written.
 */
static long background_writeout(long min_pages, int kupdate)
{
	long written = 0;
	int all = min_pages <= 0;

	for (;;) {
		struct writeback_control wbc = {
			.bdi = NULL,
			.sync_mode = WB_SYNC_NONE,
			.older_than_this = NULL,
			.nr_to_write = 0,
			.nonblocking = 1,
			.for_kupdate = kupdate,
			.range_cyclic = 1,
		};
		long chunk = MAX_WRITEBACK_PAGES;

		if (!all && min_pages <= 0)
			break;
		if (!all && min_pages < chunk)
			chunk = min_pages;
		wbc.encountered_congestion = 0;
		wbc.nr_to_write = chunk;
		wbc.pages_skipped = 0;
		writeback_inodes(&wbc);
		min_pages -= chunk - wbc.nr_to_write;
		written += chunk - wbc.nr_to_write;
		if (wbc.nr_to_write > 0 || wbc.pages_skipped > 0) {
			/* Wrote less than expected: 2006 waited, then gave up */
			break;
		}
	}
	return written;
}

struct pdflush_work {
	long nr_pages;
	int kupdate;
	long written;
};

static void pdflush_thread(void *arg)
{
	struct pdflush_work *work = arg;

	sim_task_enter(pdflush_pid);
	sim_trace("pdflush", "%s nr_pages %ld",
		  work->kupdate ? "wb_kupdate" : "background_writeout",
		  work->nr_pages);
	work->written = background_writeout(work->nr_pages, work->kupdate);
}

static long pdflush_run(long nr_pages, int kupdate)
{
	struct pdflush_work work = {.nr_pages = nr_pages, .kupdate = kupdate};
	long t;

	if (!pdflush_pid) {
		struct sim_task_config tc = {.name = "pdflush"};
		int pid = sim_task_create(&tc, 1);

		if (pid < 0)
			return pid;
		pdflush_pid = pid;
	}
	__atomic_store_n(&pdflush_pending, 0, __ATOMIC_RELAXED);
	t = sim_thread_spawn("pdflush", pdflush_pid, 0, pdflush_thread, &work);
	sim_thread_join(t);
	return work.written;
}

long sim_writeback_run(long nr_pages)
{
	return pdflush_run(nr_pages, 0);
}

long sim_writeback_pending(void)
{
	return __atomic_load_n(&pdflush_pending, __ATOMIC_RELAXED);
}

void sim_writeback_periodic(unsigned long long interval)
{
	kupdate_interval = interval;
	kupdate_last = sim_ticks();
}

/*
 * wb_kupdate(): the periodic writeback, when its interval has passed.
 */
long sim_writeback_tick(void)
{
	unsigned long long now = sim_ticks();

	if (!kupdate_interval || now - kupdate_last < kupdate_interval)
		return 0;
	kupdate_last = now;
	return pdflush_run(0, 1);
}
