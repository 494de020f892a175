/*
 * arch/x86_64/kernel/init_task.c - stands for the task bookkeeping of kernel/fork.c,
 * kernel/pid.c and init/init_task.c: the task list, tasklist_lock, the
 * init task and the thread-local current.
 */
#include <linux/sched.h>
#include <linux/list.h>

__thread struct task_struct *sim_current_task;

/* current belongs to the task: seeded tasks may share a host thread. */
void **sim_current_task_word(void)
{
	return (void **)&sim_current_task;
}

DEFINE_RWLOCK(tasklist_lock);
LIST_HEAD(task_list_head);

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.comm = "swapper",
	.cap_effective = CAP_FULL_SET,
	.cap_permitted = CAP_FULL_SET,
};
