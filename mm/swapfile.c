/*
 * mm/swapfile.c - swap areas and the reference counts of swap entries,
 * as in 2.6.20's mm/swapfile.c.
 *
 * What it models: swap_info[] with its swap_map of unsigned short counts
 * per slot (one per pte holding the entry, one for the swap cache; 0 =
 * free, SWAP_MAP_BAD for the header), the cluster allocator of
 * scan_swap_map()/get_swap_page(), swap_lock, nr_swap_pages and
 * total_swap_pages; swap_duplicate (fork, try_to_unmap), swap_free,
 * free_swap_and_cache (unmap), page_swapcount, can_share_swap_page and
 * remove_exclusive_swap_page with their 2006 reference-count rules, and
 * swap_unplug_io_fn (swapper_space's unplug: run the swap device's
 * queue).  Migration entries are treated exactly as 2006 did:
 * swap_duplicate() returns 1 and free_swap_and_cache() returns at once,
 * because a migration entry holds no swap-map count.
 *
 * Deliberate simplifications:
 *  - One swap area at most (type 0), switched on by sim_swap_on() -- the
 *    host's swapon of a device that mkswap has prepared: the area is a
 *    contiguous run of blocks of the machine's one disk (block/ll_rw_blk.c), reserved from the filesystem's block bitmap, PAGE_SIZE /
 *    block size blocks per slot, slot 0 the header ("SWAPSPACE2"), never
 *    allocated; sim_swap_on(n) gives n usable slots (1..n).  No swap files, extents, bad-page lists, priorities
 *    between areas, /proc/swaps, and no swapoff (so try_to_unuse, unuse_mm
 *    and swap_unplug_sem have nothing to do and are left out).
 *  - valid_swaphandles() returns 0: there is no swap readahead, so
 *    swapin_readahead() reads nothing and a swap-in fault reads exactly
 *    the page it needs.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/pagemap.h>
#include <linux/blkdev.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/bitops.h>
#include <sim/door.h>
#include <sim/kernel.h>

DEFINE_SPINLOCK(swap_lock);
unsigned int nr_swapfiles;
long total_swap_pages;
long nr_swap_pages;
static int swap_overflow;

static const char Bad_file[] = "Bad swap file entry ";
static const char Unused_file[] = "Unused swap file entry ";
static const char Bad_offset[] = "Bad swap offset entry ";
static const char Unused_offset[] = "Unused swap offset entry ";

struct swap_list_t swap_list = {-1, -1};

static struct swap_info_struct swap_info[MAX_SWAPFILES];

/*
 * The unplug function of swapper_space's backing_dev_info: a task about
 * to wait on a swap-cache page kicks the swap device so the I/O it waits
 * for gets done (2006 went through the device inode's bdi).
 */
void swap_unplug_io_fn(struct backing_dev_info *unused_bdi, struct page *page)
{
	swp_entry_t entry;

	entry.val = page_private(page);
	if (PageSwapCache(page)) {
		struct block_device *bdev = swap_info[swp_type(entry)].bdev;

		/*
		 * If the page is removed from swapcache from under us (with a
		 * racy try_to_unuse/swapoff) we need an additional reference
		 * count to avoid reading garbage from page_private(page) above.
		 */
		WARN_ON(page_count(page) <= 1);
		if (bdev)
			blk_unplug(bdev);
	}
}

#define SWAPFILE_CLUSTER 256
#define LATENCY_LIMIT 256

static inline unsigned long scan_swap_map(struct swap_info_struct *si)
{
	unsigned long offset, last_in_cluster;
	int latency_ration = LATENCY_LIMIT;

	/*
	 * We try to cluster swap pages by allocating them sequentially
	 * in swap.  Once we've allocated SWAPFILE_CLUSTER pages this
	 * way, however, we resort to first-free allocation, starting
	 * a new cluster.  This prevents us from scattering swap pages
	 * all over the entire swap partition, so that we reduce
	 * overall disk seek times between swap pages.  -- sct
	 * But we do now try to find an empty cluster.  -Andrea
	 */

	si->flags += SWP_SCANNING;
	if (unlikely(!si->cluster_nr)) {
		si->cluster_nr = SWAPFILE_CLUSTER - 1;
		if (si->pages - si->inuse_pages < SWAPFILE_CLUSTER)
			goto lowest;
		spin_unlock(&swap_lock);

		offset = si->lowest_bit;
		last_in_cluster = offset + SWAPFILE_CLUSTER - 1;

		/* Locate the first empty (unaligned) cluster */
		for (; last_in_cluster <= si->highest_bit; offset++) {
			if (si->swap_map[offset])
				last_in_cluster = offset + SWAPFILE_CLUSTER;
			else if (offset == last_in_cluster) {
				spin_lock(&swap_lock);
				si->cluster_next =
					offset - SWAPFILE_CLUSTER + 1;
				goto cluster;
			}
			if (unlikely(--latency_ration < 0)) {
				cond_resched();
				latency_ration = LATENCY_LIMIT;
			}
		}
		spin_lock(&swap_lock);
		goto lowest;
	}

	si->cluster_nr--;
cluster:
	offset = si->cluster_next;
	if (offset > si->highest_bit)
lowest:
		offset = si->lowest_bit;
checks:
	if (!(si->flags & SWP_WRITEOK))
		goto no_page;
	if (!si->highest_bit)
		goto no_page;
	if (!si->swap_map[offset]) {
		if (offset == si->lowest_bit)
			si->lowest_bit++;
		if (offset == si->highest_bit)
			si->highest_bit--;
		si->inuse_pages++;
		if (si->inuse_pages == si->pages) {
			si->lowest_bit = si->max;
			si->highest_bit = 0;
		}
		si->swap_map[offset] = 1;
		si->cluster_next = offset + 1;
		si->flags -= SWP_SCANNING;
		return offset;
	}

	spin_unlock(&swap_lock);
	while (++offset <= si->highest_bit) {
		if (!si->swap_map[offset]) {
			spin_lock(&swap_lock);
			goto checks;
		}
		if (unlikely(--latency_ration < 0)) {
			cond_resched();
			latency_ration = LATENCY_LIMIT;
		}
	}
	spin_lock(&swap_lock);
	goto lowest;

no_page:
	si->flags -= SWP_SCANNING;
	return 0;
}

swp_entry_t get_swap_page(void)
{
	struct swap_info_struct *si;
	pgoff_t offset;
	int type, next;
	int wrapped = 0;

	spin_lock(&swap_lock);
	if (nr_swap_pages <= 0)
		goto noswap;
	nr_swap_pages--;

	for (type = swap_list.next; type >= 0 && wrapped < 2; type = next) {
		si = swap_info + type;
		next = si->next;
		if (next < 0 ||
		    (!wrapped && si->prio != swap_info[next].prio)) {
			next = swap_list.head;
			wrapped++;
		}

		if (!si->highest_bit)
			continue;
		if (!(si->flags & SWP_WRITEOK))
			continue;

		swap_list.next = next;
		offset = scan_swap_map(si);
		if (offset) {
			spin_unlock(&swap_lock);
			return swp_entry(type, offset);
		}
		next = swap_list.next;
	}

	nr_swap_pages++;
noswap:
	spin_unlock(&swap_lock);
	return (swp_entry_t){0};
}

static struct swap_info_struct *swap_info_get(swp_entry_t entry)
{
	struct swap_info_struct *p;
	unsigned long offset, type;

	if (!entry.val)
		goto out;
	type = swp_type(entry);
	if (type >= nr_swapfiles)
		goto bad_nofile;
	p = &swap_info[type];
	if (!(p->flags & SWP_USED))
		goto bad_device;
	offset = swp_offset(entry);
	if (offset >= p->max)
		goto bad_offset;
	if (!p->swap_map[offset])
		goto bad_free;
	spin_lock(&swap_lock);
	return p;

bad_free:
	printk(KERN_ERR "swap_free: %s%08lx\n", Unused_offset, entry.val);
	sim_warn(__FILE__, __LINE__, "swap_free: %s%08lx", Unused_offset,
		 entry.val);
	goto out;
bad_offset:
	printk(KERN_ERR "swap_free: %s%08lx\n", Bad_offset, entry.val);
	sim_warn(__FILE__, __LINE__, "swap_free: %s%08lx", Bad_offset,
		 entry.val);
	goto out;
bad_device:
	printk(KERN_ERR "swap_free: %s%08lx\n", Unused_file, entry.val);
	sim_warn(__FILE__, __LINE__, "swap_free: %s%08lx", Unused_file,
		 entry.val);
	goto out;
bad_nofile:
	printk(KERN_ERR "swap_free: %s%08lx\n", Bad_file, entry.val);
	sim_warn(__FILE__, __LINE__, "swap_free: %s%08lx", Bad_file, entry.val);
out:
	return NULL;
}

static int swap_entry_free(struct swap_info_struct *p, unsigned long offset)
{
	int count = p->swap_map[offset];

	if (count < SWAP_MAP_MAX) {
		count--;
		p->swap_map[offset] = count;
		if (!count) {
			if (offset < p->lowest_bit)
				p->lowest_bit = offset;
			if (offset > p->highest_bit)
				p->highest_bit = offset;
			if (p->prio > swap_info[swap_list.next].prio)
				swap_list.next = p - swap_info;
			nr_swap_pages++;
			p->inuse_pages--;
		}
	}
	return count;
}

/*
 * Caller has made sure that the swapdevice corresponding to entry
 * is still around or has not been recycled.
 */
void swap_free(swp_entry_t entry)
{
	struct swap_info_struct *p;

	p = swap_info_get(entry);
	if (p) {
		swap_entry_free(p, swp_offset(entry));
		spin_unlock(&swap_lock);
	}
}

/*
 * How many references to page are currently swapped out?
 */
static inline int page_swapcount(struct page *page)
{
	int count = 0;
	struct swap_info_struct *p;
	swp_entry_t entry;

	entry.val = page_private(page);
	p = swap_info_get(entry);
	if (p) {
		/* Subtract the 1 for the swap cache itself */
		count = p->swap_map[swp_offset(entry)] - 1;
		spin_unlock(&swap_lock);
	}
	return count;
}

/*
 * We can use this swap cache entry directly
 * if there are no other references to it.
 */
int can_share_swap_page(struct page *page)
{
	int count;

	BUG_ON(!PageLocked(page));
	count = page_mapcount(page);
	if (count <= 1 && PageSwapCache(page))
		count += page_swapcount(page);
	return count == 1;
}

/*
 * Work out if there are any other processes sharing this
 * swap cache page. Free it if you can. Return success.
 */
int remove_exclusive_swap_page(struct page *page)
{
	int retval;
	struct swap_info_struct *p;
	swp_entry_t entry;

	BUG_ON(PagePrivate(page));
	BUG_ON(!PageLocked(page));

	if (!PageSwapCache(page))
		return 0;
	if (PageWriteback(page))
		return 0;
	if (page_count(page) != 2) /* 2: us + cache */
		return 0;

	entry.val = page_private(page);
	p = swap_info_get(entry);
	if (!p)
		return 0;

	/* Is the only swap cache user the cache itself? */
	retval = 0;
	if (p->swap_map[swp_offset(entry)] == 1) {
		/* Recheck the page count with the swapcache lock held.. */
		write_lock_irq(&swapper_space.tree_lock);
		if ((page_count(page) == 2) && !PageWriteback(page)) {
			__delete_from_swap_cache(page);
			SetPageDirty(page);
			retval = 1;
		}
		write_unlock_irq(&swapper_space.tree_lock);
	}
	spin_unlock(&swap_lock);

	if (retval) {
		swap_free(entry);
		page_cache_release(page);
	}

	return retval;
}

/*
 * Free the swap entry like above, but also try to
 * free the page cache entry if it is the last user.
 */
void free_swap_and_cache(swp_entry_t entry)
{
	struct swap_info_struct *p;
	struct page *page = NULL;

	if (is_migration_entry(entry))
		return;

	p = swap_info_get(entry);
	if (p) {
		if (swap_entry_free(p, swp_offset(entry)) == 1) {
			page = find_get_page(&swapper_space, entry.val);
			if (page && unlikely(TestSetPageLocked(page))) {
				page_cache_release(page);
				page = NULL;
			}
		}
		spin_unlock(&swap_lock);
	}
	if (page) {
		int one_user;

		BUG_ON(PagePrivate(page));
		one_user = (page_count(page) == 2);
		/* Only cache user (+us), or swap space full? Free it! */
		/* Also recheck PageSwapCache after page is locked (above) */
		if (PageSwapCache(page) && !PageWriteback(page) &&
		    (one_user || vm_swap_full())) {
			delete_from_swap_cache(page);
			SetPageDirty(page);
		}
		unlock_page(page);
		page_cache_release(page);
	}
}

/*
 * Verify that a swap entry is valid and increment its swap map count.
 *
 * Note: if swap_map[] reaches SWAP_MAP_MAX the entries are treated as
 * "permanent", but will be reclaimed by the next swapoff.
 */
int swap_duplicate(swp_entry_t entry)
{
	struct swap_info_struct *p;
	unsigned long offset, type;
	int result = 0;

	if (is_migration_entry(entry))
		return 1;

	type = swp_type(entry);
	if (type >= nr_swapfiles)
		goto bad_file;
	p = type + swap_info;
	offset = swp_offset(entry);

	spin_lock(&swap_lock);
	if (offset < p->max && p->swap_map[offset]) {
		if (p->swap_map[offset] < SWAP_MAP_MAX - 1) {
			p->swap_map[offset]++;
			result = 1;
		} else if (p->swap_map[offset] <= SWAP_MAP_MAX) {
			if (swap_overflow++ < 5)
				printk(KERN_WARNING
				       "swap_dup: swap entry overflow\n");
			p->swap_map[offset] = SWAP_MAP_MAX;
			result = 1;
		}
	}
	spin_unlock(&swap_lock);
out:
	return result;

bad_file:
	printk(KERN_ERR "swap_dup: %s%08lx\n", Bad_file, entry.val);
	sim_warn(__FILE__, __LINE__, "swap_dup: %s%08lx", Bad_file, entry.val);
	goto out;
}

struct swap_info_struct *get_swap_info_struct(unsigned type)
{
	return &swap_info[type];
}

/*
 * swap_lock prevents swap_map being freed.  2006 returned the number of
 * slots around the target worth reading ahead (1 << page_cluster,
 * aligned); mmsim models no swap readahead, so there are none.
 */
int valid_swaphandles(swp_entry_t entry, unsigned long *offset)
{
	*offset = swp_offset(entry);
	return 0;
}

/* ---- swapon: the host's controls (include/sim/kernel.h) ------------------ */

/*
 * Reserve nr contiguous free blocks of bdev from its block bitmap (as if
 * the disk had been partitioned): the first block, or 0 if there is no
 * such run.
 */
static sector_t reserve_swap_blocks(struct block_device *bdev, sector_t nr)
{
	sector_t b, run = 0, start = 0;

	spin_lock(&bdev->bitmap_lock);
	for (b = 1; b < bdev->bd_nr_blocks; b++) {
		if (test_bit(b, bdev->bitmap)) {
			run = 0;
			continue;
		}
		if (!run++)
			start = b;
		if (run == nr)
			break;
	}
	if (run == nr) {
		for (b = start; b < start + nr; b++)
			__set_bit(b, bdev->bitmap);
		bdev->nr_free -= nr;
	} else {
		start = 0;
	}
	spin_unlock(&bdev->bitmap_lock);
	return start;
}

/*
 * mkswap and swapon(2) of a device with room for 'pages' pages of swap:
 * the device is one page longer, for the header in slot 0 (so 'pages' is
 * 2006's nr_good_pages, what /proc/swaps and SwapTotal show).
 */
int sim_swap_on(unsigned long pages)
{
	struct block_device *bdev = sim_root_bdev;
	struct swap_info_struct *p = &swap_info[0];
	unsigned int bps;
	unsigned short *swap_map;
	unsigned long maxpages;
	sector_t first;
	char *header;

	maxpages = swp_offset(pte_to_swp_entry(
			   swp_entry_to_pte(swp_entry(0, ~0UL)))) -
		   1;
	if (pages < 1 || pages >= maxpages || pages >= 0x7fffffffUL)
		return -EINVAL;
	pages++; /* the header */
	if (!bdev)
		return -ENODEV;
	spin_lock(&swap_lock);
	if (p->flags & SWP_USED) {
		spin_unlock(&swap_lock);
		return -EBUSY;
	}
	p->flags = SWP_USED;
	spin_unlock(&swap_lock);

	bps = PAGE_SIZE / bdev->bd_block_size;
	swap_map = vmalloc(pages * sizeof(short));
	if (!swap_map)
		goto nomem;
	memset(swap_map, 0, pages * sizeof(short));
	first = reserve_swap_blocks(bdev, (sector_t)pages * bps);
	if (!first) {
		vfree(swap_map);
		spin_lock(&swap_lock);
		p->flags = 0;
		spin_unlock(&swap_lock);
		return -ENOSPC;
	}
	/* what mkswap left in the last bytes of the header page */
	header = bdev->bd_data + first * bdev->bd_block_size;
	memcpy(header + PAGE_SIZE - 10, "SWAPSPACE2", 10);

	spin_lock(&swap_lock);
	p->bdev = bdev;
	p->first_block = first;
	p->blocks_per_slot = bps;
	p->swap_map = swap_map;
	p->swap_map[0] = SWAP_MAP_BAD;
	p->lowest_bit = 1;
	p->cluster_next = 1;
	p->cluster_nr = 0;
	p->highest_bit = pages - 1;
	p->max = pages;
	p->pages = pages - 1;
	p->inuse_pages = 0;
	p->prio = -1;
	p->next = -1;
	if (nr_swapfiles < 1)
		nr_swapfiles = 1;
	p->flags = SWP_ACTIVE;
	nr_swap_pages += p->pages;
	total_swap_pages += p->pages;
	swap_list.head = swap_list.next = 0;
	spin_unlock(&swap_lock);
	printk(KERN_INFO "Adding %uk swap on %s.  Priority:%d extents:1 "
			 "across:%luk\n",
	       p->pages << (PAGE_SHIFT - 10), bdev->bd_name, p->prio,
	       pages << (PAGE_SHIFT - 10));
	return 0;

nomem:
	spin_lock(&swap_lock);
	p->flags = 0;
	spin_unlock(&swap_lock);
	return -ENOMEM;
}

long sim_swap_free(void)
{
	return nr_swap_pages;
}

long sim_swap_total(void)
{
	return total_swap_pages;
}
