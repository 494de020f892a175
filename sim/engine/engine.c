/*
 * sim/engine/engine.c - the top of the engine: starting it, and the host
 * world's controls that concern more than one piece (the trace files
 * and the scheduling mode also decide whether probes fire).
 *
 * One simulated machine per process, as one kernel per machine.  What a
 * run is (seed, replay hint, clock) is machine.c's; the number of CPUs is
 * kept here.  Other engine files keep their own tables (wait queues,
 * counters) next to the code that uses them.
 */
#include <execinfo.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "symtab.h"
#include "machine.h"
#include "task.h"
#include "trace.h"
#include "report.h"
#include "seeded.h"
#include "sched.h"
#include "probe.h"

static struct {
	int nr_cpus;
	int initialized;
	int trace_exit_hook; /* the atexit() hook is registered */
} engine = {
	.nr_cpus = 1,
};

/*
 * backtrace() loads libgcc's unwinder on first use, which mallocs: do it
 * now, so that the oops handler never does it on a corrupted heap.
 */
static void warm_up(void)
{
	void *frames[4];

	backtrace(frames, 4);
}

void sim_engine_init(unsigned long long seed)
{
	eng_machine_set_seed(seed);
	if (engine.initialized)
		return;
	engine.initialized = 1;
	warm_up();
	eng_symtab_load();
	/* The initial task is a task of the scheduler too. */
	eng_self()->st = eng_task_new("swapper", 0);
	sim_thread_identify("swapper", 0, 0);
	eng_task_started(eng_self());
	eng_signals_install();
}

/* ---- controls that also decide whether probes fire ---------------------- */

void sim_engine_set_trace(FILE *f)
{
	eng_trace_set_text(f);
	eng_probe_update();
}

static void trace_close_at_exit(void)
{
	sim_engine_trace_close();
}

void sim_engine_set_trace_json(FILE *f)
{
	eng_trace_set_json(f);
	if (f && !engine.trace_exit_hook)
		engine.trace_exit_hook = !atexit(trace_close_at_exit);
	eng_probe_update();
}

void sim_engine_trace_close(void)
{
	eng_trace_close_json();
	eng_probe_update();
}

void sim_engine_set_mode(enum sim_sched_mode mode)
{
	if (eng_seeded_set_mode(mode))
		eng_probe_update();
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
