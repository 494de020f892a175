/*
 * sim/engine/coro.c - user-level contexts: in seeded mode one task runs
 * at a time, so a task need not be a host thread.  Each task gets a stack
 * of its own and the scheduler switches between them with the C library's
 * ucontext (getcontext, makecontext, swapcontext), without the host
 * kernel's scheduler: a hand-off costs a few hundred nanoseconds instead
 * of the microseconds of a futex ring.
 *
 * The stack is mmap'd with a guard page below it, so an overflow faults
 * there and the oops handler (on the thread's alternate signal stack)
 * reports it.  AddressSanitizer is told of every switch (its fiber
 * interface), so that it checks each task against its own stack.
 * ThreadSanitizer would need its fiber interface too; under it tasks stay
 * host threads (eng_coro_supported() says 0).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "coro.h"

#if defined(__SANITIZE_ADDRESS__)
#define CORO_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CORO_ASAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define CORO_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CORO_TSAN 1
#endif
#endif

#ifdef CORO_ASAN
#include <dlfcn.h>
#include <sanitizer/common_interface_defs.h>
/* AddressSanitizer's frames are larger. */
#define CORO_STACK_SIZE (4UL << 20)
#else
#define CORO_STACK_SIZE (1UL << 20)
#endif

#ifdef CORO_ASAN
/* The context being left, for the one that resumes (AddressSanitizer). */
static __thread struct eng_coro *coro_prev;
#endif

#ifdef CORO_ASAN
/*
 * AddressSanitizer's swapcontext interceptor warns, once per process, that
 * it may report false positives: on stderr, where scenario output is
 * compared.  The fiber calls below tell it everything it needs, so call
 * the C library's own swapcontext.
 */
static int (*libc_swapcontext)(ucontext_t *, const ucontext_t *);

static int real_swapcontext(ucontext_t *from, const ucontext_t *to)
{
	if (!libc_swapcontext) {
		void *libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);

		libc_swapcontext = libc ? dlsym(libc, "swapcontext") : NULL;
		if (!libc_swapcontext)
			libc_swapcontext = swapcontext;
	}
	return libc_swapcontext(from, to);
}
#else
#define real_swapcontext swapcontext
#endif

int eng_coro_supported(void)
{
#ifdef CORO_TSAN
	return 0;
#else
	return 1;
#endif
}

static void finish_switch(struct eng_coro *now)
{
#ifdef CORO_ASAN
	struct eng_coro *prev = coro_prev;

	__sanitizer_finish_switch_fiber(now->san_fake,
					prev ? &prev->san_bottom : NULL,
					prev ? &prev->san_size : NULL);
#else
	(void)now;
#endif
}

static void coro_entry(unsigned int hi, unsigned int lo)
{
	struct eng_coro *c =
		(struct eng_coro *)(((uintptr_t)hi << 32) | (uintptr_t)lo);

	finish_switch(c);
	c->fn(c->arg);
	fprintf(stderr, "mmsim: a task's context returned\n");
	abort();
}

static void die(const char *what)
{
	fprintf(stderr, "mmsim: cannot create a task's context: %s: %s\n", what,
		strerror(errno));
	exit(4); /* SIM_EXIT_SIMULATOR */
}

void eng_coro_init(struct eng_coro *c, void (*fn)(void *arg), void *arg)
{
	size_t page = sysconf(_SC_PAGESIZE);
	uintptr_t p = (uintptr_t)c;
	char *map;

	memset(c, 0, sizeof(*c));
	map = mmap(NULL, CORO_STACK_SIZE + page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1,
		   0);
	if (map == MAP_FAILED)
		die("mmap");
	if (mprotect(map, page, PROT_NONE))
		die("mprotect");
	c->stack = map;
	c->size = CORO_STACK_SIZE + page;
	c->san_bottom = map + page;
	c->san_size = CORO_STACK_SIZE;
	c->fn = fn;
	c->arg = arg;
	if (getcontext(&c->ctx))
		die("getcontext");
	c->ctx.uc_stack.ss_sp = map + page;
	c->ctx.uc_stack.ss_size = CORO_STACK_SIZE;
	c->ctx.uc_link = NULL;
	makecontext(&c->ctx, (void (*)(void))coro_entry, 2,
		    (unsigned int)(p >> 32), (unsigned int)p);
}

void eng_coro_init_thread(struct eng_coro *c)
{
	memset(c, 0, sizeof(*c));
}

void eng_coro_switch(struct eng_coro *from, struct eng_coro *to)
{
#ifdef CORO_ASAN
	coro_prev = from;
	__sanitizer_start_switch_fiber(&from->san_fake, to->san_bottom,
				       to->san_size);
#endif
	real_swapcontext(&from->ctx, &to->ctx);
	finish_switch(from);
}

void eng_coro_destroy(struct eng_coro *c)
{
	if (c->stack)
		munmap(c->stack, c->size);
	c->stack = NULL;
}
