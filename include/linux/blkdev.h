/*
 * linux/blkdev.h - mmsim's block device: what 2.6.20's struct
 * block_device (fs.h), its request_queue (blkdev.h) and a disk driver
 * were together, reduced to what buffer-head I/O needs.  The model lives
 * in block/ll_rw_blk.c; its header comment describes when requests
 * complete.
 */
#ifndef _LINUX_BLKDEV_H
#define _LINUX_BLKDEV_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/backing-dev.h>

struct buffer_head;

struct block_device {
	const char *bd_name;
	unsigned int bd_block_size; /* bytes per block */
	sector_t bd_nr_blocks;
	char *bd_data; /* the medium, in host memory */

	/* the request queue */
	spinlock_t queue_lock;
	struct list_head queue; /* requests in flight, FIFO */
	unsigned long nr_in_flight;
	unsigned long long latency; /* ticks from submission to completion */
	int hold; /* new writes stay in flight until released */
	int fail_writes; /* the next n writes fail with -EIO */
	unsigned long nr_reads, nr_writes, nr_errors;

	/* the block allocator of the filesystem on it (simfs) */
	spinlock_t bitmap_lock;
	unsigned long *bitmap; /* bit set: block in use */
	sector_t alloc_hint;
	sector_t nr_free;

	struct backing_dev_info bd_bdi; /* unplugs this queue */
};

/* The one disk of the machine, set up at boot (fs_initcall). */
extern struct block_device *sim_root_bdev;

/* How a run of the queue picks requests to complete. */
enum blk_run_mode {
	BLK_RUN_DUE, /* those due by now (the clock has passed them) */
	BLK_RUN_UNPLUG, /* all not held: a task is about to wait */
	BLK_RUN_RELEASE, /* un-hold every request, then all */
};

int blk_run_queue(struct block_device *bdev, enum blk_run_mode mode);
void blk_unplug(struct block_device *bdev);

sector_t simfs_alloc_block(struct block_device *bdev);
void simfs_free_block(struct block_device *bdev, sector_t block);

#endif
