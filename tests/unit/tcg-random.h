/*
 * Random, well-formed IR programs for differential tests and benchmarks.
 *
 * A program is a function of its seed: building it twice gives the same op
 * list, so it can be built once per backend and optimizer setting and the
 * results compared. Programs are defined (never read an undefined value,
 * never divide by zero, shift counts in range), always terminate (forward
 * branches, plus loops with a bounded counter), and only touch the
 * RandomState they run on.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_UNIT_TCG_RANDOM_H
#define TESTS_UNIT_TCG_RANDOM_H

#include "tcg/tcg-op.h"

#define RANDOM_G64 8
#define RANDOM_G32 8
#define RANDOM_SCRATCH 256

/* The CPU state random programs run on (env points at it). */
typedef struct RandomState {
    uint64_t g64[RANDOM_G64];
    uint32_t g32[RANDOM_G32];
    uint64_t helper_log;        /* helpers fold their arguments in here */
    uint8_t scratch[RANDOM_SCRATCH] __attribute__((aligned(16)));
} RandomState;

typedef struct RandomGlobals {
    TCGv_i64 g64[RANDOM_G64];
    TCGv_i32 g32[RANDOM_G32];
} RandomGlobals;

/* Creates the globals in the current context (once per context). */
void random_globals_init(RandomGlobals *g);
/* Fills a state with values from seed (edge values included). */
void random_state_init(RandomState *st, uint64_t seed);
/* Emits a program of about `size` ops into the current context (after tcg_func_start). */
void random_program_gen(const RandomGlobals *g, uint64_t seed, unsigned size);

#endif
