/*
 * -drive options as devices find them: by name, opened on first use.
 *
 * Every -drive has a name: its id=, or for a drive without one the
 * interface name and its index among the drives of that interface
 * ("virtio0", "virtio1", "none0" ...), as QEMU names them. A device's
 * drive=NAME property (DEFINE_PROP_DRIVE) and a board backing one of its
 * devices with an if= drive both go through drive_claim(), which opens the
 * image and marks the drive taken, so each -drive backs one device and
 * main() warns about the ones nobody took.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_DRIVE_H
#define BLOCK_DRIVE_H

#include "util/osdep.h"
#include "util/error.h"
#include "block/block-backend.h"
#include "softmmu/machine.h"

/* The name of ms's i-th -drive (a fresh string). */
char *drive_name(MachineState *ms, guint i);
/* Index of the -drive called name in ms->drives, or -1. */
int drive_find(MachineState *ms, const char *name);
/*
 * Opens current_machine's -drive called name for a device and marks it
 * taken: "no -drive with id 'x'", "drive 'x' is already in use", or the
 * image's open error.
 */
BlockBackend *drive_claim(const char *name, Error **errp);

#endif
