/*
 * The case tables of the A64 FP tests (test-a64-fp.c: scalar FP,
 * test-a64-simd-fp.c: AdvSIMD FP), run by test-a64-fp.c.
 *
 * A case is one instruction with V0..V3, X1, FPCR and NZCV before it
 * (V18 = V2 too, for by-element forms that name a register above 15; X0
 * holds X0S) and V0, X0, NZCV and FPSR after it. The expected values come
 * from running every case on Debian's qemu-aarch64 -cpu cortex-a57 (one
 * generated guest program: MSR FPCR/NZCV, load the registers, the
 * instruction, MRS NZCV/FPSR, store), with the special cases checked by
 * hand against the ARM ARM pseudocode (see docs/devel/a64-fp.md).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_UNIT_TEST_A64_FP_H
#define TESTS_UNIT_TEST_A64_FP_H

#include "util/osdep.h"

typedef struct FpCase {
    const char *insn;
    uint32_t fpcr;
    uint32_t nzcv;              /* N, Z, C, V as bits 3..0 */
    uint64_t v0[2], v1[2], v2[2], v3[2];    /* { bits 63:0, bits 127:64 } */
    uint64_t x1;
    uint64_t want_v0[2];
    uint64_t want_x0;
    uint32_t want_nzcv;
    uint32_t want_fpsr;
} FpCase;

/* Upper halves that scalar and 64-bit vector writes must clear; X0 before. */
#define HI  0x1122334455667788ULL
#define X0S 0x5a5a5a5a5a5a5a5aULL

/* FPCR values (ARM ARM C5.2.7). */
#define RP  (1u << 22)
#define RM  (2u << 22)
#define RZ  (3u << 22)
#define FZ  (1u << 24)
#define DN  (1u << 25)
#define AHP (1u << 26)

extern const FpCase a64_fp_cases[];
extern const size_t a64_fp_nb_cases;
extern const FpCase a64_simd_fp_cases[];
extern const size_t a64_simd_fp_nb_cases;

#endif
