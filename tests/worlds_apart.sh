#!/bin/sh
# tests/worlds_apart.sh - the two-worlds rule, checked on what the compiler
# really reads.
#
#   worlds_apart.sh SOURCE_DIR BUILD_DIR
#
# For every translation unit in BUILD_DIR/compile_commands.json, the
# compiler lists the headers it includes (-M).  A kernel-world file
# (arch/ init/ kernel/ mm/ fs/ block/ lib/ tests/kernel/) may read only
# include/ (linux, asm, sim), its own folder's private headers and the
# compiler's freestanding headers: never GLib, pthread or libc.  A
# host-world file (sim/ tests/unit/ tests/fuzz/) may never read
# include/linux or include/asm-x86_64.  Each breach is one line naming the
# file and the header; exit 1 if there is any.
set -eu

src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
db=$build/compile_commands.json
[ -f "$db" ] || { echo "worlds_apart: no $db"; exit 1; }

freestanding=$(${CC:-cc} -print-file-name=include)
breaches=0
checked_kernel=0
checked_host=0

# One "file<TAB>command" line per entry; CMake writes each on its own line.
entries=$(sed -n -e 's/^  "command": "\(.*\)",$/C\1/p' \
	-e 's/^  "file": "\(.*\)",\{0,1\}$/F\1/p' "$db" |
	awk '/^C/ { cmd = substr($0, 2) } /^F/ { print substr($0, 2) "\t" cmd }')

world_of() {
	case ${1#"$src"/} in
	arch/* | init/* | kernel/* | mm/* | fs/* | block/* | lib/* | tests/kernel/*)
		echo kernel ;;
	sim/* | tests/unit/* | tests/fuzz/*)
		echo host ;;
	*)
		echo unknown ;;
	esac
}

headers_of() { # command file
	# Drop "-o OBJ" and "-c FILE"; ask for the dependency list instead.
	cmd=$(printf '%s\n' "$1" | sed -e 's/ -o [^ ]*/ /' -e 's/ -c [^ ]*$//')
	# -MG: a header the compiler cannot find is listed, not an error.
	(cd "$build" && eval "$cmd -M -MG $2") | tr ' \\' '\n\n' |
		grep -v -e '^$' -e ':$' -e '\.c$' | sed "s#^[^/]#$build/&#" |
		xargs -r realpath -m
}

breach() {
	echo "worlds_apart: $1 ($2 world) includes $3"
	breaches=$((breaches + 1))
}

tab=$(printf '\t')
while IFS=$tab read -r file cmd; do
	[ -n "$file" ] || continue
	world=$(world_of "$file")
	rel=${file#"$src"/}
	case $world in
	unknown)
		echo "worlds_apart: $rel: in neither world; add its folder to this script"
		breaches=$((breaches + 1))
		continue ;;
	kernel) checked_kernel=$((checked_kernel + 1)) ;;
	host) checked_host=$((checked_host + 1)) ;;
	esac
	for h in $(headers_of "$cmd" "$file"); do
		if [ ! -e "$h" ]; then
			breach "$rel" "$world" "${h#"$build"/}, which its include path lacks"
			continue
		fi
		case $world:$h in
		kernel:"$src"/include/* | kernel:"$build"/kinclude/* | \
		kernel:"$freestanding"/*)
			;;
		kernel:"$(dirname "$file")"/*.h)
			;; # a folder's private header, as mm/internal.h
		kernel:*)
			breach "$rel" kernel "$h" ;;
		host:"$src"/include/linux/* | host:"$src"/include/asm-*/* | \
		host:"$build"/kinclude/*)
			breach "$rel" host "${h#"$src"/}" ;;
		esac
	done
done <<EOT
$entries
EOT

echo "worlds_apart: $checked_kernel kernel-world and $checked_host host-world files, $breaches breaches"
[ "$checked_kernel" -gt 0 ] && [ "$checked_host" -gt 0 ] || exit 1
[ "$breaches" -eq 0 ]
