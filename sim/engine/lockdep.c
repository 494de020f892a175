/*
 * sim/engine/lockdep.c - lock-order validation, as 2.6.20's
 * kernel/lockdep.c (new in 2.6.18) did it.
 *
 * What it models: every lock belongs to a class, named where the lock was
 * initialised (spin_lock_init, rwlock_init, init_rwsem, mutex_init: the
 * door's sim_lock_init records "FILE:LINE" for the lock word), or, for a
 * lock defined statically (DEFINE_SPINLOCK, DECLARE_RWSEM) or never
 * initialised by a call, by its name.  The page lock (PG_locked) is one
 * class of its own, a bit lock.  Each time a task takes a lock of class B
 * while it holds one of class A, the dependency A -> B is added to a graph
 * kept for the whole run, with where both were taken.  When a new
 * dependency closes a cycle, the run stops with lockdep's report,
 * "possible circular locking dependency detected", both chains and where
 * each lock was taken: the deadlock is possible even if this schedule did
 * not hit it.
 *
 * Simplifications (say so in reports' readers' minds):
 *  - irq-safety (hardirq/softirq-safe vs -unsafe classes, the {--..}
 *    letters) is out of scope: the model has no interrupts.  The letters
 *    are printed as "{--..}", what 2006 printed for a class never used
 *    in interrupt context.
 *  - Read and write acquisitions are treated alike (2006 lockdep also
 *    treated rwsem reads as exclusive; only rwlock reads were recursive).
 *  - Taking a lock of a class already held adds no dependency: 2.6.20
 *    annotated such nesting (spin_lock_nested, down_write_nested in
 *    dup_mmap) and the model cannot tell annotated from not.
 *  - A trylock adds no dependency for itself (it cannot wait), but locks
 *    taken after it depend on it, as in 2006.
 */
#define _GNU_SOURCE
#include <execinfo.h>
#include <pthread.h>
#include <string.h>

#include <glib.h>

#include "engine.h"
#include "task.h"
#include "report.h"
#include "lockdep.h"

#define LD_FRAMES 12

struct ld_class {
	const char *name; /* "&anon_vma->lock" */
	const char *key; /* the init site, or the name */
	GPtrArray *after; /* struct ld_edge: this class, then another */
};

/* A dependency: 'to' was taken while 'from' was held. */
struct ld_edge {
	struct ld_class *from, *to;
	const char *from_site, *to_site;
	char comm[16];
	int pid;
	unsigned long step;
	int nr_frames;
	void *frames[LD_FRAMES];
};

static struct {
	int enabled;
	pthread_mutex_t lock;
	GHashTable *classes; /* key -> struct ld_class */
	GHashTable *word_class; /* lock word -> struct ld_class */
	GHashTable *owner; /* bit lock word -> struct sim_task holding it */
	unsigned long nr_edges;
} ld = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

void sim_engine_set_lockdep(int on)
{
	ld.enabled = on;
	if (!on || ld.classes)
		return;
	ld.classes = g_hash_table_new(g_str_hash, g_str_equal);
	ld.word_class = g_hash_table_new(g_direct_hash, g_direct_equal);
	ld.owner = g_hash_table_new(g_direct_hash, g_direct_equal);
}

static struct ld_class *class_get(const char *key, const char *name)
{
	struct ld_class *c = g_hash_table_lookup(ld.classes, key);

	if (!c) {
		c = g_new0(struct ld_class, 1);
		c->key = key;
		c->name = name;
		c->after = g_ptr_array_new();
		g_hash_table_insert(ld.classes, (void *)key, c);
	}
	return c;
}

void sim_lock_init(volatile int *word, const char *name, const char *site)
{
	*word = 0;
	if (!ld.enabled)
		return;
	pthread_mutex_lock(&ld.lock);
	g_hash_table_insert(ld.word_class, (void *)word, class_get(site, name));
	pthread_mutex_unlock(&ld.lock);
}

static struct ld_class *class_of(const volatile void *word, const char *name)
{
	struct ld_class *c = g_hash_table_lookup(ld.word_class, (void *)word);

	return c ? c : class_get(name, name);
}

static void print_class(struct sim_report *r, const struct ld_class *c)
{
	eng_report_printf(r, " (%s){--..}", c->name);
}

static void print_held(struct sim_report *r, const struct sim_task *t)
{
	int i;

	eng_report_printf(r, "%d lock%s held by %s/%d:\n", t->nr_dep,
			  t->nr_dep == 1 ? "" : "s", t->name, t->pid);
	for (i = 0; i < t->nr_dep; i++) {
		eng_report_printf(r, " #%d: ", i);
		print_class(r, t->dep[i].cls);
		eng_report_printf(r, ", at: %s\n", t->dep[i].site);
	}
}

/* Depth-first: a path of edges from 'from' to 'to', into path[]. */
static int find_path(struct ld_class *from, struct ld_class *to,
		     GHashTable *seen, GPtrArray *path)
{
	guint i;

	if (from == to)
		return 1;
	if (g_hash_table_contains(seen, from))
		return 0;
	g_hash_table_add(seen, from);
	for (i = 0; i < from->after->len; i++) {
		struct ld_edge *e = g_ptr_array_index(from->after, i);

		g_ptr_array_add(path, e);
		if (find_path(e->to, to, seen, path))
			return 1;
		g_ptr_array_remove_index(path, path->len - 1);
	}
	return 0;
}

static void report_circular(struct sim_task *t, const struct sim_held_dep *held,
			    struct ld_class *next, const char *site,
			    GPtrArray *path)
{
	struct sim_report r = {.len = 0};
	guint i;

	pthread_mutex_unlock(&ld.lock);
	eng_report_begin_fatal();
	fflush(NULL);
	eng_report_printf(&r, "\n===================================="
			      "===================\n");
	eng_report_printf(&r, "[ INFO: possible circular locking "
			      "dependency detected ]\n");
	eng_report_printf(&r, "2.6.20-mmsim, step %lu\n", sim_engine_steps());
	eng_report_printf(&r, "------------------------------------"
			      "-------------------\n");
	eng_report_printf(&r, "%s/%d is trying to acquire lock:\n", t->name,
			  t->pid);
	print_class(&r, next);
	eng_report_printf(&r, ", at: %s\n\nbut task is already holding lock:\n",
			  site);
	print_class(&r, held->cls);
	eng_report_printf(&r,
			  ", at: %s\n\nwhich lock already depends on the "
			  "new lock.\n\n\nthe existing dependency chain "
			  "(in reverse order) is:\n",
			  held->site);
	/* path: next -> ... -> held; lockdep prints it from the end */
	for (i = path->len; i-- > 0;) {
		struct ld_edge *e = g_ptr_array_index(path, i);

		eng_report_printf(&r, "\n-> #%u", i + 1);
		print_class(&r, e->to);
		eng_report_printf(&r, ":\n       taken at %s while holding",
				  e->to_site);
		print_class(&r, e->from);
		eng_report_printf(&r, " taken at %s, by %s/%d at step %lu\n",
				  e->from_site, e->comm, e->pid, e->step);
		eng_report_frames(&r, (void *const *)e->frames + 1,
				  e->nr_frames - 1);
	}
	eng_report_printf(&r, "\n-> #0");
	print_class(&r, next);
	eng_report_printf(&r, ":\n       taken at %s while holding", site);
	print_class(&r, held->cls);
	eng_report_printf(&r, " taken at %s, by %s/%d now\n", held->site,
			  t->name, t->pid);
	eng_report_printf(&r, "\nother info that might help us debug "
			      "this:\n\n");
	print_held(&r, t);
	eng_report_printf(&r, "\nstack backtrace:\nCall Trace:\n");
	eng_report_flush(&r);
	eng_report_backtrace(2, 24);
	eng_report_end_fatal(&r);
}

/* held -> next, unless known; reports the cycle it would close. */
static void add_dependency(struct sim_task *t, const struct sim_held_dep *held,
			   struct ld_class *next, const char *site)
{
	g_autoptr(GHashTable) seen = NULL;
	g_autoptr(GPtrArray) path = NULL;
	struct ld_edge *e;
	guint i;

	for (i = 0; i < held->cls->after->len; i++)
		if (((struct ld_edge *)g_ptr_array_index(held->cls->after, i))
			    ->to == next)
			return;
	seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	path = g_ptr_array_new();
	if (find_path(next, held->cls, seen, path))
		report_circular(t, held, next, site, path);
	e = g_new0(struct ld_edge, 1);
	e->from = held->cls;
	e->to = next;
	e->from_site = held->site;
	e->to_site = site;
	g_strlcpy(e->comm, t->name, sizeof(e->comm));
	e->pid = t->pid;
	e->step = sim_engine_steps();
	e->nr_frames = backtrace(e->frames, LD_FRAMES);
	g_ptr_array_add(held->cls->after, e);
	ld.nr_edges++;
}

/* The latest acquisition of word by t, removed; 0 if t does not hold it. */
static int dep_pop(struct sim_task *t, const volatile void *word)
{
	int i;

	for (i = t->nr_dep - 1; i >= 0; i--)
		if (t->dep[i].word == word) {
			memmove(&t->dep[i], &t->dep[i + 1],
				(t->nr_dep - i - 1) * sizeof(t->dep[0]));
			t->nr_dep--;
			return 1;
		}
	return 0;
}

/* Bit locks of t that another task unlocked since (ld.lock held). */
static void forget_released_bit_locks(struct sim_task *t)
{
	int i;

	for (i = t->nr_dep - 1; i >= 0; i--)
		if (t->dep[i].bit &&
		    g_hash_table_lookup(ld.owner, (void *)t->dep[i].word) != t)
			dep_pop(t, t->dep[i].word);
}

void eng_lockdep_acquire(const volatile void *word, const char *name,
			 const char *site, int trylock)
{
	struct sim_task *t = eng_self();
	struct ld_class *c;
	int i;

	if (!ld.enabled || t->lockdep_off)
		return;
	pthread_mutex_lock(&ld.lock);
	forget_released_bit_locks(t);
	c = class_of(word, name);
	if (!trylock)
		for (i = 0; i < t->nr_dep; i++)
			if (t->dep[i].cls != c)
				add_dependency(t, &t->dep[i], c, site);
	pthread_mutex_unlock(&ld.lock);
	if (t->nr_dep == SIM_MAX_HELD)
		sim_panic("lockdep: %s/%d holds more than %d locks", t->name,
			  t->pid, SIM_MAX_HELD);
	t->dep[t->nr_dep].word = word;
	t->dep[t->nr_dep].cls = c;
	t->dep[t->nr_dep].site = site;
	t->dep[t->nr_dep].bit = 0;
	t->nr_dep++;
}

void eng_lockdep_off(void)
{
	eng_self()->lockdep_off++;
}

void eng_lockdep_on(void)
{
	eng_self()->lockdep_off--;
}

void eng_lockdep_release(const volatile void *word)
{
	if (ld.enabled)
		dep_pop(eng_self(), word);
}

/*
 * The page lock: one class for every page, a bit lock that another task
 * may release (I/O completion runs in whichever task waits for it), so
 * its holder is remembered.
 */
void sim_lockdep_bit_lock(const volatile void *word, const char *name,
			  const char *site, int trylock)
{
	struct sim_task *t = eng_self();

	if (!ld.enabled)
		return;
	if (t->lockdep_off)
		return;
	eng_lockdep_acquire(word, name, site, trylock);
	pthread_mutex_lock(&ld.lock);
	g_hash_table_insert(ld.owner, (void *)word, t);
	pthread_mutex_unlock(&ld.lock);
	t->dep[t->nr_dep - 1].bit = 1;
}

void sim_lockdep_bit_unlock(const volatile void *word)
{
	struct sim_task *t = eng_self();

	if (!ld.enabled)
		return;
	pthread_mutex_lock(&ld.lock);
	g_hash_table_remove(ld.owner, (void *)word);
	pthread_mutex_unlock(&ld.lock);
	/*
	 * Another task's unlock leaves the holder's entry; the holder drops
	 * it itself at its next acquisition (forget_released_bit_locks).
	 */
	dep_pop(t, word);
}
