/*
 * sim/engine/trace.c - the event trace in ftrace's text layout, and the
 * counters of modeled hardware events.
 *
 * A trace line reads as /sys/kernel/debug/tracing/trace would:
 *
 *            mover-12    [001]     0.000123: mm_migrate_page: pfn=0x1234
 *
 * with the simulated clock as the timestamp.  Counters are a fixed,
 * lock-free open-addressing table keyed by name: counting is one atomic
 * add once a name has its slot, and exact under any concurrency.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "engine.h"
#include "internal.h"

#define SIM_COUNTER_BITS 10

struct sim_counter {
	char *name; /* set once, by compare-and-swap */
	unsigned long count;
};

static struct {
	pthread_mutex_t lock; /* whole lines in the trace file */
	struct sim_counter counter[1 << SIM_COUNTER_BITS];
} trace = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

int sim_tracing(void)
{
	return eng_trace_file() != NULL;
}

void sim_trace(const char *event, const char *fmt, ...)
{
	FILE *f = eng_trace_file();
	struct sim_task *t;
	unsigned long long now;
	g_autofree char *fields = NULL;
	va_list ap;

	if (!f)
		return;
	t = eng_self();
	now = sim_ticks();
	va_start(ap, fmt);
	fields = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&trace.lock);
	fprintf(f, "%16s-%-5d [%03d] %5llu.%06llu: %s: %s\n", t->name, t->pid,
		t->cpu, now / 1000000, now % 1000000, event, fields);
	pthread_mutex_unlock(&trace.lock);
}

/*
 * The oops handler may interrupt a task in the middle of a trace line:
 * flush only when nobody is writing, and never wait for it.
 */
void eng_trace_flush_on_oops(void)
{
	FILE *f = eng_trace_file();

	if (!f || pthread_mutex_trylock(&trace.lock))
		return;
	fflush(f);
	pthread_mutex_unlock(&trace.lock);
}

static struct sim_counter *counter_slot(const char *name, int create)
{
	unsigned int mask = (1u << SIM_COUNTER_BITS) - 1;
	unsigned int i = g_str_hash(name) & mask;
	unsigned int probes;
	struct sim_counter *c;
	char *seen, *copy;

	for (probes = 0; probes <= mask; probes++, i = (i + 1) & mask) {
		c = &trace.counter[i];
		seen = __atomic_load_n(&c->name, __ATOMIC_ACQUIRE);
		if (!seen) {
			if (!create)
				return NULL;
			copy = g_strdup(name);
			if (__atomic_compare_exchange_n(&c->name, &seen, copy,
							0, __ATOMIC_ACQ_REL,
							__ATOMIC_ACQUIRE))
				return c;
			/* Another task named this slot first. */
			g_free(copy);
		}
		if (!strcmp(seen, name))
			return c;
	}
	if (!create)
		return NULL;
	fprintf(stderr, "mmsim: more than %u event counters (adding %s)\n",
		mask + 1, name);
	exit(SIM_EXIT_SIMULATOR);
}

void sim_count_event(const char *name)
{
	__atomic_add_fetch(&counter_slot(name, 1)->count, 1, __ATOMIC_RELAXED);
}

unsigned long sim_event_count(const char *name)
{
	struct sim_counter *c = counter_slot(name, 0);

	return c ? __atomic_load_n(&c->count, __ATOMIC_RELAXED) : 0;
}
