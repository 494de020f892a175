/*
 * sim/engine/sched.h - the scheduler funnel (sched.c): where simulated
 * tasks block, wake and give way.
 *
 * The funnel is deliberately tiny: eng_sched_relax() for a task that
 * spins, eng_sched_block() for a task that waits for a word to change
 * and eng_sched_wake() after a word changed.  Free mode maps them onto
 * sched_yield() and futexes; seeded mode (seeded.h) replaces these three
 * (plus eng_sched_point()) with a run-token hand-off and leaves every
 * lock, wait queue and CPU claim untouched.  Locks, wait queues and
 * probes sit on top of it.  (Named as the kernel's <linux/sched.h>;
 * <sched.h> in angle brackets is still the C library's.)
 */
#ifndef _SIM_ENGINE_SCHED_H
#define _SIM_ENGINE_SCHED_H

#define SIM_MAX_CPUS_ENGINE 256

/*
 * A wait queue is a hashed bucket.  Its generation is the futex word of
 * sim_wait_*; its waiter count lets wakers skip the syscall.
 */
/*
 * Packed, not a cache line each: explore forks every schedule from one
 * process, and each page of buckets a run writes costs it a
 * copy-on-write fault; free mode pays some false sharing instead.
 */
struct sim_waitq {
	int gen;
	int waiters;
};

struct sim_waitq *eng_sched_waitq(const volatile void *addr);
/*
 * 'what' names the wait ("spin_lock", "down_write", "lock_page", "cpu"),
 * 'lock' the lock's kernel name or NULL, 'site' the caller's FILE:LINE:
 * deadlock reports and sched_block trace lines print them.  relax: a
 * spinning lock found *word == val (seeded mode blocks on the word until
 * the next unlock of it).  block: sleep while *word == val.  wake: *word
 * changed (seeded: every task blocked on word runs again, and it is a
 * preemption point).  released: an unlock that free mode need not
 * announce (spinning locks), a preemption point in seeded mode.
 */
void eng_sched_relax(volatile int *word, int val, const char *what,
		     const char *lock, const char *site);
void eng_sched_block(volatile int *word, int val, struct sim_waitq *q,
		     const char *what, const char *lock, const char *site);
void eng_sched_wake(volatile int *word, struct sim_waitq *q);
void eng_sched_released(volatile int *word);
void eng_sched_wake_futex(volatile int *word);
/* A preemption point; 1 when another task ran. */
int eng_sched_point(const char *what);
int eng_sched_nr_sleeping(void);

#endif /* _SIM_ENGINE_SCHED_H */
