/*
 * The builder API: what guest frontends call to emit IR into the current
 * context (tcg_ctx). Each tcg_gen_* appends one op (a few do small
 * expansions); the meaning of every op is in docs/devel/tcg.md.
 *
 * Conventions: the result comes first; "i" variants take an immediate
 * (emitted as a constant temp); i32 and i64 versions of every op.
 * Undefined results (not undefined behaviour: some value of the right type)
 * for shift and rotate counts >= the width, and for div/rem by zero or
 * INT_MIN / -1; frontends guard what their ISA defines.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include "tcg/tcg.h"
#include "tcg/memop.h"

/* ---- Emitting raw ops (the functions below are thin wrappers) ---- */

void tcg_gen_op1(TCGOpcode opc, TCGType type, TCGArg a1);
void tcg_gen_op2(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2);
void tcg_gen_op3(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3);
void tcg_gen_op4(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                 TCGArg a4);
void tcg_gen_op5(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                 TCGArg a4, TCGArg a5);
void tcg_gen_op6(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                 TCGArg a4, TCGArg a5, TCGArg a6);

/* ---- Temps ---- */

static inline TCGv_i32 tcg_temp_new_i32(void)
{
    return temp_tcgv_i32(tcg_temp_new_internal(tcg_ctx, TCG_TYPE_I32, TEMP_TB));
}

static inline TCGv_i64 tcg_temp_new_i64(void)
{
    return temp_tcgv_i64(tcg_temp_new_internal(tcg_ctx, TCG_TYPE_I64, TEMP_TB));
}

static inline TCGv_ptr tcg_temp_new_ptr(void)
{
    return temp_tcgv_ptr(tcg_temp_new_internal(tcg_ctx, TCG_TYPE_PTR, TEMP_TB));
}

/* A temp that dies at the next label: use it for values that do not cross one. */
static inline TCGv_i32 tcg_temp_ebb_new_i32(void)
{
    return temp_tcgv_i32(tcg_temp_new_internal(tcg_ctx, TCG_TYPE_I32, TEMP_EBB));
}

static inline TCGv_i64 tcg_temp_ebb_new_i64(void)
{
    return temp_tcgv_i64(tcg_temp_new_internal(tcg_ctx, TCG_TYPE_I64, TEMP_EBB));
}

static inline TCGv_i32 tcg_constant_i32(int32_t val)
{
    return temp_tcgv_i32(tcg_constant_internal(tcg_ctx, TCG_TYPE_I32, val));
}

static inline TCGv_i64 tcg_constant_i64(int64_t val)
{
    return temp_tcgv_i64(tcg_constant_internal(tcg_ctx, TCG_TYPE_I64, val));
}

static inline TCGv_ptr tcg_constant_ptr(intptr_t val)
{
    return temp_tcgv_ptr(tcg_constant_internal(tcg_ctx, TCG_TYPE_PTR, val));
}

/* A CPU state field at env + offset, created once at target initialization. */
static inline TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset,
                                              const char *name)
{
    return temp_tcgv_i32(tcg_global_mem_new_internal(tcg_ctx, TCG_TYPE_I32,
                                                     tcgv_ptr_temp(base), offset, name));
}

static inline TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset,
                                              const char *name)
{
    return temp_tcgv_i64(tcg_global_mem_new_internal(tcg_ctx, TCG_TYPE_I64,
                                                     tcgv_ptr_temp(base), offset, name));
}

#define tcg_env (tcg_ctx->env)

/* ---- Control flow and markers ---- */

void tcg_gen_set_label(TCGLabel *l);
void tcg_gen_br(TCGLabel *l);
void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 a, TCGv_i32 b, TCGLabel *l);
void tcg_gen_brcond_i64(TCGCond cond, TCGv_i64 a, TCGv_i64 b, TCGLabel *l);
void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 a, int32_t b, TCGLabel *l);
void tcg_gen_brcondi_i64(TCGCond cond, TCGv_i64 a, int64_t b, TCGLabel *l);
/* Marks the start of a guest instruction: pc and up to two words the target restores on a fault. */
void tcg_gen_insn_start(uint64_t pc, uint64_t data1, uint64_t data2);
/* Leaves the TB, returning val to the exec loop. */
void tcg_gen_exit_tb(uintptr_t val);
/* Direct jump slot n (0 or 1) of the TB: patched to chain to the next TB. */
void tcg_gen_goto_tb(unsigned n);
/* Jumps to host code at ptr (from a TB lookup helper). */
void tcg_gen_goto_ptr(TCGv_ptr ptr);
void tcg_gen_mb(unsigned barrier);
/* The temp's value is no longer needed (helps liveness across blocks). */
void tcg_gen_discard_i32(TCGv_i32 t);
void tcg_gen_discard_i64(TCGv_i64 t);

/*
 * A call to a helper. ret may be NULL for a void helper; args has
 * info->nb_args temps of the declared types.
 */
void tcg_gen_call(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp *const *args);

/* ---- Data ops, generated below: one line each ---- */
/* i32 */
static inline void tcg_gen_mov_i32(TCGv_i32 ret, TCGv_i32 a)
{
    if (ret != a) {
        tcg_gen_op2(INDEX_op_mov, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)));
    }
}

static inline void tcg_gen_movi_i32(TCGv_i32 ret, int32_t val)
{
    tcg_gen_mov_i32(ret, tcg_constant_i32(val));
}

static inline void tcg_gen_add_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_sub_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_sub, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_mul_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_mul, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_div_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_div, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_divu_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_divu, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_rem_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_rem, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_remu_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_remu, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_muluh_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_muluh, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_mulsh_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_mulsh, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_and_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_and, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_or_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_or, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_xor_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_xor, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_andc_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_andc, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_orc_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_orc, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_eqv_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_eqv, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_nand_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_nand, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_nor_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_nor, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_shl_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_shl, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_shr_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_shr, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_sar_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_sar, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_rotl_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_rotl, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_rotr_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_rotr, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_addi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_add_i32(ret, a, tcg_constant_i32(b));
}

static inline void tcg_gen_subi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_sub_i32(ret, a, tcg_constant_i32(b));
}

static inline void tcg_gen_muli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_mul_i32(ret, a, tcg_constant_i32(b));
}

static inline void tcg_gen_andi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_and_i32(ret, a, tcg_constant_i32(b));
}

static inline void tcg_gen_ori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_or_i32(ret, a, tcg_constant_i32(b));
}

static inline void tcg_gen_xori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_xor_i32(ret, a, tcg_constant_i32(b));
}

static inline void tcg_gen_shli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_shl_i32(ret, a, tcg_constant_i32(b));
}

static inline void tcg_gen_shri_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_shr_i32(ret, a, tcg_constant_i32(b));
}

static inline void tcg_gen_sari_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_sar_i32(ret, a, tcg_constant_i32(b));
}

static inline void tcg_gen_rotli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_rotl_i32(ret, a, tcg_constant_i32(b));
}

static inline void tcg_gen_rotri_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_rotr_i32(ret, a, tcg_constant_i32(b));
}

/* ret = a == 0 ? b : count of leading zeros of a. */
static inline void tcg_gen_clz_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_clz, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_clzi_i32(TCGv_i32 ret, TCGv_i32 a, uint32_t b)
{
    tcg_gen_clz_i32(ret, a, tcg_constant_i32(b));
}

/* ret = a == 0 ? b : count of trailing zeros of a. */
static inline void tcg_gen_ctz_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_op3(INDEX_op_ctz, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)), temp_arg(tcgv_i32_temp(b)));
}

static inline void tcg_gen_ctzi_i32(TCGv_i32 ret, TCGv_i32 a, uint32_t b)
{
    tcg_gen_ctz_i32(ret, a, tcg_constant_i32(b));
}

static inline void tcg_gen_neg_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_neg, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)));
}

static inline void tcg_gen_not_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_not, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)));
}

static inline void tcg_gen_ctpop_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_ctpop, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)));
}

static inline void tcg_gen_ext8s_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_ext8s, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)));
}

static inline void tcg_gen_ext8u_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_ext8u, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)));
}

static inline void tcg_gen_ext16s_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_ext16s, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)));
}

static inline void tcg_gen_ext16u_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_ext16u, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)));
}

static inline void tcg_gen_bswap16_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_bswap16, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)));
}

static inline void tcg_gen_bswap32_i32(TCGv_i32 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_bswap32, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i32_temp(a)));
}

/* ret = bits [ofs, ofs + len) of a, zero- (extract) or sign-extended (sextract). */
void tcg_gen_extract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len);
void tcg_gen_sextract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len);
/* ret = a with bits [ofs, ofs + len) replaced by the low len bits of b. */
void tcg_gen_deposit_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b, unsigned ofs, unsigned len);
/* ret = the width bits of hi:lo starting at bit ofs (0 <= ofs <= width). */
void tcg_gen_extract2_i32(TCGv_i32 ret, TCGv_i32 lo, TCGv_i32 hi, unsigned ofs);
void tcg_gen_setcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_setcondi_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, int32_t b);
/* ret = cond(a, b) ? -1 : 0. */
void tcg_gen_negsetcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
/* ret = cond(c1, c2) ? v1 : v2. */
void tcg_gen_movcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 c1, TCGv_i32 c2, TCGv_i32 v1, TCGv_i32 v2);
/* (lo, hi) = a * b, unsigned (mulu2) or signed (muls2). */
void tcg_gen_mulu2_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_muls2_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i32 a, TCGv_i32 b);
/* (rl, rh) = (al, ah) +/- (bl, bh): double-word arithmetic with carry/borrow. */
void tcg_gen_add2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl, TCGv_i32 bh);
void tcg_gen_sub2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl, TCGv_i32 bh);

/* Host memory at base + offset: CPU state fields through env. */
static inline void tcg_gen_ld8u_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_ld8u, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_ld8s_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_ld8s, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_ld16u_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_ld16u, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_ld16s_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_ld16s, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_ld_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_ld, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_st8_i32(TCGv_i32 val, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_st8, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(val)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_st16_i32(TCGv_i32 val, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_st16, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(val)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_st_i32(TCGv_i32 val, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_st, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(val)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

/* i64 */
static inline void tcg_gen_mov_i64(TCGv_i64 ret, TCGv_i64 a)
{
    if (ret != a) {
        tcg_gen_op2(INDEX_op_mov, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
    }
}

static inline void tcg_gen_movi_i64(TCGv_i64 ret, int64_t val)
{
    tcg_gen_mov_i64(ret, tcg_constant_i64(val));
}

static inline void tcg_gen_add_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_sub_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_sub, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_mul_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_mul, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_div_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_div, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_divu_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_divu, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_rem_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_rem, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_remu_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_remu, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_muluh_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_muluh, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_mulsh_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_mulsh, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_and_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_and, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_or_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_or, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_xor_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_xor, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_andc_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_andc, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_orc_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_orc, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_eqv_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_eqv, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_nand_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_nand, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_nor_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_nor, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_shl_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_shl, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_shr_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_shr, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_sar_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_sar, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_rotl_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_rotl, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_rotr_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_rotr, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_addi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_add_i64(ret, a, tcg_constant_i64(b));
}

static inline void tcg_gen_subi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_sub_i64(ret, a, tcg_constant_i64(b));
}

static inline void tcg_gen_muli_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_mul_i64(ret, a, tcg_constant_i64(b));
}

static inline void tcg_gen_andi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_and_i64(ret, a, tcg_constant_i64(b));
}

static inline void tcg_gen_ori_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_or_i64(ret, a, tcg_constant_i64(b));
}

static inline void tcg_gen_xori_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_xor_i64(ret, a, tcg_constant_i64(b));
}

static inline void tcg_gen_shli_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_shl_i64(ret, a, tcg_constant_i64(b));
}

static inline void tcg_gen_shri_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_shr_i64(ret, a, tcg_constant_i64(b));
}

static inline void tcg_gen_sari_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_sar_i64(ret, a, tcg_constant_i64(b));
}

static inline void tcg_gen_rotli_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_rotl_i64(ret, a, tcg_constant_i64(b));
}

static inline void tcg_gen_rotri_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_gen_rotr_i64(ret, a, tcg_constant_i64(b));
}

/* ret = a == 0 ? b : count of leading zeros of a. */
static inline void tcg_gen_clz_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_clz, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_clzi_i64(TCGv_i64 ret, TCGv_i64 a, uint64_t b)
{
    tcg_gen_clz_i64(ret, a, tcg_constant_i64(b));
}

/* ret = a == 0 ? b : count of trailing zeros of a. */
static inline void tcg_gen_ctz_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_op3(INDEX_op_ctz, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)), temp_arg(tcgv_i64_temp(b)));
}

static inline void tcg_gen_ctzi_i64(TCGv_i64 ret, TCGv_i64 a, uint64_t b)
{
    tcg_gen_ctz_i64(ret, a, tcg_constant_i64(b));
}

static inline void tcg_gen_neg_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_neg, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

static inline void tcg_gen_not_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_not, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

static inline void tcg_gen_ctpop_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_ctpop, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

static inline void tcg_gen_ext8s_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_ext8s, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

static inline void tcg_gen_ext8u_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_ext8u, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

static inline void tcg_gen_ext16s_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_ext16s, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

static inline void tcg_gen_ext16u_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_ext16u, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

static inline void tcg_gen_bswap16_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_bswap16, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

static inline void tcg_gen_bswap32_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_bswap32, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

static inline void tcg_gen_ext32s_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_ext32s, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

static inline void tcg_gen_ext32u_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_ext32u, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

static inline void tcg_gen_bswap64_i64(TCGv_i64 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_bswap64, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

/* ret = bits [ofs, ofs + len) of a, zero- (extract) or sign-extended (sextract). */
void tcg_gen_extract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned ofs, unsigned len);
void tcg_gen_sextract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned ofs, unsigned len);
/* ret = a with bits [ofs, ofs + len) replaced by the low len bits of b. */
void tcg_gen_deposit_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b, unsigned ofs, unsigned len);
/* ret = the width bits of hi:lo starting at bit ofs (0 <= ofs <= width). */
void tcg_gen_extract2_i64(TCGv_i64 ret, TCGv_i64 lo, TCGv_i64 hi, unsigned ofs);
void tcg_gen_setcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_setcondi_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, int64_t b);
/* ret = cond(a, b) ? -1 : 0. */
void tcg_gen_negsetcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
/* ret = cond(c1, c2) ? v1 : v2. */
void tcg_gen_movcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 c1, TCGv_i64 c2, TCGv_i64 v1, TCGv_i64 v2);
/* (lo, hi) = a * b, unsigned (mulu2) or signed (muls2). */
void tcg_gen_mulu2_i64(TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_muls2_i64(TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 a, TCGv_i64 b);
/* (rl, rh) = (al, ah) +/- (bl, bh): double-word arithmetic with carry/borrow. */
void tcg_gen_add2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 al, TCGv_i64 ah, TCGv_i64 bl, TCGv_i64 bh);
void tcg_gen_sub2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 al, TCGv_i64 ah, TCGv_i64 bl, TCGv_i64 bh);

/* Host memory at base + offset: CPU state fields through env. */
static inline void tcg_gen_ld8u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_ld8u, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_ld8s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_ld8s, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_ld16u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_ld16u, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_ld16s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_ld16s, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_ld_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_ld, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_ld32u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_ld32u, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_ld32s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_ld32s, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_st8_i64(TCGv_i64 val, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_st8, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(val)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_st16_i64(TCGv_i64 val, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_st16, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(val)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_st_i64(TCGv_i64 val, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_st, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(val)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

static inline void tcg_gen_st32_i64(TCGv_i64 val, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_op3(INDEX_op_st32, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(val)), temp_arg(tcgv_ptr_temp(base)), (TCGArg)offset);
}

/* Width changes. */
static inline void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_ext_i32_i64, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i32_temp(a)));
}

static inline void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(ret)), temp_arg(tcgv_i32_temp(a)));
}

static inline void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

static inline void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_extrh_i64_i32, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(ret)), temp_arg(tcgv_i64_temp(a)));
}

/*
 * Guest memory at the guest virtual address addr, through the softmmu TLB
 * of MMU index mmu_idx, as memop says (size, sign, byte order, alignment).
 * An i32 access is at most 4 bytes.
 */
void tcg_gen_guest_ld_i32(TCGv_i32 val, TCGv_i64 addr, unsigned mmu_idx, MemOp memop);
void tcg_gen_guest_ld_i64(TCGv_i64 val, TCGv_i64 addr, unsigned mmu_idx, MemOp memop);
void tcg_gen_guest_st_i32(TCGv_i32 val, TCGv_i64 addr, unsigned mmu_idx, MemOp memop);
void tcg_gen_guest_st_i64(TCGv_i64 val, TCGv_i64 addr, unsigned mmu_idx, MemOp memop);

/* Pointer arithmetic (pointers are i64). */
static inline void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t offset)
{
    tcg_gen_ld_i64(ret, base, offset);
}

static inline void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr a, intptr_t b)
{
    tcg_gen_addi_i64(ret, a, b);
}

#endif
