/*
 * Chardev tests over real sockets: TCP and unix servers and clients, events,
 * flow control, and the mux (focus, Ctrl-A keys) driven by a real client.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "chardev/char-fe.h"
#include "softmmu/runstate.h"
#include "chardev-test.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

static char *tmpdir;

static int tcp_connect(int port)
{
    struct sockaddr_in addr = {
        .sin_family = AF_INET,
        .sin_port = htons(port),
        .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
    };
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* A loopback listening socket on an ephemeral port. */
static int tcp_listener(int *port)
{
    struct sockaddr_in addr = {
        .sin_family = AF_INET,
        .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
    };
    socklen_t len = sizeof(addr);
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    g_assert_cmpint(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    g_assert_cmpint(listen(fd, 4), ==, 0);
    getsockname(fd, (struct sockaddr *)&addr, &len);
    *port = ntohs(addr.sin_port);
    return fd;
}

/* A port nothing listens on (bound, then released). */
static int free_port(void)
{
    int port;
    int fd = tcp_listener(&port);

    close(fd);
    return port;
}

static void send_str(int fd, const char *text)
{
    g_assert_cmpint(send(fd, text, strlen(text), 0), ==, (ssize_t)strlen(text));
}

/* Receives exactly len bytes (running the main loop meanwhile). */
static char *recv_exactly(int fd, size_t len)
{
    char *buf = g_malloc0(len + 1);
    size_t done = 0;
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    while (done < len && g_get_monotonic_time() < end) {
        ssize_t n = recv(fd, buf + done, len - done, MSG_DONTWAIT);

        if (n > 0) {
            done += n;
        } else {
            g_assert_true(n < 0);   /* not EOF */
            run_main_loop_for(1);
        }
    }
    g_assert_cmpuint(done, ==, len);
    return buf;
}

/* Receives whatever arrives within ms milliseconds. */
static GString *recv_for(int fd, int ms)
{
    GString *got = g_string_new(NULL);
    gint64 end = g_get_monotonic_time() + ms * 1000;

    while (g_get_monotonic_time() < end) {
        char buf[256];
        ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

        if (n > 0) {
            g_string_append_len(got, buf, n);
        } else {
            run_main_loop_for(1);
        }
    }
    return got;
}

static void check_recv(int fd, const char *expected)
{
    char *got = recv_exactly(fd, strlen(expected));

    g_assert_cmpstr(got, ==, expected);
    g_free(got);
}

static void test_tcp_server_nowait(void)
{
    Chardev *chr = new_chardev("socket,id=s0,host=127.0.0.1,port=0,"
                               "server=on,wait=off,nodelay=on");
    int port = chardev_socket_port(chr);
    TestFe fe;
    int client;

    g_assert_cmpint(port, >, 0);
    test_fe_attach(&fe, chr);
    g_assert_false(chr_fe_is_open(&fe.be));
    g_assert_cmpuint(fe.events->len, ==, 0);
    /* No peer: output is dropped, and reported as written. */
    g_assert_cmpint(chr_fe_write_all(&fe.be, (const uint8_t *)"lost", 4), ==, 4);

    client = tcp_connect(port);
    g_assert_cmpint(client, >=, 0);
    WAIT_FOR(fe.events->len == 1);
    g_assert_cmpint(test_fe_last_event(&fe), ==, CHR_EVENT_OPENED);
    g_assert_true(chr_fe_is_open(&fe.be));

    send_str(client, "from client");
    WAIT_FOR(fe.got->len == 11);
    g_assert_true(test_fe_got(&fe, "from client"));
    chr_fe_printf(&fe.be, "to client %d", 1);
    check_recv(client, "to client 1");

    /* A second client waits while the first is connected. */
    int second = tcp_connect(port);
    g_assert_cmpint(second, >=, 0);
    send_str(second, "second");
    run_main_loop_for(50);
    g_assert_cmpuint(fe.got->len, ==, 11);

    close(client);
    WAIT_FOR(test_fe_count_events(&fe, CHR_EVENT_CLOSED) == 1);
    g_assert_cmpint(g_array_index(fe.events, ChrEvent, 1), ==, CHR_EVENT_CLOSED);
    /* ...and is accepted once it left. */
    WAIT_FOR(test_fe_count_events(&fe, CHR_EVENT_OPENED) == 2);
    WAIT_FOR(fe.got->len == 17);
    g_assert_true(test_fe_got(&fe, "from clientsecond"));
    chr_fe_printf(&fe.be, "hi 2");
    check_recv(second, "hi 2");

    /* A peer gone while we write: dropped, reported as written, CLOSED. */
    close(second);
    WAIT_FOR(test_fe_count_events(&fe, CHR_EVENT_CLOSED) == 2);
    g_assert_false(chr_fe_is_open(&fe.be));
    g_assert_cmpint(chr_fe_write_all(&fe.be, (const uint8_t *)"void", 4), ==, 4);

    test_fe_detach(&fe);
    chardev_delete(chr);
    g_assert_cmpint(tcp_connect(port), ==, -1);
}

typedef struct Connector {
    int port;
    int fd;
} Connector;

static gpointer connector_thread(gpointer opaque)
{
    Connector *c = opaque;
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    g_usleep(50 * 1000);
    while ((c->fd = tcp_connect(c->port)) < 0 &&
           g_get_monotonic_time() < end) {
        g_usleep(10 * 1000);
    }
    return NULL;
}

static void test_tcp_server_wait(void)
{
    Connector c = { .port = free_port(), .fd = -1 };
    GThread *thread = g_thread_new("connector", connector_thread, &c);
    char *opts = g_strdup_printf("socket,id=sw,host=127.0.0.1,port=%d,"
                                 "server=on", c.port);
    Chardev *chr;
    TestFe fe;

    /* Blocks until the thread's client has connected. */
    chr = new_chardev(opts);
    g_thread_join(thread);
    g_assert_cmpint(c.fd, >=, 0);
    test_fe_attach(&fe, chr);
    g_assert_true(chr_fe_is_open(&fe.be));
    g_assert_cmpint(test_fe_count_events(&fe, CHR_EVENT_OPENED), ==, 1);
    send_str(c.fd, "waited");
    WAIT_FOR(fe.got->len == 6);
    g_assert_true(test_fe_got(&fe, "waited"));
    chr_fe_printf(&fe.be, "ack");
    check_recv(c.fd, "ack");
    close(c.fd);
    WAIT_FOR(!chr_fe_is_open(&fe.be));
    test_fe_detach(&fe);
    chardev_delete(chr);
    g_free(opts);
}

static void on_sigusr1(int sig)
{
}

static gpointer interrupter_thread(gpointer opaque)
{
    g_usleep(100 * 1000);
    pthread_kill(*(pthread_t *)opaque, SIGUSR1);
    return NULL;
}

/* A signal (Ctrl-C before the main loop runs) ends the wait: an error. */
static void test_tcp_server_wait_interrupted(void)
{
    struct sigaction act = { .sa_handler = on_sigusr1 }, old;
    pthread_t self = pthread_self();
    GThread *thread;
    char *msg;

    sigemptyset(&act.sa_mask);
    act.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &act, &old);
    thread = g_thread_new("interrupter", interrupter_thread, &self);
    msg = new_chardev_error("socket,id=wi,host=127.0.0.1,port=0,server=on");
    g_thread_join(thread);
    sigaction(SIGUSR1, &old, NULL);
    g_assert_true(g_str_has_prefix(msg, "interrupted while waiting for a "
                                   "connection on tcp:127.0.0.1:"));
    g_assert_null(chardev_find("wi"));
    g_free(msg);
}

static void test_unix_server(void)
{
    char *path = g_build_filename(tmpdir, "chr.sock", NULL);
    char *opts = g_strdup_printf("socket,id=u0,path=%s,server=on,wait=off",
                                 path);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    Chardev *chr;
    TestFe fe;
    int client;

    /* A stale socket from an earlier run is replaced. */
    for (int round = 0; round < 2; round++) {
        chr = new_chardev(opts);
        test_fe_attach(&fe, chr);
        g_assert_true(g_file_test(path, G_FILE_TEST_EXISTS));
        client = socket(AF_UNIX, SOCK_STREAM, 0);
        g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
        g_assert_cmpint(connect(client, (struct sockaddr *)&addr,
                                sizeof(addr)), ==, 0);
        WAIT_FOR(chr_fe_is_open(&fe.be));
        send_str(client, "unix in");
        WAIT_FOR(fe.got->len == 7);
        g_assert_true(test_fe_got(&fe, "unix in"));
        chr_fe_printf(&fe.be, "unix out");
        check_recv(client, "unix out");
        close(client);
        WAIT_FOR(test_fe_count_events(&fe, CHR_EVENT_CLOSED) == 1);
        test_fe_detach(&fe);
        chardev_delete(chr);
        g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
        if (round == 0) {
            /* As if a crashed run left its socket file behind. */
            int stale = socket(AF_UNIX, SOCK_STREAM, 0);

            g_assert_cmpint(bind(stale, (struct sockaddr *)&addr,
                                 sizeof(addr)), ==, 0);
            close(stale);
            g_assert_true(g_file_test(path, G_FILE_TEST_EXISTS));
        }
    }
    g_free(opts);
    g_free(path);
}

static void test_tcp_client(void)
{
    int port;
    int listener = tcp_listener(&port);
    char *opts = g_strdup_printf("socket,id=cl,host=127.0.0.1,port=%d", port);
    Chardev *chr = new_chardev(opts);
    TestFe fe;
    int peer;

    g_assert_cmpint(chardev_socket_port(chr), ==, port);
    peer = accept(listener, NULL, NULL);
    g_assert_cmpint(peer, >=, 0);
    test_fe_attach(&fe, chr);
    g_assert_cmpint(test_fe_count_events(&fe, CHR_EVENT_OPENED), ==, 1);
    send_str(peer, "server says");
    WAIT_FOR(fe.got->len == 11);
    g_assert_true(test_fe_got(&fe, "server says"));
    chr_fe_printf(&fe.be, "client says");
    check_recv(peer, "client says");
    close(peer);
    WAIT_FOR(test_fe_count_events(&fe, CHR_EVENT_CLOSED) == 1);
    g_assert_false(chr_fe_is_open(&fe.be));
    test_fe_detach(&fe);
    chardev_delete(chr);
    close(listener);
    g_free(opts);
}

/* accept() on a listener while the main loop keeps running (up to 5 s). */
static int accept_running(int listener)
{
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
    int fd;

    while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) < 0 &&
           g_get_monotonic_time() < end) {
        g_assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
        run_main_loop_for(5);
    }
    return fd;
}

static void test_tcp_client_reconnect(void)
{
    int port;
    int listener = tcp_listener(&port);
    char *opts = g_strdup_printf("socket,id=rc,host=127.0.0.1,port=%d,"
                                 "reconnect=1", port);
    Chardev *chr = new_chardev(opts);
    TestFe fe;
    int peer = accept(listener, NULL, NULL);

    test_fe_attach(&fe, chr);
    close(peer);
    WAIT_FOR(test_fe_count_events(&fe, CHR_EVENT_CLOSED) == 1);
    /* The client comes back by itself (after reconnect=1 second). */
    fcntl(listener, F_SETFL, O_NONBLOCK);
    peer = accept_running(listener);
    g_assert_cmpint(peer, >=, 0);
    WAIT_FOR(test_fe_count_events(&fe, CHR_EVENT_OPENED) == 2);
    send_str(peer, "again");
    WAIT_FOR(fe.got->len == 5);
    close(peer);
    test_fe_detach(&fe);
    chardev_delete(chr);
    close(listener);
    g_free(opts);
}

static void test_tcp_client_refused(void)
{
    int port = free_port();
    char *opts = g_strdup_printf("socket,id=ref,host=127.0.0.1,port=%d", port);
    char *expected = g_strdup_printf("cannot connect to tcp:127.0.0.1:%d: "
                                     "Connection refused", port);
    char *msg = new_chardev_error(opts);

    g_assert_cmpstr(msg, ==, expected);
    g_assert_null(chardev_find("ref"));
    g_free(msg);
    g_free(expected);
    g_free(opts);
}

static void test_tcp_server_busy_port(void)
{
    int port;
    int listener = tcp_listener(&port);
    char *opts = g_strdup_printf("socket,id=busy,host=127.0.0.1,port=%d,"
                                 "server=on,wait=off", port);
    char *msg = new_chardev_error(opts);

    g_assert_true(g_str_has_prefix(msg, "cannot listen on tcp:127.0.0.1:"));
    g_assert_nonnull(strstr(msg, "Address already in use"));
    close(listener);
    g_free(msg);
    g_free(opts);
}

static void test_flow_control(void)
{
    Chardev *chr = new_chardev("socket,id=fc,host=127.0.0.1,port=0,"
                               "server=on,wait=off");
    enum { TOTAL = 100000 };
    uint8_t *data = g_malloc(TOTAL);
    TestFe fe;
    int client;
    size_t sent = 0;

    for (int i = 0; i < TOTAL; i++) {
        data[i] = i * 7 + (i >> 8);
    }
    test_fe_attach(&fe, chr);
    fe.room = 0;
    client = tcp_connect(chardev_socket_port(chr));
    WAIT_FOR(chr_fe_is_open(&fe.be));
    while (sent < TOTAL) {
        ssize_t n = send(client, data + sent, TOTAL - sent, MSG_DONTWAIT);

        if (n > 0) {
            sent += n;
            continue;
        }
        /* The kernel buffers are full: the front-end takes some. */
        run_main_loop_for(2);
        g_assert_cmpuint(fe.got->len, ==, 0);
        break;
    }
    run_main_loop_for(30);
    g_assert_cmpuint(fe.got->len, ==, 0);

    /* Room for 100 bytes at a time (test_fe_receive checks the limit). */
    while (fe.got->len < TOTAL) {
        if (fe.room == 0) {
            fe.room = 100;
            chr_fe_accept_input(&fe.be);
        }
        if (sent < TOTAL) {
            ssize_t n = send(client, data + sent, TOTAL - sent, MSG_DONTWAIT);

            sent += n > 0 ? n : 0;
        }
        size_t before = fe.got->len;
        WAIT_FOR(fe.got->len > before || fe.got->len == TOTAL);
    }
    g_assert_cmpuint(fe.got->len, ==, TOTAL);
    g_assert_true(memcmp(fe.got->data, data, TOTAL) == 0);
    close(client);
    test_fe_detach(&fe);
    chardev_delete(chr);
    g_free(data);
}

/* A mux over a TCP server, one or two front-ends, and a connected client. */
typedef struct MuxSetup {
    Chardev *chr;
    TestFe a, b;
    int client;
} MuxSetup;

static void mux_setup(MuxSetup *m, bool two)
{
    m->chr = new_chardev("socket,id=mx,host=127.0.0.1,port=0,server=on,"
                         "wait=off,mux=on");
    g_assert_true(chardev_is_mux(m->chr));
    g_assert_true(chardev_find("mx") == m->chr);
    g_assert_cmpint(chardev_socket_port(m->chr), >, 0);
    test_fe_attach(&m->a, m->chr);
    if (two) {
        /* The front-end attached last takes the focus. */
        test_fe_attach(&m->b, m->chr);
        g_assert_cmpint(test_fe_last_event(&m->a), ==, CHR_EVENT_MUX_OUT);
        g_assert_cmpuint(m->b.events->len, ==, 0);
    }
    m->client = tcp_connect(chardev_socket_port(m->chr));
    WAIT_FOR(chr_fe_is_open(&m->a.be));
    g_assert_true(chr_fe_is_open(&m->a.be));
    /* OPENED goes to the focused front-end only. */
    if (two) {
        WAIT_FOR(test_fe_count_events(&m->b, CHR_EVENT_OPENED) == 1);
        g_assert_cmpint(test_fe_count_events(&m->a, CHR_EVENT_OPENED), ==, 0);
    } else {
        WAIT_FOR(test_fe_count_events(&m->a, CHR_EVENT_OPENED) == 1);
    }
}

static void mux_teardown(MuxSetup *m, bool two)
{
    close(m->client);
    WAIT_FOR(test_fe_count_events(&m->a, CHR_EVENT_CLOSED) == 1);
    test_fe_detach(&m->a);
    if (two) {
        g_assert_cmpint(test_fe_count_events(&m->b, CHR_EVENT_CLOSED), ==, 1);
        test_fe_detach(&m->b);
    }
    chardev_delete(m->chr);
    g_assert_null(chardev_find("mx-base"));
}

static void test_mux_focus(void)
{
    MuxSetup m;

    mux_setup(&m, true);
    send_str(m.client, "to b");
    WAIT_FOR(m.b.got->len == 4);
    g_assert_true(test_fe_got(&m.b, "to b"));

    send_str(m.client, "\x01" "c");
    WAIT_FOR(test_fe_count_events(&m.a, CHR_EVENT_MUX_IN) == 1);
    g_assert_cmpint(test_fe_last_event(&m.b), ==, CHR_EVENT_MUX_OUT);
    send_str(m.client, "to a");
    WAIT_FOR(m.a.got->len == 4);
    g_assert_true(test_fe_got(&m.a, "to a"));
    g_assert_cmpuint(m.b.got->len, ==, 4);

    /* C-a C-a: one literal C-a; C-a b: a break, to the focus only. */
    send_str(m.client, "\x01\x01" "\x01" "b");
    WAIT_FOR(test_fe_count_events(&m.a, CHR_EVENT_BREAK) == 1);
    g_assert_true(test_fe_got(&m.a, "to a\x01"));
    g_assert_cmpint(test_fe_count_events(&m.b, CHR_EVENT_BREAK), ==, 0);

    /* Around again: focus back to b. */
    send_str(m.client, "\x01" "c" "x");
    WAIT_FOR(m.b.got->len == 5);
    g_assert_true(test_fe_got(&m.b, "to bx"));
    g_assert_cmpint(test_fe_last_event(&m.a), ==, CHR_EVENT_MUX_OUT);
    g_assert_cmpint(test_fe_last_event(&m.b), ==, CHR_EVENT_MUX_IN);

    /* Output from both goes out, focused or not. */
    chr_fe_printf(&m.a.be, "[a]");
    chr_fe_printf(&m.b.be, "[b]");
    check_recv(m.client, "[a][b]");

    /* The focused front-end leaving hands the focus on. */
    test_fe_detach(&m.b);
    g_assert_cmpint(test_fe_last_event(&m.a), ==, CHR_EVENT_MUX_IN);
    send_str(m.client, "y");
    WAIT_FOR(m.a.got->len == 6);
    g_assert_true(test_fe_got(&m.a, "to a\x01y"));

    /* A newcomer takes the focus (and, focused, hears OPENED)... */
    test_fe_attach(&m.b, m.chr);
    g_assert_cmpint(test_fe_count_events(&m.b, CHR_EVENT_OPENED), ==, 1);
    g_assert_cmpint(test_fe_last_event(&m.a), ==, CHR_EVENT_MUX_OUT);
    send_str(m.client, "z");
    WAIT_FOR(m.b.got->len == 1);
    /* ...until chr_fe_take_focus() gives it back. */
    chr_fe_take_focus(&m.a.be);
    g_assert_cmpint(test_fe_last_event(&m.b), ==, CHR_EVENT_MUX_OUT);
    g_assert_cmpint(test_fe_last_event(&m.a), ==, CHR_EVENT_MUX_IN);
    send_str(m.client, "w");
    WAIT_FOR(m.a.got->len == 7);
    g_assert_cmpuint(m.b.got->len, ==, 1);
    mux_teardown(&m, true);
}

static void test_mux_keys(void)
{
    MuxSetup m;
    ShutdownCause cause = SHUTDOWN_CAUSE_NONE;
    GString *got;

    mux_setup(&m, false);
    send_str(m.client, "\x01" "h");
    got = recv_for(m.client, 100);
    g_assert_nonnull(strstr(got->str, "C-a x"));
    g_assert_nonnull(strstr(got->str, "C-a c"));
    g_assert_nonnull(strstr(got->str, "C-a b"));
    g_string_free(got, true);

    /* Only one front-end: C-a c says so and changes nothing. */
    send_str(m.client, "\x01" "c" "k");
    got = recv_for(m.client, 100);
    g_assert_nonnull(strstr(got->str, "only one front-end"));
    g_string_free(got, true);
    WAIT_FOR(m.a.got->len == 1);
    g_assert_true(test_fe_got(&m.a, "k"));
    g_assert_cmpint(test_fe_count_events(&m.a, CHR_EVENT_MUX_OUT), ==, 0);

    /* Unknown keys vanish. */
    send_str(m.client, "\x01" "q" "l");
    WAIT_FOR(m.a.got->len == 2);
    g_assert_true(test_fe_got(&m.a, "kl"));

    g_assert_false(runstate_process_requests(&cause));
    send_str(m.client, "\x01" "x");
    got = recv_for(m.client, 100);
    g_assert_nonnull(strstr(got->str, "koine: terminating on user request"));
    g_string_free(got, true);
    g_assert_true(runstate_process_requests(&cause));
    g_assert_cmpint(cause, ==, SHUTDOWN_CAUSE_HOST_UI);
    g_assert_true(test_fe_got(&m.a, "kl"));
    mux_teardown(&m, false);
}

static void test_mux_flow_control(void)
{
    MuxSetup m;

    mux_setup(&m, true);
    chr_fe_take_focus(&m.a.be);
    /* a is full; C-a c still gets through, and a loses nothing. */
    m.a.room = 0;
    send_str(m.client, "hello" "\x01" "c" "world");
    WAIT_FOR(m.b.got->len == 5);
    g_assert_true(test_fe_got(&m.b, "world"));
    g_assert_cmpuint(m.a.got->len, ==, 0);
    m.a.room = 3;
    chr_fe_accept_input(&m.a.be);
    g_assert_true(test_fe_got(&m.a, "hel"));
    m.a.room = 10;
    chr_fe_accept_input(&m.a.be);
    g_assert_true(test_fe_got(&m.a, "hello"));

    /* b full: a long burst stays in the kernel, then arrives whole. */
    enum { BURST = 5000 };
    char *burst = g_malloc(BURST + 1);
    for (int i = 0; i < BURST; i++) {
        burst[i] = 'A' + i % 26;
    }
    burst[BURST] = 0;
    m.b.room = 0;
    send_str(m.client, burst);
    run_main_loop_for(50);
    g_assert_cmpuint(m.b.got->len, ==, 5);
    while (m.b.got->len < 5 + BURST) {
        size_t before = m.b.got->len;

        m.b.room = 1000;
        chr_fe_accept_input(&m.b.be);
        WAIT_FOR(m.b.got->len > before);
    }
    g_assert_cmpuint(m.b.got->len, ==, 5 + BURST);
    g_assert_true(memcmp(m.b.got->data + 5, burst, BURST) == 0);
    g_free(burst);
    mux_teardown(&m, true);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("test-chardev-socket-XXXXXX", NULL);

    g_test_add_func("/chardev/socket/tcp-server-nowait", test_tcp_server_nowait);
    g_test_add_func("/chardev/socket/tcp-server-wait", test_tcp_server_wait);
    g_test_add_func("/chardev/socket/tcp-server-wait-interrupted",
                    test_tcp_server_wait_interrupted);
    g_test_add_func("/chardev/socket/tcp-server-busy-port",
                    test_tcp_server_busy_port);
    g_test_add_func("/chardev/socket/unix-server", test_unix_server);
    g_test_add_func("/chardev/socket/tcp-client", test_tcp_client);
    g_test_add_func("/chardev/socket/tcp-client-reconnect",
                    test_tcp_client_reconnect);
    g_test_add_func("/chardev/socket/tcp-client-refused",
                    test_tcp_client_refused);
    g_test_add_func("/chardev/socket/flow-control", test_flow_control);
    g_test_add_func("/chardev/mux/focus", test_mux_focus);
    g_test_add_func("/chardev/mux/keys", test_mux_keys);
    g_test_add_func("/chardev/mux/flow-control", test_mux_flow_control);
    ret = g_test_run();

    chardev_cleanup_all();
    rmdir(tmpdir);
    g_free(tmpdir);
    return ret;
}
