/*
 * sim/engine/locks.c - spinlocks, rwlocks, rw_semaphores and mutexes on
 * lock words that live in kernel-world structures.
 *
 * Word encodings (door.h): a spinlock holds its holder's pid (-1 for pid
 * 0, so that a held lock is never 0); rwlocks, rw_semaphores and mutexes
 * hold 0 when free, the number of readers, or -1 for a writer.
 *
 * Spinning locks spin through eng_sched_relax(); sleeping locks sleep on
 * their word through eng_sched_block().  Each task keeps the spinlocks and
 * rwlocks it holds, with where it took them: holding one is atomic
 * context, and the might_sleep report names them.  It keeps the
 * rw_semaphores and mutexes it holds apart (they are not atomic context),
 * so that a deadlock report can say who holds what.
 *
 * Every lock and unlock is a preemption point of the seeded scheduler:
 * lock operations call eng_sched_point() before they try, unlocks announce
 * the release through eng_sched_wake()/eng_sched_released(), which cost a
 * load of the mode in free mode.
 */
#include <string.h>

#include <sim/door.h>

#include "task.h"
#include "report.h"
#include "seeded.h"
#include "sched.h"
#include "lockdep.h"
#include "kcsan.h"

/* ---- what the task holds ------------------------------------------------ */

static void held_push(struct sim_task *t, const volatile int *word,
		      const char *name, const char *site, char kind)
{
	struct sim_held_lock *h;

	if (t->nr_held == SIM_MAX_HELD)
		sim_panic("%s/%d holds more than %d locks (taking %s at %s)",
			  t->name, t->pid, SIM_MAX_HELD, name, site);
	h = &t->held[t->nr_held++];
	h->word = word;
	h->name = name;
	h->site = site;
	h->kind = kind;
}

static struct sim_held_lock *held_find(struct sim_task *t,
				       const volatile int *word)
{
	int i;

	for (i = t->nr_held - 1; i >= 0; i--)
		if (t->held[i].word == word)
			return &t->held[i];
	return NULL;
}

/* Locks may be released in any order: remove the latest matching entry. */
static int held_pop(struct sim_task *t, const volatile int *word)
{
	struct sim_held_lock *h = held_find(t, word);

	if (!h)
		return 0;
	memmove(h, h + 1, (char *)&t->held[t->nr_held] - (char *)(h + 1));
	t->nr_held--;
	return 1;
}

/*
 * Sleeping locks held, for reports.  An rw_semaphore may be released by
 * another task than the one that took it: then nothing is popped, and
 * overflow drops the oldest knowledge rather than failing.
 */
static void sheld_push(struct sim_task *t, const volatile int *word,
		       const char *name, const char *site, char kind)
{
	struct sim_held_lock *h;

	if (t->nr_sheld == SIM_MAX_HELD)
		return;
	h = &t->sheld[t->nr_sheld++];
	h->word = word;
	h->name = name;
	h->site = site;
	h->kind = kind;
}

static void sheld_pop(struct sim_task *t, const volatile int *word)
{
	int i;

	for (i = t->nr_sheld - 1; i >= 0; i--)
		if (t->sheld[i].word == word) {
			memmove(&t->sheld[i], &t->sheld[i + 1],
				(t->nr_sheld - i - 1) * sizeof(t->sheld[0]));
			t->nr_sheld--;
			return;
		}
}

/*
 * Taking a spinning lock the task already holds never returns: say so
 * instead of hanging, as CONFIG_DEBUG_SPINLOCK did.
 */
static void lock_recursion(struct sim_task *t, const char *kind,
			   const volatile int *word, const char *name,
			   const char *site)
{
	struct sim_held_lock *h = held_find(t, word);
	struct sim_report r = {.len = 0};

	eng_report_begin_fatal();
	eng_report_printf(&r, "BUG: %s recursion on CPU#%d, %s/%d\n", kind,
			  t->cpu, t->name, t->pid);
	eng_report_printf(&r, " lock: %s, taken at %s, retaken at %s\n", name,
			  h ? h->site : "?", site);
	eng_report_held_locks(&r, t);
	eng_report_flush(&r);
	eng_report_backtrace(1, 32);
	eng_report_end_fatal(&r);
}

static void lock_warn(const char *what, const volatile int *word,
		      const char *site)
{
	struct sim_task *t = eng_self();

	eng_report_warn(site, "%s: lock %p, %s/%d", what, (const void *)word,
			t->name, t->pid);
}

/* ---- interrupts ---------------------------------------------------------- */

void sim_irq_disable(void)
{
	eng_self()->irqs_off = 1;
}

void sim_irq_enable(void)
{
	eng_self()->irqs_off = 0;
}

int sim_irqs_disabled(void)
{
	return eng_self()->irqs_off;
}

/*
 * A thread the scheduler does not own (liburcu's callbacks) counts as a
 * holder (eng_foreign_hold) from before it tries a lock word until its
 * release has woken the waiters, so that a seeded task finding the word
 * taken, or not yet released, waits for it instead of reporting a
 * deadlock nobody is in.  While it waits for a word it does not count:
 * a deadlock among the seeded tasks is still reported.
 */
static void foreign_released(struct sim_task *t, int held)
{
	if (held)
		eng_foreign_hold(t, -1);
}

static void foreign_wait(struct sim_task *t, volatile int *word, int val,
			 int sleeping, const char *what, const char *name,
			 const char *site)
{
	eng_foreign_hold(t, -1);
	if (sleeping)
		eng_sched_block(word, val, eng_sched_waitq(word), what, name,
				site);
	else
		eng_sched_relax(word, val, what, name, site);
	eng_foreign_hold(t, 1);
}

/* ---- spinlocks ----------------------------------------------------------- */

static int spin_owner_value(const struct sim_task *t)
{
	return t->pid ? t->pid : -1;
}

static int spin_try(volatile int *word, int me)
{
	int free = 0;

	return __atomic_compare_exchange_n(word, &free, me, 0, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

void sim_spin_lock(volatile int *word, const char *name, const char *site)
{
	struct sim_task *t = eng_self();
	int me = spin_owner_value(t);
	int v;

	eng_sched_point("spin_lock");
	eng_lockdep_acquire(word, name, site, 0);
	eng_foreign_hold(t, 1);
	if (!spin_try(word, me)) {
		if (held_find(t, word))
			lock_recursion(t, "spinlock", word, name, site);
		for (;;) {
			v = __atomic_load_n(word, __ATOMIC_RELAXED);
			if (v)
				foreign_wait(t, word, v, 0, "spin_lock", name,
					     site);
			else if (spin_try(word, me))
				break;
		}
	}
	held_push(t, word, name, site, 's');
	eng_hb_acquire(word);
}

int sim_spin_trylock(volatile int *word, const char *name, const char *site)
{
	struct sim_task *t = eng_self();

	eng_sched_point("spin_trylock");
	eng_foreign_hold(t, 1);
	if (!spin_try(word, spin_owner_value(t))) {
		eng_foreign_hold(t, -1);
		return 0;
	}
	eng_lockdep_acquire(word, name, site, 1);
	held_push(t, word, name, site, 's');
	eng_hb_acquire(word);
	return 1;
}

void sim_spin_unlock(volatile int *word, const char *site)
{
	struct sim_task *t = eng_self();
	int held = 0;

	eng_lockdep_release(word);
	eng_hb_release(word);
	if (!__atomic_load_n(word, __ATOMIC_RELAXED))
		lock_warn("spinlock already unlocked", word, site);
	else if (!(held = held_pop(t, word)))
		lock_warn("spinlock wrong owner", word, site);
	__atomic_store_n(word, 0, __ATOMIC_RELEASE);
	eng_sched_released(word);
	foreign_released(t, held);
}

/* ---- rwlocks ------------------------------------------------------------- */

static int read_try(volatile int *word)
{
	int v = __atomic_load_n(word, __ATOMIC_RELAXED);

	while (v >= 0)
		if (__atomic_compare_exchange_n(word, &v, v + 1, 0,
						__ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return 1;
	return 0;
}

static int write_try(volatile int *word)
{
	int free = 0;

	return __atomic_compare_exchange_n(word, &free, -1, 0, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

void sim_read_lock(volatile int *word, const char *name, const char *site)
{
	struct sim_task *t = eng_self();

	eng_sched_point("read_lock");
	eng_lockdep_acquire(word, name, site, 0);
	eng_foreign_hold(t, 1);
	/* Readers may nest; a reader behind its own write lock may not. */
	while (!read_try(word)) {
		struct sim_held_lock *h = held_find(t, word);

		if (h && h->kind == 'w')
			lock_recursion(t, "rwlock", word, name, site);
		foreign_wait(t, word, -1, 0, "read_lock", name, site);
	}
	held_push(t, word, name, site, 'r');
	eng_hb_acquire(word);
}

void sim_read_unlock(volatile int *word, const char *site)
{
	struct sim_task *t = eng_self();
	int held = 0;

	eng_lockdep_release(word);
	eng_hb_release(word);
	if (__atomic_load_n(word, __ATOMIC_RELAXED) <= 0)
		lock_warn("read_unlock of an rwlock not read-held", word, site);
	else
		held = held_pop(t, word);
	__atomic_sub_fetch(word, 1, __ATOMIC_RELEASE);
	eng_sched_released(word);
	foreign_released(t, held);
}

void sim_write_lock(volatile int *word, const char *name, const char *site)
{
	struct sim_task *t = eng_self();

	int v;

	eng_sched_point("write_lock");
	eng_lockdep_acquire(word, name, site, 0);
	eng_foreign_hold(t, 1);
	while (!write_try(word)) {
		if (held_find(t, word))
			lock_recursion(t, "rwlock", word, name, site);
		v = __atomic_load_n(word, __ATOMIC_RELAXED);
		if (v)
			foreign_wait(t, word, v, 0, "write_lock", name, site);
	}
	held_push(t, word, name, site, 'w');
	eng_hb_acquire(word);
}

void sim_write_unlock(volatile int *word, const char *site)
{
	struct sim_task *t = eng_self();
	int held = 0;

	eng_lockdep_release(word);
	eng_hb_release(word);
	if (__atomic_load_n(word, __ATOMIC_RELAXED) != -1)
		lock_warn("write_unlock of an rwlock not write-held", word,
			  site);
	else if (!(held = held_pop(t, word)))
		lock_warn("rwlock wrong owner", word, site);
	__atomic_store_n(word, 0, __ATOMIC_RELEASE);
	eng_sched_released(word);
	foreign_released(t, held);
}

/* ---- sleeping locks ------------------------------------------------------ */

/*
 * A contended sleeping lock sleeps on its word while the word keeps the
 * value that stopped it; releases that can let a waiter in wake the word.
 * The word changes with sequentially consistent operations, which the
 * lost-wake-up argument in eng_sched_block() relies on.
 */
static int sleeping_read_try(volatile int *word)
{
	int v = __atomic_load_n(word, __ATOMIC_RELAXED);

	while (v >= 0)
		if (__atomic_compare_exchange_n(word, &v, v + 1, 0,
						__ATOMIC_SEQ_CST,
						__ATOMIC_RELAXED))
			return 1;
	return 0;
}

static int sleeping_write_try(volatile int *word)
{
	int free = 0;

	return __atomic_compare_exchange_n(word, &free, -1, 0, __ATOMIC_SEQ_CST,
					   __ATOMIC_RELAXED);
}

void sim_down_read(volatile int *word, const char *name, const char *site)
{
	struct sim_task *t = eng_self();

	sim_might_sleep(site);
	eng_sched_point("down_read");
	eng_lockdep_acquire(word, name, site, 0);
	eng_foreign_hold(t, 1);
	while (!sleeping_read_try(word))
		foreign_wait(t, word, -1, 1, "down_read", name, site);
	sheld_push(t, word, name, site, 'R');
	eng_hb_acquire(word);
}

int sim_down_read_trylock(volatile int *word, const char *name,
			  const char *site)
{
	struct sim_task *t = eng_self();

	eng_sched_point("down_read_trylock");
	eng_foreign_hold(t, 1);
	if (!sleeping_read_try(word)) {
		eng_foreign_hold(t, -1);
		return 0;
	}
	eng_lockdep_acquire(word, name, site, 1);
	sheld_push(t, word, name, site, 'R');
	eng_hb_acquire(word);
	return 1;
}

void sim_up_read(volatile int *word, const char *site)
{
	struct sim_task *t = eng_self();
	int v = __atomic_sub_fetch(word, 1, __ATOMIC_SEQ_CST), held = 0;

	eng_lockdep_release(word);
	eng_hb_release(word);
	if (v < 0) {
		lock_warn("up_read of an rw_semaphore not read-held", word,
			  site);
	} else {
		sheld_pop(t, word);
		held = 1;
	}
	/* Only writers wait while readers hold: they need the word at 0. */
	if (v == 0)
		eng_sched_wake(word, eng_sched_waitq(word));
	else
		eng_sched_point("up_read");
	foreign_released(t, held);
}

void sim_down_write(volatile int *word, const char *name, const char *site)
{
	struct sim_task *t = eng_self();
	int v;

	sim_might_sleep(site);
	eng_sched_point("down_write");
	eng_lockdep_acquire(word, name, site, 0);
	eng_foreign_hold(t, 1);
	while (!sleeping_write_try(word)) {
		v = __atomic_load_n(word, __ATOMIC_RELAXED);
		if (v)
			foreign_wait(t, word, v, 1, "down_write", name, site);
	}
	sheld_push(t, word, name, site, 'W');
	eng_hb_acquire(word);
}

int sim_down_write_trylock(volatile int *word, const char *name,
			   const char *site)
{
	struct sim_task *t = eng_self();

	eng_sched_point("down_write_trylock");
	eng_foreign_hold(t, 1);
	if (!sleeping_write_try(word)) {
		eng_foreign_hold(t, -1);
		return 0;
	}
	eng_lockdep_acquire(word, name, site, 1);
	sheld_push(t, word, name, site, 'W');
	eng_hb_acquire(word);
	return 1;
}

/* up_write and mutex_unlock: the word goes from -1 to 0. */
static void sleeping_release(volatile int *word, const char *what,
			     const char *site)
{
	struct sim_task *t = eng_self();
	int held = 0;

	eng_lockdep_release(word);
	eng_hb_release(word);
	if (__atomic_load_n(word, __ATOMIC_RELAXED) != -1) {
		lock_warn(what, word, site);
	} else {
		sheld_pop(t, word);
		held = 1;
	}
	__atomic_store_n(word, 0, __ATOMIC_SEQ_CST);
	eng_sched_wake(word, eng_sched_waitq(word));
	foreign_released(t, held);
}

void sim_up_write(volatile int *word, const char *site)
{
	sleeping_release(word, "up_write of an rw_semaphore not write-held",
			 site);
}

void sim_mutex_lock(volatile int *word, const char *name, const char *site)
{
	struct sim_task *t = eng_self();

	sim_might_sleep(site);
	eng_sched_point("mutex_lock");
	eng_lockdep_acquire(word, name, site, 0);
	eng_foreign_hold(t, 1);
	while (!sleeping_write_try(word))
		foreign_wait(t, word, -1, 1, "mutex_lock", name, site);
	sheld_push(t, word, name, site, 'M');
	eng_hb_acquire(word);
}

void sim_mutex_unlock(volatile int *word, const char *site)
{
	sleeping_release(word, "mutex_unlock of a mutex not locked", site);
}
