/*
 * fs/seq_file.c - stands for fs/seq_file.c: formatted text handed to
 * the simulator's emit callback (see linux/seq_file.h).
 */
#include <linux/seq_file.h>
#include <linux/string.h>

int seq_printf(struct seq_file *m, const char *fmt, ...)
{
	char buf[256];
	char *big;
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (len < 0)
		return -1;
	if (len < (int)sizeof(buf)) {
		m->emit(m->ctx, buf, len);
		return 0;
	}
	big = sim_host_alloc(len + 1);
	va_start(args, fmt);
	vsnprintf(big, len + 1, fmt, args);
	va_end(args);
	m->emit(m->ctx, big, len);
	sim_host_free(big);
	return 0;
}

int seq_putc(struct seq_file *m, char c)
{
	m->emit(m->ctx, &c, 1);
	return 0;
}

int seq_puts(struct seq_file *m, const char *s)
{
	m->emit(m->ctx, s, strlen(s));
	return 0;
}
