#!/bin/sh
# Two runs of one scenario and seed, their traces compared:
#
#   traces.sh same|differ MMSIM FILE SEED "ARGS A" "ARGS B"
#
# runs "MMSIM run FILE --seed SEED -q --trace T ARGS" with each set of
# arguments (word-split) and checks the traces are byte-identical
# (same) or not (differ).  Both traces must have more than 50 lines.
set -u
mode=$1 mmsim=$2 file=$3 seed=$4 args_a=$5 args_b=$6
a=$(mktemp) b=$(mktemp) || exit 99
trap 'rm -f "$a" "$b"' EXIT
# shellcheck disable=SC2086
"$mmsim" run "$file" --seed "$seed" -q --trace "$a" $args_a >/dev/null 2>&1
# shellcheck disable=SC2086
"$mmsim" run "$file" --seed "$seed" -q --trace "$b" $args_b >/dev/null 2>&1
for t in "$a" "$b"; do
	[ "$(wc -l <"$t")" -gt 50 ] || { echo "FAIL: a trace is too short"; exit 1; }
done
if cmp -s "$a" "$b"; then same=1; else same=0; fi
case $mode in
same) [ $same -eq 1 ] || { echo "FAIL: '$args_a' and '$args_b' gave different traces"; exit 1; } ;;
differ) [ $same -eq 0 ] || { echo "FAIL: '$args_a' and '$args_b' gave the same trace"; exit 1; } ;;
esac
echo "seed $seed, '$args_a' vs '$args_b': traces $mode ($(wc -l <"$a") and $(wc -l <"$b") lines)"
