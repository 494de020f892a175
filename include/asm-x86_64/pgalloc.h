/*
 * asm-x86_64/pgalloc.h - allocating and freeing page-table pages and
 * populating upper-level entries (2.6.20 include/asm-x86_64/pgalloc.h).
 *
 * Every table is one simulated page from the page allocator, zeroed, and
 * an upper-level entry holds its physical address with the _PAGE_TABLE
 * bits, exactly as the hardware expects.
 *
 * Simplifications: 2006 pgd_alloc also copied the kernel half of
 * init_level4_pgt into every pgd and kept all pgds on pgd_list for vmalloc
 * faults.  Kernel addresses in mmsim are host pointers that these tables
 * never map, so a pgd here is simply a zeroed page (pgd_alloc/pgd_free live
 * in mm/memory.c).  The tables are allocated with alloc_pages(...|
 * __GFP_ZERO) where 2006 used get_zeroed_page(), which is the same request.
 */
#ifndef _X86_64_PGALLOC_H
#define _X86_64_PGALLOC_H

#include <linux/mm.h>
#include <linux/gfp.h>
#include <asm/page.h>
#include <asm/pgtable.h>

#define PGTABLE_GFP (GFP_KERNEL | __GFP_REPEAT | __GFP_ZERO)

#define pmd_populate_kernel(mm, pmd, pte) \
	set_pmd(pmd, __pmd(_PAGE_TABLE | __pa(pte)))
#define pud_populate(mm, pud, pmd) set_pud(pud, __pud(_PAGE_TABLE | __pa(pmd)))
#define pgd_populate(mm, pgd, pud) set_pgd(pgd, __pgd(_PAGE_TABLE | __pa(pud)))

static inline void pmd_populate(struct mm_struct *mm, pmd_t *pmd,
				struct page *pte)
{
	set_pmd(pmd, __pmd(_PAGE_TABLE | (page_to_pfn(pte) << PAGE_SHIFT)));
}

static inline void *__pgtable_alloc_one(void)
{
	struct page *page = alloc_pages(PGTABLE_GFP, 0);

	return page ? page_address(page) : NULL;
}

static inline void __pgtable_free_one(void *table)
{
	BUG_ON((unsigned long)table & (PAGE_SIZE - 1));
	__free_page(virt_to_page(table));
}

static inline pmd_t *pmd_alloc_one(struct mm_struct *mm, unsigned long addr)
{
	return (pmd_t *)__pgtable_alloc_one();
}

static inline void pmd_free(pmd_t *pmd)
{
	__pgtable_free_one(pmd);
}

static inline pud_t *pud_alloc_one(struct mm_struct *mm, unsigned long addr)
{
	return (pud_t *)__pgtable_alloc_one();
}

static inline void pud_free(pud_t *pud)
{
	__pgtable_free_one(pud);
}

pgd_t *pgd_alloc(struct mm_struct *mm);
void pgd_free(pgd_t *pgd);

static inline pte_t *pte_alloc_one_kernel(struct mm_struct *mm,
					  unsigned long address)
{
	return (pte_t *)__pgtable_alloc_one();
}

/* A user pte table is handed around as its struct page (split PTL). */
static inline struct page *pte_alloc_one(struct mm_struct *mm,
					 unsigned long address)
{
	return alloc_pages(PGTABLE_GFP, 0);
}

static inline void pte_free_kernel(pte_t *pte)
{
	__pgtable_free_one(pte);
}

static inline void pte_free(struct page *pte)
{
	__free_page(pte);
}

#endif /* _X86_64_PGALLOC_H */
