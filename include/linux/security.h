/*
 * linux/security.h (2.6.20): the security hooks mm uses.  The model runs
 * the default (dummy/commoncap) module: a hook a scenario has not set
 * allows.
 */
#ifndef __LINUX_SECURITY_H
#define __LINUX_SECURITY_H

#include <linux/sched.h>

int security_task_movememory(struct task_struct *p);
int security_capable(struct task_struct *tsk, int cap);

#endif
