#!/bin/sh
# Four shards of an exploration, run by GNU parallel and merged by
# mmsim explore-merge, print what one run over all the seeds prints
# (--keep-going, one job), but for the timing fields.  Skipped (77) without
# GNU parallel.
#   explore_shards.sh MMSIM SCENARIO SEEDS
set -u
mmsim=$1
scenario=$2
seeds=$3
if ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
	echo "GNU parallel is not installed: skipped (apt-get install parallel)"
	exit 77
fi
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
untimed() {
	sed 's/seconds=[0-9.]* schedules_per_s=[0-9.]*/seconds=T schedules_per_s=R/' |
		grep -v '^\(RIP\|Call Trace\| \[<\)'
}

"$mmsim" explore "$scenario" --seeds "$seeds" -k | untimed >"$dir/one"
one=$?
parallel --will-cite "$mmsim" explore "$scenario" --seeds "$seeds" -k \
	--shard {}/4 --results "$dir/shard-{}.jsonl" '>/dev/null' ::: 1 2 3 4
"$mmsim" explore-merge "$dir"/shard-*.jsonl | untimed >"$dir/merged"
if ! cmp -s "$dir/one" "$dir/merged"; then
	echo "merged shards differ from one run:" >&2
	diff "$dir/one" "$dir/merged" >&2
	exit 1
fi
grep -q '^schedules=' "$dir/merged" || exit 1
echo "ok: $(tail -1 "$dir/merged")"
