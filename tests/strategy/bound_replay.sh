#!/bin/sh
# A failure found by preempt-bound enumeration replays from its number:
#
#   bound_replay.sh MMSIM FILE K
#
# explores FILE with --strategy preempt-bound:K until the first failure,
# then checks that "mmsim replay FILE --seed N --strategy
# preempt-bound:K" (the command explore printed) and "mmsim run FILE
# --schedule S" (the schedule it printed) both fail with the same first
# message line and the same status.
set -u
mmsim=$1 file=$2 k=$3
out=$(mktemp) || exit 99
trap 'rm -f "$out"' EXIT
"$mmsim" explore "$file" --seeds 0..100000 --strategy "preempt-bound:$k" >"$out" 2>&1
status=$?
cat "$out"
seed=$(sed -n 's/^first failing seed: \([0-9]*\);.*/\1/p' "$out")
[ -n "$seed" ] || { echo "FAIL: no failing schedule"; exit 1; }
first=$(sed -n '2p' "$out")
sched=$(sed -n 's/^schedule: .*--schedule \(.*\)$/\1/p' "$out")
[ -n "$sched" ] || { echo "FAIL: no schedule printed"; exit 1; }
"$mmsim" replay "$file" --seed "$seed" --strategy "preempt-bound:$k" >/dev/null 2>"$out"
got=$?
[ "$got" -eq "$status" ] || { echo "FAIL: replay exited $got, explore $status"; exit 1; }
[ "$(sed -n 1p "$out")" = "$first" ] || { echo "FAIL: replay says '$(sed -n 1p "$out")', explore '$first'"; exit 1; }
"$mmsim" run "$file" -q --schedule "$sched" >/dev/null 2>"$out"
got=$?
[ "$got" -eq "$status" ] || { echo "FAIL: run --schedule exited $got, explore $status"; exit 1; }
[ "$(sed -n 1p "$out")" = "$first" ] || { echo "FAIL: run --schedule says '$(sed -n 1p "$out")'"; exit 1; }
echo "schedule $seed of preempt-bound:$k replays: exit $status, $first"
