/*
 * tests/unit/child_capture.h - run a piece of a test in a forked child and
 * capture what it prints: the way the engine tests see reports that end
 * the process (BUG, oops, deadlock: exit 3) without ending the test.
 * The engine's fork hooks keep liburcu and the scheduler sane across the
 * fork; any sanitizer report in the child fails the test.
 */
#ifndef MMSIM_CHILD_CAPTURE_H
#define MMSIM_CHILD_CAPTURE_H

#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../sim/engine/engine.h"

struct captured {
	int status; /* exit status, 128 + signal when killed */
	char out[8192]; /* the child's stdout */
	char err[65536]; /* the child's stderr */
};

static inline void drain(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;

	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
	/* Whatever does not fit is read and dropped: the child never blocks. */
	while (read(fd, &(char[256]){0}, 256) > 0)
		;
}

/* Run fn(arg) in a forked child; stdout and stderr into c. */
static inline void run_child(void (*fn)(void *), void *arg, struct captured *c)
{
	int out[2], err[2], status;
	pid_t child;

	ck_assert_int_eq(pipe(out), 0);
	ck_assert_int_eq(pipe(err), 0);
	fflush(NULL);
	sim_engine_before_fork();
	child = fork();
	ck_assert_int_ge(child, 0);
	if (!child) {
		sim_engine_after_fork_child();
		close(out[0]);
		close(err[0]);
		dup2(out[1], STDOUT_FILENO);
		dup2(err[1], STDERR_FILENO);
		fn(arg);
		fflush(NULL);
		_exit(0);
	}
	sim_engine_after_fork_parent();
	close(out[1]);
	close(err[1]);
	/* Reports are small; stdout is read first, stderr after. */
	drain(out[0], c->out, sizeof(c->out));
	drain(err[0], c->err, sizeof(c->err));
	close(out[0]);
	close(err[0]);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	c->status = WIFSIGNALED(status) ? 128 + WTERMSIG(status)
					: WEXITSTATUS(status);
	/* The child leaves by _exit(): sanitizers say it on stderr only. */
	ck_assert_msg(!strstr(c->err, "WARNING: ThreadSanitizer") &&
			      !strstr(c->err, "runtime error") &&
			      !strstr(c->err, "AddressSanitizer"),
		      "%s", c->err);
}

/* The same for a function without argument; the status is returned. */
static inline void call_noarg(void *fn)
{
	(*(void (**)(void))fn)();
}

static inline int run_child_noarg(void (*fn)(void), struct captured *c)
{
	run_child(call_noarg, &fn, c);
	return c->status;
}

#endif
