/*
 * -netdev user: user-mode networking over libslirp (net/slirp.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef NET_SLIRP_H
#define NET_SLIRP_H

#include "net/net.h"

/*
 * Creates a user backend from options net=, host=, dhcpstart=, dns=,
 * hostfwd= (repeatable), restrict=, hostname=, domainname=, tftp=,
 * tftp-server-name=, bootfile=, ipv4=, ipv6=. Marks the keys it reads.
 */
NetClientState *net_slirp_create(NetOptions *opts, const char *id, Error **errp);

#endif
