/*
 * AArch64 exception entry and return, PSTATE, the stack pointer banks, and
 * the instructions whose effect depends on EL2/EL3 controls at run time
 * (HVC, SMC, WFI, WFE).
 *
 * Routing (ARM ARM D1.10, the tables "Routing of asynchronous exceptions"
 * and docs/devel/arm-el2-el3.md): code that raises a synchronous exception
 * names the EL the architecture gives it without EL2 routing controls
 * (EL1 for most things from EL0/EL1, EL2 or EL3 for their own traps), and
 * arm_do_interrupt applies HCR_EL2.TGE, which sends what would go to EL1
 * from EL0 to EL2. Interrupts are routed and masked in arm_exec_interrupt
 * from SCR_EL3.{IRQ,FIQ} and HCR_EL2.{IMO,FMO,TGE}; the virtual IRQ/FIQ
 * of HCR_EL2.{VI,VF} are taken at EL1.
 *
 * Security state (ARMv8.0): with EL3, SCR_EL3.NS says whether EL0/EL1 are
 * Non-secure; EL2 exists in Non-secure state only, so with NS = 0 HCR_EL2
 * has no effect (arm_hcr_el2_eff) and nothing is routed to EL2.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "target/arm/helper.h"
#include "target/arm/helper-sys.h"
#include "target/arm/translate.h"
#include "accel/tcg/tcg-accel.h"
#include "target/arm/internal.h"

static unsigned extract_el(uint64_t spsr)
{
    return (spsr & PSTATE_EL) >> PSTATE_EL_SHIFT;
}

uint32_t pstate_read(const CPUARMState *env)
{
    return env->pstate | (env->NF & 0x80000000u) | (env->ZF == 0 ? PSTATE_Z : 0) |
           (env->CF ? PSTATE_C : 0) | (env->VF & 0x80000000u ? PSTATE_V : 0);
}

/* Which SP bank PSTATE selects: SP_EL0, or SP_ELx of the current EL (ARM ARM D1.2.2). */
static unsigned sp_bank(uint32_t pstate)
{
    return pstate & PSTATE_SP ? (pstate & PSTATE_EL) >> PSTATE_EL_SHIFT : 0;
}

void arm_switch_sp(CPUARMState *env, uint32_t old_pstate)
{
    unsigned old_bank = sp_bank(old_pstate), new_bank = sp_bank(env->pstate);

    if (old_bank != new_bank) {
        env->sp_el[old_bank] = env->xregs[31];
        env->xregs[31] = env->sp_el[new_bank];
    }
}

void pstate_write(CPUARMState *env, uint32_t value)
{
    uint32_t old = env->pstate;

    env->NF = value & PSTATE_N;
    env->ZF = value & PSTATE_Z ? 0 : 1;
    env->CF = value & PSTATE_C ? 1 : 0;
    env->VF = value & PSTATE_V ? 0x80000000u : 0;
    env->pstate = value & ~PSTATE_NZCV;
    arm_switch_sp(env, old);
}

/* Raises a synchronous exception from a helper; env->pc is the preferred return address. */
static KOINE_NORETURN void raise_exception(CPUARMState *env, int excp, uint32_t syndrome,
                                           unsigned target_el)
{
    CPUState *cpu = env_cpu(env);

    env->exception.syndrome = syndrome;
    env->exception.target_el = target_el;
    cpu->exception_index = excp;
    cpu_loop_exit(cpu);
}

void helper_exception(void *opaque, uint32_t excp, uint32_t syndrome, uint32_t target_el)
{
    CPUARMState *env = opaque;

    /*
     * The generated code has set the PC the exception returns to. The FP
     * trap's EL depends on CPTR_EL2/EL3 as well as CPACR_EL1: the TB only
     * knows that some trap applies (ARM_TBFLAG_FPEN clear), the state says
     * which (it cannot have changed: writes to those registers end the TB).
     */
    if (syndrome >> 26 == ARM_EC_FP_ACCESS) {
        target_el = arm_fp_trap_el(env);
        assert(target_el != 0);
    }
    raise_exception(env, excp, syndrome, target_el);
}

const TCGHelperInfo helper_info_exception = {
    .func = helper_exception, .name = "exception",
    .nb_args = 4, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32, TCG_TYPE_I32, TCG_TYPE_I32 },
};

/*
 * Whether an ERET to spsr from EL cur is an illegal exception return (ARM
 * ARM D1.11.5 "Illegal return events from AArch64 state", pseudocode
 * IllegalExceptionReturn): AArch32 (no EL supports it here; SCR_EL3.RW
 * and HCR_EL2.RW are RAO, so lower ELs are never AArch32 by control bit
 * either), a reserved mode (M[1] set, or EL0 with SP_ELx), a higher EL,
 * an EL that is not implemented, EL2 in Secure state, or EL1 while
 * HCR_EL2.TGE sends everything from EL0 to EL2.
 */
static bool illegal_return(CPUARMState *env, unsigned cur, uint64_t spsr)
{
    ARMCPU *cpu = env_arm_cpu(env);
    unsigned new_el = extract_el(spsr);

    if ((spsr & PSTATE_nRW) || (spsr & 2) || new_el > cur ||
        (new_el == 0 && (spsr & PSTATE_SP))) {
        return true;
    }
    if (new_el == 2 && (!arm_feature(cpu, ARM_FEATURE_EL2) || arm_is_secure_below_el3(env))) {
        return true;
    }
    return new_el == 1 && cur >= 2 && (arm_hcr_el2_eff(env) & HCR_TGE);
}

/* ERET (ARM ARM C6.2.82, pseudocode AArch64.ExceptionReturn). */
void helper_exception_return(void *opaque)
{
    CPUARMState *env = opaque;
    unsigned cur = arm_current_el(env);
    uint32_t spsr = (uint32_t)env->spsr_el[cur];

    if (illegal_return(env, cur, spsr)) {
        /*
         * PSTATE.IL set, EL, SP and nRW unchanged, the other fields from
         * SPSR; execution goes on at ELR in this EL, where the instruction
         * takes the Illegal Execution state exception (EC 0x0e, D1.4.4)
         * instead of executing. Koine raises it here, at once: the same as
         * fetching that instruction (an interrupt the ERET unmasks is not
         * taken first, which the architecture would allow).
         */
        uint32_t keep = PSTATE_EL | PSTATE_SP | PSTATE_nRW;

        pstate_write(env, (spsr & ~keep) | (env->pstate & keep) | PSTATE_IL);
        env->pc = env->elr_el[cur];
        env->exclusive_addr = UINT64_MAX;
        raise_exception(env, EXCP_UDEF, syn_make(ARM_EC_ILLEGAL_STATE, 0), cur);
    }
    pstate_write(env, spsr);
    env->pc = env->elr_el[cur];
    env->exclusive_addr = UINT64_MAX;
}

const TCGHelperInfo helper_info_exception_return = {
    .func = helper_exception_return, .name = "exception_return",
    .nb_args = 1, .arg_types = { TCG_TYPE_PTR },
};

/*
 * WFI, WFE (the PC is the instruction's): first the traps, in the
 * architecture's order (pseudocode AArch64.CheckForWFxTrap): EL0/EL1 with
 * HCR_EL2.TWI/TWE to EL2, below EL3 with SCR_EL3.TWI/TWE to EL3; EC 0x01
 * with CV = 1, COND = 0b1110 (ISS encoding for an exception from a WFx
 * instruction) and TI saying which. Then WFI sleeps until an interrupt is
 * pending; WFE just lets other vCPUs run (the translator ends the TB
 * after it). SCTLR_EL1.nTWI/nTWE (EL0 to EL1) are not implemented: EL0
 * may always wait (tests/unit's harness ends EL0 code with a WFI).
 */
void helper_wfx(void *opaque, uint32_t is_wfe)
{
    CPUARMState *env = opaque;
    CPUState *cpu = env_cpu(env);
    ARMCPU *arm = env_arm_cpu(env);
    unsigned cur = arm_current_el(env);
    unsigned target = 0;

    if (cur <= 1 && (arm_hcr_el2_eff(env) & (is_wfe ? HCR_TWE : HCR_TWI))) {
        target = 2;
    } else if (cur <= 2 && arm_feature(arm, ARM_FEATURE_EL3) &&
               (env->scr_el3 & (is_wfe ? SCR_TWE : SCR_TWI))) {
        target = 3;
    }
    if (target) {
        raise_exception(env, EXCP_UDEF, syn_make(ARM_EC_WFX, 1u << 24 | 0xeu << 20 | is_wfe),
                        target);
    }
    env->pc += 4;
    if (!is_wfe) {
        cpu->halted = true;
        cpu->exception_index = EXCP_HLT;
        cpu_loop_exit(cpu);
    }
}

const TCGHelperInfo helper_info_wfx = {
    .func = helper_wfx, .name = "wfx",
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};

/* Whether Koine's PSCI takes this HVC/SMC #imm (psci.c; the board chose the conduit). */
static bool psci_claims(ARMCPU *cpu, bool is_smc, uint32_t imm)
{
    return imm == 0 && cpu->psci_conduit == (is_smc ? ARM_PSCI_SMC : ARM_PSCI_HVC);
}

/*
 * HVC (C6.2.117, pseudocode AArch64.CallHypervisor) from EL1 or above (the
 * translator makes it UNDEFINED at EL0). The PC is the instruction's.
 */
static void do_hvc(CPUARMState *env, uint32_t imm)
{
    ARMCPU *cpu = env_arm_cpu(env);
    unsigned cur = arm_current_el(env);
    bool enabled;

    if (psci_claims(cpu, false, imm)) {
        env->pc += 4;
        arm_psci_call(cpu);
        return;
    }
    /* No EL2, or Secure EL1 (EL2 is Non-secure only in ARMv8.0): UNDEFINED. */
    if (!arm_feature(cpu, ARM_FEATURE_EL2) || (cur == 1 && arm_is_secure_below_el3(env))) {
        raise_exception(env, EXCP_UDEF, syn_uncategorized(), MAX(cur, 1u));
    }
    /* Disabled by SCR_EL3.HCE = 0, or without EL3 by HCR_EL2.HCD = 1. */
    enabled = arm_feature(cpu, ARM_FEATURE_EL3) ? env->scr_el3 & SCR_HCE
                                                : !(env->hcr_el2 & HCR_HCD);
    if (!enabled) {
        raise_exception(env, EXCP_UDEF, syn_uncategorized(), cur);
    }
    env->pc += 4;
    raise_exception(env, EXCP_HVC, syn_make(ARM_EC_HVC64, imm), cur == 3 ? 3 : 2);
}

/*
 * SMC (C6.2.263, pseudocode AArch64.CheckForSMCUndefOrTrap and
 * AArch64.CallSecureMonitor): HCR_EL2.TSC traps it from Non-secure EL1 to
 * EL2 first (EC 0x17, ELR the SMC itself); then PSCI, when it is the
 * conduit; then UNDEFINED without EL3 or with SCR_EL3.SMD; else EL3.
 */
static void do_smc(CPUARMState *env, uint32_t imm)
{
    ARMCPU *cpu = env_arm_cpu(env);
    unsigned cur = arm_current_el(env);

    if (cur == 1 && (arm_hcr_el2_eff(env) & HCR_TSC)) {
        raise_exception(env, EXCP_UDEF, syn_make(ARM_EC_SMC64, imm), 2);
    }
    if (psci_claims(cpu, true, imm)) {
        env->pc += 4;
        arm_psci_call(cpu);
        return;
    }
    if (!arm_feature(cpu, ARM_FEATURE_EL3) || (env->scr_el3 & SCR_SMD)) {
        raise_exception(env, EXCP_UDEF, syn_uncategorized(), cur);
    }
    env->pc += 4;
    raise_exception(env, EXCP_SMC, syn_make(ARM_EC_SMC64, imm), 3);
}

void helper_hvc_smc(void *opaque, uint32_t is_smc, uint32_t imm)
{
    if (is_smc) {
        do_smc(opaque, imm);
    } else {
        do_hvc(opaque, imm);
    }
}

/* May raise an exception or run a PSCI call (X0..X3, PC): globals synced both ways. */
const TCGHelperInfo helper_info_hvc_smc = {
    .func = helper_hvc_smc, .name = "hvc_smc",
    .nb_args = 3, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32, TCG_TYPE_I32 },
};

/*
 * Takes the pending exception (ARM ARM D1.10: exception entry): SPSR and
 * ELR of the target EL get the old PSTATE and the return address, ESR (and
 * FAR for aborts) the syndrome, PSTATE goes to the target EL on SP_ELx with
 * DAIF masked, and the PC to the vector: VBAR + 0x000 (current EL, SP_EL0),
 * 0x200 (current EL, SP_ELx) or 0x400 (lower EL, AArch64), plus 0x80 for
 * IRQ, 0x100 for FIQ. Interrupts come with their target EL from
 * arm_exec_interrupt; synchronous exceptions get HCR_EL2.TGE routing here.
 */
void arm_do_interrupt(CPUState *cpu)
{
    ARMCPU *arm = arm_cpu(cpu);
    CPUARMState *env = &arm->env;
    unsigned cur = arm_current_el(env);
    unsigned new_el = env->exception.target_el;
    uint64_t offset;
    uint32_t old = pstate_read(env);

    switch (cpu->exception_index) {
    case EXCP_IRQ:
        offset = 0x80;
        break;
    case EXCP_FIQ:
        offset = 0x100;
        break;
    default: {
        uint32_t syndrome = env->exception.syndrome;

        offset = 0;
        new_el = MAX(new_el, 1u);
        if (new_el == 1 && cur == 0 && (arm_hcr_el2_eff(env) & HCR_TGE)) {
            /*
             * AArch64.TakeException with route_to_el2; an FP trap routed so
             * is reported as Uncategorized (AArch64.AdvSIMDFPAccessTrap).
             */
            new_el = 2;
            if (syndrome >> 26 == ARM_EC_FP_ACCESS) {
                syndrome = syn_uncategorized();
            }
        }
        new_el = MAX(new_el, cur);
        env->esr_el[new_el] = syndrome;
        if (cpu->exception_index == EXCP_DATA_ABORT ||
            cpu->exception_index == EXCP_PREFETCH_ABORT) {
            env->far_el[new_el] = env->exception.vaddress;
        }
        break;
    }
    }
    /* The target EL exists: anything else is a bug in the code that raised it. */
    assert(new_el >= 1 && new_el <= 3);
    assert(new_el != 2 || arm_feature(arm, ARM_FEATURE_EL2));
    assert(new_el != 3 || arm_feature(arm, ARM_FEATURE_EL3));
    if (new_el == cur) {
        offset += old & PSTATE_SP ? 0x200 : 0;
    } else {
        offset += 0x400;
    }
    env->spsr_el[new_el] = old;
    env->elr_el[new_el] = env->pc;
    pstate_write(env, (old & (PSTATE_NZCV | PSTATE_PAN)) | PSTATE_DAIF | PSTATE_SP |
                      new_el << PSTATE_EL_SHIFT);
    env->pc = env->vbar_el[new_el] + offset;
    env->exclusive_addr = UINT64_MAX;
}

/*
 * The EL a physical IRQ (or FIQ) goes to (ARM ARM D1.10.4, "Routing of
 * asynchronous exceptions"): EL3 with SCR_EL3.IRQ, else EL2 with
 * HCR_EL2.IMO or TGE (EL2 enabled), else EL1.
 */
static unsigned physical_irq_target(CPUARMState *env, bool fiq)
{
    ARMCPU *cpu = env_arm_cpu(env);
    uint64_t hcr = arm_hcr_el2_eff(env);

    if (arm_feature(cpu, ARM_FEATURE_EL3) && (env->scr_el3 & (fiq ? SCR_FIQ : SCR_IRQ))) {
        return 3;
    }
    if (hcr & (HCR_TGE | (fiq ? HCR_FMO : HCR_IMO))) {
        return 2;
    }
    return 1;
}

/*
 * Masking (ARM ARM D1.10.4, the tables of interrupt masking): an interrupt
 * for a lower EL than the current one waits; one for the current EL (or
 * for EL1 at EL0) is masked by PSTATE.I/F; one for a higher EL is taken
 * whatever PSTATE says.
 */
static bool interrupt_taken(CPUARMState *env, unsigned target, uint32_t mask_bit)
{
    unsigned cur = arm_current_el(env);

    if (target < cur) {
        return false;
    }
    if (target == cur || target == 1) {
        return !(env->pstate & mask_bit);
    }
    return true;
}

static bool deliver(CPUState *cpu, int excp, unsigned target_el)
{
    CPUARMState *env = &arm_cpu(cpu)->env;

    cpu->exception_index = excp;
    env->exception.target_el = target_el;
    arm_do_interrupt(cpu);
    cpu->exception_index = EXCP_NONE;
    return true;
}

bool arm_exec_interrupt(CPUState *cpu, uint32_t request)
{
    CPUARMState *env = &arm_cpu(cpu)->env;
    uint64_t hcr = arm_hcr_el2_eff(env);
    unsigned t;

    if (request & CPU_INTERRUPT_FIQ) {
        t = physical_irq_target(env, true);
        if (interrupt_taken(env, t, PSTATE_F)) {
            return deliver(cpu, EXCP_FIQ, t);
        }
    }
    if (request & CPU_INTERRUPT_HARD) {
        t = physical_irq_target(env, false);
        if (interrupt_taken(env, t, PSTATE_I)) {
            return deliver(cpu, EXCP_IRQ, t);
        }
    }
    /*
     * Virtual interrupts (D1.10.5): HCR_EL2.VF/VI with FMO/IMO, taken at
     * EL1 from EL0/EL1, masked by PSTATE.F/I there; never with TGE.
     */
    if (!(hcr & HCR_TGE) && arm_current_el(env) <= 1) {
        if ((request & CPU_INTERRUPT_VFIQ) && (hcr & HCR_FMO) && !(env->pstate & PSTATE_F)) {
            return deliver(cpu, EXCP_FIQ, 1);
        }
        if ((request & CPU_INTERRUPT_VIRQ) && (hcr & HCR_IMO) && !(env->pstate & PSTATE_I)) {
            return deliver(cpu, EXCP_IRQ, 1);
        }
    }
    return false;
}

void arm_update_virtual_irqs(CPUARMState *env)
{
    CPUState *cpu = env_cpu(env);

    if (env->hcr_el2 & HCR_VI) {
        cpu_interrupt(cpu, CPU_INTERRUPT_VIRQ);
    } else {
        cpu_reset_interrupt(cpu, CPU_INTERRUPT_VIRQ);
    }
    if (env->hcr_el2 & HCR_VF) {
        cpu_interrupt(cpu, CPU_INTERRUPT_VFIQ);
    } else {
        cpu_reset_interrupt(cpu, CPU_INTERRUPT_VFIQ);
    }
}
