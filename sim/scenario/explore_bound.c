/*
 * sim/scenario/explore_bound.c - mmsim explore --strategy preempt-bound:K:
 * the schedules of the preemption-bounded space (pbound.c) in their
 * order, one child each, seed i being schedule number i; the walk ends
 * early when the space is exhausted, and says so.
 *
 * Sequential by nature: each run tells the walk where the next schedule
 * branches off, so --jobs does not apply.  Schedules below A are run too
 * (they are the walk's way to schedule A) but neither counted nor shown.
 *
 * Host world, the test harness's side: it stands for no 2006 file.
 */
#include <stdio.h>
#include <time.h>

#include <glib.h>

#include "cli.h"
#include "trial.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct walk {
	const char *file;
	unsigned long done, failures;
	int first_status;
	unsigned long long first;
};

static void failed(struct walk *w, unsigned long long i, const struct trial *t,
		   const GArray *forced)
{
	g_autofree gchar *replay = cli_replay_command(w->file, i);
	g_autofree gchar *sched = cli_schedule_text(forced);

	if (!w->failures++) {
		w->first_status = t->status;
		w->first = i;
	}
	printf("seed %llu: %s (exit %d)\n", i, cli_status_text(t->status),
	       t->status);
	if (w->failures == 1)
		fputs(t->err, stdout);
	printf("replay: %s\n", replay);
	printf("schedule: %d preemption(s), --schedule %s\n",
	       trial_preemptions(t), forced->len ? sched : "''");
	fflush(stdout);
}

int cli_explore_bounded(const char *file, struct scenario *scn,
			unsigned long long a, unsigned long long b,
			int keep_going, unsigned long steps)
{
	g_autoptr(GArray) forced =
		g_array_new(FALSE, TRUE, sizeof(struct sc_forced));
	struct pbound *pb = pb_new(cli_strategy_bound());
	struct walk w = {.file = file};
	g_autoptr(GHashTable) hashes = g_hash_table_new_full(
		g_int64_hash, g_int64_equal, g_free, NULL);
	unsigned long long i;
	int exhausted = 0;
	double start = now_s(), secs;
	struct trial t;

	for (i = 0; i < b && (keep_going || !w.failures); i++) {
		if (!pb_next(pb, forced)) {
			exhausted = 1;
			break;
		}
		if (trial_run(scn, NULL, i, steps, forced, 0, &t)) {
			fprintf(stderr,
				"mmsim explore: cannot start a child\n");
			pb_free(pb);
			return MMSIM_EXIT_SIMULATOR;
		}
		pb_feed(pb, &t);
		if (i >= a && t.has_hash)
			g_hash_table_add(hashes,
					 g_memdup2(&t.hash, sizeof(t.hash)));
		if (i >= a) {
			w.done++;
			if (t.status != MMSIM_EXIT_OK)
				failed(&w, i, &t, forced);
		}
		trial_clear(&t);
	}
	if (!exhausted && !pb_next(pb, forced))
		exhausted = 1;
	pb_free(pb);
	secs = now_s() - start;
	if (exhausted)
		printf("schedule space exhausted after %llu schedules\n", i);
	printf("schedules=%lu seconds=%.2f schedules_per_s=%.1f "
	       "distinct_interleavings=%lu failures=%lu\n",
	       w.done, secs, w.done / MAX(secs, 1e-9),
	       (unsigned long)g_hash_table_size(hashes), w.failures);
	if (w.failures) {
		g_autofree gchar *replay = cli_replay_command(file, w.first);

		printf("first failing seed: %llu; replay: %s\n", w.first,
		       replay);
	}
	fflush(stdout);
	return w.failures ? w.first_status : MMSIM_EXIT_OK;
}
