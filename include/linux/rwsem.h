/*
 * linux/rwsem.h - reader/writer semaphores (2.6.20 API): sleeping locks,
 * through the door (sleeping in atomic context is reported).
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/spinlock.h>

struct rw_semaphore {
	volatile int count; /* 0 free, >0 readers, -1 writer */
};

#define __RWSEM_INITIALIZER(name) \
	{                         \
		0                 \
	}
#define DECLARE_RWSEM(name) struct rw_semaphore name = {0}
#define init_rwsem(sem) sim_lock_init(&(sem)->count, #sem, __LOCK_SITE)

#define down_read(sem) sim_down_read(&(sem)->count, #sem, __LOCK_SITE)
#define down_read_trylock(sem) \
	sim_down_read_trylock(&(sem)->count, #sem, __LOCK_SITE)
#define up_read(sem) sim_up_read(&(sem)->count, __LOCK_SITE)
#define down_write(sem) sim_down_write(&(sem)->count, #sem, __LOCK_SITE)
#define down_write_trylock(sem) \
	sim_down_write_trylock(&(sem)->count, #sem, __LOCK_SITE)
#define up_write(sem) sim_up_write(&(sem)->count, __LOCK_SITE)
#define rwsem_is_locked(sem) ((sem)->count != 0)

#endif
