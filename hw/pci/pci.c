/*
 * The PCI core (hw/pci/pci.h): bus, configuration spaces, BAR mapping,
 * capabilities, INTx and the bus-master address space.
 *
 * Configuration writes go through the wmask/w1cmask bytes, so the
 * read-only parts of the header (ids, class, the type bits of a BAR, the
 * low bits a BAR's size forces to zero) cannot change and sizing works by
 * itself: all ones written to a BAR read back as ~(size - 1) plus the type
 * bits (PCI Local Bus 3.0 §6.2.5.1). After a write that reaches Command or
 * a BAR, every BAR is re-decoded and moved, mapped or unmapped in the bus's
 * memory or I/O space in one memory transaction.
 *
 * A BAR decodes only if its space is enabled in Command and its address is
 * usable: not 0 (unprogrammed), the whole range inside the space (32 bits
 * for a 32-bit BAR, 64 KiB of I/O), and not wrapping around (which is
 * where the all-ones sizing pattern lands). Firmware writes all ones while
 * decoding is off, but a BAR sized with decoding on must not grab the top
 * of the address space either.
 *
 * INTx levels are counted per bus line, as the lines are wired-OR: the host
 * bridge sees a line high while any device drives it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bswap.h"
#include "util/log.h"
#include "hw/pci/pci.h"

static PCIBus *default_bus;

/* ---- Buses ---- */

void pci_root_bus_init(PCIBus *bus, const char *name, MemoryRegion *mem, MemoryRegion *io,
                       PCISetIRQFunc *set_irq, PCIMapIRQFunc *map_irq, void *irq_opaque)
{
    memset(bus, 0, sizeof(*bus));
    bus->name = g_strdup(name);
    bus->mem = mem;
    bus->io = io;
    bus->set_irq = set_irq;
    bus->map_irq = map_irq;
    bus->irq_opaque = irq_opaque;
    if (!default_bus) {
        default_bus = bus;
    }
}

static void pci_unmap_bars(PCIDevice *dev);

void pci_root_bus_cleanup(PCIBus *bus)
{
    for (int devfn = 0; devfn < PCI_DEVFN_MAX; devfn++) {
        PCIDevice *dev = bus->devices[devfn];

        if (dev) {
            pci_unmap_bars(dev);
            dev->bus = NULL;
            bus->devices[devfn] = NULL;
        }
    }
    if (default_bus == bus) {
        default_bus = NULL;
    }
    g_free(bus->name);
    bus->name = NULL;
}

PCIBus *pci_bus_default(void)
{
    return default_bus;
}

int pci_swizzle_map_irq(PCIDevice *dev, int pin)
{
    return (pin + PCI_SLOT(dev->devfn)) % PCI_NUM_PINS;
}

PCIDevice *pci_bus_find_device(PCIBus *bus, int devfn)
{
    assert(devfn >= 0 && devfn < PCI_DEVFN_MAX);
    return bus->devices[devfn];
}

/* ---- INTx ---- */

static void pci_update_irq(PCIDevice *dev)
{
    bool disabled = pci_get_word(dev->config + PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE;
    bool assert_line = dev->irq_level && !disabled;
    int pin = dev->config[PCI_INTERRUPT_PIN];
    uint16_t status = pci_get_word(dev->config + PCI_STATUS);

    /* Status.INTERRUPT shows the pin whatever INTX_DISABLE says (§6.2.3). */
    status = dev->irq_level ? status | PCI_STATUS_INTERRUPT : status & ~PCI_STATUS_INTERRUPT;
    pci_set_word(dev->config + PCI_STATUS, status);

    if (assert_line == dev->irq_asserted) {
        return;
    }
    dev->irq_asserted = assert_line;
    if (dev->bus && pin >= 1 && pin <= PCI_NUM_PINS) {
        PCIBus *bus = dev->bus;
        int line = bus->map_irq(dev, pin - 1);

        assert(line >= 0 && line < PCI_NUM_PINS);
        bus->irq_count[line] += assert_line ? 1 : -1;
        assert(bus->irq_count[line] >= 0);
        bus->set_irq(bus->irq_opaque, line, bus->irq_count[line] != 0);
    }
}

void pci_set_irq(PCIDevice *dev, int level)
{
    dev->irq_level = level != 0;
    pci_update_irq(dev);
}

/* ---- BARs ---- */

static int bar_reg(int n)
{
    return PCI_BASE_ADDRESS_0 + 4 * n;
}

/* Where BAR n's register says it should be, or PCI_BAR_UNMAPPED. */
static uint64_t bar_decode(PCIDevice *dev, int n)
{
    PCIIORegion *r = &dev->io_regions[n];
    uint16_t cmd = pci_get_word(dev->config + PCI_COMMAND);
    uint64_t addr, last, limit;

    if (r->type & PCI_BASE_ADDRESS_SPACE_IO) {
        if (!(cmd & PCI_COMMAND_IO)) {
            return PCI_BAR_UNMAPPED;
        }
        addr = pci_get_long(dev->config + bar_reg(n)) & PCI_BASE_ADDRESS_IO_MASK;
        limit = dev->bus && dev->bus->io ? memory_region_size(dev->bus->io) - 1 : 0;
    } else {
        if (!(cmd & PCI_COMMAND_MEMORY)) {
            return PCI_BAR_UNMAPPED;
        }
        addr = pci_get_long(dev->config + bar_reg(n)) & PCI_BASE_ADDRESS_MEM_MASK;
        if (r->type & PCI_BASE_ADDRESS_MEM_TYPE_64) {
            addr |= (uint64_t)pci_get_long(dev->config + bar_reg(n + 1)) << 32;
            limit = UINT64_MAX;
        } else {
            limit = UINT32_MAX;
        }
    }
    addr &= ~(r->size - 1);
    last = addr + r->size - 1;
    if (addr == 0 || last < addr || last > limit || last == UINT64_MAX) {
        return PCI_BAR_UNMAPPED;
    }
    return addr;
}

static MemoryRegion *bar_space(PCIDevice *dev, int n)
{
    return dev->io_regions[n].type & PCI_BASE_ADDRESS_SPACE_IO ? dev->bus->io : dev->bus->mem;
}

static void pci_update_mappings(PCIDevice *dev)
{
    memory_region_transaction_begin();
    for (int n = 0; n < PCI_NUM_REGIONS; n++) {
        PCIIORegion *r = &dev->io_regions[n];
        uint64_t addr;

        if (!r->mr || !dev->bus) {
            continue;
        }
        addr = bar_decode(dev, n);
        if (addr == r->addr) {
            continue;
        }
        if (r->addr != PCI_BAR_UNMAPPED) {
            memory_region_del_subregion(bar_space(dev, n), r->mr);
        }
        r->addr = addr;
        if (addr != PCI_BAR_UNMAPPED) {
            /* Above whatever else lies in the space (a default handler). */
            memory_region_add_subregion_overlap(bar_space(dev, n), addr, r->mr, 1);
        }
    }
    memory_region_transaction_commit();
}

static void pci_unmap_bars(PCIDevice *dev)
{
    memory_region_transaction_begin();
    for (int n = 0; n < PCI_NUM_REGIONS; n++) {
        PCIIORegion *r = &dev->io_regions[n];

        if (r->mr && r->addr != PCI_BAR_UNMAPPED) {
            memory_region_del_subregion(bar_space(dev, n), r->mr);
            r->addr = PCI_BAR_UNMAPPED;
        }
    }
    memory_region_transaction_commit();
}

void pci_register_bar(PCIDevice *dev, int n, uint8_t type, MemoryRegion *mr)
{
    PCIIORegion *r = &dev->io_regions[n];
    bool io = type & PCI_BASE_ADDRESS_SPACE_IO;
    bool is64 = !io && (type & PCI_BASE_ADDRESS_MEM_TYPE_64);
    uint64_t size = memory_region_size(mr);
    uint64_t mask = ~(size - 1) & (io ? PCI_BASE_ADDRESS_IO_MASK : PCI_BASE_ADDRESS_MEM_MASK);
    int reg = bar_reg(n);

    assert(n >= 0 && n < PCI_NUM_REGIONS && (!is64 || n + 1 < PCI_NUM_REGIONS));
    assert(!r->mr && (size & (size - 1)) == 0 && size >= (io ? 4u : 16u));
    assert(is64 || size <= (io ? 0x10000ull : 0x80000000ull));
    *r = (PCIIORegion) { .mr = mr, .size = size, .type = type, .addr = PCI_BAR_UNMAPPED };
    pci_set_long(dev->config + reg, type);
    pci_set_long(dev->wmask + reg, (uint32_t)mask);
    if (is64) {
        pci_set_long(dev->config + reg + 4, 0);
        pci_set_long(dev->wmask + reg + 4, mask >> 32);
    }
}

uint64_t pci_bar_address(PCIDevice *dev, int n)
{
    assert(n >= 0 && n < PCI_NUM_REGIONS);
    return dev->io_regions[n].addr;
}

/* ---- Bus mastering ---- */

static void pci_update_bus_master(PCIDevice *dev)
{
    bool on = pci_get_word(dev->config + PCI_COMMAND) & PCI_COMMAND_MASTER;

    if (memory_region_is_enabled(&dev->bus_master_enable) != on) {
        memory_region_set_enabled(&dev->bus_master_enable, on);
    }
}

static void pci_init_bus_master(PCIDevice *dev)
{
    g_autofree char *name = g_strdup_printf("%s bus master", device_name(&dev->parent));

    memory_region_init(&dev->bus_master_root, name, UINT64_MAX);
    memory_region_init_alias(&dev->bus_master_enable, "bus master enable",
                             get_system_memory(), 0, UINT64_MAX);
    memory_region_set_enabled(&dev->bus_master_enable, false);
    memory_region_add_subregion(&dev->bus_master_root, 0, &dev->bus_master_enable);
    address_space_init(&dev->bus_master_as, &dev->bus_master_root, name);
    dev->bus_master_as_ready = true;
}

static void pci_destroy_bus_master(PCIDevice *dev)
{
    if (!dev->bus_master_as_ready) {
        return;
    }
    address_space_destroy(&dev->bus_master_as);
    memory_region_del_subregion(&dev->bus_master_root, &dev->bus_master_enable);
    memory_region_finalize(&dev->bus_master_enable);
    memory_region_finalize(&dev->bus_master_root);
    dev->bus_master_as_ready = false;
}

/* ---- Configuration space ---- */

uint32_t pci_default_config_read(PCIDevice *dev, uint32_t addr, unsigned len)
{
    assert(len <= 4 && addr + len <= dev->config_size);
    return ldn_p(dev->config + addr, len, false);
}

static bool ranges_overlap(uint32_t a, unsigned alen, uint32_t b, unsigned blen)
{
    return a < b + blen && b < a + alen;
}

void pci_default_config_write(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len)
{
    assert(len <= 4 && addr + len <= dev->config_size);
    for (unsigned i = 0; i < len; i++) {
        uint8_t byte = val >> (8 * i);
        uint8_t wm = dev->wmask[addr + i];
        uint8_t w1c = dev->w1cmask[addr + i];

        dev->config[addr + i] = (dev->config[addr + i] & ~wm) | (byte & wm);
        dev->config[addr + i] &= ~(byte & w1c);
    }
    if (ranges_overlap(addr, len, PCI_COMMAND, 2)) {
        pci_update_irq(dev);
        pci_update_bus_master(dev);
    }
    if (ranges_overlap(addr, len, PCI_COMMAND, 2) ||
        ranges_overlap(addr, len, PCI_BASE_ADDRESS_0, 4 * PCI_NUM_REGIONS)) {
        pci_update_mappings(dev);
    }
}

uint32_t pci_host_config_read(PCIDevice *dev, uint32_t addr, unsigned len)
{
    const PCIDeviceClass *pc = pci_device_get_class(dev);

    return pc->config_read ? pc->config_read(dev, addr, len)
                           : pci_default_config_read(dev, addr, len);
}

void pci_host_config_write(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len)
{
    const PCIDeviceClass *pc = pci_device_get_class(dev);

    if (pc->config_write) {
        pc->config_write(dev, addr, val, len);
    } else {
        pci_default_config_write(dev, addr, val, len);
    }
}

/* ---- Capabilities ---- */

static uint8_t find_free_room(PCIDevice *dev, uint8_t size)
{
    for (unsigned off = PCI_CONFIG_HEADER_SIZE; off + size <= PCI_CONFIG_SPACE_SIZE; off += 4) {
        unsigned i;

        for (i = 0; i < size && !dev->used[off + i]; i++) {
            /* look for size free bytes */
        }
        if (i == size) {
            return off;
        }
    }
    return 0;
}

uint8_t pci_add_capability(PCIDevice *dev, uint8_t cap_id, uint8_t offset, uint8_t size,
                           Error **errp)
{
    uint8_t *link = dev->config + PCI_CAPABILITY_LIST;

    assert(size >= 2);
    if (!offset) {
        offset = find_free_room(dev, size);
    }
    if (!offset || offset < PCI_CONFIG_HEADER_SIZE || (offset & 3) ||
        offset + size > PCI_CONFIG_SPACE_SIZE) {
        error_setg(errp, "%s: no room for a %u-byte capability 0x%02x at 0x%02x",
                   device_name(&dev->parent), size, cap_id, offset);
        return 0;
    }
    for (unsigned i = 0; i < size; i++) {
        if (dev->used[offset + i]) {
            error_setg(errp, "%s: capability 0x%02x at 0x%02x overlaps another at 0x%02x",
                       device_name(&dev->parent), cap_id, offset, offset + i);
            return 0;
        }
    }
    /* Appended, so the list reads in the order the device added them. */
    while (*link) {
        link = dev->config + *link + PCI_CAP_LIST_NEXT;
    }
    *link = offset;
    memset(dev->used + offset, 1, size);
    dev->config[offset + PCI_CAP_LIST_ID] = cap_id;
    dev->config[offset + PCI_CAP_LIST_NEXT] = 0;
    pci_set_word(dev->config + PCI_STATUS,
                 pci_get_word(dev->config + PCI_STATUS) | PCI_STATUS_CAP_LIST);
    return offset;
}

uint8_t pci_find_capability(PCIDevice *dev, uint8_t cap_id)
{
    /* At most 48 capabilities fit: a bound against a corrupted list. */
    uint8_t off = dev->config[PCI_CAPABILITY_LIST];

    for (int n = 0; off && n < 48; n++) {
        if (dev->config[off + PCI_CAP_LIST_ID] == cap_id) {
            return off;
        }
        off = dev->config[off + PCI_CAP_LIST_NEXT];
    }
    return 0;
}

uint8_t pcie_endpoint_cap_init(PCIDevice *dev, uint8_t offset, Error **errp)
{
    /* A device on a root bus sits inside the root complex (PCIe 4.0 §1.3.2.3). */
    uint16_t type = PCI_EXP_TYPE_RC_END;
    uint8_t pos;

    assert(dev->config_size == PCIE_CONFIG_SPACE_SIZE);
    pos = pci_add_capability(dev, PCI_CAP_ID_EXP, offset, PCI_EXP_CAP_SIZEOF, errp);
    if (!pos) {
        return 0;
    }
    pci_set_word(dev->config + pos + PCI_EXP_FLAGS, PCI_EXP_FLAGS_VERSION2 | type << 4);
    /* Max payload 128 bytes (encoding 0), role-based error reporting. */
    pci_set_long(dev->config + pos + PCI_EXP_DEVCAP, PCI_EXP_DEVCAP_RBER);
    pci_set_word(dev->wmask + pos + PCI_EXP_DEVCTL, PCI_EXP_DEVCTL_WMASK);
    pci_set_word(dev->w1cmask + pos + PCI_EXP_DEVSTA, PCI_EXP_DEVSTA_W1C);
    /* No link: an integrated endpoint has none. Capabilities 2: nothing optional. */
    return pos;
}

/* ---- Device life cycle ---- */

/* "slot[.fn]" in hex, 0x prefix allowed, as QEMU's addr property. */
static bool parse_addr(const char *text, int *devfn, Error **errp)
{
    unsigned long slot, fn = 0;
    char *end;

    errno = 0;
    slot = strtoul(text, &end, 16);
    if (end == text || errno) {
        goto bad;
    }
    if (*end == '.') {
        const char *f = end + 1;

        fn = strtoul(f, &end, 16);
        if (end == f) {
            goto bad;
        }
    }
    if (*end || slot > 0x1f || fn > 7) {
        goto bad;
    }
    *devfn = PCI_DEVFN(slot, fn);
    return true;
bad:
    error_setg(errp, "addr '%s': expected slot[.function] (slot 0..1f, function 0..7, hex)",
               text);
    return false;
}

static bool pci_claim_slot(PCIDevice *dev, PCIBus *bus, Error **errp)
{
    int devfn = -1;

    if (dev->addr_prop) {
        if (!parse_addr(dev->addr_prop, &devfn, errp)) {
            return false;
        }
        if (bus->devices[devfn]) {
            error_setg(errp, "PCI address %02x.%x on %s is taken by %s", PCI_SLOT(devfn),
                       PCI_FUNC(devfn), bus->name, device_name(&bus->devices[devfn]->parent));
            return false;
        }
    } else {
        for (int d = 0; d < PCI_DEVFN_MAX; d += 8) {
            if (!bus->devices[d]) {
                devfn = d;
                break;
            }
        }
        if (devfn < 0) {
            error_setg(errp, "%s has no free slot", bus->name);
            return false;
        }
    }
    dev->bus = bus;
    dev->devfn = devfn;
    bus->devices[devfn] = dev;
    return true;
}

static void pci_release_slot(PCIDevice *dev)
{
    if (dev->bus) {
        pci_set_irq(dev, 0);
        pci_unmap_bars(dev);
        dev->bus->devices[dev->devfn] = NULL;
        dev->bus = NULL;
    }
    dev->devfn = -1;
}

/* The header from the class: ids and class read-only, the rest as §6.2 has it. */
static void pci_init_header(PCIDevice *dev, const PCIDeviceClass *pc)
{
    dev->config_size = pc->is_express ? PCIE_CONFIG_SPACE_SIZE : PCI_CONFIG_SPACE_SIZE;
    pci_set_word(dev->config + PCI_VENDOR_ID, pc->vendor_id);
    pci_set_word(dev->config + PCI_DEVICE_ID, pc->device_id);
    dev->config[PCI_REVISION_ID] = pc->revision;
    dev->config[PCI_CLASS_PROG] = pc->prog_if;
    pci_set_word(dev->config + PCI_CLASS_PROG + 1, pc->class_id);
    pci_set_word(dev->config + PCI_SUBSYSTEM_VENDOR_ID, pc->subsystem_vendor_id);
    pci_set_word(dev->config + PCI_SUBSYSTEM_ID, pc->subsystem_id);
    pci_set_word(dev->wmask + PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
                 PCI_COMMAND_MASTER | PCI_COMMAND_PARITY | PCI_COMMAND_SERR |
                 PCI_COMMAND_INTX_DISABLE);
    pci_set_word(dev->w1cmask + PCI_STATUS, PCI_STATUS_W1C);
    dev->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    dev->wmask[PCI_INTERRUPT_LINE] = 0xff;
    /* Latency timer: read-only 0 on PCI Express (PCIe 4.0 §7.5.1.1.6). */
    if (!pc->is_express) {
        dev->wmask[PCI_LATENCY_TIMER] = 0xff;
    }
    memset(dev->used, 1, PCI_CONFIG_HEADER_SIZE);
}

bool pci_device_realize(DeviceState *ds, Error **errp)
{
    PCIDevice *dev = pci_device(ds);
    const PCIDeviceClass *pc = pci_device_get_class(dev);
    PCIBus *bus = dev->bus ? dev->bus : pci_bus_default();

    dev->devfn = -1;
    dev->bus = NULL;
    if (!bus) {
        error_setg(errp, "%s needs a PCI bus and this machine has none", ds->dc->name);
        return false;
    }
    for (int n = 0; n < PCI_NUM_REGIONS; n++) {
        dev->io_regions[n].addr = PCI_BAR_UNMAPPED;
    }
    pci_init_header(dev, pc);
    if (!pci_claim_slot(dev, bus, errp)) {
        return false;
    }
    pci_init_bus_master(dev);
    if (pc->realize && !pc->realize(dev, errp)) {
        pci_release_slot(dev);
        pci_destroy_bus_master(dev);
        return false;
    }
    return true;
}

void pci_device_unrealize(DeviceState *ds)
{
    PCIDevice *dev = pci_device(ds);
    const PCIDeviceClass *pc = pci_device_get_class(dev);

    pci_release_slot(dev);
    if (pc->exit) {
        pc->exit(dev);
    }
    pci_destroy_bus_master(dev);
}

/*
 * Power-on state of the writable header: decoding and bus mastering off,
 * BARs back to 0 (their type bits stay), interrupt line 0; then the
 * device's own reset.
 */
void pci_device_reset(DeviceState *ds)
{
    PCIDevice *dev = pci_device(ds);
    const PCIDeviceClass *pc = pci_device_get_class(dev);

    if (pc->reset) {
        pc->reset(dev);
    }
    for (uint32_t i = 0; i < dev->config_size; i++) {
        if (i == PCI_INTERRUPT_PIN) {
            continue;
        }
        dev->config[i] &= ~(dev->wmask[i] | dev->w1cmask[i]);
    }
    if (dev->bus) {
        pci_update_irq(dev);
        pci_update_bus_master(dev);
        pci_update_mappings(dev);
    }
}
