/*
 * Runs A64 machine code on Koine's AArch64 CPU, without a board: RAM at
 * A64_RAM_BASE, code loaded at A64_CODE_BASE, registers set by the test,
 * and a run that ends at the WFI the harness appends (or at an exception:
 * every EL1 vector holds a WFI, and exception_taken/vector_offset say which
 * was taken; ESR/ELR/FAR are in env). Tests assemble their snippets with
 * the cross assembler (a64_assemble) or give instruction words directly.
 * FP/AdvSIMD starts enabled (CPACR_EL1.FPEN = 0b11).
 *
 * The EL1&0 MMU starts on (SCTLR_EL1.M, C, I) over an identity map at
 * A64_PT_BASE: with it off, data accesses would be Device-nGnRnE (ARM ARM
 * D8.2.10) and the unaligned accesses the load/store tests make on purpose
 * would take Alignment faults (B2.5.2). TCR_EL1.T0SZ = 25 (39-bit VA, 4K
 * granule, the walk starts at level 1). The GiB holding the RAM is Normal
 * Write-Back (MAIR attr 0 = 0xff), inner shareable, in 2 MiB blocks: the
 * first (vectors, the tables, the code up to 0x40200000) is EL1
 * read/write/execute and EL0 execute-only (AP = 0b00); the others are
 * read/write at EL0 and EL1 (for LDTR/STTR), so EL1 cannot execute there.
 * Every other GiB is a Device-nGnRnE block (attr 1 = 0x00), read/write at
 * EL0 and EL1, execute-never. So RAM behaves as Normal memory, and holes
 * and MMIO below 512 GiB as before (external aborts, Device alignment);
 * VAs at or above 512 GiB take a translation fault. A test that builds its
 * own tables just overwrites TTBR0/TCR/MAIR_EL1 (then tlb_flush); one that
 * needs the MMU off calls a64_harness_mmu_off.
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
#define A64_PT_BASE   0x40001000ULL     /* the harness's tables (8 KiB: levels 1, 2) */

typedef struct A64Run {
    ARMCPU *cpu;
    uint8_t *ram;                       /* host view of the RAM */
    bool exception_taken;               /* ended in a vector, not at BRK #0xdead */
    uint64_t vector_offset;             /* which vector (VBAR offset) */
} A64Run;

/* Sets up memory, the TCG accelerator (backend "native" or "tci") and a CPU. */
void a64_harness_init(A64Run *r, const char *backend, const char *model);
void a64_harness_destroy(A64Run *r);
/* Turns the EL1&0 MMU off (SCTLR_EL1.M, C, I = 0, as at reset) and flushes the TLB. */
void a64_harness_mmu_off(A64Run *r);

/* Assembles GNU assembler source with aarch64-linux-gnu-as; NULL if not installed. */
GBytes *a64_assemble(const char *source);
/* Loads code at A64_CODE_BASE followed by a WFI, sets PC there, runs until a WFI. */
void a64_run_code(A64Run *r, const uint32_t *words, size_t n);
void a64_run_bytes(A64Run *r, GBytes *code);

#endif
