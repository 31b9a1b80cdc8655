/*
 * Loading ELF images into guest memory (-kernel for bare-metal programs,
 * firmware ELF files): every PT_LOAD segment goes to its physical address
 * (p_paddr), the rest of its memory size is zeroed, and the entry point is
 * returned. Written into RAM or ROM alike (address_space_write_rom), so it
 * also fills flash.
 *
 * Every field of the file is checked before use: a truncated or malformed
 * file is an error message, never a crash (ELF-64 specification, "ELF
 * Header" and "Program Header").
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/core/loader.h"
#include "util/bswap.h"

#define EI_CLASS 4
#define EI_DATA 5
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ELFDATA2MSB 2
#define PT_LOAD 1
#define EHDR64_SIZE 64
#define PHDR64_SIZE 56

bool elf_is_elf(const uint8_t *data, size_t len)
{
    return len >= 4 && memcmp(data, "\177ELF", 4) == 0;
}

static uint64_t rd(const uint8_t *p, unsigned size, bool be)
{
    return ldn_p(p, size, be);
}

bool elf_load(const char *path, AddressSpace *as, uint16_t machine, ElfInfo *info,
              Error **errp)
{
    GError *gerr = NULL;
    gchar *raw;
    gsize len;
    const uint8_t *data;
    bool be, ok = false;
    uint64_t phoff;
    unsigned phentsize, phnum;

    if (!g_file_get_contents(path, &raw, &len, &gerr)) {
        error_setg(errp, "cannot read '%s': %s", path, gerr->message);
        g_error_free(gerr);
        return false;
    }
    data = (const uint8_t *)raw;
    memset(info, 0, sizeof(*info));
    info->low = UINT64_MAX;
    if (!elf_is_elf(data, len) || len < EHDR64_SIZE) {
        error_setg(errp, "'%s' is not an ELF file", path);
        goto out;
    }
    if (data[EI_CLASS] != ELFCLASS64) {
        error_setg(errp, "'%s' is not a 64-bit ELF file", path);
        goto out;
    }
    if (data[EI_DATA] != ELFDATA2LSB && data[EI_DATA] != ELFDATA2MSB) {
        error_setg(errp, "'%s': unknown ELF byte order", path);
        goto out;
    }
    be = data[EI_DATA] == ELFDATA2MSB;
    if (rd(data + 18, 2, be) != machine) {
        error_setg(errp, "'%s' is an ELF file for another architecture (e_machine %u)", path,
                   (unsigned)rd(data + 18, 2, be));
        goto out;
    }
    info->entry = rd(data + 24, 8, be);
    phoff = rd(data + 32, 8, be);
    phentsize = rd(data + 54, 2, be);
    phnum = rd(data + 56, 2, be);
    if (phentsize < PHDR64_SIZE || phoff > len || (uint64_t)phnum * phentsize > len - phoff) {
        error_setg(errp, "'%s': program headers lie outside the file", path);
        goto out;
    }
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = data + phoff + (uint64_t)i * phentsize;
        uint64_t offset, paddr, filesz, memsz;

        if (rd(ph, 4, be) != PT_LOAD) {
            continue;
        }
        offset = rd(ph + 8, 8, be);
        paddr = rd(ph + 24, 8, be);
        filesz = rd(ph + 32, 8, be);
        memsz = rd(ph + 40, 8, be);
        if (filesz > memsz || offset > len || filesz > len - offset ||
            paddr + memsz < paddr) {
            error_setg(errp, "'%s': segment %u is malformed", path, i);
            goto out;
        }
        if (!memsz) {
            continue;
        }
        if (!address_space_access_valid(as, paddr, memsz, false, MEMTXATTRS_UNSPECIFIED)) {
            error_setg(errp, "'%s': segment %u at 0x%" PRIx64 "..0x%" PRIx64
                       " is not in guest memory", path, i, paddr, paddr + memsz - 1);
            goto out;
        }
        address_space_write_rom(as, paddr, MEMTXATTRS_UNSPECIFIED, data + offset, filesz);
        if (memsz > filesz) {
            uint8_t *zeros = g_malloc0(memsz - filesz);

            address_space_write_rom(as, paddr + filesz, MEMTXATTRS_UNSPECIFIED, zeros,
                                    memsz - filesz);
            g_free(zeros);
        }
        info->low = MIN(info->low, paddr);
        info->high = MAX(info->high, paddr + memsz);
        info->nb_segments++;
    }
    if (!info->nb_segments) {
        error_setg(errp, "'%s' has nothing to load", path);
        goto out;
    }
    ok = true;
out:
    g_free(raw);
    return ok;
}
