/*
 * sim/scenario/trial.c - one run of a scenario in a child process, for
 * the strategies that learn from their runs: preempt-bound enumeration
 * (explore, replay) and minimize.
 *
 * The child boots, runs the scenario quietly in seeded mode, and writes
 * its stderr, the scheduler's choice log (sim_engine_log_choices) and
 * optionally its trace into memory files, which the parent reads after
 * waitpid: a child dying of an oops leaves them complete, since the
 * choice log is written unbuffered and the engine flushes the trace.
 *
 * Host world, the test harness's side: it stands for no 2006 file.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "../engine/engine.h"
#include "cli.h"
#include "trial.h"

extern void __gcov_dump(void) __attribute__((weak));

void trial_force(const GArray *forced)
{
	const struct sc_forced *f;
	guint i;

	sim_engine_force_clear();
	for (i = 0; i < forced->len; i++) {
		f = &g_array_index(forced, struct sc_forced, i);
		if (f->self >= 0)
			sim_engine_force_at(f->self, f->count, f->pid, f->comm);
		else
			sim_engine_force(f->step, f->pid, f->comm);
	}
	sim_engine_set_strategy(SIM_STRATEGY_FORCED);
}

void sc_schedule_apply(const struct scenario *scn, int seeded)
{
	if (scn->schedule && seeded)
		trial_force(scn->schedule);
}

static G_GNUC_NORETURN void child(struct scenario *scn, const char *replay,
				  unsigned long long seed, unsigned long steps,
				  const GArray *forced, const int fd[3])
{
	struct sc_run_opts opts = {
		.seed = seed,
		.seeded = 1,
		.steps = steps,
		.quiet = 1,
		.out = stdout,
		.err = stderr,
		.replay = replay,
	};
	int devnull = open("/dev/null", O_WRONLY);
	int status;

	if (devnull >= 0)
		dup2(devnull, 1);
	dup2(fd[0], 2);
	sim_engine_init(seed);
	if (forced)
		trial_force(forced);
	sim_engine_log_choices(fd[1]);
	if (fd[2] >= 0)
		opts.trace = fdopen(fd[2], "w");
	status = sc_run(scn, &opts);
	dprintf(fd[1], "hash %llx\n", sim_engine_schedule_hash());
	fflush(NULL);
	if (__gcov_dump)
		__gcov_dump();
	_exit(status);
}

static gchar *slurp(int fd)
{
	GString *s = g_string_new(NULL);
	char buf[8192];
	ssize_t n;
	off_t off = 0;

	while ((n = pread(fd, buf, sizeof(buf), off)) > 0) {
		g_string_append_len(s, buf, n);
		off += n;
	}
	close(fd);
	return g_string_free(s, FALSE);
}

/* "choice STEP CUR CHOSEN N SELF COUNT PID:COMM ..." */
static void parse_choice(const char *line, struct trial_choice *c)
{
	char *end;
	int i;

	memset(c, 0, sizeof(*c));
	c->step = strtoul(line + 7, &end, 10);
	c->cur = strtol(end, &end, 10);
	c->chosen = strtol(end, &end, 10);
	c->n = strtol(end, &end, 10);
	c->self = strtol(end, &end, 10);
	c->count = strtoul(end, &end, 10);
	for (i = 0; i < c->n && i < TRIAL_MAX_CAND; i++) {
		c->pid[i] = strtol(end, &end, 10);
		if (*end == ':')
			end++;
		sscanf(end, "%15s", c->comm[i]);
		end += strcspn(end, " \n");
	}
	if (c->n > TRIAL_MAX_CAND)
		c->n = TRIAL_MAX_CAND;
}

static void parse_log(struct trial *t, const char *log)
{
	g_auto(GStrv) lines = g_strsplit(log, "\n", -1);
	struct trial_choice c;
	int i;

	t->choices = g_array_new(FALSE, TRUE, sizeof(struct trial_choice));
	for (i = 0; lines[i]; i++) {
		if (g_str_has_prefix(lines[i], "choice ")) {
			parse_choice(lines[i], &c);
			g_array_append_val(t->choices, c);
		} else if (g_str_has_prefix(lines[i], "diverged ")) {
			t->diverged++;
		} else if (g_str_has_prefix(lines[i], "hash ")) {
			t->hash = g_ascii_strtoull(lines[i] + 5, NULL, 16);
			t->has_hash = 1;
		}
	}
}

static int memfds(int fd[3], int want_trace)
{
	fd[0] = memfd_create("mmsim-trial-err", MFD_CLOEXEC);
	fd[1] = memfd_create("mmsim-trial-log", MFD_CLOEXEC);
	fd[2] = want_trace ? memfd_create("mmsim-trial-trace", 0) : -1;
	if (fd[0] >= 0 && fd[1] >= 0 && (!want_trace || fd[2] >= 0))
		return 0;
	for (int i = 0; i < 3; i++)
		if (fd[i] >= 0)
			close(fd[i]);
	return -1;
}

int trial_run(struct scenario *scn, const char *replay, unsigned long long seed,
	      unsigned long steps, const GArray *forced, int want_trace,
	      struct trial *t)
{
	g_autofree gchar *log = NULL;
	int fd[3], wstatus;
	pid_t pid;

	memset(t, 0, sizeof(*t));
	if (memfds(fd, want_trace))
		return -1;
	fflush(stdout);
	fflush(stderr);
	sim_engine_before_fork();
	pid = fork();
	if (pid == 0) {
		sim_engine_after_fork_child();
		child(scn, replay, seed, steps, forced, fd);
	}
	sim_engine_after_fork_parent();
	if (pid < 0 || waitpid(pid, &wstatus, 0) < 0) {
		for (int i = 0; i < 3; i++)
			if (fd[i] >= 0)
				close(fd[i]);
		return -1;
	}
	t->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
				       : MMSIM_EXIT_SIMULATOR;
	t->err = slurp(fd[0]);
	t->first = g_strndup(t->err, strcspn(t->err, "\n"));
	log = slurp(fd[1]);
	parse_log(t, log);
	if (fd[2] >= 0)
		t->trace = slurp(fd[2]);
	return 0;
}

void trial_clear(struct trial *t)
{
	g_free(t->err);
	g_free(t->first);
	g_free(t->trace);
	if (t->choices)
		g_array_unref(t->choices);
	memset(t, 0, sizeof(*t));
}

/* Choices that switched: all of them, or only preemptions. */
static int count_switches(const struct trial *t, int preemptions)
{
	const struct trial_choice *c;
	int n = 0;
	guint i;

	for (i = 0; i < t->choices->len; i++) {
		c = &g_array_index(t->choices, struct trial_choice, i);
		n += c->chosen != c->cur && (!preemptions || c->cur >= 0);
	}
	return n;
}

int trial_preemptions(const struct trial *t)
{
	return count_switches(t, 1);
}

int trial_switches(const struct trial *t)
{
	return count_switches(t, 0);
}

void trial_force_entry(GArray *forced, const struct trial_choice *c,
		       int by_task)
{
	struct sc_forced f = {.step = c->step, .self = -1};

	if (c->chosen == (c->cur >= 0 ? c->cur : 0))
		return;
	f.pid = c->pid[c->chosen];
	if (by_task && c->self >= 0) {
		f.self = c->self;
		f.count = c->count;
	}
	g_array_append_val(forced, f);
}

gboolean trial_same_failure(const struct trial *a, const struct trial *b)
{
	return a->status == b->status && !strcmp(a->first, b->first);
}
