#!/bin/sh
# Determinism: one scenario and one seed, run twice, give byte-identical
# traces.   same_trace.sh MMSIM FILE SEED
set -u
mmsim=$1 file=$2 seed=$3
a=$(mktemp) b=$(mktemp) || exit 99
trap 'rm -f "$a" "$b"' EXIT
"$mmsim" run "$file" --seed "$seed" --quiet --trace "$a" || exit 1
"$mmsim" run "$file" --seed "$seed" --quiet --trace "$b" || exit 1
[ "$(wc -l <"$a")" -gt 50 ] || { echo "FAIL: trace too short"; exit 1; }
cmp "$a" "$b" || { echo "FAIL: seed $seed gave two different traces"; exit 1; }
echo "seed $seed: $(wc -l <"$a") identical trace lines, twice"
