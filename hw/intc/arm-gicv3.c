/*
 * ARM Generic Interrupt Controller v3: the distributor and the
 * redistributors, as described by the GIC Architecture Specification for
 * GICv3 and GICv4 (ARM IHI 0069), in the configuration QEMU's virt board
 * gives Linux without secure=on: one Security state (GICD_CTLR.DS = 1),
 * affinity routing always on (ARE RAO/WI, no legacy GICv2 mode), no LPIs
 * and no ITS. The CPU interface, the ICC_* system registers, lives with
 * the CPU in target/arm/gicv3-cpuif.c; this file owns the interrupt state
 * and decides, per CPU, what is pending and whether the line goes up.
 *
 * Model. As in the GICv2 model (arm-gicv2.c), every interrupt is a
 * GICv3Irq (enable, group, priority, edge/level, active, pending latch,
 * input level) and pending is derived: the latch, or the line for a
 * level-sensitive interrupt. SGIs and PPIs (INTID 0..31) live in each
 * CPU's redistributor; SPIs in the distributor with a GICD_IROUTER each:
 * the affinity of one CPU, or IRM = 1 ("any CPU"), which this model
 * gives to the lowest-numbered awake CPU with the group enabled. An SGI
 * is an edge latch (with ARE there is no source CPU to remember).
 *
 * After every change gicv3_update() finds, per CPU, the highest priority
 * pending interrupt (lowest value, then lowest INTID) that is enabled, not
 * active, in a group enabled in GICD_CTLR and routed to the CPU, while the
 * CPU's redistributor is awake (GICR_WAKER.ProcessorSleep = 0). The CPU
 * interface then raises IRQ (group 1) or FIQ (group 0) when its group is
 * enabled in ICC_IGRPENn_EL1, its priority is below ICC_PMR_EL1 and its
 * group priority below the running priority (IHI 0069 4.8).
 *
 * Register access: words everywhere, bytes in IPRIORITYR, doublewords and
 * their 32-bit halves in the 64-bit registers (GICD_IROUTER, GICR_TYPER,
 * GICR_PROPBASER/PENDBASER). The ARE-only register views are RAZ/WI: the
 * distributor's copies of INTID 0..31 state, ITARGETSR, SGIR and the
 * [CS]PENDSGIR; IGRPMODR and NSACR are RAZ/WI with DS = 1. Other misuse
 * (reserved offsets, wrong sizes, writes to read-only registers) is
 * logged under guest_errors, reads as zero and is ignored.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bitops.h"
#include "util/log.h"
#include "hw/intc/arm-gicv3.h"

/* Distributor registers (IHI 0069 12.9) */
enum {
    GICD_CTLR = 0x0000,
    GICD_TYPER = 0x0004,
    GICD_IIDR = 0x0008,
    GICD_TYPER2 = 0x000c,
    GICD_STATUSR = 0x0010,
    GICD_IGROUPR = 0x0080,
    GICD_ISENABLER = 0x0100,
    GICD_ICENABLER = 0x0180,
    GICD_ISPENDR = 0x0200,
    GICD_ICPENDR = 0x0280,
    GICD_ISACTIVER = 0x0300,
    GICD_ICACTIVER = 0x0380,
    GICD_IPRIORITYR = 0x0400,
    GICD_ITARGETSR = 0x0800,
    GICD_ICFGR = 0x0c00,
    GICD_IGRPMODR = 0x0d00,
    GICD_NSACR = 0x0e00,
    GICD_SGIR = 0x0f00,
    GICD_CPENDSGIR = 0x0f10,
    GICD_SPENDSGIR = 0x0f20,
    GICD_IROUTER = 0x6000,
    GICD_ID_BASE = 0xffd0,
};

/* Redistributor registers: RD_base frame (IHI 0069 12.10) */
enum {
    GICR_CTLR = 0x0000,
    GICR_IIDR = 0x0004,
    GICR_TYPER = 0x0008,
    GICR_STATUSR = 0x0010,
    GICR_WAKER = 0x0014,
    GICR_PROPBASER = 0x0070,
    GICR_PENDBASER = 0x0078,
    GICR_ID_BASE = 0xffd0,
    GICR_SGI_BASE = 0x10000,    /* the SGI_base frame: GICD-like registers for INTID 0..31 */
};

#define GICD_CTLR_ENABLE_GRP0   (1u << 0)
#define GICD_CTLR_ENABLE_GRP1   (1u << 1)
#define GICD_CTLR_ARE           (1u << 4)
#define GICD_CTLR_DS            (1u << 6)

#define GICR_WAKER_PROCESSOR_SLEEP  (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP  (1u << 2)
#define GICR_TYPER_LAST             (1u << 4)

#define IROUTER_IRM         (1ULL << 31)
#define IROUTER_MASK        (0xff00ffffffULL | IROUTER_IRM)     /* Aff3, IRM, Aff2..Aff0 */

/* Implementer ARM (0x43b), product 0, revision 0 */
#define GICV3_IIDR_VALUE    0x0000043bu
/*
 * PIDR4..7, PIDR0..3, CIDR0..3 at 0xffd0..0xfffc, the GIC-500's: PIDR2 =
 * 0x3b says architecture version 3 (bits [7:4]), which Linux checks in
 * both frames; PIDR0 is 0x92 for the distributor and 0x93 for a
 * redistributor.
 */
static const uint8_t gicv3_id_regs[12] = {
    0x44, 0x00, 0x00, 0x00, 0x92, 0xb4, 0x3b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

static GICv3State *gic_of(DeviceState *dev)
{
    return container_of(dev, GICv3State, parent);
}

GICv3State *gicv3_from_device(DeviceState *dev)
{
    assert(dev->dc == &gicv3_class);
    return gic_of(dev);
}

GICv3Irq *gicv3_irq(GICv3CPU *c, int id)
{
    GICv3State *s = c->gic;

    if (id < GICV3_NUM_PRIVATE) {
        return &c->priv[id];
    }
    return id < (int)s->num_irq ? &s->spi[id - GICV3_NUM_PRIVATE] : NULL;
}

static bool irq_pending(const GICv3Irq *irq)
{
    return irq->latch || (!irq->edge && irq->level);
}

static bool group_enabled_in_dist(GICv3State *s, bool group1)
{
    return s->ctlr & (group1 ? GICD_CTLR_ENABLE_GRP1 : GICD_CTLR_ENABLE_GRP0);
}

/*
 * The CPU an SPI goes to: the one whose affinity IROUTER names, or with
 * IRM = 1 the lowest-numbered awake CPU whose interface takes the group.
 * -1 if none.
 */
static int spi_target(GICv3State *s, int id)
{
    uint64_t route = s->irouter[id - GICV3_NUM_PRIVATE];
    bool group1 = s->spi[id - GICV3_NUM_PRIVATE].group1;

    for (int cpu = 0; cpu < (int)s->num_cpu; cpu++) {
        GICv3CPU *c = &s->cpu[cpu];

        if (route & IROUTER_IRM) {
            if (!c->asleep && c->igrpen[group1]) {
                return cpu;
            }
        } else if (c->affinity == ((route >> 8 & 0xff000000) | (route & 0xffffff))) {
            return cpu;
        }
    }
    return -1;
}

int gicv3_best_pending(GICv3CPU *c)
{
    GICv3State *s = c->gic;
    int best = GICV3_SPURIOUS;
    unsigned best_prio = 0x100;

    if (c->asleep) {
        return GICV3_SPURIOUS;
    }
    for (int id = 0; id < (int)s->num_irq; id++) {
        GICv3Irq *irq = gicv3_irq(c, id);

        if (!irq->enabled || irq->active || irq->priority >= best_prio ||
            !irq_pending(irq) || !group_enabled_in_dist(s, irq->group1)) {
            continue;
        }
        if (id >= GICV3_NUM_PRIVATE && spi_target(s, id) != c->index) {
            continue;
        }
        best = id;
        best_prio = irq->priority;
    }
    return best;
}

unsigned gicv3_running_priority(GICv3CPU *c)
{
    uint32_t bits = c->apr[0] | c->apr[1];

    return bits ? (unsigned)__builtin_ctz(bits) << GICV3_APR_SHIFT : GICV3_IDLE_PRIORITY;
}

/*
 * IHI 0069 4.8.3: group 0 (and group 1 with ICC_CTLR_EL1.CBPR) uses
 * BPR0, whose group priority field is bits [7:BPR0+1]; group 1 uses BPR1,
 * bits [7:BPR1].
 */
unsigned gicv3_group_priority(GICv3CPU *c, unsigned priority, bool group1)
{
    unsigned shift;

    if (group1 && !(c->icc_ctlr & GICV3_ICC_CTLR_CBPR)) {
        shift = c->bpr[1];
    } else {
        shift = c->bpr[0] + 1;
    }
    return priority & (0xffu << shift) & 0xff;
}

bool gicv3_can_signal(GICv3CPU *c, int id)
{
    GICv3Irq *irq;

    if (id == GICV3_SPURIOUS) {
        return false;
    }
    irq = gicv3_irq(c, id);
    return c->igrpen[irq->group1] && irq->priority < c->pmr &&
           gicv3_group_priority(c, irq->priority, irq->group1) < gicv3_running_priority(c);
}

void gicv3_update(GICv3State *s)
{
    for (int cpu = 0; cpu < (int)s->num_cpu; cpu++) {
        GICv3CPU *c = &s->cpu[cpu];
        int best = gicv3_best_pending(c);
        int irq_level = 0, fiq_level = 0;

        if (gicv3_can_signal(c, best)) {
            if (gicv3_irq(c, best)->group1) {
                irq_level = 1;
            } else {
                fiq_level = 1;
            }
        }
        if (irq_level != c->irq_out) {
            c->irq_out = irq_level;
            irq_set(s->outputs[cpu], irq_level);
        }
        if (fiq_level != c->fiq_out) {
            c->fiq_out = fiq_level;
            irq_set(s->outputs[s->num_cpu + cpu], fiq_level);
        }
    }
}

/* ---- Input lines ---- */

static void gicv3_gpio_in(void *opaque, int n, int level)
{
    GICv3State *s = gic_of(opaque);
    int num_spi = s->num_irq - GICV3_NUM_PRIVATE;
    GICv3Irq *irq;
    bool high = level != 0;

    if (n < num_spi) {
        irq = &s->spi[n];
    } else {
        n -= num_spi;
        irq = &s->cpu[n / 16].priv[GICV3_NUM_SGI + n % 16];
    }
    if (irq->edge && high && !irq->level) {
        irq->latch = true;
    }
    irq->level = high;
    gicv3_update(s);
}

int gicv3_ppi_input(DeviceState *dev, int cpu, int intid)
{
    GICv3State *s = gicv3_from_device(dev);

    assert(cpu >= 0 && cpu < (int)s->num_cpu);
    assert(intid >= GICV3_NUM_SGI && intid < GICV3_NUM_PRIVATE);
    return s->num_irq - GICV3_NUM_PRIVATE + 16 * cpu + (intid - GICV3_NUM_SGI);
}

/* ---- Registers shared by the distributor and the SGI_base frame ---- */

/* A 1-bit-per-interrupt register: which field of GICv3Irq it reads or sets. */
typedef enum GICBitReg {
    BIT_GROUP,
    BIT_ENABLE,
    BIT_PENDING,
    BIT_ACTIVE,
} GICBitReg;

/* The 1-bit registers at 0x080..0x3ff: the field, set or clear, first INTID. */
static bool bit_reg(hwaddr offset, GICBitReg *reg, bool *set, int *first)
{
    if (offset < GICD_IGROUPR || offset >= GICD_IPRIORITYR) {
        return false;
    }
    *first = (offset & 0x7f) / 4 * 32;
    *set = !(offset & 0x80);
    switch (offset & ~0x7fu) {
    case GICD_IGROUPR:
        *reg = BIT_GROUP;
        break;
    case GICD_ISENABLER:
    case GICD_ICENABLER:
        *reg = BIT_ENABLE;
        break;
    case GICD_ISPENDR:
    case GICD_ICPENDR:
        *reg = BIT_PENDING;
        break;
    default:
        *reg = BIT_ACTIVE;
        break;
    }
    return true;
}

static bool get_bit(const GICv3Irq *irq, GICBitReg reg)
{
    switch (reg) {
    case BIT_GROUP:
        return irq->group1;
    case BIT_ENABLE:
        return irq->enabled;
    case BIT_PENDING:
        return irq_pending(irq);
    case BIT_ACTIVE:
        return irq->active;
    }
    return false;
}

/* IGROUPR takes the bit as written; the others set or clear where a 1 is written. */
static void put_bit(GICv3Irq *irq, GICBitReg reg, bool bit, bool set)
{
    if (reg == BIT_GROUP) {
        irq->group1 = bit;
        return;
    }
    if (!bit) {
        return;
    }
    switch (reg) {
    case BIT_ENABLE:
        irq->enabled = set;
        break;
    case BIT_PENDING:
        irq->latch = set;
        break;
    case BIT_ACTIVE:
        irq->active = set;
        break;
    default:
        break;
    }
}

/*
 * A word of the registers common to GICD and the SGI_base frame (bit
 * registers, IPRIORITYR, ICFGR) for the 32 INTIDs from `first` as CPU c
 * sees them; false if offset is none of them.
 */
static bool common_read(GICv3CPU *c, hwaddr offset, uint32_t *value)
{
    GICBitReg reg;
    bool set;
    int first;

    *value = 0;
    if (bit_reg(offset, &reg, &set, &first)) {
        for (int i = 0; i < 32; i++) {
            GICv3Irq *irq = gicv3_irq(c, first + i);

            if (irq) {
                *value |= (uint32_t)get_bit(irq, reg) << i;
            }
        }
        return true;
    }
    if (offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + 0x400) {
        for (int i = 0; i < 4; i++) {
            GICv3Irq *irq = gicv3_irq(c, offset - GICD_IPRIORITYR + i);

            *value |= irq ? (uint32_t)irq->priority << (8 * i) : 0;
        }
        return true;
    }
    if (offset >= GICD_ICFGR && offset < GICD_ICFGR + 0x100) {
        first = (offset - GICD_ICFGR) * 4;
        for (int i = 0; i < 16; i++) {
            GICv3Irq *irq = gicv3_irq(c, first + i);

            *value |= irq ? (uint32_t)irq->edge << (2 * i + 1) : 0;
        }
        return true;
    }
    return false;
}

static bool common_write(GICv3CPU *c, hwaddr offset, uint32_t value)
{
    GICBitReg reg;
    bool set;
    int first;

    if (bit_reg(offset, &reg, &set, &first)) {
        for (int i = 0; i < 32; i++) {
            GICv3Irq *irq = gicv3_irq(c, first + i);

            if (irq) {
                put_bit(irq, reg, value & (1u << i), set);
            }
        }
        return true;
    }
    if (offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + 0x400) {
        for (int i = 0; i < 4; i++) {
            GICv3Irq *irq = gicv3_irq(c, offset - GICD_IPRIORITYR + i);

            if (irq) {
                irq->priority = (value >> (8 * i)) & GICV3_PRI_MASK;
            }
        }
        return true;
    }
    if (offset >= GICD_ICFGR && offset < GICD_ICFGR + 0x100) {
        first = (offset - GICD_ICFGR) * 4;
        for (int i = 0; i < 16; i++) {
            GICv3Irq *irq = gicv3_irq(c, first + i);

            if (irq && first + i >= GICV3_NUM_SGI) {   /* SGIs are always edge */
                irq->edge = value & (2u << (2 * i));
            }
        }
        return true;
    }
    return false;
}

static bool id_reg(hwaddr offset, bool redist, uint32_t *value)
{
    if (offset < GICD_ID_BASE || offset > 0xfffc) {
        return false;
    }
    *value = gicv3_id_regs[(offset - GICD_ID_BASE) / 4];
    if (offset == 0xffe0 && redist) {
        *value = 0x93;      /* PIDR0 of a redistributor */
    }
    return true;
}

/* ---- Distributor ---- */

static uint32_t gicd_typer(GICv3State *s)
{
    /* IDbits [23:19] = 9 (INTIDs below 1024, no LPIs), CPUNumber, ITLinesNumber */
    return 9u << 19 | (MIN(s->num_cpu, 8u) - 1) << 5 | (s->num_irq / 32 - 1);
}

/* Distributor state for INTID 0..31 is in the redistributors while ARE = 1. */
static bool dist_banked_view(hwaddr offset)
{
    return (offset >= GICD_IGROUPR && offset < GICD_IPRIORITYR && (offset & 0x7f) == 0) ||
           (offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + 0x20) ||
           (offset >= GICD_ICFGR && offset < GICD_ICFGR + 8);
}

/* RAZ/WI registers a guest may touch without being wrong (see the top). */
static bool dist_raz_wi(hwaddr offset)
{
    return dist_banked_view(offset) || offset == GICD_TYPER2 || offset == GICD_STATUSR ||
           (offset >= GICD_ITARGETSR && offset < GICD_ICFGR) ||
           (offset >= GICD_IGRPMODR && offset < GICD_IGRPMODR + 0x80) ||
           (offset >= GICD_NSACR && offset < GICD_NSACR + 0x100) ||
           (offset >= GICD_SGIR && offset < GICD_SPENDSGIR + 0x10);
}

static bool dist_irouter_index(GICv3State *s, hwaddr offset, int *id)
{
    if (offset < GICD_IROUTER + 8 * GICV3_NUM_PRIVATE || offset >= GICD_IROUTER + 8 * 1020) {
        return false;
    }
    *id = (offset - GICD_IROUTER) / 8;
    return *id < (int)s->num_irq;
}

static bool dist_read_word(GICv3State *s, hwaddr offset, uint32_t *value)
{
    int id;

    *value = 0;
    if (dist_raz_wi(offset)) {
        return true;
    }
    if (common_read(&s->cpu[0], offset, value) || id_reg(offset, false, value)) {
        return true;
    }
    if (dist_irouter_index(s, offset, &id)) {
        *value = s->irouter[id - GICV3_NUM_PRIVATE] >> (offset & 4 ? 32 : 0);
        return true;
    }
    switch (offset) {
    case GICD_CTLR:
        *value = s->ctlr | GICD_CTLR_ARE | GICD_CTLR_DS;
        return true;
    case GICD_TYPER:
        *value = gicd_typer(s);
        return true;
    case GICD_IIDR:
        *value = GICV3_IIDR_VALUE;
        return true;
    }
    return false;
}

static bool dist_write_word(GICv3State *s, hwaddr offset, uint32_t value)
{
    int id;

    if (dist_raz_wi(offset)) {
        return true;
    }
    if (common_write(&s->cpu[0], offset, value)) {
        return true;
    }
    if (dist_irouter_index(s, offset, &id)) {
        uint64_t *r = &s->irouter[id - GICV3_NUM_PRIVATE];

        *r = deposit64(*r, offset & 4 ? 32 : 0, 32, value) & IROUTER_MASK;
        return true;
    }
    if (offset == GICD_CTLR) {
        s->ctlr = value & (GICD_CTLR_ENABLE_GRP0 | GICD_CTLR_ENABLE_GRP1);
        return true;
    }
    return false;
}

/* ---- Redistributors ---- */

static uint64_t gicr_typer(GICv3State *s, GICv3CPU *c)
{
    uint64_t typer = (uint64_t)c->affinity << 32 | (uint64_t)c->index << 8;

    if (c->index == (int)s->num_cpu - 1) {
        typer |= GICR_TYPER_LAST;
    }
    return typer;
}

/* offset is inside CPU c's 128 KiB */
static bool redist_read_word(GICv3State *s, GICv3CPU *c, hwaddr offset, uint32_t *value)
{
    *value = 0;
    if (offset >= GICR_SGI_BASE) {
        offset -= GICR_SGI_BASE;
        /* Only the INTID 0..31 words of the GICD-like layout exist here. */
        if ((offset >= GICD_IGROUPR && offset < GICD_IPRIORITYR && !(offset & 0x7f)) ||
            (offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + 0x20) ||
            offset == GICD_ICFGR || offset == GICD_ICFGR + 4) {
            return common_read(c, offset, value);
        }
        return offset == GICD_IGRPMODR || offset == GICD_NSACR;    /* RAZ/WI, DS = 1 */
    }
    if (id_reg(offset, true, value)) {
        return true;
    }
    switch (offset) {
    case GICR_CTLR:
    case GICR_STATUSR:
    case GICR_PROPBASER:
    case GICR_PROPBASER + 4:
    case GICR_PENDBASER:
    case GICR_PENDBASER + 4:
        return true;        /* no LPIs: RAZ/WI */
    case GICR_IIDR:
        *value = GICV3_IIDR_VALUE;
        return true;
    case GICR_TYPER:
    case GICR_TYPER + 4:
        *value = gicr_typer(s, c) >> (offset & 4 ? 32 : 0);
        return true;
    case GICR_WAKER:
        *value = c->asleep ? GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP : 0;
        return true;
    }
    return false;
}

static bool redist_write_word(GICv3State *s, GICv3CPU *c, hwaddr offset, uint32_t value)
{
    uint32_t ignored;

    if (offset >= GICR_SGI_BASE) {
        hwaddr sgi_offset = offset - GICR_SGI_BASE;

        if (sgi_offset == GICD_IGRPMODR || sgi_offset == GICD_NSACR) {
            return true;
        }
        /* The words redist_read_word accepts; ICFGR0 (SGIs) is read-only. */
        if (sgi_offset != GICD_ICFGR && redist_read_word(s, c, offset, &ignored)) {
            return common_write(c, sgi_offset, value);
        }
        return false;
    }
    switch (offset) {
    case GICR_CTLR:
    case GICR_STATUSR:
    case GICR_PROPBASER:
    case GICR_PROPBASER + 4:
    case GICR_PENDBASER:
    case GICR_PENDBASER + 4:
        return true;
    case GICR_WAKER:
        /* ChildrenAsleep follows ProcessorSleep at once: nothing to quiesce. */
        c->asleep = value & GICR_WAKER_PROCESSOR_SLEEP;
        return true;
    }
    return false;
}

/* ---- MMIO ---- */

typedef bool WordReadFn(GICv3State *s, GICv3CPU *c, hwaddr offset, uint32_t *value);
typedef bool WordWriteFn(GICv3State *s, GICv3CPU *c, hwaddr offset, uint32_t value);

static bool dist_read(GICv3State *s, GICv3CPU *c, hwaddr offset, uint32_t *value)
{
    return dist_read_word(s, offset, value);
}

static bool dist_write(GICv3State *s, GICv3CPU *c, hwaddr offset, uint32_t value)
{
    return dist_write_word(s, offset, value);
}

static bool is_priority_reg(hwaddr offset)
{
    return offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + 0x400;
}

/* 64-bit registers, which also take doubleword accesses. */
static bool is_64bit_reg(hwaddr offset, bool redist)
{
    if (redist) {
        return offset == GICR_TYPER || offset == GICR_PROPBASER || offset == GICR_PENDBASER;
    }
    return offset >= GICD_IROUTER && offset < GICD_IROUTER + 8 * 1020;
}

static void log_bad(const char *frame, const char *what, unsigned size, hwaddr offset)
{
    log_mask(log_guest_errors, "gicv3: %u-byte %s %s offset 0x%05" PRIx64 "\n",
             size, what, frame, (uint64_t)offset);
}

/*
 * Splits an access into what the register takes: a byte of IPRIORITYR
 * (read-modify-write of its word), a word, or a doubleword of a 64-bit
 * register as two words. Anything else is logged and RAZ/WI.
 */
static void gic_read(GICv3State *s, GICv3CPU *c, const char *frame, WordReadFn *fn,
                     hwaddr offset, uint64_t *data, unsigned size)
{
    hwaddr reg = offset & 0xffff;
    uint32_t word, high;

    *data = 0;
    if (size == 1 && is_priority_reg(reg)) {
        if (fn(s, c, offset & ~3ULL, &word)) {
            *data = (word >> (8 * (offset & 3))) & 0xff;
            return;
        }
    } else if (size == 4) {
        if (fn(s, c, offset, &word)) {
            *data = word;
            return;
        }
    } else if (size == 8 && is_64bit_reg(reg, c != NULL)) {
        if (fn(s, c, offset, &word) && fn(s, c, offset + 4, &high)) {
            *data = (uint64_t)high << 32 | word;
            return;
        }
    }
    log_bad(frame, "read of reserved or write-only", size, offset);
}

static bool gic_write(GICv3State *s, GICv3CPU *c, const char *frame, WordReadFn *read_fn,
                      WordWriteFn *fn, hwaddr offset, uint64_t data, unsigned size)
{
    hwaddr reg = offset & 0xffff;
    uint32_t word;

    if (size == 1 && is_priority_reg(reg)) {
        if (read_fn(s, c, offset & ~3ULL, &word)) {
            word = deposit64(word, 8 * (offset & 3), 8, data);
            return fn(s, c, offset & ~3ULL, word);
        }
    } else if (size == 4) {
        if (fn(s, c, offset, data)) {
            return true;
        }
    } else if (size == 8 && is_64bit_reg(reg, c != NULL)) {
        if (fn(s, c, offset, data) && fn(s, c, offset + 4, data >> 32)) {
            return true;
        }
    }
    log_bad(frame, "write to reserved or read-only", size, offset);
    return false;
}

static MemTxResult gicd_mmio_read(void *opaque, hwaddr addr, uint64_t *data, unsigned size,
                                  MemTxAttrs attrs)
{
    gic_read(opaque, NULL, "distributor", dist_read, addr, data, size);
    return MEMTX_OK;
}

static MemTxResult gicd_mmio_write(void *opaque, hwaddr addr, uint64_t data, unsigned size,
                                   MemTxAttrs attrs)
{
    GICv3State *s = opaque;

    if (gic_write(s, NULL, "distributor", dist_read, dist_write, addr, data, size)) {
        gicv3_update(s);
    }
    return MEMTX_OK;
}

static const MemoryRegionOps gicd_ops = {
    .read_with_attrs = gicd_mmio_read,
    .write_with_attrs = gicd_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

static MemTxResult gicr_mmio_read(void *opaque, hwaddr addr, uint64_t *data, unsigned size,
                                  MemTxAttrs attrs)
{
    GICv3State *s = opaque;
    GICv3CPU *c = &s->cpu[addr / GICV3_REDIST_SIZE];

    gic_read(s, c, "redistributor", redist_read_word, addr % GICV3_REDIST_SIZE, data, size);
    return MEMTX_OK;
}

static MemTxResult gicr_mmio_write(void *opaque, hwaddr addr, uint64_t data, unsigned size,
                                   MemTxAttrs attrs)
{
    GICv3State *s = opaque;
    GICv3CPU *c = &s->cpu[addr / GICV3_REDIST_SIZE];

    if (gic_write(s, c, "redistributor", redist_read_word, redist_write_word,
                  addr % GICV3_REDIST_SIZE, data, size)) {
        gicv3_update(s);
    }
    return MEMTX_OK;
}

static const MemoryRegionOps gicr_ops = {
    .read_with_attrs = gicr_mmio_read,
    .write_with_attrs = gicr_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

/* ---- Life cycle ---- */

static void gicv3_irq_reset(GICv3Irq *irq, bool edge)
{
    bool level = irq->level;    /* the wire keeps its level */

    *irq = (GICv3Irq) { .edge = edge, .level = level };
}

static void gicv3_reset(DeviceState *dev)
{
    GICv3State *s = gic_of(dev);
    int num_spi = s->num_irq - GICV3_NUM_PRIVATE;

    s->ctlr = 0;
    for (int cpu = 0; cpu < (int)s->num_cpu; cpu++) {
        GICv3CPU *c = &s->cpu[cpu];

        for (int id = 0; id < GICV3_NUM_PRIVATE; id++) {
            gicv3_irq_reset(&c->priv[id], id < GICV3_NUM_SGI);
        }
        c->asleep = true;
        c->pmr = 0;
        c->bpr[0] = GICV3_MIN_BPR0;
        c->bpr[1] = GICV3_MIN_BPR1;
        c->icc_ctlr = 0;
        c->igrpen[0] = c->igrpen[1] = false;
        c->apr[0] = c->apr[1] = 0;
    }
    for (int n = 0; n < num_spi; n++) {
        gicv3_irq_reset(&s->spi[n], false);
        s->irouter[n] = 0;
    }
    gicv3_update(s);
}

static bool gicv3_realize(DeviceState *dev, Error **errp)
{
    GICv3State *s = gic_of(dev);
    int num_spi;

    if (s->num_cpu < 1 || s->num_cpu > GICV3_MAX_CPU) {
        error_setg(errp, "gicv3: num-cpu must be 1..%d, not %u", GICV3_MAX_CPU, s->num_cpu);
        return false;
    }
    /* INTIDs 1020..1023 are special, so 992 is the largest multiple of 32. */
    if (s->num_irq < GICV3_NUM_PRIVATE || s->num_irq % 32 || s->num_irq > GICV3_MAX_IRQ) {
        error_setg(errp, "gicv3: num-irq must be a multiple of 32 from 32 to 992, not %u",
                   s->num_irq);
        return false;
    }
    num_spi = s->num_irq - GICV3_NUM_PRIVATE;

    s->spi = g_new0(GICv3Irq, num_spi ? num_spi : 1);
    s->irouter = g_new0(uint64_t, num_spi ? num_spi : 1);
    s->cpu = g_new0(GICv3CPU, s->num_cpu);
    s->outputs = g_new0(IRQLine *, 2 * s->num_cpu);
    for (int cpu = 0; cpu < (int)s->num_cpu; cpu++) {
        s->cpu[cpu].gic = s;
        s->cpu[cpu].index = cpu;
        s->cpu[cpu].affinity = cpu;     /* Aff0 = index until a CPU is attached */
    }

    memory_region_init_io(&s->dist_mr, &gicd_ops, s, "gicv3-dist", GICV3_DIST_SIZE);
    memory_region_init_io(&s->redist_mr, &gicr_ops, s, "gicv3-redist",
                          (uint64_t)GICV3_REDIST_SIZE * s->num_cpu);
    device_init_mmio(dev, &s->dist_mr);
    device_init_mmio(dev, &s->redist_mr);
    device_init_gpio_in(dev, gicv3_gpio_in, num_spi + 16 * s->num_cpu);
    device_init_gpio_out(dev, s->outputs, 2 * s->num_cpu);
    return true;
}

/* The board unmaps the regions (and detaches the CPUs) before it destroys the device. */
static void gicv3_unrealize(DeviceState *dev)
{
    GICv3State *s = gic_of(dev);

    memory_region_finalize(&s->dist_mr);
    memory_region_finalize(&s->redist_mr);
    g_free(s->spi);
    g_free(s->irouter);
    g_free(s->cpu);
    g_free(s->outputs);
}

static const Property gicv3_props[] = {
    DEFINE_PROP_UINT32("num-cpu", GICv3State, num_cpu, 1,
                       "number of redistributors and CPU interfaces (1..123)"),
    DEFINE_PROP_UINT32("num-irq", GICv3State, num_irq, 288,
                       "interrupt IDs: 32 + SPIs, a multiple of 32"),
    DEFINE_PROP_END,
};

const DeviceClass gicv3_class = {
    .name = "gicv3",
    .desc = "ARM Generic Interrupt Controller v3 (one security state, no LPIs)",
    .category = DEVICE_CATEGORY_INTC,
    .instance_size = sizeof(GICv3State),
    .props = gicv3_props,
    .user_creatable = false,
    .realize = gicv3_realize,
    .unrealize = gicv3_unrealize,
    .reset = gicv3_reset,
};
