/*
 * sim/scenario/parse_policy.c - the scenario language's memory
 * policies and cpusets: policy names and node lists, the mbind,
 * set_mempolicy, get_mempolicy and migrate_pages actions and the cpuset
 * statement (docs/scenario-language.md, "Memory policies and cpusets").
 */

#include <string.h>

#include <glib.h>

#include "parse.h"

/* Policy names, in MPOL_* order (MPOL_DEFAULT 0 .. MPOL_INTERLEAVE 3). */
static const char *const policies[] = {
	"default",
	"preferred",
	"bind",
	"interleave",
};

int policy_value(const char *name)
{
	return word_index(policies, G_N_ELEMENTS(policies), name);
}

/*
 * POLICY: default, preferred, bind or interleave, its MPOL_* number; or
 * a raw number, handed to the kernel as it is (mode 7, -1).
 */
static int parse_policy(struct parser *p)
{
	struct token *t = peek(p);
	int v;

	if (t->type == TK_NUM || is_punct(t, "-"))
		return parse_int(p, "a policy mode");
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

/*
 * One node of a node list.  A cpuset takes only the machine's nodes
 * ('machine_only'); a system call's mask takes any node a mask word
 * holds (0..63), online or not, and the kernel decides.
 */
static long parse_list_node(struct parser *p, int machine_only)
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
	if (machine_only && v >= (unsigned long long)nr)
		perr_tok(p, t, "node %s is beyond the machine (nodes 0..%d)",
			 t->text, nr - 1);
	if (v >= 64)
		perr_tok(p, t,
			 "node %s does not fit in a mask word (0..63): "
			 "write the words, mask=[w0, w1, ...]",
			 t->text);
	next(p);
	return v;
}

/* NODES: 0,1 or 0-1 or 0,2-3, as cpusets and numactl write them. */
static unsigned long long parse_nodes(struct parser *p, int machine_only)
{
	unsigned long long mask = 0;

	do {
		struct token *t = peek(p);
		long a = parse_list_node(p, machine_only), b = a, n;

		if (accept_punct(p, "-")) {
			b = parse_list_node(p, machine_only);
			if (b < a)
				perr_tok(p, t, "empty node range %ld-%ld", a,
					 b);
		}
		for (n = a; n <= b; n++)
			mask |= 1ULL << n;
	} while (accept_punct(p, ","));
	return mask;
}

/* A node list as the one word of a mask argument. */
static void mask_of_nodes(struct parser *p, struct sc_umask *m,
			  unsigned long long nodes)
{
	m->given = 1;
	m->words = sc_array(p->scn, sizeof(unsigned long long));
	g_array_append_val(m->words, nodes);
}

/*
 * After mask=: NULL (a NULL pointer), a word (0x6) or words ([0x6, 0x1],
 * word 0 first), exactly as user space lays them out; unchecked.
 */
static void parse_mask_value(struct parser *p, struct sc_umask *m,
			     const struct token *key)
{
	if (m->given)
		perr_tok(p, key, "the mask is given twice");
	m->given = 1;
	m->words = sc_array(p->scn, sizeof(unsigned long long));
	if (accept_word(p, "NULL")) {
		m->null = 1;
		return;
	}
	if (accept_punct(p, "[")) {
		do {
			unsigned long long w = parse_raw(p, "a mask word");

			if (m->words->len >= 512) /* a page of them */
				perr_tok(p, key, "more than 512 mask words");
			g_array_append_val(m->words, w);
		} while (accept_punct(p, ","));
		expect_punct(p, "]", "to close the mask words");
		return;
	}
	{
		unsigned long long w =
			parse_raw(p, "a mask (0x6, [w0, w1] or NULL)");

		g_array_append_val(m->words, w);
	}
}

/*
 * The options of the policy calls: mask=, maxnode=, and flags= where
 * 'flags_ok' (mbind).  'mask' is NULL where no mask may follow here.
 */
static void parse_policy_opts(struct parser *p, struct sc_stmt *s,
			      struct sc_umask *mask, int flags_ok)
{
	struct token *t;
	int maxnode_given = 0;

	s->maxnode = SC_DEFAULT_MAXNODE;
	while ((t = parse_opt_key(p))) {
		if (mask && !strcmp(t->text, "mask")) {
			parse_mask_value(p, mask, t);
		} else if (!strcmp(t->text, "maxnode")) {
			if (maxnode_given++)
				perr_tok(p, t, "maxnode= is given twice");
			s->maxnode = parse_raw(p, "maxnode");
		} else if (flags_ok && !strcmp(t->text, "flags")) {
			s->flags = parse_flags(p, 1);
		} else if (flags_ok && s->has_addr && !strcmp(t->text, "len")) {
			if (s->has_len++)
				perr_tok(p, t, "len= is given twice");
			s->len = parse_raw(p, "a length in bytes");
		} else {
			perr_tok(p, t, "unknown option '%s' (%s%smaxnode=)",
				 t->text, mask ? "mask=, " : "",
				 !flags_ok     ? ""
				 : s->has_addr ? "flags=, len=, "
					       : "flags=, ");
		}
	}
}

/* NODES or mask=...: a policy call's node mask. */
static void parse_nodes_or_mask(struct parser *p, struct sc_umask *m)
{
	if (peek(p)->type == TK_NUM)
		mask_of_nodes(p, m, parse_nodes(p, 0));
}

/*
 * Where a policy call starts: RANGE, or a raw address (0xdead000,
 * buf[3]+17), taken unchecked; an address is one element of a pages list.
 */
static void parse_start(struct parser *p, struct sc_stmt *s)
{
	struct token *t = peek(p);
	GArray *one;

	if (t->type != TK_NUM && !is_punct(t, "-") &&
	    !(t->type == TK_WORD && is_punct(peek2(p), "[") &&
	      p->pos + 5 < p->toks->len &&
	      (is_punct(&g_array_index(p->toks, struct token, p->pos + 4),
			"+") ||
	       is_punct(&g_array_index(p->toks, struct token, p->pos + 4),
			"-")))) {
		parse_range(p, &s->range);
		return;
	}
	one = sc_array(p->scn, sizeof(struct sc_uaddr));
	parse_uaddr(p, one);
	if (one->len != 1)
		perr_tok(p, t, "one address here, not a range of them");
	s->has_addr = 1;
	s->addr = g_array_index(one, struct sc_uaddr, 0);
}

/* mbind RANGE|ADDR POLICY [NODES] [mask=M] [maxnode=N] [flags=F] [len=N] */
void parse_mbind(struct parser *p, struct sc_stmt *s, struct token *verb,
		 struct token *var)
{
	struct token *at = peek(p);

	(void)verb, (void)var;
	s->kind = SC_A_MBIND;
	parse_start(p, s);
	s->policy = parse_policy(p);
	parse_nodes_or_mask(p, &s->mask);
	parse_policy_opts(p, s, &s->mask, 1);
	if (s->has_addr && !s->has_len)
		perr_tok(p, at,
			 "mbind at an address needs len=BYTES (e.g. mbind "
			 "0xdead000 bind 1 len=4096)");
}

/* set_mempolicy POLICY [NODES] [mask=M] [maxnode=N] */
void parse_set_mempolicy(struct parser *p, struct sc_stmt *s,
			 struct token *verb, struct token *var)
{
	(void)verb, (void)var;
	s->kind = SC_A_SET_MEMPOLICY;
	s->policy = parse_policy(p);
	parse_nodes_or_mask(p, &s->mask);
	parse_policy_opts(p, s, &s->mask, 0);
}

/*
 * get_mempolicy [RANGE] [mask=NULL] [maxnode=N]: the task's policy, or
 * (MPOL_F_ADDR) the one at a range.  'verb' is where the task first
 * asks, for policy(TASK).  The mask is an output: only NULL may be given.
 */
void parse_get_mempolicy(struct parser *p, struct sc_stmt *s,
			 struct token *verb, struct token *var)
{
	struct token *t;

	(void)var;
	s->kind = SC_A_GET_MEMPOLICY;
	if ((peek(p)->type == TK_WORD && !is_punct(peek2(p), "=")) ||
	    peek(p)->type == TK_NUM)
		parse_start(p, s);
	t = peek(p);
	parse_policy_opts(p, s, &s->mask, 0);
	if (s->mask.given && !s->mask.null)
		perr_tok(p, t,
			 "get_mempolicy writes the mask: only mask=NULL "
			 "can be given");
	if (!s->task->getpol_line)
		s->task->getpol_line = verb->line;
}

/* from|to NODES or from|to mask=M */
static void parse_migrate_mask(struct parser *p, struct sc_umask *m,
			       const char *word)
{
	struct token *t = peek(p);

	if (is_word(t, "mask") && is_punct(peek2(p), "=")) {
		next(p);
		next(p);
		parse_mask_value(p, m, t);
		return;
	}
	if (t->type != TK_NUM)
		perr_tok(p, t,
			 "expected a node list or mask=M after '%s', got "
			 "'%s'",
			 word, tok_desc(t));
	mask_of_nodes(p, m, parse_nodes(p, 0));
}

/* migrate_pages TASK from NODES|mask=M to NODES|mask=M [maxnode=N] */
void parse_migrate_pages(struct parser *p, struct sc_stmt *s,
			 struct token *verb, struct token *var)
{
	(void)verb, (void)var;
	s->kind = SC_A_MIGRATE_PAGES;
	s->target = parse_task_ref(p);
	expect_word(p, "from",
		    "after the task (migrate_pages TASK from "
		    "NODES to NODES)");
	parse_migrate_mask(p, &s->from_mask, "from");
	expect_word(p, "to",
		    "after the nodes (migrate_pages TASK from "
		    "NODES to NODES)");
	parse_migrate_mask(p, &s->mask, "to");
	parse_policy_opts(p, s, NULL, 0);
}

/* cpuset TASK mems=NODES [memory_migrate] */
void parse_cpuset(struct parser *p, struct sc_stmt *s, struct token *kw)
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
		s->nodes = parse_nodes(p, 1);
	}
	reject_stray_option(p, "mems=NODES or memory_migrate");
	if (!mems_tok)
		perr_tok(p, kw,
			 "cpuset needs mems= (e.g. cpuset %s mems=1 "
			 "memory_migrate)",
			 s->task->name);
}
