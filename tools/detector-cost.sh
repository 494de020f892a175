#!/bin/sh
# tools/detector-cost.sh [MMSIM] - the README's detector cost table: each
# option's slowdown on `mmsim bench explore` (schedules/s, best of 3) and on
# `mmsim explore scenarios/03-faulter-vs-migration.mmsim --seeds 0..300`
# (seconds, best of 3), each a ratio to the same run without it.
mmsim=${1:-build/default/mmsim}
scn=scenarios/03-faulter-vs-migration.mmsim
best_rate() { # the highest schedules_per_s of 3 runs
	for i in 1 2 3; do
		"$mmsim" bench explore --schedules 1500 "$@" |
			sed -n 's/^schedules_per_s=//p'
	done | sort -n | tail -1
}
best_secs() { # the lowest wall time of 3 explores of 03
	for i in 1 2 3; do
		"$mmsim" explore "$scn" --seeds 0..300 "$@" |
			sed -n 's/.* seconds=\([0-9.]*\) .*/\1/p'
	done | sort -n | head -1
}
base_rate=$(best_rate)
base_secs=$(best_secs)
echo "| option | bench explore | scenario 03 |"
echo "|---|---|---|"
for opt in "--detect kasan" "--detect lockdep" "--detect kcsan" \
	"--detect kasan,lockdep,kcsan"; do
	# shellcheck disable=SC2086
	r=$(best_rate $opt)
	# shellcheck disable=SC2086
	s=$(best_secs $opt)
	awk -v o="$opt" -v br="$base_rate" -v r="$r" -v bs="$base_secs" -v s="$s" \
		'BEGIN { printf "| `%s` | %.2fx | %.2fx |\n", o, br / r, s / bs }'
done
for opt in "--check-every 1" "--check-every 100"; do
	# shellcheck disable=SC2086
	s=$(best_secs $opt)
	awk -v o="$opt" -v bs="$base_secs" -v s="$s" \
		'BEGIN { printf "| `%s` | - | %.2fx |\n", o, s / bs }'
done
