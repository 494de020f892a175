/*
 * seed_lines.h - where mm/migrate.c defines each of its functions.
 *
 * The table is generated at build time from the seed itself
 * (tools/seed_lines.awk), so it cannot drift from the file: the trace
 * prints "mm/migrate.c:LINE" beside each funcgraph event.
 */
#ifndef MMSIM_SEED_LINES_H
#define MMSIM_SEED_LINES_H

struct seed_line {
	const char *name;
	int line;
};

extern const struct seed_line seed_lines[]; /* ends with {NULL, 0} */

/* The line of NAME's definition in mm/migrate.c, 0 if it has none. */
int seed_line_of(const char *name);

#endif
