/*
 * A64 scalar floating point (ARM ARM C4.1.96): data processing with one,
 * two and three sources, compare and conditional compare, conditional
 * select, immediate, and the conversions between FP and integer or fixed
 * point, FMOV to and from general registers.
 *
 * Values travel as i64 temps holding the bit pattern (a single in the low
 * 32 bits, zero above), so one code path serves both precisions: ptype
 * picks the helper table row (helper-fp.h), and a write of Sd or Dd zeroes
 * the rest of the register (write_fp_dreg). What needs no rounding is
 * inline IR: FMOV, FABS/FNEG (the sign bit), FCSEL (movcond), the FMOV
 * immediate (a constant); everything that rounds or raises a flag calls an
 * element helper with env->fp_status. FCMP returns NZCV from its helper,
 * and FCCMP passes the condition into the same helper so no branch splits
 * the TB.
 *
 * Half precision: only FCVT to and from H (ptype 11 elsewhere is FP16
 * arithmetic, FEAT_FP16, which this CPU does not have: UNDEFINED).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/helper-fp.h"

/* ptype (bits 23:22): 00 single, 01 double; false for half (FP16) and 10. */
static bool fp_type_sd(uint32_t insn, bool *dbl)
{
    unsigned ptype = extract32(insn, 22, 2);

    *dbl = ptype == 1;
    return ptype <= 1;
}

static TCGv_i64 read_fp(DisasContext *s, unsigned reg, bool dbl)
{
    TCGv_i64 v = tcg_temp_new_i64();

    if (dbl) {
        tcg_gen_ld_i64(v, tcg_env, vreg_offset(reg));
    } else {
        tcg_gen_ld32u_i64(v, tcg_env, vreg_offset(reg));
    }
    return v;
}

/* v holds a single zero-extended, or a double: Vd = v, the rest zeroed. */
static void write_fp(DisasContext *s, unsigned reg, TCGv_i64 v)
{
    write_fp_dreg(s, reg, v);
}

static inline uint64_t fp_sign(bool dbl)
{
    return dbl ? 1ULL << 63 : 1ULL << 31;
}

/* NZCV from a helper's PSTATE-layout bits 31:28 into the flag globals (see cpu.h). */
static void gen_set_nzcv(DisasContext *s, TCGv_i32 nzcv)
{
    ARMGlobals *g = s->g;

    tcg_gen_mov_i32(g->NF, nzcv);
    tcg_gen_andi_i32(g->ZF, nzcv, 1u << 30);
    tcg_gen_xori_i32(g->ZF, g->ZF, 1u << 30);
    tcg_gen_extract_i32(g->CF, nzcv, 29, 1);
    tcg_gen_shli_i32(g->VF, nzcv, 3);
}

/* ---- Data processing, one source (C4.1.96.24) ---- */

/* FCVT (C7.2.69): ptype and opc name the formats 00 S, 01 D, 11 H. */
static bool trans_FCVT(DisasContext *s, uint32_t insn)
{
    static const int fmt_of[4] = { FP_FMT_S, FP_FMT_D, -1, FP_FMT_H };
    int from = fmt_of[extract32(insn, 22, 2)], to = fmt_of[extract32(insn, 15, 2)];
    unsigned rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    TCGv_i64 v, r;

    if (from < 0 || to < 0 || from == to) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    v = tcg_temp_new_i64();
    r = tcg_temp_new_i64();
    tcg_gen_ld_i64(v, tcg_env, vreg_offset(rn));
    gen_helper_fcvt(r, v, FCVT_DESC(from, to, 0));
    write_fp(s, rd, r);
    return true;
}

static bool trans_fp_1src(DisasContext *s, uint32_t insn)
{
    /* FRINTN, P, M, Z, A, (none), X, I: opcode 0b001xxx (C7.2.155 ...). */
    static const int8_t frint_mode[8] = {
        FLOAT_ROUND_NEAREST_EVEN, FLOAT_ROUND_UP, FLOAT_ROUND_DOWN, FLOAT_ROUND_TO_ZERO,
        FLOAT_ROUND_TIES_AWAY, -1, FP_RM_FPCR, FP_RM_FPCR,
    };
    unsigned opcode = extract32(insn, 15, 6), rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    TCGv_i64 v, r;
    bool dbl;

    if (opcode >= 4 && opcode <= 7) {
        return trans_FCVT(s, insn);
    }
    /* Opcodes 0b01xxxx are FEAT_FRINTTS and BFCVT: UNDEFINED here. */
    if (!fp_type_sd(insn, &dbl) || opcode > 15 || (opcode >= 8 && frint_mode[opcode - 8] < 0)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    v = read_fp(s, rn, dbl);
    r = tcg_temp_new_i64();
    switch (opcode) {
    case 0:     /* FMOV (register) */
        tcg_gen_mov_i64(r, v);
        break;
    case 1:     /* FABS: the sign bit cleared, NaNs included (C7.2.48) */
        tcg_gen_andi_i64(r, v, ~fp_sign(dbl));
        break;
    case 2:     /* FNEG */
        tcg_gen_xori_i64(r, v, fp_sign(dbl));
        break;
    case 3:
        gen_helper_fp_un(FPU_SQRT, dbl, r, v, 0);
        break;
    default: {
        uint32_t param = FP_PARAM_RMODE(frint_mode[opcode - 8]);

        if (opcode == 14) {
            param |= FP_PARAM_EXACT;    /* FRINTX */
        }
        gen_helper_fp_un(FPU_RINT, dbl, r, v, param);
        break;
    }
    }
    write_fp(s, rd, r);
    return true;
}

/* ---- Data processing, two and three sources (C4.1.96.26, .27) ---- */

/* FMUL, FDIV, FADD, FSUB, FMAX, FMIN, FMAXNM, FMINNM, FNMUL by opcode (C7.2.*). */
static bool trans_fp_2src(DisasContext *s, uint32_t insn)
{
    static const FPBinOp ops[9] = {
        FPB_MUL, FPB_DIV, FPB_ADD, FPB_SUB, FPB_MAX, FPB_MIN, FPB_MAXNM, FPB_MINNM, FPB_NMUL,
    };
    unsigned opcode = extract32(insn, 12, 4);
    TCGv_i64 a, b, r;
    bool dbl;

    if (!fp_type_sd(insn, &dbl) || opcode >= ARRAY_SIZE(ops)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    a = read_fp(s, extract32(insn, 5, 5), dbl);
    b = read_fp(s, extract32(insn, 16, 5), dbl);
    r = tcg_temp_new_i64();
    gen_helper_fp_bin(ops[opcode], dbl, r, a, b);
    write_fp(s, extract32(insn, 0, 5), r);
    return true;
}

/*
 * FMADD, FMSUB, FNMADD, FNMSUB (C7.2.98 ...): Ra + Rn * Rm with the
 * pseudocode's operand negations (o1: Ra, o1 != o0: Rn) before FPMulAdd,
 * so a negated NaN operand comes out with its sign flipped, as on hardware.
 */
static bool trans_fp_3src(DisasContext *s, uint32_t insn)
{
    bool o1 = extract32(insn, 21, 1), o0 = extract32(insn, 15, 1), dbl;
    TCGv_i64 n, m, a, r;

    if (!fp_type_sd(insn, &dbl)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    n = read_fp(s, extract32(insn, 5, 5), dbl);
    m = read_fp(s, extract32(insn, 16, 5), dbl);
    a = read_fp(s, extract32(insn, 10, 5), dbl);
    if (o1) {
        tcg_gen_xori_i64(a, a, fp_sign(dbl));
    }
    if (o1 != o0) {
        tcg_gen_xori_i64(n, n, fp_sign(dbl));
    }
    r = tcg_temp_new_i64();
    gen_helper_fmuladd(dbl, r, a, n, m);
    write_fp(s, extract32(insn, 0, 5), r);
    return true;
}

/* ---- Compare, conditional compare, conditional select (C4.1.96.21, .22, .25) ---- */

/* FCMP, FCMPE (C7.2.66, C7.2.67): bit 3 compares with +0.0, bit 4 signals on quiet NaNs. */
static bool trans_FCMP(DisasContext *s, uint32_t insn)
{
    bool with_zero = extract32(insn, 3, 1), signalling = extract32(insn, 4, 1), dbl;
    TCGv_i64 a, b;
    TCGv_i32 nzcv;

    if (!fp_type_sd(insn, &dbl)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    a = read_fp(s, extract32(insn, 5, 5), dbl);
    b = with_zero ? tcg_constant_i64(0) : read_fp(s, extract32(insn, 16, 5), dbl);
    nzcv = tcg_temp_new_i32();
    gen_helper_fcmp(dbl, nzcv, a, b, tcg_constant_i32(1), signalling);
    gen_set_nzcv(s, nzcv);
    return true;
}

/* FCCMP, FCCMPE (C7.2.64, C7.2.65): compare when cond holds, else NZCV = #nzcv. */
static bool trans_FCCMP(DisasContext *s, uint32_t insn)
{
    unsigned cond = extract32(insn, 12, 4), imm = extract32(insn, 0, 4);
    bool signalling = extract32(insn, 4, 1), dbl;
    TCGv_i64 a, b, holds64;
    TCGv_i32 holds, nzcv;

    if (!fp_type_sd(insn, &dbl)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    a = read_fp(s, extract32(insn, 5, 5), dbl);
    b = read_fp(s, extract32(insn, 16, 5), dbl);
    holds64 = tcg_temp_new_i64();
    holds = tcg_temp_new_i32();
    gen_cond_value(s, cond, holds64);
    tcg_gen_extrl_i64_i32(holds, holds64);
    nzcv = tcg_temp_new_i32();
    gen_helper_fcmp(dbl, nzcv, a, b, holds, imm << 28 | signalling);
    gen_set_nzcv(s, nzcv);
    return true;
}

/* FCSEL (C7.2.68): a movcond, the TB stays one block. */
static bool trans_FCSEL(DisasContext *s, uint32_t insn)
{
    TCGv_i64 a, b, holds, r;
    bool dbl;

    if (!fp_type_sd(insn, &dbl)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    a = read_fp(s, extract32(insn, 5, 5), dbl);
    b = read_fp(s, extract32(insn, 16, 5), dbl);
    holds = tcg_temp_new_i64();
    r = tcg_temp_new_i64();
    gen_cond_value(s, extract32(insn, 12, 4), holds);
    tcg_gen_movcond_i64(TCG_COND_NE, r, holds, tcg_constant_i64(0), a, b);
    write_fp(s, extract32(insn, 0, 5), r);
    return true;
}

/* ---- Immediate (C4.1.96.23) ---- */

/* VFPExpandImm (ARM ARM J1): imm8 = a:b:cd:efgh is (-1)^a * 2^(NOT(b):b..b:cd - bias) * 1.efgh. */
static uint64_t vfp_expand_imm(unsigned imm8, bool dbl)
{
    unsigned sign = imm8 >> 7, b = extract32(imm8, 6, 1), cd = extract32(imm8, 4, 2);
    unsigned efgh = imm8 & 15;

    if (dbl) {
        uint64_t exp = (uint64_t)!b << 10 | (b ? 0xffu << 2 : 0) | cd;

        return (uint64_t)sign << 63 | exp << 52 | (uint64_t)efgh << 48;
    }
    return (uint64_t)((uint32_t)sign << 31 | (uint32_t)(!b << 7 | (b ? 0x1fu << 2 : 0) | cd) << 23 |
                      efgh << 19);
}

/* FMOV (scalar, immediate) (C7.2.130). */
static bool trans_FMOV_imm(DisasContext *s, uint32_t insn)
{
    bool dbl;

    if (!fp_type_sd(insn, &dbl)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    write_fp(s, extract32(insn, 0, 5),
             tcg_constant_i64(vfp_expand_imm(extract32(insn, 13, 8), dbl)));
    return true;
}

/* ---- Conversions (C4.1.96.28, .29) ---- */

static uint32_t conv_desc(bool dbl, bool sf, bool is_unsigned)
{
    return (dbl ? FPCONV_DOUBLE : 0) | (sf ? FPCONV_INT64 : 0) | (is_unsigned ? FPCONV_UNSIGNED : 0);
}

/* SCVTF/UCVTF and FCVTZS/FCVTZU with #fbits = 64 - scale (C7.2.236 ...). */
static bool trans_fp_fixed(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31, dbl;
    unsigned rmode_op = extract32(insn, 16, 5), scale = extract32(insn, 10, 6);
    unsigned rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    uint32_t fbits = FP_PARAM_FBITS(64 - scale);
    TCGv_i64 r;

    if (!fp_type_sd(insn, &dbl) || (!sf && scale < 32)) {
        return false;
    }
    switch (rmode_op) {
    case 0x02:      /* SCVTF */
    case 0x03:      /* UCVTF */
        if (!fp_access_check(s)) {
            return true;
        }
        r = tcg_temp_new_i64();
        gen_helper_int_to_fp(r, cpu_reg(s, rn), conv_desc(dbl, sf, rmode_op & 1) | fbits);
        write_fp(s, rd, r);
        return true;
    case 0x18:      /* FCVTZS */
    case 0x19:      /* FCVTZU */
        if (!fp_access_check(s)) {
            return true;
        }
        r = tcg_temp_new_i64();
        gen_helper_fp_to_int(r, read_fp(s, rn, dbl),
                             conv_desc(dbl, sf, rmode_op & 1) | fbits |
                             FP_PARAM_RMODE(FLOAT_ROUND_TO_ZERO));
        a64_write_reg(s, rd, r, sf);
        return true;
    default:
        return false;
    }
}

/* FMOV between a general register and Sn, Dn, or Vn.D[1] (C7.2.131). */
static bool trans_FMOV_gpr(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31, to_fp = extract32(insn, 16, 1);
    unsigned ptype = extract32(insn, 22, 2), rmode = extract32(insn, 19, 2);
    unsigned rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    bool top = rmode == 1;
    TCGv_i64 v;

    if (!((!sf && ptype == 0 && rmode == 0) || (sf && ptype == 1 && rmode == 0) ||
          (sf && ptype == 2 && rmode == 1))) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    if (to_fp) {
        v = cpu_reg(s, rn);
        if (top) {
            /* Only the upper half is written: the lower keeps its value. */
            tcg_gen_st_i64(v, tcg_env, vreg_element_offset(rd, 1, MO_64));
        } else {
            TCGv_i64 t = tcg_temp_new_i64();

            if (sf) {
                tcg_gen_mov_i64(t, v);
            } else {
                tcg_gen_ext32u_i64(t, v);
            }
            write_fp(s, rd, t);
        }
    } else {
        v = tcg_temp_new_i64();
        if (top) {
            tcg_gen_ld_i64(v, tcg_env, vreg_element_offset(rn, 1, MO_64));
        } else if (sf) {
            tcg_gen_ld_i64(v, tcg_env, vreg_offset(rn));
        } else {
            tcg_gen_ld32u_i64(v, tcg_env, vreg_offset(rn));
        }
        a64_write_reg(s, rd, v, sf);
    }
    return true;
}

/*
 * FP <-> integer (C4.1.96.29): FCVT{N,P,M,Z}{S,U} by rmode, SCVTF/UCVTF,
 * FCVTA{S,U}, FMOV.
 */
static bool trans_fp_int(DisasContext *s, uint32_t insn)
{
    static const FloatRoundMode rmode_of[4] = {
        FLOAT_ROUND_NEAREST_EVEN, FLOAT_ROUND_UP, FLOAT_ROUND_DOWN, FLOAT_ROUND_TO_ZERO,
    };
    bool sf = insn >> 31, dbl;
    unsigned rmode = extract32(insn, 19, 2), opcode = extract32(insn, 16, 3);
    unsigned rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    FloatRoundMode rm;
    TCGv_i64 r;

    if (opcode >= 6) {
        return trans_FMOV_gpr(s, insn);
    }
    if (!fp_type_sd(insn, &dbl) || (opcode >= 2 && rmode != 0)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    r = tcg_temp_new_i64();
    if (opcode == 2 || opcode == 3) {       /* SCVTF, UCVTF */
        gen_helper_int_to_fp(r, cpu_reg(s, rn), conv_desc(dbl, sf, opcode & 1));
        write_fp(s, rd, r);
        return true;
    }
    rm = opcode >= 4 ? FLOAT_ROUND_TIES_AWAY : rmode_of[rmode];
    gen_helper_fp_to_int(r, read_fp(s, rn, dbl),
                         conv_desc(dbl, sf, opcode & 1) | FP_PARAM_RMODE(rm));
    a64_write_reg(s, rd, r, sf);
    return true;
}

/* M = 0 and S = 0 everywhere: M = 1 or S = 1 is unallocated in these groups. */
const A64Pattern a64_fp_patterns[] = {
    { "FP data-processing (1 source)", "000_11110_tt_1_oooooo_10000_nnnnn_ddddd", trans_fp_1src },
    { "FP compare", "000_11110_tt_1_mmmmm_00_1000_nnnnn_ez000", trans_FCMP },
    { "FP immediate", "000_11110_tt_1_iiiiiiii_100_00000_ddddd", trans_FMOV_imm },
    { "FP conditional compare", "000_11110_tt_1_mmmmm_cccc_01_nnnnn_evvvv", trans_FCCMP },
    { "FP data-processing (2 source)", "000_11110_tt_1_mmmmm_oooo_10_nnnnn_ddddd", trans_fp_2src },
    { "FP conditional select", "000_11110_tt_1_mmmmm_cccc_11_nnnnn_ddddd", trans_FCSEL },
    { "FP data-processing (3 source)", "000_11111_tt_o_mmmmm_o_aaaaa_nnnnn_ddddd", trans_fp_3src },
    { "FP <-> fixed point", "s00_11110_tt_0_rr_ooo_ssssss_nnnnn_ddddd", trans_fp_fixed },
    { "FP <-> integer", "s00_11110_tt_1_rr_ooo_000000_nnnnn_ddddd", trans_fp_int },
    A64_PATTERNS_END,
};
