/*
 * The operand layout of the vector ("gvec") IR ops, shared by the builder
 * (tcg-op-gvec.c), the reference semantics (eval.h), both backends, the
 * verifier and the dump. The builder API frontends call is tcg-op-gvec.h;
 * the design is in docs/devel/tcg-vector.md.
 *
 * A gvec op works memory to memory on the CPU state: its operands are byte
 * offsets from env, never temps, so the register allocator need not know
 * vector registers. Every gvec op has the same TCG_GVEC_NB_CARGS constant
 * arguments, in this order (unused ones are 0):
 *
 *   vece    element size, a MemOp size (MO_8 .. MO_64)
 *   oprsz   bytes operated on: 8, 16 or 32
 *   maxsz   bytes of the destination: [oprsz, maxsz) is zeroed; a multiple of 8
 *   dofs    destination offset (8-byte aligned)
 *   aofs    first source (8-byte aligned; gvec_dup_mem: the element, aligned to its size)
 *   bofs    second source
 *   cofs    third source (gvec_bitsel)
 *   imm     shift count (gvec_shli/shri/sari) or TCGCond (gvec_cmp)
 *
 * gvec_dup alone has a temp: one i64 input, the value whose low element
 * is replicated (a constant for dup_imm). A source may be the destination
 * itself, but must not overlap it otherwise.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_GVEC_H
#define TCG_GVEC_H

#include "tcg/tcg.h"
#include "tcg/memop.h"

#define TCG_GVEC_NB_CARGS   8
/* The widest operation (AVX2's 32 bytes) and destination the builder accepts. */
#define TCG_GVEC_MAX_OPRSZ  32
#define TCG_GVEC_MAX_MAXSZ  256

typedef struct TCGGvecArgs {
    unsigned vece;
    uint32_t oprsz, maxsz;
    uint32_t dofs, aofs, bofs, cofs;
    unsigned imm;
} TCGGvecArgs;

static inline bool tcg_op_is_gvec(TCGOpcode opc)
{
    return opc >= INDEX_op_gvec_mov && opc <= INDEX_op_gvec_cmp;
}

/* How many vector sources (at aofs, bofs, cofs) a gvec op reads: 0 to 3. */
static inline unsigned tcg_gvec_nb_srcs(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_gvec_dup:
        return 0;
    case INDEX_op_gvec_mov:
    case INDEX_op_gvec_dup_mem:
    case INDEX_op_gvec_neg:
    case INDEX_op_gvec_abs:
    case INDEX_op_gvec_not:
    case INDEX_op_gvec_shli:
    case INDEX_op_gvec_shri:
    case INDEX_op_gvec_sari:
        return 1;
    case INDEX_op_gvec_bitsel:
        return 3;
    default:
        return 2;
    }
}

static inline void tcg_gvec_args(const TCGOp *op, TCGGvecArgs *ga)
{
    const TCGArg *c = &op->args[op->nb_oargs + op->nb_iargs];

    ga->vece = c[0];
    ga->oprsz = c[1];
    ga->maxsz = c[2];
    ga->dofs = c[3];
    ga->aofs = c[4];
    ga->bofs = c[5];
    ga->cofs = c[6];
    ga->imm = c[7];
}

static inline void tcg_gvec_set_args(TCGOp *op, const TCGGvecArgs *ga)
{
    TCGArg *c = &op->args[op->nb_oargs + op->nb_iargs];

    c[0] = ga->vece;
    c[1] = ga->oprsz;
    c[2] = ga->maxsz;
    c[3] = ga->dofs;
    c[4] = ga->aofs;
    c[5] = ga->bofs;
    c[6] = ga->cofs;
    c[7] = ga->imm;
}

/* The low element (of 8 << vece bits) of c, replicated over 64 bits. */
static inline uint64_t tcg_gvec_dup_const(unsigned vece, uint64_t c)
{
    switch (vece) {
    case MO_8:
        return 0x0101010101010101ull * (uint8_t)c;
    case MO_16:
        return 0x0001000100010001ull * (uint16_t)c;
    case MO_32:
        return 0x0000000100000001ull * (uint32_t)c;
    default:
        return c;
    }
}

#endif
