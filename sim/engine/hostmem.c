/*
 * sim/engine/hostmem.c - host memory for the simulated machine.
 *
 * Small simulator-side structures come zeroed from the heap.  The
 * machine's physical memory is a reservation of demand-zero pages: a
 * 64 GiB machine costs only the pages the kernel touches, and a freed
 * page can be handed back so that it reads as zero again.
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

void *sim_host_map(unsigned long size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr,
			"mmsim: cannot reserve %lu bytes of host memory: %s\n",
			size, strerror(errno));
		exit(SIM_EXIT_SIMULATOR);
	}
	return p;
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
