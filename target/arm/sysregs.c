/*
 * The AArch64 system registers and system instructions: one table line per
 * register (ARM ARM D17, "AArch64 System Register Descriptions", and C5.3
 * for the encodings of SYS instructions), looked up by encoding through a
 * hash built on first use.
 *
 * A line says who may access the register (the lowest EL that may read
 * and write it; EL0 accesses that a control bit may allow, like CNTVCT_EL0
 * under CNTKCTL_EL1, have an access function checked at run time), and how
 * to reach its value: a uint64_t in CPUARMState (or in ARMCPU.isar for the
 * ID registers, which sit at a fixed offset from env) that the translator
 * loads and stores inline, or read/write functions the generic helpers
 * call. Registers whose writes change how code is translated or what the
 * TLB holds (SCTLR, TTBRn, TCR ...) are flagged ARM_SR_END_TB and flush
 * the TLB in their write function.
 *
 * Unallocated encodings in the ID register space (op0 3, op1 0, CRn 0,
 * CRm 1..7) read as zero at EL1, as the architecture specifies (D17.3.1);
 * every other unknown encoding is UNDEFINED.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "target/arm/helper-sys.h"
#include "target/arm/translate.h"
#include "accel/tcg/tcg-accel.h"
#include "softmmu/timers.h"
#include "target/arm/internal.h"
#include "target/arm/gicv3-cpuif.h"

#define ENV(f) ((intptr_t)offsetof(CPUARMState, f))

/* The MMU indexes of the EL1&0 translation regime. */
#define EL10_IDXMAP (1u << ARM_MMU_IDX_EL10_0 | 1u << ARM_MMU_IDX_EL10_1 | \
                     1u << ARM_MMU_IDX_EL10_1_PAN)
#define ISAR(f) ((intptr_t)offsetof(ARMCPU, isar.f) - (intptr_t)offsetof(ARMCPU, env))

/* SCTLR_EL1 bits that open EL0 access (ARM ARM D17.2.118). */
#define SCTLR_UMA (1ULL << 9)
#define SCTLR_DZE (1ULL << 14)
#define SCTLR_UCT (1ULL << 15)
#define SCTLR_UCI (1ULL << 26)

/* ---- Access checks ---- */

static ARMSysRegAccess access_sctlr_bit(CPUARMState *env, uint64_t bit)
{
    return env->sctlr_el[1] & bit ? ARM_ACCESS_OK : ARM_ACCESS_TRAP;
}

static ARMSysRegAccess access_uma(CPUARMState *env, bool is_read)
{
    return access_sctlr_bit(env, SCTLR_UMA);
}

static ARMSysRegAccess access_uct(CPUARMState *env, bool is_read)
{
    return access_sctlr_bit(env, SCTLR_UCT);
}

static ARMSysRegAccess access_dze(CPUARMState *env, bool is_read)
{
    return access_sctlr_bit(env, SCTLR_DZE);
}

static ARMSysRegAccess access_uci(CPUARMState *env, bool is_read)
{
    return access_sctlr_bit(env, SCTLR_UCI);
}

/* SP_EL0 is UNDEFINED while it is the current stack pointer (ARM ARM C5.2.16). */
static ARMSysRegAccess access_sp_el0(CPUARMState *env, bool is_read)
{
    return env->pstate & PSTATE_SP ? ARM_ACCESS_OK : ARM_ACCESS_UNDEF;
}

/* PMUSERENR_EL0.EN opens the PMU to EL0 (ARM ARM D17.5.17). */
static ARMSysRegAccess access_pmu(CPUARMState *env, bool is_read)
{
    return env->pmuserenr & 1 ? ARM_ACCESS_OK : ARM_ACCESS_TRAP;
}

/* ---- Read and write functions ---- */

/*
 * The ASID of the EL1&0 regime (ARM ARM D8.2.x, TCR_EL1.A1 and .AS): in
 * TTBR1_EL1 or TTBR0_EL1 bits [63:48], 8 or 16 bits of it.
 */
static uint64_t el10_asid(const CPUARMState *env)
{
    uint64_t tcr = env->tcr_el[1];
    uint64_t ttbr = tcr & (1ull << 22) ? env->ttbr1_el[1] : env->ttbr0_el[1];

    return tcr & (1ull << 36) ? ttbr >> 48 : (ttbr >> 48) & 0xff;
}

/*
 * TTBRn_EL1: the TLB keeps translations per ASID (softmmu translation
 * contexts), as the architecture tags them, so a new ASID switches context
 * instead of flushing. A new table base under the same ASID changes
 * nothing cached: the architecture lets a TLB keep that ASID's entries
 * until software invalidates them (D8.13), which is what Linux relies on
 * when its software PAN points TTBR0_EL1 at an empty table on every
 * kernel entry. Everything else here (TCR, the other ELs' TTBR) flushes.
 */
static void write_translation(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    uint64_t *field = (uint64_t *)((char *)env + ri->offset);
    bool el1_ttbr = ri->offset == ENV(ttbr0_el[1]) || ri->offset == ENV(ttbr1_el[1]);
    uint64_t old_asid = el10_asid(env);

    if (*field == value) {
        return;
    }
    *field = value;
    if (!el1_ttbr) {
        tlb_flush(env_cpu(env));
    } else if (el10_asid(env) != old_asid) {
        tlb_switch_context(env_cpu(env), EL10_IDXMAP, el10_asid(env));
    }
}

static uint64_t read_isr(CPUARMState *env, const ARMSysReg *ri)
{
    uint32_t req = env_cpu(env)->interrupt_request;

    return (req & CPU_INTERRUPT_HARD ? 1u << 7 : 0) | (req & CPU_INTERRUPT_FIQ ? 1u << 6 : 0);
}

static uint64_t read_daif(CPUARMState *env, const ARMSysReg *ri)
{
    return env->pstate & PSTATE_DAIF;
}

static void write_daif(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->pstate = (env->pstate & ~PSTATE_DAIF) | (value & PSTATE_DAIF);
}

static void write_spsel(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    uint32_t old = env->pstate;

    env->pstate = (old & ~PSTATE_SP) | (value & 1 ? PSTATE_SP : 0);
    arm_switch_sp(env, old);
}

static uint64_t read_pstate_bit(CPUARMState *env, const ARMSysReg *ri)
{
    return env->pstate & (ri->op2 == 3 ? PSTATE_PAN : PSTATE_UAO);
}

static void write_pstate_bit(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    uint32_t bit = ri->op2 == 3 ? PSTATE_PAN : PSTATE_UAO;

    env->pstate = (env->pstate & ~bit) | ((uint32_t)value & bit);
}

/* CCSIDR_EL1 (D17.2.24): 64-byte lines, 4 ways, 128 sets for every level. */
static uint64_t read_ccsidr(CPUARMState *env, const ARMSysReg *ri)
{
    return 127u << 13 | 3u << 3 | 2u;
}

static void write_oslar(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->oslk = value & 1;
}

/* OSLSR_EL1 (D17.3.27): OSLM = 0b10 (the OS Lock is implemented), OSLK. */
static uint64_t read_oslsr(CPUARMState *env, const ARMSysReg *ri)
{
    return 1u << 3 | env->oslk << 1;
}

/* The cycle counter: 1 GHz of virtual time while PMCR.E and PMCNTENSET.C (ARM ARM D12). */
static bool pmccntr_counting(CPUARMState *env)
{
    return (env->pmcr_el0 & 1) && (env->pmcnten & (1ULL << 31));
}

static uint64_t pmccntr_get(CPUARMState *env)
{
    return pmccntr_counting(env) ? (uint64_t)(time_now_ns(TIME_VIRTUAL) - env->pmccntr_base)
                                 : env->pmccntr;
}

static void pmccntr_set(CPUARMState *env, uint64_t value, bool counting)
{
    env->pmccntr = value;
    if (counting) {
        env->pmccntr_base = time_now_ns(TIME_VIRTUAL) - (int64_t)value;
    }
}

static uint64_t read_pmccntr(CPUARMState *env, const ARMSysReg *ri)
{
    return pmccntr_get(env);
}

static void write_pmccntr(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    pmccntr_set(env, value, pmccntr_counting(env));
}

/* Changes PMCR/PMCNTEN, keeping the cycle count across a start or stop. */
static void pmu_change(CPUARMState *env, uint64_t *field, uint64_t value)
{
    uint64_t count = pmccntr_get(env);

    *field = value;
    pmccntr_set(env, count, pmccntr_counting(env));
}

/* PMCR_EL0 (D17.5.8): N = 0 event counters; C (bit 2) resets the cycle counter. */
static void write_pmcr(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    pmu_change(env, &env->pmcr_el0, value & 0x79);      /* E, D, X, DP, LC */
    if (value & 4) {
        pmccntr_set(env, 0, pmccntr_counting(env));
    }
}

static uint64_t read_pmcr(CPUARMState *env, const ARMSysReg *ri)
{
    return env->pmcr_el0 | 0x41ULL << 24;       /* IMP = Arm */
}

static uint64_t read_pmcnten(CPUARMState *env, const ARMSysReg *ri)
{
    return env->pmcnten;
}

static void write_pmcntenset(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    pmu_change(env, &env->pmcnten, env->pmcnten | (value & (1ULL << 31)));
}

static void write_pmcntenclr(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    pmu_change(env, &env->pmcnten, env->pmcnten & ~value);
}

static void write_pmovsclr(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->pmovs &= ~value;
}

static void write_pmovsset(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->pmovs |= value & (1ULL << 31);
}

static void write_pmintenset(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->pmintens |= value & (1ULL << 31);
}

static void write_pmintenclr(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->pmintens &= ~value;
}

static uint64_t read_fpcr(CPUARMState *env, const ARMSysReg *ri)
{
    return env->fpcr;
}

static void write_fpcr(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    arm_fpcr_write(env, value);
}

static uint64_t read_fpsr(CPUARMState *env, const ARMSysReg *ri)
{
    return arm_fpsr_read(env);
}

static void write_fpsr(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    arm_fpsr_write(env, value);
}

/* ---- The table ---- */

static ARMSysRegWriteFn arm_sys_tlbi, arm_sys_at;

#define RW(el) .min_el_read = (el), .min_el_write = (el)
#define RO(el) .min_el_read = (el), .min_el_write = ARM_SR_NEVER
#define WO(el) .min_el_read = ARM_SR_NEVER, .min_el_write = (el)
#define ENC(o0, o1, n, m, o2) .op0 = (o0), .op1 = (o1), .crn = (n), .crm = (m), .op2 = (o2)
#define TRANSLATION(f) .offset = ENV(f), .write = write_translation, .flags = ARM_SR_END_TB
#define TIMER(acc) .access = (acc), .read = arm_gt_read_ctl, .write = arm_gt_write_ctl
#define PMU .access = access_pmu

static const ARMSysReg sysregs[] = {
    /* The reserved ID space entry arm_sysreg_find returns (never hashed). */
    { "ID_RAZ", ENC(0xff, 0, 0, 0, 0), RO(1), .kind = ARM_SR_RAZ_WI },

    /* Special-purpose registers (C5.2). */
    { "NZCV", ENC(3, 3, 4, 2, 0), RW(0), .kind = ARM_SR_NZCV },
    { "DAIF", ENC(3, 3, 4, 2, 1), RW(0), .kind = ARM_SR_DAIF, .access = access_uma,
      .read = read_daif, .write = write_daif, .flags = ARM_SR_END_TB },
    { "CurrentEL", ENC(3, 0, 4, 2, 2), RO(1), .kind = ARM_SR_CURRENTEL },
    { "SPSel", ENC(3, 0, 4, 2, 0), RW(1), .kind = ARM_SR_SPSEL, .write = write_spsel,
      .flags = ARM_SR_END_TB },
    { "PAN", ENC(3, 0, 4, 2, 3), RW(1), .feature = ARM_FEATURE_PAN,
      .read = read_pstate_bit, .write = write_pstate_bit, .flags = ARM_SR_END_TB },
    { "UAO", ENC(3, 0, 4, 2, 4), RW(1), .feature = ARM_FEATURE_UAO,
      .read = read_pstate_bit, .write = write_pstate_bit, .flags = ARM_SR_END_TB },
    { "FPCR", ENC(3, 3, 4, 4, 0), RW(0), .read = read_fpcr, .write = write_fpcr,
      .flags = ARM_SR_FP },
    { "FPSR", ENC(3, 3, 4, 4, 1), RW(0), .read = read_fpsr, .write = write_fpsr,
      .flags = ARM_SR_FP },
    { "SP_EL0", ENC(3, 0, 4, 1, 0), RW(1), .offset = ENV(sp_el[0]), .access = access_sp_el0,
      .flags = ARM_SR_CHECK_ALL },
    { "SPSR_EL1", ENC(3, 0, 4, 0, 0), RW(1), .offset = ENV(spsr_el[1]) },
    { "ELR_EL1", ENC(3, 0, 4, 0, 1), RW(1), .offset = ENV(elr_el[1]) },

    /* ID registers (D17.2). */
    { "MIDR_EL1", ENC(3, 0, 0, 0, 0), RO(1), .offset = ISAR(midr) },
    { "MPIDR_EL1", ENC(3, 0, 0, 0, 5), RO(1), .offset = ISAR(mpidr) },
    { "REVIDR_EL1", ENC(3, 0, 0, 0, 6), RO(1), .offset = ISAR(revidr) },
    { "ID_AA64PFR0_EL1", ENC(3, 0, 0, 4, 0), RO(1), .offset = ISAR(id_aa64pfr0) },
    { "ID_AA64PFR1_EL1", ENC(3, 0, 0, 4, 1), RO(1), .offset = ISAR(id_aa64pfr1) },
    { "ID_AA64DFR0_EL1", ENC(3, 0, 0, 5, 0), RO(1), .offset = ISAR(id_aa64dfr0) },
    { "ID_AA64ISAR0_EL1", ENC(3, 0, 0, 6, 0), RO(1), .offset = ISAR(id_aa64isar0) },
    { "ID_AA64ISAR1_EL1", ENC(3, 0, 0, 6, 1), RO(1), .offset = ISAR(id_aa64isar1) },
    { "ID_AA64MMFR0_EL1", ENC(3, 0, 0, 7, 0), RO(1), .offset = ISAR(id_aa64mmfr0) },
    { "ID_AA64MMFR1_EL1", ENC(3, 0, 0, 7, 1), RO(1), .offset = ISAR(id_aa64mmfr1) },
    { "ID_AA64MMFR2_EL1", ENC(3, 0, 0, 7, 2), RO(1), .offset = ISAR(id_aa64mmfr2) },
    { "CTR_EL0", ENC(3, 3, 0, 0, 1), RO(0), .offset = ISAR(ctr), .access = access_uct },
    { "DCZID_EL0", ENC(3, 3, 0, 0, 7), RO(0), .offset = ISAR(dczid) },
    { "CLIDR_EL1", ENC(3, 1, 0, 0, 1), RO(1), .offset = ISAR(clidr) },
    { "CCSIDR_EL1", ENC(3, 1, 0, 0, 0), RO(1), .read = read_ccsidr },
    { "AIDR_EL1", ENC(3, 1, 0, 0, 7), RO(1), .kind = ARM_SR_RAZ_WI },
    { "CSSELR_EL1", ENC(3, 2, 0, 0, 0), RW(1), .offset = ENV(csselr_el1) },

    /* EL1 control and translation (D17.2). */
    { "SCTLR_EL1", ENC(3, 0, 1, 0, 0), RW(1), TRANSLATION(sctlr_el[1]) },
    { "ACTLR_EL1", ENC(3, 0, 1, 0, 1), RW(1), .kind = ARM_SR_RAZ_WI },
    { "CPACR_EL1", ENC(3, 0, 1, 0, 2), RW(1), .offset = ENV(cpacr_el1), .flags = ARM_SR_END_TB },
    { "TTBR0_EL1", ENC(3, 0, 2, 0, 0), RW(1), TRANSLATION(ttbr0_el[1]) },
    { "TTBR1_EL1", ENC(3, 0, 2, 0, 1), RW(1), TRANSLATION(ttbr1_el[1]) },
    { "TCR_EL1", ENC(3, 0, 2, 0, 2), RW(1), TRANSLATION(tcr_el[1]) },
    { "AFSR0_EL1", ENC(3, 0, 5, 1, 0), RW(1), .kind = ARM_SR_RAZ_WI },
    { "AFSR1_EL1", ENC(3, 0, 5, 1, 1), RW(1), .kind = ARM_SR_RAZ_WI },
    { "ESR_EL1", ENC(3, 0, 5, 2, 0), RW(1), .offset = ENV(esr_el[1]) },
    { "FAR_EL1", ENC(3, 0, 6, 0, 0), RW(1), .offset = ENV(far_el[1]) },
    { "PAR_EL1", ENC(3, 0, 7, 4, 0), RW(1), .offset = ENV(par_el1) },
    { "MAIR_EL1", ENC(3, 0, 10, 2, 0), RW(1), .offset = ENV(mair_el[1]) },
    { "AMAIR_EL1", ENC(3, 0, 10, 3, 0), RW(1), .offset = ENV(amair_el1) },
    { "VBAR_EL1", ENC(3, 0, 12, 0, 0), RW(1), .offset = ENV(vbar_el[1]) },
    { "ISR_EL1", ENC(3, 0, 12, 1, 0), RO(1), .read = read_isr },
    { "CONTEXTIDR_EL1", ENC(3, 0, 13, 0, 1), RW(1), .offset = ENV(contextidr_el1) },
    { "TPIDR_EL1", ENC(3, 0, 13, 0, 4), RW(1), .offset = ENV(tpidr_el[1]) },
    { "TPIDR_EL0", ENC(3, 3, 13, 0, 2), RW(0), .offset = ENV(tpidr_el[0]) },
    { "TPIDRRO_EL0", ENC(3, 3, 13, 0, 3), .min_el_read = 0, .min_el_write = 1,
      .offset = ENV(tpidrro_el0) },

    /* Debug (D17.3): what Linux touches at boot. */
    { "MDSCR_EL1", ENC(2, 0, 0, 2, 2), RW(1), .offset = ENV(mdscr_el1) },
    { "MDCCINT_EL1", ENC(2, 0, 0, 2, 0), RW(1), .offset = ENV(mdccint_el1) },
    { "MDRAR_EL1", ENC(2, 0, 1, 0, 0), RO(1), .kind = ARM_SR_RAZ_WI },
    { "OSLAR_EL1", ENC(2, 0, 1, 0, 4), WO(1), .write = write_oslar },
    { "OSLSR_EL1", ENC(2, 0, 1, 1, 4), RO(1), .read = read_oslsr },
    { "OSDLR_EL1", ENC(2, 0, 1, 3, 4), RW(1), .offset = ENV(osdlr_el1) },
    { "DBGBVR0_EL1", ENC(2, 0, 0, 0, 4), RW(1), .offset = ENV(dbgbvr0) },
    { "DBGBCR0_EL1", ENC(2, 0, 0, 0, 5), RW(1), .offset = ENV(dbgbcr0) },
    { "DBGWVR0_EL1", ENC(2, 0, 0, 0, 6), RW(1), .offset = ENV(dbgwvr0) },
    { "DBGWCR0_EL1", ENC(2, 0, 0, 0, 7), RW(1), .offset = ENV(dbgwcr0) },

    /* PMU (D17.5): the cycle counter and the controls Linux probes. */
    { "PMCR_EL0", ENC(3, 3, 9, 12, 0), RW(0), PMU, .read = read_pmcr, .write = write_pmcr },
    { "PMCNTENSET_EL0", ENC(3, 3, 9, 12, 1), RW(0), PMU, .read = read_pmcnten,
      .write = write_pmcntenset },
    { "PMCNTENCLR_EL0", ENC(3, 3, 9, 12, 2), RW(0), PMU, .read = read_pmcnten,
      .write = write_pmcntenclr },
    { "PMOVSCLR_EL0", ENC(3, 3, 9, 12, 3), RW(0), PMU, .offset = ENV(pmovs),
      .write = write_pmovsclr },
    { "PMSELR_EL0", ENC(3, 3, 9, 12, 5), RW(0), PMU, .offset = ENV(pmselr) },
    { "PMCEID0_EL0", ENC(3, 3, 9, 12, 6), RO(0), PMU, .kind = ARM_SR_RAZ_WI },
    { "PMCEID1_EL0", ENC(3, 3, 9, 12, 7), RO(0), PMU, .kind = ARM_SR_RAZ_WI },
    { "PMCCNTR_EL0", ENC(3, 3, 9, 13, 0), RW(0), PMU, .read = read_pmccntr,
      .write = write_pmccntr },
    { "PMUSERENR_EL0", ENC(3, 3, 9, 14, 0), .min_el_read = 0, .min_el_write = 1,
      .offset = ENV(pmuserenr) },
    { "PMOVSSET_EL0", ENC(3, 3, 9, 14, 3), RW(0), PMU, .offset = ENV(pmovs),
      .write = write_pmovsset },
    { "PMCCFILTR_EL0", ENC(3, 3, 14, 15, 7), RW(0), PMU, .offset = ENV(pmccfiltr) },
    { "PMINTENSET_EL1", ENC(3, 0, 9, 14, 1), RW(1), .offset = ENV(pmintens),
      .write = write_pmintenset },
    { "PMINTENCLR_EL1", ENC(3, 0, 9, 14, 2), RW(1), .offset = ENV(pmintens),
      .write = write_pmintenclr },

    /* The generic timer (D11, D17.8). CNTFRQ_EL0 is writable at the highest EL. */
    { "CNTFRQ_EL0", ENC(3, 3, 14, 0, 0), RW(0), .offset = ENV(cntfrq_el0),
      .access = arm_gt_access_cntfrq },
    { "CNTPCT_EL0", ENC(3, 3, 14, 0, 1), RO(0), .access = arm_gt_access_cntpct,
      .read = arm_gt_read_cntpct },
    { "CNTVCT_EL0", ENC(3, 3, 14, 0, 2), RO(0), .access = arm_gt_access_cntvct,
      .read = arm_gt_read_cntvct },
    { "CNTKCTL_EL1", ENC(3, 0, 14, 1, 0), RW(1), .offset = ENV(cntkctl_el1) },
    { "CNTP_TVAL_EL0", ENC(3, 3, 14, 2, 0), RW(0), .access = arm_gt_access_ptimer,
      .read = arm_gt_read_tval, .write = arm_gt_write_tval },
    { "CNTP_CTL_EL0", ENC(3, 3, 14, 2, 1), RW(0), TIMER(arm_gt_access_ptimer) },
    { "CNTP_CVAL_EL0", ENC(3, 3, 14, 2, 2), RW(0), .access = arm_gt_access_ptimer,
      .read = arm_gt_read_cval, .write = arm_gt_write_cval },
    { "CNTV_TVAL_EL0", ENC(3, 3, 14, 3, 0), RW(0), .access = arm_gt_access_vtimer,
      .read = arm_gt_read_tval, .write = arm_gt_write_tval },
    { "CNTV_CTL_EL0", ENC(3, 3, 14, 3, 1), RW(0), TIMER(arm_gt_access_vtimer) },
    { "CNTV_CVAL_EL0", ENC(3, 3, 14, 3, 2), RW(0), .access = arm_gt_access_vtimer,
      .read = arm_gt_read_cval, .write = arm_gt_write_cval },

    /* EL2 (when implemented). */
    { "HCR_EL2", ENC(3, 4, 1, 1, 0), RW(2), .feature = ARM_FEATURE_EL2,
      TRANSLATION(hcr_el2) },
    { "SCTLR_EL2", ENC(3, 4, 1, 0, 0), RW(2), .feature = ARM_FEATURE_EL2,
      TRANSLATION(sctlr_el[2]) },
    { "TTBR0_EL2", ENC(3, 4, 2, 0, 0), RW(2), .feature = ARM_FEATURE_EL2,
      TRANSLATION(ttbr0_el[2]) },
    { "TCR_EL2", ENC(3, 4, 2, 0, 2), RW(2), .feature = ARM_FEATURE_EL2,
      TRANSLATION(tcr_el[2]) },
    { "VTTBR_EL2", ENC(3, 4, 2, 1, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(vttbr_el2) },
    { "VTCR_EL2", ENC(3, 4, 2, 1, 2), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(vtcr_el2) },
    { "SPSR_EL2", ENC(3, 4, 4, 0, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(spsr_el[2]) },
    { "ELR_EL2", ENC(3, 4, 4, 0, 1), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(elr_el[2]) },
    { "SP_EL1", ENC(3, 4, 4, 1, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(sp_el[1]) },
    { "ESR_EL2", ENC(3, 4, 5, 2, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(esr_el[2]) },
    { "FAR_EL2", ENC(3, 4, 6, 0, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(far_el[2]) },
    { "MAIR_EL2", ENC(3, 4, 10, 2, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(mair_el[2]) },
    { "VBAR_EL2", ENC(3, 4, 12, 0, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(vbar_el[2]) },
    { "TPIDR_EL2", ENC(3, 4, 13, 0, 2), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(tpidr_el[2]) },
    { "CNTVOFF_EL2", ENC(3, 4, 14, 0, 3), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(cntvoff_el2) },

    /* EL3 (when implemented). */
    { "SCR_EL3", ENC(3, 6, 1, 1, 0), RW(3), .feature = ARM_FEATURE_EL3,
      TRANSLATION(scr_el3) },
    { "SCTLR_EL3", ENC(3, 6, 1, 0, 0), RW(3), .feature = ARM_FEATURE_EL3,
      TRANSLATION(sctlr_el[3]) },
    { "TTBR0_EL3", ENC(3, 6, 2, 0, 0), RW(3), .feature = ARM_FEATURE_EL3,
      TRANSLATION(ttbr0_el[3]) },
    { "TCR_EL3", ENC(3, 6, 2, 0, 2), RW(3), .feature = ARM_FEATURE_EL3,
      TRANSLATION(tcr_el[3]) },
    { "SPSR_EL3", ENC(3, 6, 4, 0, 0), RW(3), .feature = ARM_FEATURE_EL3,
      .offset = ENV(spsr_el[3]) },
    { "ELR_EL3", ENC(3, 6, 4, 0, 1), RW(3), .feature = ARM_FEATURE_EL3,
      .offset = ENV(elr_el[3]) },
    { "SP_EL2", ENC(3, 6, 4, 1, 0), RW(3), .feature = ARM_FEATURE_EL3,
      .offset = ENV(sp_el[2]) },
    { "ESR_EL3", ENC(3, 6, 5, 2, 0), RW(3), .feature = ARM_FEATURE_EL3,
      .offset = ENV(esr_el[3]) },
    { "FAR_EL3", ENC(3, 6, 6, 0, 0), RW(3), .feature = ARM_FEATURE_EL3,
      .offset = ENV(far_el[3]) },
    { "MAIR_EL3", ENC(3, 6, 10, 2, 0), RW(3), .feature = ARM_FEATURE_EL3,
      .offset = ENV(mair_el[3]) },
    { "VBAR_EL3", ENC(3, 6, 12, 0, 0), RW(3), .feature = ARM_FEATURE_EL3,
      .offset = ENV(vbar_el[3]) },
    { "TPIDR_EL3", ENC(3, 6, 13, 0, 2), RW(3), .feature = ARM_FEATURE_EL3,
      .offset = ENV(tpidr_el[3]) },

    /* Cache maintenance (C5.3): no caches are modelled, so they do nothing. */
    { "IC IALLUIS", ENC(1, 0, 7, 1, 0), WO(1), .kind = ARM_SR_NOP },
    { "IC IALLU", ENC(1, 0, 7, 5, 0), WO(1), .kind = ARM_SR_NOP },
    { "IC IVAU", ENC(1, 3, 7, 5, 1), WO(0), .kind = ARM_SR_NOP, .access = access_uci },
    { "DC IVAC", ENC(1, 0, 7, 6, 1), WO(1), .kind = ARM_SR_NOP },
    { "DC ISW", ENC(1, 0, 7, 6, 2), WO(1), .kind = ARM_SR_NOP },
    { "DC CSW", ENC(1, 0, 7, 10, 2), WO(1), .kind = ARM_SR_NOP },
    { "DC CISW", ENC(1, 0, 7, 14, 2), WO(1), .kind = ARM_SR_NOP },
    { "DC CVAC", ENC(1, 3, 7, 10, 1), WO(0), .kind = ARM_SR_NOP, .access = access_uci },
    { "DC CVAU", ENC(1, 3, 7, 11, 1), WO(0), .kind = ARM_SR_NOP, .access = access_uci },
    { "DC CVAP", ENC(1, 3, 7, 12, 1), WO(0), .kind = ARM_SR_NOP, .access = access_uci },
    { "DC CIVAC", ENC(1, 3, 7, 14, 1), WO(0), .kind = ARM_SR_NOP, .access = access_uci },
    { "DC ZVA", ENC(1, 3, 7, 4, 1), WO(0), .kind = ARM_SR_DC_ZVA, .access = access_dze },

    /* Address translation (C5.4) and TLB maintenance (C5.5): helpers in this file. */
    { "AT S1E1R", ENC(1, 0, 7, 8, 0), WO(1), .write = arm_sys_at },
    { "AT S1E1W", ENC(1, 0, 7, 8, 1), WO(1), .write = arm_sys_at },
    { "AT S1E0R", ENC(1, 0, 7, 8, 2), WO(1), .write = arm_sys_at },
    { "AT S1E0W", ENC(1, 0, 7, 8, 3), WO(1), .write = arm_sys_at },
    { "TLBI VMALLE1IS", ENC(1, 0, 8, 3, 0), WO(1), .write = arm_sys_tlbi },
    { "TLBI VAE1IS", ENC(1, 0, 8, 3, 1), WO(1), .write = arm_sys_tlbi },
    { "TLBI ASIDE1IS", ENC(1, 0, 8, 3, 2), WO(1), .write = arm_sys_tlbi },
    { "TLBI VAAE1IS", ENC(1, 0, 8, 3, 3), WO(1), .write = arm_sys_tlbi },
    { "TLBI VALE1IS", ENC(1, 0, 8, 3, 5), WO(1), .write = arm_sys_tlbi },
    { "TLBI VAALE1IS", ENC(1, 0, 8, 3, 7), WO(1), .write = arm_sys_tlbi },
    { "TLBI VMALLE1", ENC(1, 0, 8, 7, 0), WO(1), .write = arm_sys_tlbi },
    { "TLBI VAE1", ENC(1, 0, 8, 7, 1), WO(1), .write = arm_sys_tlbi },
    { "TLBI ASIDE1", ENC(1, 0, 8, 7, 2), WO(1), .write = arm_sys_tlbi },
    { "TLBI VAAE1", ENC(1, 0, 8, 7, 3), WO(1), .write = arm_sys_tlbi },
    { "TLBI VALE1", ENC(1, 0, 8, 7, 5), WO(1), .write = arm_sys_tlbi },
    { "TLBI VAALE1", ENC(1, 0, 8, 7, 7), WO(1), .write = arm_sys_tlbi },
};

static GHashTable *sysreg_map;      /* encoding key -> index + 1 */
static GOnce sysreg_once = G_ONCE_INIT;

static unsigned encoding_key(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                             unsigned op2)
{
    return 1u << 20 | op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2;
}

static gpointer build_sysreg_map(gpointer unused)
{
    sysreg_map = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (size_t i = 1; i < ARRAY_SIZE(sysregs); i++) {
        const ARMSysReg *ri = &sysregs[i];
        gpointer key = GUINT_TO_POINTER(encoding_key(ri->op0, ri->op1, ri->crn, ri->crm,
                                                     ri->op2));

        /* Two lines for one encoding is a typo in the table. */
        assert(!g_hash_table_contains(sysreg_map, key));
        g_hash_table_insert(sysreg_map, key, GUINT_TO_POINTER(i + 1));
    }
    return NULL;
}

const ARMSysReg *arm_sysreg_find(const ARMCPU *cpu, unsigned op0, unsigned op1, unsigned crn,
                                 unsigned crm, unsigned op2)
{
    unsigned idx;

    g_once(&sysreg_once, build_sysreg_map, NULL);
    idx = GPOINTER_TO_UINT(g_hash_table_lookup(sysreg_map, GUINT_TO_POINTER(
                                               encoding_key(op0, op1, crn, crm, op2))));
    if (idx) {
        const ARMSysReg *ri = &sysregs[idx - 1];

        return !ri->feature || arm_feature(cpu, ri->feature) ? ri : NULL;
    }
    if (op0 == 3 && op1 == 0 && crn == 0 && crm >= 1 && crm <= 7) {
        return &sysregs[0];
    }
    /* The GICv3 CPU interface's ICC_* registers, with their own table. */
    return cpu->gicv3_cpuif ? gicv3_cpuif_find(op0, op1, crn, crm, op2) : NULL;
}

/* Indexes past this table are the GICv3 CPU interface's (gicv3-cpuif.c). */
unsigned arm_sysreg_index(const ARMSysReg *ri)
{
    unsigned icc;

    return gicv3_cpuif_sysreg_index(ri, &icc) ? ARRAY_SIZE(sysregs) + icc
                                              : (unsigned)(ri - sysregs);
}

static const ARMSysReg *sysreg_at(uint32_t index)
{
    return index < ARRAY_SIZE(sysregs) ? &sysregs[index]
                                       : gicv3_cpuif_sysreg(index - ARRAY_SIZE(sysregs));
}

/* ---- The helpers ---- */

uint64_t helper_sysreg_read(void *opaque, uint32_t index)
{
    CPUARMState *env = opaque;
    const ARMSysReg *ri = sysreg_at(index);

    if (ri->read) {
        return ri->read(env, ri);
    }
    return *(uint64_t *)((char *)env + ri->offset);
}

const TCGHelperInfo helper_info_sysreg_read = {
    .func = helper_sysreg_read, .name = "sysreg_read", .flags = TCG_CALL_NO_WRITE_GLOBALS,
    .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};

void helper_sysreg_write(void *opaque, uint32_t index, uint64_t value)
{
    CPUARMState *env = opaque;
    const ARMSysReg *ri = sysreg_at(index);

    if (ri->write) {
        ri->write(env, ri, value);
    } else {
        *(uint64_t *)((char *)env + ri->offset) = value;
    }
}

/* Writes may move SP between banks (SPSel), so the globals are re-read after. */
const TCGHelperInfo helper_info_sysreg_write = {
    .func = helper_sysreg_write, .name = "sysreg_write",
    .nb_args = 3, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32, TCG_TYPE_I64 },
};

/* Raises UNDEFINED (EC 0) or the EC 0x18 trap; the generated code has set the PC. */
static KOINE_NORETURN void raise_sys_exception(CPUARMState *env, ARMSysRegAccess result,
                                               uint32_t syndrome)
{
    unsigned el = arm_current_el(env);

    env->exception.syndrome = result == ARM_ACCESS_TRAP ? syndrome : syn_uncategorized();
    env->exception.target_el = MAX(el, 1u);
    env_cpu(env)->exception_index = EXCP_UDEF;
    cpu_loop_exit(env_cpu(env));
}

void helper_sysreg_access(void *opaque, uint32_t index, uint32_t syndrome)
{
    CPUARMState *env = opaque;
    const ARMSysReg *ri = sysreg_at(index);
    ARMSysRegAccess result = ri->access(env, syndrome & 1);

    if (result != ARM_ACCESS_OK) {
        raise_sys_exception(env, result, syndrome);
    }
}

const TCGHelperInfo helper_info_sysreg_access = {
    .func = helper_sysreg_access, .name = "sysreg_access", .flags = TCG_CALL_NO_WRITE_GLOBALS,
    .nb_args = 3, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32, TCG_TYPE_I32 },
};

/* MSR (immediate), ARM ARM C6.2.230: the PSTATE fields. */
void helper_msr_imm(void *opaque, uint32_t op, uint32_t imm, uint32_t syndrome)
{
    CPUARMState *env = opaque;
    uint32_t old = env->pstate;

    switch (op) {
    case 0x03:      /* UAO */
        env->pstate = imm & 1 ? old | PSTATE_UAO : old & ~PSTATE_UAO;
        break;
    case 0x04:      /* PAN */
        env->pstate = imm & 1 ? old | PSTATE_PAN : old & ~PSTATE_PAN;
        break;
    case 0x05:      /* SPSel */
        env->pstate = imm & 1 ? old | PSTATE_SP : old & ~PSTATE_SP;
        arm_switch_sp(env, old);
        break;
    case 0x1e:      /* DAIFSet */
    case 0x1f:      /* DAIFClr */
        if (arm_current_el(env) == 0 && !(env->sctlr_el[1] & SCTLR_UMA)) {
            raise_sys_exception(env, ARM_ACCESS_TRAP, syndrome);
        }
        if (op == 0x1e) {
            env->pstate |= (imm & 0xf) << 6;
        } else {
            env->pstate &= ~((imm & 0xf) << 6);
        }
        break;
    default:
        g_assert_not_reached();
    }
}

const TCGHelperInfo helper_info_msr_imm = {
    .func = helper_msr_imm, .name = "msr_imm",
    .nb_args = 4, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32, TCG_TYPE_I32, TCG_TYPE_I32 },
};

/* DC ZVA (C5.3.17): the block size is DCZID_EL0.BS = 4, 64 bytes, aligned. */
void helper_dc_zva(void *opaque, uint64_t addr, uint32_t mmu_idx)
{
    CPUARMState *env = opaque;
    CPUState *cs = env_cpu(env);
    uintptr_t ra = TCG_GETPC();
    uint64_t block = addr & ~(uint64_t)63;
    void *host = tlb_probe(cs, block, 64, MMU_DATA_STORE, mmu_idx, false, ra);

    if (host) {
        memset(host, 0, 64);
        return;
    }
    /* MMIO or a page holding code: through the slow path, 8 bytes at a time. */
    for (unsigned i = 0; i < 64; i += 8) {
        guest_store(cs, block + i, 0, make_memop_idx(MO_LEUQ, mmu_idx), ra);
    }
}

const TCGHelperInfo helper_info_dc_zva = {
    .func = helper_dc_zva, .name = "dc_zva", .flags = TCG_CALL_NO_WRITE_GLOBALS,
    .nb_args = 3, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I32 },
};

/* ---- TLB maintenance and address translation ---- */

/*
 * TLBI (C5.5): Koine's TLB holds no ASIDs, so by-ASID operations flush the
 * whole EL1&0 regime and by-VA ones the page in every ASID. The Inner
 * Shareable forms reach every vCPU: the others flush at their next TB.
 */
static void arm_sys_tlbi(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    CPUState *self = env_cpu(env);
    bool by_va = ri->op2 != 0 && ri->op2 != 2;
    bool inner_shareable = ri->crm == 3;
    /* VA[55:12] in bits [43:0], sign-extended from bit 55 (D8.13). */
    uint64_t va = (uint64_t)sextract64(value << 12, 0, 56);

    if (by_va) {
        tlb_flush_page_by_mmuidx(self, va, EL10_IDXMAP);
    } else {
        tlb_flush_by_mmuidx(self, EL10_IDXMAP);
    }
    if (inner_shareable) {
        CPUState *const *cpus = tcg_accel_cpus();

        for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
            if (cpus[i] != self) {
                tlb_flush_async(cpus[i], EL10_IDXMAP);
            }
        }
    }
}

/*
 * AT S1E1R/W, S1E0R/W (C5.4): the stage 1 walk as a probe, the result in
 * PAR_EL1 (D17.2.99). Bit 11 is RES1 in both formats. On success: F = 0,
 * PA[47:12], ATTR (bits [63:56]) the MAIR byte of the descriptor's
 * AttrIndx, SH (bits [8:7]) its shareability, except that Device and
 * Normal Non-cacheable memory always report Outer Shareable (0b10). On
 * failure: F = 1 and the fault status code in FST (bits [6:1]). With the
 * MMU off, data accesses are Device-nGnRnE (D8.2.10) and an address above
 * the 48-bit PA range is an address size fault at level 0.
 */
#define PAR_RES1        (1ULL << 11)
#define PAR_SH_OUTER    2u

static uint64_t par_fault(uint32_t fsc)
{
    return PAR_RES1 | (fsc & 0x3f) << 1 | 1;
}

static uint64_t par_success(uint64_t pa, uint8_t memattr, unsigned sh)
{
    bool device = (memattr & 0xf0) == 0;
    bool non_cacheable = memattr == 0x44;

    if (device || non_cacheable) {
        sh = PAR_SH_OUTER;
    }
    return (uint64_t)memattr << 56 | (pa & 0xfffffffff000ULL) | PAR_RES1 | (uint64_t)sh << 7;
}

static void arm_sys_at(CPUARMState *env, const ARMSysReg *ri, uint64_t va)
{
    CPUState *cs = env_cpu(env);
    unsigned mmu_idx = ri->op2 >= 2 ? ARM_MMU_IDX_EL10_0 : ARM_MMU_IDX_EL10_1;
    MMUAccessType access = ri->op2 & 1 ? MMU_DATA_STORE : MMU_DATA_LOAD;
    ARMTranslation tr;

    if (!(env->sctlr_el[1] & 1)) {
        env->par_el1 = va >> 48 ? par_fault(0x00) : par_success(va, 0x00, PAR_SH_OUTER);
        return;
    }
    if (arm_stage1_walk(cs, va, access, mmu_idx, &tr)) {
        env->par_el1 = par_success(tr.paddr, tr.memattr, tr.shareability);
    } else {
        env->par_el1 = par_fault(tr.fsc);
    }
}
