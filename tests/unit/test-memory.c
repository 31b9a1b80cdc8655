/*
 * Unit tests for the memory API: real regions, real RAM, devices whose
 * callbacks record every access they see, listeners recording every event.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bswap.h"
#include "util/log.h"
#include "softmmu/memory.h"

#define ATTRS MEMTXATTRS_UNSPECIFIED

/* ---- A device that records its callbacks ---- */

typedef struct Access {
    bool is_write;
    hwaddr addr;
    unsigned size;
    uint64_t value;
} Access;

typedef struct TestDev {
    MemoryRegion mr;
    uint8_t regs[64];          /* register file, in the device's byte order */
    bool big_endian;
    GArray *log;               /* Access */
    MemTxAttrs last_attrs;
} TestDev;

static uint64_t dev_read(void *opaque, hwaddr addr, unsigned size)
{
    TestDev *d = opaque;
    Access a = { false, addr, size, ldn_p(d->regs + addr, size, d->big_endian) };

    g_assert_cmpuint(addr + size, <=, sizeof(d->regs));
    g_array_append_val(d->log, a);
    return a.value;
}

static void dev_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    TestDev *d = opaque;
    Access a = { true, addr, size, value };

    g_assert_cmpuint(addr + size, <=, sizeof(d->regs));
    g_array_append_val(d->log, a);
    stn_p(d->regs + addr, size, d->big_endian, value);
}

static const MemoryRegionOps le_ops = {
    .read = dev_read, .write = dev_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static const MemoryRegionOps be_ops = {
    .read = dev_read, .write = dev_write,
    .endianness = DEVICE_BIG_ENDIAN,
};

static void dev_init(TestDev *d, const MemoryRegionOps *ops, const char *name,
                     uint64_t size)
{
    memset(d, 0, sizeof(*d));
    d->big_endian = ops->endianness == DEVICE_BIG_ENDIAN;
    d->log = g_array_new(false, false, sizeof(Access));
    for (unsigned i = 0; i < sizeof(d->regs); i++) {
        d->regs[i] = 0x10 + i;
    }
    memory_region_init_io(&d->mr, ops, d, name, size);
}

static void dev_finalize(TestDev *d)
{
    memory_region_finalize(&d->mr);
    g_array_free(d->log, true);
}

static void dev_clear_log(TestDev *d)
{
    g_array_set_size(d->log, 0);
}

static void assert_access(TestDev *d, unsigned i, bool is_write, hwaddr addr,
                          unsigned size, uint64_t value)
{
    Access *a;

    g_assert_cmpuint(i, <, d->log->len);
    a = &g_array_index(d->log, Access, i);
    g_assert_cmpint(a->is_write, ==, is_write);
    g_assert_cmphex(a->addr, ==, addr);
    g_assert_cmpuint(a->size, ==, size);
    g_assert_cmphex(a->value, ==, value);
}

/* ---- A listener that records its events as text ---- */

typedef struct TestListener {
    MemoryListener listener;
    GString *events;
} TestListener;

static void section_text(GString *s, const char *what, MemoryRegionSection *sec)
{
    g_string_append_printf(s, "%s %s@%" PRIx64 "+%" PRIx64 "/%" PRIx64 "%s;",
                           what, memory_region_name(sec->mr),
                           (uint64_t)sec->offset_within_address_space,
                           sec->size, (uint64_t)sec->offset_within_region,
                           sec->romd ? " romd" : "");
}

static void tl_begin(MemoryListener *l)
{
    g_string_append(container_of(l, TestListener, listener)->events, "begin;");
}

static void tl_commit(MemoryListener *l)
{
    g_string_append(container_of(l, TestListener, listener)->events, "commit;");
}

static void tl_add(MemoryListener *l, MemoryRegionSection *sec)
{
    section_text(container_of(l, TestListener, listener)->events, "add", sec);
}

static void tl_del(MemoryListener *l, MemoryRegionSection *sec)
{
    section_text(container_of(l, TestListener, listener)->events, "del", sec);
}

static void tl_init(TestListener *t, int priority)
{
    t->listener = (MemoryListener) {
        .begin = tl_begin, .commit = tl_commit,
        .region_add = tl_add, .region_del = tl_del,
        .priority = priority,
    };
    t->events = g_string_new("");
}

/* Returns the events since the last call and forgets them. */
static char *tl_take(TestListener *t)
{
    char *s = g_strdup(t->events->str);

    g_string_truncate(t->events, 0);
    return s;
}

#define assert_events(t, expected) do {         \
        g_autofree char *got_ = tl_take(t);     \
        g_assert_cmpstr(got_, ==, (expected));  \
    } while (0)

/* ---- A test machine: a 2^64 root container and its address space ---- */

static MemoryRegion root;
static AddressSpace as;

static void machine_init(void)
{
    memory_region_init(&root, "root", UINT64_MAX);
    address_space_init(&as, &root, "test");
}

static void machine_finalize(void)
{
    address_space_destroy(&as);
    memory_region_finalize(&root);
}

static void ram_init(MemoryRegion *mr, const char *name, uint64_t size,
                     uint8_t fill)
{
    memory_region_init_ram(mr, name, size, &error_abort);
    memset(memory_region_get_ram_ptr(mr), fill, size);
}

static uint8_t read_byte(hwaddr addr)
{
    MemTxResult r;
    uint8_t v = address_space_ldub(&as, addr, ATTRS, &r);

    g_assert_cmpint(r, ==, MEMTX_OK);
    return v;
}

/* Captures guest_errors lines into a temporary file. */
static char *log_path;

static void log_capture_start(void)
{
    int fd = g_file_open_tmp("koine-test-memory-XXXXXX", &log_path, NULL);

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(log_set_file(log_path, &error_abort));
    log_guest_errors.enabled = true;
}

static char *log_capture_end(void)
{
    char *text = NULL;

    log_guest_errors.enabled = false;
    log_set_file(NULL, &error_abort);
    g_assert_true(g_file_get_contents(log_path, &text, NULL, NULL));
    unlink(log_path);
    g_free(log_path);
    log_path = NULL;
    return text;
}

/* ---- Overlap and priority ---- */

static void test_priority(void)
{
    MemoryRegion low, high, same_a, same_b;

    machine_init();
    ram_init(&low, "low", 0x4000, 0x11);
    ram_init(&high, "high", 0x1000, 0x22);
    ram_init(&same_a, "same-a", 0x1000, 0x33);
    ram_init(&same_b, "same-b", 0x1000, 0x44);

    /* The higher priority wins even when added first. */
    memory_region_add_subregion_overlap(&root, 0x1000, &high, 1);
    memory_region_add_subregion_overlap(&root, 0, &low, 0);
    g_assert_cmphex(read_byte(0x0fff), ==, 0x11);
    g_assert_cmphex(read_byte(0x1000), ==, 0x22);
    g_assert_cmphex(read_byte(0x1fff), ==, 0x22);
    g_assert_cmphex(read_byte(0x2000), ==, 0x11);

    /* Disabling the top reveals the bottom; enabling it hides it again. */
    memory_region_set_enabled(&high, false);
    g_assert_cmphex(read_byte(0x1800), ==, 0x11);
    memory_region_set_enabled(&high, true);
    g_assert_cmphex(read_byte(0x1800), ==, 0x22);

    /* Equal priority: the one added last wins. */
    memory_region_add_subregion_overlap(&root, 0x3000, &same_a, 5);
    memory_region_add_subregion_overlap(&root, 0x3800, &same_b, 5);
    g_assert_cmphex(read_byte(0x37ff), ==, 0x33);
    g_assert_cmphex(read_byte(0x3800), ==, 0x44);
    g_assert_cmphex(read_byte(0x47ff), ==, 0x44);

    memory_region_del_subregion(&root, &same_a);
    memory_region_del_subregion(&root, &same_b);
    memory_region_del_subregion(&root, &high);
    memory_region_del_subregion(&root, &low);
    memory_region_finalize(&low);
    memory_region_finalize(&high);
    memory_region_finalize(&same_a);
    memory_region_finalize(&same_b);
    machine_finalize();
}

/* A high-priority container shows the low region through its holes. */
static void test_priority_holes(void)
{
    MemoryRegion low, window, inner;

    machine_init();
    ram_init(&low, "low", 0x4000, 0x11);
    memory_region_init(&window, "window", 0x4000);
    ram_init(&inner, "inner", 0x100, 0x55);
    memory_region_add_subregion(&window, 0x2000, &inner);
    memory_region_add_subregion(&root, 0, &low);
    memory_region_add_subregion_overlap(&root, 0, &window, 10);

    g_assert_cmphex(read_byte(0x1fff), ==, 0x11);
    g_assert_cmphex(read_byte(0x2000), ==, 0x55);
    g_assert_cmphex(read_byte(0x20ff), ==, 0x55);
    g_assert_cmphex(read_byte(0x2100), ==, 0x11);

    /* Moving the inner region inside its container moves the hole. */
    memory_region_set_address(&inner, 0x3000);
    g_assert_cmphex(read_byte(0x2000), ==, 0x11);
    g_assert_cmphex(read_byte(0x3000), ==, 0x55);

    memory_region_del_subregion(&root, &window);
    memory_region_del_subregion(&root, &low);
    memory_region_del_subregion(&window, &inner);
    memory_region_finalize(&inner);
    memory_region_finalize(&window);
    memory_region_finalize(&low);
    machine_finalize();
}

/* ---- Aliases ---- */

static void test_alias(void)
{
    MemoryRegion ram, win, win2;
    uint8_t *p;

    machine_init();
    ram_init(&ram, "ram", 0x10000, 0);
    p = memory_region_get_ram_ptr(&ram);
    for (unsigned i = 0; i < 0x10000; i++) {
        p[i] = i ^ (i >> 8);
    }
    memory_region_add_subregion(&root, 0, &ram);

    /* A window onto ram from 0x1000, at 0x100000. */
    memory_region_init_alias(&win, "win", &ram, 0x1000, 0x1000);
    memory_region_add_subregion(&root, 0x100000, &win);
    g_assert_cmphex(read_byte(0x100000), ==, p[0x1000]);
    g_assert_cmphex(read_byte(0x100abc), ==, p[0x1abc]);
    /* Past the window's end: nothing. */
    g_assert_cmpint(address_space_read(&as, 0x101000, ATTRS, &(uint8_t){0}, 1),
                    ==, MEMTX_DECODE_ERROR);

    /* An alias of the alias, 0x800 into the window. */
    memory_region_init_alias(&win2, "win2", &win, 0x800, 0x800);
    memory_region_add_subregion(&root, 0x200000, &win2);
    g_assert_cmphex(read_byte(0x200010), ==, p[0x1810]);

    /* Writes land in the RAM. */
    address_space_stb(&as, 0x200020, 0xee, ATTRS, NULL);
    g_assert_cmphex(p[0x1820], ==, 0xee);

    /* Moving the window's offset moves both views. */
    memory_region_set_alias_offset(&win, 0x4000);
    g_assert_cmphex(read_byte(0x100000), ==, p[0x4000]);
    g_assert_cmphex(read_byte(0x200010), ==, p[0x4810]);

    memory_region_del_subregion(&root, &win2);
    memory_region_del_subregion(&root, &win);
    memory_region_del_subregion(&root, &ram);
    memory_region_finalize(&win2);
    memory_region_finalize(&win);
    memory_region_finalize(&ram);
    machine_finalize();
}

static void test_alias_mmio(void)
{
    TestDev dev;
    MemoryRegion win;

    machine_init();
    dev_init(&dev, &le_ops, "dev", 0x40);
    memory_region_init_alias(&win, "dev-win", &dev.mr, 0x20, 0x20);
    memory_region_add_subregion(&root, 0x9000, &win);

    address_space_stl_le(&as, 0x9004, 0xcafef00d, ATTRS, NULL);
    g_assert_cmpuint(dev.log->len, ==, 1);
    assert_access(&dev, 0, true, 0x24, 4, 0xcafef00d);
    g_assert_cmphex(address_space_ldl_le(&as, 0x9004, ATTRS, NULL), ==,
                    0xcafef00d);
    assert_access(&dev, 1, false, 0x24, 4, 0xcafef00d);

    memory_region_del_subregion(&root, &win);
    memory_region_finalize(&win);
    dev_finalize(&dev);
    machine_finalize();
}

/* ---- Access splitting and byte order ---- */

static void test_split_ram_mmio_ram(void)
{
    MemoryRegion ram1, ram2;
    TestDev dev;
    uint8_t buf[32], back[32];
    uint8_t *p1, *p2;

    machine_init();
    ram_init(&ram1, "ram1", 0x1000, 0);
    ram_init(&ram2, "ram2", 0x1000, 0);
    dev_init(&dev, &le_ops, "dev", 0x10);
    memory_region_add_subregion(&root, 0x0000, &ram1);
    memory_region_add_subregion(&root, 0x1000, &dev.mr);
    memory_region_add_subregion(&root, 0x1010, &ram2);
    p1 = memory_region_get_ram_ptr(&ram1);
    p2 = memory_region_get_ram_ptr(&ram2);

    for (unsigned i = 0; i < sizeof(buf); i++) {
        buf[i] = 0xa0 + i;
    }
    /* 8 bytes of ram1, the 16-byte device, 8 bytes of ram2. */
    g_assert_cmpint(address_space_write(&as, 0xff8, ATTRS, buf, 32), ==,
                    MEMTX_OK);
    g_assert_cmpmem(p1 + 0xff8, 8, buf, 8);
    g_assert_cmpmem(p2, 8, buf + 24, 8);
    g_assert_cmpuint(dev.log->len, ==, 4);
    for (unsigned i = 0; i < 4; i++) {
        assert_access(&dev, i, true, i * 4, 4, ld32_le_p(buf + 8 + i * 4));
    }

    dev_clear_log(&dev);
    g_assert_cmpint(address_space_read(&as, 0xff8, ATTRS, back, 32), ==,
                    MEMTX_OK);
    g_assert_cmpmem(back, 32, buf, 32);
    g_assert_cmpuint(dev.log->len, ==, 4);
    assert_access(&dev, 0, false, 0, 4, ld32_le_p(buf + 8));

    /* Unaligned start in the device: 1 + 2 + 4 + ... naturally aligned. */
    dev_clear_log(&dev);
    g_assert_cmpint(address_space_read(&as, 0x1001, ATTRS, back, 7), ==,
                    MEMTX_OK);
    g_assert_cmpuint(dev.log->len, ==, 3);
    assert_access(&dev, 0, false, 1, 1, buf[9]);
    assert_access(&dev, 1, false, 2, 2, ld16_le_p(buf + 10));

    memory_region_del_subregion(&root, &ram1);
    memory_region_del_subregion(&root, &dev.mr);
    memory_region_del_subregion(&root, &ram2);
    memory_region_finalize(&ram1);
    memory_region_finalize(&ram2);
    dev_finalize(&dev);
    machine_finalize();
}

/* An 8-byte access to a device of at most 4: two callbacks, device order. */
static const MemoryRegionOps le_ops_impl4 = {
    .read = dev_read, .write = dev_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static const MemoryRegionOps be_ops_impl4 = {
    .read = dev_read, .write = dev_write,
    .endianness = DEVICE_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static void test_split_wide(void)
{
    TestDev le, be;

    machine_init();
    dev_init(&le, &le_ops_impl4, "le", 0x20);
    dev_init(&be, &be_ops_impl4, "be", 0x20);
    memory_region_add_subregion(&root, 0x1000, &le.mr);
    memory_region_add_subregion(&root, 0x2000, &be.mr);

    address_space_stq_le(&as, 0x1008, 0x1122334455667788ULL, ATTRS, NULL);
    g_assert_cmpuint(le.log->len, ==, 2);
    assert_access(&le, 0, true, 0x8, 4, 0x55667788);
    assert_access(&le, 1, true, 0xc, 4, 0x11223344);
    g_assert_cmphex(address_space_ldq_le(&as, 0x1008, ATTRS, NULL), ==,
                    0x1122334455667788ULL);
    assert_access(&le, 2, false, 0x8, 4, 0x55667788);
    assert_access(&le, 3, false, 0xc, 4, 0x11223344);

    /* Big-endian: the lower address holds the high half. */
    address_space_stq_be(&as, 0x2008, 0x1122334455667788ULL, ATTRS, NULL);
    g_assert_cmpuint(be.log->len, ==, 2);
    assert_access(&be, 0, true, 0x8, 4, 0x11223344);
    assert_access(&be, 1, true, 0xc, 4, 0x55667788);
    g_assert_cmphex(address_space_ldq_be(&as, 0x2008, ATTRS, NULL), ==,
                    0x1122334455667788ULL);

    memory_region_del_subregion(&root, &le.mr);
    memory_region_del_subregion(&root, &be.mr);
    dev_finalize(&le);
    dev_finalize(&be);
    machine_finalize();
}

/* A 1-byte access to a device whose callbacks only do 4 bytes. */
static const MemoryRegionOps le_ops_min4 = {
    .read = dev_read, .write = dev_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static void test_widen_narrow(void)
{
    TestDev dev;
    MemTxResult r;

    machine_init();
    dev_init(&dev, &le_ops_min4, "dev", 0x10);
    memory_region_add_subregion(&root, 0x1000, &dev.mr);
    st32_le_p(dev.regs + 4, 0xaabbccdd);

    g_assert_cmphex(address_space_ldub(&as, 0x1006, ATTRS, &r), ==, 0xbb);
    g_assert_cmpint(r, ==, MEMTX_OK);
    g_assert_cmpuint(dev.log->len, ==, 1);
    assert_access(&dev, 0, false, 4, 4, 0xaabbccdd);

    g_assert_cmphex(address_space_lduw_le(&as, 0x1006, ATTRS, &r), ==, 0xaabb);
    assert_access(&dev, 1, false, 4, 4, 0xaabbccdd);

    /* A narrow write arrives widened, the other bytes zero. */
    address_space_stb(&as, 0x1005, 0x42, ATTRS, &r);
    g_assert_cmpint(r, ==, MEMTX_OK);
    assert_access(&dev, 2, true, 4, 4, 0x4200);

    memory_region_del_subregion(&root, &dev.mr);
    dev_finalize(&dev);
    machine_finalize();
}

static void test_endianness(void)
{
    TestDev le, be;
    uint8_t bytes[4] = { 0xb0, 0xb1, 0xb2, 0xb3 }, back[4];

    machine_init();
    dev_init(&le, &le_ops, "le", 0x10);
    dev_init(&be, &be_ops, "be", 0x10);
    memory_region_add_subregion(&root, 0x1000, &le.mr);
    memory_region_add_subregion(&root, 0x2000, &be.mr);

    /* Guest bytes b0..b3 to a little-endian device: b0 | b1 << 8 | ... */
    address_space_write(&as, 0x1000, ATTRS, bytes, 4);
    assert_access(&le, 0, true, 0, 4, 0xb3b2b1b0);
    /* ... and to a big-endian device: b0 << 24 | ... */
    address_space_write(&as, 0x2000, ATTRS, bytes, 4);
    assert_access(&be, 0, true, 0, 4, 0xb0b1b2b3);

    /* Reads give the same bytes back. */
    address_space_read(&as, 0x1000, ATTRS, back, 4);
    g_assert_cmpmem(back, 4, bytes, 4);
    address_space_read(&as, 0x2000, ATTRS, back, 4);
    g_assert_cmpmem(back, 4, bytes, 4);

    /* The ld/st helpers: the value is what those bytes mean in that order. */
    g_assert_cmphex(address_space_ldl_le(&as, 0x1000, ATTRS, NULL), ==,
                    0xb3b2b1b0);
    g_assert_cmphex(address_space_ldl_be(&as, 0x1000, ATTRS, NULL), ==,
                    0xb0b1b2b3);
    g_assert_cmphex(address_space_ldl_le(&as, 0x2000, ATTRS, NULL), ==,
                    0xb3b2b1b0);
    g_assert_cmphex(address_space_ldl_be(&as, 0x2000, ATTRS, NULL), ==,
                    0xb0b1b2b3);
    g_assert_cmphex(address_space_lduw_be(&as, 0x2000, ATTRS, NULL), ==,
                    0xb0b1);

    address_space_stw_be(&as, 0x2004, 0x1234, ATTRS, NULL);
    assert_access(&be, be.log->len - 1, true, 4, 2, 0x1234);
    address_space_stw_le(&as, 0x2004, 0x1234, ATTRS, NULL);
    assert_access(&be, be.log->len - 1, true, 4, 2, 0x3412);
    address_space_stl_be(&as, 0x1008, 0x12345678, ATTRS, NULL);
    assert_access(&le, le.log->len - 1, true, 8, 4, 0x78563412);

    memory_region_del_subregion(&root, &le.mr);
    memory_region_del_subregion(&root, &be.mr);
    dev_finalize(&le);
    dev_finalize(&be);
    machine_finalize();
}

static const MemoryRegionOps le_ops_unaligned = {
    .read = dev_read, .write = dev_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .unaligned = true },
};

static void test_unaligned(void)
{
    TestDev strict, loose;
    MemTxResult r;
    char *log;

    machine_init();
    dev_init(&strict, &le_ops, "strict", 0x10);
    dev_init(&loose, &le_ops_unaligned, "loose", 0x10);
    memory_region_add_subregion(&root, 0x1000, &strict.mr);
    memory_region_add_subregion(&root, 0x2000, &loose.mr);

    /* Rejected: no callback, MEMTX_ERROR, a guest_errors line. */
    log_capture_start();
    g_assert_cmphex(address_space_ldl_le(&as, 0x1002, ATTRS, &r), ==, 0);
    g_assert_cmpint(r, ==, MEMTX_ERROR);
    address_space_stw_le(&as, 0x1001, 0xffff, ATTRS, &r);
    g_assert_cmpint(r, ==, MEMTX_ERROR);
    log = log_capture_end();
    g_assert_cmpuint(strict.log->len, ==, 0);
    g_assert_nonnull(strstr(log, "invalid read of 4 bytes at 0x2 in 'strict'"));
    g_assert_nonnull(strstr(log, "invalid write of 2 bytes at 0x1"));
    g_free(log);

    /* Allowed: the callbacks see two aligned reads, combined. */
    g_assert_cmphex(address_space_ldl_le(&as, 0x2002, ATTRS, &r), ==,
                    ld32_le_p(loose.regs + 2));
    g_assert_cmpint(r, ==, MEMTX_OK);
    g_assert_cmpuint(loose.log->len, ==, 2);
    assert_access(&loose, 0, false, 0, 4, ld32_le_p(loose.regs));
    assert_access(&loose, 1, false, 4, 4, ld32_le_p(loose.regs + 4));

    memory_region_del_subregion(&root, &strict.mr);
    memory_region_del_subregion(&root, &loose.mr);
    dev_finalize(&strict);
    dev_finalize(&loose);
    machine_finalize();
}

static void test_valid_sizes(void)
{
    static const MemoryRegionOps ops_4only = {
        .read = dev_read, .write = dev_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .valid = { .min_access_size = 4, .max_access_size = 4 },
    };
    TestDev dev;
    MemTxResult r;

    machine_init();
    dev_init(&dev, &ops_4only, "dev", 0x10);
    memory_region_add_subregion(&root, 0x1000, &dev.mr);

    address_space_ldub(&as, 0x1000, ATTRS, &r);
    g_assert_cmpint(r, ==, MEMTX_ERROR);
    address_space_ldq_le(&as, 0x1000, ATTRS, &r);
    g_assert_cmpint(r, ==, MEMTX_ERROR);
    g_assert_cmpuint(dev.log->len, ==, 0);
    /* An 8-byte buffer read is split into two 4-byte accesses. */
    g_assert_cmpint(address_space_read(&as, 0x1000, ATTRS, (uint8_t[8]){0}, 8),
                    ==, MEMTX_OK);
    g_assert_cmpuint(dev.log->len, ==, 2);
    g_assert_true(address_space_access_valid(&as, 0x1000, 8, false, ATTRS));
    g_assert_false(address_space_access_valid(&as, 0x1000, 6, false, ATTRS));
    g_assert_false(address_space_access_valid(&as, 0x1002, 4, true, ATTRS));

    memory_region_del_subregion(&root, &dev.mr);
    dev_finalize(&dev);
    machine_finalize();
}

/* accepts() and the attrs variants. */
static bool accepts_not_8(void *opaque, hwaddr addr, unsigned size,
                          bool is_write, MemTxAttrs attrs)
{
    return !(is_write && addr == 8);
}

static MemTxResult attrs_read(void *opaque, hwaddr addr, uint64_t *data,
                              unsigned size, MemTxAttrs attrs)
{
    TestDev *d = opaque;

    d->last_attrs = attrs;
    if (!attrs.secure) {
        return MEMTX_ERROR;
    }
    *data = 0x5ec;
    return MEMTX_OK;
}

static MemTxResult attrs_write(void *opaque, hwaddr addr, uint64_t data,
                               unsigned size, MemTxAttrs attrs)
{
    dev_write(opaque, addr, data, size);
    return MEMTX_OK;
}

static void test_attrs(void)
{
    static const MemoryRegionOps ops = {
        .read_with_attrs = attrs_read, .write_with_attrs = attrs_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .valid = { .accepts = accepts_not_8 },
    };
    MemTxAttrs secure = { .secure = 1, .requester_id = 0x42 };
    TestDev dev;
    MemTxResult r;

    machine_init();
    dev_init(&dev, &ops, "gic", 0x10);
    memory_region_add_subregion(&root, 0x1000, &dev.mr);

    g_assert_cmphex(address_space_ldl_le(&as, 0x1000, secure, &r), ==, 0x5ec);
    g_assert_cmpint(r, ==, MEMTX_OK);
    g_assert_true(dev.last_attrs.secure);
    g_assert_cmphex(dev.last_attrs.requester_id, ==, 0x42);
    address_space_ldl_le(&as, 0x1000, ATTRS, &r);
    g_assert_cmpint(r, ==, MEMTX_ERROR);

    address_space_stl_le(&as, 0x1004, 1, secure, &r);
    g_assert_cmpint(r, ==, MEMTX_OK);
    address_space_stl_le(&as, 0x1008, 1, secure, &r);
    g_assert_cmpint(r, ==, MEMTX_ERROR);
    g_assert_cmpuint(dev.log->len, ==, 1);
    assert_access(&dev, 0, true, 4, 4, 1);

    memory_region_del_subregion(&root, &dev.mr);
    dev_finalize(&dev);
    machine_finalize();
}

/* ---- Unassigned, out of range, ROM, ROM devices ---- */

static void test_unassigned(void)
{
    MemoryRegion ram;
    uint8_t buf[16];
    MemTxResult r;

    machine_init();
    ram_init(&ram, "ram", 0x1000, 0x77);
    memory_region_add_subregion(&root, 0x1000, &ram);

    memset(buf, 0xff, sizeof(buf));
    g_assert_cmpint(address_space_read(&as, 0x100, ATTRS, buf, 4), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpmem(buf, 4, ((uint8_t[4]){ 0 }), 4);
    g_assert_cmpint(address_space_write(&as, 0x100, ATTRS, buf, 4), ==,
                    MEMTX_DECODE_ERROR);

    /* Half RAM, half hole: the RAM bytes, zeros, and the error. */
    memset(buf, 0xff, sizeof(buf));
    g_assert_cmpint(address_space_read(&as, 0x1ff8, ATTRS, buf, 16), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmphex(buf[7], ==, 0x77);
    g_assert_cmphex(buf[8], ==, 0);
    g_assert_cmphex(address_space_ldl_le(&as, 0x1ffe, ATTRS, &r), ==, 0x7777);
    g_assert_cmpint(r, ==, MEMTX_DECODE_ERROR);

    /* Running past 2^64 is an error, not a wrap. */
    memset(buf, 0xff, sizeof(buf));
    g_assert_cmpint(address_space_read(&as, UINT64_MAX - 3, ATTRS, buf, 8), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpmem(buf, 8, ((uint8_t[8]){ 0 }), 8);
    g_assert_cmphex(address_space_ldq_le(&as, UINT64_MAX - 3, ATTRS, &r), ==, 0);
    g_assert_cmpint(r, ==, MEMTX_DECODE_ERROR);
    address_space_stq_le(&as, UINT64_MAX, 1, ATTRS, &r);
    g_assert_cmpint(r, ==, MEMTX_DECODE_ERROR);
    g_assert_false(address_space_access_valid(&as, UINT64_MAX, 2, false, ATTRS));
    /* The very last byte is addressable. */
    g_assert_cmpint(address_space_read(&as, UINT64_MAX, ATTRS, buf, 1), ==,
                    MEMTX_DECODE_ERROR);

    memory_region_del_subregion(&root, &ram);
    memory_region_finalize(&ram);
    machine_finalize();
}

static void test_rom(void)
{
    MemoryRegion rom, ram;
    uint8_t *p;
    MemTxResult r;
    char *log;

    machine_init();
    memory_region_init_rom(&rom, "bios", 0x1000, &error_abort);
    p = memory_region_get_ram_ptr(&rom);
    memset(p, 0x5a, 0x1000);
    memory_region_add_subregion(&root, 0xf000, &rom);
    g_assert_true(memory_region_is_ram(&rom));
    g_assert_true(memory_region_is_rom(&rom));

    log_capture_start();
    g_assert_cmpint(address_space_write(&as, 0xf010, ATTRS, "\1\2\3\4", 4), ==,
                    MEMTX_OK);
    address_space_stl_le(&as, 0xf020, 0, ATTRS, &r);
    g_assert_cmpint(r, ==, MEMTX_OK);
    log = log_capture_end();
    g_assert_cmphex(p[0x10], ==, 0x5a);
    g_assert_cmphex(p[0x20], ==, 0x5a);
    g_assert_cmphex(read_byte(0xf010), ==, 0x5a);
    g_assert_nonnull(strstr(log, "to read-only 'bios' ignored"));
    g_free(log);

    /* Loaders write ROM contents through write_rom. */
    g_assert_cmpint(address_space_write_rom(&as, 0xfffe, ATTRS, "\1\2\3\4", 4),
                    ==, MEMTX_DECODE_ERROR);
    g_assert_cmphex(p[0xffe], ==, 1);
    g_assert_cmphex(p[0xfff], ==, 2);
    g_assert_cmphex(read_byte(0xffff), ==, 2);

    /* RAM made read-only behaves the same. */
    ram_init(&ram, "ram", 0x1000, 0);
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_set_readonly(&ram, true);
    address_space_stb(&as, 0x10, 1, ATTRS, NULL);
    g_assert_cmphex(read_byte(0x10), ==, 0);
    memory_region_set_readonly(&ram, false);
    address_space_stb(&as, 0x10, 1, ATTRS, NULL);
    g_assert_cmphex(read_byte(0x10), ==, 1);

    memory_region_del_subregion(&root, &ram);
    memory_region_del_subregion(&root, &rom);
    memory_region_finalize(&ram);
    memory_region_finalize(&rom);
    machine_finalize();
}

static void test_rom_device(void)
{
    TestDev dev;
    MemoryRegion *mr = &dev.mr;
    uint8_t *p;

    machine_init();
    dev_init(&dev, &le_ops, "unused", 0x10);
    memory_region_finalize(&dev.mr);
    memory_region_init_rom_device(mr, &le_ops, &dev, "flash", 0x1000,
                                  &error_abort);
    p = memory_region_get_ram_ptr(mr);
    memset(p, 0xf1, 0x1000);
    memory_region_add_subregion(&root, 0x8000, mr);

    /* romd: reads from RAM, writes to the device. */
    g_assert_true(memory_region_is_romd(mr));
    g_assert_cmphex(address_space_ldl_le(&as, 0x8000, ATTRS, NULL), ==,
                    0xf1f1f1f1);
    address_space_stw_le(&as, 0x8004, 0x98, ATTRS, NULL);
    g_assert_cmpuint(dev.log->len, ==, 1);
    assert_access(&dev, 0, true, 4, 2, 0x98);
    g_assert_cmphex(p[4], ==, 0xf1);

    /* Command mode: reads reach the callbacks too. */
    memory_region_rom_device_set_romd(mr, false);
    g_assert_false(memory_region_is_romd(mr));
    g_assert_cmphex(address_space_lduw_le(&as, 0x8004, ATTRS, NULL), ==, 0x98);
    assert_access(&dev, 1, false, 4, 2, 0x98);
    g_assert_null(address_space_map(&as, 0x8000, &(hwaddr){ 4 }, false, ATTRS));

    memory_region_rom_device_set_romd(mr, true);
    g_assert_cmphex(read_byte(0x8004), ==, 0xf1);
    g_assert_cmpuint(dev.log->len, ==, 2);

    /* A loader fills the flash contents without the callbacks seeing it. */
    g_assert_cmpint(address_space_write_rom(&as, 0x8008, ATTRS, "\7", 1), ==,
                    MEMTX_OK);
    g_assert_cmphex(p[8], ==, 7);
    g_assert_cmpuint(dev.log->len, ==, 2);

    memory_region_del_subregion(&root, mr);
    dev_finalize(&dev);
    machine_finalize();
}

/* ---- Listeners and transactions ---- */

static void test_listener(void)
{
    MemoryRegion ram, dev_ram, moved;
    TestListener tl;

    machine_init();
    ram_init(&ram, "ram", 0x4000, 0);
    memory_region_add_subregion(&root, 0, &ram);

    /* Registering replays what is mapped. */
    tl_init(&tl, 0);
    memory_listener_register(&tl.listener, &as);
    assert_events(&tl, "begin;add ram@0+4000/0;commit;");

    /* Map, unmap. */
    ram_init(&moved, "moved", 0x1000, 0);
    memory_region_add_subregion(&root, 0x10000, &moved);
    assert_events(&tl, "begin;add moved@10000+1000/0;commit;");
    memory_region_set_address(&moved, 0x20000);
    assert_events(&tl, "begin;del moved@10000+1000/0;add moved@20000+1000/0;"
                  "commit;");
    memory_region_set_enabled(&moved, false);
    assert_events(&tl, "begin;del moved@20000+1000/0;commit;");
    memory_region_set_enabled(&moved, true);
    assert_events(&tl, "begin;add moved@20000+1000/0;commit;");
    memory_region_del_subregion(&root, &moved);
    assert_events(&tl, "begin;del moved@20000+1000/0;commit;");

    /* Overlapping: ram is cut in two around the new region. */
    ram_init(&dev_ram, "vram", 0x1000, 0);
    memory_region_add_subregion_overlap(&root, 0x1000, &dev_ram, 1);
    assert_events(&tl, "begin;del ram@0+4000/0;add ram@0+1000/0;"
                  "add vram@1000+1000/0;add ram@2000+2000/2000;commit;");
    memory_region_del_subregion(&root, &dev_ram);
    assert_events(&tl, "begin;del ram@0+1000/0;del vram@1000+1000/0;"
                  "del ram@2000+2000/2000;add ram@0+4000/0;commit;");

    /* A change that does not show is not reported. */
    memory_region_set_address(&moved, 0x30000);
    assert_events(&tl, "");

    /* Unregistering tells the listener everything went away. */
    memory_listener_unregister(&tl.listener);
    assert_events(&tl, "begin;del ram@0+4000/0;commit;");
    memory_region_add_subregion(&root, 0x10000, &moved);
    assert_events(&tl, "");

    memory_region_del_subregion(&root, &moved);
    memory_region_del_subregion(&root, &ram);
    memory_region_finalize(&moved);
    memory_region_finalize(&dev_ram);
    memory_region_finalize(&ram);
    g_string_free(tl.events, true);
    machine_finalize();
}

/* Listener order: add/begin/commit by ascending priority, del descending. */
static GString *order_log;

static void order_add(MemoryListener *l, MemoryRegionSection *sec)
{
    g_string_append_printf(order_log, "add%d;", l->priority);
}

static void order_del(MemoryListener *l, MemoryRegionSection *sec)
{
    g_string_append_printf(order_log, "del%d;", l->priority);
}

static void test_listener_order(void)
{
    MemoryListener a = { .region_add = order_add, .region_del = order_del,
                         .priority = 10 };
    MemoryListener b = { .region_add = order_add, .region_del = order_del,
                         .priority = -5 };
    MemoryRegion ram;

    machine_init();
    order_log = g_string_new("");
    memory_listener_register(&a, &as);
    memory_listener_register(&b, &as);
    ram_init(&ram, "ram", 0x1000, 0);
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_del_subregion(&root, &ram);
    g_assert_cmpstr(order_log->str, ==, "add-5;add10;del10;del-5;");
    memory_region_finalize(&ram);
    /* destroy unregisters what is left */
    machine_finalize();
    g_assert_null(a.as);
    g_assert_null(b.as);
    g_string_free(order_log, true);
}

static void test_transaction(void)
{
    MemoryRegion r[4];
    TestListener tl;

    machine_init();
    tl_init(&tl, 0);
    memory_listener_register(&tl.listener, &as);
    assert_events(&tl, "begin;commit;");

    memory_region_transaction_begin();
    for (unsigned i = 0; i < 4; i++) {
        g_autofree char *name = g_strdup_printf("r%u", i);
        ram_init(&r[i], name, 0x1000, i);
        memory_region_add_subregion(&root, i * 0x10000, &r[i]);
    }
    memory_region_transaction_begin();      /* nested */
    memory_region_set_address(&r[3], 0x80000);
    memory_region_transaction_commit();
    /* Nothing applied until the outermost commit. */
    assert_events(&tl, "");
    g_assert_cmpint(address_space_read(&as, 0, ATTRS, (uint8_t[1]){0}, 1), ==,
                    MEMTX_DECODE_ERROR);
    memory_region_transaction_commit();
    assert_events(&tl, "begin;add r0@0+1000/0;add r1@10000+1000/0;"
                  "add r2@20000+1000/0;add r3@80000+1000/0;commit;");
    g_assert_cmphex(read_byte(0x20000), ==, 2);

    /* Changes that cancel out: no events at all. */
    memory_region_transaction_begin();
    memory_region_set_enabled(&r[0], false);
    memory_region_set_address(&r[1], 0x50000);
    memory_region_set_address(&r[1], 0x10000);
    memory_region_set_enabled(&r[0], true);
    memory_region_transaction_commit();
    assert_events(&tl, "");

    memory_region_transaction_begin();
    for (unsigned i = 0; i < 4; i++) {
        memory_region_del_subregion(&root, &r[i]);
    }
    memory_region_transaction_commit();
    assert_events(&tl, "begin;del r0@0+1000/0;del r1@10000+1000/0;"
                  "del r2@20000+1000/0;del r3@80000+1000/0;commit;");
    for (unsigned i = 0; i < 4; i++) {
        memory_region_finalize(&r[i]);
    }
    memory_listener_unregister(&tl.listener);
    g_string_free(tl.events, true);
    machine_finalize();
}

static void test_listener_romd(void)
{
    MemoryRegion flash;
    TestListener tl;
    TestDev dev;

    machine_init();
    dev_init(&dev, &le_ops, "unused", 0x10);
    memory_region_finalize(&dev.mr);
    memory_region_init_rom_device(&flash, &le_ops, &dev, "flash", 0x1000,
                                  &error_abort);
    memory_region_add_subregion(&root, 0, &flash);
    tl_init(&tl, 0);
    memory_listener_register(&tl.listener, &as);
    assert_events(&tl, "begin;add flash@0+1000/0 romd;commit;");
    memory_region_rom_device_set_romd(&flash, false);
    assert_events(&tl, "begin;del flash@0+1000/0 romd;add flash@0+1000/0;"
                  "commit;");
    memory_listener_unregister(&tl.listener);
    memory_region_del_subregion(&root, &flash);
    memory_region_finalize(&flash);
    g_array_free(dev.log, true);
    g_string_free(tl.events, true);
    machine_finalize();
}

/* ---- Translate, map, views ---- */

static void test_translate(void)
{
    MemoryRegion ram, win;
    TestDev dev;
    MemoryRegion *mr;
    hwaddr xlat, plen;

    machine_init();
    ram_init(&ram, "ram", 0x2000, 0);
    dev_init(&dev, &le_ops, "dev", 0x100);
    memory_region_init_alias(&win, "win", &ram, 0x1000, 0x1000);
    memory_region_add_subregion(&root, 0x1000, &ram);
    memory_region_add_subregion(&root, 0x4000, &dev.mr);
    memory_region_add_subregion(&root, 0x10000, &win);

    plen = 0x10000;
    mr = address_space_translate(&as, 0x1800, &xlat, &plen, false, ATTRS);
    g_assert_true(mr == &ram);
    g_assert_cmphex(xlat, ==, 0x800);
    g_assert_cmphex(plen, ==, 0x1800);

    plen = 4;
    mr = address_space_translate(&as, 0x1800, &xlat, &plen, true, ATTRS);
    g_assert_cmphex(plen, ==, 4);

    /* Through an alias: the RAM itself, at the alias's offset. */
    plen = 0x10000;
    mr = address_space_translate(&as, 0x10010, &xlat, &plen, false, ATTRS);
    g_assert_true(mr == &ram);
    g_assert_cmphex(xlat, ==, 0x1010);
    g_assert_cmphex(plen, ==, 0xff0);

    plen = 0x10000;
    mr = address_space_translate(&as, 0x4010, &xlat, &plen, false, ATTRS);
    g_assert_true(mr == &dev.mr);
    g_assert_cmphex(xlat, ==, 0x10);
    g_assert_cmphex(plen, ==, 0xf0);

    /* A hole: NULL, and the length up to the next range. */
    plen = 0x10000;
    mr = address_space_translate(&as, 0x3000, &xlat, &plen, false, ATTRS);
    g_assert_null(mr);
    g_assert_cmphex(plen, ==, 0x1000);

    /* The TLB slow path on the translated region. */
    {
        uint64_t v;
        mr = address_space_translate(&as, 0x4008, &xlat, &plen, false, ATTRS);
        g_assert_cmpint(memory_region_dispatch_read(mr, xlat, &v, 4, true,
                                                    ATTRS), ==, MEMTX_OK);
        g_assert_cmphex(v, ==, ld32_be_p(dev.regs + 8));
        g_assert_cmpint(memory_region_dispatch_write(mr, xlat, 0x01020304, 4,
                                                     true, ATTRS), ==, MEMTX_OK);
        g_assert_cmphex(ld32_le_p(dev.regs + 8), ==, 0x04030201);
    }

    memory_region_del_subregion(&root, &win);
    memory_region_del_subregion(&root, &dev.mr);
    memory_region_del_subregion(&root, &ram);
    memory_region_finalize(&win);
    memory_region_finalize(&ram);
    dev_finalize(&dev);
    machine_finalize();
}

static void test_map(void)
{
    MemoryRegion ram, rom;
    TestDev dev;
    hwaddr plen;
    uint8_t *p;

    machine_init();
    ram_init(&ram, "ram", 0x2000, 0);
    memory_region_init_rom(&rom, "rom", 0x1000, &error_abort);
    dev_init(&dev, &le_ops, "dev", 0x100);
    memory_region_add_subregion(&root, 0x0000, &ram);
    memory_region_add_subregion(&root, 0x2000, &dev.mr);
    memory_region_add_subregion(&root, 0x3000, &rom);

    plen = 0x10000;
    p = address_space_map(&as, 0x100, &plen, true, ATTRS);
    g_assert_true(p == (uint8_t *)memory_region_get_ram_ptr(&ram) + 0x100);
    g_assert_cmphex(plen, ==, 0x1f00);
    memset(p, 0xab, plen);
    address_space_unmap(&as, p, plen, true, plen);
    g_assert_cmphex(read_byte(0x1fff), ==, 0xab);

    plen = 4;
    g_assert_null(address_space_map(&as, 0x2000, &plen, false, ATTRS));
    g_assert_cmphex(plen, ==, 0);

    plen = 4;
    g_assert_null(address_space_map(&as, 0x3000, &plen, true, ATTRS));
    plen = 4;
    g_assert_nonnull(address_space_map(&as, 0x3000, &plen, false, ATTRS));
    g_assert_cmphex(plen, ==, 4);

    plen = 4;
    g_assert_null(address_space_map(&as, 0x9000, &plen, false, ATTRS));

    memory_region_del_subregion(&root, &ram);
    memory_region_del_subregion(&root, &dev.mr);
    memory_region_del_subregion(&root, &rom);
    memory_region_finalize(&ram);
    memory_region_finalize(&rom);
    dev_finalize(&dev);
    machine_finalize();
}

/* A reader holding the old view keeps it after a new one is published. */
static void test_view_lifetime(void)
{
    MemoryRegion a, b;
    MemoryRegionSection sec;
    FlatView *old, *cur;

    machine_init();
    ram_init(&a, "a", 0x1000, 0);
    ram_init(&b, "b", 0x1000, 0);
    memory_region_add_subregion(&root, 0, &a);
    old = address_space_get_flatview(&as);

    memory_region_add_subregion_overlap(&root, 0, &b, 1);
    cur = address_space_get_flatview(&as);
    g_assert_true(cur != old);
    flatview_lookup(old, 0x10, &sec);
    g_assert_true(sec.mr == &a);
    flatview_lookup(cur, 0x10, &sec);
    g_assert_true(sec.mr == &b);
    g_assert_cmpuint(flatview_nr_ranges(cur), ==, 1);
    flatview_unref(old);
    flatview_unref(cur);

    memory_region_del_subregion(&root, &a);
    memory_region_del_subregion(&root, &b);
    memory_region_finalize(&a);
    memory_region_finalize(&b);
    machine_finalize();
}

/* A second thread reads while the topology keeps changing. */
typedef struct ReaderState {
    gint stop;
    gint bad;
    gint reads;
} ReaderState;

static gpointer reader_thread(gpointer opaque)
{
    ReaderState *s = opaque;

    while (!g_atomic_int_get(&s->stop)) {
        MemTxResult r;
        uint32_t v = address_space_ldl_le(&as, 0x100, ATTRS, &r);
        if (r != MEMTX_OK || (v != 0x11111111 && v != 0x22222222)) {
            g_atomic_int_inc(&s->bad);
        }
        g_atomic_int_inc(&s->reads);
    }
    return NULL;
}

static void test_concurrent_reader(void)
{
    MemoryRegion a, b;
    ReaderState s = { 0 };
    GThread *t;

    machine_init();
    ram_init(&a, "a", 0x1000, 0x11);
    ram_init(&b, "b", 0x1000, 0x22);
    memory_region_add_subregion(&root, 0, &a);
    memory_region_add_subregion_overlap(&root, 0, &b, 1);
    t = g_thread_new("reader", reader_thread, &s);
    /* At least 2000 swaps, and until the reader has made 2000 reads. */
    for (unsigned i = 0; i < 2000 || g_atomic_int_get(&s.reads) < 2000; i++) {
        memory_region_set_enabled(&b, i & 1);
    }
    g_atomic_int_set(&s.stop, 1);
    g_thread_join(t);
    g_assert_cmpint(s.bad, ==, 0);

    memory_region_del_subregion(&root, &a);
    memory_region_del_subregion(&root, &b);
    memory_region_finalize(&a);
    memory_region_finalize(&b);
    machine_finalize();
}

/* ---- DMA, system memory, mtree ---- */

static void test_dma(void)
{
    MemoryRegion ram;
    uint8_t buf[0x3000];
    uint8_t *p;
    char *log;

    machine_init();
    ram_init(&ram, "ram", 0x10000, 0);
    p = memory_region_get_ram_ptr(&ram);
    memory_region_add_subregion(&root, 0, &ram);

    g_assert_cmpint(dma_memory_set(&as, 0x1000, 0xcd, 0x2001, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmphex(p[0xfff], ==, 0);
    g_assert_cmphex(p[0x1000], ==, 0xcd);
    g_assert_cmphex(p[0x3000], ==, 0xcd);
    g_assert_cmphex(p[0x3001], ==, 0);
    g_assert_cmpint(dma_memory_read(&as, 0x1000, buf, sizeof(buf), ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmphex(buf[0x2000], ==, 0xcd);
    g_assert_cmphex(buf[0x2001], ==, 0);
    g_assert_cmpint(dma_memory_write(&as, 0x8000, "hello", 5, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmpmem(p + 0x8000, 5, "hello", 5);

    /* Wild DMA: an error and a log line, never a crash. */
    log_capture_start();
    g_assert_cmpint(dma_memory_read(&as, 0xdead0000, buf, 16, ATTRS), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpint(dma_memory_write(&as, UINT64_MAX - 1, buf, 16, ATTRS), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpint(dma_memory_set(&as, 0xfff0, 0, 0x20, ATTRS), ==,
                    MEMTX_DECODE_ERROR);
    log = log_capture_end();
    g_assert_nonnull(strstr(log, "dma: read of 16 bytes at 0xdead0000 in "
                            "'test' failed (nothing mapped)"));
    g_assert_nonnull(strstr(log, "dma: write of 16 bytes"));
    g_assert_nonnull(strstr(log, "dma: fill of 32 bytes at 0xfff0"));
    g_free(log);
    g_assert_cmphex(p[0xffff], ==, 0);

    memory_region_del_subregion(&root, &ram);
    memory_region_finalize(&ram);
    machine_finalize();
}

static void test_system_memory(void)
{
    MemoryRegion ram;
    AddressSpace *sys = get_address_space_memory();

    g_assert_true(sys->root == get_system_memory());
    g_assert_true(&address_space_memory == sys);
    g_assert_cmphex(memory_region_size(get_system_memory()), ==, UINT64_MAX);
    ram_init(&ram, "sysram", 0x1000, 0x3c);
    memory_region_add_subregion(get_system_memory(), 0x40000000, &ram);
    g_assert_cmphex(address_space_ldub(&address_space_memory, 0x40000fff,
                                       ATTRS, NULL), ==, 0x3c);
    /* A region mapped at the very top of the 64-bit space. */
    memory_region_set_address(&ram, UINT64_MAX - 0xfff);
    g_assert_cmphex(address_space_ldub(&address_space_memory, UINT64_MAX,
                                       ATTRS, NULL), ==, 0x3c);
    memory_region_del_subregion(get_system_memory(), &ram);
    memory_region_finalize(&ram);
}

static void test_mtree(void)
{
    MemoryRegion ram, win;
    TestDev dev;
    GString *out = g_string_new("");

    machine_init();
    ram_init(&ram, "ram", 0x8000, 0);
    dev_init(&dev, &le_ops, "uart", 0x1000);
    memory_region_init_alias(&win, "ram-hi", &ram, 0x4000, 0x4000);
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion_overlap(&root, 0x2000, &dev.mr, 2);
    memory_region_add_subregion(&root, 0x100000, &win);

    mtree_print(out, &as, false);
    g_assert_cmpstr(out->str, ==,
        "address-space: test\n"
        "  0000000000000000-ffffffffffffffff (prio 0, container): root\n"
        "    0000000000002000-0000000000002fff (prio 2, i/o): uart\n"
        "    0000000000100000-0000000000103fff (prio 0, alias): ram-hi "
        "@ram 0000000000004000-0000000000007fff\n"
        "    0000000000000000-0000000000007fff (prio 0, ram): ram\n");

    g_string_truncate(out, 0);
    mtree_print(out, &as, true);
    g_assert_cmpstr(out->str, ==,
        "FlatView for address-space: test\n"
        "  0000000000000000-0000000000001fff (ram): ram\n"
        "  0000000000002000-0000000000002fff (i/o): uart\n"
        "  0000000000003000-0000000000007fff (ram): ram @0000000000003000\n"
        "  0000000000100000-0000000000103fff (ram): ram @0000000000004000\n");

    /* NULL: every address space, the system one included. */
    g_string_truncate(out, 0);
    mtree_print(out, NULL, false);
    g_assert_nonnull(strstr(out->str, "address-space: memory\n"));
    g_assert_nonnull(strstr(out->str, "address-space: test\n"));

    memory_region_del_subregion(&root, &win);
    memory_region_del_subregion(&root, &dev.mr);
    memory_region_del_subregion(&root, &ram);
    memory_region_finalize(&win);
    memory_region_finalize(&ram);
    dev_finalize(&dev);
    g_string_free(out, true);
    machine_finalize();
}

static void test_init_errors(void)
{
    MemoryRegion mr;
    Error *err = NULL;

    g_assert_false(memory_region_init_ram(&mr, "zero", 0, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(error_get_pretty(err), "'zero'"));
    error_free(err);
    err = NULL;
    g_assert_false(memory_region_init_ram(&mr, "huge", UINT64_MAX - 1, &err));
    g_assert_nonnull(err);
    error_free(err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    log_init();

    g_test_add_func("/memory/overlap/priority", test_priority);
    g_test_add_func("/memory/overlap/holes", test_priority_holes);
    g_test_add_func("/memory/alias/window", test_alias);
    g_test_add_func("/memory/alias/mmio", test_alias_mmio);
    g_test_add_func("/memory/access/split-ram-mmio-ram", test_split_ram_mmio_ram);
    g_test_add_func("/memory/access/split-wide", test_split_wide);
    g_test_add_func("/memory/access/widen-narrow", test_widen_narrow);
    g_test_add_func("/memory/access/endianness", test_endianness);
    g_test_add_func("/memory/access/unaligned", test_unaligned);
    g_test_add_func("/memory/access/valid-sizes", test_valid_sizes);
    g_test_add_func("/memory/access/attrs", test_attrs);
    g_test_add_func("/memory/access/unassigned", test_unassigned);
    g_test_add_func("/memory/rom", test_rom);
    g_test_add_func("/memory/rom-device", test_rom_device);
    g_test_add_func("/memory/listener/events", test_listener);
    g_test_add_func("/memory/listener/order", test_listener_order);
    g_test_add_func("/memory/listener/romd", test_listener_romd);
    g_test_add_func("/memory/transaction", test_transaction);
    g_test_add_func("/memory/translate", test_translate);
    g_test_add_func("/memory/map", test_map);
    g_test_add_func("/memory/view/lifetime", test_view_lifetime);
    g_test_add_func("/memory/view/concurrent-reader", test_concurrent_reader);
    g_test_add_func("/memory/dma", test_dma);
    g_test_add_func("/memory/system-memory", test_system_memory);
    g_test_add_func("/memory/mtree", test_mtree);
    g_test_add_func("/memory/init-errors", test_init_errors);
    return g_test_run();
}
