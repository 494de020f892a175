#!/bin/sh
# explore forks every seed from one setup (a server at the fork point);
# with tasks as threads (MMSIM_SEEDED_THREADS=1) every child boots and
# runs the whole scenario.  Both must give every seed the same status and
# schedule hash, and a failing seed's replay must fail the same way.
#   explore_server.sh MMSIM SCENARIO SEEDS
set -u
mmsim=$1
scenario=$2
seeds=$3
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT

"$mmsim" explore "$scenario" --seeds "$seeds" -k --results "$dir/server" \
	>/dev/null
MMSIM_SEEDED_THREADS=1 "$mmsim" explore "$scenario" --seeds "$seeds" -k \
	--results "$dir/threads" >/dev/null
# seed, status and hash of every seed (messages carry host addresses).
fields() {
	grep '"seed"' "$1" |
		sed -E 's/^\{("seed":[0-9]+,"status":[0-9]+(,"hash":"[0-9a-f]+")?).*/\1/' |
		sort
}
fields "$dir/server" >"$dir/a"
fields "$dir/threads" >"$dir/b"
n=$(wc -l <"$dir/a")
if [ "$n" -eq 0 ] || ! cmp -s "$dir/a" "$dir/b"; then
	echo "server and per-seed boots disagree ($n seeds):" >&2
	diff "$dir/a" "$dir/b" | head -20 >&2
	exit 1
fi
# The first failing seed replays to the same status.
first=$(grep -v '"status":0' "$dir/a" | head -1)
if [ -n "$first" ]; then
	seed=$(echo "$first" | sed 's/"seed":\([0-9]*\).*/\1/')
	want=$(echo "$first" | sed 's/.*"status":\([0-9]*\).*/\1/')
	"$mmsim" replay "$scenario" --seed "$seed" >/dev/null 2>&1
	got=$?
	if [ "$got" != "$want" ]; then
		echo "seed $seed: explore said $want, replay exits $got" >&2
		exit 1
	fi
fi
echo "ok: $n seeds agree"
