/*
 * The gvec builder API (tcg-op-gvec.h): checks the operands, then emits
 * either one gvec IR op (tcg/gvec.h), when the native backend has a host
 * instruction sequence for it under the features in use, or its 64-bit
 * integer expansion (gvec-expand.c).
 *
 * Why the builder decides, and from the native backend's capabilities
 * even when the interpreter will run the TB: the op list a frontend builds
 * must not depend on which backend runs it (the differential tests hand
 * one list to both), and the interpreter runs every gvec op anyway
 * (through tcg/eval.h), so only the native backend's limits matter. Ops
 * every backend can do trivially (a constant dup of zero ...) still go
 * through the same rule.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/tcg-op-gvec.h"
#include "tcg/gvec.h"
#include "tcg/gvec-expand.h"
#include "tcg/x86_64/host-features.h"

static void check_sizes(unsigned vece, uint32_t dofs, uint32_t oprsz, uint32_t maxsz)
{
    assert(vece <= MO_64);
    assert(oprsz == 8 || oprsz == 16 || oprsz == 32);
    assert(maxsz >= oprsz && maxsz % 8 == 0 && maxsz <= TCG_GVEC_MAX_MAXSZ);
    assert(dofs % 8 == 0);
}

/* A source either is the destination or lies wholly outside it (tcg-op-gvec.h). */
static void check_src(uint32_t dofs, uint32_t maxsz, uint32_t sofs, uint32_t oprsz)
{
    assert(sofs % 8 == 0);
    assert(sofs == dofs || sofs + oprsz <= dofs || sofs >= dofs + maxsz);
}

static void gvec_emit(TCGOpcode opc, TCGGvecArgs *ga, TCGv_i64 in)
{
    TCGOp *op;

    if (!tcg_native_gvec_supported(opc, ga->vece, ga->oprsz, ga->imm)) {
        tcg_gvec_expand_int(opc, ga, in);
        return;
    }
    op = tcg_emit_op(tcg_ctx, opc, TCG_TYPE_I64,
                     (in ? 1 : 0) + TCG_GVEC_NB_CARGS);
    if (in) {
        op->args[0] = temp_arg(tcgv_i64_temp(in));
    }
    tcg_gvec_set_args(op, ga);
}

static void gvec_2(TCGOpcode opc, unsigned vece, uint32_t dofs, uint32_t aofs,
                   uint32_t oprsz, uint32_t maxsz, unsigned imm)
{
    TCGGvecArgs ga = {
        .vece = vece, .oprsz = oprsz, .maxsz = maxsz,
        .dofs = dofs, .aofs = aofs, .imm = imm,
    };

    check_sizes(vece, dofs, oprsz, maxsz);
    check_src(dofs, maxsz, aofs, oprsz);
    gvec_emit(opc, &ga, NULL);
}

static void gvec_3(TCGOpcode opc, unsigned vece, uint32_t dofs, uint32_t aofs,
                   uint32_t bofs, uint32_t oprsz, uint32_t maxsz, unsigned imm)
{
    TCGGvecArgs ga = {
        .vece = vece, .oprsz = oprsz, .maxsz = maxsz,
        .dofs = dofs, .aofs = aofs, .bofs = bofs, .imm = imm,
    };

    check_sizes(vece, dofs, oprsz, maxsz);
    check_src(dofs, maxsz, aofs, oprsz);
    check_src(dofs, maxsz, bofs, oprsz);
    gvec_emit(opc, &ga, NULL);
}

void tcg_gen_gvec_mov(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t oprsz,
                      uint32_t maxsz)
{
    if (dofs == aofs && oprsz == maxsz) {
        check_sizes(vece, dofs, oprsz, maxsz);
        return;                 /* nothing moves, nothing to zero */
    }
    gvec_2(INDEX_op_gvec_mov, MO_64, dofs, aofs, oprsz, maxsz, 0);
}

void tcg_gen_gvec_dup_i64(unsigned vece, uint32_t dofs, uint32_t oprsz, uint32_t maxsz,
                          TCGv_i64 val)
{
    TCGGvecArgs ga = { .vece = vece, .oprsz = oprsz, .maxsz = maxsz, .dofs = dofs };

    check_sizes(vece, dofs, oprsz, maxsz);
    gvec_emit(INDEX_op_gvec_dup, &ga, val);
}

void tcg_gen_gvec_dup_imm(unsigned vece, uint32_t dofs, uint32_t oprsz, uint32_t maxsz,
                          uint64_t imm)
{
    /* One canonical form per pattern: the replicated value as 64-bit lanes. */
    tcg_gen_gvec_dup_i64(MO_64, dofs, oprsz, maxsz,
                         tcg_constant_i64((int64_t)tcg_gvec_dup_const(vece, imm)));
}

void tcg_gen_gvec_dup_mem(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t oprsz,
                          uint32_t maxsz)
{
    TCGGvecArgs ga = {
        .vece = vece, .oprsz = oprsz, .maxsz = maxsz, .dofs = dofs, .aofs = aofs,
    };

    check_sizes(vece, dofs, oprsz, maxsz);
    assert(aofs % (1u << vece) == 0);
    gvec_emit(INDEX_op_gvec_dup_mem, &ga, NULL);
}

#define GVEC_3(name) \
    void tcg_gen_gvec_##name(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs, \
                             uint32_t oprsz, uint32_t maxsz) \
    { \
        gvec_3(INDEX_op_gvec_##name, vece, dofs, aofs, bofs, oprsz, maxsz, 0); \
    }

/* Bitwise ops: the element size does not matter; one canonical form (MO_64). */
#define GVEC_3_BITWISE(name) \
    void tcg_gen_gvec_##name(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs, \
                             uint32_t oprsz, uint32_t maxsz) \
    { \
        assert(vece <= MO_64); \
        gvec_3(INDEX_op_gvec_##name, MO_64, dofs, aofs, bofs, oprsz, maxsz, 0); \
    }

GVEC_3(add)
GVEC_3(sub)
GVEC_3(mul)
GVEC_3(ssadd)
GVEC_3(sssub)
GVEC_3(usadd)
GVEC_3(ussub)
GVEC_3(smin)
GVEC_3(smax)
GVEC_3(umin)
GVEC_3(umax)
GVEC_3_BITWISE(and)
GVEC_3_BITWISE(or)
GVEC_3_BITWISE(xor)
GVEC_3_BITWISE(andc)
GVEC_3_BITWISE(orc)

void tcg_gen_gvec_bitsel(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                         uint32_t cofs, uint32_t oprsz, uint32_t maxsz)
{
    TCGGvecArgs ga = {
        .vece = MO_64, .oprsz = oprsz, .maxsz = maxsz,
        .dofs = dofs, .aofs = aofs, .bofs = bofs, .cofs = cofs,
    };

    check_sizes(vece, dofs, oprsz, maxsz);
    check_src(dofs, maxsz, aofs, oprsz);
    check_src(dofs, maxsz, bofs, oprsz);
    check_src(dofs, maxsz, cofs, oprsz);
    gvec_emit(INDEX_op_gvec_bitsel, &ga, NULL);
}

void tcg_gen_gvec_neg(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t oprsz,
                      uint32_t maxsz)
{
    gvec_2(INDEX_op_gvec_neg, vece, dofs, aofs, oprsz, maxsz, 0);
}

void tcg_gen_gvec_abs(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t oprsz,
                      uint32_t maxsz)
{
    gvec_2(INDEX_op_gvec_abs, vece, dofs, aofs, oprsz, maxsz, 0);
}

void tcg_gen_gvec_not(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t oprsz,
                      uint32_t maxsz)
{
    assert(vece <= MO_64);
    gvec_2(INDEX_op_gvec_not, MO_64, dofs, aofs, oprsz, maxsz, 0);
}

static void gvec_shift(TCGOpcode opc, unsigned vece, uint32_t dofs, uint32_t aofs,
                       unsigned shift, uint32_t oprsz, uint32_t maxsz)
{
    assert(vece <= MO_64 && shift < (8u << vece));
    if (shift == 0) {
        tcg_gen_gvec_mov(vece, dofs, aofs, oprsz, maxsz);
        return;
    }
    gvec_2(opc, vece, dofs, aofs, oprsz, maxsz, shift);
}

void tcg_gen_gvec_shli(unsigned vece, uint32_t dofs, uint32_t aofs, unsigned shift,
                       uint32_t oprsz, uint32_t maxsz)
{
    gvec_shift(INDEX_op_gvec_shli, vece, dofs, aofs, shift, oprsz, maxsz);
}

void tcg_gen_gvec_shri(unsigned vece, uint32_t dofs, uint32_t aofs, unsigned shift,
                       uint32_t oprsz, uint32_t maxsz)
{
    gvec_shift(INDEX_op_gvec_shri, vece, dofs, aofs, shift, oprsz, maxsz);
}

void tcg_gen_gvec_sari(unsigned vece, uint32_t dofs, uint32_t aofs, unsigned shift,
                       uint32_t oprsz, uint32_t maxsz)
{
    gvec_shift(INDEX_op_gvec_sari, vece, dofs, aofs, shift, oprsz, maxsz);
}

void tcg_gen_gvec_cmp(TCGCond cond, unsigned vece, uint32_t dofs, uint32_t aofs,
                      uint32_t bofs, uint32_t oprsz, uint32_t maxsz)
{
    assert(cond < TCG_COND_COUNT);
    if (cond == TCG_COND_NEVER || cond == TCG_COND_ALWAYS) {
        check_src(dofs, maxsz, aofs, oprsz);
        check_src(dofs, maxsz, bofs, oprsz);
        tcg_gen_gvec_dup_imm(MO_64, dofs, oprsz, maxsz, cond == TCG_COND_ALWAYS ? -1 : 0);
        return;
    }
    gvec_3(INDEX_op_gvec_cmp, vece, dofs, aofs, bofs, oprsz, maxsz, cond);
}
