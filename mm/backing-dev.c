/*
 * mm/backing-dev.c - standing for 2.6.20's mm/backing-dev.c:
 * congestion_wait(), the nap that reclaim and the page allocator take
 * when they could not make progress: "wait for some writeback".
 *
 * 2006 slept on congestion_wqh[rw] until clear_bdi_congested() woke it
 * or the timeout passed (io_schedule_timeout).  mmsim models no request
 * queue, so no queue is ever congested and nothing wakes the sleeper
 * early: the task about to sleep on I/O unplugs the disk (every request
 * not held completes), then naps for the timeout (sim_nap: host time in
 * free mode, scheduler steps while the others run in seeded mode).  A
 * jiffy of nap is SIM_USECS_PER_JIFFY: long enough for kswapd and the
 * other tasks to run, short enough that a test of the OOM path takes
 * milliseconds, not the seconds 2006 would have slept.  The return value is 2006's: the
 * jiffies left of the timeout, here always 0.
 */
#include <linux/backing-dev.h>
#include <linux/blkdev.h>
#include <linux/kernel.h>
#include <asm/param.h>
#include <sim/door.h>

#define SIM_USECS_PER_JIFFY 10

long congestion_wait(int rw, long timeout)
{
	sim_count_event("congestion_wait");
	if (sim_root_bdev)
		blk_unplug(sim_root_bdev);
	if (timeout < 0)
		timeout = 0;
	sim_nap(rw == WRITE ? "congestion_wait(WRITE)"
			    : "congestion_wait(READ)",
		(unsigned int)timeout * SIM_USECS_PER_JIFFY);
	return 0;
}
