/*
 * sim/scenario/args.c - parsers for the values commands and scenario
 * files share: integers, sizes, SLIT distance tables.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "cli.h"

G_DEFINE_QUARK(mmsim - cli - error - quark, cli_error)

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mmsim %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return MMSIM_EXIT_USAGE;
}

/*
 * Parse the unsigned decimal number at the start of text into *out and
 * return the first character after it, or NULL if text does not start
 * with a digit.  No sign, no blanks, no hex: g_ascii_strtoull alone
 * would accept all three.  A number too large for 64 bits sets *out to
 * G_MAXUINT64 and *overflow.
 */
static const char *parse_decimal(const char *text, unsigned long long *out,
				 gboolean *overflow)
{
	unsigned long long val = 0;
	const char *p = text;

	*overflow = FALSE;
	if (!g_ascii_isdigit(*p))
		return NULL;
	for (; g_ascii_isdigit(*p); p++) {
		unsigned int digit = *p - '0';

		if (val > (G_MAXUINT64 - digit) / 10) {
			*overflow = TRUE;
			val = G_MAXUINT64;
		} else if (!*overflow) {
			val = val * 10 + digit;
		}
	}
	*out = val;
	return p;
}

gboolean cli_parse_int(const char *text, long min, long max, long *out,
		       GError **error)
{
	unsigned long long val;
	gboolean overflow;
	const char *end = parse_decimal(text, &val, &overflow);

	if (!end || *end) {
		g_set_error(error, CLI_ERROR, 0, "not a number: '%s'", text);
		return FALSE;
	}
	if (overflow || val < (unsigned long long)min ||
	    val > (unsigned long long)max) {
		g_set_error(error, CLI_ERROR, 0,
			    "must be between %ld and %ld (got %s)", min, max,
			    text);
		return FALSE;
	}
	*out = val;
	return TRUE;
}

static const struct {
	const char *suffix;
	unsigned int shift;
} size_suffixes[] = {
	{"", 0},   {"K", 10},	{"KiB", 10}, {"M", 20},	  {"MiB", 20},
	{"G", 30}, {"GiB", 30}, {"T", 40},   {"TiB", 40},
};

gboolean cli_parse_size(const char *text, unsigned long long *out,
			GError **error)
{
	unsigned long long val;
	gboolean overflow;
	const char *end = parse_decimal(text, &val, &overflow);
	gsize i;

	if (!end)
		goto bad;
	for (i = 0; i < G_N_ELEMENTS(size_suffixes); i++) {
		unsigned int shift = size_suffixes[i].shift;

		if (strcmp(end, size_suffixes[i].suffix))
			continue;
		if (overflow || val > (G_MAXUINT64 >> shift)) {
			g_set_error(error, CLI_ERROR, 0, "too large: '%s'",
				    text);
			return FALSE;
		}
		*out = val << shift;
		return TRUE;
	}
bad:
	g_set_error(error, CLI_ERROR, 0,
		    "not a size: '%s' (bytes, or a number with K, M, G or T, "
		    "e.g. 64M)",
		    text);
	return FALSE;
}

/*
 * The checks 2.6.20's slit_valid() (arch/x86_64/mm/srat.c) made on the
 * firmware's table: 10 for a node to itself, more than 10 to any other;
 * and ACPI's: 255 means "unreachable", which a simulated node never is.
 */
static gboolean check_slit_entry(unsigned long long val, int row, int col,
				 GError **error)
{
	if (val > 254) {
		g_set_error(error, CLI_ERROR, 0,
			    "row %d, column %d: %llu is not a SLIT distance "
			    "(at most 254; 255 means unreachable)",
			    row + 1, col + 1, val);
		return FALSE;
	}
	if (row == col && val != 10) {
		g_set_error(error, CLI_ERROR, 0,
			    "row %d, column %d: a node's distance to itself "
			    "must be 10 (got %llu)",
			    row + 1, col + 1, val);
		return FALSE;
	}
	if (row != col && val <= 10) {
		g_set_error(error, CLI_ERROR, 0,
			    "row %d, column %d: a distance between two nodes "
			    "must be more than 10 (got %llu)",
			    row + 1, col + 1, val);
		return FALSE;
	}
	return TRUE;
}

/*
 * One row: entries separated by ',' or blanks.  Returns the number of
 * entries, or -1 with *error set.
 */
static int parse_slit_row(const char *row_text, int row, int nr_nodes,
			  unsigned char dist[SIM_MAX_NODES][SIM_MAX_NODES],
			  GError **error)
{
	const char *p = row_text;
	int col = 0;

	for (;;) {
		unsigned long long val;
		gboolean overflow;
		const char *end;

		while (g_ascii_isspace(*p))
			p++;
		if (!*p)
			break;
		end = parse_decimal(p, &val, &overflow);
		if (!end || (*end && *end != ',' && !g_ascii_isspace(*end))) {
			/* Name the whole bad entry, up to its separator. */
			gsize len = strcspn(p, ", \t");

			if (len == 0)
				g_set_error(error, CLI_ERROR, 0,
					    "row %d, column %d: empty entry",
					    row + 1, col + 1);
			else
				g_set_error(error, CLI_ERROR, 0,
					    "row %d, column %d: not a number: "
					    "'%.*s'",
					    row + 1, col + 1, (int)len, p);
			return -1;
		}
		if (col < nr_nodes) {
			if (!check_slit_entry(val, row, col, error))
				return -1;
			dist[row][col] = val;
		}
		col++;
		p = end;
		while (g_ascii_isspace(*p))
			p++;
		if (*p == ',') {
			p++;
			while (g_ascii_isspace(*p))
				p++;
			if (!*p || *p == ',') {
				g_set_error(error, CLI_ERROR, 0,
					    "row %d, column %d: empty entry",
					    row + 1, col + 1);
				return -1;
			}
		}
	}
	return col;
}

gboolean cli_parse_distance(const char *text, int nr_nodes,
			    unsigned char dist[SIM_MAX_NODES][SIM_MAX_NODES],
			    GError **error)
{
	g_auto(GStrv) rows = g_strsplit(text, ";", -1);
	int nr_rows = g_strv_length(rows);
	int row;

	/* Allow one trailing ';', as in "10,20;20,10;". */
	if (nr_rows > 1 && !*g_strstrip(rows[nr_rows - 1]))
		nr_rows--;
	for (row = 0; row < nr_rows; row++) {
		int nr_cols;

		if (row >= nr_nodes) {
			g_set_error(error, CLI_ERROR, 0,
				    "%d rows for %d nodes (need %d rows of %d "
				    "entries)",
				    nr_rows, nr_nodes, nr_nodes, nr_nodes);
			return FALSE;
		}
		nr_cols = parse_slit_row(rows[row], row, nr_nodes, dist, error);
		if (nr_cols < 0)
			return FALSE;
		if (nr_cols == 0) {
			g_set_error(error, CLI_ERROR, 0, "row %d is empty",
				    row + 1);
			return FALSE;
		}
		if (nr_cols != nr_nodes) {
			g_set_error(error, CLI_ERROR, 0,
				    "row %d has %d entries, need %d (one per "
				    "node)",
				    row + 1, nr_cols, nr_nodes);
			return FALSE;
		}
	}
	if (nr_rows != nr_nodes) {
		g_set_error(error, CLI_ERROR, 0,
			    "%d rows for %d nodes (need %d rows of %d entries)",
			    nr_rows, nr_nodes, nr_nodes, nr_nodes);
		return FALSE;
	}
	return TRUE;
}
