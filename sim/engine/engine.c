/*
 * sim/engine/engine.c - the engine's machine-wide state: seed, replay
 * hint, trace file, number of CPUs and the simulated clock.
 *
 * One simulated machine per process, as one kernel per machine: the state
 * is one static struct here.  Other engine files keep their own tables
 * (wait queues, counters) next to the code that uses them.
 */
#include <execinfo.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "engine.h"
#include "internal.h"

static struct {
	unsigned long long seed;
	char *replay_hint;
	FILE *trace;
	int nr_cpus;
	unsigned long long ticks; /* 1 tick = 1 us of simulated time */
	int initialized;
} engine = {
	.nr_cpus = 1,
};

/*
 * backtrace() loads libgcc's unwinder on first use, which mallocs: do it
 * now, so that the oops handler never does it on a corrupted heap.
 */
void eng_warm_up(void)
{
	void *frames[4];

	backtrace(frames, 4);
}

void sim_engine_init(unsigned long long seed)
{
	engine.seed = seed;
	if (engine.initialized)
		return;
	engine.initialized = 1;
	eng_warm_up();
	eng_symtab_load();
	/* The initial task is a task of the scheduler too. */
	eng_self()->st = eng_task_new("swapper", 0);
	sim_thread_identify("swapper", 0, 0);
	eng_task_started(eng_self());
	eng_signals_install();
}

unsigned long long sim_engine_seed(void)
{
	return engine.seed;
}

void sim_engine_set_trace(FILE *f)
{
	__atomic_store_n(&engine.trace, f, __ATOMIC_RELEASE);
	eng_probe_update();
}

void *eng_trace_file(void)
{
	return __atomic_load_n(&engine.trace, __ATOMIC_ACQUIRE);
}

void sim_engine_set_replay_hint(const char *cmdline)
{
	char *old = engine.replay_hint;

	engine.replay_hint = cmdline ? g_strdup(cmdline) : NULL;
	g_free(old);
}

const char *eng_replay_hint(void)
{
	return engine.replay_hint;
}

int sim_engine_nr_sleeping(void)
{
	return eng_sched_nr_sleeping();
}

void sim_set_nr_cpus(int nr)
{
	if (nr < 1 || nr > SIM_MAX_CPUS_ENGINE)
		sim_panic("sim_set_nr_cpus: %d CPUs (1..%d)", nr,
			  SIM_MAX_CPUS_ENGINE);
	__atomic_store_n(&engine.nr_cpus, nr, __ATOMIC_RELAXED);
}

int sim_nr_cpus(void)
{
	return __atomic_load_n(&engine.nr_cpus, __ATOMIC_RELAXED);
}

unsigned long long sim_ticks(void)
{
	return __atomic_load_n(&engine.ticks, __ATOMIC_RELAXED);
}

void sim_ticks_advance(unsigned long long ticks)
{
	__atomic_add_fetch(&engine.ticks, ticks, __ATOMIC_RELAXED);
}
