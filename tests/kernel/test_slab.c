/*
 * tests/kernel/test_slab.c - mm/slab.c: constructors run once per
 * object's memory, SLAB_DESTROY_BY_RCU caches are type-stable and reuse
 * freed objects, kmalloc limits and zeroing, and the anon_vma cache that
 * boot creates.
 */
#include <linux/slab.h>
#include <linux/rmap.h>
#include <linux/string.h>
#include <linux/rcupdate.h>
#include <sim/kernel.h>
#include <sim/ktest.h>

struct thing {
	int constructed; /* set by the ctor only */
	int value;
};

static int ctor_calls;

static void thing_ctor(void *obj, struct kmem_cache *cachep,
		       unsigned long flags)
{
	struct thing *t = obj;

	if (flags & SLAB_CTOR_CONSTRUCTOR) {
		t->constructed = 0x5eed;
		ctor_calls++;
	}
}

static void boot(void)
{
	struct sim_machine_config cfg;
	char err[256];

	sim_machine_defaults(&cfg, 2, 64 << 20);
	KT_ASSERT_MSG(sim_kernel_boot(&cfg, err, sizeof(err)) == 0, "boot: %s",
		      err);
}

KTEST(ctor_runs_once_for_each_new_object)
{
	struct kmem_cache *c;
	struct thing *a, *b;

	boot();
	c = kmem_cache_create("thing", sizeof(struct thing), 0, 0, thing_ctor,
			      NULL);
	KT_ASSERT_NONNULL(c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KT_ASSERT_NONNULL(a);
	KT_ASSERT_NONNULL(b);
	KT_ASSERT(a != b);
	KT_ASSERT_INT_EQ(ctor_calls, 2);
	KT_ASSERT_INT_EQ(a->constructed, 0x5eed);
	KT_ASSERT_INT_EQ(b->constructed, 0x5eed);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
}

KTEST(rcu_cache_reuses_a_freed_object_without_running_the_ctor_again)
{
	struct kmem_cache *c;
	struct thing *a, *b;

	boot();
	c = kmem_cache_create("rcu_thing", sizeof(struct thing), 0,
			      SLAB_DESTROY_BY_RCU, thing_ctor, NULL);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	a->value = 42; /* state the object is freed in */
	kmem_cache_free(c, a);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KT_ASSERT_PTR_EQ(b, a);
	KT_ASSERT_INT_EQ(ctor_calls, 1);
	KT_ASSERT_INT_EQ(b->constructed, 0x5eed);
	KT_ASSERT_INT_EQ(b->value, 42);
}

KTEST(rcu_cache_object_stays_readable_after_free)
{
	struct kmem_cache *c;
	struct thing *a;

	boot();
	c = kmem_cache_create("rcu_thing", sizeof(struct thing), 0,
			      SLAB_DESTROY_BY_RCU, thing_ctor, NULL);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, a);
	/* an RCU reader holding a stale pointer (ASan would object if not) */
	rcu_read_lock();
	KT_ASSERT_INT_EQ(((volatile struct thing *)a)->constructed, 0x5eed);
	rcu_read_unlock();
}

KTEST(kmem_cache_objects_counts_objects_in_use)
{
	struct kmem_cache *c;
	struct thing *a, *b;

	boot();
	c = kmem_cache_create("rcu_thing", sizeof(struct thing), 0,
			      SLAB_DESTROY_BY_RCU, thing_ctor, NULL);
	KT_ASSERT_INT_EQ(kmem_cache_objects(c), 0);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KT_ASSERT_INT_EQ(kmem_cache_objects(c), 2);
	kmem_cache_free(c, a);
	KT_ASSERT_INT_EQ(kmem_cache_objects(c), 1);
	kfree(b); /* kfree takes any slab object, as in 2006 */
	KT_ASSERT_INT_EQ(kmem_cache_objects(c), 0);
}

KTEST(kmem_cache_zalloc_returns_zeroed_object)
{
	struct kmem_cache *c;
	struct thing *a;

	boot();
	c = kmem_cache_create("thing", sizeof(struct thing), 0, 0, thing_ctor,
			      NULL);
	a = kmem_cache_zalloc(c, GFP_KERNEL);
	KT_ASSERT_INT_EQ(a->constructed, 0);
	KT_ASSERT_INT_EQ(a->value, 0);
	kmem_cache_free(c, a);
}

KTEST(kzalloc_returns_zeroed_memory_and_kfree_null_is_a_noop)
{
	unsigned char *p;
	int i;

	boot();
	p = kzalloc(4096, GFP_KERNEL);
	KT_ASSERT_NONNULL(p);
	for (i = 0; i < 4096; i++)
		KT_ASSERT_INT_EQ(p[i], 0);
	kfree(p);
	kfree(NULL);
}

KTEST(kmalloc_beyond_the_largest_general_cache_fails)
{
	void *p;

	boot();
	p = kmalloc(128 * 1024, GFP_KERNEL);
	KT_ASSERT_NONNULL(p);
	kfree(p);
	KT_ASSERT_NULL(kmalloc(128 * 1024 + 1, GFP_KERNEL));
}

KTEST(slab_objects_do_not_consume_simulated_ram)
{
	unsigned long before;
	void *p[64];
	int i;

	boot();
	before = sim_node_free_pages(0);
	for (i = 0; i < 64; i++)
		p[i] = kmalloc(4096, GFP_KERNEL);
	KT_ASSERT_INT_EQ(sim_node_free_pages(0), before);
	KT_ASSERT_INT_EQ(global_page_state(NR_SLAB_UNRECLAIMABLE), 0);
	for (i = 0; i < 64; i++)
		kfree(p[i]);
}

KTEST(boot_creates_the_anon_vma_cache_with_initialised_objects)
{
	struct anon_vma *av;

	boot();
	KT_ASSERT_NONNULL(anon_vma_cachep);
	av = anon_vma_alloc();
	KT_ASSERT_NONNULL(av);
	KT_ASSERT(list_empty(&av->head));
	KT_ASSERT(!spin_is_locked(&av->lock));
	anon_vma_free(av);
	/* type-stable: the next anon_vma is the same memory */
	KT_ASSERT_PTR_EQ(anon_vma_alloc(), av);
}
