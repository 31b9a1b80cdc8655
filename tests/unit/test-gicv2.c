/*
 * GICv2 tests: the device mapped in system memory at the virt board's
 * addresses and driven through real memory accesses, each tagged with the
 * accessing CPU in MemTxAttrs.requester_id. The CPUs are replaced by
 * IRQLines recording the levels of each CPU's IRQ and FIQ outputs; device
 * interrupts are driven through the GIC's GPIO inputs as a board would.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/intc/arm-gicv2.h"
#include "softmmu/memory.h"

#define DIST        0x08000000
#define CPUIF       0x08010000
#define NUM_CPU     2
#define NUM_IRQ     64

#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_IIDR       0x008
#define GICD_IGROUPR    0x080
#define GICD_ISENABLER  0x100
#define GICD_ICENABLER  0x180
#define GICD_ISPENDR    0x200
#define GICD_ICPENDR    0x280
#define GICD_ISACTIVER  0x300
#define GICD_ICACTIVER  0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICD_ICFGR      0xc00
#define GICD_SGIR       0xf00
#define GICD_CPENDSGIR  0xf10
#define GICD_SPENDSGIR  0xf20

#define GICC_CTLR       0x00
#define GICC_PMR        0x04
#define GICC_BPR        0x08
#define GICC_IAR        0x0c
#define GICC_EOIR       0x10
#define GICC_RPR        0x14
#define GICC_HPPIR      0x18
#define GICC_ABPR       0x1c
#define GICC_AIAR       0x20
#define GICC_IIDR       0xfc
#define GICC_DIR        0x1000

#define SPURIOUS        1023

typedef struct Gic {
    DeviceState *dev;
    IRQLine *lines[2 * NUM_CPU];
    int level[2 * NUM_CPU];         /* IRQ of CPU c at c, FIQ at NUM_CPU + c */
} Gic;

static Gic *gic;

static MemTxAttrs from_cpu(int cpu)
{
    return (MemTxAttrs) { .requester_id = cpu };
}

static uint32_t rd(int cpu, hwaddr addr)
{
    MemTxResult res;
    uint32_t v = address_space_ldl_le(get_address_space_memory(), addr,
                                      from_cpu(cpu), &res);

    g_assert_cmpint(res, ==, MEMTX_OK);
    return v;
}

static void wr(int cpu, hwaddr addr, uint32_t value)
{
    MemTxResult res;

    address_space_stl_le(get_address_space_memory(), addr, value,
                         from_cpu(cpu), &res);
    g_assert_cmpint(res, ==, MEMTX_OK);
}

static uint8_t rdb(int cpu, hwaddr addr)
{
    return address_space_ldub(get_address_space_memory(), addr, from_cpu(cpu), NULL);
}

static void wrb(int cpu, hwaddr addr, uint8_t value)
{
    address_space_stb(get_address_space_memory(), addr, value, from_cpu(cpu), NULL);
}

static int irq_of(int cpu)
{
    return gic->level[cpu];
}

static int fiq_of(int cpu)
{
    return gic->level[NUM_CPU + cpu];
}

static void record(void *opaque, int n, int level)
{
    ((Gic *)opaque)->level[n] = level;
}

static void spi(int n, int level)
{
    irq_set(device_get_gpio_in(gic->dev, n), level);
}

static void ppi(int cpu, int intid, int level)
{
    irq_set(device_get_gpio_in(gic->dev, gicv2_ppi_input(gic->dev, cpu, intid)),
            level);
}

static void gic_init(Gic *g)
{
    memset(g, 0, sizeof(*g));
    g->dev = device_new(&gicv2_class);
    device_set_prop_u32(g->dev, "num-cpu", NUM_CPU, &error_abort);
    device_set_prop_u32(g->dev, "num-irq", NUM_IRQ, &error_abort);
    g_assert_true(device_realize(g->dev, NULL, &error_abort));
    g_assert_cmpint(device_num_mmio(g->dev), ==, 2);
    g_assert_cmpint(device_num_gpio_in(g->dev, NULL), ==, NUM_IRQ - 32 + 16 * NUM_CPU);
    g_assert_cmpint(device_num_gpio_out(g->dev, NULL), ==, 2 * NUM_CPU);
    for (int i = 0; i < 2 * NUM_CPU; i++) {
        g->lines[i] = irq_new(record, g, i);
        device_connect_gpio_out(g->dev, i, g->lines[i]);
    }
    device_mmio_map(g->dev, 0, DIST);
    device_mmio_map(g->dev, 1, CPUIF);
    device_reset(g->dev);
    gic = g;
}

static void gic_cleanup(Gic *g)
{
    memory_region_del_subregion(get_system_memory(), device_get_mmio(g->dev, 0));
    memory_region_del_subregion(get_system_memory(), device_get_mmio(g->dev, 1));
    device_destroy(g->dev);
    for (int i = 0; i < 2 * NUM_CPU; i++) {
        irq_free(g->lines[i]);
    }
    gic = NULL;
}

/* Distributor and both CPU interfaces on, nothing masked by PMR. */
static void enable_all(void)
{
    wr(0, DIST + GICD_CTLR, 1);
    for (int cpu = 0; cpu < NUM_CPU; cpu++) {
        wr(cpu, CPUIF + GICC_CTLR, 1);
        wr(cpu, CPUIF + GICC_PMR, 0xff);
    }
}

/* Enables INTID id (banked ones for cpu) at priority prio, routed to cpu. */
static void setup_irq(int cpu, int id, uint8_t prio)
{
    wr(cpu, DIST + GICD_ISENABLER + id / 32 * 4, 1u << (id % 32));
    wrb(cpu, DIST + GICD_IPRIORITYR + id, prio);
    if (id >= 32) {
        wrb(cpu, DIST + GICD_ITARGETSR + id, 1u << cpu);
    }
}

static void set_edge(int id)
{
    hwaddr reg = DIST + GICD_ICFGR + id / 16 * 4;

    wr(0, reg, rd(0, reg) | 2u << (2 * (id % 16)));
}

static void test_registers(void)
{
    static const uint8_t id[12] = {
        0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
    };
    Gic g;

    gic_init(&g);
    /* ITLinesNumber 1 (64 interrupts), CPUNumber 1 (two CPUs), no security */
    g_assert_cmphex(rd(0, DIST + GICD_TYPER), ==, 0x21);
    g_assert_cmphex(rd(0, DIST + GICD_IIDR), ==, 0x0200143b);
    g_assert_cmphex(rd(1, CPUIF + GICC_IIDR), ==, 0x0202143b);
    for (int i = 0; i < 12; i++) {
        g_assert_cmphex(rd(0, DIST + 0xfd0 + 4 * i), ==, id[i]);
    }
    /* ArchRev 2 in PIDR2 */
    g_assert_cmphex((rd(0, DIST + 0xfe8) >> 4) & 0xf, ==, 2);
    /* Reset values */
    g_assert_cmphex(rd(0, DIST + GICD_CTLR), ==, 0);
    g_assert_cmphex(rd(0, DIST + GICD_ICFGR), ==, 0xaaaaaaaa);    /* SGIs edge */
    g_assert_cmphex(rd(0, DIST + GICD_ICFGR + 4), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_RPR), ==, 0xff);
    g_assert_cmphex(rd(0, CPUIF + GICC_PMR), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_HPPIR), ==, SPURIOUS);
    /* ITARGETSR of SGIs/PPIs reads as the accessing CPU, in any byte */
    g_assert_cmphex(rd(0, DIST + GICD_ITARGETSR), ==, 0x01010101);
    g_assert_cmphex(rd(1, DIST + GICD_ITARGETSR + 28), ==, 0x02020202);
    wr(0, DIST + GICD_ITARGETSR, 0x02020202);
    g_assert_cmphex(rd(0, DIST + GICD_ITARGETSR), ==, 0x01010101);
    /* SPI targets keep only existing CPUs */
    wrb(0, DIST + GICD_ITARGETSR + 40, 0xff);
    g_assert_cmphex(rdb(0, DIST + GICD_ITARGETSR + 40), ==, 0x03);
    /* Priorities byte by byte and as words */
    wr(0, DIST + GICD_IPRIORITYR + 32, 0x44332211);
    g_assert_cmphex(rdb(1, DIST + GICD_IPRIORITYR + 34), ==, 0x33);
    /* PMR, BPR, ABPR read back */
    wr(1, CPUIF + GICC_PMR, 0xf0);
    wr(1, CPUIF + GICC_BPR, 3);
    wr(1, CPUIF + GICC_ABPR, 4);
    g_assert_cmphex(rd(1, CPUIF + GICC_PMR), ==, 0xf0);
    g_assert_cmphex(rd(1, CPUIF + GICC_BPR), ==, 3);
    g_assert_cmphex(rd(1, CPUIF + GICC_ABPR), ==, 4);
    g_assert_cmphex(rd(0, CPUIF + GICC_PMR), ==, 0);     /* banked */
    /* Reset puts them back */
    device_reset(g.dev);
    g_assert_cmphex(rd(1, CPUIF + GICC_PMR), ==, 0);
    g_assert_cmphex(rdb(1, DIST + GICD_IPRIORITYR + 34), ==, 0);
    gic_cleanup(&g);
}

static void test_bad_properties(void)
{
    static const struct {
        uint32_t cpus, irqs;
    } bad[] = { { 0, 64 }, { 9, 64 }, { 1, 16 }, { 1, 100 }, { 1, 1024 } };

    for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
        DeviceState *dev = device_new(&gicv2_class);
        Error *err = NULL;

        device_set_prop_u32(dev, "num-cpu", bad[i].cpus, &error_abort);
        device_set_prop_u32(dev, "num-irq", bad[i].irqs, &error_abort);
        g_assert_false(device_realize(dev, NULL, &err));
        g_assert_nonnull(err);
        g_assert_nonnull(strstr(error_get_pretty(err), "gicv2"));
        error_free(err);
        device_destroy(dev);
    }
    g_assert_true(device_class_find("gicv2") == &gicv2_class);
    g_assert_false(gicv2_class.user_creatable);
}

static void test_level(void)
{
    Gic g;

    gic_init(&g);
    enable_all();
    setup_irq(0, 32, 0x80);
    g_assert_cmpint(irq_of(0), ==, 0);
    spi(0, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmpint(irq_of(1), ==, 0);
    g_assert_cmphex(rd(0, DIST + GICD_ISPENDR + 4), ==, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_HPPIR), ==, 32);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 32);
    /* Active (and still pending: the line is high), not signalled */
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(rd(0, DIST + GICD_ISACTIVER + 4), ==, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_RPR), ==, 0x80);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    /* ICPENDR cannot clear a level interrupt whose line is high */
    wr(0, DIST + GICD_ICPENDR + 4, 1);
    g_assert_cmphex(rd(0, DIST + GICD_ISPENDR + 4), ==, 1);
    /* EOI with the line still high: pending again */
    wr(0, CPUIF + GICC_EOIR, 32);
    g_assert_cmphex(rd(0, DIST + GICD_ISACTIVER + 4), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_RPR), ==, 0xff);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 32);
    /* The device deasserts while the interrupt is being handled */
    spi(0, 0);
    wr(0, CPUIF + GICC_EOIR, 32);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    /* Level line pulsed while level-triggered: nothing latched */
    spi(0, 1);
    spi(0, 0);
    g_assert_cmpint(irq_of(0), ==, 0);
    /* ISPENDR latches a level interrupt in software; ICPENDR clears it */
    wr(0, DIST + GICD_ISPENDR + 4, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    wr(0, DIST + GICD_ICPENDR + 4, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    gic_cleanup(&g);
}

static void test_edge(void)
{
    Gic g;

    gic_init(&g);
    enable_all();
    setup_irq(0, 33, 0x80);
    set_edge(33);
    g_assert_cmphex(rd(0, DIST + GICD_ICFGR + 8), ==, 2u << 2);
    irq_pulse(device_get_gpio_in(g.dev, 1));
    /* Latched although the line is low again */
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 33);
    g_assert_cmpint(irq_of(0), ==, 0);
    /* A new edge while active: active and pending */
    spi(1, 1);
    g_assert_cmphex(rd(0, DIST + GICD_ISPENDR + 4), ==, 2);
    g_assert_cmpint(irq_of(0), ==, 0);
    /* Staying high is no new edge */
    wr(0, CPUIF + GICC_EOIR, 33);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 33);
    wr(0, CPUIF + GICC_EOIR, 33);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    /* ICPENDR clears an edge latch */
    spi(1, 0);
    spi(1, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    wr(0, DIST + GICD_ICPENDR + 4, 2);
    g_assert_cmpint(irq_of(0), ==, 0);
    gic_cleanup(&g);
}

static void test_targets(void)
{
    Gic g;

    gic_init(&g);
    enable_all();
    setup_irq(1, 40, 0x80);           /* targets CPU 1 only */
    g_assert_cmphex(rdb(0, DIST + GICD_ITARGETSR + 40), ==, 2);
    spi(8, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmpint(irq_of(1), ==, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    g_assert_cmphex(rd(1, CPUIF + GICC_IAR), ==, 40);
    wr(1, CPUIF + GICC_EOIR, 40);
    spi(8, 0);
    /* Retargeted to both: both signalled; the first to acknowledge takes it */
    wrb(0, DIST + GICD_ITARGETSR + 40, 3);
    spi(8, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmpint(irq_of(1), ==, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 40);
    g_assert_cmpint(irq_of(1), ==, 0);
    g_assert_cmphex(rd(1, CPUIF + GICC_IAR), ==, SPURIOUS);
    /* Targets 0: not forwarded at all */
    wr(0, CPUIF + GICC_EOIR, 40);
    wrb(0, DIST + GICD_ITARGETSR + 40, 0);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmpint(irq_of(1), ==, 0);
    gic_cleanup(&g);
}

static void test_ppi_banked(void)
{
    Gic g;

    gic_init(&g);
    enable_all();
    g_assert_cmpint(gicv2_ppi_input(g.dev, 1, 27), ==, NUM_IRQ - 32 + 16 + 11);
    setup_irq(1, 27, 0x20);           /* enabled on CPU 1 only */
    g_assert_cmphex(rd(1, DIST + GICD_ISENABLER), ==, 1u << 27);
    g_assert_cmphex(rd(0, DIST + GICD_ISENABLER), ==, 0);
    g_assert_cmphex(rdb(1, DIST + GICD_IPRIORITYR + 27), ==, 0x20);
    g_assert_cmphex(rdb(0, DIST + GICD_IPRIORITYR + 27), ==, 0);
    /* CPU 0's timer PPI is disabled on CPU 0 */
    ppi(0, 27, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmpint(irq_of(1), ==, 0);
    g_assert_cmphex(rd(0, DIST + GICD_ISPENDR), ==, 1u << 27);
    g_assert_cmphex(rd(1, DIST + GICD_ISPENDR), ==, 0);
    ppi(1, 27, 1);
    g_assert_cmpint(irq_of(1), ==, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(rd(1, CPUIF + GICC_IAR), ==, 27);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    ppi(1, 27, 0);
    wr(1, CPUIF + GICC_EOIR, 27);
    g_assert_cmpint(irq_of(1), ==, 0);
    /* Now enable it on CPU 0 as well: its own line */
    setup_irq(0, 27, 0x20);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmpint(irq_of(1), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 27);
    gic_cleanup(&g);
}

static void test_sgi(void)
{
    Gic g;

    gic_init(&g);
    enable_all();
    setup_irq(0, 3, 0x40);
    setup_irq(1, 3, 0x40);
    setup_irq(1, 5, 0x40);
    /* CPU 0 sends SGI 5 to the list {CPU 1} */
    wr(0, DIST + GICD_SGIR, (0 << 24) | (2 << 16) | 5);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmpint(irq_of(1), ==, 1);
    g_assert_cmphex(rdb(1, DIST + GICD_SPENDSGIR + 5), ==, 1);   /* source 0 */
    g_assert_cmphex(rd(1, CPUIF + GICC_HPPIR), ==, 5);
    g_assert_cmphex(rd(1, CPUIF + GICC_IAR), ==, 5);
    g_assert_cmpint(irq_of(1), ==, 0);
    wr(1, CPUIF + GICC_EOIR, 5);
    /* CPU 1 sends SGI 3 to all but itself: source CPU 1 in IAR[12:10] */
    wr(1, DIST + GICD_SGIR, (1 << 24) | 3);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmpint(irq_of(1), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, (1 << 10) | 3);
    wr(0, CPUIF + GICC_EOIR, (1 << 10) | 3);
    g_assert_cmpint(irq_of(0), ==, 0);
    /* Both CPUs send SGI 3 to CPU 0 ("self" for CPU 0): one per source */
    wr(0, DIST + GICD_SGIR, (2 << 24) | 3);
    wr(1, DIST + GICD_SGIR, (0 << 24) | (1 << 16) | 3);
    g_assert_cmphex(rdb(0, DIST + GICD_SPENDSGIR + 3), ==, 3);
    g_assert_cmphex(rd(0, DIST + GICD_ISPENDR) & 0xffff, ==, 1u << 3);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, (0 << 10) | 3);
    wr(0, CPUIF + GICC_EOIR, 3);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, (1 << 10) | 3);
    wr(0, CPUIF + GICC_EOIR, (1 << 10) | 3);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    /* SPENDSGIR/CPENDSGIR set and clear per source */
    wrb(1, DIST + GICD_SPENDSGIR + 5, 2);
    g_assert_cmpint(irq_of(1), ==, 1);
    g_assert_cmphex(rd(1, DIST + GICD_SPENDSGIR + 4), ==, 2u << 8);
    wrb(1, DIST + GICD_CPENDSGIR + 5, 2);
    g_assert_cmpint(irq_of(1), ==, 0);
    g_assert_cmphex(rd(1, DIST + GICD_SPENDSGIR + 4), ==, 0);
    gic_cleanup(&g);
}

static void test_pmr(void)
{
    Gic g;

    gic_init(&g);
    enable_all();
    setup_irq(0, 32, 0x80);
    wr(0, CPUIF + GICC_PMR, 0x80);
    spi(0, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    /* HPPIR is not masked by PMR */
    g_assert_cmphex(rd(0, CPUIF + GICC_HPPIR), ==, 32);
    wr(0, CPUIF + GICC_PMR, 0x81);
    g_assert_cmpint(irq_of(0), ==, 1);
    wr(0, CPUIF + GICC_PMR, 0);
    g_assert_cmpint(irq_of(0), ==, 0);
    gic_cleanup(&g);
}

static void test_priority_order(void)
{
    Gic g;

    gic_init(&g);
    enable_all();
    setup_irq(0, 32, 0x80);
    setup_irq(0, 33, 0x40);
    setup_irq(0, 34, 0x40);
    spi(0, 1);
    spi(2, 1);
    spi(1, 1);
    /* 33 and 34 share the highest priority: lowest INTID first */
    g_assert_cmphex(rd(0, CPUIF + GICC_HPPIR), ==, 33);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 33);
    spi(1, 0);
    wr(0, CPUIF + GICC_EOIR, 33);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 34);
    spi(2, 0);
    wr(0, CPUIF + GICC_EOIR, 34);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 32);
    spi(0, 0);
    wr(0, CPUIF + GICC_EOIR, 32);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    gic_cleanup(&g);
}

static void test_preemption(void)
{
    Gic g;

    gic_init(&g);
    enable_all();
    setup_irq(0, 32, 0x80);
    setup_irq(0, 33, 0x40);
    setup_irq(0, 34, 0xc0);
    spi(0, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 32);
    /* Lower priority than the running one: waits */
    spi(2, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    /* Higher priority: preempts */
    spi(1, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 33);
    g_assert_cmphex(rd(0, CPUIF + GICC_RPR), ==, 0x40);
    g_assert_cmpint(irq_of(0), ==, 0);
    spi(1, 0);
    wr(0, CPUIF + GICC_EOIR, 33);
    g_assert_cmphex(rd(0, CPUIF + GICC_RPR), ==, 0x80);
    g_assert_cmpint(irq_of(0), ==, 0);
    spi(0, 0);
    wr(0, CPUIF + GICC_EOIR, 32);
    g_assert_cmphex(rd(0, CPUIF + GICC_RPR), ==, 0xff);
    /* Now the low priority one */
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 34);
    spi(2, 0);
    wr(0, CPUIF + GICC_EOIR, 34);

    /* BPR 6: group priority is bit 7 only, so 0x20 cannot preempt 0x40 */
    wrb(0, DIST + GICD_IPRIORITYR + 32, 0x40);
    wrb(0, DIST + GICD_IPRIORITYR + 33, 0x20);
    wr(0, CPUIF + GICC_BPR, 6);
    spi(0, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 32);
    g_assert_cmphex(rd(0, CPUIF + GICC_RPR), ==, 0x00);
    spi(1, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    spi(0, 0);
    wr(0, CPUIF + GICC_EOIR, 32);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 33);
    wr(0, CPUIF + GICC_EOIR, 33);
    spi(1, 0);
    /* BPR 0: the same two preempt */
    wr(0, CPUIF + GICC_BPR, 0);
    spi(0, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 32);
    spi(1, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    gic_cleanup(&g);
}

static void test_spurious_and_disabled(void)
{
    Gic g;

    gic_init(&g);
    /* Nothing pending */
    enable_all();
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    g_assert_cmphex(rd(1, CPUIF + GICC_IAR), ==, SPURIOUS);
    /* Pending but not enabled */
    wrb(0, DIST + GICD_ITARGETSR + 32, 1);
    wrb(0, DIST + GICD_IPRIORITYR + 32, 0x10);
    spi(0, 1);
    g_assert_cmphex(rd(0, DIST + GICD_ISPENDR + 4), ==, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    /* Enabled: signalled; disabled again: not */
    wr(0, DIST + GICD_ISENABLER + 4, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(rd(0, DIST + GICD_ICENABLER + 4), ==, 1);
    wr(0, DIST + GICD_ICENABLER + 4, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(rd(0, DIST + GICD_ISENABLER + 4), ==, 0);
    wr(0, DIST + GICD_ISENABLER + 4, 1);
    /* Distributor off */
    wr(0, DIST + GICD_CTLR, 0);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    wr(0, DIST + GICD_CTLR, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    /* CPU interface off */
    wr(0, CPUIF + GICC_CTLR, 0);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, SPURIOUS);
    wr(0, CPUIF + GICC_CTLR, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    /* ICACTIVER/ISACTIVER: an active interrupt is not signalled */
    wr(0, DIST + GICD_ISACTIVER + 4, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    wr(0, DIST + GICD_ICACTIVER + 4, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    gic_cleanup(&g);
}

static void test_groups_and_fiq(void)
{
    Gic g;

    gic_init(&g);
    enable_all();
    setup_irq(0, 32, 0x80);
    /* Group 0 with FIQEn: FIQ, not IRQ */
    wr(0, CPUIF + GICC_CTLR, 1 | (1 << 3));
    spi(0, 1);
    g_assert_cmpint(fiq_of(0), ==, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    wr(0, CPUIF + GICC_CTLR, 1);
    g_assert_cmpint(fiq_of(0), ==, 0);
    g_assert_cmpint(irq_of(0), ==, 1);
    /* Group 1: needs EnableGrp1 in both distributor and CPU interface */
    wr(0, DIST + GICD_IGROUPR + 4, 1);
    g_assert_cmphex(rd(0, DIST + GICD_IGROUPR + 4), ==, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    wr(0, DIST + GICD_CTLR, 3);
    g_assert_cmpint(irq_of(0), ==, 0);
    wr(0, CPUIF + GICC_CTLR, 3 | (1 << 3));
    g_assert_cmpint(irq_of(0), ==, 1);  /* group 1 is always IRQ */
    g_assert_cmpint(fiq_of(0), ==, 0);
    /* IAR without AckCtl: 1022; AIAR acknowledges it */
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 1022);
    g_assert_cmphex(rd(0, CPUIF + GICC_AIAR), ==, 32);
    wr(0, CPUIF + 0x24, 32);            /* AEOIR */
    g_assert_cmphex(rd(0, DIST + GICD_ISACTIVER + 4), ==, 0);
    /* With AckCtl, IAR takes group 1 too */
    wr(0, CPUIF + GICC_CTLR, 3 | (1 << 2));
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 32);
    gic_cleanup(&g);
}

static void test_eoimode(void)
{
    Gic g;

    gic_init(&g);
    enable_all();
    wr(0, CPUIF + GICC_CTLR, 1 | (1 << 9));
    setup_irq(0, 32, 0x80);
    spi(0, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 32);
    spi(0, 0);
    wr(0, CPUIF + GICC_EOIR, 32);
    /* Priority dropped, still active until DIR */
    g_assert_cmphex(rd(0, CPUIF + GICC_RPR), ==, 0xff);
    g_assert_cmphex(rd(0, DIST + GICD_ISACTIVER + 4), ==, 1);
    spi(0, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    wr(0, CPUIF + GICC_DIR, 32);
    g_assert_cmphex(rd(0, DIST + GICD_ISACTIVER + 4), ==, 0);
    g_assert_cmpint(irq_of(0), ==, 1);
    gic_cleanup(&g);
}

static int current_cpu_index;

static int current_cpu(void *opaque)
{
    return *(int *)opaque;
}

static void test_current_cpu_fn(void)
{
    Gic g;
    MemTxResult res;

    gic_init(&g);
    enable_all();
    setup_irq(1, 27, 0x10);
    ppi(1, 27, 1);
    /* Unspecified attributes without a function: CPU 0 */
    g_assert_cmphex(address_space_ldl_le(get_address_space_memory(), CPUIF + GICC_IAR,
                                         MEMTXATTRS_UNSPECIFIED, &res), ==, SPURIOUS);
    gicv2_set_current_cpu_fn(g.dev, current_cpu, &current_cpu_index);
    current_cpu_index = 1;
    g_assert_cmphex(address_space_ldl_le(get_address_space_memory(), CPUIF + GICC_IAR,
                                         MEMTXATTRS_UNSPECIFIED, &res), ==, 27);
    g_assert_cmpint(irq_of(1), ==, 0);
    gic_cleanup(&g);
}

static void test_bad_accesses(void)
{
    Gic g;
    MemTxResult res;

    gic_init(&g);
    enable_all();
    setup_irq(0, 32, 0x80);
    /* Reserved and read-only offsets: RAZ/WI */
    g_assert_cmphex(rd(0, DIST + 0x00c), ==, 0);
    wr(0, DIST + 0x00c, 0xffffffff);
    wr(0, DIST + GICD_TYPER, 0);
    g_assert_cmphex(rd(0, DIST + GICD_TYPER), ==, 0x21);
    wr(0, DIST + 0xfe8, 0);
    g_assert_cmphex(rd(0, DIST + 0xf04), ==, 0);
    g_assert_cmphex(rd(0, DIST + GICD_SGIR), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + 0x40), ==, 0);
    g_assert_cmphex(rd(0, CPUIF + GICC_EOIR), ==, 0);
    wr(0, CPUIF + GICC_IAR, 5);
    wr(0, CPUIF + 0x800, 5);
    /* Registers beyond num-irq */
    g_assert_cmphex(rd(0, DIST + GICD_ISENABLER + 8), ==, 0);
    wr(0, DIST + GICD_ISENABLER + 0x7c, 0xffffffff);
    wrb(0, DIST + GICD_IPRIORITYR + 900, 0x12);
    g_assert_cmphex(rdb(0, DIST + GICD_IPRIORITYR + 900), ==, 0);
    /* Byte access to a word-only register */
    g_assert_cmphex(rdb(0, DIST + GICD_TYPER), ==, 0);
    wrb(0, DIST + GICD_CTLR, 0);
    g_assert_cmphex(rd(0, DIST + GICD_CTLR), ==, 1);
    /* Reserved SGIR filter */
    wr(0, DIST + GICD_SGIR, (3 << 24) | 1);
    g_assert_cmphex(rd(0, DIST + GICD_SPENDSGIR), ==, 0);
    /* EOI of nothing, of an INTID that does not exist, DIR without EOImode */
    wr(0, CPUIF + GICC_EOIR, 32);
    wr(0, CPUIF + GICC_EOIR, 1000);
    wr(0, CPUIF + GICC_EOIR, SPURIOUS);
    wr(0, CPUIF + GICC_DIR, 32);
    /* A CPU the GIC does not have */
    g_assert_cmphex(rd(5, CPUIF + GICC_IAR), ==, 0);
    wr(5, DIST + GICD_CTLR, 0);
    /* Narrow CPU interface access is refused by the bus */
    address_space_ldub(get_address_space_memory(), CPUIF + GICC_IAR, from_cpu(0), &res);
    g_assert_cmpint(res, !=, MEMTX_OK);
    /* Still working */
    g_assert_cmphex(rd(0, DIST + GICD_CTLR), ==, 1);
    spi(0, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(rd(0, CPUIF + GICC_IAR), ==, 32);
    gic_cleanup(&g);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/gicv2/registers", test_registers);
    g_test_add_func("/gicv2/bad-properties", test_bad_properties);
    g_test_add_func("/gicv2/level", test_level);
    g_test_add_func("/gicv2/edge", test_edge);
    g_test_add_func("/gicv2/targets", test_targets);
    g_test_add_func("/gicv2/ppi-banked", test_ppi_banked);
    g_test_add_func("/gicv2/sgi", test_sgi);
    g_test_add_func("/gicv2/pmr", test_pmr);
    g_test_add_func("/gicv2/priority-order", test_priority_order);
    g_test_add_func("/gicv2/preemption", test_preemption);
    g_test_add_func("/gicv2/spurious-and-disabled", test_spurious_and_disabled);
    g_test_add_func("/gicv2/groups-and-fiq", test_groups_and_fiq);
    g_test_add_func("/gicv2/eoimode", test_eoimode);
    g_test_add_func("/gicv2/current-cpu-fn", test_current_cpu_fn);
    g_test_add_func("/gicv2/bad-accesses", test_bad_accesses);
    return g_test_run();
}
