#!/bin/sh
# The gdb helpers auto-load from the binary and work at a breakpoint in the
# seed: lx-ps lists the task, translate-vm walks the tables of task 1 down to
# the first page of the benchmark mapping (mmap starts at TASK_UNMAPPED_BASE),
# lx-dump_page decodes a struct page.  Skipped (77) without gdb or Python.
mmsim=$1
. "$(dirname "$0")/gdb_lib.sh"
out=$(run_gdb "$mmsim" -ex 'break migrate_pages' \
	-ex 'run bench migrate --pages 64 --batch 64' \
	-ex 'lx-ps' -ex 'translate-vm 0x2aaaaaaab000 1' \
	-ex 'lx-dump_page mem_map + 0x100')
expect_all "$out" ' bench ' 'pte\[' 'present rw user' 'struct page 0x' \
	'flags:.*reserved' || {
	printf '%s\n' "$out" >&2
	exit 1
}
