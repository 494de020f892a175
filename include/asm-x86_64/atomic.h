/*
 * asm-x86_64/atomic.h - atomic_t (2.6.20 API), on the compiler's __atomic
 * builtins, which compile to the same locked instructions.
 *
 * mmsim: the value-returning operations are fully ordered in Linux (the
 * non-returning ones, atomic_inc and friends, order nothing); each tells
 * the data-race detector (--detect kcsan) so with sim_hb_rmw, which
 * orders it after every earlier ordered operation on the same counter:
 * the put_page that frees a page comes after every other put_page.
 */
#ifndef __ARCH_X86_64_ATOMIC__
#define __ARCH_X86_64_ATOMIC__

#include <linux/compiler.h>

typedef struct {
	volatile int counter;
} atomic_t;

typedef struct {
	volatile long counter;
} atomic64_t;

/* asm-generic/atomic.h: long-sized atomics */
typedef struct {
	volatile long counter;
} atomic_long_t;

#define ATOMIC_INIT(i) \
	{              \
		(i)    \
	}
#define atomic_read(v) __atomic_load_n(&(v)->counter, __ATOMIC_RELAXED)
#define atomic_set(v, i) __atomic_store_n(&(v)->counter, (i), __ATOMIC_RELAXED)

static inline void atomic_add(int i, atomic_t *v)
{
	__atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline void atomic_sub(int i, atomic_t *v)
{
	__atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline void atomic_inc(atomic_t *v)
{
	atomic_add(1, v);
}

static inline void atomic_dec(atomic_t *v)
{
	atomic_sub(1, v);
}

static inline int atomic_add_return(int i, atomic_t *v)
{
	sim_hb_rmw(&v->counter);
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline int atomic_sub_return(int i, atomic_t *v)
{
	sim_hb_rmw(&v->counter);
	return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

#define atomic_inc_return(v) atomic_add_return(1, v)
#define atomic_dec_return(v) atomic_sub_return(1, v)
#define atomic_inc_and_test(v) (atomic_add_return(1, v) == 0)
#define atomic_dec_and_test(v) (atomic_sub_return(1, v) == 0)
#define atomic_sub_and_test(i, v) (atomic_sub_return(i, v) == 0)
#define atomic_add_negative(i, v) (atomic_add_return(i, v) < 0)

static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	if (__atomic_compare_exchange_n(&v->counter, &old, new, 0,
					__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		sim_hb_rmw(&v->counter); /* a failed cmpxchg orders nothing */
	return old;
}

static inline int atomic_xchg(atomic_t *v, int new)
{
	sim_hb_rmw(&v->counter);
	return __atomic_exchange_n(&v->counter, new, __ATOMIC_SEQ_CST);
}

/* Add a to v unless v is u; returns non-zero if it added. */
static inline int atomic_add_unless(atomic_t *v, int a, int u)
{
	int c = atomic_read(v);
	while (c != u) {
		if (__atomic_compare_exchange_n(&v->counter, &c, c + a, 0,
						__ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST)) {
			sim_hb_rmw(&v->counter);
			return 1;
		}
	}
	return 0;
}
#define atomic_inc_not_zero(v) atomic_add_unless((v), 1, 0)

#define atomic64_read(v) __atomic_load_n(&(v)->counter, __ATOMIC_RELAXED)
#define atomic64_set(v, i) \
	__atomic_store_n(&(v)->counter, (i), __ATOMIC_RELAXED)
#define atomic64_add(i, v) \
	__atomic_fetch_add(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic64_sub(i, v) \
	__atomic_fetch_sub(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic64_inc(v) atomic64_add(1, v)
#define atomic64_dec(v) atomic64_sub(1, v)

#define smp_mb__before_atomic_dec() barrier()
#define smp_mb__after_atomic_dec() barrier()
#define smp_mb__before_atomic_inc() barrier()
#define smp_mb__after_atomic_inc() barrier()

#endif
