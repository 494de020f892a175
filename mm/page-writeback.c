/*
 * mm/page-writeback.c - standing for 2.6.20's mm/page-writeback.c.  For
 * now set_page_dirty and clear_page_dirty_for_io, as far as migrating
 * anonymous pages needs them; __set_page_dirty_nobuffers, the radix-tree
 * tags, writeback and dirty throttling come with the page-cache issue.
 *
 * What it models: the two functions as 2006 wrote them.  A page with a
 * mapping (a page-cache page, or an anon page in the swap cache, whose
 * mapping is swapper_space) would go to ->set_page_dirty, or to
 * __set_page_dirty_buffers when that is NULL; a page without one (an
 * anon page not in the swap cache) just gets PG_dirty.
 * clear_page_dirty_for_io write-protects the ptes of a page whose
 * mapping accounts dirty pages (page_mkclean) before clearing PG_dirty
 * and NR_FILE_DIRTY, and otherwise only clears PG_dirty.
 *
 * Deliberate simplification: set_page_dirty's mapping branch is not
 * modeled yet and stops the run loudly (sim_not_modeled) instead of
 * guessing.
 */
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/rmap.h>
#include <sim/door.h>

/*
 * For address_spaces which do not use buffers.  Just tag the page as
 * dirty in its radix tree.  ... (the mapping half: page-cache issue)
 *
 * If the mapping doesn't provide a set_page_dirty a_op, then
 * just fall through and assume that it wants buffer_heads.
 */
int fastcall set_page_dirty(struct page *page)
{
	struct address_space *mapping = page_mapping(page);

	if (likely(mapping))
		sim_not_modeled("set_page_dirty: mapping");

	if (!PageDirty(page)) {
		if (!TestSetPageDirty(page))
			return 1;
	}
	return 0;
}

/*
 * Clear a page's dirty flag, while caring for dirty memory accounting.
 * Returns true if the page was previously dirty.
 *
 * This is for preparing to put the page under writeout.  We leave the page
 * tagged as dirty in the radix tree so that a concurrent write-for-sync
 * can discover it via a PAGECACHE_TAG_DIRTY walk.  The ->writepage
 * implementation will run either set_page_writeback() or set_page_dirty(),
 * at which stage we bring the page's dirty flag and radix-tree dirty tag
 * back into sync.
 *
 * This incoherency between the page's dirty flag and radix-tree tag is
 * unfortunate, but it only exists while the page is locked.
 */
int clear_page_dirty_for_io(struct page *page)
{
	struct address_space *mapping = page_mapping(page);

	if (mapping && mapping_cap_account_dirty(mapping)) {
		/*
		 * Yes, Virginia, this is indeed insane.
		 *
		 * We use this sequence to make sure that
		 *  (a) we account for dirty stats properly
		 *  (b) we tell the low-level filesystem to
		 *      mark the whole page dirty if it was
		 *      dirty in a pagetable. Only to then
		 *  (c) clean the page again and return 1 to
		 *      cause the writeback.
		 *
		 * This way a concurrent page dirtying in the
		 * pagetables cannot be lost: page_mkclean
		 * write-protected the ptes first.
		 */
		if (page_mkclean(page))
			set_page_dirty(page);
		if (TestClearPageDirty(page)) {
			dec_zone_page_state(page, NR_FILE_DIRTY);
			return 1;
		}
		return 0;
	}
	return TestClearPageDirty(page);
}
