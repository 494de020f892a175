/*
 * asm-x86_64/pgtable.h - 4-level page tables, pte bits and the swap-entry
 * encoding of 2.6.20 x86-64.  The tables are real: they live in simulated
 * pages and every entry holds a physical address.
 */
#ifndef _X86_64_PGTABLE_H
#define _X86_64_PGTABLE_H

#include <asm/page.h>

#define PGDIR_SHIFT 39
#define PTRS_PER_PGD 512
#define PUD_SHIFT 30
#define PTRS_PER_PUD 512
#define PMD_SHIFT 21
#define PTRS_PER_PMD 512
#define PTRS_PER_PTE 512

#define PMD_SIZE (1UL << PMD_SHIFT)
#define PMD_MASK (~(PMD_SIZE - 1))
#define PUD_SIZE (1UL << PUD_SHIFT)
#define PUD_MASK (~(PUD_SIZE - 1))
#define PGDIR_SIZE (1UL << PGDIR_SHIFT)
#define PGDIR_MASK (~(PGDIR_SIZE - 1))

#define USER_PTRS_PER_PGD ((0x800000000000UL) / PGDIR_SIZE)
#define FIRST_USER_ADDRESS 0

#define _PAGE_BIT_PRESENT 0
#define _PAGE_BIT_RW 1
#define _PAGE_BIT_USER 2
#define _PAGE_BIT_PWT 3
#define _PAGE_BIT_PCD 4
#define _PAGE_BIT_ACCESSED 5
#define _PAGE_BIT_DIRTY 6
#define _PAGE_BIT_PSE 7
#define _PAGE_BIT_GLOBAL 8
#define _PAGE_BIT_NX 63

#define _PAGE_PRESENT 0x001UL
#define _PAGE_RW 0x002UL
#define _PAGE_USER 0x004UL
#define _PAGE_PWT 0x008UL
#define _PAGE_PCD 0x010UL
#define _PAGE_ACCESSED 0x020UL
#define _PAGE_DIRTY 0x040UL
#define _PAGE_PSE 0x080UL
#define _PAGE_FILE 0x040UL /* nonlinear file mapping, saved pgoff */
#define _PAGE_GLOBAL 0x100UL
#define _PAGE_PROTNONE 0x080UL /* if the user mapped it with PROT_NONE */
#define _PAGE_NX (1UL << _PAGE_BIT_NX)

#define _PAGE_TABLE \
	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _PAGE_CHG_MASK (PTE_MASK | _PAGE_ACCESSED | _PAGE_DIRTY)

#define PAGE_NONE __pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED)
#define PAGE_SHARED                                                       \
	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | \
		 _PAGE_NX)
#define PAGE_SHARED_EXEC \
	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_COPY_NOEXEC \
	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_COPY PAGE_COPY_NOEXEC
#define PAGE_COPY_EXEC __pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_READONLY \
	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_READONLY_EXEC __pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_KERNEL                                                        \
	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED | \
		 _PAGE_NX)

#define __P000 PAGE_NONE
#define __P001 PAGE_READONLY
#define __P010 PAGE_COPY
#define __P011 PAGE_COPY
#define __P100 PAGE_READONLY_EXEC
#define __P101 PAGE_READONLY_EXEC
#define __P110 PAGE_COPY_EXEC
#define __P111 PAGE_COPY_EXEC
#define __S000 PAGE_NONE
#define __S001 PAGE_READONLY
#define __S010 PAGE_SHARED
#define __S011 PAGE_SHARED
#define __S100 PAGE_READONLY_EXEC
#define __S101 PAGE_READONLY_EXEC
#define __S110 PAGE_SHARED_EXEC
#define __S111 PAGE_SHARED_EXEC

extern unsigned long __supported_pte_mask;

/*
 * The zero page: one page of the kernel image, PG_reserved, mapped
 * read-only by read faults on anonymous memory.  (2006: an array in the
 * image; here a pointer to the page set aside in simulated RAM at boot.)
 */
extern unsigned long *empty_zero_page;
#define ZERO_PAGE(vaddr) (virt_to_page(empty_zero_page))

/* ---- index and walk ---------------------------------------------------- */
#define pgd_index(address) (((address) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pud_index(address) (((address) >> PUD_SHIFT) & (PTRS_PER_PUD - 1))
#define pmd_index(address) (((address) >> PMD_SHIFT) & (PTRS_PER_PMD - 1))
#define pte_index(address) (((address) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

#define pgd_offset(mm, address) ((mm)->pgd + pgd_index(address))
#define pgd_page_vaddr(pgd) ((unsigned long)__va(pgd_val(pgd) & PTE_MASK))
#define pud_page_vaddr(pud) ((unsigned long)__va(pud_val(pud) & PTE_MASK))
#define pmd_page_vaddr(pmd) ((unsigned long)__va(pmd_val(pmd) & PTE_MASK))
#define pud_offset(pgd, address) \
	((pud_t *)pgd_page_vaddr(*(pgd)) + pud_index(address))
#define pmd_offset(dir, address) \
	((pmd_t *)pud_page_vaddr(*(dir)) + pmd_index(address))
#define pte_offset_kernel(dir, address) \
	((pte_t *)pmd_page_vaddr(*(dir)) + pte_index(address))
#define pte_offset_map(dir, address) pte_offset_kernel(dir, address)
#define pte_offset_map_nested(dir, address) pte_offset_kernel(dir, address)
#define pte_unmap(pte) \
	do {           \
	} while (0)
#define pte_unmap_nested(pte) \
	do {                  \
	} while (0)

#define pgd_page(pgd) (pfn_to_page(pgd_val(pgd) >> PAGE_SHIFT))
#define pud_page(pud) (pfn_to_page(pud_val(pud) >> PAGE_SHIFT))
#define pmd_page(pmd) (pfn_to_page(pmd_val(pmd) >> PAGE_SHIFT))

#define pgd_none(x) (!pgd_val(x))
#define pud_none(x) (!pud_val(x))
#define pmd_none(x) (!pmd_val(x))
#define pgd_present(x) (pgd_val(x) & _PAGE_PRESENT)
#define pud_present(x) (pud_val(x) & _PAGE_PRESENT)
#define pmd_present(x) (pmd_val(x) & _PAGE_PRESENT)
#define pgd_bad(x) ((pgd_val(x) & ~(PTE_MASK | _PAGE_USER)) != _KERNPG_TABLE)
#define pud_bad(x) ((pud_val(x) & ~(PTE_MASK | _PAGE_USER)) != _KERNPG_TABLE)
#define pmd_bad(x) ((pmd_val(x) & ~(PTE_MASK | _PAGE_USER)) != _KERNPG_TABLE)
#define pgd_clear(pgd) ((pgd)->pgd = 0)
#define pud_clear(pud) ((pud)->pud = 0)
#define pmd_clear(pmd) ((pmd)->pmd = 0)

#define pgd_addr_end(addr, end)                                                \
	({                                                                     \
		unsigned long __boundary = ((addr) + PGDIR_SIZE) & PGDIR_MASK; \
		(__boundary - 1 < (end)-1) ? __boundary : (end);               \
	})
#define pud_addr_end(addr, end)                                            \
	({                                                                 \
		unsigned long __boundary = ((addr) + PUD_SIZE) & PUD_MASK; \
		(__boundary - 1 < (end)-1) ? __boundary : (end);           \
	})
#define pmd_addr_end(addr, end)                                            \
	({                                                                 \
		unsigned long __boundary = ((addr) + PMD_SIZE) & PMD_MASK; \
		(__boundary - 1 < (end)-1) ? __boundary : (end);           \
	})

/* ---- ptes ---------------------------------------------------------------- */
#define pte_none(x) (!pte_val(x))
#define pte_present(x) (pte_val(x) & (_PAGE_PRESENT | _PAGE_PROTNONE))
#define pte_pfn(x) ((pte_val(x) & __PHYSICAL_MASK) >> PAGE_SHIFT)
#define pte_page(x) pfn_to_page(pte_pfn(x))
#define pte_same(a, b) ((a).pte == (b).pte)

static inline int pte_user(pte_t pte)
{
	return pte_val(pte) & _PAGE_USER;
}
static inline int pte_read(pte_t pte)
{
	return pte_val(pte) & _PAGE_USER;
}
static inline int pte_write(pte_t pte)
{
	return pte_val(pte) & _PAGE_RW;
}
static inline int pte_dirty(pte_t pte)
{
	return pte_val(pte) & _PAGE_DIRTY;
}
static inline int pte_young(pte_t pte)
{
	return pte_val(pte) & _PAGE_ACCESSED;
}
static inline int pte_file(pte_t pte)
{
	return pte_val(pte) & _PAGE_FILE;
}
static inline pte_t pte_mkclean(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_DIRTY);
}
static inline pte_t pte_mkold(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_ACCESSED);
}
static inline pte_t pte_wrprotect(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_RW);
}
static inline pte_t pte_mkdirty(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_DIRTY);
}
static inline pte_t pte_mkyoung(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_ACCESSED);
}
static inline pte_t pte_mkwrite(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_RW);
}

static inline pte_t pfn_pte(unsigned long page_nr, pgprot_t pgprot)
{
	unsigned long pte = (page_nr << PAGE_SHIFT) | pgprot_val(pgprot);
	return __pte(pte & __supported_pte_mask);
}

static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	return __pte((pte_val(pte) & _PAGE_CHG_MASK) | pgprot_val(newprot));
}

#define mk_pte(page, pgprot) pfn_pte(page_to_pfn(page), (pgprot))

/*
 * mmsim: --detect kcsan sees every pte store here.  The store is one
 * aligned 64-bit write, as 2006's was, which the simulated MMU may read at
 * any time (arch/x86_64/mm/fault.c): a release store says so to the
 * compiler and to ThreadSanitizer.
 */
#define set_pte(ptep, pteval)                                      \
	do {                                                       \
		sim_kcsan_access((ptep), sizeof(pte_t), 1, "pte"); \
		__atomic_store_n(&(ptep)->pte, (pteval).pte,       \
				 __ATOMIC_RELEASE);                \
	} while (0)
#define set_pte_at(mm, addr, ptep, pteval) set_pte(ptep, pteval)
#define set_pmd(pmdptr, pmdval) (*(pmdptr) = (pmdval))
#define set_pud(pudptr, pudval) (*(pudptr) = (pudval))
#define set_pgd(pgdptr, pgdval) (*(pgdptr) = (pgdval))
#define pte_clear(mm, addr, xp) set_pte_at(mm, addr, xp, __pte(0))

static inline pte_t ptep_get_and_clear(void *mm, unsigned long addr,
				       pte_t *ptep)
{
	return __pte(__atomic_exchange_n(&ptep->pte, 0UL, __ATOMIC_SEQ_CST));
}

static inline void ptep_set_wrprotect(void *mm, unsigned long addr, pte_t *ptep)
{
	__atomic_fetch_and(&ptep->pte, ~_PAGE_RW, __ATOMIC_SEQ_CST);
}

/* The hardware sets _PAGE_ACCESSED; reclaim and rmap test and clear it. */
#define __HAVE_ARCH_PTEP_TEST_AND_CLEAR_YOUNG
static inline int ptep_test_and_clear_young(void *vma, unsigned long addr,
					    pte_t *ptep)
{
	if (!pte_young(*ptep))
		return 0;
	return (__atomic_fetch_and(&ptep->pte, ~_PAGE_ACCESSED,
				   __ATOMIC_SEQ_CST) &
		_PAGE_ACCESSED) != 0;
}

/* ---- non-present encodings ---------------------------------------------- */
/* Swap ptes: bit 0 clear, type in bits 1-6, offset from bit 8 on. */
#define __swp_type(x) (((x).val >> 1) & 0x3f)
#define __swp_offset(x) ((x).val >> 8)
#define __swp_entry(type, offset)                     \
	((swp_entry_t){((unsigned long)(type) << 1) | \
		       ((unsigned long)(offset) << 8)})
#define __pte_to_swp_entry(pte) ((swp_entry_t){pte_val(pte)})
#define __swp_entry_to_pte(x) ((pte_t){(x).val})

/* Nonlinear file ptes: the page offset where the pfn would be. */
#define pte_to_pgoff(pte) ((pte_val(pte) & PHYSICAL_PAGE_MASK) >> PAGE_SHIFT)
#define pgoff_to_pte(off) ((pte_t){((off) << PAGE_SHIFT) | _PAGE_FILE})
#define PTE_FILE_MAX_BITS __PHYSICAL_MASK_SHIFT

/* x86-64 keeps the MMU coherent by itself; these record the event. */
#define update_mmu_cache(vma, address, pte) sim_count_event("update_mmu_cache")
#define lazy_mmu_prot_update(pte) sim_count_event("lazy_mmu_prot_update")

#define kern_addr_valid(addr) (1)
#define pgtable_cache_init() \
	do {                 \
	} while (0)

#include <asm-generic/pgtable.h>

#endif
