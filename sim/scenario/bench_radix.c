/*
 * sim/scenario/bench_radix.c - `mmsim bench radix`: lockless lookups in
 * the kernel's radix tree (lib/radix-tree.c) under rcu_read_lock,
 * with 1 and then 2 reader threads, against one writer that inserts,
 * tags and deletes all the while (growing the tree from a direct root
 * pointer to height 11 and back).  The stress run of <sim/radix_test.h>,
 * in free mode on real threads; readers check every item they find.
 *
 * Prints key=value lines.  The machine has as many simulated CPUs as the
 * host lends threads: with 2 readers and a writer on a 2-core host the
 * three threads share the cores.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include <sim/radix_test.h>

#include "cli.h"
#include "../engine/engine.h"

struct radix_figures {
	double seconds;
	unsigned long lookups, hits, writer_ops, rounds, errors;
	char first_error[200];
};

static int radix_run(int readers, double secs, struct radix_figures *f)
{
	struct sim_radix_stress s = {
		.nr_readers = readers, .seed = 2007, .gang_every = 0};
	struct sim_radix_stress_run *run;
	gint64 t0, t1;
	int i;

	t0 = g_get_monotonic_time();
	run = sim_radix_stress_start(&s);
	if (!run)
		return -1;
	g_usleep((gulong)(secs * G_USEC_PER_SEC));
	t1 = g_get_monotonic_time();
	sim_radix_stress_stop(run);

	memset(f, 0, sizeof(*f));
	f->seconds = (t1 - t0) / 1e6;
	for (i = 0; i < readers; i++) {
		f->lookups += s.lookups[i];
		f->hits += s.hits[i];
	}
	f->writer_ops = s.writer_ops;
	f->rounds = s.rounds;
	f->errors = s.errors;
	g_strlcpy(f->first_error, s.first_error, sizeof(f->first_error));
	return 0;
}

int mmsim_bench_radix(int argc, char **argv)
{
	gdouble seconds = 2.0;
	GOptionEntry entries[] = {{"seconds", 0, 0, G_OPTION_ARG_DOUBLE,
				   &seconds, "length of each run (default 2)",
				   "S"},
				  {NULL}};
	g_autoptr(GOptionContext) ctx =
		g_option_context_new("- radix-tree RCU lookup throughput");
	g_autoptr(GError) error = NULL;
	struct sim_machine_config cfg;
	struct radix_figures one, two;
	char err[256];

	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_summary(
		ctx,
		"Runs the kernel's radix_tree_lookup under rcu_read_lock in "
		"1,\n"
		"then 2 reader threads for S seconds each, while one writer\n"
		"inserts, tags and deletes (tree heights 0 to 11).  Prints\n"
		"key=value lines.");
	if (!g_option_context_parse(ctx, &argc, &argv, &error))
		return cli_usage_error("bench radix", "%s", error->message);
	if (seconds < 0.1 || seconds > 3600)
		return cli_usage_error(
			"bench radix",
			"--seconds: must be between 0.1 and 3600");

	sim_engine_init(0);
	sim_machine_defaults(&cfg, 2, 64ULL << 20);
	if (sim_kernel_boot(&cfg, err, sizeof(err))) {
		fprintf(stderr, "mmsim bench radix: %s\n", err);
		return MMSIM_EXIT_SIMULATOR;
	}
	if (radix_run(1, seconds, &one) || radix_run(2, seconds, &two)) {
		fprintf(stderr,
			"mmsim bench radix: cannot start the threads\n");
		return MMSIM_EXIT_SIMULATOR;
	}
	if (one.errors || two.errors) {
		fprintf(stderr, "mmsim bench radix: %lu reader errors: %s\n",
			one.errors + two.errors,
			one.errors ? one.first_error : two.first_error);
		return MMSIM_EXIT_KERNEL;
	}

	printf("seconds=%.3f\n", seconds);
	printf("readers_1_lookups_per_s=%.0f\n", one.lookups / one.seconds);
	printf("readers_1_hit_ratio=%.3f\n",
	       one.lookups ? (double)one.hits / one.lookups : 0.0);
	printf("readers_1_writer_ops_per_s=%.0f\n",
	       one.writer_ops / one.seconds);
	printf("readers_2_lookups_per_s=%.0f\n", two.lookups / two.seconds);
	printf("readers_2_hit_ratio=%.3f\n",
	       two.lookups ? (double)two.hits / two.lookups : 0.0);
	printf("readers_2_writer_ops_per_s=%.0f\n",
	       two.writer_ops / two.seconds);
	printf("writer_ops_per_s=%.0f\n",
	       (one.writer_ops + two.writer_ops) / (one.seconds + two.seconds));
	printf("writer_rounds=%lu\n", one.rounds + two.rounds);
	printf("reader_errors=0\n");
	return MMSIM_EXIT_OK;
}
