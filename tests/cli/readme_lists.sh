#!/bin/sh
# readme_lists.sh MMSIM README: the README's lists of commands and of
# benchmarks (between <!-- mmsim --help --> and <!-- mmsim bench --help
# --> markers) are exactly the lines the binary's help prints for them,
# so a command or benchmark added to one and not the other fails here.
mmsim=$1 readme=$2
status=0
for what in "--help" "bench --help"; do
	shown=$(sed -n "/^<!-- mmsim $what -->\$/,/^<!-- \/mmsim $what -->\$/p" "$readme" |
		grep '^  [a-z]')
	# shellcheck disable=SC2086 # $what is two words on purpose
	actual=$("$mmsim" $what 2>&1 | grep '^  [a-z]')
	if [ -z "$actual" ]; then
		echo "mmsim $what lists nothing"
		status=1
	elif [ "$shown" != "$actual" ]; then
		echo "README's list for 'mmsim $what' differs from the binary's:"
		echo "--- README"; echo "$shown"
		echo "--- mmsim $what"; echo "$actual"
		status=1
	fi
done
exit $status
