#!/bin/sh
# A scenario that must be refused before it runs, exactly as gcc would
# refuse a file:
#
#   check_error.sh MMSIM DIR FILE LINE COL MESSAGE
#
# runs "MMSIM run FILE" in DIR and checks: exit status 2, and stderr is
# exactly three lines: "FILE:LINE:COL: error: MESSAGE", source line LINE
# of FILE, and a caret under column COL (tabs kept, so it lines up).
set -u
mmsim=$1 dir=$2 file=$3 line=$4 col=$5 msg=$6
cd "$dir" || exit 99
err=$(mktemp) || exit 99
trap 'rm -f "$err"' EXIT

"$mmsim" run "$file" >/dev/null 2>"$err"
got=$?
fail=0
[ "$got" -eq 2 ] || { echo "FAIL: exit status $got, expected 2"; fail=1; }
[ "$(wc -l <"$err")" -eq 3 ] || { echo "FAIL: stderr is not 3 lines"; fail=1; }
[ "$(sed -n 1p "$err")" = "$file:$line:$col: error: $msg" ] ||
	{ echo "FAIL: first line, expected: $file:$line:$col: error: $msg"; fail=1; }
[ "$(sed -n 2p "$err")" = "$(sed -n "${line}p" "$file")" ] ||
	{ echo "FAIL: second line is not line $line of $file"; fail=1; }
# The caret line: the source's first COL-1 characters, each tab kept and
# everything else a blank, then '^'.
want=$(sed -n "${line}p" "$file" | cut -c1-$((col - 1)) | sed 's/[^\t]/ /g')^
[ "$(sed -n 3p "$err")" = "$want" ] ||
	{ echo "FAIL: the caret is not under column $col"; fail=1; }
if [ "$fail" -ne 0 ]; then
	echo "--- stderr:"
	cat "$err"
fi
exit "$fail"
