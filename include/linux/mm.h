/*
 * linux/mm.h - the heart of the 2.6.20 mm API: vm_area_struct, page
 * reference and map counts, node/zone ids in page->flags, the page-table
 * lock and walk helpers, faults, follow_page.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/mmzone.h>
#include <linux/rbtree.h>
#include <linux/prio_tree.h>
#include <linux/nodemask.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/vmstat.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

struct mempolicy;
struct anon_vma;
struct file;
struct inode;
struct address_space;
struct mm_struct;
struct writeback_control;
struct task_struct;

extern unsigned long totalram_pages;
extern int sysctl_legacy_va_layout;

/*
 * A vm_area_struct describes one contiguous range of a task's address
 * space with one set of permissions (2.6.20 field order).
 */
struct vm_area_struct {
	struct mm_struct *vm_mm; /* The address space we belong to. */
	unsigned long vm_start; /* Our start address within vm_mm. */
	unsigned long vm_end; /* The first byte after our end address
					   within vm_mm. */

	/* linked list of VM areas per task, sorted by address */
	struct vm_area_struct *vm_next;

	pgprot_t vm_page_prot; /* Access permissions of this VMA. */
	unsigned long vm_flags; /* Flags, listed below. */

	struct rb_node vm_rb;

	/*
	 * For areas with an address space and backing store,
	 * linkage into the address_space->i_mmap prio tree, or
	 * linkage to the list of like vmas hanging off its node, or
	 * linkage of vma in the address_space->i_mmap_nonlinear list.
	 */
	union {
		struct {
			struct list_head list;
			void *parent; /* aligns with prio_tree_node parent */
			struct vm_area_struct *head;
		} vm_set;

		struct raw_prio_tree_node prio_tree_node;
	} shared;

	/*
	 * A file's MAP_PRIVATE vma can be in both i_mmap tree and anon_vma
	 * list, after a COW of one of the file pages.  A MAP_SHARED vma
	 * can only be in the i_mmap tree.  An anonymous MAP_PRIVATE, stack
	 * or brk vma (with NULL file) can only be in an anon_vma list.
	 */
	struct list_head anon_vma_node; /* Serialized by anon_vma->lock */
	struct anon_vma *anon_vma; /* Serialized by page_table_lock */

	/* Function pointers to deal with this struct. */
	struct vm_operations_struct *vm_ops;

	/* Information about our backing store: */
	unsigned long vm_pgoff; /* Offset (within vm_file) in PAGE_SIZE
					   units, *not* PAGE_CACHE_SIZE */
	struct file *vm_file; /* File we map to (can be NULL). */
	void *vm_private_data; /* was vm_pte (shared mem) */
	unsigned long vm_truncate_count; /* truncate_count or restart_addr */

	struct mempolicy *vm_policy; /* NUMA policy for the VMA */
};

#define VM_READ 0x00000001 /* currently active flags */
#define VM_WRITE 0x00000002
#define VM_EXEC 0x00000004
#define VM_SHARED 0x00000008

#define VM_MAYREAD 0x00000010 /* limits for mprotect() etc */
#define VM_MAYWRITE 0x00000020
#define VM_MAYEXEC 0x00000040
#define VM_MAYSHARE 0x00000080

#define VM_GROWSDOWN 0x00000100 /* general info on the segment */
#define VM_GROWSUP 0x00000200
#define VM_PFNMAP 0x00000400 /* Page-ranges managed without "struct page" */
#define VM_DENYWRITE 0x00000800 /* ETXTBSY on write attempts.. */

#define VM_EXECUTABLE 0x00001000
#define VM_LOCKED 0x00002000
#define VM_IO 0x00004000 /* Memory mapped I/O or similar */

#define VM_SEQ_READ 0x00008000 /* App will access data sequentially */
#define VM_RAND_READ 0x00010000 /* App will not benefit from clustered reads */

#define VM_DONTCOPY 0x00020000 /* Do not copy this vma on fork */
#define VM_DONTEXPAND 0x00040000 /* Cannot expand with mremap() */
#define VM_RESERVED 0x00080000 /* Count as reserved_vm like IO */
#define VM_ACCOUNT 0x00100000 /* Is a VM accounted object */
#define VM_HUGETLB 0x00400000 /* Huge TLB Page VM */
#define VM_NONLINEAR 0x00800000 /* Is non-linear (remap_file_pages) */
#define VM_MAPPED_COPY 0x01000000 /* T if mapped copy of data (nommu mmap) */
#define VM_INSERTPAGE \
	0x02000000 /* The vma has had "vm_insert_page()" done on it */
#define VM_ALWAYSDUMP 0x04000000 /* Always include in core dumps */

#define VM_STACK_FLAGS (VM_GROWSDOWN | VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT)

extern pgprot_t protection_map[16];

/* Page fault results. */
#define VM_FAULT_OOM 0x00
#define VM_FAULT_SIGBUS 0x01
#define VM_FAULT_MINOR 0x02
#define VM_FAULT_MAJOR 0x03
#define VM_FAULT_WRITE 0x10

#define NOPAGE_SIGBUS (NULL)
#define NOPAGE_OOM ((struct page *)(-1))

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
	struct page *(*nopage)(struct vm_area_struct *area,
			       unsigned long address, int *type);
	unsigned long (*nopfn)(struct vm_area_struct *area,
			       unsigned long address);
	int (*populate)(struct vm_area_struct *area, unsigned long address,
			unsigned long len, pgprot_t prot, unsigned long pgoff,
			int nonblock);
	int (*page_mkwrite)(struct vm_area_struct *vma, struct page *page);
	int (*set_policy)(struct vm_area_struct *vma, struct mempolicy *new);
	struct mempolicy *(*get_policy)(struct vm_area_struct *vma,
					unsigned long addr);
	int (*migrate)(struct vm_area_struct *vma, const nodemask_t *from,
		       const nodemask_t *to, unsigned long flags);
};

static inline int is_cow_mapping(unsigned int flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* ---- page->flags: node and zone ids in the top bits (DISCONTIGMEM) ---- */
#define FLAGS_RESERVED 32
#define SECTIONS_WIDTH 0
#define NODES_WIDTH NODES_SHIFT
#define ZONES_WIDTH ZONES_SHIFT
#define SECTIONS_PGOFF ((sizeof(unsigned long) * 8) - SECTIONS_WIDTH)
#define NODES_PGOFF (SECTIONS_PGOFF - NODES_WIDTH)
#define ZONES_PGOFF (NODES_PGOFF - ZONES_WIDTH)
#define NODES_PGSHIFT (NODES_PGOFF * (NODES_WIDTH != 0))
#define ZONES_PGSHIFT (ZONES_PGOFF * (ZONES_WIDTH != 0))
#define ZONEID_SHIFT (NODES_SHIFT + ZONES_SHIFT)
#define ZONEID_PGOFF ZONES_PGOFF
#define ZONEID_PGSHIFT (ZONEID_PGOFF * (ZONEID_SHIFT != 0))
#define NODES_MASK ((1UL << NODES_WIDTH) - 1)
#define ZONES_MASK ((1UL << ZONES_WIDTH) - 1)
#define ZONEID_MASK ((1UL << ZONEID_SHIFT) - 1)

/*
 * mmsim: the node and zone fields of page->flags never change after
 * boot, while other bits change atomically on other CPUs: 2006 read the
 * word with a plain load, which x86 makes atomic; a relaxed atomic load
 * says the same to the C compiler and to ThreadSanitizer.
 */
static inline unsigned long page_flags_word(const struct page *page)
{
	return __atomic_load_n(&page->flags, __ATOMIC_RELAXED);
}

static inline enum zone_type page_zonenum(struct page *page)
{
	return (page_flags_word(page) >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline int page_zone_id(struct page *page)
{
	return (page_flags_word(page) >> ZONEID_PGSHIFT) & ZONEID_MASK;
}

static inline int page_to_nid(struct page *page)
{
	return (page_flags_word(page) >> NODES_PGSHIFT) & NODES_MASK;
}

static inline struct zone *page_zone(struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= (zone & ZONES_MASK) << ZONES_PGSHIFT;
}

static inline void set_page_node(struct page *page, unsigned long node)
{
	page->flags &= ~(NODES_MASK << NODES_PGSHIFT);
	page->flags |= (node & NODES_MASK) << NODES_PGSHIFT;
}

static inline void set_page_links(struct page *page, enum zone_type zone,
				  unsigned long node, unsigned long pfn)
{
	set_page_zone(page, zone);
	set_page_node(page, node);
}

/* ---- reference and map counts ------------------------------------------ */
#define page_private(page) ((page)->private)
#define set_page_private(page, v) ((page)->private = (v))

static inline int put_page_testzero(struct page *page)
{
	VM_BUG_ON(atomic_read(&page->_count) == 0);
	return atomic_dec_and_test(&page->_count);
}

static inline int get_page_unless_zero(struct page *page)
{
	return atomic_inc_not_zero(&page->_count);
}

static inline int page_count(struct page *page)
{
	if (unlikely(PageCompound(page)))
		page = (struct page *)page_private(page);
	return atomic_read(&page->_count);
}

static inline void get_page(struct page *page)
{
	if (unlikely(PageCompound(page)))
		page = (struct page *)page_private(page);
	VM_BUG_ON(atomic_read(&page->_count) == 0);
	atomic_inc(&page->_count);
}

static inline void init_page_count(struct page *page)
{
	atomic_set(&page->_count, 1);
}

void put_page(struct page *page);
void put_pages_list(struct list_head *pages);
void split_page(struct page *page, unsigned int order);

/*
 * Compound pages (2.6.20): the first tail page's lru.next holds the
 * destructor put_page() calls, its lru.prev the order.
 */
typedef void compound_page_dtor(struct page *);

static inline void set_compound_page_dtor(struct page *page,
					  compound_page_dtor *dtor)
{
	page[1].lru.next = (void *)dtor;
}

static inline compound_page_dtor *get_compound_page_dtor(struct page *page)
{
	return (compound_page_dtor *)page[1].lru.next;
}

/* Boot-time memory setup (mm/page_alloc.c). */
void free_area_init_node(int nid, pg_data_t *pgdat, unsigned long *zones_size,
			 unsigned long node_start_pfn,
			 unsigned long *zholes_size);
void setup_per_zone_pages_min(void);
extern unsigned long totalreserve_pages;

static inline void reset_page_mapcount(struct page *page)
{
	atomic_set(&(page)->_mapcount, -1);
}

static inline int page_mapcount(struct page *page)
{
	return atomic_read(&(page)->_mapcount) + 1;
}

static inline int page_mapped(struct page *page)
{
	return atomic_read(&(page)->_mapcount) >= 0;
}

/*
 * On an anonymous page mapped into a user virtual memory area,
 * page->mapping points to its anon_vma, not to a struct address_space,
 * with the PAGE_MAPPING_ANON bit set to distinguish it.
 */
#define PAGE_MAPPING_ANON 1

extern struct address_space swapper_space;
/* mmsim: a store to page->mapping the data-race detector sees. */
static inline void page_mapping_store(struct page *page, void *mapping)
{
	sim_kcsan_access(&page->mapping, sizeof(page->mapping), 1,
			 "page->mapping");
	page->mapping = mapping;
}

static inline struct address_space *page_mapping(struct page *page)
{
	struct address_space *mapping;

	/* mmsim: --detect kcsan sees the seed's reads of ->mapping here */
	sim_kcsan_access(&page->mapping, sizeof(page->mapping), 0,
			 "page->mapping");
	mapping = page->mapping;

	if (unlikely(PageSwapCache(page)))
		mapping = &swapper_space;
	else if (unlikely((unsigned long)mapping & PAGE_MAPPING_ANON))
		mapping = NULL;
	return mapping;
}

static inline int PageAnon(struct page *page)
{
	return ((unsigned long)page->mapping & PAGE_MAPPING_ANON) != 0;
}

/*
 * Return the pagecache index of the passed page.  Regular pagecache pages
 * use ->index whereas swapcache pages use ->private
 */
static inline pgoff_t page_index(struct page *page)
{
	if (unlikely(PageSwapCache(page)))
		return page_private(page);
	return page->index;
}

static inline void *lowmem_page_address(struct page *page)
{
	return __va(page_to_pfn(page) << PAGE_SHIFT);
}
#define page_address(page) lowmem_page_address(page)
#define set_page_address(page, address) \
	do {                            \
	} while (0)
#define page_address_init() \
	do {                \
	} while (0)

/* ---- page-table locks (split: the lock lives in the pte page's struct) -- */
#define pte_lock_init(_page)                   \
	do {                                   \
		spin_lock_init(&(_page)->ptl); \
	} while (0)
#define pte_lock_deinit(page) ((page)->mapping = NULL)
#define pte_lockptr(mm, pmd)            \
	({                              \
		(void)(mm);             \
		&pmd_page(*(pmd))->ptl; \
	})

#define pte_offset_map_lock(mm, pmd, address, ptlp)          \
	({                                                   \
		spinlock_t *__ptl = pte_lockptr(mm, pmd);    \
		pte_t *__pte = pte_offset_map(pmd, address); \
		*(ptlp) = __ptl;                             \
		spin_lock(__ptl);                            \
		__pte;                                       \
	})

#define pte_unmap_unlock(pte, ptl) \
	do {                       \
		spin_unlock(ptl);  \
		pte_unmap(pte);    \
	} while (0)

int __pte_alloc(struct mm_struct *mm, pmd_t *pmd, unsigned long address);
int __pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long address);
int __pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long address);

static inline pud_t *pud_alloc(struct mm_struct *mm, pgd_t *pgd,
			       unsigned long address)
{
	return (unlikely(pgd_none(*pgd)) && __pud_alloc(mm, pgd, address))
		       ? NULL
		       : pud_offset(pgd, address);
}

static inline pmd_t *pmd_alloc(struct mm_struct *mm, pud_t *pud,
			       unsigned long address)
{
	return (unlikely(pud_none(*pud)) && __pmd_alloc(mm, pud, address))
		       ? NULL
		       : pmd_offset(pud, address);
}

#define pte_alloc_map(mm, pmd, address)                                    \
	((unlikely(!pmd_present(*(pmd))) && __pte_alloc(mm, pmd, address)) \
		 ? NULL                                                    \
		 : pte_offset_map(pmd, address))

#define pte_alloc_map_lock(mm, pmd, address, ptlp)                         \
	((unlikely(!pmd_present(*(pmd))) && __pte_alloc(mm, pmd, address)) \
		 ? NULL                                                    \
		 : pte_offset_map_lock(mm, pmd, address, ptlp))

/* ---- prio tree of file vmas (mm/prio_tree.c) ---------------------------- */
void vma_prio_tree_add(struct vm_area_struct *, struct vm_area_struct *old);
void vma_prio_tree_insert(struct vm_area_struct *, struct prio_tree_root *);
void vma_prio_tree_remove(struct vm_area_struct *, struct prio_tree_root *);
struct vm_area_struct *vma_prio_tree_next(struct vm_area_struct *vma,
					  struct prio_tree_iter *iter);

#define vma_prio_tree_foreach(vma, iter, root, begin, end)            \
	for (prio_tree_iter_init(iter, root, begin, end), vma = NULL; \
	     (vma = vma_prio_tree_next(vma, iter));)

static inline void vma_nonlinear_insert(struct vm_area_struct *vma,
					struct list_head *list)
{
	vma->shared.vm_set.parent = NULL;
	list_add_tail(&vma->shared.vm_set.list, list);
}

/* ---- address spaces (mm/mmap.c) ----------------------------------------- */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
static inline struct vm_area_struct *
find_vma_intersection(struct mm_struct *mm, unsigned long start_addr,
		      unsigned long end_addr)
{
	struct vm_area_struct *vma = find_vma(mm, start_addr);

	if (vma && end_addr <= vma->vm_start)
		vma = NULL;
	return vma;
}

static inline unsigned long vma_pages(struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

unsigned long do_mmap_pgoff(struct file *file, unsigned long addr,
			    unsigned long len, unsigned long prot,
			    unsigned long flag, unsigned long pgoff);
int do_munmap(struct mm_struct *, unsigned long, size_t);
void exit_mmap(struct mm_struct *);
int insert_vm_struct(struct mm_struct *, struct vm_area_struct *);
int split_vma(struct mm_struct *, struct vm_area_struct *, unsigned long addr,
	      int new_below);
struct vm_area_struct *vma_merge(struct mm_struct *,
				 struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end,
				 unsigned long vm_flags, struct anon_vma *,
				 struct file *, pgoff_t, struct mempolicy *);
void unlink_file_vma(struct vm_area_struct *);
unsigned long get_unmapped_area(struct file *, unsigned long, unsigned long,
				unsigned long, unsigned long);
void vma_adjust(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, pgoff_t pgoff,
		struct vm_area_struct *insert);
struct anon_vma *find_mergeable_anon_vma(struct vm_area_struct *);
void __vma_link_rb(struct mm_struct *, struct vm_area_struct *,
		   struct rb_node **, struct rb_node *);
struct vm_area_struct *find_extend_vma(struct mm_struct *, unsigned long addr);
int make_pages_present(unsigned long addr, unsigned long end);
void vm_stat_account(struct mm_struct *, unsigned long, struct file *, long);

#define DEFAULT_MAX_MAP_COUNT 65536
extern int sysctl_max_map_count;

/*
 * Parameter block passed down to zap_pte_range in exceptional cases.
 */
struct zap_details {
	struct vm_area_struct *nonlinear_vma; /* Check page->index if set */
	struct address_space *check_mapping; /* Check page->mapping if set */
	pgoff_t first_index; /* Lowest page->index to unmap */
	pgoff_t last_index; /* Highest page->index to unmap */
	spinlock_t *i_mmap_lock; /* For unmap_mapping_range: */
	unsigned long truncate_count; /* Compare vm_truncate_count */
};

/* ---- faults and page-table walks (mm/memory.c) -------------------------- */
int __handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long address, int write_access);
static inline int handle_mm_fault(struct mm_struct *mm,
				  struct vm_area_struct *vma,
				  unsigned long address, int write_access)
{
	return __handle_mm_fault(mm, vma, address, write_access) &
	       (~VM_FAULT_WRITE);
}

struct page *vm_normal_page(struct vm_area_struct *, unsigned long, pte_t);
struct page *follow_page(struct vm_area_struct *, unsigned long address,
			 unsigned int foll_flags);
#define FOLL_WRITE 0x01 /* check pte is writable */
#define FOLL_TOUCH 0x02 /* mark page accessed */
#define FOLL_GET 0x04 /* do get_page on page */
#define FOLL_ANON 0x08 /* give ZERO_PAGE if no pgtable */

void unmap_mapping_range(struct address_space *mapping, loff_t const holebegin,
			 loff_t const holelen, int even_cows);
int vmtruncate(struct inode *inode, loff_t offset);
int vma_wants_writenotify(struct vm_area_struct *vma);

/* ---- file faults (mm/filemap.c, shmem) ----------------------------------- */
struct page *filemap_nopage(struct vm_area_struct *, unsigned long, int *);
extern struct vm_operations_struct generic_file_vm_ops;
int shmem_zero_setup(struct vm_area_struct *);
void do_invalidatepage(struct page *page, unsigned long offset);

/* mmsim: a table walk without allocating or locking (mm/memory.c) */
pte_t *sim_walk_pte(struct mm_struct *mm, unsigned long address);

int get_user_pages(struct task_struct *tsk, struct mm_struct *mm,
		   unsigned long start, int len, int write, int force,
		   struct page **pages, struct vm_area_struct **vmas);

struct zap_details;
unsigned long zap_page_range(struct vm_area_struct *vma, unsigned long address,
			     unsigned long size, struct zap_details *);
unsigned long unmap_vmas(struct vm_area_struct *start_vma,
			 unsigned long start_addr, unsigned long end_addr,
			 unsigned long *nr_accounted, struct zap_details *);
void free_pgtables(struct vm_area_struct *start_vma, unsigned long floor,
		   unsigned long ceiling);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma);

/* ---- page cache and dirty state ----------------------------------------- */
int set_page_dirty(struct page *page);
int set_page_dirty_lock(struct page *page);
int clear_page_dirty_for_io(struct page *page);
int try_to_release_page(struct page *page, gfp_t gfp_mask);
int __set_page_dirty_nobuffers(struct page *page);
int redirty_page_for_writepage(struct writeback_control *wbc,
			       struct page *page);
void set_page_dirty_balance(struct page *page);

void mark_page_accessed(struct page *page);
void si_meminfo(void *val);

extern int randomize_va_space;

#endif
