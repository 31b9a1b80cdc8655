/*
 * The GICv3 CPU interface of an AArch64 CPU: the ICC_*_EL1 system
 * registers (target/arm/gicv3-cpuif.c) over the per-CPU state of a GICv3
 * device (hw/intc/arm-gicv3.c). See docs/devel/devices-gicv3.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_GICV3_CPUIF_H
#define TARGET_ARM_GICV3_CPUIF_H

#include "target/arm/helper-sys.h"
#include "hw/core/qdev.h"

/*
 * Gives cpu the CPU interface `index` of the GICv3 `gic`: the ICC_*
 * registers appear (before, they are UNDEFINED), ID_AA64PFR0_EL1.GIC
 * reads 1, and the GIC takes the CPU's MPIDR affinity for that
 * redistributor (GICR_TYPER, IROUTER and SGI targets). Call it once per
 * CPU before the CPU runs; the GIC must outlive the CPU's use of it.
 */
void gicv3_cpuif_attach(ARMCPU *cpu, DeviceState *gic, int index);

/* For sysregs.c: the ICC_* register of an encoding (CPUs with an interface only). */
const ARMSysReg *gicv3_cpuif_find(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                                  unsigned op2);
/* Whether ri is one of the ICC_* registers, and its index in their table. */
bool gicv3_cpuif_sysreg_index(const ARMSysReg *ri, unsigned *index);
/* The ICC_* register at that index. */
const ARMSysReg *gicv3_cpuif_sysreg(unsigned index);

#endif
