/*
 * Debug logs: -d item,item and -D file.
 *
 * Each subsystem owns the log items it prints and registers them from its
 * init function (see the start-up order in softmmu/main.c); `-d help` lists
 * whatever has been registered. A disabled item costs one predictable branch,
 * so log_mask() calls may sit on warm paths (not in generated code).
 *
 *     static LogItem log_mmu = { "mmu", "log MMU-related activity" };
 *     log_register(&log_mmu);                      // once, at start-up
 *     log_mask(log_mmu, "walk %" PRIx64 "\n", va);  // anywhere
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

#include "util/osdep.h"
#include "util/error.h"

typedef struct LogItem {
    const char *name;
    const char *help;
    bool enabled;
} LogItem;

/* Items every part of the tree uses, owned by the logging core itself. */
extern LogItem log_guest_errors;    /* guest did something invalid: odd MMIO, bad DMA */
extern LogItem log_unimp;           /* guest used a feature Koine does not implement */

/* Registers the core items; called first thing in main(). */
void log_init(void);
/* Registers an item (its storage must outlive the program: a static). */
void log_register(LogItem *item);

/* Enables the items in "a,b,c" (or "all"); unknown names are an error. */
bool log_enable_items(const char *list, Error **errp);
/* Turns every item off (monitor "log none"). */
void log_disable_all(void);
/* Prints the registered items, one per line, as `-d help` shows them. */
void log_print_help(FILE *out);
/* Sends log output to path (-D); NULL means stderr. */
bool log_set_file(const char *path, Error **errp);
void log_close(void);

void log_printf(const char *fmt, ...) KOINE_PRINTF(1, 2);
void log_vprintf(const char *fmt, va_list ap);
/* The log stream, for callers that print in pieces (disassembly). */
FILE *log_stream(void);

#define log_enabled(item) unlikely((item).enabled)

#define log_mask(item, ...) do {        \
        if (log_enabled(item)) {        \
            log_printf(__VA_ARGS__);    \
        }                               \
    } while (0)

#endif
