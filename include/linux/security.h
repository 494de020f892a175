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

/* the flags of security_task_post_setuid(): which call changed the uids */
#define LSM_SETID_ID 1 /* setuid() */
#define LSM_SETID_RE 2 /* setreuid() */
#define LSM_SETID_RES 4 /* setresuid() */
#define LSM_SETID_FS 8 /* setfsuid() */

/*
 * After a uid change: commoncap's cap_task_post_setuid() adjusts
 * current's capabilities to the transition (kernel/pid.c).
 */
int security_task_post_setuid(uid_t old_ruid, uid_t old_euid, uid_t old_suid,
			      int flags);

#endif
