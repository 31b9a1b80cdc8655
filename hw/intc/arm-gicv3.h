/*
 * ARM Generic Interrupt Controller v3 (GICv3): distributor and
 * redistributors in hw/intc/arm-gicv3.c, the CPU interface (ICC_* system
 * registers) in target/arm/gicv3-cpuif.c; docs/devel/devices-gicv3.md.
 *
 * Board wiring (properties num-cpu = N, num-irq = I), as for the GICv2:
 *   MMIO region 0: the distributor (64 KiB, 0x08000000 on virt)
 *   MMIO region 1: the redistributors, 128 KiB per CPU (RD_base then
 *                  SGI_base), CPU c at c * 0x20000 (0x080a0000 on virt)
 *   GPIO inputs:   0 .. I-33            SPI n = INTID 32 + n
 *                  (I-32) + 16*c + k    PPI INTID 16 + k of CPU c
 *                  (gicv3_ppi_input() computes it)
 *   GPIO outputs:  c                    IRQ of CPU c
 *                  N + c                FIQ of CPU c
 * and each CPU gets its CPU interface with gicv3_cpuif_attach()
 * (target/arm/gicv3-cpuif.h), which also tells the GIC the CPU's affinity.
 *
 * The second half of this header is the state the CPU interface shares
 * with the distributor: it is not for boards.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_INTC_ARM_GICV3_H
#define HW_INTC_ARM_GICV3_H

#include "hw/core/qdev.h"
#include "softmmu/memory.h"

#define GICV3_NUM_SGI       16
#define GICV3_NUM_PRIVATE   32      /* SGIs + PPIs, in each redistributor */
#define GICV3_MAX_CPU       123     /* what fits QEMU virt's first redistributor region */
#define GICV3_MAX_IRQ       1020
#define GICV3_DIST_SIZE     0x10000
#define GICV3_REDIST_SIZE   0x20000 /* per CPU: RD_base + SGI_base frames */
#define GICV3_SPURIOUS      1023

extern const DeviceClass gicv3_class;

/* The GPIO input number of PPI intid (16..31) of CPU cpu. */
int gicv3_ppi_input(DeviceState *dev, int cpu, int intid);

/* ---- Shared with the CPU interface (target/arm/gicv3-cpuif.c) ---- */

/*
 * Priorities have 5 implemented bits, as on GIC-500 and QEMU's model
 * (ICC_CTLR_EL1.PRIbits = 4): the low 3 bits of every priority read as 0.
 * That gives 32 preemption levels: bit n of ICC_AP0R0/ICC_AP1R0 stands for
 * group priority n << 3, and ICC_AP{0,1}R{1,2,3} do not exist.
 */
#define GICV3_PRI_BITS      5
#define GICV3_PRI_MASK      ((0xffu << (8 - GICV3_PRI_BITS)) & 0xff)
#define GICV3_IDLE_PRIORITY 0xff    /* the running priority with nothing active */
#define GICV3_MIN_BPR0      (7 - GICV3_PRI_BITS)    /* group priority = bits [7:3] */
#define GICV3_MIN_BPR1      (GICV3_MIN_BPR0 + 1)
#define GICV3_APR_SHIFT     (8 - GICV3_PRI_BITS)    /* group priority >> this: APR bit */

/* ICC_CTLR_EL1 bits the guest may write (no EL3: ARM ARM / IHI 0069 12.2.6) */
#define GICV3_ICC_CTLR_CBPR     (1u << 0)
#define GICV3_ICC_CTLR_EOIMODE  (1u << 1)

typedef struct GICv3State GICv3State;

typedef struct GICv3Irq {
    bool enabled;
    bool group1;
    bool edge;              /* ICFGR: edge-triggered (SGIs always) */
    bool latch;             /* pending latch: edge seen, ISPENDR or an SGI */
    bool level;             /* input line level */
    bool active;
    uint8_t priority;
} GICv3Irq;

/* One CPU: its redistributor and its CPU interface's registers. */
typedef struct GICv3CPU {
    GICv3State *gic;
    int index;
    uint32_t affinity;      /* Aff3.Aff2.Aff1.Aff0 as in GICR_TYPER[63:32] */
    bool asleep;            /* GICR_WAKER.ProcessorSleep */
    GICv3Irq priv[GICV3_NUM_PRIVATE];

    /* CPU interface (ICC_*_EL1) */
    uint8_t pmr;
    uint8_t bpr[2];         /* ICC_BPR0_EL1, ICC_BPR1_EL1 */
    uint32_t icc_ctlr;      /* CBPR, EOImode */
    bool igrpen[2];         /* ICC_IGRPEN0_EL1, ICC_IGRPEN1_EL1 */
    uint32_t apr[2];        /* ICC_AP0R0_EL1, ICC_AP1R0_EL1: active group priorities */
    int irq_out, fiq_out;   /* last levels driven */
} GICv3CPU;

struct GICv3State {
    DeviceState parent;
    MemoryRegion dist_mr;
    MemoryRegion redist_mr;
    uint32_t num_cpu;       /* property */
    uint32_t num_irq;       /* property */

    uint32_t ctlr;          /* GICD_CTLR group enables */
    GICv3Irq *spi;          /* num_irq - 32 */
    uint64_t *irouter;      /* num_irq - 32: GICD_IROUTER<n> */
    GICv3CPU *cpu;          /* num_cpu */
    IRQLine **outputs;      /* IRQ of each CPU, then FIQ of each CPU */
};

/* The GICv3 device behind dev (asserts it is one). */
GICv3State *gicv3_from_device(DeviceState *dev);
/* INTID id as seen by CPU c (SGIs and PPIs are its own), or NULL past num-irq. */
GICv3Irq *gicv3_irq(GICv3CPU *c, int id);
/*
 * The highest-priority pending interrupt the distributor and redistributor
 * forward to c (enabled, not active, group enabled in GICD_CTLR, routed to
 * c), or GICV3_SPURIOUS. Ignores the CPU interface's masks.
 */
int gicv3_best_pending(GICv3CPU *c);
/* The running priority (GICV3_IDLE_PRIORITY when nothing is active). */
unsigned gicv3_running_priority(GICv3CPU *c);
/* The group priority of a priority: masked by the group's binary point. */
unsigned gicv3_group_priority(GICv3CPU *c, unsigned priority, bool group1);
/* Whether the CPU interface signals (and may acknowledge) INTID id now. */
bool gicv3_can_signal(GICv3CPU *c, int id);
/* Recomputes every CPU's IRQ and FIQ lines: after any state change. */
void gicv3_update(GICv3State *s);

#endif
