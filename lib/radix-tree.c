/*
 * lib/radix-tree.c - lib/radix-tree.c of Linux 2.6.20, with the RCU
 * design of the seed commit (reference §6).
 *
 *  - Every node records its height above the leaves, fixed for its life:
 *    the tree grows only by adding nodes on top and shrinks only by
 *    removing them from the top, so a lockless reader takes the height
 *    from the node it loaded from root->rnode and never trusts
 *    root->height.
 *  - A tree whose only item sits at index 0 has height 0 and keeps the
 *    item itself in root->rnode, marked with RADIX_TREE_DIRECT_PTR.
 *  - Every store that makes a node or an item reachable is
 *    rcu_assign_pointer(); every load of a node or slot by a reader is
 *    rcu_dereference().  Removed nodes go back to the slab with call_rcu(),
 *    after a grace period.
 *
 * Lookups (radix_tree_lookup, radix_tree_gang_lookup,
 * radix_tree_gang_lookup_tag, radix_tree_tag_get) may run under
 * rcu_read_lock() alone, concurrently with one writer; every modification
 * must be serialised by the caller.
 *
 * Departures from the 2006 text, none visible to a caller:
 *  - Stores of NULL into slots and root->rnode, and tag-bit updates, are
 *    relaxed atomic stores rather than plain ones, and the tag words are
 *    read with relaxed atomic loads, so that ThreadSanitizer sees the
 *    lockless readers' accesses as the benign races they are in the
 *    kernel (an aligned word store is atomic on x86-64).
 *  - radix_tree_tag_get() is compiled in (2006 compiled it only for the
 *    user-space test harness) and, under RCU, returns 0 at the first unset
 *    tag on the way down instead of BUG()ing on an inconsistency a racing
 *    writer can legitimately show.
 *  - __maxindex() tests the shift before doing it (the 2006 code shifted
 *    by a negative count for the top heights, undefined in C).
 *  - No CPU-hotplug callback: simulated CPUs never go away.
 *  - Test hooks (radix_tree_sim_*) for the node count, the per-CPU
 *    preload pools and failing non-waiting node allocations, so that the
 *    preload fallback can be exercised: mm/slab.c never fails.
 */
#include <linux/radix-tree.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

#define RADIX_TREE_MAP_SHIFT 6 /* CONFIG_BASE_SMALL is 0 */
#define RADIX_TREE_MAP_SIZE (1UL << RADIX_TREE_MAP_SHIFT)
#define RADIX_TREE_MAP_MASK (RADIX_TREE_MAP_SIZE - 1)

#define RADIX_TREE_TAG_LONGS \
	((RADIX_TREE_MAP_SIZE + BITS_PER_LONG - 1) / BITS_PER_LONG)

struct radix_tree_node {
	unsigned int height; /* Height from the bottom */
	unsigned int count;
	struct rcu_head rcu_head;
	void *slots[RADIX_TREE_MAP_SIZE];
	unsigned long tags[RADIX_TREE_MAX_TAGS][RADIX_TREE_TAG_LONGS];
};

struct radix_tree_path {
	struct radix_tree_node *node;
	int offset;
};

#define RADIX_TREE_INDEX_BITS (8 /* CHAR_BIT */ * sizeof(unsigned long))
#define RADIX_TREE_MAX_PATH (RADIX_TREE_INDEX_BITS / RADIX_TREE_MAP_SHIFT + 2)

static unsigned long height_to_maxindex[RADIX_TREE_MAX_PATH] __read_mostly;

/* Radix tree node cache. */
static struct kmem_cache *radix_tree_node_cachep;

/*
 * Per-cpu pool of preloaded nodes
 */
struct radix_tree_preload {
	int nr;
	struct radix_tree_node *nodes[RADIX_TREE_MAX_PATH];
};
DEFINE_PER_CPU(struct radix_tree_preload, radix_tree_preloads);

/* Test hook: non-waiting node allocations fail, as under memory pressure. */
static int fail_nowait_allocs;

/* A store that readers may race with: a plain word store in the kernel. */
#define store_relaxed(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELAXED)

static inline gfp_t root_gfp_mask(struct radix_tree_root *root)
{
	return __atomic_load_n(&root->gfp_mask, __ATOMIC_RELAXED) &
	       __GFP_BITS_MASK;
}

/*
 * This assumes that the caller has performed appropriate preallocation, and
 * that the caller has pinned this thread of control to the current CPU.
 */
static struct radix_tree_node *
radix_tree_node_alloc(struct radix_tree_root *root)
{
	struct radix_tree_node *ret = NULL;
	gfp_t gfp_mask = root_gfp_mask(root);

	if ((gfp_mask & __GFP_WAIT) || !fail_nowait_allocs)
		ret = kmem_cache_alloc(radix_tree_node_cachep, gfp_mask);
	if (ret == NULL && !(gfp_mask & __GFP_WAIT)) {
		struct radix_tree_preload *rtp;

		/*
		 * The caller pinned its CPU (radix_tree_preload, or a
		 * spinlock in 2006); mmsim's spinlocks do not claim the CPU,
		 * so claim it here for the pool's sake.
		 */
		preempt_disable();
		rtp = &__get_cpu_var(radix_tree_preloads);
		if (rtp->nr) {
			ret = rtp->nodes[rtp->nr - 1];
			rtp->nodes[rtp->nr - 1] = NULL;
			rtp->nr--;
		}
		preempt_enable();
	}
	BUG_ON(radix_tree_is_direct_ptr(ret));
	return ret;
}

static void radix_tree_node_rcu_free(struct rcu_head *head)
{
	struct radix_tree_node *node =
		container_of(head, struct radix_tree_node, rcu_head);

	kmem_cache_free(radix_tree_node_cachep, node);
}

static inline void radix_tree_node_free(struct radix_tree_node *node)
{
	call_rcu(&node->rcu_head, radix_tree_node_rcu_free);
}

/*
 * Load up this CPU's radix_tree_node buffer with sufficient objects to
 * ensure that the addition of a single element in the tree cannot fail.  On
 * success, return zero, with preemption disabled.  On error, return -ENOMEM
 * with preemption not disabled.
 */
int radix_tree_preload(gfp_t gfp_mask)
{
	struct radix_tree_preload *rtp;
	struct radix_tree_node *node;
	int ret = -ENOMEM;

	preempt_disable();
	rtp = &__get_cpu_var(radix_tree_preloads);
	while (rtp->nr < (int)ARRAY_SIZE(rtp->nodes)) {
		preempt_enable();
		node = kmem_cache_alloc(radix_tree_node_cachep, gfp_mask);
		if (node == NULL)
			goto out;
		preempt_disable();
		rtp = &__get_cpu_var(radix_tree_preloads);
		if (rtp->nr < (int)ARRAY_SIZE(rtp->nodes))
			rtp->nodes[rtp->nr++] = node;
		else
			kmem_cache_free(radix_tree_node_cachep, node);
	}
	ret = 0;
out:
	return ret;
}

/* ---- tags: writers update, lockless readers look ------------------------ */

static inline void tag_set(struct radix_tree_node *node, unsigned int tag,
			   int offset)
{
	unsigned long *w = &node->tags[tag][offset / BITS_PER_LONG];

	store_relaxed(*w, __atomic_load_n(w, __ATOMIC_RELAXED) |
				  (1UL << (offset % BITS_PER_LONG)));
}

static inline void tag_clear(struct radix_tree_node *node, unsigned int tag,
			     int offset)
{
	unsigned long *w = &node->tags[tag][offset / BITS_PER_LONG];

	store_relaxed(*w, __atomic_load_n(w, __ATOMIC_RELAXED) &
				  ~(1UL << (offset % BITS_PER_LONG)));
}

static inline int tag_get(struct radix_tree_node *node, unsigned int tag,
			  int offset)
{
	unsigned long w = __atomic_load_n(
		&node->tags[tag][offset / BITS_PER_LONG], __ATOMIC_RELAXED);

	return (w >> (offset % BITS_PER_LONG)) & 1;
}

static inline void root_tag_set(struct radix_tree_root *root, unsigned int tag)
{
	__atomic_or_fetch(&root->gfp_mask,
			  (gfp_t)(1 << (tag + __GFP_BITS_SHIFT)),
			  __ATOMIC_RELAXED);
}

static inline void root_tag_clear(struct radix_tree_root *root,
				  unsigned int tag)
{
	__atomic_and_fetch(&root->gfp_mask,
			   (gfp_t) ~(1 << (tag + __GFP_BITS_SHIFT)),
			   __ATOMIC_RELAXED);
}

static inline void root_tag_clear_all(struct radix_tree_root *root)
{
	__atomic_and_fetch(&root->gfp_mask, __GFP_BITS_MASK, __ATOMIC_RELAXED);
}

static inline int root_tag_get(struct radix_tree_root *root, unsigned int tag)
{
	return (int)(__atomic_load_n(&root->gfp_mask, __ATOMIC_RELAXED) &
		     (1 << (tag + __GFP_BITS_SHIFT)));
}

/*
 * Returns 1 if any slot in the node has this tag set.
 * Otherwise returns 0.
 */
static inline int any_tag_set(struct radix_tree_node *node, unsigned int tag)
{
	int idx;

	for (idx = 0; idx < (int)RADIX_TREE_TAG_LONGS; idx++) {
		if (__atomic_load_n(&node->tags[tag][idx], __ATOMIC_RELAXED))
			return 1;
	}
	return 0;
}

/*
 *	Return the maximum key which can be store into a
 *	radix tree with height HEIGHT.
 */
static inline unsigned long radix_tree_maxindex(unsigned int height)
{
	return height_to_maxindex[height];
}

/*
 *	Extend a radix tree so it can store key @index.
 */
static int radix_tree_extend(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *node;
	unsigned int height;
	int tag;

	/* Figure out what the height should be.  */
	height = root->height + 1;
	while (index > radix_tree_maxindex(height))
		height++;

	if (root->rnode == NULL) {
		root->height = height;
		goto out;
	}

	do {
		unsigned int newheight;

		if (!(node = radix_tree_node_alloc(root)))
			return -ENOMEM;

		/* Increase the height.  */
		node->slots[0] = radix_tree_direct_to_ptr(root->rnode);

		/* Propagate the aggregated tag info into the new root */
		for (tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++) {
			if (root_tag_get(root, tag))
				tag_set(node, tag, 0);
		}

		newheight = root->height + 1;
		node->height = newheight;
		node->count = 1;
		rcu_assign_pointer(root->rnode, node);
		root->height = newheight;
	} while (height > root->height);
out:
	return 0;
}

/**
 *	radix_tree_insert    -    insert into a radix tree
 *	@root:		radix tree root
 *	@index:		index key
 *	@item:		item to insert
 *
 *	Insert an item into the radix tree at position @index.
 */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index,
		      void *item)
{
	struct radix_tree_node *node = NULL, *slot;
	unsigned int height, shift;
	int offset;
	int error;

	BUG_ON(radix_tree_is_direct_ptr(item));

	/* Make sure the tree is high enough.  */
	if (index > radix_tree_maxindex(root->height)) {
		error = radix_tree_extend(root, index);
		if (error)
			return error;
	}

	slot = root->rnode;
	height = root->height;
	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;

	offset = 0; /* uninitialised var warning */
	while (height > 0) {
		if (slot == NULL) {
			/* Have to add a child node.  */
			if (!(slot = radix_tree_node_alloc(root)))
				return -ENOMEM;
			slot->height = height;
			if (node) {
				rcu_assign_pointer(node->slots[offset], slot);
				node->count++;
			} else
				rcu_assign_pointer(root->rnode, slot);
		}

		/* Go a level down */
		offset = (index >> shift) & RADIX_TREE_MAP_MASK;
		node = slot;
		slot = node->slots[offset];
		shift -= RADIX_TREE_MAP_SHIFT;
		height--;
	}

	if (slot != NULL)
		return -EEXIST;

	if (node) {
		node->count++;
		rcu_assign_pointer(node->slots[offset], item);
		BUG_ON(tag_get(node, 0, offset));
		BUG_ON(tag_get(node, 1, offset));
	} else {
		rcu_assign_pointer(root->rnode, radix_tree_ptr_to_direct(item));
		BUG_ON(root_tag_get(root, 0));
		BUG_ON(root_tag_get(root, 1));
	}

	return 0;
}

/**
 *	radix_tree_lookup_slot    -    lookup a slot in a radix tree
 *	@root:		radix tree root
 *	@index:		index key
 *
 *	Returns:  the slot corresponding to the position @index in the
 *	radix tree @root. This is useful for update-if-exists operations.
 *
 *	This function cannot be called under rcu_read_lock, it must be
 *	excluded from writers, as must the returned slot for subsequent
 *	use by radix_tree_deref_slot() and radix_tree_replace slot.
 *	Caller must hold tree write locked across slot lookup and
 *	replace.
 */
void **radix_tree_lookup_slot(struct radix_tree_root *root, unsigned long index)
{
	unsigned int height, shift;
	struct radix_tree_node *node, **slot;

	node = rcu_dereference(root->rnode);
	if (node == NULL)
		return NULL;

	if (radix_tree_is_direct_ptr(node)) {
		if (index > 0)
			return NULL;
		return (void **)&root->rnode;
	}

	height = node->height;
	if (index > radix_tree_maxindex(height))
		return NULL;

	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;

	do {
		slot = (struct radix_tree_node **)(node->slots +
						   ((index >> shift) &
						    RADIX_TREE_MAP_MASK));
		node = rcu_dereference(*slot);
		if (node == NULL)
			return NULL;

		shift -= RADIX_TREE_MAP_SHIFT;
		height--;
	} while (height > 0);

	return (void **)slot;
}

/**
 *	radix_tree_lookup    -    perform lookup operation on a radix tree
 *	@root:		radix tree root
 *	@index:		index key
 *
 *	Lookup the item at the position @index in the radix tree @root.
 *
 *	This function can be called under rcu_read_lock, however the caller
 *	must manage lifetimes of leaf nodes (eg. RCU may also be used to free
 *	them safely). No RCU barriers are required to access or modify the
 *	returned item, however.
 */
void *radix_tree_lookup(struct radix_tree_root *root, unsigned long index)
{
	unsigned int height, shift;
	struct radix_tree_node *node, **slot;

	node = rcu_dereference(root->rnode);
	if (node == NULL)
		return NULL;

	if (radix_tree_is_direct_ptr(node)) {
		if (index > 0)
			return NULL;
		return radix_tree_direct_to_ptr(node);
	}

	height = node->height;
	if (index > radix_tree_maxindex(height))
		return NULL;

	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;

	do {
		slot = (struct radix_tree_node **)(node->slots +
						   ((index >> shift) &
						    RADIX_TREE_MAP_MASK));
		node = rcu_dereference(*slot);
		if (node == NULL)
			return NULL;

		shift -= RADIX_TREE_MAP_SHIFT;
		height--;
	} while (height > 0);

	return node;
}

/**
 *	radix_tree_tag_set - set a tag on a radix tree node
 *	@root:		radix tree root
 *	@index:		index key
 *	@tag: 		tag index
 *
 *	Set the search tag (which must be < RADIX_TREE_MAX_TAGS)
 *	corresponding to @index in the radix tree.  From
 *	the root all the way down to the leaf node.
 *
 *	Returns the address of the tagged item.   Setting a tag on a not-present
 *	item is a bug.
 */
void *radix_tree_tag_set(struct radix_tree_root *root, unsigned long index,
			 unsigned int tag)
{
	unsigned int height, shift;
	struct radix_tree_node *slot;

	height = root->height;
	BUG_ON(index > radix_tree_maxindex(height));

	slot = root->rnode;
	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;

	while (height > 0) {
		int offset;

		offset = (index >> shift) & RADIX_TREE_MAP_MASK;
		if (!tag_get(slot, tag, offset))
			tag_set(slot, tag, offset);
		slot = slot->slots[offset];
		BUG_ON(slot == NULL);
		shift -= RADIX_TREE_MAP_SHIFT;
		height--;
	}

	/* set the root's tag bit */
	if (slot && !root_tag_get(root, tag))
		root_tag_set(root, tag);

	return slot;
}

/**
 *	radix_tree_tag_clear - clear a tag on a radix tree node
 *	@root:		radix tree root
 *	@index:		index key
 *	@tag: 		tag index
 *
 *	Clear the search tag (which must be < RADIX_TREE_MAX_TAGS)
 *	corresponding to @index in the radix tree.  If
 *	this causes the leaf node to have no tags set then clear the tag in the
 *	next-to-leaf node, etc.
 *
 *	Returns the address of the tagged item on success, else NULL.  ie:
 *	has the same return value and semantics as radix_tree_lookup().
 */
void *radix_tree_tag_clear(struct radix_tree_root *root, unsigned long index,
			   unsigned int tag)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH], *pathp = path;
	struct radix_tree_node *slot = NULL;
	unsigned int height, shift;

	height = root->height;
	if (index > radix_tree_maxindex(height))
		goto out;

	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;
	pathp->node = NULL;
	slot = root->rnode;

	while (height > 0) {
		int offset;

		if (slot == NULL)
			goto out;

		offset = (index >> shift) & RADIX_TREE_MAP_MASK;
		pathp[1].offset = offset;
		pathp[1].node = slot;
		slot = slot->slots[offset];
		pathp++;
		shift -= RADIX_TREE_MAP_SHIFT;
		height--;
	}

	if (slot == NULL)
		goto out;

	while (pathp->node) {
		if (!tag_get(pathp->node, tag, pathp->offset))
			goto out;
		tag_clear(pathp->node, tag, pathp->offset);
		if (any_tag_set(pathp->node, tag))
			goto out;
		pathp--;
	}

	/* clear the root's tag bit */
	if (root_tag_get(root, tag))
		root_tag_clear(root, tag);

out:
	return slot;
}

/**
 * radix_tree_tag_get - get a tag on a radix tree node
 * @root:		radix tree root
 * @index:		index key
 * @tag: 		tag index (< RADIX_TREE_MAX_TAGS)
 *
 * Return values:
 *
 *  0: tag not present or not set
 *  1: tag set
 */
int radix_tree_tag_get(struct radix_tree_root *root, unsigned long index,
		       unsigned int tag)
{
	unsigned int height, shift;
	struct radix_tree_node *node;

	/* check the root's tag bit */
	if (!root_tag_get(root, tag))
		return 0;

	node = rcu_dereference(root->rnode);
	if (node == NULL)
		return 0;

	if (radix_tree_is_direct_ptr(node))
		return (index == 0);

	height = node->height;
	if (index > radix_tree_maxindex(height))
		return 0;

	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;

	for (;;) {
		int offset;

		if (node == NULL)
			return 0;

		offset = (index >> shift) & RADIX_TREE_MAP_MASK;

		/*
		 * 2006 went on to the leaf to BUG() on a set leaf tag below
		 * an unset one; a writer racing with a lockless reader can
		 * show exactly that, so stop at the first unset tag.
		 */
		if (!tag_get(node, tag, offset))
			return 0;
		if (height == 1)
			return 1;
		node = rcu_dereference(node->slots[offset]);
		shift -= RADIX_TREE_MAP_SHIFT;
		height--;
	}
}

static unsigned int __lookup(struct radix_tree_node *slot, void **results,
			     unsigned long index, unsigned int max_items,
			     unsigned long *next_index)
{
	unsigned int nr_found = 0;
	unsigned int shift, height;
	unsigned long i;

	height = slot->height;
	if (height == 0)
		goto out;
	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;

	for (; height > 1; height--) {
		i = (index >> shift) & RADIX_TREE_MAP_MASK;
		for (;;) {
			if (rcu_dereference(slot->slots[i]) != NULL)
				break;
			index &= ~((1UL << shift) - 1);
			index += 1UL << shift;
			if (index == 0)
				goto out; /* 32-bit wraparound */
			i++;
			if (i == RADIX_TREE_MAP_SIZE)
				goto out;
		}

		shift -= RADIX_TREE_MAP_SHIFT;
		slot = rcu_dereference(slot->slots[i]);
		if (slot == NULL)
			goto out;
	}

	/* Bottom level: grab some items */
	for (i = index & RADIX_TREE_MAP_MASK; i < RADIX_TREE_MAP_SIZE; i++) {
		struct radix_tree_node *node;

		index++;
		node = rcu_dereference(slot->slots[i]);
		if (node) {
			results[nr_found++] = node;
			if (nr_found == max_items)
				goto out;
		}
	}
out:
	*next_index = index;
	return nr_found;
}

/**
 *	radix_tree_gang_lookup - perform multiple lookup on a radix tree
 *	@root:		radix tree root
 *	@results:	where the results of the lookup are placed
 *	@first_index:	start the lookup from this key
 *	@max_items:	place up to this many items at *results
 *
 *	Performs an index-ascending scan of the tree for present items.  Places
 *	them at *@results and returns the number of items which were placed at
 *	*@results.
 *
 *	The implementation is naive.
 *
 *	Like radix_tree_lookup, radix_tree_gang_lookup may be called under
 *	rcu_read_lock. In this case, rather than the returned results being
 *	an atomic snapshot of the tree at a single point in time, the semantics
 *	of an RCU protected gang lookup are as though multiple radix_tree_lookups
 *	have been issued in individual locks, and results stored in 'results'.
 */
unsigned int radix_tree_gang_lookup(struct radix_tree_root *root,
				    void **results, unsigned long first_index,
				    unsigned int max_items)
{
	unsigned long max_index;
	struct radix_tree_node *node;
	unsigned long cur_index = first_index;
	unsigned int ret;

	node = rcu_dereference(root->rnode);
	if (!node)
		return 0;

	if (radix_tree_is_direct_ptr(node)) {
		if (first_index > 0 || max_items == 0)
			return 0;
		results[0] = radix_tree_direct_to_ptr(node);
		return 1;
	}

	max_index = radix_tree_maxindex(node->height);

	ret = 0;
	while (ret < max_items) {
		unsigned int nr_found;
		unsigned long next_index; /* Index of next search */

		if (cur_index > max_index)
			break;
		nr_found = __lookup(node, results + ret, cur_index,
				    max_items - ret, &next_index);
		ret += nr_found;
		if (next_index == 0)
			break;
		cur_index = next_index;
	}

	return ret;
}

/*
 * FIXME: the two tag_get()s here should use find_next_bit() instead of
 * open-coding the search.
 */
static unsigned int __lookup_tag(struct radix_tree_node *slot, void **results,
				 unsigned long index, unsigned int max_items,
				 unsigned long *next_index, unsigned int tag)
{
	unsigned int nr_found = 0;
	unsigned int shift, height;

	height = slot->height;
	if (height == 0)
		goto out;
	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;

	while (height > 0) {
		unsigned long i = (index >> shift) & RADIX_TREE_MAP_MASK;

		for (;;) {
			if (tag_get(slot, tag, i))
				break;
			index &= ~((1UL << shift) - 1);
			index += 1UL << shift;
			if (index == 0)
				goto out; /* 32-bit wraparound */
			i++;
			if (i == RADIX_TREE_MAP_SIZE)
				goto out;
		}
		height--;
		if (height == 0) { /* Bottom level: grab some items */
			unsigned long j = index & RADIX_TREE_MAP_MASK;

			for (; j < RADIX_TREE_MAP_SIZE; j++) {
				struct radix_tree_node *node;

				index++;
				if (!tag_get(slot, tag, j))
					continue;
				/*
				 * Even though the tag was found set, we need to
				 * recheck that we have a non-NULL node, because
				 * if this lookup is lockless, it may have been
				 * subsequently deleted.
				 *
				 * Similar care must be taken in any place that
				 * lookup ->slots[x] without a lock (ie. can't
				 * rely on its value remaining the same).
				 */
				node = rcu_dereference(slot->slots[j]);
				if (node) {
					results[nr_found++] = node;
					if (nr_found == max_items)
						goto out;
				}
			}
			break; /* 2006 loaded slots[i] once more, unused */
		}
		shift -= RADIX_TREE_MAP_SHIFT;
		slot = rcu_dereference(slot->slots[i]);
		if (slot == NULL)
			break;
	}
out:
	*next_index = index;
	return nr_found;
}

/**
 *	radix_tree_gang_lookup_tag - perform multiple lookup on a radix tree
 *	                             based on a tag
 *	@root:		radix tree root
 *	@results:	where the results of the lookup are placed
 *	@first_index:	start the lookup from this key
 *	@max_items:	place up to this many items at *results
 *	@tag:		the tag index (< RADIX_TREE_MAX_TAGS)
 *
 *	Performs an index-ascending scan of the tree for present items which
 *	have the tag indexed by @tag set.  Places the items at *@results and
 *	returns the number of items which were placed at *@results.
 */
unsigned int radix_tree_gang_lookup_tag(struct radix_tree_root *root,
					void **results,
					unsigned long first_index,
					unsigned int max_items,
					unsigned int tag)
{
	struct radix_tree_node *node;
	unsigned long max_index;
	unsigned long cur_index = first_index;
	unsigned int ret;

	/* check the root's tag bit */
	if (!root_tag_get(root, tag))
		return 0;

	node = rcu_dereference(root->rnode);
	if (!node)
		return 0;

	if (radix_tree_is_direct_ptr(node)) {
		if (first_index > 0 || max_items == 0)
			return 0;
		results[0] = radix_tree_direct_to_ptr(node);
		return 1;
	}

	max_index = radix_tree_maxindex(node->height);

	ret = 0;
	while (ret < max_items) {
		unsigned int nr_found;
		unsigned long next_index; /* Index of next search */

		if (cur_index > max_index)
			break;
		nr_found = __lookup_tag(node, results + ret, cur_index,
					max_items - ret, &next_index, tag);
		ret += nr_found;
		if (next_index == 0)
			break;
		cur_index = next_index;
	}

	return ret;
}

/**
 *	radix_tree_shrink    -    shrink height of a radix tree to minimal
 *	@root		radix tree root
 */
static inline void radix_tree_shrink(struct radix_tree_root *root)
{
	/* try to shrink tree height */
	while (root->height > 0 && root->rnode->count == 1 &&
	       root->rnode->slots[0]) {
		struct radix_tree_node *to_free = root->rnode;
		void *newptr;

		/*
		 * We don't need rcu_assign_pointer(), since we are simply
		 * moving the node from one part of the tree to another. If
		 * it was safe to dereference the old pointer to it
		 * (to_free->slots[0]), it will be safe to dereference the new
		 * one (root->rnode).
		 */
		newptr = to_free->slots[0];
		if (root->height == 1)
			newptr = radix_tree_ptr_to_direct(newptr);
		store_relaxed(root->rnode, (struct radix_tree_node *)newptr);
		root->height--;
		/* must only free zeroed nodes into the slab */
		tag_clear(to_free, 0, 0);
		tag_clear(to_free, 1, 0);
		store_relaxed(to_free->slots[0], NULL);
		to_free->count = 0;
		radix_tree_node_free(to_free);
	}
}

/**
 *	radix_tree_delete    -    delete an item from a radix tree
 *	@root:		radix tree root
 *	@index:		index key
 *
 *	Remove the item at @index from the radix tree rooted at @root.
 *
 *	Returns the address of the deleted item, or NULL if it was not present.
 */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH], *pathp = path;
	struct radix_tree_node *slot = NULL;
	struct radix_tree_node *to_free;
	unsigned int height, shift;
	int tag;
	int offset;

	height = root->height;
	if (index > radix_tree_maxindex(height))
		goto out;

	slot = root->rnode;
	if (height == 0 && root->rnode) {
		slot = radix_tree_direct_to_ptr(slot);
		root_tag_clear_all(root);
		store_relaxed(root->rnode, NULL);
		goto out;
	}

	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;
	pathp->node = NULL;

	do {
		if (slot == NULL)
			goto out;

		pathp++;
		offset = (index >> shift) & RADIX_TREE_MAP_MASK;
		pathp->offset = offset;
		pathp->node = slot;
		slot = slot->slots[offset];
		shift -= RADIX_TREE_MAP_SHIFT;
		height--;
	} while (height > 0);

	if (slot == NULL)
		goto out;

	/*
	 * Clear all tags associated with the just-deleted item
	 */
	for (tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++) {
		if (tag_get(pathp->node, tag, pathp->offset))
			radix_tree_tag_clear(root, index, tag);
	}

	to_free = NULL;
	/* Now free the nodes we do not need anymore */
	while (pathp->node) {
		store_relaxed(pathp->node->slots[pathp->offset], NULL);
		pathp->node->count--;
		/*
		 * Queue the node for deferred freeing after the
		 * last reference to it disappears (set NULL, above).
		 */
		if (to_free)
			radix_tree_node_free(to_free);

		if (pathp->node->count) {
			if (pathp->node == root->rnode)
				radix_tree_shrink(root);
			goto out;
		}

		/* Node with zero slots in use so free it */
		to_free = pathp->node;
		pathp--;
	}
	root_tag_clear_all(root);
	root->height = 0;
	store_relaxed(root->rnode, NULL);
	if (to_free)
		radix_tree_node_free(to_free);

out:
	return slot;
}

/**
 *	radix_tree_tagged - test whether any items in the tree are tagged
 *	@root:		radix tree root
 *	@tag:		tag to test
 */
int radix_tree_tagged(struct radix_tree_root *root, unsigned int tag)
{
	return root_tag_get(root, tag);
}

static void radix_tree_node_ctor(void *node, struct kmem_cache *cachep,
				 unsigned long flags)
{
	memset(node, 0, sizeof(struct radix_tree_node));
}

static unsigned long __maxindex(unsigned int height)
{
	unsigned int tmp = height * RADIX_TREE_MAP_SHIFT;

	if (tmp >= RADIX_TREE_INDEX_BITS)
		return ~0UL;
	/* 2006: (~0UL >> (RADIX_TREE_INDEX_BITS - tmp - 1)) >> 1 */
	return tmp ? ~0UL >> (RADIX_TREE_INDEX_BITS - tmp) : 0;
}

static void radix_tree_init_maxindex(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(height_to_maxindex); i++)
		height_to_maxindex[i] = __maxindex(i);
}

void __init radix_tree_init(void)
{
	radix_tree_node_cachep = kmem_cache_create(
		"radix_tree_node", sizeof(struct radix_tree_node), 0,
		SLAB_PANIC, radix_tree_node_ctor, NULL);
	radix_tree_init_maxindex();
}

/* 2006 called radix_tree_init() from start_kernel(), before the initcalls. */
static int __init radix_tree_initcall(void)
{
	radix_tree_init();
	return 0;
}
core_initcall(radix_tree_initcall);

/* ---- mmsim test hooks ------------------------------------------------------ */

unsigned long radix_tree_sim_maxindex(unsigned int height)
{
	BUG_ON(height >= ARRAY_SIZE(height_to_maxindex));
	return radix_tree_maxindex(height);
}

int radix_tree_sim_max_path(void)
{
	return RADIX_TREE_MAX_PATH;
}

int radix_tree_sim_preloaded(int cpu)
{
	return per_cpu(radix_tree_preloads, cpu).nr;
}

unsigned long radix_tree_sim_node_objects(void)
{
	unsigned long nr = kmem_cache_objects(radix_tree_node_cachep);
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		nr -= per_cpu(radix_tree_preloads, cpu).nr;
	return nr;
}

void radix_tree_sim_fail_nowait_allocs(int on)
{
	fail_nowait_allocs = on;
}

/*
 * Walk a tree that no writer is changing and check what every operation
 * must leave behind: heights decreasing by one to the leaves, counts equal
 * to the slots in use, no empty node, interior tags the union of the tags
 * below, root tags the union of the top node's, root->height the top
 * node's height, and a shrunk root.  Returns the number of nodes, or -1
 * with a reason in *why.
 */
static long check_node(struct radix_tree_node *node, unsigned int height,
		       unsigned long tags_out[RADIX_TREE_MAX_TAGS],
		       const char **why)
{
	unsigned long nodes = 1;
	unsigned int i, count = 0, tag;

	tags_out[0] = tags_out[1] = 0;
	if (node->height != height) {
		*why = "node height differs from its depth";
		return -1;
	}
	for (i = 0; i < RADIX_TREE_MAP_SIZE; i++) {
		void *p = node->slots[i];
		unsigned long below[RADIX_TREE_MAX_TAGS];

		if (!p) {
			for (tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
				if (tag_get(node, tag, i)) {
					*why = "tag set on an empty slot";
					return -1;
				}
			continue;
		}
		count++;
		if (radix_tree_is_direct_ptr(p)) {
			*why = "direct bit set below the root";
			return -1;
		}
		if (height > 1) {
			long n = check_node(p, height - 1, below, why);

			if (n < 0)
				return -1;
			nodes += n;
			for (tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
				if (!!below[tag] != !!tag_get(node, tag, i)) {
					*why = "interior tag differs from the "
					       "tags below it";
					return -1;
				}
		}
	}
	if (count != node->count) {
		*why = "count differs from the slots in use";
		return -1;
	}
	if (!count) {
		*why = "empty node left in the tree";
		return -1;
	}
	for (tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
		tags_out[tag] = any_tag_set(node, tag);
	return nodes;
}

long radix_tree_sim_check(struct radix_tree_root *root, const char **why)
{
	struct radix_tree_node *node = root->rnode;
	unsigned long tags[RADIX_TREE_MAX_TAGS];
	unsigned int tag;
	long nodes;

	*why = NULL;
	if (!node) {
		if (root->height) {
			*why = "empty tree of non-zero height";
			return -1;
		}
		for (tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
			if (root_tag_get(root, tag)) {
				*why = "root tag set on an empty tree";
				return -1;
			}
		return 0;
	}
	if (radix_tree_is_direct_ptr(node)) {
		if (root->height) {
			*why = "direct pointer in a tree of non-zero height";
			return -1;
		}
		return 0;
	}
	if (!root->height) {
		*why = "node below a root of height 0";
		return -1;
	}
	nodes = check_node(node, root->height, tags, why);
	if (nodes < 0)
		return -1;
	for (tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
		if (!!tags[tag] != !!root_tag_get(root, tag)) {
			*why = "root tag differs from the top node's tags";
			return -1;
		}
	if (node->count == 1 && node->slots[0]) {
		*why = "root not shrunk: a single child in slot 0";
		return -1;
	}
	return nodes;
}

/*
 * Not in 2.6.20: the tree's shape for a picture (mmsim's `show radix`).
 * Calls node() for every interior node, with its first index, height
 * and count, and edge() for every used slot: to the child node's first
 * index or, at the bottom, to the item.  Under the caller's tree lock.
 */
static void radix_tree_shape_node(struct radix_tree_node *node,
				  unsigned long first, unsigned int height,
				  const struct radix_tree_shape *shape)
{
	unsigned int shift = (height - 1) * RADIX_TREE_MAP_SHIFT;
	unsigned long i;

	shape->node(shape->ctx, first, height, node->count);
	for (i = 0; i < RADIX_TREE_MAP_SIZE; i++) {
		unsigned long index = first + (i << shift);

		if (!node->slots[i])
			continue;
		shape->edge(shape->ctx, first, height, i, index,
			    height == 1 ? node->slots[i] : NULL);
		if (height > 1)
			radix_tree_shape_node(node->slots[i], index, height - 1,
					      shape);
	}
}

void radix_tree_shape(struct radix_tree_root *root,
		      const struct radix_tree_shape *shape)
{
	if (!root->rnode)
		return;
	if (root->height == 0) {
		shape->edge(shape->ctx, 0, 0, 0, 0, root->rnode);
		return;
	}
	radix_tree_shape_node(root->rnode, 0, root->height, shape);
}
