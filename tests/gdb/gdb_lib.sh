# tests/gdb/gdb_lib.sh - sourced by the gdb tests: skip (77) without gdb
# or its Python, run gdb in batch mode with the helpers auto-loaded, and
# check that every wanted pattern is in its output.
command -v gdb >/dev/null 2>&1 || exit 77
gdb -q -batch -ex 'python print("py-ok")' 2>/dev/null | grep -q py-ok || exit 77

# run_gdb BINARY GDB-ARGS...: the session's output.
run_gdb() {
	bin=$1
	shift
	timeout 120 gdb -q -batch -iex 'add-auto-load-safe-path /' "$@" \
		-ex 'kill' "$bin" 2>&1
}

# expect_all OUTPUT PATTERN...: 0 when every grep pattern matches.
expect_all() {
	text=$1
	shift
	ok=0
	for want in "$@"; do
		if ! printf '%s\n' "$text" | grep -q "$want"; then
			echo "missing '$want' in gdb output" >&2
			ok=1
		fi
	done
	return $ok
}
