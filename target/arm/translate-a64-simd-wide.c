/*
 * A64 AdvSIMD three different (widening, narrowing) and integer
 * by-element instructions, vector and scalar (ARM ARM C4.1.96: "Advanced
 * SIMD three different", "Advanced SIMD scalar three different",
 * "Advanced SIMD vector x indexed element", "Advanced SIMD scalar x
 * indexed element").
 *
 * Every instruction is one call of a whole-vector helper
 * (helper-simd-wide.c) whose desc names the registers, the narrow element
 * size, the variant and the operation: the "2" forms (Q = 1) take the
 * upper halves of the narrow operands or write the upper half of Vd,
 * which is the same desc bit. The opcode field maps to the operation
 * through a table; each table line below is one ARM ARM encoding. The
 * floating-point by-element forms (FMLA, FMLS, FMUL, FMULX) belong to
 * translate-a64-simd-fp.c and are not matched here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/helper-simd-wide.h"

/* Three different: opcode (bits 15:12) to operation; -1 is unallocated. */
static const int8_t three_diff_ops[16] = {
    WIDE_ADDL, WIDE_ADDW, WIDE_SUBL, WIDE_SUBW, WIDE_ADDHN, WIDE_ABAL, WIDE_SUBHN, WIDE_ABDL,
    WIDE_MLAL, WIDE_SQDMLAL, WIDE_MLSL, WIDE_SQDMLSL, WIDE_MULL, WIDE_SQDMULL, WIDE_PMULL, -1,
};

static bool is_sqdm(SimdWideOp op)
{
    return op == WIDE_SQDMLAL || op == WIDE_SQDMLSL || op == WIDE_SQDMULL;
}

/*
 * 0 Q U 01110 size 1 Rm opcode 00 Rn Rd, and the scalar 01 U 11110 ...
 * (bit 28 set), which has only the SQDM forms.
 */
static bool trans_three_diff(DisasContext *s, uint32_t insn)
{
    bool scalar = extract32(insn, 28, 1), q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    unsigned size = extract32(insn, 22, 2), opcode = extract32(insn, 12, 4);
    SimdWideOp op = three_diff_ops[opcode];
    unsigned flags = (q && !scalar ? SIMD_Q : 0) | (scalar ? SIMD_SCALAR : 0);

    if (op == WIDE_PMULL) {
        /* 8-bit, or 64-bit with the crypto extension's PMULL (ID_AA64ISAR0.AES = 2). */
        if (!(size == 0 || (size == 3 && arm_feature(s->arm, ARM_FEATURE_PMULL)))) {
            return false;
        }
    } else if (size == 3 || (is_sqdm(op) && size == 0)) {
        return false;
    }
    if (op == WIDE_ADDHN || op == WIDE_SUBHN) {
        flags |= u ? SIMD_ROUND : 0;           /* RADDHN, RSUBHN */
    } else {
        flags |= u ? SIMD_UNSIGNED : 0;
    }
    if (fp_access_check(s)) {
        gen_helper_simd(&helper_info_simd_wide,
                        simd_desc(op, extract32(insn, 0, 5), extract32(insn, 5, 5),
                                  extract32(insn, 16, 5), size, flags, 0));
    }
    return true;
}

/* By element: opcode (bits 15:12) and U to operation; the same-width ones are ELEM_*. */
typedef struct ByElementOp {
    bool same_width;
    int op;                     /* SimdElemOp when same_width, else SimdWideOp */
    unsigned flags;             /* SIMD_ROUND for SQRDMULH */
} ByElementOp;

static const ByElementOp by_element_ops[2][16] = {
    [0] = {                     /* U = 0 */
        [0x2] = { false, WIDE_MLAL, 0 },
        [0x3] = { false, WIDE_SQDMLAL, 0 },
        [0x6] = { false, WIDE_MLSL, 0 },
        [0x7] = { false, WIDE_SQDMLSL, 0 },
        [0x8] = { true, ELEM_MUL, 0 },
        [0xa] = { false, WIDE_MULL, 0 },
        [0xb] = { false, WIDE_SQDMULL, 0 },
        [0xc] = { true, ELEM_SQDMULH, 0 },
        [0xd] = { true, ELEM_SQDMULH, SIMD_ROUND },
    },
    [1] = {                     /* U = 1 */
        [0x0] = { true, ELEM_MLA, 0 },
        [0x2] = { false, WIDE_MLAL, SIMD_UNSIGNED },
        [0x4] = { true, ELEM_MLS, 0 },
        [0x6] = { false, WIDE_MLSL, SIMD_UNSIGNED },
        [0xa] = { false, WIDE_MULL, SIMD_UNSIGNED },
    },
};

/*
 * 0 Q U 01111 size L M Rm opcode H 0 Rn Rd, and the scalar 01 U 11111 ...
 * Integer forms have 16-bit elements (index H:L:M, Rm 0..15) or 32-bit
 * ones (index H:L, Rm = M:Rm).
 */
static bool trans_by_element(DisasContext *s, uint32_t insn)
{
    bool scalar = extract32(insn, 28, 1), q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    unsigned size = extract32(insn, 22, 2), opcode = extract32(insn, 12, 4);
    unsigned h = extract32(insn, 11, 1), l = extract32(insn, 21, 1), m = extract32(insn, 20, 1);
    const ByElementOp *e = &by_element_ops[u][opcode];
    unsigned rd = extract32(insn, 0, 5), rn = extract32(insn, 5, 5), rm, index, flags;

    if (size == 1) {
        index = h << 2 | l << 1 | m;
        rm = extract32(insn, 16, 4);
    } else if (size == 2) {
        index = h << 1 | l;
        rm = extract32(insn, 16, 5);
    } else {
        return false;
    }
    flags = e->flags | (q && !scalar ? SIMD_Q : 0) | (scalar ? SIMD_SCALAR : 0);
    if (!fp_access_check(s)) {
        return true;
    }
    if (e->same_width) {
        gen_helper_simd(&helper_info_simd_elem, simd_desc(e->op, rd, rn, rm, size, flags, index));
    } else {
        gen_helper_simd(&helper_info_simd_wide,
                        simd_desc(e->op, rd, rn, rm, size, flags, SIMD_INDEXED | index));
    }
    return true;
}

const A64Pattern a64_simd_wide_patterns[] = {
    /* Three different: 0 Q U 01110 size 1 Rm opcode 00 Rn Rd */
    { "SADDL/UADDL", "0qu01110_ss1_mmmmm_0000_00_nnnnn_ddddd", trans_three_diff },
    { "SADDW/UADDW", "0qu01110_ss1_mmmmm_0001_00_nnnnn_ddddd", trans_three_diff },
    { "SSUBL/USUBL", "0qu01110_ss1_mmmmm_0010_00_nnnnn_ddddd", trans_three_diff },
    { "SSUBW/USUBW", "0qu01110_ss1_mmmmm_0011_00_nnnnn_ddddd", trans_three_diff },
    { "ADDHN/RADDHN", "0qu01110_ss1_mmmmm_0100_00_nnnnn_ddddd", trans_three_diff },
    { "SABAL/UABAL", "0qu01110_ss1_mmmmm_0101_00_nnnnn_ddddd", trans_three_diff },
    { "SUBHN/RSUBHN", "0qu01110_ss1_mmmmm_0110_00_nnnnn_ddddd", trans_three_diff },
    { "SABDL/UABDL", "0qu01110_ss1_mmmmm_0111_00_nnnnn_ddddd", trans_three_diff },
    { "SMLAL/UMLAL", "0qu01110_ss1_mmmmm_1000_00_nnnnn_ddddd", trans_three_diff },
    { "SQDMLAL", "0q001110_ss1_mmmmm_1001_00_nnnnn_ddddd", trans_three_diff },
    { "SMLSL/UMLSL", "0qu01110_ss1_mmmmm_1010_00_nnnnn_ddddd", trans_three_diff },
    { "SQDMLSL", "0q001110_ss1_mmmmm_1011_00_nnnnn_ddddd", trans_three_diff },
    { "SMULL/UMULL", "0qu01110_ss1_mmmmm_1100_00_nnnnn_ddddd", trans_three_diff },
    { "SQDMULL", "0q001110_ss1_mmmmm_1101_00_nnnnn_ddddd", trans_three_diff },
    { "PMULL", "0q001110_ss1_mmmmm_1110_00_nnnnn_ddddd", trans_three_diff },
    /* Scalar three different: 01 U 11110 size 1 Rm opcode 00 Rn Rd */
    { "SQDMLAL (scalar)", "01011110_ss1_mmmmm_1001_00_nnnnn_ddddd", trans_three_diff },
    { "SQDMLSL (scalar)", "01011110_ss1_mmmmm_1011_00_nnnnn_ddddd", trans_three_diff },
    { "SQDMULL (scalar)", "01011110_ss1_mmmmm_1101_00_nnnnn_ddddd", trans_three_diff },
    /* Vector x indexed element: 0 Q U 01111 size L M Rm opcode H 0 Rn Rd */
    { "MLA (by element)", "0q101111_sslm_mmmm_0000_h0_nnnnn_ddddd", trans_by_element },
    { "SMLAL/UMLAL (by element)", "0qu01111_sslm_mmmm_0010_h0_nnnnn_ddddd", trans_by_element },
    { "SQDMLAL (by element)", "0q001111_sslm_mmmm_0011_h0_nnnnn_ddddd", trans_by_element },
    { "MLS (by element)", "0q101111_sslm_mmmm_0100_h0_nnnnn_ddddd", trans_by_element },
    { "SMLSL/UMLSL (by element)", "0qu01111_sslm_mmmm_0110_h0_nnnnn_ddddd", trans_by_element },
    { "SQDMLSL (by element)", "0q001111_sslm_mmmm_0111_h0_nnnnn_ddddd", trans_by_element },
    { "MUL (by element)", "0q001111_sslm_mmmm_1000_h0_nnnnn_ddddd", trans_by_element },
    { "SMULL/UMULL (by element)", "0qu01111_sslm_mmmm_1010_h0_nnnnn_ddddd", trans_by_element },
    { "SQDMULL (by element)", "0q001111_sslm_mmmm_1011_h0_nnnnn_ddddd", trans_by_element },
    { "SQDMULH (by element)", "0q001111_sslm_mmmm_1100_h0_nnnnn_ddddd", trans_by_element },
    { "SQRDMULH (by element)", "0q001111_sslm_mmmm_1101_h0_nnnnn_ddddd", trans_by_element },
    /* Scalar x indexed element: 01 U 11111 size L M Rm opcode H 0 Rn Rd */
    { "SQDMLAL (by element, scalar)", "01011111_sslm_mmmm_0011_h0_nnnnn_ddddd", trans_by_element },
    { "SQDMLSL (by element, scalar)", "01011111_sslm_mmmm_0111_h0_nnnnn_ddddd", trans_by_element },
    { "SQDMULL (by element, scalar)", "01011111_sslm_mmmm_1011_h0_nnnnn_ddddd", trans_by_element },
    { "SQDMULH (by element, scalar)", "01011111_sslm_mmmm_1100_h0_nnnnn_ddddd", trans_by_element },
    { "SQRDMULH (by element, scalar)", "01011111_sslm_mmmm_1101_h0_nnnnn_ddddd", trans_by_element },
    A64_PATTERNS_END,
};
