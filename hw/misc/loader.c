/*
 * `-device loader`: puts a file or a value into guest memory.
 *
 *   -device loader,file=FILE,addr=ADDR      a raw image at a physical address
 *   -device loader,addr=ADDR,data=VALUE,data-len=N[,data-be=on]
 *                                           an N-byte value (1, 2, 4 or 8)
 *
 * The contents are written at every system reset, into RAM, ROM or flash
 * alike, so they are there again after the guest reboots, as a ROM image
 * would be.
 * The file is read once at realize, so a missing or unreadable file, or a
 * target range with no memory behind it, is a start-up error, not a guest
 * surprise. (ELF files and setting a CPU's PC come with the boot code of the
 * first board with a CPU.)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/misc/loader.h"
#include "hw/core/qdev.h"
#include "softmmu/memory.h"
#include "util/bswap.h"

#include <glib/gstdio.h>

typedef struct LoaderState {
    DeviceState parent;

    char *file;
    uint64_t addr;
    uint64_t data;
    uint8_t data_len;
    bool data_be;

    uint8_t *image;     /* what reset writes */
    size_t image_size;
} LoaderState;

#define LOADER(dev) container_of(dev, LoaderState, parent)

/* Files larger than this are not images anyone loads through -device loader. */
#define LOADER_MAX_FILE (4 * GiB)

static bool loader_read_file(LoaderState *s, Error **errp)
{
    GError *gerr = NULL;
    gchar *contents;
    gsize len;
    GStatBuf st;

    if (g_stat(s->file, &st) == 0 && (uint64_t)st.st_size > LOADER_MAX_FILE) {
        error_setg(errp, "file '%s' is larger than 4 GiB", s->file);
        return false;
    }
    if (!g_file_get_contents(s->file, &contents, &len, &gerr)) {
        error_setg(errp, "cannot read '%s': %s", s->file, gerr->message);
        g_error_free(gerr);
        return false;
    }
    if (len >= 4 && memcmp(contents, "\177ELF", 4) == 0) {
        error_setg(errp, "'%s' is an ELF file: not supported yet (give addr= and a raw image)",
                   s->file);
        g_free(contents);
        return false;
    }
    s->image = (uint8_t *)contents;
    s->image_size = len;
    return true;
}

static bool loader_realize(DeviceState *dev, Error **errp)
{
    LoaderState *s = LOADER(dev);
    AddressSpace *as = get_address_space_memory();

    if (s->file && s->data_len) {
        error_setg(errp, "give either file= or data=/data-len=, not both");
        return false;
    }
    /* UINT64_MAX means "not given": no image of 1 byte or more fits there. */
    if (s->addr == UINT64_MAX) {
        error_setg(errp, "addr= is required");
        return false;
    }
    if (s->file) {
        if (!loader_read_file(s, errp)) {
            return false;
        }
    } else if (s->data_len) {
        if (s->data_len != 1 && s->data_len != 2 && s->data_len != 4 && s->data_len != 8) {
            error_setg(errp, "data-len=%u: must be 1, 2, 4 or 8", s->data_len);
            return false;
        }
        s->image_size = s->data_len;
        s->image = g_malloc(s->data_len);
        stn_p(s->image, s->data_len, s->data_be, s->data);
    } else {
        error_setg(errp, "nothing to load: give file= or data= and data-len=");
        return false;
    }
    /* Memory behind the whole range: RAM, or ROM and flash (written as loaders do). */
    if (s->image_size &&
        (s->addr + s->image_size < s->addr ||
         !address_space_access_valid(as, s->addr, s->image_size, false,
                                     MEMTXATTRS_UNSPECIFIED))) {
        error_setg(errp, "no memory at 0x%" PRIx64 "..0x%" PRIx64,
                   s->addr, s->addr + s->image_size - 1);
        g_free(s->image);
        s->image = NULL;
        return false;
    }
    return true;
}

static void loader_unrealize(DeviceState *dev)
{
    LoaderState *s = LOADER(dev);

    g_free(s->image);
    s->image = NULL;
}

static void loader_reset(DeviceState *dev)
{
    LoaderState *s = LOADER(dev);

    address_space_write_rom(get_address_space_memory(), s->addr,
                            MEMTXATTRS_UNSPECIFIED, s->image, s->image_size);
}

static const Property loader_props[] = {
    DEFINE_PROP_STRING("file", LoaderState, file, NULL, "raw image to load at addr"),
    DEFINE_PROP_UINT64("addr", LoaderState, addr, UINT64_MAX, "guest physical address"),
    DEFINE_PROP_UINT64("data", LoaderState, data, 0, "value to store at addr"),
    DEFINE_PROP_UINT8("data-len", LoaderState, data_len, 0, "size of data in bytes: 1, 2, 4 or 8"),
    DEFINE_PROP_BOOL("data-be", LoaderState, data_be, false, "store data big-endian"),
    DEFINE_PROP_END,
};

const DeviceClass loader_class = {
    .name = "loader",
    .desc = "put a raw file or a value into guest memory at reset",
    .category = DEVICE_CATEGORY_MISC,
    .instance_size = sizeof(LoaderState),
    .props = loader_props,
    .user_creatable = true,
    .realize = loader_realize,
    .unrealize = loader_unrealize,
    .reset = loader_reset,
};
