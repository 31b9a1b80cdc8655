/*
 * AArch64 CPU models, reset, and the TargetOps table.
 *
 * The ID registers of each model advertise only what Koine implements, so
 * guests never probe a feature and then use something missing: features
 * the real cores have but Koine lacks (see docs/user/arm-cpus.md) read as
 * not implemented. EL2 and EL3 are board options (arm_cpu_set_el_features,
 * docs/devel/arm-el2-el3.md), not model properties.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "target/arm/internal.h"
#include "target/arm/helper-sys.h"
#include "target/arm/helper-ldst.h"
#include "accel/tcg/tcg-accel.h"
#include "util/bitops.h"

#include <capstone/capstone.h>

CPU_CHECK_LAYOUT(ARMCPU, env);

typedef struct ARMCPUModel {
    const char *name;
    uint64_t midr;
    uint32_t features;
} ARMCPUModel;

/*
 * MIDR values: the cores' Technical Reference Manuals. The Cryptographic
 * Extension (AES with PMULL, SHA1, SHA256) is an option of the A53/A57/A72;
 * the models have it, as the SoCs Debian's kernel runs on do.
 */
static const ARMCPUModel models[] = {
    { "cortex-a53", 0x410fd034, ARM_FEATURE_CRC32 | ARM_FEATURE_AES | ARM_FEATURE_PMULL |
                                ARM_FEATURE_SHA1 | ARM_FEATURE_SHA256 },
    { "cortex-a57", 0x411fd070, ARM_FEATURE_CRC32 | ARM_FEATURE_AES | ARM_FEATURE_PMULL |
                                ARM_FEATURE_SHA1 | ARM_FEATURE_SHA256 },
    { "cortex-a72", 0x410fd083, ARM_FEATURE_CRC32 | ARM_FEATURE_AES | ARM_FEATURE_PMULL |
                                ARM_FEATURE_SHA1 | ARM_FEATURE_SHA256 },
    { "max", 0x411fd070, ARM_FEATURE_CRC32 | ARM_FEATURE_PAN | ARM_FEATURE_ATOMICS |
                         ARM_FEATURE_AES | ARM_FEATURE_PMULL | ARM_FEATURE_SHA1 |
                         ARM_FEATURE_SHA256 },
};

const char *const arm_cpu_models[] = { "cortex-a53", "cortex-a57", "cortex-a72", "max", NULL };

static const ARMCPUModel *find_model(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(models); i++) {
        if (strcmp(models[i].name, name) == 0) {
            return &models[i];
        }
    }
    return NULL;
}

/* ID registers from what is implemented (ARM ARM D17.2: the field layouts). */
static void set_id_registers(ARMCPU *cpu, const ARMCPUModel *m)
{
    ARMISARegisters *isar = &cpu->isar;

    isar->midr = m->midr;
    isar->revidr = 0;
    isar->mpidr = 1ULL << 31 | cpu->parent.cpu_index;     /* Aff0 = CPU number */
    /*
     * ID_AA64PFR0: EL0/EL1 AArch64 only; FP and AdvSIMD implemented (0), without
     * half-precision arithmetic (which would be 1).
     */
    isar->id_aa64pfr0 = 1 << 0 | 1 << 4;
    if (arm_feature(cpu, ARM_FEATURE_EL2)) {
        isar->id_aa64pfr0 |= 1 << 8;
    }
    if (arm_feature(cpu, ARM_FEATURE_EL3)) {
        isar->id_aa64pfr0 |= 1 << 12;
    }
    isar->id_aa64isar0 = arm_feature(cpu, ARM_FEATURE_CRC32) ? 1ULL << 16 : 0;
    if (arm_feature(cpu, ARM_FEATURE_ATOMICS)) {
        isar->id_aa64isar0 |= 2ULL << 20;
    }
    /* AES (bits 7:4): 1, 2 with PMULL; SHA1 (11:8); SHA2 (15:12): 1 for SHA256. */
    if (arm_feature(cpu, ARM_FEATURE_AES)) {
        isar->id_aa64isar0 |= (arm_feature(cpu, ARM_FEATURE_PMULL) ? 2ULL : 1ULL) << 4;
    }
    if (arm_feature(cpu, ARM_FEATURE_SHA1)) {
        isar->id_aa64isar0 |= 1ULL << 8;
    }
    if (arm_feature(cpu, ARM_FEATURE_SHA256)) {
        isar->id_aa64isar0 |= 1ULL << 12;
    }
    isar->id_aa64isar1 = 0;
    /* ID_AA64MMFR0: 48-bit PA, 4K, 16K and 64K granules (docs/devel/arm-mmu.md). */
    isar->id_aa64mmfr0 = 5 | 1ULL << 20 /* TGran16 yes */ | 0ULL << 24 /* 64K yes */ |
                         0ULL << 28 /* 4K yes */;
    isar->id_aa64mmfr1 = arm_feature(cpu, ARM_FEATURE_PAN) ? 1ULL << 20 : 0;
    isar->id_aa64mmfr2 = 0;
    isar->id_aa64dfr0 = 6;
    /* CTR_EL0: 64-byte lines (DminLine, IminLine = 4), PIPT I-cache. */
    isar->ctr = 0x8444c004;
    isar->dczid = 4;       /* DC ZVA: 64 bytes */
    isar->clidr = 0;
}

void arm_cpu_reset(CPUState *cs)
{
    ARMCPU *cpu = arm_cpu(cs);
    CPUARMState *env = &cpu->env;
    unsigned el = arm_feature(cpu, ARM_FEATURE_EL3) ? 3 : arm_feature(cpu, ARM_FEATURE_EL2) ? 2 : 1;

    memset(env, 0, sizeof(*env));
    /* Reset in the highest EL, on SP_ELx, with every exception masked (ARM ARM D1.9). */
    env->pstate = PSTATE_DAIF | PSTATE_SP | el << PSTATE_EL_SHIFT;
    env->ZF = 1;
    env->pc = cpu->rvbar;
    /* SCTLR_EL1 RES1 bits; MMU and caches off. */
    env->sctlr_el[1] = 0x30d00800;
    env->sctlr_el[2] = 0x30c50830;
    env->sctlr_el[3] = 0x30c50830;
    /*
     * EL2/EL3 controls (docs/devel/arm-el2-el3.md): what the architecture
     * leaves UNKNOWN resets to 0 (every trap off, Secure state at EL3),
     * except the RES1/RAO bits (SCR_EL3.RW and HCR_EL2.RW: no AArch32),
     * CNTHCTL_EL2.EL1PCTEN/EL1PCEN (EL1 keeps its physical counter and
     * timer unless EL2 code takes them away), and VPIDR/VMPIDR_EL2, which
     * reset to MIDR/MPIDR so EL1 sees the real values.
     */
    if (arm_feature(cpu, ARM_FEATURE_EL3)) {
        env->scr_el3 = SCR_RES1 | SCR_RW;
    }
    if (arm_feature(cpu, ARM_FEATURE_EL2)) {
        env->hcr_el2 = HCR_RW;
        env->cptr_el2 = 0x33ff;         /* RES1 bits [13:12], [9:0] */
        env->cnthctl_el2 = 3;
        env->vpidr_el2 = cpu->isar.midr;
        env->vmpidr_el2 = cpu->isar.mpidr;
    }
    env->cntfrq_el0 = 62500000;     /* 62.5 MHz, what QEMU's virt advertises */
    float_status_init_arm(&env->fp_status);
    float_status_init_arm(&env->fp_status_f16);
    arm_fpcr_write(env, 0);
    env->exclusive_addr = UINT64_MAX;
    cs->exception_index = EXCP_NONE;
    cs->halted = false;
    cs->stopped = false;            /* powered on (PSCI: psci.c) */
    cs->interrupt_request = 0;
    tlb_flush(cs);
}

void arm_cpu_enter_lower_el(ARMCPU *cpu, unsigned el)
{
    CPUARMState *env = &cpu->env;

    assert(el == 1 || (el == 2 && arm_feature(cpu, ARM_FEATURE_EL2)));
    if (arm_feature(cpu, ARM_FEATURE_EL3)) {
        env->scr_el3 = SCR_RES1 | SCR_RW | SCR_NS |
                       (arm_feature(cpu, ARM_FEATURE_EL2) ? SCR_HCE : 0);
    }
    if (arm_feature(cpu, ARM_FEATURE_EL2)) {
        env->hcr_el2 = HCR_RW;
        env->cnthctl_el2 = 3;
    }
    pstate_write(env, PSTATE_DAIF | PSTATE_SP | el << PSTATE_EL_SHIFT);
}

void arm_cpu_set_el_features(ARMCPU *cpu, bool el2, bool el3)
{
    cpu->features &= ~(ARM_FEATURE_EL2 | ARM_FEATURE_EL3);
    cpu->features |= (el2 ? ARM_FEATURE_EL2 : 0) | (el3 ? ARM_FEATURE_EL3 : 0);
    set_id_registers(cpu, find_model(cpu->model));
    /* PSCI by default where no EL would take the call; boards choose otherwise. */
    cpu->psci_conduit = !el2 ? ARM_PSCI_HVC : !el3 ? ARM_PSCI_SMC : ARM_PSCI_NONE;
    cpu->boot_el = el2 ? 2 : 1;
    arm_cpu_reset(&cpu->parent);
}

/*
 * The FP/AdvSIMD traps, in the order the architecture checks them
 * (ARM ARM D1.11.5, pseudocode AArch64.CheckFPAdvSIMDEnabled): at EL0/EL1
 * CPACR_EL1.FPEN (0b11 enables both, 0b01 EL1 only) traps to EL1; below
 * EL3, CPTR_EL2.TFP (when EL2 is enabled) to EL2; then CPTR_EL3.TFP to
 * EL3. A trap to EL1 from EL0 with HCR_EL2.TGE goes to EL2 (helper.c).
 */
unsigned arm_fp_trap_el(CPUARMState *env)
{
    ARMCPU *cpu = env_arm_cpu(env);
    unsigned el = arm_current_el(env);

    if (el <= 1) {
        unsigned fpen = extract64(env->cpacr_el1, 20, 2);

        if (!(fpen == 3 || (fpen == 1 && el == 1))) {
            return 1;
        }
    }
    if (el <= 2 && arm_el2_enabled(env) && (env->cptr_el2 & CPTR_TFP)) {
        return 2;
    }
    if (arm_feature(cpu, ARM_FEATURE_EL3) && (env->cptr_el3 & CPTR_TFP)) {
        return 3;
    }
    return 0;
}

static unsigned arm_mmu_index(CPUState *cs, bool ifetch);

static void arm_get_tb_cpu_state(CPUState *cs, uint64_t *pc, uint64_t *cs_base, uint32_t *flags)
{
    ARMCPU *cpu = arm_cpu(cs);
    CPUARMState *env = &cpu->env;
    unsigned el = arm_current_el(env);
    unsigned mmu_idx = arm_mmu_index(cs, false);
    uint32_t f = el << ARM_TBFLAG_EL_SHIFT | mmu_idx << ARM_TBFLAG_MMUIDX_SHIFT;

    /*
     * SCTLR_ELx.A, or translation off: data is then Device memory, which
     * must be accessed aligned (ARM ARM D8.2.10, B2.5.2). Checked inline,
     * so the pages need no TLB_CHECK_ALIGNED (arm_tlb_fill).
     */
    if ((env->sctlr_el[MAX(el, 1u)] & (1u << 1)) ||
        arm_untranslated_device(env, mmu_idx)) {
        f |= ARM_TBFLAG_ALIGN;
    }
    if (cpu->semihosting) {
        f |= ARM_TBFLAG_SEMIHOST;
    }
    if (arm_fp_trap_el(env) == 0) {
        f |= ARM_TBFLAG_FPEN;
    }
    *pc = env->pc;
    *cs_base = 0;
    *flags = f;
}

static void arm_restore_state(CPUState *cs, const uint64_t *data)
{
    arm_cpu(cs)->env.pc = data[0];
}

static unsigned arm_mmu_index(CPUState *cs, bool ifetch)
{
    CPUARMState *env = &arm_cpu(cs)->env;

    switch (arm_current_el(env)) {
    case 0:
        return ARM_MMU_IDX_EL10_0;
    case 1:
        return !ifetch && (env->pstate & PSTATE_PAN) ? ARM_MMU_IDX_EL10_1_PAN
                                                     : ARM_MMU_IDX_EL10_1;
    case 2:
        return ARM_MMU_IDX_EL2;
    default:
        return ARM_MMU_IDX_EL3;
    }
}

static void arm_dump_state(CPUState *cs, FILE *out)
{
    CPUARMState *env = &arm_cpu(cs)->env;
    uint32_t ps = pstate_read(env);

    fprintf(out, "PC=%016" PRIx64 " SP=%016" PRIx64 "\n", env->pc, env->xregs[31]);
    for (int i = 0; i < 31; i++) {
        fprintf(out, "X%02d=%016" PRIx64 "%s", i, env->xregs[i], i % 4 == 3 ? "\n" : " ");
    }
    fprintf(out, "\nPSTATE=%08x %c%c%c%c EL%u%c\n", ps, ps & PSTATE_N ? 'N' : '-',
            ps & PSTATE_Z ? 'Z' : '-', ps & PSTATE_C ? 'C' : '-', ps & PSTATE_V ? 'V' : '-',
            arm_current_el(env), ps & PSTATE_SP ? 'h' : 't');
}

const TargetOps arm_target_ops = {
    .arch = "aarch64",
    .cpu_size = sizeof(ARMCPU),
    .nb_mmu_modes = ARM_MMU_IDX_COUNT,
    .insn_start_words = 1,
    .init_globals = arm_init_globals,
    .reset = arm_cpu_reset,
    .get_tb_cpu_state = arm_get_tb_cpu_state,
    .translate = arm_translate,
    .restore_state = arm_restore_state,
    .tlb_fill = arm_tlb_fill,
    .unaligned_access = arm_unaligned_access,
    .transaction_failed = arm_transaction_failed,
    .do_interrupt = arm_do_interrupt,
    .exec_interrupt = arm_exec_interrupt,
    .mmu_index = arm_mmu_index,
    .get_phys_addr_debug = arm_get_phys_addr_debug,
    .dump_state = arm_dump_state,
    .capstone_arch = CS_ARCH_ARM64,
    .capstone_mode = CS_MODE_LITTLE_ENDIAN,
};

ARMCPU *arm_cpu_new(const char *model, unsigned index, AddressSpace *as, Error **errp)
{
    const ARMCPUModel *m = find_model(model);
    ARMCPU *cpu;

    if (!m) {
        error_setg(errp, "unknown CPU model '%s'", model);
        return NULL;
    }
    cpu = g_malloc0(sizeof(ARMCPU));
    cpu->parent.ops = &arm_target_ops;
    cpu->parent.cpu_index = index;
    cpu->parent.as = as;
    cpu->model = m->name;
    cpu->features = m->features;
    set_id_registers(cpu, m);
    cpu->psci_conduit = ARM_PSCI_HVC;
    cpu->boot_el = 1;
    tlb_init(&cpu->parent, ARM_MMU_IDX_COUNT);
    tcg_accel_register_cpu(&cpu->parent);
    arm_cpu_reset(&cpu->parent);
    return cpu;
}

void arm_cpu_free(ARMCPU *cpu)
{
    if (cpu) {
        arm_gt_cpu_cleanup(cpu);
        tcg_accel_unregister_cpu(&cpu->parent);
        tlb_destroy(&cpu->parent);
        g_free(cpu);
    }
}
