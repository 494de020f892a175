/*
 * kernel/mmsim/traps.c - loud traps for what migrate.c links against but a
 * later part of mmsim provides.  Calling one prints
 * "mmsim: not modeled yet: NAME" and aborts: never a silent stub.
 *
 * The issue that implements a function deletes its trap here, and the
 * list in tests/kernel/test_traps.c with it.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/buffer_head.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include <linux/rmap.h>
#include <linux/cpuset.h>
#include <linux/security.h>
#include <linux/vmalloc.h>
#include <sim/door.h>

#define TRAP(name) sim_not_modeled(#name)

/* The names below, for the test that lists what remains. */
const char *const mmsim_traps[] = {NULL};
