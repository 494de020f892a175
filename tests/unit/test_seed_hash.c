/*
 * tests/unit/test_seed_hash.c - mm/migrate.c is the seed: the file
 * with all whitespace removed must hash (SHA-256) to the value given in
 * DEVELOPERS.md.  Kernel indentation and blank lines may be restored;
 * nothing else may change.  (It links no kernel: it only reads the file.)
 */
#include <check.h>
#include <glib.h>

#define SEED_SHA256 \
	"e855aaee1246ea9c1139b1ef88f8f4210425294e96a2a6e1bb472936b4716da4"

static char *whitespace_free(const char *text)
{
	GString *s = g_string_new(NULL);

	for (; *text; text++)
		if (!g_ascii_isspace(*text) || *text == '\f' || *text == '\v')
			g_string_append_c(s, *text);
	return g_string_free(s, FALSE);
}

START_TEST(migrate_c_without_whitespace_hashes_to_the_seed)
{
	g_autofree char *text = NULL;
	g_autofree char *bare = NULL;
	g_autofree char *sum = NULL;
	g_autoptr(GError) error = NULL;

	ck_assert_msg(g_file_get_contents(MMSIM_SEED_FILE, &text, NULL, &error),
		      "%s", error ? error->message : "");
	bare = whitespace_free(text);
	sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, bare, -1);
	ck_assert_str_eq(sum, SEED_SHA256);
}
END_TEST

START_TEST(a_changed_token_changes_the_hash)
{
	g_autofree char *sum = g_compute_checksum_for_string(
		G_CHECKSUM_SHA256, "intmigrate_prep(void){return1;}", -1);

	ck_assert_str_ne(sum, SEED_SHA256);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("seed");
	TCase *tc = tcase_create("hash");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, migrate_c_without_whitespace_hashes_to_the_seed);
	tcase_add_test(tc, a_changed_token_changes_the_hash);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
