/*
 * sim/engine/rcu.c - RCU behind the door, on liburcu's memb flavour.
 *
 * Readers are real: rcu_read_lock()/rcu_read_unlock() of a registered
 * thread.  call_rcu() runs its callbacks on liburcu's own thread after a
 * grace period; the kernel world's callback takes one pointer, liburcu's
 * an rcu_head, so each call carries a small wrapper.
 *
 * Seeded mode: when a callback runs must be the schedule's doing, not the
 * host's.  Handed to liburcu at once, a freed radix-tree node would be
 * back in its slab sooner or later by host timing, and the next
 * allocation would or would not refill the slab from the page allocator
 * (with scheduling points of its own): the same seed, another schedule on
 * a loaded host.  So a seeded task's callbacks wait in the engine's list
 * and go to call_rcu() in batches, waited for with rcu_barrier(), at
 * points the schedule fixes: a call_rcu() or a read-side section's start
 * that finds a batch of RCU_BATCH, and every rcu_barrier(); never while a
 * seeded task is inside a read-side section (the grace period would wait
 * for a task that cannot run) or the caller holds a spinning lock (the
 * callbacks free into slabs under theirs).
 */
#include <pthread.h>
#include <stddef.h>

#include <glib.h>
#include <urcu.h>
#include <urcu/call-rcu.h>

#include "engine.h"
#include "task.h"
#include "seeded.h"
#include "rcu.h"

/*
 * ThreadSanitizer cannot see liburcu's synchronisation (inline-assembly
 * atomics, membarrier, futexes in an uninstrumented library).  Tell it
 * what RCU guarantees: a callback happens after the call_rcu() that
 * queued it and after read-side sections that ended before it, and
 * rcu_barrier() returns after the callbacks.  liburcu's own internals are
 * suppressed.
 */
#if defined(__SANITIZE_THREAD__)
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);

const char *__tsan_default_suppressions(void)
{
	return "race:liburcu.so\nrace:liburcu-common.so\n";
}
#else
static inline void __tsan_acquire(void *addr)
{
	(void)addr;
}

static inline void __tsan_release(void *addr)
{
	(void)addr;
}
#endif

#define RCU_BATCH 512

static struct {
	char grace_period; /* ThreadSanitizer sync objects */
	char barrier;
	int readers; /* seeded tasks inside a read-side section */
	pthread_mutex_t lock; /* pending */
	GPtrArray *pending; /* seeded tasks' calls not yet given to liburcu */
} rcu = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

struct sim_rcu_call {
	struct rcu_head head;
	void *obj;
	void (*fn)(void *obj);
};

void eng_rcu_register(struct sim_task *t)
{
	if (t->rcu_registered)
		return;
	rcu_register_thread();
	t->rcu_registered = 1;
}

void eng_rcu_unregister(struct sim_task *t)
{
	if (!t->rcu_registered)
		return;
	rcu_unregister_thread();
	t->rcu_registered = 0;
}

static void sim_rcu_call_done(struct rcu_head *head);
static void flush_when_safe(struct sim_task *t, unsigned int at_least);

void sim_rcu_read_lock(void)
{
	/* A reader on a thread nobody identified is still a reader. */
	struct sim_task *t = eng_self();

	eng_rcu_register(t);
	if (!t->rcu_depth && eng_seeded_task(t))
		flush_when_safe(t, RCU_BATCH);
	if (!t->rcu_depth++ && eng_seeded_task(t))
		__atomic_add_fetch(&rcu.readers, 1, __ATOMIC_SEQ_CST);
	rcu_read_lock();
}

void sim_rcu_read_unlock(void)
{
	struct sim_task *t = eng_self();

	__tsan_release(&rcu.grace_period);
	rcu_read_unlock();
	if (t->rcu_depth > 0 && !--t->rcu_depth && eng_seeded_task(t) &&
	    !__atomic_sub_fetch(&rcu.readers, 1, __ATOMIC_SEQ_CST))
		eng_seeded_wake(t, &rcu.readers, 0);
}

/*
 * Callbacks run in liburcu's call_rcu thread, which liburcu registered
 * itself: note that, so that a callback's own read-side section does not
 * register it twice, and name the task so that reports say where.
 */
static void sim_rcu_call_done(struct rcu_head *head)
{
	struct sim_rcu_call *c =
		caa_container_of(head, struct sim_rcu_call, head);
	struct sim_task *t = eng_self();

	if (!t->identified) {
		g_strlcpy(t->name, "rcu_callback", sizeof(t->name));
		t->identified = 1;
		t->rcu_registered = 1;
	}
	__tsan_acquire(c);
	__tsan_acquire(&rcu.grace_period);
	c->fn(c->obj);
	g_free(c);
	__tsan_release(&rcu.barrier);
}

/* Give the waiting calls to liburcu (rcu.lock held); how many. */
static unsigned int hand_over_locked(void)
{
	unsigned int i, n = rcu.pending ? rcu.pending->len : 0;
	struct sim_rcu_call *c;

	for (i = 0; i < n; i++) {
		c = g_ptr_array_index(rcu.pending, i);
		call_rcu(&c->head, sim_rcu_call_done);
	}
	if (n)
		g_ptr_array_set_size(rcu.pending, 0);
	return n;
}

/* A seeded task at a point the schedule fixes: run a batch now? */
static void flush_when_safe(struct sim_task *t, unsigned int at_least)
{
	unsigned int n;

	if (!rcu.pending || rcu.pending->len < at_least || t->rcu_depth ||
	    eng_in_atomic(t) || __atomic_load_n(&rcu.readers, __ATOMIC_SEQ_CST))
		return;
	pthread_mutex_lock(&rcu.lock);
	n = hand_over_locked();
	pthread_mutex_unlock(&rcu.lock);
	if (n)
		rcu_barrier();
}

void sim_call_rcu(void *obj, void (*fn)(void *obj))
{
	struct sim_task *t = eng_self();
	struct sim_rcu_call *c = g_new(struct sim_rcu_call, 1);

	eng_rcu_register(t);
	c->obj = obj;
	c->fn = fn;
	__tsan_release(c);
	pthread_mutex_lock(&rcu.lock);
	if (!eng_seeded_task(t)) {
		/* free mode: at once, after any a seeded run left waiting */
		hand_over_locked();
		pthread_mutex_unlock(&rcu.lock);
		call_rcu(&c->head, sim_rcu_call_done);
		return;
	}
	if (!rcu.pending)
		rcu.pending = g_ptr_array_new();
	g_ptr_array_add(rcu.pending, c);
	pthread_mutex_unlock(&rcu.lock);
	flush_when_safe(t, RCU_BATCH);
}

/*
 * Seeded mode: a grace period needs every reader to leave its read-side
 * section, and a task parked without the run token inside one never
 * would.  So the caller first sleeps (a scheduling point like any other,
 * deterministic) until no task is inside a read-side section, and then
 * waits for the callbacks holding the token: nobody it needs is parked.
 * Callbacks themselves run on liburcu's thread, outside the scheduler;
 * a callback must not wait for a lock a task holds across a preemption
 * point (none of 2.6.20's do), or the barrier would wait forever.
 */
void sim_rcu_barrier(void)
{
	struct sim_task *t = eng_self();
	int v;

	eng_rcu_register(t);
	if (eng_seeded_task(t)) {
		sim_might_sleep("rcu_barrier");
		while ((v = __atomic_load_n(&rcu.readers, __ATOMIC_SEQ_CST)))
			eng_seeded_block(t, &rcu.readers, v, &rcu.readers,
					 "rcu_barrier", NULL,
					 "sim_rcu_barrier");
	}
	pthread_mutex_lock(&rcu.lock);
	hand_over_locked();
	pthread_mutex_unlock(&rcu.lock);
	rcu_barrier();
	__tsan_acquire(&rcu.barrier);
}

/* ---- fork (explore: one child per schedule) ------------------------------ */

void sim_engine_before_fork(void)
{
	call_rcu_before_fork();
	eng_sched_fork_prepare();
}

void sim_engine_after_fork_parent(void)
{
	eng_sched_fork_parent();
	call_rcu_after_fork_parent();
}

void sim_engine_after_fork_child(void)
{
	eng_sched_fork_child();
	call_rcu_after_fork_child();
}
