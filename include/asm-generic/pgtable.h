/*
 * asm-generic/pgtable.h (2.6.20): the pte operations an architecture may
 * leave to the generic code.  x86-64 provides ptep_test_and_clear_young
 * itself; clearing with a TLB flush is generic.  flush_tlb_page() only
 * counts the event (asm-x86_64/tlbflush.h): the simulated MMU has no TLB.
 */
#ifndef _ASM_GENERIC_PGTABLE_H
#define _ASM_GENERIC_PGTABLE_H

#include <asm/tlbflush.h>

#ifndef __HAVE_ARCH_PTEP_CLEAR_YOUNG_FLUSH
#define ptep_clear_flush_young(__vma, __address, __ptep)                       \
	({                                                                     \
		int __young;                                                   \
		__young = ptep_test_and_clear_young(__vma, __address, __ptep); \
		if (__young)                                                   \
			flush_tlb_page(__vma, __address);                      \
		__young;                                                       \
	})
#endif

#ifndef __HAVE_ARCH_PTEP_SET_ACCESS_FLAGS
#define ptep_set_access_flags(__vma, __address, __ptep, __entry, __dirty) \
	do {                                                              \
		if (__dirty) {                                            \
			set_pte(__ptep, __entry);                         \
			flush_tlb_page(__vma, __address);                 \
		}                                                         \
	} while (0)
#endif

#ifndef __HAVE_ARCH_PTEP_CLEAR_FLUSH
#define ptep_clear_flush(__vma, __address, __ptep)                             \
	({                                                                     \
		pte_t __pte;                                                   \
		__pte = ptep_get_and_clear((__vma)->vm_mm, __address, __ptep); \
		flush_tlb_page(__vma, __address);                              \
		__pte;                                                         \
	})
#endif

/*
 * While walking page tables: an empty entry, or a bad one, reported and
 * cleared (the reporters, p?d_clear_bad, live in mm/memory.c).
 */
void pgd_clear_bad(pgd_t *);
void pud_clear_bad(pud_t *);
void pmd_clear_bad(pmd_t *);

static inline int pgd_none_or_clear_bad(pgd_t *pgd)
{
	if (pgd_none(*pgd))
		return 1;
	if (unlikely(pgd_bad(*pgd))) {
		pgd_clear_bad(pgd);
		return 1;
	}
	return 0;
}

static inline int pud_none_or_clear_bad(pud_t *pud)
{
	if (pud_none(*pud))
		return 1;
	if (unlikely(pud_bad(*pud))) {
		pud_clear_bad(pud);
		return 1;
	}
	return 0;
}

static inline int pmd_none_or_clear_bad(pmd_t *pmd)
{
	if (pmd_none(*pmd))
		return 1;
	if (unlikely(pmd_bad(*pmd))) {
		pmd_clear_bad(pmd);
		return 1;
	}
	return 0;
}

#endif /* _ASM_GENERIC_PGTABLE_H */
