/*
 * The virt board's device tree: what firmware (u-boot, EDK2) and Linux
 * read to find the board's memory, CPUs and devices.
 *
 * The nodes, names, compatible strings and interrupt numbers are QEMU's for
 * its virt board with a GICv2, so software that parses QEMU's tree (u-boot's
 * qemu_arm64 keeps a tree compiled in for nothing: it uses the one it finds
 * at the start of RAM) sees the same thing here. The tree is built with
 * libfdt's read-write API into a generous buffer, then packed.
 *
 * Nodes get added in the order firmware prints them: libfdt puts a new
 * subnode before its existing siblings, so lists (CPUs) go in backwards.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include <libfdt.h>
#include "hw/arm/virt.h"
#include "target/arm/cpu.h"

#define FDT_BUF_SIZE    (64 * KiB)

/* Interrupt specifier cells for the GIC binding. */
#define GIC_FDT_SPI             0
#define GIC_FDT_PPI             1
#define GIC_FDT_EDGE_RISING     1
#define GIC_FDT_LEVEL_HIGH      4
#define GIC_FDT_PPI_CPU_SHIFT   8

/* phandles: fixed numbers, as nothing else allocates them. */
enum {
    PHANDLE_GIC = 0x8001,
    PHANDLE_CLK,
    PHANDLE_GPIO,
};

/* PSCI function IDs (SMC64 forms where the call takes addresses). */
#define PSCI_ID_CPU_SUSPEND 0xc4000001u
#define PSCI_ID_CPU_OFF     0x84000002u
#define PSCI_ID_CPU_ON      0xc4000003u
#define PSCI_ID_MIGRATE     0xc4000005u

typedef struct FdtBuilder {
    void *fdt;
    int err;                    /* first libfdt error, 0 if none */
    const char *what;           /* the node or property that failed */
} FdtBuilder;

static void fdt_note(FdtBuilder *b, int ret, const char *what)
{
    if (ret < 0 && !b->err) {
        b->err = ret;
        b->what = what;
    }
}

static int fdt_node(FdtBuilder *b, int parent, const char *name)
{
    int off;

    if (b->err) {
        return -1;
    }
    off = fdt_add_subnode(b->fdt, parent, name);
    fdt_note(b, off, name);
    return off;
}

static void fdt_prop(FdtBuilder *b, int node, const char *name, const void *val, int len)
{
    if (!b->err) {
        fdt_note(b, fdt_setprop(b->fdt, node, name, val, len), name);
    }
}

static void fdt_prop_str(FdtBuilder *b, int node, const char *name, const char *val)
{
    fdt_prop(b, node, name, val, strlen(val) + 1);
}

/* A string list: the strings with their NULs, as one literal ("a\0b"). */
#define fdt_prop_strlist(b, node, name, lit) fdt_prop(b, node, name, lit, sizeof(lit))

static void fdt_prop_u32(FdtBuilder *b, int node, const char *name, uint32_t val)
{
    fdt32_t cell = cpu_to_fdt32(val);

    fdt_prop(b, node, name, &cell, sizeof(cell));
}

static void fdt_prop_u64(FdtBuilder *b, int node, const char *name, uint64_t val)
{
    fdt64_t cell = cpu_to_fdt64(val);

    fdt_prop(b, node, name, &cell, sizeof(cell));
}

static void fdt_prop_cells(FdtBuilder *b, int node, const char *name,
                           const uint32_t *cells, size_t n)
{
    g_autofree fdt32_t *be = g_new(fdt32_t, n);

    for (size_t i = 0; i < n; i++) {
        be[i] = cpu_to_fdt32(cells[i]);
    }
    fdt_prop(b, node, name, be, n * sizeof(*be));
}

static void fdt_prop_empty(FdtBuilder *b, int node, const char *name)
{
    fdt_prop(b, node, name, NULL, 0);
}

/* A (base, size) reg entry in the root's 2+2 cell format. */
static void fdt_prop_reg(FdtBuilder *b, int node, uint64_t base, uint64_t size)
{
    uint32_t reg[] = { base >> 32, (uint32_t)base, size >> 32, (uint32_t)size };

    fdt_prop_cells(b, node, "reg", reg, ARRAY_SIZE(reg));
}

static void fdt_prop_spi(FdtBuilder *b, int node, uint32_t spi)
{
    uint32_t irq[] = { GIC_FDT_SPI, spi, GIC_FDT_LEVEL_HIGH };

    fdt_prop_cells(b, node, "interrupts", irq, ARRAY_SIZE(irq));
}

static const char *cpu_compatible(const char *model)
{
    static const char *const known[] = { "cortex-a53", "cortex-a57", "cortex-a72" };

    for (size_t i = 0; i < ARRAY_SIZE(known); i++) {
        if (strcmp(model, known[i]) == 0) {
            return NULL;        /* "arm,<model>" */
        }
    }
    return "arm,arm-v8";
}

static void add_cpus(FdtBuilder *b, MachineState *ms)
{
    VirtMachine *vms = ms->board;
    int cpus = fdt_node(b, 0, "cpus");

    fdt_prop_u32(b, cpus, "#address-cells", 1);
    fdt_prop_u32(b, cpus, "#size-cells", 0);
    for (guint i = vms->cpus->len; i-- > 0;) {
        ARMCPU *cpu = vms->cpus->pdata[i];
        g_autofree char *name = g_strdup_printf("cpu@%u", i);
        g_autofree char *compat = g_strdup_printf("arm,%s", cpu->model);
        const char *generic = cpu_compatible(cpu->model);
        int node = fdt_node(b, cpus, name);

        fdt_prop_str(b, node, "device_type", "cpu");
        fdt_prop_str(b, node, "compatible", generic ? generic : compat);
        /* MPIDR affinity fields Aff2..Aff0 (bits 23:0); Aff3 fits no 1-cell reg. */
        fdt_prop_u32(b, node, "reg", cpu->isar.mpidr & 0xffffff);
        /* Firmware at EL3 (secure=on with -bios) says itself how CPUs start. */
        if (vms->psci_conduit != ARM_PSCI_NONE) {
            fdt_prop_str(b, node, "enable-method", "psci");
        }
    }
}

/*
 * The GICv3 node (Linux's arm,gic-v3 binding) as QEMU's virt has it: the
 * distributor and one redistributor region, no ITS, and no maintenance
 * interrupt (that comes with virtualization=on).
 */
static void add_gicv3(FdtBuilder *b)
{
    uint32_t reg[] = {
        0, VIRT_GIC_DIST_BASE, 0, VIRT_GIC_DIST_SIZE,
        0, VIRT_GIC_REDIST_BASE, 0, VIRT_GIC_REDIST_SIZE,
    };
    int gic = fdt_node(b, 0, "intc@8000000");

    fdt_prop_str(b, gic, "compatible", "arm,gic-v3");
    fdt_prop_u32(b, gic, "#interrupt-cells", 3);
    fdt_prop_empty(b, gic, "interrupt-controller");
    fdt_prop_u32(b, gic, "#redistributor-regions", 1);
    fdt_prop_cells(b, gic, "reg", reg, ARRAY_SIZE(reg));
    fdt_prop_u32(b, gic, "#address-cells", 2);
    fdt_prop_u32(b, gic, "#size-cells", 2);
    fdt_prop_empty(b, gic, "ranges");
    fdt_prop_u32(b, gic, "phandle", PHANDLE_GIC);
}

static void add_psci_timer_gic(FdtBuilder *b, MachineState *ms)
{
    VirtMachine *vms = ms->board;
    /* The GICv2 binding's PPI CPU mask; GICv3's has none. */
    uint32_t ppi_flags = GIC_FDT_LEVEL_HIGH | (vms->gic_version == 3 ? 0 :
                         ((1u << MIN(ms->smp_cpus, 8u)) - 1) << GIC_FDT_PPI_CPU_SHIFT);
    uint32_t timer_irqs[] = {
        GIC_FDT_PPI, VIRT_TIMER_PPI_SECURE, ppi_flags,
        GIC_FDT_PPI, VIRT_TIMER_PPI_PHYS, ppi_flags,
        GIC_FDT_PPI, VIRT_TIMER_PPI_VIRT, ppi_flags,
        GIC_FDT_PPI, VIRT_TIMER_PPI_HYP, ppi_flags,
    };
    uint32_t gic_reg[] = {
        0, VIRT_GIC_DIST_BASE, 0, VIRT_GIC_DIST_SIZE,
        0, VIRT_GIC_CPU_BASE, 0, VIRT_GIC_CPU_SIZE,
    };
    int timer, gic;

    /*
     * The conduit of Koine's PSCI (virt.c: virt_choose_psci); none when
     * firmware at EL3 provides PSCI and adds the node itself.
     */
    if (vms->psci_conduit != ARM_PSCI_NONE) {
        int psci = fdt_node(b, 0, "psci");

        fdt_prop_strlist(b, psci, "compatible", "arm,psci-1.0\0arm,psci-0.2\0arm,psci");
        fdt_prop_str(b, psci, "method", vms->psci_conduit == ARM_PSCI_SMC ? "smc" : "hvc");
        fdt_prop_u32(b, psci, "cpu_suspend", PSCI_ID_CPU_SUSPEND);
        fdt_prop_u32(b, psci, "cpu_off", PSCI_ID_CPU_OFF);
        fdt_prop_u32(b, psci, "cpu_on", PSCI_ID_CPU_ON);
        fdt_prop_u32(b, psci, "migrate", PSCI_ID_MIGRATE);
    }

    timer = fdt_node(b, 0, "timer");
    fdt_prop_strlist(b, timer, "compatible", "arm,armv8-timer\0arm,armv7-timer");
    fdt_prop_cells(b, timer, "interrupts", timer_irqs, ARRAY_SIZE(timer_irqs));
    fdt_prop_empty(b, timer, "always-on");

    if (vms->gic_version == 3) {
        add_gicv3(b);
        return;
    }
    gic = fdt_node(b, 0, "intc@8000000");
    fdt_prop_str(b, gic, "compatible", "arm,cortex-a15-gic");
    fdt_prop_u32(b, gic, "#interrupt-cells", 3);
    fdt_prop_empty(b, gic, "interrupt-controller");
    fdt_prop_cells(b, gic, "reg", gic_reg, ARRAY_SIZE(gic_reg));
    fdt_prop_u32(b, gic, "#address-cells", 2);
    fdt_prop_u32(b, gic, "#size-cells", 2);
    fdt_prop_empty(b, gic, "ranges");
    fdt_prop_u32(b, gic, "phandle", PHANDLE_GIC);
}

/*
 * secure=on: the Secure RAM and UART as QEMU describes them, disabled for
 * the Non-secure OS ("status") and enabled for Secure firmware
 * ("secure-status", Linux's Documentation/devicetree/bindings/arm/secure.txt),
 * and /secure-chosen naming the Secure console.
 */
static void add_secure(FdtBuilder *b, MachineState *ms)
{
    VirtMachine *vms = ms->board;
    uint32_t uart_clocks[] = { PHANDLE_CLK, PHANDLE_CLK };
    char name[40];
    int node;

    if (!vms->secure) {
        return;
    }
    node = fdt_node(b, 0, "secure-chosen");
    snprintf(name, sizeof(name), "/pl011@%" PRIx64, (uint64_t)VIRT_SECURE_UART_BASE);
    fdt_prop_str(b, node, "stdout-path", name);

    node = fdt_node(b, 0, name + 1);
    fdt_prop_strlist(b, node, "compatible", "arm,pl011\0arm,primecell");
    fdt_prop_reg(b, node, VIRT_SECURE_UART_BASE, VIRT_PRIMECELL_SIZE);
    fdt_prop_spi(b, node, VIRT_SECURE_UART_SPI);
    fdt_prop_cells(b, node, "clocks", uart_clocks, ARRAY_SIZE(uart_clocks));
    fdt_prop_strlist(b, node, "clock-names", "uartclk\0apb_pclk");
    fdt_prop_str(b, node, "status", "disabled");
    fdt_prop_str(b, node, "secure-status", "okay");

    snprintf(name, sizeof(name), "secram@%" PRIx64, (uint64_t)VIRT_SECURE_MEM_BASE);
    node = fdt_node(b, 0, name);
    fdt_prop_str(b, node, "device_type", "memory");
    fdt_prop_reg(b, node, VIRT_SECURE_MEM_BASE, VIRT_SECURE_MEM_SIZE);
    fdt_prop_str(b, node, "status", "disabled");
    fdt_prop_str(b, node, "secure-status", "okay");
}

static void add_primecells(FdtBuilder *b)
{
    uint32_t uart_clocks[] = { PHANDLE_CLK, PHANDLE_CLK };
    uint32_t gpio_key[] = { PHANDLE_GPIO, VIRT_GPIO_POWER_LINE, 0 };
    int clk = fdt_node(b, 0, "apb-pclk");
    int node, keys;

    fdt_prop_str(b, clk, "compatible", "fixed-clock");
    fdt_prop_u32(b, clk, "#clock-cells", 0);
    fdt_prop_u32(b, clk, "clock-frequency", 24000000);
    fdt_prop_str(b, clk, "clock-output-names", "clk24mhz");
    fdt_prop_u32(b, clk, "phandle", PHANDLE_CLK);

    node = fdt_node(b, 0, "pl011@9000000");
    fdt_prop_strlist(b, node, "compatible", "arm,pl011\0arm,primecell");
    fdt_prop_reg(b, node, VIRT_UART_BASE, VIRT_PRIMECELL_SIZE);
    fdt_prop_spi(b, node, VIRT_UART_SPI);
    fdt_prop_cells(b, node, "clocks", uart_clocks, ARRAY_SIZE(uart_clocks));
    fdt_prop_strlist(b, node, "clock-names", "uartclk\0apb_pclk");

    node = fdt_node(b, 0, "pl031@9010000");
    fdt_prop_strlist(b, node, "compatible", "arm,pl031\0arm,primecell");
    fdt_prop_reg(b, node, VIRT_RTC_BASE, VIRT_PRIMECELL_SIZE);
    fdt_prop_spi(b, node, VIRT_RTC_SPI);
    fdt_prop_u32(b, node, "clocks", PHANDLE_CLK);
    fdt_prop_str(b, node, "clock-names", "apb_pclk");

    node = fdt_node(b, 0, "pl061@9030000");
    fdt_prop_strlist(b, node, "compatible", "arm,pl061\0arm,primecell");
    fdt_prop_reg(b, node, VIRT_GPIO_BASE, VIRT_PRIMECELL_SIZE);
    fdt_prop_spi(b, node, VIRT_GPIO_SPI);
    fdt_prop_empty(b, node, "gpio-controller");
    fdt_prop_u32(b, node, "#gpio-cells", 2);
    fdt_prop_u32(b, node, "clocks", PHANDLE_CLK);
    fdt_prop_str(b, node, "clock-names", "apb_pclk");
    fdt_prop_u32(b, node, "phandle", PHANDLE_GPIO);

    keys = fdt_node(b, 0, "gpio-keys");
    fdt_prop_str(b, keys, "compatible", "gpio-keys");
    node = fdt_node(b, keys, "poweroff");
    fdt_prop_str(b, node, "label", "GPIO Key Poweroff");
    fdt_prop_u32(b, node, "linux,code", VIRT_KEY_POWER);
    fdt_prop_cells(b, node, "gpios", gpio_key, ARRAY_SIZE(gpio_key));
}

/*
 * The virtio-mmio transports, lowest address first in the finished tree
 * (added from the top), with QEMU's edge-triggered interrupts.
 */
static void virt_fdt_add_virtio_mmio(FdtBuilder *b)
{
    for (int i = VIRT_VIRTIO_COUNT - 1; i >= 0; i--) {
        uint64_t base = VIRT_VIRTIO_BASE + i * VIRT_VIRTIO_SIZE;
        uint32_t irq[] = { GIC_FDT_SPI, VIRT_VIRTIO_SPI + i, GIC_FDT_EDGE_RISING };
        char name[32];
        int node;

        snprintf(name, sizeof(name), "virtio_mmio@%" PRIx64, base);
        node = fdt_node(b, 0, name);
        fdt_prop_empty(b, node, "dma-coherent");
        fdt_prop_cells(b, node, "interrupts", irq, ARRAY_SIZE(irq));
        fdt_prop_reg(b, node, base, VIRT_VIRTIO_SIZE);
        fdt_prop_str(b, node, "compatible", "virtio,mmio");
    }
}

/*
 * The PCIe host bridge (Linux's pci-host-generic binding) as QEMU's virt
 * describes it. Each interrupt-map entry is <child address (3 cells: only
 * the slot bits survive the mask), pin, GIC phandle, parent address (the
 * GIC's 2 cells), SPI>; four slots cover every slot, as the mask keeps
 * slot bits 1:0: pin p of slot s goes to SPI 3 + (p + s) % 4. No
 * msi-parent: there is no MSI controller, so devices use INTx.
 */
static void virt_fdt_add_pcie(FdtBuilder *b)
{
    /* Child address space codes of the PCI binding: I/O, 32-bit, 64-bit memory. */
    const uint32_t space_io = 0x01000000, space_mem32 = 0x02000000, space_mem64 = 0x03000000;
    uint32_t reg[] = {
        VIRT_PCIE_ECAM_BASE >> 32, (uint32_t)VIRT_PCIE_ECAM_BASE,
        VIRT_PCIE_ECAM_SIZE >> 32, (uint32_t)VIRT_PCIE_ECAM_SIZE,
    };
    uint32_t ranges[] = {
        space_io, 0, 0, 0, VIRT_PCIE_PIO_BASE, 0, VIRT_PCIE_PIO_SIZE,
        space_mem32, 0, VIRT_PCIE_MMIO_BASE, 0, VIRT_PCIE_MMIO_BASE, 0, VIRT_PCIE_MMIO_SIZE,
        space_mem64, VIRT_PCIE_MMIO_HIGH_BASE >> 32, (uint32_t)VIRT_PCIE_MMIO_HIGH_BASE,
        VIRT_PCIE_MMIO_HIGH_BASE >> 32, (uint32_t)VIRT_PCIE_MMIO_HIGH_BASE,
        VIRT_PCIE_MMIO_HIGH_SIZE >> 32, (uint32_t)VIRT_PCIE_MMIO_HIGH_SIZE,
    };
    uint32_t bus_range[] = { 0, VIRT_PCIE_ECAM_SIZE / MiB - 1 };
    uint32_t map_mask[] = { 3 << 11, 0, 0, 7 };
    uint32_t map[4 * 4 * 10];
    unsigned n = 0;
    char name[32];
    int node;

    for (uint32_t slot = 0; slot < 4; slot++) {
        for (uint32_t pin = 0; pin < 4; pin++) {
            uint32_t entry[10] = {
                slot << 11, 0, 0, pin + 1,
                PHANDLE_GIC, 0, 0, GIC_FDT_SPI, VIRT_PCIE_SPI + (pin + slot) % 4,
                GIC_FDT_LEVEL_HIGH,
            };

            memcpy(map + n, entry, sizeof(entry));
            n += ARRAY_SIZE(entry);
        }
    }
    snprintf(name, sizeof(name), "pcie@%" PRIx64, (uint64_t)VIRT_PCIE_MMIO_BASE);
    node = fdt_node(b, 0, name);
    fdt_prop_cells(b, node, "interrupt-map-mask", map_mask, ARRAY_SIZE(map_mask));
    fdt_prop_cells(b, node, "interrupt-map", map, n);
    fdt_prop_u32(b, node, "#interrupt-cells", 1);
    fdt_prop_cells(b, node, "ranges", ranges, ARRAY_SIZE(ranges));
    fdt_prop_cells(b, node, "reg", reg, ARRAY_SIZE(reg));
    fdt_prop_empty(b, node, "dma-coherent");
    fdt_prop_cells(b, node, "bus-range", bus_range, ARRAY_SIZE(bus_range));
    fdt_prop_u32(b, node, "linux,pci-domain", 0);
    fdt_prop_u32(b, node, "#size-cells", 2);
    fdt_prop_u32(b, node, "#address-cells", 3);
    fdt_prop_str(b, node, "device_type", "pci");
    fdt_prop_str(b, node, "compatible", "pci-host-ecam-generic");
}

static void add_firmware(FdtBuilder *b)
{
    uint32_t flash_reg[] = {
        0, VIRT_FLASH_BASE, 0, VIRT_FLASH_BANK_SIZE,
        0, VIRT_FLASH_BASE + VIRT_FLASH_BANK_SIZE, 0, VIRT_FLASH_BANK_SIZE,
    };
    int node = fdt_node(b, 0, "fw-cfg@9020000");

    fdt_prop_str(b, node, "compatible", "qemu,fw-cfg-mmio");
    fdt_prop_reg(b, node, VIRT_FW_CFG_BASE, FW_CFG_MMIO_SIZE);
    fdt_prop_empty(b, node, "dma-coherent");

    node = fdt_node(b, 0, "flash@0");
    fdt_prop_str(b, node, "compatible", "cfi-flash");
    fdt_prop_cells(b, node, "reg", flash_reg, ARRAY_SIZE(flash_reg));
    fdt_prop_u32(b, node, "bank-width", 4);
}

/* What the Linux boot protocol passes in /chosen: the command line and the initrd. */
static void add_boot_args(FdtBuilder *b, int chosen, MachineState *ms, uint64_t initrd_start,
                          uint64_t initrd_size)
{
    if (ms->append) {
        fdt_prop_str(b, chosen, "bootargs", ms->append);
    }
    if (initrd_size) {
        fdt_prop_u64(b, chosen, "linux,initrd-start", initrd_start);
        fdt_prop_u64(b, chosen, "linux,initrd-end", initrd_start + initrd_size);
    }
}

static bool add_chosen(FdtBuilder *b, MachineState *ms, uint64_t initrd_start,
                       uint64_t initrd_size, Error **errp)
{
    bool randomness;
    int chosen, aliases;

    if (!keyval_get_bool(ms->options, "dtb-randomness", true, &randomness, errp)) {
        error_prepend(errp, "dtb-randomness: ");
        return false;
    }
    aliases = fdt_node(b, 0, "aliases");
    fdt_prop_str(b, aliases, "serial0", "/pl011@9000000");

    chosen = fdt_node(b, 0, "chosen");
    fdt_prop_str(b, chosen, "stdout-path", "/pl011@9000000");
    add_boot_args(b, chosen, ms, initrd_start, initrd_size);
    if (randomness) {
        /* Seeds for KASLR and the guest's RNG: need not be cryptographic. */
        uint32_t seed[8];

        for (size_t i = 0; i < ARRAY_SIZE(seed); i++) {
            seed[i] = g_random_int();
        }
        fdt_prop_u64(b, chosen, "kaslr-seed", (uint64_t)seed[0] << 32 | seed[1]);
        for (size_t i = 0; i < ARRAY_SIZE(seed); i++) {
            seed[i] = g_random_int();
        }
        fdt_prop(b, chosen, "rng-seed", seed, sizeof(seed));
    }
    return true;
}

void *virt_fdt_build(MachineState *ms, uint64_t initrd_start, uint64_t initrd_size,
                     size_t *size, Error **errp)
{
    FdtBuilder b = { .fdt = g_malloc0(FDT_BUF_SIZE) };
    int mem;
    char name[40];

    fdt_note(&b, fdt_create_empty_tree(b.fdt, FDT_BUF_SIZE), "/");
    fdt_prop_str(&b, 0, "compatible", "linux,dummy-virt");
    fdt_prop_u32(&b, 0, "#address-cells", 2);
    fdt_prop_u32(&b, 0, "#size-cells", 2);
    fdt_prop_u32(&b, 0, "interrupt-parent", PHANDLE_GIC);

    /* Siblings end up in reverse order of addition: add the last first. */
    if (!add_chosen(&b, ms, initrd_start, initrd_size, errp)) {
        g_free(b.fdt);
        return NULL;
    }
    virt_fdt_add_pcie(&b);
    virt_fdt_add_virtio_mmio(&b);
    add_firmware(&b);
    add_secure(&b, ms);
    add_primecells(&b);
    add_psci_timer_gic(&b, ms);
    add_cpus(&b, ms);
    snprintf(name, sizeof(name), "memory@%" PRIx64, (uint64_t)VIRT_RAM_BASE);
    mem = fdt_node(&b, 0, name);
    fdt_prop_str(&b, mem, "device_type", "memory");
    fdt_prop_reg(&b, mem, VIRT_RAM_BASE, ms->ram_size);

    if (!b.err) {
        fdt_note(&b, fdt_pack(b.fdt), "pack");
    }
    if (b.err) {
        error_setg(errp, "device tree: %s: %s", b.what, fdt_strerror(b.err));
        g_free(b.fdt);
        return NULL;
    }
    *size = fdt_totalsize(b.fdt);
    return b.fdt;
}

bool virt_fdt_set_chosen(void **fdt, size_t *size, MachineState *ms, uint64_t initrd_start,
                         uint64_t initrd_size, Error **errp)
{
    /* Room for the new properties and their names in the strings block. */
    size_t room = *size + (ms->append ? strlen(ms->append) : 0) + 1024;
    FdtBuilder b = { .fdt = g_malloc0(room) };
    int chosen;

    fdt_note(&b, fdt_open_into(*fdt, b.fdt, room), "-dtb");
    if (!b.err) {
        chosen = fdt_subnode_offset(b.fdt, 0, "chosen");
        if (chosen == -FDT_ERR_NOTFOUND) {
            chosen = fdt_node(&b, 0, "chosen");
        }
        fdt_note(&b, chosen, "chosen");
        add_boot_args(&b, chosen, ms, initrd_start, initrd_size);
    }
    if (!b.err) {
        fdt_note(&b, fdt_pack(b.fdt), "pack");
    }
    if (b.err) {
        error_setg(errp, "device tree: %s: %s", b.what, fdt_strerror(b.err));
        g_free(b.fdt);
        return false;
    }
    g_free(*fdt);
    *fdt = b.fdt;
    *size = fdt_totalsize(b.fdt);
    return true;
}
