/*
 * linux/nodemask.h - sets of NUMA nodes (2.6.20 API): nodemask_t is a
 * struct holding a MAX_NUMNODES-bit bitmap; node_isset() and friends take
 * the mask itself, not a pointer.
 */
#ifndef __LINUX_NODEMASK_H
#define __LINUX_NODEMASK_H

#include <linux/numa.h>
#include <linux/bitmap.h>
#include <sim/door.h>

typedef struct {
	unsigned long bits[BITS_TO_LONGS(MAX_NUMNODES)];
} nodemask_t;

extern nodemask_t _unused_nodemask_arg_;

#define node_set(node, dst) __node_set((node), &(dst))
static inline void __node_set(int node, volatile nodemask_t *dstp)
{
	set_bit(node, dstp->bits);
}

#define node_clear(node, dst) __node_clear((node), &(dst))
static inline void __node_clear(int node, volatile nodemask_t *dstp)
{
	clear_bit(node, dstp->bits);
}

/*
 * 2.6.20's node_isset() tested any bit it was given: a node from user
 * space (move_pages' nodes[i] goes straight to node_online()) at -1 or
 * 100000 read memory before or far past the MAX_NUMNODES-bit map.  The
 * real kernel read whatever lay there; here that read would leave the
 * simulator's own memory, so it is reported the way KASAN reports an
 * out-of-bounds read (with backtrace and seed, exit status 3) instead.
 */
static inline int node_bit_checked(int node, const char *func)
{
	if ((unsigned int)node >= MAX_NUMNODES)
		sim_panic("BUG: KASAN: global-out-of-bounds in %s: "
			  "node_isset() reads bit %d of a %d-bit nodemask_t",
			  func, node, MAX_NUMNODES);
	return node;
}

#define node_isset(node, nodemask) \
	test_bit(node_bit_checked((node), __func__), (nodemask).bits)
#define nodes_clear(dst) bitmap_zero((dst).bits, MAX_NUMNODES)
#define nodes_setall(dst) bitmap_fill((dst).bits, MAX_NUMNODES)
#define nodes_and(dst, a, b) \
	bitmap_and((dst).bits, (a).bits, (b).bits, MAX_NUMNODES)
#define nodes_or(dst, a, b) \
	bitmap_or((dst).bits, (a).bits, (b).bits, MAX_NUMNODES)
#define nodes_andnot(dst, a, b) \
	bitmap_andnot((dst).bits, (a).bits, (b).bits, MAX_NUMNODES)
#define nodes_empty(src) bitmap_empty((src).bits, MAX_NUMNODES)
#define nodes_equal(a, b) bitmap_equal((a).bits, (b).bits, MAX_NUMNODES)
#define nodes_subset(a, b) bitmap_subset((a).bits, (b).bits, MAX_NUMNODES)
#define nodes_weight(m) bitmap_weight((m).bits, MAX_NUMNODES)
#define first_node(src) ((int)find_first_bit((src).bits, MAX_NUMNODES))
#define next_node(n, src) \
	((int)find_next_bit((src).bits, MAX_NUMNODES, (n) + 1))

#define nodemask_of_node(node)       \
	({                           \
		nodemask_t m;        \
		nodes_clear(m);      \
		node_set((node), m); \
		m;                   \
	})

#define NODE_MASK_NONE ((nodemask_t){{0}})

#define for_each_node_mask(node, mask)                         \
	for ((node) = first_node(mask); (node) < MAX_NUMNODES; \
	     (node) = next_node((node), (mask)))

extern nodemask_t node_online_map;
extern nodemask_t node_possible_map;

#define num_online_nodes() nodes_weight(node_online_map)
#define node_online(node) node_isset((node), node_online_map)
#define node_possible(node) node_isset((node), node_possible_map)
#define for_each_node(node) for_each_node_mask((node), node_possible_map)
#define for_each_online_node(node) for_each_node_mask((node), node_online_map)
#define node_set_online(node) set_bit((node), node_online_map.bits)
#define node_set_offline(node) clear_bit((node), node_online_map.bits)

#define nodes_addr(src) ((src).bits)

/* The node oldbit maps to when the nodes of old are renumbered as new. */
#define node_remap(oldbit, old, new) \
	__node_remap((oldbit), &(old), &(new), MAX_NUMNODES)
static inline int __node_remap(int oldbit, const nodemask_t *oldp,
			       const nodemask_t *newp, int nbits)
{
	return bitmap_bitremap(oldbit, oldp->bits, newp->bits, nbits);
}

#endif
