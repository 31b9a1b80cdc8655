/*
 * The AArch64 generic timer (ARM ARM D11) and the CPU's interrupt inputs.
 *
 * The system counter runs at CNTFRQ_EL0 = 62.5 MHz of virtual time (one
 * tick per 16 ns of TIME_VIRTUAL), so it stops while the VM is paused and
 * guest time stays consistent with device timers. CNTPCT_EL0 is that
 * count, CNTVCT_EL0 the count minus CNTVOFF_EL2.
 *
 * Each CPU has a physical and a virtual EL1 timer. Their registers live in
 * CPUARMState (cntp_ctl/cval, cntv_ctl/cval); ISTATUS is computed when
 * read. A host Timer armed at the instant the counter reaches CVAL
 * recomputes the output line, ENABLE && ISTATUS && !IMASK, which the board
 * wires to the GIC (PPI 30 and 27). Register writes recompute it too.
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

typedef struct ARMGenericTimers {
    ARMCPU *cpu;
    Timer *timer[2];
    IRQLine *out[2];
    int level[2];
} ARMGenericTimers;

static GMutex gt_table_lock;
static GHashTable *gt_table;        /* ARMCPU * -> ARMGenericTimers * */

static void gt_fire_phys(void *opaque);
static void gt_fire_virt(void *opaque);

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
        timer_free(gt->timer[ARM_GT_PHYS]);
        timer_free(gt->timer[ARM_GT_VIRT]);
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
    return t == ARM_GT_VIRT ? &env->cntv_ctl : &env->cntp_ctl;
}

static uint64_t *gt_cval(CPUARMState *env, unsigned t)
{
    return t == ARM_GT_VIRT ? &env->cntv_cval : &env->cntp_cval;
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

void arm_gt_connect(ARMCPU *cpu, unsigned timer, IRQLine *line)
{
    ARMGenericTimers *gt = gt_get(cpu);

    assert(timer <= ARM_GT_VIRT);
    gt->out[timer] = line;
    irq_set(line, gt->level[timer]);
}

/* ---- Access checks at EL0: CNTKCTL_EL1 (D11.2.2) ---- */

static ARMSysRegAccess gt_el0_check(CPUARMState *env, uint64_t bits)
{
    return env->cntkctl_el1 & bits ? ARM_ACCESS_OK : ARM_ACCESS_TRAP;
}

ARMSysRegAccess arm_gt_access_cntfrq(CPUARMState *env, bool is_read)
{
    if (!is_read) {
        return ARM_ACCESS_UNDEF;        /* writable at the highest EL only */
    }
    return gt_el0_check(env, CNTKCTL_EL0PCTEN | CNTKCTL_EL0VCTEN);
}

ARMSysRegAccess arm_gt_access_cntpct(CPUARMState *env, bool is_read)
{
    return gt_el0_check(env, CNTKCTL_EL0PCTEN);
}

ARMSysRegAccess arm_gt_access_cntvct(CPUARMState *env, bool is_read)
{
    return gt_el0_check(env, CNTKCTL_EL0VCTEN);
}

ARMSysRegAccess arm_gt_access_ptimer(CPUARMState *env, bool is_read)
{
    return gt_el0_check(env, CNTKCTL_EL0PTEN);
}

ARMSysRegAccess arm_gt_access_vtimer(CPUARMState *env, bool is_read)
{
    return gt_el0_check(env, CNTKCTL_EL0VTEN);
}

/* ---- The registers (D17.8) ---- */

static unsigned gt_which(const ARMSysReg *ri)
{
    return ri->crm == 3 ? ARM_GT_VIRT : ARM_GT_PHYS;     /* CNTV_* are CRm 3, CNTP_* 2 */
}

uint64_t arm_gt_read_cntpct(CPUARMState *env, const ARMSysReg *ri)
{
    return arm_gt_count();
}

uint64_t arm_gt_read_cntvct(CPUARMState *env, const ARMSysReg *ri)
{
    return arm_gt_count() - env->cntvoff_el2;
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
