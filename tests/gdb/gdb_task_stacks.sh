#!/bin/sh
# Seeded tasks are contexts, not threads, and gdb still shows each: at a
# breakpoint in the mover (scenario 07: the faulter sleeps on the page
# lock), mmsim-tasks lists both with their state, mmsim-task 1 prints the
# faulter's own stack down to migration_entry_wait, and the registers come
# back afterwards (bt is the mover's again).  Skipped (77) without gdb or
# Python.
mmsim=$1
scenario=$2
. "$(dirname "$0")/gdb_lib.sh"
out=$(run_gdb "$mmsim" -ex 'break remove_migration_ptes' \
	-ex "run run $scenario > /dev/null" \
	-ex 'mmsim-tasks' -ex 'mmsim-task 1' -ex 'echo ==after==\n' \
	-ex 'bt 1')
status=0
expect_all "$out" 'faulter *blocked *context *wait_on_page_bit' \
	'mover *running' 'migration_entry_wait (mm' '==after==' \
	'^#0  remove_migration_ptes' || status=1
# The faulter's stack, not the mover's, before ==after==.
if printf '%s\n' "$out" | sed '/==after==/q' | grep -q 'in unmap_and_move'; then
	echo "mmsim-task 1 showed the mover's stack" >&2
	status=1
fi
[ $status -eq 0 ] || printf '%s\n' "$out" >&2
exit $status
