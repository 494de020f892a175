/*
 * sim/engine/report.c - what the simulated kernel says when it misbehaves,
 * and printk.
 *
 * Failure reports keep the layout of a 2006 kernel ("kernel BUG at",
 * "BUG: sleeping function called from invalid context", "Call Trace:")
 * followed by what replays the run (the seed, the replay command).  A
 * kernel misbehaviour exits 3; mmsim's own limits (not modeled yet) abort.
 *
 * Reports are formatted into a stack buffer and written to fd 2 with
 * write(2), so that they come out whole even from the oops handler or on
 * a corrupted heap.  Only the first task that dies reports: a second one
 * waits for the process to exit.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include <glib.h>

#include "engine.h"
#include "symtab.h"
#include "machine.h"
#include "task.h"
#include "trace.h"
#include "report.h"

#define SIM_MAX_FRAMES 64

static struct {
	eng_fault_explainer fault_explainer; /* kasan: a quarantined object */
	int dying_tid; /* the task reporting a fatal error */
	pthread_mutex_t warn_lock; /* whole warnings, not interleaved */
	unsigned long warn_count;
	pthread_mutex_t printk_lock;
	int printk_mid_line; /* the last printk ended without \n */
} report = {
	.warn_lock = PTHREAD_MUTEX_INITIALIZER,
	.printk_lock = PTHREAD_MUTEX_INITIALIZER,
};

/* ---- building blocks ---------------------------------------------------- */

void eng_report_printf(struct sim_report *r, const char *fmt, ...)
{
	size_t room = sizeof(r->buf) - r->len;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(r->buf + r->len, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		r->len += (size_t)n < room ? (size_t)n : room - 1;
}

static void write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n <= 0)
			return;
		p += n;
		len -= n;
	}
}

void eng_report_flush(struct sim_report *r)
{
	write_all(STDERR_FILENO, r->buf, r->len);
	r->len = 0;
}

/*
 * "func+0x1a/0x40" as the kernel prints a text address, or "file+0x1234"
 * (for addr2line) when no dynamic symbol covers the address: static
 * functions are not in the dynamic symbol table.
 */
void eng_report_symbol(char *buf, size_t size, void *addr)
{
	const ElfW(Sym) *sym = NULL;
	uintptr_t a = (uintptr_t)addr;
	unsigned long off, len;
	const char *name;
	Dl_info info;

	name = eng_symtab_lookup(addr, &off, &len);
	if (name) {
		snprintf(buf, size, "%s+%#lx/%#lx", name, off, len);
		return;
	}
	if (!dladdr1(addr, &info, (void **)&sym, RTLD_DL_SYMENT)) {
		snprintf(buf, size, "%#lx", (unsigned long)a);
		return;
	}
	if (info.dli_sname && sym &&
	    a - (uintptr_t)info.dli_saddr < (sym->st_size ? sym->st_size : 1)) {
		snprintf(buf, size, "%s+%#lx/%#lx", info.dli_sname,
			 (unsigned long)(a - (uintptr_t)info.dli_saddr),
			 (unsigned long)sym->st_size);
		return;
	}
	snprintf(buf, size, "%s+%#lx", info.dli_fname ? info.dli_fname : "?",
		 (unsigned long)(a - (uintptr_t)info.dli_fbase));
}

/*
 * The call trace, innermost first.  'skip' drops the engine's own frames;
 * when 'from' is set (a fault), the trace starts at that address.
 */
static void report_trace(int skip, int max, void *from)
{
	void *frames[SIM_MAX_FRAMES];
	struct sim_report r = {.len = 0};
	char sym[512];
	int n, i;

	n = backtrace(frames, SIM_MAX_FRAMES);
	if (from) {
		for (i = 0; i < n; i++)
			if (frames[i] == from)
				break;
		if (i < n)
			skip = i - 1;
	}
	skip++; /* this function */
	for (i = skip; i < n && i < skip + max; i++) {
		eng_report_symbol(sym, sizeof(sym), frames[i]);
		eng_report_printf(&r, " [<%016lx>] %s\n",
				  (unsigned long)frames[i], sym);
	}
	eng_report_flush(&r);
}

/* The bounds of mmsim's own code (the linker's symbols). */
extern char __executable_start[], etext[];

static int in_own_text(const void *pc)
{
	return (const char *)pc >= __executable_start &&
	       (const char *)pc < etext;
}

/*
 * Every file of mmsim keeps its frame pointer (CMakeLists.txt), so while a
 * return address lies in mmsim's own text its frame's saved pointer is a
 * frame of mmsim's too.  The walk stops at the first one outside (libc's
 * context start, a GLib callback) before trusting that frame's pointer.
 */
__attribute__((noinline)) int eng_report_stack(void **frames, int max)
{
	void **fp = __builtin_frame_address(0);
	void **next;
	int n = 0;

	while (n < max && fp && in_own_text(fp[1])) {
		frames[n++] = fp[1];
		next = fp[0];
		if (next <= fp)
			break;
		fp = next;
	}
	return n;
}

void eng_report_backtrace(int skip, int max)
{
	report_trace(skip + 1, max, NULL);
}

void eng_report_backtrace_from(void *pc, int max)
{
	report_trace(1, max, pc);
}

void eng_report_frames(struct sim_report *r, void *const *frames, int n)
{
	char sym[512];
	int i;

	for (i = 0; i < n; i++) {
		eng_report_symbol(sym, sizeof(sym), frames[i]);
		eng_report_printf(r, " [<%016lx>] %s\n",
				  (unsigned long)frames[i], sym);
	}
}

void eng_report_set_fault_explainer(eng_fault_explainer fn)
{
	report.fault_explainer = fn;
}

void eng_report_task(struct sim_report *r, const struct sim_task *t)
{
	eng_report_printf(r, "task: %s/%d cpu %d\n", t->name, t->pid, t->cpu);
}

/* As lockdep's "1 lock held by mover/12:". */
void eng_report_held_locks(struct sim_report *r, const struct sim_task *t)
{
	int i;

	if (!t->nr_held) {
		eng_report_printf(r, "no locks held by %s/%d.\n", t->name,
				  t->pid);
		return;
	}
	eng_report_printf(r, "%d lock%s held by %s/%d:\n", t->nr_held,
			  t->nr_held > 1 ? "s" : "", t->name, t->pid);
	for (i = 0; i < t->nr_held; i++)
		eng_report_printf(r, " #%d:  (%s){%s}, at: %s\n", i,
				  t->held[i].name,
				  t->held[i].kind == 's'   ? "spin"
				  : t->held[i].kind == 'r' ? "read"
							   : "write",
				  t->held[i].site);
}

/*
 * The first task to die reports; any other waits for the exit.  The same
 * task dying again (a fault inside a report) exits at once.
 */
void eng_report_begin_fatal(void)
{
	int me = eng_self()->tid;
	int none = 0;

	if (!__atomic_compare_exchange_n(&report.dying_tid, &none, me, 0,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
		if (none == me)
			_exit(SIM_EXIT_KERNEL);
		for (;;)
			pause();
	}
}

void eng_report_end_fatal(struct sim_report *r)
{
	const char *hint = eng_replay_hint();

	r->len = 0;
	eng_report_printf(r, "seed: %llu\n", sim_engine_seed());
	if (hint)
		eng_report_printf(r, "replay: %s\n", hint);
	eng_report_printf(r, "mmsim: kernel misbehaved (exit %d)\n",
			  SIM_EXIT_KERNEL);
	eng_report_flush(r);
	/* _exit() skips atexit(): the trace people want most, ended. */
	eng_trace_close_on_fatal();
	_exit(SIM_EXIT_KERNEL);
}

/* ---- the reports -------------------------------------------------------- */

void eng_report_sleep_bug(const struct sim_task *t, const char *site)
{
	struct sim_report r = {.len = 0};

	eng_report_begin_fatal();
	fflush(NULL);
	eng_report_printf(
		&r,
		"BUG: sleeping function called from invalid context at %s\n",
		site);
	eng_report_printf(&r, "in_atomic():%d, irqs_disabled():%d\n",
			  eng_in_atomic(t), t->irqs_off);
	eng_report_task(&r, t);
	eng_report_held_locks(&r, t);
	eng_report_printf(&r, "Call Trace:\n");
	eng_report_flush(&r);
	eng_report_backtrace(1, 32);
	eng_report_end_fatal(&r);
}

void sim_bug(const char *file, int line, const char *func)
{
	struct sim_task *t = eng_self();
	struct sim_report r = {.len = 0};

	eng_report_begin_fatal();
	fflush(NULL);
	eng_report_printf(&r, "kernel BUG at %s:%d!\n", file, line);
	eng_report_printf(&r, "invalid opcode: 0000 [1] SMP\n");
	eng_report_printf(&r, "CPU %d\n", t->cpu);
	eng_report_printf(&r, "Pid: %d, comm: %s\n", t->pid, t->name);
	eng_report_printf(&r, "RIP: %s\n", func);
	eng_report_printf(&r, "Call Trace:\n");
	eng_report_flush(&r);
	eng_report_backtrace(1, 32);
	eng_report_end_fatal(&r);
}

void sim_panic(const char *fmt, ...)
{
	struct sim_task *t = eng_self();
	struct sim_report r = {.len = 0};
	char msg[1024];
	va_list ap;

	eng_report_begin_fatal();
	fflush(NULL);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	eng_report_printf(&r, "Kernel panic - not syncing: %s\n", msg);
	eng_report_printf(&r, "CPU %d\n", t->cpu);
	eng_report_printf(&r, "Pid: %d, comm: %s\n", t->pid, t->name);
	eng_report_printf(&r, "Call Trace:\n");
	eng_report_flush(&r);
	eng_report_backtrace(1, 32);
	eng_report_end_fatal(&r);
}

/* A hole in the simulator, not in the kernel: abort, loudly. */
void sim_not_modeled(const char *name)
{
	struct sim_task *t = eng_self();
	struct sim_report r = {.len = 0};

	eng_report_begin_fatal();
	fflush(NULL);
	eng_report_printf(&r, "mmsim: not modeled yet: %s\n", name);
	eng_report_task(&r, t);
	eng_report_printf(&r, "Call Trace:\n");
	eng_report_flush(&r);
	eng_report_backtrace(1, 16);
	eng_report_printf(&r, "seed: %llu\n", sim_engine_seed());
	eng_report_flush(&r);
	abort();
}

static void report_vwarn(const char *where, const char *fmt, va_list ap)
{
	struct sim_report r = {.len = 0};
	char msg[1024];
	size_t n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	if (n && msg[n - 1] == '\n')
		msg[n - 1] = '\0';
	eng_report_printf(&r, "WARNING at %s: %s\n", where, msg);
	pthread_mutex_lock(&report.warn_lock);
	report.warn_count++;
	fflush(stderr);
	eng_report_flush(&r);
	eng_report_backtrace(2, 8);
	pthread_mutex_unlock(&report.warn_lock);
}

void eng_report_warn(const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_vwarn(where, fmt, ap);
	va_end(ap);
}

void sim_warn(const char *file, int line, const char *fmt, ...)
{
	char where[512];
	va_list ap;

	snprintf(where, sizeof(where), "%s:%d", file, line);
	va_start(ap, fmt);
	report_vwarn(where, fmt, ap);
	va_end(ap);
}

unsigned long sim_warn_count(void)
{
	unsigned long n;

	pthread_mutex_lock(&report.warn_lock);
	n = report.warn_count;
	pthread_mutex_unlock(&report.warn_lock);
	return n;
}

/* ---- printk ------------------------------------------------------------- */

/*
 * As printk did with CONFIG_PRINTK_TIME: each line starts with the time,
 * and its "<N>" log level prefix is dropped.  A printk that does not end
 * its line is continued by the next one.
 */
void sim_vprintk(const char *fmt, va_list ap)
{
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	g_autoptr(GString) out = g_string_new(NULL);
	unsigned long long t = sim_ticks();
	const char *p = msg, *nl;

	pthread_mutex_lock(&report.printk_lock);
	while (*p) {
		if (!report.printk_mid_line) {
			if (p[0] == '<' && p[1] >= '0' && p[1] <= '7' &&
			    p[2] == '>')
				p += 3;
			g_string_append_printf(out, "[%5llu.%06llu] ",
					       t / 1000000, t % 1000000);
		}
		nl = strchr(p, '\n');
		if (!nl) {
			g_string_append(out, p);
			report.printk_mid_line = 1;
			break;
		}
		g_string_append_len(out, p, nl + 1 - p);
		report.printk_mid_line = 0;
		p = nl + 1;
	}
	fwrite(out->str, 1, out->len, stderr);
	pthread_mutex_unlock(&report.printk_lock);
}

int sim_vsnprintf(char *buf, unsigned long size, const char *fmt, va_list ap)
{
	return vsnprintf(buf, size, fmt, ap);
}

/* ---- the oops handler --------------------------------------------------- */

/*
 * A fault in the simulated kernel is the kernel's page fault in kernel
 * mode: report it as the oops it would have been.
 */
static void report_oops(int sig, siginfo_t *si, void *ucontext)
{
	struct sim_task *t = eng_self();
	struct sim_report r = {.len = 0};
	uintptr_t addr = (uintptr_t)si->si_addr;
	void *pc = NULL;
	unsigned long err = 0;
	char sym[512];

	(void)sig;
	eng_report_begin_fatal();
	eng_trace_flush_on_oops();
#if defined(__x86_64__)
	{
		ucontext_t *uc = ucontext;

		pc = (void *)uc->uc_mcontext.gregs[REG_RIP];
		/* The page fault error code, less the user-mode bit. */
		err = uc->uc_mcontext.gregs[REG_ERR] & ~4ul & 0x1f;
	}
#else
	(void)ucontext;
#endif
	if (report.fault_explainer &&
	    report.fault_explainer(&r, addr, (err & 2) != 0, pc))
		eng_report_end_fatal(&r);
	eng_report_printf(&r, "BUG: unable to handle kernel %s at %016lx\n",
			  addr < 4096 ? "NULL pointer dereference"
				      : "paging request",
			  (unsigned long)addr);
	eng_report_printf(&r, "Oops: %04lx [1] SMP\n", err);
	eng_report_printf(&r, "CPU %d\n", t->cpu);
	eng_report_printf(&r, "Pid: %d, comm: %s\n", t->pid, t->name);
	if (pc) {
		eng_report_symbol(sym, sizeof(sym), pc);
		eng_report_printf(&r, "RIP: [<%016lx>] %s\n", (unsigned long)pc,
				  sym);
	}
	eng_report_held_locks(&r, t);
	eng_report_printf(&r, "Call Trace:\n");
	eng_report_flush(&r);
	report_trace(1, 32, pc);
	eng_report_end_fatal(&r);
}

void eng_signals_install(void)
{
	struct sigaction sa = {0};

	sa.sa_sigaction = report_oops;
	/* SA_NODEFER: a fault inside the report exits 3, not by SIGSEGV. */
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}
