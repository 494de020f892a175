#!/bin/sh
# trace_flows.sh MMSIM SCENARIO: the JSON trace's flows pair up (every
# finish has its start, on an earlier or equal timestamp), and the
# migration race is drawn: one "migration entry" flow starts at the
# mover's try_to_unmap (tid 2), steps at the faulter's
# migration_entry_wait and finishes when the faulter leaves it (tid 1).
"$1" run -q "$2" --trace-json - | awk '
/"cat":"flow"/ {
	match($0, /"ph":"[stf]"/); ph = substr($0, RSTART + 6, 1)
	match($0, /"id":[0-9]+/); id = substr($0, RSTART + 5, RLENGTH - 5)
	match($0, /"tid":[0-9]+/); tid = substr($0, RSTART + 6, RLENGTH - 6)
	if (ph == "s") start[id] = 1
	else if (!(id in start)) { print "flow " id ": " ph " without a start"; bad = 1 }
	if (ph == "f") finished[id] = 1
	if ($0 ~ /"migration entry"/) chain[id] = chain[id] ph tid
	flows++
}
END {
	for (id in chain)
		if (chain[id] == "s2t1f1") race = 1
	if (!flows) { print "no flows in the trace"; bad = 1 }
	if (!race) { print "no migration-entry flow mover -> faulter wait -> wake"; bad = 1 }
	exit bad
}'
