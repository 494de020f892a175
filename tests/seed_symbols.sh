#!/bin/sh
# Every symbol the seed's object needs (nm -u) must be defined in the
# mmsim binary, as real code or as a loud trap: nothing links by accident.
# usage: seed_symbols.sh MIGRATE_OBJECT MMSIM_BINARY
obj=$1
bin=$2
missing=0
defined=$(nm --defined-only "$bin" | awk '{print $3}' | sort -u)
for sym in $(nm -u "$obj" | awk '{print $2}'); do
	case $sym in
	# the compiler's own runtimes (instrumentation, sanitizers, gcov)
	_GLOBAL_OFFSET_TABLE_|__cyg_profile_func_*) continue ;;
	__asan_*|__ubsan_*|__tsan_*|__sanitizer_*|__gcov_*) continue ;;
	esac
	if ! printf '%s\n' "$defined" | grep -qx "$sym"; then
		echo "migrate.c needs $sym, which the build does not define" >&2
		missing=1
	fi
done
[ $missing -eq 0 ] && echo "every symbol migrate.c uses is defined"
exit $missing
