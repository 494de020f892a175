/*
 * kernel/rcupdate.c - kernel/rcupdate.c of 2.6.20 on the door's RCU
 * (liburcu): call_rcu(), synchronize_rcu() and rcu_barrier().
 *
 * The callback runs on liburcu's call_rcu thread after a grace period,
 * as 2006's ran from the RCU softirq: it must not sleep.  The rcu_head is
 * the caller's, embedded in the object being freed; the door carries it
 * as the callback's argument.
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <sim/door.h>

static void rcu_head_invoke(void *obj)
{
	struct rcu_head *head = obj;

	head->func(head);
}

void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head))
{
	head->func = func;
	head->next = NULL;
	sim_call_rcu(head, rcu_head_invoke);
}

/* Wait until all callbacks queued so far have run. */
void rcu_barrier(void)
{
	might_sleep();
	sim_rcu_barrier();
}

static void grace_period_done(void *obj)
{
	__atomic_store_n((int *)obj, 1, __ATOMIC_RELEASE);
}

/*
 * Wait for a grace period: every read-side section begun before the call
 * has ended.  A callback queued now runs only after such a grace period,
 * and rcu_barrier() waits for it.
 */
void synchronize_rcu(void)
{
	int done = 0;

	might_sleep();
	sim_call_rcu(&done, grace_period_done);
	sim_rcu_barrier();
	BUG_ON(!__atomic_load_n(&done, __ATOMIC_ACQUIRE));
}
