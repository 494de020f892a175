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
 * radix_tree_replace_slot(), radix_tree_deref_slot() and the page-flag
 * operations) and in the model's own loads and stores (kcsan_check_read()
 * and friends, linux/kcsan-checks.h): each access records (task, clock,
 * stack) per address and kind.  As in KCSAN, an access is plain or marked
 * (the atomic bitops: test_bit, set_bit, test_and_set_bit ...); two
 * accesses by different tasks conflict when one is a write and they are
 * not both marked, and a conflict with no happens-before between the two
 * is a data race, reported with both stacks, the seed, the step and the
 * replay command, exit 3.  Value-returning atomics (atomic_dec_and_test,
 * test_and_set_bit ...) are fully ordered in Linux, so they acquire and
 * release the word they change (sim_hb_rmw): the last put_page of a page
 * orders every earlier put_page before the free.
 *
 * Unlike KCSAN, which samples watchpoints and sees only races that
 * overlap in time, this sees every unordered pair the schedule produced,
 * whether or not the accesses were close.  Accesses that 2.6.20 makes
 * without ordering on purpose are wrapped in data_race() (linux/compiler.h)
 * where the model makes them, each with a comment saying why.
 *
 * Simplifications: at most KCSAN_MAX_TASKS tasks per run get a clock
 * (the detector switches itself off, saying so, beyond that); one last
 * access of each kind (plain or marked, read or write) per address, so a
 * race with an older one of the same kind may be missed; atomics that
 * return nothing (atomic_inc, set_bit) order nothing, as in Linux.
 */
#define _GNU_SOURCE
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
	int marked;
	unsigned long size;
	char comm[16];
	const char *what;
	int nr_frames;
	void *frames[KCSAN_FRAMES];
};

/* The last access of each kind: plain and marked, write and read. */
struct kcsan_shadow {
	struct kcsan_epoch w, r, marked_w, marked_r;
};

struct kcsan_sync {
	uint32_t vc[KCSAN_MAX_TASKS];
};

/* The door's switch (include/sim/door.h): tested in line by the checks. */
int sim_kcsan_enabled;

static struct {
	pthread_mutex_t lock;
	int nr_ids;
	GHashTable *shadow; /* address -> struct kcsan_shadow */
	GHashTable *sync; /* key -> struct kcsan_sync */
} kc = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

void sim_engine_set_kcsan(int on)
{
	sim_kcsan_enabled = on;
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
			sim_kcsan_enabled = 0;
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
	struct sim_task *t;
	struct kcsan_sync *s;
	int i, id;

	if (!sim_kcsan_enabled)
		return;
	t = eng_self();
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
	struct sim_task *t;
	struct kcsan_sync *s;
	int i;

	if (!sim_kcsan_enabled)
		return;
	t = eng_self();
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

void sim_hb_rmw_record(const volatile void *key)
{
	if (!sim_kcsan_enabled)
		return;
	eng_hb_acquire(key);
	eng_hb_release(key);
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
			  "\n%s%s to 0x%016lx of %lu bytes (%s) by task %d "
			  "(%s):\n",
			  e->write ? "write" : "read",
			  e->marked ? " (marked)" : "", (unsigned long)addr,
			  e->size, e->what + (e->what[0] == '&'), e->pid,
			  e->comm);
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

/*
 * Check the access against the last ones it conflicts with: a write
 * against every kind, a read against the writes; a marked access only
 * against the plain ones.
 */
static void check_conflicts(uintptr_t addr, struct kcsan_shadow *sh,
			    const struct kcsan_epoch *now, struct sim_task *t)
{
	const struct kcsan_epoch *prior[4] = {&sh->w, &sh->r, &sh->marked_w,
					      &sh->marked_r};
	int i;

	for (i = 0; i < 4; i++) {
		if (now->marked && prior[i]->marked)
			continue;
		if (!now->write && !prior[i]->write)
			continue;
		if (!ordered(prior[i], t))
			report_race(addr, now, prior[i]);
	}
}

/*
 * Remember the access as the last of its kind.  A plain write forgets the
 * others: each was checked against it, so whatever is ordered after it is
 * ordered after them, and whatever is not races with it.  A marked write
 * was not checked against the marked accesses, so it forgets nothing.
 */
static void record(struct kcsan_shadow *sh, const struct kcsan_epoch *now)
{
	if (now->write && !now->marked) {
		sh->r.tid = 0;
		sh->marked_w.tid = 0;
		sh->marked_r.tid = 0;
	}
	if (now->marked)
		*(now->write ? &sh->marked_w : &sh->marked_r) = *now;
	else
		*(now->write ? &sh->w : &sh->r) = *now;
}

void sim_kcsan_record(const volatile void *addr, unsigned long size, int type,
		      const char *what)
{
	struct sim_task *t = eng_self();
	struct kcsan_shadow *sh;
	struct kcsan_epoch now;

	if (!sim_kcsan_enabled || t->kcsan_off)
		return;
	now.nr_frames = eng_report_stack(now.frames, KCSAN_FRAMES);
	pthread_mutex_lock(&kc.lock);
	if (!task_id(t)) {
		pthread_mutex_unlock(&kc.lock);
		return;
	}
	now.tid = t->hb_id;
	now.clock = t->hb_vc[t->hb_id];
	now.pid = t->pid;
	now.write = !!(type & SIM_KCSAN_WRITE);
	now.marked = !!(type & SIM_KCSAN_ATOMIC);
	now.size = size;
	now.what = what;
	g_strlcpy(now.comm, t->name, sizeof(now.comm));
	sh = g_hash_table_lookup(kc.shadow, (void *)addr);
	if (!sh) {
		sh = g_new0(struct kcsan_shadow, 1);
		g_hash_table_insert(kc.shadow, (void *)addr, sh);
	}
	check_conflicts((uintptr_t)addr, sh, &now, t);
	record(sh, &now);
	pthread_mutex_unlock(&kc.lock);
}
