/*
 * kernel/pid.c - stands for kernel/pid.c and the task side of
 * kernel/fork.c and kernel/exit.c: creating tasks, finding them by pid,
 * fork and exit.
 *
 * Simplifications: tasks live on one list under tasklist_lock (2006 hashed
 * pids); a task runs when a host thread enters it (sim_task_enter), so
 * fork makes the child runnable without starting a thread for it.
 */
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mempolicy.h>
#include <linux/cpuset.h>
#include <linux/security.h>
#include <sim/kernel.h>

static int last_pid;

static struct task_struct *alloc_task(void)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->state = TASK_RUNNING;
	p->start_time = sim_ticks() / 1000000; /* ticks are microseconds */
	spin_lock_init(&p->alloc_lock);
	INIT_LIST_HEAD(&p->tasks);
	return p;
}

static void hash_task(struct task_struct *p)
{
	write_lock_irq(&tasklist_lock);
	p->pid = ++last_pid;
	if (!p->tgid)
		p->tgid = p->pid;
	list_add_tail(&p->tasks, &task_list_head);
	write_unlock_irq(&tasklist_lock);
}

struct task_struct *find_task_by_pid_type(int type, int nr)
{
	struct task_struct *p;

	if (nr == init_task.pid)
		return &init_task;
	list_for_each_entry(p, &task_list_head, tasks)
		if (p->pid == nr && !p->exit_state)
			return p;
	return NULL;
}

int capable(int cap)
{
	if (security_capable(current, cap) == 0) {
		current->flags |= PF_SUPERPRIV;
		return 1;
	}
	return 0;
}

/* The default security module (commoncap): the effective set decides. */
int security_capable(struct task_struct *tsk, int cap)
{
	return cap_raised(tsk->cap_effective, cap) ? 0 : -EPERM;
}

/* The dummy module allowed every move. */
int security_task_movememory(struct task_struct *p)
{
	return 0;
}

static nodemask_t mask_from_u64(unsigned long long bits)
{
	nodemask_t m;

	nodes_clear(m);
	m.bits[0] = bits;
	if (!bits || nodes_empty(m))
		m = node_online_map;
	return m;
}

int sim_task_create(const struct sim_task_config *cfg, int kthread)
{
	struct task_struct *p = alloc_task();

	if (!p)
		return -ENOMEM;
	{
		const char *name = cfg->name ? cfg->name : "task";
		size_t len = min_t(size_t, strlen(name), TASK_COMM_LEN - 1);

		memcpy(p->comm, name, len);
	}
	p->uid = cfg->uid;
	p->euid = cfg->euid;
	p->suid = cfg->suid;
	p->fsuid = cfg->euid;
	p->cap_effective = p->cap_permitted = cfg->caps;
	p->cpu = cfg->cpu;
	p->mems_allowed = mask_from_u64(cfg->mems_allowed);
	p->parent = &init_task;
	if (!kthread) { /* a kernel thread has no mm, as in 2006 */
		p->mm = mm_alloc();
		if (!p->mm) {
			kfree(p);
			return -ENOMEM;
		}
		p->active_mm = p->mm;
	}
	hash_task(p);
	return p->pid;
}

struct task_struct *sim_find_task(int pid)
{
	struct task_struct *p;

	read_lock(&tasklist_lock);
	p = find_task_by_pid(pid);
	read_unlock(&tasklist_lock);
	return p;
}

int sim_get_pid_mm(int pid, struct mm_struct **mmp)
{
	struct task_struct *p;

	read_lock(&tasklist_lock);
	p = find_task_by_pid(pid);
	*mmp = p ? get_task_mm(p) : NULL;
	read_unlock(&tasklist_lock);
	return p ? 0 : -ESRCH;
}

int sim_task_enter(int pid)
{
	struct task_struct *p = sim_find_task(pid);

	if (!p)
		return -ESRCH;
	sim_current_task = p;
	sim_thread_identify(p->comm, p->pid, p->cpu);
	return 0;
}

int sim_task_current_pid(void)
{
	return current ? current->pid : -1;
}

int sim_task_set_creds(int pid, unsigned int uid, unsigned int euid,
		       unsigned int suid, unsigned int caps)
{
	struct task_struct *p = sim_find_task(pid);

	if (!p)
		return -ESRCH;
	task_lock(p);
	p->uid = uid;
	p->euid = p->fsuid = euid;
	p->suid = suid;
	p->cap_effective = p->cap_permitted = caps;
	task_unlock(p);
	return 0;
}

int sim_task_set_mems_allowed(int pid, unsigned long long mask)
{
	struct task_struct *p = sim_find_task(pid);
	nodemask_t m;

	if (!p)
		return -ESRCH;
	nodes_clear(m);
	m.bits[0] = mask;
	nodes_and(m, m, node_online_map);
	if (nodes_empty(m))
		return -EINVAL;
	task_lock(p);
	p->mems_allowed = m;
	task_unlock(p);
	return 0;
}

/*
 * fork() and clone(): a copy of current, with its own copy-on-write
 * address space, or sharing current's with CLONE_VM (a thread).
 */
long do_fork_sim(unsigned long clone_flags)
{
	struct task_struct *parent = current, *p;
	int err;

	p = alloc_task();
	if (!p)
		return -ENOMEM;
	memcpy(p->comm, parent->comm, sizeof(p->comm));
	p->flags = parent->flags & ~(PF_SUPERPRIV | PF_SWAPWRITE);
	p->cpu = parent->cpu;
	p->uid = parent->uid;
	p->euid = parent->euid;
	p->suid = parent->suid;
	p->fsuid = parent->fsuid;
	p->cap_effective = parent->cap_effective;
	p->cap_permitted = parent->cap_permitted;
	p->nice = parent->nice;
	p->oomkilladj = parent->oomkilladj;
	p->mems_allowed = parent->mems_allowed;
	p->mempolicy = mpol_copy(parent->mempolicy);
	cpuset_fork(p);
	p->parent = parent;
	if (clone_flags & CLONE_VM)
		p->tgid = parent->tgid;
	err = copy_mm(clone_flags, p);
	if (err) {
		mpol_free(p->mempolicy);
		kfree(p);
		return err;
	}
	hash_task(p);
	return p->pid;
}

/*
 * exit(): drop the address space (exit_mm) and leave the task list.  The
 * task_struct stays allocated: pointers handed out under tasklist_lock
 * (sys_move_pages' task) may still be read, as a zombie would allow.
 */
void do_exit_sim(long code)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = tsk->mm;

	tsk->flags |= PF_EXITING;
	if (mm) {
		task_lock(tsk);
		tsk->mm = NULL;
		tsk->active_mm = NULL;
		task_unlock(tsk);
		mmput(mm);
	}
	mpol_free(tsk->mempolicy);
	tsk->mempolicy = NULL;
	cpuset_exit(tsk);
	write_lock_irq(&tasklist_lock);
	tsk->exit_code = code;
	tsk->exit_state = EXIT_ZOMBIE;
	list_del_init(&tsk->tasks);
	write_unlock_irq(&tasklist_lock);
}

/*
 * The return to user space (2006: do_notify_resume -> do_signal): a task
 * with SIGKILL pending -- the OOM killer's force_sig() -- exits there.
 * Called at the end of a system call and after the task's own loads and
 * stores, never inside the kernel.  Returns 1 if current is dead.
 */
int sim_task_return_to_user(void)
{
	struct task_struct *tsk = current;

	if (!tsk)
		return 0;
	if (tsk->exit_state)
		return 1;
	if (!__atomic_load_n(&tsk->sigkill_pending, __ATOMIC_SEQ_CST))
		return 0;
	do_exit_sim(SIGKILL);
	return 1;
}

void sim_task_set_signal_wake(const void *key)
{
	current->signal_wake_key = key;
}
