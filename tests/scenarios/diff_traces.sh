#!/bin/sh
# Seeds matter: a racy scenario under several seeds gives at least two
# different traces.   diff_traces.sh MMSIM FILE SEED...
set -u
mmsim=$1 file=$2
shift 2
t=$(mktemp) || exit 99
trap 'rm -f "$t"' EXIT
hashes=
for seed in "$@"; do
	"$mmsim" run "$file" --seed "$seed" --quiet --trace "$t" || exit 1
	h=$(md5sum <"$t" | cut -d' ' -f1)
	echo "seed $seed: trace $h"
	hashes="$hashes$h
"
done
n=$(printf '%s' "$hashes" | sort -u | grep -c .)
[ "$n" -ge 2 ] || { echo "FAIL: $# seeds, $n distinct trace(s)"; exit 1; }
echo "$n distinct traces"
