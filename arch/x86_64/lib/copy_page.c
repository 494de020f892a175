/*
 * arch/x86_64/lib/copy_page.c - clear_page() and copy_page().
 *
 * Stands for arch/x86_64/lib/clear_page.S and copy_page.S (2.6.20), which
 * were hand-written rep stosq / unrolled movq loops; here the compiler's
 * builtins do the same PAGE_SIZE store or copy.
 */
#include <asm/page.h>

void clear_page(void *page)
{
	__builtin_memset(page, 0, PAGE_SIZE);
}

void copy_page(void *to, void *from)
{
	__builtin_memcpy(to, from, PAGE_SIZE);
}
