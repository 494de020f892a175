/*
 * sim/scenario/check_every.c - mmsim run --check-every N: the invariant
 * checker (sim_check, kernel/mmsim/checker.c) mid-run, in the spirit of
 * 2006's CONFIG_DEBUG_VM checks but over the whole machine.
 *
 * The checker compares every struct page with what refers to it, which
 * only holds when no task is half-way through a kernel entry (a page
 * isolated from the LRU by a migration, a pte being changed).  So the
 * interpreter tells this file when a task enters the kernel for an action
 * (a system call, a fault, a file operation) and when it leaves; the check
 * runs at the first kernel exit after every N-th scheduling step at which
 * no task is inside the kernel: every task off-CPU between kernel entries.
 * It runs as one step of the schedule (sim_engine_hold_schedule), so the
 * interleaving around it is the one the seed gives without the check,
 * but it does drain the per-CPU pagevecs, as a quiet kernel would: the
 * run is the same run only with the same --check-every, which the replay
 * command carries.
 *
 * A violation prints the relations and objects the checker names, the
 * step, the task and action that had just left the kernel, the seed and
 * the replay command, and ends the run with status 3.  Seeded mode only:
 * free mode has no steps.
 */
#include <stdio.h>
#include <unistd.h>

#include <glib.h>

#include <sim/kernel.h>

#include "../engine/engine.h"
#include "cli.h"
#include "check_every.h"

static struct {
	long every; /* 0: off */
	unsigned long next_due; /* the step the next check waits for */
	int in_kernel; /* tasks inside a kernel entry */
	unsigned long entries; /* kernel entries so far */
	unsigned long checks; /* how many ran */
} ce;

gboolean cli_check_every_option(const gchar *option, const gchar *value,
				gpointer data, GError **error)
{
	g_autoptr(GError) err = NULL;
	g_autofree gchar *args = NULL;

	(void)option;
	(void)data;
	if (!cli_parse_int(value, 1, G_MAXLONG, &ce.every, &err)) {
		g_set_error(error, CLI_ERROR, 0, "--check-every: %s",
			    err->message);
		return FALSE;
	}
	ce.next_due = ce.every;
	args = g_strdup_printf(" --check-every %s", value);
	cli_replay_args_add(args);
	return TRUE;
}

int sc_check_every_enabled(void)
{
	return ce.every != 0;
}

void sc_kernel_enter(void)
{
	__atomic_add_fetch(&ce.in_kernel, 1, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&ce.entries, 1, __ATOMIC_SEQ_CST);
}

static void emit_gstring(void *ctx, const char *text, unsigned long len)
{
	g_string_append_len(ctx, text, len);
}

static void check_now(const char *task, int line, const char *replay)
{
	g_autoptr(GString) found = g_string_new(NULL);
	unsigned long step = sim_engine_steps();
	unsigned long entries = __atomic_load_n(&ce.entries, __ATOMIC_SEQ_CST);
	int n;

	sim_engine_hold_schedule(1);
	n = sim_check(emit_gstring, found);
	sim_engine_hold_schedule(0);
	/*
	 * Draining the pagevecs may wait for a CPU, and whoever runs then
	 * may enter the kernel (a mover isolating pages): what the check saw
	 * mixes two moments.  Try again at the next kernel exit.
	 */
	if (__atomic_load_n(&ce.entries, __ATOMIC_SEQ_CST) != entries) {
		ce.next_due = step;
		return;
	}
	ce.checks++;
	if (!n)
		return;
	fflush(stdout);
	fprintf(stderr,
		"BUG: invariant violated at step %lu (--check-every %ld), "
		"after %s left the kernel (line %d)\n"
		"%d violation(s):\n%s",
		step, ce.every, task, line, n, found->str);
	if (found->len && found->str[found->len - 1] != '\n')
		fputc('\n', stderr);
	fprintf(stderr, "seed: %llu\n", sim_engine_seed());
	if (replay)
		fprintf(stderr, "replay: %s\n", replay);
	fprintf(stderr, "mmsim: kernel misbehaved (exit %d)\n",
		MMSIM_EXIT_KERNEL);
	fflush(stderr);
	sim_engine_trace_close();
	_exit(MMSIM_EXIT_KERNEL);
}

void sc_kernel_exit(const char *task, int line, const char *replay)
{
	int left = __atomic_sub_fetch(&ce.in_kernel, 1, __ATOMIC_SEQ_CST);
	unsigned long step;

	if (!ce.every || left || sim_engine_mode() != SIM_SCHED_SEEDED)
		return;
	step = sim_engine_steps();
	if (step < ce.next_due)
		return;
	ce.next_due = (step / ce.every + 1) * ce.every;
	check_now(task, line, replay);
}

unsigned long sc_check_every_count(void)
{
	return ce.checks;
}
