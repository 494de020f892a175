#!/bin/sh
# The bad-input matrix (issue 12.4): malformed input to run, explore,
# replay, boot and bench, each answered by one positioned error line and
# exit 2 within a time and memory bound: never a crash, exit 3 or 4, a
# hang, or a partial output file.
#
#   bad_inputs.sh MMSIM
#
# A case's error line is the first line of stderr and must match its
# pattern: "FILE:LINE:COL: error: ..." for a scenario, "mmsim CMD: ..."
# for an option.  A parse error may add the source line and a caret
# (three lines at most).  Prints one line per case and the total.
set -u

MMSIM=$1
SECONDS_BOUND=20
RSS_BOUND_KB=${BAD_INPUTS_RSS_KB:-1048576}
work=$(mktemp -d) || exit 99
trap 'chmod -R u+rwx "$work"; rm -rf "$work"' EXIT
tried=0
failed=0

# case NAME STATUS PATTERN -- ARGS...
case_() {
	name=$1 want=$2 pattern=$3
	shift 4
	tried=$((tried + 1))
	rm -f "$work/out" "$work/err" "$work/rss"
	timeout -s KILL "$SECONDS_BOUND" /usr/bin/time -f %M -o "$work/rss" \
		"$MMSIM" "$@" >"$work/out" 2>"$work/err" </dev/null
	got=$?
	why=
	if [ "$got" -eq 137 ]; then
		why="no answer in ${SECONDS_BOUND} s"
	elif [ "$got" -ne "$want" ]; then
		why="exit $got, expected $want"
	elif ! head -n 1 "$work/err" | grep -Eq -- "$pattern"; then
		why="first stderr line does not match /$pattern/"
	elif [ "$(wc -l <"$work/err")" -gt 3 ]; then
		why="$(wc -l <"$work/err") lines on stderr"
	elif [ -s "$work/rss" ] &&
		[ "$(tail -n 1 "$work/rss")" -gt "$RSS_BOUND_KB" ]; then
		why="peak RSS $(tail -n 1 "$work/rss") KiB"
	fi
	if [ -n "$why" ]; then
		failed=$((failed + 1))
		echo "FAIL $name: $why"
		echo "  command: mmsim $*"
		sed -n '1,5s/^/  stderr: /p' "$work/err"
	else
		echo "ok   $name: $(head -n 1 "$work/err" | cut -c1-100)"
	fi
}

# no_file NAME PATH: the failed command left no output file behind.
no_file() {
	tried=$((tried + 1))
	if [ -e "$2" ]; then
		failed=$((failed + 1))
		echo "FAIL $1: $2 was left behind"
	else
		echo "ok   $1: no $2"
	fi
}

S=$work/s # scenarios
mkdir "$S"
good=$S/good.mmsim
printf 'machine nodes=2 mem=16M\ntask a uid=0\na: buf = mmap anon 4 pages rw\na: write buf fill=1\nexpect clean\n' >"$good"
scn() { # scn NAME LINES...: a scenario file from printf-style lines
	f=$S/$1.mmsim
	shift
	printf "$@" >"$f"
}
POS='^[^ ]+\.mmsim:[0-9]+:[0-9]+: error: '

# ---- files that are not scenarios ------------------------------------------
: >"$S/empty.mmsim"
case_ empty_file 2 "$POS"'no machine' -- run "$S/empty.mmsim"
scn comments '# only a comment\n\n   \n'
case_ only_comments 2 "$POS"'no machine' -- run "$S/comments.mmsim"
printf '\177ELF\002\001\001\000\000\000\377\376\001' >"$S/binary.mmsim"
case_ binary_garbage 2 "$POS"'unexpected (byte|character)' -- run "$S/binary.mmsim"
printf 'machine nodes=1 mem=16M\n\000\n' >"$S/nul.mmsim"
case_ nul_byte 2 "$POS"'unexpected byte 0x00' -- run "$S/nul.mmsim"
mkdir "$S/dir.mmsim"
case_ directory 2 '^mmsim run: .*dir\.mmsim: Is a directory' -- run "$S/dir.mmsim"
case_ dev_zero 2 '^mmsim run: /dev/zero: more than 16 MiB' -- run /dev/zero
case_ missing_file 2 '^mmsim run: .*nope\.mmsim: No such file' -- run "$S/nope.mmsim"
case_ explore_dev_zero 2 '^mmsim explore: /dev/zero: more than 16 MiB' \
	-- explore /dev/zero --seeds 0..2
case_ replay_directory 2 '^mmsim replay: .*: Is a directory' \
	-- replay "$S/dir.mmsim" --seed 1
head -c 1048576 /dev/zero | tr '\0' 'a' >"$S/longline.mmsim"
case_ one_megabyte_line 2 "$POS" -- run "$S/longline.mmsim"
{ printf 'machine nodes=1 mem=16M\ntask a uid=0\na: buf = mmap anon 1 pages rw\n'
	printf '# %s\n' "$(head -c 1048576 /dev/zero | tr '\0' 'x')"
	printf 'a: frobnicate buf\n'; } >"$S/longcomment.mmsim"
case_ one_megabyte_comment_then_error 2 "$POS"'.*frobnicate' \
	-- run "$S/longcomment.mmsim"
head -c 17000000 /dev/zero | tr '\0' '\n' >"$S/huge.mmsim"
case_ seventeen_megabytes 2 '^mmsim run: .*: more than 16 MiB' \
	-- run "$S/huge.mmsim"
{ printf 'machine nodes=1 mem=16M\ntask a uid=0\n'
	i=0
	while [ $i -lt 1000 ]; do printf 'loop 1 {\n'; i=$((i + 1)); done
	i=0
	while [ $i -lt 1000 ]; do printf '}\n'; i=$((i + 1)); done; } \
	>"$S/nested.mmsim"
case_ thousand_nested_blocks 2 "$POS"'blocks nested more than' \
	-- run "$S/nested.mmsim"
scn unterminated 'machine nodes=1 mem=16M\ntask a uid=0\nloop 2 {\n'
case_ unterminated_block 2 "$POS"'unterminated block' -- run "$S/unterminated.mmsim"
scn stray 'machine nodes=1 mem=16M\n}\n'
case_ stray_brace 2 "$POS" -- run "$S/stray.mmsim"
scn badutf8 'machine nodes=1 mem=16M\ntask \303\050 uid=0\n'
case_ invalid_utf8 2 "$POS" -- run "$S/badutf8.mmsim"

# ---- numbers ----------------------------------------------------------------
scn bignodes 'machine nodes=18446744073709551616 mem=16M\n'
case_ nodes_past_2_64 2 "$POS" -- run "$S/bignodes.mmsim"
scn negnodes 'machine nodes=-1 mem=16M\n'
case_ nodes_negative 2 "$POS" -- run "$S/negnodes.mmsim"
scn nodes65 'machine nodes=65 mem=16M\n'
case_ nodes_65 2 "$POS" -- run "$S/nodes65.mmsim"
scn mem0 'machine nodes=1 mem=0\n'
case_ mem_zero 2 "$POS" -- run "$S/mem0.mmsim"
scn mem1p 'machine nodes=1 mem=1P\n'
case_ mem_one_petabyte 2 "$POS" -- run "$S/mem1p.mmsim"
scn memneg 'machine nodes=1 mem=-16M\n'
case_ mem_negative 2 "$POS" -- run "$S/memneg.mmsim"
scn memhuge 'machine nodes=1 mem=99999999999999999999999G\n'
case_ mem_past_2_64 2 "$POS" -- run "$S/memhuge.mmsim"
scn pages 'machine nodes=1 mem=16M\ntask a uid=0\na: buf = mmap anon 18446744073709551617 pages rw\n'
case_ mmap_pages_past_2_64 2 "$POS" -- run "$S/pages.mmsim"
scn pagesneg 'machine nodes=1 mem=16M\ntask a uid=0\na: buf = mmap anon -5 pages rw\n'
case_ mmap_pages_negative 2 "$POS" -- run "$S/pagesneg.mmsim"
scn loop 'machine nodes=1 mem=16M\ntask a uid=0\na: buf = mmap anon 1 pages rw\na: loop 1000000000 { write buf fill=1 }\n'
case_ loop_of_a_billion 2 "$POS"'a loop count must be' -- run "$S/loop.mmsim"
scn loops 'machine nodes=1 mem=16M\ntask a uid=0\na: buf = mmap anon 1 pages rw\nloop 100000 {\n a: loop 100000 { write buf fill=1 }\n}\n'
case_ nested_loops_of_ten_billion 2 "$POS"'loop .*more than 10000000 runs' \
	-- run "$S/loops.mmsim"
scn uid 'machine nodes=1 mem=16M\ntask a uid=99999999999999999999\n'
case_ uid_past_2_64 2 "$POS" -- run "$S/uid.mmsim"
scn verb 'machine nodes=1 mem=16M\ntask a uid=0\na: frobnicate\n'
case_ unknown_verb 2 "$POS" -- run "$S/verb.mmsim"
scn notask 'machine nodes=1 mem=16M\nb: buf = mmap anon 1 pages rw\n'
case_ unknown_task 2 "$POS" -- run "$S/notask.mmsim"
scn twice 'machine nodes=1 mem=16M\nmachine nodes=1 mem=16M\n'
case_ two_machines 2 "$POS" -- run "$S/twice.mmsim"

# ---- options of run, replay, explore --------------------------------------
case_ trace_unwritable 2 '^mmsim run: --trace: /nonexistent/dir/t: ' \
	-- run "$good" --trace /nonexistent/dir/t
mkdir "$work/ro" && chmod 555 "$work/ro"
if [ "$(id -u)" -ne 0 ]; then
	case_ trace_in_read_only_dir 2 '^mmsim run: --trace: ' \
		-- run "$good" --trace "$work/ro/t"
fi
case_ trace_json_unwritable 2 '^mmsim run: --trace-json: ' \
	-- run "$good" --trace-json /nonexistent/dir/t.json
case_ trace_is_a_directory 2 '^mmsim run: --trace: .*Is a directory' \
	-- run "$good" --trace "$S/dir.mmsim"
case_ trace_with_bad_scenario 2 "$POS" \
	-- run "$S/verb.mmsim" --trace "$work/partial.trace"
no_file no_partial_trace "$work/partial.trace"
case_ trace_json_with_bad_scenario 2 "$POS" \
	-- replay "$S/verb.mmsim" --seed 1 --trace-json "$work/partial.json"
no_file no_partial_trace_json "$work/partial.json"
case_ seed_past_2_64 2 '^mmsim run: --seed' -- run "$good" --seed 18446744073709551616
case_ seed_negative 2 '^mmsim run: --seed' -- run "$good" --seed -1
case_ seed_not_a_number 2 '^mmsim run: --seed' -- run "$good" --seed abc
case_ sched_unknown 2 '^mmsim run: --sched' -- run "$good" --sched fast
case_ steps_zero 2 '^mmsim run: --steps' -- run "$good" --steps 0
case_ steps_negative 2 '^mmsim run: --steps' -- run "$good" --steps -3
case_ detect_unknown 2 '^mmsim run: --detect' -- run "$good" --detect kmemleak
case_ strategy_unknown 2 '^mmsim run: --strategy' -- run "$good" --strategy dfs
case_ strategy_depth_past_2_64 2 '^mmsim run: --strategy' \
	-- run "$good" --strategy pct:99999999999999999999
case_ schedule_malformed 2 '^mmsim run: --schedule' -- run "$good" --schedule 5
case_ check_every_zero 2 '^mmsim run: --check-every' -- run "$good" --check-every 0
case_ replay_without_seed 2 '^mmsim replay: --seed' -- replay "$good"
case_ replay_no_file 2 '^mmsim replay: ' -- replay --seed 1
case_ run_two_files 2 '^mmsim run: ' -- run "$good" "$good"
case_ explore_without_seeds 2 '^mmsim explore: --seeds' -- explore "$good"
case_ explore_seeds_reversed 2 '^mmsim explore: --seeds' -- explore "$good" --seeds 10..5
case_ explore_seeds_empty 2 '^mmsim explore: --seeds' -- explore "$good" --seeds 5..5
case_ explore_seeds_past_2_64 2 '^mmsim explore: --seeds' \
	-- explore "$good" --seeds 0..18446744073709551616
case_ explore_seeds_huge 2 '^mmsim explore: --seeds' \
	-- explore "$good" --seeds 0..18446744073709551615
case_ explore_seeds_garbage 2 '^mmsim explore: --seeds' -- explore "$good" --seeds a..b
case_ explore_jobs_zero 2 '^mmsim explore: --jobs' -- explore "$good" --seeds 0..2 --jobs 0
case_ explore_jobs_1000 2 '^mmsim explore: --jobs' -- explore "$good" --seeds 0..2 --jobs 1000
case_ explore_steps_zero 2 '^mmsim explore: --steps' -- explore "$good" --seeds 0..2 --steps 0
case_ explore_shard_past_n 2 '^mmsim explore: --shard' -- explore "$good" --seeds 0..2 --shard 5/4
case_ explore_shard_zero 2 '^mmsim explore: --shard' -- explore "$good" --seeds 0..2 --shard 0/0
case_ explore_results_unwritable 2 '^mmsim explore: --results' \
	-- explore "$good" --seeds 0..2 --results /nonexistent/dir/r.jsonl
case_ explore_results_with_bad_scenario 2 "$POS" \
	-- explore "$S/verb.mmsim" --seeds 0..2 --results "$work/partial.jsonl"
no_file no_partial_results "$work/partial.jsonl"
case_ explore_merge_garbage 2 'not a JSON line' -- explore-merge "$S/binary.mmsim"

# ---- boot -------------------------------------------------------------------
case_ boot_nodes_zero 2 '^mmsim boot: --nodes' -- boot --nodes 0 --mem 16M
case_ boot_nodes_past_2_64 2 '^mmsim boot: --nodes' -- boot --nodes 18446744073709551617 --mem 16M
case_ boot_mem_zero 2 '^mmsim boot: --mem' -- boot --nodes 1 --mem 0
case_ boot_mem_one_petabyte 2 '^mmsim boot: --mem' -- boot --nodes 1 --mem 1P
case_ boot_mem_64_nodes_of_64G 2 '^mmsim boot: --mem' -- boot --nodes 64 --mem 64G
case_ boot_mem_negative 2 '^mmsim boot: --mem' -- boot --nodes 1 --mem -1M
case_ boot_cpus_zero 2 '^mmsim boot: --cpus' -- boot --nodes 1 --mem 16M --cpus 0
case_ boot_cpus_past_2_64 2 '^mmsim boot: --cpus' -- boot --nodes 1 --mem 16M --cpus 99999999999999999999
case_ boot_distance_garbage 2 '^mmsim boot: --distance' -- boot --nodes 2 --mem 16M --distance 'x;y'
case_ boot_show_unknown 2 '^mmsim boot: --show' -- boot --nodes 1 --mem 16M --show slabinfo

# ---- bench ------------------------------------------------------------------
case_ bench_unknown 2 '^mmsim bench: ' -- bench frobnicate
case_ bench_migrate_pages_zero 2 '^mmsim bench migrate: --pages' -- bench migrate --pages 0
case_ bench_migrate_pages_huge 2 '^mmsim bench migrate: .*--pages' -- bench migrate --pages 99999999999999999999
case_ bench_migrate_batch_zero 2 '^mmsim bench migrate: --batch' -- bench migrate --batch 0
case_ bench_explore_schedules_zero 2 '^mmsim bench explore: --schedules' -- bench explore --schedules 0
case_ bench_explore_jobs_1000 2 '^mmsim bench explore: --jobs' -- bench explore --jobs 1000
case_ bench_radix_seconds_zero 2 '^mmsim bench radix: --seconds' -- bench radix --seconds 0
case_ bench_radix_seconds_negative 2 '^mmsim bench radix: --seconds' -- bench radix --seconds -2

echo "bad inputs: $tried tried, $failed failed"
[ "$failed" -eq 0 ]
