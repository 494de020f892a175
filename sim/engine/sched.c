/*
 * sim/engine/sched.c - where simulated tasks block, wake and give way:
 * the scheduler funnel, preemption points, CPU ownership and the
 * might_sleep() check.
 *
 * Every path that waits goes through eng_sched_block() (wait until a word
 * changes) or eng_sched_relax() (spin once more), and every path that lets
 * a waiter go through eng_sched_wake().  In free mode these are futexes and
 * sched_yield() on real parallel threads.  A seeded mode, where one task
 * runs at a time and a seeded scheduler picks the next, replaces these
 * functions and eng_sched_point() and nothing else: each of them hands
 * a task of the seeded scheduler (seeded.c) over, and keeps the free path
 * for threads the scheduler does not own (liburcu's callback thread).
 *
 * Waiters are counted per hashed bucket of the word's address, so an
 * unlock or wake-up with nobody asleep costs no system call.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "engine.h"
#include "task.h"
#include "report.h"
#include "kcsan.h"
#include "seeded.h"
#include "sched.h"

#define SIM_WAITQ_BITS 10

struct sim_cpu_owner {
	int tid; /* host tid of the owner, 0 when free */
	int depth; /* nested claims by the owner */
} __attribute__((aligned(64)));

static struct {
	struct sim_waitq waitq[1 << SIM_WAITQ_BITS];
	struct sim_cpu_owner cpu[SIM_MAX_CPUS_ENGINE];
	int nr_sleeping;
} sched;

struct sim_waitq *eng_sched_waitq(const volatile void *addr)
{
	uint64_t h = ((uintptr_t)addr >> 2) * 0x9e3779b97f4a7c15ull;

	return &sched.waitq[h >> (64 - SIM_WAITQ_BITS)];
}

void eng_sched_relax(volatile int *word, int val, const char *what,
		     const char *lock, const char *site)
{
	struct sim_task *t = eng_self();

	if (eng_seeded_task(t)) {
		eng_seeded_block(t, word, val, (const void *)word, what, lock,
				 site);
		return;
	}
	sched_yield();
}

/*
 * Sleep while *word == val.  The kernel compares the word under its own
 * futex lock, so a wake-up between the caller's check and this sleep is
 * never lost: the caller changes the word before eng_sched_wake(), and the
 * waiter count is raised before the futex compares the word.
 */
void eng_sched_block(volatile int *word, int val, struct sim_waitq *q,
		     const char *what, const char *lock, const char *site)
{
	struct sim_task *t = eng_self();

	if (eng_seeded_task(t)) {
		eng_seeded_block(t, word, val, (const void *)word, what, lock,
				 site);
		return;
	}
	if (sim_tracing())
		sim_trace("sched_block", "what=%s%s%s site=%s", what,
			  lock ? " " : "", lock ? lock : "", site);
	if (t->st)
		__atomic_store_n(&t->st->free_blocked, 1, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&q->waiters, 1, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&sched.nr_sleeping, 1, __ATOMIC_RELAXED);
	if (__atomic_load_n(word, __ATOMIC_SEQ_CST) == val)
		syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, NULL, NULL,
			0);
	__atomic_sub_fetch(&sched.nr_sleeping, 1, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&q->waiters, 1, __ATOMIC_SEQ_CST);
	if (t->st)
		__atomic_store_n(&t->st->free_blocked, 0, __ATOMIC_SEQ_CST);
}

/*
 * The caller has changed *word with a sequentially consistent store.  In
 * seeded mode free-path sleepers (threads outside the scheduler) are
 * woken too.
 */
void eng_sched_wake(volatile int *word, struct sim_waitq *q)
{
	if (__atomic_load_n(&eng_mode_seeded, __ATOMIC_RELAXED))
		eng_seeded_wake(eng_self(), (const void *)word, 1);
	if (!__atomic_load_n(&q->waiters, __ATOMIC_SEQ_CST))
		return;
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

/* Wake the free-path sleepers of a word, whatever the mode. */
void eng_sched_wake_futex(volatile int *word)
{
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

void eng_sched_released(volatile int *word)
{
	if (__atomic_load_n(&eng_mode_seeded, __ATOMIC_RELAXED))
		eng_seeded_wake(eng_self(), (const void *)word, 1);
}

int eng_sched_nr_sleeping(void)
{
	if (__atomic_load_n(&eng_mode_seeded, __ATOMIC_RELAXED))
		return eng_seeded_nr_blocked() +
		       __atomic_load_n(&sched.nr_sleeping, __ATOMIC_RELAXED);
	return __atomic_load_n(&sched.nr_sleeping, __ATOMIC_RELAXED);
}

/* A point where the seeded scheduler may switch; free mode runs on. */
int eng_sched_point(const char *what)
{
	struct sim_task *t;

	if (!__atomic_load_n(&eng_mode_seeded, __ATOMIC_RELAXED))
		return 0;
	t = eng_self();
	if (!t->st || t->hold_schedule)
		return 0;
	return eng_seeded_point(t, what);
}

/* might_sleep(): every path that may sleep checks the context first. */
void sim_might_sleep(const char *site)
{
	struct sim_task *t = eng_self();

	if (eng_in_atomic(t) || t->irqs_off)
		eng_report_sleep_bug(t, site);
}

void sim_preempt_point(const char *where)
{
	eng_sched_point(where);
}

int sim_cond_resched(void)
{
	sim_might_sleep("cond_resched");
	return eng_sched_point("cond_resched");
}

/* A seeded nap's length: one scheduler step stands for this much time. */
#define NAP_USECS_PER_STEP 10

void sim_nap(const char *what, unsigned int usecs)
{
	struct sim_task *t = eng_self();

	sim_might_sleep(what);
	if (!__atomic_load_n(&eng_mode_seeded, __ATOMIC_RELAXED)) {
		usleep(usecs);
		return;
	}
	if (t->st && !t->hold_schedule)
		eng_seeded_nap(t, what, usecs / NAP_USECS_PER_STEP + 1);
}

/* ---- CPU ownership ------------------------------------------------------ */

static struct sim_cpu_owner *sched_cpu(int cpu)
{
	if (cpu < 0 || cpu >= SIM_MAX_CPUS_ENGINE)
		sim_panic("CPU %d out of range (0..%d)", cpu,
			  SIM_MAX_CPUS_ENGINE - 1);
	return &sched.cpu[cpu];
}

/*
 * Owning a CPU is what running on it means for per-CPU data: a task that
 * finds its CPU owned waits, as it would wait to be scheduled there.  The
 * hand-over orders the two owners as a lock would (--detect kcsan): the
 * per-CPU pagevecs and page lists pass pages between tasks that way.
 */
void sim_cpu_claim(int cpu)
{
	struct sim_cpu_owner *c = sched_cpu(cpu);
	int me = eng_self()->tid;
	int owner;

	if (__atomic_load_n(&c->tid, __ATOMIC_RELAXED) == me) {
		c->depth++;
		return;
	}
	eng_sched_point("cpu");
	/* A foreign thread counts from before its try (locks.c). */
	eng_foreign_hold(eng_self(), 1);
	for (;;) {
		owner = 0;
		if (__atomic_compare_exchange_n(&c->tid, &owner, me, 0,
						__ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			break;
		eng_foreign_hold(eng_self(), -1);
		eng_sched_block(&c->tid, owner, eng_sched_waitq(&c->tid), "cpu",
				NULL, "sim_cpu_claim");
		eng_foreign_hold(eng_self(), 1);
	}
	c->depth = 1;
	eng_hb_acquire(&c->tid);
}

void sim_cpu_release(int cpu)
{
	struct sim_cpu_owner *c = sched_cpu(cpu);
	struct sim_task *t = eng_self();

	if (__atomic_load_n(&c->tid, __ATOMIC_RELAXED) != t->tid)
		sim_panic("%s/%d releases CPU %d it does not own", t->name,
			  t->pid, cpu);
	if (--c->depth)
		return;
	eng_hb_release(&c->tid);
	__atomic_store_n(&c->tid, 0, __ATOMIC_SEQ_CST);
	eng_sched_wake(&c->tid, eng_sched_waitq(&c->tid));
	/* ... and until its release has woken the waiters. */
	eng_foreign_hold(t, -1);
}

void sim_preempt_disable(void)
{
	struct sim_task *t = eng_self();

	if (t->preempt_depth++)
		return;
	/* Remember the CPU: the task may be moved while it runs. */
	t->preempt_cpu = t->cpu;
	sim_cpu_claim(t->preempt_cpu);
}

void sim_preempt_enable(void)
{
	struct sim_task *t = eng_self();

	if (!t->preempt_depth) {
		sim_warn(__FILE__, __LINE__,
			 "preempt_enable() underflow in %s/%d", t->name,
			 t->pid);
		return;
	}
	if (--t->preempt_depth)
		return;
	sim_cpu_release(t->preempt_cpu);
	eng_sched_point("preempt_enable");
}
