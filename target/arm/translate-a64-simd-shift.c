/*
 * A64 AdvSIMD shifts by immediate, vector and scalar (ARM ARM C4.1.96:
 * "Advanced SIMD shift by immediate", "Advanced SIMD scalar shift by
 * immediate"), including the narrowing, widening and fixed-point
 * conversion forms.
 *
 * Both groups share one layout, 0 Q U 0 11110 immh immb opcode 1 Rn Rd
 * (scalar: bit 30 = 1, bit 28 = 1): the position of immh's highest set
 * bit gives the element size, and immh:immb encodes the shift as
 * 2 * esize - immh:immb (right shifts, 1..esize) or immh:immb - esize
 * (left shifts, 0..esize-1). immh = 0 is another group (modified
 * immediate) and is left unmatched.
 *
 * What compilers emit most is inline: the plain shifts of whole vectors
 * (SSHR, USHR, SHL) as gvec ops, their scalar forms and SXTL/UXTL
 * (SSHLL/USHLL) as a few element moves. Everything else (rounding,
 * accumulating, inserting, saturating, narrowing, fixed-point) is one call
 * of a whole-vector helper in helper-simd-wide.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/helper-simd-wide.h"
#include "tcg/tcg-op-gvec.h"

typedef struct ShiftImm {
    bool scalar;
    bool q, u;
    unsigned size;          /* log2 of the element size in bytes, from immh */
    unsigned immhb;         /* immh:immb */
    unsigned rn, rd;
} ShiftImm;

static bool decode_shift_imm(uint32_t insn, ShiftImm *f)
{
    unsigned immh = extract32(insn, 19, 4);

    if (immh == 0) {
        return false;
    }
    f->scalar = extract32(insn, 28, 1);
    f->q = extract32(insn, 30, 1);
    f->u = extract32(insn, 29, 1);
    f->size = 31 - __builtin_clz(immh);
    f->immhb = extract32(insn, 16, 7);
    f->rn = extract32(insn, 5, 5);
    f->rd = extract32(insn, 0, 5);
    return true;
}

static unsigned right_shift(const ShiftImm *f)
{
    return (16u << f->size) - f->immhb;
}

static unsigned left_shift(const ShiftImm *f)
{
    return f->immhb - (8u << f->size);
}

static unsigned shift_flags(const ShiftImm *f)
{
    /* Bit 30 is 1 in every scalar encoding: it is not a "2" form there. */
    return (f->q && !f->scalar ? SIMD_Q : 0) | (f->scalar ? SIMD_SCALAR : 0) |
           (f->u ? SIMD_UNSIGNED : 0);
}

/*
 * The same-width forms: 64-bit elements need Q = 1 (vector); the scalar
 * forms exist for 64-bit elements only, except the saturating ones.
 */
static bool same_width_ok(const ShiftImm *f, bool scalar_any_size)
{
    if (f->scalar) {
        return scalar_any_size || f->size == 3;
    }
    return f->size < 3 || f->q;
}

static void gen_shift_helper(const ShiftImm *f, SimdShiftOp op, unsigned extra_flags,
                             unsigned shift)
{
    gen_helper_simd(&helper_info_simd_shift_imm,
                    simd_desc(op, f->rd, f->rn, 0, f->size, shift_flags(f) | extra_flags, shift));
}

/* SSHR/USHR, SSRA/USRA, SRSHR/URSHR, SRSRA/URSRA (ARM ARM C7.2.320 ...): opcode 00 round acc 0. */
static bool trans_SHR(DisasContext *s, uint32_t insn)
{
    bool round = extract32(insn, 13, 1), accumulate = extract32(insn, 12, 1);
    unsigned shift, bits;
    ShiftImm f;

    if (!decode_shift_imm(insn, &f) || !same_width_ok(&f, false)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    shift = right_shift(&f);
    bits = 8u << f.size;
    if (round || accumulate) {
        gen_shift_helper(&f, accumulate ? SHIFT_SRA : SHIFT_SHR, round ? SIMD_ROUND : 0, shift);
    } else if (f.scalar) {
        TCGv_i64 v = read_fp_dreg(s, f.rn);

        if (!f.u) {
            tcg_gen_sari_i64(v, v, MIN(shift, 63u));
        } else if (shift == 64) {
            tcg_gen_movi_i64(v, 0);
        } else {
            tcg_gen_shri_i64(v, v, shift);
        }
        write_fp_dreg(s, f.rd, v);
    } else if (!f.u) {
        /* A shift by the element size leaves copies of the sign bit. */
        tcg_gen_gvec_sari(f.size, vreg_offset(f.rd), vreg_offset(f.rn), MIN(shift, bits - 1),
                          f.q ? 16 : 8, 16);
    } else if (shift == bits) {
        tcg_gen_gvec_dup_imm(f.size, vreg_offset(f.rd), f.q ? 16 : 8, 16, 0);
    } else {
        tcg_gen_gvec_shri(f.size, vreg_offset(f.rd), vreg_offset(f.rn), shift, f.q ? 16 : 8, 16);
    }
    return true;
}

/* SRI (C7.2.326): shift right and insert, U = 1 only. */
static bool trans_SRI(DisasContext *s, uint32_t insn)
{
    ShiftImm f;

    if (!decode_shift_imm(insn, &f) || !same_width_ok(&f, false)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_shift_helper(&f, SHIFT_SRI, 0, right_shift(&f));
    }
    return true;
}

/* SHL (U = 0, C7.2.262) and SLI (U = 1, C7.2.291). */
static bool trans_SHL(DisasContext *s, uint32_t insn)
{
    unsigned shift;
    ShiftImm f;

    if (!decode_shift_imm(insn, &f) || !same_width_ok(&f, false)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    shift = left_shift(&f);
    if (f.u) {
        gen_shift_helper(&f, SHIFT_SLI, 0, shift);
    } else if (f.scalar) {
        TCGv_i64 v = read_fp_dreg(s, f.rn);

        tcg_gen_shli_i64(v, v, shift);
        write_fp_dreg(s, f.rd, v);
    } else {
        tcg_gen_gvec_shli(f.size, vreg_offset(f.rd), vreg_offset(f.rn), shift, f.q ? 16 : 8, 16);
    }
    return true;
}

/* SQSHL/UQSHL (immediate, C7.2.282, C7.2.363) and SQSHLU (U = 1, opcode 01100). */
static bool trans_QSHL(DisasContext *s, uint32_t insn)
{
    bool shlu = extract32(insn, 12, 1) == 0;
    ShiftImm f;

    if (!decode_shift_imm(insn, &f) || !same_width_ok(&f, true) || (shlu && !f.u)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_shift_helper(&f, shlu ? SHIFT_QSHLU : SHIFT_QSHL, 0, left_shift(&f));
    }
    return true;
}

/*
 * The narrowing shifts, opcode 100 x round: SHRN/RSHRN (U = 0, x = 0),
 * SQSHRUN/SQRSHRUN (U = 1, x = 0), SQSHRN/UQSHRN/SQRSHRN/UQRSHRN (x = 1).
 * immh gives the narrow size; 64-bit results do not exist. The scalar
 * group has no SHRN/RSHRN.
 */
static bool trans_SHRN(DisasContext *s, uint32_t insn)
{
    bool round = extract32(insn, 11, 1), saturating = extract32(insn, 12, 1);
    SimdShiftOp op;
    ShiftImm f;

    if (!decode_shift_imm(insn, &f) || f.size == 3) {
        return false;
    }
    op = saturating ? SHIFT_QSHRN : f.u ? SHIFT_QSHRUN : SHIFT_SHRN;
    if (f.scalar && op == SHIFT_SHRN) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_shift_helper(&f, op, round ? SIMD_ROUND : 0, right_shift(&f));
    }
    return true;
}

/* SSHLL/USHLL(2) (C7.2.317, C7.2.383; SXTL/UXTL with shift 0): vector only. */
static bool trans_SHLL(DisasContext *s, uint32_t insn)
{
    unsigned count, shift;
    TCGv_i64 t[8];
    ShiftImm f;

    if (!decode_shift_imm(insn, &f) || f.size == 3) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    /* All source elements are read before Vd is written: Vd may be Vn. */
    count = 8u >> f.size;
    shift = left_shift(&f);
    for (unsigned i = 0; i < count; i++) {
        t[i] = tcg_temp_ebb_new_i64();
        read_vec_element(s, t[i], f.rn, (f.q ? count : 0) + i, f.size | (f.u ? 0 : MO_SIGN));
        if (shift) {
            tcg_gen_shli_i64(t[i], t[i], shift);
        }
    }
    for (unsigned i = 0; i < count; i++) {
        write_vec_element(s, t[i], f.rd, i, f.size + 1);
    }
    return true;
}

/*
 * SCVTF/UCVTF and FCVTZS/FCVTZU (fixed-point, C7.2.231, C7.2.96 ...):
 * single (immh 01xx) and double (1xxx, Q = 1 for vectors); immh 001x would
 * be half precision, which needs FEAT_FP16.
 */
static bool trans_FCVT_fixed(DisasContext *s, uint32_t insn)
{
    bool to_int = extract32(insn, 11, 1);
    ShiftImm f;

    if (!decode_shift_imm(insn, &f) || f.size < 2 || !same_width_ok(&f, true)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_helper_simd(&helper_info_simd_fcvt_fixed,
                        simd_desc(to_int ? FCVT_TO_INT : FCVT_TO_FP, f.rd, f.rn, 0, f.size,
                                  shift_flags(&f), right_shift(&f)));
    }
    return true;
}

const A64Pattern a64_simd_shift_patterns[] = {
    /* Vector: 0 Q U 011110 immh immb opcode 1 Rn Rd */
    { "SSHR/USHR/SSRA/USRA/SRSHR/URSHR/SRSRA/URSRA", "0qu011110_hhhhbbb_00ra0_1_nnnnn_ddddd", trans_SHR },
    { "SRI", "0q1011110_hhhhbbb_01000_1_nnnnn_ddddd", trans_SRI },
    { "SHL/SLI", "0qu011110_hhhhbbb_01010_1_nnnnn_ddddd", trans_SHL },
    { "SQSHLU", "0q1011110_hhhhbbb_01100_1_nnnnn_ddddd", trans_QSHL },
    { "SQSHL/UQSHL (immediate)", "0qu011110_hhhhbbb_01110_1_nnnnn_ddddd", trans_QSHL },
    { "SHRN/RSHRN/SQSHRUN/SQRSHRUN/SQSHRN/UQSHRN/SQRSHRN/UQRSHRN", "0qu011110_hhhhbbb_100sr_1_nnnnn_ddddd", trans_SHRN },
    { "SSHLL/USHLL", "0qu011110_hhhhbbb_10100_1_nnnnn_ddddd", trans_SHLL },
    { "SCVTF/UCVTF (vector, fixed-point)", "0qu011110_hhhhbbb_11100_1_nnnnn_ddddd", trans_FCVT_fixed },
    { "FCVTZS/FCVTZU (vector, fixed-point)", "0qu011110_hhhhbbb_11111_1_nnnnn_ddddd", trans_FCVT_fixed },
    /* Scalar: 01 U 111110 immh immb opcode 1 Rn Rd */
    { "SSHR/USHR/SSRA/USRA/SRSHR/URSHR/SRSRA/URSRA (scalar)", "01u111110_hhhhbbb_00ra0_1_nnnnn_ddddd", trans_SHR },
    { "SRI (scalar)", "011111110_hhhhbbb_01000_1_nnnnn_ddddd", trans_SRI },
    { "SHL/SLI (scalar)", "01u111110_hhhhbbb_01010_1_nnnnn_ddddd", trans_SHL },
    { "SQSHLU (scalar)", "011111110_hhhhbbb_01100_1_nnnnn_ddddd", trans_QSHL },
    { "SQSHL/UQSHL (immediate, scalar)", "01u111110_hhhhbbb_01110_1_nnnnn_ddddd", trans_QSHL },
    { "SQSHRUN/SQRSHRUN/SQSHRN/UQSHRN/SQRSHRN/UQRSHRN (scalar)", "01u111110_hhhhbbb_100sr_1_nnnnn_ddddd", trans_SHRN },
    { "SCVTF/UCVTF (scalar, fixed-point)", "01u111110_hhhhbbb_11100_1_nnnnn_ddddd", trans_FCVT_fixed },
    { "FCVTZS/FCVTZU (scalar, fixed-point)", "01u111110_hhhhbbb_11111_1_nnnnn_ddddd", trans_FCVT_fixed },
    A64_PATTERNS_END,
};
