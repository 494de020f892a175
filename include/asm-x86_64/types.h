/* asm-x86_64/types.h (2.6.20) */
#ifndef _X86_64_TYPES_H
#define _X86_64_TYPES_H

typedef unsigned char __u8;
typedef signed char __s8;
typedef unsigned short __u16;
typedef signed short __s16;
typedef unsigned int __u32;
typedef signed int __s32;
typedef unsigned long long __u64;
typedef signed long long __s64;

#define BITS_PER_LONG 64

#endif
