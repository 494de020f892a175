/*
 * kernel/mmsim/selftest.c - deliberately wrong kernel code, in the spirit of
 * lib/locking-selftest.c: scenarios call it to show how mmsim reports the
 * misbehaviour 2006 could commit (sleeping in atomic context, an ABBA
 * deadlock between two tasks, BUG(), a wild pointer), and the states
 * broken page-table code would leave behind for the invariant checker to
 * find (a pte outside every vma, a leaked pte page).  Nothing here is
 * reached unless a scenario asks for it by name.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/rwsem.h>
#include <linux/wait.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <asm/pgtable.h>
#include <sim/kernel.h>

static DEFINE_SPINLOCK(selftest_lock);
static DECLARE_RWSEM(selftest_sem_a);
static DECLARE_RWSEM(selftest_sem_b);
static DECLARE_WAIT_QUEUE_HEAD(selftest_wait);
static int selftest_a_held, selftest_b_held;

/* down_read() may sleep: under a spinlock that is a bug */
static void sleep_under_spinlock(void)
{
	spin_lock(&selftest_lock);
	down_read(&selftest_sem_a);
	up_read(&selftest_sem_a);
	spin_unlock(&selftest_lock);
}

/*
 * The two halves of an ABBA deadlock: each task takes its first lock,
 * waits until the other holds its own, then asks for the other's.  (Two
 * functions, not one with parameters, so reports name the real locks.)
 */
static void abba_ab(void)
{
	down_write(&selftest_sem_a);
	selftest_a_held = 1;
	wake_up(&selftest_wait);
	wait_event(selftest_wait, selftest_b_held);
	down_write(&selftest_sem_b);
	up_write(&selftest_sem_b);
	up_write(&selftest_sem_a);
}

static void abba_ba(void)
{
	down_write(&selftest_sem_b);
	selftest_b_held = 1;
	wake_up(&selftest_wait);
	wait_event(selftest_wait, selftest_a_held);
	down_write(&selftest_sem_a);
	up_write(&selftest_sem_a);
	up_write(&selftest_sem_b);
}

/* The address comes from outside the compiler's view, as a bad one would. */
unsigned long selftest_wild_address = 0x10;

static void wild_pointer(void)
{
	*(volatile unsigned long *)selftest_wild_address = 1;
}

/*
 * What a munmap that misses the first page of its range leaves: the
 * task's first vma loses its first page, its pte stays present.  The
 * page is then mapped outside every vma, and no later munmap or exit
 * will ever unmap it.
 */
static int stale_pte_outside_vma(void)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int err = -EINVAL;

	if (!mm)
		return err;
	down_write(&mm->mmap_sem);
	vma = mm->mmap;
	if (vma && vma_pages(vma) > 1) {
		vma_adjust(vma, vma->vm_start + PAGE_SIZE, vma->vm_end,
			   vma->vm_pgoff + 1, NULL);
		mm->total_vm--;
		err = 0;
	}
	up_write(&mm->mmap_sem);
	return err;
}

/*
 * A pte page allocated for the top of the user address space, where no
 * vma is, then forgotten: its pmd entry cleared without pte_free().
 * The pud and pmd tables above it stay reachable outside every vma,
 * mm->nr_ptes and NR_PAGETABLE count a pte page nobody can reach.
 */
static int leak_pte_table(void)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr = (TASK_SIZE & PMD_MASK) - PMD_SIZE;
	pud_t *pud;
	pmd_t *pmd;
	int err = -ENOMEM;

	if (!mm)
		return -EINVAL;
	down_write(&mm->mmap_sem);
	pud = pud_alloc(mm, pgd_offset(mm, addr), addr);
	pmd = pud ? pmd_alloc(mm, pud, addr) : NULL;
	if (pmd && !__pte_alloc(mm, pmd, addr)) {
		pmd_clear(pmd);
		err = 0;
	}
	up_write(&mm->mmap_sem);
	return err;
}

int sim_selftest(const char *name)
{
	if (!strcmp(name, "sleep_under_spinlock"))
		sleep_under_spinlock();
	else if (!strcmp(name, "abba_ab"))
		abba_ab();
	else if (!strcmp(name, "abba_ba"))
		abba_ba();
	else if (!strcmp(name, "bug"))
		BUG();
	else if (!strcmp(name, "null_pointer"))
		wild_pointer();
	else if (!strcmp(name, "stale_pte"))
		return stale_pte_outside_vma();
	else if (!strcmp(name, "leak_pte_table"))
		return leak_pte_table();
	else
		return -EINVAL;
	return 0;
}

const char *const sim_selftests[] = {
	"sleep_under_spinlock", "abba_ab",   "abba_ba",	       "bug",
	"null_pointer",		"stale_pte", "leak_pte_table", NULL};
