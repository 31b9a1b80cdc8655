/*
 * ARM Generic Interrupt Controller v2, as described by the GIC Architecture
 * Specification v1.0/v2.0 (ARM IHI 0048B), without the Security Extensions:
 * the GIC of QEMU's virt board as Linux's irq-gic driver and firmware see it.
 *
 * Model. Every interrupt has its state in one GICv2Irq: enable, group,
 * priority, trigger (edge/level), active, a pending latch and the level of
 * its input line. SGIs and PPIs (INTID 0..31) are banked: each CPU has its
 * own 32 GICv2Irq; SPIs have one each and a target byte (ITARGETSR).
 * Pending is derived, not stored as one bit:
 *   - level-sensitive: latch (set by ISPENDR) or input line high, so a line
 *     that stays high after EOI is pending again by itself;
 *   - edge-triggered: the latch, set on a rising edge of the input;
 *   - SGIs: one pending bit per source CPU (sgi_sources), as IAR reports
 *     and clears one source at a time.
 * After every change gicv2_update() recomputes, per CPU, the highest
 * priority pending interrupt that is enabled, not active, targets that CPU
 * and belongs to an enabled group (lowest INTID first on equal priority),
 * and drives the CPU's IRQ (or FIQ: group 0 with FIQEn) line when its
 * priority beats both PMR and the running priority. This is O(num-irq) per
 * CPU, which is what keeps the state in one obvious place.
 *
 * Priorities use all 8 bits. Preemption compares group priorities: the
 * priority masked by the binary point (BPR for group 0, and group 1 with
 * CBPR; ABPR for group 1 otherwise). The active priorities are a 256-bit
 * set per CPU (one bit per group priority in use); IAR adds the
 * acknowledged interrupt's group priority, EOIR removes the highest one
 * (priority drop), and the running priority is the highest still set.
 * EOIR also deactivates the interrupt unless GICC_CTLR.EOImode is set, in
 * which case GICC_DIR does it.
 *
 * Which CPU an access comes from: attrs.requester_id when the access has
 * attributes (attrs.unspecified == 0), else the board's current-vCPU
 * function (gicv2_set_current_cpu_fn), else CPU 0.
 *
 * Without the Security Extensions GICD_CTLR/GICC_CTLR have separate enables
 * for group 0 and group 1, all interrupts reset to group 0 and are
 * signalled as IRQ unless GICC_CTLR.FIQEn. Left out: the virtualization
 * extensions (GICH/GICV), the bypass/wake-up signals, and GICC_APRn (RAZ/WI).
 * Guest misuse (bad offsets or sizes, writes to read-only registers) is
 * logged under guest_errors and reads as zero / is ignored.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/log.h"
#include "hw/intc/arm-gicv2.h"
#include "softmmu/memory.h"

#define IDLE_PRIORITY       0x100   /* running priority with nothing active */
#define RPR_IDLE            0xff    /* what GICC_RPR reads then */

/* Distributor registers (IHI 0048B 4.1.2) */
enum {
    GICD_CTLR = 0x000,
    GICD_TYPER = 0x004,
    GICD_IIDR = 0x008,
    GICD_IGROUPR = 0x080,
    GICD_ISENABLER = 0x100,
    GICD_ICENABLER = 0x180,
    GICD_ISPENDR = 0x200,
    GICD_ICPENDR = 0x280,
    GICD_ISACTIVER = 0x300,
    GICD_ICACTIVER = 0x380,
    GICD_IPRIORITYR = 0x400,
    GICD_ITARGETSR = 0x800,
    GICD_ICFGR = 0xc00,
    GICD_PPISR = 0xd00,     /* implementation defined range: RAZ/WI */
    GICD_SGIR = 0xf00,
    GICD_CPENDSGIR = 0xf10,
    GICD_SPENDSGIR = 0xf20,
    GICD_ID_BASE = 0xfd0,
};

/* CPU interface registers (IHI 0048B 4.1.3) */
enum {
    GICC_CTLR = 0x00,
    GICC_PMR = 0x04,
    GICC_BPR = 0x08,
    GICC_IAR = 0x0c,
    GICC_EOIR = 0x10,
    GICC_RPR = 0x14,
    GICC_HPPIR = 0x18,
    GICC_ABPR = 0x1c,
    GICC_AIAR = 0x20,
    GICC_AEOIR = 0x24,
    GICC_AHPPIR = 0x28,
    GICC_APR0 = 0xd0,
    GICC_NSAPR3 = 0xec,
    GICC_IIDR = 0xfc,
    GICC_DIR = 0x1000,
};

/* GICD_CTLR and the group enables of GICC_CTLR */
#define CTLR_ENABLE_GRP0    (1u << 0)
#define CTLR_ENABLE_GRP1    (1u << 1)
/* GICC_CTLR without the Security Extensions */
#define CPU_CTLR_ACKCTL     (1u << 2)
#define CPU_CTLR_FIQEN      (1u << 3)
#define CPU_CTLR_CBPR       (1u << 4)
#define CPU_CTLR_EOIMODE    (1u << 9)
#define CPU_CTLR_MASK       0x3ffu      /* bits 5..8: bypass disables, stored only */

/* GIC-400 identification: r0p1, implementer ARM (0x43b) */
#define GICD_IIDR_VALUE     0x0200143bu
#define GICC_IIDR_VALUE     0x0202143bu
/* PIDR4..7, PIDR0..3, CIDR0..3 at 0xfd0..0xffc; PIDR2 says architecture v2 */
static const uint8_t gicv2_id_regs[12] = {
    0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

typedef struct GICv2Irq {
    bool enabled;
    bool group1;
    bool edge;              /* ICFGR: edge-triggered (SGIs always) */
    bool latch;             /* pending latch: edge seen or ISPENDR */
    bool level;             /* input line level */
    bool active;
    uint8_t priority;
    uint8_t targets;        /* SPIs: ITARGETSR */
} GICv2Irq;

typedef struct GICv2CPU {
    uint32_t ctlr;
    uint8_t pmr;
    uint8_t bpr;
    uint8_t abpr;
    uint32_t active_prio[IDLE_PRIORITY / 32];   /* group priorities in use */
    uint8_t sgi_sources[GICV2_NUM_SGI];         /* pending SGIs by source CPU */
    int irq_out, fiq_out;                       /* last levels driven */
} GICv2CPU;

typedef struct GICv2State {
    DeviceState parent;
    MemoryRegion dist_mr;
    MemoryRegion cpu_mr;
    uint32_t num_cpu;       /* property */
    uint32_t num_irq;       /* property */

    GICv2CurrentCPUFn *current_cpu_fn;
    void *current_cpu_opaque;

    uint32_t ctlr;
    GICv2Irq *banked;       /* num_cpu * 32 */
    GICv2Irq *spi;          /* num_irq - 32 */
    GICv2CPU *cpu;          /* num_cpu */
    IRQLine **outputs;      /* IRQ of each CPU, then FIQ of each CPU */
} GICv2State;

static GICv2Irq *gic_irq(GICv2State *s, int cpu, int id)
{
    if (id < GICV2_NUM_PRIVATE) {
        return &s->banked[cpu * GICV2_NUM_PRIVATE + id];
    }
    return &s->spi[id - GICV2_NUM_PRIVATE];
}

static bool gic_pending(GICv2State *s, int cpu, int id)
{
    GICv2Irq *irq = gic_irq(s, cpu, id);

    if (id < GICV2_NUM_SGI) {
        return s->cpu[cpu].sgi_sources[id] != 0;
    }
    return irq->latch || (!irq->edge && irq->level);
}

static bool gic_targets_cpu(GICv2State *s, int cpu, int id)
{
    if (id < GICV2_NUM_PRIVATE || s->num_cpu == 1) {
        return true;
    }
    return gic_irq(s, cpu, id)->targets & (1u << cpu);
}

static unsigned gic_group_priority(GICv2State *s, int cpu, const GICv2Irq *irq)
{
    GICv2CPU *c = &s->cpu[cpu];
    unsigned shift;

    if (irq->group1 && !(c->ctlr & CPU_CTLR_CBPR)) {
        shift = c->abpr < 1 ? 1 : c->abpr;      /* group 1 point is one lower */
    } else {
        shift = c->bpr + 1;
    }
    return irq->priority & (0xffu << shift) & 0xff;
}

static unsigned gic_running_priority(GICv2State *s, int cpu)
{
    GICv2CPU *c = &s->cpu[cpu];

    for (unsigned w = 0; w < ARRAY_SIZE(c->active_prio); w++) {
        if (c->active_prio[w]) {
            return w * 32 + __builtin_ctz(c->active_prio[w]);
        }
    }
    return IDLE_PRIORITY;
}

/*
 * The highest priority pending interrupt of this CPU that the distributor
 * forwards (enabled, not active, group enabled), or GICV2_SPURIOUS.
 */
static int gic_best_pending(GICv2State *s, int cpu)
{
    int best = GICV2_SPURIOUS;
    unsigned best_prio = IDLE_PRIORITY;

    for (int id = 0; id < (int)s->num_irq; id++) {
        GICv2Irq *irq = gic_irq(s, cpu, id);
        uint32_t group_enable = irq->group1 ? CTLR_ENABLE_GRP1 : CTLR_ENABLE_GRP0;

        if (!irq->enabled || irq->active || !(s->ctlr & group_enable) ||
            irq->priority >= best_prio || !gic_pending(s, cpu, id) ||
            !gic_targets_cpu(s, cpu, id)) {
            continue;
        }
        best = id;
        best_prio = irq->priority;
    }
    return best;
}

/* Whether the CPU interface may signal (and acknowledge) interrupt id. */
static bool gic_can_signal(GICv2State *s, int cpu, int id)
{
    GICv2CPU *c = &s->cpu[cpu];
    GICv2Irq *irq;
    uint32_t group_enable;

    if (id == GICV2_SPURIOUS) {
        return false;
    }
    irq = gic_irq(s, cpu, id);
    group_enable = irq->group1 ? CTLR_ENABLE_GRP1 : CTLR_ENABLE_GRP0;
    return (c->ctlr & group_enable) && irq->priority < c->pmr &&
           gic_group_priority(s, cpu, irq) < gic_running_priority(s, cpu);
}

static void gicv2_update(GICv2State *s)
{
    for (int cpu = 0; cpu < (int)s->num_cpu; cpu++) {
        GICv2CPU *c = &s->cpu[cpu];
        int best = gic_best_pending(s, cpu);
        int irq_level = 0, fiq_level = 0;

        if (gic_can_signal(s, cpu, best)) {
            GICv2Irq *irq = gic_irq(s, cpu, best);

            if (!irq->group1 && (c->ctlr & CPU_CTLR_FIQEN)) {
                fiq_level = 1;
            } else {
                irq_level = 1;
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

static void gic_set_input(GICv2State *s, int cpu, int id, int level)
{
    GICv2Irq *irq = gic_irq(s, cpu, id);
    bool high = level != 0;

    if (irq->edge && high && !irq->level) {
        irq->latch = true;
    }
    irq->level = high;
    gicv2_update(s);
}

static void gicv2_gpio_in(void *opaque, int n, int level)
{
    GICv2State *s = container_of((DeviceState *)opaque, GICv2State, parent);
    int num_spi = s->num_irq - GICV2_NUM_PRIVATE;

    if (n < num_spi) {
        gic_set_input(s, 0, GICV2_NUM_PRIVATE + n, level);
    } else {
        n -= num_spi;
        gic_set_input(s, n / 16, GICV2_NUM_SGI + n % 16, level);
    }
}

int gicv2_ppi_input(DeviceState *dev, int cpu, int intid)
{
    GICv2State *s = container_of(dev, GICv2State, parent);

    assert(cpu >= 0 && cpu < (int)s->num_cpu);
    assert(intid >= GICV2_NUM_SGI && intid < GICV2_NUM_PRIVATE);
    return s->num_irq - GICV2_NUM_PRIVATE + 16 * cpu + (intid - GICV2_NUM_SGI);
}

/* ---- Which CPU is accessing ---- */

void gicv2_set_current_cpu_fn(DeviceState *dev, GICv2CurrentCPUFn *fn,
                              void *opaque)
{
    GICv2State *s = container_of(dev, GICv2State, parent);

    s->current_cpu_fn = fn;
    s->current_cpu_opaque = opaque;
}

/* The accessing CPU, or -1 (logged) if it is not one of ours. */
static int gic_accessing_cpu(GICv2State *s, MemTxAttrs attrs)
{
    int cpu = 0;

    if (!attrs.unspecified) {
        cpu = attrs.requester_id;
    } else if (s->current_cpu_fn) {
        cpu = s->current_cpu_fn(s->current_cpu_opaque);
    }
    if (cpu < 0 || cpu >= (int)s->num_cpu) {
        log_mask(log_guest_errors, "gicv2: access from CPU %d, which has no "
                 "interface (num-cpu %u)\n", cpu, s->num_cpu);
        return -1;
    }
    return cpu;
}

/* ---- Acknowledge and end of interrupt ---- */

static void gic_set_active_priority(GICv2State *s, int cpu, unsigned prio)
{
    s->cpu[cpu].active_prio[prio / 32] |= 1u << (prio % 32);
}

static void gic_drop_priority(GICv2State *s, int cpu)
{
    unsigned prio = gic_running_priority(s, cpu);

    if (prio != IDLE_PRIORITY) {
        s->cpu[cpu].active_prio[prio / 32] &= ~(1u << (prio % 32));
    }
}

/*
 * IAR (alias false) or AIAR (alias true). IAR acknowledges group 0, and
 * group 1 only with AckCtl set (else it reads 1022); AIAR acknowledges
 * group 1 only.
 */
static uint32_t gic_acknowledge(GICv2State *s, int cpu, bool alias)
{
    GICv2CPU *c = &s->cpu[cpu];
    int id = gic_best_pending(s, cpu);
    GICv2Irq *irq;
    uint32_t value;

    if (!gic_can_signal(s, cpu, id)) {
        return GICV2_SPURIOUS;
    }
    irq = gic_irq(s, cpu, id);
    if (alias ? !irq->group1 : (irq->group1 && !(c->ctlr & CPU_CTLR_ACKCTL))) {
        return alias ? GICV2_SPURIOUS : GICV2_SPURIOUS - 1;
    }
    value = id;
    if (id < GICV2_NUM_SGI) {
        int src = __builtin_ctz(c->sgi_sources[id]);

        c->sgi_sources[id] &= ~(1u << src);
        value |= src << 10;
    } else {
        irq->latch = false;
    }
    irq->active = true;
    gic_set_active_priority(s, cpu, gic_group_priority(s, cpu, irq));
    gicv2_update(s);
    return value;
}

static bool gic_valid_intid(GICv2State *s, uint32_t id, const char *reg)
{
    if (id >= s->num_irq) {
        log_mask(log_guest_errors, "gicv2: %s of INTID %u, which does not "
                 "exist\n", reg, id);
        return false;
    }
    return true;
}

static void gic_end_of_interrupt(GICv2State *s, int cpu, uint32_t value,
                                 const char *reg)
{
    uint32_t id = value & 0x3ff;
    GICv2Irq *irq;

    if (id == GICV2_SPURIOUS || id == GICV2_SPURIOUS - 1) {
        return;     /* spurious IDs are ignored */
    }
    if (!gic_valid_intid(s, id, reg)) {
        return;
    }
    irq = gic_irq(s, cpu, id);
    if (!irq->active) {
        log_mask(log_guest_errors, "gicv2: %s of INTID %u, which is not "
                 "active\n", reg, id);
        return;
    }
    gic_drop_priority(s, cpu);
    if (!(s->cpu[cpu].ctlr & CPU_CTLR_EOIMODE)) {
        irq->active = false;
    }
    gicv2_update(s);
}

static void gic_deactivate(GICv2State *s, int cpu, uint32_t value)
{
    uint32_t id = value & 0x3ff;

    if (!(s->cpu[cpu].ctlr & CPU_CTLR_EOIMODE)) {
        log_mask(log_guest_errors, "gicv2: GICC_DIR write with EOImode clear\n");
        return;
    }
    if (id == GICV2_SPURIOUS || id == GICV2_SPURIOUS - 1 ||
        !gic_valid_intid(s, id, "GICC_DIR")) {
        return;
    }
    gic_irq(s, cpu, id)->active = false;
    gicv2_update(s);
}

/* ---- Distributor ---- */

/* A 1-bit-per-interrupt register: which field of GICv2Irq it reads or sets. */
typedef enum GICBitReg {
    BIT_GROUP,
    BIT_ENABLE,
    BIT_PENDING,
    BIT_ACTIVE,
} GICBitReg;

static bool gic_get_bit(GICv2State *s, int cpu, int id, GICBitReg reg)
{
    GICv2Irq *irq = gic_irq(s, cpu, id);

    switch (reg) {
    case BIT_GROUP:
        return irq->group1;
    case BIT_ENABLE:
        return irq->enabled;
    case BIT_PENDING:
        return gic_pending(s, cpu, id);
    case BIT_ACTIVE:
        return irq->active;
    }
    return false;
}

/* Writes bit `value` (group) or applies a set/clear of a 1 bit. */
static void gic_put_bit(GICv2State *s, int cpu, int id, GICBitReg reg, bool value)
{
    GICv2Irq *irq = gic_irq(s, cpu, id);

    switch (reg) {
    case BIT_GROUP:
        irq->group1 = value;
        break;
    case BIT_ENABLE:
        irq->enabled = value;
        break;
    case BIT_PENDING:
        if (id >= GICV2_NUM_SGI) {      /* SGIs: GICD_[CS]PENDSGIR only */
            irq->latch = value;
        }
        break;
    case BIT_ACTIVE:
        irq->active = value;
        break;
    }
}

static uint32_t gic_read_bits(GICv2State *s, int cpu, int first, GICBitReg reg)
{
    uint32_t value = 0;

    for (int i = 0; i < 32 && first + i < (int)s->num_irq; i++) {
        value |= (uint32_t)gic_get_bit(s, cpu, first + i, reg) << i;
    }
    return value;
}

/* set: ISxxx (1 sets); clear: ICxxx (1 clears); neither: IGROUPR (plain). */
static void gic_write_bits(GICv2State *s, int cpu, int first, GICBitReg reg,
                           uint32_t value, bool plain, bool set)
{
    for (int i = 0; i < 32 && first + i < (int)s->num_irq; i++) {
        bool bit = value & (1u << i);

        if (plain) {
            gic_put_bit(s, cpu, first + i, reg, bit);
        } else if (bit) {
            gic_put_bit(s, cpu, first + i, reg, set);
        }
    }
}

static void gic_write_sgir(GICv2State *s, int cpu, uint32_t value)
{
    unsigned id = value & 0xf;
    unsigned targets;

    switch ((value >> 24) & 3) {
    case 0:
        targets = (value >> 16) & 0xff;
        break;
    case 1:
        targets = ~(1u << cpu);
        break;
    case 2:
        targets = 1u << cpu;
        break;
    default:
        log_mask(log_guest_errors, "gicv2: GICD_SGIR with the reserved target "
                 "list filter 3\n");
        return;
    }
    targets &= (1u << s->num_cpu) - 1;
    for (int t = 0; t < (int)s->num_cpu; t++) {
        if (targets & (1u << t)) {
            s->cpu[t].sgi_sources[id] |= 1u << cpu;
        }
    }
}

static uint32_t gic_typer(GICv2State *s)
{
    return (s->num_irq / 32 - 1) | (s->num_cpu - 1) << 5;
}

/* One byte of the byte-accessible registers; offset is the byte's address. */
static uint8_t gic_dist_read_byte(GICv2State *s, int cpu, hwaddr offset)
{
    if (offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + s->num_irq) {
        return gic_irq(s, cpu, offset - GICD_IPRIORITYR)->priority;
    }
    if (offset >= GICD_ITARGETSR && offset < GICD_ITARGETSR + s->num_irq) {
        int id = offset - GICD_ITARGETSR;

        if (id < GICV2_NUM_PRIVATE) {
            return 1u << cpu;
        }
        return gic_irq(s, cpu, id)->targets;
    }
    if (offset >= GICD_CPENDSGIR && offset < GICD_SPENDSGIR + 16) {
        return s->cpu[cpu].sgi_sources[(offset - GICD_CPENDSGIR) % 16];
    }
    /* Past num-irq inside IPRIORITYR/ITARGETSR: reserved, RAZ */
    return 0;
}

static void gic_dist_write_byte(GICv2State *s, int cpu, hwaddr offset, uint8_t value)
{
    if (offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + s->num_irq) {
        gic_irq(s, cpu, offset - GICD_IPRIORITYR)->priority = value;
    } else if (offset >= GICD_ITARGETSR && offset < GICD_ITARGETSR + s->num_irq) {
        int id = offset - GICD_ITARGETSR;

        if (id >= GICV2_NUM_PRIVATE) {
            gic_irq(s, cpu, id)->targets = value & ((1u << s->num_cpu) - 1);
        }
    } else if (offset >= GICD_CPENDSGIR && offset < GICD_CPENDSGIR + 16) {
        s->cpu[cpu].sgi_sources[offset - GICD_CPENDSGIR] &= ~value;
    } else if (offset >= GICD_SPENDSGIR && offset < GICD_SPENDSGIR + 16) {
        s->cpu[cpu].sgi_sources[offset - GICD_SPENDSGIR] |=
            value & ((1u << s->num_cpu) - 1);
    } else {
        log_mask(log_guest_errors, "gicv2: write to reserved distributor "
                 "byte 0x%03" PRIx64 "\n", (uint64_t)offset);
    }
}

static bool gic_dist_byte_reg(hwaddr offset)
{
    return (offset >= GICD_IPRIORITYR && offset < GICD_ICFGR) ||
           (offset >= GICD_CPENDSGIR && offset < GICD_SPENDSGIR + 16);
}

/* The 1-bit registers: the GICBitReg of offset, and its first INTID. */
static bool gic_bit_reg(hwaddr offset, GICBitReg *reg, bool *set, int *first)
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

static uint32_t gic_dist_read_word(GICv2State *s, int cpu, hwaddr offset)
{
    GICBitReg reg;
    bool set;
    int first;

    if (gic_bit_reg(offset, &reg, &set, &first)) {
        return gic_read_bits(s, cpu, first, reg);
    }
    if (offset >= GICD_ICFGR && offset < GICD_PPISR) {
        uint32_t value = 0;

        first = (offset - GICD_ICFGR) * 4;
        for (int i = 0; i < 16 && first + i < (int)s->num_irq; i++) {
            value |= (uint32_t)gic_irq(s, cpu, first + i)->edge << (2 * i + 1);
        }
        return value;
    }
    if (offset >= GICD_ID_BASE) {
        return gicv2_id_regs[(offset - GICD_ID_BASE) / 4];
    }
    switch (offset) {
    case GICD_CTLR:
        return s->ctlr;
    case GICD_TYPER:
        return gic_typer(s);
    case GICD_IIDR:
        return GICD_IIDR_VALUE;
    case GICD_SGIR:
        log_mask(log_guest_errors, "gicv2: read of the write-only GICD_SGIR\n");
        return 0;
    }
    if (offset >= GICD_PPISR && offset < GICD_SGIR) {
        return 0;
    }
    log_mask(log_guest_errors, "gicv2: read of reserved distributor offset "
             "0x%03" PRIx64 "\n", (uint64_t)offset);
    return 0;
}

static void gic_dist_write_word(GICv2State *s, int cpu, hwaddr offset, uint32_t value)
{
    GICBitReg reg;
    bool set;
    int first;

    if (gic_bit_reg(offset, &reg, &set, &first)) {
        gic_write_bits(s, cpu, first, reg, value, reg == BIT_GROUP, set);
        return;
    }
    if (offset >= GICD_ICFGR && offset < GICD_PPISR) {
        first = (offset - GICD_ICFGR) * 4;
        for (int i = 0; i < 16 && first + i < (int)s->num_irq; i++) {
            if (first + i >= GICV2_NUM_SGI) {   /* SGIs are always edge */
                gic_irq(s, cpu, first + i)->edge = value & (2u << (2 * i));
            }
        }
        return;
    }
    switch (offset) {
    case GICD_CTLR:
        s->ctlr = value & (CTLR_ENABLE_GRP0 | CTLR_ENABLE_GRP1);
        return;
    case GICD_SGIR:
        gic_write_sgir(s, cpu, value);
        return;
    }
    log_mask(log_guest_errors, "gicv2: write of 0x%" PRIx32 " to %s distributor "
             "offset 0x%03" PRIx64 "\n", value,
             offset == GICD_TYPER || offset == GICD_IIDR || offset >= GICD_ID_BASE ?
             "read-only" : "reserved", (uint64_t)offset);
}

static MemTxResult gic_dist_read(void *opaque, hwaddr addr, uint64_t *data,
                                 unsigned size, MemTxAttrs attrs)
{
    GICv2State *s = opaque;
    int cpu = gic_accessing_cpu(s, attrs);

    *data = 0;
    if (cpu < 0) {
        return MEMTX_OK;
    }
    if (gic_dist_byte_reg(addr)) {
        for (unsigned i = 0; i < size; i++) {
            *data |= (uint64_t)gic_dist_read_byte(s, cpu, addr + i) << (8 * i);
        }
    } else if (size == 4 && !(addr & 3)) {
        *data = gic_dist_read_word(s, cpu, addr);
    } else {
        log_mask(log_guest_errors, "gicv2: %u-byte read of distributor offset "
                 "0x%03" PRIx64 ", which takes words only\n", size, (uint64_t)addr);
    }
    return MEMTX_OK;
}

static MemTxResult gic_dist_write(void *opaque, hwaddr addr, uint64_t data,
                                  unsigned size, MemTxAttrs attrs)
{
    GICv2State *s = opaque;
    int cpu = gic_accessing_cpu(s, attrs);

    if (cpu < 0) {
        return MEMTX_OK;
    }
    if (gic_dist_byte_reg(addr)) {
        for (unsigned i = 0; i < size; i++) {
            gic_dist_write_byte(s, cpu, addr + i, data >> (8 * i));
        }
    } else if (size == 4 && !(addr & 3)) {
        gic_dist_write_word(s, cpu, addr, data);
    } else {
        log_mask(log_guest_errors, "gicv2: %u-byte write to distributor offset "
                 "0x%03" PRIx64 ", which takes words only\n", size, (uint64_t)addr);
        return MEMTX_OK;
    }
    gicv2_update(s);
    return MEMTX_OK;
}

static const MemoryRegionOps gic_dist_ops = {
    .read_with_attrs = gic_dist_read,
    .write_with_attrs = gic_dist_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- CPU interface ---- */

static uint32_t gic_hppir(GICv2State *s, int cpu, bool alias)
{
    int id = gic_best_pending(s, cpu);
    GICv2Irq *irq;
    uint32_t value;

    if (id == GICV2_SPURIOUS) {
        return GICV2_SPURIOUS;
    }
    irq = gic_irq(s, cpu, id);
    if (alias ? !irq->group1 :
        (irq->group1 && !(s->cpu[cpu].ctlr & CPU_CTLR_ACKCTL))) {
        return alias ? GICV2_SPURIOUS : GICV2_SPURIOUS - 1;
    }
    value = id;
    if (id < GICV2_NUM_SGI) {
        value |= __builtin_ctz(s->cpu[cpu].sgi_sources[id]) << 10;
    }
    return value;
}

static MemTxResult gic_cpu_read(void *opaque, hwaddr addr, uint64_t *data,
                                unsigned size, MemTxAttrs attrs)
{
    GICv2State *s = opaque;
    int cpu = gic_accessing_cpu(s, attrs);
    GICv2CPU *c;
    unsigned rpr;

    *data = 0;
    if (cpu < 0) {
        return MEMTX_OK;
    }
    c = &s->cpu[cpu];
    switch (addr) {
    case GICC_CTLR:
        *data = c->ctlr;
        break;
    case GICC_PMR:
        *data = c->pmr;
        break;
    case GICC_BPR:
        *data = c->bpr;
        break;
    case GICC_ABPR:
        *data = c->abpr;
        break;
    case GICC_IAR:
        *data = gic_acknowledge(s, cpu, false);
        break;
    case GICC_AIAR:
        *data = gic_acknowledge(s, cpu, true);
        break;
    case GICC_RPR:
        rpr = gic_running_priority(s, cpu);
        *data = rpr == IDLE_PRIORITY ? RPR_IDLE : rpr;
        break;
    case GICC_HPPIR:
        *data = gic_hppir(s, cpu, false);
        break;
    case GICC_AHPPIR:
        *data = gic_hppir(s, cpu, true);
        break;
    case GICC_IIDR:
        *data = GICC_IIDR_VALUE;
        break;
    case GICC_EOIR:
    case GICC_AEOIR:
    case GICC_DIR:
        log_mask(log_guest_errors, "gicv2: read of write-only CPU interface "
                 "offset 0x%03" PRIx64 "\n", (uint64_t)addr);
        break;
    default:
        if (addr >= GICC_APR0 && addr <= GICC_NSAPR3) {
            break;          /* active priorities: RAZ/WI */
        }
        log_mask(log_guest_errors, "gicv2: read of reserved CPU interface "
                 "offset 0x%03" PRIx64 "\n", (uint64_t)addr);
        break;
    }
    return MEMTX_OK;
}

static MemTxResult gic_cpu_write(void *opaque, hwaddr addr, uint64_t data,
                                 unsigned size, MemTxAttrs attrs)
{
    GICv2State *s = opaque;
    int cpu = gic_accessing_cpu(s, attrs);
    GICv2CPU *c;

    if (cpu < 0) {
        return MEMTX_OK;
    }
    c = &s->cpu[cpu];
    switch (addr) {
    case GICC_CTLR:
        c->ctlr = data & CPU_CTLR_MASK;
        break;
    case GICC_PMR:
        c->pmr = data;
        break;
    case GICC_BPR:
        c->bpr = data & 7;
        break;
    case GICC_ABPR:
        c->abpr = data & 7;
        break;
    case GICC_EOIR:
        gic_end_of_interrupt(s, cpu, data, "GICC_EOIR");
        return MEMTX_OK;
    case GICC_AEOIR:
        gic_end_of_interrupt(s, cpu, data, "GICC_AEOIR");
        return MEMTX_OK;
    case GICC_DIR:
        gic_deactivate(s, cpu, data);
        return MEMTX_OK;
    default:
        if (addr >= GICC_APR0 && addr <= GICC_NSAPR3) {
            return MEMTX_OK;
        }
        log_mask(log_guest_errors, "gicv2: write to %s CPU interface offset "
                 "0x%03" PRIx64 "\n",
                 addr == GICC_IAR || addr == GICC_AIAR || addr == GICC_RPR ||
                 addr == GICC_HPPIR || addr == GICC_AHPPIR || addr == GICC_IIDR ?
                 "read-only" : "reserved", (uint64_t)addr);
        return MEMTX_OK;
    }
    gicv2_update(s);
    return MEMTX_OK;
}

static const MemoryRegionOps gic_cpu_ops = {
    .read_with_attrs = gic_cpu_read,
    .write_with_attrs = gic_cpu_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- Life cycle ---- */

static void gicv2_reset(DeviceState *dev)
{
    GICv2State *s = container_of(dev, GICv2State, parent);
    int num_spi = s->num_irq - GICV2_NUM_PRIVATE;

    s->ctlr = 0;
    for (int cpu = 0; cpu < (int)s->num_cpu; cpu++) {
        GICv2CPU *c = &s->cpu[cpu];

        for (int id = 0; id < GICV2_NUM_PRIVATE; id++) {
            GICv2Irq *irq = gic_irq(s, cpu, id);
            bool level = irq->level;    /* the wire keeps its level */

            *irq = (GICv2Irq) { .edge = id < GICV2_NUM_SGI, .level = level };
        }
        c->ctlr = 0;
        c->pmr = 0;
        c->bpr = 0;
        c->abpr = 1;
        memset(c->active_prio, 0, sizeof(c->active_prio));
        memset(c->sgi_sources, 0, sizeof(c->sgi_sources));
    }
    for (int n = 0; n < num_spi; n++) {
        bool level = s->spi[n].level;

        s->spi[n] = (GICv2Irq) { .level = level };
    }
    gicv2_update(s);
}

static bool gicv2_realize(DeviceState *dev, Error **errp)
{
    GICv2State *s = container_of(dev, GICv2State, parent);
    int num_spi;

    if (s->num_cpu < 1 || s->num_cpu > GICV2_MAX_CPU) {
        error_setg(errp, "gicv2: num-cpu must be 1..%d, not %u",
                   GICV2_MAX_CPU, s->num_cpu);
        return false;
    }
    /* INTIDs 1020..1023 are special, so 992 is the largest multiple of 32. */
    if (s->num_irq < GICV2_NUM_PRIVATE || s->num_irq % 32 ||
        s->num_irq > GICV2_MAX_IRQ) {
        error_setg(errp, "gicv2: num-irq must be a multiple of 32 from 32 to "
                   "992, not %u", s->num_irq);
        return false;
    }
    num_spi = s->num_irq - GICV2_NUM_PRIVATE;

    s->banked = g_new0(GICv2Irq, s->num_cpu * GICV2_NUM_PRIVATE);
    s->spi = g_new0(GICv2Irq, num_spi ? num_spi : 1);
    s->cpu = g_new0(GICv2CPU, s->num_cpu);
    s->outputs = g_new0(IRQLine *, 2 * s->num_cpu);

    memory_region_init_io(&s->dist_mr, &gic_dist_ops, s, "gicv2-dist",
                          GICV2_DIST_SIZE);
    memory_region_init_io(&s->cpu_mr, &gic_cpu_ops, s, "gicv2-cpu",
                          GICV2_CPU_SIZE);
    device_init_mmio(dev, &s->dist_mr);
    device_init_mmio(dev, &s->cpu_mr);
    device_init_gpio_in(dev, gicv2_gpio_in, num_spi + 16 * s->num_cpu);
    device_init_gpio_out(dev, s->outputs, 2 * s->num_cpu);
    return true;
}

/* The board unmaps the regions before it destroys the device. */
static void gicv2_unrealize(DeviceState *dev)
{
    GICv2State *s = container_of(dev, GICv2State, parent);

    memory_region_finalize(&s->dist_mr);
    memory_region_finalize(&s->cpu_mr);
    g_free(s->banked);
    g_free(s->spi);
    g_free(s->cpu);
    g_free(s->outputs);
}

static const Property gicv2_props[] = {
    DEFINE_PROP_UINT32("num-cpu", GICv2State, num_cpu, 1,
                       "number of CPU interfaces (1..8)"),
    DEFINE_PROP_UINT32("num-irq", GICv2State, num_irq, 288,
                       "interrupt IDs: 32 + SPIs, a multiple of 32"),
    DEFINE_PROP_END,
};

const DeviceClass gicv2_class = {
    .name = "gicv2",
    .desc = "ARM Generic Interrupt Controller v2 (no security extensions)",
    .category = DEVICE_CATEGORY_INTC,
    .instance_size = sizeof(GICv2State),
    .props = gicv2_props,
    .user_creatable = false,
    .realize = gicv2_realize,
    .unrealize = gicv2_unrealize,
    .reset = gicv2_reset,
};
