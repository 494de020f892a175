#!/bin/sh
# Run a command and check its exit status and output.
#
#   expect.sh [CHECK]... -- COMMAND [ARG]...
#
# Checks (each may be repeated):
#   --status N        the exit status is exactly N (default 0)
#   --stdout TEXT     stdout contains TEXT (a fixed string)
#   --stdout-re RE    a line of stdout matches the extended regex RE
#   --stdout-lacks T  stdout does not contain T
#   --stderr TEXT     stderr contains TEXT
#   --stderr-lines N  stderr is exactly N lines
#
# On failure, prints what was wrong, the command, and both outputs.
set -u

status=0
checks_file=$(mktemp) || exit 99
out=$(mktemp) || exit 99
err=$(mktemp) || exit 99
trap 'rm -f "$checks_file" "$out" "$err"' EXIT

# The checks are kept one per line (kind TAB argument) to run after.
while [ $# -gt 0 ]; do
	case $1 in
	--status)
		status=$2
		shift 2
		;;
	--stdout | --stdout-re | --stdout-lacks | --stderr | --stderr-lines)
		[ $# -ge 2 ] || { echo "expect.sh: $1 needs an argument" >&2; exit 99; }
		printf '%s\t%s\n' "$1" "$2" >>"$checks_file"
		shift 2
		;;
	--)
		shift
		break
		;;
	*)
		echo "expect.sh: unknown check '$1'" >&2
		exit 99
		;;
	esac
done
[ $# -gt 0 ] || { echo "expect.sh: no command after --" >&2; exit 99; }

"$@" >"$out" 2>"$err"
got=$?

failed=0
fail() {
	echo "FAIL: $*"
	failed=1
}

[ "$got" -eq "$status" ] || fail "exit status $got, expected $status"

tab=$(printf '\t')
while IFS=$tab read -r kind arg; do
	case $kind in
	--stdout)
		grep -qF -e "$arg" "$out" || fail "stdout lacks '$arg'"
		;;
	--stdout-re)
		grep -qE -e "$arg" "$out" || fail "no stdout line matches /$arg/"
		;;
	--stdout-lacks)
		! grep -qF -e "$arg" "$out" || fail "stdout contains '$arg'"
		;;
	--stderr)
		grep -qF -e "$arg" "$err" || fail "stderr lacks '$arg'"
		;;
	--stderr-lines)
		n=$(wc -l <"$err")
		[ "$n" -eq "$arg" ] || fail "stderr has $n lines, expected $arg"
		;;
	esac
done <"$checks_file"

if [ "$failed" -ne 0 ]; then
	echo "command:"
	printf '  %s\n' "$@"
	echo "--- stdout (first 40 lines) ---"
	head -n 40 "$out"
	echo "--- stderr ---"
	cat "$err"
	exit 1
fi
echo "ok: exit $got: $*"
exit 0
