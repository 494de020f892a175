/*
 * tests/unit/test_engine_sched.c - the seeded scheduler and probes, the
 * engine alone: replay (same seed, same decisions, same trace bytes), one
 * task at a time, PCT change points, deadlock and livelock reports,
 * run_until, probes and the hand-off benchmark.
 *
 * Every seeded run happens in a forked child (through the engine's fork
 * hooks, as explore does), so that a run can be repeated with another
 * seed and so that reports which end the process can be checked: the
 * child's stdout (results) and stderr (reports) come back through pipes.
 */
#define _GNU_SOURCE
#include <check.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../sim/engine/engine.h"
#include "child_capture.h"

#define SEED 42ull

static void setup(void)
{
	sim_engine_init(SEED);
}

/* ---- helpers ------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n + 1);
	ck_assert_uint_eq(fread(buf, 1, n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = n;
	return buf;
}

static int count_substr(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay++;
	}
	return n;
}

/* ---- a small workload: spinlocks, wait/wake, probes ---------------------- */

#define NR_WORKERS 3
#define ROUNDS 40

struct workload {
	volatile int lock;
	volatile int sem; /* an rw_semaphore word */
	int counter;
	int inside, max_inside; /* plain ints: one task at a time */
	volatile int busy;
	int mailbox[NR_WORKERS];
	long handle[NR_WORKERS];
};

static struct workload W;

static int mailbox_full(const void *arg)
{
	return *(const int *)arg > 0;
}

static void worker(void *arg)
{
	int me = (int)(long)arg, next = (me + 1) % NR_WORKERS, i, k;

	for (i = 0; i < ROUNDS; i++) {
		sim_spin_lock(&W.lock, "W.lock", "worker:1");
		sim_probe("try_to_unmap", 0);
		W.counter++;
		sim_probe("try_to_unmap", 1);
		sim_spin_unlock(&W.lock, "worker:2");

		/* A region with no lock and no preemption point: only
		 * the scheduler keeps it exclusive.  The host may run
		 * other threads here (sched_yield), the engine may not. */
		if (++W.inside > W.max_inside)
			W.max_inside = W.inside;
		for (k = 0; k < 100; k++)
			W.busy++;
		sched_yield();
		W.inside--;
		sim_preempt_point("worker");
		sim_cond_resched();

		if (i % 4 == 0) {
			sim_down_read(&W.sem, "W.sem", "worker:3");
			sim_probe("worker_point", 2);
			sim_up_read(&W.sem, "worker:4");
		}
		/* Pass a token around; take one when it is there. */
		W.mailbox[next]++;
		sim_wake_up(&W.mailbox[next]);
		if (i % 5 == 4)
			sim_wait_event(&W.mailbox[me], mailbox_full,
				       &W.mailbox[me], "mailbox", "worker:5");
		if (W.mailbox[me] > 0)
			W.mailbox[me]--;
	}
	/* Nobody waits for a mailbox once everyone is done. */
	for (i = 0; i < NR_WORKERS; i++) {
		W.mailbox[i] += 1000;
		sim_wake_up(&W.mailbox[i]);
	}
}

struct run_args {
	unsigned long long seed;
	const char *trace;
	int depth;
	unsigned long expected;
};

/* The whole run in the child: prints its hash, steps and results. */
static void run_workload(void *p)
{
	struct run_args *a = p;
	FILE *trace = NULL;
	int i;

	memset(&W, 0, sizeof(W));
	sim_engine_init(a->seed);
	if (a->trace) {
		trace = fopen(a->trace, "w");
		ck_assert_ptr_nonnull(trace);
		sim_engine_set_trace(trace);
	}
	sim_engine_set_mode(SIM_SCHED_SEEDED);
	if (a->depth)
		sim_engine_set_pct(a->depth, a->expected);
	for (i = 0; i < NR_WORKERS; i++) {
		char name[16];

		snprintf(name, sizeof(name), "worker-%d", i);
		W.handle[i] = sim_thread_spawn(name, 10 + i, i % 2, worker,
					       (void *)(long)i);
	}
	for (i = 0; i < NR_WORKERS; i++)
		sim_thread_join(W.handle[i]);
	if (trace)
		fclose(trace);
	printf("hash=%016llx steps=%lu counter=%d max_inside=%d\n",
	       sim_engine_schedule_hash(), sim_engine_steps(), W.counter,
	       W.max_inside);
}

static void trace_path(char *buf, size_t size, const char *tag)
{
	snprintf(buf, size, "/tmp/mmsim-test-sched-%d-%s.trace", (int)getpid(),
		 tag);
}

/* ---- replay -------------------------------------------------------------- */

START_TEST(test_same_seed_same_decisions_and_same_trace_bytes)
{
	char p1[128], p2[128];
	struct run_args a1 = {.seed = 7, .trace = p1};
	struct run_args a2 = {.seed = 7, .trace = p2};
	struct captured c1, c2;
	size_t l1, l2;
	char *t1, *t2;

	trace_path(p1, sizeof(p1), "a");
	trace_path(p2, sizeof(p2), "b");
	run_child(run_workload, &a1, &c1);
	run_child(run_workload, &a2, &c2);
	ck_assert_msg(c1.status == 0, "%s", c1.err);
	ck_assert_int_eq(c2.status, 0);
	ck_assert_str_eq(c1.out, c2.out);
	ck_assert_ptr_nonnull(strstr(c1.out, "counter=120 max_inside=1"));
	t1 = slurp(p1, &l1);
	t2 = slurp(p2, &l2);
	ck_assert_uint_eq(l1, l2);
	ck_assert_int_eq(memcmp(t1, t2, l1), 0);
	/* The trace says who ran, who waited where, and the probes. */
	ck_assert_ptr_nonnull(strstr(t1, "sched_switch: prev_comm="));
	ck_assert_ptr_nonnull(strstr(t1, "probe: try_to_unmap enter"));
	ck_assert_ptr_nonnull(strstr(t1, "probe: try_to_unmap exit"));
	ck_assert_ptr_nonnull(strstr(t1, "probe: worker_point"));
	ck_assert_ptr_nonnull(strstr(t1, "sched_block: what="));
	ck_assert_ptr_nonnull(strstr(t1, "sched_wakeup: comm="));
	free(t1);
	free(t2);
	unlink(p1);
	unlink(p2);
}
END_TEST

START_TEST(test_different_seeds_give_different_schedules)
{
	struct run_args a = {.depth = 4, .expected = 400};
	char hashes[5][64];
	int i, distinct = 1;

	for (i = 0; i < 5; i++) {
		struct captured c;

		a.seed = 100 + i;
		run_child(run_workload, &a, &c);
		ck_assert_msg(c.status == 0, "%s", c.err);
		ck_assert_ptr_nonnull(strstr(c.out, "counter=120"));
		snprintf(hashes[i], sizeof(hashes[i]), "%.21s", c.out);
		if (i && strcmp(hashes[i], hashes[0]))
			distinct++;
	}
	ck_assert_int_ge(distinct, 2);
}
END_TEST

START_TEST(test_only_one_task_runs_at_a_time)
{
	struct run_args a = {.depth = 30, .expected = 300};
	struct captured c;
	int i;

	for (i = 0; i < 3; i++) {
		a.seed = 1 + i;
		run_child(run_workload, &a, &c);
		ck_assert_msg(c.status == 0, "%s", c.err);
		ck_assert_ptr_nonnull(strstr(c.out, "max_inside=1\n"));
	}
}
END_TEST

START_TEST(test_pct_change_points_fire)
{
	char p[128];
	struct run_args a = {
		.seed = 3, .trace = p, .depth = 5, .expected = 200};
	struct captured c;
	size_t len;
	char *t;

	trace_path(p, sizeof(p), "pct");
	run_child(run_workload, &a, &c);
	ck_assert_msg(c.status == 0, "%s", c.err);
	t = slurp(p, &len);
	/* 5 change points in [1, 200]; the run takes more steps. */
	ck_assert_int_ge(count_substr(t, "sched_pct_change: comm="), 1);
	ck_assert_int_le(count_substr(t, "sched_pct_change: comm="), 5);
	free(t);
	unlink(p);
}
END_TEST

/* ---- deadlock and livelock ----------------------------------------------- */

#define PID_A 21
#define PID_B 22

static volatile int lock_a, lock_b;
static int a_holds; /* B starts once A holds its first lock */

static int a_holds_first(const void *arg)
{
	(void)arg;
	return a_holds;
}

static void a_took_first(void)
{
	a_holds = 1;
	sim_wake_up(&a_holds);
	/* Let B take its first lock and get stuck on A's. */
	sim_engine_run_until(PID_B, SIM_UNTIL_BLOCKED);
}

static void b_waits_for_a(void)
{
	sim_wait_event(&a_holds, a_holds_first, NULL, "a_holds", "abba.c:1");
}

static void abba_spin_a(void *arg)
{
	(void)arg;
	sim_spin_lock(&lock_a, "lock_a", "abba.c:10");
	a_took_first();
	sim_spin_lock(&lock_b, "lock_b", "abba.c:12");
}

static void abba_spin_b(void *arg)
{
	(void)arg;
	b_waits_for_a();
	sim_spin_lock(&lock_b, "lock_b", "abba.c:20");
	sim_spin_lock(&lock_a, "lock_a", "abba.c:21");
}

static void abba_sem_a(void *arg)
{
	(void)arg;
	sim_down_write(&lock_a, "&mm->mmap_sem", "abba.c:30");
	a_took_first();
	sim_down_write(&lock_b, "&anon_vma->sem", "abba.c:32");
}

static void abba_sem_b(void *arg)
{
	(void)arg;
	b_waits_for_a();
	sim_down_write(&lock_b, "&anon_vma->sem", "abba.c:40");
	sim_down_read(&lock_a, "&mm->mmap_sem", "abba.c:41");
}

struct abba {
	sim_thread_fn fns[2];
	unsigned long long seed;
};

static void run_abba(void *p)
{
	struct abba *ab = p;
	long a, b;
	char hint[64];

	snprintf(hint, sizeof(hint), "mmsim run abba.scn --seed %llu",
		 ab->seed);
	sim_engine_init(ab->seed);
	sim_engine_set_replay_hint(hint);
	sim_engine_set_mode(SIM_SCHED_SEEDED);
	b = sim_thread_spawn("task-b", PID_B, 1, ab->fns[1], NULL);
	a = sim_thread_spawn("task-a", PID_A, 0, ab->fns[0], NULL);
	sim_thread_join(a);
	sim_thread_join(b);
}

static void check_deadlock_report(const struct captured *c,
				  unsigned long long seed, const char *a_line,
				  const char *b_line)
{
	char line[128];

	ck_assert_msg(c->status == 3, "status %d: %s", c->status, c->err);
	ck_assert_msg(strstr(c->err, "BUG: deadlock: every task is blocked\n"),
		      "%s", c->err);
	ck_assert_msg(strstr(c->err, a_line), "no \"%s\" in:\n%s", a_line,
		      c->err);
	ck_assert_msg(strstr(c->err, b_line), "no \"%s\" in:\n%s", b_line,
		      c->err);
	ck_assert_ptr_nonnull(
		strstr(c->err, "  swapper/0 waits on join task-"));
	snprintf(line, sizeof(line), "seed: %llu\n", seed);
	ck_assert_ptr_nonnull(strstr(c->err, line));
	snprintf(line, sizeof(line), "replay: mmsim run abba.scn --seed %llu\n",
		 seed);
	ck_assert_ptr_nonnull(strstr(c->err, line));
	ck_assert_ptr_nonnull(
		strstr(c->err, "mmsim: kernel misbehaved (exit 3)\n"));
}

START_TEST(test_abba_on_two_spinlocks_is_reported_as_deadlock)
{
	struct abba ab = {{abba_spin_a, abba_spin_b}, 0};
	static struct captured c;

	for (ab.seed = 40; ab.seed < 45; ab.seed++) {
		run_child(run_abba, &ab, &c);
		check_deadlock_report(&c, ab.seed,
				      "  task-a/21 waits on spin_lock lock_b "
				      "at abba.c:12, holding: "
				      "lock_a (taken at abba.c:10)\n",
				      "  task-b/22 waits on spin_lock lock_a "
				      "at abba.c:21, holding: "
				      "lock_b (taken at abba.c:20)\n");
	}
}
END_TEST

START_TEST(test_abba_on_two_rwsems_is_reported_as_deadlock)
{
	struct abba ab = {{abba_sem_a, abba_sem_b}, 0};
	static struct captured c;

	for (ab.seed = 40; ab.seed < 45; ab.seed++) {
		run_child(run_abba, &ab, &c);
		check_deadlock_report(
			&c, ab.seed,
			"  task-a/21 waits on down_write &anon_vma->sem at "
			"abba.c:32, "
			"holding: &mm->mmap_sem (taken at abba.c:30)\n",
			"  task-b/22 waits on down_read &mm->mmap_sem at "
			"abba.c:41, "
			"holding: &anon_vma->sem (taken at abba.c:40)\n");
	}
}
END_TEST

static void spin_forever(void *arg)
{
	(void)arg;
	for (;;)
		sim_cond_resched();
}

static void run_livelock(void *arg)
{
	(void)arg;
	sim_engine_set_mode(SIM_SCHED_SEEDED);
	sim_engine_set_step_budget(50);
	sim_thread_join(sim_thread_spawn("spinner", 5, 0, spin_forever, NULL));
}

START_TEST(test_step_budget_reports_livelock)
{
	struct captured c;

	run_child(run_livelock, NULL, &c);
	ck_assert_msg(c.status == 3, "status %d: %s", c.status, c.err);
	ck_assert_ptr_nonnull(strstr(
		c.err,
		"BUG: livelock: no progress after 50 scheduling steps\n"));
	ck_assert_ptr_nonnull(strstr(c.err, "  spinner/5 is running"));
	ck_assert_ptr_nonnull(
		strstr(c.err, "  swapper/0 waits on join spinner"));
	ck_assert_ptr_nonnull(
		strstr(c.err, "mmsim: kernel misbehaved (exit 3)"));
}
END_TEST

/*
 * A thread the scheduler does not own (liburcu's callback thread) takes
 * the same locks and CPU as a seeded task.  Whenever the seeded task
 * finds one taken by it, or not yet released, every seeded task is
 * blocked: the scheduler must wait for the foreign thread, never report
 * a deadlock.  The window between the foreign thread's store to the word
 * and its bookkeeping is a few instructions; many rounds find it.
 */
#define FOREIGN_ROUNDS 100000

static struct {
	volatile int spin, mutex, rwsem;
} F;

static void foreign_rounds(const char *who)
{
	int i;

	for (i = 0; i < FOREIGN_ROUNDS; i++) {
		sim_spin_lock(&F.spin, "F.spin", who);
		sim_spin_unlock(&F.spin, who);
		sim_mutex_lock(&F.mutex, "F.mutex", who);
		sim_mutex_unlock(&F.mutex, who);
		sim_down_read(&F.rwsem, "F.rwsem", who);
		sim_up_read(&F.rwsem, who);
		sim_cpu_claim(0);
		sim_cpu_release(0);
	}
}

static void *foreign_thread(void *arg)
{
	(void)arg;
	foreign_rounds("foreign");
	return NULL;
}

static void seeded_rounds(void *arg)
{
	(void)arg;
	foreign_rounds("seeded");
}

static void run_against_foreign(void *arg)
{
	pthread_t foreign;

	(void)arg;
	memset((void *)&F, 0, sizeof(F));
	sim_engine_set_mode(SIM_SCHED_SEEDED);
	ck_assert_int_eq(pthread_create(&foreign, NULL, foreign_thread, NULL),
			 0);
	sim_thread_join(sim_thread_spawn("seeded", 7, 0, seeded_rounds, NULL));
	pthread_join(foreign, NULL);
	printf("done\n");
}

START_TEST(test_lock_held_by_a_foreign_thread_is_waited_for_not_deadlock)
{
	struct captured c;

	run_child(run_against_foreign, NULL, &c);
	ck_assert_msg(c.status == 0, "status %d: %s", c.status, c.err);
	ck_assert_str_eq(c.out, "done\n");
}
END_TEST

/*
 * A foreign thread waiting for a lock does not count as a holder: when
 * the seeded task holding it sleeps on something nobody will ever wake,
 * that is reported as a deadlock, not waited for.
 */
static struct {
	volatile int mutex;
	int never, locked, foreign_trying;
} D;

static int never_true(const void *arg)
{
	(void)arg;
	return 0;
}

static void *foreign_locker(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&D.locked, __ATOMIC_ACQUIRE))
		sched_yield();
	__atomic_store_n(&D.foreign_trying, 1, __ATOMIC_RELEASE);
	sim_mutex_lock(&D.mutex, "D.mutex", "foreign");
	return NULL;
}

static void holder_sleeps_forever(void *arg)
{
	(void)arg;
	sim_mutex_lock(&D.mutex, "D.mutex", "holder:1");
	__atomic_store_n(&D.locked, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&D.foreign_trying, __ATOMIC_ACQUIRE))
		sched_yield();
	usleep(20000); /* the foreign thread is asleep on the word */
	sim_wait_event(&D.never, never_true, NULL, "never", "holder:2");
}

static void run_foreign_waits_on_sleeper(void *arg)
{
	pthread_t foreign;

	(void)arg;
	memset(&D, 0, sizeof(D));
	sim_engine_set_mode(SIM_SCHED_SEEDED);
	ck_assert_int_eq(pthread_create(&foreign, NULL, foreign_locker, NULL),
			 0);
	sim_thread_join(
		sim_thread_spawn("holder", 8, 0, holder_sleeps_forever, NULL));
}

START_TEST(test_foreign_thread_waiting_for_a_lock_does_not_hide_a_deadlock)
{
	struct captured c;

	run_child(run_foreign_waits_on_sleeper, NULL, &c);
	ck_assert_msg(c.status == 3, "status %d: %s", c.status, c.err);
	ck_assert_ptr_nonnull(
		strstr(c.err, "BUG: deadlock: every task is blocked\n"));
	ck_assert_ptr_nonnull(strstr(c.err, "  holder/8 waits on never"));
}
END_TEST

/* ---- run_until ----------------------------------------------------------- */

static char events[4096];

static void note(const char *what)
{
	strcat(events, what);
	strcat(events, " ");
}

static void chatter(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 30; i++) {
		note("x");
		sim_cond_resched();
	}
}

static void target_until_exit(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 5; i++) {
		note("t");
		sim_cond_resched();
	}
	note("T-end");
}

/* A child's fresh seeded engine, under the seed arg points to. */
static void start_seeded(void *arg)
{
	events[0] = '\0';
	sim_engine_init(*(unsigned long long *)arg);
	sim_engine_set_mode(SIM_SCHED_SEEDED);
}

static void run_until_exit(void *arg)
{
	long x, t;

	start_seeded(arg);
	sim_engine_set_pct(10, 100);
	x = sim_thread_spawn("chatter", 31, 0, chatter, NULL);
	t = sim_thread_spawn("target", 32, 1, target_until_exit, NULL);
	note("R");
	ck_assert_int_eq(sim_engine_run_until(32, SIM_UNTIL_EXIT), 0);
	note("M");
	ck_assert_int_eq(sim_engine_run_until(32, SIM_UNTIL_EXIT), 0);
	ck_assert_int_eq(sim_engine_run_until(999, SIM_UNTIL_EXIT), -1);
	sim_thread_join(x);
	sim_thread_join(t);
	printf("%s\n", events);
}

START_TEST(test_run_until_exit_runs_the_target_then_the_caller)
{
	unsigned long long seed;

	for (seed = 1; seed <= 6; seed++) {
		struct captured c;
		const char *r, *end, *p;

		run_child(run_until_exit, &seed, &c);
		ck_assert_msg(c.status == 0, "%s", c.err);
		ck_assert_int_eq(count_substr(c.out, "t "), 5);
		ck_assert_int_eq(count_substr(c.out, "x "), 30);
		/* From the call on, nothing comes between: the target's
		 * remaining steps, its end, then the caller. */
		r = strstr(c.out, "R ");
		end = strstr(c.out, "T-end ");
		ck_assert(r && end);
		p = r + 2;
		if (end < r) {
			ck_assert_msg(!strncmp(p, "M ", 2), "seed %llu: %s",
				      seed, c.out);
			continue;
		}
		while (!strncmp(p, "t ", 2))
			p += 2;
		ck_assert_msg(!strncmp(p, "T-end M ", 8), "seed %llu: %s", seed,
			      c.out);
	}
}
END_TEST

static volatile int gate_sem;

static void target_until_blocked(void *arg)
{
	(void)arg;
	note("T-start");
	sim_down_write(&gate_sem, "gate_sem", "target:1");
	note("T-got");
	sim_up_write(&gate_sem, "target:2");
}

static void run_until_blocked(void *arg)
{
	unsigned long long seed = *(unsigned long long *)arg;
	long t;

	events[0] = '\0';
	sim_engine_init(seed);
	sim_engine_set_mode(SIM_SCHED_SEEDED);
	sim_down_write(&gate_sem, "gate_sem", "main:1");
	t = sim_thread_spawn("target", 41, 0, target_until_blocked, NULL);
	ck_assert_int_eq(sim_engine_run_until(41, SIM_UNTIL_BLOCKED), 0);
	note("M");
	ck_assert_int_eq(sim_engine_nr_sleeping(), 1);
	sim_up_write(&gate_sem, "main:2");
	sim_thread_join(t);
	printf("%s\n", events);
}

START_TEST(test_run_until_blocked_returns_when_the_target_sleeps)
{
	unsigned long long seed;

	for (seed = 1; seed <= 4; seed++) {
		struct captured c;

		run_child(run_until_blocked, &seed, &c);
		ck_assert_msg(c.status == 0, "%s", c.err);
		ck_assert_str_eq(c.out, "T-start M T-got \n");
	}
}
END_TEST

static volatile int free_sem;
static int free_stage;

static void free_target(void *arg)
{
	(void)arg;
	__atomic_store_n(&free_stage, 1, __ATOMIC_SEQ_CST);
	sim_down_write(&free_sem, "free_sem", "free:1");
	__atomic_store_n(&free_stage, 2, __ATOMIC_SEQ_CST);
	sim_up_write(&free_sem, "free:2");
}

START_TEST(test_run_until_in_free_mode_waits)
{
	long t;

	ck_assert_int_eq(sim_engine_mode(), SIM_SCHED_FREE);
	ck_assert_int_eq(sim_engine_run_until(12345, SIM_UNTIL_BLOCKED), -1);
	sim_down_write(&free_sem, "free_sem", "main:1");
	t = sim_thread_spawn("target", 51, 0, free_target, NULL);
	ck_assert_int_eq(sim_engine_run_until(51, SIM_UNTIL_BLOCKED), 0);
	ck_assert_int_eq(__atomic_load_n(&free_stage, __ATOMIC_SEQ_CST), 1);
	sim_up_write(&free_sem, "main:2");
	ck_assert_int_eq(sim_engine_run_until(51, SIM_UNTIL_EXIT), 0);
	ck_assert_int_eq(__atomic_load_n(&free_stage, __ATOMIC_SEQ_CST), 2);
	sim_thread_join(t);
}
END_TEST

/* ---- naps ---------------------------------------------------------------- */

static void napper(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 5; i++) {
		note("n");
		sim_nap("test_nap", 1000); /* 101 steps */
	}
}

static void run_nap(void *arg)
{
	long n, w;

	start_seeded(arg);
	n = sim_thread_spawn("napper", 71, 0, napper, NULL);
	w = sim_thread_spawn("chatter", 72, 1, chatter, NULL);
	sim_thread_join(n);
	sim_thread_join(w);
	printf("%s\n", events);
}

/*
 * A nap is a timed sleep, not a yield: whatever the priorities, the
 * chatter's 30 steps all run inside the napper's first nap of 101 steps.
 */
START_TEST(test_a_napping_task_lets_the_others_run_for_its_timeout)
{
	unsigned long long seed;

	for (seed = 1; seed <= 8; seed++) {
		struct captured c;
		const char *second;

		run_child(run_nap, &seed, &c);
		ck_assert_msg(c.status == 0, "%s", c.err);
		ck_assert_int_eq(count_substr(c.out, "n "), 5);
		ck_assert_int_eq(count_substr(c.out, "x "), 30);
		second = strstr(strstr(c.out, "n ") + 2, "n ");
		ck_assert_msg(!strstr(second, "x "), "seed %llu: %s", seed,
			      c.out);
	}
}
END_TEST

static void run_lonely_nap(void *arg)
{
	(void)arg;
	sim_engine_set_mode(SIM_SCHED_SEEDED);
	sim_engine_set_step_budget(50);
	sim_thread_join(sim_thread_spawn("napper", 73, 0, napper, NULL));
	printf("%s\n", events);
}

/* ---- RCU callbacks in seeded mode ---------------------------------------- */

static int rcu_freed;

static void rcu_count_free(void *obj)
{
	(void)obj;
	__atomic_add_fetch(&rcu_freed, 1, __ATOMIC_SEQ_CST);
}

/*
 * A seeded task queues 3 callbacks and waits 50 ms of host time: none has
 * run (host timing decides nothing), rcu_barrier() runs all 3; then 512
 * queued (a batch) run at the call that completes it.
 */
static void rcu_caller(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 3; i++)
		sim_call_rcu(NULL, rcu_count_free);
	usleep(50000);
	printf("before=%d ", __atomic_load_n(&rcu_freed, __ATOMIC_SEQ_CST));
	sim_rcu_barrier();
	printf("barrier=%d ", __atomic_load_n(&rcu_freed, __ATOMIC_SEQ_CST));
	for (i = 0; i < 511; i++)
		sim_call_rcu(NULL, rcu_count_free);
	usleep(50000);
	printf("511=%d ", __atomic_load_n(&rcu_freed, __ATOMIC_SEQ_CST));
	sim_call_rcu(NULL, rcu_count_free);
	printf("512=%d\n", __atomic_load_n(&rcu_freed, __ATOMIC_SEQ_CST));
}

static void run_rcu_caller(void *arg)
{
	(void)arg;
	sim_engine_set_mode(SIM_SCHED_SEEDED);
	sim_thread_join(sim_thread_spawn("caller", 81, 0, rcu_caller, NULL));
}

START_TEST(test_seeded_rcu_callbacks_run_where_the_schedule_says)
{
	struct captured c;

	run_child(run_rcu_caller, NULL, &c);
	ck_assert_msg(c.status == 0, "%s", c.err);
	ck_assert_str_eq(c.out, "before=0 barrier=3 511=3 512=515\n");
}
END_TEST

/* With nobody else to run, the timeout passes at once (no livelock). */
START_TEST(test_a_nap_with_nobody_else_to_run_ends_at_once)
{
	struct captured c;

	events[0] = '\0';
	run_child(run_lonely_nap, NULL, &c);
	ck_assert_msg(c.status == 0, "status %d: %s", c.status, c.err);
	ck_assert_str_eq(c.out, "n n n n n \n");
}
END_TEST

/* ---- probes -------------------------------------------------------------- */

struct seen {
	char log[1024];
	int calls;
};

static void record_probe(void *ctx, const char *name, enum sim_probe_kind kind)
{
	struct seen *s = ctx;
	static const char *const kinds[] = {"enter", "exit", "point"};

	s->calls++;
	snprintf(s->log + strlen(s->log), sizeof(s->log) - strlen(s->log),
		 "%s/%s/%s ", sim_thread_name(), name, kinds[kind]);
}

static void probing_task(void *arg)
{
	(void)arg;
	sim_probe("lock_page", 0);
	sim_probe("lock_page", 1);
	sim_probe("my_point", 2);
}

static void check_probe_handler(void)
{
	static struct seen s;

	memset(&s, 0, sizeof(s));
	sim_engine_set_probe_handler(record_probe, &s);
	sim_thread_join(sim_thread_spawn("prober", 61, 0, probing_task, NULL));
	sim_engine_set_probe_handler(NULL, NULL);
	sim_probe("lock_page", 0); /* no handler: nothing seen */
	ck_assert_str_eq(s.log, "prober/lock_page/enter prober/lock_page/exit "
				"prober/my_point/point ");
}

START_TEST(test_probe_handler_sees_enter_and_exit_in_free_mode)
{
	check_probe_handler();
}
END_TEST

static void seeded_probe_handler(void *arg)
{
	(void)arg;
	sim_engine_set_mode(SIM_SCHED_SEEDED);
	check_probe_handler();
	/* Each probe was a scheduling point. */
	ck_assert_uint_ge(sim_engine_steps(), 3);
	printf("ok\n");
}

START_TEST(test_probe_handler_sees_enter_and_exit_in_seeded_mode)
{
	struct captured c;

	run_child(seeded_probe_handler, NULL, &c);
	ck_assert_msg(c.status == 0, "%s", c.err);
	ck_assert_str_eq(c.out, "ok\n");
}
END_TEST

START_TEST(test_probe_exists_for_kernel_points_and_registered_names)
{
	ck_assert(sim_engine_probe_exists("try_to_unmap"));
	ck_assert(sim_engine_probe_exists("lock_page"));
	ck_assert(sim_engine_probe_exists("lru_add_drain_all"));
	ck_assert(!sim_engine_probe_exists("no_such_probe"));
	ck_assert(!sim_engine_probe_exists("a_new_point"));
	sim_probe("a_new_point", 2);
	ck_assert(sim_engine_probe_exists("a_new_point"));
	/* This executable has no migrate.c: none of its functions. */
	ck_assert(!sim_engine_probe_exists("migrate_pages"));
}
END_TEST

/* ---- bench ---------------------------------------------------------------- */

START_TEST(test_bench_switch_reports_switches_per_second)
{
	double rate = sim_engine_bench_switch(20000);

	fprintf(stderr, "bench switch: %.0f switches/s\n", rate);
	ck_assert(rate > 0);
	/* Back in free mode, as before. */
	ck_assert_int_eq(sim_engine_mode(), SIM_SCHED_FREE);
}
END_TEST

/* ---- the suite ------------------------------------------------------------ */

static TCase *tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return tc;
}

static Suite *sched_suite(void)
{
	Suite *s = suite_create("engine_sched");
	TCase *tc;

	tc = tcase(s, "replay");
	tcase_add_test(tc, test_same_seed_same_decisions_and_same_trace_bytes);
	tcase_add_test(tc, test_different_seeds_give_different_schedules);
	tcase_add_test(tc, test_only_one_task_runs_at_a_time);
	tcase_add_test(tc, test_pct_change_points_fire);

	tc = tcase(s, "reports");
	tcase_add_test(tc, test_abba_on_two_spinlocks_is_reported_as_deadlock);
	tcase_add_test(tc, test_abba_on_two_rwsems_is_reported_as_deadlock);
	tcase_add_test(tc, test_step_budget_reports_livelock);
	tcase_add_test(
		tc,
		test_lock_held_by_a_foreign_thread_is_waited_for_not_deadlock);
	tcase_add_test(
		tc,
		test_foreign_thread_waiting_for_a_lock_does_not_hide_a_deadlock);

	tc = tcase(s, "run_until");
	tcase_add_test(tc, test_run_until_exit_runs_the_target_then_the_caller);
	tcase_add_test(tc,
		       test_run_until_blocked_returns_when_the_target_sleeps);
	tcase_add_test(tc, test_run_until_in_free_mode_waits);

	tc = tcase(s, "naps");
	tcase_add_test(tc,
		       test_a_napping_task_lets_the_others_run_for_its_timeout);
	tcase_add_test(tc, test_a_nap_with_nobody_else_to_run_ends_at_once);

	tc = tcase(s, "rcu");
	tcase_add_test(tc,
		       test_seeded_rcu_callbacks_run_where_the_schedule_says);

	tc = tcase(s, "probes");
	tcase_add_test(tc, test_probe_handler_sees_enter_and_exit_in_free_mode);
	tcase_add_test(tc,
		       test_probe_handler_sees_enter_and_exit_in_seeded_mode);
	tcase_add_test(
		tc, test_probe_exists_for_kernel_points_and_registered_names);

	tc = tcase(s, "bench");
	tcase_add_test(tc, test_bench_switch_reports_switches_per_second);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(sched_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
