/*
 * A64 "Data processing -- immediate" (ARM ARM C4.1.86): add/subtract,
 * logical (bitmask immediate, decoded at translation time by
 * translate-a64-bitmask.c), move wide, PC-relative addresses, bitfield
 * moves (extract/sextract/deposit, which the optimizer and backends turn
 * into single host instructions where they can) and EXTR (extract2).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/translate-a64-bitmask.h"

/* ADD, ADDS, SUB, SUBS (immediate) (C6.2.4 ...): Rn may be SP, Rd too unless S. */
static bool trans_ADD_SUB_imm(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31, sub = extract32(insn, 30, 1), setflags = extract32(insn, 29, 1);
    uint64_t imm = (uint64_t)extract32(insn, 10, 12) << (extract32(insn, 22, 1) * 12);
    unsigned rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    TCGv_i64 result = tcg_temp_ebb_new_i64();
    TCGv_i64 src = cpu_reg_sp(s, rn);

    if (setflags) {
        if (sub) {
            gen_sub_cc(s, result, src, tcg_constant_i64(imm), sf);
        } else {
            gen_add_cc(s, result, src, tcg_constant_i64(imm), sf);
        }
        a64_write_reg(s, rd, result, sf);
    } else {
        tcg_gen_addi_i64(result, src, sub ? -imm : imm);
        if (sf) {
            tcg_gen_mov_i64(cpu_reg_sp(s, rd), result);
        } else {
            tcg_gen_ext32u_i64(cpu_reg_sp(s, rd), result);
        }
    }
    return true;
}

/* MOVN, MOVZ, MOVK (C6.2.226 ...): a 16-bit immediate at hw * 16. */
static bool trans_MOV_wide(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned opc = extract32(insn, 29, 2), hw = extract32(insn, 21, 2);
    unsigned rd = extract32(insn, 0, 5);
    uint64_t imm = (uint64_t)extract32(insn, 5, 16) << (hw * 16);

    if (opc == 1 || (!sf && hw >= 2)) {
        return false;
    }
    if (rd == 31) {
        return true;
    }
    switch (opc) {
    case 0:     /* MOVN */
        tcg_gen_movi_i64(s->g->x[rd], sf ? ~imm : (uint32_t)~imm);
        break;
    case 2:     /* MOVZ */
        tcg_gen_movi_i64(s->g->x[rd], imm);
        break;
    default:    /* MOVK: keep the other bits */
        tcg_gen_deposit_i64(s->g->x[rd], s->g->x[rd], tcg_constant_i64(imm >> (hw * 16)),
                            hw * 16, 16);
        if (!sf) {
            tcg_gen_ext32u_i64(s->g->x[rd], s->g->x[rd]);
        }
        break;
    }
    return true;
}

/* ADR, ADRP (C6.2.10, C6.2.11). */
static bool trans_ADR(DisasContext *s, uint32_t insn)
{
    /* Unsigned arithmetic: the offset may be negative, and shifting those is UB in C. */
    uint64_t imm = (uint64_t)(int64_t)sextract32(insn, 5, 19) << 2 | extract32(insn, 29, 2);
    unsigned rd = extract32(insn, 0, 5);
    uint64_t base = s->pc_curr;

    if (insn >> 31) {       /* ADRP: 4 KiB pages */
        base &= ~(uint64_t)0xfff;
        imm <<= 12;
    }
    if (rd != 31) {
        tcg_gen_movi_i64(s->g->x[rd], base + imm);
    }
    return true;
}

/* AND, ORR, EOR, ANDS (immediate) (C6.2.12, C6.2.240, C6.2.100, C6.2.14). */
static bool trans_logic_imm(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned opc = extract32(insn, 29, 2);
    unsigned rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    TCGv_i64 result, src;
    uint64_t imm;

    if (!a64_decode_bitmask(sf, extract32(insn, 22, 1), extract32(insn, 16, 6),
                            extract32(insn, 10, 6), &imm)) {
        return false;
    }
    src = cpu_reg(s, rn);
    /* Rd is SP for AND/ORR/EOR, XZR for ANDS (C6.2.12). */
    result = opc == 3 || rd == 31 ? tcg_temp_ebb_new_i64() : s->g->x[rd];
    switch (opc) {
    case 0:
    case 3:
        tcg_gen_andi_i64(result, src, imm);
        break;
    case 1:
        tcg_gen_ori_i64(result, src, imm);
        break;
    default:
        tcg_gen_xori_i64(result, src, imm);
        break;
    }
    if (opc == 3) {
        gen_logic_cc(s, result, sf);
        a64_write_reg(s, rd, result, sf);
        return true;
    }
    /* The immediate is zero-extended for sf = 0, but EOR/ORR may see a dirty top half. */
    if (!sf) {
        tcg_gen_ext32u_i64(result, result);
    }
    if (rd == 31) {
        tcg_gen_mov_i64(s->g->x[31], result);
    }
    return true;
}

/*
 * SBFM, BFM, UBFM (C6.2.266, C6.2.29, C6.2.377): the aliases (ASR, LSL,
 * LSR, SXTB, UXTH, SBFX, UBFIZ, BFI, BFXIL ...) are all one field move.
 * When imms >= immr the field Rn<imms:immr> goes to the bottom of Rd;
 * otherwise Rn<imms:0> goes to bit (datasize - immr). SBFM sign-extends
 * above the field and clears below, UBFM clears both, BFM keeps Rd.
 */
static bool trans_bitfield(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned opc = extract32(insn, 29, 2), n = extract32(insn, 22, 1);
    unsigned immr = extract32(insn, 16, 6), imms = extract32(insn, 10, 6);
    unsigned rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    unsigned width = sf ? 64 : 32;
    TCGv_i64 src, result;

    if (opc == 3 || n != sf || (!sf && (immr >= 32 || imms >= 32))) {
        return false;
    }
    if (rd == 31) {
        return true;            /* only XZR changes: nothing to do */
    }
    src = cpu_reg(s, rn);
    result = tcg_temp_ebb_new_i64();
    if (imms >= immr) {
        unsigned len = imms - immr + 1;

        switch (opc) {
        case 0:
            tcg_gen_sextract_i64(result, src, immr, len);
            break;
        case 1:
            tcg_gen_extract_i64(result, src, immr, len);
            tcg_gen_deposit_i64(result, s->g->x[rd], result, 0, len);
            break;
        default:
            tcg_gen_extract_i64(result, src, immr, len);
            break;
        }
    } else {
        unsigned pos = width - immr, len = imms + 1;

        switch (opc) {
        case 0:
            tcg_gen_sextract_i64(result, src, 0, len);
            tcg_gen_shli_i64(result, result, pos);
            break;
        case 1:
            tcg_gen_deposit_i64(result, s->g->x[rd], src, pos, len);
            break;
        default:
            tcg_gen_deposit_i64(result, tcg_constant_i64(0), src, pos, len);
            break;
        }
    }
    a64_write_reg(s, rd, result, sf);
    return true;
}

/* EXTR (C6.2.104), and ROR (immediate) when Rn = Rm: bits lsb.. of Rn:Rm. */
static bool trans_EXTR(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned n = extract32(insn, 22, 1), lsb = extract32(insn, 10, 6);
    unsigned rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    TCGv_i64 result;

    if (n != sf || (!sf && lsb >= 32)) {
        return false;
    }
    if (rd == 31) {
        return true;
    }
    result = tcg_temp_ebb_new_i64();
    if (sf) {
        tcg_gen_extract2_i64(result, cpu_reg(s, rm), cpu_reg(s, rn), lsb);
    } else {
        TCGv_i32 lo = tcg_temp_ebb_new_i32(), hi = tcg_temp_ebb_new_i32();

        tcg_gen_extrl_i64_i32(lo, cpu_reg(s, rm));
        tcg_gen_extrl_i64_i32(hi, cpu_reg(s, rn));
        tcg_gen_extract2_i32(lo, lo, hi, lsb);
        tcg_gen_extu_i32_i64(result, lo);
    }
    a64_write_reg(s, rd, result, sf);
    return true;
}

const A64Pattern a64_dp_imm_patterns[] = {
    { "ADD/SUB (immediate)", "xxx_100010_x_xxxxxxxxxxxx_xxxxx_xxxxx", trans_ADD_SUB_imm },
    { "MOVN/MOVZ/MOVK",      "xxx_100101_xx_xxxxxxxxxxxxxxxx_xxxxx", trans_MOV_wide },
    { "ADR, ADRP",           "xxx_10000_xxxxxxxxxxxxxxxxxxx_xxxxx", trans_ADR },
    { "Logical (immediate)", "xxx_100100_x_xxxxxx_xxxxxx_xxxxx_xxxxx", trans_logic_imm },
    { "Bitfield",            "xxx_100110_x_xxxxxx_xxxxxx_xxxxx_xxxxx", trans_bitfield },
    { "Extract",             "x00_100111_x_0_xxxxx_xxxxxx_xxxxx_xxxxx", trans_EXTR },
    A64_PATTERNS_END,
};
