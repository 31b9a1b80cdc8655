/*
 * The register allocator: a local, one-pass allocator in the style of
 * QEMU's. There is no interference graph and no second pass: while the
 * code generator walks the ops forward, each temp is either nowhere
 * (dead), in a host register, or in its memory home (a global's CPU state
 * field, or a stack slot for other temps). Liveness (tcg/liveness.c) says
 * at which op a value dies and where a global or TB temp must reach
 * memory, so registers are freed at last use and stores happen only where
 * something needs the memory copy.
 *
 * Op emitters use it in three steps: ra_load() inputs (which locks their
 * registers for the op), pick output registers (ra_out(), or reuse an
 * input register that dies), emit, then ra_finish_op() frees dead inputs,
 * binds outputs, and does the syncs and frees liveness asked for.
 * Constants are never bound: an emitter that cannot use one as an
 * immediate gets it in a scratch register for the op.
 *
 * When no register is free, the victim is one whose memory copy is
 * already current (a free eviction) if there is one, else the first in
 * allocation order, which is stored to its home first.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/x86_64/native.h"

/*
 * Callee-saved registers first: values in them survive helper calls.
 * rax, rdx, rcx last: division, double-width multiply and variable
 * shifts need them.
 */
static const int8_t alloc_order[] = {
    R_BX, R_R12, R_R13, R_R14, R_R15, R_SI, R_DI, R_R8, R_R9, R_R10, R_R11,
    R_AX, R_DX, R_CX,
};

void emit_movi_for(NativeGen *g, TCGType type, int reg, uint64_t val, bool flags_ok)
{
    emit_movi(&g->a, rexw_of(type), reg, val, flags_ok);
}

void ra_begin(NativeGen *g)
{
    TCGContext *s = g->s;

    g->ts = tcg_arena_alloc(s, s->nb_temps * sizeof(TempState));
    memset(g->reg_temp, 0, sizeof(g->reg_temp));
    g->locked = 0;
    g->next_slot = FRAME_SLOTS;
    for (unsigned i = 0; i < s->nb_temps; i++) {
        TCGTemp *t = tcg_temp_at(s, i);
        TempState *ts = &g->ts[i];

        switch (t->kind) {
        case TEMP_GLOBAL:
            ts->val = VAL_MEM;
            break;
        case TEMP_FIXED:
            ts->val = VAL_REG;
            ts->reg = t->reg;
            ts->mem_coherent = true;
            break;
        default:
            ts->val = VAL_DEAD;
            break;
        }
    }
}

void ra_temp_mem(NativeGen *g, TCGTemp *t, int *base, int32_t *offset)
{
    TempState *ts = ts_of(g, t);

    if (t->kind == TEMP_GLOBAL) {
        assert(t->mem_base->kind == TEMP_FIXED && fits_i32(t->mem_offset));
        *base = t->mem_base->reg;
        *offset = (int32_t)t->mem_offset;
        return;
    }
    assert(t->kind == TEMP_EBB || t->kind == TEMP_TB);
    if (!ts->has_slot) {
        ts->slot = g->next_slot;
        ts->has_slot = true;
        g->next_slot += 8;
        assert(g->next_slot <= FRAME_SLOTS + FRAME_STATIC_SLOTS * 8 + g->frame_grow);
    }
    *base = R_SP;
    *offset = ts->slot;
}

void ra_save(NativeGen *g, TCGTemp *t)
{
    TempState *ts = ts_of(g, t);
    int base;
    int32_t offset;

    if (ts->val == VAL_REG && !ts->mem_coherent && t->kind != TEMP_FIXED) {
        ra_temp_mem(g, t, &base, &offset);
        emit_st(&g->a, rexw_of(t->type), ts->reg, base, offset);
        ts->mem_coherent = true;
    }
}

static void unbind(NativeGen *g, TCGTemp *t, ValKind val)
{
    TempState *ts = ts_of(g, t);

    if (ts->val == VAL_REG) {
        assert(g->reg_temp[ts->reg] == t);
        g->reg_temp[ts->reg] = NULL;
    }
    ts->val = val;
}

void ra_evict(NativeGen *g, int reg)
{
    TCGTemp *t = g->reg_temp[reg];

    if (t) {
        ra_save(g, t);
        unbind(g, t, VAL_MEM);
    }
}

/* The value a temp has after its register is let go without a store. */
static ValKind released_val(const TCGTemp *t)
{
    return t->kind == TEMP_EBB ? VAL_DEAD : VAL_MEM;
}

void ra_temp_free(NativeGen *g, TCGTemp *t)
{
    if (t->kind == TEMP_FIXED || t->kind == TEMP_CONST) {
        return;
    }
    unbind(g, t, released_val(t));
}

void ra_discard(NativeGen *g, TCGTemp *t)
{
    ra_temp_free(g, t);
}

int ra_alloc(NativeGen *g, uint32_t allowed)
{
    int victim = -1;

    allowed &= ~g->locked;
    for (size_t i = 0; i < ARRAY_SIZE(alloc_order); i++) {
        int r = alloc_order[i];

        if ((allowed & REG_BIT(r)) && !g->reg_temp[r]) {
            g->locked |= REG_BIT(r);
            return r;
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(alloc_order); i++) {
        int r = alloc_order[i];

        if (allowed & REG_BIT(r)) {
            if (victim < 0) {
                victim = r;
            }
            if (ts_of(g, g->reg_temp[r])->mem_coherent) {
                victim = r;
                break;
            }
        }
    }
    assert(victim >= 0);
    ra_evict(g, victim);
    g->locked |= REG_BIT(victim);
    return victim;
}

int ra_load(NativeGen *g, TCGTemp *t, uint32_t allowed)
{
    TempState *ts = ts_of(g, t);
    int rexw = rexw_of(t->type);
    int base, r;
    int32_t offset;

    if (t->kind == TEMP_CONST) {
        r = ra_alloc(g, allowed);
        emit_movi(&g->a, rexw, r, temp_const_value(t), true);
        return r;
    }
    if (ts->val == VAL_REG) {
        if (allowed & REG_BIT(ts->reg)) {
            g->locked |= REG_BIT(ts->reg);
            return ts->reg;
        }
        /* In the wrong register for this op: a scratch copy. */
        r = ra_alloc(g, allowed);
        emit_mov_rr(&g->a, rexw, r, ts->reg);
        return r;
    }
    r = ra_alloc(g, allowed);
    if (ts->val == VAL_MEM) {
        ra_temp_mem(g, t, &base, &offset);
        emit_ld(&g->a, rexw, r, base, offset);
        ts->mem_coherent = true;
    } else {
        ts->mem_coherent = false;       /* read before written: any value */
    }
    ts->val = VAL_REG;
    ts->reg = r;
    g->reg_temp[r] = t;
    return r;
}

void ra_load_into(NativeGen *g, TCGTemp *t, int reg)
{
    TempState *ts = ts_of(g, t);
    int rexw = rexw_of(t->type);
    int base;
    int32_t offset;

    if (g->reg_temp[reg] == t) {
        ra_evict(g, reg);       /* the op clobbers it: keep the value at home */
    } else {
        ra_evict(g, reg);
        if (t->kind == TEMP_CONST) {
            emit_movi(&g->a, rexw, reg, temp_const_value(t), true);
        } else if (ts->val == VAL_REG) {
            emit_mov_rr(&g->a, rexw, reg, ts->reg);
        } else if (ts->val == VAL_MEM) {
            ra_temp_mem(g, t, &base, &offset);
            emit_ld(&g->a, rexw, reg, base, offset);
        }
    }
    g->locked |= REG_BIT(reg);
}

int ra_out(NativeGen *g, TCGTemp *t, uint32_t allowed)
{
    TempState *ts = ts_of(g, t);

    if (ts->val == VAL_REG && (allowed & ~g->locked & REG_BIT(ts->reg))) {
        g->locked |= REG_BIT(ts->reg);
        return ts->reg;
    }
    return ra_alloc(g, allowed);
}

bool ra_is_scratch(NativeGen *g, TCGTemp *t, int reg)
{
    if (t->kind == TEMP_FIXED) {
        return reg != t->reg;
    }
    return g->reg_temp[reg] != t;
}

void ra_finish_op(NativeGen *g, const TCGOp *op, const int *out_regs)
{
    unsigned no = op->nb_oargs, nt = no + op->nb_iargs;

    for (unsigned i = no; i < nt; i++) {
        if (arg_dies(op, i)) {
            ra_temp_free(g, op_temp(op, i));
        }
    }
    for (unsigned i = 0; i < no; i++) {
        TCGTemp *t = op_temp(op, i);
        TempState *ts = ts_of(g, t);
        int r = out_regs[i];

        if (ts->val == VAL_REG && ts->reg != r) {
            g->reg_temp[ts->reg] = NULL;
        }
        assert(!g->reg_temp[r] || g->reg_temp[r] == t);
        g->reg_temp[r] = t;
        ts->val = VAL_REG;
        ts->reg = r;
        ts->mem_coherent = false;
    }
    for (unsigned i = 0; i < no; i++) {
        TCGTemp *t = op_temp(op, i);

        if ((op->sync >> i) & 1) {
            ra_save(g, t);
        }
        if (arg_dies(op, i)) {
            ra_temp_free(g, t);
        }
    }
}

void ra_sync(NativeGen *g, bool globals, bool tb_temps)
{
    for (int r = 0; r < 16; r++) {
        TCGTemp *t = g->reg_temp[r];

        if (t && ((globals && t->kind == TEMP_GLOBAL) || (tb_temps && t->kind == TEMP_TB))) {
            ra_save(g, t);
        }
    }
}

void ra_release_globals(NativeGen *g)
{
    for (int r = 0; r < 16; r++) {
        TCGTemp *t = g->reg_temp[r];

        if (t && t->kind == TEMP_GLOBAL) {
            ra_save(g, t);
            unbind(g, t, VAL_MEM);
        }
    }
}

void ra_free_all(NativeGen *g)
{
    for (int r = 0; r < 16; r++) {
        TCGTemp *t = g->reg_temp[r];

        if (t) {
            unbind(g, t, released_val(t));
        }
    }
}
