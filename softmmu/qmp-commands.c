/*
 * QMP commands: one table, one small function each (see softmmu/qmp.h).
 *
 * Each entry declares its arguments, so qmp.c rejects missing, mistyped
 * and unknown ones before a handler runs: handlers read args knowing every
 * required member is there with the right JSON type. Names, argument names
 * and result shapes are QEMU's (its QAPI schema), so QEMU clients work.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "softmmu/qmp.h"
#include "softmmu/machine.h"
#include "softmmu/monitor.h"
#include "softmmu/runstate.h"
#include "accel/tcg/tcg-accel.h"
#include "hw/core/cpu.h"

/* A JSON string from any C string: JSON wants UTF-8, argv may not be. */
static json_t *json_string_any(const char *s)
{
    char *valid = g_utf8_make_valid(s, -1);
    json_t *str = json_string(valid);

    g_free(valid);
    return str;
}

static json_t *qmp_capabilities(QmpMonitor *mon, json_t *args, Error **errp)
{
    if (!qmp_session_negotiate(mon, json_object_get(args, "enable"), errp)) {
        return NULL;
    }
    return json_object();
}

json_t *qmp_version_info(void)
{
    unsigned major = 0, minor = 0, micro = 0;
    char *package = g_strdup_printf("Koine %s", KOINE_VERSION);
    json_t *info;

    sscanf(KOINE_VERSION, "%u.%u.%u", &major, &minor, &micro);
    info = json_pack("{s:{s:i,s:i,s:i},s:s}", "qemu", "micro", (int)micro,
                     "minor", (int)minor, "major", (int)major,
                     "package", package);
    g_free(package);
    return info;
}

static json_t *qmp_query_version(QmpMonitor *mon, json_t *args, Error **errp)
{
    return qmp_version_info();
}

static json_t *qmp_query_commands(QmpMonitor *mon, json_t *args, Error **errp)
{
    json_t *list = json_array();

    for (const QmpCommand *cmd = qmp_commands; cmd->name; cmd++) {
        json_array_append_new(list, json_pack("{s:s}", "name", cmd->name));
    }
    return list;
}

static json_t *qmp_query_status(QmpMonitor *mon, json_t *args, Error **errp)
{
    return json_pack("{s:s,s:b,s:b}", "status", runstate_name(runstate_get()),
                     "singlestep", false, "running", runstate_is_running());
}

static json_t *qmp_query_name(QmpMonitor *mon, json_t *args, Error **errp)
{
    json_t *info = json_object();
    const char *name = current_machine ? current_machine->name : NULL;

    if (name) {
        json_object_set_new(info, "name", json_string_any(name));
    }
    return info;
}

static json_t *qmp_query_machines(QmpMonitor *mon, json_t *args, Error **errp)
{
    json_t *list = json_array();

    for (const MachineClass *const *mc = machine_classes; *mc; mc++) {
        json_t *info = json_pack("{s:s,s:i}", "name", (*mc)->name,
                                 "cpu-max", (int)(*mc)->max_cpus);

        if ((*mc)->default_cpu) {
            json_object_set_new(info, "default-cpu-type",
                                json_string((*mc)->default_cpu));
        }
        json_object_set_new(info, "hotpluggable-cpus", json_false());
        json_object_set_new(info, "numa-mem-supported", json_false());
        json_object_set_new(info, "deprecated", json_false());
        json_object_set_new(info, "default-ram-id", json_string("ram"));
        json_object_set_new(info, "acpi", json_false());
        json_array_append_new(list, info);
    }
    return list;
}

/* QEMU's shape: one object per vCPU, each a core of socket 0 (-smp N gives N cores). */
static json_t *qmp_query_cpus_fast(QmpMonitor *mon, json_t *args, Error **errp)
{
    json_t *list = json_array();

    for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
        CPUState *cpu = tcg_accel_cpus()[i];
        char *path = g_strdup_printf("/machine/unattached/device[%u]", i);

        json_array_append_new(list, json_pack("{s:i,s:s,s:i,s:{s:i,s:i,s:i},s:s}",
                                              "cpu-index", (json_int_t)i, "qom-path", path,
                                              "thread-id", (json_int_t)tcg_cpus_thread_id(),
                                              "props", "core-id", (json_int_t)i,
                                              "socket-id", 0, "thread-id", 0,
                                              "target", cpu->ops->arch));
        g_free(path);
    }
    return list;
}

static json_t *qmp_query_kvm(QmpMonitor *mon, json_t *args, Error **errp)
{
    return json_pack("{s:b,s:b}", "enabled", false,
                     "present", access("/dev/kvm", F_OK) == 0);
}

static json_t *qmp_stop(QmpMonitor *mon, json_t *args, Error **errp)
{
    /* As QEMU: only a running machine stops; prelaunch stays prelaunch. */
    if (runstate_is_running()) {
        vm_stop(RUN_STATE_PAUSED);
    }
    return json_object();
}

static json_t *qmp_cont(QmpMonitor *mon, json_t *args, Error **errp)
{
    RunState state = runstate_get();

    if (state == RUN_STATE_SHUTDOWN || state == RUN_STATE_INTERNAL_ERROR) {
        error_setg(errp, "Resetting the Virtual Machine is required");
        return NULL;
    }
    vm_start();
    return json_object();
}

static json_t *qmp_system_reset(QmpMonitor *mon, json_t *args, Error **errp)
{
    system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    return json_object();
}

static json_t *qmp_system_powerdown(QmpMonitor *mon, json_t *args, Error **errp)
{
    system_powerdown_request();
    return json_object();
}

static json_t *qmp_quit(QmpMonitor *mon, json_t *args, Error **errp)
{
    /* The main loop acts on it after this reply: SHUTDOWN, then exit. */
    system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    return json_object();
}

static json_t *qmp_screendump(QmpMonitor *mon, json_t *args, Error **errp)
{
    error_setg(errp, "There is no display to take a screendump from");
    return NULL;
}

static json_t *qmp_human_monitor_command(QmpMonitor *mon, json_t *args,
                                         Error **errp)
{
    const char *line = json_string_value(json_object_get(args, "command-line"));
    json_t *cpu_index = json_object_get(args, "cpu-index");
    char *output;

    if (cpu_index && (json_integer_value(cpu_index) < 0 ||
                      json_integer_value(cpu_index) >= tcg_accel_nb_cpus())) {
        error_setg(errp, "CPU %" JSON_INTEGER_FORMAT " is not present",
                   json_integer_value(cpu_index));
        return NULL;
    }
    output = monitor_run_command(line, cpu_index ? json_integer_value(cpu_index) : 0);
    json_t *result = json_string_any(output);

    g_free(output);
    return result;
}

static const char *const qmp_capability_names[] = { "oob", NULL };
static const char *const image_formats[] = { "ppm", "png", NULL };

static const QmpArg qmp_capabilities_args[] = {
    { "enable", QMP_ARG_ENUM_LIST, .optional = true,
      .enum_values = qmp_capability_names },
    { NULL },
};

static const QmpArg query_machines_args[] = {
    { "compat-props", QMP_ARG_BOOL, .optional = true },
    { NULL },
};

static const QmpArg screendump_args[] = {
    { "filename", QMP_ARG_STRING },
    { "device", QMP_ARG_STRING, .optional = true },
    { "head", QMP_ARG_INT, .optional = true },
    { "format", QMP_ARG_ENUM, .optional = true, .enum_values = image_formats },
    { NULL },
};

static const QmpArg human_monitor_command_args[] = {
    { "command-line", QMP_ARG_STRING },
    { "cpu-index", QMP_ARG_INT, .optional = true },
    { NULL },
};

const QmpCommand qmp_commands[] = {
    { "qmp_capabilities", qmp_capabilities_args, qmp_capabilities },
    { "query-version", NULL, qmp_query_version },
    { "query-commands", NULL, qmp_query_commands },
    { "query-status", NULL, qmp_query_status },
    { "query-name", NULL, qmp_query_name },
    { "query-machines", query_machines_args, qmp_query_machines },
    { "query-cpus-fast", NULL, qmp_query_cpus_fast },
    { "query-kvm", NULL, qmp_query_kvm },
    { "stop", NULL, qmp_stop },
    { "cont", NULL, qmp_cont },
    { "system_reset", NULL, qmp_system_reset },
    { "system_powerdown", NULL, qmp_system_powerdown },
    { "quit", NULL, qmp_quit },
    { "screendump", screendump_args, qmp_screendump },
    { "human-monitor-command", human_monitor_command_args,
      qmp_human_monitor_command },
    { NULL },
};

const QmpCommand *qmp_command_find(const char *name)
{
    for (const QmpCommand *cmd = qmp_commands; cmd->name; cmd++) {
        if (strcmp(cmd->name, name) == 0) {
            return cmd;
        }
    }
    return NULL;
}
