/*
 * sim/kernel/traps.c - loud traps for what migrate.c links against but a
 * later part of mmsim provides.  Calling one prints
 * "mmsim: not modeled yet: NAME" and aborts: never a silent stub.
 *
 * The issue that implements a function deletes its trap here, and the
 * list in tests/kernel/test_traps.c with it.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/buffer_head.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include <linux/rmap.h>
#include <linux/cpuset.h>
#include <linux/security.h>
#include <linux/vmalloc.h>
#include <sim/door.h>

#define TRAP(name) sim_not_modeled(#name)

/* The names below, for the test that lists what remains. */
const char *const mmsim_traps[] = {
	"__lock_buffer",
	"unlock_buffer",
	"set_bh_page",
	"end_page_writeback",
	"try_to_release_page",
	NULL
};

/* buffer heads: the page-cache issue (sim/fs) */
void __lock_buffer(struct buffer_head *bh)
{
	TRAP(__lock_buffer);
}

void unlock_buffer(struct buffer_head *bh)
{
	TRAP(unlock_buffer);
}

void set_bh_page(struct buffer_head *bh, struct page *page,
		 unsigned long offset)
{
	TRAP(set_bh_page);
}

/* writeback: the page-cache issue (mm/page-writeback.c) */
void end_page_writeback(struct page *page)
{
	TRAP(end_page_writeback);
}

/* page cache: the page-cache issue (mm/filemap.c) */
int try_to_release_page(struct page *page, gfp_t gfp_mask)
{
	TRAP(try_to_release_page);
}
