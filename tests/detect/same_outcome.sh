#!/bin/sh
# same_outcome.sh MMSIM 'OPTIONS' SCENARIO_DIR [SKIP...]: every scenario
# in the folder exits as it does without the options ("--detect kasan",
# "--check-every 1"), and with them prints no report the run without
# them did not print ("BUG: KASAN", "INFO: possible ...", "invariant
# violated").  SKIP names (e.g. 23-abba-deadlock) are the
# scenarios where the detector finds what they show on purpose; their own
# tests check that.
set -u
mmsim=$1 options=$2 dir=$3
shift 3
fail=0
for f in "$dir"/*.mmsim; do
	skip=0
	for s in "$@"; do
		[ "$(basename "$f" .mmsim)" = "$s" ] && skip=1
	done
	[ "$skip" = 1 ] && continue
	"$mmsim" run "$f" -q >/dev/null 2>"${TMPDIR:-/tmp}/plain.$$"
	plain=$?
	"$mmsim" run "$f" -q $options >/dev/null 2>"${TMPDIR:-/tmp}/det.$$"
	det=$?
	if [ "$plain" != "$det" ]; then
		echo "$f: exit $plain without detectors, $det with $options"
		cat "${TMPDIR:-/tmp}/det.$$"
		fail=1
	elif grep -q "BUG: KASAN\|INFO: possible\|BUG: KCSAN\|invariant violated" "${TMPDIR:-/tmp}/det.$$" &&
		! grep -q "BUG: KASAN\|INFO: possible\|BUG: KCSAN\|invariant violated" "${TMPDIR:-/tmp}/plain.$$"; then
		echo "$f: a new report with $options"
		cat "${TMPDIR:-/tmp}/det.$$"
		fail=1
	fi
done
rm -f "${TMPDIR:-/tmp}/plain.$$" "${TMPDIR:-/tmp}/det.$$"
[ "$fail" = 0 ] && echo "all of $dir/*.mmsim: same outcome with $options"
exit $fail
