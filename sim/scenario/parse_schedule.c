/*
 * sim/scenario/parse_schedule.c - "schedule STEP:TASK ...": a forced
 * schedule pinned in the scenario (docs/scenario-language.md,
 * "Concurrency"), as mmsim minimize writes it.
 *
 * At scheduling step STEP the scheduler runs TASK (a task of the
 * scenario, or a pid written as a number: 0 is the main thread,
 * swapper); between the entries no task is preempted.  "schedule none"
 * has no entries: no task is preempted at all.  The statement
 * holds for the whole run, wherever it stands, and makes the run the
 * same for every seed (the engine's forced strategy, strategy.c).
 *
 * Host world, the scenario language: it stands for no 2006 file.
 */
#include <limits.h>

#include <glib.h>

#include "parse.h"

static void parse_entry(struct parser *p, GArray *sched)
{
	struct token *t = peek(p);
	struct sc_forced f = {.pid = -1, .self = -1};
	struct sc_sym *task;

	f.step = parse_num(p, 1, LONG_MAX, "a step number");
	if (sched->len &&
	    g_array_index(sched, struct sc_forced, sched->len - 1).step >=
		    f.step)
		perr_tok(p, t,
			 "step %lu: the steps of a schedule must increase",
			 f.step);
	expect_punct(p, ":", "after the step (schedule STEP:TASK ...)");
	if (peek(p)->type == TK_NUM) {
		f.pid = parse_num(p, 0, INT_MAX, "a pid");
	} else {
		task = parse_task_ref(p);
		f.comm = task->cfg.name ? task->cfg.name : task->name;
	}
	g_array_append_val(sched, f);
}

void parse_schedule(struct parser *p, struct sc_stmt *s)
{
	struct scenario *scn = p->scn;

	s->kind = SC_S_SCHEDULE;
	if (!scn->schedule) {
		scn->schedule =
			g_array_new(FALSE, TRUE, sizeof(struct sc_forced));
		g_ptr_array_add(scn->arrays, scn->schedule);
	}
	/* "schedule none": no preemption anywhere */
	if (is_word(peek(p), "none") && peek2(p)->type != TK_PUNCT) {
		next(p);
		return;
	}
	if (peek(p)->type != TK_NUM)
		perr_tok(p, peek(p),
			 "expected STEP:TASK after schedule (e.g. schedule "
			 "35:mover 61:cutter), got '%s'",
			 tok_desc(peek(p)));
	while (peek(p)->type == TK_NUM) {
		parse_entry(p, scn->schedule);
		accept_punct(p, ",");
	}
}
