/*
 * sim/engine/internal.h - what the engine's files share among themselves.
 *
 * Not part of any interface: the kernel world sees <sim/door.h>, the CLI
 * sees engine.h.  This header holds the per-task state every door call
 * consults (held locks, interrupt flag, preemption depth), the scheduler
 * funnel every blocking path goes through, and the report helpers.
 *
 * The funnel (sched.c) is deliberately tiny: eng_sched_relax() for a task
 * that spins, eng_sched_block() for a task that waits for a word to change
 * and eng_sched_wake() after a word changed.  Free mode maps them onto
 * sched_yield() and futexes; a seeded mode replaces these three (plus
 * eng_sched_point()) with a run-token hand-off and leaves every lock, wait
 * queue and CPU claim untouched.
 */
#ifndef _SIM_ENGINE_INTERNAL_H
#define _SIM_ENGINE_INTERNAL_H

#include <stddef.h>
#include <sys/types.h>

#include <sim/door.h>

#define SIM_NAME_LEN 64 /* longer than TASK_COMM_LEN: reports only */
#define SIM_MAX_HELD 48 /* lockdep's MAX_LOCK_DEPTH */
#define SIM_MAX_CPUS_ENGINE 256

/* A spinlock or rwlock the task holds, for might_sleep reports. */
struct sim_held_lock {
	const volatile int *word;
	const char *name;
	const char *site;
	char kind; /* 's'pin, 'r'ead, 'w'rite */
};

/* Everything the engine knows about the running task, thread-local. */
struct sim_task {
	char name[SIM_NAME_LEN];
	int pid;
	int cpu;
	pid_t tid; /* host thread id: unique, never 0 */
	int irqs_off; /* not nested: spin_lock_irq semantics */
	int preempt_depth;
	int preempt_cpu; /* the CPU the outermost disable claimed */
	int nr_held;
	struct sim_held_lock held[SIM_MAX_HELD];
	int rcu_registered;
	int identified; /* named by identify or spawn */
	void *altstack;
};

/* thread.c */
struct sim_task *eng_self(void);
void eng_altstack_setup(struct sim_task *t);
void eng_rcu_register(struct sim_task *t);
void eng_rcu_unregister(struct sim_task *t);

/*
 * sched.c: a wait queue is a hashed bucket.  Its generation is the futex
 * word of sim_wait_*; its waiter count lets wakers skip the syscall.
 */
struct sim_waitq {
	int gen;
	int waiters;
} __attribute__((aligned(64)));

struct sim_waitq *eng_sched_waitq(const volatile void *addr);
void eng_sched_relax(const char *what);
void eng_sched_block(volatile int *word, int val, struct sim_waitq *q,
		     const char *what);
void eng_sched_wake(volatile int *word, struct sim_waitq *q);
int eng_sched_nr_sleeping(void);

/* locks.c: 1 when the task may not sleep (in_atomic() or irqs off). */
int eng_in_atomic(const struct sim_task *t);

/*
 * report.c: reports are built in a buffer and written to fd 2 in one go,
 * so that they survive a corrupted heap and do not interleave.
 */
struct sim_report {
	char buf[16384];
	size_t len;
};

void eng_report_printf(struct sim_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Claim the right to die: only the first failing task reports. */
void eng_report_begin_fatal(void);
void eng_report_flush(struct sim_report *r);
void eng_report_backtrace(int skip, int max);
void eng_report_task(struct sim_report *r, const struct sim_task *t);
void eng_report_held_locks(struct sim_report *r, const struct sim_task *t);
void eng_report_end_fatal(struct sim_report *r) __attribute__((noreturn));
void eng_report_sleep_bug(const struct sim_task *t, const char *site)
	__attribute__((noreturn));
/* A warning at 'where' ("FILE:LINE"): reported, counted, not fatal. */
void eng_report_warn(const char *where, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void eng_signals_install(void);

/* trace.c: push out buffered trace lines before dying, if it is safe. */
void eng_trace_flush_on_oops(void);

/* symtab.c: the executable's own symbols, static functions included. */
void eng_symtab_load(void);
const char *eng_symtab_lookup(const void *addr, unsigned long *offset,
			      unsigned long *size);

/* engine.c */
const char *eng_replay_hint(void);
void *eng_trace_file(void);
void eng_warm_up(void);

#endif /* _SIM_ENGINE_INTERNAL_H */
