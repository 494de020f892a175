/*
 * sim/scenario/explore.c - mmsim explore, mmsim explore-merge and
 * mmsim bench explore: a scenario under many seeds.
 *
 * A seeded run's setup (boot and the statements before the first spawn,
 * probe or run) is the same for every seed: it runs under SC_SETUP_SEED,
 * and the run's own seed takes over at the fork point (interp.c).  So
 * explore boots once: a server child runs the setup quietly, and at the
 * fork point forks one child per seed, which takes its seed there and runs
 * the rest.  Each child reports its schedule hash through a pipe and its
 * messages through a memory file; an oops in a child cannot take the
 * server down.  When the setup fails or says anything (the server dies
 * or speaks before the fork point), the explorer goes back to a child per
 * seed that boots itself, so that each reports it in its own words.  With tasks as host threads
 * (MMSIM_SEEDED_THREADS=1, ThreadSanitizer) a fork would keep only one
 * thread, so there is no server and every child boots.
 *
 * --shard K/N runs every N-th seed of the range, from the K-th, and
 * --results FILE writes one JSON line per seed; explore-merge reads the
 * shards' files and prints what one run over the whole range would.
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
#include "scenario.h"

/* The first failure's messages, in a results file, at most. */
#define MSG_MAX (64 * 1024)

struct child {
	pid_t pid;
	unsigned long long seed;
	int hash_fd; /* read end: 8 bytes of schedule hash */
	int msg_fd; /* memfd: the child's stderr */
};

/*
 * Seeds one run may take: a day's work at a thousand schedules a second
 * is about 10^8.  More is a mistyped range, answered rather than run.
 */
#define EXPLORE_MAX_SEEDS 100000000ull

struct explore {
	const char *file;
	struct scenario *scn;
	unsigned long steps;
	long jobs;
	int keep_going;
	int quiet; /* bench: no failure lines, no summary */
	long bench_forks; /* bench: forks that measure the floor first */
	unsigned long long a, b, next; /* seeds [a, b); the next to launch */
	unsigned long shard_k, shard_n; /* seeds a + k-1, a + k-1 + n ... */
	FILE *results; /* --results: JSON lines, or NULL */
	int tty;
	unsigned long launched, finished, total;
	int failures;
	int first_status;
	unsigned long long first_seed;
	GHashTable *hashes; /* distinct schedule hashes */
	double start;
	double last_bar;
	struct child *kids;
	long running;
	/* The server: its setup's messages, and where the setup went. */
	int setup_msg_fd;
	int ready_fd; /* write end: one byte at the fork point */
	int prepared; /* the server: ready to fork since the fork point */
	double setup_start, setup_secs; /* the server's boot and setup */
	int saved_out, saved_err;
	/* In a child: where its hash goes; its seed. */
	int hash_fd;
	unsigned long long seed;
	struct sc_run_opts opts;
	char replay[4096];
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

/* A child's run is over: its hash to the parent, its status to exit. */
static G_GNUC_NORETURN void child_finish(struct explore *e, int status)
{
	unsigned long long hash = sim_engine_schedule_hash();

	if (write(e->hash_fd, &hash, sizeof(hash)) != sizeof(hash))
		status = MMSIM_EXIT_SIMULATOR;
	fflush(stdout);
	fflush(stderr);
	if (__gcov_dump)
		__gcov_dump();
	_exit(status);
}

/* In a new child: its seed, its replay command, its output. */
static void child_setup(struct explore *e, unsigned long long seed)
{
	g_autofree gchar *replay = cli_replay_command(e->file, seed);

	e->seed = seed;
	g_strlcpy(e->replay, replay, sizeof(e->replay));
	sim_engine_init(seed);
	sim_engine_set_replay_hint(e->replay);
	e->opts.seed = seed;
	e->opts.replay = e->replay;
}

/* The seeds this exploration runs, in order; FALSE when none is left. */
static gboolean next_seed(struct explore *e, unsigned long long *seed)
{
	if (e->next >= e->b)
		return FALSE;
	*seed = e->next;
	e->next = e->b - e->next > e->shard_n ? e->next + e->shard_n : e->b;
	return TRUE;
}

/*
 * Fork a child for seed: 1 in the child (its output set up), 0 in the
 * parent (c filled in), -1 when the child could not be started.
 */
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
	/* Every stream: a child's report flushes them all (--results). */
	fflush(NULL);
	if (!e->prepared)
		sim_engine_before_fork();
	c->pid = fork();
	if (c->pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		sim_engine_after_fork_child();
		close(fds[0]);
		if (devnull >= 0)
			dup2(devnull, 1);
		dup2(c->msg_fd, 2);
		e->hash_fd = fds[1];
		return 1;
	}
	if (!e->prepared)
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

static void clear_progress(struct explore *e)
{
	if (e->tty && e->last_bar > 0)
		fprintf(stderr, "\r\033[K");
}

/* On a terminal, after the first second: where the exploration is. */
static void progress(struct explore *e)
{
	double t = now_s(), secs = t - e->start, rate;
	unsigned long left = e->total - e->finished;

	if (!e->tty || e->quiet || secs < 1.0 || t - e->last_bar < 0.1)
		return;
	e->last_bar = t;
	rate = e->finished / secs;
	fprintf(stderr,
		"\r\033[K%lu/%lu seeds, %.0f/s, %u distinct interleavings, "
		"%d failed, ETA %.0f s",
		e->finished, e->total, rate, g_hash_table_size(e->hashes),
		e->failures, rate > 0 ? left / rate : 0.0);
	fflush(stderr);
}

const char *cli_status_text(int status)
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

/* A JSON string: quotes, backslashes and control characters escaped. */
static void json_string(GString *out, const char *s, gsize len)
{
	gsize i;

	g_string_append_c(out, '"');
	for (i = 0; i < len; i++) {
		unsigned char ch = s[i];

		if (ch == '"' || ch == '\\')
			g_string_append_printf(out, "\\%c", ch);
		else if (ch == '\n')
			g_string_append(out, "\\n");
		else if (ch < 0x20 || ch == 0x7f)
			g_string_append_printf(out, "\\u%04x", ch);
		else
			g_string_append_c(out, ch);
	}
	g_string_append_c(out, '"');
}

static void result_line(struct explore *e, unsigned long long seed, int status,
			unsigned long long hash, int have_hash, const char *msg,
			gsize msg_len)
{
	g_autoptr(GString) line = g_string_new(NULL);

	if (!e->results)
		return;
	g_string_append_printf(line, "{\"seed\":%llu,\"status\":%d", seed,
			       status);
	if (have_hash)
		g_string_append_printf(line, ",\"hash\":\"%016llx\"", hash);
	if (msg) {
		g_string_append(line, ",\"message\":");
		json_string(line, msg, msg_len);
	}
	g_string_append(line, "}\n");
	fputs(line->str, e->results);
}

/* What a failed seed prints: its status, the first one's say, the replay. */
static void print_failure(const char *file, unsigned long long seed, int status,
			  const char *msg, gsize len)
{
	g_autofree gchar *replay = cli_replay_command(file, seed);

	printf("seed %llu: %s (exit %d)\n", seed, cli_status_text(status),
	       status);
	if (msg)
		fwrite(msg, 1, len, stdout);
	printf("replay: %s\n", replay);
	fflush(stdout);
}

static gchar *read_messages(int fd, gsize max, gsize *len)
{
	GString *s = g_string_new(NULL);
	char buf[4096];
	off_t off = 0;
	ssize_t n;

	while (s->len < max && (n = pread(fd, buf, sizeof(buf), off)) > 0) {
		g_string_append_len(s, buf, MIN((gsize)n, max - s->len));
		off += n;
	}
	*len = s->len;
	return g_string_free(s, FALSE);
}

/* A child is done: collect its hash, status and, if it failed, its say. */
static void collect(struct explore *e, struct child *c, int wstatus)
{
	unsigned long long hash = 0;
	g_autofree gchar *msg = NULL;
	gsize len = 0;
	int status, have_hash;

	if (WIFEXITED(wstatus))
		status = WEXITSTATUS(wstatus);
	else
		status = MMSIM_EXIT_SIMULATOR;
	have_hash = read(c->hash_fd, &hash, sizeof(hash)) == sizeof(hash);
	if (have_hash) {
		unsigned long long *key = g_new(unsigned long long, 1);

		*key = hash;
		/* A set: an equal key already there is replaced and freed. */
		g_hash_table_add(e->hashes, key);
	}
	close(c->hash_fd);
	e->finished++;
	if (status != MMSIM_EXIT_OK) {
		msg = read_messages(c->msg_fd, MSG_MAX, &len);
		e->failures++;
		if (e->failures == 1 || c->seed < e->first_seed) {
			e->first_status = status;
			e->first_seed = c->seed;
		}
		if (!e->quiet) {
			clear_progress(e);
			/* The first failure's own words, then the replay. */
			print_failure(e->file, c->seed, status,
				      e->failures == 1 ? msg : NULL, len);
		}
	}
	result_line(e, c->seed, status, hash, have_hash, msg, len);
	close(c->msg_fd);
}

/*
 * Launch and collect until every seed ran or a failure stops it.
 * Returns 1 in a child, with e->seed its seed; 0 when done, -1 when a
 * child could not be started.
 */
static int explore_loop(struct explore *e)
{
	unsigned long long seed;
	long i;

	e->kids = g_new0(struct child, e->jobs);
	e->start = now_s();
	for (;;) {
		int wstatus;
		pid_t pid;

		/* Launch while there is room and no reason to stop. */
		while (e->running < e->jobs &&
		       (e->keep_going || !e->failures) && next_seed(e, &seed)) {
			int r;

			for (i = 0; i < e->jobs && e->kids[i].pid; i++)
				;
			r = launch(e, &e->kids[i], seed);
			if (r == 1) {
				child_setup(e, seed);
				return 1;
			}
			if (r < 0) {
				clear_progress(e);
				fprintf(stderr,
					"mmsim explore: cannot start a "
					"child: %s\n",
					strerror(errno));
				return -1;
			}
			e->running++;
		}
		if (!e->running)
			break;
		pid = waitpid(-1, &wstatus, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < e->jobs && e->kids[i].pid != pid; i++)
			;
		if (i == e->jobs)
			continue;
		collect(e, &e->kids[i], wstatus);
		e->kids[i].pid = 0;
		e->running--;
		progress(e);
	}
	clear_progress(e);
	return 0;
}

/* The summary line, and the first failure's replay. */
static void print_summary(const char *file, unsigned long schedules,
			  double secs, unsigned int distinct, int failures,
			  unsigned long long first_seed)
{
	printf("schedules=%lu seconds=%.2f schedules_per_s=%.1f "
	       "distinct_interleavings=%u failures=%d\n",
	       schedules, secs, schedules / MAX(secs, 1e-9), distinct,
	       failures);
	if (failures) {
		g_autofree gchar *replay = cli_replay_command(file, first_seed);

		printf("first failing seed: %llu; replay: %s\n", first_seed,
		       replay);
	}
	fflush(stdout);
}

static int finish(struct explore *e)
{
	double secs = now_s() - e->start;

	if (e->results) {
		g_autoptr(GString) file = g_string_new(NULL);

		json_string(file, e->file, strlen(e->file));
		fprintf(e->results,
			"{\"summary\":{\"file\":%s,\"shard\":\"%lu/%lu\","
			"\"seeds\":\"%llu..%llu\",\"schedules\":%lu,"
			"\"seconds\":%.3f}}\n",
			file->str, e->shard_k, e->shard_n, e->a, e->b,
			e->finished, secs);
		fflush(e->results);
	}
	if (!e->quiet)
		print_summary(e->file, e->finished, secs,
			      g_hash_table_size(e->hashes), e->failures,
			      e->first_seed);
	return e->failures ? e->first_status : MMSIM_EXIT_OK;
}

/* ---- the server ----------------------------------------------------------- */

static double bench_fork_rate;

/*
 * The floor of a schedule here: the server forks a child that exits at
 * once, and waits for it.  Measured at the fork point, in the process
 * every schedule is forked from.
 */
static void bench_floor(struct explore *e)
{
	double t0 = now_s();
	long i;

	for (i = 0; i < e->bench_forks; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, NULL, 0) < 0) {
			fprintf(stderr, "mmsim bench explore: fork: %s\n",
				strerror(errno));
			_exit(MMSIM_EXIT_SIMULATOR);
		}
	}
	bench_fork_rate = e->bench_forks / MAX(now_s() - t0, 1e-9);
}

static int bench_report(struct explore *e)
{
	double secs = now_s() - e->start;
	double rate = e->finished / MAX(secs, 1e-9);

	printf("schedules=%lu\nseconds=%.2f\nschedules_per_s=%.0f\n"
	       "distinct_interleavings=%u\nfailures=%d\n"
	       "fork_exit_wait_per_s=%.0f\nratio_to_fork=%.3f\n"
	       "setup_once_us=%.0f\nus_per_schedule=%.1f\n"
	       "us_per_fork_exit_wait=%.1f\n",
	       e->finished, secs, rate, g_hash_table_size(e->hashes),
	       e->failures, bench_fork_rate, rate / bench_fork_rate,
	       e->setup_secs * 1e6, 1e6 / rate, 1e6 / bench_fork_rate);
	fflush(stdout);
	return e->failures ? MMSIM_EXIT_KERNEL : MMSIM_EXIT_OK;
}

/*
 * The fork point, in the server: the setup is behind.  Tell the explorer,
 * give the output back, and fork the seeds from here; a child returns its
 * seed into the scenario, the server never returns.
 */
static unsigned long long server_fork_point(void *arg)
{
	struct explore *e = arg;
	char ready = 1;
	int ret;

	e->setup_secs = now_s() - e->setup_start;
	fflush(stdout);
	fflush(stderr);
	/*
	 * The setup said something (an expectation failed, a warning): its
	 * words name the server's seed, so let every seed boot and say its
	 * own.
	 */
	if (e->setup_msg_fd >= 0 && lseek(e->setup_msg_fd, 0, SEEK_END) > 0)
		_exit(MMSIM_EXIT_OK);
	dup2(e->saved_out, 1);
	dup2(e->saved_err, 2);
	if (write(e->ready_fd, &ready, 1) != 1)
		_exit(MMSIM_EXIT_SIMULATOR);
	close(e->ready_fd);
	/*
	 * Ready to fork once for all: the server runs no task and no RCU
	 * until it exits, so the engine's locks and liburcu's call_rcu
	 * threads stay as the fork wants them (each child takes them back).
	 */
	sim_engine_before_fork();
	e->prepared = 1;
	if (e->bench_forks)
		bench_floor(e);
	switch (explore_loop(e)) {
	case 1:
		return e->seed;
	case 0:
		ret = e->bench_forks ? bench_report(e) : finish(e);
		break;
	default:
		ret = MMSIM_EXIT_SIMULATOR;
	}
	fflush(stdout);
	if (__gcov_dump)
		__gcov_dump();
	_exit(ret);
}

/* The server child: the setup, quietly, up to the fork point. */
static G_GNUC_NORETURN void server_main(struct explore *e, int ready_fd)
{
	int devnull = open("/dev/null", O_WRONLY);
	int status;

	e->ready_fd = ready_fd;
	e->setup_start = now_s();
	e->saved_out = dup(1);
	e->saved_err = dup(2);
	e->setup_msg_fd = memfd_create("mmsim-setup", MFD_CLOEXEC);
	if (devnull >= 0)
		dup2(devnull, 1);
	if (e->setup_msg_fd >= 0)
		dup2(e->setup_msg_fd, 2);
	e->opts.fork_point = server_fork_point;
	e->opts.fork_arg = e;
	child_setup(e, e->a);
	status = sc_run(e->scn, &e->opts);
	/* Only a child of the server gets here. */
	child_finish(e, status);
}

/*
 * Explore with a server: 1 when the server ran the exploration (its
 * status in *status), 0 when it died in the setup.
 */
static int explore_with_server(struct explore *e, int *status)
{
	int fds[2], wstatus;
	char ready = 0;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return 0;
	fflush(NULL);
	sim_engine_before_fork();
	pid = fork();
	if (pid == 0) {
		sim_engine_after_fork_child();
		close(fds[0]);
		server_main(e, fds[1]);
	}
	sim_engine_after_fork_parent();
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return 0;
	}
	while (read(fds[0], &ready, 1) < 0 && errno == EINTR)
		;
	close(fds[0]);
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	if (!ready)
		return 0;
	*status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
				     : MMSIM_EXIT_SIMULATOR;
	return 1;
}

static int explore_run(struct explore *e)
{
	int status;

	e->hashes = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
					  NULL);
	e->next = e->a + e->shard_k - 1;
	e->total = e->next < e->b ? (e->b - e->next - 1) / e->shard_n + 1 : 0;
	e->setup_msg_fd = -1;
	e->opts.seeded = 1;
	e->opts.steps = e->steps;
	e->opts.quiet = 1;
	e->opts.out = stdout;
	e->opts.err = stderr;
	if (e->total && sim_engine_can_fork_tasks() &&
	    explore_with_server(e, &status))
		return status;
	/* Every child boots, runs the whole scenario and reports. */
	switch (explore_loop(e)) {
	case 1:
		child_finish(e, sc_run(e->scn, &e->opts));
	case 0:
		return finish(e);
	default:
		return MMSIM_EXIT_SIMULATOR;
	}
}

static void explore_free(struct explore *e)
{
	if (e->results)
		fclose(e->results);
	g_free(e->kids);
	if (e->hashes)
		g_hash_table_unref(e->hashes);
	sc_free(e->scn);
}

/* ---- mmsim explore --------------------------------------------------------- */

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

/* K/N with 1 <= K <= N <= 1,000,000. */
static gboolean parse_shard(const char *text, unsigned long *k,
			    unsigned long *n)
{
	g_auto(GStrv) parts = g_strsplit(text, "/", 2);
	guint64 x, y;

	if (!parts[0] || !parts[1] ||
	    !g_ascii_string_to_unsigned(parts[0], 10, 1, 1000000, &x, NULL) ||
	    !g_ascii_string_to_unsigned(parts[1], 10, 1, 1000000, &y, NULL) ||
	    x > y)
		return FALSE;
	*k = x;
	*n = y;
	return TRUE;
}

static const char explore_description[] =
	"Runs the scenario once per seed in [A, B) - A..B is half-open, as\n"
	"ranges are in scenarios: 0..1000 is 1000 seeds - each in a child\n"
	"process of its own, in seeded mode and quietly.  The setup (boot and\n"
	"the statements before the first spawn, probe or run) is the same\n"
	"for every seed, so it runs once and each child is forked from there.\n"
	"Stops at the first seed whose run fails (unless --keep-going) and\n"
	"prints its messages and the command that replays it.  On a terminal\n"
	"a progress line shows on stderr after a second.  Ends with one line:\n"
	"\n"
	"  schedules=N seconds=S schedules_per_s=R distinct_interleavings=K "
	"failures=F\n"
	"\n"
	"where K counts the distinct schedule hashes the runs reported.\n"
	"\n"
	"--shard K/N runs the seeds A+K-1, A+K-1+N, A+K-1+2N ... of the range\n"
	"(N shards together run every seed once); --results FILE writes a\n"
	"JSON line per seed (seed, status, hash, a failure's message) and a\n"
	"summary line, which `mmsim explore-merge` combines.\n"
	"\n"
	"Examples:\n"
	"  mmsim explore scenarios/08-explore-schedule-dependent.mmsim "
	"--seeds 0..100\n"
	"  mmsim explore scenarios/17-truncate-vs-migration.mmsim --seeds "
	"0..1000 -k \\\n"
	"      --shard 2/4 --results shard-2.jsonl\n"
	"\n"
	"Exit status: 0 every seed passed, else the first failure's status.";

int mmsim_cmd_explore(int argc, char **argv)
{
	gchar *seeds_text = NULL, *jobs_text = NULL, *steps_text = NULL;
	gchar *shard_text = NULL, *results_name = NULL;
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
		{"shard", 0, 0, G_OPTION_ARG_STRING, &shard_text,
		 "Run the K-th of N disjoint parts of the seeds", "K/N"},
		{"results", 0, 0, G_OPTION_ARG_FILENAME, &results_name,
		 "Write a JSON line per seed (for explore-merge)", "FILE"},
		CLI_DETECT_OPTION,
		CLI_CHECK_EVERY_OPTION,
		CLI_STRATEGY_OPTIONS,
		{NULL}};
	g_autoptr(GOptionContext) ctx = g_option_context_new("FILE");
	g_autoptr(GError) error = NULL;
	struct explore e = {.shard_k = 1, .shard_n = 1, .jobs = 1};
	long steps = 0;
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
	if (!parse_seeds(seeds_text, &e.a, &e.b)) {
		cli_usage_error("explore",
				"--seeds: expected A..B with A < B "
				"(or one seed), got '%s'",
				seeds_text);
		goto out;
	}
	if (jobs_text && !cli_parse_int(jobs_text, 1, 256, &e.jobs, &error)) {
		cli_usage_error("explore", "--jobs: %s", error->message);
		goto out;
	}
	if (steps_text &&
	    !cli_parse_int(steps_text, 1, G_MAXLONG, &steps, &error)) {
		cli_usage_error("explore", "--steps: %s", error->message);
		goto out;
	}
	if (shard_text && !parse_shard(shard_text, &e.shard_k, &e.shard_n)) {
		cli_usage_error("explore",
				"--shard: expected K/N with 1 <= K <= N "
				"(e.g. 2/4), got '%s'",
				shard_text);
		goto out;
	}
	if ((e.b - e.a) / (shard_text ? e.shard_n : 1) > EXPLORE_MAX_SEEDS) {
		cli_usage_error("explore",
				"--seeds: %llu seeds, more than %llu in one "
				"run (split the range into runs or shards)",
				(unsigned long long)(e.b - e.a),
				(unsigned long long)EXPLORE_MAX_SEEDS);
		goto out;
	}

	sim_engine_init(0);
	e.file = argv[1];
	e.scn = cli_load_scenario("explore", argv[1]);
	if (!e.scn)
		goto out;
	/* Only now: a scenario that does not parse leaves no file behind. */
	if (results_name) {
		e.results = fopen(results_name, "w");
		if (!e.results) {
			cli_usage_error("explore", "--results: %s: %s",
					results_name, strerror(errno));
			goto out;
		}
	}
	if (cli_strategy_bound() >= 0) {
		/* A walk of the schedule space, one schedule at a time. */
		ret = cli_explore_bounded(e.file, e.scn, e.a, e.b, keep_going,
					  steps);
		goto out;
	}
	e.steps = steps;
	e.keep_going = keep_going;
	e.tty = isatty(2);
	ret = explore_run(&e);
out:
	explore_free(&e);
	g_free(seeds_text);
	g_free(jobs_text);
	g_free(steps_text);
	g_free(shard_text);
	g_free(results_name);
	return ret;
}

/* ---- mmsim explore-merge ---------------------------------------------------- */

struct merged_seed {
	unsigned long long seed;
	int status;
	char *message; /* a failure's, or NULL */
};

struct merge {
	GArray *seeds; /* struct merged_seed */
	GHashTable *hashes;
	GHashTable *seen; /* seed -> file name, for duplicates */
	char *file; /* the scenario, from the summaries */
	unsigned long schedules;
	double seconds;
};

/* The text after "key": in a results line, or NULL. */
static const char *json_field(const char *line, const char *key)
{
	g_autofree gchar *pat = g_strdup_printf("\"%s\":", key);
	const char *p = strstr(line, pat);

	return p ? p + strlen(pat) : NULL;
}

static gboolean json_u64(const char *line, const char *key, guint64 *v)
{
	const char *p = json_field(line, key);
	char *end;

	if (!p || !g_ascii_isdigit(*p))
		return FALSE;
	errno = 0;
	*v = g_ascii_strtoull(p, &end, 10);
	return !errno && end != p;
}

/* A JSON string value, unescaped (as json_string() writes them). */
static gchar *json_str(const char *line, const char *key)
{
	const char *p = json_field(line, key);
	GString *s;

	if (!p || *p != '"')
		return NULL;
	s = g_string_new(NULL);
	for (p++; *p && *p != '"'; p++) {
		if (*p != '\\') {
			g_string_append_c(s, *p);
			continue;
		}
		p++;
		if (*p == 'n')
			g_string_append_c(s, '\n');
		else if (*p == 'u' && g_ascii_isxdigit(p[1]) &&
			 g_ascii_isxdigit(p[2]) && g_ascii_isxdigit(p[3]) &&
			 g_ascii_isxdigit(p[4])) {
			char hex[5] = {p[1], p[2], p[3], p[4], 0};

			g_string_append_c(s, (char)strtol(hex, NULL, 16));
			p += 4;
		} else if (*p)
			g_string_append_c(s, *p);
		else
			break;
	}
	if (*p != '"') {
		g_string_free(s, TRUE);
		return NULL;
	}
	return g_string_free(s, FALSE);
}

static int merge_error(const char *name, unsigned long line, const char *why)
{
	return cli_usage_error("explore-merge", "%s:%lu: %s", name, line, why);
}

static int merge_summary(struct merge *m, const char *name,
			 unsigned long lineno, const char *line)
{
	g_autofree gchar *file = json_str(line, "file");
	const char *secs = json_field(line, "seconds");
	guint64 schedules;

	if (!file || !secs || !json_u64(line, "schedules", &schedules))
		return merge_error(name, lineno,
				   "a summary without file, "
				   "schedules or seconds");
	if (m->file && strcmp(m->file, file))
		return merge_error(name, lineno, "a shard of another scenario");
	if (!m->file)
		m->file = g_strdup(file);
	m->schedules += schedules;
	m->seconds = MAX(m->seconds, g_ascii_strtod(secs, NULL));
	return 0;
}

static int merge_seed(struct merge *m, const char *name, unsigned long lineno,
		      const char *line)
{
	g_autofree gchar *hash = json_str(line, "hash");
	struct merged_seed r = {0};
	guint64 seed, status;

	if (!json_u64(line, "seed", &seed) ||
	    !json_u64(line, "status", &status) || status > 255)
		return merge_error(name, lineno,
				   "not a result line (expected "
				   "{\"seed\":N,\"status\":S,...})");
	if (g_hash_table_contains(m->seen, &seed))
		return merge_error(name, lineno,
				   "a seed that another shard ran too");
	r.seed = seed;
	r.status = status;
	r.message = json_str(line, "message");
	g_hash_table_add(m->seen, g_memdup2(&r.seed, sizeof(r.seed)));
	if (hash)
		g_hash_table_add(m->hashes, g_steal_pointer(&hash));
	g_array_append_val(m->seeds, r);
	return 0;
}

/* A shard of a million seeds is about 100 MiB of JSON lines. */
#define SHARD_MAX_BYTES (256ul << 20)

static int merge_file(struct merge *m, const char *name)
{
	g_autofree gchar *text = NULL;
	g_auto(GStrv) lines = NULL;
	unsigned long i;
	int summaries = 0;
	gsize len;

	text = cli_read_bounded("explore-merge", name, SHARD_MAX_BYTES, &len);
	if (!text)
		return MMSIM_EXIT_USAGE;
	lines = g_strsplit(text, "\n", -1);
	for (i = 0; lines[i]; i++) {
		int r;

		if (!lines[i][0])
			continue;
		if (lines[i][0] != '{')
			return merge_error(name, i + 1, "not a JSON line");
		if (json_field(lines[i], "summary")) {
			r = merge_summary(m, name, i + 1, lines[i]);
			summaries++;
		} else {
			r = merge_seed(m, name, i + 1, lines[i]);
		}
		if (r)
			return r;
	}
	if (!summaries)
		return merge_error(name, i,
				   "no summary line (did that "
				   "explore finish?)");
	return 0;
}

static gint cmp_merged(gconstpointer a, gconstpointer b)
{
	const struct merged_seed *x = a, *y = b;

	return (x->seed > y->seed) - (x->seed < y->seed);
}

static const char merge_description[] =
	"Reads the --results files of explore shards and prints what one\n"
	"explore --keep-going over all their seeds prints: each failing seed\n"
	"in order, the first one's messages, the replay commands and the\n"
	"summary line (seconds: the slowest shard).  A seed in two files, or\n"
	"shards of different scenarios, is an error.\n"
	"\n"
	"Example, four shards with GNU parallel:\n"
	"  parallel mmsim explore FILE --seeds 0..10000 -k --shard {}/4 \\\n"
	"      --results shard-{}.jsonl ::: 1 2 3 4\n"
	"  mmsim explore-merge shard-*.jsonl\n"
	"\n"
	"Exit status: 0 every seed passed, else the first failure's status.";

int mmsim_cmd_explore_merge(int argc, char **argv)
{
	g_autoptr(GOptionContext) ctx = g_option_context_new("RESULTS...");
	g_autoptr(GError) error = NULL;
	struct merge m = {0};
	int ret = MMSIM_EXIT_USAGE, failures = 0, i, first_status = 0;
	unsigned long long first_seed = 0;
	guint k;

	g_set_prgname("mmsim explore-merge");
	g_option_context_set_summary(ctx, "Merge the results of explore "
					  "shards into one exploration's.");
	g_option_context_set_description(ctx, merge_description);
	if (!g_option_context_parse(ctx, &argc, &argv, &error))
		return cli_usage_error("explore-merge", "%s", error->message);
	if (argc < 2)
		return cli_usage_error("explore-merge",
				       "no results file (mmsim explore-merge "
				       "shard-1.jsonl shard-2.jsonl ...)");
	m.seeds = g_array_new(FALSE, TRUE, sizeof(struct merged_seed));
	m.hashes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	m.seen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
				       NULL);
	for (i = 1; i < argc; i++)
		if (merge_file(&m, argv[i]))
			goto out;
	g_array_sort(m.seeds, cmp_merged);
	for (k = 0; k < m.seeds->len; k++) {
		struct merged_seed *r =
			&g_array_index(m.seeds, struct merged_seed, k);

		if (!r->status)
			continue;
		if (!failures++) {
			first_seed = r->seed;
			first_status = r->status;
		}
		print_failure(m.file, r->seed, r->status,
			      failures == 1 ? r->message : NULL,
			      r->message ? strlen(r->message) : 0);
	}
	print_summary(m.file, m.schedules, m.seconds,
		      g_hash_table_size(m.hashes), failures, first_seed);
	ret = failures ? first_status : MMSIM_EXIT_OK;
out:
	for (k = 0; k < m.seeds->len; k++)
		g_free(g_array_index(m.seeds, struct merged_seed, k).message);
	g_array_unref(m.seeds);
	g_hash_table_unref(m.hashes);
	g_hash_table_unref(m.seen);
	g_free(m.file);
	return ret;
}

/* ---- mmsim bench explore ---------------------------------------------------- */

/*
 * The small race: a writer and a reader (its fork child) on 8 shared
 * pages while a mover moves them, on 2 nodes of 16M.  Every schedule
 * passes: the benchmark measures exploring, not finding.
 */
static const char bench_race[] =
	"machine nodes=2 cpus=2 mem=16M\n"
	"task writer uid=1000\n"
	"task mover uid=0 caps=SYS_NICE\n"
	"writer: buf = mmap anon 8 pages rw shared\n"
	"writer: write buf fill=0\n"
	"writer: reader = fork\n"
	"spawn writer { write buf counter }\n"
	"spawn reader { read buf }\n"
	"spawn mover { st = move_pages writer buf to 1 flags=MOVE_ALL }\n"
	"join\n"
	"expect word(writer, buf) == 1\n";

int mmsim_bench_explore(int argc, char **argv)
{
	gchar *seeds_text = NULL, *jobs_text = NULL;
	GOptionEntry entries[] = {
		{"schedules", 0, 0, G_OPTION_ARG_STRING, &seeds_text,
		 "Schedules to explore (default 20000)", "N"},
		{"jobs", 'j', 0, G_OPTION_ARG_STRING, &jobs_text,
		 "Children at a time (default 1)", "N"},
		CLI_DETECT_OPTION,
		{NULL}};
	g_autoptr(GOptionContext) ctx = g_option_context_new(NULL);
	g_autoptr(GError) error = NULL;
	struct explore e = {.shard_k = 1, .shard_n = 1, .jobs = 1};
	long schedules = 20000;
	int ret = MMSIM_EXIT_USAGE;

	g_set_prgname("mmsim bench explore");
	g_option_context_set_summary(
		ctx, "Explore a built-in 8-page race (writer, reader, mover on "
		     "2 nodes) and, in the same run, fork+exit+waitpid from "
		     "the same process: schedules_per_s, fork_exit_wait_per_s "
		     "and their ratio.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		ret = cli_usage_error("bench explore", "%s", error->message);
		goto out;
	}
	if (argc > 1) {
		cli_usage_error("bench explore", "unexpected argument '%s'",
				argv[1]);
		goto out;
	}
	if (seeds_text &&
	    !cli_parse_int(seeds_text, 1, 100000000, &schedules, &error)) {
		cli_usage_error("bench explore", "--schedules: %s",
				error->message);
		goto out;
	}
	if (jobs_text && !cli_parse_int(jobs_text, 1, 256, &e.jobs, &error)) {
		cli_usage_error("bench explore", "--jobs: %s", error->message);
		goto out;
	}
	if (!sim_engine_can_fork_tasks()) {
		fprintf(stderr, "mmsim bench explore: tasks are threads here "
				"(MMSIM_SEEDED_THREADS or ThreadSanitizer): no "
				"fork server\n");
		ret = MMSIM_EXIT_SIMULATOR;
		goto out;
	}
	sim_engine_init(0);
	e.file = "bench-explore.mmsim";
	e.scn = sc_parse(e.file, bench_race, strlen(bench_race), stderr);
	if (!e.scn) {
		ret = MMSIM_EXIT_SIMULATOR;
		goto out;
	}
	e.a = 0;
	e.b = schedules;
	e.keep_going = 1;
	e.quiet = 1;
	e.bench_forks = MAX(schedules / 4, 100);
	ret = explore_run(&e); /* the server printed the figures */
out:
	explore_free(&e);
	g_free(seeds_text);
	g_free(jobs_text);
	return ret;
}
