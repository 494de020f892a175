/*
 * sim/engine/strategy.h - who runs at a scheduling point, when it is not
 * PCT's plain priority order (strategy.c): random choices, a forced
 * schedule, and the log of every choice made.
 *
 * The seeded scheduler (seeded.c) keeps PCT's priorities; at each point
 * with runnable tasks it asks eng_strategy_choose() when
 * eng_strategy_active() says a strategy other than plain PCT is in
 * force (or the choices are being logged).  No stand-in for a 2006 file:
 * 2.6.20's scheduler is kernel/sched.c, which the simulation replaces.
 */
#ifndef _SIM_ENGINE_STRATEGY_H
#define _SIM_ENGINE_STRATEGY_H

/* A runnable task at a scheduling point, in spawn order. */
struct eng_cand {
	int pid;
	const char *name;
};

extern int eng_strategy_on, eng_strategy_not_pct;
static inline int eng_strategy_active(void)
{
	return eng_strategy_on;
}

/* PCT's priorities decide nothing (random, forced): its change points
 * are not worth a trace line. */
static inline int eng_strategy_replaces_pct(void)
{
	return eng_strategy_not_pct;
}

/* A new seeded run starts: the PRNG, the forced schedule's cursor. */
/* The random strategy's PRNG from here on (a scenario's fork point). */
void eng_strategy_reseed(unsigned long long seed);
void eng_strategy_reset(void);

/*
 * The index in c[0..n-1] of the task to run at this step.  self is the
 * pid of the task at the point (-1: none), cur its index when it could
 * go on (choosing another is a preemption), -1 when it blocked or
 * exited; pct is PCT's choice.
 */
int eng_strategy_choose(unsigned long step, int self, const struct eng_cand *c,
			int n, int cur, int pct);

#endif /* _SIM_ENGINE_STRATEGY_H */
