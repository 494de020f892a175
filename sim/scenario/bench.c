/*
 * sim/scenario/bench.c - `mmsim bench`: the benchmarks' dispatch and
 * `mmsim bench switch`, seeded-mode context switches per second.
 * `bench migrate` is bench_migrate.c, `bench radix` bench_radix.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "cli.h"
#include "../engine/engine.h"

/* Seeded-mode context switches: the cost of one scheduling hand-off. */
static int bench_switch(int argc, char **argv)
{
	gint64 switches = 1000000;
	GOptionEntry entries[] = {{"switches", 0, 0, G_OPTION_ARG_INT64,
				   &switches,
				   "hand-offs to time (default 1000000)", "N"},
				  {NULL}};
	g_autoptr(GOptionContext) ctx =
		g_option_context_new("- seeded-mode context switches");
	g_autoptr(GError) error = NULL;
	double rate;

	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_summary(
		ctx,
		"Three tasks hand the run token round-robin in seeded mode\n"
		"(threads pinned to one CPU).  Prints key=value lines.");
	if (!g_option_context_parse(ctx, &argc, &argv, &error))
		return cli_usage_error("bench switch", "%s", error->message);
	if (switches < 1000)
		return cli_usage_error("bench switch",
				       "--switches: at least 1000");
	sim_engine_init(0);
	rate = sim_engine_bench_switch(switches);
	if (rate <= 0) {
		fprintf(stderr, "mmsim bench switch: the run failed\n");
		return MMSIM_EXIT_SIMULATOR;
	}
	printf("switches=%ld\nswitches_per_s=%.0f\nns_per_switch=%.0f\n",
	       (long)switches, rate, 1e9 / rate);
	return MMSIM_EXIT_OK;
}

int mmsim_cmd_bench(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		printf("Usage: mmsim bench WHAT [OPTIONS]\n\n"
		       "  explore   schedules per second against fork\n"
		       "  migrate   move_pages throughput against memcpy\n"
		       "  radix     radix-tree RCU lookups against a writer\n"
		       "  switch    seeded-mode context switches per second\n");
		return argc < 2 ? MMSIM_EXIT_USAGE : MMSIM_EXIT_OK;
	}
	if (!strcmp(argv[1], "explore"))
		return mmsim_bench_explore(argc - 1, argv + 1);
	if (!strcmp(argv[1], "migrate"))
		return mmsim_bench_migrate(argc - 1, argv + 1);
	if (!strcmp(argv[1], "switch"))
		return bench_switch(argc - 1, argv + 1);
	if (!strcmp(argv[1], "radix"))
		return mmsim_bench_radix(argc - 1, argv + 1);
	return cli_usage_error("bench", "unknown benchmark '%s'", argv[1]);
}
