/*
 * tests/kernel/test_vmalloc.c - mm/vmalloc.c: vmalloc charges order-0
 * pages to the simulated machine and vfree gives them back, allocation
 * failure is NULL, and vfree of NULL or of an unknown address is harmless.
 */
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <sim/kernel.h>
#include <sim/ktest.h>

void drain_all_pages(void);

static void boot(void)
{
	struct sim_machine_config cfg;
	char err[256];

	sim_machine_defaults(&cfg, 2, 64 << 20);
	KT_ASSERT_MSG(sim_kernel_boot(&cfg, err, sizeof(err)) == 0, "boot: %s",
		      err);
}

/* Free pages of the whole machine, per-CPU lists spilled first. */
static unsigned long machine_free_pages(void)
{
	drain_all_pages();
	return sim_node_free_pages(0) + sim_node_free_pages(1);
}

KTEST(vmalloc_charges_pages_and_vfree_returns_them)
{
	unsigned long before, during;
	void *p;

	boot();
	before = machine_free_pages();
	p = vmalloc(100 * PAGE_SIZE - 10); /* rounds up to 100 pages */
	KT_ASSERT_NONNULL(p);
	KT_ASSERT_INT_EQ(vmalloc_nr_pages(), 100);
	during = machine_free_pages();
	KT_ASSERT_INT_EQ(before - during, 100);
	vfree(p);
	KT_ASSERT_INT_EQ(vmalloc_nr_pages(), 0);
	KT_ASSERT_INT_EQ(machine_free_pages(), before);
}

KTEST(vmalloc_memory_is_page_aligned_and_usable)
{
	unsigned char *p;
	unsigned long i, size = 37 * PAGE_SIZE;

	boot();
	p = vmalloc(size);
	KT_ASSERT_NONNULL(p);
	KT_ASSERT_INT_EQ((unsigned long)p & (PAGE_SIZE - 1), 0);
	memset(p, 0xab, size);
	for (i = 0; i < size; i += 997)
		KT_ASSERT_INT_EQ(p[i], 0xab);
	vfree(p);
}

KTEST(vmalloc_node_takes_its_pages_from_that_node)
{
	unsigned long before0, before1;
	void *p;

	boot();
	drain_all_pages();
	before0 = sim_node_free_pages(0);
	before1 = sim_node_free_pages(1);
	p = vmalloc_node(64 * PAGE_SIZE, 1);
	KT_ASSERT_NONNULL(p);
	drain_all_pages();
	KT_ASSERT_INT_EQ(before1 - sim_node_free_pages(1), 64);
	KT_ASSERT_INT_EQ(sim_node_free_pages(0), before0);
	vfree(p);
}

KTEST(vmalloc_of_more_than_the_machine_has_returns_null)
{
	boot();
	KT_ASSERT_NULL(vmalloc((num_physpages + 1) * PAGE_SIZE));
	KT_ASSERT_NULL(vmalloc(0));
	KT_ASSERT_INT_EQ(vmalloc_nr_pages(), 0);
}

KTEST(vmalloc_that_runs_out_of_pages_fails_and_gives_back_what_it_took)
{
	unsigned long before;

	boot();
	before = machine_free_pages();
	/*
	 * within num_physpages, beyond what the allocator will hand out;
	 * __GFP_NORETRY, as 2006's plain GFP_KERNEL would OOM-kill instead
	 */
	KT_ASSERT_NULL(__vmalloc(before * PAGE_SIZE,
				 GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN));
	KT_ASSERT_INT_EQ(vmalloc_nr_pages(), 0);
	KT_ASSERT_INT_EQ(machine_free_pages(), before);
}

KTEST(vfree_of_null_does_nothing)
{
	unsigned long warns;

	boot();
	warns = sim_warn_count();
	vfree(NULL);
	KT_ASSERT_INT_EQ(sim_warn_count(), warns);
}

KTEST(vfree_of_an_unknown_area_warns_and_survives)
{
	unsigned long warns;
	void *p;

	boot();
	p = vmalloc(PAGE_SIZE);
	vfree(p);
	warns = sim_warn_count();
	vfree(p); /* "Trying to vfree() nonexistent vm area" */
	KT_ASSERT_INT_EQ(sim_warn_count(), warns + 1);
	vfree((char *)p + 8); /* "Trying to vfree() bad address" */
	KT_ASSERT_INT_EQ(sim_warn_count(), warns + 2);
}
