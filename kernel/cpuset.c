/*
 * kernel/cpuset.c - the memory side of cpusets that the page allocator
 * and migration ask about, and the one write to a cpuset that 2006's
 * memory migration hangs on: its "mems" file.
 *
 * Stands for kernel/cpuset.c (2.6.20, CONFIG_CPUSETS=y).  Simplifications:
 * there is no cpuset file system and no hierarchy.  A task starts in the
 * top cpuset (task->cpuset == NULL), and there its own mems_allowed (the
 * scenario's mems=, sim_task_set_mems_allowed) is the whole story: a
 * hardwall request must stay inside it, a softwall request (no
 * __GFP_HARDWALL) may go anywhere, which is where 2006's walk up to the
 * nearest mem_exclusive ancestor ends when the only ancestor is the top
 * cpuset.  sim_cpuset_set_mems() gives the task a cpuset of its own the
 * first time (2006: mkdir, copy the mems, write the pid to "tasks"), with
 * the nodes and the memory_migrate flag the host asks for, then does what
 * writing "mems" did (update_nodemask).  A fork's child shares its
 * parent's cpuset (cpuset_fork), as in 2006.  The flags other than
 * memory_migrate (exclusive, spread, notify_on_release) are not modeled.
 */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/cpuset.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/mempolicy.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <sim/kernel.h>

/* See "What is a cpuset" in Documentation/cpusets.txt (2006). */
struct cpuset {
	unsigned long flags; /* "unsigned long" so bitops work */
	nodemask_t mems_allowed; /* Memory Nodes allowed to tasks */
	atomic_t count; /* count tasks using this cpuset */
	/*
	 * Copy of global cpuset_mems_generation as of the most
	 * recent time this cpuset changed its mems_allowed.
	 */
	int mems_generation;
};

/* bits in struct cpuset flags field */
typedef enum {
	CS_CPU_EXCLUSIVE,
	CS_MEM_EXCLUSIVE,
	CS_MEMORY_MIGRATE,
	CS_REMOVED,
	CS_NOTIFY_ON_RELEASE,
	CS_SPREAD_PAGE,
	CS_SPREAD_SLAB,
} cpuset_flagbits_t;

static inline int is_memory_migrate(const struct cpuset *cs)
{
	return test_bit(CS_MEMORY_MIGRATE, &cs->flags);
}

/*
 * Increment this integer everytime any cpuset changes its
 * mems_allowed value.  Users of cpusets can track this generation
 * number, and avoid having to lock and reload mems_allowed unless
 * the cpuset they're using changes generation.
 *
 * (mmsim: starts at 1, so that no cpuset has the generation 0 of a task
 * that never had a cpuset of its own.)
 */
static int cpuset_mems_generation = 1;

/*
 * manage_mutex: held by whoever modifies cpusets (here:
 * sim_cpuset_set_mems); callback_mutex: taken as well to change a
 * cpuset's mems_allowed and to copy it into a task's.
 */
static DEFINE_MUTEX(manage_mutex);
static DEFINE_MUTEX(callback_mutex);

/*
 * Return in *pmask the portion of a cpusets's mems_allowed that are
 * online (2006 walked up to an ancestor with online nodes; the top cpuset
 * is the only ancestor here, and it has all of them).
 *
 * Call with callback_mutex held.
 */
static void guarantee_online_mems(const struct cpuset *cs, nodemask_t *pmask)
{
	nodes_and(*pmask, cs->mems_allowed, node_online_map);
	if (nodes_empty(*pmask))
		*pmask = node_online_map;
}

/**
 * cpuset_update_task_memory_state - update task memory placement
 *
 * If the current tasks cpusets mems_allowed changed behind our
 * backs, update current->mems_allowed, mems_generation and task NUMA
 * mempolicy to the new value.
 *
 * Task mempolicy is updated by rebinding it relative to the
 * current->cpuset if a task has its memory placement changed.
 * Do not call this routine if in_interrupt().
 *
 * Call without callback_mutex or task_lock() held.  May be
 * called with or without manage_mutex held.  Thanks in part to
 * 'the_top_cpuset_hack', the tasks cpuset pointer will never
 * be NULL.  This routine also might acquire callback_mutex and
 * current->mm->mmap_sem during call.
 *
 * mmsim: a NULL cpuset is the top cpuset, whose mems never change (no
 * memory hotplug), so there is nothing to refresh; nor for a thread with
 * no task.  2006 read tsk->cpuset under rcu_read_lock(): a task's own
 * cpuset is never freed here.
 */
void cpuset_update_task_memory_state(void)
{
	int my_cpusets_mem_gen;
	struct task_struct *tsk = current;
	struct cpuset *cs;

	if (!tsk)
		return;
	cs = __atomic_load_n(&tsk->cpuset, __ATOMIC_ACQUIRE);
	if (!cs)
		return;
	my_cpusets_mem_gen =
		__atomic_load_n(&cs->mems_generation, __ATOMIC_ACQUIRE);

	if (my_cpusets_mem_gen != tsk->cpuset_mems_generation) {
		mutex_lock(&callback_mutex);
		task_lock(tsk);
		cs = tsk->cpuset; /* Maybe changed when task not locked */
		guarantee_online_mems(cs, &tsk->mems_allowed);
		tsk->cpuset_mems_generation = cs->mems_generation;
		/* (2006 also set PF_SPREAD_PAGE and PF_SPREAD_SLAB here) */
		task_unlock(tsk);
		mutex_unlock(&callback_mutex);
		mpol_rebind_task(tsk, &tsk->mems_allowed);
	}
}

/**
 * cpuset_zonelist_valid_mems_allowed - check zonelist vs. curremt mems_allowed
 * @zl: the zonelist to be checked
 *
 * Are any of the nodes on zonelist zl allowed in current->mems_allowed?
 */
int cpuset_zonelist_valid_mems_allowed(struct zonelist *zl)
{
	int i;

	for (i = 0; zl->zones[i]; i++) {
		int nid = zl->zones[i]->zone_pgdat->node_id; /* zone_to_nid */

		if (node_isset(nid, current->mems_allowed))
			return 1;
	}
	return 0;
}

/*
 * Is this zone's node one the current task may allocate from?
 * Tasks without a task_struct (engine threads) may use any node.
 */
int __cpuset_zone_allowed(struct zone *z, gfp_t gfp_mask)
{
	struct task_struct *tsk = current;
	int node;

	if (!tsk)
		return 1;
	node = z->zone_pgdat->node_id;
	if (node_isset(node, tsk->mems_allowed))
		return 1;
	if (gfp_mask & __GFP_HARDWALL) /* If hardwall request, stop here */
		return 0;
	return 1;
}

/*
 * cpuset_mems_allowed - the nodes task p may use: its mems_allowed that
 * are online, or, if none of them are (2006's guarantee_online_mems()
 * found an online ancestor), all online nodes.
 */
nodemask_t cpuset_mems_allowed(struct task_struct *p)
{
	nodemask_t mask;

	task_lock(p);
	nodes_and(mask, p->mems_allowed, node_online_map);
	task_unlock(p);
	if (nodes_empty(mask))
		mask = node_online_map;
	return mask;
}

/*
 * cpuset_migrate_mm
 *
 *    Migrate memory region from one set of nodes to another.
 *
 *    Temporarilly set tasks mems_allowed to target nodes of migration,
 *    so that the migration code can allocate pages on these nodes.
 *
 *    Call holding manage_mutex, so our current->cpuset won't change
 *    during this call, as manage_mutex holds off any attach_task()
 *    calls.  Therefore we don't need to take task_lock around the
 *    call to guarantee_online_mems(), as we know no one is changing
 *    our tasks cpuset.
 *
 *    Hold callback_mutex around the two modifications of our tasks
 *    mems_allowed to synchronize with cpuset_mems_allowed().
 *
 *    While the mm_struct we are migrating is typically from some
 *    other task, the task_struct mems_allowed that we are hacking
 *    is for our current task, which must allocate new pages for that
 *    migrating memory region.
 *
 *    We call cpuset_update_task_memory_state() before hacking
 *    our tasks mems_allowed, so that we are assured of being in
 *    sync with our tasks cpuset, and in particular, callbacks to
 *    cpuset_update_task_memory_state() from nested page allocations
 *    won't see any mismatch of our cpuset and task mems_generation
 *    values, so won't overwrite our hacked tasks mems_allowed
 *    nodemask.
 *
 *    mmsim: a caller in the top cpuset (the scenario's main thread is
 *    swapper) gets back the mems_allowed it had, which is its own there.
 */
static void cpuset_migrate_mm(struct mm_struct *mm, const nodemask_t *from,
			      const nodemask_t *to)
{
	struct task_struct *tsk = current;
	nodemask_t saved = tsk->mems_allowed;

	cpuset_update_task_memory_state();

	mutex_lock(&callback_mutex);
	tsk->mems_allowed = *to;
	mutex_unlock(&callback_mutex);

	do_migrate_pages(mm, from, to, MPOL_MF_MOVE_ALL);

	mutex_lock(&callback_mutex);
	if (tsk->cpuset)
		guarantee_online_mems(tsk->cpuset, &tsk->mems_allowed);
	else
		tsk->mems_allowed = saved;
	mutex_unlock(&callback_mutex);
}

/*
 * Handle user request to change the 'mems' memory placement
 * of a cpuset.  Needs to validate the request, update the
 * cpusets mems_allowed and mems_generation, and for each
 * task in the cpuset, rebind any vma mempolicies and if
 * the cpuset is marked 'memory_migrate', migrate the tasks
 * pages to the new memory.
 *
 * Call with manage_mutex held.  May take callback_mutex during call.
 * Will take tasklist_lock, scan tasklist for tasks in cpuset cs,
 * lock each such tasks mm->mmap_sem, scan its vma's and rebind
 * their mempolicies to the cpusets new mems_allowed.
 *
 * mmsim: the new mask comes as a nodemask, not as text (nodelist_parse),
 * and there are no parents or children for validate_change() to check.
 */
static int update_nodemask(struct cpuset *cs, const nodemask_t *newmems)
{
	nodemask_t trial, oldmem;
	struct task_struct *p;
	struct mm_struct **mmarray;
	int i, n, ntasks;
	int migrate;
	int fudge;

	nodes_and(trial, *newmems, node_online_map);
	oldmem = cs->mems_allowed;
	if (nodes_equal(oldmem, trial))
		return 0; /* Too easy - nothing to do */
	if (nodes_empty(trial))
		return -ENOSPC;

	mutex_lock(&callback_mutex);
	cs->mems_allowed = trial;
	__atomic_store_n(&cs->mems_generation, cpuset_mems_generation++,
			 __ATOMIC_RELEASE);
	mutex_unlock(&callback_mutex);

	fudge = 10; /* spare mmarray[] slots */

	/*
	 * Allocate mmarray[] to hold mm reference for each task
	 * in cpuset cs.  Can't kmalloc GFP_KERNEL while holding
	 * tasklist_lock.  We could use GFP_ATOMIC, but with a
	 * few more lines of code, we can retry until we get a big
	 * enough mmarray[] w/o using GFP_ATOMIC.
	 */
	while (1) {
		ntasks = atomic_read(&cs->count); /* guess */
		ntasks += fudge;
		mmarray = kmalloc(ntasks * sizeof(*mmarray), GFP_KERNEL);
		if (!mmarray)
			return -ENOMEM;
		write_lock_irq(&tasklist_lock); /* block fork */
		if (atomic_read(&cs->count) <= ntasks)
			break; /* got enough */
		write_unlock_irq(&tasklist_lock); /* try again */
		kfree(mmarray);
	}

	n = 0;

	/* Load up mmarray[] with mm reference for each task in cpuset. */
	list_for_each_entry(p, &task_list_head, tasks) {
		struct mm_struct *mm;

		if (n >= ntasks) {
			printk(KERN_WARNING
			       "Cpuset mempolicy rebind incomplete.\n");
			continue;
		}
		if (p->cpuset != cs)
			continue;
		mm = get_task_mm(p);
		if (!mm)
			continue;
		mmarray[n++] = mm;
	}
	write_unlock_irq(&tasklist_lock);

	/*
	 * Now that we've dropped the tasklist spinlock, we can
	 * rebind the vma mempolicies of each mm in mmarray[] to their
	 * new cpuset, and release that mm.  The mpol_rebind_mm()
	 * call takes mmap_sem, which we couldn't take while holding
	 * tasklist_lock.  It's ok if we rebind the same mm twice;
	 * mpol_rebind_mm() is idempotent.  Also migrate pages in each
	 * mm to new nodes.
	 */
	migrate = is_memory_migrate(cs);
	for (i = 0; i < n; i++) {
		struct mm_struct *mm = mmarray[i];

		mpol_rebind_mm(mm, &cs->mems_allowed);
		if (migrate)
			cpuset_migrate_mm(mm, &oldmem, &cs->mems_allowed);
		mmput(mm);
	}

	/* We're done rebinding vma's to this cpusets new mems_allowed. */
	kfree(mmarray);
	return 0;
}

/*
 * The host's way in (include/sim/kernel.h): the task's own cpuset, made
 * on first use with the task's current nodes (so that moving the task
 * into it changes nothing: attach_task() migrates nothing when the old
 * and new mems are the same), its memory_migrate flag written (2006:
 * update_flag(CS_MEMORY_MIGRATE, ...)), then its mems (update_nodemask).
 * The caller, current, is the task whose allocations the migration makes
 * (cpuset_migrate_mm): the scenario's main thread (swapper) or a test's.
 */
int sim_cpuset_set_mems(int pid, unsigned long long mask, int memory_migrate)
{
	struct task_struct *p;
	struct cpuset *cs, *new = NULL;
	nodemask_t mems;
	int err;

	nodes_clear(mems);
	mems.bits[0] = mask;
	if (!pid)
		return -EACCES; /* the top cpuset's mems are read-only */
	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;

	mutex_lock(&manage_mutex);
	read_lock(&tasklist_lock);
	p = find_task_by_pid(pid);
	read_unlock(&tasklist_lock);
	if (!p) {
		err = -ESRCH;
		goto out;
	}
	cs = p->cpuset;
	if (!cs) {
		cs = new;
		new = NULL;
		atomic_set(&cs->count, 1);
		mutex_lock(&callback_mutex);
		task_lock(p);
		cs->mems_allowed = p->mems_allowed;
		cs->mems_generation = cpuset_mems_generation++;
		p->cpuset_mems_generation = cs->mems_generation;
		__atomic_store_n(&p->cpuset, cs, __ATOMIC_RELEASE);
		task_unlock(p);
		mutex_unlock(&callback_mutex);
	}
	if (memory_migrate)
		set_bit(CS_MEMORY_MIGRATE, &cs->flags);
	else
		clear_bit(CS_MEMORY_MIGRATE, &cs->flags);
	err = update_nodemask(cs, &mems);
out:
	mutex_unlock(&manage_mutex);
	kfree(new);
	return err;
}

/* The nodes of the task's cpuset (its own mems in the top cpuset). */
long long sim_cpuset_mems(int pid)
{
	struct task_struct *p = sim_find_task(pid);
	nodemask_t m;

	if (!p)
		return -ESRCH;
	mutex_lock(&callback_mutex);
	m = p->cpuset ? p->cpuset->mems_allowed : p->mems_allowed;
	mutex_unlock(&callback_mutex);
	return m.bits[0];
}

/*
 * cpuset_fork - the child shares its parent's cpuset (2006: under
 * task_lock(current), with a count for each task in it).
 */
void cpuset_fork(struct task_struct *child)
{
	task_lock(current);
	child->cpuset = current->cpuset;
	if (child->cpuset)
		atomic_inc(&child->cpuset->count);
	child->cpuset_mems_generation = current->cpuset_mems_generation;
	task_unlock(current);
}

/* cpuset_exit - the task leaves its cpuset, which stays for the others. */
void cpuset_exit(struct task_struct *tsk)
{
	struct cpuset *cs;

	task_lock(tsk);
	cs = tsk->cpuset;
	tsk->cpuset = NULL;
	task_unlock(tsk);
	if (cs)
		atomic_dec(&cs->count);
}
