/*
 * sim/engine/machine.h - what a run is (machine.c): its seed and the
 * command that replays it.  The public side (sim_engine_seed,
 * sim_engine_set_replay_hint, sim_ticks) is in engine.h and <sim/door.h>.
 *
 * Bottom layer: depends on no other piece of the engine.
 */
#ifndef _SIM_ENGINE_MACHINE_H
#define _SIM_ENGINE_MACHINE_H

/* sim_engine_init(): the seed every report prints. */
void eng_machine_set_seed(unsigned long long seed);
/* The command that replays this run, or NULL. */
const char *eng_replay_hint(void);

#endif /* _SIM_ENGINE_MACHINE_H */
