/*
 * The socket backend: TCP (host=H,port=P) or unix (path=P), as a server
 * (server=on) or a client.
 *
 * A server accepts one client at a time: while a client is connected the
 * listening socket is not watched (later clients wait in the backlog); when
 * it leaves, the front-end gets CHR_EVENT_CLOSED and listening resumes. With
 * wait=on (the default for servers) creation blocks until the first client
 * connects, after saying where on stderr. port=0 binds an ephemeral port;
 * chardev_socket_port() tells which.
 *
 * A client connects at creation and fails if it cannot, unless
 * reconnect=SECONDS is given: then it keeps retrying in the background, also
 * after the server goes away.
 *
 * Output with no peer is dropped (a guest printing to an unwatched console
 * must not stall). Sends use MSG_NOSIGNAL: a peer that vanished is a CLOSED
 * event, not a SIGPIPE.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/cutils.h"
#include "chardev/char-internal.h"
#include "chardev/char-fd.h"

#include <glib-unix.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

typedef struct SocketChardev {
    Chardev parent;
    /* options */
    char *host;                 /* tcp: NULL = all interfaces (server) */
    char *port_str;
    char *path;                 /* unix */
    bool server;
    bool wait;
    bool nodelay;
    uint64_t reconnect;         /* seconds, 0 = never */
    /* state */
    char *address;              /* "tcp:HOST:PORT" / "unix:PATH" for messages */
    int port;                   /* tcp: the bound or connected port */
    int listen_fd;
    guint listen_source;
    int fd;                     /* the connected peer, -1 = none */
    ChrFdReader reader;
    guint reconnect_timer;
} SocketChardev;

#define SOCKET_CHARDEV(chr) container_of(chr, SocketChardev, parent)

static void socket_listen_watch(SocketChardev *s);
static void socket_schedule_reconnect(SocketChardev *s);

static bool socket_parse(Chardev *chr, KeyVal *opts, Error **errp)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    const char *host = keyval_get(opts, "host");
    const char *port = keyval_get(opts, "port");
    const char *path = keyval_get(opts, "path");
    uint64_t port_num;

    s->listen_fd = s->fd = -1;
    s->port = -1;
    if (!keyval_get_bool(opts, "server", false, &s->server, errp) ||
        !keyval_get_bool(opts, "wait", s->server, &s->wait, errp) ||
        !keyval_get_bool(opts, "nodelay", false, &s->nodelay, errp) ||
        !keyval_get_u64(opts, "reconnect", 0, &s->reconnect, errp)) {
        return false;
    }
    if (path && (host || port)) {
        error_setg(errp, "'socket' takes either path=PATH (unix) or "
                   "host=HOST,port=PORT (tcp), not both");
        return false;
    }
    if (!path && !port) {
        error_setg(errp, "'socket' needs port=PORT (tcp) or path=PATH (unix)");
        return false;
    }
    if (s->server && s->reconnect) {
        error_setg(errp, "reconnect is for client sockets (server=off)");
        return false;
    }
    if (!s->server) {
        s->wait = false;
    }
    if (path) {
        if (!*path || strlen(path) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
            error_setg(errp, "unix socket path '%s' is empty or too long", path);
            return false;
        }
        s->path = g_strdup(path);
        s->address = g_strdup_printf("unix:%s", path);
        return true;
    }
    if (!parse_uint64(port, &port_num, NULL) || port_num > 65535 ||
        (!s->server && port_num == 0)) {
        error_setg(errp, "port '%s' is not a number from %d to 65535", port,
                   s->server ? 0 : 1);
        return false;
    }
    if (host && *host) {
        s->host = g_strdup(host);
    } else if (!s->server) {
        s->host = g_strdup("localhost");
    }
    s->port_str = g_strdup(port);
    s->address = g_strdup_printf("tcp:%s:%s", s->host ? s->host : "",
                                 s->port_str);
    return true;
}

/* ---- connection ---- */

static void socket_disconnect(SocketChardev *s)
{
    if (s->fd < 0) {
        return;
    }
    chr_fd_reader_stop(&s->reader);
    close(s->fd);
    s->fd = -1;
    chr_be_event(&s->parent, CHR_EVENT_CLOSED);
    if (s->server) {
        socket_listen_watch(s);
    } else if (s->reconnect) {
        socket_schedule_reconnect(s);
    }
}

static void socket_eof(Chardev *chr)
{
    socket_disconnect(SOCKET_CHARDEV(chr));
}

static void socket_connected(SocketChardev *s, int fd)
{
    int one = 1;

    chr_fd_set_nonblock(fd);
    if (s->nodelay && !s->path) {
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    s->fd = fd;
    chr_fd_reader_start(&s->reader, &s->parent, fd, socket_eof);
    chr_be_event(&s->parent, CHR_EVENT_OPENED);
}

/* ---- server ---- */

static gboolean socket_accept_ready(gint fd, GIOCondition cond, gpointer opaque)
{
    SocketChardev *s = opaque;
    int client = accept(fd, NULL, NULL);

    if (client < 0) {
        return G_SOURCE_CONTINUE;   /* EAGAIN, or the client gave up */
    }
    /* One client at a time: others wait in the backlog until it leaves. */
    s->listen_source = 0;
    socket_connected(s, client);
    return G_SOURCE_REMOVE;
}

static void socket_listen_watch(SocketChardev *s)
{
    if (s->listen_fd >= 0 && !s->listen_source) {
        s->listen_source = g_unix_fd_add(s->listen_fd, G_IO_IN,
                                         socket_accept_ready, s);
    }
}

static int tcp_listen(SocketChardev *s, Error **errp)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
        .ai_flags = AI_PASSIVE,
    };
    struct addrinfo *res, *ai;
    struct sockaddr_storage bound;
    socklen_t len = sizeof(bound);
    char host[NI_MAXHOST];
    int fd = -1, err = 0, rc;

    rc = getaddrinfo(s->host, s->port_str, &hints, &res);
    if (rc) {
        error_setg(errp, "cannot resolve '%s': %s", s->address,
                   gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        int one = 1;

        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                    ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0) {
            break;
        }
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        error_setg_errno(errp, err, "cannot listen on %s", s->address);
        return -1;
    }
    getsockname(fd, (struct sockaddr *)&bound, &len);
    if (bound.ss_family == AF_INET6) {
        s->port = ntohs(((struct sockaddr_in6 *)&bound)->sin6_port);
    } else {
        s->port = ntohs(((struct sockaddr_in *)&bound)->sin_port);
    }
    if (getnameinfo((struct sockaddr *)&bound, len, host, sizeof(host), NULL,
                    0, NI_NUMERICHOST) == 0) {
        g_free(s->address);
        s->address = g_strdup_printf(strchr(host, ':') ? "tcp:[%s]:%d"
                                                       : "tcp:%s:%d",
                                     host, s->port);
    }
    return fd;
}

static int unix_listen(SocketChardev *s, Error **errp)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    struct stat st;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if (fd < 0) {
        error_setg_errno(errp, errno, "cannot create a socket for %s",
                         s->address);
        return -1;
    }
    strcpy(addr.sun_path, s->path);
    /* A socket left behind by an earlier run would make bind() fail. */
    if (lstat(s->path, &st) == 0 && S_ISSOCK(st.st_mode)) {
        unlink(s->path);
    }
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
        listen(fd, 1) < 0) {
        error_setg_errno(errp, errno, "cannot listen on %s", s->address);
        close(fd);
        return -1;
    }
    return fd;
}

static bool socket_open_server(SocketChardev *s, Error **errp)
{
    s->listen_fd = s->path ? unix_listen(s, errp) : tcp_listen(s, errp);
    if (s->listen_fd < 0) {
        return false;
    }
    chr_fd_set_nonblock(s->listen_fd);
    if (!s->wait) {
        socket_listen_watch(s);
        return true;
    }
    info_report("waiting for connection on %s,server=on", s->address);
    for (;;) {
        struct pollfd pfd = { .fd = s->listen_fd, .events = POLLIN };
        int client;

        /*
         * poll() is never restarted after a signal handler ran, unlike
         * accept(): so Ctrl-C (handled by the main loop, which is not
         * running yet) ends the wait instead of being swallowed.
         */
        if (poll(&pfd, 1, -1) < 0) {
            if (errno == EINTR) {
                error_setg(errp, "interrupted while waiting for a connection "
                           "on %s", s->address);
            } else {
                error_setg_errno(errp, errno, "waiting for a connection on %s",
                                 s->address);
            }
            return false;
        }
        client = accept(s->listen_fd, NULL, NULL);
        if (client >= 0) {
            socket_connected(s, client);
            return true;
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
            errno != ECONNABORTED) {
            error_setg_errno(errp, errno, "accepting a connection on %s",
                             s->address);
            return false;
        }
    }
}

/* ---- client ---- */

/* Blocking connect; returns the fd, or -1 with *err set. */
static int socket_try_connect(SocketChardev *s, int *err)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
    };
    struct addrinfo *res, *ai;
    int fd = -1;

    if (s->path) {
        struct sockaddr_un addr = { .sun_family = AF_UNIX };

        strcpy(addr.sun_path, s->path);
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
            *err = errno;
            close(fd);
            fd = -1;
        }
        return fd;
    }
    if (getaddrinfo(s->host, s->port_str, &hints, &res) != 0) {
        *err = EHOSTUNREACH;
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                    ai->ai_protocol);
        if (fd < 0) {
            *err = errno;
            continue;
        }
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            struct sockaddr_storage peer;
            socklen_t len = sizeof(peer);

            getpeername(fd, (struct sockaddr *)&peer, &len);
            s->port = ntohs(peer.ss_family == AF_INET6
                            ? ((struct sockaddr_in6 *)&peer)->sin6_port
                            : ((struct sockaddr_in *)&peer)->sin_port);
            break;
        }
        *err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
}

static gboolean socket_reconnect_timeout(gpointer opaque)
{
    SocketChardev *s = opaque;
    int err = 0;
    int fd = socket_try_connect(s, &err);

    if (fd < 0) {
        return G_SOURCE_CONTINUE;
    }
    s->reconnect_timer = 0;
    socket_connected(s, fd);
    return G_SOURCE_REMOVE;
}

static void socket_schedule_reconnect(SocketChardev *s)
{
    if (!s->reconnect_timer) {
        s->reconnect_timer = g_timeout_add_seconds(s->reconnect,
                                                   socket_reconnect_timeout, s);
    }
}

static bool socket_open_client(SocketChardev *s, Error **errp)
{
    int err = ECONNREFUSED;
    int fd = socket_try_connect(s, &err);

    if (fd >= 0) {
        socket_connected(s, fd);
        return true;
    }
    if (s->reconnect) {
        warn_report("cannot connect to %s: %s (retrying every %" PRIu64 "s)",
                    s->address, g_strerror(err), s->reconnect);
        socket_schedule_reconnect(s);
        return true;
    }
    error_setg(errp, "cannot connect to %s: %s", s->address, g_strerror(err));
    return false;
}

/* ---- ops ---- */

static void socket_close(Chardev *chr);

static bool socket_open(Chardev *chr, Error **errp)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    bool ok = s->server ? socket_open_server(s, errp)
                        : socket_open_client(s, errp);

    if (!ok) {
        socket_close(chr);
    }
    return ok;
}

static int socket_write(Chardev *chr, const uint8_t *buf, int len)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    ssize_t n;

    if (s->fd < 0) {
        return len;     /* nobody listening: drop it */
    }
    do {
        n = send(s->fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    if (n >= 0) {
        return n;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
        return 0;
    }
    socket_disconnect(s);
    return len;
}

static void socket_wait_writable(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    if (s->fd >= 0) {
        chr_fd_wait_writable(s->fd);
    }
}

static void socket_accept_input(Chardev *chr)
{
    chr_fd_reader_resume(&SOCKET_CHARDEV(chr)->reader);
}

static void socket_close(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    if (s->reconnect_timer) {
        g_source_remove(s->reconnect_timer);
        s->reconnect_timer = 0;
    }
    if (s->listen_source) {
        g_source_remove(s->listen_source);
        s->listen_source = 0;
    }
    chr_fd_reader_stop(&s->reader);
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        s->listen_fd = -1;
        if (s->path) {
            unlink(s->path);
        }
    }
}

static void socket_finalize(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    g_free(s->host);
    g_free(s->port_str);
    g_free(s->path);
    g_free(s->address);
}

int socket_chardev_port(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    return s->path ? -1 : s->port;
}

char *socket_chardev_address(Chardev *chr)
{
    return g_strdup(SOCKET_CHARDEV(chr)->address);
}

const ChardevClass chardev_socket_class = {
    .name = "socket",
    .help = "host=HOST,port=PORT | path=PATH [,server=on|off][,wait=on|off]"
            "[,nodelay=on][,reconnect=SECONDS]: TCP or unix socket",
    .instance_size = sizeof(SocketChardev),
    .parse = socket_parse,
    .open = socket_open,
    .write = socket_write,
    .wait_writable = socket_wait_writable,
    .accept_input = socket_accept_input,
    .close = socket_close,
    .finalize = socket_finalize,
};
