/*
 * linux/init.h - boot-time initcalls (2.6.20 levels).  Each level is a
 * linker section of function pointers; the boot code runs them in level
 * order once memory is up, as do_initcalls() did.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

typedef int (*initcall_t)(void);

#define __define_initcall(level, fn)                      \
	static initcall_t __initcall_##fn __attribute__(( \
		used, section("mmsim_initcall" level), aligned(8))) = fn

#define core_initcall(fn) __define_initcall("1", fn)
#define postcore_initcall(fn) __define_initcall("2", fn)
#define arch_initcall(fn) __define_initcall("3", fn)
#define subsys_initcall(fn) __define_initcall("4", fn)
#define fs_initcall(fn) __define_initcall("5", fn)
#define device_initcall(fn) __define_initcall("6", fn)
#define late_initcall(fn) __define_initcall("7", fn)
#define __initcall(fn) device_initcall(fn)
#define module_init(fn) device_initcall(fn)

/* Runs every initcall, level by level (init/main.c). */
void do_initcalls(void);

#endif
