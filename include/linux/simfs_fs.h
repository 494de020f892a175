/*
 * include/linux/simfs_fs.h - what fs/simfs/inode.c and mm/shmem.c share:
 * the in-memory inode of the simulated filesystem and its flavours
 * (reference 4.3), as include/linux/ext2_fs.h and shmem_fs.h were in 2006.
 */
#ifndef _LINUX_SIMFS_FS_H
#define _LINUX_SIMFS_FS_H

#include <linux/fs.h>
#include <linux/spinlock.h>
#include <linux/kernel.h>

#define SIMFS_NAME_LEN 32
#define SIMFS_MAX_FILES 64
#define SIMFS_MAX_BYTES (64ULL << 20) /* largest file: 64 MiB */

struct simfs_flavour {
	const char *name;
	const struct address_space_operations *a_ops;
	struct backing_dev_info *bdi;
	const struct file_operations *f_op;
	unsigned int blkbits; /* i_blkbits */
	int uses_blocks; /* has a block map on the disk */
};

struct simfs_inode {
	struct inode vfs_inode;
	char name[SIMFS_NAME_LEN];
	const struct simfs_flavour *flavour;
	spinlock_t map_lock; /* the block map */
	sector_t *blocks; /* disk block of each file block; 0 = hole */
	unsigned long nr_map; /* entries in blocks[] */
};

static inline struct simfs_inode *SIMFS_I(struct inode *inode)
{
	return container_of(inode, struct simfs_inode, vfs_inode);
}

const struct simfs_flavour *simfs_flavour(const char *name);
struct inode *simfs_new_inode(const struct simfs_flavour *fl, const char *name,
			      loff_t size);
struct file *simfs_new_file(struct inode *inode, unsigned int mode);

/* shmem.c */
extern const struct simfs_flavour shmem_flavour;

#endif
