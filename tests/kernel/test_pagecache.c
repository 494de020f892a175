/*
 * tests/kernel/test_pagecache.c - mm/filemap.c's page cache: insertion,
 * lookup and removal with the cache's reference, nrpages and
 * NR_FILE_PAGES; find_lock_page, find_or_create_page, the gang lookups
 * with and without a tag; invalidate_mapping_pages; the read and write
 * verbs through the cache; the checker's view of it all.
 */
#include "fstest.h"

KTEST(add_find_remove_keep_the_cache_reference_and_counters)
{
	struct address_space *mapping;
	struct page *page, *found;
	unsigned long files;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 16);
	mapping = fst_mapping(fd);
	files = global_page_state(NR_FILE_PAGES);

	page = alloc_pages_node(1, GFP_HIGHUSER, 0);
	KT_ASSERT_NONNULL(page);
	KT_ASSERT_INT_EQ(add_to_page_cache(page, mapping, 5, GFP_KERNEL), 0);
	/* our allocation reference + the cache's */
	KT_ASSERT_INT_EQ(page_count(page), 2);
	KT_ASSERT(PageLocked(page));
	KT_ASSERT_PTR_EQ(page->mapping, mapping);
	KT_ASSERT_UINT_EQ(page->index, 5);
	KT_ASSERT_UINT_EQ(mapping->nrpages, 1);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_PAGES), files + 1);
	KT_ASSERT_UINT_EQ(node_page_state(1, NR_FILE_PAGES), 1);

	/* a second page at the same index is refused */
	found = alloc_pages_node(0, GFP_HIGHUSER, 0);
	KT_ASSERT_INT_EQ(add_to_page_cache(found, mapping, 5, GFP_KERNEL),
			 -EEXIST);
	KT_ASSERT_INT_EQ(page_count(found), 1);
	KT_ASSERT(!PageLocked(found));
	__free_page(found);

	found = find_get_page(mapping, 5);
	KT_ASSERT_PTR_EQ(found, page);
	KT_ASSERT_INT_EQ(page_count(page), 3);
	page_cache_release(found);
	KT_ASSERT_NULL(find_get_page(mapping, 4));
	KT_ASSERT_NULL(find_get_page(mapping, 6));

	unlock_page(page);
	found = find_lock_page(mapping, 5);
	KT_ASSERT_PTR_EQ(found, page);
	KT_ASSERT(PageLocked(page));
	KT_ASSERT_INT_EQ(page_count(page), 3);
	page_cache_release(found);

	remove_from_page_cache(page);
	KT_ASSERT_NULL(page->mapping);
	KT_ASSERT_UINT_EQ(mapping->nrpages, 0);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_PAGES), files);
	KT_ASSERT_NULL(find_get_page(mapping, 5));
	page_cache_release(page); /* the cache's reference */
	unlock_page(page);
	KT_ASSERT_INT_EQ(page_count(page), 1);
	__free_page(page);
	mmt_expect_clean();
}

KTEST(find_or_create_page_adds_a_locked_page_on_the_lru_once)
{
	struct address_space *mapping;
	struct page *page, *again;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "shmem", 4);
	mapping = fst_mapping(fd);
	page = find_or_create_page(mapping, 2, GFP_HIGHUSER);
	KT_ASSERT_NONNULL(page);
	KT_ASSERT(PageLocked(page));
	SetPageUptodate(page);
	unlock_page(page);
	again = find_or_create_page(mapping, 2, GFP_HIGHUSER);
	KT_ASSERT_PTR_EQ(again, page);
	unlock_page(again);
	page_cache_release(again);
	page_cache_release(page);
	fst_quiesce();
	KT_ASSERT(PageLRU(page));
	KT_ASSERT_INT_EQ(page_count(page), 1); /* the cache alone */
	KT_ASSERT_UINT_EQ(mapping->nrpages, 1);
	mmt_expect_clean();
}

KTEST(gang_lookups_find_pages_in_index_order_and_by_tag)
{
	struct address_space *mapping;
	struct page *pages[8];
	pgoff_t index = 0;
	unsigned n, i;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 32);
	mapping = fst_mapping(fd);
	fst_fill(fd, 3, 1, 0);
	fst_fill(fd, 10, 2, 0);
	fst_fill(fd, 20, 1, 0);
	KT_ASSERT_UINT_EQ(mapping->nrpages, 4);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 4);

	n = find_get_pages(mapping, 4, 8, pages);
	KT_ASSERT_INT_EQ(n, 3);
	KT_ASSERT_UINT_EQ(pages[0]->index, 10);
	KT_ASSERT_UINT_EQ(pages[1]->index, 11);
	KT_ASSERT_UINT_EQ(pages[2]->index, 20);
	for (i = 0; i < n; i++)
		page_cache_release(pages[i]);

	/* write page 10 back: it leaves the DIRTY tag */
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_DIRTY), 0);
	KT_ASSERT(!mapping_tagged(mapping, PAGECACHE_TAG_DIRTY));
	fst_fill(fd, 11, 1, 1);
	fst_fill(fd, 20, 1, 1);
	n = find_get_pages_tag(mapping, &index, PAGECACHE_TAG_DIRTY, 8, pages);
	KT_ASSERT_INT_EQ(n, 2);
	KT_ASSERT_UINT_EQ(pages[0]->index, 11);
	KT_ASSERT_UINT_EQ(pages[1]->index, 20);
	KT_ASSERT_UINT_EQ(index, 21);
	for (i = 0; i < n; i++)
		page_cache_release(pages[i]);
	mmt_expect_clean();
}

KTEST(write_then_read_back_through_the_cache_across_pages)
{
	char in[6000], out[6000];
	unsigned int i;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 0);
	for (i = 0; i < sizeof(in); i++)
		in[i] = (char)(i * 7 + 1);
	KT_ASSERT_INT_EQ(sim_file_write(fd, 3000, in, sizeof(in)), sizeof(in));
	KT_ASSERT_INT_EQ(sim_file_size(fd), 9000);
	KT_ASSERT_INT_EQ(sim_file_nrpages(fd), 3);
	memset(out, 0, sizeof(out));
	KT_ASSERT_INT_EQ(sim_file_read(fd, 3000, out, sizeof(out)),
			 sizeof(out));
	KT_ASSERT(!memcmp(in, out, sizeof(in)));
	/* the hole before the data reads as zeroes; reads stop at EOF */
	KT_ASSERT_INT_EQ(sim_file_read(fd, 0, out, 3000), 3000);
	for (i = 0; i < 3000; i++)
		KT_ASSERT(out[i] == 0);
	KT_ASSERT_INT_EQ(sim_file_read(fd, 8000, out, 4096), 1000);
	KT_ASSERT_INT_EQ(sim_file_read(fd, 9000, out, 10), 0);
	mmt_expect_clean();
}

KTEST(reading_a_hole_caches_a_clean_uptodate_page)
{
	struct page *page;
	char buf[16];
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 4);
	KT_ASSERT_INT_EQ(sim_file_read(fd, PAGE_SIZE, buf, sizeof(buf)),
			 sizeof(buf));
	page = fst_page(fd, 1);
	KT_ASSERT_NONNULL(page);
	KT_ASSERT(PageUptodate(page));
	KT_ASSERT(!PageDirty(page));
	KT_ASSERT(!PageLocked(page));
	fst_quiesce();
	/* cache + buffers (block_read_full_page attached them) */
	KT_ASSERT(PagePrivate(page));
	KT_ASSERT_INT_EQ(page_count(page), 2);
	mmt_expect_clean();
}

KTEST(invalidate_mapping_pages_drops_clean_pages_only)
{
	struct address_space *mapping;
	unsigned long files;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "ext2", 8);
	mapping = fst_mapping(fd);
	fst_fill(fd, 0, 4, 0);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	fst_fill(fd, 2, 1, 5); /* page 2 dirty again */
	fst_quiesce();
	files = global_page_state(NR_FILE_PAGES);
	KT_ASSERT_UINT_EQ(invalidate_mapping_pages(mapping, 0, ~0UL), 3);
	KT_ASSERT_UINT_EQ(mapping->nrpages, 1);
	KT_ASSERT_NONNULL(fst_page(fd, 2));
	KT_ASSERT_UINT_EQ(global_page_state(NR_FILE_PAGES), files - 3);
	/* what was written back is read back from the disk */
	KT_ASSERT_INT_EQ(fst_bad(fd, 0, 2, 0), 0);
	KT_ASSERT_INT_EQ(fst_bad(fd, 2, 1, 5), 0);
	KT_ASSERT_INT_EQ(fst_bad(fd, 3, 1, 0), 0);
	mmt_expect_clean();
}

static void quiet(void *ctx, const char *text, unsigned long len)
{
}

KTEST(checker_finds_a_page_missing_from_its_radix_tree)
{
	struct page *page;
	int fd;

	mmt_boot(2, 64 << 20);
	fd = fst_file("f", "shmem", 4);
	fst_fill(fd, 0, 1, 0);
	page = fst_page(fd, 0);
	fst_quiesce();
	mmt_expect_clean();
	/* pretend the page sits at another index */
	page->index = 3;
	KT_ASSERT(sim_check(quiet, NULL) > 0);
	page->index = 0;
	mmt_expect_clean();
}
