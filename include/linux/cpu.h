/* linux/cpu.h (2.6.20): CPU hotplug is not modeled; every CPU stays online. */
#ifndef _LINUX_CPU_H_
#define _LINUX_CPU_H_

#include <linux/cpumask.h>

#define lock_cpu_hotplug() \
	do {               \
	} while (0)
#define unlock_cpu_hotplug() \
	do {                 \
	} while (0)

#endif
