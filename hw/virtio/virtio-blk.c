/*
 * virtio-blk-device: a disk on a virtio transport (virtio 1.2 §5.2).
 *
 * One request queue. A request is a 16-byte header {type, reserved,
 * sector} in the driver's readable buffers, the data (readable for writes,
 * writable for reads), and one status byte at the very end of the writable
 * buffers. The buffers are read as one byte stream, so any split of header,
 * data and status across descriptors works (legacy drivers without
 * VIRTIO_F_ANY_LAYOUT use one descriptor each; modern ones may merge).
 *
 * Requests: IN (read), OUT (write), FLUSH, GET_ID (the serial property, 20
 * bytes, NUL-padded). Anything else is answered UNSUPP. A read or write
 * whose length is not a multiple of 512 or that reaches beyond the disk is
 * answered IOERR, as is a write to a read-only drive and any host I/O error
 * (the guest sees it, Koine goes on).
 *
 * Features: SEG_MAX (queue size - 2: what Linux puts in one request beside
 * header and status), BLK_SIZE (512), FLUSH, RO for readonly=on drives.
 * Data goes through a bounce buffer of up to 128 KiB per step, so one
 * request of any size needs bounded host memory.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bswap.h"
#include "util/log.h"
#include "block/block-backend.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-blk.h"

/* Feature bits (§5.2.3). */
#define VIRTIO_BLK_F_SIZE_MAX   1
#define VIRTIO_BLK_F_SEG_MAX    2
#define VIRTIO_BLK_F_RO         5
#define VIRTIO_BLK_F_BLK_SIZE   6
#define VIRTIO_BLK_F_FLUSH      9

/* Config space layout (§5.2.4): the fields up to blk_size. */
#define BLK_CFG_CAPACITY    0
#define BLK_CFG_SIZE_MAX    8
#define BLK_CFG_SEG_MAX     12
#define BLK_CFG_BLK_SIZE    20
#define BLK_CFG_LEN         24

#define BLK_SECTOR_SIZE     512
#define BLK_BOUNCE_MAX      (128 * KiB)
#define BLK_HEADER_SIZE     16

typedef struct VirtIOBlock {
    VirtIODevice vdev;
    BlockBackend *blk;          /* property "drive" */
    char *serial;               /* property */
    uint16_t queue_size;        /* property */
} VirtIOBlock;

static VirtIOBlock *blk_of(VirtIODevice *vdev)
{
    return container_of(vdev, VirtIOBlock, vdev);
}

static void blk_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIOBlock *s = blk_of(vdev);

    memset(config, 0, BLK_CFG_LEN);
    st64_le_p(config + BLK_CFG_CAPACITY, blk_getlength(s->blk) / BLK_SECTOR_SIZE);
    st32_le_p(config + BLK_CFG_SEG_MAX, s->queue_size - 2);
    st32_le_p(config + BLK_CFG_BLK_SIZE, BLK_SECTOR_SIZE);
}

/* Reads or writes the data part of an IN/OUT request; returns the status. */
static uint8_t blk_rw(VirtIOBlock *s, const VirtQueueElement *elem, uint64_t sector,
                      bool is_write, uint64_t len)
{
    VirtIODevice *vdev = &s->vdev;
    uint64_t disk = blk_getlength(s->blk);
    g_autofree uint8_t *bounce = NULL;
    uint64_t offset, done = 0;

    if (len % BLK_SECTOR_SIZE || sector > disk / BLK_SECTOR_SIZE ||
        len > disk - sector * BLK_SECTOR_SIZE) {
        log_mask(log_guest_errors, "%s: %s of %" PRIu64 " bytes at sector %" PRIu64
                 " beyond the disk or not whole sectors\n", device_name(&vdev->parent),
                 is_write ? "write" : "read", len, sector);
        return VIRTIO_BLK_S_IOERR;
    }
    if (is_write && blk_is_read_only(s->blk)) {
        log_mask(log_guest_errors, "%s: write to a read-only disk\n",
                 device_name(&vdev->parent));
        return VIRTIO_BLK_S_IOERR;
    }
    offset = sector * BLK_SECTOR_SIZE;
    bounce = g_malloc(MIN(len, BLK_BOUNCE_MAX) + !len);
    while (done < len) {
        size_t part = MIN(len - done, BLK_BOUNCE_MAX);
        int ret;

        if (is_write) {
            if (!virtqueue_elem_read(vdev, elem, BLK_HEADER_SIZE + done, bounce, part)) {
                return VIRTIO_BLK_S_IOERR;
            }
            ret = blk_pwrite(s->blk, offset + done, bounce, part);
        } else {
            ret = blk_pread(s->blk, offset + done, bounce, part);
            if (ret == 0 && !virtqueue_elem_write(vdev, elem, done, bounce, part)) {
                return VIRTIO_BLK_S_IOERR;
            }
        }
        if (ret < 0) {
            error_report("%s: %s error on '%s': %s", device_name(&vdev->parent),
                         is_write ? "write" : "read", blk_name(s->blk), g_strerror(-ret));
            return VIRTIO_BLK_S_IOERR;
        }
        done += part;
    }
    return VIRTIO_BLK_S_OK;
}

/* Handles one request; returns the bytes written into the driver's buffers. */
static uint32_t blk_handle_request(VirtIOBlock *s, const VirtQueueElement *elem)
{
    VirtIODevice *vdev = &s->vdev;
    uint8_t header[BLK_HEADER_SIZE];
    uint8_t status = VIRTIO_BLK_S_OK;
    uint64_t data_in = elem->in_len - 1;   /* writable bytes before the status */
    uint32_t written = 0, type;
    uint64_t sector;

    if (elem->out_len < BLK_HEADER_SIZE || elem->in_len < 1) {
        virtio_error(vdev, "request %u without a header or a status byte", elem->head);
        return 0;
    }
    if (!virtqueue_elem_read(vdev, elem, 0, header, sizeof(header))) {
        return 0;
    }
    /* Legacy drivers may set the old BARRIER flag: it means nothing today. */
    type = ld32_le_p(header) & ~VIRTIO_BLK_T_BARRIER;
    sector = ld64_le_p(header + 8);
    switch (type) {
    case VIRTIO_BLK_T_IN:
        status = blk_rw(s, elem, sector, false, data_in);
        written = status == VIRTIO_BLK_S_OK ? data_in : 0;
        break;
    case VIRTIO_BLK_T_OUT:
        status = blk_rw(s, elem, sector, true, elem->out_len - BLK_HEADER_SIZE);
        break;
    case VIRTIO_BLK_T_FLUSH:
        if (blk_flush(s->blk) < 0) {
            status = VIRTIO_BLK_S_IOERR;
        }
        break;
    case VIRTIO_BLK_T_GET_ID: {
        char id[VIRTIO_BLK_ID_BYTES] = { 0 };

        strncpy(id, s->serial ? s->serial : "", sizeof(id));
        written = MIN(data_in, (uint64_t)sizeof(id));
        if (!virtqueue_elem_write(vdev, elem, 0, id, written)) {
            return 0;
        }
        break;
    }
    default:
        log_mask(log_unimp, "%s: request type %u is not supported\n",
                 device_name(&vdev->parent), type);
        status = VIRTIO_BLK_S_UNSUPP;
        break;
    }
    if (!virtqueue_elem_write(vdev, elem, elem->in_len - 1, &status, 1)) {
        return 0;
    }
    return written + 1;
}

static void blk_handle_queue(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBlock *s = blk_of(vdev);
    VirtQueueElement *elem;
    bool any = false;

    while ((elem = virtqueue_pop(vq))) {
        uint32_t len = blk_handle_request(s, elem);

        virtqueue_push(vq, elem, len);
        virtqueue_elem_free(elem);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, vq);
    }
}

static const VirtioDeviceOps blk_ops = {
    .get_config = blk_get_config,
};

static bool blk_realize(DeviceState *dev, Error **errp)
{
    VirtIOBlock *s = blk_of(virtio_device(dev));
    VirtIODevice *vdev = &s->vdev;

    if (!s->blk) {
        error_setg(errp, "drive property not set (drive=ID of a -drive)");
        return false;
    }
    if (s->queue_size < 4 || s->queue_size > VIRTQUEUE_MAX_SIZE ||
        (s->queue_size & (s->queue_size - 1))) {
        error_setg(errp, "queue-size %u: a power of 2 from 4 to %u", s->queue_size,
                   VIRTQUEUE_MAX_SIZE);
        return false;
    }
    if (s->serial && strlen(s->serial) > VIRTIO_BLK_ID_BYTES) {
        error_setg(errp, "serial '%s' is longer than %u characters", s->serial,
                   VIRTIO_BLK_ID_BYTES);
        return false;
    }
    virtio_init(vdev, VIRTIO_ID_BLOCK, &blk_ops, BLK_CFG_LEN);
    vdev->host_features |= 1ull << VIRTIO_BLK_F_SEG_MAX | 1ull << VIRTIO_BLK_F_BLK_SIZE |
                           1ull << VIRTIO_BLK_F_FLUSH;
    if (blk_is_read_only(s->blk)) {
        vdev->host_features |= 1ull << VIRTIO_BLK_F_RO;
    }
    virtio_add_queue(vdev, s->queue_size, blk_handle_queue);
    if (!virtio_plug(vdev, errp)) {
        virtio_cleanup(vdev);
        return false;
    }
    return true;
}

static void blk_unrealize(DeviceState *dev)
{
    virtio_cleanup(virtio_device(dev));
}

static void blk_reset(DeviceState *dev)
{
    virtio_reset(virtio_device(dev));
}

static const Property blk_props[] = {
    DEFINE_PROP_DRIVE("drive", VirtIOBlock, blk, "the disk image (a -drive id)"),
    DEFINE_PROP_STRING("serial", VirtIOBlock, serial, NULL,
                       "what GET_ID returns (up to 20 characters)"),
    DEFINE_PROP_UINT16("queue-size", VirtIOBlock, queue_size, 256,
                       "request queue size (a power of 2)"),
    DEFINE_PROP_END,
};

const DeviceClass virtio_blk_device_class = {
    .name = "virtio-blk-device",
    .desc = "virtio block device (raw disk image) on a virtio-mmio transport",
    .category = DEVICE_CATEGORY_STORAGE,
    .instance_size = sizeof(VirtIOBlock),
    .props = blk_props,
    .user_creatable = true,
    .realize = blk_realize,
    .unrealize = blk_unrealize,
    .reset = blk_reset,
};
