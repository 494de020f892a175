/*
 * linux/seq_file.h - sequential text files (2.6.20 API subset).
 *
 * Simplification: a seq_file writes straight to the simulator's emit
 * callback (sim_proc_show and the views of include/sim/kernel.h) instead
 * of filling pages for read(2).
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/kernel.h>
#include <sim/kernel.h>

struct seq_file {
	sim_emit_fn emit;
	void *ctx;
};

int seq_printf(struct seq_file *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int seq_putc(struct seq_file *m, char c);
int seq_puts(struct seq_file *m, const char *s);

#endif
