/*
 * tests/kernel/fstest.h - helpers for the kernel-world tests of the page
 * cache, simfs, buffer heads, writeback and file migration: create a
 * file, reach its mapping, map it, fill and check it through the verbs.
 */
#ifndef _FSTEST_H
#define _FSTEST_H

#include "mmtest.h"
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/pagevec.h>
#include <linux/buffer_head.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/radix-tree.h>
#include <linux/string.h>

/* A new file of pages pages; its handle. */
static inline int fst_file(const char *name, const char *flavour,
			   unsigned long pages)
{
	int fd = sim_file_create(name, flavour, pages << PAGE_SHIFT);

	KT_ASSERT_MSG(fd >= 3, "create %s (%s): %d", name, flavour, fd);
	return fd;
}

/* The file's mapping (the table's file keeps it alive). */
static inline struct address_space *fst_mapping(int fd)
{
	struct file *file = fget(fd);
	struct address_space *mapping;

	KT_ASSERT_NONNULL(file);
	mapping = file->f_mapping;
	fput(file);
	return mapping;
}

/* The cached page at index, without a reference (the cache holds one). */
static inline struct page *fst_page(int fd, unsigned long index)
{
	struct page *page = find_get_page(fst_mapping(fd), index);

	if (page)
		page_cache_release(page);
	return page;
}

/* Page i of a file carries the words of mmt_pattern(i, w) ^ seed. */
static inline void fst_fill(int fd, unsigned long first, unsigned long pages,
			    unsigned long seed)
{
	unsigned long buf[PAGE_SIZE / sizeof(unsigned long)];
	unsigned long i, w;

	for (i = first; i < first + pages; i++) {
		for (w = 0; w < ARRAY_SIZE(buf); w++)
			buf[w] = mmt_pattern(i, w) ^ seed;
		KT_ASSERT_INT_EQ(
			sim_file_write(fd, i << PAGE_SHIFT, buf, PAGE_SIZE),
			PAGE_SIZE);
	}
}

/* Pages of the range whose file contents differ from fst_fill's. */
static inline unsigned long fst_bad(int fd, unsigned long first,
				    unsigned long pages, unsigned long seed)
{
	unsigned long buf[PAGE_SIZE / sizeof(unsigned long)];
	unsigned long i, w, bad = 0;

	for (i = first; i < first + pages; i++) {
		KT_ASSERT_INT_EQ(
			sim_file_read(fd, i << PAGE_SHIFT, buf, PAGE_SIZE),
			PAGE_SIZE);
		for (w = 0; w < ARRAY_SIZE(buf); w++)
			if (buf[w] != (mmt_pattern(i, w) ^ seed)) {
				bad++;
				break;
			}
	}
	return bad;
}

/* mmap a file into the current task. */
static inline unsigned long fst_mmap(int fd, unsigned long pages, int flags)
{
	long addr = sim_syscall(SIM_NR_mmap, 0, pages << PAGE_SHIFT,
				PROT_READ | PROT_WRITE, flags, fd, 0);

	KT_ASSERT_MSG(addr > 0, "mmap fd %d: %ld", fd, addr);
	return addr;
}

/* Drain the pagevecs: the references counted are then the real ones. */
static inline void fst_quiesce(void)
{
	lru_add_drain_all();
}

#endif
