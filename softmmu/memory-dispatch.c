/*
 * One access to one terminal region: the step every path ends in (the
 * TLB slow path, address_space_rw, the ld/st helpers).
 *
 * An access is a value of 1, 2, 4 or 8 bytes in the byte order the caller
 * asks for. For devices it is first checked against ops->valid (what the
 * guest may do), then turned into callbacks the device implements
 * (ops->impl). The conversion goes through the access's bytes in guest
 * memory order: the wanted bytes are laid out in a small buffer covering
 * the impl-sized, impl-aligned pieces around them, and each piece is one
 * callback whose value is read or written in the device's byte order. This
 * one rule gives widening (a 1-byte access to a 4-byte register), splitting
 * (an 8-byte access to a 4-byte device: two callbacks, the one at the lower
 * address holding the low half on a little-endian device and the high half
 * on a big-endian one) and byte swapping, with no special cases.
 *
 * A write narrower than impl.min reaches the callback widened with zero
 * bytes around it; there is no read-modify-write, because device reads can
 * have side effects. A device that cannot live with that sets valid.min.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bswap.h"
#include "util/log.h"
#include "softmmu/memory.h"

static unsigned valid_min(const MemoryRegionOps *ops)
{
    return ops->valid.min_access_size ? ops->valid.min_access_size : 1;
}

static unsigned valid_max(const MemoryRegionOps *ops)
{
    return ops->valid.max_access_size ? ops->valid.max_access_size : 4;
}

static unsigned impl_min(const MemoryRegionOps *ops)
{
    return ops->impl.min_access_size ? ops->impl.min_access_size
                                     : valid_min(ops);
}

static unsigned impl_max(const MemoryRegionOps *ops)
{
    return ops->impl.max_access_size ? ops->impl.max_access_size
                                     : valid_max(ops);
}

static bool is_pow2_size(unsigned size)
{
    return size == 1 || size == 2 || size == 4 || size == 8;
}

static bool in_region(const MemoryRegion *mr, hwaddr addr, uint64_t size)
{
    return (unsigned __int128)addr + size <= mr->size;
}

/* Host memory backs reads (RAM, ROM, ROM device in romd mode). */
static bool reads_ram(const MemoryRegion *mr)
{
    return mr->kind == MR_RAM || mr->kind == MR_ROM ||
           (mr->kind == MR_ROM_DEVICE && mr->romd);
}

bool memory_region_access_valid(MemoryRegion *mr, hwaddr addr, unsigned size,
                                bool is_write, MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;

    if (!is_pow2_size(size) || !in_region(mr, addr, size)) {
        return false;
    }
    if (!ops || (!is_write && reads_ram(mr))) {
        return mr->kind != MR_CONTAINER && mr->kind != MR_ALIAS;
    }
    if (size < valid_min(ops) || size > valid_max(ops)) {
        return false;
    }
    if (!ops->valid.unaligned && (addr & (size - 1))) {
        return false;
    }
    if (ops->valid.accepts &&
        !ops->valid.accepts(mr->opaque, addr, size, is_write, attrs)) {
        return false;
    }
    return true;
}

unsigned memory_access_size(MemoryRegion *mr, hwaddr addr, uint64_t len)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned max = ops ? valid_max(ops) : 8;
    unsigned size = 8;

    while (size > len || size > max) {
        size >>= 1;
    }
    if (!ops || !ops->valid.unaligned) {
        while (size > 1 && (addr & (size - 1))) {
            size >>= 1;
        }
    }
    return size;
}

static MemTxResult call_read(MemoryRegion *mr, hwaddr addr, uint64_t *value,
                             unsigned size, MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;

    if (ops->read_with_attrs) {
        return ops->read_with_attrs(mr->opaque, addr, value, size, attrs);
    }
    if (ops->read) {
        *value = ops->read(mr->opaque, addr, size);
        return MEMTX_OK;
    }
    log_mask(log_guest_errors, "memory: read from write-only device '%s' at "
             "0x%" HWADDR_PRIx "\n", mr->name, addr);
    return MEMTX_ERROR;
}

static MemTxResult call_write(MemoryRegion *mr, hwaddr addr, uint64_t value,
                              unsigned size, MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;

    if (ops->write_with_attrs) {
        return ops->write_with_attrs(mr->opaque, addr, value, size, attrs);
    }
    if (ops->write) {
        ops->write(mr->opaque, addr, value, size);
        return MEMTX_OK;
    }
    log_mask(log_guest_errors, "memory: write to read-only device '%s' at "
             "0x%" HWADDR_PRIx "\n", mr->name, addr);
    return MEMTX_ERROR;
}

/*
 * The access's bytes (guest memory order) live in bytes[addr - start]; the
 * callbacks cover [start, end) in impl-sized pieces.
 */
static MemTxResult access_with_impl(MemoryRegion *mr, hwaddr addr,
                                    uint8_t *access_bytes, unsigned size,
                                    bool is_write, MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;
    bool dev_be = ops->endianness == DEVICE_BIG_ENDIAN;
    unsigned piece = MIN(MAX(size, impl_min(ops)), impl_max(ops));
    uint8_t bytes[16] = { 0 };
    hwaddr start, end;
    MemTxResult result = MEMTX_OK;

    assert(is_pow2_size(piece));
    if (ops->impl.unaligned) {
        start = addr;
        end = addr + ((size + piece - 1) & ~(hwaddr)(piece - 1));
    } else {
        start = addr & ~(hwaddr)(piece - 1);
        end = (addr + size + piece - 1) & ~(hwaddr)(piece - 1);
    }
    assert(end - start <= sizeof(bytes));
    if (is_write) {
        memcpy(bytes + (addr - start), access_bytes, size);
    }
    for (hwaddr at = start; at < end; at += piece) {
        uint8_t *p = bytes + (at - start);
        uint64_t value = 0;

        if (is_write) {
            result |= call_write(mr, at, ldn_p(p, piece, dev_be), piece, attrs);
        } else {
            result |= call_read(mr, at, &value, piece, attrs);
            stn_p(p, piece, dev_be, value);
        }
    }
    if (!is_write) {
        memcpy(access_bytes, bytes + (addr - start), size);
    }
    return result;
}

MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr,
                                        uint64_t *value, unsigned size,
                                        bool big_endian, MemTxAttrs attrs)
{
    uint8_t bytes[8];
    MemTxResult result;

    assert(is_pow2_size(size));
    assert(mr->kind != MR_CONTAINER && mr->kind != MR_ALIAS);
    *value = 0;
    if (!in_region(mr, addr, size)) {
        log_mask(log_guest_errors, "memory: read of %u bytes at 0x%" HWADDR_PRIx
                 " is outside '%s'\n", size, addr, mr->name);
        return MEMTX_DECODE_ERROR;
    }
    if (reads_ram(mr)) {
        *value = ldn_p((uint8_t *)mr->ram_ptr + addr, size, big_endian);
        return MEMTX_OK;
    }
    if (!memory_region_access_valid(mr, addr, size, false, attrs)) {
        log_mask(log_guest_errors, "memory: invalid read of %u bytes at 0x%"
                 HWADDR_PRIx " in '%s'\n", size, addr, mr->name);
        return MEMTX_ERROR;
    }
    result = access_with_impl(mr, addr, bytes, size, false, attrs);
    *value = ldn_p(bytes, size, big_endian);
    return result;
}

MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr,
                                         uint64_t value, unsigned size,
                                         bool big_endian, MemTxAttrs attrs)
{
    uint8_t bytes[8];

    assert(is_pow2_size(size));
    assert(mr->kind != MR_CONTAINER && mr->kind != MR_ALIAS);
    if (!in_region(mr, addr, size)) {
        log_mask(log_guest_errors, "memory: write of %u bytes at 0x%"
                 HWADDR_PRIx " is outside '%s'\n", size, addr, mr->name);
        return MEMTX_DECODE_ERROR;
    }
    if (mr->kind == MR_RAM || mr->kind == MR_ROM) {
        if (memory_region_is_readonly(mr)) {
            log_mask(log_guest_errors, "memory: write of %u bytes at 0x%"
                     HWADDR_PRIx " to read-only '%s' ignored\n",
                     size, addr, mr->name);
            return MEMTX_OK;
        }
        stn_p((uint8_t *)mr->ram_ptr + addr, size, big_endian, value);
        return MEMTX_OK;
    }
    if (!memory_region_access_valid(mr, addr, size, true, attrs)) {
        log_mask(log_guest_errors, "memory: invalid write of %u bytes at 0x%"
                 HWADDR_PRIx " in '%s'\n", size, addr, mr->name);
        return MEMTX_ERROR;
    }
    stn_p(bytes, size, big_endian, value);
    return access_with_impl(mr, addr, bytes, size, true, attrs);
}
