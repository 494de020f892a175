/*
 * linux/smp.h - the current CPU.  Each simulated task runs on the CPU the
 * simulator gave it; get_cpu() claims that CPU until put_cpu().
 */
#ifndef __LINUX_SMP_H
#define __LINUX_SMP_H

#include <linux/preempt.h>
#include <linux/cpumask.h>

#define raw_smp_processor_id() sim_thread_cpu()
#define smp_processor_id() sim_thread_cpu()
#define get_cpu()                   \
	({                          \
		preempt_disable();  \
		smp_processor_id(); \
	})
#define put_cpu() preempt_enable()
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define mb() smp_mb()
#define rmb() smp_rmb()
#define wmb() smp_wmb()
#define smp_read_barrier_depends() \
	do {                       \
	} while (0)

#endif
