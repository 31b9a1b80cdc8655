/*
 * A64 AdvSIMD copy, permute and immediate (ARM ARM C4.1.96: "Advanced
 * SIMD copy", "... scalar copy", "... extract", "... permute", "... table
 * lookup", "... modified immediate"): DUP, INS, UMOV, SMOV (and their MOV
 * aliases), EXT, ZIP1/2, UZP1/2, TRN1/2, TBL/TBX, MOVI, MVNI, ORR/BIC
 * (vector, immediate), FMOV (vector, immediate).
 *
 * DUP and the immediates that write a whole register are gvec dups
 * (tcg/tcg-op-gvec.h: one broadcast on SSE hosts); immediates are
 * expanded at translation time (AdvSIMDExpandImm) into 64-bit constants.
 * The rest is inline IR on the 64-bit halves of the registers: a permute
 * gathers each result half from source elements (host loads from env and
 * deposits) into temps, and only then stores them, so Vd may be one of
 * the sources. TBL/TBX, a data-dependent byte shuffle, is a helper
 * (helper-simd-perm.c).
 *
 * Element sizes come from the position of the lowest set bit of imm5
 * (copy group) or from size (permute group); an element size the form
 * cannot have (a 64-bit element in a 64-bit vector ...) is unallocated.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/helper-simd-perm.h"
#include "tcg/tcg-op-gvec.h"

/* V<rd> = lo:hi (hi ignored and the upper half zeroed unless is_q). */
static void write_vec_halves(unsigned rd, TCGv_i64 lo, TCGv_i64 hi, bool is_q)
{
    tcg_gen_st_i64(lo, tcg_env, vreg_element_offset(rd, 0, MO_64));
    tcg_gen_st_i64(is_q ? hi : tcg_constant_i64(0), tcg_env, vreg_element_offset(rd, 1, MO_64));
}

/* ---- Copy ---- */

/* The element size encoded by imm5 (its lowest set bit), 4 if none of bits 3:0 is set. */
static unsigned imm5_size(unsigned imm5)
{
    return imm5 & 0xf ? (unsigned)__builtin_ctz(imm5) : 4;
}

/* DUP (element) (C7.2.39): every lane of Vd = Vn[index] (which may be a lane of Vd). */
static void gen_dup_element(DisasContext *s, bool is_q, unsigned rd, unsigned rn, unsigned size,
                            unsigned index)
{
    tcg_gen_gvec_dup_mem(size, vreg_offset(rd), vreg_element_offset(rn, index, size),
                         is_q ? 16 : 8, 16);
}

/* DUP (general) (C7.2.40): every lane of Vd = the low bits of Rn. */
static void gen_dup_general(DisasContext *s, bool is_q, unsigned rd, unsigned rn, unsigned size)
{
    tcg_gen_gvec_dup_i64(size, vreg_offset(rd), is_q ? 16 : 8, 16, cpu_reg(s, rn));
}

/* "Advanced SIMD copy": 0 Q op 01110000 imm5 0 imm4 1 Rn Rd. */
static bool trans_simd_copy(DisasContext *s, uint32_t insn)
{
    bool is_q = extract32(insn, 30, 1), op = extract32(insn, 29, 1);
    unsigned imm5 = extract32(insn, 16, 5), imm4 = extract32(insn, 11, 4);
    unsigned rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    unsigned size = imm5_size(imm5), index = imm5 >> (size + 1);
    TCGv_i64 val;

    if (size > 3) {
        return false;
    }
    if (op) {
        /* INS (element) (C7.2.145): Vd[index] = Vn[imm4 >> size]. */
        if (!is_q) {
            return false;
        }
        if (!fp_access_check(s)) {
            return true;
        }
        val = tcg_temp_ebb_new_i64();
        read_vec_element(s, val, rn, imm4 >> size, size);
        write_vec_element(s, val, rd, index, size);
        return true;
    }
    switch (imm4) {
    case 0x0:   /* DUP (element) */
    case 0x1:   /* DUP (general) */
        if (size == 3 && !is_q) {
            return false;
        }
        if (!fp_access_check(s)) {
            return true;
        }
        if (imm4 == 0) {
            gen_dup_element(s, is_q, rd, rn, size, index);
        } else {
            gen_dup_general(s, is_q, rd, rn, size);
        }
        return true;
    case 0x3:   /* INS (general) (C7.2.146): Vd[index] = Rn; the other lanes stay */
        if (!is_q) {
            return false;
        }
        if (!fp_access_check(s)) {
            return true;
        }
        write_vec_element(s, cpu_reg(s, rn), rd, index, size);
        return true;
    case 0x5:   /* SMOV (C7.2.279): to Wd (Q = 0) bytes and halfwords, to Xd also words */
        if (size >= (is_q ? 3u : 2u)) {
            return false;
        }
        if (!fp_access_check(s)) {
            return true;
        }
        val = tcg_temp_ebb_new_i64();
        read_vec_element(s, val, rn, index, size | MO_SIGN);
        a64_write_reg(s, rd, val, is_q);
        return true;
    case 0x7:   /* UMOV (C7.2.371): to Wd (Q = 0) up to words, to Xd doublewords only */
        if (is_q != (size == 3)) {
            return false;
        }
        if (!fp_access_check(s)) {
            return true;
        }
        val = tcg_temp_ebb_new_i64();
        read_vec_element(s, val, rn, index, size);
        a64_write_reg(s, rd, val, is_q);
        return true;
    default:
        return false;
    }
}

/* DUP (element), scalar (C7.2.39; alias MOV (scalar)): 01 op 11110000 imm5 0 imm4 1 Rn Rd. */
static bool trans_simd_scalar_copy(DisasContext *s, uint32_t insn)
{
    unsigned imm5 = extract32(insn, 16, 5), size = imm5_size(imm5);
    TCGv_i64 val;

    if (extract32(insn, 29, 1) || extract32(insn, 11, 4) != 0 || size > 3) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    val = tcg_temp_ebb_new_i64();
    read_vec_element(s, val, extract32(insn, 5, 5), imm5 >> (size + 1), size);
    write_fp_dreg(s, extract32(insn, 0, 5), val);
    return true;
}

/* ---- Extract, permute, table lookup ---- */

/*
 * EXT (C7.2.43): the bytes of Vm:Vn (Vn lowest) from byte imm4 on.
 * "0 Q 101110 op2 0 Rm 0 imm4 0 Rn Rd"; op2 != 0, or imm4 >= 8 with Q = 0,
 * unallocated.
 */
static bool trans_simd_ext(DisasContext *s, uint32_t insn)
{
    bool is_q = extract32(insn, 30, 1);
    unsigned rm = extract32(insn, 16, 5), imm4 = extract32(insn, 11, 4);
    unsigned rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    TCGv_i64 words[4], out[2];
    unsigned nwords = is_q ? 4 : 2;

    if (extract32(insn, 22, 2) != 0 || (!is_q && imm4 >= 8)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    /* The concatenation as 64-bit words, lowest first: Vn's halves, then Vm's. */
    for (unsigned w = 0; w < nwords; w++) {
        unsigned reg = w < nwords / 2 ? rn : rm;

        words[w] = tcg_temp_ebb_new_i64();
        tcg_gen_ld_i64(words[w], tcg_env, vreg_element_offset(reg, w % (nwords / 2), MO_64));
    }
    for (unsigned j = 0; j < nwords / 2; j++) {
        unsigned bit = imm4 * 8 + j * 64, k = bit / 64;

        out[j] = tcg_temp_ebb_new_i64();
        if (bit % 64) {
            tcg_gen_extract2_i64(out[j], words[k], words[k + 1], bit % 64);
        } else {
            tcg_gen_mov_i64(out[j], words[k]);
        }
    }
    write_vec_halves(rd, out[0], is_q ? out[1] : out[0], is_q);
    return true;
}

/*
 * The source of result element j of ZIP/UZP/TRN (C7.2.397, C7.2.375,
 * C7.2.369): operand (0: Vn, 1: Vm) and element, for part 0 (ZIP1, UZP1,
 * TRN1) or 1 (...2), with elements lanes per register.
 */
typedef enum PermKind { PERM_UZP = 1, PERM_TRN = 2, PERM_ZIP = 3 } PermKind;

static void perm_source(PermKind kind, unsigned part, unsigned elements, unsigned j,
                        unsigned *operand, unsigned *elem)
{
    switch (kind) {
    case PERM_UZP:      /* the even (odd) elements of Vm:Vn */
        *operand = (2 * j + part) / elements;
        *elem = (2 * j + part) % elements;
        break;
    case PERM_TRN:      /* Vn's and Vm's even (odd) elements, alternating */
        *operand = j & 1;
        *elem = (j & ~1u) + part;
        break;
    default:            /* PERM_ZIP: the low (high) halves of Vn and Vm interleaved */
        *operand = j & 1;
        *elem = j / 2 + part * elements / 2;
        break;
    }
}

/* "Advanced SIMD permute": 0 Q 001110 size 0 Rm 0 opcode 10 Rn Rd. */
static bool trans_simd_permute(DisasContext *s, uint32_t insn)
{
    bool is_q = extract32(insn, 30, 1);
    unsigned size = extract32(insn, 22, 2), rm = extract32(insn, 16, 5);
    unsigned opcode = extract32(insn, 12, 3), rn = extract32(insn, 5, 5);
    unsigned rd = extract32(insn, 0, 5);
    PermKind kind = (PermKind)(opcode & 3);
    unsigned part = opcode >> 2, esize = 8 << size, elements = (is_q ? 128 : 64) / esize;
    unsigned per_word = 64 / esize;
    TCGv_i64 out[2], elt;

    if ((opcode & 3) == 0 || (size == 3 && !is_q)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    elt = tcg_temp_ebb_new_i64();
    for (unsigned w = 0; w < (is_q ? 2u : 1u); w++) {
        out[w] = tcg_temp_ebb_new_i64();
        for (unsigned i = 0; i < per_word; i++) {
            unsigned j = w * per_word + i, operand, elem;

            perm_source(kind, part, elements, j, &operand, &elem);
            if (size == 3) {
                read_vec_element(s, out[w], operand ? rm : rn, elem, MO_64);
            } else if (i == 0) {
                read_vec_element(s, out[w], operand ? rm : rn, elem, size);
            } else {
                read_vec_element(s, elt, operand ? rm : rn, elem, size);
                tcg_gen_deposit_i64(out[w], out[w], elt, i * esize, esize);
            }
        }
    }
    write_vec_halves(rd, out[0], is_q ? out[1] : out[0], is_q);
    return true;
}

/* TBL, TBX (C7.2.365, C7.2.366): "0 Q 001110 op2 0 Rm 0 len op 00 Rn Rd"; op2 != 0 unallocated. */
static bool trans_simd_tbl(DisasContext *s, uint32_t insn)
{
    if (extract32(insn, 22, 2) != 0) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    gen_helper_simd_tbl(simd_tbl_desc(extract32(insn, 0, 5), extract32(insn, 5, 5),
                                      extract32(insn, 16, 5), extract32(insn, 13, 2),
                                      extract32(insn, 12, 1), extract32(insn, 30, 1)));
    return true;
}

/* ---- Modified immediate ---- */

/* Each bit of imm8 widened to a byte of 0x00 or 0xff. */
static uint64_t byte_mask(unsigned imm8)
{
    uint64_t r = 0;

    for (unsigned i = 0; i < 8; i++) {
        if (imm8 & (1u << i)) {
            r |= 0xffULL << (i * 8);
        }
    }
    return r;
}

/*
 * AdvSIMDExpandImm (ARM ARM J1, shared/functions/vector): the 64-bit
 * pattern of op, cmode and imm8 (cmode 1111 with op 1: the double-precision
 * FMOV immediate; the caller rejects it with Q = 0).
 */
static uint64_t advsimd_expand_imm(bool op, unsigned cmode, unsigned imm8)
{
    uint64_t imm = imm8;

    switch (cmode >> 1) {
    case 0: case 1: case 2: case 3:     /* 32-bit lanes, imm8 shifted by 0/8/16/24 */
        return (imm << (8 * (cmode >> 1))) * 0x0000000100000001ULL;
    case 4: case 5:                     /* 16-bit lanes, shifted by 0/8 */
        return (imm << (8 * (cmode >> 1 & 1))) * 0x0001000100010001ULL;
    case 6:                             /* 32-bit lanes, MSL: shifted ones in */
        imm = cmode & 1 ? imm << 16 | 0xffff : imm << 8 | 0xff;
        return imm * 0x0000000100000001ULL;
    default:
        if (!(cmode & 1)) {
            return op ? byte_mask(imm8) : imm * 0x0101010101010101ULL;
        }
        if (!op) {
            /* imm8<7>:NOT(imm8<6>):Replicate(imm8<6>,5):imm8<5:0>:Zeros(19) per 32 bits */
            imm = (uint64_t)extract32(imm8, 7, 1) << 31 | (uint64_t)!extract32(imm8, 6, 1) << 30 |
                  (extract32(imm8, 6, 1) ? 0x1fULL << 25 : 0) |
                  (uint64_t)extract32(imm8, 0, 6) << 19;
            return imm * 0x0000000100000001ULL;
        }
        /* imm8<7>:NOT(imm8<6>):Replicate(imm8<6>,8):imm8<5:0>:Zeros(48) */
        return (uint64_t)extract32(imm8, 7, 1) << 63 | (uint64_t)!extract32(imm8, 6, 1) << 62 |
               (extract32(imm8, 6, 1) ? 0xffULL << 54 : 0) |
               (uint64_t)extract32(imm8, 0, 6) << 48;
    }
}

/*
 * The FEAT_FP16 half-precision FMOV immediate, per 16-bit lane:
 * imm8<7>:NOT(imm8<6>):Replicate(imm8<6>,2):imm8<5:0>:Zeros(6).
 */
static uint64_t fp16_expand_imm(unsigned imm8)
{
    uint64_t h = extract32(imm8, 7, 1) << 15 | !extract32(imm8, 6, 1) << 14 |
                 (extract32(imm8, 6, 1) ? 3u << 12 : 0) | extract32(imm8, 0, 6) << 6;

    return h * 0x0001000100010001ULL;
}

/* ID_AA64PFR0_EL1.FP == 1: half-precision arithmetic (FEAT_FP16). */
static bool have_fp16(DisasContext *s)
{
    return extract64(s->arm->isar.id_aa64pfr0, 16, 4) == 1;
}

/*
 * "Advanced SIMD modified immediate" (C4.1.96; MOVI C7.2.204, MVNI
 * C7.2.211, ORR C7.2.215, BIC C7.2.21, FMOV C7.2.130):
 * "0 Q op 0111100000 a b c cmode o2 1 d e f g h Rd". With cmode<0> set and
 * cmode<3:2> != 11 it is ORR (op 0) or BIC (op 1) of Vd; otherwise it
 * writes the immediate (MVNI: inverted, for the shifted forms with op 1).
 */
static bool trans_simd_mod_imm(DisasContext *s, uint32_t insn)
{
    bool is_q = extract32(insn, 30, 1), op = extract32(insn, 29, 1), o2 = extract32(insn, 11, 1);
    unsigned cmode = extract32(insn, 12, 4), rd = extract32(insn, 0, 5);
    unsigned imm8 = extract32(insn, 16, 3) << 5 | extract32(insn, 5, 5);
    uint64_t imm;

    if (o2) {
        /* FMOV (vector, immediate), half precision. */
        if (op || cmode != 0xf || !have_fp16(s)) {
            return false;
        }
        imm = fp16_expand_imm(imm8);
    } else {
        if (cmode == 0xf && op && !is_q) {
            return false;
        }
        imm = advsimd_expand_imm(op, cmode, imm8);
    }
    if (!fp_access_check(s)) {
        return true;
    }
    if (!o2 && (cmode & 1) && (cmode >> 2) != 3) {
        /* ORR, BIC (vector, immediate): Vd = Vd | imm, Vd & ~imm. */
        for (unsigned half = 0; half < (is_q ? 2u : 1u); half++) {
            TCGv_i64 val = tcg_temp_ebb_new_i64();
            intptr_t ofs = vreg_element_offset(rd, half, MO_64);

            tcg_gen_ld_i64(val, tcg_env, ofs);
            if (op) {
                tcg_gen_andi_i64(val, val, ~imm);
            } else {
                tcg_gen_ori_i64(val, val, imm);
            }
            tcg_gen_st_i64(val, tcg_env, ofs);
        }
        clear_vec_high(s, is_q, rd);
        return true;
    }
    /* MVNI: op 1 with cmode 0xx0, 10x0, 110x; op 1 with 1110, 1111 is MOVI (64-bit), FMOV (2D). */
    if (op && cmode < 0xe) {
        imm = ~imm;
    }
    tcg_gen_gvec_dup_imm(MO_64, vreg_offset(rd), is_q ? 16 : 8, 16, imm);
    return true;
}

const A64Pattern a64_simd_perm_patterns[] = {
    { "Advanced SIMD copy",           "0_x_x_01110000_xxxxx_0_xxxx_1_xxxxx_xxxxx",
      trans_simd_copy },
    { "Advanced SIMD scalar copy",    "01_x_11110000_xxxxx_0_xxxx_1_xxxxx_xxxxx",
      trans_simd_scalar_copy },
    { "Advanced SIMD extract",        "0_x_101110_xx_0_xxxxx_0_xxxx_0_xxxxx_xxxxx",
      trans_simd_ext },
    { "Advanced SIMD permute",        "0_x_001110_xx_0_xxxxx_0_xxx_10_xxxxx_xxxxx",
      trans_simd_permute },
    { "Advanced SIMD table lookup",   "0_x_001110_xx_0_xxxxx_0_xx_x_00_xxxxx_xxxxx",
      trans_simd_tbl },
    { "Advanced SIMD modified immediate", "0_x_x_0111100000_xxx_xxxx_x_1_xxxxx_xxxxx",
      trans_simd_mod_imm },
    A64_PATTERNS_END,
};
