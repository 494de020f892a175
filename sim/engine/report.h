/*
 * sim/engine/report.h - what the simulated kernel says when it
 * misbehaves (report.c): BUG, oops, panic, warnings, and the oops handler.
 *
 * Reports are built in a buffer and written to fd 2 in one go, so that
 * they survive a corrupted heap and do not interleave.  Every piece above
 * may report; a report reads only the pieces below (the task, the
 * symbols, the seed) and ends the trace before the process exits.
 */
#ifndef _SIM_ENGINE_REPORT_H
#define _SIM_ENGINE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "task.h"

struct sim_report {
	char buf[16384];
	size_t len;
};

void eng_report_printf(struct sim_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Claim the right to die: only the first failing task reports. */
void eng_report_begin_fatal(void);
void eng_report_flush(struct sim_report *r);
void eng_report_backtrace(int skip, int max);
/* The call trace from a faulting pc, and saved frames, symbolised. */
void eng_report_backtrace_from(void *pc, int max);
void eng_report_frames(struct sim_report *r, void *const *frames, int n);
/*
 * The caller's stack into frames (at most max), from the frame pointers:
 * frames[0] is the return address into the caller, as backtrace()'s
 * frames[0] is; a few nanoseconds a frame.  For the detectors' per-access
 * stacks; the fatal reports unwind with backtrace().
 */
int eng_report_stack(void **frames, int max);
/* "func+0x1a/0x40" for a text address. */
void eng_report_symbol(char *buf, size_t size, void *addr);
void eng_report_task(struct sim_report *r, const struct sim_task *t);
void eng_report_held_locks(struct sim_report *r, const struct sim_task *t);
/* The seed and the replay command, the trace ended, exit 3. */
void eng_report_end_fatal(struct sim_report *r) __attribute__((noreturn));
void eng_report_sleep_bug(const struct sim_task *t, const char *site)
	__attribute__((noreturn));
/* A warning at 'where' ("FILE:LINE"): reported, counted, not fatal. */
void eng_report_warn(const char *where, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * A piece above may explain a fault (kasan: an access to a freed object):
 * the explainer prints its report into r and returns 1, or returns 0 and
 * the oops is reported as usual.  Runs on the alternate signal stack.
 */
typedef int (*eng_fault_explainer)(struct sim_report *r, uintptr_t addr,
				   int write, void *pc);
void eng_report_set_fault_explainer(eng_fault_explainer fn);
/* The oops handler for SIGSEGV and SIGBUS, on the alternate stack. */
void eng_signals_install(void);

#endif /* _SIM_ENGINE_REPORT_H */
