/*
 * sim/scenario/bench_migrate.c - `mmsim bench migrate`: migration
 * throughput of the seed's sys_move_pages, side by side with a plain loop
 * that copies the same number of 4 KiB pages with memcpy, and where the
 * time goes.
 *
 * Setup is outside every timed part: the machine boots with its RAM
 * populated (both nodes faulted in on the host), the pages are faulted in
 * on node 0 with contents of their own, and the move_pages argument arrays
 * are faulted in before the first call.
 *
 * Passes, all on the same pages, in seeded mode unless said otherwise:
 *  1. timed: node 0 -> 1 in calls of B pages (pages_per_s, ratio);
 *  2. free mode, 1 -> 0: the same work without the seeded scheduler's
 *     scheduling points and probe hooks; the difference is the engine's
 *     bookkeeping (tracing is off in both), shown per scheduling point
 *     too (sim_engine_steps() over pass 1);
 *  3. profiled, 0 -> 1: in every other call a probe handler timestamps
 *     (rdtsc) the entry and exit of every function of mm/migrate.c and
 *     the kernel's "try_to_unmap" point; the time between two marks goes
 *     to the phase of the innermost open function (phase_of[] below), so
 *     each phase's figure is exclusive of the phases it calls; the calls
 *     in between, unprofiled, are what the phases are corrected to;
 *  4. profiled with calls of 16 pages, 1 -> 0: new_page_node() scans the
 *     call's page_to_node array up to the page it is asked about, so its
 *     cost per page grows with the call's size; the difference between
 *     (3) and (4) in that phase is the scan of B-page calls;
 *  5. one call of up to 16,384 pages against 512-page calls over the same
 *     pages: the square law of that scan, end to end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <x86intrin.h>

#include <glib.h>

#include "cli.h"
#include "../engine/engine.h"

#define BENCH_PAGE 4096UL
#define PROT_RW 3 /* PROT_READ | PROT_WRITE */
#define MAP_PRIVATE_ANON 0x22 /* MAP_PRIVATE | MAP_ANONYMOUS */
#define MPOL_MF_MOVE 2
#define SMALL_BATCH 16
#define BIG_CALL 16384UL

/* ---- move_pages calls ---------------------------------------------------- */

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
	unsigned long bytes =
		(max * (8 + 4 + 4) + BENCH_PAGE - 1) & ~(BENCH_PAGE - 1);
	long base = bench_mmap(bytes);
	unsigned long off;

	if (base < 0)
		return -1;
	a->max = max;
	a->pages = base;
	a->nodes = base + max * 8;
	a->status = a->nodes + max * 4;
	a->addrs = g_new0(unsigned long, max);
	a->node_vals = g_new0(int, max);
	/* fault the arrays in now, not in the first timed call */
	for (off = 0; off < bytes; off += BENCH_PAGE)
		if (sim_user_write(base + off, a->node_vals, 1))
			return -1;
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

/* Move [0, n) in calls of batch pages; seconds, or < 0 if a call failed. */
static double move_range(struct bench_arrays *a, unsigned long addr,
			 unsigned long n, unsigned long batch, int node,
			 long *failed)
{
	gint64 t0 = g_get_monotonic_time();
	unsigned long done;

	for (done = 0; done < n; done += batch) {
		unsigned long k = MIN(batch, n - done);
		long ret = move_call(a, addr, done, k, node);

		if (ret < 0)
			return -1;
		*failed += ret;
	}
	return (g_get_monotonic_time() - t0) / 1e6;
}

/* ---- the memcpy reference ------------------------------------------------ */

static double memcpy_pages(unsigned long n)
{
	char *src = g_malloc(n * BENCH_PAGE), *dst = g_malloc(n * BENCH_PAGE);
	unsigned long i;
	gint64 t0;
	double s;

	/* first touch of both buffers outside the timed loop */
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

/* ---- the phase profile --------------------------------------------------- */

enum phase {
	PH_OUTSIDE, /* the bench loop, syscall entry, argument arrays */
	PH_LOOKUP,
	PH_ISOLATE,
	PH_NEW_PAGE,
	PH_UNMAP,
	PH_MAPPING,
	PH_COPY,
	PH_REMAP,
	PH_LRU_FREE,
	NR_PHASES
};

static const char *const phase_key[NR_PHASES] = {
	"outside", "lookup", "isolate_lru", "new_page_node", "unmap",
	"mapping", "copy",   "remap",	    "lru_add_free",
};

static const char *const phase_what[NR_PHASES] = {
	"bench loop, syscall entry/exit, writing the argument arrays",
	"sys_move_pages/do_move_pages: copy_from_user, find_vma, follow_page",
	"isolate_lru_page, migrate_prep, putback_lru_pages",
	"new_page_node: page_to_node scan + alloc_pages_node",
	"try_to_unmap (rmap walk) + unmap_and_move, migrate_pages",
	"move_to_new_page, migrate_page, migrate_page_move_mapping",
	"migrate_page_copy: copy_highpage and the page flags",
	"remove_migration_ptes: rmap walk, set_pte, page_add_anon_rmap",
	"move_to_lru: lru_cache_add, pagevec drain, freeing the old page",
};

/* Which phase a function of mm/migrate.c (or the kernel point) starts. */
static const struct {
	const char *name;
	enum phase phase;
} phase_of[] = {
	{"sys_move_pages", PH_LOOKUP},
	{"do_move_pages", PH_LOOKUP},
	{"migrate_prep", PH_ISOLATE},
	{"isolate_lru_page", PH_ISOLATE},
	{"putback_lru_pages", PH_ISOLATE},
	{"new_page_node", PH_NEW_PAGE},
	{"migrate_pages", PH_UNMAP},
	{"unmap_and_move", PH_UNMAP},
	{"try_to_unmap", PH_UNMAP},
	{"move_to_new_page", PH_MAPPING},
	{"migrate_page", PH_MAPPING},
	{"migrate_page_move_mapping", PH_MAPPING},
	{"migrate_page_copy", PH_COPY},
	{"remove_migration_ptes", PH_REMAP},
	{"remove_anon_migration_ptes", PH_REMAP},
	{"remove_migration_pte", PH_REMAP},
	{"move_to_lru", PH_LRU_FREE},
};

#define PHASE_DEPTH 64

struct phase_clock {
	GHashTable *by_name; /* probe name (stable pointer) -> phase + 1 */
	enum phase stack[PHASE_DEPTH];
	int depth;
	unsigned long long last;
	unsigned long long ticks[NR_PHASES];
	unsigned long marks[NR_PHASES]; /* charges: the profile's own cost */
};

/* What a profiled pass found, per page. */
struct phase_profile {
	double ns[NR_PHASES];
	double marks[NR_PHASES];
	double total_ns; /* the profiled calls, the profile's cost included */
	double reference_ns; /* the unprofiled calls between them */
};

/* The phase a probe name opens, or -1: not a mark (see phase_of[]). */
static int phase_lookup(struct phase_clock *pc, const char *name)
{
	gpointer hit = g_hash_table_lookup(pc->by_name, name);
	unsigned int i;

	if (hit)
		return GPOINTER_TO_INT(hit) - 1;
	/* a name seen for the first time: resolve it once */
	for (i = 0; i < G_N_ELEMENTS(phase_of); i++)
		if (!strcmp(phase_of[i].name, name))
			break;
	hit = GINT_TO_POINTER(
		(i < G_N_ELEMENTS(phase_of) ? (int)phase_of[i].phase : -1) + 1);
	g_hash_table_insert(pc->by_name, (gpointer)name, hit);
	return GPOINTER_TO_INT(hit) - 1;
}

/*
 * Only the names of phase_of[] are marks: each has an exit for every
 * entry.  Other functions of migrate.c and the kernel's other named points
 * (some of which fire "enter" alone) leave the time in the open phase.
 */
static void phase_mark(void *ctx, const char *name, enum sim_probe_kind kind)
{
	struct phase_clock *pc = ctx;
	unsigned long long now = __rdtsc();
	enum phase top;
	int p;

	if (kind == SIM_PROBE_POINT)
		return;
	p = phase_lookup(pc, name);
	if (p < 0)
		return;
	top = pc->depth ? pc->stack[pc->depth - 1] : PH_OUTSIDE;
	pc->ticks[top] += now - pc->last;
	pc->marks[top]++;
	if (kind == SIM_PROBE_ENTER) {
		if (pc->depth < PHASE_DEPTH)
			pc->stack[pc->depth++] = (enum phase)p;
	} else if (pc->depth) {
		pc->depth--;
	}
	/* the handler's own time goes to the next phase, not this one */
	pc->last = __rdtsc();
}

/*
 * A profiled pass.  Its calls alternate, profiled and not: the ones
 * without the handler, run under the same host load as their neighbours,
 * are the reference that print_phases() corrects the phases to.  Per page
 * of the profiled calls, each phase's time and marks into *out.
 */
static int profiled_pass(struct bench_arrays *a, unsigned long addr,
			 unsigned long n, unsigned long batch, int node,
			 long *failed, struct phase_profile *out)
{
	struct phase_clock pc = {
		.by_name = g_hash_table_new(g_direct_hash, g_direct_equal)};
	unsigned long long t0 = __rdtsc(), t, prof_ticks = 0, ref_ticks = 0;
	unsigned long done, k, prof_pages = 0, ref_pages = 0, call;
	gint64 us0 = g_get_monotonic_time();
	double ns_per_tick;
	long ret = 0;
	int i;

	for (done = 0, call = 0; done < n && ret >= 0; done += k, call++) {
		k = MIN(batch, n - done);
		if (call & 1) {
			t = __rdtsc();
			ret = move_call(a, addr, done, k, node);
			ref_ticks += __rdtsc() - t;
			ref_pages += k;
		} else {
			sim_engine_set_probe_handler(phase_mark, &pc);
			t = pc.last = __rdtsc();
			ret = move_call(a, addr, done, k, node);
			pc.ticks[PH_OUTSIDE] += __rdtsc() - pc.last;
			prof_ticks += __rdtsc() - t;
			sim_engine_set_probe_handler(NULL, NULL);
			prof_pages += k;
		}
		if (ret > 0)
			*failed += ret;
	}
	g_hash_table_destroy(pc.by_name);
	if (ret < 0)
		return -1;
	t = __rdtsc() - t0;
	ns_per_tick =
		(g_get_monotonic_time() - us0) * 1e3 / (double)(t ? t : 1);
	for (i = 0; i < NR_PHASES; i++) {
		out->ns[i] = pc.ticks[i] * ns_per_tick / prof_pages;
		out->marks[i] = (double)pc.marks[i] / prof_pages;
	}
	out->total_ns = prof_ticks * ns_per_tick / prof_pages;
	/* a single call has no neighbour: its own time, uncorrected */
	out->reference_ns =
		ref_pages ? ref_ticks * ns_per_tick / ref_pages : out->total_ns;
	return 0;
}

/* ---- the command --------------------------------------------------------- */

struct bench_setup {
	struct bench_arrays arrays;
	unsigned long addr;
};

/* Boot, make the task, fault every page in on node 0 (contents i & 0xff). */
static int bench_setup(struct bench_setup *s, unsigned long n,
		       unsigned long max_call)
{
	struct sim_machine_config cfg;
	struct sim_task_config tc = {.name = "bench", .cpu = 0};
	/* room for the pages, their page tables and the arrays, per node */
	unsigned long long node_mem =
		((n * BENCH_PAGE * 9 / 8) + (64 << 20)) & ~((2ULL << 20) - 1);
	char err[256], *buf;
	unsigned long i;
	long addr;
	int pid;

	sim_engine_init(0);
	sim_machine_defaults(&cfg, 2, node_mem);
	/* time the kernel's work, not the host's first touch of fresh RAM */
	cfg.populate = 1;
	if (sim_kernel_boot(&cfg, err, sizeof(err))) {
		fprintf(stderr, "mmsim bench migrate: %s\n", err);
		return -1;
	}
	pid = sim_task_create(&tc, 0);
	if (pid < 0 || sim_task_enter(pid))
		return -1;
	addr = bench_mmap(n * BENCH_PAGE);
	if (addr < 0 || arrays_init(&s->arrays, max_call))
		return -1;
	s->addr = addr;
	buf = g_malloc(BENCH_PAGE);
	for (i = 0; i < n; i++) {
		memset(buf, (int)(i & 0xff), BENCH_PAGE);
		if (sim_user_write(addr + i * BENCH_PAGE, buf, BENCH_PAGE))
			return -1;
	}
	g_free(buf);
	return 0;
}

/* Every 997th page still holds what was written there. */
static int bench_check(struct bench_setup *s, unsigned long n)
{
	char *buf = g_malloc(BENCH_PAGE);
	unsigned long i;

	for (i = 0; i < n; i += 997) {
		if (sim_user_read(s->addr + i * BENCH_PAGE, buf, BENCH_PAGE) ||
		    buf[BENCH_PAGE - 1] != (char)(i & 0xff)) {
			fprintf(stderr,
				"mmsim bench migrate: page %lu corrupted\n", i);
			g_free(buf);
			return -1;
		}
	}
	g_free(buf);
	return 0;
}

/*
 * The handler's body, between its two rdtsc reads, is charged to no
 * phase; what a mark still costs the phases (the call into the handler
 * and back) is the charged time in excess of the unprofiled calls
 * interleaved with the profiled ones, spread over the marks.  Each phase
 * is shown with its marks' share taken off, so that the phases add up to
 * those unprofiled calls.  The new_page_node scan is a difference of two
 * profiled passes with the same marks per page in that phase, so it needs
 * no correction.
 */
/*
 * The best ratio the seed allows in this run: memcpy's time over the copy
 * phase (a memcpy of the same pages and the page flags) and the
 * new_page_node scan alone, as if nothing else of the migration cost
 * anything.  A target above it cannot be met by any environment.
 */
static void print_ceiling(double memcpy_ns, double copy_ns, double scan_ns)
{
	double floor_ns = copy_ns + MAX(scan_ns, 0); /* a difference: >= 0 */

	if (floor_ns > 0)
		printf("ratio_ceiling=%.3f\n", memcpy_ns / floor_ns);
}

static void print_phases(const struct phase_profile *pp, double scan_ns,
			 double memcpy_ns)
{
	double timed_ns = pp->reference_ns;
	double marks = 0, charged = 0, per_mark, sum = 0, ns, copy_ns = 0;
	int k;

	for (k = 0; k < NR_PHASES; k++) {
		marks += pp->marks[k];
		charged += pp->ns[k];
	}
	per_mark = marks > 0 ? (charged - timed_ns) / marks : 0;
	for (k = 0; k < NR_PHASES; k++) {
		ns = pp->ns[k] - pp->marks[k] * per_mark;
		printf("phase_%s_ns_per_page=%.1f\n", phase_key[k], ns);
		if (k == PH_COPY)
			copy_ns = ns;
		sum += ns;
	}
	printf("phase_sum_ns_per_page=%.1f\n", sum);
	printf("profiled_ns_per_page=%.1f\n", pp->total_ns);
	printf("unprofiled_neighbours_ns_per_page=%.1f\n", timed_ns);
	printf("profile_marks_per_page=%.1f\n", marks);
	printf("profile_charged_ns_per_mark=%.1f\n", per_mark);
	printf("new_page_node_scan_ns_per_page=%.1f\n", scan_ns);
	printf("new_page_node_scan_share=%.3f\n", scan_ns / timed_ns);
	print_ceiling(memcpy_ns, copy_ns, scan_ns);
	printf("# phase      what it covers (exclusive of the phases it "
	       "calls)\n");
	for (k = 0; k < NR_PHASES; k++)
		printf("# %-13s %s\n", phase_key[k], phase_what[k]);
}

int mmsim_bench_migrate(int argc, char **argv)
{
	gint64 pages = 262144, batch = 512;
	gboolean profile = TRUE;
	GOptionEntry entries[] = {
		{"pages", 0, 0, G_OPTION_ARG_INT64, &pages,
		 "anonymous pages to move (default 262144 = 1 GiB)", "N"},
		{"batch", 0, 0, G_OPTION_ARG_INT64, &batch,
		 "pages per move_pages call (default 512)", "B"},
		{"no-profile", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE,
		 &profile, "only the timed pass and the memcpy reference",
		 NULL},
		{NULL}};
	g_autoptr(GOptionContext) ctx =
		g_option_context_new("- migration throughput");
	g_autoptr(GError) error = NULL;
	struct bench_setup s;
	double t_move, t_free, t_copy, t_single = 0, t_batched = 0;
	struct phase_profile prof, prof_small;
	unsigned long n, big, steps;
	long failed = 0;

	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_summary(
		ctx,
		"Moves N anonymous pages from node 0 to node 1 with the "
		"seed's\n"
		"sys_move_pages in calls of B pages, in seeded mode with "
		"tracing\n"
		"off, and in the same run copies N 4 KiB pages with memcpy;\n"
		"then, unless --no-profile, times the same pages again in "
		"free\n"
		"mode and with a per-phase profile.  Prints key=value lines.");
	if (!g_option_context_parse(ctx, &argc, &argv, &error))
		return cli_usage_error("bench migrate", "%s", error->message);
	if (argc > 1)
		return cli_usage_error("bench migrate",
				       "unexpected argument '%s'", argv[1]);
	if (pages < 1 || pages > (1 << 22))
		return cli_usage_error(
			"bench migrate",
			"--pages: must be between 1 and 4194304");
	if (batch < 1 || batch > pages)
		return cli_usage_error(
			"bench migrate",
			"--batch: must be between 1 and --pages");
	n = pages;
	big = MIN(BIG_CALL, n);

	if (bench_setup(&s, n, MAX((unsigned long)batch, big)))
		return MMSIM_EXIT_SIMULATOR;

	sim_engine_set_mode(SIM_SCHED_SEEDED);
	steps = sim_engine_steps();
	t_move = move_range(&s.arrays, s.addr, n, batch, 1, &failed);
	steps = sim_engine_steps() - steps;
	t_copy = memcpy_pages(n);
	if (t_move <= 0 || t_copy <= 0)
		goto failed;

	printf("pages=%lu\nbatch=%ld\nsched=seeded\n", n, (long)batch);
	printf("seconds=%.3f\n", t_move);
	printf("pages_per_s=%.0f\n", n / t_move);
	printf("ns_per_page=%.1f\n", t_move * 1e9 / n);
	printf("memcpy_seconds=%.3f\n", t_copy);
	printf("memcpy_pages_per_s=%.0f\n", n / t_copy);
	printf("memcpy_ns_per_page=%.1f\n", t_copy * 1e9 / n);
	printf("ratio=%.3f\n", t_copy / t_move);

	if (profile) {
		sim_engine_set_mode(SIM_SCHED_FREE);
		t_free = move_range(&s.arrays, s.addr, n, batch, 0, &failed);
		sim_engine_set_mode(SIM_SCHED_SEEDED);
		if (t_free <= 0 ||
		    profiled_pass(&s.arrays, s.addr, n, batch, 1, &failed,
				  &prof) ||
		    profiled_pass(&s.arrays, s.addr, n,
				  MIN((unsigned long)batch, SMALL_BATCH), 0,
				  &failed, &prof_small))
			goto failed;
		/* the same pages back and forth: one big call, then 512s */
		t_single = move_range(&s.arrays, s.addr, big, big, 1, &failed);
		t_batched = move_range(&s.arrays, s.addr, big, MIN(512, big), 0,
				       &failed);
		if (t_single <= 0 || t_batched <= 0)
			goto failed;
		printf("free_mode_ns_per_page=%.1f\n", t_free * 1e9 / n);
		printf("free_mode_ratio=%.3f\n", t_copy / t_free);
		printf("engine_seeded_ns_per_page=%.1f\n",
		       (t_move - t_free) * 1e9 / n);
		printf("sched_points_per_page=%.1f\n", (double)steps / n);
		printf("engine_seeded_ns_per_sched_point=%.1f\n",
		       steps ? (t_move - t_free) * 1e9 / steps : 0);
		print_phases(&prof,
			     prof.ns[PH_NEW_PAGE] - prof_small.ns[PH_NEW_PAGE],
			     t_copy * 1e9 / n);
		printf("single_call_pages=%lu\n", big);
		printf("single_call_ns_per_page=%.0f\n", t_single * 1e9 / big);
		printf("batched_512_ns_per_page=%.0f\n", t_batched * 1e9 / big);
		printf("single_over_batched=%.2f\n", t_single / t_batched);
	}
	printf("not_migrated=%ld\n", failed);
	if (bench_check(&s, n))
		return MMSIM_EXIT_SIMULATOR;
	return MMSIM_EXIT_OK;

failed:
	fprintf(stderr, "mmsim bench migrate: a move failed\n");
	return MMSIM_EXIT_SIMULATOR;
}
