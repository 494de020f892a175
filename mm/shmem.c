/*
 * mm/shmem.c - standing for 2.6.20's mm/shmem.c without swap: tmpfs
 * files (the "shmem" flavour of simfs) and the unlinked shmem object
 * behind MAP_SHARED|MAP_ANONYMOUS (shmem_zero_setup).
 *
 * What it models: a shmem page is created zeroed and uptodate in the
 * page cache on first use (shmem_getpage), found there by the fault
 * (shmem_nopage) and the read and write verbs; shmem_aops as 2006 set
 * them: .writepage = shmem_writepage, .set_page_dirty =
 * __set_page_dirty_nobuffers, .prepare_write/.commit_write,
 * .migratepage = migrate_page, plus a .readpage that 2006 did not have
 * (its read verb was shmem_file_read; here the generic read path needs
 * one, and it only zero-fills a hole); the backing_dev_info neither accounts
 * dirty pages nor does writeback (BDI_CAP_NO_ACCT_DIRTY |
 * BDI_CAP_NO_WRITEBACK), so pdflush and fsync pass shmem by.
 *
 * Deliberate simplifications: there is no swap yet, so shmem_writepage
 * always takes the path 2006 took when get_swap_page() found no slot:
 * it re-dirties the page and returns AOP_WRITEPAGE_ACTIVATE with the
 * page still locked.  (migrate.c never calls it: shmem has
 * .migratepage.)  No swap vectors (shmem_swp_*), no size or inode limits
 * (shmem_sb_info), no shared NUMA policy (set_policy/get_policy): pages
 * are allocated by the faulting task's policy.  No VM_ACCOUNT charging
 * (shmem_acct_size).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/migrate.h>
#include <linux/highmem.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <sim/door.h>

#include <linux/simfs_fs.h>

static struct backing_dev_info shmem_backing_dev_info = {
	.ra_pages = 0, /* No readahead */
	.capabilities = BDI_CAP_NO_ACCT_DIRTY | BDI_CAP_NO_WRITEBACK,
	.unplug_io_fn = default_unplug_io_fn,
};

/*
 * shmem_getpage - either get the page from the page cache or allocate
 * a new, zeroed one.  Returns it locked, with a reference.
 */
static int shmem_getpage(struct inode *inode, unsigned long idx,
			 struct page **pagep)
{
	struct address_space *mapping = inode->i_mapping;
	struct page *filepage;
	int error;

	if (((loff_t)idx << PAGE_CACHE_SHIFT) >= SIMFS_MAX_BYTES)
		return -EFBIG;
repeat:
	filepage = find_lock_page(mapping, idx);
	if (filepage && PageUptodate(filepage))
		goto done;
	if (filepage) {
		/* (a page another writer has added but not filled) */
		clear_highpage(filepage);
		SetPageUptodate(filepage);
		goto done;
	}

	filepage = page_cache_alloc(mapping);
	if (!filepage)
		return -ENOMEM;
	error = add_to_page_cache_lru(filepage, mapping, idx, GFP_ATOMIC);
	if (error) {
		page_cache_release(filepage);
		if (error == -EEXIST)
			goto repeat;
		return error;
	}
	clear_highpage(filepage);
	SetPageUptodate(filepage);
done:
	*pagep = filepage;
	return 0;
}

static struct page *shmem_nopage(struct vm_area_struct *vma,
				 unsigned long address, int *type)
{
	struct inode *inode = vma->vm_file->f_inode;
	struct page *page = NULL;
	unsigned long idx;
	int error;

	idx = (address - vma->vm_start) >> PAGE_SHIFT;
	idx += vma->vm_pgoff;
	idx >>= PAGE_CACHE_SHIFT - PAGE_SHIFT;
	if (((loff_t)idx << PAGE_CACHE_SHIFT) >= i_size_read(inode))
		return NOPAGE_SIGBUS;

	error = shmem_getpage(inode, idx, &page);
	if (error)
		return (error == -ENOMEM) ? NOPAGE_OOM : NOPAGE_SIGBUS;
	unlock_page(page);

	mark_page_accessed(page);
	if (type)
		*type = VM_FAULT_MINOR;
	return page;
}

static struct vm_operations_struct shmem_vm_ops = {
	.nopage = shmem_nopage,
};

/*
 * Move the page from the page cache to the swap cache: with no swap
 * area, every call ends at 2006's "redirty" label.
 */
static int shmem_writepage(struct page *page, struct writeback_control *wbc)
{
	BUG_ON(!PageLocked(page));
	BUG_ON(page_mapped(page));

	/* (get_swap_page() finds no swap: there is none yet) */
	set_page_dirty(page);
	return AOP_WRITEPAGE_ACTIVATE; /* Return with the page locked */
}

static int shmem_readpage(struct file *file, struct page *page)
{
	/* a page added by the read verb: a hole of tmpfs reads as zeroes */
	if (!PageUptodate(page)) {
		clear_highpage(page);
		SetPageUptodate(page);
	}
	unlock_page(page);
	return 0;
}

static int shmem_prepare_write(struct file *file, struct page *page,
			       unsigned offset, unsigned to)
{
	/* shmem_getpage(SGP_WRITE) on a page that is already locked here */
	if (!PageUptodate(page)) {
		clear_highpage(page);
		SetPageUptodate(page);
	}
	return 0;
}

static int shmem_mmap(struct file *file, struct vm_area_struct *vma)
{
	/* (file_accessed: no atime) */
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

static const struct address_space_operations shmem_aops = {
	.writepage = shmem_writepage,
	.readpage = shmem_readpage,
	.set_page_dirty = __set_page_dirty_nobuffers,
	.prepare_write = shmem_prepare_write,
	.commit_write = simple_commit_write,
	.migratepage = migrate_page,
};

static const struct file_operations shmem_file_operations = {
	.mmap = shmem_mmap,
};

const struct simfs_flavour shmem_flavour = {
	"shmem",
	&shmem_aops,
	&shmem_backing_dev_info,
	&shmem_file_operations,
	PAGE_CACHE_SHIFT,
	0,
};

/*
 * shmem_file_setup - get an unlinked file living in tmpfs
 *
 * @name: name for dentry (to be seen in /proc/<pid>/maps
 * @size: size to be set for the file
 */
static struct file *shmem_file_setup(char *name, loff_t size,
				     unsigned long flags)
{
	struct inode *inode;
	struct file *file;

	if (size < 0 || size > SIMFS_MAX_BYTES)
		return ERR_PTR(-EINVAL);

	inode = simfs_new_inode(&shmem_flavour, NULL, size);
	if (!inode)
		return ERR_PTR(-ENOSPC);
	file = simfs_new_file(inode, FMODE_WRITE | FMODE_READ);
	if (!file) {
		iput(inode);
		return ERR_PTR(-ENFILE);
	}
	return file;
}

/*
 * shmem_zero_setup - setup a shared anonymous mapping
 *
 * @vma: the vma to be mmapped is prepared by do_mmap_pgoff
 */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *file;
	loff_t size = vma->vm_end - vma->vm_start;

	file = shmem_file_setup("dev/zero", size, vma->vm_flags);
	if (IS_ERR(file))
		return PTR_ERR(file);

	if (vma->vm_file)
		fput(vma->vm_file);
	vma->vm_file = file;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}
