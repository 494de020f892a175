/*
 * tests/kernel/test_mempolicy.c - the 2.6.20 memory-policy system calls
 * (mm/mempolicy.c) end to end, through the simulated system-call path with
 * their node masks in the calling task's user memory: mbind with
 * MPOL_MF_MOVE/MOVE_ALL/STRICT and its error paths, set_mempolicy and
 * get_mempolicy, migrate_pages with do_migrate_pages' node remapping and
 * migrate_vmas() (the seed's, which skips the last vma).  Every test ends
 * with the machine-wide invariant checker clean.
 */
#include "fstest.h"

/* What libnuma passes: NUMA_NUM_NODES + 1, so that 64 bits are read. */
#define MAXNODE (MAX_NUMNODES + 1)
#define P PAGE_SIZE

/*
 * One page of the current task's memory for masks and results: its own
 * vma (PROT_EXEC keeps it from merging with the data mappings), mapped
 * before them, so it is the lowest vma.  Slot i is the word at ubuf + 8i.
 */
static unsigned long ubuf;

static void ubuf_init(void)
{
	long a = sim_syscall(SIM_NR_mmap, 0, P,
			     PROT_READ | PROT_WRITE | PROT_EXEC,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	KT_ASSERT_MSG(a > 0, "mmap: %ld", a);
	ubuf = a;
	KT_ASSERT_INT_EQ(clear_user((void __user *)ubuf, P), 0);
}

/* Write mask bits into slot; its user address. */
static unsigned long umask_at(int slot, unsigned long bits)
{
	unsigned long u = ubuf + slot * 8;

	KT_ASSERT_INT_EQ(sim_user_write(u, &bits, 8), 0);
	return u;
}

static unsigned long uword(int slot)
{
	unsigned long w;

	KT_ASSERT_INT_EQ(sim_user_read(ubuf + slot * 8, &w, 8), 0);
	return w;
}

static long mbind(unsigned long start, unsigned long len, long mode,
		  unsigned long nodes, unsigned long flags)
{
	return sim_syscall(SIM_NR_mbind, start, len, mode, umask_at(0, nodes),
			   MAXNODE, flags);
}

static long set_mempolicy(long mode, unsigned long nodes)
{
	return sim_syscall(SIM_NR_set_mempolicy, mode, umask_at(0, nodes),
			   MAXNODE, 0, 0, 0);
}

/* get_mempolicy into slots 8 (policy) and 9 (mask). */
static long get_mempolicy(int *mode, unsigned long *mask, unsigned long addr,
			  unsigned long flags)
{
	long ret;
	int m;

	umask_at(8, 0x5a5a5a5a);
	umask_at(9, 0xdeadbeef);
	ret = sim_syscall(SIM_NR_get_mempolicy, ubuf + 64, ubuf + 72, MAXNODE,
			  addr, flags, 0);
	if (ret == 0) {
		KT_ASSERT_INT_EQ(sim_user_read(ubuf + 64, &m, 4), 0);
		if (mode)
			*mode = m;
		if (mask)
			*mask = uword(9);
	}
	return ret;
}

static long migrate_pages(int pid, unsigned long from, unsigned long to)
{
	return sim_syscall(SIM_NR_migrate_pages, pid, MAXNODE,
			   umask_at(1, from), umask_at(2, to), 0, 0);
}

static int node_of(int pid, unsigned long addr)
{
	return sim_page_node(pid, addr);
}

/* The policy get_mempolicy(MPOL_F_ADDR) reports for addr, and its mask. */
static int policy_at(unsigned long addr, unsigned long *mask)
{
	int mode = -1;

	KT_ASSERT_INT_EQ(get_mempolicy(&mode, mask, addr, MPOL_F_ADDR), 0);
	return mode;
}

static int nr_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	int n = 0;

	for (vma = mm->mmap; vma; vma = vma->vm_next)
		n++;
	return n;
}

/* Write page i of [addr, ...) with its pattern (mmt_fill for one page). */
static void fill_page(unsigned long addr, unsigned long i)
{
	unsigned long buf[PAGE_SIZE / sizeof(unsigned long)];
	unsigned long w;

	for (w = 0; w < ARRAY_SIZE(buf); w++)
		buf[w] = mmt_pattern(i, w);
	KT_ASSERT_INT_EQ(sim_user_write(addr + i * P, buf, P), 0);
}

/* ---- mbind ---------------------------------------------------------------- */

KTEST(mbind_bind_move_moves_the_range_and_later_faults_follow_it)
{
	unsigned long addr, mask, i;
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	int app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	mm = current->mm;
	ubuf_init();
	addr = mmt_mmap(16);
	for (i = 0; i < 8; i++)
		fill_page(addr, i);
	for (i = 0; i < 8; i++)
		KT_ASSERT_INT_EQ(node_of(app, addr + i * P), 0);
	KT_ASSERT_INT_EQ(nr_vmas(mm), 2);

	/* bind pages 4..11 to node 1 and move what is there */
	KT_ASSERT_INT_EQ(
		mbind(addr + 4 * P, 8 * P, MPOL_BIND, 1UL << 1, MPOL_MF_MOVE),
		0);
	for (i = 0; i < 8; i++)
		KT_ASSERT_INT_EQ(node_of(app, addr + i * P), i >= 4 ? 1 : 0);

	/* split_vma made three vmas of the one; the middle has the policy */
	KT_ASSERT_INT_EQ(nr_vmas(mm), 4);
	vma = find_vma(mm, addr);
	KT_ASSERT_UINT_EQ(vma->vm_end, addr + 4 * P);
	KT_ASSERT_NULL(vma->vm_policy);
	vma = vma->vm_next;
	KT_ASSERT_UINT_EQ(vma->vm_start, addr + 4 * P);
	KT_ASSERT_UINT_EQ(vma->vm_end, addr + 12 * P);
	KT_ASSERT_NONNULL(vma->vm_policy);
	KT_ASSERT_INT_EQ(vma->vm_policy->policy, MPOL_BIND);
	KT_ASSERT_NULL(vma->vm_next->vm_policy);

	KT_ASSERT_INT_EQ(policy_at(addr + 5 * P, &mask), MPOL_BIND);
	KT_ASSERT_UINT_EQ(mask, 1UL << 1);
	KT_ASSERT_INT_EQ(policy_at(addr, &mask), MPOL_DEFAULT);
	KT_ASSERT_UINT_EQ(mask, 0);
	KT_ASSERT_INT_EQ(policy_at(addr + 12 * P, NULL), MPOL_DEFAULT);

	/* later faults: in the bound range on node 1, beyond it local */
	for (i = 8; i < 16; i++)
		fill_page(addr, i);
	for (i = 8; i < 16; i++)
		KT_ASSERT_INT_EQ(node_of(app, addr + i * P), i < 12 ? 1 : 0);
	KT_ASSERT_INT_EQ(mmt_check(addr, 16), 0);
	mmt_expect_clean();
}

KTEST(mbind_move_leaves_shared_pages_and_move_all_takes_them)
{
	unsigned long addr, buf[PAGE_SIZE / sizeof(unsigned long)];
	long child;
	int app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 1u << CAP_SYS_NICE, 0);
	mmt_enter(app);
	ubuf_init();
	addr = mmt_mmap(2);
	mmt_fill(addr, 2);
	child = sim_syscall(SIM_NR_fork, 0, 0, 0, 0, 0, 0);
	KT_ASSERT_MSG(child > 0, "fork: %ld", child);
	/* the parent rewrites page 1 unchanged: COW gives it its own copy */
	KT_ASSERT_INT_EQ(sim_user_read(addr + P, buf, P), 0);
	KT_ASSERT_INT_EQ(sim_user_write(addr + P, buf, P), 0);
	KT_ASSERT_INT_EQ(page_mapcount(mmt_page(current->mm, addr)), 2);
	KT_ASSERT_INT_EQ(page_mapcount(mmt_page(current->mm, addr + P)), 1);

	/* MOVE: only the page mapped once (migrate_page_add) */
	KT_ASSERT_INT_EQ(mbind(addr, 2 * P, MPOL_BIND, 1UL << 1, MPOL_MF_MOVE),
			 0);
	KT_ASSERT_INT_EQ(node_of(app, addr), 0);
	KT_ASSERT_INT_EQ(node_of(app, addr + P), 1);
	KT_ASSERT_INT_EQ(node_of(child, addr), 0);
	KT_ASSERT_INT_EQ(node_of(child, addr + P), 0);

	/*
	 * 2006: a page migrate_page_add() left alone never reaches
	 * migrate_pages(), so STRICT does not count it: still 0, not -EIO.
	 */
	KT_ASSERT_INT_EQ(mbind(addr, 2 * P, MPOL_BIND, 1UL << 1,
			       MPOL_MF_MOVE | MPOL_MF_STRICT),
			 0);
	KT_ASSERT_INT_EQ(node_of(app, addr), 0);

	/* MOVE_ALL (the caller has CAP_SYS_NICE): the shared page too */
	KT_ASSERT_INT_EQ(
		mbind(addr, 2 * P, MPOL_BIND, 1UL << 1, MPOL_MF_MOVE_ALL), 0);
	KT_ASSERT_INT_EQ(node_of(app, addr), 1);
	KT_ASSERT_INT_EQ(node_of(child, addr), 1);
	KT_ASSERT_INT_EQ(node_of(child, addr + P), 0);
	KT_ASSERT_INT_EQ(page_mapcount(mmt_page(current->mm, addr)), 2);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_enter(child);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_expect_clean();
}

KTEST(mbind_strict_alone_finds_a_misplaced_page_and_changes_nothing)
{
	unsigned long addr;
	int app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	ubuf_init();
	addr = mmt_mmap(2);
	mmt_fill(addr, 2);
	KT_ASSERT_INT_EQ(
		mbind(addr, 2 * P, MPOL_BIND, 1UL << 1, MPOL_MF_STRICT), -EIO);
	KT_ASSERT_INT_EQ(policy_at(addr, NULL), MPOL_DEFAULT);
	KT_ASSERT_INT_EQ(node_of(app, addr), 0);
	/* the pages already conform to {0}: fine */
	KT_ASSERT_INT_EQ(
		mbind(addr, 2 * P, MPOL_BIND, 1UL << 0, MPOL_MF_STRICT), 0);
	KT_ASSERT_INT_EQ(policy_at(addr, NULL), MPOL_BIND);
	/* MPOL_DEFAULT drops STRICT */
	KT_ASSERT_INT_EQ(mbind(addr, 2 * P, MPOL_DEFAULT, 0, MPOL_MF_STRICT),
			 0);
	KT_ASSERT_INT_EQ(policy_at(addr, NULL), MPOL_DEFAULT);
	/* the zero page is never misplaced (PageReserved) */
	addr = mmt_mmap(1);
	KT_ASSERT_INT_EQ(sim_user_touch(addr, 0), 0);
	KT_ASSERT_INT_EQ(mbind(addr, P, MPOL_BIND, 1UL << 1, MPOL_MF_STRICT),
			 0);
	mmt_expect_clean();
}

KTEST(mbind_strict_move_gives_eio_when_pages_cannot_move)
{
	unsigned long addr;
	int app, fd;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	ubuf_init();
	fd = fst_file("f", "failmigrate", 2);
	addr = fst_mmap(fd, 2, MAP_SHARED);
	mmt_fill(addr, 2);
	/* fail_migrate_page: both isolated pages fail with -EIO */
	KT_ASSERT_INT_EQ(mbind(addr, 2 * P, MPOL_BIND, 1UL << 1,
			       MPOL_MF_MOVE | MPOL_MF_STRICT),
			 -EIO);
	KT_ASSERT_INT_EQ(node_of(app, addr), 0);
	KT_ASSERT_INT_EQ(node_of(app, addr + P), 0);
	/* mbind_range ran before migrate_pages: the policy is in place */
	KT_ASSERT_INT_EQ(policy_at(addr, NULL), MPOL_BIND);
	/* without STRICT the failures are not reported */
	KT_ASSERT_INT_EQ(mbind(addr, 2 * P, MPOL_BIND, 1UL << 1, MPOL_MF_MOVE),
			 0);
	KT_ASSERT_INT_EQ(node_of(app, addr), 0);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_expect_clean();
	/* let the file go, with its page cache and buffer heads */
	KT_ASSERT_INT_EQ(sim_syscall(SIM_NR_munmap, addr, 2 * P, 0, 0, 0, 0),
			 0);
	KT_ASSERT_INT_EQ(sim_file_close(fd), 0);
	KT_ASSERT_INT_EQ(sim_file_unlink("f"), 0);
	mmt_expect_clean();
}

KTEST(mbind_move_skips_locked_vmas_unless_strict_walks_them)
{
	unsigned long addr;
	int app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	ubuf_init();
	addr = mmt_mmap(2);
	mmt_fill(addr, 2);
	find_vma(current->mm, addr)->vm_flags |= VM_LOCKED; /* mlock */
	/* 2.6.20's vma_migratable(): a VM_LOCKED vma is not scanned */
	KT_ASSERT_INT_EQ(mbind(addr, 2 * P, MPOL_BIND, 1UL << 1, MPOL_MF_MOVE),
			 0);
	KT_ASSERT_INT_EQ(node_of(app, addr), 0);
	KT_ASSERT_INT_EQ(policy_at(addr, NULL), MPOL_BIND);
	/*
	 * but check_range() walks every vma for STRICT, and the walk
	 * isolates for MOVE: the locked pages move after all
	 */
	KT_ASSERT_INT_EQ(mbind(addr, 2 * P, MPOL_BIND, 1UL << 1,
			       MPOL_MF_MOVE | MPOL_MF_STRICT),
			 0);
	KT_ASSERT_INT_EQ(node_of(app, addr), 1);
	KT_ASSERT_INT_EQ(node_of(app, addr + P), 1);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_expect_clean();
}

KTEST(mbind_move_all_without_cap_sys_nice_gives_eperm)
{
	unsigned long addr;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	ubuf_init();
	addr = mmt_mmap(1);
	mmt_fill(addr, 1);
	KT_ASSERT_INT_EQ(mbind(addr, P, MPOL_BIND, 1UL << 1, MPOL_MF_MOVE_ALL),
			 -EPERM);
	KT_ASSERT_INT_EQ(node_of(current->pid, addr), 0);
	KT_ASSERT_INT_EQ(policy_at(addr, NULL), MPOL_DEFAULT);
	mmt_expect_clean();
}

KTEST(mbind_over_a_hole_gives_efault)
{
	unsigned long addr;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	ubuf_init();
	addr = mmt_mmap(3);
	KT_ASSERT_INT_EQ(sim_syscall(SIM_NR_munmap, addr + P, P, 0, 0, 0, 0),
			 0);
	/*
	 * The pages are left untouched: 2006 leaks pages that check_range
	 * isolated from vmas before the hole (see do_mbind).
	 */
	KT_ASSERT_INT_EQ(mbind(addr, 3 * P, MPOL_BIND, 1UL << 1, 0), -EFAULT);
	KT_ASSERT_INT_EQ(mbind(addr, 3 * P, MPOL_BIND, 1UL << 1, MPOL_MF_MOVE),
			 -EFAULT);
	KT_ASSERT_INT_EQ(policy_at(addr, NULL), MPOL_DEFAULT);
	/* the range runs past the last vma */
	KT_ASSERT_INT_EQ(mbind(addr + 2 * P, 2 * P, MPOL_BIND, 1UL << 1, 0),
			 -EFAULT);
	/* nothing mapped at or above start */
	KT_ASSERT_INT_EQ(mbind(TASK_SIZE - 2 * P, P, MPOL_BIND, 1UL << 1, 0),
			 -EFAULT);
	/* MPOL_DEFAULT may cross holes (MPOL_MF_DISCONTIG_OK) */
	KT_ASSERT_INT_EQ(mbind(addr, 3 * P, MPOL_DEFAULT, 0, 0), 0);
	/* a policy on both sides of the hole, the hole skipped */
	KT_ASSERT_INT_EQ(mbind(addr, P, MPOL_BIND, 1UL << 1, 0), 0);
	KT_ASSERT_INT_EQ(mbind(addr + 2 * P, P, MPOL_BIND, 1UL << 1, 0), 0);
	KT_ASSERT_INT_EQ(mbind(addr, 3 * P, MPOL_DEFAULT, 0, 0), 0);
	KT_ASSERT_INT_EQ(policy_at(addr, NULL), MPOL_DEFAULT);
	KT_ASSERT_INT_EQ(policy_at(addr + 2 * P, NULL), MPOL_DEFAULT);
	mmt_expect_clean();
}

KTEST(mbind_rejects_bad_modes_flags_ranges_and_masks)
{
	unsigned long addr, two[2];
	long r;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	ubuf_init();
	addr = mmt_mmap(2);

	KT_ASSERT_INT_EQ(mbind(addr, P, MPOL_MAX + 1, 1, 0), -EINVAL);
	KT_ASSERT_INT_EQ(mbind(addr, P, -1L, 1, 0), -EINVAL);
	KT_ASSERT_INT_EQ(mbind(addr, P, MPOL_BIND, 1, MPOL_MF_INTERNAL),
			 -EINVAL);
	KT_ASSERT_INT_EQ(mbind(addr + 1, P, MPOL_BIND, 1, 0), -EINVAL);
	KT_ASSERT_INT_EQ(mbind(addr, P, MPOL_BIND, 0, 0), -EINVAL);
	KT_ASSERT_INT_EQ(mbind(addr, P, MPOL_INTERLEAVE, 0, 0), -EINVAL);
	KT_ASSERT_INT_EQ(mbind(addr, P, MPOL_DEFAULT, 1, 0), -EINVAL);
	/* an offline node is dropped by the mems_allowed AND: empty */
	KT_ASSERT_INT_EQ(mbind(addr, P, MPOL_BIND, 1UL << 5, 0), -EINVAL);
	/* PREFERRED with no node means local allocation: fine */
	KT_ASSERT_INT_EQ(mbind(addr, P, MPOL_PREFERRED, 0, 0), 0);
	/* empty range, and a range that wraps */
	KT_ASSERT_INT_EQ(mbind(addr, 0, MPOL_BIND, 1, 0), 0);
	KT_ASSERT_INT_EQ(mbind(addr, -addr + P, MPOL_BIND, 1, 0), -EINVAL);

	/* get_nodes: maxnode 0 wraps to more than PAGE_SIZE*8 bits */
	r = sim_syscall(SIM_NR_mbind, addr, P, MPOL_BIND, umask_at(0, 1), 0, 0);
	KT_ASSERT_INT_EQ(r, -EINVAL);
	r = sim_syscall(SIM_NR_mbind, addr, P, MPOL_BIND, umask_at(0, 1),
			PAGE_SIZE * 8 + 2, 0);
	KT_ASSERT_INT_EQ(r, -EINVAL);
	/* maxnode 1: no bits at all, or a NULL mask: empty */
	r = sim_syscall(SIM_NR_mbind, addr, P, MPOL_BIND, umask_at(0, 1), 1, 0);
	KT_ASSERT_INT_EQ(r, -EINVAL);
	r = sim_syscall(SIM_NR_mbind, addr, P, MPOL_DEFAULT, 0, MAXNODE, 0);
	KT_ASSERT_INT_EQ(r, 0);
	/* maxnode 3 reads two bits: bit 2 of 0x6 is not seen */
	r = sim_syscall(SIM_NR_mbind, addr, P, MPOL_BIND, umask_at(0, 6), 3, 0);
	KT_ASSERT_INT_EQ(r, 0);
	KT_ASSERT_INT_EQ(policy_at(addr, &two[0]), MPOL_BIND);
	KT_ASSERT_UINT_EQ(two[0], 1UL << 1);
	/* bits above MAX_NUMNODES must be zero, up to maxnode - 1 */
	two[0] = 1;
	two[1] = 1;
	KT_ASSERT_INT_EQ(sim_user_write(ubuf, two, 16), 0);
	r = sim_syscall(SIM_NR_mbind, addr, P, MPOL_BIND, ubuf, 129, 0);
	KT_ASSERT_INT_EQ(r, -EINVAL);
	r = sim_syscall(SIM_NR_mbind, addr, P, MPOL_BIND, ubuf, 66, 0);
	KT_ASSERT_INT_EQ(r, -EINVAL);
	two[1] = 2; /* bit 65: beyond maxnode 66's 65 bits */
	KT_ASSERT_INT_EQ(sim_user_write(ubuf, two, 16), 0);
	r = sim_syscall(SIM_NR_mbind, addr, P, MPOL_BIND, ubuf, 66, 0);
	KT_ASSERT_INT_EQ(r, 0);
	/* copy faults */
	r = sim_syscall(SIM_NR_mbind, addr, P, MPOL_BIND, TASK_SIZE - 64,
			MAXNODE, 0);
	KT_ASSERT_INT_EQ(r, -EFAULT);
	/* the word above MAX_NUMNODES, read with get_user, faults */
	r = sim_syscall(SIM_NR_mbind, addr, P, MPOL_BIND, TASK_SIZE - 8, 129,
			0);
	KT_ASSERT_INT_EQ(r, -EFAULT);
	mmt_expect_clean();
}

/* ---- set_mempolicy / get_mempolicy -------------------------------------- */

KTEST(set_mempolicy_interleave_alternates_nodes_by_page_offset)
{
	unsigned long addr, mask, i, n = 16;
	int app, mode;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	ubuf_init();
	addr = mmt_mmap(n);
	KT_ASSERT_INT_EQ(set_mempolicy(MPOL_INTERLEAVE, 3), 0);
	KT_ASSERT(current->flags & PF_MEMPOLICY);
	mmt_fill(addr, n);
	/* anonymous vm_pgoff is addr >> PAGE_SHIFT: node = page number % 2 */
	for (i = 0; i < n; i++)
		KT_ASSERT_INT_EQ(node_of(app, addr + i * P),
				 (int)(((addr >> PAGE_SHIFT) + i) % 2));
	KT_ASSERT_INT_EQ(mmt_check(addr, n), 0);

	KT_ASSERT_INT_EQ(get_mempolicy(&mode, &mask, 0, 0), 0);
	KT_ASSERT_INT_EQ(mode, MPOL_INTERLEAVE);
	KT_ASSERT_UINT_EQ(mask, 3);
	/* MPOL_F_NODE alone: the next interleave node, il_next */
	KT_ASSERT_INT_EQ(get_mempolicy(&mode, NULL, 0, MPOL_F_NODE), 0);
	KT_ASSERT_INT_EQ(mode, 0);
	/* MPOL_F_NODE|MPOL_F_ADDR: the node of the page at addr */
	for (i = 0; i < n; i++) {
		KT_ASSERT_INT_EQ(get_mempolicy(&mode, NULL, addr + i * P,
					       MPOL_F_NODE | MPOL_F_ADDR),
				 0);
		KT_ASSERT_INT_EQ(mode, node_of(app, addr + i * P));
	}
	/* MPOL_F_ADDR: the vma's policy, which is none */
	KT_ASSERT_INT_EQ(policy_at(addr, &mask), MPOL_DEFAULT);

	/* back to the default */
	KT_ASSERT_INT_EQ(
		sim_syscall(SIM_NR_set_mempolicy, MPOL_DEFAULT, 0, 0, 0, 0, 0),
		0);
	KT_ASSERT(!(current->flags & PF_MEMPOLICY));
	KT_ASSERT_NULL(current->mempolicy);
	KT_ASSERT_INT_EQ(get_mempolicy(&mode, &mask, 0, 0), 0);
	KT_ASSERT_INT_EQ(mode, MPOL_DEFAULT);
	KT_ASSERT_UINT_EQ(mask, 0);
	KT_ASSERT_INT_EQ(get_mempolicy(&mode, NULL, 0, MPOL_F_NODE), -EINVAL);
	mmt_expect_clean();
}

KTEST(interleave_without_a_vma_rotates_il_next)
{
	struct page *page[4];
	int i, mode;

	mmt_boot(2, 64 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	ubuf_init();
	KT_ASSERT_INT_EQ(set_mempolicy(MPOL_INTERLEAVE, 3), 0);
	/* swapoff's read_swap_cache_async(entry, NULL, 0): interleave_nodes */
	for (i = 0; i < 4; i++) {
		KT_ASSERT_INT_EQ(get_mempolicy(&mode, NULL, 0, MPOL_F_NODE), 0);
		KT_ASSERT_INT_EQ(mode, i % 2);
		page[i] = alloc_page_vma(GFP_HIGHUSER, NULL, 0);
		KT_ASSERT_NONNULL(page[i]);
		KT_ASSERT_INT_EQ(page_to_nid(page[i]), i % 2);
	}
	for (i = 0; i < 4; i++)
		__free_page(page[i]);
	mmt_expect_clean();
}

/*
 * alloc_pages_current() (mm/mempolicy.c since it moved from page_alloc.c):
 * a kernel allocation made on the task's behalf follows the task's
 * policy, as 2006's did; __GFP_THISNODE, a kernel thread and a thread
 * with no task (mmsim's stand-in for interrupt context) get the local
 * node.
 */
KTEST(alloc_pages_current_follows_the_task_policy)
{
	struct sim_task_config kt = {.name = "kd"};
	struct page *page[6];
	int i, mode, kpid, fd;

	mmt_boot(2, 64 << 20);
	kpid = sim_task_create(&kt, 1);
	KT_ASSERT(kpid > 0);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	ubuf_init();

	/* interleave 0,1: alloc_pages() rotates il_next, 0, 1, 0, 1 ... */
	KT_ASSERT_INT_EQ(set_mempolicy(MPOL_INTERLEAVE, 3), 0);
	for (i = 0; i < 6; i++) {
		KT_ASSERT_INT_EQ(get_mempolicy(&mode, NULL, 0, MPOL_F_NODE), 0);
		KT_ASSERT_INT_EQ(mode, i % 2);
		page[i] = alloc_pages(GFP_KERNEL, 0);
		KT_ASSERT_NONNULL(page[i]);
		KT_ASSERT_INT_EQ(page_to_nid(page[i]), i % 2);
	}
	for (i = 0; i < 6; i++)
		__free_page(page[i]);
	/* ... and the page cache, filled by write(2), alternates too */
	fd = fst_file("il", "shmem", 4);
	KT_ASSERT_INT_EQ(get_mempolicy(&mode, NULL, 0, MPOL_F_NODE), 0);
	fst_fill(fd, 0, 4, 0);
	for (i = 0; i < 4; i++)
		KT_ASSERT_INT_EQ(sim_file_page_node(fd, i), (mode + i) % 2);

	/* __GFP_THISNODE: no policy, the local node */
	for (i = 0; i < 2; i++) {
		page[i] = alloc_pages(GFP_THISNODE | GFP_KERNEL, 0);
		KT_ASSERT_NONNULL(page[i]);
		KT_ASSERT_INT_EQ(page_to_nid(page[i]), 0);
	}
	__free_page(page[0]);
	__free_page(page[1]);

	/* preferred 1 and bind 1 */
	KT_ASSERT_INT_EQ(set_mempolicy(MPOL_PREFERRED, 2), 0);
	page[0] = alloc_pages(GFP_KERNEL, 0);
	KT_ASSERT_INT_EQ(page_to_nid(page[0]), 1);
	KT_ASSERT_INT_EQ(set_mempolicy(MPOL_BIND, 2), 0);
	page[1] = alloc_pages(GFP_HIGHUSER, 0);
	KT_ASSERT_INT_EQ(page_to_nid(page[1]), 1);
	__free_page(page[0]);
	__free_page(page[1]);

	/* no task at all (interrupt context in 2006): the local node */
	{
		struct task_struct *me = current;

		sim_current_task = NULL;
		page[0] = alloc_pages(GFP_KERNEL, 0);
		sim_current_task = me;
		KT_ASSERT_NONNULL(page[0]);
		KT_ASSERT_INT_EQ(page_to_nid(page[0]), 0);
		__free_page(page[0]);
	}
	/* a kernel thread has no policy: the local node */
	mmt_enter(kpid);
	KT_ASSERT_NULL(current->mempolicy);
	page[0] = alloc_pages(GFP_KERNEL, 0);
	KT_ASSERT_INT_EQ(page_to_nid(page[0]), 0);
	__free_page(page[0]);
	mmt_expect_clean();
}

KTEST(set_mempolicy_preferred_and_bind_steer_faults)
{
	unsigned long addr, mask;
	int app, mode;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	ubuf_init();
	addr = mmt_mmap(4);
	KT_ASSERT_INT_EQ(set_mempolicy(MPOL_PREFERRED, 1UL << 1), 0);
	fill_page(addr, 0);
	KT_ASSERT_INT_EQ(node_of(app, addr), 1);
	KT_ASSERT_INT_EQ(get_mempolicy(&mode, &mask, 0, 0), 0);
	KT_ASSERT_INT_EQ(mode, MPOL_PREFERRED);
	KT_ASSERT_UINT_EQ(mask, 1UL << 1);
	/* PREFERRED with no node: local, reported as every online node */
	KT_ASSERT_INT_EQ(set_mempolicy(MPOL_PREFERRED, 0), 0);
	fill_page(addr, 1);
	KT_ASSERT_INT_EQ(node_of(app, addr + P), 0);
	KT_ASSERT_INT_EQ(get_mempolicy(&mode, &mask, 0, 0), 0);
	KT_ASSERT_UINT_EQ(mask, 3);
	KT_ASSERT_INT_EQ(set_mempolicy(MPOL_BIND, 1UL << 1), 0);
	fill_page(addr, 2);
	KT_ASSERT_INT_EQ(node_of(app, addr + 2 * P), 1);
	KT_ASSERT_INT_EQ(get_mempolicy(&mode, &mask, 0, 0), 0);
	KT_ASSERT_INT_EQ(mode, MPOL_BIND);
	KT_ASSERT_UINT_EQ(mask, 1UL << 1);
	/* a vma policy wins over the task's */
	KT_ASSERT_INT_EQ(mbind(addr + 3 * P, P, MPOL_BIND, 1UL << 0, 0), 0);
	fill_page(addr, 3);
	KT_ASSERT_INT_EQ(node_of(app, addr + 3 * P), 0);
	KT_ASSERT_INT_EQ(mmt_check(addr, 4), 0);
	mmt_expect_clean();
}

KTEST(set_and_get_mempolicy_error_paths)
{
	unsigned long addr, two[2] = {~0UL, ~0UL};
	long r;
	int pid;

	mmt_boot(2, 64 << 20);
	pid = mmt_task("app", 1000, 0, 0);
	KT_ASSERT_INT_EQ(sim_task_set_mems_allowed(pid, 1), 0);
	mmt_enter(pid);
	ubuf_init();
	addr = mmt_mmap(1);

	KT_ASSERT_INT_EQ(set_mempolicy(-1, 1), -EINVAL);
	KT_ASSERT_INT_EQ(set_mempolicy(MPOL_MAX + 1, 1), -EINVAL);
	KT_ASSERT_INT_EQ(set_mempolicy(MPOL_INTERLEAVE, 0), -EINVAL);
	/* outside the task's cpuset (contextualize_policy) */
	KT_ASSERT_INT_EQ(set_mempolicy(MPOL_BIND, 2), -EINVAL);
	KT_ASSERT_INT_EQ(set_mempolicy(MPOL_BIND, 1), 0);
	KT_ASSERT_INT_EQ(sim_syscall(SIM_NR_set_mempolicy, MPOL_BIND,
				     TASK_SIZE - 64, MAXNODE, 0, 0, 0),
			 -EFAULT);

	/* a mask shorter than MAX_NUMNODES bits */
	r = sim_syscall(SIM_NR_get_mempolicy, 0, ubuf + 72, MAX_NUMNODES - 1, 0,
			0, 0);
	KT_ASSERT_INT_EQ(r, -EINVAL);
	KT_ASSERT_INT_EQ(get_mempolicy(NULL, NULL, 0, 4), -EINVAL);
	KT_ASSERT_INT_EQ(get_mempolicy(NULL, NULL, addr, 0), -EINVAL);
	KT_ASSERT_INT_EQ(get_mempolicy(NULL, NULL, TASK_SIZE - P, MPOL_F_ADDR),
			 -EFAULT);
	/* MPOL_F_NODE without an interleave policy */
	KT_ASSERT_INT_EQ(get_mempolicy(NULL, NULL, 0, MPOL_F_NODE), -EINVAL);
	/* a 128-bit user mask: the upper word is cleared */
	KT_ASSERT_INT_EQ(sim_user_write(ubuf + 128, two, 16), 0);
	r = sim_syscall(SIM_NR_get_mempolicy, 0, ubuf + 128, 129, 0, 0, 0);
	KT_ASSERT_INT_EQ(r, 0);
	KT_ASSERT_INT_EQ(sim_user_read(ubuf + 128, two, 16), 0);
	KT_ASSERT_UINT_EQ(two[0], 1);
	KT_ASSERT_UINT_EQ(two[1], 0);
	/* more than a page of mask */
	r = sim_syscall(SIM_NR_get_mempolicy, 0, ubuf, PAGE_SIZE * 8 + 65, 0, 0,
			0);
	KT_ASSERT_INT_EQ(r, -EINVAL);
	/* the copy-out faults */
	r = sim_syscall(SIM_NR_get_mempolicy, TASK_SIZE - 64, 0, 0, 0, 0, 0);
	KT_ASSERT_INT_EQ(r, -EFAULT);
	r = sim_syscall(SIM_NR_get_mempolicy, 0, TASK_SIZE - 64, MAXNODE, 0, 0,
			0);
	KT_ASSERT_INT_EQ(r, -EFAULT);
	mmt_expect_clean();
}

/* ---- migrate_pages ------------------------------------------------------- */

KTEST(migrate_pages_moves_a_tasks_pages_from_node0_to_node1)
{
	unsigned long addr, i, n = 64;
	int app, admin;

	mmt_boot(2, 64 << 20);
	admin = mmt_task("admin", 0, 1u << CAP_SYS_NICE, 0);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	ubuf_init();
	addr = mmt_mmap(n);
	mmt_fill(addr, n);
	KT_ASSERT_INT_EQ(migrate_pages(0, 1UL << 0, 1UL << 1), 0);
	for (i = 0; i < n; i++)
		KT_ASSERT_INT_EQ(node_of(app, addr + i * P), 1);
	KT_ASSERT_INT_EQ(node_of(app, ubuf), 1);
	KT_ASSERT_INT_EQ(mmt_check(addr, n), 0);
	/* nothing left on node 0: nothing to do */
	KT_ASSERT_INT_EQ(migrate_pages(0, 1UL << 0, 1UL << 1), 0);
	mmt_expect_clean();

	/* and back, by another user with CAP_SYS_NICE */
	mmt_enter(admin);
	ubuf_init();
	KT_ASSERT_INT_EQ(migrate_pages(app, 1UL << 1, 1UL << 0), 0);
	for (i = 0; i < n; i++)
		KT_ASSERT_INT_EQ(node_of(app, addr + i * P), 0);
	mmt_enter(app);
	KT_ASSERT_INT_EQ(mmt_check(addr, n), 0);
	mmt_expect_clean();
}

KTEST(migrate_pages_permission_and_lookup_paths)
{
	struct sim_task_config kt = {.name = "kthread"};
	unsigned long addr;
	int app, other, admin, mate, kpid;
	long r;

	mmt_boot(2, 64 << 20);
	kpid = sim_task_create(&kt, 1);
	KT_ASSERT(kpid > 0);
	admin = mmt_task("admin", 0, 1u << CAP_SYS_NICE, 0);
	other = mmt_task("other", 2000, 0, 0);
	mate = mmt_task("mate", 1000, 0, 0);
	app = mmt_task("app", 1000, 0, 0);
	KT_ASSERT_INT_EQ(sim_task_set_mems_allowed(app, 1), 0);
	mmt_enter(app);
	addr = mmt_mmap(1);
	mmt_fill(addr, 1);

	/* another uid, no CAP_SYS_NICE; root's uid alone is not enough */
	mmt_enter(other);
	ubuf_init();
	KT_ASSERT_INT_EQ(migrate_pages(app, 1, 2), -EPERM);
	KT_ASSERT_INT_EQ(migrate_pages(4242, 1, 2), -ESRCH);
	KT_ASSERT_INT_EQ(migrate_pages(kpid, 1, 2), -EINVAL);
	r = sim_syscall(SIM_NR_migrate_pages, app, 0, umask_at(1, 1),
			umask_at(2, 2), 0, 0);
	KT_ASSERT_INT_EQ(r, -EINVAL);
	r = sim_syscall(SIM_NR_migrate_pages, app, MAXNODE, TASK_SIZE - 64,
			umask_at(2, 2), 0, 0);
	KT_ASSERT_INT_EQ(r, -EFAULT);

	/* same uid, but node 1 is outside app's cpuset */
	mmt_enter(mate);
	ubuf_init();
	KT_ASSERT_INT_EQ(migrate_pages(app, 1, 2), -EPERM);
	KT_ASSERT_INT_EQ(node_of(app, addr), 0);
	/* within it: allowed, nothing to move */
	KT_ASSERT_INT_EQ(migrate_pages(app, 2, 1), 0);

	/* CAP_SYS_NICE overrides both rules */
	mmt_enter(admin);
	ubuf_init();
	KT_ASSERT_INT_EQ(migrate_pages(app, 1, 2), 0);
	KT_ASSERT_INT_EQ(node_of(app, addr), 1);
	mmt_enter(app);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	mmt_expect_clean();
}

KTEST(migrate_pages_moves_shared_pages_only_with_cap_sys_nice)
{
	unsigned long addr, buf[PAGE_SIZE / sizeof(unsigned long)];
	int app, admin;
	long child;

	mmt_boot(2, 64 << 20);
	admin = mmt_task("admin", 0, 1u << CAP_SYS_NICE, 0);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	ubuf_init();
	addr = mmt_mmap(2);
	mmt_fill(addr, 2);
	child = sim_syscall(SIM_NR_fork, 0, 0, 0, 0, 0, 0);
	KT_ASSERT_MSG(child > 0, "fork: %ld", child);
	KT_ASSERT_INT_EQ(sim_user_read(addr + P, buf, P), 0);
	KT_ASSERT_INT_EQ(sim_user_write(addr + P, buf, P), 0); /* COW */

	/* MPOL_MF_MOVE: the shared page is skipped and not counted */
	KT_ASSERT_INT_EQ(migrate_pages(0, 1, 2), 0);
	KT_ASSERT_INT_EQ(node_of(app, addr), 0);
	KT_ASSERT_INT_EQ(node_of(app, addr + P), 1);
	KT_ASSERT_INT_EQ(node_of(child, addr + P), 0);

	/* MPOL_MF_MOVE_ALL for a CAP_SYS_NICE caller */
	mmt_enter(admin);
	ubuf_init();
	KT_ASSERT_INT_EQ(migrate_pages(app, 1, 2), 0);
	KT_ASSERT_INT_EQ(node_of(app, addr), 1);
	KT_ASSERT_INT_EQ(node_of(child, addr), 1);
	/* the child's own page 1 is not app's to move */
	KT_ASSERT_INT_EQ(node_of(child, addr + P), 0);
	mmt_enter(app);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_enter(child);
	KT_ASSERT_INT_EQ(mmt_check(addr, 2), 0);
	mmt_expect_clean();
}

/*
 * Map n pages per node in nodes (a page range bound to each node with
 * mbind before it is filled), then drop the bindings so that they do not
 * steer anything later.  Range k is [addr + k*n pages, ...).
 */
static unsigned long pages_on_nodes(const int *nodes, int nr, unsigned long n)
{
	unsigned long addr = mmt_mmap(nr * n);
	int k;

	for (k = 0; k < nr; k++)
		KT_ASSERT_INT_EQ(mbind(addr + k * n * P, n * P, MPOL_BIND,
				       1UL << nodes[k], 0),
				 0);
	mmt_fill(addr, nr * n);
	KT_ASSERT_INT_EQ(mbind(addr, nr * n * P, MPOL_DEFAULT, 0, 0), 0);
	return addr;
}

static void expect_nodes(int pid, unsigned long addr, const int *nodes, int nr,
			 unsigned long n)
{
	unsigned long i;
	int k;

	for (k = 0; k < nr; k++)
		for (i = 0; i < n; i++)
			KT_ASSERT_INT_EQ(node_of(pid, addr + (k * n + i) * P),
					 nodes[k]);
}

KTEST(migrate_pages_remaps_sets_of_nodes)
{
	static const int two[2] = {0, 1};
	unsigned long addr, n = 8;
	int app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	ubuf_init();
	addr = pages_on_nodes(two, 2, n);
	expect_nodes(app, addr, two, 2, n);
	/*
	 * Node masks are sets: "{0,1} -> {1,0}" is {0,1} -> {0,1}, and
	 * node_remap maps each node to itself.  No swap, nothing moves.
	 */
	KT_ASSERT_INT_EQ(migrate_pages(0, 3, 3), 0);
	expect_nodes(app, addr, two, 2, n);
	/* two nodes onto one: the n-th source bit to bit (n mod 1) of {1} */
	KT_ASSERT_INT_EQ(migrate_pages(0, 3, 2), 0);
	{
		static const int ones[2] = {1, 1};
		expect_nodes(app, addr, ones, 2, n);
	}
	KT_ASSERT_INT_EQ(mmt_check(addr, 2 * n), 0);
	mmt_expect_clean();
}

KTEST(migrate_pages_shifts_nodes_in_the_2006_pair_order)
{
	static const int three[3] = {0, 1, 2};
	unsigned long a, b, n = 8;
	int app;

	mmt_boot(3, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	ubuf_init();

	/*
	 * {0,1} -> {1,2}: 0 maps to 1 and 1 to 2.  The pair loop first
	 * picks (1,2), whose destination is not a pending source, then
	 * (0,1): a true shift, node 0's pages on 1 and node 1's on 2.
	 */
	a = pages_on_nodes(three, 3, n);
	KT_ASSERT_INT_EQ(migrate_pages(0, 3, 6), 0);
	{
		static const int want[3] = {1, 2, 2};
		expect_nodes(app, a, want, 3, n);
	}
	KT_ASSERT_INT_EQ(mmt_check(a, 3 * n), 0);

	/*
	 * {0,1,2} -> {1,2}: 0->1, 1->2, and 2->1 (ordinal 2 mod weight 2).
	 * Every destination is a pending source, so the scan ends with the
	 * last pair, (2,1); then (1,2) takes node 1's pages, those just
	 * moved from 2 among them, on to 2; then (0,1).  Node 2's pages end
	 * where they started.
	 */
	b = pages_on_nodes(three, 3, n);
	KT_ASSERT_INT_EQ(migrate_pages(0, 7, 6), 0);
	{
		static const int want[3] = {1, 2, 2};
		expect_nodes(app, b, want, 3, n);
	}
	KT_ASSERT_INT_EQ(mmt_check(b, 3 * n), 0);
	mmt_expect_clean();
}

/* ---- migrate_vmas ---------------------------------------------------------- */

static int migrate_calls, migrate_err;
static struct vm_area_struct *migrate_vma;
static unsigned long migrate_from, migrate_to, migrate_flags;

static int count_migrate(struct vm_area_struct *vma, const nodemask_t *from,
			 const nodemask_t *to, unsigned long flags)
{
	migrate_calls++;
	migrate_vma = vma;
	migrate_from = nodes_addr(*from)[0];
	migrate_to = nodes_addr(*to)[0];
	migrate_flags = flags;
	return migrate_err;
}

static struct vm_operations_struct counting_vm_ops = {
	.migrate = count_migrate,
};

KTEST(migrate_vmas_never_calls_the_only_vma)
{
	unsigned long addr, i, n = 8;
	struct mm_struct *mm;
	int app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	mm = current->mm;
	/* one vma: the data and, in its last page, the masks */
	addr = mmt_mmap(n + 1);
	ubuf = addr + n * P;
	mmt_fill(addr, n);
	KT_ASSERT_INT_EQ(nr_vmas(mm), 1);
	mm->mmap->vm_ops = &counting_vm_ops;
	migrate_calls = 0;
	migrate_err = 0;
	KT_ASSERT_INT_EQ(migrate_pages(0, 1, 2), 0);
	/* 2006: for (vma = mm->mmap; vma->vm_next && !err; ...) */
	KT_ASSERT_INT_EQ(migrate_calls, 0);
	for (i = 0; i < n; i++)
		KT_ASSERT_INT_EQ(node_of(app, addr + i * P), 1);
	KT_ASSERT_INT_EQ(mmt_check(addr, n), 0);
	mmt_expect_clean();
}

KTEST(migrate_vmas_calls_every_vma_but_the_last)
{
	unsigned long addr, i, n = 4;
	struct vm_area_struct *first, *last;
	struct mm_struct *mm;
	int app;

	mmt_boot(2, 64 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	mm = current->mm;
	addr = mmt_mmap(n);
	ubuf_init(); /* above the data: the last vma */
	mmt_fill(addr, n);
	KT_ASSERT_INT_EQ(nr_vmas(mm), 2);
	first = mm->mmap;
	last = first->vm_next;
	KT_ASSERT_UINT_EQ(first->vm_start, addr);
	KT_ASSERT_UINT_EQ(last->vm_start, ubuf);
	first->vm_ops = &counting_vm_ops;
	last->vm_ops = &counting_vm_ops;

	/* an error from ->migrate stops everything before any page moves */
	migrate_calls = 0;
	migrate_err = -EBUSY;
	KT_ASSERT_INT_EQ(migrate_pages(0, 1, 2), -EBUSY);
	KT_ASSERT_INT_EQ(migrate_calls, 1);
	for (i = 0; i < n; i++)
		KT_ASSERT_INT_EQ(node_of(app, addr + i * P), 0);

	migrate_calls = 0;
	migrate_err = 0;
	KT_ASSERT_INT_EQ(migrate_pages(0, 1, 2), 0);
	KT_ASSERT_INT_EQ(migrate_calls, 1);
	KT_ASSERT_PTR_EQ(migrate_vma, first);
	/* the caller's from and to arrive in that order */
	KT_ASSERT_UINT_EQ(migrate_from, 1);
	KT_ASSERT_UINT_EQ(migrate_to, 2);
	KT_ASSERT_UINT_EQ(migrate_flags, MPOL_MF_MOVE);
	for (i = 0; i < n; i++)
		KT_ASSERT_INT_EQ(node_of(app, addr + i * P), 1);
	KT_ASSERT_INT_EQ(node_of(app, ubuf), 1);
	KT_ASSERT_INT_EQ(mmt_check(addr, n), 0);
	mmt_expect_clean();
}
