/*
 * tests/kernel/test_cover_migrate.c - the lines of mm/migrate.c that no
 * system call of ours and no scenario reaches, reached on purpose
 * (tools/coverage.sh; README "Coverage of mm/migrate.c"):
 *   migrate_vmas()        exported, called by do_migrate_pages(), which
 *                         mmsim does not model: called directly with
 *                         vmas whose vm_ops->migrate is set
 *   remove_migration_pte  another mm maps the file where it has no pgd,
 *                         no pud or no pmd yet (MAP_FIXED far away)
 *   migrate_page_copy     PG_error (a failed write), PG_checked and
 *                         PG_mappedtodisk (set as ext3 and the nobh or
 *                         mpage read paths would) go to the new page
 *   buffer_migrate_page   an ext2 page whose buffers were released
 *   fallback_migrate_page a clean page whose buffer is in use
 *   writeout              a ramfs-like mapping: dirty, no ->writepage
 *   unmap_and_move        a forced pass that sleeps in lock_page()
 *   sys_move_pages        vmalloc of the page_to_node array fails
 */
#include "fstest.h"
#include <linux/migrate.h>
#include <linux/nodemask.h>

#define MAP_FIXED_ 0x10

/* ---- migrate_vmas ---------------------------------------------------- */

static int migrate_calls;
static int migrate_fail_at; /* 1-based call that fails, 0: none */
static nodemask_t seen_from, seen_to;
static unsigned long seen_flags;

static int count_migrate(struct vm_area_struct *vma, const nodemask_t *from,
			 const nodemask_t *to, unsigned long flags)
{
	migrate_calls++;
	seen_from = *from;
	seen_to = *to;
	seen_flags = flags;
	return migrate_calls == migrate_fail_at ? -EBUSY : 0;
}

static struct vm_operations_struct migrate_ops = {
	.migrate = count_migrate,
};

/* Three vmas that cannot merge (different protections); their ops. */
static void three_vmas(struct mm_struct *mm, struct vm_operations_struct *ops)
{
	struct vm_area_struct *vma;
	int n = 0;

	for (vma = mm->mmap; vma; vma = vma->vm_next, n++)
		vma->vm_ops = ops;
	KT_ASSERT_INT_EQ(n, 3);
}

KTEST(migrate_vmas_calls_every_migrate_op_but_the_last_vmas)
{
	nodemask_t from, to;
	int app;

	mmt_boot(2, 16 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	mmt_mmap(1);
	KT_ASSERT(sim_syscall(SIM_NR_mmap, 0, PAGE_SIZE, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) > 0);
	mmt_mmap(1);
	three_vmas(current->mm, &migrate_ops);
	nodes_clear(from);
	nodes_clear(to);
	node_set(0, from);
	node_set(1, to);
	migrate_calls = 0;
	migrate_fail_at = 0;
	down_read(&current->mm->mmap_sem);
	/*
	 * 2006's loop stops at the vma that has no successor: two calls
	 * for three vmas (reference section 9.2).  The definition names its
	 * parameters (mm, to, from): the positions reach the op unchanged.
	 */
	KT_ASSERT_INT_EQ(
		migrate_vmas(current->mm, &from, &to, MPOL_MF_MOVE_ALL), 0);
	up_read(&current->mm->mmap_sem);
	KT_ASSERT_INT_EQ(migrate_calls, 2);
	KT_ASSERT(node_isset(0, seen_from) && !node_isset(1, seen_from));
	KT_ASSERT(node_isset(1, seen_to) && !node_isset(0, seen_to));
	KT_ASSERT_UINT_EQ(seen_flags, MPOL_MF_MOVE_ALL);
	three_vmas(current->mm, NULL);
	mmt_expect_clean();
}

KTEST(migrate_vmas_stops_at_the_first_error)
{
	nodemask_t nodes;
	int app;

	mmt_boot(2, 16 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	mmt_mmap(1);
	KT_ASSERT(sim_syscall(SIM_NR_mmap, 0, PAGE_SIZE, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) > 0);
	mmt_mmap(1);
	three_vmas(current->mm, &migrate_ops);
	/* the middle vma has no op: skipped, not an error */
	current->mm->mmap->vm_next->vm_ops = NULL;
	nodes_clear(nodes);
	node_set(1, nodes);
	migrate_calls = 0;
	migrate_fail_at = 1;
	down_read(&current->mm->mmap_sem);
	KT_ASSERT_INT_EQ(
		migrate_vmas(current->mm, &nodes, &nodes, MPOL_MF_MOVE),
		-EBUSY);
	up_read(&current->mm->mmap_sem);
	KT_ASSERT_INT_EQ(migrate_calls, 1);
	three_vmas(current->mm, NULL);
	mmt_expect_clean();
}

/* ---- remove_migration_pte: other mms without page tables there ------- */

/* Map fd's first page at addr (MAP_FIXED, shared) in the current task. */
static void map_at(int fd, unsigned long addr)
{
	long ret = sim_syscall(SIM_NR_mmap, addr, PAGE_SIZE,
			       PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED_,
			       fd, 0);

	KT_ASSERT_MSG(ret == (long)addr, "mmap at %#lx: %ld", addr, ret);
}

/* An anonymous page at addr, touched: its pgd, pud, pmd and pte exist. */
static void touch_at(unsigned long addr)
{
	long ret = sim_syscall(SIM_NR_mmap, addr, PAGE_SIZE,
			       PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_, -1, 0);

	KT_ASSERT_MSG(ret == (long)addr, "mmap at %#lx: %ld", addr, ret);
	KT_ASSERT_INT_EQ(sim_user_touch(addr, 1), 0);
}

KTEST(file_ptes_are_restored_past_mms_that_lack_the_page_tables)
{
	unsigned long addr;
	struct mmt_mp mp;
	int fd, app, t;

	mmt_boot(2, 16 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	fd = fst_file("f", "ext2", 1);
	addr = fst_mmap(fd, 1, MAP_SHARED);
	mmt_fill(addr, 1);

	/* no pgd entry at all: nothing else mapped in that 512 GiB */
	mmt_enter(mmt_task("nopgd", 1000, 0, 0));
	map_at(fd, 0x500000000000UL);
	/* a pgd entry, but another 1 GiB: no pud entry */
	mmt_enter(mmt_task("nopud", 1000, 0, 0));
	touch_at(0x600000000000UL);
	map_at(fd, 0x600040000000UL);
	/* the same 1 GiB, another 2 MiB: no pmd entry */
	mmt_enter(mmt_task("nopmd", 1000, 0, 0));
	touch_at(0x700000000000UL);
	map_at(fd, 0x700000400000UL);
	t = mmt_task("nopte", 1000, 0, 0);
	mmt_enter(t);
	touch_at(0x710000000000UL);
	map_at(fd, 0x710000001000UL);

	/* only app maps the page (mapcount 1): a plain MOVE takes it */
	mmt_enter(app);
	mp = mmt_mp_alloc(1);
	mmt_mp_set(&mp, addr, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, MPOL_MF_MOVE), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 1);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 1);
	KT_ASSERT_INT_EQ(sim_page_node(t, 0x710000001000UL), -ENOENT);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	/* the others fault the moved page in from the cache */
	mmt_enter(t);
	KT_ASSERT_INT_EQ(mmt_check(0x710000001000UL, 1), 0);
	KT_ASSERT_INT_EQ(sim_page_node(t, 0x710000001000UL), 1);
	mmt_expect_clean();
}

/* ---- migrate_page_copy: the flags that go with the page -------------- */

KTEST(error_checked_and_mappedtodisk_flags_go_to_the_new_page)
{
	unsigned long addr;
	struct mmt_mp mp;
	int fd, app;

	mmt_boot(2, 16 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	fd = fst_file("f", "ext2", 3);
	fst_fill(fd, 0, 3, 0);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	addr = fst_mmap(fd, 3, MAP_SHARED);
	KT_ASSERT_INT_EQ(mmt_check(addr, 3), 0);
	/*
	 * PG_mappedtodisk: 2.6.20's block_read_full_page sets it only when
	 * every buffer was already mapped before the read (fresh buffers
	 * never are), nobh and mpage paths that simfs does not have set it
	 * too: set it as they would on a page whose blocks are all on disk.
	 * PG_checked: ext3 and reiserfs use it; no simfs flavour does.
	 */
	SetPageMappedToDisk(fst_page(fd, 0));
	SetPageChecked(fst_page(fd, 1));
	/* PG_error: a write of page 2 that fails */
	KT_ASSERT_INT_EQ(sim_user_touch(addr + 2 * PAGE_SIZE, 1), 0);
	sim_io_fail_next(4);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), -EIO);
	KT_ASSERT(PageError(fst_page(fd, 2)));

	mp = mmt_mp_alloc(3);
	mmt_mp_set(&mp, addr, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, MPOL_MF_MOVE), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 1);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 1), 1);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 2), 1);
	KT_ASSERT_INT_EQ(page_to_nid(fst_page(fd, 0)), 1);
	KT_ASSERT(PageMappedToDisk(fst_page(fd, 0)));
	KT_ASSERT(PageChecked(fst_page(fd, 1)));
	KT_ASSERT(PageError(fst_page(fd, 2)));
	KT_ASSERT(!PageChecked(fst_page(fd, 0)));
	ClearPageChecked(fst_page(fd, 1));
	mmt_expect_clean();
}

/* ---- buffer_migrate_page without buffers ----------------------------- */

KTEST(ext2_page_without_buffers_goes_through_migrate_page)
{
	unsigned long addr;
	struct page *page;
	struct mmt_mp mp;
	int fd, app;

	mmt_boot(2, 16 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	fd = fst_file("f", "ext2", 1);
	fst_fill(fd, 0, 1, 0);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	/* clean buffers of an unmapped page can go, as reclaim drops them */
	page = fst_page(fd, 0);
	lock_page(page);
	KT_ASSERT(try_to_release_page(page, GFP_KERNEL));
	unlock_page(page);
	KT_ASSERT(!PagePrivate(page));
	addr = fst_mmap(fd, 1, MAP_SHARED);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	KT_ASSERT(!PagePrivate(page));

	mp = mmt_mp_alloc(1);
	mmt_mp_set(&mp, addr, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, MPOL_MF_MOVE), 0);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), 1);
	page = fst_page(fd, 0);
	KT_ASSERT_INT_EQ(page_to_nid(page), 1);
	KT_ASSERT(!PagePrivate(page));
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	mmt_expect_clean();
}

/* ---- fallback_migrate_page: buffers that cannot be released --------- */

KTEST(clean_page_whose_buffers_are_busy_is_retried_and_left)
{
	struct buffer_head *bh;
	unsigned long addr;
	struct page *page;
	struct mmt_mp mp;
	int fd, app;

	mmt_boot(2, 16 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	fd = fst_file("f", "nomigrate", 1);
	fst_fill(fd, 0, 1, 0);
	KT_ASSERT_INT_EQ(sim_file_fsync(fd), 0);
	addr = fst_mmap(fd, 1, MAP_SHARED);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	page = fst_page(fd, 0);
	KT_ASSERT(PagePrivate(page) && !PageDirty(page));
	/* a buffer in use (as I/O in flight holds it): try_to_free_buffers
	 * refuses, fallback_migrate_page answers -EAGAIN on every pass */
	bh = page_buffers(page);
	get_bh(bh);
	mp = mmt_mp_alloc(1);
	mmt_mp_set(&mp, addr, 1);
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, MPOL_MF_MOVE), 1);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), -EAGAIN);
	put_bh(bh);
	KT_ASSERT_PTR_EQ(fst_page(fd, 0), page);
	KT_ASSERT(PagePrivate(page));
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 0);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	mmt_expect_clean();
}

/* ---- writeout: no ->writepage ----------------------------------------- */

KTEST(dirty_page_of_a_mapping_without_writepage_fails_with_einval)
{
	static struct address_space_operations nowrite;
	const struct address_space_operations *saved;
	struct address_space *mapping;
	unsigned long addr;
	struct mmt_mp mp;
	int fd, app;

	mmt_boot(2, 16 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	fd = fst_file("f", "nomigrate", 1);
	mapping = fst_mapping(fd);
	addr = fst_mmap(fd, 1, MAP_SHARED);
	mmt_fill(addr, 1);
	KT_ASSERT(PageDirty(fst_page(fd, 0)));
	/* ramfs in 2006: neither ->migratepage nor ->writepage */
	saved = mapping->a_ops;
	nowrite = *saved;
	nowrite.writepage = NULL;
	nowrite.migratepage = NULL;
	mapping->a_ops = &nowrite;

	mp = mmt_mp_alloc(1);
	mmt_mp_set(&mp, addr, 1);
	/* -EINVAL is permanent: counted, not retried */
	KT_ASSERT_INT_EQ(mmt_move_pages(0, &mp, 1, MPOL_MF_MOVE), 1);
	KT_ASSERT_INT_EQ(mmt_status(&mp, 0), -EINVAL);
	mapping->a_ops = saved;
	KT_ASSERT(PageDirty(fst_page(fd, 0)));
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 0);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	mmt_expect_clean();
}

/* ---- unmap_and_move: a forced pass sleeps in lock_page --------------- */

KTEST(forced_pass_waits_for_a_page_locked_by_someone_else)
{
	static struct mmt_mover m;
	unsigned long addr, waits;
	struct page *page;
	long t;
	int fd, app;

	mmt_boot(2, 16 << 20);
	app = mmt_task("app", 1000, 0, 0);
	mmt_enter(app);
	fd = fst_file("f", "ext2", 1);
	addr = fst_mmap(fd, 1, MAP_SHARED);
	mmt_fill(addr, 1);
	m.pid = mmt_task("mover", 1000, 0, 1);
	m.target = app;
	mmt_enter(m.pid);
	m.mp = mmt_mp_alloc(1);
	mmt_mp_set(&m.mp, addr, 1);
	mmt_enter(mmt_task("holder", 0, 0, 0));

	/* passes 0-2 find it locked and give up; pass 3 sleeps on it */
	page = fst_page(fd, 0);
	KT_ASSERT(!TestSetPageLocked(page));
	waits = sim_event_count("lock_page_wait");
	t = sim_thread_spawn("mover", m.pid, 1, mmt_mover_thread, &m);
	while (sim_event_count("lock_page_wait") == waits && !m.done)
		sim_cond_resched();
	KT_ASSERT_INT_EQ(m.done, 0);
	KT_ASSERT_INT_EQ(sim_file_page_node(fd, 0), 0);
	unlock_page(page);
	sim_thread_join(t);
	KT_ASSERT_INT_EQ(m.ret, 0);
	mmt_enter(m.pid);
	KT_ASSERT_INT_EQ(mmt_status(&m.mp, 0), 1);
	KT_ASSERT_INT_EQ(sim_file_page_node(fd, 0), 1);
	KT_ASSERT_INT_EQ(sim_page_node(app, addr), 1);
	mmt_enter(app);
	KT_ASSERT_INT_EQ(mmt_check(addr, 1), 0);
	mmt_expect_clean();
}

/* ---- sys_move_pages: no memory for the page_to_node array ------------ */

KTEST(move_pages_gives_enomem_when_its_array_cannot_be_allocated)
{
	long ret;

	mmt_boot(2, 8 << 20);
	mmt_enter(mmt_task("app", 1000, 0, 0));
	/*
	 * (nr + 1) * 24 bytes of vmalloc: 24 MiB on a 16 MiB machine.  The
	 * arrays are never read: vmalloc comes first.
	 */
	ret = sim_syscall(SIM_NR_move_pages, 0, 1UL << 20, 0x1000, 0x1000,
			  0x1000, MPOL_MF_MOVE);
	KT_ASSERT_INT_EQ(ret, -ENOMEM);
	mmt_expect_clean();
}
