/*
 * lib/radix-tree-test.c - the kernel side of include/sim/radix_test.h:
 * the radix tree driven one operation at a time for host-world tests (a
 * GLib oracle) and benchmarks, and a stress run of one writer against RCU
 * readers on real threads.
 *
 * Not a part of 2.6.20: test support only, kept beside lib/radix-tree.c
 * because it is compiled as the kernel is (it sees struct
 * radix_tree_root, spinlocks, RCU and kmalloc).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/radix-tree.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <sim/door.h>
#include <sim/kernel.h>
#include <sim/radix_test.h>

/*
 * Writers take the tree's lock: a spinlock over a GFP_ATOMIC root, as
 * mapping->tree_lock; a mutex over a GFP_KERNEL root, whose node
 * allocations may sleep.
 */
struct sim_radix {
	struct radix_tree_root root;
	spinlock_t lock;
	struct mutex mutex;
	int kind;
};

static void writer_lock(struct sim_radix *r)
{
	if (r->kind == SIM_RADIX_KERNEL)
		mutex_lock(&r->mutex);
	else
		spin_lock(&r->lock);
}

static void writer_unlock(struct sim_radix *r)
{
	if (r->kind == SIM_RADIX_KERNEL)
		mutex_unlock(&r->mutex);
	else
		spin_unlock(&r->lock);
}

/* ---- one operation at a time ----------------------------------------------- */

struct sim_radix *sim_radix_new(int kind)
{
	struct sim_radix *r = kzalloc(sizeof(*r), GFP_KERNEL);

	BUG_ON(!r);
	INIT_RADIX_TREE(&r->root,
			kind == SIM_RADIX_KERNEL ? GFP_KERNEL : GFP_ATOMIC);
	spin_lock_init(&r->lock);
	mutex_init(&r->mutex);
	r->kind = kind;
	return r;
}

void sim_radix_free(struct sim_radix *r)
{
	BUG_ON(r->root.rnode || r->root.height);
	kfree(r);
}

static int radix_insert(struct sim_radix *r, unsigned long index, void *item)
{
	int err;

	if (r->kind == SIM_RADIX_PAGECACHE) {
		err = radix_tree_preload(GFP_KERNEL);
		if (err)
			return err;
	}
	writer_lock(r);
	err = radix_tree_insert(&r->root, index, item);
	writer_unlock(r);
	if (r->kind == SIM_RADIX_PAGECACHE)
		radix_tree_preload_end();
	return err;
}

int sim_radix_insert(struct sim_radix *r, unsigned long index, void *item)
{
	return radix_insert(r, index, item);
}

void *sim_radix_lookup(struct sim_radix *r, unsigned long index)
{
	void *item;

	rcu_read_lock();
	item = radix_tree_lookup(&r->root, index);
	rcu_read_unlock();
	return item;
}

void *sim_radix_delete(struct sim_radix *r, unsigned long index)
{
	void *item;

	writer_lock(r);
	item = radix_tree_delete(&r->root, index);
	writer_unlock(r);
	return item;
}

int sim_radix_tag_set(struct sim_radix *r, unsigned long index,
		      unsigned int tag)
{
	int ret = 0;

	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	writer_lock(r);
	if (radix_tree_lookup(&r->root, index))
		radix_tree_tag_set(&r->root, index, tag);
	else
		ret = -ENOENT;
	writer_unlock(r);
	return ret;
}

void *sim_radix_tag_clear(struct sim_radix *r, unsigned long index,
			  unsigned int tag)
{
	void *item;

	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	writer_lock(r);
	item = radix_tree_tag_clear(&r->root, index, tag);
	writer_unlock(r);
	return radix_tree_direct_to_ptr(item);
}

int sim_radix_tag_get(struct sim_radix *r, unsigned long index,
		      unsigned int tag)
{
	int ret;

	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	rcu_read_lock();
	ret = radix_tree_tag_get(&r->root, index, tag);
	rcu_read_unlock();
	return ret;
}

int sim_radix_tagged(struct sim_radix *r, unsigned int tag)
{
	return radix_tree_tagged(&r->root, tag) != 0;
}

unsigned int sim_radix_gang_lookup(struct sim_radix *r, void **results,
				   unsigned long first, unsigned int max)
{
	unsigned int nr;

	rcu_read_lock();
	nr = radix_tree_gang_lookup(&r->root, results, first, max);
	rcu_read_unlock();
	return nr;
}

unsigned int sim_radix_gang_lookup_tag(struct sim_radix *r, void **results,
				       unsigned long first, unsigned int max,
				       unsigned int tag)
{
	unsigned int nr;

	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	rcu_read_lock();
	nr = radix_tree_gang_lookup_tag(&r->root, results, first, max, tag);
	rcu_read_unlock();
	return nr;
}

unsigned int sim_radix_height(struct sim_radix *r)
{
	return r->root.height;
}

unsigned long sim_radix_maxindex(unsigned int height)
{
	return radix_tree_sim_maxindex(height);
}

long sim_radix_check(struct sim_radix *r, const char **why)
{
	long nodes;

	writer_lock(r);
	nodes = radix_tree_sim_check(&r->root, why);
	writer_unlock(r);
	return nodes;
}

unsigned long sim_radix_node_objects(void)
{
	rcu_barrier();
	return radix_tree_sim_node_objects();
}

/* ---- the stress run ------------------------------------------------------ */

#define NR_CLASSES 4
#define PER_CLASS 64
#define GANG_MAX 16

#define ITEM_LIVE 0x11fe11fe11fe11feUL
#define ITEM_DEAD 0xdeadbeefdeadbeefUL

/*
 * The indices the writer uses and the readers probe, in four disjoint
 * classes: small (0..63: height 0 or 1), medium (64..258301: height 3),
 * huge (up to 2^62: height 10 or 11) and next to ~0UL (height 11).
 */
static unsigned long index_of(int class, unsigned int k)
{
	switch (class) {
	case 0:
		return k;
	case 1:
		return (unsigned long)k * 4099 + 64;
	case 2:
		return ((unsigned long)(k + 1) << 56) | (k * 3UL);
	default:
		return ~0UL - (unsigned long)k * 65;
	}
}

/* May the item at index carry tag t?  The writer only ever sets it so. */
static int tag_allowed(unsigned long index, unsigned int tag)
{
	return ((index * 0x9e3779b97f4a7c15UL) >> (60 + tag)) & 1;
}

static unsigned long item_check(unsigned long index)
{
	return (index * 0x2545f4914f6cdd1dUL) ^ 0xc0ffee0ddf00dUL;
}

struct rt_item {
	unsigned long index;
	unsigned long check;
	unsigned long magic;
	struct rcu_head rcu;
};

static void item_rcu_free(struct rcu_head *head)
{
	struct rt_item *item = container_of(head, struct rt_item, rcu);

	item->magic = ITEM_DEAD;
	item->check = 0;
	item->index = 0;
	kfree(item);
}

struct rt_reader {
	struct sim_radix_stress_run *run;
	int nr;
	int pid;
	long thread;
};

struct sim_radix_stress_run {
	struct sim_radix_stress *s;
	struct sim_radix *r;
	int stop;
	int error_taken;
	unsigned long errors;
	unsigned long nodes_before;
	int writer_pid;
	long writer_thread;
	struct rt_reader readers[SIM_RADIX_MAX_READERS];
	/* the writer's own view */
	struct rt_item *items[NR_CLASSES][PER_CLASS];
	unsigned int last_height;
};

static unsigned long long rng_next(unsigned long long *state)
{
	unsigned long long x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static void stress_error(struct sim_radix_stress_run *run, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void stress_error(struct sim_radix_stress_run *run, const char *fmt, ...)
{
	va_list ap;
	int expected = 0;

	__atomic_add_fetch(&run->errors, 1, __ATOMIC_RELAXED);
	if (!__atomic_compare_exchange_n(&run->error_taken, &expected, 1, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return;
	va_start(ap, fmt);
	vsnprintf(run->s->first_error, sizeof(run->s->first_error), fmt, ap);
	va_end(ap);
}

/* ---- writer ---- */

static void note_height(struct sim_radix_stress_run *run)
{
	struct sim_radix_stress *s = run->s;
	unsigned int h = run->r->root.height;

	if (h != run->last_height)
		s->height_changes++;
	run->last_height = h;
	if (h < s->min_height)
		s->min_height = h;
	if (h > s->max_height)
		s->max_height = h;
	if (radix_tree_is_direct_ptr(run->r->root.rnode))
		s->direct_roots++;
}

static void writer_insert(struct sim_radix_stress_run *run, int class,
			  unsigned int k)
{
	unsigned long index = index_of(class, k);
	struct rt_item *item = kmalloc(sizeof(*item), GFP_KERNEL);
	int err;

	BUG_ON(!item);
	item->index = index;
	item->check = item_check(index);
	item->magic = ITEM_LIVE;
	err = radix_insert(run->r, index, item);
	if (err) {
		stress_error(run, "writer: insert at %#lx: %d", index, err);
		kfree(item);
		return;
	}
	run->items[class][k] = item;
	run->s->writer_ops++;
	note_height(run);
}

static void writer_delete(struct sim_radix_stress_run *run, int class,
			  unsigned int k)
{
	unsigned long index = index_of(class, k);
	struct rt_item *item = run->items[class][k];
	void *got;

	got = sim_radix_delete(run->r, index);
	if (got != item)
		stress_error(run, "writer: delete at %#lx gave %p, not %p",
			     index, got, item);
	run->items[class][k] = NULL;
	if (item)
		call_rcu(&item->rcu, item_rcu_free);
	run->s->writer_ops++;
	note_height(run);
}

/* Set or clear a tag on a random present item of the round's classes. */
static void writer_tag(struct sim_radix_stress_run *run, int ca, int cb,
		       unsigned long long *rng)
{
	unsigned long long x = rng_next(rng);
	int class = (x & 1) ? ca : cb;
	unsigned int k = (x >> 8) % PER_CLASS;
	unsigned int tag = (x >> 16) & 1;
	unsigned long index = index_of(class, k);

	if (!run->items[class][k])
		return;
	writer_lock(run->r);
	if ((x >> 20) & 1) {
		if (tag_allowed(index, tag))
			radix_tree_tag_set(&run->r->root, index, tag);
	} else {
		radix_tree_tag_clear(&run->r->root, index, tag);
	}
	writer_unlock(run->r);
	run->s->writer_ops++;
}

/*
 * One round: a random subset of two classes inserted in a random order,
 * tags set and cleared among them, then everything deleted in another
 * random order.  The tree grows from empty (or a direct pointer) to the
 * height of the larger class and shrinks back to empty.
 */
static void writer_round(struct sim_radix_stress_run *run,
			 unsigned long long *rng)
{
	unsigned int order[2 * PER_CLASS];
	unsigned int n = 0, i, j, density;
	int ca = rng_next(rng) % NR_CLASSES;
	int cb = rng_next(rng) % NR_CLASSES;

	/* sparse rounds too: a single item, the root pointing at it */
	density = 1 + rng_next(rng) % 64;
	for (i = 0; i < 2 * PER_CLASS; i++) {
		int class = i < PER_CLASS ? ca : cb;

		if (class == ca && i >= PER_CLASS)
			continue;
		if (rng_next(rng) % 64 < density)
			order[n++] = i;
	}
	for (i = n; i > 1; i--) {
		unsigned int t;

		j = rng_next(rng) % i;
		t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
	for (i = 0; i < n; i++) {
		int class = order[i] < PER_CLASS ? ca : cb;

		writer_insert(run, class, order[i] % PER_CLASS);
		if (rng_next(rng) % 4 == 0)
			writer_tag(run, ca, cb, rng);
	}
	for (i = 0; i < n; i++)
		writer_tag(run, ca, cb, rng);
	for (i = n; i > 1; i--) {
		unsigned int t;

		j = rng_next(rng) % i;
		t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
	for (i = 0; i < n; i++) {
		int class = order[i] < PER_CLASS ? ca : cb;

		writer_delete(run, class, order[i] % PER_CLASS);
		if (rng_next(rng) % 4 == 0)
			writer_tag(run, ca, cb, rng);
	}
	run->s->rounds++;
}

static void writer_main(void *arg)
{
	struct sim_radix_stress_run *run = arg;
	unsigned long long rng = run->s->seed * 2 + 1;

	sim_task_enter(run->writer_pid);
	while (!__atomic_load_n(&run->stop, __ATOMIC_ACQUIRE))
		writer_round(run, &rng);
}

/* ---- readers ---- */

static int item_ok(struct sim_radix_stress_run *run, struct rt_item *item,
		   const char *what)
{
	unsigned long index = item->index;

	if (item->magic != ITEM_LIVE || item->check != item_check(index)) {
		stress_error(run,
			     "%s: item %p is not a live item: index %#lx "
			     "check %#lx magic %#lx",
			     what, item, index, item->check, item->magic);
		return 0;
	}
	return 1;
}

static void reader_gang(struct sim_radix_stress_run *run, struct rt_reader *rd,
			unsigned long long x)
{
	void *results[GANG_MAX];
	unsigned long first =
		index_of((x >> 8) % NR_CLASSES, (x >> 16) % PER_CLASS);
	unsigned int nr, i, max = 1 + (x >> 24) % GANG_MAX;
	int tagged = (x >> 32) & 1;
	unsigned int tag = (x >> 33) & 1;
	unsigned long prev = 0;

	if ((x >> 34) % 4 == 0)
		first = 0;
	rcu_read_lock();
	if (tagged)
		nr = radix_tree_gang_lookup_tag(&run->r->root, results, first,
						max, tag);
	else
		nr = radix_tree_gang_lookup(&run->r->root, results, first, max);
	if (nr > max)
		stress_error(run, "gang lookup: %u items for at most %u", nr,
			     max);
	for (i = 0; i < nr && i < max; i++) {
		struct rt_item *item = results[i];

		if (!item) {
			stress_error(run, "gang lookup: NULL result %u", i);
			break;
		}
		if (!item_ok(run, item, "gang lookup"))
			break;
		if (item->index < first || (i && item->index <= prev)) {
			stress_error(run,
				     "gang lookup from %#lx: item %u at "
				     "%#lx after %#lx",
				     first, i, item->index, prev);
			break;
		}
		if (tagged && !tag_allowed(item->index, tag)) {
			stress_error(run,
				     "gang lookup tag %u: item at %#lx "
				     "never carries it",
				     tag, item->index);
			break;
		}
		prev = item->index;
	}
	if (radix_tree_tag_get(&run->r->root, first, tag) &&
	    !tag_allowed(first, tag))
		stress_error(run, "tag_get %u at %#lx: set, but never is", tag,
			     first);
	rcu_read_unlock();
	run->s->gang_lookups[rd->nr]++;
	run->s->gang_items[rd->nr] += nr;
}

static void reader_main(void *arg)
{
	struct rt_reader *rd = arg;
	struct sim_radix_stress_run *run = rd->run;
	struct sim_radix_stress *s = run->s;
	unsigned long long rng = (s->seed + rd->nr + 1) * 0x9e3779b97f4a7c15ULL;
	unsigned long lookups = 0, hits = 0;

	sim_task_enter(rd->pid);
	if (!rng)
		rng = 1;
	while (!__atomic_load_n(&run->stop, __ATOMIC_ACQUIRE)) {
		unsigned long long x = rng_next(&rng);
		unsigned long index =
			index_of(x % NR_CLASSES, (x >> 2) % PER_CLASS);
		struct rt_item *item;

		rcu_read_lock();
		item = radix_tree_lookup(&run->r->root, index);
		if (item) {
			hits++;
			if (item_ok(run, item, "lookup") &&
			    item->index != index)
				stress_error(run,
					     "lookup at %#lx found the "
					     "item of %#lx",
					     index, item->index);
		}
		rcu_read_unlock();
		lookups++;
		if (s->gang_every && lookups % s->gang_every == 0)
			reader_gang(run, rd, rng_next(&rng));
	}
	s->lookups[rd->nr] = lookups;
	s->hits[rd->nr] = hits;
}

static int stress_kthread(const char *name, int cpu)
{
	struct sim_task_config tc = {.name = name, .cpu = cpu};

	return sim_task_create(&tc, 1);
}

static const char *const reader_names[SIM_RADIX_MAX_READERS] = {
	"rt_reader0", "rt_reader1", "rt_reader2", "rt_reader3",
	"rt_reader4", "rt_reader5", "rt_reader6", "rt_reader7",
};

struct sim_radix_stress_run *sim_radix_stress_start(struct sim_radix_stress *s)
{
	struct sim_radix_stress_run *run;
	int i, cpus = sim_nr_cpus();

	if (s->nr_readers < 1 || s->nr_readers > SIM_RADIX_MAX_READERS)
		return NULL;
	run = kzalloc(sizeof(*run), GFP_KERNEL);
	if (!run)
		return NULL;
	memset(s->lookups, 0, sizeof(s->lookups));
	memset(s->hits, 0, sizeof(s->hits));
	memset(s->gang_lookups, 0, sizeof(s->gang_lookups));
	memset(s->gang_items, 0, sizeof(s->gang_items));
	s->writer_ops = s->rounds = s->height_changes = 0;
	s->direct_roots = s->errors = 0;
	s->min_height = ~0U;
	s->max_height = 0;
	s->leaked_nodes = 0;
	s->first_error[0] = 0;
	run->s = s;
	run->r = sim_radix_new(SIM_RADIX_PAGECACHE);
	run->nodes_before = sim_radix_node_objects();

	run->writer_pid = stress_kthread("rt_writer", 0);
	if (run->writer_pid < 0)
		return NULL;
	for (i = 0; i < s->nr_readers; i++) {
		struct rt_reader *rd = &run->readers[i];
		int cpu = cpus > 1 ? 1 + i % (cpus - 1) : 0;

		rd->run = run;
		rd->nr = i;
		rd->pid = stress_kthread(reader_names[i], cpu);
		if (rd->pid < 0)
			return NULL;
		rd->thread = sim_thread_spawn(reader_names[i], rd->pid, cpu,
					      reader_main, rd);
	}
	run->writer_thread = sim_thread_spawn("rt_writer", run->writer_pid, 0,
					      writer_main, run);
	return run;
}

void sim_radix_stress_stop(struct sim_radix_stress_run *run)
{
	struct sim_radix_stress *s = run->s;
	const char *why = NULL;
	long nodes;
	int i;

	__atomic_store_n(&run->stop, 1, __ATOMIC_RELEASE);
	sim_thread_join(run->writer_thread);
	for (i = 0; i < s->nr_readers; i++)
		sim_thread_join(run->readers[i].thread);

	if (run->r->root.rnode || run->r->root.height)
		stress_error(run, "the writer left a tree of height %u",
			     run->r->root.height);
	nodes = sim_radix_check(run->r, &why);
	if (nodes < 0)
		stress_error(run, "final check: %s", why);
	s->leaked_nodes = (long)(sim_radix_node_objects() - run->nodes_before);
	if (s->leaked_nodes)
		stress_error(run, "%ld radix-tree nodes leaked",
			     s->leaked_nodes);
	if (s->min_height == ~0U)
		s->min_height = 0;
	s->errors = __atomic_load_n(&run->errors, __ATOMIC_RELAXED);
	if (!run->r->root.rnode)
		sim_radix_free(run->r);
	kfree(run);
}
