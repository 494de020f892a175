#!/bin/sh
# Instructions per migrated page: the stable measure of `mmsim bench
# migrate` (wall-clock figures move with the host; this one does not).
#
#   migrate_instructions.sh MMSIM RECORD          check against RECORD
#   migrate_instructions.sh MMSIM RECORD --print  print the figure only
#
# valgrind's callgrind counts the instructions executed inside
# sys_move_pages (--toggle-collect: the syscall and everything it calls,
# the engine's locks, scheduling points and probe hooks included; not the
# bench loop, not the memcpy reference) while 2048 pages move from node 0
# to node 1 in 512-page calls in seeded mode.  The count is deterministic:
# the same build gives the same number on every run.  The check fails when
# it exceeds the figure recorded in RECORD by more than 20%.  Skipped (77),
# with the reason, without valgrind or on a build other than the default
# preset's (the figure is for its flags: sanitizers and coverage change
# the code).
mmsim=$1 record=$2 mode=$3
pages=2048 batch=512

if [ "${MMSIM_INSTR_SKIP:-}" ]; then
	echo "skipped: $MMSIM_INSTR_SKIP"
	exit 77
fi
if ! command -v valgrind >/dev/null 2>&1; then
	echo "skipped: valgrind is not installed (setup.sh installs it)"
	exit 77
fi
out=$(mktemp) err=$(mktemp) cg=$(mktemp)
trap 'rm -f "$out" "$err" "$cg"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$cg" \
	--toggle-collect=sys_move_pages "$mmsim" bench migrate \
	--pages $pages --batch $batch --no-profile >"$out" 2>"$err"
status=$?
if [ $status -ne 0 ] || ! grep -q '^not_migrated=0$' "$out"; then
	echo "the benchmark failed under valgrind (status $status):" >&2
	cat "$out" "$err" >&2
	exit 1
fi
collected=$(sed -n 's/^==[0-9]*== Collected : *\([0-9]*\)$/\1/p' "$err")
if [ -z "$collected" ] || [ "$collected" -eq 0 ]; then
	echo "callgrind collected nothing inside sys_move_pages:" >&2
	cat "$err" >&2
	exit 1
fi
per_page=$((collected / pages))
if [ "$mode" = "--print" ]; then
	echo "$per_page"
	exit 0
fi
recorded=$(sed -n 's/^instructions_per_page=\([0-9]*\)$/\1/p' "$record")
if [ -z "$recorded" ]; then
	echo "$record: no instructions_per_page=N line" >&2
	exit 1
fi
limit=$((recorded + recorded / 5))
echo "instructions_per_page=$per_page recorded=$recorded limit=$limit"
if [ "$per_page" -gt "$limit" ]; then
	echo "instructions per migrated page grew more than 20% over" \
		"$record: find the cause (callgrind_annotate on" \
		"--toggle-collect=sys_move_pages), or record the new figure" \
		"with its reason" >&2
	exit 1
fi
exit 0
