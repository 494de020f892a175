/*
 * sim/engine/wait.c - sleeping and waking on keys: wait queues, page
 * locks and writeback waits.
 *
 * A key hashes to a bucket of a fixed table; the bucket's generation is
 * the ticket.  A wake-up on any key of a bucket bumps the generation and
 * wakes the bucket's sleepers, who re-test their conditions: spurious
 * wake-ups are allowed, lost ones are impossible, because the sleeper's
 * futex compares the generation with its ticket atomically.
 *
 * Nothing is registered until a task really sleeps, so a caller that takes
 * a ticket, finds its condition true and walks away leaves nothing behind
 * (door.h has no finish_wait()).
 *
 * Seeded mode does not rely on the buckets for wake-ups: a bucket shared
 * by two keys depends on where the heap happens to be, and a spurious
 * wake-up would change the schedule between two runs of one seed.  There
 * a task sleeps on its key itself, and sim_wait_prepare() arms the key so
 * that a wake-up between the ticket and the sleep is not lost.
 */
#include <sim/door.h>

#include "task.h"
#include "seeded.h"
#include "sched.h"
#include "kcsan.h"

unsigned long sim_wait_prepare(const void *key)
{
	struct sim_waitq *q = eng_sched_waitq(key);
	struct sim_task *t = eng_self();
	unsigned long ticket =
		(unsigned int)__atomic_load_n(&q->gen, __ATOMIC_SEQ_CST);

	if (eng_seeded_task(t))
		eng_seeded_wait_arm(t, key);
	/* What the waker did before its wake-up, the waiter sees. */
	eng_hb_acquire(key);
	return ticket;
}

void sim_wait_sleep(const void *key, unsigned long ticket, const char *what,
		    const char *site)
{
	struct sim_waitq *q = eng_sched_waitq(key);
	struct sim_task *t = eng_self();

	sim_might_sleep(site);
	if (eng_seeded_task(t)) {
		eng_seeded_wait_sleep(t, key, &q->gen, (int)ticket, what, site);
	} else {
		while ((unsigned int)__atomic_load_n(&q->gen,
						     __ATOMIC_SEQ_CST) ==
		       (unsigned int)ticket)
			eng_sched_block(&q->gen, (int)ticket, q, what, NULL,
					site);
	}
	eng_hb_acquire(key);
}

void sim_wake_up(const void *key)
{
	struct sim_waitq *q = eng_sched_waitq(key);

	eng_hb_release(key); /* before anyone woken can run */
	__atomic_add_fetch(&q->gen, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&eng_mode_seeded, __ATOMIC_RELAXED))
		eng_seeded_wake(eng_self(), key, 1);
	if (__atomic_load_n(&q->waiters, __ATOMIC_SEQ_CST))
		eng_sched_wake_futex(&q->gen);
}

void sim_wait_event(const void *key, sim_cond_fn cond, const void *arg,
		    const char *what, const char *site)
{
	unsigned long ticket;

	sim_might_sleep(site);
	eng_sched_point(what);
	for (;;) {
		ticket = sim_wait_prepare(key);
		if (cond(arg))
			break;
		sim_wait_sleep(key, ticket, what, site);
	}
}
