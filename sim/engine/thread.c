/*
 * sim/engine/thread.c - simulated tasks as named host threads.
 *
 * Each task is a pthread named after it, so that gdb's "info threads"
 * lists "mover", "faulter-1" ...  The engine's view of the task (name,
 * pid, CPU, held locks, interrupt flag) is thread-local (task.c); the
 * kernel world keeps its own task_struct and points current at it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "engine.h"
#include "task.h"
#include "report.h"
#include "seeded.h"
#include "sched.h"
#include "rcu.h"
#include "kcsan.h"

/* Room for the oops handler's snprintf, backtrace() and dladdr(). */
#define SIM_ALTSTACK_SIZE (256 * 1024)

/* What a new thread needs before it can become the task. */
struct sim_spawn {
	pthread_t thread;
	struct eng_stask *st; /* registered by the spawner */
	char name[SIM_NAME_LEN];
	int pid;
	int cpu;
	sim_thread_fn fn;
	void *arg;
	int context; /* a context on the spawner's host thread (coro.c) */
};

/*
 * The oops handler must run when the fault is a stack overflow too, so
 * every task gets its own alternate signal stack.
 */
static void altstack_setup(struct sim_task *t)
{
	stack_t ss = {0};

	if (t->altstack)
		return;
	t->altstack = g_malloc(SIM_ALTSTACK_SIZE);
	ss.ss_sp = t->altstack;
	ss.ss_size = SIM_ALTSTACK_SIZE;
	if (sigaltstack(&ss, NULL)) {
		fprintf(stderr, "mmsim: sigaltstack: %s\n", strerror(errno));
		exit(SIM_EXIT_SIMULATOR);
	}
}

static void sim_thread_drop_altstack(struct sim_task *t)
{
	stack_t ss = {.ss_flags = SS_DISABLE};

	if (!t->altstack)
		return;
	sigaltstack(&ss, NULL);
	g_free(t->altstack);
	t->altstack = NULL;
}

void sim_thread_identify(const char *name, int pid, int cpu)
{
	struct sim_task *t = eng_self();
	char comm[16];

	g_strlcpy(t->name, name, sizeof(t->name));
	t->pid = pid;
	t->cpu = cpu;
	t->identified = 1;
	if (t->st)
		eng_task_renamed(t);
	/* A context shares the host thread's name, signal stack and RCU
	 * registration. */
	if (t->context)
		return;
	/* pthread names are 15 characters at most: gdb shows the start. */
	g_strlcpy(comm, name, sizeof(comm));
	pthread_setname_np(pthread_self(), comm);
	eng_rcu_register(t);
	altstack_setup(t);
}

/* The task's life, on its thread or as a context. */
static void run_task(struct sim_spawn *s, struct sim_task *t)
{
	eng_hb_acquire(s); /* the spawner's past */
	sim_thread_identify(s->name, s->pid, s->cpu);
	/* Seeded mode: a thread waits here for the run token. */
	if (!t->context)
		eng_task_started(t);
	s->fn(s->arg);
	/* Whoever waits for these would wait forever: say who left them. */
	if (t->nr_held)
		eng_report_warn(t->held[t->nr_held - 1].site,
				"task %s/%d exited holding %d lock(s), last %s",
				t->name, t->pid, t->nr_held,
				t->held[t->nr_held - 1].name);
	if (t->preempt_depth)
		eng_report_warn("preempt_disable",
				"task %s/%d exited with preemption disabled",
				t->name, t->pid);
	/*
	 * Hand the run token on first: unregistering from liburcu may wait
	 * for a grace period, which may need a reader that is waiting for
	 * the token.
	 */
	eng_hb_release(s); /* for the joiner */
	eng_task_exit(t); /* a context switches away for good */
}

static void *sim_thread_main(void *p)
{
	struct sim_spawn *s = p;
	struct sim_task *t = eng_self();

	t->st = s->st;
	run_task(s, t);
	eng_rcu_unregister(t);
	sim_thread_drop_altstack(t);
	return NULL;
}

static void sim_context_main(void *p)
{
	run_task(p, eng_self());
	fprintf(stderr, "mmsim: the last seeded task exited as a context\n");
	exit(SIM_EXIT_SIMULATOR);
}

long sim_thread_spawn(const char *name, int pid, int cpu, sim_thread_fn fn,
		      void *arg)
{
	struct sim_spawn *s = g_new0(struct sim_spawn, 1);
	int err;

	g_strlcpy(s->name, name, sizeof(s->name));
	s->pid = pid;
	s->cpu = cpu;
	s->fn = fn;
	s->arg = arg;
	/* Registered here, in the spawner: in the order the scenario says. */
	s->st = eng_task_new(name, pid);
	eng_hb_release(s);
	s->context = eng_seeded_contexts();
	if (s->context) {
		eng_task_new_context(s->st, sim_context_main, s);
		eng_sched_point("spawn");
		return (long)s;
	}
	err = pthread_create(&s->thread, NULL, sim_thread_main, s);
	if (err) {
		fprintf(stderr, "mmsim: cannot create thread for task %s: %s\n",
			name, strerror(err));
		exit(SIM_EXIT_SIMULATOR);
	}
	/* The new task may have the higher priority. */
	eng_sched_point("spawn");
	return (long)s;
}

void sim_thread_join(long handle)
{
	struct sim_spawn *s = (struct sim_spawn *)handle;
	int err;

	/* Seeded mode: sleep as a task until it exited, then reap. */
	eng_task_join(s->st);
	if (s->context) {
		/* Its stack is free once it switched away for good. */
		if (__atomic_load_n(&s->st->exited, __ATOMIC_SEQ_CST))
			eng_task_free_context(s->st);
		eng_hb_acquire(s);
		g_free(s);
		return;
	}
	err = pthread_join(s->thread, NULL);
	eng_hb_acquire(s);

	if (err) {
		fprintf(stderr, "mmsim: cannot join task %s: %s\n", s->name,
			strerror(err));
		exit(SIM_EXIT_SIMULATOR);
	}
	g_free(s);
}

int sim_thread_pid(void)
{
	return eng_self()->pid;
}

int sim_thread_cpu(void)
{
	return eng_self()->cpu;
}

const char *sim_thread_name(void)
{
	return eng_self()->name;
}
