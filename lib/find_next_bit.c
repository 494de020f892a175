/*
 * lib/find_next_bit.c - stands for lib/find_next_bit.c (2.6.20):
 * search a bitmap for the next set or clear bit.
 */
#include <linux/bitops.h>

unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
			    unsigned long offset)
{
	while (offset < size) {
		unsigned long word = addr[offset / BITS_PER_LONG];
		word &= ~0UL << (offset % BITS_PER_LONG);
		if (word) {
			offset =
				(offset & ~(BITS_PER_LONG - 1UL)) + __ffs(word);
			return offset < size ? offset : size;
		}
		offset = (offset | (BITS_PER_LONG - 1UL)) + 1;
	}
	return size;
}

unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
				 unsigned long offset)
{
	while (offset < size) {
		unsigned long word = ~addr[offset / BITS_PER_LONG];
		word &= ~0UL << (offset % BITS_PER_LONG);
		if (word) {
			offset =
				(offset & ~(BITS_PER_LONG - 1UL)) + __ffs(word);
			return offset < size ? offset : size;
		}
		offset = (offset | (BITS_PER_LONG - 1UL)) + 1;
	}
	return size;
}
