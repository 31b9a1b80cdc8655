/*
 * Accesses to an address space: byte buffers, fixed-size loads and stores,
 * translate (for the TLB), map (for zero-copy DMA) and the DMA helpers.
 *
 * Every entry point takes one reference on the address space's current view
 * for its whole duration, so a topology change in another thread never
 * pulls a range out from under it (it finishes on the view it started on).
 * RAM is copied directly; everything else goes through
 * memory_region_dispatch_read/write (memory-dispatch.c), one naturally
 * aligned power-of-two piece at a time.
 *
 * Failure is reported, never fatal: unassigned bytes read as zero and give
 * MEMTX_DECODE_ERROR, writes to read-only memory are dropped with a
 * guest_errors line, and an access running past 2^64 is a decode error.
 *
 * RAM written here (by devices' DMA, loaders, debuggers; and RAM handed
 * out writable by map()) may hold translated guest code: the code-write
 * notifier (the TB cache's invalidation, set by the accelerator) hears of
 * every such range, so a guest that DMAs a program over old code runs the
 * new one. vCPU stores do not come here: they go through the TLB, whose
 * NOTDIRTY flag does the same for them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bswap.h"
#include "util/log.h"
#include "softmmu/memory.h"

static PhysmemCodeWriteFn *code_write_notifier;

void physmem_set_code_write_notifier(PhysmemCodeWriteFn *fn)
{
    code_write_notifier = fn;
}

static inline void notify_ram_write(hwaddr addr, hwaddr len)
{
    if (code_write_notifier) {
        code_write_notifier(addr, len);
    }
}

/* Reads of this range are plain host memory (per the view's romd state). */
static bool section_reads_ram(const MemoryRegionSection *sec)
{
    return sec->mr->kind == MR_RAM || sec->mr->kind == MR_ROM ||
           (sec->mr->kind == MR_ROM_DEVICE && sec->romd);
}

static uint8_t *section_host_ptr(const MemoryRegionSection *sec, hwaddr off)
{
    return (uint8_t *)sec->mr->ram_ptr + off;
}

/* Bytes left in the section from addr, and addr's offset in the region. */
static uint64_t section_left(const MemoryRegionSection *sec, hwaddr addr)
{
    return sec->size - (addr - sec->offset_within_address_space);
}

static hwaddr section_offset(const MemoryRegionSection *sec, hwaddr addr)
{
    return sec->offset_within_region + (addr - sec->offset_within_address_space);
}

static bool range_overflows(hwaddr addr, hwaddr len)
{
    return len > 0 && len - 1 > UINT64_MAX - addr;
}

static MemTxResult read_section(const MemoryRegionSection *sec, hwaddr off,
                                uint8_t *buf, hwaddr len, MemTxAttrs attrs)
{
    MemTxResult result = MEMTX_OK;

    if (section_reads_ram(sec)) {
        memcpy(buf, section_host_ptr(sec, off), len);
        return MEMTX_OK;
    }
    while (len) {
        unsigned size = memory_access_size(sec->mr, off, len);
        uint64_t value;

        result |= memory_region_dispatch_read(sec->mr, off, &value, size,
                                              false, attrs);
        stn_p(buf, size, false, value);
        off += size;
        buf += size;
        len -= size;
    }
    return result;
}

static MemTxResult write_section(const MemoryRegionSection *sec, hwaddr off,
                                 const uint8_t *buf, hwaddr len,
                                 MemTxAttrs attrs)
{
    MemTxResult result = MEMTX_OK;

    if (sec->readonly) {
        log_mask(log_guest_errors, "memory: write of %" PRIu64 " bytes at 0x%"
                 HWADDR_PRIx " to read-only '%s' ignored\n",
                 (uint64_t)len, off, sec->mr->name);
        return MEMTX_OK;
    }
    if (sec->mr->kind == MR_RAM) {
        memcpy(section_host_ptr(sec, off), buf, len);
        return MEMTX_OK;
    }
    while (len) {
        unsigned size = memory_access_size(sec->mr, off, len);

        result |= memory_region_dispatch_write(sec->mr, off,
                                               ldn_p(buf, size, false), size,
                                               false, attrs);
        off += size;
        buf += size;
        len -= size;
    }
    return result;
}

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write)
{
    MemTxResult result = MEMTX_OK;
    uint8_t *p = buf;
    FlatView *view;

    if (range_overflows(addr, len)) {
        log_mask(log_guest_errors, "memory: %s of %" PRIu64 " bytes at 0x%"
                 HWADDR_PRIx " runs past the end of '%s'\n",
                 is_write ? "write" : "read", (uint64_t)len, addr, as->name);
        if (!is_write) {
            memset(buf, 0, len);
        }
        return MEMTX_DECODE_ERROR;
    }
    view = address_space_get_flatview(as);
    while (len) {
        MemoryRegionSection sec;
        hwaddr chunk;

        flatview_lookup(view, addr, &sec);
        chunk = MIN(len, section_left(&sec, addr));
        if (!sec.mr) {
            log_mask(log_guest_errors, "memory: %s of %" PRIu64 " bytes at "
                     "unassigned 0x%" HWADDR_PRIx " in '%s'\n",
                     is_write ? "write" : "read", (uint64_t)chunk, addr,
                     as->name);
            if (!is_write) {
                memset(p, 0, chunk);
            }
            result |= MEMTX_DECODE_ERROR;
        } else if (is_write) {
            result |= write_section(&sec, section_offset(&sec, addr), p, chunk,
                                    attrs);
            if (sec.mr->kind == MR_RAM && !sec.readonly) {
                notify_ram_write(addr, chunk);
            }
        } else {
            result |= read_section(&sec, section_offset(&sec, addr), p, chunk,
                                   attrs);
        }
        addr += chunk;
        p += chunk;
        len -= chunk;
    }
    flatview_unref(view);
    return result;
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               void *buf, hwaddr len)
{
    return address_space_rw(as, addr, attrs, buf, len, false);
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                const void *buf, hwaddr len)
{
    return address_space_rw(as, addr, attrs, (void *)buf, len, true);
}

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    MemTxAttrs attrs, const void *buf,
                                    hwaddr len)
{
    MemTxResult result = MEMTX_OK;
    const uint8_t *p = buf;
    FlatView *view;

    if (range_overflows(addr, len)) {
        return MEMTX_DECODE_ERROR;
    }
    view = address_space_get_flatview(as);
    while (len) {
        MemoryRegionSection sec;
        hwaddr chunk;

        flatview_lookup(view, addr, &sec);
        chunk = MIN(len, section_left(&sec, addr));
        if (!sec.mr) {
            result |= MEMTX_DECODE_ERROR;
        } else if (!sec.mr->ram_ptr) {
            result |= MEMTX_ERROR;
        } else {
            memcpy(section_host_ptr(&sec, section_offset(&sec, addr)), p, chunk);
            notify_ram_write(addr, chunk);
        }
        addr += chunk;
        p += chunk;
        len -= chunk;
    }
    flatview_unref(view);
    return result;
}

/* ---- Fixed-size loads and stores ---- */

/* One access of `size` bytes when it falls in one range, else byte-wise. */
static uint64_t load(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                     unsigned size, bool big_endian, MemTxResult *result)
{
    MemoryRegionSection sec;
    MemTxResult r = MEMTX_OK;
    uint64_t value;

    address_space_lookup(as, addr, &sec);
    if (sec.mr && section_left(&sec, addr) >= size) {
        hwaddr off = section_offset(&sec, addr);
        if (section_reads_ram(&sec)) {
            value = ldn_p(section_host_ptr(&sec, off), size, big_endian);
        } else {
            r = memory_region_dispatch_read(sec.mr, off, &value, size,
                                            big_endian, attrs);
        }
    } else {
        uint8_t bytes[8];
        r = address_space_read(as, addr, attrs, bytes, size);
        value = ldn_p(bytes, size, big_endian);
    }
    if (result) {
        *result = r;
    }
    return value;
}

static void store(AddressSpace *as, hwaddr addr, uint64_t value,
                  MemTxAttrs attrs, unsigned size, bool big_endian,
                  MemTxResult *result)
{
    MemoryRegionSection sec;
    MemTxResult r;

    address_space_lookup(as, addr, &sec);
    if (sec.mr && section_left(&sec, addr) >= size && !sec.readonly) {
        hwaddr off = section_offset(&sec, addr);
        if (sec.mr->kind == MR_RAM) {
            stn_p(section_host_ptr(&sec, off), size, big_endian, value);
            notify_ram_write(addr, size);
            r = MEMTX_OK;
        } else {
            r = memory_region_dispatch_write(sec.mr, off, value, size,
                                             big_endian, attrs);
        }
    } else {
        uint8_t bytes[8];
        stn_p(bytes, size, big_endian, value);
        r = address_space_write(as, addr, attrs, bytes, size);
    }
    if (result) {
        *result = r;
    }
}

uint8_t address_space_ldub(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                           MemTxResult *result)
{
    return load(as, addr, attrs, 1, false, result);
}

uint16_t address_space_lduw_le(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               MemTxResult *result)
{
    return load(as, addr, attrs, 2, false, result);
}

uint16_t address_space_lduw_be(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               MemTxResult *result)
{
    return load(as, addr, attrs, 2, true, result);
}

uint32_t address_space_ldl_le(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                              MemTxResult *result)
{
    return load(as, addr, attrs, 4, false, result);
}

uint32_t address_space_ldl_be(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                              MemTxResult *result)
{
    return load(as, addr, attrs, 4, true, result);
}

uint64_t address_space_ldq_le(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                              MemTxResult *result)
{
    return load(as, addr, attrs, 8, false, result);
}

uint64_t address_space_ldq_be(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                              MemTxResult *result)
{
    return load(as, addr, attrs, 8, true, result);
}

void address_space_stb(AddressSpace *as, hwaddr addr, uint8_t val,
                       MemTxAttrs attrs, MemTxResult *result)
{
    store(as, addr, val, attrs, 1, false, result);
}

void address_space_stw_le(AddressSpace *as, hwaddr addr, uint16_t val,
                          MemTxAttrs attrs, MemTxResult *result)
{
    store(as, addr, val, attrs, 2, false, result);
}

void address_space_stw_be(AddressSpace *as, hwaddr addr, uint16_t val,
                          MemTxAttrs attrs, MemTxResult *result)
{
    store(as, addr, val, attrs, 2, true, result);
}

void address_space_stl_le(AddressSpace *as, hwaddr addr, uint32_t val,
                          MemTxAttrs attrs, MemTxResult *result)
{
    store(as, addr, val, attrs, 4, false, result);
}

void address_space_stl_be(AddressSpace *as, hwaddr addr, uint32_t val,
                          MemTxAttrs attrs, MemTxResult *result)
{
    store(as, addr, val, attrs, 4, true, result);
}

void address_space_stq_le(AddressSpace *as, hwaddr addr, uint64_t val,
                          MemTxAttrs attrs, MemTxResult *result)
{
    store(as, addr, val, attrs, 8, false, result);
}

void address_space_stq_be(AddressSpace *as, hwaddr addr, uint64_t val,
                          MemTxAttrs attrs, MemTxResult *result)
{
    store(as, addr, val, attrs, 8, true, result);
}

/* ---- Translate, map, validity ---- */

MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr,
                                      hwaddr *xlat, hwaddr *plen,
                                      bool is_write, MemTxAttrs attrs)
{
    MemoryRegionSection sec;

    address_space_lookup(as, addr, &sec);
    *plen = MIN(*plen, section_left(&sec, addr));
    *xlat = sec.mr ? section_offset(&sec, addr) : addr;
    return sec.mr;
}

void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen,
                        bool is_write, MemTxAttrs attrs)
{
    MemoryRegionSection sec;
    void *ptr = NULL;

    address_space_lookup(as, addr, &sec);
    if (sec.mr && *plen > 0) {
        bool direct = is_write ? sec.mr->kind == MR_RAM && !sec.readonly
                               : section_reads_ram(&sec);
        if (direct) {
            *plen = MIN(*plen, section_left(&sec, addr));
            ptr = section_host_ptr(&sec, section_offset(&sec, addr));
            if (is_write) {
                /* Now, before the device writes: a guest never runs code it is DMAing into. */
                notify_ram_write(addr, *plen);
            }
        }
    }
    if (!ptr) {
        *plen = 0;
    }
    return ptr;
}

void address_space_unmap(AddressSpace *as, void *buffer, hwaddr len,
                         bool is_write, hwaddr access_len)
{
    /* Nothing to undo yet: map() hands out RAM itself, never a bounce buffer. */
}

bool address_space_access_valid(AddressSpace *as, hwaddr addr, hwaddr len,
                                bool is_write, MemTxAttrs attrs)
{
    FlatView *view;
    bool valid = true;

    if (range_overflows(addr, len)) {
        return false;
    }
    view = address_space_get_flatview(as);
    while (len && valid) {
        MemoryRegionSection sec;
        hwaddr chunk;

        flatview_lookup(view, addr, &sec);
        chunk = MIN(len, section_left(&sec, addr));
        if (!sec.mr) {
            valid = false;
        } else if (is_write ? !sec.readonly && memory_region_is_mmio(sec.mr)
                            : !section_reads_ram(&sec)) {
            /* The accesses address_space_rw would hand to callbacks. */
            hwaddr off = section_offset(&sec, addr);
            for (hwaddr done = 0; valid && done < chunk;) {
                unsigned size = memory_access_size(sec.mr, off + done,
                                                   chunk - done);
                valid = memory_region_access_valid(sec.mr, off + done, size,
                                                   is_write, attrs);
                done += size;
            }
        }
        addr += chunk;
        len -= chunk;
    }
    flatview_unref(view);
    return valid;
}

/* ---- DMA helpers ---- */

static MemTxResult dma_report(MemTxResult result, const char *what,
                              AddressSpace *as, hwaddr addr, hwaddr len)
{
    if (result != MEMTX_OK) {
        log_mask(log_guest_errors, "dma: %s of %" PRIu64 " bytes at 0x%"
                 HWADDR_PRIx " in '%s' failed (%s)\n", what, (uint64_t)len,
                 addr, as->name, result & MEMTX_DECODE_ERROR
                 ? "nothing mapped" : "device error");
    }
    return result;
}

MemTxResult dma_memory_read(AddressSpace *as, hwaddr addr, void *buf,
                            hwaddr len, MemTxAttrs attrs)
{
    return dma_report(address_space_read(as, addr, attrs, buf, len),
                      "read", as, addr, len);
}

MemTxResult dma_memory_write(AddressSpace *as, hwaddr addr, const void *buf,
                             hwaddr len, MemTxAttrs attrs)
{
    return dma_report(address_space_write(as, addr, attrs, buf, len),
                      "write", as, addr, len);
}

MemTxResult dma_memory_set(AddressSpace *as, hwaddr addr, uint8_t byte,
                           hwaddr len, MemTxAttrs attrs)
{
    uint8_t fill[4096];
    MemTxResult result = MEMTX_OK;
    hwaddr done = 0;

    if (range_overflows(addr, len)) {
        return dma_report(MEMTX_DECODE_ERROR, "fill", as, addr, len);
    }
    memset(fill, byte, sizeof(fill));
    while (done < len) {
        hwaddr chunk = MIN(len - done, sizeof(fill));
        result |= address_space_write(as, addr + done, attrs, fill, chunk);
        done += chunk;
    }
    return dma_report(result, "fill", as, addr, len);
}
