/*
 * sim/scenario/parse.h - what the parts of the scenario parser share
 * (internal to parse*.c; the parser's interface is sc_parse() in
 * scenario.h).
 *
 * parse.c         tokens, names, ranges, statements, blocks, spawn and
 *                 probes, the top-level dispatch, sc_parse()
 * parse_machine.c the machine and the tasks
 * parse_actions.c TASK: ACTION (mmap, fork, write, move_pages ...)
 * parse_files.c   files, I/O, writeback, the clock, swap and reclaim, run
 * parse_policy.c  memory policies and cpusets
 * parse_creds.c   the setuid family, prctl keepcaps, wait
 * parse_expect.c  expectations and views
 */
#ifndef MMSIM_SCENARIO_PARSE_H
#define MMSIM_SCENARIO_PARSE_H

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "scenario.h"

/* ---- tokens ------------------------------------------------------------- */

enum tok_type { TK_EOF, TK_NL, TK_WORD, TK_NUM, TK_STR, TK_PUNCT };

struct token {
	enum tok_type type;
	char *text; /* the token as written (a string: its value) */
	int line, col;
	int end_col; /* column just after it */
};

struct parser {
	struct scenario *scn;
	GArray *toks; /* struct token */
	guint pos;
	FILE *err;
	jmp_buf fail;
	int depth; /* nested blocks */
	int in_action_block; /* inside a spawn or loop of actions */
	long long runs; /* times the enclosing loops run their bodies */
};

/* How a token reads in a message. */
static inline const char *tok_desc(const struct token *t)
{
	switch (t->type) {
	case TK_EOF:
		return "end of file";
	case TK_NL:
		return "end of line";
	default:
		return t->text;
	}
}

static inline struct token *peek(struct parser *p)
{
	return &g_array_index(p->toks, struct token, p->pos);
}

static inline struct token *peek2(struct parser *p)
{
	guint i = p->pos + 1;

	if (i >= p->toks->len)
		i = p->toks->len - 1;
	return &g_array_index(p->toks, struct token, i);
}

static inline struct token *next(struct parser *p)
{
	struct token *t = peek(p);

	if (t->type != TK_EOF)
		p->pos++;
	return t;
}

static inline gboolean is_punct(const struct token *t, const char *s)
{
	return t->type == TK_PUNCT && !strcmp(t->text, s);
}

static inline gboolean is_word(const struct token *t, const char *s)
{
	return t->type == TK_WORD && !strcmp(t->text, s);
}

static inline gboolean accept_punct(struct parser *p, const char *s)
{
	if (!is_punct(peek(p), s))
		return FALSE;
	next(p);
	return TRUE;
}

static inline gboolean accept_word(struct parser *p, const char *s)
{
	if (!is_word(peek(p), s))
		return FALSE;
	next(p);
	return TRUE;
}

/* ---- parse.c: errors, the arena, tokens, names, ranges, statements ------ */

/* The index of word w among words[0..n), or -1. */
static inline int word_index(const char *const *words, gsize n, const char *w)
{
	gsize i;

	for (i = 0; i < n; i++)
		if (!strcmp(words[i], w))
			return i;
	return -1;
}

void G_GNUC_PRINTF(4, 5) G_GNUC_NORETURN
	perr(struct parser *p, int line, int col, const char *fmt, ...);
void perr_tok(struct parser *p, const struct token *t, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4) G_GNUC_NORETURN;

void *sc_alloc(struct scenario *scn, gsize size);
char *sc_strndup(struct scenario *scn, const char *s, gsize len);
GArray *sc_array(struct scenario *scn, gsize elt);

struct token *expect_punct(struct parser *p, const char *s, const char *what);
void expect_word(struct parser *p, const char *s, const char *what);
struct token *expect_name(struct parser *p, const char *what);
gboolean number_value(const char *s, unsigned long long *out);
long long parse_num(struct parser *p, long long min, long long max,
		    const char *what);
long long parse_scalar(struct parser *p, const char *what);
GArray *parse_list(struct parser *p);
unsigned long long parse_raw(struct parser *p, const char *what);
int parse_int(struct parser *p, const char *what);

struct sc_sym *lookup_sym(struct parser *p, const char *name);
const char *sym_kind_name(const struct sc_sym *s);
struct sc_sym *define_sym(struct parser *p, const struct token *t,
			  enum sc_sym_kind kind);
struct sc_sym *parse_task_ref(struct parser *p);
void check_alive(struct parser *p, struct sc_sym *task, const struct token *t);
struct sc_sym *parse_file_ref(struct parser *p);

/* What a range may name: a buffer, a file, or either. */
enum range_of { RANGE_BUF = 1, RANGE_FILE = 2, RANGE_ANY = 3 };

void parse_bounds(struct parser *p, struct sc_sym *s, struct sc_range *r);
void parse_range_of(struct parser *p, struct sc_range *r, enum range_of what);
void parse_range(struct parser *p, struct sc_range *r);

typedef struct sc_stmt *(*stmt_parser)(struct parser *p, void *ctx);

struct sc_stmt *new_stmt(struct parser *p, enum sc_stmt_kind kind,
			 const struct token *t);
GPtrArray *parse_block(struct parser *p, stmt_parser fn, void *ctx);
/*
 * A loop's count then its block: the count times the enclosing loops'
 * must stay within SC_MAX_LOOP, so a scenario's work is bounded.
 */
void parse_loop(struct parser *p, struct sc_stmt *s, stmt_parser fn, void *ctx);

struct token *parse_opt_key(struct parser *p);
void reject_stray_option(struct parser *p, const char *expected);
long parse_pages(struct parser *p, long min, const char *what);

/* ---- parse_machine.c ---------------------------------------------------- */

void parse_machine(struct parser *p, struct sc_stmt *s, struct token *kw);
void parse_task(struct parser *p, struct sc_stmt *s, int kthread);
int cap_value(const char *name);

/* ---- parse_actions.c ---------------------------------------------------- */

struct sc_stmt *parse_action(struct parser *p, void *ctx);
int parse_flags(struct parser *p, int strict);
void parse_uaddr(struct parser *p, GArray *out);

/* ---- parse_files.c ------------------------------------------------------ */

void parse_truncate(struct parser *p, struct sc_stmt *s);
gboolean parse_control(struct parser *p, struct sc_stmt *s, struct token *t,
		       struct sc_stmt *probe);

/* ---- parse_policy.c ----------------------------------------------------- */

int policy_value(const char *name);
/* Actions (the table in parse_actions.c): 'var' is NAME of NAME = VERB. */
void parse_mbind(struct parser *p, struct sc_stmt *s, struct token *verb,
		 struct token *var);
void parse_set_mempolicy(struct parser *p, struct sc_stmt *s,
			 struct token *verb, struct token *var);
void parse_get_mempolicy(struct parser *p, struct sc_stmt *s,
			 struct token *verb, struct token *var);
void parse_migrate_pages(struct parser *p, struct sc_stmt *s,
			 struct token *verb, struct token *var);
void parse_cpuset(struct parser *p, struct sc_stmt *s, struct token *kw);

/* ---- parse_creds.c ------------------------------------------------------ */

int state_value(const char *name);
void parse_setid(struct parser *p, struct sc_stmt *s, struct token *verb,
		 struct token *var);
void parse_prctl(struct parser *p, struct sc_stmt *s, struct token *verb,
		 struct token *var);
void parse_wait(struct parser *p, struct sc_stmt *s, struct token *verb,
		struct token *var);

/* ---- parse_expect.c ----------------------------------------------------- */

void parse_expect(struct parser *p, struct sc_stmt *s);
void parse_show(struct parser *p, struct sc_stmt *s);
/* parse_schedule.c */
void parse_schedule(struct parser *p, struct sc_stmt *s);

#endif /* MMSIM_SCENARIO_PARSE_H */
