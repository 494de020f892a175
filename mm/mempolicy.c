/*
 * mm/mempolicy.c - NUMA memory policies (2.6.20), the allocation side:
 * which node a user page comes from.
 *
 * Simplification, for now: the policy system calls (mbind,
 * set_mempolicy, get_mempolicy, migrate_pages) are not modeled yet, so
 * policies only exist where the kernel itself sets them; allocation
 * honours all four policy kinds as 2006 did.
 */
#include <linux/mempolicy.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/pagemap.h>

struct mempolicy default_policy = {
	.refcnt = ATOMIC_INIT(1),
	.policy = MPOL_DEFAULT,
};

void __mpol_free(struct mempolicy *p)
{
	if (!p)
		return;
	if (p->policy == MPOL_BIND)
		kfree(p->v.zonelist);
	p->policy = MPOL_DEFAULT;
	kfree(p);
}

struct mempolicy *__mpol_copy(struct mempolicy *old)
{
	struct mempolicy *new = kmalloc(sizeof(*new), GFP_KERNEL);

	if (!new)
		return ERR_PTR(-ENOMEM);
	*new = *old;
	atomic_set(&new->refcnt, 1);
	if (new->policy == MPOL_BIND) {
		int sz = sizeof(struct zonelist);
		new->v.zonelist = kmalloc(sz, GFP_KERNEL);
		if (!new->v.zonelist) {
			kfree(new);
			return ERR_PTR(-ENOMEM);
		}
		memcpy(new->v.zonelist, old->v.zonelist, sz);
	}
	return new;
}

/* Return effective policy for a VMA */
static struct mempolicy *get_vma_policy(struct task_struct *task,
					struct vm_area_struct *vma,
					unsigned long addr)
{
	struct mempolicy *pol = task->mempolicy;

	if (vma) {
		if (vma->vm_ops && vma->vm_ops->get_policy)
			pol = vma->vm_ops->get_policy(vma, addr);
		else if (vma->vm_policy && vma->vm_policy->policy != MPOL_DEFAULT)
			pol = vma->vm_policy;
	}
	if (!pol)
		pol = &default_policy;
	return pol;
}

/*
 * The highest zone type any node has: MPOL_BIND applies to it and above
 * (2006 kept this in policy_zone, set while building zonelists).
 */
static enum zone_type policy_zone(void)
{
	enum zone_type z = ZONE_DMA;
	int nid, i;

	for_each_online_node(nid)
		for (i = 0; i < MAX_NR_ZONES; i++)
			if (populated_zone(&NODE_DATA(nid)->node_zones[i]) &&
			    i > z)
				z = i;
	return z;
}

/* Return a zonelist representing a mempolicy */
static struct zonelist *zonelist_policy(gfp_t gfp, struct mempolicy *policy)
{
	int nd;

	switch (policy->policy) {
	case MPOL_PREFERRED:
		nd = policy->v.preferred_node;
		if (nd < 0)
			nd = numa_node_id();
		break;
	case MPOL_BIND:
		/* Lower zones don't get a policy applied */
		if (gfp_zone(gfp) >= policy_zone())
			return policy->v.zonelist;
		/* fall through */
	case MPOL_INTERLEAVE: /* should not happen */
	case MPOL_DEFAULT:
		nd = numa_node_id();
		break;
	default:
		nd = 0;
		BUG();
	}
	return NODE_DATA(nd)->node_zonelists + gfp_zone(gfp);
}

/* Do static interleaving for a VMA with known offset. */
static unsigned offset_il_node(struct mempolicy *pol,
			       struct vm_area_struct *vma, unsigned long off)
{
	unsigned nnodes = nodes_weight(pol->v.nodes);
	unsigned target = (unsigned)off % nnodes;
	int c;
	int nid = -1;

	c = 0;
	do {
		nid = next_node(nid, pol->v.nodes);
		c++;
	} while (c <= target);
	return nid;
}

static inline unsigned interleave_nid(struct mempolicy *pol,
				      struct vm_area_struct *vma,
				      unsigned long addr, int shift)
{
	unsigned long off;

	off = vma->vm_pgoff;
	off += (addr - vma->vm_start) >> shift;
	return offset_il_node(pol, vma, off);
}

/* Allocate a page in interleaved policy. */
static struct page *alloc_page_interleave(gfp_t gfp, unsigned order,
					  unsigned nid)
{
	struct zonelist *zl;
	struct page *page;

	zl = NODE_DATA(nid)->node_zonelists + gfp_zone(gfp);
	page = __alloc_pages(gfp, order, zl);
	if (page && page_zone(page) == zl->zones[0])
		inc_zone_page_state(page, NUMA_INTERLEAVE_HIT);
	return page;
}

/*
 * alloc_page_vma - Allocate a page for a VMA, following its policy, the
 * task's policy, or the default (the current node, then by distance).
 */
struct page *alloc_page_vma(gfp_t gfp, struct vm_area_struct *vma,
			    unsigned long addr)
{
	struct mempolicy *pol = get_vma_policy(current, vma, addr);

	if (unlikely(pol->policy == MPOL_INTERLEAVE)) {
		unsigned nid;

		nid = interleave_nid(pol, vma, addr, PAGE_SHIFT);
		return alloc_page_interleave(gfp, 0, nid);
	}
	return __alloc_pages(gfp, 0, zonelist_policy(gfp, pol));
}
