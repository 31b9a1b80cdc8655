/*
 * ARM Generic Interrupt Controller v2 (GICv2): see hw/intc/arm-gicv2.c and
 * docs/devel/devices-gic.md.
 *
 * Board wiring (properties num-cpu = N, num-irq = I):
 *   MMIO region 0: the distributor (4 KiB, 0x08000000 on virt)
 *   MMIO region 1: the CPU interface (8 KiB, 0x08010000 on virt), banked by
 *                  the accessing CPU (gicv2_accessing_cpu below)
 *   GPIO inputs:   0 .. I-33            SPI n = INTID 32 + n
 *                  (I-32) + 16*c + k    PPI INTID 16 + k of CPU c
 *                  (gicv2_ppi_input() computes it)
 *   GPIO outputs:  c                    IRQ of CPU c
 *                  N + c                FIQ of CPU c
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_INTC_ARM_GICV2_H
#define HW_INTC_ARM_GICV2_H

#include "hw/core/qdev.h"

#define GICV2_NUM_SGI       16
#define GICV2_NUM_PRIVATE   32      /* SGIs + PPIs, banked per CPU */
#define GICV2_MAX_CPU       8
#define GICV2_MAX_IRQ       1020
#define GICV2_DIST_SIZE     0x1000
#define GICV2_CPU_SIZE      0x2000
#define GICV2_SPURIOUS      1023

extern const DeviceClass gicv2_class;

/*
 * Which CPU a CPU-interface (or banked distributor) access comes from when
 * its MemTxAttrs are unspecified: fn(opaque) returns the index of the vCPU
 * running the access (the board gives it its own "current vCPU"). Without
 * one, unspecified accesses count as CPU 0. Accesses whose attributes are
 * specified (attrs.unspecified == 0) name the CPU in attrs.requester_id.
 */
typedef int GICv2CurrentCPUFn(void *opaque);
void gicv2_set_current_cpu_fn(DeviceState *dev, GICv2CurrentCPUFn *fn,
                              void *opaque);

/* The GPIO input number of PPI intid (16..31) of CPU cpu. */
int gicv2_ppi_input(DeviceState *dev, int cpu, int intid);

#endif
