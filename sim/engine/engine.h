/*
 * sim/engine/engine.h - the engine as the host world (CLI, scenarios,
 * tests) drives it.
 *
 * The kernel world reaches the engine through <sim/door.h> only; this is
 * the other side: starting the engine, its seed, where traces go and what
 * reports print to replay a failure.  One simulated machine per process,
 * so there is one engine per process and no handle to pass around.
 */
#ifndef _SIM_ENGINE_H
#define _SIM_ENGINE_H

#include <stdio.h>

#include <sim/door.h>

/*
 * Start the engine: install the oops handlers (SIGSEGV, SIGBUS on an
 * alternate stack), identify the calling thread as "swapper", pid 0,
 * CPU 0, and register it with liburcu.  'seed' is printed in every
 * failure report.  Call once, before any door call, from the thread that
 * will run the initial task.
 */
void sim_engine_init(unsigned long long seed);
unsigned long long sim_engine_seed(void);

/*
 * Send sim_trace() events to f (NULL: tracing off).  Set it before tasks
 * are spawned; the engine does not close it.
 */
void sim_engine_set_trace(FILE *f);

/*
 * Also send every sim_trace() event to f as Chrome trace-event JSON (for
 * Perfetto or chrome://tracing; NULL: off).  "[" is written at once, the
 * events as they come; sim_engine_trace_close() writes the closing "]"
 * and flushes.  It is called by every fatal report (exit 3) and at
 * exit(); call it yourself before closing f.  The engine does not close f.
 */
void sim_engine_set_trace_json(FILE *f);
void sim_engine_trace_close(void);

/* The command that replays this run, printed in reports as "replay: CMD". */
void sim_engine_set_replay_hint(const char *cmdline);

/* Tasks blocked in the engine right now (sleeping locks, waits, CPUs). */
int sim_engine_nr_sleeping(void);

/* ---- scheduling ---------------------------------------------------------- */

/*
 * free: real parallel threads.  seeded: exactly one task runs at a time;
 * at every preemption point (lock operations, sleeps, wake-ups,
 * cond_resched, probes) a PCT scheduler seeded with the engine seed picks
 * who runs, so a seed replays the same interleaving.  Choose before the
 * first sim_thread_spawn; the calling thread is a task (pid 0) in both.
 */
enum sim_sched_mode { SIM_SCHED_FREE, SIM_SCHED_SEEDED };
void sim_engine_set_mode(enum sim_sched_mode mode);
enum sim_sched_mode sim_engine_mode(void);

/*
 * While held (nesting counts), the calling task's preemption points do
 * not switch and are not counted as steps: what it does in between is
 * one step of the schedule (mmsim run --check-every runs the invariant
 * checker so, mid-run).  Sleeping still switches.
 */
void sim_engine_hold_schedule(int on);

/* PCT: 'depth' priority-change points spread over 'expected_steps'. */
void sim_engine_set_pct(int depth, unsigned long expected_steps);

/*
 * A scenario's setup runs under a fixed schedule: PCT with setup_seed,
 * whatever the strategy.  Where its concurrent part begins,
 * sim_engine_reseed_schedule() makes the schedule 'seed''s: every live
 * task draws a new priority (in spawn order), the change points are
 * drawn again over the expected steps that follow, and the strategy
 * (random's PRNG) takes over.  So every seed shares the setup, and
 * explore forks there.  The machine's seed, which reports print, is
 * sim_engine_init()'s.
 */
void sim_engine_schedule_setup(unsigned long long setup_seed);
void sim_engine_reseed_schedule(unsigned long long seed);

/*
 * Whether a fork in the middle of a seeded run keeps every task: tasks
 * are contexts on one host thread (not with MMSIM_SEEDED_THREADS=1 or
 * under ThreadSanitizer, where a fork keeps only the calling thread).
 */
int sim_engine_can_fork_tasks(void);

/*
 * After this many scheduling points a run is reported as a livelock
 * (exit 3).  0: no limit.
 */
void sim_engine_set_step_budget(unsigned long steps);
unsigned long sim_engine_steps(void);

/* A hash of every scheduling decision so far: equal runs, equal hashes. */
unsigned long long sim_engine_schedule_hash(void);

/*
 * Strategies (strategy.c), for seeded mode; set before the run.  pct:
 * the PCT scheduler above (the default).  random: a uniform choice among
 * the runnable tasks at every point, from the seed.  forced: the entries
 * given with sim_engine_force() ("at step S run task pid", or the task
 * named name when pid < 0) and, between them, no preemption: the running
 * task goes on while it can, else the first runnable in spawn order.  A
 * forced run is the same for every seed.
 */
enum sim_strategy {
	SIM_STRATEGY_PCT,
	SIM_STRATEGY_RANDOM,
	SIM_STRATEGY_FORCED
};
void sim_engine_set_strategy(enum sim_strategy kind);
enum sim_strategy sim_engine_strategy(void);
void sim_engine_force_clear(void);
void sim_engine_force(unsigned long step, int pid, const char *name);
/* The same at the count-th scheduling point task self reaches. */
void sim_engine_force_at(int self, unsigned long count, int pid,
			 const char *name);
/* Forced entries skipped in this run: their task could not run then. */
unsigned long sim_engine_diverged(void);
/*
 * Write every choice point (two or more runnable tasks) to fd as it is
 * decided, one line each, unbuffered so that a run dying of an oops
 * still leaves its log:
 *   choice STEP CUR CHOSEN N SELF COUNT PID:NAME ...
 * CUR is the index of the running task among the N candidates when it
 * could go on (-1: it blocked or exited), CHOSEN the index chosen, SELF
 * the pid of the task at the point (-1: none) and COUNT the number of
 * this point among its points.  -1 stops the log.
 */
void sim_engine_log_choices(int fd);

/* ---- probes ------------------------------------------------------------ */

/*
 * A probe fires when a task enters or leaves a function of mm/migrate.c
 * (compiled with -finstrument-functions) or passes a named point in the
 * kernel (sim_probe() in <sim/door.h>: "try_to_unmap", "lock_page" ...).
 * The handler runs in the task that hit it, at that point; it may make
 * the task wait (sim_engine_run_until) so that others run first.
 */
enum sim_probe_kind { SIM_PROBE_ENTER, SIM_PROBE_EXIT, SIM_PROBE_POINT };
typedef void (*sim_probe_handler)(void *ctx, const char *name,
				  enum sim_probe_kind kind);
void sim_engine_set_probe_handler(sim_probe_handler fn, void *ctx);

/* 1 if probes can fire at 'name' (a migrate.c function or named point). */
int sim_engine_probe_exists(const char *name);

/*
 * The calling task waits until task pid has exited, or until it is
 * blocked (sleeping in the kernel).  In seeded mode pid is run first.
 * Returns 0, or -1 when there is no such task.
 */
enum sim_until { SIM_UNTIL_EXIT, SIM_UNTIL_BLOCKED };
int sim_engine_run_until(int pid, enum sim_until until);

/* ---- detectors (off unless asked for: each costs run time) ------------ */

/*
 * kasan (kasan.c): slab objects live in pages of their own and are made
 * inaccessible when freed; a later access or a second free is reported
 * with the allocation and free stacks (exit 3).  Set before boot.
 */
void sim_engine_set_kasan(int on);

/*
 * lockdep (lockdep.c): lock classes by init site, a dependency graph for
 * the whole run, and 2.6.20's "possible circular locking dependency
 * detected" report (exit 3) the first time an order closes a cycle.
 * Set before boot.
 */
void sim_engine_set_lockdep(int on);

/*
 * kcsan (kcsan.c): vector clocks from the scheduler's own order (locks,
 * wait queues, spawn, join, the page lock); plain accesses to page->mapping,
 * ptes and radix-tree slots by two tasks with no happens-before between
 * them are reported KCSAN-style with both stacks (exit 3).  Set before
 * boot.
 */
void sim_engine_set_kcsan(int on);

/* ---- fork, for explore (one child process per schedule) ---------------- */
void sim_engine_before_fork(void);
void sim_engine_after_fork_parent(void);
void sim_engine_after_fork_child(void);

/* Seeded-mode hand-offs per second between three tasks (bench switch). */
double sim_engine_bench_switch(unsigned long switches);

/*
 * Exit statuses: a kernel misbehaviour (BUG, oops, panic, sleeping in
 * atomic context) exits 3; the simulator failing on its own account (host
 * memory, threads) exits 4.
 */
#define SIM_EXIT_KERNEL 3
#define SIM_EXIT_SIMULATOR 4

#endif /* _SIM_ENGINE_H */
