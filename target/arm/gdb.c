/*
 * The AArch64 registers as gdb sees them: the org.gnu.gdb.aarch64.core
 * feature (x0-x30, sp, pc, cpsr), in that order, little endian.
 *
 * gdb numbers registers by their position in target.xml, so the XML below
 * and the switch in read/write must agree: 0-30 are X0-X30, 31 SP (the
 * current EL's, which the translator keeps in xregs[31]), 32 PC, 33 CPSR
 * (32 bits: PSTATE as SPSR_ELx holds it).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bswap.h"
#include "softmmu/gdbstub.h"
#include "target/arm/cpu.h"

#define AARCH64_GDB_NUM_REGS 34

static const char aarch64_gdb_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target>\n"
    "<architecture>aarch64</architecture>\n"
    "<feature name=\"org.gnu.gdb.aarch64.core\">\n"
    "<reg name=\"x0\" bitsize=\"64\"/>\n"
    "<reg name=\"x1\" bitsize=\"64\"/>\n"
    "<reg name=\"x2\" bitsize=\"64\"/>\n"
    "<reg name=\"x3\" bitsize=\"64\"/>\n"
    "<reg name=\"x4\" bitsize=\"64\"/>\n"
    "<reg name=\"x5\" bitsize=\"64\"/>\n"
    "<reg name=\"x6\" bitsize=\"64\"/>\n"
    "<reg name=\"x7\" bitsize=\"64\"/>\n"
    "<reg name=\"x8\" bitsize=\"64\"/>\n"
    "<reg name=\"x9\" bitsize=\"64\"/>\n"
    "<reg name=\"x10\" bitsize=\"64\"/>\n"
    "<reg name=\"x11\" bitsize=\"64\"/>\n"
    "<reg name=\"x12\" bitsize=\"64\"/>\n"
    "<reg name=\"x13\" bitsize=\"64\"/>\n"
    "<reg name=\"x14\" bitsize=\"64\"/>\n"
    "<reg name=\"x15\" bitsize=\"64\"/>\n"
    "<reg name=\"x16\" bitsize=\"64\"/>\n"
    "<reg name=\"x17\" bitsize=\"64\"/>\n"
    "<reg name=\"x18\" bitsize=\"64\"/>\n"
    "<reg name=\"x19\" bitsize=\"64\"/>\n"
    "<reg name=\"x20\" bitsize=\"64\"/>\n"
    "<reg name=\"x21\" bitsize=\"64\"/>\n"
    "<reg name=\"x22\" bitsize=\"64\"/>\n"
    "<reg name=\"x23\" bitsize=\"64\"/>\n"
    "<reg name=\"x24\" bitsize=\"64\"/>\n"
    "<reg name=\"x25\" bitsize=\"64\"/>\n"
    "<reg name=\"x26\" bitsize=\"64\"/>\n"
    "<reg name=\"x27\" bitsize=\"64\"/>\n"
    "<reg name=\"x28\" bitsize=\"64\"/>\n"
    "<reg name=\"x29\" bitsize=\"64\"/>\n"
    "<reg name=\"x30\" bitsize=\"64\"/>\n"
    "<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
    "<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\"/>\n"
    "<reg name=\"cpsr\" bitsize=\"32\"/>\n"
    "</feature>\n"
    "</target>\n";

static unsigned aarch64_gdb_read_register(CPUState *cpu, GByteArray *buf, unsigned n)
{
    CPUARMState *env = &arm_cpu(cpu)->env;
    uint8_t bytes[8];

    if (n <= 31) {
        st64_le_p(bytes, env->xregs[n]);
    } else if (n == 32) {
        st64_le_p(bytes, env->pc);
    } else if (n == 33) {
        st32_le_p(bytes, pstate_read(env));
        g_byte_array_append(buf, bytes, 4);
        return 4;
    } else {
        return 0;
    }
    g_byte_array_append(buf, bytes, 8);
    return 8;
}

static unsigned aarch64_gdb_write_register(CPUState *cpu, const uint8_t *buf, unsigned len,
                                           unsigned n)
{
    CPUARMState *env = &arm_cpu(cpu)->env;

    if (n <= 32) {
        if (len < 8) {
            return 0;
        }
        if (n == 32) {
            env->pc = ld64_le_p(buf);
        } else {
            env->xregs[n] = ld64_le_p(buf);
        }
        return 8;
    }
    if (n == 33 && len >= 4) {
        pstate_write(env, ld32_le_p(buf));
        return 4;
    }
    return 0;
}

const GdbTarget aarch64_gdb_target = {
    .arch = "aarch64",
    .xml = aarch64_gdb_xml,
    .num_regs = AARCH64_GDB_NUM_REGS,
    .read_register = aarch64_gdb_read_register,
    .write_register = aarch64_gdb_write_register,
};
