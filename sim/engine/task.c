/*
 * sim/engine/task.c - the engine's view of the running task: who it is
 * and what context it is in.
 *
 * The state is thread-local (struct sim_task): every door call consults
 * it, and every piece of the engine above this one reads or updates it.
 * Starting and joining the host threads that carry tasks is thread.c's.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "task.h"

static __thread struct sim_task self_task;
/* The task running on this thread (its own or a switched-in one);
 * NULL until the thread first asks. */
__thread struct sim_task *eng_current_task
	__attribute__((tls_model("initial-exec")));

/* Words that belong to the task, not the thread (sim_task_local()). */
static struct {
	void **(*where[SIM_MAX_TASK_LOCALS])(void);
	int nr;
} locals;

struct sim_task *eng_self_thread(void)
{
	struct sim_task *t = &self_task;

	/* Threads the engine did not start are the idle task until told. */
	if (!t->tid) {
		t->tid = gettid();
		strcpy(t->name, "swapper");
	}
	eng_current_task = t;
	return t;
}

void sim_task_local(void **(*where)(void))
{
	int i;

	for (i = 0; i < locals.nr; i++)
		if (locals.where[i] == where)
			return;
	if (locals.nr == SIM_MAX_TASK_LOCALS) {
		fprintf(stderr, "mmsim: more than %d task-local words\n",
			SIM_MAX_TASK_LOCALS);
		exit(SIM_EXIT_SIMULATOR);
	}
	locals.where[locals.nr++] = where;
}

void eng_task_switch(struct sim_task *from, struct sim_task *to)
{
	int i;

	for (i = 0; i < locals.nr; i++) {
		void **word = locals.where[i]();

		from->locals[i] = *word;
		*word = to->locals[i];
	}
	eng_current_task = to;
}

/*
 * in_atomic(): a spinning lock held or preemption disabled, as with
 * CONFIG_PREEMPT where both raise the preempt count.
 */
int eng_in_atomic(const struct sim_task *t)
{
	return t->nr_held > 0 || t->preempt_depth > 0;
}

void sim_engine_hold_schedule(int on)
{
	eng_self()->hold_schedule += on ? 1 : -1;
}
