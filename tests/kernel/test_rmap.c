/*
 * tests/kernel/test_rmap.c - mm/rmap.c: the rmap counters of a page, the
 * anon_vma life cycle, page_address_in_vma (with vmas and anon_vmas built
 * by hand), and, on a real address space, try_to_unmap's migration
 * entries and page_referenced.
 */
#include "mmtest.h"
#include <linux/rmap.h>
#include <linux/pagemap.h>
#include <linux/fs.h>

#define VSTART 0x200000UL
#define VPAGES 16

static void boot(void)
{
	mmt_boot(2, 64 << 20);
}

static struct page *new_page(void)
{
	struct page *page = alloc_pages_node(0, GFP_HIGHUSER, 0);

	KT_ASSERT_NONNULL(page);
	return page;
}

/*
 * An anonymous vma of VPAGES pages at VSTART in mm (by hand, in no mm's
 * vma list), given a new anon_vma the way anon_vma_prepare does.
 */
static void anon_vma_setup(struct vm_area_struct *vma, struct mm_struct *mm)
{
	struct anon_vma *anon_vma;

	memset(vma, 0, sizeof(*vma));
	vma->vm_mm = mm;
	vma->vm_start = VSTART;
	vma->vm_end = VSTART + VPAGES * PAGE_SIZE;
	vma->vm_pgoff = VSTART >> PAGE_SHIFT; /* as do_mmap_pgoff for anon */
	vma->vm_flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE;
	anon_vma = anon_vma_alloc();
	KT_ASSERT_NONNULL(anon_vma);
	vma->anon_vma = anon_vma;
	list_add_tail(&vma->anon_vma_node, &anon_vma->head);
}

static long anon_pages(struct page *page)
{
	return zone_page_state(page_zone(page), NR_ANON_PAGES);
}

static long file_mapped(struct page *page)
{
	return zone_page_state(page_zone(page), NR_FILE_MAPPED);
}

KTEST(anon_vma_prepare_gives_the_vma_an_anon_vma_once)
{
	struct vm_area_struct *vma;
	struct anon_vma *av;
	unsigned long addr, objs;

	boot();
	mmt_enter(mmt_task("app", 1000, 0, 0));
	addr = mmt_mmap(4);
	vma = find_vma(current->mm, addr);
	KT_ASSERT_NONNULL(vma);
	KT_ASSERT_NULL(vma->anon_vma); /* nothing faulted yet */
	objs = kmem_cache_objects(anon_vma_cachep);

	KT_ASSERT_INT_EQ(anon_vma_prepare(vma), 0);
	av = vma->anon_vma;
	KT_ASSERT_NONNULL(av);
	KT_ASSERT_INT_EQ(kmem_cache_objects(anon_vma_cachep), objs + 1);
	KT_ASSERT_PTR_EQ(av->head.next, &vma->anon_vma_node);
	KT_ASSERT_PTR_EQ(vma->anon_vma_node.next, &av->head);

	KT_ASSERT_INT_EQ(anon_vma_prepare(vma), 0); /* already has one */
	KT_ASSERT_PTR_EQ(vma->anon_vma, av);
	KT_ASSERT_INT_EQ(kmem_cache_objects(anon_vma_cachep), objs + 1);
}

KTEST(anon_vma_unlink_of_the_last_vma_frees_the_anon_vma)
{
	static struct mm_struct mm;
	static struct vm_area_struct vma, child;
	unsigned long objs;

	boot();
	objs = kmem_cache_objects(anon_vma_cachep);
	anon_vma_setup(&vma, &mm);
	child = vma; /* what fork's dup of a vma does */
	anon_vma_link(&child);
	KT_ASSERT_PTR_EQ(vma.anon_vma_node.next, &child.anon_vma_node);

	anon_vma_unlink(&vma);
	KT_ASSERT_INT_EQ(kmem_cache_objects(anon_vma_cachep), objs + 1);
	KT_ASSERT_PTR_EQ(child.anon_vma->head.next, &child.anon_vma_node);
	anon_vma_unlink(&child);
	KT_ASSERT_INT_EQ(kmem_cache_objects(anon_vma_cachep), objs);
}

KTEST(page_add_new_anon_rmap_sets_mapping_index_and_mapcount)
{
	static struct mm_struct mm;
	static struct vm_area_struct vma;
	struct page *page;
	long anon;

	boot();
	anon_vma_setup(&vma, &mm);
	page = new_page();
	anon = anon_pages(page);
	KT_ASSERT_INT_EQ(page_mapcount(page), 0);

	page_add_new_anon_rmap(page, &vma, VSTART + 3 * PAGE_SIZE);
	KT_ASSERT_PTR_EQ(page->mapping, (void *)((unsigned long)vma.anon_vma |
						 PAGE_MAPPING_ANON));
	KT_ASSERT(PageAnon(page));
	KT_ASSERT_NULL(page_mapping(page));
	KT_ASSERT_UINT_EQ(page->index, (VSTART >> PAGE_SHIFT) + 3);
	KT_ASSERT_INT_EQ(page_mapcount(page), 1);
	KT_ASSERT_INT_EQ(page_count(page), 1); /* rmap leaves _count alone */
	KT_ASSERT_INT_EQ(anon_pages(page), anon + 1);
}

KTEST(page_add_anon_rmap_of_a_mapped_page_only_raises_mapcount)
{
	static struct mm_struct mm, mm2;
	static struct vm_area_struct vma, vma2;
	struct page *page;
	long anon;

	boot();
	anon_vma_setup(&vma, &mm);
	anon_vma_setup(&vma2, &mm2);
	page = new_page();
	page_add_anon_rmap(page, &vma, VSTART); /* -1 -> 0: sets mapping */
	anon = anon_pages(page);
	page_add_anon_rmap(page, &vma2, VSTART + PAGE_SIZE);
	KT_ASSERT_INT_EQ(page_mapcount(page), 2);
	KT_ASSERT_PTR_EQ(page->mapping, (void *)((unsigned long)vma.anon_vma |
						 PAGE_MAPPING_ANON));
	KT_ASSERT_UINT_EQ(page->index, VSTART >> PAGE_SHIFT);
	KT_ASSERT_INT_EQ(anon_pages(page), anon);
}

KTEST(page_remove_rmap_of_the_last_mapping_uncounts_but_keeps_mapping)
{
	static struct mm_struct mm;
	static struct vm_area_struct vma;
	struct page *page;
	long anon;

	boot();
	anon_vma_setup(&vma, &mm);
	page = new_page();
	anon = anon_pages(page);
	page_add_new_anon_rmap(page, &vma, VSTART);
	page_dup_rmap(page); /* a second pte, as fork copies it */
	page_remove_rmap(page, &vma);
	KT_ASSERT_INT_EQ(page_mapcount(page), 1);
	KT_ASSERT_INT_EQ(anon_pages(page), anon + 1);
	page_remove_rmap(page, &vma);
	KT_ASSERT_INT_EQ(atomic_read(&page->_mapcount), -1);
	KT_ASSERT(!page_mapped(page));
	KT_ASSERT_INT_EQ(anon_pages(page), anon);
	KT_ASSERT(PageAnon(page)); /* left for the allocator to clear */
}

KTEST(page_add_file_rmap_counts_nr_file_mapped_once)
{
	static struct address_space mapping;
	static struct vm_area_struct vma;
	struct page *page;
	long mapped;

	boot();
	page = new_page();
	page->mapping = &mapping;
	mapped = file_mapped(page);
	page_add_file_rmap(page);
	page_add_file_rmap(page);
	KT_ASSERT_INT_EQ(page_mapcount(page), 2);
	KT_ASSERT_INT_EQ(file_mapped(page), mapped + 1);
	page_remove_rmap(page, &vma);
	page_remove_rmap(page, &vma);
	KT_ASSERT_INT_EQ(file_mapped(page), mapped);
	page->mapping = NULL;
}

KTEST(page_address_in_vma_of_an_anon_page_checks_the_anon_vma_and_range)
{
	static struct mm_struct mm, mm2;
	static struct vm_area_struct vma, other;
	struct page *page;

	boot();
	anon_vma_setup(&vma, &mm);
	anon_vma_setup(&other, &mm2); /* same range, another anon_vma */
	page = new_page();
	page_add_new_anon_rmap(page, &vma, VSTART + 5 * PAGE_SIZE);

	KT_ASSERT_UINT_EQ(page_address_in_vma(page, &vma),
			  VSTART + 5 * PAGE_SIZE);
	KT_ASSERT_UINT_EQ(page_address_in_vma(page, &other), -EFAULT);

	page->index = (VSTART >> PAGE_SHIFT) + VPAGES; /* past vm_end */
	KT_ASSERT_UINT_EQ(page_address_in_vma(page, &vma), -EFAULT);
	page->index = (VSTART >> PAGE_SHIFT) - 1; /* before vm_start */
	KT_ASSERT_UINT_EQ(page_address_in_vma(page, &vma), -EFAULT);
}

KTEST(page_address_in_vma_of_a_file_page_checks_the_file_mapping)
{
	static struct address_space mapping, other_mapping;
	static struct file file = {.f_mapping = &mapping};
	static struct vm_area_struct vma;
	struct page *page;

	boot();
	vma.vm_start = VSTART;
	vma.vm_end = VSTART + VPAGES * PAGE_SIZE;
	vma.vm_pgoff = 100;
	vma.vm_file = &file;
	vma.vm_flags = VM_READ | VM_SHARED;
	page = new_page();
	page->mapping = &mapping;
	page->index = 102;

	KT_ASSERT_UINT_EQ(page_address_in_vma(page, &vma),
			  VSTART + 2 * PAGE_SIZE);
	page->mapping = &other_mapping;
	KT_ASSERT_UINT_EQ(page_address_in_vma(page, &vma), -EFAULT);
	page->mapping = &mapping;
	vma.vm_flags |= VM_NONLINEAR;
	KT_ASSERT_UINT_EQ(page_address_in_vma(page, &vma), -EFAULT);
	vma.vm_flags &= ~VM_NONLINEAR;
	page->mapping = NULL; /* neither anon nor file */
	KT_ASSERT_UINT_EQ(page_address_in_vma(page, &vma), -EFAULT);
}

/* ---- on a real address space (mm/memory.c page tables) ---------------- */

/* One anonymous page, written (so mapped writable and dirty) by a task. */
static struct page *faulted_anon_page(unsigned long *addrp, pte_t **ptepp)
{
	unsigned long addr;
	pte_t *ptep;

	boot();
	mmt_enter(mmt_task("app", 1000, 0, 0));
	addr = mmt_mmap(1);
	mmt_fill(addr, 1);
	lru_add_drain();
	ptep = mmt_pte(current->mm, addr);
	KT_ASSERT(ptep && pte_present(*ptep));
	*addrp = addr;
	*ptepp = ptep;
	/* the reference migration's isolate_lru_page would hold */
	get_page(pte_page(*ptep));
	return pte_page(*ptep);
}

KTEST(try_to_unmap_for_migration_installs_a_write_migration_entry)
{
	unsigned long addr;
	pte_t *ptep;
	struct page *page = faulted_anon_page(&addr, &ptep);
	swp_entry_t entry;
	int count;

	KT_ASSERT(pte_write(*ptep));
	KT_ASSERT_INT_EQ(page_mapcount(page), 1);
	count = page_count(page);
	KT_ASSERT_INT_EQ(count, 2); /* the pte's and ours */
	lock_page(page);
	KT_ASSERT_INT_EQ(try_to_unmap(page, 1), SWAP_SUCCESS);

	KT_ASSERT(mmt_is_migration_pte(*ptep));
	entry = pte_to_swp_entry(*ptep);
	KT_ASSERT(is_write_migration_entry(entry));
	KT_ASSERT_PTR_EQ(migration_entry_to_page(entry), page);
	KT_ASSERT(!page_mapped(page));
	KT_ASSERT_INT_EQ(page_count(page), count - 1); /* the pte's went */
	KT_ASSERT(PageDirty(page)); /* the dirty pte moved to the page */
	KT_ASSERT_INT_EQ(sim_page_node(current->pid, addr), -EAGAIN);
}

KTEST(try_to_unmap_of_a_read_only_pte_installs_a_read_migration_entry)
{
	unsigned long addr;
	pte_t *ptep;
	struct page *page = faulted_anon_page(&addr, &ptep);

	ptep_set_wrprotect(current->mm, addr, ptep);
	lock_page(page);
	KT_ASSERT_INT_EQ(try_to_unmap(page, 1), SWAP_SUCCESS);
	KT_ASSERT(mmt_is_migration_pte(*ptep));
	KT_ASSERT(!is_write_migration_entry(pte_to_swp_entry(*ptep)));
}

KTEST(try_to_unmap_without_migration_fails_on_a_young_pte)
{
	unsigned long addr;
	pte_t *ptep;
	struct page *page = faulted_anon_page(&addr, &ptep);

	KT_ASSERT(pte_young(*ptep));
	lock_page(page);
	KT_ASSERT_INT_EQ(try_to_unmap(page, 0), SWAP_FAIL);
	KT_ASSERT(pte_present(*ptep));
	KT_ASSERT(!pte_young(*ptep)); /* the young bit was cleared */
	KT_ASSERT_INT_EQ(page_mapcount(page), 1);
	unlock_page(page);
}

KTEST(try_to_unmap_without_migration_fails_in_a_locked_vma)
{
	unsigned long addr;
	pte_t *ptep;
	struct page *page = faulted_anon_page(&addr, &ptep);
	struct vm_area_struct *vma = current->mm->mmap;

	vma->vm_flags |= VM_LOCKED;
	*ptep = pte_mkold(*ptep);
	lock_page(page);
	KT_ASSERT_INT_EQ(try_to_unmap(page, 0), SWAP_FAIL);
	KT_ASSERT(pte_present(*ptep));
	KT_ASSERT_INT_EQ(page_mapcount(page), 1);
	unlock_page(page);
}

KTEST(page_referenced_counts_and_clears_young_ptes)
{
	unsigned long addr;
	pte_t *ptep;
	struct page *page = faulted_anon_page(&addr, &ptep);

	ClearPageReferenced(page);
	KT_ASSERT_INT_EQ(page_referenced(page, 0), 1);
	KT_ASSERT(!pte_young(*ptep));
	KT_ASSERT_INT_EQ(page_referenced(page, 0), 0);
	SetPageReferenced(page);
	KT_ASSERT_INT_EQ(page_referenced(page, 0), 1);
	KT_ASSERT(!PageReferenced(page));
}
