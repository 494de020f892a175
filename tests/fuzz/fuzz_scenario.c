/*
 * tests/fuzz/fuzz_scenario.c - libFuzzer entry: parse and check a
 * scenario held in memory, as mmsim run does before it boots anything.
 *
 * Built two ways: with clang's -fsanitize=fuzzer by the "fuzz" preset
 * (fuzz_scenario, seeded with scenarios/*.mmsim), and with the normal
 * compiler beside regress_main.c (fuzz_regress), which feeds it every file
 * of tests/fuzz/regressions/ under CTest.  Nothing boots: a machine line
 * is only checked (sim_machine_validate), never built.
 */
#include <stddef.h>
#include <stdint.h>

#include "../../sim/engine/engine.h"
#include "../../sim/scenario/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int engine_ready;
	struct scenario *scn;

	if (!engine_ready) {
		/* Probe names come from the engine's symbol table. */
		sim_engine_init(0);
		engine_ready = 1;
	}
	scn = sc_parse("fuzz.mmsim", (const char *)data, size, NULL);
	sc_free(scn);
	return 0;
}
