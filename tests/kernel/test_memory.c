/*
 * tests/kernel/test_memory.c - mm/memory.c and the simulated MMU
 * (arch/x86_64/mm/fault.c, usercopy.c): what a fault maps, the uaccess
 * routines, follow_page.
 *
 * Each test boots a 2-node machine and runs as init_task with an mm of
 * its own from mm_alloc(); memory is mapped with do_mmap_pgoff under
 * mmap_sem as sys_mmap does.
 */
#include "mmtest.h"
#include <linux/rmap.h>
#include <linux/pagemap.h>
#include <asm/mmu.h>

#define RW (PROT_READ | PROT_WRITE)

/* Boot, and give init_task an empty address space. */
static struct mm_struct *boot_with_mm(void)
{
	struct mm_struct *mm;

	mmt_boot(2, 64 << 20);
	KT_ASSERT_PTR_EQ(current, &init_task);
	mm = mm_alloc();
	KT_ASSERT_NONNULL(mm);
	current->mm = mm;
	current->active_mm = mm;
	return mm;
}

/* Leave a few dirty pages on this CPU's free lists, so that "zeroed" means
 * something: the next allocations are likely to reuse them. */
static void dirty_free_pages(void)
{
	struct page *pages[8];
	int i;

	for (i = 0; i < 8; i++) {
		pages[i] = alloc_pages(GFP_HIGHUSER, 0);
		KT_ASSERT_NONNULL(pages[i]);
		memset(page_address(pages[i]), 0xa5, PAGE_SIZE);
	}
	for (i = 7; i >= 0; i--)
		__free_page(pages[i]);
}

static int page_is_zero(struct page *page)
{
	unsigned char *p = page_address(page);
	int i;

	for (i = 0; i < PAGE_SIZE; i++)
		if (p[i])
			return 0;
	return 1;
}

KTEST(anonymous_write_fault_maps_a_zeroed_local_page_writable_and_dirty)
{
	struct mm_struct *mm = boot_with_mm();
	unsigned long addr, faults,
		pt_before = node_page_state(0, NR_PAGETABLE);
	unsigned char one = 1;
	struct page *page;
	pte_t pte;

	addr = mmt_do_mmap(0, 1, RW, 0);
	KT_ASSERT_NULL(mmt_pte(mm, addr)); /* nothing before the fault */
	dirty_free_pages();
	faults = sim_event_count("mmu_fault");

	KT_ASSERT_INT_EQ(copy_to_user((void __user *)(addr + 100), &one, 1), 0);

	KT_ASSERT_INT_EQ(sim_event_count("mmu_fault"), faults + 1);
	pte = *mmt_pte(mm, addr);
	KT_ASSERT(pte_present(pte));
	KT_ASSERT(pte_write(pte));
	KT_ASSERT(pte_dirty(pte));
	KT_ASSERT(pte_young(pte));
	page = pte_page(pte);
	KT_ASSERT(page != ZERO_PAGE(addr));
	KT_ASSERT_INT_EQ(page_to_nid(page), numa_node_id());
	KT_ASSERT(PageAnon(page));
	KT_ASSERT_INT_EQ(page->index, addr >> PAGE_SHIFT);
	KT_ASSERT_INT_EQ(page_mapcount(page), 1);
	/* the pte's reference, and the pagevec's until it is drained */
	KT_ASSERT_INT_EQ(page_count(page), 2);
	lru_add_drain();
	KT_ASSERT_INT_EQ(page_count(page), 1);
	KT_ASSERT(PageLRU(page));
	KT_ASSERT(PageActive(page));
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 1);
	KT_ASSERT_INT_EQ(get_mm_counter(mm, file_rss), 0);
	KT_ASSERT_INT_EQ(mm->nr_ptes, 1);
	KT_ASSERT_INT_EQ(node_page_state(0, NR_PAGETABLE) +
				 node_page_state(1, NR_PAGETABLE),
			 pt_before + 1);

	/* zeroed, apart from the byte written */
	((unsigned char *)page_address(page))[100] = 0;
	KT_ASSERT(page_is_zero(page));
}

KTEST(anonymous_read_fault_maps_the_zero_page_read_only)
{
	struct mm_struct *mm = boot_with_mm();
	struct page *zero = ZERO_PAGE(0);
	int count = page_count(zero), mapcount = page_mapcount(zero);
	unsigned long addr;
	long val = 0x1234;
	pte_t pte;

	addr = mmt_do_mmap(0, 1, RW, 0);
	KT_ASSERT_INT_EQ(get_user(val, (long __user *)addr), 0);
	KT_ASSERT_INT_EQ(val, 0);

	pte = *mmt_pte(mm, addr);
	KT_ASSERT(pte_present(pte));
	KT_ASSERT_PTR_EQ(pte_page(pte), zero);
	KT_ASSERT(!pte_write(pte));
	KT_ASSERT(!pte_dirty(pte));
	KT_ASSERT_INT_EQ(page_count(zero), count + 1);
	KT_ASSERT_INT_EQ(page_mapcount(zero), mapcount + 1);
	KT_ASSERT_INT_EQ(get_mm_counter(mm, file_rss), 1);
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 0);
	/* no anon_vma for a read fault */
	KT_ASSERT_NULL(find_vma(mm, addr)->anon_vma);
}

KTEST(write_after_read_replaces_the_zero_page_with_a_private_copy)
{
	struct mm_struct *mm = boot_with_mm();
	struct page *zero = ZERO_PAGE(0), *page;
	int count = page_count(zero), mapcount = page_mapcount(zero);
	unsigned long addr, faults;
	long val;
	pte_t pte;

	addr = mmt_do_mmap(0, 1, RW, 0);
	KT_ASSERT_INT_EQ(get_user(val, (long __user *)addr), 0);
	faults = sim_event_count("mmu_fault");
	KT_ASSERT_INT_EQ(put_user(42L, (long __user *)(addr + 8)), 0);
	KT_ASSERT_INT_EQ(sim_event_count("mmu_fault"), faults + 1);

	pte = *mmt_pte(mm, addr);
	page = pte_page(pte);
	KT_ASSERT(page != zero);
	KT_ASSERT(pte_write(pte));
	KT_ASSERT(pte_dirty(pte));
	KT_ASSERT(PageAnon(page));
	KT_ASSERT_INT_EQ(page_mapcount(page), 1);
	KT_ASSERT_INT_EQ(page_count(zero), count);
	KT_ASSERT_INT_EQ(page_mapcount(zero), mapcount);
	KT_ASSERT_INT_EQ(get_mm_counter(mm, file_rss), 0);
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 1);
	KT_ASSERT_INT_EQ(get_user(val, (long __user *)(addr + 8)), 0);
	KT_ASSERT_INT_EQ(val, 42);
	((long *)page_address(page))[1] = 0;
	KT_ASSERT(page_is_zero(page));
}

KTEST(copy_to_and_from_user_round_trip_across_a_page_boundary)
{
	struct mm_struct *mm = boot_with_mm();
	unsigned char out[200], in[200];
	unsigned long addr, at;
	int i;

	addr = mmt_do_mmap(0, 2, RW, 0);
	at = addr + PAGE_SIZE - 77;
	for (i = 0; i < (int)sizeof(out); i++)
		out[i] = (unsigned char)(i * 7 + 3);
	KT_ASSERT_INT_EQ(copy_to_user((void __user *)at, out, sizeof(out)), 0);
	memset(in, 0, sizeof(in));
	KT_ASSERT_INT_EQ(
		copy_from_user(in, (const void __user *)at, sizeof(in)), 0);
	KT_ASSERT(!memcmp(in, out, sizeof(out)));

	/* two different pages, each holding its part */
	KT_ASSERT(mmt_page(mm, addr) != mmt_page(mm, addr + PAGE_SIZE));
	KT_ASSERT_INT_EQ(((unsigned char *)page_address(
				 mmt_page(mm, addr)))[PAGE_SIZE - 77],
			 out[0]);
	KT_ASSERT_INT_EQ(((unsigned char *)page_address(
				 mmt_page(mm, addr + PAGE_SIZE)))[0],
			 out[77]);
	KT_ASSERT_INT_EQ(clear_user((void __user *)at, sizeof(out)), 0);
	KT_ASSERT_INT_EQ(
		copy_from_user(in, (const void __user *)at, sizeof(in)), 0);
	for (i = 0; i < (int)sizeof(in); i++)
		KT_ASSERT_INT_EQ(in[i], 0);
}

KTEST(copy_from_an_unmapped_address_returns_the_bytes_not_copied)
{
	struct mm_struct *mm = boot_with_mm();
	unsigned char buf[64];
	unsigned long addr;
	int i, val = 77;

	/* one mapped page followed by a hole */
	addr = mmt_do_mmap(0, 2, RW, 0);
	down_write(&mm->mmap_sem);
	KT_ASSERT_INT_EQ(do_munmap(mm, addr + PAGE_SIZE, PAGE_SIZE), 0);
	up_write(&mm->mmap_sem);
	KT_ASSERT_INT_EQ(clear_user((void __user *)addr, PAGE_SIZE), 0);

	memset(buf, 0xff, sizeof(buf));
	KT_ASSERT_INT_EQ(
		copy_from_user(
			buf, (const void __user *)(addr + PAGE_SIZE - 10), 30),
		20);
	for (i = 0; i < 30; i++) /* 10 copied zeroes, 20 zero-filled */
		KT_ASSERT_INT_EQ(buf[i], 0);
	KT_ASSERT_INT_EQ(buf[30], 0xff);
	KT_ASSERT_INT_EQ(
		copy_to_user((void __user *)(addr + PAGE_SIZE - 10), buf, 30),
		20);

	KT_ASSERT_INT_EQ(get_user(val, (int __user *)(addr + PAGE_SIZE)),
			 -EFAULT);
	KT_ASSERT_INT_EQ(val, 0);
	val = 5;
	KT_ASSERT_INT_EQ(put_user(val, (int __user *)(addr + PAGE_SIZE)),
			 -EFAULT);

	/* above the user limit, and wrapping around: nothing at all */
	KT_ASSERT_INT_EQ(copy_from_user(buf, (const void __user *)TASK_SIZE, 8),
			 8);
	KT_ASSERT_INT_EQ(copy_to_user((void __user *)(TASK_SIZE - 4), buf, 8),
			 8);
	KT_ASSERT(!access_ok(VERIFY_READ, (const void __user *)-8UL, 16));
	KT_ASSERT(access_ok(VERIFY_READ, (const void __user *)addr, 16));
}

KTEST(kernel_thread_without_mm_faults_on_user_addresses)
{
	unsigned long addr;
	void *kaddr;
	int val = 3;

	boot_with_mm();
	addr = mmt_do_mmap(0, 1, RW, 0);
	current->mm = NULL;
	KT_ASSERT_INT_EQ(sim_user_access(addr, 0, &kaddr), -EFAULT);
	KT_ASSERT_INT_EQ(get_user(val, (int __user *)addr), -EFAULT);
	KT_ASSERT_INT_EQ(val, 0);
}

KTEST(write_to_a_read_only_mapping_faults)
{
	struct mm_struct *mm = boot_with_mm();
	unsigned long addr;
	long val = 1;

	addr = mmt_do_mmap(0, 1, PROT_READ, 0);
	KT_ASSERT_INT_EQ(put_user(val, (long __user *)addr), -EFAULT);
	KT_ASSERT_NULL(mmt_pte(mm, addr));
	KT_ASSERT_INT_EQ(get_user(val, (long __user *)addr), 0);
	KT_ASSERT_INT_EQ(val, 0);
	KT_ASSERT_INT_EQ(put_user(val, (long __user *)addr), -EFAULT);
	/* PROT_NONE: not even a read */
	addr = mmt_do_mmap(0, 1, PROT_NONE, 0);
	KT_ASSERT_INT_EQ(get_user(val, (long __user *)addr), -EFAULT);
}

KTEST(follow_page_with_foll_get_takes_a_reference)
{
	struct mm_struct *mm = boot_with_mm();
	struct vm_area_struct *vma;
	struct page *page;
	unsigned long addr;

	addr = mmt_do_mmap(0, 1, RW, 0);
	KT_ASSERT_INT_EQ(put_user(1L, (long __user *)addr), 0);
	lru_add_drain();
	down_read(&mm->mmap_sem);
	vma = find_vma(mm, addr);
	page = follow_page(vma, addr, FOLL_GET);
	KT_ASSERT_PTR_EQ(page, mmt_page(mm, addr));
	KT_ASSERT_INT_EQ(page_count(page), 2);
	put_page(page);
	KT_ASSERT_INT_EQ(page_count(page), 1);
	/* without FOLL_GET: the page, no reference */
	KT_ASSERT_PTR_EQ(follow_page(vma, addr, 0), page);
	KT_ASSERT_INT_EQ(page_count(page), 1);
	/* FOLL_WRITE on a writable pte, FOLL_TOUCH marks it referenced */
	KT_ASSERT_PTR_EQ(follow_page(vma, addr, FOLL_WRITE | FOLL_TOUCH), page);
	KT_ASSERT(PageReferenced(page));
	up_read(&mm->mmap_sem);
}

KTEST(follow_page_of_a_migration_entry_is_null)
{
	struct mm_struct *mm = boot_with_mm();
	struct vm_area_struct *vma;
	struct page *page;
	unsigned long addr;
	spinlock_t *ptl;
	pte_t *ptep, orig;
	pmd_t *pmd;

	addr = mmt_do_mmap(0, 1, RW, 0);
	KT_ASSERT_INT_EQ(put_user(1L, (long __user *)addr), 0);
	page = mmt_page(mm, addr);
	pmd = pmd_offset(pud_offset(pgd_offset(mm, addr), addr), addr);

	/* stand in for try_to_unmap(page, 1): a write migration entry */
	KT_ASSERT(!TestSetPageLocked(page));
	ptep = pte_offset_map_lock(mm, pmd, addr, &ptl);
	orig = *ptep;
	set_pte_at(mm, addr, ptep,
		   swp_entry_to_pte(make_migration_entry(page, 1)));
	pte_unmap_unlock(ptep, ptl);

	down_read(&mm->mmap_sem);
	vma = find_vma(mm, addr);
	KT_ASSERT_NULL(follow_page(vma, addr, FOLL_GET));
	KT_ASSERT_NULL(follow_page(vma, addr, 0));
	up_read(&mm->mmap_sem);

	ptep = pte_offset_map_lock(mm, pmd, addr, &ptl);
	set_pte_at(mm, addr, ptep, orig);
	pte_unmap_unlock(ptep, ptl);
	unlock_page(page);
}

KTEST(follow_page_returns_the_zero_page_of_a_read_fault)
{
	struct mm_struct *mm = boot_with_mm();
	struct page *zero = ZERO_PAGE(0);
	struct vm_area_struct *vma;
	unsigned long addr, far;
	int count;
	long val;

	addr = mmt_do_mmap(0, 1, RW, 0);
	far = mmt_do_mmap(0x7f0000000000UL, 1, RW,
			  MAP_FIXED); /* no tables yet */
	KT_ASSERT_INT_EQ(get_user(val, (long __user *)addr), 0);
	KT_ASSERT_INT_EQ(val, 0);
	count = page_count(zero);

	down_read(&mm->mmap_sem);
	vma = find_vma(mm, addr);
	KT_ASSERT_PTR_EQ(follow_page(vma, addr, FOLL_GET), zero);
	KT_ASSERT_INT_EQ(page_count(zero), count + 1);
	put_page(zero);
	/* the zero page's pte is read-only */
	KT_ASSERT_NULL(follow_page(vma, addr, FOLL_WRITE));

	/* no page table at all: NULL, or the zero page with FOLL_ANON */
	vma = find_vma(mm, far);
	KT_ASSERT_NULL(follow_page(vma, far, 0));
	KT_ASSERT_PTR_EQ(follow_page(vma, far, FOLL_ANON), zero);
	up_read(&mm->mmap_sem);
}

KTEST(get_user_pages_faults_in_and_pins_the_pages)
{
	struct mm_struct *mm = boot_with_mm();
	struct page *pages[4];
	unsigned long addr;
	int i;

	addr = mmt_do_mmap(0, 4, RW, 0);
	down_read(&mm->mmap_sem);
	KT_ASSERT_INT_EQ(
		get_user_pages(current, mm, addr, 4, 1, 0, pages, NULL), 4);
	/* a read-only request past the end stops at the hole */
	KT_ASSERT_INT_EQ(get_user_pages(current, mm, addr + 3 * PAGE_SIZE, 2, 0,
					0, NULL, NULL),
			 1);
	up_read(&mm->mmap_sem);
	lru_add_drain();
	for (i = 0; i < 4; i++) {
		KT_ASSERT_PTR_EQ(pages[i], mmt_page(mm, addr + i * PAGE_SIZE));
		KT_ASSERT(PageAnon(pages[i]));
		KT_ASSERT_INT_EQ(page_count(pages[i]), 2);
		put_page(pages[i]);
	}
	KT_ASSERT_INT_EQ(get_mm_counter(mm, anon_rss), 4);
}

/*
 * A fault on a migration entry goes through do_swap_page to the seed's
 * migration_entry_wait, sleeps until the page is unlocked, and succeeds
 * when retried.  A second task plays the migration's end: it puts the pte
 * back and unlocks the page once the faulter is waiting.
 */
struct mew {
	int pid;
	struct mm_struct *mm;
	unsigned long addr;
	unsigned long waits_before;
	struct page *page;
	pte_t orig;
};

static void mew_finish_migration(void *arg)
{
	struct mew *m = arg;
	pmd_t *pmd;
	pte_t *ptep;
	spinlock_t *ptl;

	sim_task_enter(m->pid);
	while (sim_event_count("migration_entry_wait") == m->waits_before)
		sim_cond_resched();
	pmd = pmd_offset(pud_offset(pgd_offset(m->mm, m->addr), m->addr),
			 m->addr);
	ptep = pte_offset_map_lock(m->mm, pmd, m->addr, &ptl);
	set_pte_at(m->mm, m->addr, ptep, m->orig);
	pte_unmap_unlock(ptep, ptl);
	unlock_page(m->page);
}

KTEST(fault_on_a_migration_entry_waits_for_the_page_and_retries)
{
	static struct mew m;
	spinlock_t *ptl;
	pte_t *ptep;
	pmd_t *pmd;
	long val = 0, t;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("faulter", 1000, 0, 0));
	m.pid = mmt_task("mover", 1000, 0, 1);
	m.mm = current->mm;
	m.addr = mmt_mmap(1);
	KT_ASSERT_INT_EQ(put_user(5L, (long __user *)m.addr), 0);
	lru_add_drain();
	m.page = mmt_page(m.mm, m.addr);

	KT_ASSERT(!TestSetPageLocked(m.page));
	pmd = pmd_offset(pud_offset(pgd_offset(m.mm, m.addr), m.addr), m.addr);
	ptep = pte_offset_map_lock(m.mm, pmd, m.addr, &ptl);
	m.orig = *ptep;
	set_pte_at(m.mm, m.addr, ptep,
		   swp_entry_to_pte(make_migration_entry(m.page, 1)));
	pte_unmap_unlock(ptep, ptl);
	m.waits_before = sim_event_count("migration_entry_wait");

	t = sim_thread_spawn("mover", m.pid, 1, mew_finish_migration, &m);
	KT_ASSERT_INT_EQ(get_user(val, (long __user *)m.addr), 0);
	sim_thread_join(t);

	KT_ASSERT_INT_EQ(val, 5);
	KT_ASSERT(sim_event_count("migration_entry_wait") > m.waits_before);
	KT_ASSERT(!PageLocked(m.page));
	KT_ASSERT_PTR_EQ(mmt_page(m.mm, m.addr), m.page);
	KT_ASSERT_INT_EQ(page_count(m.page), 1); /* the pte's */
}
