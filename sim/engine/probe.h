/*
 * sim/engine/probe.h - probes (probe.c): named points and the entry and
 * exit of every function of mm/migrate.c.
 *
 * Probes fire only while something listens: a handler, a trace or the
 * seeded scheduler.  The controls that change the last two live in
 * engine.c, above every piece, and call eng_probe_update() afterwards.
 */
#ifndef _SIM_ENGINE_PROBE_H
#define _SIM_ENGINE_PROBE_H

/* Recompute whether probes fire (handler, tracing, seeded mode). */
void eng_probe_update(void);

#endif /* _SIM_ENGINE_PROBE_H */
