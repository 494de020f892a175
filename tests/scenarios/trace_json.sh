#!/bin/sh
# --trace-json: Chrome trace-event JSON that json.load() accepts.
#
#   trace_json.sh pinned MMSIM FILE SEED   07: B/E pairs of
#       migration_entry_wait on the faulter's thread, thread_name metadata
#       for faulter and mover, and the same seed twice gives the same bytes
#       (the second time beside --trace)
#   trace_json.sh bug MMSIM FILE           a run that ends in a kernel
#       BUG (exit 3) still leaves a closed, valid JSON array
#
# Skips (77) without python3.
set -u
mode=$1 mmsim=$2 file=$3 seed=${4:-0}
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
a=$(mktemp) b=$(mktemp) t=$(mktemp) || exit 99
trap 'rm -f "$a" "$b" "$t"' EXIT

# Valid JSON, an array of events on pid 1 whose B/E nest on each thread
# (a BUG may leave slices open, never close one that is not open).
check='
import json, sys
ev = json.load(open(sys.argv[1]))
assert isinstance(ev, list) and ev, "not a non-empty array"
names = {}
stack = {}
for e in ev:
    assert e["pid"] == 1, e
    if e["ph"] == "M":
        if e["name"] == "thread_name":
            assert e["tid"] not in names, ("named twice", e)
            names[e["tid"]] = e["args"]["name"]
        continue
    assert isinstance(e["ts"], int) and e["tid"] in names, e
    s = stack.setdefault(e["tid"], [])
    if e["ph"] == "B":
        s.append(e["name"])
    elif e["ph"] == "E":
        assert s and s.pop() == e["name"], ("unmatched E", e)
    elif e["ph"] in ("s", "t", "f"):
        assert e["cat"] == "flow" and isinstance(e["id"], int), e
    else:
        assert e["ph"] == "i" and e["s"] == "t" and "fields" in e["args"], e
if sys.argv[2] == "pinned":
    tid = {n: t for t, n in names.items()}
    assert "faulter" in tid and "mover" in tid, names
    assert all(not s for s in stack.values()), ("open slices", stack)
    pairs = [e["ph"] for e in ev if e.get("name") == "migration_entry_wait"
             and e["tid"] == tid["faulter"]]
    assert pairs and pairs == ["B", "E"] * (len(pairs) // 2), pairs
print("%d events, threads %s" % (len(ev), sorted(names.values())))
'

case $mode in
pinned)
	"$mmsim" run "$file" --seed "$seed" --quiet --trace-json "$a" || exit 1
	# The second time with the text trace too: the JSON does not change.
	"$mmsim" run "$file" --seed "$seed" --quiet --trace-json "$b" \
		--trace "$t" || exit 1
	python3 -c "$check" "$a" pinned || { echo "FAIL: $a"; exit 1; }
	cmp "$a" "$b" || { echo "FAIL: seed $seed gave two JSON traces"; exit 1; }
	grep -q "faulter-[0-9]* .*funcgraph_entry: migration_entry_wait" "$t" ||
		{ echo "FAIL: no text trace beside the JSON"; exit 1; }
	echo "seed $seed: identical JSON traces, twice"
	;;
bug)
	"$mmsim" run "$file" --seed "$seed" --quiet --trace-json "$a" 2>/dev/null
	st=$?
	[ "$st" -eq 3 ] || { echo "FAIL: exit $st, expected 3"; exit 1; }
	python3 -c "$check" "$a" bug || { echo "FAIL: not valid JSON"; tail -3 "$a"; exit 1; }
	;;
*)
	echo "trace_json.sh: unknown mode '$mode'" >&2
	exit 99
	;;
esac
