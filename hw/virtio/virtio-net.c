/*
 * virtio-net-device: a network card on a virtio transport (virtio 1.2
 * §5.1), connected to a backend through the net core (net/net.h).
 *
 * Two queues: receive (0) and transmit (1); no control queue, so the card
 * takes every frame the backend sends (user networking sends only frames
 * for the guest). Every frame in either direction carries a virtio_net_hdr
 * in front: 12 bytes with VIRTIO_F_VERSION_1 or MRG_RXBUF, 10 for legacy
 * drivers without MRG_RXBUF.
 *
 * Features: MAC (the mac property, QEMU's 52:54:00:12:34:56 + index by
 * default), STATUS (link up/down in the config space, a config interrupt
 * when it changes), MRG_RXBUF (a frame may span several receive buffers;
 * num_buffers says how many), CSUM (the driver may leave a TCP/UDP
 * checksum to us: NEEDS_CSUM with csum_start/csum_offset, which we fill
 * in before the frame leaves) and GUEST_CSUM (frames we deliver are marked
 * DATA_VALID: libslirp checksums every frame it makes, and a guest running
 * on a translator saves verifying each one). No GSO: frames are at most
 * what the backend's MTU allows.
 *
 * Receiving: a frame needs receive buffers the driver posted. If there are
 * none, the net core queues the frame and we flush that queue when the
 * driver kicks the receive queue. With MRG_RXBUF a frame may need several
 * buffers; those popped while waiting for more are held, in order, until
 * enough arrive (virtio has no way to give a popped buffer back). Frames
 * arriving while the driver is not running (no DRIVER_OK, queue not ready,
 * device broken) are dropped, as a card without a driver drops them.
 *
 * Known limit: the buffers of a multi-buffer frame are published one by
 * one (the core has no batched used-ring update), so a driver polling on
 * another CPU could see the first before the rest. Linux's mergeable
 * buffers hold at least 1518 + 12 bytes, so frames from a 1500-byte MTU
 * never span two of them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bswap.h"
#include "util/log.h"
#include "net/net.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-net.h"

typedef struct VirtIONet {
    VirtIODevice vdev;
    NetClientState nc;
    char *netdev;               /* property: the -netdev id */
    char *mac_text;             /* property "mac" */
    bool csum;                  /* properties: offer these features */
    bool guest_csum;
    bool mrg_rxbuf;
    bool status;
    uint16_t rx_queue_size;
    uint16_t tx_queue_size;

    uint8_t mac[ETH_ALEN];
    GQueue rx_held;             /* of VirtQueueElement *: popped, not used yet */
    uint8_t *tx_buf;            /* one transmitted frame with its header */
} VirtIONet;

#define TX_BUF_SIZE     (VIRTIO_NET_HDR_LEN + NET_FRAME_MAX)

static VirtIONet *net_of(VirtIODevice *vdev)
{
    return container_of(vdev, VirtIONet, vdev);
}

static size_t hdr_len(VirtIONet *s)
{
    return virtio_vdev_has_feature(&s->vdev, VIRTIO_F_VERSION_1) ||
           virtio_vdev_has_feature(&s->vdev, VIRTIO_NET_F_MRG_RXBUF) ?
           VIRTIO_NET_HDR_LEN : VIRTIO_NET_HDR_LEN_LEGACY;
}

static VirtQueue *rx_vq(VirtIONet *s)
{
    return &s->vdev.vq[VIRTIO_NET_RX_QUEUE];
}

/* ---- Config space ---- */

static void net_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIONet *s = net_of(vdev);

    memset(config, 0, VIRTIO_NET_CFG_LEN);
    memcpy(config + VIRTIO_NET_CFG_MAC, s->mac, ETH_ALEN);
    st16_le_p(config + VIRTIO_NET_CFG_STATUS, s->nc.link_down ? 0 : VIRTIO_NET_S_LINK_UP);
    st16_le_p(config + VIRTIO_NET_CFG_MAX_VQ_PAIRS, 1);
}

static void net_set_config(VirtIODevice *vdev, const uint8_t *config)
{
    VirtIONet *s = net_of(vdev);

    /* §5.1.4.2: only legacy drivers may set the MAC through the config space. */
    if (!virtio_vdev_has_feature(vdev, VIRTIO_F_VERSION_1)) {
        memcpy(s->mac, config + VIRTIO_NET_CFG_MAC, ETH_ALEN);
    }
}

static void net_link_changed(NetClientState *nc)
{
    VirtIONet *s = container_of(nc, VirtIONet, nc);

    if (virtio_vdev_has_feature(&s->vdev, VIRTIO_NET_F_STATUS) &&
        (s->vdev.status & VIRTIO_CONFIG_S_DRIVER_OK)) {
        virtio_notify_config(&s->vdev);
    }
}

/* ---- Receiving ---- */

static void rx_drop_held(VirtIONet *s)
{
    VirtQueueElement *elem;

    while ((elem = g_queue_pop_head(&s->rx_held))) {
        virtqueue_elem_free(elem);
    }
}

static bool rx_running(VirtIONet *s)
{
    return (s->vdev.status & VIRTIO_CONFIG_S_DRIVER_OK) && !s->vdev.broken &&
           rx_vq(s)->ready;
}

/*
 * The n-th buffer this frame would use: held ones first, then fresh pops
 * (held too until the frame is written). NULL: the driver has no more.
 */
static VirtQueueElement *rx_buffer(VirtIONet *s, guint n)
{
    VirtQueueElement *elem = g_queue_peek_nth(&s->rx_held, n);

    if (!elem) {
        elem = virtqueue_pop(rx_vq(s));
        if (elem) {
            g_queue_push_tail(&s->rx_held, elem);
        }
    }
    return elem;
}

/* Hands the first `count` held buffers back to the driver, with `used` bytes each. */
static void rx_return(VirtIONet *s, guint count, const uint32_t *used)
{
    for (guint i = 0; i < count; i++) {
        VirtQueueElement *elem = g_queue_pop_head(&s->rx_held);

        virtqueue_push(rx_vq(s), elem, used ? used[i] : 0);
        virtqueue_elem_free(elem);
    }
    virtio_notify(&s->vdev, rx_vq(s));
}

static bool net_receive(NetClientState *nc, const uint8_t *buf, size_t len)
{
    VirtIONet *s = container_of(nc, VirtIONet, nc);
    VirtIODevice *vdev = &s->vdev;
    bool mrg = virtio_vdev_has_feature(vdev, VIRTIO_NET_F_MRG_RXBUF);
    size_t hlen = hdr_len(s), need = hlen + len, room = 0, done = 0;
    uint8_t hdr[VIRTIO_NET_HDR_LEN] = { 0 };
    g_autofree uint32_t *used = NULL;
    guint count = 0;

    if (!rx_running(s)) {
        nc->dropped++;
        return true;
    }
    while (room < need) {
        VirtQueueElement *elem = rx_buffer(s, count);

        if (!elem) {
            if (count >= rx_vq(s)->num) {
                /* Every buffer of the queue cannot hold it: it never will. */
                log_mask(log_guest_errors, "%s: the receive queue's %u buffers cannot "
                         "hold a %zu-byte frame; dropped\n", device_name(&vdev->parent),
                         count, len);
                nc->dropped++;
                rx_return(s, count, NULL);
                return true;
            }
            return false;       /* queued until the driver posts buffers */
        }
        room += elem->in_len;
        count++;
        if (!mrg || count == 1) {
            if (elem->in_len < (mrg ? hlen : need)) {
                log_mask(log_guest_errors, "%s: receive buffer of %" PRIu64 " bytes is too "
                         "small for a %zu-byte frame; dropped\n", device_name(&vdev->parent),
                         elem->in_len, len);
                nc->dropped++;
                rx_return(s, 1, NULL);
                return true;
            }
        }
    }

    if (virtio_vdev_has_feature(vdev, VIRTIO_NET_F_GUEST_CSUM)) {
        hdr[VIRTIO_NET_HDR_FLAGS] = VIRTIO_NET_HDR_F_DATA_VALID;
    }
    hdr[VIRTIO_NET_HDR_GSO_TYPE] = VIRTIO_NET_HDR_GSO_NONE;
    if (hlen == VIRTIO_NET_HDR_LEN) {
        st16_le_p(hdr + VIRTIO_NET_HDR_NUM_BUFFERS, count);
    }
    used = g_new0(uint32_t, count);
    for (guint i = 0; i < count; i++) {
        VirtQueueElement *elem = g_queue_peek_nth(&s->rx_held, i);
        uint64_t off = 0;
        size_t part;

        if (i == 0) {
            if (!virtqueue_elem_write(vdev, elem, 0, hdr, hlen)) {
                break;
            }
            off = hlen;
        }
        part = MIN(elem->in_len - off, len - done);
        if (part && !virtqueue_elem_write(vdev, elem, off, buf + done, part)) {
            break;
        }
        done += part;
        used[i] = off + part;
    }
    if (vdev->broken) {
        rx_drop_held(s);        /* DMA failed: the device stopped; reset frees the rest */
        return true;
    }
    rx_return(s, count, used);
    return true;
}

static void net_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    net_client_flush(&net_of(vdev)->nc);
}

/* ---- Transmitting ---- */

/* NEEDS_CSUM (§5.1.6.2): checksum frame[csum_start..] into csum_start + csum_offset. */
static bool tx_fill_csum(VirtIONet *s, uint8_t *frame, size_t len, const uint8_t *hdr)
{
    unsigned start = ld16_le_p(hdr + VIRTIO_NET_HDR_CSUM_START);
    unsigned offset = ld16_le_p(hdr + VIRTIO_NET_HDR_CSUM_OFFSET);

    if (start >= len || offset + 2 > len - start) {
        log_mask(log_guest_errors, "%s: checksum at %u+%u outside a %zu-byte frame; "
                 "dropped\n", device_name(&s->vdev.parent), start, offset, len);
        return false;
    }
    /* The driver put the pseudo-header sum in the field: summing over it finishes it. */
    st16_be_p(frame + start + offset, net_checksum(frame + start, len - start));
    return true;
}

static void tx_one(VirtIONet *s, VirtQueueElement *elem)
{
    VirtIODevice *vdev = &s->vdev;
    size_t hlen = hdr_len(s);
    uint8_t *hdr = s->tx_buf, *frame = s->tx_buf + hlen;
    size_t len;

    if (elem->out_len < hlen || elem->out_len > hlen + NET_FRAME_MAX) {
        log_mask(log_guest_errors, "%s: transmit request of %" PRIu64 " bytes (header %zu, "
                 "frame at most %u); dropped\n", device_name(&vdev->parent),
                 elem->out_len, hlen, NET_FRAME_MAX);
        return;
    }
    len = elem->out_len - hlen;
    if (!virtqueue_elem_read(vdev, elem, 0, s->tx_buf, elem->out_len)) {
        return;
    }
    if (hdr[VIRTIO_NET_HDR_GSO_TYPE] != VIRTIO_NET_HDR_GSO_NONE) {
        log_mask(log_guest_errors, "%s: GSO frame (type %u) but no GSO feature was "
                 "offered; dropped\n", device_name(&vdev->parent),
                 hdr[VIRTIO_NET_HDR_GSO_TYPE]);
        return;
    }
    if ((hdr[VIRTIO_NET_HDR_FLAGS] & VIRTIO_NET_HDR_F_NEEDS_CSUM) &&
        virtio_vdev_has_feature(vdev, VIRTIO_NET_F_CSUM) &&
        !tx_fill_csum(s, frame, len, hdr)) {
        return;
    }
    net_send(&s->nc, frame, len);
}

static void net_handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *s = net_of(vdev);
    VirtQueueElement *elem;
    bool any = false;

    while ((elem = virtqueue_pop(vq))) {
        tx_one(s, elem);
        virtqueue_push(vq, elem, 0);
        virtqueue_elem_free(elem);
        any = true;
    }
    if (any) {
        virtio_notify(vdev, vq);
    }
}

/* ---- Life cycle ---- */

static void net_virtio_reset(VirtIODevice *vdev)
{
    VirtIONet *s = net_of(vdev);

    rx_drop_held(s);
    net_client_purge(&s->nc);
}

static const VirtioDeviceOps net_ops = {
    .get_config = net_get_config,
    .set_config = net_set_config,
    .reset = net_virtio_reset,
};

static const NetClientInfo nic_info = {
    .type = "nic",
    .receive = net_receive,
    .link_changed = net_link_changed,
};

static bool queue_size_ok(const char *name, uint16_t size, Error **errp)
{
    if (size < 16 || size > VIRTQUEUE_MAX_SIZE || (size & (size - 1))) {
        error_setg(errp, "%s %u: a power of 2 from 16 to %u", name, size,
                   VIRTQUEUE_MAX_SIZE);
        return false;
    }
    return true;
}

static bool net_realize(DeviceState *dev, Error **errp)
{
    VirtIONet *s = net_of(virtio_device(dev));
    VirtIODevice *vdev = &s->vdev;

    if (!queue_size_ok("rx_queue_size", s->rx_queue_size, errp) ||
        !queue_size_ok("tx_queue_size", s->tx_queue_size, errp)) {
        return false;
    }
    if (s->mac_text) {
        if (!net_parse_mac(s->mac_text, s->mac, errp)) {
            return false;
        }
    }
    net_client_init(&s->nc, &nic_info, device_name(dev));
    if (s->netdev && !net_client_connect(&s->nc, s->netdev, errp)) {
        net_client_cleanup(&s->nc);
        return false;
    }
    virtio_init(vdev, VIRTIO_ID_NET, &net_ops, VIRTIO_NET_CFG_LEN);
    vdev->host_features |= 1ull << VIRTIO_NET_F_MAC;
    vdev->host_features |= (uint64_t)s->status << VIRTIO_NET_F_STATUS |
                           (uint64_t)s->mrg_rxbuf << VIRTIO_NET_F_MRG_RXBUF |
                           (uint64_t)s->csum << VIRTIO_NET_F_CSUM |
                           (uint64_t)s->guest_csum << VIRTIO_NET_F_GUEST_CSUM;
    virtio_add_queue(vdev, s->rx_queue_size, net_handle_rx);
    virtio_add_queue(vdev, s->tx_queue_size, net_handle_tx);
    if (!virtio_plug(vdev, errp)) {
        virtio_cleanup(vdev);
        net_client_cleanup(&s->nc);
        return false;
    }
    /* The default MAC counts NICs that took one, as QEMU does: only now. */
    if (!s->mac_text) {
        net_default_mac(s->mac);
    }
    g_queue_init(&s->rx_held);
    s->tx_buf = g_malloc(TX_BUF_SIZE);
    return true;
}

static void net_unrealize(DeviceState *dev)
{
    VirtIONet *s = net_of(virtio_device(dev));

    rx_drop_held(s);
    net_client_cleanup(&s->nc);
    virtio_cleanup(&s->vdev);
    g_free(s->tx_buf);
}

static void net_reset(DeviceState *dev)
{
    virtio_reset(virtio_device(dev));
}

static const Property net_props[] = {
    DEFINE_PROP_STRING("netdev", VirtIONet, netdev, NULL,
                       "the backend (a -netdev id); unset: no network"),
    DEFINE_PROP_STRING("mac", VirtIONet, mac_text, NULL,
                       "the MAC address (default 52:54:00:12:34:56 + NIC index)"),
    DEFINE_PROP_BOOL("csum", VirtIONet, csum, true,
                     "offer CSUM: the driver may leave transmit checksums to the device"),
    DEFINE_PROP_BOOL("guest_csum", VirtIONet, guest_csum, true,
                     "offer GUEST_CSUM: received frames are marked checksum-valid"),
    DEFINE_PROP_BOOL("mrg_rxbuf", VirtIONet, mrg_rxbuf, true,
                     "offer MRG_RXBUF: a frame may span receive buffers"),
    DEFINE_PROP_BOOL("status", VirtIONet, status, true,
                     "offer STATUS: the link state in the config space"),
    DEFINE_PROP_UINT16("rx_queue_size", VirtIONet, rx_queue_size, 256,
                       "receive queue size (a power of 2)"),
    DEFINE_PROP_UINT16("tx_queue_size", VirtIONet, tx_queue_size, 256,
                       "transmit queue size (a power of 2)"),
    DEFINE_PROP_END,
};

const DeviceClass virtio_net_device_class = {
    .name = "virtio-net-device",
    .desc = "virtio network card on a virtio-mmio transport",
    .category = DEVICE_CATEGORY_NETWORK,
    .instance_size = sizeof(VirtIONet),
    .props = net_props,
    .user_creatable = true,
    .realize = net_realize,
    .unrealize = net_unrealize,
    .reset = net_reset,
};
