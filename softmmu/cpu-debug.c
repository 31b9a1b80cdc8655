/*
 * Debugger access to guest virtual memory (the monitor's x, gdb's m/M):
 * through the CPU's current translation regime, without filling its TLB
 * or raising faults, so it works on a running machine and leaves no trace
 * in the guest. Only RAM and ROM are accessed: reading a device register
 * could change the device, so MMIO is refused like unmapped memory.
 * Writes go through address_space_write_rom, which also reaches ROM (a
 * debugger patching firmware in flash) and invalidates translated code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/cpu.h"
#include "softmmu/memory.h"
#include "softmmu/tlb.h"

static bool read_ram(AddressSpace *as, hwaddr paddr, uint8_t *buf, hwaddr len)
{
    while (len) {
        hwaddr chunk = len;
        void *host = address_space_map(as, paddr, &chunk, false, MEMTXATTRS_UNSPECIFIED);

        if (!host) {
            return false;
        }
        memcpy(buf, host, chunk);
        address_space_unmap(as, host, chunk, false, chunk);
        paddr += chunk;
        buf += chunk;
        len -= chunk;
    }
    return true;
}

bool cpu_memory_rw_debug(CPUState *cpu, uint64_t vaddr, void *buf, size_t len, bool is_write)
{
    uint8_t *p = buf;

    if (!cpu->ops->get_phys_addr_debug) {
        return false;
    }
    while (len) {
        size_t chunk = MIN(len, KOINE_PAGE_SIZE - (vaddr & ~KOINE_PAGE_MASK));
        hwaddr paddr;

        if (!cpu->ops->get_phys_addr_debug(cpu, vaddr, &paddr)) {
            return false;
        }
        if (is_write) {
            if (address_space_write_rom(cpu->as, paddr, MEMTXATTRS_UNSPECIFIED, p, chunk) !=
                MEMTX_OK) {
                return false;
            }
        } else if (!read_ram(cpu->as, paddr, p, chunk)) {
            return false;
        }
        vaddr += chunk;
        p += chunk;
        len -= chunk;
    }
    return true;
}
