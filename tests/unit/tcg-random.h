/*
 * Random, well-formed IR programs for differential tests and benchmarks.
 *
 * A program is a function of its seed: building it twice gives the same op
 * list, so it can be built once per backend and optimizer setting and the
 * results compared. Programs are defined (never read an undefined value,
 * never divide by zero, shift counts in range), always terminate (forward
 * branches, plus loops with a bounded counter), and only touch the
 * RandomState they run on and the guest RAM window below (which never
 * faults). Vector ops work on RandomState.vregs, which ld/st ops read
 * and write too.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_UNIT_TCG_RANDOM_H
#define TESTS_UNIT_TCG_RANDOM_H

#include "tcg/tcg-op.h"
#include "hw/core/cpu.h"

#define RANDOM_G64 8
#define RANDOM_G32 8
#define RANDOM_SCRATCH 256
/* Vector registers for gvec ops (tcg/tcg-op-gvec.h): 8 of 32 bytes. */
#define RANDOM_VREGS 8
#define RANDOM_VREG_BYTES 32

/*
 * Guest memory: programs make guest_ld/guest_st accesses (any size, sign
 * and byte order, no alignment requirement, MMU index 0 or 1) that start
 * in [RANDOM_GUEST_BASE, + RANDOM_GUEST_WINDOW), unaligned and across the
 * page boundary in it included. A run maps RANDOM_GUEST_RAM bytes of RAM
 * there (virtual = physical): the window and the page the last accesses
 * run into.
 */
#define RANDOM_GUEST_BASE   0x10000
#define RANDOM_GUEST_WINDOW 0x2000
#define RANDOM_GUEST_RAM    (RANDOM_GUEST_WINDOW + KOINE_PAGE_SIZE)
#define RANDOM_MMU_MODES    2

/* The CPU state random programs run on (env points at it). */
typedef struct RandomState {
    uint64_t g64[RANDOM_G64];
    uint32_t g32[RANDOM_G32];
    uint64_t helper_log;        /* helpers fold their arguments in here */
    uint8_t scratch[RANDOM_SCRATCH] __attribute__((aligned(16)));
    uint8_t vregs[RANDOM_VREGS][RANDOM_VREG_BYTES] __attribute__((aligned(16)));
} RandomState;

/* A test CPU around it, so that guest memory ops find their TLB (hw/core/cpu.h). */
typedef struct RandomCPU {
    CPUState parent;
    RandomState env;
} RandomCPU;

typedef struct RandomGlobals {
    TCGv_i64 g64[RANDOM_G64];
    TCGv_i32 g32[RANDOM_G32];
} RandomGlobals;

/* Creates the globals in the current context (once per context). */
void random_globals_init(RandomGlobals *g);
/* Fills a state with values from seed (edge values included). */
void random_state_init(RandomState *st, uint64_t seed);
/* Fills the RANDOM_GUEST_RAM bytes of guest RAM from seed. */
void random_guest_ram_init(uint8_t *ram, uint64_t seed);
/* Emits a program of about `size` ops into the current context (after tcg_func_start). */
void random_program_gen(const RandomGlobals *g, uint64_t seed, unsigned size);

#endif
