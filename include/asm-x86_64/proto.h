/*
 * asm-x86_64/proto.h (2.6.20): prototypes of the arch setup code that
 * start_kernel() and setup_arch() call.
 *
 * Simplification: 2006 discovered the machine from the e820 map and the
 * ACPI SRAT/SLIT tables; mmsim hands numa_initmem_init() the machine
 * configuration instead.
 */
#ifndef _ASM_X8664_PROTO_H
#define _ASM_X8664_PROTO_H

struct sim_machine_config;

/* arch/x86_64/mm/numa.c: nodes, CPUs, distances, simulated RAM, mem_map. */
void numa_initmem_init(const struct sim_machine_config *cfg);
/* arch/x86_64/mm/init.c: zones of every node (free_area_init_node). */
void paging_init(void);
/* arch/x86_64/mm/init.c: hand all but the reserved memory to the buddy. */
void mem_init(void);

/* mmsim: never hand free simulated RAM back to the host (benchmarks). */
extern int keep_free_memory;

#endif
