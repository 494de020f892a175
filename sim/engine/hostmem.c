/*
 * sim/engine/hostmem.c - host memory for the simulated machine.
 *
 * Small simulator-side structures come zeroed from the heap.  The
 * machine's physical memory is a reservation of demand-zero pages: a
 * 64 GiB machine costs only the pages the kernel touches, and a freed
 * page can be handed back so that it reads as zero again.  Reservations
 * of 2 MiB or more start on a 2 MiB boundary, so that the ones the kernel
 * asks to be backed by huge pages (sim_host_prefer_huge_pages) can be
 * from their first byte.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "engine.h"

void *sim_host_alloc(unsigned long size)
{
	return g_malloc0(size);
}

void sim_host_free(void *p)
{
	g_free(p);
}

#define HUGE_PAGE_SIZE (2UL << 20)

void *sim_host_map(unsigned long size)
{
	unsigned long slack = size >= HUGE_PAGE_SIZE ? HUGE_PAGE_SIZE : 0;
	unsigned long head, tail;
	char *p = mmap(NULL, size + slack, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr,
			"mmsim: cannot reserve %lu bytes of host memory: %s\n",
			size, strerror(errno));
		exit(SIM_EXIT_SIMULATOR);
	}
	if (!slack)
		return p;
	/* keep exactly [aligned, aligned + size): unmap takes that size */
	head = -(unsigned long)p & (HUGE_PAGE_SIZE - 1);
	tail = slack - head;
	if (head)
		sim_host_unmap(p, head);
	if (tail)
		sim_host_unmap(p + head + size, tail);
	return p + head;
}

void sim_host_prefer_huge_pages(void *p, unsigned long size)
{
	/* only a hint: a host without transparent huge pages says EINVAL */
	(void)madvise(p, size, MADV_HUGEPAGE);
}

void sim_host_unmap(void *p, unsigned long size)
{
	if (munmap(p, size)) {
		fprintf(stderr, "mmsim: cannot unmap %lu bytes at %p: %s\n",
			size, p, strerror(errno));
		exit(SIM_EXIT_SIMULATOR);
	}
}

void sim_host_discard(void *p, unsigned long size)
{
	if (madvise(p, size, MADV_DONTNEED)) {
		fprintf(stderr, "mmsim: cannot discard %lu bytes at %p: %s\n",
			size, p, strerror(errno));
		exit(SIM_EXIT_SIMULATOR);
	}
}
