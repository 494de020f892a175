/*
 * linux/wait.h - wait queues (2.6.20 API).  A wait_queue_head_t is a key
 * the door sleeps and wakes on; wait_event() takes a ticket before testing
 * its condition, so a wake-up between the test and the sleep is not lost.
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>

typedef struct __wait_queue_head {
	spinlock_t lock;
	int waiters;
} wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{                                   \
		{0}, 0                      \
	}
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = {{0}, 0}
#define init_waitqueue_head(q) ((q)->lock.slock = 0, (q)->waiters = 0)

/* wait4() options (2.6.20 linux/wait.h) */
#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002
#define WCONTINUED 0x00000008
#define __WNOTHREAD 0x20000000 /* don't wait on children of other threads */
#define __WALL 0x40000000 /* wait on all children, regardless of type */
#define __WCLONE 0x80000000 /* wait only on non-SIGCHLD children */

#define wake_up(q) sim_wake_up(q)
#define wake_up_all(q) sim_wake_up(q)
#define wake_up_interruptible(q) sim_wake_up(q)

#define wait_event(wq, condition)                                     \
	do {                                                          \
		might_sleep();                                        \
		for (;;) {                                            \
			unsigned long __t = sim_wait_prepare(&(wq));  \
			if (condition)                                \
				break;                                \
			sim_wait_sleep(&(wq), __t, #wq, __LOCK_SITE); \
		}                                                     \
	} while (0)

#endif
