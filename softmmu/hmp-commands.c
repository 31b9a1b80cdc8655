/*
 * The human monitor's commands: one table, one small function each.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/monitor.h"
#include "softmmu/machine.h"
#include "softmmu/memory.h"
#include "softmmu/runstate.h"
#include "softmmu/gdbstub.h"
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
    { "registers", "[-a]", "show the CPU's registers (-a: every CPU)", hmp_info_registers },
    { "cpus", "", "list the CPUs ('*': the one 'cpu' selected)", hmp_info_cpus },
    { "qtree", "", "show the device tree with properties and MMIO", hmp_info_qtree },
    { "jit", "", "show translation-block cache statistics", hmp_info_jit },
    { "tlb", "", "show the TLB (where the target supports it)", hmp_info_tlb },
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

static void hmp_gdbserver(Monitor *mon, const char *args)
{
    g_autofree char *spec = NULL;
    Error *err = NULL;

    if (strcmp(args, "none") == 0) {
        if (gdbserver_running()) {
            gdbserver_cleanup();
            monitor_printf(mon, "Disabled gdbserver\n");
        } else {
            monitor_printf(mon, "No gdbserver is running\n");
        }
        return;
    }
    if (gdbserver_running()) {
        monitor_printf(mon, "A gdbserver is already running ('gdbserver none' stops it)\n");
        return;
    }
    /* As QEMU: no argument is tcp::1234, a bare number a TCP port. */
    if (!*args) {
        spec = g_strdup("tcp::1234");
    } else if (strspn(args, "0123456789") == strlen(args)) {
        spec = g_strdup_printf("tcp::%s", args);
    } else {
        spec = g_strdup(args);
    }
    if (!gdbserver_start(spec, &err)) {
        monitor_printf(mon, "%s\n", error_get_pretty(err));
        error_free(err);
        return;
    }
    monitor_printf(mon, "Waiting for gdb connection on device '%s'\n", spec);
}

/* No board has a display yet: say so, as QEMU does when it has no console. */
static void hmp_screendump(Monitor *mon, const char *args)
{
    if (!*args) {
        monitor_printf(mon, "usage: screendump FILE\n");
        return;
    }
    monitor_printf(mon, "screendump: this machine has no display\n");
}

/* QEMU's key names (qcodes) that sendkey accepts. */
static const char *const key_names[] = {
    "shift", "shift_r", "alt", "alt_r", "ctrl", "ctrl_r", "menu", "esc", "1", "2", "3", "4",
    "5", "6", "7", "8", "9", "0", "minus", "equal", "backspace", "tab", "q", "w", "e", "r",
    "t", "y", "u", "i", "o", "p", "bracket_left", "bracket_right", "ret", "a", "s", "d", "f",
    "g", "h", "j", "k", "l", "semicolon", "apostrophe", "grave_accent", "backslash", "z", "x",
    "c", "v", "b", "n", "m", "comma", "dot", "slash", "asterisk", "spc", "caps_lock", "f1",
    "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12", "num_lock",
    "scroll_lock", "kp_divide", "kp_multiply", "kp_subtract", "kp_add", "kp_enter",
    "kp_decimal", "sysrq", "kp_0", "kp_1", "kp_2", "kp_3", "kp_4", "kp_5", "kp_6", "kp_7",
    "kp_8", "kp_9", "less", "home", "pgup", "pgdn", "end", "left", "up", "down", "right",
    "insert", "delete", "meta_l", "meta_r", "print", "pause", "power", NULL,
};

/*
 * sendkey: the keys are checked (an unknown name is an error, as on QEMU);
 * with no keyboard on the machine there is nobody to deliver them to, and
 * QEMU drops them silently too.
 */
static void hmp_sendkey(Monitor *mon, const char *args)
{
    g_auto(GStrv) words = g_strsplit_set(args, " \t", 2);
    g_auto(GStrv) keys = NULL;

    if (!words[0] || !*words[0]) {
        monitor_printf(mon, "usage: sendkey KEYS [HOLD_MS] (e.g. ctrl-alt-delete)\n");
        return;
    }
    keys = g_strsplit(words[0], "-", -1);
    for (char **k = keys; *k; k++) {
        bool hex = g_str_has_prefix(*k, "0x") && strlen(*k) > 2 &&
                   strspn(*k + 2, "0123456789abcdefABCDEF") == strlen(*k + 2);

        if (!hex && !g_strv_contains(key_names, *k)) {
            monitor_printf(mon, "invalid parameter: %s\n", *k);
            return;
        }
    }
}

static const HmpCommand commands[] = {
    { "help", "[COMMAND]", "list commands, or explain one", hmp_help },
    { "info", "SUBCOMMAND", "show machine state ('info' alone lists what)", hmp_info },
    { "stop", "", "stop the guest", hmp_stop },
    { "cont", "", "resume the guest", hmp_cont },
    { "c", "", "same as cont", hmp_cont },
    { "system_reset", "", "reset the machine", hmp_system_reset },
    { "system_powerdown", "", "press the power button", hmp_system_powerdown },
    { "cpu", "INDEX", "select the CPU that info registers and x use", hmp_cpu },
    { "x", "/FMT ADDR", "dump guest virtual memory (FMT: [count][x|d|u|o|c|i][b|h|w|g])", hmp_x },
    { "xp", "/FMT ADDR", "dump guest physical memory (same formats)", hmp_xp },
    { "gdbserver", "[tcp::PORT|unix:PATH|none]", "start (or stop) the gdb server", hmp_gdbserver },
    { "screendump", "FILE", "save the display as an image", hmp_screendump },
    { "sendkey", "KEYS [HOLD_MS]", "send keys, e.g. ctrl-alt-delete", hmp_sendkey },
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
