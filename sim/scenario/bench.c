/*
 * sim/scenario/bench.c - `mmsim bench migrate`: migration throughput of
 * the seed's sys_move_pages, measured side by side with a plain loop that
 * copies the same number of 4 KiB pages with memcpy in the same process.
 *
 * Prints key=value lines.  Also shows a property of the 2006 code: the
 * seed's new_page_node() scans the page_to_node array linearly for every
 * page, so one call's cost grows with the square of its size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "cli.h"
#include "../engine/engine.h"

#define BENCH_PAGE 4096UL
#define PROT_RW 3 /* PROT_READ | PROT_WRITE */
#define MAP_PRIVATE_ANON 0x22 /* MAP_PRIVATE | MAP_ANONYMOUS */
#define MPOL_MF_MOVE 2

/* The arrays of move_pages calls of up to 'max' pages, in user memory. */
struct bench_arrays {
	unsigned long max;
	unsigned long pages, nodes, status;
	unsigned long *addrs; /* host copy of pages[] */
	int *node_vals;
};

static long bench_mmap(unsigned long bytes)
{
	return sim_syscall(SIM_NR_mmap, 0, bytes, PROT_RW, MAP_PRIVATE_ANON, -1,
			   0);
}

static int arrays_init(struct bench_arrays *a, unsigned long max)
{
	unsigned long bytes = max * (8 + 4 + 4);
	long base = bench_mmap((bytes + BENCH_PAGE - 1) & ~(BENCH_PAGE - 1));

	if (base < 0)
		return -1;
	a->max = max;
	a->pages = base;
	a->nodes = base + max * 8;
	a->status = a->nodes + max * 4;
	a->addrs = g_new0(unsigned long, max);
	a->node_vals = g_new0(int, max);
	return 0;
}

/* move pages [first, first+n) of the range at addr to node, in one call */
static long move_call(struct bench_arrays *a, unsigned long addr,
		      unsigned long first, unsigned long n, int node)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		a->addrs[i] = addr + (first + i) * BENCH_PAGE;
		a->node_vals[i] = node;
	}
	if (sim_user_write(a->pages, a->addrs, n * 8) ||
	    sim_user_write(a->nodes, a->node_vals, n * 4))
		return -14;
	return sim_syscall(SIM_NR_move_pages, 0, n, a->pages, a->nodes,
			   a->status, MPOL_MF_MOVE);
}

/* Move [first, first+n) in calls of batch pages; seconds, or < 0. */
static double move_range(struct bench_arrays *a, unsigned long addr,
			 unsigned long first, unsigned long n,
			 unsigned long batch, int node, long *failed)
{
	gint64 t0 = g_get_monotonic_time();
	unsigned long done;

	for (done = 0; done < n; done += batch) {
		unsigned long k = MIN(batch, n - done);
		long ret = move_call(a, addr, first + done, k, node);
		if (ret < 0)
			return -1;
		*failed += ret;
	}
	return (g_get_monotonic_time() - t0) / 1e6;
}

static double memcpy_pages(unsigned long n)
{
	char *src = g_malloc(n * BENCH_PAGE), *dst = g_malloc(n * BENCH_PAGE);
	unsigned long i;
	gint64 t0;
	double s;

	memset(src, 0x5a, n * BENCH_PAGE);
	memset(dst, 0, n * BENCH_PAGE);
	t0 = g_get_monotonic_time();
	for (i = 0; i < n; i++)
		memcpy(dst + i * BENCH_PAGE, src + i * BENCH_PAGE, BENCH_PAGE);
	s = (g_get_monotonic_time() - t0) / 1e6;
	/* keep the copy observable */
	if (dst[(n - 1) * BENCH_PAGE] != 0x5a)
		s = -1;
	g_free(src);
	g_free(dst);
	return s;
}

static int bench_migrate(int argc, char **argv)
{
	gint64 pages = 262144, batch = 512;
	GOptionEntry entries[] = {
		{"pages", 0, 0, G_OPTION_ARG_INT64, &pages,
		 "anonymous pages to move (default 262144 = 1 GiB)", "N"},
		{"batch", 0, 0, G_OPTION_ARG_INT64, &batch,
		 "pages per move_pages call (default 512)", "B"},
		{NULL}};
	g_autoptr(GOptionContext) ctx =
		g_option_context_new("- migration throughput");
	g_autoptr(GError) error = NULL;
	struct sim_machine_config cfg;
	struct sim_task_config tc = {.name = "bench", .cpu = 0};
	struct bench_arrays a;
	unsigned long n, big = 16384, i;
	unsigned long long node_mem;
	char err[256];
	long addr, failed = 0;
	double t_move, t_copy, t_single, t_batched;
	char *buf;
	int pid;

	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_summary(
		ctx,
		"Moves N anonymous pages from node 0 to node 1 with the "
		"seed's\n"
		"sys_move_pages in calls of B pages and, in the same run,\n"
		"copies N 4 KiB pages with memcpy.  Prints key=value lines.");
	if (!g_option_context_parse(ctx, &argc, &argv, &error))
		return cli_usage_error("bench migrate", "%s", error->message);
	if (pages < 1 || pages > (1 << 22))
		return cli_usage_error(
			"bench migrate",
			"--pages: must be between 1 and 4194304");
	if (batch < 1 || batch > pages)
		return cli_usage_error(
			"bench migrate",
			"--batch: must be between 1 and --pages");
	n = pages;
	if (big > n)
		big = n;

	/* room for the pages, their page tables and the arrays, per node */
	node_mem =
		((n * BENCH_PAGE * 9 / 8) + (64 << 20)) & ~((2ULL << 20) - 1);
	sim_engine_init(0);
	sim_machine_defaults(&cfg, 2, node_mem);
	/* time the kernel's work, not the host's first touch of fresh RAM */
	cfg.populate = 1;
	if (sim_kernel_boot(&cfg, err, sizeof(err))) {
		fprintf(stderr, "mmsim bench migrate: %s\n", err);
		return MMSIM_EXIT_SIMULATOR;
	}
	pid = sim_task_create(&tc, 0);
	if (pid < 0 || sim_task_enter(pid))
		return MMSIM_EXIT_SIMULATOR;
	addr = bench_mmap(n * BENCH_PAGE);
	if (addr < 0 || arrays_init(&a, MAX((unsigned long)batch, big)))
		return MMSIM_EXIT_SIMULATOR;

	/* fault every page in on node 0, each with its own contents */
	buf = g_malloc(BENCH_PAGE);
	for (i = 0; i < n; i++) {
		memset(buf, (int)(i & 0xff), BENCH_PAGE);
		if (sim_user_write(addr + i * BENCH_PAGE, buf, BENCH_PAGE))
			return MMSIM_EXIT_SIMULATOR;
	}

	t_move = move_range(&a, addr, 0, n, batch, 1, &failed);
	t_copy = memcpy_pages(n);
	/* the same pages back and forth: one big call, then 512-page calls */
	t_single = move_range(&a, addr, 0, big, big, 0, &failed);
	t_batched = move_range(&a, addr, 0, big, 512, 1, &failed);
	if (t_move <= 0 || t_copy <= 0 || t_single <= 0 || t_batched <= 0) {
		fprintf(stderr, "mmsim bench migrate: a move failed\n");
		return MMSIM_EXIT_SIMULATOR;
	}
	for (i = 0; i < n; i += 997) {
		if (sim_user_read(addr + i * BENCH_PAGE, buf, BENCH_PAGE) ||
		    buf[BENCH_PAGE - 1] != (char)(i & 0xff)) {
			fprintf(stderr,
				"mmsim bench migrate: page %lu "
				"corrupted\n",
				i);
			return MMSIM_EXIT_SIMULATOR;
		}
	}
	g_free(buf);

	printf("pages=%lu\nbatch=%ld\n", n, (long)batch);
	printf("not_migrated=%ld\n", failed);
	printf("seconds=%.3f\n", t_move);
	printf("pages_per_s=%.0f\n", n / t_move);
	printf("memcpy_seconds=%.3f\n", t_copy);
	printf("memcpy_pages_per_s=%.0f\n", n / t_copy);
	printf("ratio=%.3f\n", t_copy / t_move);
	printf("single_call_pages=%lu\n", big);
	printf("single_call_ns_per_page=%.0f\n", t_single * 1e9 / big);
	printf("batched_512_ns_per_page=%.0f\n", t_batched * 1e9 / big);
	printf("single_over_batched=%.2f\n", t_single / t_batched);
	return MMSIM_EXIT_OK;
}

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
		       "  migrate   move_pages throughput against memcpy\n"
		       "  radix     radix-tree RCU lookups against a writer\n"
		       "  switch    seeded-mode context switches per second\n");
		return argc < 2 ? MMSIM_EXIT_USAGE : MMSIM_EXIT_OK;
	}
	if (!strcmp(argv[1], "migrate"))
		return bench_migrate(argc - 1, argv + 1);
	if (!strcmp(argv[1], "switch"))
		return bench_switch(argc - 1, argv + 1);
	if (!strcmp(argv[1], "radix"))
		return mmsim_bench_radix(argc - 1, argv + 1);
	return cli_usage_error("bench", "unknown benchmark '%s'", argv[1]);
}
