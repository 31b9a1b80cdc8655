/*
 * Helpers of the A64 scalar FP and AdvSIMD FP instructions, and the
 * gen_helper_* functions that emit calls to them.
 *
 * Two families, both over the fpu/ library with env->fp_status:
 *
 * - Element helpers: one FP value (or two) in, one out, as i64 temps
 *   holding the bit pattern (a single in the low 32 bits, the rest zero).
 *   The binary and unary operations are tables indexed by FPBinOp/FPUnOp
 *   and by format (0 single, 1 double), so the scalar translator emits a
 *   direct call to the one function it needs (helper_info_fp_bin[dbl][op]).
 *
 * - Vector helpers: env plus a constant descriptor packing the register
 *   numbers, the element format and the operation size, working on
 *   env->vregs in place: a 4S FADD is one call. They loop over the very
 *   element functions of the first family, so scalar and vector forms
 *   cannot disagree.
 *
 * All of them only read FPCR (env->fpcr, env->fp_status) and OR flags into
 * env->fp_status: none touches a TCG global (X registers, PC, NZCV), hence
 * TCG_CALL_NO_RWG; vector helpers write env->vregs, which are not globals.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_HELPER_FP_H
#define TARGET_ARM_HELPER_FP_H

#include "tcg/tcg-op.h"
#include "target/arm/cpu.h"

/* Binary element operations (ARM ARM C7.2: FADD ... FACGT). */
typedef enum FPBinOp {
    FPB_ADD, FPB_SUB, FPB_MUL, FPB_DIV,
    FPB_MAX, FPB_MIN, FPB_MAXNM, FPB_MINNM,
    FPB_NMUL,                   /* -(a * b): FNMUL */
    FPB_ABD,                    /* |a - b|: FABD */
    FPB_MULX,                   /* a * b, but 0 * inf = +-2.0: FMULX */
    FPB_RECPS,                  /* 2 - a * b fused: FRECPS */
    FPB_RSQRTS,                 /* (3 - a * b) / 2 fused: FRSQRTS */
    FPB_CMEQ, FPB_CMGE, FPB_CMGT,   /* all ones when a OP b, else 0 */
    FPB_ACGE, FPB_ACGT,             /* the same on |a|, |b| */
    FPB_COUNT
} FPBinOp;

/* Unary element operations; param is FP_PARAM_* (rounding, exactness, fixed-point bits). */
typedef enum FPUnOp {
    FPU_SQRT,
    FPU_RINT,                   /* round to integral: FRINT* */
    FPU_RECPE, FPU_RSQRTE, FPU_RECPX,
    FPU_TO_SINT, FPU_TO_UINT,   /* to an integer of the same width: FCVT*S/U (vector, scalar SIMD) */
    FPU_FROM_SINT, FPU_FROM_UINT,   /* from one: SCVTF/UCVTF */
    FPU_COUNT
} FPUnOp;

/* The param word of unary operations and conversions. */
#define FP_RM_FPCR          7       /* round as FPCR.RMode says, else a FloatRoundMode */
#define FP_PARAM_RMODE(rm)  ((uint32_t)(rm) & 7)
#define FP_PARAM_EXACT      (1u << 3)   /* FRINTX: inexact when the value changes */
#define FP_PARAM_FBITS(n)   ((uint32_t)(n) << 8)    /* fixed point: 2^n scaling */

typedef uint64_t FPBinFn(CPUARMState *env, uint64_t a, uint64_t b);
typedef uint64_t FPUnFn(CPUARMState *env, uint64_t a, uint32_t param);

/* The element functions, [0] single and [1] double. */
extern FPBinFn *const fp_bin_fns[2][FPB_COUNT];
extern FPUnFn *const fp_un_fns[2][FPU_COUNT];
extern const TCGHelperInfo helper_info_fp_bin[2][FPB_COUNT];
extern const TCGHelperInfo helper_info_fp_un[2][FPU_COUNT];

/*
 * addend + x * y with one rounding, ARM's NaN order (addend first) and its
 * inf * 0 + qNaN rule (FPMulAdd, ARM ARM J1). Negations are the caller's,
 * on the operands' sign bits, as the pseudocode does.
 */
uint64_t helper_fmuladd_s(CPUARMState *env, uint64_t addend, uint64_t x, uint64_t y);
uint64_t helper_fmuladd_d(CPUARMState *env, uint64_t addend, uint64_t x, uint64_t y);
extern const TCGHelperInfo helper_info_fmuladd[2];

/*
 * FCMP/FCMPE/FCCMP/FCCMPE: NZCV in bits 31:28 (PSTATE layout). When
 * cond_holds is 0 the result is the immediate in param bits 31:28 and
 * nothing is compared; param bit 0 asks for a signalling compare (E forms).
 */
uint32_t helper_fcmp_s(CPUARMState *env, uint64_t a, uint64_t b, uint32_t cond_holds,
                       uint32_t param);
uint32_t helper_fcmp_d(CPUARMState *env, uint64_t a, uint64_t b, uint32_t cond_holds,
                       uint32_t param);
extern const TCGHelperInfo helper_info_fcmp[2];

/* Formats of conversions: */
enum { FP_FMT_H, FP_FMT_S, FP_FMT_D };

/* FCVT between H, S and D; FPCR.AHP for H, round to odd when to_odd (FCVTXN). */
#define FCVT_DESC(from, to, to_odd) ((from) | (to) << 2 | (to_odd) << 4)
uint64_t helper_fcvt(CPUARMState *env, uint64_t a, uint32_t desc);
extern const TCGHelperInfo helper_info_fcvt;

/*
 * FP <-> integer of either width (FCVT*S/U, SCVTF/UCVTF to and from
 * general registers); the integer is zero-extended in the i64. desc is
 * FP_PARAM_* plus these:
 */
#define FPCONV_DOUBLE   (1u << 4)   /* the FP side is double (else single) */
#define FPCONV_INT64    (1u << 5)   /* the integer side is 64 bits (else 32) */
#define FPCONV_UNSIGNED (1u << 6)
uint64_t helper_fp_to_int(CPUARMState *env, uint64_t a, uint32_t desc);
uint64_t helper_int_to_fp(CPUARMState *env, uint64_t v, uint32_t desc);
extern const TCGHelperInfo helper_info_fp_to_int;
extern const TCGHelperInfo helper_info_int_to_fp;

/*
 * Vector helpers: desc fields. oprsz is the bytes operated on (4 or 8 for
 * a scalar-by-element, 8 or 16 for vectors); the bytes of Vd above it are
 * zeroed.
 */
#define VFP_DESC(rd, rn, rm, dbl, oprsz) \
    ((rd) | (rn) << 5 | (rm) << 10 | (uint32_t)(dbl) << 15 | (uint32_t)(oprsz) << 16)
#define VFP_DESC_MODE(m)    ((uint32_t)(m) << 21)
#define VFP_DESC_INDEX(i)   ((uint32_t)(i) << 24)
#define VFP_DESC_OP(op)     ((uint32_t)(op) << 26)

/*
 * The modes of helper_vfp_bin: Vn OP Vm lane by lane, pairwise, Vn OP one
 * lane of Vm, and against zero: Vn OP 0, 0 OP Vn (FCMxx #0.0).
 */
enum { VFP_LANEWISE, VFP_PAIRWISE, VFP_BY_ELEMENT, VFP_ZERO_B, VFP_ZERO_A };
/* helper_vfp_bin operations beyond FPBinOp: the accumulating ones. */
enum { VFP_MLA = FPB_COUNT, VFP_MLS };

/*
 * Vd = Vn OP Vm lane by lane, pairwise (FADDP: the pairs of Vn then of Vm),
 * by element (every lane of Vn with lane index of Vm), or with zero; ops are FPBinOp
 * or VFP_MLA/VFP_MLS (Vd += / -= Vn * Vm, fused).
 */
void helper_vfp_bin(CPUARMState *env, uint32_t desc);
/* Vd = OP(Vn) lane by lane (FPUnOp in the desc's op field). */
void helper_vfp_un(CPUARMState *env, uint32_t desc, uint32_t param);
/*
 * FCVTN/FCVTN2/FCVTXN(2): Vn's D (dbl) or S lanes narrowed into the lower
 * half of Vd (upper: into the upper half, the lower one kept). FCVTL/FCVTL2:
 * the lower (upper) half of Vn widened. The desc's rm field is unused;
 * VFP_DESC_MODE(1) asks for the upper half, VFP_DESC_OP(1) for round to odd.
 */
void helper_vfp_fcvtn(CPUARMState *env, uint32_t desc);
void helper_vfp_fcvtl(CPUARMState *env, uint32_t desc);
extern const TCGHelperInfo helper_info_vfp_bin;
extern const TCGHelperInfo helper_info_vfp_un;
extern const TCGHelperInfo helper_info_vfp_fcvtn;
extern const TCGHelperInfo helper_info_vfp_fcvtl;

/* ---- Emitters ---- */

static inline void gen_helper_fp_bin(FPBinOp op, bool dbl, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(a), tcgv_i64_temp(b) };

    tcg_gen_call(&helper_info_fp_bin[dbl][op], tcgv_i64_temp(ret), args);
}

static inline void gen_helper_fp_un(FPUnOp op, bool dbl, TCGv_i64 ret, TCGv_i64 a,
                                    uint32_t param)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(a),
                        tcgv_i32_temp(tcg_constant_i32(param)) };

    tcg_gen_call(&helper_info_fp_un[dbl][op], tcgv_i64_temp(ret), args);
}

static inline void gen_helper_fmuladd(bool dbl, TCGv_i64 ret, TCGv_i64 addend, TCGv_i64 x,
                                      TCGv_i64 y)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(addend), tcgv_i64_temp(x),
                        tcgv_i64_temp(y) };

    tcg_gen_call(&helper_info_fmuladd[dbl], tcgv_i64_temp(ret), args);
}

static inline void gen_helper_fcmp(bool dbl, TCGv_i32 ret, TCGv_i64 a, TCGv_i64 b,
                                   TCGv_i32 cond_holds, uint32_t param)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(a), tcgv_i64_temp(b),
                        tcgv_i32_temp(cond_holds), tcgv_i32_temp(tcg_constant_i32(param)) };

    tcg_gen_call(&helper_info_fcmp[dbl], tcgv_i32_temp(ret), args);
}

static inline void gen_helper_conv(const TCGHelperInfo *info, TCGv_i64 ret, TCGv_i64 a,
                                   uint32_t desc)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(a),
                        tcgv_i32_temp(tcg_constant_i32(desc)) };

    tcg_gen_call(info, tcgv_i64_temp(ret), args);
}

static inline void gen_helper_fcvt(TCGv_i64 ret, TCGv_i64 a, uint32_t desc)
{
    gen_helper_conv(&helper_info_fcvt, ret, a, desc);
}

static inline void gen_helper_fp_to_int(TCGv_i64 ret, TCGv_i64 a, uint32_t desc)
{
    gen_helper_conv(&helper_info_fp_to_int, ret, a, desc);
}

static inline void gen_helper_int_to_fp(TCGv_i64 ret, TCGv_i64 v, uint32_t desc)
{
    gen_helper_conv(&helper_info_int_to_fp, ret, v, desc);
}

/* The vector helpers: info is one of helper_info_vfp_{bin,fcvtn,fcvtl}. */
static inline void gen_helper_vfp(const TCGHelperInfo *info, uint32_t desc)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(tcg_constant_i32(desc)) };

    tcg_gen_call(info, NULL, args);
}

static inline void gen_helper_vfp_un(uint32_t desc, uint32_t param)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(tcg_constant_i32(desc)),
                        tcgv_i32_temp(tcg_constant_i32(param)) };

    tcg_gen_call(&helper_info_vfp_un, NULL, args);
}

#endif
