/*
 * tests/unit/test_selftest_reports.c - wrong kernel code is reported the
 * way 2006 reported it, with exit status 3: a sleeping lock taken under a
 * spinlock, an ABBA deadlock between two tasks (seeded mode), BUG().
 * Each case runs in a forked child whose stderr is captured.
 */
#include <check.h>
#include <glib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sim/kernel.h>
#include "../../sim/engine/engine.h"
#include "child_capture.h"

static void boot(void)
{
	struct sim_machine_config cfg;
	char err[256];

	sim_machine_defaults(&cfg, 1, 16 << 20);
	if (sim_kernel_boot(&cfg, err, sizeof(err)))
		_exit(99);
}

static void run_one(void *name)
{
	struct sim_task_config tc = {.name = name, .uid = 0};
	int pid = sim_task_create(&tc, 0);

	sim_task_enter(pid);
	sim_selftest(name);
}

/* Runs fn in a child; returns its exit status and what it printed. */
static int child_report(void (*fn)(void), char **text)
{
	static struct captured c;
	int status = run_child_noarg(fn, &c);

	*text = g_strdup(c.err);
	return status;
}

static void sleep_under_spinlock(void)
{
	sim_engine_init(7);
	sim_engine_set_mode(SIM_SCHED_SEEDED);
	boot();
	run_one("sleep_under_spinlock");
}

static void abba(void)
{
	long a, b;

	sim_engine_init(7);
	sim_engine_set_mode(SIM_SCHED_SEEDED);
	boot();
	a = sim_thread_spawn("abba_ab", 0, 0, run_one, "abba_ab");
	b = sim_thread_spawn("abba_ba", 0, 0, run_one, "abba_ba");
	sim_thread_join(a);
	sim_thread_join(b);
}

static void bug(void)
{
	sim_engine_init(7);
	boot();
	run_one("bug");
}

START_TEST(sleeping_under_a_spinlock_is_reported_exit_3)
{
	char *text;

	ck_assert_int_eq(child_report(sleep_under_spinlock, &text), 3);
	ck_assert_msg(strstr(text, "BUG: sleeping function called from "
				   "invalid context"),
		      "%s", text);
	ck_assert_msg(strstr(text, "selftest_lock"), "%s", text);
	ck_assert_msg(strstr(text, "seed: 7"), "%s", text);
	g_free(text);
}
END_TEST

START_TEST(abba_deadlock_between_two_tasks_is_reported_exit_3)
{
	char *text;

	ck_assert_int_eq(child_report(abba, &text), 3);
	ck_assert_msg(strstr(text, "deadlock"), "%s", text);
	ck_assert_msg(strstr(text, "abba_ab"), "%s", text);
	ck_assert_msg(strstr(text, "abba_ba"), "%s", text);
	ck_assert_msg(strstr(text, "selftest_sem_a"), "%s", text);
	ck_assert_msg(strstr(text, "selftest_sem_b"), "%s", text);
	g_free(text);
}
END_TEST

START_TEST(bug_is_reported_with_file_and_line_exit_3)
{
	char *text;

	ck_assert_int_eq(child_report(bug, &text), 3);
	ck_assert_msg(strstr(text, "kernel BUG at "), "%s", text);
	ck_assert_msg(strstr(text, "selftest.c:"), "%s", text);
	g_free(text);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("selftest_reports");
	TCase *tc = tcase_create("reports");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, sleeping_under_a_spinlock_is_reported_exit_3);
	tcase_add_test(tc, abba_deadlock_between_two_tasks_is_reported_exit_3);
	tcase_add_test(tc, bug_is_reported_with_file_and_line_exit_3);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
