/*
 * A64 "Data processing -- register" (ARM ARM C4.1.95): logical and
 * add/subtract with shifted or extended register, add/subtract with carry,
 * conditional compare and select, 1-, 2- and 3-source operations.
 *
 * Everything hot is inline IR: shifts and extends fold into extract/
 * sextract, selects are movcond (no branches, so the TB stays one block),
 * high products are mulu2/muls2. Only CRC32 calls a helper.
 *
 * 32-bit forms (sf = 0) compute in the 64-bit registers and let
 * a64_write_reg zero-extend; where the top half of an intermediate would
 * leak into the low half (right shifts, rotates, division, flags) the
 * operands are narrowed first.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/helper-a64-dp.h"

enum { SHIFT_LSL, SHIFT_LSR, SHIFT_ASR, SHIFT_ROR };

/* The shifted-register operand (ARM ARM J1, ShiftReg); amount < datasize. */
static TCGv_i64 gen_shifted_reg(DisasContext *s, unsigned reg, unsigned type,
                                unsigned amount, bool sf)
{
    TCGv_i64 src = cpu_reg(s, reg), r;

    if (amount == 0) {
        return src;
    }
    r = tcg_temp_ebb_new_i64();
    switch (type) {
    case SHIFT_LSL:
        tcg_gen_shli_i64(r, src, amount);
        break;
    case SHIFT_LSR:
        if (sf) {
            tcg_gen_shri_i64(r, src, amount);
        } else {
            tcg_gen_extract_i64(r, src, amount, 32 - amount);
        }
        break;
    case SHIFT_ASR:
        if (sf) {
            tcg_gen_sari_i64(r, src, amount);
        } else {
            tcg_gen_sextract_i64(r, src, amount, 32 - amount);
        }
        break;
    default:
        if (sf) {
            tcg_gen_rotri_i64(r, src, amount);
        } else {
            TCGv_i32 t = tcg_temp_ebb_new_i32();

            tcg_gen_extrl_i64_i32(t, src);
            tcg_gen_rotri_i32(t, t, amount);
            tcg_gen_extu_i32_i64(r, t);
        }
        break;
    }
    return r;
}

/* AND, BIC, ORR, ORN, EOR, EON, ANDS, BICS (shifted register) (C6.2.13 ...). */
static bool trans_logic_reg(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31, invert = extract32(insn, 21, 1);
    unsigned opc = extract32(insn, 29, 2), amount = extract32(insn, 10, 6);
    unsigned rd = extract32(insn, 0, 5);
    TCGv_i64 a, b, result;

    if (!sf && amount >= 32) {
        return false;
    }
    b = gen_shifted_reg(s, extract32(insn, 16, 5), extract32(insn, 22, 2), amount, sf);
    a = cpu_reg(s, extract32(insn, 5, 5));
    result = tcg_temp_ebb_new_i64();
    switch (opc << 1 | invert) {
    case 0: case 6:
        tcg_gen_and_i64(result, a, b);
        break;
    case 1: case 7:
        tcg_gen_andc_i64(result, a, b);
        break;
    case 2:
        tcg_gen_or_i64(result, a, b);
        break;
    case 3:
        tcg_gen_orc_i64(result, a, b);
        break;
    case 4:
        tcg_gen_xor_i64(result, a, b);
        break;
    default:
        tcg_gen_eqv_i64(result, a, b);
        break;
    }
    if (opc == 3) {
        gen_logic_cc(s, result, sf);
    }
    a64_write_reg(s, rd, result, sf);
    return true;
}

/* The common tail of ADD/SUB(S): flags when asked, Rd an SP only without them. */
static void gen_add_sub(DisasContext *s, unsigned rd, bool rd_is_sp, TCGv_i64 a, TCGv_i64 b,
                        bool sub, bool setflags, bool sf)
{
    TCGv_i64 result = tcg_temp_ebb_new_i64();

    if (setflags) {
        if (sub) {
            gen_sub_cc(s, result, a, b, sf);
        } else {
            gen_add_cc(s, result, a, b, sf);
        }
    } else if (sub) {
        tcg_gen_sub_i64(result, a, b);
    } else {
        tcg_gen_add_i64(result, a, b);
    }
    if (rd_is_sp) {
        if (sf) {
            tcg_gen_mov_i64(s->g->x[rd], result);
        } else {
            tcg_gen_ext32u_i64(s->g->x[rd], result);
        }
    } else {
        a64_write_reg(s, rd, result, sf);
    }
}

/* ADD, ADDS, SUB, SUBS (shifted register) (C6.2.5 ...): no ROR, registers are XZR. */
static bool trans_add_sub_shifted(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned shift = extract32(insn, 22, 2), amount = extract32(insn, 10, 6);
    TCGv_i64 b;

    if (shift == SHIFT_ROR || (!sf && amount >= 32)) {
        return false;
    }
    b = gen_shifted_reg(s, extract32(insn, 16, 5), shift, amount, sf);
    gen_add_sub(s, extract32(insn, 0, 5), false, cpu_reg(s, extract32(insn, 5, 5)), b,
                extract32(insn, 30, 1), extract32(insn, 29, 1), sf);
    return true;
}

/*
 * ADD, ADDS, SUB, SUBS (extended register) (C6.2.3 ...): Rm extended
 * (UXTB ... SXTX, ARM ARM J1 ExtendReg) then shifted left by 0..4; Rn is
 * SP, and so is Rd unless the flags are set.
 */
static bool trans_add_sub_extended(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31, setflags = extract32(insn, 29, 1);
    unsigned option = extract32(insn, 13, 3), shift = extract32(insn, 10, 3);
    unsigned rd = extract32(insn, 0, 5), size = 8 << (option & 3);
    TCGv_i64 rm = cpu_reg(s, extract32(insn, 16, 5)), b;

    if (extract32(insn, 22, 2) != 0 || shift > 4) {
        return false;
    }
    if (size == 64) {
        b = rm;
    } else {
        b = tcg_temp_ebb_new_i64();
        if (option & 4) {
            tcg_gen_sextract_i64(b, rm, 0, size);
        } else {
            tcg_gen_extract_i64(b, rm, 0, size);
        }
    }
    if (shift) {
        TCGv_i64 t = tcg_temp_ebb_new_i64();

        tcg_gen_shli_i64(t, b, shift);
        b = t;
    }
    gen_add_sub(s, rd, !setflags, cpu_reg_sp(s, extract32(insn, 5, 5)), b,
                extract32(insn, 30, 1), setflags, sf);
    return true;
}

/* dest = a + b + C, with NZCV when setflags (ARM ARM J1, AddWithCarry). */
static void gen_adc(DisasContext *s, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b, bool sf,
                    bool setflags)
{
    ARMGlobals *g = s->g;

    if (!setflags) {
        TCGv_i64 c = tcg_temp_ebb_new_i64();

        tcg_gen_extu_i32_i64(c, g->CF);
        tcg_gen_add_i64(dest, a, b);
        tcg_gen_add_i64(dest, dest, c);
    } else {
        gen_adc_cc(s, dest, a, b, sf);
    }
}

/* ADC, ADCS, SBC, SBCS (C6.2.1 ...): SBC is Rn + NOT(Rm) + C. */
static bool trans_adc_sbc(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31, sub = extract32(insn, 30, 1);
    TCGv_i64 b = cpu_reg(s, extract32(insn, 16, 5));
    TCGv_i64 result = tcg_temp_ebb_new_i64();

    if (sub) {
        TCGv_i64 nb = tcg_temp_ebb_new_i64();

        tcg_gen_not_i64(nb, b);
        b = nb;
    }
    gen_adc(s, result, cpu_reg(s, extract32(insn, 5, 5)), b, sf, extract32(insn, 29, 1));
    a64_write_reg(s, extract32(insn, 0, 5), result, sf);
    return true;
}

/*
 * CCMN, CCMP (register and immediate) (C6.2.54 ...): when the condition
 * holds, NZCV of the comparison, otherwise the immediate nzcv. Branch-free:
 * the condition is taken first, the comparison sets the flags, and four
 * movconds put the immediate back where the condition failed.
 */
static bool trans_ccmp(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31, sub = extract32(insn, 30, 1), is_imm = extract32(insn, 11, 1);
    unsigned cond = extract32(insn, 12, 4), nzcv = extract32(insn, 0, 4);
    unsigned rm = extract32(insn, 16, 5);
    ARMGlobals *g = s->g;
    TCGv_i64 b, result = tcg_temp_ebb_new_i64(), holds64 = NULL;
    TCGv_i32 holds = NULL, zero = tcg_constant_i32(0);

    if (extract32(insn, 10, 1) || extract32(insn, 4, 1)) {
        return false;
    }
    b = is_imm ? tcg_constant_i64(rm) : cpu_reg(s, rm);
    if (cond < 14) {
        holds64 = tcg_temp_ebb_new_i64();
        holds = tcg_temp_ebb_new_i32();
        gen_cond_value(s, cond, holds64);
        tcg_gen_extrl_i64_i32(holds, holds64);
    }
    if (sub) {
        gen_sub_cc(s, result, cpu_reg(s, extract32(insn, 5, 5)), b, sf);
    } else {
        gen_add_cc(s, result, cpu_reg(s, extract32(insn, 5, 5)), b, sf);
    }
    if (holds) {
        tcg_gen_movcond_i32(TCG_COND_NE, g->NF, holds, zero, g->NF,
                            tcg_constant_i32(nzcv & 8 ? INT32_MIN : 0));
        tcg_gen_movcond_i32(TCG_COND_NE, g->ZF, holds, zero, g->ZF,
                            tcg_constant_i32(nzcv & 4 ? 0 : 1));
        tcg_gen_movcond_i32(TCG_COND_NE, g->CF, holds, zero, g->CF,
                            tcg_constant_i32(nzcv & 2 ? 1 : 0));
        tcg_gen_movcond_i32(TCG_COND_NE, g->VF, holds, zero, g->VF,
                            tcg_constant_i32(nzcv & 1 ? INT32_MIN : 0));
    }
    return true;
}

/* dest = cond ? if_true : if_false, as one movcond on the condition's compare. */
static void gen_select(DisasContext *s, unsigned cond, TCGv_i64 dest, TCGv_i64 if_true,
                       TCGv_i64 if_false)
{
    TCGv_i64 v = tcg_temp_ebb_new_i64();
    ARMCondCompare c;

    gen_cond_compare(s, cond, &c);
    if (c.cond == TCG_COND_ALWAYS) {
        tcg_gen_mov_i64(dest, if_true);
        return;
    }
    /* Sign-extended, so the signed compares of a flag word keep their meaning. */
    tcg_gen_ext_i32_i64(v, c.value);
    tcg_gen_movcond_i64(c.cond, dest, v, tcg_constant_i64(0), if_true, if_false);
}

/* CSEL, CSINC, CSINV, CSNEG (C6.2.67 ...): Rn if the condition holds, else op(Rm). */
static bool trans_csel(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31, invert = extract32(insn, 30, 1), increment = extract32(insn, 10, 1);
    unsigned cond = extract32(insn, 12, 4), rd = extract32(insn, 0, 5);
    TCGv_i64 rn = cpu_reg(s, extract32(insn, 5, 5)), rm = cpu_reg(s, extract32(insn, 16, 5));
    TCGv_i64 other, result;

    if (extract32(insn, 29, 1) || extract32(insn, 11, 1)) {
        return false;
    }
    if (rd == 31) {
        return true;
    }
    if (cond >= 14) {
        a64_write_reg(s, rd, rn, sf);
        return true;
    }
    other = rm;
    if (invert || increment) {
        other = tcg_temp_ebb_new_i64();
        if (invert && increment) {
            tcg_gen_neg_i64(other, rm);
        } else if (invert) {
            tcg_gen_not_i64(other, rm);
        } else {
            tcg_gen_addi_i64(other, rm, 1);
        }
    }
    result = tcg_temp_ebb_new_i64();
    gen_select(s, cond, result, rn, other);
    a64_write_reg(s, rd, result, sf);
    return true;
}

/* Swaps the bit groups of width w selected by mask with their neighbours: one RBIT step. */
static void gen_swap_bits(TCGv_i64 val, uint64_t mask, unsigned w)
{
    TCGv_i64 hi = tcg_temp_ebb_new_i64();

    tcg_gen_shri_i64(hi, val, w);
    tcg_gen_andi_i64(hi, hi, mask);
    tcg_gen_andi_i64(val, val, mask);
    tcg_gen_shli_i64(val, val, w);
    tcg_gen_or_i64(val, val, hi);
}

/* RBIT, REV16, REV32, REV, CLZ, CLS (C6.2.248 ...). */
static bool trans_dp_1src(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned opcode = extract32(insn, 10, 6), rd = extract32(insn, 0, 5);
    TCGv_i64 src = cpu_reg(s, extract32(insn, 5, 5));
    TCGv_i64 result;

    if (extract32(insn, 29, 1) || extract32(insn, 16, 5) || opcode > 5 ||
        (opcode == 3 && !sf)) {
        return false;
    }
    if (rd == 31) {
        return true;
    }
    result = tcg_temp_ebb_new_i64();
    switch (opcode) {
    case 0:         /* RBIT: reverse the bytes, then the bits in each byte */
        if (sf) {
            tcg_gen_bswap64_i64(result, src);
        } else {
            tcg_gen_bswap32_i64(result, src);
        }
        gen_swap_bits(result, 0x0f0f0f0f0f0f0f0fULL, 4);
        gen_swap_bits(result, 0x3333333333333333ULL, 2);
        gen_swap_bits(result, 0x5555555555555555ULL, 1);
        break;
    case 1:         /* REV16 */
        tcg_gen_mov_i64(result, src);
        gen_swap_bits(result, 0x00ff00ff00ff00ffULL, 8);
        break;
    case 2:         /* REV32 (64-bit), REV (32-bit) */
        if (sf) {
            tcg_gen_bswap64_i64(result, src);
            tcg_gen_rotri_i64(result, result, 32);
        } else {
            tcg_gen_bswap32_i64(result, src);
        }
        break;
    case 3:         /* REV (64-bit) */
        tcg_gen_bswap64_i64(result, src);
        break;
    default:        /* CLZ, CLS: CLS(x) = CLZ(x EOR (x ASR 1)) - 1 */
        if (sf) {
            TCGv_i64 x = src;

            if (opcode == 5) {
                x = tcg_temp_ebb_new_i64();
                tcg_gen_sari_i64(x, src, 1);
                tcg_gen_xor_i64(x, x, src);
            }
            tcg_gen_clzi_i64(result, x, 64);
        } else {
            TCGv_i32 x = tcg_temp_ebb_new_i32(), t = tcg_temp_ebb_new_i32();

            tcg_gen_extrl_i64_i32(x, src);
            if (opcode == 5) {
                tcg_gen_sari_i32(t, x, 1);
                tcg_gen_xor_i32(x, x, t);
            }
            tcg_gen_clzi_i32(x, x, 32);
            tcg_gen_extu_i32_i64(result, x);
        }
        if (opcode == 5) {
            tcg_gen_subi_i64(result, result, 1);
        }
        break;
    }
    a64_write_reg(s, rd, result, sf);
    return true;
}

/*
 * UDIV, SDIV (C6.2.388, C6.2.303): x / 0 is 0 and INT_MIN / -1 is INT_MIN,
 * where the IR's div is undefined. 32-bit forms divide the extended values
 * in 64 bits, where INT32_MIN / -1 fits and truncates to INT32_MIN; for
 * 64 bits a divisor of -1 becomes a negation. A divisor of 0 or -1 is
 * replaced by 1 so the division itself is always defined.
 */
static void gen_div(TCGv_i64 result, TCGv_i64 rn, TCGv_i64 rm, bool sf,
                    bool is_signed)
{
    TCGv_i64 a = tcg_temp_ebb_new_i64(), b = tcg_temp_ebb_new_i64();
    TCGv_i64 safe = tcg_temp_ebb_new_i64(), zero = tcg_constant_i64(0);
    TCGv_i64 one = tcg_constant_i64(1);

    if (sf) {
        tcg_gen_mov_i64(a, rn);
        tcg_gen_mov_i64(b, rm);
    } else if (is_signed) {
        tcg_gen_ext32s_i64(a, rn);
        tcg_gen_ext32s_i64(b, rm);
    } else {
        tcg_gen_ext32u_i64(a, rn);
        tcg_gen_ext32u_i64(b, rm);
    }
    if (is_signed && sf) {
        TCGv_i64 t = tcg_temp_ebb_new_i64(), neg = tcg_temp_ebb_new_i64();

        /* b + 1 <= 1 (unsigned) exactly for b = -1 and b = 0. */
        tcg_gen_addi_i64(t, b, 1);
        tcg_gen_movcond_i64(TCG_COND_LEU, safe, t, one, one, b);
        tcg_gen_div_i64(result, a, safe);
        tcg_gen_neg_i64(neg, a);
        tcg_gen_movcond_i64(TCG_COND_EQ, result, b, tcg_constant_i64(-1), neg, result);
    } else {
        tcg_gen_movcond_i64(TCG_COND_EQ, safe, b, zero, one, b);
        if (is_signed) {
            tcg_gen_div_i64(result, a, safe);
        } else {
            tcg_gen_divu_i64(result, a, safe);
        }
    }
    tcg_gen_movcond_i64(TCG_COND_EQ, result, b, zero, zero, result);
}

/* LSLV, LSRV, ASRV, RORV (C6.2.193 ...): the count is Rm modulo the datasize. */
static void gen_shift_var(TCGv_i64 result, TCGv_i64 rn, TCGv_i64 rm, unsigned type, bool sf)
{
    static const TCGOpcode ops[] = {
        [SHIFT_LSL] = INDEX_op_shl, [SHIFT_LSR] = INDEX_op_shr,
        [SHIFT_ASR] = INDEX_op_sar, [SHIFT_ROR] = INDEX_op_rotr,
    };

    if (sf) {
        TCGv_i64 count = tcg_temp_ebb_new_i64();

        tcg_gen_andi_i64(count, rm, 63);
        tcg_gen_op3(ops[type], TCG_TYPE_I64, temp_arg(tcgv_i64_temp(result)),
                    temp_arg(tcgv_i64_temp(rn)), temp_arg(tcgv_i64_temp(count)));
    } else {
        TCGv_i32 val = tcg_temp_ebb_new_i32(), count = tcg_temp_ebb_new_i32();

        tcg_gen_extrl_i64_i32(val, rn);
        tcg_gen_extrl_i64_i32(count, rm);
        tcg_gen_andi_i32(count, count, 31);
        tcg_gen_op3(ops[type], TCG_TYPE_I32, temp_arg(tcgv_i32_temp(val)),
                    temp_arg(tcgv_i32_temp(val)), temp_arg(tcgv_i32_temp(count)));
        tcg_gen_extu_i32_i64(result, val);
    }
}

/* CRC32B/H/W/X, CRC32CB/H/W/X (C6.2.70, C6.2.71): sf must match the X size. */
static void gen_crc32(TCGv_i64 result, TCGv_i64 acc, TCGv_i64 val, unsigned size,
                      bool castagnoli)
{
    TCGv_i32 acc32 = tcg_temp_ebb_new_i32(), res32 = tcg_temp_ebb_new_i32();

    tcg_gen_extrl_i64_i32(acc32, acc);
    gen_helper_crc32(res32, acc32, val, tcg_constant_i32(1 << size), castagnoli);
    tcg_gen_extu_i32_i64(result, res32);
}

/* The data-processing (2 source) group (C4.1.95.2). */
static bool trans_dp_2src(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned opcode = extract32(insn, 10, 6), rd = extract32(insn, 0, 5);
    TCGv_i64 rn, rm, result;

    if (extract32(insn, 29, 1)) {
        return false;
    }
    switch (opcode) {
    case 0x02: case 0x03:               /* UDIV, SDIV */
    case 0x08: case 0x09: case 0x0a: case 0x0b:     /* LSLV, LSRV, ASRV, RORV */
        break;
    case 0x10: case 0x11: case 0x12: case 0x13:     /* CRC32 */
    case 0x14: case 0x15: case 0x16: case 0x17:     /* CRC32C */
        if (sf != ((opcode & 3) == 3)) {
            return false;
        }
        break;
    default:
        return false;
    }
    if (rd == 31) {
        return true;
    }
    rn = cpu_reg(s, extract32(insn, 5, 5));
    rm = cpu_reg(s, extract32(insn, 16, 5));
    result = tcg_temp_ebb_new_i64();
    if (opcode < 4) {
        gen_div(result, rn, rm, sf, opcode & 1);
    } else if (opcode < 0x10) {
        gen_shift_var(result, rn, rm, opcode & 3, sf);
    } else {
        gen_crc32(result, rn, rm, opcode & 3, opcode & 4);
    }
    a64_write_reg(s, rd, result, sf);
    return true;
}

/*
 * MADD, MSUB, SMADDL, SMSUBL, UMADDL, UMSUBL, SMULH, UMULH (C6.2.202 ...):
 * Ra +/- Rn * Rm, the L forms on 32-bit operands with a 64-bit sum.
 */
static bool trans_dp_3src(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31, sub = extract32(insn, 15, 1);
    unsigned op31 = extract32(insn, 21, 3), rd = extract32(insn, 0, 5);
    TCGv_i64 rn, rm, ra, a, b, product;

    if (extract32(insn, 29, 2) != 0) {
        return false;
    }
    switch (op31) {
    case 0:
        break;
    case 1: case 5:
        if (!sf) {
            return false;
        }
        break;
    case 2: case 6:
        if (!sf || sub) {
            return false;
        }
        break;
    default:
        return false;
    }
    if (rd == 31) {
        return true;
    }
    rn = cpu_reg(s, extract32(insn, 5, 5));
    rm = cpu_reg(s, extract32(insn, 16, 5));
    product = tcg_temp_ebb_new_i64();
    if (op31 == 2 || op31 == 6) {
        TCGv_i64 lo = tcg_temp_ebb_new_i64();

        if (op31 == 2) {
            tcg_gen_muls2_i64(lo, product, rn, rm);
        } else {
            tcg_gen_mulu2_i64(lo, product, rn, rm);
        }
        a64_write_reg(s, rd, product, true);
        return true;
    }
    if (op31 == 0) {
        a = rn;
        b = rm;
    } else {
        a = tcg_temp_ebb_new_i64();
        b = tcg_temp_ebb_new_i64();
        if (op31 == 1) {
            tcg_gen_ext32s_i64(a, rn);
            tcg_gen_ext32s_i64(b, rm);
        } else {
            tcg_gen_ext32u_i64(a, rn);
            tcg_gen_ext32u_i64(b, rm);
        }
    }
    tcg_gen_mul_i64(product, a, b);
    ra = cpu_reg(s, extract32(insn, 10, 5));
    if (sub) {
        tcg_gen_sub_i64(product, ra, product);
    } else {
        tcg_gen_add_i64(product, ra, product);
    }
    a64_write_reg(s, rd, product, sf);
    return true;
}

const A64Pattern a64_dp_reg_patterns[] = {
    { "Logical (shifted register)",      "x_xx_01010_xx_x_xxxxx_xxxxxx_xxxxx_xxxxx", trans_logic_reg },
    { "Add/subtract (shifted register)", "x_xx_01011_xx_0_xxxxx_xxxxxx_xxxxx_xxxxx", trans_add_sub_shifted },
    { "Add/subtract (extended register)", "x_xx_01011_xx_1_xxxxx_xxxxxx_xxxxx_xxxxx",
      trans_add_sub_extended },
    { "Add/subtract (with carry)",       "x_xx_11010000_xxxxx_000000_xxxxx_xxxxx", trans_adc_sbc },
    { "Conditional compare",             "x_x1_11010010_xxxxx_xxxx_x_x_xxxxx_xxxxx", trans_ccmp },
    { "Conditional select",              "x_xx_11010100_xxxxx_xxxx_xx_xxxxx_xxxxx", trans_csel },
    { "Data-processing (2 source)",      "x_0x_11010110_xxxxx_xxxxxx_xxxxx_xxxxx", trans_dp_2src },
    { "Data-processing (1 source)",      "x_1x_11010110_xxxxx_xxxxxx_xxxxx_xxxxx", trans_dp_1src },
    { "Data-processing (3 source)",      "x_xx_11011_xxx_xxxxx_x_xxxxx_xxxxx_xxxxx", trans_dp_3src },
    A64_PATTERNS_END,
};
