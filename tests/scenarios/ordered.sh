#!/bin/sh
# Lines in order: runs a scenario with its trace and checks that lines
# matching each extended regex appear, each after the previous match.
#   ordered.sh MMSIM FILE SEED RE...
set -u
mmsim=$1 file=$2 seed=$3
shift 3
t=$(mktemp) || exit 99
trap 'rm -f "$t"' EXIT
"$mmsim" run "$file" --seed "$seed" --quiet --trace "$t" || exit 1
from=1
for re in "$@"; do
	n=$(tail -n +"$from" "$t" | grep -n -m1 -E -e "$re" | cut -d: -f1)
	if [ -z "$n" ]; then
		echo "FAIL: no line matching /$re/ after line $from"
		exit 1
	fi
	from=$((from + n))
	echo "line $((from - 1)): $(sed -n "$((from - 1))p" "$t")"
done
