/*
 * The AArch64 CPU: architectural state, models and their ID registers.
 *
 * CPUARMState is what generated code sees as env. Layout choices made for
 * the translator:
 *   - xregs[31] holds the stack pointer of the current exception level and
 *     SPSel; the others are banked in sp_el[] and swapped on EL/SPSel
 *     changes (arm_switch_sp), so SP is one global like X0..X30.
 *   - NZCV are four words, so flag-setting instructions need no packing:
 *     N is bit 31 of NF, Z is set when ZF == 0, C is CF (0 or 1), V is bit
 *     31 of VF. pstate_read()/pstate_write() convert.
 *
 * References: Arm Architecture Reference Manual for A-profile (DDI 0487),
 * "ARM ARM" below, chapter and section numbers of issue J.a.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_CPU_H
#define TARGET_ARM_CPU_H

#include "util/osdep.h"
#include "hw/core/cpu.h"
#include "fpu/softfloat.h"

/* PSTATE bits kept in env->pstate (ARM ARM D1.4: the fields of SPSR_ELx). */
#define PSTATE_SP   (1u << 0)       /* SPSel: SP_ELx instead of SP_EL0 */
#define PSTATE_EL_SHIFT 2
#define PSTATE_EL   (3u << PSTATE_EL_SHIFT)
#define PSTATE_nRW  (1u << 4)       /* 0: AArch64 */
#define PSTATE_F    (1u << 6)
#define PSTATE_I    (1u << 7)
#define PSTATE_A    (1u << 8)
#define PSTATE_D    (1u << 9)
#define PSTATE_DAIF (PSTATE_D | PSTATE_A | PSTATE_I | PSTATE_F)
#define PSTATE_IL   (1u << 20)
#define PSTATE_SS   (1u << 21)
#define PSTATE_PAN  (1u << 22)
#define PSTATE_UAO  (1u << 23)
#define PSTATE_V    (1u << 28)
#define PSTATE_C    (1u << 29)
#define PSTATE_Z    (1u << 30)
#define PSTATE_N    (1u << 31)
#define PSTATE_NZCV (PSTATE_N | PSTATE_Z | PSTATE_C | PSTATE_V)

/* Exception numbers (CPUState.exception_index) delivered by arm_do_interrupt. */
#define EXCP_UDEF        1      /* undefined instruction */
#define EXCP_SWI         2      /* SVC */
#define EXCP_PREFETCH_ABORT 3
#define EXCP_DATA_ABORT  4
#define EXCP_IRQ         5
#define EXCP_FIQ         6
#define EXCP_HVC         11
#define EXCP_SMC         13
#define EXCP_SEMIHOST    16     /* handled in place, never vectored */

/* MMU indexes: one TLB per translation regime and privilege. */
#define ARM_MMU_IDX_EL10_0  0   /* EL1&0 regime, EL0 access */
#define ARM_MMU_IDX_EL10_1  1   /* EL1&0 regime, EL1 access */
#define ARM_MMU_IDX_EL10_1_PAN 2
#define ARM_MMU_IDX_EL2     3
#define ARM_MMU_IDX_EL3     4
#define ARM_MMU_IDX_COUNT   5

/* Features a model has (ARMCPU.features bits). */
#define ARM_FEATURE_AES      (1u << 0)
#define ARM_FEATURE_PMULL    (1u << 1)
#define ARM_FEATURE_SHA1     (1u << 2)
#define ARM_FEATURE_SHA256   (1u << 3)
#define ARM_FEATURE_CRC32    (1u << 4)
#define ARM_FEATURE_ATOMICS  (1u << 5)   /* v8.1 LSE */
#define ARM_FEATURE_PAN      (1u << 6)
#define ARM_FEATURE_UAO      (1u << 7)
#define ARM_FEATURE_EL2      (1u << 8)
#define ARM_FEATURE_EL3      (1u << 9)

typedef struct ARMVReg {
    uint64_t d[2];              /* V<n>: d[0] is bits [63:0] */
} ARMVReg;

typedef struct CPUARMState {
    uint64_t xregs[32];         /* X0..X30, and the current SP in [31] */
    uint64_t pc;
    uint32_t NF, ZF, CF, VF;    /* NZCV, see the top of this file */
    uint32_t pstate;            /* the rest of PSTATE */

    /*
     * FP/AdvSIMD control and status (ARM ARM C5.2.7, C5.2.8). The rounding
     * and flush controls of FPCR live in fp_status (single/double) and
     * fp_status_f16 (half precision, FZ16), whose cumulative flags are
     * FPSR's IOC..IDC: read FPSR through arm_fpsr_read. fpsr holds the
     * rest of FPSR (QC, which saturating SIMD helpers set directly).
     */
    uint64_t fpcr;
    uint64_t fpsr;
    FloatStatus fp_status;
    FloatStatus fp_status_f16;

    ARMVReg vregs[32] __attribute__((aligned(16)));

    uint64_t sp_el[4];          /* banked SPs (the current one is in xregs[31]) */
    uint64_t elr_el[4];
    uint64_t spsr_el[4];
    uint64_t esr_el[4];
    uint64_t far_el[4];
    uint64_t vbar_el[4];
    uint64_t sctlr_el[4];
    uint64_t ttbr0_el[4];
    uint64_t ttbr1_el[4];
    uint64_t tcr_el[4];
    uint64_t mair_el[4];
    uint64_t tpidr_el[4];
    uint64_t tpidrro_el0;
    uint64_t cpacr_el1;
    uint64_t contextidr_el1;
    uint64_t par_el1;
    uint64_t mdscr_el1;
    uint64_t scr_el3;
    uint64_t hcr_el2;
    uint64_t vttbr_el2, vtcr_el2;

    /* Generic timer (ARM ARM D11). */
    uint64_t cntfrq_el0;
    uint64_t cntvoff_el2;
    uint64_t cntkctl_el1;
    uint64_t cntv_ctl, cntv_cval;
    uint64_t cntp_ctl, cntp_cval;

    /* The exclusive monitor of LDXR/STXR (-1: open). */
    uint64_t exclusive_addr;
    uint64_t exclusive_val;
    uint64_t exclusive_high;

    /* The exception being raised, filled before cpu_loop_exit. */
    struct {
        uint32_t syndrome;      /* ESR_ELx value */
        uint32_t target_el;
        uint64_t vaddress;      /* FAR_ELx value */
    } exception;

    /* system registers (sysregs.c) */
    uint64_t amair_el1;
    uint64_t csselr_el1;
    uint64_t oslk;              /* OS Lock (OSLAR_EL1 write, OSLSR_EL1.OSLK) */
    uint64_t osdlr_el1;
    uint64_t mdccint_el1;
    uint64_t dbgbvr0, dbgbcr0, dbgwvr0, dbgwcr0;    /* the one breakpoint/watchpoint pair */
    uint64_t pmcr_el0, pmcnten, pmovs, pmuserenr, pmintens, pmccfiltr, pmselr;
    uint64_t pmccntr;           /* PMCCNTR_EL0 when stopped; counting: now - pmccntr_base */
    int64_t pmccntr_base;
    uint32_t psci_off;          /* PSCI: this CPU is powered off (CPU_OFF, not yet CPU_ON) */

    /*
     * EL2/EL3 state (sysregs.c, helper.c, timer.c; docs/devel/arm-el2-el3.md).
     * Registers with RES0/RES1 bits are stored masked, as they read.
     */
    uint64_t cptr_el2, cptr_el3;
    uint64_t mdcr_el2, mdcr_el3;
    uint64_t hstr_el2, hacr_el2;
    uint64_t vpidr_el2, vmpidr_el2;     /* what MIDR_EL1/MPIDR_EL1 read at EL1 */
    uint64_t amair_el2, amair_el3;
    uint64_t hpfar_el2;                 /* set on stage 2 faults (mmu.c) */
    uint64_t cnthctl_el2;
    uint64_t cnthp_ctl, cnthp_cval;     /* the EL2 physical timer */
    uint64_t cntps_ctl, cntps_cval;     /* the secure physical timer */
} CPUARMState;

typedef struct ARMISARegisters {
    uint64_t midr;
    uint64_t id_aa64isar0, id_aa64isar1;
    uint64_t id_aa64pfr0, id_aa64pfr1;
    uint64_t id_aa64mmfr0, id_aa64mmfr1, id_aa64mmfr2;
    uint64_t id_aa64dfr0;
    uint64_t ctr, dczid, clidr, revidr, mpidr;
} ARMISARegisters;

typedef struct ARMCPU {
    CPUState parent;
    CPUARMState env;
    const char *model;
    uint32_t features;          /* ARM_FEATURE_* */
    ARMISARegisters isar;
    uint64_t rvbar;             /* reset vector base */
    bool semihosting;           /* -semihosting: HLT #0xf000 is a semihosting call */
    /* The GICv3 CPU interface (ICC_* registers), NULL without: gicv3_cpuif_attach(). */
    struct GICv3CPU *gicv3_cpuif;
    /* EL2/EL3: which of HVC/SMC #0 Koine's PSCI answers (ARM_PSCI_*), see psci.c. */
    uint8_t psci_conduit;
    /* The EL PSCI CPU_ON starts a CPU at (non-secure): the EL the board booted at. */
    uint8_t boot_el;
} ARMCPU;

#define ARM_PSCI_NONE 0
#define ARM_PSCI_HVC  1
#define ARM_PSCI_SMC  2

static inline ARMCPU *arm_cpu(CPUState *cpu)
{
    return container_of(cpu, ARMCPU, parent);
}

static inline ARMCPU *env_arm_cpu(CPUARMState *env)
{
    return arm_cpu(env_cpu(env));
}

static inline unsigned arm_current_el(const CPUARMState *env)
{
    return (env->pstate & PSTATE_EL) >> PSTATE_EL_SHIFT;
}

static inline bool arm_feature(const ARMCPU *cpu, uint32_t feature)
{
    return cpu->features & feature;
}

/* ---- EL2/EL3 (ARM ARM D13.2.46 HCR_EL2, D13.2.113 SCR_EL3) ---- */

#define HCR_VM      (1ULL << 0)
#define HCR_FMO     (1ULL << 3)
#define HCR_IMO     (1ULL << 4)
#define HCR_AMO     (1ULL << 5)
#define HCR_VF      (1ULL << 6)
#define HCR_VI      (1ULL << 7)
#define HCR_VSE     (1ULL << 8)
#define HCR_DC      (1ULL << 12)
#define HCR_TWI     (1ULL << 13)
#define HCR_TWE     (1ULL << 14)
#define HCR_TID0    (1ULL << 15)
#define HCR_TID1    (1ULL << 16)
#define HCR_TID2    (1ULL << 17)
#define HCR_TID3    (1ULL << 18)
#define HCR_TSC     (1ULL << 19)
#define HCR_TIDCP   (1ULL << 20)
#define HCR_TACR    (1ULL << 21)
#define HCR_TSW     (1ULL << 22)
#define HCR_TPC     (1ULL << 23)
#define HCR_TPU     (1ULL << 24)
#define HCR_TTLB    (1ULL << 25)
#define HCR_TVM     (1ULL << 26)
#define HCR_TGE     (1ULL << 27)
#define HCR_HCD     (1ULL << 29)
#define HCR_TRVM    (1ULL << 30)
#define HCR_RW      (1ULL << 31)
#define HCR_VALID_V80 ((1ULL << 34) - 1)    /* bits [33:0]: ARMv8.0 */

#define SCR_NS      (1ULL << 0)
#define SCR_IRQ     (1ULL << 1)
#define SCR_FIQ     (1ULL << 2)
#define SCR_EA      (1ULL << 3)
#define SCR_RES1    (3ULL << 4)
#define SCR_SMD     (1ULL << 7)
#define SCR_HCE     (1ULL << 8)
#define SCR_SIF     (1ULL << 9)
#define SCR_RW      (1ULL << 10)
#define SCR_ST      (1ULL << 11)
#define SCR_TWI     (1ULL << 12)
#define SCR_TWE     (1ULL << 13)

/* CPTR_EL2/CPTR_EL3 (D13.2.30, D13.2.31). */
#define CPTR_TFP    (1ULL << 10)
#define CPTR_TTA    (1ULL << 20)
#define CPTR_TCPAC  (1ULL << 31)

/* EL0/EL1 run in Secure state: EL3 exists and SCR_EL3.NS is 0 (ARM ARM D1.2). */
static inline bool arm_is_secure_below_el3(const CPUARMState *env)
{
    const ARMCPU *cpu = container_of(env, const ARMCPU, env);

    return arm_feature(cpu, ARM_FEATURE_EL3) && !(env->scr_el3 & SCR_NS);
}

/* EL2 exists and is enabled in the current Security state (ARMv8.0: Non-secure only). */
static inline bool arm_el2_enabled(const CPUARMState *env)
{
    const ARMCPU *cpu = container_of(env, const ARMCPU, env);

    return arm_feature(cpu, ARM_FEATURE_EL2) && !arm_is_secure_below_el3(env);
}

/* HCR_EL2 as it acts on EL0/EL1: 0 when EL2 is absent or disabled (Secure state). */
static inline uint64_t arm_hcr_el2_eff(const CPUARMState *env)
{
    return arm_el2_enabled(env) ? env->hcr_el2 : 0;
}

/*
 * Puts a freshly reset CPU at the start of a lower EL (1 or 2, non-secure,
 * AArch64, SPx, DAIF masked) with the EL3/EL2 controls set as firmware
 * would leave them for an OS (SCR_EL3: NS, RW, HCE when EL2 exists; HCR_EL2
 * RW; CNTHCTL_EL2 opening the physical counter and timer): what a board
 * does for a Linux Image, and PSCI CPU_ON for a secondary CPU (cpu.c).
 */
void arm_cpu_enter_lower_el(ARMCPU *cpu, unsigned el);
/* Gives the CPU EL2 and/or EL3 (-M virt,virtualization=on,secure=on), before it runs. */
void arm_cpu_set_el_features(ARMCPU *cpu, bool el2, bool el3);
/* The EL an FP/AdvSIMD access traps to at the current EL (CPACR_EL1, CPTR_EL2/3), 0: none. */
unsigned arm_fp_trap_el(CPUARMState *env);

/* The full PSTATE as SPSR_ELx holds it, and back (which also swaps SP banks). */
uint32_t pstate_read(const CPUARMState *env);
void pstate_write(CPUARMState *env, uint32_t value);
/* Saves the current SP into its bank and loads the one PSTATE now selects. */
void arm_switch_sp(CPUARMState *env, uint32_t old_pstate);

/* FPCR and FPSR (vfp.c): the only ways to change the FP controls and read the flags. */
#define FPCR_FZ16   (1u << 19)
#define FPCR_RMODE_SHIFT 22
#define FPCR_FZ     (1u << 24)
#define FPCR_DN     (1u << 25)
#define FPCR_AHP    (1u << 26)
#define FPSR_QC     (1u << 27)
void arm_fpcr_write(CPUARMState *env, uint64_t value);
uint64_t arm_fpsr_read(CPUARMState *env);
void arm_fpsr_write(CPUARMState *env, uint64_t value);

/* The CPU models this build knows (-cpu help): NULL-terminated. */
extern const char *const arm_cpu_models[];
/* Creates and resets a CPU of the named model in the given address space. */
ARMCPU *arm_cpu_new(const char *model, unsigned index, AddressSpace *as, Error **errp);
void arm_cpu_free(ARMCPU *cpu);
void arm_cpu_reset(CPUState *cpu);

extern const TargetOps arm_target_ops;

/* TB flags (ARM's get_tb_cpu_state): what a translation depends on. */
#define ARM_TBFLAG_EL_SHIFT     0       /* 2 bits: current EL */
#define ARM_TBFLAG_MMUIDX_SHIFT 2       /* 4 bits: data MMU index */
#define ARM_TBFLAG_FPEN         (1u << 6)   /* FP/SIMD enabled (CPACR/CPTR) */
#define ARM_TBFLAG_SS           (1u << 7)   /* software step active */
#define ARM_TBFLAG_ALIGN        (1u << 8)   /* SCTLR.A: all accesses aligned */
#define ARM_TBFLAG_BE_DATA      (1u << 9)   /* big-endian data accesses */
#define ARM_TBFLAG_SEMIHOST     (1u << 10)  /* HLT #0xf000 is semihosting */

#endif
