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

#endif /* _ASM_GENERIC_PGTABLE_H */
