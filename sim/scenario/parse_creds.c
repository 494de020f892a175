/*
 * sim/scenario/parse_creds.c - the scenario language's credential and
 * process-lifetime actions: setuid, seteuid, setreuid, setresuid,
 * prctl keepcaps and wait, and the values that name a task's exit state
 * (docs/scenario-language.md, "Credentials and exit").  They stand for
 * what a 2006 program called from glibc: kernel/sys.c's setuid family
 * and prctl(PR_SET_KEEPCAPS), kernel/exit.c's wait4(); seteuid() is
 * glibc 2.4's setresuid(-1, euid, -1).  Their results go to ret.
 */

#include <string.h>

#include <glib.h>

#include "../engine/engine.h"
#include "parse.h"

#define SC_WNOHANG 1

static const char *const task_states[] = {"alive", "zombie", "reaped"};

/* alive, zombie or reaped: what state(TASK) compares with, or -1. */
int state_value(const char *name)
{
	return word_index(task_states, G_N_ELEMENTS(task_states), name);
}

/*
 * A uid_t as passed: 0 .. 4294967295, or a negative int for its two's
 * complement (-1: "unchanged" to setreuid and setresuid).
 */
static unsigned int parse_uid(struct parser *p, const char *usage)
{
	struct token *t = peek(p);
	int neg = is_punct(t, "-");
	const char *digits = neg ? peek2(p)->text : t->text;
	unsigned long long v;

	if (t->type != TK_NUM && !neg)
		perr_tok(p, t,
			 "expected a uid (a number, or -1: unchanged) in "
			 "%s, got '%s'",
			 usage, tok_desc(t));
	v = parse_raw(p, "a uid");
	if (v > G_MAXUINT32 && v < (unsigned long long)G_MININT32)
		perr_tok(p, t, "a uid is 32 bits (uid_t): '%s%s' does not fit",
			 neg ? "-" : "", digits);
	return (unsigned int)v;
}

/*
 * setuid UID | seteuid EUID | setreuid RUID EUID | setresuid RUID EUID
 * SUID: the uids as the system call takes them (seteuid's -1s are
 * glibc's).
 */
void parse_setid(struct parser *p, struct sc_stmt *s, struct token *verb,
		 struct token *var)
{
	static const char *const usage[] = {"setuid UID", "setreuid RUID EUID",
					    "setresuid RUID EUID SUID"};
	int i, n = 1;

	(void)var;
	s->kind = SC_A_SETID;
	s->arg = SIM_NR_setuid;
	s->ids[0] = s->ids[1] = s->ids[2] = (unsigned int)-1;
	if (!strcmp(verb->text, "seteuid")) {
		s->arg = SIM_NR_setresuid;
		s->ids[1] = parse_uid(p, "seteuid EUID");
		return;
	}
	if (!strcmp(verb->text, "setreuid")) {
		s->arg = SIM_NR_setreuid;
		n = 2;
	} else if (!strcmp(verb->text, "setresuid")) {
		s->arg = SIM_NR_setresuid;
		n = 3;
	}
	for (i = 0; i < n; i++)
		s->ids[i] = parse_uid(p, usage[n - 1]);
}

/* prctl keepcaps N: PR_SET_KEEPCAPS with N as the kernel gets it. */
void parse_prctl(struct parser *p, struct sc_stmt *s, struct token *verb,
		 struct token *var)
{
	struct token *t = peek(p);

	(void)verb, (void)var;
	s->kind = SC_A_PRCTL;
	if (!accept_word(p, "keepcaps"))
		perr_tok(p, t,
			 "unknown prctl option '%s' (prctl keepcaps "
			 "0|1: PR_SET_KEEPCAPS)",
			 tok_desc(t));
	t = peek(p);
	if (t->type != TK_NUM && !is_punct(t, "-"))
		perr_tok(p, t,
			 "expected a number after 'keepcaps' (0 or 1), "
			 "got '%s'",
			 tok_desc(t));
	s->arg = parse_raw(p, "a number");
}

/* wait CHILD|any [nohang]: wait4(pid or -1, NULL, options, NULL). */
void parse_wait(struct parser *p, struct sc_stmt *s, struct token *verb,
		struct token *var)
{
	(void)verb, (void)var;
	s->kind = SC_A_WAIT;
	if (!accept_word(p, "any"))
		s->target = parse_task_ref(p);
	if (accept_word(p, "nohang"))
		s->flags = SC_WNOHANG;
}
