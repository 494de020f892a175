/*
 * tests/kernel/test_cpuset.c - the memory side of 2006's cpusets
 * (kernel/cpuset.c): writing a task's cpuset "mems" with and without
 * memory_migrate (update_nodemask, cpuset_migrate_mm), the lazy refresh of
 * the task's mems_allowed and policy (cpuset_update_task_memory_state,
 * mpol_rebind_task), the rebinding of vma policies (mpol_rebind_mm), and
 * zonelist_policy() falling back when a bind policy has no allowed node
 * left (cpuset_zonelist_valid_mems_allowed).  Every test ends with the
 * invariant checker clean.
 */
#include "mmtest.h"
#include <linux/cpuset.h>

#define MAXNODE (MAX_NUMNODES + 1)
#define P PAGE_SIZE

/* A mask word in the current task's memory, for the policy calls. */
static unsigned long umask(unsigned long bits)
{
	static unsigned long u;
	static struct mm_struct *mm;

	if (!u || mm != current->mm) {
		long a = sim_syscall(SIM_NR_mmap, 0, P,
				     PROT_READ | PROT_WRITE | PROT_EXEC,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		KT_ASSERT_MSG(a > 0, "mmap: %ld", a);
		u = a;
		mm = current->mm;
	}
	KT_ASSERT_INT_EQ(sim_user_write(u, &bits, 8), 0);
	return u;
}

static unsigned long mems(struct task_struct *p)
{
	return p->mems_allowed.bits[0];
}

static struct task_struct *task(int pid)
{
	struct task_struct *p;

	read_lock(&tasklist_lock);
	p = find_task_by_pid(pid);
	read_unlock(&tasklist_lock);
	KT_ASSERT_NONNULL(p);
	return p;
}

/* pages of app at addr on node nid, counted by a page-table walk */
static unsigned long on_node(int pid, unsigned long addr, unsigned long n,
			     int nid)
{
	unsigned long i, c = 0;

	for (i = 0; i < n; i++)
		c += sim_page_node(pid, addr + i * P) == nid;
	return c;
}

KTEST(cpuset_mems_with_memory_migrate_moves_the_pages)
{
	unsigned long addr, n = 32;
	int app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	addr = mmt_mmap(n + 1);
	mmt_fill(addr, n);
	KT_ASSERT_UINT_EQ(on_node(app, addr, n, 0), n);
	KT_ASSERT_INT_EQ(sim_cpuset_mems(app), 3);

	/* as the scenario's main thread does it: swapper, pid 0 */
	mmt_enter(0);
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(app, 1UL << 1, 1), 0);
	KT_ASSERT_UINT_EQ(on_node(app, addr, n, 1), n);
	KT_ASSERT_INT_EQ(sim_cpuset_mems(app), 2);
	/* the caller's own nodes are back */
	KT_ASSERT_UINT_EQ(mems(current), 3);
	/* the task sees its new nodes at its next allocation (2006: lazily) */
	KT_ASSERT_UINT_EQ(mems(task(app)), 3);
	mmt_enter(app);
	mmt_fill(addr + n * P, 1);
	KT_ASSERT_UINT_EQ(mems(current), 2);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr + n * P), 1);
	KT_ASSERT_INT_EQ(mmt_check(addr, n), 0);

	/* and back: the same cpuset, written again */
	mmt_enter(0);
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(app, 1UL << 0, 1), 0);
	KT_ASSERT_UINT_EQ(on_node(app, addr, n + 1, 0), n + 1);
	mmt_enter(app);
	KT_ASSERT_INT_EQ(mmt_check(addr, n), 0);
	mmt_expect_clean();
}

KTEST(forked_child_shares_the_cpuset_and_migrates_with_it)
{
	unsigned long addr, n = 8, word = 5;
	int app;
	long child;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(app, 3, 1), 0);
	mmt_enter(app);
	addr = mmt_mmap(n);
	mmt_fill(addr, n);
	child = sim_syscall(SIM_NR_fork, 0, 0, 0, 0, 0, 0);
	KT_ASSERT(child > 0);
	KT_ASSERT_PTR_EQ(task(child)->cpuset, task(app)->cpuset);
	mmt_enter(child);
	KT_ASSERT_INT_EQ(sim_user_write(addr, &word, sizeof(word)), 0);

	/* one write of the cpuset's mems moves both tasks' pages */
	mmt_enter(0);
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(app, 1UL << 1, 1), 0);
	KT_ASSERT_UINT_EQ(on_node(app, addr, n, 1), n);
	KT_ASSERT_UINT_EQ(on_node(child, addr, n, 1), n);
	KT_ASSERT_INT_EQ(sim_cpuset_mems(child), 2);
	mmt_expect_clean();
}

KTEST(cpuset_mems_without_memory_migrate_leaves_the_pages)
{
	unsigned long addr, n = 8;
	int app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	addr = mmt_mmap(2 * n);
	mmt_fill(addr, n);
	mmt_enter(0);
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(app, 1UL << 1, 0), 0);
	KT_ASSERT_UINT_EQ(on_node(app, addr, n, 0), n);
	/* new faults land on the new node; the old pages stay */
	mmt_enter(app);
	mmt_fill(addr + n * P, n);
	KT_ASSERT_UINT_EQ(on_node(app, addr + n * P, n, 1), n);
	KT_ASSERT_UINT_EQ(on_node(app, addr, n, 0), n);
	KT_ASSERT_INT_EQ(mmt_check(addr, n), 0);
	mmt_expect_clean();
}

/*
 * cpuset_migrate_mm() allocates as the caller, with the caller's
 * mems_allowed set to the new nodes for the duration: a caller confined
 * to node 0 still moves the pages to node 1, and is confined again after.
 */
KTEST(cpuset_migrate_allocates_as_the_caller_within_the_new_mems)
{
	unsigned long addr, n = 8;
	int app, admin;

	mmt_boot(2, 64 << 20);
	admin = mmt_task("admin", 0, 1u << CAP_SYS_NICE, 0);
	KT_ASSERT_INT_EQ(sim_task_set_mems_allowed(admin, 1), 0);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	addr = mmt_mmap(n);
	mmt_fill(addr, n);
	mmt_enter(admin);
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(app, 1UL << 1, 1), 0);
	KT_ASSERT_UINT_EQ(on_node(app, addr, n, 1), n);
	KT_ASSERT_UINT_EQ(mems(current), 1);
	mmt_enter(app);
	KT_ASSERT_INT_EQ(mmt_check(addr, n), 0);
	mmt_expect_clean();
}

/* MPOL_MF_MOVE_ALL: pages shared with a fork's child move as well. */
KTEST(cpuset_memory_migrate_moves_shared_pages_too)
{
	unsigned long addr, buf[PAGE_SIZE / sizeof(unsigned long)];
	long child;
	int app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	addr = mmt_mmap(2);
	mmt_fill(addr, 2);
	child = sim_syscall(SIM_NR_fork, 0, 0, 0, 0, 0, 0);
	KT_ASSERT_MSG(child > 0, "fork: %ld", child);
	KT_ASSERT_INT_EQ(sim_user_read(addr + P, buf, P), 0);
	KT_ASSERT_INT_EQ(sim_user_write(addr + P, buf, P), 0); /* COW */
	mmt_enter(0);
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(app, 1UL << 1, 1), 0);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 1);
	KT_ASSERT_INT_EQ(sim_page_node(child, addr), 1);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr + P), 1);
	/* the child is in the top cpuset: its own copy stays */
	KT_ASSERT_INT_EQ(sim_page_node(child, addr + P), 0);
	mmt_enter(app);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_enter(child);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_expect_clean();
}

/*
 * update_nodemask() rebinds the vma policies at once (mpol_rebind_mm);
 * the task policy is rebound by the task itself, in
 * cpuset_update_task_memory_state() (here from get_mempolicy).  The
 * nodes keep their rank: nodes {0,1} -> {2,3} maps 0 to 2 and 1 to 3.
 */
KTEST(cpuset_mems_rebind_task_and_vma_policies)
{
	unsigned long addr, mask;
	struct task_struct *me;
	int app;

	mmt_boot(4, 16 << 20);
	app = mmt_task("app", 1000, 0, 0);
	KT_ASSERT_INT_EQ(sim_task_set_mems_allowed(app, 3), 0);
	mmt_enter(app);
	me = current;
	addr = mmt_mmap(4);
	umask(0);
	KT_ASSERT_INT_EQ(sim_syscall(SIM_NR_mbind, addr, P, MPOL_BIND,
				     umask(1UL << 1), MAXNODE, 0),
			 0);
	KT_ASSERT_INT_EQ(sim_syscall(SIM_NR_mbind, addr + P, P, MPOL_PREFERRED,
				     umask(1UL << 0), MAXNODE, 0),
			 0);
	KT_ASSERT_INT_EQ(sim_syscall(SIM_NR_set_mempolicy, MPOL_INTERLEAVE,
				     umask(3), MAXNODE, 0, 0, 0),
			 0);

	mmt_enter(0);
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(app, 0xc, 0), 0);
	/* the task policy waits for the task */
	KT_ASSERT_UINT_EQ(me->mempolicy->v.nodes.bits[0], 3);

	mmt_enter(app);
	KT_ASSERT_INT_EQ(sim_syscall(SIM_NR_get_mempolicy, umask(0),
				     umask(0) + 8, MAXNODE, 0, 0, 0),
			 0);
	KT_ASSERT_INT_EQ(sim_user_read(umask(0) + 8, &mask, 8), 0);
	KT_ASSERT_UINT_EQ(mask, 0xc);
	KT_ASSERT_UINT_EQ(mems(current), 0xc);
	/* the vma policies: bind 1 -> 3, preferred 0 -> 2 */
	KT_ASSERT_INT_EQ(sim_syscall(SIM_NR_get_mempolicy, umask(0),
				     umask(0) + 8, MAXNODE, addr, MPOL_F_ADDR,
				     0),
			 0);
	KT_ASSERT_INT_EQ(sim_user_read(umask(0) + 8, &mask, 8), 0);
	KT_ASSERT_UINT_EQ(mask, 1UL << 3);
	KT_ASSERT_INT_EQ(sim_syscall(SIM_NR_get_mempolicy, umask(0),
				     umask(0) + 8, MAXNODE, addr + P,
				     MPOL_F_ADDR, 0),
			 0);
	KT_ASSERT_INT_EQ(sim_user_read(umask(0) + 8, &mask, 8), 0);
	KT_ASSERT_UINT_EQ(mask, 1UL << 2);
	/* faults follow the rebound policies */
	mmt_fill(addr, 2);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 3);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr + P), 2);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_expect_clean();
}

/*
 * zonelist_policy(): a bind policy none of whose nodes the task may use
 * any more falls through to the default (2006's "Careful:
 * current->mems_allowed might have moved"); without the check the fault
 * would find no zone it may allocate from.
 */
KTEST(bind_policy_outside_mems_allowed_falls_back_to_local_node)
{
	unsigned long addr;
	int app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	addr = mmt_mmap(2);
	umask(0);
	KT_ASSERT_INT_EQ(sim_syscall(SIM_NR_mbind, addr, 2 * P, MPOL_BIND,
				     umask(1UL << 1), MAXNODE, 0),
			 0);
	mmt_fill(addr, 1);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 1);
	/* the task's own nodes change under the policy: no rebind */
	KT_ASSERT_INT_EQ(sim_task_set_mems_allowed(app, 1), 0);
	KT_ASSERT(!cpuset_zonelist_valid_mems_allowed(
		current->mm->mmap->vm_policy->v.zonelist));
	mmt_fill(addr, 2);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr + P), 0);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_expect_clean();
}

KTEST(cpuset_set_mems_error_paths)
{
	struct sim_task_config kt = {.name = "kd"};
	unsigned long addr;
	int app, kpid;

	mmt_boot(2, 64 << 20);
	kpid = sim_task_create(&kt, 1);
	KT_ASSERT(kpid > 0);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	addr = mmt_mmap(1);
	mmt_fill(addr, 1);
	mmt_enter(0);
	/* the top cpuset's mems are read-only */
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(0, 1, 1), -EACCES);
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(4242, 1, 1), -ESRCH);
	KT_ASSERT_INT_EQ(sim_cpuset_mems(4242), -ESRCH);
	/* no online node: nothing changes */
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(app, 1UL << 5, 1), -ENOSPC);
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(app, 0, 1), -ENOSPC);
	KT_ASSERT_INT_EQ(sim_cpuset_mems(app), 3);
	/* offline nodes are dropped; the same nodes again: nothing to do */
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(app, 3 | 1UL << 9, 1), 0);
	KT_ASSERT_INT_EQ(sim_cpuset_mems(app), 3);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 0);
	/* a kernel thread may sit in a cpuset: no mm to migrate */
	KT_ASSERT_INT_EQ(sim_cpuset_set_mems(kpid, 2, 1), 0);
	KT_ASSERT_INT_EQ(sim_cpuset_mems(kpid), 2);
	mmt_expect_clean();
}
