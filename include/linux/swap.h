/*
 * linux/swap.h (2.6.20): swap entries, the LRU entry points, swap cache.
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
unsigned long shrink_all_memory(unsigned long nr_pages);
extern int vm_swappiness;
int remove_mapping(struct address_space *mapping, struct page *page);

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

/* linux/mm/swapfile.c */
long total_swap_pages_count(void);
swp_entry_t get_swap_page(void);
int swap_duplicate(swp_entry_t);
int valid_swaphandles(swp_entry_t, unsigned long *);
void swap_free(swp_entry_t);
void free_swap_and_cache(swp_entry_t);
int can_share_swap_page(struct page *);
int remove_exclusive_swap_page(struct page *);

#define page_cache_release(page) put_page(page)

#endif
