/*
 * The network core: client ends, frame delivery and queues, MAC addresses.
 * See net.h for the model.
 *
 * Delivery is synchronous: net_send() calls the peer's receive callback
 * directly, so a frame is copied only where it must be (into a queue when
 * the receiver has no room, into guest memory by the NIC). A frame
 * arriving while older ones wait goes behind them, so the order on the
 * wire is kept.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "net/net.h"

struct NetFrame {
    size_t len;
    uint8_t data[];
};

void net_client_init(NetClientState *nc, const NetClientInfo *info, const char *name)
{
    memset(nc, 0, sizeof(*nc));
    nc->info = info;
    nc->name = g_strdup(name);
    g_queue_init(&nc->queue);
}

void net_client_purge(NetClientState *nc)
{
    NetFrame *frame;

    while ((frame = g_queue_pop_head(&nc->queue))) {
        g_free(frame);
    }
}

void net_client_cleanup(NetClientState *nc)
{
    if (nc->peer) {
        nc->peer->peer = NULL;
        nc->peer = NULL;
    }
    net_client_purge(nc);
    g_free(nc->name);
    nc->name = NULL;
}

static bool net_queue_append(NetClientState *receiver, const uint8_t *buf, size_t len)
{
    NetFrame *frame;

    if (g_queue_get_length(&receiver->queue) >= NET_QUEUE_MAX_FRAMES) {
        receiver->dropped++;
        return false;
    }
    frame = g_malloc(sizeof(*frame) + len);
    frame->len = len;
    memcpy(frame->data, buf, len);
    g_queue_push_tail(&receiver->queue, frame);
    return true;
}

bool net_send(NetClientState *sender, const uint8_t *buf, size_t len)
{
    NetClientState *peer = sender->peer;

    if (!peer || sender->link_down || peer->link_down || len > NET_FRAME_MAX) {
        if (peer) {
            peer->dropped++;
        }
        return false;
    }
    if (g_queue_is_empty(&peer->queue) && peer->info->receive(peer, buf, len)) {
        return true;
    }
    return net_queue_append(peer, buf, len);
}

void net_client_flush(NetClientState *nc)
{
    NetFrame *frame;

    while ((frame = g_queue_peek_head(&nc->queue))) {
        if (!nc->info->receive(nc, frame->data, frame->len)) {
            return;
        }
        g_queue_pop_head(&nc->queue);
        g_free(frame);
    }
}

void net_client_set_link(NetClientState *nc, bool up)
{
    NetClientState *ends[2] = { nc, nc->peer };

    for (int i = 0; i < 2; i++) {
        if (ends[i] && ends[i]->link_down != !up) {
            ends[i]->link_down = !up;
            if (ends[i]->info->link_changed) {
                ends[i]->info->link_changed(ends[i]);
            }
        }
    }
}

uint16_t net_checksum(const uint8_t *data, size_t len)
{
    uint64_t sum = 0;
    size_t i;

    for (i = 0; i + 1 < len; i += 2) {
        sum += (uint32_t)data[i] << 8 | data[i + 1];
    }
    if (i < len) {
        sum += (uint32_t)data[i] << 8;
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum & 0xffff;
}

/* ---- MAC addresses ---- */

bool net_parse_mac(const char *text, uint8_t mac[ETH_ALEN], Error **errp)
{
    const char *p = text;

    for (int i = 0; i < ETH_ALEN; i++) {
        if (!g_ascii_isxdigit(p[0]) || !g_ascii_isxdigit(p[1]) ||
            (i < ETH_ALEN - 1 && p[2] != ':' && p[2] != '-') ||
            (i == ETH_ALEN - 1 && p[2] != '\0')) {
            error_setg(errp, "invalid MAC address '%s' (the form is 52:54:00:12:34:56)",
                       text);
            return false;
        }
        mac[i] = g_ascii_xdigit_value(p[0]) << 4 | g_ascii_xdigit_value(p[1]);
        p += 3;
    }
    if (mac[0] & 1) {
        error_setg(errp, "MAC address '%s' is a multicast address", text);
        return false;
    }
    return true;
}

void net_default_mac(uint8_t mac[ETH_ALEN])
{
    /* QEMU's locally administered prefix 52:54:00 and 12:34:56 counting up. */
    static unsigned next_index;
    static const uint8_t base[ETH_ALEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

    memcpy(mac, base, ETH_ALEN);
    mac[ETH_ALEN - 1] = base[ETH_ALEN - 1] + next_index++;
}

void net_format_mac(const uint8_t mac[ETH_ALEN], char *buf)
{
    snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
             mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}
