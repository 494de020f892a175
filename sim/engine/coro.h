/*
 * sim/engine/coro.h - user-level contexts for the seeded scheduler
 * (coro.c): a task's own stack and saved registers, switched to without
 * the host kernel.
 */
#ifndef _SIM_ENGINE_CORO_H
#define _SIM_ENGINE_CORO_H

#include <stddef.h>
#include <ucontext.h>

struct eng_coro {
	/* First, so that gdb's mmsim-task finds the saved registers. */
	ucontext_t ctx;
	void *stack; /* mmap'd, guard page below; NULL: a thread's own */
	size_t size;
	/* The sanitizers' view of the stack (AddressSanitizer fibers). */
	const void *san_bottom;
	size_t san_size;
	void *san_fake;
	void (*fn)(void *arg);
	void *arg;
};

/* Whether tasks may be contexts here (not under ThreadSanitizer). */
int eng_coro_supported(void);

/* A context on a stack of its own that runs fn(arg) when switched to.
 * fn must never return: it switches away for good instead. */
void eng_coro_init(struct eng_coro *c, void (*fn)(void *arg), void *arg);

/* The calling thread's own context (the stack it was started on). */
void eng_coro_init_thread(struct eng_coro *c);

/* Save the running context in from and resume to. */
void eng_coro_switch(struct eng_coro *from, struct eng_coro *to);

/* Release the stack of a context that will never run again. */
void eng_coro_destroy(struct eng_coro *c);

#endif /* _SIM_ENGINE_CORO_H */
