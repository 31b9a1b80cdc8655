/*
 * fw_cfg (hw/misc/fw_cfg.c) through the guest's eyes: the device is mapped
 * at virt's address in the system memory, next to 1 MiB of RAM, and every
 * test drives it with real address-space accesses: the selector and data
 * registers as u-boot's qfw does, and DMA descriptors in RAM as UEFI and
 * Linux do.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/misc/fw_cfg.h"
#include "softmmu/memory.h"
#include "util/bswap.h"

#define FW_BASE     0x09020000
#define RAM_BASE    0x40000000
#define RAM_SIZE    (1 * MiB)
#define DESC        RAM_BASE                /* DMA descriptor */
#define BUF         (RAM_BASE + 0x1000)     /* DMA target */

static MemoryRegion ram;
static FWCfgState *fw;
#define AS (get_address_space_memory())
#define ATTRS MEMTXATTRS_UNSPECIFIED

static void setup_dma(bool dma)
{
    DeviceState *dev;

    memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
    if (dma) {
        fw = fw_cfg_new_mmio(FW_BASE, NULL, &error_abort);
    } else {
        dev = device_new(&fw_cfg_mmio_class);
        device_set_prop_bool(dev, "dma-enabled", false, &error_abort);
        device_realize(dev, NULL, &error_abort);
        device_reset(dev);
        device_mmio_map(dev, 0, FW_BASE);
        fw = fw_cfg_from_device(dev);
    }
}

static void setup(void)
{
    setup_dma(true);
}

static void teardown(void)
{
    DeviceState *dev = fw_cfg_device(fw);

    memory_region_del_subregion(get_system_memory(), device_get_mmio(dev, 0));
    device_destroy(dev);
    memory_region_del_subregion(get_system_memory(), &ram);
    memory_region_finalize(&ram);
    fw = NULL;
}

static void select_key(uint16_t key)
{
    MemTxResult r;

    address_space_stw_be(AS, FW_BASE + FW_CFG_MMIO_SELECTOR, key, ATTRS, &r);
    g_assert_cmpint(r, ==, MEMTX_OK);
}

/* len bytes from the data register, in 8-, then 1-byte reads. */
static void read_data(void *buf, size_t len)
{
    uint8_t *p = buf;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        st64_be_p(p + i, address_space_ldq_be(AS, FW_BASE, ATTRS, NULL));
    }
    for (; i < len; i++) {
        p[i] = address_space_ldub(AS, FW_BASE, ATTRS, NULL);
    }
}

static uint32_t read_be32(void)
{
    return address_space_ldl_be(AS, FW_BASE, ATTRS, NULL);
}

/* Writes a descriptor at DESC and starts it with one 8-byte write. */
static uint32_t run_dma(uint32_t control, uint32_t length, uint64_t addr)
{
    address_space_stl_be(AS, DESC, control, ATTRS, NULL);
    address_space_stl_be(AS, DESC + 4, length, ATTRS, NULL);
    address_space_stq_be(AS, DESC + 8, addr, ATTRS, NULL);
    address_space_stq_be(AS, FW_BASE + FW_CFG_MMIO_DMA, DESC, ATTRS, NULL);
    return address_space_ldl_be(AS, DESC, ATTRS, NULL);
}

/* ---- Register interface ---- */

static void test_signature_id(void)
{
    char sig[5] = "";
    uint8_t id[4];

    setup();
    select_key(FW_CFG_SIGNATURE);
    g_assert_cmphex(read_be32(), ==, 0x51454d55);       /* 'Q' 'E' 'M' 'U' */
    select_key(FW_CFG_SIGNATURE);
    g_assert_cmpint(address_space_read(AS, FW_BASE, ATTRS, sig, 4), ==, MEMTX_OK);
    g_assert_cmpstr(sig, ==, "QEMU");

    select_key(FW_CFG_ID);
    read_data(id, 4);
    g_assert_cmphex(ld32_le_p(id), ==, FW_CFG_VERSION | FW_CFG_VERSION_DMA);

    /* The DMA register reads "QEMU CFG", whole or by halves. */
    g_assert_cmphex(address_space_ldq_be(AS, FW_BASE + FW_CFG_MMIO_DMA, ATTRS, NULL),
                    ==, FW_CFG_DMA_SIGNATURE);
    g_assert_cmphex(address_space_ldl_be(AS, FW_BASE + FW_CFG_MMIO_DMA + 4, ATTRS, NULL),
                    ==, 0x20434647);
    teardown();
}

static void test_no_dma(void)
{
    uint8_t id[4];
    MemTxResult r;

    setup_dma(false);
    select_key(FW_CFG_ID);
    read_data(id, 4);
    g_assert_cmphex(ld32_le_p(id), ==, FW_CFG_VERSION);
    address_space_ldq_be(AS, FW_BASE + FW_CFG_MMIO_DMA, ATTRS, &r);
    g_assert_cmpint(r, !=, MEMTX_OK);
    teardown();
}

/* Strings read in order at any access size; numbers are little-endian. */
static void test_byte_order(void)
{
    const char *cmdline = "console=ttyAMA0 root=/dev/vda";
    char buf[64] = "";
    uint8_t num[8];

    setup();
    fw_cfg_add_string(fw, FW_CFG_CMDLINE_DATA, cmdline);
    fw_cfg_add_i32(fw, FW_CFG_CMDLINE_SIZE, strlen(cmdline) + 1);
    fw_cfg_add_i64(fw, FW_CFG_RAM_SIZE, 0x0102030405060708ULL);
    fw_cfg_add_i16(fw, FW_CFG_NB_CPUS, 0x0a0b);

    select_key(FW_CFG_CMDLINE_DATA);
    g_assert_cmphex(address_space_ldq_be(AS, FW_BASE, ATTRS, NULL), ==,
                    ld64_be_p("console="));
    g_assert_cmphex(address_space_ldl_be(AS, FW_BASE, ATTRS, NULL), ==,
                    ld32_be_p("ttyA"));
    g_assert_cmphex(address_space_lduw_be(AS, FW_BASE, ATTRS, NULL), ==,
                    ld16_be_p("MA"));
    g_assert_cmphex(address_space_ldub(AS, FW_BASE, ATTRS, NULL), ==, '0');
    select_key(FW_CFG_CMDLINE_DATA);
    read_data(buf, strlen(cmdline) + 1);
    g_assert_cmpstr(buf, ==, cmdline);
    /* Past the end: zeros. */
    g_assert_cmphex(address_space_ldq_be(AS, FW_BASE, ATTRS, NULL), ==, 0);

    select_key(FW_CFG_CMDLINE_SIZE);
    read_data(num, 4);
    g_assert_cmpuint(ld32_le_p(num), ==, strlen(cmdline) + 1);
    select_key(FW_CFG_RAM_SIZE);
    read_data(num, 8);
    g_assert_cmphex(ld64_le_p(num), ==, 0x0102030405060708ULL);
    select_key(FW_CFG_NB_CPUS);
    read_data(num, 2);
    g_assert_cmphex(ld16_le_p(num), ==, 0x0a0b);

    /* A short item read 8 bytes at a time: its bytes first, then zeros. */
    select_key(FW_CFG_NB_CPUS);
    g_assert_cmphex(address_space_ldq_be(AS, FW_BASE, ATTRS, NULL), ==,
                    0x0b0a000000000000ULL);

    /* modify replaces; the selector rewinds. */
    fw_cfg_modify_i16(fw, FW_CFG_NB_CPUS, 4);
    select_key(FW_CFG_NB_CPUS);
    read_data(num, 2);
    g_assert_cmphex(ld16_le_p(num), ==, 4);

    /* Unknown keys read as zeros. */
    select_key(0x1234);
    g_assert_cmphex(address_space_ldq_be(AS, FW_BASE, ATTRS, NULL), ==, 0);
    teardown();
}

/* Finds name in the directory read through the data register. */
static bool dir_lookup(const char *name, uint16_t *key, uint32_t *size,
                       GPtrArray *names)
{
    bool found = false;
    uint32_t count;

    select_key(FW_CFG_FILE_DIR);
    count = read_be32();
    for (uint32_t i = 0; i < count; i++) {
        uint8_t e[64];

        read_data(e, sizeof(e));
        g_assert_cmpint(e[63], ==, 0);
        if (names) {
            g_ptr_array_add(names, g_strdup((char *)e + 8));
        }
        if (strcmp((char *)e + 8, name) == 0) {
            *size = ld32_be_p(e);
            *key = ld16_be_p(e + 4);
            found = true;
        }
    }
    return found;
}

static void test_file_dir(void)
{
    static const char *const files[] = { "etc/zeta", "a-first", "etc/alpha",
                                         "opt/org.koine/x" };
    /* Sorted by name, with the device's standard files among them. */
    static const char *const sorted[] = { "a-first", "bios-geometry", "bootorder",
                                          "etc/alpha", "etc/boot-fail-wait", "etc/zeta",
                                          "opt/org.koine/x" };
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    Error *err = NULL;
    char buf[64];
    uint16_t key;
    uint32_t size;

    setup();
    for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
        g_autofree char *body = g_strdup_printf("contents of %s", files[i]);

        g_assert_true(fw_cfg_add_file(fw, files[i], body, strlen(body), &error_abort));
    }
    g_assert_true(dir_lookup("etc/alpha", &key, &size, names));
    g_assert_cmpuint(names->len, ==, ARRAY_SIZE(sorted));
    for (size_t i = 0; i < ARRAY_SIZE(sorted); i++) {
        g_assert_cmpstr(g_ptr_array_index(names, i), ==, sorted[i]);
    }
    g_assert_cmpuint(size, ==, strlen("contents of etc/alpha"));
    g_assert_cmpuint(key, ==, fw_cfg_file_key(fw, "etc/alpha"));
    g_assert_cmpuint(key, >=, FW_CFG_FILE_FIRST);

    select_key(key);
    memset(buf, 0, sizeof(buf));
    read_data(buf, size);
    g_assert_cmpstr(buf, ==, "contents of etc/alpha");

    /* Errors: a duplicate, an empty and a too long name. */
    g_assert_false(fw_cfg_add_file(fw, "etc/zeta", "x", 1, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "already exists"));
    error_free(err);
    err = NULL;
    g_assert_false(fw_cfg_add_file(fw, "", "x", 1, &err));
    error_free(err);
    err = NULL;
    memset(buf, 'a', 56);
    buf[56] = 0;
    g_assert_false(fw_cfg_add_file(fw, buf, "x", 1, &err));
    error_free(err);
    err = NULL;
    buf[55] = 0;                /* 55 characters fit */
    g_assert_true(fw_cfg_add_file(fw, buf, "x", 1, &error_abort));

    /* modify_file changes the size in the directory. */
    g_assert_true(fw_cfg_modify_file(fw, "etc/alpha", "ab", 2, &error_abort));
    g_assert_true(dir_lookup("etc/alpha", &key, &size, NULL));
    g_assert_cmpuint(size, ==, 2);
    teardown();
}

/*
 * QEMU's fw_cfg always has these (hw/nvram/fw_cfg.c: fw_cfg_reboot, and
 * bootorder/bios-geometry at machine start): firmware such as u-boot's
 * `qfw list` and SeaBIOS expect them. Without bootindex properties or
 * -boot reboot-timeout: empty, empty, LE32 -1.
 */
static void test_standard_files(void)
{
    uint8_t buf[4];
    uint16_t key;
    uint32_t size;

    setup();
    g_assert_true(dir_lookup("bootorder", &key, &size, NULL));
    g_assert_cmpuint(size, ==, 0);
    g_assert_true(dir_lookup("bios-geometry", &key, &size, NULL));
    g_assert_cmpuint(size, ==, 0);
    g_assert_true(dir_lookup("etc/boot-fail-wait", &key, &size, NULL));
    g_assert_cmpuint(size, ==, 4);
    select_key(key);
    read_data(buf, 4);
    g_assert_cmphex(ld32_le_p(buf), ==, 0xffffffff);
    /* A board gives its boot order by modifying the file. */
    g_assert_true(fw_cfg_modify_file(fw, "bootorder", "/x@0\n", 5, &error_abort));
    g_assert_true(dir_lookup("bootorder", &key, &size, NULL));
    g_assert_cmpuint(size, ==, 5);
    teardown();
}

/* ---- DMA ---- */

static void test_dma_read(void)
{
    g_autofree uint8_t *blob = g_malloc(5000);
    g_autofree uint8_t *got = g_malloc(5000);
    uint8_t dir[4];
    uint16_t key;

    setup();
    for (int i = 0; i < 5000; i++) {
        blob[i] = i * 7 + 3;
    }
    g_assert_true(fw_cfg_add_file(fw, "etc/blob", blob, 5000, &error_abort));
    key = fw_cfg_file_key(fw, "etc/blob");

    /* The directory count, by DMA. */
    g_assert_cmphex(run_dma(FW_CFG_FILE_DIR << 16 | FW_CFG_DMA_CTL_SELECT |
                            FW_CFG_DMA_CTL_READ, 4, BUF), ==, 0);
    address_space_read(AS, BUF, ATTRS, dir, 4);
    g_assert_cmpuint(ld32_be_p(dir), ==, 1 + 3);   /* and the 3 standard files */

    /* The file in two pieces: the stream position carries over. */
    g_assert_cmphex(run_dma((uint32_t)key << 16 | FW_CFG_DMA_CTL_SELECT |
                            FW_CFG_DMA_CTL_READ, 3000, BUF), ==, 0);
    g_assert_cmphex(run_dma(FW_CFG_DMA_CTL_READ, 2000, BUF + 3000), ==, 0);
    address_space_read(AS, BUF, ATTRS, got, 5000);
    g_assert_cmpmem(got, 5000, blob, 5000);

    /* Past the end: zeros fill the rest of the buffer. */
    address_space_write(AS, BUF, ATTRS, blob, 16);
    g_assert_cmphex(run_dma(FW_CFG_DMA_CTL_READ, 16, BUF), ==, 0);
    address_space_read(AS, BUF, ATTRS, got, 16);
    for (int i = 0; i < 16; i++) {
        g_assert_cmpint(got[i], ==, 0);
    }

    /* Started by a high-half write, then a low-half write. */
    address_space_stl_be(AS, DESC, FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                         FW_CFG_DMA_CTL_READ, ATTRS, NULL);
    address_space_stl_be(AS, DESC + 4, 4, ATTRS, NULL);
    address_space_stq_be(AS, DESC + 8, BUF, ATTRS, NULL);
    address_space_stl_be(AS, FW_BASE + FW_CFG_MMIO_DMA, 0, ATTRS, NULL);
    g_assert_cmphex(address_space_ldl_be(AS, DESC, ATTRS, NULL), !=, 0);
    address_space_stl_be(AS, FW_BASE + FW_CFG_MMIO_DMA + 4, DESC, ATTRS, NULL);
    g_assert_cmphex(address_space_ldl_be(AS, DESC, ATTRS, NULL), ==, 0);
    address_space_read(AS, BUF, ATTRS, got, 4);
    g_assert_cmpmem(got, 4, "QEMU", 4);
    teardown();
}

static void test_dma_skip(void)
{
    const char *text = "0123456789abcdef";
    char got[8] = "";
    uint16_t key;

    setup();
    g_assert_true(fw_cfg_add_file(fw, "etc/text", text, 16, &error_abort));
    key = fw_cfg_file_key(fw, "etc/text");
    g_assert_cmphex(run_dma((uint32_t)key << 16 | FW_CFG_DMA_CTL_SELECT |
                            FW_CFG_DMA_CTL_SKIP, 10, 0), ==, 0);
    g_assert_cmphex(run_dma(FW_CFG_DMA_CTL_READ, 6, BUF), ==, 0);
    address_space_read(AS, BUF, ATTRS, got, 6);
    g_assert_cmpstr(got, ==, "abcdef");

    /* SKIP then the data register: they share the stream. */
    g_assert_cmphex(run_dma((uint32_t)key << 16 | FW_CFG_DMA_CTL_SELECT |
                            FW_CFG_DMA_CTL_SKIP, 4, 0), ==, 0);
    g_assert_cmphex(address_space_ldub(AS, FW_BASE, ATTRS, NULL), ==, '4');

    /* Skipping past the end is not an error; reads then give zeros. */
    g_assert_cmphex(run_dma(FW_CFG_DMA_CTL_SKIP, 100, 0), ==, 0);
    g_assert_cmphex(address_space_ldub(AS, FW_BASE, ATTRS, NULL), ==, 0);
    teardown();
}

static unsigned write_calls;
static uint32_t write_offset, write_len;

static void on_write(void *opaque, uint32_t offset, uint32_t len)
{
    write_calls++;
    write_offset = offset;
    write_len = len;
    g_assert_true(opaque == &write_calls);
}

static void test_dma_write(void)
{
    uint8_t cfg[8] = { 0 };
    const uint8_t *cur;
    size_t len;
    uint16_t key;

    setup();
    g_assert_true(fw_cfg_add_file_writable(fw, "etc/ramfb", cfg, sizeof(cfg),
                                           on_write, &write_calls, &error_abort));
    g_assert_true(fw_cfg_add_file(fw, "etc/ro", cfg, sizeof(cfg), &error_abort));

    address_space_write(AS, BUF, ATTRS, "ABCDEFGH", 8);
    key = fw_cfg_file_key(fw, "etc/ramfb");
    g_assert_cmphex(run_dma((uint32_t)key << 16 | FW_CFG_DMA_CTL_SELECT |
                            FW_CFG_DMA_CTL_SKIP, 2, 0), ==, 0);
    g_assert_cmphex(run_dma(FW_CFG_DMA_CTL_WRITE, 4, BUF), ==, 0);
    g_assert_cmpuint(write_calls, ==, 1);
    g_assert_cmpuint(write_offset, ==, 2);
    g_assert_cmpuint(write_len, ==, 4);
    cur = fw_cfg_get_file(fw, "etc/ramfb", &len);
    g_assert_cmpuint(len, ==, 8);
    g_assert_cmpmem(cur + 2, 4, "ABCD", 4);

    /* Past the end of a writable file: refused, nothing changes. */
    g_assert_cmphex(run_dma(FW_CFG_DMA_CTL_WRITE, 4, BUF), ==, FW_CFG_DMA_CTL_ERROR);
    g_assert_cmpuint(write_calls, ==, 1);

    /* A read-only file and the data register refuse writes. */
    key = fw_cfg_file_key(fw, "etc/ro");
    g_assert_cmphex(run_dma((uint32_t)key << 16 | FW_CFG_DMA_CTL_SELECT |
                            FW_CFG_DMA_CTL_WRITE, 4, BUF), ==, FW_CFG_DMA_CTL_ERROR);
    address_space_stb(AS, FW_BASE, 0x55, ATTRS, NULL);
    cur = fw_cfg_get_file(fw, "etc/ro", &len);
    g_assert_cmpmem(cur, len, cfg, sizeof(cfg));
    teardown();
}

static void test_dma_bad_address(void)
{
    setup();
    /* The target is nowhere: error bit, and the stream still works. */
    g_assert_cmphex(run_dma(FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                            FW_CFG_DMA_CTL_READ, 64, 0x7000000000ULL),
                    ==, FW_CFG_DMA_CTL_ERROR);
    /* A target running off the end of the address space. */
    g_assert_cmphex(run_dma(FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                            FW_CFG_DMA_CTL_READ, 64, UINT64_MAX - 8),
                    ==, FW_CFG_DMA_CTL_ERROR);
    /* Half in RAM, half beyond. */
    g_assert_cmphex(run_dma(FW_CFG_SIGNATURE << 16 | FW_CFG_DMA_CTL_SELECT |
                            FW_CFG_DMA_CTL_READ, 64, RAM_BASE + RAM_SIZE - 2),
                    ==, FW_CFG_DMA_CTL_ERROR);
    /* The descriptor itself is nowhere, or on the device itself. */
    address_space_stq_be(AS, FW_BASE + FW_CFG_MMIO_DMA, 0x7000000000ULL, ATTRS, NULL);
    address_space_stq_be(AS, FW_BASE + FW_CFG_MMIO_DMA, FW_BASE, ATTRS, NULL);
    /* Its write-back lands on the DMA register's low half: no recursion. */
    address_space_stq_be(AS, FW_BASE + FW_CFG_MMIO_DMA,
                         FW_BASE + FW_CFG_MMIO_DMA + 4, ATTRS, NULL);

    select_key(FW_CFG_SIGNATURE);
    g_assert_cmphex(read_be32(), ==, 0x51454d55);
    teardown();
}

static void test_reset(void)
{
    setup();
    select_key(FW_CFG_ID);
    device_reset(fw_cfg_device(fw));
    g_assert_cmphex(read_be32(), ==, 0x51454d55);
    teardown();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fw-cfg/signature-id", test_signature_id);
    g_test_add_func("/fw-cfg/no-dma", test_no_dma);
    g_test_add_func("/fw-cfg/byte-order", test_byte_order);
    g_test_add_func("/fw-cfg/file-dir", test_file_dir);
    g_test_add_func("/fw-cfg/standard-files", test_standard_files);
    g_test_add_func("/fw-cfg/dma-read", test_dma_read);
    g_test_add_func("/fw-cfg/dma-skip", test_dma_skip);
    g_test_add_func("/fw-cfg/dma-write", test_dma_write);
    g_test_add_func("/fw-cfg/dma-bad-address", test_dma_bad_address);
    g_test_add_func("/fw-cfg/reset", test_reset);
    return g_test_run();
}
