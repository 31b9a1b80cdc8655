/*
 * Loading images into guest memory: ELF files (loader-elf.c), Linux
 * kernel Images and gzip (loader-image.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_CORE_LOADER_H
#define HW_CORE_LOADER_H

#include "util/osdep.h"
#include "util/error.h"
#include "softmmu/memory.h"

#define ELF_MACHINE_AARCH64 183

typedef struct ElfInfo {
    uint64_t entry;
    uint64_t low, high;         /* physical range the segments cover */
    unsigned nb_segments;
} ElfInfo;

bool elf_is_elf(const uint8_t *data, size_t len);
/* Loads the PT_LOAD segments of a 64-bit ELF file for machine at their physical addresses. */
bool elf_load(const char *path, AddressSpace *as, uint16_t machine, ElfInfo *info,
              Error **errp);

/* arm64 Image header fields (loader-image.c has the layout). */
#define ARM64_IMAGE_FLAG_BE         (1u << 0)
#define ARM64_IMAGE_FLAG_ANYWHERE   (1u << 3)   /* any 2 MiB aligned base in RAM */

typedef struct Arm64ImageInfo {
    uint64_t text_offset;       /* load at a 2 MiB aligned base + this */
    uint64_t image_size;        /* bytes the kernel needs from where it is loaded */
    uint64_t flags;             /* ARM64_IMAGE_FLAG_* */
} Arm64ImageInfo;

/* The file starts with an arm64 Image header (magic "ARM\x64" at 0x38). */
bool arm64_image_is_image(const uint8_t *data, size_t len);
/* Reads and checks the header of an (uncompressed) arm64 Image. */
bool arm64_image_parse(const uint8_t *data, size_t len, Arm64ImageInfo *info, Error **errp);

/* The data starts with a gzip member header (RFC 1952). */
bool gzip_is_gzip(const uint8_t *data, size_t len);
/* Inflates one gzip member; at most max_len bytes out. g_free the result. */
uint8_t *gzip_inflate(const uint8_t *data, size_t len, size_t max_len, size_t *out_len,
                      Error **errp);
/* A kernel file's contents, inflated when gzip-compressed (at most max_len then). */
uint8_t *linux_image_read(const char *path, size_t max_len, size_t *len, Error **errp);

#endif
