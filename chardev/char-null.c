/*
 * The null backend: output vanishes, input never comes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "chardev/char-internal.h"

static bool null_open(Chardev *chr, Error **errp)
{
    chr->be_open = true;
    return true;
}

static int null_write(Chardev *chr, const uint8_t *buf, int len)
{
    return len;
}

const ChardevClass chardev_null_class = {
    .name = "null",
    .help = "discards output, never gives input",
    .instance_size = sizeof(Chardev),
    .open = null_open,
    .write = null_write,
};
