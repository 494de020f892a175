#!/bin/sh
# The acceptance of mmsim minimize (issue 11, item 5):
#
#   minimize_pins.sh MMSIM FILE [migrate.c]
#
# finds FILE's first failing seed in 0..500 (PCT), minimizes it, and
# checks: the minimized schedule has at most as many preemptions as the
# seed's, the written scenario pins it with a schedule statement and
# tells its story (naming mm/migrate.c lines, with a third argument),
# and it fails on 100 of 100 seeds with the seed's status and first
# report line.
set -u
mmsim=$1 file=$2 lines=${3:-}
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
"$mmsim" explore "$file" --seeds 0..500 >"$dir/explore" 2>&1
status=$?
seed=$(sed -n 's/^first failing seed: \([0-9]*\);.*/\1/p' "$dir/explore")
[ -n "$seed" ] || { echo "FAIL: no failing seed in 0..500"; exit 1; }
first=$(sed -n 2p "$dir/explore")
echo "seed $seed fails: exit $status, $first"
"$mmsim" minimize "$file" --seed "$seed" -o "$dir/min.mmsim" >"$dir/log" 2>&1 ||
	{ cat "$dir/log"; echo "FAIL: minimize exited $?"; exit 1; }
cat "$dir/log"
p0=$(sed -n 's/^seed [0-9]*: \([0-9]*\) preemption.*minimized: \([0-9]*\) preemption.*/\1/p' "$dir/log")
p=$(sed -n 's/^seed [0-9]*: \([0-9]*\) preemption.*minimized: \([0-9]*\) preemption.*/\2/p' "$dir/log")
[ -n "$p0" ] && [ -n "$p" ] || { echo "FAIL: no preemption counts"; exit 1; }
[ "$p" -le "$p0" ] || { echo "FAIL: $p preemptions, more than the seed's $p0"; exit 1; }
grep -Eq '^schedule (none|[0-9]+:)' "$dir/min.mmsim" || { echo "FAIL: no schedule statement"; exit 1; }
grep -q '^#   step [0-9]*: ' "$dir/min.mmsim" || { echo "FAIL: no story"; exit 1; }
[ -z "$lines" ] || grep -q '^#   step [0-9]*: .*(mm/migrate.c:[0-9]*)' "$dir/min.mmsim" ||
	{ echo "FAIL: the story names no mm/migrate.c line"; exit 1; }
sed -n '1,/^# The original header/p' "$dir/min.mmsim"
grep '^schedule' "$dir/min.mmsim"
"$mmsim" explore "$dir/min.mmsim" --seeds 0..100 --keep-going >"$dir/explore2" 2>&1
tail -2 "$dir/explore2"
grep -q 'failures=100$' "$dir/explore2" || { echo "FAIL: not 100 failures of 100"; exit 1; }
n=$(grep -c "^seed [0-9]*: .* (exit $status)$" "$dir/explore2")
[ "$n" -eq 100 ] || { echo "FAIL: $n seeds exit $status, not 100"; exit 1; }
# The same first line, but for FILE:LINE: of a failed expectation (the
# written scenario has a header of its own above the same statements).
norm() { sed 's/^[^ :]*:[0-9]*: expectation failed/FILE:LINE: expectation failed/'; }
[ "$(sed -n 2p "$dir/explore2" | norm)" = "$(echo "$first" | norm)" ] ||
	{ echo "FAIL: fails otherwise: $(sed -n 2p "$dir/explore2")"; exit 1; }
echo "minimized: $p0 -> $p preemptions; fails on 100 of 100 seeds"
