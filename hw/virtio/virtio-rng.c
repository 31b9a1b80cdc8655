/*
 * virtio-rng-device: entropy for the guest (virtio 1.2 §5.4).
 *
 * One queue of writable buffers; the device fills each with bytes from the
 * host's getrandom() and returns it. Requests are answered in full, up to
 * 64 KiB each (a larger buffer gets its first 64 KiB: the driver asks
 * again). getrandom() without flags only blocks before the host's pool is
 * initialised, which has happened long before anyone runs Koine.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include <sys/random.h>
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-rng.h"

#define RNG_QUEUE_SIZE      8
#define RNG_REQUEST_MAX     (64 * KiB)

typedef struct VirtIORNG {
    VirtIODevice vdev;
} VirtIORNG;

static bool rng_fill(uint8_t *buf, size_t len)
{
    while (len) {
        ssize_t n = getrandom(buf, len, 0);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        buf += n;
        len -= n;
    }
    return true;
}

static void rng_handle_queue(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtQueueElement *elem;
    bool any = false;

    while ((elem = virtqueue_pop(vq))) {
        size_t len = MIN(elem->in_len, RNG_REQUEST_MAX);
        g_autofree uint8_t *buf = g_malloc(len + 1);
        uint32_t written = 0;

        if (!rng_fill(buf, len)) {
            error_report("%s: getrandom: %s", device_name(&vdev->parent), g_strerror(errno));
        } else if (virtqueue_elem_write(vdev, elem, 0, buf, len)) {
            written = len;
        }
        virtqueue_push(vq, elem, written);
        virtqueue_elem_free(elem);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, vq);
    }
}

static const VirtioDeviceOps rng_ops = { 0 };

static bool rng_realize(DeviceState *dev, Error **errp)
{
    VirtIODevice *vdev = virtio_device(dev);

    virtio_init(vdev, VIRTIO_ID_RNG, &rng_ops, 0);
    virtio_add_queue(vdev, RNG_QUEUE_SIZE, rng_handle_queue);
    if (!virtio_plug(vdev, errp)) {
        virtio_cleanup(vdev);
        return false;
    }
    return true;
}

static void rng_unrealize(DeviceState *dev)
{
    virtio_cleanup(virtio_device(dev));
}

static void rng_reset(DeviceState *dev)
{
    virtio_reset(virtio_device(dev));
}

const DeviceClass virtio_rng_device_class = {
    .name = "virtio-rng-device",
    .desc = "virtio entropy source (host getrandom) on a virtio-mmio transport",
    .category = DEVICE_CATEGORY_MISC,
    .instance_size = sizeof(VirtIORNG),
    .user_creatable = true,
    .realize = rng_realize,
    .unrealize = rng_unrealize,
    .reset = rng_reset,
};
