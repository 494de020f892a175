/*
 * linux/radix-tree.h (2.6.20 with the seed commit's RCU design): a node
 * records its height; a root pointing straight at an item marks that with
 * the pointer's low bit (RADIX_TREE_DIRECT_PTR).
 */
#ifndef _LINUX_RADIX_TREE_H
#define _LINUX_RADIX_TREE_H

#include <linux/preempt.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/rcupdate.h>

#define RADIX_TREE_DIRECT_PTR 1

static inline void *radix_tree_ptr_to_direct(void *ptr)
{
	return (void *)((unsigned long)ptr | RADIX_TREE_DIRECT_PTR);
}

static inline void *radix_tree_direct_to_ptr(void *ptr)
{
	return (void *)((unsigned long)ptr & ~RADIX_TREE_DIRECT_PTR);
}

static inline int radix_tree_is_direct_ptr(void *ptr)
{
	return (int)((unsigned long)ptr & RADIX_TREE_DIRECT_PTR);
}

#define RADIX_TREE_MAX_TAGS 2

/* root tags are stored in gfp_mask, shifted by __GFP_BITS_SHIFT */
struct radix_tree_root {
	unsigned int height;
	gfp_t gfp_mask;
	struct radix_tree_node *rnode;
};

#define RADIX_TREE_INIT(mask)                                  \
	{                                                      \
		.height = 0, .gfp_mask = (mask), .rnode = NULL \
	}
#define RADIX_TREE(name, mask) \
	struct radix_tree_root name = RADIX_TREE_INIT(mask)
#define INIT_RADIX_TREE(root, mask)        \
	do {                               \
		(root)->height = 0;        \
		(root)->gfp_mask = (mask); \
		(root)->rnode = NULL;      \
	} while (0)

static inline void *radix_tree_deref_slot(void **pslot)
{
	sim_kcsan_access(pslot, sizeof(*pslot), 0, "radix slot"); /* mmsim */
	return radix_tree_direct_to_ptr(*pslot);
}

static inline void radix_tree_replace_slot(void **pslot, void *item)
{
	BUG_ON(radix_tree_is_direct_ptr(item));
	sim_kcsan_access(pslot, sizeof(*pslot), 1, "radix slot"); /* mmsim */
	rcu_assign_pointer(*pslot, (void *)((unsigned long)item |
					    ((unsigned long)*pslot &
					     RADIX_TREE_DIRECT_PTR)));
}

int radix_tree_insert(struct radix_tree_root *, unsigned long, void *);
void *radix_tree_lookup(struct radix_tree_root *, unsigned long);
void **radix_tree_lookup_slot(struct radix_tree_root *, unsigned long);
void *radix_tree_delete(struct radix_tree_root *, unsigned long);
unsigned int radix_tree_gang_lookup(struct radix_tree_root *root,
				    void **results, unsigned long first_index,
				    unsigned int max_items);
int radix_tree_preload(gfp_t gfp_mask);
void radix_tree_init(void);
void *radix_tree_tag_set(struct radix_tree_root *root, unsigned long index,
			 unsigned int tag);
void *radix_tree_tag_clear(struct radix_tree_root *root, unsigned long index,
			   unsigned int tag);
int radix_tree_tag_get(struct radix_tree_root *root, unsigned long index,
		       unsigned int tag);
unsigned int radix_tree_gang_lookup_tag(struct radix_tree_root *root,
					void **results,
					unsigned long first_index,
					unsigned int max_items,
					unsigned int tag);
int radix_tree_tagged(struct radix_tree_root *root, unsigned int tag);

static inline void radix_tree_preload_end(void)
{
	preempt_enable();
}

/*
 * mmsim test hooks (not in 2.6.20), for tests/kernel/test_radix_tree.c and
 * the test door (include/sim/radix_test.h):
 *  radix_tree_sim_maxindex(h)     height_to_maxindex[h]
 *  radix_tree_sim_max_path()      RADIX_TREE_MAX_PATH, the preload pool size
 *  radix_tree_sim_preloaded(cpu)  nodes in that CPU's preload pool
 *  radix_tree_sim_node_objects()  nodes allocated from the node cache and not
 *                                 yet freed, less those in preload pools
 *                                 (call rcu_barrier() first to count only
 *                                 nodes still in trees)
 *  radix_tree_sim_fail_nowait_allocs(on)
 *                                 node allocations whose mask lacks
 *                                 __GFP_WAIT fail, so that inserts fall back
 *                                 on the preload pool (mm/slab.c never fails)
 *  radix_tree_sim_check(root, &why)
 *                                 check the structure of a tree no writer is
 *                                 changing; its number of nodes, or -1 and
 *                                 the reason
 */
unsigned long radix_tree_sim_maxindex(unsigned int height);
int radix_tree_sim_max_path(void);
int radix_tree_sim_preloaded(int cpu);
unsigned long radix_tree_sim_node_objects(void);
void radix_tree_sim_fail_nowait_allocs(int on);
long radix_tree_sim_check(struct radix_tree_root *root, const char **why);

/*
 * mmsim's view of a tree's shape (not in 2.6.20): node() for each
 * interior node, edge() for each used slot; item is the entry at the
 * bottom (height 1, or the root's only entry at height 0), else NULL.
 */
struct radix_tree_shape {
	void *ctx;
	void (*node)(void *ctx, unsigned long first, unsigned int height,
		     unsigned int count);
	void (*edge)(void *ctx, unsigned long first, unsigned int height,
		     unsigned long slot, unsigned long index, void *item);
};
void radix_tree_shape(struct radix_tree_root *root,
		      const struct radix_tree_shape *shape);

#endif
