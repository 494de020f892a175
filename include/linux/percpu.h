/*
 * linux/percpu.h - per-CPU variables (2.6.20 API).  A per-CPU variable is
 * an array indexed by simulated CPU; __get_cpu_var is the running task's
 * slot, valid while the task has its CPU claimed (get_cpu_var).
 */
#ifndef __LINUX_PERCPU_H
#define __LINUX_PERCPU_H

#include <linux/smp.h>

#define DEFINE_PER_CPU(type, name) __typeof__(type) per_cpu__##name[NR_CPUS]
#define DECLARE_PER_CPU(type, name) \
	extern __typeof__(type) per_cpu__##name[NR_CPUS]
#define per_cpu(var, cpu) (per_cpu__##var[(cpu)])
#define __get_cpu_var(var) per_cpu(var, smp_processor_id())
#define get_cpu_var(var)             \
	(*({                         \
		preempt_disable();   \
		&__get_cpu_var(var); \
	}))
#define put_cpu_var(var) preempt_enable()

#endif
