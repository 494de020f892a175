/*
 * sim/scenario/scenario.h - the scenario language: what the parser
 * builds (parse.c) and the interpreter runs (interp.c).
 *
 * docs/scenario-language.md is the reference for users.  In short: a
 * scenario is a list of statements, one a line, '#' starts a comment,
 * blocks are { } (on one line or several).  The parser resolves every
 * name and checks every bound before anything boots, so that a run never
 * stops half-way on a typo: errors read FILE:LINE:COL as gcc's do.
 *
 * Host world: GLib and libc; the kernel through <sim/kernel.h> only.
 */
#ifndef _MMSIM_SCENARIO_H
#define _MMSIM_SCENARIO_H

#include <stdarg.h>
#include <stdio.h>

#include <glib.h>

#include <sim/kernel.h>

/* Limits that keep a hostile file from asking for the moon. */
#define SC_MAX_PAGES (1L << 20) /* pages in one mmap: 4 GiB */
#define SC_MAX_LIST (1L << 20) /* elements of a list literal */
#define SC_MAX_LOOP 10000000L /* runs of a loop body, nested loops multiplied */
#define SC_MAX_DEPTH 32 /* nested blocks */
#define SC_MAX_TASKS 256

/* move_pages() status words the kernel did not write keep this value. */
#define SC_STATUS_UNSET 0x7777

/* maxnode when none is given: libnuma's NUMA_NUM_NODES + 1 (64 bits read). */
#define SC_DEFAULT_MAXNODE (SIM_MAX_NODES + 1)

/* ---- names ------------------------------------------------------------- */

enum sc_sym_kind {
	SC_SYM_TASK, /* task, kthread, or a fork's child */
	SC_SYM_BUF, /* a user address range: x = mmap ... */
	SC_SYM_STATUS, /* a status array: st = move_pages ... */
	SC_SYM_FILE, /* a simfs file: file f = create ... */
};

struct sc_task; /* the running task (interp.c) */

struct sc_sym {
	char *name;
	enum sc_sym_kind kind;
	int line, col; /* where it was first defined */
	/* SC_SYM_TASK */
	struct sim_task_config cfg;
	int kthread;
	int index; /* among the tasks, in order of definition */
	struct sc_sym *parent; /* the task that forked it, or NULL */
	int exit_line; /* line of its top-level 'exit', or 0 */
	int getpol_line; /* line of its first get_mempolicy, or 0 */
	struct sc_task *rt;
	/*
	 * SC_SYM_BUF: pages; SC_SYM_STATUS: entries (at the last
	 * definition); SC_SYM_FILE: pages, as the statements so far in the
	 * file's text left it (create, then each truncate).
	 */
	long pages;
	/* SC_SYM_BUF: the file it maps (NULL: anonymous); shared or not */
	struct sc_sym *file;
	int shared;
	/* SC_SYM_FILE: its name on simfs and its flavour */
	const char *fname;
	const char *flavour;
	/* values at run time, under the interpreter's lock */
	unsigned long addr;
	GArray *status; /* int */
	int fd; /* SC_SYM_FILE: its handle, 0 before create */
	/* SC_SYM_TASK: what its last successful get_mempolicy returned */
	int pol_valid;
	int pol_mode; /* MPOL_DEFAULT .. MPOL_INTERLEAVE */
	unsigned long long pol_nodes;
};

/*
 * A page range of a buffer or a file: buf, buf[3], buf[0..16],
 * buf[random]; f[0..4] where a file's pages are meant.
 */
struct sc_range {
	struct sc_sym *buf; /* SC_SYM_BUF or SC_SYM_FILE */
	long first, last; /* pages [first, last) */
	int random; /* one page, chosen by the task's PRNG */
	int line, col;
};

/* ---- system-call arguments as user space writes them ------------------- */

/*
 * One address of a pages=[...] array: page 'page' of a buffer plus
 * 'offset' bytes (buf[0]+17), or a raw address (buf NULL, the address
 * in 'offset').  The page index is not bounds-checked: like the offset,
 * it is address arithmetic a program may get wrong.
 */
struct sc_uaddr {
	struct sc_sym *buf;
	unsigned long long page;
	unsigned long long offset;
};

/*
 * move_pages' full form: st = move_pages TASK pages=[...] nodes=[...]|stat
 * [status=prefill N | status=[...]] [count=N].  The arrays are written
 * into the caller's user memory exactly as given (interp.c).
 */
struct sc_move_args {
	GArray *pages; /* struct sc_uaddr */
	GArray *nodes; /* int, as given; NULL: nodes == NULL */
	GArray *status; /* int: the status array before the call */
	int has_count; /* count=N given: nr_pages, else the pages given */
	unsigned long long count;
};

/*
 * A node mask argument as user space passes it: mask=0x6, mask=[w0, w1]
 * (unsigned longs, word 0 first) or mask=NULL (a NULL pointer).  A node
 * list (0,2-3) is one word.  'given' is 0 when the statement has none.
 */
struct sc_umask {
	int given;
	int null;
	GArray *words; /* unsigned long long */
};

/* ---- expressions (expect) ----------------------------------------------- */

enum sc_term_kind {
	SC_T_INT, /* 12, 0xab, -EACCES, unset */
	SC_T_LIST, /* [1, 2] * 3 + [0] */
	SC_T_PATTERN, /* pattern: what 'write RANGE pattern' wrote */
	SC_T_RET, /* ret */
	SC_T_STATUS, /* st */
	SC_T_INDEX, /* st[3] */
	SC_T_NODE, /* node(TASK, RANGE) */
	SC_T_BYTES, /* bytes(TASK, RANGE) */
	SC_T_WORD, /* word(TASK, RANGE) */
	SC_T_VMSTAT, /* vmstat(NAME) */
	SC_T_COUNT, /* count(EVENT) */
	SC_T_FREE, /* free(NODE) */
	SC_T_PAGECACHE, /* pagecache(FILE): pages in the page cache */
	SC_T_FILENODE, /* filenode(FILE, i | a..b): node of each page */
	SC_T_IO, /* io(writes|reads|errors|in_flight) */
	SC_T_SWAP, /* swap(free|total) */
	SC_T_POLICY, /* policy(TASK): its last get_mempolicy's mode */
	SC_T_POLICYNODES, /* policynodes(TASK): ... and its nodes, a list */
	SC_T_CRED, /* uid(TASK) ... capeff(TASK), state(TASK), pid(TASK):
		      'name' says which */
};

struct sc_term {
	enum sc_term_kind kind;
	int line, col;
	long long val; /* SC_T_INT; SC_T_INDEX: the index; FREE */
	GArray *list; /* SC_T_LIST: long long */
	struct sc_sym *sym; /* STATUS, INDEX; NODE/BYTES/WORD: the task;
				   PAGECACHE: the file */
	struct sc_range range;
	char *name; /* VMSTAT, COUNT, IO, SWAP */
};

enum sc_cmp { SC_EQ, SC_NE, SC_LT, SC_LE, SC_GT, SC_GE };

/* ---- statements --------------------------------------------------------- */

enum sc_stmt_kind {
	/* top level */
	SC_S_MACHINE,
	SC_S_TASK, /* task or kthread: create it, start it */
	SC_S_DO, /* TASK: ACTION, waited for */
	SC_S_SPAWN, /* spawn TASK [loop N] { ACTIONS } */
	SC_S_JOIN, /* join [TASK] */
	SC_S_ON, /* on TASK enter|exit|at NAME [once] { ... } */
	SC_S_EXPECT,
	SC_S_SHOW,
	SC_S_SAY,
	SC_S_LOOP, /* loop N { ... }, top level or action */
	SC_S_FILE, /* file f = create "name" flavour=F size=N */
	SC_S_IO, /* io hold|release|fail next N|latency N|complete */
	SC_S_WRITEBACK, /* writeback run [N] | periodic N */
	SC_S_TICK, /* tick N: the clock, due I/O, kupdate */
	SC_S_SWAPON, /* swapon N pages */
	SC_S_RECLAIM, /* reclaim [node N] N pages */
	SC_S_CPUSET, /* cpuset TASK mems=NODES [memory_migrate] */
	SC_S_SCHEDULE, /* schedule STEP:TASK ...: the whole run's, at start */
	/* top level (run by the main thread) or actions (by a task) */
	SC_S_FSYNC, /* fsync FILE */
	SC_S_TRUNCATE, /* truncate FILE to N pages */
	/* in probe bodies, and at the top level */
	SC_S_RUN, /* run TASK until exit|blocked */
	/* actions, done by a task */
	SC_A_MMAP,
	SC_A_MUNMAP,
	SC_A_FORK,
	SC_A_EXIT,
	SC_A_WRITE,
	SC_A_READ,
	SC_A_TOUCH,
	SC_A_MOVE_PAGES,
	SC_A_SWAPOUT, /* swapout RANGE */
	SC_A_SELFTEST, /* selftest NAME: deliberately wrong code */
	SC_A_MBIND, /* mbind RANGE POLICY [NODES] [flags=F] */
	SC_A_SET_MEMPOLICY, /* set_mempolicy POLICY [NODES] */
	SC_A_GET_MEMPOLICY, /* get_mempolicy [RANGE] */
	SC_A_MIGRATE_PAGES, /* migrate_pages TASK from NODES to NODES */
	SC_A_SETID, /* setuid, seteuid, setreuid, setresuid */
	SC_A_PRCTL, /* prctl keepcaps N */
	SC_A_WAIT, /* wait CHILD|any [nohang] */
};

/* io ... and writeback ...: which one. */
enum sc_io_op {
	SC_IO_HOLD,
	SC_IO_RELEASE,
	SC_IO_FAIL,
	SC_IO_LATENCY,
	SC_IO_COMPLETE,
	SC_WB_RUN,
	SC_WB_PERIODIC,
};

enum sc_fill { SC_FILL_BYTE, SC_FILL_PATTERN, SC_FILL_COUNTER };

enum sc_show {
	SC_SHOW_PROC, /* zoneinfo, buddyinfo, vmstat, meminfo */
	SC_SHOW_TASK, /* numa_maps, maps, status */
	SC_SHOW_PTE,
	SC_SHOW_PAGE,
	SC_SHOW_RMAP, /* Graphviz: page -> anon_vma/address_space -> vmas -> ptes */
	SC_SHOW_RADIX, /* Graphviz: a file's page cache radix tree */
};

struct sc_stmt {
	enum sc_stmt_kind kind;
	int line, col;
	struct sc_sym *task; /* who does it (DO, SPAWN, actions ...) */
	struct sc_sym *var; /* what it binds (mmap, fork, move_pages) */
	struct sc_sym *target; /* move_pages', run's and wait's other
				   task (wait any: NULL) */
	struct sc_range range;
	struct sc_stmt *action; /* SC_S_DO */
	GPtrArray *body; /* LOOP, SPAWN, ON: struct sc_stmt * */
	long count; /* LOOP, SPAWN: iterations; mmap: pages */
	long node; /* move_pages' target node (any int);
				   reclaim: the node, -1: every node */
	int stat; /* move_pages with nodes == NULL */
	struct sc_move_args *mp; /* move_pages' full form, or NULL */
	/* mbind, set_mempolicy, get_mempolicy, migrate_pages (to, from) */
	struct sc_umask mask, from_mask;
	unsigned long long maxnode; /* as passed */
	/* mbind ADDR len=N, get_mempolicy ADDR: a raw start, not a range */
	int has_addr, has_len;
	struct sc_uaddr addr;
	unsigned long long len;
	int flags; /* move_pages, mbind; mmap prot;
				   cpuset: memory_migrate; wait: WNOHANG */
	int policy; /* mbind, set_mempolicy: MPOL_* */
	unsigned long long nodes; /* cpuset: a node mask */
	int shared; /* mmap: MAP_SHARED */
	enum sc_io_op op; /* IO, WRITEBACK */
	long long arg; /* IO, WRITEBACK, TICK, SWAPON, RECLAIM,
				   TRUNCATE: the number; FILE: the size;
				   SETID: SIM_NR_*; PRCTL: arg2 */
	unsigned int ids[3]; /* SETID: ruid, euid, suid as passed */
	int write; /* touch ... write */
	enum sc_fill fill;
	int byte; /* fill=0xab */
	/* ON */
	int probe_kind; /* enum sim_probe_kind */
	char *probe;
	int once;
	volatile int armed; /* set when the run reaches the rule */
	volatile int fired;
	/* RUN */
	int until; /* enum sim_until */
	/* EXPECT */
	int clean;
	struct sc_term *lhs, *rhs;
	enum sc_cmp cmp;
	/* SHOW */
	enum sc_show show;
	char *view; /* the /proc file or task view */
	char *selftest; /* SELFTEST: its name (sim_selftests) */
	/* SAY, and the source text of every statement */
	char *text;
	char *src;
};

/* ---- the scenario ------------------------------------------------------- */

/* schedule STEP:TASK: at scheduling step 'step' run that task. */
struct sc_forced {
	unsigned long step;
	int pid; /* a pid written as a number, else -1 */
	const char *comm; /* the task's comm when named */
	/* minimize's own entries: the count-th point of task self (>= 0) */
	int self;
	unsigned long count;
};

struct scenario {
	char *file; /* as named on the command line */
	char **lines; /* the source, for carets */
	int nr_lines;
	struct sim_machine_config machine;
	int has_machine;
	int machine_line;
	int nr_cpus; /* in all */
	GPtrArray *syms; /* struct sc_sym *, owned */
	GPtrArray *stmts; /* top level */
	GPtrArray *rules; /* every SC_S_ON, in order */
	int nr_tasks;
	GArray *schedule; /* struct sc_forced, by step; NULL: none */
	/* everything the parser allocated, freed with the scenario */
	GPtrArray *arena;
	GPtrArray *arrays; /* GArray * */
	GPtrArray *ptr_arrays; /* GPtrArray * */
};

/*
 * Parse and check a scenario.  'file' names it in messages.  On an error
 * returns NULL and writes "FILE:LINE:COL: error: MESSAGE", the source
 * line and a caret to 'err' (stderr, or NULL for silence).
 * sim_engine_init() must have run: probe names are checked against the
 * engine.
 */
struct scenario *sc_parse(const char *file, const char *text, gsize len,
			  FILE *err);
void sc_free(struct scenario *scn);

/*
 * "FILE:LINE:COL: error: MESSAGE", the source line and a caret under
 * COL, as gcc prints them (nothing when f is NULL).
 */
void sc_error(const struct scenario *scn, FILE *f, int line, int col,
	      const char *fmt, ...) G_GNUC_PRINTF(5, 6);
void sc_verror(const struct scenario *scn, FILE *f, int line, int col,
	       const char *fmt, va_list ap);

/* Errno names both ways: "EACCES" <-> 13; NULL / 0 if unknown. */
const char *sc_errno_name(long err);
int sc_errno_value(const char *name);

/* How a run goes. */
struct sc_run_opts {
	unsigned long long seed;
	int seeded; /* seeded (1) or free (0) scheduling */
	unsigned long steps; /* step budget, 0 for none */
	FILE *trace; /* NULL: no trace */
	int quiet; /* no narrative, failures only */
	FILE *out; /* narrative and views (stdout) */
	FILE *err; /* failures and errors (stderr) */
	const char *replay; /* the replay command for reports */
	/*
	 * Where the concurrent part begins (before the first top-level spawn,
	 * probe or run, else at the end): called once, returns the seed the
	 * rest runs under.  explore forks a child per seed there.  NULL: the
	 * rest runs under 'seed'.
	 */
	unsigned long long (*fork_point)(void *arg);
	void *fork_arg;
};

/*
 * The schedule seed of every scenario's setup, the statements before its
 * concurrent part: one setup, shared by all seeds.
 */
#define SC_SETUP_SEED 0ULL

/*
 * Boot the scenario's machine and run it; the engine is initialized and
 * the process has not booted yet.  Returns an exit status (cli.h).
 */
int sc_run(struct scenario *scn, const struct sc_run_opts *opts);

/*
 * The scenario's schedule statement, if any, becomes the engine's forced
 * schedule (trial.c); seeded runs only.
 */
void sc_schedule_apply(const struct scenario *scn, int seeded);

#endif /* _MMSIM_SCENARIO_H */
