/*
 * tests/kernel/test_traps.c - the loud traps of kernel/mmsim/traps.c: what
 * mm/migrate.c links against but a later issue provides.
 *
 * The expected list is written out here on purpose: an issue that
 * implements a trapped function deletes its trap and must update this
 * list too.
 *
 * Not tested here: that calling a trap aborts with "mmsim: not modeled
 * yet: NAME".  The ktest runner adds plain Check tests and the kernel
 * world cannot fork, so a test that expects its own death cannot be
 * written in this world; a host-world unit test would be the place.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <sim/ktest.h>

extern const char *const mmsim_traps[];

static const char *const expected_traps[] = {NULL};

KTEST(remaining_traps_are_exactly_the_listed_ones)
{
	int i;

	for (i = 0; expected_traps[i] && mmsim_traps[i]; i++)
		KT_ASSERT_MSG(!strcmp(expected_traps[i], mmsim_traps[i]),
			      "trap %d is '%s', the list says '%s'", i,
			      mmsim_traps[i], expected_traps[i]);
	KT_ASSERT_MSG(!expected_traps[i] && !mmsim_traps[i],
		      "trap list ends differently at %d: traps.c has '%s', "
		      "the list has '%s'",
		      i, mmsim_traps[i] ? mmsim_traps[i] : "(end)",
		      expected_traps[i] ? expected_traps[i] : "(end)");
}
