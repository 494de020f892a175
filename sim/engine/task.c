/*
 * sim/engine/task.c - the engine's view of the running task: who it is
 * and what context it is in.
 *
 * The state is thread-local (struct sim_task): every door call consults
 * it, and every piece of the engine above this one reads or updates it.
 * Starting and joining the host threads that carry tasks is thread.c's.
 */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "task.h"

static __thread struct sim_task self_task;

struct sim_task *eng_self(void)
{
	struct sim_task *t = &self_task;

	/* Threads the engine did not start are the idle task until told. */
	if (!t->tid) {
		t->tid = gettid();
		strcpy(t->name, "swapper");
	}
	return t;
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
