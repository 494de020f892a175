/* linux/errno.h (2.6.20): asm-generic errno values. */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#include <asm/errno.h>

#define ERESTARTSYS 512
#define ENOIOCTLCMD 515

#endif
