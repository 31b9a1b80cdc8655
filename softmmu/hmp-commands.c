/*
 * The human monitor's commands: one table, one small function each.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/monitor.h"
#include "softmmu/machine.h"
#include "softmmu/memory.h"
#include "softmmu/runstate.h"
#include "util/bswap.h"
#include "util/cutils.h"
#include "util/log.h"

static void hmp_help(Monitor *mon, const char *args);
static void hmp_info(Monitor *mon, const char *args);

static void hmp_info_status(Monitor *mon, const char *args)
{
    RunState state = runstate_get();

    if (state == RUN_STATE_RUNNING) {
        monitor_printf(mon, "VM status: running\n");
    } else if (state == RUN_STATE_PAUSED) {
        monitor_printf(mon, "VM status: paused\n");
    } else {
        monitor_printf(mon, "VM status: paused (%s)\n", runstate_name(state));
    }
}

static void hmp_info_version(Monitor *mon, const char *args)
{
    monitor_printf(mon, "%s\n", KOINE_VERSION);
}

static void hmp_info_name(Monitor *mon, const char *args)
{
    const char *name = current_machine ? current_machine->name : NULL;

    if (name) {
        monitor_printf(mon, "%s\n", name);
    }
}

static void hmp_info_machine(Monitor *mon, const char *args)
{
    if (!current_machine) {
        return;
    }
    monitor_printf(mon, "machine: %s (%s)\n", current_machine->mc->name,
                   current_machine->mc->desc);
    monitor_printf(mon, "ram: %" PRIu64 " bytes\n", current_machine->ram_size);
}

static void hmp_info_mtree(Monitor *mon, const char *args)
{
    GString *out = g_string_new(NULL);

    mtree_print(out, NULL, strcmp(args, "-f") == 0);
    monitor_printf(mon, "%s", out->str);
    g_string_free(out, true);
}

static const HmpCommand info_commands[] = {
    { "status", "", "show the VM's run state", hmp_info_status },
    { "version", "", "show the Koine version", hmp_info_version },
    { "name", "", "show the guest's name (-name)", hmp_info_name },
    { "machine", "", "show the board and its RAM", hmp_info_machine },
    { "mtree", "[-f]", "show the memory map (-f: the flattened view)", hmp_info_mtree },
};

static void hmp_stop(Monitor *mon, const char *args)
{
    vm_stop(RUN_STATE_PAUSED);
}

static void hmp_cont(Monitor *mon, const char *args)
{
    vm_start();
}

static void hmp_system_reset(Monitor *mon, const char *args)
{
    system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
}

static void hmp_system_powerdown(Monitor *mon, const char *args)
{
    system_powerdown_request();
}

static void hmp_quit(Monitor *mon, const char *args)
{
    system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static void hmp_log(Monitor *mon, const char *args)
{
    Error *err = NULL;

    if (!*args) {
        monitor_printf(mon, "usage: log ITEM[,ITEM...] | none\n");
        return;
    }
    log_disable_all();
    if (strcmp(args, "none") != 0 && !log_enable_items(args, &err)) {
        monitor_printf(mon, "%s\n", error_get_pretty(err));
        error_free(err);
    }
}

/* "/4xw": count, format (x hex, d signed, u unsigned), unit size (b h w g). */
typedef struct DumpFormat {
    unsigned count;
    char format;
    unsigned size;
} DumpFormat;

static bool parse_dump_format(const char *text, DumpFormat *fmt)
{
    const char *p = text + 1;

    *fmt = (DumpFormat){ .count = 1, .format = 'x', .size = 4 };
    if (g_ascii_isdigit(*p)) {
        fmt->count = strtoul(p, (char **)&p, 10);
    }
    for (; *p; p++) {
        switch (*p) {
        case 'x': case 'd': case 'u':
            fmt->format = *p;
            break;
        case 'b': fmt->size = 1; break;
        case 'h': fmt->size = 2; break;
        case 'w': fmt->size = 4; break;
        case 'g': fmt->size = 8; break;
        default:
            return false;
        }
    }
    return fmt->count > 0 && fmt->count <= 4096;
}

/* xp /FMT ADDR: guest physical memory, in the guest's little-endian view. */
static void hmp_xp(Monitor *mon, const char *args)
{
    g_auto(GStrv) words = g_strsplit_set(args, " \t", -1);
    DumpFormat fmt = { .count = 1, .format = 'x', .size = 4 };
    const char *addr_text = NULL;
    uint64_t addr;
    unsigned per_line;

    for (char **w = words; *w; w++) {
        if (**w == '/') {
            if (!parse_dump_format(*w, &fmt)) {
                monitor_printf(mon, "invalid format '%s'\n", *w);
                return;
            }
        } else if (**w) {
            addr_text = *w;
        }
    }
    if (!addr_text || !parse_uint64(addr_text, &addr, NULL)) {
        monitor_printf(mon, "usage: xp /FMT ADDR (FMT: [count][x|d|u][b|h|w|g])\n");
        return;
    }
    per_line = 16 / fmt.size;
    for (unsigned i = 0; i < fmt.count; i++) {
        uint8_t buf[8];
        uint64_t value;
        MemTxResult res;

        if (i % per_line == 0) {
            monitor_printf(mon, "%s%016" PRIx64 ":", i ? "\n" : "", addr);
        }
        res = address_space_read(get_address_space_memory(), addr,
                                 MEMTXATTRS_UNSPECIFIED, buf, fmt.size);
        if (res != MEMTX_OK) {
            monitor_printf(mon, " Cannot access memory\n");
            return;
        }
        value = ldn_p(buf, fmt.size, false);
        switch (fmt.format) {
        case 'x':
            monitor_printf(mon, " 0x%0*" PRIx64, fmt.size * 2, value);
            break;
        case 'u':
            monitor_printf(mon, " %" PRIu64, value);
            break;
        case 'd': {
            unsigned shift = 64 - fmt.size * 8;
            monitor_printf(mon, " %" PRId64, (int64_t)(value << shift) >> shift);
            break;
        }
        }
        addr += fmt.size;
    }
    monitor_printf(mon, "\n");
}

static const HmpCommand commands[] = {
    { "help", "[COMMAND]", "list commands, or explain one", hmp_help },
    { "info", "SUBCOMMAND", "show machine state ('info' alone lists what)", hmp_info },
    { "stop", "", "stop the guest", hmp_stop },
    { "cont", "", "resume the guest", hmp_cont },
    { "c", "", "same as cont", hmp_cont },
    { "system_reset", "", "reset the machine", hmp_system_reset },
    { "system_powerdown", "", "press the power button", hmp_system_powerdown },
    { "xp", "/FMT ADDR", "dump guest physical memory (FMT: [count][x|d|u][b|h|w|g])", hmp_xp },
    { "log", "ITEM[,ITEM...]|none", "set the debug log items (as -d)", hmp_log },
    { "quit", "", "quit Koine", hmp_quit },
    { "q", "", "same as quit", hmp_quit },
};

static const HmpCommand *find_command(const HmpCommand *table, size_t n,
                                      const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(table[i].name, name) == 0) {
            return &table[i];
        }
    }
    return NULL;
}

static void print_table(Monitor *mon, const char *prefix,
                        const HmpCommand *table, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *lhs = g_strdup_printf("%s%s %s", prefix, table[i].name, table[i].args);

        monitor_printf(mon, "%-28s -- %s\n", lhs, table[i].help);
        g_free(lhs);
    }
}

/* Splits "name rest of line" into name and args (args never NULL). */
static char *split_command(const char *line, const char **args)
{
    const char *end = line + strcspn(line, " \t");
    const char *rest = end + strspn(end, " \t");

    *args = rest;
    return g_strndup(line, end - line);
}

static void hmp_help(Monitor *mon, const char *args)
{
    const HmpCommand *cmd;

    if (*args && (cmd = find_command(commands, ARRAY_SIZE(commands), args))) {
        print_table(mon, "", cmd, 1);
        return;
    }
    print_table(mon, "", commands, ARRAY_SIZE(commands));
}

static void hmp_info(Monitor *mon, const char *args)
{
    const char *sub_args;
    char *name = split_command(args, &sub_args);
    const HmpCommand *cmd = find_command(info_commands, ARRAY_SIZE(info_commands), name);

    if (cmd) {
        cmd->handler(mon, sub_args);
    } else {
        if (*name) {
            monitor_printf(mon, "unknown info command '%s'\n", name);
        }
        print_table(mon, "info ", info_commands, ARRAY_SIZE(info_commands));
    }
    g_free(name);
}

void hmp_dispatch(Monitor *mon, const char *line)
{
    const char *args;
    char *name = split_command(line, &args);
    const HmpCommand *cmd = find_command(commands, ARRAY_SIZE(commands), name);

    if (cmd) {
        cmd->handler(mon, args);
    } else {
        monitor_printf(mon, "unknown command: '%s' (try 'help')\n", name);
    }
    g_free(name);
}
