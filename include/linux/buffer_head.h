/*
 * linux/buffer_head.h (2.6.20): buffer heads, a page's blocks.
 */
#ifndef _LINUX_BUFFER_HEAD_H
#define _LINUX_BUFFER_HEAD_H

#include <linux/types.h>
#include <linux/fs.h>
#include <linux/linkage.h>
#include <linux/pagemap.h>
#include <linux/wait.h>
#include <asm/atomic.h>

enum bh_state_bits {
	BH_Uptodate, /* Contains valid data */
	BH_Dirty, /* Is dirty */
	BH_Lock, /* Is locked */
	BH_Req, /* Has been submitted for I/O */
	BH_Uptodate_Lock, /* Used by the first bh in a page, to serialise
			   * IO completion of other buffers in the page */
	BH_Mapped, /* Has a disk mapping */
	BH_New, /* Disk mapping was newly created by get_block */
	BH_Async_Read, /* Is under end_buffer_async_read I/O */
	BH_Async_Write, /* Is under end_buffer_async_write I/O */
	BH_Delay, /* Buffer is not yet allocated on disk */
	BH_Boundary, /* Block is followed by a discontiguity */
	BH_Write_EIO, /* I/O error on write */
	BH_Ordered, /* ordered write */
	BH_Eopnotsupp, /* operation not supported (barrier) */

	BH_PrivateStart, /* not a state bit, but the first bit available
			 * for private allocation by other entities */
};

#define MAX_BUF_PER_PAGE (PAGE_CACHE_SIZE / 512)

struct page;
struct buffer_head;
struct address_space;
struct block_device;
typedef void(bh_end_io_t)(struct buffer_head *bh, int uptodate);
typedef int(get_block_t)(struct inode *inode, sector_t iblock,
			 struct buffer_head *bh_result, int create);

struct buffer_head {
	unsigned long b_state; /* buffer state bitmap (see above) */
	struct buffer_head *b_this_page; /* circular list of page's buffers */
	struct page *b_page; /* the page this bh is mapped to */

	sector_t b_blocknr; /* start block number */
	size_t b_size; /* size of mapping */
	char *b_data; /* pointer to data within the page */

	struct block_device *b_bdev;
	bh_end_io_t *b_end_io; /* I/O completion */
	void *b_private; /* reserved for b_end_io */
	struct list_head b_assoc_buffers; /* associated with another mapping */
	struct address_space *b_assoc_map; /* mapping this buffer is
					      associated with */
	atomic_t b_count; /* users using this buffer_head */
};

#define BUFFER_FNS(bit, name)                                          \
	static inline void set_buffer_##name(struct buffer_head *bh)   \
	{                                                              \
		set_bit(BH_##bit, &(bh)->b_state);                     \
	}                                                              \
	static inline void clear_buffer_##name(struct buffer_head *bh) \
	{                                                              \
		clear_bit(BH_##bit, &(bh)->b_state);                   \
	}                                                              \
	static inline int buffer_##name(const struct buffer_head *bh)  \
	{                                                              \
		return test_bit(BH_##bit, &(bh)->b_state);             \
	}

#define TAS_BUFFER_FNS(bit, name)                                          \
	static inline int test_set_buffer_##name(struct buffer_head *bh)   \
	{                                                                  \
		return test_and_set_bit(BH_##bit, &(bh)->b_state);         \
	}                                                                  \
	static inline int test_clear_buffer_##name(struct buffer_head *bh) \
	{                                                                  \
		return test_and_clear_bit(BH_##bit, &(bh)->b_state);       \
	}

BUFFER_FNS(Uptodate, uptodate)
BUFFER_FNS(Dirty, dirty)
TAS_BUFFER_FNS(Dirty, dirty)
BUFFER_FNS(Lock, locked)
TAS_BUFFER_FNS(Lock, locked)
BUFFER_FNS(Req, req)
TAS_BUFFER_FNS(Req, req)
BUFFER_FNS(Mapped, mapped)
BUFFER_FNS(New, new)
BUFFER_FNS(Async_Read, async_read)
BUFFER_FNS(Async_Write, async_write)
BUFFER_FNS(Delay, delay)
BUFFER_FNS(Boundary, boundary)
BUFFER_FNS(Write_EIO, write_io_error)
BUFFER_FNS(Ordered, ordered)
BUFFER_FNS(Eopnotsupp, eopnotsupp)

#define bh_offset(bh) ((unsigned long)(bh)->b_data & ~PAGE_MASK)
#define touch_buffer(bh) mark_page_accessed(bh->b_page)

/* If we *know* page->private refers to buffer_heads */
#define page_buffers(page)                                  \
	({                                                  \
		BUG_ON(!PagePrivate(page));                 \
		((struct buffer_head *)page_private(page)); \
	})
#define page_has_buffers(page) PagePrivate(page)

void mark_buffer_dirty(struct buffer_head *bh);
void mark_buffer_async_write(struct buffer_head *bh);
void end_buffer_read_sync(struct buffer_head *bh, int uptodate);
void end_buffer_write_sync(struct buffer_head *bh, int uptodate);
int submit_bh(int rw, struct buffer_head *bh);
void ll_rw_block(int rw, int nr, struct buffer_head *bhs[]);
int block_read_full_page(struct page *page, get_block_t *get_block);
int block_prepare_write(struct page *page, unsigned from, unsigned to,
			get_block_t *get_block);
int generic_commit_write(struct file *file, struct page *page, unsigned from,
			 unsigned to);
void block_invalidatepage(struct page *page, unsigned long offset);
void block_sync_page(struct page *page);
void buffer_init(void);
void init_buffer(struct buffer_head *, bh_end_io_t *, void *);
void set_bh_page(struct buffer_head *bh, struct page *page,
		 unsigned long offset);
int try_to_free_buffers(struct page *);
struct buffer_head *alloc_page_buffers(struct page *page, unsigned long size,
				       int retry);
void create_empty_buffers(struct page *, unsigned long, unsigned long b_state);
void __lock_buffer(struct buffer_head *bh);
void unlock_buffer(struct buffer_head *bh);
void __wait_on_buffer(struct buffer_head *);
void free_buffer_head(struct buffer_head *bh);
struct buffer_head *alloc_buffer_head(gfp_t gfp_flags);
int block_write_full_page(struct page *page,
			  int (*get_block)(struct inode *, sector_t,
					   struct buffer_head *, int),
			  struct writeback_control *wbc);
int __set_page_dirty_buffers(struct page *page);

static inline void attach_page_buffers(struct page *page,
				       struct buffer_head *head)
{
	page_cache_get(page);
	SetPagePrivate(page);
	set_page_private(page, (unsigned long)head);
}

/*
 * mmsim: BH_Lock waiters sleep through the door on one key per buffer
 * (2006: the zone's bit wait queue hashed by &bh->b_state and BH_Lock).
 */
static inline const void *bh_wait_key(struct buffer_head *bh)
{
	return (const char *)&bh->b_state + BH_Lock;
}

static inline void map_bh(struct buffer_head *bh, struct block_device *bdev,
			  sector_t block, size_t size)
{
	set_buffer_mapped(bh);
	bh->b_bdev = bdev;
	bh->b_blocknr = block;
	bh->b_size = size;
}

static inline void get_bh(struct buffer_head *bh)
{
	atomic_inc(&bh->b_count);
}

static inline void put_bh(struct buffer_head *bh)
{
	smp_mb__before_atomic_dec();
	atomic_dec(&bh->b_count);
}

static inline void wait_on_buffer(struct buffer_head *bh)
{
	might_sleep();
	if (buffer_locked(bh) || atomic_read(&bh->b_count) == 0)
		__wait_on_buffer(bh);
}

static inline void lock_buffer(struct buffer_head *bh)
{
	might_sleep();
	if (test_set_buffer_locked(bh))
		__lock_buffer(bh);
}

#endif
