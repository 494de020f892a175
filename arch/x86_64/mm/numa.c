/*
 * arch/x86_64/mm/numa.c - the modeled machine: NUMA nodes, CPUs, SLIT
 * distances, simulated physical memory and mem_map.
 *
 * Stands for arch/x86_64/mm/numa.c and arch/x86_64/mm/srat.c (2.6.20),
 * with the topology parts of arch/x86_64/kernel/setup.c and smpboot.c.
 *
 * Deliberate simplifications:
 *  - 2006 discovered nodes from the ACPI SRAT and distances from the SLIT;
 *    here both come from struct sim_machine_config.
 *  - Physical memory has no holes: the nodes are contiguous from pfn 0, in
 *    node order, each cfg->mem[nid] bytes long.
 *  - Simulated RAM is ONE host reservation (sim_host_map, demand-zero,
 *    MAP_NORESERVE) for the whole machine rather than one mapping per node:
 *    each node's "mapping" is its slice of that reservation, so __va() is a
 *    single addition and untouched RAM costs the host nothing.
 *  - mem_map is one array of struct page indexed by pfn, also a host
 *    reservation, not memory carved out of each node's RAM; each node's
 *    node_mem_map points at its slice (DISCONTIGMEM with contiguous nodes).
 *    It is rounded up to a MAX_ORDER block so that a buddy lookup past the
 *    last page still reads a struct page, as alloc_node_mem_map() ensured.
 *  - pg_data_t lives in host memory (2006: the node's own bootmem).
 *  - CPUs are numbered node by node: node n has CPUs
 *    n * cpus_per_node .. (n + 1) * cpus_per_node - 1.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/cpumask.h>
#include <linux/topology.h>
#include <asm/proto.h>
#include <sim/door.h>
#include <sim/kernel.h>

pg_data_t *node_data[MAX_NUMNODES];
struct page *mem_map;
unsigned long max_pfn;
unsigned long num_physpages;
unsigned long page_offset_base;

nodemask_t node_online_map;
nodemask_t node_possible_map;
cpumask_t cpu_online_map;
cpumask_t cpu_possible_map;
unsigned char cpu_to_node[NR_CPUS];
cpumask_t node_to_cpumask[MAX_NUMNODES];

/* The SLIT: numa_distance[a][b] is the distance from node a to node b. */
static unsigned char numa_distance[MAX_NUMNODES][MAX_NUMNODES];
static int numa_have_slit;

/* Where each node's memory ends (exclusive), for pfn_to_nid(). */
static unsigned long node_end_pfn[MAX_NUMNODES];

int __node_distance(int a, int b)
{
	if (!numa_have_slit)
		return a == b ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	return numa_distance[a][b];
}

/*
 * 2006 hashed the physical address through memnodemap[]; the nodes here
 * are contiguous and few, so a walk over their ends does the same.
 */
int pfn_to_nid(unsigned long pfn)
{
	int nid;

	if (pfn >= max_pfn)
		return -1;
	for_each_online_node(nid)
		if (pfn < node_end_pfn[nid])
			return nid;
	return -1;
}

static void __init setup_node_cpus(const struct sim_machine_config *cfg)
{
	int nid, i, cpu = 0;

	cpus_clear(cpu_online_map);
	cpus_clear(cpu_possible_map);
	for (nid = 0; nid < cfg->nr_nodes; nid++) {
		cpus_clear(node_to_cpumask[nid]);
		for (i = 0; i < cfg->cpus_per_node; i++, cpu++) {
			cpu_to_node[cpu] = nid;
			cpu_set(cpu, node_to_cpumask[nid]);
			cpu_set(cpu, cpu_possible_map);
			cpu_set(cpu, cpu_online_map);
		}
	}
}

/*
 * setup_node_bootmem() for every node: its pg_data_t, its pfn range and
 * its slice of mem_map.  The zones come later, in paging_init().
 */
static void __init setup_node_data(int nid, unsigned long start_pfn,
				   unsigned long end_pfn)
{
	pg_data_t *pgdat = sim_host_alloc(sizeof(*pgdat));

	pgdat->node_id = nid;
	pgdat->node_start_pfn = start_pfn;
	pgdat->node_spanned_pages = end_pfn - start_pfn;
	pgdat->node_mem_map = mem_map + start_pfn;
	node_data[nid] = pgdat;
	node_end_pfn[nid] = end_pfn;
	node_set_online(nid);
	node_set(nid, node_possible_map);
}

void __init numa_initmem_init(const struct sim_machine_config *cfg)
{
	unsigned long total_pages = 0, map_pages, pfn;
	int nid, i, j;

	for (nid = 0; nid < cfg->nr_nodes; nid++)
		total_pages += cfg->mem[nid] >> PAGE_SHIFT;

	/* The whole machine's RAM: one demand-zero reservation. */
	page_offset_base =
		(unsigned long)sim_host_map(total_pages << PAGE_SHIFT);

	/* mem_map, padded to a MAX_ORDER block (see the header comment). */
	map_pages = ALIGN(total_pages, (unsigned long)MAX_ORDER_NR_PAGES);
	mem_map = sim_host_map(map_pages * sizeof(struct page));
	if (cfg->populate) {
		/*
		 * Real RAM is all there: fault the host pages in now, in
		 * huge pages as the kernel's 2 MiB direct mapping (the
		 * machine costs its full size anyway).
		 */
		sim_host_prefer_huge_pages(__va(0), total_pages << PAGE_SHIFT);
		sim_host_prefer_huge_pages(mem_map,
					   map_pages * sizeof(struct page));
		for (pfn = 0; pfn < total_pages; pfn++)
			clear_page(__va(pfn << PAGE_SHIFT));
		keep_free_memory = 1;
	}
	max_pfn = total_pages;
	num_physpages = total_pages;

	nodes_clear(node_online_map);
	nodes_clear(node_possible_map);
	pfn = 0;
	for (nid = 0; nid < cfg->nr_nodes; nid++) {
		unsigned long pages = cfg->mem[nid] >> PAGE_SHIFT;

		setup_node_data(nid, pfn, pfn + pages);
		pfn += pages;
	}

	for (i = 0; i < cfg->nr_nodes; i++)
		for (j = 0; j < cfg->nr_nodes; j++)
			numa_distance[i][j] = cfg->distance[i][j];
	numa_have_slit = 1;

	setup_node_cpus(cfg);
}
