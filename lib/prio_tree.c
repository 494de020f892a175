/*
 * lib/prio_tree.c - radix priority search trees, the 2.6.20
 * lib/prio_tree.c API.
 *
 * Models: lib/prio_tree.c of December 2006 (Rajesh Venkatasubramanian's
 * implementation of McCreight's radix priority search tree, 2004).  The
 * tree stores closed intervals [radix_index, heap_index] and answers
 * "which stored intervals overlap [a, b]" in O(log n + m).  It is a heap
 * on heap_index (no node has a larger heap_index than its parent) laid
 * over a binary radix tree on radix_index: a node at depth d of a tree
 * with root->index_bits = B was routed there by bits B-1 .. B-d of its
 * radix_index (0 = left).  Below depth B all radix bits are used up and
 * the nodes there share one radix_index; they are told apart by the bits
 * of their size (heap_index - radix_index), from bit BITS_PER_LONG-1 down.
 * So two distinct intervals always find separate places, and the tree is
 * at most B + BITS_PER_LONG + 1 levels deep.
 *
 * Two kinds of root: a plain root holds struct prio_tree_node with its own
 * start/last; a raw root (address_space->i_mmap) holds the
 * raw_prio_tree_node embedded in a vm_area_struct, and the interval is
 * computed from the vma: radix_index = vm_pgoff, heap_index = vm_pgoff +
 * vma_pages - 1 (the file pages it maps).  mm/prio_tree.c builds the vma
 * layer on top.
 *
 * Insert returns the node already holding an identical interval instead
 * of adding a second one; the caller decides what to do (the vma layer
 * keeps such vmas on a vm_set list).
 *
 * Simplifications: prio_tree_maxindex() computes 2^bits - 1 directly
 * instead of 2.6.20's index_bits_to_maxindex[] table filled by
 * prio_tree_init() at boot, so a tree works before (or without) a booted
 * machine.  As in 2.6.20, index_bits only grows (prio_tree_expand) while
 * the tree is in use and is reset to 1 when the last node is removed; it
 * is never reduced otherwise.  No locking: callers serialise
 * (mapping->i_mmap_lock for i_mmap).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/prio_tree.h>

/*
 * The interval of a vma, in file pages.  HEAP_INDEX adds size - 1 rather
 * than size so that a vma ending at the last possible page cannot
 * overflow.  mm/prio_tree.c mirrors these.
 */
#define RADIX_INDEX(vma) ((vma)->vm_pgoff)
#define VMA_SIZE(vma) (((vma)->vm_end - (vma)->vm_start) >> PAGE_SHIFT)
#define HEAP_INDEX(vma) ((vma)->vm_pgoff + (VMA_SIZE(vma) - 1))

static void get_index(const struct prio_tree_root *root,
		      const struct prio_tree_node *node, unsigned long *radix,
		      unsigned long *heap)
{
	if (root->raw) {
		const struct vm_area_struct *vma;

		vma = prio_tree_entry(node, struct vm_area_struct,
				      shared.prio_tree_node);
		*radix = RADIX_INDEX(vma);
		*heap = HEAP_INDEX(vma);
	} else {
		*radix = node->start;
		*heap = node->last;
	}
}

/* The largest index a tree of @bits radix bits can hold. */
static inline unsigned long prio_tree_maxindex(unsigned int bits)
{
	if (bits >= BITS_PER_LONG)
		return ULONG_MAX;
	return (1UL << bits) - 1;
}

/*
 * Does interval [r1, h1] belong above [r2, h2]?  The larger heap index
 * wins; on equal heap indices, the smaller radix index.  Insertion keeps
 * every node above all of its descendants in this order, which is what
 * lets it find an identical interval on the way down.
 */
static inline int prio_above(unsigned long r1, unsigned long h1,
			     unsigned long r2, unsigned long h2)
{
	return h1 > h2 || (h1 == h2 && r1 < r2);
}

/*
 * Put @node in @old's place: same parent, same children.  @old is left
 * with stale links.  Returns @old.
 */
struct prio_tree_node *prio_tree_replace(struct prio_tree_root *root,
					 struct prio_tree_node *old,
					 struct prio_tree_node *node)
{
	INIT_PRIO_TREE_NODE(node);

	if (prio_tree_root(old)) {
		BUG_ON(root->prio_tree_node != old);
		/*
		 * 2.6.20 notes that index_bits could shrink here, and does
		 * not bother: neither do we.
		 */
		root->prio_tree_node = node;
	} else {
		node->parent = old->parent;
		if (old->parent->left == old)
			old->parent->left = node;
		else
			old->parent->right = node;
	}

	if (!prio_tree_left_empty(old)) {
		node->left = old->left;
		node->left->parent = node;
	}
	if (!prio_tree_right_empty(old)) {
		node->right = old->right;
		node->right->parent = node;
	}
	return old;
}

/*
 * Make room for a heap index of @max_heap_index and put @node at the top.
 * Called for an empty tree, or when @node's heap index exceeds what
 * index_bits can address: then @node is larger than every stored heap
 * index and belongs at the root.
 *
 * With one more radix bit the whole old tree fits under the new root's
 * left child unchanged: every stored radix index has a 0 in the new top
 * bit, and the levels below keep their meaning.  Each bit beyond that
 * adds a level on the left spine above the old tree; it is filled by
 * taking the old tree's top node (its maximum) out and hanging it there.
 * Rare, and O((log n)^2) at worst.
 */
static struct prio_tree_node *prio_tree_expand(struct prio_tree_root *root,
					       struct prio_tree_node *node,
					       unsigned long max_heap_index)
{
	struct prio_tree_node *chain = NULL, *tail = NULL, *top;
	unsigned int bits = root->index_bits;
	unsigned int level;

	while (max_heap_index > prio_tree_maxindex(bits))
		bits++;

	for (level = root->index_bits + 1;
	     level < bits && !prio_tree_empty(root); level++) {
		top = root->prio_tree_node;
		/* removing the last node resets index_bits: set below */
		prio_tree_remove(root, top);
		INIT_PRIO_TREE_NODE(top);
		if (tail) {
			tail->left = top;
			top->parent = tail;
		} else {
			chain = top;
		}
		tail = top;
	}

	INIT_PRIO_TREE_NODE(node);
	if (chain) {
		node->left = chain;
		chain->parent = node;
	} else {
		tail = node;
	}
	if (!prio_tree_empty(root)) {
		top = root->prio_tree_node;
		tail->left = top;
		top->parent = tail;
	}

	root->prio_tree_node = node;
	root->index_bits = bits;
	return node;
}

/*
 * Insert @node.  Walks down the path its radix bits (then size bits)
 * choose; wherever the carried node belongs above the node met there,
 * they trade places and the displaced node is carried on down instead.
 * Returns @node, or the node already in the tree with the identical
 * interval (and then inserts nothing).
 */
struct prio_tree_node *prio_tree_insert(struct prio_tree_root *root,
					struct prio_tree_node *node)
{
	struct prio_tree_node *cur, *res = node, *tmp;
	struct prio_tree_node **link;
	unsigned long radix, heap, cur_radix, cur_heap, mask, bits, t;
	int by_size = 0;

	get_index(root, node, &radix, &heap);

	if (prio_tree_empty(root) ||
	    heap > prio_tree_maxindex(root->index_bits))
		return prio_tree_expand(root, node, heap);

	cur = root->prio_tree_node;
	mask = 1UL << (root->index_bits - 1);

	for (;;) {
		get_index(root, cur, &cur_radix, &cur_heap);

		if (cur_radix == radix && cur_heap == heap)
			return cur;
		/*
		 * Past the last size bit every routing bit is spent: only an
		 * identical interval can have been placed this deep.
		 */
		BUG_ON(!mask);

		if (prio_above(radix, heap, cur_radix, cur_heap)) {
			tmp = cur;
			prio_tree_replace(root, cur, node);
			cur = node;
			node = tmp;
			t = radix;
			radix = cur_radix;
			cur_radix = t;
			t = heap;
			heap = cur_heap;
			cur_heap = t;
		}

		bits = by_size ? heap - radix : radix;
		link = (bits & mask) ? &cur->right : &cur->left;
		if (*link == cur) {
			INIT_PRIO_TREE_NODE(node);
			node->parent = cur;
			*link = node;
			return res;
		}
		cur = *link;

		mask >>= 1;
		if (!mask && !by_size) {
			mask = 1UL << (BITS_PER_LONG - 1);
			by_size = 1;
		}
	}
}

/*
 * Remove @node.  The hole is filled from below: follow the child with the
 * larger heap index down to a leaf, unhook the leaf, and move every node
 * of that path up one place.  A node moving up stays inside the radix
 * range of its new place (a parent's range contains its children's).
 * On equal heap indices the left child goes up: in the radix levels its
 * radix index is the smaller one, as prio_above() wants, and below them
 * equal heap and radix would mean identical intervals, which never share
 * a tree.
 */
void prio_tree_remove(struct prio_tree_root *root, struct prio_tree_node *node)
{
	struct prio_tree_node *cur = node;
	unsigned long radix, heap_left, heap_right;

	for (;;) {
		if (prio_tree_left_empty(cur)) {
			if (prio_tree_right_empty(cur))
				break;
			cur = cur->right;
		} else if (prio_tree_right_empty(cur)) {
			cur = cur->left;
		} else {
			get_index(root, cur->left, &radix, &heap_left);
			get_index(root, cur->right, &radix, &heap_right);
			cur = heap_left >= heap_right ? cur->left : cur->right;
		}
	}

	if (prio_tree_root(cur)) {
		/* @node was alone in the tree */
		BUG_ON(root->prio_tree_node != cur);
		__INIT_PRIO_TREE_ROOT(root, root->raw);
		return;
	}

	if (cur->parent->right == cur)
		cur->parent->right = cur->parent;
	else
		cur->parent->left = cur->parent;

	while (cur != node)
		cur = prio_tree_replace(root, cur->parent, cur);
}

/*
 * The iterator.  iter->cur is the node reached; iter->mask the bit that
 * routes cur's children (a radix bit while size_level is 0, else a size
 * bit; ULONG_MAX once past the last size bit, where only leaves live);
 * iter->value the radix bits chosen on the way down to cur; size_level
 * how many levels cur is below the last radix level.
 */
static void prio_tree_descend(struct prio_tree_iter *iter,
			      struct prio_tree_node *child, unsigned long value)
{
	iter->cur = child;
	iter->value = value;
	iter->mask >>= 1;
	if (iter->mask) {
		if (iter->size_level)
			iter->size_level++;
	} else if (iter->size_level) {
		BUG_ON(!prio_tree_left_empty(child));
		BUG_ON(!prio_tree_right_empty(child));
		iter->size_level++;
		iter->mask = ULONG_MAX;
	} else {
		iter->size_level = 1;
		iter->mask = 1UL << (BITS_PER_LONG - 1);
	}
}

/*
 * Step to cur's left child, unless the heap prunes it: a subtree whose
 * top heap index is below the query's start holds nothing overlapping.
 * On success *r_index and *h_index hold the new cur's interval.
 */
static struct prio_tree_node *prio_tree_left(struct prio_tree_iter *iter,
					     unsigned long *r_index,
					     unsigned long *h_index)
{
	struct prio_tree_node *child;

	if (prio_tree_left_empty(iter->cur))
		return NULL;
	child = iter->cur->left;
	get_index(iter->root, child, r_index, h_index);
	if (*h_index < iter->r_index)
		return NULL;
	prio_tree_descend(iter, child, iter->value);
	return child;
}

/*
 * Step to cur's right child, unless the radix or the heap prunes it:
 * every radix index in the right subtree is at least value|mask (exactly
 * value in the size levels), so none overlaps a query ending before that.
 */
static struct prio_tree_node *prio_tree_right(struct prio_tree_iter *iter,
					      unsigned long *r_index,
					      unsigned long *h_index)
{
	struct prio_tree_node *child;
	unsigned long value;

	if (prio_tree_right_empty(iter->cur))
		return NULL;
	value = iter->size_level ? iter->value : iter->value | iter->mask;
	if (iter->h_index < value)
		return NULL;
	child = iter->cur->right;
	get_index(iter->root, child, r_index, h_index);
	if (*h_index < iter->r_index)
		return NULL;
	prio_tree_descend(iter, child, value);
	return child;
}

/* Step back up to cur's parent, undoing prio_tree_descend(). */
static struct prio_tree_node *prio_tree_parent(struct prio_tree_iter *iter)
{
	iter->cur = iter->cur->parent;
	if (iter->mask == ULONG_MAX || iter->size_level == 1)
		iter->mask = 1UL;
	else
		iter->mask <<= 1;
	if (iter->size_level)
		iter->size_level--;
	if (!iter->size_level)
		iter->value &= ~iter->mask;
	return iter->cur;
}

static inline int overlap(const struct prio_tree_iter *iter,
			  unsigned long r_index, unsigned long h_index)
{
	return iter->h_index >= r_index && iter->r_index <= h_index;
}

/*
 * The first node overlapping the query, in pre-order.  Every node visited
 * has heap index >= the query's start, so if it does not overlap, its
 * radix index is beyond the query's end, and so is every radix index to
 * its right: only its own subtree can still hold a match, and a dead end
 * there ends the search.
 */
static struct prio_tree_node *prio_tree_first(struct prio_tree_iter *iter)
{
	struct prio_tree_root *root = iter->root;
	unsigned long r_index, h_index;

	INIT_PRIO_TREE_ITER(iter);

	if (prio_tree_empty(root))
		return NULL;

	get_index(root, root->prio_tree_node, &r_index, &h_index);
	if (h_index < iter->r_index)
		return NULL;

	iter->mask = 1UL << (root->index_bits - 1);
	iter->cur = root->prio_tree_node;

	for (;;) {
		if (overlap(iter, r_index, h_index))
			return iter->cur;
		if (prio_tree_left(iter, &r_index, &h_index))
			continue;
		if (prio_tree_right(iter, &r_index, &h_index))
			continue;
		return NULL;
	}
}

/*
 * The next node overlapping [iter->r_index, iter->h_index], each once, in
 * pre-order; NULL at the end.  Start with prio_tree_iter_init().
 */
struct prio_tree_node *prio_tree_next(struct prio_tree_iter *iter)
{
	unsigned long r_index, h_index;

	if (!iter->cur)
		return prio_tree_first(iter);

	for (;;) {
		while (prio_tree_left(iter, &r_index, &h_index))
			if (overlap(iter, r_index, h_index))
				return iter->cur;

		while (!prio_tree_right(iter, &r_index, &h_index)) {
			/* climb past the subtrees entered from the right */
			while (!prio_tree_root(iter->cur) &&
			       iter->cur->parent->right == iter->cur)
				prio_tree_parent(iter);
			if (prio_tree_root(iter->cur))
				return NULL;
			prio_tree_parent(iter);
		}

		if (overlap(iter, r_index, h_index))
			return iter->cur;
	}
}
