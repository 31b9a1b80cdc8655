/*
 * The PCI core: one bus of devices with configuration spaces, their BARs
 * mapped into the bus's memory and I/O spaces, and INTx interrupts routed
 * by the host bridge. Boards get a bus from a host bridge (hw/pci-host/);
 * devices are ordinary qdev devices whose class embeds a PCIDeviceClass.
 *
 * A PCI device's state struct starts with a PCIDevice (which starts with
 * the DeviceState); its class is a PCIDeviceClass whose first member is the
 * DeviceClass listed in hw/core/device-list.c:
 *
 *     typedef struct MyState { PCIDevice pci; ... } MyState;
 *     static const Property my_props[] = { DEFINE_PCI_DEVICE_PROPS, ..., DEFINE_PROP_END };
 *     const PCIDeviceClass my_class = {
 *         .dc = { .name = "my-pci", .instance_size = sizeof(MyState), .props = my_props,
 *                 .user_creatable = true, PCI_DEVICE_CLASS_CALLBACKS },
 *         .vendor_id = ..., .device_id = ..., .class_id = ..., .realize = my_realize,
 *     };
 *
 * The generic realize puts the device on the bus (the board's, or
 * pci_bus_default() for -device) at `addr` or the next free slot, writes the
 * header from the class, then calls the class's realize, which registers
 * BARs (pci_register_bar) and adds capabilities (pci_add_capability).
 *
 * Configuration space (PCI Local Bus 3.0 §6): the bytes live in
 * dev->config; dev->wmask says which bits a driver may write and
 * dev->w1cmask which ones it clears by writing 1 (Status errors). A write
 * that touches Command or a BAR re-evaluates the BAR mappings: a memory
 * (I/O) BAR is mapped while Command.MEM (IO) is set and it holds a usable
 * address (not 0, not the all-ones sizing pattern, inside its space).
 * Writing all ones to a BAR and reading it back gives the size mask,
 * which is how firmware sizes it.
 *
 * INTx: a device drives its pin (Interrupt Pin register) with
 * pci_set_irq(); Command.INTX_DISABLE masks it, Status.INTERRUPT shows it.
 * The bus counts the devices asserting each of its lines and tells the
 * host bridge through set_irq(opaque, line, level); map_irq gives the line
 * of a device's pin (pci_swizzle_map_irq: the usual (pin + slot) % 4).
 *
 * DMA: each device has a bus-master address space (dev->bus_master_as):
 * system memory while Command.MASTER is set, nothing otherwise, so a device
 * cannot reach memory before its driver enables bus mastering.
 *
 * Not modelled: bridges and buses other than 0, multi-function
 * discovery rules, expansion ROMs, MSI/MSI-X, power management.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_PCI_PCI_H
#define HW_PCI_PCI_H

#include "util/osdep.h"
#include "util/error.h"
#include "hw/core/qdev.h"
#include "hw/pci/pci-regs.h"
#include "softmmu/memory.h"

typedef struct PCIBus PCIBus;
typedef struct PCIDevice PCIDevice;

/* The host bridge's interrupt inputs: line 0..3 at level. */
typedef void PCISetIRQFunc(void *opaque, int line, int level);
/* Which of the bus's lines a device's pin (0: INTA .. 3: INTD) drives. */
typedef int PCIMapIRQFunc(PCIDevice *dev, int pin);

/* Address of a BAR that is not mapped. */
#define PCI_BAR_UNMAPPED    UINT64_MAX

typedef struct PCIIORegion {
    MemoryRegion *mr;           /* NULL: BAR not implemented */
    uint64_t size;              /* a power of 2 */
    uint8_t type;               /* PCI_BASE_ADDRESS_* bits of the register */
    uint64_t addr;              /* where it is mapped, PCI_BAR_UNMAPPED if not */
} PCIIORegion;

struct PCIDevice {
    DeviceState parent;
    char *addr_prop;            /* property "addr": "slot[.fn]", NULL: next free */

    PCIBus *bus;
    int devfn;                  /* -1 while not on a bus */
    uint32_t config_size;       /* 256, or 4096 for PCI Express devices */
    uint8_t config[PCIE_CONFIG_SPACE_SIZE];
    uint8_t wmask[PCIE_CONFIG_SPACE_SIZE];      /* bits a driver may write */
    uint8_t w1cmask[PCIE_CONFIG_SPACE_SIZE];    /* bits a driver clears with a 1 */
    uint8_t used[PCI_CONFIG_SPACE_SIZE];        /* bytes taken by the header and capabilities */
    PCIIORegion io_regions[PCI_NUM_REGIONS];
    bool irq_level;             /* the device's INTx pin, before INTX_DISABLE */
    bool irq_asserted;          /* what the bus counts (level && !disabled) */

    MemoryRegion bus_master_root;       /* container: the device's view */
    MemoryRegion bus_master_enable;     /* alias of system memory, on with MASTER */
    AddressSpace bus_master_as;
    bool bus_master_as_ready;
};

typedef struct PCIDeviceClass {
    DeviceClass dc;             /* first: what the device table lists */
    uint16_t vendor_id;
    uint16_t device_id;
    uint8_t revision;
    uint16_t class_id;          /* class << 8 | sub-class */
    uint8_t prog_if;
    uint16_t subsystem_vendor_id;
    uint16_t subsystem_id;
    bool is_express;            /* 4 KiB configuration space */
    const void *class_data;     /* for the device's own use (virtio-pci: its device) */

    /* The device's part of realize/unrealize/reset; may be NULL. */
    bool (*realize)(PCIDevice *dev, Error **errp);
    void (*exit)(PCIDevice *dev);
    void (*reset)(PCIDevice *dev);
    /* Config accesses; NULL: pci_default_config_read/write. */
    uint32_t (*config_read)(PCIDevice *dev, uint32_t addr, unsigned len);
    void (*config_write)(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len);
} PCIDeviceClass;

struct PCIBus {
    char *name;
    MemoryRegion *mem;          /* PCI memory space: memory BARs go here */
    MemoryRegion *io;           /* PCI I/O space (64 KiB): I/O BARs */
    PCIDevice *devices[PCI_DEVFN_MAX];
    PCISetIRQFunc *set_irq;
    PCIMapIRQFunc *map_irq;
    void *irq_opaque;
    int irq_count[PCI_NUM_PINS];        /* devices asserting each line */
};

/* The DeviceClass callbacks every PCI device class uses. */
bool pci_device_realize(DeviceState *dev, Error **errp);
void pci_device_unrealize(DeviceState *dev);
void pci_device_reset(DeviceState *dev);
#define PCI_DEVICE_CLASS_CALLBACKS                                          \
    .realize = pci_device_realize, .unrealize = pci_device_unrealize,       \
    .reset = pci_device_reset

/* The properties every PCI device has ("addr"): put first in its table. */
#define DEFINE_PCI_DEVICE_PROPS                                             \
    DEFINE_PROP_STRING("addr", PCIDevice, addr_prop, NULL,                  \
                       "slot[.function] on bus 0, hex as QEMU's addr=0x3.0 "\
                       "(default: the next free slot)")

static inline PCIDevice *pci_device(DeviceState *dev)
{
    return container_of(dev, PCIDevice, parent);
}

static inline const PCIDeviceClass *pci_device_get_class(const PCIDevice *dev)
{
    return container_of(dev->parent.dc, PCIDeviceClass, dc);
}

/* ---- Buses (host bridges) ---- */

/*
 * A root bus over the given memory and I/O spaces (containers owned by the
 * host bridge). The first one initialized is pci_bus_default().
 */
void pci_root_bus_init(PCIBus *bus, const char *name, MemoryRegion *mem, MemoryRegion *io,
                       PCISetIRQFunc *set_irq, PCIMapIRQFunc *map_irq, void *irq_opaque);
/* Detaches any devices still on it (their BARs unmapped) and forgets it. */
void pci_root_bus_cleanup(PCIBus *bus);
/* Where -device puts PCI devices: NULL if the machine has no PCI bus. */
PCIBus *pci_bus_default(void);
/* The classic INTx swizzle: line (pin + slot) % 4. */
int pci_swizzle_map_irq(PCIDevice *dev, int pin);
/* The device at devfn, or NULL. */
PCIDevice *pci_bus_find_device(PCIBus *bus, int devfn);

/*
 * A configuration access from the host bridge (len 1, 2 or 4, inside the
 * device's space and naturally aligned: the bridge checks). Little-endian.
 */
uint32_t pci_host_config_read(PCIDevice *dev, uint32_t addr, unsigned len);
void pci_host_config_write(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len);

/* ---- Devices ---- */

/* What a class's config_read/config_write hooks fall back on. */
uint32_t pci_default_config_read(PCIDevice *dev, uint32_t addr, unsigned len);
void pci_default_config_write(PCIDevice *dev, uint32_t addr, uint32_t val, unsigned len);

/*
 * BAR n (0..5; a 64-bit memory BAR also takes n + 1) over mr, whose size
 * must be a power of 2 (at least 16 bytes for memory, 4 for I/O). type:
 * PCI_BASE_ADDRESS_SPACE_IO, or memory with MEM_TYPE_64 / MEM_PREFETCH.
 */
void pci_register_bar(PCIDevice *dev, int n, uint8_t type, MemoryRegion *mr);
/* Where BAR n is mapped, or PCI_BAR_UNMAPPED. */
uint64_t pci_bar_address(PCIDevice *dev, int n);

/*
 * Adds a capability of `size` bytes at `offset` (0: the first free
 * dword-aligned room after the header) to the end of the list; returns its
 * offset, or 0 with an error if it does not fit or overlaps another.
 */
uint8_t pci_add_capability(PCIDevice *dev, uint8_t cap_id, uint8_t offset, uint8_t size,
                           Error **errp);
/* Offset of the first capability with this id, 0 if none. */
uint8_t pci_find_capability(PCIDevice *dev, uint8_t cap_id);
/*
 * The PCI Express capability (version 2) of an endpoint: a root complex
 * integrated endpoint on a root bus. Returns its offset, 0 with an error.
 */
uint8_t pcie_endpoint_cap_init(PCIDevice *dev, uint8_t offset, Error **errp);

/* Drives the device's INTx pin (the one its Interrupt Pin register names). */
void pci_set_irq(PCIDevice *dev, int level);

/* Where the device's DMA goes (follows Command.MASTER). */
static inline AddressSpace *pci_get_address_space(PCIDevice *dev)
{
    return &dev->bus_master_as;
}

/* Little-endian helpers on configuration bytes. */
static inline void pci_set_word(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static inline void pci_set_long(uint8_t *p, uint32_t v)
{
    pci_set_word(p, v);
    pci_set_word(p + 2, v >> 16);
}

static inline uint16_t pci_get_word(const uint8_t *p)
{
    return p[0] | p[1] << 8;
}

static inline uint32_t pci_get_long(const uint8_t *p)
{
    return pci_get_word(p) | (uint32_t)pci_get_word(p + 2) << 16;
}

#endif
