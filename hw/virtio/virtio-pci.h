/*
 * virtio-pci: the PCI transport of virtio 1.x (virtio 1.2 §4.1), modern
 * devices only: vendor 0x1af4, device 0x1040 + the virtio device id,
 * revision 1, with the virtio structures in BAR 4 (64-bit, prefetchable,
 * 16 KiB) found through vendor capabilities, and INTx interrupts.
 *
 * Each -device virtio-X-pci is a PCI device (hw/pci/) holding a
 * virtio-X-device as its child, plugged into this transport's VirtioBus
 * slot; the child's properties are set through the proxy's (drive=,
 * serial= ... passed on as text).
 *
 * BAR 4 layout (as QEMU's, so dumps compare): common configuration at
 * 0x0000, ISR status at 0x1000, device configuration at 0x2000,
 * notifications at 0x3000 with a notify_off_multiplier of 4 (queue n at
 * 0x3000 + 4n). Capabilities at 0x40 (common), 0x50 (ISR), 0x60 (device),
 * 0x70 (notify), 0x84 (PCI configuration access), 0x98 (PCI Express).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_VIRTIO_VIRTIO_PCI_H
#define HW_VIRTIO_VIRTIO_PCI_H

#include "hw/pci/pci.h"

#define VIRTIO_PCI_DEVICE_ID_BASE   0x1040      /* + virtio device id (§4.1.2.1) */
#define VIRTIO_PCI_BAR              4
#define VIRTIO_PCI_BAR_SIZE         0x4000
#define VIRTIO_PCI_COMMON_OFFSET    0x0000
#define VIRTIO_PCI_ISR_OFFSET       0x1000
#define VIRTIO_PCI_DEVICE_OFFSET    0x2000
#define VIRTIO_PCI_NOTIFY_OFFSET    0x3000
#define VIRTIO_PCI_REGION_SIZE      0x1000
#define VIRTIO_PCI_NOTIFY_MULT      4

/* virtio_pci_cap.cfg_type (§4.1.4). */
#define VIRTIO_PCI_CAP_COMMON_CFG   1
#define VIRTIO_PCI_CAP_NOTIFY_CFG   2
#define VIRTIO_PCI_CAP_ISR_CFG      3
#define VIRTIO_PCI_CAP_DEVICE_CFG   4
#define VIRTIO_PCI_CAP_PCI_CFG      5

/* struct virtio_pci_cap (§4.1.4): offsets inside the capability. */
#define VIRTIO_PCI_CAP_LEN          2
#define VIRTIO_PCI_CAP_CFG_TYPE     3
#define VIRTIO_PCI_CAP_BAR          4
#define VIRTIO_PCI_CAP_ID           5
#define VIRTIO_PCI_CAP_OFFSET       8
#define VIRTIO_PCI_CAP_LENGTH       12
#define VIRTIO_PCI_CAP_SIZEOF       16
#define VIRTIO_PCI_NOTIFY_CAP_MULT  16          /* notify cap: le32 multiplier */
#define VIRTIO_PCI_CFG_CAP_DATA     16          /* PCI cfg cap: 4 data bytes */
#define VIRTIO_PCI_CAP2_SIZEOF      20

/* struct virtio_pci_common_cfg (§4.1.4.3). */
#define VIRTIO_PCI_COMMON_DFSELECT      0x00
#define VIRTIO_PCI_COMMON_DF            0x04
#define VIRTIO_PCI_COMMON_GFSELECT      0x08
#define VIRTIO_PCI_COMMON_GF            0x0c
#define VIRTIO_PCI_COMMON_MSIX          0x10
#define VIRTIO_PCI_COMMON_NUMQ          0x12
#define VIRTIO_PCI_COMMON_STATUS        0x14
#define VIRTIO_PCI_COMMON_CFGGENERATION 0x15
#define VIRTIO_PCI_COMMON_Q_SELECT      0x16
#define VIRTIO_PCI_COMMON_Q_SIZE        0x18
#define VIRTIO_PCI_COMMON_Q_MSIX        0x1a
#define VIRTIO_PCI_COMMON_Q_ENABLE      0x1c
#define VIRTIO_PCI_COMMON_Q_NOFF        0x1e
#define VIRTIO_PCI_COMMON_Q_DESCLO      0x20
#define VIRTIO_PCI_COMMON_Q_DESCHI      0x24
#define VIRTIO_PCI_COMMON_Q_AVAILLO     0x28
#define VIRTIO_PCI_COMMON_Q_AVAILHI     0x2c
#define VIRTIO_PCI_COMMON_Q_USEDLO      0x30
#define VIRTIO_PCI_COMMON_Q_USEDHI      0x34
#define VIRTIO_PCI_COMMON_Q_NDATA       0x38
#define VIRTIO_PCI_COMMON_Q_RESET       0x3a
#define VIRTIO_PCI_COMMON_SIZEOF        0x3c

/* What the MSI-X vector fields read: there is no MSI-X. */
#define VIRTIO_MSI_NO_VECTOR        0xffff

extern const PCIDeviceClass virtio_blk_pci_class;
extern const PCIDeviceClass virtio_net_pci_class;
extern const PCIDeviceClass virtio_rng_pci_class;

#endif
