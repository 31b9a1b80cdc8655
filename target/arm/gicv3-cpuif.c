/*
 * The GICv3 CPU interface: the ICC_*_EL1 system registers (ARM IHI 0069
 * chapter 12.2, ARM ARM D17 "GIC system registers") of a CPU attached to
 * a GICv3 (hw/intc/arm-gicv3.c) with gicv3_cpuif_attach().
 *
 * The registers' state lives in the GIC's per-CPU GICv3CPU, next to the
 * redistributor, because deciding whether a CPU's IRQ line goes up needs
 * both (gicv3_update). This file is the register side: acknowledge,
 * priority drop and deactivation, SGI generation, the masks. One Security
 * state (the distributor's GICD_CTLR.DS reads 1, "Disable Security", also
 * with -M virt,secure=on), group 0 is signalled as FIQ and group 1 as IRQ.
 * ICC_SRE_EL1 reads SRE = DFB = DIB = 1 and ignores writes.
 *
 * With EL2 and EL3 (docs/devel/arm-el2-el3.md), the registers firmware and
 * Linux's EL2 start-up touch: ICC_SRE_EL2/EL3 read SRE = DFB = DIB =
 * Enable = 1 (the system register interface is always on, and EL1 may use
 * ICC_SRE_EL1), ICC_CTLR_EL3 shows the EL1 controls (CBPR_EL1NS,
 * EOImode_EL1NS) and PRIbits, ICC_IGRPEN1_EL3 is ICC_IGRPEN1_EL1 (bit 0,
 * EnableGrp1NS; there is no Secure group 1). The virtual CPU interface
 * (ICH_*_EL2) is not implemented: ICH_HCR_EL2, which Linux v6.1's
 * el2_setup.h clears at boot, is RAZ/WI with a -d unimp line, the others
 * UNDEFINED; without a maintenance interrupt in the device tree, KVM's
 * vGIC probe stops there. ICC_* accesses are not trapped to EL2/EL3
 * (ICH_HCR_EL2.TC/TALL*, ICC_SRE_EL2.Enable = 1).
 *
 * The registers are one table (icc_regs); each line is an ARMSysReg for
 * the translator plus the function that does the work, called with the
 * global lock held (the redistributor is device state, and timers in the
 * I/O thread drive PPIs) and followed by gicv3_update().
 *
 * Choices where the architecture leaves them (documented for guests):
 * 5 priority bits, so only ICC_AP0R0/ICC_AP1R0 exist; ICC_SGI0R_EL1 sets
 * an SGI pending only where it is group 0, ICC_SGI1R_EL1 and
 * ICC_ASGI1R_EL1 only where it is group 1 (with one Security state there
 * is no "other" group 1); an EOI drops the running priority, whichever
 * group holds it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bitops.h"
#include "util/log.h"
#include "target/arm/gicv3-cpuif.h"
#include "hw/intc/arm-gicv3.h"
#include "softmmu/main-loop.h"

/* ICC_SRE_EL1: SRE, DFB, DIB set, read-only (IHI 0069 12.2.20). */
#define ICC_SRE_VALUE       0x7u
/* ICC_CTLR_EL1.PRIbits (bits [10:8]): implemented priority bits - 1. */
#define ICC_CTLR_PRIBITS    ((GICV3_PRI_BITS - 1) << 8)

/* ID_AA64PFR0_EL1.GIC, bits [27:24]: 1 = the GICv3 system registers exist. */
#define ID_AA64PFR0_GIC_SHIFT 24

typedef uint64_t ICCReadFn(GICv3CPU *c, unsigned n);
typedef void ICCWriteFn(GICv3CPU *c, unsigned n, uint64_t value);

typedef struct ICCReg {
    ARMSysReg ri;           /* what the translator sees */
    ICCReadFn *read;
    ICCWriteFn *write;
    unsigned n;             /* the group (0, 1) for the registers that come in pairs */
} ICCReg;

static GICv3CPU *icc_of(CPUARMState *env)
{
    return env_arm_cpu(env)->gicv3_cpuif;
}

/* ---- Priorities ---- */

static void icc_activate_priority(GICv3CPU *c, bool group1, unsigned priority)
{
    c->apr[group1] |= 1u << (gicv3_group_priority(c, priority, group1) >> GICV3_APR_SHIFT);
}

/* Priority drop (IHI 0069 4.1.1): the highest active priority goes. */
static void icc_drop_priority(GICv3CPU *c, unsigned group)
{
    uint32_t bits = c->apr[0] | c->apr[1];
    uint32_t lowest;

    if (!bits) {
        log_mask(log_guest_errors, "gicv3: ICC_EOIR%u_EL1 with no active priority\n", group);
        return;
    }
    lowest = bits & -bits;
    if (!(c->apr[group] & lowest)) {
        log_mask(log_guest_errors, "gicv3: ICC_EOIR%u_EL1 while the running priority "
                 "belongs to group %u\n", group, !group);
        group = !group;
    }
    c->apr[group] &= ~lowest;
}

/* ---- Acknowledge, end of interrupt, deactivate ---- */

/* ICC_HPPIRn_EL1: the highest priority pending interrupt if it is of group n. */
static uint64_t icc_hppir(GICv3CPU *c, unsigned group)
{
    int id = gicv3_best_pending(c);

    if (id == GICV3_SPURIOUS || gicv3_irq(c, id)->group1 != group) {
        return GICV3_SPURIOUS;
    }
    return id;
}

/* ICC_IARn_EL1: acknowledges it if the interface signals it now (IHI 0069 4.1). */
static uint64_t icc_iar(GICv3CPU *c, unsigned group)
{
    int id = gicv3_best_pending(c);
    GICv3Irq *irq;

    if (!gicv3_can_signal(c, id) || gicv3_irq(c, id)->group1 != group) {
        return GICV3_SPURIOUS;
    }
    irq = gicv3_irq(c, id);
    irq->latch = false;
    irq->active = true;
    icc_activate_priority(c, group, irq->priority);
    return id;
}

/* The interrupt an EOIR/DIR write names, or NULL (special or out of range). */
static GICv3Irq *icc_named_irq(GICv3CPU *c, uint64_t value, const char *reg)
{
    unsigned id = value & 0xffffff;
    GICv3Irq *irq;

    if (id >= 1020 && id <= 1023) {
        return NULL;        /* special INTIDs: ignored */
    }
    irq = id < GICV3_MAX_IRQ ? gicv3_irq(c, id) : NULL;
    if (!irq) {
        log_mask(log_guest_errors, "gicv3: %s of INTID %u, which does not exist\n", reg, id);
    }
    return irq;
}

static void icc_deactivate(GICv3Irq *irq, uint64_t value, const char *reg)
{
    if (!irq->active) {
        log_mask(log_guest_errors, "gicv3: %s of INTID %u, which is not active\n", reg,
                 (unsigned)(value & 0xffffff));
    }
    irq->active = false;
}

/* ICC_EOIRn_EL1: priority drop, and deactivation unless EOImode (IHI 0069 4.1.1). */
static void icc_eoir(GICv3CPU *c, unsigned group, uint64_t value)
{
    const char *reg = group ? "ICC_EOIR1_EL1" : "ICC_EOIR0_EL1";
    GICv3Irq *irq = icc_named_irq(c, value, reg);

    if (!irq) {
        return;
    }
    icc_drop_priority(c, group);
    if (!(c->icc_ctlr & GICV3_ICC_CTLR_EOIMODE)) {
        icc_deactivate(irq, value, reg);
    }
}

static void icc_dir(GICv3CPU *c, unsigned n, uint64_t value)
{
    GICv3Irq *irq;

    if (!(c->icc_ctlr & GICV3_ICC_CTLR_EOIMODE)) {
        log_mask(log_guest_errors, "gicv3: ICC_DIR_EL1 write with EOImode 0\n");
        return;
    }
    irq = icc_named_irq(c, value, "ICC_DIR_EL1");
    if (irq) {
        icc_deactivate(irq, value, "ICC_DIR_EL1");
    }
}

/* ---- SGIs (IHI 0069 12.2.21: ICC_SGI1R_EL1 and its siblings) ---- */

static void icc_send_sgi(GICv3CPU *c, bool group1, uint64_t value)
{
    GICv3State *s = c->gic;
    unsigned intid = extract64(value, 24, 4);
    bool all_but_self = extract64(value, 40, 1);        /* IRM */
    unsigned range = extract64(value, 44, 4);           /* RS: Aff0 = 16 * RS + bit */
    uint32_t target_list = extract64(value, 0, 16);
    uint32_t cluster = extract64(value, 48, 8) << 24 | extract64(value, 32, 8) << 16 |
                       extract64(value, 16, 8) << 8;

    for (int t = 0; t < (int)s->num_cpu; t++) {
        GICv3CPU *target = &s->cpu[t];
        unsigned aff0 = target->affinity & 0xff;
        GICv3Irq *irq = &target->priv[intid];

        if (all_but_self) {
            if (target == c) {
                continue;
            }
        } else if ((target->affinity & ~0xffu) != cluster || aff0 / 16 != range ||
                   !(target_list & (1u << (aff0 % 16)))) {
            continue;
        }
        if (irq->group1 == group1) {
            irq->latch = true;
        }
    }
}

static void icc_sgi0r(GICv3CPU *c, unsigned n, uint64_t value)
{
    icc_send_sgi(c, false, value);
}

static void icc_sgi1r(GICv3CPU *c, unsigned n, uint64_t value)
{
    icc_send_sgi(c, true, value);
}

/* ---- Masks and controls ---- */

static uint64_t icc_pmr_read(GICv3CPU *c, unsigned n)
{
    return c->pmr;
}

static void icc_pmr_write(GICv3CPU *c, unsigned n, uint64_t value)
{
    c->pmr = value & GICV3_PRI_MASK;
}

static uint64_t icc_rpr_read(GICv3CPU *c, unsigned n)
{
    return gicv3_running_priority(c);
}

/* With CBPR, ICC_BPR1_EL1 reads BPR0 + 1 and ignores writes (IHI 0069 12.2.5). */
static uint64_t icc_bpr_read(GICv3CPU *c, unsigned group)
{
    if (group && (c->icc_ctlr & GICV3_ICC_CTLR_CBPR)) {
        return MIN(c->bpr[0] + 1u, 7u);
    }
    return c->bpr[group];
}

static void icc_bpr_write(GICv3CPU *c, unsigned group, uint64_t value)
{
    unsigned min = group ? GICV3_MIN_BPR1 : GICV3_MIN_BPR0;

    if (group && (c->icc_ctlr & GICV3_ICC_CTLR_CBPR)) {
        return;
    }
    /* Below the minimum sets the minimum. */
    c->bpr[group] = MAX((unsigned)value & 7, min);
}

static uint64_t icc_apr_read(GICv3CPU *c, unsigned group)
{
    return c->apr[group];
}

static void icc_apr_write(GICv3CPU *c, unsigned group, uint64_t value)
{
    c->apr[group] = value;
}

static uint64_t icc_ctlr_read(GICv3CPU *c, unsigned n)
{
    /* IDbits = 0 (16 bits), A3V = 0, SEIS = 0, PMHE = 0. */
    return c->icc_ctlr | ICC_CTLR_PRIBITS;
}

static void icc_ctlr_write(GICv3CPU *c, unsigned n, uint64_t value)
{
    c->icc_ctlr = value & (GICV3_ICC_CTLR_CBPR | GICV3_ICC_CTLR_EOIMODE);
}

static uint64_t icc_sre_read(GICv3CPU *c, unsigned n)
{
    return ICC_SRE_VALUE;
}

/* ICC_SRE_EL2/EL3 (IHI 0069 12.2.22/23): SRE, DFB, DIB and Enable, all RAO/WI. */
static uint64_t icc_sre_elx_read(GICv3CPU *c, unsigned n)
{
    return ICC_SRE_VALUE | 1u << 3;
}

/* ICC_CTLR_EL3 (12.2.7): CBPR_EL1NS (bit 1), EOImode_EL1NS (bit 4), PRIbits. */
static uint64_t icc_ctlr_el3_read(GICv3CPU *c, unsigned n)
{
    return (c->icc_ctlr & GICV3_ICC_CTLR_CBPR ? 1u << 1 : 0) |
           (c->icc_ctlr & GICV3_ICC_CTLR_EOIMODE ? 1u << 4 : 0) | ICC_CTLR_PRIBITS;
}

static void icc_ctlr_el3_write(GICv3CPU *c, unsigned n, uint64_t value)
{
    c->icc_ctlr = (value & (1u << 1) ? GICV3_ICC_CTLR_CBPR : 0) |
                  (value & (1u << 4) ? GICV3_ICC_CTLR_EOIMODE : 0);
}

static uint64_t ich_unimp_read(GICv3CPU *c, unsigned n)
{
    log_mask(log_unimp, "gicv3: ICH_HCR_EL2 read: no virtual CPU interface (RAZ)\n");
    return 0;
}

static void ich_unimp_write(GICv3CPU *c, unsigned n, uint64_t value)
{
    if (value) {
        log_mask(log_unimp, "gicv3: ICH_HCR_EL2 write of 0x%" PRIx64 ": no virtual CPU "
                 "interface (ignored)\n", value);
    }
}

static void icc_ignore_write(GICv3CPU *c, unsigned n, uint64_t value)
{
}

static uint64_t icc_igrpen_read(GICv3CPU *c, unsigned group)
{
    return c->igrpen[group];
}

static void icc_igrpen_write(GICv3CPU *c, unsigned group, uint64_t value)
{
    c->igrpen[group] = value & 1;
}

static void icc_eoir_write(GICv3CPU *c, unsigned group, uint64_t value)
{
    icc_eoir(c, group, value);
}

/* ---- The table ---- */

static uint64_t icc_read(CPUARMState *env, const ARMSysReg *ri)
{
    const ICCReg *r = container_of(ri, ICCReg, ri);
    GICv3CPU *c = icc_of(env);
    bool locked = bql_locked();
    uint64_t value;

    if (!locked) {
        bql_lock();
    }
    value = r->read(c, r->n);
    /* Reads of IAR change state; the others leave the lines as they are. */
    gicv3_update(c->gic);
    if (!locked) {
        bql_unlock();
    }
    return value;
}

static void icc_write(CPUARMState *env, const ARMSysReg *ri, uint64_t value)
{
    const ICCReg *r = container_of(ri, ICCReg, ri);
    GICv3CPU *c = icc_of(env);
    bool locked = bql_locked();

    if (!locked) {
        bql_lock();
    }
    r->write(c, r->n, value);
    gicv3_update(c->gic);
    if (!locked) {
        bql_unlock();
    }
}

#define ENC(o0, o1, n, m, o2) .op0 = (o0), .op1 = (o1), .crn = (n), .crm = (m), .op2 = (o2)
#define ICC_RW(name, enc, rd, wr, n) \
    { { name, enc, .min_el_read = 1, .min_el_write = 1, .read = icc_read, .write = icc_write }, \
      rd, wr, n }
#define ICC_RO(name, enc, rd, n) \
    { { name, enc, .min_el_read = 1, .min_el_write = ARM_SR_NEVER, .read = icc_read }, \
      rd, NULL, n }
#define ICC_WO(name, enc, wr, n) \
    { { name, enc, .min_el_read = ARM_SR_NEVER, .min_el_write = 1, .write = icc_write }, \
      NULL, wr, n }
/* An EL2 or EL3 register: only CPUs with that EL have it. */
#define ICC_RW_EL(name, enc, rd, wr, n, el) \
    { { name, enc, .min_el_read = (el), .min_el_write = (el), .read = icc_read, \
        .write = icc_write, .feature = (el) == 2 ? ARM_FEATURE_EL2 : ARM_FEATURE_EL3 }, \
      rd, wr, n }

/* Encodings: ARM ARM D17 (op0 3, op1 0, CRn 12 except ICC_PMR_EL1). */
static const ICCReg icc_regs[] = {
    ICC_RW("ICC_PMR_EL1", ENC(3, 0, 4, 6, 0), icc_pmr_read, icc_pmr_write, 0),
    ICC_RO("ICC_IAR0_EL1", ENC(3, 0, 12, 8, 0), icc_iar, 0),
    ICC_WO("ICC_EOIR0_EL1", ENC(3, 0, 12, 8, 1), icc_eoir_write, 0),
    ICC_RO("ICC_HPPIR0_EL1", ENC(3, 0, 12, 8, 2), icc_hppir, 0),
    ICC_RW("ICC_BPR0_EL1", ENC(3, 0, 12, 8, 3), icc_bpr_read, icc_bpr_write, 0),
    ICC_RW("ICC_AP0R0_EL1", ENC(3, 0, 12, 8, 4), icc_apr_read, icc_apr_write, 0),
    ICC_RW("ICC_AP1R0_EL1", ENC(3, 0, 12, 9, 0), icc_apr_read, icc_apr_write, 1),
    ICC_WO("ICC_DIR_EL1", ENC(3, 0, 12, 11, 1), icc_dir, 0),
    ICC_RO("ICC_RPR_EL1", ENC(3, 0, 12, 11, 3), icc_rpr_read, 0),
    ICC_WO("ICC_SGI1R_EL1", ENC(3, 0, 12, 11, 5), icc_sgi1r, 0),
    ICC_WO("ICC_ASGI1R_EL1", ENC(3, 0, 12, 11, 6), icc_sgi1r, 0),
    ICC_WO("ICC_SGI0R_EL1", ENC(3, 0, 12, 11, 7), icc_sgi0r, 0),
    ICC_RO("ICC_IAR1_EL1", ENC(3, 0, 12, 12, 0), icc_iar, 1),
    ICC_WO("ICC_EOIR1_EL1", ENC(3, 0, 12, 12, 1), icc_eoir_write, 1),
    ICC_RO("ICC_HPPIR1_EL1", ENC(3, 0, 12, 12, 2), icc_hppir, 1),
    ICC_RW("ICC_BPR1_EL1", ENC(3, 0, 12, 12, 3), icc_bpr_read, icc_bpr_write, 1),
    ICC_RW("ICC_CTLR_EL1", ENC(3, 0, 12, 12, 4), icc_ctlr_read, icc_ctlr_write, 0),
    ICC_RW("ICC_SRE_EL1", ENC(3, 0, 12, 12, 5), icc_sre_read, icc_ignore_write, 0),
    ICC_RW("ICC_IGRPEN0_EL1", ENC(3, 0, 12, 12, 6), icc_igrpen_read, icc_igrpen_write, 0),
    ICC_RW("ICC_IGRPEN1_EL1", ENC(3, 0, 12, 12, 7), icc_igrpen_read, icc_igrpen_write, 1),
    ICC_RW_EL("ICC_SRE_EL2", ENC(3, 4, 12, 9, 5), icc_sre_elx_read, icc_ignore_write, 0, 2),
    ICC_RW_EL("ICH_HCR_EL2", ENC(3, 4, 12, 11, 0), ich_unimp_read, ich_unimp_write, 0, 2),
    ICC_RW_EL("ICC_CTLR_EL3", ENC(3, 6, 12, 12, 4), icc_ctlr_el3_read, icc_ctlr_el3_write, 0, 3),
    ICC_RW_EL("ICC_SRE_EL3", ENC(3, 6, 12, 12, 5), icc_sre_elx_read, icc_ignore_write, 0, 3),
    ICC_RW_EL("ICC_IGRPEN1_EL3", ENC(3, 6, 12, 12, 7), icc_igrpen_read, icc_igrpen_write, 1, 3),
};

const ARMSysReg *gicv3_cpuif_find(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                                  unsigned op2)
{
    for (size_t i = 0; i < ARRAY_SIZE(icc_regs); i++) {
        const ARMSysReg *ri = &icc_regs[i].ri;

        if (ri->op0 == op0 && ri->op1 == op1 && ri->crn == crn && ri->crm == crm &&
            ri->op2 == op2) {
            return ri;
        }
    }
    return NULL;
}

bool gicv3_cpuif_sysreg_index(const ARMSysReg *ri, unsigned *index)
{
    uintptr_t p = (uintptr_t)ri, base = (uintptr_t)icc_regs;

    if (p < base || p >= base + sizeof(icc_regs)) {
        return false;
    }
    *index = (p - base) / sizeof(ICCReg);
    return true;
}

const ARMSysReg *gicv3_cpuif_sysreg(unsigned index)
{
    assert(index < ARRAY_SIZE(icc_regs));
    return &icc_regs[index].ri;
}

void gicv3_cpuif_attach(ARMCPU *cpu, DeviceState *gic, int index)
{
    GICv3State *s = gicv3_from_device(gic);
    uint64_t mpidr = cpu->isar.mpidr;
    GICv3CPU *c;

    assert(index >= 0 && index < (int)s->num_cpu);
    c = &s->cpu[index];
    c->affinity = (uint32_t)extract64(mpidr, 32, 8) << 24 | (uint32_t)(mpidr & 0xffffff);
    cpu->gicv3_cpuif = c;
    cpu->isar.id_aa64pfr0 = deposit64(cpu->isar.id_aa64pfr0, ID_AA64PFR0_GIC_SHIFT, 4, 1);
}
