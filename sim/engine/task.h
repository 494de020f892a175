/*
 * sim/engine/task.h - the engine's view of the running task (task.c).
 *
 * Not part of any interface: the kernel world sees <sim/door.h>, the CLI
 * sees engine.h.  This is the per-task state every door call consults
 * (held locks, interrupt flag, preemption depth), thread-local, and what
 * may be asked of it without calling any other piece of the engine.  The
 * layers of the engine and what each header exports: README.md.
 */
#ifndef _SIM_ENGINE_TASK_H
#define _SIM_ENGINE_TASK_H

#include <sys/types.h>

#define SIM_NAME_LEN 64 /* longer than TASK_COMM_LEN: reports only */
#define SIM_MAX_HELD 48 /* lockdep's MAX_LOCK_DEPTH */
#define KCSAN_MAX_TASKS 64 /* vector clock entries (kcsan.c); 0 unused */
#define SIM_MAX_TASK_LOCALS 4 /* sim_task_local() words */

/* The seeded scheduler's record of a task (seeded.h). */
struct eng_stask;

/* A spinlock or rwlock the task holds, for might_sleep reports. */
struct sim_held_lock {
	const volatile int *word;
	const char *name;
	const char *site;
	char kind; /* 's'pin, 'r'ead, 'w'rite */
};

/* A lock the task holds, as lockdep sees it (lockdep.c). */
struct ld_class;
struct sim_held_dep {
	const volatile void *word;
	struct ld_class *cls;
	const char *site;
	int bit; /* a bit lock (PG_locked): others may unlock it */
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
	int context; /* a context on a host thread, not a thread (coro.c) */
	void *altstack;
	/* rw_semaphores and mutexes held: deadlock reports name them. */
	int nr_sheld;
	struct sim_held_lock sheld[SIM_MAX_HELD];
	/* Every lock held, in order, with its class (--detect lockdep). */
	int nr_dep;
	struct sim_held_dep dep[SIM_MAX_HELD];
	int lockdep_off; /* eng_lockdep_off() nesting */
	/* sim_engine_hold_schedule(): preemption points do not switch */
	int hold_schedule;
	/* Data-race detection (kcsan.c): the vector clock, data_race() depth */
	int hb_id;
	unsigned int hb_vc[KCSAN_MAX_TASKS];
	int kcsan_off;
	/* The scheduler's record; NULL for threads the engine did not start. */
	struct eng_stask *st;
	/* The task's values of the sim_task_local() words while it is
	 * switched out (tasks that share a host thread, seeded mode). */
	void *locals[SIM_MAX_TASK_LOCALS];
};

/*
 * The calling thread's task; a thread nobody named is "swapper".  In line:
 * every door call asks, dozens of times per migrated page.  The thread's
 * own task until tasks share it (seeded mode), then the switched-in one;
 * eng_self_thread() answers the first time.
 */
extern __thread struct sim_task *eng_current_task
	__attribute__((tls_model("initial-exec")));
struct sim_task *eng_self_thread(void);

static inline struct sim_task *eng_self(void)
{
	struct sim_task *t = eng_current_task;

	return t ? t : eng_self_thread();
}

/*
 * The host thread now runs task 'to' instead of 'from' (user-level
 * switches, seeded mode): eng_self() answers 'to', and every
 * sim_task_local() word takes to's value, from's saved.
 */
void eng_task_switch(struct sim_task *from, struct sim_task *to);
/* in_atomic(): a spinning lock held or preemption disabled. */
int eng_in_atomic(const struct sim_task *t);

#endif /* _SIM_ENGINE_TASK_H */
