/*
 * tests/kernel/test_prio_tree.c - the radix priority search tree
 * (lib/prio_tree.c, 2.6.20 lib/prio_tree.c) and the vma layer over it
 * (mm/prio_tree.c): what vma_prio_tree_foreach() returns for
 * address_space->i_mmap, checked against a brute-force oracle.
 *
 * The vmas are fake: zeroed vm_area_structs with only vm_start, vm_end
 * and vm_pgoff set, which is all the vma layer reads.  No machine is
 * booted; the trees need none.
 *
 * The oracle is an array of intervals with a flag "in the tree": for a
 * query [a, b] the vmas returned must be exactly those in the tree whose
 * [vm_pgoff, vm_pgoff + pages - 1] overlaps [a, b], each once.  Besides,
 * check_tree() walks the tree and checks its invariants: parent links,
 * heap order, each node inside the radix (then size) range of its place,
 * one tree node per distinct interval, and the vm_set list rules.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/prio_tree.h>
#include <linux/list.h>
#include <linux/string.h>
#include <sim/ktest.h>

#define NR_VMAS 3000
#define NR_POOL 40 /* popular intervals: shared by many vmas */
#define VMA_BASE 0x100000000UL /* vm_start of every fake vma */

static struct vm_area_struct vmas[NR_VMAS];
static unsigned char in_tree[NR_VMAS];
static unsigned char seen[NR_VMAS];
static unsigned long iv_r[NR_VMAS], iv_h[NR_VMAS]; /* the oracle */

/* ---- helpers ------------------------------------------------------------ */

static unsigned long long rng;

static unsigned long rnd(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned long)(rng * 0x2545F4914F6CDD1DULL);
}

static unsigned long rnd_below(unsigned long n)
{
	return rnd() % n;
}

static void set_range(struct vm_area_struct *vma, unsigned long pgoff,
		      unsigned long pages)
{
	memset(vma, 0, sizeof(*vma));
	vma->vm_start = VMA_BASE;
	vma->vm_end = VMA_BASE + (pages << PAGE_SHIFT);
	vma->vm_pgoff = pgoff;
}

static unsigned long first_page(struct vm_area_struct *vma)
{
	return vma->vm_pgoff;
}

static unsigned long last_page(struct vm_area_struct *vma)
{
	return vma->vm_pgoff + vma_pages(vma) - 1;
}

static struct vm_area_struct *vma_of(struct prio_tree_node *n)
{
	return prio_tree_entry(n, struct vm_area_struct, shared.prio_tree_node);
}

static void node_index(const struct prio_tree_root *root,
		       struct prio_tree_node *n, unsigned long *r,
		       unsigned long *h)
{
	if (root->raw) {
		*r = first_page(vma_of(n));
		*h = last_page(vma_of(n));
	} else {
		*r = n->start;
		*h = n->last;
	}
}

static unsigned long maxindex(unsigned int bits)
{
	return bits >= BITS_PER_LONG ? ULONG_MAX : (1UL << bits) - 1;
}

/* ---- structural check --------------------------------------------------- */

static unsigned long tn_r[NR_VMAS], tn_h[NR_VMAS];
static unsigned long nr_tree_nodes, nr_listed, max_depth;

static void check_vm_set(struct vm_area_struct *node, unsigned long r,
			 unsigned long h)
{
	struct vm_area_struct *head = node->shared.vm_set.head, *v;
	struct list_head *p;
	unsigned long n = 0;

	if (!head)
		return;
	KT_ASSERT_MSG(!head->shared.vm_set.parent,
		      "list head %ld has a tree parent", (long)(head - vmas));
	KT_ASSERT_PTR_EQ(head->shared.vm_set.head, node);
	KT_ASSERT(first_page(head) == r && last_page(head) == h);
	nr_listed++;
	list_for_each(p, &head->shared.vm_set.list) {
		v = list_entry(p, struct vm_area_struct, shared.vm_set.list);
		KT_ASSERT_MSG(!v->shared.vm_set.parent &&
				      !v->shared.vm_set.head,
			      "list member %ld is not a plain member",
			      (long)(v - vmas));
		KT_ASSERT_MSG(first_page(v) == r && last_page(v) == h,
			      "list member %ld maps [%#lx, %#lx], its node "
			      "[%#lx, %#lx]",
			      (long)(v - vmas), first_page(v), last_page(v), r,
			      h);
		KT_ASSERT(++n < NR_VMAS);
		nr_listed++;
	}
}

/*
 * @value: the radix bits chosen down to @n; @svalue: the size bits chosen
 * below the radix levels.  (@pr, @ph) is the parent's interval.
 */
static void check_subtree(const struct prio_tree_root *root,
			  struct prio_tree_node *n,
			  struct prio_tree_node *parent, unsigned int depth,
			  unsigned long value, unsigned long svalue,
			  unsigned long pr, unsigned long ph)
{
	unsigned int bits = root->index_bits;
	unsigned long r, h, mask = 0, high;
	int by_size = depth >= bits;

	KT_ASSERT_MSG(depth <= bits + BITS_PER_LONG, "depth %u, index_bits %u",
		      depth, bits);
	if (depth > max_depth)
		max_depth = depth;
	node_index(root, n, &r, &h);
	KT_ASSERT(r <= h);
	KT_ASSERT_MSG(h <= maxindex(bits), "heap %#lx above index_bits %u", h,
		      bits);
	if (parent) {
		KT_ASSERT_PTR_EQ(n->parent, parent);
		KT_ASSERT_MSG(h < ph || (h == ph && pr < r),
			      "[%#lx, %#lx] below [%#lx, %#lx]", r, h, pr, ph);
	} else {
		KT_ASSERT_PTR_EQ(n->parent, n);
	}

	if (!by_size) {
		mask = 1UL << (bits - 1 - depth);
		high = ~(mask + mask - 1);
		KT_ASSERT_MSG(((r ^ value) & high) == 0,
			      "radix %#lx misplaced at depth %u (path %#lx)", r,
			      depth, value);
	} else {
		KT_ASSERT_MSG(r == value, "radix %#lx in size levels of %#lx",
			      r, value);
		if (depth < bits + BITS_PER_LONG) {
			mask = 1UL << (BITS_PER_LONG - 1 - (depth - bits));
			high = ~(mask + mask - 1);
			KT_ASSERT((((h - r) ^ svalue) & high) == 0);
		} else {
			KT_ASSERT(h - r == svalue);
			KT_ASSERT(prio_tree_left_empty(n));
			KT_ASSERT(prio_tree_right_empty(n));
		}
	}

	KT_ASSERT(nr_tree_nodes < NR_VMAS);
	tn_r[nr_tree_nodes] = r;
	tn_h[nr_tree_nodes] = h;
	nr_tree_nodes++;
	if (root->raw)
		check_vm_set(vma_of(n), r, h);

	if (!prio_tree_left_empty(n))
		check_subtree(root, n->left, n, depth + 1, value, svalue, r, h);
	if (!prio_tree_right_empty(n))
		check_subtree(root, n->right, n, depth + 1,
			      by_size ? value : value | mask,
			      by_size ? svalue | mask : svalue, r, h);
}

static int iv_less(unsigned long r1, unsigned long h1, unsigned long r2,
		   unsigned long h2)
{
	return r1 < r2 || (r1 == r2 && h1 < h2);
}

/* Checks the tree; returns how many intervals it holds (vmas for raw). */
static unsigned long check_tree(const struct prio_tree_root *root)
{
	unsigned long i, j, gap, r, h;

	nr_tree_nodes = nr_listed = max_depth = 0;
	if (prio_tree_empty(root)) {
		KT_ASSERT_INT_EQ(root->index_bits, 1);
		return 0;
	}
	KT_ASSERT(root->index_bits >= 1 && root->index_bits <= BITS_PER_LONG);
	check_subtree(root, root->prio_tree_node, NULL, 0, 0, 0, 0, 0);

	/* one tree node per distinct interval: shell sort, then compare */
	for (gap = nr_tree_nodes / 2; gap; gap /= 2) {
		for (i = gap; i < nr_tree_nodes; i++) {
			r = tn_r[i];
			h = tn_h[i];
			for (j = i; j >= gap &&
				    iv_less(r, h, tn_r[j - gap], tn_h[j - gap]);
			     j -= gap) {
				tn_r[j] = tn_r[j - gap];
				tn_h[j] = tn_h[j - gap];
			}
			tn_r[j] = r;
			tn_h[j] = h;
		}
	}
	for (i = 1; i < nr_tree_nodes; i++)
		KT_ASSERT_MSG(tn_r[i] != tn_r[i - 1] || tn_h[i] != tn_h[i - 1],
			      "interval [%#lx, %#lx] twice in the tree",
			      tn_r[i], tn_h[i]);
	return nr_tree_nodes + nr_listed;
}

/* ---- the oracle --------------------------------------------------------- */

static void oracle_reset(void)
{
	memset(vmas, 0, sizeof(vmas));
	memset(in_tree, 0, sizeof(in_tree));
}

static unsigned long oracle_count(int n)
{
	unsigned long c = 0;
	int i;

	for (i = 0; i < n; i++)
		c += in_tree[i];
	return c;
}

static int overlaps(unsigned long r, unsigned long h, unsigned long a,
		    unsigned long b)
{
	return r <= b && a <= h;
}

/* vma_prio_tree_foreach over [a, b] returns exactly the oracle's set. */
static void check_vma_query(struct prio_tree_root *root, int n, unsigned long a,
			    unsigned long b)
{
	struct prio_tree_iter iter;
	struct vm_area_struct *vma;
	long idx;
	int i;

	memset(seen, 0, n);
	vma_prio_tree_foreach(vma, &iter, root, a, b) {
		idx = vma - vmas;
		KT_ASSERT_MSG(idx >= 0 && idx < n, "foreign vma %p", vma);
		KT_ASSERT_MSG(in_tree[idx], "vma %ld not in the tree returned",
			      idx);
		KT_ASSERT_MSG(!seen[idx],
			      "vma %ld returned twice for "
			      "[%#lx, %#lx]",
			      idx, a, b);
		seen[idx] = 1;
	}
	for (i = 0; i < n; i++) {
		int want = in_tree[i] && overlaps(first_page(&vmas[i]),
						  last_page(&vmas[i]), a, b);

		KT_ASSERT_MSG(seen[i] == want,
			      "query [%#lx, %#lx]: vma %d [%#lx, %#lx] %s", a,
			      b, i, first_page(&vmas[i]), last_page(&vmas[i]),
			      want ? "missed" : "returned");
	}
}

static int query_count(struct prio_tree_root *root, unsigned long a,
		       unsigned long b)
{
	struct prio_tree_iter iter;
	struct vm_area_struct *vma;
	int n = 0;

	vma_prio_tree_foreach(vma, &iter, root, a, b)
		n++;
	return n;
}

/* ---- small exact cases -------------------------------------------------- */

KTEST(empty_tree_returns_nothing)
{
	struct prio_tree_root root;

	INIT_RAW_PRIO_TREE_ROOT(&root);
	KT_ASSERT(prio_tree_empty(&root));
	KT_ASSERT_INT_EQ(query_count(&root, 0, ULONG_MAX), 0);
	KT_ASSERT_INT_EQ(query_count(&root, 5, 5), 0);
}

KTEST(single_vma)
{
	struct prio_tree_root root;
	struct prio_tree_iter iter;
	struct vm_area_struct *vma;

	oracle_reset();
	INIT_RAW_PRIO_TREE_ROOT(&root);
	set_range(&vmas[0], 10, 5); /* pages 10..14 */
	vma_prio_tree_insert(&vmas[0], &root);
	in_tree[0] = 1;
	KT_ASSERT_INT_EQ(check_tree(&root), 1);
	KT_ASSERT_INT_EQ(root.index_bits, 4);
	KT_ASSERT(vmas[0].shared.vm_set.parent);
	KT_ASSERT_NULL(vmas[0].shared.vm_set.head);

	KT_ASSERT_INT_EQ(query_count(&root, 9, 9), 0);
	KT_ASSERT_INT_EQ(query_count(&root, 10, 10), 1);
	KT_ASSERT_INT_EQ(query_count(&root, 12, 12), 1);
	KT_ASSERT_INT_EQ(query_count(&root, 14, 14), 1);
	KT_ASSERT_INT_EQ(query_count(&root, 15, 15), 0);
	KT_ASSERT_INT_EQ(query_count(&root, 0, 9), 0);
	KT_ASSERT_INT_EQ(query_count(&root, 5, 10), 1);
	KT_ASSERT_INT_EQ(query_count(&root, 14, 100), 1);
	KT_ASSERT_INT_EQ(query_count(&root, 15, ULONG_MAX), 0);
	KT_ASSERT_INT_EQ(query_count(&root, 0, ULONG_MAX), 1);
	vma_prio_tree_foreach(vma, &iter, &root, 11, 11)
		KT_ASSERT_PTR_EQ(vma, &vmas[0]);

	vma_prio_tree_remove(&vmas[0], &root);
	KT_ASSERT(prio_tree_empty(&root));
	KT_ASSERT_INT_EQ(root.index_bits, 1);
	KT_ASSERT_INT_EQ(root.raw, 1);
	KT_ASSERT_INT_EQ(query_count(&root, 0, ULONG_MAX), 0);
}

KTEST(nested_ranges)
{
	static const unsigned long r[][2] = {
		{0, 100}, {10, 10}, {12, 1}, {50, 101}, {12, 3}, {0, 1},
	};
	struct prio_tree_root root;
	int i;

	oracle_reset();
	INIT_RAW_PRIO_TREE_ROOT(&root);
	for (i = 0; i < ARRAY_SIZE(r); i++) {
		set_range(&vmas[i], r[i][0], r[i][1]);
		vma_prio_tree_insert(&vmas[i], &root);
		in_tree[i] = 1;
		check_tree(&root);
	}
	/* [0,99] [10,19] [12,12] [50,150] [12,14] [0,0] */
	KT_ASSERT_INT_EQ(query_count(&root, 12, 12), 4);
	KT_ASSERT_INT_EQ(query_count(&root, 0, 0), 2);
	KT_ASSERT_INT_EQ(query_count(&root, 100, 100), 1);
	KT_ASSERT_INT_EQ(query_count(&root, 20, 49), 1);
	KT_ASSERT_INT_EQ(query_count(&root, 151, 151), 0);
	for (i = 0; i <= 152; i++)
		check_vma_query(&root, ARRAY_SIZE(r), i, i);
	check_vma_query(&root, ARRAY_SIZE(r), 13, 60);
	check_vma_query(&root, ARRAY_SIZE(r), 0, ULONG_MAX);
}

KTEST(disjoint_ranges)
{
	struct prio_tree_root root;
	int i;

	oracle_reset();
	INIT_RAW_PRIO_TREE_ROOT(&root);
	for (i = 0; i < 8; i++) {
		set_range(&vmas[i], i * 10, 10); /* [10i, 10i+9] */
		vma_prio_tree_insert(&vmas[i], &root);
		in_tree[i] = 1;
	}
	KT_ASSERT_INT_EQ(check_tree(&root), 8);
	KT_ASSERT_INT_EQ(query_count(&root, 9, 10), 2);
	KT_ASSERT_INT_EQ(query_count(&root, 35, 35), 1);
	KT_ASSERT_INT_EQ(query_count(&root, 80, 1000), 0);
	KT_ASSERT_INT_EQ(query_count(&root, 0, 79), 8);
	for (i = 0; i <= 81; i++)
		check_vma_query(&root, 8, i, i);
	/* take out the middle ones */
	for (i = 2; i < 6; i++) {
		vma_prio_tree_remove(&vmas[i], &root);
		in_tree[i] = 0;
		check_tree(&root);
	}
	KT_ASSERT_INT_EQ(query_count(&root, 20, 59), 0);
	KT_ASSERT_INT_EQ(query_count(&root, 19, 60), 2);
	for (i = 0; i <= 81; i++)
		check_vma_query(&root, 8, i, i);
}

/*
 * Identical ranges: one tree node, the others on its vm_set list; foreach
 * returns the node first, then the list in order.
 */
KTEST(identical_ranges_share_a_node)
{
	struct prio_tree_root root;
	struct prio_tree_iter iter;
	struct vm_area_struct *vma, *a = &vmas[0], *b = &vmas[1], *c = &vmas[2],
				    *d = &vmas[3];
	struct vm_area_struct *order[4];
	int n;

	oracle_reset();
	INIT_RAW_PRIO_TREE_ROOT(&root);
	set_range(a, 100, 8);
	set_range(b, 100, 8);
	set_range(c, 100, 8);
	set_range(d, 104, 1);
	vma_prio_tree_insert(a, &root);
	vma_prio_tree_insert(b, &root);
	vma_prio_tree_insert(c, &root);
	vma_prio_tree_insert(d, &root);
	in_tree[0] = in_tree[1] = in_tree[2] = in_tree[3] = 1;
	KT_ASSERT_INT_EQ(check_tree(&root), 4);

	/* a: tree node, b: list head, c: member */
	KT_ASSERT(a->shared.vm_set.parent);
	KT_ASSERT_PTR_EQ(a->shared.vm_set.head, b);
	KT_ASSERT_NULL(b->shared.vm_set.parent);
	KT_ASSERT_PTR_EQ(b->shared.vm_set.head, a);
	KT_ASSERT_NULL(c->shared.vm_set.parent);
	KT_ASSERT_NULL(c->shared.vm_set.head);

	n = 0;
	vma_prio_tree_foreach(vma, &iter, &root, 101, 101) {
		KT_ASSERT(n < 3);
		order[n++] = vma;
	}
	KT_ASSERT_INT_EQ(n, 3);
	KT_ASSERT_PTR_EQ(order[0], a);
	KT_ASSERT_PTR_EQ(order[1], b);
	KT_ASSERT_PTR_EQ(order[2], c);
	check_vma_query(&root, 4, 104, 104);

	/* removing the tree node promotes the list head, and the next one */
	vma_prio_tree_remove(a, &root);
	in_tree[0] = 0;
	KT_ASSERT_INT_EQ(check_tree(&root), 3);
	KT_ASSERT(b->shared.vm_set.parent);
	KT_ASSERT_PTR_EQ(b->shared.vm_set.head, c);
	KT_ASSERT_PTR_EQ(c->shared.vm_set.head, b);
	check_vma_query(&root, 4, 100, 100);
	check_vma_query(&root, 4, 104, 104);

	/* removing the (only) list head leaves the node alone */
	vma_prio_tree_remove(c, &root);
	in_tree[2] = 0;
	KT_ASSERT_INT_EQ(check_tree(&root), 2);
	KT_ASSERT_NULL(b->shared.vm_set.head);
	check_vma_query(&root, 4, 0, ULONG_MAX);

	vma_prio_tree_remove(b, &root);
	in_tree[1] = 0;
	KT_ASSERT_INT_EQ(check_tree(&root), 1);
	check_vma_query(&root, 4, 0, ULONG_MAX);
	vma_prio_tree_remove(d, &root);
	KT_ASSERT(prio_tree_empty(&root));
}

/* fork's use: vma_prio_tree_add() puts the child right after the parent. */
KTEST(add_puts_the_copy_next_to_the_original)
{
	struct prio_tree_root root;
	struct prio_tree_iter iter;
	struct vm_area_struct *vma, *order[5];
	int i, n;

	oracle_reset();
	INIT_RAW_PRIO_TREE_ROOT(&root);
	for (i = 0; i < 5; i++)
		set_range(&vmas[i], 7, 3);
	vma_prio_tree_insert(&vmas[0], &root); /* node */
	vma_prio_tree_insert(&vmas[1], &root); /* head */
	vma_prio_tree_insert(&vmas[2], &root); /* node, 1, 2 */
	vma_prio_tree_add(&vmas[3], &vmas[1]); /* node, 1, 3, 2 */
	vma_prio_tree_add(&vmas[4], &vmas[0]); /* node, 1, 3, 2, 4 */
	for (i = 0; i < 5; i++)
		in_tree[i] = 1;
	KT_ASSERT_INT_EQ(check_tree(&root), 5);

	n = 0;
	vma_prio_tree_foreach(vma, &iter, &root, 9, 20) {
		KT_ASSERT(n < 5);
		order[n++] = vma;
	}
	KT_ASSERT_INT_EQ(n, 5);
	KT_ASSERT_PTR_EQ(order[0], &vmas[0]);
	KT_ASSERT_PTR_EQ(order[1], &vmas[1]);
	KT_ASSERT_PTR_EQ(order[2], &vmas[3]);
	KT_ASSERT_PTR_EQ(order[3], &vmas[2]);
	KT_ASSERT_PTR_EQ(order[4], &vmas[4]);

	/* the head goes: the next member takes over */
	vma_prio_tree_remove(&vmas[1], &root);
	in_tree[1] = 0;
	KT_ASSERT_INT_EQ(check_tree(&root), 4);
	KT_ASSERT_PTR_EQ(vmas[0].shared.vm_set.head, &vmas[3]);
	check_vma_query(&root, 5, 7, 7);
	/* a plain member goes */
	vma_prio_tree_remove(&vmas[2], &root);
	in_tree[2] = 0;
	KT_ASSERT_INT_EQ(check_tree(&root), 3);
	check_vma_query(&root, 5, 9, 9);
}

/* One page at the very top of the index space: index_bits reaches 64. */
KTEST(query_at_one_page_at_the_top)
{
	struct prio_tree_root root;
	int i;

	oracle_reset();
	INIT_RAW_PRIO_TREE_ROOT(&root);
	set_range(&vmas[0], 3, 1);
	vma_prio_tree_insert(&vmas[0], &root);
	in_tree[0] = 1;
	KT_ASSERT_INT_EQ(root.index_bits, 2);
	set_range(&vmas[1], ULONG_MAX, 1);
	vma_prio_tree_insert(&vmas[1], &root);
	in_tree[1] = 1;
	KT_ASSERT_INT_EQ(root.index_bits, BITS_PER_LONG);
	KT_ASSERT_INT_EQ(check_tree(&root), 2);
	set_range(&vmas[2], ULONG_MAX - 9, 10);
	vma_prio_tree_insert(&vmas[2], &root);
	in_tree[2] = 1;
	set_range(&vmas[3], ULONG_MAX - 9, 10);
	vma_prio_tree_insert(&vmas[3], &root);
	in_tree[3] = 1;
	set_range(&vmas[4], 1UL << 63, 1);
	vma_prio_tree_insert(&vmas[4], &root);
	in_tree[4] = 1;
	KT_ASSERT_INT_EQ(check_tree(&root), 5);

	KT_ASSERT_INT_EQ(query_count(&root, ULONG_MAX, ULONG_MAX), 3);
	KT_ASSERT_INT_EQ(query_count(&root, 0, ULONG_MAX - 10), 2);
	KT_ASSERT_INT_EQ(query_count(&root, 3, 3), 1);
	for (i = 0; i < 12; i++) {
		check_vma_query(&root, 5, ULONG_MAX - i, ULONG_MAX - i);
		check_vma_query(&root, 5, i, i);
		check_vma_query(&root, 5, (1UL << 63) - 1 + i,
				(1UL << 63) - 1 + i);
	}
	check_vma_query(&root, 5, 0, ULONG_MAX);

	for (i = 4; i >= 0; i--) {
		vma_prio_tree_remove(&vmas[i], &root);
		in_tree[i] = 0;
		check_tree(&root);
		check_vma_query(&root, 5, 0, ULONG_MAX);
		check_vma_query(&root, 5, ULONG_MAX, ULONG_MAX);
	}
	KT_ASSERT(prio_tree_empty(&root));
	KT_ASSERT_INT_EQ(root.index_bits, 1);
}

/* index_bits grows step by step and by many bits at once, keeping order. */
KTEST(index_bits_grow_and_reset)
{
	struct prio_tree_root root;
	unsigned int bits;
	int i, n = 0;

	oracle_reset();
	INIT_RAW_PRIO_TREE_ROOT(&root);
	/* a bushy tree under 2^8 */
	for (i = 0; i < 200; i++, n++) {
		set_range(&vmas[n], (i * 37) % 250, 1 + i % 6);
		vma_prio_tree_insert(&vmas[n], &root);
		in_tree[n] = 1;
	}
	KT_ASSERT_INT_EQ(root.index_bits, 8);
	KT_ASSERT_INT_EQ(check_tree(&root), 200);
	/* one bit, then many at once, then to the top */
	bits = 8;
	for (i = 0; i < 20; i++, n++) {
		unsigned long last;

		last = i < 19 ? 1UL << (bits + i * 3) : ULONG_MAX;

		set_range(&vmas[n], last - i, i + 1);
		vma_prio_tree_insert(&vmas[n], &root);
		in_tree[n] = 1;
		KT_ASSERT_INT_EQ(check_tree(&root), n + 1);
		KT_ASSERT_INT_EQ(root.index_bits,
				 i < 19 ? bits + i * 3 + 1 : BITS_PER_LONG);
		check_vma_query(&root, n + 1, 0, 300);
		check_vma_query(&root, n + 1, last - i, last - i);
	}
	for (i = 0; i < 300; i += 7)
		check_vma_query(&root, n, i, i + 3);
	check_vma_query(&root, n, 0, ULONG_MAX);

	/* removal does not shrink index_bits until the tree is empty */
	for (i = n - 1; i >= 0; i--) {
		vma_prio_tree_remove(&vmas[i], &root);
		in_tree[i] = 0;
		if (i)
			KT_ASSERT_INT_EQ(root.index_bits, BITS_PER_LONG);
		if (i % 16 == 0) {
			KT_ASSERT_INT_EQ(check_tree(&root), i);
			check_vma_query(&root, n, 0, ULONG_MAX);
			check_vma_query(&root, n, 100, 100);
		}
	}
	KT_ASSERT(prio_tree_empty(&root));
	KT_ASSERT_INT_EQ(root.index_bits, 1);
}

/* ---- random insert/remove against the oracle ---------------------------- */

static unsigned long pool_r[NR_POOL], pool_pages[NR_POOL];
static int pool_ready;

/* A random interval, from one of several regimes. */
static void random_range(unsigned long *pgoff, unsigned long *pages)
{
	unsigned long p, n;
	int k;

	switch (pool_ready ? rnd_below(10) : 4 + rnd_below(6)) {
	case 0:
	case 1:
	case 2:
	case 3: /* popular: identical ranges */
		k = rnd_below(NR_POOL);
		*pgoff = pool_r[k];
		*pages = pool_pages[k];
		return;
	case 4:
	case 5: /* small and dense */
		p = rnd_below(512);
		n = 1 + rnd_below(64);
		break;
	case 6: /* a large file */
		p = rnd_below(1UL << 24);
		n = 1 + rnd_below(1UL << 14);
		break;
	case 7: /* ending at the very top */
		n = 1 + rnd_below(1UL << 10);
		p = ULONG_MAX - rnd_below(64) - (n - 1);
		break;
	default: /* any magnitude */
		n = 1 + (rnd() >> (BITS_PER_LONG - 1 - rnd_below(24)));
		p = rnd() >> rnd_below(BITS_PER_LONG);
		if (p > ULONG_MAX - (n - 1))
			p = ULONG_MAX - (n - 1);
		break;
	}
	*pgoff = p;
	*pages = n;
}

static void random_query(int n, unsigned long *a, unsigned long *b)
{
	unsigned long x, y, pages;
	struct vm_area_struct *v = &vmas[rnd_below(n)];

	switch (rnd_below(6)) {
	case 0: /* one page at an edge of some vma */
		x = rnd_below(2) ? first_page(v) : last_page(v);
		if (rnd_below(2))
			x += rnd_below(3) - 1;
		*a = *b = x;
		return;
	case 1: /* one page anywhere */
		random_range(&x, &pages);
		*a = *b = x + rnd_below(pages);
		return;
	case 2: /* everything */
		*a = 0;
		*b = ULONG_MAX;
		return;
	default: /* a range */
		random_range(&x, &pages);
		random_range(&y, &pages);
		y += pages - 1;
		if (x > y) {
			pages = x;
			x = y;
			y = pages;
		}
		*a = x;
		*b = y;
		return;
	}
}

static void random_queries(struct prio_tree_root *root, int n, int count)
{
	unsigned long a, b;

	while (count--) {
		random_query(n, &a, &b);
		check_vma_query(root, n, a, b);
	}
}

static void run_random(unsigned long long seed, int ops)
{
	struct prio_tree_root root;
	unsigned long pgoff, pages, live = 0, max_bits = 0, deepest = 0;
	int i, op;

	rng = seed;
	oracle_reset();
	pool_ready = 0;
	for (i = 0; i < NR_POOL; i++)
		random_range(&pool_r[i], &pool_pages[i]);
	pool_ready = 1;
	for (i = 0; i < NR_VMAS; i++) {
		random_range(&pgoff, &pages);
		set_range(&vmas[i], pgoff, pages);
		iv_r[i] = pgoff;
		iv_h[i] = pgoff + pages - 1;
	}
	INIT_RAW_PRIO_TREE_ROOT(&root);

	/* fill in random order, remove and re-add at random, then drain */
	for (op = 0; op < ops; op++) {
		int fill = op < ops / 3, drain = op >= 2 * ops / 3;

		i = rnd_below(NR_VMAS);
		if (in_tree[i] && (drain || (!fill && rnd_below(2)))) {
			vma_prio_tree_remove(&vmas[i], &root);
			in_tree[i] = 0;
			live--;
		} else if (!in_tree[i] && !drain) {
			/* vmas are reused: the interval must be kept */
			KT_ASSERT(first_page(&vmas[i]) == iv_r[i]);
			KT_ASSERT(last_page(&vmas[i]) == iv_h[i]);
			vma_prio_tree_insert(&vmas[i], &root);
			in_tree[i] = 1;
			live++;
		}
		if (op < 300 || op % 32 == 0) {
			KT_ASSERT_INT_EQ(check_tree(&root), live);
			if (max_depth > deepest)
				deepest = max_depth;
		}
		if (root.index_bits > max_bits)
			max_bits = root.index_bits;
		random_queries(&root, NR_VMAS, 2);
	}
	/* removal until empty */
	for (i = 0; i < NR_VMAS; i++) {
		if (!in_tree[i])
			continue;
		vma_prio_tree_remove(&vmas[i], &root);
		in_tree[i] = 0;
		live--;
		if (i % 64 == 0) {
			KT_ASSERT_INT_EQ(check_tree(&root), live);
			random_queries(&root, NR_VMAS, 4);
		}
	}
	KT_ASSERT_INT_EQ(live, 0);
	KT_ASSERT_INT_EQ(oracle_count(NR_VMAS), 0);
	KT_ASSERT(prio_tree_empty(&root));
	KT_ASSERT_INT_EQ(root.index_bits, 1);
	KT_ASSERT_INT_EQ(query_count(&root, 0, ULONG_MAX), 0);
	sim_ktest_note("prio_tree seed=%#llx ops=%d max_index_bits=%lu "
		       "max_depth=%lu",
		       seed, ops, max_bits, deepest);
}

KTEST(random_vmas_match_the_oracle)
{
	run_random(0x9e3779b97f4a7c15ULL, 12000);
}

KTEST(random_vmas_match_the_oracle_other_seeds)
{
	run_random(0x1234567ULL, 6000);
	run_random(0xdeadbeefcafeULL, 6000);
}

/*
 * Remove only tree nodes that carry lists, over and over: the list head
 * is promoted each time and the whole set stays visible.
 */
KTEST(removing_nodes_with_lists)
{
	struct prio_tree_root root;
	int i, k, n = 600, removed = 0;

	rng = 42;
	oracle_reset();
	INIT_RAW_PRIO_TREE_ROOT(&root);
	for (i = 0; i < n; i++) {
		set_range(&vmas[i], (i % 30) * 5, 1 + (i % 7));
		vma_prio_tree_insert(&vmas[i], &root);
		in_tree[i] = 1;
	}
	KT_ASSERT_INT_EQ(check_tree(&root), n);
	while (removed < n) {
		/* a tree node with a list if there is one, else any vma */
		k = -1;
		for (i = 0; i < n; i++) {
			if (!in_tree[i])
				continue;
			if (k < 0)
				k = i;
			if (vmas[i].shared.vm_set.parent &&
			    vmas[i].shared.vm_set.head && rnd_below(4) == 0) {
				k = i;
				break;
			}
		}
		KT_ASSERT(k >= 0);
		vma_prio_tree_remove(&vmas[k], &root);
		in_tree[k] = 0;
		removed++;
		KT_ASSERT_INT_EQ(check_tree(&root), n - removed);
		check_vma_query(&root, n, rnd_below(160), rnd_below(160) + 160);
		check_vma_query(&root, n, (k % 30) * 5, (k % 30) * 5);
	}
	KT_ASSERT(prio_tree_empty(&root));
}

/* ---- the generic (non-raw) tree ----------------------------------------- */

#define NR_NODES 2000

static struct prio_tree_node nodes[NR_NODES];
static unsigned char node_in[NR_NODES];

static void check_node_query(struct prio_tree_root *root, int n,
			     unsigned long a, unsigned long b)
{
	struct prio_tree_iter iter;
	struct prio_tree_node *p;
	long idx;
	int i;

	memset(seen, 0, n);
	prio_tree_iter_init(&iter, root, a, b);
	while ((p = prio_tree_next(&iter))) {
		idx = p - nodes;
		KT_ASSERT_MSG(idx >= 0 && idx < n, "foreign node %p", p);
		KT_ASSERT_MSG(node_in[idx], "node %ld not in the tree", idx);
		KT_ASSERT_MSG(!seen[idx], "node %ld returned twice", idx);
		seen[idx] = 1;
	}
	for (i = 0; i < n; i++) {
		int want = node_in[i] &&
			   overlaps(nodes[i].start, nodes[i].last, a, b);

		KT_ASSERT_MSG(seen[i] == want,
			      "query [%#lx, %#lx]: node %d [%#lx, %#lx] %s", a,
			      b, i, nodes[i].start, nodes[i].last,
			      want ? "missed" : "returned");
	}
}

static unsigned long count_in(int n)
{
	unsigned long c = 0;
	int i;

	for (i = 0; i < n; i++)
		c += node_in[i];
	return c;
}

KTEST(generic_tree_insert_finds_duplicates_and_replace)
{
	struct prio_tree_root root;
	struct prio_tree_node *p;

	memset(nodes, 0, sizeof(nodes));
	memset(node_in, 0, sizeof(node_in));
	INIT_PRIO_TREE_ROOT(&root);
	KT_ASSERT_INT_EQ(root.raw, 0);

	nodes[0].start = 5;
	nodes[0].last = 9;
	nodes[1].start = 5;
	nodes[1].last = 9;
	nodes[2].start = 0;
	nodes[2].last = 20;
	nodes[3].start = 5;
	nodes[3].last = 9;
	KT_ASSERT_PTR_EQ(prio_tree_insert(&root, &nodes[0]), &nodes[0]);
	KT_ASSERT_PTR_EQ(prio_tree_insert(&root, &nodes[2]), &nodes[2]);
	/* the identical interval is found, not inserted */
	KT_ASSERT_PTR_EQ(prio_tree_insert(&root, &nodes[1]), &nodes[0]);
	node_in[0] = node_in[2] = 1;
	KT_ASSERT_INT_EQ(check_tree(&root), 2);
	check_node_query(&root, 4, 7, 7);

	/* replace puts another node (same interval) in the same place */
	p = prio_tree_replace(&root, &nodes[0], &nodes[3]);
	KT_ASSERT_PTR_EQ(p, &nodes[0]);
	node_in[0] = 0;
	node_in[3] = 1;
	KT_ASSERT_INT_EQ(check_tree(&root), 2);
	check_node_query(&root, 4, 7, 7);
	check_node_query(&root, 4, 0, ULONG_MAX);
	/* and the root too */
	p = prio_tree_replace(&root, &nodes[2], &nodes[0]);
	KT_ASSERT_PTR_EQ(p, &nodes[2]);
	nodes[0].start = 0; /* nodes[0] now stands for [0, 20] */
	nodes[0].last = 20;
	node_in[2] = 0;
	node_in[0] = 1;
	KT_ASSERT_PTR_EQ(root.prio_tree_node, &nodes[0]);
	KT_ASSERT_INT_EQ(check_tree(&root), 2);
	check_node_query(&root, 4, 15, 15);

	prio_tree_remove(&root, &nodes[0]);
	prio_tree_remove(&root, &nodes[3]);
	KT_ASSERT(prio_tree_empty(&root));
	KT_ASSERT_INT_EQ(root.raw, 0);
}

/*
 * Many intervals with the same start: the size bits separate them, down
 * to the deepest level of the tree (index_bits + BITS_PER_LONG).
 */
KTEST(generic_tree_same_start_reaches_the_size_levels)
{
	struct prio_tree_root root;
	unsigned long a;
	int i, n = 512;

	memset(nodes, 0, sizeof(nodes));
	memset(node_in, 0, sizeof(node_in));
	INIT_PRIO_TREE_ROOT(&root);
	for (i = 0; i < n; i++) {
		/* start 0 or 1, sizes differing only in their low bits */
		nodes[i].start = i & 1;
		nodes[i].last = ULONG_MAX - (i >> 1);
		KT_ASSERT_PTR_EQ(prio_tree_insert(&root, &nodes[i]), &nodes[i]);
		node_in[i] = 1;
	}
	KT_ASSERT_INT_EQ(root.index_bits, BITS_PER_LONG);
	KT_ASSERT_INT_EQ(check_tree(&root), n);
	sim_ktest_note("same-start tree depth %lu", max_depth);
	KT_ASSERT(max_depth >= BITS_PER_LONG + 8);

	check_node_query(&root, n, 0, 0);
	check_node_query(&root, n, 1, 1);
	check_node_query(&root, n, 0, ULONG_MAX);
	for (i = 0; i < 300; i++) {
		a = ULONG_MAX - i;
		check_node_query(&root, n, a, a);
		check_node_query(&root, n, a - 17, a);
	}
	for (i = 0; i < n; i += 3) {
		prio_tree_remove(&root, &nodes[i]);
		node_in[i] = 0;
	}
	KT_ASSERT_INT_EQ(check_tree(&root), count_in(n));
	for (i = 0; i < 300; i++)
		check_node_query(&root, n, ULONG_MAX - i, ULONG_MAX - i);
	for (i = 0; i < n; i++) {
		if (!node_in[i])
			continue;
		prio_tree_remove(&root, &nodes[i]);
		node_in[i] = 0;
		if (i % 8 == 0) {
			KT_ASSERT_INT_EQ(check_tree(&root), count_in(n));
			check_node_query(&root, n, ULONG_MAX - i / 2,
					 ULONG_MAX - i / 2);
		}
	}
	KT_ASSERT(prio_tree_empty(&root));
	KT_ASSERT_INT_EQ(root.index_bits, 1);
}

KTEST(generic_tree_random_matches_the_oracle)
{
	struct prio_tree_root root;
	struct prio_tree_node *p;
	unsigned long pgoff, pages, a, b;
	int i, j, op, ops = 8000;

	rng = 0xfeedf00dULL;
	memset(nodes, 0, sizeof(nodes));
	memset(node_in, 0, sizeof(node_in));
	pool_ready = 0;
	for (i = 0; i < NR_POOL; i++)
		random_range(&pool_r[i], &pool_pages[i]);
	pool_ready = 1;
	INIT_PRIO_TREE_ROOT(&root);

	for (op = 0; op < ops; op++) {
		int drain = op >= 2 * ops / 3;

		i = rnd_below(NR_NODES);
		if (node_in[i] && (drain || rnd_below(3) == 0)) {
			prio_tree_remove(&root, &nodes[i]);
			node_in[i] = 0;
		} else if (!node_in[i] && !drain) {
			random_range(&pgoff, &pages);
			nodes[i].start = pgoff;
			nodes[i].last = pgoff + pages - 1;
			p = prio_tree_insert(&root, &nodes[i]);
			if (p == &nodes[i]) {
				node_in[i] = 1;
			} else {
				/* an identical interval is already in */
				j = p - nodes;
				KT_ASSERT(j >= 0 && j < NR_NODES && node_in[j]);
				KT_ASSERT(p->start == nodes[i].start &&
					  p->last == nodes[i].last);
			}
		}
		if (op < 200 || op % 32 == 0)
			KT_ASSERT_INT_EQ(check_tree(&root), count_in(NR_NODES));
		for (j = 0; j < 2; j++) {
			switch (rnd_below(3)) {
			case 0:
				random_range(&a, &pages);
				b = a;
				break;
			case 1:
				p = &nodes[rnd_below(NR_NODES)];
				a = b = rnd_below(2) ? p->start : p->last;
				break;
			default:
				random_range(&a, &pages);
				random_range(&b, &pages);
				if (a > b) {
					pages = a;
					a = b;
					b = pages;
				}
				break;
			}
			check_node_query(&root, NR_NODES, a, b);
		}
	}
	for (i = 0; i < NR_NODES; i++) {
		if (node_in[i]) {
			prio_tree_remove(&root, &nodes[i]);
			node_in[i] = 0;
		}
	}
	KT_ASSERT(prio_tree_empty(&root));
	KT_ASSERT_INT_EQ(root.index_bits, 1);
}
