/*
 * include/sim/door.h - the one narrow door between the kernel world and the
 * simulator (host world).
 *
 * Kernel-world code (arch/, init/, kernel/, mm/, fs/, block/, lib/) reaches the
 * host only through the functions declared here; sim/engine implements them
 * with pthreads, futexes, liburcu and GLib.  Only plain C types cross: no
 * GLib, pthread or libc types, and no libc headers are included, so the
 * kernel world can be compiled with -nostdinc.
 *
 * The interface is shaped for a one-task-at-a-time seeded scheduler: every
 * lock operation, sleep, wake and explicit preemption point is a call into
 * the engine, which may switch to another simulated task there.  In free
 * mode the same calls map onto real parallel threads.
 */
#ifndef _SIM_DOOR_H
#define _SIM_DOOR_H

#include <stdarg.h>

#define SIM_NORETURN __attribute__((noreturn))
#define SIM_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* ---- tasks and CPUs ---------------------------------------------------- */

/*
 * A simulated task is a host thread.  The kernel world owns its
 * task_struct; the engine only knows the thread, its name, pid and CPU.
 * sim_thread_spawn() starts fn(arg) in a new task; the kernel world then
 * points the thread's current at its task_struct itself.
 */
typedef void (*sim_thread_fn)(void *arg);
long sim_thread_spawn(const char *name, int pid, int cpu, sim_thread_fn fn,
		      void *arg);
void sim_thread_join(long handle);
/* Rename/identify the calling thread (the initial task does this). */
void sim_thread_identify(const char *name, int pid, int cpu);
int sim_thread_pid(void);
int sim_thread_cpu(void);
/*
 * A thread-local word that belongs to the task rather than the host
 * thread ('current'): in seeded mode tasks may share one host thread, and
 * the engine saves and restores the word at every switch.  'where'
 * returns the word's address on the calling thread.
 */
void sim_task_local(void **(*where)(void));
const char *sim_thread_name(void);

/* Number of simulated CPUs, set at boot. */
void sim_set_nr_cpus(int nr);
int sim_nr_cpus(void);

/*
 * Preemption: a voluntary point where the seeded scheduler may switch.
 * sim_cond_resched() returns 1 when another task ran.
 */
void sim_preempt_point(const char *where);
int sim_cond_resched(void);

/*
 * A timed sleep (schedule_timeout): time passes for the others.  Seeded
 * mode: the task sleeps for a number of scheduler steps (10 us each)
 * while the others run, and wakes at once when nobody else can run;
 * free mode sleeps the host thread for 'usecs'.  might_sleep checks.
 */
void sim_nap(const char *what, unsigned int usecs);

/*
 * preempt_disable()/preempt_enable(): in a simulator with more tasks than
 * CPUs, per-CPU data is protected by owning that CPU.  The first disable
 * claims the task's CPU (waiting while another task holds it), the last
 * enable releases it.  sim_cpu_claim() claims a given CPU, as
 * schedule_on_each_cpu() runs work on each CPU in turn.
 */
void sim_preempt_disable(void);
void sim_preempt_enable(void);
void sim_cpu_claim(int cpu);
void sim_cpu_release(int cpu);

/* Interrupt state of the running task (spin_lock_irq and friends). */
void sim_irq_disable(void);
void sim_irq_enable(void);
int sim_irqs_disabled(void);

/* ---- locks ------------------------------------------------------------- */

/*
 * The lock words live in kernel-world structures (spinlock_t, rwlock_t,
 * struct rw_semaphore).  'name' is the lock's kernel name for reports
 * ("zone->lru_lock"), 'site' the caller's FILE:LINE.
 *
 * Spinlock word: 0 free, otherwise the holder's pid.
 * rwlock and rwsem word: 0 free, >0 number of readers, -1 one writer.
 */
void sim_spin_lock(volatile int *word, const char *name, const char *site);
int sim_spin_trylock(volatile int *word, const char *name, const char *site);
void sim_spin_unlock(volatile int *word, const char *site);

void sim_read_lock(volatile int *word, const char *name, const char *site);
void sim_read_unlock(volatile int *word, const char *site);
void sim_write_lock(volatile int *word, const char *name, const char *site);
void sim_write_unlock(volatile int *word, const char *site);

/* Sleeping reader/writer semaphore: like rwlock, but callers may sleep. */
void sim_down_read(volatile int *word, const char *name, const char *site);
int sim_down_read_trylock(volatile int *word, const char *name,
			  const char *site);
void sim_up_read(volatile int *word, const char *site);
void sim_down_write(volatile int *word, const char *name, const char *site);
int sim_down_write_trylock(volatile int *word, const char *name,
			   const char *site);
void sim_up_write(volatile int *word, const char *site);

/*
 * spin_lock_init, rwlock_init, init_rwsem, mutex_init: the word is set
 * free, and (with lockdep on) its class is named by the init site.
 */
void sim_lock_init(volatile int *word, const char *name, const char *site);
/*
 * Bit locks (PG_locked) for lockdep: taken (checked before the task may
 * wait; trylock: a won TestSetPageLocked) and released, by any task.
 */
void sim_lockdep_bit_lock(const volatile void *word, const char *name,
			  const char *site, int trylock);
void sim_lockdep_bit_unlock(const volatile void *word);

/* Sleeping mutex (struct mutex, cpuset's callback_mutex). */
void sim_mutex_lock(volatile int *word, const char *name, const char *site);
void sim_mutex_unlock(volatile int *word, const char *site);

/* ---- sleeping and waking ----------------------------------------------- */

/*
 * Sleep until cond(arg) is true.  'key' identifies the wait queue (a page
 * and bit, a wait_queue_head_t); cond is re-evaluated after every wake-up
 * on that key.  Sleeping in atomic context (a spinlock held, interrupts
 * off) is reported as the kernel would: "BUG: sleeping function called
 * from invalid context".  'what' names the wait for traces and deadlock
 * reports ("lock_page", "wait_on_page_writeback").
 */
typedef int (*sim_cond_fn)(const void *arg);
void sim_wait_event(const void *key, sim_cond_fn cond, const void *arg,
		    const char *what, const char *site);
void sim_wake_up(const void *key);
/*
 * The same as prepare_to_wait()/schedule()/finish_wait() for conditions
 * that are not a function: take a ticket, test the condition, and if it
 * does not hold sleep until the key is woken after the ticket was taken.
 */
unsigned long sim_wait_prepare(const void *key);
void sim_wait_sleep(const void *key, unsigned long ticket, const char *what,
		    const char *site);
/* might_sleep(): the check alone. */
void sim_might_sleep(const char *site);

/*
 * A named probe point in kernel code ("try_to_unmap", "lock_page",
 * "handle_mm_fault" ...): kind 0 enter, 1 exit, 2 a plain point.  A
 * scenario can stop the task here and run others (engine.h).
 */
void sim_probe(const char *name, int kind);

/* ---- time, trace, output ------------------------------------------------ */

unsigned long long sim_ticks(void);
void sim_ticks_advance(unsigned long long ticks);

/* An event in the trace: "event: fields" in ftrace's text layout. */
void sim_trace(const char *event, const char *fmt, ...) SIM_PRINTF(2, 3);
int sim_tracing(void);

/* Counters of modeled hardware events (TLB flushes, waits ...). */
void sim_count_event(const char *name);
unsigned long sim_event_count(const char *name);

/* printk() lands here. */
void sim_vprintk(const char *fmt, va_list ap);
int sim_vsnprintf(char *buf, unsigned long size, const char *fmt, va_list ap);

/* ---- failure ----------------------------------------------------------- */

/* BUG(): "kernel BUG at FILE:LINE!", backtrace, seed; never returns. */
void sim_bug(const char *file, int line, const char *func) SIM_NORETURN;
/* An oops or panic with a message. */
void sim_panic(const char *fmt, ...) SIM_PRINTF(1, 2) SIM_NORETURN;
/* A kernel function mmsim does not model yet: loud, never silent. */
void sim_not_modeled(const char *name) SIM_NORETURN;
/* A kernel warning (WARN_ON, bad_page): reported and counted, not fatal. */
void sim_warn(const char *file, int line, const char *fmt, ...)
	SIM_PRINTF(3, 4);
unsigned long sim_warn_count(void);

/* ---- host memory ------------------------------------------------------- */

/* Zeroed host memory for simulator-side kernel structures. */
void *sim_host_alloc(unsigned long size);
void sim_host_free(void *p);
/* Reserve 'size' bytes of demand-zero memory: costs nothing until touched. */
void *sim_host_map(unsigned long size);
void sim_host_unmap(void *p, unsigned long size);
/*
 * Ask the host to back [p, p + size) with huge pages, as 2006's x86-64
 * direct mapping used 2 MiB pages: fewer host TLB misses and page faults.
 */
void sim_host_prefer_huge_pages(void *p, unsigned long size);
/* Give touched memory back to the host; it reads as zero again. */
void sim_host_discard(void *p, unsigned long size);

/* ---- slab debugging: use-after-free and double free (kasan.c) ---------- */

/*
 * Off unless the host asked for it (mmsim run --detect kasan).  When on,
 * mm/slab.c takes every object's memory from sim_kasan_alloc: 'size'
 * bytes aligned to 'align', with 'header' bytes in front for slab.c's own
 * header, zeroed, recorded with the allocation stack.  'type_stable'
 * (SLAB_DESTROY_BY_RCU) objects stay readable after their free.
 * sim_kasan_check_free reports a double or invalid free (fatal, exit 3)
 * before slab.c reads the object's header; sim_kasan_free then poisons
 * and quarantines it; sim_kasan_reuse hands a freed type-stable object
 * out again.  Any access to a quarantined object is reported as a
 * use-after-free with the allocation and free stacks.
 */
int sim_kasan_enabled(void);
void *sim_kasan_alloc(unsigned long size, unsigned long align,
		      unsigned long header, const char *cache, int type_stable);
void sim_kasan_check_free(const void *obj, const char *func);
void sim_kasan_free(const void *obj);
void sim_kasan_reuse(const void *obj);

/* ---- data races: happens-before and instrumented accesses (kcsan.c) ----- */

/*
 * Off unless asked for (--detect kcsan).  sim_kcsan_access: a load or
 * store of 'size' bytes at addr, of the field 'what' ("page->mapping",
 * "pte", "radix slot"); type is SIM_KCSAN_WRITE for a store, with
 * SIM_KCSAN_ATOMIC for a marked access (an atomic bitop, as KCSAN marks
 * test_bit and set_bit).  Reported when it conflicts with another task's
 * access with no happens-before between them: one of the two a store,
 * not both marked.  sim_hb_release/acquire state an ordering the engine
 * cannot see (the page lock, a bit lock); sim_hb_rmw is a fully ordered
 * read-modify-write of addr (a value-returning atomic: acquire, then
 * release).  sim_kcsan_nest(+1/-1) brackets accesses made without
 * ordering on purpose (data_race() in linux/compiler.h).
 */
#define SIM_KCSAN_WRITE 1
#define SIM_KCSAN_ATOMIC 2
void sim_kcsan_record(const volatile void *addr, unsigned long size, int type,
		      const char *what);
void sim_hb_release(const volatile void *key);
void sim_hb_acquire(const volatile void *key);
void sim_hb_rmw_record(const volatile void *key);

/*
 * Non-zero while --detect kcsan is on: the checks on the hottest paths
 * (every page-flag operation, every value-returning atomic) test it in
 * line and cost a load when the detector is off.
 */
extern int sim_kcsan_enabled;

#define sim_kcsan_access(addr, size, type, what)                          \
	do {                                                              \
		if (__builtin_expect(sim_kcsan_enabled, 0))               \
			sim_kcsan_record((addr), (size), (type), (what)); \
	} while (0)
#define sim_hb_rmw(key)                                     \
	do {                                                \
		if (__builtin_expect(sim_kcsan_enabled, 0)) \
			sim_hb_rmw_record(key);             \
	} while (0)
void sim_kcsan_nest(int delta);

/* ---- RCU (liburcu behind the door) ------------------------------------- */

void sim_rcu_read_lock(void);
void sim_rcu_read_unlock(void);
/* Call fn(obj) after a grace period. */
void sim_call_rcu(void *obj, void (*fn)(void *obj));
void sim_rcu_barrier(void);

#endif /* _SIM_DOOR_H */
