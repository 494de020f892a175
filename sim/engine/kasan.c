/*
 * sim/engine/kasan.c - use-after-free and double-free detection for slab
 * objects, in the spirit of KASAN (which 2.6.20 did not have: its nearest
 * relative was CONFIG_DEBUG_SLAB's poisoning, found only when the poison
 * was next checked).
 *
 * What it models: mm/slab.c hands every object out of memory of its own
 * (whole host pages, mmap'ed), records who allocated it and from where,
 * and on free records who freed it, fills it with POISON_FREE (0x6b), makes
 * its pages inaccessible (PROT_NONE) and keeps it in a FIFO quarantine
 * before the memory is reused.  Any load or store to a quarantined object
 * faults; the oops handler asks this piece, which prints the report KASAN
 * prints today ("BUG: KASAN: use-after-free in FUNC"), with the access,
 * the allocation and the free stacks, and the object's cache, offset and
 * size.  Freeing an object twice, or freeing what is not a slab object, is
 * "BUG: KASAN: double-free or invalid-free".
 *
 * SLAB_DESTROY_BY_RCU (anon_vma): the memory of a freed object stays an
 * object of its cache, readable and lockable, because a reader inside
 * rcu_read_lock() may still hold a pointer to it (page_lock_anon_vma).
 * Such objects are never poisoned or protected; only their double free is
 * found.  Real KASAN treats SLAB_TYPESAFE_BY_RCU caches the same way.
 *
 * Simplifications: the access size is not known (a fault gives an
 * address, read or write); one page at least per object, so the detector
 * is off unless asked for (--detect kasan); the quarantine holds the last
 * KASAN_QUARANTINE objects freed, then gives the oldest memory back.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "engine.h"
#include "task.h"
#include "report.h"
#include "kasan.h"

#define KASAN_QUARANTINE 4096 /* freed objects kept inaccessible */
#define KASAN_FRAMES 16
#define KASAN_POISON_FREE 0x6b /* linux/poison.h's POISON_FREE */

/* Who did something to an object, and from where. */
struct kasan_track {
	int pid;
	char comm[16];
	unsigned long step; /* the scheduler's step count then */
	int nr_frames;
	void *frames[KASAN_FRAMES];
};

struct kasan_obj {
	void *map; /* the pages: map .. map + map_len */
	size_t map_len;
	void *obj; /* the object slab.c handed out */
	size_t size;
	const char *cache; /* its cache's name, or "kmalloc-N" */
	int freed;
	int type_stable; /* SLAB_DESTROY_BY_RCU: never protected */
	struct kasan_track alloc, free;
};

static struct {
	int enabled;
	pthread_mutex_t lock;
	GHashTable *by_page; /* page address -> struct kasan_obj */
	GHashTable *by_obj; /* object address -> struct kasan_obj */
	GQueue quarantine; /* of struct kasan_obj, oldest first */
	size_t page_size;
} kasan = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.quarantine = G_QUEUE_INIT,
};

static int kasan_fault(struct sim_report *r, uintptr_t addr, int write,
		       void *pc);

void sim_engine_set_kasan(int on)
{
	kasan.enabled = on;
	if (!on || kasan.by_page)
		return;
	kasan.page_size = sysconf(_SC_PAGESIZE);
	kasan.by_page = g_hash_table_new(g_direct_hash, g_direct_equal);
	kasan.by_obj = g_hash_table_new(g_direct_hash, g_direct_equal);
	eng_report_set_fault_explainer(kasan_fault);
}

int sim_kasan_enabled(void)
{
	return kasan.enabled;
}

/* Inlined, so that the stack starts at the sim_kasan_* entry. */
static inline __attribute__((always_inline)) void
kasan_record(struct kasan_track *t)
{
	struct sim_task *self = eng_self();

	t->pid = self->pid;
	t->step = sim_engine_steps();
	g_strlcpy(t->comm, self->name, sizeof(t->comm));
	t->nr_frames = eng_report_stack(t->frames, KASAN_FRAMES);
}

static void for_each_page(struct kasan_obj *o, int insert)
{
	uintptr_t p;

	for (p = (uintptr_t)o->map; p < (uintptr_t)o->map + o->map_len;
	     p += kasan.page_size) {
		if (insert)
			g_hash_table_insert(kasan.by_page, (void *)p, o);
		else
			g_hash_table_remove(kasan.by_page, (void *)p);
	}
}

void *sim_kasan_alloc(unsigned long size, unsigned long align,
		      unsigned long header, const char *cache, int type_stable)
{
	struct kasan_obj *o = g_new0(struct kasan_obj, 1);
	uintptr_t obj;

	if (align < sizeof(void *))
		align = sizeof(void *);
	o->map_len = (header + align + size + kasan.page_size - 1) &
		     ~(kasan.page_size - 1);
	o->map = sim_host_map(o->map_len);
	obj = ((uintptr_t)o->map + header + align - 1) & ~(align - 1);
	o->obj = (void *)obj;
	o->size = size;
	o->cache = cache;
	o->type_stable = type_stable;
	kasan_record(&o->alloc);
	pthread_mutex_lock(&kasan.lock);
	for_each_page(o, 1);
	g_hash_table_insert(kasan.by_obj, o->obj, o);
	pthread_mutex_unlock(&kasan.lock);
	return o->obj;
}

static void print_track(struct sim_report *r, const char *what,
			const struct kasan_track *t)
{
	char sym[512];
	int skip = 0;

	/* The stack starts where slab.c called in. */
	while (skip < t->nr_frames) {
		eng_report_symbol(sym, sizeof(sym), t->frames[skip]);
		if (strncmp(sym, "sim_kasan_", 10))
			break;
		skip++;
	}
	eng_report_printf(r, "%s by task %d (%s):\n", what, t->pid, t->comm);
	eng_report_frames(r, (void *const *)t->frames + skip,
			  t->nr_frames - skip);
}

static void print_object(struct sim_report *r, const struct kasan_obj *o,
			 uintptr_t addr)
{
	uintptr_t obj = (uintptr_t)o->obj;

	eng_report_printf(
		r,
		"\nThe buggy address belongs to the object at "
		"%016lx\n which belongs to the cache %s of size %zu\n",
		(unsigned long)obj, o->cache, o->size);
	eng_report_printf(r, "(allocated at step %lu, freed at step %lu)\n",
			  o->alloc.step, o->free.step);
	if (addr >= obj && addr < obj + o->size)
		eng_report_printf(r,
				  "The buggy address is located %lu bytes "
				  "inside of\n",
				  (unsigned long)(addr - obj));
	else if (addr < obj)
		eng_report_printf(r,
				  "The buggy address is located %lu bytes "
				  "to the left of\n",
				  (unsigned long)(obj - addr));
	else
		eng_report_printf(r,
				  "The buggy address is located %lu bytes "
				  "to the right of\n",
				  (unsigned long)(addr - obj - o->size));
	eng_report_printf(r, " %zu-byte region [%016lx, %016lx)\n", o->size,
			  (unsigned long)obj, (unsigned long)(obj + o->size));
}

static const char kasan_rule[] =
	"=================================================================="
	"\n";

static void report_header(struct sim_report *r, const char *bug,
			  const char *where)
{
	struct sim_task *self = eng_self();

	eng_report_printf(r, "%sBUG: KASAN: %s in %s\n", kasan_rule, bug,
			  where);
	eng_report_printf(r, "task: %s/%d cpu %d, step %lu\n", self->name,
			  self->pid, self->cpu, sim_engine_steps());
}

/* Called with a bad free: never returns. */
static void report_bad_free(const struct kasan_obj *o, const void *obj,
			    const char *func)
{
	struct sim_report r = {.len = 0};

	eng_report_begin_fatal();
	fflush(NULL);
	report_header(&r, "double-free or invalid-free", func);
	eng_report_printf(&r, "Free of addr %016lx: %s\n\nCall Trace:\n",
			  (unsigned long)(uintptr_t)obj,
			  !o	     ? "not a slab object"
			  : o->freed ? "the object was already freed"
				     : "not the start of a slab object");
	eng_report_flush(&r);
	eng_report_backtrace(1, 16);
	if (o) {
		eng_report_printf(&r, "\n");
		print_track(&r, "Allocated", &o->alloc);
		if (o->freed) {
			eng_report_printf(&r, "\n");
			print_track(&r, "Freed", &o->free);
		}
		print_object(&r, o, (uintptr_t)obj);
	}
	eng_report_printf(&r, "%s", kasan_rule);
	eng_report_flush(&r);
	eng_report_end_fatal(&r);
}

static struct kasan_obj *lookup_page(uintptr_t addr)
{
	uintptr_t page = addr & ~(kasan.page_size - 1);

	return g_hash_table_lookup(kasan.by_page, (void *)page);
}

void sim_kasan_check_free(const void *obj, const char *func)
{
	struct kasan_obj *o;

	pthread_mutex_lock(&kasan.lock);
	o = g_hash_table_lookup(kasan.by_obj, obj);
	if (!o || o->freed) {
		if (!o)
			o = lookup_page((uintptr_t)obj);
		pthread_mutex_unlock(&kasan.lock);
		report_bad_free(o, obj, func);
	}
	pthread_mutex_unlock(&kasan.lock);
}

/* The oldest quarantined object's memory goes back to the host. */
static void quarantine_evict(void)
{
	struct kasan_obj *o = g_queue_pop_head(&kasan.quarantine);

	for_each_page(o, 0);
	g_hash_table_remove(kasan.by_obj, o->obj);
	sim_host_unmap(o->map, o->map_len);
	g_free(o);
}

void sim_kasan_free(const void *obj)
{
	struct kasan_obj *o;

	pthread_mutex_lock(&kasan.lock);
	o = g_hash_table_lookup(kasan.by_obj, obj);
	pthread_mutex_unlock(&kasan.lock);
	if (!o || o->freed)
		report_bad_free(o, obj, "kfree");
	kasan_record(&o->free);
	o->freed = 1;
	if (o->type_stable)
		return; /* readers under rcu_read_lock() may still look */
	memset(o->map, KASAN_POISON_FREE, o->map_len);
	if (mprotect(o->map, o->map_len, PROT_NONE))
		sim_panic("kasan: cannot protect %zu bytes at %p", o->map_len,
			  o->map);
	pthread_mutex_lock(&kasan.lock);
	g_queue_push_tail(&kasan.quarantine, o);
	if (kasan.quarantine.length > KASAN_QUARANTINE)
		quarantine_evict();
	pthread_mutex_unlock(&kasan.lock);
}

void sim_kasan_reuse(const void *obj)
{
	struct kasan_obj *o;

	pthread_mutex_lock(&kasan.lock);
	o = g_hash_table_lookup(kasan.by_obj, obj);
	pthread_mutex_unlock(&kasan.lock);
	if (!o || !o->freed || !o->type_stable)
		sim_panic("kasan: reuse of %p, which is no freed type-stable "
			  "object",
			  obj);
	o->freed = 0;
	memset(&o->free, 0, sizeof(o->free));
	kasan_record(&o->alloc);
}

/*
 * The oops handler's question: is this fault an access to a quarantined
 * object?  Runs on the alternate signal stack: no allocation, and the
 * table is only read.  Returns 0 when the address is none of ours.
 */
static int kasan_fault(struct sim_report *r, uintptr_t addr, int write,
		       void *pc)
{
	struct kasan_obj *o;
	char where[256];

	if (!kasan.enabled)
		return 0;
	o = lookup_page(addr);
	if (!o || !o->freed)
		return 0;
	eng_report_symbol(where, sizeof(where), pc);
	report_header(r, "use-after-free", where);
	eng_report_printf(r, "%s at addr %016lx\n\nCall Trace:\n",
			  write ? "Write" : "Read", (unsigned long)addr);
	eng_report_flush(r);
	eng_report_backtrace_from(pc, 24);
	eng_report_printf(r, "\n");
	print_track(r, "Allocated", &o->alloc);
	eng_report_printf(r, "\n");
	print_track(r, "Freed", &o->free);
	print_object(r, o, addr);
	eng_report_printf(r, "%s", kasan_rule);
	eng_report_flush(r);
	return 1;
}
