/*
 * The table runner the AdvSIMD shift, three-different and crypto tests
 * share: a case is an instruction, which of a few fixed V0/V1/V2 operand
 * sets it starts from, and the V0 and FPSR it must leave; every case runs
 * alone on a fresh translation, on the backend the test names.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_UNIT_A64_VEC_CASES_H
#define TESTS_UNIT_A64_VEC_CASES_H

#include "a64-harness.h"

/* The operands every table case starts from: V0 (the destination), V1, V2. */
typedef struct VecInputs {
    uint64_t d[2], n[2], m[2];
} VecInputs;

enum { IN_AB, IN_BB, IN_CC, IN_BA, IN_FS, IN_FD, IN_FI };

typedef struct VecCase {
    const char *insn;
    unsigned in;                /* vec_inputs[] */
    uint64_t want[2];           /* V0 after */
    uint32_t fpsr;              /* FPSR after, from 0: QC (bit 27) and the FP flags */
} VecCase;

extern const VecInputs vec_inputs[];

/* Skips the test (true) when the cross assembler is missing (code NULL). */
bool skip_without_assembler(GBytes *code);
/* Assembles and runs every case; fails the test if any differs (all are reported). */
void run_vec_cases(const char *backend, const VecCase *cases, size_t n);
/* Each encoding must be UNDEFINED (EC 0, at this instruction) and leave V0 alone. */
void expect_undefined(const char *backend, const char *model, const uint32_t *insns,
                      size_t n, uint32_t clear_features);

#endif
