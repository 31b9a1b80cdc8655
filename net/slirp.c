/*
 * -netdev user: the guest's network is libslirp, a TCP/IP stack in user
 * space that answers DHCP, DNS (forwarded to the host's resolver), TFTP
 * and ARP itself and carries the guest's TCP and UDP flows over ordinary
 * host sockets; hostfwd= rules listen on host ports and open connections
 * into the guest. No privileges, no host configuration.
 *
 * Defaults are QEMU's: network 10.0.2.0/24, the host (gateway) at .2,
 * DNS at .3, DHCP leases from .15, and IPv6 on fec0::/64 with the host at
 * fec0::2 and DNS at fec0::3.
 *
 * Main loop integration (docs/devel/main-loop.md): libslirp does no I/O
 * of its own scheduling. Before every poll it lists the sockets it wants
 * watched and how long it may wait (slirp_pollfds_fill); after the poll it
 * handles the events (slirp_pollfds_poll), which is also when it runs its
 * TCP timers. A GSource on GLib's default context does exactly that: its
 * prepare replaces its poll records with slirp's current list, check sees
 * events or an expired wait, dispatch hands the events back. Slirp's own
 * timers (IPv6 router advertisements) are Koine timers on the virtual
 * clock, and slirp's clock is the virtual clock, so a paused guest's TCP
 * timers stand still like the rest of its world, as in QEMU.
 *
 * Frames from the guest reach slirp_input() in whatever thread kicked the
 * NIC (a vCPU, holding the global lock); that may open sockets or arm
 * timeouts the I/O thread, asleep in poll, does not know about yet, so
 * we wake it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include <arpa/inet.h>
#include <slirp/libslirp.h>
#include "util/log.h"
#include "net/slirp.h"
#include "softmmu/main-loop.h"
#include "softmmu/timers.h"

typedef struct SlirpBackend SlirpBackend;

typedef struct SlirpSource {
    GSource source;
    SlirpBackend *s;
} SlirpSource;

struct SlirpBackend {
    NetClientState nc;
    Slirp *slirp;
    GSource *source;
    GArray *pollfds;            /* of GPollFD: slirp's sockets of this iteration */
    gint64 deadline_us;         /* monotonic time when slirp wants to run again */
};

typedef struct SlirpTimer {
    Timer *timer;
    SlirpBackend *s;
    SlirpTimerId id;
    SlirpTimerCb cb;            /* the pre-version-4 interface; NULL with an id */
    void *cb_opaque;
} SlirpTimer;

/* ---- Callbacks from libslirp ---- */

static ssize_t slirp_cb_send_packet(const void *buf, size_t len, void *opaque)
{
    SlirpBackend *s = opaque;

    net_send(&s->nc, buf, len);
    return len;
}

static void slirp_cb_guest_error(const char *msg, void *opaque)
{
    SlirpBackend *s = opaque;

    log_mask(log_guest_errors, "netdev %s (user): %s\n", s->nc.name, msg);
}

static int64_t slirp_cb_clock_get_ns(void *opaque)
{
    return time_now_ns(TIME_VIRTUAL);
}

static void slirp_timer_fire(void *opaque)
{
    SlirpTimer *st = opaque;

    if (st->cb) {
        st->cb(st->cb_opaque);
    } else {
        slirp_handle_timer(st->s->slirp, st->id, st->cb_opaque);
    }
}

static void *slirp_timer_new_common(SlirpBackend *s, SlirpTimerId id, SlirpTimerCb cb,
                                    void *cb_opaque)
{
    SlirpTimer *st = g_new0(SlirpTimer, 1);

    st->s = s;
    st->id = id;
    st->cb = cb;
    st->cb_opaque = cb_opaque;
    st->timer = timer_new_ms(TIME_VIRTUAL, slirp_timer_fire, st);
    return st;
}

static void *slirp_cb_timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
    return slirp_timer_new_common(opaque, 0, cb, cb_opaque);
}

static void *slirp_cb_timer_new_opaque(SlirpTimerId id, void *cb_opaque, void *opaque)
{
    return slirp_timer_new_common(opaque, id, NULL, cb_opaque);
}

static void slirp_cb_timer_free(void *timer, void *opaque)
{
    SlirpTimer *st = timer;

    timer_free(st->timer);
    g_free(st);
}

static void slirp_cb_timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
    SlirpTimer *st = timer;

    timer_mod(st->timer, expire_ms);
}

static void slirp_cb_register_poll_fd(int fd, void *opaque)
{
    /* Sockets are listed anew before every poll: nothing to keep. */
}

static void slirp_cb_unregister_poll_fd(int fd, void *opaque)
{
}

static void slirp_cb_notify(void *opaque)
{
    main_loop_wakeup();
}

static const SlirpCb slirp_callbacks = {
    .send_packet = slirp_cb_send_packet,
    .guest_error = slirp_cb_guest_error,
    .clock_get_ns = slirp_cb_clock_get_ns,
    .timer_new = slirp_cb_timer_new,
    .timer_free = slirp_cb_timer_free,
    .timer_mod = slirp_cb_timer_mod,
    .register_poll_fd = slirp_cb_register_poll_fd,
    .unregister_poll_fd = slirp_cb_unregister_poll_fd,
    .notify = slirp_cb_notify,
    .timer_new_opaque = slirp_cb_timer_new_opaque,
};

/* ---- The GSource ---- */

static int slirp_cb_add_poll(int fd, int events, void *opaque)
{
    SlirpBackend *s = opaque;
    GPollFD pfd = { .fd = fd };

    pfd.events = (events & SLIRP_POLL_IN ? G_IO_IN : 0) |
                 (events & SLIRP_POLL_OUT ? G_IO_OUT : 0) |
                 (events & SLIRP_POLL_PRI ? G_IO_PRI : 0) |
                 (events & SLIRP_POLL_ERR ? G_IO_ERR : 0) |
                 (events & SLIRP_POLL_HUP ? G_IO_HUP : 0);
    g_array_append_val(s->pollfds, pfd);
    return s->pollfds->len - 1;
}

static int slirp_cb_get_revents(int idx, void *opaque)
{
    SlirpBackend *s = opaque;
    gushort revents = g_array_index(s->pollfds, GPollFD, idx).revents;

    return (revents & G_IO_IN ? SLIRP_POLL_IN : 0) |
           (revents & G_IO_OUT ? SLIRP_POLL_OUT : 0) |
           (revents & G_IO_PRI ? SLIRP_POLL_PRI : 0) |
           (revents & G_IO_ERR ? SLIRP_POLL_ERR : 0) |
           (revents & G_IO_HUP ? SLIRP_POLL_HUP : 0);
}

static void slirp_remove_polls(SlirpBackend *s)
{
    for (guint i = 0; i < s->pollfds->len; i++) {
        g_source_remove_poll(s->source, &g_array_index(s->pollfds, GPollFD, i));
    }
    g_array_set_size(s->pollfds, 0);
}

static gboolean slirp_source_prepare(GSource *source, gint *timeout)
{
    SlirpBackend *s = ((SlirpSource *)source)->s;
    uint32_t wait_ms = UINT32_MAX;

    slirp_remove_polls(s);
    slirp_pollfds_fill(s->slirp, &wait_ms, slirp_cb_add_poll, s);
    /* The array is complete: its elements stay put until the next prepare. */
    for (guint i = 0; i < s->pollfds->len; i++) {
        g_source_add_poll(source, &g_array_index(s->pollfds, GPollFD, i));
    }
    if (wait_ms == UINT32_MAX) {
        s->deadline_us = G_MAXINT64;
        *timeout = -1;
    } else {
        s->deadline_us = g_get_monotonic_time() + wait_ms * (gint64)1000;
        *timeout = MIN(wait_ms, (uint32_t)G_MAXINT);
    }
    return false;
}

static gboolean slirp_source_check(GSource *source)
{
    SlirpBackend *s = ((SlirpSource *)source)->s;

    for (guint i = 0; i < s->pollfds->len; i++) {
        if (g_array_index(s->pollfds, GPollFD, i).revents) {
            return true;
        }
    }
    return g_get_monotonic_time() >= s->deadline_us;
}

static gboolean slirp_source_dispatch(GSource *source, GSourceFunc cb, gpointer data)
{
    SlirpBackend *s = ((SlirpSource *)source)->s;

    slirp_pollfds_poll(s->slirp, 0, slirp_cb_get_revents, s);
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs slirp_source_funcs = {
    .prepare = slirp_source_prepare,
    .check = slirp_source_check,
    .dispatch = slirp_source_dispatch,
};

/* ---- The backend ---- */

static bool slirp_receive(NetClientState *nc, const uint8_t *buf, size_t len)
{
    SlirpBackend *s = container_of(nc, SlirpBackend, nc);

    slirp_input(s->slirp, buf, len);
    if (!main_loop_is_io_thread()) {
        main_loop_wakeup();
    }
    return true;
}

static void slirp_free(NetClientState *nc)
{
    SlirpBackend *s = container_of(nc, SlirpBackend, nc);

    if (s->source) {
        slirp_remove_polls(s);
        g_source_destroy(s->source);
        g_source_unref(s->source);
    }
    if (s->slirp) {
        slirp_cleanup(s->slirp);
    }
    g_array_free(s->pollfds, true);
    net_client_cleanup(nc);
    g_free(s);
}

static const NetClientInfo slirp_info = {
    .type = "user",
    .receive = slirp_receive,
    .free = slirp_free,
};

/* ---- Options ---- */

static bool parse_ipv4(const char *key, const char *text, struct in_addr *addr,
                       Error **errp)
{
    if (!inet_pton(AF_INET, text, addr)) {
        error_setg(errp, "%s=%s: not an IPv4 address", key, text);
        return false;
    }
    return true;
}

/*
 * net=ADDR[/PREFIX|/MASK]. Without a mask, QEMU's classful guess: /8 for
 * class A, /12 for 172.16/12, /16 for 192.168/16, else /24.
 */
static bool parse_network(const char *text, struct in_addr *net, struct in_addr *mask,
                          Error **errp)
{
    g_auto(GStrv) parts = g_strsplit(text, "/", 2);
    uint32_t addr, bits;

    if (!inet_pton(AF_INET, parts[0], net)) {
        error_setg(errp, "net=%s: not an IPv4 network address", text);
        return false;
    }
    addr = ntohl(net->s_addr);
    if (!parts[1]) {
        bits = !(addr & 0x80000000) ? 0xff000000 :
               (addr & 0xfff00000) == 0xac100000 ? 0xfff00000 :
               (addr & 0xffff0000) == 0xc0a80000 ? 0xffff0000 : 0xffffff00;
    } else if (strchr(parts[1], '.')) {
        if (!inet_pton(AF_INET, parts[1], mask)) {
            error_setg(errp, "net=%s: bad netmask", text);
            return false;
        }
        bits = ntohl(mask->s_addr);
        if (bits & (~bits >> 1)) {
            error_setg(errp, "net=%s: the netmask is not contiguous", text);
            return false;
        }
    } else {
        char *end;
        unsigned long prefix = strtoul(parts[1], &end, 10);

        if (!*parts[1] || *end || prefix > 32) {
            error_setg(errp, "net=%s: bad prefix length", text);
            return false;
        }
        bits = prefix ? ~0u << (32 - prefix) : 0;
    }
    /* At least network, host, DNS, broadcast and one lease: /29 or smaller. */
    if (bits & 0x7) {
        error_setg(errp, "net=%s: the network is too small", text);
        return false;
    }
    if (addr & ~bits) {
        error_setg(errp, "net=%s: host bits are set in the network address", text);
        return false;
    }
    mask->s_addr = htonl(bits);
    return true;
}

/* An address key inside the network (not its network or broadcast address). */
static bool get_host_addr(KeyVal *kv, const char *key, struct in_addr net,
                          struct in_addr mask, uint32_t default_host,
                          struct in_addr *addr, Error **errp)
{
    const char *text = keyval_get(kv, key);
    uint32_t m = ntohl(mask.s_addr), a;

    if (!text) {
        addr->s_addr = htonl(ntohl(net.s_addr) | default_host);
        return true;
    }
    if (!parse_ipv4(key, text, addr, errp)) {
        return false;
    }
    a = ntohl(addr->s_addr);
    if ((a & m) != ntohl(net.s_addr) || !(a & ~m) || (a & ~m) == ~m) {
        char netbuf[INET_ADDRSTRLEN];

        inet_ntop(AF_INET, &net, netbuf, sizeof(netbuf));
        error_setg(errp, "%s=%s: not a host address in the network %s/%d", key, text,
                   netbuf, __builtin_popcount(m));
        return false;
    }
    return true;
}

static bool parse_port(const char *text, int min, int *port)
{
    char *end;
    long value;

    if (!*text || !g_ascii_isdigit(*text)) {
        return false;
    }
    value = strtol(text, &end, 10);
    if (*end || value < min || value > 65535) {
        return false;
    }
    *port = value;
    return true;
}

/* hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT (QEMU's syntax). */
static bool add_hostfwd(SlirpBackend *s, const char *rule, struct in_addr default_guest,
                        Error **errp)
{
    static const char form[] = "[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT";
    g_auto(GStrv) halves = g_strsplit(rule, "-", 2);
    g_auto(GStrv) host = NULL;
    g_auto(GStrv) guest = NULL;
    struct in_addr host_addr = { .s_addr = htonl(INADDR_ANY) };
    struct in_addr guest_addr = default_guest;
    int host_port, guest_port;
    bool udp;

    if (!halves[0] || !halves[1]) {
        error_setg(errp, "hostfwd=%s: expected %s", rule, form);
        return false;
    }
    host = g_strsplit(halves[0], ":", 0);
    guest = g_strsplit(halves[1], ":", 0);
    if (g_strv_length(host) != 3 || g_strv_length(guest) != 2) {
        error_setg(errp, "hostfwd=%s: expected %s", rule, form);
        return false;
    }
    if (!*host[0] || strcmp(host[0], "tcp") == 0) {
        udp = false;
    } else if (strcmp(host[0], "udp") == 0) {
        udp = true;
    } else {
        error_setg(errp, "hostfwd=%s: unknown protocol '%s' (tcp, udp)", rule, host[0]);
        return false;
    }
    if (*host[1] && !inet_pton(AF_INET, host[1], &host_addr)) {
        error_setg(errp, "hostfwd=%s: bad host address '%s'", rule, host[1]);
        return false;
    }
    if (!parse_port(host[2], 0, &host_port)) {
        error_setg(errp, "hostfwd=%s: bad host port '%s'", rule, host[2]);
        return false;
    }
    if (*guest[0] && !inet_pton(AF_INET, guest[0], &guest_addr)) {
        error_setg(errp, "hostfwd=%s: bad guest address '%s'", rule, guest[0]);
        return false;
    }
    if (!parse_port(guest[1], 1, &guest_port)) {
        error_setg(errp, "hostfwd=%s: bad guest port '%s'", rule, guest[1]);
        return false;
    }
    if (slirp_add_hostfwd(s->slirp, udp, host_addr, host_port, guest_addr,
                          guest_port) < 0) {
        error_setg_errno(errp, errno, "hostfwd=%s: cannot listen on the host port", rule);
        return false;
    }
    return true;
}

static bool slirp_parse_config(KeyVal *kv, SlirpConfig *cfg, Error **errp)
{
    const char *net = keyval_get(kv, "net");
    bool restricted, ipv4, ipv6;

    if (!keyval_get_bool(kv, "restrict", false, &restricted, errp) ||
        !keyval_get_bool(kv, "ipv4", true, &ipv4, errp) ||
        !keyval_get_bool(kv, "ipv6", true, &ipv6, errp)) {
        return false;
    }
    if (!ipv4 && !ipv6) {
        error_setg(errp, "ipv4=off and ipv6=off leave no network");
        return false;
    }
    cfg->version = 4;
    cfg->restricted = restricted;
    cfg->in_enabled = ipv4;
    cfg->in6_enabled = ipv6;
    if (!parse_network(net ? net : "10.0.2.0/24", &cfg->vnetwork, &cfg->vnetmask, errp) ||
        !get_host_addr(kv, "host", cfg->vnetwork, cfg->vnetmask, 2, &cfg->vhost, errp) ||
        !get_host_addr(kv, "dhcpstart", cfg->vnetwork, cfg->vnetmask, 15,
                       &cfg->vdhcp_start, errp) ||
        !get_host_addr(kv, "dns", cfg->vnetwork, cfg->vnetmask, 3, &cfg->vnameserver,
                       errp)) {
        return false;
    }
    inet_pton(AF_INET6, "fec0::", &cfg->vprefix_addr6);
    cfg->vprefix_len = 64;
    inet_pton(AF_INET6, "fec0::2", &cfg->vhost6);
    inet_pton(AF_INET6, "fec0::3", &cfg->vnameserver6);
    cfg->vhostname = keyval_get(kv, "hostname");
    cfg->vdomainname = keyval_get(kv, "domainname");
    cfg->tftp_path = keyval_get(kv, "tftp");
    cfg->tftp_server_name = keyval_get(kv, "tftp-server-name");
    cfg->bootfile = keyval_get(kv, "bootfile");
    if (cfg->tftp_path && !g_file_test(cfg->tftp_path, G_FILE_TEST_IS_DIR)) {
        error_setg(errp, "tftp=%s: not a directory", cfg->tftp_path);
        return false;
    }
    return true;
}

NetClientState *net_slirp_create(NetOptions *opts, const char *id, Error **errp)
{
    SlirpConfig cfg = { 0 };
    SlirpBackend *s;

    if (!slirp_parse_config(opts->kv, &cfg, errp)) {
        return NULL;
    }
    s = g_new0(SlirpBackend, 1);
    net_client_init(&s->nc, &slirp_info, id);
    s->pollfds = g_array_new(false, false, sizeof(GPollFD));
    s->slirp = slirp_new(&cfg, &slirp_callbacks, s);
    if (!s->slirp) {
        error_setg(errp, "libslirp refused the configuration");
        slirp_free(&s->nc);
        return NULL;
    }
    for (guint i = 0; i < opts->hostfwd->len; i++) {
        if (!add_hostfwd(s, opts->hostfwd->pdata[i], cfg.vdhcp_start, errp)) {
            slirp_free(&s->nc);
            return NULL;
        }
    }
    s->source = g_source_new(&slirp_source_funcs, sizeof(SlirpSource));
    ((SlirpSource *)s->source)->s = s;
    g_source_set_name(s->source, "slirp");
    g_source_attach(s->source, NULL);
    return &s->nc;
}
