/*
 * linux/preempt.h - preempt_disable() protects per-CPU data; in mmsim a
 * task claims its simulated CPU through the door for that span.
 */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H

#include <sim/door.h>

#define preempt_disable() sim_preempt_disable()
#define preempt_enable() sim_preempt_enable()
#define preempt_enable_no_resched() sim_preempt_enable()

#endif
