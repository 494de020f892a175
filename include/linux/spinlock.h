/*
 * linux/spinlock.h - spinlock_t and rwlock_t (2.6.20 API).
 *
 * The lock word lives here; acquiring, contending and releasing go through
 * the door, where the engine records who holds what (for the sleeping-in-
 * atomic-context check and deadlock reports) and where the seeded
 * scheduler may switch tasks.  spinlock_t is one int, as on a non-debug
 * 2006 x86-64 kernel, so the split page-table lock fits in struct page.
 */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

#include <linux/compiler.h>
#include <linux/stringify.h>
#include <linux/preempt.h>
#include <sim/door.h>

typedef struct {
	volatile int slock; /* 0 free, else the holder's pid */
} spinlock_t;

typedef struct {
	volatile int lock; /* 0 free, >0 readers, -1 writer */
} rwlock_t;

#define SPIN_LOCK_UNLOCKED ((spinlock_t){0})
#define RW_LOCK_UNLOCKED ((rwlock_t){0})
#define __SPIN_LOCK_UNLOCKED(name) \
	{                          \
		0                  \
	}
#define __RW_LOCK_UNLOCKED(name) \
	{                        \
		0                \
	}
#define DEFINE_SPINLOCK(x) spinlock_t x = {0}
#define DEFINE_RWLOCK(x) rwlock_t x = {0}
#define __LOCK_SITE __FILE__ ":" __stringify(__LINE__)

/* The init site names the lock's class for lockdep (--detect lockdep). */
#define spin_lock_init(l) sim_lock_init(&(l)->slock, #l, __LOCK_SITE)
#define rwlock_init(l) sim_lock_init(&(l)->lock, #l, __LOCK_SITE)

#define spin_is_locked(l) ((l)->slock != 0)
#define spin_lock(l) sim_spin_lock(&(l)->slock, #l, __LOCK_SITE)
#define spin_trylock(l) sim_spin_trylock(&(l)->slock, #l, __LOCK_SITE)
#define spin_unlock(l) sim_spin_unlock(&(l)->slock, __LOCK_SITE)

#define spin_lock_irq(l)           \
	do {                       \
		sim_irq_disable(); \
		spin_lock(l);      \
	} while (0)
#define spin_unlock_irq(l)        \
	do {                      \
		spin_unlock(l);   \
		sim_irq_enable(); \
	} while (0)
#define local_irq_save(flags)                  \
	do {                                   \
		(flags) = sim_irqs_disabled(); \
		sim_irq_disable();             \
	} while (0)
#define local_irq_restore(flags)          \
	do {                              \
		if (!(flags))             \
			sim_irq_enable(); \
	} while (0)
#define local_irq_disable() sim_irq_disable()
#define local_irq_enable() sim_irq_enable()
#define irqs_disabled() sim_irqs_disabled()
#define spin_lock_irqsave(l, flags)    \
	do {                           \
		local_irq_save(flags); \
		spin_lock(l);          \
	} while (0)
#define spin_unlock_irqrestore(l, flags)  \
	do {                              \
		spin_unlock(l);           \
		local_irq_restore(flags); \
	} while (0)

#define read_lock(l) sim_read_lock(&(l)->lock, #l, __LOCK_SITE)
#define read_unlock(l) sim_read_unlock(&(l)->lock, __LOCK_SITE)
#define write_lock(l) sim_write_lock(&(l)->lock, #l, __LOCK_SITE)
#define write_unlock(l) sim_write_unlock(&(l)->lock, __LOCK_SITE)
#define read_lock_irq(l)           \
	do {                       \
		sim_irq_disable(); \
		read_lock(l);      \
	} while (0)
#define read_unlock_irq(l)        \
	do {                      \
		read_unlock(l);   \
		sim_irq_enable(); \
	} while (0)
#define write_lock_irq(l)          \
	do {                       \
		sim_irq_disable(); \
		write_lock(l);     \
	} while (0)
#define write_unlock_irq(l)       \
	do {                      \
		write_unlock(l);  \
		sim_irq_enable(); \
	} while (0)
#define write_lock_irqsave(l, flags)   \
	do {                           \
		local_irq_save(flags); \
		write_lock(l);         \
	} while (0)
#define write_unlock_irqrestore(l, flags) \
	do {                              \
		write_unlock(l);          \
		local_irq_restore(flags); \
	} while (0)

#endif
