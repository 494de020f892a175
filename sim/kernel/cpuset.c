/*
 * sim/kernel/cpuset.c - the memory side of cpusets that the page allocator
 * and migration ask about.
 *
 * Stands for kernel/cpuset.c (2.6.20, CONFIG_CPUSETS=y).  Simplification:
 * there is no cpuset hierarchy yet, so every task sits in the top cpuset
 * and its mems_allowed is the whole story: a hardwall request must stay
 * inside it, a softwall request (no __GFP_HARDWALL) may go anywhere,
 * which is where 2006's walk up to the nearest mem_exclusive ancestor
 * ends when the only ancestor is the top cpuset.
 */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/cpuset.h>
#include <linux/nodemask.h>
#include <linux/sched.h>

/*
 * Is this zone's node one the current task may allocate from?
 * Tasks without a task_struct (engine threads) may use any node.
 */
int __cpuset_zone_allowed(struct zone *z, gfp_t gfp_mask)
{
	struct task_struct *tsk = current;
	int node;

	if (!tsk)
		return 1;
	node = z->zone_pgdat->node_id;
	if (node_isset(node, tsk->mems_allowed))
		return 1;
	if (gfp_mask & __GFP_HARDWALL)	/* If hardwall request, stop here */
		return 0;
	return 1;
}

/*
 * cpuset_mems_allowed - the nodes task p may use: its mems_allowed that
 * are online, or, if none of them are (2006's guarantee_online_mems()
 * found an online ancestor), all online nodes.
 */
nodemask_t cpuset_mems_allowed(struct task_struct *p)
{
	nodemask_t mask;

	task_lock(p);
	nodes_and(mask, p->mems_allowed, node_online_map);
	task_unlock(p);
	if (nodes_empty(mask))
		mask = node_online_map;
	return mask;
}
