/*
 * sim/engine/wait.c - sleeping and waking on keys: wait queues, page
 * locks and writeback waits, and the might_sleep() check.
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
 */
#include "internal.h"

void sim_might_sleep(const char *site)
{
	struct sim_task *t = eng_self();

	if (eng_in_atomic(t) || t->irqs_off)
		eng_report_sleep_bug(t, site);
}

unsigned long sim_wait_prepare(const void *key)
{
	struct sim_waitq *q = eng_sched_waitq(key);

	return (unsigned int)__atomic_load_n(&q->gen, __ATOMIC_SEQ_CST);
}

void sim_wait_sleep(const void *key, unsigned long ticket, const char *what,
		    const char *site)
{
	struct sim_waitq *q = eng_sched_waitq(key);

	sim_might_sleep(site);
	while ((unsigned int)__atomic_load_n(&q->gen, __ATOMIC_SEQ_CST) ==
	       (unsigned int)ticket)
		eng_sched_block(&q->gen, (int)ticket, q, what);
}

void sim_wake_up(const void *key)
{
	struct sim_waitq *q = eng_sched_waitq(key);

	__atomic_add_fetch(&q->gen, 1, __ATOMIC_SEQ_CST);
	eng_sched_wake(&q->gen, q);
}

void sim_wait_event(const void *key, sim_cond_fn cond, const void *arg,
		    const char *what, const char *site)
{
	unsigned long ticket;

	sim_might_sleep(site);
	for (;;) {
		ticket = sim_wait_prepare(key);
		if (cond(arg))
			break;
		sim_wait_sleep(key, ticket, what, site);
	}
}
