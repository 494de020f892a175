/*
 * sim/scenario/gdb_scripts.c - asks gdb to load sim/gdb/mmsim-gdb.py when
 * it opens the mmsim binary: an entry in the .debug_gdb_scripts section
 * (kind 1: a Python file), the mechanism the gdb manual describes.
 * gdb loads it once the source tree is an auto-load safe path.
 */
#ifndef MMSIM_GDB_SCRIPT
#define MMSIM_GDB_SCRIPT "sim/gdb/mmsim-gdb.py"
#endif

__asm__(".pushsection \".debug_gdb_scripts\", \"MS\",@progbits,1\n"
	".byte 1\n"
	".asciz \"" MMSIM_GDB_SCRIPT "\"\n"
	".popsection\n");
