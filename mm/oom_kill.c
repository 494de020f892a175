/*
 * mm/oom_kill.c - the out-of-memory killer of Linux 2.6.20.
 *
 * Models: out_of_memory(), called by __alloc_pages when direct reclaim
 * made no progress for a __GFP_FS allocation; constrained_alloc(), which
 * tells an allocation that ran out under an MPOL_BIND policy
 * (CONSTRAINT_MEMORY_POLICY) or a cpuset (CONSTRAINT_CPUSET) from a
 * machine really out of memory; badness() with the 2006 rules (total_vm,
 * half of each child's total_vm, CPU time and run time, nice, the
 * CAP_SYS_ADMIN/uid 0 and CAP_SYS_RAWIO discounts, cpusets that do not
 * overlap, oomkilladj); select_bad_process() (init and tasks without an
 * mm skipped, a TIF_MEMDIE victim or an exiting task means "wait",
 * OOM_DISABLE never picked); oom_kill_process() and oom_kill_task() with
 * the kernel's log lines.  The victim gets TIF_MEMDIE, which lets its
 * allocations ignore the watermarks (__alloc_pages), and SIGKILL: it
 * exits at its next return to user space (sim_task_return_to_user in
 * kernel/pid.c), and its exit_mmap frees its memory.
 *
 * Deliberate simplifications:
 *  - No dump_stack() or show_mem() after the "oom-killer:" line, and no
 *    printk_ratelimit(): every call prints it, so runs stay reproducible.
 *  - utime and stime are never accounted (0), so the CPU-time divisor is
 *    1 as for a task that never ran; run time is simulated uptime minus
 *    start time, in seconds of simulated ticks.
 *  - There is no cpuset hierarchy: cpuset_excl_nodes_overlap() becomes
 *    "p's mems_allowed meets current's".
 *  - The children are found by walking the task list for p->parent == p
 *    (2006 kept p->children); threads are tasks sharing the mm.
 *  - cpuset_lock() is not taken (no cpuset hierarchy to keep stable).
 *  - schedule_timeout_uninterruptible(1) is a tick and a preemption point.
 *  - The victim is woken if it sleeps idle between actions
 *    (signal_wake_key), as SIGKILL wakes an interruptible sleeper.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include <linux/cpuset.h>
#include <linux/capability.h>
#include <linux/nodemask.h>
#include <linux/err.h>
#include <sim/door.h>

/* 2006: SHIFT_HZ for HZ=1000; cputime >> (SHIFT_HZ + 3) */
#define OOM_SHIFT_HZ 10

enum oom_constraint {
	CONSTRAINT_NONE,
	CONSTRAINT_CPUSET,
	CONSTRAINT_MEMORY_POLICY,
};

/* seconds of simulated uptime (sim ticks are microseconds) */
static unsigned long oom_uptime(void)
{
	return (unsigned long)(sim_ticks() / 1000000);
}

/*
 * badness - calculate a numeric value for how bad this task has been
 * @p: task struct of which task we should calculate
 * @uptime: current uptime in seconds
 *
 * The formula used is relatively simple and documented inline in the
 * function.  The main rationale is that we want to select a good task
 * to kill when we run out of memory.
 *
 * Good in this context means that:
 * 1) we lose the minimum amount of work done
 * 2) we recover a large amount of memory
 * 3) we don't kill anything innocent of eating tons of memory
 * 4) we want to kill the minimum amount of processes (one)
 * 5) we try to kill the process the user expects us to kill, this
 *    algorithm has been meticulously tuned to meet the principle
 *    of least surprise ... (be careful when you change it)
 */
unsigned long badness(struct task_struct *p, unsigned long uptime)
{
	unsigned long points, cpu_time, run_time, s;
	struct mm_struct *mm;
	struct task_struct *child;
	nodemask_t common;

	task_lock(p);
	mm = p->mm;
	if (!mm) {
		task_unlock(p);
		return 0;
	}

	/* The memory size of the process is the basis for the badness. */
	points = mm->total_vm;

	/* After this unlock we can no longer dereference local variable `mm' */
	task_unlock(p);

	/* swapoff can easily use up all memory, so kill those first. */
	if (p->flags & PF_SWAPOFF)
		return ULONG_MAX;

	/*
	 * Processes which fork a lot of child processes are likely
	 * a good choice.  We add half the vmsize of the children if they
	 * have an own mm.  This prevents forking servers to flood the
	 * machine with an endless amount of children.  In case a single
	 * child is eating the vast majority of memory, adding only half
	 * to the parents will make the child our kill candidate of choice.
	 */
	list_for_each_entry(child, &task_list_head, tasks) {
		if (child->parent != p)
			continue;
		task_lock(child);
		if (child->mm != mm && child->mm)
			points += child->mm->total_vm / 2 + 1;
		task_unlock(child);
	}

	/*
	 * CPU time is in tens of seconds and run time is in thousands
	 * of seconds.  There is no particular reason for this other than
	 * that it turned out to work very well in practice.
	 */
	cpu_time = (p->utime + p->stime) >> (OOM_SHIFT_HZ + 3);
	if (uptime >= p->start_time)
		run_time = (uptime - p->start_time) >> 10;
	else
		run_time = 0;

	s = int_sqrt(cpu_time);
	if (s)
		points /= s;
	s = int_sqrt(int_sqrt(run_time));
	if (s)
		points /= s;

	/* Niced processes are most likely less important, so double their
	 * badness points. */
	if (task_nice(p) > 0)
		points *= 2;

	/*
	 * Superuser processes are usually more important, so we make it
	 * less likely that we kill those.
	 */
	if ((p->cap_effective & (1U << CAP_SYS_ADMIN)) || p->uid == 0 ||
	    p->euid == 0)
		points /= 4;

	/*
	 * We don't want to kill a process with direct hardware access.
	 * Not only could that mess up the hardware, but usually users
	 * tend to only have this flag set on applications they think
	 * of as important.
	 */
	if (p->cap_effective & (1U << CAP_SYS_RAWIO))
		points /= 4;

	/*
	 * If p's nodes don't overlap ours, it may still help to kill p
	 * because p may have allocated or otherwise mapped memory on
	 * this node before. However it will be less likely.
	 */
	nodes_and(common, current->mems_allowed, p->mems_allowed);
	if (nodes_empty(common))
		points /= 8;

	/* Adjust the score by oomkilladj. */
	if (p->oomkilladj) {
		if (p->oomkilladj > 0)
			points <<= p->oomkilladj;
		else
			points >>= -(p->oomkilladj);
	}

	return points;
}

/*
 * Determine the type of allocation constraint.
 */
static inline int constrained_alloc(struct zonelist *zonelist, gfp_t gfp_mask)
{
	struct zone **z;
	nodemask_t nodes;
	int node;

	nodes_clear(nodes);
	/* node has memory ? */
	for_each_online_node(node)
		if (NODE_DATA(node)->node_present_pages)
			node_set(node, nodes);

	for (z = zonelist->zones; *z; z++)
		if (cpuset_zone_allowed(*z, gfp_mask | __GFP_HARDWALL))
			node_clear((*z)->zone_pgdat->node_id, nodes);
		else
			return CONSTRAINT_CPUSET;

	if (!nodes_empty(nodes))
		return CONSTRAINT_MEMORY_POLICY;
	return CONSTRAINT_NONE;
}

/*
 * Simple selection loop. We chose the process with the highest
 * number of 'points'. We expect the caller will lock the tasklist.
 */
static struct task_struct *select_bad_process(unsigned long *ppoints)
{
	struct task_struct *p;
	struct task_struct *chosen = NULL;
	unsigned long uptime = oom_uptime();

	*ppoints = 0;
	list_for_each_entry(p, &task_list_head, tasks) {
		unsigned long points;

		/*
		 * skip kernel threads and tasks which have already released
		 * their mm.
		 */
		if (!p->mm)
			continue;
		/* skip the init task */
		if (is_init(p))
			continue;

		/*
		 * This task already has access to memory reserves and is
		 * being killed. Don't allow any other task access to the
		 * memory reserve.
		 *
		 * Note: this may have a chance of deadlock if it gets
		 * blocked waiting for another task which itself is waiting
		 * for memory. Is there a better alternative?
		 */
		if (test_tsk_thread_flag(p, TIF_MEMDIE))
			return ERR_PTR(-1UL);

		/*
		 * This is in the process of releasing memory so wait for it
		 * to finish before killing some other task by mistake.
		 *
		 * However, if p is the current task, we allow the 'kill' to
		 * go ahead if it is exiting: this will simply set TIF_MEMDIE,
		 * which will allow it to gain access to memory reserves in
		 * the process of exiting and releasing its resources.
		 * Otherwise we could get an easy OOM deadlock.
		 */
		if (p->flags & PF_EXITING) {
			if (p != current)
				return ERR_PTR(-1UL);

			chosen = p;
			*ppoints = ULONG_MAX;
		}

		if (p->oomkilladj == OOM_DISABLE)
			continue;

		points = badness(p, uptime);
		if (points > *ppoints || !chosen) {
			chosen = p;
			*ppoints = points;
		}
	}
	return chosen;
}

/*
 * Send SIGKILL to the selected process irrespective of CAP_SYS_RAW_IO
 * flag though it's unlikely that we select a process with CAP_SYS_RAW_IO
 * set.
 */
static void __oom_kill_task(struct task_struct *p, const char *message)
{
	if (is_init(p)) {
		WARN_ON(1);
		printk(KERN_WARNING "tried to kill init!\n");
		return;
	}

	task_lock(p);
	if (!p->mm) {
		task_unlock(p);
		WARN_ON(1);
		printk(KERN_WARNING "tried to kill an mm-less task!\n");
		return;
	}
	task_unlock(p);

	if (message)
		printk(KERN_ERR "%s: Killed process %d (%s).\n", message,
		       p->pid, p->comm);
	sim_count_event("oom_kill");

	/*
	 * We give our sacrificial lamb high priority and access to
	 * all the memory it needs. That way it should be able to
	 * exit() and clear out its resources quickly...
	 * (2006 also set p->time_slice = HZ: no time slices here.)
	 */
	set_tsk_thread_flag(p, TIF_MEMDIE);

	/* force_sig(SIGKILL, p): it exits on its way back to user space */
	__atomic_store_n(&p->sigkill_pending, 1, __ATOMIC_SEQ_CST);
	if (p->signal_wake_key)
		sim_wake_up(p->signal_wake_key);
}

static int oom_kill_task(struct task_struct *p, const char *message)
{
	struct mm_struct *mm;
	struct task_struct *q;

	mm = p->mm;

	/*
	 * 2006: mm is only compared below, never dereferenced; p->mm may
	 * become NULL at any time, which does not matter here.
	 */
	if (mm == NULL)
		return 1;

	/*
	 * Don't kill the process if any threads are set to OOM_DISABLE
	 */
	list_for_each_entry(q, &task_list_head, tasks)
		if (q->mm == mm && q->oomkilladj == OOM_DISABLE)
			return 1;

	__oom_kill_task(p, message);
	/*
	 * kill all processes that share the ->mm (i.e. all threads),
	 * but are in a different thread group
	 */
	list_for_each_entry(q, &task_list_head, tasks)
		if (q->mm == mm && q->tgid != p->tgid)
			__oom_kill_task(q, message);

	return 0;
}

static int oom_kill_process(struct task_struct *p, unsigned long points,
			    const char *message)
{
	struct task_struct *c;

	/*
	 * If the task is already exiting, don't alarm the sysadmin or kill
	 * its children or threads, just set TIF_MEMDIE so it can die quickly
	 */
	if (p->flags & PF_EXITING) {
		__oom_kill_task(p, NULL);
		return 0;
	}

	printk(KERN_ERR "Out of Memory: Kill process %d (%s) score %li"
			" and children.\n",
	       p->pid, p->comm, points);
	/* Try to kill a child first */
	list_for_each_entry(c, &task_list_head, tasks) {
		if (c->parent != p)
			continue;
		if (c->mm == p->mm)
			continue;
		if (!oom_kill_task(c, message))
			return 0;
	}
	return oom_kill_task(p, message);
}

/**
 * out_of_memory - kill the "best" process when we run out of memory
 *
 * If we run out of memory, we have the choice between either
 * killing a random task (bad), letting the system crash (worse)
 * OR try to be smart about which process to kill. Note that we
 * don't have to be perfect here, we just have to be good.
 */
void out_of_memory(struct zonelist *zonelist, gfp_t gfp_mask, int order)
{
	struct task_struct *p;
	unsigned long points = 0;

	printk(KERN_WARNING "oom-killer: gfp_mask=0x%x, order=%d\n", gfp_mask,
	       order);

	read_lock(&tasklist_lock);

	/*
	 * Check if there were limitations on the allocation (only relevant for
	 * NUMA) that may require different handling.
	 */
	switch (constrained_alloc(zonelist, gfp_mask)) {
	case CONSTRAINT_MEMORY_POLICY:
		oom_kill_process(current, points,
				 "No available memory (MPOL_BIND)");
		break;

	case CONSTRAINT_CPUSET:
		oom_kill_process(current, points,
				 "No available memory in cpuset");
		break;

	case CONSTRAINT_NONE:
retry:
		/*
		 * Rambo mode: Shoot down a process and hope it solves whatever
		 * issues we may have.
		 */
		p = select_bad_process(&points);

		if (PTR_ERR(p) == -1UL)
			goto out;

		/* Found nothing?!?! Either we hang forever, or we panic. */
		if (!p) {
			read_unlock(&tasklist_lock);
			sim_panic("Out of memory and no killable processes...");
		}

		if (oom_kill_process(p, points, "Out of memory"))
			goto retry;

		break;
	}

out:
	read_unlock(&tasklist_lock);

	/*
	 * Give "p" a good chance of killing itself before we
	 * retry to allocate memory unless "p" is current
	 */
	if (!test_thread_flag(TIF_MEMDIE)) {
		sim_ticks_advance(1);
		sim_cond_resched();
	}
}
