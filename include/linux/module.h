/* linux/module.h: mmsim has no modules; EXPORT_SYMBOL records nothing. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/compiler.h>

#define EXPORT_SYMBOL(sym) extern typeof(sym) sym
#define EXPORT_SYMBOL_GPL(sym) extern typeof(sym) sym
#define THIS_MODULE ((void *)0)

#endif
