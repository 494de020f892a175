/* linux/migrate.h (2.6.20, CONFIG_MIGRATION=y): the migration entry points. */
#ifndef _LINUX_MIGRATE_H
#define _LINUX_MIGRATE_H

#include <linux/mm.h>

typedef struct page *new_page_t(struct page *, unsigned long private, int **);

#ifdef CONFIG_MIGRATION
/* Check if a vma is migratable */
static inline int vma_migratable(struct vm_area_struct *vma)
{
	if (vma->vm_flags & (VM_IO | VM_HUGETLB | VM_PFNMAP | VM_RESERVED))
		return 0;
	return 1;
}

extern int isolate_lru_page(struct page *p, struct list_head *pagelist);
extern int putback_lru_pages(struct list_head *l);
extern int migrate_page(struct address_space *, struct page *, struct page *);
extern int migrate_pages(struct list_head *l, new_page_t x,
			 unsigned long private);

extern int fail_migrate_page(struct address_space *, struct page *,
			     struct page *);

extern int migrate_prep(void);
extern int migrate_vmas(struct mm_struct *mm, const nodemask_t *from,
			const nodemask_t *to, unsigned long flags);
#endif

#endif
