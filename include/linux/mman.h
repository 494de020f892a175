/* linux/mman.h (2.6.20): mmap flags and their translation to vm_flags. */
#ifndef _LINUX_MMAN_H
#define _LINUX_MMAN_H

#include <linux/mm.h>
#include <asm/mman.h>

#define _calc_vm_trans(x, bit1, bit2)                          \
	((bit1) <= (bit2) ? ((x) & (bit1)) * ((bit2) / (bit1)) \
			  : ((x) & (bit1)) / ((bit1) / (bit2)))

static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return _calc_vm_trans(prot, PROT_READ, VM_READ) |
	       _calc_vm_trans(prot, PROT_WRITE, VM_WRITE) |
	       _calc_vm_trans(prot, PROT_EXEC, VM_EXEC);
}

static inline unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return _calc_vm_trans(flags, MAP_GROWSDOWN, VM_GROWSDOWN) |
	       _calc_vm_trans(flags, MAP_DENYWRITE, VM_DENYWRITE) |
	       _calc_vm_trans(flags, MAP_EXECUTABLE, VM_EXECUTABLE) |
	       _calc_vm_trans(flags, MAP_LOCKED, VM_LOCKED);
}

#endif
