/* linux/cpumask.h (2.6.20 subset): sets of CPUs. */
#ifndef __LINUX_CPUMASK_H
#define __LINUX_CPUMASK_H

#include <linux/threads.h>
#include <linux/bitmap.h>

typedef struct {
	unsigned long bits[BITS_TO_LONGS(NR_CPUS)];
} cpumask_t;

#define cpu_set(cpu, dst) set_bit((cpu), (dst).bits)
#define cpu_clear(cpu, dst) clear_bit((cpu), (dst).bits)
#define cpu_isset(cpu, mask) test_bit((cpu), (mask).bits)
#define cpus_clear(dst) bitmap_zero((dst).bits, NR_CPUS)
#define first_cpu(src) ((int)find_first_bit((src).bits, NR_CPUS))
#define next_cpu(n, src) ((int)find_next_bit((src).bits, NR_CPUS, (n) + 1))
#define cpus_weight(m) bitmap_weight((m).bits, NR_CPUS)

#define for_each_cpu_mask(cpu, mask)                   \
	for ((cpu) = first_cpu(mask); (cpu) < NR_CPUS; \
	     (cpu) = next_cpu((cpu), (mask)))

extern cpumask_t cpu_online_map;
extern cpumask_t cpu_possible_map;

#define cpu_online(cpu) cpu_isset((cpu), cpu_online_map)
#define num_online_cpus() cpus_weight(cpu_online_map)
#define for_each_online_cpu(cpu) for_each_cpu_mask((cpu), cpu_online_map)
#define for_each_possible_cpu(cpu) for_each_cpu_mask((cpu), cpu_possible_map)

#endif
