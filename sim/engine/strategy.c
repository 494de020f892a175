/*
 * sim/engine/strategy.c - the seeded scheduler's strategies besides PCT:
 * a uniform random choice at every point, and a forced schedule ("at
 * step S run task P") that the scheduler follows exactly; and the log
 * of the choices a run made, from which explore enumerates schedules
 * and minimize shrinks one.
 *
 * Models no 2006 file: kernel/sched.c is what the seeded scheduler
 * stands in for, and a strategy is how a test harness drives it.
 *
 * A choice point is a scheduling point where two or more tasks could
 * run.  PCT (seeded.c) picks by priority; random picks uniformly with a
 * PRNG drawn from the seed; forced follows its list and, between its
 * entries, never preempts: the running task goes on while it can, and
 * when it blocks or exits the first runnable task in spawn order runs.
 * So a forced schedule names only its preemptions and its unusual
 * hand-offs, and gives the same run for every seed.
 *
 * An entry may also name a point by the task that reaches it: "at the
 * K-th scheduling point of task Q, run P".  Such entries survive changes
 * to the rest of the schedule that shift the global step numbers, which
 * is what minimize needs while it drops entries.
 *
 * A forced entry whose task cannot run at its step (the schedule was
 * made for another version of the scenario) is skipped and counted as
 * a divergence; the run goes on with the default.
 *
 * Called by seeded.c with its lock held.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "engine.h"
#include "strategy.h"

struct forced {
	unsigned long step; /* by step, when self < 0 */
	int self; /* else: at the count-th point of task self */
	unsigned long count;
	int pid; /* who runs; -1: by name */
	char name[16];
	int used;
};

int eng_strategy_on, eng_strategy_not_pct;

static struct {
	enum sim_strategy kind;
	uint64_t prng;
	GArray *forced; /* struct forced, by step */
	unsigned int next; /* the next entry to apply */
	GArray *by_task; /* struct forced, by a task's own points */
	GArray *points; /* unsigned long, by pid: points each task reached */
	unsigned long diverged;
	int log_fd; /* choices as text lines, -1: none */
} St = {.log_fd = -1};

static void update(void)
{
	int on = St.kind != SIM_STRATEGY_PCT || St.log_fd >= 0;

	__atomic_store_n(&eng_strategy_on, on, __ATOMIC_SEQ_CST);
	__atomic_store_n(&eng_strategy_not_pct, St.kind != SIM_STRATEGY_PCT,
			 __ATOMIC_SEQ_CST);
}

static uint64_t next_random(void)
{
	uint64_t z = (St.prng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int by_step(const void *a, const void *b)
{
	const struct forced *x = a, *y = b;

	return (x->step > y->step) - (x->step < y->step);
}

void eng_strategy_reseed(unsigned long long seed)
{
	St.prng = seed ^ 0x72616e646f6d2121ull;
}

void eng_strategy_reset(void)
{
	eng_strategy_reseed(sim_engine_seed());
	St.next = 0;
	St.diverged = 0;
	if (St.forced)
		g_array_sort(St.forced, by_step);
	if (St.points)
		g_array_set_size(St.points, 0);
	for (unsigned int i = 0; St.by_task && i < St.by_task->len; i++)
		g_array_index(St.by_task, struct forced, i).used = 0;
}

/* The number of this point among the points task self reached. */
static unsigned long count_point(int self)
{
	if (self < 0)
		return 0;
	if (!St.points)
		St.points = g_array_new(FALSE, TRUE, sizeof(unsigned long));
	if ((unsigned int)self >= St.points->len)
		g_array_set_size(St.points, self + 1);
	return ++g_array_index(St.points, unsigned long, self);
}

static int find(const struct forced *f, const struct eng_cand *c, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (f->pid >= 0 ? c[i].pid == f->pid
				: !strcmp(c[i].name, f->name))
			return i;
	return -1;
}

static void diverge(unsigned long step, const struct forced *f)
{
	St.diverged++;
	if (St.log_fd >= 0)
		dprintf(St.log_fd, "diverged %lu %lu\n", step, f->step);
	if (sim_tracing())
		sim_trace("sched_diverged", "step=%lu forced_step=%lu", step,
			  f->step);
}

/* An entry for task self's count-th point. */
static int by_task_choice(int self, unsigned long count,
			  const struct eng_cand *c, int n)
{
	struct forced *f;
	unsigned int i;

	for (i = 0; St.by_task && i < St.by_task->len; i++) {
		f = &g_array_index(St.by_task, struct forced, i);
		if (f->used || f->self != self || f->count != count)
			continue;
		f->used = 1;
		return find(f, c, n);
	}
	return -1;
}

/* The forced schedule's choice: its entry for this step, or the default. */
static int forced_choice(unsigned long step, int self, unsigned long count,
			 const struct eng_cand *c, int n, int cur)
{
	const struct forced *f;
	int i = by_task_choice(self, count, c, n);

	if (i >= 0)
		return i;

	while (St.forced && St.next < St.forced->len) {
		f = &g_array_index(St.forced, struct forced, St.next);
		if (f->step > step)
			break;
		St.next++;
		if (f->step < step) { /* its step was no choice point */
			diverge(step, f);
			continue;
		}
		i = find(f, c, n);
		if (i >= 0)
			return i;
		diverge(step, f);
	}
	return cur >= 0 ? cur : 0;
}

static void log_choice(unsigned long step, int self, unsigned long count,
		       const struct eng_cand *c, int n, int cur, int chosen)
{
	GString *s = g_string_new(NULL);
	int i;

	g_string_printf(s, "choice %lu %d %d %d %d %lu", step, cur, chosen, n,
			self, count);
	for (i = 0; i < n; i++)
		g_string_append_printf(s, " %d:%s", c[i].pid, c[i].name);
	g_string_append_c(s, '\n');
	if (write(St.log_fd, s->str, s->len) < 0)
		St.log_fd = -1;
	g_string_free(s, TRUE);
}

int eng_strategy_choose(unsigned long step, int self, const struct eng_cand *c,
			int n, int cur, int pct)
{
	unsigned long count = count_point(self);
	int chosen;

	switch (St.kind) {
	case SIM_STRATEGY_RANDOM:
		chosen = n > 1 ? (int)(next_random() % n) : 0;
		break;
	case SIM_STRATEGY_FORCED:
		chosen = forced_choice(step, self, count, c, n, cur);
		break;
	default:
		chosen = pct;
	}
	if (n < 2)
		return chosen;
	if (St.log_fd >= 0)
		log_choice(step, self, count, c, n, cur, chosen);
	if (St.kind == SIM_STRATEGY_FORCED && chosen != cur && sim_tracing())
		sim_trace("sched_choice",
			  "step=%lu next_comm=%s next_pid=%d "
			  "preempt=%d",
			  step, c[chosen].name, c[chosen].pid,
			  cur >= 0 && chosen != cur);
	return chosen;
}

/* ---- engine.h ------------------------------------------------------------ */

void sim_engine_set_strategy(enum sim_strategy kind)
{
	St.kind = kind;
	update();
}

enum sim_strategy sim_engine_strategy(void)
{
	return St.kind;
}

void sim_engine_force_clear(void)
{
	if (St.forced)
		g_array_set_size(St.forced, 0);
	if (St.by_task)
		g_array_set_size(St.by_task, 0);
	St.next = 0;
}

static void add(GArray **to, const struct forced *f, const char *name)
{
	struct forced e = *f;

	if (!*to)
		*to = g_array_new(FALSE, TRUE, sizeof(struct forced));
	if (name)
		g_strlcpy(e.name, name, sizeof(e.name));
	g_array_append_val(*to, e);
}

void sim_engine_force(unsigned long step, int pid, const char *name)
{
	struct forced f = {.step = step, .self = -1, .pid = pid};

	add(&St.forced, &f, name);
}

void sim_engine_force_at(int self, unsigned long count, int pid,
			 const char *name)
{
	struct forced f = {.self = self, .count = count, .pid = pid};

	add(&St.by_task, &f, name);
}

unsigned long sim_engine_diverged(void)
{
	return St.diverged;
}

void sim_engine_log_choices(int fd)
{
	St.log_fd = fd;
	update();
}
