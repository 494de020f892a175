#!/bin/sh
# same_failures.sh MMSIM 'OPTIONS' SCENARIO SEEDS: exploring SCENARIO over
# SEEDS with OPTIONS (a detector) fails on exactly the seeds, and the same
# way, as exploring it without them: the detector adds no report of its
# own to a scenario whose only failure is the 2006 race it shows.
set -u
mmsim=$1 options=$2 scenario=$3 seeds=$4
failing() {
	"$mmsim" explore "$scenario" --seeds "$seeds" --keep-going --jobs 2 "$@" |
		grep '^seed [0-9]*: '
}
plain=$(failing) || true
detected=$(failing $options) || true
if [ -z "$plain" ]; then
	echo "no failing seed without $options: nothing to compare"
	exit 1
fi
if [ "$plain" != "$detected" ]; then
	echo "failing seeds differ with $options"
	echo "--- without"; echo "$plain"
	echo "--- with"; echo "$detected"
	exit 1
fi
echo "same $(echo "$plain" | wc -l) failing seeds with and without $options"
