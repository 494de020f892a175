/*
 * linux/kernel.h - limits, container_of, min/max, printk (2.6.20).
 *
 * printk and the formatting helpers go through the door: the simulator
 * owns the console.
 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <stdarg.h>
#include <linux/linkage.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bitops.h>
#include <asm/bug.h>
#include <sim/door.h>

#define INT_MAX ((int)(~0U >> 1))
#define INT_MIN (-INT_MAX - 1)
#define UINT_MAX (~0U)
#define LONG_MAX ((long)(~0UL >> 1))
#define LONG_MIN (-LONG_MAX - 1)
#define ULONG_MAX (~0UL)
#define LLONG_MAX ((long long)(~0ULL >> 1))
#define LLONG_MIN (-LLONG_MAX - 1)
#define ULLONG_MAX (~0ULL)

#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))
#define ALIGN(x, a) (((x) + (a)-1) & ~((typeof(x))(a)-1))
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))

#define container_of(ptr, type, member)                            \
	({                                                         \
		const typeof(((type *)0)->member) *__mptr = (ptr); \
		(type *)((char *)__mptr - offsetof(type, member)); \
	})

#define min(x, y)                   \
	({                          \
		typeof(x) _x = (x); \
		typeof(y) _y = (y); \
		(void)(&_x == &_y); \
		_x < _y ? _x : _y;  \
	})
#define max(x, y)                   \
	({                          \
		typeof(x) _x = (x); \
		typeof(y) _y = (y); \
		(void)(&_x == &_y); \
		_x > _y ? _x : _y;  \
	})
#define min_t(type, x, y)              \
	({                             \
		type __x = (x);        \
		type __y = (y);        \
		__x < __y ? __x : __y; \
	})
#define max_t(type, x, y)              \
	({                             \
		type __x = (x);        \
		type __y = (y);        \
		__x > __y ? __x : __y; \
	})

#define KERN_EMERG "<0>"
#define KERN_ALERT "<1>"
#define KERN_CRIT "<2>"
#define KERN_ERR "<3>"
#define KERN_WARNING "<4>"
#define KERN_NOTICE "<5>"
#define KERN_INFO "<6>"
#define KERN_DEBUG "<7>"

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
unsigned long int_sqrt(unsigned long x);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int scnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void panic(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);

#define might_sleep() sim_might_sleep(__FILE__ ":" __stringify(__LINE__))
#define might_sleep_if(cond)           \
	do {                           \
		if (cond)              \
			might_sleep(); \
	} while (0)

#endif
