/*
 * PL011 UART tests: the device mapped in system memory and driven through
 * real memory accesses, with real chardevs behind it (a file for output, a
 * TCP server with a real client connection for input) and the interrupt
 * line recorded as the GIC would see it. The receive time-out runs on the
 * virtual clock, driven by the main loop.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/char/pl011.h"
#include "chardev/char.h"
#include "softmmu/main-loop.h"
#include "softmmu/memory.h"

#include <glib/gstdio.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define BASE    0x09000000

#define DR      0x000
#define RSR     0x004
#define FR      0x018
#define IBRD    0x024
#define FBRD    0x028
#define LCR_H   0x02c
#define CR      0x030
#define IFLS    0x034
#define IMSC    0x038
#define RIS     0x03c
#define MIS     0x040
#define ICR     0x044
#define DMACR   0x048

#define FR_BUSY 0x08
#define FR_RXFE 0x10
#define FR_TXFF 0x20
#define FR_RXFF 0x40
#define FR_TXFE 0x80

#define LCR_FEN_8BIT    0x70    /* FEN, WLEN = 8 bits */
#define LCR_8BIT        0x60
#define CR_ON           0x301   /* UARTEN | TXE | RXE */
#define CR_LBE          0x80

#define INT_RX  0x10
#define INT_TX  0x20
#define INT_RT  0x40
#define INT_BE  0x200

static char *tmpdir;

typedef struct Uart {
    DeviceState *dev;
    Chardev *chr;
    IRQLine *line;
    int level;
    int client;         /* socket chardevs: the connected client, else -1 */
} Uart;

static uint32_t rd(hwaddr off)
{
    MemTxResult res;
    uint32_t v = address_space_ldl_le(get_address_space_memory(), BASE + off,
                                      MEMTXATTRS_UNSPECIFIED, &res);

    g_assert_cmpint(res, ==, MEMTX_OK);
    return v;
}

static void wr(hwaddr off, uint32_t value)
{
    MemTxResult res;

    address_space_stl_le(get_address_space_memory(), BASE + off, value,
                         MEMTXATTRS_UNSPECIFIED, &res);
    g_assert_cmpint(res, ==, MEMTX_OK);
}

/* Runs the main loop (sockets, timers) until cond holds; fails after 5 s. */
#define WAIT_FOR(cond)                                                   \
    do {                                                                 \
        gint64 end_ = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;       \
        while (!(cond) && g_get_monotonic_time() < end_) {               \
            if (!main_loop_iterate(false)) {                             \
                g_usleep(200);                                           \
            }                                                            \
        }                                                                \
        g_assert_true(cond);                                             \
    } while (0)

static void run_for(int ms)
{
    gint64 end = g_get_monotonic_time() + ms * 1000;

    while (g_get_monotonic_time() < end) {
        if (!main_loop_iterate(false)) {
            g_usleep(200);
        }
    }
}

static void record_level(void *opaque, int n, int level)
{
    *(int *)opaque = level;
}

static int tcp_connect(int port)
{
    struct sockaddr_in addr = {
        .sin_family = AF_INET,
        .sin_port = htons(port),
        .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
    };
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(connect(fd, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    return fd;
}

static void send_bytes(Uart *u, const void *buf, size_t len)
{
    g_assert_cmpint(send(u->client, buf, len, 0), ==, (ssize_t)len);
}

static void send_str(Uart *u, const char *text)
{
    send_bytes(u, text, strlen(text));
}

/* A realized, reset PL011 at BASE, behind a chardev made from opts (or none). */
static void uart_init(Uart *u, const char *chardev_opts)
{
    memset(u, 0, sizeof(*u));
    u->client = -1;
    u->dev = device_new(&pl011_class);
    if (chardev_opts) {
        KeyVal *opts = keyval_parse(chardev_opts, "backend", &error_abort);

        u->chr = chardev_new_from_opts(opts, &error_abort);
        keyval_free(opts);
        g_assert_true(device_set_prop(u->dev, "chardev", chardev_id(u->chr),
                                      &error_abort));
    }
    g_assert_true(device_realize(u->dev, NULL, &error_abort));
    u->line = irq_new(record_level, &u->level, 0);
    device_connect_irq(u->dev, 0, u->line);
    device_mmio_map(u->dev, 0, BASE);
    device_reset(u->dev);
}

/* A PL011 behind a TCP server chardev with a real client connected. */
static void uart_init_socket(Uart *u, const char *extra)
{
    char *opts = g_strdup_printf("socket,id=uart-sock,host=127.0.0.1,port=0,"
                                 "server=on,wait=off%s", extra);

    uart_init(u, opts);
    g_free(opts);
    /* The server accepts it from the main loop; what it sends waits meanwhile. */
    u->client = tcp_connect(chardev_socket_port(u->chr));
}

static void uart_cleanup(Uart *u)
{
    memory_region_del_subregion(get_system_memory(), device_get_mmio(u->dev, 0));
    device_destroy(u->dev);
    if (u->client >= 0) {
        close(u->client);
    }
    if (u->chr) {
        chardev_delete(u->chr);
    }
    irq_free(u->line);
}

/*
 * Reads DR until n characters arrived, running the main loop after every
 * read, so input also arrives while the FIFO is partly full.
 */
static GString *read_chars(size_t n)
{
    GString *got = g_string_new(NULL);
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    while (got->len < n && g_get_monotonic_time() < end) {
        main_loop_iterate(false);
        if (rd(FR) & FR_RXFE) {
            continue;
        }
        uint32_t dr = rd(DR);

        g_assert_cmphex(dr & 0xf00, ==, 0);     /* no error bits */
        g_string_append_c(got, dr & 0xff);
    }
    g_assert_cmpuint(got->len, ==, n);
    return got;
}

static void test_id_registers(void)
{
    static const uint8_t id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    AddressSpace *as = get_address_space_memory();
    Uart u;

    uart_init(&u, NULL);
    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(rd(0xfe0 + 4 * i), ==, id[i]);
        g_assert_cmphex(address_space_ldub(as, BASE + 0xfe0 + 4 * i,
                                           MEMTXATTRS_UNSPECIFIED, NULL), ==, id[i]);
    }
    /* Read-only: writes change nothing. */
    wr(0xfe0, 0x55);
    g_assert_cmphex(rd(0xfe0), ==, 0x11);
    uart_cleanup(&u);
}

static void test_reset_values(void)
{
    Uart u;

    uart_init(&u, NULL);
    g_assert_cmphex(rd(CR), ==, 0x300);
    g_assert_cmphex(rd(IFLS), ==, 0x12);
    g_assert_cmphex(rd(FR), ==, FR_TXFE | FR_RXFE);
    g_assert_cmphex(rd(LCR_H), ==, 0);
    g_assert_cmphex(rd(IBRD), ==, 0);
    g_assert_cmphex(rd(FBRD), ==, 0);
    g_assert_cmphex(rd(IMSC), ==, 0);
    g_assert_cmphex(rd(RIS), ==, 0);
    g_assert_cmphex(rd(MIS), ==, 0);
    g_assert_cmphex(rd(RSR), ==, 0);
    g_assert_cmphex(rd(DMACR), ==, 0);

    /* Registers keep what is written (to their width), reset restores them. */
    wr(IBRD, 0x1000d);
    wr(FBRD, 0xff);
    wr(LCR_H, LCR_FEN_8BIT);
    wr(CR, CR_ON | 0xc00);
    wr(IFLS, 0x3f);
    wr(IMSC, 0xffff);
    g_assert_cmphex(rd(IBRD), ==, 0xd);
    g_assert_cmphex(rd(FBRD), ==, 0x3f);
    g_assert_cmphex(rd(LCR_H), ==, LCR_FEN_8BIT);
    g_assert_cmphex(rd(CR), ==, CR_ON | 0xc00);
    g_assert_cmphex(rd(IFLS), ==, 0x3f);
    g_assert_cmphex(rd(IMSC), ==, 0x7ff);
    wr(DR, 'x');
    g_assert_cmphex(rd(RIS), ==, INT_TX);
    g_assert_cmpint(u.level, ==, 1);

    device_reset(u.dev);
    g_assert_cmphex(rd(CR), ==, 0x300);
    g_assert_cmphex(rd(IFLS), ==, 0x12);
    g_assert_cmphex(rd(IBRD), ==, 0);
    g_assert_cmphex(rd(LCR_H), ==, 0);
    g_assert_cmphex(rd(IMSC), ==, 0);
    g_assert_cmphex(rd(RIS), ==, 0);
    g_assert_cmphex(rd(FR), ==, FR_TXFE | FR_RXFE);
    g_assert_cmpint(u.level, ==, 0);
    uart_cleanup(&u);
}

static char *read_file(const char *path)
{
    char *contents;

    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    return contents;
}

static void test_tx_file(void)
{
    char *path = g_build_filename(tmpdir, "tx.out", NULL);
    char *opts = g_strdup_printf("file,id=uart-file,path=%s", path);
    AddressSpace *as = get_address_space_memory();
    char *out;
    Uart u;

    uart_init(&u, opts);
    wr(IBRD, 13);
    wr(FBRD, 1);
    wr(LCR_H, LCR_FEN_8BIT);
    wr(CR, CR_ON);
    for (const char *p = "hello, "; *p; p++) {
        wr(DR, *p);
    }
    /* 8- and 16-bit writes to DR, as Linux and firmware may make them. */
    address_space_stb(as, BASE + DR, 'w', MEMTXATTRS_UNSPECIFIED, NULL);
    address_space_stw_le(as, BASE + DR, 'o', MEMTXATTRS_UNSPECIFIED, NULL);
    for (const char *p = "rld\n"; *p; p++) {
        wr(DR, *p);
    }
    /* Sent at once: FIFO empty, not busy. */
    g_assert_cmphex(rd(FR) & (FR_TXFE | FR_BUSY | FR_TXFF), ==, FR_TXFE);
    out = read_file(path);
    g_assert_cmpstr(out, ==, "hello, world\n");
    g_free(out);

    /* TX interrupt: raw after a write, on the line only when unmasked. */
    g_assert_cmphex(rd(RIS) & INT_TX, ==, INT_TX);
    g_assert_cmpint(u.level, ==, 0);
    wr(IMSC, INT_TX);
    g_assert_cmpint(u.level, ==, 1);
    g_assert_cmphex(rd(MIS), ==, INT_TX);
    wr(ICR, INT_TX);
    g_assert_cmpint(u.level, ==, 0);
    g_assert_cmphex(rd(RIS), ==, 0);
    wr(DR, '!');
    g_assert_cmpint(u.level, ==, 1);
    out = read_file(path);
    g_assert_cmpstr(out, ==, "hello, world\n!");
    g_free(out);

    /*
     * The backend gets whole bytes whatever the word length, as on QEMU: a
     * host terminal has no word length (and early consoles never set it).
     */
    wr(LCR_H, 0x50);        /* FEN, 7 bits */
    wr(DR, 0xc1);
    out = read_file(path);
    g_assert_cmpstr(out, ==, "hello, world\n!\301");
    g_free(out);

    uart_cleanup(&u);
    g_remove(path);
    g_free(path);
    g_free(opts);
}

static void test_rx_socket(void)
{
    GString *got;
    Uart u;

    uart_init_socket(&u, "");
    wr(LCR_H, LCR_FEN_8BIT);
    wr(CR, CR_ON);
    g_assert_cmphex(rd(FR) & (FR_RXFE | FR_RXFF), ==, FR_RXFE);

    send_str(&u, "koine");
    WAIT_FOR(!(rd(FR) & FR_RXFE));
    got = read_chars(5);
    g_assert_cmpstr(got->str, ==, "koine");
    g_string_free(got, true);
    g_assert_cmphex(rd(FR) & (FR_RXFE | FR_RXFF), ==, FR_RXFE);
    g_assert_cmphex(rd(RSR), ==, 0);

    /* Exactly 16 bytes fill the FIFO: RXFF, and then out in order. */
    send_str(&u, "0123456789abcdef");
    WAIT_FOR(rd(FR) & FR_RXFF);
    g_assert_cmphex(rd(FR) & FR_RXFE, ==, 0);
    got = read_chars(16);
    g_assert_cmpstr(got->str, ==, "0123456789abcdef");
    g_string_free(got, true);
    g_assert_cmphex(rd(FR) & FR_RXFE, ==, FR_RXFE);
    uart_cleanup(&u);
}

static void test_rx_flow_control(void)
{
    enum { N = 1000 };
    char sent[N];
    GString *got;
    Uart u;

    for (int i = 0; i < N; i++) {
        sent[i] = 'A' + i % 53;
    }
    uart_init_socket(&u, "");
    wr(LCR_H, LCR_FEN_8BIT);
    wr(CR, CR_ON);
    send_bytes(&u, sent, N);

    /* The FIFO fills and reception stops: nothing overruns. */
    WAIT_FOR(rd(FR) & FR_RXFF);
    run_for(50);
    g_assert_cmphex(rd(FR) & FR_RXFF, ==, FR_RXFF);
    g_assert_cmphex(rd(RSR), ==, 0);
    g_assert_cmphex(rd(RIS) & 0x780, ==, 0);    /* no error interrupts */

    /* Reading resumes it, and every byte arrives, in order. */
    got = read_chars(N);
    g_assert_cmpmem(got->str, got->len, sent, N);
    g_string_free(got, true);
    g_assert_cmphex(rd(RSR), ==, 0);
    run_for(20);
    g_assert_cmphex(rd(FR) & FR_RXFE, ==, FR_RXFE);
    uart_cleanup(&u);
}

static void test_rx_interrupts(void)
{
    Uart u;

    vm_start();
    uart_init_socket(&u, "");
    wr(IBRD, 13);           /* 115200 baud at 24 MHz: time-out ~278 us */
    wr(FBRD, 1);
    wr(LCR_H, LCR_FEN_8BIT);
    wr(IFLS, 0);            /* RX at 1/8 full: 2 characters */
    wr(CR, CR_ON);
    wr(IMSC, INT_RX | INT_RT);

    /* One character: below the level, so no RX; the time-out follows. */
    send_str(&u, "a");
    WAIT_FOR(!(rd(FR) & FR_RXFE));
    g_assert_cmphex(rd(RIS) & INT_RX, ==, 0);
    WAIT_FOR(u.level == 1);
    g_assert_cmphex(rd(RIS), ==, INT_RT);
    g_assert_cmphex(rd(MIS), ==, INT_RT);

    /* A second one reaches the level: RX too. */
    send_str(&u, "b");
    WAIT_FOR(rd(RIS) & INT_RX);
    g_assert_cmpint(u.level, ==, 1);

    /* Masked: raw status stays, the line falls. */
    wr(IMSC, 0);
    g_assert_cmpint(u.level, ==, 0);
    g_assert_cmphex(rd(RIS), ==, INT_RX | INT_RT);
    g_assert_cmphex(rd(MIS), ==, 0);
    wr(IMSC, INT_RX);
    g_assert_cmpint(u.level, ==, 1);

    /* Reading below the level clears RX; emptying the FIFO clears RT. */
    g_assert_cmphex(rd(DR), ==, 'a');
    g_assert_cmphex(rd(RIS) & INT_RX, ==, 0);
    g_assert_cmpint(u.level, ==, 0);
    g_assert_cmphex(rd(RIS) & INT_RT, ==, INT_RT);
    g_assert_cmphex(rd(DR), ==, 'b');
    g_assert_cmphex(rd(RIS), ==, 0);

    /* ICR clears what the guest handled, even with data still waiting. */
    wr(IMSC, INT_RT);
    send_str(&u, "c");
    WAIT_FOR(u.level == 1);
    wr(ICR, INT_RT);
    g_assert_cmpint(u.level, ==, 0);
    g_assert_cmphex(rd(RIS), ==, 0);
    g_assert_cmphex(rd(FR) & FR_RXFE, ==, 0);

    /* No time-out while the VM is paused: virtual time stands still. */
    g_assert_cmphex(rd(DR), ==, 'c');
    vm_stop(RUN_STATE_PAUSED);
    send_str(&u, "d");
    WAIT_FOR(!(rd(FR) & FR_RXFE));
    run_for(30);
    g_assert_cmphex(rd(RIS), ==, 0);
    vm_start();
    WAIT_FOR(u.level == 1);
    g_assert_cmphex(rd(DR), ==, 'd');
    g_assert_cmpint(u.level, ==, 0);
    uart_cleanup(&u);
}

static void test_non_fifo_mode(void)
{
    GString *got;
    Uart u;

    uart_init_socket(&u, "");
    wr(LCR_H, LCR_8BIT);    /* FEN clear: 1-character holding registers */
    wr(CR, CR_ON);
    wr(IMSC, INT_RX);
    send_str(&u, "xyz");

    /* One character fills the holding register and raises RX. */
    WAIT_FOR(rd(FR) & FR_RXFF);
    run_for(20);
    g_assert_cmphex(rd(FR) & (FR_RXFF | FR_RXFE), ==, FR_RXFF);
    g_assert_cmphex(rd(RIS) & INT_RX, ==, INT_RX);
    g_assert_cmpint(u.level, ==, 1);
    g_assert_cmphex(rd(DR), ==, 'x');
    g_assert_cmphex(rd(RIS) & INT_RX, ==, 0);
    g_assert_cmpint(u.level, ==, 0);
    got = read_chars(2);
    g_assert_cmpstr(got->str, ==, "yz");
    g_string_free(got, true);

    /* Turning the FIFO on makes room: the rest comes in without a read. */
    send_str(&u, "0123456789abcdef");
    WAIT_FOR(rd(FR) & FR_RXFF);
    run_for(30);            /* the backend has stopped reading */
    wr(LCR_H, LCR_FEN_8BIT);
    g_assert_cmphex(rd(FR) & FR_RXFF, ==, 0);
    WAIT_FOR(rd(FR) & FR_RXFF);
    got = read_chars(16);
    g_assert_cmpstr(got->str, ==, "0123456789abcdef");
    g_string_free(got, true);
    uart_cleanup(&u);
}

static void test_disabled(void)
{
    char *path = g_build_filename(tmpdir, "disabled.out", NULL);
    char *opts = g_strdup_printf("file,id=uart-file,path=%s", path);
    char *out;
    GString *got;
    Uart u, v;

    /*
     * Transmitter disabled: sent anyway, as QEMU does (early consoles write
     * before enabling the UART), and logged as a guest error.
     */
    uart_init(&u, opts);
    wr(LCR_H, LCR_FEN_8BIT);
    wr(DR, 'q');            /* reset state: UARTEN clear */
    wr(CR, 0x201);          /* UARTEN, RXE: no TXE */
    wr(DR, 'r');
    g_assert_cmphex(rd(FR) & (FR_TXFE | FR_BUSY), ==, FR_TXFE);
    out = read_file(path);
    g_assert_cmpstr(out, ==, "qr");
    g_free(out);
    uart_cleanup(&u);

    /* Receiver disabled (reset state, then RXE clear): nothing comes in. */
    uart_init_socket(&v, "");
    wr(LCR_H, LCR_FEN_8BIT);
    send_str(&v, "late");
    run_for(50);
    g_assert_cmphex(rd(FR) & FR_RXFE, ==, FR_RXFE);
    wr(CR, 0x101);          /* UARTEN, TXE: no RXE */
    run_for(50);
    g_assert_cmphex(rd(FR) & FR_RXFE, ==, FR_RXFE);
    wr(CR, CR_ON);
    got = read_chars(4);
    g_assert_cmpstr(got->str, ==, "late");
    g_string_free(got, true);
    uart_cleanup(&v);

    g_remove(path);
    g_free(path);
    g_free(opts);
}

/*
 * Linux's earlycon (earlycon=pl011,ADDR) writes bytes with 8-bit stores to
 * a UART in its reset state: UARTEN clear and LCR_H.WLEN = 5 bits. The host
 * must get the whole bytes, as on QEMU, or the early boot log is garbage.
 */
static void test_earlycon_reset_state(void)
{
    char *path = g_build_filename(tmpdir, "earlycon.out", NULL);
    char *opts = g_strdup_printf("file,id=uart-file,path=%s", path);
    AddressSpace *as = get_address_space_memory();
    const char *line = "[    0.000000] Booting Linux\n";
    char *out;
    Uart u;

    uart_init(&u, opts);
    g_assert_cmphex(rd(LCR_H), ==, 0);
    for (const char *p = line; *p; p++) {
        address_space_stb(as, BASE + DR, *p, MEMTXATTRS_UNSPECIFIED, NULL);
    }
    out = read_file(path);
    g_assert_cmpstr(out, ==, line);
    g_free(out);
    uart_cleanup(&u);
    g_remove(path);
    g_free(path);
    g_free(opts);
}

static void test_loopback_and_break(void)
{
    AddressSpace *as = get_address_space_memory();
    Uart u;

    /* A mux in front of the socket: Ctrl-A b from the client is a break. */
    uart_init_socket(&u, ",mux=on");
    wr(LCR_H, LCR_FEN_8BIT);
    wr(CR, CR_ON | CR_LBE);
    wr(IMSC, INT_BE);

    /* Loopback: what is sent comes back to the receiver. */
    wr(DR, 'L');
    g_assert_cmphex(rd(FR) & FR_RXFE, ==, 0);
    g_assert_cmphex(address_space_lduw_le(as, BASE + DR, MEMTXATTRS_UNSPECIFIED, NULL),
                    ==, 'L');

    send_str(&u, "\x01" "b");
    WAIT_FOR(u.level == 1);
    g_assert_cmphex(rd(RIS) & INT_BE, ==, INT_BE);
    g_assert_cmphex(rd(DR), ==, 0x400);     /* BE, data 0 */
    g_assert_cmphex(rd(RSR), ==, 0x4);
    wr(RSR, 0);                             /* ECR */
    g_assert_cmphex(rd(RSR), ==, 0);
    wr(ICR, 0x7ff);
    g_assert_cmpint(u.level, ==, 0);
    uart_cleanup(&u);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    main_loop_init();
    tmpdir = g_dir_make_tmp("test-pl011-XXXXXX", NULL);

    g_test_add_func("/pl011/id-registers", test_id_registers);
    g_test_add_func("/pl011/reset-values", test_reset_values);
    g_test_add_func("/pl011/tx-file", test_tx_file);
    g_test_add_func("/pl011/rx-socket", test_rx_socket);
    g_test_add_func("/pl011/rx-flow-control", test_rx_flow_control);
    g_test_add_func("/pl011/rx-interrupts", test_rx_interrupts);
    g_test_add_func("/pl011/non-fifo-mode", test_non_fifo_mode);
    g_test_add_func("/pl011/disabled", test_disabled);
    g_test_add_func("/pl011/earlycon-reset-state", test_earlycon_reset_state);
    g_test_add_func("/pl011/loopback-and-break", test_loopback_and_break);
    ret = g_test_run();

    chardev_cleanup_all();
    g_rmdir(tmpdir);
    g_free(tmpdir);
    return ret;
}
