/*
 * sim/scenario/run.c - mmsim run and mmsim replay: a scenario file once,
 * or once more with its trace.  explore is explore.c.
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

/* A scenario is text a person wrote: anything bigger is not one. */
#define SCENARIO_MAX_BYTES (16u << 20)

/*
 * The file's bytes, at most 'max' of them: a file, a pipe or a device
 * (/dev/zero) is read up to the bound and no further.  NULL after a
 * usage error naming the file.
 */
gchar *cli_read_bounded(const char *cmd, const char *file, gsize max,
			gsize *len)
{
	GString *buf;
	char chunk[65536];
	ssize_t n;
	int fd;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cli_usage_error(cmd, "%s: %s", file, strerror(errno));
		return NULL;
	}
	buf = g_string_new(NULL);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || buf->len + n > max)
			break;
		g_string_append_len(buf, chunk, n);
	}
	close(fd);
	if (n < 0) {
		cli_usage_error(cmd, "%s: %s", file, strerror(errno));
		g_string_free(buf, TRUE);
		return NULL;
	}
	if (n > 0) {
		cli_usage_error(cmd,
				"%s: more than %zu MiB, too big to be read",
				file, (size_t)(max >> 20));
		g_string_free(buf, TRUE);
		return NULL;
	}
	*len = buf->len;
	return g_string_free(buf, FALSE);
}

struct scenario *cli_load_scenario(const char *cmd, const char *file)
{
	g_autofree gchar *text = NULL;
	gsize len;

	text = cli_read_bounded(cmd, file, SCENARIO_MAX_BYTES, &len);
	if (!text)
		return NULL;
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

gchar *cli_replay_command(const char *file, unsigned long long seed)
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
	g_autofree gchar *replay = cli_replay_command(file, seed);
	struct scenario *scn;
	int ret;

	sim_engine_init(seed);
	scn = cli_load_scenario(cmd, file);
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
