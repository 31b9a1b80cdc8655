/*
 * Block backends: the disk image behind a guest's disk.
 *
 * A BlockBackend is one open image file that a device front end (virtio-blk,
 * later IDE, SCSI, SD) reads and writes by byte offset. Only the raw format
 * exists: the guest sees the file's bytes. Image formats with metadata
 * (qcow2) are refused with "not supported yet", both when named with
 * format= and when found by probing an image given without format=.
 *
 * Options, as -drive takes them:
 *   file=PATH      the image (a regular file or a block device)
 *   format=raw     or absent; qcow2 is refused
 *   readonly=on    opened read-only; writes fail with -EROFS
 *   snapshot=on    the file is opened read-only and writes go to memory:
 *                  the guest sees them until the backend is closed, the
 *                  file never changes (the overlay keeps 4 KiB chunks)
 *   cache=MODE     writeback (default), writethrough and directsync (every
 *                  write is followed by fdatasync), none (as writeback:
 *                  O_DIRECT is not used), unsafe (flush does nothing)
 *
 * I/O is synchronous: the caller (a device handling a guest request, under
 * the global lock) waits for pread/pwrite. Errors are negative errno values;
 * an access beyond the end of the image is -EINVAL, a front end checks its
 * guest's ranges against blk_getlength() first.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_BLOCK_BACKEND_H
#define BLOCK_BLOCK_BACKEND_H

#include "util/osdep.h"
#include "util/error.h"
#include "util/keyval.h"

typedef struct BlockBackend BlockBackend;

typedef enum BlockCacheMode {
    BLK_CACHE_WRITEBACK = 0,
    BLK_CACHE_WRITETHROUGH,
    BLK_CACHE_DIRECTSYNC,
    BLK_CACHE_NONE,
    BLK_CACHE_UNSAFE,
} BlockCacheMode;

typedef struct BlockOpenOptions {
    const char *filename;
    const char *format;             /* "raw", or NULL: probe (and refuse qcow2) */
    bool readonly;
    bool snapshot;
    BlockCacheMode cache;
} BlockOpenOptions;

/*
 * Opens an image. name is what messages and blk_name() call it (a drive id,
 * or NULL: the file name). Errors name the file: "cannot open 'x': ...".
 */
BlockBackend *blk_open(const BlockOpenOptions *opts, const char *name, Error **errp);
/*
 * The same from -drive options (file, format, readonly, snapshot, cache);
 * other keys are left for the caller. A missing file= is an error.
 */
BlockBackend *blk_open_keyval(KeyVal *opts, const char *name, Error **errp);
/* Closes the file and drops the snapshot overlay. NULL is fine. */
void blk_close(BlockBackend *blk);

const char *blk_name(const BlockBackend *blk);
/* The image size in bytes (fixed while open). */
uint64_t blk_getlength(const BlockBackend *blk);
/* Writes are refused (readonly=on; a snapshot=on backend is writable). */
bool blk_is_read_only(const BlockBackend *blk);

/* 0, or -errno; the whole range must lie inside the image. */
int blk_pread(BlockBackend *blk, uint64_t offset, void *buf, size_t len);
int blk_pwrite(BlockBackend *blk, uint64_t offset, const void *buf, size_t len);
/* Makes written data durable (fdatasync); a no-op with cache=unsafe or snapshot=on. */
int blk_flush(BlockBackend *blk);

/* cache=MODE text to the enum; false with an error for an unknown mode. */
bool blk_parse_cache_mode(const char *text, BlockCacheMode *mode, Error **errp);

#endif
