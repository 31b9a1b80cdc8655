/*
 * koine: main() and the start-up sequence.
 *
 * Start-up runs in named phases, in this order:
 *   1. registries: each subsystem registers what it owns (log items, the
 *      device reset root) so that help output and -d see all of it;
 *   2. command line: argv becomes a KoineConfig (softmmu/cmdline.c); help
 *      and version requests are answered and we exit;
 *   3. logs: -D and -d, first, so the rest of start-up can log;
 *   4. machine: board, accelerator, character devices, the monitor, the
 *      board's init, then -device devices;
 *   5. run: the main loop until a shutdown request, then clean up.
 * Any error in 2-4 is one line on stderr and exit status 1.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "chardev/char.h"
#include "hw/core/qdev.h"
#include "accel/tcg/tcg-accel.h"
#include "accel/tcg/icount.h"
#include "net/net.h"
#include "net/nic.h"
#include "softmmu/cmdline.h"
#include "softmmu/machine.h"
#include "softmmu/main-loop.h"
#include "softmmu/gdbstub.h"
#include "softmmu/monitor.h"
#include "softmmu/qmp.h"
#include "softmmu/runstate.h"

static void registries_init(void)
{
    log_init();
    tcg_accel_log_init();
    device_model_init();
}

static bool setup_logs(const KoineConfig *cfg, Error **errp)
{
    if (cfg->log_file && !log_set_file(cfg->log_file, errp)) {
        error_prepend(errp, "-D: ");
        return false;
    }
    if (cfg->log_items && !log_enable_items(cfg->log_items, errp)) {
        error_prepend(errp, "-d: ");
        return false;
    }
    return true;
}

/* Starts the translator for boards with CPUs (-accel tcg[,backend=native|tci]). */
static bool setup_accel(const KoineConfig *cfg, const MachineClass *mc, Error **errp)
{
    const char *accel = cfg->accel ? keyval_get(cfg->accel, "accel") : "tcg";
    const char *backend = cfg->accel ? keyval_get(cfg->accel, "backend") : NULL;

    if (strcmp(accel, "kvm") == 0) {
        error_setg(errp, "-accel kvm: not supported yet");
        return false;
    }
    if (cfg->accel) {
        keyval_mark_used(cfg->accel, "thread");
        keyval_mark_used(cfg->accel, "tb-size");
        if (!keyval_check_unused(cfg->accel, errp)) {
            error_prepend(errp, "-accel %s: ", accel);
            return false;
        }
    }
    if (!mc->cpu_types) {
        return true;        /* nothing to run */
    }
    if (!tcg_accel_init(backend, 0, errp)) {
        error_prepend(errp, "-accel tcg: ");
        return false;
    }
    if (cfg->perfmap && !tcg_accel_perfmap_open(errp)) {
        return false;
    }
    /* Before any translation: TBs carry the instruction-count check from the first one. */
    if (cfg->icount && !icount_configure(cfg->icount, errp)) {
        return false;
    }
    return true;
}

/* Checks everything the board class constrains: -M options, -cpu, -m, -smp, images. */
static bool check_machine_config(const MachineClass *mc, const KoineConfig *cfg,
                                 Error **errp)
{
    static const struct {
        const char *option;
        size_t offset;
        bool for_bios;
    } images[] = {
        { "-kernel", offsetof(KoineConfig, kernel), false },
        { "-initrd", offsetof(KoineConfig, initrd), false },
        { "-append", offsetof(KoineConfig, append), false },
        { "-dtb", offsetof(KoineConfig, dtb), false },
        { "-bios", offsetof(KoineConfig, bios), true },
    };

    if (!machine_check_options(mc, cfg->machine, errp)) {
        error_prepend(errp, "-M: ");
        return false;
    }
    if (cfg->cpu) {
        if (!mc->cpu_types) {
            error_setg(errp, "-cpu %s: machine '%s' has no CPU", cfg->cpu, mc->name);
            return false;
        }
        if (!machine_class_has_cpu(mc, cfg->cpu)) {
            error_setg(errp, "-cpu %s: unknown CPU model for machine '%s' "
                       "(-cpu help lists them)", cfg->cpu, mc->name);
            return false;
        }
    }
    if (cfg->smp_max_cpus > mc->max_cpus) {
        error_setg(errp, "-smp %u: machine '%s' supports at most %u CPU%s",
                   cfg->smp_max_cpus, mc->name, mc->max_cpus,
                   mc->max_cpus == 1 ? "" : "s");
        return false;
    }
    if (mc->max_ram_size && cfg->ram_size > mc->max_ram_size) {
        error_setg(errp, "-m: machine '%s' supports at most %" PRIu64 " MiB of RAM",
                   mc->name, mc->max_ram_size / MiB);
        return false;
    }
    for (size_t i = 0; i < ARRAY_SIZE(images); i++) {
        const char *value = *(const char *const *)((const char *)cfg + images[i].offset);
        bool supported = images[i].for_bios ? mc->can_load_bios : mc->can_boot_kernel;

        if (value && !supported) {
            error_setg(errp, "%s: machine '%s' cannot use it%s", images[i].option,
                       mc->name, mc->cpu_types ? "" : " (it has no CPU)");
            return false;
        }
    }
    return true;
}

static bool spec_is_stdio(const char *spec)
{
    return strcmp(spec, "stdio") == 0 || strcmp(spec, "mon:stdio") == 0;
}

/*
 * Opens the chardev for one -serial or -monitor spec ("none": NULL, no
 * error). stdio is one terminal, so every spec that names it shares the
 * first multiplexer made for it (*stdio_mux); Ctrl-A c switches between them.
 */
static Chardev *open_console(const char *option, const char *prefix, unsigned index,
                             const char *spec, Chardev **stdio_mux, Error **errp)
{
    Chardev *chr;
    char *label;

    if (strcmp(spec, "none") == 0) {
        return NULL;
    }
    if (spec_is_stdio(spec) && *stdio_mux) {
        return *stdio_mux;
    }
    label = g_strdup_printf("%s%u", prefix, index);
    chr = chardev_new_from_spec(label, spec, errp);
    g_free(label);
    if (!chr) {
        error_prepend(errp, "%s %s: ", option, spec);
        return NULL;
    }
    if (spec_is_stdio(spec)) {
        *stdio_mux = chr;
    }
    return chr;
}

/*
 * Serial ports and human monitors. Without -nodefaults, when nothing else
 * was asked for and there is no window, the terminal carries serial port 0
 * and the monitor, as with -nographic.
 */
static bool setup_consoles(const KoineConfig *cfg, Error **errp)
{
    GPtrArray *serial_chardevs = current_machine->serial_chardevs;
    GPtrArray *monitor_chardevs = g_ptr_array_new();
    bool want_default = !cfg->display || strcmp(cfg->display, "sdl") != 0 ||
                        cfg->nographic;
    Chardev *stdio_mux = NULL;
    Error *err = NULL;
    bool ok = false;

    for (guint i = 0; i < cfg->chardevs->len; i++) {
        KeyVal *opts = cfg->chardevs->pdata[i];

        if (!chardev_new_from_opts(opts, errp)) {
            error_prepend(errp, "-chardev %s: ", keyval_source(opts));
            goto out;
        }
    }
    for (guint i = 0; i < cfg->serials->len; i++) {
        const char *spec = cfg->serials->pdata[i];
        Chardev *chr = open_console("-serial", "serial", i, spec, &stdio_mux, &err);

        if (err) {
            error_propagate(errp, err);
            goto out;
        }
        if (chr) {
            g_ptr_array_add(serial_chardevs, chr);
            if (g_str_has_prefix(spec, "mon:")) {
                g_ptr_array_add(monitor_chardevs, chr);
            }
        }
    }
    if (cfg->serials->len == 0 && want_default) {
        Chardev *chr = open_console("-nographic", "serial", 0, "mon:stdio",
                                    &stdio_mux, errp);

        if (!chr) {
            goto out;
        }
        g_ptr_array_add(serial_chardevs, chr);
        if (cfg->monitors->len == 0) {
            g_ptr_array_add(monitor_chardevs, chr);
        }
    }
    for (guint i = 0; i < cfg->monitors->len; i++) {
        Chardev *chr = open_console("-monitor", "monitor", i, cfg->monitors->pdata[i],
                                    &stdio_mux, &err);

        if (err) {
            error_propagate(errp, err);
            goto out;
        }
        if (chr) {
            g_ptr_array_add(monitor_chardevs, chr);
        }
    }
    for (guint i = 0; i < monitor_chardevs->len; i++) {
        if (!monitor_new_hmp(monitor_chardevs->pdata[i], errp)) {
            error_prepend(errp, "-monitor: ");
            goto out;
        }
    }
    for (guint i = 0; i < cfg->qmps->len; i++) {
        const char *spec = cfg->qmps->pdata[i];
        Chardev *chr = open_console("-qmp", "qmp", i, spec, &stdio_mux, &err);

        if (err) {
            error_propagate(errp, err);
            goto out;
        }
        if (chr && !qmp_monitor_new(chr, errp)) {
            error_prepend(errp, "-qmp %s: ", spec);
            goto out;
        }
    }
    ok = true;
out:
    g_ptr_array_free(monitor_chardevs, true);
    return ok;
}

static bool reject_unsupported(const KoineConfig *cfg, Error **errp)
{
    if (cfg->display && strcmp(cfg->display, "sdl") == 0) {
        error_setg(errp, "-display sdl: not supported yet");
        return false;
    }
    return true;
}

static void warn_unused_backends(const KoineConfig *cfg, const MachineState *ms)
{
    const MachineClass *mc = ms->mc;

    for (guint i = 0; i < ms->drives->len; i++) {
        const MachineDrive *drive = &g_array_index(ms->drives, MachineDrive, i);

        if (!drive->taken) {
            warn_report("-drive %s: machine '%s' has no disk controller for it; unused",
                        keyval_source(drive->opts), mc->name);
        }
    }
    net_warn_unused_netdevs();
}

/* -netdev backends, before the board: its NICs connect to them. */
static bool setup_netdevs(const KoineConfig *cfg, Error **errp)
{
    for (guint i = 0; i < cfg->netdevs->len; i++) {
        NetOptions *opts = cfg->netdevs->pdata[i];

        if (!net_netdev_add(opts, errp)) {
            error_prepend(errp, "-netdev %s: ", opts->source);
            return false;
        }
    }
    return true;
}

static bool build_machine(KoineConfig *cfg, Error **errp)
{
    const char *type = cfg->machine ? keyval_get(cfg->machine, "type") : NULL;
    const MachineClass *mc;
    MachineState *ms;

    if (!type) {
        error_setg(errp, "no machine selected: use -M NAME (-M help lists them)");
        return false;
    }
    mc = machine_class_find(type);
    if (!mc) {
        error_setg(errp, "-M %s: unknown machine (-M help lists them)", type);
        return false;
    }
    if (!check_machine_config(mc, cfg, errp) || !reject_unsupported(cfg, errp) ||
        !setup_accel(cfg, mc, errp)) {
        return false;
    }

    ms = g_new0(MachineState, 1);
    ms->mc = mc;
    ms->options = cfg->machine;
    ms->cpu_type = cfg->cpu ? cfg->cpu : mc->default_cpu;
    ms->ram_size = cfg->ram_size_given ? cfg->ram_size : mc->default_ram_size;
    ms->ram_size_given = cfg->ram_size_given;
    ms->smp_cpus = cfg->smp_cpus;
    ms->smp_max_cpus = cfg->smp_max_cpus;
    ms->bios = cfg->bios;
    ms->kernel = cfg->kernel;
    ms->initrd = cfg->initrd;
    ms->append = cfg->append;
    ms->dtb = cfg->dtb;
    ms->name = cfg->name ? keyval_get(cfg->name, "guest") : NULL;
    ms->serial_chardevs = g_ptr_array_new();
    ms->drives = g_array_new(false, true, sizeof(MachineDrive));
    for (guint i = 0; i < cfg->drives->len; i++) {
        MachineDrive drive = { .opts = cfg->drives->pdata[i] };

        g_array_append_val(ms->drives, drive);
    }
    ms->semihosting = cfg->semihosting &&
                      (!cfg->semihosting_config ||
                       strcmp(keyval_get(cfg->semihosting_config, "enable") ?: "on", "off") != 0);
    current_machine = ms;

    runstate_set_no_reboot(cfg->no_reboot);
    runstate_set_no_shutdown(cfg->no_shutdown);

    if (!setup_consoles(cfg, errp) || !setup_netdevs(cfg, errp)) {
        return false;
    }
    if (!mc->init(ms, errp)) {
        error_prepend(errp, "-M %s: ", mc->name);
        return false;
    }
    for (guint i = 0; i < cfg->devices->len; i++) {
        KeyVal *opts = cfg->devices->pdata[i];

        if (!device_create_from_opts(opts, errp)) {
            error_prepend(errp, "-device %s: ", keyval_source(opts));
            return false;
        }
    }
    /* QEMU's rule: any -nic or -netdev, or -nodefaults, means no default NIC. */
    if (!net_nic_create_all(mc, cfg->nics, !cfg->no_defaults && !cfg->netdevs->len, errp)) {
        return false;
    }
    warn_unused_backends(cfg, ms);
    if (cfg->gdb && !gdbserver_start(cfg->gdb, errp)) {
        return false;
    }
    system_reset(SHUTDOWN_CAUSE_NONE);
    if (mc->cpu_types) {
        tcg_cpus_start();
    }
    return true;
}

/* Tears down in the reverse order of start-up; every exit path runs it. */
static void cleanup(KoineConfig *cfg)
{
    tcg_cpus_stop();
    gdbserver_cleanup();
    monitor_cleanup_all();
    qmp_cleanup_all();
    device_destroy_all();
    net_cleanup();          /* after the NICs that were connected to the backends */
    if (current_machine && current_machine->drives) {
        g_array_free(current_machine->drives, true);
    }
    machine_free(current_machine);
    icount_shutdown();
    tcg_accel_shutdown();
    chardev_cleanup_all();
    cmdline_config_free(cfg);
    log_close();
}

int main(int argc, char **argv)
{
    KoineConfig cfg;
    Error *err = NULL;
    ShutdownCause cause;

    registries_init();

    switch (cmdline_parse(&cfg, argc, argv, &err)) {
    case CMDLINE_EXIT_OK:
        cmdline_config_free(&cfg);
        return 0;
    case CMDLINE_ERROR:
        error_report_err(err);
        cmdline_config_free(&cfg);
        return 1;
    case CMDLINE_RUN:
        break;
    }

    main_loop_init();      /* returns holding the global lock */
    if (!setup_logs(&cfg, &err) || !build_machine(&cfg, &err)) {
        error_report_err(err);
        cleanup(&cfg);
        return 1;
    }
    monitor_start_all();
    qmp_start_all();
    if (!cfg.start_paused) {
        vm_start();
    }
    cause = main_loop_run();
    cleanup(&cfg);
    return cause == SHUTDOWN_CAUSE_HOST_ERROR ? 1 : runstate_exit_code();
}
