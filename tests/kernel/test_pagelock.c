/*
 * tests/kernel/test_pagelock.c - the page lock and page bit waits of
 * mm/filemap.c with real threads: lock_page sleeps until the holder
 * unlocks, calling ->sync_page while it waits; wait_on_page_locked and
 * wait_on_page_writeback return once the bit is cleared and woken.
 * (unlock_page of an unlocked page BUGs; a ktest cannot assert an oops,
 * so that one is not tested here.)
 */
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/sched.h>
#include <sim/kernel.h>
#include <sim/ktest.h>

static void boot(void)
{
	struct sim_machine_config cfg;
	char err[256];

	sim_machine_defaults(&cfg, 2, 64 << 20);
	KT_ASSERT_MSG(sim_kernel_boot(&cfg, err, sizeof(err)) == 0, "boot: %s",
		      err);
}

static int kthread_on(const char *name, int cpu)
{
	struct sim_task_config tc = {.name = name, .cpu = cpu};
	int pid = sim_task_create(&tc, 1);

	KT_ASSERT_MSG(pid > 0, "task %s: %d", name, pid);
	return pid;
}

static struct page *new_page(void)
{
	struct page *page = alloc_pages_node(0, GFP_HIGHUSER, 0);

	KT_ASSERT_NONNULL(page);
	return page;
}

/* Let other tasks run until *flag reaches at least v. */
static void wait_for(volatile unsigned long *flag, unsigned long v)
{
	while (__atomic_load_n(flag, __ATOMIC_ACQUIRE) < v)
		sim_cond_resched();
}

static void wait_for_event(const char *event, unsigned long v)
{
	while (sim_event_count(event) < v)
		sim_cond_resched();
}

struct locker {
	int pid;
	struct page *page;
	volatile unsigned long unlocked; /* set by main before unlock */
	volatile unsigned long saw_unlocked; /* what the waiter saw */
	volatile unsigned long done;
};

static void second_locker(void *arg)
{
	struct locker *l = arg;

	sim_task_enter(l->pid);
	lock_page(l->page);
	l->saw_unlocked = __atomic_load_n(&l->unlocked, __ATOMIC_ACQUIRE);
	unlock_page(l->page);
	__atomic_store_n(&l->done, 1, __ATOMIC_RELEASE);
}

KTEST(lock_page_blocks_until_the_holder_unlocks)
{
	static struct locker l;
	long t;

	boot();
	l.page = new_page();
	l.pid = kthread_on("locker", 1);
	lock_page(l.page);
	KT_ASSERT(PageLocked(l.page));

	t = sim_thread_spawn("locker", l.pid, 1, second_locker, &l);
	wait_for_event("lock_page_wait", 1); /* it is waiting for us */
	KT_ASSERT_INT_EQ(l.done, 0);
	__atomic_store_n(&l.unlocked, 1, __ATOMIC_RELEASE);
	unlock_page(l.page);
	sim_thread_join(t);

	KT_ASSERT_INT_EQ(l.saw_unlocked, 1);
	KT_ASSERT_INT_EQ(l.done, 1);
	KT_ASSERT(!PageLocked(l.page));
}

KTEST(lock_page_of_an_unlocked_page_does_not_sleep)
{
	struct page *page;

	boot();
	page = new_page();
	lock_page(page);
	KT_ASSERT(PageLocked(page));
	unlock_page(page);
	KT_ASSERT(!PageLocked(page));
	/* __lock_page itself takes a lock that was freed meanwhile */
	__lock_page(page);
	KT_ASSERT(PageLocked(page));
	unlock_page(page);
	KT_ASSERT_INT_EQ(sim_event_count("lock_page_wait"), 0);
}

static volatile unsigned long sync_calls;

static void count_sync_page(struct page *page)
{
	__atomic_add_fetch(&sync_calls, 1, __ATOMIC_RELEASE);
}

static const struct address_space_operations sync_aops = {
	.sync_page = count_sync_page,
};

KTEST(lock_page_calls_the_mappings_sync_page_before_sleeping)
{
	static struct locker l;
	static struct address_space mapping = {.a_ops = &sync_aops};
	long t;

	boot();
	l.page = new_page();
	l.page->mapping = &mapping;
	l.pid = kthread_on("locker", 1);
	lock_page(l.page);

	t = sim_thread_spawn("locker", l.pid, 1, second_locker, &l);
	wait_for(&sync_calls, 1); /* the waiter kicked the "device" */
	KT_ASSERT_INT_EQ(l.done, 0);
	__atomic_store_n(&l.unlocked, 1, __ATOMIC_RELEASE);
	unlock_page(l.page);
	sim_thread_join(t);
	KT_ASSERT_INT_EQ(l.saw_unlocked, 1);
	l.page->mapping = NULL;
}

struct waiter {
	int pid;
	struct page *page;
	volatile unsigned long done;
};

static void writeback_waiter(void *arg)
{
	struct waiter *w = arg;

	sim_task_enter(w->pid);
	wait_on_page_writeback(w->page);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
}

KTEST(wait_on_page_writeback_returns_when_writeback_ends_and_wakes)
{
	static struct waiter w;
	long t;

	boot();
	w.page = new_page();
	w.pid = kthread_on("waiter", 1);
	SetPageWriteback(w.page);

	t = sim_thread_spawn("waiter", w.pid, 1, writeback_waiter, &w);
	wait_for_event("wait_on_page_bit", 1);
	KT_ASSERT_INT_EQ(w.done, 0);
	/* what end_page_writeback does */
	ClearPageWriteback(w.page);
	wake_up_page(w.page, PG_writeback);
	sim_thread_join(t);
	KT_ASSERT_INT_EQ(w.done, 1);
}

static void locked_waiter(void *arg)
{
	struct waiter *w = arg;

	sim_task_enter(w->pid);
	wait_on_page_locked(w->page);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
}

KTEST(wait_on_page_locked_returns_after_unlock_without_taking_the_lock)
{
	static struct waiter w;
	long t;

	boot();
	w.page = new_page();
	w.pid = kthread_on("waiter", 1);
	lock_page(w.page);

	t = sim_thread_spawn("waiter", w.pid, 1, locked_waiter, &w);
	wait_for_event("wait_on_page_bit", 1);
	KT_ASSERT_INT_EQ(w.done, 0);
	unlock_page(w.page);
	sim_thread_join(t);
	KT_ASSERT_INT_EQ(w.done, 1);
	KT_ASSERT(!PageLocked(w.page));
}

KTEST(wait_on_page_bit_of_a_clear_bit_returns_at_once)
{
	struct page *page;

	boot();
	page = new_page();
	wait_on_page_writeback(page);
	wait_on_page_bit(page, PG_locked);
	KT_ASSERT_INT_EQ(sim_event_count("wait_on_page_bit"), 0);
}
