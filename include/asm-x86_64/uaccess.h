/*
 * asm-x86_64/uaccess.h - user memory access (2.6.20 API).  User addresses
 * are simulated: the copies walk the calling task's page tables and fault
 * like the CPU would; an address that cannot be mapped gives -EFAULT, and
 * get_user() then leaves zero in its destination as x86-64 did.
 */
#ifndef __X86_64_UACCESS_H
#define __X86_64_UACCESS_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <asm/page.h>

#define VERIFY_READ 0
#define VERIFY_WRITE 1

/* Both return the number of bytes that could not be copied. */
unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long clear_user(void __user *mem, unsigned long len);
int access_ok(int type, const void __user *addr, unsigned long size);

#define __copy_from_user copy_from_user
#define __copy_to_user copy_to_user

#define get_user(x, ptr)                                                \
	({                                                              \
		unsigned long __gu_val = 0;                             \
		long __gu_err = 0;                                      \
		if (copy_from_user(&__gu_val, (ptr), sizeof(*(ptr)))) { \
			__gu_err = -EFAULT;                             \
			__gu_val = 0;                                   \
		}                                                       \
		(x) = *(__typeof__(*(ptr)) *)&__gu_val;                 \
		__gu_err;                                               \
	})

#define put_user(x, ptr)                                                     \
	({                                                                   \
		__typeof__(*(ptr)) __pu_val = (x);                           \
		copy_to_user((ptr), (const void *)&__pu_val, sizeof(*(ptr))) \
			? -EFAULT                                            \
			: 0;                                                 \
	})

#define __get_user(x, ptr) get_user(x, ptr)
#define __put_user(x, ptr) put_user(x, ptr)

#endif
