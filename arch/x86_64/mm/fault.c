/*
 * arch/x86_64/mm/fault.c - the simulated MMU and the user half of the page
 * fault handler (2.6.20 arch/x86_64/mm/fault.c, do_page_fault).
 *
 * sim_user_access() is what a CPU does when the current task touches a
 * user address: walk current->mm's four-level tables like the hardware
 * (present and user bits at every level, _PAGE_RW for a write), set the
 * pte's accessed bit -- and its dirty bit on a write -- with an atomic
 * compare-and-exchange as the page walker's locked update did, and hand
 * back the kernel address of the byte.  When the walk fails, it does
 * what do_page_fault did for a fault on a user address: take mmap_sem
 * for reading, find_vma, check the access against the vma, call
 * handle_mm_fault, drop mmap_sem, and retry the access.
 *
 * Deliberate simplifications:
 *  - There is no TLB: every access walks the tables, so flushes are only
 *    counted (asm/tlbflush.h).  The translation and the caller's copy of
 *    at most one page happen without a preemption point in between, as
 *    one instruction would.
 *  - Stacks do not grow: a fault below a VM_GROWSDOWN vma is a bad area
 *    (2006 called expand_stack(), after checking the address against
 *    the stack pointer).
 *  - A fault that cannot be handled (no vma, a protection violation,
 *    SIGBUS, OOM) makes the access fail with -EFAULT: the exception-table
 *    fixup of a uaccess routine.  No signal is sent and no task is
 *    killed (2006's OOM path killed the faulting task).
 *  - in_atomic() is not checked before taking mmap_sem; the engine
 *    reports sleeping in atomic context in down_read() instead.
 *  - No vsyscall page, no NX/instruction fetches, no prefetch quirks.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/rwsem.h>

#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/mmu.h>
#include <sim/door.h>

/*
 * Page fault error code bits (2006 arch/x86_64/mm/fault.c)
 */
#define PF_PROT (1 << 0) /* or no page found */
#define PF_WRITE (1 << 1)
#define PF_USER (1 << 2)
#define PF_RSVD (1 << 3)
#define PF_INSTR (1 << 4)

/* A fault that keeps coming back after being handled is a livelock. */
#define MMU_MAX_RETRIES 1000000UL

static inline unsigned long mmu_read_entry(unsigned long *entry)
{
	return __atomic_load_n(entry, __ATOMIC_ACQUIRE);
}

/*
 * An upper-level entry lets the walk through if it is present, a user
 * entry and (for a write) writable.  Returns 0, or the reason it faults.
 */
static inline int mmu_check_table(unsigned long e, int write,
				  unsigned long *error_code)
{
	if (!(e & _PAGE_PRESENT))
		return -1;
	if (!(e & _PAGE_USER) || (write && !(e & _PAGE_RW))) {
		*error_code |= PF_PROT;
		return -1;
	}
	return 0;
}

/*
 * The hardware page walk.  Returns 0 with *kaddr set, or -1 with the page
 * fault error code in *error_code.
 */
static int mmu_walk(struct mm_struct *mm, unsigned long addr, int write,
		    void **kaddr, unsigned long *error_code)
{
	unsigned long e, old, new;
	unsigned long *table;
	pte_t *ptep;

	*error_code = PF_USER | (write ? PF_WRITE : 0);

	e = mmu_read_entry(&pgd_offset(mm, addr)->pgd);
	if (mmu_check_table(e, write, error_code))
		return -1;
	table = __va(e & PTE_MASK);
	e = mmu_read_entry(&table[pud_index(addr)]);
	if (mmu_check_table(e, write, error_code))
		return -1;
	table = __va(e & PTE_MASK);
	e = mmu_read_entry(&table[pmd_index(addr)]);
	if (mmu_check_table(e, write, error_code))
		return -1;
	ptep = (pte_t *)__va(e & PTE_MASK) + pte_index(addr);

	old = mmu_read_entry(&ptep->pte);
	do {
		/* _PAGE_PROTNONE is present only for the kernel's pte_present */
		if (!(old & _PAGE_PRESENT))
			return -1;
		if (!(old & _PAGE_USER) || (write && !(old & _PAGE_RW))) {
			*error_code |= PF_PROT;
			return -1;
		}
		new = old | _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0);
		if (new == old)
			break;
	} while (!__atomic_compare_exchange_n(
		&ptep->pte, &old, new, 0, __ATOMIC_SEQ_CST, __ATOMIC_ACQUIRE));

	*kaddr = (char *)__va(old & PTE_MASK) + (addr & ~PAGE_MASK);
	return 0;
}

/*
 * do_page_fault for a user address: returns 0 when the fault was handled
 * (the access is retried), -EFAULT when it cannot be.
 */
static int do_page_fault(struct mm_struct *mm, unsigned long address,
			 unsigned long error_code)
{
	struct vm_area_struct *vma;
	int write;

	sim_ticks_advance(1); /* the exception entry and exit */
	sim_count_event("mmu_fault");
	if (sim_tracing())
		sim_trace("page_fault", "address=%lx error_code=%lx", address,
			  error_code);

	down_read(&mm->mmap_sem);

	vma = find_vma(mm, address);
	if (!vma)
		goto bad_area;
	if (likely(vma->vm_start <= address))
		goto good_area;
	if (!(vma->vm_flags & VM_GROWSDOWN))
		goto bad_area;
	/* expand_stack() is not modelled: the stack does not grow. */
	goto bad_area;

/*
 * Ok, we have a good vm_area for this memory access, so
 * we can handle it..
 */
good_area:
	write = 0;
	switch (error_code & (PF_PROT | PF_WRITE)) {
	default: /* 3: write, present */
		/* fall through */
	case PF_WRITE: /* write, not present */
		if (!(vma->vm_flags & VM_WRITE))
			goto bad_area;
		write++;
		break;
	case PF_PROT: /* read, present */
		goto bad_area;
	case 0: /* read, not present */
		if (!(vma->vm_flags & (VM_READ | VM_EXEC | VM_WRITE)))
			goto bad_area;
	}

	/*
	 * If for any reason at all we couldn't handle the fault,
	 * make sure we exit gracefully rather than endlessly redo
	 * the fault.
	 */
	switch (handle_mm_fault(mm, vma, address, write)) {
	case VM_FAULT_MINOR:
	case VM_FAULT_MAJOR:
		break;
	case VM_FAULT_SIGBUS:
		goto bad_area;
	default: /* VM_FAULT_OOM */
		printk(KERN_ERR "mmsim: out of memory in the page fault at "
				"%lx (%s)\n",
		       address, current->comm);
		goto bad_area;
	}

	up_read(&mm->mmap_sem);
	return 0;

bad_area:
	up_read(&mm->mmap_sem);
	return -EFAULT;
}

int sim_user_access(unsigned long addr, int write, void **kaddr)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = tsk ? tsk->mm : NULL;
	unsigned long error_code;
	unsigned long retries = 0;

	/* Kernel threads have no user space; the top half is not user. */
	if (!mm || addr >= TASK_SIZE)
		return -EFAULT;
	/* each access by the task is a point where another may run */
	sim_preempt_point("user_access");

	for (;;) {
		read_lock(&mm->tlb_lock);
		if (!mmu_walk(mm, addr, write, kaddr, &error_code))
			break;
		read_unlock(&mm->tlb_lock);
		if (do_page_fault(mm, addr, error_code))
			return -EFAULT;
		if (++retries == MMU_MAX_RETRIES)
			sim_panic("mmsim: access to %lx by %s keeps faulting "
				  "(%lu faults handled)",
				  addr, tsk->comm, retries);
	}
	return 0;
}

void sim_user_access_end(void)
{
	read_unlock(&current->mm->tlb_lock);
}

void __flush_tlb_mm(struct mm_struct *mm, const char *event)
{
	sim_count_event(event);
	write_lock(&mm->tlb_lock);
	write_unlock(&mm->tlb_lock);
}
