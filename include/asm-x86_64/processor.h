/* asm-x86_64/processor.h (2.6.20 subset): the user address-space limit. */
#ifndef __ASM_X86_64_PROCESSOR_H
#define __ASM_X86_64_PROCESSOR_H

#define TASK_SIZE64 (0x800000000000UL - 4096)
#define TASK_SIZE TASK_SIZE64
#define TASK_UNMAPPED_BASE 0x2aaaaaaab000UL
#define cpu_relax() __builtin_ia32_pause()

#endif
