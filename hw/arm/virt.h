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
/* GICv3 redistributors: 128 KiB per CPU, room for 123 in QEMU's first region. */
#define VIRT_GIC_REDIST_BASE  0x080a0000ULL
#define VIRT_GIC_REDIST_SIZE  0x00f60000ULL
#define VIRT_UART_BASE        0x09000000ULL
#define VIRT_RTC_BASE         0x09010000ULL
#define VIRT_FW_CFG_BASE      0x09020000ULL
#define VIRT_GPIO_BASE        0x09030000ULL
#define VIRT_PRIMECELL_SIZE   0x1000
#define VIRT_RAM_BASE         0x40000000ULL
/* secure=on: Secure-only RAM and UART (QEMU's VIRT_SECURE_MEM, VIRT_SECURE_UART). */
#define VIRT_SECURE_MEM_BASE  0x0e000000ULL
#define VIRT_SECURE_MEM_SIZE  (16 * MiB)
#define VIRT_SECURE_UART_BASE 0x09040000ULL

/* 32 virtio-mmio transports of 0x200 bytes, on SPIs 16..47 (virtio-mmio.c). */
#define VIRT_VIRTIO_BASE      0x0a000000ULL
#define VIRT_VIRTIO_SIZE      0x200
#define VIRT_VIRTIO_COUNT     32
#define VIRT_VIRTIO_SPI       16

/*
 * PCIe (hw/pci-host/gpex.h), at QEMU's virt addresses with highmem: the
 * 32-bit MMIO and I/O windows below 1 GiB, the ECAM (256 buses) and the
 * 512 GiB 64-bit MMIO window above the largest RAM, INTA..INTD on SPIs
 * 3..6. QEMU's low ECAM (0x3f000000, 16 buses) serves 32-bit guests only.
 */
#define VIRT_PCIE_MMIO_BASE       0x10000000ULL
#define VIRT_PCIE_MMIO_SIZE       0x2eff0000ULL
#define VIRT_PCIE_PIO_BASE        0x3eff0000ULL
#define VIRT_PCIE_PIO_SIZE        0x10000ULL
#define VIRT_PCIE_ECAM_BASE       0x4010000000ULL
#define VIRT_PCIE_ECAM_SIZE       0x10000000ULL
#define VIRT_PCIE_MMIO_HIGH_BASE  0x8000000000ULL
#define VIRT_PCIE_MMIO_HIGH_SIZE  0x8000000000ULL
#define VIRT_PCIE_SPI             3

/* Shared peripheral interrupts (GIC SPI numbers, as the device tree gives them). */
#define VIRT_UART_SPI   1
#define VIRT_RTC_SPI    2
#define VIRT_GPIO_SPI   7
#define VIRT_SECURE_UART_SPI 8

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
    bool load_fdt;              /* copy the blob to fdt_addr at reset */
    uint64_t fdt_addr;          /* where the blob goes: RAM base, or after a Linux initrd */
    bool linux_boot;            /* CPU 0 enters a Linux Image: x0 = fdt_addr */
    GPtrArray *boot_images;     /* VirtBootImage *: kernel and initrd, written at reset */
    DeviceState *gic;
    unsigned gic_version;       /* -M virt,gic-version=: 2 or 3 */
    GPtrArray *irq_lines;       /* IRQLine *: the GIC's outputs into the CPUs */
    DeviceState *pcie;          /* the gpex host bridge */
    bool virtualization;        /* -M virt,virtualization=on: CPUs have EL2 */
    bool secure;                /* -M virt,secure=on: CPUs have EL3, Secure RAM and UART */
    bool firmware;              /* -bios or a flash bank 0 drive: CPU 0 starts in flash */
    uint8_t psci_conduit;       /* ARM_PSCI_*: how the guest calls Koine's PSCI (none: no /psci) */
    struct MemoryRegion *secure_ram;
} VirtMachine;

/*
 * Builds the board's device tree (a packed blob, g_malloc'd) from the
 * machine's configuration; *size gets its length. initrd_size 0: no initrd.
 */
void *virt_fdt_build(MachineState *ms, uint64_t initrd_start, uint64_t initrd_size,
                     size_t *size, Error **errp);

/*
 * Sets /chosen's bootargs (-append) and linux,initrd-start/end in a blob
 * (the -dtb one: the generated tree has them already), creating /chosen if
 * needed. May reallocate the blob; *size is updated.
 */
bool virt_fdt_set_chosen(void **fdt, size_t *size, MachineState *ms, uint64_t initrd_start,
                         uint64_t initrd_size, Error **errp);

#endif
