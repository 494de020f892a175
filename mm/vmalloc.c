/*
 * mm/vmalloc.c - virtually contiguous kernel memory, standing for
 * 2.6.20's mm/vmalloc.c (vmalloc, vmalloc_node, vfree).
 *
 * What it models: 2006's __vmalloc_node took one order-0 page per
 * PAGE_SIZE from the page allocator (GFP_KERNEL | __GFP_HIGHMEM, on the
 * given node or by the task's policy), recorded them in a vm_struct on
 * vmlist (under the vmlist_lock rwlock) and mapped them at a kernel
 * virtual range.  Here the pages are allocated the same way, so a vmalloc
 * really charges the simulated machine and fails (NULL, callers return
 * -ENOMEM) when it cannot be satisfied; vfree gives them back.  vfree(NULL)
 * is a no-op; a bad or unknown address gets 2006's printk and a WARN, and
 * is otherwise ignored.
 *
 * Deliberate simplification: the "vmalloc mapping" handed to the caller is
 * a page-aligned host reservation (sim_host_map), not a mapping of the
 * simulated pages: the contents live in host memory, the pages only carry
 * the charge.  There are no kernel page tables for the vmalloc range,
 * no guard page and no vmap/ioremap.  vmalloc_nr_pages() (not 2006)
 * tells tests and the checker how many pages vmalloc areas hold.
 */
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <sim/door.h>

struct vm_struct {
	struct vm_struct *next;
	void *addr;
	unsigned long size;
	unsigned long flags;
	struct page **pages;
	unsigned int nr_pages;
};

#define VM_ALLOC 0x00000002 /* vmalloc() */

DEFINE_RWLOCK(vmlist_lock);
struct vm_struct *vmlist;
static unsigned long vmalloc_pages; /* under vmlist_lock */

static struct vm_struct *remove_vm_area(void *addr)
{
	struct vm_struct **p, *tmp;

	write_lock(&vmlist_lock);
	for (p = &vmlist; (tmp = *p) != NULL; p = &tmp->next) {
		if (tmp->addr == addr) {
			*p = tmp->next;
			vmalloc_pages -= tmp->nr_pages;
			write_unlock(&vmlist_lock);
			return tmp;
		}
	}
	write_unlock(&vmlist_lock);
	return NULL;
}

static void free_area(struct vm_struct *area)
{
	unsigned int i;

	for (i = 0; i < area->nr_pages; i++) {
		BUG_ON(!area->pages[i]);
		__free_page(area->pages[i]);
	}
	sim_host_free(area->pages);
	sim_host_unmap(area->addr, area->size);
	kfree(area);
}

static void *__vmalloc_node(unsigned long size, gfp_t gfp_mask, int node)
{
	struct vm_struct *area;
	unsigned int nr_pages, i;

	might_sleep_if(gfp_mask & __GFP_WAIT);

	size = PAGE_ALIGN(size);
	if (!size || (size >> PAGE_SHIFT) > num_physpages)
		return NULL;

	area = kzalloc(sizeof(*area), gfp_mask & GFP_KERNEL);
	if (!area)
		return NULL;
	nr_pages = size >> PAGE_SHIFT;
	area->flags = VM_ALLOC;
	area->size = size;
	/*
	 * 2006 kmalloc'ed the page array, or vmalloc'ed it when it exceeded
	 * a page; here it is host memory like other simulator metadata.
	 */
	area->pages = sim_host_alloc(nr_pages * sizeof(struct page *));

	for (i = 0; i < nr_pages; i++) {
		if (node < 0)
			area->pages[i] = alloc_page(gfp_mask);
		else
			area->pages[i] = alloc_pages_node(node, gfp_mask, 0);
		if (unlikely(!area->pages[i]))
			goto fail;
		area->nr_pages++;
	}

	area->addr = sim_host_map(size);

	write_lock(&vmlist_lock);
	area->next = vmlist;
	vmlist = area;
	vmalloc_pages += area->nr_pages;
	write_unlock(&vmlist_lock);
	return area->addr;

fail:
	/* Partially allocated: give back what we got. */
	for (i = 0; i < area->nr_pages; i++)
		__free_page(area->pages[i]);
	sim_host_free(area->pages);
	kfree(area);
	return NULL;
}

/**
 *	vmalloc  -  allocate virtually contiguous memory
 *	@size:		allocation size
 *
 *	Allocate enough pages to cover @size from the page level
 *	allocator and map them into contiguous kernel virtual space.
 */
void *vmalloc(unsigned long size)
{
	return __vmalloc_node(size, GFP_KERNEL | __GFP_HIGHMEM, -1);
}

/*
 *	__vmalloc  -  vmalloc with the caller's gfp mask (2006 also took a
 *	pgprot; vmalloc space is host memory here, so there is none).
 */
void *__vmalloc(unsigned long size, gfp_t gfp_mask)
{
	return __vmalloc_node(size, gfp_mask, -1);
}

/**
 *	vmalloc_node  -  allocate memory on a specific node
 *	@size:		allocation size
 *	@node:		numa node
 */
void *vmalloc_node(unsigned long size, int node)
{
	return __vmalloc_node(size, GFP_KERNEL | __GFP_HIGHMEM, node);
}

/**
 *	vfree  -  release memory allocated by vmalloc()
 *	@addr:		memory base address
 *
 *	Free the virtually contiguous memory area starting at @addr, as
 *	obtained from vmalloc(), vmalloc_32() or __vmalloc(). If @addr is
 *	NULL, no operation is performed.
 *
 *	Must not be called in interrupt context.
 */
void vfree(void *addr)
{
	struct vm_struct *area;

	if (!addr)
		return;

	if ((PAGE_SIZE - 1) & (unsigned long)addr) {
		printk(KERN_ERR "Trying to vfree() bad address (%p)\n", addr);
		WARN_ON(1);
		return;
	}

	area = remove_vm_area(addr);
	if (unlikely(!area)) {
		printk(KERN_ERR "Trying to vfree() nonexistent vm area (%p)\n",
		       addr);
		WARN_ON(1);
		return;
	}
	free_area(area);
}

/* Pages currently held by vmalloc areas (mmsim: tests and the checker). */
unsigned long vmalloc_nr_pages(void)
{
	unsigned long nr;

	read_lock(&vmlist_lock);
	nr = vmalloc_pages;
	read_unlock(&vmlist_lock);
	return nr;
}
