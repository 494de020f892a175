/*
 * sim/scenario/trial.h - one run of a scenario in a child process, with
 * its status, its messages, the scheduler's choices and, if asked, its
 * trace (trial.c): what preempt-bound enumeration and minimize learn
 * from a schedule.
 *
 * Host world, the test harness's side: it stands for no 2006 file.
 */
#ifndef _MMSIM_TRIAL_H
#define _MMSIM_TRIAL_H

#include <glib.h>

#include "scenario.h"

#define TRIAL_MAX_CAND 16

/* A choice point of the run (sim_engine_log_choices). */
struct trial_choice {
	unsigned long step;
	int cur; /* index of the task that could go on, -1 */
	int chosen;
	int n;
	int self; /* the task at the point, and which of its points */
	unsigned long count;
	int pid[TRIAL_MAX_CAND];
	char comm[TRIAL_MAX_CAND][16];
};

struct trial {
	int status; /* the exit status (cli.h) */
	gchar *err; /* everything the run wrote on stderr */
	gchar *first; /* its first line: how it failed */
	gchar *trace; /* the text trace, when asked for */
	GArray *choices; /* struct trial_choice */
	unsigned long diverged; /* forced entries skipped */
	unsigned long long hash; /* the schedule hash, if the run ended */
	int has_hash;
};

/*
 * Run scn with seed in a child.  forced (struct sc_forced, pids) makes it
 * a forced schedule; NULL keeps the strategy set for the process.
 * Returns 0, or -1 when no child could be started.
 */
int trial_run(struct scenario *scn, const char *replay, unsigned long long seed,
	      unsigned long steps, const GArray *forced, int want_trace,
	      struct trial *t);
void trial_clear(struct trial *t);
/*
 * Append c to forced unless a non-preemptive scheduler would have chosen
 * so too; named by the task at the point and its count there (by_task),
 * or by the step.
 */
void trial_force_entry(GArray *forced, const struct trial_choice *c,
		       int by_task);
/* Make forced (struct sc_forced) the engine's forced schedule. */
void trial_force(const GArray *forced);

/* Preemptions (switching away from a task that could go on), switches. */
int trial_preemptions(const struct trial *t);
int trial_switches(const struct trial *t);
/* The same failure: the same status and the same first line. */
gboolean trial_same_failure(const struct trial *a, const struct trial *b);

/*
 * Preemption-bounded enumeration (pbound.c): a depth-first walk of the
 * tree of choices, every schedule with at most 'bound' preemptions once.
 * pb_next() gives the schedule to run next (a forced list, empty for the
 * first: no preemption at all), FALSE when the space is exhausted;
 * pb_feed() hands it the run's choices.
 */
struct pbound;
struct pbound *pb_new(int bound);
void pb_free(struct pbound *pb);
gboolean pb_next(struct pbound *pb, GArray *forced);
void pb_feed(struct pbound *pb, const struct trial *t);
/* The schedule number 'index' of the enumeration, run to find it. */
int pb_schedule_at(struct scenario *scn, int bound, unsigned long steps,
		   unsigned long index, GArray *forced);

#endif /* _MMSIM_TRIAL_H */
