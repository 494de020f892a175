/*
 * tests/fuzz/regress_main.c - run the fuzz entry point on files, without
 * libFuzzer: every input the fuzzer ever crashed on is kept in
 * tests/fuzz/regressions/ and replayed by CTest through this driver.
 *
 * Usage: fuzz_regress FILE|DIR...   (exit 0 when every input was parsed
 * without a crash; a crash is the test's failure)
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static gint by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_file(const char *path)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *data = NULL;
	gsize len;

	if (!g_file_get_contents(path, &data, &len, &error)) {
		fprintf(stderr, "fuzz_regress: %s\n", error->message);
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	printf("ok %s (%zu bytes)\n", path, len);
	return 0;
}

int main(int argc, char **argv)
{
	int i, bad = 0, n = 0;

	for (i = 1; i < argc; i++) {
		if (g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
			g_autoptr(GDir) dir = g_dir_open(argv[i], 0, NULL);
			g_autoptr(GPtrArray) names =
				g_ptr_array_new_with_free_func(g_free);
			const char *name;
			guint k;

			while (dir && (name = g_dir_read_name(dir)))
				g_ptr_array_add(
					names,
					g_build_filename(argv[i], name, NULL));
			/* In a stable order, for readable logs. */
			g_ptr_array_sort(names, by_name);
			for (k = 0; k < names->len; k++, n++)
				bad |= run_file(g_ptr_array_index(names, k));
		} else {
			bad |= run_file(argv[i]);
			n++;
		}
	}
	printf("%d input(s)\n", n);
	return bad;
}
