/*
 * A64 "Branches, exception generating and system instructions"
 * (ARM ARM C4.1.65).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/helper.h"

/* B, BL: PC-relative by imm26 words (C6.2.26, C6.2.34). */
static bool trans_B(DisasContext *s, uint32_t insn)
{
    uint64_t dest = s->pc_curr + (sextract32(insn, 0, 26) * 4LL);

    if (insn & (1u << 31)) {
        tcg_gen_movi_i64(s->g->x[30], s->pc_next);      /* BL: link */
    }
    gen_goto_tb(s, 0, dest);
    return true;
}

/* B.cond (C6.2.27). */
static bool trans_B_cond(DisasContext *s, uint32_t insn)
{
    uint64_t dest = s->pc_curr + (sextract32(insn, 5, 19) * 4LL);
    TCGLabel *taken = tcg_label_new(tcg_ctx);

    gen_cond_branch(s, extract32(insn, 0, 4), taken);
    gen_goto_tb(s, 0, s->pc_next);
    tcg_gen_set_label(taken);
    gen_goto_tb(s, 1, dest);
    return true;
}

/* CBZ, CBNZ (C6.2.47, C6.2.46). */
static bool trans_CBZ(DisasContext *s, uint32_t insn)
{
    bool sf = insn >> 31, nz = extract32(insn, 24, 1);
    uint64_t dest = s->pc_curr + (sextract32(insn, 5, 19) * 4LL);
    TCGv_i64 val = tcg_temp_ebb_new_i64();
    TCGLabel *taken = tcg_label_new(tcg_ctx);

    if (sf) {
        tcg_gen_mov_i64(val, cpu_reg(s, extract32(insn, 0, 5)));
    } else {
        tcg_gen_ext32u_i64(val, cpu_reg(s, extract32(insn, 0, 5)));
    }
    tcg_gen_brcondi_i64(nz ? TCG_COND_NE : TCG_COND_EQ, val, 0, taken);
    gen_goto_tb(s, 0, s->pc_next);
    tcg_gen_set_label(taken);
    gen_goto_tb(s, 1, dest);
    return true;
}

/* TBZ, TBNZ (C6.2.376, C6.2.375). */
static bool trans_TBZ(DisasContext *s, uint32_t insn)
{
    unsigned bit = extract32(insn, 31, 1) << 5 | extract32(insn, 19, 5);
    bool nz = extract32(insn, 24, 1);
    uint64_t dest = s->pc_curr + (sextract32(insn, 5, 14) * 4LL);
    TCGLabel *taken = tcg_label_new(tcg_ctx);
    TCGv_i64 t = tcg_temp_ebb_new_i64();

    tcg_gen_andi_i64(t, cpu_reg(s, extract32(insn, 0, 5)), (int64_t)(1ULL << bit));
    tcg_gen_brcondi_i64(nz ? TCG_COND_NE : TCG_COND_EQ, t, 0, taken);
    gen_goto_tb(s, 0, s->pc_next);
    tcg_gen_set_label(taken);
    gen_goto_tb(s, 1, dest);
    return true;
}

/* BR, BLR, RET (C6.2.37, C6.2.35, C6.2.254): to a register. */
static bool trans_BR(DisasContext *s, uint32_t insn)
{
    unsigned opc = extract32(insn, 21, 2);
    TCGv_i64 target = tcg_temp_ebb_new_i64();

    if (opc == 3 || extract32(insn, 0, 5) != 0) {
        return false;
    }
    /* Read the target before BLR overwrites LR (BLR X30 is valid). */
    tcg_gen_mov_i64(target, cpu_reg(s, extract32(insn, 5, 5)));
    if (opc == 1) {
        tcg_gen_movi_i64(s->g->x[30], s->pc_next);
    }
    tcg_gen_mov_i64(s->g->pc, target);
    s->is_jmp = DISAS_JUMP;
    return true;
}

/* SVC (C6.2.365): to EL1 (or the current EL above it), return after it. */
static bool trans_SVC(DisasContext *s, uint32_t insn)
{
    gen_exception_insn_next(s, EXCP_SWI, syn_make(ARM_EC_SVC64, extract32(insn, 5, 16)),
                            default_exception_el(s));
    return true;
}

/* BRK (C6.2.40): a breakpoint exception at this instruction. */
static bool trans_BRK(DisasContext *s, uint32_t insn)
{
    gen_exception_insn(s, EXCP_UDEF, syn_make(ARM_EC_BRK, extract32(insn, 5, 16)),
                       default_exception_el(s));
    return true;
}

/* HLT (C6.2.121): #0xf000 is a semihosting call when enabled; otherwise UNDEFINED here. */
static bool trans_HLT(DisasContext *s, uint32_t insn)
{
    if (!s->semihosting || extract32(insn, 5, 16) != 0xf000) {
        return false;
    }
    tcg_gen_movi_i64(s->g->pc, s->pc_curr);
    gen_helper_semihosting();
    return true;
}

/* The hint space (C6.2.120): NOP, YIELD, WFE, WFI, SEV, SEVL ... */
static bool trans_HINT(DisasContext *s, uint32_t insn)
{
    unsigned op = extract32(insn, 5, 7);

    if (op == 2 || op == 3) {
        /*
         * WFE, WFI: the helper takes the traps (SCTLR_EL1.nTWx, HCR_EL2.TWx,
         * SCR_EL3.TWx) at this PC, then WFI sleeps until an interrupt is
         * pending and WFE gives other vCPUs a turn.
         */
        tcg_gen_movi_i64(s->g->pc, s->pc_curr);
        gen_helper_wfx(tcg_constant_i32(op == 2));
        s->is_jmp = DISAS_EXIT;
    } else if (op == 1) {
        /* YIELD: give other vCPUs a turn (the exec loop runs them round-robin). */
        tcg_gen_movi_i64(s->g->pc, s->pc_next);
        s->is_jmp = DISAS_EXIT;
    }
    /* NOP, SEV, SEVL and unallocated hints execute as NOP (C6.2.120). */
    return true;
}

/* ERET (C6.2.82): state changes under the TB, so back to the exec loop. */
static bool trans_ERET(DisasContext *s, uint32_t insn)
{
    if (s->current_el == 0) {
        return false;
    }
    gen_helper_exception_return();
    s->is_jmp = DISAS_EXIT;
    return true;
}

const A64Pattern a64_branch_sys_patterns[] = {
    { "B, BL",          "x00101_xxxxxxxxxxxxxxxxxxxxxxxxxx", trans_B },
    { "B.cond",         "01010100_xxxxxxxxxxxxxxxxxxx_0_xxxx", trans_B_cond },
    { "CBZ, CBNZ",      "x011010x_xxxxxxxxxxxxxxxxxxx_xxxxx", trans_CBZ },
    { "TBZ, TBNZ",      "x011011x_xxxxx_xxxxxxxxxxxxxx_xxxxx", trans_TBZ },
    { "BR, BLR, RET",   "1101011_0_0xx_11111_000000_xxxxx_xxxxx", trans_BR },
    { "SVC",            "11010100_000_xxxxxxxxxxxxxxxx_00001", trans_SVC },
    { "BRK",            "11010100_001_xxxxxxxxxxxxxxxx_00000", trans_BRK },
    { "HLT",            "11010100_010_xxxxxxxxxxxxxxxx_00000", trans_HLT },
    { "HINT",           "11010101_00000011_0010_xxxx_xxx_11111", trans_HINT },
    { "ERET",           "1101011_0100_11111_000000_11111_00000", trans_ERET },
    A64_PATTERNS_END,
};
