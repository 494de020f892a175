/*
 * tests/kernel/test_radix_tree.c - lib/radix-tree.c, the 2.6.20 radix
 * tree with the seed commit's RCU design: items in and out, the direct
 * root pointer, height growth and shrinking, tags and their propagation,
 * gang lookups, the slot API that migrate.c uses, the preload pool, and
 * nodes freed only after a grace period.
 *
 * Every test ends by checking that all nodes went back to the slab once
 * the RCU callbacks ran.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/radix-tree.h>
#include <linux/rcupdate.h>
#include <linux/gfp.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <sim/kernel.h>
#include <sim/ktest.h>

static void boot(void)
{
	struct sim_machine_config cfg;
	char err[256];

	sim_machine_defaults(&cfg, 2, 64 << 20);
	KT_ASSERT_MSG(sim_kernel_boot(&cfg, err, sizeof(err)) == 0, "boot: %s",
		      err);
}

/* Items: any pointer with bit 0 clear; the tree never dereferences them. */
static long items[64];
#define ITEM(i) ((void *)&items[i])

static void check_tree(struct radix_tree_root *root)
{
	const char *why;

	KT_ASSERT_MSG(radix_tree_sim_check(root, &why) >= 0, "tree: %s", why);
}

static long nodes_in_tree(struct radix_tree_root *root)
{
	const char *why;
	long n = radix_tree_sim_check(root, &why);

	KT_ASSERT_MSG(n >= 0, "tree: %s", why);
	return n;
}

/* All nodes freed once the grace periods are over. */
static void check_no_nodes(void)
{
	rcu_barrier();
	KT_ASSERT_UINT_EQ(radix_tree_sim_node_objects(), 0);
}

KTEST(maxindex_per_height_is_that_of_6_bit_nodes)
{
	boot();
	KT_ASSERT_UINT_EQ(radix_tree_sim_maxindex(0), 0);
	KT_ASSERT_UINT_EQ(radix_tree_sim_maxindex(1), 63);
	KT_ASSERT_UINT_EQ(radix_tree_sim_maxindex(2), 4095);
	KT_ASSERT_UINT_EQ(radix_tree_sim_maxindex(3), (1UL << 18) - 1);
	KT_ASSERT_UINT_EQ(radix_tree_sim_maxindex(10), (1UL << 60) - 1);
	KT_ASSERT_UINT_EQ(radix_tree_sim_maxindex(11), ~0UL);
	KT_ASSERT_INT_EQ(radix_tree_sim_max_path(), 12);
}

KTEST(insert_lookup_delete)
{
	RADIX_TREE(root, GFP_KERNEL);
	unsigned long idx[] = {5, 63, 64, 4096, 1UL << 40, ~0UL, 1000};
	unsigned int i;

	boot();
	KT_ASSERT_NULL(radix_tree_lookup(&root, 0));
	KT_ASSERT_NULL(radix_tree_delete(&root, 0));
	for (i = 0; i < ARRAY_SIZE(idx); i++) {
		KT_ASSERT_INT_EQ(radix_tree_insert(&root, idx[i], ITEM(i)), 0);
		check_tree(&root);
	}
	for (i = 0; i < ARRAY_SIZE(idx); i++) {
		KT_ASSERT_PTR_EQ(radix_tree_lookup(&root, idx[i]), ITEM(i));
		KT_ASSERT_NULL(radix_tree_lookup(&root, idx[i] + 2));
	}
	KT_ASSERT_INT_EQ(root.height, 11);
	for (i = 0; i < ARRAY_SIZE(idx); i++) {
		KT_ASSERT_PTR_EQ(radix_tree_delete(&root, idx[i]), ITEM(i));
		KT_ASSERT_NULL(radix_tree_lookup(&root, idx[i]));
		KT_ASSERT_NULL(radix_tree_delete(&root, idx[i]));
		check_tree(&root);
	}
	KT_ASSERT_NULL(root.rnode);
	KT_ASSERT_INT_EQ(root.height, 0);
	check_no_nodes();
}

KTEST(insert_into_an_occupied_slot_is_eexist)
{
	RADIX_TREE(root, GFP_KERNEL);

	boot();
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 0, ITEM(0)), 0);
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 0, ITEM(1)), -EEXIST);
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 77, ITEM(2)), 0);
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 77, ITEM(3)), -EEXIST);
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 0, ITEM(1)), -EEXIST);
	KT_ASSERT_PTR_EQ(radix_tree_lookup(&root, 0), ITEM(0));
	KT_ASSERT_PTR_EQ(radix_tree_lookup(&root, 77), ITEM(2));
	radix_tree_delete(&root, 0);
	radix_tree_delete(&root, 77);
	check_no_nodes();
}

KTEST(index_0_alone_is_a_direct_root_pointer_promoted_by_a_second_item)
{
	RADIX_TREE(root, GFP_KERNEL);
	void *results[4];

	boot();
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 0, ITEM(0)), 0);
	KT_ASSERT_INT_EQ(root.height, 0);
	KT_ASSERT(radix_tree_is_direct_ptr(root.rnode));
	KT_ASSERT_PTR_EQ(radix_tree_direct_to_ptr(root.rnode), ITEM(0));
	KT_ASSERT_PTR_EQ(radix_tree_lookup(&root, 0), ITEM(0));
	KT_ASSERT_NULL(radix_tree_lookup(&root, 1));
	KT_ASSERT_INT_EQ(radix_tree_gang_lookup(&root, results, 0, 4), 1);
	KT_ASSERT_PTR_EQ(results[0], ITEM(0));
	KT_ASSERT_INT_EQ(radix_tree_gang_lookup(&root, results, 1, 4), 0);
	rcu_barrier();
	KT_ASSERT_UINT_EQ(radix_tree_sim_node_objects(), 0);

	/* a second item: the item moves into slot 0 of a real node */
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 1, ITEM(1)), 0);
	KT_ASSERT_INT_EQ(root.height, 1);
	KT_ASSERT(!radix_tree_is_direct_ptr(root.rnode));
	KT_ASSERT_INT_EQ(nodes_in_tree(&root), 1);
	KT_ASSERT_PTR_EQ(radix_tree_lookup(&root, 0), ITEM(0));
	KT_ASSERT_PTR_EQ(radix_tree_lookup(&root, 1), ITEM(1));
	KT_ASSERT_INT_EQ(radix_tree_gang_lookup(&root, results, 0, 4), 2);
	KT_ASSERT_PTR_EQ(results[0], ITEM(0));
	KT_ASSERT_PTR_EQ(results[1], ITEM(1));

	/* and back: deleting index 1 shrinks to the direct pointer */
	KT_ASSERT_PTR_EQ(radix_tree_delete(&root, 1), ITEM(1));
	KT_ASSERT_INT_EQ(root.height, 0);
	KT_ASSERT(radix_tree_is_direct_ptr(root.rnode));
	KT_ASSERT_PTR_EQ(radix_tree_lookup(&root, 0), ITEM(0));
	KT_ASSERT_PTR_EQ(radix_tree_delete(&root, 0), ITEM(0));
	KT_ASSERT_NULL(root.rnode);
	check_no_nodes();
}

KTEST(an_index_other_than_0_in_an_empty_tree_gets_a_node)
{
	RADIX_TREE(root, GFP_KERNEL);

	boot();
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 1, ITEM(1)), 0);
	KT_ASSERT_INT_EQ(root.height, 1);
	KT_ASSERT(!radix_tree_is_direct_ptr(root.rnode));
	/* index 0 then goes into the node, not the root */
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 0, ITEM(0)), 0);
	KT_ASSERT_INT_EQ(nodes_in_tree(&root), 1);
	KT_ASSERT_PTR_EQ(radix_tree_delete(&root, 1), ITEM(1));
	/* the root node holds slot 0 alone: shrunk to a direct pointer */
	KT_ASSERT_INT_EQ(root.height, 0);
	KT_ASSERT(radix_tree_is_direct_ptr(root.rnode));
	radix_tree_delete(&root, 0);
	check_no_nodes();
}

KTEST(height_grows_with_the_index_and_shrinks_when_slot_0_is_alone)
{
	RADIX_TREE(root, GFP_KERNEL);
	static const struct {
		unsigned long index;
		unsigned int height;
	} steps[] = {
		{0, 0},		 {63, 1},	  {64, 2},
		{4095, 2},	 {4096, 3},	  {1UL << 18, 4},
		{1UL << 59, 10}, {1UL << 60, 11}, {~0UL, 11},
	};
	unsigned int i;

	boot();
	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		KT_ASSERT_INT_EQ(
			radix_tree_insert(&root, steps[i].index, ITEM(i)), 0);
		KT_ASSERT_INT_EQ(root.height, steps[i].height);
		check_tree(&root);
	}
	/*
	 * Delete from the top: each delete leaves the root with its one
	 * child in slot 0, so the tree shrinks to the height of what is
	 * left.
	 */
	for (i = ARRAY_SIZE(steps); i-- > 1;) {
		KT_ASSERT_PTR_EQ(radix_tree_delete(&root, steps[i].index),
				 ITEM(i));
		KT_ASSERT_INT_EQ(root.height, steps[i - 1].height);
		check_tree(&root);
	}
	KT_ASSERT_INT_EQ(root.height, 0);
	KT_ASSERT(radix_tree_is_direct_ptr(root.rnode));
	radix_tree_delete(&root, 0);
	check_no_nodes();
}

KTEST(a_huge_index_alone_builds_a_chain_of_eleven_nodes)
{
	RADIX_TREE(root, GFP_KERNEL);

	boot();
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, ~0UL, ITEM(0)), 0);
	KT_ASSERT_INT_EQ(root.height, 11);
	KT_ASSERT_INT_EQ(nodes_in_tree(&root), 11);
	KT_ASSERT_NULL(radix_tree_lookup(&root, 0));
	KT_ASSERT_NULL(radix_tree_lookup(&root, ~0UL - 1));
	KT_ASSERT_PTR_EQ(radix_tree_lookup(&root, ~0UL), ITEM(0));
	KT_ASSERT_PTR_EQ(radix_tree_delete(&root, ~0UL), ITEM(0));
	KT_ASSERT_NULL(root.rnode);
	KT_ASSERT_INT_EQ(root.height, 0);
	check_no_nodes();
}

KTEST(tags_propagate_to_the_root_and_clear_upward)
{
	RADIX_TREE(root, GFP_KERNEL);
	unsigned long a = 3, b = 4000, c = 5000;

	boot();
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, a, ITEM(0)), 0);
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, b, ITEM(1)), 0);
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, c, ITEM(2)), 0);
	KT_ASSERT(!radix_tree_tagged(&root, 0));
	KT_ASSERT(!radix_tree_tagged(&root, 1));

	KT_ASSERT_PTR_EQ(radix_tree_tag_set(&root, b, 0), ITEM(1));
	KT_ASSERT(radix_tree_tagged(&root, 0));
	KT_ASSERT(!radix_tree_tagged(&root, 1));
	KT_ASSERT_INT_EQ(radix_tree_tag_get(&root, b, 0), 1);
	KT_ASSERT_INT_EQ(radix_tree_tag_get(&root, b, 1), 0);
	KT_ASSERT_INT_EQ(radix_tree_tag_get(&root, a, 0), 0);
	KT_ASSERT_INT_EQ(radix_tree_tag_get(&root, c, 0), 0);
	check_tree(&root);

	/* a second tagged item in another leaf */
	radix_tree_tag_set(&root, c, 0);
	radix_tree_tag_set(&root, c, 0); /* again: no change */
	radix_tree_tag_set(&root, a, 1);
	KT_ASSERT(radix_tree_tagged(&root, 1));
	check_tree(&root);

	/* clearing one of two leaves the root tagged */
	KT_ASSERT_PTR_EQ(radix_tree_tag_clear(&root, b, 0), ITEM(1));
	KT_ASSERT_INT_EQ(radix_tree_tag_get(&root, b, 0), 0);
	KT_ASSERT(radix_tree_tagged(&root, 0));
	check_tree(&root);
	/* clearing an untagged or absent one changes nothing */
	KT_ASSERT_PTR_EQ(radix_tree_tag_clear(&root, a, 0), ITEM(0));
	KT_ASSERT_NULL(radix_tree_tag_clear(&root, 6, 0));
	KT_ASSERT_NULL(radix_tree_tag_clear(&root, 1UL << 50, 0));
	KT_ASSERT(radix_tree_tagged(&root, 0));
	/* clearing the last clears every level up to the root */
	KT_ASSERT_PTR_EQ(radix_tree_tag_clear(&root, c, 0), ITEM(2));
	KT_ASSERT(!radix_tree_tagged(&root, 0));
	KT_ASSERT(radix_tree_tagged(&root, 1));
	check_tree(&root);

	/* deleting a tagged item clears its tags */
	KT_ASSERT_PTR_EQ(radix_tree_delete(&root, a), ITEM(0));
	KT_ASSERT(!radix_tree_tagged(&root, 1));
	check_tree(&root);
	/* and a reinserted item starts untagged */
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, a, ITEM(0)), 0);
	KT_ASSERT_INT_EQ(radix_tree_tag_get(&root, a, 1), 0);

	radix_tree_delete(&root, a);
	radix_tree_delete(&root, b);
	radix_tree_delete(&root, c);
	check_no_nodes();
}

KTEST(a_tag_on_the_direct_item_survives_growth_and_shrinking)
{
	RADIX_TREE(root, GFP_KERNEL);
	void *results[4];

	boot();
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 0, ITEM(0)), 0);
	/* 2006 returns rnode itself here, direct bit and all */
	KT_ASSERT_PTR_EQ(radix_tree_tag_set(&root, 0, 1),
			 radix_tree_ptr_to_direct(ITEM(0)));
	KT_ASSERT(radix_tree_tagged(&root, 1));
	KT_ASSERT_INT_EQ(radix_tree_tag_get(&root, 0, 1), 1);
	KT_ASSERT_INT_EQ(radix_tree_gang_lookup_tag(&root, results, 0, 4, 1),
			 1);
	KT_ASSERT_PTR_EQ(results[0], ITEM(0));
	KT_ASSERT_INT_EQ(radix_tree_gang_lookup_tag(&root, results, 0, 4, 0),
			 0);

	/* growth carries the root tag into slot 0 of each new node */
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 5000, ITEM(1)), 0);
	KT_ASSERT_INT_EQ(root.height, 3);
	KT_ASSERT_INT_EQ(radix_tree_tag_get(&root, 0, 1), 1);
	KT_ASSERT_INT_EQ(radix_tree_tag_get(&root, 5000, 1), 0);
	check_tree(&root);
	KT_ASSERT_INT_EQ(radix_tree_gang_lookup_tag(&root, results, 0, 4, 1),
			 1);
	KT_ASSERT_PTR_EQ(results[0], ITEM(0));

	/* shrinking back keeps it in the root */
	radix_tree_delete(&root, 5000);
	KT_ASSERT_INT_EQ(root.height, 0);
	KT_ASSERT(radix_tree_tagged(&root, 1));
	KT_ASSERT_INT_EQ(radix_tree_tag_get(&root, 0, 1), 1);
	KT_ASSERT(radix_tree_tag_clear(&root, 0, 1) != NULL);
	KT_ASSERT(!radix_tree_tagged(&root, 1));
	/* deleting the direct item clears the root tags */
	radix_tree_tag_set(&root, 0, 0);
	radix_tree_delete(&root, 0);
	KT_ASSERT(!radix_tree_tagged(&root, 0));
	KT_ASSERT_INT_EQ(root.gfp_mask, GFP_KERNEL);
	check_no_nodes();
}

KTEST(gang_lookups_return_items_in_index_order)
{
	RADIX_TREE(root, GFP_KERNEL);
	static const unsigned long idx[] = {
		0,
		1,
		2,
		63,
		64,
		100,
		4095,
		4096,
		70000,
		1UL << 33,
		(1UL << 33) + 1,
		~0UL - 1,
		~0UL,
	};
	void *results[ARRAY_SIZE(idx) + 2];
	unsigned int i, nr, n = ARRAY_SIZE(idx);

	boot();
	for (i = 0; i < n; i++)
		KT_ASSERT_INT_EQ(radix_tree_insert(&root, idx[i], ITEM(i)), 0);
	for (i = 0; i < n; i += 3)
		radix_tree_tag_set(&root, idx[i], 0);

	nr = radix_tree_gang_lookup(&root, results, 0, n + 2);
	KT_ASSERT_INT_EQ(nr, n);
	for (i = 0; i < n; i++)
		KT_ASSERT_PTR_EQ(results[i], ITEM(i));

	/* from each index, and from each index plus one, a few at a time */
	for (i = 0; i < n; i++) {
		unsigned int j;

		nr = radix_tree_gang_lookup(&root, results, idx[i], 3);
		KT_ASSERT_INT_EQ(nr, min(3U, n - i));
		for (j = 0; j < nr; j++)
			KT_ASSERT_PTR_EQ(results[j], ITEM(i + j));
		if (idx[i] == ~0UL)
			continue;
		nr = radix_tree_gang_lookup(&root, results, idx[i] + 1, 2);
		KT_ASSERT_INT_EQ(nr, min(2U, n - i - 1));
		for (j = 0; j < nr; j++)
			KT_ASSERT_PTR_EQ(results[j], ITEM(i + 1 + j));
	}
	KT_ASSERT_INT_EQ(radix_tree_gang_lookup(&root, results, 0, 0), 0);

	/* tagged: every third item */
	nr = radix_tree_gang_lookup_tag(&root, results, 0, n, 0);
	KT_ASSERT_INT_EQ(nr, (n + 2) / 3);
	for (i = 0; i < nr; i++)
		KT_ASSERT_PTR_EQ(results[i], ITEM(3 * i));
	nr = radix_tree_gang_lookup_tag(&root, results, idx[4], 2, 0);
	KT_ASSERT_INT_EQ(nr, 2);
	KT_ASSERT_PTR_EQ(results[0], ITEM(6));
	KT_ASSERT_PTR_EQ(results[1], ITEM(9));
	KT_ASSERT_INT_EQ(radix_tree_gang_lookup_tag(&root, results, 0, n, 1),
			 0);

	for (i = 0; i < n; i++)
		KT_ASSERT_PTR_EQ(radix_tree_delete(&root, idx[i]), ITEM(i));
	KT_ASSERT_INT_EQ(radix_tree_gang_lookup(&root, results, 0, n), 0);
	check_no_nodes();
}

KTEST(lookup_slot_deref_and_replace_keep_the_direct_bit)
{
	RADIX_TREE(root, GFP_ATOMIC);
	void **slot;

	boot();
	KT_ASSERT_NULL(radix_tree_lookup_slot(&root, 0));
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 0, ITEM(0)), 0);

	/* the direct case: the slot is the root pointer itself */
	slot = radix_tree_lookup_slot(&root, 0);
	KT_ASSERT_PTR_EQ(slot, (void **)&root.rnode);
	KT_ASSERT_NULL(radix_tree_lookup_slot(&root, 1));
	KT_ASSERT_PTR_EQ(radix_tree_deref_slot(slot), ITEM(0));
	radix_tree_tag_set(&root, 0, 0);
	radix_tree_replace_slot(slot, ITEM(10));
	KT_ASSERT(radix_tree_is_direct_ptr(root.rnode));
	KT_ASSERT_PTR_EQ(radix_tree_lookup(&root, 0), ITEM(10));
	KT_ASSERT_PTR_EQ(radix_tree_deref_slot(slot), ITEM(10));
	KT_ASSERT_INT_EQ(radix_tree_tag_get(&root, 0, 0), 1);

	/* in a node: a plain slot, tags untouched */
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 4100, ITEM(1)), 0);
	radix_tree_tag_set(&root, 4100, 1);
	slot = radix_tree_lookup_slot(&root, 4100);
	KT_ASSERT_NONNULL(slot);
	KT_ASSERT_PTR_EQ(*slot, ITEM(1));
	radix_tree_replace_slot(slot, ITEM(11));
	KT_ASSERT_PTR_EQ(*slot, ITEM(11));
	KT_ASSERT_PTR_EQ(radix_tree_lookup(&root, 4100), ITEM(11));
	KT_ASSERT_INT_EQ(radix_tree_tag_get(&root, 4100, 1), 1);
	slot = radix_tree_lookup_slot(&root, 0);
	KT_ASSERT(slot != (void **)&root.rnode);
	KT_ASSERT_PTR_EQ(radix_tree_deref_slot(slot), ITEM(10));
	KT_ASSERT_NULL(radix_tree_lookup_slot(&root, 4101));
	KT_ASSERT_NULL(radix_tree_lookup_slot(&root, 1UL << 40));
	check_tree(&root);

	KT_ASSERT_PTR_EQ(radix_tree_delete(&root, 4100), ITEM(11));
	KT_ASSERT_PTR_EQ(radix_tree_delete(&root, 0), ITEM(10));
	check_no_nodes();
}

/*
 * With non-waiting node allocations failing, an insert into a GFP_ATOMIC
 * root takes its nodes from this CPU's preload pool; after
 * radix_tree_preload() that pool holds RADIX_TREE_MAX_PATH nodes, enough
 * for any single insert into an empty tree or a tree already of the
 * height the index needs.
 */
KTEST(preload_then_atomic_insert_never_fails)
{
	RADIX_TREE(root, GFP_ATOMIC);
	unsigned long long x = 88172645463325252ULL;
	int cpu, i, max = radix_tree_sim_max_path();

	boot();
	radix_tree_sim_fail_nowait_allocs(1);
	cpu = smp_processor_id();
	KT_ASSERT_INT_EQ(radix_tree_sim_preloaded(cpu), 0);
	/* no pool: the insert fails */
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 1, ITEM(0)), -ENOMEM);

	KT_ASSERT_INT_EQ(radix_tree_preload(GFP_KERNEL), 0);
	KT_ASSERT_INT_EQ(radix_tree_sim_preloaded(cpu), max);
	/* the worst case: an empty tree to height 11, 11 nodes */
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, ~0UL, ITEM(0)), 0);
	KT_ASSERT_INT_EQ(radix_tree_sim_preloaded(cpu), max - 11);
	radix_tree_preload_end();
	check_tree(&root);

	/* many inserts, each after a preload: none fails */
	for (i = 1; i < 2000; i++) {
		unsigned long index;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		index = (i & 1) ? x : x >> (x & 63);
		KT_ASSERT_INT_EQ(radix_tree_preload(GFP_KERNEL), 0);
		KT_ASSERT_INT_EQ(radix_tree_sim_preloaded(cpu), max);
		if (radix_tree_lookup(&root, index) == NULL)
			KT_ASSERT_INT_EQ(
				radix_tree_insert(&root, index, ITEM(i % 64)),
				0);
		radix_tree_preload_end();
		KT_ASSERT_PTR_EQ(radix_tree_lookup(&root, index), ITEM(i % 64));
		KT_ASSERT_PTR_EQ(radix_tree_delete(&root, index), ITEM(i % 64));
	}
	KT_ASSERT_PTR_EQ(radix_tree_delete(&root, ~0UL), ITEM(0));
	KT_ASSERT_NULL(root.rnode);
	radix_tree_sim_fail_nowait_allocs(0);
	check_no_nodes();
}

/*
 * The limit of the 2006 guarantee: growing a non-empty tree by many
 * levels needs a node per new level on top and one per level on the way
 * down: from a direct item at 0 to an item at ~0UL, 11 + 10 nodes, more
 * than a preload holds.  The insert fails with the tree grown and an
 * empty node left hanging in the root's slot 63; 2006 left it there too,
 * until an insert below it or the tree's end.  Lookups are unaffected.
 */
KTEST(growing_a_direct_root_to_height_11_needs_more_than_a_preload)
{
	RADIX_TREE(root, GFP_ATOMIC);
	void *results[2];
	const char *why;

	boot();
	radix_tree_sim_fail_nowait_allocs(1);
	KT_ASSERT_INT_EQ(radix_tree_preload(GFP_KERNEL), 0);
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 0, ITEM(0)), 0);
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, ~0UL, ITEM(1)), -ENOMEM);
	radix_tree_preload_end();
	KT_ASSERT_INT_EQ(root.height, 11);
	KT_ASSERT_PTR_EQ(radix_tree_lookup(&root, 0), ITEM(0));
	KT_ASSERT_NULL(radix_tree_lookup(&root, ~0UL));
	KT_ASSERT_INT_EQ(radix_tree_gang_lookup(&root, results, 0, 2), 1);

	KT_ASSERT_PTR_EQ(radix_tree_delete(&root, 0), ITEM(0));
	KT_ASSERT_NULL(radix_tree_lookup(&root, 0));
	KT_ASSERT_INT_EQ(radix_tree_gang_lookup(&root, results, 0, 2), 0);
	KT_ASSERT_INT_EQ(radix_tree_sim_check(&root, &why), -1);
	KT_ASSERT_MSG(!strcmp(why, "empty node left in the tree"), "%s", why);

	/* an insert below the empty node needs 9 nodes: the pool does */
	KT_ASSERT_INT_EQ(radix_tree_preload(GFP_KERNEL), 0);
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, ~0UL, ITEM(1)), 0);
	radix_tree_preload_end();
	check_tree(&root);
	KT_ASSERT_PTR_EQ(radix_tree_delete(&root, ~0UL), ITEM(1));
	KT_ASSERT_NULL(root.rnode);
	KT_ASSERT_INT_EQ(root.height, 0);
	radix_tree_sim_fail_nowait_allocs(0);
	check_no_nodes();
}

KTEST(a_gfp_kernel_root_allocates_without_the_pool)
{
	RADIX_TREE(root, GFP_KERNEL);
	int cpu;

	boot();
	radix_tree_sim_fail_nowait_allocs(1);
	cpu = smp_processor_id();
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, ~0UL, ITEM(0)), 0);
	KT_ASSERT_INT_EQ(radix_tree_sim_preloaded(cpu), 0);
	radix_tree_delete(&root, ~0UL);
	radix_tree_sim_fail_nowait_allocs(0);
	check_no_nodes();
}

/*
 * Nodes go back to the slab only after a grace period: while this task
 * is inside rcu_read_lock(), the nodes that a delete unlinked stay
 * allocated (a reader that loaded them can still walk them).
 */
KTEST(deleted_nodes_are_freed_only_after_a_grace_period)
{
	RADIX_TREE(root, GFP_KERNEL);
	unsigned long before;

	boot();
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 1UL << 30, ITEM(0)), 0);
	KT_ASSERT_INT_EQ(radix_tree_insert(&root, 7, ITEM(1)), 0);
	rcu_barrier();
	before = radix_tree_sim_node_objects();
	KT_ASSERT_UINT_EQ(before, nodes_in_tree(&root));

	rcu_read_lock();
	KT_ASSERT_PTR_EQ(radix_tree_delete(&root, 1UL << 30), ITEM(0));
	KT_ASSERT_PTR_EQ(radix_tree_delete(&root, 7), ITEM(1));
	KT_ASSERT_NULL(root.rnode);
	KT_ASSERT_UINT_EQ(radix_tree_sim_node_objects(), before);
	rcu_read_unlock();

	synchronize_rcu();
	check_no_nodes();
}
