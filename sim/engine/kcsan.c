/*
 * sim/engine/kcsan.c - a data-race detector on the scheduler's own
 * happens-before order, reporting in the layout of KCSAN (which 2.6.20
 * did not have; it came in 5.8).
 *
 * What it models: each task carries a vector clock.  Releasing a lock,
 * waking a wait queue, spawning a task and exiting release the task's
 * clock into the object (lock word, wait key, task); acquiring the lock,
 * returning from the wait, starting and joining acquire it.  The page lock
 * and any other ordering the kernel world wants to state go through
 * sim_hb_acquire/sim_hb_release.  Chosen shared fields are instrumented
 * in the accessors the seed calls (include/linux: page_mapping(), set_pte(),
 * radix_tree_replace_slot(), radix_tree_deref_slot() and the non-atomic
 * page-flag operations): each access
 * records (task, clock, stack) per address; an access that conflicts with
 * the last write (or, for a write, the last read) of another task with no
 * happens-before between them is a data race, reported with both stacks,
 * the seed, the step and the replay command, exit 3.
 *
 * Unlike KCSAN, which samples watchpoints and sees only races that
 * overlap in time, this sees every unordered pair the schedule produced,
 * whether or not the accesses were close.  Accesses that 2.6.20 makes
 * without ordering on purpose are wrapped in data_race() (linux/compiler.h)
 * where the model makes them, each with a comment saying why.
 *
 * Simplifications: at most KCSAN_MAX_TASKS tasks per run get a clock
 * (the detector switches itself off, saying so, beyond that); one last
 * read per address, so a race with an older read may be missed; atomic
 * read-modify-writes order nothing unless annotated.
 */
#define _GNU_SOURCE
#include <execinfo.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "engine.h"
#include "task.h"
#include "report.h"
#include "kcsan.h"

#define KCSAN_FRAMES 12

struct kcsan_epoch {
	int tid; /* index into clocks, 0: none */
	uint32_t clock;
	int pid;
	int write;
	unsigned long size;
	char comm[16];
	const char *what;
	int nr_frames;
	void *frames[KCSAN_FRAMES];
};

struct kcsan_shadow {
	struct kcsan_epoch w, r;
};

struct kcsan_sync {
	uint32_t vc[KCSAN_MAX_TASKS];
};

static struct {
	int enabled;
	pthread_mutex_t lock;
	int nr_ids;
	GHashTable *shadow; /* address -> struct kcsan_shadow */
	GHashTable *sync; /* key -> struct kcsan_sync */
} kc = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

void sim_engine_set_kcsan(int on)
{
	kc.enabled = on;
	if (!on || kc.shadow)
		return;
	kc.shadow = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					  g_free);
	kc.sync = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					g_free);
}

/* The task's index in every clock (ld.lock held); 0 when out of room. */
static int task_id(struct sim_task *t)
{
	if (!t->hb_id) {
		if (kc.nr_ids + 1 >= KCSAN_MAX_TASKS) {
			kc.enabled = 0;
			eng_report_warn("kcsan",
					"more than %d tasks: data-race "
					"detection off",
					KCSAN_MAX_TASKS - 1);
			return 0;
		}
		t->hb_id = ++kc.nr_ids;
		t->hb_vc[t->hb_id] = 1;
	}
	return t->hb_id;
}

static struct kcsan_sync *sync_of(const volatile void *key)
{
	struct kcsan_sync *s = g_hash_table_lookup(kc.sync, (void *)key);

	if (!s) {
		s = g_new0(struct kcsan_sync, 1);
		g_hash_table_insert(kc.sync, (void *)key, s);
	}
	return s;
}

void eng_hb_release(const volatile void *key)
{
	struct sim_task *t = eng_self();
	struct kcsan_sync *s;
	int i, id;

	if (!kc.enabled)
		return;
	pthread_mutex_lock(&kc.lock);
	id = task_id(t);
	if (id) {
		s = sync_of(key);
		for (i = 0; i < KCSAN_MAX_TASKS; i++)
			if (s->vc[i] < t->hb_vc[i])
				s->vc[i] = t->hb_vc[i];
		t->hb_vc[id]++;
	}
	pthread_mutex_unlock(&kc.lock);
}

void eng_hb_acquire(const volatile void *key)
{
	struct sim_task *t = eng_self();
	struct kcsan_sync *s;
	int i;

	if (!kc.enabled)
		return;
	pthread_mutex_lock(&kc.lock);
	if (task_id(t)) {
		s = g_hash_table_lookup(kc.sync, (void *)key);
		for (i = 0; s && i < KCSAN_MAX_TASKS; i++)
			if (t->hb_vc[i] < s->vc[i])
				t->hb_vc[i] = s->vc[i];
	}
	pthread_mutex_unlock(&kc.lock);
}

void sim_hb_acquire(const volatile void *key)
{
	eng_hb_acquire(key);
}

void sim_hb_release(const volatile void *key)
{
	eng_hb_release(key);
}

void sim_kcsan_nest(int delta)
{
	eng_self()->kcsan_off += delta;
}

static void print_access(struct sim_report *r, const struct kcsan_epoch *e,
			 uintptr_t addr)
{
	eng_report_printf(r,
			  "\n%s to 0x%016lx of %lu bytes (%s) by task %d "
			  "(%s):\n",
			  e->write ? "write" : "read", (unsigned long)addr,
			  e->size, e->what, e->pid, e->comm);
	/* frames[0] is sim_kcsan_access */
	eng_report_frames(r, (void *const *)e->frames + 1, e->nr_frames - 1);
}

static const char *frame_func(char *buf, size_t size,
			      const struct kcsan_epoch *e)
{
	char *plus;

	if (e->nr_frames < 2)
		return "?";
	eng_report_symbol(buf, size, e->frames[1]);
	plus = strchr(buf, '+');
	if (plus)
		*plus = '\0';
	return buf;
}

static void report_race(uintptr_t addr, const struct kcsan_epoch *now,
			const struct kcsan_epoch *then)
{
	struct sim_report r = {.len = 0};
	char a[256], b[256];

	pthread_mutex_unlock(&kc.lock);
	eng_report_begin_fatal();
	fflush(NULL);
	eng_report_printf(&r, "=============================================="
			      "====================\n");
	eng_report_printf(&r, "BUG: KCSAN: data-race in %s / %s\n",
			  frame_func(a, sizeof(a), then),
			  frame_func(b, sizeof(b), now));
	eng_report_printf(&r,
			  "step %lu: no happens-before between the two "
			  "accesses in this schedule\n",
			  sim_engine_steps());
	print_access(&r, now, addr);
	print_access(&r, then, addr);
	eng_report_printf(&r, "=============================================="
			      "====================\n");
	eng_report_flush(&r);
	eng_report_end_fatal(&r);
}

/* Does epoch e happen before the task's present? */
static int ordered(const struct kcsan_epoch *e, const struct sim_task *t)
{
	return !e->tid || e->tid == t->hb_id || e->clock <= t->hb_vc[e->tid];
}

void sim_kcsan_access(const volatile void *addr, unsigned long size, int write,
		      const char *what)
{
	struct sim_task *t = eng_self();
	struct kcsan_shadow *sh;
	struct kcsan_epoch now;

	if (!kc.enabled || t->kcsan_off)
		return;
	now.nr_frames = backtrace(now.frames, KCSAN_FRAMES);
	pthread_mutex_lock(&kc.lock);
	if (!task_id(t)) {
		pthread_mutex_unlock(&kc.lock);
		return;
	}
	now.tid = t->hb_id;
	now.clock = t->hb_vc[t->hb_id];
	now.pid = t->pid;
	now.write = write;
	now.size = size;
	now.what = what;
	g_strlcpy(now.comm, t->name, sizeof(now.comm));
	sh = g_hash_table_lookup(kc.shadow, (void *)addr);
	if (!sh) {
		sh = g_new0(struct kcsan_shadow, 1);
		g_hash_table_insert(kc.shadow, (void *)addr, sh);
	}
	if (!ordered(&sh->w, t))
		report_race((uintptr_t)addr, &now, &sh->w);
	if (write && !ordered(&sh->r, t))
		report_race((uintptr_t)addr, &now, &sh->r);
	if (write) {
		sh->w = now;
		sh->r.tid = 0;
	} else {
		sh->r = now;
	}
	pthread_mutex_unlock(&kc.lock);
}
