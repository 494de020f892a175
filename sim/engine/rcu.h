/*
 * sim/engine/rcu.h - RCU behind the door (rcu.c): registering a task's
 * thread with liburcu.
 *
 * A sibling of locks and wait queues: it rests on the seeded scheduler
 * (a seeded rcu_barrier sleeps there) and on nothing beside it.  Threads
 * (thread.c) register and unregister as they start and end.
 */
#ifndef _SIM_ENGINE_RCU_H
#define _SIM_ENGINE_RCU_H

#include "task.h"

void eng_rcu_register(struct sim_task *t);
void eng_rcu_unregister(struct sim_task *t);

#endif /* _SIM_ENGINE_RCU_H */
