/*
 * Raw image files as block backends (see block-backend.h for the options).
 *
 * The file is a plain file descriptor used with pread/pwrite, so any
 * offset and length work and the host page cache does the caching. The
 * image size is taken once at open time.
 *
 * snapshot=on keeps the guest's writes in an overlay: a hash table from
 * chunk number to a 4 KiB copy of that chunk, filled from the file on the
 * first write to it. Reads look at the overlay chunk by chunk and fall
 * back to the file. The file itself is opened read-only, as nothing may
 * change it.
 *
 * qcow2 is recognised by its magic ("QFI\xfb", the qcow2 specification's
 * header) so that an image given without format= is refused rather than
 * shown to the guest as raw bytes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include <fcntl.h>
#include <sys/stat.h>
#include "block/block-backend.h"

#define OVERLAY_CHUNK   4096u

struct BlockBackend {
    char *name;
    char *filename;
    int fd;
    uint64_t length;
    bool read_only;
    BlockCacheMode cache;
    GHashTable *overlay;        /* snapshot=on: chunk number -> uint8_t[OVERLAY_CHUNK] */
};

static const char *const cache_modes[] = {
    [BLK_CACHE_WRITEBACK] = "writeback",
    [BLK_CACHE_WRITETHROUGH] = "writethrough",
    [BLK_CACHE_DIRECTSYNC] = "directsync",
    [BLK_CACHE_NONE] = "none",
    [BLK_CACHE_UNSAFE] = "unsafe",
};

bool blk_parse_cache_mode(const char *text, BlockCacheMode *mode, Error **errp)
{
    for (size_t i = 0; i < ARRAY_SIZE(cache_modes); i++) {
        if (strcmp(text, cache_modes[i]) == 0) {
            *mode = i;
            return true;
        }
    }
    error_setg(errp, "cache mode '%s' is not known (writeback, writethrough, directsync, "
               "none, unsafe)", text);
    return false;
}

/* Full-length pread/pwrite, retrying short transfers and EINTR. */
static int full_pread(int fd, uint64_t offset, void *buf, size_t len)
{
    uint8_t *p = buf;

    while (len) {
        ssize_t n = pread(fd, p, len, offset);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -errno;
        }
        if (n == 0) {
            /* The file shrank under us: what is gone reads as zeroes. */
            memset(p, 0, len);
            return 0;
        }
        p += n;
        offset += n;
        len -= n;
    }
    return 0;
}

static int full_pwrite(int fd, uint64_t offset, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    while (len) {
        ssize_t n = pwrite(fd, p, len, offset);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return n < 0 ? -errno : -EIO;
        }
        p += n;
        offset += n;
        len -= n;
    }
    return 0;
}

static bool probe_format(BlockBackend *blk, const char *format, Error **errp)
{
    static const uint8_t qcow2_magic[4] = { 'Q', 'F', 'I', 0xfb };
    uint8_t head[4];

    if (format && strcmp(format, "raw") == 0) {
        return true;
    }
    if (format) {
        if (strcmp(format, "qcow2") == 0) {
            error_setg(errp, "'%s': format qcow2 is not supported yet", blk->filename);
        } else {
            error_setg(errp, "'%s': format '%s' is not supported (raw)", blk->filename,
                       format);
        }
        return false;
    }
    if (blk->length >= sizeof(head) && full_pread(blk->fd, 0, head, sizeof(head)) == 0 &&
        memcmp(head, qcow2_magic, sizeof(head)) == 0) {
        error_setg(errp, "'%s' is a qcow2 image: format qcow2 is not supported yet",
                   blk->filename);
        return false;
    }
    return true;
}

BlockBackend *blk_open(const BlockOpenOptions *opts, const char *name, Error **errp)
{
    BlockBackend *blk;
    bool write_file = !opts->readonly && !opts->snapshot;
    struct stat st;
    off_t end;

    if (!opts->filename || !opts->filename[0]) {
        error_setg(errp, "a disk image needs file=");
        return NULL;
    }
    blk = g_new0(BlockBackend, 1);
    blk->filename = g_strdup(opts->filename);
    blk->name = g_strdup(name ? name : opts->filename);
    blk->read_only = opts->readonly;
    blk->cache = opts->cache;
    blk->fd = open(opts->filename, (write_file ? O_RDWR : O_RDONLY) | O_CLOEXEC);
    if (blk->fd < 0) {
        error_setg_errno(errp, errno, "cannot open '%s'%s", opts->filename,
                         write_file && (errno == EACCES || errno == EROFS) ?
                         " for writing (readonly=on opens it read-only)" : "");
        goto fail;
    }
    if (fstat(blk->fd, &st) < 0) {
        error_setg_errno(errp, errno, "cannot stat '%s'", opts->filename);
        goto fail;
    }
    if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
        error_setg(errp, "'%s' is not a regular file or a block device", opts->filename);
        goto fail;
    }
    end = lseek(blk->fd, 0, SEEK_END);
    if (end < 0) {
        error_setg_errno(errp, errno, "cannot find the size of '%s'", opts->filename);
        goto fail;
    }
    blk->length = end;
    if (!probe_format(blk, opts->format, errp)) {
        goto fail;
    }
    if (opts->snapshot) {
        blk->overlay = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    }
    return blk;

fail:
    blk_close(blk);
    return NULL;
}

BlockBackend *blk_open_keyval(KeyVal *opts, const char *name, Error **errp)
{
    BlockOpenOptions o = {
        .filename = keyval_get(opts, "file"),
        .format = keyval_get(opts, "format"),
    };
    const char *cache = keyval_get(opts, "cache");

    if (!keyval_get_bool(opts, "readonly", false, &o.readonly, errp) ||
        !keyval_get_bool(opts, "snapshot", false, &o.snapshot, errp) ||
        (cache && !blk_parse_cache_mode(cache, &o.cache, errp))) {
        return NULL;
    }
    return blk_open(&o, name, errp);
}

void blk_close(BlockBackend *blk)
{
    if (!blk) {
        return;
    }
    if (blk->fd >= 0) {
        close(blk->fd);
    }
    if (blk->overlay) {
        g_hash_table_destroy(blk->overlay);
    }
    g_free(blk->name);
    g_free(blk->filename);
    g_free(blk);
}

const char *blk_name(const BlockBackend *blk)
{
    return blk->name;
}

uint64_t blk_getlength(const BlockBackend *blk)
{
    return blk->length;
}

bool blk_is_read_only(const BlockBackend *blk)
{
    return blk->read_only;
}

static bool range_ok(const BlockBackend *blk, uint64_t offset, size_t len)
{
    return offset <= blk->length && len <= blk->length - offset;
}

/* The overlay's copy of chunk n, or NULL. */
static uint8_t *overlay_chunk(BlockBackend *blk, uint64_t n)
{
    return g_hash_table_lookup(blk->overlay, &n);
}

int blk_pread(BlockBackend *blk, uint64_t offset, void *buf, size_t len)
{
    uint8_t *p = buf;

    if (!range_ok(blk, offset, len)) {
        return -EINVAL;
    }
    if (!blk->overlay) {
        return full_pread(blk->fd, offset, buf, len);
    }
    while (len) {
        uint64_t n = offset / OVERLAY_CHUNK;
        size_t in_chunk = offset % OVERLAY_CHUNK;
        size_t part = MIN(len, OVERLAY_CHUNK - in_chunk);
        uint8_t *chunk = overlay_chunk(blk, n);
        int ret = 0;

        if (chunk) {
            memcpy(p, chunk + in_chunk, part);
        } else {
            ret = full_pread(blk->fd, offset, p, part);
        }
        if (ret < 0) {
            return ret;
        }
        p += part;
        offset += part;
        len -= part;
    }
    return 0;
}

/* snapshot=on: copies the touched chunks into the overlay and writes there. */
static int overlay_write(BlockBackend *blk, uint64_t offset, const uint8_t *p, size_t len)
{
    while (len) {
        uint64_t n = offset / OVERLAY_CHUNK;
        size_t in_chunk = offset % OVERLAY_CHUNK;
        size_t part = MIN(len, OVERLAY_CHUNK - in_chunk);
        uint8_t *chunk = overlay_chunk(blk, n);

        if (!chunk) {
            uint64_t start = n * OVERLAY_CHUNK;
            size_t valid = MIN((uint64_t)OVERLAY_CHUNK, blk->length - start);
            uint64_t *key = g_new(uint64_t, 1);
            int ret;

            chunk = g_malloc0(OVERLAY_CHUNK);
            ret = full_pread(blk->fd, start, chunk, valid);
            if (ret < 0) {
                g_free(chunk);
                g_free(key);
                return ret;
            }
            *key = n;
            g_hash_table_insert(blk->overlay, key, chunk);
        }
        memcpy(chunk + in_chunk, p, part);
        p += part;
        offset += part;
        len -= part;
    }
    return 0;
}

int blk_pwrite(BlockBackend *blk, uint64_t offset, const void *buf, size_t len)
{
    int ret;

    if (blk->read_only) {
        return -EROFS;
    }
    if (!range_ok(blk, offset, len)) {
        return -EINVAL;
    }
    if (blk->overlay) {
        return overlay_write(blk, offset, buf, len);
    }
    ret = full_pwrite(blk->fd, offset, buf, len);
    if (ret == 0 && (blk->cache == BLK_CACHE_WRITETHROUGH ||
                     blk->cache == BLK_CACHE_DIRECTSYNC)) {
        ret = blk_flush(blk);
    }
    return ret;
}

int blk_flush(BlockBackend *blk)
{
    if (blk->overlay || blk->read_only || blk->cache == BLK_CACHE_UNSAFE) {
        return 0;
    }
    return fdatasync(blk->fd) < 0 ? -errno : 0;
}
