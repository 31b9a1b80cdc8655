/*
 * virtio-rng-device (virtio-rng.c): entropy for the guest.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_VIRTIO_VIRTIO_RNG_H
#define HW_VIRTIO_VIRTIO_RNG_H

#include "hw/core/qdev.h"

extern const DeviceClass virtio_rng_device_class;

#endif
