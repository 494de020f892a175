/* asm-x86_64/topology.h (2.6.20): nodes of CPUs, SLIT distances. */
#ifndef _ASM_X86_64_TOPOLOGY_H
#define _ASM_X86_64_TOPOLOGY_H

#include <linux/cpumask.h>

extern unsigned char cpu_to_node[];
extern cpumask_t node_to_cpumask[];

#define LOCAL_DISTANCE 10
#define REMOTE_DISTANCE 20
int __node_distance(int a, int b);
#define node_distance(a, b) __node_distance(a, b)
#define numa_node_id() (cpu_to_node[sim_thread_cpu()])

#endif
