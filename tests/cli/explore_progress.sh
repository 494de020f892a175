#!/bin/sh
# explore's progress line: on a terminal (a pty from script(1)) an
# exploration longer than a second shows "N/T seeds, R/s, K distinct
# interleavings, F failed, ETA S s" on stderr and clears it before the
# summary; with stderr not a terminal it says nothing there.  Skipped (77)
# without script(1).
#   explore_progress.sh MMSIM SCENARIO
set -u
mmsim=$1
scenario=$2
command -v script >/dev/null 2>&1 || exit 77
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
# Enough seeds for about three seconds at this build's rate (a sanitizer
# build is many times slower than the default one, and a fast host
# explores a fixed count in under the second the line waits for); --jobs 1.
rate=$("$mmsim" explore "$scenario" --seeds 0..200 -k 2>/dev/null |
	sed -n 's/.* schedules_per_s=\([0-9]*\).*/\1/p')
seeds=$(( ${rate:-100} * 3 ))
[ "$seeds" -ge 200 ] || seeds=200
timeout 120 script -qec "'$mmsim' explore '$scenario' --seeds 0..$seeds -k" /dev/null \
	>"$dir/tty" 2>&1
tr '\r' '\n' <"$dir/tty" >"$dir/lines"
if ! grep -aEq "[0-9]+/$seeds seeds, [0-9]+/s, [0-9]+ distinct interleavings, [0-9]+ failed, ETA [0-9]+ s" "$dir/lines"; then
	echo "no progress line on the terminal ($seeds seeds):" >&2
	tail -5 "$dir/lines" >&2
	exit 1
fi
grep -aq "^.*schedules=$seeds " "$dir/lines" || { echo "no summary" >&2; exit 1; }
"$mmsim" explore "$scenario" --seeds 0..$seeds -k >/dev/null 2>"$dir/err"
if [ -s "$dir/err" ]; then
	echo "stderr not a terminal, yet explore wrote to it:" >&2
	head -3 "$dir/err" >&2
	exit 1
fi
echo ok
