/* linux/numa.h (2.6.20): NODES_SHIFT 6 on x86-64 NUMA. */
#ifndef _LINUX_NUMA_H
#define _LINUX_NUMA_H

#include <linux/autoconf.h>

#define NODES_SHIFT CONFIG_NODES_SHIFT
#define MAX_NUMNODES (1 << NODES_SHIFT)

#endif
