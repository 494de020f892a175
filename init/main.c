/*
 * init/main.c - booting the simulated machine: the kernel side of
 * include/sim/kernel.h.
 *
 * Stands for the memory-management part of init/main.c (2.6.20):
 * start_kernel() up to mem_init(), then do_initcalls() as
 * do_basic_setup() ran it, plus the init task of init/init_task.c.
 *
 * Deliberate simplifications:
 *  - The machine comes from struct sim_machine_config, checked by
 *    sim_machine_validate(), not from firmware tables.
 *  - One boot per process; nothing is ever torn down.
 *  - sim_proc_show() lives in mm/vmstat.c beside the /proc generators.
 *  - kswapd (one per node) starts only when cfg->kswapd asks for it.
 *  - sim_node_free_pages() reports the zones' free_pages, which in 2006
 *    as here excludes pages sitting on per-CPU hot/cold lists.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/nodemask.h>
#include <linux/string.h>
#include <linux/topology.h>
#include <linux/swap.h>
#include <asm/proto.h>
#include <sim/door.h>
#include <sim/kernel.h>

#define MIN_NODE_BYTES (4ULL << 20)
#define MAX_MACHINE_BYTES (64ULL << 30)

static int booted;

void sim_machine_defaults(struct sim_machine_config *cfg, int nr_nodes,
			  unsigned long long mem_per_node)
{
	int i, j;

	memset(cfg, 0, sizeof(*cfg));
	cfg->nr_nodes = nr_nodes;
	cfg->cpus_per_node = 1;
	for (i = 0; i < SIM_MAX_NODES; i++) {
		if (i < nr_nodes)
			cfg->mem[i] = mem_per_node;
		for (j = 0; j < SIM_MAX_NODES; j++)
			cfg->distance[i][j] =
				i == j ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	}
}

#define reject(...)                                                   \
	do {                                                          \
		if (err && errlen)                                    \
			snprintf(err, errlen,                         \
				 "impossible machine: " __VA_ARGS__); \
		return -1;                                            \
	} while (0)

int sim_machine_validate(const struct sim_machine_config *cfg, char *err,
			 unsigned long errlen)
{
	unsigned long long total = 0;
	int i, j, n = cfg->nr_nodes;

	if (n < 1 || n > SIM_MAX_NODES)
		reject("nr_nodes is %d, must be 1..%d", n, SIM_MAX_NODES);
	for (i = 0; i < n; i++) {
		if (cfg->mem[i] % PAGE_SIZE)
			reject("mem[%d] is %llu bytes, not a multiple of %lu",
			       i, cfg->mem[i], PAGE_SIZE);
		if (cfg->mem[i] < MIN_NODE_BYTES)
			reject("mem[%d] is %llu bytes, below the 4 MiB minimum",
			       i, cfg->mem[i]);
		total += cfg->mem[i];
		if (total > MAX_MACHINE_BYTES)
			reject("total memory exceeds 64 GiB at mem[%d]", i);
	}
	if (cfg->kswapd != 0 && cfg->kswapd != 1)
		reject("kswapd is %d, must be 0 or 1", cfg->kswapd);
	if (cfg->cpus_per_node < 1)
		reject("cpus_per_node is %d, must be at least 1",
		       cfg->cpus_per_node);
	if ((long long)n * cfg->cpus_per_node > SIM_MAX_CPUS)
		reject("cpus_per_node %d times nr_nodes %d is above %d CPUs",
		       cfg->cpus_per_node, n, SIM_MAX_CPUS);
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			int d = cfg->distance[i][j];

			if (i == j && d != LOCAL_DISTANCE)
				reject("distance[%d][%d] is %d, the local "
				       "distance must be %d",
				       i, j, d, LOCAL_DISTANCE);
			if (i != j && (d <= LOCAL_DISTANCE || d > 254))
				reject("distance[%d][%d] is %d, a remote "
				       "distance must be %d..254",
				       i, j, d, LOCAL_DISTANCE + 1);
		}
	}
	return 0;
}

#undef reject

/*
 * init/main.c do_initcalls(): run the function pointers of the
 * mmsim_initcall1..7 sections, level by level, in link order.  The
 * section symbols are weak so that an empty level links.
 */
#define DECLARE_INITCALL_LEVEL(n)                                            \
	extern initcall_t __start_mmsim_initcall##n[] __attribute__((weak)); \
	extern initcall_t __stop_mmsim_initcall##n[] __attribute__((weak))

DECLARE_INITCALL_LEVEL(1);
DECLARE_INITCALL_LEVEL(2);
DECLARE_INITCALL_LEVEL(3);
DECLARE_INITCALL_LEVEL(4);
DECLARE_INITCALL_LEVEL(5);
DECLARE_INITCALL_LEVEL(6);
DECLARE_INITCALL_LEVEL(7);

static void do_initcall_level(initcall_t *start, initcall_t *stop, int level)
{
	initcall_t *call;

	if (!start || !stop)
		return;
	for (call = start; call < stop; call++) {
		int result = (*call)();

		if (result)
			printk(KERN_WARNING
			       "initcall at level %d returned %d\n",
			       level, result);
	}
}

void __init do_initcalls(void)
{
	do_initcall_level(__start_mmsim_initcall1, __stop_mmsim_initcall1, 1);
	do_initcall_level(__start_mmsim_initcall2, __stop_mmsim_initcall2, 2);
	do_initcall_level(__start_mmsim_initcall3, __stop_mmsim_initcall3, 3);
	do_initcall_level(__start_mmsim_initcall4, __stop_mmsim_initcall4, 4);
	do_initcall_level(__start_mmsim_initcall5, __stop_mmsim_initcall5, 5);
	do_initcall_level(__start_mmsim_initcall6, __stop_mmsim_initcall6, 6);
	do_initcall_level(__start_mmsim_initcall7, __stop_mmsim_initcall7, 7);
}

/* The boot thread becomes the idle task, pid 0, "swapper", on CPU 0. */
static void __init init_task_setup(void)
{
	init_task.pid = 0;
	init_task.tgid = 0;
	init_task.cpu = 0;
	memset(init_task.comm, 0, sizeof(init_task.comm));
	memcpy(init_task.comm, "swapper", sizeof("swapper"));
	init_task.mems_allowed = node_online_map;
	sim_task_local(sim_current_task_word);
	sim_current_task = &init_task;
}

int sim_kernel_boot(const struct sim_machine_config *cfg, char *err,
		    unsigned long errlen)
{
	if (sim_machine_validate(cfg, err, errlen))
		return -1;
	if (booted) {
		if (err && errlen)
			snprintf(err, errlen, "the machine is already booted");
		return -1;
	}
	booted = 1;

	sim_set_nr_cpus(cfg->nr_nodes * cfg->cpus_per_node);
	sim_thread_identify("swapper", 0, 0);

	/* setup_arch() */
	numa_initmem_init(cfg);
	paging_init();

	/* start_kernel() */
	build_all_zonelists();
	page_alloc_init();
	init_task_setup();
	mem_init();

	/* rest_init() -> kernel_init() -> do_basic_setup() */
	do_initcalls();

	/* 2006's kswapd_init() (module_init): only on request here */
	if (cfg->kswapd) {
		int nid;

		for_each_online_node(nid) {
			if (kswapd_run(nid)) {
				if (err && errlen)
					snprintf(err, errlen,
						 "cannot start kswapd%d", nid);
				return -1;
			}
		}
		/*
		 * By the time 2006 ran init, every kswapd had long been
		 * asleep on kswapd_wait; one still starting would drop the
		 * first wake-up (!waitqueue_active()), and an allocator that
		 * then keeps retrying at rebalance never wakes it again.
		 */
		sim_kswapd_quiesce();
	}
	return 0;
}

unsigned long sim_node_free_pages(int nid)
{
	struct zone *zone;
	unsigned long sum = 0;

	if (nid < 0 || nid >= MAX_NUMNODES || !node_online(nid))
		return 0;
	for (zone = NODE_DATA(nid)->node_zones;
	     zone < NODE_DATA(nid)->node_zones + MAX_NR_ZONES; zone++)
		sum += zone->free_pages;
	return sum;
}

unsigned long sim_node_present_pages(int nid)
{
	if (nid < 0 || nid >= MAX_NUMNODES || !node_online(nid))
		return 0;
	return node_present_pages(nid);
}

int sim_nr_nodes(void)
{
	return num_online_nodes();
}
