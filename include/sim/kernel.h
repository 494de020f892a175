/*
 * include/sim/kernel.h - what the simulated kernel offers the simulator.
 *
 * The other half of the door: sim/scenario, the CLI and the tests drive the
 * kernel world only through these entry points, with plain C types.  The
 * kernel world implements them (arch/, init/, kernel/, mm/, fs/, block/, lib/).
 */
#ifndef _SIM_KERNEL_H
#define _SIM_KERNEL_H

#define SIM_MAX_NODES 64
#define SIM_MAX_CPUS 256

/* The machine to boot: filled by the CLI or a scenario's machine line. */
struct sim_machine_config {
	int nr_nodes;
	int cpus_per_node;
	unsigned long long
		mem[SIM_MAX_NODES]; /* bytes per node, 4 KiB multiple */
	unsigned char distance[SIM_MAX_NODES][SIM_MAX_NODES]; /* SLIT */
	/*
	 * Touch all simulated RAM at boot and never hand free memory back to
	 * the host: the steady state of a machine whose RAM is all there,
	 * for benchmarks (costs host memory equal to the machine's RAM).
	 */
	int populate;
	/*
	 * Start 2.6.20's kswapd, one kernel thread per node ("kswapd<nid>"),
	 * woken by __alloc_pages when a zone falls below pages_low; 0 (the
	 * default) leaves reclaim direct only, and runs and their seeded
	 * schedules exactly as without it.  Last field, so that older
	 * initialisers stay valid.
	 */
	int kswapd;
};

/*
 * Fill cfg with the defaults for nr_nodes nodes of mem_per_node bytes:
 * 1 CPU per node, distance 10 local and 20 remote.
 */
void sim_machine_defaults(struct sim_machine_config *cfg, int nr_nodes,
			  unsigned long long mem_per_node);

/*
 * Check a configuration and say why it is impossible: returns 0, or -1
 * with a one-line reason (naming the field) in err.
 */
int sim_machine_validate(const struct sim_machine_config *cfg, char *err,
			 unsigned long errlen);

/*
 * Boot the machine: nodes, zones, mem_map, free lists, zonelists, the
 * init task.  Once per process.  Returns 0 or -1 with the reason in err.
 */
int sim_kernel_boot(const struct sim_machine_config *cfg, char *err,
		    unsigned long errlen);

/*
 * Show a /proc file ("zoneinfo", "buddyinfo", "vmstat", "meminfo")
 * through emit(); returns 0, or -1 if there is no such file.
 */
typedef void (*sim_emit_fn)(void *ctx, const char *text, unsigned long len);
int sim_proc_show(const char *name, sim_emit_fn emit, void *ctx);

/*
 * Wait until every node's kswapd (sim_machine_config.kswapd) has finished
 * balancing and sleeps with no wake-up pending; returns at once when the
 * machine has none.
 */
void sim_kswapd_quiesce(void);

/* Machine-wide numbers for tests, benchmarks and the checker. */
unsigned long sim_node_free_pages(int nid);
unsigned long sim_node_present_pages(int nid);
int sim_nr_nodes(void);

/* ---- tasks ---------------------------------------------------------------- */

/* Credentials and placement of a new user task. */
struct sim_task_config {
	const char *name; /* comm, at most 15 characters */
	unsigned int uid, euid, suid;
	unsigned int caps; /* capability bits (1 << CAP_x) */
	int cpu; /* the simulated CPU it runs on */
	unsigned long long mems_allowed; /* cpuset nodes; 0 = all online */
};

#define SIM_CAP_SYS_NICE 23

/*
 * Create a user process with an empty address space (a kernel thread when
 * kthread is set: no mm).  Returns its pid, or a negative errno.
 */
int sim_task_create(const struct sim_task_config *cfg, int kthread);

/*
 * The calling host thread runs as task pid from now on: current, its CPU,
 * its name in traces.  Threads created with sim_thread_spawn do this
 * first.  Returns 0 or -ESRCH.
 */
int sim_task_enter(int pid);
int sim_task_current_pid(void);

/*
 * The return to user space of the calling thread's task: a SIGKILL sent
 * to it (by the OOM killer) makes it exit there.  Returns 1 if the task
 * is dead (then it makes no more calls: sim_syscall answers -ESRCH).
 * System calls and the task's own loads and stores do this themselves.
 */
int sim_task_return_to_user(void);

/*
 * A key (sim_wake_up) to wake when a signal arrives for the calling
 * thread's task, so that a task idle between actions can exit.
 */
void sim_task_set_signal_wake(const void *key);

/* Set credentials, capabilities or cpuset nodes of an existing task. */
int sim_task_set_creds(int pid, unsigned int uid, unsigned int euid,
		       unsigned int suid, unsigned int caps);
int sim_task_set_mems_allowed(int pid, unsigned long long mask);

/*
 * A task's credentials and exit state as its /proc/PID/status shows them
 * (Uid:, CapInh/CapPrm/CapEff, State:): 0, or -ESRCH when no task has that
 * pid any more (never created, or reaped by wait4 or by init).
 */
struct sim_task_creds {
	unsigned int uid, euid, suid, fsuid;
	unsigned int cap_effective, cap_permitted, cap_inheritable;
	int keep_caps; /* prctl(PR_SET_KEEPCAPS) */
	int zombie; /* exited, not yet reaped (EXIT_ZOMBIE) */
};
int sim_task_creds(int pid, struct sim_task_creds *c);

/* ---- system calls, made by the task the calling thread runs as ----------- */

#define SIM_NR_mmap 9
#define SIM_NR_munmap 11
#define SIM_NR_clone 56
#define SIM_NR_fork 57
#define SIM_CLONE_VM 0x100
#define SIM_NR_exit 60
#define SIM_NR_getpid 39
#define SIM_NR_wait4 61
#define SIM_WNOHANG 1
#define SIM_NR_setuid 105
#define SIM_NR_setreuid 113
#define SIM_NR_setresuid 117
#define SIM_NR_getresuid 118
#define SIM_NR_prctl 157
#define SIM_PR_SET_KEEPCAPS 8
#define SIM_NR_move_pages 279
#define SIM_NR_mbind 237
#define SIM_NR_set_mempolicy 238
#define SIM_NR_get_mempolicy 239
#define SIM_NR_migrate_pages 256

/*
 * The x86-64 system call entry: arguments are what the registers would
 * hold; pointers are simulated user addresses.  Returns what the kernel
 * returned (negative errno on failure), or -ENOSYS.
 */
long sim_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

/*
 * The task's own loads and stores through the simulated MMU: they walk
 * the page tables and fault exactly as the CPU would.  0 or -EFAULT.
 */
long sim_user_read(unsigned long addr, void *buf, unsigned long len);
long sim_user_write(unsigned long addr, const void *buf, unsigned long len);
long sim_user_touch(unsigned long addr, int write);

/*
 * Where the page at a task's user address lives, by a walk of its page
 * tables (no fault): the node, or -ENOENT when nothing is mapped there,
 * -EAGAIN when the pte holds a migration entry, -ESRCH for no such task.
 */
int sim_page_node(int pid, unsigned long addr);

/* ---- looking inside, without disturbing ---------------------------------- */

/*
 * Read a task's memory by walking its page tables, without faulting
 * anything in (unlike ptrace's access_process_vm): 0, or -ENOENT when a
 * page in the range is not present, -ESRCH for no such task.
 */
long sim_task_peek(int pid, unsigned long addr, void *buf, unsigned long len);

/*
 * Text views, through emit():
 *   sim_task_show(pid, "numa_maps")  /proc/PID/numa_maps (2.6.20 layout)
 *   sim_task_show(pid, "maps")       /proc/PID/maps
 *   sim_task_show(pid, "status")     the Vm* and credential lines
 *   sim_pte_show(pid, addr)          the pgd/pud/pmd/pte walk of addr
 *   sim_page_show(pid, addr)         the struct page mapped at addr
 * Each returns 0, or a negative errno (no such task, view or mapping).
 */
int sim_task_show(int pid, const char *view, sim_emit_fn emit, void *ctx);
int sim_pte_show(int pid, unsigned long addr, sim_emit_fn emit, void *ctx);
int sim_page_show(int pid, unsigned long addr, sim_emit_fn emit, void *ctx);
/* The reverse map of the page at addr as a Graphviz digraph: page ->
 * anon_vma or address_space -> vmas -> ptes. */
int sim_rmap_dot(int pid, unsigned long addr, sim_emit_fn emit, void *ctx);
/* The page cache of file fd (its radix tree) as a Graphviz digraph. */
int sim_file_radix_dot(int fd, sim_emit_fn emit, void *ctx);

/* A /proc/vmstat counter by its 2.6.20 name, or -1 if there is none. */
long sim_vmstat(const char *name);

/*
 * The invariant checker: every page's _count and _mapcount against the
 * page tables, pagevecs and caches that really refer to it; PG_lru
 * against list membership; zone free counts against the buddy lists; no
 * migration entry left without a locked page; nothing leaked by exited
 * tasks.  Describes each violation through emit and returns how many.
 * Call it when no task is running.
 */
int sim_check(sim_emit_fn emit, void *ctx);

/* ---- files, the page cache and writeback (sim/fs, mm/filemap.c) ---------- */

/*
 * simfs: files on the machine's one disk.  Each call runs as the task the
 * calling thread runs as (sim_task_enter), like a system call would.
 * Handles are small integers from 3 up, one table for the whole machine;
 * a handle is also what mmap's fd argument takes (sim_syscall(SIM_NR_mmap,
 * addr, len, prot, MAP_SHARED or MAP_PRIVATE, handle, offset)).
 * MAP_SHARED|MAP_ANONYMOUS memory is an unlinked "shmem" file.
 *
 * Flavours (the filesystems whose address_space_operations drive the
 * paths of mm/migrate.c, kernel-2.6.20-reference.md section 4.3):
 *   "ext2"         buffer heads, ->migratepage = buffer_migrate_page
 *   "nomigrate"    ext2 without ->migratepage: fallback_migrate_page,
 *                  writeout() of dirty pages, try_to_release_page
 *   "failmigrate"  ext2 with ->migratepage = fail_migrate_page (-EIO)
 *   "shmem"        tmpfs: ->migratepage = migrate_page, no writeback
 *   "ramdisk"      rd.c: no ->migratepage, ->writepage answers
 *                  AOP_WRITEPAGE_ACTIVATE to reclaim-style writeback
 * All return a negative errno on failure.
 */
#define SIM_FILE_NAME_MAX 31

/* A new (sparse) file of size bytes; its handle, open read-write. */
int sim_file_create(const char *name, const char *flavour,
		    unsigned long long size);
/* Another handle on an existing file; close drops a handle. */
int sim_file_open(const char *name);
int sim_file_close(int fd);
/* Remove the name; the file lives on while handles or mappings hold it. */
int sim_file_unlink(const char *name);
/* Buffered write/read through the page cache: bytes done or -errno. */
long sim_file_write(int fd, unsigned long long off, const void *buf,
		    unsigned long len);
long sim_file_read(int fd, unsigned long long off, void *buf,
		   unsigned long len);
/* Write every dirty page and wait for it; -EIO after a write error. */
int sim_file_fsync(int fd);
/* vmtruncate: unmap the pages beyond size, drop them, free their blocks. */
int sim_file_truncate(int fd, unsigned long long size);
long long sim_file_size(int fd);
/* Pages of the file in the page cache. */
long sim_file_nrpages(int fd);
/* The node of the cached page at index, or -ENOENT if not cached. */
int sim_file_page_node(int fd, unsigned long index);

/*
 * The disk's I/O (block/ll_rw_blk.c).  Requests complete only at
 * well-defined points: at once when the latency is 0 and they are not
 * held; when a task is about to sleep waiting for I/O (it unplugs the
 * disk: every request not held completes and the clock moves to the last
 * completion time); or when the host calls one of these.
 */
/* While on, new writes stay in flight until sim_io_release(). */
void sim_io_hold(int on);
/* Stop holding, complete every request in flight; returns how many. */
int sim_io_release(void);
/* The next n write requests fail with -EIO (PG_error, AS_EIO). */
void sim_io_fail_next(int n);
/* Ticks from submission to completion of each new request (default 0). */
void sim_io_latency(unsigned long long ticks);
/* Complete every request that is not held; returns how many. */
int sim_io_complete_all(void);
/* Complete the requests due by the current tick; returns how many. */
int sim_io_run(void);
long sim_io_in_flight(void);

struct sim_io_stats {
	unsigned long reads, writes, errors, in_flight;
	unsigned long free_blocks, block_size;
};
void sim_io_stats(struct sim_io_stats *st);

/*
 * pdflush (mm/pdflush.c), run when the host decides: write back
 * nr_pages dirty pages of all files, oldest inode first, as 2006's
 * background_writeout did (nr_pages <= 0: all of them; like 2006, the
 * writepage loop finishes the pagevec of up to 14 pages it is in), in a
 * kernel task "pdflush" of its own; returns the pages written.  balance_dirty_pages
 * only requests a run (wakeup_pdflush): sim_writeback_pending() says how
 * many pages were asked for since the last run.
 */
long sim_writeback_run(long nr_pages);
long sim_writeback_pending(void);
/*
 * The periodic (kupdate) mode: every interval ticks (0: off), a call of
 * sim_writeback_tick() writes back everything dirty; it returns the
 * pages written, or 0 when the interval has not passed yet.
 */
void sim_writeback_periodic(unsigned long long interval);
long sim_writeback_tick(void);

/* ---- swap and reclaim (mm/swapfile.c, mm/swap_state.c, mm/vmscan.c) ---- */

/*
 * Add a swap device of 'pages' pages (swapon): slots on the simulated
 * block device, 'pages' usable ones (the device has one page more, the
 * header).  One device at most.  Returns 0 or a negative errno (-EINVAL,
 * -EBUSY when swap is already on, -ENOSPC when the disk has no room).
 */
int sim_swap_on(unsigned long pages);
/* Free and total swap slots. */
long sim_swap_free(void);
long sim_swap_total(void);

/*
 * Reclaim as a memory-starved kernel would: a shrink_list pass over the
 * inactive lists of node nid (-1: every node) trying to free nr pages;
 * anonymous pages are added to the swap cache, unmapped to swap entries
 * and written out.  Returns the number of pages freed (-EINVAL for a bad
 * node).  (2006's shrink_all_memory passes: inactive lists first, then
 * active ones, mapped and anonymous pages last.)
 */
long sim_reclaim(int nid, long nr);

/*
 * Push one task's pages in [addr, addr+len) out to swap (as reclaim would
 * if it picked exactly these): 0, or a negative errno (-ESRCH, -ENOSPC
 * when swap is off).  Pages whose write is still in flight (latency,
 * held I/O) stay in the swap cache, unmapped, until a later reclaim.
 */
long sim_swap_out(int pid, unsigned long addr, unsigned long len);

/* ---- cpusets (kernel/cpuset.c) ---------------------------------------- */

/*
 * Write the "mems" file of task pid's cpuset, as 2006's update_nodemask()
 * did, with the cpuset's memory_migrate flag set to memory_migrate first.
 * The task gets a cpuset of its own the first time (its current nodes);
 * there is no hierarchy.  The new nodes (mask, restricted to the online
 * ones) become the cpuset's at once and the task's mems_allowed at its
 * next allocation or memory-policy call (cpuset_update_task_memory_state,
 * which also rebinds its task policy); the policies of its vmas are
 * rebound now (mpol_rebind_mm); with memory_migrate its pages move too:
 * do_migrate_pages(mm, old, new, MPOL_MF_MOVE_ALL), allocating as the
 * caller with the caller's mems_allowed set to the new nodes for the
 * duration (cpuset_migrate_mm; its result is ignored, as in 2006).
 * Returns 0, -ESRCH (no such task), -EACCES (pid 0: the top cpuset) or
 * -ENOSPC (no online node in mask).
 */
int sim_cpuset_set_mems(int pid, unsigned long long mask, int memory_migrate);
/* The nodes of task pid's cpuset (its mems_allowed while it has none). */
long long sim_cpuset_mems(int pid);

/* ---- deliberately wrong kernel code (kernel/mmsim/selftest.c) ------------ */

/*
 * Run the named misbehaviour as the current task: "sleep_under_spinlock"
 * (down_read under a spinlock), "abba_ab" and "abba_ba" (the two halves of
 * an ABBA deadlock on two rw_semaphores, to run in two tasks), "bug"
 * (BUG()), "null_pointer" (a wild store).  The engine reports each the
 * way 2006 would, and the run ends with status 3.  For the detectors:
 * "slab_use_after_free" (a vma read after its free) and
 * "slab_double_free" (kfree twice) need --detect kasan and return
 * -ENODEV without it; "slab_rcu_read_after_free" is correct code (an
 * anon_vma locked under rcu_read_lock() after its free) that must pass.  -EINVAL for an unknown
 * name; sim_selftests lists the names.
 */
int sim_selftest(const char *name);
extern const char *const sim_selftests[];

#endif /* _SIM_KERNEL_H */
