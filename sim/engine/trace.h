/*
 * sim/engine/trace.h - the event trace (trace.c): where sim_trace()
 * writes, and what a dying process does with it.
 *
 * Just above the task state: a trace line names the running task and
 * stamps it with the simulated clock, and every piece above may emit one
 * (sim_trace() in <sim/door.h>), the scheduler and reports included.
 */
#ifndef _SIM_ENGINE_TRACE_H
#define _SIM_ENGINE_TRACE_H

#include <stdio.h>

/* Where sim_trace() writes text lines (NULL: nowhere). */
void eng_trace_set_text(FILE *f);
/*
 * Start the JSON trace in f ("[" and the machine's name), ending the one
 * before; and end it ("]", flushed; f stays open).  sim_engine_*() in
 * engine.c wrap them, since they also decide whether probes fire.
 */
void eng_trace_set_json(FILE *f);
void eng_trace_close_json(void);
/* A fatal report: end the JSON trace before _exit(), if it is safe. */
void eng_trace_close_on_fatal(void);
/* The oops handler: push out buffered trace lines, if it is safe. */
void eng_trace_flush_on_oops(void);

#endif /* _SIM_ENGINE_TRACE_H */
