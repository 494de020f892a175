/*
 * arch/x86_64/lib/usercopy.c - copying to and from user space (2.6.20
 * arch/x86_64/lib/usercopy.c and copy_user.S): copy_from_user,
 * copy_to_user, clear_user and access_ok.
 *
 * Every routine first checks the whole range against the user limit
 * (access_ok: below TASK_SIZE, no wrap-around), then moves the data a
 * page at a time through the simulated MMU (sim_user_access), which
 * faults pages in as the CPU would.  Each returns the number of bytes it
 * could not copy, as 2006 did; copy_from_user zero-fills the part of the
 * destination it could not fill, as the x86-64 assembly did, so that
 * get_user() yields 0 on a fault.
 *
 * Deliberate simplifications: the user limit is always TASK_SIZE
 * (2006's USER_DS; there is no set_fs(KERNEL_DS)), and a copy stops at
 * the first byte of the page that faulted rather than at the exact
 * faulting byte, which is the same thing since faults are per page.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/uaccess.h>
#include <asm/mmu.h>

int access_ok(int type, const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	if (a + size < a) /* wraps around */
		return 0;
	return a + size <= TASK_SIZE;
}

/* Bytes from addr up to the end of its page, at most n. */
static inline unsigned long chunk_of(unsigned long addr, unsigned long n)
{
	unsigned long room = PAGE_SIZE - (addr & ~PAGE_MASK);

	return n < room ? n : room;
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long addr = (unsigned long)from;
	unsigned long left = n;
	char *dst = to;

	if (!access_ok(VERIFY_READ, from, n)) {
		memset(to, 0, n);
		return n;
	}
	while (left) {
		unsigned long chunk = chunk_of(addr, left);
		void *kaddr;

		if (sim_user_access(addr, 0, &kaddr))
			break;
		memcpy(dst, kaddr, chunk);
		sim_user_access_end();
		dst += chunk;
		addr += chunk;
		left -= chunk;
	}
	if (left)
		memset(dst, 0, left);
	return left;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	unsigned long addr = (unsigned long)to;
	unsigned long left = n;
	const char *src = from;

	if (!access_ok(VERIFY_WRITE, to, n))
		return n;
	while (left) {
		unsigned long chunk = chunk_of(addr, left);
		void *kaddr;

		if (sim_user_access(addr, 1, &kaddr))
			break;
		memcpy(kaddr, src, chunk);
		sim_user_access_end();
		src += chunk;
		addr += chunk;
		left -= chunk;
	}
	return left;
}

unsigned long clear_user(void __user *mem, unsigned long len)
{
	unsigned long addr = (unsigned long)mem;
	unsigned long left = len;

	if (!access_ok(VERIFY_WRITE, mem, len))
		return len;
	while (left) {
		unsigned long chunk = chunk_of(addr, left);
		void *kaddr;

		if (sim_user_access(addr, 1, &kaddr))
			break;
		memset(kaddr, 0, chunk);
		sim_user_access_end();
		addr += chunk;
		left -= chunk;
	}
	return left;
}
