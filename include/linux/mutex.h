/* linux/mutex.h (2.6.20 API): a sleeping lock, through the door. */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H

#include <linux/spinlock.h>

struct mutex {
	volatile int count;
};

#define DEFINE_MUTEX(m) struct mutex m = {0}
#define mutex_init(m) sim_lock_init(&(m)->count, #m, __LOCK_SITE)
#define mutex_lock(m) sim_mutex_lock(&(m)->count, #m, __LOCK_SITE)
#define mutex_unlock(m) sim_mutex_unlock(&(m)->count, __LOCK_SITE)

#endif
