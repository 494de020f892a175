/*
 * mm/swap_state.c - the swap cache, standing for 2.6.20's
 * mm/swap_state.c.  For now: swapper_space, the one address_space of
 * every swap-cache page, with its operations and backing device.
 *
 * What it models: swapper_space as 2006 set it up: its radix tree
 * allocates with GFP_ATOMIC | __GFP_NOWARN, its tree_lock is a rwlock,
 * host is NULL, ->migratepage is migrate_page (so migrate.c moves
 * swap-cache pages by replacing the radix-tree slot), and its
 * backing_dev_info neither accounts dirty pages nor takes part in
 * writeback (BDI_CAP_NO_ACCT_DIRTY | BDI_CAP_NO_WRITEBACK).
 *
 * Deliberate simplifications, until the page-cache and swap issues: the
 * swap-cache functions (add_to_swap, __delete_from_swap_cache,
 * lookup_swap_cache ...) are not here yet, and .writepage
 * (swap_writepage), .sync_page (block_sync_page) and .set_page_dirty
 * (__set_page_dirty_nobuffers) are NULL: migrate.c's anon paths never
 * call them, and a NULL is honest where a trap would pretend.
 */
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/swap.h>
#include <linux/pagemap.h>
#include <linux/backing-dev.h>
#include <linux/migrate.h>
#include <linux/radix-tree.h>

/*
 * swapper_space is a fiction, retained to simplify the path through
 * vmscan's shrink_page_list, to make sync_page look nicer, and to allow
 * future use of radix_tree tags in the swap cache.
 */
static const struct address_space_operations swap_aops = {
	.writepage	= NULL,	/* swap_writepage: the swap issue */
	.sync_page	= NULL,	/* block_sync_page: the block layer */
	.set_page_dirty	= NULL,	/* __set_page_dirty_nobuffers: page cache */
	.migratepage	= migrate_page,
};

static struct backing_dev_info swap_backing_dev_info = {
	.capabilities	= BDI_CAP_NO_ACCT_DIRTY | BDI_CAP_NO_WRITEBACK,
};

struct address_space swapper_space = {
	.page_tree	= RADIX_TREE_INIT(GFP_ATOMIC|__GFP_NOWARN),
	.tree_lock	= __RW_LOCK_UNLOCKED(swapper_space.tree_lock),
	.a_ops		= &swap_aops,
	.i_mmap_nonlinear = LIST_HEAD_INIT(swapper_space.i_mmap_nonlinear),
	.backing_dev_info = &swap_backing_dev_info,
};
