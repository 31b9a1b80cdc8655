/*
 * virtio-net-device (virtio-net.c): a network card on a virtio transport.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_VIRTIO_VIRTIO_NET_H
#define HW_VIRTIO_VIRTIO_NET_H

#include "hw/core/qdev.h"

/* Feature bits (virtio 1.2 §5.1.3). */
#define VIRTIO_NET_F_CSUM           0
#define VIRTIO_NET_F_GUEST_CSUM     1
#define VIRTIO_NET_F_MAC            5
#define VIRTIO_NET_F_MRG_RXBUF      15
#define VIRTIO_NET_F_STATUS         16

/* Config space (§5.1.4). */
#define VIRTIO_NET_CFG_MAC          0
#define VIRTIO_NET_CFG_STATUS       6
#define VIRTIO_NET_CFG_MAX_VQ_PAIRS 8
#define VIRTIO_NET_CFG_MTU          10
#define VIRTIO_NET_CFG_LEN          12
#define VIRTIO_NET_S_LINK_UP        1

/* struct virtio_net_hdr (§5.1.6): 12 bytes, or 10 for legacy without MRG_RXBUF. */
#define VIRTIO_NET_HDR_FLAGS        0
#define VIRTIO_NET_HDR_GSO_TYPE     1
#define VIRTIO_NET_HDR_HDR_LEN      2
#define VIRTIO_NET_HDR_GSO_SIZE     4
#define VIRTIO_NET_HDR_CSUM_START   6
#define VIRTIO_NET_HDR_CSUM_OFFSET  8
#define VIRTIO_NET_HDR_NUM_BUFFERS  10
#define VIRTIO_NET_HDR_LEN          12
#define VIRTIO_NET_HDR_LEN_LEGACY   10
#define VIRTIO_NET_HDR_F_NEEDS_CSUM 1
#define VIRTIO_NET_HDR_F_DATA_VALID 2
#define VIRTIO_NET_HDR_GSO_NONE     0

/* Queues: receive, transmit (one pair; no control queue). */
#define VIRTIO_NET_RX_QUEUE         0
#define VIRTIO_NET_TX_QUEUE         1

extern const DeviceClass virtio_net_device_class;

#endif
