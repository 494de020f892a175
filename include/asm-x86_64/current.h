/*
 * asm-x86_64/current.h - the running task.  2006 read it from the per-CPU
 * PDA; here it is a thread-local variable that a task sets when it
 * starts.  In seeded mode tasks may be contexts sharing one host thread:
 * the engine then saves and restores it at every switch
 * (sim_task_local()).
 */
#ifndef _X86_64_CURRENT_H
#define _X86_64_CURRENT_H

struct task_struct;

extern __thread struct task_struct *sim_current_task;
void **sim_current_task_word(void);

static inline struct task_struct *get_current(void)
{
	return sim_current_task;
}

#define current get_current()

#endif
