/*
 * tests/kernel/test_mmap.c - mm/mmap.c and the mm half of kernel/fork.c:
 * vma lookup, splitting and merging, munmap and exit_mmap giving every
 * page and page table back, and fork's copy-on-write sharing (including
 * a migration entry crossing fork).
 *
 * Each test boots a 2-node machine and runs as init_task with an mm of
 * its own from mm_alloc().
 */
#include "mmtest.h"
#include <linux/rmap.h>
#include <linux/pagemap.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/string.h>

#define RW (PROT_READ | PROT_WRITE)
#define BASE 0x40000000UL /* a fixed, page-table-aligned address */

static struct mm_struct *boot_with_mm(void)
{
	struct mm_struct *mm;

	mmt_boot(2, 64 << 20);
	mm = mm_alloc();
	KT_ASSERT_NONNULL(mm);
	current->mm = mm;
	current->active_mm = mm;
	return mm;
}

static void use_mm(struct mm_struct *mm)
{
	current->mm = mm;
	current->active_mm = mm;
}

static void unmap(unsigned long addr, unsigned long pages)
{
	struct mm_struct *mm = current->mm;

	down_write(&mm->mmap_sem);
	KT_ASSERT_INT_EQ(do_munmap(mm, addr, pages << PAGE_SHIFT), 0);
	up_write(&mm->mmap_sem);
}

static void touch(unsigned long addr, unsigned long pages)
{
	unsigned long i;

	for (i = 0; i < pages; i++)
		KT_ASSERT_INT_EQ(
			put_user(
				i + 1,
				(unsigned long __user *)(addr + i * PAGE_SIZE)),
			0);
}

static unsigned long free_pages_all(void)
{
	return sim_node_free_pages(0) + sim_node_free_pages(1);
}

static unsigned long pagetables_all(void)
{
	return node_page_state(0, NR_PAGETABLE) +
	       node_page_state(1, NR_PAGETABLE);
}

/*
 * The list, the rbtree and map_count agree, the vmas are sorted and do
 * not overlap; returns the number of vmas.
 */
static int check_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	struct rb_node *nd;
	unsigned long prev_end = 0;
	int n = 0;

	nd = rb_first(&mm->mm_rb);
	for (vma = mm->mmap; vma; vma = vma->vm_next, nd = rb_next(nd)) {
		KT_ASSERT_PTR_EQ(nd, &vma->vm_rb);
		KT_ASSERT(vma->vm_start < vma->vm_end);
		KT_ASSERT(vma->vm_start >= prev_end);
		KT_ASSERT_PTR_EQ(vma->vm_mm, mm);
		prev_end = vma->vm_end;
		n++;
	}
	KT_ASSERT_NULL(nd);
	KT_ASSERT_INT_EQ(mm->map_count, n);
	return n;
}

static int anon_vma_users(struct anon_vma *anon_vma)
{
	struct list_head *p;
	int n = 0;

	list_for_each(p, &anon_vma->head)
		n++;
	return n;
}

KTEST(find_vma_returns_the_first_vma_ending_above_the_address)
{
	struct mm_struct *mm = boot_with_mm();
	struct vm_area_struct *a, *b, *prev;

	mmt_do_mmap(BASE, 2, RW, MAP_FIXED);
	mmt_do_mmap(BASE + 16 * PAGE_SIZE, 2, PROT_READ, MAP_FIXED);
	KT_ASSERT_INT_EQ(check_vmas(mm), 2);
	a = mm->mmap;
	b = a->vm_next;

	down_read(&mm->mmap_sem);
	KT_ASSERT_PTR_EQ(find_vma(mm, 0), a); /* above the address */
	KT_ASSERT_PTR_EQ(find_vma(mm, BASE - 1), a);
	KT_ASSERT_PTR_EQ(find_vma(mm, BASE), a);
	KT_ASSERT_PTR_EQ(find_vma(mm, BASE + 2 * PAGE_SIZE - 1), a);
	KT_ASSERT_PTR_EQ(find_vma(mm, BASE + 2 * PAGE_SIZE), b); /* hole */
	KT_ASSERT_PTR_EQ(find_vma(mm, BASE + 17 * PAGE_SIZE), b);
	KT_ASSERT_NULL(find_vma(mm, BASE + 18 * PAGE_SIZE));
	KT_ASSERT_PTR_EQ(mm->mmap_cache, b);

	KT_ASSERT_PTR_EQ(find_vma_prev(mm, BASE + 4 * PAGE_SIZE, &prev), b);
	KT_ASSERT_PTR_EQ(prev, a);
	KT_ASSERT_PTR_EQ(find_vma_prev(mm, BASE, &prev), a);
	KT_ASSERT_NULL(prev);
	KT_ASSERT_NULL(find_vma_intersection(mm, BASE + 2 * PAGE_SIZE,
					     BASE + 16 * PAGE_SIZE));
	up_read(&mm->mmap_sem);
}

KTEST(mmap_without_address_goes_bottom_up_from_task_unmapped_base)
{
	struct mm_struct *mm = boot_with_mm();
	unsigned long a, b, c;

	a = mmt_do_mmap(0, 4, RW, 0);
	KT_ASSERT_UINT_EQ(a, TASK_UNMAPPED_BASE);
	b = mmt_do_mmap(0, 4, PROT_READ, 0);
	KT_ASSERT_UINT_EQ(b, a + 4 * PAGE_SIZE);
	unmap(a, 4);
	c = mmt_do_mmap(0, 2, PROT_READ | PROT_EXEC,
			0); /* the hole is reused */
	KT_ASSERT_UINT_EQ(c, a);
	KT_ASSERT_INT_EQ(check_vmas(mm), 2);
	KT_ASSERT_INT_EQ(mm->total_vm, 6);
	/* the vma carries the private protections of 2006's __P tables */
	KT_ASSERT_UINT_EQ(pgprot_val(find_vma(mm, b)->vm_page_prot),
			  pgprot_val(PAGE_READONLY));
	KT_ASSERT_UINT_EQ(find_vma(mm, b)->vm_flags,
			  VM_READ | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC);
}

/*
 * Since the page-cache issue, MAP_SHARED|MAP_ANONYMOUS is backed by an
 * unlinked shmem file (shmem_zero_setup), linked into its i_mmap tree;
 * munmap drops the vma's file and with it the shmem object.
 */
KTEST(shared_anonymous_mapping_gets_an_unlinked_shmem_file)
{
	struct mm_struct *mm = boot_with_mm();
	struct vm_area_struct *vma;
	unsigned long ret;

	down_write(&mm->mmap_sem);
	ret = do_mmap_pgoff(NULL, 0, 2 * PAGE_SIZE, RW,
			    MAP_SHARED | MAP_ANONYMOUS, 0);
	KT_ASSERT(!IS_ERR_VALUE(ret));
	vma = find_vma(mm, ret);
	KT_ASSERT_NONNULL(vma);
	KT_ASSERT_NONNULL(vma->vm_file);
	KT_ASSERT_NONNULL(vma->vm_ops);
	KT_ASSERT(vma->vm_flags & VM_SHARED);
	/* shmem accounts no dirty pages: no write notification */
	KT_ASSERT(!vma_wants_writenotify(vma));
	KT_ASSERT(mapping_mapped(vma->vm_file->f_mapping));
	KT_ASSERT_INT_EQ(atomic_read(&vma->vm_file->f_count), 1);
	KT_ASSERT_INT_EQ(do_munmap(mm, ret, 2 * PAGE_SIZE), 0);
	up_write(&mm->mmap_sem);
	KT_ASSERT_INT_EQ(check_vmas(mm), 0);
}

KTEST(mmap_and_munmap_split_a_vma_in_three_and_merge_it_back)
{
	struct mm_struct *mm = boot_with_mm();
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;

	mmt_do_mmap(BASE, 6, RW, MAP_FIXED);
	touch(BASE, 6);
	vma = find_vma(mm, BASE);
	anon_vma = vma->anon_vma;
	KT_ASSERT_NONNULL(anon_vma);
	KT_ASSERT_INT_EQ(check_vmas(mm), 1);

	/* a read-only mapping over the middle two pages: three vmas */
	mmt_do_mmap(BASE + 2 * PAGE_SIZE, 2, PROT_READ, MAP_FIXED);
	KT_ASSERT_INT_EQ(check_vmas(mm), 3);
	vma = mm->mmap;
	KT_ASSERT_UINT_EQ(vma->vm_end, BASE + 2 * PAGE_SIZE);
	KT_ASSERT_PTR_EQ(vma->anon_vma, anon_vma);
	KT_ASSERT_UINT_EQ(vma->vm_next->vm_start, BASE + 2 * PAGE_SIZE);
	KT_ASSERT(!(vma->vm_next->vm_flags & VM_WRITE));
	KT_ASSERT_UINT_EQ(vma->vm_next->vm_next->vm_start,
			  BASE + 4 * PAGE_SIZE);
	KT_ASSERT_PTR_EQ(vma->vm_next->vm_next->anon_vma, anon_vma);
	KT_ASSERT_UINT_EQ(vma->vm_next->vm_next->vm_pgoff,
			  (BASE >> PAGE_SHIFT) + 4);
	KT_ASSERT_INT_EQ(anon_vma_users(anon_vma), 2);
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 4);
	KT_ASSERT_NULL(mmt_page(mm, BASE + 2 * PAGE_SIZE));
	KT_ASSERT_INT_EQ(mm->total_vm, 6);

	/* unmap the middle: a hole between two vmas */
	unmap(BASE + 2 * PAGE_SIZE, 2);
	KT_ASSERT_INT_EQ(check_vmas(mm), 2);
	KT_ASSERT_INT_EQ(mm->total_vm, 4);

	/* map it again like its neighbours: everything merges into one */
	mmt_do_mmap(BASE + 2 * PAGE_SIZE, 2, RW, MAP_FIXED);
	KT_ASSERT_INT_EQ(check_vmas(mm), 1);
	vma = mm->mmap;
	KT_ASSERT_UINT_EQ(vma->vm_start, BASE);
	KT_ASSERT_UINT_EQ(vma->vm_end, BASE + 6 * PAGE_SIZE);
	KT_ASSERT_UINT_EQ(vma->vm_pgoff, BASE >> PAGE_SHIFT);
	KT_ASSERT_PTR_EQ(vma->anon_vma, anon_vma);
	KT_ASSERT_INT_EQ(anon_vma_users(anon_vma), 1);
	KT_ASSERT_INT_EQ(mm->total_vm, 6);
	/* the pages outside the hole kept their contents */
	{
		unsigned long v;
		KT_ASSERT_INT_EQ(
			get_user(v, (unsigned long __user *)(BASE +
							     5 * PAGE_SIZE)),
			0);
		KT_ASSERT_INT_EQ(v, 6);
		KT_ASSERT_INT_EQ(
			get_user(v, (unsigned long __user *)(BASE +
							     2 * PAGE_SIZE)),
			0);
		KT_ASSERT_INT_EQ(v, 0);
	}
}

KTEST(adjacent_anonymous_mappings_merge)
{
	struct mm_struct *mm = boot_with_mm();
	struct vm_area_struct *vma;

	mmt_do_mmap(BASE, 1, RW, MAP_FIXED);
	touch(BASE, 1); /* gives the vma an anon_vma */
	mmt_do_mmap(BASE + PAGE_SIZE, 1, RW, MAP_FIXED); /* after it */
	mmt_do_mmap(BASE - PAGE_SIZE, 1, RW, MAP_FIXED); /* before it */
	KT_ASSERT_INT_EQ(check_vmas(mm), 1);
	vma = mm->mmap;
	KT_ASSERT_UINT_EQ(vma->vm_start, BASE - PAGE_SIZE);
	KT_ASSERT_UINT_EQ(vma->vm_end, BASE + 2 * PAGE_SIZE);
	KT_ASSERT_UINT_EQ(vma->vm_pgoff, (BASE >> PAGE_SHIFT) - 1);
	/* different protections do not merge */
	mmt_do_mmap(BASE + 2 * PAGE_SIZE, 1, PROT_READ, MAP_FIXED);
	KT_ASSERT_INT_EQ(check_vmas(mm), 2);
	KT_ASSERT_INT_EQ(mm->total_vm, 4);
	touch(BASE - PAGE_SIZE, 3);
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 3);
}

KTEST(munmap_frees_all_pages_and_page_tables)
{
	struct mm_struct *mm = boot_with_mm();
	unsigned long free_before, pt_before, addr;

	mmt_quiesce();
	free_before = free_pages_all();
	pt_before = pagetables_all();

	/* across a pmd boundary, so two pte tables are needed */
	addr = mmt_do_mmap(BASE + PMD_SIZE - 32 * PAGE_SIZE, 64, RW, MAP_FIXED);
	touch(addr, 64);
	mmt_quiesce();
	KT_ASSERT_INT_EQ(mm->nr_ptes, 2);
	KT_ASSERT_INT_EQ(pagetables_all(), pt_before + 2);
	/* 64 pages, 2 pte tables, a pmd and a pud table */
	KT_ASSERT_INT_EQ(free_pages_all(), free_before - 64 - 4);
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 64);

	unmap(addr, 64);
	mmt_quiesce();
	KT_ASSERT_INT_EQ(free_pages_all(), free_before);
	KT_ASSERT_INT_EQ(pagetables_all(), pt_before);
	KT_ASSERT_INT_EQ(mm->nr_ptes, 0);
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 0);
	KT_ASSERT_INT_EQ(check_vmas(mm), 0);
	KT_ASSERT_INT_EQ(mm->total_vm, 0);
	KT_ASSERT(pgd_none(*pgd_offset(mm, addr)));
}

KTEST(partial_munmap_keeps_the_page_tables_a_neighbour_uses)
{
	struct mm_struct *mm = boot_with_mm();
	unsigned long v;

	mmt_do_mmap(BASE, 4, RW, MAP_FIXED);
	touch(BASE, 4);
	unmap(BASE + PAGE_SIZE, 2);
	KT_ASSERT_INT_EQ(check_vmas(mm), 2);
	KT_ASSERT_INT_EQ(mm->nr_ptes, 1);
	KT_ASSERT_NULL(mmt_page(mm, BASE + PAGE_SIZE));
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 2);
	KT_ASSERT_INT_EQ(
		get_user(v, (unsigned long __user *)(BASE + 3 * PAGE_SIZE)), 0);
	KT_ASSERT_INT_EQ(v, 4);
	KT_ASSERT_INT_EQ(
		get_user(v, (unsigned long __user *)(BASE + PAGE_SIZE)),
		-EFAULT);
}

KTEST(exit_mmap_leaves_no_pages_and_no_page_tables)
{
	struct mm_struct *mm;
	unsigned long free_before, pt_before, i, addrs[4];
	long val = 0;

	mmt_boot(2, 64 << 20);
	mmt_quiesce();
	free_before = free_pages_all();
	pt_before = pagetables_all();

	mm = mm_alloc();
	KT_ASSERT_NONNULL(mm);
	use_mm(mm);
	/* spread out: separate pte, pmd and pud tables */
	addrs[0] = mmt_do_mmap(BASE, 8, RW, MAP_FIXED);
	addrs[1] = mmt_do_mmap(BASE + 3 * PUD_SIZE, 8, RW, MAP_FIXED);
	addrs[2] = mmt_do_mmap(0x7f0000000000UL, 8, RW, MAP_FIXED);
	addrs[3] = mmt_do_mmap(0, 8, RW, 0);
	KT_ASSERT_UINT_EQ(addrs[3], TASK_UNMAPPED_BASE);
	for (i = 0; i < 4; i++)
		touch(addrs[i], 8);
	KT_ASSERT_INT_EQ(get_user(val, (long __user *)(TASK_UNMAPPED_BASE +
						       8 * PAGE_SIZE)),
			 -EFAULT);
	KT_ASSERT_INT_EQ(val, 0);
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 32);
	KT_ASSERT_INT_EQ(mm->nr_ptes, 4);

	/* keep the mm_struct (not its users) to look at it afterwards */
	atomic_inc(&mm->mm_count);
	use_mm(NULL);
	mmput(mm);
	KT_ASSERT_INT_EQ(mm->nr_ptes, 0);
	for (i = 0; i < PTRS_PER_PGD; i++)
		KT_ASSERT(pgd_none(mm->pgd[i]));
	mmdrop(mm); /* frees the pgd */

	mmt_quiesce();
	KT_ASSERT_INT_EQ(pagetables_all(), pt_before);
	KT_ASSERT_INT_EQ(free_pages_all(), free_before);
}

KTEST(fork_shares_anonymous_pages_copy_on_write)
{
	struct mm_struct *mm = boot_with_mm(), *child;
	struct vm_area_struct *pvma, *cvma;
	unsigned long addr, i;

	addr = mmt_do_mmap(0, 4, RW, 0);
	touch(addr, 4);
	lru_add_drain();
	child = dup_mm(current);
	KT_ASSERT_NONNULL(child);
	mmt_quiesce();

	KT_ASSERT_INT_EQ(check_vmas(child), 1);
	pvma = find_vma(mm, addr);
	cvma = find_vma(child, addr);
	KT_ASSERT(cvma != pvma);
	KT_ASSERT_UINT_EQ(cvma->vm_start, pvma->vm_start);
	KT_ASSERT_UINT_EQ(cvma->vm_end, pvma->vm_end);
	KT_ASSERT_PTR_EQ(cvma->anon_vma, pvma->anon_vma);
	KT_ASSERT_INT_EQ(anon_vma_users(pvma->anon_vma), 2);
	KT_ASSERT_INT_EQ(child->total_vm, mm->total_vm);
	KT_ASSERT_INT_EQ(get_mm_counter(child, anon_rss), 4);
	KT_ASSERT_INT_EQ(atomic_read(&child->mm_users), 1);

	for (i = 0; i < 4; i++) {
		unsigned long a = addr + i * PAGE_SIZE;
		pte_t ppte = *mmt_pte(mm, a), cpte = *mmt_pte(child, a);
		struct page *page = pte_page(ppte);

		KT_ASSERT(pte_present(ppte) && pte_present(cpte));
		KT_ASSERT(!pte_write(ppte));
		KT_ASSERT(!pte_write(cpte));
		KT_ASSERT(!pte_young(cpte));
		KT_ASSERT_PTR_EQ(pte_page(cpte), page);
		KT_ASSERT_INT_EQ(page_mapcount(page), 2);
		KT_ASSERT_INT_EQ(page_count(page), 2);
	}
	/* the child reads what the parent wrote */
	use_mm(child);
	{
		unsigned long v;
		KT_ASSERT_INT_EQ(
			get_user(v, (unsigned long __user *)(addr +
							     3 * PAGE_SIZE)),
			0);
		KT_ASSERT_INT_EQ(v, 4);
	}
}

KTEST(write_in_the_child_breaks_cow_and_leaves_one_mapping_each)
{
	struct mm_struct *mm = boot_with_mm(), *child;
	struct page *old, *new;
	unsigned long addr, v;
	pte_t pte;

	addr = mmt_do_mmap(0, 1, RW, 0);
	touch(addr, 1);
	child = dup_mm(current);
	KT_ASSERT_NONNULL(child);
	old = mmt_page(mm, addr);

	use_mm(child);
	KT_ASSERT_INT_EQ(put_user(99UL, (unsigned long __user *)addr), 0);
	mmt_quiesce();
	pte = *mmt_pte(child, addr);
	new = pte_page(pte);
	KT_ASSERT(new != old);
	KT_ASSERT(pte_write(pte) && pte_dirty(pte));
	KT_ASSERT_INT_EQ(page_mapcount(new), 1);
	KT_ASSERT_INT_EQ(page_count(new), 1);
	KT_ASSERT_INT_EQ(page_mapcount(old), 1);
	KT_ASSERT_INT_EQ(page_count(old), 1);
	KT_ASSERT_PTR_EQ(new->mapping, old->mapping); /* same anon_vma */
	KT_ASSERT_INT_EQ(get_mm_counter(child, anon_rss), 1);
	KT_ASSERT_INT_EQ(get_user(v, (unsigned long __user *)addr), 0);
	KT_ASSERT_INT_EQ(v, 99);

	/* the parent's write now reuses its page: mapcount 1, no copy */
	use_mm(mm);
	KT_ASSERT(!pte_write(*mmt_pte(mm, addr)));
	KT_ASSERT_INT_EQ(get_user(v, (unsigned long __user *)addr), 0);
	KT_ASSERT_INT_EQ(v, 1);
	KT_ASSERT_INT_EQ(put_user(7UL, (unsigned long __user *)addr), 0);
	KT_ASSERT_PTR_EQ(mmt_page(mm, addr), old);
	KT_ASSERT(pte_write(*mmt_pte(mm, addr)));

	/* the child goes away: the parent's page is untouched */
	mmput(child);
	mmt_quiesce();
	KT_ASSERT_INT_EQ(page_mapcount(old), 1);
	KT_ASSERT_INT_EQ(page_count(old), 1);
}

KTEST(write_migration_entry_becomes_a_read_entry_in_both_after_fork)
{
	struct mm_struct *mm = boot_with_mm(), *child;
	unsigned long addr, free_before;
	struct page *page;
	spinlock_t *ptl;
	pte_t *ptep, orig;
	swp_entry_t entry;
	pmd_t *pmd;

	addr = mmt_do_mmap(0, 1, RW, 0);
	touch(addr, 1);
	mmt_quiesce();
	page = mmt_page(mm, addr);
	pmd = pmd_offset(pud_offset(pgd_offset(mm, addr), addr), addr);

	/* stand in for try_to_unmap(page, 1): a write migration entry */
	KT_ASSERT(!TestSetPageLocked(page));
	ptep = pte_offset_map_lock(mm, pmd, addr, &ptl);
	orig = *ptep;
	set_pte_at(mm, addr, ptep,
		   swp_entry_to_pte(make_migration_entry(page, 1)));
	pte_unmap_unlock(ptep, ptl);

	child = dup_mm(current);
	KT_ASSERT_NONNULL(child);

	entry = pte_to_swp_entry(*mmt_pte(mm, addr));
	KT_ASSERT(is_migration_entry(entry));
	KT_ASSERT(!is_write_migration_entry(entry));
	KT_ASSERT_PTR_EQ(migration_entry_to_page(entry), page);
	entry = pte_to_swp_entry(*mmt_pte(child, addr));
	KT_ASSERT(is_migration_entry(entry));
	KT_ASSERT(!is_write_migration_entry(entry));
	KT_ASSERT_PTR_EQ(migration_entry_to_page(entry), page);
	/* an entry holds no page reference and no rss */
	KT_ASSERT_INT_EQ(page_count(page), 1);
	KT_ASSERT_INT_EQ(page_mapcount(page), 1);
	KT_ASSERT_INT_EQ(get_mm_counter(child, anon_rss), 0);
	/* the child went on swapoff's mmlist, after the parent's */
	KT_ASSERT(!list_empty(&child->mmlist));

	/* the child's exit just clears its entry */
	free_before = free_pages_all();
	mmput(child);
	mmt_quiesce();
	KT_ASSERT_INT_EQ(page_count(page), 1);
	KT_ASSERT(free_pages_all() > free_before); /* its tables, pgd */

	/* migration "fails": the old pte comes back, read-only now */
	ptep = pte_offset_map_lock(mm, pmd, addr, &ptl);
	set_pte_at(mm, addr, ptep, pte_wrprotect(orig));
	pte_unmap_unlock(ptep, ptl);
	unlock_page(page);
}

KTEST(copy_mm_with_clone_vm_shares_the_mm)
{
	struct mm_struct *mm = boot_with_mm();
	static struct task_struct t1, t2;

	spin_lock_init(&t1.alloc_lock);
	spin_lock_init(&t2.alloc_lock);
	mmt_do_mmap(0, 1, RW, 0);
	KT_ASSERT_INT_EQ(copy_mm(CLONE_VM, &t1), 0);
	KT_ASSERT_PTR_EQ(t1.mm, mm);
	KT_ASSERT_PTR_EQ(t1.active_mm, mm);
	KT_ASSERT_INT_EQ(atomic_read(&mm->mm_users), 2);

	KT_ASSERT_INT_EQ(copy_mm(0, &t2), 0);
	KT_ASSERT(t2.mm && t2.mm != mm);
	KT_ASSERT_INT_EQ(check_vmas(t2.mm), 1);

	/* get_task_mm takes a user reference; a borrowed mm gives none */
	KT_ASSERT_PTR_EQ(get_task_mm(&t1), mm);
	KT_ASSERT_INT_EQ(atomic_read(&mm->mm_users), 3);
	mmput(mm);
	t1.flags |= PF_BORROWED_MM;
	KT_ASSERT_NULL(get_task_mm(&t1));
	mmput(t1.mm);
	KT_ASSERT_INT_EQ(atomic_read(&mm->mm_users), 1);
	mmput(t2.mm);
}

KTEST(munmap_of_the_head_of_a_vma_clears_every_pte_of_the_range)
{
	struct mm_struct *mm = boot_with_mm();
	unsigned long i;

	unsigned long addr = mmt_do_mmap(0, 8, RW, 0);
	touch(addr, 8);
	unmap(addr, 4);
	KT_ASSERT_INT_EQ(check_vmas(mm), 1);
	KT_ASSERT_UINT_EQ(mm->mmap->vm_start, addr + 4 * PAGE_SIZE);
	for (i = 0; i < 4; i++)
		KT_ASSERT_NULL(mmt_page(mm, addr + i * PAGE_SIZE));
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 4);
}

/* Collects the checker's report lines, to look for one of them. */
/*
 * A user task of its own, entered: the invariant checker audits the
 * address spaces of tasks (not init_task's hand-made mm).
 */
static struct mm_struct *enter_user_task(void)
{
	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 0, 0, 0));
	return current->mm;
}

struct report {
	char text[4096];
	unsigned long len;
};

static void collect(void *ctx, const char *s, unsigned long len)
{
	struct report *r = ctx;

	if (r->len + len < sizeof(r->text)) {
		memcpy(r->text + r->len, s, len);
		r->len += len;
		r->text[r->len] = '\0';
	}
}

/* Does the report hold text anywhere? */
static int report_has(const struct report *r, const char *text)
{
	unsigned long n = strlen(text), i;

	for (i = 0; i + n <= r->len; i++)
		if (!strncmp(r->text + i, text, n))
			return 1;
	return 0;
}

KTEST(checker_reports_a_present_pte_left_outside_every_vma)
{
	struct report r = {.len = 0};
	char line[128];
	unsigned long addr;

	enter_user_task();
	addr = mmt_do_mmap(0, 8, RW, 0);
	touch(addr, 8);
	mmt_expect_clean();
	/* what a munmap that skipped its first page would leave */
	KT_ASSERT_INT_EQ(sim_selftest("stale_pte"), 0);
	KT_ASSERT_INT_EQ(sim_check(collect, &r), 1);
	snprintf(line, sizeof(line), "present pte at %#lx outside every vma",
		 addr);
	KT_ASSERT_MSG(report_has(&r, line), "report: %s", r.text);
}

KTEST(checker_reports_page_tables_no_vma_covers_and_a_leaked_pte_page)
{
	struct report r = {.len = 0};

	enter_user_task();
	touch(mmt_do_mmap(0, 2, RW, 0), 2);
	KT_ASSERT_INT_EQ(sim_selftest("leak_pte_table"), 0);
	KT_ASSERT_INT_EQ(sim_check(collect, &r), 4);
	KT_ASSERT_MSG(report_has(&r, "pud table for 0x7f8000000000-"
				     "0x800000000000 outside every vma"),
		      "report: %s", r.text);
	KT_ASSERT_MSG(report_has(&r, "nr_ptes 2, but 1 pte pages reachable"),
		      "report: %s", r.text);
	KT_ASSERT_MSG(report_has(&r, "nr_page_table_pages 2, but 1 pte pages"),
		      "report: %s", r.text);
}

KTEST(munmap_of_a_whole_middle_pmd_range_frees_its_pte_table_only)
{
	struct mm_struct *mm = enter_user_task();
	unsigned long start = BASE + PMD_SIZE - PAGE_SIZE;

	/* one page before, all of, and one page after the middle pmd range */
	mmt_do_mmap(start, PMD_SIZE / PAGE_SIZE + 2, RW, MAP_FIXED);
	touch(start, 1);
	touch(BASE + PMD_SIZE, PMD_SIZE / PAGE_SIZE + 1);
	KT_ASSERT_INT_EQ(mm->nr_ptes, 3);
	unmap(BASE + PMD_SIZE, PMD_SIZE / PAGE_SIZE);
	KT_ASSERT_INT_EQ(check_vmas(mm), 2);
	KT_ASSERT_INT_EQ(mm->nr_ptes, 2);
	KT_ASSERT(pmd_none(*pmd_offset(pud_offset(pgd_offset(mm, BASE), BASE),
				       BASE + PMD_SIZE)));
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 2);
	mmt_expect_clean();
}

/*
 * More present pages than one ZAP_BLOCK_SIZE of work: unmap_vmas stops
 * in the middle of a pte table and restarts there; nothing is skipped.
 */
KTEST(munmap_restarting_after_a_zap_block_clears_every_pte)
{
	struct mm_struct *mm = enter_user_task();
	unsigned long pages = 1536, i, addr;

	addr = mmt_do_mmap(0, pages, RW, 0);
	touch(addr, pages);
	unmap(addr + PAGE_SIZE, pages - 2);
	KT_ASSERT_INT_EQ(check_vmas(mm), 2);
	for (i = 1; i < pages - 1; i++)
		KT_ASSERT_NULL(mmt_page(mm, addr + i * PAGE_SIZE));
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 2);
	mmt_expect_clean();
}
