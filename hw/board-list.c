/*
 * Every board Koine can build, in the order `-M help` lists them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/machine.h"
#include "hw/boards.h"

const MachineClass *const machine_classes[] = {
    &null_machine_class,
    &virt_machine_class,
    NULL,
};
