/*
 * asm-x86_64/tlbflush.h - TLB flushes.  The simulated MMU walks the page
 * tables on every access (no TLB to invalidate), so a flush is counted
 * and waits for the accesses in flight, as the 2006 shootdown IPI did.
 */
#ifndef _X8664_TLBFLUSH_H
#define _X8664_TLBFLUSH_H

#include <sim/door.h>

struct mm_struct;

/*
 * Wait until no simulated access of mm that began before the flush is
 * still in flight (arch/x86_64/mm/fault.c): the shootdown's guarantee.
 */
void __flush_tlb_mm(struct mm_struct *mm, const char *event);

#define flush_tlb() sim_count_event("tlb_flush")
#define flush_tlb_all() sim_count_event("tlb_flush_all")
#define flush_tlb_mm(mm) __flush_tlb_mm((mm), "tlb_flush_mm")
#define flush_tlb_page(vma, addr) __flush_tlb_mm((vma)->vm_mm, "tlb_flush_page")
#define flush_tlb_range(vma, start, end) \
	__flush_tlb_mm((vma)->vm_mm, "tlb_flush_range")

#endif
