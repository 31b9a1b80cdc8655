/*
 * What the optimizer's files share: the per-temp knowledge and the pass
 * state. Not for use outside tcg/optimize*.c.
 *
 * Knowledge about a temp is valid while its `gen` equals the context's:
 * a label that other paths reach bumps the context's gen, which forgets
 * everything at once in O(1). Every write to a temp bumps its `stamp`; a
 * fact that mentions another temp (a is a copy of b, a = neg b) records
 * b's stamp and is ignored once b has been written since. So nothing ever
 * walks lists of copies to invalidate them.
 *
 * Known bits: z_mask has a 1 for every bit that may be one, o_mask for
 * every bit known to be one (o_mask is a subset of z_mask). Values are
 * kept in their type's width (an i32 value zero-extended), as tcg/eval.h
 * returns them, so z_mask == o_mask means "this constant".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_OPTIMIZE_INT_H
#define TCG_OPTIMIZE_INT_H

#include "tcg/tcg.h"

typedef struct TempInfo {
    uint32_t gen;               /* the facts below hold iff gen == OptContext.gen */
    uint32_t stamp;             /* bumped at every write, kept across gens */
    uint64_t z_mask;
    uint64_t o_mask;
    TCGTemp *copy_of;           /* same value, while copy_of's stamp is copy_stamp */
    uint32_t copy_stamp;
    uint32_t def_stamp;
    TCGTemp *def_src;           /* this = def_opc(def_src), while def_src's stamp is def_stamp */
    TCGOpcode def_opc;          /* INDEX_op_discard: no such fact */
} TempInfo;

typedef struct OptContext {
    TCGContext *s;
    TempInfo *info;             /* by temp index; constants made by the pass need none */
    unsigned nb_info;
    uint32_t gen;
    bool dead;                  /* after br/exit_tb/goto_ptr, until a label */
} OptContext;

static inline uint64_t opt_type_mask(TCGType type)
{
    return type == TCG_TYPE_I32 ? UINT32_MAX : UINT64_MAX;
}

/* Gives op the operand counts of opc (which must need no more args than op has). */
static inline void opt_reshape(TCGOp *op, TCGOpcode opc)
{
    const TCGOpDef *def = &tcg_op_defs[opc];

    assert(tcg_op_nargs(op) >= (unsigned)def->nb_oargs + def->nb_iargs + def->nb_cargs);
    op->opc = opc;
    op->nb_oargs = def->nb_oargs;
    op->nb_iargs = def->nb_iargs;
    op->nb_cargs = def->nb_cargs;
}

/* ---- Per-temp knowledge (optimize.c) ---- */

void opt_bits(OptContext *ctx, TCGTemp *t, uint64_t *z, uint64_t *o);
bool opt_const(OptContext *ctx, TCGTemp *t, uint64_t *val);
TCGTemp *opt_const_temp(OptContext *ctx, TCGType type, uint64_t val);
TCGTemp *opt_canonical(OptContext *ctx, TCGTemp *t);
bool opt_same_value(OptContext *ctx, TCGTemp *a, TCGTemp *b);
uint32_t opt_stamp(OptContext *ctx, TCGTemp *t);
/* t was written with a value whose known bits are z, o. */
void opt_write(OptContext *ctx, TCGTemp *t, uint64_t z, uint64_t o);
/* t holds val from here on although nothing wrote it (a branch told us). */
void opt_learn_const(OptContext *ctx, TCGTemp *t, uint64_t val);
/* t = opc(src), for the inverse and extension rules. */
void opt_set_def(OptContext *ctx, TCGTemp *t, TCGOpcode opc, TCGTemp *src, uint32_t src_stamp);
/* The source x of t = opc(x), if t is still that and x still holds its value. */
TCGTemp *opt_def_src(OptContext *ctx, TCGTemp *t, TCGOpcode *opc);
void opt_mov(OptContext *ctx, TCGOp *op);
void opt_to_mov(OptContext *ctx, TCGOp *op, TCGTemp *src);
void opt_to_movi(OptContext *ctx, TCGOp *op, uint64_t val);

/* ---- Data ops (optimize-fold.c) ---- */

void opt_fold(OptContext *ctx, TCGOp *op);

/* ---- Control flow (optimize-branch.c) ---- */

/* 1 or 0 when cond(a, b) is known, -1 otherwise. */
int opt_eval_cond(OptContext *ctx, TCGType type, TCGCond cond, TCGTemp *a, TCGTemp *b);
/* Puts a constant operand second (args[ia], args[ib]); returns the condition to use. */
TCGCond opt_canon_cond(OptContext *ctx, TCGOp *op, unsigned ia, unsigned ib, TCGCond cond);
void opt_label(OptContext *ctx, TCGOp *op);
void opt_br(OptContext *ctx, TCGOp *op);
void opt_brcond(OptContext *ctx, TCGOp *op);

#endif
