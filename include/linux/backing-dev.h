/* linux/backing-dev.h (2.6.20 subset): capabilities of a mapping's device. */
#ifndef _LINUX_BACKING_DEV_H
#define _LINUX_BACKING_DEV_H

#include <linux/fs.h>

struct backing_dev_info {
	unsigned long ra_pages;
	unsigned long state;
	unsigned int capabilities;
};

#define BDI_CAP_NO_ACCT_DIRTY 0x00000001
#define BDI_CAP_NO_WRITEBACK 0x00000002

extern struct backing_dev_info default_backing_dev_info;

#define bdi_cap_writeback_dirty(bdi)                                          \
	(!((bdi)->capabilities & BDI_CAP_NO_WRITEBACK))
#define bdi_cap_account_dirty(bdi)                                            \
	(!((bdi)->capabilities & BDI_CAP_NO_ACCT_DIRTY))
#define mapping_cap_writeback_dirty(mapping)                                  \
	bdi_cap_writeback_dirty((mapping)->backing_dev_info)
#define mapping_cap_account_dirty(mapping)                                    \
	bdi_cap_account_dirty((mapping)->backing_dev_info)

#endif
