/*
 * sim/scenario/cli.h - the mmsim command line: the command table, exit
 * statuses and the argument parsers the commands share.
 *
 * Host world: GLib and libc.  The kernel is reached only through
 * <sim/kernel.h>, the engine through "../engine/engine.h".
 */
#ifndef _MMSIM_CLI_H
#define _MMSIM_CLI_H

#include <glib.h>

#include <sim/kernel.h>

/*
 * Exit statuses of every command (the README lists them).  3 and 4 are
 * the engine's SIM_EXIT_KERNEL and SIM_EXIT_SIMULATOR: an oops caught by
 * the engine exits with them directly.
 */
enum mmsim_exit {
	MMSIM_EXIT_OK = 0, /* all went well */
	MMSIM_EXIT_EXPECT = 1, /* an expectation failed */
	MMSIM_EXIT_USAGE = 2, /* usage or parse error */
	MMSIM_EXIT_KERNEL = 3, /* the simulated kernel misbehaved */
	MMSIM_EXIT_SIMULATOR = 4, /* the simulator itself failed */
};

/*
 * One subcommand.  handler() gets argv with argv[0] the command's name
 * ("boot") and returns an exit status.
 */
struct mmsim_command {
	const char *name;
	const char *summary;
	int (*handler)(int argc, char **argv);
};

/* The commands, one file each. */
int mmsim_cmd_boot(int argc, char **argv);
int mmsim_cmd_bench(int argc, char **argv);
/* `mmsim bench migrate` (bench_migrate.c), dispatched by mmsim_cmd_bench. */
int mmsim_bench_migrate(int argc, char **argv);
/* `mmsim bench radix` (bench_radix.c), dispatched by mmsim_cmd_bench. */
int mmsim_bench_radix(int argc, char **argv);
int mmsim_cmd_run(int argc, char **argv);
int mmsim_cmd_explore(int argc, char **argv);
int mmsim_cmd_explore_merge(int argc, char **argv);
int mmsim_bench_explore(int argc, char **argv);
int mmsim_cmd_replay(int argc, char **argv);

/*
 * Print "mmsim CMD: MESSAGE" as one line on stderr and return
 * MMSIM_EXIT_USAGE, so a handler can say: return cli_usage_error(...).
 */
int cli_usage_error(const char *cmd, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/*
 * The parsers fill *error with a message that does not name the option
 * (the caller prefixes "--mem: " or the scenario's FILE:LINE:COL).
 */

/* Read and parse FILE; prints the error and returns NULL on failure. */
struct scenario;
struct scenario *cli_load_scenario(const char *cmd, const char *file);
/* A file's bytes, refused (usage error, NULL) past 'max'. */
gchar *cli_read_bounded(const char *cmd, const char *file, gsize max,
			gsize *len);

/* "mmsim replay FILE --seed N ...", quoted for a shell. */
gchar *cli_replay_command(const char *file, unsigned long long seed);

/* A decimal integer in [min, max]. */
gboolean cli_parse_int(const char *text, long min, long max, long *out,
		       GError **error);

/*
 * A size in bytes: a plain count, or a count with a binary suffix
 * K, M, G, T or KiB, MiB, GiB, TiB (4G = 4 GiB).  Page alignment is the
 * caller's business.
 */
gboolean cli_parse_size(const char *text, unsigned long long *out,
			GError **error);

/*
 * A SLIT distance table for nr_nodes nodes: rows separated by ';',
 * entries by ',' or blanks ("10,20;20,10"), nr_nodes rows of nr_nodes
 * entries, 10 on the diagonal and 11 to 254 elsewhere.  Errors name
 * the row and column, counting from 1.
 */
gboolean cli_parse_distance(const char *text, int nr_nodes,
			    unsigned char dist[SIM_MAX_NODES][SIM_MAX_NODES],
			    GError **error);

/*
 * --detect LIST (detect.c), an entry of run's, replay's and explore's
 * option tables: switches the named detectors on in the engine at once.
 * cli_detect_replay_args() is what the replay command needs to add
 * (" --detect kasan"), or "".
 */
gboolean cli_detect_option(const gchar *option, const gchar *value,
			   gpointer data, GError **error);
const char *cli_detect_replay_args(void);
/* An option's part of the replay command (" --check-every 5"). */
void cli_replay_args_add(const char *args);
/* --check-every N (check_every.c): the invariant checker mid-run. */
gboolean cli_check_every_option(const gchar *option, const gchar *value,
				gpointer data, GError **error);
#define CLI_CHECK_EVERY_OPTION                                                \
	{                                                                     \
		"check-every", 0, 0, G_OPTION_ARG_CALLBACK,                   \
			(void *)cli_check_every_option,                       \
			"Run the invariant checker at the first point after " \
			"every N-th "                                         \
			"step where no task is inside the kernel (seeded "    \
			"mode)",                                              \
			"N"                                                   \
	}
#define CLI_DETECT_OPTION                                                   \
	{                                                                   \
		"detect", 0, 0, G_OPTION_ARG_CALLBACK,                      \
			(void *)cli_detect_option,                          \
			"Switch detectors on: kasan (slab use-after-free, " \
			"double free), lockdep (lock order), kcsan (data "  \
			"races)",                                           \
			"LIST"                                              \
	}

/* explore.c: what an exit status means ("the simulated kernel misbehaved"). */
const char *cli_status_text(int status);

/*
 * --strategy and --schedule (strategy_opt.c), entries of run's, replay's
 * and explore's option tables.  cli_strategy_bound() is K of
 * preempt-bound:K, or -1; cli_strategy_prepare() turns run's or
 * replay's seed into that schedule; cli_explore_bounded() is explore's
 * walk of the space (explore_bound.c).
 */
gboolean cli_strategy_option(const gchar *option, const gchar *value,
			     gpointer data, GError **error);
gboolean cli_schedule_option(const gchar *option, const gchar *value,
			     gpointer data, GError **error);
int cli_strategy_bound(void);
int cli_strategy_prepare(const char *cmd, struct scenario *scn,
			 unsigned long long seed, unsigned long steps);
gchar *cli_schedule_text(const GArray *forced);
int cli_explore_bounded(const char *file, struct scenario *scn,
			unsigned long long a, unsigned long long b,
			int keep_going, unsigned long steps);
int mmsim_cmd_minimize(int argc, char **argv);
#define CLI_STRATEGY_OPTIONS                                                 \
	{"strategy",                                                         \
	 0,                                                                  \
	 0,                                                                  \
	 G_OPTION_ARG_CALLBACK,                                              \
	 (void *)cli_strategy_option,                                        \
	 "Seeded scheduling strategy: pct[:DEPTH] (default, DEPTH 3), "      \
	 "random, or preempt-bound:K (every schedule with at most K "        \
	 "preemptions; the seed numbers the schedule)",                      \
	 "S"},                                                               \
	{                                                                    \
		"schedule", 0, 0, G_OPTION_ARG_CALLBACK,                     \
			(void *)cli_schedule_option,                         \
			"Force the schedule: at step STEP run TASK (a comm " \
			"or pid), no preemption in between",                 \
			"STEP:TASK,..."                                      \
	}

#define CLI_ERROR (cli_error_quark())
GQuark cli_error_quark(void);

#endif /* _MMSIM_CLI_H */
