/*
 * sim/engine/lockdep.h - lock-order validation (lockdep.c), for the lock
 * primitives above it (locks.c).
 *
 * Every acquisition and release of a spinlock, rwlock, rw_semaphore or
 * mutex is told to lockdep, which costs one load when the detector is
 * off.  Acquire before waiting: a cycle is reported before the deadlock
 * it predicts can block the task.
 */
#ifndef _SIM_ENGINE_LOCKDEP_H
#define _SIM_ENGINE_LOCKDEP_H

void eng_lockdep_acquire(const volatile void *word, const char *name,
			 const char *site, int trylock);
void eng_lockdep_release(const volatile void *word);
/*
 * lockdep_off()/lockdep_on(): the calling task's acquisitions in between
 * are not validated or recorded (nesting counts).
 */
void eng_lockdep_off(void);
void eng_lockdep_on(void);

#endif /* _SIM_ENGINE_LOCKDEP_H */
