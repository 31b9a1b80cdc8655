/*
 * Loading images into guest memory: ELF files (loader-elf.c).
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

#endif
