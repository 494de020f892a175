/*
 * kernel/sys.c - stands for arch/x86_64/kernel/entry.S's system call
 * table and the small syscalls of kernel/sys.c, mm/mmap.c and
 * kernel/fork.c: what a simulated task reaches with the syscall
 * instruction.  Pointers are simulated user addresses, as in the kernel.
 * mmap's fd is a handle of fs/simfs/inode.c's file table (one table for
 * the whole machine, not one per process: a simplification).
 */
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/swapops.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include <sim/kernel.h>

asmlinkage long sys_mmap(unsigned long addr, unsigned long len,
			 unsigned long prot, unsigned long flags,
			 unsigned long fd, unsigned long off)
{
	struct mm_struct *mm = current->mm;
	long error;
	struct file *file = NULL;

	error = -EINVAL;
	if (off & ~PAGE_MASK)
		goto out;
	if (!mm)
		return -EINVAL;
	error = -EBADF;
	flags &= ~(MAP_EXECUTABLE | MAP_DENYWRITE);
	if (!(flags & MAP_ANONYMOUS)) {
		/* fd is a handle from sim_file_create/sim_file_open */
		file = fget(fd);
		if (!file)
			goto out;
	}
	down_write(&mm->mmap_sem);
	error = do_mmap_pgoff(file, addr, len, prot, flags, off >> PAGE_SHIFT);
	up_write(&mm->mmap_sem);

	if (file)
		fput(file);
out:
	return error;
}

asmlinkage long sys_munmap(unsigned long addr, size_t len)
{
	struct mm_struct *mm = current->mm;
	int ret;

	if (!mm)
		return -EINVAL;
	down_write(&mm->mmap_sem);
	ret = do_munmap(mm, addr, len);
	up_write(&mm->mmap_sem);
	return ret;
}

asmlinkage long sys_fork(void)
{
	return do_fork_sim(0);
}

/* Only the flags that matter to memory: CLONE_VM makes a thread. */
asmlinkage long sys_clone(unsigned long clone_flags, unsigned long newsp)
{
	return do_fork_sim(clone_flags & CLONE_VM);
}

asmlinkage long sys_exit(int error_code)
{
	do_exit_sim((error_code & 0xff) << 8);
	return 0;
}

asmlinkage long sys_getpid(void)
{
	return current->tgid;
}

typedef long (*syscall_fn)(long, long, long, long, long, long);

#define SYSCALL(nr, fn) [nr] = (syscall_fn)(fn)

static const syscall_fn sys_call_table[] = {
	SYSCALL(SIM_NR_mmap, sys_mmap),
	SYSCALL(SIM_NR_munmap, sys_munmap),
	SYSCALL(SIM_NR_getpid, sys_getpid),
	SYSCALL(SIM_NR_clone, sys_clone),
	SYSCALL(SIM_NR_fork, sys_fork),
	SYSCALL(SIM_NR_exit, sys_exit),
	SYSCALL(SIM_NR_move_pages, sys_move_pages),
	SYSCALL(SIM_NR_mbind, sys_mbind),
	SYSCALL(SIM_NR_set_mempolicy, sys_set_mempolicy),
	SYSCALL(SIM_NR_get_mempolicy, sys_get_mempolicy),
	SYSCALL(SIM_NR_migrate_pages, sys_migrate_pages),
};

long sim_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	long ret;

	if (nr < 0 || nr >= (long)ARRAY_SIZE(sys_call_table) ||
	    !sys_call_table[nr])
		return -ENOSYS;
	if (current->exit_state) /* killed: makes no more calls */
		return -ESRCH;
	sim_ticks_advance(1); /* the kernel entry and exit themselves */
	sim_trace("sys_enter", "NR %ld (%lx, %lx, %lx, %lx, %lx, %lx)", nr, a1,
		  a2, a3, a4, a5, a6);
	ret = sys_call_table[nr](a1, a2, a3, a4, a5, a6);
	sim_trace("sys_exit", "NR %ld = %ld", nr, ret);
	sim_task_return_to_user();
	return ret;
}

/*
 * The task's own loads and stores are user mode: a fault taken there
 * returns to user space, where a pending SIGKILL is delivered.
 */
static long user_access_done(long ret)
{
	if (sim_task_return_to_user())
		return -EFAULT;
	return ret;
}

long sim_user_read(unsigned long addr, void *buf, unsigned long len)
{
	return user_access_done(
		copy_from_user(buf, (const void __user *)addr, len) ? -EFAULT
								    : 0);
}

long sim_user_write(unsigned long addr, const void *buf, unsigned long len)
{
	return user_access_done(
		copy_to_user((void __user *)addr, buf, len) ? -EFAULT : 0);
}

long sim_user_touch(unsigned long addr, int write)
{
	char c;

	if (copy_from_user(&c, (const void __user *)addr, 1))
		return user_access_done(-EFAULT);
	if (write && copy_to_user((void __user *)addr, &c, 1))
		return user_access_done(-EFAULT);
	return user_access_done(0);
}

int sim_page_node(int pid, unsigned long addr)
{
	struct mm_struct *mm;
	pte_t *ptep, pte;
	int ret = -ENOENT;

	if (sim_get_pid_mm(pid, &mm))
		return -ESRCH;
	if (!mm)
		return -ENOENT;
	down_read(&mm->mmap_sem);
	ptep = sim_walk_pte(mm, addr);
	if (ptep) {
		pte = *ptep;
		if (pte_present(pte))
			ret = page_to_nid(pte_page(pte));
		else if (!pte_none(pte) && !pte_file(pte) &&
			 is_migration_entry(pte_to_swp_entry(pte)))
			ret = -EAGAIN;
	}
	up_read(&mm->mmap_sem);
	mmput(mm);
	return ret;
}
