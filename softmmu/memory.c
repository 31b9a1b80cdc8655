/*
 * Memory regions, topology transactions, address spaces and listeners.
 *
 * Every change to the region tree goes through change_begin()/change_end():
 * a transaction of its own, so that a change made outside any transaction
 * is applied at once and changes made inside memory_region_transaction_begin()
 * .. commit() are applied once, at the outermost commit. "Applied" means
 * every address space rebuilds its flat view (memory-flatview.c), which only
 * publishes a new view and calls listeners when the ranges really differ, so
 * a change that does not show (a region in an unmapped container) costs a
 * rebuild and nothing more.
 *
 * All of this runs under the global lock (see memory.h); the only state that
 * other threads read is each AddressSpace's current view.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "softmmu/memory.h"

#include <sys/mman.h>

#define TWO_POW_64 ((unsigned __int128)1 << 64)

static unsigned transaction_depth;
static bool topology_changed;
static GPtrArray *address_spaces;

static MemoryRegion system_memory;
static AddressSpace system_address_space;
static bool system_memory_ready;

GPtrArray *memory_address_spaces(void)
{
    if (!address_spaces) {
        address_spaces = g_ptr_array_new();
    }
    return address_spaces;
}

void memory_region_transaction_begin(void)
{
    transaction_depth++;
}

void memory_region_transaction_commit(void)
{
    GPtrArray *spaces = memory_address_spaces();

    assert(transaction_depth > 0);
    if (--transaction_depth > 0 || !topology_changed) {
        return;
    }
    topology_changed = false;
    for (unsigned i = 0; i < spaces->len; i++) {
        address_space_update_view(g_ptr_array_index(spaces, i));
    }
}

/* Brackets one change to the tree. */
static void change_begin(void)
{
    memory_region_transaction_begin();
}

static void change_end(void)
{
    topology_changed = true;
    memory_region_transaction_commit();
}

/* ---- Creating and destroying regions ---- */

static void region_init_common(MemoryRegion *mr, MemoryRegionKind kind,
                               const char *name, unsigned __int128 size)
{
    memset(mr, 0, sizeof(*mr));
    mr->name = g_strdup(name ? name : "anonymous");
    mr->kind = kind;
    mr->size = size;
    mr->enabled = true;
    mr->subregions = g_ptr_array_new();
}

static unsigned __int128 size_or_whole(uint64_t size)
{
    return size == UINT64_MAX ? TWO_POW_64 : size;
}

void memory_region_init(MemoryRegion *mr, const char *name, uint64_t size)
{
    region_init_common(mr, MR_CONTAINER, name, size_or_whole(size));
}

/* One anonymous mapping per block, so KVM can later hand it to the kernel. */
static bool region_alloc_ram(MemoryRegion *mr, uint64_t size, Error **errp)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t len;
    void *ptr;

    if (size == 0 || size > SIZE_MAX - page) {
        error_setg(errp, "memory region '%s': invalid RAM size %" PRIu64,
                   mr->name, size);
        return false;
    }
    len = (size + page - 1) & ~(page - 1);
    ptr = mmap(NULL, len, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (ptr == MAP_FAILED) {
        error_setg_errno(errp, errno,
                         "memory region '%s': cannot allocate %" PRIu64
                         " bytes of RAM", mr->name, size);
        return false;
    }
    mr->ram_ptr = ptr;
    mr->ram_mapped = len;
    return true;
}

static bool region_init_backed(MemoryRegion *mr, MemoryRegionKind kind,
                               const char *name, uint64_t size, Error **errp)
{
    region_init_common(mr, kind, name, size);
    if (!region_alloc_ram(mr, size, errp)) {
        g_free(mr->name);
        g_ptr_array_free(mr->subregions, true);
        memset(mr, 0, sizeof(*mr));
        return false;
    }
    return true;
}

bool memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size,
                            Error **errp)
{
    return region_init_backed(mr, MR_RAM, name, size, errp);
}

bool memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size,
                            Error **errp)
{
    return region_init_backed(mr, MR_ROM, name, size, errp);
}

void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size)
{
    assert(ops);
    region_init_common(mr, MR_MMIO, name, size);
    mr->ops = ops;
    mr->opaque = opaque;
}

bool memory_region_init_rom_device(MemoryRegion *mr, const MemoryRegionOps *ops,
                                   void *opaque, const char *name,
                                   uint64_t size, Error **errp)
{
    assert(ops);
    if (!region_init_backed(mr, MR_ROM_DEVICE, name, size, errp)) {
        return false;
    }
    mr->ops = ops;
    mr->opaque = opaque;
    mr->romd = true;
    return true;
}

void memory_region_init_alias(MemoryRegion *mr, const char *name,
                              MemoryRegion *orig, hwaddr offset, uint64_t size)
{
    assert(orig);
    region_init_common(mr, MR_ALIAS, name, size_or_whole(size));
    mr->alias = orig;
    mr->alias_offset = offset;
}

void memory_region_finalize(MemoryRegion *mr)
{
    assert(!mr->container);
    if (mr->subregions->len) {
        change_begin();
        while (mr->subregions->len) {
            MemoryRegion *sub = g_ptr_array_index(mr->subregions, 0);
            sub->container = NULL;
            g_ptr_array_remove_index(mr->subregions, 0);
        }
        change_end();
    }
    if (mr->ram_ptr) {
        munmap(mr->ram_ptr, mr->ram_mapped);
    }
    g_ptr_array_free(mr->subregions, true);
    g_free(mr->name);
    memset(mr, 0, sizeof(*mr));
}

/* ---- Topology ---- */

static void insert_subregion(MemoryRegion *parent, MemoryRegion *sub)
{
    unsigned i;

    /* Before the first one of equal or lower priority: later added wins. */
    for (i = 0; i < parent->subregions->len; i++) {
        MemoryRegion *other = g_ptr_array_index(parent->subregions, i);
        if (other->priority <= sub->priority) {
            break;
        }
    }
    g_ptr_array_insert(parent->subregions, i, sub);
}

void memory_region_add_subregion_overlap(MemoryRegion *parent, hwaddr offset,
                                         MemoryRegion *sub, int priority)
{
    assert(parent->kind != MR_ALIAS);
    assert(!sub->container);
    assert(sub != parent);
    change_begin();
    sub->container = parent;
    sub->addr = offset;
    sub->priority = priority;
    insert_subregion(parent, sub);
    change_end();
}

void memory_region_add_subregion(MemoryRegion *parent, hwaddr offset,
                                 MemoryRegion *sub)
{
    memory_region_add_subregion_overlap(parent, offset, sub, 0);
}

void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *sub)
{
    bool found;

    assert(sub->container == parent);
    change_begin();
    found = g_ptr_array_remove(parent->subregions, sub);
    assert(found);
    sub->container = NULL;
    change_end();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled == enabled) {
        return;
    }
    change_begin();
    mr->enabled = enabled;
    change_end();
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    if (mr->addr == addr) {
        return;
    }
    change_begin();
    mr->addr = addr;
    change_end();
}

void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset)
{
    assert(mr->kind == MR_ALIAS);
    if (mr->alias_offset == offset) {
        return;
    }
    change_begin();
    mr->alias_offset = offset;
    change_end();
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
    if (mr->readonly == readonly) {
        return;
    }
    change_begin();
    mr->readonly = readonly;
    change_end();
}

/* A topology change: KVM must drop the memslot while the guest writes flash. */
void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd)
{
    assert(mr->kind == MR_ROM_DEVICE);
    if (mr->romd == romd) {
        return;
    }
    change_begin();
    mr->romd = romd;
    change_end();
}

/* ---- Properties ---- */

void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    return mr->ram_ptr;
}

uint64_t memory_region_size(const MemoryRegion *mr)
{
    return mr->size >= TWO_POW_64 ? UINT64_MAX : (uint64_t)mr->size;
}

const char *memory_region_name(const MemoryRegion *mr)
{
    return mr->name;
}

bool memory_region_is_ram(const MemoryRegion *mr)
{
    return mr->kind == MR_RAM || mr->kind == MR_ROM;
}

bool memory_region_is_rom(const MemoryRegion *mr)
{
    return mr->kind == MR_ROM;
}

bool memory_region_is_romd(const MemoryRegion *mr)
{
    return mr->kind == MR_ROM_DEVICE && mr->romd;
}

bool memory_region_is_mmio(const MemoryRegion *mr)
{
    return mr->kind == MR_MMIO || mr->kind == MR_ROM_DEVICE;
}

bool memory_region_is_enabled(const MemoryRegion *mr)
{
    return mr->enabled;
}

bool memory_region_is_readonly(const MemoryRegion *mr)
{
    return mr->readonly || mr->kind == MR_ROM;
}

/* ---- Address spaces ---- */

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name)
{
    memset(as, 0, sizeof(*as));
    as->name = g_strdup(name ? name : "anonymous");
    as->root = root;
    g_mutex_init(&as->map_lock);
    as->listeners = g_ptr_array_new();
    g_ptr_array_add(memory_address_spaces(), as);
    address_space_update_view(as);
}

void address_space_destroy(AddressSpace *as)
{
    while (as->listeners->len) {
        memory_listener_unregister(g_ptr_array_index(as->listeners, 0));
    }
    g_ptr_array_remove(memory_address_spaces(), as);
    address_space_clear_view(as);
    g_ptr_array_free(as->listeners, true);
    g_mutex_clear(&as->map_lock);
    g_free(as->name);
    memset(as, 0, sizeof(*as));
}

static void system_memory_init(void)
{
    if (!system_memory_ready) {
        system_memory_ready = true;
        memory_region_init(&system_memory, "system", UINT64_MAX);
        address_space_init(&system_address_space, &system_memory, "memory");
    }
}

MemoryRegion *get_system_memory(void)
{
    system_memory_init();
    return &system_memory;
}

AddressSpace *get_address_space_memory(void)
{
    system_memory_init();
    return &system_address_space;
}

/* ---- Listeners ---- */

void memory_listener_register(MemoryListener *listener, AddressSpace *as)
{
    unsigned i;

    assert(!listener->as);
    listener->as = as;
    for (i = 0; i < as->listeners->len; i++) {
        MemoryListener *other = g_ptr_array_index(as->listeners, i);
        if (other->priority > listener->priority) {
            break;
        }
    }
    g_ptr_array_insert(as->listeners, i, listener);
    memory_listener_replay(listener, true);
}

void memory_listener_unregister(MemoryListener *listener)
{
    AddressSpace *as = listener->as;

    if (!as) {
        return;
    }
    memory_listener_replay(listener, false);
    g_ptr_array_remove(as->listeners, listener);
    listener->as = NULL;
}
