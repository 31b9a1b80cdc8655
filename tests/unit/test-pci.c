/*
 * The PCI core, the gpex host bridge and virtio-pci, driven the way
 * firmware and a driver drive them: every step is an ECAM access or a
 * memory access through the system address space, with the host bridge
 * mapped at the virt board's addresses (ECAM at 0x4010000000, the 32-bit
 * window at 0x10000000, the 64-bit one at 0x8000000000) next to 1 MiB of
 * RAM for the virtqueue.
 *
 * Expected values come from the specifications: PCI Local Bus 3.0 §6
 * (header, BAR sizing), PCIe 4.0 §7.2.2 (ECAM) and §7.5.3 (the PCI Express
 * capability), virtio 1.2 §4.1 (virtio-pci) and §5.2 (block). The u-boot
 * boot test (tests/boot/uboot-pci.py) checks the same device against real
 * firmware. Guest mistakes must give a guest_errors log line, never a
 * crash: the log goes to a temporary file the tests read.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bswap.h"
#include "util/log.h"
#include "hw/pci/pci.h"
#include "hw/pci-host/gpex.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-pci.h"
#include "softmmu/machine.h"
#include "softmmu/memory.h"

#define ECAM_BASE       0x4010000000ull
#define ECAM_SIZE       0x10000000ull
#define MMIO_BASE       0x10000000ull
#define MMIO_SIZE       0x2eff0000ull
#define PIO_BASE        0x3eff0000ull
#define MMIO64_BASE     0x8000000000ull
#define MMIO64_SIZE     0x8000000000ull
#define RAM_BASE        0x40000000ull
#define RAM_SIZE        (1 * MiB)
#define BAR_ADDR        0x10004000ull   /* where u-boot puts it */

#define DESC            (RAM_BASE + 0x0000)
#define AVAIL           (RAM_BASE + 0x1000)
#define USED            (RAM_BASE + 0x2000)
#define HDR             (RAM_BASE + 0x4000)
#define STATUS          (RAM_BASE + 0x4100)
#define DATA            (RAM_BASE + 0x10000)
#define QSZ             8
#define DISK_SIZE       (1 * MiB)

#define AS (get_address_space_memory())
#define ATTRS MEMTXATTRS_UNSPECIFIED

#define BLK_F_BLK_SIZE  6
#define BLK_F_FLUSH     9
#define BLK_T_IN        0

typedef struct Fixture {
    MemoryRegion ram;
    MachineState ms;
    DeviceState *host;
    DeviceState *dev;           /* virtio-blk-pci */
    IRQLine *irq[GPEX_NUM_IRQS];
    int level[GPEX_NUM_IRQS];
    char *dir;
    char *image;
    char *log;
} Fixture;

static Fixture fx;

/* ---- Plumbing ---- */

static void record_irq(void *opaque, int n, int level)
{
    fx.level[n] = level;
}

static uint64_t ecam_addr(int devfn, uint32_t reg)
{
    return ECAM_BASE + ((uint64_t)devfn << 12) + reg;
}

static uint32_t cfg_read(int devfn, uint32_t reg, unsigned size)
{
    MemTxResult res;
    uint8_t buf[4];

    res = address_space_read(AS, ecam_addr(devfn, reg), ATTRS, buf, size);
    g_assert_cmpint(res, ==, MEMTX_OK);
    return ldn_p(buf, size, false);
}

static void cfg_write(int devfn, uint32_t reg, uint32_t value, unsigned size)
{
    uint8_t buf[4];

    stn_p(buf, size, false, value);
    g_assert_cmpint(address_space_write(AS, ecam_addr(devfn, reg), ATTRS, buf, size), ==,
                    MEMTX_OK);
}

static uint64_t mem_read(uint64_t addr, unsigned size, MemTxResult *res)
{
    uint8_t buf[8];

    *res = address_space_read(AS, addr, ATTRS, buf, size);
    return ldn_p(buf, size, false);
}

static uint64_t mmio_read(uint64_t addr, unsigned size)
{
    MemTxResult res;
    uint64_t v = mem_read(addr, size, &res);

    g_assert_cmpint(res, ==, MEMTX_OK);
    return v;
}

static void mmio_write(uint64_t addr, uint64_t value, unsigned size)
{
    uint8_t buf[8];

    stn_p(buf, size, false, value);
    g_assert_cmpint(address_space_write(AS, addr, ATTRS, buf, size), ==, MEMTX_OK);
}

static char *log_text(void)
{
    char *text = NULL;

    fflush(log_stream());
    g_assert_true(g_file_get_contents(fx.log, &text, NULL, NULL));
    return text;
}

static void make_image(void)
{
    g_autofree uint8_t *bytes = g_malloc(DISK_SIZE);
    GRand *rand = g_rand_new_with_seed(7);

    for (size_t i = 0; i < DISK_SIZE; i++) {
        bytes[i] = g_rand_int(rand);
    }
    g_rand_free(rand);
    g_assert_true(g_file_set_contents(fx.image, (char *)bytes, DISK_SIZE, NULL));
}

static void file_bytes(uint64_t offset, void *buf, size_t len)
{
    g_autofree char *all = NULL;
    gsize size;

    g_assert_true(g_file_get_contents(fx.image, &all, &size, NULL));
    g_assert_cmpuint(offset + len, <=, size);
    memcpy(buf, all + offset, len);
}

/* A PCI device of class pc with "k=v,k=v" properties; NULL and *err on failure. */
static DeviceState *add_pci(const PCIDeviceClass *pc, const char *props, Error **errp)
{
    g_auto(GStrv) pairs = props ? g_strsplit(props, ",", -1) : NULL;
    DeviceState *dev = device_new(&pc->dc);

    for (int i = 0; pairs && pairs[i]; i++) {
        g_auto(GStrv) kv = g_strsplit(pairs[i], "=", 2);

        if (!device_set_prop(dev, kv[0], kv[1], errp)) {
            device_destroy(dev);
            return NULL;
        }
    }
    if (!device_realize(dev, NULL, errp)) {
        device_destroy(dev);
        return NULL;
    }
    device_reset(dev);
    return dev;
}

/* RAM, the host bridge at virt's addresses, a disk image as drive d0 and virtio-blk-pci. */
static void setup(void)
{
    MachineDrive drive;
    g_autofree char *opts = NULL;

    memset(&fx, 0, sizeof(fx));
    fx.dir = g_dir_make_tmp("test-pci-XXXXXX", NULL);
    fx.image = g_build_filename(fx.dir, "disk.img", NULL);
    fx.log = g_build_filename(fx.dir, "log.txt", NULL);
    make_image();
    g_assert_true(log_set_file(fx.log, &error_abort));
    g_assert_true(log_enable_items("guest_errors", &error_abort));
    fx.ms.drives = g_array_new(false, true, sizeof(MachineDrive));
    current_machine = &fx.ms;
    opts = g_strdup_printf("file=%s,format=raw,if=none,id=d0", fx.image);
    drive = (MachineDrive) { .opts = keyval_parse(opts, NULL, &error_abort) };
    g_array_append_val(fx.ms.drives, drive);

    memory_region_init_ram(&fx.ram, "ram", RAM_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), RAM_BASE, &fx.ram);

    fx.host = device_new(&gpex_class);
    device_set_prop_u64(fx.host, "ecam-size", ECAM_SIZE, &error_abort);
    device_set_prop_u64(fx.host, "mmio32-base", MMIO_BASE, &error_abort);
    device_set_prop_u64(fx.host, "mmio32-size", MMIO_SIZE, &error_abort);
    device_set_prop_u64(fx.host, "mmio64-base", MMIO64_BASE, &error_abort);
    device_set_prop_u64(fx.host, "mmio64-size", MMIO64_SIZE, &error_abort);
    g_assert_true(device_realize(fx.host, NULL, &error_abort));
    device_mmio_map(fx.host, GPEX_MMIO_ECAM, ECAM_BASE);
    device_mmio_map(fx.host, GPEX_MMIO_WINDOW32, MMIO_BASE);
    device_mmio_map(fx.host, GPEX_MMIO_PIO, PIO_BASE);
    device_mmio_map(fx.host, GPEX_MMIO_WINDOW64, MMIO64_BASE);
    for (int i = 0; i < GPEX_NUM_IRQS; i++) {
        fx.irq[i] = irq_new(record_irq, NULL, i);
        device_connect_irq(fx.host, i, fx.irq[i]);
    }
    device_reset(fx.host);
    fx.dev = add_pci(&virtio_blk_pci_class, "drive=d0", &error_abort);
}

static void teardown(void)
{
    device_destroy(fx.dev);
    device_destroy(fx.host);
    for (int i = 0; i < GPEX_NUM_IRQS; i++) {
        irq_free(fx.irq[i]);
    }
    memory_region_del_subregion(get_system_memory(), &fx.ram);
    memory_region_finalize(&fx.ram);
    keyval_free(g_array_index(fx.ms.drives, MachineDrive, 0).opts);
    g_array_free(fx.ms.drives, true);
    current_machine = NULL;
    log_disable_all();
    log_set_file(NULL, &error_abort);
    unlink(fx.image);
    unlink(fx.log);
    rmdir(fx.dir);
    g_free(fx.image);
    g_free(fx.log);
    g_free(fx.dir);
}

#define BLK_DEVFN   PCI_DEVFN(1, 0)

/* Programs BAR 4 (64-bit) and Command. */
static void place_bar(int devfn, uint64_t addr, uint16_t command)
{
    cfg_write(devfn, PCI_BASE_ADDRESS_0 + 4 * VIRTIO_PCI_BAR, (uint32_t)addr, 4);
    cfg_write(devfn, PCI_BASE_ADDRESS_0 + 4 * VIRTIO_PCI_BAR + 4, addr >> 32, 4);
    cfg_write(devfn, PCI_COMMAND, command, 2);
}

/* ---- The host bridge and the header ---- */

static void test_host_bridge(void)
{
    setup();
    g_assert_cmphex(cfg_read(0, PCI_VENDOR_ID, 2), ==, 0x1b36);
    g_assert_cmphex(cfg_read(0, PCI_DEVICE_ID, 2), ==, 0x0008);
    g_assert_cmphex(cfg_read(0, PCI_VENDOR_ID, 4), ==, 0x00081b36);
    g_assert_cmphex(cfg_read(0, PCI_CLASS_PROG, 1), ==, 0);
    g_assert_cmphex(cfg_read(0, PCI_CLASS_PROG + 1, 2), ==, 0x0600);
    g_assert_cmphex(cfg_read(0, PCI_HEADER_TYPE, 1), ==, 0);
    /* Nobody at slot 5, nor on bus 1: all ones, whatever the width. */
    g_assert_cmphex(cfg_read(PCI_DEVFN(5, 0), PCI_VENDOR_ID, 4), ==, 0xffffffff);
    g_assert_cmphex(cfg_read(PCI_DEVFN(5, 0), PCI_VENDOR_ID, 2), ==, 0xffff);
    g_assert_cmphex(cfg_read(PCI_DEVFN(5, 0), PCI_HEADER_TYPE, 1), ==, 0xff);
    g_assert_cmphex(cfg_read(PCI_DEVFN(1, 1), PCI_VENDOR_ID, 4), ==, 0xffffffff);
    g_assert_cmphex(cfg_read(256, PCI_VENDOR_ID, 4), ==, 0xffffffff);     /* bus 1 */
    /* A conventional function's space ends at 256 bytes. */
    g_assert_cmphex(cfg_read(0, 0x100, 4), ==, 0xffffffff);
    teardown();
}

static void test_virtio_header(void)
{
    setup();
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_VENDOR_ID, 2), ==, 0x1af4);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_DEVICE_ID, 2), ==, 0x1042);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_REVISION_ID, 1), ==, 1);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_REVISION_ID, 4), ==, 0x01000001);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_SUBSYSTEM_VENDOR_ID, 2), ==, 0x1af4);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_SUBSYSTEM_ID, 2), ==, 0x1100);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_HEADER_TYPE, 1), ==, 0);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_STATUS, 2), ==, PCI_STATUS_CAP_LIST);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_COMMAND, 2), ==, 0);
    /* Read-only ids stay; PCI Express: 4 KiB of config space, zero past the caps. */
    cfg_write(BLK_DEVFN, PCI_VENDOR_ID, 0x12345678, 4);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_VENDOR_ID, 4), ==, 0x10421af4);
    g_assert_cmphex(cfg_read(BLK_DEVFN, 0x100, 4), ==, 0);
    g_assert_cmphex(cfg_read(BLK_DEVFN, 0xffc, 4), ==, 0);
    /* Interrupt pin INTA (read-only), interrupt line a scratch byte. */
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_INTERRUPT_PIN, 1), ==, 1);
    cfg_write(BLK_DEVFN, PCI_INTERRUPT_PIN, 3, 1);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_INTERRUPT_PIN, 1), ==, 1);
    cfg_write(BLK_DEVFN, PCI_INTERRUPT_LINE, 0x2a, 1);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_INTERRUPT_LINE, 1), ==, 0x2a);
    /* Reset clears what a driver wrote. */
    device_reset(fx.dev);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_INTERRUPT_LINE, 1), ==, 0);
    teardown();
}

/* ---- BARs ---- */

static void test_bar_sizing(void)
{
    uint32_t bar4 = PCI_BASE_ADDRESS_0 + 4 * VIRTIO_PCI_BAR;

    setup();
    /* Power-on: 64-bit prefetchable memory at 0. */
    g_assert_cmphex(cfg_read(BLK_DEVFN, bar4, 4), ==, 0x0000000c);
    cfg_write(BLK_DEVFN, bar4, 0xffffffff, 4);
    cfg_write(BLK_DEVFN, bar4 + 4, 0xffffffff, 4);
    /* 16 KiB: the low 14 address bits read 0, the type bits stay. */
    g_assert_cmphex(cfg_read(BLK_DEVFN, bar4, 4), ==, 0xffffc00c);
    g_assert_cmphex(cfg_read(BLK_DEVFN, bar4 + 4, 4), ==, 0xffffffff);
    /* BARs the device does not implement read 0 whatever is written. */
    for (int n = 0; n < VIRTIO_PCI_BAR; n++) {
        cfg_write(BLK_DEVFN, PCI_BASE_ADDRESS_0 + 4 * n, 0xffffffff, 4);
        g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_BASE_ADDRESS_0 + 4 * n, 4), ==, 0);
    }
    /* An address is rounded down to the BAR's size. */
    cfg_write(BLK_DEVFN, bar4, BAR_ADDR | 0x123, 4);
    g_assert_cmphex(cfg_read(BLK_DEVFN, bar4, 4), ==, BAR_ADDR | 0xc);
    /* The host bridge has no BARs. */
    cfg_write(0, PCI_BASE_ADDRESS_0, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(0, PCI_BASE_ADDRESS_0, 4), ==, 0);
    teardown();
}

static void test_bar_mapping(void)
{
    PCIDevice *pci;
    uint64_t numq = VIRTIO_PCI_COMMON_OFFSET + VIRTIO_PCI_COMMON_NUMQ;
    MemTxResult res;

    setup();
    pci = pci_device(fx.dev);
    place_bar(BLK_DEVFN, BAR_ADDR, 0);
    /* Decoding off: nothing there. */
    mem_read(BAR_ADDR + numq, 2, &res);
    g_assert_cmpint(res, ==, MEMTX_DECODE_ERROR);
    g_assert_cmphex(pci_bar_address(pci, VIRTIO_PCI_BAR), ==, PCI_BAR_UNMAPPED);
    /* Command.MEM maps it: num_queues of virtio-blk is 1. */
    cfg_write(BLK_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(pci_bar_address(pci, VIRTIO_PCI_BAR), ==, BAR_ADDR);
    g_assert_cmphex(mmio_read(BAR_ADDR + numq, 2), ==, 1);
    /* Moved while decoding: gone from the old place, at the new one. */
    cfg_write(BLK_DEVFN, PCI_BASE_ADDRESS_0 + 4 * VIRTIO_PCI_BAR, 0x20000000, 4);
    mem_read(BAR_ADDR + numq, 2, &res);
    g_assert_cmpint(res, ==, MEMTX_DECODE_ERROR);
    g_assert_cmphex(mmio_read(0x20000000 + numq, 2), ==, 1);
    /* Into the 64-bit window. */
    place_bar(BLK_DEVFN, MMIO64_BASE + 0x4000, PCI_COMMAND_MEMORY);
    g_assert_cmphex(mmio_read(MMIO64_BASE + 0x4000 + numq, 2), ==, 1);
    /* Sizing with decoding on must not map it at the top of the space. */
    place_bar(BLK_DEVFN, UINT64_MAX, PCI_COMMAND_MEMORY);
    g_assert_cmphex(pci_bar_address(pci, VIRTIO_PCI_BAR), ==, PCI_BAR_UNMAPPED);
    /* Command.MEM off unmaps it. */
    place_bar(BLK_DEVFN, BAR_ADDR, PCI_COMMAND_MEMORY);
    g_assert_cmphex(mmio_read(BAR_ADDR + numq, 2), ==, 1);
    cfg_write(BLK_DEVFN, PCI_COMMAND, 0, 2);
    mem_read(BAR_ADDR + numq, 2, &res);
    g_assert_cmpint(res, ==, MEMTX_DECODE_ERROR);
    /* So does a reset. */
    place_bar(BLK_DEVFN, BAR_ADDR, PCI_COMMAND_MEMORY);
    device_reset(fx.dev);
    g_assert_cmphex(pci_bar_address(pci, VIRTIO_PCI_BAR), ==, PCI_BAR_UNMAPPED);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_BASE_ADDRESS_0 + 4 * VIRTIO_PCI_BAR, 4), ==, 0xc);
    teardown();
}

/* ---- Capabilities ---- */

static void test_capabilities(void)
{
    static const struct {
        uint8_t id, offset, len, cfg_type;
        uint32_t bar_offset, bar_length;
    } want[] = {
        { PCI_CAP_ID_VNDR, 0x40, 16, VIRTIO_PCI_CAP_COMMON_CFG, 0x0000, 0x1000 },
        { PCI_CAP_ID_VNDR, 0x50, 16, VIRTIO_PCI_CAP_ISR_CFG, 0x1000, 0x1000 },
        { PCI_CAP_ID_VNDR, 0x60, 16, VIRTIO_PCI_CAP_DEVICE_CFG, 0x2000, 0x1000 },
        { PCI_CAP_ID_VNDR, 0x70, 20, VIRTIO_PCI_CAP_NOTIFY_CFG, 0x3000, 0x1000 },
        { PCI_CAP_ID_VNDR, 0x84, 20, VIRTIO_PCI_CAP_PCI_CFG, 0, 0 },
        { PCI_CAP_ID_EXP, 0x98, 0, 0, 0, 0 },
    };
    uint8_t pos;
    size_t n = 0;

    setup();
    g_assert_true(cfg_read(BLK_DEVFN, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST);
    for (pos = cfg_read(BLK_DEVFN, PCI_CAPABILITY_LIST, 1); pos && n < 16;
         pos = cfg_read(BLK_DEVFN, pos + PCI_CAP_LIST_NEXT, 1), n++) {
        g_assert_cmpuint(n, <, ARRAY_SIZE(want));
        g_assert_cmphex(pos, ==, want[n].offset);
        g_assert_cmphex(cfg_read(BLK_DEVFN, pos, 1), ==, want[n].id);
        if (want[n].id != PCI_CAP_ID_VNDR) {
            continue;
        }
        g_assert_cmpuint(cfg_read(BLK_DEVFN, pos + VIRTIO_PCI_CAP_LEN, 1), ==, want[n].len);
        g_assert_cmpuint(cfg_read(BLK_DEVFN, pos + VIRTIO_PCI_CAP_CFG_TYPE, 1), ==,
                         want[n].cfg_type);
        if (want[n].cfg_type == VIRTIO_PCI_CAP_PCI_CFG) {
            continue;
        }
        g_assert_cmpuint(cfg_read(BLK_DEVFN, pos + VIRTIO_PCI_CAP_BAR, 1), ==, 4);
        g_assert_cmphex(cfg_read(BLK_DEVFN, pos + VIRTIO_PCI_CAP_OFFSET, 4), ==,
                        want[n].bar_offset);
        g_assert_cmphex(cfg_read(BLK_DEVFN, pos + VIRTIO_PCI_CAP_LENGTH, 4), ==,
                        want[n].bar_length);
        if (want[n].cfg_type == VIRTIO_PCI_CAP_NOTIFY_CFG) {
            g_assert_cmpuint(cfg_read(BLK_DEVFN, pos + VIRTIO_PCI_NOTIFY_CAP_MULT, 4), ==, 4);
        }
    }
    g_assert_cmpuint(n, ==, ARRAY_SIZE(want));
    /* PCI Express capability v2, root complex integrated endpoint (type 9). */
    g_assert_cmphex(cfg_read(BLK_DEVFN, 0x98 + PCI_EXP_FLAGS, 2), ==, 0x0092);
    /* Device Control is writable; Device Status error bits clear by writing 1. */
    cfg_write(BLK_DEVFN, 0x98 + PCI_EXP_DEVCTL, 0x2810, 2);
    g_assert_cmphex(cfg_read(BLK_DEVFN, 0x98 + PCI_EXP_DEVCTL, 2), ==, 0x2810);
    g_assert_cmphex(pci_find_capability(pci_device(fx.dev), PCI_CAP_ID_EXP), ==, 0x98);
    teardown();
}

/* ---- Configuration errors and bad accesses ---- */

static void test_bad_config_access(void)
{
    g_autofree char *log = NULL;
    MemTxResult res;
    uint64_t v;

    setup();
    /* Misaligned: logged, all ones, nothing written. */
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_DEVICE_ID + 1, 2), ==, 0xffff);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_VENDOR_ID + 2, 4), ==, 0xffffffff);
    cfg_write(BLK_DEVFN, PCI_COMMAND + 1, PCI_COMMAND_MEMORY << 8 | 0xff, 2);
    g_assert_cmphex(cfg_read(BLK_DEVFN, PCI_COMMAND, 2), ==, 0);
    log = log_text();
    g_assert_nonnull(strstr(log, "gpex: misaligned 2-byte config read of 00:01.0"));
    g_assert_nonnull(strstr(log, "gpex: misaligned 4-byte config read"));
    g_assert_nonnull(strstr(log, "gpex: misaligned 2-byte config write"));
    /* 8 bytes at once: refused by the memory core (logged), no crash. */
    v = address_space_ldq_le(AS, ecam_addr(BLK_DEVFN, 0), ATTRS, &res);
    g_assert_cmpint(res, !=, MEMTX_OK);
    (void)v;
    /* Beyond the ECAM window: a hole. */
    mem_read(ECAM_BASE + ECAM_SIZE, 4, &res);
    g_assert_cmpint(res, ==, MEMTX_DECODE_ERROR);
    /* Writes to absent functions go nowhere. */
    cfg_write(PCI_DEVFN(9, 0), PCI_COMMAND, 0xffff, 2);
    g_assert_cmphex(cfg_read(PCI_DEVFN(9, 0), PCI_COMMAND, 2), ==, 0xffff);
    teardown();
}

static void test_addr_property(void)
{
    Error *err = NULL;
    DeviceState *rng;

    setup();
    rng = add_pci(&virtio_rng_pci_class, "addr=0x3.0", &error_abort);
    g_assert_cmphex(pci_device(rng)->devfn, ==, PCI_DEVFN(3, 0));
    g_assert_cmphex(cfg_read(PCI_DEVFN(3, 0), PCI_DEVICE_ID, 2), ==, 0x1044);
    g_assert_cmphex(cfg_read(PCI_DEVFN(3, 0), PCI_CLASS_PROG + 1, 2), ==, 0xff00);
    g_assert_null(add_pci(&virtio_rng_pci_class, "addr=3", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "PCI address 03.0 on pcie.0 is taken by virtio-rng-pci");
    error_free(err);
    err = NULL;
    g_assert_null(add_pci(&virtio_rng_pci_class, "addr=zz", &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "addr 'zz': expected slot[.function]"));
    error_free(err);
    err = NULL;
    g_assert_null(add_pci(&virtio_rng_pci_class, "addr=0x20", &err));
    error_free(err);
    err = NULL;
    /* Without addr: the next free slot (2). */
    {
        DeviceState *next = add_pci(&virtio_rng_pci_class, NULL, &error_abort);

        g_assert_cmphex(pci_device(next)->devfn, ==, PCI_DEVFN(2, 0));
        device_destroy(next);
    }
    /* The child's own errors come through. */
    g_assert_null(add_pci(&virtio_blk_pci_class, "drive=nosuch", &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;
    device_destroy(rng);
    teardown();

    /* No host bridge: no bus. */
    g_assert_null(pci_bus_default());
    g_assert_null(add_pci(&virtio_rng_pci_class, NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "virtio-rng-pci needs a PCI bus and this machine has none");
    error_free(err);
}

/* ---- virtio-pci as a driver sees it ---- */

#define COMMON(r)   (BAR_ADDR + VIRTIO_PCI_COMMON_OFFSET + (r))
#define ISR         (BAR_ADDR + VIRTIO_PCI_ISR_OFFSET)
#define DEVCFG(r)   (BAR_ADDR + VIRTIO_PCI_DEVICE_OFFSET + (r))

static VirtIODevice *blk_vdev(void)
{
    return virtio_device(g_ptr_array_index(fx.dev->children, 0));
}

static uint64_t device_features(void)
{
    mmio_write(COMMON(VIRTIO_PCI_COMMON_DFSELECT), 0, 4);
    uint64_t lo = mmio_read(COMMON(VIRTIO_PCI_COMMON_DF), 4);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_DFSELECT), 1, 4);
    return lo | mmio_read(COMMON(VIRTIO_PCI_COMMON_DF), 4) << 32;
}

/* §3.1.1 steps 1-6; returns whether FEATURES_OK stuck. */
static bool negotiate(uint64_t features)
{
    mmio_write(COMMON(VIRTIO_PCI_COMMON_STATUS), 0, 1);
    g_assert_cmpuint(mmio_read(COMMON(VIRTIO_PCI_COMMON_STATUS), 1), ==, 0);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_STATUS), VIRTIO_CONFIG_S_ACKNOWLEDGE, 1);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_STATUS),
               VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER, 1);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_GFSELECT), 0, 4);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_GF), (uint32_t)features, 4);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_GFSELECT), 1, 4);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_GF), features >> 32, 4);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_STATUS), VIRTIO_CONFIG_S_ACKNOWLEDGE |
               VIRTIO_CONFIG_S_DRIVER | VIRTIO_CONFIG_S_FEATURES_OK, 1);
    return mmio_read(COMMON(VIRTIO_PCI_COMMON_STATUS), 1) & VIRTIO_CONFIG_S_FEATURES_OK;
}

/* Queue 0 at DESC/AVAIL/USED with QSZ entries (§4.1.5.1.3), then DRIVER_OK. */
static void start_driver(uint16_t command)
{
    static const uint8_t zero[0x3000];

    place_bar(BLK_DEVFN, BAR_ADDR, command);
    g_assert_true(negotiate(1ull << VIRTIO_F_VERSION_1 | 1ull << BLK_F_BLK_SIZE));
    g_assert_cmpint(address_space_write(AS, DESC, ATTRS, zero, sizeof(zero)), ==, MEMTX_OK);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_SELECT), 0, 2);
    g_assert_cmpuint(mmio_read(COMMON(VIRTIO_PCI_COMMON_Q_SIZE), 2), ==, 256);
    g_assert_cmpuint(mmio_read(COMMON(VIRTIO_PCI_COMMON_Q_ENABLE), 2), ==, 0);
    g_assert_cmphex(mmio_read(COMMON(VIRTIO_PCI_COMMON_Q_MSIX), 2), ==, VIRTIO_MSI_NO_VECTOR);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_SIZE), QSZ, 2);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_DESCLO), (uint32_t)DESC, 4);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_DESCHI), DESC >> 32, 4);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_AVAILLO), (uint32_t)AVAIL, 4);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_AVAILHI), AVAIL >> 32, 4);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_USEDLO), (uint32_t)USED, 4);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_USEDHI), USED >> 32, 4);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_ENABLE), 1, 2);
    g_assert_cmpuint(mmio_read(COMMON(VIRTIO_PCI_COMMON_Q_ENABLE), 2), ==, 1);
    g_assert_cmphex(mmio_read(COMMON(VIRTIO_PCI_COMMON_Q_DESCLO), 4), ==, (uint32_t)DESC);
    g_assert_cmphex(mmio_read(COMMON(VIRTIO_PCI_COMMON_Q_USEDLO), 4), ==, (uint32_t)USED);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_STATUS), VIRTIO_CONFIG_S_ACKNOWLEDGE |
               VIRTIO_CONFIG_S_DRIVER | VIRTIO_CONFIG_S_FEATURES_OK |
               VIRTIO_CONFIG_S_DRIVER_OK, 1);
}

static void put_desc(unsigned i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
    uint8_t d[VIRTQ_DESC_SIZE];

    st64_le_p(d, addr);
    st32_le_p(d + 8, len);
    st16_le_p(d + 12, flags);
    st16_le_p(d + 14, next);
    g_assert_cmpint(address_space_write(AS, DESC + i * VIRTQ_DESC_SIZE, ATTRS, d, sizeof(d)),
                    ==, MEMTX_OK);
}

/* A read of len bytes from sector as one three-descriptor chain, kicked through notify. */
static void submit_read(uint64_t sector, uint32_t len)
{
    uint8_t hdr[16] = { 0 };
    uint16_t noff;

    st32_le_p(hdr, BLK_T_IN);
    st64_le_p(hdr + 8, sector);
    g_assert_cmpint(address_space_write(AS, HDR, ATTRS, hdr, sizeof(hdr)), ==, MEMTX_OK);
    address_space_stb(AS, STATUS, 0xee, ATTRS, NULL);
    put_desc(0, HDR, sizeof(hdr), VIRTQ_DESC_F_NEXT, 1);
    put_desc(1, DATA, len, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 2);
    put_desc(2, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
    address_space_stw_le(AS, AVAIL + 4, 0, ATTRS, NULL);
    address_space_stw_le(AS, AVAIL + 2, 1, ATTRS, NULL);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_SELECT), 0, 2);
    noff = mmio_read(COMMON(VIRTIO_PCI_COMMON_Q_NOFF), 2);
    mmio_write(BAR_ADDR + VIRTIO_PCI_NOTIFY_OFFSET + noff * VIRTIO_PCI_NOTIFY_MULT, 0, 2);
}

static void test_feature_negotiation(void)
{
    uint64_t features;

    setup();
    place_bar(BLK_DEVFN, BAR_ADDR, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    features = device_features();
    g_assert_true(features & 1ull << VIRTIO_F_VERSION_1);
    g_assert_true(features & 1ull << BLK_F_BLK_SIZE);
    g_assert_true(features & 1ull << BLK_F_FLUSH);
    g_assert_true(features & 1ull << VIRTIO_F_INDIRECT_DESC);
    /* Select 2 and beyond: no features. */
    mmio_write(COMMON(VIRTIO_PCI_COMMON_DFSELECT), 2, 4);
    g_assert_cmphex(mmio_read(COMMON(VIRTIO_PCI_COMMON_DF), 4), ==, 0);
    /* Refused: a feature not offered (bit 63), or no VERSION_1. */
    g_assert_false(negotiate(1ull << VIRTIO_F_VERSION_1 | 1ull << 63));
    g_assert_false(negotiate(1ull << BLK_F_BLK_SIZE));
    g_assert_true(negotiate(1ull << VIRTIO_F_VERSION_1 | 1ull << BLK_F_FLUSH));
    g_assert_cmphex(blk_vdev()->guest_features, ==,
                    1ull << VIRTIO_F_VERSION_1 | 1ull << BLK_F_FLUSH);
    /* The driver's choice reads back through the select window. */
    mmio_write(COMMON(VIRTIO_PCI_COMMON_GFSELECT), 1, 4);
    g_assert_cmphex(mmio_read(COMMON(VIRTIO_PCI_COMMON_GF), 4), ==, 1);
    g_assert_cmpuint(mmio_read(COMMON(VIRTIO_PCI_COMMON_NUMQ), 2), ==, 1);
    g_assert_cmphex(mmio_read(COMMON(VIRTIO_PCI_COMMON_MSIX), 2), ==, VIRTIO_MSI_NO_VECTOR);
    /* Status 0 resets the device and the transport. */
    mmio_write(COMMON(VIRTIO_PCI_COMMON_STATUS), 0, 1);
    g_assert_cmphex(blk_vdev()->guest_features, ==, 0);
    teardown();
}

static void test_blk_read(void)
{
    uint8_t want[4096], got[4096];
    g_autofree char *log = NULL;

    setup();
    start_driver(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    /* Capacity (§5.2.4) in the device configuration structure: 1 MiB. */
    g_assert_cmpuint(mmio_read(DEVCFG(0), 4), ==, DISK_SIZE / 512);
    g_assert_cmpuint(mmio_read(DEVCFG(4), 4), ==, 0);
    g_assert_cmpuint(mmio_read(DEVCFG(20), 4), ==, 512);

    g_assert_cmpint(fx.level[1], ==, 0);
    submit_read(3, sizeof(got));
    /* One used element: head 0, data plus the status byte written. */
    g_assert_cmpuint(address_space_lduw_le(AS, USED + 2, ATTRS, NULL), ==, 1);
    g_assert_cmpuint(address_space_ldl_le(AS, USED + 4, ATTRS, NULL), ==, 0);
    g_assert_cmpuint(address_space_ldl_le(AS, USED + 8, ATTRS, NULL), ==, sizeof(got) + 1);
    g_assert_cmpuint(address_space_ldub(AS, STATUS, ATTRS, NULL), ==, 0);
    g_assert_cmpint(address_space_read(AS, DATA, ATTRS, got, sizeof(got)), ==, MEMTX_OK);
    file_bytes(3 * 512, want, sizeof(want));
    g_assert_cmpmem(got, sizeof(got), want, sizeof(want));

    /* INTA of slot 1 is line (0 + 1) % 4 = 1 (SPI 4 on virt); status shows it. */
    g_assert_cmpint(fx.level[0], ==, 0);
    g_assert_cmpint(fx.level[1], ==, 1);
    g_assert_true(cfg_read(BLK_DEVFN, PCI_STATUS, 2) & PCI_STATUS_INTERRUPT);
    /* INTX_DISABLE masks the line, not the status bit. */
    cfg_write(BLK_DEVFN, PCI_COMMAND,
              PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_INTX_DISABLE, 2);
    g_assert_cmpint(fx.level[1], ==, 0);
    g_assert_true(cfg_read(BLK_DEVFN, PCI_STATUS, 2) & PCI_STATUS_INTERRUPT);
    cfg_write(BLK_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER, 2);
    g_assert_cmpint(fx.level[1], ==, 1);
    /* Reading the ISR returns the queue bit, clears it, lowers the line. */
    g_assert_cmphex(mmio_read(ISR, 1), ==, VIRTIO_ISR_QUEUE);
    g_assert_cmpint(fx.level[1], ==, 0);
    g_assert_false(cfg_read(BLK_DEVFN, PCI_STATUS, 2) & PCI_STATUS_INTERRUPT);
    g_assert_cmphex(mmio_read(ISR, 1), ==, 0);
    log = log_text();
    g_assert_cmpstr(log, ==, "");
    teardown();
}

/* Pin A of slots 1..4 lands on lines 1, 2, 3, 0: the swizzle. */
static void test_intx_swizzle(void)
{
    DeviceState *rng[3];

    setup();
    for (int i = 0; i < 3; i++) {
        g_autofree char *props = g_strdup_printf("addr=%d", i + 2);

        rng[i] = add_pci(&virtio_rng_pci_class, props, &error_abort);
    }
    for (int slot = 1; slot <= 4; slot++) {
        DeviceState *d = slot == 1 ? fx.dev : rng[slot - 2];
        VirtIODevice *vdev = virtio_device(g_ptr_array_index(d->children, 0));
        int line = slot % 4;

        virtio_notify_config(vdev);
        for (int l = 0; l < GPEX_NUM_IRQS; l++) {
            g_assert_cmpint(fx.level[l], ==, l == line);
        }
        virtio_isr_ack(vdev, VIRTIO_ISR_CONFIG);
        g_assert_cmpint(fx.level[line], ==, 0);
    }
    /* Two devices on one line: it stays high until both let go. */
    virtio_notify_config(blk_vdev());
    {
        /* slot 5 pin A would share line 1: use pci_set_irq on a slot-5 device. */
        DeviceState *d5 = add_pci(&virtio_rng_pci_class, "addr=5", &error_abort);

        pci_set_irq(pci_device(d5), 1);
        g_assert_cmpint(fx.level[1], ==, 1);
        virtio_isr_ack(blk_vdev(), VIRTIO_ISR_CONFIG);
        g_assert_cmpint(fx.level[1], ==, 1);
        pci_set_irq(pci_device(d5), 0);
        g_assert_cmpint(fx.level[1], ==, 0);
        device_destroy(d5);
    }
    for (int i = 0; i < 3; i++) {
        device_destroy(rng[i]);
    }
    teardown();
}

/* Without Command.MASTER the device cannot reach memory: the request fails, no data moves. */
static void test_bus_master_off(void)
{
    g_autofree char *log = NULL;

    setup();
    start_driver(PCI_COMMAND_MEMORY);
    address_space_stb(AS, DATA, 0x5a, ATTRS, NULL);
    submit_read(0, 512);
    g_assert_cmpuint(address_space_lduw_le(AS, USED + 2, ATTRS, NULL), ==, 0);
    g_assert_cmpuint(address_space_ldub(AS, DATA, ATTRS, NULL), ==, 0x5a);
    g_assert_true(mmio_read(COMMON(VIRTIO_PCI_COMMON_STATUS), 1) &
                  VIRTIO_CONFIG_S_NEEDS_RESET);
    log = log_text();
    g_assert_nonnull(strstr(log, "virtio-blk"));
    teardown();
}

/* The PCI configuration access capability reaches BAR 4 through config space (§4.1.4.8). */
static void test_pci_cfg_window(void)
{
    const uint32_t cap = 0x84;

    setup();
    cfg_write(BLK_DEVFN, cap + VIRTIO_PCI_CAP_BAR, VIRTIO_PCI_BAR, 1);
    cfg_write(BLK_DEVFN, cap + VIRTIO_PCI_CAP_OFFSET, VIRTIO_PCI_COMMON_NUMQ, 4);
    cfg_write(BLK_DEVFN, cap + VIRTIO_PCI_CAP_LENGTH, 2, 4);
    g_assert_cmphex(cfg_read(BLK_DEVFN, cap + VIRTIO_PCI_CFG_CAP_DATA, 4), ==, 1);
    /* A write: device status ACKNOWLEDGE, seen through the BAR. */
    cfg_write(BLK_DEVFN, cap + VIRTIO_PCI_CAP_OFFSET, VIRTIO_PCI_COMMON_STATUS, 4);
    cfg_write(BLK_DEVFN, cap + VIRTIO_PCI_CAP_LENGTH, 1, 4);
    cfg_write(BLK_DEVFN, cap + VIRTIO_PCI_CFG_CAP_DATA, VIRTIO_CONFIG_S_ACKNOWLEDGE, 4);
    g_assert_cmphex(blk_vdev()->status, ==, VIRTIO_CONFIG_S_ACKNOWLEDGE);
    /* Capacity through the device configuration window. */
    cfg_write(BLK_DEVFN, cap + VIRTIO_PCI_CAP_OFFSET, VIRTIO_PCI_DEVICE_OFFSET, 4);
    cfg_write(BLK_DEVFN, cap + VIRTIO_PCI_CAP_LENGTH, 4, 4);
    g_assert_cmphex(cfg_read(BLK_DEVFN, cap + VIRTIO_PCI_CFG_CAP_DATA, 4), ==,
                    DISK_SIZE / 512);
    /* Another BAR: nothing happens. */
    cfg_write(BLK_DEVFN, cap + VIRTIO_PCI_CAP_BAR, 0, 1);
    cfg_write(BLK_DEVFN, cap + VIRTIO_PCI_CAP_OFFSET, VIRTIO_PCI_COMMON_STATUS, 4);
    cfg_write(BLK_DEVFN, cap + VIRTIO_PCI_CAP_LENGTH, 1, 4);
    cfg_write(BLK_DEVFN, cap + VIRTIO_PCI_CFG_CAP_DATA, 0, 4);
    g_assert_cmphex(blk_vdev()->status, ==, VIRTIO_CONFIG_S_ACKNOWLEDGE);
    teardown();
}

/* Queue registers are frozen while enabled; bad sizes and queue_enable=0 are logged. */
static void test_queue_rules(void)
{
    g_autofree char *log = NULL;

    setup();
    start_driver(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_DESCLO), 0x1000, 4);
    g_assert_cmphex(mmio_read(COMMON(VIRTIO_PCI_COMMON_Q_DESCLO), 4), ==, (uint32_t)DESC);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_SIZE), 4, 2);
    g_assert_cmpuint(mmio_read(COMMON(VIRTIO_PCI_COMMON_Q_SIZE), 2), ==, QSZ);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_ENABLE), 0, 2);
    g_assert_cmpuint(mmio_read(COMMON(VIRTIO_PCI_COMMON_Q_ENABLE), 2), ==, 1);
    /* Queue 1 does not exist: reads 0, writes logged. */
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_SELECT), 1, 2);
    g_assert_cmpuint(mmio_read(COMMON(VIRTIO_PCI_COMMON_Q_SIZE), 2), ==, 0);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_Q_SIZE), 4, 2);
    /* A notification for a queue that does not exist; a read-only field written. */
    mmio_write(BAR_ADDR + VIRTIO_PCI_NOTIFY_OFFSET + 4 * 7, 7, 2);
    mmio_write(COMMON(VIRTIO_PCI_COMMON_NUMQ), 5, 2);
    log = log_text();
    g_assert_nonnull(strstr(log, "ring address written while enabled"));
    g_assert_nonnull(strstr(log, "queue 0: size 4"));
    g_assert_nonnull(strstr(log, "queue_enable written with 0"));
    g_assert_nonnull(strstr(log, "of queue 1; the device has 1"));
    g_assert_nonnull(strstr(log, "notification at 0x1c names no queue"));
    g_assert_nonnull(strstr(log, "to common config 0x12"));
    teardown();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    log_init();
    g_test_add_func("/pci/ecam/host-bridge", test_host_bridge);
    g_test_add_func("/pci/ecam/bad-access", test_bad_config_access);
    g_test_add_func("/pci/header/virtio", test_virtio_header);
    g_test_add_func("/pci/bar/sizing", test_bar_sizing);
    g_test_add_func("/pci/bar/mapping", test_bar_mapping);
    g_test_add_func("/pci/capabilities", test_capabilities);
    g_test_add_func("/pci/addr-property", test_addr_property);
    g_test_add_func("/pci/intx/swizzle", test_intx_swizzle);
    g_test_add_func("/virtio-pci/features", test_feature_negotiation);
    g_test_add_func("/virtio-pci/queue-rules", test_queue_rules);
    g_test_add_func("/virtio-pci/blk-read", test_blk_read);
    g_test_add_func("/virtio-pci/bus-master-off", test_bus_master_off);
    g_test_add_func("/virtio-pci/pci-cfg-window", test_pci_cfg_window);
    return g_test_run();
}
