/*
 * fw_cfg: QEMU's firmware configuration interface, as boards use it.
 * See hw/misc/fw_cfg.c for the device and docs/devel/devices-firmware.md.
 *
 * A board creates one (fw_cfg_new_mmio), then fills items: numbered keys
 * (FW_CFG_*) for the classic values and named files ("etc/...") that the
 * firmware finds through the file directory. Every add/modify copies the
 * data: callers keep ownership of what they pass. Numeric items are stored
 * little-endian, as the interface defines them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_MISC_FW_CFG_H
#define HW_MISC_FW_CFG_H

#include "hw/core/qdev.h"
#include "softmmu/memory.h"

/* Well-known keys (QEMU docs/specs/fw_cfg.rst and its keys header). */
enum {
    FW_CFG_SIGNATURE    = 0x00,     /* "QEMU" */
    FW_CFG_ID           = 0x01,     /* feature bits, LE32 */
    FW_CFG_UUID         = 0x02,
    FW_CFG_RAM_SIZE     = 0x03,
    FW_CFG_NOGRAPHIC    = 0x04,
    FW_CFG_NB_CPUS      = 0x05,
    FW_CFG_MACHINE_ID   = 0x06,
    FW_CFG_KERNEL_ADDR  = 0x07,
    FW_CFG_KERNEL_SIZE  = 0x08,
    FW_CFG_KERNEL_CMDLINE = 0x09,
    FW_CFG_INITRD_ADDR  = 0x0a,
    FW_CFG_INITRD_SIZE  = 0x0b,
    FW_CFG_BOOT_DEVICE  = 0x0c,
    FW_CFG_NUMA         = 0x0d,
    FW_CFG_BOOT_MENU    = 0x0e,
    FW_CFG_MAX_CPUS     = 0x0f,
    FW_CFG_KERNEL_ENTRY = 0x10,
    FW_CFG_KERNEL_DATA  = 0x11,
    FW_CFG_INITRD_DATA  = 0x12,
    FW_CFG_CMDLINE_ADDR = 0x13,
    FW_CFG_CMDLINE_SIZE = 0x14,
    FW_CFG_CMDLINE_DATA = 0x15,
    FW_CFG_SETUP_ADDR   = 0x16,
    FW_CFG_SETUP_SIZE   = 0x17,
    FW_CFG_SETUP_DATA   = 0x18,
    FW_CFG_FILE_DIR     = 0x19,     /* the file directory */
    FW_CFG_FILE_FIRST   = 0x20,     /* files get keys from here up */
    FW_CFG_WRITE_CHANNEL = 0x4000,  /* legacy write flag: ignored */
    FW_CFG_ARCH_LOCAL   = 0x8000,   /* architecture-specific keys */
    FW_CFG_INVALID      = 0xffff,
};

/* FW_CFG_ID bits */
#define FW_CFG_VERSION          0x01    /* the traditional interface */
#define FW_CFG_VERSION_DMA      0x02    /* the DMA interface */

/* DMA control bits (FWCfgDmaAccess.control, big-endian in guest memory). */
#define FW_CFG_DMA_CTL_ERROR    0x01
#define FW_CFG_DMA_CTL_READ     0x02
#define FW_CFG_DMA_CTL_SKIP     0x04
#define FW_CFG_DMA_CTL_SELECT   0x08
#define FW_CFG_DMA_CTL_WRITE    0x10

/* What a read of the DMA address register returns: "QEMU CFG". */
#define FW_CFG_DMA_SIGNATURE    0x51454d5520434647ULL

/* File names are at most 55 characters plus the NUL (56-byte field). */
#define FW_CFG_MAX_FILE_PATH    56

/* The MMIO variant's register layout (arm virt: 0x18 bytes at 0x09020000). */
#define FW_CFG_MMIO_DATA        0x00    /* 1..8 bytes, stream order */
#define FW_CFG_MMIO_SELECTOR    0x08    /* 16-bit big-endian */
#define FW_CFG_MMIO_DMA         0x10    /* 64-bit big-endian; low half starts it */
#define FW_CFG_MMIO_SIZE        0x18

typedef struct FWCfgState FWCfgState;

/* Called after the guest wrote [offset, offset + len) of a writable file. */
typedef void FWCfgWriteCallback(void *opaque, uint32_t offset, uint32_t len);

extern const DeviceClass fw_cfg_mmio_class;

/*
 * Creates, realizes and maps the MMIO fw_cfg at `base` of the system memory.
 * DMA goes to dma_as (NULL: address_space_memory). Destroy it by unmapping
 * its region and calling device_destroy(fw_cfg_device(fw)).
 */
FWCfgState *fw_cfg_new_mmio(hwaddr base, AddressSpace *dma_as, Error **errp);
DeviceState *fw_cfg_device(FWCfgState *fw);
/* The FWCfgState of a fw_cfg_mmio_class device. */
FWCfgState *fw_cfg_from_device(DeviceState *dev);

/*
 * Numbered items. Adding a key that exists is a board bug (assert); modify
 * replaces an item or adds it.
 */
void fw_cfg_add_bytes(FWCfgState *fw, uint16_t key, const void *data, size_t len);
void fw_cfg_add_string(FWCfgState *fw, uint16_t key, const char *value);
void fw_cfg_add_i16(FWCfgState *fw, uint16_t key, uint16_t value);
void fw_cfg_add_i32(FWCfgState *fw, uint16_t key, uint32_t value);
void fw_cfg_add_i64(FWCfgState *fw, uint16_t key, uint64_t value);
void fw_cfg_modify_bytes(FWCfgState *fw, uint16_t key, const void *data, size_t len);
void fw_cfg_modify_string(FWCfgState *fw, uint16_t key, const char *value);
void fw_cfg_modify_i16(FWCfgState *fw, uint16_t key, uint16_t value);
void fw_cfg_modify_i32(FWCfgState *fw, uint16_t key, uint32_t value);
void fw_cfg_modify_i64(FWCfgState *fw, uint16_t key, uint64_t value);

/*
 * Named files ("etc/boot-menu-wait", "opt/org.example/x"). An existing
 * name, an empty or too long name, or a full key space is an error.
 */
bool fw_cfg_add_file(FWCfgState *fw, const char *name, const void *data,
                     size_t len, Error **errp);
/*
 * A file the guest may overwrite through DMA WRITE (ramfb's config, say);
 * cb (may be NULL) hears each write. The guest writes into fw_cfg's copy:
 * fw_cfg_get_file() shows the current contents.
 */
bool fw_cfg_add_file_writable(FWCfgState *fw, const char *name,
                              const void *data, size_t len,
                              FWCfgWriteCallback *cb, void *opaque,
                              Error **errp);
/* Replaces a file's contents, or adds the file if there is none by that name. */
bool fw_cfg_modify_file(FWCfgState *fw, const char *name, const void *data,
                        size_t len, Error **errp);
/* A file's contents (owned by fw_cfg) and its size, or NULL. */
const void *fw_cfg_get_file(FWCfgState *fw, const char *name, size_t *len);
/* The select key of a file, or FW_CFG_INVALID. */
uint16_t fw_cfg_file_key(FWCfgState *fw, const char *name);

#endif
