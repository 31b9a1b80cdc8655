/*
 * The IR optimizer's driver and its per-temp knowledge.
 *
 * One forward pass, in the spirit of QEMU's tcg/optimize.c: for each op,
 * replace its inputs by the best known equivalent (a constant, or the
 * temp it was copied from), then let the op's rule fold or simplify it
 * (optimize-fold.c for data ops, optimize-branch.c for control flow), and
 * record what is known about its outputs. Cost is O(ops + temps) per TB:
 * knowledge is forgotten lazily (see optimize-int.h), so a label or a
 * helper call costs O(1) or O(globals), never a walk over all temps.
 *
 * What the pass may assume, and why it is sound:
 *  - Within an extended basic block (a label to the next label, through
 *    conditional branches' fall-through paths) ops run in list order, so
 *    a fact established by an earlier op holds until a write to a temp it
 *    mentions. Labels reached by a branch forget everything (values may
 *    come from another path); a label nothing branches to is removed and
 *    forgets nothing.
 *  - A helper call without TCG_CALL_NO_WRITE_GLOBALS may change any
 *    global: every fact about a global, and every copy of one, dies.
 *  - Guest memory ops (guest_ld, guest_st) read and write guest memory,
 *    which the pass knows nothing about: they are never folded or
 *    removed, a load's result is unknown (beyond the zero-extension of an
 *    unsigned narrow load), and they write no temp but a load's output,
 *    so facts about globals and other temps survive them.
 *  - Vector ops (gvec_*) read and write CPU state memory that no global
 *    aliases (tcg/gvec.h) and write no temp: facts survive them, and
 *    gvec_dup's input gets constants propagated like any input.
 *  - Only inputs are rewritten, never outputs; ops with side effects
 *    (stores, calls, guest memory ops, control flow, insn_start, mb) are
 *    never removed except branches whose outcome is known and unreachable
 *    code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "tcg/optimize.h"
#include "tcg/optimize-int.h"
#include "tcg/memop.h"

/* ---- Per-temp knowledge ---- */

static TempInfo *info_of(OptContext *ctx, TCGTemp *t)
{
    assert(t->index < ctx->nb_info);
    return &ctx->info[t->index];
}

/* The info of t if its facts are current, else NULL (constants have none). */
static TempInfo *valid_info(OptContext *ctx, TCGTemp *t)
{
    TempInfo *ti;

    if (temp_is_const(t)) {
        return NULL;
    }
    ti = info_of(ctx, t);
    return ti->gen == ctx->gen ? ti : NULL;
}

void opt_bits(OptContext *ctx, TCGTemp *t, uint64_t *z, uint64_t *o)
{
    TempInfo *ti;

    if (temp_is_const(t)) {
        *z = *o = temp_const_value(t);
        return;
    }
    ti = valid_info(ctx, t);
    if (ti) {
        *z = ti->z_mask;
        *o = ti->o_mask;
    } else {
        *z = opt_type_mask(t->type);
        *o = 0;
    }
}

bool opt_const(OptContext *ctx, TCGTemp *t, uint64_t *val)
{
    uint64_t z, o;

    opt_bits(ctx, t, &z, &o);
    *val = z;
    return z == o;
}

TCGTemp *opt_const_temp(OptContext *ctx, TCGType type, uint64_t val)
{
    return tcg_constant_internal(ctx->s, type, (int64_t)val);
}

uint32_t opt_stamp(OptContext *ctx, TCGTemp *t)
{
    return temp_is_const(t) ? 0 : info_of(ctx, t)->stamp;
}

/* The temp t was copied from, if both still hold that value. */
static TCGTemp *copy_source(OptContext *ctx, TCGTemp *t)
{
    TempInfo *ti = valid_info(ctx, t);
    TCGTemp *src;

    if (!ti || !ti->copy_of) {
        return NULL;
    }
    src = ti->copy_of;
    if (!temp_is_const(src) && info_of(ctx, src)->stamp != ti->copy_stamp) {
        return NULL;
    }
    return src;
}

/*
 * The oldest known holder of t's value: a constant when t's value is
 * known, else the temp a chain of movs started from. Copies record their
 * source's own source at mov time, so chains are short; the loop only
 * follows facts learnt later (a branch telling us a source's value).
 */
TCGTemp *opt_canonical(OptContext *ctx, TCGTemp *t)
{
    TCGTemp *src;
    uint64_t val;

    if (temp_is_const(t)) {
        return t;
    }
    while ((src = copy_source(ctx, t)) != NULL) {
        t = src;
    }
    if (!temp_is_const(t) && opt_const(ctx, t, &val)) {
        return opt_const_temp(ctx, t->type, val);
    }
    return t;
}

bool opt_same_value(OptContext *ctx, TCGTemp *a, TCGTemp *b)
{
    return a == b || opt_canonical(ctx, a) == opt_canonical(ctx, b);
}

static void forget(OptContext *ctx, TempInfo *ti)
{
    ti->gen = ctx->gen;
    ti->stamp++;
    ti->copy_of = NULL;
    ti->def_src = NULL;
    ti->def_opc = INDEX_op_discard;
}

void opt_write(OptContext *ctx, TCGTemp *t, uint64_t z, uint64_t o)
{
    TempInfo *ti = info_of(ctx, t);
    uint64_t mask = opt_type_mask(t->type);

    forget(ctx, ti);
    ti->z_mask = z & mask;
    ti->o_mask = o & z & mask;
}

void opt_learn_const(OptContext *ctx, TCGTemp *t, uint64_t val)
{
    TempInfo *ti = info_of(ctx, t);

    /* Not a write: copies of t stay valid, so the stamp stays. */
    if (ti->gen != ctx->gen) {
        ti->gen = ctx->gen;
        ti->def_src = NULL;
        ti->def_opc = INDEX_op_discard;
    }
    ti->z_mask = ti->o_mask = val & opt_type_mask(t->type);
    ti->copy_of = opt_const_temp(ctx, t->type, val);
}

void opt_set_def(OptContext *ctx, TCGTemp *t, TCGOpcode opc, TCGTemp *src, uint32_t src_stamp)
{
    TempInfo *ti = info_of(ctx, t);

    if (temp_is_const(src) || src == t) {
        return;     /* folded already, or src overwritten by this very op */
    }
    ti->def_opc = opc;
    ti->def_src = src;
    ti->def_stamp = src_stamp;
}

TCGTemp *opt_def_src(OptContext *ctx, TCGTemp *t, TCGOpcode *opc)
{
    TempInfo *ti = valid_info(ctx, t);

    if (!ti || !ti->def_src || info_of(ctx, ti->def_src)->stamp != ti->def_stamp) {
        return NULL;
    }
    *opc = ti->def_opc;
    return ti->def_src;
}

static void forget_globals(OptContext *ctx)
{
    for (unsigned i = 0; i < ctx->s->nb_globals; i++) {
        TempInfo *ti = &ctx->info[i];

        ti->stamp++;            /* kills copies of the global held elsewhere */
        ti->gen = 0;            /* and what we knew about the global itself */
    }
}

/* ---- Moves ---- */

void opt_mov(OptContext *ctx, TCGOp *op)
{
    TCGTemp *dst = arg_temp(op->args[0]);
    TCGTemp *src = arg_temp(op->args[1]);
    uint32_t src_stamp;
    uint64_t z, o;

    if (opt_same_value(ctx, dst, src)) {
        tcg_op_remove(ctx->s, op);      /* dst already holds that value */
        return;
    }
    opt_bits(ctx, src, &z, &o);
    src_stamp = opt_stamp(ctx, src);
    opt_write(ctx, dst, z, o);
    info_of(ctx, dst)->copy_of = src;
    info_of(ctx, dst)->copy_stamp = src_stamp;
}

void opt_to_mov(OptContext *ctx, TCGOp *op, TCGTemp *src)
{
    opt_reshape(op, INDEX_op_mov);
    op->args[1] = temp_arg(opt_canonical(ctx, src));
    opt_mov(ctx, op);
}

void opt_to_movi(OptContext *ctx, TCGOp *op, uint64_t val)
{
    opt_to_mov(ctx, op, opt_const_temp(ctx, op->type, val));
}

/* ---- The pass ---- */

static void propagate_inputs(OptContext *ctx, TCGOp *op)
{
    unsigned end = op->nb_oargs + op->nb_iargs;

    for (unsigned i = op->nb_oargs; i < end; i++) {
        op->args[i] = temp_arg(opt_canonical(ctx, arg_temp(op->args[i])));
    }
}

static void write_unknown(OptContext *ctx, TCGOp *op)
{
    for (unsigned i = 0; i < op->nb_oargs; i++) {
        TCGTemp *t = arg_temp(op->args[i]);

        opt_write(ctx, t, opt_type_mask(t->type), 0);
    }
}

/* What a guest load's result may be: an unsigned narrow load zero-extends. */
static void opt_guest_ld(OptContext *ctx, TCGOp *op)
{
    TCGTemp *out = arg_temp(op->args[0]);
    MemOp mop = get_memop((MemOpIdx)op->args[2]);
    unsigned bits = memop_size(mop) * 8;
    uint64_t z = opt_type_mask(out->type);

    if (!(mop & MO_SIGN) && bits < 64) {
        z &= (UINT64_C(1) << bits) - 1;
    }
    opt_write(ctx, out, z, 0);
}

static void opt_call(OptContext *ctx, TCGOp *op)
{
    if (!(tcg_call_info(op)->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        forget_globals(ctx);
    }
    write_unknown(ctx, op);
}

void tcg_optimize(TCGContext *s)
{
    OptContext ctx = {
        .s = s,
        .nb_info = s->nb_temps,
        .gen = 1,               /* the arena hands out zeroed infos: gen 0 = unknown */
    };

    ctx.info = tcg_arena_alloc(s, sizeof(TempInfo) * MAX(s->nb_temps, 1u));
    tcg_for_each_op_safe(s, op, next_op) {
        if (op->opc == INDEX_op_set_label) {
            opt_label(&ctx, op);
            continue;
        }
        if (ctx.dead) {
            /* Unreachable; guest instruction boundaries stay for the backend's table. */
            if (op->opc != INDEX_op_insn_start) {
                tcg_op_remove(s, op);
            }
            continue;
        }
        propagate_inputs(&ctx, op);
        switch (op->opc) {
        case INDEX_op_insn_start:
        case INDEX_op_mb:
        case INDEX_op_goto_tb:      /* unchained, it falls through */
        case INDEX_op_st8:
        case INDEX_op_st16:
        case INDEX_op_st32:
        case INDEX_op_st:
        case INDEX_op_guest_st:
            break;
        case INDEX_op_guest_ld:
            opt_guest_ld(&ctx, op);
            break;
        case INDEX_op_discard:
            write_unknown(&ctx, op);
            break;
        case INDEX_op_br:
            opt_br(&ctx, op);
            break;
        case INDEX_op_brcond:
            opt_brcond(&ctx, op);
            break;
        case INDEX_op_exit_tb:
        case INDEX_op_goto_ptr:
            ctx.dead = true;
            break;
        case INDEX_op_call:
            opt_call(&ctx, op);
            break;
        case INDEX_op_mov:
            opt_mov(&ctx, op);
            break;
        default:
            if (tcg_op_defs[op->opc].flags & TCG_OPF_VECTOR) {
                break;      /* CPU state memory only (no globals): no temp written */
            }
            assert(tcg_op_defs[op->opc].flags & TCG_OPF_INT);
            opt_fold(&ctx, op);
            break;
        }
    }
}
