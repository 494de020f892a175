/*
 * sim/scenario/parse_actions.c - the scenario language's actions,
 * "TASK: ACTION": mmap, munmap, fork, exit, write, read, touch,
 * move_pages, swapout, selftest and loops of them, and where the file
 * and memory-policy calls a task can make start (docs/scenario-language.md,
 * "Actions").
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

static const char action_verbs[] = "mmap, munmap, fork, exit, write, read, "
				   "touch, move_pages, mbind, set_mempolicy, "
				   "get_mempolicy, migrate_pages, fsync, "
				   "truncate, swapout, selftest or loop";

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

static void parse_move_pages(struct parser *p, struct sc_stmt *s,
			     struct token *var)
{
	struct token *t;

	s->kind = SC_A_MOVE_PAGES;
	s->target = parse_task_ref(p);
	parse_range(p, &s->range);
	s->var = define_sym(p, var, SC_SYM_STATUS);
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
		s->var = define_sym(p, var, SC_SYM_BUF);
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
		child = define_sym(p, var, SC_SYM_TASK);
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

struct sc_stmt *parse_action(struct parser *p, void *ctx)
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
					   ? lookup_sym(p, peek(p)->text)
					   : NULL;

		s->kind = SC_A_SWAPOUT;
		if (o && o->kind == SC_SYM_TASK)
			s->target = parse_task_ref(p);
		parse_range(p, &s->range);
	} else if (!strcmp(t->text, "selftest")) {
		/* selftest NAME: one of kernel/mmsim/selftest.c's wrong deeds */
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
		parse_set_mempolicy(p, s);
	} else if (!strcmp(t->text, "get_mempolicy")) {
		parse_get_mempolicy(p, s, t);
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
