/*
 * What the generator's template files share (a64-diff-gen.c: the core, the
 * integer templates; a64-diff-gen-fp.c: the FP/AdvSIMD templates).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_A64_DIFF_GEN_INTERNAL_H
#define TESTS_A64_DIFF_GEN_INTERNAL_H

#include "a64-diff-gen.h"

enum {
    T_WRITEBACK = 1,            /* may change a base register */
    T_BRANCH = 2,               /* forward branch: needs the sequence length */
    T_LITERAL = 4,              /* PC-relative load: wants a data island */
    T_PAIR = 8,                 /* emits a second word right after (LDXR + STXR) */
};

#define MAX_BASES 3
#define MAX_WEIGHT 4

typedef struct Gen {
    GRand *rand;
    unsigned pos;               /* the word being generated */
    unsigned n;                 /* instructions: branches go at most to word n */
    unsigned total;             /* n, plus the B over the data island and the island */
    bool is_base[32];
    int64_t base_off[32];       /* offset of a base register into the scratch */
    unsigned bases[MAX_BASES];
    unsigned nb_bases;
    uint32_t pending;           /* T_PAIR: the word for pos + 1 */
} Gen;

struct A64DiffTemplate {
    const char *name;
    A64DiffGroup group;
    const char *pattern;
    unsigned flags;
    bool (*fix)(Gen *g, uint32_t *insn);    /* false: reject this instance */
    unsigned weight;            /* relative frequency in a sequence (0 counts as 1) */
};

extern const A64DiffTemplate a64diff_fp_templates[];
extern const unsigned a64diff_nb_fp_templates;

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

static inline uint32_t set_field(uint32_t insn, unsigned pos, unsigned len, uint32_t v)
{
    uint32_t mask = ((1u << len) - 1) << pos;

    return (insn & ~mask) | ((v << pos) & mask);
}

static inline int64_t rand_range(Gen *g, int64_t lo, int64_t hi)     /* inclusive */
{
    return lo + (int64_t)g_rand_int_range(g->rand, 0, (gint32)(hi - lo + 1));
}

/* An X register a load or operation may write: never a base register. */
unsigned a64diff_pick_dest(Gen *g, bool allow31);

/*
 * Offset pickers shared by the integer and SIMD&FP single-register forms:
 * each fills the offset field of insn for an access of `scale` bytes
 * (aligned to it) inside the scratch; false if the base leaves no room.
 */
bool a64diff_pick_uimm(Gen *g, uint32_t *insn, unsigned scale);
bool a64diff_pick_unscaled(Gen *g, uint32_t *insn, unsigned scale);
/* Pre/post-index: also moves the base (a multiple of 16). */
bool a64diff_pick_wb9(Gen *g, uint32_t *insn);
/* A writeback amount: a multiple of 16 in [lo, hi] keeping the base inside the scratch. */
bool a64diff_pick_writeback(Gen *g, unsigned rn, int64_t lo, int64_t hi, int64_t *amount);
/* LDR (literal): imm19 for a `size`-byte load of an aligned word of the sequence. */
bool a64diff_pick_literal(Gen *g, uint32_t *insn, unsigned size);

/* A random 64-bit value for a lane of `esize` bytes, often a special FP value. */
uint64_t a64diff_fp_lane(GRand *rand, unsigned esize);

#endif
