/*
 * lib/vsprintf.c - stands for lib/vsprintf.c and kernel/printk.c.
 *
 * Simplification: vsnprintf and snprintf are the host C library's (only
 * declared in linux/kernel.h, like memcpy in linux/string.h): the 2006
 * format letters mm uses (%lu, %lx, %p, %s, %d, field widths) mean the
 * same there.  What libc lacks is here.
 */
#include <linux/kernel.h>

/* Like snprintf, but returns what was really written (2.6.20). */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vsnprintf(buf, size, fmt, args);
	va_end(args);
	if (size == 0)
		return 0;
	return (size_t)i >= size ? (int)size - 1 : i;
}

int printk(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	sim_vprintk(fmt, args);
	va_end(args);
	return 0;
}

void panic(const char *fmt, ...)
{
	char buf[512];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	sim_panic("%s", buf);
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	unsigned long result = 0, value;

	if (!base) {
		base = 10;
		if (*cp == '0') {
			base = 8;
			cp++;
			if ((*cp == 'x' || *cp == 'X') && cp[1]) {
				cp++;
				base = 16;
			}
		}
	}
	for (;; cp++) {
		char c = *cp;
		if (c >= '0' && c <= '9')
			value = c - '0';
		else if (c >= 'a' && c <= 'f')
			value = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			value = c - 'A' + 10;
		else
			break;
		if (value >= base)
			break;
		result = result * base + value;
	}
	if (endp)
		*endp = (char *)cp;
	return result;
}
