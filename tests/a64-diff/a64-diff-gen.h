/*
 * Random A64 instruction sequences for the differential test, built from
 * templates: a 32-character bit pattern per encoding group (like the
 * decoder tables in target/arm/translate-*.c) whose letters say which
 * fields are registers of which kind, plus an optional fix-up that fills
 * immediates which must satisfy constraints (load/store offsets inside the
 * scratch buffer, forward branch offsets, literal targets) and rejects
 * encodings that are UNDEFINED or CONSTRAINED UNPREDICTABLE in ARMv8.0 with
 * the crypto extension (the cortex-a57 both sides model).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_A64_DIFF_GEN_H
#define TESTS_A64_DIFF_GEN_H

#include "util/osdep.h"
#include "a64-diff-proto.h"

typedef enum A64DiffGroup {
    A64DIFF_DP_IMM,             /* C4.1.86 Data processing -- immediate */
    A64DIFF_DP_REG,             /* C4.1.95 Data processing -- register */
    A64DIFF_LDST,               /* C4.1.88 Loads and stores (integer) */
    A64DIFF_BRANCH,             /* forward conditional/unconditional branches */
    A64DIFF_FP,                 /* C4.1.96 scalar floating point */
    A64DIFF_SIMD,               /* C4.1.96 AdvSIMD data processing, crypto */
    A64DIFF_SIMD_LDST,          /* C4.1.88 SIMD&FP loads/stores, structures, literal */
    A64DIFF_NB_GROUPS
} A64DiffGroup;

typedef struct A64DiffTemplate A64DiffTemplate;

typedef struct A64DiffSeq {
    A64DiffState init;
    uint8_t scratch[A64DIFF_SCRATCH_SIZE];
    unsigned nwords;
    uint32_t words[A64DIFF_MAX_WORDS];
    const A64DiffTemplate *tmpl[A64DIFF_MAX_WORDS];    /* which template made each word */
} A64DiffSeq;

const char *a64diff_group_name(A64DiffGroup g);
/* Parses a group name; false if unknown. */
bool a64diff_group_parse(const char *name, A64DiffGroup *g);

unsigned a64diff_nb_templates(void);
const A64DiffTemplate *a64diff_template(unsigned i);
const char *a64diff_template_name(const A64DiffTemplate *t);
A64DiffGroup a64diff_template_group(const A64DiffTemplate *t);

/*
 * Fills seq with a random sequence of up to max_words instructions drawn
 * (plus, when a literal load is enabled, a data island after a B over it)
 * from the templates with enabled[index] set (all of them if NULL are
 * not allowed: pass a real mask). Registers (X and V, with many special
 * FP values), NZCV, FPCR (rounding mode, FZ, DN, AHP) and scratch are random;
 * base registers of loads/stores point into the scratch buffer at
 * A64DIFF_DATA_ADDR. Returns false if no enabled template can be used.
 */
bool a64diff_gen_seq(GRand *rand, const bool *enabled, unsigned max_words, A64DiffSeq *seq);

/* One instance of template t alone (two words for an LDXR/STXR pair; for probing). */
void a64diff_gen_single(GRand *rand, const A64DiffTemplate *t, A64DiffSeq *seq);

#endif
