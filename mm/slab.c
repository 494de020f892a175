/*
 * mm/slab.c - kmem caches and kmalloc, standing for 2.6.20's mm/slab.c.
 *
 * What it models: the 2006 slab API and the semantics its users rely on:
 *  - a cache's constructor runs when an object's memory is first created,
 *    not on every allocation; objects must be freed in constructed state
 *    and come back from the cache as they were freed;
 *  - SLAB_DESTROY_BY_RCU caches are type-stable: a freed object may be
 *    handed out again at once by the next allocation from the same cache
 *    (another anon_vma, say), but its memory never stops being an object
 *    of that cache while an RCU reader could still look at it;
 *  - kfree() takes any slab object, including one from kmem_cache_alloc;
 *  - kmalloc of more than the largest general cache (128 KiB) fails.
 *
 * Deliberate simplifications:
 *  - Objects are host memory (sim_host_alloc through the door), not slab
 *    pages: slab objects do not consume simulated RAM, and the zone
 *    counters NR_SLAB_RECLAIMABLE / NR_SLAB_UNRECLAIMABLE stay 0.
 *  - No slabs, colouring, per-CPU arrays or shrinking.  Each object
 *    carries a small header (its cache, a free-list link) in front of it.
 *  - SLAB_DESTROY_BY_RCU caches keep their freed objects on a free list
 *    under a spinlock and never give them back to the host: the simplest
 *    model that is faithful to "type-stable while readers may look".
 *  - Other caches and kmalloc give freed memory straight back to the
 *    host, so AddressSanitizer catches any use after free.  Their
 *    constructor therefore runs again for an object whose memory is new,
 *    which is what 2006 did for a fresh slab.
 *  - Allocations never fail for lack of memory (the host has it); the
 *    gfp mask only decides whether the caller may sleep.
 *
 * With the KASAN-like detector on (sim_kasan_enabled(), mmsim's
 * --detect kasan) every object's memory comes from the engine's
 * sim_kasan_alloc instead: pages of its own, made inaccessible and
 * quarantined when freed, so that a later access or a second free is
 * reported with the allocation and free stacks.  SLAB_DESTROY_BY_RCU
 * objects keep their free-list life: freed ones stay readable, as RCU
 * readers need, and only a double free of one is reported.
 */
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <sim/door.h>

/* The largest general cache of 2.6.20 (size-131072) without LARGE_ALLOCS. */
#define KMALLOC_MAX_SIZE (128UL * 1024)

#define SLAB_OBJ_MAGIC 0x51ab0b1ec7UL
#define SLAB_OBJ_FREED 0xf5eedUL

struct kmem_cache {
	const char *name;
	size_t size;
	size_t align;
	unsigned long flags;
	void (*ctor)(void *, struct kmem_cache *, unsigned long);
	void (*dtor)(void *, struct kmem_cache *, unsigned long);

	spinlock_t lock; /* protects the fields below */
	struct list_head free_objs; /* SLAB_DESTROY_BY_RCU: freed objects */
	unsigned long nr_active; /* objects handed out, not yet freed */
	unsigned long nr_free; /* objects on free_objs */

	struct list_head next; /* on cache_chain */
};

/* In front of every object. */
struct slab_obj {
	struct list_head list; /* on cachep->free_objs when free */
	struct kmem_cache *cache; /* NULL for kmalloc */
	void *raw; /* what sim_host_alloc returned */
	unsigned long magic;
	unsigned long state; /* 0 in use, SLAB_OBJ_FREED free */
};

static LIST_HEAD(cache_chain);
static DEFINE_SPINLOCK(cache_chain_lock);

static inline struct slab_obj *obj_to_hdr(const void *objp)
{
	return (struct slab_obj *)objp - 1;
}

static void *host_obj_alloc(struct kmem_cache *cachep, size_t size,
			    size_t align)
{
	unsigned long raw, obj;
	struct slab_obj *hdr;

	if (align < sizeof(void *))
		align = sizeof(void *);
	if (sim_kasan_enabled()) {
		raw = 0; /* the engine's pages, given back by sim_kasan_free */
		obj = (unsigned long)sim_kasan_alloc(
			size, align, sizeof(*hdr),
			cachep ? cachep->name : "kmalloc",
			cachep && (cachep->flags & SLAB_DESTROY_BY_RCU));
	} else {
		raw = (unsigned long)sim_host_alloc(size + align +
						    sizeof(*hdr));
		obj = ALIGN(raw + sizeof(*hdr), align);
	}
	hdr = obj_to_hdr((void *)obj);
	hdr->cache = cachep;
	hdr->raw = (void *)raw;
	hdr->magic = SLAB_OBJ_MAGIC;
	hdr->state = 0;
	INIT_LIST_HEAD(&hdr->list);
	return (void *)obj;
}

/* The object's memory goes back to the host (or to KASAN's quarantine). */
static void host_obj_free(struct slab_obj *hdr)
{
	hdr->magic = 0;
	if (sim_kasan_enabled())
		sim_kasan_free(hdr + 1);
	else
		sim_host_free(hdr->raw);
}

static struct slab_obj *check_obj(const void *objp, const char *func)
{
	struct slab_obj *hdr;

	/*
	 * The free orders what was done to the object before whatever its
	 * next owner does (for --detect kcsan: 2006's slab lock or per-CPU
	 * array is not a lock it sees).
	 */
	sim_hb_release(objp);
	/* Before the header is read: a freed object's may be unreadable. */
	if (sim_kasan_enabled())
		sim_kasan_check_free(objp, func);
	hdr = obj_to_hdr(objp);

	if (hdr->magic != SLAB_OBJ_MAGIC) {
		printk(KERN_ERR "%s: %p is not a slab object\n", func, objp);
		BUG();
	}
	if (hdr->state == SLAB_OBJ_FREED) {
		printk(KERN_ERR "%s: double free of %p (%s)\n", func, objp,
		       hdr->cache ? hdr->cache->name : "kmalloc");
		BUG();
	}
	return hdr;
}

struct kmem_cache *
kmem_cache_create(const char *name, size_t size, size_t align,
		  unsigned long flags,
		  void (*ctor)(void *, struct kmem_cache *, unsigned long),
		  void (*dtor)(void *, struct kmem_cache *, unsigned long))
{
	struct kmem_cache *cachep;

	/* Sanity checks of 2006: these are all programming errors. */
	if (!name || size < sizeof(void *) || size > KMALLOC_MAX_SIZE ||
	    (dtor && !ctor)) {
		printk(KERN_ERR "%s: Early error in slab %s\n", __func__,
		       name ? name : "(null)");
		BUG();
	}
	might_sleep();

	cachep = sim_host_alloc(sizeof(*cachep));
	cachep->name = name;
	cachep->size = size;
	cachep->align = align;
	cachep->flags = flags;
	cachep->ctor = ctor;
	cachep->dtor = dtor;
	spin_lock_init(&cachep->lock);
	INIT_LIST_HEAD(&cachep->free_objs);

	spin_lock(&cache_chain_lock);
	list_add(&cachep->next, &cache_chain);
	spin_unlock(&cache_chain_lock);
	return cachep;
}

void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	struct slab_obj *hdr = NULL;
	void *objp;

	might_sleep_if(flags & __GFP_WAIT);

	spin_lock(&cachep->lock);
	if (!list_empty(&cachep->free_objs)) {
		hdr = list_entry(cachep->free_objs.next, struct slab_obj, list);
		list_del_init(&hdr->list);
		hdr->state = 0;
		cachep->nr_free--;
		if (sim_kasan_enabled())
			sim_kasan_reuse(hdr + 1);
	}
	cachep->nr_active++;
	spin_unlock(&cachep->lock);

	if (hdr) {
		sim_hb_acquire(hdr + 1); /* after its free (check_obj) */
		return hdr + 1; /* constructed when it was first made */
	}

	objp = host_obj_alloc(cachep, cachep->size, cachep->align);
	if (cachep->ctor)
		cachep->ctor(objp, cachep, SLAB_CTOR_CONSTRUCTOR);
	return objp;
}

void *kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags)
{
	void *objp = kmem_cache_alloc(cachep, flags);

	if (objp)
		memset(objp, 0, cachep->size);
	return objp;
}

static void __cache_free(struct kmem_cache *cachep, struct slab_obj *hdr)
{
	spin_lock(&cachep->lock);
	BUG_ON(!cachep->nr_active);
	cachep->nr_active--;
	if (cachep->flags & SLAB_DESTROY_BY_RCU) {
		/*
		 * Type-stable: the memory stays an object of this cache for
		 * good, so a reader inside rcu_read_lock() that still holds
		 * a stale pointer finds an initialised object (possibly a
		 * different one) and can take its lock.
		 */
		hdr->state = SLAB_OBJ_FREED;
		if (sim_kasan_enabled())
			sim_kasan_free(hdr + 1); /* records the free site */
		list_add(&hdr->list, &cachep->free_objs);
		cachep->nr_free++;
		spin_unlock(&cachep->lock);
		return;
	}
	spin_unlock(&cachep->lock);

	if (cachep->dtor)
		cachep->dtor(hdr + 1, cachep, 0);
	host_obj_free(hdr);
}

void kmem_cache_free(struct kmem_cache *cachep, void *objp)
{
	struct slab_obj *hdr;

	if (!objp)
		return;
	hdr = check_obj(objp, __func__);
	if (hdr->cache != cachep) {
		printk(KERN_ERR "kmem_cache_free: %p belongs to %s, not %s\n",
		       objp, hdr->cache ? hdr->cache->name : "kmalloc",
		       cachep->name);
		BUG();
	}
	__cache_free(cachep, hdr);
}

/* Objects of the cache in use (handed out and not yet freed). */
unsigned long kmem_cache_objects(struct kmem_cache *cachep)
{
	unsigned long nr;

	spin_lock(&cachep->lock);
	nr = cachep->nr_active;
	spin_unlock(&cachep->lock);
	return nr;
}

void *kmalloc(size_t size, gfp_t flags)
{
	might_sleep_if(flags & __GFP_WAIT);
	if (unlikely(size > KMALLOC_MAX_SIZE))
		return NULL;
	/* 2006 served kmalloc(0) from size-32: a real, distinct object. */
	return host_obj_alloc(NULL, size ? size : 1, sizeof(void *));
}

void *kzalloc(size_t size, gfp_t flags)
{
	/* host memory is handed out zeroed */
	return kmalloc(size, flags);
}

void kfree(const void *objp)
{
	struct slab_obj *hdr;

	if (unlikely(!objp))
		return;
	hdr = check_obj(objp, __func__);
	if (hdr->cache) {
		/* 2006 kfree found the cache from the object's slab page. */
		__cache_free(hdr->cache, hdr);
		return;
	}
	host_obj_free(hdr);
}
