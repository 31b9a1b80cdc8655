/*
 * A64 AdvSIMD floating point, vector and scalar (ARM ARM C4.1.96): three
 * same, two-register miscellaneous, pairwise, across lanes, by element,
 * and the narrowing and widening FCVTN/FCVTL/FCVTXN.
 *
 * Vector forms are one call of a whole-register helper (helper_vfp_bin,
 * helper_vfp_un: env + a constant descriptor of registers, format, size
 * and operation), so a 4S FADD costs one call and the translator stays
 * small: the decoders below only map an encoding to (operation, mode).
 * Scalar forms read the element into a temp and call the same element
 * functions the vector helpers loop over; FABS/FNEG vectors are inline
 * bit operations. Only single and double lanes exist here: the FP16
 * encodings (size 0x or the separate FP16 groups) are UNDEFINED, as this
 * CPU lacks FEAT_FP16.
 *
 * The encodings share their group shapes with the integer AdvSIMD
 * instructions; a handler returns false for an opcode that is not FP, and
 * the decoder goes on to the integer tables.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/helper-fp.h"

/* An (operation, helper_vfp_bin mode) pair; op < 0: unallocated. */
typedef struct FPBinEnc {
    int8_t op;
    uint8_t mode;
} FPBinEnc;

#define BIN(o) { (o), VFP_LANEWISE }
#define PAIR(o) { (o), VFP_PAIRWISE }
#define NONE { -1, 0 }

/* Three same, opcode 0b11xxx, by U, a (size<1>) and opcode<2:0> (C4.1.96.8). */
static const FPBinEnc three_same[2][2][8] = {
    {
        { BIN(FPB_MAXNM), BIN(VFP_MLA), BIN(FPB_ADD), BIN(FPB_MULX),
          BIN(FPB_CMEQ), NONE, BIN(FPB_MAX), BIN(FPB_RECPS) },
        { BIN(FPB_MINNM), BIN(VFP_MLS), BIN(FPB_SUB), NONE,
          NONE, NONE, BIN(FPB_MIN), BIN(FPB_RSQRTS) },
    }, {
        { PAIR(FPB_MAXNM), NONE, PAIR(FPB_ADD), BIN(FPB_MUL),
          BIN(FPB_CMGE), BIN(FPB_ACGE), PAIR(FPB_MAX), BIN(FPB_DIV) },
        { PAIR(FPB_MINNM), NONE, BIN(FPB_ABD), NONE,
          BIN(FPB_CMGT), BIN(FPB_ACGT), PAIR(FPB_MIN), NONE },
    },
};

static inline unsigned esize_bytes(bool dbl)
{
    return dbl ? 8 : 4;
}

static TCGv_i64 read_elt(DisasContext *s, unsigned reg, unsigned elt, bool dbl)
{
    TCGv_i64 v = tcg_temp_new_i64();

    read_vec_element(s, v, reg, elt, dbl ? MO_64 : MO_32);
    return v;
}

/* A scalar result (zero-extended single, or double): Vd = it, the rest zeroed. */
static void write_scalar(DisasContext *s, unsigned rd, TCGv_i64 v)
{
    write_fp_dreg(s, rd, v);
}

/* ---- Three same ---- */

/* FADD ... FDIV (vector) (C7.2.*): Q=0 with double lanes is reserved. */
static bool trans_fp_3same(DisasContext *s, uint32_t insn)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1), a = extract32(insn, 23, 1);
    bool dbl = extract32(insn, 22, 1);
    FPBinEnc e = three_same[u][a][extract32(insn, 11, 3)];

    if (e.op < 0 || (dbl && !q)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    gen_helper_vfp(&helper_info_vfp_bin,
                   VFP_DESC(extract32(insn, 0, 5), extract32(insn, 5, 5), extract32(insn, 16, 5),
                            dbl, q ? 16 : 8) | VFP_DESC_MODE(e.mode) | VFP_DESC_OP(e.op));
    return true;
}

/* Scalar three same (C4.1.96.16): FMULX, FCMxx, FACxx, FRECPS, FRSQRTS, FABD on one element. */
static bool trans_fp_3same_scalar(DisasContext *s, uint32_t insn)
{
    bool u = extract32(insn, 29, 1), a = extract32(insn, 23, 1), dbl = extract32(insn, 22, 1);
    FPBinEnc e = three_same[u][a][extract32(insn, 11, 3)];
    TCGv_i64 x, y, r;

    /* No pairwise op and no accumulation has a scalar form. */
    if (e.op < 0 || e.mode != VFP_LANEWISE || e.op >= FPB_COUNT || e.op < FPB_ABD) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    x = read_elt(s, extract32(insn, 5, 5), 0, dbl);
    y = read_elt(s, extract32(insn, 16, 5), 0, dbl);
    r = tcg_temp_new_i64();
    gen_helper_fp_bin(e.op, dbl, r, x, y);
    write_scalar(s, extract32(insn, 0, 5), r);
    return true;
}

/* ---- Two-register miscellaneous ---- */

typedef enum MiscKind {
    MISC_NONE,
    MISC_UN,            /* FPUnOp op with param */
    MISC_CMP0,          /* FPBinOp op (a, 0) */
    MISC_CMP0_SWAP,     /* FPBinOp op (0, a): FCMLT, FCMLE */
    MISC_ABS, MISC_NEG,
    MISC_FCVTN, MISC_FCVTXN, MISC_FCVTL,
} MiscKind;

typedef struct MiscEnc {
    uint8_t kind;
    uint8_t op;
    uint8_t rmode;      /* FloatRoundMode or FP_RM_FPCR (MISC_UN), | 8: FRINTX's exact */
    uint8_t forms;      /* MISC_VECTOR | MISC_SCALAR */
} MiscEnc;

#define MISC_VECTOR 1
#define MISC_SCALAR 2
#define MISC_IDX(u, a, opc) ((u) << 6 | (a) << 5 | (opc))

#define UN(o, rm, f) { MISC_UN, (o), (rm), (f) }
#define CVT_INT(o, rm) UN(o, rm, MISC_VECTOR | MISC_SCALAR)
#define BOTH (MISC_VECTOR | MISC_SCALAR)

/* By U, a (size<1>) and opcode (C4.1.96.7, C4.1.96.14); unlisted entries are not FP. */
static const MiscEnc misc_table[128] = {
    [MISC_IDX(0, 0, 0x16)] = { MISC_FCVTN, 0, 0, MISC_VECTOR },
    [MISC_IDX(0, 0, 0x17)] = { MISC_FCVTL, 0, 0, MISC_VECTOR },
    [MISC_IDX(1, 0, 0x16)] = { MISC_FCVTXN, 0, 0, BOTH },
    [MISC_IDX(0, 0, 0x18)] = UN(FPU_RINT, FLOAT_ROUND_NEAREST_EVEN, MISC_VECTOR),   /* FRINTN */
    [MISC_IDX(0, 1, 0x18)] = UN(FPU_RINT, FLOAT_ROUND_UP, MISC_VECTOR),             /* FRINTP */
    [MISC_IDX(0, 0, 0x19)] = UN(FPU_RINT, FLOAT_ROUND_DOWN, MISC_VECTOR),           /* FRINTM */
    [MISC_IDX(0, 1, 0x19)] = UN(FPU_RINT, FLOAT_ROUND_TO_ZERO, MISC_VECTOR),        /* FRINTZ */
    [MISC_IDX(1, 0, 0x18)] = UN(FPU_RINT, FLOAT_ROUND_TIES_AWAY, MISC_VECTOR),      /* FRINTA */
    [MISC_IDX(1, 0, 0x19)] = UN(FPU_RINT, FP_RM_FPCR | 8, MISC_VECTOR),             /* FRINTX */
    [MISC_IDX(1, 1, 0x19)] = UN(FPU_RINT, FP_RM_FPCR, MISC_VECTOR),                 /* FRINTI */
    [MISC_IDX(0, 0, 0x1a)] = CVT_INT(FPU_TO_SINT, FLOAT_ROUND_NEAREST_EVEN),        /* FCVTNS */
    [MISC_IDX(0, 1, 0x1a)] = CVT_INT(FPU_TO_SINT, FLOAT_ROUND_UP),                  /* FCVTPS */
    [MISC_IDX(0, 0, 0x1b)] = CVT_INT(FPU_TO_SINT, FLOAT_ROUND_DOWN),                /* FCVTMS */
    [MISC_IDX(0, 1, 0x1b)] = CVT_INT(FPU_TO_SINT, FLOAT_ROUND_TO_ZERO),             /* FCVTZS */
    [MISC_IDX(0, 0, 0x1c)] = CVT_INT(FPU_TO_SINT, FLOAT_ROUND_TIES_AWAY),           /* FCVTAS */
    [MISC_IDX(1, 0, 0x1a)] = CVT_INT(FPU_TO_UINT, FLOAT_ROUND_NEAREST_EVEN),        /* FCVTNU */
    [MISC_IDX(1, 1, 0x1a)] = CVT_INT(FPU_TO_UINT, FLOAT_ROUND_UP),                  /* FCVTPU */
    [MISC_IDX(1, 0, 0x1b)] = CVT_INT(FPU_TO_UINT, FLOAT_ROUND_DOWN),                /* FCVTMU */
    [MISC_IDX(1, 1, 0x1b)] = CVT_INT(FPU_TO_UINT, FLOAT_ROUND_TO_ZERO),             /* FCVTZU */
    [MISC_IDX(1, 0, 0x1c)] = CVT_INT(FPU_TO_UINT, FLOAT_ROUND_TIES_AWAY),           /* FCVTAU */
    [MISC_IDX(0, 0, 0x1d)] = UN(FPU_FROM_SINT, 0, BOTH),                            /* SCVTF */
    [MISC_IDX(1, 0, 0x1d)] = UN(FPU_FROM_UINT, 0, BOTH),                            /* UCVTF */
    [MISC_IDX(0, 1, 0x1d)] = UN(FPU_RECPE, 0, BOTH),                                /* FRECPE */
    [MISC_IDX(1, 1, 0x1d)] = UN(FPU_RSQRTE, 0, BOTH),                               /* FRSQRTE */
    [MISC_IDX(0, 1, 0x1f)] = UN(FPU_RECPX, 0, MISC_SCALAR),                         /* FRECPX */
    [MISC_IDX(1, 1, 0x1f)] = UN(FPU_SQRT, 0, MISC_VECTOR),                          /* FSQRT */
    [MISC_IDX(0, 1, 0x0c)] = { MISC_CMP0, FPB_CMGT, 0, BOTH },                      /* FCMGT #0 */
    [MISC_IDX(0, 1, 0x0d)] = { MISC_CMP0, FPB_CMEQ, 0, BOTH },                      /* FCMEQ #0 */
    [MISC_IDX(0, 1, 0x0e)] = { MISC_CMP0_SWAP, FPB_CMGT, 0, BOTH },                 /* FCMLT #0 */
    [MISC_IDX(1, 1, 0x0c)] = { MISC_CMP0, FPB_CMGE, 0, BOTH },                      /* FCMGE #0 */
    [MISC_IDX(1, 1, 0x0d)] = { MISC_CMP0_SWAP, FPB_CMGE, 0, BOTH },                 /* FCMLE #0 */
    [MISC_IDX(0, 1, 0x0f)] = { MISC_ABS, 0, 0, MISC_VECTOR },                       /* FABS */
    [MISC_IDX(1, 1, 0x0f)] = { MISC_NEG, 0, 0, MISC_VECTOR },                       /* FNEG */
};

static uint32_t misc_param(const MiscEnc *e)
{
    return FP_PARAM_RMODE(e->rmode & 7) | (e->rmode & 8 ? FP_PARAM_EXACT : 0);
}

/* FABS/FNEG (vector): the sign bit of every lane, in two 64-bit halves. */
static void gen_vec_sign_op(DisasContext *s, bool q, bool dbl, unsigned rd, unsigned rn,
                            bool neg)
{
    uint64_t sign = dbl ? 1ULL << 63 : 0x8000000080000000ULL;

    for (unsigned half = 0; half < (q ? 2 : 1); half++) {
        TCGv_i64 v = tcg_temp_new_i64();

        tcg_gen_ld_i64(v, tcg_env, vreg_element_offset(rn, half, MO_64));
        if (neg) {
            tcg_gen_xori_i64(v, v, sign);
        } else {
            tcg_gen_andi_i64(v, v, ~sign);
        }
        tcg_gen_st_i64(v, tcg_env, vreg_element_offset(rd, half, MO_64));
    }
    clear_vec_high(s, q, rd);
}

static bool trans_fp_misc(DisasContext *s, uint32_t insn)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1), a = extract32(insn, 23, 1);
    bool dbl = extract32(insn, 22, 1);
    const MiscEnc *e = &misc_table[MISC_IDX(u, a, extract32(insn, 12, 5))];
    unsigned rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    uint32_t desc;

    if (e->kind == MISC_NONE || !(e->forms & MISC_VECTOR)) {
        return false;
    }
    /* The narrowing/widening ones use Q to pick a half; FCVTXN is from doubles only. */
    if (e->kind == MISC_FCVTXN ? !dbl : (e->kind < MISC_FCVTN && dbl && !q)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    desc = VFP_DESC(rd, rn, 0, dbl, q ? 16 : 8);
    switch (e->kind) {
    case MISC_UN:
        gen_helper_vfp_un(desc | VFP_DESC_OP(e->op), misc_param(e));
        break;
    case MISC_CMP0:
    case MISC_CMP0_SWAP:
        gen_helper_vfp(&helper_info_vfp_bin,
                       desc | VFP_DESC_OP(e->op) |
                       VFP_DESC_MODE(e->kind == MISC_CMP0 ? VFP_ZERO_B : VFP_ZERO_A));
        break;
    case MISC_ABS:
    case MISC_NEG:
        gen_vec_sign_op(s, q, dbl, rd, rn, e->kind == MISC_NEG);
        break;
    case MISC_FCVTN:
    case MISC_FCVTXN:
        gen_helper_vfp(&helper_info_vfp_fcvtn,
                       VFP_DESC(rd, rn, 0, dbl, 0) | VFP_DESC_MODE(q) |
                       VFP_DESC_OP(e->kind == MISC_FCVTXN));
        break;
    default:
        gen_helper_vfp(&helper_info_vfp_fcvtl, VFP_DESC(rd, rn, 0, dbl, 0) | VFP_DESC_MODE(q));
        break;
    }
    return true;
}

/* Scalar two-register misc (C4.1.96.14): conversions, compares with zero, estimates, FCVTXN. */
static bool trans_fp_misc_scalar(DisasContext *s, uint32_t insn)
{
    bool u = extract32(insn, 29, 1), a = extract32(insn, 23, 1), dbl = extract32(insn, 22, 1);
    const MiscEnc *e = &misc_table[MISC_IDX(u, a, extract32(insn, 12, 5))];
    unsigned rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    TCGv_i64 x, r;

    if (e->kind == MISC_NONE || !(e->forms & MISC_SCALAR) || (e->kind == MISC_FCVTXN && !dbl)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    x = read_elt(s, rn, 0, dbl);
    r = tcg_temp_new_i64();
    switch (e->kind) {
    case MISC_UN:
        gen_helper_fp_un(e->op, dbl, r, x, misc_param(e));
        break;
    case MISC_CMP0:
        gen_helper_fp_bin(e->op, dbl, r, x, tcg_constant_i64(0));
        break;
    case MISC_CMP0_SWAP:
        gen_helper_fp_bin(e->op, dbl, r, tcg_constant_i64(0), x);
        break;
    default:    /* FCVTXN Sd, Dn (C7.2.89) */
        gen_helper_fcvt(r, x, FCVT_DESC(FP_FMT_D, FP_FMT_S, 1));
        break;
    }
    write_scalar(s, rd, r);
    return true;
}

/* ---- Pairwise and across lanes ---- */

/* FMAXNMP, FADDP, FMAXP / FMINNMP, FMINP (scalar), by a and opcode - 0x0c. */
static const int8_t pair_op[2][4] = {
    { FPB_MAXNM, FPB_ADD, -1, FPB_MAX },
    { FPB_MINNM, -1, -1, FPB_MIN },
};

/* Scalar pairwise (C4.1.96.15): Vd = Vn[0] OP Vn[1]; U = 0 is the FP16 form. */
static bool trans_fp_pairwise_scalar(DisasContext *s, uint32_t insn)
{
    unsigned opcode = extract32(insn, 12, 5), rn = extract32(insn, 5, 5);
    bool a = extract32(insn, 23, 1), dbl = extract32(insn, 22, 1);
    TCGv_i64 x, y, r;
    int op;

    if (!extract32(insn, 29, 1) || opcode < 0x0c || opcode > 0x0f ||
        (op = pair_op[a][opcode - 0x0c]) < 0) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    x = read_elt(s, rn, 0, dbl);
    y = read_elt(s, rn, 1, dbl);
    r = tcg_temp_new_i64();
    gen_helper_fp_bin(op, dbl, r, x, y);
    write_scalar(s, extract32(insn, 0, 5), r);
    return true;
}

/*
 * FMAXNMV, FMAXV, FMINNMV, FMINV (C4.1.96.6): 4S only. The pseudocode's
 * Reduce halves the vector recursively: op(op(e0, e1), op(e2, e3)).
 */
static bool trans_fp_across(DisasContext *s, uint32_t insn)
{
    unsigned opcode = extract32(insn, 12, 5), rn = extract32(insn, 5, 5);
    bool q = extract32(insn, 30, 1), a = extract32(insn, 23, 1), dbl = extract32(insn, 22, 1);
    TCGv_i64 e[4], lo, hi;
    int op;

    if (!extract32(insn, 29, 1) || !q || dbl || (opcode != 0x0c && opcode != 0x0f)) {
        return false;
    }
    op = pair_op[a][opcode - 0x0c];
    if (!fp_access_check(s)) {
        return true;
    }
    for (unsigned i = 0; i < 4; i++) {
        e[i] = read_elt(s, rn, i, false);
    }
    lo = tcg_temp_new_i64();
    hi = tcg_temp_new_i64();
    gen_helper_fp_bin(op, false, lo, e[0], e[1]);
    gen_helper_fp_bin(op, false, hi, e[2], e[3]);
    gen_helper_fp_bin(op, false, lo, lo, hi);
    write_scalar(s, extract32(insn, 0, 5), lo);
    return true;
}

/* ---- By element ---- */

/*
 * FMLA, FMLS, FMUL, FMULX (by element) (C7.2.116 ...): every lane of Vn
 * with lane H:L (single) or H (double) of V(M:Rm). The scalar forms are
 * the same with one lane (oprsz = the element size).
 */
static bool gen_fp_by_element(DisasContext *s, uint32_t insn, bool scalar)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1), dbl = extract32(insn, 22, 1);
    bool l = extract32(insn, 21, 1), h = extract32(insn, 11, 1);
    unsigned opcode = extract32(insn, 12, 4), rm = extract32(insn, 16, 5), index, oprsz;
    int op;

    switch (u << 4 | opcode) {
    case 0x01:
        op = VFP_MLA;
        break;
    case 0x05:
        op = VFP_MLS;
        break;
    case 0x09:
        op = FPB_MUL;
        break;
    case 0x19:
        op = FPB_MULX;
        break;
    default:
        return false;
    }
    if (dbl && (l || (!scalar && !q))) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    index = dbl ? h : (unsigned)(h << 1 | l);
    oprsz = scalar ? esize_bytes(dbl) : (q ? 16 : 8);
    gen_helper_vfp(&helper_info_vfp_bin,
                   VFP_DESC(extract32(insn, 0, 5), extract32(insn, 5, 5), rm, dbl, oprsz) |
                   VFP_DESC_MODE(VFP_BY_ELEMENT) | VFP_DESC_INDEX(index) | VFP_DESC_OP(op));
    return true;
}

static bool trans_fp_by_element(DisasContext *s, uint32_t insn)
{
    return gen_fp_by_element(s, insn, false);
}

static bool trans_fp_by_element_scalar(DisasContext *s, uint32_t insn)
{
    return gen_fp_by_element(s, insn, true);
}

/* size<1> = 1 (bit 23) marks single/double in the by-element groups. */
const A64Pattern a64_simd_fp_patterns[] = {
    { "AdvSIMD three same (FP)", "0_q_u_01110_a_s_1_mmmmm_11ooo_1_nnnnn_ddddd", trans_fp_3same },
    { "AdvSIMD scalar three same (FP)", "01_u_11110_a_s_1_mmmmm_11ooo_1_nnnnn_ddddd",
      trans_fp_3same_scalar },
    { "AdvSIMD two-reg misc (FP)", "0_q_u_01110_a_s_10000_ooooo_10_nnnnn_ddddd", trans_fp_misc },
    { "AdvSIMD scalar two-reg misc (FP)", "01_u_11110_a_s_10000_ooooo_10_nnnnn_ddddd",
      trans_fp_misc_scalar },
    { "AdvSIMD scalar pairwise (FP)", "01_u_11110_a_s_11000_ooooo_10_nnnnn_ddddd",
      trans_fp_pairwise_scalar },
    { "AdvSIMD across lanes (FP)", "0_q_u_01110_a_s_11000_ooooo_10_nnnnn_ddddd", trans_fp_across },
    { "AdvSIMD vector x indexed element (FP)", "0_q_u_01111_1_s_l_m_rrrr_oooo_h_0_nnnnn_ddddd",
      trans_fp_by_element },
    { "AdvSIMD scalar x indexed element (FP)", "01_u_11111_1_s_l_m_rrrr_oooo_h_0_nnnnn_ddddd",
      trans_fp_by_element_scalar },
    A64_PATTERNS_END,
};
