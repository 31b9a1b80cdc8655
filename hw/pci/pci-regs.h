/*
 * PCI configuration space registers: the type 0 header (PCI Local Bus
 * Specification 3.0 §6.1, §6.2), capability ids (PCI Code and ID
 * Assignment Specification §2) and the PCI Express capability (PCI Express
 * Base Specification 4.0 §7.5.3). Only what Koine's devices and tests use.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_PCI_PCI_REGS_H
#define HW_PCI_PCI_REGS_H

#define PCI_CONFIG_SPACE_SIZE       0x100       /* conventional PCI */
#define PCIE_CONFIG_SPACE_SIZE      0x1000      /* PCI Express: extended space */

/* Type 0 header. */
#define PCI_VENDOR_ID               0x00        /* 16 bits */
#define PCI_DEVICE_ID               0x02
#define PCI_COMMAND                 0x04
#define  PCI_COMMAND_IO             0x0001
#define  PCI_COMMAND_MEMORY         0x0002
#define  PCI_COMMAND_MASTER         0x0004
#define  PCI_COMMAND_PARITY         0x0040
#define  PCI_COMMAND_SERR           0x0100
#define  PCI_COMMAND_INTX_DISABLE   0x0400
#define PCI_STATUS                  0x06
#define  PCI_STATUS_INTERRUPT       0x0008
#define  PCI_STATUS_CAP_LIST        0x0010
/* Error bits, cleared by writing 1 (§6.2.3). */
#define  PCI_STATUS_W1C             0xf900
#define PCI_REVISION_ID             0x08
#define PCI_CLASS_PROG              0x09        /* then sub-class 0x0a, class 0x0b */
#define PCI_CACHE_LINE_SIZE         0x0c
#define PCI_LATENCY_TIMER           0x0d
#define PCI_HEADER_TYPE             0x0e
#define  PCI_HEADER_TYPE_MULTI_FUNCTION 0x80
#define PCI_BIST                    0x0f
#define PCI_BASE_ADDRESS_0          0x10        /* six 32-bit BARs to 0x27 */
#define  PCI_BASE_ADDRESS_SPACE_IO      0x01
#define  PCI_BASE_ADDRESS_MEM_TYPE_64   0x04
#define  PCI_BASE_ADDRESS_MEM_PREFETCH  0x08
#define  PCI_BASE_ADDRESS_MEM_MASK      (~0xfull)
#define  PCI_BASE_ADDRESS_IO_MASK       (~0x3ull)
#define PCI_SUBSYSTEM_VENDOR_ID     0x2c
#define PCI_SUBSYSTEM_ID            0x2e
#define PCI_ROM_ADDRESS             0x30
#define PCI_CAPABILITY_LIST         0x34
#define PCI_INTERRUPT_LINE          0x3c
#define PCI_INTERRUPT_PIN           0x3d        /* 0: none, 1..4: INTA..INTD */
#define PCI_MIN_GNT                 0x3e
#define PCI_MAX_LAT                 0x3f
#define PCI_CONFIG_HEADER_SIZE      0x40        /* capabilities start here */

/* Capability ids. */
#define PCI_CAP_ID_VNDR             0x09        /* vendor specific (virtio's) */
#define PCI_CAP_ID_EXP              0x10        /* PCI Express */
#define PCI_CAP_LIST_ID             0
#define PCI_CAP_LIST_NEXT           1

/* The PCI Express capability (version 2: 0x3c bytes). */
#define PCI_EXP_CAP_SIZEOF          0x3c
#define PCI_EXP_FLAGS               0x02        /* version 3:0, port type 7:4 */
#define  PCI_EXP_FLAGS_VERSION2     0x0002
#define  PCI_EXP_TYPE_ENDPOINT      0x0
#define  PCI_EXP_TYPE_RC_END        0x9         /* root complex integrated endpoint */
#define PCI_EXP_DEVCAP              0x04
#define  PCI_EXP_DEVCAP_RBER        0x00008000  /* role-based error reporting */
#define PCI_EXP_DEVCTL              0x08
/* Error reporting enables, relaxed ordering, payload, tags, no-snoop, read request. */
#define  PCI_EXP_DEVCTL_WMASK       0x7fff
#define PCI_EXP_DEVSTA              0x0a
#define  PCI_EXP_DEVSTA_W1C         0x000f      /* error detected bits */
#define PCI_EXP_DEVCAP2             0x24
#define PCI_EXP_DEVCTL2             0x28

/* Slot/function in a devfn byte. */
#define PCI_DEVFN(slot, fn)         ((((slot) & 0x1f) << 3) | ((fn) & 0x07))
#define PCI_SLOT(devfn)             (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)             ((devfn) & 0x07)
#define PCI_DEVFN_MAX               256
#define PCI_NUM_PINS                4           /* INTA..INTD */
#define PCI_NUM_REGIONS             6           /* BARs of a type 0 header */

/* Class codes (class << 8 | sub-class). */
#define PCI_CLASS_STORAGE_SCSI      0x0100
#define PCI_CLASS_STORAGE_OTHER     0x0180
#define PCI_CLASS_NETWORK_ETHERNET  0x0200
#define PCI_CLASS_BRIDGE_HOST       0x0600
#define PCI_CLASS_OTHERS            0xff00

/* Vendor and device ids. */
#define PCI_VENDOR_ID_REDHAT        0x1b36
#define PCI_DEVICE_ID_REDHAT_PCIE_HOST  0x0008  /* QEMU's generic PCIe host bridge */
#define PCI_VENDOR_ID_REDHAT_QUMRANET   0x1af4  /* virtio */

#endif
