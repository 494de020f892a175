/*
 * block/ll_rw_blk.c - the machine's one disk: what 2.6.20's block layer
 * (ll_rw_blk.c's submit_bio and request queue, a disk driver and its
 * completion interrupt) did for buffer-head I/O, reduced to a
 * deterministic model.  Also default_backing_dev_info (2006:
 * mm/readahead.c).
 *
 * What it models: a device of 1 KiB blocks whose medium is host memory
 * (sim_host_map: untouched blocks cost nothing and read as zeroes).
 * submit_bh() turns a locked, mapped buffer into one request with a
 * completion time (now + latency, in simulated ticks) and queues it
 * FIFO.  Completing a request copies between the medium and bh->b_data
 * and calls bh->b_end_io(bh, uptodate) with interrupts off, as the
 * completion interrupt did.
 *
 * When requests complete (the design choice that keeps runs
 * deterministic): never behind anyone's back, only at these points --
 *  1. at submission, when the latency is 0 and the request is not held:
 *     the request completes inside submit_bh (as rd.c's make_request
 *     did for the 2006 ramdisk);
 *  2. when a task is about to sleep on I/O: ->sync_page of the page
 *     (block_sync_page) and sync_buffer of a buffer unplug the device,
 *     which completes every request that is not held and advances the
 *     clock to the latest completion time among them (the task "slept"
 *     until then);
 *  3. when the host asks: sim_io_run() completes the requests due by
 *     the current tick, sim_io_complete_all() every request not held,
 *     sim_io_release() un-holds the held ones and completes everything;
 *  4. at every submission, requests already due by the current tick.
 * Held requests (sim_io_hold(1) at the time of a write's submission)
 * stay in flight until sim_io_release(), whatever waits for them: this
 * is how a scenario keeps a page under writeback on purpose.  Injected
 * errors (sim_io_fail_next(n)) make the next n write requests complete
 * with uptodate = 0, which end_buffer_async_write turns into
 * BH_Write_EIO, PG_error and AS_EIO as 2006 did.
 *
 * Deliberate simplifications: one request per buffer (no bios, no
 * merging, no elevator, no congestion); reads are never held or failed;
 * requests are not cancelled.  The block allocator of the filesystem on
 * the device (a bitmap, first fit from a rotating hint) lives here too.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include <linux/backing-dev.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/bitops.h>
#include <sim/door.h>
#include <sim/kernel.h>

#define SIMBLK_BLOCK_SIZE 1024
#define SIMBLK_NR_BLOCKS (128UL * 1024) /* 128 MiB */

struct blk_request {
	struct list_head list;
	int rw;
	int error;
	int held;
	unsigned long long due;
	struct buffer_head *bh;
};

struct block_device *sim_root_bdev;

/* 2006 mm/readahead.c: the bdi of mappings without a device of their own */
void default_unplug_io_fn(struct backing_dev_info *bdi, struct page *page)
{
}

struct backing_dev_info default_backing_dev_info = {
	.ra_pages = 32,
	.state = 0,
	.capabilities = BDI_CAP_MAP_COPY,
	.unplug_io_fn = default_unplug_io_fn,
};

static void complete_request(struct block_device *bdev, struct blk_request *rq)
{
	struct buffer_head *bh = rq->bh;
	char *medium = bdev->bd_data + bh->b_blocknr * bdev->bd_block_size;
	unsigned long flags;

	local_irq_save(flags);
	if (!rq->error) {
		if (rq->rw == WRITE)
			memcpy(medium, bh->b_data, bh->b_size);
		else
			memcpy(bh->b_data, medium, bh->b_size);
	}
	sim_trace("block_rq_complete", "%s %s block %lu%s", bdev->bd_name,
		  rq->rw == WRITE ? "W" : "R", (unsigned long)bh->b_blocknr,
		  rq->error ? " error" : "");
	bh->b_end_io(bh, !rq->error);
	local_irq_restore(flags);
	kfree(rq);
}

/*
 * Complete the requests the mode selects, oldest first.  Returns how many
 * completed.  Callers hold no spinlock (completions take tree_lock and
 * wake waiters).
 */
int blk_run_queue(struct block_device *bdev, enum blk_run_mode mode)
{
	struct blk_request *rq, *next;
	unsigned long long now = sim_ticks(), last = now;
	LIST_HEAD(done);
	int nr = 0;

	spin_lock_irq(&bdev->queue_lock);
	list_for_each_entry_safe(rq, next, &bdev->queue, list) {
		if (mode == BLK_RUN_RELEASE)
			rq->held = 0;
		if (rq->held)
			continue;
		if (mode == BLK_RUN_DUE && rq->due > now)
			continue;
		if (rq->due > last)
			last = rq->due;
		list_move_tail(&rq->list, &done);
		bdev->nr_in_flight--;
		nr++;
	}
	spin_unlock_irq(&bdev->queue_lock);

	/* the waiter slept until the last of them completed */
	if (last > now)
		sim_ticks_advance(last - now);

	list_for_each_entry_safe(rq, next, &done, list) {
		list_del(&rq->list);
		complete_request(bdev, rq);
	}
	return nr;
}

void blk_unplug(struct block_device *bdev)
{
	sim_count_event("blk_unplug");
	blk_run_queue(bdev, BLK_RUN_UNPLUG);
}

static void blockdev_unplug_io_fn(struct backing_dev_info *bdi,
				  struct page *page)
{
	blk_unplug(bdi->unplug_io_data);
}

/*
 * submit_bh: the buffer is locked and mapped and has its b_end_io.
 */
int submit_bh(int rw, struct buffer_head *bh)
{
	struct block_device *bdev = bh->b_bdev;
	struct blk_request *rq;
	int now;

	BUG_ON(!buffer_locked(bh));
	BUG_ON(!buffer_mapped(bh));
	BUG_ON(!bh->b_end_io);
	BUG_ON(!bdev || bh->b_blocknr >= bdev->bd_nr_blocks);
	BUG_ON(bh->b_size != bdev->bd_block_size);

	if (buffer_ordered(bh) && (rw == WRITE))
		rw = WRITE; /* (barriers are not modelled) */

	/*
	 * Only clear out a write error when rewriting, should this
	 * include WRITE_SYNC as well?
	 */
	if (test_set_buffer_req(bh) && (rw == WRITE))
		clear_buffer_write_io_error(bh);

	rq = kzalloc(sizeof(*rq), GFP_NOIO);
	BUG_ON(!rq);
	INIT_LIST_HEAD(&rq->list);
	rq->rw = rw;
	rq->bh = bh;

	spin_lock_irq(&bdev->queue_lock);
	if (rw == WRITE) {
		bdev->nr_writes++;
		if (bdev->fail_writes > 0) {
			bdev->fail_writes--;
			bdev->nr_errors++;
			rq->error = -EIO;
		}
		rq->held = bdev->hold;
	} else {
		bdev->nr_reads++;
	}
	rq->due = sim_ticks() + bdev->latency;
	now = !rq->held && bdev->latency == 0;
	if (!now) {
		list_add_tail(&rq->list, &bdev->queue);
		bdev->nr_in_flight++;
	}
	spin_unlock_irq(&bdev->queue_lock);

	count_vm_events(rw == WRITE ? PGPGOUT : PGPGIN, bh->b_size >> 9);
	sim_trace("block_rq_issue", "%s %s block %lu due %llu%s", bdev->bd_name,
		  rw == WRITE ? "W" : "R", (unsigned long)bh->b_blocknr,
		  rq->due, rq->held ? " held" : "");
	if (now)
		complete_request(bdev, rq);
	else
		blk_run_queue(bdev, BLK_RUN_DUE);
	return 0;
}

/* ---- the filesystem's block allocator ------------------------------------- */

sector_t simfs_alloc_block(struct block_device *bdev)
{
	sector_t b, n;

	spin_lock(&bdev->bitmap_lock);
	for (n = 0; n < bdev->bd_nr_blocks; n++) {
		b = bdev->alloc_hint + n;
		if (b >= bdev->bd_nr_blocks)
			b -= bdev->bd_nr_blocks;
		if (!test_bit(b, bdev->bitmap)) {
			__set_bit(b, bdev->bitmap);
			bdev->alloc_hint = b + 1;
			bdev->nr_free--;
			spin_unlock(&bdev->bitmap_lock);
			return b;
		}
	}
	spin_unlock(&bdev->bitmap_lock);
	return 0; /* block 0 is never free: 0 means no space */
}

void simfs_free_block(struct block_device *bdev, sector_t block)
{
	BUG_ON(!block || block >= bdev->bd_nr_blocks);
	spin_lock(&bdev->bitmap_lock);
	BUG_ON(!test_bit(block, bdev->bitmap));
	__clear_bit(block, bdev->bitmap);
	bdev->nr_free++;
	spin_unlock(&bdev->bitmap_lock);
	/* a freed block reads as zeroes again, and costs nothing */
	memset(bdev->bd_data + block * bdev->bd_block_size, 0,
	       bdev->bd_block_size);
}

static int __init simblk_init(void)
{
	struct block_device *bdev = kzalloc(sizeof(*bdev), GFP_KERNEL);

	BUG_ON(!bdev);
	bdev->bd_name = "simblk0";
	bdev->bd_block_size = SIMBLK_BLOCK_SIZE;
	bdev->bd_nr_blocks = SIMBLK_NR_BLOCKS;
	bdev->bd_data = sim_host_map(SIMBLK_NR_BLOCKS * SIMBLK_BLOCK_SIZE);
	BUG_ON(!bdev->bd_data);
	spin_lock_init(&bdev->queue_lock);
	INIT_LIST_HEAD(&bdev->queue);
	spin_lock_init(&bdev->bitmap_lock);
	bdev->bitmap = sim_host_alloc(SIMBLK_NR_BLOCKS / 8);
	__set_bit(0, bdev->bitmap); /* the "superblock" */
	bdev->alloc_hint = 1;
	bdev->nr_free = SIMBLK_NR_BLOCKS - 1;
	bdev->bd_bdi.ra_pages = 32;
	bdev->bd_bdi.unplug_io_fn = blockdev_unplug_io_fn;
	bdev->bd_bdi.unplug_io_data = bdev;
	sim_root_bdev = bdev;
	return 0;
}
fs_initcall(simblk_init);

/* ---- the host's controls (include/sim/kernel.h) ---------------------------- */

void sim_io_hold(int on)
{
	struct block_device *bdev = sim_root_bdev;

	spin_lock_irq(&bdev->queue_lock);
	bdev->hold = !!on;
	spin_unlock_irq(&bdev->queue_lock);
}

int sim_io_release(void)
{
	sim_io_hold(0);
	return blk_run_queue(sim_root_bdev, BLK_RUN_RELEASE);
}

void sim_io_fail_next(int n)
{
	struct block_device *bdev = sim_root_bdev;

	spin_lock_irq(&bdev->queue_lock);
	bdev->fail_writes = n < 0 ? 0 : n;
	spin_unlock_irq(&bdev->queue_lock);
}

void sim_io_latency(unsigned long long ticks)
{
	struct block_device *bdev = sim_root_bdev;

	spin_lock_irq(&bdev->queue_lock);
	bdev->latency = ticks;
	spin_unlock_irq(&bdev->queue_lock);
}

int sim_io_complete_all(void)
{
	return blk_run_queue(sim_root_bdev, BLK_RUN_UNPLUG);
}

int sim_io_run(void)
{
	return blk_run_queue(sim_root_bdev, BLK_RUN_DUE);
}

long sim_io_in_flight(void)
{
	return (long)sim_root_bdev->nr_in_flight;
}

void sim_io_stats(struct sim_io_stats *st)
{
	struct block_device *bdev = sim_root_bdev;

	spin_lock_irq(&bdev->queue_lock);
	st->reads = bdev->nr_reads;
	st->writes = bdev->nr_writes;
	st->errors = bdev->nr_errors;
	st->in_flight = bdev->nr_in_flight;
	spin_unlock_irq(&bdev->queue_lock);
	st->free_blocks = bdev->nr_free;
	st->block_size = bdev->bd_block_size;
}
