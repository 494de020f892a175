/* linux/bitmap.h (2.6.20 subset): bitmaps of unsigned longs. */
#ifndef __LINUX_BITMAP_H
#define __LINUX_BITMAP_H

#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/string.h>

#define BITMAP_LAST_WORD_MASK(nbits)                                        \
	(((nbits) % BITS_PER_LONG) ? (1UL << ((nbits) % BITS_PER_LONG)) - 1 \
				   : ~0UL)

static inline void bitmap_zero(unsigned long *dst, int nbits)
{
	memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

static inline void bitmap_fill(unsigned long *dst, int nbits)
{
	int i, n = BITS_TO_LONGS(nbits);
	for (i = 0; i < n; i++)
		dst[i] = ~0UL;
	dst[n - 1] &= BITMAP_LAST_WORD_MASK(nbits);
}

static inline void bitmap_and(unsigned long *dst, const unsigned long *a,
			      const unsigned long *b, int nbits)
{
	int i;
	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		dst[i] = a[i] & b[i];
}

static inline void bitmap_or(unsigned long *dst, const unsigned long *a,
			     const unsigned long *b, int nbits)
{
	int i;
	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		dst[i] = a[i] | b[i];
}

static inline void bitmap_andnot(unsigned long *dst, const unsigned long *a,
				 const unsigned long *b, int nbits)
{
	int i;
	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		dst[i] = a[i] & ~b[i];
}

static inline int bitmap_empty(const unsigned long *src, int nbits)
{
	int i;
	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		if (src[i] & (i == BITS_TO_LONGS(nbits) - 1
				      ? BITMAP_LAST_WORD_MASK(nbits)
				      : ~0UL))
			return 0;
	return 1;
}

static inline int bitmap_equal(const unsigned long *a, const unsigned long *b,
			       int nbits)
{
	int i;
	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		if ((a[i] ^ b[i]) & (i == BITS_TO_LONGS(nbits) - 1
					     ? BITMAP_LAST_WORD_MASK(nbits)
					     : ~0UL))
			return 0;
	return 1;
}

static inline int bitmap_subset(const unsigned long *a, const unsigned long *b,
				int nbits)
{
	int i;
	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		if (a[i] & ~b[i])
			return 0;
	return 1;
}

static inline int bitmap_weight(const unsigned long *src, int nbits)
{
	int i, w = 0;
	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		w += hweight64(src[i] & (i == BITS_TO_LONGS(nbits) - 1
						 ? BITMAP_LAST_WORD_MASK(nbits)
						 : ~0UL));
	return w;
}

/*
 * lib/bitmap.c (lib/bitmap.c): the n-th set bit of old maps to the
 * (n mod weight(new))-th set bit of new; bits not set in old, or an
 * empty new, map to themselves.
 */
extern int bitmap_bitremap(int oldbit, const unsigned long *old,
			   const unsigned long *new, int bits);

#endif
