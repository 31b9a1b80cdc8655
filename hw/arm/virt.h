/*
 * What the virt board (virt.c) and its device tree builder (virt-fdt.c)
 * share: QEMU's memory map and interrupt numbers, and the board state.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_ARM_VIRT_H
#define HW_ARM_VIRT_H

#include "hw/boards.h"
#include "hw/core/qdev.h"
#include "hw/misc/fw_cfg.h"
#include "softmmu/timers.h"

/* QEMU's virt memory map (hw/arm/virt.c there: base_memmap). */
#define VIRT_FLASH_BASE       0x00000000ULL
#define VIRT_FLASH_BANK_SIZE  (64 * MiB)
#define VIRT_GIC_DIST_BASE    0x08000000ULL
#define VIRT_GIC_DIST_SIZE    0x10000
#define VIRT_GIC_CPU_BASE     0x08010000ULL
#define VIRT_GIC_CPU_SIZE     0x10000
#define VIRT_UART_BASE        0x09000000ULL
#define VIRT_RTC_BASE         0x09010000ULL
#define VIRT_FW_CFG_BASE      0x09020000ULL
#define VIRT_GPIO_BASE        0x09030000ULL
#define VIRT_PRIMECELL_SIZE   0x1000
#define VIRT_RAM_BASE         0x40000000ULL

/* Shared peripheral interrupts (GIC SPI numbers, as the device tree gives them). */
#define VIRT_UART_SPI   1
#define VIRT_RTC_SPI    2
#define VIRT_GPIO_SPI   7

/* Generic timer private interrupts (PPI numbers). */
#define VIRT_TIMER_PPI_SECURE   13
#define VIRT_TIMER_PPI_PHYS     14
#define VIRT_TIMER_PPI_VIRT     11
#define VIRT_TIMER_PPI_HYP      10

/* The GPIO line of the PL061 that gpio-keys reads as the power button. */
#define VIRT_GPIO_POWER_LINE    3
/* Linux input event code KEY_POWER. */
#define VIRT_KEY_POWER          116

typedef struct VirtMachine {
    GPtrArray *cpus;            /* ARMCPU * */
    uint64_t entry;             /* where CPU 0 starts after every reset */
    DeviceState *flash[2];
    DeviceState *gpio;          /* PL061: line 3 is the power button */
    Timer *power_release;       /* ends the button press system_powerdown starts */
    FWCfgState *fw_cfg;
    void *fdt;                  /* the device tree blob (g_malloc), NULL: none */
    size_t fdt_size;
    bool load_fdt;              /* copy the blob to the start of RAM at reset */
    DeviceState *gic;
    GPtrArray *irq_lines;       /* IRQLine *: the GIC's outputs into the CPUs */
} VirtMachine;

/*
 * Builds the board's device tree (a packed blob, g_malloc'd) from the
 * machine's configuration; *size gets its length. initrd_size 0: no initrd.
 */
void *virt_fdt_build(MachineState *ms, uint64_t initrd_start, uint64_t initrd_size,
                     size_t *size, Error **errp);

#endif
