/*
 * tests/unit/test_engine.c - the engine alone, through the door: tasks,
 * locks, sleeping and waking, CPUs, failure reports, host memory, RCU,
 * time, counters and the trace.
 *
 * Free mode runs on real parallel threads, so exclusion tests count what
 * the lock must forbid (two holders at once) and expect zero.  Reports
 * that end the process are run in a forked child with its stderr in a
 * pipe, so the exact text can be checked as well as the exit status.
 */
#define _GNU_SOURCE
#include <check.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../sim/engine/engine.h"
#include "child_capture.h"

#define SEED 42ull

static void setup(void)
{
	sim_engine_init(SEED);
}

/* ---- helpers ------------------------------------------------------------- */

static long spawn(const char *name, int pid, int cpu, sim_thread_fn fn,
		  void *arg)
{
	return sim_thread_spawn(name, pid, cpu, fn, arg);
}

/*
 * Poll until pred holds.  No deadline of our own: under a sanitizer on a
 * loaded host a new thread may take seconds to get going (an ASan run
 * once missed a 10 s one), and a hang is CTest's timeout to report.
 */
static int wait_until(int (*pred)(void))
{
	while (!pred())
		usleep(1000);
	return 1;
}

static int one_sleeping(void)
{
	return sim_engine_nr_sleeping() == 1;
}

static int load(const int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void store(int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

/*
 * Run fn in a forked child (child_capture.h); return its exit status
 * (128 + signal if killed) and what it wrote on stderr in out.
 */
static int run_captured(void (*fn)(void), char *out, size_t size)
{
	static struct captured c;
	int status = run_child_noarg(fn, &c);

	snprintf(out, size, "%s", c.err);
	return status;
}

static void quiet_stderr(void)
{
	FILE *f = freopen("/dev/null", "w", stderr);

	ck_assert_ptr_nonnull(f);
}

/* ---- tasks --------------------------------------------------------------- */

struct identity {
	int pid, cpu;
	char name[64];
	char pthread_name[32];
};

static void record_identity(void *arg)
{
	struct identity *id = arg;

	id->pid = sim_thread_pid();
	id->cpu = sim_thread_cpu();
	snprintf(id->name, sizeof(id->name), "%s", sim_thread_name());
	pthread_getname_np(pthread_self(), id->pthread_name,
			   sizeof(id->pthread_name));
}

START_TEST(test_spawned_thread_has_task_identity)
{
	struct identity id = {0};

	sim_thread_join(
		spawn("migration-daemon-7", 31, 3, record_identity, &id));
	ck_assert_int_eq(id.pid, 31);
	ck_assert_int_eq(id.cpu, 3);
	ck_assert_str_eq(id.name, "migration-daemon-7");
	ck_assert_str_eq(id.pthread_name, "migration-daemo");
}
END_TEST

START_TEST(test_initial_thread_is_swapper)
{
	ck_assert_int_eq(sim_thread_pid(), 0);
	ck_assert_int_eq(sim_thread_cpu(), 0);
	ck_assert_str_eq(sim_thread_name(), "swapper");
	ck_assert_uint_eq(sim_engine_seed(), SEED);
}
END_TEST

START_TEST(test_nr_cpus_is_set_at_boot)
{
	sim_set_nr_cpus(4);
	ck_assert_int_eq(sim_nr_cpus(), 4);
}
END_TEST

/* ---- spinlocks ----------------------------------------------------------- */

#define SPIN_LOOPS 200000

struct counted_lock {
	volatile int word;
	long count;
	int loops;
};

static void spin_increment(void *arg)
{
	struct counted_lock *c = arg;
	int i;

	for (i = 0; i < c->loops; i++) {
		sim_spin_lock(&c->word, "c->word", "test:spin");
		c->count++;
		sim_spin_unlock(&c->word, "test:spin");
	}
}

START_TEST(test_spinlock_never_loses_an_update)
{
	struct counted_lock c = {.loops = SPIN_LOOPS};
	long a = spawn("inc-a", 1, 0, spin_increment, &c);
	long b = spawn("inc-b", 2, 1, spin_increment, &c);

	sim_thread_join(a);
	sim_thread_join(b);
	ck_assert_int_eq(c.count, 2L * SPIN_LOOPS);
	ck_assert_int_eq(c.word, 0);
}
END_TEST

START_TEST(test_spin_trylock_fails_while_held_and_succeeds_when_free)
{
	volatile int word = 0;

	ck_assert_int_eq(sim_spin_trylock(&word, "word", "test:1"), 1);
	ck_assert_int_eq(sim_spin_trylock(&word, "word", "test:2"), 0);
	sim_spin_unlock(&word, "test:3");
	ck_assert_int_eq(sim_spin_trylock(&word, "word", "test:4"), 1);
	sim_spin_unlock(&word, "test:5");
}
END_TEST

static void lock_and_report_word(void *arg)
{
	volatile int *word = arg;

	sim_spin_lock(word, "word", "test:pid");
	store((int *)&word[1], word[0]);
	sim_spin_unlock(word, "test:pid");
}

START_TEST(test_spinlock_word_is_holder_pid_or_minus_one_for_pid_0)
{
	volatile int words[2] = {0, 0};

	sim_thread_join(
		spawn("holder", 7, 0, lock_and_report_word, (void *)words));
	ck_assert_int_eq(words[1], 7);
	sim_thread_join(
		spawn("idle", 0, 0, lock_and_report_word, (void *)words));
	ck_assert_int_eq(words[1], -1);
}
END_TEST

/* ---- rwlocks and rw_semaphores ------------------------------------------- */

struct rw_test {
	volatile int word;
	int sleeping; /* rw_semaphore instead of rwlock */
	int readers_in;
	int writers_in;
	int most_readers;
	int violations;
	int loops;
	int wait_for_partner; /* readers hold until both are in */
};

static void rw_read_lock(struct rw_test *t)
{
	if (t->sleeping)
		sim_down_read(&t->word, "sem", "test:rd");
	else
		sim_read_lock(&t->word, "lock", "test:rd");
}

static void rw_read_unlock(struct rw_test *t)
{
	if (t->sleeping)
		sim_up_read(&t->word, "test:rd");
	else
		sim_read_unlock(&t->word, "test:rd");
}

static void rw_write_lock(struct rw_test *t)
{
	if (t->sleeping)
		sim_down_write(&t->word, "sem", "test:wr");
	else
		sim_write_lock(&t->word, "lock", "test:wr");
}

static void rw_write_unlock(struct rw_test *t)
{
	if (t->sleeping)
		sim_up_write(&t->word, "test:wr");
	else
		sim_write_unlock(&t->word, "test:wr");
}

static void rw_reader(void *arg)
{
	struct rw_test *t = arg;
	int i, in;

	for (i = 0; i < t->loops; i++) {
		rw_read_lock(t);
		in = __atomic_add_fetch(&t->readers_in, 1, __ATOMIC_SEQ_CST);
		if (load(&t->writers_in))
			__atomic_add_fetch(&t->violations, 1, __ATOMIC_SEQ_CST);
		if (in > load(&t->most_readers))
			store(&t->most_readers, in);
		/*
		 * No writer runs here, so the partner always gets in: wait
		 * for it without a deadline of our own (a loaded sanitizer
		 * build once took more than 10 s to start it; a hang is
		 * CTest's timeout to report).
		 */
		if (t->wait_for_partner)
			while (load(&t->most_readers) < 2)
				sched_yield();
		__atomic_sub_fetch(&t->readers_in, 1, __ATOMIC_SEQ_CST);
		rw_read_unlock(t);
	}
}

static void rw_writer(void *arg)
{
	struct rw_test *t = arg;
	int i;

	for (i = 0; i < t->loops; i++) {
		rw_write_lock(t);
		if (__atomic_add_fetch(&t->writers_in, 1, __ATOMIC_SEQ_CST) !=
			    1 ||
		    load(&t->readers_in))
			__atomic_add_fetch(&t->violations, 1, __ATOMIC_SEQ_CST);
		__atomic_sub_fetch(&t->writers_in, 1, __ATOMIC_SEQ_CST);
		rw_write_unlock(t);
	}
}

static void check_readers_share(int sleeping)
{
	struct rw_test t = {
		.sleeping = sleeping, .loops = 1, .wait_for_partner = 1};
	long a = spawn("reader-a", 1, 0, rw_reader, &t);
	long b = spawn("reader-b", 2, 1, rw_reader, &t);

	sim_thread_join(a);
	sim_thread_join(b);
	ck_assert_int_eq(t.most_readers, 2);
	ck_assert_int_eq(t.word, 0);
}

static void check_writer_excludes(int sleeping)
{
	struct rw_test t = {.sleeping = sleeping, .loops = 20000};
	long h[4];
	int i;

	h[0] = spawn("reader-a", 1, 0, rw_reader, &t);
	h[1] = spawn("writer-a", 2, 1, rw_writer, &t);
	h[2] = spawn("reader-b", 3, 0, rw_reader, &t);
	h[3] = spawn("writer-b", 4, 1, rw_writer, &t);
	for (i = 0; i < 4; i++)
		sim_thread_join(h[i]);
	ck_assert_int_eq(t.violations, 0);
	ck_assert_int_eq(t.word, 0);
}

START_TEST(test_rwlock_readers_share)
{
	check_readers_share(0);
}
END_TEST

START_TEST(test_rwlock_writer_excludes_readers_and_writers)
{
	check_writer_excludes(0);
}
END_TEST

START_TEST(test_rwsem_readers_share)
{
	check_readers_share(1);
}
END_TEST

START_TEST(test_rwsem_writer_excludes_readers_and_writers)
{
	check_writer_excludes(1);
}
END_TEST

START_TEST(test_rwsem_trylocks_follow_the_word)
{
	volatile int word = 0;

	ck_assert_int_eq(sim_down_read_trylock(&word, "sem", "test:1"), 1);
	ck_assert_int_eq(sim_down_write_trylock(&word, "sem", "test:2"), 0);
	sim_up_read(&word, "test:3");
	ck_assert_int_eq(sim_down_write_trylock(&word, "sem", "test:4"), 1);
	ck_assert_int_eq(word, -1);
	ck_assert_int_eq(sim_down_read_trylock(&word, "sem", "test:5"), 0);
	sim_up_write(&word, "test:6");
	ck_assert_int_eq(word, 0);
}
END_TEST

struct blocked_writer {
	volatile int word;
	int got_it;
};

static void down_write_and_mark(void *arg)
{
	struct blocked_writer *w = arg;

	sim_down_write(&w->word, "mmap_sem", "test:dw");
	store(&w->got_it, 1);
	sim_up_write(&w->word, "test:uw");
}

START_TEST(test_rwsem_blocked_down_write_sleeps_until_up_read)
{
	struct blocked_writer w = {0};
	long h;

	sim_down_read(&w.word, "mmap_sem", "test:dr");
	h = spawn("writer", 5, 1, down_write_and_mark, &w);
	ck_assert(wait_until(one_sleeping));
	ck_assert_int_eq(load(&w.got_it), 0);
	sim_up_read(&w.word, "test:ur");
	sim_thread_join(h);
	ck_assert_int_eq(w.got_it, 1);
	ck_assert_int_eq(sim_engine_nr_sleeping(), 0);
}
END_TEST

/* ---- mutexes ------------------------------------------------------------- */

static void mutex_increment(void *arg)
{
	struct counted_lock *c = arg;
	int i;

	for (i = 0; i < c->loops; i++) {
		sim_mutex_lock(&c->word, "callback_mutex", "test:mutex");
		c->count++;
		sim_mutex_unlock(&c->word, "test:mutex");
	}
}

START_TEST(test_mutex_excludes)
{
	struct counted_lock c = {.loops = 100000};
	long a = spawn("mutex-a", 1, 0, mutex_increment, &c);
	long b = spawn("mutex-b", 2, 1, mutex_increment, &c);

	sim_thread_join(a);
	sim_thread_join(b);
	ck_assert_int_eq(c.count, 200000);
	ck_assert_int_eq(c.word, 0);
}
END_TEST

static void mutex_lock_and_mark(void *arg)
{
	struct blocked_writer *w = arg;

	sim_mutex_lock(&w->word, "m", "test:ml");
	store(&w->got_it, 1);
	sim_mutex_unlock(&w->word, "test:mu");
}

START_TEST(test_mutex_contender_sleeps_until_unlock)
{
	struct blocked_writer w = {0};
	long h;

	sim_mutex_lock(&w.word, "m", "test:ml");
	h = spawn("contender", 5, 1, mutex_lock_and_mark, &w);
	ck_assert(wait_until(one_sleeping));
	ck_assert_int_eq(load(&w.got_it), 0);
	sim_mutex_unlock(&w.word, "test:mu");
	sim_thread_join(h);
	ck_assert_int_eq(w.got_it, 1);
}
END_TEST

/* ---- sleeping and waking ------------------------------------------------- */

#define PING_PONGS 10000

struct ping_pong {
	int turn; /* whose move: 0 or 1 */
	int key; /* the wait queue */
	int me; /* set by the spawner, one struct per side */
};

struct side {
	struct ping_pong *game;
	int me;
};

static int is_my_turn(const void *arg)
{
	const struct side *s = arg;

	return load(&s->game->turn) == s->me;
}

static void play_wait_event(void *arg)
{
	struct side *s = arg;
	int i;

	for (i = 0; i < PING_PONGS; i++) {
		sim_wait_event(&s->game->key, is_my_turn, s, "turn", "test:we");
		store(&s->game->turn, !s->me);
		sim_wake_up(&s->game->key);
	}
}

static void play_prepare_sleep(void *arg)
{
	struct side *s = arg;
	unsigned long ticket;
	int i;

	for (i = 0; i < PING_PONGS; i++) {
		for (;;) {
			ticket = sim_wait_prepare(&s->game->key);
			if (is_my_turn(s))
				break;
			sim_wait_sleep(&s->game->key, ticket, "turn",
				       "test:ws");
		}
		store(&s->game->turn, !s->me);
		sim_wake_up(&s->game->key);
	}
}

static void play(sim_thread_fn fn)
{
	struct ping_pong game = {0};
	struct side a = {&game, 0}, b = {&game, 1};
	long ha = spawn("ping", 1, 0, fn, &a);
	long hb = spawn("pong", 2, 1, fn, &b);

	sim_thread_join(ha);
	sim_thread_join(hb);
	ck_assert_int_eq(game.turn, 0);
	ck_assert_int_eq(sim_engine_nr_sleeping(), 0);
}

START_TEST(test_wait_event_ping_pong_never_loses_a_wake_up)
{
	play(play_wait_event);
}
END_TEST

START_TEST(test_wait_prepare_sleep_ping_pong_never_loses_a_wake_up)
{
	play(play_prepare_sleep);
}
END_TEST

START_TEST(test_wait_sleep_returns_at_once_when_woken_after_the_ticket)
{
	int key = 0;
	unsigned long ticket = sim_wait_prepare(&key);

	sim_wake_up(&key);
	sim_wait_sleep(&key, ticket, "stale", "test:ws");
	ck_assert_int_eq(sim_engine_nr_sleeping(), 0);
}
END_TEST

START_TEST(test_wait_prepare_without_sleeping_registers_nothing)
{
	int key = 0;
	unsigned long t1 = sim_wait_prepare(&key);
	unsigned long t2 = sim_wait_prepare(&key);

	ck_assert_uint_eq(t1, t2);
	ck_assert_int_eq(sim_engine_nr_sleeping(), 0);
	sim_wake_up(&key);
	ck_assert_uint_ne(sim_wait_prepare(&key), t1);
}
END_TEST

/* ---- atomic context ------------------------------------------------------ */

static void sleep_holding_spinlock(void)
{
	static volatile int lru_lock, sem;

	sim_spin_lock(&lru_lock, "zone->lru_lock", "mm/vmscan.c:620");
	sim_down_read(&sem, "mm->mmap_sem", "mm/migrate.c:901");
}

START_TEST(test_sleeping_while_holding_spinlock_reports_and_exits_3)
{
	char out[16384];

	ck_assert_int_eq(run_captured(sleep_holding_spinlock, out, sizeof(out)),
			 3);
	ck_assert_ptr_nonnull(strstr(
		out, "BUG: sleeping function called from invalid context at "
		     "mm/migrate.c:901\n"
		     "in_atomic():1, irqs_disabled():0\n"
		     "task: swapper/0 cpu 0\n"
		     "1 lock held by swapper/0:\n"
		     " #0:  (zone->lru_lock){spin}, at: mm/vmscan.c:620\n"
		     "Call Trace:\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nseed: 42\n"));
	ck_assert_ptr_nonnull(
		strstr(out, "mmsim: kernel misbehaved (exit 3)\n"));
}
END_TEST

static void might_sleep_irqs_off(void)
{
	sim_engine_set_replay_hint("mmsim run x.mms --seed 42");
	sim_irq_disable();
	sim_might_sleep("mm/page_alloc.c:1000");
}

START_TEST(test_might_sleep_with_irqs_off_reports_irqs_disabled)
{
	char out[16384];

	ck_assert_int_eq(run_captured(might_sleep_irqs_off, out, sizeof(out)),
			 3);
	ck_assert_ptr_nonnull(strstr(
		out,
		"at mm/page_alloc.c:1000\nin_atomic():0, irqs_disabled():1\n"));
	ck_assert_ptr_nonnull(strstr(out, "no locks held by swapper/0.\n"));
	ck_assert_ptr_nonnull(
		strstr(out, "replay: mmsim run x.mms --seed 42\n"));
}
END_TEST

static void uncontended_down_write_under_rwlock(void)
{
	static volatile int tree_lock, sem;

	sim_write_lock(&tree_lock, "mapping->tree_lock", "mm/filemap.c:10");
	sim_down_write(&sem, "mm->mmap_sem", "mm/mmap.c:20");
}

START_TEST(test_uncontended_down_write_in_atomic_context_is_still_reported)
{
	char out[16384];

	ck_assert_int_eq(run_captured(uncontended_down_write_under_rwlock, out,
				      sizeof(out)),
			 3);
	ck_assert_ptr_nonnull(strstr(
		out,
		" #0:  (mapping->tree_lock){write}, at: mm/filemap.c:10\n"));
}
END_TEST

static int always(const void *arg)
{
	(void)arg;
	return 1;
}

static void wait_event_after_unlock(void)
{
	static volatile int lock;
	static int key;

	sim_spin_lock(&lock, "lock", "test:1");
	sim_spin_unlock(&lock, "test:2");
	sim_irq_disable();
	sim_irq_disable();
	sim_irq_enable(); /* not nested: one enable undoes both */
	sim_wait_event(&key, always, NULL, "w", "test:3");
	sim_mutex_lock(&lock, "m", "test:4");
	sim_mutex_unlock(&lock, "test:5");
	ck_assert_int_eq(sim_cond_resched(), 0);
}

START_TEST(test_sleeping_after_unlock_and_irq_enable_is_allowed)
{
	char out[16384];

	ck_assert_int_eq(
		run_captured(wait_event_after_unlock, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

static void cond_resched_with_preempt_off(void)
{
	sim_preempt_disable();
	sim_cond_resched();
}

START_TEST(test_cond_resched_with_preemption_disabled_is_reported)
{
	char out[16384];

	ck_assert_int_eq(
		run_captured(cond_resched_with_preempt_off, out, sizeof(out)),
		3);
	ck_assert_ptr_nonnull(strstr(
		out, "at cond_resched\nin_atomic():1, irqs_disabled():0\n"));
}
END_TEST

static void spinlock_twice(void)
{
	static volatile int lock;

	sim_spin_lock(&lock, "page->ptl", "mm/memory.c:1");
	sim_spin_lock(&lock, "page->ptl", "mm/memory.c:2");
}

START_TEST(test_spinlock_recursion_is_reported_not_hung)
{
	char out[16384];

	ck_assert_int_eq(run_captured(spinlock_twice, out, sizeof(out)), 3);
	ck_assert_ptr_nonnull(
		strstr(out, "BUG: spinlock recursion on CPU#0, swapper/0\n"
			    " lock: page->ptl, taken at mm/memory.c:1, retaken "
			    "at mm/memory.c:2\n"));
}
END_TEST

/* ---- failures ------------------------------------------------------------ */

static void call_bug(void)
{
	sim_thread_identify("mover", 12, 1);
	sim_bug("mm/migrate.c", 1234, "unmap_and_move");
}

START_TEST(test_bug_exits_3)
{
	quiet_stderr();
	call_bug();
}
END_TEST

START_TEST(test_bug_reports_kernel_bug_layout)
{
	char out[16384];

	ck_assert_int_eq(run_captured(call_bug, out, sizeof(out)), 3);
	ck_assert_ptr_nonnull(strstr(out, "kernel BUG at mm/migrate.c:1234!\n"
					  "invalid opcode: 0000 [1] SMP\n"
					  "CPU 1\n"
					  "Pid: 12, comm: mover\n"
					  "RIP: unmap_and_move\n"
					  "Call Trace:\n"));
	ck_assert_ptr_nonnull(strstr(out,
				     "seed: 42\n"
				     "mmsim: kernel misbehaved (exit 3)\n"));
}
END_TEST

static void call_panic(void)
{
	sim_panic("Out of memory and no killable processes (%d)", 7);
}

START_TEST(test_panic_reports_and_exits_3)
{
	char out[16384];

	ck_assert_int_eq(run_captured(call_panic, out, sizeof(out)), 3);
	ck_assert_ptr_nonnull(
		strstr(out, "Kernel panic - not syncing: Out of memory and no "
			    "killable processes (7)\n"));
}
END_TEST

START_TEST(test_not_modeled_aborts)
{
	quiet_stderr();
	sim_not_modeled("hugetlb_migrate");
}
END_TEST

static void fault(void *arg)
{
	volatile int *volatile p = arg;

	*p = 1;
}

static void null_deref_in_thread(void)
{
	/* Offset 0x10: as a NULL struct's member would be. */
	sim_thread_join(spawn("faulter", 9, 1, fault, (char *)NULL + 0x10));
}

START_TEST(test_null_dereference_in_thread_exits_3)
{
	quiet_stderr();
	null_deref_in_thread();
}
END_TEST

START_TEST(test_null_dereference_reports_oops_layout)
{
	char out[16384];

	ck_assert_int_eq(run_captured(null_deref_in_thread, out, sizeof(out)),
			 3);
	ck_assert_ptr_nonnull(strstr(out,
				     "BUG: unable to handle kernel NULL "
				     "pointer dereference at 0000000000000010\n"
				     "Oops: 0002 [1] SMP\n"
				     "CPU 1\n"
				     "Pid: 9, comm: faulter\n"
				     "RIP: "));
	ck_assert_ptr_nonnull(strstr(out, "fault"));
	ck_assert_ptr_nonnull(
		strstr(out, "mmsim: kernel misbehaved (exit 3)\n"));
}
END_TEST

static void wild_read(void)
{
	volatile int *volatile p = (int *)0x7ff000001000ul;

	(void)*p;
}

START_TEST(test_wild_pointer_reports_paging_request)
{
	char out[16384];

	ck_assert_int_eq(run_captured(wild_read, out, sizeof(out)), 3);
	ck_assert_ptr_nonnull(strstr(out, "BUG: unable to handle kernel paging "
					  "request at 00007ff000001000\n"
					  "Oops: 0000 [1] SMP\n"));
}
END_TEST

static void warn_twice(void)
{
	sim_warn("mm/page_alloc.c", 200, "Bad page state in process '%s'\n",
		 "mover");
	sim_warn("mm/page_alloc.c", 201, "again");
	fprintf(stderr, "count=%lu\n", sim_warn_count());
}

START_TEST(test_warn_reports_counts_and_continues)
{
	char out[16384];

	ck_assert_int_eq(run_captured(warn_twice, out, sizeof(out)), 0);
	ck_assert_ptr_nonnull(strstr(out, "WARNING at mm/page_alloc.c:200: Bad "
					  "page state in process 'mover'\n"));
	ck_assert_ptr_nonnull(
		strstr(out, "WARNING at mm/page_alloc.c:201: again\n"));
	ck_assert_ptr_nonnull(strstr(out, "count=2\n"));
}
END_TEST

/* ---- output -------------------------------------------------------------- */

static void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sim_vprintk(fmt, ap);
	va_end(ap);
}

static void printk_lines(void)
{
	sim_ticks_advance(1500123);
	printk("<6>Node %d: start\n", 0);
	printk("<4>two ");
	printk("parts\nand a line\n");
}

START_TEST(test_printk_prefixes_each_line_with_the_time)
{
	char out[16384];

	ck_assert_int_eq(run_captured(printk_lines, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "[    1.500123] Node 0: start\n"
			      "[    1.500123] two parts\n"
			      "[    1.500123] and a line\n");
}
END_TEST

static int snprintf_via_door(char *buf, unsigned long size, const char *fmt,
			     ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sim_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

START_TEST(test_vsnprintf_returns_the_untruncated_length)
{
	char buf[8];

	ck_assert_int_eq(
		snprintf_via_door(buf, sizeof(buf), "pfn=%lx", 0x123456ul), 10);
	ck_assert_str_eq(buf, "pfn=123");
}
END_TEST

/* ---- CPUs ---------------------------------------------------------------- */

struct cpu_test {
	int on_cpu;
	int violations;
	int loops;
};

static void preempt_off_section(void *arg)
{
	struct cpu_test *c = arg;
	int i;

	for (i = 0; i < c->loops; i++) {
		sim_preempt_disable();
		sim_preempt_disable(); /* nested: the CPU is claimed once */
		if (__atomic_add_fetch(&c->on_cpu, 1, __ATOMIC_SEQ_CST) != 1)
			__atomic_add_fetch(&c->violations, 1, __ATOMIC_SEQ_CST);
		__atomic_sub_fetch(&c->on_cpu, 1, __ATOMIC_SEQ_CST);
		sim_preempt_enable();
		sim_preempt_enable();
	}
}

START_TEST(test_preempt_disable_on_tasks_sharing_cpu0_is_exclusive)
{
	struct cpu_test c = {.loops = 20000};
	long a = spawn("percpu-a", 1, 0, preempt_off_section, &c);
	long b = spawn("percpu-b", 2, 0, preempt_off_section, &c);

	sim_thread_join(a);
	sim_thread_join(b);
	ck_assert_int_eq(c.violations, 0);
}
END_TEST

struct claim_test {
	int cpu;
	int claimed;
};

static void claim_and_mark(void *arg)
{
	struct claim_test *c = arg;

	sim_cpu_claim(c->cpu);
	store(&c->claimed, 1);
	sim_cpu_release(c->cpu);
}

START_TEST(test_cpu_claim_of_an_owned_cpu_waits_for_release)
{
	struct claim_test c = {.cpu = 1};
	long h;

	sim_cpu_claim(1);
	sim_cpu_claim(1); /* nested claims of our own CPU */
	h = spawn("events/1", 4, 0, claim_and_mark, &c);
	ck_assert(wait_until(one_sleeping));
	sim_cpu_release(1);
	usleep(20000);
	ck_assert_int_eq(load(&c.claimed), 0);
	sim_cpu_release(1);
	sim_thread_join(h);
	ck_assert_int_eq(c.claimed, 1);
}
END_TEST

/* ---- host memory --------------------------------------------------------- */

START_TEST(test_host_map_is_zeroed_and_reads_zero_after_discard)
{
	unsigned long size = 1ul << 30; /* reserved, not committed */
	unsigned char *p = sim_host_map(size);
	unsigned long i;

	for (i = 0; i < 16 * 4096; i++)
		ck_assert_int_eq(p[i], 0);
	memset(p, 0xab, 16 * 4096);
	sim_host_discard(p, 16 * 4096);
	for (i = 0; i < 16 * 4096; i++)
		ck_assert_int_eq(p[i], 0);
	sim_host_unmap(p, size);
}
END_TEST

/* A reservation of 2 MiB or more starts on a 2 MiB boundary, for the
 * huge pages of a populated machine, and unmaps with the size asked. */
START_TEST(test_host_map_of_2mib_or_more_is_2mib_aligned)
{
	unsigned long sizes[] = {2ul << 20, (2ul << 20) + 4096, 64ul << 20};
	unsigned int k;

	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		unsigned char *p = sim_host_map(sizes[k]);

		ck_assert_uint_eq((unsigned long)p & ((2ul << 20) - 1), 0);
		p[0] = 1;
		p[sizes[k] - 1] = 1;
		sim_host_prefer_huge_pages(p, sizes[k]);
		sim_host_unmap(p, sizes[k]);
	}
}
END_TEST

START_TEST(test_host_alloc_is_zeroed)
{
	unsigned char *p = sim_host_alloc(4096);
	int i;

	for (i = 0; i < 4096; i++)
		ck_assert_int_eq(p[i], 0);
	sim_host_free(p);
}
END_TEST

/* ---- RCU ----------------------------------------------------------------- */

static void rcu_free_node(void *obj)
{
	__atomic_add_fetch((int *)obj, 1, __ATOMIC_SEQ_CST);
}

START_TEST(test_call_rcu_runs_the_callback_by_rcu_barrier)
{
	int freed = 0;
	int i;

	sim_rcu_read_lock();
	sim_rcu_read_unlock();
	for (i = 0; i < 3; i++)
		sim_call_rcu(&freed, rcu_free_node);
	sim_rcu_barrier();
	ck_assert_int_eq(load(&freed), 3);
}
END_TEST

static void rcu_reader_task(void *arg)
{
	(void)arg;
	sim_rcu_read_lock();
	sim_rcu_read_unlock();
}

START_TEST(test_rcu_readers_in_spawned_tasks)
{
	sim_thread_join(spawn("reader", 3, 1, rcu_reader_task, NULL));
	sim_rcu_barrier();
}
END_TEST

/* ---- time, counters, trace ----------------------------------------------- */

START_TEST(test_ticks_advance)
{
	unsigned long long t = sim_ticks();

	sim_ticks_advance(250);
	ck_assert_uint_eq(sim_ticks(), t + 250);
}
END_TEST

static void count_tlb_flushes(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 100000; i++) {
		sim_count_event("tlb_flush");
		if (!(i % 1000))
			sim_count_event(i % 2000 ? "odd" : "even");
	}
}

START_TEST(test_count_event_is_exact_under_two_threads)
{
	long a, b;

	ck_assert_uint_eq(sim_event_count("tlb_flush"), 0);
	a = spawn("count-a", 1, 0, count_tlb_flushes, NULL);
	b = spawn("count-b", 2, 1, count_tlb_flushes, NULL);
	sim_thread_join(a);
	sim_thread_join(b);
	ck_assert_uint_eq(sim_event_count("tlb_flush"), 200000);
	ck_assert_uint_eq(sim_event_count("even"), 100);
	ck_assert_uint_eq(sim_event_count("odd"), 100);
	ck_assert_uint_eq(sim_event_count("never"), 0);
}
END_TEST

START_TEST(test_trace_writes_the_ftrace_layout)
{
	FILE *f = tmpfile();
	char line[256];

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(sim_tracing(), 0);
	sim_trace("mm_migrate_page", "lost=%d", 1);
	sim_engine_set_trace(f);
	ck_assert_int_eq(sim_tracing(), 1);
	sim_thread_identify("mover", 12, 1);
	sim_ticks_advance(123 - sim_ticks());
	sim_trace("mm_migrate_page", "pfn=%#lx node=%d", 0x1234ul, 1);
	sim_engine_set_trace(NULL);
	rewind(f);
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	ck_assert_str_eq(line, "           mover-12    [001]     0.000123: "
			       "mm_migrate_page: pfn=0x1234 node=1\n");
	ck_assert_ptr_null(fgets(line, sizeof(line), f));
	fclose(f);
}
END_TEST

/* ---- the suite ----------------------------------------------------------- */

static TCase *tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, setup, NULL);
	/* Sanitizer builds run the stress loops several times slower. */
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return tc;
}

static Suite *engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc;

	tc = tcase(s, "tasks");
	tcase_add_test(tc, test_spawned_thread_has_task_identity);
	tcase_add_test(tc, test_initial_thread_is_swapper);
	tcase_add_test(tc, test_nr_cpus_is_set_at_boot);

	tc = tcase(s, "locks");
	tcase_add_test(tc, test_spinlock_never_loses_an_update);
	tcase_add_test(
		tc, test_spin_trylock_fails_while_held_and_succeeds_when_free);
	tcase_add_test(tc,
		       test_spinlock_word_is_holder_pid_or_minus_one_for_pid_0);
	tcase_add_test(tc, test_rwlock_readers_share);
	tcase_add_test(tc, test_rwlock_writer_excludes_readers_and_writers);
	tcase_add_test(tc, test_rwsem_readers_share);
	tcase_add_test(tc, test_rwsem_writer_excludes_readers_and_writers);
	tcase_add_test(tc, test_rwsem_trylocks_follow_the_word);
	tcase_add_test(tc, test_rwsem_blocked_down_write_sleeps_until_up_read);
	tcase_add_test(tc, test_mutex_excludes);
	tcase_add_test(tc, test_mutex_contender_sleeps_until_unlock);

	tc = tcase(s, "wait");
	tcase_add_test(tc, test_wait_event_ping_pong_never_loses_a_wake_up);
	tcase_add_test(tc,
		       test_wait_prepare_sleep_ping_pong_never_loses_a_wake_up);
	tcase_add_test(
		tc,
		test_wait_sleep_returns_at_once_when_woken_after_the_ticket);
	tcase_add_test(tc,
		       test_wait_prepare_without_sleeping_registers_nothing);

	tc = tcase(s, "atomic");
	tcase_add_test(
		tc, test_sleeping_while_holding_spinlock_reports_and_exits_3);
	tcase_add_test(tc,
		       test_might_sleep_with_irqs_off_reports_irqs_disabled);
	tcase_add_test(
		tc,
		test_uncontended_down_write_in_atomic_context_is_still_reported);
	tcase_add_test(tc,
		       test_sleeping_after_unlock_and_irq_enable_is_allowed);
	tcase_add_test(tc,
		       test_cond_resched_with_preemption_disabled_is_reported);
	tcase_add_test(tc, test_spinlock_recursion_is_reported_not_hung);

	tc = tcase(s, "failure");
	tcase_add_exit_test(tc, test_bug_exits_3, 3);
	tcase_add_test(tc, test_bug_reports_kernel_bug_layout);
	tcase_add_test(tc, test_panic_reports_and_exits_3);
	tcase_add_test_raise_signal(tc, test_not_modeled_aborts, SIGABRT);
	tcase_add_exit_test(tc, test_null_dereference_in_thread_exits_3, 3);
	tcase_add_test(tc, test_null_dereference_reports_oops_layout);
	tcase_add_test(tc, test_wild_pointer_reports_paging_request);
	tcase_add_test(tc, test_warn_reports_counts_and_continues);

	tc = tcase(s, "output");
	tcase_add_test(tc, test_printk_prefixes_each_line_with_the_time);
	tcase_add_test(tc, test_vsnprintf_returns_the_untruncated_length);

	tc = tcase(s, "cpus");
	tcase_add_test(tc,
		       test_preempt_disable_on_tasks_sharing_cpu0_is_exclusive);
	tcase_add_test(tc, test_cpu_claim_of_an_owned_cpu_waits_for_release);

	tc = tcase(s, "memory");
	tcase_add_test(tc,
		       test_host_map_is_zeroed_and_reads_zero_after_discard);
	tcase_add_test(tc, test_host_map_of_2mib_or_more_is_2mib_aligned);
	tcase_add_test(tc, test_host_alloc_is_zeroed);

	tc = tcase(s, "rcu");
	tcase_add_test(tc, test_call_rcu_runs_the_callback_by_rcu_barrier);
	tcase_add_test(tc, test_rcu_readers_in_spawned_tasks);

	tc = tcase(s, "time-trace");
	tcase_add_test(tc, test_ticks_advance);
	tcase_add_test(tc, test_count_event_is_exact_under_two_threads);
	tcase_add_test(tc, test_trace_writes_the_ftrace_layout);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(engine_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
