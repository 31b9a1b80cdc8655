/*
 * The board classes listed in hw/board-list.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include "softmmu/machine.h"

extern const MachineClass null_machine_class;   /* hw/null-machine.c */
extern const MachineClass virt_machine_class;   /* hw/arm/virt.c */

#endif
