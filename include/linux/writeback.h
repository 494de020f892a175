/*
 * linux/writeback.h (2.6.20): writeback control and the page-writeback
 * entry points.
 */
#ifndef WRITEBACK_H
#define WRITEBACK_H

#include <linux/sched.h>
#include <linux/fs.h>

struct backing_dev_info;

enum writeback_sync_modes {
	WB_SYNC_NONE, /* Don't wait on anything */
	WB_SYNC_ALL, /* Wait on every mapping */
	WB_SYNC_HOLD, /* Hold the inode on sb_dirty for sys_sync() */
};

/*
 * A control structure which tells the writeback code what to do.
 */
struct writeback_control {
	struct backing_dev_info *bdi; /* If !NULL, only write back this queue */
	enum writeback_sync_modes sync_mode;
	unsigned long *older_than_this; /* If !NULL, only write back inodes
					   older than this */
	long nr_to_write; /* Write this many pages, and decrement
					   this for each page written */
	long pages_skipped; /* Pages which were not written */

	/*
	 * For a_ops->writepages(): is start or end are non-zero then this is
	 * a hint that the filesystem need only write out the pages inside
	 * that byterange.  The byte at `end' is included in the writeout
	 * request.
	 */
	loff_t range_start;
	loff_t range_end;

	unsigned nonblocking : 1; /* Don't get stuck on request queues */
	unsigned encountered_congestion : 1; /* An output: a queue is full */
	unsigned for_kupdate : 1; /* A kupdate writeback */
	unsigned for_reclaim : 1; /* Invoked from the page allocator */
	unsigned for_writepages : 1; /* This is a writepages() call */
	unsigned range_cyclic : 1; /* range_start is cyclic */
};

int wakeup_pdflush(long nr_pages);
void writeback_inodes(struct writeback_control *wbc);
void sync_inodes_sim(void);
void balance_dirty_pages_ratelimited(struct address_space *mapping);
int generic_writepages(struct address_space *mapping,
		       struct writeback_control *wbc);
int write_one_page(struct page *page, int wait);
int mapping_tagged(struct address_space *mapping, int tag);

extern int dirty_background_ratio;
extern int vm_dirty_ratio;
extern int dirty_writeback_interval;
extern int dirty_expire_interval;

/* mmsim: the inodes with dirty pages, oldest first (fs/fs-writeback.c) */
extern struct list_head sim_dirty_inodes;
extern spinlock_t inode_lock;

#endif
