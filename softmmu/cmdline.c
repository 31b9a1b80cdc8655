/*
 * The koine command line: see softmmu/cmdline.h.
 *
 * One table lists every option with its argument and help text and the
 * small function that handles it. Handlers report what is wrong with the
 * argument; the parser puts the option name in front, so every message reads
 * "-OPTION: what is wrong".
 *
 * Help requests (-M help, -cpu help, -device help, -device NAME,help,
 * -d help, -chardev help, ...) are collected while parsing and answered at the
 * end, because "-cpu help" depends on a -M that may come after it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/cmdline.h"
#include "softmmu/machine.h"
#include "chardev/char.h"
#include "hw/core/qdev.h"
#include "hw/rtc/rtc-clock.h"
#include "net/net.h"
#include "net/nic.h"
#include "util/cutils.h"
#include "util/log.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

typedef enum HelpRequest {
    HELP_MACHINES = 1 << 0,
    HELP_MACHINE_OPTIONS = 1 << 1,
    HELP_CPUS = 1 << 2,
    HELP_DEVICES = 1 << 3,
    HELP_DEVICE_PROPS = 1 << 4,
    HELP_LOG = 1 << 5,
    HELP_CHARDEV = 1 << 6,
    HELP_ACCEL = 1 << 7,
    HELP_DISPLAY = 1 << 8,
    HELP_NETDEV = 1 << 9,
    HELP_USAGE = 1 << 10,
    HELP_VERSION = 1 << 11,
    HELP_NIC_MODELS = 1 << 12,
} HelpRequest;

typedef struct ParseState {
    KoineConfig *cfg;
    unsigned help;              /* HelpRequest bits */
    char *help_device;          /* for HELP_DEVICE_PROPS */
} ParseState;

typedef bool OptionHandler(ParseState *ps, const char *arg, Error **errp);

typedef struct OptionDesc {
    const char *name;           /* without the leading dash */
    const char *arg;            /* argument placeholder; NULL: takes none */
    const char *help;
    OptionHandler *handle;
} OptionDesc;

static bool check_readable_file(const char *path, Error **errp)
{
    GStatBuf st;

    if (g_stat(path, &st) < 0) {
        error_setg_errno(errp, errno, "cannot open '%s'", path);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        error_setg(errp, "'%s' is a directory", path);
        return false;
    }
    if (access(path, R_OK) < 0) {
        error_setg_errno(errp, errno, "cannot read '%s'", path);
        return false;
    }
    return true;
}

/* Parses an option string, returning NULL with the error set. */
static KeyVal *parse_opts(const char *arg, const char *implied, Error **errp)
{
    return keyval_parse(arg, implied, errp);
}

/* "help" as the implied value or as a bare flag. */
static bool wants_help(KeyVal *kv, const char *implied)
{
    const char *v = implied ? keyval_get(kv, implied) : NULL;

    return (v && (strcmp(v, "help") == 0 || strcmp(v, "?") == 0)) ||
           keyval_has(kv, "help");
}

static bool opt_machine(ParseState *ps, const char *arg, Error **errp)
{
    KeyVal *kv = parse_opts(arg, "type", errp);

    if (!kv) {
        return false;
    }
    if (wants_help(kv, "type")) {
        const char *type = keyval_get(kv, "type");

        if (type && strcmp(type, "help") != 0 && strcmp(type, "?") != 0) {
            ps->help |= HELP_MACHINE_OPTIONS;
        } else {
            ps->help |= HELP_MACHINES;
        }
    }
    if (!ps->cfg->machine) {
        ps->cfg->machine = kv;
    } else {
        keyval_merge(ps->cfg->machine, kv);
        keyval_free(kv);
    }
    return true;
}

static bool opt_cpu(ParseState *ps, const char *arg, Error **errp)
{
    if (strcmp(arg, "help") == 0 || strcmp(arg, "?") == 0) {
        ps->help |= HELP_CPUS;
        return true;
    }
    ps->cfg->cpu = arg;
    return true;
}

static bool opt_m(ParseState *ps, const char *arg, Error **errp)
{
    KeyVal *kv = parse_opts(arg, "size", errp);
    const char *size;
    uint64_t bytes;

    if (!kv) {
        return false;
    }
    size = keyval_get(kv, "size");
    keyval_mark_used(kv, "slots");
    keyval_mark_used(kv, "maxmem");
    if (!keyval_check_unused(kv, errp)) {
        keyval_free(kv);
        return false;
    }
    if (!size) {
        error_setg(errp, "no size given");
        keyval_free(kv);
        return false;
    }
    /* A plain number is in MiB, as with qemu-system. */
    if (!parse_size(size, MiB, &bytes, errp)) {
        keyval_free(kv);
        return false;
    }
    keyval_free(kv);
    if (bytes == 0) {
        error_setg(errp, "RAM size must be larger than zero");
        return false;
    }
    if (bytes % (4 * KiB)) {
        error_setg(errp, "RAM size must be a multiple of 4 KiB");
        return false;
    }
    ps->cfg->ram_size = bytes;
    ps->cfg->ram_size_given = true;
    return true;
}

static bool smp_number(KeyVal *kv, const char *key, uint64_t *out, Error **errp)
{
    if (!keyval_get_u64(kv, key, 0, out, errp)) {
        return false;
    }
    if (*out > 4096) {
        error_setg(errp, "%s=%" PRIu64 " is too large", key, *out);
        return false;
    }
    return true;
}

static bool opt_smp(ParseState *ps, const char *arg, Error **errp)
{
    KeyVal *kv = parse_opts(arg, "cpus", errp);
    uint64_t cpus, maxcpus, sockets, dies, clusters, cores, threads;
    bool ok;

    if (!kv) {
        return false;
    }
    ok = smp_number(kv, "cpus", &cpus, errp) &&
         smp_number(kv, "maxcpus", &maxcpus, errp) &&
         smp_number(kv, "sockets", &sockets, errp) &&
         smp_number(kv, "dies", &dies, errp) &&
         smp_number(kv, "clusters", &clusters, errp) &&
         smp_number(kv, "cores", &cores, errp) &&
         smp_number(kv, "threads", &threads, errp) &&
         keyval_check_unused(kv, errp);
    keyval_free(kv);
    if (!ok) {
        return false;
    }
    if (!cpus) {
        /* Topology without a count: the product of what was given. */
        cpus = (sockets ? sockets : 1) * (dies ? dies : 1) *
               (clusters ? clusters : 1) * (cores ? cores : 1) *
               (threads ? threads : 1);
    }
    if (cpus == 0) {
        error_setg(errp, "the number of CPUs must be at least 1");
        return false;
    }
    if (maxcpus && maxcpus < cpus) {
        error_setg(errp, "maxcpus (%" PRIu64 ") must be at least cpus (%" PRIu64 ")",
                   maxcpus, cpus);
        return false;
    }
    ps->cfg->smp_cpus = cpus;
    ps->cfg->smp_max_cpus = maxcpus ? maxcpus : cpus;
    return true;
}

#define FILE_OPTION(field)                                                  \
static bool opt_##field(ParseState *ps, const char *arg, Error **errp)      \
{                                                                           \
    if (!check_readable_file(arg, errp)) {                                  \
        return false;                                                       \
    }                                                                       \
    ps->cfg->field = arg;                                                   \
    return true;                                                            \
}
FILE_OPTION(bios)
FILE_OPTION(kernel)
FILE_OPTION(initrd)
FILE_OPTION(dtb)
#undef FILE_OPTION

static bool opt_append(ParseState *ps, const char *arg, Error **errp)
{
    ps->cfg->append = arg;
    return true;
}

static bool opt_drive(ParseState *ps, const char *arg, Error **errp)
{
    static const char *const known[] = {
        "file", "format", "if", "index", "bus", "unit", "id", "media",
        "readonly", "snapshot", "cache", "aio", "discard", "werror", "rerror",
        "detect-zeroes", "copy-on-read", NULL,
    };
    KeyVal *kv = parse_opts(arg, NULL, errp);
    const char *value;
    bool flag;

    if (!kv) {
        return false;
    }
    for (const char *const *k = known; *k; k++) {
        keyval_mark_used(kv, *k);
    }
    if (!keyval_check_unused(kv, errp)) {
        goto fail;
    }
    value = keyval_get(kv, "if");
    if (value && !g_strv_contains((const char *const[]){ "none", "virtio", "pflash",
                                  "ide", "scsi", "sd", "mtd", "floppy", NULL }, value)) {
        error_setg(errp, "unknown interface if=%s", value);
        goto fail;
    }
    value = keyval_get(kv, "format");
    if (value && strcmp(value, "raw") != 0 && strcmp(value, "qcow2") != 0) {
        error_setg(errp, "format '%s' is not supported (raw, qcow2)", value);
        goto fail;
    }
    value = keyval_get(kv, "media");
    if (value && strcmp(value, "disk") != 0 && strcmp(value, "cdrom") != 0) {
        error_setg(errp, "unknown media '%s' (disk, cdrom)", value);
        goto fail;
    }
    if (!keyval_get_bool(kv, "readonly", false, &flag, errp) ||
        !keyval_get_bool(kv, "snapshot", false, &flag, errp)) {
        goto fail;
    }
    value = keyval_get(kv, "file");
    if (value && !check_readable_file(value, errp)) {
        goto fail;
    }
    g_ptr_array_add(ps->cfg->drives, kv);
    return true;

fail:
    keyval_free(kv);
    return false;
}

static bool opt_device(ParseState *ps, const char *arg, Error **errp)
{
    KeyVal *kv = parse_opts(arg, "driver", errp);
    const char *driver;

    if (!kv) {
        return false;
    }
    driver = keyval_get(kv, "driver");
    if (!driver) {
        error_setg(errp, "no device model name given");
        keyval_free(kv);
        return false;
    }
    if (wants_help(kv, "driver")) {
        if (strcmp(driver, "help") == 0 || strcmp(driver, "?") == 0) {
            ps->help |= HELP_DEVICES;
        } else {
            ps->help |= HELP_DEVICE_PROPS;
            g_free(ps->help_device);
            ps->help_device = g_strdup(driver);
        }
        keyval_free(kv);
        return true;
    }
    if (!device_class_find(driver)) {
        error_setg(errp, "'%s' is not a valid device model name (-device help lists them)",
                   driver);
        keyval_free(kv);
        return false;
    }
    g_ptr_array_add(ps->cfg->devices, kv);
    return true;
}

static bool is_help(const char *value)
{
    return value && (strcmp(value, "help") == 0 || strcmp(value, "?") == 0);
}

static bool opt_netdev(ParseState *ps, const char *arg, Error **errp)
{
    NetOptions *opts = net_options_parse(arg, "type", errp);
    const char *type;

    if (!opts) {
        return false;
    }
    type = keyval_get(opts->kv, "type");
    if (is_help(type)) {
        ps->help |= HELP_NETDEV;
        net_options_free(opts);
        return true;
    }
    if (!type) {
        error_setg(errp, "missing the backend type (user, tap)");
        net_options_free(opts);
        return false;
    }
    if (!net_netdev_type_check(type, errp)) {
        net_options_free(opts);
        return false;
    }
    if (!keyval_get(opts->kv, "id")) {
        error_setg(errp, "missing id=");
        net_options_free(opts);
        return false;
    }
    g_ptr_array_add(ps->cfg->netdevs, opts);
    return true;
}

/* -nic [TYPE][,model=M][,mac=MAC][,backend options]; built by net_nic_create_all(). */
static bool opt_nic(ParseState *ps, const char *arg, Error **errp)
{
    NetOptions *opts = net_options_parse(arg, "type", errp);
    const char *type;

    if (!opts) {
        return false;
    }
    type = keyval_get(opts->kv, "type");
    if (is_help(type) || is_help(keyval_get(opts->kv, "model"))) {
        ps->help |= is_help(type) ? HELP_NETDEV : HELP_NIC_MODELS;
        net_options_free(opts);
        return true;
    }
    if (type && strcmp(type, "none") != 0 && !net_netdev_type_check(type, errp)) {
        net_options_free(opts);
        return false;
    }
    g_ptr_array_add(ps->cfg->nics, opts);
    return true;
}

static bool opt_chardev(ParseState *ps, const char *arg, Error **errp)
{
    KeyVal *kv = parse_opts(arg, "backend", errp);
    const char *backend;

    if (!kv) {
        return false;
    }
    backend = keyval_get(kv, "backend");
    if (backend && (strcmp(backend, "help") == 0 || strcmp(backend, "?") == 0)) {
        ps->help |= HELP_CHARDEV;
        keyval_free(kv);
        return true;
    }
    if (!keyval_get(kv, "id")) {
        error_setg(errp, "missing id=");
        keyval_free(kv);
        return false;
    }
    g_ptr_array_add(ps->cfg->chardevs, kv);
    return true;
}

static bool opt_serial(ParseState *ps, const char *arg, Error **errp)
{
    g_ptr_array_add(ps->cfg->serials, g_strdup(arg));
    return true;
}

static bool opt_monitor(ParseState *ps, const char *arg, Error **errp)
{
    g_ptr_array_add(ps->cfg->monitors, g_strdup(arg));
    return true;
}

static bool opt_qmp(ParseState *ps, const char *arg, Error **errp)
{
    g_ptr_array_add(ps->cfg->qmps, g_strdup(arg));
    return true;
}

static bool opt_nographic(ParseState *ps, const char *arg, Error **errp)
{
    ps->cfg->nographic = true;
    return true;
}

static bool opt_display(ParseState *ps, const char *arg, Error **errp)
{
    KeyVal *kv = parse_opts(arg, "type", errp);
    const char *type;
    bool ok = false;

    if (!kv) {
        return false;
    }
    type = keyval_get(kv, "type");
    if (!type) {
        error_setg(errp, "no display type given");
    } else if (strcmp(type, "help") == 0 || strcmp(type, "?") == 0) {
        ps->help |= HELP_DISPLAY;
        ok = true;
    } else if (strcmp(type, "none") != 0 && strcmp(type, "sdl") != 0 &&
               strcmp(type, "default") != 0) {
        error_setg(errp, "unknown display type '%s' (-display help lists them)", type);
    } else if (strcmp(type, "sdl") == 0 && !CONFIG_SDL) {
        error_setg(errp, "SDL display support was not built in");
    } else {
        g_free(ps->cfg->display);
        ps->cfg->display = g_strdup(type);
        ok = true;
    }
    keyval_free(kv);
    return ok;
}

static bool opt_accel(ParseState *ps, const char *arg, Error **errp)
{
    KeyVal *kv = parse_opts(arg, "accel", errp);
    const char *accel;

    if (!kv) {
        return false;
    }
    accel = keyval_get(kv, "accel");
    if (accel && (strcmp(accel, "help") == 0 || strcmp(accel, "?") == 0)) {
        ps->help |= HELP_ACCEL;
        keyval_free(kv);
        return true;
    }
    if (!accel || (strcmp(accel, "tcg") != 0 && strcmp(accel, "kvm") != 0)) {
        error_setg(errp, "unknown accelerator '%s' (tcg, kvm)", accel ? accel : "");
        keyval_free(kv);
        return false;
    }
    keyval_free(ps->cfg->accel);
    ps->cfg->accel = kv;
    return true;
}

static bool opt_enable_kvm(ParseState *ps, const char *arg, Error **errp)
{
    return opt_accel(ps, "kvm", errp);
}

static bool opt_gdb(ParseState *ps, const char *arg, Error **errp)
{
    g_free(ps->cfg->gdb);
    ps->cfg->gdb = g_strdup(arg);
    return true;
}

static bool opt_s(ParseState *ps, const char *arg, Error **errp)
{
    return opt_gdb(ps, "tcp::1234", errp);
}

static bool opt_S(ParseState *ps, const char *arg, Error **errp)
{
    ps->cfg->start_paused = true;
    return true;
}

static bool opt_d(ParseState *ps, const char *arg, Error **errp)
{
    char *joined;

    if (strcmp(arg, "help") == 0 || strcmp(arg, "?") == 0) {
        ps->help |= HELP_LOG;
        return true;
    }
    joined = ps->cfg->log_items ? g_strconcat(ps->cfg->log_items, ",", arg, NULL)
                                : g_strdup(arg);
    g_free(ps->cfg->log_items);
    ps->cfg->log_items = joined;
    return true;
}

static bool opt_D(ParseState *ps, const char *arg, Error **errp)
{
    ps->cfg->log_file = arg;
    return true;
}

static bool opt_icount(ParseState *ps, const char *arg, Error **errp)
{
    KeyVal *kv = parse_opts(arg, "shift", errp);
    const char *shift;
    bool flag;

    if (!kv) {
        return false;
    }
    shift = keyval_get(kv, "shift");
    if (shift && strcmp(shift, "auto") != 0) {
        uint64_t n;

        if (!parse_uint64(shift, &n, NULL) || n > 10) {
            error_setg(errp, "shift=%s is not a number from 0 to 10 or auto", shift);
            keyval_free(kv);
            return false;
        }
    }
    if (!keyval_get_bool(kv, "align", false, &flag, errp) ||
        !keyval_get_bool(kv, "sleep", true, &flag, errp)) {
        keyval_free(kv);
        return false;
    }
    keyval_mark_used(kv, "rr");
    keyval_mark_used(kv, "rrfile");
    keyval_mark_used(kv, "rrsnapshot");
    if (!keyval_check_unused(kv, errp)) {
        keyval_free(kv);
        return false;
    }
    keyval_free(ps->cfg->icount);
    ps->cfg->icount = kv;
    return true;
}

/* Applied at once: RTC devices read it when the board creates them. */
static bool opt_rtc(ParseState *ps, const char *arg, Error **errp)
{
    return rtc_clock_configure(arg, errp);
}

static bool opt_name(ParseState *ps, const char *arg, Error **errp)
{
    KeyVal *kv = parse_opts(arg, "guest", errp);
    bool flag;

    if (!kv) {
        return false;
    }
    keyval_mark_used(kv, "guest");
    keyval_mark_used(kv, "process");
    if (!keyval_get_bool(kv, "debug-threads", false, &flag, errp) ||
        !keyval_check_unused(kv, errp)) {
        keyval_free(kv);
        return false;
    }
    keyval_free(ps->cfg->name);
    ps->cfg->name = kv;
    return true;
}

#define FLAG_OPTION(fn, field)                                              \
static bool fn(ParseState *ps, const char *arg, Error **errp)               \
{                                                                           \
    ps->cfg->field = true;                                                  \
    return true;                                                            \
}
FLAG_OPTION(opt_no_reboot, no_reboot)
FLAG_OPTION(opt_no_shutdown, no_shutdown)
FLAG_OPTION(opt_snapshot, snapshot)
FLAG_OPTION(opt_semihosting, semihosting)
FLAG_OPTION(opt_perfmap, perfmap)
#undef FLAG_OPTION

static bool opt_semihosting_config(ParseState *ps, const char *arg, Error **errp)
{
    KeyVal *kv = parse_opts(arg, "enable", errp);

    if (!kv) {
        return false;
    }
    keyval_free(ps->cfg->semihosting_config);
    ps->cfg->semihosting_config = kv;
    ps->cfg->semihosting = true;
    return true;
}

static bool opt_L(ParseState *ps, const char *arg, Error **errp)
{
    if (!g_file_test(arg, G_FILE_TEST_IS_DIR)) {
        error_setg(errp, "'%s' is not a directory", arg);
        return false;
    }
    g_ptr_array_add(ps->cfg->data_dirs, g_strdup(arg));
    return true;
}

static bool opt_nodefaults(ParseState *ps, const char *arg, Error **errp)
{
    /* The default NIC is the only default device so far. */
    ps->cfg->no_defaults = true;
    return true;
}

static bool opt_help(ParseState *ps, const char *arg, Error **errp)
{
    ps->help |= HELP_USAGE;
    return true;
}

static bool opt_version(ParseState *ps, const char *arg, Error **errp)
{
    ps->help |= HELP_VERSION;
    return true;
}

static const OptionDesc options[] = {
    { "h", NULL, "print this help and exit", opt_help },
    { "help", NULL, NULL, opt_help },
    { "version", NULL, "print the version and exit", opt_version },
    { "M", "NAME[,key=value...]", "select the machine (-M help lists them; -M NAME,help its options)", opt_machine },
    { "machine", "NAME[,key=value...]", NULL, opt_machine },
    { "cpu", "MODEL", "select the CPU model (-cpu help lists the machine's)", opt_cpu },
    { "m", "SIZE", "RAM size: 512M, 2G; a plain number is MiB", opt_m },
    { "smp", "N[,maxcpus=N,sockets=N,cores=N,threads=N]", "number of CPUs", opt_smp },
    { "bios", "FILE", "firmware image", opt_bios },
    { "kernel", "FILE", "kernel image to boot", opt_kernel },
    { "initrd", "FILE", "initial ramdisk", opt_initrd },
    { "append", "CMDLINE", "kernel command line", opt_append },
    { "dtb", "FILE", "device tree blob to pass instead of the generated one", opt_dtb },
    { "drive", "file=FILE[,format=raw|qcow2][,if=TYPE][,id=ID]...", "a disk image", opt_drive },
    { "device", "DRIVER[,prop=value...]", "add a device (-device help lists them; -device DRIVER,help its properties)", opt_device },
    { "netdev", "user|tap,id=ID[,...]", "a network backend", opt_netdev },
    { "nic", "[TYPE][,...]", "a network card with its backend (-nic none: no default card)", opt_nic },
    { "chardev", "BACKEND,id=ID[,...]", "a character device backend (-chardev help lists them)", opt_chardev },
    { "serial", "DEV", "connect the next serial port to DEV (stdio, null, file:F, pipe:P, tcp:..., unix:..., chardev:ID, mon:DEV, none)", opt_serial },
    { "monitor", "DEV", "the human monitor on DEV (same forms as -serial)", opt_monitor },
    { "qmp", "DEV", "the QMP monitor on DEV", opt_qmp },
    { "nographic", NULL, "no window: serial port and monitor share the terminal (Ctrl-A h for keys)", opt_nographic },
    { "display", "none|sdl", "the display backend", opt_display },
    { "accel", "tcg|kvm[,...]", "the accelerator (-accel help lists them)", opt_accel },
    { "enable-kvm", NULL, "same as -accel kvm", opt_enable_kvm },
    { "gdb", "DEV", "wait for a gdb connection on DEV (tcp::PORT, unix:PATH)", opt_gdb },
    { "s", NULL, "same as -gdb tcp::1234", opt_s },
    { "S", NULL, "do not start the CPUs (cont in the monitor or gdb starts them)", opt_S },
    { "d", "ITEM[,ITEM...]", "enable debug logs (-d help lists them)", opt_d },
    { "D", "FILE", "write debug logs to FILE instead of stderr", opt_D },
    { "icount", "[shift=]N|auto[,align=on|off][,sleep=on|off]", "virtual time from the instruction count", opt_icount },
    { "rtc", "[base=utc|localtime|DATE][,clock=host|rt|vm][,driftfix=none|slew]", "the guest's clock: start time, and what moves it", opt_rtc },
    { "name", "NAME[,process=NAME]", "name the guest (monitor, window title)", opt_name },
    { "no-reboot", NULL, "exit instead of rebooting when the guest resets", opt_no_reboot },
    { "no-shutdown", NULL, "stop instead of exiting when the guest powers off", opt_no_shutdown },
    { "snapshot", NULL, "write to temporary overlays, never to the disk images", opt_snapshot },
    { "semihosting", NULL, "enable semihosting calls from the guest", opt_semihosting },
    { "semihosting-config", "enable=on|off[,target=native]", "semihosting options", opt_semihosting_config },
    { "L", "DIR", "also look for firmware in DIR", opt_L },
    { "perfmap", NULL, "write /tmp/perf-PID.map so Linux perf names generated code by guest PC", opt_perfmap },
    { "nodefaults", NULL, "create no default devices", opt_nodefaults },
};

static const OptionDesc *find_option(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
        if (strcmp(options[i].name, name) == 0) {
            return &options[i];
        }
    }
    return NULL;
}

void cmdline_print_usage(FILE *out)
{
    fprintf(out, "usage: koine -M MACHINE [options]\n\n"
                 "Koine %s, a full-system emulator. Options:\n", KOINE_VERSION);
    for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
        const OptionDesc *opt = &options[i];
        char *lhs;

        if (!opt->help) {
            continue;   /* an alias of the option before it */
        }
        lhs = g_strdup_printf("-%s%s%s", opt->name, opt->arg ? " " : "",
                              opt->arg ? opt->arg : "");
        if (strlen(lhs) > 26) {
            fprintf(out, "  %s\n  %-26s %s\n", lhs, "", opt->help);
        } else {
            fprintf(out, "  %-26s %s\n", lhs, opt->help);
        }
        g_free(lhs);
    }
    fprintf(out, "\nDuring -nographic, Ctrl-A h lists the terminal keys.\n");
}

static void print_cpus(ParseState *ps)
{
    const char *type = ps->cfg->machine ? keyval_get(ps->cfg->machine, "type") : NULL;
    const MachineClass *mc = type ? machine_class_find(type) : NULL;

    if (mc) {
        machine_class_print_cpus(mc, stdout);
        return;
    }
    for (const MachineClass *const *m = machine_classes; *m; m++) {
        machine_class_print_cpus(*m, stdout);
    }
}

/* Answers the help requests; false with *errp set when one cannot be. */
static bool answer_help(ParseState *ps, Error **errp)
{
    unsigned help = ps->help;

    if (help & HELP_VERSION) {
        printf("Koine emulator version %s\n", KOINE_VERSION);
    }
    if (help & HELP_USAGE) {
        cmdline_print_usage(stdout);
    }
    if (help & HELP_MACHINES) {
        machine_class_print_list(stdout);
    }
    if (help & HELP_MACHINE_OPTIONS) {
        const char *type = keyval_get(ps->cfg->machine, "type");
        const MachineClass *mc = machine_class_find(type);

        if (!mc) {
            error_setg(errp, "-M: unknown machine '%s' (-M help lists them)", type);
            return false;
        }
        machine_class_print_options(mc, stdout);
    }
    if (help & HELP_CPUS) {
        print_cpus(ps);
    }
    if (help & HELP_DEVICES) {
        device_class_print_list(stdout);
    }
    if (help & HELP_DEVICE_PROPS) {
        const DeviceClass *dc = device_class_find(ps->help_device);

        if (!dc) {
            error_setg(errp, "-device: '%s' is not a valid device model name "
                       "(-device help lists them)", ps->help_device);
            return false;
        }
        device_class_print_props(dc, stdout);
    }
    if (help & HELP_LOG) {
        log_print_help(stdout);
    }
    if (help & HELP_CHARDEV) {
        chardev_print_help(stdout);
    }
    if (help & HELP_ACCEL) {
        printf("Accelerators:\n  tcg  the dynamic binary translator (default)\n"
               "  kvm  hardware virtualization (x86-64 guests on x86-64 hosts)\n");
    }
    if (help & HELP_DISPLAY) {
        printf("Display backends:\n  none  no display\n");
        if (CONFIG_SDL) {
            printf("  sdl   a window (SDL2)\n");
        }
    }
    if (help & HELP_NETDEV) {
        net_netdev_print_types(stdout);
    }
    if (help & HELP_NIC_MODELS) {
        net_nic_print_models(stdout);
    }
    return true;
}

static void config_init(KoineConfig *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->drives = g_ptr_array_new_with_free_func((GDestroyNotify)keyval_free);
    cfg->devices = g_ptr_array_new_with_free_func((GDestroyNotify)keyval_free);
    cfg->netdevs = g_ptr_array_new_with_free_func((GDestroyNotify)net_options_free);
    cfg->nics = g_ptr_array_new_with_free_func((GDestroyNotify)net_options_free);
    cfg->chardevs = g_ptr_array_new_with_free_func((GDestroyNotify)keyval_free);
    cfg->serials = g_ptr_array_new_with_free_func(g_free);
    cfg->monitors = g_ptr_array_new_with_free_func(g_free);
    cfg->qmps = g_ptr_array_new_with_free_func(g_free);
    cfg->data_dirs = g_ptr_array_new_with_free_func(g_free);
    cfg->smp_cpus = 1;
    cfg->smp_max_cpus = 1;
}

CmdlineResult cmdline_parse(KoineConfig *cfg, int argc, char **argv, Error **errp)
{
    ParseState ps = { .cfg = cfg };
    CmdlineResult result = CMDLINE_RUN;

    config_init(cfg);
    for (int i = 1; i < argc; i++) {
        const char *word = argv[i];
        const char *name = word;
        const OptionDesc *opt;
        const char *arg = NULL;
        Error *err = NULL;

        if (name[0] != '-' || name[1] == '\0') {
            error_setg(errp, "%s: unexpected argument (disk images need -drive file=%s)",
                       word, word);
            result = CMDLINE_ERROR;
            goto out;
        }
        /* qemu-system accepts both -opt and --opt. */
        name += name[1] == '-' ? 2 : 1;
        opt = find_option(name);
        if (!opt) {
            error_setg(errp, "%s: unknown option (koine -h lists them)", word);
            result = CMDLINE_ERROR;
            goto out;
        }
        if (opt->arg) {
            if (i + 1 >= argc) {
                error_setg(errp, "%s: requires an argument (%s)", word, opt->arg);
                result = CMDLINE_ERROR;
                goto out;
            }
            arg = argv[++i];
        }
        if (!opt->handle(&ps, arg, &err)) {
            error_propagate(errp, err);
            error_prepend(errp, "-%s: ", opt->name);
            result = CMDLINE_ERROR;
            goto out;
        }
    }
    if (ps.help) {
        result = answer_help(&ps, errp) ? CMDLINE_EXIT_OK : CMDLINE_ERROR;
    }
out:
    g_free(ps.help_device);
    return result;
}

void cmdline_config_free(KoineConfig *cfg)
{
    keyval_free(cfg->machine);
    keyval_free(cfg->accel);
    keyval_free(cfg->icount);
    keyval_free(cfg->name);
    keyval_free(cfg->semihosting_config);
    g_ptr_array_free(cfg->drives, true);
    g_ptr_array_free(cfg->devices, true);
    g_ptr_array_free(cfg->netdevs, true);
    g_ptr_array_free(cfg->nics, true);
    g_ptr_array_free(cfg->chardevs, true);
    g_ptr_array_free(cfg->serials, true);
    g_ptr_array_free(cfg->monitors, true);
    g_ptr_array_free(cfg->qmps, true);
    g_ptr_array_free(cfg->data_dirs, true);
    g_free(cfg->display);
    g_free(cfg->gdb);
    g_free(cfg->log_items);
    memset(cfg, 0, sizeof(*cfg));
}
