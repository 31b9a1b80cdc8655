/*
 * The optimizer's control-flow rules: conditions decided from constants
 * and known bits, brcond folding, unreachable code after an unconditional
 * exit, branches to the next op, and labels nothing branches to.
 *
 * Reaching a label through a branch forgets everything (the values may
 * come from another path). A label with no references is only reached by
 * falling through, so removing it keeps what we know and merges its block
 * with the one before. After br/exit_tb/goto_ptr the pass is "dead" until
 * the next label: ops are removed (insn_start markers stay: the backend
 * keeps a code offset per guest instruction) and nothing is learnt. The
 * state at a br is kept through the dead ops, so when the br turns out to
 * target the label right after it, removing the br resumes from there.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "tcg/optimize-int.h"

/* Top bit of the type: the sign. */
static uint64_t sign_bit(TCGType type)
{
    return type == TCG_TYPE_I32 ? 1ull << 31 : 1ull << 63;
}

/* Unsigned conditions from the ranges [o, z] the known bits allow. */
static int eval_unsigned(TCGCond cond, uint64_t za, uint64_t oa, uint64_t zb, uint64_t ob)
{
    switch (cond) {
    case TCG_COND_LTU:
        return za < ob ? 1 : oa >= zb ? 0 : -1;
    case TCG_COND_GEU:
        return za < ob ? 0 : oa >= zb ? 1 : -1;
    case TCG_COND_LEU:
        return za <= ob ? 1 : oa > zb ? 0 : -1;
    case TCG_COND_GTU:
        return za <= ob ? 0 : oa > zb ? 1 : -1;
    default:
        g_assert_not_reached();
    }
}

static TCGCond signed_to_unsigned(TCGCond cond)
{
    switch (cond) {
    case TCG_COND_LT: return TCG_COND_LTU;
    case TCG_COND_GE: return TCG_COND_GEU;
    case TCG_COND_LE: return TCG_COND_LEU;
    case TCG_COND_GT: return TCG_COND_GTU;
    default: g_assert_not_reached();
    }
}

int opt_eval_cond(OptContext *ctx, TCGType type, TCGCond cond, TCGTemp *a, TCGTemp *b)
{
    uint64_t za, oa, zb, ob, sign = sign_bit(type);

    switch (cond) {
    case TCG_COND_ALWAYS:
        return 1;
    case TCG_COND_NEVER:
        return 0;
    default:
        break;
    }
    opt_bits(ctx, a, &za, &oa);
    opt_bits(ctx, b, &zb, &ob);
    if (za == oa && zb == ob) {
        return tcg_cond_eval(cond, type, za, zb);
    }
    if (opt_same_value(ctx, a, b)) {
        switch (cond) {
        case TCG_COND_EQ: case TCG_COND_GE: case TCG_COND_LE:
        case TCG_COND_GEU: case TCG_COND_LEU:
            return 1;
        case TCG_COND_NE: case TCG_COND_LT: case TCG_COND_GT:
        case TCG_COND_LTU: case TCG_COND_GTU:
            return 0;
        default:
            break;      /* TSTEQ/TSTNE x, x: x == 0?, below */
        }
    }
    switch (cond) {
    case TCG_COND_EQ:
    case TCG_COND_NE:
        /* A bit known one on one side and known zero on the other. */
        if ((oa & ~zb) | (ob & ~za)) {
            return cond == TCG_COND_NE;
        }
        return -1;
    case TCG_COND_TSTEQ:
    case TCG_COND_TSTNE:
        if (!(za & zb)) {
            return cond == TCG_COND_TSTEQ;
        }
        if (oa & ob) {
            return cond == TCG_COND_TSTNE;
        }
        return -1;
    case TCG_COND_LTU: case TCG_COND_GEU: case TCG_COND_LEU: case TCG_COND_GTU:
        return eval_unsigned(cond, za, oa, zb, ob);
    default:
        break;
    }
    /* Signed: with both signs known, compare as unsigned or by sign alone. */
    {
        bool a_known = !(za & sign) || (oa & sign);
        bool b_known = !(zb & sign) || (ob & sign);
        bool a_neg = oa & sign, b_neg = ob & sign;

        if (!a_known || !b_known) {
            return -1;
        }
        if (a_neg == b_neg) {
            return eval_unsigned(signed_to_unsigned(cond), za, oa, zb, ob);
        }
        /* Different signs: a < b iff a is the negative one. */
        switch (cond) {
        case TCG_COND_LT: case TCG_COND_LE:
            return a_neg;
        case TCG_COND_GT: case TCG_COND_GE:
            return b_neg;
        default:
            g_assert_not_reached();
        }
    }
}

TCGCond opt_canon_cond(OptContext *ctx, TCGOp *op, unsigned ia, unsigned ib, TCGCond cond)
{
    TCGTemp *a = arg_temp(op->args[ia]), *b = arg_temp(op->args[ib]);
    uint64_t v;

    if (temp_is_const(a) && !temp_is_const(b)) {
        op->args[ia] = temp_arg(b);
        op->args[ib] = temp_arg(a);
        cond = tcg_swap_cond(cond);
        b = a;
        a = arg_temp(op->args[ia]);
    }
    /* tst x, -1 is a compare with zero. */
    if ((cond == TCG_COND_TSTEQ || cond == TCG_COND_TSTNE) && opt_const(ctx, b, &v) &&
        v == opt_type_mask(op->type)) {
        cond = cond == TCG_COND_TSTEQ ? TCG_COND_EQ : TCG_COND_NE;
        op->args[ib] = temp_arg(opt_const_temp(ctx, op->type, 0));
    }
    /* tst x, x also. */
    if ((cond == TCG_COND_TSTEQ || cond == TCG_COND_TSTNE) && opt_same_value(ctx, a, b)) {
        cond = cond == TCG_COND_TSTEQ ? TCG_COND_EQ : TCG_COND_NE;
        op->args[ib] = temp_arg(opt_const_temp(ctx, op->type, 0));
    }
    return cond;
}

/* ---- Branches and labels ---- */

static TCGLabel *branch_label(const TCGOp *op)
{
    return arg_label(op->args[tcg_op_nargs(op) - 1]);
}

void opt_br(OptContext *ctx, TCGOp *op)
{
    /* Keep the state: if the br goes to the next label, opt_label resumes it. */
    ctx->dead = true;
}

/* The next op that emits code or ends the block, skipping insn_start markers. */
static TCGOp *next_real_op(TCGOp *op)
{
    op = op->next;
    while (op && op->opc == INDEX_op_insn_start) {
        op = op->next;
    }
    return op;
}

void opt_brcond(OptContext *ctx, TCGOp *op)
{
    TCGOp *next = next_real_op(op);
    TCGCond cond = opt_canon_cond(ctx, op, 0, 1, (TCGCond)op->args[2]);
    TCGTemp *a = arg_temp(op->args[0]), *b = arg_temp(op->args[1]);
    int taken = opt_eval_cond(ctx, op->type, cond, a, b);
    uint64_t v;

    op->args[2] = cond;
    if (taken == 0 || (next && next->opc == INDEX_op_set_label &&
                       arg_label(next->args[0]) == branch_label(op))) {
        tcg_op_remove(ctx->s, op);
        return;
    }
    if (taken == 1) {
        TCGLabel *l = branch_label(op);

        opt_reshape(op, INDEX_op_br);
        op->type = TCG_TYPE_I64;
        op->args[0] = label_arg(l);
        opt_br(ctx, op);
        return;
    }
    /* Falling through "a != c" means a == c. */
    if (cond == TCG_COND_NE && !temp_is_const(a) && opt_const(ctx, b, &v)) {
        opt_learn_const(ctx, a, v);
    }
}

void opt_label(OptContext *ctx, TCGOp *op)
{
    TCGLabel *l = arg_label(op->args[0]);
    TCGOp *prev = op->prev;

    /*
     * A br to the very next op does nothing (insn_start markers emit no
     * code). (A brcond to the next op is removed when it is seen.)
     */
    while (prev && prev->opc == INDEX_op_insn_start) {
        prev = prev->prev;
    }
    if (prev && prev->opc == INDEX_op_br && branch_label(prev) == l) {
        tcg_op_remove(ctx->s, prev);
        ctx->dead = false;      /* the br's state, kept through the dead ops, holds */
    }
    if (l->refs == 0) {
        /* Only reached by falling through (or not at all, if dead). */
        tcg_op_remove(ctx->s, op);
        return;
    }
    ctx->gen++;
    ctx->dead = false;
}
