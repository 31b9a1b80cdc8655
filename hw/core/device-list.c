/*
 * The table of all device classes: what -device help lists and
 * device_class_find() searches. One table, reachable from main() through
 * hw/core/qdev.h, instead of registration scattered through constructors.
 * Keep it sorted by file path so merges stay easy; -device help sorts by
 * itself. Classes are declared in hw/core/device-list.h, or in the device's
 * own header when boards need more from it than the class.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/device-list.h"
#include "hw/block/pflash-cfi01.h"
#include "hw/char/pl011.h"
#include "hw/gpio/pl061.h"
#include "hw/intc/arm-gicv2.h"
#include "hw/intc/arm-gicv3.h"
#include "hw/misc/fw_cfg.h"
#include "hw/misc/loader.h"
#include "hw/pci-host/gpex.h"
#include "hw/rtc/pl031.h"
#include "hw/virtio/virtio-blk.h"
#include "hw/virtio/virtio-console.h"
#include "hw/virtio/virtio-mmio.h"
#include "hw/virtio/virtio-net.h"
#include "hw/virtio/virtio-pci.h"
#include "hw/virtio/virtio-rng.h"

static const DeviceClass *const builtin_classes[] = {
    /* hw/block */
    &pflash_cfi01_class,
    /* hw/char */
    &pl011_class,
    /* hw/core */
    &or_irq_class,
    &split_irq_class,
    /* hw/gpio */
    &pl061_class,
    /* hw/intc */
    &gicv2_class,
    &gicv3_class,
    /* hw/misc */
    &fw_cfg_mmio_class,
    &loader_class,
    /* hw/pci-host */
    &gpex_class,
    &gpex_root_class.dc,
    /* hw/rtc */
    &pl031_class,
    /* hw/virtio */
    &virtio_blk_device_class,
    &virtio_blk_pci_class.dc,
    &virtio_console_device_class, &virtio_serial_device_class, &virtconsole_class,
    &virtio_mmio_class,
    &virtio_net_device_class,
    &virtio_net_pci_class.dc,
    &virtio_rng_device_class,
    &virtio_rng_pci_class.dc,
};

const DeviceClass *const *device_builtin_classes(size_t *count)
{
    *count = ARRAY_SIZE(builtin_classes);
    return builtin_classes;
}
