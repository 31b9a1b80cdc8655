/*
 * AArch64 exception entry and return, PSTATE, and the stack pointer banks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "target/arm/helper.h"
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

void helper_exception(void *opaque, uint32_t excp, uint32_t syndrome, uint32_t target_el)
{
    CPUARMState *env = opaque;
    CPUState *cpu = env_cpu(env);

    /* The generated code has set the PC the exception returns to. */
    env->exception.syndrome = syndrome;
    env->exception.target_el = target_el;
    cpu->exception_index = excp;
    cpu_loop_exit(cpu);
}

const TCGHelperInfo helper_info_exception = {
    .func = helper_exception, .name = "exception",
    .nb_args = 4, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32, TCG_TYPE_I32, TCG_TYPE_I32 },
};

/* ERET (ARM ARM D1.10.2 and the pseudocode of ExceptionReturn). */
void helper_exception_return(void *opaque)
{
    CPUARMState *env = opaque;
    unsigned cur = arm_current_el(env);
    uint64_t spsr = env->spsr_el[cur];
    unsigned new_el = extract_el(spsr);

    if ((spsr & PSTATE_nRW) || new_el > cur || (new_el == 0 && (spsr & PSTATE_SP))) {
        /* An illegal return: stay at this EL with PSTATE.IL set (ARM ARM D1.10.3). */
        env->pstate |= PSTATE_IL;
        env->pc = env->elr_el[cur] & ~(uint64_t)3;
        return;
    }
    pstate_write(env, (uint32_t)spsr);
    env->pc = env->elr_el[cur];
    env->exclusive_addr = UINT64_MAX;
}

const TCGHelperInfo helper_info_exception_return = {
    .func = helper_exception_return, .name = "exception_return",
    .nb_args = 1, .arg_types = { TCG_TYPE_PTR },
};

/* WFI: sleep until an interrupt is pending (the PC already points past it). */
void helper_wfi(void *opaque)
{
    CPUARMState *env = opaque;
    CPUState *cpu = env_cpu(env);

    cpu->halted = true;
    cpu->exception_index = EXCP_HLT;
    cpu_loop_exit(cpu);
}

const TCGHelperInfo helper_info_wfi = {
    .func = helper_wfi, .name = "wfi",
    .nb_args = 1, .arg_types = { TCG_TYPE_PTR },
};

/*
 * Takes the pending exception (ARM ARM D1.10: exception entry): SPSR and
 * ELR of the target EL get the old PSTATE and the return address, ESR (and
 * FAR for aborts) the syndrome, PSTATE goes to the target EL on SP_ELx with
 * DAIF masked, and the PC to the vector: VBAR + 0x000 (current EL, SP_EL0),
 * 0x200 (current EL, SP_ELx) or 0x400 (lower EL, AArch64), plus 0x80 for
 * IRQ, 0x100 for FIQ.
 */
void arm_do_interrupt(CPUState *cpu)
{
    CPUARMState *env = &arm_cpu(cpu)->env;
    unsigned cur = arm_current_el(env);
    unsigned new_el;
    uint64_t offset;
    uint32_t old = pstate_read(env);

    switch (cpu->exception_index) {
    case EXCP_IRQ:
        new_el = MAX(cur, 1u);
        offset = 0x80;
        break;
    case EXCP_FIQ:
        new_el = MAX(cur, 1u);
        offset = 0x100;
        break;
    default:
        new_el = env->exception.target_el;
        offset = 0;
        env->esr_el[new_el] = env->exception.syndrome;
        if (cpu->exception_index == EXCP_DATA_ABORT ||
            cpu->exception_index == EXCP_PREFETCH_ABORT) {
            env->far_el[new_el] = env->exception.vaddress;
        }
        break;
    }
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

bool arm_exec_interrupt(CPUState *cpu, uint32_t request)
{
    CPUARMState *env = &arm_cpu(cpu)->env;

    if ((request & CPU_INTERRUPT_FIQ) && !(env->pstate & PSTATE_F)) {
        cpu->exception_index = EXCP_FIQ;
    } else if ((request & CPU_INTERRUPT_HARD) && !(env->pstate & PSTATE_I)) {
        cpu->exception_index = EXCP_IRQ;
    } else {
        return false;
    }
    arm_do_interrupt(cpu);
    cpu->exception_index = EXCP_NONE;
    return true;
}
