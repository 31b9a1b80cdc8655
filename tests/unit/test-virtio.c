/*
 * virtio through the guest driver's eyes: the test is the driver. The
 * real virtio-mmio transport and the real virtio-blk/virtio-rng devices
 * sit in the system memory map next to 1 MiB of RAM holding the rings and
 * buffers, and every step is a real MMIO access or a write to guest RAM,
 * following the virtio 1.2 specification (§3.1 initialisation, §2.7 split
 * virtqueues, §4.2 virtio-mmio, §5.2 block, §5.4 entropy).
 *
 * Disks are real temporary image files opened through -drive options
 * (a MachineState with its drives, as main() builds it); data is checked
 * with SHA-256 against what the host reads from the file. Misbehaving
 * drivers (descriptor loops, wild addresses) must give a guest_errors log
 * line and a device in DEVICE_NEEDS_RESET, never a crash: the log goes to a
 * temporary file that the tests read.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bswap.h"
#include "util/log.h"
#include "block/block-backend.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-blk.h"
#include "hw/virtio/virtio-mmio.h"
#include "hw/virtio/virtio-rng.h"
#include "softmmu/machine.h"
#include "softmmu/memory.h"

#define MMIO_BASE   0x0a000000
#define RAM_BASE    0x40000000
#define RAM_SIZE    (1 * MiB)
#define DESC        (RAM_BASE + 0x0000)
#define AVAIL       (RAM_BASE + 0x1000)
#define USED        (RAM_BASE + 0x2000)
#define INDIRECT    (RAM_BASE + 0x3000)
#define HDR         (RAM_BASE + 0x4000)
#define STATUS      (RAM_BASE + 0x4100)
#define DATA        (RAM_BASE + 0x10000)
#define QSZ         8
#define DISK_SIZE   (1 * MiB)
#define WILD        0x7000000000ull

#define AS (get_address_space_memory())
#define ATTRS MEMTXATTRS_UNSPECIFIED

/* Feature bits of virtio-blk (§5.2.3). */
#define BLK_F_SEG_MAX   2
#define BLK_F_RO        5
#define BLK_F_BLK_SIZE  6
#define BLK_F_FLUSH     9

typedef struct Fixture {
    MemoryRegion ram;
    MachineState ms;
    DeviceState *transport;
    DeviceState *dev;
    IRQLine *irq;
    int irq_level;
    char *dir;
    char *image;
    char *log;
    uint16_t avail_idx;         /* the driver's next avail slot */
    uint16_t used_seen;         /* used entries the driver has consumed */
} Fixture;

static Fixture fx;

/* ---- Plumbing ---- */

static uint32_t rd(hwaddr reg)
{
    MemTxResult res;
    uint32_t v = address_space_ldl_le(AS, MMIO_BASE + reg, ATTRS, &res);

    g_assert_cmpint(res, ==, MEMTX_OK);
    return v;
}

static void wr(hwaddr reg, uint32_t value)
{
    MemTxResult res;

    address_space_stl_le(AS, MMIO_BASE + reg, value, ATTRS, &res);
    g_assert_cmpint(res, ==, MEMTX_OK);
}

static void ram_write(hwaddr addr, const void *buf, size_t len)
{
    g_assert_cmpint(address_space_write(AS, addr, ATTRS, buf, len), ==, MEMTX_OK);
}

static void ram_read(hwaddr addr, void *buf, size_t len)
{
    g_assert_cmpint(address_space_read(AS, addr, ATTRS, buf, len), ==, MEMTX_OK);
}

static void ram_w16(hwaddr addr, uint16_t v)
{
    address_space_stw_le(AS, addr, v, ATTRS, NULL);
}

static uint16_t ram_r16(hwaddr addr)
{
    return address_space_lduw_le(AS, addr, ATTRS, NULL);
}

static uint32_t ram_r32(hwaddr addr)
{
    return address_space_ldl_le(AS, addr, ATTRS, NULL);
}

static void record_irq(void *opaque, int n, int level)
{
    *(int *)opaque = level;
}

static char *log_text(void)
{
    char *text = NULL;

    fflush(log_stream());
    g_assert_true(g_file_get_contents(fx.log, &text, NULL, NULL));
    return text;
}

static char *sha256(const void *data, size_t len)
{
    return g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
}

/* A disk image: DISK_SIZE bytes of a fixed pseudo-random pattern. */
static void make_image(void)
{
    g_autofree uint8_t *bytes = g_malloc(DISK_SIZE);
    GRand *rand = g_rand_new_with_seed(42);

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

static void add_drive(const char *opts)
{
    MachineDrive drive = { .opts = keyval_parse(opts, NULL, &error_abort) };

    g_array_append_val(fx.ms.drives, drive);
}

/*
 * RAM, a transport (legacy or not) and, unless dc is NULL, a device of
 * class dc with its properties "k=v,k=v" (may be NULL).
 */
static void setup(bool legacy, const DeviceClass *dc, const char *props)
{
    memset(&fx, 0, sizeof(fx));
    fx.dir = g_dir_make_tmp("test-virtio-XXXXXX", NULL);
    fx.image = g_build_filename(fx.dir, "disk.img", NULL);
    fx.log = g_build_filename(fx.dir, "log.txt", NULL);
    make_image();
    g_assert_true(log_set_file(fx.log, &error_abort));
    g_assert_true(log_enable_items("guest_errors", &error_abort));

    fx.ms.drives = g_array_new(false, true, sizeof(MachineDrive));
    current_machine = &fx.ms;

    memory_region_init_ram(&fx.ram, "ram", RAM_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), RAM_BASE, &fx.ram);

    fx.transport = device_new(&virtio_mmio_class);
    device_set_prop_bool(fx.transport, "force-legacy", legacy, &error_abort);
    g_assert_true(device_realize(fx.transport, NULL, &error_abort));
    device_mmio_map(fx.transport, 0, MMIO_BASE);
    fx.irq = irq_new(record_irq, &fx.irq_level, 0);
    device_connect_irq(fx.transport, 0, fx.irq);

    if (dc) {
        g_auto(GStrv) pairs = props ? g_strsplit(props, ",", -1) : NULL;

        fx.dev = device_new(dc);
        for (int i = 0; pairs && pairs[i]; i++) {
            g_auto(GStrv) kv = g_strsplit(pairs[i], "=", 2);

            g_assert_true(device_set_prop(fx.dev, kv[0], kv[1], &error_abort));
        }
        g_assert_true(device_realize(fx.dev, NULL, &error_abort));
    }
    device_reset(fx.transport);
}

static void teardown(void)
{
    device_destroy(fx.dev);
    memory_region_del_subregion(get_system_memory(), device_get_mmio(fx.transport, 0));
    device_destroy(fx.transport);
    irq_free(fx.irq);
    memory_region_del_subregion(get_system_memory(), &fx.ram);
    memory_region_finalize(&fx.ram);
    for (guint i = 0; i < fx.ms.drives->len; i++) {
        keyval_free(g_array_index(fx.ms.drives, MachineDrive, i).opts);
    }
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

/* A disk device on the image with extra drive options, e.g. ",readonly=on". */
static void setup_blk(const char *drive_opts, const char *dev_props)
{
    g_autofree char *opts = NULL;
    g_autofree char *props = NULL;

    setup(false, NULL, NULL);
    opts = g_strdup_printf("file=%s,format=raw,if=none,id=d0%s", fx.image,
                           drive_opts ? drive_opts : "");
    add_drive(opts);
    props = g_strdup_printf("drive=d0%s%s", dev_props ? "," : "", dev_props ? dev_props : "");
    {
        g_auto(GStrv) pairs = g_strsplit(props, ",", -1);

        fx.dev = device_new(&virtio_blk_device_class);
        for (int i = 0; pairs[i]; i++) {
            g_auto(GStrv) kv = g_strsplit(pairs[i], "=", 2);

            g_assert_true(device_set_prop(fx.dev, kv[0], kv[1], &error_abort));
        }
        g_assert_true(device_realize(fx.dev, NULL, &error_abort));
    }
}

/* ---- The driver (§3.1.1) ---- */

static uint64_t device_features(void)
{
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    uint64_t lo = rd(VIRTIO_MMIO_DEVICE_FEATURES);
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    return lo | (uint64_t)rd(VIRTIO_MMIO_DEVICE_FEATURES) << 32;
}

/* Steps 1-6: returns whether the device kept FEATURES_OK. */
static bool negotiate(uint64_t features)
{
    wr(VIRTIO_MMIO_STATUS, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_STATUS), ==, 0);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, features);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, features >> 32);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
       VIRTIO_CONFIG_S_FEATURES_OK);
    return rd(VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_FEATURES_OK;
}

static void clear_rings(void)
{
    static const uint8_t zero[0x3000];

    ram_write(DESC, zero, sizeof(zero));
    fx.avail_idx = fx.used_seen = 0;
}

/* Steps 7-8 for queue 0 (version 2), then DRIVER_OK. */
static void start(uint64_t features)
{
    g_assert_true(negotiate(features | 1ull << VIRTIO_F_VERSION_1));
    clear_rings();
    wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_READY), ==, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), >=, QSZ);
    wr(VIRTIO_MMIO_QUEUE_NUM, QSZ);
    wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC);
    wr(VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_READY, 1);
    g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_READY), ==, 1);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
       VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK);
}

/* Writes descriptor i of the table at `table`. */
static void put_desc(hwaddr table, unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
                     uint16_t next)
{
    uint8_t d[VIRTQ_DESC_SIZE];

    st64_le_p(d, addr);
    st32_le_p(d + 8, len);
    st16_le_p(d + 12, flags);
    st16_le_p(d + 14, next);
    ram_write(table + i * VIRTQ_DESC_SIZE, d, sizeof(d));
}

/* Makes chain `head` available and kicks queue 0. */
static void kick(uint16_t head)
{
    ram_w16(AVAIL + 4 + 2 * (fx.avail_idx % QSZ), head);
    fx.avail_idx++;
    ram_w16(AVAIL + 2, fx.avail_idx);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
}

/* The next used element: asserts there is one; returns its len, *id its head. */
static uint32_t take_used(uint32_t *id)
{
    hwaddr elem = USED + 4 + VIRTQ_USED_ELEM_SIZE * (fx.used_seen % QSZ);

    g_assert_cmpuint(ram_r16(USED + 2), ==, (uint16_t)(fx.used_seen + 1));
    fx.used_seen++;
    if (id) {
        *id = ram_r32(elem);
    }
    return ram_r32(elem + 4);
}

static void ack_irq(void)
{
    wr(VIRTIO_MMIO_INTERRUPT_ACK, rd(VIRTIO_MMIO_INTERRUPT_STATUS));
    g_assert_cmpint(fx.irq_level, ==, 0);
}

/*
 * One block request as three direct descriptors (header, data, status), the
 * way Linux lays them out; returns the status byte, *used_len the length.
 */
static uint8_t blk_request(uint32_t type, uint64_t sector, hwaddr data, uint32_t len,
                           uint32_t *used_len)
{
    uint8_t hdr[16] = { 0 };
    uint8_t status = 0xff;
    uint16_t data_flags = type == VIRTIO_BLK_T_OUT ? 0 : VIRTQ_DESC_F_WRITE;
    uint32_t id, ulen;

    st32_le_p(hdr, type);
    st64_le_p(hdr + 8, sector);
    ram_write(HDR, hdr, sizeof(hdr));
    ram_write(STATUS, &status, 1);
    put_desc(DESC, 0, HDR, sizeof(hdr), VIRTQ_DESC_F_NEXT, 1);
    if (len) {
        put_desc(DESC, 1, data, len, data_flags | VIRTQ_DESC_F_NEXT, 2);
        put_desc(DESC, 2, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
    } else {
        put_desc(DESC, 1, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
    }
    kick(0);
    ulen = take_used(&id);
    g_assert_cmpuint(id, ==, 0);
    if (used_len) {
        *used_len = ulen;
    }
    ram_read(STATUS, &status, 1);
    return status;
}

static uint64_t blk_capacity(void)
{
    return rd(VIRTIO_MMIO_CONFIG) | (uint64_t)rd(VIRTIO_MMIO_CONFIG + 4) << 32;
}

/* ---- Register protocol ---- */

static void test_registers(void)
{
    uint64_t features;

    setup_blk(NULL, NULL);
    g_assert_cmphex(rd(VIRTIO_MMIO_MAGIC_VALUE), ==, 0x74726976);
    g_assert_cmpuint(rd(VIRTIO_MMIO_VERSION), ==, 2);
    g_assert_cmpuint(rd(VIRTIO_MMIO_DEVICE_ID), ==, VIRTIO_ID_BLOCK);
    g_assert_cmphex(rd(VIRTIO_MMIO_VENDOR_ID), ==, 0x554d4551);

    features = device_features();
    g_assert_true(virtio_has_feature(features, VIRTIO_F_VERSION_1));
    g_assert_true(virtio_has_feature(features, VIRTIO_F_INDIRECT_DESC));
    g_assert_true(virtio_has_feature(features, VIRTIO_F_EVENT_IDX));
    g_assert_true(virtio_has_feature(features, BLK_F_SEG_MAX));
    g_assert_true(virtio_has_feature(features, BLK_F_BLK_SIZE));
    g_assert_true(virtio_has_feature(features, BLK_F_FLUSH));
    g_assert_false(virtio_has_feature(features, BLK_F_RO));
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 2);
    g_assert_cmpuint(rd(VIRTIO_MMIO_DEVICE_FEATURES), ==, 0);

    /* Config space (§5.2.4): capacity in sectors, seg_max, blk_size; byte reads too. */
    g_assert_cmpuint(blk_capacity(), ==, DISK_SIZE / 512);
    g_assert_cmpuint(rd(VIRTIO_MMIO_CONFIG + 12), ==, 256 - 2);
    g_assert_cmpuint(rd(VIRTIO_MMIO_CONFIG + 20), ==, 512);
    g_assert_cmpuint(address_space_ldub(AS, MMIO_BASE + VIRTIO_MMIO_CONFIG + 1, ATTRS, NULL),
                     ==, (DISK_SIZE / 512) >> 8);

    /* Queues: one of 256; queue 1 does not exist. */
    wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), ==, 256);
    wr(VIRTIO_MMIO_QUEUE_SEL, 1);
    g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), ==, 0);
    /* No shared memory regions. */
    g_assert_cmphex(rd(VIRTIO_MMIO_SHM_LEN_LOW), ==, 0xffffffff);

    /* §3.1.1: features without VERSION_1, or not offered, lose FEATURES_OK. */
    g_assert_false(negotiate(1ull << BLK_F_FLUSH));
    g_assert_false(negotiate(1ull << VIRTIO_F_VERSION_1 | 1ull << BLK_F_RO));
    g_assert_true(negotiate(1ull << VIRTIO_F_VERSION_1 | 1ull << BLK_F_FLUSH));
    g_assert_cmpuint(rd(VIRTIO_MMIO_STATUS), ==, VIRTIO_CONFIG_S_ACKNOWLEDGE |
                     VIRTIO_CONFIG_S_DRIVER | VIRTIO_CONFIG_S_FEATURES_OK);
    /* Writing 0 resets: status, queue state. */
    start(0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_DRIVER_OK, !=, 0);
    wr(VIRTIO_MMIO_STATUS, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_STATUS), ==, 0);
    wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_READY), ==, 0);
    teardown();
}

/* A transport with nothing plugged in: device id 0 ("no device", §4.2.3.1.1). */
static void test_empty_transport(void)
{
    g_autofree char *log = NULL;

    setup(false, NULL, NULL);
    g_assert_cmphex(rd(VIRTIO_MMIO_MAGIC_VALUE), ==, 0x74726976);
    g_assert_cmpuint(rd(VIRTIO_MMIO_DEVICE_ID), ==, 0);
    wr(VIRTIO_MMIO_STATUS, 1);
    g_assert_cmpuint(rd(VIRTIO_MMIO_STATUS), ==, 0);
    log = log_text();
    g_assert_nonnull(strstr(log, "with no device"));
    teardown();
}

/* ---- virtio-blk ---- */

static void test_blk_read_write(void)
{
    g_autofree uint8_t *buf = g_malloc(8192);
    g_autofree uint8_t *host = g_malloc(8192);
    g_autofree char *want = NULL, *got = NULL;
    uint32_t used_len;

    setup_blk(NULL, NULL);
    start(0);

    /* Read 8 sectors from sector 10. */
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, 10, DATA, 4096, &used_len), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmpuint(used_len, ==, 4096 + 1);
    ram_read(DATA, buf, 4096);
    file_bytes(10 * 512, host, 4096);
    want = sha256(host, 4096);
    got = sha256(buf, 4096);
    g_assert_cmpstr(got, ==, want);
    /* Used buffer notification: ISR bit 0 and the line. */
    g_assert_cmpuint(rd(VIRTIO_MMIO_INTERRUPT_STATUS), ==, VIRTIO_ISR_QUEUE);
    g_assert_cmpint(fx.irq_level, ==, 1);
    ack_irq();

    /* Write 16 sectors at sector 100; the file has them. */
    for (int i = 0; i < 8192; i++) {
        buf[i] = i * 7 + 3;
    }
    ram_write(DATA, buf, 8192);
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_OUT, 100, DATA, 8192, &used_len), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmpuint(used_len, ==, 1);
    file_bytes(100 * 512, host, 8192);
    g_free(want);
    g_free(got);
    want = sha256(buf, 8192);
    got = sha256(host, 8192);
    g_assert_cmpstr(got, ==, want);

    /* Read it back through the device, at another place in RAM. */
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, 100, DATA + 0x8000, 8192, NULL), ==,
                     VIRTIO_BLK_S_OK);
    ram_read(DATA + 0x8000, host, 8192);
    g_assert_cmpmem(host, 8192, buf, 8192);

    /* The last sector of the disk is fine too. */
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, DISK_SIZE / 512 - 1, DATA, 512, NULL), ==,
                     VIRTIO_BLK_S_OK);

    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_FLUSH, 0, 0, 0, &used_len), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmpuint(used_len, ==, 1);
    teardown();
}

static void test_blk_out_of_range(void)
{
    uint64_t sectors = DISK_SIZE / 512;
    g_autofree char *log = NULL;

    setup_blk(NULL, NULL);
    start(0);
    /* Two sectors starting at the last one; far beyond; not a whole sector. */
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, sectors - 1, DATA, 1024, NULL), ==,
                     VIRTIO_BLK_S_IOERR);
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_OUT, sectors, DATA, 512, NULL), ==,
                     VIRTIO_BLK_S_IOERR);
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, UINT64_MAX / 256, DATA, 512, NULL), ==,
                     VIRTIO_BLK_S_IOERR);
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, 0, DATA, 100, NULL), ==,
                     VIRTIO_BLK_S_IOERR);
    /* Unknown request types are UNSUPP; the device keeps working. */
    g_assert_cmpuint(blk_request(0x99, 0, 0, 0, NULL), ==, VIRTIO_BLK_S_UNSUPP);
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, 0, DATA, 512, NULL), ==, VIRTIO_BLK_S_OK);
    log = log_text();
    g_assert_nonnull(strstr(log, "beyond the disk"));
    teardown();
}

static void test_blk_readonly(void)
{
    uint8_t before[512], after[512], junk[512];

    setup_blk(",readonly=on", NULL);
    g_assert_true(virtio_has_feature(device_features(), BLK_F_RO));
    start(1ull << BLK_F_RO);
    file_bytes(0, before, sizeof(before));
    memset(junk, 0x5a, sizeof(junk));
    ram_write(DATA, junk, sizeof(junk));
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_OUT, 0, DATA, 512, NULL), ==,
                     VIRTIO_BLK_S_IOERR);
    file_bytes(0, after, sizeof(after));
    g_assert_cmpmem(before, sizeof(before), after, sizeof(after));
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, 0, DATA, 512, NULL), ==, VIRTIO_BLK_S_OK);
    teardown();
}

/* snapshot=on: the guest sees its writes, the file does not change. */
static void test_blk_snapshot(void)
{
    uint8_t before[1024], after[1024], pattern[1024];

    setup_blk(",snapshot=on", NULL);
    start(0);
    file_bytes(4096 - 512, before, sizeof(before));
    memset(pattern, 0xa5, sizeof(pattern));
    ram_write(DATA, pattern, sizeof(pattern));
    /* Across an overlay chunk boundary (4 KiB). */
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_OUT, 7, DATA, 1024, NULL), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, 6, DATA + 0x1000, 2048, NULL), ==,
                     VIRTIO_BLK_S_OK);
    ram_read(DATA + 0x1000 + 512, after, sizeof(after));
    g_assert_cmpmem(after, sizeof(after), pattern, sizeof(pattern));
    file_bytes(4096 - 512, after, sizeof(after));
    g_assert_cmpmem(after, sizeof(after), before, sizeof(before));
    teardown();
}

static void test_blk_get_id(void)
{
    char id[VIRTIO_BLK_ID_BYTES + 4];
    uint32_t used_len;

    setup_blk(NULL, "serial=koine-disk-7");
    start(0);
    memset(id, 'x', sizeof(id));
    ram_write(DATA, id, sizeof(id));
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_GET_ID, 0, DATA, VIRTIO_BLK_ID_BYTES,
                                 &used_len), ==, VIRTIO_BLK_S_OK);
    g_assert_cmpuint(used_len, ==, VIRTIO_BLK_ID_BYTES + 1);
    ram_read(DATA, id, sizeof(id));
    g_assert_cmpmem(id, 11, "koine-disk-", 11);
    g_assert_cmpint(id[11], ==, '7');
    for (int i = 12; i < VIRTIO_BLK_ID_BYTES; i++) {
        g_assert_cmpint(id[i], ==, 0);
    }
    g_assert_cmpint(id[VIRTIO_BLK_ID_BYTES], ==, 'x');     /* nothing beyond 20 bytes */
    teardown();
}

/* §2.7.5.3: one descriptor naming a table of three. */
static void test_indirect(void)
{
    uint8_t hdr[16] = { 0 }, status = 0xff, buf[2048], host[2048];
    uint32_t id;

    setup_blk(NULL, NULL);
    start(1ull << VIRTIO_F_INDIRECT_DESC);
    st32_le_p(hdr, VIRTIO_BLK_T_IN);
    st64_le_p(hdr + 8, 33);
    ram_write(HDR, hdr, sizeof(hdr));
    ram_write(STATUS, &status, 1);
    put_desc(INDIRECT, 0, HDR, 16, VIRTQ_DESC_F_NEXT, 2);      /* out of order on purpose */
    put_desc(INDIRECT, 2, DATA, 2048, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    put_desc(INDIRECT, 1, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
    put_desc(DESC, 5, INDIRECT, 3 * VIRTQ_DESC_SIZE, VIRTQ_DESC_F_INDIRECT, 0);
    kick(5);
    g_assert_cmpuint(take_used(&id), ==, 2048 + 1);
    g_assert_cmpuint(id, ==, 5);
    ram_read(STATUS, &status, 1);
    g_assert_cmpuint(status, ==, VIRTIO_BLK_S_OK);
    ram_read(DATA, buf, sizeof(buf));
    file_bytes(33 * 512, host, sizeof(host));
    g_assert_cmpmem(buf, sizeof(buf), host, sizeof(host));
    teardown();
}

/* §2.7.10: used_event suppresses interrupts, avail_event tells where to kick. */
static void test_event_idx(void)
{
    hwaddr used_event = AVAIL + 4 + 2 * QSZ;
    hwaddr avail_event = USED + 4 + VIRTQ_USED_ELEM_SIZE * QSZ;

    setup_blk(NULL, NULL);
    start(1ull << VIRTIO_F_EVENT_IDX);
    /* used_event 0: interrupt when used->idx passes 0 -> 1. */
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, 0, DATA, 512, NULL), ==, VIRTIO_BLK_S_OK);
    g_assert_cmpuint(rd(VIRTIO_MMIO_INTERRUPT_STATUS), ==, VIRTIO_ISR_QUEUE);
    ack_irq();
    /* The device asks to be kicked for the next request, avail slot 1. */
    g_assert_cmpuint(ram_r16(avail_event), ==, 1);

    /* "Interrupt me only after entry 5": requests 2..5 complete quietly. */
    ram_w16(used_event, 5);
    for (int i = 0; i < 4; i++) {
        g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, i, DATA, 512, NULL), ==,
                         VIRTIO_BLK_S_OK);
        g_assert_cmpuint(rd(VIRTIO_MMIO_INTERRUPT_STATUS), ==, 0);
        g_assert_cmpint(fx.irq_level, ==, 0);
    }
    g_assert_cmpuint(ram_r16(avail_event), ==, 5);
    /* Entry 5 (used->idx 5 -> 6) is the one asked for. */
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, 0, DATA, 512, NULL), ==, VIRTIO_BLK_S_OK);
    g_assert_cmpuint(rd(VIRTIO_MMIO_INTERRUPT_STATUS), ==, VIRTIO_ISR_QUEUE);
    ack_irq();
    teardown();
}

/* Without EVENT_IDX, VIRTQ_AVAIL_F_NO_INTERRUPT does the suppressing (§2.7.7). */
static void test_no_interrupt_flag(void)
{
    setup_blk(NULL, NULL);
    start(0);
    ram_w16(AVAIL, VIRTQ_AVAIL_F_NO_INTERRUPT);
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, 0, DATA, 512, NULL), ==, VIRTIO_BLK_S_OK);
    g_assert_cmpuint(rd(VIRTIO_MMIO_INTERRUPT_STATUS), ==, 0);
    ram_w16(AVAIL, 0);
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, 0, DATA, 512, NULL), ==, VIRTIO_BLK_S_OK);
    g_assert_cmpuint(rd(VIRTIO_MMIO_INTERRUPT_STATUS), ==, VIRTIO_ISR_QUEUE);
    teardown();
}

/*
 * The device is broken after a malformed chain: NEEDS_RESET, a config
 * interrupt, nothing used, the message in the log; a reset revives it.
 */
static void expect_broken(const char *message)
{
    g_autofree char *log = log_text();

    g_assert_nonnull(strstr(log, message));
    g_assert_cmpuint(rd(VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_NEEDS_RESET, !=, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_ISR_CONFIG, !=, 0);
    g_assert_cmpint(fx.irq_level, ==, 1);
    g_assert_cmpuint(ram_r16(USED + 2), ==, fx.used_seen);
    /* Further kicks do nothing. */
    kick(0);
    g_assert_cmpuint(ram_r16(USED + 2), ==, fx.used_seen);

    start(0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_NEEDS_RESET, ==, 0);
    g_assert_cmpuint(blk_request(VIRTIO_BLK_T_IN, 0, DATA, 512, NULL), ==, VIRTIO_BLK_S_OK);
}

static void test_descriptor_loop(void)
{
    setup_blk(NULL, NULL);
    start(0);
    put_desc(DESC, 0, HDR, 16, VIRTQ_DESC_F_NEXT, 1);
    put_desc(DESC, 1, DATA, 512, VIRTQ_DESC_F_NEXT, 0);
    kick(0);
    expect_broken("loops");
    teardown();
}

static void test_indirect_loop(void)
{
    setup_blk(NULL, NULL);
    start(1ull << VIRTIO_F_INDIRECT_DESC);
    put_desc(INDIRECT, 0, HDR, 16, VIRTQ_DESC_F_NEXT, 1);
    put_desc(INDIRECT, 1, DATA, 512, VIRTQ_DESC_F_NEXT, 0);
    put_desc(DESC, 0, INDIRECT, 2 * VIRTQ_DESC_SIZE, VIRTQ_DESC_F_INDIRECT, 0);
    kick(0);
    expect_broken("loops");
    teardown();
}

static void test_wild_buffer(void)
{
    setup_blk(NULL, NULL);
    start(0);
    put_desc(DESC, 0, HDR, 16, VIRTQ_DESC_F_NEXT, 1);
    put_desc(DESC, 1, WILD, 4096, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    put_desc(DESC, 2, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    expect_broken("outside guest memory");
    teardown();
}

static void test_wild_ring(void)
{
    setup_blk(NULL, NULL);
    start(0);
    /* A head beyond the queue size, then descriptors in unmapped memory. */
    kick(QSZ + 3);
    expect_broken("avail ring names descriptor 11 of 8");
    put_desc(DESC, 0, WILD, 16 * VIRTQ_DESC_SIZE, VIRTQ_DESC_F_INDIRECT, 0);
    wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    kick(0);
    {
        g_autofree char *log = log_text();

        g_assert_nonnull(strstr(log, "is outside memory"));
    }
    teardown();
}

/* ---- virtio-rng ---- */

static void test_rng(void)
{
    uint8_t a[64], b[64], zero[64] = { 0 };
    uint32_t id;

    setup(false, &virtio_rng_device_class, NULL);
    g_assert_cmpuint(rd(VIRTIO_MMIO_DEVICE_ID), ==, VIRTIO_ID_RNG);
    start(0);
    ram_write(DATA, zero, sizeof(zero));
    ram_write(DATA + 64, zero, sizeof(zero));
    put_desc(DESC, 0, DATA, 32, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    put_desc(DESC, 1, DATA + 32, 32, VIRTQ_DESC_F_WRITE, 0);
    put_desc(DESC, 2, DATA + 64, 64, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    g_assert_cmpuint(take_used(&id), ==, 64);
    g_assert_cmpuint(id, ==, 0);
    kick(2);
    g_assert_cmpuint(take_used(&id), ==, 64);
    g_assert_cmpuint(id, ==, 2);
    ram_read(DATA, a, sizeof(a));
    ram_read(DATA + 64, b, sizeof(b));
    /* 2^-512 chance of a false failure. */
    g_assert_true(memcmp(a, zero, 64) != 0 && memcmp(b, zero, 64) != 0 &&
                  memcmp(a, b, 64) != 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_INTERRUPT_STATUS), ==, VIRTIO_ISR_QUEUE);
    teardown();
}

/* ---- Legacy interface (§4.2.4) ---- */

static void test_legacy(void)
{
    g_autofree char *opts = NULL;
    uint8_t buf[1024], host[1024];
    /* Legacy layout: descriptors, avail ring, used ring at the next 4 KiB. */
    hwaddr ring = RAM_BASE + 0x20000;
    hwaddr used = ring + 0x1000;
    uint8_t hdr[16] = { 0 }, status = 0xff;

    setup(true, NULL, NULL);
    opts = g_strdup_printf("file=%s,if=none,id=d0", fx.image);
    add_drive(opts);
    fx.dev = device_new(&virtio_blk_device_class);
    g_assert_true(device_set_prop(fx.dev, "drive", "d0", &error_abort));
    g_assert_true(device_realize(fx.dev, NULL, &error_abort));

    g_assert_cmpuint(rd(VIRTIO_MMIO_VERSION), ==, 1);
    g_assert_false(virtio_has_feature(device_features(), VIRTIO_F_VERSION_1));
    g_assert_true(virtio_has_feature(device_features(), BLK_F_FLUSH));
    wr(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, 1u << BLK_F_FLUSH);
    wr(VIRTIO_MMIO_GUEST_PAGE_SIZE, 4096);
    wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_PFN), ==, 0);
    wr(VIRTIO_MMIO_QUEUE_NUM, QSZ);
    wr(VIRTIO_MMIO_QUEUE_ALIGN, 4096);
    wr(VIRTIO_MMIO_QUEUE_PFN, ring / 4096);
    g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_PFN), ==, ring / 4096);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
       VIRTIO_CONFIG_S_DRIVER_OK);
    g_assert_cmpuint(blk_capacity(), ==, DISK_SIZE / 512);

    st32_le_p(hdr, VIRTIO_BLK_T_IN);
    st64_le_p(hdr + 8, 2);
    ram_write(HDR, hdr, sizeof(hdr));
    ram_write(STATUS, &status, 1);
    put_desc(ring, 0, HDR, 16, VIRTQ_DESC_F_NEXT, 1);
    put_desc(ring, 1, DATA, sizeof(buf), VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    put_desc(ring, 2, STATUS, 1, VIRTQ_DESC_F_WRITE, 0);
    ram_w16(ring + QSZ * VIRTQ_DESC_SIZE + 4, 0);         /* avail->ring[0] */
    ram_w16(ring + QSZ * VIRTQ_DESC_SIZE + 2, 1);         /* avail->idx */
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    g_assert_cmpuint(ram_r16(used + 2), ==, 1);
    g_assert_cmpuint(ram_r32(used + 8), ==, sizeof(buf) + 1);
    ram_read(STATUS, &status, 1);
    g_assert_cmpuint(status, ==, VIRTIO_BLK_S_OK);
    ram_read(DATA, buf, sizeof(buf));
    file_bytes(2 * 512, host, sizeof(host));
    g_assert_cmpmem(buf, sizeof(buf), host, sizeof(host));
    g_assert_cmpuint(rd(VIRTIO_MMIO_INTERRUPT_STATUS), ==, VIRTIO_ISR_QUEUE);

    /* QueuePFN 0 turns the queue off; status 0 resets. */
    wr(VIRTIO_MMIO_QUEUE_PFN, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_PFN), ==, 0);
    wr(VIRTIO_MMIO_STATUS, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_STATUS), ==, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_INTERRUPT_STATUS), ==, 0);
    g_assert_cmpint(fx.irq_level, ==, 0);
    teardown();
}

/* ---- Configuration errors ---- */

static void expect_realize_error(const char *drive_opts, const char *prop, const char *value,
                                 const char *message)
{
    DeviceState *dev;
    Error *err = NULL;

    if (drive_opts) {
        add_drive(drive_opts);
    }
    dev = device_new(&virtio_blk_device_class);
    if (!device_set_prop(dev, prop, value, &err)) {
        g_assert_nonnull(err);
    } else {
        g_assert_false(device_realize(dev, NULL, &err));
    }
    g_assert_nonnull(strstr(error_get_pretty(err), message));
    error_free(err);
    device_destroy(dev);
}

static void test_config_errors(void)
{
    g_autofree char *qcow2 = NULL, *opts = NULL, *missing = NULL;
    static const char magic[] = "QFI\xfb\0\0\0\3";

    setup(false, NULL, NULL);
    qcow2 = g_build_filename(fx.dir, "image.qcow2", NULL);
    g_assert_true(g_file_set_contents(qcow2, magic, sizeof(magic), NULL));

    expect_realize_error(NULL, "drive", "nosuch", "no -drive with id 'nosuch'");
    missing = g_strdup_printf("file=%s/missing.img,id=m", fx.dir);
    expect_realize_error(missing, "drive", "m", "cannot open");
    opts = g_strdup_printf("file=%s,id=q", qcow2);
    expect_realize_error(opts, "drive", "q", "qcow2 is not supported yet");
    g_free(opts);
    opts = g_strdup_printf("file=%s,format=qcow2,id=q2", fx.image);
    expect_realize_error(opts, "drive", "q2", "qcow2 is not supported yet");
    g_free(opts);
    opts = g_strdup_printf("file=%s,cache=sometimes,id=c", fx.image);
    expect_realize_error(opts, "drive", "c", "cache mode 'sometimes'");
    /* A drive backs one device: the second claim fails. */
    g_free(opts);
    opts = g_strdup_printf("file=%s,id=d0", fx.image);
    add_drive(opts);
    fx.dev = device_new(&virtio_blk_device_class);
    g_assert_true(device_set_prop(fx.dev, "drive", "d0", &error_abort));
    g_assert_true(device_realize(fx.dev, NULL, &error_abort));
    expect_realize_error(NULL, "drive", "d0", "already in use");
    /* The only transport is taken now. */
    {
        g_autofree char *o = g_strdup_printf("file=%s,id=d1,readonly=on", fx.image);

        expect_realize_error(o, "queue-size", "256", "drive property not set");
        add_drive(o);
        expect_realize_error(NULL, "drive", "d1", "no free virtio transport");
    }
    unlink(qcow2);
    teardown();
}

/* An id-less -drive is called IF + index, as QEMU names them. */
static void test_drive_names(void)
{
    BlockBackend *blk;
    g_autofree char *a = NULL, *b = NULL;

    setup(false, NULL, NULL);
    a = g_strdup_printf("file=%s,if=virtio", fx.image);
    b = g_strdup_printf("file=%s,if=virtio,readonly=on", fx.image);
    add_drive(a);
    add_drive("file=/dev/null,if=pflash");
    add_drive(b);
    fx.dev = device_new(&virtio_blk_device_class);
    g_assert_true(device_set_prop(fx.dev, "drive", "virtio1", &error_abort));
    g_assert_true(device_realize(fx.dev, NULL, &error_abort));
    g_assert_true(g_array_index(fx.ms.drives, MachineDrive, 2).taken);
    g_assert_false(g_array_index(fx.ms.drives, MachineDrive, 0).taken);
    g_assert_true(virtio_has_feature(device_features(), BLK_F_RO));
    blk = blk_open(&(BlockOpenOptions) { .filename = fx.image, .readonly = true }, NULL,
                   &error_abort);
    g_assert_cmpuint(blk_getlength(blk), ==, DISK_SIZE);
    g_assert_cmpint(blk_pwrite(blk, 0, "x", 1), ==, -EROFS);
    g_assert_cmpint(blk_pread(blk, DISK_SIZE - 1, a, 2), ==, -EINVAL);
    blk_close(blk);
    teardown();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    log_init();
    g_test_add_func("/virtio/mmio/registers", test_registers);
    g_test_add_func("/virtio/mmio/empty-transport", test_empty_transport);
    g_test_add_func("/virtio/mmio/legacy", test_legacy);
    g_test_add_func("/virtio/blk/read-write", test_blk_read_write);
    g_test_add_func("/virtio/blk/out-of-range", test_blk_out_of_range);
    g_test_add_func("/virtio/blk/readonly", test_blk_readonly);
    g_test_add_func("/virtio/blk/snapshot", test_blk_snapshot);
    g_test_add_func("/virtio/blk/get-id", test_blk_get_id);
    g_test_add_func("/virtio/blk/config-errors", test_config_errors);
    g_test_add_func("/virtio/blk/drive-names", test_drive_names);
    g_test_add_func("/virtio/ring/indirect", test_indirect);
    g_test_add_func("/virtio/ring/event-idx", test_event_idx);
    g_test_add_func("/virtio/ring/no-interrupt-flag", test_no_interrupt_flag);
    g_test_add_func("/virtio/ring/descriptor-loop", test_descriptor_loop);
    g_test_add_func("/virtio/ring/indirect-loop", test_indirect_loop);
    g_test_add_func("/virtio/ring/wild-buffer", test_wild_buffer);
    g_test_add_func("/virtio/ring/wild-ring", test_wild_ring);
    g_test_add_func("/virtio/rng", test_rng);
    return g_test_run();
}
