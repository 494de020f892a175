/*
 * sim/scenario/strategy_opt.c - the --strategy and --schedule options of
 * run, replay and explore: which strategy the seeded scheduler follows
 * (sim/engine/strategy.c), and explore's walk of a preemption-bounded
 * schedule space.
 *
 *   --strategy pct[:DEPTH]      PCT with DEPTH change points (default 3)
 *   --strategy random           a uniform choice at every point
 *   --strategy preempt-bound:K  every schedule with at most K preemptions;
 *                               the seed numbers the schedule (pbound.c)
 *   --schedule STEP:TASK,...    a forced schedule (TASK: comm or pid)
 *
 * Like --detect, each option takes effect when GOption sees it and adds
 * itself to the replay command a failure prints.
 *
 * Host world, the command line: it stands for no 2006 file.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "../engine/engine.h"
#include "cli.h"
#include "trial.h"

#define PCT_EXPECTED_STEPS 1000 /* seeded.c's default */

static int bound = -1; /* preempt-bound:K, else -1 */

int cli_strategy_bound(void)
{
	return bound;
}

static gboolean parse_param(const char *value, const char *name,
			    const char *text, long max, long *out,
			    GError **error)
{
	g_autoptr(GError) err = NULL;

	if (cli_parse_int(text, 0, max, out, &err))
		return TRUE;
	g_set_error(error, CLI_ERROR, 0, "--strategy: '%s': %s %s", value, name,
		    err->message);
	return FALSE;
}

gboolean cli_strategy_option(const gchar *option, const gchar *value,
			     gpointer data, GError **error)
{
	const char *colon = strchr(value, ':');
	g_autofree gchar *kind =
		g_strndup(value, colon ? colon - value : (long)strlen(value));
	g_autofree gchar *args = NULL;
	long n;

	(void)option;
	(void)data;
	if (!strcmp(kind, "pct")) {
		if (colon &&
		    !parse_param(value, "DEPTH", colon + 1, 1000, &n, error))
			return FALSE;
		sim_engine_set_strategy(SIM_STRATEGY_PCT);
		if (colon)
			sim_engine_set_pct(n, PCT_EXPECTED_STEPS);
	} else if (!strcmp(kind, "random") && !colon) {
		sim_engine_set_strategy(SIM_STRATEGY_RANDOM);
	} else if (!strcmp(kind, "preempt-bound") && colon) {
		if (!parse_param(value, "K", colon + 1, 100, &n, error))
			return FALSE;
		bound = n;
		sim_engine_set_strategy(SIM_STRATEGY_FORCED);
	} else {
		g_set_error(error, CLI_ERROR, 0,
			    "--strategy: unknown strategy '%s' (pct[:DEPTH], "
			    "random or preempt-bound:K)",
			    value);
		return FALSE;
	}
	args = g_strdup_printf(" --strategy %s", value);
	cli_replay_args_add(args);
	return TRUE;
}

/* STEP:TASK, TASK a pid or a comm; steps increasing. */
static gboolean add_entry(const char *entry, unsigned long *last,
			  GError **error)
{
	const char *colon = strchr(entry, ':');
	g_autofree gchar *step_text = NULL;
	long step, pid = -1;

	if (!colon || !colon[1]) {
		g_set_error(error, CLI_ERROR, 0,
			    "--schedule: '%s' is not STEP:TASK", entry);
		return FALSE;
	}
	step_text = g_strndup(entry, colon - entry);
	if (!cli_parse_int(step_text, 1, G_MAXLONG, &step, NULL) ||
	    (unsigned long)step <= *last) {
		g_set_error(error, CLI_ERROR, 0,
			    "--schedule: '%s': the step must be a number "
			    "above the previous entry's",
			    entry);
		return FALSE;
	}
	if (g_ascii_isdigit(colon[1]) &&
	    !cli_parse_int(colon + 1, 0, G_MAXINT, &pid, NULL)) {
		g_set_error(error, CLI_ERROR, 0, "--schedule: '%s': not a pid",
			    entry);
		return FALSE;
	}
	*last = step;
	sim_engine_force(step, pid, pid < 0 ? colon + 1 : NULL);
	return TRUE;
}

gboolean cli_schedule_option(const gchar *option, const gchar *value,
			     gpointer data, GError **error)
{
	g_auto(GStrv) entries = g_strsplit(value, ",", -1);
	g_autofree gchar *args = NULL;
	unsigned long last = 0;
	int i;

	(void)option;
	(void)data;
	sim_engine_force_clear();
	for (i = 0; entries[i]; i++)
		if (entries[i][0] && !add_entry(entries[i], &last, error))
			return FALSE;
	sim_engine_set_strategy(SIM_STRATEGY_FORCED);
	args = g_strdup_printf(" --schedule %s", value);
	cli_replay_args_add(args);
	return TRUE;
}

/* "12:3,40:2": a forced list as --schedule takes it. */
gchar *cli_schedule_text(const GArray *forced)
{
	GString *s = g_string_new(NULL);
	const struct sc_forced *f;
	guint i;

	for (i = 0; i < forced->len; i++) {
		f = &g_array_index(forced, struct sc_forced, i);
		g_string_append_printf(s, "%s%lu:", i ? "," : "", f->step);
		if (f->pid >= 0)
			g_string_append_printf(s, "%d", f->pid);
		else
			g_string_append(s, f->comm);
	}
	return g_string_free(s, FALSE);
}

/*
 * run and replay under preempt-bound:K: the schedule numbered by the seed,
 * found by walking the enumeration, becomes the forced schedule.
 */
int cli_strategy_prepare(const char *cmd, struct scenario *scn,
			 unsigned long long seed, unsigned long steps)
{
	g_autoptr(GArray) forced = NULL;
	int ret;

	if (bound < 0)
		return 0;
	forced = g_array_new(FALSE, TRUE, sizeof(struct sc_forced));
	ret = pb_schedule_at(scn, bound, steps, seed, forced);
	if (ret > 0)
		return cli_usage_error(cmd,
				       "--seed: %llu is beyond the schedule "
				       "space of preempt-bound:%d",
				       seed, bound);
	if (ret < 0) {
		fprintf(stderr, "mmsim %s: cannot start a child\n", cmd);
		return MMSIM_EXIT_SIMULATOR;
	}
	trial_force(forced);
	return 0;
}
