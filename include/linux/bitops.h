/* linux/bitops.h (2.6.20): the arch bit operations plus helpers. */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/compiler.h>
#include <asm/types.h>
#include <asm/bitops.h>

#define BITS_TO_LONGS(bits) (((bits) + 63) / 64)

static inline unsigned long hweight_long(unsigned long w)
{
	return hweight64(w);
}

#endif
