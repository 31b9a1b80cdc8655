/*
 * The system side of the AArch64 CPU: the system register table
 * (sysregs.c), the helpers the "System" encodings call
 * (translate-a64-system.c), the generic timer (timer.c) and PSCI (psci.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_HELPER_SYS_H
#define TARGET_ARM_HELPER_SYS_H

#include "target/arm/cpu.h"
#include "tcg/tcg-op.h"
#include "hw/core/irq.h"

/* ---- The system register table (sysregs.c) ---- */

typedef struct ARMSysReg ARMSysReg;

/* What a runtime access check decides. */
typedef enum ARMSysRegAccess {
    ARM_ACCESS_OK,
    ARM_ACCESS_UNDEF,           /* UNDEFINED: EC 0 (ARM ARM D17.2.37) */
    ARM_ACCESS_TRAP,            /* trapped by a control bit: EC 0x18 to EL1 */
    ARM_ACCESS_TRAP_EL2,        /* trapped to EL2 (HCR_EL2, CPTR_EL2, CNTHCTL_EL2 ...) */
    ARM_ACCESS_TRAP_EL3,        /* trapped to EL3 (CPTR_EL3, SCR_EL3.ST ...) */
} ARMSysRegAccess;

typedef ARMSysRegAccess ARMSysRegAccessFn(CPUARMState *env, bool is_read);
typedef uint64_t ARMSysRegReadFn(CPUARMState *env, const ARMSysReg *ri);
typedef void ARMSysRegWriteFn(CPUARMState *env, const ARMSysReg *ri, uint64_t value);

/* The kinds the translator emits inline; everything else is env field or helper. */
typedef enum ARMSysRegKind {
    ARM_SR_FIELD,               /* a uint64_t at env + offset (or read/write functions) */
    ARM_SR_NZCV,
    ARM_SR_DAIF,
    ARM_SR_CURRENTEL,
    ARM_SR_SPSEL,
    ARM_SR_NOP,                 /* cache maintenance: no effect in this implementation */
    ARM_SR_DC_ZVA,
    ARM_SR_RAZ_WI,
} ARMSysRegKind;

#define ARM_SR_NEVER 4          /* min_el that no EL reaches */

/* ARMSysReg.flags */
#define ARM_SR_END_TB      (1u << 0)   /* a write changes translation state: end the TB */
#define ARM_SR_CHECK_ALL   (1u << 1)   /* run the access check at every EL, not only EL0 */
#define ARM_SR_FP          (1u << 2)   /* FPCR/FPSR: trapped with FP/SIMD by CPACR_EL1.FPEN */
/*
 * The access check also holds traps of EL1/EL2 accesses to EL2/EL3
 * (HCR_EL2.TVM, TID3 ...): run it below EL3 on CPUs with EL2 or EL3.
 */
#define ARM_SR_EL2_TRAPS   (1u << 3)

struct ARMSysReg {
    const char *name;
    uint8_t op0, op1, crn, crm, op2;
    uint8_t min_el_read, min_el_write;  /* lowest EL that may read / write */
    uint8_t kind;                       /* ARMSysRegKind */
    uint8_t flags;
    uint32_t feature;                   /* ARM_FEATURE_* the CPU needs for it, or 0 */
    intptr_t offset;                    /* env offset for ARM_SR_FIELD without read/write */
    ARMSysRegAccessFn *access;          /* configurable traps, see ARM_SR_CHECK_ALL */
    ARMSysRegReadFn *read;
    ARMSysRegWriteFn *write;
};

/* The register or system instruction of an encoding on this CPU, or NULL. */
const ARMSysReg *arm_sysreg_find(const ARMCPU *cpu, unsigned op0, unsigned op1, unsigned crn,
                                 unsigned crm, unsigned op2);
/* Its index in the table, for the helpers (which take it as a constant). */
unsigned arm_sysreg_index(const ARMSysReg *ri);

/* The helpers MRS/MSR/SYS emit calls to. */
uint64_t helper_sysreg_read(void *env, uint32_t index);
void helper_sysreg_write(void *env, uint32_t index, uint64_t value);
/* Raises the exception the register's access check asks for (syndrome: for a trap). */
void helper_sysreg_access(void *env, uint32_t index, uint32_t syndrome);
/* MSR (immediate): op is op1 << 3 | op2, imm the CRm field. */
void helper_msr_imm(void *env, uint32_t op, uint32_t imm, uint32_t syndrome);
/* DC ZVA: zero the 64-byte block holding addr. */
void helper_dc_zva(void *env, uint64_t addr, uint32_t mmu_idx);

extern const TCGHelperInfo helper_info_sysreg_read;
extern const TCGHelperInfo helper_info_sysreg_write;
extern const TCGHelperInfo helper_info_sysreg_access;
extern const TCGHelperInfo helper_info_msr_imm;
extern const TCGHelperInfo helper_info_dc_zva;

static inline void gen_helper_sysreg_read(TCGv_i64 ret, TCGv_i32 index)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(index) };

    tcg_gen_call(&helper_info_sysreg_read, tcgv_i64_temp(ret), args);
}

static inline void gen_helper_sysreg_write(TCGv_i32 index, TCGv_i64 value)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(index), tcgv_i64_temp(value) };

    tcg_gen_call(&helper_info_sysreg_write, NULL, args);
}

static inline void gen_helper_sysreg_access(TCGv_i32 index, TCGv_i32 syndrome)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(index), tcgv_i32_temp(syndrome) };

    tcg_gen_call(&helper_info_sysreg_access, NULL, args);
}

static inline void gen_helper_msr_imm(TCGv_i32 op, TCGv_i32 imm, TCGv_i32 syndrome)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(op), tcgv_i32_temp(imm),
                        tcgv_i32_temp(syndrome) };

    tcg_gen_call(&helper_info_msr_imm, NULL, args);
}

static inline void gen_helper_dc_zva(TCGv_i64 addr, TCGv_i32 mmu_idx)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(addr), tcgv_i32_temp(mmu_idx) };

    tcg_gen_call(&helper_info_dc_zva, NULL, args);
}

/* ---- The generic timer (timer.c, ARM ARM D11) ---- */

#define ARM_GT_PHYS 0
#define ARM_GT_VIRT 1
#define ARM_GT_HYP  2           /* the EL2 physical timer (CNTHP_*_EL2) */
#define ARM_GT_SEC  3           /* the secure physical timer (CNTPS_*_EL1) */
#define ARM_GT_COUNT 4
#define ARM_GT_NS_PER_TICK 16   /* CNTFRQ_EL0 = 62.5 MHz */

/*
 * Wires a timer's output (ARM_GT_PHYS, ARM_GT_VIRT, ARM_GT_HYP, ARM_GT_SEC)
 * to an input, normally the GIC's PPI 30 / 27 / 26 / 29. The level is
 * ENABLE && ISTATUS && !IMASK.
 */
void arm_gt_connect(ARMCPU *cpu, unsigned timer, IRQLine *line);
/* Frees the CPU's timers (call before arm_cpu_free). */
void arm_gt_cpu_cleanup(ARMCPU *cpu);
/* CNTPCT_EL0 now. */
uint64_t arm_gt_count(void);

ARMSysRegAccessFn arm_gt_access_cntfrq, arm_gt_access_cntpct, arm_gt_access_cntvct;
ARMSysRegAccessFn arm_gt_access_ptimer, arm_gt_access_vtimer, arm_gt_access_stimer;
ARMSysRegReadFn arm_gt_read_cntpct, arm_gt_read_cntvct;
ARMSysRegReadFn arm_gt_read_ctl, arm_gt_read_cval, arm_gt_read_tval;
ARMSysRegWriteFn arm_gt_write_ctl, arm_gt_write_cval, arm_gt_write_tval;
ARMSysRegWriteFn arm_gt_write_cntvoff;

/*
 * The CPU's interrupt inputs: the GIC calls this with CPU_INTERRUPT_HARD
 * (IRQ) or CPU_INTERRUPT_FIQ and the line's level.
 */
void arm_cpu_set_irq(ARMCPU *cpu, uint32_t mask, int level);

/* ---- PSCI (psci.c, Arm DEN 0022) ---- */

#define PSCI_0_2_FN_BASE        0x84000000u
#define PSCI_0_2_64BIT          0x40000000u
#define PSCI_FN_VERSION         (PSCI_0_2_FN_BASE + 0)
#define PSCI_FN_CPU_SUSPEND     (PSCI_0_2_FN_BASE + 1)
#define PSCI_FN_CPU_OFF         (PSCI_0_2_FN_BASE + 2)
#define PSCI_FN_CPU_ON          (PSCI_0_2_FN_BASE + 3)
#define PSCI_FN_AFFINITY_INFO   (PSCI_0_2_FN_BASE + 4)
#define PSCI_FN_MIGRATE         (PSCI_0_2_FN_BASE + 5)
#define PSCI_FN_MIGRATE_INFO_TYPE (PSCI_0_2_FN_BASE + 6)
#define PSCI_FN_MIGRATE_INFO_UP_CPU (PSCI_0_2_FN_BASE + 7)
#define PSCI_FN_SYSTEM_OFF      (PSCI_0_2_FN_BASE + 8)
#define PSCI_FN_SYSTEM_RESET    (PSCI_0_2_FN_BASE + 9)
#define PSCI_FN_FEATURES        (PSCI_0_2_FN_BASE + 10)

#define PSCI_RET_SUCCESS            0
#define PSCI_RET_NOT_SUPPORTED      (-1)
#define PSCI_RET_INVALID_PARAMS     (-2)
#define PSCI_RET_DENIED             (-3)
#define PSCI_RET_ALREADY_ON         (-4)
#define PSCI_RET_INTERNAL_FAILURE   (-6)

/* The version PSCI_VERSION reports: 1.0 (major << 16 | minor). */
#define PSCI_VERSION_REPORTED 0x00010000u

/* Boards: how CPU_ON finds a CPU by MPIDR (default: scan the accelerator's vCPUs). */
void arm_psci_set_cpu_lookup(ARMCPU *(*lookup)(uint64_t mpidr, void *opaque), void *opaque);
/* Boards: secondary CPUs start powered off, waiting for CPU_ON. */
void arm_psci_set_powered_off(ARMCPU *cpu);
/* The PSCI call itself (X0..X3 in, X0 out), for helper_psci_call and tests. */
void arm_psci_call(ARMCPU *cpu);

#endif
