/*
 * linux/slab.h - kmalloc and kmem caches (2.6.20 API).  Objects come from
 * host memory through the door; SLAB_DESTROY_BY_RCU caches defer the
 * return of a freed object's memory to the host by an RCU grace period, as
 * the 2006 slab did for whole slabs.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/types.h>

#define SLAB_HWCACHE_ALIGN 0x00002000UL
#define SLAB_PANIC 0x00040000UL
#define SLAB_DESTROY_BY_RCU 0x00080000UL
#define SLAB_RECLAIM_ACCOUNT 0x00020000UL
#define SLAB_CTOR_CONSTRUCTOR 0x001UL

struct kmem_cache;
typedef struct kmem_cache kmem_cache_t;

struct kmem_cache *
kmem_cache_create(const char *name, size_t size, size_t align,
		  unsigned long flags,
		  void (*ctor)(void *, struct kmem_cache *, unsigned long),
		  void (*dtor)(void *, struct kmem_cache *, unsigned long));
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void *kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags);
void kmem_cache_free(struct kmem_cache *cachep, void *objp);
unsigned long kmem_cache_objects(struct kmem_cache *cachep);

/* System wide caches (2006: created in kernel/fork.c's proc_caches_init) */
extern struct kmem_cache *vm_area_cachep;
extern struct kmem_cache *mm_cachep;

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void kfree(const void *objp);

#endif
