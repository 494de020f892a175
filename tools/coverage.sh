#!/bin/sh
# tools/coverage.sh - how much of the seed, mm/migrate.c, the tests reach.
#
#   tools/coverage.sh            build, run everything, report
#   tools/coverage.sh --report   report on the counts already collected
#
# Builds the "coverage" preset (gcov: --coverage -O0) in build/coverage,
# clears the counts, runs the whole CTest suite and then every scenario
# in scenarios/ (explore's children dump their counts too), and runs gcov
# on migrate.c's object.  Prints the functions entered (every one of
# migrate.c's must be), the line coverage, and each line never executed
# with its text.  Exits 0 when every function was entered and at least
# MMSIM_COVERAGE_MIN percent (default 95) of the lines ran, 1 otherwise.
# README.md, "Coverage of mm/migrate.c", says why the lines left are
# left.
set -u
cd "$(dirname "$0")/.." || exit 2
min=${MMSIM_COVERAGE_MIN:-95}
build=build/coverage
obj=$build/CMakeFiles/mmsim_migrate.dir/mm
jobs=$(nproc 2>/dev/null || echo 2)

if [ "${1:-}" != "--report" ]; then
	echo "coverage: building the coverage preset in $build" >&2
	# explore's children dump their counts with __gcov_dump (run.c);
	# a weak reference alone does not pull it out of libgcov.a.
	cmake --preset coverage -DCMAKE_EXE_LINKER_FLAGS=-Wl,-u,__gcov_dump \
		>/dev/null || exit 2
	cmake --build --preset coverage -j"$jobs" >/dev/null || exit 2
	find "$build" -name '*.gcda' -delete
	echo "coverage: running the CTest suite" >&2
	ctest --preset coverage -j"$jobs" >"$build/coverage-ctest.log" 2>&1 ||
		echo "coverage: some tests failed (see $build/coverage-ctest.log);" \
			"reporting anyway" >&2
	echo "coverage: running every scenario" >&2
	for f in scenarios/*.mmsim; do
		"$build/mmsim" run "$f" --quiet >/dev/null 2>&1
	done
fi

[ -f "$obj/migrate.c.gcda" ] || {
	echo "coverage: no counts in $obj (run without --report)" >&2
	exit 2
}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && gcov -f -o "$OLDPWD/$obj" "$OLDPWD/$obj/migrate.c.gcda" >gcov.out 2>&1) || {
	cat "$tmp/gcov.out" >&2
	exit 2
}
g=$tmp/migrate.c.gcov
[ -f "$g" ] || { cat "$tmp/gcov.out" >&2; exit 2; }

# The functions of migrate.c (gcov -f also summarizes the inline ones
# of the headers): a definition starts in column 0 in migrate.c.
awk '/^Function / { name = $2; gsub(/\047/, "", name); next }
     /^Lines executed:/ && name != "" { print name, $2; name = "" }' \
	"$tmp/gcov.out" | sort -u -k1,1 >"$tmp/functions"
: >"$tmp/mine"
while read -r name lines; do
	grep -Eq "^[A-Za-z_].*[ *]$name\(" mm/migrate.c &&
		echo "$name $lines" >>"$tmp/mine"
done <"$tmp/functions"

# The counts in front of each source line: a number, ##### (never
# executed), - (no code).
awk -v min="$min" -v fns="$tmp/mine" '
BEGIN {
	while ((getline l < fns) > 0) {
		split(l, a, " ")
		nf++
		pct = a[2]; sub(/^executed:/, "", pct); sub(/%.*/, "", pct)
		if (pct + 0 > 0) entered++
		else never[nn++] = a[1]
	}
}
{
	split($0, f, ":")
	c = f[1]; gsub(/ /, "", c)
	n = f[2]; gsub(/ /, "", n)
	if (n == 0 || c == "-") next
	text = $0
	sub(/^[^:]*:[^:]*:/, "", text)
	total++
	if (c ~ /^#####$|^=====$/) missed[nm++] = sprintf("%5d: %s", n, text)
	else hit++
}
END {
	printf "mm/migrate.c: functions entered %d of %d\n", entered, nf
	for (i = 0; i < nn; i++) printf "  never entered: %s\n", never[i]
	pct = total ? 100.0 * hit / total : 0
	printf "mm/migrate.c: lines executed %.2f%% (%d of %d)\n", pct, hit, total
	printf "lines never executed: %d\n", nm
	for (i = 0; i < nm; i++) print missed[i]
	ok = (nf > 0 && entered == nf && pct >= min)
	printf "target (every function, >= %s%% of the lines): %s\n", min,
	       ok ? "met" : "NOT met"
	exit ok ? 0 : 1
}' "$g"
