#!/bin/sh
# Every example scenario of the language reference still runs and holds:
#
#   doc_examples.sh MMSIM DOC
#
# cuts each fenced block of DOC whose first line starts with "machine"
# into a file of its own, runs it with "MMSIM run --quiet" and wants exit
# status 0 (every expectation held) from each, and at least one block.
set -u
mmsim=$1 doc=$2
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT

awk -v dir="$dir" '
	/^```/ { if (inblock) { inblock = 0; if (out) close(out); out = "" }
		 else { inblock = 1; first = 1 }
		 next }
	inblock && first { first = 0
		if ($0 ~ /^machine /) { n++; out = sprintf("%s/example-%02d.mmsim", dir, n) } }
	inblock && out { print > out }
' "$doc"
fail=0 count=0
for f in "$dir"/example-*.mmsim; do
	[ -e "$f" ] || break
	count=$((count + 1))
	"$mmsim" run --quiet "$f" >"$dir/out" 2>&1
	st=$?
	if [ "$st" -ne 0 ]; then
		echo "FAIL: example $count of $doc exits $st:"
		cat "$f" "$dir/out"
		fail=1
	fi
done
[ "$count" -gt 0 ] || { echo "FAIL: no example in $doc"; exit 1; }
echo "$count examples of $doc run and hold"
exit $fail
