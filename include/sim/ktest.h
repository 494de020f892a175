/*
 * include/sim/ktest.h - unit tests written in the kernel world.
 *
 * Tests of kernel internals must see struct page and friends, so they are
 * compiled like the files of mm/.  Each KTEST(name) lands in the "mmsim_ktests"
 * section; the host-world runner (tests/unit/ktest_main.c) turns every one
 * into a Check test case, grouped in a suite per source file, each run in
 * a forked child with a freshly booted machine.
 */
#ifndef _SIM_KTEST_H
#define _SIM_KTEST_H

#include <sim/door.h>

struct ktest {
	const char *file;
	const char *name;
	void (*fn)(int _i);
	int line;
};

#define KTEST(name_)                                                           \
	static void kt_##name_(int _i);                                        \
	static const struct ktest kt_desc_##name_                              \
		__attribute__((used, section("mmsim_ktests"), aligned(8))) = { \
			__FILE__, #name_, kt_##name_, __LINE__};               \
	static void kt_##name_(int _i __attribute__((unused)))

/* Reports through Check: the failing file, line and message. */
void sim_ktest_fail(const char *file, int line, const char *fmt, ...)
	SIM_PRINTF(3, 4) SIM_NORETURN;

#define KT_ASSERT(expr)                                                       \
	((expr) ? (void)0                                                     \
		: sim_ktest_fail(__FILE__, __LINE__, "assertion '%s' failed", \
				 #expr))
#define KT_ASSERT_MSG(expr, ...) \
	((expr) ? (void)0 : sim_ktest_fail(__FILE__, __LINE__, __VA_ARGS__))
#define KT_ASSERT_INT_EQ(a, b)                                               \
	do {                                                                 \
		long long _a = (long long)(a), _b = (long long)(b);          \
		if (_a != _b)                                                \
			sim_ktest_fail(__FILE__, __LINE__,                   \
				       "%s == %s: %lld != %lld", #a, #b, _a, \
				       _b);                                  \
	} while (0)
#define KT_ASSERT_UINT_EQ(a, b)                                                \
	do {                                                                   \
		unsigned long long _a = (a), _b = (b);                         \
		if (_a != _b)                                                  \
			sim_ktest_fail(__FILE__, __LINE__,                     \
				       "%s == %s: %#llx != %#llx", #a, #b, _a, \
				       _b);                                    \
	} while (0)
#define KT_ASSERT_PTR_EQ(a, b)                                                \
	do {                                                                  \
		const void *_a = (a), *_b = (b);                              \
		if (_a != _b)                                                 \
			sim_ktest_fail(__FILE__, __LINE__,                    \
				       "%s == %s: %p != %p", #a, #b, _a, _b); \
	} while (0)
#define KT_ASSERT_NULL(a) KT_ASSERT_PTR_EQ(a, (void *)0)
#define KT_ASSERT_NONNULL(a) KT_ASSERT_MSG((a) != (void *)0, "%s is NULL", #a)

/* Print a measured figure from a test ("key=value"), for the logs. */
void sim_ktest_note(const char *fmt, ...) SIM_PRINTF(1, 2);

#endif /* _SIM_KTEST_H */
