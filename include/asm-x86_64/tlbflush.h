/*
 * asm-x86_64/tlbflush.h - TLB flushes.  The simulated MMU walks the page
 * tables on every access (no TLB), so a flush is only counted.
 */
#ifndef _X8664_TLBFLUSH_H
#define _X8664_TLBFLUSH_H

#include <sim/door.h>

#define flush_tlb() sim_count_event("tlb_flush")
#define flush_tlb_all() sim_count_event("tlb_flush_all")
#define flush_tlb_mm(mm) sim_count_event("tlb_flush_mm")
#define flush_tlb_page(vma, addr) sim_count_event("tlb_flush_page")
#define flush_tlb_range(vma, start, end) sim_count_event("tlb_flush_range")

#endif
