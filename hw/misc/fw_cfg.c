/*
 * fw_cfg: QEMU's firmware configuration device, MMIO variant (arm virt).
 *
 * Facts from QEMU docs/specs/fw_cfg.rst. The firmware (u-boot's qfw,
 * UEFI's QemuFwCfgLib, Linux's qemu_fw_cfg driver) selects an item by its
 * 16-bit key, then reads the item's bytes as a stream, either through the
 * data register or with a DMA descriptor. Items are blobs: numbered keys
 * for the classic values (kernel size, command line, ...) and named files
 * listed in the file directory (key 0x19), sorted by name.
 *
 * Registers (one 0x18-byte region, big-endian):
 *   +0x00 data       1..8-byte reads return the next bytes of the selected
 *                    item in stream order (the region is big-endian, so the
 *                    first byte lands at the lowest guest address); bytes
 *                    past the end read as 0. Writes are ignored (the write
 *                    path through this register went away in QEMU 2.4).
 *   +0x08 selector   16-bit: selects a key and rewinds the stream.
 *   +0x10 DMA        64-bit address of an FWCfgDmaAccess descriptor
 *                    {control BE32, length BE32, address BE64}. An 8-byte
 *                    write, or a 4-byte write to the low half (+0x14),
 *                    runs the transfer at once; a 4-byte write to +0x10
 *                    only latches the high half. Reads give "QEMU CFG".
 *
 * A DMA transfer does SELECT (key in control's upper 16 bits), then one of
 * READ (bytes past the item's end are zeros), WRITE (only files added with
 * fw_cfg_add_file_writable, and only within their size) or SKIP, and then
 * writes control back as 0, or FW_CFG_DMA_CTL_ERROR on failure. Bad guest
 * addresses are the guest's problem: logged under guest_errors, error bit.
 *
 * Every device starts with QEMU's standard files (bootorder and
 * bios-geometry, empty; etc/boot-fail-wait, LE32 -1); boards refresh them
 * with fw_cfg_modify_file.
 *
 * Transfers complete synchronously inside the register write: the guest
 * sees control change before its write instruction retires, which the
 * specification allows.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/misc/fw_cfg.h"
#include "util/bswap.h"
#include "util/log.h"

typedef struct FWCfgItem {
    uint8_t *data;
    uint32_t len;
    bool writable;              /* by DMA WRITE */
    FWCfgWriteCallback *write_cb;
    void *write_opaque;
} FWCfgItem;

typedef struct FWCfgFile {
    char name[FW_CFG_MAX_FILE_PATH];
    uint16_t key;
} FWCfgFile;

struct FWCfgState {
    DeviceState parent;
    MemoryRegion iomem;

    bool dma_enabled;           /* property */
    AddressSpace *dma_as;       /* set by fw_cfg_new_mmio; NULL: system memory */

    GHashTable *items;          /* key (without the write flag) -> FWCfgItem */
    GPtrArray *files;           /* FWCfgFile *, sorted by name */
    uint16_t next_file_key;

    uint16_t cur_key;
    uint32_t cur_offset;
    uint32_t dma_addr_high;     /* latched by a 4-byte write to +0x10 */
    bool dma_running;           /* a descriptor aimed at our own registers */
};

#define FW_CFG_ENTRY_MASK       0x3fff
#define FW_CFG_DMA_DESC_SIZE    16

/* ---- Items ---- */

static unsigned item_index(uint16_t key)
{
    return key & (FW_CFG_ARCH_LOCAL | FW_CFG_ENTRY_MASK);
}

static FWCfgItem *item_find(FWCfgState *s, uint16_t key)
{
    return g_hash_table_lookup(s->items, GUINT_TO_POINTER(item_index(key)));
}

static void item_free(gpointer p)
{
    FWCfgItem *item = p;

    g_free(item->data);
    g_free(item);
}

/* Sets (adds or replaces) an item; returns it so callers can flag it. */
static FWCfgItem *item_set(FWCfgState *s, uint16_t key, const void *data,
                           size_t len)
{
    FWCfgItem *item = g_new0(FWCfgItem, 1);

    /* The directory gives sizes as 32 bits: nothing larger can be described. */
    assert(len <= UINT32_MAX);
    item->data = g_memdup2(data, len);
    item->len = len;
    g_hash_table_replace(s->items, GUINT_TO_POINTER(item_index(key)), item);
    return item;
}

void fw_cfg_add_bytes(FWCfgState *fw, uint16_t key, const void *data, size_t len)
{
    assert(!item_find(fw, key));
    item_set(fw, key, data, len);
}

void fw_cfg_modify_bytes(FWCfgState *fw, uint16_t key, const void *data, size_t len)
{
    item_set(fw, key, data, len);
}

void fw_cfg_add_string(FWCfgState *fw, uint16_t key, const char *value)
{
    fw_cfg_add_bytes(fw, key, value, strlen(value) + 1);
}

void fw_cfg_modify_string(FWCfgState *fw, uint16_t key, const char *value)
{
    fw_cfg_modify_bytes(fw, key, value, strlen(value) + 1);
}

#define DEFINE_FW_CFG_INT(bits)                                             \
void fw_cfg_add_i##bits(FWCfgState *fw, uint16_t key, uint##bits##_t value) \
{                                                                           \
    uint8_t buf[bits / 8];                                                  \
                                                                            \
    st##bits##_le_p(buf, value);                                            \
    fw_cfg_add_bytes(fw, key, buf, sizeof(buf));                            \
}                                                                           \
void fw_cfg_modify_i##bits(FWCfgState *fw, uint16_t key,                    \
                           uint##bits##_t value)                            \
{                                                                           \
    uint8_t buf[bits / 8];                                                  \
                                                                            \
    st##bits##_le_p(buf, value);                                            \
    fw_cfg_modify_bytes(fw, key, buf, sizeof(buf));                         \
}

DEFINE_FW_CFG_INT(16)
DEFINE_FW_CFG_INT(32)
DEFINE_FW_CFG_INT(64)

#undef DEFINE_FW_CFG_INT

/* ---- Files and the directory ---- */

static gint file_compare(gconstpointer a, gconstpointer b)
{
    const FWCfgFile *fa = *(FWCfgFile *const *)a;
    const FWCfgFile *fb = *(FWCfgFile *const *)b;

    return strcmp(fa->name, fb->name);
}

static FWCfgFile *file_find(FWCfgState *s, const char *name)
{
    for (guint i = 0; i < s->files->len; i++) {
        FWCfgFile *f = g_ptr_array_index(s->files, i);

        if (strcmp(f->name, name) == 0) {
            return f;
        }
    }
    return NULL;
}

/* Rebuilds key 0x19: count, then {size, select, reserved, name} by name. */
static void directory_update(FWCfgState *s)
{
    size_t entry_size = 4 + 2 + 2 + FW_CFG_MAX_FILE_PATH;
    size_t len = 4 + s->files->len * entry_size;
    g_autofree uint8_t *dir = g_malloc0(len);
    uint8_t *p = dir + 4;

    st32_be_p(dir, s->files->len);
    for (guint i = 0; i < s->files->len; i++, p += entry_size) {
        FWCfgFile *f = g_ptr_array_index(s->files, i);
        FWCfgItem *item = item_find(s, f->key);

        st32_be_p(p, item->len);
        st16_be_p(p + 4, f->key);
        memcpy(p + 8, f->name, strlen(f->name));
    }
    item_set(s, FW_CFG_FILE_DIR, dir, len);
}

static bool file_check_name(const char *name, Error **errp)
{
    if (!*name) {
        error_setg(errp, "fw_cfg file name is empty");
        return false;
    }
    if (strlen(name) >= FW_CFG_MAX_FILE_PATH) {
        error_setg(errp, "fw_cfg file name '%s' is longer than %d characters",
                   name, FW_CFG_MAX_FILE_PATH - 1);
        return false;
    }
    return true;
}

static FWCfgItem *file_add(FWCfgState *s, const char *name, const void *data,
                           size_t len, Error **errp)
{
    FWCfgFile *f;
    FWCfgItem *item;

    if (!file_check_name(name, errp)) {
        return NULL;
    }
    if (file_find(s, name)) {
        error_setg(errp, "fw_cfg file '%s' already exists", name);
        return NULL;
    }
    if (len > UINT32_MAX) {
        error_setg(errp, "fw_cfg file '%s' is larger than 4 GiB", name);
        return NULL;
    }
    if (s->next_file_key >= FW_CFG_WRITE_CHANNEL) {
        error_setg(errp, "no fw_cfg key left for file '%s'", name);
        return NULL;
    }
    f = g_new0(FWCfgFile, 1);
    g_strlcpy(f->name, name, sizeof(f->name));
    f->key = s->next_file_key++;
    g_ptr_array_add(s->files, f);
    g_ptr_array_sort(s->files, file_compare);
    item = item_set(s, f->key, data, len);
    directory_update(s);
    return item;
}

bool fw_cfg_add_file(FWCfgState *fw, const char *name, const void *data,
                     size_t len, Error **errp)
{
    return file_add(fw, name, data, len, errp) != NULL;
}

bool fw_cfg_add_file_writable(FWCfgState *fw, const char *name,
                              const void *data, size_t len,
                              FWCfgWriteCallback *cb, void *opaque,
                              Error **errp)
{
    FWCfgItem *item = file_add(fw, name, data, len, errp);

    if (!item) {
        return false;
    }
    item->writable = true;
    item->write_cb = cb;
    item->write_opaque = opaque;
    return true;
}

bool fw_cfg_modify_file(FWCfgState *fw, const char *name, const void *data,
                        size_t len, Error **errp)
{
    FWCfgFile *f = file_find(fw, name);
    FWCfgItem *old, *item;
    FWCfgItem keep;

    if (!f) {
        return fw_cfg_add_file(fw, name, data, len, errp);
    }
    if (len > UINT32_MAX) {
        error_setg(errp, "fw_cfg file '%s' is larger than 4 GiB", name);
        return false;
    }
    /* A writable file stays writable when the board refreshes it. */
    old = item_find(fw, f->key);
    keep = *old;
    item = item_set(fw, f->key, data, len);
    item->writable = keep.writable;
    item->write_cb = keep.write_cb;
    item->write_opaque = keep.write_opaque;
    directory_update(fw);
    return true;
}

const void *fw_cfg_get_file(FWCfgState *fw, const char *name, size_t *len)
{
    FWCfgFile *f = file_find(fw, name);
    FWCfgItem *item;

    if (!f) {
        return NULL;
    }
    item = item_find(fw, f->key);
    *len = item->len;
    return item->data;
}

uint16_t fw_cfg_file_key(FWCfgState *fw, const char *name)
{
    FWCfgFile *f = file_find(fw, name);

    return f ? f->key : FW_CFG_INVALID;
}

/* ---- The register interface ---- */

static void fw_cfg_select(FWCfgState *s, uint16_t key)
{
    s->cur_key = key;
    s->cur_offset = 0;
}

/* The next byte of the selected item, 0 past its end or with no item. */
static uint8_t fw_cfg_next_byte(FWCfgState *s)
{
    FWCfgItem *item = item_find(s, s->cur_key);

    if (!item || s->cur_offset >= item->len) {
        return 0;
    }
    return item->data[s->cur_offset++];
}

static bool fw_cfg_accepts(void *opaque, hwaddr addr, unsigned size,
                           bool is_write, MemTxAttrs attrs)
{
    FWCfgState *s = opaque;

    if (addr < FW_CFG_MMIO_SELECTOR) {
        return addr + size <= FW_CFG_MMIO_SELECTOR;
    }
    if (addr == FW_CFG_MMIO_SELECTOR) {
        return size == 2;
    }
    if (addr >= FW_CFG_MMIO_DMA && s->dma_enabled) {
        return size == 8 || size == 4;
    }
    return false;
}

static uint64_t fw_cfg_read(void *opaque, hwaddr addr, unsigned size)
{
    FWCfgState *s = opaque;
    uint64_t value = 0;

    if (addr < FW_CFG_MMIO_SELECTOR) {
        for (unsigned i = 0; i < size; i++) {
            value = value << 8 | fw_cfg_next_byte(s);
        }
        return value;
    }
    if (addr >= FW_CFG_MMIO_DMA) {
        if (size == 8) {
            return FW_CFG_DMA_SIGNATURE;
        }
        return addr == FW_CFG_MMIO_DMA ? FW_CFG_DMA_SIGNATURE >> 32
                                       : (uint32_t)FW_CFG_DMA_SIGNATURE;
    }
    /* The selector is write-only. */
    return 0;
}

/* ---- DMA ---- */

static AddressSpace *fw_cfg_dma_as(FWCfgState *s)
{
    return s->dma_as ? s->dma_as : get_address_space_memory();
}

static bool fw_cfg_dma_read(FWCfgState *s, uint64_t addr, uint32_t length)
{
    AddressSpace *as = fw_cfg_dma_as(s);
    FWCfgItem *item = item_find(s, s->cur_key);
    uint32_t avail = 0, n;

    if (item && s->cur_offset < item->len) {
        avail = item->len - s->cur_offset;
    }
    n = MIN(avail, length);
    if (n && dma_memory_write(as, addr, item->data + s->cur_offset, n,
                              MEMTXATTRS_UNSPECIFIED) != MEMTX_OK) {
        return false;
    }
    s->cur_offset += n;
    if (length > n && dma_memory_set(as, addr + n, 0, length - n,
                                     MEMTXATTRS_UNSPECIFIED) != MEMTX_OK) {
        return false;
    }
    return true;
}

static bool fw_cfg_dma_write(FWCfgState *s, uint64_t addr, uint32_t length)
{
    FWCfgItem *item = item_find(s, s->cur_key);
    uint32_t offset = s->cur_offset;

    if (!item || !item->writable || offset > item->len ||
        length > item->len - offset) {
        log_mask(log_guest_errors,
                 "fw_cfg: DMA write of %u bytes at offset %u of key 0x%04x refused\n",
                 length, offset, s->cur_key);
        return false;
    }
    if (dma_memory_read(fw_cfg_dma_as(s), addr, item->data + offset, length,
                        MEMTXATTRS_UNSPECIFIED) != MEMTX_OK) {
        return false;
    }
    s->cur_offset += length;
    if (item->write_cb) {
        item->write_cb(item->write_opaque, offset, length);
    }
    return true;
}

static void fw_cfg_dma_skip(FWCfgState *s, uint32_t length)
{
    FWCfgItem *item = item_find(s, s->cur_key);
    uint64_t end = (uint64_t)s->cur_offset + length;

    /* The offset never passes the end: later reads there give zeros anyway. */
    s->cur_offset = MIN(end, item ? item->len : 0);
}

static void fw_cfg_dma_run(FWCfgState *s, uint64_t desc_addr)
{
    AddressSpace *as = fw_cfg_dma_as(s);
    uint8_t desc[FW_CFG_DMA_DESC_SIZE];
    uint8_t result[4];
    uint32_t control, length;
    uint64_t addr;
    bool ok = true;

    /*
     * A guest can point the write-back of control at the DMA register
     * itself; do not let that start transfers from inside a transfer.
     */
    if (s->dma_running) {
        log_mask(log_guest_errors, "fw_cfg: DMA started from inside a DMA transfer\n");
        return;
    }
    s->dma_running = true;
    if (dma_memory_read(as, desc_addr, desc, sizeof(desc),
                        MEMTXATTRS_UNSPECIFIED) != MEMTX_OK) {
        log_mask(log_guest_errors,
                 "fw_cfg: cannot read the DMA descriptor at 0x%" PRIx64 "\n",
                 desc_addr);
        ok = false;
    } else {
        control = ld32_be_p(desc);
        length = ld32_be_p(desc + 4);
        addr = ld64_be_p(desc + 8);

        if (control & FW_CFG_DMA_CTL_SELECT) {
            fw_cfg_select(s, control >> 16);
        }
        if (control & FW_CFG_DMA_CTL_READ) {
            ok = fw_cfg_dma_read(s, addr, length);
        } else if (control & FW_CFG_DMA_CTL_WRITE) {
            ok = fw_cfg_dma_write(s, addr, length);
        } else if (control & FW_CFG_DMA_CTL_SKIP) {
            fw_cfg_dma_skip(s, length);
        }
        if (!ok) {
            log_mask(log_guest_errors,
                     "fw_cfg: DMA transfer of %u bytes at 0x%" PRIx64 " failed\n",
                     length, addr);
        }
    }
    st32_be_p(result, ok ? 0 : FW_CFG_DMA_CTL_ERROR);
    dma_memory_write(as, desc_addr, result, sizeof(result), MEMTXATTRS_UNSPECIFIED);
    s->dma_running = false;
}

static void fw_cfg_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    FWCfgState *s = opaque;

    if (addr < FW_CFG_MMIO_SELECTOR) {
        log_mask(log_guest_errors,
                 "fw_cfg: write to the data register ignored (use DMA)\n");
    } else if (addr == FW_CFG_MMIO_SELECTOR) {
        fw_cfg_select(s, value);
    } else if (size == 8) {
        s->dma_addr_high = 0;
        fw_cfg_dma_run(s, value);
    } else if (addr == FW_CFG_MMIO_DMA) {
        s->dma_addr_high = value;
    } else {
        uint64_t desc_addr = (uint64_t)s->dma_addr_high << 32 | (uint32_t)value;

        s->dma_addr_high = 0;
        fw_cfg_dma_run(s, desc_addr);
    }
}

static const MemoryRegionOps fw_cfg_ops = {
    .read = fw_cfg_read,
    .write = fw_cfg_write,
    .endianness = DEVICE_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8,
               .accepts = fw_cfg_accepts },
    .impl = { .min_access_size = 1, .max_access_size = 8 },
};

/* ---- The device ---- */

static bool fw_cfg_realize(DeviceState *dev, Error **errp)
{
    FWCfgState *s = container_of(dev, FWCfgState, parent);
    static const uint8_t zero_uuid[16];
    uint32_t id = FW_CFG_VERSION | (s->dma_enabled ? FW_CFG_VERSION_DMA : 0);

    s->items = g_hash_table_new_full(NULL, NULL, NULL, item_free);
    s->files = g_ptr_array_new_with_free_func(g_free);
    s->next_file_key = FW_CFG_FILE_FIRST;

    fw_cfg_add_bytes(s, FW_CFG_SIGNATURE, "QEMU", 4);
    fw_cfg_add_i32(s, FW_CFG_ID, id);
    fw_cfg_add_bytes(s, FW_CFG_UUID, zero_uuid, sizeof(zero_uuid));
    fw_cfg_add_i16(s, FW_CFG_NOGRAPHIC, 0);
    fw_cfg_add_i16(s, FW_CFG_BOOT_MENU, 0);
    directory_update(s);
    /*
     * The files QEMU's fw_cfg always holds, so firmware finds the same
     * directory (u-boot's `qfw list`): no boot order and no disk geometry
     * (empty, as without bootindex properties; a board changes them with
     * fw_cfg_modify_file), and the reboot time-out after a failed boot,
     * LE32 -1 (none), as for QEMU without -boot reboot-timeout.
     */
    fw_cfg_add_file(s, "bootorder", NULL, 0, &error_abort);
    fw_cfg_add_file(s, "bios-geometry", NULL, 0, &error_abort);
    fw_cfg_add_file(s, "etc/boot-fail-wait", "\xff\xff\xff\xff", 4, &error_abort);

    memory_region_init_io(&s->iomem, &fw_cfg_ops, s, "fw_cfg", FW_CFG_MMIO_SIZE);
    device_init_mmio(dev, &s->iomem);
    return true;
}

/* The board unmaps the region before it destroys the device. */
static void fw_cfg_unrealize(DeviceState *dev)
{
    FWCfgState *s = container_of(dev, FWCfgState, parent);

    memory_region_finalize(&s->iomem);
    g_hash_table_destroy(s->items);
    g_ptr_array_free(s->files, true);
}

static void fw_cfg_reset(DeviceState *dev)
{
    FWCfgState *s = container_of(dev, FWCfgState, parent);

    fw_cfg_select(s, FW_CFG_SIGNATURE);
    s->dma_addr_high = 0;
}

static const Property fw_cfg_props[] = {
    DEFINE_PROP_BOOL("dma-enabled", FWCfgState, dma_enabled, true,
                     "offer the DMA interface"),
    DEFINE_PROP_END,
};

const DeviceClass fw_cfg_mmio_class = {
    .name = "fw_cfg_mmio",
    .desc = "QEMU firmware configuration interface (MMIO)",
    .category = DEVICE_CATEGORY_MISC,
    .instance_size = sizeof(FWCfgState),
    .props = fw_cfg_props,
    .user_creatable = false,
    .realize = fw_cfg_realize,
    .unrealize = fw_cfg_unrealize,
    .reset = fw_cfg_reset,
};

FWCfgState *fw_cfg_new_mmio(hwaddr base, AddressSpace *dma_as, Error **errp)
{
    DeviceState *dev = device_new(&fw_cfg_mmio_class);
    FWCfgState *s = container_of(dev, FWCfgState, parent);

    s->dma_as = dma_as;
    if (!device_realize(dev, NULL, errp)) {
        device_destroy(dev);
        return NULL;
    }
    fw_cfg_reset(dev);
    device_mmio_map(dev, 0, base);
    return s;
}

DeviceState *fw_cfg_device(FWCfgState *fw)
{
    return &fw->parent;
}

FWCfgState *fw_cfg_from_device(DeviceState *dev)
{
    assert(dev->dc == &fw_cfg_mmio_class);
    return container_of(dev, FWCfgState, parent);
}
