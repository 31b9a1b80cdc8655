/*
 * The memory API: how a machine's address spaces are put together and how
 * every guest access finds its RAM or device.
 *
 * A board builds a tree of MemoryRegions: RAM (host memory), ROM, ROM devices,
 * MMIO regions (a device's read/write callbacks), aliases (a window onto
 * another region) and containers (only subregions). Each subregion sits at an
 * offset in its container with a priority. An AddressSpace is a root region
 * seen from a bus master (a CPU, a DMA-capable device); its tree is flattened
 * into a FlatView, a sorted array of ranges looked up by binary search, and
 * rebuilt whenever the topology changes. MemoryListeners (KVM memslots, the
 * TLB) hear each range that appears or goes away.
 *
 * Threads: topology changes (init/add/del/enable/move/...) and listener
 * registration happen under the global lock, in the I/O thread or a vCPU
 * holding it. Accesses may run in any thread: they hold a reference on the
 * FlatView they use, so a view replaced meanwhile stays alive until they are
 * done. Regions are owned by their device; a region must be removed from its
 * container before it is finalized.
 *
 * Layout: memory.c (regions, transactions, address spaces, listeners),
 * memory-flatview.c (flattening, lookup, view updates), memory-dispatch.c
 * (one access to one region: validity, splitting, byte order), physmem.c
 * (address-space accesses, ld/st helpers, translate, map, DMA),
 * memory-mtree.c ("info mtree"). Design notes: docs/devel/memory.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_MEMORY_H
#define SOFTMMU_MEMORY_H

#include "util/osdep.h"
#include "util/error.h"

/*
 * Result of a bus transaction. The values are bits, so the results of the
 * pieces of a split access combine with |.
 */
typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_ERROR = 1 << 0,           /* the device refused the access */
    MEMTX_DECODE_ERROR = 1 << 1,    /* nothing is mapped at that address */
} MemTxResult;

/* Who is asking: bus attributes devices such as a GICv3 or an SMMU look at. */
typedef struct MemTxAttrs {
    unsigned int unspecified : 1;   /* the initiator gave no attributes */
    unsigned int secure : 1;        /* Arm TrustZone secure world */
    unsigned int user : 1;          /* unprivileged access */
    uint16_t requester_id;          /* PCI requester ID or similar bus master ID */
} MemTxAttrs;

#define MEMTXATTRS_UNSPECIFIED ((MemTxAttrs) { .unspecified = 1 })

typedef enum DeviceEndian {
    DEVICE_LITTLE_ENDIAN,
    DEVICE_BIG_ENDIAN,
} DeviceEndian;

typedef struct MemoryRegion MemoryRegion;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;

/* Access sizes and alignment, for MemoryRegionOps.valid and .impl. */
typedef struct MemoryAccessSizes {
    unsigned min_access_size;       /* bytes, power of two; 0 means default */
    unsigned max_access_size;
    bool unaligned;                 /* accesses need not be size-aligned */
    /* valid only: a last say on an access (e.g. per-register rules). */
    bool (*accepts)(void *opaque, hwaddr addr, unsigned size, bool is_write,
                    MemTxAttrs attrs);
} MemoryAccessSizes;

/*
 * A device's callbacks. Values are in the device's register byte order
 * (`endianness`): a 4-byte guest write of bytes b0..b3 to a little-endian
 * device arrives as b0 | b1 << 8 | b2 << 16 | b3 << 24.
 *
 * `valid` is what the guest may do; anything else fails with MEMTX_ERROR and
 * a guest_errors line. `impl` is what the callbacks handle: the core widens
 * narrower accesses (a wider read, the wanted bytes extracted; a wider write
 * whose other bytes are zero, no read-modify-write) and splits wider ones
 * into several callbacks, combined in the device's byte order.
 * Defaults when zero: valid 1..4 bytes aligned; impl sizes = valid's.
 *
 * The *_with_attrs variants, when set, are used instead of read/write.
 */
typedef struct MemoryRegionOps {
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
    MemTxResult (*read_with_attrs)(void *opaque, hwaddr addr, uint64_t *data,
                                   unsigned size, MemTxAttrs attrs);
    MemTxResult (*write_with_attrs)(void *opaque, hwaddr addr, uint64_t data,
                                    unsigned size, MemTxAttrs attrs);
    DeviceEndian endianness;
    MemoryAccessSizes valid;
    MemoryAccessSizes impl;
} MemoryRegionOps;

typedef enum MemoryRegionKind {
    MR_CONTAINER,       /* only subregions */
    MR_RAM,             /* host memory */
    MR_ROM,             /* host memory the guest cannot write */
    MR_ROM_DEVICE,      /* reads from host memory in romd mode, writes to ops */
    MR_MMIO,            /* ops + opaque */
    MR_ALIAS,           /* a window onto `alias` at `alias_offset` */
} MemoryRegionKind;

/*
 * Complete here because devices embed it in their state; fields are read and
 * written through the functions below only.
 */
struct MemoryRegion {
    char *name;
    MemoryRegionKind kind;
    unsigned __int128 size;         /* up to 2^64 (containers and aliases) */

    /* RAM, ROM, ROM device: one anonymous mapping each. */
    void *ram_ptr;
    size_t ram_mapped;              /* length of the mapping (page multiple) */
    bool romd;                      /* ROM device: reads go to RAM */

    const MemoryRegionOps *ops;     /* MMIO, ROM device */
    void *opaque;

    MemoryRegion *alias;            /* ALIAS */
    hwaddr alias_offset;

    /* Where this region is mapped. */
    MemoryRegion *container;
    hwaddr addr;                    /* offset in container */
    int priority;
    bool enabled;
    bool readonly;

    /* Subregions, highest priority first; equal priority: latest added first. */
    GPtrArray *subregions;
};

/*
 * What a listener or a lookup sees: part of a region mapped in an address
 * space. Sizes are below 2^64 (only containers and aliases reach 2^64).
 */
typedef struct MemoryRegionSection {
    MemoryRegion *mr;               /* terminal region, aliases resolved */
    hwaddr offset_within_region;
    hwaddr offset_within_address_space;
    uint64_t size;
    bool readonly;                  /* ROM, or read-only somewhere on the path */
    bool romd;                      /* ROM device in romd mode (reads are RAM) */
} MemoryRegionSection;

/*
 * Listeners of one address space. On each view change a listener hears
 * begin, region_del for each range that went away or changed, region_add
 * for each new one, commit. Calls go in ascending priority order, except
 * region_del, which goes in descending order (undo in reverse). Any
 * callback may be NULL.
 */
typedef struct MemoryListener MemoryListener;
struct MemoryListener {
    void (*begin)(MemoryListener *listener);
    void (*region_add)(MemoryListener *listener, MemoryRegionSection *section);
    void (*region_del)(MemoryListener *listener, MemoryRegionSection *section);
    void (*commit)(MemoryListener *listener);
    int priority;
    /* private */
    AddressSpace *as;
};

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    /* private: see memory-flatview.c */
    FlatView *current_map;
    GMutex map_lock;                /* guards taking a reference on current_map */
    uint64_t map_gen;               /* changes with current_map; never reused by another view */
    GPtrArray *listeners;           /* sorted by ascending priority */
};

/* ---- Regions (memory.c) ---- */

/* A container of `size` bytes; UINT64_MAX means 2^64. */
void memory_region_init(MemoryRegion *mr, const char *name, uint64_t size);
bool memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size,
                            Error **errp);
/* Filled by the board (memory_region_get_ram_ptr) before the guest runs. */
bool memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size,
                            Error **errp);
void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size);
/* Starts in romd mode: reads hit the RAM, writes go to ops. */
bool memory_region_init_rom_device(MemoryRegion *mr, const MemoryRegionOps *ops,
                                   void *opaque, const char *name,
                                   uint64_t size, Error **errp);
/* `size` bytes of `orig` from `offset`; UINT64_MAX means 2^64. */
void memory_region_init_alias(MemoryRegion *mr, const char *name,
                              MemoryRegion *orig, hwaddr offset, uint64_t size);
/* Frees RAM and names; the region must not be mapped in a container. */
void memory_region_finalize(MemoryRegion *mr);

/* Maps `sub` at `offset` in `parent` with priority 0. */
void memory_region_add_subregion(MemoryRegion *parent, hwaddr offset,
                                 MemoryRegion *sub);
/*
 * Maps `sub` with a priority: where subregions overlap, the higher priority
 * wins; at equal priority, the one added last wins. Lower ones show through
 * the holes of higher ones, and a region's own contents (RAM, MMIO) lie
 * beneath all of its subregions.
 */
void memory_region_add_subregion_overlap(MemoryRegion *parent, hwaddr offset,
                                         MemoryRegion *sub, int priority);
void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *sub);

void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
/* Moves a mapped region to another offset in its container. */
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset);
/* Guest writes to a read-only region are dropped and logged. */
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);
void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd);

/* Host pointer to a RAM/ROM/ROM-device region's memory, NULL otherwise. */
void *memory_region_get_ram_ptr(MemoryRegion *mr);
/* Size in bytes; a 2^64-byte region reports UINT64_MAX. */
uint64_t memory_region_size(const MemoryRegion *mr);
const char *memory_region_name(const MemoryRegion *mr);
/* RAM or ROM: accesses are plain host memory. */
bool memory_region_is_ram(const MemoryRegion *mr);
bool memory_region_is_rom(const MemoryRegion *mr);
bool memory_region_is_romd(const MemoryRegion *mr);   /* ROM device in romd mode */
bool memory_region_is_mmio(const MemoryRegion *mr);   /* MMIO or ROM device */
bool memory_region_is_enabled(const MemoryRegion *mr);
bool memory_region_is_readonly(const MemoryRegion *mr);

/*
 * Topology changes between begin and the outermost commit are applied once,
 * at that commit: listeners hear one begin/commit pair for all of them.
 */
void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);

/* The machine's root container (2^64 bytes) and the address space over it. */
MemoryRegion *get_system_memory(void);
AddressSpace *get_address_space_memory(void);
#define address_space_memory (*get_address_space_memory())

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name);
/* Unregisters the remaining listeners (they hear region_del) and frees. */
void address_space_destroy(AddressSpace *as);

/* Registers and replays the current view as region_add calls. */
void memory_listener_register(MemoryListener *listener, AddressSpace *as);
/* Unregisters; the listener hears region_del for every current range. */
void memory_listener_unregister(MemoryListener *listener);

/* ---- Flat views (memory-flatview.c) ---- */

/*
 * A view holds the AddressSpace's ranges at one moment. Readers take a
 * reference, use it, and drop it; the view is freed with its last reference.
 */
FlatView *address_space_get_flatview(AddressSpace *as);
void flatview_ref(FlatView *view);
void flatview_unref(FlatView *view);
/*
 * The range holding `addr`. If nothing is mapped there, section->mr is NULL
 * and the section describes the hole up to the next range.
 */
void flatview_lookup(FlatView *view, hwaddr addr, MemoryRegionSection *section);
/*
 * flatview_lookup() in the current view of `as`, for the hot paths of the
 * memory API itself (page-table walks, TLB fills, RAM loads and stores):
 * no lock and no reference count update in the common case. The section's
 * region stays valid (regions outlive views), but the caller must not keep
 * or pass on anything of the view itself.
 */
void address_space_lookup(AddressSpace *as, hwaddr addr, MemoryRegionSection *section);
/* Number of ranges and the i-th one (tests, mtree, listeners' replay). */
unsigned flatview_nr_ranges(const FlatView *view);
void flatview_get_range(const FlatView *view, unsigned i,
                        MemoryRegionSection *section);

/* ---- One access to one region (memory-dispatch.c) ---- */

/*
 * An access of `size` bytes (1, 2, 4, 8) at offset `addr` in a terminal
 * region, as a value in the byte order the caller wants (`big_endian`): the
 * TLB slow path. RAM and ROM regions work too.
 */
MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr,
                                        uint64_t *value, unsigned size,
                                        bool big_endian, MemTxAttrs attrs);
MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr,
                                         uint64_t value, unsigned size,
                                         bool big_endian, MemTxAttrs attrs);
/* Whether the guest may make that access to the region's callbacks. */
bool memory_region_access_valid(MemoryRegion *mr, hwaddr addr, unsigned size,
                                bool is_write, MemTxAttrs attrs);
/* Largest access the splitter may make at `addr` with `len` bytes left. */
unsigned memory_access_size(MemoryRegion *mr, hwaddr addr, uint64_t len);

/* ---- Address-space accesses (physmem.c) ---- */

/*
 * Byte-buffer accesses, split across ranges: RAM is copied, MMIO goes out in
 * naturally aligned power-of-two pieces the device accepts. Unassigned bytes
 * read as zero and give MEMTX_DECODE_ERROR, as does addr + len past 2^64.
 */
MemTxResult address_space_read(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               void *buf, hwaddr len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                const void *buf, hwaddr len);
MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write);

/*
 * Writes into the host memory behind RAM, ROM and ROM devices, read-only or
 * not: how loaders put firmware into ROM. Bytes that land on MMIO are not
 * written (MEMTX_ERROR), bytes on holes neither (MEMTX_DECODE_ERROR).
 */
/*
 * The accelerator's hook for RAM written outside the vCPUs' TLBs (DMA,
 * loaders, debug writes, writable map()s): it invalidates translated code
 * in [addr, addr + len). NULL (the default) for none.
 */
typedef void PhysmemCodeWriteFn(hwaddr addr, hwaddr len);
void physmem_set_code_write_notifier(PhysmemCodeWriteFn *fn);

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    MemTxAttrs attrs, const void *buf,
                                    hwaddr len);

/*
 * Fixed-size accesses, made as one access of that size when the bytes fall
 * in one range. `result` may be NULL.
 */
uint8_t address_space_ldub(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                           MemTxResult *result);
uint16_t address_space_lduw_le(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               MemTxResult *result);
uint16_t address_space_lduw_be(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               MemTxResult *result);
uint32_t address_space_ldl_le(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                              MemTxResult *result);
uint32_t address_space_ldl_be(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                              MemTxResult *result);
uint64_t address_space_ldq_le(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                              MemTxResult *result);
uint64_t address_space_ldq_be(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                              MemTxResult *result);
void address_space_stb(AddressSpace *as, hwaddr addr, uint8_t val,
                       MemTxAttrs attrs, MemTxResult *result);
void address_space_stw_le(AddressSpace *as, hwaddr addr, uint16_t val,
                          MemTxAttrs attrs, MemTxResult *result);
void address_space_stw_be(AddressSpace *as, hwaddr addr, uint16_t val,
                          MemTxAttrs attrs, MemTxResult *result);
void address_space_stl_le(AddressSpace *as, hwaddr addr, uint32_t val,
                          MemTxAttrs attrs, MemTxResult *result);
void address_space_stl_be(AddressSpace *as, hwaddr addr, uint32_t val,
                          MemTxAttrs attrs, MemTxResult *result);
void address_space_stq_le(AddressSpace *as, hwaddr addr, uint64_t val,
                          MemTxAttrs attrs, MemTxResult *result);
void address_space_stq_be(AddressSpace *as, hwaddr addr, uint64_t val,
                          MemTxAttrs attrs, MemTxResult *result);

/*
 * The terminal region at `addr` (aliases resolved), with the offset in it
 * (*xlat) and *plen cut down to the bytes contiguous in it. NULL if nothing
 * is mapped there (*plen is then cut to the hole). Read-only-ness is not
 * checked: use flatview_lookup() where it matters.
 */
MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr,
                                      hwaddr *xlat, hwaddr *plen,
                                      bool is_write, MemTxAttrs attrs);

/*
 * A host pointer to guest RAM for direct access, *plen cut to the contiguous
 * bytes; NULL (and *plen 0) for MMIO, unassigned or, when writing, read-only
 * memory: the caller then falls back to address_space_rw.
 */
void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen,
                        bool is_write, MemTxAttrs attrs);
/* Ends a map(); access_len is how many bytes were really accessed. */
void address_space_unmap(AddressSpace *as, void *buffer, hwaddr len,
                         bool is_write, hwaddr access_len);
/* Whether an access of len bytes would succeed everywhere. */
bool address_space_access_valid(AddressSpace *as, hwaddr addr, hwaddr len,
                                bool is_write, MemTxAttrs attrs);

/*
 * DMA by devices: as address_space_rw, plus a guest_errors line on failure.
 * A wild DMA address is the guest's bug: it never crashes Koine.
 */
MemTxResult dma_memory_read(AddressSpace *as, hwaddr addr, void *buf,
                            hwaddr len, MemTxAttrs attrs);
MemTxResult dma_memory_write(AddressSpace *as, hwaddr addr, const void *buf,
                             hwaddr len, MemTxAttrs attrs);
MemTxResult dma_memory_set(AddressSpace *as, hwaddr addr, uint8_t byte,
                           hwaddr len, MemTxAttrs attrs);

/* ---- Between the memory*.c files only ---- */

/* Every initialized address space, in creation order. */
GPtrArray *memory_address_spaces(void);
/* Builds a view of as->root; publishes it and tells the listeners if it changed. */
void address_space_update_view(AddressSpace *as);
/* Drops the address space's view (address_space_destroy). */
void address_space_clear_view(AddressSpace *as);
/* Replays the current view to one listener as region_add or region_del calls. */
void memory_listener_replay(MemoryListener *listener, bool add);

/* ---- "info mtree [-f]" (memory-mtree.c) ---- */

/* The region tree (or the flat view) of `as`, or of every address space. */
void mtree_print(GString *out, AddressSpace *as, bool flatview);

#endif
