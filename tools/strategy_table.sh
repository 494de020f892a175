#!/bin/sh
# tools/strategy_table.sh - seeds and seconds until the first failure of
# scenarios 08, 17 and 19 under each scheduling strategy, as a Markdown
# table (the README's "Strategies" table).
#
#   tools/strategy_table.sh [MMSIM] [LIMIT]
#
# Each cell runs "mmsim explore FILE --seeds 0..LIMIT --strategy S", which
# stops at the first failing seed: the cell is the number of schedules
# run up to and including it, and the seconds explore took; "none in N"
# when no seed of the range failed, "exhausted after N" when a
# preempt-bound space ended first.  LIMIT defaults to 5000.
set -u
mmsim=${1:-build/default/mmsim}
limit=${2:-5000}
here=$(dirname "$0")/..
strategies="pct pct:1 pct:10 random preempt-bound:0 preempt-bound:1 preempt-bound:2"

cell() {
	out=$("$mmsim" explore "$1" --seeds "0..$limit" --strategy "$2" 2>/dev/null)
	secs=$(printf '%s\n' "$out" | sed -n 's/^schedules=\([0-9]*\) seconds=\([0-9.]*\) .*/\2/p')
	n=$(printf '%s\n' "$out" | sed -n 's/^schedules=\([0-9]*\) .*/\1/p')
	if printf '%s\n' "$out" | grep -q '^first failing seed: '; then
		printf '%s (%s s)' "$n" "$secs"
	elif printf '%s\n' "$out" | grep -q '^schedule space exhausted'; then
		printf 'exhausted after %s, no failure (%s s)' "$n" "$secs"
	else
		printf 'none in %s (%s s)' "$n" "$secs"
	fi
}

printf '| scenario |'
for s in $strategies; do printf ' `%s` |' "$s"; done
printf '\n|---|'
for s in $strategies; do printf -- '---|'; done
printf '\n'
for sc in 08 17 19; do
	file=$(ls "$here"/scenarios/$sc-*.mmsim)
	printf '| %s |' "$sc"
	for s in $strategies; do printf ' %s |' "$(cell "$file" "$s")"; done
	printf '\n'
done
