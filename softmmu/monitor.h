/*
 * The human monitor (HMP): a command line on a character device.
 *
 * monitor.c holds the session (line editing, prompt, dispatch); the command
 * table and the commands themselves live in hmp-commands.c. The gdb stub's
 * `monitor` command and QMP's human-monitor-command (to come) run the same
 * table through monitor_run_command() into a string.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_MONITOR_H
#define SOFTMMU_MONITOR_H

#include "util/osdep.h"
#include "util/error.h"
#include "chardev/char.h"

typedef struct Monitor Monitor;

/* Creates a monitor on chr (which may be a mux it shares with a serial port). */
Monitor *monitor_new_hmp(Chardev *chr, Error **errp);
/*
 * Starts every monitor: banner, prompt, input. main() calls it once the
 * machine is built, so a start-up error is never preceded by a banner.
 */
void monitor_start_all(void);
void monitor_cleanup_all(void);

/* Output goes to the monitor's terminal, or into the capture string. */
void monitor_printf(Monitor *mon, const char *fmt, ...) KOINE_PRINTF(2, 3);

/* The CPU that info registers and x look at (the `cpu` command; 0 at first). */
unsigned monitor_get_cpu_index(Monitor *mon);
void monitor_set_cpu_index(Monitor *mon, unsigned index);

/* Runs one command line without a terminal (CPU cpu_index selected); returns what it printed. */
char *monitor_run_command(const char *line, unsigned cpu_index);

/* hmp-commands.c */
typedef struct HmpCommand {
    const char *name;           /* "info" subcommands live in their own table */
    const char *args;           /* for help: "[-a]", "FILE", "" */
    const char *help;
    void (*handler)(Monitor *mon, const char *args);
} HmpCommand;

/* Runs one command line (already stripped of the newline). */
void hmp_dispatch(Monitor *mon, const char *line);

/* hmp-inspect.c: the commands that look at CPUs, memory, devices and the JIT. */
void hmp_info_registers(Monitor *mon, const char *args);
void hmp_info_cpus(Monitor *mon, const char *args);
void hmp_info_qtree(Monitor *mon, const char *args);
void hmp_info_jit(Monitor *mon, const char *args);
void hmp_info_tlb(Monitor *mon, const char *args);
void hmp_cpu(Monitor *mon, const char *args);
void hmp_x(Monitor *mon, const char *args);
void hmp_xp(Monitor *mon, const char *args);

#endif
