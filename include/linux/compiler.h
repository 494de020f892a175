/*
 * linux/compiler.h - compiler attributes and sparse annotations (2.6.20).
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#include <linux/autoconf.h>
#include <sim/door.h>
#include <linux/kcsan-checks.h>

#define __user
#define __kernel
#define __iomem
#define __force
#define __bitwise
#define __acquires(x)
#define __releases(x)
#define __must_check __attribute__((warn_unused_result))
#define __always_inline inline __attribute__((always_inline))
#define noinline __attribute__((noinline))
#define __attribute_const__ __attribute__((__const__))
#define __maybe_unused __attribute__((unused))
#define __used __attribute__((used))
#define __read_mostly
#define __init
#define __initdata
#define __exit
#define __cacheline_aligned_in_smp
#define ____cacheline_aligned_in_smp
#define fastcall
#define FASTCALL(x) x

/*
 * mmsim: data_race(expr) evaluates expr with the data-race detector
 * (--detect kcsan) looking away: for the accesses 2.6.20 makes without
 * ordering on purpose.  Each use says why.  (KCSAN's macro of 5.8.)
 */
#define data_race(expr)                                       \
	({                                                    \
		typeof(expr) __data_race_v;                   \
		if (__builtin_expect(sim_kcsan_enabled, 0)) { \
			sim_kcsan_nest(1);                    \
			__data_race_v = (expr);               \
			sim_kcsan_nest(-1);                   \
		} else {                                      \
			__data_race_v = (expr);               \
		}                                             \
		__data_race_v;                                \
	})

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define barrier() __asm__ __volatile__("" : : : "memory")

#endif
