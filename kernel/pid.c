/*
 * kernel/pid.c - stands for kernel/pid.c and the task side of
 * kernel/fork.c and kernel/exit.c: creating tasks, finding them by pid,
 * fork and exit.
 *
 * Simplifications: tasks live on one list under tasklist_lock (2006 hashed
 * pids); a task runs when a host thread enters it (sim_task_enter), so
 * fork makes the child runnable without starting a thread for it.
 *
 * Exit and reaping follow 2.6.20's exit_notify() and do_wait(): an exited
 * process stays on the list as a zombie (EXIT_ZOMBIE, no mm), found by
 * find_task_by_pid() as 2006's pid hash found it, until its parent's
 * wait4() reaps it (release_task).  A thread (CLONE_VM, so a thread of
 * its parent's group here) and a child of init are reaped at once: the
 * first because 2006 gave CLONE_THREAD children exit_signal -1
 * (EXIT_DEAD), the second because init's wait loop reaps whatever it is
 * given.  An exiting parent hands its children to init
 * (forget_original_parent), which reaps the zombies among them.  No
 * signals: SIGCHLD, SA_NOCLDWAIT and ptrace are not modelled, and a
 * reaped task_struct is never freed (pointers taken under tasklist_lock
 * may still be read): it moves to reaped_tasks, where it stays reachable
 * (2006 freed it after an RCU grace period, delayed_put_task_struct).
 */
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mempolicy.h>
#include <linux/cpuset.h>
#include <linux/security.h>
#include <sim/kernel.h>

static int last_pid;
static LIST_HEAD(reaped_tasks);

static struct task_struct *alloc_task(void)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->state = TASK_RUNNING;
	p->start_time = sim_ticks() / 1000000; /* ticks are microseconds */
	spin_lock_init(&p->alloc_lock);
	INIT_LIST_HEAD(&p->tasks);
	init_waitqueue_head(&p->wait_chldexit);
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
	/* a zombie is still hashed: only release_task() unhashes it */
	list_for_each_entry(p, &task_list_head, tasks)
		if (p->pid == nr)
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

/*
 * commoncap's cap_emulate_setxuid(), by way of cap_task_post_setuid():
 * leaving uid 0 in all three uids drops every capability unless
 * keep_capabilities is set; an effective uid leaving 0 drops the
 * effective set, one coming back to 0 raises the permitted set again.
 * SECURE_NO_SETUID_FIXUP (securebits) is never set.
 */
static void cap_emulate_setxuid(int old_ruid, int old_euid, int old_suid)
{
	if ((old_ruid == 0 || old_euid == 0 || old_suid == 0) &&
	    (current->uid != 0 && current->euid != 0 && current->suid != 0) &&
	    !current->keep_capabilities) {
		current->cap_permitted = CAP_EMPTY_SET;
		current->cap_effective = CAP_EMPTY_SET;
	}
	if (old_euid == 0 && current->euid != 0)
		current->cap_effective = CAP_EMPTY_SET;
	if (old_euid != 0 && current->euid == 0)
		current->cap_effective = current->cap_permitted;
}

int security_task_post_setuid(uid_t old_ruid, uid_t old_euid, uid_t old_suid,
			      int flags)
{
	switch (flags) {
	case LSM_SETID_RE:
	case LSM_SETID_ID:
	case LSM_SETID_RES:
		cap_emulate_setxuid(old_ruid, old_euid, old_suid);
		break;
	}
	return 0;
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

	if (!p || p->exit_state) /* a zombie runs no more */
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

int sim_task_creds(int pid, struct sim_task_creds *c)
{
	struct task_struct *p;
	int err = -ESRCH;

	read_lock(&tasklist_lock);
	p = find_task_by_pid(pid);
	if (p && p != &init_task) {
		c->uid = p->uid;
		c->euid = p->euid;
		c->suid = p->suid;
		c->fsuid = p->fsuid;
		c->cap_effective = p->cap_effective;
		c->cap_permitted = p->cap_permitted;
		c->cap_inheritable = p->cap_inheritable;
		c->keep_caps = p->keep_capabilities;
		c->zombie = p->exit_state == EXIT_ZOMBIE;
		err = 0;
	}
	read_unlock(&tasklist_lock);
	return err;
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
	p->cap_inheritable = parent->cap_inheritable;
	p->nice = parent->nice;
	p->oomkilladj = parent->oomkilladj;
	p->keep_capabilities = parent->keep_capabilities;
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
 * release_task(): the task leaves the pid hash and the task list; nobody
 * finds it any more.  Called with tasklist_lock held for writing.
 */
static void release_task(struct task_struct *p)
{
	p->exit_state = EXIT_DEAD;
	list_move_tail(&p->tasks, &reaped_tasks);
}

/*
 * forget_original_parent(): the children of an exiting task go to init
 * (2006's child_reaper), which reaps at once those already zombies.
 * Called with tasklist_lock held for writing.
 */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *p, *n;

	list_for_each_entry_safe(p, n, &task_list_head, tasks) {
		if (p->parent != father)
			continue;
		p->parent = &init_task;
		if (p->exit_state == EXIT_ZOMBIE)
			release_task(p);
	}
}

/*
 * exit(): drop the address space (exit_mm), then exit_notify(): the
 * children go to init, and the task becomes a zombie its parent must reap
 * with wait4(), or is released at once when nobody will (see the top).
 */
void do_exit_sim(long code)
{
	struct task_struct *tsk = current;
	struct task_struct *parent;
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
	forget_original_parent(tsk);
	tsk->exit_code = code;
	parent = tsk->parent;
	if (tsk->tgid != tsk->pid || !parent || parent == &init_task) {
		release_task(tsk);
		parent = NULL;
	} else {
		tsk->exit_state = EXIT_ZOMBIE;
	}
	write_unlock_irq(&tasklist_lock);
	if (parent)
		wake_up(&parent->wait_chldexit); /* do_notify_parent */
}

/*
 * The children of current that wait4(pid) is about: pid > 0 that one,
 * -1 any (2006's process groups, pid 0 and < -1, are not modelled and
 * match no child).  Returns the first zombie among them, or NULL and in
 * *found whether there was any.  Called with tasklist_lock held.
 */
static struct task_struct *find_zombie_child(pid_t pid, int *found)
{
	struct task_struct *p;

	*found = 0;
	list_for_each_entry(p, &task_list_head, tasks) {
		if (p->parent != current || p == current)
			continue;
		if (pid != -1 && p->pid != pid)
			continue;
		*found = 1;
		if (p->exit_state == EXIT_ZOMBIE)
			return p;
	}
	return NULL;
}

/*
 * do_wait() of kernel/exit.c for wait4(): reap a zombie child and return
 * its pid, its exit code in *status; 0 with WNOHANG while the children
 * run; -ECHILD when there is no such child.  Otherwise sleep until a child
 * exits (2006 slept on current->signal->wait_chldexit).
 */
long do_wait_sim(pid_t pid, int options, int *status)
{
	struct task_struct *zombie;
	long ret = -ECHILD;
	int found;

	if (options & ~WNOHANG)
		return -EINVAL;
	for (;;) {
		unsigned long ticket =
			sim_wait_prepare(&current->wait_chldexit);

		write_lock_irq(&tasklist_lock);
		zombie = find_zombie_child(pid, &found);
		if (zombie) {
			*status = zombie->exit_code;
			ret = zombie->pid;
			release_task(zombie);
		}
		write_unlock_irq(&tasklist_lock);
		if (zombie || !found)
			return ret;
		if (options & WNOHANG)
			return 0;
		sim_wait_sleep(&current->wait_chldexit, ticket, "wait_chldexit",
			       __LOCK_SITE);
	}
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
