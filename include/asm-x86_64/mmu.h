/*
 * asm-x86_64/mmu.h - the simulated MMU: a CPU access by the current task
 * to a user virtual address.
 *
 * 2006's asm-x86_64/mmu.h held mm_context_t (the LDT); mmsim has no LDT,
 * and uses the header for the one entry point that stands for the
 * hardware page walk plus do_page_fault (arch/x86_64/mm/fault.c).
 */
#ifndef __X86_64_MMU_H
#define __X86_64_MMU_H

/*
 * sim_user_access - access the byte at user address addr as the current
 * task's CPU would: walk current->mm's page tables (present and user bits
 * at every level; write access needs _PAGE_RW on the pte), setting the
 * pte's accessed bit, and its dirty bit for a write, atomically.  When the
 * walk fails, take the page fault as do_page_fault did and retry.
 *
 * Returns 0 and the kernel address of the byte in *kaddr (valid up to the
 * end of its page), or -EFAULT: no mm (a kernel thread), an address at or
 * above TASK_SIZE, no vma, a protection violation, SIGBUS or OOM.
 *
 * On success the access is in flight until sim_user_access_end(): do the
 * load or store in between, and nothing that sleeps.  A TLB flush of the
 * mm waits for accesses in flight, as a shootdown waited for the other
 * CPUs, so nobody writes through a pte after it was cleared and flushed.
 */
int sim_user_access(unsigned long addr, int write, void **kaddr);
void sim_user_access_end(void);

#endif /* __X86_64_MMU_H */
