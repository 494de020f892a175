/*
 * asm-x86_64/current.h - the running task.  2006 read it from the per-CPU
 * PDA; each simulated task is a host thread, so it lives in a thread-local
 * variable that the thread sets when it starts.
 */
#ifndef _X86_64_CURRENT_H
#define _X86_64_CURRENT_H

struct task_struct;

extern __thread struct task_struct *sim_current_task;

static inline struct task_struct *get_current(void)
{
	return sim_current_task;
}

#define current get_current()

#endif
