/* linux/syscalls.h (2.6.20 subset): the system calls mmsim models. */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/linkage.h>
#include <linux/types.h>

asmlinkage long sys_mmap(unsigned long addr, unsigned long len,
			 unsigned long prot, unsigned long flags,
			 unsigned long fd, unsigned long off);
asmlinkage long sys_munmap(unsigned long addr, size_t len);
asmlinkage long sys_fork(void);
asmlinkage long sys_clone(unsigned long clone_flags, unsigned long newsp);
asmlinkage long sys_exit(int error_code);
asmlinkage long sys_getpid(void);
asmlinkage long sys_wait4(pid_t pid, int __user *stat_addr, int options,
			  void __user *ru);
asmlinkage long sys_setuid(uid_t uid);
asmlinkage long sys_setreuid(uid_t ruid, uid_t euid);
asmlinkage long sys_setresuid(uid_t ruid, uid_t euid, uid_t suid);
asmlinkage long sys_getresuid(uid_t __user *ruid, uid_t __user *euid,
			      uid_t __user *suid);
asmlinkage long sys_prctl(int option, unsigned long arg2, unsigned long arg3,
			  unsigned long arg4, unsigned long arg5);
asmlinkage long sys_move_pages(pid_t pid, unsigned long nr_pages,
			       const void __user *__user *pages,
			       const int __user *nodes, int __user *status,
			       int flags);

asmlinkage long sys_mbind(unsigned long start, unsigned long len,
			  unsigned long mode, unsigned long __user *nmask,
			  unsigned long maxnode, unsigned flags);
asmlinkage long sys_set_mempolicy(int mode, unsigned long __user *nmask,
				  unsigned long maxnode);
asmlinkage long sys_get_mempolicy(int __user *policy,
				  unsigned long __user *nmask,
				  unsigned long maxnode, unsigned long addr,
				  unsigned long flags);
asmlinkage long sys_migrate_pages(pid_t pid, unsigned long maxnode,
				  const unsigned long __user *from,
				  const unsigned long __user *to);

#endif
