/*
 * -nic and the default network card (net/nic.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef NET_NIC_H
#define NET_NIC_H

#include "net/net.h"
#include "softmmu/machine.h"

/*
 * The NIC model a board gets by default and for -nic without model=, as
 * QEMU's MachineClass.default_nic; NULL: the board has no slot for one.
 */
const char *net_nic_default_model(const MachineClass *mc);

/* -nic model=help: the device classes that are network cards. */
void net_nic_print_models(FILE *out);

/*
 * After the board's and the -device devices: one NIC with its own backend
 * for each -nic (nics: of NetOptions *; "-nic none" makes none), and, if
 * want_default and no -nic was given, the board's default NIC on user
 * networking. Errors start with "-nic TEXT: ".
 */
bool net_nic_create_all(const MachineClass *mc, GPtrArray *nics, bool want_default,
                        Error **errp);

#endif
