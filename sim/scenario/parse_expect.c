/*
 * sim/scenario/parse_expect.c - the scenario language's expectations
 * and views: "expect LEFT OP RIGHT", "expect clean", the values and
 * functions they compare, and "show ..." (docs/scenario-language.md,
 * "Expectations" and "Views and narration").
 */

#include <string.h>

#include <glib.h>

#include "../engine/engine.h"
#include "parse.h"

/* ---- expectations -------------------------------------------------------- */

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
	    (t->type == TK_WORD &&
	     (sc_errno_value(t->text) || (g_str_has_prefix(t->text, "CAP_") &&
					  cap_value(t->text) >= 0)))) {
		tm->kind = SC_T_INT;
		tm->val = parse_scalar(p, "a number");
		return tm;
	}
	if (t->type != TK_WORD)
		perr_tok(p, t, "expected a value, got '%s'", tok_desc(t));
	next(p);
	if (policy_value(t->text) >= 0 || state_value(t->text) >= 0) {
		tm->kind = SC_T_INT;
		tm->val = policy_value(t->text) >= 0 ? policy_value(t->text)
						     : state_value(t->text);
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
			{"uid", SC_T_CRED},
			{"euid", SC_T_CRED},
			{"suid", SC_T_CRED},
			{"fsuid", SC_T_CRED},
			{"capeff", SC_T_CRED},
			{"capprm", SC_T_CRED},
			{"capinh", SC_T_CRED},
			{"keepcaps", SC_T_CRED},
			{"state", SC_T_CRED},
			{"pid", SC_T_CRED},
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
				 "filenode, io, swap, policy, policynodes, "
				 "uid, euid, suid, fsuid, capeff, capprm, "
				 "capinh, keepcaps, state or pid)",
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
		case SC_T_CRED:
			tm->sym = parse_task_ref(p);
			tm->name = (char *)fns[i].name;
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
	s = lookup_sym(p, t->text);
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
	       t->kind == SC_T_FILENODE || t->kind == SC_T_POLICYNODES ||
	       (t->kind == SC_T_CRED && g_str_has_prefix(t->name, "cap"));
}

void parse_expect(struct parser *p, struct sc_stmt *s)
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

void parse_show(struct parser *p, struct sc_stmt *s)
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
	if (!strcmp(t->text, "pte") || !strcmp(t->text, "page") ||
	    !strcmp(t->text, "rmap")) {
		s->show = !strcmp(t->text, "pte")    ? SC_SHOW_PTE
			  : !strcmp(t->text, "page") ? SC_SHOW_PAGE
						     : SC_SHOW_RMAP;
		s->task = parse_task_ref(p);
		parse_range(p, &s->range);
		return;
	}
	if (!strcmp(t->text, "radix")) {
		s->show = SC_SHOW_RADIX;
		s->var = parse_file_ref(p);
		return;
	}
	perr_tok(p, t,
		 "no view '%s' (zoneinfo, buddyinfo, vmstat, meminfo, "
		 "numa_maps, maps, status, pte, page, rmap or radix)",
		 t->text);
}
