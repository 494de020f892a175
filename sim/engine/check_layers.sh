#!/bin/bash
# sim/engine/check_layers.sh - the engine's pieces read in one direction.
#
# Usage: check_layers.sh ENGINE_DIR [ARCHIVE]
#
# The layer order is declared once, in ENGINE_DIR/README.md, between the
# "<!-- layers -->" and "<!-- /layers -->" lines: "layer N: piece piece --
# comment" and "public: header.h -- comment".  A piece is a file stem
# (locks.c, and locks.h if it has one).  Every .c and .h of ENGINE_DIR must
# belong to a piece of some layer (or be a public header), and may include
# with #include "..." only the headers of pieces in lower layers, its own
# piece's header, and public headers.  Public headers include no piece.
#
# With ARCHIVE (the built libmmsim_engine.a), also every symbol an object
# uses from another object of the engine must be defined by a piece of a
# lower layer (nm): calls through the public headers are checked too.
#
# Exit 0: in order; 1: a violation (each one named); 2: usage or README.

dir=$1
archive=$2
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
	echo "usage: $0 ENGINE_DIR [ARCHIVE]" >&2
	exit 2
fi
readme=$dir/README.md
if [ ! -f "$readme" ]; then
	echo "check_layers: $readme not found (it declares the layers)" >&2
	exit 2
fi

declare -A level public
while IFS= read -r line; do
	if [[ $line =~ ^[[:space:]]*layer[[:space:]]+([0-9]+):([^-]*)-- ]]; then
		n=${BASH_REMATCH[1]}
		for p in ${BASH_REMATCH[2]}; do
			if [ -n "${level[$p]}" ]; then
				echo "check_layers: $readme: piece $p is in layers ${level[$p]} and $n" >&2
				exit 2
			fi
			level[$p]=$n
		done
	elif [[ $line =~ ^[[:space:]]*public:([^-]*)-- ]]; then
		for h in ${BASH_REMATCH[1]}; do
			public[$h]=1
		done
	fi
done < <(sed -n '/^<!-- layers -->$/,/^<!-- \/layers -->$/p' "$readme")
if [ ${#level[@]} -eq 0 ]; then
	echo "check_layers: $readme: no \"layer N: ... --\" lines between <!-- layers --> and <!-- /layers -->" >&2
	exit 2
fi

bad=0
files=0
includes=0
shopt -s nullglob
for f in "$dir"/*.c "$dir"/*.h; do
	name=${f##*/}
	piece=${name%.*}
	files=$((files + 1))
	if [ -z "${public[$name]}" ] && [ -z "${level[$piece]}" ]; then
		echo "check_layers: $name: piece '$piece' is in no layer of README.md" >&2
		bad=1
		continue
	fi
	lineno=0
	while IFS= read -r line; do
		lineno=$((lineno + 1))
		[[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]+)\" ]] || continue
		inc=${BASH_REMATCH[1]}
		base=${inc##*/}
		ipiece=${base%.*}
		includes=$((includes + 1))
		if [ ! -f "$dir/$inc" ]; then
			echo "check_layers: $name:$lineno: #include \"$inc\" is not a file of the engine folder" >&2
			bad=1
		elif [ -n "${public[$base]}" ]; then
			continue
		elif [ -z "${level[$ipiece]}" ]; then
			echo "check_layers: $name:$lineno: #include \"$inc\": piece '$ipiece' is in no layer of README.md" >&2
			bad=1
		elif [ -n "${public[$name]}" ]; then
			echo "check_layers: $name:$lineno: public header includes \"$inc\" (piece $ipiece, layer ${level[$ipiece]})" >&2
			bad=1
		elif [ "$ipiece" != "$piece" ] &&
			[ "${level[$ipiece]}" -ge "${level[$piece]}" ]; then
			echo "check_layers: $name:$lineno: #include \"$inc\" is not below: $piece is layer ${level[$piece]}, $ipiece is layer ${level[$ipiece]}" >&2
			bad=1
		fi
	done <"$f"
done

symbols=0
if [ -n "$archive" ]; then
	if [ ! -f "$archive" ]; then
		echo "check_layers: $archive: no such archive" >&2
		exit 2
	fi
	# "archive:member.o:[value] type name" -> "member type name"
	table=$(nm -A "$archive" 2>/dev/null | awk '{
		n = split($1, a, ":"); m = a[n - 1]; sub(/\..*/, "", m)
		if (NF == 3) print m, $2, $3; else if (NF == 2) print m, $1, $2
	}')
	if [ -z "$table" ]; then
		echo "check_layers: $archive: nm found no symbols" >&2
		exit 2
	fi
	declare -A owner
	while read -r m t s; do
		[[ $t == [TDBRCVWG] ]] && owner[$s]=$m
	done <<<"$table"
	while read -r m t s; do
		[ "$t" = U ] || continue
		d=${owner[$s]}
		if [ -z "$d" ] || [ "$d" = "$m" ]; then
			continue
		fi
		symbols=$((symbols + 1))
		if [ -z "${level[$m]}" ] || [ -z "${level[$d]}" ]; then
			echo "check_layers: $m.c uses $s of $d.c: piece in no layer of README.md" >&2
			bad=1
		elif [ "${level[$d]}" -ge "${level[$m]}" ]; then
			echo "check_layers: $m.c uses $s, defined in $d.c (layer ${level[$d]}), not below $m (layer ${level[$m]})" >&2
			bad=1
		fi
	done <<<"$table"
fi

if [ $bad -ne 0 ]; then
	echo "check_layers: the engine's layers are out of order (see $readme)" >&2
	exit 1
fi
echo "engine layers in order: $files files, $includes includes${archive:+, $symbols cross-piece symbols}"
exit 0
