#!/bin/sh
# The tree follows .clang-format (kernel style).  mm/migrate.c, the seed,
# keeps the indentation it was given.  Skipped (77) without clang-format
# 14, the version the tree was formatted with: others format differently.
cd "$1" || exit 2
command -v clang-format >/dev/null 2>&1 || exit 77
clang-format --version | grep -q 'version 14\.' || exit 77
bad=0
for f in $(git ls-files '*.c' '*.h' 2>/dev/null | grep -v '^mm/migrate\.c$'); do
	if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
		echo "not formatted: $f (clang-format -i $f)" >&2
		bad=1
	fi
done
[ $bad -eq 0 ] && echo "every file follows .clang-format"
exit $bad
