/*
 * sim/engine/kcsan.h - happens-before for the data-race detector
 * (kcsan.c), for the primitives above it: locks, wait queues, threads.
 *
 * A release puts the task's vector clock into the object (lock word, wait
 * key, task); an acquire takes it.  One load when the detector is off.
 */
#ifndef _SIM_ENGINE_KCSAN_H
#define _SIM_ENGINE_KCSAN_H

void eng_hb_release(const volatile void *key);
void eng_hb_acquire(const volatile void *key);

#endif /* _SIM_ENGINE_KCSAN_H */
