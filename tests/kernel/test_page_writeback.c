/*
 * tests/kernel/test_page_writeback.c - mm/page-writeback.c as far as it
 * goes for now: dirtying and cleaning a page without a mapping (an
 * anonymous page outside the swap cache), as migration does.
 */
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <sim/kernel.h>
#include <sim/ktest.h>

static struct page *boot_and_page(void)
{
	struct sim_machine_config cfg;
	char err[256];
	struct page *page;

	sim_machine_defaults(&cfg, 2, 64 << 20);
	KT_ASSERT_MSG(sim_kernel_boot(&cfg, err, sizeof(err)) == 0, "boot: %s",
		      err);
	page = alloc_pages_node(0, GFP_HIGHUSER, 0);
	KT_ASSERT_NONNULL(page);
	return page;
}

KTEST(set_page_dirty_without_mapping_sets_pg_dirty_once)
{
	struct page *page = boot_and_page();

	KT_ASSERT(!PageDirty(page));
	KT_ASSERT_INT_EQ(set_page_dirty(page), 1);
	KT_ASSERT(PageDirty(page));
	KT_ASSERT_INT_EQ(set_page_dirty(page), 0); /* already dirty */
	KT_ASSERT_INT_EQ(global_page_state(NR_FILE_DIRTY), 0);
}

KTEST(clear_page_dirty_for_io_without_mapping_clears_pg_dirty)
{
	struct page *page = boot_and_page();

	KT_ASSERT_INT_EQ(clear_page_dirty_for_io(page), 0);
	set_page_dirty(page);
	KT_ASSERT_INT_EQ(clear_page_dirty_for_io(page), 1);
	KT_ASSERT(!PageDirty(page));
}
