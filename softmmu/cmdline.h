/*
 * The koine command line, qemu-system compatible for what users type.
 *
 * cmdline_parse() only reads argv into a KoineConfig and checks what can be
 * checked without building anything (sizes, numbers, that files exist, option
 * syntax). Building the machine from the config is softmmu/main.c's job.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_CMDLINE_H
#define SOFTMMU_CMDLINE_H

#include "util/osdep.h"
#include "util/error.h"
#include "util/keyval.h"

typedef struct KoineConfig {
    KeyVal *machine;            /* -M/-machine, implied key "type"; options merge */
    const char *cpu;            /* -cpu */
    uint64_t ram_size;          /* -m, bytes */
    bool ram_size_given;
    unsigned smp_cpus;          /* -smp */
    unsigned smp_max_cpus;
    const char *bios;
    const char *kernel;
    const char *initrd;
    const char *append;
    const char *dtb;
    GPtrArray *drives;          /* of KeyVal *, -drive */
    GPtrArray *devices;         /* of KeyVal *, -device, implied key "driver" */
    GPtrArray *netdevs;         /* of NetOptions *, -netdev, implied key "type" */
    GPtrArray *nics;            /* of NetOptions *, -nic, implied key "type" */
    GPtrArray *chardevs;        /* of KeyVal *, -chardev, implied key "backend" */
    GPtrArray *serials;         /* of char *, -serial specs */
    GPtrArray *monitors;        /* of char *, -monitor specs */
    GPtrArray *qmps;            /* of char *, -qmp specs */
    bool nographic;
    char *display;              /* -display TYPE[,...] (NULL: default) */
    KeyVal *accel;              /* -accel, implied key "accel"; -enable-kvm */
    char *gdb;                  /* -gdb SPEC, or tcp::1234 from -s */
    bool start_paused;          /* -S */
    char *log_items;            /* -d, comma-joined when repeated */
    const char *log_file;       /* -D */
    KeyVal *icount;             /* -icount, implied key "shift" */
    KeyVal *name;               /* -name, implied key "guest" */
    bool no_reboot;
    bool no_shutdown;
    bool snapshot;
    bool semihosting;
    KeyVal *semihosting_config;
    bool perfmap;               /* -perfmap */
    GPtrArray *data_dirs;       /* of char *, -L */
    bool no_defaults;           /* -nodefaults: no default NIC */
} KoineConfig;

typedef enum CmdlineResult {
    CMDLINE_RUN,                /* build and run the machine */
    CMDLINE_EXIT_OK,            /* help or version was printed */
    CMDLINE_ERROR,              /* *errp says what, naming the option */
} CmdlineResult;

/*
 * Help requests that need the registries (-M help, -device help, -d help)
 * are answered here too. Errors read "-OPTION ARG: what is wrong".
 */
CmdlineResult cmdline_parse(KoineConfig *cfg, int argc, char **argv, Error **errp);
void cmdline_config_free(KoineConfig *cfg);
void cmdline_print_usage(FILE *out);

#endif
