/*
 * tests/unit/test_radix_tree_rcu.c - lockless RCU readers of the kernel's
 * radix tree against one writer, on real threads (free mode): the
 * writer (a kernel thread) grows the tree from a direct root pointer to
 * height 11 and shrinks it back, round after round, tagging and
 * untagging, and RCU-frees what it deletes; two readers run
 * radix_tree_lookup, radix_tree_gang_lookup(_tag) and radix_tree_tag_get
 * under rcu_read_lock alone and check every item they see (see
 * sim_radix_stress in <sim/radix_test.h>).  Run under AddressSanitizer a
 * reader touching a node or item freed too early is a heap-use-after-free.
 *
 * MMSIM_RADIX_RCU_SECONDS sets the duration (default 1.5 s; the "long"
 * CTest target, registered with -DMMSIM_LONG_TESTS=ON, runs 60 s).
 */
#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#include <sim/kernel.h>
#include <sim/radix_test.h>

#include "../../sim/engine/engine.h"

static double seconds(void)
{
	const char *v = g_getenv("MMSIM_RADIX_RCU_SECONDS");
	double s = v && *v ? g_ascii_strtod(v, NULL) : 1.5;

	return s > 0 ? s : 1.5;
}

static void boot(void)
{
	struct sim_machine_config cfg;
	char err[256];

	sim_engine_init(7);
	sim_machine_defaults(&cfg, 2, 64 << 20);
	ck_assert_msg(sim_kernel_boot(&cfg, err, sizeof(err)) == 0, "boot: %s",
		      err);
}

START_TEST(rcu_readers_never_see_a_freed_or_foreign_item)
{
	struct sim_radix_stress s = {
		.nr_readers = 2, .seed = 2007, .gang_every = 4};
	struct sim_radix_stress_run *run;
	double secs = seconds();
	int i;

	boot();
	run = sim_radix_stress_start(&s);
	ck_assert_ptr_nonnull(run);
	g_usleep((gulong)(secs * G_USEC_PER_SEC));
	sim_radix_stress_stop(run);

	printf("radix rcu: %.1f s, %lu rounds, %lu writer ops, %lu height "
	       "changes, heights %u..%u, %lu direct roots\n",
	       secs, s.rounds, s.writer_ops, s.height_changes, s.min_height,
	       s.max_height, s.direct_roots);
	for (i = 0; i < s.nr_readers; i++)
		printf("radix rcu: reader %d: %lu lookups (%lu found), %lu "
		       "gang lookups (%lu items)\n",
		       i, s.lookups[i], s.hits[i], s.gang_lookups[i],
		       s.gang_items[i]);
	ck_assert_msg(s.errors == 0, "%lu errors, the first: %s", s.errors,
		      s.first_error);
	ck_assert_int_eq(s.leaked_nodes, 0);
	/* the writer went through every shape */
	ck_assert_uint_gt(s.rounds, 10);
	ck_assert_uint_eq(s.min_height, 0);
	ck_assert_uint_eq(s.max_height, 11);
	ck_assert_uint_gt(s.height_changes, 20);
	ck_assert_uint_gt(s.direct_roots, 0);
	/* and the readers really raced with it */
	for (i = 0; i < s.nr_readers; i++) {
		ck_assert_uint_gt(s.lookups[i], 1000);
		ck_assert_uint_gt(s.hits[i], 0);
		ck_assert_uint_gt(s.gang_items[i], 0);
	}
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("radix_tree_rcu");
	TCase *tc = tcase_create("rcu");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, seconds() + 120);
	tcase_add_test(tc, rcu_readers_never_see_a_freed_or_foreign_item);
	suite_add_tcase(suite, tc);
	sr = srunner_create(suite);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
