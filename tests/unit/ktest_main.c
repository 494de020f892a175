/*
 * ktest_main.c - runs the kernel-world unit tests (KTEST) with Check.
 *
 * Usage: ktest_runner SUITE   runs the tests of tests/kernel/test_SUITE.c
 *        ktest_runner --list  lists suites and tests
 * Each test runs in its own forked child (Check's CK_FORK), so each boots
 * its own simulated machine and a kernel BUG in one cannot touch another.
 */
#include <check.h>
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sim/ktest.h>

extern const struct ktest __start_mmsim_ktests[];
extern const struct ktest __stop_mmsim_ktests[];

void sim_ktest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	_ck_assert_failed(file, line, msg, NULL);
	abort(); /* not reached: Check ends the test */
}

void sim_ktest_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* "tests/kernel/test_page_alloc.c" -> "page_alloc" */
static char *suite_of(const struct ktest *t)
{
	g_autofree char *base = g_path_get_basename(t->file);
	const char *s = g_str_has_prefix(base, "test_") ? base + 5 : base;
	char *dot = strrchr(s, '.');
	return g_strndup(s, dot ? (gsize)(dot - s) : strlen(s));
}

int main(int argc, char **argv)
{
	const struct ktest *t;
	if (argc != 2) {
		fprintf(stderr, "usage: %s SUITE | --list\n", argv[0]);
		return 2;
	}
	if (!strcmp(argv[1], "--list")) {
		for (t = __start_mmsim_ktests; t < __stop_mmsim_ktests; t++) {
			g_autofree char *s = suite_of(t);
			printf("%s %s\n", s, t->name);
		}
		return 0;
	}
	Suite *suite = suite_create(argv[1]);
	TCase *tc = tcase_create("kernel");
	tcase_set_timeout(tc, 120);
	int n = 0;
	GPtrArray *ttests = g_ptr_array_new_with_free_func(g_free);
	for (t = __start_mmsim_ktests; t < __stop_mmsim_ktests; t++) {
		g_autofree char *s = suite_of(t);
		if (strcmp(s, argv[1]))
			continue;
		TTest *tt = g_new0(TTest, 1);
		tt->name = t->name;
		tt->fn = t->fn;
		tt->file = t->file;
		tt->line = t->line;
		g_ptr_array_add(ttests, tt);
		tcase_add_test(tc, tt);
		n++;
	}
	if (n == 0) {
		fprintf(stderr, "ktest_runner: no tests in suite '%s'\n",
			argv[1]);
		return 2;
	}
	suite_add_tcase(suite, tc);
	SRunner *sr = srunner_create(suite);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	g_ptr_array_free(ttests, TRUE);
	return failed ? 1 : 0;
}
