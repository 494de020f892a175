/*
 * linux/types.h - the kernel's basic types (2.6.20, x86-64).
 */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <linux/stddef.h>
#include <asm/types.h>

typedef unsigned long size_t;
typedef long ssize_t;
typedef long ptrdiff_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef long long loff_t;
typedef long off_t;
typedef unsigned long pgoff_t;
typedef unsigned long sector_t;
typedef unsigned int gfp_t;
typedef unsigned int mode_t;
typedef unsigned int dev_t;
typedef long clock_t;
typedef _Bool bool;

typedef __u8 u8;
typedef __s8 s8;
typedef __u16 u16;
typedef __s16 s16;
typedef __u32 u32;
typedef __s32 s32;
typedef __u64 u64;
typedef __s64 s64;

#endif
