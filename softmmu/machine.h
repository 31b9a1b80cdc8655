/*
 * Boards: what `-M NAME` selects.
 *
 * A board is a MachineClass (a const description and an init function that
 * builds the memory map, CPUs and devices) and the MachineState that
 * describes one machine being built from the command line. All boards are
 * listed in one table, hw/board-list.c, so a reader can find every board
 * from main().
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_MACHINE_H
#define SOFTMMU_MACHINE_H

#include "util/osdep.h"
#include "util/error.h"
#include "util/keyval.h"

typedef struct MachineState MachineState;
typedef struct MemoryRegion MemoryRegion;
typedef struct Chardev Chardev;

/* A -M NAME,key=value option the board understands. */
typedef struct MachineOption {
    const char *name;
    const char *help;
} MachineOption;

typedef struct MachineClass {
    const char *name;
    const char *desc;
    const char *arch;               /* guest CPU architecture: "aarch64", "x86_64", "ppc" ... or "none" */
    const char *const *cpu_types;   /* NULL-terminated -cpu names; NULL: the board has no CPU */
    const char *default_cpu;
    uint64_t default_ram_size;
    uint64_t max_ram_size;          /* 0: no limit beyond the host's */
    unsigned max_cpus;
    const MachineOption *options;   /* NULL-name terminated; NULL for none */
    bool can_boot_kernel;           /* understands -kernel/-initrd/-append/-dtb */
    bool can_load_bios;             /* understands -bios */
    /* Builds the machine; every option has been validated against the class. */
    bool (*init)(MachineState *ms, Error **errp);
    /* Frees what init made beyond RAM and devices (CPUs ...); may see a half-built machine. */
    void (*free)(MachineState *ms);
} MachineClass;

/* One -drive option. A board that backs one of its devices with it sets taken. */
typedef struct MachineDrive {
    KeyVal *opts;                   /* owned by the command-line config */
    bool taken;                     /* used by the board: main does not warn */
} MachineDrive;

/* The machine as the command line asked for it. Boards read it in init(). */
struct MachineState {
    const MachineClass *mc;
    KeyVal *options;                /* -M NAME,options: boards read their keys */
    const char *cpu_type;           /* validated -cpu, or the board default */
    uint64_t ram_size;
    bool ram_size_given;            /* -m was on the command line */
    unsigned smp_cpus;
    unsigned smp_max_cpus;
    const char *bios;
    const char *kernel;
    const char *initrd;
    const char *append;
    const char *dtb;
    MemoryRegion *ram;              /* the board's main RAM, once created */
    const char *name;               /* -name guest=NAME, or NULL */
    GPtrArray *serial_chardevs;     /* of Chardev *: -serial in order (NULL: none) */
    bool semihosting;               /* -semihosting */
    GArray *drives;                 /* of MachineDrive: -drive in order (main frees it) */
    void *board;                    /* the board's own state */
};

/* The machine being run (NULL before it is built). */
extern MachineState *current_machine;

const MachineClass *machine_class_find(const char *name);
void machine_class_print_list(FILE *out);
/* -cpu help for one board. */
void machine_class_print_cpus(const MachineClass *mc, FILE *out);
bool machine_class_has_cpu(const MachineClass *mc, const char *cpu);
/* -M NAME,help: the board's options. */
void machine_class_print_options(const MachineClass *mc, FILE *out);
/* Fails on the first -M key the board does not declare. */
bool machine_check_options(const MachineClass *mc, KeyVal *opts, Error **errp);

/* The chardev for the board's serial port `index` (NULL: not connected). */
Chardev *machine_serial_chardev(MachineState *ms, unsigned index);

/* Frees what machine creation allocated (RAM, the serial list); devices go first. */
void machine_free(MachineState *ms);

/* Allocates the board's main RAM (size ms->ram_size) and maps it at base. */
bool machine_create_ram(MachineState *ms, hwaddr base, Error **errp);

/* The table of every board (hw/board-list.c). */
extern const MachineClass *const machine_classes[];

#endif
