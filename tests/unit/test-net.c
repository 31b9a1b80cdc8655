/*
 * Networking through the guest driver's eyes: the test is the virtio-net
 * driver (virtio 1.2 §5.1) of a real virtio-net-device on a real
 * virtio-mmio transport, connected to a real -netdev user backend
 * (libslirp) that the real main loop drives. Frames are built and parsed
 * here by hand from the RFCs (DHCP 2131/2132, ARP 826, IPv4 791, TCP
 * 793), so what slirp answers is checked against the protocols, not
 * against Koine's own code.
 *
 * Covered: DHCP DISCOVER -> OFFER of 10.0.2.15; ARP for the gateway
 * 10.0.2.2; hostfwd (a host connection arrives as a SYN to the guest);
 * a guest TCP connection to a host listener through 10.0.2.2 with the
 * SYN's checksum left to the device (CSUM) and data both ways; restrict=on
 * refusing it; frames queued while the driver has no receive buffers;
 * frames spread over small buffers (MRG_RXBUF); link down; the default
 * MAC addresses; option parsing and configuration errors.
 *
 * All traffic stays on this machine: slirp maps 10.0.2.2 to 127.0.0.1,
 * and every host socket here is bound to 127.0.0.1.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include "util/bswap.h"
#include "util/log.h"
#include "net/net.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-mmio.h"
#include "hw/virtio/virtio-net.h"
#include "softmmu/main-loop.h"
#include "softmmu/memory.h"

#define MMIO_BASE   0x0a000000
#define RAM_BASE    0x40000000
#define RAM_SIZE    (1 * MiB)
#define QSZ         16
#define BUF_SIZE    2048
#define AS (get_address_space_memory())
#define ATTRS MEMTXATTRS_UNSPECIFIED

/* Ring and buffer layout in guest RAM, per queue. */
#define RING(q)     (RAM_BASE + (q) * 0x3000)
#define DESC(q)     (RING(q) + 0x0000)
#define AVAIL(q)    (RING(q) + 0x1000)
#define USED(q)     (RING(q) + 0x2000)
#define BUF(q, i)   (RAM_BASE + 0x10000 + (q) * 0x20000 + (i) * BUF_SIZE)

#define RXQ VIRTIO_NET_RX_QUEUE
#define TXQ VIRTIO_NET_TX_QUEUE

static const uint8_t guest_mac[ETH_ALEN] = { 0x52, 0x54, 0x00, 0xab, 0xcd, 0x01 };
static const uint8_t broadcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
/* slirp answers from 52:55 followed by the address it answers for (10.0.2.2). */
static const uint8_t slirp_mac[ETH_ALEN] = { 0x52, 0x55, 0x0a, 0x00, 0x02, 0x02 };
#define IP(a, b, c, d)  ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))
#define GUEST_IP    IP(10, 0, 2, 15)
#define GATEWAY_IP  IP(10, 0, 2, 2)

typedef struct Fixture {
    MemoryRegion ram;
    DeviceState *transport;
    DeviceState *dev;
    IRQLine *irq;
    int irq_level;
    uint64_t features;
    size_t hdr_len;
    uint16_t avail_idx[2];
    uint16_t used_seen[2];
    uint32_t rx_buf_len;
    uint8_t last_hdr[VIRTIO_NET_HDR_LEN];   /* header of the last frame received */
    char *log;
} Fixture;

static Fixture fx;

/* ---- Plumbing ---- */

static uint32_t rd(hwaddr reg)
{
    return address_space_ldl_le(AS, MMIO_BASE + reg, ATTRS, NULL);
}

static void wr(hwaddr reg, uint32_t value)
{
    address_space_stl_le(AS, MMIO_BASE + reg, value, ATTRS, NULL);
}

static void ram_write(hwaddr addr, const void *buf, size_t len)
{
    g_assert_cmpint(address_space_write(AS, addr, ATTRS, buf, len), ==, MEMTX_OK);
}

static void ram_read(hwaddr addr, void *buf, size_t len)
{
    g_assert_cmpint(address_space_read(AS, addr, ATTRS, buf, len), ==, MEMTX_OK);
}

static void record_irq(void *opaque, int n, int level)
{
    *(int *)opaque = level;
}

static char *log_text(void)
{
    char *text = NULL;

    fflush(log_stream());
    g_assert_true(g_file_get_contents(fx.log, &text, NULL, NULL));
    return text;
}

/* A -netdev as main() creates it. */
static bool netdev_add(const char *text, Error **errp)
{
    NetOptions *opts = net_options_parse(text, "type", errp);
    bool ok = opts && net_netdev_add(opts, errp);

    net_options_free(opts);
    return ok;
}

static DeviceState *transport_new(hwaddr base)
{
    DeviceState *t = device_new(&virtio_mmio_class);

    g_assert_true(device_realize(t, NULL, &error_abort));
    device_mmio_map(t, 0, base);
    return t;
}

static void transport_free(DeviceState *t)
{
    memory_region_del_subregion(get_system_memory(), device_get_mmio(t, 0));
    device_destroy(t);
}

/* RAM, a transport, the backend of netdev_opts (NULL: none) and the card. */
static void setup(const char *netdev_opts, const char *dev_props)
{
    g_autofree char *props = NULL;
    g_auto(GStrv) pairs = NULL;

    memset(&fx, 0, sizeof(fx));
    fx.log = g_strdup_printf("%s/test-net-%d.log", g_get_tmp_dir(), getpid());
    g_assert_true(log_set_file(fx.log, &error_abort));
    g_assert_true(log_enable_items("guest_errors", &error_abort));
    memory_region_init_ram(&fx.ram, "ram", RAM_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), RAM_BASE, &fx.ram);
    fx.transport = transport_new(MMIO_BASE);
    fx.irq = irq_new(record_irq, &fx.irq_level, 0);
    device_connect_irq(fx.transport, 0, fx.irq);
    if (netdev_opts) {
        g_assert_true(netdev_add(netdev_opts, &error_abort));
    }
    props = g_strdup_printf("mac=52:54:00:ab:cd:01%s%s", netdev_opts ? ",netdev=n0" : "",
                            dev_props ? dev_props : "");
    pairs = g_strsplit(props, ",", -1);
    fx.dev = device_new(&virtio_net_device_class);
    for (int i = 0; pairs[i]; i++) {
        g_auto(GStrv) kv = g_strsplit(pairs[i], "=", 2);

        g_assert_true(device_set_prop(fx.dev, kv[0], kv[1], &error_abort));
    }
    g_assert_true(device_realize(fx.dev, NULL, &error_abort));
    device_reset(fx.transport);
    device_reset(fx.dev);
}

static void teardown(void)
{
    device_destroy(fx.dev);
    transport_free(fx.transport);
    irq_free(fx.irq);
    net_cleanup();
    memory_region_del_subregion(get_system_memory(), &fx.ram);
    memory_region_finalize(&fx.ram);
    log_disable_all();
    log_set_file(NULL, &error_abort);
    unlink(fx.log);
    g_free(fx.log);
}

/* ---- The driver (§3.1.1, §5.1.5) ---- */

static uint64_t device_features(void)
{
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    uint64_t lo = rd(VIRTIO_MMIO_DEVICE_FEATURES);
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    return lo | (uint64_t)rd(VIRTIO_MMIO_DEVICE_FEATURES) << 32;
}

static void queue_setup(unsigned q)
{
    static const uint8_t zero[0x3000];

    ram_write(RING(q), zero, sizeof(zero));
    wr(VIRTIO_MMIO_QUEUE_SEL, q);
    g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), >=, QSZ);
    wr(VIRTIO_MMIO_QUEUE_NUM, QSZ);
    wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC(q));
    wr(VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL(q));
    wr(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED(q));
    wr(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_READY, 1);
    fx.avail_idx[q] = fx.used_seen[q] = 0;
}

static void put_desc(unsigned q, unsigned i, uint64_t addr, uint32_t len, uint16_t flags)
{
    uint8_t d[VIRTQ_DESC_SIZE] = { 0 };

    st64_le_p(d, addr);
    st32_le_p(d + 8, len);
    st16_le_p(d + 12, flags);
    ram_write(DESC(q) + i * VIRTQ_DESC_SIZE, d, sizeof(d));
}

static void make_avail(unsigned q, uint16_t head)
{
    address_space_stw_le(AS, AVAIL(q) + 4 + 2 * (fx.avail_idx[q] % QSZ), head, ATTRS, NULL);
    fx.avail_idx[q]++;
    address_space_stw_le(AS, AVAIL(q) + 2, fx.avail_idx[q], ATTRS, NULL);
}

/* Receive buffer i (one writable descriptor) goes to the device. */
static void post_rx(unsigned i)
{
    put_desc(RXQ, i, BUF(RXQ, i), fx.rx_buf_len, VIRTQ_DESC_F_WRITE);
    make_avail(RXQ, i);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, RXQ);
}

/*
 * Negotiates features (plus VERSION_1), sets up both queues and reaches
 * DRIVER_OK; posts `rx_bufs` receive buffers of rx_buf_len bytes.
 */
static void start(uint64_t features, unsigned rx_bufs, uint32_t rx_buf_len)
{
    features |= 1ull << VIRTIO_F_VERSION_1;
    g_assert_cmphex(features & ~device_features(), ==, 0);
    wr(VIRTIO_MMIO_STATUS, 0);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, features);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, features >> 32);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
       VIRTIO_CONFIG_S_FEATURES_OK);
    g_assert_true(rd(VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_FEATURES_OK);
    queue_setup(RXQ);
    queue_setup(TXQ);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
       VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK);
    fx.features = features;
    fx.hdr_len = VIRTIO_NET_HDR_LEN;
    fx.rx_buf_len = rx_buf_len;
    for (unsigned i = 0; i < rx_bufs; i++) {
        post_rx(i);
    }
}

/* Sends one frame; hdr may be NULL (all zero). Waits for the device to return it. */
static void send_frame_hdr(const uint8_t *frame, size_t len, const uint8_t *hdr)
{
    static const uint8_t zero_hdr[VIRTIO_NET_HDR_LEN];
    unsigned slot = fx.avail_idx[TXQ] % QSZ;

    ram_write(BUF(TXQ, slot), hdr ? hdr : zero_hdr, fx.hdr_len);
    ram_write(BUF(TXQ, slot) + fx.hdr_len, frame, len);
    /* Header and frame in two descriptors, as Linux does without ANY_LAYOUT tricks. */
    put_desc(TXQ, 2 * (slot % (QSZ / 2)), BUF(TXQ, slot), fx.hdr_len, VIRTQ_DESC_F_NEXT);
    address_space_stw_le(AS, DESC(TXQ) + 2 * (slot % (QSZ / 2)) * VIRTQ_DESC_SIZE + 14,
                         2 * (slot % (QSZ / 2)) + 1, ATTRS, NULL);
    put_desc(TXQ, 2 * (slot % (QSZ / 2)) + 1, BUF(TXQ, slot) + fx.hdr_len, len, 0);
    make_avail(TXQ, 2 * (slot % (QSZ / 2)));
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
    g_assert_cmpuint(address_space_lduw_le(AS, USED(TXQ) + 2, ATTRS, NULL), ==,
                     (uint16_t)(fx.used_seen[TXQ] + 1));
    fx.used_seen[TXQ]++;
}

static void send_frame(const uint8_t *frame, size_t len)
{
    send_frame_hdr(frame, len, NULL);
}

/*
 * The next received frame, reassembled from its buffers (num_buffers),
 * which are posted again; 0 when none arrives within timeout_ms of main
 * loop iterations. The header goes to fx.last_hdr.
 */
static size_t recv_frame(uint8_t *frame, size_t size, int timeout_ms)
{
    gint64 deadline = g_get_monotonic_time() + timeout_ms * (gint64)1000;
    uint16_t nbufs;
    size_t len = 0;

    while (address_space_lduw_le(AS, USED(RXQ) + 2, ATTRS, NULL) == fx.used_seen[RXQ]) {
        if (g_get_monotonic_time() > deadline) {
            return 0;
        }
        main_loop_iterate(false);
        g_usleep(500);
    }
    for (unsigned n = 0, count = 1; n < count; n++) {
        hwaddr elem = USED(RXQ) + 4 + VIRTQ_USED_ELEM_SIZE * (fx.used_seen[RXQ] % QSZ);
        uint32_t id = address_space_ldl_le(AS, elem, ATTRS, NULL);
        uint32_t used = address_space_ldl_le(AS, elem + 4, ATTRS, NULL);
        size_t skip = n == 0 ? fx.hdr_len : 0;

        g_assert_cmpuint(address_space_lduw_le(AS, USED(RXQ) + 2, ATTRS, NULL), !=,
                         fx.used_seen[RXQ]);
        g_assert_cmpuint(id, <, QSZ);
        g_assert_cmpuint(used, <=, fx.rx_buf_len);
        fx.used_seen[RXQ]++;
        if (n == 0) {
            g_assert_cmpuint(used, >=, fx.hdr_len);
            ram_read(BUF(RXQ, id), fx.last_hdr, fx.hdr_len);
            nbufs = ld16_le_p(fx.last_hdr + VIRTIO_NET_HDR_NUM_BUFFERS);
            g_assert_cmpuint(nbufs, >=, 1);
            count = nbufs;
        }
        g_assert_cmpuint(len + used - skip, <=, size);
        ram_read(BUF(RXQ, id) + skip, frame + len, used - skip);
        len += used - skip;
        post_rx(id);
    }
    return len;
}

/* ---- Frames (RFC 791, 826, 793, 2131) ---- */

static size_t eth_header(uint8_t *f, const uint8_t *dst, uint16_t type)
{
    memcpy(f, dst, ETH_ALEN);
    memcpy(f + 6, guest_mac, ETH_ALEN);
    st16_be_p(f + 12, type);
    return ETH_HLEN;
}

/* An IPv4 header at f (20 bytes) for a payload of len bytes; returns 20. */
static size_t ip_header(uint8_t *f, uint8_t proto, uint32_t src, uint32_t dst,
                        size_t payload_len)
{
    memset(f, 0, 20);
    f[0] = 0x45;
    st16_be_p(f + 2, 20 + payload_len);
    st16_be_p(f + 4, 0x1234);
    st16_be_p(f + 6, 0x4000);           /* don't fragment */
    f[8] = 64;
    f[9] = proto;
    st32_be_p(f + 12, src);
    st32_be_p(f + 16, dst);
    st16_be_p(f + 10, net_checksum(f, 20));
    return 20;
}

/* The ones'-complement sum (not complemented) of the TCP/UDP pseudo-header. */
static uint16_t pseudo_sum(const uint8_t *ip, size_t l4_len)
{
    uint8_t ph[12];

    memcpy(ph, ip + 12, 8);
    ph[8] = 0;
    ph[9] = ip[9];
    st16_be_p(ph + 10, l4_len);
    return ~net_checksum(ph, sizeof(ph));
}

static size_t build_dhcp_discover(uint8_t *f, uint32_t xid)
{
    uint8_t *ip = f + ETH_HLEN, *udp = ip + 20, *bootp = udp + 8;
    size_t bootp_len = 300;

    memset(f, 0, ETH_HLEN + 20 + 8 + bootp_len);
    eth_header(f, broadcast, 0x0800);
    bootp[0] = 1;                       /* BOOTREQUEST */
    bootp[1] = 1;                       /* Ethernet */
    bootp[2] = ETH_ALEN;
    st32_be_p(bootp + 4, xid);
    st16_be_p(bootp + 10, 0x8000);      /* broadcast reply */
    memcpy(bootp + 28, guest_mac, ETH_ALEN);
    st32_be_p(bootp + 236, 0x63825363); /* magic cookie */
    bootp[240] = 53;                    /* DHCP message type: DISCOVER */
    bootp[241] = 1;
    bootp[242] = 1;
    bootp[243] = 255;
    st16_be_p(udp, 68);
    st16_be_p(udp + 2, 67);
    st16_be_p(udp + 4, 8 + bootp_len);  /* checksum 0: none (RFC 768) */
    ip_header(ip, 17, 0, 0xffffffff, 8 + bootp_len);
    return ETH_HLEN + 20 + 8 + bootp_len;
}

/* A DHCP OFFER for xid: returns yiaddr, *server the server identifier. */
static uint32_t parse_dhcp_offer(const uint8_t *f, size_t len, uint32_t xid, uint32_t *server)
{
    const uint8_t *ip = f + ETH_HLEN, *udp = ip + 20, *bootp = udp + 8;
    const uint8_t *opt = bootp + 240;
    int msg_type = -1;

    g_assert_cmpuint(len, >=, ETH_HLEN + 20 + 8 + 240);
    g_assert_cmphex(ld16_be_p(f + 12), ==, 0x0800);
    g_assert_cmpuint(ip[9], ==, 17);
    g_assert_cmphex(net_checksum(ip, 20), ==, 0);
    g_assert_cmpuint(ld16_be_p(udp), ==, 67);
    g_assert_cmpuint(ld16_be_p(udp + 2), ==, 68);
    g_assert_cmpuint(bootp[0], ==, 2);                  /* BOOTREPLY */
    g_assert_cmphex(ld32_be_p(bootp + 4), ==, xid);
    g_assert_cmpmem(bootp + 28, ETH_ALEN, guest_mac, ETH_ALEN);
    g_assert_cmphex(ld32_be_p(bootp + 236), ==, 0x63825363);
    *server = 0;
    while (opt < f + len && *opt != 255) {
        if (*opt == 0) {
            opt++;
            continue;
        }
        if (opt[0] == 53) {
            msg_type = opt[2];
        } else if (opt[0] == 54) {
            *server = ld32_be_p(opt + 2);
        }
        opt += 2 + opt[1];
    }
    g_assert_cmpint(msg_type, ==, 2);                   /* OFFER */
    return ld32_be_p(bootp + 16);
}

static size_t build_arp(uint8_t *f, uint16_t op, const uint8_t *target_mac,
                        uint32_t target_ip)
{
    uint8_t *arp = f + ETH_HLEN;

    eth_header(f, op == 1 ? broadcast : target_mac, 0x0806);
    st16_be_p(arp, 1);
    st16_be_p(arp + 2, 0x0800);
    arp[4] = ETH_ALEN;
    arp[5] = 4;
    st16_be_p(arp + 6, op);
    memcpy(arp + 8, guest_mac, ETH_ALEN);
    st32_be_p(arp + 14, GUEST_IP);
    memcpy(arp + 18, op == 1 ? (const uint8_t[ETH_ALEN]) { 0 } : target_mac, ETH_ALEN);
    st32_be_p(arp + 24, target_ip);
    return ETH_HLEN + 28;
}

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10

typedef struct TcpSeg {
    uint32_t src, dst;
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t flags;
    const uint8_t *data;
    size_t len;
} TcpSeg;

/*
 * A TCP segment from the guest. offload: leave the checksum to the device
 * (NEEDS_CSUM, the pseudo-header sum in the field, as Linux does) and
 * fill *hdr; else compute it here.
 */
static size_t build_tcp(uint8_t *f, const TcpSeg *seg, bool offload, uint8_t *hdr)
{
    uint8_t *ip = f + ETH_HLEN, *tcp = ip + 20;
    size_t tcp_len = 20 + seg->len;

    eth_header(f, slirp_mac, 0x0800);
    ip_header(ip, 6, seg->src, seg->dst, tcp_len);
    memset(tcp, 0, 20);
    st16_be_p(tcp, seg->sport);
    st16_be_p(tcp + 2, seg->dport);
    st32_be_p(tcp + 4, seg->seq);
    st32_be_p(tcp + 8, seg->ack);
    tcp[12] = 5 << 4;
    tcp[13] = seg->flags;
    st16_be_p(tcp + 14, 65535);
    if (seg->len) {
        memcpy(tcp + 20, seg->data, seg->len);     /* a bare SYN has no data (NULL) */
    }
    st16_be_p(tcp + 16, pseudo_sum(ip, tcp_len));
    if (offload) {
        memset(hdr, 0, VIRTIO_NET_HDR_LEN);
        hdr[VIRTIO_NET_HDR_FLAGS] = VIRTIO_NET_HDR_F_NEEDS_CSUM;
        st16_le_p(hdr + VIRTIO_NET_HDR_CSUM_START, ETH_HLEN + 20);
        st16_le_p(hdr + VIRTIO_NET_HDR_CSUM_OFFSET, 16);
    } else {
        /* The field holds the pseudo-header sum: summing over it completes it. */
        st16_be_p(tcp + 16, net_checksum(tcp, tcp_len));
    }
    return ETH_HLEN + 20 + tcp_len;
}

/* A received IPv4 TCP frame for the guest: parsed into seg (data points into f). */
static bool parse_tcp(const uint8_t *f, size_t len, TcpSeg *seg)
{
    const uint8_t *ip = f + ETH_HLEN, *tcp;
    size_t ip_len, hl;

    if (len < ETH_HLEN + 40 || ld16_be_p(f + 12) != 0x0800 || ip[9] != 6) {
        return false;
    }
    g_assert_cmpmem(f, ETH_ALEN, guest_mac, ETH_ALEN);
    g_assert_cmphex(net_checksum(ip, 20), ==, 0);
    ip_len = ld16_be_p(ip + 2);
    tcp = ip + 20;
    hl = (tcp[12] >> 4) * 4;
    /* The TCP checksum over pseudo-header and segment must verify. */
    {
        uint32_t sum = (uint16_t)~net_checksum(tcp, ip_len - 20);

        sum += pseudo_sum(ip, ip_len - 20);
        sum = (sum & 0xffff) + (sum >> 16);
        g_assert_cmphex(sum, ==, 0xffff);
    }
    seg->src = ld32_be_p(ip + 12);
    seg->dst = ld32_be_p(ip + 16);
    seg->sport = ld16_be_p(tcp);
    seg->dport = ld16_be_p(tcp + 2);
    seg->seq = ld32_be_p(tcp + 4);
    seg->ack = ld32_be_p(tcp + 8);
    seg->flags = tcp[13];
    seg->data = tcp + hl;
    seg->len = ip_len - 20 - hl;
    return true;
}

/*
 * Receives frames until a TCP segment arrives (answering slirp's ARP
 * requests for the guest on the way); false on time-out.
 */
static bool recv_tcp(uint8_t *f, size_t size, TcpSeg *seg, int timeout_ms)
{
    gint64 deadline = g_get_monotonic_time() + timeout_ms * (gint64)1000;

    while (g_get_monotonic_time() < deadline) {
        size_t len = recv_frame(f, size, 50);
        const uint8_t *arp = f + ETH_HLEN;

        if (len >= ETH_HLEN + 28 && ld16_be_p(f + 12) == 0x0806 && ld16_be_p(arp + 6) == 1 &&
            ld32_be_p(arp + 24) == GUEST_IP) {
            uint8_t reply[64];

            send_frame(reply, build_arp(reply, 2, arp + 8, ld32_be_p(arp + 14)));
            continue;
        }
        if (len && parse_tcp(f, len, seg)) {
            return true;
        }
    }
    return false;
}

/* DHCP DISCOVER until the OFFER; returns the offered address. */
static uint32_t dhcp_discover(uint32_t *server)
{
    uint8_t f[BUF_SIZE];
    size_t len = build_dhcp_discover(f, 0xc0ffee01);

    send_frame(f, len);
    len = recv_frame(f, sizeof(f), 2000);
    g_assert_cmpuint(len, >, 0);
    return parse_dhcp_offer(f, len, 0xc0ffee01, server);
}

/* ARP who-has 10.0.2.2: returns whether slirp answered with its MAC. */
static void arp_gateway(void)
{
    uint8_t f[BUF_SIZE];
    const uint8_t *arp = f + ETH_HLEN;
    size_t len;

    send_frame(f, build_arp(f, 1, NULL, GATEWAY_IP));
    len = recv_frame(f, sizeof(f), 2000);
    g_assert_cmpuint(len, >=, ETH_HLEN + 28);
    g_assert_cmpmem(f, ETH_ALEN, guest_mac, ETH_ALEN);
    g_assert_cmphex(ld16_be_p(f + 12), ==, 0x0806);
    g_assert_cmpuint(ld16_be_p(arp + 6), ==, 2);        /* reply */
    g_assert_cmpmem(arp + 8, ETH_ALEN, slirp_mac, ETH_ALEN);
    g_assert_cmphex(ld32_be_p(arp + 14), ==, GATEWAY_IP);
    g_assert_cmpmem(arp + 18, ETH_ALEN, guest_mac, ETH_ALEN);
    g_assert_cmphex(ld32_be_p(arp + 24), ==, GUEST_IP);
}

/* A listening TCP socket on 127.0.0.1; *port gets its port. */
static int listen_loopback(int *port)
{
    struct sockaddr_in sa = { .sin_family = AF_INET };
    socklen_t sl = sizeof(sa);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

    g_assert_cmpint(fd, >=, 0);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    g_assert_cmpint(listen(fd, 4), ==, 0);
    g_assert_cmpint(getsockname(fd, (struct sockaddr *)&sa, &sl), ==, 0);
    *port = ntohs(sa.sin_port);
    return fd;
}

/* A port on 127.0.0.1 that was free a moment ago. */
static int free_port(void)
{
    int port, fd = listen_loopback(&port);

    close(fd);
    return port;
}

/* Iterates the main loop until fd is readable (true) or timeout_ms passes. */
static bool wait_readable(int fd, int timeout_ms)
{
    gint64 deadline = g_get_monotonic_time() + timeout_ms * (gint64)1000;

    while (g_get_monotonic_time() < deadline) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };

        if (poll(&pfd, 1, 0) == 1) {
            return true;
        }
        main_loop_iterate(false);
        g_usleep(500);
    }
    return false;
}

/* ---- Tests ---- */

static void test_checksum(void)
{
    /* RFC 1071 §3's example: the words sum to 0xddf2; the checksum is its complement. */
    static const uint8_t data[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };

    g_assert_cmphex(net_checksum(data, sizeof(data)), ==, 0x220d);
    /* An odd length pads with a zero byte. */
    g_assert_cmphex(net_checksum(data, 3), ==, (uint16_t)~(0x0001 + 0xf200));
}

static void test_options(void)
{
    Error *err = NULL;
    NetOptions *opts = net_options_parse("user,id=n0,hostfwd=tcp::1-:2,net=10.1.0.0/16,"
                                         "hostfwd=udp:127.0.0.1:3-:4,hostname=a,,b", "type",
                                         &error_abort);

    g_assert_cmpstr(keyval_get(opts->kv, "type"), ==, "user");
    g_assert_cmpstr(keyval_get(opts->kv, "net"), ==, "10.1.0.0/16");
    g_assert_cmpstr(keyval_get(opts->kv, "hostname"), ==, "a,b");
    g_assert_cmpuint(opts->hostfwd->len, ==, 2);
    g_assert_cmpstr(opts->hostfwd->pdata[0], ==, "tcp::1-:2");
    g_assert_cmpstr(opts->hostfwd->pdata[1], ==, "udp:127.0.0.1:3-:4");
    g_assert_cmpstr(opts->source, ==, "user,id=n0,hostfwd=tcp::1-:2,net=10.1.0.0/16,"
                    "hostfwd=udp:127.0.0.1:3-:4,hostname=a,,b");
    net_options_free(opts);

    /* A leading hostfwd= has its key: nothing after it is the implied type. */
    opts = net_options_parse("hostfwd=tcp::1-:2,user", "type", &error_abort);
    g_assert_null(keyval_get(opts->kv, "type"));
    net_options_free(opts);

    g_assert_null(net_options_parse("user,id=a,id=b", "type", &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "given twice"));
    error_free(err);
}

/* One configuration error: its message contains `expected`, and nothing is left. */
static void expect_netdev_error(const char *text, const char *expected)
{
    Error *err = NULL;

    g_assert_false(netdev_add(text, &err));
    g_assert_nonnull(err);
    if (!strstr(error_get_pretty(err), expected)) {
        g_error("-netdev %s: got '%s', expected '%s'", text, error_get_pretty(err), expected);
    }
    g_assert_null(strchr(error_get_pretty(err), '\n'));
    error_free(err);
    g_assert_null(net_netdev_find("n0"));
}

static void test_netdev_errors(void)
{
    g_autofree char *busy = NULL;
    Error *err = NULL;
    int port, fd;

    expect_netdev_error("user,id=n0,hostfwd=garbage", "hostfwd=garbage: expected");
    expect_netdev_error("user,id=n0,hostfwd=sctp::1-:2", "unknown protocol 'sctp'");
    expect_netdev_error("user,id=n0,hostfwd=tcp::70000-:22", "bad host port '70000'");
    expect_netdev_error("user,id=n0,hostfwd=tcp::2222-:0", "bad guest port '0'");
    expect_netdev_error("user,id=n0,hostfwd=tcp:1.2.3:2222-:22", "bad host address");
    expect_netdev_error("user,id=n0,frob=1", "unknown parameter 'frob'");
    expect_netdev_error("user,id=n0,net=10.0.2.0/30", "too small");
    expect_netdev_error("user,id=n0,net=10.0.2.1/24", "host bits are set");
    expect_netdev_error("user,id=n0,host=10.0.3.2", "not a host address in the network "
                        "10.0.2.0/24");
    expect_netdev_error("user,id=n0,dhcpstart=10.0.2.255", "not a host address");
    expect_netdev_error("user,id=n0,restrict=maybe", "restrict");
    expect_netdev_error("user,id=n0,ipv4=off,ipv6=off", "no network");
    expect_netdev_error("user,id=n0,tftp=/nonexistent", "not a directory");
    expect_netdev_error("tap,id=n0", "not supported yet");
    expect_netdev_error("frob,id=n0", "unknown network backend 'frob'");
    expect_netdev_error("user", "missing id=");
    expect_netdev_error("user,id=0bad", "invalid id '0bad'");

    /* A host port somebody else listens on. */
    fd = listen_loopback(&port);
    busy = g_strdup_printf("user,id=n0,hostfwd=tcp:127.0.0.1:%d-:22", port);
    expect_netdev_error(busy, "cannot listen on the host port");
    close(fd);

    /* Duplicate ids. */
    g_assert_true(netdev_add("user,id=n0", &error_abort));
    g_assert_false(netdev_add("user,id=n0", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "duplicate id 'n0': another -netdev has it");
    error_free(err);
    net_cleanup();
    g_assert_null(net_netdev_find("n0"));
}

static void expect_realize_error(const char *props, const char *expected)
{
    g_auto(GStrv) pairs = g_strsplit(props, ",", -1);
    DeviceState *dev = device_new(&virtio_net_device_class);
    Error *err = NULL;

    for (int i = 0; pairs[i]; i++) {
        g_auto(GStrv) kv = g_strsplit(pairs[i], "=", 2);

        g_assert_true(device_set_prop(dev, kv[0], kv[1], &error_abort));
    }
    g_assert_false(device_realize(dev, NULL, &err));
    if (!strstr(error_get_pretty(err), expected)) {
        g_error("%s: got '%s', expected '%s'", props, error_get_pretty(err), expected);
    }
    error_free(err);
    device_destroy(dev);
}

static void test_device_errors(void)
{
    setup("user,id=n0", NULL);
    /* fx.dev holds n0; a second card cannot have it, nor a missing one. */
    expect_realize_error("netdev=n0", "netdev 'n0' is already used by virtio-net-device");
    expect_realize_error("netdev=missing", "netdev 'missing' not found");
    expect_realize_error("mac=52:54:00:12:34", "invalid MAC address '52:54:00:12:34'");
    expect_realize_error("mac=01:00:5e:00:00:01", "is a multicast address");
    expect_realize_error("rx_queue_size=100", "rx_queue_size 100: a power of 2");
    /* No free transport. */
    expect_realize_error("mac=52:54:00:00:00:01", "no free virtio transport");
    teardown();
}

static void test_default_mac(void)
{
    DeviceState *t2, *a, *b;
    uint8_t mac[ETH_ALEN];

    fx.transport = transport_new(MMIO_BASE);
    t2 = transport_new(MMIO_BASE + VIRTIO_MMIO_SIZE);
    a = device_new(&virtio_net_device_class);
    g_assert_true(device_realize(a, NULL, &error_abort));
    b = device_new(&virtio_net_device_class);
    g_assert_true(device_realize(b, NULL, &error_abort));
    /* QEMU's 52:54:00:12:34:56 for the first card without mac=, then counting up. */
    for (int i = 0; i < ETH_ALEN; i++) {
        mac[i] = address_space_ldub(AS, MMIO_BASE + VIRTIO_MMIO_CONFIG + VIRTIO_NET_CFG_MAC + i,
                                    ATTRS, NULL);
    }
    g_assert_cmpmem(mac, ETH_ALEN, ((const uint8_t[]) { 0x52, 0x54, 0, 0x12, 0x34, 0x56 }),
                    ETH_ALEN);
    for (int i = 0; i < ETH_ALEN; i++) {
        mac[i] = address_space_ldub(AS, MMIO_BASE + VIRTIO_MMIO_SIZE + VIRTIO_MMIO_CONFIG +
                                    VIRTIO_NET_CFG_MAC + i, ATTRS, NULL);
    }
    g_assert_cmpmem(mac, ETH_ALEN, ((const uint8_t[]) { 0x52, 0x54, 0, 0x12, 0x34, 0x57 }),
                    ETH_ALEN);
    device_destroy(a);
    device_destroy(b);
    transport_free(t2);
    transport_free(fx.transport);
}

static void test_config(void)
{
    uint64_t features;

    setup("user,id=n0", NULL);
    g_assert_cmpuint(rd(VIRTIO_MMIO_DEVICE_ID), ==, VIRTIO_ID_NET);
    features = device_features();
    g_assert_true(virtio_has_feature(features, VIRTIO_NET_F_MAC));
    g_assert_true(virtio_has_feature(features, VIRTIO_NET_F_STATUS));
    g_assert_true(virtio_has_feature(features, VIRTIO_NET_F_MRG_RXBUF));
    g_assert_true(virtio_has_feature(features, VIRTIO_NET_F_CSUM));
    g_assert_true(virtio_has_feature(features, VIRTIO_NET_F_GUEST_CSUM));
    g_assert_true(virtio_has_feature(features, VIRTIO_F_VERSION_1));
    /* No GSO features: the device never sees or makes segments beyond the MTU. */
    g_assert_cmphex(features & 0x3fc0, ==, 0);
    g_assert_cmphex(rd(VIRTIO_MMIO_CONFIG), ==, 0xab005452);
    g_assert_cmphex(rd(VIRTIO_MMIO_CONFIG + 4) & 0xffff, ==, 0x01cd);
    g_assert_cmpuint(address_space_lduw_le(AS, MMIO_BASE + VIRTIO_MMIO_CONFIG +
                                           VIRTIO_NET_CFG_STATUS, ATTRS, NULL),
                     ==, VIRTIO_NET_S_LINK_UP);
    teardown();

    /* Features can be turned off. */
    setup("user,id=n0", ",csum=off,guest_csum=off,mrg_rxbuf=off,status=off");
    features = device_features();
    g_assert_false(virtio_has_feature(features, VIRTIO_NET_F_CSUM));
    g_assert_false(virtio_has_feature(features, VIRTIO_NET_F_GUEST_CSUM));
    g_assert_false(virtio_has_feature(features, VIRTIO_NET_F_MRG_RXBUF));
    g_assert_false(virtio_has_feature(features, VIRTIO_NET_F_STATUS));
    teardown();
}

static void test_dhcp_arp(void)
{
    uint32_t server;

    setup("user,id=n0", NULL);
    start(1ull << VIRTIO_NET_F_MAC | 1ull << VIRTIO_NET_F_GUEST_CSUM, QSZ, BUF_SIZE);
    g_assert_cmphex(dhcp_discover(&server), ==, GUEST_IP);
    g_assert_cmphex(server, ==, GATEWAY_IP);
    /* GUEST_CSUM: slirp's frames come marked checksum-valid, in one buffer. */
    g_assert_cmpuint(fx.last_hdr[VIRTIO_NET_HDR_FLAGS], ==, VIRTIO_NET_HDR_F_DATA_VALID);
    g_assert_cmpuint(ld16_le_p(fx.last_hdr + VIRTIO_NET_HDR_NUM_BUFFERS), ==, 1);
    g_assert_cmpint(fx.irq_level, ==, 1);
    arp_gateway();
    teardown();
}

static void test_dhcp_other_network(void)
{
    uint32_t server;

    setup("user,id=n0,net=192.168.76.0/24,host=192.168.76.1,dhcpstart=192.168.76.100",
          NULL);
    start(0, QSZ, BUF_SIZE);
    g_assert_cmphex(dhcp_discover(&server), ==, IP(192, 168, 76, 100));
    g_assert_cmphex(server, ==, IP(192, 168, 76, 1));
    /* Without GUEST_CSUM, no DATA_VALID. */
    g_assert_cmpuint(fx.last_hdr[VIRTIO_NET_HDR_FLAGS], ==, 0);
    teardown();
}

/* Frames for a driver without receive buffers wait until it posts some. */
static void test_rx_queued(void)
{
    uint8_t f[BUF_SIZE];
    uint32_t server;
    size_t len;

    setup("user,id=n0", NULL);
    start(0, 0, BUF_SIZE);
    send_frame(f, build_dhcp_discover(f, 0xc0ffee01));
    for (int i = 0; i < 20; i++) {
        main_loop_iterate(false);
    }
    g_assert_cmpuint(address_space_lduw_le(AS, USED(RXQ) + 2, ATTRS, NULL), ==, 0);
    post_rx(0);
    len = recv_frame(f, sizeof(f), 2000);
    g_assert_cmphex(parse_dhcp_offer(f, len, 0xc0ffee01, &server), ==, GUEST_IP);
    teardown();
}

/* MRG_RXBUF: the OFFER (342 bytes + header) in 128-byte buffers. */
static void test_mergeable(void)
{
    uint8_t f[BUF_SIZE];
    uint32_t server;
    size_t len;

    setup("user,id=n0", NULL);
    start(1ull << VIRTIO_NET_F_MRG_RXBUF, QSZ, 128);
    send_frame(f, build_dhcp_discover(f, 0xc0ffee01));
    len = recv_frame(f, sizeof(f), 2000);
    g_assert_cmpuint(ld16_le_p(fx.last_hdr + VIRTIO_NET_HDR_NUM_BUFFERS), ==,
                     (len + VIRTIO_NET_HDR_LEN + 127) / 128);
    g_assert_cmpuint(ld16_le_p(fx.last_hdr + VIRTIO_NET_HDR_NUM_BUFFERS), >, 1);
    g_assert_cmphex(parse_dhcp_offer(f, len, 0xc0ffee01, &server), ==, GUEST_IP);
    teardown();

    /* Without MRG_RXBUF a buffer that is too small gets nothing, and a log line. */
    setup("user,id=n0", NULL);
    start(0, 1, 128);
    send_frame(f, build_dhcp_discover(f, 0xc0ffee01));
    g_assert_cmpuint(address_space_lduw_le(AS, USED(RXQ) + 2, ATTRS, NULL), ==, 1);
    g_assert_cmpuint(address_space_ldl_le(AS, USED(RXQ) + 8, ATTRS, NULL), ==, 0);
    {
        g_autofree char *log = log_text();

        g_assert_nonnull(strstr(log, "too small"));
    }
    teardown();
}

static void test_link_down(void)
{
    uint8_t f[BUF_SIZE];
    NetClientState *backend;

    setup("user,id=n0", NULL);
    start(1ull << VIRTIO_NET_F_STATUS, QSZ, BUF_SIZE);
    backend = net_netdev_find("n0");
    g_assert_nonnull(backend);
    net_client_set_link(backend, false);
    /* STATUS: link down in the config space, and a config interrupt. */
    g_assert_cmpuint(address_space_lduw_le(AS, MMIO_BASE + VIRTIO_MMIO_CONFIG +
                                           VIRTIO_NET_CFG_STATUS, ATTRS, NULL), ==, 0);
    g_assert_cmphex(rd(VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_ISR_CONFIG, ==,
                    VIRTIO_ISR_CONFIG);
    g_assert_cmpint(fx.irq_level, ==, 1);
    wr(VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_ISR_CONFIG);
    /* Frames are lost on a dead link. */
    send_frame(f, build_dhcp_discover(f, 0xc0ffee01));
    g_assert_cmpuint(recv_frame(f, sizeof(f), 100), ==, 0);
    net_client_set_link(backend, true);
    g_assert_cmpuint(address_space_lduw_le(AS, MMIO_BASE + VIRTIO_MMIO_CONFIG +
                                           VIRTIO_NET_CFG_STATUS, ATTRS, NULL),
                     ==, VIRTIO_NET_S_LINK_UP);
    teardown();
}

/* hostfwd: a host connection to the forwarded port reaches the guest as a SYN. */
static void test_hostfwd(void)
{
    g_autofree char *opts = NULL;
    struct sockaddr_in sa = { .sin_family = AF_INET };
    uint8_t f[BUF_SIZE];
    uint32_t server;
    TcpSeg seg;
    int port = free_port(), fd;

    opts = g_strdup_printf("user,id=n0,hostfwd=tcp:127.0.0.1:%d-:2222", port);
    setup(opts, NULL);
    start(1ull << VIRTIO_NET_F_GUEST_CSUM, QSZ, BUF_SIZE);
    g_assert_cmphex(dhcp_discover(&server), ==, GUEST_IP);
    arp_gateway();

    fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(port);
    g_assert_true(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 ||
                  errno == EINPROGRESS);
    g_assert_true(recv_tcp(f, sizeof(f), &seg, 3000));
    g_assert_cmphex(seg.dst, ==, GUEST_IP);
    g_assert_cmpuint(seg.dport, ==, 2222);
    g_assert_cmphex(seg.flags & (TCP_SYN | TCP_ACK | TCP_RST), ==, TCP_SYN);
    close(fd);
    teardown();
}

/*
 * The guest connects to a host listener through the gateway address (slirp
 * maps 10.0.2.2 to the host's loopback): the SYN's checksum is left to the
 * device, the rest is computed here; data goes both ways.
 */
static void test_tcp_connect(void)
{
    static const char hello[] = "hello from the guest";
    static const char reply[] = "hello from the host";
    uint8_t f[BUF_SIZE], hdr[VIRTIO_NET_HDR_LEN], buf[64];
    uint32_t server, iss = 1000;
    TcpSeg seg, in;
    int port, lfd, cfd;
    size_t len;

    lfd = listen_loopback(&port);
    setup("user,id=n0", NULL);
    start(1ull << VIRTIO_NET_F_CSUM, QSZ, BUF_SIZE);
    g_assert_cmphex(dhcp_discover(&server), ==, GUEST_IP);
    arp_gateway();

    seg = (TcpSeg) { .src = GUEST_IP, .dst = GATEWAY_IP, .sport = 40000, .dport = port,
                     .seq = iss, .flags = TCP_SYN };
    len = build_tcp(f, &seg, true, hdr);
    send_frame_hdr(f, len, hdr);
    g_assert_true(recv_tcp(f, sizeof(f), &in, 3000));
    g_assert_cmphex(in.flags & (TCP_SYN | TCP_ACK | TCP_RST), ==, TCP_SYN | TCP_ACK);
    g_assert_cmpuint(in.ack, ==, iss + 1);
    g_assert_cmpuint(in.sport, ==, port);
    g_assert_cmpuint(in.dport, ==, 40000);
    g_assert_true(wait_readable(lfd, 3000));
    cfd = accept(lfd, NULL, NULL);
    g_assert_cmpint(cfd, >=, 0);

    seg = (TcpSeg) { .src = GUEST_IP, .dst = GATEWAY_IP, .sport = 40000, .dport = port,
                     .seq = iss + 1, .ack = in.seq + 1, .flags = TCP_ACK | TCP_PSH,
                     .data = (const uint8_t *)hello, .len = strlen(hello) };
    send_frame(f, build_tcp(f, &seg, false, NULL));
    g_assert_true(wait_readable(cfd, 3000));
    g_assert_cmpint(recv(cfd, buf, sizeof(buf), 0), ==, strlen(hello));
    g_assert_cmpmem(buf, strlen(hello), hello, strlen(hello));

    g_assert_cmpint(send(cfd, reply, strlen(reply), 0), ==, strlen(reply));
    do {
        g_assert_true(recv_tcp(f, sizeof(f), &in, 3000));
    } while (in.len == 0);
    g_assert_cmpmem(in.data, in.len, reply, strlen(reply));
    close(cfd);
    close(lfd);
    teardown();
}

/* restrict=on: the guest reaches nothing outside, not even the host. */
static void test_restrict(void)
{
    uint8_t f[BUF_SIZE];
    uint32_t server;
    TcpSeg seg, in;
    int port, lfd;

    lfd = listen_loopback(&port);
    setup("user,id=n0,restrict=on", NULL);
    start(0, QSZ, BUF_SIZE);
    g_assert_cmphex(dhcp_discover(&server), ==, GUEST_IP);
    arp_gateway();
    seg = (TcpSeg) { .src = GUEST_IP, .dst = GATEWAY_IP, .sport = 40001, .dport = port,
                     .seq = 1, .flags = TCP_SYN };
    send_frame(f, build_tcp(f, &seg, false, NULL));
    if (recv_tcp(f, sizeof(f), &in, 300)) {
        g_assert_cmphex(in.flags & TCP_SYN, ==, 0);
    }
    g_assert_false(wait_readable(lfd, 300));
    close(lfd);
    teardown();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    log_init();
    device_model_init();
    main_loop_init();
    /* Before any test creates a card without mac=: it must get the first default. */
    g_test_add_func("/net/virtio-net/default-mac", test_default_mac);
    g_test_add_func("/net/checksum", test_checksum);
    g_test_add_func("/net/options", test_options);
    g_test_add_func("/net/netdev-errors", test_netdev_errors);
    g_test_add_func("/net/virtio-net/device-errors", test_device_errors);
    g_test_add_func("/net/virtio-net/config", test_config);
    g_test_add_func("/net/user/dhcp-arp", test_dhcp_arp);
    g_test_add_func("/net/user/dhcp-other-network", test_dhcp_other_network);
    g_test_add_func("/net/virtio-net/rx-queued", test_rx_queued);
    g_test_add_func("/net/virtio-net/mergeable", test_mergeable);
    g_test_add_func("/net/virtio-net/link-down", test_link_down);
    g_test_add_func("/net/user/hostfwd", test_hostfwd);
    g_test_add_func("/net/user/tcp-connect", test_tcp_connect);
    g_test_add_func("/net/user/restrict", test_restrict);
    return g_test_run();
}
