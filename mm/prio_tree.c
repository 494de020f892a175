/*
 * mm/prio_tree.c - the vmas of a file in address_space->i_mmap.
 *
 * Models: mm/prio_tree.c of December 2006, the vma layer over the radix
 * priority search tree of lib/prio_tree.c (here lib/prio_tree.c).
 * rmap (try_to_unmap_file, page_referenced_file, page_mkclean) and
 * migrate.c (remove_file_migration_ptes) ask it "which vmas map file page
 * N" through vma_prio_tree_foreach().
 *
 * i_mmap is a raw root: the tree nodes are vmas, and a vma's interval is
 * the file pages it maps, [vm_pgoff, vm_pgoff + vma_pages - 1].  The tree
 * holds one node per distinct interval.  Further vmas with the same
 * interval (fork copies every file vma of the parent) hang off that node
 * on a vm_set list:
 *
 *	i_mmap
 *	  |
 *	  A          vm_set.head
 *	 / \        /
 *	L   R  ->  H - I - J - K      (circular, through vm_set.list)
 *	tree nodes  list head, list members
 *
 * Which of the three roles a vma plays is told by its shared union alone
 * (vm_flags would not do: R and H may belong to different mms, and when R
 * goes H becomes a tree node without its mmap_sem being held):
 *
 *	vm_set.parent != NULL   tree node (parent aliases the tree's parent
 *				link, never NULL in a tree: the root's points
 *				to itself); vm_set.head is its list head, or
 *				NULL if no other vma maps the same range
 *	vm_set.parent == NULL, vm_set.head != NULL
 *				list head; vm_set.head points back to the
 *				tree node
 *	vm_set.parent == NULL, vm_set.head == NULL
 *				plain list member
 *
 * A tree node's vm_set.list overlays its left/right tree links, so only
 * the list head and the members are linked through vm_set.list; the list
 * has no separate anchor.
 *
 * Simplifications: 2.6.20's prefetch() hints are left out.  Callers hold
 * mapping->i_mmap_lock, as in 2.6.20.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/prio_tree.h>
#include <linux/list.h>

/* Mirrors lib/prio_tree.c, for the consistency checks below. */
#define RADIX_INDEX(vma) ((vma)->vm_pgoff)
#define VMA_SIZE(vma) (((vma)->vm_end - (vma)->vm_start) >> PAGE_SHIFT)
#define HEAP_INDEX(vma) ((vma)->vm_pgoff + (VMA_SIZE(vma) - 1))

static inline struct vm_area_struct *vma_of(struct prio_tree_node *ptr)
{
	return prio_tree_entry(ptr, struct vm_area_struct,
			       shared.prio_tree_node);
}

/*
 * Add @vma, which maps exactly the pages @old maps, next to @old: on
 * @old's list if @old is a tree node (as the list head if it has none
 * yet), else right after @old in the list.  fork's dup_mmap uses this to
 * put the child's vma beside the parent's; vma_prio_tree_insert() when it
 * meets an identical interval.  It also happens to work on the
 * i_mmap_nonlinear list, where every vma has parent == NULL.
 */
void vma_prio_tree_add(struct vm_area_struct *vma, struct vm_area_struct *old)
{
	BUG_ON(RADIX_INDEX(vma) != RADIX_INDEX(old));
	BUG_ON(HEAP_INDEX(vma) != HEAP_INDEX(old));

	vma->shared.vm_set.head = NULL;
	vma->shared.vm_set.parent = NULL;

	if (!old->shared.vm_set.parent) {
		/* @old is on a list itself: follow it */
		list_add(&vma->shared.vm_set.list, &old->shared.vm_set.list);
	} else if (old->shared.vm_set.head) {
		/* @old is a tree node with a list: append */
		list_add_tail(&vma->shared.vm_set.list,
			      &old->shared.vm_set.head->shared.vm_set.list);
	} else {
		/* @old is a tree node alone: @vma starts its list */
		INIT_LIST_HEAD(&vma->shared.vm_set.list);
		vma->shared.vm_set.head = old;
		old->shared.vm_set.head = vma;
	}
}

void vma_prio_tree_insert(struct vm_area_struct *vma,
			  struct prio_tree_root *root)
{
	struct prio_tree_node *ptr;

	vma->shared.vm_set.head = NULL;

	ptr = raw_prio_tree_insert(root, &vma->shared.prio_tree_node);
	if (ptr != (struct prio_tree_node *)&vma->shared.prio_tree_node)
		vma_prio_tree_add(vma, vma_of(ptr));
}

void vma_prio_tree_remove(struct vm_area_struct *vma,
			  struct prio_tree_root *root)
{
	struct vm_area_struct *node, *head, *new_head;

	if (!vma->shared.vm_set.head) {
		if (!vma->shared.vm_set.parent)
			/* a plain list member */
			list_del_init(&vma->shared.vm_set.list);
		else
			/* a tree node nobody else shares */
			raw_prio_tree_remove(root, &vma->shared.prio_tree_node);
		return;
	}

	BUG_ON(vma->shared.vm_set.head->shared.vm_set.head != vma);

	if (vma->shared.vm_set.parent) {
		/*
		 * A tree node with a list: its list head takes its place in
		 * the tree, and the next member (if any) becomes the head.
		 * The head's list links are about to become tree links, so
		 * unlink it first.
		 */
		head = vma->shared.vm_set.head;
		if (!list_empty(&head->shared.vm_set.list)) {
			new_head = list_entry(head->shared.vm_set.list.next,
					      struct vm_area_struct,
					      shared.vm_set.list);
			list_del_init(&head->shared.vm_set.list);
		} else {
			new_head = NULL;
		}

		raw_prio_tree_replace(root, &vma->shared.prio_tree_node,
				      &head->shared.prio_tree_node);
		head->shared.vm_set.head = new_head;
		if (new_head)
			new_head->shared.vm_set.head = head;
	} else {
		/* the list head: the next member becomes the head */
		node = vma->shared.vm_set.head;
		if (!list_empty(&vma->shared.vm_set.list)) {
			new_head = list_entry(vma->shared.vm_set.list.next,
					      struct vm_area_struct,
					      shared.vm_set.list);
			list_del_init(&vma->shared.vm_set.list);
			node->shared.vm_set.head = new_head;
			new_head->shared.vm_set.head = node;
		} else {
			node->shared.vm_set.head = NULL;
		}
	}
}

/*
 * The vmas mapping at least one page of the range given to
 * prio_tree_iter_init(), each once: every overlapping tree node, each
 * followed by the vmas of its list.  Start with @vma NULL, then pass the
 * vma last returned; NULL at the end.
 */
struct vm_area_struct *vma_prio_tree_next(struct vm_area_struct *vma,
					  struct prio_tree_iter *iter)
{
	struct prio_tree_node *ptr;
	struct vm_area_struct *next;

	if (vma) {
		if (vma->shared.vm_set.parent) {
			/* a tree node: its list, if it has one */
			if (vma->shared.vm_set.head)
				return vma->shared.vm_set.head;
		} else {
			/*
			 * On the list: the next member, unless the circle is
			 * back at the head (the one with vm_set.head set).
			 */
			next = list_entry(vma->shared.vm_set.list.next,
					  struct vm_area_struct,
					  shared.vm_set.list);
			if (!next->shared.vm_set.head)
				return next;
		}
	}

	ptr = prio_tree_next(iter);
	return ptr ? vma_of(ptr) : NULL;
}
