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
	gsize i;

	for (i = 0; i < G_N_ELEMENTS(policies); i++)
		if (!strcmp(policies[i], name))
			return i;
	return -1;
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
void parse_mbind(struct parser *p, struct sc_stmt *s)
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

/* set_mempolicy POLICY [NODES] */
void parse_set_mempolicy(struct parser *p, struct sc_stmt *s)
{
	s->kind = SC_A_SET_MEMPOLICY;
	s->policy = parse_policy(p);
	s->nodes = parse_opt_nodes(p);
}

/*
 * get_mempolicy [RANGE]: the task's policy, or (MPOL_F_ADDR) the one at
 * a range.  'verb' is where the task first asks, for policy(TASK).
 */
void parse_get_mempolicy(struct parser *p, struct sc_stmt *s,
			 const struct token *verb)
{
	s->kind = SC_A_GET_MEMPOLICY;
	if (peek(p)->type == TK_WORD)
		parse_range(p, &s->range);
	if (!s->task->getpol_line)
		s->task->getpol_line = verb->line;
}

/* migrate_pages TASK from NODES to NODES */
void parse_migrate_pages(struct parser *p, struct sc_stmt *s)
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
		s->nodes = parse_nodes(p);
	}
	reject_stray_option(p, "mems=NODES or memory_migrate");
	if (!mems_tok)
		perr_tok(p, kw,
			 "cpuset needs mems= (e.g. cpuset %s mems=1 "
			 "memory_migrate)",
			 s->task->name);
}
