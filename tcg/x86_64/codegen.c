/*
 * Code generation driver: walks the op list once, emitting host code for
 * each op into the code buffer, and handles control flow: labels and their
 * relocations, branches, TB exits, goto_tb jump slots, guest instruction
 * boundaries. Data ops are in codegen-arith.c, calls in codegen-call.c.
 *
 * Blocks: at every label the register file is empty and every global and
 * TB temp is in memory (liveness arranged for the stores to happen where
 * the values were made); before each branch the same holds for the taken
 * path. EBB temps stay in registers along fall-through paths.
 *
 * Buffer space is checked before every op against a worst-case op size
 * plus the room the pending guest memory slow paths need, so emission
 * itself never checks; a TB that does not fit makes gen_code
 * return NULL and the caller flushes the buffer and retries.
 *
 * A TB with more temps than the static frame has slots for (rare) grows
 * the frame on entry and shrinks it before each exit, so there is no limit
 * on temps per TB; the bound is known before emitting (one slot per temp).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/x86_64/native.h"
#include "tcg/liveness.h"
#include "tcg/code-buffer.h"

/* A rel32 jump/call/jcc (opc) to fixed code at target (execute view). */
void gen_jmp_rx(NativeGen *g, int opc, const void *target)
{
    intptr_t disp;

    emit_opc(&g->a, opc, 0, 0, 0);
    disp = (const uint8_t *)target - (gen_rx(g, g->a.ptr) + 4);
    assert(fits_i32(disp));
    out32(&g->a, (uint32_t)disp);
}

void gen_frame_shrink(NativeGen *g)
{
    if (g->frame_grow) {
        /* lea keeps the flags (goto_ptr tests after it). */
        emit_modrm_mem(&g->a, OPC_LEA | P_REXW, R_SP, R_SP, g->frame_grow);
    }
}

void gen_frame_regrow(NativeGen *g)
{
    if (g->frame_grow) {
        emit_modrm_mem(&g->a, OPC_LEA | P_REXW, R_SP, R_SP, -g->frame_grow);
    }
}

/* ---- Labels ---- */

static void gen_jump_label(NativeGen *g, int cc, TCGLabel *l)
{
    Asm *a = &g->a;

    if (l->has_value) {
        uint8_t *target = (uint8_t *)l->value;
        ptrdiff_t short_disp = target - (a->ptr + 2);

        if (fits_i8(short_disp)) {
            out8(a, cc < 0 ? OPC_JMP_short : OPC_JCC_short + cc);
            out8(a, (uint8_t)short_disp);
            return;
        }
        if (cc < 0) {
            out8(a, OPC_JMP_long);
        } else {
            out8(a, 0x0f);
            out8(a, 0x80 + cc);
        }
        out32(a, (uint32_t)(target - (a->ptr + 4)));
        return;
    }
    if (cc < 0) {
        out8(a, OPC_JMP_long);
    } else {
        out8(a, 0x0f);
        out8(a, 0x80 + cc);
    }
    {
        TCGRelocation *r = tcg_arena_alloc(g->s, sizeof(*r));

        r->ptr = a->ptr;
        r->next = l->relocs;
        l->relocs = r;
    }
    out32(a, 0);
}

static void gen_set_label(NativeGen *g, TCGLabel *l)
{
    ra_sync(g, true, false);
    ra_free_all(g);
    l->value = (uintptr_t)g->a.ptr;
    l->has_value = true;
    for (TCGRelocation *r = l->relocs; r; r = r->next) {
        uint8_t *disp = r->ptr;
        int32_t v = (int32_t)(g->a.ptr - (disp + 4));

        memcpy(disp, &v, 4);
    }
    l->relocs = NULL;
}

static void gen_brcond(NativeGen *g, TCGOp *op)
{
    TCGCond cond = (TCGCond)op->args[2];
    TCGLabel *l = arg_label(op->args[3]);

    ra_sync(g, true, false);
    if (cond == TCG_COND_ALWAYS) {
        gen_jump_label(g, -1, l);
    } else if (cond != TCG_COND_NEVER) {
        int cc = gen_compare(g, op->type, cond, op_temp(op, 0), op_temp(op, 1));

        gen_jump_label(g, cc, l);
    }
    ra_finish_op(g, op, NULL);
}

/* ---- Exits ---- */

static void gen_exit_tb(NativeGen *g, uintptr_t val)
{
    ra_sync(g, true, false);
    gen_frame_shrink(g);
    if (val == 0) {
        gen_jmp_rx(g, OPC_JMP_long, native_epilogue_ret0);
    } else {
        emit_movi(&g->a, P_REXW, R_AX, val, true);
        gen_jmp_rx(g, OPC_JMP_long, native_epilogue);
    }
    ra_free_all(g);
}

static void gen_goto_tb(NativeGen *g, unsigned n)
{
    Asm *a = &g->a;

    ra_sync(g, true, false);
    gen_frame_shrink(g);
    /* The displacement must be 4-byte aligned so that chaining can patch it atomically. */
    emit_nops(a, (int)(-(uintptr_t)(a->ptr + 1) & 3));
    out8(a, OPC_JMP_long);
    g->s->goto_tb_jump_offset[n] = (uint32_t)(a->ptr - g->start);
    out32(a, 0);
    g->s->goto_tb_reset_offset[n] = (uint32_t)(a->ptr - g->start);
    gen_frame_regrow(g);
}

static void gen_goto_ptr(NativeGen *g, TCGOp *op)
{
    int r;

    ra_sync(g, true, false);
    r = ra_load(g, op_temp(op, 0), ALL_REGS);
    gen_frame_shrink(g);
    emit_modrm(&g->a, OPC_TESTL | P_REXW, r, r);
    gen_jmp_rx(g, OPC_JCC_long + JCC_JE, native_epilogue_ret0);
    emit_modrm(&g->a, OPC_GRP5, EXT5_JMP, r);
    ra_free_all(g);
}

static void gen_mb(NativeGen *g, unsigned barrier)
{
    /* x86 only reorders later loads before earlier stores; a locked op is a full fence. */
    if (barrier & TCG_MO_ST_LD) {
        out8(&g->a, 0xf0);
        emit_modrm_mem(&g->a, OPC_ARITH_EvIb, ARITH_OR, R_SP, 0);
        out8(&g->a, 0);
    }
}

static void record_insn_end(NativeGen *g)
{
    uint32_t off = (uint32_t)(g->a.ptr - g->start);

    g_array_append_val(g->s->insn_end_offsets, off);
}

const void *native_gen_code(TCGContext *s, size_t *size)
{
    NativeGen g = { .s = s };
    size_t avail;
    uint8_t *buf;
    unsigned max_slots;
    bool in_insn = false;

#ifndef NDEBUG
    if (!tcg_verify(s)) {
        g_error("tcg: invalid IR given to the native backend");
    }
#endif
    tcg_liveness(s);

    buf = code_buffer_begin(&avail);
    if (avail < 2 * MAX_OP_BYTES) {
        return NULL;
    }
    g.a.ptr = g.start = buf;
    g.limit = buf + avail - MAX_OP_BYTES;
    g.features = tcg_native_features();

    /* A retry after a flush starts over: forget the previous attempt. */
    for (guint i = 0; i < s->labels->len; i++) {
        TCGLabel *l = s->labels->pdata[i];

        l->has_value = false;
        l->relocs = NULL;
    }
    for (int i = 0; i < 2; i++) {
        s->goto_tb_jump_offset[i] = UINT32_MAX;
        s->goto_tb_reset_offset[i] = UINT32_MAX;
    }
    g_array_set_size(s->insn_end_offsets, 0);

    max_slots = s->nb_temps - s->nb_globals;
    if (max_slots > FRAME_STATIC_SLOTS) {
        g.frame_grow = (int32_t)(((max_slots - FRAME_STATIC_SLOTS) * 8 + 15) & ~15u);
    }
    ra_begin(&g);
    gen_frame_regrow(&g);

    tcg_for_each_op(s, op) {
        if (g.a.ptr + g.slow_path_bytes > g.limit) {
            return NULL;
        }
        g.locked = 0;
        switch (op->opc) {
        case INDEX_op_insn_start:
            if (in_insn) {
                record_insn_end(&g);
            }
            in_insn = true;
            break;
        case INDEX_op_discard:
            ra_discard(&g, op_temp(op, 0));
            break;
        case INDEX_op_set_label:
            gen_set_label(&g, arg_label(op->args[0]));
            break;
        case INDEX_op_br:
            ra_sync(&g, true, false);
            gen_jump_label(&g, -1, arg_label(op->args[0]));
            ra_free_all(&g);
            break;
        case INDEX_op_brcond:
            gen_brcond(&g, op);
            break;
        case INDEX_op_exit_tb:
            gen_exit_tb(&g, op->args[0]);
            break;
        case INDEX_op_goto_tb:
            gen_goto_tb(&g, op->args[0]);
            break;
        case INDEX_op_goto_ptr:
            gen_goto_ptr(&g, op);
            break;
        case INDEX_op_mb:
            gen_mb(&g, op->args[0]);
            break;
        case INDEX_op_call:
            gen_call(&g, op);
            break;
        case INDEX_op_guest_ld:
        case INDEX_op_guest_st:
            gen_guest_mem(&g, op);
            break;
        default:
            if (tcg_op_defs[op->opc].flags & TCG_OPF_VECTOR) {
                gen_vec_op(&g, op);
            } else {
                gen_data_op(&g, op);
            }
            break;
        }
    }
    if (in_insn) {
        record_insn_end(&g);
    }
    gen_guest_slow_paths(&g);
    *size = g.a.ptr - buf;
    return code_buffer_commit(*size);
}
