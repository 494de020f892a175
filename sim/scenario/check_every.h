/*
 * sim/scenario/check_every.h - the invariant checker mid-run
 * (check_every.c): the interpreter brackets every kernel entry of a task
 * with sc_kernel_enter/sc_kernel_exit; the exit runs the check when it is
 * due and no task is inside the kernel.
 */
#ifndef _MMSIM_CHECK_EVERY_H
#define _MMSIM_CHECK_EVERY_H

void sc_kernel_enter(void);
/* 'task' and 'line' name what just left the kernel, for the report. */
void sc_kernel_exit(const char *task, int line, const char *replay);
int sc_check_every_enabled(void);
/* Checks run so far (tests, the narrative's summary). */
unsigned long sc_check_every_count(void);

#endif /* _MMSIM_CHECK_EVERY_H */
