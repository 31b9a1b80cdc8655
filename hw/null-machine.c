/*
 * `-M none`: a machine with no CPU and no devices.
 *
 * Useful to try the command line, the monitor and devices created with
 * -device; with -m it also gets RAM at address 0, so `-device loader` and the
 * monitor's memory commands have something to work on.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/boards.h"

static bool null_machine_init(MachineState *ms, Error **errp)
{
    if (ms->ram_size_given && ms->ram_size) {
        return machine_create_ram(ms, 0, errp);
    }
    return true;
}

const MachineClass null_machine_class = {
    .name = "none",
    .desc = "empty machine (no CPU; RAM at 0 when -m is given)",
    .arch = "none",
    .max_cpus = 1,
    .default_ram_size = 0,
    .init = null_machine_init,
};
