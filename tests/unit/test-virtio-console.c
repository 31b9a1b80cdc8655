/*
 * virtio-console through the driver's eyes: the test is the driver
 * (virtio 1.2 §3.1 initialisation, §2.7 split virtqueues, §4.2
 * virtio-mmio, §5.3 console) and the far end of the console. The real
 * virtio-mmio transport and the real device sit in the memory map next to
 * 4 MiB of RAM; the device's chardev is a real unix-socket server (or a
 * real file) and the test is its peer, so output is read from, and input
 * written to, a real socket.
 *
 * Queues without MULTIPORT (§5.3.2): 0 is port 0's receiveq, 1 its
 * transmitq. A misbehaving driver must give a guest_errors log line (the
 * log goes to a temporary file the tests read) and DEVICE_NEEDS_RESET,
 * never a crash.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include <sys/socket.h>
#include <sys/un.h>
#include "util/bswap.h"
#include "util/log.h"
#include "chardev/char.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-console.h"
#include "hw/virtio/virtio-mmio.h"
#include "softmmu/memory.h"
#include "softmmu/main-loop.h"

#define MMIO_BASE   0x0a000000
#define RAM_BASE    0x40000000
#define RAM_SIZE    (4 * MiB)
#define RX_RINGS    (RAM_BASE + 0x0000)     /* desc, avail +0x1000, used +0x2000 */
#define TX_RINGS    (RAM_BASE + 0x4000)
#define RX_BUFS     (RAM_BASE + 0x10000)    /* slot i at + i * 0x1000 */
#define TX_DATA     (RAM_BASE + 0x100000)   /* up to 3 MiB */
#define QSZ         8
#define WILD        0x7000000000ull

#define AS (get_address_space_memory())
#define ATTRS MEMTXATTRS_UNSPECIFIED

/* The driver's view of one queue. */
typedef struct Queue {
    unsigned index;
    hwaddr desc, avail, used;
    uint16_t avail_idx;         /* next avail slot */
    uint16_t used_seen;         /* used entries consumed */
} Queue;

typedef struct Fixture {
    MemoryRegion ram;
    DeviceState *transport;
    DeviceState *dev;
    DeviceState *port;          /* a virtconsole, or NULL */
    IRQLine *irq;
    int irq_level;
    char *dir;
    char *sock;
    char *log;
    Chardev *chr;
    int peer;                   /* the test's end of the socket, -1: none */
    Queue rx, tx;
} Fixture;

static Fixture fx;

/* ---- Plumbing ---- */

static uint32_t rd(hwaddr reg)
{
    MemTxResult res;
    uint32_t v = address_space_ldl_le(AS, MMIO_BASE + reg, ATTRS, &res);

    g_assert_cmpint(res, ==, MEMTX_OK);
    return v;
}

static void wr(hwaddr reg, uint32_t value)
{
    MemTxResult res;

    address_space_stl_le(AS, MMIO_BASE + reg, value, ATTRS, &res);
    g_assert_cmpint(res, ==, MEMTX_OK);
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

/* One turn of the I/O thread: chardev sources, timers (the retry of output). */
static bool iterate(void)
{
    return main_loop_iterate(false);
}

/* Iterates until cond holds; fails after 10 s. */
#define WAIT_FOR(cond)                                                   \
    do {                                                                 \
        gint64 end_ = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;      \
        while (!(cond) && g_get_monotonic_time() < end_) {               \
            if (!iterate()) {                                            \
                g_usleep(500);                                           \
            }                                                            \
        }                                                                \
        g_assert_true(cond);                                             \
    } while (0)

static void run_for(int ms)
{
    gint64 end = g_get_monotonic_time() + ms * 1000;

    while (g_get_monotonic_time() < end) {
        if (!iterate()) {
            g_usleep(500);
        }
    }
}

/* A test pattern: byte i of a stream. */
static uint8_t pattern(size_t i)
{
    return (uint8_t)(i * 7 + (i >> 8) * 13 + 1);
}

/* ---- Set-up ---- */

static void new_device(const DeviceClass *dc, const char *props)
{
    g_auto(GStrv) pairs = props ? g_strsplit(props, ",", -1) : NULL;

    fx.dev = device_new(dc);
    for (int i = 0; pairs && pairs[i]; i++) {
        g_auto(GStrv) kv = g_strsplit(pairs[i], "=", 2);

        g_assert_true(device_set_prop(fx.dev, kv[0], kv[1], &error_abort));
    }
    g_assert_true(device_realize(fx.dev, NULL, &error_abort));
}

/* Connects to the chardev's socket as its peer. */
static void connect_peer(void)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };

    fx.peer = socket(AF_UNIX, SOCK_STREAM, 0);
    g_strlcpy(addr.sun_path, fx.sock, sizeof(addr.sun_path));
    g_assert_cmpint(connect(fx.peer, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    /* Let the server accept: the chardev then has a peer. */
    run_for(20);
}

/*
 * RAM, a transport, the socket chardev "c0" and (dc not NULL) a device of
 * class dc with properties props ("k=v,k=v"), then the peer connects.
 */
static void setup(const DeviceClass *dc, const char *props)
{
    g_autofree char *opts = NULL;
    KeyVal *kv;

    memset(&fx, 0, sizeof(fx));
    fx.peer = -1;
    fx.dir = g_dir_make_tmp("test-virtio-console-XXXXXX", NULL);
    fx.sock = g_build_filename(fx.dir, "console.sock", NULL);
    fx.log = g_build_filename(fx.dir, "log.txt", NULL);
    g_assert_true(log_set_file(fx.log, &error_abort));
    g_assert_true(log_enable_items("guest_errors", &error_abort));

    memory_region_init_ram(&fx.ram, "ram", RAM_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), RAM_BASE, &fx.ram);
    fx.transport = device_new(&virtio_mmio_class);
    g_assert_true(device_realize(fx.transport, NULL, &error_abort));
    device_mmio_map(fx.transport, 0, MMIO_BASE);
    fx.irq = irq_new(record_irq, &fx.irq_level, 0);
    device_connect_irq(fx.transport, 0, fx.irq);

    opts = g_strdup_printf("socket,id=c0,path=%s,server=on,wait=off", fx.sock);
    kv = keyval_parse(opts, "backend", &error_abort);
    fx.chr = chardev_new_from_opts(kv, &error_abort);
    keyval_free(kv);

    if (dc) {
        new_device(dc, props);
    }
    device_reset(fx.transport);
    connect_peer();
}

static void teardown(void)
{
    device_destroy(fx.port);
    device_destroy(fx.dev);
    memory_region_del_subregion(get_system_memory(), device_get_mmio(fx.transport, 0));
    device_destroy(fx.transport);
    irq_free(fx.irq);
    memory_region_del_subregion(get_system_memory(), &fx.ram);
    memory_region_finalize(&fx.ram);
    if (fx.peer >= 0) {
        close(fx.peer);
    }
    if (fx.chr) {
        chardev_delete(fx.chr);
    }
    log_disable_all();
    log_set_file(NULL, &error_abort);
    unlink(fx.log);
    unlink(fx.sock);
    rmdir(fx.dir);
    g_free(fx.sock);
    g_free(fx.log);
    g_free(fx.dir);
}

/* ---- The driver ---- */

static uint64_t device_features(void)
{
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    uint64_t lo = rd(VIRTIO_MMIO_DEVICE_FEATURES);
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    return lo | (uint64_t)rd(VIRTIO_MMIO_DEVICE_FEATURES) << 32;
}

static void queue_init(Queue *q, unsigned index, hwaddr rings)
{
    static const uint8_t zero[0x3000];

    *q = (Queue) { .index = index, .desc = rings, .avail = rings + 0x1000,
                   .used = rings + 0x2000 };
    ram_write(rings, zero, sizeof(zero));
    wr(VIRTIO_MMIO_QUEUE_SEL, index);
    g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), ==, VIRTIO_CONSOLE_QUEUE_SIZE);
    wr(VIRTIO_MMIO_QUEUE_NUM, QSZ);
    wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)q->desc);
    wr(VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)q->avail);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)q->used);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_READY, 1);
}

/* §3.1.1: reset, features, both queues, DRIVER_OK (unless !driver_ok). */
static void start(uint64_t features, bool driver_ok)
{
    uint32_t status = VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER;

    features |= 1ull << VIRTIO_F_VERSION_1;
    wr(VIRTIO_MMIO_STATUS, 0);
    wr(VIRTIO_MMIO_STATUS, status);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, features);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, features >> 32);
    status |= VIRTIO_CONFIG_S_FEATURES_OK;
    wr(VIRTIO_MMIO_STATUS, status);
    g_assert_cmpuint(rd(VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_FEATURES_OK, !=, 0);
    queue_init(&fx.rx, VIRTIO_CONSOLE_RX_QUEUE, RX_RINGS);
    queue_init(&fx.tx, VIRTIO_CONSOLE_TX_QUEUE, TX_RINGS);
    if (driver_ok) {
        wr(VIRTIO_MMIO_STATUS, status | VIRTIO_CONFIG_S_DRIVER_OK);
    }
}

static void put_desc(Queue *q, unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
                     uint16_t next)
{
    uint8_t d[VIRTQ_DESC_SIZE];

    st64_le_p(d, addr);
    st32_le_p(d + 8, len);
    st16_le_p(d + 12, flags);
    st16_le_p(d + 14, next);
    ram_write(q->desc + i * VIRTQ_DESC_SIZE, d, sizeof(d));
}

/* Makes chain `head` available on q and kicks it. */
static void kick(Queue *q, uint16_t head)
{
    address_space_stw_le(AS, q->avail + 4 + 2 * (q->avail_idx % QSZ), head, ATTRS, NULL);
    q->avail_idx++;
    address_space_stw_le(AS, q->avail + 2, q->avail_idx, ATTRS, NULL);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, q->index);
}

/* How many used entries wait for the driver. */
static unsigned used_pending(Queue *q)
{
    return (uint16_t)(address_space_lduw_le(AS, q->used + 2, ATTRS, NULL) - q->used_seen);
}

/* The next used element (asserts there is one): its len; *id its head. */
static uint32_t take_used(Queue *q, uint32_t *id)
{
    hwaddr elem = q->used + 4 + VIRTQ_USED_ELEM_SIZE * (q->used_seen % QSZ);

    g_assert_cmpuint(used_pending(q), >, 0);
    q->used_seen++;
    if (id) {
        *id = address_space_ldl_le(AS, elem, ATTRS, NULL);
    }
    return address_space_ldl_le(AS, elem + 4, ATTRS, NULL);
}

/* Posts receive buffer `slot` (4 KiB at most) as descriptor `slot`. */
static void post_rx(unsigned slot, uint32_t len)
{
    put_desc(&fx.rx, slot, RX_BUFS + slot * 0x1000, len, VIRTQ_DESC_F_WRITE, 0);
    kick(&fx.rx, slot);
}

/* Reads exactly len bytes from the peer (fails after 10 s). */
static void peer_read(void *buf, size_t len)
{
    size_t done = 0;
    gint64 end = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

    while (done < len && g_get_monotonic_time() < end) {
        ssize_t n = recv(fx.peer, (char *)buf + done, len - done, MSG_DONTWAIT);

        if (n > 0) {
            done += n;
        } else if (!iterate()) {
            g_usleep(500);
        }
    }
    g_assert_cmpuint(done, ==, len);
}

static void peer_expect(const char *text)
{
    g_autofree char *got = g_malloc0(strlen(text) + 1);

    peer_read(got, strlen(text));
    g_assert_cmpstr(got, ==, text);
}

/* Nothing more comes from the device within ms. */
static void peer_expect_nothing(int ms)
{
    char c;

    run_for(ms);
    g_assert_cmpint(recv(fx.peer, &c, 1, MSG_DONTWAIT), ==, -1);
}

static void peer_send(const void *buf, size_t len)
{
    g_assert_cmpint(send(fx.peer, buf, len, 0), ==, (ssize_t)len);
}

/* ---- Tests ---- */

static void test_registers(void)
{
    uint64_t features;
    Error *err = NULL;

    setup(&virtio_console_device_class, "chardev=c0");
    g_assert_cmpuint(rd(VIRTIO_MMIO_DEVICE_ID), ==, VIRTIO_ID_CONSOLE);
    features = device_features();
    g_assert_true(virtio_has_feature(features, VIRTIO_F_VERSION_1));
    g_assert_true(virtio_has_feature(features, VIRTIO_CONSOLE_F_EMERG_WRITE));
    g_assert_false(virtio_has_feature(features, VIRTIO_CONSOLE_F_SIZE));
    g_assert_false(virtio_has_feature(features, VIRTIO_CONSOLE_F_MULTIPORT));
    /* Two queues: port 0's receiveq and transmitq; no control queues. */
    for (unsigned q = 0; q < 2; q++) {
        wr(VIRTIO_MMIO_QUEUE_SEL, q);
        g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), ==, VIRTIO_CONSOLE_QUEUE_SIZE);
    }
    wr(VIRTIO_MMIO_QUEUE_SEL, 2);
    g_assert_cmpuint(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), ==, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_CONFIG + VIRTIO_CONSOLE_CFG_MAX_NR_PORTS), ==, 1);
    device_destroy(fx.dev);

    /* cols and rows: F_SIZE and the size in the config space (§5.3.4). */
    new_device(&virtio_console_device_class, "cols=132,rows=43");
    g_assert_true(virtio_has_feature(device_features(), VIRTIO_CONSOLE_F_SIZE));
    g_assert_cmpuint(address_space_lduw_le(AS, MMIO_BASE + VIRTIO_MMIO_CONFIG, ATTRS, NULL),
                     ==, 132);
    g_assert_cmpuint(address_space_lduw_le(AS, MMIO_BASE + VIRTIO_MMIO_CONFIG + 2, ATTRS,
                                           NULL), ==, 43);
    device_destroy(fx.dev);

    /* One without the other is a configuration error. */
    fx.dev = device_new(&virtio_console_device_class);
    g_assert_true(device_set_prop(fx.dev, "cols", "80", &error_abort));
    g_assert_false(device_realize(fx.dev, NULL, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "cols and rows must be set together"));
    error_free(err);
    device_destroy(fx.dev);
    fx.dev = NULL;
    teardown();
}

/* Guest output reaches the socket in order, across descriptors and buffers. */
static void test_tx(void)
{
    static const char a[] = "hello-", b[] = "hvc\n", c[] = "second buffer\n";
    uint32_t id;

    setup(&virtio_console_device_class, "chardev=c0");
    start(1ull << VIRTIO_F_EVENT_IDX, true);
    ram_write(TX_DATA, a, strlen(a));
    ram_write(TX_DATA + 0x100, b, strlen(b));
    ram_write(TX_DATA + 0x200, c, strlen(c));
    put_desc(&fx.tx, 0, TX_DATA, strlen(a), VIRTQ_DESC_F_NEXT, 1);
    put_desc(&fx.tx, 1, TX_DATA + 0x100, strlen(b), 0, 0);
    put_desc(&fx.tx, 2, TX_DATA + 0x200, strlen(c), 0, 0);
    kick(&fx.tx, 0);
    kick(&fx.tx, 2);
    /* Both buffers come back at once (a socket with room), with len 0. */
    g_assert_cmpuint(take_used(&fx.tx, &id), ==, 0);
    g_assert_cmpuint(id, ==, 0);
    g_assert_cmpuint(take_used(&fx.tx, &id), ==, 0);
    g_assert_cmpuint(id, ==, 2);
    g_assert_cmpint(fx.irq_level, ==, 1);
    peer_expect("hello-hvc\nsecond buffer\n");

    /* Emergency write (§5.3.4): one character through the config space. */
    address_space_stl_le(AS, MMIO_BASE + VIRTIO_MMIO_CONFIG + VIRTIO_CONSOLE_CFG_EMERG_WR,
                         '!', ATTRS, NULL);
    peer_expect("!");
    teardown();
}

/* Output to a file chardev. */
static void test_tx_file(void)
{
    g_autofree char *path = NULL, *opts = NULL, *text = NULL;
    static const char msg[] = "to a file\n";
    KeyVal *kv;
    Chardev *file;

    setup(NULL, NULL);
    path = g_build_filename(fx.dir, "out.txt", NULL);
    opts = g_strdup_printf("file,id=f0,path=%s", path);
    kv = keyval_parse(opts, "backend", &error_abort);
    file = chardev_new_from_opts(kv, &error_abort);
    keyval_free(kv);
    new_device(&virtio_console_device_class, "chardev=f0");
    start(0, true);
    ram_write(TX_DATA, msg, strlen(msg));
    put_desc(&fx.tx, 3, TX_DATA, strlen(msg), 0, 0);
    kick(&fx.tx, 3);
    g_assert_cmpuint(take_used(&fx.tx, NULL), ==, 0);
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_cmpstr(text, ==, msg);
    device_destroy(fx.dev);
    fx.dev = NULL;
    chardev_delete(file);
    unlink(path);
    teardown();
}

/*
 * A peer that does not read: the kick returns at once (the vCPU never
 * blocks), the buffers stay with the device until the socket has room,
 * and everything arrives, in order, once the peer reads.
 */
static void test_tx_backpressure(void)
{
    const size_t buf_len = 384 * KiB, nbufs = 8, total = buf_len * nbufs;
    g_autofree uint8_t *data = g_malloc(total);
    g_autofree uint8_t *got = g_malloc(total);
    gint64 before;

    setup(&virtio_console_device_class, "chardev=c0");
    start(0, true);
    for (size_t i = 0; i < total; i++) {
        data[i] = pattern(i);
    }
    ram_write(TX_DATA, data, total);
    before = g_get_monotonic_time();
    for (unsigned i = 0; i < nbufs; i++) {
        put_desc(&fx.tx, i, TX_DATA + i * buf_len, buf_len, 0, 0);
        kick(&fx.tx, i);
    }
    g_assert_cmpint(g_get_monotonic_time() - before, <, 2 * G_USEC_PER_SEC);
    /* 3 MiB do not fit a socket's buffers: not all came back. */
    run_for(20);
    g_assert_cmpuint(used_pending(&fx.tx), <, nbufs);
    peer_read(got, total);
    g_assert_true(memcmp(got, data, total) == 0);
    WAIT_FOR(used_pending(&fx.tx) == nbufs);
    for (unsigned i = 0; i < nbufs; i++) {
        uint32_t id;

        take_used(&fx.tx, &id);
        g_assert_cmpuint(id, ==, i);
    }
    teardown();
}

/* Input fills posted buffers in order; what does not fit waits. */
static void test_rx(void)
{
    static const char text[] = "0123456789abcdef-extra";
    char buf[16];
    uint32_t id;

    setup(&virtio_console_device_class, "chardev=c0");
    start(1ull << VIRTIO_F_EVENT_IDX, true);
    post_rx(0, 8);
    post_rx(1, 8);
    peer_send(text, strlen(text));
    WAIT_FOR(used_pending(&fx.rx) == 2);
    g_assert_cmpuint(take_used(&fx.rx, &id), ==, 8);
    g_assert_cmpuint(id, ==, 0);
    g_assert_cmpuint(take_used(&fx.rx, &id), ==, 8);
    g_assert_cmpuint(id, ==, 1);
    g_assert_cmpint(fx.irq_level, ==, 1);
    ram_read(RX_BUFS, buf, 8);
    ram_read(RX_BUFS + 0x1000, buf + 8, 8);
    g_assert_true(memcmp(buf, "0123456789abcdef", 16) == 0);

    /* The rest waits for the next buffer. */
    run_for(30);
    g_assert_cmpuint(used_pending(&fx.rx), ==, 0);
    post_rx(2, 64);
    WAIT_FOR(used_pending(&fx.rx) == 1);
    g_assert_cmpuint(take_used(&fx.rx, &id), ==, 6);
    g_assert_cmpuint(id, ==, 2);
    ram_read(RX_BUFS + 0x2000, buf, 6);
    g_assert_true(memcmp(buf, "-extra", 6) == 0);
    teardown();
}

/*
 * Input that arrives before the driver is ready (no DRIVER_OK, then no
 * buffers) waits in the socket; buffers posted late, a few at a time,
 * get every byte in order.
 */
static void test_rx_late(void)
{
    const size_t total = 50000;
    g_autofree uint8_t *data = g_malloc(total);
    g_autofree uint8_t *got = g_malloc(total);
    size_t done = 0;

    setup(&virtio_console_device_class, "chardev=c0");
    for (size_t i = 0; i < total; i++) {
        data[i] = pattern(i);
    }
    peer_send(data, total);
    start(1ull << VIRTIO_F_EVENT_IDX, false);
    post_rx(0, 4096);       /* before DRIVER_OK: not to be used yet */
    run_for(30);
    g_assert_cmpuint(used_pending(&fx.rx), ==, 0);
    wr(VIRTIO_MMIO_STATUS, rd(VIRTIO_MMIO_STATUS) | VIRTIO_CONFIG_S_DRIVER_OK);
    run_for(30);
    /* The driver's next kick (more buffers) lets the input in. */
    for (unsigned slot = 1; slot < QSZ; slot++) {
        post_rx(slot, 1000 + slot);
    }
    while (done < total) {
        uint32_t id, len;

        WAIT_FOR(used_pending(&fx.rx) > 0);
        len = take_used(&fx.rx, &id);
        g_assert_cmpuint(id, <, QSZ);
        g_assert_cmpuint(len, >, 0);
        g_assert_cmpuint(done + len, <=, total);
        ram_read(RX_BUFS + id * 0x1000, got + done, len);
        done += len;
        post_rx(id, id ? 1000 + id : 4096);     /* the buffer goes back */
    }
    g_assert_true(memcmp(got, data, total) == 0);
    run_for(20);
    g_assert_cmpuint(used_pending(&fx.rx), ==, 0);
    teardown();
}

/* Malformed chains are logged and stop the device until a reset; no crash. */
static void test_malformed(void)
{
    g_autofree char *log = NULL;
    static const char msg[] = "after reset\n";

    setup(&virtio_console_device_class, "chardev=c0");
    start(0, true);
    /* A receive buffer the device may not write. */
    put_desc(&fx.rx, 0, RX_BUFS, 64, 0, 0);
    kick(&fx.rx, 0);
    peer_send("x", 1);
    WAIT_FOR(rd(VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_NEEDS_RESET);
    log = log_text();
    g_assert_nonnull(strstr(log, "receiveq: buffer 0 has no device-writable part"));
    g_assert_cmpuint(used_pending(&fx.rx), ==, 0);

    /* Reset revives it; the byte was not lost. */
    start(0, true);
    post_rx(1, 16);
    WAIT_FOR(used_pending(&fx.rx) == 1);
    g_assert_cmpuint(take_used(&fx.rx, NULL), ==, 1);

    /* Output from outside guest memory; then a descriptor loop. */
    put_desc(&fx.tx, 0, WILD, 16, 0, 0);
    kick(&fx.tx, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_NEEDS_RESET, !=, 0);
    start(0, true);
    put_desc(&fx.tx, 0, TX_DATA, 4, VIRTQ_DESC_F_NEXT, 1);
    put_desc(&fx.tx, 1, TX_DATA, 4, VIRTQ_DESC_F_NEXT, 0);
    kick(&fx.tx, 0);
    g_assert_cmpuint(rd(VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_NEEDS_RESET, !=, 0);
    g_free(log);
    log = log_text();
    g_assert_nonnull(strstr(log, "virtio-console-device:"));
    peer_expect_nothing(20);

    start(0, true);
    ram_write(TX_DATA, msg, strlen(msg));
    put_desc(&fx.tx, 0, TX_DATA, strlen(msg), 0, 0);
    kick(&fx.tx, 0);
    peer_expect(msg);
    teardown();
}

/* QEMU's spelling: virtio-serial-device, then virtconsole as its port 0. */
static void test_virtconsole(void)
{
    static const char msg[] = "via virtconsole\n";
    Error *err = NULL;
    DeviceState *extra;
    char buf[4];

    setup(NULL, NULL);
    /* No virtio-serial-device yet. */
    extra = device_new(&virtconsole_class);
    g_assert_false(device_realize(extra, NULL, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "needs a -device virtio-serial-device"));
    error_free(err);
    err = NULL;
    device_destroy(extra);

    new_device(&virtio_serial_device_class, NULL);
    g_assert_cmpuint(rd(VIRTIO_MMIO_DEVICE_ID), ==, VIRTIO_ID_CONSOLE);
    fx.port = device_new(&virtconsole_class);
    g_assert_true(device_set_prop(fx.port, "chardev", "c0", &error_abort));
    g_assert_true(device_realize(fx.port, NULL, &error_abort));
    /* One port only. */
    extra = device_new(&virtconsole_class);
    g_assert_false(device_realize(extra, NULL, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "no multiport support"));
    error_free(err);
    device_destroy(extra);

    start(0, true);
    ram_write(TX_DATA, msg, strlen(msg));
    put_desc(&fx.tx, 0, TX_DATA, strlen(msg), 0, 0);
    kick(&fx.tx, 0);
    peer_expect(msg);
    post_rx(0, 16);
    peer_send("in", 2);
    WAIT_FOR(used_pending(&fx.rx) == 1);
    g_assert_cmpuint(take_used(&fx.rx, NULL), ==, 2);
    ram_read(RX_BUFS, buf, 2);
    g_assert_true(memcmp(buf, "in", 2) == 0);

    /* The device goes first: the port must not point at it any more. */
    device_destroy(fx.dev);
    fx.dev = NULL;
    peer_send("late", 4);
    run_for(20);
    teardown();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    log_init();
    main_loop_init();
    g_test_add_func("/virtio-console/registers", test_registers);
    g_test_add_func("/virtio-console/tx", test_tx);
    g_test_add_func("/virtio-console/tx-file", test_tx_file);
    g_test_add_func("/virtio-console/tx-backpressure", test_tx_backpressure);
    g_test_add_func("/virtio-console/rx", test_rx);
    g_test_add_func("/virtio-console/rx-late", test_rx_late);
    g_test_add_func("/virtio-console/malformed", test_malformed);
    g_test_add_func("/virtio-console/virtconsole", test_virtconsole);
    return g_test_run();
}
