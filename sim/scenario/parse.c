/*
 * sim/scenario/parse.c - the scenario language: tokens, statements and
 * every check that can be made before the machine boots.
 *
 * The whole file is cut into tokens first (newlines are tokens: a
 * statement ends at one), then parsed by recursive descent.  The first
 * error ends the parse: it is printed as gcc prints one, with the source
 * line and a caret, and the parse unwinds with longjmp.  Everything the
 * parser allocates is owned by the scenario (its arena), so unwinding
 * leaks nothing.
 *
 * This file holds the core: the lexer, the token and name helpers,
 * ranges, statements and blocks, spawn and probes, the top-level
 * dispatch and sc_parse().  Each section of the language reference
 * (docs/scenario-language.md) has its own file: parse_machine.c,
 * parse_actions.c, parse_files.c, parse_policy.c and parse_expect.c,
 * sharing parse.h.
 */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "../engine/engine.h"
#include "parse.h"
#include "scenario.h"

/* ---- errno names -------------------------------------------------------- */

static const struct {
	const char *name;
	int value;
} errnos[] = {
	{"EPERM", EPERM},   {"ENOENT", ENOENT}, {"ESRCH", ESRCH},
	{"EINTR", EINTR},   {"EIO", EIO},	{"ENXIO", ENXIO},
	{"E2BIG", E2BIG},   {"EBADF", EBADF},	{"EAGAIN", EAGAIN},
	{"ENOMEM", ENOMEM}, {"EACCES", EACCES}, {"EFAULT", EFAULT},
	{"EBUSY", EBUSY},   {"EEXIST", EEXIST}, {"EXDEV", EXDEV},
	{"ENODEV", ENODEV}, {"EINVAL", EINVAL}, {"ENOSPC", ENOSPC},
	{"ENOSYS", ENOSYS}, {"ERANGE", ERANGE}, {"ECHILD", ECHILD},
};

const char *sc_errno_name(long err)
{
	gsize i;

	for (i = 0; i < G_N_ELEMENTS(errnos); i++)
		if (errnos[i].value == err)
			return errnos[i].name;
	return NULL;
}

int sc_errno_value(const char *name)
{
	gsize i;

	for (i = 0; i < G_N_ELEMENTS(errnos); i++)
		if (!strcmp(errnos[i].name, name))
			return errnos[i].value;
	return 0;
}

/* Words that name verbs or built-ins and cannot name a task or value. */
static const char *const reserved[] = {
	"machine",
	"task",
	"kthread",
	"spawn",
	"join",
	"on",
	"expect",
	"show",
	"say",
	"loop",
	"run",
	"until",
	"mmap",
	"munmap",
	"fork",
	"exit",
	"write",
	"read",
	"touch",
	"move_pages",
	"anon",
	"pages",
	"to",
	"stat",
	"flags",
	"once",
	"enter",
	"at",
	"blocked",
	"ret",
	"pattern",
	"counter",
	"unset",
	"random",
	"clean",
	"node",
	"bytes",
	"word",
	"vmstat",
	"count",
	"free",
	"fill",
	/* files, I/O, writeback, swap */
	"file",
	"create",
	"fsync",
	"truncate",
	"io",
	"writeback",
	"tick",
	"swapon",
	"swapout",
	"reclaim",
	"shared",
	"private",
	"pagecache",
	"filenode",
	"swap",
	"selftest",
	"schedule",
	/* memory policies and cpusets */
	"mbind",
	"set_mempolicy",
	"get_mempolicy",
	"migrate_pages",
	"from",
	"cpuset",
	"memory_migrate",
	"policy",
	"policynodes",
	"default",
	"preferred",
	"bind",
	"interleave",
	/* credentials and exit */
	"setuid",
	"seteuid",
	"setreuid",
	"setresuid",
	"prctl",
	"keepcaps",
	"wait",
	"any",
	"nohang",
	"uid",
	"euid",
	"suid",
	"fsuid",
	"capeff",
	"capprm",
	"capinh",
	"state",
	"pid",
	"alive",
	"zombie",
	"reaped",
};

void *sc_alloc(struct scenario *scn, gsize size)
{
	void *p = g_malloc0(size);

	g_ptr_array_add(scn->arena, p);
	return p;
}

char *sc_strndup(struct scenario *scn, const char *s, gsize len)
{
	char *p = g_strndup(s, len);

	g_ptr_array_add(scn->arena, p);
	return p;
}

GArray *sc_array(struct scenario *scn, gsize elt)
{
	GArray *a = g_array_new(FALSE, TRUE, elt);

	g_ptr_array_add(scn->arrays, a);
	return a;
}

static GPtrArray *sc_ptrs(struct scenario *scn)
{
	GPtrArray *a = g_ptr_array_new();

	g_ptr_array_add(scn->ptr_arrays, a);
	return a;
}

void sc_verror(const struct scenario *scn, FILE *f, int line, int col,
	       const char *fmt, va_list ap)
{
	if (!f)
		return;
	fprintf(f, "%s:%d:%d: error: ", scn->file, line, col);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	if (line >= 1 && line <= scn->nr_lines) {
		const char *src = scn->lines[line - 1];
		int i, n = strlen(src);
		gboolean utf8 = g_utf8_validate(src, n, NULL);

		/*
		 * The line as written, but one '?' for each control byte (and
		 * each byte of a line that is not UTF-8): binary input must not
		 * drive the terminal, and the caret must still line up.
		 */
		for (i = 0; i < n; i++) {
			unsigned char c = src[i];

			fputc(c == '\t' || (c >= 0x20 && c != 0x7f &&
					    (c < 0x80 || utf8))
				      ? c
				      : '?',
			      f);
		}
		fputc('\n', f);
		/* Keep the tabs, so the caret lines up. */
		for (i = 0; i < col - 1; i++)
			fputc(i < n && src[i] == '\t' ? '\t' : ' ', f);
		fputs("^\n", f);
	}
}

void sc_error(const struct scenario *scn, FILE *f, int line, int col,
	      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sc_verror(scn, f, line, col, fmt, ap);
	va_end(ap);
}

/* Print "FILE:LINE:COL: error: MSG", the line and a caret; unwind. */
static void G_GNUC_NORETURN vperr(struct parser *p, int line, int col,
				  const char *fmt, va_list ap)
{
	sc_verror(p->scn, p->err, line, col, fmt, ap);
	longjmp(p->fail, 1);
}

void perr(struct parser *p, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vperr(p, line, col, fmt, ap);
}

void perr_tok(struct parser *p, const struct token *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vperr(p, t->line, t->col, fmt, ap);
}

static void add_tok(struct parser *p, enum tok_type type, const char *s,
		    gsize len, int line, int col)
{
	struct token t = {
		.type = type,
		.text = sc_strndup(p->scn, s, len),
		.line = line,
		.col = col,
		.end_col = col + len,
	};

	g_array_append_val(p->toks, t);
}

static gboolean is_word_start(char c)
{
	return g_ascii_isalpha(c) || c == '_';
}

static gboolean is_word_char(char c)
{
	return g_ascii_isalnum(c) || c == '_';
}

static void lex(struct parser *p, const char *text, gsize len)
{
	const char *two[] = {"..", "==", "!=", "<=", ">="};
	gsize i = 0;
	int line = 1, col = 1;

	while (i < len) {
		char c = text[i];
		gsize start = i, k;

		if (c == '\n') {
			add_tok(p, TK_NL, "\n", 1, line, col);
			i++;
			line++;
			col = 1;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			i++;
			col++;
			continue;
		}
		if (c == '#') {
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		if (is_word_start(c) || g_ascii_isdigit(c)) {
			while (i < len && is_word_char(text[i]))
				i++;
			add_tok(p, g_ascii_isdigit(c) ? TK_NUM : TK_WORD,
				text + start, i - start, line, col);
			col += i - start;
			continue;
		}
		if (c == '"') {
			i++;
			while (i < len && text[i] != '"' && text[i] != '\n' &&
			       text[i] != '\0')
				i++;
			if (i >= len || text[i] != '"')
				perr(p, line, col, "unterminated string");
			add_tok(p, TK_STR, text + start + 1, i - start - 1,
				line, col);
			i++;
			col += i - start;
			continue;
		}
		for (k = 0; k < G_N_ELEMENTS(two); k++)
			if (i + 1 < len && text[i] == two[k][0] &&
			    text[i + 1] == two[k][1])
				break;
		if (k < G_N_ELEMENTS(two)) {
			add_tok(p, TK_PUNCT, text + i, 2, line, col);
			i += 2;
			col += 2;
			continue;
		}
		if (strchr("=:[](){},*+-|;<>", c) && c) {
			add_tok(p, TK_PUNCT, text + i, 1, line, col);
			i++;
			col++;
			continue;
		}
		if (g_ascii_isprint(c))
			perr(p, line, col, "unexpected character '%c'", c);
		perr(p, line, col, "unexpected byte 0x%02x", (unsigned char)c);
	}
	add_tok(p, TK_EOF, "", 0, line, col);
}

struct token *expect_punct(struct parser *p, const char *s, const char *what)
{
	struct token *t = peek(p);

	if (!is_punct(t, s))
		perr_tok(p, t, "expected '%s' %s, got '%s'", s, what,
			 tok_desc(t));
	return next(p);
}

void expect_word(struct parser *p, const char *s, const char *what)
{
	struct token *t = peek(p);

	if (!is_word(t, s))
		perr_tok(p, t, "expected '%s' %s, got '%s'", s, what,
			 tok_desc(t));
	next(p);
}

struct token *expect_name(struct parser *p, const char *what)
{
	struct token *t = peek(p);

	if (t->type != TK_WORD)
		perr_tok(p, t, "expected %s, got '%s'", what, tok_desc(t));
	return next(p);
}

/*
 * A number as written: decimal, or hexadecimal after 0x.  Anything else
 * that starts with a digit ("1x", "64M" where a count is due) is a bad
 * number.
 */
gboolean number_value(const char *s, unsigned long long *out)
{
	unsigned long long v = 0;
	int base = 10;
	const char *q = s;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		q += 2;
		if (!*q)
			return FALSE;
	}
	for (; *q; q++) {
		int d;

		if (g_ascii_isdigit(*q))
			d = *q - '0';
		else if (base == 16 && g_ascii_isxdigit(*q))
			d = g_ascii_xdigit_value(*q);
		else
			return FALSE;
		if (v > (G_MAXUINT64 - d) / base)
			return FALSE;
		v = v * base + d;
	}
	*out = v;
	return TRUE;
}

/*
 * [-]NUMBER: its magnitude in *v, whether '-' came first in *neg ('-' is
 * taken only when allow_neg); the number token, consumed.
 */
static struct token *read_number(struct parser *p, int allow_neg,
				 const char *what, unsigned long long *v,
				 int *neg)
{
	struct token *t = peek(p);

	*neg = 0;
	if (is_punct(t, "-") && peek2(p)->type == TK_NUM && allow_neg) {
		next(p);
		*neg = 1;
		t = peek(p);
	}
	if (t->type != TK_NUM)
		perr_tok(p, t, "expected %s, got '%s'", what, tok_desc(t));
	if (!number_value(t->text, v))
		perr_tok(p, t, "bad number '%s'", t->text);
	return next(p);
}

/* A number token in [min, max]; 'what' names it in the range error. */
long long parse_num(struct parser *p, long long min, long long max,
		    const char *what)
{
	unsigned long long v;
	int neg;
	struct token *t = read_number(p, min < 0, what, &v, &neg);

	if (v > (unsigned long long)G_MAXINT64 ||
	    (neg ? -(long long)v < min : (long long)v > max) ||
	    (!neg && (long long)v < min))
		perr_tok(p, t, "%s must be between %lld and %lld (got %s%s)",
			 what, min, max, neg ? "-" : "", t->text);
	return neg ? -(long long)v : (long long)v;
}

/* A number, an errno name (-EACCES), a capability (CAP_SETUID) or unset. */
long long parse_scalar(struct parser *p, const char *what)
{
	struct token *t = peek(p);
	int neg = 0;
	int e;

	if (is_punct(t, "-") && peek2(p)->type == TK_WORD) {
		next(p);
		neg = 1;
		t = peek(p);
	}
	if (t->type == TK_WORD) {
		if (!neg && accept_word(p, "unset"))
			return SC_STATUS_UNSET;
		e = sc_errno_value(t->text);
		if (!e && !neg && g_str_has_prefix(t->text, "CAP_") &&
		    cap_value(t->text) >= 0) {
			next(p); /* a capability's bit: capeff(app) == [...] */
			return cap_value(t->text);
		}
		if (!e)
			perr_tok(p, t,
				 "unknown name '%s' (an errno name such "
				 "as EACCES, or CAP_SETUID?)",
				 t->text);
		next(p);
		return neg ? -e : e;
	}
	return parse_num(p, G_MININT64 + 1, G_MAXINT64, what);
}

/* [a, b, ...] [* N] [+ [...] ...] */
GArray *parse_list(struct parser *p)
{
	GArray *list = sc_array(p->scn, sizeof(long long));

	do {
		struct token *open = expect_punct(p, "[", "to start a list");
		GArray *part = sc_array(p->scn, sizeof(long long));
		long long times = 1, i;

		if (!is_punct(peek(p), "]")) {
			do {
				long long v = parse_scalar(p, "a number");

				if (part->len >= SC_MAX_LIST)
					perr_tok(p, open,
						 "list longer than "
						 "%ld",
						 SC_MAX_LIST);
				g_array_append_val(part, v);
			} while (accept_punct(p, ","));
		}
		expect_punct(p, "]", "to close the list");
		if (accept_punct(p, "*"))
			times = parse_num(p, 0, SC_MAX_LIST, "a repeat count");
		if ((long long)list->len + times * part->len > SC_MAX_LIST)
			perr_tok(p, open, "list longer than %ld", SC_MAX_LIST);
		for (i = 0; i < times; i++)
			g_array_append_vals(list, part->data, part->len);
	} while (accept_punct(p, "+"));
	return list;
}

/*
 * A raw 64-bit word as a system call takes it (an address, a count, a
 * mask): 0 .. 2^64-1, or -N for its two's complement (count=-1).
 */
unsigned long long parse_raw(struct parser *p, const char *what)
{
	unsigned long long v;
	int neg;

	read_number(p, 1, what, &v, &neg);
	return neg ? -v : v;
}

/* An int argument (a node, a status word): any value a C int holds. */
int parse_int(struct parser *p, const char *what)
{
	struct token *t = peek(p);
	long long v = parse_scalar(p, what);

	if (v < G_MININT32 || v > G_MAXINT32)
		perr_tok(p, t, "%s is an int: %lld does not fit in 32 bits",
			 what, v);
	return v;
}

/* ---- names -------------------------------------------------------------- */

struct sc_sym *lookup_sym(struct parser *p, const char *name)
{
	GPtrArray *syms = p->scn->syms;
	guint i;

	for (i = 0; i < syms->len; i++) {
		struct sc_sym *s = g_ptr_array_index(syms, i);

		if (!strcmp(s->name, name))
			return s;
	}
	return NULL;
}

const char *sym_kind_name(const struct sc_sym *s)
{
	switch (s->kind) {
	case SC_SYM_TASK:
		return "a task";
	case SC_SYM_BUF:
		return "a buffer";
	case SC_SYM_FILE:
		return "a file";
	default:
		return "a status array";
	}
}

static void check_not_reserved(struct parser *p, const struct token *t)
{
	gsize i;

	for (i = 0; i < G_N_ELEMENTS(reserved); i++)
		if (!strcmp(reserved[i], t->text))
			perr_tok(p, t, "'%s' is a reserved word", t->text);
	if (sc_errno_value(t->text))
		perr_tok(p, t, "'%s' is an errno name", t->text);
}

/* Define (or redefine, same kind) a name. */
struct sc_sym *define_sym(struct parser *p, const struct token *t,
			  enum sc_sym_kind kind)
{
	struct sc_sym *s = lookup_sym(p, t->text);

	check_not_reserved(p, t);
	if (s) {
		if (s->kind != kind || kind == SC_SYM_TASK)
			perr_tok(p, t, "'%s' is already %s (line %d)", t->text,
				 sym_kind_name(s), s->line);
		return s;
	}
	s = g_new0(struct sc_sym, 1);
	s->name = g_strdup(t->text);
	s->kind = kind;
	s->line = t->line;
	s->col = t->col;
	g_ptr_array_add(p->scn->syms, s);
	return s;
}

struct sc_sym *parse_task_ref(struct parser *p)
{
	struct token *t = expect_name(p, "a task name");
	struct sc_sym *s = lookup_sym(p, t->text);

	if (!s || s->kind != SC_SYM_TASK) {
		if (s)
			perr_tok(p, t, "'%s' is %s, not a task", t->text,
				 sym_kind_name(s));
		perr_tok(p, t, "unknown task '%s'", t->text);
	}
	return s;
}

/* A statement by 'task' after its top-level exit cannot happen. */
void check_alive(struct parser *p, struct sc_sym *task, const struct token *t)
{
	if (task->exit_line)
		perr_tok(p, t, "task '%s' has exited (line %d)", task->name,
			 task->exit_line);
}

/* A file's name where a file is due: "unknown file" if there is none. */
struct sc_sym *parse_file_ref(struct parser *p)
{
	struct token *t = expect_name(p, "a file");
	struct sc_sym *s = lookup_sym(p, t->text);

	if (!s)
		perr_tok(p, t,
			 "unknown file '%s' (define it first: file %s = "
			 "create \"NAME\" flavour=ext2 size=N pages)",
			 t->text, t->text);
	if (s->kind != SC_SYM_FILE)
		perr_tok(p, t, "'%s' is %s, not a file", t->text,
			 sym_kind_name(s));
	return s;
}

/* The bounds of one page index or a..b of s, already after '[' */
void parse_bounds(struct parser *p, struct sc_sym *s, struct sc_range *r)
{
	struct token *at = peek(p);

	r->first = parse_num(p, 0, G_MAXINT64, "a page index");
	if (accept_punct(p, "..")) {
		struct token *lt = peek(p);

		r->last = parse_num(p, 0, G_MAXINT64, "a page index");
		if (r->last > s->pages)
			perr_tok(p, lt,
				 "range out of bounds: '%s' has %ld "
				 "pages, [%ld..%ld] ends past them",
				 s->name, s->pages, r->first, r->last);
		if (r->last <= r->first)
			perr_tok(p, at, "empty range [%ld..%ld]", r->first,
				 r->last);
	} else {
		if (r->first >= s->pages)
			perr_tok(p, at,
				 "range out of bounds: '%s' has %ld "
				 "pages (0..%ld), no page %ld",
				 s->name, s->pages, s->pages - 1, r->first);
		r->last = r->first + 1;
	}
}

/* RANGE: buf, buf[3], buf[0..16], buf[random]; the same of a file. */
void parse_range_of(struct parser *p, struct sc_range *r, enum range_of what)
{
	struct token *t =
		expect_name(p, what == RANGE_FILE ? "a file" : "a buffer");
	struct sc_sym *s = lookup_sym(p, t->text);

	if (!s && what == RANGE_FILE)
		perr_tok(p, t, "unknown file '%s'", t->text);
	if (!s)
		perr_tok(p, t, "undefined name '%s'", t->text);
	if (s->kind == SC_SYM_FILE && !(what & RANGE_FILE))
		perr_tok(p, t,
			 "'%s' is a file: map it first (m = mmap %s "
			 "shared rw) or write/read it",
			 t->text, t->text);
	if (s->kind != SC_SYM_FILE && s->kind != SC_SYM_BUF)
		perr_tok(p, t, "'%s' is %s, not %s", t->text, sym_kind_name(s),
			 what == RANGE_BUF    ? "a buffer"
			 : what == RANGE_FILE ? "a file"
					      : "a buffer or a file");
	if (s->kind == SC_SYM_BUF && !(what & RANGE_BUF))
		perr_tok(p, t, "'%s' is a buffer, not a file", t->text);
	if (s->kind == SC_SYM_FILE && !s->pages)
		perr_tok(p, t,
			 "file '%s' has no pages (truncate it to a "
			 "size first)",
			 t->text);
	r->buf = s;
	r->line = t->line;
	r->col = t->col;
	r->first = 0;
	r->last = s->pages;
	if (!accept_punct(p, "["))
		return;
	if (accept_word(p, "random")) {
		r->random = 1;
		r->first = 0;
		r->last = 1;
		expect_punct(p, "]", "after 'random'");
		return;
	}
	parse_bounds(p, s, r);
	expect_punct(p, "]", "to close the range");
}

void parse_range(struct parser *p, struct sc_range *r)
{
	parse_range_of(p, r, RANGE_BUF);
}

/* ---- statements --------------------------------------------------------- */

struct sc_stmt *new_stmt(struct parser *p, enum sc_stmt_kind kind,
			 const struct token *t)
{
	struct sc_stmt *s = sc_alloc(p->scn, sizeof(*s));
	const char *src;
	const char *hash;

	s->kind = kind;
	s->line = t->line;
	s->col = t->col;
	/* The source line without its comment, for the narrative. */
	src = t->line <= p->scn->nr_lines ? p->scn->lines[t->line - 1] : "";
	hash = strchr(src, '#');
	s->src = sc_strndup(p->scn, src,
			    hash ? (gsize)(hash - src) : strlen(src));
	g_strstrip(s->src);
	return s;
}

static void end_of_stmt(struct parser *p)
{
	struct token *t = peek(p);

	if (t->type == TK_NL) {
		next(p);
		return;
	}
	if (t->type == TK_EOF || (is_punct(t, "}") && p->depth > 0))
		return;
	perr_tok(p, t, "unexpected '%s' after the statement", tok_desc(t));
}

/* '{' STATEMENTS '}', statements one a line or one inline. */
GPtrArray *parse_block(struct parser *p, stmt_parser fn, void *ctx)
{
	struct token *open = expect_punct(p, "{", "to open a block");
	GPtrArray *body = sc_ptrs(p->scn);

	if (++p->depth > SC_MAX_DEPTH)
		perr_tok(p, open, "blocks nested more than %d deep",
			 SC_MAX_DEPTH);
	for (;;) {
		struct token *t = peek(p);

		if (t->type == TK_NL) {
			next(p);
			continue;
		}
		if (t->type == TK_EOF)
			perr_tok(p, open,
				 "unterminated block: this '{' has "
				 "no matching '}'");
		if (accept_punct(p, "}"))
			break;
		g_ptr_array_add(body, fn(p, ctx));
		end_of_stmt(p);
	}
	p->depth--;
	return body;
}

void parse_loop(struct parser *p, struct sc_stmt *s, stmt_parser fn, void *ctx)
{
	struct token *count = peek(p);
	long long saved = p->runs, outer = saved ? saved : 1;

	s->count = parse_num(p, 0, SC_MAX_LOOP, "a loop count");
	if (s->count && outer * s->count > SC_MAX_LOOP)
		perr_tok(p, count,
			 "loop %lld times inside loops that run %lld times: "
			 "more than %ld runs of its body",
			 (long long)s->count, outer, SC_MAX_LOOP);
	p->runs = outer * s->count;
	s->body = parse_block(p, fn, ctx);
	p->runs = saved;
}

/* key=... : the key, with '=' consumed; NULL when no option follows. */
struct token *parse_opt_key(struct parser *p)
{
	struct token *t = peek(p);

	if (t->type != TK_WORD || !is_punct(peek2(p), "="))
		return NULL;
	next(p);
	next(p);
	return t;
}

/*
 * After a statement's key=value options: a word or number left is not
 * one of them.  'expected' says what was due ("an option such as uid=1000").
 */
void reject_stray_option(struct parser *p, const char *expected)
{
	struct token *t = peek(p);

	if (t->type == TK_WORD || t->type == TK_NUM)
		perr_tok(p, t, "expected %s, got '%s'", expected, t->text);
}

/* N pages: a page count and the word 'pages'. */
long parse_pages(struct parser *p, long min, const char *what)
{
	long n = parse_num(p, min, SC_MAX_PAGES, what);

	expect_word(p, "pages", "after the number of pages");
	return n;
}

/* ---- spawn, probes, top level ------------------------------------------- */

static void parse_spawn(struct parser *p, struct sc_stmt *s)
{
	struct token *t = peek(p);
	int saved = p->in_action_block;

	s->task = parse_task_ref(p);
	check_alive(p, s->task, t);
	if (s->task->kthread)
		perr_tok(p, t,
			 "'%s' is a kernel thread: it has no user "
			 "memory to work on",
			 s->task->name);
	s->count = 1;
	p->in_action_block = 1;
	if (accept_word(p, "loop"))
		parse_loop(p, s, parse_action, s->task);
	else
		s->body = parse_block(p, parse_action, s->task);
	p->in_action_block = saved;
}

static struct sc_stmt *parse_probe_stmt(struct parser *p, void *ctx)
{
	struct sc_stmt *rule = ctx;
	struct token *t = peek(p);
	struct sc_stmt *s = new_stmt(p, SC_S_RUN, t);

	if (t->type == TK_WORD &&
	    (is_word(t, "run") || is_word(t, "io") || is_word(t, "tick") ||
	     is_word(t, "writeback"))) {
		next(p);
		parse_control(p, s, t, rule);
	} else if (accept_word(p, "spawn")) {
		s->kind = SC_S_SPAWN;
		parse_spawn(p, s);
	} else if (accept_word(p, "show")) {
		s->kind = SC_S_SHOW;
		parse_show(p, s);
	} else if (accept_word(p, "expect")) {
		s->kind = SC_S_EXPECT;
		parse_expect(p, s);
		if (s->clean)
			perr_tok(p, t,
				 "'expect clean' needs every task "
				 "stopped: not in a probe");
	} else if (accept_word(p, "say")) {
		struct token *str = peek(p);

		s->kind = SC_S_SAY;
		if (str->type != TK_STR)
			perr_tok(p, str, "expected a \"string\" after say");
		s->text = next(p)->text;
	} else {
		perr_tok(p, t,
			 "unknown verb '%s' in a probe (run, spawn, "
			 "show, expect, say, io, writeback periodic or tick)",
			 tok_desc(t));
	}
	return s;
}

static void parse_on(struct parser *p, struct sc_stmt *s)
{
	struct token *t;

	s->task = parse_task_ref(p);
	t = peek(p);
	if (accept_word(p, "enter"))
		s->probe_kind = SIM_PROBE_ENTER;
	else if (accept_word(p, "exit"))
		s->probe_kind = SIM_PROBE_EXIT;
	else if (accept_word(p, "at"))
		s->probe_kind = SIM_PROBE_POINT;
	else
		perr_tok(p, t, "expected enter, exit or at, got '%s'",
			 tok_desc(t));
	t = expect_name(p, "a function or probe point");
	if (!sim_engine_probe_exists(t->text))
		perr_tok(p, t,
			 "no probe point '%s': not a function of "
			 "mm/migrate.c nor a named point",
			 t->text);
	s->probe = t->text;
	s->once = accept_word(p, "once");
	s->body = parse_block(p, parse_probe_stmt, s);
	g_ptr_array_add(p->scn->rules, s);
}

static struct sc_stmt *parse_top(struct parser *p, void *ctx);

static const char top_verbs[] = "machine, task, kthread, TASK:, spawn, join, "
				"on, expect, show, say, loop, run, file, "
				"fsync, truncate, io, writeback, tick, swapon, "
				"reclaim, cpuset or schedule";

static struct sc_stmt *parse_top(struct parser *p, void *ctx)
{
	struct scenario *scn = p->scn;
	struct token *t = peek(p);
	struct sc_stmt *s = new_stmt(p, SC_S_SAY, t);

	(void)ctx;
	if (t->type != TK_WORD)
		perr_tok(p, t, "expected a statement (%s), got '%s'", top_verbs,
			 tok_desc(t));
	if (!scn->has_machine && !is_word(t, "machine"))
		perr_tok(p, t,
			 "no machine yet: a scenario starts with "
			 "'machine nodes=N mem=SIZE'");
	if (is_punct(peek2(p), ":")) {
		struct sc_sym *task = parse_task_ref(p);

		check_alive(p, task, t);
		next(p); /* ':' */
		s->kind = SC_S_DO;
		s->task = task;
		s->action = parse_action(p, task);
		return s;
	}
	next(p);
	if (!strcmp(t->text, "machine")) {
		s->kind = SC_S_MACHINE;
		parse_machine(p, s, t);
	} else if (!strcmp(t->text, "task") || !strcmp(t->text, "kthread")) {
		s->kind = SC_S_TASK;
		parse_task(p, s, t->text[0] == 'k');
	} else if (!strcmp(t->text, "spawn")) {
		s->kind = SC_S_SPAWN;
		parse_spawn(p, s);
	} else if (!strcmp(t->text, "join")) {
		s->kind = SC_S_JOIN;
		if (peek(p)->type == TK_WORD)
			s->task = parse_task_ref(p);
	} else if (!strcmp(t->text, "on")) {
		s->kind = SC_S_ON;
		parse_on(p, s);
	} else if (!strcmp(t->text, "expect")) {
		s->kind = SC_S_EXPECT;
		parse_expect(p, s);
	} else if (!strcmp(t->text, "show")) {
		s->kind = SC_S_SHOW;
		parse_show(p, s);
	} else if (!strcmp(t->text, "say")) {
		struct token *str = peek(p);

		s->kind = SC_S_SAY;
		if (str->type != TK_STR)
			perr_tok(p, str, "expected a \"string\" after say");
		s->text = next(p)->text;
	} else if (!strcmp(t->text, "loop")) {
		s->kind = SC_S_LOOP;
		parse_loop(p, s, parse_top, NULL);
	} else if (!strcmp(t->text, "cpuset")) {
		parse_cpuset(p, s, t);
	} else if (!strcmp(t->text, "schedule")) {
		parse_schedule(p, s);
	} else if (parse_control(p, s, t, NULL)) {
		/* done */
	} else if (lookup_sym(p, t->text) &&
		   lookup_sym(p, t->text)->kind == SC_SYM_TASK) {
		perr_tok(p, peek(p), "expected ':' after the task name '%s'",
			 t->text);
	} else {
		perr_tok(p, t, "unknown verb '%s' (a statement is %s)", t->text,
			 top_verbs);
	}
	return s;
}

/* ---- the scenario ------------------------------------------------------- */

static void sym_free(gpointer data)
{
	struct sc_sym *s = data;

	if (s->status)
		g_array_unref(s->status);
	g_free(s->name);
	g_free(s);
}

static void array_free(gpointer data)
{
	g_array_unref(data);
}

static void ptr_array_free(gpointer data)
{
	g_ptr_array_unref(data);
}

void sc_free(struct scenario *scn)
{
	if (!scn)
		return;
	g_strfreev(scn->lines);
	g_ptr_array_unref(scn->syms);
	g_ptr_array_unref(scn->arrays);
	g_ptr_array_unref(scn->ptr_arrays);
	g_ptr_array_unref(scn->arena);
	g_free(scn->file);
	g_free(scn);
}

struct scenario *sc_parse(const char *file, const char *text, gsize len,
			  FILE *err)
{
	struct scenario *scn = g_new0(struct scenario, 1);
	struct parser *p = g_new0(struct parser, 1);
	struct scenario *ret = NULL;
	GPtrArray *lines;
	gsize i, start;
	char *line;

	scn->file = g_strdup(file);
	/*
	 * Lines for carets and the narrative: cut at every '\n' of the
	 * len bytes ('\r' shown as a blank; a NUL ends what is shown).
	 */
	lines = g_ptr_array_new();
	for (i = 0, start = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		line = g_strndup(text + start, i - start);
		g_strdelimit(line, "\r", ' ');
		g_ptr_array_add(lines, line);
		start = i + 1;
	}
	scn->nr_lines = lines->len;
	g_ptr_array_add(lines, NULL);
	scn->lines = (char **)g_ptr_array_free(lines, FALSE);
	scn->syms = g_ptr_array_new_with_free_func(sym_free);
	scn->arena = g_ptr_array_new_with_free_func(g_free);
	scn->arrays = g_ptr_array_new_with_free_func(array_free);
	scn->ptr_arrays = g_ptr_array_new_with_free_func(ptr_array_free);
	scn->stmts = sc_ptrs(scn);
	scn->rules = sc_ptrs(scn);
	scn->nr_cpus = 1;
	p->scn = scn;
	p->err = err;
	p->toks = g_array_new(FALSE, TRUE, sizeof(struct token));

	if (setjmp(p->fail))
		goto out;
	lex(p, text, len);
	for (;;) {
		struct token *t = peek(p);

		if (t->type == TK_NL) {
			next(p);
			continue;
		}
		if (t->type == TK_EOF)
			break;
		if (is_punct(t, "}"))
			perr_tok(p, t, "'}' without a block to close");
		g_ptr_array_add(scn->stmts, parse_top(p, NULL));
		end_of_stmt(p);
	}
	if (!scn->has_machine)
		perr(p, 1, 1,
		     "no machine: a scenario starts with 'machine "
		     "nodes=N mem=SIZE'");
	ret = scn;
out:
	g_array_unref(p->toks);
	g_free(p);
	if (!ret)
		sc_free(scn);
	return ret;
}
