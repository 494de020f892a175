/*
 * linux/mempolicy.h (2.6.20): NUMA memory policies and the flags shared
 * with migration.
 */
#ifndef _LINUX_MEMPOLICY_H
#define _LINUX_MEMPOLICY_H 1

#include <linux/errno.h>
#include <linux/err.h> /* mpol_copy() returns ERR_PTR values */
#include <linux/mmzone.h>
#include <linux/slab.h>
#include <linux/rbtree.h>
#include <linux/spinlock.h>
#include <linux/nodemask.h>

/* Policies */
#define MPOL_DEFAULT 0
#define MPOL_PREFERRED 1
#define MPOL_BIND 2
#define MPOL_INTERLEAVE 3

#define MPOL_MAX MPOL_INTERLEAVE

/* Flags for get_mem_policy */
#define MPOL_F_NODE (1 << 0) /* return next IL mode instead of node mask */
#define MPOL_F_ADDR (1 << 1) /* look up vma using address */

/* Flags for mbind */
#define MPOL_MF_STRICT (1 << 0) /* Verify existing pages in the mapping */
#define MPOL_MF_MOVE \
	(1 << 1) /* Move pages owned by this process to conform to mapping */
#define MPOL_MF_MOVE_ALL (1 << 2) /* Move every page to conform to mapping */
#define MPOL_MF_INTERNAL (1 << 3) /* Internal flags start here */

struct vm_area_struct;
struct mm_struct;
struct task_struct;

/*
 * Describe a memory policy.
 */
struct mempolicy {
	atomic_t refcnt;
	short policy; /* See MPOL_* above */
	union {
		struct zonelist *zonelist; /* bind */
		short preferred_node; /* preferred */
		nodemask_t nodes; /* interleave */
	} v;
	nodemask_t cpuset_mems_allowed; /* mempolicy relative to these nodes */
};

void __mpol_free(struct mempolicy *pol);
static inline void mpol_free(struct mempolicy *pol)
{
	if (pol == NULL)
		return;
	if (atomic_dec_and_test(&pol->refcnt))
		__mpol_free(pol);
}

struct mempolicy *__mpol_copy(struct mempolicy *pol);
static inline struct mempolicy *mpol_copy(struct mempolicy *pol)
{
	if (pol)
		pol = __mpol_copy(pol);
	return pol;
}

#define vma_policy(vma) ((vma)->vm_policy)
#define vma_set_policy(vma, pol) ((vma)->vm_policy = (pol))

static inline void mpol_get(struct mempolicy *pol)
{
	if (pol)
		atomic_inc(&pol->refcnt);
}

extern struct mempolicy default_policy;
extern void mpol_fix_fork_child_flag(struct task_struct *p);
long do_mbind(unsigned long start, unsigned long len, unsigned long mode,
	      nodemask_t *nmask, unsigned long flags);
long do_set_mempolicy(int mode, nodemask_t *nodes);
long do_get_mempolicy(int *policy, nodemask_t *nmask, unsigned long addr,
		      unsigned long flags);
void numa_policy_init(void);
void numa_default_policy(void);
void mpol_rebind_task(struct task_struct *tsk, const nodemask_t *new);
void mpol_rebind_mm(struct mm_struct *mm, nodemask_t *new);
struct zonelist *huge_zonelist(struct vm_area_struct *vma, unsigned long addr);
int do_migrate_pages(struct mm_struct *mm, const nodemask_t *from_nodes,
		     const nodemask_t *to_nodes, int flags);
int migrate_to_node(struct mm_struct *mm, int source, int dest, int flags);

#endif
