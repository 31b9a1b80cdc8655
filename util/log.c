/*
 * Debug logs: see util/log.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/log.h"

LogItem log_guest_errors = {
    "guest_errors",
    "log when the guest does something invalid (bad MMIO access, bad DMA, ...)",
};
LogItem log_unimp = {
    "unimp",
    "log when the guest uses a device feature or register Koine does not implement",
};

static GPtrArray *items;            /* of LogItem *, in registration order */
static FILE *log_file;              /* NULL: stderr */
static GMutex log_lock;             /* vCPU threads and the I/O thread may log at once */

void log_register(LogItem *item)
{
    if (!items) {
        items = g_ptr_array_new();
    }
    for (guint i = 0; i < items->len; i++) {
        assert(strcmp(((LogItem *)items->pdata[i])->name, item->name) != 0);
    }
    g_ptr_array_add(items, item);
}

void log_init(void)
{
    if (!items) {
        log_register(&log_guest_errors);
        log_register(&log_unimp);
    }
}

static LogItem *find_item(const char *name)
{
    for (guint i = 0; items && i < items->len; i++) {
        LogItem *item = items->pdata[i];

        if (strcmp(item->name, name) == 0) {
            return item;
        }
    }
    return NULL;
}

bool log_enable_items(const char *list, Error **errp)
{
    g_auto(GStrv) names = g_strsplit(list, ",", -1);
    GPtrArray *chosen = g_ptr_array_new();

    /* Validate everything first, so a typo enables nothing. */
    for (char **name = names; *name; name++) {
        if (**name == '\0') {
            continue;
        }
        if (strcmp(*name, "all") == 0) {
            for (guint i = 0; items && i < items->len; i++) {
                g_ptr_array_add(chosen, items->pdata[i]);
            }
            continue;
        }
        LogItem *item = find_item(*name);
        if (!item) {
            error_setg(errp, "unknown log item '%s' (-d help lists them)", *name);
            g_ptr_array_free(chosen, true);
            return false;
        }
        g_ptr_array_add(chosen, item);
    }
    for (guint i = 0; i < chosen->len; i++) {
        ((LogItem *)chosen->pdata[i])->enabled = true;
    }
    g_ptr_array_free(chosen, true);
    return true;
}

void log_disable_all(void)
{
    for (guint i = 0; items && i < items->len; i++) {
        ((LogItem *)items->pdata[i])->enabled = false;
    }
}

void log_print_help(FILE *out)
{
    fprintf(out, "Log items (-d item,item,... or -d all):\n");
    for (guint i = 0; items && i < items->len; i++) {
        LogItem *item = items->pdata[i];

        fprintf(out, "  %-14s %s\n", item->name, item->help);
    }
}

bool log_set_file(const char *path, Error **errp)
{
    FILE *f = NULL;

    if (path) {
        f = fopen(path, "w");
        if (!f) {
            error_setg_errno(errp, errno, "cannot open log file '%s'", path);
            return false;
        }
        setvbuf(f, NULL, _IOLBF, 0);
    }
    g_mutex_lock(&log_lock);
    if (log_file) {
        fclose(log_file);
    }
    log_file = f;
    g_mutex_unlock(&log_lock);
    return true;
}

void log_close(void)
{
    g_mutex_lock(&log_lock);
    if (log_file) {
        fclose(log_file);
        log_file = NULL;
    }
    g_mutex_unlock(&log_lock);
}

FILE *log_stream(void)
{
    return log_file ? log_file : stderr;
}

void log_vprintf(const char *fmt, va_list ap)
{
    g_mutex_lock(&log_lock);
    vfprintf(log_stream(), fmt, ap);
    g_mutex_unlock(&log_lock);
}

void log_printf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_vprintf(fmt, ap);
    va_end(ap);
}
