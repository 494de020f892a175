/*
 * linux/backing-dev.h (2.6.20 subset): capabilities of a mapping's device,
 * and the unplug hook that a task about to wait for I/O calls
 * (block_sync_page -> blk_run_backing_dev -> ->unplug_io_fn).
 */
#ifndef _LINUX_BACKING_DEV_H
#define _LINUX_BACKING_DEV_H

#include <linux/fs.h>
#include <linux/bitops.h>

struct page;

enum bdi_state {
	BDI_pdflush, /* A pdflush thread is working this device */
	BDI_write_congested, /* The write queue is getting full */
	BDI_read_congested, /* The read queue is getting full */
	BDI_unused, /* Available bits start here */
};

struct backing_dev_info {
	unsigned long ra_pages; /* max readahead in PAGE_CACHE_SIZE units */
	unsigned long state; /* Always use atomic bitops on this */
	unsigned int capabilities; /* Device capabilities */
	void (*unplug_io_fn)(struct backing_dev_info *, struct page *);
	void *unplug_io_data;
};

#define BDI_CAP_NO_ACCT_DIRTY \
	0x00000001 /* Dirty pages shouldn't contribute to accounting */
#define BDI_CAP_NO_WRITEBACK 0x00000002 /* Don't write pages back */
#define BDI_CAP_MAP_COPY 0x00000004 /* Copy can be mapped (MAP_PRIVATE) */
#define BDI_CAP_MAP_DIRECT 0x00000008 /* Can be mapped directly (MAP_SHARED) */
#define BDI_CAP_READ_MAP 0x00000010 /* Can be mapped for reading */
#define BDI_CAP_WRITE_MAP 0x00000020 /* Can be mapped for writing */
#define BDI_CAP_EXEC_MAP 0x00000040 /* Can be mapped for execution */

extern struct backing_dev_info default_backing_dev_info;
void default_unplug_io_fn(struct backing_dev_info *bdi, struct page *page);

static inline void blk_run_backing_dev(struct backing_dev_info *bdi,
				       struct page *page)
{
	if (bdi && bdi->unplug_io_fn)
		bdi->unplug_io_fn(bdi, page);
}

/* mmsim: no request-queue congestion is modelled */
static inline int bdi_write_congested(struct backing_dev_info *bdi)
{
	return test_bit(BDI_write_congested, &bdi->state);
}

/*
 * Wait for a write (rw == WRITE) queue to leave congestion, or for
 * 'timeout' jiffies (mm/backing-dev.c).
 */
long congestion_wait(int rw, long timeout);

#define bdi_cap_writeback_dirty(bdi) \
	(!((bdi)->capabilities & BDI_CAP_NO_WRITEBACK))
#define bdi_cap_account_dirty(bdi) \
	(!((bdi)->capabilities & BDI_CAP_NO_ACCT_DIRTY))
#define mapping_cap_writeback_dirty(mapping) \
	bdi_cap_writeback_dirty((mapping)->backing_dev_info)
#define mapping_cap_account_dirty(mapping) \
	bdi_cap_account_dirty((mapping)->backing_dev_info)

#endif
