/*
 * lib/int_sqrt.c - 2.6.20's integer square root, shared by
 * mm/page_alloc.c (min_free_kbytes) and mm/oom_kill.c (badness).
 */
#include <linux/kernel.h>

/* integer square root (rounded down) */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long op, res, one;

	op = x;
	res = 0;

	one = 1UL << (BITS_PER_LONG - 2);
	while (one > op)
		one >>= 2;

	while (one != 0) {
		if (op >= res + one) {
			op = op - (res + one);
			res = res + 2 * one;
		}
		res /= 2;
		one /= 4;
	}
	return res;
}
