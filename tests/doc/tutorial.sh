#!/usr/bin/env bash
# tutorial.sh DOC BUILD_DIR: run every command of DOC's ```console blocks
# from the top of the clone, with BUILD_DIR first on PATH, and compare
# its output with the lines shown under it.
#
# The rules (docs/tutorial.md states them to the reader): shown lines
# match output lines one for one, in order; a line "..." skips any
# number of output lines; "..." inside a line matches any text there.
# A command naming gdb is skipped (with a note) when gdb is missing.
set -u
doc=$1 build=$2
cd "$(dirname "$doc")/.." || exit 2
export PATH=$build:$PATH

failures=0 commands=0 skipped=0

# glob_of LINE: LINE as a bash pattern, "..." as *, the rest literal.
glob_of() {
	local line=$1 out="" part
	while [[ $line == *...* ]]; do
		part=${line%%...*}
		[ -n "$part" ] && out+=$(printf '%q' "$part")
		out+='*'
		line=${line#*...}
	done
	[ -n "$line" ] && out+=$(printf '%q' "$line")
	printf '%s' "$out"
}

# matches SHOWN_FILE ACTUAL_FILE: the rules above, by backtracking over
# "..." lines (few per block, so the search stays small).
matches() {
	mapfile -t shown <"$1"
	mapfile -t actual <"$2"
	match_from 0 0
}

match_from() {
	local i=$1 j=$2 k pat
	while ((i < ${#shown[@]})); do
		if [ "${shown[i]}" = "..." ]; then
			for ((k = j; k <= ${#actual[@]}; k++)); do
				match_from $((i + 1)) "$k" && return 0
			done
			return 1
		fi
		((j < ${#actual[@]})) || return 1
		pat=$(glob_of "${shown[i]}")
		# shellcheck disable=SC2053 # $pat is a pattern on purpose
		[[ ${actual[j]} == $pat ]] || return 1
		i=$((i + 1)) j=$((j + 1))
	done
	((j == ${#actual[@]}))
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in_block=0 cmd="" n=0

run_one() {
	[ -n "$cmd" ] || return 0
	commands=$((commands + 1))
	if [[ $cmd == *gdb* ]] && ! command -v gdb >/dev/null 2>&1; then
		echo "skipped (no gdb): $cmd"
		skipped=$((skipped + 1))
		return 0
	fi
	timeout 120 bash -c "$cmd" >"$tmp/actual" 2>&1
	if ! matches "$tmp/shown" "$tmp/actual"; then
		echo "FAIL: $doc, command $commands: $cmd"
		echo "--- shown"; cat "$tmp/shown"
		echo "--- actual"; cat "$tmp/actual"
		failures=$((failures + 1))
	fi
}

while IFS= read -r line; do
	n=$((n + 1))
	if [ $in_block = 0 ]; then
		[ "$line" = '```console' ] && in_block=1 cmd=""
		continue
	fi
	if [ "$line" = '```' ]; then
		run_one
		in_block=0 cmd=""
	elif [[ $line == '$ '* ]]; then
		run_one
		cmd=${line#\$ }
		: >"$tmp/shown"
	else
		printf '%s\n' "$line" >>"$tmp/shown"
	fi
done <"$doc"

echo "$doc: $commands command(s), $failures failed, $skipped skipped"
[ $commands -gt 0 ] || { echo "no commands found"; exit 1; }
[ $failures -eq 0 ]
