/*
 * Linux kernel images (hw/core/loader-image.c): the arm64 Image header as
 * Linux's Documentation/arch/arm64/booting.rst lays it out, and gzip
 * inflation (data compressed here by zlib with a gzip wrapper, RFC 1952).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include <zlib.h>
#include "hw/core/loader.h"
#include "util/bswap.h"
#include <glib/gstdio.h>

/* A 64-byte header, then some payload. */
static uint8_t *make_image(uint64_t text_offset, uint64_t image_size, uint64_t flags,
                           size_t len)
{
    uint8_t *img = g_malloc0(len);

    st32_le_p(img, 0x14000010);                 /* b +0x40 */
    st64_le_p(img + 0x08, text_offset);
    st64_le_p(img + 0x10, image_size);
    st64_le_p(img + 0x18, flags);
    memcpy(img + 0x38, "ARM\x64", 4);
    return img;
}

static void test_image_header(void)
{
    g_autofree uint8_t *img = make_image(0x80000, 0x2010000, 0xa, 4096);
    Arm64ImageInfo info;
    Error *err = NULL;

    g_assert_true(arm64_image_is_image(img, 4096));
    g_assert_true(arm64_image_parse(img, 4096, &info, &error_abort));
    g_assert_cmphex(info.text_offset, ==, 0x80000);
    g_assert_cmphex(info.image_size, ==, 0x2010000);
    g_assert_cmphex(info.flags, ==, ARM64_IMAGE_FLAG_ANYWHERE | 2);

    /* Shorter than the header, or no magic: not an Image. */
    g_assert_false(arm64_image_is_image(img, 63));
    img[0x3b] = 0;
    g_assert_false(arm64_image_parse(img, 4096, &info, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "no arm64 Image magic"));
    error_free(err);
}

static void test_image_old_and_bad(void)
{
    Arm64ImageInfo info;
    Error *err = NULL;
    uint8_t *img;

    /* Before Linux 3.17: image_size 0, text_offset 0x80000 implied. */
    img = make_image(0x1234, 0, 0xff, 8192);
    g_assert_true(arm64_image_parse(img, 8192, &info, &error_abort));
    g_assert_cmphex(info.text_offset, ==, 0x80000);
    g_assert_cmphex(info.image_size, ==, 8192);
    g_assert_cmphex(info.flags, ==, 0);
    g_free(img);

    img = make_image(0, 0x100000, ARM64_IMAGE_FLAG_BE, 4096);
    g_assert_false(arm64_image_parse(img, 4096, &info, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "big-endian"));
    g_clear_pointer(&err, error_free);
    g_free(img);

    /* image_size smaller than the file, text_offset past 2 MiB or unaligned. */
    img = make_image(0, 1024, 0xa, 4096);
    g_assert_false(arm64_image_parse(img, 4096, &info, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "inconsistent Image header"));
    g_clear_pointer(&err, error_free);
    g_free(img);
    img = make_image(0x200000, 0x100000, 0xa, 4096);
    g_assert_false(arm64_image_parse(img, 4096, &info, &err));
    g_clear_pointer(&err, error_free);
    g_free(img);
    img = make_image(0x80010, 0x100000, 0xa, 4096);
    g_assert_false(arm64_image_parse(img, 4096, &info, &err));
    g_clear_pointer(&err, error_free);
    g_free(img);
}

/* data gzip-compressed by zlib itself (windowBits 16 + 15: the gzip wrapper). */
static uint8_t *gzip(const uint8_t *data, size_t len, size_t *out_len)
{
    z_stream zs = { 0 };
    size_t cap = deflateBound(&zs, len) + 64;
    uint8_t *out = g_malloc(cap);

    g_assert_cmpint(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
                    ==, Z_OK);
    zs.next_in = (Bytef *)data;
    zs.avail_in = len;
    zs.next_out = out;
    zs.avail_out = cap;
    g_assert_cmpint(deflate(&zs, Z_FINISH), ==, Z_STREAM_END);
    *out_len = zs.total_out;
    deflateEnd(&zs);
    return out;
}

static void test_gzip(void)
{
    /* 1 MiB of a pattern compresses well: the output buffer must grow many times. */
    size_t len = 1 * MiB, gz_len, out_len;
    g_autofree uint8_t *data = g_malloc(len);
    g_autofree uint8_t *gz = NULL;
    uint8_t *out;
    Error *err = NULL;

    for (size_t i = 0; i < len; i++) {
        data[i] = (uint8_t)(i * 7 + i / 4096);
    }
    gz = gzip(data, len, &gz_len);
    g_assert_true(gzip_is_gzip(gz, gz_len));
    g_assert_false(gzip_is_gzip(data, len));

    out = gzip_inflate(gz, gz_len, len, &out_len, &error_abort);
    g_assert_cmpuint(out_len, ==, len);
    g_assert_true(memcmp(out, data, len) == 0);
    g_free(out);

    /* One byte more than allowed: refused, not truncated. */
    g_assert_null(gzip_inflate(gz, gz_len, len - 1, &out_len, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "larger than"));
    g_clear_pointer(&err, error_free);

    /* Cut short, and corrupted. */
    g_assert_null(gzip_inflate(gz, gz_len / 2, len, &out_len, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "truncated gzip data"));
    g_clear_pointer(&err, error_free);
    memset(gz + 10, 0xff, 16);
    g_assert_null(gzip_inflate(gz, gz_len, len, &out_len, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "corrupt gzip data"));
    g_clear_pointer(&err, error_free);
}

/* linux_image_read: a raw file as is, a gzip file inflated. */
static void test_read_file(void)
{
    g_autofree char *dir = g_dir_make_tmp("koine-loader-XXXXXX", NULL);
    g_autofree char *raw_path = g_build_filename(dir, "Image", NULL);
    g_autofree char *gz_path = g_build_filename(dir, "Image.gz", NULL);
    g_autofree uint8_t *img = make_image(0, 0x10000, 0xa, 8192);
    g_autofree uint8_t *gz = NULL;
    size_t gz_len, len;
    Arm64ImageInfo info;
    uint8_t *data;

    gz = gzip(img, 8192, &gz_len);
    g_assert_true(g_file_set_contents(raw_path, (char *)img, 8192, NULL));
    g_assert_true(g_file_set_contents(gz_path, (char *)gz, gz_len, NULL));

    data = linux_image_read(raw_path, 1 * MiB, &len, &error_abort);
    g_assert_cmpuint(len, ==, 8192);
    g_assert_true(arm64_image_parse(data, len, &info, &error_abort));
    g_free(data);
    data = linux_image_read(gz_path, 1 * MiB, &len, &error_abort);
    g_assert_cmpuint(len, ==, 8192);
    g_assert_true(memcmp(data, img, 8192) == 0);
    g_free(data);

    g_unlink(raw_path);
    g_unlink(gz_path);
    g_rmdir(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/loader-image/header", test_image_header);
    g_test_add_func("/loader-image/old-and-bad-headers", test_image_old_and_bad);
    g_test_add_func("/loader-image/gzip", test_gzip);
    g_test_add_func("/loader-image/read-file", test_read_file);
    return g_test_run();
}
