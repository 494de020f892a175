/*
 * sim/engine/seeded.c - the seeded scheduler: one simulated task runs at
 * a time, PCT picks which, and a seed replays the interleaving.
 *
 * Every task has a run token.  The task holding it runs; at each
 * preemption point it asks the scheduler who should run, and when that is
 * another task it hands the token over.  Since only one task runs at a
 * time, tasks are contexts (coro.c) on the host thread that switched to
 * seeded mode: a hand-off is a user-level context switch, a few hundred
 * nanoseconds.  With contexts disabled (MMSIM_SEEDED_THREADS=1, or under
 * ThreadSanitizer) every task is a host thread instead, the token a futex
 * word of its own, and the threads are pinned to one host CPU, where a
 * futex hand-off costs a few microseconds.
 *
 * Who runs is PCT (Burckhardt et al., ASPLOS 2010): each task draws a
 * distinct random priority when it is spawned, the highest-priority
 * runnable task runs, and at 'depth' step numbers drawn in advance from
 * [1, expected_steps] the running task drops below every other task.  Most
 * points therefore only confirm that the running task is still the
 * highest and cost a mutex and a scan of a handful of tasks.
 *
 * What a decision may depend on: the seed, the step number, the tasks'
 * pids and spawn order, and which of them are runnable.  Never host
 * thread ids, addresses or timing: tasks are registered by their spawner
 * (in program order, not when their thread happens to start), a blocked
 * task is identified by the key it sleeps on and woken only by a wake-up
 * of that key, and every decision (step, chosen pid) is folded into a hash
 * that two runs of one seed must agree on.
 *
 * A task blocks on a key: a lock word (a contended spinning lock blocks
 * until the next unlock of its word instead of spinning), a wait queue
 * key, a CPU, another task's exit.  When no task can run and one is
 * blocked, that is a deadlock and the report says who waits for what
 * holding what.  Threads the scheduler does not own (liburcu's call_rcu
 * thread runs kernel callbacks) keep the free-mode paths; while one of
 * them holds a lock or a CPU, "nobody runnable" means "wait for it", not
 * deadlock, and its unlock hands the token on.
 *
 * The scheduler's state is under one mutex, so that those foreign
 * threads can wake tasks safely; only the token holder makes decisions.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>

#include "engine.h"
#include "task.h"
#include "report.h"
#include "coro.h"
#include "seeded.h"
#include "strategy.h"

#define PCT_DEFAULT_DEPTH 3
#define PCT_DEFAULT_STEPS 1000

int eng_mode_seeded;

static struct {
	int lock; /* futex: 0 free, 1 held, 2 held and waited for */
	GPtrArray *live; /* struct eng_stask *, in spawn order */
	GPtrArray *all; /* every task, exited ones too */
	struct eng_stask *running; /* token holder; NULL when idle */
	unsigned long seq;
	uint64_t prng; /* priorities, in spawn order */
	long long low; /* the last priority dropped to */
	int depth;
	unsigned long expected;
	uint64_t sched_seed; /* the schedule's seed (reseed_schedule) */
	int in_setup; /* a scenario's setup: PCT under its fixed seed */
	unsigned long origin; /* the step the change points count from */
	unsigned long *change; /* the PCT change points, sorted */
	int nr_change, next_change;
	unsigned long steps, budget, switches;
	uint64_t hash;
	/* run_until: 'boost' runs first while runnable; when its condition
	 * holds, the waiting task 'boost_to' does. */
	struct eng_stask *boost, *boost_to;
	int boost_until;
	int foreign; /* locks and CPUs held by threads we do not schedule */
	int contexts; /* tasks are contexts on the host thread (coro.c) */
	int idle_gen; /* futex: a foreign thread handed the token on */
	int next_tid; /* tids for contexts: never a host thread's */
	int pinned;
	cpu_set_t saved_cpus;
} S = {
	.depth = PCT_DEFAULT_DEPTH,
	.expected = PCT_DEFAULT_STEPS,
};

/* ---- small helpers ------------------------------------------------------ */

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void futex_wait(int *word, int val)
{
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake(int *word, int n)
{
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

/*
 * The scheduler's lock, taken at every scheduling point: a futex word as
 * in Drepper's "Futexes Are Tricky" (mutex 3).  Uncontended, as it always
 * is while the tasks are contexts on one host thread, it costs one atomic
 * exchange each way and a tenth of pthread_mutex_lock's instructions.
 */
static void lock(void)
{
	int c = 0;

	if (__atomic_compare_exchange_n(&S.lock, &c, 1, 0, __ATOMIC_ACQUIRE,
					__ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(&S.lock, 2, __ATOMIC_ACQUIRE);
	while (c) {
		futex_wait(&S.lock, 2);
		c = __atomic_exchange_n(&S.lock, 2, __ATOMIC_ACQUIRE);
	}
}

static void unlock(void)
{
	if (__atomic_exchange_n(&S.lock, 0, __ATOMIC_RELEASE) == 2)
		futex_wake(&S.lock, 1);
}

static void arrays(void)
{
	if (!S.live) {
		S.live = g_ptr_array_new();
		S.all = g_ptr_array_new();
	}
}

static struct eng_stask *live_at(unsigned int i)
{
	return g_ptr_array_index(S.live, i);
}

static int seeded(void)
{
	return __atomic_load_n(&eng_mode_seeded, __ATOMIC_RELAXED);
}

/* The host thread runs next's context instead of cur's. */
static void switch_context(struct eng_stask *cur, struct eng_stask *next)
{
	eng_task_switch(cur->t, next->t);
	eng_coro_switch(cur->coro, next->coro);
}

/*
 * Contexts: cur has no token and the host thread has nothing to run
 * until a foreign thread (liburcu's callbacks) hands the token on; then
 * run whoever got it.  Returns when cur has the token again (never, when
 * cur has exited).
 */
static void idle_host(struct eng_stask *cur)
{
	struct eng_stask *next;
	int gen;

	for (;;) {
		lock();
		next = S.running;
		gen = S.idle_gen;
		unlock();
		if (next == cur)
			return;
		if (next) {
			switch_context(cur, next);
			return;
		}
		futex_wait(&S.idle_gen, gen);
	}
}

static void wait_token(struct eng_stask *st)
{
	if (st->coro) {
		idle_host(st);
		return;
	}
	while (!__atomic_load_n(&st->token, __ATOMIC_ACQUIRE))
		futex_wait(&st->token, 0);
}

static long long draw_prio(void)
{
	/* Positive and distinct in practice; ties go to spawn order. */
	return (long long)(splitmix64(&S.prng) >> 2) + 1;
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a;
	unsigned long y = *(const unsigned long *)b;

	return (x > y) - (x < y);
}

/*
 * The change points depend on the schedule's seed, depth, expected steps
 * and origin only.
 */
static void pct_plan_locked(void)
{
	uint64_t r = S.sched_seed ^ 0x5043545f706c616eull;
	int i;

	g_free(S.change);
	S.change = g_new0(unsigned long, S.depth > 0 ? S.depth : 1);
	for (i = 0; i < S.depth; i++)
		S.change[i] = S.origin + 1 + splitmix64(&r) % S.expected;
	qsort(S.change, S.depth, sizeof(*S.change), cmp_ulong);
	S.nr_change = S.depth;
	S.next_change = 0;
	while (S.next_change < S.nr_change &&
	       S.change[S.next_change] <= S.steps)
		S.next_change++;
}

/* ---- reports ------------------------------------------------------------ */

static const char *state_name(int state)
{
	switch (state) {
	case ENG_RUNNING:
		return "is running";
	case ENG_RUNNABLE:
		return "is runnable";
	case ENG_NAPPING:
		return "is napping";
	case ENG_EXITED:
		return "has exited";
	}
	return "is blocked";
}

static void report_task_line(struct sim_report *r, const struct eng_stask *s)
{
	const struct sim_task *t = s->t;
	int i, n = 0;

	eng_report_printf(r, "  %s/%d ", s->name, s->pid);
	if (s->state == ENG_BLOCKED)
		eng_report_printf(r, "waits on %s%s%s at %s", s->what,
				  s->lock ? " " : "", s->lock ? s->lock : "",
				  s->site ? s->site : "?");
	else
		eng_report_printf(r, "%s", state_name(s->state));
	eng_report_printf(r, ", holding: ");
	for (i = 0; t && i < t->nr_held; i++)
		eng_report_printf(r, "%s%s (taken at %s)", n++ ? ", " : "",
				  t->held[i].name, t->held[i].site);
	for (i = 0; t && i < t->nr_sheld; i++)
		eng_report_printf(r, "%s%s (taken at %s)", n++ ? ", " : "",
				  t->sheld[i].name, t->sheld[i].site);
	eng_report_printf(r, "%s\n", n ? "" : "none");
}

static void report_tasks_and_die(struct sim_report *r)
	__attribute__((noreturn));
static void report_tasks_and_die(struct sim_report *r)
{
	unsigned int i;

	for (i = 0; i < S.live->len; i++)
		report_task_line(r, live_at(i));
	eng_report_flush(r);
	eng_report_end_fatal(r);
}

/* Called with the lock held; never returns. */
static void report_deadlock(void) __attribute__((noreturn));
static void report_deadlock(void)
{
	struct sim_report r = {.len = 0};

	eng_report_begin_fatal();
	fflush(NULL);
	eng_report_printf(&r, "BUG: deadlock: every task is blocked\n");
	report_tasks_and_die(&r);
}

static void report_livelock(void) __attribute__((noreturn));
static void report_livelock(void)
{
	struct sim_report r = {.len = 0};

	eng_report_begin_fatal();
	fflush(NULL);
	eng_report_printf(&r,
			  "BUG: livelock: no progress after %lu scheduling "
			  "steps\n",
			  S.budget);
	report_tasks_and_die(&r);
}

/* ---- decisions ---------------------------------------------------------- */

static void step(struct eng_stask *cur)
{
	S.steps++;
	while (S.next_change < S.nr_change &&
	       S.change[S.next_change] <= S.steps) {
		if (cur && S.change[S.next_change] == S.steps) {
			cur->prio = --S.low;
			if (sim_tracing() && !eng_strategy_replaces_pct())
				sim_trace("sched_pct_change",
					  "comm=%s pid=%d step=%lu", cur->name,
					  cur->pid, S.steps);
		}
		S.next_change++;
	}
	if (S.budget && S.steps > S.budget)
		report_livelock();
}

static int can_run(const struct eng_stask *s)
{
	if (s->state == ENG_NAPPING)
		return S.steps >= s->wake_step;
	return s->state == ENG_RUNNING || s->state == ENG_RUNNABLE;
}

/* Nobody can run: time passes to the napper whose timeout ends first. */
static struct eng_stask *first_napper(void)
{
	struct eng_stask *first = NULL, *s;
	unsigned int i;

	for (i = 0; i < S.live->len; i++) {
		s = live_at(i);
		if (s->state != ENG_NAPPING)
			continue;
		if (!first || s->wake_step < first->wake_step ||
		    (s->wake_step == first->wake_step && s->seq < first->seq))
			first = s;
	}
	return first;
}

/* A strategy other than plain PCT decides (strategy.c): PCT's is best. */
static struct eng_stask *strategy_pick(struct eng_stask *best)
{
	struct eng_cand *c = g_newa(struct eng_cand, S.live->len + 1);
	struct eng_stask **t = g_newa(struct eng_stask *, S.live->len + 1);
	int n = 0, cur = -1, pct = 0;
	unsigned int i;

	for (i = 0; i < S.live->len; i++) {
		t[n] = live_at(i);
		if (!can_run(t[n]))
			continue;
		if (t[n] == S.running)
			cur = n;
		if (t[n] == best)
			pct = n;
		c[n].pid = t[n]->pid;
		c[n].name = t[n]->name;
		n++;
	}
	if (!n)
		return NULL;
	return t[eng_strategy_choose(S.steps, S.running ? S.running->pid : -1,
				     c, n, cur, pct)];
}

static struct eng_stask *pick(void)
{
	struct eng_stask *best = NULL, *s;
	unsigned int i;

	if (S.boost && can_run(S.boost))
		return S.boost;
	for (i = 0; i < S.live->len; i++) {
		s = live_at(i);
		if (!can_run(s))
			continue;
		if (!best || s->prio > best->prio ||
		    (s->prio == best->prio && s->seq < best->seq))
			best = s;
	}
	if (!best)
		return first_napper();
	if (eng_strategy_active() && !S.in_setup)
		return strategy_pick(best);
	return best;
}

static void decide(const struct eng_stask *next)
{
	uint64_t z = S.hash ^ (S.steps * 0x100000001b3ull) ^
		     ((uint64_t)(uint32_t)next->pid << 40);

	S.hash = splitmix64(&z);
}

/*
 * Give the token to next and release the lock; cur (NULL for a thread the
 * scheduler does not own) waits for its token again when cur_waits.
 */
static void switch_to(struct eng_stask *cur, struct eng_stask *next,
		      int cur_waits)
{
	if (cur && sim_tracing())
		sim_trace("sched_switch",
			  "prev_comm=%s prev_pid=%d ==> next_comm=%s "
			  "next_pid=%d",
			  cur->name, cur->pid, next->name, next->pid);
	S.switches++;
	S.running = next;
	next->state = ENG_RUNNING;
	if (cur)
		__atomic_store_n(&cur->token, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&next->token, 1, __ATOMIC_RELEASE);
	if (S.contexts) {
		if (!cur) { /* a foreign thread: the idle host runs next */
			S.idle_gen++;
			unlock();
			futex_wake(&S.idle_gen, 1);
			return;
		}
		unlock();
		/* An exited context is never switched back to. */
		switch_context(cur, next);
		return;
	}
	unlock();
	futex_wake(&next->token, 1);
	if (cur && cur_waits)
		wait_token(cur);
}

/* Nobody holds the token (all blocked on foreign threads): hand it on. */
static void kick_locked(void)
{
	struct eng_stask *next;

	if (!S.running && (next = pick())) {
		step(NULL);
		decide(next);
		switch_to(NULL, next, 0);
		return;
	}
	/* The foreign thread let go of its last lock and woke nobody. */
	if (!S.running && S.live->len &&
	    !__atomic_load_n(&S.foreign, __ATOMIC_SEQ_CST))
		report_deadlock();
	unlock();
}

static void wake_key_locked(const void *key)
{
	struct eng_stask *s;
	unsigned int i;

	for (i = 0; i < S.live->len; i++) {
		s = live_at(i);
		if (s->armed_key == key)
			s->armed_woken = 1;
		if (s->state != ENG_BLOCKED || s->key != key)
			continue;
		s->state = ENG_RUNNABLE;
		s->key = NULL;
		if (sim_tracing())
			sim_trace("sched_wakeup", "comm=%s pid=%d", s->name,
				  s->pid);
	}
}

/* st blocked or exited: run_until callers may go on. */
static void blocked_event(struct eng_stask *st)
{
	if (S.boost == st &&
	    (S.boost_until == SIM_UNTIL_BLOCKED || st->state == ENG_EXITED))
		S.boost = S.boost_to;
	if (!st->watched)
		return;
	st->events++;
	wake_key_locked(&st->events);
}

/* The point itself: the lock is held and released. */
static int point_locked(struct eng_stask *cur)
{
	struct eng_stask *next;

	step(cur);
	next = pick();
	decide(next);
	if (next == cur) {
		cur->state = ENG_RUNNING; /* a nap nobody else could use */
		unlock();
		return 0;
	}
	if (cur->state == ENG_RUNNING)
		cur->state = ENG_RUNNABLE;
	switch_to(cur, next, 1);
	return 1;
}

/* cur blocks on key; the lock is held and released. */
static void block_locked(struct eng_stask *cur, const void *key,
			 const char *what, const char *lockname,
			 const char *site)
{
	struct eng_stask *next;

	step(cur);
	cur->state = ENG_BLOCKED;
	cur->key = key;
	cur->what = what;
	cur->lock = lockname;
	cur->site = site;
	if (sim_tracing())
		sim_trace("sched_block", "what=%s%s%s site=%s", what,
			  lockname ? " " : "", lockname ? lockname : "",
			  site ? site : "?");
	blocked_event(cur);
	next = pick();
	if (!next) {
		if (!__atomic_load_n(&S.foreign, __ATOMIC_SEQ_CST))
			report_deadlock();
		/* A foreign thread holds what we wait for: idle. */
		S.running = NULL;
		__atomic_store_n(&cur->token, 0, __ATOMIC_RELAXED);
		unlock();
		wait_token(cur);
		return;
	}
	decide(next);
	switch_to(cur, next, 1);
}

/* ---- the funnel's seeded side ------------------------------------------- */

int eng_seeded_point(struct sim_task *t, const char *what)
{
	struct eng_stask *cur = t->st;

	(void)what;
	lock();
	/* Only the token holder decides (a thread finishing its exit, or
	 * one that has not got the token yet, runs on). */
	if (S.running != cur) {
		unlock();
		return 0;
	}
	return point_locked(cur);
}

void eng_seeded_block(struct sim_task *t, const volatile int *word, int val,
		      const void *key, const char *what, const char *lockname,
		      const char *site)
{
	struct eng_stask *cur = t->st;

	lock();
	if (S.running != cur ||
	    (word && __atomic_load_n(word, __ATOMIC_SEQ_CST) != val)) {
		unlock();
		return;
	}
	block_locked(cur, key, what, lockname, site);
}

void eng_seeded_wake(struct sim_task *t, const void *key, int point)
{
	struct eng_stask *cur = t->st;

	lock();
	wake_key_locked(key);
	if (cur && S.running == cur) {
		if (point)
			point_locked(cur);
		else
			unlock();
		return;
	}
	kick_locked();
}

void eng_seeded_wait_arm(struct sim_task *t, const void *key)
{
	lock();
	t->st->armed_key = key;
	t->st->armed_woken = 0;
	unlock();
}

void eng_seeded_wait_sleep(struct sim_task *t, const void *key,
			   const volatile int *gen, int ticket,
			   const char *what, const char *site)
{
	struct eng_stask *cur = t->st;
	int woken;

	lock();
	if (cur->armed_key == key)
		woken = cur->armed_woken;
	else /* a ticket of another key taken since: the bucket decides */
		woken = __atomic_load_n(gen, __ATOMIC_SEQ_CST) != ticket;
	cur->armed_key = NULL;
	if (woken || S.running != cur) {
		unlock();
		return;
	}
	block_locked(cur, key, what, NULL, site);
}

void eng_seeded_nap(struct sim_task *t, const char *what, unsigned long steps)
{
	struct eng_stask *cur = t->st;

	lock();
	if (S.running != cur) {
		unlock();
		return;
	}
	cur->state = ENG_NAPPING;
	cur->wake_step = S.steps + 1 + steps; /* the point's own step first */
	cur->what = what;
	if (sim_tracing())
		sim_trace("sched_nap", "what=%s steps=%lu", what, steps);
	point_locked(cur);
}

int eng_seeded_nr_blocked(void)
{
	unsigned int i;
	int n = 0;

	lock();
	arrays();
	for (i = 0; i < S.live->len; i++)
		n += live_at(i)->state == ENG_BLOCKED;
	unlock();
	return n;
}

/*
 * The last foreign hold gone: if every task is blocked, nobody else will
 * hand the token on or see the deadlock.
 */
void eng_foreign_hold(const struct sim_task *t, int delta)
{
	if (t->st || !seeded())
		return;
	if (__atomic_add_fetch(&S.foreign, delta, __ATOMIC_SEQ_CST) ||
	    delta > 0)
		return;
	lock();
	kick_locked();
}

/* ---- tasks -------------------------------------------------------------- */

struct eng_stask *eng_task_new(const char *name, int pid)
{
	struct eng_stask *st = g_new0(struct eng_stask, 1);

	g_strlcpy(st->name, name, sizeof(st->name));
	st->pid = pid;
	lock();
	arrays();
	st->seq = S.seq++;
	if (seeded()) {
		st->prio = draw_prio();
		st->state = ENG_RUNNABLE;
	}
	g_ptr_array_add(S.live, st);
	g_ptr_array_add(S.all, st);
	unlock();
	return st;
}

int eng_seeded_contexts(void)
{
	struct sim_task *t = eng_self();

	return S.contexts && eng_seeded_task(t) && t->st->coro;
}

/*
 * A new task as a context: its own struct sim_task (the host thread's
 * thread-local one stays the first task's), a tid no host thread has.
 */
void eng_task_new_context(struct eng_stask *st, void (*fn)(void *arg),
			  void *arg)
{
	struct sim_task *t = g_new0(struct sim_task, 1);

	g_strlcpy(t->name, st->name, sizeof(t->name));
	t->pid = st->pid;
	t->rcu_registered = 1; /* the host thread is registered */
	t->context = 1;
	t->st = st;
	st->coro = g_new(struct eng_coro, 1);
	eng_coro_init(st->coro, fn, arg);
	lock();
	t->tid = S.next_tid++;
	st->t = t;
	unlock();
}

/* A joined context: its stack and struct go. */
void eng_task_free_context(struct eng_stask *st)
{
	struct sim_task *t;

	lock();
	t = st->t;
	st->t = NULL;
	unlock();
	eng_coro_destroy(st->coro);
	g_free(st->coro);
	st->coro = NULL;
	g_free(t);
}

void eng_task_started(struct sim_task *t)
{
	lock();
	t->st->t = t;
	unlock();
	if (seeded())
		wait_token(t->st);
}

void eng_task_renamed(struct sim_task *t)
{
	lock();
	g_strlcpy(t->st->name, t->name, sizeof(t->st->name));
	t->st->pid = t->pid;
	unlock();
}

void eng_task_exit(struct sim_task *t)
{
	struct eng_stask *st = t->st, *next;
	unsigned int i;

	if (!st)
		return;
	lock();
	if (seeded() && S.running == st)
		step(st);
	st->state = ENG_EXITED;
	__atomic_store_n(&st->exited, 1, __ATOMIC_SEQ_CST);
	g_ptr_array_remove(S.live, st);
	if (!seeded()) {
		unlock();
		futex_wake(&st->exited, INT_MAX);
		return;
	}
	if (sim_tracing())
		sim_trace("sched_process_exit", "comm=%s pid=%d", st->name,
			  st->pid);
	wake_key_locked(&st->exited);
	blocked_event(st);
	if (S.running != st) {
		unlock();
		return;
	}
	next = pick();
	if (!next) {
		S.running = NULL;
		for (i = 0; i < S.live->len; i++)
			if (live_at(i)->state == ENG_BLOCKED &&
			    !__atomic_load_n(&S.foreign, __ATOMIC_SEQ_CST))
				report_deadlock();
		unlock();
		/* A context's stack is all the host thread has left. */
		if (st->coro && S.live->len)
			idle_host(st);
		return;
	}
	decide(next);
	switch_to(st, next, 0);
}

void eng_task_join(struct eng_stask *st)
{
	struct sim_task *t = eng_self();

	if (!eng_seeded_task(t))
		return;
	while (!__atomic_load_n(&st->exited, __ATOMIC_SEQ_CST))
		eng_seeded_block(t, &st->exited, 0, &st->exited, "join",
				 st->name, "sim_thread_join");
}

/* ---- engine.h: scheduling ------------------------------------------------ */

/* The CPU we run on now, so that explore's children spread out. */
static void pin_locked(void)
{
	cpu_set_t one;
	int cpu = sched_getcpu();

	if (S.pinned)
		return;
	if (pthread_getaffinity_np(pthread_self(), sizeof(S.saved_cpus),
				   &S.saved_cpus))
		return;
	if (cpu < 0 || !CPU_ISSET(cpu, &S.saved_cpus))
		for (cpu = 0; cpu < CPU_SETSIZE - 1; cpu++)
			if (CPU_ISSET(cpu, &S.saved_cpus))
				break;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (!pthread_setaffinity_np(pthread_self(), sizeof(one), &one))
		S.pinned = 1;
}

static void unpin_locked(void)
{
	if (!S.pinned)
		return;
	pthread_setaffinity_np(pthread_self(), sizeof(S.saved_cpus),
			       &S.saved_cpus);
	S.pinned = 0;
}

int sim_engine_can_fork_tasks(void)
{
	return eng_coro_supported() && !getenv("MMSIM_SEEDED_THREADS");
}

/* 0 when ignored (tasks were spawned already). */
int eng_seeded_set_mode(enum sim_sched_mode mode)
{
	struct sim_task *t = eng_self();
	struct eng_stask *me;
	unsigned int i;

	if (!t->st) {
		t->st = eng_task_new(t->name, t->pid);
		t->st->t = t;
	}
	me = t->st;
	lock();
	for (i = 0; i < S.live->len; i++)
		if (live_at(i) != me) {
			unlock();
			sim_warn(__FILE__, __LINE__,
				 "sim_engine_set_mode after tasks were "
				 "spawned: ignored");
			return 0;
		}
	if (mode == SIM_SCHED_SEEDED) {
		S.sched_seed = sim_engine_seed();
		S.prng = S.sched_seed ^ 0x7072696f72697479ull;
		S.origin = 0;
		S.steps = 0;
		S.hash = 0;
		S.low = 0;
		S.switches = 0;
		S.boost = S.boost_to = NULL;
		pct_plan_locked();
		eng_strategy_reset();
		me->prio = draw_prio();
		me->state = ENG_RUNNING;
		me->token = 1;
		S.running = me;
		S.contexts = sim_engine_can_fork_tasks();
		if (S.contexts) {
			if (!me->coro) {
				me->coro = g_new(struct eng_coro, 1);
				eng_coro_init_thread(me->coro);
			}
			if (!S.next_tid)
				S.next_tid = 1 << 30;
		} else {
			pin_locked();
		}
		__atomic_store_n(&eng_mode_seeded, 1, __ATOMIC_SEQ_CST);
	} else {
		__atomic_store_n(&eng_mode_seeded, 0, __ATOMIC_SEQ_CST);
		S.running = NULL;
		unpin_locked();
	}
	unlock();
	return 1;
}

enum sim_sched_mode sim_engine_mode(void)
{
	return seeded() ? SIM_SCHED_SEEDED : SIM_SCHED_FREE;
}

void sim_engine_set_pct(int depth, unsigned long expected_steps)
{
	lock();
	S.depth = depth > 0 ? depth : 0;
	S.expected = expected_steps ? expected_steps : 1;
	pct_plan_locked();
	unlock();
}

static void reseed_locked(unsigned long long seed)
{
	unsigned int i;

	arrays();
	S.sched_seed = seed;
	S.prng = seed ^ 0x7072696f72697479ull;
	S.low = 0;
	for (i = 0; i < S.live->len; i++)
		live_at(i)->prio = draw_prio();
	S.origin = S.steps;
	pct_plan_locked();
}

void sim_engine_schedule_setup(unsigned long long setup_seed)
{
	lock();
	reseed_locked(setup_seed);
	S.in_setup = 1;
	unlock();
}

void sim_engine_reseed_schedule(unsigned long long seed)
{
	lock();
	reseed_locked(seed);
	S.in_setup = 0;
	eng_strategy_reseed(seed);
	unlock();
}

void sim_engine_set_step_budget(unsigned long steps)
{
	lock();
	S.budget = steps;
	unlock();
}

/* A counter of the scheduler, read under its lock. */
static unsigned long read_counter(const unsigned long *counter)
{
	unsigned long n;

	lock();
	n = *counter;
	unlock();
	return n;
}

unsigned long sim_engine_steps(void)
{
	return read_counter(&S.steps);
}

unsigned long eng_seeded_switches(void)
{
	return read_counter(&S.switches);
}

unsigned long long sim_engine_schedule_hash(void)
{
	unsigned long long h;

	lock();
	h = S.hash;
	unlock();
	return h;
}

/* ---- run_until ----------------------------------------------------------- */

static struct eng_stask *find_locked(int pid)
{
	unsigned int i;

	arrays();
	for (i = 0; i < S.live->len; i++)
		if (live_at(i)->pid == pid)
			return live_at(i);
	for (i = S.all->len; i-- > 0;)
		if (((struct eng_stask *)g_ptr_array_index(S.all, i))->pid ==
		    pid)
			return g_ptr_array_index(S.all, i);
	return NULL;
}

static int free_run_until(struct eng_stask *st, enum sim_until until)
{
	if (until == SIM_UNTIL_EXIT) {
		while (!__atomic_load_n(&st->exited, __ATOMIC_SEQ_CST))
			futex_wait(&st->exited, 0);
		return 0;
	}
	while (!__atomic_load_n(&st->exited, __ATOMIC_SEQ_CST) &&
	       !__atomic_load_n(&st->free_blocked, __ATOMIC_SEQ_CST))
		usleep(1000);
	return 0;
}

static int until_done(const struct eng_stask *st, enum sim_until until)
{
	return st->state == ENG_EXITED ||
	       (until == SIM_UNTIL_BLOCKED && st->state == ENG_BLOCKED);
}

int sim_engine_run_until(int pid, enum sim_until until)
{
	struct sim_task *t = eng_self();
	struct eng_stask *cur = t->st, *target, *old_boost, *old_to;
	int old_until;

	lock();
	target = find_locked(pid);
	unlock();
	if (!target || target == cur)
		return -1;
	if (!eng_seeded_task(t))
		return free_run_until(target, until);
	lock();
	if (until_done(target, until)) {
		unlock();
		return 0;
	}
	old_boost = S.boost;
	old_to = S.boost_to;
	old_until = S.boost_until;
	S.boost = target;
	S.boost_to = cur;
	S.boost_until = until;
	target->watched++;
	while (!until_done(target, until)) {
		/* EXIT: only the exit wakes us; BLOCKED: any block does. */
		block_locked(cur,
			     until == SIM_UNTIL_EXIT ? (void *)&target->exited
						     : (void *)&target->events,
			     "run_until", target->name, "sim_engine_run_until");
		lock();
	}
	target->watched--;
	S.boost = old_boost;
	S.boost_to = old_to;
	S.boost_until = old_until;
	unlock();
	return 0;
}

/* ---- fork ----------------------------------------------------------------- */

void eng_sched_fork_prepare(void)
{
	lock();
}

void eng_sched_fork_parent(void)
{
	unlock();
}

/*
 * Only the forking thread lives on in the child.  Contexts all live on:
 * the child goes on with every task (explore's fork point).  Threads do
 * not: the forking one is the only task.
 */
void eng_sched_fork_child(void)
{
	struct sim_task *t = eng_self();

	if (S.contexts && eng_seeded_task(t)) {
		unlock();
		return;
	}

	t->tid = gettid();
	arrays();
	g_ptr_array_set_size(S.live, 0);
	g_ptr_array_set_size(S.all, 0);
	S.foreign = 0;
	S.boost = S.boost_to = NULL;
	S.running = NULL;
	if (t->st) {
		g_ptr_array_add(S.live, t->st);
		g_ptr_array_add(S.all, t->st);
		t->st->state = ENG_RUNNING;
		t->st->token = 1;
		if (seeded())
			S.running = t->st;
	}
	unlock();
}
