/*
 * sim/scenario/parse_actions.c - the scenario language's actions,
 * "TASK: ACTION": mmap, munmap, fork, exit, write, read, touch,
 * move_pages (its short form and the full one with pages=[...] nodes=[...]
 * status= count=), swapout, selftest and loops of them, and where the
 * file, memory-policy and credential calls a task can make start
 * (docs/scenario-language.md, "Actions" and "System calls as user space
 * writes them").
 *
 * Every verb is one line of action_verbs[] (near the end): its parse
 * function, whether it is written NAME = VERB, and its usage, from which
 * the unknown-verb and missing-name messages are made.  A new action is
 * a new line there and its parse function.
 */

#include <string.h>

#include <glib.h>

#include "../engine/engine.h"
#include "parse.h"

/* MPOL_MF_* and capability numbers of 2.6.20, for the host world. */
#define SC_MPOL_MF_STRICT (1 << 0)
#define SC_MPOL_MF_MOVE (1 << 1)
#define SC_MPOL_MF_MOVE_ALL (1 << 2)

/* ---- actions ------------------------------------------------------------- */

/* mmap's options, in any order: rw|r|none, private|shared. */
static void parse_mmap_opts(struct parser *p, struct sc_stmt *s, int anon)
{
	int prot = 0, share = 0;

	s->flags = 3; /* PROT_READ | PROT_WRITE */
	s->shared = !anon;
	for (;;) {
		struct token *t = peek(p);

		if (is_word(t, "rw") || is_word(t, "r") ||
		    (anon && is_word(t, "none"))) {
			if (prot++)
				perr_tok(p, t, "the protection is given twice");
			s->flags = is_word(t, "rw")  ? 3
				   : is_word(t, "r") ? 1
						     : 0;
		} else if (is_word(t, "private") || is_word(t, "shared")) {
			if (share++)
				perr_tok(p, t, "shared or private, not both");
			s->shared = is_word(t, "shared");
		} else {
			break;
		}
		next(p);
	}
}

/*
 * A number among the flags: any 32-bit pattern (0xffffffff, -1), as the
 * int (or unsigned) argument takes it.
 */
static int parse_flag_word(struct parser *p)
{
	struct token *t = peek(p);
	unsigned long long v = parse_raw(p, "flags");

	if (v > G_MAXUINT32 && v < (unsigned long long)G_MININT32)
		perr_tok(p, t, "flags are 32 bits: '%s' does not fit", t->text);
	return (int)v;
}

/* MOVE|MOVE_ALL|N, and STRICT too for mbind. */
int parse_flags(struct parser *p, int strict)
{
	int flags = 0;

	do {
		struct token *t = peek(p);

		if (accept_word(p, "MOVE"))
			flags |= SC_MPOL_MF_MOVE;
		else if (accept_word(p, "MOVE_ALL"))
			flags |= SC_MPOL_MF_MOVE_ALL;
		else if (strict && accept_word(p, "STRICT"))
			flags |= SC_MPOL_MF_STRICT;
		else if (t->type == TK_NUM || is_punct(t, "-"))
			flags |= parse_flag_word(p);
		else
			perr_tok(p, t,
				 "unknown flag '%s' (%sMOVE, MOVE_ALL or "
				 "a number)",
				 tok_desc(t), strict ? "STRICT, " : "");
	} while (accept_punct(p, "|"));
	return flags;
}

/* ---- move_pages ---------------------------------------------------------- */

/*
 * One element of pages=[...]: a raw address (0x7ffff0001000), or a
 * buffer's page plus or minus bytes (buf, buf[3], buf[0]+17, buf[2]-1);
 * buf[a..b] stands for the address of each of its pages.
 */
void parse_uaddr(struct parser *p, GArray *out)
{
	struct token *t = peek(p);
	struct sc_uaddr a = {0};
	struct sc_sym *buf;
	unsigned long long i, first = 0, n = 1;

	if (t->type == TK_NUM || is_punct(t, "-")) {
		a.offset = parse_raw(p, "an address");
		g_array_append_val(out, a);
		return;
	}
	t = expect_name(p, "an address (a number, buf[N] or buf[N]+BYTES)");
	buf = lookup_sym(p, t->text);
	if (!buf)
		perr_tok(p, t, "undefined name '%s'", t->text);
	if (buf->kind != SC_SYM_BUF)
		perr_tok(p, t, "'%s' is %s, not a buffer", t->text,
			 sym_kind_name(buf));
	if (accept_punct(p, "[")) {
		if (peek(p)->type == TK_NUM && is_punct(peek2(p), "..")) {
			/* a range stands for its pages: bounds checked */
			struct sc_range r = {0};

			parse_bounds(p, buf, &r);
			first = r.first;
			n = r.last - r.first;
		} else {
			first = parse_raw(p, "a page index");
		}
		expect_punct(p, "]", "to close the page index");
	}
	if (is_punct(peek(p), "+") || is_punct(peek(p), "-")) {
		int minus = is_punct(next(p), "-");

		a.offset = parse_raw(p, "a number of bytes");
		if (minus)
			a.offset = -a.offset;
	}
	a.buf = buf;
	for (i = 0; i < n; i++) {
		if (out->len >= SC_MAX_LIST)
			perr_tok(p, t, "more than %ld pages", SC_MAX_LIST);
		a.page = first + i;
		g_array_append_val(out, a);
	}
}

/* [ELEMENT, ...], each parsed by fn into out. */
static void parse_arg_list(struct parser *p, GArray *out,
			   void (*fn)(struct parser *p, GArray *out),
			   const char *what)
{
	expect_punct(p, "[", what);
	if (!is_punct(peek(p), "]")) {
		do
			fn(p, out);
		while (accept_punct(p, ","));
	}
	expect_punct(p, "]", "to close the list");
}

static void parse_node_elem(struct parser *p, GArray *out)
{
	int v = parse_int(p, "a node");

	if (out->len >= SC_MAX_LIST)
		perr_tok(p, peek(p), "more than %ld nodes", SC_MAX_LIST);
	g_array_append_val(out, v);
}

/* status=prefill N (one word for every page given) or status=[...] */
static GArray *parse_status_arg(struct parser *p, guint nr_pages)
{
	GArray *st = sc_array(p->scn, sizeof(int));
	struct token *t = peek(p);

	if (accept_word(p, "prefill")) {
		int v = parse_int(p, "a status word");
		guint i;

		for (i = 0; i < nr_pages; i++)
			g_array_append_val(st, v);
	} else if (is_punct(t, "[")) {
		GArray *l = parse_list(p);
		guint i;

		for (i = 0; i < l->len; i++) {
			long long v = g_array_index(l, long long, i);
			int w = v;

			if (v < G_MININT32 || v > G_MAXINT32)
				perr_tok(p, t,
					 "a status word is an int: %lld "
					 "does not fit in 32 bits",
					 v);
			g_array_append_val(st, w);
		}
	} else {
		perr_tok(p, t,
			 "expected 'prefill N' or a list after status=, "
			 "got '%s'",
			 tok_desc(t));
	}
	return st;
}

/*
 * The full form, after 'pages=': pages=[...] nodes=[...]|stat
 * [status=...] [count=N] [flags=F], options in any order after pages.
 */
static void parse_move_pages_full(struct parser *p, struct sc_stmt *s,
				  struct token *kw)
{
	struct sc_move_args *mp = sc_alloc(p->scn, sizeof(*mp));
	struct token *t, *status_tok = NULL;
	int nodes_given = 0;

	s->mp = mp;
	mp->pages = sc_array(p->scn, sizeof(struct sc_uaddr));
	parse_arg_list(p, mp->pages, parse_uaddr,
		       "after pages= (pages=[buf[0], 0x7ffff0001000])");
	for (;;) {
		t = peek(p);
		if (accept_word(p, "stat")) {
			if (nodes_given++)
				perr_tok(p, t, "nodes are given twice");
			s->stat = 1;
			continue;
		}
		t = parse_opt_key(p);
		if (!t)
			break;
		if (!strcmp(t->text, "nodes")) {
			if (nodes_given++)
				perr_tok(p, t, "nodes are given twice");
			mp->nodes = sc_array(p->scn, sizeof(int));
			parse_arg_list(p, mp->nodes, parse_node_elem,
				       "after nodes= (nodes=[1, 0])");
		} else if (!strcmp(t->text, "status")) {
			if (status_tok)
				perr_tok(p, t, "status= is given twice");
			status_tok = t;
			mp->status = parse_status_arg(p, mp->pages->len);
		} else if (!strcmp(t->text, "count")) {
			if (mp->has_count++)
				perr_tok(p, t, "count= is given twice");
			mp->count = parse_raw(p, "a count");
		} else if (!strcmp(t->text, "flags")) {
			s->flags = parse_flags(p, 0);
		} else {
			perr_tok(p, t,
				 "unknown option '%s' (nodes=, status=, "
				 "count=, flags=)",
				 t->text);
		}
	}
	reject_stray_option(p, "nodes=[...], stat, status=, count= or flags=");
	if (!nodes_given)
		perr_tok(p, kw,
			 "move_pages with pages= needs nodes=[...] (a node "
			 "for each page) or stat (nodes == NULL)");
	if (!mp->status) {
		guint i;
		int unset = SC_STATUS_UNSET;

		mp->status = sc_array(p->scn, sizeof(int));
		for (i = 0; i < mp->pages->len; i++)
			g_array_append_val(mp->status, unset);
	}
}

/*
 * st = move_pages TASK RANGE|ADDR to NODE [flags=F] | TASK RANGE|ADDR stat
 *    | TASK pages=[...] ... (the full form).  ADDR: a raw address, one page.
 */
static void parse_move_pages(struct parser *p, struct sc_stmt *s,
			     struct token *verb, struct token *var)
{
	struct token *t;

	s->kind = SC_A_MOVE_PAGES;
	s->target = parse_task_ref(p);
	s->flags = SC_MPOL_MF_MOVE;
	t = peek(p);
	if (is_word(t, "pages") && is_punct(peek2(p), "=")) {
		next(p);
		next(p);
		parse_move_pages_full(p, s, verb);
		s->var = define_sym(p, var, SC_SYM_STATUS);
		s->var->pages = s->mp->status->len;
		return;
	}
	t = peek(p);
	if (t->type == TK_NUM || is_punct(t, "-")) {
		/* a raw address: the full form's one-element arrays */
		int unset = SC_STATUS_UNSET;

		s->mp = sc_alloc(p->scn, sizeof(*s->mp));
		s->mp->pages = sc_array(p->scn, sizeof(struct sc_uaddr));
		s->mp->status = sc_array(p->scn, sizeof(int));
		parse_uaddr(p, s->mp->pages);
		g_array_append_val(s->mp->status, unset);
	} else {
		parse_range(p, &s->range);
	}
	s->var = define_sym(p, var, SC_SYM_STATUS);
	s->var->pages = s->mp ? 1 : s->range.last - s->range.first;
	t = peek(p);
	if (accept_word(p, "stat")) {
		s->stat = 1;
		return;
	}
	if (!accept_word(p, "to"))
		perr_tok(p, t,
			 "expected 'to NODE', 'stat' or pages=[...], got '%s'",
			 tok_desc(t));
	s->node = parse_int(p, "a node");
	if (s->mp) {
		s->mp->nodes = sc_array(p->scn, sizeof(int));
		g_array_append_val(s->mp->nodes, s->node);
	}
	while ((t = parse_opt_key(p))) {
		if (strcmp(t->text, "flags"))
			perr_tok(p, t, "unknown option '%s' (flags=)", t->text);
		s->flags = parse_flags(p, 0);
	}
}

/* ---- the verbs ------------------------------------------------------------ */

/* NAME = mmap anon N pages [rw|r|none] [private|shared] | mmap FILE ... */
static void parse_mmap(struct parser *p, struct sc_stmt *s, struct token *verb,
		       struct token *var)
{
	struct token *what = peek(p);
	struct sc_sym *file = NULL;

	(void)verb;
	s->kind = SC_A_MMAP;
	if (accept_word(p, "anon")) {
		s->count = parse_pages(p, 1, "a number of pages");
		parse_mmap_opts(p, s, 1);
	} else if (what->type == TK_WORD) {
		file = parse_file_ref(p);
		if (!file->pages)
			perr_tok(p, what,
				 "file '%s' has no pages: nothing to map",
				 file->name);
		s->count = file->pages;
		parse_mmap_opts(p, s, 0);
	} else {
		perr_tok(p, what,
			 "expected 'anon' or a file after mmap, got '%s'",
			 tok_desc(what));
	}
	s->var = define_sym(p, var, SC_SYM_BUF);
	s->var->pages = s->count;
	s->var->file = file;
	s->var->shared = s->shared;
	s->target = file; /* the file, at run time */
}

static void check_comm(struct parser *p, const struct token *t)
{
	if (strlen(t->text) > 15)
		perr_tok(p, t, "task name '%s' is longer than 15 characters",
			 t->text);
}

/* NAME = fork [COMM] */
static void parse_fork(struct parser *p, struct sc_stmt *s, struct token *verb,
		       struct token *var)
{
	struct sc_sym *task = s->task, *child;
	struct token *name = NULL;

	s->kind = SC_A_FORK;
	if (p->in_action_block)
		perr_tok(p, verb,
			 "fork only as a statement of its own (TASK: child "
			 "= fork), not in a block");
	if (peek(p)->type == TK_WORD)
		name = next(p);
	child = define_sym(p, var, SC_SYM_TASK);
	child->cfg = task->cfg;
	child->cfg.name = name ? name->text : child->name;
	check_comm(p, name ? name : var);
	child->parent = task;
	child->index = p->scn->nr_tasks++;
	if (p->scn->nr_tasks > SC_MAX_TASKS)
		perr_tok(p, var, "more than %d tasks", SC_MAX_TASKS);
	s->var = child;
}

static void parse_munmap(struct parser *p, struct sc_stmt *s,
			 struct token *verb, struct token *var)
{
	(void)verb, (void)var;
	s->kind = SC_A_MUNMAP;
	parse_range(p, &s->range);
}

static void parse_exit(struct parser *p, struct sc_stmt *s, struct token *verb,
		       struct token *var)
{
	(void)p, (void)var;
	s->kind = SC_A_EXIT;
	s->task->exit_line = verb->line;
}

/* write RANGE fill=BYTE|pattern|counter (RANGE of a buffer or a file) */
static void parse_write(struct parser *p, struct sc_stmt *s, struct token *verb,
			struct token *var)
{
	struct token *w;

	(void)verb, (void)var;
	s->kind = SC_A_WRITE;
	parse_range_of(p, &s->range, RANGE_ANY);
	w = peek(p);
	if (accept_word(p, "pattern")) {
		s->fill = SC_FILL_PATTERN;
	} else if (accept_word(p, "counter")) {
		s->fill = SC_FILL_COUNTER;
	} else if (is_word(w, "fill") && is_punct(peek2(p), "=")) {
		next(p);
		next(p);
		s->fill = SC_FILL_BYTE;
		s->byte = parse_num(p, 0, 255, "a byte");
	} else {
		perr_tok(p, w,
			 "expected fill=BYTE, pattern or counter after the "
			 "range, got '%s'",
			 tok_desc(w));
	}
}

static void parse_read(struct parser *p, struct sc_stmt *s, struct token *verb,
		       struct token *var)
{
	(void)verb, (void)var;
	s->kind = SC_A_READ;
	parse_range_of(p, &s->range, RANGE_ANY);
}

static void parse_fsync_action(struct parser *p, struct sc_stmt *s,
			       struct token *verb, struct token *var)
{
	(void)verb, (void)var;
	s->kind = SC_S_FSYNC;
	s->var = parse_file_ref(p);
}

static void parse_truncate_action(struct parser *p, struct sc_stmt *s,
				  struct token *verb, struct token *var)
{
	(void)verb, (void)var;
	parse_truncate(p, s);
}

/* swapout RANGE (its own pages) or swapout TASK RANGE */
static void parse_swapout(struct parser *p, struct sc_stmt *s,
			  struct token *verb, struct token *var)
{
	struct sc_sym *o =
		peek(p)->type == TK_WORD ? lookup_sym(p, peek(p)->text) : NULL;

	(void)verb, (void)var;
	s->kind = SC_A_SWAPOUT;
	if (o && o->kind == SC_SYM_TASK)
		s->target = parse_task_ref(p);
	parse_range(p, &s->range);
}

/* selftest NAME: one of kernel/mmsim/selftest.c's wrong deeds */
static void parse_selftest(struct parser *p, struct sc_stmt *s,
			   struct token *verb, struct token *var)
{
	struct token *n = expect_name(p, "a selftest name");
	int i;

	(void)verb, (void)var;
	s->kind = SC_A_SELFTEST;
	s->selftest = n->text;
	for (i = 0; sim_selftests[i]; i++)
		if (!strcmp(n->text, sim_selftests[i]))
			return;
	{
		/* in the arena: perr_tok longjmps past any free */
		char *names = g_strjoinv(", ", (char **)sim_selftests);

		g_ptr_array_add(p->scn->arena, names);
		perr_tok(p, n, "unknown selftest '%s' (there are %s)", n->text,
			 names);
	}
}

static void parse_touch(struct parser *p, struct sc_stmt *s, struct token *verb,
			struct token *var)
{
	(void)verb, (void)var;
	s->kind = SC_A_TOUCH;
	parse_range(p, &s->range);
	s->write = accept_word(p, "write");
}

static void parse_loop_action(struct parser *p, struct sc_stmt *s,
			      struct token *verb, struct token *var)
{
	int saved = p->in_action_block;

	(void)verb, (void)var;
	s->kind = SC_S_LOOP;
	p->in_action_block = 1;
	parse_loop(p, s, parse_action, s->task);
	p->in_action_block = saved;
}

/*
 * What a task can do: the verb, how it is written, and whether it binds
 * a name (NAME = VERB ...) or may put its result in ret (ret = VERB ...).
 * A new action is one line here and its parse function; the unknown-verb
 * message and the usage hints come from this table.
 */
enum verb_binding {
	VERB_PLAIN, /* VERB ...: ret holds the result */
	VERB_BINDS, /* NAME = VERB ...: needs a name */
	VERB_RET, /* VERB ... or ret = VERB ... */
};

struct action_verb {
	const char *verb;
	void (*parse)(struct parser *p, struct sc_stmt *s, struct token *verb,
		      struct token *var);
	enum verb_binding binding;
	const char *usage;
};

static const struct action_verb action_verbs[] = {
	{"mmap", parse_mmap, VERB_BINDS, "NAME = mmap anon N pages [rw]"},
	{"munmap", parse_munmap, VERB_PLAIN, "munmap RANGE"},
	{"fork", parse_fork, VERB_BINDS, "NAME = fork [COMM]"},
	{"exit", parse_exit, VERB_PLAIN, "exit"},
	{"write", parse_write, VERB_PLAIN, "write RANGE fill=BYTE"},
	{"read", parse_read, VERB_PLAIN, "read RANGE"},
	{"touch", parse_touch, VERB_PLAIN, "touch RANGE [write]"},
	{"move_pages", parse_move_pages, VERB_BINDS,
	 "NAME = move_pages TASK RANGE to NODE"},
	{"mbind", parse_mbind, VERB_RET, "mbind RANGE POLICY [NODES]"},
	{"set_mempolicy", parse_set_mempolicy, VERB_RET,
	 "set_mempolicy POLICY [NODES]"},
	{"get_mempolicy", parse_get_mempolicy, VERB_RET,
	 "get_mempolicy [RANGE]"},
	{"migrate_pages", parse_migrate_pages, VERB_RET,
	 "migrate_pages TASK from NODES to NODES"},
	{"fsync", parse_fsync_action, VERB_PLAIN, "fsync FILE"},
	{"truncate", parse_truncate_action, VERB_PLAIN,
	 "truncate FILE to N pages"},
	{"swapout", parse_swapout, VERB_PLAIN, "swapout [TASK] RANGE"},
	{"setuid", parse_setid, VERB_RET, "setuid UID"},
	{"seteuid", parse_setid, VERB_RET, "seteuid EUID"},
	{"setreuid", parse_setid, VERB_RET, "setreuid RUID EUID"},
	{"setresuid", parse_setid, VERB_RET, "setresuid RUID EUID SUID"},
	{"prctl", parse_prctl, VERB_RET, "prctl keepcaps 0|1"},
	{"wait", parse_wait, VERB_RET, "wait CHILD|any [nohang]"},
	{"selftest", parse_selftest, VERB_PLAIN, "selftest NAME"},
	{"loop", parse_loop_action, VERB_PLAIN, "loop N { ACTIONS }"},
};

static const struct action_verb *find_verb(const char *name)
{
	gsize i;

	for (i = 0; i < G_N_ELEMENTS(action_verbs); i++)
		if (!strcmp(action_verbs[i].verb, name))
			return &action_verbs[i];
	return NULL;
}

/*
 * "mmap, munmap, ... or loop": the verbs of the table written the way
 * 'binding' says (every verb when binding is -1).
 */
static const char *verb_list(struct parser *p, int binding)
{
	GString *s = g_string_new(NULL);
	gsize i, n = 0, k = 0;
	char *r;

	for (i = 0; i < G_N_ELEMENTS(action_verbs); i++)
		n += binding < 0 || (int)action_verbs[i].binding == binding;
	for (i = 0; i < G_N_ELEMENTS(action_verbs); i++) {
		if (binding >= 0 && (int)action_verbs[i].binding != binding)
			continue;
		if (k++)
			g_string_append(s, k < n ? ", " : " or ");
		g_string_append(s, action_verbs[i].verb);
	}
	/* in the scenario's arena: the error longjmps past any free */
	r = sc_strndup(p->scn, s->str, s->len);
	g_string_free(s, TRUE);
	return r;
}

static void G_GNUC_NORETURN unknown_verb(struct parser *p,
					 const struct token *t, const char *fmt)
{
	const char *verbs = verb_list(p, -1);

	perr_tok(p, t, fmt, tok_desc(t), verbs);
}

/* NAME = WORD where WORD is no verb: say which verbs go there. */
static void G_GNUC_NORETURN unknown_binding_verb(struct parser *p,
						 const struct token *t)
{
	const char *binds = verb_list(p, VERB_BINDS);
	const char *rets = verb_list(p, VERB_RET);

	perr_tok(p, t,
		 "unknown verb '%s' after '=' (NAME = takes %s, ret = "
		 "takes %s)",
		 t->text, binds, rets);
}

struct sc_stmt *parse_action(struct parser *p, void *ctx)
{
	struct sc_sym *task = ctx;
	struct token *t = peek(p), *var = NULL;
	struct sc_stmt *s = new_stmt(p, SC_A_EXIT, t);
	const struct action_verb *v;

	s->task = task;
	if (t->type != TK_WORD)
		unknown_verb(p, t, "expected a verb (%2$s), got '%1$s'");
	if (task->kthread)
		perr_tok(p, t,
			 "'%s' is a kernel thread: it has no user memory "
			 "to %s",
			 task->name, t->text);
	if (is_punct(peek2(p), "=")) {
		var = next(p);
		next(p); /* '=' */
		t = expect_name(p, "a verb after '='");
		v = find_verb(t->text);
		if (!v)
			unknown_binding_verb(p, t);
		if (v->binding == VERB_RET && is_word(var, "ret"))
			var = NULL;
		else if (v->binding != VERB_BINDS)
			perr_tok(p, var,
				 "'%s' gives no value to name '%s': write "
				 "%s",
				 v->verb, var->text, v->usage);
	} else {
		next(p);
		v = find_verb(t->text);
		if (!v)
			unknown_verb(p, t, "unknown verb '%s' (a task can %s)");
		if (v->binding == VERB_BINDS)
			perr_tok(p, t,
				 "'%s' needs a name for what it makes: write "
				 "%s",
				 v->verb, v->usage);
	}
	v->parse(p, s, t, var);
	return s;
}
