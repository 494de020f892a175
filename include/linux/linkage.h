/* linux/linkage.h: asmlinkage is empty on x86-64 C code (2.6.20). */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

#include <linux/stringify.h>

#define asmlinkage
#define ATTRIB_NORET __attribute__((noreturn))
#define NORET_TYPE

#endif
