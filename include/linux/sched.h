/*
 * linux/sched.h - tasks and, as in 2.6.20, struct mm_struct.
 *
 * Simplification: only the fields the mm subsystem and its callers use.
 * Each simulated task is a host thread (see asm/current.h).
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/capability.h>
#include <linux/spinlock.h>
#include <linux/rwsem.h>
#include <linux/nodemask.h>
#include <linux/rbtree.h>
#include <linux/list.h>
#include <linux/wait.h>
#include <asm/atomic.h>
#include <asm/param.h> /* HZ: 2006 had it through linux/jiffies.h */
#include <asm/page.h>
#include <asm/current.h>

#define TASK_RUNNING 0
#define TASK_INTERRUPTIBLE 1
#define TASK_UNINTERRUPTIBLE 2
#define TASK_STOPPED 4
#define EXIT_ZOMBIE 16
#define EXIT_DEAD 32

#define TASK_COMM_LEN 16

/* Per process flags */
#define PF_ALIGNWARN 0x00000001
#define PF_STARTING 0x00000002
#define PF_EXITING 0x00000004
#define PF_FORKNOEXEC 0x00000040
#define PF_SUPERPRIV 0x00000100
#define PF_DUMPCORE 0x00000200
#define PF_SIGNALED 0x00000400
#define PF_MEMALLOC 0x00000800
#define PF_FLUSHER 0x00001000
#define PF_USED_MATH 0x00002000
#define PF_NOFREEZE 0x00008000
#define PF_FROZEN 0x00010000
#define PF_FSTRANS 0x00020000
#define PF_KSWAPD 0x00040000
#define PF_SWAPOFF 0x00080000
#define PF_LESS_THROTTLE 0x00100000
#define PF_BORROWED_MM 0x00200000
#define PF_RANDOMIZE 0x00400000
#define PF_SWAPWRITE 0x00800000
#define PF_SPREAD_PAGE 0x01000000
#define PF_SPREAD_SLAB 0x02000000
#define PF_MEMPOLICY 0x10000000
#define PF_MUTEX_TESTER 0x20000000

struct vm_area_struct;
struct mempolicy;
struct cpuset;
struct file;

typedef atomic_long_t mm_counter_t;

struct mm_struct {
	struct vm_area_struct *mmap; /* list of VMAs */
	struct rb_root mm_rb;
	struct vm_area_struct *mmap_cache; /* last find_vma result */
	unsigned long (*get_unmapped_area)(struct file *filp,
					   unsigned long addr,
					   unsigned long len,
					   unsigned long pgoff,
					   unsigned long flags);
	void (*unmap_area)(struct mm_struct *mm, unsigned long addr);
	unsigned long mmap_base; /* base of mmap area */
	unsigned long task_size; /* size of task vm space */
	unsigned long cached_hole_size;
	unsigned long free_area_cache;
	pgd_t *pgd;
	atomic_t mm_users; /* How many users with user space? */
	atomic_t mm_count; /* How many references to "struct mm_struct" */
	int map_count; /* number of VMAs */
	struct rw_semaphore mmap_sem;
	spinlock_t page_table_lock; /* Protects page tables and some counters */

	struct list_head mmlist; /* List of maybe swapped mm's. */

	mm_counter_t _file_rss;
	mm_counter_t _anon_rss;

	unsigned long hiwater_rss; /* High-watermark of RSS usage */
	unsigned long hiwater_vm; /* High-water virtual memory usage */

	unsigned long total_vm, locked_vm, shared_vm, exec_vm;
	unsigned long stack_vm, reserved_vm, def_flags, nr_ptes;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;

	unsigned long flags;

	/*
	 * mmsim: the TLBs of the CPUs running this mm.  A simulated access
	 * (walk plus load/store) is a reader; flush_tlb_*() takes it for
	 * write, so that once a flush returns no access through a cleared
	 * pte is still in flight, which is what the 2006 IPI shootdown
	 * guaranteed.
	 */
	rwlock_t tlb_lock;
};

#define set_mm_counter(mm, member, value) \
	__atomic_store_n(&(mm)->_##member.counter, (value), __ATOMIC_RELAXED)
#define get_mm_counter(mm, member)                                \
	((unsigned long)__atomic_load_n(&(mm)->_##member.counter, \
					__ATOMIC_RELAXED))
#define add_mm_counter(mm, member, value) \
	__atomic_fetch_add(&(mm)->_##member.counter, (value), __ATOMIC_RELAXED)
#define inc_mm_counter(mm, member) add_mm_counter(mm, member, 1)
#define dec_mm_counter(mm, member) add_mm_counter(mm, member, -1)
#define get_mm_rss(mm) \
	(get_mm_counter(mm, file_rss) + get_mm_counter(mm, anon_rss))
#define update_hiwater_rss(mm)                       \
	do {                                         \
		unsigned long _rss = get_mm_rss(mm); \
		if ((mm)->hiwater_rss < _rss)        \
			(mm)->hiwater_rss = _rss;    \
	} while (0)
#define update_hiwater_vm(mm)                              \
	do {                                               \
		if ((mm)->hiwater_vm < (mm)->total_vm)     \
			(mm)->hiwater_vm = (mm)->total_vm; \
	} while (0)

struct task_struct {
	volatile long state; /* -1 unrunnable, 0 runnable, >0 stopped */
	unsigned long flags; /* per process flags, defined below */
	int cpu; /* the simulated CPU it runs on */

	struct list_head tasks; /* all tasks, under tasklist_lock */
	struct mm_struct *mm, *active_mm;

	int exit_state;
	int exit_code;
	pid_t pid;
	pid_t tgid;
	struct task_struct *parent; /* parent process */

	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	kernel_cap_t cap_effective, cap_inheritable, cap_permitted;
	unsigned keep_capabilities : 1; /* prctl(PR_SET_KEEPCAPS) */
	/* a child's exit wakes it (2006: in signal_struct, per process) */
	wait_queue_head_t wait_chldexit;

	char comm[TASK_COMM_LEN];

	spinlock_t alloc_lock; /* task_lock() */

	struct mempolicy *mempolicy;
	short il_next;
	struct cpuset *cpuset;
	nodemask_t mems_allowed;
	int cpuset_mems_generation;

	/* mm/oom_kill.c's inputs, and the kill it delivers */
	int oomkilladj; /* OOM kill score adjustment (bit shift) */
	int nice; /* task_nice(): -20..19 */
	unsigned long utime, stime; /* CPU time in jiffies: not accounted, 0 */
	unsigned long start_time; /* seconds of uptime at creation */
	unsigned long thread_flags; /* thread_info's flags: TIF_MEMDIE */
	int sigkill_pending; /* force_sig(SIGKILL): exits at return to user */
	const void *signal_wake_key; /* mmsim: woken when a signal arrives */

	/* simulator bookkeeping: the host thread behind the task */
	long sim_thread;
};

/* oomkilladj of a task the OOM killer never picks */
#define OOM_DISABLE (-17)

/*
 * thread_info flags (2006: asm-x86_64/thread_info.h); only TIF_MEMDIE,
 * "is terminating due to OOM killer", which lets its allocations dip
 * into the reserves.  Set by another task, so atomic.
 */
#define TIF_MEMDIE 17
#define set_tsk_thread_flag(t, flag) \
	__atomic_fetch_or(&(t)->thread_flags, 1UL << (flag), __ATOMIC_SEQ_CST)
#define test_tsk_thread_flag(t, flag) \
	((__atomic_load_n(&(t)->thread_flags, __ATOMIC_SEQ_CST) >> (flag)) & 1)
#define test_thread_flag(flag) test_tsk_thread_flag(current, flag)
#define task_nice(p) ((p)->nice)
#define SIGKILL 9

extern rwlock_t tasklist_lock;
extern struct task_struct init_task;
extern struct list_head task_list_head;

/* kernel/fork.c and the init task's mm (swapped mms hang off init_mm.mmlist) */
extern spinlock_t mmlist_lock;
extern struct mm_struct init_mm;

#define task_lock(p) spin_lock(&(p)->alloc_lock)
#define task_unlock(p) spin_unlock(&(p)->alloc_lock)

enum pid_type { PIDTYPE_PID, PIDTYPE_PGID, PIDTYPE_SID, PIDTYPE_MAX };
struct task_struct *find_task_by_pid_type(int type, int pid);
#define find_task_by_pid(nr) find_task_by_pid_type(PIDTYPE_PID, nr)

struct mm_struct *get_task_mm(struct task_struct *task);
void mmput(struct mm_struct *);
void mmdrop(struct mm_struct *mm);
struct mm_struct *mm_alloc(void);
struct mm_struct *dup_mm(struct task_struct *tsk);

/* mm/mmap.c (2006: arch/x86_64/mm/mmap.c and kernel/sys_x86_64.c) */
void arch_pick_mmap_layout(struct mm_struct *mm);
unsigned long arch_get_unmapped_area(struct file *, unsigned long,
				     unsigned long, unsigned long,
				     unsigned long);
void arch_unmap_area(struct mm_struct *, unsigned long);

/* clone flags (the one fork's mm half looks at) */
#define CLONE_VM 0x00000100 /* set if VM shared between processes */
/* kernel/fork.c: static in 2006; shared here with the task code. */
int copy_mm(unsigned long clone_flags, struct task_struct *tsk);
long do_fork_sim(unsigned long clone_flags);
/*
 * mmsim: the task with this pid (NULL if none), and that task's mm with a
 * reference (mmput it; NULL for a kernel thread) or -ESRCH.  Tasks are
 * never freed, so the pointer stays valid after tasklist_lock is dropped.
 */
struct task_struct *sim_find_task(int pid);
int sim_get_pid_mm(int pid, struct mm_struct **mmp);
void do_exit_sim(long code);
/* kernel/exit.c's do_wait() for wait4(): see kernel/pid.c */
long do_wait_sim(pid_t pid, int options, int *status);

#define cond_resched() sim_cond_resched()

/*
 * cond_resched_lock(): drop a spinlock at a preemption point and retake
 * it.  2006 dropped it only when a reschedule was pending; here the
 * engine decides at the preemption point whether another task runs, so
 * the lock is always released for that moment.  Returns 1 if another
 * task ran.
 */
static inline int cond_resched_lock(spinlock_t *lock)
{
	int ret;

	spin_unlock(lock);
	ret = sim_cond_resched();
	spin_lock(lock);
	return ret;
}
void schedule(void);
#define set_current_state(s) (current->state = (s))
#define __set_current_state(s) (current->state = (s))

static inline int is_init(struct task_struct *tsk)
{
	return tsk->pid == 1;
}

#endif
