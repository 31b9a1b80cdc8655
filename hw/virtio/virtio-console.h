/*
 * virtio-console (virtio-console.c): a guest console (Linux's /dev/hvc0)
 * on a character device. Three classes:
 *   virtio-console-device   the device with its port 0 on "chardev"
 *   virtio-serial-device    the same device, port 0 left for a virtconsole
 *   virtconsole             port 0 of the last virtio-serial-device
 * (the last two accept QEMU's spelling of the same thing).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_VIRTIO_VIRTIO_CONSOLE_H
#define HW_VIRTIO_VIRTIO_CONSOLE_H

#include "hw/core/qdev.h"

/* Feature bits (virtio 1.2 §5.3.3). */
#define VIRTIO_CONSOLE_F_SIZE           0
#define VIRTIO_CONSOLE_F_MULTIPORT      1
#define VIRTIO_CONSOLE_F_EMERG_WRITE    2

/* Config space (§5.3.4): le16 cols, le16 rows, le32 max_nr_ports, le32 emerg_wr. */
#define VIRTIO_CONSOLE_CFG_COLS         0
#define VIRTIO_CONSOLE_CFG_ROWS         2
#define VIRTIO_CONSOLE_CFG_MAX_NR_PORTS 4
#define VIRTIO_CONSOLE_CFG_EMERG_WR     8
#define VIRTIO_CONSOLE_CFG_SIZE         12

/* Queues without MULTIPORT (§5.3.2): port 0's receiveq and transmitq. */
#define VIRTIO_CONSOLE_RX_QUEUE         0
#define VIRTIO_CONSOLE_TX_QUEUE         1
#define VIRTIO_CONSOLE_QUEUE_SIZE       128

extern const DeviceClass virtio_console_device_class;
extern const DeviceClass virtio_serial_device_class;
extern const DeviceClass virtconsole_class;

#endif
