/*
 * asm-x86_64/bitops.h - atomic and non-atomic bit operations (2.6.20 API).
 *
 * mmsim: the test_and_ operations are fully ordered in Linux, and tell the
 * data-race detector so (sim_hb_rmw, as the value-returning atomics of
 * atomic.h do); set_bit, clear_bit and change_bit order nothing.
 */
#ifndef _X86_64_BITOPS_H
#define _X86_64_BITOPS_H

#include <linux/compiler.h>

#define BITOP_WORD(nr) ((nr) / 64)
#define BITOP_MASK(nr) (1UL << ((nr) % 64))

static inline void set_bit(int nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(addr + BITOP_WORD(nr), BITOP_MASK(nr),
			  __ATOMIC_SEQ_CST);
}

static inline void clear_bit(int nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(addr + BITOP_WORD(nr), ~BITOP_MASK(nr),
			   __ATOMIC_SEQ_CST);
}

static inline void change_bit(int nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(addr + BITOP_WORD(nr), BITOP_MASK(nr),
			   __ATOMIC_SEQ_CST);
}

static inline int test_and_set_bit(int nr, volatile unsigned long *addr)
{
	sim_hb_rmw(addr + BITOP_WORD(nr));
	return (__atomic_fetch_or(addr + BITOP_WORD(nr), BITOP_MASK(nr),
				  __ATOMIC_SEQ_CST) &
		BITOP_MASK(nr)) != 0;
}

static inline int test_and_clear_bit(int nr, volatile unsigned long *addr)
{
	sim_hb_rmw(addr + BITOP_WORD(nr));
	return (__atomic_fetch_and(addr + BITOP_WORD(nr), ~BITOP_MASK(nr),
				   __ATOMIC_SEQ_CST) &
		BITOP_MASK(nr)) != 0;
}

static inline int test_and_change_bit(int nr, volatile unsigned long *addr)
{
	sim_hb_rmw(addr + BITOP_WORD(nr));
	return (__atomic_fetch_xor(addr + BITOP_WORD(nr), BITOP_MASK(nr),
				   __ATOMIC_SEQ_CST) &
		BITOP_MASK(nr)) != 0;
}

static inline int test_bit(int nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(addr + BITOP_WORD(nr), __ATOMIC_RELAXED) &
		BITOP_MASK(nr)) != 0;
}

static inline void __set_bit(int nr, volatile unsigned long *addr)
{
	addr[BITOP_WORD(nr)] |= BITOP_MASK(nr);
}

static inline void __clear_bit(int nr, volatile unsigned long *addr)
{
	addr[BITOP_WORD(nr)] &= ~BITOP_MASK(nr);
}

static inline int __test_and_set_bit(int nr, volatile unsigned long *addr)
{
	int old = test_bit(nr, addr);
	__set_bit(nr, addr);
	return old;
}

static inline int __test_and_clear_bit(int nr, volatile unsigned long *addr)
{
	int old = test_bit(nr, addr);
	__clear_bit(nr, addr);
	return old;
}

static inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

static inline int fls(int x)
{
	return x ? 32 - __builtin_clz((unsigned int)x) : 0;
}

static inline int fls64(unsigned long x)
{
	return x ? 64 - __builtin_clzl(x) : 0;
}

static inline int ffs(int x)
{
	return __builtin_ffs(x);
}

static inline unsigned long hweight64(unsigned long w)
{
	return __builtin_popcountl(w);
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
			    unsigned long offset);
unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
				 unsigned long offset);
#define find_first_bit(addr, size) find_next_bit((addr), (size), 0)
#define find_first_zero_bit(addr, size) find_next_zero_bit((addr), (size), 0)

#define smp_mb__before_clear_bit() barrier()
#define smp_mb__after_clear_bit() barrier()

#endif
