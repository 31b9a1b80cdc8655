/*
 * The gdb remote stub: gdb (gdb-multiarch) debugs the guest over a chardev
 * with the GDB Remote Serial Protocol (docs/user/gdb.md).
 *
 * The stub runs in the I/O thread with the BQL held. The vCPU thread tells
 * it when a vCPU stopped for the debugger (gdb_cpu_debug_stop) and asks it
 * at each TB start whether the PC is a breakpoint (gdb_breakpoint_check).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_GDBSTUB_H
#define SOFTMMU_GDBSTUB_H

#include "util/osdep.h"
#include "util/error.h"
#include "accel/tcg/tcg-accel.h"
#include "hw/core/cpu.h"

/*
 * What a target tells the stub about its registers: the target
 * description XML (target.xml) and the registers in the order of that XML.
 */
typedef struct GdbTarget {
    const char *arch;               /* matches TargetOps.arch */
    const char *xml;                /* the whole target.xml */
    unsigned num_regs;
    /* Appends register n in target byte order; returns its size, 0 if none. */
    unsigned (*read_register)(CPUState *cpu, GByteArray *buf, unsigned n);
    /* Sets register n from buf (len bytes); returns its size, 0 if none/bad len. */
    unsigned (*write_register)(CPUState *cpu, const uint8_t *buf, unsigned len, unsigned n);
} GdbTarget;

/* The targets built in (target/arm/gdb.c ...). */
extern const GdbTarget aarch64_gdb_target;

/*
 * Starts the stub on spec (-gdb: tcp::PORT, unix:PATH, chardev:ID ...).
 * Socket specs without a server= option become servers that do not wait.
 */
bool gdbserver_start(const char *spec, Error **errp);
void gdbserver_cleanup(void);
/* A gdb server is listening (-gdb, -s or the monitor's gdbserver). */
bool gdbserver_running(void);

/* vCPU thread, outside generated code: true if cpu must stop at pc now. */
bool gdb_breakpoint_check(CPUState *cpu, uint64_t pc);
/* True while breakpoints exist: TBs are one instruction and checked at entry. */
bool gdb_has_breakpoints(void);
/* vCPU thread, BQL held: cpu_exec returned EXCP_DEBUG for cpu. */
void gdb_cpu_debug_stop(CPUState *cpu);


#endif
