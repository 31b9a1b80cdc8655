/*
 * virtio-mmio transport (virtio 1.2 §4.2): the register protocol between a
 * driver and the virtio device plugged into this slot.
 *
 * Version 2 (§4.2.2): the driver reads 64 feature bits in two 32-bit
 * windows, writes its choice the same way and confirms it with FEATURES_OK
 * in Status, which the device clears again if it refuses (§3.1.1); each
 * queue gets three 64-bit ring addresses and QueueReady.
 *
 * Version 1, legacy (§4.2.4, force-legacy=on): 32 feature bits taking effect
 * when written, no FEATURES_OK; a queue is one block of guest pages given
 * by QueuePFN (in GuestPageSize units): descriptors, then the avail ring,
 * then the used ring at the next QueueAlign boundary (§2.7.2 legacy layout).
 *
 * Registers below 0x100 take 32-bit accesses only; the device's config
 * space from 0x100 takes 8-, 16- and 32-bit ones (Linux reads a 64-bit
 * field as two 32-bit halves). With no device plugged in, the transport
 * still answers the magic value and version with device id 0, which
 * drivers take as "nothing here" (§4.2.3.1.1).
 *
 * The interrupt output is high while InterruptStatus is not zero.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bitops.h"
#include "util/log.h"
#include "hw/virtio/virtio-mmio.h"
#include "hw/virtio/virtio.h"
#include "softmmu/memory.h"

/* Legacy per-queue registers that the core has no use for. */
typedef struct LegacyQueue {
    uint32_t align;
    uint32_t pfn;
} LegacyQueue;

typedef struct VirtIOMMIOState {
    DeviceState parent;
    MemoryRegion iomem;
    IRQLine *irq;
    VirtioBus bus;
    char *bus_name;
    bool force_legacy;              /* property */

    uint32_t device_features_sel;
    uint32_t driver_features_sel;
    uint64_t driver_features;       /* staged until FEATURES_OK (version 2) */
    uint32_t queue_sel;
    uint32_t guest_page_size;       /* legacy */
    LegacyQueue *legacy_queues;     /* legacy: one per queue of the device */
} VirtIOMMIOState;

static VirtIOMMIOState *mmio_of(DeviceState *dev)
{
    return container_of(dev, VirtIOMMIOState, parent);
}

static void mmio_update_irq(void *opaque)
{
    VirtIOMMIOState *s = opaque;

    irq_set(s->irq, s->bus.vdev && s->bus.vdev->isr);
}

static void mmio_plugged(void *opaque)
{
    VirtIOMMIOState *s = opaque;

    s->legacy_queues = g_new0(LegacyQueue, s->bus.vdev->num_queues);
}

static void mmio_unplugged(void *opaque)
{
    VirtIOMMIOState *s = opaque;

    g_free(s->legacy_queues);
    s->legacy_queues = NULL;
}

/* The selected queue, or NULL (logged) when QueueSel is beyond the device's. */
static VirtQueue *selected_queue(VirtIOMMIOState *s, VirtIODevice *vdev, hwaddr reg)
{
    if (s->queue_sel >= vdev->num_queues) {
        log_mask(log_guest_errors, "%s: register 0x%" HWADDR_PRIx " of queue %u; the "
                 "device has %u\n", s->bus_name, reg, s->queue_sel, vdev->num_queues);
        return NULL;
    }
    return &vdev->vq[s->queue_sel];
}

static uint64_t mmio_config_read(VirtIOMMIOState *s, hwaddr addr, unsigned size)
{
    VirtIODevice *vdev = s->bus.vdev;

    if (!vdev) {
        return 0;
    }
    return virtio_config_read(vdev, addr - VIRTIO_MMIO_CONFIG, size);
}

static uint64_t mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    VirtIOMMIOState *s = opaque;
    VirtIODevice *vdev = s->bus.vdev;
    bool legacy = s->bus.legacy;
    VirtQueue *vq;

    if (addr >= VIRTIO_MMIO_CONFIG) {
        return mmio_config_read(s, addr, size);
    }
    if (size != 4) {
        log_mask(log_guest_errors, "%s: %u-byte read of register 0x%" HWADDR_PRIx "\n",
                 s->bus_name, size, addr);
        return 0;
    }
    switch (addr) {
    case VIRTIO_MMIO_MAGIC_VALUE:
        return VIRTIO_MMIO_MAGIC;
    case VIRTIO_MMIO_VERSION:
        return legacy ? 1 : 2;
    case VIRTIO_MMIO_DEVICE_ID:
        return vdev ? vdev->device_id : 0;
    case VIRTIO_MMIO_VENDOR_ID:
        return VIRTIO_MMIO_VENDOR;
    }
    if (!vdev) {
        return 0;
    }
    switch (addr) {
    case VIRTIO_MMIO_DEVICE_FEATURES:
        if (s->device_features_sel > 1 || (legacy && s->device_features_sel)) {
            return 0;
        }
        return virtio_offered_features(vdev) >> (32 * s->device_features_sel);
    case VIRTIO_MMIO_QUEUE_NUM_MAX:
        vq = selected_queue(s, vdev, addr);
        /* A missing queue reads 0 here: how drivers find how many there are. */
        return vq ? vq->num_max : 0;
    case VIRTIO_MMIO_QUEUE_PFN:
        if (!legacy) {
            break;
        }
        vq = selected_queue(s, vdev, addr);
        return vq ? s->legacy_queues[s->queue_sel].pfn : 0;
    case VIRTIO_MMIO_QUEUE_READY:
        if (legacy) {
            break;
        }
        vq = selected_queue(s, vdev, addr);
        return vq ? vq->ready : 0;
    case VIRTIO_MMIO_INTERRUPT_STATUS:
        return vdev->isr;
    case VIRTIO_MMIO_STATUS:
        return vdev->status;
    case VIRTIO_MMIO_SHM_LEN_LOW:
    case VIRTIO_MMIO_SHM_LEN_HIGH:
        /* No shared memory regions: a length of all ones says so (§4.2.2). */
        return legacy ? 0 : UINT32_MAX;
    case VIRTIO_MMIO_SHM_BASE_LOW:
    case VIRTIO_MMIO_SHM_BASE_HIGH:
        return 0;
    case VIRTIO_MMIO_CONFIG_GENERATION:
        return legacy ? 0 : vdev->config_generation;
    }
    log_mask(log_guest_errors, "%s: read of %s register 0x%" HWADDR_PRIx "\n", s->bus_name,
             legacy ? "unknown (legacy)" : "unknown or write-only", addr);
    return 0;
}

/* Legacy: the three rings from QueuePFN, QueueNum and QueueAlign (§2.7.2). */
static void legacy_queue_set_pfn(VirtIOMMIOState *s, VirtQueue *vq, uint32_t pfn)
{
    LegacyQueue *lq = &s->legacy_queues[vq->index];
    uint64_t align = lq->align ? lq->align : 4096;
    uint64_t avail_end;

    lq->pfn = pfn;
    if (!pfn) {
        virtio_queue_reset(vq);
        return;
    }
    vq->desc = (uint64_t)pfn * s->guest_page_size;
    vq->avail = vq->desc + (uint64_t)vq->num * VIRTQ_DESC_SIZE;
    avail_end = vq->avail + 6 + 2 * (uint64_t)vq->num;
    vq->used = (avail_end + align - 1) & ~(align - 1);
    vq->ready = true;
}

static void set_queue_num(VirtIOMMIOState *s, VirtQueue *vq, uint32_t num)
{
    if (!num || num > vq->num_max || (num & (num - 1))) {
        log_mask(log_guest_errors, "%s: queue %u: size %u (a power of 2 up to %u)\n",
                 s->bus_name, vq->index, num, vq->num_max);
        return;
    }
    vq->num = num;
}

/* The 64-bit ring address registers of version 2, half by half. */
static void set_ring_half(VirtIOMMIOState *s, VirtQueue *vq, uint64_t *field, hwaddr reg,
                          uint32_t value)
{
    if (vq->ready) {
        log_mask(log_guest_errors, "%s: queue %u: ring address written while ready\n",
                 s->bus_name, vq->index);
        return;
    }
    if (reg & 4) {
        *field = deposit64(*field, 32, 32, value);
    } else {
        *field = deposit64(*field, 0, 32, value);
    }
}

static void mmio_write_status(VirtIOMMIOState *s, VirtIODevice *vdev, uint32_t value)
{
    uint8_t status = value;

    if (status == 0) {
        virtio_reset(vdev);
        s->driver_features = 0;
        if (s->legacy_queues) {
            memset(s->legacy_queues, 0, vdev->num_queues * sizeof(*s->legacy_queues));
        }
        return;
    }
    if (!s->bus.legacy && (status & VIRTIO_CONFIG_S_FEATURES_OK) &&
        !(vdev->status & VIRTIO_CONFIG_S_FEATURES_OK) &&
        !virtio_set_features(vdev, s->driver_features)) {
        /* Refused: the driver reads the bit back as 0 (§3.1.1 step 6). */
        status &= ~VIRTIO_CONFIG_S_FEATURES_OK;
    }
    virtio_set_status(vdev, status);
}

static void mmio_write_queue_reg(VirtIOMMIOState *s, VirtIODevice *vdev, hwaddr addr,
                                 uint32_t value)
{
    VirtQueue *vq = selected_queue(s, vdev, addr);

    if (!vq) {
        return;
    }
    switch (addr) {
    case VIRTIO_MMIO_QUEUE_NUM:
        if (vq->ready && !s->bus.legacy) {
            log_mask(log_guest_errors, "%s: queue %u: size written while ready\n",
                     s->bus_name, vq->index);
            return;
        }
        set_queue_num(s, vq, value);
        break;
    case VIRTIO_MMIO_QUEUE_ALIGN:
        if (value & (value - 1)) {
            log_mask(log_guest_errors, "%s: queue %u: alignment %u is not a power of 2\n",
                     s->bus_name, vq->index, value);
            return;
        }
        s->legacy_queues[vq->index].align = value;
        break;
    case VIRTIO_MMIO_QUEUE_PFN:
        legacy_queue_set_pfn(s, vq, value);
        break;
    case VIRTIO_MMIO_QUEUE_READY:
        if (value & 1) {
            vq->ready = true;
        } else {
            virtio_queue_reset(vq);
        }
        break;
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
        set_ring_half(s, vq, &vq->desc, addr, value);
        break;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
        set_ring_half(s, vq, &vq->avail, addr, value);
        break;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        set_ring_half(s, vq, &vq->used, addr, value);
        break;
    default:
        g_assert_not_reached();
    }
}

/* Whether a register exists in this version of the interface. */
static bool reg_in_version(hwaddr addr, bool legacy)
{
    switch (addr) {
    case VIRTIO_MMIO_GUEST_PAGE_SIZE:
    case VIRTIO_MMIO_QUEUE_ALIGN:
    case VIRTIO_MMIO_QUEUE_PFN:
        return legacy;
    case VIRTIO_MMIO_QUEUE_READY:
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
    case VIRTIO_MMIO_SHM_SEL:
        return !legacy;
    default:
        return true;
    }
}

static void mmio_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    VirtIOMMIOState *s = opaque;
    VirtIODevice *vdev = s->bus.vdev;

    if (!vdev) {
        log_mask(log_guest_errors, "%s: write to 0x%" HWADDR_PRIx " with no device\n",
                 s->bus_name, addr);
        return;
    }
    if (addr >= VIRTIO_MMIO_CONFIG) {
        virtio_config_write(vdev, addr - VIRTIO_MMIO_CONFIG, value, size);
        return;
    }
    if (size != 4 || !reg_in_version(addr, s->bus.legacy)) {
        log_mask(log_guest_errors, "%s: %u-byte write of 0x%" PRIx64 " to register 0x%"
                 HWADDR_PRIx "%s\n", s->bus_name, size, value, addr,
                 size != 4 ? "" : " (not in this version of virtio-mmio)");
        return;
    }
    switch (addr) {
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
        s->device_features_sel = value;
        break;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
        s->driver_features_sel = value;
        break;
    case VIRTIO_MMIO_DRIVER_FEATURES:
        if (s->driver_features_sel > 1) {
            if (value) {
                log_mask(log_guest_errors, "%s: driver features word %u: 0x%" PRIx64 "\n",
                         s->bus_name, s->driver_features_sel, value);
            }
            break;
        }
        s->driver_features = deposit64(s->driver_features, 32 * s->driver_features_sel, 32,
                                       value);
        if (s->bus.legacy && s->driver_features_sel == 0) {
            virtio_set_features(vdev, s->driver_features & 0xffffffffull);
        }
        break;
    case VIRTIO_MMIO_GUEST_PAGE_SIZE:
        if (!value || (value & (value - 1))) {
            log_mask(log_guest_errors, "%s: guest page size %" PRIu64 "\n", s->bus_name,
                     value);
            break;
        }
        s->guest_page_size = value;
        break;
    case VIRTIO_MMIO_QUEUE_SEL:
        s->queue_sel = value;
        break;
    case VIRTIO_MMIO_QUEUE_NUM:
    case VIRTIO_MMIO_QUEUE_ALIGN:
    case VIRTIO_MMIO_QUEUE_PFN:
    case VIRTIO_MMIO_QUEUE_READY:
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        mmio_write_queue_reg(s, vdev, addr, value);
        break;
    case VIRTIO_MMIO_QUEUE_NOTIFY:
        virtio_queue_notify(vdev, value & 0xffff);
        break;
    case VIRTIO_MMIO_INTERRUPT_ACK:
        virtio_isr_ack(vdev, value);
        break;
    case VIRTIO_MMIO_STATUS:
        mmio_write_status(s, vdev, value);
        break;
    case VIRTIO_MMIO_SHM_SEL:
        break;
    default:
        log_mask(log_guest_errors, "%s: write of 0x%" PRIx64 " to read-only or unknown "
                 "register 0x%" HWADDR_PRIx "\n", s->bus_name, value, addr);
        break;
    }
}

static const MemoryRegionOps mmio_ops = {
    .read = mmio_read,
    .write = mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static void mmio_reset(DeviceState *dev)
{
    VirtIOMMIOState *s = mmio_of(dev);

    s->device_features_sel = 0;
    s->driver_features_sel = 0;
    s->driver_features = 0;
    s->queue_sel = 0;
    s->guest_page_size = 0;
    if (s->bus.vdev) {
        memset(s->legacy_queues, 0, s->bus.vdev->num_queues * sizeof(*s->legacy_queues));
        virtio_reset(s->bus.vdev);
    }
    mmio_update_irq(s);
}

static bool mmio_realize(DeviceState *dev, Error **errp)
{
    VirtIOMMIOState *s = mmio_of(dev);

    s->bus_name = g_strdup(device_name(dev));
    s->bus = (VirtioBus) {
        .name = s->bus_name,
        .opaque = s,
        .update_irq = mmio_update_irq,
        .plugged = mmio_plugged,
        .unplugged = mmio_unplugged,
        .legacy = s->force_legacy,
    };
    memory_region_init_io(&s->iomem, &mmio_ops, s, "virtio-mmio", VIRTIO_MMIO_SIZE);
    device_init_mmio(dev, &s->iomem);
    device_init_irq(dev, &s->irq);
    virtio_bus_register(&s->bus);
    return true;
}

/* The board unmaps the region first; a device still plugged in is the board's to destroy. */
static void mmio_unrealize(DeviceState *dev)
{
    VirtIOMMIOState *s = mmio_of(dev);

    if (s->bus.vdev) {
        /* Detach it: it outlives us only until its own destroy. */
        mmio_unplugged(s);
        s->bus.vdev->bus = NULL;
        s->bus.vdev = NULL;
    }
    virtio_bus_unregister(&s->bus);
    memory_region_finalize(&s->iomem);
    g_free(s->bus_name);
}

static const Property mmio_props[] = {
    DEFINE_PROP_BOOL("force-legacy", VirtIOMMIOState, force_legacy, false,
                     "the legacy (version 1) interface instead of virtio 1.x"),
    DEFINE_PROP_END,
};

const DeviceClass virtio_mmio_class = {
    .name = "virtio-mmio",
    .desc = "virtio-mmio transport: one slot for a virtio device",
    .category = DEVICE_CATEGORY_BRIDGE,
    .instance_size = sizeof(VirtIOMMIOState),
    .props = mmio_props,
    .user_creatable = false,
    .realize = mmio_realize,
    .unrealize = mmio_unrealize,
    .reset = mmio_reset,
};
