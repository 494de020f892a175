/*
 * sim/scenario/parse_machine.c - the scenario language's machine and
 * tasks: "machine nodes=N mem=SIZE ...", "task NAME uid=U ..." and
 * "kthread NAME" (docs/scenario-language.md, "The machine and the tasks").
 */

#include <string.h>

#include <glib.h>

#include "../engine/engine.h"
#include "cli.h"
#include "parse.h"

#define SC_PAGE_SIZE 4096ULL

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

/* A capability's bit: SYS_NICE or CAP_SYS_NICE; -1 if there is none. */
int cap_value(const char *name)
{
	gsize i;

	if (g_str_has_prefix(name, "CAP_"))
		name += 4;
	for (i = 0; i < G_N_ELEMENTS(capabilities); i++)
		if (!strcmp(capabilities[i].name, name))
			return capabilities[i].bit;
	return -1;
}

void parse_machine(struct parser *p, struct sc_stmt *s, struct token *kw)
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
	reject_stray_option(p, "an option such as nodes=2");
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

void parse_task(struct parser *p, struct sc_stmt *s, int kthread)
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
	task = define_sym(p, name, SC_SYM_TASK);
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
				int bit = cap_value(c->text);

				if (bit >= 0)
					task->cfg.caps |= 1u << bit;
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
	reject_stray_option(p, "an option such as uid=1000");
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
