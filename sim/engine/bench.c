/*
 * sim/engine/bench.c - the bench switch: seeded-mode hand-offs per second.
 *
 * Three tasks pass a turn round through sim_wait_event()/sim_wake_up(),
 * so each pass is one hand-off of the run token (seeded.c).  It drives
 * the engine through its own door, as a scenario would, and so sits on
 * top of it.
 */
#include <stdio.h>
#include <time.h>

#include "engine.h"
#include "seeded.h"

struct bench {
	unsigned long n, count;
	int turn;
	int key[3];
};

struct bench_arg {
	struct bench *b;
	int k;
};

static int bench_my_turn(const void *p)
{
	const struct bench_arg *a = p;

	return a->b->turn == a->k;
}

/* Wait for the turn, count, pass it on: each pass is one hand-off. */
static void bench_task(void *p)
{
	struct bench_arg *a = p;
	struct bench *b = a->b;
	int next = (a->k + 1) % 3;

	int done;

	/* Once the count is reached, each task passes the turn once more
	 * and leaves, so that all three see their last turn. */
	for (;;) {
		sim_wait_event(&b->key[a->k], bench_my_turn, a, "bench",
			       "bench_switch");
		if (b->count < b->n)
			b->count++;
		done = b->count >= b->n;
		b->turn = next;
		sim_wake_up(&b->key[next]);
		if (done)
			return;
	}
}

double sim_engine_bench_switch(unsigned long switches)
{
	struct bench b = {.n = switches};
	struct bench_arg a[3];
	struct timespec t0, t1;
	unsigned long before, after;
	int was_seeded = sim_engine_mode() == SIM_SCHED_SEEDED;
	long h[3];
	double secs;
	int k;

	if (!was_seeded)
		sim_engine_set_mode(SIM_SCHED_SEEDED);
	before = eng_seeded_switches();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (k = 0; k < 3; k++) {
		char name[16];

		a[k].b = &b;
		a[k].k = k;
		snprintf(name, sizeof(name), "bench-%d", k);
		h[k] = sim_thread_spawn(name, 90000 + k, 0, bench_task, &a[k]);
	}
	for (k = 0; k < 3; k++)
		sim_thread_join(h[k]);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	after = eng_seeded_switches();
	if (!was_seeded)
		sim_engine_set_mode(SIM_SCHED_FREE);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	return secs > 0 ? (after - before) / secs : 0;
}
