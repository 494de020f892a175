/*
 * seed_lines.c - looking up the seed's function lines (seed_lines.h).
 */
#include <stddef.h>
#include <string.h>

#include "seed_lines.h"

const struct seed_line seed_lines[] = {
#include <seed_lines_table.h> /* generated in the build tree: tools/seed_lines.awk */
	{NULL, 0},
};

int seed_line_of(const char *name)
{
	const struct seed_line *l;

	for (l = seed_lines; l->name; l++)
		if (!strcmp(l->name, name))
			return l->line;
	return 0;
}
