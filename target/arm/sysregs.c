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
#include "util/log.h"

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

/* SP_EL0 is UNDEFINED while it is the current stack pointer (ARM ARM C5.2.16). */
static ARMSysRegAccess access_sp_el0(CPUARMState *env, bool is_read)
{
    return env->pstate & PSTATE_SP ? ARM_ACCESS_OK : ARM_ACCESS_UNDEF;
}

/*
 * Traps of EL0/EL1 accesses to EL2 by HCR_EL2 (ARM ARM D13.2.46): TVM and
 * TRVM (writes and reads of the EL1 MMU controls), TID1/2/3 (ID
 * registers), TACR (ACTLR_EL1), TSW/TPC/TPU (cache maintenance by
 * set/way, to the point of coherency, to the point of unification), TDZ
 * (DC ZVA), TIDCP (IMPLEMENTATION DEFINED registers). TID0 traps AArch32
 * registers only.
 */
static ARMSysRegAccess hcr_trap(CPUARMState *env, uint64_t bits)
{
    if (arm_current_el(env) <= 1 && (arm_hcr_el2_eff(env) & bits)) {
        return ARM_ACCESS_TRAP_EL2;
    }
    return ARM_ACCESS_OK;
}

static ARMSysRegAccess access_tvm(CPUARMState *env, bool is_read)
{
    return hcr_trap(env, is_read ? HCR_TRVM : HCR_TVM);
}

static ARMSysRegAccess access_tid1(CPUARMState *env, bool is_read)
{
    return hcr_trap(env, HCR_TID1);
}

static ARMSysRegAccess access_tid2(CPUARMState *env, bool is_read)
{
    return hcr_trap(env, HCR_TID2);
}

static ARMSysRegAccess access_tid3(CPUARMState *env, bool is_read)
{
    return hcr_trap(env, HCR_TID3);
}

static ARMSysRegAccess access_tacr(CPUARMState *env, bool is_read)
{
    return hcr_trap(env, HCR_TACR);
}

static ARMSysRegAccess access_tsw(CPUARMState *env, bool is_read)
{
    return hcr_trap(env, HCR_TSW);
}

/* EL0's own control first (SCTLR_EL1.UCI/UCT/DZE), then the EL2 one. */
static ARMSysRegAccess access_el0_then_hcr(CPUARMState *env, uint64_t sctlr_bit, uint64_t hcr)
{
    if (arm_current_el(env) == 0 && !(env->sctlr_el[1] & sctlr_bit)) {
        return ARM_ACCESS_TRAP;
    }
    return hcr_trap(env, hcr);
}

static ARMSysRegAccess access_tpc(CPUARMState *env, bool is_read)
{
    return access_el0_then_hcr(env, SCTLR_UCI, HCR_TPC);
}

static ARMSysRegAccess access_tpu(CPUARMState *env, bool is_read)
{
    return access_el0_then_hcr(env, SCTLR_UCI, HCR_TPU);
}

static ARMSysRegAccess access_ctr(CPUARMState *env, bool is_read)
{
    return access_el0_then_hcr(env, SCTLR_UCT, HCR_TID2);
}

static ARMSysRegAccess access_dc_zva(CPUARMState *env, bool is_read)
{
    return access_el0_then_hcr(env, SCTLR_DZE, 1ULL << 28 /* HCR_EL2.TDZ */);
}

/*
 * IMPLEMENTATION DEFINED registers (op0 3, CRn 11 or 15): Koine has none,
 * so they are UNDEFINED, except that HCR_EL2.TIDCP traps EL1 accesses to
 * EL2 (arm_sysreg_find returns this line for them).
 */
static ARMSysRegAccess access_impdef(CPUARMState *env, bool is_read)
{
    return arm_current_el(env) == 1 && (arm_hcr_el2_eff(env) & HCR_TIDCP)
           ? ARM_ACCESS_TRAP_EL2 : ARM_ACCESS_UNDEF;
}

/* CPACR_EL1 from EL1: CPTR_EL2.TCPAC traps to EL2, CPTR_EL3.TCPAC to EL3 (D13.2.30/31). */
static ARMSysRegAccess access_cpacr(CPUARMState *env, bool is_read)
{
    if (arm_current_el(env) == 1 && arm_el2_enabled(env) && (env->cptr_el2 & CPTR_TCPAC)) {
        return ARM_ACCESS_TRAP_EL2;
    }
    if (arm_feature(env_arm_cpu(env), ARM_FEATURE_EL3) && (env->cptr_el3 & CPTR_TCPAC)) {
        return ARM_ACCESS_TRAP_EL3;
    }
    return ARM_ACCESS_OK;
}

/* CPTR_EL2 from EL2: CPTR_EL3.TCPAC traps to EL3. */
static ARMSysRegAccess access_cptr_el2(CPUARMState *env, bool is_read)
{
    if (arm_feature(env_arm_cpu(env), ARM_FEATURE_EL3) && (env->cptr_el3 & CPTR_TCPAC)) {
        return ARM_ACCESS_TRAP_EL3;
    }
    return ARM_ACCESS_OK;
}

/* RVBAR_EL2 exists when EL2 is the highest EL (D13.2.111). */
static ARMSysRegAccess access_rvbar_el2(CPUARMState *env, bool is_read)
{
    return arm_feature(env_arm_cpu(env), ARM_FEATURE_EL3) ? ARM_ACCESS_UNDEF : ARM_ACCESS_OK;
}

/* PMUSERENR_EL0.EN opens the PMU to EL0 (ARM ARM D17.5.17). */
static ARMSysRegAccess access_pmu(CPUARMState *env, bool is_read)
{
    return env->pmuserenr & 1 ? ARM_ACCESS_OK : ARM_ACCESS_TRAP;
}

/* ---- Read and write functions ---- */

/*
 * The ASID of the EL1&0 regime (ARM ARM D17.2.131 TCR_EL1.A1 and .AS): in
 * TTBR1_EL1 or TTBR0_EL1 bits [63:48]; 16 bits of it only with TCR_EL1.AS
 * on a CPU whose ID_AA64MMFR0.ASIDBits says it has them (AS is RES0 else).
 */
static uint64_t el10_asid(CPUARMState *env)
{
    uint64_t tcr = env->tcr_el[1];
    uint64_t ttbr = tcr & (1ull << 22) ? env->ttbr1_el[1] : env->ttbr0_el[1];
    bool wide = (tcr & (1ull << 36)) && extract64(env_arm_cpu(env)->isar.id_aa64mmfr0, 4, 4) == 2;

    return wide ? ttbr >> 48 : (ttbr >> 48) & 0xff;
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

/*
 * ISR_EL1 (D13.2.62): at EL0/EL1 with HCR_EL2.IMO/FMO, I and F are the
 * virtual interrupts' pending state; otherwise the physical lines.
 */
static uint64_t read_isr(CPUARMState *env, const ARMSysReg *ri)
{
    uint32_t req = env_cpu(env)->interrupt_request;
    uint64_t hcr = arm_current_el(env) <= 1 ? arm_hcr_el2_eff(env) : 0;
    uint32_t irq = hcr & HCR_IMO ? CPU_INTERRUPT_VIRQ : CPU_INTERRUPT_HARD;
    uint32_t fiq = hcr & HCR_FMO ? CPU_INTERRUPT_VFIQ : CPU_INTERRUPT_FIQ;

    return (req & irq ? 1u << 7 : 0) | (req & fiq ? 1u << 6 : 0);
}

/* MIDR_EL1/MPIDR_EL1 at EL1 (and EL0) read VPIDR_EL2/VMPIDR_EL2 when EL2 is enabled. */
static uint64_t read_midr(CPUARMState *env, const ARMSysReg *ri)
{
    bool virt = arm_current_el(env) <= 1 && arm_el2_enabled(env);

    if (ri->op2 == 5) {
        return virt ? env->vmpidr_el2 : env_arm_cpu(env)->isar.mpidr;
    }
    return virt ? env->vpidr_el2 : env_arm_cpu(env)->isar.midr;
}

static uint64_t read_rvbar(CPUARMState *env, const ARMSysReg *ri)
{
    return env_arm_cpu(env)->rvbar;
}

/* RMR_EL3 (D13.2.112): AA64 reads 1 (AArch64 only); a reset request is not modelled. */
static uint64_t read_rmr(CPUARMState *env, const ARMSysReg *ri)
{
    return 1;
}

static void write_rmr(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    if (value & 2) {
        log_mask(log_unimp, "RMR_EL3.RR: warm reset request ignored\n");
    }
}

/*
 * HCR_EL2 (D13.2.46): the ARMv8.0 bits; RW is RAO/WI (EL1 is AArch64
 * only), HCD RES0 with EL3. A change of VI/VF raises or drops the virtual
 * interrupt; a change of anything may change translation (VM, DC, TGE ...):
 * flush the TLB.
 */
static void write_hcr_el2(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    uint64_t valid = HCR_VALID_V80;

    if (arm_feature(env_arm_cpu(env), ARM_FEATURE_EL3)) {
        valid &= ~HCR_HCD;
    }
    value = (value & valid) | HCR_RW;
    if (env->hcr_el2 != value) {
        env->hcr_el2 = value;
        tlb_flush(env_cpu(env));
    }
    arm_update_virtual_irqs(env);
}

/* SCR_EL3 (D13.2.113): the ARMv8.0 bits; bits 5:4 RES1, RW RAO/WI (no AArch32). */
static void write_scr_el3(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    value = (value & (SCR_NS | SCR_IRQ | SCR_FIQ | SCR_EA | SCR_SMD | SCR_HCE | SCR_SIF |
                      SCR_ST | SCR_TWI | SCR_TWE)) | SCR_RES1 | SCR_RW;
    if (env->scr_el3 != value) {
        env->scr_el3 = value;
        /* NS changes the Security state, and with it what HCR_EL2 does. */
        tlb_flush(env_cpu(env));
    }
}

/* CPTR_EL2 (D13.2.30, without VHE): TCPAC, TTA, TFP; bits 13:12 and 9:0 RES1. */
static void write_cptr_el2(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->cptr_el2 = (value & (CPTR_TCPAC | CPTR_TTA | CPTR_TFP)) | 0x33ff;
}

static void write_cptr_el3(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->cptr_el3 = value & (CPTR_TCPAC | CPTR_TTA | CPTR_TFP);
}

/* MDCR_EL2 (D13.3.12): HPMN, TPMCR, TPM, HPME, TDE, TDA, TDOSA, TDRA. */
static void write_mdcr_el2(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->mdcr_el2 = value & 0xfff;
}

/* MDCR_EL3 (D13.3.13): TPM, TDA, TDOSA, SPD32, SDD, SPME, EDAD, EPMAD. */
static void write_mdcr_el3(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->mdcr_el3 = value & 0x33c640;
}

/* CNTHCTL_EL2 (D13.8.7, without VHE): EL1PCTEN, EL1PCEN, EVNTEN, EVNTDIR, EVNTI. */
static void write_cnthctl(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->cnthctl_el2 = value & 0xff;
}

static void write_vmpidr(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->vmpidr_el2 = (value & 0xff41ffffffULL) | 1ULL << 31;    /* Aff3..0, U, MT; RES1 */
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

static ARMSysRegWriteFn arm_sys_tlbi, arm_sys_tlbi_el2, arm_sys_tlbi_el3, arm_sys_at;
static ARMSysRegWriteFn write_stage2_control;
static ARMSysRegAccessFn access_at;

#define RW(el) .min_el_read = (el), .min_el_write = (el)
#define RO(el) .min_el_read = (el), .min_el_write = ARM_SR_NEVER
#define WO(el) .min_el_read = ARM_SR_NEVER, .min_el_write = (el)
#define ENC(o0, o1, n, m, o2) .op0 = (o0), .op1 = (o1), .crn = (n), .crm = (m), .op2 = (o2)
#define TRANSLATION(f) .offset = ENV(f), .write = write_translation, .flags = ARM_SR_END_TB
/* An EL1 MMU control: trapped to EL2 by HCR_EL2.TVM/TRVM. */
#define TRANSLATION_TVM(f) .offset = ENV(f), .write = write_translation, .access = access_tvm, \
                           .flags = ARM_SR_END_TB | ARM_SR_EL2_TRAPS
#define TVM .access = access_tvm, .flags = ARM_SR_EL2_TRAPS
#define TID3 .access = access_tid3, .flags = ARM_SR_EL2_TRAPS
#define TIMER(acc) .access = (acc), .read = arm_gt_read_ctl, .write = arm_gt_write_ctl
#define PMU .access = access_pmu
#define AT .write = arm_sys_at, .access = access_at, .flags = ARM_SR_CHECK_ALL
#define TLBI_EL2 .write = arm_sys_tlbi_el2, .feature = ARM_FEATURE_EL2
#define TLBI_EL3 .write = arm_sys_tlbi_el3, .feature = ARM_FEATURE_EL3

static const ARMSysReg sysregs[] = {
    /* The reserved ID space entry arm_sysreg_find returns (never hashed). */
    { "ID_RAZ", ENC(0xff, 0, 0, 0, 0), RO(1), .kind = ARM_SR_RAZ_WI, .access = access_tid3,
      .flags = ARM_SR_EL2_TRAPS },
    /* The IMPLEMENTATION DEFINED space entry (op0 3, CRn 11/15): never hashed. */
    { "IMPDEF", ENC(0xff, 0, 1, 0, 0), RW(1), .kind = ARM_SR_RAZ_WI, .access = access_impdef,
      .flags = ARM_SR_CHECK_ALL },

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
    { "MIDR_EL1", ENC(3, 0, 0, 0, 0), RO(1), .read = read_midr },
    { "MPIDR_EL1", ENC(3, 0, 0, 0, 5), RO(1), .read = read_midr },
    { "REVIDR_EL1", ENC(3, 0, 0, 0, 6), RO(1), .offset = ISAR(revidr), .access = access_tid1,
      .flags = ARM_SR_EL2_TRAPS },
    { "ID_AA64PFR0_EL1", ENC(3, 0, 0, 4, 0), RO(1), .offset = ISAR(id_aa64pfr0), TID3 },
    { "ID_AA64PFR1_EL1", ENC(3, 0, 0, 4, 1), RO(1), .offset = ISAR(id_aa64pfr1), TID3 },
    { "ID_AA64DFR0_EL1", ENC(3, 0, 0, 5, 0), RO(1), .offset = ISAR(id_aa64dfr0), TID3 },
    { "ID_AA64ISAR0_EL1", ENC(3, 0, 0, 6, 0), RO(1), .offset = ISAR(id_aa64isar0), TID3 },
    { "ID_AA64ISAR1_EL1", ENC(3, 0, 0, 6, 1), RO(1), .offset = ISAR(id_aa64isar1), TID3 },
    { "ID_AA64MMFR0_EL1", ENC(3, 0, 0, 7, 0), RO(1), .offset = ISAR(id_aa64mmfr0), TID3 },
    { "ID_AA64MMFR1_EL1", ENC(3, 0, 0, 7, 1), RO(1), .offset = ISAR(id_aa64mmfr1), TID3 },
    { "ID_AA64MMFR2_EL1", ENC(3, 0, 0, 7, 2), RO(1), .offset = ISAR(id_aa64mmfr2), TID3 },
    { "CTR_EL0", ENC(3, 3, 0, 0, 1), RO(0), .offset = ISAR(ctr), .access = access_ctr,
      .flags = ARM_SR_EL2_TRAPS },
    { "DCZID_EL0", ENC(3, 3, 0, 0, 7), RO(0), .offset = ISAR(dczid) },
    { "CLIDR_EL1", ENC(3, 1, 0, 0, 1), RO(1), .offset = ISAR(clidr), .access = access_tid2,
      .flags = ARM_SR_EL2_TRAPS },
    { "CCSIDR_EL1", ENC(3, 1, 0, 0, 0), RO(1), .read = read_ccsidr, .access = access_tid2,
      .flags = ARM_SR_EL2_TRAPS },
    { "AIDR_EL1", ENC(3, 1, 0, 0, 7), RO(1), .kind = ARM_SR_RAZ_WI, .access = access_tid1,
      .flags = ARM_SR_EL2_TRAPS },
    { "CSSELR_EL1", ENC(3, 2, 0, 0, 0), RW(1), .offset = ENV(csselr_el1), .access = access_tid2,
      .flags = ARM_SR_EL2_TRAPS },

    /* EL1 control and translation (D17.2). */
    { "SCTLR_EL1", ENC(3, 0, 1, 0, 0), RW(1), TRANSLATION_TVM(sctlr_el[1]) },
    { "ACTLR_EL1", ENC(3, 0, 1, 0, 1), RW(1), .kind = ARM_SR_RAZ_WI, .access = access_tacr,
      .flags = ARM_SR_EL2_TRAPS },
    { "CPACR_EL1", ENC(3, 0, 1, 0, 2), RW(1), .offset = ENV(cpacr_el1), .access = access_cpacr,
      .flags = ARM_SR_END_TB | ARM_SR_EL2_TRAPS },
    { "TTBR0_EL1", ENC(3, 0, 2, 0, 0), RW(1), TRANSLATION_TVM(ttbr0_el[1]) },
    { "TTBR1_EL1", ENC(3, 0, 2, 0, 1), RW(1), TRANSLATION_TVM(ttbr1_el[1]) },
    { "TCR_EL1", ENC(3, 0, 2, 0, 2), RW(1), TRANSLATION_TVM(tcr_el[1]) },
    { "AFSR0_EL1", ENC(3, 0, 5, 1, 0), RW(1), .kind = ARM_SR_RAZ_WI, TVM },
    { "AFSR1_EL1", ENC(3, 0, 5, 1, 1), RW(1), .kind = ARM_SR_RAZ_WI, TVM },
    { "ESR_EL1", ENC(3, 0, 5, 2, 0), RW(1), .offset = ENV(esr_el[1]), TVM },
    { "FAR_EL1", ENC(3, 0, 6, 0, 0), RW(1), .offset = ENV(far_el[1]), TVM },
    { "PAR_EL1", ENC(3, 0, 7, 4, 0), RW(1), .offset = ENV(par_el1) },
    { "MAIR_EL1", ENC(3, 0, 10, 2, 0), RW(1), .offset = ENV(mair_el[1]), TVM },
    { "AMAIR_EL1", ENC(3, 0, 10, 3, 0), RW(1), .offset = ENV(amair_el1), TVM },
    { "VBAR_EL1", ENC(3, 0, 12, 0, 0), RW(1), .offset = ENV(vbar_el[1]) },
    { "ISR_EL1", ENC(3, 0, 12, 1, 0), RO(1), .read = read_isr },
    { "CONTEXTIDR_EL1", ENC(3, 0, 13, 0, 1), RW(1), .offset = ENV(contextidr_el1), TVM },
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
      .access = arm_gt_access_cntfrq, .flags = ARM_SR_CHECK_ALL },
    { "CNTPCT_EL0", ENC(3, 3, 14, 0, 1), RO(0), .access = arm_gt_access_cntpct,
      .read = arm_gt_read_cntpct, .flags = ARM_SR_EL2_TRAPS },
    { "CNTVCT_EL0", ENC(3, 3, 14, 0, 2), RO(0), .access = arm_gt_access_cntvct,
      .read = arm_gt_read_cntvct },
    { "CNTKCTL_EL1", ENC(3, 0, 14, 1, 0), RW(1), .offset = ENV(cntkctl_el1) },
    { "CNTP_TVAL_EL0", ENC(3, 3, 14, 2, 0), RW(0), .access = arm_gt_access_ptimer,
      .read = arm_gt_read_tval, .write = arm_gt_write_tval, .flags = ARM_SR_EL2_TRAPS },
    { "CNTP_CTL_EL0", ENC(3, 3, 14, 2, 1), RW(0), TIMER(arm_gt_access_ptimer),
      .flags = ARM_SR_EL2_TRAPS },
    { "CNTP_CVAL_EL0", ENC(3, 3, 14, 2, 2), RW(0), .access = arm_gt_access_ptimer,
      .read = arm_gt_read_cval, .write = arm_gt_write_cval, .flags = ARM_SR_EL2_TRAPS },
    /* The secure physical timer (D13.8.27..29): EL3, or Secure EL1 with SCR_EL3.ST. */
    { "CNTPS_TVAL_EL1", ENC(3, 7, 14, 2, 0), RW(1), .feature = ARM_FEATURE_EL3,
      .access = arm_gt_access_stimer, .read = arm_gt_read_tval, .write = arm_gt_write_tval,
      .flags = ARM_SR_CHECK_ALL },
    { "CNTPS_CTL_EL1", ENC(3, 7, 14, 2, 1), RW(1), .feature = ARM_FEATURE_EL3,
      TIMER(arm_gt_access_stimer), .flags = ARM_SR_CHECK_ALL },
    { "CNTPS_CVAL_EL1", ENC(3, 7, 14, 2, 2), RW(1), .feature = ARM_FEATURE_EL3,
      .access = arm_gt_access_stimer, .read = arm_gt_read_cval, .write = arm_gt_write_cval,
      .flags = ARM_SR_CHECK_ALL },
    { "CNTV_TVAL_EL0", ENC(3, 3, 14, 3, 0), RW(0), .access = arm_gt_access_vtimer,
      .read = arm_gt_read_tval, .write = arm_gt_write_tval },
    { "CNTV_CTL_EL0", ENC(3, 3, 14, 3, 1), RW(0), TIMER(arm_gt_access_vtimer) },
    { "CNTV_CVAL_EL0", ENC(3, 3, 14, 3, 2), RW(0), .access = arm_gt_access_vtimer,
      .read = arm_gt_read_cval, .write = arm_gt_write_cval },

    /* EL2 (when implemented). */
    { "HCR_EL2", ENC(3, 4, 1, 1, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(hcr_el2), .write = write_hcr_el2, .flags = ARM_SR_END_TB },
    { "SCTLR_EL2", ENC(3, 4, 1, 0, 0), RW(2), .feature = ARM_FEATURE_EL2,
      TRANSLATION(sctlr_el[2]) },
    { "TTBR0_EL2", ENC(3, 4, 2, 0, 0), RW(2), .feature = ARM_FEATURE_EL2,
      TRANSLATION(ttbr0_el[2]) },
    { "TCR_EL2", ENC(3, 4, 2, 0, 2), RW(2), .feature = ARM_FEATURE_EL2,
      TRANSLATION(tcr_el[2]) },
    { "VTTBR_EL2", ENC(3, 4, 2, 1, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(vttbr_el2), .write = write_stage2_control, .flags = ARM_SR_END_TB },
    { "VTCR_EL2", ENC(3, 4, 2, 1, 2), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(vtcr_el2), .write = write_stage2_control, .flags = ARM_SR_END_TB },
    { "SPSR_EL2", ENC(3, 4, 4, 0, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(spsr_el[2]) },
    { "ELR_EL2", ENC(3, 4, 4, 0, 1), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(elr_el[2]) },
    /* SP_EL1 is there for EL2 and EL3 (a feature mask matches either bit). */
    { "SP_EL1", ENC(3, 4, 4, 1, 0), RW(2), .feature = ARM_FEATURE_EL2 | ARM_FEATURE_EL3,
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
      .offset = ENV(cntvoff_el2), .write = arm_gt_write_cntvoff },
    { "VPIDR_EL2", ENC(3, 4, 0, 0, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(vpidr_el2) },
    { "VMPIDR_EL2", ENC(3, 4, 0, 0, 5), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(vmpidr_el2), .write = write_vmpidr },
    { "ACTLR_EL2", ENC(3, 4, 1, 0, 1), RW(2), .feature = ARM_FEATURE_EL2,
      .kind = ARM_SR_RAZ_WI },
    { "MDCR_EL2", ENC(3, 4, 1, 1, 1), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(mdcr_el2), .write = write_mdcr_el2 },
    { "CPTR_EL2", ENC(3, 4, 1, 1, 2), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(cptr_el2), .write = write_cptr_el2, .access = access_cptr_el2,
      .flags = ARM_SR_END_TB | ARM_SR_EL2_TRAPS },
    { "HSTR_EL2", ENC(3, 4, 1, 1, 3), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(hstr_el2) },
    { "HACR_EL2", ENC(3, 4, 1, 1, 7), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(hacr_el2) },
    /* SPSR_irq/abt/und/fiq: the AArch32 banks, RAZ/WI without AArch32 at EL1. */
    { "SPSR_irq", ENC(3, 4, 4, 3, 0), RW(2), .feature = ARM_FEATURE_EL2, .kind = ARM_SR_RAZ_WI },
    { "SPSR_abt", ENC(3, 4, 4, 3, 1), RW(2), .feature = ARM_FEATURE_EL2, .kind = ARM_SR_RAZ_WI },
    { "SPSR_und", ENC(3, 4, 4, 3, 2), RW(2), .feature = ARM_FEATURE_EL2, .kind = ARM_SR_RAZ_WI },
    { "SPSR_fiq", ENC(3, 4, 4, 3, 3), RW(2), .feature = ARM_FEATURE_EL2, .kind = ARM_SR_RAZ_WI },
    { "AFSR0_EL2", ENC(3, 4, 5, 1, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .kind = ARM_SR_RAZ_WI },
    { "AFSR1_EL2", ENC(3, 4, 5, 1, 1), RW(2), .feature = ARM_FEATURE_EL2,
      .kind = ARM_SR_RAZ_WI },
    { "HPFAR_EL2", ENC(3, 4, 6, 0, 4), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(hpfar_el2) },
    { "AMAIR_EL2", ENC(3, 4, 10, 3, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(amair_el2) },
    { "RVBAR_EL2", ENC(3, 4, 12, 0, 1), RO(2), .feature = ARM_FEATURE_EL2,
      .read = read_rvbar, .access = access_rvbar_el2, .flags = ARM_SR_CHECK_ALL },
    { "CNTHCTL_EL2", ENC(3, 4, 14, 1, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .offset = ENV(cnthctl_el2), .write = write_cnthctl },
    /* The EL2 physical timer (D13.8.11..13). */
    { "CNTHP_TVAL_EL2", ENC(3, 4, 14, 2, 0), RW(2), .feature = ARM_FEATURE_EL2,
      .read = arm_gt_read_tval, .write = arm_gt_write_tval },
    { "CNTHP_CTL_EL2", ENC(3, 4, 14, 2, 1), RW(2), .feature = ARM_FEATURE_EL2,
      .read = arm_gt_read_ctl, .write = arm_gt_write_ctl },
    { "CNTHP_CVAL_EL2", ENC(3, 4, 14, 2, 2), RW(2), .feature = ARM_FEATURE_EL2,
      .read = arm_gt_read_cval, .write = arm_gt_write_cval },

    /* EL3 (when implemented). */
    { "SCR_EL3", ENC(3, 6, 1, 1, 0), RW(3), .feature = ARM_FEATURE_EL3,
      .offset = ENV(scr_el3), .write = write_scr_el3, .flags = ARM_SR_END_TB },
    { "ACTLR_EL3", ENC(3, 6, 1, 0, 1), RW(3), .feature = ARM_FEATURE_EL3,
      .kind = ARM_SR_RAZ_WI },
    { "CPTR_EL3", ENC(3, 6, 1, 1, 2), RW(3), .feature = ARM_FEATURE_EL3,
      .offset = ENV(cptr_el3), .write = write_cptr_el3, .flags = ARM_SR_END_TB },
    { "MDCR_EL3", ENC(3, 6, 1, 3, 1), RW(3), .feature = ARM_FEATURE_EL3,
      .offset = ENV(mdcr_el3), .write = write_mdcr_el3 },
    { "AFSR0_EL3", ENC(3, 6, 5, 1, 0), RW(3), .feature = ARM_FEATURE_EL3,
      .kind = ARM_SR_RAZ_WI },
    { "AFSR1_EL3", ENC(3, 6, 5, 1, 1), RW(3), .feature = ARM_FEATURE_EL3,
      .kind = ARM_SR_RAZ_WI },
    { "AMAIR_EL3", ENC(3, 6, 10, 3, 0), RW(3), .feature = ARM_FEATURE_EL3,
      .offset = ENV(amair_el3) },
    { "RVBAR_EL3", ENC(3, 6, 12, 0, 1), RO(3), .feature = ARM_FEATURE_EL3,
      .read = read_rvbar },
    { "RMR_EL3", ENC(3, 6, 12, 0, 2), RW(3), .feature = ARM_FEATURE_EL3,
      .read = read_rmr, .write = write_rmr },
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
    /* HCR_EL2.TPU, TPC, TSW trap them to EL2 (TPU: to the point of unification ...). */
    { "IC IALLUIS", ENC(1, 0, 7, 1, 0), WO(1), .kind = ARM_SR_NOP, .access = access_tpu,
      .flags = ARM_SR_EL2_TRAPS },
    { "IC IALLU", ENC(1, 0, 7, 5, 0), WO(1), .kind = ARM_SR_NOP, .access = access_tpu,
      .flags = ARM_SR_EL2_TRAPS },
    { "IC IVAU", ENC(1, 3, 7, 5, 1), WO(0), .kind = ARM_SR_NOP, .access = access_tpu,
      .flags = ARM_SR_EL2_TRAPS },
    { "DC IVAC", ENC(1, 0, 7, 6, 1), WO(1), .kind = ARM_SR_NOP, .access = access_tpc,
      .flags = ARM_SR_EL2_TRAPS },
    { "DC ISW", ENC(1, 0, 7, 6, 2), WO(1), .kind = ARM_SR_NOP, .access = access_tsw,
      .flags = ARM_SR_EL2_TRAPS },
    { "DC CSW", ENC(1, 0, 7, 10, 2), WO(1), .kind = ARM_SR_NOP, .access = access_tsw,
      .flags = ARM_SR_EL2_TRAPS },
    { "DC CISW", ENC(1, 0, 7, 14, 2), WO(1), .kind = ARM_SR_NOP, .access = access_tsw,
      .flags = ARM_SR_EL2_TRAPS },
    { "DC CVAC", ENC(1, 3, 7, 10, 1), WO(0), .kind = ARM_SR_NOP, .access = access_tpc,
      .flags = ARM_SR_EL2_TRAPS },
    { "DC CVAU", ENC(1, 3, 7, 11, 1), WO(0), .kind = ARM_SR_NOP, .access = access_tpu,
      .flags = ARM_SR_EL2_TRAPS },
    { "DC CVAP", ENC(1, 3, 7, 12, 1), WO(0), .kind = ARM_SR_NOP, .access = access_tpc,
      .flags = ARM_SR_EL2_TRAPS },
    { "DC CIVAC", ENC(1, 3, 7, 14, 1), WO(0), .kind = ARM_SR_NOP, .access = access_tpc,
      .flags = ARM_SR_EL2_TRAPS },
    { "DC ZVA", ENC(1, 3, 7, 4, 1), WO(0), .kind = ARM_SR_DC_ZVA, .access = access_dc_zva,
      .flags = ARM_SR_EL2_TRAPS },

    /* Address translation (C5.4) and TLB maintenance (C5.5): helpers in this file. */
    { "AT S1E1R", ENC(1, 0, 7, 8, 0), WO(1), AT },
    { "AT S1E1W", ENC(1, 0, 7, 8, 1), WO(1), AT },
    { "AT S1E0R", ENC(1, 0, 7, 8, 2), WO(1), AT },
    { "AT S1E0W", ENC(1, 0, 7, 8, 3), WO(1), AT },
    { "AT S1E2R", ENC(1, 4, 7, 8, 0), WO(2), AT, .feature = ARM_FEATURE_EL2 },
    { "AT S1E2W", ENC(1, 4, 7, 8, 1), WO(2), AT, .feature = ARM_FEATURE_EL2 },
    { "AT S12E1R", ENC(1, 4, 7, 8, 4), WO(2), AT, .feature = ARM_FEATURE_EL2 },
    { "AT S12E1W", ENC(1, 4, 7, 8, 5), WO(2), AT, .feature = ARM_FEATURE_EL2 },
    { "AT S12E0R", ENC(1, 4, 7, 8, 6), WO(2), AT, .feature = ARM_FEATURE_EL2 },
    { "AT S12E0W", ENC(1, 4, 7, 8, 7), WO(2), AT, .feature = ARM_FEATURE_EL2 },
    { "AT S1E3R", ENC(1, 6, 7, 8, 0), WO(3), AT, .feature = ARM_FEATURE_EL3 },
    { "AT S1E3W", ENC(1, 6, 7, 8, 1), WO(3), AT, .feature = ARM_FEATURE_EL3 },
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
    /* EL2 (and EL3) only; UNDEFINED without EL2. */
    { "TLBI IPAS2E1IS", ENC(1, 4, 8, 0, 1), WO(2), TLBI_EL2 },
    { "TLBI IPAS2LE1IS", ENC(1, 4, 8, 0, 5), WO(2), TLBI_EL2 },
    { "TLBI ALLE2IS", ENC(1, 4, 8, 3, 0), WO(2), TLBI_EL2 },
    { "TLBI VAE2IS", ENC(1, 4, 8, 3, 1), WO(2), TLBI_EL2 },
    { "TLBI ALLE1IS", ENC(1, 4, 8, 3, 4), WO(2), TLBI_EL2 },
    { "TLBI VALE2IS", ENC(1, 4, 8, 3, 5), WO(2), TLBI_EL2 },
    { "TLBI VMALLS12E1IS", ENC(1, 4, 8, 3, 6), WO(2), TLBI_EL2 },
    { "TLBI IPAS2E1", ENC(1, 4, 8, 4, 1), WO(2), TLBI_EL2 },
    { "TLBI IPAS2LE1", ENC(1, 4, 8, 4, 5), WO(2), TLBI_EL2 },
    { "TLBI ALLE2", ENC(1, 4, 8, 7, 0), WO(2), TLBI_EL2 },
    { "TLBI VAE2", ENC(1, 4, 8, 7, 1), WO(2), TLBI_EL2 },
    { "TLBI ALLE1", ENC(1, 4, 8, 7, 4), WO(2), TLBI_EL2 },
    { "TLBI VALE2", ENC(1, 4, 8, 7, 5), WO(2), TLBI_EL2 },
    { "TLBI VMALLS12E1", ENC(1, 4, 8, 7, 6), WO(2), TLBI_EL2 },
    /* EL3 only. */
    { "TLBI ALLE3IS", ENC(1, 6, 8, 3, 0), WO(3), TLBI_EL3 },
    { "TLBI VAE3IS", ENC(1, 6, 8, 3, 1), WO(3), TLBI_EL3 },
    { "TLBI VALE3IS", ENC(1, 6, 8, 3, 5), WO(3), TLBI_EL3 },
    { "TLBI ALLE3", ENC(1, 6, 8, 7, 0), WO(3), TLBI_EL3 },
    { "TLBI VAE3", ENC(1, 6, 8, 7, 1), WO(3), TLBI_EL3 },
    { "TLBI VALE3", ENC(1, 6, 8, 7, 5), WO(3), TLBI_EL3 },
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
    /* [0] and [1] stand for whole encoding spaces (ID_RAZ, IMPDEF). */
    for (size_t i = 2; i < ARRAY_SIZE(sysregs); i++) {
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
    if (op0 == 3 && (crn == 11 || crn == 15)) {
        return &sysregs[1];
    }
    /* The GICv3 CPU interface's ICC_* registers, with their own table. */
    if (cpu->gicv3_cpuif) {
        const ARMSysReg *ri = gicv3_cpuif_find(op0, op1, crn, crm, op2);

        return ri && (!ri->feature || arm_feature(cpu, ri->feature)) ? ri : NULL;
    }
    return NULL;
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

/*
 * Raises UNDEFINED (EC 0) or the EC 0x18 trap, to the current EL (at least
 * EL1; a trap to EL1 from EL0 goes to EL2 under HCR_EL2.TGE, helper.c) or
 * to EL2/EL3; the generated code has set the PC.
 */
static KOINE_NORETURN void raise_sys_exception(CPUARMState *env, ARMSysRegAccess result,
                                               uint32_t syndrome)
{
    unsigned el = arm_current_el(env);

    env->exception.syndrome = result == ARM_ACCESS_UNDEF ? syn_uncategorized() : syndrome;
    env->exception.target_el = result == ARM_ACCESS_TRAP_EL2 ? 2 :
                               result == ARM_ACCESS_TRAP_EL3 ? 3 : MAX(el, 1u);
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

#define EL2_IDXMAP  (1u << ARM_MMU_IDX_EL2)
#define EL3_IDXMAP  (1u << ARM_MMU_IDX_EL3)
#define HCR_FB      (1ULL << 9)     /* HCR_EL2.FB: EL1 TLB maintenance is broadcast */

/*
 * VTTBR_EL2, VTCR_EL2: the EL1&0 entries hold stage 2's results too (and
 * the TLB is not VMID-tagged: a new VMID is a new set of translations).
 */
static void write_stage2_control(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    uint64_t *field = (uint64_t *)((char *)env + ri->offset);

    if (*field != value) {
        *field = value;
        tlb_flush_by_mmuidx(env_cpu(env), EL10_IDXMAP);
    }
}

/*
 * Flushes idxmap on this vCPU (only the page of va if by_va) and, when
 * broadcast (the Inner Shareable forms), all of idxmap on every other
 * vCPU at its next TB.
 */
static void tlbi_flush(CPUARMState *env, uint16_t idxmap, bool by_va, uint64_t value,
                       bool broadcast)
{
    CPUState *self = env_cpu(env);
    /* VA[55:12] in bits [43:0], sign-extended from bit 55 (D8.13). */
    uint64_t va = (uint64_t)sextract64(value << 12, 0, 56);

    if (by_va) {
        tlb_flush_page_by_mmuidx(self, va, idxmap);
    } else {
        tlb_flush_by_mmuidx(self, idxmap);
    }
    if (broadcast) {
        CPUState *const *cpus = tcg_accel_cpus();

        for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
            if (cpus[i] != self) {
                tlb_flush_async(cpus[i], idxmap);
            }
        }
    }
}

/*
 * TLBI (C5.5), the EL1 forms: Koine's TLB holds no ASIDs, so by-ASID
 * operations flush the whole EL1&0 regime and by-VA ones the page in
 * every ASID. Under stage 2 the EL1&0 entries are VA -> PA of the current
 * VMID only (the TLB holds one VMID at a time), which is what these must
 * flush. The Inner Shareable forms reach every vCPU, and so do the others
 * at EL1 with HCR_EL2.FB (D13.2.46).
 */
static void arm_sys_tlbi(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    bool by_va = ri->op2 != 0 && ri->op2 != 2;
    bool broadcast = ri->crm == 3 ||
                     (arm_current_el(env) == 1 && (arm_hcr_el2_eff(env) & HCR_FB));

    tlbi_flush(env, EL10_IDXMAP, by_va, value, broadcast);
}

/*
 * The EL2 forms (op1 = 4; CRm 0 and 3 are the Inner Shareable ones):
 * ALLE2, VAE2, VALE2 the EL2 regime; ALLE1 (every VMID), VMALLS12E1 (the
 * current VMID, stages 1 and 2) the EL1&0 regime. IPAS2E1 and IPAS2LE1
 * invalidate by IPA, but the TLB holds VA -> PA and cannot tell which VAs
 * went through that IPA: they flush the whole EL1&0 regime (the guest
 * follows them with a VMALLE1 anyway, D8.14.5).
 */
static void arm_sys_tlbi_el2(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    bool broadcast = ri->crm == 0 || ri->crm == 3;
    bool ipa = ri->crm == 0 || ri->crm == 4;

    if (ipa || ri->op2 == 4 || ri->op2 == 6) {
        tlbi_flush(env, EL10_IDXMAP, false, 0, broadcast);
    } else {
        tlbi_flush(env, EL2_IDXMAP, ri->op2 != 0, value, broadcast);
    }
}

/* The EL3 forms (op1 = 6): ALLE3, VAE3, VALE3 and their Inner Shareable forms (CRm 3). */
static void arm_sys_tlbi_el3(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    tlbi_flush(env, EL3_IDXMAP, ri->op2 != 0, value, ri->crm == 3);
}

/*
 * AT (C5.4) as a probe of the translation, the result in PAR_EL1
 * (D17.2.99). Bit 11 is RES1 in both formats. On success: F = 0,
 * PA[47:12], ATTR (bits [63:56]) the MAIR byte of the memory type, SH
 * (bits [8:7]) its shareability, except that Device and Normal
 * Non-cacheable memory always report Outer Shareable (0b10). On failure:
 * F = 1, the fault status code in FST (bits [6:1]), and for a stage 2
 * fault S (bit 9) and PTW (bit 8, on a stage 1 table walk). With stage 1
 * off, data accesses are Device-nGnRnE (D8.2.10) and an address above the
 * 48-bit PA range is an address size fault at level 0.
 *
 * S1E1R/W, S1E0R/W: stage 1 of EL1&0 only (an IPA under stage 2). Their
 * stage 1 table walks still go through stage 2, and a stage 2 fault there,
 * from EL1, is not reported in PAR_EL1 but taken to EL2 as a data abort
 * with S1PTW and CM (AArch64.AT_S1E1 pseudocode); the rows check access at
 * every EL so that the PC is the AT's then. S12E1R/W, S12E0R/W (EL2, EL3):
 * both stages. S1E2R/W, S1E3R/W: the EL2 and EL3 regimes.
 */
#define PAR_RES1        (1ULL << 11)
#define PAR_SH_OUTER    2u
#define PAR_PTW         (1ULL << 8)
#define PAR_S           (1ULL << 9)

static uint64_t par_fault(const ARMTranslation *tr)
{
    return PAR_RES1 | (tr->stage2 ? PAR_S : 0) | (tr->s1ptw ? PAR_PTW : 0) |
           (tr->fsc & 0x3f) << 1 | 1;
}

static uint64_t par_success(uint64_t pa, uint8_t memattr, unsigned sh)
{
    bool non_cacheable = memattr == 0x44;

    if (ARM_MEMATTR_IS_DEVICE(memattr) || non_cacheable) {
        sh = PAR_SH_OUTER;
    }
    return (uint64_t)memattr << 56 | (pa & 0xfffffffff000ULL) | PAR_RES1 | (uint64_t)sh << 7;
}

/* The AT rows' access check: none (see above: it makes the PC exact for a stage 2 abort). */
static ARMSysRegAccess access_at(CPUARMState *env, bool is_read)
{
    return ARM_ACCESS_OK;
}

static void arm_sys_at(CPUARMState *env, const ARMSysReg *ri, uint64_t va)
{
    CPUState *cs = env_cpu(env);
    MMUAccessType access = ri->op2 & 1 ? MMU_DATA_STORE : MMU_DATA_LOAD;
    bool stage1_only = true;
    unsigned mmu_idx;
    ARMTranslation tr;

    if (ri->op1 == 6) {
        mmu_idx = ARM_MMU_IDX_EL3;                      /* S1E3R/W */
    } else if (ri->op1 == 4 && ri->op2 < 4) {
        mmu_idx = ARM_MMU_IDX_EL2;                      /* S1E2R/W */
    } else {
        /* S1E1R/W (op2 0, 1), S1E0R/W (2, 3); S12E1R/W (op1 4: 4, 5), S12E0R/W (6, 7). */
        mmu_idx = ri->op2 & 2 ? ARM_MMU_IDX_EL10_0 : ARM_MMU_IDX_EL10_1;
        stage1_only = ri->op1 == 0;
    }
    if (arm_mmu_translate(cs, va, access, mmu_idx, stage1_only, &tr)) {
        env->par_el1 = par_success(tr.paddr, tr.memattr, tr.shareability);
        return;
    }
    if (tr.stage2 && arm_current_el(env) == 1) {
        arm_raise_translation_fault(cs, va, MMU_DATA_LOAD, mmu_idx, &tr, true, 0);
    }
    env->par_el1 = par_fault(&tr);
}
