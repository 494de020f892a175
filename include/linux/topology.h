/* linux/topology.h (2.6.20): CPU and node topology. */
#ifndef _LINUX_TOPOLOGY_H
#define _LINUX_TOPOLOGY_H

#include <linux/cpumask.h>
#include <linux/smp.h>
#include <asm/topology.h>

#endif
