/*
 * linux/fs.h (2.6.20 subset): address_space and its operations, inodes
 * and files as far as the page cache and mmap need them.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/radix-tree.h>
#include <linux/prio_tree.h>
#include <linux/mutex.h>
#include <asm/atomic.h>

struct page;
struct inode;
struct file;
struct writeback_control;
struct backing_dev_info;
struct address_space;
struct vm_area_struct;
struct kiocb;
struct iovec;

#define PAGECACHE_TAG_DIRTY 0
#define PAGECACHE_TAG_WRITEBACK 1

/*
 * positive return values of address_space_operations
 */
enum positive_aop_returns {
	AOP_WRITEPAGE_ACTIVATE = 0x80000,
	AOP_TRUNCATED_PAGE = 0x80001,
};

struct address_space_operations {
	int (*writepage)(struct page *page, struct writeback_control *wbc);
	int (*readpage)(struct file *, struct page *);
	void (*sync_page)(struct page *);

	/* Write back some dirty pages from this mapping. */
	int (*writepages)(struct address_space *, struct writeback_control *);

	/* Set a page dirty.  Return true if this dirtied it */
	int (*set_page_dirty)(struct page *page);

	int (*readpages)(struct file *filp, struct address_space *mapping,
			 struct list_head *pages, unsigned nr_pages);

	int (*prepare_write)(struct file *, struct page *, unsigned, unsigned);
	int (*commit_write)(struct file *, struct page *, unsigned, unsigned);
	sector_t (*bmap)(struct address_space *, sector_t);
	void (*invalidatepage)(struct page *, unsigned long);
	int (*releasepage)(struct page *, gfp_t);
	ssize_t (*direct_IO)(int, struct kiocb *, const struct iovec *iov,
			     loff_t offset, unsigned long nr_segs);
	struct page *(*get_xip_page)(struct address_space *, sector_t, int);
	/* migrate the contents of a page to the specified target */
	int (*migratepage)(struct address_space *, struct page *,
			   struct page *);
	int (*launder_page)(struct page *);
};

struct address_space {
	struct inode *host;			/* owner: inode, block_device */
	struct radix_tree_root page_tree;	/* radix tree of all pages */
	rwlock_t tree_lock;			/* and rwlock protecting it */
	unsigned int i_mmap_writable;		/* count VM_SHARED mappings */
	struct prio_tree_root i_mmap;		/* tree of private and shared mappings */
	struct list_head i_mmap_nonlinear;	/* list VM_NONLINEAR mappings */
	spinlock_t i_mmap_lock;			/* protect tree, count, list */
	unsigned int truncate_count;		/* Cover race condition with truncate */
	unsigned long nrpages;			/* number of total pages */
	pgoff_t writeback_index;		/* writeback starts here */
	const struct address_space_operations *a_ops;	/* methods */
	unsigned long flags;			/* error bits/gfp mask */
	struct backing_dev_info *backing_dev_info; /* device readahead, etc */
	spinlock_t private_lock;		/* for use by the address_space */
	struct list_head private_list;		/* ditto */
	struct address_space *assoc_mapping;	/* ditto */
};

struct inode {
	unsigned long i_ino;
	atomic_t i_count;
	loff_t i_size;
	unsigned int i_blkbits;
	unsigned long i_state;
	struct mutex i_mutex;
	struct address_space *i_mapping;
	struct address_space i_data;
	void *i_private;
};

struct file {
	struct address_space *f_mapping;
	struct inode *f_inode;
	atomic_t f_count;
	unsigned int f_flags;
	unsigned int f_mode;
	loff_t f_pos;
	void *private_data;
};

#define I_DIRTY_SYNC 1
#define I_DIRTY_DATASYNC 2
#define I_DIRTY_PAGES 4
#define I_DIRTY (I_DIRTY_SYNC | I_DIRTY_DATASYNC | I_DIRTY_PAGES)

void __mark_inode_dirty(struct inode *, int);
static inline void mark_inode_dirty(struct inode *inode)
{
	__mark_inode_dirty(inode, I_DIRTY);
}

static inline loff_t i_size_read(const struct inode *inode)
{
	return inode->i_size;
}

static inline int mapping_mapped(struct address_space *mapping)
{
	return !prio_tree_empty(&mapping->i_mmap) ||
	       !list_empty(&mapping->i_mmap_nonlinear);
}

static inline int mapping_writably_mapped(struct address_space *mapping)
{
	return mapping->i_mmap_writable != 0;
}

void address_space_init_once(struct address_space *mapping);
int sync_page_range(struct inode *inode, struct address_space *mapping,
		    loff_t pos, loff_t count);
int filemap_fdatawrite(struct address_space *);
int filemap_fdatawait(struct address_space *);
int filemap_write_and_wait(struct address_space *mapping);
int do_writepages(struct address_space *mapping,
		  struct writeback_control *wbc);
void truncate_inode_pages(struct address_space *, loff_t);

#ifdef CONFIG_MIGRATION
int buffer_migrate_page(struct address_space *, struct page *, struct page *);
#else
#define buffer_migrate_page NULL
#endif

#endif
