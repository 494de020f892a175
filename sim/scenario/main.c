/*
 * sim/scenario/main.c - mmsim COMMAND [OPTIONS]: find the command in the
 * table and hand it the rest of the command line.
 *
 * A new command is one line in commands[] and one handler, in a file of
 * its own, declared in cli.h.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "cli.h"

static const struct mmsim_command commands[] = {
	{"boot", "boot a NUMA machine and print its /proc files",
	 mmsim_cmd_boot},
	{"bench", "benchmarks: explore, migrate, radix, switch",
	 mmsim_cmd_bench},
	{"run", "run a scenario file: its tasks, probes and expectations",
	 mmsim_cmd_run},
	{"explore", "run a scenario under many seeds, find failing schedules",
	 mmsim_cmd_explore},
	{"explore-merge", "merge the results of explore shards into one run's",
	 mmsim_cmd_explore_merge},
	{"replay", "run a scenario again with one seed, with its trace",
	 mmsim_cmd_replay},
	{"minimize", "shrink a failing seed into a regression scenario",
	 mmsim_cmd_minimize},
};

static const struct mmsim_command *find_command(const char *name)
{
	gsize i;

	for (i = 0; i < G_N_ELEMENTS(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void print_usage(FILE *f)
{
	gsize i;

	fprintf(f, "Usage: mmsim COMMAND [OPTIONS]\n"
		   "\n"
		   "The Linux 2.6.20 memory-management subsystem, simulated "
		   "in one process.\n"
		   "\n"
		   "Commands:\n");
	for (i = 0; i < G_N_ELEMENTS(commands); i++)
		fprintf(f, "  %-13s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(f, "\n"
		   "'mmsim COMMAND --help' or 'mmsim help COMMAND' explains "
		   "a command's options.\n"
		   "Exit status: 0 ok, 1 an expectation failed, 2 usage "
		   "error,\n"
		   "3 the simulated kernel misbehaved, 4 the simulator "
		   "failed.\n");
}

static gboolean is_help(const char *arg)
{
	return !strcmp(arg, "--help") || !strcmp(arg, "-h") ||
	       !strcmp(arg, "help");
}

int main(int argc, char **argv)
{
	const struct mmsim_command *cmd;

	/* GLib's help output is UTF-8; let it convert for the terminal. */
	setlocale(LC_CTYPE, "");
	g_set_prgname("mmsim");

	if (argc < 2) {
		print_usage(stderr);
		return MMSIM_EXIT_USAGE;
	}
	if (is_help(argv[1])) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			/* mmsim help boot == mmsim boot --help */
			char *help_argv[] = {argv[2], "--help", NULL};

			cmd = find_command(argv[2]);
			if (!cmd) {
				fprintf(stderr,
					"mmsim: unknown command '%s' (see "
					"'mmsim --help')\n",
					argv[2]);
				return MMSIM_EXIT_USAGE;
			}
			return cmd->handler(2, help_argv);
		}
		print_usage(stdout);
		return MMSIM_EXIT_OK;
	}
	if (argv[1][0] == '-') {
		fprintf(stderr,
			"mmsim: unknown option '%s' (see 'mmsim "
			"--help')\n",
			argv[1]);
		return MMSIM_EXIT_USAGE;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr,
			"mmsim: unknown command '%s' (see 'mmsim "
			"--help')\n",
			argv[1]);
		return MMSIM_EXIT_USAGE;
	}
	return cmd->handler(argc - 1, argv + 1);
}
