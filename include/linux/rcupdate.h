/*
 * linux/rcupdate.h - RCU (2.6.20 API) on liburcu, reached through the
 * door: real read-side critical sections and call_rcu grace periods.
 * rcu_assign_pointer and rcu_dereference are a release store and a
 * dependent load, as on x86-64 in 2006.
 */
#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H

#include <linux/kernel.h>
#include <sim/door.h>

struct rcu_head {
	struct rcu_head *next;
	void (*func)(struct rcu_head *head);
};

#define INIT_RCU_HEAD(ptr)          \
	do {                        \
		(ptr)->next = NULL; \
		(ptr)->func = NULL; \
	} while (0)

#define rcu_read_lock() sim_rcu_read_lock()
#define rcu_read_unlock() sim_rcu_read_unlock()

#define rcu_dereference(p) __atomic_load_n(&(p), __ATOMIC_CONSUME)
#define rcu_assign_pointer(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)

void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head));
void synchronize_rcu(void);
void rcu_barrier(void);

#endif
