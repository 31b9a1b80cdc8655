/*
 * Flat views: an address space's region tree as a sorted array of ranges.
 *
 * Building: render() walks the tree from the root, carrying the window of
 * addresses still visible (the clip) and whether anything on the path is
 * read-only. Subregions are visited highest priority first, and a terminal
 * region only fills the addresses nothing has claimed yet: so the winner of
 * an overlap is whoever gets there first, lower regions show through the
 * holes of higher ones, and a region's own contents lie beneath its
 * subregions. Aliases are followed with their offset, so a view only ever
 * names terminal regions (RAM, ROM, ROM device, MMIO). Neighbouring pieces
 * of one region are merged, which makes a view canonical: the same visible
 * layout always gives the same ranges, and comparing two views tells
 * exactly what listeners must hear.
 *
 * Addresses are computed in 128 bits while rendering, because a region may
 * end exactly at 2^64 and an alias offset may put a region's start below 0.
 *
 * Publishing: a view is immutable once built and reference counted. Readers
 * take a reference under as->map_lock (held only for the pointer load and
 * the increment), so the I/O thread can swap in a new view at any time and
 * the old one lives until its last reader lets go.
 *
 * The hot lookups (address_space_lookup: a vCPU's page-table walks, TLB
 * fills, RAM loads) skip even that: each thread keeps a reference to the
 * view it used last, with the address space's generation number at that
 * time and the index of the range it found. While the generation is
 * unchanged, a lookup is one atomic load and, most of the time, one range
 * compare; the lock, two atomic reference count updates and a binary
 * search per page-table descriptor were a tenth of a Linux guest's time.
 * The thread's reference goes at the next generation or at thread exit.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "softmmu/memory.h"

typedef __int128 Addr128;

typedef struct FlatRange {
    MemoryRegion *mr;
    hwaddr offset_in_region;
    hwaddr addr;
    uint64_t size;
    bool readonly;
    bool romd;
} FlatRange;

struct FlatView {
    gint refcount;
    GArray *ranges;         /* FlatRange, sorted by addr, not overlapping */
};

#define RANGE(view, i) (&g_array_index((view)->ranges, FlatRange, (i)))

static Addr128 range_end(const FlatRange *fr)
{
    return (Addr128)fr->addr + fr->size;
}

/* Claims the parts of [start, end) no range holds yet for mr. */
static void fill_gaps(GArray *ranges, MemoryRegion *mr, Addr128 base,
                      Addr128 start, Addr128 end, bool readonly)
{
    unsigned lo = 0, hi = ranges->len;
    Addr128 pos = start;

    /* First range that ends after start. */
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (range_end(&g_array_index(ranges, FlatRange, mid)) <= start) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (unsigned i = lo; pos < end;) {
        FlatRange *next = i < ranges->len ? &g_array_index(ranges, FlatRange, i)
                                          : NULL;
        Addr128 gap_end;

        if (next && next->addr <= pos) {
            pos = MAX(pos, range_end(next));
            i++;
            continue;
        }
        gap_end = next ? MIN(end, (Addr128)next->addr) : end;
        FlatRange fr = {
            .mr = mr,
            .offset_in_region = (hwaddr)(pos - base),
            .addr = (hwaddr)pos,
            .size = (uint64_t)(gap_end - pos),
            .readonly = readonly,
            .romd = mr->romd,
        };
        g_array_insert_val(ranges, i, fr);
        i++;
        pos = gap_end;
    }
}

/* Renders mr, whose offset 0 sits at address base, inside [clip_start, clip_end). */
static void render(GArray *ranges, MemoryRegion *mr, Addr128 base,
                   Addr128 clip_start, Addr128 clip_end, bool readonly,
                   unsigned depth)
{
    Addr128 start, end;

    assert(depth < 64);     /* deeper means an alias loop */
    if (!mr->enabled) {
        return;
    }
    start = MAX(base, clip_start);
    end = MIN(base + (Addr128)mr->size, clip_end);
    if (start >= end) {
        return;
    }
    readonly |= mr->readonly;
    if (mr->kind == MR_ALIAS) {
        render(ranges, mr->alias, base - (Addr128)mr->alias_offset, start, end,
               readonly, depth + 1);
        return;
    }
    for (unsigned i = 0; i < mr->subregions->len; i++) {
        MemoryRegion *sub = g_ptr_array_index(mr->subregions, i);
        render(ranges, sub, base + sub->addr, start, end, readonly, depth + 1);
    }
    if (mr->kind != MR_CONTAINER) {
        fill_gaps(ranges, mr, base, start, end,
                  readonly || mr->kind == MR_ROM);
    }
}

static bool can_merge(const FlatRange *a, const FlatRange *b)
{
    return a->mr == b->mr && range_end(a) == b->addr &&
           a->offset_in_region + a->size == b->offset_in_region &&
           a->readonly == b->readonly && a->romd == b->romd;
}

static void merge_neighbours(GArray *ranges)
{
    unsigned out = 0;

    for (unsigned i = 0; i < ranges->len; i++) {
        FlatRange *cur = &g_array_index(ranges, FlatRange, i);
        if (out > 0 && can_merge(&g_array_index(ranges, FlatRange, out - 1), cur)) {
            g_array_index(ranges, FlatRange, out - 1).size += cur->size;
        } else {
            g_array_index(ranges, FlatRange, out++) = *cur;
        }
    }
    g_array_set_size(ranges, out);
}

static FlatView *flatview_build(MemoryRegion *root)
{
    FlatView *view = g_new0(FlatView, 1);

    view->refcount = 1;
    view->ranges = g_array_new(false, false, sizeof(FlatRange));
    if (root) {
        /* The root's own address in a container does not matter here. */
        render(view->ranges, root, 0, 0, (Addr128)1 << 64, false, 0);
        merge_neighbours(view->ranges);
    }
    return view;
}

void flatview_ref(FlatView *view)
{
    g_atomic_int_inc(&view->refcount);
}

void flatview_unref(FlatView *view)
{
    if (g_atomic_int_dec_and_test(&view->refcount)) {
        g_array_free(view->ranges, true);
        g_free(view);
    }
}

FlatView *address_space_get_flatview(AddressSpace *as)
{
    FlatView *view;

    g_mutex_lock(&as->map_lock);
    view = as->current_map;
    assert(view);
    flatview_ref(view);
    g_mutex_unlock(&as->map_lock);
    return view;
}

static void range_to_section(const FlatRange *fr, MemoryRegionSection *section)
{
    *section = (MemoryRegionSection) {
        .mr = fr->mr,
        .offset_within_region = fr->offset_in_region,
        .offset_within_address_space = fr->addr,
        .size = fr->size,
        .readonly = fr->readonly,
        .romd = fr->romd,
    };
}

unsigned flatview_nr_ranges(const FlatView *view)
{
    return view->ranges->len;
}

void flatview_get_range(const FlatView *view, unsigned i,
                        MemoryRegionSection *section)
{
    assert(i < view->ranges->len);
    range_to_section(RANGE(view, i), section);
}

/* The index of the range holding addr, or of the first range after it (maybe len). */
static unsigned range_index(const FlatView *view, hwaddr addr)
{
    unsigned lo = 0, hi = view->ranges->len;

    /* First range that starts after addr; the one before may hold addr. */
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (RANGE(view, mid)->addr <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo > 0 && addr < range_end(RANGE(view, lo - 1)) ? lo - 1 : lo;
}

static bool range_holds(const FlatView *view, unsigned i, hwaddr addr)
{
    return i < view->ranges->len && RANGE(view, i)->addr <= addr &&
           addr < range_end(RANGE(view, i));
}

void flatview_lookup(FlatView *view, hwaddr addr, MemoryRegionSection *section)
{
    unsigned i = range_index(view, addr);
    Addr128 hole_end = (Addr128)1 << 64;

    if (range_holds(view, i, addr)) {
        range_to_section(RANGE(view, i), section);
        return;
    }
    if (i < view->ranges->len) {
        hole_end = RANGE(view, i)->addr;
    }
    *section = (MemoryRegionSection) {
        .offset_within_address_space = addr,
        .size = hole_end - addr > UINT64_MAX ? UINT64_MAX
                                             : (uint64_t)(hole_end - addr),
    };
}

/* ---- The per-thread view of the hot lookups ---- */

typedef struct ThreadView {
    AddressSpace *as;
    FlatView *view;             /* referenced */
    uint64_t gen;               /* as->map_gen when view was taken */
    unsigned last;              /* index of the range the last lookup found */
} ThreadView;

static __thread ThreadView thread_view;
static uint64_t map_generations;

static void thread_view_release(gpointer unused)
{
    if (thread_view.view) {
        flatview_unref(thread_view.view);
    }
    thread_view = (ThreadView) { 0 };
}

/* Calls thread_view_release when a thread that looked something up exits. */
static GPrivate thread_view_owner = G_PRIVATE_INIT(thread_view_release);

void address_space_lookup(AddressSpace *as, hwaddr addr, MemoryRegionSection *section)
{
    ThreadView *tv = &thread_view;
    uint64_t gen = __atomic_load_n(&as->map_gen, __ATOMIC_ACQUIRE);

    if (tv->as != as || tv->gen != gen || !tv->view) {
        FlatView *old = tv->view;

        g_mutex_lock(&as->map_lock);
        tv->view = as->current_map;
        assert(tv->view);
        tv->gen = as->map_gen;
        flatview_ref(tv->view);
        g_mutex_unlock(&as->map_lock);
        tv->as = as;
        tv->last = 0;
        if (old) {
            flatview_unref(old);
        } else {
            g_private_set(&thread_view_owner, tv);
        }
    }
    if (!range_holds(tv->view, tv->last, addr)) {
        unsigned i = range_index(tv->view, addr);

        if (!range_holds(tv->view, i, addr)) {
            flatview_lookup(tv->view, addr, section);   /* a hole */
            return;
        }
        tv->last = i;
    }
    range_to_section(RANGE(tv->view, tv->last), section);
}

/* ---- Publishing and telling listeners ---- */

static bool ranges_equal(const FlatRange *a, const FlatRange *b)
{
    return a->mr == b->mr && a->addr == b->addr && a->size == b->size &&
           a->offset_in_region == b->offset_in_region &&
           a->readonly == b->readonly && a->romd == b->romd;
}

static bool views_equal(const FlatView *a, const FlatView *b)
{
    if (a->ranges->len != b->ranges->len) {
        return false;
    }
    for (unsigned i = 0; i < a->ranges->len; i++) {
        if (!ranges_equal(RANGE(a, i), RANGE(b, i))) {
            return false;
        }
    }
    return true;
}

/* Whether `view` holds a range identical to fr; *cursor walks it in order. */
static bool view_has_range(const FlatView *view, const FlatRange *fr,
                           unsigned *cursor)
{
    while (*cursor < view->ranges->len && RANGE(view, *cursor)->addr < fr->addr) {
        (*cursor)++;
    }
    return *cursor < view->ranges->len && ranges_equal(RANGE(view, *cursor), fr);
}

static void notify_section(AddressSpace *as, const FlatRange *fr, bool add)
{
    MemoryRegionSection section;
    unsigned n = as->listeners->len;

    for (unsigned k = 0; k < n; k++) {
        /* add in ascending priority, del in descending. */
        MemoryListener *l = g_ptr_array_index(as->listeners, add ? k : n - 1 - k);
        range_to_section(fr, &section);
        if (add && l->region_add) {
            l->region_add(l, &section);
        } else if (!add && l->region_del) {
            l->region_del(l, &section);
        }
    }
}

static void notify_changes(AddressSpace *as, FlatView *old, FlatView *new)
{
    unsigned cursor;

    for (unsigned k = 0; k < as->listeners->len; k++) {
        MemoryListener *l = g_ptr_array_index(as->listeners, k);
        if (l->begin) {
            l->begin(l);
        }
    }
    /* Deletions first, so a listener never sees two ranges overlap. */
    cursor = 0;
    for (unsigned i = 0; old && i < old->ranges->len; i++) {
        if (!view_has_range(new, RANGE(old, i), &cursor)) {
            notify_section(as, RANGE(old, i), false);
        }
    }
    cursor = 0;
    for (unsigned i = 0; i < new->ranges->len; i++) {
        if (!old || !view_has_range(old, RANGE(new, i), &cursor)) {
            notify_section(as, RANGE(new, i), true);
        }
    }
    for (unsigned k = 0; k < as->listeners->len; k++) {
        MemoryListener *l = g_ptr_array_index(as->listeners, k);
        if (l->commit) {
            l->commit(l);
        }
    }
}

void address_space_update_view(AddressSpace *as)
{
    FlatView *new = flatview_build(as->root);
    FlatView *old = as->current_map;

    if (old && views_equal(old, new)) {
        flatview_unref(new);
        return;
    }
    g_mutex_lock(&as->map_lock);
    as->current_map = new;
    __atomic_store_n(&as->map_gen, __atomic_add_fetch(&map_generations, 1, __ATOMIC_RELAXED),
                     __ATOMIC_RELEASE);
    g_mutex_unlock(&as->map_lock);
    notify_changes(as, old, new);
    if (old) {
        flatview_unref(old);
    }
}

void address_space_clear_view(AddressSpace *as)
{
    FlatView *old;

    g_mutex_lock(&as->map_lock);
    old = as->current_map;
    as->current_map = NULL;
    __atomic_store_n(&as->map_gen, __atomic_add_fetch(&map_generations, 1, __ATOMIC_RELAXED),
                     __ATOMIC_RELEASE);
    g_mutex_unlock(&as->map_lock);
    if (old) {
        flatview_unref(old);
    }
}

void memory_listener_replay(MemoryListener *listener, bool add)
{
    FlatView *view = address_space_get_flatview(listener->as);
    MemoryRegionSection section;
    unsigned n = view->ranges->len;

    if (listener->begin) {
        listener->begin(listener);
    }
    for (unsigned k = 0; k < n; k++) {
        range_to_section(RANGE(view, add ? k : n - 1 - k), &section);
        if (add && listener->region_add) {
            listener->region_add(listener, &section);
        } else if (!add && listener->region_del) {
            listener->region_del(listener, &section);
        }
    }
    if (listener->commit) {
        listener->commit(listener);
    }
    flatview_unref(view);
}
