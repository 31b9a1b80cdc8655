/*
 * The builder API: see tcg/tcg-op.h. The typed entry points below check
 * their constant arguments and share one emitter per op shape.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/tcg-op.h"

static unsigned type_bits(TCGType type)
{
    return type == TCG_TYPE_I32 ? 32 : 64;
}

void tcg_gen_op1(TCGOpcode opc, TCGType type, TCGArg a1)
{
    TCGOp *op = tcg_emit_op(tcg_ctx, opc, type, 1);

    op->args[0] = a1;
}

void tcg_gen_op2(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2)
{
    TCGOp *op = tcg_emit_op(tcg_ctx, opc, type, 2);

    op->args[0] = a1;
    op->args[1] = a2;
}

void tcg_gen_op3(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3)
{
    TCGOp *op = tcg_emit_op(tcg_ctx, opc, type, 3);

    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
}

void tcg_gen_op4(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                 TCGArg a4)
{
    TCGOp *op = tcg_emit_op(tcg_ctx, opc, type, 4);

    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
}

void tcg_gen_op5(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                 TCGArg a4, TCGArg a5)
{
    TCGOp *op = tcg_emit_op(tcg_ctx, opc, type, 5);

    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
}

void tcg_gen_op6(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                 TCGArg a4, TCGArg a5, TCGArg a6)
{
    TCGOp *op = tcg_emit_op(tcg_ctx, opc, type, 6);

    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
    op->args[5] = a6;
}

/* ---- Control flow ---- */

void tcg_gen_set_label(TCGLabel *l)
{
    assert(!l->present);
    l->present = true;
    tcg_gen_op1(INDEX_op_set_label, TCG_TYPE_I64, label_arg(l));
}

void tcg_gen_br(TCGLabel *l)
{
    l->refs++;
    tcg_gen_op1(INDEX_op_br, TCG_TYPE_I64, label_arg(l));
}

static void gen_brcond(TCGCond cond, TCGType type, TCGTemp *a, TCGTemp *b, TCGLabel *l)
{
    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (cond != TCG_COND_NEVER) {
        l->refs++;
        tcg_gen_op4(INDEX_op_brcond, type, temp_arg(a), temp_arg(b), cond, label_arg(l));
    }
}

void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 a, TCGv_i32 b, TCGLabel *l)
{
    gen_brcond(cond, TCG_TYPE_I32, tcgv_i32_temp(a), tcgv_i32_temp(b), l);
}

void tcg_gen_brcond_i64(TCGCond cond, TCGv_i64 a, TCGv_i64 b, TCGLabel *l)
{
    gen_brcond(cond, TCG_TYPE_I64, tcgv_i64_temp(a), tcgv_i64_temp(b), l);
}

void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 a, int32_t b, TCGLabel *l)
{
    tcg_gen_brcond_i32(cond, a, tcg_constant_i32(b), l);
}

void tcg_gen_brcondi_i64(TCGCond cond, TCGv_i64 a, int64_t b, TCGLabel *l)
{
    tcg_gen_brcond_i64(cond, a, tcg_constant_i64(b), l);
}

void tcg_gen_insn_start(uint64_t pc, uint64_t data1, uint64_t data2)
{
    tcg_ctx->nb_insns++;
    tcg_gen_op3(INDEX_op_insn_start, TCG_TYPE_I64, pc, data1, data2);
}

void tcg_gen_exit_tb(uintptr_t val)
{
    tcg_gen_op1(INDEX_op_exit_tb, TCG_TYPE_I64, val);
}

void tcg_gen_goto_tb(unsigned n)
{
    assert(n < 2);
    tcg_gen_op1(INDEX_op_goto_tb, TCG_TYPE_I64, n);
}

void tcg_gen_goto_ptr(TCGv_ptr ptr)
{
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_PTR, temp_arg(tcgv_ptr_temp(ptr)));
}

void tcg_gen_mb(unsigned barrier)
{
    assert(barrier && !(barrier & ~TCG_MO_ALL));
    tcg_gen_op1(INDEX_op_mb, TCG_TYPE_I64, barrier);
}

void tcg_gen_discard_i32(TCGv_i32 t)
{
    tcg_gen_op1(INDEX_op_discard, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(t)));
}

void tcg_gen_discard_i64(TCGv_i64 t)
{
    tcg_gen_op1(INDEX_op_discard, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(t)));
}

void tcg_gen_call(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp *const *args)
{
    unsigned nb_oargs = info->has_ret ? 1 : 0;
    unsigned nargs = nb_oargs + info->nb_args + 2;
    TCGOp *op = tcg_emit_op(tcg_ctx, INDEX_op_call, TCG_TYPE_I64, nargs);
    unsigned i = 0;

    assert(info->nb_args <= TCG_MAX_HELPER_ARGS);
    assert(!info->has_ret == !ret);
    op->nb_oargs = nb_oargs;
    op->nb_iargs = info->nb_args;
    op->nb_cargs = 2;
    if (ret) {
        assert(ret->type == info->ret_type);
        op->args[i++] = temp_arg(ret);
    }
    for (unsigned a = 0; a < info->nb_args; a++) {
        assert(args[a]->type == info->arg_types[a]);
        op->args[i++] = temp_arg(args[a]);
    }
    op->args[i++] = (TCGArg)info->func;
    op->args[i++] = (TCGArg)info;
}

/* ---- Guest memory ---- */

static void gen_guest_mem(TCGOpcode opc, TCGType type, TCGTemp *val, TCGTemp *addr,
                          unsigned mmu_idx, MemOp memop)
{
    /* An i32 access carries at most 4 bytes; 8-byte accesses need an i64. */
    assert(type == TCG_TYPE_I64 || (memop & MO_SIZE) <= MO_32);
    /* A full-width load has nothing to extend. */
    if ((memop & MO_SIZE) == (type == TCG_TYPE_I32 ? MO_32 : MO_64)) {
        memop &= ~MO_SIGN;
    }
    tcg_gen_op3(opc, type, temp_arg(val), temp_arg(addr), make_memop_idx(memop, mmu_idx));
}

void tcg_gen_guest_ld_i32(TCGv_i32 val, TCGv_i64 addr, unsigned mmu_idx, MemOp memop)
{
    gen_guest_mem(INDEX_op_guest_ld, TCG_TYPE_I32, tcgv_i32_temp(val), tcgv_i64_temp(addr),
                  mmu_idx, memop);
}

void tcg_gen_guest_ld_i64(TCGv_i64 val, TCGv_i64 addr, unsigned mmu_idx, MemOp memop)
{
    gen_guest_mem(INDEX_op_guest_ld, TCG_TYPE_I64, tcgv_i64_temp(val), tcgv_i64_temp(addr),
                  mmu_idx, memop);
}

void tcg_gen_guest_st_i32(TCGv_i32 val, TCGv_i64 addr, unsigned mmu_idx, MemOp memop)
{
    gen_guest_mem(INDEX_op_guest_st, TCG_TYPE_I32, tcgv_i32_temp(val), tcgv_i64_temp(addr),
                  mmu_idx, memop & ~MO_SIGN);
}

void tcg_gen_guest_st_i64(TCGv_i64 val, TCGv_i64 addr, unsigned mmu_idx, MemOp memop)
{
    gen_guest_mem(INDEX_op_guest_st, TCG_TYPE_I64, tcgv_i64_temp(val), tcgv_i64_temp(addr),
                  mmu_idx, memop & ~MO_SIGN);
}

/* ---- Shared emitters for the typed entry points ---- */

static void gen_extract(TCGOpcode opc, TCGType type, TCGTemp *ret, TCGTemp *a,
                        unsigned ofs, unsigned len)
{
    assert(len > 0 && ofs + len <= type_bits(type));
    tcg_gen_op4(opc, type, temp_arg(ret), temp_arg(a), ofs, len);
}

static void gen_deposit(TCGType type, TCGTemp *ret, TCGTemp *a, TCGTemp *b,
                        unsigned ofs, unsigned len)
{
    assert(len > 0 && ofs + len <= type_bits(type));
    tcg_gen_op5(INDEX_op_deposit, type, temp_arg(ret), temp_arg(a), temp_arg(b), ofs, len);
}

static void gen_extract2(TCGType type, TCGTemp *ret, TCGTemp *lo, TCGTemp *hi,
                         unsigned ofs)
{
    assert(ofs <= type_bits(type));
    tcg_gen_op4(INDEX_op_extract2, type, temp_arg(ret), temp_arg(lo), temp_arg(hi), ofs);
}

static void gen_setcond(TCGOpcode opc, TCGCond cond, TCGType type, TCGTemp *ret,
                        TCGTemp *a, TCGTemp *b)
{
    assert(cond < TCG_COND_COUNT);
    tcg_gen_op4(opc, type, temp_arg(ret), temp_arg(a), temp_arg(b), cond);
}

static void gen_movcond(TCGCond cond, TCGType type, TCGTemp *ret, TCGTemp *c1,
                        TCGTemp *c2, TCGTemp *v1, TCGTemp *v2)
{
    assert(cond < TCG_COND_COUNT);
    tcg_gen_op6(INDEX_op_movcond, type, temp_arg(ret), temp_arg(c1), temp_arg(c2),
                temp_arg(v1), temp_arg(v2), cond);
}

static void gen_double(TCGOpcode opc, TCGType type, TCGTemp *lo, TCGTemp *hi,
                       TCGTemp *a, TCGTemp *b)
{
    assert(lo != hi);
    tcg_gen_op4(opc, type, temp_arg(lo), temp_arg(hi), temp_arg(a), temp_arg(b));
}

static void gen_carry(TCGOpcode opc, TCGType type, TCGTemp *rl, TCGTemp *rh,
                      TCGTemp *al, TCGTemp *ah, TCGTemp *bl, TCGTemp *bh)
{
    TCGOp *op;

    assert(rl != rh);
    op = tcg_emit_op(tcg_ctx, opc, type, 6);
    op->args[0] = temp_arg(rl);
    op->args[1] = temp_arg(rh);
    op->args[2] = temp_arg(al);
    op->args[3] = temp_arg(ah);
    op->args[4] = temp_arg(bl);
    op->args[5] = temp_arg(bh);
}

/* ---- i32 ---- */

void tcg_gen_extract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len)
{
    gen_extract(INDEX_op_extract, TCG_TYPE_I32, tcgv_i32_temp(ret), tcgv_i32_temp(a), ofs, len);
}

void tcg_gen_sextract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len)
{
    gen_extract(INDEX_op_sextract, TCG_TYPE_I32, tcgv_i32_temp(ret), tcgv_i32_temp(a), ofs, len);
}

void tcg_gen_deposit_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b, unsigned ofs, unsigned len)
{
    gen_deposit(TCG_TYPE_I32, tcgv_i32_temp(ret), tcgv_i32_temp(a), tcgv_i32_temp(b), ofs, len);
}

void tcg_gen_extract2_i32(TCGv_i32 ret, TCGv_i32 lo, TCGv_i32 hi, unsigned ofs)
{
    gen_extract2(TCG_TYPE_I32, tcgv_i32_temp(ret), tcgv_i32_temp(lo), tcgv_i32_temp(hi), ofs);
}

void tcg_gen_setcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    gen_setcond(INDEX_op_setcond, cond, TCG_TYPE_I32, tcgv_i32_temp(ret), tcgv_i32_temp(a), tcgv_i32_temp(b));
}

void tcg_gen_setcondi_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_setcond_i32(cond, ret, a, tcg_constant_i32(b));
}

void tcg_gen_negsetcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    gen_setcond(INDEX_op_negsetcond, cond, TCG_TYPE_I32, tcgv_i32_temp(ret), tcgv_i32_temp(a), tcgv_i32_temp(b));
}

void tcg_gen_movcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 c1, TCGv_i32 c2, TCGv_i32 v1, TCGv_i32 v2)
{
    gen_movcond(cond, TCG_TYPE_I32, tcgv_i32_temp(ret), tcgv_i32_temp(c1), tcgv_i32_temp(c2), tcgv_i32_temp(v1), tcgv_i32_temp(v2));
}

void tcg_gen_mulu2_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i32 a, TCGv_i32 b)
{
    gen_double(INDEX_op_mulu2, TCG_TYPE_I32, tcgv_i32_temp(lo), tcgv_i32_temp(hi), tcgv_i32_temp(a), tcgv_i32_temp(b));
}

void tcg_gen_muls2_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i32 a, TCGv_i32 b)
{
    gen_double(INDEX_op_muls2, TCG_TYPE_I32, tcgv_i32_temp(lo), tcgv_i32_temp(hi), tcgv_i32_temp(a), tcgv_i32_temp(b));
}

void tcg_gen_add2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl, TCGv_i32 bh)
{
    gen_carry(INDEX_op_add2, TCG_TYPE_I32, tcgv_i32_temp(rl), tcgv_i32_temp(rh), tcgv_i32_temp(al), tcgv_i32_temp(ah), tcgv_i32_temp(bl), tcgv_i32_temp(bh));
}

void tcg_gen_sub2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl, TCGv_i32 bh)
{
    gen_carry(INDEX_op_sub2, TCG_TYPE_I32, tcgv_i32_temp(rl), tcgv_i32_temp(rh), tcgv_i32_temp(al), tcgv_i32_temp(ah), tcgv_i32_temp(bl), tcgv_i32_temp(bh));
}

/* ---- i64 ---- */

void tcg_gen_extract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned ofs, unsigned len)
{
    gen_extract(INDEX_op_extract, TCG_TYPE_I64, tcgv_i64_temp(ret), tcgv_i64_temp(a), ofs, len);
}

void tcg_gen_sextract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned ofs, unsigned len)
{
    gen_extract(INDEX_op_sextract, TCG_TYPE_I64, tcgv_i64_temp(ret), tcgv_i64_temp(a), ofs, len);
}

void tcg_gen_deposit_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b, unsigned ofs, unsigned len)
{
    gen_deposit(TCG_TYPE_I64, tcgv_i64_temp(ret), tcgv_i64_temp(a), tcgv_i64_temp(b), ofs, len);
}

void tcg_gen_extract2_i64(TCGv_i64 ret, TCGv_i64 lo, TCGv_i64 hi, unsigned ofs)
{
    gen_extract2(TCG_TYPE_I64, tcgv_i64_temp(ret), tcgv_i64_temp(lo), tcgv_i64_temp(hi), ofs);
}

void tcg_gen_setcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    gen_setcond(INDEX_op_setcond, cond, TCG_TYPE_I64, tcgv_i64_temp(ret), tcgv_i64_temp(a), tcgv_i64_temp(b));
}

void tcg_gen_setcondi_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_setcond_i64(cond, ret, a, tcg_constant_i64(b));
}

void tcg_gen_negsetcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    gen_setcond(INDEX_op_negsetcond, cond, TCG_TYPE_I64, tcgv_i64_temp(ret), tcgv_i64_temp(a), tcgv_i64_temp(b));
}

void tcg_gen_movcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 c1, TCGv_i64 c2, TCGv_i64 v1, TCGv_i64 v2)
{
    gen_movcond(cond, TCG_TYPE_I64, tcgv_i64_temp(ret), tcgv_i64_temp(c1), tcgv_i64_temp(c2), tcgv_i64_temp(v1), tcgv_i64_temp(v2));
}

void tcg_gen_mulu2_i64(TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 a, TCGv_i64 b)
{
    gen_double(INDEX_op_mulu2, TCG_TYPE_I64, tcgv_i64_temp(lo), tcgv_i64_temp(hi), tcgv_i64_temp(a), tcgv_i64_temp(b));
}

void tcg_gen_muls2_i64(TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 a, TCGv_i64 b)
{
    gen_double(INDEX_op_muls2, TCG_TYPE_I64, tcgv_i64_temp(lo), tcgv_i64_temp(hi), tcgv_i64_temp(a), tcgv_i64_temp(b));
}

void tcg_gen_add2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 al, TCGv_i64 ah, TCGv_i64 bl, TCGv_i64 bh)
{
    gen_carry(INDEX_op_add2, TCG_TYPE_I64, tcgv_i64_temp(rl), tcgv_i64_temp(rh), tcgv_i64_temp(al), tcgv_i64_temp(ah), tcgv_i64_temp(bl), tcgv_i64_temp(bh));
}

void tcg_gen_sub2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 al, TCGv_i64 ah, TCGv_i64 bl, TCGv_i64 bh)
{
    gen_carry(INDEX_op_sub2, TCG_TYPE_I64, tcgv_i64_temp(rl), tcgv_i64_temp(rh), tcgv_i64_temp(al), tcgv_i64_temp(ah), tcgv_i64_temp(bl), tcgv_i64_temp(bh));
}

