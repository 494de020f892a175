/*
 * include/sim/kernel.h - what the simulated kernel offers the simulator.
 *
 * The other half of the door: sim/scenario, the CLI and the tests drive the
 * kernel world only through these entry points, with plain C types.  The
 * kernel world implements them (sim/kernel, arch/x86_64, mm/).
 */
#ifndef _SIM_KERNEL_H
#define _SIM_KERNEL_H

#define SIM_MAX_NODES 64
#define SIM_MAX_CPUS 256

/* The machine to boot: filled by the CLI or a scenario's machine line. */
struct sim_machine_config {
	int nr_nodes;
	int cpus_per_node;
	unsigned long long mem[SIM_MAX_NODES];	/* bytes per node, 4 KiB multiple */
	unsigned char distance[SIM_MAX_NODES][SIM_MAX_NODES];	/* SLIT */
};

/*
 * Fill cfg with the defaults for nr_nodes nodes of mem_per_node bytes:
 * 1 CPU per node, distance 10 local and 20 remote.
 */
void sim_machine_defaults(struct sim_machine_config *cfg, int nr_nodes,
			  unsigned long long mem_per_node);

/*
 * Check a configuration and say why it is impossible: returns 0, or -1
 * with a one-line reason (naming the field) in err.
 */
int sim_machine_validate(const struct sim_machine_config *cfg, char *err,
			 unsigned long errlen);

/*
 * Boot the machine: nodes, zones, mem_map, free lists, zonelists, the
 * init task.  Once per process.  Returns 0 or -1 with the reason in err.
 */
int sim_kernel_boot(const struct sim_machine_config *cfg, char *err,
		    unsigned long errlen);

/*
 * Show a /proc file ("zoneinfo", "buddyinfo", "vmstat", "meminfo")
 * through emit(); returns 0, or -1 if there is no such file.
 */
typedef void (*sim_emit_fn)(void *ctx, const char *text, unsigned long len);
int sim_proc_show(const char *name, sim_emit_fn emit, void *ctx);

/* Machine-wide numbers for tests, benchmarks and the checker. */
unsigned long sim_node_free_pages(int nid);
unsigned long sim_node_present_pages(int nid);
int sim_nr_nodes(void);

#endif /* _SIM_KERNEL_H */
