#!/bin/sh
# The seed may differ from ../shared/seeds/migrate.c only in whitespace:
# its whitespace-free text must hash to the value DEVELOPERS.md gives.
want=e855aaee1246ea9c1139b1ef88f8f4210425294e96a2a6e1bb472936b4716da4
got=$(tr -d ' \t\r\n' < "$1" | sha256sum | cut -d' ' -f1)
if [ "$got" != "$want" ]; then
	echo "mm/migrate.c differs from the seed beyond whitespace" >&2
	echo "  want $want" >&2
	echo "  got  $got" >&2
	exit 1
fi
echo "mm/migrate.c matches the seed ($want)"
