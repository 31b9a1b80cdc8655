/*
 * A64 "Data processing -- immediate" (ARM ARM C4.1.86).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"

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
    int64_t imm = (int64_t)sextract32(insn, 5, 19) << 2 | extract32(insn, 29, 2);
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

const A64Pattern a64_dp_imm_patterns[] = {
    { "ADD/SUB (immediate)", "xxx_100010_x_xxxxxxxxxxxx_xxxxx_xxxxx", trans_ADD_SUB_imm },
    { "MOVN/MOVZ/MOVK",      "xxx_100101_xx_xxxxxxxxxxxxxxxx_xxxxx", trans_MOV_wide },
    { "ADR, ADRP",           "xxx_10000_xxxxxxxxxxxxxxxxxxx_xxxxx", trans_ADR },
    A64_PATTERNS_END,
};
