/*
 * Whole-vector helpers of the AdvSIMD shifts by immediate (including the
 * fixed-point conversions), three-different and integer by-element
 * instructions, and the gen_helper_* functions that emit calls to them.
 *
 * Every helper takes env and one constant i32 "desc" built at translation
 * time by simd_desc(): the register numbers, the element size, the Q /
 * scalar / unsigned / rounding variant bits, an immediate (shift amount,
 * fixed-point fraction bits, or element index) and the family's operation.
 * The helpers address env->vregs[] directly, read all their sources before
 * writing (so Vd may equal Vn or Vm), write the whole destination register
 * (zeroing what the ARM ARM's V[] write zeroes), and set FPSR.QC when a
 * saturating operation saturates. See docs/devel/a64-simd-wide.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_HELPER_SIMD_WIDE_H
#define TARGET_ARM_HELPER_SIMD_WIDE_H

#include "tcg/tcg-op.h"

/*
 * desc layout:  bits 0..4 Rd, 5..9 Rn, 10..14 Rm, 15..16 size (log2 of
 * the element size in bytes, of the narrower operand), 17..20 flags,
 * 21..27 imm, 28..31 op.
 */
#define SIMD_Q          (1u << 0)   /* 128-bit vector, or the "2" (upper half) form */
#define SIMD_SCALAR     (1u << 1)   /* scalar form: element 0 only */
#define SIMD_UNSIGNED   (1u << 2)   /* the U bit: unsigned operands */
#define SIMD_ROUND      (1u << 3)   /* rounding variant (SRSHR, RADDHN, SQRDMULH ...) */

/* For simd_wide: imm is the index of Vm's element and this bit (by element). */
#define SIMD_INDEXED    (1u << 3)

static inline uint32_t simd_desc(unsigned op, unsigned rd, unsigned rn, unsigned rm,
                                 unsigned size, unsigned flags, unsigned imm)
{
    return rd | rn << 5 | rm << 10 | size << 15 | flags << 17 | imm << 21 | op << 28;
}

static inline unsigned simd_desc_rd(uint32_t desc)     { return desc & 31; }
static inline unsigned simd_desc_rn(uint32_t desc)     { return (desc >> 5) & 31; }
static inline unsigned simd_desc_rm(uint32_t desc)     { return (desc >> 10) & 31; }
static inline unsigned simd_desc_size(uint32_t desc)   { return (desc >> 15) & 3; }
static inline unsigned simd_desc_flags(uint32_t desc)  { return (desc >> 17) & 15; }
static inline unsigned simd_desc_imm(uint32_t desc)    { return (desc >> 21) & 127; }
static inline unsigned simd_desc_op(uint32_t desc)     { return desc >> 28; }

/*
 * simd_shift_imm: imm is the shift amount; size the element size of the
 * destination (narrowing: of the result). SHL, SSHLL/USHLL are inline.
 */
typedef enum SimdShiftOp {
    SHIFT_SHR,          /* SRSHR/URSHR (SSHR/USHR are inline) */
    SHIFT_SRA,          /* SSRA/USRA, SRSRA/URSRA */
    SHIFT_SRI,
    SHIFT_SLI,
    SHIFT_QSHL,         /* SQSHL/UQSHL (immediate) */
    SHIFT_QSHLU,        /* SQSHLU */
    SHIFT_SHRN,         /* SHRN/RSHRN(2) */
    SHIFT_QSHRN,        /* SQSHRN/UQSHRN, SQRSHRN/UQRSHRN (2) */
    SHIFT_QSHRUN,       /* SQSHRUN/SQRSHRUN (2) */
} SimdShiftOp;

/* simd_fcvt_fixed: imm is the number of fraction bits; size 2 (single) or 3 (double). */
typedef enum SimdFcvtOp {
    FCVT_TO_FP,         /* SCVTF/UCVTF (fixed-point) */
    FCVT_TO_INT,        /* FCVTZS/FCVTZU (fixed-point) */
} SimdFcvtOp;

/*
 * simd_wide: the three-different shapes (long, wide, narrow-high) and the
 * long by-element forms (SIMD_INDEXED with the index in imm); size is the
 * narrow element size.
 */
typedef enum SimdWideOp {
    WIDE_ADDL, WIDE_SUBL,       /* S/U ADDL, SUBL: Vd.2e = Vn.e op Vm.e */
    WIDE_ADDW, WIDE_SUBW,       /* S/U ADDW, SUBW: Vd.2e = Vn.2e op Vm.e */
    WIDE_ADDHN, WIDE_SUBHN,     /* (R)ADDHN, (R)SUBHN: Vd.e = high half of Vn.2e op Vm.2e */
    WIDE_ABAL, WIDE_ABDL,
    WIDE_MLAL, WIDE_MLSL, WIDE_MULL,
    WIDE_SQDMLAL, WIDE_SQDMLSL, WIDE_SQDMULL,
    WIDE_PMULL,                 /* size 0: 8x8->16 polynomial; size 3: 64x64->128 */
} SimdWideOp;

/* simd_elem: same-width integer by element; imm is the index of Vm's element. */
typedef enum SimdElemOp {
    ELEM_MUL,
    ELEM_MLA,
    ELEM_MLS,
    ELEM_SQDMULH,               /* SIMD_ROUND: SQRDMULH */
} SimdElemOp;

void helper_simd_shift_imm(void *env, uint32_t desc);
void helper_simd_fcvt_fixed(void *env, uint32_t desc);
void helper_simd_wide(void *env, uint32_t desc);
void helper_simd_elem(void *env, uint32_t desc);

extern const TCGHelperInfo helper_info_simd_shift_imm;
extern const TCGHelperInfo helper_info_simd_fcvt_fixed;
extern const TCGHelperInfo helper_info_simd_wide;
extern const TCGHelperInfo helper_info_simd_elem;

/* Emits a call of one of the helpers above (or of helper-crypto.h's) with its desc. */
static inline void gen_helper_simd(const TCGHelperInfo *info, uint32_t desc)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(tcg_constant_i32(desc)) };

    tcg_gen_call(info, NULL, args);
}

#endif
