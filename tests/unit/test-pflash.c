/*
 * pflash-cfi01 (hw/block/pflash-cfi01.c) driven as firmware drives it: the
 * bank is mapped at address 0 of the system memory and every command is a
 * real bus write through the address space, with commands replicated to
 * both x16 chips of virt's 32-bit bank (0x00980098), as UEFI's NorFlashDxe
 * and u-boot's CFI driver write them. Backing files are real temporary
 * files, reopened to check what reached the disk.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/block/pflash-cfi01.h"
#include "softmmu/memory.h"
#include "util/bswap.h"

#include <glib/gstdio.h>

#define AS (get_address_space_memory())
#define ATTRS MEMTXATTRS_UNSPECIFIED
#define DUAL(x) ((uint32_t)(x) << 16 | (x))     /* one command per chip */

/* The small virt-like bank most tests use: 1 MiB, 64 KiB blocks, 2 x16 chips. */
#define SMALL_SIZE  (1 * MiB)
#define SMALL_BLOCK (64 * KiB)

typedef struct Flash {
    DeviceState *dev;
    MemoryRegion *mr;
} Flash;

/* props: "name=value" pairs, NULL-terminated. */
static bool flash_new(Flash *f, const char *const *props, Error **errp)
{
    f->dev = device_new(&pflash_cfi01_class);
    for (; *props; props++) {
        g_auto(GStrv) kv = g_strsplit(*props, "=", 2);

        g_assert_true(device_set_prop(f->dev, kv[0], kv[1], &error_abort));
    }
    if (!device_realize(f->dev, NULL, errp)) {
        device_destroy(f->dev);
        f->dev = NULL;
        return false;
    }
    device_reset(f->dev);
    f->mr = device_get_mmio(f->dev, 0);
    device_mmio_map(f->dev, 0, 0);
    return true;
}

static void flash_small(Flash *f, const char *drive, bool readonly)
{
    g_autofree char *drive_prop = drive ? g_strdup_printf("drive=%s", drive) : NULL;
    const char *props[] = { "size=1M", "sector-length=64K", "width=4",
                            "device-width=2",
                            readonly ? "readonly=on" : "readonly=off",
                            drive_prop, NULL };

    flash_new(f, props, &error_abort);
}

static void flash_free(Flash *f)
{
    memory_region_del_subregion(get_system_memory(), f->mr);
    device_destroy(f->dev);
}

static void cmd(hwaddr addr, uint32_t value)
{
    MemTxResult r;

    address_space_stl_le(AS, addr, value, ATTRS, &r);
    g_assert_cmpint(r, ==, MEMTX_OK);
}

static uint32_t rd32(hwaddr addr)
{
    MemTxResult r;
    uint32_t v = address_space_ldl_le(AS, addr, ATTRS, &r);

    g_assert_cmpint(r, ==, MEMTX_OK);
    return v;
}

static uint32_t status(void)
{
    return rd32(0);
}

/* A temporary file holding `len` bytes of pattern; the caller unlinks it. */
static char *temp_image(size_t len, uint8_t seed)
{
    g_autofree uint8_t *data = g_malloc(len);
    GError *gerr = NULL;
    char *path;
    int fd = g_file_open_tmp("koine-pflash-XXXXXX", &path, &gerr);

    g_assert_no_error(gerr);
    close(fd);
    for (size_t i = 0; i < len; i++) {
        data[i] = i * 13 + seed + (i >> 8);
    }
    g_assert_true(g_file_set_contents(path, (char *)data, len, &gerr));
    return path;
}

static uint8_t pattern(size_t i, uint8_t seed)
{
    return i * 13 + seed + (i >> 8);
}

/* ---- Read array and romd ---- */

static void test_read_array(void)
{
    g_autofree char *path = temp_image(SMALL_SIZE, 5);
    MemoryRegionSection sec;
    FlatView *view;
    uint8_t buf[64];
    hwaddr plen = 64;
    uint8_t *host;
    Flash f;

    flash_small(&f, path, false);
    address_space_read(AS, 0x12340, ATTRS, buf, sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i++) {
        g_assert_cmphex(buf[i], ==, pattern(0x12340 + i, 5));
    }
    /* Read-array mode is romd: the view says so and reads map to memory. */
    g_assert_true(memory_region_is_romd(f.mr));
    view = address_space_get_flatview(AS);
    flatview_lookup(view, 0x100, &sec);
    flatview_unref(view);
    g_assert_true(sec.mr == f.mr && sec.romd);
    host = address_space_map(AS, 0x12340, &plen, false, ATTRS);
    g_assert_nonnull(host);
    g_assert_cmpmem(host, 64, buf, 64);

    /* A command leaves romd; read array (0xFF or 0x00) comes back. */
    cmd(0x55 * 4, DUAL(0x98));
    g_assert_false(memory_region_is_romd(f.mr));
    plen = 64;
    g_assert_null(address_space_map(AS, 0x12340, &plen, false, ATTRS));
    cmd(0, DUAL(0xff));
    g_assert_true(memory_region_is_romd(f.mr));
    cmd(0, DUAL(0x70));
    cmd(0, 0);
    g_assert_true(memory_region_is_romd(f.mr));
    g_assert_cmphex(address_space_ldub(AS, 0x12340, ATTRS, NULL), ==, buf[0]);

    /* An unknown command goes back to read array. */
    cmd(0, DUAL(0x90));
    cmd(0, DUAL(0x42));
    g_assert_true(memory_region_is_romd(f.mr));
    flash_free(&f);
    g_unlink(path);
}

/* ---- Query modes ---- */

static void test_cfi_virt(void)
{
    /* virt's banks: 64 MiB, 256 KiB sectors, 2 x16 chips on 32 bits. */
    const char *props[] = { "num-blocks=256", "sector-length=256K", "width=4",
                            "device-width=2", "name=virt.flash0", NULL };
    Flash f;

    flash_new(&f, props, &error_abort);
    g_assert_cmpstr(memory_region_name(f.mr), ==, "virt.flash0");
    g_assert_cmphex(memory_region_size(f.mr), ==, 64 * MiB);
    cmd(0x55 * 4, DUAL(0x98));
    g_assert_cmphex(rd32(0x10 * 4), ==, DUAL('Q'));
    g_assert_cmphex(rd32(0x11 * 4), ==, DUAL('R'));
    g_assert_cmphex(rd32(0x12 * 4), ==, DUAL('Y'));
    g_assert_cmphex(rd32(0x13 * 4), ==, DUAL(1));        /* Intel command set */
    g_assert_cmphex(rd32(0x27 * 4), ==, DUAL(25));       /* 32 MiB per chip */
    g_assert_cmphex(rd32(0x28 * 4), ==, DUAL(2));        /* x8/x16 */
    g_assert_cmphex(rd32(0x2a * 4), ==, DUAL(11));       /* 2 KiB buffer */
    g_assert_cmphex(rd32(0x2c * 4), ==, DUAL(1));        /* one region */
    g_assert_cmphex(rd32(0x2d * 4), ==, DUAL(0xff));     /* 256 blocks - 1 */
    g_assert_cmphex(rd32(0x2e * 4), ==, DUAL(0x00));
    g_assert_cmphex(rd32(0x2f * 4), ==, DUAL(0x00));     /* 128 KiB per chip / 256 */
    g_assert_cmphex(rd32(0x30 * 4), ==, DUAL(0x02));
    g_assert_cmphex(rd32(0x31 * 4), ==, DUAL('P'));
    /* Narrow reads see one chip's lane: half words and bytes. */
    g_assert_cmphex(address_space_lduw_le(AS, 0x10 * 4 + 2, ATTRS, NULL), ==, 'Q');
    g_assert_cmphex(address_space_ldub(AS, 0x11 * 4, ATTRS, NULL), ==, 'R');
    g_assert_cmphex(address_space_ldub(AS, 0x11 * 4 + 1, ATTRS, NULL), ==, 0);
    /* Past the table: zeros. */
    g_assert_cmphex(rd32(0x400), ==, 0);
    flash_free(&f);
}

static void test_cfi_x16(void)
{
    /* One x16 chip on a 16-bit bus, big-endian, 16 blocks of 64 KiB. */
    const char *props[] = { "size=1M", "sector-length=64K", "width=2",
                            "device-width=2", "big-endian=on", NULL };
    Flash f;

    flash_new(&f, props, &error_abort);
    cmd(0, 0);      /* a 0x00 to read array was accepted: still romd */
    address_space_stw_be(AS, 0x55 * 2, 0x98, ATTRS, NULL);
    g_assert_cmphex(address_space_lduw_be(AS, 0x10 * 2, ATTRS, NULL), ==, 'Q');
    g_assert_cmphex(address_space_lduw_be(AS, 0x12 * 2, ATTRS, NULL), ==, 'Y');
    /* Big-endian: the low byte of a chip's word is at the odd address. */
    g_assert_cmphex(address_space_ldub(AS, 0x10 * 2 + 1, ATTRS, NULL), ==, 'Q');
    g_assert_cmphex(address_space_lduw_be(AS, 0x27 * 2, ATTRS, NULL), ==, 20);
    g_assert_cmphex(address_space_lduw_be(AS, 0x2d * 2, ATTRS, NULL), ==, 15);
    g_assert_cmphex(address_space_lduw_be(AS, 0x2e * 2, ATTRS, NULL), ==, 0);
    g_assert_cmphex(address_space_lduw_be(AS, 0x2f * 2, ATTRS, NULL), ==, 0);
    g_assert_cmphex(address_space_lduw_be(AS, 0x30 * 2, ATTRS, NULL), ==, 1);
    address_space_stw_be(AS, 0, 0x70, ATTRS, NULL);
    g_assert_cmphex(address_space_lduw_be(AS, 0, ATTRS, NULL), ==, PFLASH_SR_READY);
    flash_free(&f);
}

static void test_read_id(void)
{
    const char *props[] = { "size=1M", "sector-length=64K", "id0=0x89",
                            "id1=0x18", NULL };
    Flash f;

    flash_new(&f, props, &error_abort);
    cmd(0, DUAL(0x90));
    g_assert_cmphex(rd32(0), ==, DUAL(0x89));
    g_assert_cmphex(rd32(4), ==, DUAL(0x18));
    g_assert_cmphex(rd32(8), ==, 0);                     /* block unlocked */
    /* Lock block 3, then its lock status reads 1 (at block base + 2 words). */
    cmd(3 * SMALL_BLOCK, DUAL(0x60));
    cmd(3 * SMALL_BLOCK, DUAL(0x01));
    cmd(0, DUAL(0x90));
    g_assert_cmphex(rd32(3 * SMALL_BLOCK + 8), ==, DUAL(1));
    g_assert_cmphex(rd32(2 * SMALL_BLOCK + 8), ==, 0);
    cmd(0, DUAL(0xff));
    flash_free(&f);
}

/* ---- Erase and program ---- */

static void test_block_erase(void)
{
    g_autofree char *path = temp_image(SMALL_SIZE, 9);
    g_autofree uint8_t *buf = g_malloc(3 * SMALL_BLOCK);
    Flash f;

    flash_small(&f, path, false);
    cmd(SMALL_BLOCK + 0x100, DUAL(0x20));
    g_assert_false(memory_region_is_romd(f.mr));
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY));   /* status while pending */
    cmd(SMALL_BLOCK + 0x100, DUAL(0xd0));
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY));
    cmd(0, DUAL(0xff));
    address_space_read(AS, 0, ATTRS, buf, 3 * SMALL_BLOCK);
    for (size_t i = 0; i < 3 * SMALL_BLOCK; i++) {
        uint8_t want = i / SMALL_BLOCK == 1 ? 0xff : pattern(i, 9);

        if (buf[i] != want) {
            g_error("byte 0x%zx: 0x%02x, expected 0x%02x", i, buf[i], want);
        }
    }
    flash_free(&f);
    g_unlink(path);
}

static void test_word_program(void)
{
    Flash f;

    flash_small(&f, NULL, false);
    g_assert_cmphex(rd32(0x2000), ==, 0xffffffff);       /* no file: erased */
    cmd(0x2000, DUAL(0x40));
    cmd(0x2000, 0x12345678);
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY));
    cmd(0, DUAL(0xff));
    g_assert_cmphex(rd32(0x2000), ==, 0x12345678);
    g_assert_cmphex(rd32(0x2004), ==, 0xffffffff);

    /* Programming only clears bits (0x10 is the other program command). */
    cmd(0x2000, DUAL(0x10));
    cmd(0x2000, 0xffff0ff0);
    cmd(0, DUAL(0xff));
    g_assert_cmphex(rd32(0x2000), ==, 0x12340670);

    /* A 16-bit program of one chip's half. */
    cmd(0x2004, DUAL(0x40));
    address_space_stw_le(AS, 0x2006, 0xbeef, ATTRS, NULL);
    cmd(0, DUAL(0xff));
    g_assert_cmphex(rd32(0x2004), ==, 0xbeefffff);
    flash_free(&f);
}

static void test_buffered_program(void)
{
    const unsigned words = 512;           /* 2 KiB: half of each chip's buffer */
    hwaddr base = 2 * SMALL_BLOCK + 0x800;
    Flash f;

    flash_small(&f, NULL, false);
    cmd(base, DUAL(0xe8));
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY));   /* buffer available */
    cmd(base, DUAL(words - 1));
    for (unsigned i = 0; i < words; i++) {
        cmd(base + 4 * i, 0xa5000000 | i);
    }
    /* Nothing is written before the confirm. */
    g_assert_false(memory_region_is_romd(f.mr));
    cmd(base, DUAL(0xd0));
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY));
    cmd(0, DUAL(0xff));
    for (unsigned i = 0; i < words; i++) {
        g_assert_cmphex(rd32(base + 4 * i), ==, 0xa5000000 | i);
    }
    g_assert_cmphex(rd32(base - 4), ==, 0xffffffff);
    g_assert_cmphex(rd32(base + 4 * words), ==, 0xffffffff);

    /* A count larger than the buffer: command sequence error. */
    cmd(0, DUAL(0xe8));
    cmd(0, DUAL(1024));
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY | PFLASH_SR_ERASE_ERROR |
                                       PFLASH_SR_PROGRAM_ERROR));
    cmd(0, DUAL(0x50));
    g_assert_true(memory_region_is_romd(f.mr));

    /* No confirm: the staged data is dropped. */
    cmd(0x100, DUAL(0xe8));
    cmd(0x100, DUAL(0));
    cmd(0x100, 0);
    cmd(0x100, DUAL(0xff));
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY | PFLASH_SR_ERASE_ERROR |
                                       PFLASH_SR_PROGRAM_ERROR));
    cmd(0, DUAL(0x50));
    g_assert_cmphex(rd32(0x100), ==, 0xffffffff);
    flash_free(&f);
}

static void test_status_and_locks(void)
{
    const uint32_t locked_erase = PFLASH_SR_READY | PFLASH_SR_ERASE_ERROR |
                                  PFLASH_SR_LOCKED;
    Flash f;

    flash_small(&f, NULL, false);
    cmd(0, DUAL(0x70));
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY));
    /* Narrow status reads see one chip. */
    g_assert_cmphex(address_space_lduw_le(AS, 2, ATTRS, NULL), ==, PFLASH_SR_READY);

    /* Erase with a wrong confirm: sequence error, nothing erased. */
    cmd(0x40, DUAL(0x40));
    cmd(0x40, 0);
    cmd(0, DUAL(0x20));
    cmd(0, DUAL(0x55));
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY | PFLASH_SR_ERASE_ERROR |
                                       PFLASH_SR_PROGRAM_ERROR));
    cmd(0, DUAL(0x50));
    g_assert_cmphex(rd32(0x40), ==, 0);

    /* A locked block refuses erase and program. */
    cmd(SMALL_BLOCK, DUAL(0x60));
    cmd(SMALL_BLOCK, DUAL(0x01));
    cmd(SMALL_BLOCK, DUAL(0x40));
    cmd(SMALL_BLOCK, 0);
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY | PFLASH_SR_PROGRAM_ERROR |
                                       PFLASH_SR_LOCKED));
    cmd(0, DUAL(0x50));
    g_assert_cmphex(rd32(SMALL_BLOCK), ==, 0xffffffff);
    cmd(0, DUAL(0x20));
    cmd(0, DUAL(0xd0));
    cmd(SMALL_BLOCK, DUAL(0x20));
    cmd(SMALL_BLOCK, DUAL(0xd0));
    g_assert_cmphex(status(), ==, DUAL(locked_erase));
    cmd(0, DUAL(0x50));
    g_assert_cmphex(rd32(0x40), ==, 0xffffffff);         /* block 0 was erased */

    /* Unlocked, it programs; suspend and resume are accepted. */
    cmd(SMALL_BLOCK, DUAL(0x60));
    cmd(SMALL_BLOCK, DUAL(0xd0));
    cmd(SMALL_BLOCK, DUAL(0xb0));
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY));
    cmd(SMALL_BLOCK, DUAL(0xd0));
    cmd(SMALL_BLOCK, DUAL(0x40));
    cmd(SMALL_BLOCK, 0x11223344);
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY));
    cmd(0, DUAL(0xff));
    g_assert_cmphex(rd32(SMALL_BLOCK), ==, 0x11223344);

    /* Reset: read array, status clean, locks gone. */
    cmd(SMALL_BLOCK, DUAL(0x60));
    cmd(SMALL_BLOCK, DUAL(0x01));
    cmd(0, DUAL(0x98));
    device_reset(f.dev);
    g_assert_true(memory_region_is_romd(f.mr));
    cmd(SMALL_BLOCK, DUAL(0x20));
    cmd(SMALL_BLOCK, DUAL(0xd0));
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY));
    flash_free(&f);
}

/* ---- Backing files ---- */

static void test_write_through(void)
{
    g_autofree char *path = temp_image(SMALL_SIZE, 1);
    g_autofree char *contents = NULL;
    GError *gerr = NULL;
    gsize len;
    Flash f;

    flash_small(&f, path, false);
    cmd(0x30000, DUAL(0x20));
    cmd(0x30000, DUAL(0xd0));
    cmd(0x30010, DUAL(0x40));
    cmd(0x30010, 0xdeadbeef);
    cmd(0x40, DUAL(0xe8));
    cmd(0x40, DUAL(1));
    cmd(0x40, 0x01020304);
    cmd(0x44, 0x05060708);
    cmd(0x40, DUAL(0xd0));
    cmd(0, DUAL(0xff));
    flash_free(&f);

    g_assert_true(g_file_get_contents(path, &contents, &len, &gerr));
    g_assert_cmpuint(len, ==, SMALL_SIZE);
    g_assert_cmphex(ld32_le_p(contents + 0x30010), ==, 0xdeadbeef);
    g_assert_cmphex((uint8_t)contents[0x30000], ==, 0xff);
    g_assert_cmphex((uint8_t)contents[0x3ffff], ==, 0xff);
    g_assert_cmphex((uint8_t)contents[0x2ffff], ==, pattern(0x2ffff, 1));
    g_assert_cmphex((uint8_t)contents[0x40000], ==, pattern(0x40000, 1));
    /* Program ANDs with what was there. */
    g_assert_cmphex(ld32_le_p(contents + 0x40), ==,
                    0x01020304 & ld32_le_p((uint8_t[]){ pattern(0x40, 1),
                                                        pattern(0x41, 1),
                                                        pattern(0x42, 1),
                                                        pattern(0x43, 1) }));
    g_unlink(path);
}

static void test_short_file(void)
{
    g_autofree char *path = temp_image(100 * KiB + 3, 7);
    g_autofree char *contents = NULL;
    GError *gerr = NULL;
    gsize len;
    Flash f;

    flash_small(&f, path, false);
    g_assert_cmphex(address_space_ldub(AS, 100 * KiB + 2, ATTRS, NULL), ==,
                    pattern(100 * KiB + 2, 7));
    g_assert_cmphex(address_space_ldub(AS, 100 * KiB + 3, ATTRS, NULL), ==, 0xff);
    g_assert_cmphex(rd32(SMALL_SIZE - 4), ==, 0xffffffff);
    /* Programming past the end grows the file with erased bytes, not zeros. */
    cmd(0x20000, DUAL(0x40));
    cmd(0x20000, 0x55aa55aa);
    cmd(0, DUAL(0xff));
    flash_free(&f);

    g_assert_true(g_file_get_contents(path, &contents, &len, &gerr));
    g_assert_cmpuint(len, ==, 0x20004);
    g_assert_cmphex((uint8_t)contents[100 * KiB + 2], ==, pattern(100 * KiB + 2, 7));
    g_assert_cmphex((uint8_t)contents[100 * KiB + 3], ==, 0xff);
    g_assert_cmphex((uint8_t)contents[0x1ffff], ==, 0xff);
    g_assert_cmphex(ld32_le_p(contents + 0x20000), ==, 0x55aa55aa);
    g_unlink(path);
}

static void test_readonly_file(void)
{
    g_autofree char *path = temp_image(SMALL_SIZE, 3);
    g_autofree char *contents = NULL;
    const uint32_t refused = PFLASH_SR_READY | PFLASH_SR_PROGRAM_ERROR |
                             PFLASH_SR_LOCKED;
    GError *gerr = NULL;
    gsize len;
    Flash f;

    flash_small(&f, path, true);
    cmd(0x100, DUAL(0x40));
    cmd(0x100, 0);
    g_assert_cmphex(status(), ==, DUAL(refused));
    cmd(0, DUAL(0x50));
    cmd(0x100, DUAL(0x20));
    cmd(0x100, DUAL(0xd0));
    g_assert_cmphex(status(), ==, DUAL(PFLASH_SR_READY | PFLASH_SR_ERASE_ERROR |
                                       PFLASH_SR_LOCKED));
    cmd(0, DUAL(0x50));
    g_assert_cmphex(address_space_ldub(AS, 0x100, ATTRS, NULL), ==, pattern(0x100, 3));
    flash_free(&f);

    g_assert_true(g_file_get_contents(path, &contents, &len, &gerr));
    g_assert_cmphex((uint8_t)contents[0x100], ==, pattern(0x100, 3));
    g_unlink(path);
}

static void test_bad_config(void)
{
    g_autofree char *path = temp_image(SMALL_SIZE + 1, 0);
    g_autofree char *drive = g_strdup_printf("drive=%s", path);
    const char *too_long[] = { "size=1M", drive, NULL };
    const char *missing[] = { "size=1M", "drive=/nonexistent/koine.img", NULL };
    const char *no_size[] = { "width=4", NULL };
    const char *odd_width[] = { "size=1M", "width=3", NULL };
    const char *npot[] = { "num-blocks=3", "sector-length=64K", NULL };
    Error *err = NULL;
    Flash f;

    g_assert_false(flash_new(&f, too_long, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "more than the flash"));
    error_free(err);
    err = NULL;
    g_assert_false(flash_new(&f, missing, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "cannot open"));
    error_free(err);
    err = NULL;
    g_assert_false(flash_new(&f, no_size, &err));
    error_free(err);
    err = NULL;
    g_assert_false(flash_new(&f, odd_width, &err));
    error_free(err);
    err = NULL;
    g_assert_false(flash_new(&f, npot, &err));
    error_free(err);
    g_unlink(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pflash/read-array", test_read_array);
    g_test_add_func("/pflash/cfi-virt", test_cfi_virt);
    g_test_add_func("/pflash/cfi-x16-be", test_cfi_x16);
    g_test_add_func("/pflash/read-id", test_read_id);
    g_test_add_func("/pflash/block-erase", test_block_erase);
    g_test_add_func("/pflash/word-program", test_word_program);
    g_test_add_func("/pflash/buffered-program", test_buffered_program);
    g_test_add_func("/pflash/status-and-locks", test_status_and_locks);
    g_test_add_func("/pflash/write-through", test_write_through);
    g_test_add_func("/pflash/short-file", test_short_file);
    g_test_add_func("/pflash/readonly-file", test_readonly_file);
    g_test_add_func("/pflash/bad-config", test_bad_config);
    return g_test_run();
}
