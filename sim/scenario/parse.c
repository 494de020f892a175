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
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "../engine/engine.h"
#include "cli.h"
#include "scenario.h"

#define SC_PAGE_SIZE 4096ULL

/* MPOL_MF_* and capability numbers of 2.6.20, for the host world. */
#define SC_MPOL_MF_STRICT (1 << 0)
#define SC_MPOL_MF_MOVE (1 << 1)
#define SC_MPOL_MF_MOVE_ALL (1 << 2)

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
	{"ENOSYS", ENOSYS}, {"ERANGE", ERANGE},
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

static const struct {
	const char *name;
	int bit;
} capabilities[] = {
	{"KILL", 5},
	{"SETUID", 7},
	{"IPC_LOCK", 14},
	{"SYS_ADMIN", 21},
	{"SYS_NICE", SIM_CAP_SYS_NICE},
	{"SYS_RESOURCE", 24},
};

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
};

/* Policy names, in MPOL_* order (MPOL_DEFAULT 0 .. MPOL_INTERLEAVE 3). */
static const char *const policies[] = {
	"default",
	"preferred",
	"bind",
	"interleave",
};

static int policy_value(const char *name)
{
	gsize i;

	for (i = 0; i < G_N_ELEMENTS(policies); i++)
		if (!strcmp(policies[i], name))
			return i;
	return -1;
}

/* simfs flavours (include/sim/kernel.h, reference section 4.3). */
static const char *const flavours[] = {
	"ext2", "nomigrate", "shmem", "failmigrate", "ramdisk",
};

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
};

static void *sc_alloc(struct scenario *scn, gsize size)
{
	void *p = g_malloc0(size);

	g_ptr_array_add(scn->arena, p);
	return p;
}

static char *sc_strndup(struct scenario *scn, const char *s, gsize len)
{
	char *p = g_strndup(s, len);

	g_ptr_array_add(scn->arena, p);
	return p;
}

static GArray *sc_array(struct scenario *scn, gsize elt)
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

static void G_GNUC_PRINTF(4, 5) G_GNUC_NORETURN
	perr(struct parser *p, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vperr(p, line, col, fmt, ap);
}

static void perr_tok(struct parser *p, const struct token *t, const char *fmt,
		     ...) G_GNUC_PRINTF(3, 4) G_GNUC_NORETURN;

static void perr_tok(struct parser *p, const struct token *t, const char *fmt,
		     ...)
{
	va_list ap;

	va_start(ap, fmt);
	vperr(p, t->line, t->col, fmt, ap);
}

/* How a token reads in a message. */
static const char *tok_desc(const struct token *t)
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

static struct token *peek(struct parser *p)
{
	return &g_array_index(p->toks, struct token, p->pos);
}

static struct token *peek2(struct parser *p)
{
	guint i = p->pos + 1;

	if (i >= p->toks->len)
		i = p->toks->len - 1;
	return &g_array_index(p->toks, struct token, i);
}

static struct token *next(struct parser *p)
{
	struct token *t = peek(p);

	if (t->type != TK_EOF)
		p->pos++;
	return t;
}

static gboolean is_punct(const struct token *t, const char *s)
{
	return t->type == TK_PUNCT && !strcmp(t->text, s);
}

static gboolean is_word(const struct token *t, const char *s)
{
	return t->type == TK_WORD && !strcmp(t->text, s);
}

static gboolean accept_punct(struct parser *p, const char *s)
{
	if (!is_punct(peek(p), s))
		return FALSE;
	next(p);
	return TRUE;
}

static gboolean accept_word(struct parser *p, const char *s)
{
	if (!is_word(peek(p), s))
		return FALSE;
	next(p);
	return TRUE;
}

static struct token *expect_punct(struct parser *p, const char *s,
				  const char *what)
{
	struct token *t = peek(p);

	if (!is_punct(t, s))
		perr_tok(p, t, "expected '%s' %s, got '%s'", s, what,
			 tok_desc(t));
	return next(p);
}

static void expect_word(struct parser *p, const char *s, const char *what)
{
	struct token *t = peek(p);

	if (!is_word(t, s))
		perr_tok(p, t, "expected '%s' %s, got '%s'", s, what,
			 tok_desc(t));
	next(p);
}

static struct token *expect_name(struct parser *p, const char *what)
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
static gboolean number_value(const char *s, unsigned long long *out)
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

/* A number token in [min, max]; 'what' names it in the range error. */
static long long parse_num(struct parser *p, long long min, long long max,
			   const char *what)
{
	struct token *t = peek(p);
	unsigned long long v;
	int neg = 0;

	if (is_punct(t, "-") && peek2(p)->type == TK_NUM && min < 0) {
		next(p);
		neg = 1;
		t = peek(p);
	}
	if (t->type != TK_NUM)
		perr_tok(p, t, "expected %s, got '%s'", what, tok_desc(t));
	if (!number_value(t->text, &v))
		perr_tok(p, t, "bad number '%s'", t->text);
	if (v > (unsigned long long)G_MAXINT64 ||
	    (neg ? -(long long)v < min : (long long)v > max) ||
	    (!neg && (long long)v < min))
		perr_tok(p, t, "%s must be between %lld and %lld (got %s%s)",
			 what, min, max, neg ? "-" : "", t->text);
	next(p);
	return neg ? -(long long)v : (long long)v;
}

/* ---- names -------------------------------------------------------------- */

static struct sc_sym *lookup(struct parser *p, const char *name)
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

static const char *sym_kind_name(const struct sc_sym *s)
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
static struct sc_sym *define(struct parser *p, const struct token *t,
			     enum sc_sym_kind kind)
{
	struct sc_sym *s = lookup(p, t->text);

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

static struct sc_sym *parse_task_ref(struct parser *p)
{
	struct token *t = expect_name(p, "a task name");
	struct sc_sym *s = lookup(p, t->text);

	if (!s || s->kind != SC_SYM_TASK) {
		if (s)
			perr_tok(p, t, "'%s' is %s, not a task", t->text,
				 sym_kind_name(s));
		perr_tok(p, t, "unknown task '%s'", t->text);
	}
	return s;
}

/* A statement by 'task' after its top-level exit cannot happen. */
static void check_alive(struct parser *p, struct sc_sym *task,
			const struct token *t)
{
	if (task->exit_line)
		perr_tok(p, t, "task '%s' has exited (line %d)", task->name,
			 task->exit_line);
}

/* A file's name where a file is due: "unknown file" if there is none. */
static struct sc_sym *parse_file_ref(struct parser *p)
{
	struct token *t = expect_name(p, "a file");
	struct sc_sym *s = lookup(p, t->text);

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

/* What a range may name: a buffer, a file, or either. */
enum range_of { RANGE_BUF = 1, RANGE_FILE = 2, RANGE_ANY = 3 };

/* The bounds of one page index or a..b of s, already after '[' */
static void parse_bounds(struct parser *p, struct sc_sym *s, struct sc_range *r)
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
static void parse_range_of(struct parser *p, struct sc_range *r,
			   enum range_of what)
{
	struct token *t =
		expect_name(p, what == RANGE_FILE ? "a file" : "a buffer");
	struct sc_sym *s = lookup(p, t->text);

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

static void parse_range(struct parser *p, struct sc_range *r)
{
	parse_range_of(p, r, RANGE_BUF);
}

/* ---- statements --------------------------------------------------------- */

static struct sc_stmt *new_stmt(struct parser *p, enum sc_stmt_kind kind,
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

typedef struct sc_stmt *(*stmt_parser)(struct parser *p, void *ctx);

/* '{' STATEMENTS '}', statements one a line or one inline. */
static GPtrArray *parse_block(struct parser *p, stmt_parser fn, void *ctx)
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

/* key=... : the key, with '=' consumed; NULL when no option follows. */
static struct token *parse_opt_key(struct parser *p)
{
	struct token *t = peek(p);

	if (t->type != TK_WORD || !is_punct(peek2(p), "="))
		return NULL;
	next(p);
	next(p);
	return t;
}

/* ---- actions ------------------------------------------------------------- */

static struct sc_stmt *parse_action(struct parser *p, void *ctx);

static const char action_verbs[] = "mmap, munmap, fork, exit, write, read, "
				   "touch, move_pages, mbind, set_mempolicy, "
				   "get_mempolicy, migrate_pages, fsync, "
				   "truncate, swapout, selftest or loop";

/* N pages: a page count and the word 'pages'. */
static long parse_pages(struct parser *p, long min, const char *what)
{
	long n = parse_num(p, min, SC_MAX_PAGES, what);

	expect_word(p, "pages", "after the number of pages");
	return n;
}

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

/* truncate FILE to N pages: the file's size from here on. */
static void parse_truncate(struct parser *p, struct sc_stmt *s)
{
	s->kind = SC_S_TRUNCATE;
	s->var = parse_file_ref(p);
	expect_word(p, "to", "after the file (truncate FILE to N pages)");
	s->arg = parse_pages(p, 0, "a number of pages");
	s->var->pages = s->arg;
}

/* MOVE|MOVE_ALL|N, and STRICT too for mbind. */
static int parse_flags(struct parser *p, int strict)
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
		else if (t->type == TK_NUM)
			flags |= parse_num(p, 0, G_MAXINT32, "flags");
		else
			perr_tok(p, t,
				 "unknown flag '%s' (%sMOVE, MOVE_ALL or "
				 "a number)",
				 tok_desc(t), strict ? "STRICT, " : "");
	} while (accept_punct(p, "|"));
	return flags;
}

/* POLICY: default, preferred, bind or interleave; its MPOL_* number. */
static int parse_policy(struct parser *p)
{
	struct token *t = peek(p);
	int v;

	if (t->type != TK_WORD)
		perr_tok(p, t,
			 "expected a policy (default, preferred, bind or "
			 "interleave), got '%s'",
			 tok_desc(t));
	v = policy_value(t->text);
	if (v < 0)
		perr_tok(p, t,
			 "unknown policy '%s' (default, preferred, bind "
			 "or interleave)",
			 t->text);
	next(p);
	return v;
}

/* One node of a node list: a number below the machine's node count. */
static long parse_list_node(struct parser *p)
{
	struct token *t = peek(p);
	int nr = p->scn->machine.nr_nodes;
	unsigned long long v;

	if (t->type != TK_NUM)
		perr_tok(p, t,
			 "expected a node list such as 0,1 or 0-1, got "
			 "'%s'",
			 tok_desc(t));
	if (!number_value(t->text, &v))
		perr_tok(p, t, "bad number '%s'", t->text);
	if (v >= (unsigned long long)nr)
		perr_tok(p, t, "node %s is beyond the machine (nodes 0..%d)",
			 t->text, nr - 1);
	next(p);
	return v;
}

/* NODES: 0,1 or 0-1 or 0,2-3, as cpusets and numactl write them. */
static unsigned long long parse_nodes(struct parser *p)
{
	unsigned long long mask = 0;

	do {
		struct token *t = peek(p);
		long a = parse_list_node(p), b = a, n;

		if (accept_punct(p, "-")) {
			b = parse_list_node(p);
			if (b < a)
				perr_tok(p, t, "empty node range %ld-%ld", a,
					 b);
		}
		for (n = a; n <= b; n++)
			mask |= 1ULL << n;
	} while (accept_punct(p, ","));
	return mask;
}

/* Optional NODES: none (an empty mask) unless a number follows. */
static unsigned long long parse_opt_nodes(struct parser *p)
{
	return peek(p)->type == TK_NUM ? parse_nodes(p) : 0;
}

/* mbind RANGE POLICY [NODES] [flags=STRICT|MOVE|MOVE_ALL] */
static void parse_mbind(struct parser *p, struct sc_stmt *s)
{
	struct token *t;

	s->kind = SC_A_MBIND;
	parse_range(p, &s->range);
	s->policy = parse_policy(p);
	s->nodes = parse_opt_nodes(p);
	while ((t = parse_opt_key(p))) {
		if (strcmp(t->text, "flags"))
			perr_tok(p, t, "unknown option '%s' (flags=)", t->text);
		s->flags = parse_flags(p, 1);
	}
}

/* migrate_pages TASK from NODES to NODES */
static void parse_migrate_pages(struct parser *p, struct sc_stmt *s)
{
	s->kind = SC_A_MIGRATE_PAGES;
	s->target = parse_task_ref(p);
	expect_word(p, "from",
		    "after the task (migrate_pages TASK from "
		    "NODES to NODES)");
	s->from = parse_nodes(p);
	expect_word(p, "to",
		    "after the nodes (migrate_pages TASK from "
		    "NODES to NODES)");
	s->nodes = parse_nodes(p);
}

/* cpuset TASK mems=NODES [memory_migrate] */
static void parse_cpuset(struct parser *p, struct sc_stmt *s, struct token *kw)
{
	struct token *who = peek(p), *t, *mems_tok = NULL;

	s->kind = SC_S_CPUSET;
	s->task = parse_task_ref(p);
	check_alive(p, s->task, who);
	for (;;) {
		if (accept_word(p, "memory_migrate")) {
			s->flags = 1;
			continue;
		}
		t = parse_opt_key(p);
		if (!t)
			break;
		if (strcmp(t->text, "mems"))
			perr_tok(p, t,
				 "unknown option '%s' (mems=, "
				 "memory_migrate)",
				 t->text);
		mems_tok = t;
		s->nodes = parse_nodes(p);
	}
	if (peek(p)->type == TK_WORD || peek(p)->type == TK_NUM)
		perr_tok(p, peek(p),
			 "expected mems=NODES or memory_migrate, "
			 "got '%s'",
			 peek(p)->text);
	if (!mems_tok)
		perr_tok(p, kw,
			 "cpuset needs mems= (e.g. cpuset %s mems=1 "
			 "memory_migrate)",
			 s->task->name);
}

static void parse_move_pages(struct parser *p, struct sc_stmt *s,
			     struct token *var)
{
	struct token *t;

	s->kind = SC_A_MOVE_PAGES;
	s->target = parse_task_ref(p);
	parse_range(p, &s->range);
	s->var = define(p, var, SC_SYM_STATUS);
	s->var->pages = s->range.last - s->range.first;
	t = peek(p);
	if (accept_word(p, "stat")) {
		s->node = -1;
		return;
	}
	if (!accept_word(p, "to"))
		perr_tok(p, t, "expected 'to NODE' or 'stat', got '%s'",
			 tok_desc(t));
	s->node = parse_num(p, 0, SIM_MAX_NODES - 1, "a node");
	s->flags = SC_MPOL_MF_MOVE;
	while ((t = parse_opt_key(p))) {
		if (strcmp(t->text, "flags"))
			perr_tok(p, t, "unknown option '%s' (flags=)", t->text);
		s->flags = parse_flags(p, 0);
	}
}

static void parse_binding(struct parser *p, struct sc_stmt *s,
			  struct sc_sym *task)
{
	struct token *var = next(p);
	struct token *verb;

	next(p); /* '=' */
	verb = expect_name(p, "mmap, fork or move_pages");
	if (!strcmp(verb->text, "mmap")) {
		struct token *what = peek(p);
		struct sc_sym *file = NULL;

		s->kind = SC_A_MMAP;
		if (accept_word(p, "anon")) {
			s->count = parse_pages(p, 1, "a number of pages");
			parse_mmap_opts(p, s, 1);
		} else if (what->type == TK_WORD) {
			file = parse_file_ref(p);
			if (!file->pages)
				perr_tok(p, what,
					 "file '%s' has no pages: "
					 "nothing to map",
					 file->name);
			s->count = file->pages;
			parse_mmap_opts(p, s, 0);
		} else {
			perr_tok(p, what,
				 "expected 'anon' or a file after "
				 "mmap, got '%s'",
				 tok_desc(what));
		}
		s->var = define(p, var, SC_SYM_BUF);
		s->var->pages = s->count;
		s->var->file = file;
		s->var->shared = s->shared;
		s->target = file; /* the file, at run time */
	} else if (!strcmp(verb->text, "fork")) {
		struct sc_sym *child;
		struct token *name = NULL;

		s->kind = SC_A_FORK;
		if (p->in_action_block)
			perr_tok(p, verb,
				 "fork only as a statement of its "
				 "own (TASK: child = fork), not in a block");
		if (peek(p)->type == TK_WORD)
			name = next(p);
		child = define(p, var, SC_SYM_TASK);
		child->cfg = task->cfg;
		child->cfg.name = name ? name->text : child->name;
		if (name && strlen(name->text) > 15)
			perr_tok(p, name,
				 "task name '%s' is longer than 15 "
				 "characters",
				 name->text);
		if (strlen(child->name) > 15 && !name)
			perr_tok(p, var,
				 "task name '%s' is longer than 15 "
				 "characters",
				 var->text);
		child->parent = task;
		child->index = p->scn->nr_tasks++;
		if (p->scn->nr_tasks > SC_MAX_TASKS)
			perr_tok(p, var, "more than %d tasks", SC_MAX_TASKS);
		s->var = child;
	} else if (!strcmp(verb->text, "move_pages")) {
		parse_move_pages(p, s, var);
	} else {
		perr_tok(p, verb,
			 "unknown verb '%s' after '=' (mmap, fork or "
			 "move_pages)",
			 verb->text);
	}
}

static struct sc_stmt *parse_action(struct parser *p, void *ctx)
{
	struct sc_sym *task = ctx;
	struct token *t = peek(p);
	struct sc_stmt *s = new_stmt(p, SC_A_EXIT, t);

	s->task = task;
	if (t->type != TK_WORD)
		perr_tok(p, t, "expected a verb (%s), got '%s'", action_verbs,
			 tok_desc(t));
	if (task->kthread)
		perr_tok(p, t,
			 "'%s' is a kernel thread: it has no user "
			 "memory to %s",
			 task->name, t->text);
	/* 'ret = mbind ...': the memory-policy calls may say where ret goes */
	if (is_word(t, "ret") && is_punct(peek2(p), "=") &&
	    p->pos + 2 < p->toks->len) {
		struct token *v =
			&g_array_index(p->toks, struct token, p->pos + 2);

		if (is_word(v, "mbind") || is_word(v, "set_mempolicy") ||
		    is_word(v, "get_mempolicy") ||
		    is_word(v, "migrate_pages")) {
			next(p);
			next(p);
			t = peek(p);
		}
	}
	if (is_punct(peek2(p), "=")) {
		parse_binding(p, s, task);
		return s;
	}
	next(p);
	if (!strcmp(t->text, "munmap")) {
		s->kind = SC_A_MUNMAP;
		parse_range(p, &s->range);
	} else if (!strcmp(t->text, "exit")) {
		s->kind = SC_A_EXIT;
		task->exit_line = t->line;
	} else if (!strcmp(t->text, "write")) {
		struct token *w = peek(p);

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
				 "expected fill=BYTE, pattern or counter "
				 "after the range, got '%s'",
				 tok_desc(w));
		}
	} else if (!strcmp(t->text, "read")) {
		s->kind = SC_A_READ;
		parse_range_of(p, &s->range, RANGE_ANY);
	} else if (!strcmp(t->text, "fsync")) {
		s->kind = SC_S_FSYNC;
		s->var = parse_file_ref(p);
	} else if (!strcmp(t->text, "truncate")) {
		parse_truncate(p, s);
	} else if (!strcmp(t->text, "swapout")) {
		/* swapout RANGE (its own pages) or swapout TASK RANGE */
		struct sc_sym *o = peek(p)->type == TK_WORD
					   ? lookup(p, peek(p)->text)
					   : NULL;

		s->kind = SC_A_SWAPOUT;
		if (o && o->kind == SC_SYM_TASK)
			s->target = parse_task_ref(p);
		parse_range(p, &s->range);
	} else if (!strcmp(t->text, "selftest")) {
		/* selftest NAME: one of sim/kernel/selftest.c's wrong deeds */
		struct token *n = expect_name(p, "a selftest name");
		int i;

		s->kind = SC_A_SELFTEST;
		s->selftest = n->text;
		for (i = 0; sim_selftests[i]; i++)
			if (!strcmp(n->text, sim_selftests[i]))
				break;
		if (!sim_selftests[i]) {
			g_autofree char *names =
				g_strjoinv(", ", (char **)sim_selftests);

			perr_tok(p, n, "unknown selftest '%s' (there are %s)",
				 n->text, names);
		}
	} else if (!strcmp(t->text, "mbind")) {
		parse_mbind(p, s);
	} else if (!strcmp(t->text, "set_mempolicy")) {
		s->kind = SC_A_SET_MEMPOLICY;
		s->policy = parse_policy(p);
		s->nodes = parse_opt_nodes(p);
	} else if (!strcmp(t->text, "get_mempolicy")) {
		/* the task's policy, or (MPOL_F_ADDR) the one at a range */
		s->kind = SC_A_GET_MEMPOLICY;
		if (peek(p)->type == TK_WORD)
			parse_range(p, &s->range);
		if (!task->getpol_line)
			task->getpol_line = t->line;
	} else if (!strcmp(t->text, "migrate_pages")) {
		parse_migrate_pages(p, s);
	} else if (!strcmp(t->text, "touch")) {
		s->kind = SC_A_TOUCH;
		parse_range(p, &s->range);
		s->write = accept_word(p, "write");
	} else if (!strcmp(t->text, "loop")) {
		int saved = p->in_action_block;

		s->kind = SC_S_LOOP;
		s->count = parse_num(p, 0, SC_MAX_LOOP, "a loop count");
		p->in_action_block = 1;
		s->body = parse_block(p, parse_action, task);
		p->in_action_block = saved;
	} else {
		perr_tok(p, t, "unknown verb '%s' (a task can %s)", t->text,
			 action_verbs);
	}
	return s;
}

/* ---- expectations -------------------------------------------------------- */

static long long parse_scalar(struct parser *p, const char *what)
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
		if (!e)
			perr_tok(p, t,
				 "unknown name '%s' (an errno name such "
				 "as EACCES?)",
				 t->text);
		next(p);
		return neg ? -e : e;
	}
	return parse_num(p, G_MININT64 + 1, G_MAXINT64, what);
}

/* [a, b, ...] [* N] [+ [...] ...] */
static GArray *parse_list(struct parser *p)
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

static struct sc_term *parse_term(struct parser *p)
{
	struct sc_term *tm = sc_alloc(p->scn, sizeof(*tm));
	struct token *t = peek(p);
	struct sc_sym *s;

	tm->line = t->line;
	tm->col = t->col;
	if (is_punct(t, "[")) {
		tm->kind = SC_T_LIST;
		tm->list = parse_list(p);
		return tm;
	}
	if (t->type == TK_NUM || is_punct(t, "-") || is_word(t, "unset") ||
	    (t->type == TK_WORD && sc_errno_value(t->text))) {
		tm->kind = SC_T_INT;
		tm->val = parse_scalar(p, "a number");
		return tm;
	}
	if (t->type != TK_WORD)
		perr_tok(p, t, "expected a value, got '%s'", tok_desc(t));
	next(p);
	if (policy_value(t->text) >= 0) {
		tm->kind = SC_T_INT;
		tm->val = policy_value(t->text);
		return tm;
	}
	if (!strcmp(t->text, "ret")) {
		tm->kind = SC_T_RET;
		return tm;
	}
	if (!strcmp(t->text, "pattern")) {
		tm->kind = SC_T_PATTERN;
		return tm;
	}
	if (is_punct(peek(p), "(")) {
		static const struct {
			const char *name;
			enum sc_term_kind kind;
		} fns[] = {
			{"node", SC_T_NODE},
			{"bytes", SC_T_BYTES},
			{"word", SC_T_WORD},
			{"vmstat", SC_T_VMSTAT},
			{"count", SC_T_COUNT},
			{"free", SC_T_FREE},
			{"pagecache", SC_T_PAGECACHE},
			{"filenode", SC_T_FILENODE},
			{"io", SC_T_IO},
			{"swap", SC_T_SWAP},
			{"policy", SC_T_POLICY},
			{"policynodes", SC_T_POLICYNODES},
		};
		static const char *const io_names[] = {
			"writes",
			"reads",
			"errors",
			"in_flight",
		};
		struct token *nt;
		gsize k;
		gsize i;

		for (i = 0; i < G_N_ELEMENTS(fns); i++)
			if (!strcmp(fns[i].name, t->text))
				break;
		if (i == G_N_ELEMENTS(fns))
			perr_tok(p, t,
				 "unknown function '%s' (node, bytes, "
				 "word, vmstat, count, free, pagecache, "
				 "filenode, io, swap, policy or policynodes)",
				 t->text);
		next(p);
		tm->kind = fns[i].kind;
		switch (tm->kind) {
		case SC_T_NODE:
		case SC_T_BYTES:
		case SC_T_WORD:
			tm->sym = parse_task_ref(p);
			expect_punct(p, ",", "between the task and the range");
			parse_range(p, &tm->range);
			break;
		case SC_T_VMSTAT:
		case SC_T_COUNT:
			tm->name = expect_name(p, "a counter name")->text;
			break;
		case SC_T_PAGECACHE:
			tm->sym = parse_file_ref(p);
			break;
		case SC_T_POLICY:
		case SC_T_POLICYNODES: {
			struct token *who = peek(p);

			tm->sym = parse_task_ref(p);
			if (!tm->sym->getpol_line)
				perr_tok(p, who,
					 "'%s' has not called "
					 "get_mempolicy (%s: get_mempolicy "
					 "first)",
					 who->text, who->text);
			break;
		}
		case SC_T_FILENODE:
			/* filenode(f), filenode(f, 3), filenode(f, 0..4) */
			tm->sym = parse_file_ref(p);
			tm->range.buf = tm->sym;
			tm->range.line = tm->line;
			tm->range.col = tm->col;
			tm->range.first = 0;
			tm->range.last = tm->sym->pages;
			if (accept_punct(p, ","))
				parse_bounds(p, tm->sym, &tm->range);
			else if (!tm->sym->pages)
				perr_tok(p, t, "file '%s' has no pages",
					 tm->sym->name);
			break;
		case SC_T_IO:
		case SC_T_SWAP:
			nt = expect_name(
				p,
				tm->kind == SC_T_IO
					? "writes, reads, errors or in_flight"
					: "free or total");
			for (k = 0;
			     tm->kind == SC_T_IO && k < G_N_ELEMENTS(io_names);
			     k++)
				if (!strcmp(nt->text, io_names[k]))
					break;
			if (tm->kind == SC_T_IO && k == G_N_ELEMENTS(io_names))
				perr_tok(p, nt,
					 "no I/O counter '%s' (writes, "
					 "reads, errors or in_flight)",
					 nt->text);
			if (tm->kind == SC_T_SWAP && strcmp(nt->text, "free") &&
			    strcmp(nt->text, "total"))
				perr_tok(p, nt,
					 "no swap counter '%s' (free or "
					 "total)",
					 nt->text);
			tm->name = nt->text;
			break;
		default:
			tm->val = parse_num(p, 0, SIM_MAX_NODES - 1, "a node");
			break;
		}
		expect_punct(p, ")", "to close the call");
		return tm;
	}
	s = lookup(p, t->text);
	if (!s)
		perr_tok(p, t, "undefined name '%s'", t->text);
	if (s->kind == SC_SYM_FILE)
		perr_tok(p, t,
			 "'%s' is a file: compare pagecache(%s) or "
			 "filenode(%s, PAGE) instead",
			 t->text, t->text, t->text);
	if (s->kind != SC_SYM_STATUS)
		perr_tok(p, t,
			 "'%s' is %s: compare node(TASK, %s) or "
			 "bytes(TASK, %s) instead",
			 t->text, sym_kind_name(s), t->text, t->text);
	tm->sym = s;
	tm->kind = SC_T_STATUS;
	if (accept_punct(p, "[")) {
		struct token *it = peek(p);

		tm->kind = SC_T_INDEX;
		tm->val = parse_num(p, 0, G_MAXINT64, "an index");
		if (tm->val >= s->pages)
			perr_tok(p, it,
				 "range out of bounds: '%s' has %ld "
				 "entries (0..%ld), no entry %lld",
				 s->name, s->pages, s->pages - 1, tm->val);
		expect_punct(p, "]", "to close the index");
	}
	return tm;
}

static gboolean term_is_list(const struct sc_term *t)
{
	return t->kind == SC_T_LIST || t->kind == SC_T_STATUS ||
	       t->kind == SC_T_NODE || t->kind == SC_T_WORD ||
	       t->kind == SC_T_FILENODE || t->kind == SC_T_POLICYNODES;
}

static void parse_expect(struct parser *p, struct sc_stmt *s)
{
	static const struct {
		const char *op;
		enum sc_cmp cmp;
	} ops[] = {
		{"==", SC_EQ}, {"!=", SC_NE}, {"<", SC_LT},
		{"<=", SC_LE}, {">", SC_GT},  {">=", SC_GE},
	};
	struct token *t;
	gsize i;

	if (accept_word(p, "clean")) {
		s->clean = 1;
		return;
	}
	s->lhs = parse_term(p);
	t = peek(p);
	for (i = 0; i < G_N_ELEMENTS(ops); i++)
		if (is_punct(t, ops[i].op))
			break;
	if (i == G_N_ELEMENTS(ops))
		perr_tok(p, t,
			 "expected a comparison (==, !=, <, <=, >, >=), "
			 "got '%s'",
			 tok_desc(t));
	next(p);
	s->cmp = ops[i].cmp;
	s->rhs = parse_term(p);
	if (s->lhs->kind == SC_T_PATTERN)
		perr(p, s->lhs->line, s->lhs->col,
		     "'pattern' goes on the "
		     "right of bytes(...) ==");
	if (s->rhs->kind == SC_T_PATTERN && s->lhs->kind != SC_T_BYTES)
		perr(p, s->rhs->line, s->rhs->col,
		     "'pattern' compares only "
		     "with bytes(TASK, RANGE)");
	if (s->lhs->kind == SC_T_BYTES) {
		if (s->rhs->kind != SC_T_PATTERN && s->rhs->kind != SC_T_INT)
			perr(p, s->rhs->line, s->rhs->col,
			     "bytes(...) "
			     "compares with a byte value or 'pattern'");
		if (s->cmp != SC_EQ && s->cmp != SC_NE)
			perr(p, t->line, t->col,
			     "bytes(...) compares only "
			     "with == or !=");
		if (s->rhs->kind == SC_T_INT &&
		    (s->rhs->val < 0 || s->rhs->val > 255))
			perr(p, s->rhs->line, s->rhs->col,
			     "a byte is 0 to "
			     "255 (got %lld)",
			     s->rhs->val);
	} else if (s->rhs->kind == SC_T_BYTES) {
		perr(p, s->rhs->line, s->rhs->col,
		     "put bytes(...) on the "
		     "left of the comparison");
	}
	if (term_is_list(s->lhs) && term_is_list(s->rhs) && s->cmp != SC_EQ &&
	    s->cmp != SC_NE)
		perr(p, t->line, t->col,
		     "two lists compare only with == or "
		     "!=");
}

/* ---- views ------------------------------------------------------------- */

static void parse_show(struct parser *p, struct sc_stmt *s)
{
	static const char *const proc[] = {"zoneinfo", "buddyinfo", "vmstat",
					   "meminfo"};
	static const char *const task_views[] = {"numa_maps", "maps", "status"};
	struct token *t = expect_name(p, "a view");
	gsize i;

	s->view = t->text;
	for (i = 0; i < G_N_ELEMENTS(proc); i++)
		if (!strcmp(t->text, proc[i])) {
			s->show = SC_SHOW_PROC;
			return;
		}
	for (i = 0; i < G_N_ELEMENTS(task_views); i++)
		if (!strcmp(t->text, task_views[i])) {
			s->show = SC_SHOW_TASK;
			s->task = parse_task_ref(p);
			return;
		}
	if (!strcmp(t->text, "pte") || !strcmp(t->text, "page")) {
		s->show = t->text[1] == 't' ? SC_SHOW_PTE : SC_SHOW_PAGE;
		s->task = parse_task_ref(p);
		parse_range(p, &s->range);
		return;
	}
	perr_tok(p, t,
		 "no view '%s' (zoneinfo, buddyinfo, vmstat, meminfo, "
		 "numa_maps, maps, status, pte or page)",
		 t->text);
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
	if (accept_word(p, "loop"))
		s->count = parse_num(p, 0, SC_MAX_LOOP, "a loop count");
	p->in_action_block = 1;
	s->body = parse_block(p, parse_action, s->task);
	p->in_action_block = saved;
}

static gboolean parse_control(struct parser *p, struct sc_stmt *s,
			      struct token *t, struct sc_stmt *probe);

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

static void parse_machine(struct parser *p, struct sc_stmt *s, struct token *kw)
{
	struct scenario *scn = p->scn;
	struct sim_machine_config *cfg = &scn->machine;
	struct token *mem_tok = NULL, *dist_tok = NULL, *nodes_tok = NULL;
	struct token *cpus_tok = NULL, *kswapd_tok = NULL, *t;
	unsigned long long mem[SIM_MAX_NODES];
	char *dist_text = NULL;
	int nr_mem = 0, i;
	long nodes = 0, cpus = 1;
	char why[256];

	if (scn->has_machine)
		perr_tok(p, kw, "the machine is already defined (line %d)",
			 scn->machine_line);
	for (;;) {
		/* the one flag: kswapd, without '=' */
		if (is_word(peek(p), "kswapd") && !is_punct(peek2(p), "=")) {
			if (kswapd_tok)
				perr_tok(p, peek(p),
					 "kswapd is already given (column "
					 "%d)",
					 kswapd_tok->col);
			kswapd_tok = next(p);
			continue;
		}
		t = parse_opt_key(p);
		if (!t)
			break;
		if (!strcmp(t->text, "kswapd")) {
			perr_tok(p, t,
				 "kswapd is a flag, without a value "
				 "(machine nodes=2 mem=16M kswapd)");
		} else if (!strcmp(t->text, "nodes")) {
			nodes_tok = t;
			nodes = parse_num(p, 1, SIM_MAX_NODES, "nodes");
		} else if (!strcmp(t->text, "cpus")) {
			cpus_tok = t;
			cpus = parse_num(p, 1, SIM_MAX_CPUS, "cpus");
		} else if (!strcmp(t->text, "mem")) {
			mem_tok = t;
			nr_mem = 0;
			do {
				struct token *v = peek(p);
				GError *error = NULL;

				if (v->type != TK_NUM)
					perr_tok(p, v,
						 "expected a size such "
						 "as 64M, got '%s'",
						 tok_desc(v));
				if (nr_mem == SIM_MAX_NODES)
					perr_tok(p, v, "more than %d sizes",
						 SIM_MAX_NODES);
				if (!cli_parse_size(v->text, &mem[nr_mem],
						    &error)) {
					g_error_free(error);
					perr_tok(p, v,
						 "bad size '%s' (bytes, "
						 "or a number with K, M, G "
						 "or T, e.g. 64M)",
						 v->text);
				}
				if (!mem[nr_mem] || mem[nr_mem] % SC_PAGE_SIZE)
					perr_tok(p, v,
						 "a node's memory must "
						 "be a non-zero multiple of "
						 "the 4096-byte page (got "
						 "%s)",
						 v->text);
				nr_mem++;
				next(p);
			} while (accept_punct(p, ","));
		} else if (!strcmp(t->text, "distance")) {
			/*
			 * The raw text up to the next blank, e.g.
			 * 10,20;20,10: the tokens that touch each other.
			 */
			GString *raw = g_string_new(NULL);
			struct token *v = peek(p);
			int end = v->col;

			dist_tok = v;
			while (peek(p)->type != TK_NL &&
			       peek(p)->type != TK_EOF &&
			       peek(p)->line == v->line &&
			       peek(p)->col == end) {
				g_string_append(raw, peek(p)->text);
				end = next(p)->end_col;
			}
			dist_text = sc_strndup(scn, raw->str, raw->len);
			g_string_free(raw, TRUE);
		} else {
			perr_tok(p, t,
				 "unknown option '%s' (nodes=, cpus=, "
				 "mem=, distance=, kswapd)",
				 t->text);
		}
	}
	if (peek(p)->type == TK_WORD || peek(p)->type == TK_NUM)
		perr_tok(p, peek(p),
			 "expected an option such as nodes=2, got "
			 "'%s'",
			 peek(p)->text);
	if (!nodes_tok)
		perr_tok(p, kw,
			 "machine needs nodes= (e.g. machine nodes=2 "
			 "mem=64M)");
	if (!mem_tok)
		perr_tok(p, kw,
			 "machine needs mem= (e.g. machine nodes=2 "
			 "mem=64M)");
	if (nr_mem != 1 && nr_mem != nodes)
		perr_tok(p, mem_tok,
			 "%d sizes for %ld nodes (one for all, or "
			 "one per node)",
			 nr_mem, nodes);
	if (nodes * cpus > SIM_MAX_CPUS)
		perr_tok(p, cpus_tok ? cpus_tok : kw,
			 "impossible machine: %ld "
			 "nodes of %ld CPUs is more than the %d CPUs "
			 "simulated",
			 nodes, cpus, SIM_MAX_CPUS);
	sim_machine_defaults(cfg, nodes, mem[0]);
	cfg->cpus_per_node = cpus;
	cfg->kswapd = kswapd_tok != NULL;
	for (i = 0; i < nodes; i++)
		cfg->mem[i] = mem[nr_mem == 1 ? 0 : i];
	if (dist_tok) {
		GError *error = NULL;
		char msg[256];

		if (!cli_parse_distance(dist_text, nodes, cfg->distance,
					&error)) {
			g_strlcpy(msg, error->message, sizeof(msg));
			g_error_free(error);
			perr_tok(p, dist_tok, "bad distance table: %s", msg);
		}
	}
	if (sim_machine_validate(cfg, why, sizeof(why))) {
		struct token *at = kw;

		if (strstr(why, "distance") && dist_tok)
			at = dist_tok;
		else if (strstr(why, "cpus") && cpus_tok)
			at = cpus_tok;
		else if (strstr(why, "nr_nodes"))
			at = nodes_tok;
		else if (strstr(why, "mem"))
			at = mem_tok;
		perr_tok(p, at, "impossible machine: %s",
			 g_str_has_prefix(why, "impossible machine: ")
				 ? why + strlen("impossible machine: ")
				 : why);
	}
	scn->has_machine = 1;
	scn->machine_line = kw->line;
	scn->nr_cpus = nodes * cpus;
	(void)s;
}

static void parse_task(struct parser *p, struct sc_stmt *s, int kthread)
{
	struct scenario *scn = p->scn;
	struct token *name = expect_name(p, "a task name");
	struct token *t, *uid_tok = NULL;
	struct sc_sym *task;
	int have_euid = 0, have_suid = 0;

	if (strlen(name->text) > 15)
		perr_tok(p, name,
			 "task name '%s' is longer than 15 "
			 "characters",
			 name->text);
	task = define(p, name, SC_SYM_TASK);
	task->kthread = kthread;
	task->cfg.name = task->name;
	task->index = scn->nr_tasks++;
	if (scn->nr_tasks > SC_MAX_TASKS)
		perr_tok(p, name, "more than %d tasks", SC_MAX_TASKS);
	task->cfg.cpu = 0; /* first touch allocates on node 0 */
	while ((t = parse_opt_key(p))) {
		if (!strcmp(t->text, "uid")) {
			uid_tok = t;
			task->cfg.uid = parse_num(p, 0, G_MAXUINT32, "a uid");
		} else if (!strcmp(t->text, "euid")) {
			have_euid = 1;
			task->cfg.euid = parse_num(p, 0, G_MAXUINT32, "a uid");
		} else if (!strcmp(t->text, "suid")) {
			have_suid = 1;
			task->cfg.suid = parse_num(p, 0, G_MAXUINT32, "a uid");
		} else if (!strcmp(t->text, "cpu")) {
			task->cfg.cpu =
				parse_num(p, 0, scn->nr_cpus - 1, "cpu");
		} else if (!strcmp(t->text, "caps")) {
			do {
				struct token *c = expect_name(p, "a "
								 "capability");
				gsize i;

				for (i = 0; i < G_N_ELEMENTS(capabilities); i++)
					if (!strcmp(capabilities[i].name,
						    c->text) ||
					    (g_str_has_prefix(c->text,
							      "CAP_") &&
					     !strcmp(capabilities[i].name,
						     c->text + 4)))
						break;
				if (i < G_N_ELEMENTS(capabilities))
					task->cfg.caps |=
						1u << capabilities[i].bit;
				else if (strcmp(c->text, "none"))
					perr_tok(p, c,
						 "unknown capability "
						 "'%s' (SYS_NICE, SYS_ADMIN, "
						 "SYS_RESOURCE, IPC_LOCK, "
						 "KILL, SETUID or none)",
						 c->text);
			} while (accept_punct(p, ",") || accept_punct(p, "|"));
		} else if (!strcmp(t->text, "mems")) {
			task->cfg.mems_allowed = 0;
			do {
				long n = parse_num(p, 0,
						   scn->machine.nr_nodes - 1,
						   "a node");

				task->cfg.mems_allowed |= 1ULL << n;
			} while (accept_punct(p, ","));
		} else {
			perr_tok(p, t,
				 "unknown option '%s' (uid=, euid=, "
				 "suid=, caps=, cpu=, mems=)",
				 t->text);
		}
		if (kthread && strcmp(t->text, "cpu"))
			perr_tok(p, t, "a kernel thread takes only cpu=");
	}
	if (peek(p)->type == TK_WORD || peek(p)->type == TK_NUM)
		perr_tok(p, peek(p),
			 "expected an option such as uid=1000, "
			 "got '%s'",
			 peek(p)->text);
	if (!kthread && !uid_tok)
		perr_tok(p, name,
			 "task '%s' needs uid= (e.g. task %s "
			 "uid=1000)",
			 name->text, name->text);
	if (!have_euid)
		task->cfg.euid = task->cfg.uid;
	if (!have_suid)
		task->cfg.suid = task->cfg.uid;
	s->task = task;
}

/* run TASK until exit|blocked (probe bodies and the top level) */
static void parse_run(struct parser *p, struct sc_stmt *s,
		      struct sc_sym *self_task)
{
	struct token *who = peek(p);

	s->kind = SC_S_RUN;
	s->target = parse_task_ref(p);
	if (s->target == self_task)
		perr_tok(p, who,
			 "a task cannot run itself: '%s' is the task "
			 "the probe stops",
			 who->text);
	expect_word(p, "until",
		    "after the task (run TASK until "
		    "exit|blocked)");
	if (accept_word(p, "exit"))
		s->until = SIM_UNTIL_EXIT;
	else if (accept_word(p, "blocked"))
		s->until = SIM_UNTIL_BLOCKED;
	else
		perr_tok(p, peek(p), "expected 'exit' or 'blocked', got '%s'",
			 tok_desc(peek(p)));
}

/* io hold | release | fail next N | latency N | complete */
static void parse_io(struct parser *p, struct sc_stmt *s)
{
	struct token *t = peek(p);

	s->kind = SC_S_IO;
	if (accept_word(p, "hold")) {
		s->op = SC_IO_HOLD;
	} else if (accept_word(p, "release")) {
		s->op = SC_IO_RELEASE;
	} else if (accept_word(p, "complete")) {
		s->op = SC_IO_COMPLETE;
	} else if (accept_word(p, "fail")) {
		s->op = SC_IO_FAIL;
		expect_word(p, "next", "after 'io fail' (io fail next N)");
		s->arg = parse_num(p, 0, G_MAXINT32, "a number of writes");
	} else if (accept_word(p, "latency")) {
		s->op = SC_IO_LATENCY;
		s->arg = parse_num(p, 0, G_MAXINT64, "a number of ticks");
	} else {
		perr_tok(p, t,
			 "expected hold, release, fail next N, latency N "
			 "or complete after 'io', got '%s'",
			 tok_desc(t));
	}
}

/* writeback run [N] | periodic N */
static void parse_writeback(struct parser *p, struct sc_stmt *s)
{
	struct token *t = peek(p);

	s->kind = SC_S_WRITEBACK;
	if (accept_word(p, "run")) {
		s->op = SC_WB_RUN;
		if (peek(p)->type == TK_NUM)
			s->arg = parse_num(p, 1, G_MAXINT64,
					   "a number of "
					   "pages");
	} else if (accept_word(p, "periodic")) {
		s->op = SC_WB_PERIODIC;
		s->arg = parse_num(p, 0, G_MAXINT64, "an interval in ticks");
	} else {
		perr_tok(p, t,
			 "expected 'run [N]' or 'periodic N' after "
			 "'writeback', got '%s'",
			 tok_desc(t));
	}
}

/* file NAME = create "name" flavour=F size=N pages */
static void parse_file(struct parser *p, struct sc_stmt *s)
{
	struct token *name = expect_name(p, "a name for the file");
	struct token *str, *t, *fl_tok = NULL, *size_tok = NULL;
	struct sc_sym *f, *other;
	guint i;
	gsize k;

	s->kind = SC_S_FILE;
	expect_punct(p, "=",
		     "after the name (file f = create \"NAME\" "
		     "flavour=ext2 size=N pages)");
	expect_word(p, "create",
		    "after 'file NAME =' (create \"NAME\" "
		    "flavour=F size=N pages)");
	str = peek(p);
	if (str->type != TK_STR)
		perr_tok(p, str,
			 "expected the file's name as a \"string\", "
			 "got '%s'",
			 tok_desc(str));
	next(p);
	if (!*str->text || strlen(str->text) > SIM_FILE_NAME_MAX ||
	    strchr(str->text, '/'))
		perr_tok(p, str, "a file name is 1 to %d characters, no '/'",
			 SIM_FILE_NAME_MAX);
	for (i = 0; i < p->scn->syms->len; i++) {
		other = g_ptr_array_index(p->scn->syms, i);
		if (other->kind == SC_SYM_FILE &&
		    !strcmp(other->fname, str->text))
			perr_tok(p, str,
				 "file \"%s\" is already created "
				 "(line %d)",
				 str->text, other->line);
	}
	while ((t = parse_opt_key(p))) {
		if (!strcmp(t->text, "flavour")) {
			struct token *v = expect_name(p, "a flavour");

			fl_tok = v;
			for (k = 0; k < G_N_ELEMENTS(flavours); k++)
				if (!strcmp(flavours[k], v->text))
					break;
			if (k == G_N_ELEMENTS(flavours))
				perr_tok(p, v,
					 "unknown flavour '%s' (ext2, "
					 "nomigrate, shmem, failmigrate or "
					 "ramdisk)",
					 v->text);
			s->text = (char *)flavours[k];
		} else if (!strcmp(t->text, "size")) {
			size_tok = t;
			s->arg = parse_pages(p, 0, "a number of pages");
		} else {
			perr_tok(p, t, "unknown option '%s' (flavour=, size=)",
				 t->text);
		}
	}
	if (peek(p)->type == TK_WORD || peek(p)->type == TK_NUM)
		perr_tok(p, peek(p),
			 "expected an option such as "
			 "flavour=ext2, got '%s'",
			 peek(p)->text);
	if (!fl_tok)
		perr_tok(p, str,
			 "the file needs flavour= (ext2, nomigrate, "
			 "shmem, failmigrate or ramdisk)");
	(void)size_tok;
	f = define(p, name, SC_SYM_FILE);
	if (f->line != name->line || f->col != name->col)
		perr_tok(p, name, "'%s' is already a file (line %d)",
			 name->text, f->line);
	f->fname = str->text;
	f->flavour = s->text;
	f->pages = s->arg;
	s->var = f;
}

/*
 * The statements that are neither a task's action nor a probe's own:
 * files, I/O, writeback, the clock, swap and reclaim, run.  TRUE if the
 * word t (consumed) was one of them.  In a probe (probe != NULL) only
 * those that cannot sleep on what the probed task holds: io, writeback
 * periodic, tick, run.
 */
static gboolean parse_control(struct parser *p, struct sc_stmt *s,
			      struct token *t, struct sc_stmt *probe)
{
	const char *w = t->text;

	if (!strcmp(w, "run")) {
		parse_run(p, s, probe ? probe->task : NULL);
	} else if (!strcmp(w, "io")) {
		parse_io(p, s);
	} else if (!strcmp(w, "tick")) {
		s->kind = SC_S_TICK;
		s->arg = parse_num(p, 0, G_MAXINT64, "a number of ticks");
	} else if (!strcmp(w, "writeback")) {
		parse_writeback(p, s);
		if (probe && s->op == SC_WB_RUN)
			perr_tok(p, t,
				 "'writeback run' waits for pdflush: "
				 "not in a probe (spawn it in a task)");
	} else if (probe) {
		return FALSE;
	} else if (!strcmp(w, "file")) {
		parse_file(p, s);
	} else if (!strcmp(w, "fsync")) {
		s->kind = SC_S_FSYNC;
		s->var = parse_file_ref(p);
	} else if (!strcmp(w, "truncate")) {
		parse_truncate(p, s);
	} else if (!strcmp(w, "swapon")) {
		s->kind = SC_S_SWAPON;
		s->arg = parse_pages(p, 1, "a number of pages");
	} else if (!strcmp(w, "reclaim")) {
		s->kind = SC_S_RECLAIM;
		s->node = -1;
		if (accept_word(p, "node"))
			s->node = parse_num(p, 0, p->scn->machine.nr_nodes - 1,
					    "a node");
		s->arg = parse_pages(p, 1, "a number of pages");
	} else {
		return FALSE;
	}
	return TRUE;
}

static struct sc_stmt *parse_top(struct parser *p, void *ctx);

static const char top_verbs[] = "machine, task, kthread, TASK:, spawn, join, "
				"on, expect, show, say, loop, run, file, "
				"fsync, truncate, io, writeback, tick, swapon, "
				"reclaim or cpuset";

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
		s->count = parse_num(p, 0, SC_MAX_LOOP, "a loop count");
		s->body = parse_block(p, parse_top, NULL);
	} else if (!strcmp(t->text, "cpuset")) {
		parse_cpuset(p, s, t);
	} else if (parse_control(p, s, t, NULL)) {
		/* done */
	} else if (lookup(p, t->text) &&
		   lookup(p, t->text)->kind == SC_SYM_TASK) {
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
