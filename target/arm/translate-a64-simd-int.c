/*
 * A64 AdvSIMD integer, same-width: the integer forms of "three same",
 * "two-register miscellaneous", "across lanes" and their scalar forms, and
 * scalar pairwise ADDP (ARM ARM C4.1.96: .18, .22, .4, .11, .13, .10).
 *
 * Each group is one pattern with U, size and opcode as fields, and a table
 * indexed by [U][opcode] saying which operation it is and which element
 * sizes its vector and scalar forms allow: the ARM ARM's encoding tables
 * transcribed, so an unlisted combination (among them every FP one, which
 * translate-a64-simd-fp.c decodes from the same groups) returns false.
 * Two rules hold for every vector form: 64-bit elements need Q = 1, and
 * the scalar forms operate on one element and zero the rest of Vd.
 *
 * The lane-wise operations the gvec IR ops cover (add, sub, mul, min/max,
 * compares, logic and bit selects, abs, neg, not) are inline gvec ops,
 * whose maxsz of 16 clears the rest of Vd; everything else, notably all
 * that sets FPSR.QC (gvec's saturating ops do not report saturation), is
 * a whole-vector helper (helper-simd-int.c) called with a constant desc,
 * which writes all 128 bits of Vd too. So no clear_vec_high here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/helper-simd-int.h"
#include "tcg/tcg-op-gvec.h"

/* Element sizes an encoding allows, one bit per size field value. */
#define SZ_B    (1u << MO_8)
#define SZ_H    (1u << MO_16)
#define SZ_S    (1u << MO_32)
#define SZ_D    (1u << MO_64)
#define SZ_BH   (SZ_B | SZ_H)
#define SZ_HS   (SZ_H | SZ_S)
#define SZ_BHS  (SZ_B | SZ_H | SZ_S)
#define SZ_ALL  (SZ_BHS | SZ_D)

typedef void GVecGen3Fn(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                        uint32_t oprsz, uint32_t maxsz);
typedef void GVecGen2Fn(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t oprsz,
                        uint32_t maxsz);

/* One operation: inline as a gvec op (gvec3, gvec2 or a compare) or a helper call. */
typedef struct SimdIntOp {
    const TCGHelperInfo *helper;
    GVecGen3Fn *gvec3;          /* Vd = Vn OP Vm */
    GVecGen2Fn *gvec2;          /* Vd = OP Vn */
    TCGCond cond;               /* Vd = Vn COND Vm: lanes of all ones or zeros */
    uint8_t vector_sizes;       /* of the vector form; D also needs Q = 1 */
    uint8_t scalar_sizes;       /* of the scalar form; 0: it has none */
} SimdIntOp;

/* Table entries: vs, ss are the vector and scalar sizes. */
#define OP(name, vs, ss)    { .helper = &helper_info_simd_int_##name, \
                              .vector_sizes = vs, .scalar_sizes = ss }
#define GVEC3(name, vs, ss) { .gvec3 = tcg_gen_gvec_##name, .vector_sizes = vs, .scalar_sizes = ss }
#define GVEC2(name, vs, ss) { .gvec2 = tcg_gen_gvec_##name, .vector_sizes = vs, .scalar_sizes = ss }
#define CMP(c, vs, ss)      { .cond = TCG_COND_##c, .vector_sizes = vs, .scalar_sizes = ss }

/* Three same (C4.1.96.18 and scalar C4.1.96.11), [U][opcode]; opcode 3 is the logic group. */
static const SimdIntOp three_same_ops[2][24] = {
    {
        [0x00] = OP(shadd, SZ_BHS, 0),      [0x01] = OP(sqadd, SZ_ALL, SZ_ALL),
        [0x02] = OP(srhadd, SZ_BHS, 0),     [0x04] = OP(shsub, SZ_BHS, 0),
        [0x05] = OP(sqsub, SZ_ALL, SZ_ALL), [0x06] = CMP(GT, SZ_ALL, SZ_D),
        [0x07] = CMP(GE, SZ_ALL, SZ_D),    [0x08] = OP(sshl, SZ_ALL, SZ_D),
        [0x09] = OP(sqshl, SZ_ALL, SZ_ALL), [0x0a] = OP(srshl, SZ_ALL, SZ_D),
        [0x0b] = OP(sqrshl, SZ_ALL, SZ_ALL), [0x0c] = GVEC3(smax, SZ_BHS, 0),
        [0x0d] = GVEC3(smin, SZ_BHS, 0),       [0x0e] = OP(sabd, SZ_BHS, 0),
        [0x0f] = OP(saba, SZ_BHS, 0),       [0x10] = GVEC3(add, SZ_ALL, SZ_D),
        [0x11] = OP(cmtst, SZ_ALL, SZ_D),   [0x12] = OP(mla, SZ_BHS, 0),
        [0x13] = GVEC3(mul, SZ_BHS, 0),        [0x14] = OP(smaxp, SZ_BHS, 0),
        [0x15] = OP(sminp, SZ_BHS, 0),      [0x16] = OP(sqdmulh, SZ_HS, SZ_HS),
        [0x17] = OP(addp, SZ_ALL, 0),
    }, {
        [0x00] = OP(uhadd, SZ_BHS, 0),      [0x01] = OP(uqadd, SZ_ALL, SZ_ALL),
        [0x02] = OP(urhadd, SZ_BHS, 0),     [0x04] = OP(uhsub, SZ_BHS, 0),
        [0x05] = OP(uqsub, SZ_ALL, SZ_ALL), [0x06] = CMP(GTU, SZ_ALL, SZ_D),
        [0x07] = CMP(GEU, SZ_ALL, SZ_D),    [0x08] = OP(ushl, SZ_ALL, SZ_D),
        [0x09] = OP(uqshl, SZ_ALL, SZ_ALL), [0x0a] = OP(urshl, SZ_ALL, SZ_D),
        [0x0b] = OP(uqrshl, SZ_ALL, SZ_ALL), [0x0c] = GVEC3(umax, SZ_BHS, 0),
        [0x0d] = GVEC3(umin, SZ_BHS, 0),       [0x0e] = OP(uabd, SZ_BHS, 0),
        [0x0f] = OP(uaba, SZ_BHS, 0),       [0x10] = GVEC3(sub, SZ_ALL, SZ_D),
        [0x11] = CMP(EQ, SZ_ALL, SZ_D),    [0x12] = OP(mls, SZ_BHS, 0),
        [0x13] = OP(pmul, SZ_B, 0),         [0x14] = OP(umaxp, SZ_BHS, 0),
        [0x15] = OP(uminp, SZ_BHS, 0),      [0x16] = OP(sqrdmulh, SZ_HS, SZ_HS),
    },
};

/*
 * The logic group (three same, opcode 3), where size is the operation:
 * AND, BIC, ORR, ORN, EOR, then BSL, BIT, BIF as bit selects, [size - 1]:
 * which of Vd, Vn, Vm is the selector and which the sources it picks
 * from where it has ones and zeros (ARM ARM C7.2.27, C7.2.22, C7.2.21).
 */
static GVecGen3Fn *const logic_ops[5] = {
    tcg_gen_gvec_and, tcg_gen_gvec_andc, tcg_gen_gvec_or, tcg_gen_gvec_orc, tcg_gen_gvec_xor,
};

enum { SEL_D, SEL_N, SEL_M };

static const uint8_t bitsel_operands[3][3] = {
    { SEL_D, SEL_N, SEL_M },        /* BSL: Vd ? Vn : Vm */
    { SEL_M, SEL_N, SEL_D },        /* BIT: Vm ? Vn : Vd */
    { SEL_M, SEL_D, SEL_N },        /* BIF: Vm ? Vd : Vn */
};

/*
 * Two-register miscellaneous (C4.1.96.22 and scalar C4.1.96.13), [U][opcode].
 * For the narrowing ones (XTN, SQXTUN, SQXTN, UQXTN) and SHLL size is the
 * narrow element's; NOT and RBIT (U = 1, opcode 5) are told apart by size.
 */
static const SimdIntOp two_reg_misc_ops[2][32] = {
    {
        [0x00] = OP(rev64, SZ_BHS, 0),      [0x01] = OP(rev16, SZ_B, 0),
        [0x02] = OP(saddlp, SZ_BHS, 0),     [0x03] = OP(suqadd, SZ_ALL, SZ_ALL),
        [0x04] = OP(cls, SZ_BHS, 0),        [0x05] = OP(cnt, SZ_B, 0),
        [0x06] = OP(sadalp, SZ_BHS, 0),     [0x07] = OP(sqabs, SZ_ALL, SZ_ALL),
        [0x08] = OP(cmgt0, SZ_ALL, SZ_D),   [0x09] = OP(cmeq0, SZ_ALL, SZ_D),
        [0x0a] = OP(cmlt0, SZ_ALL, SZ_D),   [0x0b] = GVEC2(abs, SZ_ALL, SZ_D),
        [0x12] = OP(xtn, SZ_BHS, 0),        [0x14] = OP(sqxtn, SZ_BHS, SZ_BHS),
        [0x1c] = OP(urecpe, SZ_S, 0),
    }, {
        [0x00] = OP(rev32, SZ_BH, 0),
        [0x02] = OP(uaddlp, SZ_BHS, 0),     [0x03] = OP(usqadd, SZ_ALL, SZ_ALL),
        [0x04] = OP(clz, SZ_BHS, 0),
        [0x06] = OP(uadalp, SZ_BHS, 0),     [0x07] = OP(sqneg, SZ_ALL, SZ_ALL),
        [0x08] = OP(cmge0, SZ_ALL, SZ_D),   [0x09] = OP(cmle0, SZ_ALL, SZ_D),
        [0x0b] = GVEC2(neg, SZ_ALL, SZ_D),
        [0x12] = OP(sqxtun, SZ_BHS, SZ_BHS), [0x13] = OP(shll, SZ_BHS, 0),
        [0x14] = OP(uqxtn, SZ_BHS, SZ_BHS),
        [0x1c] = OP(ursqrte, SZ_S, 0),
    },
};

/* Across lanes (C4.1.96.4), [U][opcode]: B and H, S only with Q = 1. */
static const SimdIntOp across_lanes_ops[2][32] = {
    {
        [0x03] = OP(saddlv, SZ_BHS, 0),     [0x0a] = OP(smaxv, SZ_BHS, 0),
        [0x1a] = OP(sminv, SZ_BHS, 0),      [0x1b] = OP(addv, SZ_BHS, 0),
    }, {
        [0x03] = OP(uaddlv, SZ_BHS, 0),     [0x0a] = OP(umaxv, SZ_BHS, 0),
        [0x1a] = OP(uminv, SZ_BHS, 0),
    },
};

/* The fields every pattern below shares. */
typedef struct SimdIntFields {
    unsigned rd, rn, rm, opcode, size;
    bool u, q;
} SimdIntFields;

static SimdIntFields simd_int_fields(uint32_t insn, unsigned opcode_shift)
{
    return (SimdIntFields) {
        .rd = extract32(insn, 0, 5),
        .rn = extract32(insn, 5, 5),
        .rm = extract32(insn, 16, 5),
        .opcode = extract32(insn, opcode_shift, 5),
        .size = extract32(insn, 22, 2),
        .u = extract32(insn, 29, 1),
        .q = extract32(insn, 30, 1),
    };
}

static bool size_allowed(const SimdIntOp *op, unsigned size, bool q, bool scalar)
{
    if (scalar) {
        return op->scalar_sizes & (1u << size);
    }
    return (op->vector_sizes & (1u << size)) && (size != MO_64 || q);
}

/* Bytes an operation covers: the scalar forms (one D element when inline) and Q = 0 have 8. */
static uint32_t oprsz_of(const SimdIntFields *f, bool scalar)
{
    return f->q && !scalar ? 16 : 8;
}

/* Emits a helper call after the FP access check; true (a raised trap ends the insn too). */
static bool gen_helper_op(DisasContext *s, const TCGHelperInfo *helper, const SimdIntFields *f,
                          unsigned size, bool scalar)
{
    if (fp_access_check(s)) {
        gen_helper_simd_int(helper, simd_int_desc(f->rd, f->rn, f->rm, size, f->q && !scalar,
                                                  scalar));
    }
    return true;
}

/* Emits op, if the size is one it allows: inline gvec ops write 8 or 16 bytes and zero the rest. */
static bool gen_op(DisasContext *s, const SimdIntOp *op, const SimdIntFields *f, bool scalar)
{
    uint32_t d = vreg_offset(f->rd), n = vreg_offset(f->rn), m = vreg_offset(f->rm);
    uint32_t oprsz = oprsz_of(f, scalar);

    if (!size_allowed(op, f->size, f->q, scalar)) {
        return false;
    }
    if (op->helper) {
        return gen_helper_op(s, op->helper, f, f->size, scalar);
    }
    if (!fp_access_check(s)) {
        return true;
    }
    if (op->gvec3) {
        op->gvec3(f->size, d, n, m, oprsz, 16);
    } else if (op->gvec2) {
        op->gvec2(f->size, d, n, oprsz, 16);
    } else {
        tcg_gen_gvec_cmp(op->cond, f->size, d, n, m, oprsz, 16);
    }
    return true;
}

/* AND..BIF: vector only, on whole registers. */
static bool gen_logic(DisasContext *s, const SimdIntFields *f)
{
    unsigned op = f->u * 4 + f->size;
    uint32_t ofs[3] = { vreg_offset(f->rd), vreg_offset(f->rn), vreg_offset(f->rm) };
    uint32_t oprsz = oprsz_of(f, false);

    if (!fp_access_check(s)) {
        return true;
    }
    if (op < 5) {
        logic_ops[op](MO_64, ofs[SEL_D], ofs[SEL_N], ofs[SEL_M], oprsz, 16);
    } else {
        const uint8_t *sel = bitsel_operands[op - 5];

        tcg_gen_gvec_bitsel(MO_64, ofs[SEL_D], ofs[sel[0]], ofs[sel[1]], ofs[sel[2]], oprsz, 16);
    }
    return true;
}

static bool do_three_same(DisasContext *s, uint32_t insn, bool scalar)
{
    SimdIntFields f = simd_int_fields(insn, 11);

    if (f.opcode == 3) {
        return !scalar && gen_logic(s, &f);
    }
    return gen_op(s, &three_same_ops[f.u][f.opcode], &f, scalar);
}

static bool trans_three_same(DisasContext *s, uint32_t insn)
{
    return do_three_same(s, insn, false);
}

static bool trans_scalar_three_same(DisasContext *s, uint32_t insn)
{
    return do_three_same(s, insn, true);
}

static bool do_two_reg_misc(DisasContext *s, uint32_t insn, bool scalar)
{
    SimdIntFields f = simd_int_fields(insn, 12);

    if (f.u && f.opcode == 5 && !scalar) {
        /* NOT (size 0) and RBIT (size 1), both on bytes. */
        if (f.size > 1) {
            return false;
        }
        if (f.size == 1) {
            return gen_helper_op(s, &helper_info_simd_int_rbit, &f, MO_8, false);
        }
        if (fp_access_check(s)) {
            tcg_gen_gvec_not(MO_64, vreg_offset(f.rd), vreg_offset(f.rn), oprsz_of(&f, false), 16);
        }
        return true;
    }
    return gen_op(s, &two_reg_misc_ops[f.u][f.opcode], &f, scalar);
}

static bool trans_two_reg_misc(DisasContext *s, uint32_t insn)
{
    return do_two_reg_misc(s, insn, false);
}

static bool trans_scalar_two_reg_misc(DisasContext *s, uint32_t insn)
{
    return do_two_reg_misc(s, insn, true);
}

static bool trans_across_lanes(DisasContext *s, uint32_t insn)
{
    SimdIntFields f = simd_int_fields(insn, 12);

    /* Four elements at least: 4S needs Q = 1 (the 2S forms are reserved). */
    if (f.size == MO_32 && !f.q) {
        return false;
    }
    return gen_op(s, &across_lanes_ops[f.u][f.opcode], &f, false);
}

/* ADDP (scalar), C4.1.96.10: Dd = Vn.d[0] + Vn.d[1]. */
static bool trans_ADDP_scalar(DisasContext *s, uint32_t insn)
{
    SimdIntFields f = simd_int_fields(insn, 12);

    return gen_helper_op(s, &helper_info_simd_int_addp, &f, MO_64, true);
}

const A64Pattern a64_simd_int_patterns[] = {
    /* Opcodes 11xxx of three same are FP; 10111 with U = 1 is unallocated. */
    { "AdvSIMD three same", "0qu01110ss1mmmmm0oooo1nnnnnddddd", trans_three_same },
    { "AdvSIMD three same", "0qu01110ss1mmmmm10ooo1nnnnnddddd", trans_three_same },
    { "AdvSIMD scalar three same", "01u11110ss1mmmmm0oooo1nnnnnddddd", trans_scalar_three_same },
    { "AdvSIMD scalar three same", "01u11110ss1mmmmm10ooo1nnnnnddddd", trans_scalar_three_same },
    { "AdvSIMD two-reg misc", "0qu01110ss10000ooooo10nnnnnddddd", trans_two_reg_misc },
    { "AdvSIMD scalar two-reg misc", "01u11110ss10000ooooo10nnnnnddddd",
      trans_scalar_two_reg_misc },
    { "AdvSIMD across lanes", "0qu01110ss11000ooooo10nnnnnddddd", trans_across_lanes },
    { "ADDP (scalar)", "0101111011110001101110nnnnnddddd", trans_ADDP_scalar },
    A64_PATTERNS_END,
};
