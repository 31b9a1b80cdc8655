/*
 * Finding and opening -drive options by name (see drive.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "block/drive.h"

static MachineDrive *drive_at(MachineState *ms, guint i)
{
    return &g_array_index(ms->drives, MachineDrive, i);
}

static const char *drive_interface(MachineDrive *drive)
{
    const char *iface = keyval_get(drive->opts, "if");

    return iface ? iface : "none";
}

char *drive_name(MachineState *ms, guint i)
{
    MachineDrive *drive = drive_at(ms, i);
    const char *id = keyval_get(drive->opts, "id");
    const char *iface = drive_interface(drive);
    unsigned index = 0;

    if (id) {
        return g_strdup(id);
    }
    for (guint j = 0; j < i; j++) {
        index += strcmp(drive_interface(drive_at(ms, j)), iface) == 0;
    }
    return g_strdup_printf("%s%u", iface, index);
}

int drive_find(MachineState *ms, const char *name)
{
    for (guint i = 0; ms && ms->drives && i < ms->drives->len; i++) {
        g_autofree char *n = drive_name(ms, i);

        if (strcmp(n, name) == 0) {
            return i;
        }
    }
    return -1;
}

BlockBackend *drive_claim(const char *name, Error **errp)
{
    int i = drive_find(current_machine, name);
    MachineDrive *drive;
    BlockBackend *blk;

    if (i < 0) {
        error_setg(errp, "no -drive with id '%s'", name);
        return NULL;
    }
    drive = drive_at(current_machine, i);
    if (drive->taken) {
        error_setg(errp, "drive '%s' is already in use", name);
        return NULL;
    }
    blk = blk_open_keyval(drive->opts, name, errp);
    if (!blk) {
        error_prepend(errp, "drive '%s': ", name);
        return NULL;
    }
    drive->taken = true;
    return blk;
}
