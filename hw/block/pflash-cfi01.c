/*
 * pflash-cfi01: parallel NOR flash with the Intel/Sharp command set and a
 * CFI query table, as arm virt's two 64 MiB banks (firmware, variables).
 *
 * Facts from the CFI specification (JESD68, Intel AP-646) and Intel's
 * StrataFlash (28F128J3) and P30 datasheets.
 *
 * Geometry. A bank is `width` bytes wide and built from width/device-width
 * identical chips side by side, each `device-width` bytes wide (virt: two
 * x16 chips on a 32-bit bus). `sector-length` is an erase block of the
 * whole bank; each chip holds 1/n of it. The CFI table describes one chip,
 * which is what drivers expect: they multiply by the interleave themselves.
 *
 * Lanes. In the query modes (status, ID, CFI) every chip answers at its
 * own word address (bank byte offset / width) in its own byte lane, so a
 * 32-bit read of the status on virt gives 0x00800080. This file computes
 * each byte of an access from the chip that drives it, which makes byte,
 * half and full-width reads all come out as on the real bus. Commands are
 * taken from the low byte of the written value (the first chip's lane):
 * drivers write them replicated to every chip anyway.
 *
 * Modes. In read-array mode the region is a ROM device in romd mode: reads
 * are plain memory (TLB-fast), only writes reach this file. Any command
 * turns romd off until the guest returns to read array (0xFF or 0x00).
 * Operations complete at once: the status register always shows ready, and
 * suspend/resume are accepted and do nothing.
 *
 * Programming follows the hardware: it can only clear bits (new = old AND
 * data); only an erase sets them again. Buffered programs (0xE8) are staged
 * and applied at the 0xD0 confirm; anything else there aborts with a
 * command-sequence error (SR.4|SR.5).
 *
 * Backing file (`drive`): read at realize (a shorter file reads as erased
 * flash, 0xff, beyond its end; a longer one is an error), and every program
 * or erase is written through to it unless `readonly` is set. A read-only
 * flash refuses program and erase with SR.4 or SR.5 plus SR.1, as a locked
 * block does. Block lock bits (0x60 0x01 / 0x60 0xD0) are per block and
 * start unlocked at reset (real P30 parts power up locked; firmware written
 * for QEMU does not unlock).
 *
 * Left out: chip erase, protection (OTP) registers, the read configuration
 * register, lock-down, big banks (width 8).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/block/pflash-cfi01.h"
#include "softmmu/memory.h"
#include "util/bswap.h"
#include "util/log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum PFlashMode {
    PFLASH_READ_ARRAY,
    PFLASH_READ_STATUS,
    PFLASH_READ_ID,
    PFLASH_READ_CFI,
    /* Multi-cycle commands: reads return the status meanwhile. */
    PFLASH_ERASE_SETUP,         /* 0x20: waiting for the 0xD0 confirm */
    PFLASH_PROGRAM_SETUP,       /* 0x10/0x40: the next write is the data */
    PFLASH_BUFFER_COUNT,        /* 0xE8: the next write is the count - 1 */
    PFLASH_BUFFER_DATA,         /* count + 1 data writes */
    PFLASH_BUFFER_CONFIRM,      /* waiting for 0xD0 */
    PFLASH_LOCK_SETUP,          /* 0x60: 0x01 lock, 0xD0 unlock */
} PFlashMode;

/* One staged write of a buffered program. */
typedef struct PFlashStaged {
    uint64_t offset;
    unsigned size;
    uint8_t bytes[8];
} PFlashStaged;

/* The CFI table covers query addresses 0x00..0x4f; higher ones read 0. */
#define CFI_TABLE_SIZE  0x50
#define CFI_PRI         0x31    /* where the primary extended table starts */

typedef struct PFlashCFI01 {
    DeviceState parent;
    MemoryRegion mem;
    MemoryRegionOps ops;        /* per instance: byte order and bank width */

    /* Properties */
    uint64_t size;
    uint32_t num_blocks;
    uint64_t sector_len;
    uint8_t width;
    uint8_t device_width;
    bool big_endian;
    uint16_t id[4];
    char *name;
    char *drive;
    bool readonly;

    /* Built by realize */
    uint8_t *storage;           /* the ROM device's memory */
    uint64_t total;
    unsigned devw;              /* device width, 0 resolved to width */
    unsigned buffer_words;      /* max writes per buffered program */
    uint8_t cfi[CFI_TABLE_SIZE];
    uint8_t *locked;            /* per block */
    int fd;                     /* backing file, -1 if none */
    uint64_t file_size;         /* bytes of the file, for write-through */
    bool write_error_reported;

    /* Run-time state */
    PFlashMode mode;
    uint8_t status;
    uint32_t remaining;         /* data writes left in a buffered program */
    GArray *staged;             /* PFlashStaged */
} PFlashCFI01;

#define PFLASH(dev) container_of(dev, PFlashCFI01, parent)

/* ---- Modes ---- */

static void pflash_set_mode(PFlashCFI01 *s, PFlashMode mode)
{
    s->mode = mode;
    memory_region_rom_device_set_romd(&s->mem, mode == PFLASH_READ_ARRAY);
}

/* ---- Backing file ---- */

/* Writes [offset, offset + len) of the flash through to the file. */
static void pflash_write_through(PFlashCFI01 *s, uint64_t offset, uint64_t len)
{
    uint64_t end = offset + len;

    if (s->fd < 0 || s->readonly) {
        return;
    }
    /* A short file grows with what the flash holds, never with a hole of 0s. */
    if (offset > s->file_size) {
        offset = s->file_size;
    }
    while (offset < end) {
        ssize_t n = pwrite(s->fd, s->storage + offset, end - offset, offset);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            if (!s->write_error_reported) {
                error_report("pflash '%s': cannot write to '%s': %s",
                             memory_region_name(&s->mem), s->drive,
                             n < 0 ? strerror(errno) : "no space");
                s->write_error_reported = true;
            }
            return;
        }
        offset += n;
    }
    s->file_size = MAX(s->file_size, end);
}

static bool pflash_load_file(PFlashCFI01 *s, Error **errp)
{
    struct stat st;
    uint64_t done = 0;

    s->fd = open(s->drive, s->readonly ? O_RDONLY : O_RDWR);
    if (s->fd < 0) {
        bool denied = errno == EACCES || errno == EROFS || errno == EPERM;

        error_setg_errno(errp, errno, "cannot open flash image '%s'%s", s->drive,
                         !s->readonly && denied ? " for writing (readonly=on?)" : "");
        return false;
    }
    if (fstat(s->fd, &st) < 0) {
        error_setg_errno(errp, errno, "cannot stat flash image '%s'", s->drive);
        goto fail;
    }
    if ((uint64_t)st.st_size > s->total) {
        error_setg(errp, "flash image '%s' has %" PRIu64 " bytes, more than the "
                   "flash's %" PRIu64, s->drive, (uint64_t)st.st_size, s->total);
        goto fail;
    }
    while (done < (uint64_t)st.st_size) {
        ssize_t n = pread(s->fd, s->storage + done, st.st_size - done, done);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            error_setg_errno(errp, n < 0 ? errno : EIO,
                             "cannot read flash image '%s'", s->drive);
            goto fail;
        }
        done += n;
    }
    s->file_size = st.st_size;
    return true;

fail:
    close(s->fd);
    s->fd = -1;
    return false;
}

/* ---- Array operations ---- */

static uint32_t pflash_block(PFlashCFI01 *s, uint64_t offset)
{
    return offset / s->sector_len;
}

/* Whether a program or erase may touch the block; sets the error bits if not. */
static bool pflash_writable(PFlashCFI01 *s, uint64_t offset, uint8_t error_bit)
{
    if (s->readonly || s->locked[pflash_block(s, offset)]) {
        log_mask(log_guest_errors, "pflash '%s': %s at 0x%" PRIx64 " refused: %s\n",
                 memory_region_name(&s->mem),
                 error_bit == PFLASH_SR_ERASE_ERROR ? "erase" : "program",
                 offset, s->readonly ? "read-only" : "block locked");
        s->status |= error_bit | PFLASH_SR_LOCKED;
        return false;
    }
    return true;
}

static void pflash_program(PFlashCFI01 *s, uint64_t offset, const uint8_t *bytes,
                           unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        s->storage[offset + i] &= bytes[i];
    }
}

static void pflash_erase(PFlashCFI01 *s, uint64_t offset)
{
    uint64_t start = offset - offset % s->sector_len;

    if (!pflash_writable(s, start, PFLASH_SR_ERASE_ERROR)) {
        return;
    }
    memset(s->storage + start, 0xff, s->sector_len);
    pflash_write_through(s, start, s->sector_len);
}

static void pflash_buffer_commit(PFlashCFI01 *s)
{
    uint64_t lo = UINT64_MAX, hi = 0;

    for (guint i = 0; i < s->staged->len; i++) {
        PFlashStaged *w = &g_array_index(s->staged, PFlashStaged, i);

        if (!pflash_writable(s, w->offset, PFLASH_SR_PROGRAM_ERROR)) {
            g_array_set_size(s->staged, 0);
            return;
        }
    }
    for (guint i = 0; i < s->staged->len; i++) {
        PFlashStaged *w = &g_array_index(s->staged, PFlashStaged, i);

        pflash_program(s, w->offset, w->bytes, w->size);
        lo = MIN(lo, w->offset);
        hi = MAX(hi, w->offset + w->size);
    }
    if (lo < hi) {
        pflash_write_through(s, lo, hi - lo);
    }
    g_array_set_size(s->staged, 0);
}

/* ---- Reads ---- */

/* What chip word address `word` answers in the ID mode. */
static uint32_t pflash_id_word(PFlashCFI01 *s, uint64_t word, uint64_t offset)
{
    switch (word & 0xff) {
    case 0:
        return s->id[0];                /* manufacturer */
    case 1:
        return s->id[1];                /* device */
    case 2:
        return s->locked[pflash_block(s, offset)];  /* block lock status */
    case 0x0e:
        return s->id[2];                /* extended device codes */
    case 0x0f:
        return s->id[3];
    default:
        return 0;
    }
}

/* The word one chip drives at bank byte `offset` in the current mode. */
static uint32_t pflash_device_word(PFlashCFI01 *s, uint64_t offset)
{
    uint64_t word = offset / s->width;

    switch (s->mode) {
    case PFLASH_READ_ID:
        return pflash_id_word(s, word, offset);
    case PFLASH_READ_CFI:
        return word < CFI_TABLE_SIZE ? s->cfi[word] : 0;
    case PFLASH_READ_ARRAY:
        g_assert_not_reached();
    default:
        return s->status;
    }
}

static uint64_t pflash_read(void *opaque, hwaddr addr, unsigned size)
{
    PFlashCFI01 *s = opaque;
    uint8_t buf[8];

    if (s->mode == PFLASH_READ_ARRAY) {
        return ldn_p(s->storage + addr, size, s->big_endian);
    }
    for (unsigned i = 0; i < size; i++) {
        uint64_t a = addr + i;
        unsigned lane_byte = a % s->devw;
        unsigned shift = s->big_endian ? s->devw - 1 - lane_byte : lane_byte;

        buf[i] = pflash_device_word(s, a) >> (8 * shift);
    }
    return ldn_p(buf, size, s->big_endian);
}

/* ---- Writes: the command state machine ---- */

static void pflash_command(PFlashCFI01 *s, hwaddr addr, uint8_t cmd)
{
    switch (cmd) {
    case 0x00:
    case 0xff:
        pflash_set_mode(s, PFLASH_READ_ARRAY);
        break;
    case 0x10:
    case 0x40:
        pflash_set_mode(s, PFLASH_PROGRAM_SETUP);
        break;
    case 0x20:
        pflash_set_mode(s, PFLASH_ERASE_SETUP);
        break;
    case 0x50:
        s->status = PFLASH_SR_READY;
        pflash_set_mode(s, PFLASH_READ_ARRAY);
        break;
    case 0x60:
        pflash_set_mode(s, PFLASH_LOCK_SETUP);
        break;
    case 0x70:
    case 0xb0:      /* suspend: nothing is ever in progress */
    case 0xd0:      /* resume */
        pflash_set_mode(s, PFLASH_READ_STATUS);
        break;
    case 0x90:
        pflash_set_mode(s, PFLASH_READ_ID);
        break;
    case 0x98:
        pflash_set_mode(s, PFLASH_READ_CFI);
        break;
    case 0xe8:
        g_array_set_size(s->staged, 0);
        pflash_set_mode(s, PFLASH_BUFFER_COUNT);
        break;
    default:
        log_mask(log_guest_errors,
                 "pflash '%s': unknown command 0x%02x at 0x%" HWADDR_PRIx "\n",
                 memory_region_name(&s->mem), cmd, addr);
        pflash_set_mode(s, PFLASH_READ_ARRAY);
        break;
    }
}

/* A multi-cycle command was not completed as the datasheet says. */
static void pflash_sequence_error(PFlashCFI01 *s, hwaddr addr, uint8_t value)
{
    log_mask(log_guest_errors,
             "pflash '%s': command sequence error (0x%02x at 0x%" HWADDR_PRIx ")\n",
             memory_region_name(&s->mem), value, addr);
    s->status |= PFLASH_SR_ERASE_ERROR | PFLASH_SR_PROGRAM_ERROR;
    g_array_set_size(s->staged, 0);
    pflash_set_mode(s, PFLASH_READ_STATUS);
}

static void pflash_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    PFlashCFI01 *s = opaque;
    uint8_t cmd = value;
    uint8_t bytes[8];
    uint64_t count;

    switch (s->mode) {
    case PFLASH_READ_ARRAY:
    case PFLASH_READ_STATUS:
    case PFLASH_READ_ID:
    case PFLASH_READ_CFI:
        pflash_command(s, addr, cmd);
        break;
    case PFLASH_PROGRAM_SETUP:
        stn_p(bytes, size, s->big_endian, value);
        if (pflash_writable(s, addr, PFLASH_SR_PROGRAM_ERROR)) {
            pflash_program(s, addr, bytes, size);
            pflash_write_through(s, addr, size);
        }
        pflash_set_mode(s, PFLASH_READ_STATUS);
        break;
    case PFLASH_ERASE_SETUP:
        if (cmd != 0xd0) {
            pflash_sequence_error(s, addr, cmd);
            break;
        }
        pflash_erase(s, addr);
        pflash_set_mode(s, PFLASH_READ_STATUS);
        break;
    case PFLASH_BUFFER_COUNT:
        /* Each chip reads the count N-1 from its own lane. */
        count = value & ((1ull << (8 * MIN(size, s->devw))) - 1);
        if (count >= s->buffer_words) {
            pflash_sequence_error(s, addr, cmd);
            break;
        }
        s->remaining = count + 1;
        pflash_set_mode(s, PFLASH_BUFFER_DATA);
        break;
    case PFLASH_BUFFER_DATA: {
        PFlashStaged w = { .offset = addr, .size = size };

        stn_p(w.bytes, size, s->big_endian, value);
        g_array_append_val(s->staged, w);
        if (--s->remaining == 0) {
            pflash_set_mode(s, PFLASH_BUFFER_CONFIRM);
        }
        break;
    }
    case PFLASH_BUFFER_CONFIRM:
        if (cmd != 0xd0) {
            pflash_sequence_error(s, addr, cmd);
            break;
        }
        pflash_buffer_commit(s);
        pflash_set_mode(s, PFLASH_READ_STATUS);
        break;
    case PFLASH_LOCK_SETUP:
        if (cmd == 0x01 || cmd == 0xd0) {
            s->locked[pflash_block(s, addr)] = cmd == 0x01;
            pflash_set_mode(s, PFLASH_READ_STATUS);
        } else {
            pflash_sequence_error(s, addr, cmd);
        }
        break;
    }
}

/* ---- CFI table ---- */

static void cfi_put16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

/* One chip's query table (JESD68 field by field). */
static void pflash_build_cfi(PFlashCFI01 *s, uint64_t device_size,
                             uint64_t device_block, unsigned buffer_log2)
{
    uint8_t *t = s->cfi;

    memset(t, 0, sizeof(s->cfi));
    memcpy(t + 0x10, "QRY", 3);
    cfi_put16(t + 0x13, 0x0001);        /* Intel/Sharp extended command set */
    cfi_put16(t + 0x15, CFI_PRI);       /* primary extended table */
    cfi_put16(t + 0x17, 0x0000);        /* no alternate command set */
    cfi_put16(t + 0x19, 0x0000);
    t[0x1b] = 0x27;                     /* Vcc min 2.7 V (BCD volts.tenths) */
    t[0x1c] = 0x36;                     /* Vcc max 3.6 V */
    t[0x1d] = 0x00;                     /* no Vpp pin */
    t[0x1e] = 0x00;
    t[0x1f] = 6;                        /* typical word program: 2^6 us */
    t[0x20] = 8;                        /* typical buffer program: 2^8 us */
    t[0x21] = 10;                       /* typical block erase: 2^10 ms */
    t[0x22] = 0;                        /* no chip erase */
    t[0x23] = 2;                        /* maximum = 2^2 x typical */
    t[0x24] = 2;
    t[0x25] = 2;
    t[0x26] = 0;
    t[0x27] = __builtin_ctzll(device_size);       /* device size: 2^n bytes */
    /* Interface: x8 only, x8/x16, or x32. */
    cfi_put16(t + 0x28, s->devw == 1 ? 0x0000 : s->devw == 2 ? 0x0002 : 0x0003);
    cfi_put16(t + 0x2a, buffer_log2);   /* write buffer: 2^n bytes */
    t[0x2c] = 1;                        /* one erase block region */
    cfi_put16(t + 0x2d, s->num_blocks - 1);
    cfi_put16(t + 0x2f, device_block / 256);

    /* Primary extended query (Intel), version 1.0. */
    memcpy(t + CFI_PRI, "PRI10", 5);
    t[CFI_PRI + 5] = 0;                 /* optional features: none claimed */
    t[CFI_PRI + 9] = 0;                 /* functions after suspend: none */
    cfi_put16(t + CFI_PRI + 10, 0x0001); /* block status: lock bit */
    t[CFI_PRI + 12] = 0x33;             /* Vcc optimum 3.3 V */
    t[CFI_PRI + 13] = 0x00;             /* Vpp optimum: none */
    t[CFI_PRI + 14] = 0;                /* no protection registers */
}

/* ---- Device ---- */

static bool is_pow2(uint64_t v)
{
    return v && !(v & (v - 1));
}

static bool pflash_check_geometry(PFlashCFI01 *s, Error **errp)
{
    unsigned chips;

    if (s->width != 1 && s->width != 2 && s->width != 4) {
        error_setg(errp, "width=%u: must be 1, 2 or 4", s->width);
        return false;
    }
    s->devw = s->device_width ? s->device_width : s->width;
    if ((s->devw != 1 && s->devw != 2 && s->devw != 4) || s->devw > s->width) {
        error_setg(errp, "device-width=%u: must be 1, 2 or 4 and at most width=%u",
                   s->device_width, s->width);
        return false;
    }
    chips = s->width / s->devw;

    if (s->size && s->sector_len && s->num_blocks) {
        if (s->size != (uint64_t)s->num_blocks * s->sector_len) {
            error_setg(errp, "size=%" PRIu64 " is not num-blocks=%u x sector-length=%"
                       PRIu64, s->size, s->num_blocks, s->sector_len);
            return false;
        }
    } else if (s->size && s->num_blocks) {
        s->sector_len = s->size / s->num_blocks;
    } else if (s->size) {
        if (!s->sector_len) {
            s->sector_len = 256 * KiB;
        }
        s->num_blocks = s->size / s->sector_len;
    } else if (!s->num_blocks || !s->sector_len) {
        error_setg(errp, "give size= or num-blocks= and sector-length=");
        return false;
    }
    s->total = (uint64_t)s->num_blocks * s->sector_len;
    if (s->size && s->total != s->size) {
        error_setg(errp, "size=%" PRIu64 " is not a multiple of sector-length=%"
                   PRIu64, s->size, s->sector_len);
        return false;
    }
    if (s->num_blocks == 0 || s->num_blocks > 65536) {
        error_setg(errp, "num-blocks=%u: must be 1..65536", s->num_blocks);
        return false;
    }
    /* A chip's erase block is described in units of 256 bytes, 16 bits wide. */
    if (s->sector_len % (256 * chips) || s->sector_len / chips / 256 > 0xffff) {
        error_setg(errp, "sector-length=%" PRIu64 ": each of the %u chips' blocks "
                   "must be a multiple of 256 bytes, at most 16 MiB",
                   s->sector_len, chips);
        return false;
    }
    if (!is_pow2(s->total / chips)) {
        error_setg(errp, "flash size %" PRIu64 " per chip (of %u) is not a power "
                   "of two, which CFI cannot describe", s->total / chips, chips);
        return false;
    }
    return true;
}

static bool pflash_realize(DeviceState *dev, Error **errp)
{
    PFlashCFI01 *s = PFLASH(dev);
    unsigned chips, buffer_log2;
    uint64_t device_block;

    s->fd = -1;
    if (!pflash_check_geometry(s, errp)) {
        return false;
    }
    chips = s->width / s->devw;
    device_block = s->sector_len / chips;
    /* A 2 KiB write buffer per chip, unless the chip's blocks are smaller. */
    buffer_log2 = is_pow2(device_block) ? MIN(11, __builtin_ctzll(device_block)) : 8;
    s->buffer_words = (1u << buffer_log2) / s->devw;
    pflash_build_cfi(s, s->total / chips, device_block, buffer_log2);

    s->ops = (MemoryRegionOps) {
        .read = pflash_read,
        .write = pflash_write,
        .endianness = s->big_endian ? DEVICE_BIG_ENDIAN : DEVICE_LITTLE_ENDIAN,
        .valid = { .min_access_size = 1, .max_access_size = 8 },
        /* Wider accesses become several bus cycles of the bank. */
        .impl = { .min_access_size = 1, .max_access_size = s->width },
    };
    if (!memory_region_init_rom_device(&s->mem, &s->ops, s,
                                       s->name ? s->name : "pflash-cfi01",
                                       s->total, errp)) {
        return false;
    }
    s->storage = memory_region_get_ram_ptr(&s->mem);
    memset(s->storage, 0xff, s->total);
    if (s->drive && !pflash_load_file(s, errp)) {
        memory_region_finalize(&s->mem);
        return false;
    }
    s->locked = g_new0(uint8_t, s->num_blocks);
    s->staged = g_array_new(false, false, sizeof(PFlashStaged));
    s->mode = PFLASH_READ_ARRAY;
    s->status = PFLASH_SR_READY;
    device_init_mmio(dev, &s->mem);
    return true;
}

/* The board unmaps the region before it destroys the device. */
static void pflash_unrealize(DeviceState *dev)
{
    PFlashCFI01 *s = PFLASH(dev);

    if (s->fd >= 0) {
        if (!s->readonly && fsync(s->fd) < 0) {
            error_report("pflash: cannot sync '%s': %s", s->drive, strerror(errno));
        }
        close(s->fd);
        s->fd = -1;
    }
    memory_region_finalize(&s->mem);
    g_free(s->locked);
    g_array_free(s->staged, true);
}

static void pflash_reset(DeviceState *dev)
{
    PFlashCFI01 *s = PFLASH(dev);

    s->status = PFLASH_SR_READY;
    s->remaining = 0;
    g_array_set_size(s->staged, 0);
    memset(s->locked, 0, s->num_blocks);
    pflash_set_mode(s, PFLASH_READ_ARRAY);
}

static const Property pflash_props[] = {
    DEFINE_PROP_SIZE("size", PFlashCFI01, size, 0, "total size of the bank"),
    DEFINE_PROP_UINT32("num-blocks", PFlashCFI01, num_blocks, 0,
                       "number of erase blocks"),
    DEFINE_PROP_SIZE("sector-length", PFlashCFI01, sector_len, 0,
                     "erase block size of the bank (0: 256K if size= is given)"),
    DEFINE_PROP_UINT8("width", PFlashCFI01, width, 4, "bank width in bytes"),
    DEFINE_PROP_UINT8("device-width", PFlashCFI01, device_width, 2,
                      "width of each chip in bytes (0: as wide as the bank)"),
    DEFINE_PROP_BOOL("big-endian", PFlashCFI01, big_endian, false,
                     "big-endian bus"),
    DEFINE_PROP_UINT16("id0", PFlashCFI01, id[0], 0x0089, "manufacturer code"),
    DEFINE_PROP_UINT16("id1", PFlashCFI01, id[1], 0x0018, "device code"),
    DEFINE_PROP_UINT16("id2", PFlashCFI01, id[2], 0, "extended device code 1"),
    DEFINE_PROP_UINT16("id3", PFlashCFI01, id[3], 0, "extended device code 2"),
    DEFINE_PROP_STRING("name", PFlashCFI01, name, NULL, "region name"),
    DEFINE_PROP_STRING("drive", PFlashCFI01, drive, NULL,
                       "backing file (raw image), written through"),
    DEFINE_PROP_BOOL("readonly", PFlashCFI01, readonly, false,
                     "refuse program and erase; never write the file"),
    DEFINE_PROP_END,
};

const DeviceClass pflash_cfi01_class = {
    .name = "pflash-cfi01",
    .desc = "Intel/Sharp CFI parallel NOR flash",
    .category = DEVICE_CATEGORY_STORAGE,
    .instance_size = sizeof(PFlashCFI01),
    .props = pflash_props,
    .user_creatable = false,
    .realize = pflash_realize,
    .unrealize = pflash_unrealize,
    .reset = pflash_reset,
};
