/*
 * The virtio core: what every virtio device shares, whatever transport
 * carries it (virtio 1.2 specification, "Virtual I/O Device Version 1.2").
 *
 * A virtio device is a DeviceState whose state struct starts with a
 * VirtIODevice (which itself starts with the DeviceState):
 *
 *     typedef struct VirtIOBlock {
 *         VirtIODevice vdev;
 *         ...
 *     } VirtIOBlock;
 *
 * Its realize calls virtio_init() (device id, config size, ops),
 * virtio_add_queue() for each virtqueue, sets its feature bits in
 * vdev->host_features, then virtio_plug() to sit in the first free
 * transport slot; its unrealize calls virtio_cleanup().
 *
 * Transports (virtio-mmio; PCI later) register VirtioBus slots in the order
 * in which -device and the boards should fill them. A transport owns the
 * register protocol; the core owns feature checks, device status, reset,
 * the config space and the split virtqueues (§2.7): descriptor chains with
 * indirect tables (VIRTIO_F_INDIRECT_DESC), used-ring updates, and
 * notification suppression both ways (VIRTIO_F_EVENT_IDX).
 *
 * Queue handlers run synchronously when the driver notifies a queue. A
 * guest that breaks the rules (a descriptor chain that loops, a buffer
 * outside guest memory, a ring index beyond the queue) gets a guest_errors
 * log line and a device that stops working until it is reset, with
 * DEVICE_NEEDS_RESET in its status (§2.1.2): never a host crash.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_VIRTIO_VIRTIO_H
#define HW_VIRTIO_VIRTIO_H

#include "util/osdep.h"
#include "util/error.h"
#include "hw/core/qdev.h"

typedef struct AddressSpace AddressSpace;

/* Device ids (§5). */
#define VIRTIO_ID_NET       1
#define VIRTIO_ID_BLOCK     2
#define VIRTIO_ID_CONSOLE   3
#define VIRTIO_ID_RNG       4

/* Device status bits (§2.1). */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE     0x01
#define VIRTIO_CONFIG_S_DRIVER          0x02
#define VIRTIO_CONFIG_S_DRIVER_OK       0x04
#define VIRTIO_CONFIG_S_FEATURES_OK     0x08
#define VIRTIO_CONFIG_S_NEEDS_RESET     0x40
#define VIRTIO_CONFIG_S_FAILED          0x80

/* Device-independent feature bits (§6). */
#define VIRTIO_F_INDIRECT_DESC      28
#define VIRTIO_F_EVENT_IDX          29
#define VIRTIO_F_VERSION_1          32

/* Interrupt status bits (§4.2.2 InterruptStatus). */
#define VIRTIO_ISR_QUEUE    0x1
#define VIRTIO_ISR_CONFIG   0x2

/* Split virtqueue layout (§2.7). */
#define VIRTQ_DESC_F_NEXT           1
#define VIRTQ_DESC_F_WRITE          2
#define VIRTQ_DESC_F_INDIRECT       4
#define VIRTQ_AVAIL_F_NO_INTERRUPT  1
#define VIRTQ_USED_F_NO_NOTIFY      1
#define VIRTQ_DESC_SIZE             16
#define VIRTQ_USED_ELEM_SIZE        8

/* Largest queue (and indirect table) a device accepts: Linux's and QEMU's limit. */
#define VIRTQUEUE_MAX_SIZE  1024

typedef struct VirtIODevice VirtIODevice;
typedef struct VirtQueue VirtQueue;

typedef void VirtQueueHandler(VirtIODevice *vdev, VirtQueue *vq);

/* One guest buffer of a request: guest-physical address and length. */
typedef struct VirtioSg {
    uint64_t addr;
    uint32_t len;
} VirtioSg;

/*
 * One request popped from a virtqueue: the device-readable buffers ("out",
 * from the driver) and then the device-writable ones ("in", to the driver).
 */
typedef struct VirtQueueElement {
    unsigned head;              /* descriptor index, returned in the used ring */
    GArray *out;                /* of VirtioSg */
    GArray *in;
    uint64_t out_len;           /* sum of the out lengths */
    uint64_t in_len;
} VirtQueueElement;

/*
 * A split virtqueue. The transport writes num, desc/avail/used and ready
 * (while ready is false) from the driver's registers; the rest is the core's.
 */
struct VirtQueue {
    VirtIODevice *vdev;
    unsigned index;
    uint16_t num_max;           /* what the device offers */
    uint16_t num;               /* what the driver chose (a power of 2) */
    bool ready;
    uint64_t desc, avail, used; /* guest-physical ring addresses */
    VirtQueueHandler *handle;

    uint16_t last_avail_idx;    /* next avail ring slot the device reads */
    uint16_t used_idx;          /* next used ring slot the device writes */
    uint16_t signalled_used;    /* used_idx at the last interrupt (EVENT_IDX) */
    bool signalled_used_valid;
};

typedef struct VirtioDeviceOps {
    /* Writes the device's config space into config (vdev->config_len bytes). */
    void (*get_config)(VirtIODevice *vdev, uint8_t *config);
    /* The driver wrote the config space (only the writable fields matter). */
    void (*set_config)(VirtIODevice *vdev, const uint8_t *config);
    /* Device-specific part of a reset; the core resets status, features, queues. */
    void (*reset)(VirtIODevice *vdev);
} VirtioDeviceOps;

/* A transport's slot for one device. */
typedef struct VirtioBus {
    const char *name;           /* for messages: "virtio-mmio@a000000" */
    VirtIODevice *vdev;         /* the plugged device, NULL: free */
    void *opaque;
    /* vdev->isr changed: update the interrupt line. */
    void (*update_irq)(void *opaque);
    /* A device arrived (vdev set) or is about to leave (vdev still set). */
    void (*plugged)(void *opaque);
    void (*unplugged)(void *opaque);
    /* The transport speaks legacy virtio (no VERSION_1, no FEATURES_OK). */
    bool legacy;
} VirtioBus;

struct VirtIODevice {
    DeviceState parent;
    uint16_t device_id;
    const VirtioDeviceOps *ops;
    AddressSpace *dma_as;       /* where the rings and buffers live */

    uint64_t host_features;     /* offered (the transport adds VERSION_1) */
    uint64_t guest_features;    /* accepted by the driver */
    uint8_t status;
    uint8_t isr;
    uint32_t config_generation;
    size_t config_len;
    uint8_t *config;

    VirtQueue *vq;
    unsigned num_queues;
    bool broken;                /* the guest broke the rules: stopped until reset */
    VirtioBus *bus;
};

static inline bool virtio_has_feature(uint64_t features, unsigned bit)
{
    return (features >> bit) & 1;
}

static inline bool virtio_vdev_has_feature(const VirtIODevice *vdev, unsigned bit)
{
    return virtio_has_feature(vdev->guest_features, bit);
}

/* The VirtIODevice of a DeviceState that is one. */
static inline VirtIODevice *virtio_device(DeviceState *dev)
{
    return container_of(dev, VirtIODevice, parent);
}

/* ---- Devices ---- */

/* Sets up the common part; offers INDIRECT_DESC and EVENT_IDX. */
void virtio_init(VirtIODevice *vdev, uint16_t device_id, const VirtioDeviceOps *ops,
                 size_t config_len);
/* Adds queue number vdev->num_queues (queue_size a power of 2, at most 1024). */
VirtQueue *virtio_add_queue(VirtIODevice *vdev, uint16_t queue_size,
                            VirtQueueHandler *handle);
/* Plugs the device into the first free transport slot. */
bool virtio_plug(VirtIODevice *vdev, Error **errp);
/* Unplugs and frees what virtio_init/virtio_add_queue allocated. */
void virtio_cleanup(VirtIODevice *vdev);

/* Back to the state after power-on: status 0, no features, queues off. */
void virtio_reset(VirtIODevice *vdev);

/*
 * The guest broke the rules: logs "device: message" as a guest error, stops
 * the device and (with DRIVER_OK, virtio 1) sets DEVICE_NEEDS_RESET with a
 * configuration change interrupt (§2.1.2).
 */
void virtio_error(VirtIODevice *vdev, const char *fmt, ...) KOINE_PRINTF(2, 3);

/*
 * Pops the next available request, or returns NULL when there is none (or
 * the device is broken). The caller answers with virtqueue_push() and frees
 * the element with virtqueue_elem_free().
 */
VirtQueueElement *virtqueue_pop(VirtQueue *vq);
/* Returns the request to the driver: len bytes were written into its in buffers. */
void virtqueue_push(VirtQueue *vq, const VirtQueueElement *elem, uint32_t len);
void virtqueue_elem_free(VirtQueueElement *elem);
/* Interrupts the driver for vq unless it asked not to be (§2.7.7, §2.7.10). */
void virtio_notify(VirtIODevice *vdev, VirtQueue *vq);
/* Tells the driver the config space changed (§2.4.2). */
void virtio_notify_config(VirtIODevice *vdev);

/*
 * Copies between a host buffer and the request's out (readable) or in
 * (writable) buffers, from byte `offset` of their concatenation. false: the
 * range is beyond the buffers, or the DMA failed (the device is then broken).
 */
bool virtqueue_elem_read(VirtIODevice *vdev, const VirtQueueElement *elem,
                         uint64_t offset, void *buf, size_t len);
bool virtqueue_elem_write(VirtIODevice *vdev, const VirtQueueElement *elem,
                          uint64_t offset, const void *buf, size_t len);

/* ---- Transports ---- */

/* Slots are filled in registration order. */
void virtio_bus_register(VirtioBus *bus);
void virtio_bus_unregister(VirtioBus *bus);

/* The features the driver sees: host_features, adjusted for the transport. */
uint64_t virtio_offered_features(VirtIODevice *vdev);
/*
 * The driver's choice: false (and nothing changes) if it accepts a feature
 * that was not offered, or (virtio 1) lacks VERSION_1.
 */
bool virtio_set_features(VirtIODevice *vdev, uint64_t features);
/* A status write: 0 resets; FEATURES_OK is refused for bad features. */
void virtio_set_status(VirtIODevice *vdev, uint8_t status);
/* The driver kicked queue n. */
void virtio_queue_notify(VirtIODevice *vdev, unsigned n);
/* Clears ISR bits (interrupt acknowledge). */
void virtio_isr_ack(VirtIODevice *vdev, uint8_t bits);
/* Turns a queue off and forgets its rings (per-queue reset, device reset). */
void virtio_queue_reset(VirtQueue *vq);

/* Config space accesses of 1, 2 or 4 bytes, little-endian; outside: read 0, write ignored. */
uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t offset, unsigned size);
void virtio_config_write(VirtIODevice *vdev, uint32_t offset, uint32_t value,
                         unsigned size);

#endif
