/*
 * "info mtree [-f]": the region tree of an address space with each
 * region's absolute address range, priority and kind, or its flat view
 * (what the guest really sees, range by range).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "softmmu/memory.h"

static const char *kind_name(const MemoryRegion *mr)
{
    switch (mr->kind) {
    case MR_CONTAINER:
        return "container";
    case MR_RAM:
        return "ram";
    case MR_ROM:
        return "rom";
    case MR_ROM_DEVICE:
        return mr->romd ? "romd" : "rom device";
    case MR_MMIO:
        return "i/o";
    case MR_ALIAS:
        return "alias";
    }
    g_assert_not_reached();
}

/* [start, start + size) as "start-last", cut at the top of the 64-bit space. */
static void print_range(GString *out, unsigned __int128 start,
                        unsigned __int128 size)
{
    unsigned __int128 top = (unsigned __int128)1 << 64;
    unsigned __int128 end = MIN(start + size, top);

    if (size == 0 || start >= top) {
        g_string_append_printf(out, "%016" PRIx64 "-(empty)          ",
                               (uint64_t)start);
        return;
    }
    g_string_append_printf(out, "%016" PRIx64 "-%016" PRIx64,
                           (uint64_t)start, (uint64_t)(end - 1));
}

static void print_region(GString *out, const MemoryRegion *mr,
                         unsigned __int128 base, unsigned depth)
{
    g_string_append_printf(out, "%*s", (int)(depth * 2 + 2), "");
    print_range(out, base, mr->size);
    g_string_append_printf(out, " (prio %d, %s%s): %s", mr->priority,
                           kind_name(mr), mr->readonly ? ", readonly" : "",
                           mr->name);
    if (mr->kind == MR_ALIAS) {
        g_string_append_printf(out, " @%s ", mr->alias->name);
        print_range(out, mr->alias_offset, mr->size);
    }
    if (!mr->enabled) {
        g_string_append(out, " [disabled]");
    }
    g_string_append_c(out, '\n');
    for (unsigned i = 0; i < mr->subregions->len; i++) {
        const MemoryRegion *sub = g_ptr_array_index(mr->subregions, i);
        print_region(out, sub, base + sub->addr, depth + 1);
    }
}

static void print_flatview(GString *out, AddressSpace *as)
{
    FlatView *view = address_space_get_flatview(as);

    g_string_append_printf(out, "FlatView for address-space: %s\n", as->name);
    for (unsigned i = 0; i < flatview_nr_ranges(view); i++) {
        MemoryRegionSection sec;

        flatview_get_range(view, i, &sec);
        g_string_append(out, "  ");
        print_range(out, sec.offset_within_address_space, sec.size);
        g_string_append_printf(out, " (%s%s): %s", kind_name(sec.mr),
                               sec.readonly ? ", readonly" : "", sec.mr->name);
        if (sec.offset_within_region) {
            g_string_append_printf(out, " @%016" PRIx64,
                                   (uint64_t)sec.offset_within_region);
        }
        g_string_append_c(out, '\n');
    }
    if (flatview_nr_ranges(view) == 0) {
        g_string_append(out, "  (nothing mapped)\n");
    }
    flatview_unref(view);
}

static void print_one(GString *out, AddressSpace *as, bool flatview)
{
    if (flatview) {
        print_flatview(out, as);
        return;
    }
    g_string_append_printf(out, "address-space: %s\n", as->name);
    if (as->root) {
        print_region(out, as->root, 0, 0);
    }
}

void mtree_print(GString *out, AddressSpace *as, bool flatview)
{
    GPtrArray *spaces = memory_address_spaces();

    if (as) {
        print_one(out, as, flatview);
        return;
    }
    for (unsigned i = 0; i < spaces->len; i++) {
        if (i > 0) {
            g_string_append_c(out, '\n');
        }
        print_one(out, g_ptr_array_index(spaces, i), flatview);
    }
}
