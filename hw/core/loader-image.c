/*
 * Linux kernel images for -kernel: the arm64 "Image" format and gzip.
 *
 * An arm64 Image is a flat binary that starts with a 64-byte header
 * (Linux, Documentation/arch/arm64/booting.rst, "Call the kernel image"):
 *
 *     0x00  code0, code1     (branch to the kernel start; "MZ" with EFI stub)
 *     0x08  text_offset      little-endian: offset from a 2 MiB aligned base
 *     0x10  image_size       bytes the kernel uses from its start, bss included
 *     0x18  flags            bit 0 big-endian, bits 1-2 page size, bit 3 "anywhere"
 *     0x20  res2, res3, res4
 *     0x38  magic            "ARM\x64"
 *     0x3c  res5             (PE header offset with the EFI stub)
 *
 * Before Linux 3.17 image_size was 0 and text_offset 0x80000 implied; the
 * size then is the file's. Distributions ship the Image as is (Debian 12's
 * vmlinuz is one) or gzip-compressed (vmlinuz.gz): arm64 Images do not
 * decompress themselves, so the loader inflates them (RFC 1952 through
 * zlib) before looking at the header.
 *
 * Placing the image in guest memory is the board's business (hw/arm/virt.c):
 * this file only reads, inflates and checks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/core/loader.h"
#include <zlib.h>
#include "util/bswap.h"

#define ARM64_IMAGE_HEADER_SIZE 64
#define ARM64_IMAGE_MAGIC_OFFSET 0x38
#define ARM64_IMAGE_OLD_TEXT_OFFSET 0x80000

bool gzip_is_gzip(const uint8_t *data, size_t len)
{
    /* RFC 1952 2.3.1: ID1 ID2 and CM = 8 (deflate). */
    return len >= 10 && data[0] == 0x1f && data[1] == 0x8b && data[2] == 8;
}

uint8_t *gzip_inflate(const uint8_t *data, size_t len, size_t max_len, size_t *out_len,
                      Error **errp)
{
    z_stream zs = { 0 };
    size_t cap = MIN(MAX(len * 4, (size_t)64 * KiB), max_len);
    uint8_t *out = g_malloc(cap);
    int ret;

    /* 16 + MAX_WBITS: a gzip wrapper, not zlib's. */
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        error_setg(errp, "zlib: cannot initialize the decompressor");
        g_free(out);
        return NULL;
    }
    zs.next_in = (Bytef *)data;
    zs.avail_in = 0;
    for (;;) {
        /* zlib counts in uInt: feed and drain in pieces that fit. */
        if (zs.avail_in == 0) {
            size_t used = (const uint8_t *)zs.next_in - data;

            zs.avail_in = MIN(len - used, (size_t)UINT_MAX);
        }
        if (zs.total_out == cap) {
            if (cap == max_len) {
                error_setg(errp, "decompressed image is larger than %zu bytes", max_len);
                goto fail;
            }
            cap = MIN(cap * 2, max_len);
            out = g_realloc(out, cap);
        }
        zs.next_out = out + zs.total_out;
        zs.avail_out = MIN(cap - zs.total_out, (size_t)UINT_MAX);
        ret = inflate(&zs, Z_NO_FLUSH);
        if (ret == Z_STREAM_END) {
            break;
        }
        if (ret == Z_BUF_ERROR && zs.avail_out != 0) {
            error_setg(errp, "truncated gzip data");
            goto fail;
        }
        if (ret != Z_OK && ret != Z_BUF_ERROR) {
            error_setg(errp, "corrupt gzip data (%s)", zs.msg ? zs.msg : "zlib error");
            goto fail;
        }
    }
    *out_len = zs.total_out;
    inflateEnd(&zs);
    return out;

fail:
    inflateEnd(&zs);
    g_free(out);
    return NULL;
}

bool arm64_image_is_image(const uint8_t *data, size_t len)
{
    return len >= ARM64_IMAGE_HEADER_SIZE &&
           memcmp(data + ARM64_IMAGE_MAGIC_OFFSET, "ARM\x64", 4) == 0;
}

bool arm64_image_parse(const uint8_t *data, size_t len, Arm64ImageInfo *info, Error **errp)
{
    if (!arm64_image_is_image(data, len)) {
        error_setg(errp, "no arm64 Image magic (\"ARM\\x64\" at offset 0x38)");
        return false;
    }
    info->text_offset = ld64_le_p(data + 0x08);
    info->image_size = ld64_le_p(data + 0x10);
    info->flags = ld64_le_p(data + 0x18);
    if (info->image_size == 0) {
        /* A pre-3.17 kernel: fixed text_offset, size unknown beyond the file. */
        info->text_offset = ARM64_IMAGE_OLD_TEXT_OFFSET;
        info->flags = 0;
        info->image_size = len;
    }
    if (info->flags & ARM64_IMAGE_FLAG_BE) {
        error_setg(errp, "a big-endian kernel: only little-endian guests are supported");
        return false;
    }
    if (info->image_size < len || info->text_offset >= 2 * MiB || info->text_offset % 4096) {
        error_setg(errp, "inconsistent Image header (text_offset 0x%" PRIx64
                   ", image_size 0x%" PRIx64 ", file 0x%zx bytes)",
                   info->text_offset, info->image_size, len);
        return false;
    }
    return true;
}

uint8_t *linux_image_read(const char *path, size_t max_len, size_t *len, Error **errp)
{
    GError *gerr = NULL;
    gchar *raw;
    gsize raw_len;
    uint8_t *out;

    if (!g_file_get_contents(path, &raw, &raw_len, &gerr)) {
        error_setg(errp, "cannot read '%s': %s", path, gerr->message);
        g_error_free(gerr);
        return NULL;
    }
    if (!gzip_is_gzip((uint8_t *)raw, raw_len)) {
        *len = raw_len;
        return (uint8_t *)raw;
    }
    out = gzip_inflate((uint8_t *)raw, raw_len, max_len, len, errp);
    g_free(raw);
    if (!out) {
        error_prepend(errp, "%s: ", path);
    }
    return out;
}
