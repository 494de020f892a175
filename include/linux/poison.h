/* linux/poison.h (2.6.20): values written into dead list entries. */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

#define LIST_POISON1 ((void *)0x00100100)
#define LIST_POISON2 ((void *)0x00200200)

#endif
