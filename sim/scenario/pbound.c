/*
 * sim/scenario/pbound.c - preemption-bounded enumeration (Musuvathi and
 * Qadeer, "Iterative context bounding", PLDI 2007): every schedule of a
 * scenario with at most K preemptions, each once, depth first.
 *
 * A schedule is a path through the tree of choice points (scheduling
 * points where two or more tasks could run).  Run with a forced list, a
 * scenario follows it and, past its end, never preempts: so the first
 * schedule is the one with no preemption and no unusual hand-off, and
 * each run tells the walk the choice points below its forced prefix.
 * Backtracking takes the deepest choice point with an alternative left
 * that keeps within K preemptions (switching away from a task that could
 * go on costs one; choosing who runs after a task blocked or exited costs
 * nothing) and forces it.  The runs are deterministic, so schedule number
 * i of the walk is the same schedule every time: explore's "seeds" of
 * --strategy preempt-bound:K are these numbers.
 *
 * Host world, the test harness's side: it stands for no 2006 file.
 */
#include <string.h>

#include <glib.h>

#include "trial.h"

struct frame {
	struct trial_choice c;
	int alt; /* which alternative is taken: 0 is the default */
	int preempts; /* preemptions above this choice point */
};

struct pbound {
	int bound;
	int started;
	GArray *stack; /* struct frame: the current path */
};

struct pbound *pb_new(int bound)
{
	struct pbound *pb = g_new0(struct pbound, 1);

	pb->bound = bound;
	pb->stack = g_array_new(FALSE, TRUE, sizeof(struct frame));
	return pb;
}

void pb_free(struct pbound *pb)
{
	g_array_unref(pb->stack);
	g_free(pb);
}

/* Alternative 0 is the default (go on, or the first in spawn order). */
static int index_of_alt(const struct trial_choice *c, int alt)
{
	int dflt = c->cur >= 0 ? c->cur : 0;

	if (alt == 0)
		return dflt;
	return alt <= dflt ? alt - 1 : alt;
}

static int alt_of_index(const struct trial_choice *c, int index)
{
	int dflt = c->cur >= 0 ? c->cur : 0;

	if (index == dflt)
		return 0;
	return index < dflt ? index + 1 : index;
}

static int is_preemption(const struct trial_choice *c, int index)
{
	return c->cur >= 0 && index != c->cur;
}

void pb_feed(struct pbound *pb, const struct trial *t)
{
	const struct trial_choice *c;
	struct frame f, *prev;
	guint i;

	/* A run that left the path (it should not): follow the run. */
	for (i = 0; i < pb->stack->len && i < t->choices->len; i++) {
		c = &g_array_index(t->choices, struct trial_choice, i);
		if (g_array_index(pb->stack, struct frame, i).c.step != c->step)
			break;
	}
	g_array_set_size(pb->stack, i);
	for (; i < t->choices->len; i++) {
		memset(&f, 0, sizeof(f));
		f.c = g_array_index(t->choices, struct trial_choice, i);
		f.alt = alt_of_index(&f.c, f.c.chosen);
		if (i) {
			prev = &g_array_index(pb->stack, struct frame, i - 1);
			f.preempts = prev->preempts +
				     is_preemption(&prev->c, prev->c.chosen);
		}
		g_array_append_val(pb->stack, f);
	}
}

/* The forced list of the current path: its choices that are not defaults. */
static void path(const struct pbound *pb, GArray *forced)
{
	guint i;

	g_array_set_size(forced, 0);
	for (i = 0; i < pb->stack->len; i++)
		trial_force_entry(forced,
				  &g_array_index(pb->stack, struct frame, i).c,
				  0);
}

gboolean pb_next(struct pbound *pb, GArray *forced)
{
	struct frame *f;
	int index;

	if (!pb->started) {
		pb->started = 1;
		g_array_set_size(forced, 0);
		return TRUE;
	}
	while (pb->stack->len) {
		f = &g_array_index(pb->stack, struct frame, pb->stack->len - 1);
		while (++f->alt < f->c.n) {
			index = index_of_alt(&f->c, f->alt);
			if (f->preempts + is_preemption(&f->c, index) >
			    pb->bound)
				continue;
			f->c.chosen = index;
			path(pb, forced);
			return TRUE;
		}
		g_array_set_size(pb->stack, pb->stack->len - 1);
	}
	return FALSE;
}

int pb_schedule_at(struct scenario *scn, int bound, unsigned long steps,
		   unsigned long index, GArray *forced)
{
	struct pbound *pb = pb_new(bound);
	struct trial t;
	unsigned long i;
	int ret = 0;

	for (i = 0; pb_next(pb, forced); i++) {
		if (i == index)
			goto out;
		if (trial_run(scn, NULL, 0, steps, forced, 0, &t)) {
			ret = -1;
			goto out;
		}
		pb_feed(pb, &t);
		trial_clear(&t);
	}
	ret = 1; /* the space has fewer schedules */
out:
	pb_free(pb);
	return ret;
}
