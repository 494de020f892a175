/*
 * kernel/mmsim/inspect.c - looking inside the running kernel: peeking at a
 * task's memory without faulting, the /proc/PID views (fs/proc/task_mmu.c:
 * maps and numa_maps; fs/proc/array.c: status), a pte walk, a struct page
 * dump in the spirit of dump_page(), vmstat by name, and the invariant
 * checker of include/sim/kernel.h.
 *
 * None of this existed as such in 2006 except the /proc files; the
 * checker is what DEBUG_VM-style audits would verify if they could see
 * the whole machine at once.
 */
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/mempolicy.h>
#include <linux/pagemap.h>
#include <linux/rmap.h>
#include <linux/seq_file.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <sim/kernel.h>

static struct page *present_page(struct mm_struct *mm, unsigned long addr)
{
	pte_t *ptep = sim_walk_pte(mm, addr);

	if (!ptep || !pte_present(*ptep))
		return NULL;
	return pte_page(*ptep);
}

long sim_task_peek(int pid, unsigned long addr, void *buf, unsigned long len)
{
	struct mm_struct *mm;
	long ret = 0;

	if (sim_get_pid_mm(pid, &mm))
		return -ESRCH;
	if (!mm)
		return -ENOENT;
	down_read(&mm->mmap_sem);
	while (len) {
		unsigned long off = addr & ~PAGE_MASK;
		unsigned long n = min_t(unsigned long, len, PAGE_SIZE - off);
		struct page *page = present_page(mm, addr);

		if (!page) {
			ret = -ENOENT;
			break;
		}
		memcpy(buf, (char *)page_address(page) + off, n);
		buf = (char *)buf + n;
		addr += n;
		len -= n;
	}
	up_read(&mm->mmap_sem);
	mmput(mm);
	return ret;
}

/* ---- /proc/PID/maps, numa_maps, status ---------------------------------- */

static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	unsigned long flags = vma->vm_flags;

	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx 00:00 0 %s\n", vma->vm_start,
		   vma->vm_end, flags & VM_READ ? 'r' : '-',
		   flags & VM_WRITE ? 'w' : '-', flags & VM_EXEC ? 'x' : '-',
		   flags & VM_MAYSHARE ? 's' : 'p', vma->vm_pgoff << PAGE_SHIFT,
		   vma->vm_file ? "[file]" : "");
}

/*
 * 2.6.20's mpol_to_str() for numa_maps: the policy in effect at the vma
 * (get_vma_policy(): the vma's unless it has none or the default, then
 * the task's), its 2006 name, then '=' and the nodes as a list of ranges
 * (nodelist_scnprintf: "0-1", "0,2-3") unless there are none.
 */
static void mpol_print(struct seq_file *m, struct task_struct *task,
		       struct vm_area_struct *vma)
{
	static const char *const policy_types[] = {"default", "prefer", "bind",
						   "interleave"};
	struct mempolicy *pol = task->mempolicy;
	nodemask_t nodes;
	int nid, mode, first = 1;

	if (vma->vm_policy && vma->vm_policy->policy != MPOL_DEFAULT)
		pol = vma->vm_policy;
	mode = pol ? pol->policy : MPOL_DEFAULT;
	nodes_clear(nodes);
	switch (mode) {
	case MPOL_PREFERRED:
		if (pol->v.preferred_node >= 0)
			node_set(pol->v.preferred_node, nodes);
		break;
	case MPOL_BIND: {
		struct zone **z;

		for (z = pol->v.zonelist->zones; *z; z++) /* get_zonemask */
			node_set((*z)->zone_pgdat->node_id, nodes);
		break;
	}
	case MPOL_INTERLEAVE:
		nodes = pol->v.nodes;
		break;
	}
	seq_puts(m, policy_types[mode]);
	if (nodes_empty(nodes))
		return;
	seq_putc(m, '=');
	for_each_node_mask(nid, nodes) {
		int last = nid;

		while (last + 1 < MAX_NUMNODES && node_isset(last + 1, nodes))
			last++;
		seq_printf(m, first ? "%d" : ",%d", nid);
		if (last > nid)
			seq_printf(m, "-%d", last);
		first = 0;
		nid = last;
	}
}

struct numa_maps {
	unsigned long pages, anon, active, writeback, mapcount_max, dirty,
		swapcache;
	unsigned long node[MAX_NUMNODES];
};

/* 2.6.20 gather_stats over the present ptes of a vma (zero page skipped). */
static void gather_vma(struct vm_area_struct *vma, struct numa_maps *md)
{
	unsigned long addr;

	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		struct page *page = present_page(vma->vm_mm, addr);
		int count;

		if (!page || PageReserved(page))
			continue;
		md->pages++;
		if (PageDirty(page))
			md->dirty++;
		if (PageSwapCache(page))
			md->swapcache++;
		if (PageActive(page))
			md->active++;
		if (PageWriteback(page))
			md->writeback++;
		if (PageAnon(page))
			md->anon++;
		count = page_mapcount(page);
		if (count > md->mapcount_max)
			md->mapcount_max = count;
		md->node[page_to_nid(page)]++;
	}
}

static void show_numa_map(struct seq_file *m, struct task_struct *task,
			  struct vm_area_struct *vma)
{
	struct numa_maps md;
	int n;

	memset(&md, 0, sizeof(md));
	gather_vma(vma, &md);
	seq_printf(m, "%08lx ", vma->vm_start);
	mpol_print(m, task, vma);
	if (!md.pages)
		goto out;
	if (md.anon)
		seq_printf(m, " anon=%lu", md.anon);
	if (md.dirty)
		seq_printf(m, " dirty=%lu", md.dirty);
	if (md.pages != md.anon && md.pages != md.dirty)
		seq_printf(m, " mapped=%lu", md.pages);
	if (md.mapcount_max > 1)
		seq_printf(m, " mapmax=%lu", md.mapcount_max);
	if (md.swapcache)
		seq_printf(m, " swapcache=%lu", md.swapcache);
	if (md.active < md.pages)
		seq_printf(m, " active=%lu", md.active);
	if (md.writeback)
		seq_printf(m, " writeback=%lu", md.writeback);
	for_each_online_node(n)
		if (md.node[n])
			seq_printf(m, " N%d=%lu", n, md.node[n]);
out:
	seq_putc(m, '\n');
}

/* fs/proc/array.c's get_task_state(): the exit state first. */
static const char *task_state_name(struct task_struct *p)
{
	if (p->exit_state == EXIT_ZOMBIE)
		return "Z (zombie)";
	if (p->exit_state == EXIT_DEAD)
		return "X (dead)";
	if (p->state & TASK_UNINTERRUPTIBLE)
		return "D (disk sleep)";
	if (p->state & TASK_INTERRUPTIBLE)
		return "S (sleeping)";
	return "R (running)";
}

static void show_status(struct seq_file *m, struct task_struct *p,
			struct mm_struct *mm)
{
	int n, first = 1;

	seq_printf(m, "Name:\t%s\nState:\t%s\n", p->comm, task_state_name(p));
	seq_printf(m, "Pid:\t%d\nPPid:\t%d\n", p->pid,
		   p->parent ? p->parent->pid : 0);
	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\n", p->uid, p->euid, p->suid,
		   p->fsuid);
	if (mm) {
		seq_printf(m, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\n",
			   mm->total_vm << (PAGE_SHIFT - 10),
			   get_mm_rss(mm) << (PAGE_SHIFT - 10));
		seq_printf(m, "VmPTE:\t%8lu kB\n",
			   mm->nr_ptes << (PAGE_SHIFT - 10));
		seq_printf(m, "AnonRSS:\t%lu pages\nFileRSS:\t%lu pages\n",
			   get_mm_counter(mm, anon_rss),
			   get_mm_counter(mm, file_rss));
	}
	/* task_cap(): 2.6.20 printed the 32-bit sets with %016x */
	seq_printf(m, "CapInh:\t%016x\nCapPrm:\t%016x\nCapEff:\t%016x\n",
		   p->cap_inheritable, p->cap_permitted, p->cap_effective);
	seq_puts(m, "Mems_allowed_list:\t");
	for_each_node_mask(n, p->mems_allowed) {
		seq_printf(m, first ? "%d" : ",%d", n);
		first = 0;
	}
	seq_putc(m, '\n');
}

int sim_task_show(int pid, const char *view, sim_emit_fn emit, void *ctx)
{
	struct seq_file m = {.emit = emit, .ctx = ctx};
	struct task_struct *p = sim_find_task(pid);
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	int is_maps = !strcmp(view, "maps"),
	    is_numa = !strcmp(view, "numa_maps");

	if (!p)
		return -ESRCH;
	if (!is_maps && !is_numa && strcmp(view, "status"))
		return -EINVAL;
	mm = get_task_mm(p);
	if (!strcmp(view, "status")) {
		show_status(&m, p, mm);
		if (mm)
			mmput(mm);
		return 0;
	}
	if (!mm)
		return 0; /* a kernel thread: empty, as in /proc */
	down_read(&mm->mmap_sem);
	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		if (is_maps)
			show_map_vma(&m, vma);
		else
			show_numa_map(&m, p, vma);
	}
	up_read(&mm->mmap_sem);
	mmput(mm);
	return 0;
}

/* ---- a pte walk and a struct page ---------------------------------------- */

static void pte_bits(struct seq_file *m, unsigned long v)
{
	static const struct {
		unsigned long bit;
		const char *name;
	} bits[] = {
		{_PAGE_PRESENT, "present"}, {_PAGE_RW, "rw"},
		{_PAGE_USER, "user"},	    {_PAGE_ACCESSED, "accessed"},
		{_PAGE_DIRTY, "dirty"},	    {_PAGE_NX, "nx"},
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(bits); i++)
		if (v & bits[i].bit)
			seq_printf(m, " %s", bits[i].name);
}

int sim_pte_show(int pid, unsigned long addr, sim_emit_fn emit, void *ctx)
{
	struct seq_file m = {.emit = emit, .ctx = ctx};
	struct mm_struct *mm;
	pgd_t *pgd;
	pud_t *pud;
	pmd_t *pmd;
	pte_t pte;

	if (sim_get_pid_mm(pid, &mm))
		return -ESRCH;
	if (!mm)
		return -ENOENT;
	down_read(&mm->mmap_sem);
	seq_printf(&m, "address %#lx\n", addr);
	pgd = pgd_offset(mm, addr);
	seq_printf(&m, "  pgd[%3lu] %016lx\n", pgd_index(addr), pgd_val(*pgd));
	if (!pgd_present(*pgd))
		goto none;
	pud = pud_offset(pgd, addr);
	seq_printf(&m, "  pud[%3lu] %016lx\n", pud_index(addr), pud_val(*pud));
	if (!pud_present(*pud))
		goto none;
	pmd = pmd_offset(pud, addr);
	seq_printf(&m, "  pmd[%3lu] %016lx\n", pmd_index(addr), pmd_val(*pmd));
	if (!pmd_present(*pmd))
		goto none;
	pte = *pte_offset_map(pmd, addr);
	seq_printf(&m, "  pte[%3lu] %016lx", pte_index(addr), pte_val(pte));
	if (pte_none(pte)) {
		seq_puts(&m, " none\n");
	} else if (pte_present(pte)) {
		pte_bits(&m, pte_val(pte));
		seq_printf(&m, " pfn=%#lx node=%d\n", pte_pfn(pte),
			   page_to_nid(pte_page(pte)));
	} else if (pte_file(pte)) {
		seq_printf(&m, " file pgoff=%lu\n", pte_to_pgoff(pte));
	} else {
		swp_entry_t e = pte_to_swp_entry(pte);

		if (is_migration_entry(e))
			seq_printf(&m, " migration entry (%s) for pfn=%#lx\n",
				   is_write_migration_entry(e) ? "write"
							       : "read",
				   swp_offset(e));
		else
			seq_printf(&m, " swap type=%u offset=%lu\n",
				   swp_type(e), swp_offset(e));
	}
	goto out;
none:
	seq_puts(&m, "  (no page table below)\n");
out:
	up_read(&mm->mmap_sem);
	mmput(mm);
	return 0;
}

static const char *const pageflag_names[] = {
	[PG_locked] = "locked",
	[PG_error] = "error",
	[PG_referenced] = "referenced",
	[PG_uptodate] = "uptodate",
	[PG_dirty] = "dirty",
	[PG_lru] = "lru",
	[PG_active] = "active",
	[PG_slab] = "slab",
	[PG_checked] = "checked",
	[PG_arch_1] = "arch_1",
	[PG_reserved] = "reserved",
	[PG_private] = "private",
	[PG_writeback] = "writeback",
	[PG_nosave] = "nosave",
	[PG_compound] = "compound",
	[PG_swapcache] = "swapcache",
	[PG_mappedtodisk] = "mappedtodisk",
	[PG_reclaim] = "reclaim",
	[PG_nosave_free] = "nosave_free",
	[PG_buddy] = "buddy",
};

static void show_page(struct seq_file *m, struct page *page)
{
	unsigned i;
	int first = 1;

	seq_printf(m, "pfn %#lx node %d zone %s count %d mapcount %d\n",
		   page_to_pfn(page), page_to_nid(page), page_zone(page)->name,
		   page_count(page), page_mapcount(page));
	if (PageAnon(page))
		seq_printf(m, "mapping anon_vma index %#lx\n", page->index);
	else if (page->mapping)
		seq_printf(m, "mapping file index %#lx\n", page->index);
	else
		seq_puts(m, "mapping none\n");
	seq_puts(m, "flags ");
	for (i = 0; i < ARRAY_SIZE(pageflag_names); i++)
		if (pageflag_names[i] && test_bit(i, &page->flags)) {
			seq_printf(m, first ? "%s" : "|%s", pageflag_names[i]);
			first = 0;
		}
	seq_puts(m, first ? "(none)\n" : "\n");
}

int sim_page_show(int pid, unsigned long addr, sim_emit_fn emit, void *ctx)
{
	struct seq_file m = {.emit = emit, .ctx = ctx};
	struct mm_struct *mm;
	struct page *page;

	if (sim_get_pid_mm(pid, &mm))
		return -ESRCH;
	if (!mm)
		return -ENOENT;
	down_read(&mm->mmap_sem);
	page = present_page(mm, addr);
	if (page)
		show_page(&m, page);
	up_read(&mm->mmap_sem);
	mmput(mm);
	return page ? 0 : -ENOENT;
}

long sim_vmstat(const char *name)
{
	int i;

	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		if (!strcmp(vmstat_text[i], name))
			return global_page_state(i);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		if (!strcmp(vmstat_text[NR_VM_ZONE_STAT_ITEMS + i], name))
			return __atomic_load_n(&vm_events[i].counter,
					       __ATOMIC_RELAXED);
	return -1;
}

/* ---- a page's reverse map, as Graphviz ------------------------------------ */

/* The pid of a task using mm, for a label: 0 if none (an exited one). */
static int mm_owner_pid(struct mm_struct *mm)
{
	struct task_struct *p;
	int pid = 0;

	read_lock(&tasklist_lock);
	list_for_each_entry(p, &task_list_head, tasks)
		if (p->mm == mm) {
			pid = p->pid;
			break;
		}
	read_unlock(&tasklist_lock);
	return pid;
}

/*
 * One vma of the page's rmap and, if it maps the page, the pte that does:
 * the edges anon_vma/address_space -> vma -> pte.  Names are addresses of
 * the simulated machine (pfn, user addresses), never host pointers, so
 * the graph is the same on every run of a seed.
 */
static void rmap_dot_vma(struct seq_file *m, struct page *page,
			 struct vm_area_struct *vma, const char *owner, int nr)
{
	unsigned long addr =
		vma->vm_start + ((page->index - vma->vm_pgoff) << PAGE_SHIFT);
	pte_t *ptep;

	seq_printf(m,
		   "  \"%s_vma%d\" [shape=box, label=\"vma %lx-%lx "
		   "%c%c%c%c\\nmm of pid %d\"];\n",
		   owner, nr, vma->vm_start, vma->vm_end,
		   vma->vm_flags & VM_READ ? 'r' : '-',
		   vma->vm_flags & VM_WRITE ? 'w' : '-',
		   vma->vm_flags & VM_EXEC ? 'x' : '-',
		   vma->vm_flags & VM_SHARED ? 's' : 'p',
		   mm_owner_pid(vma->vm_mm));
	seq_printf(m, "  \"%s\" -> \"%s_vma%d\";\n", owner, owner, nr);
	if (addr < vma->vm_start || addr >= vma->vm_end)
		return;
	ptep = sim_walk_pte(vma->vm_mm, addr);
	if (!ptep || pte_none(*ptep))
		return;
	seq_printf(
		m,
		"  \"%s_pte%d\" [shape=note, label=\"pte %lx\\n%016lx%s\"];\n",
		owner, nr, addr, pte_val(*ptep),
		pte_present(*ptep) && pte_page(*ptep) == page ? ""
		: pte_present(*ptep) ? "\\n(another page)"
				     : "\\n(not present)");
	seq_printf(m, "  \"%s_vma%d\" -> \"%s_pte%d\";\n", owner, nr, owner,
		   nr);
	if (pte_present(*ptep) && pte_page(*ptep) == page)
		seq_printf(m, "  \"%s_pte%d\" -> \"page\" [style=dashed];\n",
			   owner, nr);
}

static void rmap_dot(struct seq_file *m, struct page *page)
{
	struct vm_area_struct *vma;
	int nr = 0;

	seq_printf(m,
		   "  \"page\" [shape=ellipse, label=\"page pfn %#lx node "
		   "%d\\ncount %d mapcount %d index %#lx\"];\n",
		   page_to_pfn(page), page_to_nid(page), page_count(page),
		   page_mapcount(page), page->index);
	if (PageAnon(page)) {
		struct anon_vma *anon_vma =
			(struct anon_vma *)((unsigned long)page->mapping -
					    PAGE_MAPPING_ANON);

		seq_puts(m, "  \"anon_vma\" [shape=diamond];\n");
		seq_puts(m, "  \"page\" -> \"anon_vma\" [label=mapping];\n");
		spin_lock(&anon_vma->lock);
		list_for_each_entry(vma, &anon_vma->head, anon_vma_node)
			rmap_dot_vma(m, page, vma, "anon_vma", nr++);
		spin_unlock(&anon_vma->lock);
	} else if (page->mapping) {
		struct address_space *mapping = page->mapping;
		struct prio_tree_iter iter;

		seq_printf(m,
			   "  \"address_space\" [shape=diamond, "
			   "label=\"address_space\\nnrpages %lu\"];\n",
			   mapping->nrpages);
		seq_puts(m,
			 "  \"page\" -> \"address_space\" [label=mapping];\n");
		spin_lock(&mapping->i_mmap_lock);
		vma_prio_tree_foreach(vma, &iter, &mapping->i_mmap, page->index,
				      page->index)
			rmap_dot_vma(m, page, vma, "address_space", nr++);
		spin_unlock(&mapping->i_mmap_lock);
	}
}

int sim_rmap_dot(int pid, unsigned long addr, sim_emit_fn emit, void *ctx)
{
	struct seq_file m = {.emit = emit, .ctx = ctx};
	struct mm_struct *mm;
	struct page *page;

	if (sim_get_pid_mm(pid, &mm))
		return -ESRCH;
	if (!mm)
		return -ENOENT;
	down_read(&mm->mmap_sem);
	page = present_page(mm, addr);
	if (page) {
		seq_printf(&m, "digraph rmap_%lx {\n  rankdir=LR;\n", addr);
		rmap_dot(&m, page);
		seq_puts(&m, "}\n");
	}
	up_read(&mm->mmap_sem);
	mmput(mm);
	return page ? 0 : -ENOENT;
}

/* ---- a file's page cache radix tree, as Graphviz --------------------------- */

static void radix_dot_node(void *ctx, unsigned long first, unsigned int height,
			   unsigned int count)
{
	seq_printf(ctx,
		   "  \"n%lx_%u\" [shape=record, label=\"height %u|count "
		   "%u|first index %#lx\"];\n",
		   first, height, height, count, first);
}

static void radix_dot_edge(void *ctx, unsigned long first, unsigned int height,
			   unsigned long slot, unsigned long index, void *item)
{
	struct page *page = item;

	if (height)
		seq_printf(ctx, "  \"n%lx_%u\" -> ", first, height);
	else
		seq_puts(ctx, "  \"root\" -> "); /* a lone entry at index 0 */
	if (!page) {
		seq_printf(ctx, "\"n%lx_%u\" [label=%lu];\n", index, height - 1,
			   slot);
		return;
	}
	seq_printf(ctx, "\"p%lx\" [label=%lu];\n", index, slot);
	seq_printf(ctx,
		   "  \"p%lx\" [shape=ellipse, label=\"index %#lx\\npfn %#lx "
		   "node %d%s%s\"];\n",
		   index, page->index, page_to_pfn(page), page_to_nid(page),
		   PageDirty(page) ? " dirty" : "",
		   PageWriteback(page) ? " writeback" : "");
}

int sim_file_radix_dot(int fd, sim_emit_fn emit, void *ctx)
{
	struct seq_file m = {.emit = emit, .ctx = ctx};
	struct radix_tree_shape shape = {
		.ctx = &m, .node = radix_dot_node, .edge = radix_dot_edge};
	struct file *file = fget(fd);
	struct address_space *mapping;

	if (!file)
		return -EBADF;
	mapping = file->f_mapping;
	seq_printf(&m, "digraph page_cache_fd%d {\n", fd);
	read_lock_irq(&mapping->tree_lock);
	seq_printf(&m,
		   "  \"root\" [shape=box, label=\"radix_tree_root\\nheight %u "
		   "nrpages %lu\"];\n",
		   mapping->page_tree.height, mapping->nrpages);
	if (mapping->page_tree.height)
		seq_printf(&m, "  \"root\" -> \"n0_%u\";\n",
			   mapping->page_tree.height);
	radix_tree_shape(&mapping->page_tree, &shape);
	read_unlock_irq(&mapping->tree_lock);
	seq_puts(&m, "}\n");
	fput(file);
	return 0;
}
