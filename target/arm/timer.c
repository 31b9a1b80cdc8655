/*
 * The AArch64 generic timer (ARM ARM D11) and the CPU's interrupt inputs.
 *
 * The system counter runs at CNTFRQ_EL0 = 62.5 MHz of virtual time (one
 * tick per 16 ns of TIME_VIRTUAL), so it stops while the VM is paused and
 * guest time stays consistent with device timers. CNTPCT_EL0 is that
 * count, CNTVCT_EL0 the count minus CNTVOFF_EL2.
 *
 * Each CPU has a physical and a virtual EL1 timer, and with EL2 the EL2
 * physical timer (CNTHP_*_EL2), with EL3 the secure physical timer
 * (CNTPS_*_EL1). Their registers live in CPUARMState (cntp_ctl/cval,
 * cntv_ctl/cval, cnthp_*, cntps_*); ISTATUS is computed when read. A host
 * Timer armed at the instant the counter reaches CVAL recomputes the
 * output line, ENABLE && ISTATUS && !IMASK, which the board wires to the
 * GIC (PPI 30, 27, 26 and 29). Register writes recompute it too.
 *
 * Access traps: CNTKCTL_EL1 for EL0 (to EL1), CNTHCTL_EL2.EL1PCTEN and
 * EL1PCEN for the physical counter and timer at EL0/EL1 (to EL2, D11.2.2
 * and D13.8.7), SCR_EL3.ST for the secure timer at Secure EL1 (to EL3).
 *
 * The Timers and output lines of a CPU are kept beside it, in a table
 * keyed by the ARMCPU (CPUARMState is cleared on reset, and ARMCPU belongs
 * to cpu.c): arm_gt_connect() creates them, arm_gt_cpu_cleanup() frees
 * them. Line changes happen under the BQL, which vCPU threads take here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "target/arm/helper-sys.h"
#include "accel/tcg/tcg-accel.h"
#include "softmmu/main-loop.h"
#include "softmmu/timers.h"

#define CTL_ENABLE  1u
#define CTL_IMASK   2u
#define CTL_ISTATUS 4u

/* CNTKCTL_EL1 bits (D17.8.2). */
#define CNTKCTL_EL0PCTEN (1u << 0)
#define CNTKCTL_EL0VCTEN (1u << 1)
#define CNTKCTL_EL0VTEN  (1u << 8)
#define CNTKCTL_EL0PTEN  (1u << 9)

/* CNTHCTL_EL2 bits (D13.8.7, without VHE). */
#define CNTHCTL_EL1PCTEN (1u << 0)
#define CNTHCTL_EL1PCEN  (1u << 1)

typedef struct ARMGenericTimers {
    ARMCPU *cpu;
    Timer *timer[ARM_GT_COUNT];
    IRQLine *out[ARM_GT_COUNT];
    int level[ARM_GT_COUNT];
} ARMGenericTimers;

static GMutex gt_table_lock;
static GHashTable *gt_table;        /* ARMCPU * -> ARMGenericTimers * */

static void gt_fire_phys(void *opaque);
static void gt_fire_virt(void *opaque);
static void gt_fire_hyp(void *opaque);
static void gt_fire_sec(void *opaque);

static ARMGenericTimers *gt_get(ARMCPU *cpu)
{
    ARMGenericTimers *gt;

    g_mutex_lock(&gt_table_lock);
    if (!gt_table) {
        gt_table = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
    gt = g_hash_table_lookup(gt_table, cpu);
    if (!gt) {
        gt = g_new0(ARMGenericTimers, 1);
        gt->cpu = cpu;
        gt->timer[ARM_GT_PHYS] = timer_new_ns(TIME_VIRTUAL, gt_fire_phys, gt);
        gt->timer[ARM_GT_VIRT] = timer_new_ns(TIME_VIRTUAL, gt_fire_virt, gt);
        gt->timer[ARM_GT_HYP] = timer_new_ns(TIME_VIRTUAL, gt_fire_hyp, gt);
        gt->timer[ARM_GT_SEC] = timer_new_ns(TIME_VIRTUAL, gt_fire_sec, gt);
        g_hash_table_insert(gt_table, cpu, gt);
    }
    g_mutex_unlock(&gt_table_lock);
    return gt;
}

void arm_gt_cpu_cleanup(ARMCPU *cpu)
{
    ARMGenericTimers *gt = NULL;

    g_mutex_lock(&gt_table_lock);
    if (gt_table) {
        gt = g_hash_table_lookup(gt_table, cpu);
        g_hash_table_remove(gt_table, cpu);
        if (g_hash_table_size(gt_table) == 0) {
            g_hash_table_destroy(gt_table);
            gt_table = NULL;
        }
    }
    g_mutex_unlock(&gt_table_lock);
    if (gt) {
        for (unsigned t = 0; t < ARM_GT_COUNT; t++) {
            timer_free(gt->timer[t]);
        }
        g_free(gt);
    }
}

uint64_t arm_gt_count(void)
{
    return (uint64_t)time_now_ns(TIME_VIRTUAL) / ARM_GT_NS_PER_TICK;
}

static uint64_t gt_offset(CPUARMState *env, unsigned t)
{
    return t == ARM_GT_VIRT ? env->cntvoff_el2 : 0;
}

static uint64_t *gt_ctl(CPUARMState *env, unsigned t)
{
    switch (t) {
    case ARM_GT_VIRT:
        return &env->cntv_ctl;
    case ARM_GT_HYP:
        return &env->cnthp_ctl;
    case ARM_GT_SEC:
        return &env->cntps_ctl;
    default:
        return &env->cntp_ctl;
    }
}

static uint64_t *gt_cval(CPUARMState *env, unsigned t)
{
    switch (t) {
    case ARM_GT_VIRT:
        return &env->cntv_cval;
    case ARM_GT_HYP:
        return &env->cnthp_cval;
    case ARM_GT_SEC:
        return &env->cntps_cval;
    default:
        return &env->cntp_cval;
    }
}

static bool gt_istatus(CPUARMState *env, unsigned t)
{
    return (*gt_ctl(env, t) & CTL_ENABLE) &&
           arm_gt_count() - gt_offset(env, t) >= *gt_cval(env, t);
}

/* Drives the output and re-arms the host timer (BQL held). */
static void gt_update(ARMGenericTimers *gt, unsigned t)
{
    CPUARMState *env = &gt->cpu->env;
    uint64_t ctl = *gt_ctl(env, t);
    bool istatus = gt_istatus(env, t);
    int level = istatus && !(ctl & CTL_IMASK);

    if (level != gt->level[t]) {
        gt->level[t] = level;
        irq_set(gt->out[t], level);
    }
    if ((ctl & CTL_ENABLE) && !istatus) {
        /* The physical count at which the counter reaches CVAL. */
        uint64_t fire = *gt_cval(env, t) + gt_offset(env, t);

        if (fire < *gt_cval(env, t) || fire > (uint64_t)INT64_MAX / ARM_GT_NS_PER_TICK) {
            timer_del(gt->timer[t]);    /* beyond the end of time */
        } else {
            timer_mod_ns(gt->timer[t], (int64_t)fire * ARM_GT_NS_PER_TICK);
        }
    } else {
        timer_del(gt->timer[t]);
    }
}

static void gt_update_locked(CPUARMState *env, unsigned t)
{
    ARMGenericTimers *gt = gt_get(env_arm_cpu(env));
    bool locked = bql_locked();

    if (!locked) {
        bql_lock();
    }
    gt_update(gt, t);
    if (!locked) {
        bql_unlock();
    }
}

static void gt_fire_phys(void *opaque)
{
    gt_update(opaque, ARM_GT_PHYS);
}

static void gt_fire_virt(void *opaque)
{
    gt_update(opaque, ARM_GT_VIRT);
}

static void gt_fire_hyp(void *opaque)
{
    gt_update(opaque, ARM_GT_HYP);
}

static void gt_fire_sec(void *opaque)
{
    gt_update(opaque, ARM_GT_SEC);
}

void arm_gt_connect(ARMCPU *cpu, unsigned timer, IRQLine *line)
{
    ARMGenericTimers *gt = gt_get(cpu);

    assert(timer < ARM_GT_COUNT);
    gt->out[timer] = line;
    irq_set(line, gt->level[timer]);
}

/*
 * ---- Access checks: CNTKCTL_EL1 at EL0 (D11.2.2), CNTHCTL_EL2 at EL0/EL1,
 * SCR_EL3.ST (the checks run at EL0, and below EL3 on CPUs with EL2/EL3) ----
 */

static ARMSysRegAccess gt_el0_check(CPUARMState *env, uint64_t bits)
{
    if (arm_current_el(env) != 0) {
        return ARM_ACCESS_OK;
    }
    return env->cntkctl_el1 & bits ? ARM_ACCESS_OK : ARM_ACCESS_TRAP;
}

/* The physical counter or timer at EL0/EL1 under CNTHCTL_EL2 (not with TGE: EL2's own EL0). */
static ARMSysRegAccess gt_el2_check(CPUARMState *env, uint64_t bit)
{
    if (arm_current_el(env) <= 1 && arm_el2_enabled(env) && !(env->hcr_el2 & HCR_TGE) &&
        !(env->cnthctl_el2 & bit)) {
        return ARM_ACCESS_TRAP_EL2;
    }
    return ARM_ACCESS_OK;
}

ARMSysRegAccess arm_gt_access_cntfrq(CPUARMState *env, bool is_read)
{
    if (!is_read) {
        ARMCPU *cpu = env_arm_cpu(env);
        unsigned highest = arm_feature(cpu, ARM_FEATURE_EL3) ? 3 :
                           arm_feature(cpu, ARM_FEATURE_EL2) ? 2 : 1;

        /* Writable at the highest EL only. */
        return arm_current_el(env) == highest ? ARM_ACCESS_OK : ARM_ACCESS_UNDEF;
    }
    return gt_el0_check(env, CNTKCTL_EL0PCTEN | CNTKCTL_EL0VCTEN);
}

ARMSysRegAccess arm_gt_access_cntpct(CPUARMState *env, bool is_read)
{
    ARMSysRegAccess r = gt_el0_check(env, CNTKCTL_EL0PCTEN);

    return r != ARM_ACCESS_OK ? r : gt_el2_check(env, CNTHCTL_EL1PCTEN);
}

ARMSysRegAccess arm_gt_access_cntvct(CPUARMState *env, bool is_read)
{
    return gt_el0_check(env, CNTKCTL_EL0VCTEN);
}

ARMSysRegAccess arm_gt_access_ptimer(CPUARMState *env, bool is_read)
{
    ARMSysRegAccess r = gt_el0_check(env, CNTKCTL_EL0PTEN);

    return r != ARM_ACCESS_OK ? r : gt_el2_check(env, CNTHCTL_EL1PCEN);
}

ARMSysRegAccess arm_gt_access_vtimer(CPUARMState *env, bool is_read)
{
    return gt_el0_check(env, CNTKCTL_EL0VTEN);
}

/*
 * CNTPS_*_EL1 (D13.8.27): EL3, and Secure EL1 when SCR_EL3.ST is 1 (else
 * trapped to EL3); UNDEFINED in Non-secure state.
 */
ARMSysRegAccess arm_gt_access_stimer(CPUARMState *env, bool is_read)
{
    switch (arm_current_el(env)) {
    case 3:
        return ARM_ACCESS_OK;
    case 1:
        if (arm_is_secure_below_el3(env)) {
            return env->scr_el3 & SCR_ST ? ARM_ACCESS_OK : ARM_ACCESS_TRAP_EL3;
        }
        return ARM_ACCESS_UNDEF;
    default:
        return ARM_ACCESS_UNDEF;
    }
}

/* ---- The registers (D17.8) ---- */

/* CNTV_* are CRm 3, CNTP_* CRm 2; CNTHP_*_EL2 op1 4, CNTPS_*_EL1 op1 7 (both CRm 2). */
static unsigned gt_which(const ARMSysReg *ri)
{
    if (ri->op1 == 4) {
        return ARM_GT_HYP;
    }
    if (ri->op1 == 7) {
        return ARM_GT_SEC;
    }
    return ri->crm == 3 ? ARM_GT_VIRT : ARM_GT_PHYS;
}

uint64_t arm_gt_read_cntpct(CPUARMState *env, const ARMSysReg *ri)
{
    return arm_gt_count();
}

uint64_t arm_gt_read_cntvct(CPUARMState *env, const ARMSysReg *ri)
{
    return arm_gt_count() - env->cntvoff_el2;
}

/* CNTVOFF_EL2 moves the virtual count: the virtual timer's deadline moves with it. */
void arm_gt_write_cntvoff(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    env->cntvoff_el2 = value;
    gt_update_locked(env, ARM_GT_VIRT);
}

uint64_t arm_gt_read_ctl(CPUARMState *env, const ARMSysReg *ri)
{
    unsigned t = gt_which(ri);

    return (*gt_ctl(env, t) & (CTL_ENABLE | CTL_IMASK)) | (gt_istatus(env, t) ? CTL_ISTATUS : 0);
}

void arm_gt_write_ctl(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    unsigned t = gt_which(ri);

    *gt_ctl(env, t) = value & (CTL_ENABLE | CTL_IMASK);
    gt_update_locked(env, t);
}

uint64_t arm_gt_read_cval(CPUARMState *env, const ARMSysReg *ri)
{
    return *gt_cval(env, gt_which(ri));
}

void arm_gt_write_cval(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    unsigned t = gt_which(ri);

    *gt_cval(env, t) = value;
    gt_update_locked(env, t);
}

/* TVAL: CVAL - count as a signed 32-bit value (D11.2.4). */
uint64_t arm_gt_read_tval(CPUARMState *env, const ARMSysReg *ri)
{
    unsigned t = gt_which(ri);

    return (uint32_t)(*gt_cval(env, t) - (arm_gt_count() - gt_offset(env, t)));
}

void arm_gt_write_tval(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    unsigned t = gt_which(ri);

    *gt_cval(env, t) = arm_gt_count() - gt_offset(env, t) + (uint64_t)(int64_t)(int32_t)value;
    gt_update_locked(env, t);
}

/* ---- The CPU's IRQ and FIQ inputs ---- */

void arm_cpu_set_irq(ARMCPU *cpu, uint32_t mask, int level)
{
    assert(mask == CPU_INTERRUPT_HARD || mask == CPU_INTERRUPT_FIQ);
    if (level) {
        cpu_interrupt(&cpu->parent, mask);
    } else {
        cpu_reset_interrupt(&cpu->parent, mask);
    }
}
