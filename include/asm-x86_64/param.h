/*
 * asm-x86_64/param.h (2.6.20): the tick rate.  2.6.20's x86_64 default
 * was CONFIG_HZ_250; mmsim has no timer, and HZ only turns a kernel
 * timeout ("HZ/10") into a length of nap (sim_nap, include/sim/door.h).
 */
#ifndef _ASM_X86_64_PARAM_H
#define _ASM_X86_64_PARAM_H

#define HZ 250
#define USER_HZ 100

#endif
