/*
 * sim/engine/engine.h - the engine as the host world (CLI, scenarios,
 * tests) drives it.
 *
 * The kernel world reaches the engine through <sim/door.h> only; this is
 * the other side: starting the engine, its seed, where traces go and what
 * reports print to replay a failure.  One simulated machine per process,
 * so there is one engine per process and no handle to pass around.
 */
#ifndef _SIM_ENGINE_H
#define _SIM_ENGINE_H

#include <stdio.h>

#include <sim/door.h>

/*
 * Start the engine: install the oops handlers (SIGSEGV, SIGBUS on an
 * alternate stack), identify the calling thread as "swapper", pid 0,
 * CPU 0, and register it with liburcu.  'seed' is printed in every
 * failure report.  Call once, before any door call, from the thread that
 * will run the initial task.
 */
void sim_engine_init(unsigned long long seed);
unsigned long long sim_engine_seed(void);

/*
 * Send sim_trace() events to f (NULL: tracing off).  Set it before tasks
 * are spawned; the engine does not close it.
 */
void sim_engine_set_trace(FILE *f);

/* The command that replays this run, printed in reports as "replay: CMD". */
void sim_engine_set_replay_hint(const char *cmdline);

/* Tasks blocked in the engine right now (sleeping locks, waits, CPUs). */
int sim_engine_nr_sleeping(void);

/*
 * Exit statuses: a kernel misbehaviour (BUG, oops, panic, sleeping in
 * atomic context) exits 3; the simulator failing on its own account (host
 * memory, threads) exits 4.
 */
#define SIM_EXIT_KERNEL 3
#define SIM_EXIT_SIMULATOR 4

#endif /* _SIM_ENGINE_H */
