/*
 * sim/scenario/parse_files.c - the scenario language's files, I/O,
 * writeback, swap: "file NAME = create ...", fsync, truncate, io,
 * writeback, tick, swapon, reclaim and "run TASK until ..."
 * (docs/scenario-language.md, "Files, I/O, writeback, swap").
 */

#include <string.h>

#include <glib.h>

#include "../engine/engine.h"
#include "parse.h"

/* simfs flavours (include/sim/kernel.h, reference section 4.3). */
static const char *const flavours[] = {
	"ext2", "nomigrate", "shmem", "failmigrate", "ramdisk",
};

/* truncate FILE to N pages: the file's size from here on. */
void parse_truncate(struct parser *p, struct sc_stmt *s)
{
	s->kind = SC_S_TRUNCATE;
	s->var = parse_file_ref(p);
	expect_word(p, "to", "after the file (truncate FILE to N pages)");
	s->arg = parse_pages(p, 0, "a number of pages");
	s->var->pages = s->arg;
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
	reject_stray_option(p, "an option such as flavour=ext2");
	if (!fl_tok)
		perr_tok(p, str,
			 "the file needs flavour= (ext2, nomigrate, "
			 "shmem, failmigrate or ramdisk)");
	(void)size_tok;
	f = define_sym(p, name, SC_SYM_FILE);
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
gboolean parse_control(struct parser *p, struct sc_stmt *s, struct token *t,
		       struct sc_stmt *probe)
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
