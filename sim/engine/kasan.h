/*
 * sim/engine/kasan.h - slab use-after-free detection (kasan.c).
 *
 * Exports nothing to the other pieces: the kernel world reaches it through
 * <sim/door.h> (sim_kasan_*), the CLI through engine.h
 * (sim_engine_set_kasan); the oops handler through the fault explainer it
 * registers with report.  The header is the piece's own.
 */
#ifndef _SIM_ENGINE_KASAN_H
#define _SIM_ENGINE_KASAN_H

#endif /* _SIM_ENGINE_KASAN_H */
