/*
 * sim/engine/symtab.h - the executable's own symbols, static functions
 * included (symtab.c), for call traces and function probes.
 *
 * Bottom layer: depends on no other piece of the engine.
 */
#ifndef _SIM_ENGINE_SYMTAB_H
#define _SIM_ENGINE_SYMTAB_H

#include <stddef.h>

/* Load the table once, at engine start; best effort. */
void eng_symtab_load(void);
/* The function containing addr: its name, offset and size, or NULL. */
const char *eng_symtab_lookup(const void *addr, unsigned long *offset,
			      unsigned long *size);
/*
 * The i-th function symbol: its run-time address and size, and for a
 * local symbol the source file it came from (the STT_FILE before it).
 */
size_t eng_symtab_nr(void);
const char *eng_symtab_at(size_t i, const void **addr, unsigned long *size,
			  const char **file);

#endif /* _SIM_ENGINE_SYMTAB_H */
