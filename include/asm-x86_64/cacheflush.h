/* asm-x86_64/cacheflush.h: x86 caches are coherent; all no-ops. */
#ifndef _X8664_CACHEFLUSH_H
#define _X8664_CACHEFLUSH_H

#define flush_cache_all() \
	do {              \
	} while (0)
#define flush_cache_mm(mm) \
	do {               \
	} while (0)
#define flush_cache_range(vma, start, end) \
	do {                               \
	} while (0)
#define flush_cache_page(vma, vmaddr, pfn) \
	do {                               \
	} while (0)
#define flush_dcache_page(page) \
	do {                    \
	} while (0)
#define flush_icache_page(vma, pg) \
	do {                       \
	} while (0)

#endif
