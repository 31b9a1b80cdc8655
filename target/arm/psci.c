/*
 * PSCI, the Power State Coordination Interface (Arm DEN 0022), answered by
 * Koine instead of guest firmware: ARMCPU.psci_conduit says whether HVC #0
 * or SMC #0 is a PSCI call (or neither, when firmware at EL3 provides
 * PSCI). CPUs default to HVC without EL2, else SMC without EL3, else none;
 * boards choose (virt.c: SMC with virtualization=on, since HVC then
 * belongs to the guest's EL2 code). This is what Linux's "psci" device tree
 * node with method "hvc" or "smc" expects (QEMU's virt does the same).
 * helper.c decides when the instruction reaches PSCI (HCR_EL2.TSC traps
 * an SMC to EL2 first).
 *
 * The call takes the function ID in W0 and arguments in X1..X3 (W1..W3 for
 * the SMC32 forms, 0x84000000 + n; the SMC64 forms are 0xC4000000 + n) and
 * returns its result in X0.
 *
 * Implemented: PSCI_VERSION (1.0), CPU_SUSPEND (as a standby that returns
 * at once), CPU_OFF, CPU_ON, AFFINITY_INFO, MIGRATE_INFO_TYPE (no Trusted
 * OS), SYSTEM_OFF, SYSTEM_RESET, PSCI_FEATURES. A powered-off CPU is
 * halted and stopped (CPUState.stopped: the vCPU thread never picks it,
 * whatever interrupt is pending) with every interrupt masked; CPU_ON, or a
 * reset, gives it a fresh state at the entry point with the context ID in
 * X0 and wakes it: at ARMCPU.boot_el (Non-secure EL2 when the board booted
 * the kernel there, else EL1; Linux wants every CPU at the same EL), with
 * SCR_EL3/HCR_EL2 set up for it (arm_cpu_enter_lower_el).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "target/arm/helper-sys.h"
#include "accel/tcg/tcg-accel.h"
#include "softmmu/runstate.h"

/* MPIDR_EL1 affinity fields Aff3, Aff2, Aff1, Aff0 (D17.2.101). */
#define MPIDR_AFF_MASK 0xff00ffffffULL

static ARMCPU *(*board_lookup)(uint64_t mpidr, void *opaque);
static void *board_lookup_opaque;

void arm_psci_set_cpu_lookup(ARMCPU *(*lookup)(uint64_t mpidr, void *opaque), void *opaque)
{
    board_lookup = lookup;
    board_lookup_opaque = opaque;
}

static ARMCPU *find_cpu(uint64_t mpidr)
{
    CPUState *const *cpus = tcg_accel_cpus();

    if (board_lookup) {
        return board_lookup(mpidr, board_lookup_opaque);
    }
    for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
        if (cpus[i]->ops == &arm_target_ops &&
            (arm_cpu(cpus[i])->isar.mpidr & MPIDR_AFF_MASK) == (mpidr & MPIDR_AFF_MASK)) {
            return arm_cpu(cpus[i]);
        }
    }
    return NULL;
}

static void power_off(ARMCPU *cpu)
{
    cpu->env.psci_off = 1;
    cpu->env.pstate |= PSTATE_DAIF;
    cpu->parent.halted = true;
    /* Not even a pending interrupt makes it run (the vCPU thread skips stopped CPUs). */
    cpu->parent.stopped = true;
}

void arm_psci_set_powered_off(ARMCPU *cpu)
{
    power_off(cpu);
}

/* Halts the calling CPU (CPU_OFF, SYSTEM_OFF, SYSTEM_RESET never return). */
static KOINE_NORETURN void stop_self(ARMCPU *cpu)
{
    cpu->parent.halted = true;
    cpu->parent.exception_index = EXCP_HLT;
    cpu_loop_exit(&cpu->parent);
}

/* CPU_ON (DEN 0022 5.6): a fresh ELxh state, MMU off, at entry with X0 = context_id. */
static int32_t cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context_id)
{
    ARMCPU *target = find_cpu(mpidr);
    CPUARMState *env;

    if (!target) {
        return PSCI_RET_INVALID_PARAMS;
    }
    if (!target->env.psci_off) {
        return PSCI_RET_ALREADY_ON;
    }
    env = &target->env;
    memset(env->xregs, 0, sizeof(env->xregs));
    env->sctlr_el[1] = 0x30d00800;          /* the reset values: MMU and caches off */
    env->sctlr_el[2] = 0x30c50830;
    arm_cpu_enter_lower_el(target, target->boot_el);
    env->pc = entry;
    env->xregs[0] = context_id;
    env->exclusive_addr = UINT64_MAX;
    env->psci_off = 0;
    target->parent.stopped = false;
    /* The target may run in another thread: it flushes at its next TB. */
    tlb_flush_async(&target->parent, (1u << ARM_MMU_IDX_COUNT) - 1);
    target->parent.halted = false;
    cpu_interrupt(&target->parent, CPU_INTERRUPT_EXITTB);
    return PSCI_RET_SUCCESS;
}

static bool is_supported(uint32_t fn)
{
    switch (fn) {
    case PSCI_FN_VERSION:
    case PSCI_FN_CPU_SUSPEND:
    case PSCI_FN_CPU_SUSPEND | PSCI_0_2_64BIT:
    case PSCI_FN_CPU_OFF:
    case PSCI_FN_CPU_ON:
    case PSCI_FN_CPU_ON | PSCI_0_2_64BIT:
    case PSCI_FN_AFFINITY_INFO:
    case PSCI_FN_AFFINITY_INFO | PSCI_0_2_64BIT:
    case PSCI_FN_MIGRATE_INFO_TYPE:
    case PSCI_FN_SYSTEM_OFF:
    case PSCI_FN_SYSTEM_RESET:
    case PSCI_FN_FEATURES:
        return true;
    default:
        return false;
    }
}

void arm_psci_call(ARMCPU *cpu)
{
    CPUARMState *env = &cpu->env;
    uint32_t fn = (uint32_t)env->xregs[0];
    bool smc64 = fn & PSCI_0_2_64BIT;
    uint64_t mask = smc64 ? UINT64_MAX : UINT32_MAX;
    uint64_t a1 = env->xregs[1] & mask, a2 = env->xregs[2] & mask, a3 = env->xregs[3] & mask;
    int64_t ret;

    if (!is_supported(fn)) {
        log_mask(log_unimp, "PSCI: function 0x%08x not supported\n", fn);
        env->xregs[0] = (uint64_t)(int64_t)PSCI_RET_NOT_SUPPORTED;
        return;
    }
    switch (fn & ~PSCI_0_2_64BIT) {
    case PSCI_FN_VERSION:
        ret = PSCI_VERSION_REPORTED;
        break;
    case PSCI_FN_CPU_SUSPEND:
        ret = PSCI_RET_SUCCESS;     /* a standby state that ends at once */
        break;
    case PSCI_FN_CPU_OFF:
        power_off(cpu);
        stop_self(cpu);
    case PSCI_FN_CPU_ON:
        ret = cpu_on(a1, a2, a3);
        break;
    case PSCI_FN_AFFINITY_INFO: {
        ARMCPU *target = find_cpu(a1);

        if (a2 != 0 || !target) {
            ret = PSCI_RET_INVALID_PARAMS;
        } else {
            ret = target->env.psci_off ? 1 : 0;     /* OFF : ON */
        }
        break;
    }
    case PSCI_FN_MIGRATE_INFO_TYPE:
        ret = 2;                    /* no Trusted OS: nothing to migrate */
        break;
    case PSCI_FN_SYSTEM_OFF:
        system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        stop_self(cpu);
    case PSCI_FN_SYSTEM_RESET:
        /*
         * Off before the request, and left with EXCP_HALTED, which the vCPU
         * thread takes as it is: the I/O thread may reset the machine (and
         * turn this CPU back on) before this thread has left the helper,
         * and an EXCP_HLT would then halt the freshly reset CPU for good.
         */
        power_off(cpu);
        system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        cpu->parent.exception_index = EXCP_HALTED;
        cpu_loop_exit(&cpu->parent);
    case PSCI_FN_FEATURES:
        ret = is_supported((uint32_t)a1) ? PSCI_RET_SUCCESS : PSCI_RET_NOT_SUPPORTED;
        break;
    default:
        g_assert_not_reached();
    }
    env->xregs[0] = (uint64_t)ret;
}
