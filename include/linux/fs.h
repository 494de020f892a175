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
struct block_device;

#define READ 0
#define WRITE 1

#define FMODE_READ 1
#define FMODE_WRITE 2

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
	struct inode *host; /* owner: inode, block_device */
	struct radix_tree_root page_tree; /* radix tree of all pages */
	rwlock_t tree_lock; /* and rwlock protecting it */
	unsigned int i_mmap_writable; /* count VM_SHARED mappings */
	struct prio_tree_root i_mmap; /* tree of private and shared mappings */
	struct list_head i_mmap_nonlinear; /* list VM_NONLINEAR mappings */
	spinlock_t i_mmap_lock; /* protect tree, count, list */
	unsigned int truncate_count; /* Cover race condition with truncate */
	unsigned long nrpages; /* number of total pages */
	pgoff_t writeback_index; /* writeback starts here */
	const struct address_space_operations *a_ops; /* methods */
	unsigned long flags; /* error bits/gfp mask */
	struct backing_dev_info *backing_dev_info; /* device readahead, etc */
	spinlock_t private_lock; /* for use by the address_space */
	struct list_head private_list; /* ditto */
	struct address_space *assoc_mapping; /* ditto */
};

struct inode_operations {
	void (*truncate)(struct inode *);
};

struct inode {
	struct list_head i_list; /* on the dirty list (pdflush) */
	unsigned long i_ino;
	atomic_t i_count;
	unsigned int i_nlink;
	loff_t i_size;
	unsigned int i_blkbits;
	unsigned long i_state;
	unsigned long dirtied_when; /* jiffies (ticks) of first dirtying */
	struct mutex i_mutex;
	const struct inode_operations *i_op;
	struct block_device *i_bdev;
	struct address_space *i_mapping;
	struct address_space i_data;
	void *i_private;
};

struct file_operations {
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*fsync)(struct file *, int datasync);
	int (*release)(struct inode *, struct file *);
};

struct file {
	struct address_space *f_mapping;
	struct inode *f_inode; /* 2006: f_dentry->d_inode */
	const struct file_operations *f_op;
	atomic_t f_count;
	unsigned int f_flags;
	unsigned int f_mode;
	loff_t f_pos;
	void *private_data;
};

/* mmsim: the file table lives in fs/simfs/inode.c */
struct file *fget(unsigned int fd);
void fput(struct file *file);
static inline struct file *get_file(struct file *f)
{
	atomic_inc(&f->f_count);
	return f;
}

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

static inline void i_size_write(struct inode *inode, loff_t i_size)
{
	inode->i_size = i_size;
}

void inode_init_once(struct inode *inode);
void iput(struct inode *inode);
static inline struct inode *igrab(struct inode *inode)
{
	atomic_inc(&inode->i_count);
	return inode;
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
int filemap_flush(struct address_space *);
int wait_on_page_writeback_range(struct address_space *mapping, pgoff_t start,
				 pgoff_t end);
int __filemap_fdatawrite_range(struct address_space *mapping, loff_t start,
			       loff_t end, int sync_mode);
int do_writepages(struct address_space *mapping, struct writeback_control *wbc);
void truncate_inode_pages(struct address_space *, loff_t);
void truncate_inode_pages_range(struct address_space *, loff_t lstart,
				loff_t lend);
unsigned long invalidate_mapping_pages(struct address_space *mapping,
				       pgoff_t start, pgoff_t end);
int generic_file_mmap(struct file *, struct vm_area_struct *);
ssize_t sim_generic_file_read(struct file *file, loff_t pos, char *buf,
			      size_t count);
ssize_t sim_generic_file_write(struct file *file, loff_t pos, const char *buf,
			       size_t count);
int simple_commit_write(struct file *file, struct page *page, unsigned offset,
			unsigned to);

#ifdef CONFIG_MIGRATION
int buffer_migrate_page(struct address_space *, struct page *, struct page *);
#else
#define buffer_migrate_page NULL
#endif

#endif
