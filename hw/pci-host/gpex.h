/*
 * gpex: the generic PCI Express host bridge of QEMU's virt board, as
 * Linux's and u-boot's "pci-host-ecam-generic" drivers expect it: an ECAM
 * configuration window (PCIe 4.0 §7.2.2: 1 MiB per bus, 4 KiB per
 * function), windows onto the PCI memory space (32-bit and, optionally,
 * 64-bit, identity-mapped: a BAR at PCI address A appears at CPU address
 * A) and onto the 64 KiB PCI I/O space, and four INTx lines with the
 * classic swizzle: device pin p in slot s drives line (p + s) % 4.
 *
 * The host bridge function (1b36:0008, class 0x0600, as QEMU's) sits at
 * 00.0; -device PCI devices take the next free slots of bus 0.
 *
 * MMIO regions, for the board to map (device_mmio_map):
 *   GPEX_MMIO_ECAM     ecam-size bytes (256 MiB: buses 0..255)
 *   GPEX_MMIO_WINDOW32 [mmio32-base, +mmio32-size) of the PCI memory space
 *   GPEX_MMIO_PIO      the I/O space, pio-size bytes from PCI address 0
 *   GPEX_MMIO_WINDOW64 [mmio64-base, +mmio64-size), when mmio64-size != 0
 * Interrupts (device_connect_irq): 0..3, INTA..INTD of slot 0 (level).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_PCI_HOST_GPEX_H
#define HW_PCI_HOST_GPEX_H

#include "hw/core/qdev.h"
#include "hw/pci/pci.h"

#define GPEX_MMIO_ECAM      0
#define GPEX_MMIO_WINDOW32  1
#define GPEX_MMIO_PIO       2
#define GPEX_MMIO_WINDOW64  3

#define GPEX_NUM_IRQS       PCI_NUM_PINS

extern const DeviceClass gpex_class;
extern const PCIDeviceClass gpex_root_class;

/* The bus of a realized gpex (tests and boards that place devices themselves). */
PCIBus *gpex_get_bus(DeviceState *gpex);

#endif
