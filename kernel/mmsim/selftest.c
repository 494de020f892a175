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
#include <linux/slab.h>
#include <linux/rmap.h>
#include <linux/rcupdate.h>
#include <linux/gfp.h>
#include <linux/pagemap.h>
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

/* ---- the slab detector (KASAN-like, --detect kasan) ---------------------- */

/*
 * Without the detector the wrong deeds below would touch host memory
 * that is no longer ours: they refuse to run, and say why.
 */
static int need_kasan(void)
{
	if (sim_kasan_enabled())
		return 0;
	printk(KERN_ERR "selftest: needs the slab detector (--detect kasan)\n");
	return -ENODEV;
}

/* A vma freed, then read: what a stale find_vma() result would do. */
static int slab_use_after_free(void)
{
	struct vm_area_struct *vma;
	int ret = need_kasan();

	if (ret)
		return ret;
	vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);
	vma->vm_start = 0x1000;
	kmem_cache_free(vm_area_cachep, vma);
	return *(volatile unsigned long *)&vma->vm_start ? 0 : 1;
}

/* kfree() twice: the second finds the object in quarantine. */
static int slab_double_free(void)
{
	void *p;
	int ret = need_kasan();

	if (ret)
		return ret;
	p = kmalloc(64, GFP_KERNEL);
	kfree(p);
	kfree(p);
	return 0;
}

/*
 * Correct code, which the detector must let pass: an anon_vma freed and
 * then locked by a reader inside rcu_read_lock(), as page_lock_anon_vma()
 * may do with a stale page->mapping.  anon_vma_cachep is
 * SLAB_DESTROY_BY_RCU: the memory stays an initialised anon_vma.
 */
static int slab_rcu_read_after_free(void)
{
	struct anon_vma *anon_vma = anon_vma_alloc();

	rcu_read_lock();
	anon_vma_free(anon_vma);
	spin_lock(&anon_vma->lock);
	spin_unlock(&anon_vma->lock);
	rcu_read_unlock();
	return 0;
}

/* ---- lockdep (--detect lockdep) -------------------------------------------- */

static spinlock_t selftest_order_a, selftest_order_b;

static void selftest_order_init(void)
{
	spin_lock_init(&selftest_order_a);
	spin_lock_init(&selftest_order_b);
}

/*
 * A then B, later B then A, in one task: no deadlock can happen in this
 * run, but two tasks doing the same could deadlock.  lockdep reports it
 * at the second order.
 */
static void lock_inversion(void)
{
	selftest_order_init();
	spin_lock(&selftest_order_a);
	spin_lock(&selftest_order_b);
	spin_unlock(&selftest_order_b);
	spin_unlock(&selftest_order_a);

	spin_lock(&selftest_order_b);
	spin_lock(&selftest_order_a);
	spin_unlock(&selftest_order_a);
	spin_unlock(&selftest_order_b);
}

/* The page lock against a spinlock, both orders (a bit-lock class). */
static void page_lock_inversion(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	selftest_order_init();
	lock_page(page);
	spin_lock(&selftest_order_a);
	spin_unlock(&selftest_order_a);
	unlock_page(page);

	spin_lock(&selftest_order_a);
	if (!TestSetPageLocked(page)) /* a trylock: no dependency */
		unlock_page(page);
	spin_unlock(&selftest_order_a);
	down_write(&selftest_sem_a);
	lock_page(page);
	unlock_page(page);
	up_write(&selftest_sem_a);
	lock_page(page);
	down_write(&selftest_sem_a); /* sem_a -> PG_locked -> sem_a */
	up_write(&selftest_sem_a);
	unlock_page(page);
	__free_page(page);
}

/* Correct code: the same two locks, always in the same order. */
static void lock_order_consistent(void)
{
	int i;

	selftest_order_init();
	for (i = 0; i < 2; i++) {
		spin_lock(&selftest_order_a);
		spin_lock(&selftest_order_b);
		spin_unlock(&selftest_order_b);
		spin_unlock(&selftest_order_a);
	}
	spin_lock(&selftest_order_b); /* b alone orders nothing */
	spin_unlock(&selftest_order_b);
}

/* ---- the invariant checker mid-run (--check-every) ----------------------- */

/*
 * A reference on the task's first mapped page taken by one kernel entry
 * and dropped by a later one: in between, the page's _count says one
 * user more than there is, as a get_page leaked across a system call
 * would.  The end of the run is clean; only a check between the two
 * entries sees it.
 */
static struct page *selftest_held_page;

static int page_ref_hold(void)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	struct page *page = NULL;

	if (!mm || selftest_held_page)
		return -EINVAL;
	down_read(&mm->mmap_sem);
	vma = find_vma(mm, 0);
	if (vma)
		page = follow_page(vma, vma->vm_start, FOLL_GET);
	up_read(&mm->mmap_sem);
	if (!page)
		return -ENOENT; /* nothing mapped: fault it in first */
	selftest_held_page = page; /* the reference FOLL_GET took */
	return 0;
}

static int page_ref_return(void)
{
	if (!selftest_held_page)
		return -EINVAL;
	put_page(selftest_held_page);
	selftest_held_page = NULL;
	return 0;
}

/* ---- the data-race detector (--detect kcsan) ------------------------------- */

/*
 * A pte two tasks store to: without the lock, nothing orders the two
 * stores (a lost update if they overlapped); with it, the lock does.
 * Run each in two tasks.
 */
static pte_t selftest_pte;

static void pte_store_unlocked(void)
{
	set_pte(&selftest_pte, __pte(sim_thread_pid()));
}

static void pte_store_locked(void)
{
	spin_lock(&selftest_lock);
	set_pte(&selftest_pte, __pte(sim_thread_pid()));
	spin_unlock(&selftest_lock);
}

/*
 * The non-atomic flag operations on one page by two tasks: unordered
 * without a lock (2.6.20 allows them only on a page nobody else can
 * touch), ordered by the lock with it.  Run each in two tasks.
 */
static struct page selftest_page;

static void page_flags_unlocked(void)
{
	__SetPagePrivate(&selftest_page);
}

static void page_flags_locked(void)
{
	spin_lock(&selftest_lock);
	__ClearPagePrivate(&selftest_page);
	spin_unlock(&selftest_lock);
}

/*
 * Marked (atomic) and plain flag operations on one page by two tasks: a
 * plain __SetPagePrivate racing with an atomic SetPageReferenced is a data
 * race (page_flags_plain in one task, page_flags_marked in the other);
 * two atomic ones are not (page_flags_marked in both).
 */
static struct page selftest_marked_page;

static void page_flags_plain(void)
{
	__SetPagePrivate(&selftest_marked_page);
}

static void page_flags_marked(void)
{
	SetPageReferenced(&selftest_marked_page);
}

/*
 * A reference count handed over between two tasks (refcount_get takes
 * both references first): each task writes its own word of an object and
 * drops its reference, and the last one frees the object, writing both
 * words.  atomic_dec_and_test is fully ordered, so the free comes after
 * the other task's write (refcount_put); atomic_dec then atomic_read
 * order nothing, so the same free is a data race (refcount_put_unordered).
 */
static atomic_t selftest_refs;
static unsigned long selftest_words[2];

static void refcount_get(void)
{
	atomic_set(&selftest_refs, 2);
}

static void refcount_write_own_word(void)
{
	unsigned long *word = &selftest_words[sim_thread_pid() & 1];

	kcsan_check_write(word, sizeof(*word));
	*word = 1;
}

static void refcount_free_words(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		kcsan_check_write(&selftest_words[i],
				  sizeof(selftest_words[i]));
		selftest_words[i] = 0x6b6b6b6b6b6b6b6bUL; /* POISON_FREE */
	}
}

static void refcount_put(void)
{
	refcount_write_own_word();
	if (atomic_dec_and_test(&selftest_refs))
		refcount_free_words();
}

static void refcount_put_unordered(void)
{
	refcount_write_own_word();
	atomic_dec(&selftest_refs);
	if (atomic_read(&selftest_refs) == 0)
		refcount_free_words();
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
	else if (!strcmp(name, "slab_use_after_free"))
		return slab_use_after_free();
	else if (!strcmp(name, "slab_double_free"))
		return slab_double_free();
	else if (!strcmp(name, "slab_rcu_read_after_free"))
		return slab_rcu_read_after_free();
	else if (!strcmp(name, "lock_inversion"))
		lock_inversion();
	else if (!strcmp(name, "page_lock_inversion"))
		page_lock_inversion();
	else if (!strcmp(name, "lock_order_consistent"))
		lock_order_consistent();
	else if (!strcmp(name, "pte_store_unlocked"))
		pte_store_unlocked();
	else if (!strcmp(name, "pte_store_locked"))
		pte_store_locked();
	else if (!strcmp(name, "page_flags_unlocked"))
		page_flags_unlocked();
	else if (!strcmp(name, "page_flags_locked"))
		page_flags_locked();
	else if (!strcmp(name, "page_flags_plain"))
		page_flags_plain();
	else if (!strcmp(name, "page_flags_marked"))
		page_flags_marked();
	else if (!strcmp(name, "refcount_get"))
		refcount_get();
	else if (!strcmp(name, "refcount_put"))
		refcount_put();
	else if (!strcmp(name, "refcount_put_unordered"))
		refcount_put_unordered();
	else if (!strcmp(name, "page_ref_hold"))
		return page_ref_hold();
	else if (!strcmp(name, "page_ref_return"))
		return page_ref_return();
	else
		return -EINVAL;
	return 0;
}

const char *const sim_selftests[] = {"sleep_under_spinlock",
				     "abba_ab",
				     "abba_ba",
				     "bug",
				     "null_pointer",
				     "stale_pte",
				     "leak_pte_table",
				     "slab_use_after_free",
				     "slab_double_free",
				     "slab_rcu_read_after_free",
				     "lock_inversion",
				     "page_lock_inversion",
				     "lock_order_consistent",
				     "page_ref_hold",
				     "page_ref_return",
				     "pte_store_unlocked",
				     "pte_store_locked",
				     "page_flags_unlocked",
				     "page_flags_locked",
				     "page_flags_plain",
				     "page_flags_marked",
				     "refcount_get",
				     "refcount_put",
				     "refcount_put_unordered",
				     NULL};
