/*
 * sim/engine/seeded.h - the scheduler's record of each task, and the
 * seeded scheduler behind the funnel (seeded.c).
 *
 * The record serves both modes: join, run_until and deadlock reports use
 * it; only seeded mode schedules with it, one task at a time by a run
 * token.  The funnel (sched.h) hands the tasks of this scheduler over to
 * it and keeps the free path for everything else.
 */
#ifndef _SIM_ENGINE_SEEDED_H
#define _SIM_ENGINE_SEEDED_H

#include "engine.h"
#include "task.h"

/*
 * The record outlives the thread, so that a late join or run_until still
 * finds it.
 */
enum eng_state {
	ENG_RUNNING,
	ENG_RUNNABLE,
	ENG_BLOCKED,
	ENG_NAPPING, /* a timed sleep: runnable again at wake_step */
	ENG_EXITED
};

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
	unsigned long wake_step; /* ENG_NAPPING: the step its timeout ends */
	unsigned long seq; /* spawn order: ties, and nothing else */
	/* What a blocked task waits for, for wake-ups and reports. */
	const void *key;
	const char *what, *lock, *site;
	/* The wait key of the last sim_wait_prepare(), and whether it was
	 * woken since. */
	const void *armed_key;
	int armed_woken;
	struct sim_task *t; /* the thread's own struct, once it started */
	/* Seeded mode with contexts: the task's stack and registers. */
	struct eng_coro *coro;
};

extern int eng_mode_seeded;
static inline int eng_seeded_task(const struct sim_task *t)
{
	return __atomic_load_n(&eng_mode_seeded, __ATOMIC_RELAXED) && t->st;
}

/*
 * Whether a task spawned now is a context on the caller's host thread
 * (seeded mode, the caller a seeded task, contexts not disabled) rather
 * than a thread of its own.
 */
int eng_seeded_contexts(void);

/* Tasks: registered by the spawner, started, exited, joined, renamed. */
struct eng_stask *eng_task_new(const char *name, int pid);
void eng_task_started(struct sim_task *t);
/* Contexts: the new task's struct and stack, and their release. */
void eng_task_new_context(struct eng_stask *st, void (*fn)(void *arg),
			  void *arg);
void eng_task_free_context(struct eng_stask *st);
void eng_task_exit(struct sim_task *t);
void eng_task_join(struct eng_stask *st);
void eng_task_renamed(struct sim_task *t);

/* The funnel's seeded side. */
int eng_seeded_point(struct sim_task *t, const char *what);
void eng_seeded_block(struct sim_task *t, const volatile int *word, int val,
		      const void *key, const char *what, const char *lock,
		      const char *site);
void eng_seeded_wake(struct sim_task *t, const void *key, int point);
void eng_seeded_wait_arm(struct sim_task *t, const void *key);
void eng_seeded_wait_sleep(struct sim_task *t, const void *key,
			   const volatile int *gen, int ticket,
			   const char *what, const char *site);
/*
 * A timed sleep of 'steps' scheduler steps: the others run meanwhile;
 * when nobody else can, its time is up at once.
 */
void eng_seeded_nap(struct sim_task *t, const char *what, unsigned long steps);
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

#endif /* _SIM_ENGINE_SEEDED_H */
