/*
 * sim/engine/trace.c - the event trace in ftrace's text layout and in
 * Chrome's trace-event JSON, and the counters of modeled hardware events.
 *
 * A trace line reads as /sys/kernel/debug/tracing/trace would:
 *
 *            mover-12    [001]     0.000123: mm_migrate_page: pfn=0x1234
 *
 * with the simulated clock as the timestamp.  The JSON trace (for
 * Perfetto or chrome://tracing) carries the same events: one process, the
 * machine (pid 1), a thread per task (tid = the task's pid, named by a
 * "thread_name" metadata event before its first event), funcgraph
 * entries and exits as "B"/"E" slices, anything else as an instant event
 * with its fields in "args"; "ts" is the simulated clock in microseconds.
 * It is a JSON array written as events come, closed by
 * sim_engine_trace_close() (engine.c): at the end of a run, in every
 * fatal report, and at exit().
 *
 * Counters are a fixed, lock-free open-addressing table keyed by name:
 * counting is one atomic add once a name has its slot, and exact under
 * any concurrency.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "engine.h"
#include "task.h"
#include "trace.h"

#define SIM_COUNTER_BITS 10

struct sim_counter {
	char *name; /* set once, by compare-and-swap */
	unsigned long count;
};

static struct {
	pthread_mutex_t lock; /* whole lines, whole JSON events */
	FILE *text; /* sim_engine_set_trace(); NULL: no text trace */
	FILE *json; /* NULL: no JSON trace, or closed */
	int json_events; /* events written: the next one needs ",\n" */
	GHashTable *json_names; /* pid -> the comm its thread_name gave */
	/* Flows (Perfetto arrows), all under the lock: */
	int flow_ids; /* the last id given */
	int unmap_flow; /* the last try_to_unmap's flow, 0: none yet */
	GHashTable *waiting; /* pid -> the unmap flow it waits on */
	GHashTable *woken; /* pid -> the wakeup flow to end at its next event */
	struct sim_counter counter[1 << SIM_COUNTER_BITS];
} trace = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

void eng_trace_set_text(FILE *f)
{
	__atomic_store_n(&trace.text, f, __ATOMIC_RELEASE);
}

static FILE *trace_file(void)
{
	return __atomic_load_n(&trace.text, __ATOMIC_ACQUIRE);
}

int sim_tracing(void)
{
	return trace_file() != NULL ||
	       __atomic_load_n(&trace.json, __ATOMIC_ACQUIRE) != NULL;
}

/* ---- the JSON trace ------------------------------------------------------ */

/* s as a JSON string, quotes included; invalid UTF-8 becomes U+FFFD. */
static void json_string(GString *out, const char *s)
{
	g_autofree char *valid = g_utf8_make_valid(s, -1);
	const unsigned char *p;

	g_string_append_c(out, '"');
	for (p = (const unsigned char *)valid; *p; p++) {
		switch (*p) {
		case '"':
			g_string_append(out, "\\\"");
			break;
		case '\\':
			g_string_append(out, "\\\\");
			break;
		case '\n':
			g_string_append(out, "\\n");
			break;
		case '\t':
			g_string_append(out, "\\t");
			break;
		case '\r':
			g_string_append(out, "\\r");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				g_string_append_printf(out, "\\u%04x", *p);
			else
				g_string_append_c(out, *p);
		}
	}
	g_string_append_c(out, '"');
}

/* A key=value token: the key is an identifier. */
static int json_field_key(const char *tok, size_t *keylen)
{
	const char *eq = strchr(tok, '=');
	const char *p;

	if (!eq || eq == tok || g_ascii_isdigit(tok[0]))
		return 0;
	for (p = tok; p < eq; p++)
		if (!g_ascii_isalnum(*p) && *p != '_')
			return 0;
	*keylen = eq - tok;
	return 1;
}

/*
 * "args": the task's CPU, the fields as the text trace prints them, and
 * each key=value among them (the first of a key wins).
 */
static void json_args(GString *out, int cpu, const char *fields)
{
	g_auto(GStrv) tok = g_strsplit(fields, " ", -1);
	g_autoptr(GHashTable) keys = g_hash_table_new(g_str_hash, g_str_equal);
	size_t keylen;
	int i;

	g_string_append_printf(out, "\"args\":{\"cpu\":%d,\"fields\":", cpu);
	json_string(out, fields);
	g_hash_table_add(keys, "cpu");
	g_hash_table_add(keys, "fields");
	for (i = 0; tok[i]; i++) {
		if (!json_field_key(tok[i], &keylen))
			continue;
		tok[i][keylen] = '\0';
		if (!g_hash_table_add(keys, tok[i]))
			continue;
		g_string_append_c(out, ',');
		json_string(out, tok[i]);
		g_string_append_c(out, ':');
		json_string(out, tok[i] + keylen + 1);
	}
	g_string_append_c(out, '}');
}

/* One event out; the lock is held. */
static void json_emit_locked(const char *ev)
{
	if (trace.json_events++)
		fputs(",\n", trace.json);
	fputs(ev, trace.json);
}

/* The task's thread_name, before its first event or when it changed. */
static void json_thread_name_locked(const struct sim_task *t)
{
	g_autoptr(GString) ev = NULL;
	const char *named;

	named = g_hash_table_lookup(trace.json_names, GINT_TO_POINTER(t->pid));
	if (named && !strcmp(named, t->name))
		return;
	g_hash_table_insert(trace.json_names, GINT_TO_POINTER(t->pid),
			    g_strdup(t->name));
	ev = g_string_new(NULL);
	g_string_append_printf(ev,
			       "{\"name\":\"thread_name\",\"ph\":\"M\","
			       "\"pid\":1,\"tid\":%d,\"args\":{\"name\":",
			       t->pid);
	json_string(ev, t->name);
	g_string_append(ev, "}}");
	json_emit_locked(ev->str);
}

/*
 * One flow step ("s" start, "t" step, "f" finish) on T's track; the lock
 * is held.  Perfetto draws an arrow between the steps of one id.
 */
static void json_flow_locked(const struct sim_task *t, unsigned long long now,
			     const char *name, const char *ph, int id)
{
	g_autoptr(GString) ev = g_string_new("{\"name\":");

	json_string(ev, name);
	g_string_append_printf(ev,
			       ",\"cat\":\"flow\",\"ph\":\"%s\",\"id\":%d,"
			       "\"ts\":%llu,\"pid\":1,\"tid\":%d%s}",
			       ph, id, now, t->pid,
			       *ph == 's' ? "" : ",\"bp\":\"e\"");
	json_emit_locked(ev->str);
}

/*
 * The flows of a migration race, from the events themselves: the
 * mover's try_to_unmap (the pte becomes a migration entry) -> a
 * faulter entering migration_entry_wait -> the same faulter leaving it;
 * and every wake-up, from the waker's sched_wakeup to the woken task's
 * next event.  The lock is held; called after T's own event is out.
 */
static void json_flows_locked(const struct sim_task *t, unsigned long long now,
			      const char *event, const char *fields)
{
	gpointer pid = GINT_TO_POINTER(t->pid);
	int id, woken_pid;

	id = GPOINTER_TO_INT(g_hash_table_lookup(trace.woken, pid));
	if (id && strcmp(event, "sched_wakeup")) {
		json_flow_locked(t, now, "wakeup", "f", id);
		g_hash_table_remove(trace.woken, pid);
	}
	if (!strcmp(event, "probe") && !strcmp(fields, "try_to_unmap exit")) {
		trace.unmap_flow = ++trace.flow_ids;
		json_flow_locked(t, now, "migration entry", "s",
				 trace.unmap_flow);
	} else if (!strcmp(event, "funcgraph_entry") &&
		   g_str_has_prefix(fields, "migration_entry_wait") &&
		   trace.unmap_flow) {
		json_flow_locked(t, now, "migration entry", "t",
				 trace.unmap_flow);
		g_hash_table_insert(trace.waiting, pid,
				    GINT_TO_POINTER(trace.unmap_flow));
	} else if (!strcmp(event, "funcgraph_exit") &&
		   !strcmp(fields, "migration_entry_wait")) {
		id = GPOINTER_TO_INT(g_hash_table_lookup(trace.waiting, pid));
		if (id)
			json_flow_locked(t, now, "migration entry", "f", id);
		g_hash_table_remove(trace.waiting, pid);
	} else if (!strcmp(event, "sched_wakeup") &&
		   sscanf(fields, "comm=%*s pid=%d", &woken_pid) == 1) {
		id = ++trace.flow_ids;
		json_flow_locked(t, now, "wakeup", "s", id);
		g_hash_table_insert(trace.woken, GINT_TO_POINTER(woken_pid),
				    GINT_TO_POINTER(id));
	}
}

static void json_event(const struct sim_task *t, unsigned long long now,
		       const char *event, const char *fields)
{
	g_autoptr(GString) ev = g_string_new("{\"name\":");
	int entry = !strcmp(event, "funcgraph_entry");

	if (entry || !strcmp(event, "funcgraph_exit")) {
		/* "NAME (mm/migrate.c:LINE)": the slice is NAME, the line an arg */
		const char *src = strstr(fields, " (");
		g_autofree char *name = g_strndup(
			fields, src ? (gsize)(src - fields) : strlen(fields));

		json_string(ev, name);
		g_string_append_printf(ev,
				       ",\"cat\":\"funcgraph\",\"ph\":\"%s\","
				       "\"ts\":%llu,\"pid\":1,\"tid\":%d,"
				       "\"args\":{\"cpu\":%d",
				       entry ? "B" : "E", now, t->pid, t->cpu);
		if (src) {
			g_autofree char *where =
				g_strndup(src + 2, strlen(src + 2) - 1);

			g_string_append(ev, ",\"src\":");
			json_string(ev, where);
		}
		g_string_append(ev, "}}");
	} else {
		json_string(ev, event);
		g_string_append_printf(ev,
				       ",\"cat\":\"event\",\"ph\":\"i\","
				       "\"s\":\"t\",\"ts\":%llu,\"pid\":1,"
				       "\"tid\":%d,",
				       now, t->pid);
		json_args(ev, t->cpu, fields);
		g_string_append_c(ev, '}');
	}
	pthread_mutex_lock(&trace.lock);
	if (trace.json) {
		json_thread_name_locked(t);
		json_emit_locked(ev->str);
		json_flows_locked(t, now, event, fields);
	}
	pthread_mutex_unlock(&trace.lock);
}

/* "]" and flush; the lock is held.  The file stays open (the caller's). */
static void json_close_locked(void)
{
	if (!trace.json)
		return;
	fputs("\n]\n", trace.json);
	fflush(trace.json);
	__atomic_store_n(&trace.json, NULL, __ATOMIC_RELEASE);
	g_hash_table_destroy(trace.json_names);
	trace.json_names = NULL;
	g_clear_pointer(&trace.waiting, g_hash_table_destroy);
	g_clear_pointer(&trace.woken, g_hash_table_destroy);
}

void eng_trace_set_json(FILE *f)
{
	pthread_mutex_lock(&trace.lock);
	json_close_locked();
	if (f) {
		trace.json_names =
			g_hash_table_new_full(NULL, NULL, NULL, g_free);
		trace.json_events = 0;
		trace.flow_ids = 0;
		trace.unmap_flow = 0;
		trace.waiting = g_hash_table_new(NULL, NULL);
		trace.woken = g_hash_table_new(NULL, NULL);
		fputs("[\n", f);
		__atomic_store_n(&trace.json, f, __ATOMIC_RELEASE);
		json_emit_locked("{\"name\":\"process_name\",\"ph\":\"M\","
				 "\"pid\":1,\"args\":{\"name\":\"machine\"}}");
	}
	pthread_mutex_unlock(&trace.lock);
}

void eng_trace_close_json(void)
{
	pthread_mutex_lock(&trace.lock);
	json_close_locked();
	pthread_mutex_unlock(&trace.lock);
}

/*
 * A fatal report is about to _exit(): flush the text trace and close the
 * JSON trace so that it parses.  The dying task may have been interrupted inside a write (an
 * oops), and in free mode another task may be writing: wait a little for
 * the lock, never for ever.
 */
void eng_trace_close_on_fatal(void)
{
	struct timespec ms = {.tv_nsec = 1000000};
	FILE *f = trace_file();
	int i;

	if (!f && !__atomic_load_n(&trace.json, __ATOMIC_ACQUIRE))
		return;
	for (i = 0; i < 200; i++) {
		if (!pthread_mutex_trylock(&trace.lock)) {
			if (f)
				fflush(f);
			json_close_locked();
			pthread_mutex_unlock(&trace.lock);
			return;
		}
		nanosleep(&ms, NULL);
	}
}

/* ---- the text trace ------------------------------------------------------ */

void sim_trace(const char *event, const char *fmt, ...)
{
	FILE *f = trace_file();
	struct sim_task *t;
	unsigned long long now;
	g_autofree char *fields = NULL;
	va_list ap;

	if (!f && !__atomic_load_n(&trace.json, __ATOMIC_ACQUIRE))
		return;
	t = eng_self();
	now = sim_ticks();
	va_start(ap, fmt);
	fields = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (f) {
		pthread_mutex_lock(&trace.lock);
		fprintf(f, "%16s-%-5d [%03d] %5llu.%06llu: %s: %s\n", t->name,
			t->pid, t->cpu, now / 1000000, now % 1000000, event,
			fields);
		pthread_mutex_unlock(&trace.lock);
	}
	if (__atomic_load_n(&trace.json, __ATOMIC_ACQUIRE))
		json_event(t, now, event, fields);
}

/*
 * The oops handler may interrupt a task in the middle of a trace line:
 * flush only when nobody is writing, and never wait for it.
 */
void eng_trace_flush_on_oops(void)
{
	FILE *f = trace_file();

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
