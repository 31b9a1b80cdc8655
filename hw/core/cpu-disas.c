/*
 * Guest code disassembly through capstone, for `-d in_asm` and the
 * monitor's `x /i`: the CPU's TargetOps name capstone's architecture and
 * mode; without them (or if capstone refuses) the words are shown raw.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/cpu.h"

#include <capstone/capstone.h>

size_t cpu_disas(GString *out, const CPUState *cpu, uint64_t addr, const uint8_t *code,
                 size_t size, size_t max_insns)
{
    csh handle;
    cs_insn *insn;
    size_t count, used = 0;

    if (!cpu->ops->capstone_arch ||
        cs_open(cpu->ops->capstone_arch, cpu->ops->capstone_mode, &handle) != CS_ERR_OK) {
        for (size_t i = 0; i + 4 <= size && i / 4 < max_insns; i += 4) {
            g_string_append_printf(out, "0x%016" PRIx64 ":  .word 0x%02x%02x%02x%02x\n",
                                   addr + i, code[i + 3], code[i + 2], code[i + 1], code[i]);
            used += 4;
        }
        return used;
    }
    count = cs_disasm(handle, code, size, addr, max_insns, &insn);
    for (size_t i = 0; i < count; i++) {
        g_string_append_printf(out, "0x%016" PRIx64 ":  %-8s %s\n", insn[i].address,
                               insn[i].mnemonic, insn[i].op_str);
        used += insn[i].size;
    }
    if (count) {
        cs_free(insn, count);
    }
    cs_close(&handle);
    return used;
}
