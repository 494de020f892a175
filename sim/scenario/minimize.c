/*
 * sim/scenario/minimize.c - mmsim minimize FILE --seed N: the failing
 * schedule of a seed, shrunk to the fewest preemptions (then the fewest
 * switches) that still fail the same way, written out as a regression
 * scenario that pins it with a schedule statement and tells its story.
 *
 * "The same way": the same exit status and the same first line on
 * stderr (the BUG line, the failed expectation).  The search, each run a
 * child (trial.c):
 *
 * 1. The seed's run, its choices logged, becomes a forced schedule: its
 *    choices that a non-preemptive scheduler would not have made.  Run
 *    forced, it must fail the same way (it is the same run).
 * 2. Greedy, entries named by "the K-th point of task P" so that a change
 *    does not shift the others: bypass a task, merge two switches into
 *    one, drop a switch, send one to another task; a run that fails the
 *    same way with fewer preemptions, switches or entries (in that
 *    order) is kept, as the choices it actually made.
 * 3. Below what greedy reached, preemption-bounded enumeration
 *    (pbound.c) with K = 0, 1, ... looks for a schedule with fewer
 *    preemptions; an exhausted space proves there is none.  Steps 2 and
 *    3 share --budget runs.
 *
 * The story comes from the trace of the final schedule: at each switch,
 * who stopped (preempted, blocked, exited) in which mm/migrate.c function
 * (the line of its definition, seed_lines.c via the trace), and who ran.
 *
 * Host world, the test harness's side: it stands for no 2006 file.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "../engine/engine.h"
#include "cli.h"
#include "trial.h"

struct min {
	const char *file;
	struct scenario *scn;
	unsigned long steps;
	long budget; /* runs left for step 3 */
	unsigned long runs;
	struct trial want; /* the seed's run */
	struct trial best;
	GArray *forced; /* best's schedule */
	int searched; /* step 3 exhausted spaces 0..searched, -1: none */
	int p0, s0; /* the seed's preemptions and switches */
	gboolean verbose; /* each run on stderr */
};

/* t's choices as a forced list (trial_force_entry). */
static void schedule_of(const struct trial *t, GArray *forced, int by_task)
{
	guint i;

	g_array_set_size(forced, 0);
	for (i = 0; i < t->choices->len; i++)
		trial_force_entry(
			forced,
			&g_array_index(t->choices, struct trial_choice, i),
			by_task);
}

/* Forced entries a schedule needs: its choices that are not defaults. */
static int entries(const struct trial *t)
{
	const struct trial_choice *c;
	int n = 0;
	guint i;

	for (i = 0; i < t->choices->len; i++) {
		c = &g_array_index(t->choices, struct trial_choice, i);
		n += c->chosen != (c->cur >= 0 ? c->cur : 0);
	}
	return n;
}

/* Fewer preemptions, then switches, then entries: strictly, so step 2
 * ends. */
static int better(const struct trial *t, const struct trial *than)
{
	int a[3] = {trial_preemptions(t), trial_switches(t), entries(t)};
	int b[3] = {trial_preemptions(than), trial_switches(than),
		    entries(than)};
	int i;

	for (i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] < b[i];
	return 0;
}

/* Run forced; keep it as the best when it fails the same way, better. */
static int try_schedule(struct min *m, const GArray *forced)
{
	struct trial t;

	m->runs++;
	if (trial_run(m->scn, NULL, 0, m->steps, forced, 0, &t))
		return -1;
	if (m->verbose) {
		GString *d = g_string_new(NULL);

		for (guint i = 0; i < forced->len; i++) {
			const struct sc_forced *f =
				&g_array_index(forced, struct sc_forced, i);
			if (f->self >= 0)
				g_string_append_printf(d, " %d@%lu:%d", f->self,
						       f->count, f->pid);
			else
				g_string_append_printf(d, " %lu:%d", f->step,
						       f->pid);
		}
		fprintf(stderr,
			"run %lu: schedule%s: exit %d, %d "
			"preemption(s)%s%s\n",
			m->runs, d->str, t.status, trial_preemptions(&t),
			*t.first ? ": " : "", t.first);
		g_string_free(d, TRUE);
	}
	if (trial_same_failure(&t, &m->want) &&
	    (!m->best.choices || better(&t, &m->best))) {
		trial_clear(&m->best);
		m->best = t;
		schedule_of(&m->best, m->forced, 1);
		return 1;
	}
	trial_clear(&t);
	return 0;
}

/* The tasks a schedule names, as selves or as targets. */
static GArray *tasks_of(const GArray *forced)
{
	GArray *pids = g_array_new(FALSE, TRUE, sizeof(int));
	const struct sc_forced *f;
	guint i, k;
	int pid[2];

	for (i = 0; i < forced->len; i++) {
		f = &g_array_index(forced, struct sc_forced, i);
		pid[0] = f->self;
		pid[1] = f->pid;
		for (int j = 0; j < 2; j++) {
			for (k = 0; k < pids->len; k++)
				if (g_array_index(pids, int, k) == pid[j])
					break;
			if (k == pids->len && pid[j] >= 0)
				g_array_append_val(pids, pid[j]);
		}
	}
	return pids;
}

/*
 * Bypass task x: drop its own entries, and send each switch to it to
 * where x's next entry would have switched.
 */
static void bypass(GArray *cand, int x)
{
	struct sc_forced *f, *g;
	guint i, j;

	for (i = 0; i < cand->len; i++) {
		f = &g_array_index(cand, struct sc_forced, i);
		if (f->pid != x || f->self == x)
			continue;
		for (j = i + 1; j < cand->len; j++) {
			g = &g_array_index(cand, struct sc_forced, j);
			if (g->self == x) {
				f->pid = g->pid;
				break;
			}
		}
	}
	for (i = cand->len; i-- > 0;)
		if (g_array_index(cand, struct sc_forced, i).self == x)
			g_array_remove_index(cand, i);
}

/*
 * The moves of step 2, tried in order on the schedule: bypass a task;
 * merge entry i, a switch to B, with entry i+1 at B's next switch to C
 * into one switch to C (into none when C is where i came from); drop
 * entry i; switch to another task at entry i.  FALSE when move i does
 * not apply, -1 past the last move.
 */
static int move(const GArray *forced, const GArray *pids, guint i, GArray *cand)
{
	guint n = forced->len, t = pids->len;
	struct sc_forced *a, *b;

	g_array_set_size(cand, 0);
	g_array_append_vals(cand, forced->data, n);
	if (i < t) {
		bypass(cand, g_array_index(pids, int, i));
		return cand->len < n;
	}
	i -= t;
	if (i < n) {
		if (i + 1 >= n)
			return FALSE;
		a = &g_array_index(cand, struct sc_forced, i);
		b = &g_array_index(cand, struct sc_forced, i + 1);
		if (b->self != a->pid)
			return FALSE;
		if (b->pid == a->self) {
			g_array_remove_range(cand, i, 2);
			return TRUE;
		}
		a->pid = b->pid;
		g_array_remove_index(cand, i + 1);
		return TRUE;
	}
	i -= n;
	if (i < n) {
		g_array_remove_index(cand, i);
		return TRUE;
	}
	i -= n;
	if (i >= n * t)
		return -1;
	a = &g_array_index(cand, struct sc_forced, i / t);
	b = &g_array_index(forced, struct sc_forced, i / t);
	a->pid = g_array_index(pids, int, i % t);
	return a->pid != b->pid && a->pid != a->self;
}

/*
 * Step 2: bypass, merge, drop, switch elsewhere, keeping each change that
 * fails the same way and scores better; passes until one keeps nothing,
 * within the budget.
 */
static int greedy(struct min *m)
{
	g_autoptr(GArray) cand =
		g_array_new(FALSE, TRUE, sizeof(struct sc_forced));
	g_autoptr(GArray) pids = NULL;
	guint i;
	int r, ok, kept;

	do {
		kept = 0;
		for (i = 0; m->budget > 0; i++) {
			if (pids)
				g_array_unref(pids);
			pids = tasks_of(m->forced);
			ok = move(m->forced, pids, i, cand);
			if (ok < 0)
				break;
			if (!ok)
				continue;
			m->budget--;
			r = try_schedule(m, cand);
			if (r < 0)
				return -1;
			kept += r;
		}
	} while (kept && m->budget > 0);
	return 0;
}

/* Step 3: fewer preemptions than greedy found, by enumeration. */
static int bounded(struct min *m)
{
	g_autoptr(GArray) forced =
		g_array_new(FALSE, TRUE, sizeof(struct sc_forced));
	int k, found, target = trial_preemptions(&m->best);
	struct pbound *pb;
	struct trial t;

	for (k = 0; k < target; k++) {
		pb = pb_new(k);
		found = 0;
		while (!found && pb_next(pb, forced)) {
			if (m->budget-- <= 0)
				return 0;
			m->runs++;
			if (trial_run(m->scn, NULL, 0, m->steps, forced, 0,
				      &t)) {
				pb_free(pb);
				return -1;
			}
			pb_feed(pb, &t);
			if (trial_same_failure(&t, &m->want)) {
				trial_clear(&m->best);
				m->best = t;
				schedule_of(&m->best, m->forced, 1);
				found = 1;
			} else {
				trial_clear(&t);
			}
		}
		pb_free(pb);
		if (found)
			return 0;
		m->searched = k;
	}
	return 0;
}

/* How far below the result step 3 looked. */
static gchar *proof(const struct min *m)
{
	int p = trial_preemptions(&m->best);

	if (!p)
		return g_strdup("no preemption at all: none fewer");
	if (m->searched >= 0 && m->searched == p - 1)
		return g_strdup("no schedule with fewer preemptions fails so");
	if (m->searched >= 0)
		return g_strdup_printf("no schedule with at most %d fails so; "
				       "the budget ended the search above",
				       m->searched);
	return g_strdup("the fewest found within the budget");
}

/* ---- the story ------------------------------------------------------- */

struct who {
	GPtrArray *stack; /* funcgraph entries: "name (mm/migrate.c:N)" */
	gchar *probe; /* the last probe point it passed: "lock_page" */
	gchar *last; /* its last event: "sched_block: what=..." */
};

static void who_free(gpointer p)
{
	struct who *w = p;

	g_ptr_array_unref(w->stack);
	g_free(w->probe);
	g_free(w->last);
	g_free(w);
}

static struct who *who_of(GHashTable *tasks, const char *task)
{
	struct who *w = g_hash_table_lookup(tasks, task);

	if (!w) {
		w = g_new0(struct who, 1);
		w->stack = g_ptr_array_new_with_free_func(g_free);
		g_hash_table_insert(tasks, g_strdup(task), w);
	}
	return w;
}

/* " in do_move_pages (mm/migrate.c:657)", or "" outside mm/migrate.c. */
static gchar *where(const struct who *w)
{
	guint i;

	for (i = w->stack->len; i-- > 0;) {
		const char *f = g_ptr_array_index(w->stack, i);

		if (strstr(f, "(mm/migrate.c:"))
			return g_strdup_printf(" in %s", f);
	}
	if (w->probe)
		return g_strdup_printf(" (outside mm/migrate.c, last past %s)",
				       w->probe);
	return g_strdup("");
}

static void story_switch(GString *out, GHashTable *tasks, const char *task,
			 const char *fields)
{
	char next[64] = "", step[32] = "";
	int pid = -1, preempt = 0;
	g_autofree gchar *from = NULL, *to = NULL, *key = NULL;
	struct who *w = who_of(tasks, task);
	const char *how = "is preempted";

	sscanf(fields, "step=%31s next_comm=%63s next_pid=%d preempt=%d", step,
	       next, &pid, &preempt);
	key = g_strdup_printf("%s-%d", next, pid);
	if (!strcmp(key, task))
		return;
	from = where(w);
	to = where(who_of(tasks, key));
	if (!preempt && w->last && g_str_has_prefix(w->last, "sched_block"))
		how = w->last + strlen("sched_block: ");
	else if (!preempt && w->last &&
		 g_str_has_prefix(w->last, "sched_process_exit"))
		how = "exits";
	else if (!preempt)
		how = "gives way";
	g_string_append_printf(out, "#   step %s: %s%s %s%s%s; %s runs%s%s\n",
			       step, task, from, preempt ? "" : "waits (", how,
			       preempt ? "" : ")", key, *to ? ", resuming" : "",
			       to);
}

static void story_line(GString *out, GHashTable *tasks, const char *line,
		       gchar **last)
{
	g_autofree gchar *task = NULL;
	const char *ev, *fields;
	struct who *w;

	while (*line == ' ')
		line++;
	task = g_strndup(line, strcspn(line, " "));
	ev = strstr(line, ": ");
	if (!ev || !*task || *task == '#')
		return;
	ev += 2;
	fields = strstr(ev, ": ");
	fields = fields ? fields + 2 : "";
	w = who_of(tasks, task);
	g_free(*last);
	*last = g_strdup(task);
	if (g_str_has_prefix(ev, "funcgraph_entry: ")) {
		g_ptr_array_add(w->stack, g_strdup(fields));
	} else if (g_str_has_prefix(ev, "funcgraph_exit: ")) {
		if (w->stack->len)
			g_ptr_array_set_size(w->stack, w->stack->len - 1);
	} else if (g_str_has_prefix(ev, "probe: ")) {
		g_free(w->probe);
		w->probe = g_strdup(fields);
	} else if (g_str_has_prefix(ev, "sched_choice: ")) {
		story_switch(out, tasks, task, fields);
	} else if (g_str_has_prefix(ev, "sched_block: ") ||
		   g_str_has_prefix(ev, "sched_process_exit")) {
		g_free(w->last);
		w->last = g_strdup(ev);
	} else if (g_str_has_prefix(ev, "sched_switch")) {
		g_free(w->last);
		w->last = NULL;
	}
}

static gchar *story(struct min *m)
{
	g_autoptr(GHashTable) tasks = g_hash_table_new_full(
		g_str_hash, g_str_equal, g_free, who_free);
	GString *out = g_string_new(NULL);
	g_auto(GStrv) lines = NULL;
	g_autofree gchar *last = NULL; /* the last task in the trace */
	struct trial t;
	int i;

	if (trial_run(m->scn, NULL, 0, m->steps, m->forced, 1, &t))
		return g_string_free(out, FALSE);
	lines = g_strsplit(t.trace ? t.trace : "", "\n", -1);
	for (i = 0; lines[i]; i++)
		story_line(out, tasks, lines[i], &last);
	if (last) {
		g_autofree gchar *at = where(who_of(tasks, last));

		g_string_append_printf(out, "#   %s goes on, last seen%s:\n",
				       last, at);
	}
	g_string_append_printf(out, "#   %s (exit %d: %s)\n", t.first, t.status,
			       cli_status_text(t.status));
	trial_clear(&t);
	return g_string_free(out, FALSE);
}

/* ---- the scenario written ------------------------------------------- */

/* A comm the scenario declares a task for: its name there, else NULL. */
static const char *task_name(struct scenario *scn, const char *comm)
{
	guint i;

	for (i = 0; i < scn->stmts->len; i++) {
		struct sc_stmt *s = g_ptr_array_index(scn->stmts, i);

		if (s->kind == SC_S_TASK && s->task->cfg.name &&
		    !strcmp(s->task->cfg.name, comm))
			return s->task->name;
	}
	return NULL;
}

static int last_task_line(struct scenario *scn)
{
	int line = 1;
	guint i;

	for (i = 0; i < scn->stmts->len; i++) {
		struct sc_stmt *s = g_ptr_array_index(scn->stmts, i);

		if (s->kind == SC_S_TASK || s->kind == SC_S_MACHINE)
			line = MAX(line, s->line);
	}
	return line;
}

static const char *comm_of(const struct trial *t, int pid)
{
	const struct trial_choice *c;
	guint i;
	int j;

	for (i = 0; i < t->choices->len; i++) {
		c = &g_array_index(t->choices, struct trial_choice, i);
		for (j = 0; j < c->n; j++)
			if (c->pid[j] == pid)
				return c->comm[j];
	}
	return "";
}

static gchar *schedule_stmt(struct min *m)
{
	GString *s = g_string_new("schedule");

	if (!m->forced->len)
		g_string_append(s, " none");
	const struct sc_forced *f;
	const char *name;
	guint i;

	for (i = 0; i < m->forced->len; i++) {
		f = &g_array_index(m->forced, struct sc_forced, i);
		name = task_name(m->scn, comm_of(&m->best, f->pid));
		if (name)
			g_string_append_printf(s, " %lu:%s", f->step, name);
		else
			g_string_append_printf(s, " %lu:%d", f->step, f->pid);
	}
	return g_string_free(s, FALSE);
}

static int write_scenario(struct min *m, const char *out,
			  unsigned long long seed)
{
	g_autofree gchar *tale = story(m), *stmt = schedule_stmt(m);
	g_autofree gchar *why = proof(m);
	g_autofree gchar *base = g_path_get_basename(out);
	GString *text = g_string_new(NULL);
	g_autoptr(GError) error = NULL;
	int i, after = last_task_line(m->scn), ok;

	g_string_append_printf(
		text,
		"# %s - regression scenario written by mmsim minimize:\n"
		"# %s, seed %llu, shrunk from %d preemption(s) and %d "
		"switch(es)\n"
		"# to %d preemption(s) and %d switch(es)\n"
		"# (%s).\n"
		"# The schedule statement pins that interleaving, so it "
		"fails the same way\n"
		"# on every seed: "
		"exit %d, \"%s\".\n"
		"#\n"
		"# The story, step by step (scheduling steps; each "
		"mm/migrate.c function\n"
		"# with the line of its definition):\n%s"
		"#\n"
		"# Replay: mmsim replay %s --seed 0\n"
		"# The original header follows.\n#\n",
		base, m->file, seed, m->p0, m->s0, trial_preemptions(&m->best),
		trial_switches(&m->best), why, m->best.status, m->best.first,
		tale, out);
	for (i = 0; i < m->scn->nr_lines; i++) {
		if (i == m->scn->nr_lines - 1 && !*m->scn->lines[i])
			break;
		g_string_append_printf(text, "%s\n", m->scn->lines[i]);
		if (i + 1 == after)
			g_string_append_printf(
				text,
				"# the minimized interleaving: at step S run "
				"TASK, no preemption in between\n%s\n",
				stmt);
	}
	ok = g_file_set_contents(out, text->str, text->len, &error);
	g_string_free(text, TRUE);
	if (!ok)
		return cli_usage_error("minimize", "-o: %s", error->message);
	return 0;
}

/* ---- the command -------------------------------------------------------- */

static int search(struct min *m, unsigned long long seed)
{
	if (trial_run(m->scn, NULL, seed, m->steps, NULL, 0, &m->want))
		return -1;
	if (m->want.status == MMSIM_EXIT_OK)
		return cli_usage_error("minimize",
				       "--seed: seed %llu passes: nothing to "
				       "minimize",
				       seed);
	m->p0 = trial_preemptions(&m->want);
	m->s0 = trial_switches(&m->want);
	schedule_of(&m->want, m->forced, 1);
	if (try_schedule(m, m->forced) <= 0) {
		fprintf(stderr,
			"mmsim minimize: seed %llu, forced, does not fail "
			"as it did (%s)\n",
			seed, m->want.first);
		return MMSIM_EXIT_SIMULATOR;
	}
	if (greedy(m) || bounded(m))
		return -1;
	/* What the scenario will say: the same choices, by step. */
	schedule_of(&m->best, m->forced, 0);
	trial_clear(&m->want);
	m->want = m->best;
	memset(&m->best, 0, sizeof(m->best));
	if (try_schedule(m, m->forced) <= 0) {
		fprintf(stderr, "mmsim minimize: the schedule by steps does "
				"not fail as it did by tasks' points\n");
		return MMSIM_EXIT_SIMULATOR;
	}
	schedule_of(&m->best, m->forced, 0);
	return 0;
}

static const char minimize_description[] =
	"Runs FILE with --seed N (under --strategy, PCT by default); if it\n"
	"fails, looks for a schedule with the fewest preemptions, then the\n"
	"fewest switches, that fails the same way (the same exit status and\n"
	"the same first line of its report), and writes a scenario that\n"
	"pins it with a schedule statement, its story in the header: a\n"
	"regression test that fails on every seed.\n"
	"\n"
	"Example:\n"
	"  mmsim minimize scenarios/17-truncate-vs-migration.mmsim --seed 22\n"
	"\n"
	"Exit status: 0 written, 2 usage error or the seed passes, 4 the\n"
	"simulator failed.";

int mmsim_cmd_minimize(int argc, char **argv)
{
	gchar *seed_text = NULL, *out = NULL, *steps_text = NULL;
	gchar *budget_text = NULL;
	struct min m = {.budget = 3000, .searched = -1};
	GOptionEntry entries[] = {
		{"seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
		 "The failing seed (required)", "N"},
		{"output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
		 "The scenario to write (default FILE-minimized-seedN.mmsim)",
		 "OUT"},
		{"steps", 0, 0, G_OPTION_ARG_STRING, &steps_text,
		 "Report a livelock after BUDGET scheduling points", "BUDGET"},
		{"budget", 0, 0, G_OPTION_ARG_STRING, &budget_text,
		 "Runs for steps 2 and 3 of the search together (default 3000)",
		 "RUNS"},
		{"verbose", 'v', 0, G_OPTION_ARG_NONE, &m.verbose,
		 "Print every run's schedule (PID@K:PID: at the K-th point "
		 "of task PID, switch to PID) and outcome",
		 NULL},
		CLI_STRATEGY_OPTIONS,
		{NULL}};
	g_autoptr(GOptionContext) ctx = g_option_context_new("FILE");
	g_autoptr(GError) error = NULL;
	g_autofree gchar *why = NULL;
	long seed = 0, steps = 0;
	int ret = MMSIM_EXIT_USAGE;

	g_set_prgname("mmsim minimize");
	g_option_context_set_summary(ctx, "Shrink a failing seed's schedule "
					  "into a regression scenario.");
	g_option_context_set_description(ctx, minimize_description);
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		ret = cli_usage_error("minimize", "%s", error->message);
		goto out;
	}
	if (argc != 2) {
		cli_usage_error("minimize",
				argc < 2 ? "no scenario file (mmsim minimize "
					   "FILE --seed N)"
					 : "unexpected argument '%s'",
				argc > 2 ? argv[2] : "");
		goto out;
	}
	if (!seed_text) {
		cli_usage_error("minimize", "--seed: required (a failing "
					    "seed, from mmsim explore)");
		goto out;
	}
	if (!cli_parse_int(seed_text, 0, G_MAXLONG, &seed, &error)) {
		cli_usage_error("minimize", "--seed: %s", error->message);
		goto out;
	}
	if (steps_text &&
	    !cli_parse_int(steps_text, 1, G_MAXLONG, &steps, &error)) {
		cli_usage_error("minimize", "--steps: %s", error->message);
		goto out;
	}
	if (budget_text &&
	    !cli_parse_int(budget_text, 0, G_MAXLONG, &m.budget, &error)) {
		cli_usage_error("minimize", "--budget: %s", error->message);
		goto out;
	}
	sim_engine_init(seed);
	m.file = argv[1];
	m.scn = cli_load_scenario("minimize", argv[1]);
	if (!m.scn)
		goto out;
	m.steps = steps;
	m.forced = g_array_new(FALSE, TRUE, sizeof(struct sc_forced));
	ret = cli_strategy_prepare("minimize", m.scn, seed, steps);
	if (!ret)
		ret = search(&m, seed);
	if (ret) {
		if (ret < 0) {
			fprintf(stderr,
				"mmsim minimize: cannot start a "
				"child: %s\n",
				strerror(errno));
			ret = MMSIM_EXIT_SIMULATOR;
		}
		goto out;
	}
	if (!out) {
		g_autofree gchar *stem =
			g_str_has_suffix(m.file, ".mmsim")
				? g_strndup(m.file, strlen(m.file) - 6)
				: g_strdup(m.file);

		out = g_strdup_printf("%s-minimized-seed%ld.mmsim", stem, seed);
	}
	ret = write_scenario(&m, out, seed);
	if (ret)
		goto out;
	why = proof(&m);
	printf("seed %ld: %d preemption(s), %d switch(es); minimized: %d "
	       "preemption(s), %d switch(es) (%s); %lu runs\n",
	       seed, m.p0, m.s0, trial_preemptions(&m.best),
	       trial_switches(&m.best), why, m.runs);
	printf("fails with: exit %d, %s\nwrote %s\n", m.best.status,
	       m.best.first, out);
out:
	trial_clear(&m.want);
	trial_clear(&m.best);
	if (m.forced)
		g_array_unref(m.forced);
	sc_free(m.scn);
	g_free(seed_text);
	g_free(out);
	g_free(steps_text);
	g_free(budget_text);
	return ret;
}
