/*
 * sim/engine/task.h - what the engine's files share among themselves.
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
#ifndef _SIM_ENGINE_TASK_H
#define _SIM_ENGINE_TASK_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include <sim/door.h>

#include "engine.h"

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
	int rcu_depth; /* read-side nesting (seeded rcu_barrier) */
	int identified; /* named by identify or spawn */
	void *altstack;
	/* rw_semaphores and mutexes held: deadlock reports name them. */
	int nr_sheld;
	struct sim_held_lock sheld[SIM_MAX_HELD];
	/* The scheduler's record; NULL for threads the engine did not start. */
	struct eng_stask *st;
};

/*
 * seeded.c: the scheduler's record of a task (both modes: join, run_until
 * and reports use it; only seeded mode schedules with it).  It outlives
 * the thread, so that a late join or run_until still finds it.
 */
enum eng_state { ENG_RUNNING, ENG_RUNNABLE, ENG_BLOCKED, ENG_EXITED };

struct eng_stask {
	char name[SIM_NAME_LEN];
	int pid;
	int state; /* enum eng_state, seeded mode */
	int token; /* futex word: 1 while the task may run */
	int exited; /* futex word: 1 once the task's function returned */
	int events; /* bumped when the task blocks (run_until BLOCKED) */
	int watched; /* run_until BLOCKED callers waiting on events */
	int free_blocked; /* free mode: inside eng_sched_block() */
	long long prio; /* PCT priority: higher runs */
	unsigned long seq; /* spawn order: ties, and nothing else */
	/* What a blocked task waits for, for wake-ups and reports. */
	const void *key;
	const char *what, *lock, *site;
	/* The wait key of the last sim_wait_prepare(), and whether it was
	 * woken since. */
	const void *armed_key;
	int armed_woken;
	struct sim_task *t; /* the thread's own struct, once it started */
};

/* task.c */
struct sim_task *eng_self(void);
/* in_atomic(): a spinning lock held or preemption disabled. */
int eng_in_atomic(const struct sim_task *t);

/* rcu.c */
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
/*
 * The funnel.  'what' names the wait ("spin_lock", "down_write",
 * "lock_page", "cpu"), 'lock' the lock's kernel name or NULL, 'site' the
 * caller's FILE:LINE: deadlock reports and sched_block trace lines print
 * them.  relax: a spinning lock found *word == val (seeded mode blocks on
 * the word until the next unlock of it).  block: sleep while *word ==
 * val.  wake: *word changed (seeded: every task blocked on word runs
 * again, and it is a preemption point).  released: an unlock that free
 * mode need not announce (spinning locks), a preemption point in seeded
 * mode.
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

/* seeded.c: the seeded scheduler behind the funnel. */
extern int eng_mode_seeded;
static inline int eng_seeded_task(const struct sim_task *t)
{
	return __atomic_load_n(&eng_mode_seeded, __ATOMIC_RELAXED) && t->st;
}
struct eng_stask *eng_task_new(const char *name, int pid);
void eng_task_started(struct sim_task *t);
void eng_task_exit(struct sim_task *t);
void eng_task_join(struct eng_stask *st);
void eng_task_renamed(struct sim_task *t);
int eng_seeded_point(struct sim_task *t, const char *what);
void eng_seeded_block(struct sim_task *t, const volatile int *word, int val,
		      const void *key, const char *what, const char *lock,
		      const char *site);
void eng_seeded_wake(struct sim_task *t, const void *key, int point);
void eng_seeded_wait_arm(struct sim_task *t, const void *key);
void eng_seeded_wait_sleep(struct sim_task *t, const void *key,
			   const volatile int *gen, int ticket,
			   const char *what, const char *site);
int eng_seeded_nr_blocked(void);
/* sim_engine_set_mode() but for the probes: 0 when it was ignored. */
int eng_seeded_set_mode(enum sim_sched_mode mode);
/* Hand-offs of the run token so far (the bench switch). */
unsigned long eng_seeded_switches(void);
void eng_sched_fork_prepare(void);
void eng_sched_fork_parent(void);
void eng_sched_fork_child(void);
/* Threads outside the scheduler holding locks (liburcu's callbacks). */
void eng_foreign_hold(const struct sim_task *t, int delta);

/* probe.c */
extern int eng_probe_hot;
void eng_probe_update(void);

/* locks.c: sleeping locks held (reports only). */
void eng_sheld_push(struct sim_task *t, const volatile int *word,
		    const char *name, const char *site, char kind);
void eng_sheld_pop(struct sim_task *t, const volatile int *word);

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

/* trace.c: where sim_trace() writes text lines (NULL: nowhere). */
void eng_trace_set_text(FILE *f);
/* trace.c: start the JSON trace in f ("[" and the machine's name), ending
 * the one before; and end it ("]", flushed; f stays open). */
void eng_trace_set_json(FILE *f);
void eng_trace_close_json(void);
/* trace.c: end the JSON trace before _exit(), if it can be done safely. */
void eng_trace_close_on_fatal(void);
/* trace.c: push out buffered trace lines before dying, if it is safe. */
void eng_trace_flush_on_oops(void);

/* symtab.c: the executable's own symbols, static functions included. */
void eng_symtab_load(void);
const char *eng_symtab_lookup(const void *addr, unsigned long *offset,
			      unsigned long *size);
/*
 * The i-th function symbol: its run-time address and size, and for a
 * local symbol the source file it came from (the STT_FILE before it).
 */
size_t eng_symtab_nr(void);
const char *eng_symtab_at(size_t i, const void **addr, unsigned long *size,
			  const char **file);

/* machine.c: the seed and the replay command, as reports print them. */
void eng_machine_set_seed(unsigned long long seed);
const char *eng_replay_hint(void);

#endif /* _SIM_ENGINE_TASK_H */
