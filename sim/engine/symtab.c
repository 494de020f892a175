/*
 * sim/engine/symtab.c - names for code addresses in reports, static
 * functions included.
 *
 * dladdr() knows only the dynamic symbol table, where static functions
 * (most of mm/migrate.c) are missing, so a call trace through them would
 * read "mmsim+0x5cc5".  At engine start this loads the executable's own
 * .symtab, as the kernel carries kallsyms, into a sorted table; lookups
 * are then a binary search that allocates nothing and can run in the oops
 * handler.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "symtab.h"

struct sim_sym {
	uintptr_t addr;
	uintptr_t size;
	const char *name;
	const char *file; /* local symbols: the STT_FILE that precedes them */
};

static struct {
	struct sim_sym *sym;
	size_t nr;
	char *names; /* the string table, copied */
	uintptr_t base; /* load bias of the executable */
} symtab;

static int main_program_base(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	/* The first object dl_iterate_phdr() reports is the executable. */
	*(uintptr_t *)data = info->dlpi_addr;
	return 1;
}

static int sym_cmp(const void *a, const void *b)
{
	const struct sim_sym *x = a, *y = b;

	return (x->addr > y->addr) - (x->addr < y->addr);
}

/* Best effort: without a symbol table, reports fall back to dladdr(). */
void eng_symtab_load(void)
{
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh, *strsh;
	const Elf64_Sym *s;
	struct stat st;
	size_t i, n;
	const char *file = NULL;
	void *map;
	int fd, k;

	if (symtab.sym)
		return;
	fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) || st.st_size < (off_t)sizeof(*eh)) {
		close(fd);
		return;
	}
	map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return;
	eh = map;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shoff + (size_t)eh->e_shnum * sizeof(*sh) >
		    (size_t)st.st_size)
		goto out;
	sh = (const Elf64_Shdr *)((const char *)map + eh->e_shoff);
	for (k = 0; k < eh->e_shnum; k++) {
		if (sh[k].sh_type != SHT_SYMTAB || sh[k].sh_link >= eh->e_shnum)
			continue;
		strsh = &sh[sh[k].sh_link];
		if (sh[k].sh_offset + sh[k].sh_size > (size_t)st.st_size ||
		    strsh->sh_offset + strsh->sh_size > (size_t)st.st_size)
			break;
		s = (const Elf64_Sym *)((const char *)map + sh[k].sh_offset);
		n = sh[k].sh_size / sizeof(*s);
		symtab.names = g_memdup2((const char *)map + strsh->sh_offset,
					 strsh->sh_size);
		symtab.sym = g_new(struct sim_sym, n ? n : 1);
		for (i = 0; i < n; i++) {
			if (ELF64_ST_TYPE(s[i].st_info) == STT_FILE &&
			    s[i].st_name < strsh->sh_size)
				file = symtab.names + s[i].st_name;
			if (ELF64_ST_TYPE(s[i].st_info) != STT_FUNC ||
			    !s[i].st_value || s[i].st_name >= strsh->sh_size)
				continue;
			symtab.sym[symtab.nr].addr = s[i].st_value;
			symtab.sym[symtab.nr].size = s[i].st_size;
			symtab.sym[symtab.nr].name =
				symtab.names + s[i].st_name;
			symtab.sym[symtab.nr].file =
				ELF64_ST_BIND(s[i].st_info) == STB_LOCAL ? file
									 : NULL;
			symtab.nr++;
		}
		qsort(symtab.sym, symtab.nr, sizeof(*symtab.sym), sym_cmp);
		break;
	}
	dl_iterate_phdr(main_program_base, &symtab.base);
out:
	munmap(map, st.st_size);
}

/*
 * The function of the executable that contains addr: its name and the
 * offset into it, or NULL.
 */
const char *eng_symtab_lookup(const void *addr, unsigned long *offset,
			      unsigned long *size)
{
	uintptr_t a = (uintptr_t)addr - symtab.base;
	size_t lo = 0, hi = symtab.nr, mid;
	const struct sim_sym *s;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (symtab.sym[mid].addr <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	s = &symtab.sym[lo - 1];
	if (a - s->addr >= (s->size ? s->size : 1))
		return NULL;
	*offset = a - s->addr;
	*size = s->size;
	return s->name;
}

size_t eng_symtab_nr(void)
{
	return symtab.nr;
}

const char *eng_symtab_at(size_t i, const void **addr, unsigned long *size,
			  const char **file)
{
	const struct sim_sym *s = &symtab.sym[i];

	*addr = (const void *)(s->addr + symtab.base);
	*size = s->size;
	*file = s->file;
	return s->name;
}
