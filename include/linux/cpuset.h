/*
 * linux/cpuset.h (2.6.20, CONFIG_CPUSETS=y): the memory side of cpusets.
 */
#ifndef _LINUX_CPUSET_H
#define _LINUX_CPUSET_H

#include <linux/sched.h>
#include <linux/cpumask.h>
#include <linux/nodemask.h>

struct cpuset;

int cpuset_init(void);
void cpuset_fork(struct task_struct *p);
void cpuset_exit(struct task_struct *p);
nodemask_t cpuset_mems_allowed(struct task_struct *p);
void cpuset_update_task_memory_state(void);
int cpuset_zonelist_valid_mems_allowed(struct zonelist *zl);
int __cpuset_zone_allowed(struct zone *z, gfp_t gfp_mask);

static int inline cpuset_zone_allowed(struct zone *z, gfp_t gfp_mask)
{
	return __cpuset_zone_allowed(z, gfp_mask);
}

#endif
