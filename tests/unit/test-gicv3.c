/*
 * GICv3 tests: the device mapped at the virt board's addresses and driven
 * through real memory accesses, two real ARMCPUs attached to it with
 * gicv3_cpuif_attach(), and their ICC_* registers reached the way the
 * translator reaches them (arm_sysreg_find, then the sysreg helpers), or
 * by running MRS/MSR code on the A64 harness. The GIC's IRQ/FIQ outputs are
 * recorded (and forwarded to the CPUs' interrupt inputs); device
 * interrupts come in through the GIC's GPIO inputs as a board drives them.
 * Expected values: IHI 0069 (GICv3 architecture), hand-computed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-harness.h"
#include "accel/tcg/tcg-accel.h"
#include "hw/intc/arm-gicv3.h"
#include "target/arm/gicv3-cpuif.h"
#include "util/log.h"

#define DIST        0x08000000
#define REDIST      0x080a0000
#define NUM_CPU     2
#define NUM_IRQ     64

#define RD(cpu)     (REDIST + (cpu) * 0x20000)
#define SGI(cpu)    (RD(cpu) + 0x10000)

#define GICD_CTLR       0x0000
#define GICD_TYPER      0x0004
#define GICD_IIDR       0x0008
#define GICD_IGROUPR    0x0080
#define GICD_ISENABLER  0x0100
#define GICD_ICENABLER  0x0180
#define GICD_ISPENDR    0x0200
#define GICD_ICPENDR    0x0280
#define GICD_ISACTIVER  0x0300
#define GICD_ICACTIVER  0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR  0x0800
#define GICD_ICFGR      0x0c00
#define GICD_SGIR       0x0f00
#define GICD_IROUTER    0x6000
#define GICD_PIDR2      0xffe8

#define GICR_CTLR       0x0000
#define GICR_TYPER      0x0008
#define GICR_WAKER      0x0014
#define GICR_PROPBASER  0x0070
#define GICR_PIDR0      0xffe0
#define GICR_PIDR2      0xffe8

/* ICC_* encodings (op0, op1, CRn, CRm, op2): ARM ARM D17 */
#define ICC_PMR         3, 0, 4, 6, 0
#define ICC_IAR0        3, 0, 12, 8, 0
#define ICC_EOIR0       3, 0, 12, 8, 1
#define ICC_HPPIR0      3, 0, 12, 8, 2
#define ICC_BPR0        3, 0, 12, 8, 3
#define ICC_AP0R0       3, 0, 12, 8, 4
#define ICC_AP1R0       3, 0, 12, 9, 0
#define ICC_AP1R1       3, 0, 12, 9, 1
#define ICC_DIR         3, 0, 12, 11, 1
#define ICC_RPR         3, 0, 12, 11, 3
#define ICC_SGI1R       3, 0, 12, 11, 5
#define ICC_SGI0R       3, 0, 12, 11, 7
#define ICC_IAR1        3, 0, 12, 12, 0
#define ICC_EOIR1       3, 0, 12, 12, 1
#define ICC_HPPIR1      3, 0, 12, 12, 2
#define ICC_BPR1        3, 0, 12, 12, 3
#define ICC_CTLR        3, 0, 12, 12, 4
#define ICC_SRE         3, 0, 12, 12, 5
#define ICC_IGRPEN0     3, 0, 12, 12, 6
#define ICC_IGRPEN1     3, 0, 12, 12, 7

#define SPURIOUS        1023

typedef struct Gic {
    A64Run run;                     /* CPU 0 is the harness CPU */
    ARMCPU *cpu[NUM_CPU];
    DeviceState *dev;
    IRQLine *lines[2 * NUM_CPU];
    int level[2 * NUM_CPU];         /* IRQ of CPU c at c, FIQ at NUM_CPU + c */
} Gic;

static Gic *gic;

/* ---- Access helpers ---- */

static uint32_t rd(hwaddr addr)
{
    MemTxResult res;
    uint32_t v = address_space_ldl_le(get_address_space_memory(), addr,
                                      MEMTXATTRS_UNSPECIFIED, &res);

    g_assert_cmpint(res, ==, MEMTX_OK);
    return v;
}

static void wr(hwaddr addr, uint32_t value)
{
    MemTxResult res;

    address_space_stl_le(get_address_space_memory(), addr, value, MEMTXATTRS_UNSPECIFIED, &res);
    g_assert_cmpint(res, ==, MEMTX_OK);
}

static uint64_t rdq(hwaddr addr)
{
    MemTxResult res;
    uint64_t v = address_space_ldq_le(get_address_space_memory(), addr,
                                      MEMTXATTRS_UNSPECIFIED, &res);

    g_assert_cmpint(res, ==, MEMTX_OK);
    return v;
}

static void wrq(hwaddr addr, uint64_t value)
{
    MemTxResult res;

    address_space_stq_le(get_address_space_memory(), addr, value, MEMTXATTRS_UNSPECIFIED, &res);
    g_assert_cmpint(res, ==, MEMTX_OK);
}

static uint8_t rdb(hwaddr addr)
{
    return address_space_ldub(get_address_space_memory(), addr, MEMTXATTRS_UNSPECIFIED, NULL);
}

static void wrb(hwaddr addr, uint8_t value)
{
    address_space_stb(get_address_space_memory(), addr, value, MEMTXATTRS_UNSPECIFIED, NULL);
}

/* ICC_* of CPU cpu, through the system register table as MRS/MSR reach it. */
static const ARMSysReg *icc_find(int cpu, unsigned op0, unsigned op1, unsigned crn,
                                 unsigned crm, unsigned op2)
{
    const ARMSysReg *ri = arm_sysreg_find(gic->cpu[cpu], op0, op1, crn, crm, op2);

    g_assert_nonnull(ri);
    return ri;
}

static uint64_t icc_rd_(int cpu, unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                        unsigned op2)
{
    const ARMSysReg *ri = icc_find(cpu, op0, op1, crn, crm, op2);

    g_assert_cmpint(ri->min_el_read, <=, 1);
    return helper_sysreg_read(&gic->cpu[cpu]->env, arm_sysreg_index(ri));
}

static void icc_wr_(int cpu, unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                    unsigned op2, uint64_t value)
{
    const ARMSysReg *ri = icc_find(cpu, op0, op1, crn, crm, op2);

    g_assert_cmpint(ri->min_el_write, <=, 1);
    helper_sysreg_write(&gic->cpu[cpu]->env, arm_sysreg_index(ri), value);
}

#define icc_rd(cpu, reg) icc_rd_(cpu, reg)
#define icc_wr(cpu, reg, value) icc_wr_(cpu, reg, value)

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
    Gic *g = opaque;

    g->level[n] = level;
    arm_cpu_set_irq(g->cpu[n % NUM_CPU], n < NUM_CPU ? CPU_INTERRUPT_HARD : CPU_INTERRUPT_FIQ,
                    level);
}

static void spi(int n, int level)
{
    irq_set(device_get_gpio_in(gic->dev, n), level);
}

static void ppi(int cpu, int intid, int level)
{
    irq_set(device_get_gpio_in(gic->dev, gicv3_ppi_input(gic->dev, cpu, intid)), level);
}

/* ---- Set-up ---- */

static void gic_init(Gic *g, const char *backend)
{
    memset(g, 0, sizeof(*g));
    a64_harness_init(&g->run, backend, "cortex-a57");
    g->cpu[0] = g->run.cpu;
    g->cpu[1] = arm_cpu_new("cortex-a57", 1, get_address_space_memory(), &error_abort);
    g->dev = device_new(&gicv3_class);
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
    for (int c = 0; c < NUM_CPU; c++) {
        gicv3_cpuif_attach(g->cpu[c], g->dev, c);
    }
    device_mmio_map(g->dev, 0, DIST);
    device_mmio_map(g->dev, 1, REDIST);
    device_reset(g->dev);
    gic = g;
}

static void gic_cleanup(Gic *g)
{
    memory_region_del_subregion(get_system_memory(), device_get_mmio(g->dev, 0));
    memory_region_del_subregion(get_system_memory(), device_get_mmio(g->dev, 1));
    arm_cpu_free(g->cpu[1]);
    a64_harness_destroy(&g->run);
    device_destroy(g->dev);
    for (int i = 0; i < 2 * NUM_CPU; i++) {
        irq_free(g->lines[i]);
    }
    gic = NULL;
}

/*
 * What Linux's irq-gic-v3 does at boot (gic_dist_init, gic_cpu_init,
 * gic_cpu_sys_reg_init): everything group 1, priority 0xa0, SPIs routed to
 * CPU 0, the distributor on with ARE, each redistributor woken with the
 * GICR_WAKER handshake, the CPU interfaces opened.
 */
static void linux_init(void)
{
    wr(DIST + GICD_CTLR, 0);
    for (int i = 32; i < NUM_IRQ; i += 32) {
        wr(DIST + GICD_IGROUPR + i / 8, 0xffffffff);
        wr(DIST + GICD_ICENABLER + i / 8, 0xffffffff);
    }
    for (int i = 32; i < NUM_IRQ; i += 4) {
        wr(DIST + GICD_IPRIORITYR + i, 0xa0a0a0a0);
    }
    wr(DIST + GICD_CTLR, 1u << 4 | 3);      /* ARE_NS, EnableGrp1, EnableGrp0 */
    for (int i = 32; i < NUM_IRQ; i++) {
        wrq(DIST + GICD_IROUTER + 8 * i, 0);
    }
    for (int c = 0; c < NUM_CPU; c++) {
        wr(RD(c) + GICR_WAKER, rd(RD(c) + GICR_WAKER) & ~2u);
        g_assert_cmphex(rd(RD(c) + GICR_WAKER) & 4, ==, 0);    /* ChildrenAsleep */
        wr(SGI(c) + GICD_IGROUPR, 0xffffffff);
        wr(SGI(c) + GICD_ICENABLER, 0xffff0000);
        wr(SGI(c) + GICD_ISENABLER, 0x0000ffff);
        for (int i = 0; i < 32; i += 4) {
            wr(SGI(c) + GICD_IPRIORITYR + i, 0xa0a0a0a0);
        }
        g_assert_cmphex(icc_rd(c, ICC_SRE) & 1, ==, 1);
        icc_wr(c, ICC_PMR, 0xf0);
        icc_wr(c, ICC_BPR1, 0);
        icc_wr(c, ICC_CTLR, 0);                             /* EOImode 0 */
        icc_wr(c, ICC_AP1R0, 0);
        icc_wr(c, ICC_IGRPEN1, 1);
    }
}

/* Enables SPI/PPI id (banked ones for cpu) at priority prio. */
static void setup_irq(int cpu, int id, uint8_t prio)
{
    if (id < 32) {
        wr(SGI(cpu) + GICD_ISENABLER, 1u << id);
        wrb(SGI(cpu) + GICD_IPRIORITYR + id, prio);
    } else {
        wr(DIST + GICD_ISENABLER + id / 32 * 4, 1u << (id % 32));
        wrb(DIST + GICD_IPRIORITYR + id, prio);
    }
}

/* ---- Tests ---- */

static void test_registers(void)
{
    Gic g;

    gic_init(&g, "tci");
    g_assert_cmphex(rd(DIST + GICD_CTLR), ==, 0x50);        /* ARE, DS: RAO */
    /* IDbits 9 (bits 23:19), CPUNumber 1, ITLinesNumber 1 */
    g_assert_cmphex(rd(DIST + GICD_TYPER), ==, 9u << 19 | 1u << 5 | 1);
    g_assert_cmphex(rd(DIST + GICD_IIDR), ==, 0x43b);
    g_assert_cmphex(rd(DIST + GICD_PIDR2), ==, 0x3b);       /* ArchRev 3 */
    g_assert_cmphex(rd(RD(1) + GICR_PIDR2), ==, 0x3b);
    g_assert_cmphex(rd(RD(1) + GICR_PIDR0), ==, 0x93);
    /* GICR_TYPER: affinity, processor number, Last on the last one */
    g_assert_cmphex(rdq(RD(0) + GICR_TYPER), ==, 0);
    g_assert_cmphex(rdq(RD(1) + GICR_TYPER), ==, 1ULL << 32 | 1 << 8 | 1 << 4);
    g_assert_cmphex(rd(RD(1) + GICR_TYPER + 4), ==, 1);
    g_assert_cmphex(rd(RD(0) + GICR_WAKER), ==, 6);         /* asleep after reset */
    g_assert_cmphex(rd(SGI(0) + GICD_ICFGR), ==, 0xaaaaaaaa);
    /* The CPU side */
    g_assert_cmphex(g.cpu[1]->isar.id_aa64pfr0 >> 24 & 0xf, ==, 1);
    g_assert_cmphex(icc_rd(1, ICC_SRE), ==, 7);
    icc_wr(1, ICC_SRE, 0);
    g_assert_cmphex(icc_rd(1, ICC_SRE), ==, 7);
    g_assert_cmphex(icc_rd(1, ICC_CTLR), ==, 4 << 8);        /* PRIbits: 5 bits */
    /* 5 priority bits: the low 3 read as zero; Linux's group 0 probe writes 1 << 3 */
    icc_wr(1, ICC_PMR, 0xff);
    g_assert_cmphex(icc_rd(1, ICC_PMR), ==, 0xf8);
    icc_wr(1, ICC_PMR, 0x08);
    g_assert_cmphex(icc_rd(1, ICC_PMR), ==, 0x08);
    wrb(DIST + GICD_IPRIORITYR + 40, 0xa7);
    g_assert_cmphex(rdb(DIST + GICD_IPRIORITYR + 40), ==, 0xa0);
    /* Binary points: below the minimum reads the minimum; CBPR makes BPR1 = BPR0 + 1 */
    icc_wr(1, ICC_BPR1, 0);
    g_assert_cmphex(icc_rd(1, ICC_BPR1), ==, 3);
    icc_wr(1, ICC_BPR0, 0);
    g_assert_cmphex(icc_rd(1, ICC_BPR0), ==, 2);
    icc_wr(1, ICC_BPR0, 4);
    icc_wr(1, ICC_CTLR, 1);
    g_assert_cmphex(icc_rd(1, ICC_BPR1), ==, 5);
    icc_wr(1, ICC_BPR1, 7);
    icc_wr(1, ICC_CTLR, 0);
    g_assert_cmphex(icc_rd(1, ICC_BPR1), ==, 3);
    g_assert_cmphex(icc_rd(1, ICC_RPR), ==, 0xff);
    /* 5 bits of preemption: no ICC_AP1R1_EL1 */
    g_assert_null(arm_sysreg_find(g.cpu[1], ICC_AP1R1));
    gic_cleanup(&g);
}

static void test_bad_properties(void)
{
    static const struct { const char *name; uint32_t value; } bad[] = {
        { "num-cpu", 0 }, { "num-cpu", 124 }, { "num-irq", 33 }, { "num-irq", 1024 },
    };

    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        DeviceState *dev = device_new(&gicv3_class);
        Error *err = NULL;

        device_set_prop_u32(dev, bad[i].name, bad[i].value, &error_abort);
        g_assert_false(device_realize(dev, NULL, &err));
        g_assert_nonnull(err);
        error_free(err);
        device_destroy(dev);
    }
}

/* Linux's init sequence, then a UART-like level SPI through to IAR and EOI. */
static void test_linux_init(void)
{
    Gic g;

    gic_init(&g, "tci");
    /* Nothing reaches a sleeping redistributor's CPU. */
    wr(DIST + GICD_CTLR, 3);
    setup_irq(0, 33, 0xa0);
    wr(DIST + GICD_IGROUPR + 4, 1u << 1);
    icc_wr(0, ICC_PMR, 0xff);
    icc_wr(0, ICC_IGRPEN1, 1);
    spi(1, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(icc_rd(0, ICC_HPPIR1), ==, SPURIOUS);
    spi(1, 0);

    linux_init();
    g_assert_cmphex(rd(RD(0) + GICR_WAKER), ==, 0);
    g_assert_cmphex(rd(DIST + GICD_CTLR), ==, 0x53);
    setup_irq(0, 33, 0xa0);
    spi(1, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmpint(irq_of(1), ==, 0);
    g_assert_true(g.cpu[0]->parent.interrupt_request & CPU_INTERRUPT_HARD);
    g_assert_cmphex(icc_rd(0, ICC_HPPIR1), ==, 33);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, 33);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(icc_rd(0, ICC_RPR), ==, 0xa0);
    g_assert_cmphex(icc_rd(0, ICC_AP1R0), ==, 1u << (0xa0 >> 3));
    g_assert_cmphex(rd(DIST + GICD_ISACTIVER + 4), ==, 1u << 1);
    spi(1, 0);                      /* the device is serviced */
    icc_wr(0, ICC_EOIR1, 33);
    g_assert_cmphex(icc_rd(0, ICC_RPR), ==, 0xff);
    g_assert_cmphex(rd(DIST + GICD_ISACTIVER + 4), ==, 0);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_false(g.cpu[0]->parent.interrupt_request & CPU_INTERRUPT_HARD);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, SPURIOUS);
    gic_cleanup(&g);
}

static void test_spi_irouter(void)
{
    Gic g;

    gic_init(&g, "tci");
    linux_init();
    setup_irq(0, 48, 0x80);
    wrq(DIST + GICD_IROUTER + 8 * 48, 1);       /* Aff0 = 1: CPU 1 */
    g_assert_cmphex(rdq(DIST + GICD_IROUTER + 8 * 48), ==, 1);
    spi(16, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmpint(irq_of(1), ==, 1);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, SPURIOUS);
    g_assert_cmphex(icc_rd(1, ICC_IAR1), ==, 48);
    icc_wr(1, ICC_EOIR1, 48);
    g_assert_cmpint(irq_of(1), ==, 1);          /* level still high: pending again */
    spi(16, 0);
    g_assert_cmpint(irq_of(1), ==, 0);

    /* An affinity no CPU has: nobody */
    wrq(DIST + GICD_IROUTER + 8 * 48, 0x0100);  /* Aff1 = 1 */
    spi(16, 1);
    g_assert_cmpint(irq_of(0) | irq_of(1), ==, 0);
    /* IRM = 1: the lowest awake CPU that takes group 1 */
    wr(DIST + GICD_IROUTER + 8 * 48, 1u << 31);
    g_assert_cmphex(rdq(DIST + GICD_IROUTER + 8 * 48), ==, 0x80000000);
    g_assert_cmpint(irq_of(0), ==, 1);
    icc_wr(0, ICC_IGRPEN1, 0);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmpint(irq_of(1), ==, 1);
    spi(16, 0);
    gic_cleanup(&g);
}

static void test_sgi(void)
{
    Gic g;

    gic_init(&g, "tci");
    linux_init();
    /* SGI 3 from CPU 0 to CPU 1: cluster Aff3.Aff2.Aff1 = 0, target list bit 1 */
    icc_wr(0, ICC_SGI1R, 3ULL << 24 | 1 << 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmpint(irq_of(1), ==, 1);
    g_assert_cmphex(rd(SGI(1) + GICD_ISPENDR), ==, 1u << 3);
    g_assert_cmphex(icc_rd(1, ICC_IAR1), ==, 3);
    g_assert_cmpint(irq_of(1), ==, 0);
    icc_wr(1, ICC_EOIR1, 3);
    g_assert_cmphex(rd(SGI(1) + GICD_ISACTIVER), ==, 0);
    /* Another cluster (Aff1 = 1): nobody */
    icc_wr(0, ICC_SGI1R, 3ULL << 24 | 1ULL << 16 | 3);
    g_assert_cmphex(rd(SGI(0) + GICD_ISPENDR) | rd(SGI(1) + GICD_ISPENDR), ==, 0);
    /* IRM: everyone but the sender */
    icc_wr(1, ICC_SGI1R, 1ULL << 40 | 5ULL << 24);
    g_assert_cmphex(rd(SGI(0) + GICD_ISPENDR), ==, 1u << 5);
    g_assert_cmphex(rd(SGI(1) + GICD_ISPENDR), ==, 0);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, 5);
    icc_wr(0, ICC_EOIR1, 5);
    /* ICC_SGI0R_EL1 only reaches group 0 SGIs: these are group 1 */
    icc_wr(0, ICC_SGI0R, 7ULL << 24 | 2);
    g_assert_cmphex(rd(SGI(1) + GICD_ISPENDR), ==, 0);
    /* A disabled SGI stays pending without signalling */
    wr(SGI(1) + GICD_ICENABLER, 1u << 6);
    icc_wr(0, ICC_SGI1R, 6ULL << 24 | 2);
    g_assert_cmphex(rd(SGI(1) + GICD_ISPENDR), ==, 1u << 6);
    g_assert_cmpint(irq_of(1), ==, 0);
    wr(SGI(1) + GICD_ISENABLER, 1u << 6);
    g_assert_cmpint(irq_of(1), ==, 1);
    gic_cleanup(&g);
}

/* The virtual timer of CPU 1 into its PPI 27 (level), as virt wires it. */
static void test_ppi_timer(void)
{
    Gic g;
    const ARMSysReg *ctl, *cval;

    gic_init(&g, "tci");
    linux_init();
    setup_irq(1, 27, 0x80);
    arm_gt_connect(g.cpu[1], ARM_GT_VIRT,
                   device_get_gpio_in(g.dev, gicv3_ppi_input(g.dev, 1, 27)));
    ctl = arm_sysreg_find(g.cpu[1], 3, 3, 14, 3, 1);        /* CNTV_CTL_EL0 */
    cval = arm_sysreg_find(g.cpu[1], 3, 3, 14, 3, 2);       /* CNTV_CVAL_EL0 */
    helper_sysreg_write(&g.cpu[1]->env, arm_sysreg_index(cval), 0);
    helper_sysreg_write(&g.cpu[1]->env, arm_sysreg_index(ctl), 1);  /* fires at once */
    g_assert_cmpint(irq_of(1), ==, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(icc_rd(1, ICC_IAR1), ==, 27);
    icc_wr(1, ICC_EOIR1, 27);
    g_assert_cmpint(irq_of(1), ==, 1);          /* still firing: pending again */
    helper_sysreg_write(&g.cpu[1]->env, arm_sysreg_index(ctl), 3);  /* IMASK */
    g_assert_cmpint(irq_of(1), ==, 0);
    g_assert_cmphex(rd(SGI(1) + GICD_ISPENDR), ==, 0);
    /* A PPI is banked: CPU 0's PPI 27 is its own */
    ppi(0, 27, 1);
    g_assert_cmphex(rd(SGI(0) + GICD_ISPENDR), ==, 1u << 27);
    g_assert_cmphex(rd(SGI(1) + GICD_ISPENDR), ==, 0);
    ppi(0, 27, 0);
    helper_sysreg_write(&g.cpu[1]->env, arm_sysreg_index(ctl), 0);
    gic_cleanup(&g);
}

static void test_priority(void)
{
    Gic g;

    gic_init(&g, "tci");
    linux_init();
    setup_irq(0, 40, 0x80);
    setup_irq(0, 41, 0x40);
    setup_irq(0, 42, 0x48);
    /* PMR: only priorities strictly below it */
    icc_wr(0, ICC_PMR, 0x80);
    spi(8, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, SPURIOUS);
    g_assert_cmphex(icc_rd(0, ICC_HPPIR1), ==, 40);     /* HPPIR ignores PMR */
    icc_wr(0, ICC_PMR, 0x88);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, 40);
    g_assert_cmphex(icc_rd(0, ICC_RPR), ==, 0x80);
    /* 0x40 preempts 0x80 */
    spi(9, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, 41);
    g_assert_cmphex(icc_rd(0, ICC_RPR), ==, 0x40);
    g_assert_cmphex(icc_rd(0, ICC_AP1R0), ==, 1u << 16 | 1u << 8);
    /* 0x48 neither preempts 0x40 nor waits behind 0x80 once 0x40 ends */
    spi(10, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    spi(9, 0);
    icc_wr(0, ICC_EOIR1, 41);
    g_assert_cmphex(icc_rd(0, ICC_RPR), ==, 0x80);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, 42);
    spi(10, 0);
    icc_wr(0, ICC_EOIR1, 42);
    spi(8, 0);
    icc_wr(0, ICC_EOIR1, 40);
    g_assert_cmphex(icc_rd(0, ICC_RPR), ==, 0xff);
    /* BPR1 = 7: the group priority is bit 7 only, so 0x40 does not preempt 0x48 */
    icc_wr(0, ICC_BPR1, 7);
    spi(10, 1);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, 42);
    g_assert_cmphex(icc_rd(0, ICC_RPR), ==, 0);
    g_assert_cmphex(icc_rd(0, ICC_AP1R0), ==, 1);
    spi(9, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    spi(10, 0);
    icc_wr(0, ICC_EOIR1, 42);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, 41);
    spi(9, 0);
    icc_wr(0, ICC_EOIR1, 41);
    /* Equal priority: the lowest INTID first */
    icc_wr(0, ICC_BPR1, 3);
    wrb(DIST + GICD_IPRIORITYR + 42, 0x40);
    spi(10, 1);
    spi(9, 1);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, 41);
    gic_cleanup(&g);
}

static void test_eoimode(void)
{
    Gic g;

    gic_init(&g, "tci");
    linux_init();
    icc_wr(0, ICC_CTLR, 2);                         /* EOImode 1 */
    g_assert_cmphex(icc_rd(0, ICC_CTLR), ==, 2 | 4 << 8);
    setup_irq(0, 50, 0x60);
    wr(DIST + GICD_ICFGR + 50 / 16 * 4, 2u << (2 * (50 % 16)));    /* edge */
    spi(18, 1);
    spi(18, 0);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, 50);
    icc_wr(0, ICC_EOIR1, 50);                       /* priority drop only */
    g_assert_cmphex(icc_rd(0, ICC_RPR), ==, 0xff);
    g_assert_cmphex(rd(DIST + GICD_ISACTIVER + 4), ==, 1u << 18);
    spi(18, 1);                                     /* a new edge: pending and active */
    spi(18, 0);
    g_assert_cmpint(irq_of(0), ==, 0);
    icc_wr(0, ICC_DIR, 50);
    g_assert_cmphex(rd(DIST + GICD_ISACTIVER + 4), ==, 0);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, 50);
    icc_wr(0, ICC_EOIR1, 50);
    icc_wr(0, ICC_DIR, 50);
    g_assert_cmphex(rd(DIST + GICD_ISACTIVER + 4), ==, 0);
    /* EOImode 0: EOIR deactivates too */
    icc_wr(0, ICC_CTLR, 0);
    spi(18, 1);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, 50);
    icc_wr(0, ICC_EOIR1, 50);
    g_assert_cmphex(rd(DIST + GICD_ISACTIVER + 4), ==, 0);
    spi(18, 0);
    gic_cleanup(&g);
}

static void test_pending_active_regs(void)
{
    Gic g;

    gic_init(&g, "tci");
    linux_init();
    setup_irq(0, 44, 0x80);
    /* ISPENDR latches a level SPI; ICPENDR clears the latch, not a high line */
    wr(DIST + GICD_ISPENDR + 4, 1u << 12);
    g_assert_cmphex(rd(DIST + GICD_ISPENDR + 4), ==, 1u << 12);
    g_assert_cmphex(rd(DIST + GICD_ICPENDR + 4), ==, 1u << 12);
    g_assert_cmpint(irq_of(0), ==, 1);
    wr(DIST + GICD_ICPENDR + 4, 1u << 12);
    g_assert_cmpint(irq_of(0), ==, 0);
    spi(12, 1);
    wr(DIST + GICD_ICPENDR + 4, 1u << 12);
    g_assert_cmphex(rd(DIST + GICD_ISPENDR + 4), ==, 1u << 12);
    spi(12, 0);
    g_assert_cmphex(rd(DIST + GICD_ISPENDR + 4), ==, 0);
    /* Active set/clear: an active interrupt is not signalled */
    wr(DIST + GICD_ISACTIVER + 4, 1u << 12);
    g_assert_cmphex(rd(DIST + GICD_ICACTIVER + 4), ==, 1u << 12);
    spi(12, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    wr(DIST + GICD_ICACTIVER + 4, 1u << 12);
    g_assert_cmpint(irq_of(0), ==, 1);
    spi(12, 0);
    /* The same for an SGI and a PPI in the SGI_base frame */
    wr(SGI(1) + GICD_ISPENDR, 1u << 2 | 1u << 20);
    g_assert_cmphex(rd(SGI(1) + GICD_ISPENDR), ==, 1u << 2 | 1u << 20);
    g_assert_cmpint(irq_of(1), ==, 1);              /* SGI 2 is enabled */
    wr(SGI(1) + GICD_ICPENDR, 1u << 2);
    g_assert_cmpint(irq_of(1), ==, 0);              /* PPI 20 is not */
    wr(SGI(1) + GICD_ISACTIVER, 1u << 20);
    g_assert_cmphex(rd(SGI(1) + GICD_ISACTIVER), ==, 1u << 20);
    wr(SGI(1) + GICD_ICACTIVER, 1u << 20);
    wr(SGI(1) + GICD_ICPENDR, 1u << 20);
    g_assert_cmphex(rd(SGI(1) + GICD_ISPENDR) | rd(SGI(1) + GICD_ISACTIVER), ==, 0);
    /* ICFGR: PPIs configurable, SGIs always edge */
    wr(SGI(1) + GICD_ICFGR + 4, 0xaaaaaaaa);
    g_assert_cmphex(rd(SGI(1) + GICD_ICFGR + 4), ==, 0xaaaaaaaa);
    wr(SGI(1) + GICD_ICFGR, 0);
    g_assert_cmphex(rd(SGI(1) + GICD_ICFGR), ==, 0xaaaaaaaa);
    /* Byte and word access to the priorities agree */
    wr(SGI(1) + GICD_IPRIORITYR + 4, 0x10203040);
    g_assert_cmphex(rdb(SGI(1) + GICD_IPRIORITYR + 6), ==, 0x20);
    wrb(DIST + GICD_IPRIORITYR + 45, 0x58);
    g_assert_cmphex(rd(DIST + GICD_IPRIORITYR + 44), ==, 0xa0a05880);
    /* IROUTER by halves */
    wr(DIST + GICD_IROUTER + 8 * 45 + 4, 0xff);
    g_assert_cmphex(rdq(DIST + GICD_IROUTER + 8 * 45), ==, 0xff00000000ULL);
    gic_cleanup(&g);
}

static void test_group0_fiq(void)
{
    Gic g;

    gic_init(&g, "tci");
    linux_init();
    setup_irq(0, 36, 0x40);
    wr(DIST + GICD_IGROUPR + 4, ~(1u << 4));        /* INTID 36: group 0 */
    spi(4, 1);
    g_assert_cmpint(irq_of(0) | fiq_of(0), ==, 0);  /* ICC_IGRPEN0_EL1 off */
    icc_wr(0, ICC_IGRPEN0, 1);
    g_assert_cmpint(fiq_of(0), ==, 1);
    g_assert_cmpint(irq_of(0), ==, 0);
    g_assert_true(g.cpu[0]->parent.interrupt_request & CPU_INTERRUPT_FIQ);
    g_assert_cmphex(icc_rd(0, ICC_HPPIR1), ==, SPURIOUS);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, SPURIOUS);
    g_assert_cmphex(icc_rd(0, ICC_HPPIR0), ==, 36);
    g_assert_cmphex(icc_rd(0, ICC_IAR0), ==, 36);
    g_assert_cmphex(icc_rd(0, ICC_AP0R0), ==, 1u << 8);
    g_assert_cmpint(fiq_of(0), ==, 0);
    spi(4, 0);
    icc_wr(0, ICC_EOIR0, 36);
    g_assert_cmphex(icc_rd(0, ICC_AP0R0), ==, 0);
    g_assert_cmphex(rd(DIST + GICD_ISACTIVER + 4), ==, 0);
    /* GICD_CTLR.EnableGrp0 gates group 0 */
    wr(DIST + GICD_CTLR, 2);
    spi(4, 1);
    g_assert_cmpint(fiq_of(0), ==, 0);
    wr(DIST + GICD_CTLR, 3);
    g_assert_cmpint(fiq_of(0), ==, 1);
    spi(4, 0);
    gic_cleanup(&g);
}

static char *log_path;

static void log_capture_start(void)
{
    int fd = g_file_open_tmp("koine-test-gicv3-XXXXXX", &log_path, NULL);

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(log_set_file(log_path, &error_abort));
    log_guest_errors.enabled = true;
}

static char *log_capture_end(void)
{
    char *text = NULL;

    log_guest_errors.enabled = false;
    log_set_file(NULL, &error_abort);
    g_assert_true(g_file_get_contents(log_path, &text, NULL, NULL));
    unlink(log_path);
    g_free(log_path);
    log_path = NULL;
    return text;
}

static void test_bad_accesses(void)
{
    Gic g;
    g_autofree char *log = NULL;
    MemTxResult res;

    gic_init(&g, "tci");
    linux_init();
    setup_irq(0, 32, 0x80);
    log_capture_start();
    /* Reserved offsets and read-only registers: RAZ/WI, logged */
    g_assert_cmphex(rd(DIST + 0x0020), ==, 0);
    wr(DIST + 0x0020, 0xffffffff);
    wr(DIST + GICD_TYPER, 0);
    g_assert_cmphex(rd(DIST + GICD_TYPER), ==, 9u << 19 | 1u << 5 | 1);
    g_assert_cmphex(rd(RD(0) + 0x0100), ==, 0);
    wr(RD(0) + GICR_TYPER, 0);
    g_assert_cmphex(rd(SGI(0) + 0x0084), ==, 0);        /* no IGROUPR1 in a redistributor */
    wr(SGI(0) + 0x0800, 1);
    wrq(DIST + GICD_IROUTER + 8 * 3, 1);                /* no IROUTER below 32 */
    g_assert_cmphex(rdq(DIST + GICD_IROUTER + 8 * 3), ==, 0);
    g_assert_cmphex(rdq(DIST + GICD_IROUTER + 8 * 100), ==, 0);   /* past num-irq */
    /* Wrong sizes */
    g_assert_cmphex(rdb(DIST + GICD_CTLR), ==, 0);
    wrb(DIST + GICD_CTLR, 0);
    g_assert_cmphex(address_space_lduw_le(get_address_space_memory(), DIST + GICD_CTLR,
                                          MEMTXATTRS_UNSPECIFIED, &res), ==, 0);
    wrq(DIST + GICD_CTLR, 0);
    g_assert_cmphex(rd(DIST + GICD_CTLR), ==, 0x53);
    /* EOI of nothing active, of an INTID that does not exist; DIR with EOImode 0 */
    icc_wr(0, ICC_EOIR1, 32);
    icc_wr(0, ICC_EOIR1, 5000);
    icc_wr(0, ICC_DIR, 32);
    icc_wr(0, ICC_EOIR1, SPURIOUS);                     /* special: silently ignored */
    log = log_capture_end();
    g_assert_nonnull(strstr(log, "gicv3: 4-byte read of reserved or write-only distributor "
                            "offset 0x00020"));
    g_assert_nonnull(strstr(log, "write to reserved or read-only distributor offset 0x00004"));
    g_assert_nonnull(strstr(log, "1-byte read of reserved or write-only distributor"));
    g_assert_nonnull(strstr(log, "8-byte write to reserved or read-only distributor"));
    g_assert_nonnull(strstr(log, "ICC_EOIR1_EL1 with no active priority"));
    g_assert_nonnull(strstr(log, "INTID 5000, which does not exist"));
    g_assert_nonnull(strstr(log, "ICC_DIR_EL1 write with EOImode 0"));
    /* Past the last redistributor: outside the region, refused by the bus */
    address_space_ldl_le(get_address_space_memory(), RD(NUM_CPU), MEMTXATTRS_UNSPECIFIED, &res);
    g_assert_cmpint(res, !=, MEMTX_OK);
    /* Still working */
    spi(0, 1);
    g_assert_cmpint(irq_of(0), ==, 1);
    g_assert_cmphex(icc_rd(0, ICC_IAR1), ==, 32);
    gic_cleanup(&g);
}

/* Real MRS/MSR code on the harness CPU: the registers, and the IRQ taken. */
static void test_a64_code(gconstpointer backend)
{
    Gic g;
    GBytes *code;

    gic_init(&g, backend);
    linux_init();
    setup_irq(0, 33, 0x80);
    spi(1, 1);
    code = a64_assemble(
        "  mrs x0, icc_sre_el1\n"
        "  mov x1, #0xf0\n"
        "  msr icc_pmr_el1, x1\n"
        "  mrs x2, icc_hppir1_el1\n"
        "  mrs x3, icc_iar1_el1\n"
        "  mrs x4, icc_rpr_el1\n"
        "  msr icc_eoir1_el1, x3\n"
        "  mrs x5, icc_rpr_el1\n"
        "  mov x6, #(2 << 24)\n"
        "  orr x6, x6, #2\n"
        "  msr icc_sgi1r_el1, x6\n"          /* SGI 2 to CPU 1 */
        "  mrs x7, id_aa64pfr0_el1\n"
        "  msr daifclr, #2\n"                /* the level SPI is pending again: IRQ */
        "  nop\n"
        "  mov x8, #1\n");
    if (!code) {
        g_test_skip("aarch64-linux-gnu-as is not installed");
        gic_cleanup(&g);
        return;
    }
    tb_flush();
    a64_run_bytes(&g.run, code);
    g_bytes_unref(code);
    g_assert_cmphex(g.cpu[0]->env.xregs[0], ==, 7);
    g_assert_cmphex(g.cpu[0]->env.xregs[2], ==, 33);
    g_assert_cmphex(g.cpu[0]->env.xregs[3], ==, 33);
    g_assert_cmphex(g.cpu[0]->env.xregs[4], ==, 0x80);
    g_assert_cmphex(g.cpu[0]->env.xregs[5], ==, 0xff);
    g_assert_cmphex(g.cpu[0]->env.xregs[7] >> 24 & 0xf, ==, 1);
    g_assert_cmpint(irq_of(1), ==, 1);
    g_assert_cmphex(icc_rd(1, ICC_IAR1), ==, 2);
    /* The IRQ was taken at the current EL's SP_ELx IRQ vector */
    g_assert_true(g.run.exception_taken);
    g_assert_cmphex(g.run.vector_offset, ==, 0x280);
    g_assert_cmphex(g.cpu[0]->env.xregs[8], ==, 0);
    spi(1, 0);
    gic_cleanup(&g);
}

/* Without a GICv3 the ICC_* registers are UNDEFINED and PFR0.GIC is 0. */
static void test_no_cpuif(gconstpointer backend)
{
    A64Run r;
    GBytes *code;

    a64_harness_init(&r, backend, "cortex-a57");
    g_assert_null(arm_sysreg_find(r.cpu, ICC_SRE));
    code = a64_assemble("  mrs x0, id_aa64pfr0_el1\n  mrs x1, icc_sre_el1\n");
    if (code) {
        a64_run_bytes(&r, code);
        g_bytes_unref(code);
        g_assert_cmphex(r.cpu->env.xregs[0] >> 24 & 0xf, ==, 0);
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.vector_offset, ==, 0x200);
        g_assert_cmphex(r.cpu->env.esr_el[1], ==, 0x02000000);
    } else {
        g_test_skip("aarch64-linux-gnu-as is not installed");
    }
    a64_harness_destroy(&r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/gicv3/registers", test_registers);
    g_test_add_func("/gicv3/bad-properties", test_bad_properties);
    g_test_add_func("/gicv3/linux-init", test_linux_init);
    g_test_add_func("/gicv3/spi-irouter", test_spi_irouter);
    g_test_add_func("/gicv3/sgi", test_sgi);
    g_test_add_func("/gicv3/ppi-timer", test_ppi_timer);
    g_test_add_func("/gicv3/priority", test_priority);
    g_test_add_func("/gicv3/eoimode", test_eoimode);
    g_test_add_func("/gicv3/pending-active-regs", test_pending_active_regs);
    g_test_add_func("/gicv3/group0-fiq", test_group0_fiq);
    g_test_add_func("/gicv3/bad-accesses", test_bad_accesses);
    g_test_add_data_func("/gicv3/a64-code/native", "native", test_a64_code);
    g_test_add_data_func("/gicv3/a64-code/tci", "tci", test_a64_code);
    g_test_add_data_func("/gicv3/no-cpuif/native", "native", test_no_cpuif);
    g_test_add_data_func("/gicv3/no-cpuif/tci", "tci", test_no_cpuif);
    return g_test_run();
}
