/*
 * sim/engine/probe.c - probes: named points in kernel code (sim_probe) and
 * the entry and exit of every function of mm/migrate.c.
 *
 * migrate.c alone is compiled with -finstrument-functions (headers
 * excluded), the trick ftrace plays with mcount: gcc calls
 * __cyg_profile_func_enter/exit around each of its functions.  The hooks
 * name the function through the engine's symbol table, cached by address,
 * and then do what a named probe does: a trace line, the handler
 * (sim_engine_set_probe_handler) in the task that hit it, and in seeded
 * mode a preemption point.  With no handler, no trace and free mode, a
 * hook costs one load.
 *
 * Which names exist (sim_engine_probe_exists): the named points the
 * kernel defines (a static list, below), every name sim_probe() has seen,
 * and every function of the executable whose code calls
 * __cyg_profile_func_enter, found once by scanning the functions of the
 * symbol table for a direct call to it.  Only migrate.c is instrumented,
 * so these are exactly migrate.c's own functions (the inline helpers it
 * gets from headers are excluded as the compiler excluded them), and the
 * list cannot go stale when the build changes.  Should no function be
 * found that way (an executable without migrate.c, a toolchain that calls
 * the hook another way), the local functions the symbol table files under
 * "migrate.c" are used instead.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "engine.h"
#include "symtab.h"
#include "seed_lines.h"
#include "seeded.h"
#include "sched.h"
#include "lockdep.h"
#include "probe.h"

#define NO_INSTR __attribute__((no_instrument_function))
#define PROBE_CACHE_BITS 10
#define PROBE_SEEN_BITS 8

/* The named points the kernel defines (sim_probe calls in mm/, arch/). */
static const char *const kernel_points[] = {
	"try_to_unmap", "lock_page",  "handle_mm_fault",
	"exit_mmap",	"do_wp_page", "lru_add_drain_all",
};

struct probe_handler {
	sim_probe_handler fn;
	void *ctx;
	struct probe_handler *retired; /* the one it replaced */
};

struct fn_name {
	const void *addr;
	const char *name;
};

static int probe_hot;

void __cyg_profile_func_enter(void *this_fn, void *call_site) NO_INSTR;
void __cyg_profile_func_exit(void *this_fn, void *call_site) NO_INSTR;

static struct {
	pthread_mutex_t lock;
	pthread_once_t once;
	GHashTable *names; /* every probe name: owned strings */
	GHashTable *functions; /* address -> struct fn_name, never freed */
	struct probe_handler *handler; /* replaced whole, never freed */
	struct probe_handler *retired; /* the replaced ones, still reachable */
	struct fn_name *cache[1 << PROBE_CACHE_BITS];
	const char *seen[1 << PROBE_SEEN_BITS]; /* sim_probe names known */
} probe = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.once = PTHREAD_ONCE_INIT,
};

void NO_INSTR eng_probe_update(void)
{
	int hot = __atomic_load_n(&probe.handler, __ATOMIC_ACQUIRE) ||
		  sim_tracing() ||
		  __atomic_load_n(&eng_mode_seeded, __ATOMIC_RELAXED);

	__atomic_store_n(&probe_hot, hot, __ATOMIC_RELEASE);
}

void sim_engine_set_probe_handler(sim_probe_handler fn, void *ctx)
{
	struct probe_handler *h = NULL, *old;

	if (fn) {
		h = g_new0(struct probe_handler, 1);
		h->fn = fn;
		h->ctx = ctx;
	}
	/* The old one may be in use by a task right now: keep it, and
	 * reachable, so that a leak checker does not call it lost. */
	old = __atomic_exchange_n(&probe.handler, h, __ATOMIC_ACQ_REL);
	if (old) {
		old->retired = probe.retired;
		probe.retired = old;
	}
	eng_probe_update();
}

/* ---- the names ----------------------------------------------------------- */

static void add_name_locked(const char *name)
{
	if (!g_hash_table_contains(probe.names, name))
		g_hash_table_add(probe.names, g_strdup(name));
}

/* Does the code of [addr, addr+size) call target directly (e8 rel32)? */
static int calls(const unsigned char *code, unsigned long size,
		 uintptr_t target)
{
	unsigned long i;
	int32_t rel;

	for (i = 0; i + 5 <= size; i++) {
		if (code[i] != 0xe8)
			continue;
		memcpy(&rel, code + i + 1, sizeof(rel));
		if ((uintptr_t)(code + i + 5) + (intptr_t)rel == target)
			return 1;
	}
	return 0;
}

static void load_names(void)
{
	uintptr_t hook = (uintptr_t)&__cyg_profile_func_enter;
	size_t i, n = eng_symtab_nr();
	unsigned long size;
	const char *name, *file;
	const void *addr;
	unsigned int k;
	int found = 0;

	pthread_mutex_lock(&probe.lock);
	if (!probe.names)
		probe.names = g_hash_table_new_full(g_str_hash, g_str_equal,
						    g_free, NULL);
	for (k = 0; k < G_N_ELEMENTS(kernel_points); k++)
		add_name_locked(kernel_points[k]);
	for (i = 0; i < n; i++) {
		name = eng_symtab_at(i, &addr, &size, &file);
		if ((uintptr_t)addr == hook || !size ||
		    !calls(addr, size, hook))
			continue;
		add_name_locked(name);
		found++;
	}
	for (i = 0; !found && i < n; i++) {
		name = eng_symtab_at(i, &addr, &size, &file);
		if (file && !strcmp(file, "migrate.c"))
			add_name_locked(name);
	}
	pthread_mutex_unlock(&probe.lock);
}

static void names_ready(void)
{
	pthread_once(&probe.once, load_names);
}

int sim_engine_probe_exists(const char *name)
{
	int found;

	names_ready();
	pthread_mutex_lock(&probe.lock);
	found = g_hash_table_contains(probe.names, name);
	pthread_mutex_unlock(&probe.lock);
	return found;
}

/* A named point registers its name the first time; then one load. */
static void NO_INSTR register_point(const char *name)
{
	unsigned int mask = (1u << PROBE_SEEN_BITS) - 1;
	unsigned int i = ((uintptr_t)name >> 3) * 0x9e3779b1u >> 8 & mask;
	unsigned int tries;
	const char *seen;

	for (tries = 0; tries <= mask; tries++, i = (i + 1) & mask) {
		seen = __atomic_load_n(&probe.seen[i], __ATOMIC_ACQUIRE);
		if (seen == name)
			return;
		if (!seen)
			break;
	}
	names_ready();
	pthread_mutex_lock(&probe.lock);
	add_name_locked(name);
	for (tries = 0; tries <= mask; tries++, i = (i + 1) & mask) {
		seen = NULL;
		if (__atomic_compare_exchange_n(&probe.seen[i], &seen, name, 0,
						__ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE) ||
		    seen == name)
			break;
	}
	pthread_mutex_unlock(&probe.lock);
}

/* ---- firing -------------------------------------------------------------- */

static __attribute__((noinline)) void NO_INSTR
trace_probe(const char *name, enum sim_probe_kind kind, int function)
{
	if (function && kind == SIM_PROBE_ENTER && seed_line_of(name))
		sim_trace("funcgraph_entry", "%s (mm/migrate.c:%d)", name,
			  seed_line_of(name));
	else if (function)
		sim_trace(kind == SIM_PROBE_ENTER ? "funcgraph_entry"
						  : "funcgraph_exit",
			  "%s", name);
	else
		sim_trace("probe", "%s%s", name,
			  kind == SIM_PROBE_ENTER  ? " enter"
			  : kind == SIM_PROBE_EXIT ? " exit"
						   : "");
}

/* Inline in each hook: with tracing off and no handler, a point only. */
static inline void NO_INSTR fire(const char *name, enum sim_probe_kind kind,
				 int function)
{
	struct probe_handler *h;

	if (sim_tracing())
		trace_probe(name, kind, function);
	h = __atomic_load_n(&probe.handler, __ATOMIC_ACQUIRE);
	if (h) {
		/*
		 * A scenario's probe body inspects the machine (show pte,
		 * expect node ...) in the task that hit the probe: mmsim's
		 * doing, not the kernel's lock order (2006: lockdep_off()).
		 */
		eng_lockdep_off();
		h->fn(h->ctx, name, kind);
		eng_lockdep_on();
	}
	eng_sched_point("probe");
}

void sim_probe(const char *name, int kind)
{
	register_point(name);
	if (!__atomic_load_n(&probe_hot, __ATOMIC_ACQUIRE))
		return;
	if (kind < SIM_PROBE_ENTER || kind > SIM_PROBE_POINT)
		kind = SIM_PROBE_POINT;
	fire(name, (enum sim_probe_kind)kind, 0);
}

/* A miss of function_name()'s cache: the table, then the symbol table. */
static __attribute__((noinline)) const char *NO_INSTR
function_name_miss(const void *addr, unsigned int i)
{
	struct fn_name *e;
	unsigned long off, size;
	const char *name;

	pthread_mutex_lock(&probe.lock);
	if (!probe.functions)
		probe.functions =
			g_hash_table_new(g_direct_hash, g_direct_equal);
	e = g_hash_table_lookup(probe.functions, addr);
	if (!e) {
		name = eng_symtab_lookup(addr, &off, &size);
		/* Entries are never freed: a reader may hold an old one. */
		e = g_new(struct fn_name, 1);
		e->addr = addr;
		e->name = name;
		g_hash_table_insert(probe.functions, (void *)addr, e);
	}
	pthread_mutex_unlock(&probe.lock);
	__atomic_store_n(&probe.cache[i], e, __ATOMIC_RELEASE);
	return e->name;
}

/*
 * The function at addr, by a direct-mapped cache over the symbol table.
 * Inline, as every hook of migrate.c's functions asks it: a hit is a
 * multiply, a load and a compare, with no call frame to set up.
 */
static inline const char *NO_INSTR function_name(const void *addr)
{
	unsigned int i = (((uintptr_t)addr >> 4) * 0x9e3779b97f4a7c15ull) >>
			 (64 - PROBE_CACHE_BITS);
	struct fn_name *e = __atomic_load_n(&probe.cache[i], __ATOMIC_ACQUIRE);

	if (__builtin_expect(e && e->addr == addr, 1))
		return e->name;
	return function_name_miss(addr, i);
}

void NO_INSTR __cyg_profile_func_enter(void *this_fn, void *call_site)
{
	const char *name;

	(void)call_site;
	if (!__atomic_load_n(&probe_hot, __ATOMIC_RELAXED))
		return;
	name = function_name(this_fn);
	if (name)
		fire(name, SIM_PROBE_ENTER, 1);
}

void NO_INSTR __cyg_profile_func_exit(void *this_fn, void *call_site)
{
	const char *name;

	(void)call_site;
	if (!__atomic_load_n(&probe_hot, __ATOMIC_RELAXED))
		return;
	name = function_name(this_fn);
	if (name)
		fire(name, SIM_PROBE_EXIT, 1);
}
