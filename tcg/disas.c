/*
 * Host code disassembly with capstone (see disas.h). Bytes capstone
 * cannot decode are printed as .byte so the listing never stops early.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/disas.h"

#include <capstone/capstone.h>

void tcg_disas_host(FILE *out, const void *code, size_t size)
{
    const uint8_t *p = code;
    uint64_t addr = (uintptr_t)code;
    csh handle;
    cs_insn *insn;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
        fprintf(out, "  (capstone unavailable: %zu bytes at %p)\n", size, code);
        return;
    }
    insn = cs_malloc(handle);
    while (size) {
        if (cs_disasm_iter(handle, &p, &size, &addr, insn)) {
            fprintf(out, "0x%016" PRIx64 ":  %-8s %s\n", insn->address,
                    insn->mnemonic, insn->op_str);
        } else {
            fprintf(out, "0x%016" PRIx64 ":  .byte    0x%02x\n", addr, *p);
            p++;
            addr++;
            size--;
        }
    }
    cs_free(insn, 1);
    cs_close(&handle);
}
