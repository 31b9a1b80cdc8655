/*
 * Helper calls, SysV x86-64 ABI: integer arguments in rdi, rsi, rdx, rcx,
 * r8, r9, then on the stack (the frame keeps 16 bytes for arguments 7 and
 * 8 at [rsp]); the result in rax; rax, rcx, rdx, rsi, rdi, r8-r11 are
 * clobbered. rsp is 16-byte aligned in generated code, as a call needs.
 *
 * Steps: note where every argument is, then empty the caller-saved
 * registers (storing values that live on), write globals back as the
 * helper's flags require, store stack arguments, and move the register
 * arguments into place as one parallel move (cycles broken with xchg),
 * so an argument already in some register costs at most one move.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/x86_64/native.h"

static const int8_t arg_regs[6] = { R_DI, R_SI, R_DX, R_CX, R_R8, R_R9 };

typedef enum { SRC_REG, SRC_MEM, SRC_CONST } SrcKind;

typedef struct ArgSrc {
    SrcKind kind;
    int reg;                /* SRC_REG; SRC_MEM: base */
    int32_t offset;         /* SRC_MEM */
    uint64_t val;           /* SRC_CONST */
    int rexw;
} ArgSrc;

static void note_source(NativeGen *g, TCGTemp *t, ArgSrc *src)
{
    TempState *ts = ts_of(g, t);

    src->rexw = rexw_of(t->type);
    if (t->kind == TEMP_CONST) {
        src->kind = SRC_CONST;
        src->val = temp_const_value(t);
    } else if (ts->val == VAL_REG) {
        src->kind = SRC_REG;
        src->reg = ts->reg;
    } else {
        src->kind = SRC_MEM;
        ra_temp_mem(g, t, &src->reg, &src->offset);
    }
}

static void store_stack_arg(NativeGen *g, const ArgSrc *src, int32_t offset, int scratch)
{
    Asm *a = &g->a;

    switch (src->kind) {
    case SRC_REG:
        emit_st(a, P_REXW, src->reg, R_SP, offset);
        break;
    case SRC_CONST:
        if (fits_i32((int64_t)src->val)) {
            emit_modrm_mem(a, OPC_MOVL_EvIz | P_REXW, 0, R_SP, offset);
            out32(a, (uint32_t)src->val);
            break;
        }
        emit_movi(a, P_REXW, scratch, src->val, true);
        emit_st(a, P_REXW, scratch, R_SP, offset);
        break;
    case SRC_MEM:
        emit_ld(a, src->rexw, scratch, src->reg, src->offset);
        emit_st(a, P_REXW, scratch, R_SP, offset);
        break;
    }
}

void gen_parallel_move(NativeGen *g, int *dst, int *src, unsigned n)
{
    while (n) {
        unsigned i, j;

        for (i = 0; i < n; i++) {
            bool blocked = false;

            for (j = 0; j < n; j++) {
                if (j != i && src[j] == dst[i]) {
                    blocked = true;
                    break;
                }
            }
            if (!blocked) {
                break;
            }
        }
        if (i < n) {
            emit_mov_rr(&g->a, P_REXW, dst[i], src[i]);
        } else {
            /* Every destination is still needed as a source: a cycle. */
            int d = dst[0], s = src[0];

            i = 0;
            emit_modrm(&g->a, OPC_XCHG_GvEv | P_REXW, d, s);
            for (j = 1; j < n; j++) {
                if (src[j] == s) {
                    src[j] = d;
                } else if (src[j] == d) {
                    src[j] = s;
                }
            }
        }
        dst[i] = dst[n - 1];
        src[i] = src[n - 1];
        n--;
    }
}

void gen_call_abs(NativeGen *g, const void *func)
{
    intptr_t disp = (const uint8_t *)func - (gen_rx(g, g->a.ptr) + 5);

    if (fits_i32(disp)) {
        out8(&g->a, OPC_CALL_Jz);
        out32(&g->a, (uint32_t)disp);
    } else {
        emit_movi(&g->a, P_REXW, R_AX, (uintptr_t)func, true);
        emit_modrm(&g->a, OPC_GRP5, EXT5_CALL, R_AX);
    }
}

void gen_call(NativeGen *g, TCGOp *op)
{
    const TCGHelperInfo *info = tcg_call_info(op);
    unsigned no = op->nb_oargs, ni = op->nb_iargs;
    const uint8_t *func = (const uint8_t *)op->args[no + ni];
    ArgSrc src[TCG_MAX_HELPER_ARGS];
    uint32_t src_regs = 0;
    int mdst[6], msrc[6], out[1] = { R_AX };
    unsigned nmoves = 0;
    int scratch = -1;

    assert(ni <= TCG_MAX_HELPER_ARGS);
    for (unsigned i = 0; i < ni; i++) {
        note_source(g, op_temp(op, no + i), &src[i]);
        if (src[i].kind == SRC_REG) {
            src_regs |= REG_BIT(src[i].reg);
        }
    }

    /* The call clobbers these: keep what lives on in memory. */
    for (int r = 0; r < 16; r++) {
        TCGTemp *t = g->reg_temp[r];

        if (!t || !(CALL_CLOBBERED & REG_BIT(r))) {
            continue;
        }
        {
            bool dies_here = false;

            for (unsigned i = 0; i < ni; i++) {
                if (op_temp(op, no + i) == t && arg_dies(op, no + i)) {
                    dies_here = true;
                }
            }
            if (!dies_here || t->kind == TEMP_GLOBAL) {
                ra_evict(g, r);
            } else {
                ra_temp_free(g, t);
            }
        }
    }
    if (!(info->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        ra_release_globals(g);
    } else if (!(info->flags & TCG_CALL_NO_READ_GLOBALS)) {
        ra_sync(g, true, false);
    }

    /* Stack arguments first, while every argument register still holds its source. */
    for (int r = 0; r < 16; r++) {
        if ((CALL_CLOBBERED & REG_BIT(r)) && !(src_regs & REG_BIT(r))) {
            scratch = r;
            break;
        }
    }
    assert(scratch >= 0);
    for (unsigned i = 6; i < ni; i++) {
        store_stack_arg(g, &src[i], (int32_t)(i - 6) * 8, scratch);
    }

    for (unsigned i = 0; i < ni && i < 6; i++) {
        if (src[i].kind == SRC_REG && src[i].reg != arg_regs[i]) {
            mdst[nmoves] = arg_regs[i];
            msrc[nmoves] = src[i].reg;
            nmoves++;
        }
    }
    gen_parallel_move(g, mdst, msrc, nmoves);
    for (unsigned i = 0; i < ni && i < 6; i++) {
        if (src[i].kind == SRC_MEM) {
            emit_ld(&g->a, src[i].rexw, arg_regs[i], src[i].reg, src[i].offset);
        } else if (src[i].kind == SRC_CONST) {
            emit_movi(&g->a, src[i].rexw, arg_regs[i], src[i].val, true);
        }
    }

    gen_call_abs(g, func);
    ra_finish_op(g, op, out);
}
