/*
 * include/sim/radix_test.h - a test-only door to the kernel's radix tree
 * (lib/radix-tree.c), for host-world tests and benchmarks that need
 * GLib (an oracle) or host timing.  Implemented in the kernel world by
 * lib/radix-tree-test.c.  Plain C types only.
 *
 * Every call needs a booted kernel (sim_kernel_boot): the node cache is
 * made by an initcall.  The single-operation calls take the tree's lock
 * (a spinlock, as mapping->tree_lock for writers) and must not be mixed
 * with a running stress test on the same tree.  Items are the caller's:
 * any pointer with bit 0 clear; the tree never dereferences them.
 */
#ifndef _SIM_RADIX_TEST_H
#define _SIM_RADIX_TEST_H

struct sim_radix;

/*
 * SIM_RADIX_PAGECACHE: a GFP_ATOMIC root, each insert preceded by
 * radix_tree_preload(GFP_KERNEL), as add_to_page_cache() does.
 * SIM_RADIX_KERNEL: a GFP_KERNEL root, no preload.
 */
enum { SIM_RADIX_PAGECACHE = 0, SIM_RADIX_KERNEL = 1 };

struct sim_radix *sim_radix_new(int kind);
/* Frees the root: the tree must be empty (a kernel BUG otherwise). */
void sim_radix_free(struct sim_radix *r);

/* 0, -EEXIST (-17) or -ENOMEM (-12). */
int sim_radix_insert(struct sim_radix *r, unsigned long index, void *item);
void *sim_radix_lookup(struct sim_radix *r, unsigned long index);
/* The removed item, or NULL. */
void *sim_radix_delete(struct sim_radix *r, unsigned long index);

/*
 * Tags 0 and 1.  tag_set on an absent index is a kernel BUG, as in the
 * kernel: the door refuses it instead and returns -2 (-ENOENT); otherwise
 * 0.  tag_clear returns the item (direct bit stripped) or NULL.
 */
int sim_radix_tag_set(struct sim_radix *r, unsigned long index,
		      unsigned int tag);
void *sim_radix_tag_clear(struct sim_radix *r, unsigned long index,
			  unsigned int tag);
int sim_radix_tag_get(struct sim_radix *r, unsigned long index,
		      unsigned int tag);
int sim_radix_tagged(struct sim_radix *r, unsigned int tag);

/* Up to max items at index >= first, ascending; under rcu_read_lock. */
unsigned int sim_radix_gang_lookup(struct sim_radix *r, void **results,
				   unsigned long first, unsigned int max);
unsigned int sim_radix_gang_lookup_tag(struct sim_radix *r, void **results,
				       unsigned long first, unsigned int max,
				       unsigned int tag);

/* root->height, and the largest index a tree of that height can hold. */
unsigned int sim_radix_height(struct sim_radix *r);
unsigned long sim_radix_maxindex(unsigned int height);

/*
 * The structure of the tree (radix_tree_sim_check): its number of nodes,
 * or -1 with the reason in *why.
 */
long sim_radix_check(struct sim_radix *r, const char **why);

/*
 * rcu_barrier(), then the radix-tree nodes allocated and not yet freed
 * (preload pools excluded): equal to the nodes of all live trees.
 */
unsigned long sim_radix_node_objects(void);

/* ---- one writer against RCU readers, on real threads ---------------------- */

#define SIM_RADIX_MAX_READERS 8

/*
 * The writer (a kernel thread on CPU 0) runs rounds on its own tree: it
 * inserts items at indices of one or two classes (small: 0..63, medium:
 * up to 2^18, huge: up to 2^62 and near ~0UL), so the tree grows from a
 * direct root pointer to height 11 and back; it sets and clears tags on
 * them (tag t only on indices the readers know may carry it) and deletes
 * them all in a random order.  Items are RCU-freed and poisoned first.
 * Readers look up indices of the same classes under rcu_read_lock and
 * check that every item they see is a live item for that index (its
 * index and checksum), that gang lookups ascend from the first index,
 * and that tagged gang lookups only return items that may carry the tag.
 */
struct sim_radix_stress {
	/* in */
	int nr_readers; /* 1..SIM_RADIX_MAX_READERS */
	unsigned long long seed;
	int gang_every; /* a gang lookup every N lookups; 0 none */
	/* out, after sim_radix_stress_stop() */
	unsigned long lookups[SIM_RADIX_MAX_READERS]; /* single lookups */
	unsigned long hits[SIM_RADIX_MAX_READERS]; /* of which found */
	unsigned long gang_lookups[SIM_RADIX_MAX_READERS];
	unsigned long gang_items[SIM_RADIX_MAX_READERS];
	unsigned long writer_ops; /* inserts + deletes + tag ops */
	unsigned long rounds;
	unsigned long height_changes;
	unsigned int min_height, max_height;
	unsigned long direct_roots; /* times the root held an item itself */
	unsigned long errors; /* readers' and the final check's */
	long leaked_nodes; /* nodes left after the final barrier */
	char first_error[200];
};

struct sim_radix_stress_run;

/* Spawn the writer and the readers; returns NULL if a thread fails. */
struct sim_radix_stress_run *sim_radix_stress_start(struct sim_radix_stress *s);
/*
 * Stop them (the writer finishes its round and empties the tree), join,
 * wait for the RCU callbacks, check the empty tree and count leaked
 * nodes; fills the out fields of the struct given to start.
 */
void sim_radix_stress_stop(struct sim_radix_stress_run *run);

#endif /* _SIM_RADIX_TEST_H */
