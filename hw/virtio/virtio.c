/*
 * The virtio core: device status, features, config space and split
 * virtqueues (virtio 1.2 §2). See virtio.h for the model.
 *
 * Ring memory is guest RAM that a vCPU may be writing while the device
 * reads it, so the order of accesses follows §2.7.13 and §2.7.8 with
 * explicit fences (today the device runs in the vCPU thread that kicked it,
 * but KVM and MTTCG will run them on different host CPUs):
 *   - read avail->idx, then a read fence, then the ring entry and the
 *     descriptors it names;
 *   - write the used element, a write fence, then used->idx;
 *   - before deciding whether to interrupt, a full fence between our
 *     used->idx store and the load of the driver's used_event / flags
 *     (and, symmetrically, between publishing avail_event and re-reading
 *     avail->idx), so that neither side misses the other's update.
 *
 * Every descriptor is checked before a device sees it: its index is inside
 * its table, a chain visits at most as many descriptors as the table has
 * (so a loop ends), an indirect table has a sane size and is not nested,
 * readable buffers come before writable ones, and every buffer lies in
 * memory the device can reach. A violation is the guest's bug: it is logged
 * and the device stops (virtio_error).
 *
 * Data DMA goes through dma_memory_read/write; the memory API invalidates
 * translated code in the RAM a device writes (softmmu/physmem.c), so a
 * guest that reads a program into pages of an old one runs the new one.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/log.h"
#include "hw/virtio/virtio.h"
#include "softmmu/memory.h"
#include "util/bswap.h"

#define ATTRS MEMTXATTRS_UNSPECIFIED

/* Slots of every transport, in the order devices fill them. */
static GPtrArray *virtio_buses;

static inline void virtio_rmb(void)
{
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
}

static inline void virtio_wmb(void)
{
    __atomic_thread_fence(__ATOMIC_RELEASE);
}

static inline void virtio_mb(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* ---- Devices ---- */

void virtio_init(VirtIODevice *vdev, uint16_t device_id, const VirtioDeviceOps *ops,
                 size_t config_len)
{
    vdev->device_id = device_id;
    vdev->ops = ops;
    vdev->dma_as = get_address_space_memory();
    vdev->config_len = config_len;
    vdev->config = g_malloc0(config_len ? config_len : 1);
    vdev->host_features = 1ull << VIRTIO_F_INDIRECT_DESC | 1ull << VIRTIO_F_EVENT_IDX;
}

VirtQueue *virtio_add_queue(VirtIODevice *vdev, uint16_t queue_size,
                            VirtQueueHandler *handle)
{
    VirtQueue *vq;

    assert(queue_size && queue_size <= VIRTQUEUE_MAX_SIZE &&
           !(queue_size & (queue_size - 1)));
    vdev->vq = g_renew(VirtQueue, vdev->vq, vdev->num_queues + 1);
    vq = &vdev->vq[vdev->num_queues];
    *vq = (VirtQueue) {
        .vdev = vdev,
        .index = vdev->num_queues,
        .num_max = queue_size,
        .num = queue_size,
        .handle = handle,
    };
    vdev->num_queues++;
    return vq;
}

bool virtio_plug(VirtIODevice *vdev, Error **errp)
{
    for (guint i = 0; virtio_buses && i < virtio_buses->len; i++) {
        VirtioBus *bus = virtio_buses->pdata[i];

        if (!bus->vdev) {
            bus->vdev = vdev;
            vdev->bus = bus;
            if (bus->plugged) {
                bus->plugged(bus->opaque);
            }
            return true;
        }
    }
    error_setg(errp, "no free virtio transport for %s (the machine has %u, all in use)",
               device_name(&vdev->parent), virtio_buses ? virtio_buses->len : 0);
    return false;
}

void virtio_cleanup(VirtIODevice *vdev)
{
    VirtioBus *bus = vdev->bus;

    if (bus) {
        if (bus->unplugged) {
            bus->unplugged(bus->opaque);
        }
        vdev->isr = 0;
        if (bus->update_irq) {
            bus->update_irq(bus->opaque);
        }
        bus->vdev = NULL;
        vdev->bus = NULL;
    }
    g_free(vdev->vq);
    vdev->vq = NULL;
    vdev->num_queues = 0;
    g_free(vdev->config);
    vdev->config = NULL;
}

static void virtio_update_irq(VirtIODevice *vdev)
{
    if (vdev->bus && vdev->bus->update_irq) {
        vdev->bus->update_irq(vdev->bus->opaque);
    }
}

void virtio_queue_reset(VirtQueue *vq)
{
    vq->ready = false;
    vq->num = vq->num_max;
    vq->desc = vq->avail = vq->used = 0;
    vq->last_avail_idx = vq->used_idx = 0;
    vq->signalled_used = 0;
    vq->signalled_used_valid = false;
}

void virtio_reset(VirtIODevice *vdev)
{
    if (vdev->ops->reset) {
        vdev->ops->reset(vdev);
    }
    vdev->status = 0;
    vdev->guest_features = 0;
    vdev->broken = false;
    vdev->isr = 0;
    for (unsigned i = 0; i < vdev->num_queues; i++) {
        virtio_queue_reset(&vdev->vq[i]);
    }
    virtio_update_irq(vdev);
}

void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
{
    va_list ap;

    if (log_enabled(log_guest_errors)) {
        g_autofree char *msg = NULL;

        va_start(ap, fmt);
        msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        log_printf("%s: %s (the device stops until it is reset)\n",
                   device_name(&vdev->parent), msg);
    }
    vdev->broken = true;
    if (vdev->bus && !vdev->bus->legacy) {
        vdev->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
        if (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) {
            virtio_notify_config(vdev);
        }
    }
}

/* ---- Features, status, config ---- */

uint64_t virtio_offered_features(VirtIODevice *vdev)
{
    if (vdev->bus && vdev->bus->legacy) {
        return vdev->host_features & 0xffffffffull;
    }
    return vdev->host_features | 1ull << VIRTIO_F_VERSION_1;
}

bool virtio_set_features(VirtIODevice *vdev, uint64_t features)
{
    uint64_t offered = virtio_offered_features(vdev);
    bool legacy = vdev->bus && vdev->bus->legacy;

    if (features & ~offered) {
        log_mask(log_guest_errors, "%s: driver accepts features 0x%" PRIx64
                 " that were not offered\n", device_name(&vdev->parent),
                 features & ~offered);
        return false;
    }
    if (!legacy && !virtio_has_feature(features, VIRTIO_F_VERSION_1)) {
        log_mask(log_guest_errors, "%s: driver does not accept VIRTIO_F_VERSION_1\n",
                 device_name(&vdev->parent));
        return false;
    }
    vdev->guest_features = features;
    return true;
}

void virtio_set_status(VirtIODevice *vdev, uint8_t status)
{
    if (status == 0) {
        virtio_reset(vdev);
        return;
    }
    /* NEEDS_RESET is the device's to set: keep ours, ignore the driver's. */
    vdev->status = (status & ~VIRTIO_CONFIG_S_NEEDS_RESET) |
                   (vdev->status & VIRTIO_CONFIG_S_NEEDS_RESET);
}

void virtio_isr_ack(VirtIODevice *vdev, uint8_t bits)
{
    vdev->isr &= ~bits;
    virtio_update_irq(vdev);
}

static void virtio_refresh_config(VirtIODevice *vdev)
{
    if (vdev->ops->get_config) {
        vdev->ops->get_config(vdev, vdev->config);
    }
}

static bool config_range_ok(VirtIODevice *vdev, uint32_t offset, unsigned size)
{
    if (offset > vdev->config_len || size > vdev->config_len - offset) {
        log_mask(log_guest_errors, "%s: config access of %u bytes at 0x%x beyond its %zu "
                 "bytes\n", device_name(&vdev->parent), size, offset, vdev->config_len);
        return false;
    }
    return true;
}

uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t offset, unsigned size)
{
    uint32_t value = 0;

    if (!config_range_ok(vdev, offset, size)) {
        return 0;
    }
    virtio_refresh_config(vdev);
    for (unsigned i = 0; i < size; i++) {
        value |= (uint32_t)vdev->config[offset + i] << (8 * i);
    }
    return value;
}

void virtio_config_write(VirtIODevice *vdev, uint32_t offset, uint32_t value,
                         unsigned size)
{
    if (!config_range_ok(vdev, offset, size)) {
        return;
    }
    virtio_refresh_config(vdev);
    for (unsigned i = 0; i < size; i++) {
        vdev->config[offset + i] = value >> (8 * i);
    }
    if (vdev->ops->set_config) {
        vdev->ops->set_config(vdev, vdev->config);
    }
}

/* ---- Ring fields (§2.7.6, §2.7.8) ---- */

static bool ring_load16(VirtQueue *vq, uint64_t addr, uint16_t *value, const char *what)
{
    MemTxResult res;

    *value = address_space_lduw_le(vq->vdev->dma_as, addr, ATTRS, &res);
    if (res != MEMTX_OK) {
        virtio_error(vq->vdev, "queue %u: cannot read %s at 0x%" PRIx64, vq->index, what,
                     addr);
        return false;
    }
    return true;
}

static bool ring_store(VirtQueue *vq, uint64_t addr, const void *buf, size_t len,
                       const char *what)
{
    if (address_space_write(vq->vdev->dma_as, addr, ATTRS, buf, len) != MEMTX_OK) {
        virtio_error(vq->vdev, "queue %u: cannot write %s at 0x%" PRIx64, vq->index, what,
                     addr);
        return false;
    }
    return true;
}

static uint64_t avail_idx_addr(VirtQueue *vq)
{
    return vq->avail + 2;
}

static uint64_t avail_ring_addr(VirtQueue *vq, uint16_t slot)
{
    return vq->avail + 4 + 2 * (uint64_t)slot;
}

/* used_event follows the avail ring; avail_event follows the used ring. */
static uint64_t used_event_addr(VirtQueue *vq)
{
    return avail_ring_addr(vq, vq->num);
}

static uint64_t avail_event_addr(VirtQueue *vq)
{
    return vq->used + 4 + VIRTQ_USED_ELEM_SIZE * (uint64_t)vq->num;
}

/* With EVENT_IDX: "notify me when you make slot `idx` available" (§2.7.10). */
static bool set_avail_event(VirtQueue *vq, uint16_t idx)
{
    uint8_t le[2] = { idx, idx >> 8 };

    return ring_store(vq, avail_event_addr(vq), le, sizeof(le), "avail_event");
}

/* ---- Popping requests ---- */

typedef struct VirtqDesc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
} VirtqDesc;

static bool read_desc(VirtQueue *vq, uint64_t table, unsigned i, VirtqDesc *desc)
{
    uint8_t raw[VIRTQ_DESC_SIZE];
    uint64_t addr = table + (uint64_t)i * VIRTQ_DESC_SIZE;

    if (address_space_read(vq->vdev->dma_as, addr, ATTRS, raw, sizeof(raw)) != MEMTX_OK) {
        virtio_error(vq->vdev, "queue %u: descriptor %u at 0x%" PRIx64 " is outside memory",
                     vq->index, i, addr);
        return false;
    }
    desc->addr = ld64_le_p(raw);
    desc->len = ld32_le_p(raw + 8);
    desc->flags = ld16_le_p(raw + 12);
    desc->next = ld16_le_p(raw + 14);
    return true;
}

static bool add_buffer(VirtQueue *vq, VirtQueueElement *elem, const VirtqDesc *desc)
{
    bool writable = desc->flags & VIRTQ_DESC_F_WRITE;
    VirtioSg sg = { .addr = desc->addr, .len = desc->len };

    if (!writable && elem->in->len) {
        virtio_error(vq->vdev, "queue %u: chain %u has a readable buffer after a writable one",
                     vq->index, elem->head);
        return false;
    }
    if (desc->len && !address_space_access_valid(vq->vdev->dma_as, desc->addr, desc->len,
                                                 writable, ATTRS)) {
        virtio_error(vq->vdev, "queue %u: chain %u has a buffer at 0x%" PRIx64 "+0x%x "
                     "outside guest memory", vq->index, elem->head, desc->addr, desc->len);
        return false;
    }
    if (writable) {
        g_array_append_val(elem->in, sg);
        elem->in_len += sg.len;
    } else {
        g_array_append_val(elem->out, sg);
        elem->out_len += sg.len;
    }
    return true;
}

/*
 * Walks the chain starting at `head` (§2.7.5, §2.7.5.3): direct descriptors,
 * or an indirect table named by the head descriptor.
 */
static bool walk_chain(VirtQueue *vq, VirtQueueElement *elem)
{
    uint64_t table = vq->desc;
    unsigned table_size = vq->num;
    unsigned i = elem->head, visited = 0;
    bool indirect = false;
    VirtqDesc desc;

    for (;;) {
        if (!read_desc(vq, table, i, &desc)) {
            return false;
        }
        if (desc.flags & VIRTQ_DESC_F_INDIRECT) {
            if (indirect || visited || (desc.flags & VIRTQ_DESC_F_NEXT)) {
                virtio_error(vq->vdev, "queue %u: chain %u: an indirect descriptor must be "
                             "alone at the head of a direct chain", vq->index, elem->head);
                return false;
            }
            if (!desc.len || desc.len % VIRTQ_DESC_SIZE ||
                desc.len / VIRTQ_DESC_SIZE > VIRTQUEUE_MAX_SIZE) {
                virtio_error(vq->vdev, "queue %u: chain %u: indirect table of %u bytes",
                             vq->index, elem->head, desc.len);
                return false;
            }
            table = desc.addr;
            table_size = desc.len / VIRTQ_DESC_SIZE;
            indirect = true;
            i = 0;
            continue;
        }
        if (++visited > table_size) {
            virtio_error(vq->vdev, "queue %u: chain %u loops or is longer than its table "
                         "(%u descriptors)", vq->index, elem->head, table_size);
            return false;
        }
        if (!add_buffer(vq, elem, &desc)) {
            return false;
        }
        if (!(desc.flags & VIRTQ_DESC_F_NEXT)) {
            return true;
        }
        i = desc.next;
        if (i >= table_size) {
            virtio_error(vq->vdev, "queue %u: chain %u: next descriptor %u beyond the "
                         "table's %u", vq->index, elem->head, i, table_size);
            return false;
        }
    }
}

static bool queue_usable(VirtQueue *vq)
{
    return vq->ready && !vq->vdev->broken && vq->desc && vq->avail && vq->used;
}

/* Whether the driver made requests available beyond last_avail_idx; sets *avail_idx. */
static bool queue_has_work(VirtQueue *vq, uint16_t *avail_idx)
{
    if (!ring_load16(vq, avail_idx_addr(vq), avail_idx, "avail->idx")) {
        return false;
    }
    if ((uint16_t)(*avail_idx - vq->last_avail_idx) > vq->num) {
        virtio_error(vq->vdev, "queue %u: avail->idx %u is more than %u ahead of %u",
                     vq->index, *avail_idx, vq->num, vq->last_avail_idx);
        return false;
    }
    return *avail_idx != vq->last_avail_idx;
}

VirtQueueElement *virtqueue_pop(VirtQueue *vq)
{
    VirtIODevice *vdev = vq->vdev;
    bool event_idx = virtio_vdev_has_feature(vdev, VIRTIO_F_EVENT_IDX);
    VirtQueueElement *elem;
    uint16_t avail_idx, head;

    if (!queue_usable(vq)) {
        return NULL;
    }
    if (!queue_has_work(vq, &avail_idx)) {
        if (!event_idx || vdev->broken) {
            return NULL;
        }
        /* Ask for a kick at the next request, then look again: it may have raced. */
        if (!set_avail_event(vq, vq->last_avail_idx)) {
            return NULL;
        }
        virtio_mb();
        if (!queue_has_work(vq, &avail_idx)) {
            return NULL;
        }
    }
    virtio_rmb();   /* the ring entry and descriptors after avail->idx */
    if (!ring_load16(vq, avail_ring_addr(vq, vq->last_avail_idx % vq->num), &head,
                     "avail ring")) {
        return NULL;
    }
    if (head >= vq->num) {
        virtio_error(vdev, "queue %u: avail ring names descriptor %u of %u", vq->index,
                     head, vq->num);
        return NULL;
    }
    elem = g_new0(VirtQueueElement, 1);
    elem->head = head;
    elem->out = g_array_new(false, false, sizeof(VirtioSg));
    elem->in = g_array_new(false, false, sizeof(VirtioSg));
    if (!walk_chain(vq, elem)) {
        virtqueue_elem_free(elem);
        return NULL;
    }
    vq->last_avail_idx++;
    if (event_idx) {
        set_avail_event(vq, vq->last_avail_idx);
    }
    return elem;
}

void virtqueue_elem_free(VirtQueueElement *elem)
{
    if (elem) {
        g_array_free(elem->out, true);
        g_array_free(elem->in, true);
        g_free(elem);
    }
}

void virtqueue_push(VirtQueue *vq, const VirtQueueElement *elem, uint32_t len)
{
    uint8_t used_elem[VIRTQ_USED_ELEM_SIZE];
    uint16_t slot = vq->used_idx % vq->num;
    uint8_t idx[2];

    if (vq->vdev->broken) {
        return;
    }
    st32_le_p(used_elem, elem->head);
    st32_le_p(used_elem + 4, len);
    if (!ring_store(vq, vq->used + 4 + (uint64_t)slot * VIRTQ_USED_ELEM_SIZE, used_elem,
                    sizeof(used_elem), "used ring")) {
        return;
    }
    virtio_wmb();   /* the element before the index that publishes it */
    vq->used_idx++;
    st16_le_p(idx, vq->used_idx);
    ring_store(vq, vq->used + 2, idx, sizeof(idx), "used->idx");
}

/* §2.7.10: (new - event - 1) < (new - old), all modulo 2^16. */
static bool vring_need_event(uint16_t event, uint16_t new_idx, uint16_t old)
{
    return (uint16_t)(new_idx - event - 1) < (uint16_t)(new_idx - old);
}

static bool should_notify(VirtQueue *vq)
{
    uint16_t flags, event, old;
    bool valid;

    virtio_mb();    /* our used->idx store before the driver's suppression fields */
    if (!virtio_vdev_has_feature(vq->vdev, VIRTIO_F_EVENT_IDX)) {
        return ring_load16(vq, vq->avail, &flags, "avail->flags") &&
               !(flags & VIRTQ_AVAIL_F_NO_INTERRUPT);
    }
    old = vq->signalled_used;
    valid = vq->signalled_used_valid;
    vq->signalled_used = vq->used_idx;
    vq->signalled_used_valid = true;
    if (!ring_load16(vq, used_event_addr(vq), &event, "used_event")) {
        return false;
    }
    return !valid || vring_need_event(event, vq->used_idx, old);
}

void virtio_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    if (vdev->broken || !vq->ready || !should_notify(vq)) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_QUEUE;
    virtio_update_irq(vdev);
}

void virtio_notify_config(VirtIODevice *vdev)
{
    vdev->config_generation++;
    vdev->isr |= VIRTIO_ISR_CONFIG;
    virtio_update_irq(vdev);
}

void virtio_queue_notify(VirtIODevice *vdev, unsigned n)
{
    VirtQueue *vq;

    if (n >= vdev->num_queues) {
        log_mask(log_guest_errors, "%s: notify of queue %u; it has %u\n",
                 device_name(&vdev->parent), n, vdev->num_queues);
        return;
    }
    vq = &vdev->vq[n];
    if (queue_usable(vq) && vq->handle) {
        vq->handle(vdev, vq);
    }
}

/* ---- Request data ---- */

/* Copies len bytes at offset of the sg list to or from buf. */
static bool sg_copy(VirtIODevice *vdev, GArray *sgs, uint64_t offset, void *buf,
                    size_t len, bool to_guest)
{
    uint8_t *p = buf;

    for (guint i = 0; i < sgs->len && len; i++) {
        const VirtioSg *sg = &g_array_index(sgs, VirtioSg, i);
        uint64_t part;
        MemTxResult res;

        if (offset >= sg->len) {
            offset -= sg->len;
            continue;
        }
        part = MIN((uint64_t)len, sg->len - offset);
        if (to_guest) {
            res = dma_memory_write(vdev->dma_as, sg->addr + offset, p, part, ATTRS);
        } else {
            res = dma_memory_read(vdev->dma_as, sg->addr + offset, p, part, ATTRS);
        }
        if (res != MEMTX_OK) {
            virtio_error(vdev, "DMA %s guest buffer 0x%" PRIx64 "+0x%" PRIx64 " failed",
                         to_guest ? "to" : "from", sg->addr + offset, part);
            return false;
        }
        p += part;
        len -= part;
        offset = 0;
    }
    return len == 0;
}

bool virtqueue_elem_read(VirtIODevice *vdev, const VirtQueueElement *elem,
                         uint64_t offset, void *buf, size_t len)
{
    return sg_copy(vdev, elem->out, offset, buf, len, false);
}

bool virtqueue_elem_write(VirtIODevice *vdev, const VirtQueueElement *elem,
                          uint64_t offset, const void *buf, size_t len)
{
    return sg_copy(vdev, elem->in, offset, (void *)buf, len, true);
}

/* ---- Transports ---- */

void virtio_bus_register(VirtioBus *bus)
{
    if (!virtio_buses) {
        virtio_buses = g_ptr_array_new();
    }
    g_ptr_array_add(virtio_buses, bus);
}

void virtio_bus_unregister(VirtioBus *bus)
{
    if (virtio_buses) {
        g_ptr_array_remove(virtio_buses, bus);
        if (!virtio_buses->len) {
            g_ptr_array_free(virtio_buses, true);
            virtio_buses = NULL;
        }
    }
}
