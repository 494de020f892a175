/*
 * tests/kernel/mmtest.h - helpers shared by the kernel-world tests that
 * drive whole tasks: boot a machine, create and enter a user task, map
 * and fill anonymous memory, call system calls with their arrays in
 * simulated user memory, and check the page tables.
 */
#ifndef _MMTEST_H
#define _MMTEST_H

#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/mempolicy.h>
#include <linux/pagemap.h>
#include <asm/uaccess.h>
#include <sim/kernel.h>
#include <sim/ktest.h>

/* Boot the machine cfg describes; the caller runs as init_task. */
static inline void mmt_boot_cfg(struct sim_machine_config *cfg)
{
	char err[256];

	KT_ASSERT_MSG(sim_kernel_boot(cfg, err, sizeof(err)) == 0, "boot: %s",
		      err);
}

/* Boot nr nodes of mem bytes each; the caller runs as init_task. */
static inline void mmt_boot(int nr, unsigned long long mem)
{
	struct sim_machine_config cfg;

	sim_machine_defaults(&cfg, nr, mem);
	mmt_boot_cfg(&cfg);
}

/*
 * do_mmap_pgoff() of private anonymous memory in current->mm, under
 * mmap_sem as sys_mmap takes it (no syscall entry: for tests that build
 * the mm by hand); asserts that the result is an address.
 */
static inline unsigned long mmt_do_mmap(unsigned long addr, unsigned long pages,
					unsigned long prot, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	down_write(&mm->mmap_sem);
	ret = do_mmap_pgoff(NULL, addr, pages << PAGE_SHIFT, prot,
			    flags | MAP_PRIVATE | MAP_ANONYMOUS, 0);
	up_write(&mm->mmap_sem);
	KT_ASSERT_MSG(!(ret & ~PAGE_MASK), "do_mmap_pgoff: %ld", (long)ret);
	return ret;
}

/* Let every pagevec and per-CPU free list settle, as a quiet system would. */
static inline void mmt_quiesce(void)
{
	lru_add_drain_all();
	drain_all_pages();
}

/* Free pages of node nid once everything has settled. */
static inline unsigned long mmt_free_pages(int nid)
{
	mmt_quiesce();
	return sim_node_free_pages(nid);
}

/* Create a user task with these credentials and return its pid. */
static inline int mmt_task(const char *name, unsigned uid, unsigned caps,
			   int cpu)
{
	struct sim_task_config tc = {
		.name = name,
		.uid = uid,
		.euid = uid,
		.suid = uid,
		.caps = caps,
		.cpu = cpu,
	};
	int pid = sim_task_create(&tc, 0);

	KT_ASSERT_MSG(pid > 0, "task %s: %d", name, pid);
	return pid;
}

static inline void mmt_enter(int pid)
{
	KT_ASSERT_INT_EQ(sim_task_enter(pid), 0);
}

/* mmap anonymous private read-write memory as the current task. */
static inline unsigned long mmt_mmap(unsigned long pages)
{
	long addr = sim_syscall(SIM_NR_mmap, 0, pages << PAGE_SHIFT,
				PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	KT_ASSERT_MSG(addr > 0, "mmap: %ld", addr);
	return addr;
}

/* Fill page i of [addr, addr+pages) with a pattern of its own. */
static inline unsigned long mmt_pattern(unsigned long i, unsigned long word)
{
	return (i * 0x9e3779b97f4a7c15UL) ^ (word * 0x5851f42d4c957f2dUL);
}

static inline void mmt_fill(unsigned long addr, unsigned long pages)
{
	unsigned long buf[PAGE_SIZE / sizeof(unsigned long)];
	unsigned long i, w;

	for (i = 0; i < pages; i++) {
		for (w = 0; w < ARRAY_SIZE(buf); w++)
			buf[w] = mmt_pattern(i, w);
		KT_ASSERT_INT_EQ(
			sim_user_write(addr + i * PAGE_SIZE, buf, PAGE_SIZE),
			0);
	}
}

/* Pages first..first+n of the mmt_fill()ed range at addr that differ. */
static inline unsigned long
mmt_check_range(unsigned long addr, unsigned long first, unsigned long n)
{
	unsigned long buf[PAGE_SIZE / sizeof(unsigned long)];
	unsigned long i, w, bad = 0;

	for (i = first; i < first + n; i++) {
		KT_ASSERT_INT_EQ(
			sim_user_read(addr + i * PAGE_SIZE, buf, PAGE_SIZE), 0);
		for (w = 0; w < ARRAY_SIZE(buf); w++)
			if (buf[w] != mmt_pattern(i, w)) {
				bad++;
				break;
			}
	}
	return bad;
}

/* Number of pages whose contents differ from their pattern. */
static inline unsigned long mmt_check(unsigned long addr, unsigned long pages)
{
	return mmt_check_range(addr, 0, pages);
}

/* The arrays of one move_pages call, in the caller's user memory. */
struct mmt_mp {
	unsigned long nr;
	unsigned long pages, nodes, status; /* user addresses */
};

static inline struct mmt_mp mmt_mp_alloc(unsigned long nr)
{
	struct mmt_mp mp = {.nr = nr};
	unsigned long bytes = nr * (8 + 4 + 4);

	mp.pages = mmt_mmap((bytes + PAGE_SIZE - 1) >> PAGE_SHIFT);
	mp.nodes = mp.pages + nr * 8;
	mp.status = mp.nodes + nr * 4;
	/* fault the arrays in now, so they do not count as migration work */
	KT_ASSERT_INT_EQ(clear_user((void __user *)mp.pages, bytes), 0);
	return mp;
}

static inline void mmt_mp_free(struct mmt_mp *mp)
{
	unsigned long bytes = mp->nr * (8 + 4 + 4);

	sim_syscall(SIM_NR_munmap, mp->pages,
		    (bytes + PAGE_SIZE - 1) & PAGE_MASK, 0, 0, 0, 0);
}

/* pages[i] = addr + i pages, nodes[i] = node, status[i] = sentinel */
static inline void mmt_mp_set(struct mmt_mp *mp, unsigned long addr, int node)
{
	unsigned long i;

	for (i = 0; i < mp->nr; i++) {
		unsigned long a = addr + i * PAGE_SIZE;
		int sentinel = 0x7777;
		KT_ASSERT_INT_EQ(sim_user_write(mp->pages + i * 8, &a, 8), 0);
		KT_ASSERT_INT_EQ(sim_user_write(mp->nodes + i * 4, &node, 4),
				 0);
		KT_ASSERT_INT_EQ(
			sim_user_write(mp->status + i * 4, &sentinel, 4), 0);
	}
}

static inline long mmt_move_pages(int pid, struct mmt_mp *mp, int with_nodes,
				  int flags)
{
	return sim_syscall(SIM_NR_move_pages, pid, mp->nr, mp->pages,
			   with_nodes ? mp->nodes : 0, mp->status, flags);
}

static inline int mmt_status(struct mmt_mp *mp, unsigned long i)
{
	int st;

	KT_ASSERT_INT_EQ(sim_user_read(mp->status + i * 4, &st, 4), 0);
	return st;
}

/*
 * A task that moves another task's pages in a thread of its own (for
 * tests where something must happen while the mover waits): its arrays
 * live in its own memory; ret and done tell how it ended.
 */
struct mmt_mover {
	int pid, target;
	struct mmt_mp mp;
	volatile long ret;
	volatile int done;
};

static inline void mmt_mover_thread(void *arg)
{
	struct mmt_mover *m = arg;

	sim_task_enter(m->pid);
	m->ret = mmt_move_pages(m->target, &m->mp, 1, MPOL_MF_MOVE);
	__atomic_store_n(&m->done, 1, __ATOMIC_RELEASE);
}

/* The pte for addr in mm, or NULL (no allocation). */
static inline pte_t *mmt_pte(struct mm_struct *mm, unsigned long addr)
{
	return sim_walk_pte(mm, addr);
}

/* The page mapped at addr, or NULL. */
static inline struct page *mmt_page(struct mm_struct *mm, unsigned long addr)
{
	pte_t *ptep = mmt_pte(mm, addr);

	if (!ptep || !pte_present(*ptep))
		return NULL;
	return pte_page(*ptep);
}

static inline int mmt_is_migration_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte) && !pte_file(pte) &&
	       is_migration_entry(pte_to_swp_entry(pte));
}

static inline void mmt_note(void *ctx, const char *s, unsigned long len)
{
	sim_ktest_note("%.*s", (int)len, s);
}

/* The whole-machine invariant checker finds nothing wrong. */
static inline void mmt_expect_clean(void)
{
	KT_ASSERT_INT_EQ(sim_check(mmt_note, NULL), 0);
}

#endif
