/*
 * sim/scenario/detect.c - the --detect option of run, replay and explore:
 * which of the engine's race and memory detectors watch the run; and the
 * replay arguments every detector option (--check-every too) adds.
 *
 * Each detector costs run time (README: "Detectors"), so all are off
 * unless named.  The option is parsed by GOption's callback as soon as it
 * is seen, switches the detectors on in the engine, and remembers itself
 * so that the replay command a report prints switches them on again.
 */
#include <string.h>

#include <glib.h>

#include "../engine/engine.h"
#include "cli.h"

static const struct {
	const char *name;
	void (*enable)(int on);
} detectors[] = {
	{"kasan", sim_engine_set_kasan},
	{"lockdep", sim_engine_set_lockdep},
	{"kcsan", sim_engine_set_kcsan},
};

/*
 * " --detect kasan,... --check-every N": what replays the run with the
 * same detectors.
 */
static GString *detect_replay;

gboolean cli_detect_option(const gchar *option, const gchar *value,
			   gpointer data, GError **error)
{
	g_auto(GStrv) names = g_strsplit(value, ",", -1);
	g_autofree gchar *args = NULL;
	gsize i, d;

	(void)option;
	(void)data;
	for (i = 0; names[i]; i++) {
		for (d = 0; d < G_N_ELEMENTS(detectors); d++)
			if (!strcmp(names[i], detectors[d].name))
				break;
		if (d == G_N_ELEMENTS(detectors)) {
			g_set_error(error, CLI_ERROR, 0,
				    "--detect: unknown detector '%s' (one of: "
				    "kasan, lockdep, kcsan)",
				    names[i]);
			return FALSE;
		}
		detectors[d].enable(1);
	}
	args = g_strdup_printf(" --detect %s", value);
	cli_replay_args_add(args);
	return TRUE;
}

void cli_replay_args_add(const char *args)
{
	if (!detect_replay)
		detect_replay = g_string_new(NULL);
	g_string_append(detect_replay, args);
}

const char *cli_detect_replay_args(void)
{
	return detect_replay ? detect_replay->str : "";
}
