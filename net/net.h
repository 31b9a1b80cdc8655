/*
 * The network core: network cards (front ends) and backends (user
 * networking over libslirp; tap later), connected in pairs.
 *
 * Every end of a connection is a NetClientState: a NIC embeds one in its
 * device state, a backend embeds one in its own. A NIC and the backend
 * named by its netdev= property are each other's peer. A frame goes from
 * one end to the other with net_send(); the receiving end's receive
 * callback either takes it (delivers or drops it) or says "not now" (a
 * NIC whose driver has posted no receive buffers). Frames that could not
 * be taken wait, in order, in the receiver's queue until it calls
 * net_client_flush() (the NIC: when the driver posts buffers). The queue
 * is bounded: beyond NET_QUEUE_MAX_FRAMES, frames are dropped, as a real
 * link would, and TCP recovers.
 *
 * Backends are created from -netdev options before the board is built
 * (net_netdev_add) and live until net_cleanup(); a NIC claims one by id
 * when it is realized (net_client_connect) and releases it when it is
 * destroyed. Everything runs under the global lock: backends in the I/O
 * thread (their sockets are GSources, their timers Koine timers), NICs in
 * the vCPU thread that kicks their queues.
 *
 * The -netdev/-nic command-line layer is net/netdev.c (NetOptions),
 * -nic and the default NIC are net/nic.c, user networking is net/slirp.c.
 * See docs/devel/net.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef NET_NET_H
#define NET_NET_H

#include "util/osdep.h"
#include "util/error.h"
#include "util/keyval.h"

/* Ethernet (IEEE 802.3). */
#define ETH_ALEN            6
#define ETH_HLEN            14
/* The largest frame a backend or NIC passes on: 64 KiB, what GSO frames may reach. */
#define NET_FRAME_MAX       65536
/* Frames a client's queue holds before more are dropped. */
#define NET_QUEUE_MAX_FRAMES 4096

typedef struct NetClientState NetClientState;

typedef struct NetClientInfo {
    const char *type;           /* "user", "nic": for messages and info */
    /*
     * A frame from the peer. Returns true when the frame was taken
     * (delivered, or dropped on purpose), false when the client cannot take
     * it now: the core queues it until net_client_flush().
     */
    bool (*receive)(NetClientState *nc, const uint8_t *buf, size_t len);
    /* nc->link_down changed (NICs tell their driver). May be NULL. */
    void (*link_changed)(NetClientState *nc);
    /* Frees a backend (net_cleanup, net_netdev_del). NULL for NICs. */
    void (*free)(NetClientState *nc);
} NetClientInfo;

/* A queued frame. */
typedef struct NetFrame NetFrame;

struct NetClientState {
    const NetClientInfo *info;
    char *name;                 /* netdev id, or the NIC's device name */
    NetClientState *peer;
    bool link_down;
    GQueue queue;               /* of NetFrame *: frames for this client, waiting */
    uint64_t dropped;           /* frames for this client that were dropped */
};

/* ---- Clients ---- */

/* Sets up an end; name is copied. */
void net_client_init(NetClientState *nc, const NetClientInfo *info, const char *name);
/* Disconnects from the peer, drops queued frames and frees the name. */
void net_client_cleanup(NetClientState *nc);

/*
 * Sends one frame to the peer. Without a peer, or with either link down,
 * the frame is dropped. Returns whether it was delivered or queued.
 */
bool net_send(NetClientState *sender, const uint8_t *buf, size_t len);
/* The client can take frames again: delivers what waits in its queue. */
void net_client_flush(NetClientState *nc);
/* Drops what waits in the client's queue (a NIC reset). */
void net_client_purge(NetClientState *nc);
/* Sets the link state of nc and its peer, telling both. */
void net_client_set_link(NetClientState *nc, bool up);

/* ---- Backends (-netdev) ---- */

/*
 * The options of one -netdev or -nic. hostfwd= may be given several times,
 * which KeyVal refuses, so it is taken out and kept as a list.
 */
typedef struct NetOptions {
    char *source;               /* the text as typed */
    KeyVal *kv;                 /* every other key */
    GPtrArray *hostfwd;         /* of char *, in order */
} NetOptions;

/* Parses "TYPE,key=value,..."; implied_key names a key-less first element. */
NetOptions *net_options_parse(const char *text, const char *implied_key, Error **errp);
void net_options_free(NetOptions *opts);

/* Whether type names a backend this build has: "unknown network backend 'x'" ... */
bool net_netdev_type_check(const char *type, Error **errp);
/* -netdev help. */
void net_netdev_print_types(FILE *out);
/*
 * Creates the backend of a -netdev (type and id checked, every key used).
 * Errors name no option: the caller prepends "-netdev SOURCE: ".
 */
bool net_netdev_add(NetOptions *opts, Error **errp);
/* The same for a backend that -nic creates, under the given id. */
bool net_netdev_add_type(NetOptions *opts, const char *type, const char *id,
                         Error **errp);
/* The backend with this id, or NULL. */
NetClientState *net_netdev_find(const char *id);
/* Calls fn for each backend, in creation order. */
void net_netdev_foreach(void (*fn)(NetClientState *nc, void *opaque), void *opaque);
/* Warns about each -netdev no NIC is connected to (after the machine is built). */
void net_warn_unused_netdevs(void);
/* Frees every backend (after the NICs are gone). */
void net_cleanup(void);

/*
 * Connects a NIC to the backend with id netdev_id: "netdev 'x' not found",
 * "netdev 'x' is already used by DEVICE".
 */
bool net_client_connect(NetClientState *nic, const char *netdev_id, Error **errp);

/* ---- NICs ---- */

/*
 * The Internet checksum (RFC 1071) of data: the complement of the
 * ones'-complement sum of its big-endian 16-bit words, in host order.
 */
uint16_t net_checksum(const uint8_t *data, size_t len);

/* "52:54:00:12:34:56" into mac; false with an error otherwise. */
bool net_parse_mac(const char *text, uint8_t mac[ETH_ALEN], Error **errp);
/* QEMU's default for NIC number n (counted over the run): 52:54:00:12:34:56+n. */
void net_default_mac(uint8_t mac[ETH_ALEN]);
/* "52:54:00:12:34:56" (buf of at least 18 bytes). */
void net_format_mac(const uint8_t mac[ETH_ALEN], char *buf);

#endif
