#!/bin/sh
# An exploration whose seeds may end in only some statuses:
#
#   explore_statuses.sh ALLOWED MMSIM explore FILE --seeds A..B [...]
#
# runs the explore command, prints everything it printed (the evidence:
# each failing seed, the first failure's report, the summary) and checks:
# the summary line is there, every "seed N: ... (exit S)" line has S in
# ALLOWED (comma-separated, e.g. 3), and explore's own exit status is 0
# or in ALLOWED.  A status outside the list (1: an expectation failed,
# 4: the simulator failed, a hang stopped by the timeout) fails the test.
set -u
allowed=$1
shift
out=$(mktemp) || exit 99
trap 'rm -f "$out"' EXIT

"$@" >"$out" 2>&1
status=$?
cat "$out"
fail=0
in_allowed() {
	case ",0,$allowed," in
	*",$1,"*) return 0 ;;
	esac
	return 1
}
grep -Eq '^schedules=[0-9]+ seconds=[0-9.]+ schedules_per_s=[0-9.]+ distinct_interleavings=[0-9]+ failures=[0-9]+$' "$out" ||
	{ echo "FAIL: no summary line"; fail=1; }
in_allowed "$status" || { echo "FAIL: explore exited $status"; fail=1; }
bad=$(sed -n 's/^seed \([0-9]*\): .* (exit \([0-9]*\))$/\1 \2/p' "$out" |
	while read -r seed st; do
		in_allowed "$st" || echo "seed $seed exited $st"
	done)
[ -z "$bad" ] || { echo "FAIL: statuses outside 0,$allowed:"; echo "$bad"; fail=1; }
n=$(grep -c '^seed [0-9]*: .* (exit 3)$' "$out")
echo "--- seeds ending with exit 3 (the kernel misbehaved): $n"
exit "$fail"
