/*
 * sim/engine/machine.c - what a run is: its seed, the command that
 * replays it, and the simulated clock.
 *
 * One simulated machine per process, as one kernel per machine: the state
 * is one static struct here, at the bottom of the engine, so that reports,
 * traces and the seeded scheduler can read it without calling up.
 */
#include <glib.h>

#include "engine.h"
#include "machine.h"

static struct {
	unsigned long long seed;
	char *replay_hint;
	unsigned long long ticks; /* 1 tick = 1 us of simulated time */
} machine;

void eng_machine_set_seed(unsigned long long seed)
{
	machine.seed = seed;
}

unsigned long long sim_engine_seed(void)
{
	return machine.seed;
}

void sim_engine_set_replay_hint(const char *cmdline)
{
	char *old = machine.replay_hint;

	machine.replay_hint = cmdline ? g_strdup(cmdline) : NULL;
	g_free(old);
}

const char *eng_replay_hint(void)
{
	return machine.replay_hint;
}

unsigned long long sim_ticks(void)
{
	return __atomic_load_n(&machine.ticks, __ATOMIC_RELAXED);
}

void sim_ticks_advance(unsigned long long ticks)
{
	__atomic_add_fetch(&machine.ticks, ticks, __ATOMIC_RELAXED);
}
