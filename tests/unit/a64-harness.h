/*
 * Runs A64 machine code on Koine's AArch64 CPU, without a board: RAM at
 * A64_RAM_BASE, code loaded at A64_CODE_BASE, registers set by the test,
 * and a run that ends at the WFI the harness appends (or at an exception:
 * every EL1 vector holds a WFI, and exception_taken/vector_offset say which
 * was taken; ESR/ELR/FAR are in env). Tests assemble their snippets with
 * the cross assembler (a64_assemble) or give instruction words directly.
 * FP/AdvSIMD starts enabled (CPACR_EL1.FPEN = 0b11).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_UNIT_A64_HARNESS_H
#define TESTS_UNIT_A64_HARNESS_H

#include "target/arm/cpu.h"

#define A64_RAM_BASE  0x40000000ULL
#define A64_RAM_SIZE  (16 * MiB)
#define A64_CODE_BASE 0x40080000ULL
#define A64_VECTORS   0x40010000ULL     /* VBAR_EL1: every vector is a WFI */
#define A64_WFI       0xd503207fu
#define A64_DATA_BASE 0x40800000ULL     /* scratch data for loads and stores */

typedef struct A64Run {
    ARMCPU *cpu;
    uint8_t *ram;                       /* host view of the RAM */
    bool exception_taken;               /* ended in a vector, not at BRK #0xdead */
    uint64_t vector_offset;             /* which vector (VBAR offset) */
} A64Run;

/* Sets up memory, the TCG accelerator (backend "native" or "tci") and a CPU. */
void a64_harness_init(A64Run *r, const char *backend, const char *model);
void a64_harness_destroy(A64Run *r);

/* Assembles GNU assembler source with aarch64-linux-gnu-as; NULL if not installed. */
GBytes *a64_assemble(const char *source);
/* Loads code at A64_CODE_BASE followed by a WFI, sets PC there, runs until a WFI. */
void a64_run_code(A64Run *r, const uint32_t *words, size_t n);
void a64_run_bytes(A64Run *r, GBytes *code);

#endif
