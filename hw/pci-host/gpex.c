/*
 * gpex: the generic PCI Express host bridge (hw/pci-host/gpex.h).
 *
 * ECAM (PCIe 4.0 §7.2.2): offset bits 27:20 are the bus, 19:15 the
 * device, 14:12 the function, 11:0 the register. Only bus 0 exists; a
 * function nobody implements reads as all ones and ignores writes, which
 * is how firmware and Linux find out it is absent. So does a register
 * beyond a conventional device's 256 bytes. Accesses are 1, 2 or 4 bytes;
 * a misaligned one (which ECAM does not define) is logged as a guest
 * error and reads all ones; wider ones are refused by the memory core.
 *
 * The PCI memory space is a 2^64-byte container holding the BARs; the
 * windows are aliases of it at the same addresses (no translation), as
 * QEMU's virt board sets up its "ranges". Unclaimed PCI addresses behave
 * like any hole in the memory map.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/log.h"
#include "hw/pci-host/gpex.h"

#define ECAM_BUS_SHIFT      20
#define ECAM_DEVFN_SHIFT    12
#define ECAM_REG_MASK       0xfff

typedef struct GPEXHost {
    DeviceState parent;
    uint64_t ecam_size;         /* properties */
    uint64_t mmio32_base;
    uint64_t mmio32_size;
    uint64_t mmio64_base;
    uint64_t mmio64_size;
    uint64_t pio_size;

    MemoryRegion ecam;
    MemoryRegion pci_mem;       /* PCI memory space: the BARs */
    MemoryRegion pci_io;        /* PCI I/O space */
    MemoryRegion window32;      /* aliases of pci_mem / pci_io for the board */
    MemoryRegion window64;
    MemoryRegion pio_window;
    PCIBus bus;
    IRQLine *irq[GPEX_NUM_IRQS];
    DeviceState *root;          /* the host bridge function at 00.0 */
} GPEXHost;

static GPEXHost *gpex_of(DeviceState *dev)
{
    return container_of(dev, GPEXHost, parent);
}

PCIBus *gpex_get_bus(DeviceState *gpex)
{
    assert(gpex->dc == &gpex_class && gpex->realized);
    return &gpex_of(gpex)->bus;
}

/* The function an ECAM access reaches, or NULL (absent, or an access ECAM does not define). */
static PCIDevice *ecam_target(GPEXHost *s, hwaddr addr, unsigned size, bool is_write)
{
    unsigned busnr = addr >> ECAM_BUS_SHIFT;
    unsigned devfn = (addr >> ECAM_DEVFN_SHIFT) & 0xff;
    unsigned reg = addr & ECAM_REG_MASK;
    PCIDevice *dev;

    if (addr & (size - 1)) {
        log_mask(log_guest_errors, "gpex: misaligned %u-byte config %s of %02x:%02x.%x "
                 "register 0x%03x\n", size, is_write ? "write" : "read", busnr,
                 PCI_SLOT(devfn), PCI_FUNC(devfn), reg);
        return NULL;
    }
    if (busnr != 0) {
        return NULL;
    }
    dev = pci_bus_find_device(&s->bus, devfn);
    if (!dev || reg + size > dev->config_size) {
        return NULL;
    }
    return dev;
}

static uint64_t ecam_read(void *opaque, hwaddr addr, unsigned size)
{
    GPEXHost *s = opaque;
    PCIDevice *dev = ecam_target(s, addr, size, false);

    if (!dev) {
        return size == 4 ? UINT32_MAX : (1u << (8 * size)) - 1;
    }
    return pci_host_config_read(dev, addr & ECAM_REG_MASK, size);
}

static void ecam_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    GPEXHost *s = opaque;
    PCIDevice *dev = ecam_target(s, addr, size, true);

    if (dev) {
        pci_host_config_write(dev, addr & ECAM_REG_MASK, value, size);
    }
}

static const MemoryRegionOps ecam_ops = {
    .read = ecam_read,
    .write = ecam_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4, .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 4, .unaligned = true },
};

static void gpex_set_irq(void *opaque, int line, int level)
{
    GPEXHost *s = opaque;

    irq_set(s->irq[line], level);
}

static bool check_window(const char *what, uint64_t base, uint64_t size, Error **errp)
{
    if (base + size < base && base + size != 0) {
        error_setg(errp, "gpex: %s window 0x%" PRIx64 "+0x%" PRIx64 " wraps around", what,
                   base, size);
        return false;
    }
    return true;
}

static void gpex_unrealize(DeviceState *dev);

static bool gpex_realize(DeviceState *dev, Error **errp)
{
    GPEXHost *s = gpex_of(dev);
    PCIDevice *root;

    if (s->ecam_size < (1 << ECAM_BUS_SHIFT) || s->ecam_size > (256 << ECAM_BUS_SHIFT) ||
        (s->ecam_size & ((1 << ECAM_BUS_SHIFT) - 1))) {
        error_setg(errp, "gpex: ecam-size must be 1 to 256 MiB in whole MiB (one per bus)");
        return false;
    }
    if (!s->mmio32_size || !s->pio_size || s->pio_size > 64 * KiB) {
        error_setg(errp, "gpex: mmio32-size and pio-size (at most 64K) must not be 0");
        return false;
    }
    if (!check_window("mmio32", s->mmio32_base, s->mmio32_size, errp) ||
        !check_window("mmio64", s->mmio64_base, s->mmio64_size, errp)) {
        return false;
    }
    memory_region_init_io(&s->ecam, &ecam_ops, s, "pcie-ecam", s->ecam_size);
    memory_region_init(&s->pci_mem, "pcie-mmio", UINT64_MAX);
    memory_region_init(&s->pci_io, "pcie-io", s->pio_size);
    memory_region_init_alias(&s->window32, "pcie-mmio-window", &s->pci_mem, s->mmio32_base,
                             s->mmio32_size);
    memory_region_init_alias(&s->pio_window, "pcie-pio-window", &s->pci_io, 0, s->pio_size);
    device_init_mmio(dev, &s->ecam);
    device_init_mmio(dev, &s->window32);
    device_init_mmio(dev, &s->pio_window);
    if (s->mmio64_size) {
        memory_region_init_alias(&s->window64, "pcie-mmio-high-window", &s->pci_mem,
                                 s->mmio64_base, s->mmio64_size);
        device_init_mmio(dev, &s->window64);
    }
    for (int i = 0; i < GPEX_NUM_IRQS; i++) {
        device_init_irq(dev, &s->irq[i]);
    }
    pci_root_bus_init(&s->bus, "pcie.0", &s->pci_mem, &s->pci_io, gpex_set_irq,
                      pci_swizzle_map_irq, s);

    s->root = device_new(&gpex_root_class.dc);
    root = pci_device(s->root);
    root->bus = &s->bus;
    if (!device_set_prop(s->root, "addr", "0.0", errp) ||
        !device_realize(s->root, dev, errp)) {
        device_destroy(s->root);
        s->root = NULL;
        gpex_unrealize(dev);
        return false;
    }
    return true;
}

static void gpex_unrealize(DeviceState *dev)
{
    GPEXHost *s = gpex_of(dev);

    /* The root function went first, as a child; -device ones are detached. */
    pci_root_bus_cleanup(&s->bus);
    if (s->mmio64_size) {
        memory_region_finalize(&s->window64);
    }
    memory_region_finalize(&s->pio_window);
    memory_region_finalize(&s->window32);
    memory_region_finalize(&s->pci_io);
    memory_region_finalize(&s->pci_mem);
    memory_region_finalize(&s->ecam);
}

static const Property gpex_props[] = {
    DEFINE_PROP_SIZE("ecam-size", GPEXHost, ecam_size, 256 * MiB,
                     "size of the ECAM window: 1 MiB per bus"),
    DEFINE_PROP_UINT64("mmio32-base", GPEXHost, mmio32_base, 0,
                       "PCI (and CPU) address of the 32-bit memory window"),
    DEFINE_PROP_SIZE("mmio32-size", GPEXHost, mmio32_size, 0, "its size"),
    DEFINE_PROP_UINT64("mmio64-base", GPEXHost, mmio64_base, 0,
                       "PCI (and CPU) address of the 64-bit memory window"),
    DEFINE_PROP_SIZE("mmio64-size", GPEXHost, mmio64_size, 0, "its size (0: none)"),
    DEFINE_PROP_SIZE("pio-size", GPEXHost, pio_size, 64 * KiB, "size of the I/O window"),
    DEFINE_PROP_END,
};

const DeviceClass gpex_class = {
    .name = "gpex-pcihost",
    .desc = "generic PCI Express host bridge (ECAM, pci-host-ecam-generic)",
    .category = DEVICE_CATEGORY_BRIDGE,
    .instance_size = sizeof(GPEXHost),
    .props = gpex_props,
    .user_creatable = false,
    .realize = gpex_realize,
    .unrealize = gpex_unrealize,
};

/* ---- The host bridge function at 00.0 ---- */

static const Property gpex_root_props[] = {
    DEFINE_PCI_DEVICE_PROPS,
    DEFINE_PROP_END,
};

const PCIDeviceClass gpex_root_class = {
    .dc = {
        .name = "gpex-root",
        .desc = "the host bridge function of gpex-pcihost (00.0)",
        .category = DEVICE_CATEGORY_BRIDGE,
        .instance_size = sizeof(PCIDevice),
        .props = gpex_root_props,
        .user_creatable = false,
        PCI_DEVICE_CLASS_CALLBACKS,
    },
    .vendor_id = PCI_VENDOR_ID_REDHAT,
    .device_id = PCI_DEVICE_ID_REDHAT_PCIE_HOST,
    .class_id = PCI_CLASS_BRIDGE_HOST,
};
