/*
 * sim/kernel/traps.c - loud traps for what migrate.c links against but a
 * later part of mmsim provides.  Calling one prints
 * "mmsim: not modeled yet: NAME" and aborts: never a silent stub.
 *
 * The issue that implements a function deletes its trap here, and the
 * list in tests/kernel/test_traps.c with it.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/buffer_head.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include <linux/rmap.h>
#include <linux/cpuset.h>
#include <linux/security.h>
#include <linux/vmalloc.h>
#include <sim/door.h>

#define TRAP(name) sim_not_modeled(#name)

/* The names below, for the test that lists what remains. */
const char *const mmsim_traps[] = {
	"__lock_buffer",
	"unlock_buffer",
	"set_bh_page",
	"clear_page_dirty_for_io",
	"set_page_dirty",
	"end_page_writeback",
	"try_to_release_page",
	"radix_tree_lookup_slot",
	"vma_prio_tree_next",
	"__lock_page",
	"unlock_page",
	"wait_on_page_bit",
	"copy_from_user",
	"copy_to_user",
	"cpuset_mems_allowed",
	"find_vma",
	"follow_page",
	"get_task_mm",
	"mmput",
	"lru_add_drain_all",
	"lru_cache_add",
	"lru_cache_add_active",
	"page_add_anon_rmap",
	"page_add_file_rmap",
	"page_address_in_vma",
	"try_to_unmap",
	"vmalloc",
	"vfree",
	NULL
};

/* buffer heads: the page-cache issue (sim/fs) */
void __lock_buffer(struct buffer_head *bh)
{
	TRAP(__lock_buffer);
}

void unlock_buffer(struct buffer_head *bh)
{
	TRAP(unlock_buffer);
}

void set_bh_page(struct buffer_head *bh, struct page *page,
		 unsigned long offset)
{
	TRAP(set_bh_page);
}

/* writeback: the page-cache issue (mm/page-writeback.c) */
int clear_page_dirty_for_io(struct page *page)
{
	TRAP(clear_page_dirty_for_io);
}

int set_page_dirty(struct page *page)
{
	TRAP(set_page_dirty);
}

void end_page_writeback(struct page *page)
{
	TRAP(end_page_writeback);
}

/* page cache: the page-cache issue (mm/filemap.c) */
int try_to_release_page(struct page *page, gfp_t gfp_mask)
{
	TRAP(try_to_release_page);
}

/* radix tree: the page-cache issue (sim/lib/radix-tree.c) */
void **radix_tree_lookup_slot(struct radix_tree_root *root,
			      unsigned long index)
{
	TRAP(radix_tree_lookup_slot);
}

/* prio tree: the page-cache issue (mm/prio_tree.c) */
struct vm_area_struct *vma_prio_tree_next(struct vm_area_struct *vma,
					  struct prio_tree_iter *iter)
{
	TRAP(vma_prio_tree_next);
}

/* address spaces, rmap, LRU, tasks: the address-space issue */
void __lock_page(struct page *page)
{
	TRAP(__lock_page);
}

void unlock_page(struct page *page)
{
	TRAP(unlock_page);
}

void wait_on_page_bit(struct page *page, int bit_nr)
{
	TRAP(wait_on_page_bit);
}


unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	TRAP(copy_from_user);
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	TRAP(copy_to_user);
}

nodemask_t cpuset_mems_allowed(struct task_struct *p)
{
	TRAP(cpuset_mems_allowed);
}


struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	TRAP(find_vma);
}

struct page *follow_page(struct vm_area_struct *vma, unsigned long address, unsigned int foll_flags)
{
	TRAP(follow_page);
}

struct mm_struct *get_task_mm(struct task_struct *task)
{
	TRAP(get_task_mm);
}

void mmput(struct mm_struct *mm)
{
	TRAP(mmput);
}

int lru_add_drain_all(void)
{
	TRAP(lru_add_drain_all);
}

void lru_cache_add(struct page *page)
{
	TRAP(lru_cache_add);
}

void lru_cache_add_active(struct page *page)
{
	TRAP(lru_cache_add_active);
}

void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address)
{
	TRAP(page_add_anon_rmap);
}

void page_add_file_rmap(struct page *page)
{
	TRAP(page_add_file_rmap);
}

unsigned long page_address_in_vma(struct page *page, struct vm_area_struct *vma)
{
	TRAP(page_address_in_vma);
}


int try_to_unmap(struct page *page, int migration)
{
	TRAP(try_to_unmap);
}

void *vmalloc(unsigned long size)
{
	TRAP(vmalloc);
}

void vfree(void *addr)
{
	TRAP(vfree);
}

/* The swap cache: the page-cache issue (mm/swap_state.c). */
struct address_space swapper_space;
