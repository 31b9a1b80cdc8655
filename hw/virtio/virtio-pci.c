/*
 * virtio-pci, modern (virtio 1.2 §4.1; hw/virtio/virtio-pci.h has the
 * layout). One proxy class, virtio-X-pci, per virtio device class.
 *
 * The driver finds the four structures through vendor capabilities
 * (§4.1.4) and negotiates as on virtio-mmio: 64 feature bits read and
 * written through 32-bit select/value pairs, taking effect at FEATURES_OK
 * (refused, and read back clear, if the driver accepted something not
 * offered or lacks VERSION_1, §3.1.1). Queues get their size, three 64-bit
 * ring addresses (as 32-bit halves) and queue_enable; ring addresses and
 * size are frozen while a queue is enabled. Reading the ISR byte returns
 * and clears it (§4.1.4.5), which lowers INTx. The PCI configuration
 * access capability (§4.1.4.8) reaches the same BAR through config space.
 *
 * Interrupts are INTx only: the level is "ISR is not zero". MSI-X needs an
 * MSI controller (GICv2m or an ITS) the virt board does not have yet, so
 * there is no MSI-X capability and the vector fields read NO_VECTOR; Linux
 * then uses one shared INTx handler for config changes and all queues.
 *
 * The device's DMA goes through the PCI bus-master address space, so a
 * driver that has not enabled bus mastering gets a failed request (the
 * device breaks, as virtio does on any bad DMA) instead of silent access.
 *
 * The virtio core plugs a device into the first free transport slot;
 * virtio-pci registers its slot before realizing its child and then moves
 * the child into it if the core chose another one (a free virtio-mmio
 * slot). virtio_plug_into() in the core would make that direct.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bitops.h"
#include "util/bswap.h"
#include "util/log.h"
#include "hw/virtio/virtio-pci.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-blk.h"
#include "hw/virtio/virtio-net.h"
#include "hw/virtio/virtio-rng.h"

#define VIRTIO_PCI_MAX_FWD  12
#define VIRTIO_PCI_SUBSYSTEM_ID 0x1100          /* as QEMU's modern devices */

typedef struct VirtIOPCIProxy {
    PCIDevice pci;                      /* first: PCIDevice starts with the DeviceState */
    char *fwd[VIRTIO_PCI_MAX_FWD];      /* child properties, as typed */

    DeviceState *child;                 /* the virtio-X-device */
    VirtioBus bus;
    char *bus_name;
    MemoryRegion bar;                   /* container of the four below */
    MemoryRegion common;
    MemoryRegion isr;
    MemoryRegion device;
    MemoryRegion notify;
    uint8_t cfg_cap;                    /* offset of the PCI configuration access cap */

    uint32_t dfselect;
    uint32_t gfselect;
    uint64_t driver_features;           /* staged until FEATURES_OK */
    uint16_t queue_sel;
} VirtIOPCIProxy;

/* Which virtio device a proxy class wraps. */
typedef struct VirtIOPCIInfo {
    const DeviceClass *vdev_class;
} VirtIOPCIInfo;

static VirtIOPCIProxy *proxy_of(PCIDevice *pci)
{
    return container_of(pci, VirtIOPCIProxy, pci);
}

static VirtIODevice *proxy_vdev(VirtIOPCIProxy *s)
{
    return s->bus.vdev;
}

static VirtQueue *selected_queue(VirtIOPCIProxy *s)
{
    VirtIODevice *vdev = proxy_vdev(s);

    return s->queue_sel < vdev->num_queues ? &vdev->vq[s->queue_sel] : NULL;
}

/* ---- Common configuration (§4.1.4.3) ---- */

/* The structure as the driver reads it; reads have no side effects. */
static void common_snapshot(VirtIOPCIProxy *s, uint8_t *cfg)
{
    VirtIODevice *vdev = proxy_vdev(s);
    VirtQueue *vq = selected_queue(s);

    memset(cfg, 0, VIRTIO_PCI_COMMON_SIZEOF);
    st32_le_p(cfg + VIRTIO_PCI_COMMON_DFSELECT, s->dfselect);
    if (s->dfselect <= 1) {
        st32_le_p(cfg + VIRTIO_PCI_COMMON_DF,
                  virtio_offered_features(vdev) >> (32 * s->dfselect));
    }
    st32_le_p(cfg + VIRTIO_PCI_COMMON_GFSELECT, s->gfselect);
    if (s->gfselect <= 1) {
        st32_le_p(cfg + VIRTIO_PCI_COMMON_GF, s->driver_features >> (32 * s->gfselect));
    }
    st16_le_p(cfg + VIRTIO_PCI_COMMON_MSIX, VIRTIO_MSI_NO_VECTOR);
    st16_le_p(cfg + VIRTIO_PCI_COMMON_NUMQ, vdev->num_queues);
    cfg[VIRTIO_PCI_COMMON_STATUS] = vdev->status;
    cfg[VIRTIO_PCI_COMMON_CFGGENERATION] = vdev->config_generation;
    st16_le_p(cfg + VIRTIO_PCI_COMMON_Q_SELECT, s->queue_sel);
    st16_le_p(cfg + VIRTIO_PCI_COMMON_Q_MSIX, VIRTIO_MSI_NO_VECTOR);
    if (vq) {
        st16_le_p(cfg + VIRTIO_PCI_COMMON_Q_SIZE, vq->num);
        st16_le_p(cfg + VIRTIO_PCI_COMMON_Q_ENABLE, vq->ready);
        st16_le_p(cfg + VIRTIO_PCI_COMMON_Q_NOFF, vq->index);
        st64_le_p(cfg + VIRTIO_PCI_COMMON_Q_DESCLO, vq->desc);
        st64_le_p(cfg + VIRTIO_PCI_COMMON_Q_AVAILLO, vq->avail);
        st64_le_p(cfg + VIRTIO_PCI_COMMON_Q_USEDLO, vq->used);
    }
}

static uint64_t common_read(void *opaque, hwaddr addr, unsigned size)
{
    VirtIOPCIProxy *s = opaque;
    uint8_t cfg[VIRTIO_PCI_COMMON_SIZEOF];

    if (!proxy_vdev(s) || addr + size > VIRTIO_PCI_COMMON_SIZEOF) {
        return 0;
    }
    common_snapshot(s, cfg);
    return ldn_p(cfg + addr, size, false);
}

static void reset_transport(VirtIOPCIProxy *s)
{
    s->dfselect = 0;
    s->gfselect = 0;
    s->driver_features = 0;
    s->queue_sel = 0;
}

static void write_status(VirtIOPCIProxy *s, VirtIODevice *vdev, uint8_t status)
{
    if (status == 0) {
        virtio_reset(vdev);
        reset_transport(s);
        return;
    }
    if ((status & VIRTIO_CONFIG_S_FEATURES_OK) &&
        !(vdev->status & VIRTIO_CONFIG_S_FEATURES_OK) &&
        !virtio_set_features(vdev, s->driver_features)) {
        /* Refused: the driver reads the bit back as 0 (§3.1.1 step 6). */
        status &= ~VIRTIO_CONFIG_S_FEATURES_OK;
    }
    virtio_set_status(vdev, status);
}

static void set_ring_half(VirtIOPCIProxy *s, VirtQueue *vq, uint64_t *field, hwaddr reg,
                          uint32_t value)
{
    if (vq->ready) {
        log_mask(log_guest_errors, "%s: queue %u: ring address written while enabled\n",
                 s->bus_name, vq->index);
        return;
    }
    *field = deposit64(*field, reg & 4 ? 32 : 0, 32, value);
}

static void write_queue_field(VirtIOPCIProxy *s, hwaddr addr, uint32_t value)
{
    VirtQueue *vq = selected_queue(s);

    if (!vq) {
        log_mask(log_guest_errors, "%s: register 0x%" HWADDR_PRIx " of queue %u; the "
                 "device has %u\n", s->bus_name, addr, s->queue_sel,
                 proxy_vdev(s)->num_queues);
        return;
    }
    switch (addr) {
    case VIRTIO_PCI_COMMON_Q_SIZE:
        if (vq->ready || !value || value > vq->num_max || (value & (value - 1))) {
            log_mask(log_guest_errors, "%s: queue %u: size %u (a power of 2 up to %u, "
                     "while disabled)\n", s->bus_name, vq->index, value, vq->num_max);
            return;
        }
        vq->num = value;
        break;
    case VIRTIO_PCI_COMMON_Q_ENABLE:
        if (value != 1) {
            /* §4.1.4.3.2: the driver MUST NOT write 0 (queue_reset does that). */
            log_mask(log_guest_errors, "%s: queue %u: queue_enable written with %u\n",
                     s->bus_name, vq->index, value);
            return;
        }
        vq->ready = true;
        break;
    case VIRTIO_PCI_COMMON_Q_DESCLO:
    case VIRTIO_PCI_COMMON_Q_DESCHI:
        set_ring_half(s, vq, &vq->desc, addr, value);
        break;
    case VIRTIO_PCI_COMMON_Q_AVAILLO:
    case VIRTIO_PCI_COMMON_Q_AVAILHI:
        set_ring_half(s, vq, &vq->avail, addr, value);
        break;
    case VIRTIO_PCI_COMMON_Q_USEDLO:
    case VIRTIO_PCI_COMMON_Q_USEDHI:
        set_ring_half(s, vq, &vq->used, addr, value);
        break;
    default:
        g_assert_not_reached();
    }
}

/* The width of each writable field; 0: read-only or padding. */
static unsigned common_field_size(hwaddr addr)
{
    switch (addr) {
    case VIRTIO_PCI_COMMON_DFSELECT:
    case VIRTIO_PCI_COMMON_GFSELECT:
    case VIRTIO_PCI_COMMON_GF:
    case VIRTIO_PCI_COMMON_Q_DESCLO:
    case VIRTIO_PCI_COMMON_Q_DESCHI:
    case VIRTIO_PCI_COMMON_Q_AVAILLO:
    case VIRTIO_PCI_COMMON_Q_AVAILHI:
    case VIRTIO_PCI_COMMON_Q_USEDLO:
    case VIRTIO_PCI_COMMON_Q_USEDHI:
        return 4;
    case VIRTIO_PCI_COMMON_MSIX:
    case VIRTIO_PCI_COMMON_Q_SELECT:
    case VIRTIO_PCI_COMMON_Q_SIZE:
    case VIRTIO_PCI_COMMON_Q_MSIX:
    case VIRTIO_PCI_COMMON_Q_ENABLE:
        return 2;
    case VIRTIO_PCI_COMMON_STATUS:
        return 1;
    default:
        return 0;
    }
}

static void common_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    VirtIOPCIProxy *s = opaque;
    VirtIODevice *vdev = proxy_vdev(s);

    if (!vdev) {
        return;
    }
    if (common_field_size(addr) != size) {
        log_mask(log_guest_errors, "%s: %u-byte write of 0x%" PRIx64 " to common config "
                 "0x%" HWADDR_PRIx " (read-only, or not that field's width)\n", s->bus_name,
                 size, value, addr);
        return;
    }
    switch (addr) {
    case VIRTIO_PCI_COMMON_DFSELECT:
        s->dfselect = value;
        break;
    case VIRTIO_PCI_COMMON_GFSELECT:
        s->gfselect = value;
        break;
    case VIRTIO_PCI_COMMON_GF:
        if (s->gfselect > 1) {
            if (value) {
                log_mask(log_guest_errors, "%s: driver features word %u: 0x%" PRIx64 "\n",
                         s->bus_name, s->gfselect, value);
            }
            break;
        }
        s->driver_features = deposit64(s->driver_features, 32 * s->gfselect, 32, value);
        break;
    case VIRTIO_PCI_COMMON_MSIX:
    case VIRTIO_PCI_COMMON_Q_MSIX:
        /* No MSI-X: the field keeps reading NO_VECTOR, which tells the driver. */
        break;
    case VIRTIO_PCI_COMMON_STATUS:
        write_status(s, vdev, value);
        break;
    case VIRTIO_PCI_COMMON_Q_SELECT:
        s->queue_sel = value;
        break;
    default:
        write_queue_field(s, addr, value);
        break;
    }
}

/* ---- ISR, device configuration, notifications ---- */

static uint64_t isr_read(void *opaque, hwaddr addr, unsigned size)
{
    VirtIOPCIProxy *s = opaque;
    VirtIODevice *vdev = proxy_vdev(s);
    uint8_t isr;

    if (!vdev || addr != 0) {
        return 0;
    }
    isr = vdev->isr;
    virtio_isr_ack(vdev, isr);
    return isr;
}

static void isr_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    VirtIOPCIProxy *s = opaque;

    log_mask(log_guest_errors, "%s: write of 0x%" PRIx64 " to the ISR status\n",
             s->bus_name, value);
}

static uint64_t device_read(void *opaque, hwaddr addr, unsigned size)
{
    VirtIOPCIProxy *s = opaque;

    return proxy_vdev(s) ? virtio_config_read(proxy_vdev(s), addr, size) : 0;
}

static void device_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    VirtIOPCIProxy *s = opaque;

    if (proxy_vdev(s)) {
        virtio_config_write(proxy_vdev(s), addr, value, size);
    }
}

static uint64_t notify_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

/* The address names the queue (queue_notify_off * multiplier, §4.1.4.4). */
static void notify_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    VirtIOPCIProxy *s = opaque;
    VirtIODevice *vdev = proxy_vdev(s);
    unsigned queue = addr / VIRTIO_PCI_NOTIFY_MULT;

    if (!vdev) {
        return;
    }
    if (addr % VIRTIO_PCI_NOTIFY_MULT || queue >= vdev->num_queues) {
        log_mask(log_guest_errors, "%s: notification at 0x%" HWADDR_PRIx " names no queue\n",
                 s->bus_name, addr);
        return;
    }
    virtio_queue_notify(vdev, queue);
}

static const MemoryRegionOps common_ops = {
    .read = common_read,
    .write = common_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static const MemoryRegionOps isr_ops = {
    .read = isr_read,
    .write = isr_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static const MemoryRegionOps device_ops = {
    .read = device_read,
    .write = device_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static const MemoryRegionOps notify_ops = {
    .read = notify_read,
    .write = notify_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- The PCI configuration access capability (§4.1.4.8) ---- */

/* One access to BAR 4 on behalf of pci_cfg_data; false: not a valid window. */
static bool cfg_window_access(VirtIOPCIProxy *s, uint32_t *data, bool is_write)
{
    const uint8_t *cap = s->pci.config + s->cfg_cap;
    uint32_t offset = ld32_le_p(cap + VIRTIO_PCI_CAP_OFFSET);
    uint32_t len = ld32_le_p(cap + VIRTIO_PCI_CAP_LENGTH);
    static const struct {
        uint32_t base;
        const MemoryRegionOps *ops;
    } regions[] = {
        { VIRTIO_PCI_COMMON_OFFSET, &common_ops },
        { VIRTIO_PCI_ISR_OFFSET, &isr_ops },
        { VIRTIO_PCI_DEVICE_OFFSET, &device_ops },
        { VIRTIO_PCI_NOTIFY_OFFSET, &notify_ops },
    };

    if (cap[VIRTIO_PCI_CAP_BAR] != VIRTIO_PCI_BAR || (len != 1 && len != 2 && len != 4) ||
        offset % len || offset >= VIRTIO_PCI_BAR_SIZE) {
        return false;
    }
    for (size_t i = 0; i < ARRAY_SIZE(regions); i++) {
        uint32_t rel = offset - regions[i].base;

        if (offset >= regions[i].base && rel < VIRTIO_PCI_REGION_SIZE) {
            if (is_write) {
                regions[i].ops->write(s, rel, extract32(*data, 0, 8 * len), len);
            } else {
                *data = regions[i].ops->read(s, rel, len);
            }
            return true;
        }
    }
    return false;
}

static bool touches_cfg_data(VirtIOPCIProxy *s, uint32_t addr, unsigned len)
{
    uint32_t data = s->cfg_cap + VIRTIO_PCI_CFG_CAP_DATA;

    return s->cfg_cap && addr < data + 4 && data < addr + len;
}

static uint32_t virtio_pci_config_read(PCIDevice *pci, uint32_t addr, unsigned len)
{
    VirtIOPCIProxy *s = proxy_of(pci);

    if (touches_cfg_data(s, addr, len)) {
        uint32_t data = 0;

        if (cfg_window_access(s, &data, false)) {
            st32_le_p(pci->config + s->cfg_cap + VIRTIO_PCI_CFG_CAP_DATA, data);
        }
    }
    return pci_default_config_read(pci, addr, len);
}

static void virtio_pci_config_write(PCIDevice *pci, uint32_t addr, uint32_t val, unsigned len)
{
    VirtIOPCIProxy *s = proxy_of(pci);

    pci_default_config_write(pci, addr, val, len);
    if (touches_cfg_data(s, addr, len)) {
        uint32_t data = ld32_le_p(pci->config + s->cfg_cap + VIRTIO_PCI_CFG_CAP_DATA);

        cfg_window_access(s, &data, true);
    }
}

/* ---- Capabilities ---- */

static uint8_t add_virtio_cap(PCIDevice *pci, uint8_t cfg_type, uint8_t len, uint32_t offset,
                              uint32_t length, Error **errp)
{
    uint8_t pos = pci_add_capability(pci, PCI_CAP_ID_VNDR, 0, len, errp);
    uint8_t *cap = pci->config + pos;

    if (!pos) {
        return 0;
    }
    cap[VIRTIO_PCI_CAP_LEN] = len;
    cap[VIRTIO_PCI_CAP_CFG_TYPE] = cfg_type;
    cap[VIRTIO_PCI_CAP_BAR] = VIRTIO_PCI_BAR;
    st32_le_p(cap + VIRTIO_PCI_CAP_OFFSET, offset);
    st32_le_p(cap + VIRTIO_PCI_CAP_LENGTH, length);
    return pos;
}

static bool add_caps(VirtIOPCIProxy *s, Error **errp)
{
    PCIDevice *pci = &s->pci;
    uint8_t notify, cfg;

    if (!add_virtio_cap(pci, VIRTIO_PCI_CAP_COMMON_CFG, VIRTIO_PCI_CAP_SIZEOF,
                        VIRTIO_PCI_COMMON_OFFSET, VIRTIO_PCI_REGION_SIZE, errp) ||
        !add_virtio_cap(pci, VIRTIO_PCI_CAP_ISR_CFG, VIRTIO_PCI_CAP_SIZEOF,
                        VIRTIO_PCI_ISR_OFFSET, VIRTIO_PCI_REGION_SIZE, errp) ||
        !add_virtio_cap(pci, VIRTIO_PCI_CAP_DEVICE_CFG, VIRTIO_PCI_CAP_SIZEOF,
                        VIRTIO_PCI_DEVICE_OFFSET, VIRTIO_PCI_REGION_SIZE, errp)) {
        return false;
    }
    notify = add_virtio_cap(pci, VIRTIO_PCI_CAP_NOTIFY_CFG, VIRTIO_PCI_CAP2_SIZEOF,
                            VIRTIO_PCI_NOTIFY_OFFSET, VIRTIO_PCI_REGION_SIZE, errp);
    if (!notify) {
        return false;
    }
    st32_le_p(pci->config + notify + VIRTIO_PCI_NOTIFY_CAP_MULT, VIRTIO_PCI_NOTIFY_MULT);
    /* bar, offset and length choose the window; data is the window (§4.1.4.8). */
    cfg = add_virtio_cap(pci, VIRTIO_PCI_CAP_PCI_CFG, VIRTIO_PCI_CAP2_SIZEOF, 0, 0, errp);
    if (!cfg) {
        return false;
    }
    s->cfg_cap = cfg;
    pci->config[s->cfg_cap + VIRTIO_PCI_CAP_BAR] = 0;
    pci->wmask[s->cfg_cap + VIRTIO_PCI_CAP_BAR] = 0xff;
    memset(pci->wmask + s->cfg_cap + VIRTIO_PCI_CAP_OFFSET, 0xff, 12);
    return pcie_endpoint_cap_init(pci, 0, errp) != 0;
}

/* ---- The transport slot and the child device ---- */

static void proxy_update_irq(void *opaque)
{
    VirtIOPCIProxy *s = opaque;

    pci_set_irq(&s->pci, s->bus.vdev && s->bus.vdev->isr);
}

/*
 * Puts the just-realized child into our slot if virtio_plug() chose
 * another free one, undoing the plug there as virtio_cleanup() would.
 */
static void adopt_child(VirtIOPCIProxy *s, VirtIODevice *vdev)
{
    VirtioBus *other = vdev->bus;

    if (other != &s->bus) {
        assert(other && !s->bus.vdev);
        if (other->unplugged) {
            other->unplugged(other->opaque);
        }
        other->vdev = NULL;
        s->bus.vdev = vdev;
        vdev->bus = &s->bus;
    }
    vdev->dma_as = pci_get_address_space(&s->pci);
}

static bool realize_child(VirtIOPCIProxy *s, Error **errp)
{
    const PCIDeviceClass *pc = pci_device_get_class(&s->pci);
    const VirtIOPCIInfo *info = pc->class_data;
    const Property *props = pc->dc.props;
    size_t fwd_start = offsetof(VirtIOPCIProxy, fwd);
    DeviceState *child = device_new(info->vdev_class);

    for (const Property *p = props; p->name; p++) {
        char *text;

        if (p->offset < fwd_start || p->offset >= fwd_start + sizeof(s->fwd)) {
            continue;       /* the proxy's own (addr) */
        }
        text = *(char **)((char *)s + p->offset);
        if (text && !device_set_prop(child, p->name, text, errp)) {
            device_destroy(child);
            return false;
        }
    }
    if (!device_realize(child, &s->pci.parent, errp)) {
        device_destroy(child);
        return false;
    }
    s->child = child;
    adopt_child(s, virtio_device(child));
    return true;
}

static void free_bar(VirtIOPCIProxy *s)
{
    MemoryRegion *parts[] = { &s->common, &s->isr, &s->device, &s->notify };

    for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
        memory_region_del_subregion(&s->bar, parts[i]);
        memory_region_finalize(parts[i]);
    }
    memory_region_finalize(&s->bar);
    g_free(s->bus_name);
    s->bus_name = NULL;
}

static bool virtio_pci_realize(PCIDevice *pci, Error **errp)
{
    VirtIOPCIProxy *s = proxy_of(pci);

    s->bus_name = g_strdup_printf("%s@%02x.%x", device_name(&pci->parent),
                                  PCI_SLOT(pci->devfn), PCI_FUNC(pci->devfn));
    s->bus = (VirtioBus) {
        .name = s->bus_name,
        .opaque = s,
        .update_irq = proxy_update_irq,
    };
    pci->config[PCI_INTERRUPT_PIN] = 1;     /* INTA */
    memory_region_init(&s->bar, "virtio-pci", VIRTIO_PCI_BAR_SIZE);
    memory_region_init_io(&s->common, &common_ops, s, "virtio-pci-common",
                          VIRTIO_PCI_REGION_SIZE);
    memory_region_init_io(&s->isr, &isr_ops, s, "virtio-pci-isr", VIRTIO_PCI_REGION_SIZE);
    memory_region_init_io(&s->device, &device_ops, s, "virtio-pci-device",
                          VIRTIO_PCI_REGION_SIZE);
    memory_region_init_io(&s->notify, &notify_ops, s, "virtio-pci-notify",
                          VIRTIO_PCI_REGION_SIZE);
    memory_region_add_subregion(&s->bar, VIRTIO_PCI_COMMON_OFFSET, &s->common);
    memory_region_add_subregion(&s->bar, VIRTIO_PCI_ISR_OFFSET, &s->isr);
    memory_region_add_subregion(&s->bar, VIRTIO_PCI_DEVICE_OFFSET, &s->device);
    memory_region_add_subregion(&s->bar, VIRTIO_PCI_NOTIFY_OFFSET, &s->notify);
    pci_register_bar(pci, VIRTIO_PCI_BAR, PCI_BASE_ADDRESS_MEM_TYPE_64 |
                     PCI_BASE_ADDRESS_MEM_PREFETCH, &s->bar);

    /* Our slot first, so virtio_plug() always finds one free. */
    virtio_bus_register(&s->bus);
    if (!add_caps(s, errp) || !realize_child(s, errp)) {
        virtio_bus_unregister(&s->bus);
        free_bar(s);        /* never mapped: decoding is off until reset and a driver */
        return false;
    }
    return true;
}

/* The child went first (a child in the reset tree), leaving our slot empty. */
static void virtio_pci_exit(PCIDevice *pci)
{
    VirtIOPCIProxy *s = proxy_of(pci);

    if (s->bus.vdev) {
        s->bus.vdev->bus = NULL;
        s->bus.vdev = NULL;
    }
    virtio_bus_unregister(&s->bus);
    free_bar(s);        /* pci_device_unrealize unmapped the BAR before calling us */
}

static void virtio_pci_reset(PCIDevice *pci)
{
    VirtIOPCIProxy *s = proxy_of(pci);

    reset_transport(s);
    if (s->bus.vdev) {
        virtio_reset(s->bus.vdev);
    }
    proxy_update_irq(s);
}

/* ---- The classes ---- */

#define VIRTIO_PCI_FWD_PROP(_name, _n, _desc) \
    DEFINE_PROP_STRING(_name, VirtIOPCIProxy, fwd[_n], NULL, _desc)

#define VIRTIO_PCI_CLASS(_name, _desc, _category, _props, _id, _class, _info)     \
    {                                                                               \
        .dc = {                                                                     \
            .name = (_name), .desc = (_desc), .category = (_category),              \
            .instance_size = sizeof(VirtIOPCIProxy), .props = (_props),             \
            .user_creatable = true, PCI_DEVICE_CLASS_CALLBACKS,                     \
        },                                                                          \
        .vendor_id = PCI_VENDOR_ID_REDHAT_QUMRANET,                                 \
        .device_id = VIRTIO_PCI_DEVICE_ID_BASE + (_id),                             \
        .revision = 1,                                                              \
        .class_id = (_class),                                                       \
        .subsystem_vendor_id = PCI_VENDOR_ID_REDHAT_QUMRANET,                       \
        .subsystem_id = VIRTIO_PCI_SUBSYSTEM_ID,                                    \
        .is_express = true,                                                         \
        .class_data = (_info),                                                      \
        .realize = virtio_pci_realize,                                              \
        .exit = virtio_pci_exit,                                                    \
        .reset = virtio_pci_reset,                                                  \
        .config_read = virtio_pci_config_read,                                      \
        .config_write = virtio_pci_config_write,                                    \
    }

static const VirtIOPCIInfo blk_info = { .vdev_class = &virtio_blk_device_class };
static const Property blk_pci_props[] = {
    DEFINE_PCI_DEVICE_PROPS,
    VIRTIO_PCI_FWD_PROP("drive", 0, "the disk image (a -drive id)"),
    VIRTIO_PCI_FWD_PROP("serial", 1, "what GET_ID answers (at most 20 characters)"),
    VIRTIO_PCI_FWD_PROP("queue-size", 2, "request queue size (default 256)"),
    DEFINE_PROP_END,
};
const PCIDeviceClass virtio_blk_pci_class =
    VIRTIO_PCI_CLASS("virtio-blk-pci", "virtio block device on PCI (1af4:1042)",
                     DEVICE_CATEGORY_STORAGE, blk_pci_props, VIRTIO_ID_BLOCK,
                     PCI_CLASS_STORAGE_SCSI, &blk_info);

static const VirtIOPCIInfo rng_info = { .vdev_class = &virtio_rng_device_class };
static const Property rng_pci_props[] = {
    DEFINE_PCI_DEVICE_PROPS,
    DEFINE_PROP_END,
};
const PCIDeviceClass virtio_rng_pci_class =
    VIRTIO_PCI_CLASS("virtio-rng-pci", "virtio entropy source on PCI (1af4:1044)",
                     DEVICE_CATEGORY_MISC, rng_pci_props, VIRTIO_ID_RNG,
                     PCI_CLASS_OTHERS, &rng_info);

static const VirtIOPCIInfo net_info = { .vdev_class = &virtio_net_device_class };
static const Property net_pci_props[] = {
    DEFINE_PCI_DEVICE_PROPS,
    VIRTIO_PCI_FWD_PROP("netdev", 0, "the backend (a -netdev id); unset: no network"),
    VIRTIO_PCI_FWD_PROP("mac", 1, "the MAC address (default 52:54:00:12:34:56 + NIC index)"),
    VIRTIO_PCI_FWD_PROP("csum", 2, "offer checksum offload (on)"),
    VIRTIO_PCI_FWD_PROP("guest_csum", 3, "accept packets with partial checksums (on)"),
    VIRTIO_PCI_FWD_PROP("mrg_rxbuf", 4, "mergeable receive buffers (on)"),
    VIRTIO_PCI_FWD_PROP("status", 5, "link status in the config space (on)"),
    VIRTIO_PCI_FWD_PROP("rx_queue_size", 6, "receive queue size (256)"),
    VIRTIO_PCI_FWD_PROP("tx_queue_size", 7, "transmit queue size (256)"),
    DEFINE_PROP_END,
};
const PCIDeviceClass virtio_net_pci_class =
    VIRTIO_PCI_CLASS("virtio-net-pci", "virtio network card on PCI (1af4:1041)",
                     DEVICE_CATEGORY_NETWORK, net_pci_props, VIRTIO_ID_NET,
                     PCI_CLASS_NETWORK_ETHERNET, &net_info);
