/*
 * asm-x86_64/bug.h - BUG() and BUG_ON() (2.6.20).  The real one executed
 * ud2 and the trap handler printed "kernel BUG at FILE:LINE!"; here the
 * door prints the same report (with seed and backtrace) and ends the run.
 */
#ifndef _X86_64_BUG_H
#define _X86_64_BUG_H

#include <sim/door.h>

#define BUG() sim_bug(__FILE__, __LINE__, __func__)
#define BUG_ON(condition)                               \
	do {                                            \
		if (__builtin_expect(!!(condition), 0)) \
			BUG();                          \
	} while (0)
#define WARN_ON(condition)                                              \
	({                                                              \
		int __ret_warn_on = !!(condition);                      \
		if (__builtin_expect(__ret_warn_on, 0))                 \
			sim_warn(__FILE__, __LINE__, "%s", #condition); \
		__builtin_expect(__ret_warn_on, 0);                     \
	})
#define VM_BUG_ON(cond) \
	do {            \
	} while (0)
#define HAVE_ARCH_BUG

#endif
