/*
 * linux/swap.h (2.6.20): swap entries, the swap area descriptor
 * (struct swap_info_struct), the LRU and reclaim entry points, the swap
 * cache and swap I/O.
 */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H

#include <linux/spinlock.h>
#include <linux/mmzone.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <asm/atomic.h>
#include <asm/page.h>

/*
 * MAX_SWAPFILES defines the maximum number of swaptypes: things which can
 * be swapped to.  The swap type and the offset into that swap type are
 * encoded into pte's and into pgoff_t's in the swapcache.  With
 * CONFIG_MIGRATION the top two types are migration entries.
 */
#define MAX_SWAPFILES_SHIFT 5
#define SWP_MIGRATION_NUM 2
#define SWP_MIGRATION_READ (MAX_SWAPFILES)
#define SWP_MIGRATION_WRITE (MAX_SWAPFILES + 1)
#define MAX_SWAPFILES ((1 << MAX_SWAPFILES_SHIFT) - SWP_MIGRATION_NUM)

typedef struct {
	unsigned long val;
} swp_entry_t;

/*
 * current->reclaim_state points to one of these when a task is running
 * memory reclaim (2006; slab shrinking is not modeled, so it stays 0).
 */
struct reclaim_state {
	unsigned long reclaimed_slab;
};

enum {
	SWP_USED = (1 << 0), /* is slot in swap_info[] used? */
	SWP_WRITEOK = (1 << 1), /* ok to write to this swap?	*/
	SWP_ACTIVE = (SWP_USED | SWP_WRITEOK),
	/* add others here before... */
	SWP_SCANNING = (1 << 8), /* refcount in scan_swap_map */
};

#define SWAP_CLUSTER_MAX 32

#define SWAP_MAP_MAX 0x7fff
#define SWAP_MAP_BAD 0x8000

struct block_device;

/*
 * The in-memory structure used to track swap areas.  2006 described the
 * area by extents of a swap file or partition; mmsim's swap area is one
 * contiguous run of blocks of the simulated disk (bdev, from first_block
 * on, PAGE_SIZE / block size blocks per slot), so there is no extent
 * list, no swap_file and no old_block_size.
 */
struct swap_info_struct {
	unsigned int flags;
	int prio; /* swap priority */
	struct block_device *bdev;
	sector_t first_block; /* mmsim: slot 0 starts here */
	unsigned int blocks_per_slot; /* mmsim: PAGE_SIZE / block size */
	unsigned short *swap_map;
	unsigned int lowest_bit;
	unsigned int highest_bit;
	unsigned int cluster_next;
	unsigned int cluster_nr;
	unsigned int pages;
	unsigned int max;
	unsigned int inuse_pages;
	int next; /* next entry on swap list */
};

struct swap_list_t {
	int head; /* head of priority-ordered swapfile list */
	int next; /* swapfile to be used next */
};

/* Swap 50% full? Release swapcache more aggressively.. */
#define vm_swap_full() (nr_swap_pages * 2 < total_swap_pages)

struct address_space;
struct vm_area_struct;
struct page;

/* linux/mm/page_alloc.c */
extern unsigned long totalram_pages;
extern long nr_swap_pages;
unsigned int nr_free_pages(void);
unsigned int nr_free_pagecache_pages(void);

/* linux/mm/swap.c */
void FASTCALL(lru_cache_add(struct page *));
void FASTCALL(lru_cache_add_active(struct page *));
void FASTCALL(activate_page(struct page *));
void FASTCALL(mark_page_accessed(struct page *));
void lru_add_drain(void);
int lru_add_drain_all(void);
int rotate_reclaimable_page(struct page *page);
void swap_setup(void);

/* linux/mm/vmscan.c */
unsigned long try_to_free_pages(struct zone **zones, gfp_t gfp_mask);

/* linux/mm/oom_kill.c */
struct task_struct;
void out_of_memory(struct zonelist *zonelist, gfp_t gfp_mask, int order);
unsigned long badness(struct task_struct *p, unsigned long uptime);
int kswapd_run(int nid);
unsigned long shrink_all_memory(unsigned long nr_pages);
extern int vm_swappiness;
extern long vm_total_pages;
int remove_mapping(struct address_space *mapping, struct page *page);

/* linux/mm/page_io.c (mmsim: in mm/swap_state.c) */
struct writeback_control;
struct file;
int swap_readpage(struct file *, struct page *);
int swap_writepage(struct page *page, struct writeback_control *wbc);

/* linux/mm/swap_state.c */
extern struct address_space swapper_space;
#define total_swapcache_pages swapper_space.nrpages
void show_swap_cache_info(void);
int add_to_swap(struct page *, gfp_t);
void __delete_from_swap_cache(struct page *);
void delete_from_swap_cache(struct page *);
int move_to_swap_cache(struct page *, swp_entry_t);
int move_from_swap_cache(struct page *, unsigned long, struct address_space *);
void free_page_and_swap_cache(struct page *);
void free_pages_and_swap_cache(struct page **, int);
struct page *lookup_swap_cache(swp_entry_t);
struct page *read_swap_cache_async(swp_entry_t, struct vm_area_struct *vma,
				   unsigned long addr);

/* linux/mm/memory.c */
void swapin_readahead(swp_entry_t, unsigned long, struct vm_area_struct *);

/* linux/mm/swapfile.c */
extern long total_swap_pages;
extern unsigned int nr_swapfiles;
extern spinlock_t swap_lock;
struct backing_dev_info;
void swap_unplug_io_fn(struct backing_dev_info *, struct page *);
struct swap_info_struct *get_swap_info_struct(unsigned type);
swp_entry_t get_swap_page(void);
int swap_duplicate(swp_entry_t);
int valid_swaphandles(swp_entry_t, unsigned long *);
void swap_free(swp_entry_t);
void free_swap_and_cache(swp_entry_t);
int can_share_swap_page(struct page *);
int remove_exclusive_swap_page(struct page *);

#define page_cache_release(page) put_page(page)

#endif
