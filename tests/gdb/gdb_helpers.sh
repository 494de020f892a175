#!/bin/sh
# The gdb helpers auto-load from the binary and work at a breakpoint in the
# seed: lx-ps lists the task, translate-vm walks the tables of task 1 down to
# the first page of the benchmark mapping (mmap starts at TASK_UNMAPPED_BASE),
# lx-dump_page decodes a struct page.  Skipped (77) without gdb or Python.
mmsim=$1
command -v gdb >/dev/null 2>&1 || exit 77
gdb -q -batch -ex 'python print("py-ok")' 2>/dev/null | grep -q py-ok || exit 77
out=$(timeout 120 gdb -q -batch -iex 'add-auto-load-safe-path /' \
	-ex 'break migrate_pages' \
	-ex 'run bench migrate --pages 64 --batch 64' \
	-ex 'lx-ps' -ex 'translate-vm 0x2aaaaaaab000 1' \
	-ex 'lx-dump_page mem_map + 0x100' \
	-ex 'kill' "$mmsim" 2>&1)
status=0
for want in ' bench ' 'pte\[' 'present rw user' 'struct page 0x' \
	'flags:.*reserved'; do
	if ! printf '%s\n' "$out" | grep -q "$want"; then
		echo "missing '$want' in gdb output" >&2
		status=1
	fi
done
[ $status -eq 0 ] || printf '%s\n' "$out" >&2
exit $status
