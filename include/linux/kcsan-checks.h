/*
 * linux/kcsan-checks.h - explicit access checks for the data-race
 * detector (--detect kcsan, sim/engine/kcsan.c).
 *
 * mmsim: 2.6.20 had no KCSAN; these are the names KCSAN gave them in
 * 5.8, for the model's loads and stores of fields the seed reads and
 * writes plainly (page->index, page->flags outside the bitops), which
 * no accessor of the seed's would let the detector see.  The argument is
 * the field's address; its spelling names the field in a report.
 */
#ifndef _LINUX_KCSAN_CHECKS_H
#define _LINUX_KCSAN_CHECKS_H

#include <sim/door.h>

#define kcsan_check_read(ptr, size) sim_kcsan_access((ptr), (size), 0, #ptr)
#define kcsan_check_write(ptr, size) \
	sim_kcsan_access((ptr), (size), SIM_KCSAN_WRITE, #ptr)
#define kcsan_check_atomic_read(ptr, size) \
	sim_kcsan_access((ptr), (size), SIM_KCSAN_ATOMIC, #ptr)
#define kcsan_check_atomic_write(ptr, size)                                 \
	sim_kcsan_access((ptr), (size), SIM_KCSAN_ATOMIC | SIM_KCSAN_WRITE, \
			 #ptr)

#endif
