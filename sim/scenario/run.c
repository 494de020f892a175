/*
 * sim/scenario/run.c - mmsim run, mmsim replay and mmsim explore: a
 * scenario file once, once more with its trace, or under many seeds.
 *
 * explore forks a child per seed (one simulated machine per process, as
 * one kernel per machine): the parent parses the file once and never
 * boots; each child boots, runs the scenario quietly in seeded mode, and
 * reports its schedule hash through a pipe and its messages through a
 * memory file.  An oops in a child cannot take the explorer down.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "../engine/engine.h"
#include "cli.h"
#include "check_every.h"
#include "scenario.h"

/* Read and parse FILE; prints the error and returns NULL on failure. */
static struct scenario *load(const char *cmd, const char *file)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *text = NULL;
	gsize len;

	if (!g_file_get_contents(file, &text, &len, &error)) {
		cli_usage_error(cmd, "%s", error->message);
		return NULL;
	}
	return sc_parse(file, text, len, stderr);
}

static gboolean parse_seed(const char *cmd, const char *text,
			   unsigned long long *seed)
{
	g_autoptr(GError) error = NULL;
	guint64 v;

	if (!g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT64, &v, &error)) {
		cli_usage_error(cmd, "--seed: not a number: '%s'", text);
		return FALSE;
	}
	*seed = v;
	return TRUE;
}

/* "mmsim replay FILE --seed N", quoted for a shell. */
static gchar *replay_command(const char *file, unsigned long long seed)
{
	g_autofree gchar *quoted = NULL;

	if (file[0] && strspn(file, "abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789-_=.,/:+") == strlen(file))
		quoted = g_strdup(file);
	else
		quoted = g_shell_quote(file);
	return g_strdup_printf("mmsim replay %s --seed %llu%s", quoted, seed,
			       cli_detect_replay_args());
}

struct scenario *cli_load(const char *cmd, const char *file)
{
	return load(cmd, file);
}

gchar *cli_replay_command(const char *file, unsigned long long seed)
{
	return replay_command(file, seed);
}

static FILE *open_trace(const char *cmd, const char *option, const char *name)
{
	FILE *f;

	if (!strcmp(name, "-"))
		return stdout;
	f = fopen(name, "w");
	if (!f)
		cli_usage_error(cmd, "%s: %s: %s", option, name,
				strerror(errno));
	return f;
}

/* run and replay share everything but their defaults. */
static int run_common(const char *cmd, const char *file,
		      unsigned long long seed, int seeded, unsigned long steps,
		      const char *trace_name, const char *json_name, int quiet)
{
	FILE *json = NULL;
	struct sc_run_opts opts = {
		.seed = seed,
		.seeded = seeded,
		.steps = steps,
		.quiet = quiet,
		.out = stdout,
		.err = stderr,
	};
	g_autofree gchar *replay = replay_command(file, seed);
	struct scenario *scn;
	int ret;

	sim_engine_init(seed);
	scn = load(cmd, file);
	if (!scn)
		return MMSIM_EXIT_USAGE;
	ret = seeded ? cli_strategy_prepare(cmd, scn, seed, steps) : 0;
	if (ret) {
		sc_free(scn);
		return ret;
	}
	if (trace_name) {
		opts.trace = open_trace(cmd, "--trace", trace_name);
		if (!opts.trace) {
			sc_free(scn);
			return MMSIM_EXIT_USAGE;
		}
	}
	if (json_name) {
		json = open_trace(cmd, "--trace-json", json_name);
		if (!json) {
			if (opts.trace && opts.trace != stdout)
				fclose(opts.trace);
			sc_free(scn);
			return MMSIM_EXIT_USAGE;
		}
		/* Closed by the engine's fatal reports too (exit 3). */
		sim_engine_set_trace_json(json);
	}
	opts.replay = replay;
	ret = sc_run(scn, &opts);
	if (json) {
		sim_engine_trace_close();
		if (json != stdout)
			fclose(json);
	}
	if (opts.trace && opts.trace != stdout)
		fclose(opts.trace);
	fflush(stdout);
	sc_free(scn);
	return ret;
}

static const char run_description[] =
	"Runs a scenario (see docs/scenario-language.md): boots its machine,\n"
	"starts its tasks, and prints each statement with its result.  A\n"
	"failed expectation prints FILE:LINE, what was expected, what was\n"
	"found, the seed and the command that replays the run.\n"
	"\n"
	"seeded scheduling (the default) runs one task at a time and picks\n"
	"who runs at every lock, sleep and probe with a PRNG seeded with\n"
	"--seed: the same seed gives the same run and the same trace, byte\n"
	"for byte.  free scheduling runs the tasks as parallel threads.\n"
	"\n"
	"Examples:\n"
	"  mmsim run scenarios/01-move-pages.mmsim\n"
	"  mmsim run scenarios/07-pinned-interleaving.mmsim --trace t.txt\n"
	"  mmsim run scenarios/07-pinned-interleaving.mmsim --trace-json "
	"t.json\n"
	"  mmsim run scenarios/03-faulter-vs-migration.mmsim --sched free\n"
	"\n"
	"Exit status: 0 passed, 1 an expectation failed, 2 usage or parse\n"
	"error, 3 the simulated kernel misbehaved, 4 the simulator failed.";

int mmsim_cmd_run(int argc, char **argv)
{
	gchar *seed_text = NULL, *sched = NULL, *trace = NULL;
	gchar *steps_text = NULL, *trace_json = NULL;
	gboolean quiet = FALSE;
	GOptionEntry entries[] = {
		{"seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
		 "The scheduler's seed (default 0)", "N"},
		{"sched", 0, 0, G_OPTION_ARG_STRING, &sched,
		 "seeded (default) or free", "MODE"},
		{"trace", 't', 0, G_OPTION_ARG_STRING, &trace,
		 "Write the trace (ftrace's text layout) to FILE; - for "
		 "stdout",
		 "FILE"},
		{"trace-json", 0, 0, G_OPTION_ARG_STRING, &trace_json,
		 "Write the trace as Chrome trace-event JSON (Perfetto, "
		 "chrome://tracing) to FILE; - for stdout",
		 "FILE"},
		{"steps", 0, 0, G_OPTION_ARG_STRING, &steps_text,
		 "Report a livelock after BUDGET scheduling points", "BUDGET"},
		{"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
		 "Print only failures", NULL},
		CLI_DETECT_OPTION,
		CLI_CHECK_EVERY_OPTION,
		CLI_STRATEGY_OPTIONS,
		{NULL}};
	g_autoptr(GOptionContext) ctx = g_option_context_new("FILE");
	g_autoptr(GError) error = NULL;
	unsigned long long seed = 0;
	long steps = 0;
	int seeded = 1;
	int ret;

	g_set_prgname("mmsim run");
	g_option_context_set_summary(ctx, "Run a scenario file.");
	g_option_context_set_description(ctx, run_description);
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		ret = cli_usage_error("run", "%s", error->message);
		goto out;
	}
	ret = MMSIM_EXIT_USAGE;
	if (argc != 2) {
		cli_usage_error("run",
				argc < 2 ? "no scenario file (mmsim run "
					   "FILE)"
					 : "unexpected argument '%s'",
				argc > 2 ? argv[2] : "");
		goto out;
	}
	if (seed_text && !parse_seed("run", seed_text, &seed))
		goto out;
	if (sched && !strcmp(sched, "free")) {
		seeded = 0;
		if (sim_engine_strategy() != SIM_STRATEGY_PCT) {
			cli_usage_error("run", "--strategy: needs --sched "
					       "seeded");
			goto out;
		}
		/* free mode has no steps to count */
		if (sc_check_every_enabled()) {
			cli_usage_error("run", "--check-every: needs "
					       "--sched seeded");
			goto out;
		}
	} else if (sched && strcmp(sched, "seeded")) {
		cli_usage_error("run",
				"--sched: '%s' is neither seeded nor "
				"free",
				sched);
		goto out;
	}
	if (steps_text &&
	    !cli_parse_int(steps_text, 1, G_MAXLONG, &steps, &error)) {
		cli_usage_error("run", "--steps: %s", error->message);
		goto out;
	}
	ret = run_common("run", argv[1], seed, seeded, steps, trace, trace_json,
			 quiet);
out:
	g_free(seed_text);
	g_free(sched);
	g_free(trace);
	g_free(trace_json);
	g_free(steps_text);
	return ret;
}

int mmsim_cmd_replay(int argc, char **argv)
{
	gchar *seed_text = NULL, *trace = NULL, *steps_text = NULL;
	gchar *trace_json = NULL;
	GOptionEntry entries[] = {
		{"seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
		 "The seed to replay (required)", "N"},
		{"trace", 't', 0, G_OPTION_ARG_STRING, &trace,
		 "Write the trace to FILE (default: stdout)", "FILE"},
		{"trace-json", 0, 0, G_OPTION_ARG_STRING, &trace_json,
		 "Also write the trace as Chrome trace-event JSON to FILE",
		 "FILE"},
		{"steps", 0, 0, G_OPTION_ARG_STRING, &steps_text,
		 "Report a livelock after BUDGET scheduling points", "BUDGET"},
		CLI_DETECT_OPTION,
		CLI_CHECK_EVERY_OPTION,
		CLI_STRATEGY_OPTIONS,
		{NULL}};
	g_autoptr(GOptionContext) ctx = g_option_context_new("FILE");
	g_autoptr(GError) error = NULL;
	unsigned long long seed = 0;
	long steps = 0;
	int ret = MMSIM_EXIT_USAGE;

	g_set_prgname("mmsim replay");
	g_option_context_set_summary(ctx,
				     "Run a scenario again in seeded "
				     "mode with the seed a failure reported, "
				     "with its trace (on stdout unless "
				     "--trace FILE).");
	g_option_context_set_description(
		ctx,
		"Example:\n"
		"  mmsim replay scenarios/08-explore-schedule-dependent.mmsim "
		"--seed 3");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		ret = cli_usage_error("replay", "%s", error->message);
		goto out;
	}
	if (argc != 2) {
		cli_usage_error("replay",
				argc < 2 ? "no scenario file (mmsim "
					   "replay FILE --seed N)"
					 : "unexpected argument "
					   "'%s'",
				argc > 2 ? argv[2] : "");
		goto out;
	}
	if (!seed_text) {
		cli_usage_error("replay", "--seed: required (the seed the "
					  "failure reported)");
		goto out;
	}
	if (!parse_seed("replay", seed_text, &seed))
		goto out;
	if (steps_text &&
	    !cli_parse_int(steps_text, 1, G_MAXLONG, &steps, &error)) {
		cli_usage_error("replay", "--steps: %s", error->message);
		goto out;
	}
	ret = run_common("replay", argv[1], seed, 1, steps, trace ? trace : "-",
			 trace_json, 0);
out:
	g_free(seed_text);
	g_free(trace);
	g_free(trace_json);
	g_free(steps_text);
	return ret;
}

/* ---- explore ------------------------------------------------------------ */

struct child {
	pid_t pid;
	unsigned long long seed;
	int hash_fd; /* read end: 8 bytes of schedule hash */
	int msg_fd; /* memfd: the child's stderr */
};

struct explore {
	const char *file;
	struct scenario *scn;
	unsigned long steps;
	int tty;
	unsigned long launched, finished, total;
	int failures;
	int first_status;
	unsigned long long first_seed;
	GHashTable *hashes; /* distinct schedule hashes */
	double start;
	double last_bar;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * libgcov's dump, in a build with --coverage only (a weak reference is
 * NULL otherwise): a child leaves with _exit(), which skips the atexit
 * hook that writes the .gcda files, so it dumps them itself first.
 */
extern void __gcov_dump(void) __attribute__((weak));

static G_GNUC_NORETURN void
child_main(struct explore *e, unsigned long long seed, int hash_fd, int msg_fd)
{
	g_autofree gchar *replay = replay_command(e->file, seed);
	struct sc_run_opts opts = {
		.seed = seed,
		.seeded = 1,
		.steps = e->steps,
		.quiet = 1,
		.out = stdout,
		.err = stderr,
	};
	unsigned long long hash;
	int devnull = open("/dev/null", O_WRONLY);
	int status;

	if (devnull >= 0)
		dup2(devnull, 1);
	dup2(msg_fd, 2);
	sim_engine_init(seed);
	opts.replay = replay;
	status = sc_run(e->scn, &opts);
	hash = sim_engine_schedule_hash();
	if (write(hash_fd, &hash, sizeof(hash)) != sizeof(hash))
		status = MMSIM_EXIT_SIMULATOR;
	fflush(stdout);
	fflush(stderr);
	if (__gcov_dump)
		__gcov_dump();
	_exit(status);
}

static int launch(struct explore *e, struct child *c, unsigned long long seed)
{
	int fds[2];

	if (pipe2(fds, O_CLOEXEC))
		return -1;
	c->msg_fd = memfd_create("mmsim-explore", MFD_CLOEXEC);
	if (c->msg_fd < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	sim_engine_before_fork();
	c->pid = fork();
	if (c->pid == 0) {
		sim_engine_after_fork_child();
		close(fds[0]);
		child_main(e, seed, fds[1], c->msg_fd);
	}
	sim_engine_after_fork_parent();
	close(fds[1]);
	if (c->pid < 0) {
		close(fds[0]);
		close(c->msg_fd);
		return -1;
	}
	c->seed = seed;
	c->hash_fd = fds[0];
	e->launched++;
	return 0;
}

static void progress(struct explore *e, int force)
{
	double t = now_s();
	int width = 30, filled;

	if (!e->tty || (!force && t - e->last_bar < 0.1))
		return;
	e->last_bar = t;
	filled = e->total ? (int)(width * e->finished / e->total) : width;
	fprintf(stderr, "\r[%.*s%*s] %lu/%lu seeds, %d failed, %.0f/s ", filled,
		"##############################", width - filled, "",
		e->finished, e->total, e->failures,
		e->finished / MAX(t - e->start, 1e-6));
	fflush(stderr);
}

static void clear_progress(struct explore *e)
{
	if (e->tty)
		fprintf(stderr, "\r\033[K");
}

static const char *status_text(int status)
{
	switch (status) {
	case MMSIM_EXIT_EXPECT:
		return "an expectation failed";
	case MMSIM_EXIT_USAGE:
		return "a run-time error in the scenario";
	case MMSIM_EXIT_KERNEL:
		return "the simulated kernel misbehaved";
	default:
		return "the simulator failed";
	}
}

const char *cli_status_text(int status)
{
	return status_text(status);
}

/* A child is done: collect its hash, status and, if it failed, its say. */
static void collect(struct explore *e, struct child *c, int wstatus)
{
	unsigned long long hash;
	int status;

	if (WIFEXITED(wstatus))
		status = WEXITSTATUS(wstatus);
	else
		status = MMSIM_EXIT_SIMULATOR;
	if (read(c->hash_fd, &hash, sizeof(hash)) == sizeof(hash)) {
		unsigned long long *key = g_new(unsigned long long, 1);

		*key = hash;
		/* A set: an equal key already there is replaced and freed. */
		g_hash_table_add(e->hashes, key);
	}
	close(c->hash_fd);
	e->finished++;
	if (status != MMSIM_EXIT_OK) {
		g_autofree gchar *replay = replay_command(e->file, c->seed);
		char buf[4096];
		ssize_t n;
		off_t off = 0;

		e->failures++;
		if (e->failures == 1 || c->seed < e->first_seed) {
			e->first_status = status;
			e->first_seed = c->seed;
		}
		clear_progress(e);
		printf("seed %llu: %s (exit %d)\n", c->seed,
		       status_text(status), status);
		fflush(stdout);
		if (e->failures == 1) {
			/* The first failure's own words, then the replay. */
			while ((n = pread(c->msg_fd, buf, sizeof(buf), off)) >
			       0) {
				fwrite(buf, 1, n, stdout);
				off += n;
			}
		}
		printf("replay: %s\n", replay);
		fflush(stdout);
	}
	close(c->msg_fd);
}

static gboolean parse_seeds(const char *text, unsigned long long *a,
			    unsigned long long *b)
{
	g_auto(GStrv) parts = g_strsplit(text, "..", 2);
	guint64 x, y;

	if (!g_ascii_string_to_unsigned(parts[0], 10, 0, G_MAXUINT64 - 1, &x,
					NULL))
		return FALSE;
	if (!parts[1]) {
		*a = x;
		*b = x + 1;
		return TRUE;
	}
	if (!g_ascii_string_to_unsigned(parts[1], 10, 0, G_MAXUINT64, &y,
					NULL) ||
	    y <= x)
		return FALSE;
	*a = x;
	*b = y;
	return TRUE;
}

static const char explore_description[] =
	"Runs the scenario once per seed in [A, B) - A..B is half-open, as\n"
	"ranges are in scenarios: 0..1000 is 1000 seeds - each in a child\n"
	"process of its own, in seeded mode and quietly.  Stops at the first\n"
	"seed whose run fails (unless --keep-going) and prints its messages\n"
	"and the command that replays it.  Ends with one line:\n"
	"\n"
	"  schedules=N seconds=S schedules_per_s=R distinct_interleavings=K "
	"failures=F\n"
	"\n"
	"where K counts the distinct schedule hashes the runs reported.\n"
	"\n"
	"Example:\n"
	"  mmsim explore scenarios/08-explore-schedule-dependent.mmsim "
	"--seeds 0..100\n"
	"\n"
	"Exit status: 0 every seed passed, else the first failure's status.";

int mmsim_cmd_explore(int argc, char **argv)
{
	gchar *seeds_text = NULL, *jobs_text = NULL, *steps_text = NULL;
	gboolean keep_going = FALSE;
	GOptionEntry entries[] = {
		{"seeds", 0, 0, G_OPTION_ARG_STRING, &seeds_text,
		 "Seeds A to B-1 (required), or one seed", "A..B"},
		{"keep-going", 'k', 0, G_OPTION_ARG_NONE, &keep_going,
		 "Run every seed, even after a failure", NULL},
		{"jobs", 'j', 0, G_OPTION_ARG_STRING, &jobs_text,
		 "Children at a time (default 1)", "N"},
		{"steps", 0, 0, G_OPTION_ARG_STRING, &steps_text,
		 "Report a livelock after BUDGET scheduling points", "BUDGET"},
		CLI_DETECT_OPTION,
		CLI_CHECK_EVERY_OPTION,
		CLI_STRATEGY_OPTIONS,
		{NULL}};
	g_autoptr(GOptionContext) ctx = g_option_context_new("FILE");
	g_autoptr(GError) error = NULL;
	struct explore e = {0};
	struct child *kids = NULL;
	unsigned long long a, b, seed;
	long jobs = 1, steps = 0, running = 0, i;
	double secs;
	int ret = MMSIM_EXIT_USAGE;

	g_set_prgname("mmsim explore");
	g_option_context_set_summary(ctx,
				     "Run a scenario under many seeds, "
				     "one child process each, and find the "
				     "schedules that fail.");
	g_option_context_set_description(ctx, explore_description);
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		ret = cli_usage_error("explore", "%s", error->message);
		goto out;
	}
	if (argc != 2) {
		cli_usage_error("explore",
				argc < 2 ? "no scenario file (mmsim "
					   "explore FILE --seeds A..B)"
					 : "unexpected "
					   "argument '%s'",
				argc > 2 ? argv[2] : "");
		goto out;
	}
	if (!seeds_text) {
		cli_usage_error("explore", "--seeds: required (e.g. --seeds "
					   "0..100)");
		goto out;
	}
	if (!parse_seeds(seeds_text, &a, &b)) {
		cli_usage_error("explore",
				"--seeds: expected A..B with A < B "
				"(or one seed), got '%s'",
				seeds_text);
		goto out;
	}
	if (jobs_text && !cli_parse_int(jobs_text, 1, 256, &jobs, &error)) {
		cli_usage_error("explore", "--jobs: %s", error->message);
		goto out;
	}
	if (steps_text &&
	    !cli_parse_int(steps_text, 1, G_MAXLONG, &steps, &error)) {
		cli_usage_error("explore", "--steps: %s", error->message);
		goto out;
	}

	sim_engine_init(0);
	e.file = argv[1];
	e.scn = load("explore", argv[1]);
	if (!e.scn)
		goto out;
	if (cli_strategy_bound() >= 0) {
		ret = cli_explore_bounded(e.file, e.scn, a, b, keep_going,
					  steps);
		goto out;
	}
	e.steps = steps;
	e.tty = isatty(2);
	e.total = b - a;
	e.hashes = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
					 NULL);
	e.start = now_s();
	kids = g_new0(struct child, jobs);
	seed = a;
	for (;;) {
		int wstatus;
		pid_t pid;

		/* Launch while there is room and no reason to stop. */
		while (running < jobs && seed < b &&
		       (keep_going || !e.failures)) {
			for (i = 0; i < jobs && kids[i].pid; i++)
				;
			if (launch(&e, &kids[i], seed)) {
				clear_progress(&e);
				fprintf(stderr,
					"mmsim explore: cannot start a "
					"child: %s\n",
					strerror(errno));
				ret = MMSIM_EXIT_SIMULATOR;
				goto out;
			}
			seed++;
			running++;
		}
		if (!running)
			break;
		pid = waitpid(-1, &wstatus, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < jobs && kids[i].pid != pid; i++)
			;
		if (i == jobs)
			continue;
		collect(&e, &kids[i], wstatus);
		kids[i].pid = 0;
		running--;
		progress(&e, 0);
	}
	progress(&e, 1);
	clear_progress(&e);
	secs = now_s() - e.start;
	printf("schedules=%lu seconds=%.2f schedules_per_s=%.1f "
	       "distinct_interleavings=%u failures=%d\n",
	       e.finished, secs, e.finished / MAX(secs, 1e-9),
	       g_hash_table_size(e.hashes), e.failures);
	if (e.failures) {
		g_autofree gchar *replay = replay_command(e.file, e.first_seed);

		printf("first failing seed: %llu; replay: %s\n", e.first_seed,
		       replay);
	}
	fflush(stdout);
	ret = e.failures ? e.first_status : MMSIM_EXIT_OK;
out:
	g_free(kids);
	if (e.hashes)
		g_hash_table_unref(e.hashes);
	sc_free(e.scn);
	g_free(seeds_text);
	g_free(jobs_text);
	g_free(steps_text);
	return ret;
}
