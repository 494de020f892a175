/*
 * fs/simfs/inode.c - simfs, the machine's filesystem: in-memory inodes
 * over the block device of block/ll_rw_blk.c, in the flavours of
 * reference section 4.3 that together drive every path of
 * mm/migrate.c.  It stands for several 2006 files at once: fs/ext2's
 * address_space_operations and get_block (inode.c), drivers/block/rd.c's
 * ramdisk_aops, mm/shmem.c (in shmem.c), fs/inode.c's inode life cycle,
 * fs/file_table.c's fget/fput and fs/open.c / fs/read_write.c /
 * fs/sync.c for the simulator's file verbs.
 *
 * What it models: an inode has i_size, a block map (one disk block per
 * file block, 0 for a hole) and a flavour chosen at creation:
 *   ext2         buffer heads (1 KiB blocks), ->writepage =
 *                block_write_full_page, ->readpage = block_read_full_page,
 *                no ->releasepage (try_to_free_buffers), no
 *                ->set_page_dirty (__set_page_dirty_buffers),
 *                ->migratepage = buffer_migrate_page; dirty accounting
 *                and writeback on.
 *   nomigrate    the same without ->migratepage: fallback_migrate_page,
 *                writeout() for dirty pages, try_to_release_page for
 *                pages with buffers.
 *   failmigrate  the same with ->migratepage = fail_migrate_page (the
 *                XFS buffer cache's): -EIO, permanently.
 *   shmem        tmpfs (shmem.c): ->migratepage = migrate_page,
 *                __set_page_dirty_nobuffers, no dirty accounting, no
 *                writeback.
 *   ramdisk      rd.c's ramdisk_aops: no ->migratepage, ->writepage
 *                re-dirties and returns AOP_WRITEPAGE_ACTIVATE when
 *                wbc->for_reclaim, ->set_page_dirty only sets PG_dirty,
 *                ->writepages does nothing; no dirty accounting, no
 *                writeback.  The pages are the storage.
 * The directory is a flat table of names; each named inode holds one
 * reference for its directory entry, each struct file one, each vma one
 * through its file.  An inode whose last reference goes and that has no
 * name (shmem_zero_setup's) is truncated and freed (iput).  Handles are
 * slots of one machine-wide file table, numbered from 3.
 *
 * Deliberate simplifications: no superblock, no on-disk metadata (the
 * block map lives in host memory and is never written), no atime/mtime,
 * no permissions (files are opened read-write), no i_mutex around the
 * verbs (the host drives them one at a time), no indirect blocks, no
 * readahead, no O_DIRECT.  The ramdisk flavour is a file rather than a
 * block device, so its commit_write also moves i_size.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/buffer_head.h>
#include <linux/blkdev.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/migrate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <sim/door.h>
#include <sim/kernel.h>

#include <linux/simfs_fs.h>

#define FIRST_HANDLE 3

static DEFINE_SPINLOCK(simfs_lock); /* the directory and the file table */
static struct simfs_inode *simfs_dir[SIMFS_MAX_FILES];
static struct file *file_table[SIMFS_MAX_FILES];
static unsigned long next_ino = 1;

/* ---- block mapping (ext2_get_block, without indirect blocks) ---------------- */

static int simfs_get_block(struct inode *inode, sector_t iblock,
			   struct buffer_head *bh_result, int create)
{
	struct simfs_inode *si = SIMFS_I(inode);
	struct block_device *bdev = inode->i_bdev;
	sector_t blk = 0;
	int new = 0;

	if (((loff_t)iblock << inode->i_blkbits) >= SIMFS_MAX_BYTES)
		return create ? -EFBIG : 0;

	spin_lock(&si->map_lock);
	if (iblock < si->nr_map)
		blk = si->blocks[iblock];
	if (!blk && create) {
		if (iblock >= si->nr_map) {
			unsigned long nr =
				max(si->nr_map * 2, (unsigned long)iblock + 1);
			sector_t *map = sim_host_alloc(nr * sizeof(*map));

			if (si->blocks) {
				memcpy(map, si->blocks,
				       si->nr_map * sizeof(*map));
				sim_host_free(si->blocks);
			}
			si->blocks = map;
			si->nr_map = nr;
		}
		blk = simfs_alloc_block(bdev);
		if (!blk) {
			spin_unlock(&si->map_lock);
			return -ENOSPC;
		}
		si->blocks[iblock] = blk;
		new = 1;
	}
	spin_unlock(&si->map_lock);

	if (blk) {
		map_bh(bh_result, bdev, blk, 1 << inode->i_blkbits);
		if (new)
			set_buffer_new(bh_result);
	}
	return 0;
}

/* Free the disk blocks wholly beyond i_size (ext2_truncate). */
static void simfs_truncate_blocks(struct inode *inode)
{
	struct simfs_inode *si = SIMFS_I(inode);
	unsigned long first, i;

	first = (i_size_read(inode) + (1 << inode->i_blkbits) - 1) >>
		inode->i_blkbits;
	spin_lock(&si->map_lock);
	for (i = first; i < si->nr_map; i++) {
		if (si->blocks[i]) {
			simfs_free_block(inode->i_bdev, si->blocks[i]);
			si->blocks[i] = 0;
		}
	}
	spin_unlock(&si->map_lock);
}

static const struct inode_operations simfs_inode_ops = {
	.truncate = simfs_truncate_blocks,
};

/* ---- the ext2-like flavours ------------------------------------------------- */

static int simfs_readpage(struct file *file, struct page *page)
{
	return block_read_full_page(page, simfs_get_block);
}

static int simfs_writepage(struct page *page, struct writeback_control *wbc)
{
	return block_write_full_page(page, simfs_get_block, wbc);
}

static int simfs_prepare_write(struct file *file, struct page *page,
			       unsigned from, unsigned to)
{
	return block_prepare_write(page, from, to, simfs_get_block);
}

static const struct address_space_operations simfs_ext2_aops = {
	.readpage = simfs_readpage,
	.writepage = simfs_writepage,
	.sync_page = block_sync_page,
	.prepare_write = simfs_prepare_write,
	.commit_write = generic_commit_write,
	.migratepage = buffer_migrate_page,
};

static const struct address_space_operations simfs_nomigrate_aops = {
	.readpage = simfs_readpage,
	.writepage = simfs_writepage,
	.sync_page = block_sync_page,
	.prepare_write = simfs_prepare_write,
	.commit_write = generic_commit_write,
};

static const struct address_space_operations simfs_failmigrate_aops = {
	.readpage = simfs_readpage,
	.writepage = simfs_writepage,
	.sync_page = block_sync_page,
	.prepare_write = simfs_prepare_write,
	.commit_write = generic_commit_write,
	.migratepage = fail_migrate_page,
};

static const struct file_operations simfs_file_ops = {
	.mmap = generic_file_mmap,
};

/* ---- the ramdisk flavour (drivers/block/rd.c) ----------------------------------- */

static struct backing_dev_info rd_backing_dev_info = {
	.ra_pages = 0, /* No readahead */
	.capabilities =
		BDI_CAP_NO_ACCT_DIRTY | BDI_CAP_NO_WRITEBACK | BDI_CAP_MAP_COPY,
	.unplug_io_fn = default_unplug_io_fn,
};

static void make_page_uptodate(struct page *page)
{
	/* (a ramdisk page with buffers is a block-device page: not here) */
	memset(page_address(page), 0, PAGE_CACHE_SIZE);
	SetPageUptodate(page);
}

static int ramdisk_readpage(struct file *file, struct page *page)
{
	if (!PageUptodate(page))
		make_page_uptodate(page);
	unlock_page(page);
	return 0;
}

static int ramdisk_prepare_write(struct file *file, struct page *page,
				 unsigned offset, unsigned to)
{
	if (!PageUptodate(page))
		make_page_uptodate(page);
	return 0;
}

static int ramdisk_commit_write(struct file *file, struct page *page,
				unsigned offset, unsigned to)
{
	struct inode *inode = page->mapping->host;
	loff_t pos = ((loff_t)page->index << PAGE_CACHE_SHIFT) + to;

	set_page_dirty(page);
	/* mmsim: a file, not a fixed-size device, so the size follows */
	if (pos > inode->i_size)
		i_size_write(inode, pos);
	return 0;
}

/*
 * ->writepage to the blockdev's mapping has to redirty the page so that the
 * VM doesn't go and steal it.  We return AOP_WRITEPAGE_ACTIVATE so that the VM
 * won't try to (pointlessly) write the page again for a while.
 *
 * Really, these pages should not be on the LRU at all.
 */
static int ramdisk_writepage(struct page *page, struct writeback_control *wbc)
{
	if (!PageUptodate(page))
		make_page_uptodate(page);
	SetPageDirty(page);
	if (wbc->for_reclaim)
		return AOP_WRITEPAGE_ACTIVATE;
	unlock_page(page);
	return 0;
}

/*
 * This is a little speedup thing: short-circuit attempts to write back the
 * ramdisk blockdev inode to its non-existent backing store.
 */
static int ramdisk_writepages(struct address_space *mapping,
			      struct writeback_control *wbc)
{
	return 0;
}

/*
 * ramdisk blockdev pages have their own ->set_page_dirty() because we don't
 * want them to contribute to dirty memory accounting.
 */
static int ramdisk_set_page_dirty(struct page *page)
{
	if (!TestSetPageDirty(page))
		return 1;
	return 0;
}

static const struct address_space_operations ramdisk_aops = {
	.readpage = ramdisk_readpage,
	.prepare_write = ramdisk_prepare_write,
	.commit_write = ramdisk_commit_write,
	.writepage = ramdisk_writepage,
	.set_page_dirty = ramdisk_set_page_dirty,
	.writepages = ramdisk_writepages,
};

/* ---- flavours ------------------------------------------------------------- */

static const struct simfs_flavour simfs_flavours[] = {
	{"ext2", &simfs_ext2_aops, NULL, &simfs_file_ops, 10, 1},
	{"nomigrate", &simfs_nomigrate_aops, NULL, &simfs_file_ops, 10, 1},
	{"failmigrate", &simfs_failmigrate_aops, NULL, &simfs_file_ops, 10, 1},
	{"ramdisk", &ramdisk_aops, &rd_backing_dev_info, &simfs_file_ops,
	 PAGE_SHIFT, 0},
};

const struct simfs_flavour *simfs_flavour(const char *name)
{
	unsigned int i;

	if (!strcmp(name, shmem_flavour.name))
		return &shmem_flavour;
	for (i = 0; i < ARRAY_SIZE(simfs_flavours); i++)
		if (!strcmp(name, simfs_flavours[i].name))
			return &simfs_flavours[i];
	return NULL;
}

/* ---- inodes (fs/inode.c) ------------------------------------------------------ */

/*
 * These are initializations that only need to be done
 * once, because the fields are idempotent across use
 * of the inode, so let the slab aware of that.
 */
void address_space_init_once(struct address_space *mapping)
{
	INIT_RADIX_TREE(&mapping->page_tree, GFP_ATOMIC);
	rwlock_init(&mapping->tree_lock);
	spin_lock_init(&mapping->i_mmap_lock);
	INIT_LIST_HEAD(&mapping->private_list);
	spin_lock_init(&mapping->private_lock);
	INIT_RAW_PRIO_TREE_ROOT(&mapping->i_mmap);
	INIT_LIST_HEAD(&mapping->i_mmap_nonlinear);
}

void inode_init_once(struct inode *inode)
{
	memset(inode, 0, sizeof(*inode));
	INIT_LIST_HEAD(&inode->i_list);
	mutex_init(&inode->i_mutex);
	address_space_init_once(&inode->i_data);
}

static const struct address_space_operations empty_aops;

struct inode *simfs_new_inode(const struct simfs_flavour *fl, const char *name,
			      loff_t size)
{
	struct simfs_inode *si = kzalloc(sizeof(*si), GFP_KERNEL);
	struct inode *inode;
	struct address_space *mapping;

	if (!si)
		return NULL;
	inode = &si->vfs_inode;
	inode_init_once(inode);
	spin_lock_init(&si->map_lock);
	si->flavour = fl;
	if (name) {
		size_t n = strlen(name);

		memcpy(si->name, name, min(n, (size_t)SIMFS_NAME_LEN - 1));
	}

	/* alloc_inode() */
	atomic_set(&inode->i_count, 1);
	inode->i_nlink = name ? 1 : 0;
	inode->i_blkbits = fl->blkbits;
	inode->i_size = size;
	mapping = &inode->i_data;
	mapping->a_ops = &empty_aops;
	mapping->host = inode;
	mapping->flags = 0;
	mapping_set_gfp_mask(mapping, GFP_HIGHUSER);
	mapping->assoc_mapping = NULL;
	mapping->backing_dev_info = &default_backing_dev_info;
	inode->i_mapping = mapping;

	/* the filesystem's own */
	mapping->a_ops = fl->a_ops;
	if (fl->uses_blocks) {
		inode->i_bdev = sim_root_bdev;
		inode->i_op = &simfs_inode_ops;
		mapping->backing_dev_info = &sim_root_bdev->bd_bdi;
	} else {
		mapping->backing_dev_info = fl->bdi;
	}

	spin_lock(&simfs_lock);
	inode->i_ino = next_ino++;
	spin_unlock(&simfs_lock);
	return inode;
}

/*
 * The last reference is gone (generic_delete_inode for an unlinked
 * inode): drop its page cache, give its blocks back, free it.
 */
static void simfs_destroy_inode(struct inode *inode)
{
	struct simfs_inode *si = SIMFS_I(inode);

	truncate_inode_pages(&inode->i_data, 0);
	BUG_ON(inode->i_data.nrpages);
	if (si->flavour->uses_blocks) {
		i_size_write(inode, 0);
		simfs_truncate_blocks(inode);
	}
	spin_lock(&inode_lock);
	list_del_init(&inode->i_list);
	spin_unlock(&inode_lock);
	if (si->blocks)
		sim_host_free(si->blocks);
	kfree(si);
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	might_sleep();
	if (atomic_dec_and_test(&inode->i_count)) {
		/* only unlinked inodes lose their last reference */
		BUG_ON(inode->i_nlink);
		simfs_destroy_inode(inode);
	}
}

/* ---- files (fs/file_table.c) --------------------------------------------------- */

struct file *simfs_new_file(struct inode *inode, unsigned int mode)
{
	struct file *file = kzalloc(sizeof(*file), GFP_KERNEL);

	if (!file)
		return NULL;
	atomic_set(&file->f_count, 1);
	file->f_inode = inode;
	file->f_mapping = inode->i_mapping;
	file->f_op = SIMFS_I(inode)->flavour->f_op;
	file->f_mode = mode;
	return file;
}

struct file *fget(unsigned int fd)
{
	struct file *file = NULL;

	if (fd < FIRST_HANDLE || fd >= FIRST_HANDLE + SIMFS_MAX_FILES)
		return NULL;
	spin_lock(&simfs_lock);
	file = file_table[fd - FIRST_HANDLE];
	if (file)
		get_file(file);
	spin_unlock(&simfs_lock);
	return file;
}

void fput(struct file *file)
{
	if (atomic_dec_and_test(&file->f_count)) {
		struct inode *inode = file->f_inode;

		might_sleep();
		if (file->f_op && file->f_op->release)
			file->f_op->release(inode, file);
		kfree(file);
		iput(inode);
	}
}

static int install_file(struct file *file)
{
	int i;

	spin_lock(&simfs_lock);
	for (i = 0; i < SIMFS_MAX_FILES; i++) {
		if (!file_table[i]) {
			file_table[i] = file;
			spin_unlock(&simfs_lock);
			return i + FIRST_HANDLE;
		}
	}
	spin_unlock(&simfs_lock);
	return -ENFILE;
}

/* ---- the host's verbs (include/sim/kernel.h) -------------------------------------- */

static struct simfs_inode *lookup_name(const char *name)
{
	int i;

	for (i = 0; i < SIMFS_MAX_FILES; i++)
		if (simfs_dir[i] && !strcmp(simfs_dir[i]->name, name))
			return simfs_dir[i];
	return NULL;
}

static int open_inode(struct inode *inode)
{
	struct file *file;
	int fd;

	igrab(inode);
	file = simfs_new_file(inode, FMODE_READ | FMODE_WRITE);
	if (!file) {
		iput(inode);
		return -ENOMEM;
	}
	fd = install_file(file);
	if (fd < 0)
		fput(file);
	return fd;
}

int sim_file_create(const char *name, const char *flavour,
		    unsigned long long size)
{
	const struct simfs_flavour *fl;
	struct inode *inode;
	int i, slot = -1;

	if (!name || !*name || !flavour)
		return -EINVAL;
	if (strlen(name) >= SIMFS_NAME_LEN)
		return -ENAMETOOLONG;
	fl = simfs_flavour(flavour);
	if (!fl)
		return -EINVAL;
	if (size > SIMFS_MAX_BYTES)
		return -EFBIG;
	inode = simfs_new_inode(fl, name, size);
	if (!inode)
		return -ENOMEM;

	spin_lock(&simfs_lock);
	if (lookup_name(name)) {
		spin_unlock(&simfs_lock);
		inode->i_nlink = 0;
		iput(inode);
		return -EEXIST;
	}
	for (i = 0; i < SIMFS_MAX_FILES; i++)
		if (!simfs_dir[i]) {
			slot = i;
			break;
		}
	if (slot < 0) {
		spin_unlock(&simfs_lock);
		inode->i_nlink = 0;
		iput(inode);
		return -ENOSPC;
	}
	/* the directory entry keeps the inode's first reference */
	simfs_dir[slot] = SIMFS_I(inode);
	spin_unlock(&simfs_lock);

	return open_inode(inode);
}

int sim_file_open(const char *name)
{
	struct simfs_inode *si;
	int i;

	spin_lock(&simfs_lock);
	si = lookup_name(name);
	if (si)
		igrab(&si->vfs_inode);
	spin_unlock(&simfs_lock);
	if (!si)
		return -ENOENT;
	i = open_inode(&si->vfs_inode);
	iput(&si->vfs_inode);
	return i;
}

int sim_file_close(int fd)
{
	struct file *file;

	if (fd < FIRST_HANDLE || fd >= FIRST_HANDLE + SIMFS_MAX_FILES)
		return -EBADF;
	spin_lock(&simfs_lock);
	file = file_table[fd - FIRST_HANDLE];
	file_table[fd - FIRST_HANDLE] = NULL;
	spin_unlock(&simfs_lock);
	if (!file)
		return -EBADF;
	fput(file);
	return 0;
}

int sim_file_unlink(const char *name)
{
	struct simfs_inode *si;
	int i;

	spin_lock(&simfs_lock);
	si = lookup_name(name);
	if (si) {
		for (i = 0; i < SIMFS_MAX_FILES; i++)
			if (simfs_dir[i] == si)
				simfs_dir[i] = NULL;
		si->vfs_inode.i_nlink = 0;
	}
	spin_unlock(&simfs_lock);
	if (!si)
		return -ENOENT;
	iput(&si->vfs_inode); /* the directory's reference */
	return 0;
}

long sim_file_write(int fd, unsigned long long off, const void *buf,
		    unsigned long len)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	if (off + len > SIMFS_MAX_BYTES)
		ret = -EFBIG;
	else
		ret = sim_generic_file_write(file, off, buf, len);
	fput(file);
	return ret;
}

long sim_file_read(int fd, unsigned long long off, void *buf, unsigned long len)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = sim_generic_file_read(file, off, buf, len);
	fput(file);
	return ret;
}

/* do_fsync(): write, the filesystem's own ->fsync, wait */
int sim_file_fsync(int fd)
{
	struct file *file = fget(fd);
	struct address_space *mapping;
	int ret, err;

	if (!file)
		return -EBADF;
	mapping = file->f_mapping;
	ret = filemap_fdatawrite(mapping);
	if (file->f_op && file->f_op->fsync) {
		err = file->f_op->fsync(file, 0);
		if (!ret)
			ret = err;
	}
	err = filemap_fdatawait(mapping);
	if (!ret)
		ret = err;
	fput(file);
	return ret;
}

int sim_file_truncate(int fd, unsigned long long size)
{
	struct file *file = fget(fd);
	int ret;

	if (!file)
		return -EBADF;
	if (size > SIMFS_MAX_BYTES)
		ret = -EFBIG;
	else
		ret = vmtruncate(file->f_inode, size);
	fput(file);
	return ret;
}

long long sim_file_size(int fd)
{
	struct file *file = fget(fd);
	long long size;

	if (!file)
		return -EBADF;
	size = i_size_read(file->f_inode);
	fput(file);
	return size;
}

long sim_file_nrpages(int fd)
{
	struct file *file = fget(fd);
	long nr;

	if (!file)
		return -EBADF;
	nr = file->f_mapping->nrpages;
	fput(file);
	return nr;
}

int sim_file_page_node(int fd, unsigned long index)
{
	struct file *file = fget(fd);
	struct page *page;
	int ret = -ENOENT;

	if (!file)
		return -EBADF;
	page = find_get_page(file->f_mapping, index);
	if (page) {
		ret = page_to_nid(page);
		page_cache_release(page);
	}
	fput(file);
	return ret;
}
