/*
 * sim/scenario/interp.c - running a parsed scenario: boot the machine,
 * give every task a thread, hand the threads their work, evaluate the
 * expectations and carry out the probe rules.
 *
 * Every task is a long-lived simulated thread (named after the task) that
 * runs as its kernel task and does what the interpreter hands it, one
 * piece of work after another.  The main thread hands work and waits
 * through the door (sim_wait_prepare/sim_wait_sleep on a word, and
 * sim_wake_up), never with a host lock or condition variable, so that
 * in seeded mode the scheduler knows who is blocked and who may run.
 *
 * The host mutexes below guard a few words against free mode's real
 * parallelism; no door call is ever made while one is held, so in seeded
 * mode they are never contended.  They are pthread mutexes, not GMutex,
 * so that ThreadSanitizer (the tsan preset) sees them.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include <sim/door.h>
#include <sim/kernel.h>

#include "../engine/engine.h"
#include "cli.h"
#include "scenario.h"
#include "check_every.h"

#define PAGE 4096UL
#define SC_PROT_RW 3
#define SC_MAP_SHARED 0x01
#define SC_MAP_PRIVATE 0x02
#define SC_MAP_ANONYMOUS 0x20
#define SC_MAP_PRIVATE_ANON (SC_MAP_PRIVATE | SC_MAP_ANONYMOUS)
#define SC_MPOL_F_ADDR (1 << 1)

static const char *const policy_names[] = {
	"default",
	"preferred",
	"bind",
	"interleave",
};

/* A simulated task as the interpreter drives it. */
struct sc_task {
	struct sc_sym *sym;
	int pid;
	long thread;
	pthread_mutex_t lock;
	GQueue work; /* struct sc_work * */
	int handed; /* work handed so far; also a wait key */
	int done; /* work finished so far; also a wait key */
	int quit; /* leave when the queue is empty */
	int exited; /* did exit: skip the rest */
	long ret; /* of its last action */
	GRand *rand; /* buf[random] */
	const char *name; /* its thread's name */
};

/* A piece of work: statements run 'repeat' times. */
struct sc_work {
	GPtrArray *body;
	struct sc_stmt *one;
	long repeat;
};

static struct {
	struct scenario *scn;
	const struct sc_run_opts *opts;
	pthread_mutex_t lock; /* values: sym->addr, sym->status, ret */
	long ret;
	int failures;
	int expectations;
	int status; /* worst exit status so far */
	int stop; /* a run-time error: run no more statements */
	GPtrArray *tasks; /* struct sc_task *, in order of creation */
	GRand *rand; /* the main thread's, for expectations */
	unsigned long long seed; /* SC_SETUP_SEED, then the run's */
	int forked; /* the fork point is behind */
} I;

static __thread struct sc_task *self;

/* self belongs to the task: seeded tasks may share a host thread. */
static void **self_word(void)
{
	return (void **)&self;
}

static void exec_top(struct sc_stmt *s);
static void exec_probe_body(struct sc_stmt *rule);

/* ---- output ------------------------------------------------------------- */

static void out(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static void out(const char *fmt, ...)
{
	va_list ap;

	if (I.opts->quiet)
		return;
	va_start(ap, fmt);
	vfprintf(I.opts->out, fmt, ap);
	va_end(ap);
	fflush(I.opts->out);
}

static void emit_out(void *ctx, const char *text, unsigned long len)
{
	GString *s = ctx;

	g_string_append_len(s, text, len);
}

/* A run-time error: as the parser's, exit status 2, nothing more runs. */
static void rt_error(int line, int col, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);

static void rt_error(int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sc_verror(I.scn, I.opts->err, line, col, fmt, ap);
	va_end(ap);
	fflush(I.opts->err);
	if (I.status < MMSIM_EXIT_USAGE)
		I.status = MMSIM_EXIT_USAGE;
	I.stop = 1;
}

/* ---- values ------------------------------------------------------------- */

static void format_int(GString *s, long long v)
{
	const char *name = v < 0 ? sc_errno_name(-v) : NULL;

	if (name)
		g_string_append_printf(s, "-%s", name);
	else if (v == SC_STATUS_UNSET)
		g_string_append(s, "unset");
	else
		g_string_append_printf(s, "%lld", v);
}

/* [1] * 16, [0] * 8 + [1] * 8, [1, 2, 3]: as a scenario would write it. */
static void format_list(GString *s, const long long *v, gsize n)
{
	gsize i = 0, run;
	int open = 0, parts = 0;

	if (!n) {
		g_string_append(s, "[]");
		return;
	}
	while (i < n) {
		for (run = 1; i + run < n && v[i + run] == v[i]; run++)
			;
		if (run >= 3) {
			if (open)
				g_string_append_c(s, ']');
			open = 0;
			g_string_append(s, parts++ ? " + [" : "[");
			format_int(s, v[i]);
			g_string_append_printf(s, "] * %zu", run);
			i += run;
			continue;
		}
		if (!open) {
			g_string_append(s, parts++ ? " + [" : "[");
			open = 1;
		} else {
			g_string_append(s, ", ");
		}
		format_int(s, v[i]);
		i++;
	}
	if (open)
		g_string_append_c(s, ']');
}

struct value {
	int is_list;
	long long v;
	GArray *list; /* long long */
	char *why; /* could not be read: why (fails the test) */
};

static void value_clear(struct value *v)
{
	if (v->list)
		g_array_unref(v->list);
	g_free(v->why);
	memset(v, 0, sizeof(*v));
}

static void format_value(GString *s, const struct value *v)
{
	if (v->why)
		g_string_append(s, v->why);
	else if (v->is_list)
		format_list(s, (long long *)v->list->data, v->list->len);
	else
		format_int(s, v->v);
}

static const char *const state_names[] = {"alive", "zombie", "reaped"};

/*
 * A value by its name among n (policy(TASK): default ... interleave;
 * state(TASK): alive, zombie, reaped), or as a number.
 */
static void format_named(GString *s, const struct value *v,
			 const char *const *names, gsize n)
{
	if (!v->why && !v->is_list && v->v >= 0 && v->v < (long long)n)
		g_string_append(s, names[v->v]);
	else
		format_value(s, v);
}

/* The nodes of a mask, as a list: [0, 1]. */
static GArray *mask_list(unsigned long long mask)
{
	GArray *l = g_array_new(FALSE, TRUE, sizeof(long long));
	long long n;

	for (n = 0; n < 64; n++)
		if (mask & (1ULL << n))
			g_array_append_val(l, n);
	return l;
}

static struct sc_task *task_of(const struct sc_sym *sym)
{
	return sym->rt;
}

/* The running task of sym, or NULL after a run-time error (its fork failed). */
static struct sc_task *need_task(const struct sc_sym *sym, int line, int col)
{
	struct sc_task *t = task_of(sym);

	if (!t)
		rt_error(line, col,
			 "task '%s' does not exist (its fork "
			 "failed?)",
			 sym->name);
	return t;
}

static unsigned long range_first_addr(const struct sc_range *r, GRand *rand,
				      long *first, long *last)
{
	unsigned long addr;

	pthread_mutex_lock(&I.lock);
	addr = r->buf->addr;
	pthread_mutex_unlock(&I.lock);
	*first = r->first;
	*last = r->last;
	if (r->random) {
		*first = g_rand_int_range(rand, 0, r->buf->pages);
		*last = *first + 1;
	}
	return addr;
}

/* The pattern 'write RANGE pattern' puts in word w of page i. */
static unsigned long pattern_word(unsigned long i, unsigned long w)
{
	return (i * 0x9e3779b97f4a7c15UL) ^ (w * 0x5851f42d4c957f2dUL) ^
	       0x6d6d73696dUL;
}

static void fill_pattern(unsigned long *buf, unsigned long page)
{
	unsigned long w;

	for (w = 0; w < PAGE / sizeof(long); w++)
		buf[w] = pattern_word(page, w);
}

/* A file's handle (0 before its create ran: every call says -EBADF). */
static int file_fd(const struct sc_sym *file)
{
	int fd;

	pthread_mutex_lock(&I.lock);
	fd = file->fd;
	pthread_mutex_unlock(&I.lock);
	return fd;
}

/* node(), word(): one value per page. */
static void eval_pages(const struct sc_term *tm, struct value *v)
{
	struct sc_task *t = need_task(tm->sym, tm->line, tm->col);
	long first, last, i;
	unsigned long base;

	if (!t)
		return;
	base = range_first_addr(&tm->range, I.rand, &first, &last);

	v->is_list = 1;
	v->list = g_array_new(FALSE, TRUE, sizeof(long long));
	for (i = first; i < last; i++) {
		unsigned long addr = base + i * PAGE;
		long long x;

		if (tm->kind == SC_T_NODE) {
			x = sim_page_node(t->pid, addr);
		} else {
			unsigned long word = 0;
			long err = sim_task_peek(t->pid, addr, &word,
						 sizeof(word));

			if (err) {
				v->why = g_strdup_printf(
					"page %ld of %s: %s", i,
					tm->range.buf->name,
					err == -ENOENT ? "not present"
						       : "no such task");
				return;
			}
			x = word;
		}
		g_array_append_val(v->list, x);
	}
}

/*
 * uid(TASK) ... state(TASK), pid(TASK): from the kernel's task, by pid;
 * a task no longer found was reaped (its sc_task keeps the pid).
 */
static void eval_cred(const struct sc_term *tm, struct value *v)
{
	struct sc_task *t = need_task(tm->sym, tm->line, tm->col);
	struct sim_task_creds c;
	int gone;

	if (!t)
		return;
	gone = sim_task_creds(t->pid, &c) < 0;
	if (!strcmp(tm->name, "pid")) {
		v->v = t->pid;
	} else if (!strcmp(tm->name, "state")) {
		v->v = gone ? 2 : c.zombie;
	} else if (gone) {
		v->why = g_strdup_printf("%s has been reaped: no %s",
					 tm->sym->name, tm->name);
	} else if (g_str_has_prefix(tm->name, "cap")) {
		v->is_list = 1;
		v->list = mask_list(
			!strcmp(tm->name, "capeff")   ? c.cap_effective
			: !strcmp(tm->name, "capprm") ? c.cap_permitted
						      : c.cap_inheritable);
	} else {
		v->v = !strcmp(tm->name, "uid")	    ? c.uid
		       : !strcmp(tm->name, "euid")  ? c.euid
		       : !strcmp(tm->name, "suid")  ? c.suid
		       : !strcmp(tm->name, "fsuid") ? c.fsuid
						    : c.keep_caps;
	}
}

static void eval(const struct sc_term *tm, struct value *v)
{
	memset(v, 0, sizeof(*v));
	switch (tm->kind) {
	case SC_T_INT:
		v->v = tm->val;
		break;
	case SC_T_LIST:
		v->is_list = 1;
		v->list = g_array_copy(tm->list);
		break;
	case SC_T_RET:
		pthread_mutex_lock(&I.lock);
		v->v = I.ret;
		pthread_mutex_unlock(&I.lock);
		break;
	case SC_T_STATUS:
	case SC_T_INDEX:
		pthread_mutex_lock(&I.lock);
		if (!tm->sym->status) {
			v->why = g_strdup_printf("%s has no value yet",
						 tm->sym->name);
		} else if (tm->kind == SC_T_STATUS) {
			v->is_list = 1;
			v->list = g_array_new(FALSE, TRUE, sizeof(long long));
			for (guint i = 0; i < tm->sym->status->len; i++) {
				long long x =
					g_array_index(tm->sym->status, int, i);

				g_array_append_val(v->list, x);
			}
		} else if (tm->val < tm->sym->status->len) {
			v->v = g_array_index(tm->sym->status, int, tm->val);
		} else {
			v->why = g_strdup_printf("%s has %u entries",
						 tm->sym->name,
						 tm->sym->status->len);
		}
		pthread_mutex_unlock(&I.lock);
		break;
	case SC_T_NODE:
	case SC_T_WORD:
		eval_pages(tm, v);
		break;
	case SC_T_VMSTAT:
		v->v = sim_vmstat(tm->name);
		if (v->v < 0)
			rt_error(tm->line, tm->col,
				 "no /proc/vmstat counter "
				 "'%s'",
				 tm->name);
		break;
	case SC_T_COUNT:
		v->v = sim_event_count(tm->name);
		break;
	case SC_T_PAGECACHE:
		v->v = sim_file_nrpages(file_fd(tm->sym));
		break;
	case SC_T_FILENODE: {
		int fd = file_fd(tm->sym);
		long i;

		v->is_list = 1;
		v->list = g_array_new(FALSE, TRUE, sizeof(long long));
		for (i = tm->range.first; i < tm->range.last; i++) {
			long long x = sim_file_page_node(fd, i);

			g_array_append_val(v->list, x);
		}
		break;
	}
	case SC_T_IO: {
		struct sim_io_stats st;

		sim_io_stats(&st);
		if (!strcmp(tm->name, "writes"))
			v->v = st.writes;
		else if (!strcmp(tm->name, "reads"))
			v->v = st.reads;
		else if (!strcmp(tm->name, "errors"))
			v->v = st.errors;
		else
			v->v = st.in_flight;
		break;
	}
	case SC_T_SWAP:
		v->v = !strcmp(tm->name, "free") ? sim_swap_free()
						 : sim_swap_total();
		break;
	case SC_T_POLICY:
	case SC_T_POLICYNODES:
		pthread_mutex_lock(&I.lock);
		if (!tm->sym->pol_valid)
			v->why = g_strdup_printf("no get_mempolicy of %s has "
						 "succeeded yet",
						 tm->sym->name);
		else if (tm->kind == SC_T_POLICY)
			v->v = tm->sym->pol_mode;
		else {
			v->is_list = 1;
			v->list = mask_list(tm->sym->pol_nodes);
		}
		pthread_mutex_unlock(&I.lock);
		break;
	case SC_T_CRED:
		eval_cred(tm, v);
		break;
	case SC_T_FREE:
		if (tm->val >= sim_nr_nodes())
			rt_error(tm->line, tm->col,
				 "no node %lld (the "
				 "machine has %d)",
				 tm->val, sim_nr_nodes());
		else
			v->v = sim_node_free_pages(tm->val);
		break;
	default:
		break;
	}
}

static int cmp_ok(enum sc_cmp cmp, long long a, long long b)
{
	switch (cmp) {
	case SC_EQ:
		return a == b;
	case SC_NE:
		return a != b;
	case SC_LT:
		return a < b;
	case SC_LE:
		return a <= b;
	case SC_GT:
		return a > b;
	default:
		return a >= b;
	}
}

static const char *cmp_text(enum sc_cmp cmp)
{
	static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">="};

	return ops[cmp];
}

/*
 * Compare: two numbers; two lists element by element (== and != only);
 * a list and a number: every element against the number.  An empty list
 * against a number fails: "every element of nothing" would hold for any
 * number, and an expectation that cannot fail checks nothing.
 */
static int compare(enum sc_cmp cmp, const struct value *a,
		   const struct value *b)
{
	guint i;

	if (a->why || b->why)
		return 0;
	if (a->is_list && b->is_list) {
		/* (two empty lists may have no data at all: no memcmp) */
		int eq = a->list->len == b->list->len &&
			 (!a->list->len ||
			  !memcmp(a->list->data, b->list->data,
				  a->list->len * sizeof(long long)));

		return cmp == SC_NE ? !eq : eq;
	}
	if ((a->is_list && !a->list->len) || (b->is_list && !b->list->len))
		return 0;
	if (a->is_list) {
		for (i = 0; i < a->list->len; i++)
			if (!cmp_ok(cmp, g_array_index(a->list, long long, i),
				    b->v))
				return 0;
		return 1;
	}
	if (b->is_list) {
		for (i = 0; i < b->list->len; i++)
			if (!cmp_ok(cmp, a->v,
				    g_array_index(b->list, long long, i)))
				return 0;
		return 1;
	}
	return cmp_ok(cmp, a->v, b->v);
}

/*
 * bytes(TASK, RANGE) == BYTE or pattern: peek every page (no fault) and
 * describe the first difference in 'actual'.
 */
static int check_bytes(const struct sc_stmt *s, GString *actual)
{
	const struct sc_term *tm = s->lhs;
	struct sc_task *t = need_task(tm->sym, tm->line, tm->col);
	g_autofree unsigned char *buf = g_malloc(PAGE);
	g_autofree unsigned long *want = g_malloc(PAGE);
	long first, last, i;
	unsigned long base;
	int same = 1;

	if (!t)
		return 0;
	base = range_first_addr(&tm->range, I.rand, &first, &last);

	for (i = first; i < last && same; i++) {
		long err = sim_task_peek(t->pid, base + i * PAGE, buf, PAGE);
		unsigned long j;

		if (err) {
			g_string_printf(actual, "page %ld of %s: %s", i,
					tm->range.buf->name,
					err == -ENOENT ? "not present"
						       : "no such task");
			return 0;
		}
		if (s->rhs->kind == SC_T_PATTERN) {
			fill_pattern(want, i);
			if (memcmp(buf, want, PAGE)) {
				for (j = 0;
				     buf[j] == ((unsigned char *)want)[j]; j++)
					;
				g_string_printf(actual,
						"page %ld of %s "
						"differs from the pattern at "
						"byte %lu",
						i, tm->range.buf->name, j);
				same = 0;
			}
			continue;
		}
		for (j = 0; j < PAGE; j++)
			if (buf[j] != s->rhs->val)
				break;
		if (j < PAGE) {
			g_string_printf(actual,
					"page %ld of %s, byte %lu is "
					"0x%02x",
					i, tm->range.buf->name, j, buf[j]);
			same = 0;
		}
	}
	if (same)
		g_string_printf(actual, "every byte %s",
				s->rhs->kind == SC_T_PATTERN ? "as the pattern"
							     : "so");
	return s->cmp == SC_EQ ? same : !same;
}

static void join_all(void);

static void report_failure(const struct sc_stmt *s, const char *expected,
			   const char *actual)
{
	FILE *f = I.opts->err;

	fprintf(f, "%s:%d: expectation failed: %s\n", I.scn->file, s->line,
		s->src);
	fprintf(f, "  expected: %s\n", expected);
	fprintf(f, "  actual:   %s\n", actual);
	fprintf(f, "  seed %llu, replay: %s\n", I.opts->seed,
		I.opts->replay ? I.opts->replay : "(none)");
	fflush(f);
}

static int is_state(const struct sc_term *tm)
{
	return tm->kind == SC_T_CRED && !strcmp(tm->name, "state");
}

static void exec_expect(struct sc_stmt *s)
{
	g_autoptr(GString) expected = g_string_new(NULL);
	g_autoptr(GString) actual = g_string_new(NULL);
	struct value a, b;
	int ok;

	I.expectations++;
	/* a machine with kswapd: let background reclaim settle first */
	sim_kswapd_quiesce();
	if (s->clean) {
		int n;

		join_all();
		n = sim_check(emit_out, actual);
		ok = n == 0;
		g_string_assign(expected, "no invariant violated");
		if (!ok) {
			g_autofree char *head =
				g_strdup_printf("%d violation(s):\n", n);

			g_string_prepend(actual, head);
		}
	} else if (s->lhs->kind == SC_T_BYTES) {
		ok = check_bytes(s, actual);
		if (I.stop)
			return;
		g_string_append_printf(expected, "%severy byte ",
				       s->cmp == SC_NE ? "not " : "");
		if (s->rhs->kind == SC_T_PATTERN)
			g_string_append(expected, "as the pattern");
		else
			g_string_append_printf(expected, "0x%02llx",
					       s->rhs->val);
	} else {
		eval(s->lhs, &a);
		eval(s->rhs, &b);
		if (I.stop) {
			value_clear(&a);
			value_clear(&b);
			return;
		}
		ok = compare(s->cmp, &a, &b);
		if (s->cmp != SC_EQ)
			g_string_append_printf(expected, "%s ",
					       cmp_text(s->cmp));
		if (s->lhs->kind == SC_T_POLICY ||
		    s->rhs->kind == SC_T_POLICY) {
			format_named(expected, &b, policy_names,
				     G_N_ELEMENTS(policy_names));
			format_named(actual, &a, policy_names,
				     G_N_ELEMENTS(policy_names));
		} else if (is_state(s->lhs) || is_state(s->rhs)) {
			format_named(expected, &b, state_names,
				     G_N_ELEMENTS(state_names));
			format_named(actual, &a, state_names,
				     G_N_ELEMENTS(state_names));
		} else {
			format_value(expected, &b);
			format_value(actual, &a);
		}
		value_clear(&a);
		value_clear(&b);
	}
	if (ok) {
		out("%4d | %-50s ok\n", s->line, s->src);
		return;
	}
	out("%4d | %-50s FAILED\n", s->line, s->src);
	I.failures++;
	if (I.status < MMSIM_EXIT_EXPECT)
		I.status = MMSIM_EXIT_EXPECT;
	report_failure(s, expected->str, actual->str);
}

/* ---- views ------------------------------------------------------------- */

static void exec_show(struct sc_stmt *s)
{
	g_autoptr(GString) text = g_string_new(NULL);
	int err = 0;

	if (s->show != SC_SHOW_PROC && s->show != SC_SHOW_RADIX &&
	    !need_task(s->task, s->line, s->col))
		return;
	switch (s->show) {
	case SC_SHOW_PROC:
		err = sim_proc_show(s->view, emit_out, text);
		break;
	case SC_SHOW_TASK:
		err = sim_task_show(task_of(s->task)->pid, s->view, emit_out,
				    text);
		break;
	case SC_SHOW_RADIX:
		err = sim_file_radix_dot(file_fd(s->var), emit_out, text);
		break;
	default: {
		long first, last, i;
		unsigned long base =
			range_first_addr(&s->range, I.rand, &first, &last);

		for (i = first; i < last && !err; i++) {
			unsigned long addr = base + i * PAGE;

			int pid = task_of(s->task)->pid;

			/* a DOT file must hold only the graphs: the header is a comment */
			g_string_append_printf(
				text,
				s->show == SC_SHOW_RMAP
					? "// %s[%ld] at 0x%lx:\n"
					: "%s[%ld] at 0x%lx:\n",
				s->range.buf->name, i, addr);
			err = s->show == SC_SHOW_PTE
				      ? sim_pte_show(pid, addr, emit_out, text)
			      : s->show == SC_SHOW_PAGE
				      ? sim_page_show(pid, addr, emit_out, text)
				      : sim_rmap_dot(pid, addr, emit_out, text);
		}
		break;
	}
	}
	out("%4d | %s\n", s->line, s->src);
	if (err) {
		g_string_append_printf(
			text, "(nothing to show: %s%s)\n",
			err < 0 && sc_errno_name(-err) ? "-" : "",
			err < 0 && sc_errno_name(-err) ? sc_errno_name(-err)
						       : "error");
	}
	if (!I.opts->quiet) {
		fputs(text->str, I.opts->out);
		if (text->len && text->str[text->len - 1] != '\n')
			fputc('\n', I.opts->out);
		fflush(I.opts->out);
	}
}

/* ---- tasks and their threads --------------------------------------------- */

static void wait_word(int *key, struct sc_task *t,
		      int (*cond)(struct sc_task *, long), long arg,
		      const char *what)
{
	for (;;) {
		unsigned long ticket = sim_wait_prepare(key);
		int ok;

		pthread_mutex_lock(&t->lock);
		ok = cond(t, arg);
		pthread_mutex_unlock(&t->lock);
		if (ok)
			return;
		sim_wait_sleep(key, ticket, what, "scenario");
	}
}

static int is_done(struct sc_task *t, long seq)
{
	return t->done >= seq;
}

static int is_idle(struct sc_task *t, long unused)
{
	(void)unused;
	return t->done == t->handed;
}

/* Hand t a piece of work; returns its number, to wait for. */
static long hand(struct sc_task *t, GPtrArray *body, struct sc_stmt *one,
		 long repeat)
{
	struct sc_work *w = g_new0(struct sc_work, 1);
	long seq;

	w->body = body;
	w->one = one;
	w->repeat = repeat;
	pthread_mutex_lock(&t->lock);
	g_queue_push_tail(&t->work, w);
	seq = ++t->handed;
	pthread_mutex_unlock(&t->lock);
	sim_wake_up(&t->handed);
	return seq;
}

static void wait_idle(struct sc_task *t)
{
	wait_word(&t->done, t, is_idle, 0, "scenario_join");
}

static int task_idle(struct sc_task *t)
{
	int idle;

	pthread_mutex_lock(&t->lock);
	idle = is_idle(t, 0);
	pthread_mutex_unlock(&t->lock);
	return idle;
}

/*
 * Every task idle at once: a task found idle may be handed work later
 * by another's probe (spawn in a probe body), so go round again until
 * one whole round waited for nobody.
 */
static void join_all(void)
{
	int waited;
	guint i;

	do {
		waited = 0;
		for (i = 0; i < I.tasks->len; i++) {
			struct sc_task *t = g_ptr_array_index(I.tasks, i);

			if (!task_idle(t)) {
				wait_idle(t);
				waited = 1;
			}
		}
	} while (waited);
}

static void set_ret(struct sc_task *t, long ret)
{
	pthread_mutex_lock(&I.lock);
	t->ret = ret;
	pthread_mutex_unlock(&I.lock);
}

/*
 * write/read of a file's pages: buffered, through the page cache, as
 * write(2)/read(2) would (the calling task is the writer).
 */
static long do_file_pages(struct sc_task *t, struct sc_stmt *s)
{
	g_autofree unsigned long *buf = g_malloc(PAGE);
	int fd = file_fd(s->range.buf);
	long first, last, i;
	long err = 0, n;

	range_first_addr(&s->range, t->rand, &first, &last);
	for (i = first; i < last && !err; i++) {
		unsigned long long off = (unsigned long long)i * PAGE;

		if (s->kind == SC_A_READ) {
			n = sim_file_read(fd, off, buf, PAGE);
			err = n < 0 ? n : 0;
			continue;
		}
		if (s->fill == SC_FILL_BYTE) {
			memset(buf, s->byte, PAGE);
		} else if (s->fill == SC_FILL_PATTERN) {
			fill_pattern(buf, i);
		} else {
			n = sim_file_read(fd, off, buf, sizeof(long));
			if (n < 0) {
				err = n;
				break;
			}
			if (n < (long)sizeof(long))
				buf[0] = 0;
			buf[0]++;
			n = sim_file_write(fd, off, buf, sizeof(long));
			err = n < 0 ? n : n == sizeof(long) ? 0 : -EIO;
			continue;
		}
		n = sim_file_write(fd, off, buf, PAGE);
		err = n < 0 ? n : n == (long)PAGE ? 0 : -EIO;
	}
	return err;
}

static long do_pages(struct sc_task *t, struct sc_stmt *s)
{
	g_autofree unsigned long *buf = g_malloc(PAGE);
	long first, last, i, err = 0;
	unsigned long base;

	if (s->range.buf->kind == SC_SYM_FILE)
		return do_file_pages(t, s);
	base = range_first_addr(&s->range, t->rand, &first, &last);

	for (i = first; i < last && !err; i++) {
		unsigned long addr = base + i * PAGE;
		unsigned long word;

		switch (s->kind) {
		case SC_A_WRITE:
			if (s->fill == SC_FILL_BYTE) {
				memset(buf, s->byte, PAGE);
				err = sim_user_write(addr, buf, PAGE);
			} else if (s->fill == SC_FILL_PATTERN) {
				fill_pattern(buf, i);
				err = sim_user_write(addr, buf, PAGE);
			} else {
				err = sim_user_read(addr, &word, sizeof(word));
				word++;
				if (!err)
					err = sim_user_write(addr, &word,
							     sizeof(word));
			}
			break;
		case SC_A_READ:
			err = sim_user_read(addr, buf, PAGE);
			break;
		default:
			err = sim_user_touch(addr, s->write);
			break;
		}
	}
	return err;
}

/*
 * move_pages(2)'s three arrays, built as the statement gives them:
 * addresses, nodes (NULL: nodes == NULL) and the status array's words
 * before the call, and nr_pages.
 */
struct move_args {
	GArray *pages; /* unsigned long */
	GArray *nodes; /* int, or NULL */
	GArray *status; /* int */
	unsigned long count;
};

/* The address an element of a pages list or a policy call's start names. */
static unsigned long uaddr_resolve(const struct sc_uaddr *u)
{
	unsigned long addr = u->offset;

	if (u->buf) {
		pthread_mutex_lock(&I.lock);
		addr += u->buf->addr + u->page * PAGE;
		pthread_mutex_unlock(&I.lock);
	}
	return addr;
}

static void move_args_build(struct sc_task *t, struct sc_stmt *s,
			    struct move_args *m)
{
	guint i;

	m->pages = g_array_new(FALSE, TRUE, sizeof(unsigned long));
	m->nodes = s->stat ? NULL : g_array_new(FALSE, TRUE, sizeof(int));
	m->status = g_array_new(FALSE, TRUE, sizeof(int));
	if (!s->mp) { /* the short form: one range, one node for all */
		long first, last, j;
		unsigned long base =
			range_first_addr(&s->range, t->rand, &first, &last);
		int node = s->node, unset = SC_STATUS_UNSET;

		for (j = first; j < last; j++) {
			unsigned long addr = base + j * PAGE;

			g_array_append_val(m->pages, addr);
			if (m->nodes)
				g_array_append_val(m->nodes, node);
			g_array_append_val(m->status, unset);
		}
		m->count = m->pages->len;
		return;
	}
	for (i = 0; i < s->mp->pages->len; i++) {
		unsigned long addr = uaddr_resolve(
			&g_array_index(s->mp->pages, struct sc_uaddr, i));

		g_array_append_val(m->pages, addr);
	}
	if (m->nodes)
		g_array_append_vals(m->nodes, s->mp->nodes->data,
				    s->mp->nodes->len);
	g_array_append_vals(m->status, s->mp->status->data, s->mp->status->len);
	m->count = s->mp->has_count ? s->mp->count : m->pages->len;
}

static void move_args_clear(struct move_args *m)
{
	g_array_unref(m->pages);
	if (m->nodes)
		g_array_unref(m->nodes);
	g_array_unref(m->status);
}

/* n bytes rounded up to a multiple of 8 (each array starts aligned). */
static unsigned long align8(unsigned long n)
{
	return (n + 7) & ~7UL;
}

/*
 * Where the interpreter puts a system call's argument arrays: near the
 * top of the user address space, where a program's stack (and the arrays
 * it keeps there) lives, given to mmap as a hint.  Not mmap(NULL, ...):
 * 2.6.20's bottom-up first fit would put them in the first hole, often
 * one a scenario's own munmap has just made, and a call naming an
 * address in that hole would then find the argument page there.
 */
#define SC_CALL_ARGS_HINT 0x7fffe0000000UL

static long map_call_arguments(unsigned long len)
{
	return sim_syscall(SIM_NR_mmap, SC_CALL_ARGS_HINT, len, SC_PROT_RW,
			   SC_MAP_PRIVATE_ANON, -1, 0);
}

/*
 * move_pages(2) as a program calls it.  The arrays go into one fresh
 * mapping of the caller's own user memory, one after another: pages,
 * nodes, status (each 8-byte aligned), then zeros up to the end of the
 * mapping's last page, then an unmapped page.  A count larger than an
 * array makes the kernel read on into the next array, then the zeros,
 * then fault (-EFAULT) at the hole: defined, and what docs/scenario-
 * language.md promises.  The status array is read back after the call
 * (as many words as it was given) and unmapped with the rest.
 */
static long do_move_pages(struct sc_task *t, struct sc_stmt *s)
{
	struct move_args m;
	unsigned long pages_a, nodes_a, status_a, bytes;
	long ret;
	GArray *st;

	move_args_build(t, s, &m);
	bytes = align8(m.pages->len * 8) +
		align8((m.nodes ? m.nodes->len : 0) * 4) +
		align8(m.status->len * 4);
	bytes = (bytes + PAGE - 1) & ~(PAGE - 1);
	if (!bytes)
		bytes = PAGE;
	ret = map_call_arguments(bytes + PAGE);
	if (ret < 0 && ret > -4096)
		goto out;
	pages_a = ret;
	sim_syscall(SIM_NR_munmap, pages_a + bytes, PAGE, 0, 0, 0, 0);
	nodes_a = pages_a + align8(m.pages->len * 8);
	status_a = nodes_a + align8((m.nodes ? m.nodes->len : 0) * 4);
	ret = sim_user_write(pages_a, m.pages->data, m.pages->len * 8);
	if (!ret && m.nodes)
		ret = sim_user_write(nodes_a, m.nodes->data, m.nodes->len * 4);
	if (!ret)
		ret = sim_user_write(status_a, m.status->data,
				     m.status->len * 4);
	if (!ret)
		ret = sim_syscall(SIM_NR_move_pages,
				  task_of(s->target) ? task_of(s->target)->pid
						     : -1,
				  m.count, pages_a, m.nodes ? nodes_a : 0,
				  status_a, s->flags);
	sim_user_read(status_a, m.status->data, m.status->len * 4);
	sim_syscall(SIM_NR_munmap, pages_a, bytes, 0, 0, 0, 0);
out:
	st = g_array_copy(m.status);
	move_args_clear(&m);
	pthread_mutex_lock(&I.lock);
	if (s->var->status)
		g_array_unref(s->var->status);
	s->var->status = st;
	pthread_mutex_unlock(&I.lock);
	return ret;
}

/*
 * Write a mask argument at page 'at' of the caller's user memory (the
 * words as given, zeros after them to the end of the page): its user
 * address, 0 for mask=NULL.  Without a mask: one zero word (an empty
 * mask, not a NULL pointer).
 */
static long put_mask(const struct sc_umask *m, unsigned long at,
		     unsigned long *uaddr)
{
	*uaddr = 0;
	if (m->null)
		return 0;
	*uaddr = at;
	if (!m->given || !m->words->len)
		return 0; /* the page reads as zero */
	return sim_user_write(at, m->words->data, m->words->len * 8);
}

/*
 * The memory-policy calls, as a program makes them: node masks and
 * results in two fresh pages of the caller's own user memory, mapped
 * for the call and unmapped after it (what libnuma's callers keep on
 * the stack).  Page 0: the node mask (migrate_pages' new nodes,
 * get_mempolicy's mask out); page 1: migrate_pages' old nodes,
 * get_mempolicy's policy out.  Each mask is as given, zeros after it to
 * the end of its page: get_nodes reads at most a page (maxnode beyond
 * PAGE_SIZE * 8 is -EINVAL first), so a big maxnode reads defined zeros.
 */
static long do_mempolicy(struct sc_task *t, struct sc_stmt *s)
{
	unsigned long u, mask_a, from_a, start = 0, len = 0, nodes = 0;
	long first = 0, last = 0, ret;
	int mode;

	if (s->has_addr) {
		start = uaddr_resolve(&s->addr);
		len = s->len;
	} else if (s->range.buf) {
		start = range_first_addr(&s->range, t->rand, &first, &last);
		start += first * PAGE;
		len = (last - first) * PAGE;
	}
	ret = map_call_arguments(2 * PAGE);
	if (ret < 0 && ret > -4096)
		return ret;
	u = ret;
	ret = put_mask(&s->mask, u, &mask_a);
	if (!ret)
		ret = put_mask(&s->from_mask, u + PAGE, &from_a);
	if (ret)
		goto out;
	switch (s->kind) {
	case SC_A_MBIND:
		ret = sim_syscall(SIM_NR_mbind, start, len, s->policy, mask_a,
				  s->maxnode, s->flags);
		break;
	case SC_A_SET_MEMPOLICY:
		ret = sim_syscall(SIM_NR_set_mempolicy, s->policy, mask_a,
				  s->maxnode, 0, 0, 0);
		break;
	case SC_A_MIGRATE_PAGES:
		ret = sim_syscall(SIM_NR_migrate_pages,
				  task_of(s->target) ? task_of(s->target)->pid
						     : -1,
				  s->maxnode, from_a, mask_a, 0, 0);
		break;
	default: /* get_mempolicy: policy at u + PAGE, mask at u */
		ret = sim_syscall(
			SIM_NR_get_mempolicy, u + PAGE, mask_a, s->maxnode,
			start, s->has_addr || s->range.buf ? SC_MPOL_F_ADDR : 0,
			0);
		if (ret)
			break;
		ret = sim_user_read(u + PAGE, &mode, sizeof(mode));
		if (!ret && mask_a)
			ret = sim_user_read(mask_a, &nodes, 8);
		if (ret)
			break;
		pthread_mutex_lock(&I.lock);
		s->task->pol_valid = 1;
		s->task->pol_mode = mode;
		s->task->pol_nodes = nodes;
		pthread_mutex_unlock(&I.lock);
		break;
	}
out:
	sim_syscall(SIM_NR_munmap, u, 2 * PAGE, 0, 0, 0, 0);
	return ret;
}

/* fsync and truncate, by whichever thread (task or main) runs them. */
static long do_file_op(struct sc_stmt *s)
{
	int fd = file_fd(s->var);

	if (s->kind == SC_S_FSYNC)
		return sim_file_fsync(fd);
	return sim_file_truncate(fd, (unsigned long long)s->arg * PAGE);
}

/*
 * The setuid family, prctl(PR_SET_KEEPCAPS) and wait4(pid, NULL,
 * options, NULL), as glibc made them (seteuid: setresuid(-1, e, -1)).
 */
static long do_creds(struct sc_stmt *s)
{
	struct sc_task *child;

	switch (s->kind) {
	case SC_A_SETID:
		return sim_syscall(s->arg, s->ids[0], s->ids[1], s->ids[2], 0,
				   0, 0);
	case SC_A_PRCTL:
		return sim_syscall(SIM_NR_prctl, SIM_PR_SET_KEEPCAPS, s->arg, 0,
				   0, 0, 0);
	default:
		child = s->target ? need_task(s->target, s->line, s->col)
				  : NULL;
		if (s->target && !child)
			return -ESRCH;
		return sim_syscall(SIM_NR_wait4, child ? child->pid : -1, 0,
				   s->flags, 0, 0, 0);
	}
}

static void start_task(struct sc_sym *sym, int pid);

static void exec_action(struct sc_task *t, struct sc_stmt *s);
static void exec_user_action(struct sc_task *t, struct sc_stmt *s);

static void exec_actions(struct sc_task *t, GPtrArray *body, long repeat)
{
	long r;
	guint i;

	for (r = 0; r < repeat && !t->exited; r++)
		for (i = 0; i < body->len && !t->exited; i++)
			exec_user_action(t, g_ptr_array_index(body, i));
}

/* One action; a task killed meanwhile (OOM) exits on its way back. */
static void exec_user_action(struct sc_task *t, struct sc_stmt *s)
{
	exec_action(t, s);
	if (sim_task_return_to_user())
		t->exited = 1;
}

static void exec_action(struct sc_task *t, struct sc_stmt *s)
{
	long ret = 0;

	if (s->kind != SC_S_LOOP) /* a loop is its actions' entries */
		sc_kernel_enter();
	switch (s->kind) {
	case SC_A_MMAP:
		if (s->target) /* a file */
			ret = sim_syscall(
				SIM_NR_mmap, 0, s->count * PAGE, s->flags,
				s->shared ? SC_MAP_SHARED : SC_MAP_PRIVATE,
				file_fd(s->target), 0);
		else
			ret = sim_syscall(
				SIM_NR_mmap, 0, s->count * PAGE, s->flags,
				SC_MAP_ANONYMOUS | (s->shared ? SC_MAP_SHARED
							      : SC_MAP_PRIVATE),
				-1, 0);
		pthread_mutex_lock(&I.lock);
		s->var->addr = ret < 0 && ret > -4096 ? 0 : ret;
		pthread_mutex_unlock(&I.lock);
		if (ret > 0)
			ret = 0;
		break;
	case SC_A_MUNMAP: {
		long first, last;
		unsigned long base =
			range_first_addr(&s->range, t->rand, &first, &last);

		ret = sim_syscall(SIM_NR_munmap, base + first * PAGE,
				  (last - first) * PAGE, 0, 0, 0, 0);
		break;
	}
	case SC_A_FORK:
		ret = sim_syscall(SIM_NR_fork, 0, 0, 0, 0, 0, 0);
		if (ret > 0) {
			start_task(s->var, ret);
			ret = 0;
		}
		break;
	case SC_A_EXIT:
		ret = sim_syscall(SIM_NR_exit, 0, 0, 0, 0, 0, 0);
		t->exited = 1;
		break;
	case SC_A_WRITE:
	case SC_A_READ:
	case SC_A_TOUCH:
		ret = do_pages(t, s);
		break;
	case SC_A_MOVE_PAGES:
		ret = do_move_pages(t, s);
		break;
	case SC_S_FSYNC:
	case SC_S_TRUNCATE:
		ret = do_file_op(s);
		break;
	case SC_A_SWAPOUT: {
		long first, last;
		unsigned long base =
			range_first_addr(&s->range, t->rand, &first, &last);
		struct sc_task *owner = s->target ? task_of(s->target) : t;

		ret = owner ? sim_swap_out(owner->pid, base + first * PAGE,
					   (last - first) * PAGE)
			    : -ESRCH;
		break;
	}
	case SC_A_SELFTEST:
		/* the engine reports what goes wrong and ends the run (3) */
		ret = sim_selftest(s->selftest);
		break;
	case SC_A_MBIND:
	case SC_A_SET_MEMPOLICY:
	case SC_A_GET_MEMPOLICY:
	case SC_A_MIGRATE_PAGES:
		ret = do_mempolicy(t, s);
		break;
	case SC_A_SETID:
	case SC_A_PRCTL:
	case SC_A_WAIT:
		ret = do_creds(s);
		break;
	case SC_S_LOOP:
		exec_actions(t, s->body, s->count);
		return;
	default:
		break;
	}
	sc_kernel_exit(t->name, s->line, I.opts->replay);
	set_ret(t, ret);
}

static void task_main(void *arg)
{
	struct sc_task *t = arg;

	self = t;
	if (sim_task_enter(t->pid)) {
		fprintf(I.opts->err, "mmsim: task %s (pid %d) vanished\n",
			t->name, t->pid);
		exit(MMSIM_EXIT_SIMULATOR);
	}
	/* A fork's child has its parent's comm; the scenario named it. */
	if (strcmp(sim_thread_name(), t->name))
		sim_thread_identify(t->name, t->pid, sim_thread_cpu());
	/* SIGKILL wakes the task idle between actions: it exits then */
	sim_task_set_signal_wake(&t->handed);
	for (;;) {
		unsigned long ticket = sim_wait_prepare(&t->handed);
		struct sc_work *w;
		int quit;

		pthread_mutex_lock(&t->lock);
		w = g_queue_pop_head(&t->work);
		quit = t->quit;
		pthread_mutex_unlock(&t->lock);
		if (!w) {
			if (quit)
				break;
			if (!t->exited && sim_task_return_to_user()) {
				t->exited = 1;
				continue;
			}
			sim_wait_sleep(&t->handed, ticket, "scenario_idle",
				       "scenario");
			continue;
		}
		if (t->exited)
			; /* dead: what it is handed is not done */
		else if (w->one)
			exec_user_action(t, w->one);
		else
			exec_actions(t, w->body, w->repeat);
		g_free(w);
		pthread_mutex_lock(&t->lock);
		t->done++;
		pthread_mutex_unlock(&t->lock);
		sim_wake_up(&t->done);
	}
}

static void start_task(struct sc_sym *sym, int pid)
{
	struct sc_task *t = g_new0(struct sc_task, 1);
	guint32 seed[3] = {I.seed, I.seed >> 32, sym->index};

	t->sym = sym;
	t->pid = pid;
	t->name = sym->cfg.name ? sym->cfg.name : sym->name;
	t->rand = g_rand_new_with_seed_array(seed, 3);
	pthread_mutex_init(&t->lock, NULL);
	g_queue_init(&t->work);
	pthread_mutex_lock(&I.lock);
	sym->rt = t;
	g_ptr_array_add(I.tasks, t);
	pthread_mutex_unlock(&I.lock);
	t->thread = sim_thread_spawn(t->name, pid, sym->cfg.cpu, task_main, t);
}

static void stop_tasks(void)
{
	guint i;

	join_all();
	for (i = 0; i < I.tasks->len; i++) {
		struct sc_task *t = g_ptr_array_index(I.tasks, i);

		pthread_mutex_lock(&t->lock);
		t->quit = 1;
		pthread_mutex_unlock(&t->lock);
		sim_wake_up(&t->handed);
	}
	for (i = 0; i < I.tasks->len; i++) {
		struct sc_task *t = g_ptr_array_index(I.tasks, i);

		sim_thread_join(t->thread);
	}
	for (i = 0; i < I.tasks->len; i++) {
		struct sc_task *t = g_ptr_array_index(I.tasks, i);

		g_rand_free(t->rand);
		pthread_mutex_destroy(&t->lock);
		g_free(t);
	}
	g_ptr_array_set_size(I.tasks, 0);
}

/* ---- probes ------------------------------------------------------------- */

static void probe_handler(void *ctx, const char *name, enum sim_probe_kind kind)
{
	struct scenario *scn = ctx;
	struct sc_task *t = self;
	guint i;

	if (!t)
		return;
	for (i = 0; i < scn->rules->len; i++) {
		struct sc_stmt *r = g_ptr_array_index(scn->rules, i);

		if (!__atomic_load_n(&r->armed, __ATOMIC_ACQUIRE) ||
		    r->task != t->sym || r->probe_kind != (int)kind ||
		    strcmp(r->probe, name))
			continue;
		if (r->once &&
		    __atomic_exchange_n(&r->fired, 1, __ATOMIC_ACQ_REL))
			continue;
		sim_trace("scenario_probe", "line=%d task=%s %s %s", r->line,
			  t->name,
			  kind == SIM_PROBE_ENTER  ? "enter"
			  : kind == SIM_PROBE_EXIT ? "exit"
						   : "at",
			  name);
		exec_probe_body(r);
	}
}

static void exec_run(struct sc_stmt *s)
{
	struct sc_task *t = need_task(s->target, s->line, s->col);

	if (!t)
		return;
	sim_trace("scenario_run", "line=%d %s until %s", s->line, t->name,
		  s->until == SIM_UNTIL_EXIT ? "exit" : "blocked");
	if (s->until == SIM_UNTIL_EXIT)
		wait_idle(t);
	else
		sim_engine_run_until(t->pid, SIM_UNTIL_BLOCKED);
	sim_trace("scenario_run_done", "line=%d %s", s->line, t->name);
}

static void exec_probe_body(struct sc_stmt *rule)
{
	guint i;

	for (i = 0; i < rule->body->len; i++) {
		struct sc_stmt *s = g_ptr_array_index(rule->body, i);

		switch (s->kind) {
		case SC_S_RUN:
			exec_run(s);
			break;
		case SC_S_SPAWN:
			if (need_task(s->task, s->line, s->col))
				hand(task_of(s->task), s->body, NULL, s->count);
			break;
		default:
			exec_top(s);
			break;
		}
	}
}

/* ---- top level ------------------------------------------------------------ */

static void narrate_do(struct sc_stmt *s, struct sc_task *t)
{
	g_autoptr(GString) res = g_string_new(NULL);
	struct sc_stmt *a = s->action;

	if (I.opts->quiet)
		return;
	pthread_mutex_lock(&I.lock);
	switch (a->kind) {
	case SC_A_MMAP:
		if (a->var->addr)
			g_string_printf(res, "%s = 0x%lx", a->var->name,
					a->var->addr);
		break;
	case SC_A_FORK:
		if (a->var->rt)
			g_string_printf(res, "%s: pid %d", a->var->name,
					a->var->rt->pid);
		break;
	case SC_A_GET_MEMPOLICY:
		if (!t->ret && s->task->pol_valid) {
			GArray *l = mask_list(s->task->pol_nodes);

			g_string_printf(
				res, "policy = %s, nodes = ",
				s->task->pol_mode >= 0 &&
						s->task->pol_mode <
							(int)G_N_ELEMENTS(
								policy_names)
					? policy_names[s->task->pol_mode]
					: "?");
			format_list(res, (long long *)l->data, l->len);
			g_array_unref(l);
		}
		break;
	case SC_A_MIGRATE_PAGES:
		if (t->ret > 0)
			g_string_printf(res, "ret = %ld (pages not moved)",
					t->ret);
		break;
	case SC_A_MOVE_PAGES:
		if (a->var->status) {
			long long *v = g_new(long long, a->var->status->len);
			guint i;

			for (i = 0; i < a->var->status->len; i++)
				v[i] = g_array_index(a->var->status, int, i);
			g_string_printf(res, "%s = ", a->var->name);
			format_list(res, v, a->var->status->len);
			g_free(v);
		}
		break;
	default:
		break;
	}
	if ((t->ret || !res->len) &&
	    !(a->kind == SC_A_MIGRATE_PAGES && t->ret > 0)) {
		if (res->len)
			g_string_append(res, ", ");
		g_string_append(res, "ret = ");
		format_int(res, t->ret);
	}
	pthread_mutex_unlock(&I.lock);
	out("%4d | %-50s %s\n", s->line, s->src, res->str);
}

static void set_main_ret(long ret)
{
	pthread_mutex_lock(&I.lock);
	I.ret = ret;
	pthread_mutex_unlock(&I.lock);
}

static void narrate_ret(struct sc_stmt *s, const char *what, long ret)
{
	g_autoptr(GString) res = g_string_new(NULL);

	if (what)
		g_string_append_printf(res, "%s = ", what);
	else
		g_string_append(res, "ret = ");
	format_int(res, ret);
	out("%4d | %-50s %s\n", s->line, s->src, res->str);
}

/*
 * Files, I/O, writeback, the clock: run by the thread that reaches the
 * statement (the main thread, or the task a probe stopped).
 */
static void exec_control(struct sc_stmt *s)
{
	long ret = 0;
	const char *what = NULL;

	switch (s->kind) {
	case SC_S_FILE:
		ret = sim_file_create(s->var->fname, s->var->flavour,
				      (unsigned long long)s->arg * PAGE);
		if (ret < 0) {
			rt_error(s->line, s->col,
				 "cannot create file \"%s\" "
				 "(%s): %s%s",
				 s->var->fname, s->var->flavour,
				 sc_errno_name(-ret) ? "-" : "",
				 sc_errno_name(-ret) ? sc_errno_name(-ret)
						     : "error");
			return;
		}
		pthread_mutex_lock(&I.lock);
		s->var->fd = ret;
		pthread_mutex_unlock(&I.lock);
		out("%4d | %-50s %s: fd %ld\n", s->line, s->src, s->var->name,
		    ret);
		return;
	case SC_S_FSYNC:
	case SC_S_TRUNCATE:
		ret = do_file_op(s);
		break;
	case SC_S_IO:
		switch (s->op) {
		case SC_IO_HOLD:
			sim_io_hold(1);
			break;
		case SC_IO_RELEASE:
			ret = sim_io_release();
			what = "completed";
			break;
		case SC_IO_FAIL:
			sim_io_fail_next(s->arg);
			break;
		case SC_IO_LATENCY:
			sim_io_latency(s->arg);
			break;
		default:
			ret = sim_io_complete_all();
			what = "completed";
			break;
		}
		break;
	case SC_S_WRITEBACK:
		if (s->op == SC_WB_RUN) {
			ret = sim_writeback_run(s->arg);
			what = "written";
		} else {
			sim_writeback_periodic(s->arg);
		}
		break;
	case SC_S_SWAPON:
		ret = sim_swap_on(s->arg);
		break;
	case SC_S_RECLAIM:
		ret = sim_reclaim(s->node, s->arg);
		what = "freed";
		break;
	case SC_S_CPUSET:
		/* writing the cpuset's mems, as swapper (pid 0) */
		if (!need_task(s->task, s->line, s->col))
			return;
		ret = sim_cpuset_set_mems(task_of(s->task)->pid, s->nodes,
					  s->flags);
		break;
	case SC_S_TICK: {
		/* the clock moves; due I/O completes; kupdate if it is time */
		long done;

		sim_ticks_advance(s->arg);
		done = sim_io_run();
		ret = sim_writeback_tick();
		if (!I.opts->quiet)
			out("%4d | %-50s completed = %ld, written = %ld\n",
			    s->line, s->src, done, ret);
		set_main_ret(ret);
		return;
	}
	default:
		return;
	}
	set_main_ret(ret);
	narrate_ret(s, what, ret);
}

static void exec_block(GPtrArray *body, long repeat)
{
	long r;
	guint i;

	for (r = 0; r < repeat && !I.stop; r++)
		for (i = 0; i < body->len && !I.stop; i++)
			exec_top(g_ptr_array_index(body, i));
}

static void exec_top(struct sc_stmt *s)
{
	struct sc_task *t;
	int pid;

	if (I.stop)
		return;
	switch (s->kind) {
	case SC_S_MACHINE:
		out("%4d | %s\n", s->line, s->src);
		break;
	case SC_S_TASK:
		pid = sim_task_create(&s->task->cfg, s->task->kthread);
		if (pid < 0) {
			rt_error(s->line, s->col,
				 "cannot create task '%s': "
				 "%d",
				 s->task->name, pid);
			break;
		}
		start_task(s->task, pid);
		out("%4d | %-50s pid %d\n", s->line, s->src, pid);
		break;
	case SC_S_DO: {
		long seq;

		t = need_task(s->task, s->line, s->col);
		if (!t)
			break;
		seq = hand(t, NULL, s->action, 1);
		wait_word(&t->done, t, is_done, seq, "scenario_wait");
		pthread_mutex_lock(&I.lock);
		I.ret = t->ret;
		pthread_mutex_unlock(&I.lock);
		narrate_do(s, t);
		break;
	}
	case SC_S_SPAWN:
		if (!need_task(s->task, s->line, s->col))
			break;
		hand(task_of(s->task), s->body, NULL, s->count);
		out("%4d | %s\n", s->line, s->src);
		break;
	case SC_S_JOIN:
		if (s->task && need_task(s->task, s->line, s->col))
			wait_idle(task_of(s->task));
		else if (!s->task)
			join_all();
		out("%4d | %s\n", s->line, s->src);
		break;
	case SC_S_ON:
		__atomic_store_n(&s->fired, 0, __ATOMIC_RELEASE);
		__atomic_store_n(&s->armed, 1, __ATOMIC_RELEASE);
		out("%4d | %s\n", s->line, s->src);
		break;
	case SC_S_EXPECT:
		exec_expect(s);
		break;
	case SC_S_SHOW:
		exec_show(s);
		break;
	case SC_S_SAY:
		out("\n%s\n", s->text);
		break;
	case SC_S_LOOP:
		exec_block(s->body, s->count);
		break;
	case SC_S_RUN:
		exec_run(s);
		out("%4d | %s\n", s->line, s->src);
		break;
	case SC_S_FILE:
	case SC_S_FSYNC:
	case SC_S_TRUNCATE:
	case SC_S_IO:
	case SC_S_WRITEBACK:
	case SC_S_TICK:
	case SC_S_SWAPON:
	case SC_S_RECLAIM:
	case SC_S_CPUSET:
		sc_kernel_enter();
		exec_control(s);
		sc_kernel_exit("swapper", s->line, I.opts->replay);
		break;
	default:
		break;
	}
}

/* Statements after which two tasks may run at once. */
static int stmt_concurrent(const struct sc_stmt *s)
{
	guint i;

	switch (s->kind) {
	case SC_S_SPAWN:
	case SC_S_ON:
	case SC_S_RUN:
		return 1;
	case SC_S_LOOP:
		for (i = 0; i < s->body->len; i++)
			if (stmt_concurrent(g_ptr_array_index(s->body, i)))
				return 1;
		return 0;
	default:
		return 0;
	}
}

/*
 * The setup is behind: from here on the run's own seed decides the
 * schedule and the random choices (buf[random]).
 */
static void reach_fork_point(void)
{
	unsigned long long seed = I.opts->seed;
	guint i;

	if (I.forked)
		return;
	I.forked = 1;
	if (I.opts->fork_point)
		seed = I.opts->fork_point(I.opts->fork_arg);
	I.seed = seed;
	g_rand_set_seed(I.rand, seed ^ 0x5eed);
	for (i = 0; i < I.tasks->len; i++) {
		struct sc_task *t = g_ptr_array_index(I.tasks, i);
		guint32 a[3] = {seed, seed >> 32, t->sym->index};

		g_rand_set_seed_array(t->rand, a, 3);
	}
	if (I.opts->seeded)
		sim_engine_reseed_schedule(seed);
}

static const char trace_header[] =
	"# tracer: nop\n"
	"#\n"
	"#           TASK-PID    CPU#     TIMESTAMP  FUNCTION\n"
	"#              | |        |         |         |\n";

int sc_run(struct scenario *scn, const struct sc_run_opts *opts)
{
	char why[256];
	guint i;

	memset(&I, 0, sizeof(I));
	I.scn = scn;
	I.opts = opts;
	pthread_mutex_init(&I.lock, NULL);
	I.tasks = g_ptr_array_new();
	I.seed = SC_SETUP_SEED;
	I.rand = g_rand_new_with_seed(I.seed ^ 0x5eed);
	sim_task_local(self_word);

	sc_schedule_apply(scn, opts->seeded);
	sim_engine_set_mode(opts->seeded ? SIM_SCHED_SEEDED : SIM_SCHED_FREE);
	if (opts->seeded)
		sim_engine_schedule_setup(I.seed);
	if (opts->steps)
		sim_engine_set_step_budget(opts->steps);
	if (opts->replay)
		sim_engine_set_replay_hint(opts->replay);
	if (sim_kernel_boot(&scn->machine, why, sizeof(why))) {
		fprintf(opts->err, "%s:%d: the kernel did not boot: %s\n",
			scn->file, scn->machine_line, why);
		return MMSIM_EXIT_KERNEL;
	}
	if (opts->trace) {
		fputs(trace_header, opts->trace);
		sim_engine_set_trace(opts->trace);
	}
	sim_engine_set_probe_handler(probe_handler, scn);

	for (i = 0; i < scn->stmts->len && !I.stop; i++) {
		struct sc_stmt *s = g_ptr_array_index(scn->stmts, i);

		if (stmt_concurrent(s))
			reach_fork_point();
		exec_top(s);
	}
	reach_fork_point();
	stop_tasks();

	sim_engine_set_probe_handler(NULL, NULL);
	if (opts->trace) {
		fflush(opts->trace);
		sim_engine_set_trace(NULL);
	}
	if (!opts->quiet && sc_check_every_enabled())
		out("%s: %lu invariant check(s) mid-run, none violated\n",
		    scn->file, sc_check_every_count());
	if (!opts->quiet)
		out("%s: %d expectation(s), %d failed\n", scn->file,
		    I.expectations, I.failures);
	g_rand_free(I.rand);
	g_ptr_array_unref(I.tasks);
	return I.status;
}
