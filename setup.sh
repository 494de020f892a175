#!/usr/bin/env bash
# setup.sh - install what mmsim needs, build it, and run the demo or the tests.
#
#   ./setup.sh          install, build the default preset, run the demo
#   ./setup.sh test     install, build, run the whole suite: the default
#                       preset's, the asan preset's, the free-mode tests
#                       under the tsan preset, and 60 s of the parser fuzzer
#   ./setup.sh asan     install, build the asan preset, run its suite only
#
# Meant for Debian 12 (apt); safe to run again: it installs only what is
# missing and rebuilds only what changed.  Works as root without sudo, and
# with no terminal (CI).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

# ---- the demo: the one place that says what ./setup.sh shows -------------
run_demo() {
	build/default/mmsim run scenarios/demo.mmsim
}

# Debian packages: the tools (valgrind for the instructions-per-page
# check, clang for the parser fuzzer, GNU parallel for the sharded
# exploration test, graphviz to validate `show rmap`/`show radix` output),
# and the libraries CMakeLists.txt asks pkg-config for (glib-2.0, liburcu,
# check).  make and libc6-dev are what a minimal image lacks even with gcc
# installed.
PACKAGES=(cmake make pkg-config gcc libc6-dev time libglib2.0-dev liburcu-dev check
	valgrind clang parallel graphviz)

# The free-mode tests ThreadSanitizer runs (real threads; seeded mode is
# one task at a time): the kernel and unit tests, and every --sched free.
TSAN_TESTS='^kernel\.|^unit\.|free'
FUZZ_SECONDS=60

say() {
	printf 'setup.sh: %s\n' "$*" >&2
}

die() {
	say "$*"
	exit 1
}

usage() {
	sed -n '4,6s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

install_packages() {
	local missing=() pkg sudo=()

	if ! command -v dpkg-query >/dev/null 2>&1; then
		say "no dpkg-query: not Debian; install ${PACKAGES[*]} yourself"
		return
	fi
	for pkg in "${PACKAGES[@]}"; do
		if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
			grep -q 'install ok installed'; then
			missing+=("$pkg")
		fi
	done
	[ ${#missing[@]} -eq 0 ] && return

	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 ||
			die "need root or sudo to install: ${missing[*]}"
		sudo=(sudo)
	fi
	say "installing ${missing[*]}"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq update ||
		die "apt-get update failed"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get -qq install -y --no-install-recommends "${missing[@]}" \
		>/dev/null || die "apt-get install ${missing[*]} failed"
}

# Run a step with its output in a log, shown only if the step fails.
quietly() {
	local what=$1 log
	shift
	log=$(mktemp)
	if ! "$@" >"$log" 2>&1; then
		cat "$log" >&2
		rm -f "$log"
		die "$what failed: $*"
	fi
	rm -f "$log"
}

build() {
	local preset=$1

	say "building the $preset preset in build/$preset"
	quietly "configuring" cmake --preset "$preset"
	quietly "building" cmake --build --preset "$preset" -j"$(nproc)"
}

# The parser fuzzer for a while, from the scenarios and every input that
# ever crashed it; a crash fails the run and is kept in build/fuzz/.
fuzz_parser() {
	local log=build/fuzz/fuzz.log

	if ! command -v clang >/dev/null 2>&1; then
		say "clang is missing: the parser fuzzer is skipped (apt-get install clang)"
		return
	fi
	build fuzz
	mkdir -p build/fuzz/corpus
	say "fuzzing the scenario parser for $FUZZ_SECONDS s"
	if ! build/fuzz/tests/fuzz/fuzz_scenario -max_total_time="$FUZZ_SECONDS" \
		-print_final_stats=1 -artifact_prefix=build/fuzz/ \
		build/fuzz/corpus scenarios tests/fuzz/regressions >"$log" 2>&1; then
		tail -40 "$log" >&2
		die "the fuzzer found a crash (build/fuzz/crash-*): add it to tests/fuzz/regressions"
	fi
	say "fuzzer: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') executions, no crash"
}

# What ./setup.sh test adds to the default suite.
sanitizer_suites() {
	if ! command -v gcc >/dev/null 2>&1; then
		say "gcc is missing: the asan and tsan suites are skipped"
	else
		build asan
		# The checks of the sources ran in the default suite.
		ctest --preset asan -j"$(nproc)" -LE source
		build tsan
		say "the free-mode tests under ThreadSanitizer"
		ctest --preset tsan -j"$(nproc)" -R "$TSAN_TESTS"
	fi
	fuzz_parser
}

main() {
	local cmd=${1:-demo}

	case $cmd in
	demo | test | asan) ;;
	-h | --help | help)
		usage
		exit 0
		;;
	*)
		say "unknown command '$cmd'"
		usage >&2
		exit 2
		;;
	esac
	[ $# -le 1 ] || { usage >&2; exit 2; }

	install_packages
	case $cmd in
	demo)
		build default
		run_demo
		;;
	test)
		build default
		ctest --preset default -j"$(nproc)"
		sanitizer_suites
		;;
	asan)
		build asan
		ctest --preset asan
		;;
	esac
}

main "$@"
