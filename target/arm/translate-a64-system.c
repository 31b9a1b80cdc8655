/*
 * A64 "System" instructions (ARM ARM C5 and the system instruction class
 * of C4.1.65): MRS, MSR (register and immediate), SYS/SYSL (cache and TLB
 * maintenance, address translation), the barriers, CLREX, and HVC/SMC
 * (exceptions to EL2/EL3, traps, or PSCI calls: helper.c decides at run
 * time, from SCR_EL3/HCR_EL2).
 *
 * The register file is the table in sysregs.c. A translation checks what
 * is fixed for the TB (the register exists on this CPU, the EL may access
 * it) and emits IR: inline loads and stores of env fields for plain
 * registers, which makes MRS/MSR of TPIDR_EL0, ELR_EL1, ESR_EL1 ... cost
 * one host instruction; a helper call for registers with side effects; a
 * run-time check (sysreg_access) only where a control bit decides: at EL0,
 * and below EL3 on CPUs with EL2 or EL3 for the registers EL2/EL3 controls
 * may trap (ARM_SR_EL2_TRAPS).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/helper.h"
#include "target/arm/helper-sys.h"
#include "util/log.h"

/* ESR ISS of a trapped MSR/MRS/SYS (EC 0x18, ARM ARM D17.2.37). */
static uint32_t sysreg_trap_syndrome(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                                     unsigned op2, unsigned rt, bool is_read)
{
    return syn_make(ARM_EC_SYSTEMREG, op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 |
                                      rt << 5 | crm << 1 | is_read);
}

/* The state changed under the TB (PSTATE, translation): back to the exec loop after this. */
static void end_tb_after(DisasContext *s)
{
    tcg_gen_movi_i64(s->g->pc, s->pc_next);
    s->is_jmp = DISAS_EXIT;
}

/* MRS NZCV: the flags as PSTATE bits [31:28] (see cpu.h for the NF/ZF/CF/VF encoding). */
static void gen_read_nzcv(DisasContext *s, TCGv_i64 dest)
{
    ARMGlobals *g = s->g;
    TCGv_i32 r = tcg_temp_ebb_new_i32(), t = tcg_temp_ebb_new_i32();

    tcg_gen_andi_i32(r, g->NF, 0x80000000);
    tcg_gen_setcondi_i32(TCG_COND_EQ, t, g->ZF, 0);
    tcg_gen_shli_i32(t, t, 30);
    tcg_gen_or_i32(r, r, t);
    tcg_gen_shli_i32(t, g->CF, 29);
    tcg_gen_or_i32(r, r, t);
    tcg_gen_shri_i32(t, g->VF, 31);
    tcg_gen_shli_i32(t, t, 28);
    tcg_gen_or_i32(r, r, t);
    tcg_gen_extu_i32_i64(dest, r);
}

static void gen_write_nzcv(DisasContext *s, TCGv_i64 src)
{
    ARMGlobals *g = s->g;
    TCGv_i32 v = tcg_temp_ebb_new_i32();

    tcg_gen_extrl_i64_i32(v, src);
    tcg_gen_andi_i32(g->NF, v, 0x80000000);
    tcg_gen_shri_i32(g->ZF, v, 30);
    tcg_gen_andi_i32(g->ZF, g->ZF, 1);
    tcg_gen_xori_i32(g->ZF, g->ZF, 1);          /* ZF == 0 means Z set */
    tcg_gen_shri_i32(g->CF, v, 29);
    tcg_gen_andi_i32(g->CF, g->CF, 1);
    tcg_gen_shli_i32(g->VF, v, 3);
    tcg_gen_andi_i32(g->VF, g->VF, 0x80000000);
}

static void gen_read_pstate_bits(TCGv_i64 dest, uint32_t mask)
{
    tcg_gen_ld32u_i64(dest, tcg_env, offsetof(CPUARMState, pstate));
    tcg_gen_andi_i64(dest, dest, mask);
}

/* MRS, MSR (register), SYS, SYSL (C6.2.227, C6.2.229, C6.2.372, C6.2.373). */
static bool trans_sysreg(DisasContext *s, uint32_t insn)
{
    bool is_read = extract32(insn, 21, 1);
    unsigned op0 = extract32(insn, 19, 2), op1 = extract32(insn, 16, 3);
    unsigned crn = extract32(insn, 12, 4), crm = extract32(insn, 8, 4);
    unsigned op2 = extract32(insn, 5, 3), rt = extract32(insn, 0, 5);
    const ARMSysReg *ri = arm_sysreg_find(s->arm, op0, op1, crn, crm, op2);
    TCGv_i32 index;
    TCGv_i64 val;

    if (!ri) {
        log_mask(log_unimp, "%s of unknown system register op0=%u op1=%u CRn=%u CRm=%u "
                 "op2=%u at 0x%" PRIx64 "\n", is_read ? "read" : "write", op0, op1, crn, crm,
                 op2, s->pc_curr);
        return false;
    }
    if (s->current_el < (is_read ? ri->min_el_read : ri->min_el_write)) {
        return false;
    }
    if ((ri->flags & ARM_SR_FP) && !fp_access_check(s)) {
        return true;
    }
    index = tcg_constant_i32(arm_sysreg_index(ri));
    if (ri->access && (s->current_el == 0 || (ri->flags & ARM_SR_CHECK_ALL) ||
                       ((ri->flags & ARM_SR_EL2_TRAPS) && s->current_el < 3 &&
                        arm_feature(s->arm, ARM_FEATURE_EL2 | ARM_FEATURE_EL3)))) {
        tcg_gen_movi_i64(s->g->pc, s->pc_curr);
        gen_helper_sysreg_access(index, tcg_constant_i32(
            sysreg_trap_syndrome(op0, op1, crn, crm, op2, rt, is_read)));
    }

    switch (ri->kind) {
    case ARM_SR_NOP:
        return true;
    case ARM_SR_RAZ_WI:
        if (is_read) {
            a64_write_reg(s, rt, tcg_constant_i64(0), true);
        }
        return true;
    case ARM_SR_CURRENTEL:
        a64_write_reg(s, rt, tcg_constant_i64(s->current_el << 2), true);
        return true;
    case ARM_SR_NZCV:
        if (is_read) {
            val = tcg_temp_ebb_new_i64();
            gen_read_nzcv(s, val);
            a64_write_reg(s, rt, val, true);
        } else {
            gen_write_nzcv(s, cpu_reg(s, rt));
        }
        return true;
    case ARM_SR_DC_ZVA:
        gen_helper_dc_zva(cpu_reg(s, rt), tcg_constant_i32(s->mmu_idx));
        return true;
    case ARM_SR_DAIF:
    case ARM_SR_SPSEL:
        if (is_read) {
            val = tcg_temp_ebb_new_i64();
            gen_read_pstate_bits(val, ri->kind == ARM_SR_DAIF ? PSTATE_DAIF : PSTATE_SP);
            a64_write_reg(s, rt, val, true);
            return true;
        }
        break;
    default:
        break;
    }

    if (is_read) {
        val = tcg_temp_ebb_new_i64();
        if (ri->read) {
            gen_helper_sysreg_read(val, index);
        } else {
            tcg_gen_ld_i64(val, tcg_env, ri->offset);
        }
        a64_write_reg(s, rt, val, true);
        return true;
    }
    if (ri->write) {
        gen_helper_sysreg_write(index, cpu_reg(s, rt));
    } else {
        tcg_gen_st_i64(cpu_reg(s, rt), tcg_env, ri->offset);
    }
    if (ri->flags & ARM_SR_END_TB) {
        end_tb_after(s);
    }
    return true;
}

/* MSR (immediate), C6.2.228: UAO, PAN, SPSel, DAIFSet, DAIFClr. */
static bool trans_MSR_imm(DisasContext *s, uint32_t insn)
{
    unsigned op1 = extract32(insn, 16, 3), crm = extract32(insn, 8, 4);
    unsigned op2 = extract32(insn, 5, 3), op = op1 << 3 | op2;

    switch (op) {
    case 0x03:
        if (!arm_feature(s->arm, ARM_FEATURE_UAO) || s->current_el == 0) {
            return false;
        }
        break;
    case 0x04:
        if (!arm_feature(s->arm, ARM_FEATURE_PAN) || s->current_el == 0) {
            return false;
        }
        break;
    case 0x05:
        if (s->current_el == 0) {
            return false;
        }
        break;
    case 0x1e:
    case 0x1f:
        break;          /* at EL0 only with SCTLR_EL1.UMA, checked by the helper */
    default:
        return false;
    }
    tcg_gen_movi_i64(s->g->pc, s->pc_curr);
    gen_helper_msr_imm(tcg_constant_i32(op), tcg_constant_i32(crm), tcg_constant_i32(
        sysreg_trap_syndrome(0, op1, 4, crm, op2, 31, false)));
    /* Unmasked interrupts must be taken, PAN changes the MMU index: leave the TB. */
    end_tb_after(s);
    return true;
}

/* CLREX, DSB, DMB, ISB, SB (C6.2.50, C6.2.80, C6.2.78, C6.2.128, C6.2.264). */
static bool trans_barrier(DisasContext *s, uint32_t insn)
{
    unsigned crm = extract32(insn, 8, 4), op2 = extract32(insn, 5, 3);

    switch (op2) {
    case 2:         /* CLREX */
        tcg_gen_st_i64(tcg_constant_i64(-1), tcg_env, offsetof(CPUARMState, exclusive_addr));
        return true;
    case 4:         /* DSB (SSBB and PSSBB are DSB encodings too) */
        tcg_gen_mb(TCG_MO_ALL);
        return true;
    case 5:         /* DMB: CRm<1:0> is the access types ordered (LD, ST, all) */
        switch (crm & 3) {
        case 1:
            tcg_gen_mb(TCG_MO_LD_LD | TCG_MO_LD_ST);
            break;
        case 2:
            tcg_gen_mb(TCG_MO_ST_ST);
            break;
        default:
            tcg_gen_mb(TCG_MO_ALL);
            break;
        }
        return true;
    case 6:         /* ISB: what follows is fetched and translated again */
        gen_goto_tb(s, 0, s->pc_next);
        return true;
    default:        /* SB and the rest: not implemented (ID_AA64ISAR1.SB = 0) */
        return false;
    }
}

/*
 * HVC (C6.2.117), SMC (C6.2.263): UNDEFINED at EL0; otherwise whether it
 * is UNDEFINED, trapped, a PSCI call or an exception to EL2/EL3 depends on
 * SCR_EL3 and HCR_EL2, so helper_hvc_smc decides (the PC is this one).
 */
static bool trans_HVC_SMC(DisasContext *s, uint32_t insn)
{
    bool is_smc = extract32(insn, 0, 2) == 3;
    unsigned imm = extract32(insn, 5, 16);

    if (s->current_el == 0) {
        return false;
    }
    tcg_gen_movi_i64(s->g->pc, s->pc_curr);
    gen_helper_hvc_smc(tcg_constant_i32(is_smc), tcg_constant_i32(imm));
    s->is_jmp = DISAS_EXIT;
    return true;
}

const A64Pattern a64_system_patterns[] = {
    { "MSR (immediate)", "1101010100000_xxx_0100_xxxx_xxx_11111", trans_MSR_imm },
    { "barriers, CLREX", "11010101000000110011_xxxx_xxx_11111", trans_barrier },
    { "SYS, SYSL",       "1101010100_x_01_xxx_xxxx_xxxx_xxx_xxxxx", trans_sysreg },
    { "MSR, MRS",        "1101010100_x_1x_xxx_xxxx_xxxx_xxx_xxxxx", trans_sysreg },
    { "HVC",             "11010100_000_xxxxxxxxxxxxxxxx_00010", trans_HVC_SMC },
    { "SMC",             "11010100_000_xxxxxxxxxxxxxxxx_00011", trans_HVC_SMC },
    A64_PATTERNS_END,
};
