/*
 * tests/unit/test_radix_tree_oracle.c - the kernel's radix tree
 * (lib/radix-tree.c) against a GLib oracle: random insertions,
 * deletions, lookups and tag operations on random indices, in small,
 * medium and huge index ranges, through the test door
 * <sim/radix_test.h>.
 *
 * After every operation the touched index is compared with the oracle
 * (its item and both tags) and so are the root tags; every 2000
 * operations a full scan compares gang lookups (plain and tagged, in
 * chunks and from random starting points) with the oracle's sorted
 * keys, checks the tree's structure and that the live node count equals
 * the nodes in the tree once RCU callbacks ran.  The tree's height is
 * checked after every operation: the least that holds the largest index
 * present, so growth and shrinking are both exact.
 *
 * MMSIM_RADIX_SEED and MMSIM_RADIX_OPS override the seed (printed) and
 * the number of operations (200000).
 */
#include <check.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <sim/kernel.h>
#include <sim/radix_test.h>

#include "../../sim/engine/engine.h"

#define SCAN_EVERY 2000
#define CHUNK_MAX 64

struct oitem {
	guint64 index;
	guint pos; /* in oracle.present */
};

struct oracle {
	GHashTable *items; /* index -> struct oitem */
	GHashTable *tags[2]; /* sets of indices */
	GArray *present; /* indices, for picking one at random */
	unsigned long by_height[12]; /* present indices by least height */
	GRand *rand;
	struct sim_radix *r;
	unsigned long ops, inserts, deletes, tag_ops, scans;
	unsigned int max_height_seen;
	guint64 steps;
};

#define KEY(i) ((gpointer)(uintptr_t)(i))

static void boot(void)
{
	struct sim_machine_config cfg;
	char err[256];

	sim_engine_init(1);
	sim_machine_defaults(&cfg, 2, 64 << 20);
	ck_assert_msg(sim_kernel_boot(&cfg, err, sizeof(err)) == 0, "boot: %s",
		      err);
}

static guint64 env_u64(const char *name, guint64 def)
{
	const char *v = g_getenv(name);

	return v && *v ? g_ascii_strtoull(v, NULL, 0) : def;
}

static guint64 rand64(GRand *r)
{
	return ((guint64)g_rand_int(r) << 32) | g_rand_int(r);
}

/* An index in one of the ranges. */
static guint64 pick_index(struct oracle *o, int range)
{
	GRand *r = o->rand;

	switch (range) {
	case 0: /* small: heights 0..2, the direct root pointer */
		return g_rand_int_range(r, 0, 4) ? g_rand_int_range(r, 0, 80)
						 : g_rand_int_range(r, 0, 300);
	case 1: /* medium: up to 2^20 */
		return g_rand_int_range(r, 0, 1 << 20);
	default: { /* huge: anywhere, often next to a power of two */
		guint64 x = rand64(r);

		switch (g_rand_int_range(r, 0, 4)) {
		case 0:
			return x;
		case 1:
			return x >> g_rand_int_range(r, 0, 64);
		case 2:
			return (1ULL << g_rand_int_range(r, 0, 64)) +
			       g_rand_int_range(r, -2, 3);
		default:
			return ~0ULL - g_rand_int_range(r, 0, 70);
		}
	}
	}
}

static int present_random(struct oracle *o, guint64 *index)
{
	if (!o->present->len)
		return 0;
	*index = g_array_index(o->present, guint64,
			       g_rand_int_range(o->rand, 0, o->present->len));
	return 1;
}

static unsigned int least_height(guint64 max_index)
{
	unsigned int h = 0;

	while (sim_radix_maxindex(h) < max_index)
		h++;
	return h;
}

/* The height the tree must have: the least that holds every index. */
static unsigned int oracle_height(struct oracle *o)
{
	unsigned int h;

	for (h = 11; h > 0; h--)
		if (o->by_height[h])
			return h;
	return 0;
}

static void oracle_add(struct oracle *o, struct oitem *it)
{
	o->by_height[least_height(it->index)]++;
	it->pos = o->present->len;
	g_array_append_val(o->present, it->index);
	g_hash_table_insert(o->items, KEY(it->index), it);
}

static void oracle_remove(struct oracle *o, struct oitem *it)
{
	guint last = o->present->len - 1;

	o->by_height[least_height(it->index)]--;

	if (it->pos != last) {
		guint64 moved = g_array_index(o->present, guint64, last);
		struct oitem *m = g_hash_table_lookup(o->items, KEY(moved));

		g_array_index(o->present, guint64, it->pos) = moved;
		m->pos = it->pos;
	}
	g_array_set_size(o->present, last);
	g_hash_table_remove(o->items, KEY(it->index));
	g_hash_table_remove(o->tags[0], KEY(it->index));
	g_hash_table_remove(o->tags[1], KEY(it->index));
}

/* The touched index and the root tags, against the oracle. */
static void compare_index(struct oracle *o, guint64 index, const char *op)
{
	struct oitem *want = g_hash_table_lookup(o->items, KEY(index));
	unsigned int tag;

	ck_assert_msg(sim_radix_lookup(o->r, index) == want,
		      "step %" G_GUINT64_FORMAT " (%s %#" G_GINT64_MODIFIER
		      "x): lookup gives %p, oracle %p",
		      o->steps, op, index, sim_radix_lookup(o->r, index),
		      (void *)want);
	for (tag = 0; tag < 2; tag++) {
		int t = g_hash_table_contains(o->tags[tag], KEY(index));
		int any = g_hash_table_size(o->tags[tag]) != 0;

		ck_assert_msg(sim_radix_tag_get(o->r, index, tag) == t,
			      "step %" G_GUINT64_FORMAT
			      " (%s %#" G_GINT64_MODIFIER
			      "x): tag %u is %d, oracle %d",
			      o->steps, op, index, tag,
			      sim_radix_tag_get(o->r, index, tag), t);
		ck_assert_msg(sim_radix_tagged(o->r, tag) == any,
			      "step %" G_GUINT64_FORMAT
			      " (%s %#" G_GINT64_MODIFIER
			      "x): tagged(%u) is %d, oracle "
			      "%d",
			      o->steps, op, index, tag,
			      sim_radix_tagged(o->r, tag), any);
	}
	/* grown as far as needed, shrunk as far as possible */
	ck_assert_msg(sim_radix_height(o->r) == oracle_height(o),
		      "step %" G_GUINT64_FORMAT " (%s %#" G_GINT64_MODIFIER
		      "x): height %u, oracle %u",
		      o->steps, op, index, sim_radix_height(o->r),
		      oracle_height(o));
}

static void step(struct oracle *o, int range, int drain)
{
	GRand *r = o->rand;
	guint64 index = pick_index(o, range);
	int op = g_rand_int_range(r, 0, 100);
	struct oitem *it;
	const char *name;

	o->steps++;
	/* in a drain phase most operations are deletions of present items */
	if (drain && op < 60) {
		present_random(o, &index);
		op = 40;
	}
	if (op < 35) {
		name = "insert";
		it = g_hash_table_lookup(o->items, KEY(index));
		if (it) {
			ck_assert_int_eq(sim_radix_insert(o->r, index, it),
					 -17);
		} else {
			it = g_new0(struct oitem, 1);
			it->index = index;
			ck_assert_int_eq(sim_radix_insert(o->r, index, it), 0);
			oracle_add(o, it);
		}
		o->inserts++;
	} else if (op < 60) {
		name = "delete";
		if (g_rand_boolean(r))
			present_random(o, &index);
		it = g_hash_table_lookup(o->items, KEY(index));
		ck_assert_msg(sim_radix_delete(o->r, index) == it,
			      "step %" G_GUINT64_FORMAT
			      ": delete %#" G_GINT64_MODIFIER "x",
			      o->steps, index);
		if (it) {
			oracle_remove(o, it);
			g_free(it);
		}
		o->deletes++;
	} else if (op < 72) {
		name = "lookup";
		if (g_rand_boolean(r))
			present_random(o, &index);
	} else if (op < 86) {
		unsigned int tag = g_rand_int_range(r, 0, 2);

		name = "tag_set";
		if (g_rand_int_range(r, 0, 4))
			present_random(o, &index);
		it = g_hash_table_lookup(o->items, KEY(index));
		ck_assert_int_eq(sim_radix_tag_set(o->r, index, tag),
				 it ? 0 : -2);
		if (it)
			g_hash_table_add(o->tags[tag], KEY(index));
		o->tag_ops++;
	} else {
		unsigned int tag = g_rand_int_range(r, 0, 2);

		name = "tag_clear";
		if (g_rand_int_range(r, 0, 4)) {
			/* mostly a tagged item, when there is one */
			GHashTableIter iter;
			gpointer key;

			present_random(o, &index);
			if (g_rand_boolean(r) &&
			    g_hash_table_size(o->tags[tag])) {
				g_hash_table_iter_init(&iter, o->tags[tag]);
				if (g_hash_table_iter_next(&iter, &key, NULL))
					index = (uintptr_t)key;
			}
		}
		it = g_hash_table_lookup(o->items, KEY(index));
		ck_assert_msg(sim_radix_tag_clear(o->r, index, tag) == it,
			      "step %" G_GUINT64_FORMAT
			      ": tag_clear %#" G_GINT64_MODIFIER "x",
			      o->steps, index);
		g_hash_table_remove(o->tags[tag], KEY(index));
		o->tag_ops++;
	}
	o->ops++;
	compare_index(o, index, name);
	if (sim_radix_height(o->r) > o->max_height_seen)
		o->max_height_seen = sim_radix_height(o->r);
}

static gint cmp_u64(gconstpointer a, gconstpointer b)
{
	guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;

	return x < y ? -1 : x > y;
}

/* The first position in sorted[0..n) whose key is >= first. */
static guint lower_bound(const guint64 *sorted, guint n, guint64 first)
{
	guint lo = 0, hi = n;

	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;

		if (sorted[mid] < first)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A gang lookup from first against sorted[] (keys of the set). */
static void compare_gang(struct oracle *o, const guint64 *sorted, guint n,
			 guint64 first, unsigned int max, int tag)
{
	void *results[CHUNK_MAX];
	unsigned int nr, i;
	guint at = lower_bound(sorted, n, first);
	guint want = MIN((guint)max, n - at);

	nr = tag < 0 ? sim_radix_gang_lookup(o->r, results, first, max)
		     : sim_radix_gang_lookup_tag(o->r, results, first, max,
						 tag);
	ck_assert_msg(nr == want,
		      "step %" G_GUINT64_FORMAT
		      ": gang lookup (tag %d) from %#" G_GINT64_MODIFIER
		      "x max %u: %u items, oracle %u",
		      o->steps, tag, first, max, nr, want);
	for (i = 0; i < nr; i++) {
		struct oitem *it = results[i];

		ck_assert_msg(it && it->index == sorted[at + i],
			      "step %" G_GUINT64_FORMAT
			      ": gang lookup (tag %d) "
			      "from %#" G_GINT64_MODIFIER
			      "x: item %u is at %#" G_GINT64_MODIFIER
			      "x, oracle %#" G_GINT64_MODIFIER "x",
			      o->steps, tag, first, i, it ? it->index : 0,
			      sorted[at + i]);
	}
}

/* Every key of sorted[], in chunks of random size, from 0 on. */
static void scan_all(struct oracle *o, const guint64 *sorted, guint n, int tag)
{
	guint at = 0;
	guint64 first = 0;

	for (;;) {
		unsigned int max = g_rand_int_range(o->rand, 1, CHUNK_MAX + 1);

		compare_gang(o, sorted, n, first, max, tag);
		at = lower_bound(sorted, n, first) + max;
		if (at >= n)
			break;
		first = sorted[at - 1] + 1;
	}
}

static GArray *sorted_keys(GHashTable *set)
{
	GArray *a = g_array_sized_new(FALSE, FALSE, sizeof(guint64),
				      g_hash_table_size(set));
	GHashTableIter iter;
	gpointer key;

	g_hash_table_iter_init(&iter, set);
	while (g_hash_table_iter_next(&iter, &key, NULL)) {
		guint64 k = (uintptr_t)key;

		g_array_append_val(a, k);
	}
	g_array_sort(a, cmp_u64);
	return a;
}

static void full_scan(struct oracle *o)
{
	const char *why = NULL;
	GArray *keys[3];
	long nodes;
	int set, i;

	keys[0] = sorted_keys(o->items);
	keys[1] = sorted_keys(o->tags[0]);
	keys[2] = sorted_keys(o->tags[1]);
	for (set = 0; set < 3; set++) {
		const guint64 *k = (const guint64 *)keys[set]->data;
		guint n = keys[set]->len;

		scan_all(o, k, n, set - 1);
		for (i = 0; i < 40; i++) {
			guint64 first;

			if (n && g_rand_boolean(o->rand))
				first = k[g_rand_int_range(o->rand, 0, n)] +
					g_rand_int_range(o->rand, -1, 2);
			else
				first = pick_index(
					o, g_rand_int_range(o->rand, 0, 3));
			compare_gang(
				o, k, n, first,
				g_rand_int_range(o->rand, 1, CHUNK_MAX + 1),
				set - 1);
		}
	}

	nodes = sim_radix_check(o->r, &why);
	ck_assert_msg(nodes >= 0, "step %" G_GUINT64_FORMAT ": tree: %s",
		      o->steps, why);
	ck_assert_msg(sim_radix_node_objects() == (unsigned long)nodes,
		      "step %" G_GUINT64_FORMAT ": %lu nodes allocated, %ld in "
		      "the tree",
		      o->steps, sim_radix_node_objects(), nodes);
	ck_assert_uint_eq(sim_radix_height(o->r),
			  keys[0]->len
				  ? least_height(g_array_index(
					    keys[0], guint64, keys[0]->len - 1))
				  : 0);
	ck_assert_uint_eq(sim_radix_height(o->r), oracle_height(o));
	for (set = 0; set < 3; set++)
		g_array_free(keys[set], TRUE);
	o->scans++;
}

static void run_oracle(int kind, guint64 nr_ops)
{
	guint64 seed = env_u64("MMSIM_RADIX_SEED", 20070204);
	struct oracle o = {0};
	guint64 i;
	int range = 0, drain = 0;

	boot();
	nr_ops = env_u64("MMSIM_RADIX_OPS", nr_ops);
	printf("radix oracle: kind %d, seed %" G_GUINT64_FORMAT
	       ", %" G_GUINT64_FORMAT " operations\n",
	       kind, seed, nr_ops);
	o.rand = g_rand_new_with_seed((guint32)seed);
	o.items = g_hash_table_new(g_direct_hash, g_direct_equal);
	o.tags[0] = g_hash_table_new(g_direct_hash, g_direct_equal);
	o.tags[1] = g_hash_table_new(g_direct_hash, g_direct_equal);
	o.present = g_array_new(FALSE, FALSE, sizeof(guint64));
	o.r = sim_radix_new(kind);

	for (i = 0; i < nr_ops; i++) {
		/*
		 * Phases of 1000 operations: a range (or all three mixed),
		 * and every fourth phase a drain that empties much of the
		 * tree, so that it shrinks as well as grows.
		 */
		if (i % 1000 == 0) {
			range = g_rand_int_range(o.rand, 0, 4);
			drain = g_rand_int_range(o.rand, 0, 4) == 0;
		}
		step(&o, range == 3 ? g_rand_int_range(o.rand, 0, 3) : range,
		     drain);
		if ((i + 1) % SCAN_EVERY == 0)
			full_scan(&o);
	}
	full_scan(&o);

	/* empty it through the door, and every node goes back */
	while (o.present->len) {
		guint64 index = g_array_index(o.present, guint64, 0);
		struct oitem *it = g_hash_table_lookup(o.items, KEY(index));

		ck_assert(sim_radix_delete(o.r, index) == it);
		oracle_remove(&o, it);
		g_free(it);
	}
	ck_assert_uint_eq(sim_radix_height(o.r), 0);
	ck_assert(!sim_radix_tagged(o.r, 0) && !sim_radix_tagged(o.r, 1));
	ck_assert_uint_eq(sim_radix_node_objects(), 0);
	printf("radix oracle: %lu inserts, %lu deletes, %lu tag operations, "
	       "%lu full scans, max height %u\n",
	       o.inserts, o.deletes, o.tag_ops, o.scans, o.max_height_seen);
	ck_assert_uint_eq(o.max_height_seen, 11);
	sim_radix_free(o.r);
	g_hash_table_destroy(o.items);
	g_hash_table_destroy(o.tags[0]);
	g_hash_table_destroy(o.tags[1]);
	g_array_free(o.present, TRUE);
	g_rand_free(o.rand);
}

START_TEST(random_operations_match_the_oracle_pagecache_root)
{
	/* GFP_ATOMIC root, radix_tree_preload before each insert */
	run_oracle(SIM_RADIX_PAGECACHE, 200000);
}
END_TEST

START_TEST(random_operations_match_the_oracle_gfp_kernel_root)
{
	run_oracle(SIM_RADIX_KERNEL, 50000);
}
END_TEST

static Suite *oracle_suite(void)
{
	Suite *s = suite_create("radix_tree_oracle");
	TCase *tc = tcase_create("oracle");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, random_operations_match_the_oracle_pagecache_root);
	tcase_add_test(tc, random_operations_match_the_oracle_gfp_kernel_root);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(oracle_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
