/*
 * virtio-console-device: a console for the guest on a character device
 * (virtio 1.2 §5.3). Linux's virtio_console driver makes it /dev/hvc0.
 *
 * One port, no VIRTIO_CONSOLE_F_MULTIPORT, so the device has two queues
 * (§5.3.2): port 0's receiveq (0) and transmitq (1), and no control
 * queues. Offered features: SIZE when the "cols" and "rows" properties are
 * both set (the config space then reports them), and EMERG_WRITE (a
 * character written to the config field emerg_wr goes out at once).
 *
 * Guest output (transmitq): each buffer goes to the chardev with the
 * non-blocking chr_fe_write(). When the backend takes less (a socket peer
 * that does not read, a full pipe), the buffer stays ours, unfinished, and
 * a 1 ms real-time timer tries again. The guest therefore waits for its
 * buffers, as on a slow line, and the vCPU thread never blocks in a write.
 * Output without a peer (an unconnected socket, no chardev) is dropped by
 * the backend, as a UART's would be.
 *
 * Guest input (receiveq): the chardev asks can_receive() how much we can
 * take; we pop one receive buffer (and hold it) and answer its size, or 0
 * when the driver has posted none, which makes the backend stop reading:
 * the bytes wait in the kernel (socket, pipe) until the driver posts
 * buffers and kicks the receiveq, when chr_fe_accept_input() resumes the
 * backend. So nothing is lost when the guest posts buffers late. Each
 * delivery fills (part of) one buffer, which goes back to the driver at
 * once: a console wants bytes early rather than buffers full. Input is
 * taken only after DRIVER_OK (§3.1.1: the device must not use buffers
 * before); Linux posts its buffers after it sets DRIVER_OK.
 *
 * QEMU's spelling, `-device virtio-serial-device -device
 * virtconsole,chardev=c0`, builds the same device: virtio-serial-device is
 * the device without a chardev of its own, and virtconsole (a small device
 * with just the chardev) becomes port 0 of the last virtio-serial-device
 * created before it. QEMU's virtio-serial offers MULTIPORT and any number
 * of ports (virtserialport, /dev/vportNpM); here there is port 0 only, so a
 * second virtconsole on the same device is refused.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bswap.h"
#include "util/log.h"
#include "chardev/char-fe.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-console.h"
#include "softmmu/timers.h"

/* Bytes moved per chr_fe_write; buffers of any size go in steps of this. */
#define TX_CHUNK            4096
/* How soon a blocked output is tried again. */
#define TX_RETRY_MS         1
/* At most this much per delivery: the backend asks again for the rest. */
#define RX_MAX              (64 * KiB)

typedef struct VirtConsolePort VirtConsolePort;

typedef struct VirtIOConsole {
    VirtIODevice vdev;
    CharBackend chr;            /* property "chardev" (virtio-console-device) */
    uint16_t cols, rows;        /* properties: F_SIZE when both are set */

    CharBackend *port;          /* port 0's backend: &chr, or a virtconsole's */
    VirtConsolePort *port_dev;  /* the virtconsole serving as port 0, or NULL */
    VirtQueue *rx_vq, *tx_vq;
    VirtQueueElement *rx_elem;  /* popped by can_receive, filled by receive */
    VirtQueueElement *tx_elem;  /* being written out ... */
    uint64_t tx_offset;         /* ... from this byte on */
    Timer *tx_retry;
    bool tx_error_reported;
} VirtIOConsole;

struct VirtConsolePort {
    DeviceState parent;
    CharBackend chr;            /* property "chardev" */
    VirtIOConsole *console;
};

static VirtIOConsole *console_of(VirtIODevice *vdev)
{
    return container_of(vdev, VirtIOConsole, vdev);
}

/* ---- Guest output ---- */

static void tx_drop(VirtIOConsole *s)
{
    virtqueue_elem_free(s->tx_elem);
    s->tx_elem = NULL;
    s->tx_offset = 0;
}

/*
 * Writes out what the driver made available, the unfinished buffer first,
 * until the backend takes no more (then the retry timer is armed) or the
 * queue is empty.
 */
static void tx_flush(VirtIOConsole *s)
{
    VirtIODevice *vdev = &s->vdev;
    bool returned = false;

    for (;;) {
        if (!s->tx_elem) {
            s->tx_elem = virtqueue_pop(s->tx_vq);
            s->tx_offset = 0;
            if (!s->tx_elem) {
                break;
            }
        }
        while (s->tx_offset < s->tx_elem->out_len) {
            uint8_t buf[TX_CHUNK];
            size_t len = MIN(sizeof(buf), s->tx_elem->out_len - s->tx_offset);
            int n;

            if (!virtqueue_elem_read(vdev, s->tx_elem, s->tx_offset, buf, len)) {
                tx_drop(s);     /* the DMA failed: the device is broken until reset */
                goto out;
            }
            n = chr_fe_write(s->port, buf, len);
            if (n < 0) {
                /* A hard error (disk full ...): this output is lost, the guest goes on. */
                if (!s->tx_error_reported) {
                    error_report("%s: output lost: the character device failed",
                                 device_name(&vdev->parent));
                    s->tx_error_reported = true;
                }
                n = len;
            }
            s->tx_offset += n;
            if ((size_t)n < len) {
                timer_mod(s->tx_retry,
                          time_now_ns(TIME_REALTIME) / TIMER_SCALE_MS + TX_RETRY_MS);
                goto out;
            }
        }
        virtqueue_push(s->tx_vq, s->tx_elem, 0);
        tx_drop(s);
        returned = true;
    }
out:
    if (returned) {
        virtio_notify(vdev, s->tx_vq);
    }
}

static void tx_retry(void *opaque)
{
    tx_flush(opaque);
}

/*
 * The driver kicked the transmitq. Before DRIVER_OK too: output is only
 * ours to send, and a driver that kicks has set the queue up.
 */
static void console_handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    tx_flush(console_of(vdev));
}

/* ---- Guest input ---- */

static bool rx_running(VirtIOConsole *s)
{
    return (s->vdev.status & VIRTIO_CONFIG_S_DRIVER_OK) && !s->vdev.broken &&
           s->rx_vq->ready;
}

/* A receive buffer to fill: the one held, or the next the driver posted. */
static VirtQueueElement *rx_buffer(VirtIOConsole *s)
{
    if (!s->rx_elem && rx_running(s)) {
        s->rx_elem = virtqueue_pop(s->rx_vq);
        if (s->rx_elem && !s->rx_elem->in_len) {
            /* §5.3.6.1: receive buffers must be device-writable. */
            virtio_error(&s->vdev, "receiveq: buffer %u has no device-writable part",
                         s->rx_elem->head);
            virtqueue_elem_free(s->rx_elem);
            s->rx_elem = NULL;
        }
    }
    return s->rx_elem;
}

static int console_can_receive(void *opaque)
{
    VirtIOConsole *s = opaque;
    VirtQueueElement *elem = rx_buffer(s);

    return elem ? MIN(elem->in_len, RX_MAX) : 0;
}

static void console_receive(void *opaque, const uint8_t *buf, int size)
{
    VirtIOConsole *s = opaque;
    VirtQueueElement *elem = rx_buffer(s);

    /*
     * The backend sends no more than can_receive() said, right after asking;
     * only a reset in between could leave us without a buffer.
     */
    if (!elem) {
        log_mask(log_guest_errors, "%s: %d input bytes dropped: no receive buffer\n",
                 device_name(&s->vdev.parent), size);
        return;
    }
    size = MIN((uint64_t)size, elem->in_len);
    if (virtqueue_elem_write(&s->vdev, elem, 0, buf, size)) {
        virtqueue_push(s->rx_vq, elem, size);
        virtio_notify(&s->vdev, s->rx_vq);
    }
    virtqueue_elem_free(elem);
    s->rx_elem = NULL;
}

/* The driver posted receive buffers: let the backend deliver again. */
static void console_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    chr_fe_accept_input(console_of(vdev)->port);
}

/* ---- Config space, reset ---- */

static void console_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIOConsole *s = console_of(vdev);

    st16_le_p(config + VIRTIO_CONSOLE_CFG_COLS, s->cols);
    st16_le_p(config + VIRTIO_CONSOLE_CFG_ROWS, s->rows);
    st32_le_p(config + VIRTIO_CONSOLE_CFG_MAX_NR_PORTS, 1);
    st32_le_p(config + VIRTIO_CONSOLE_CFG_EMERG_WR, 0);     /* write-only */
}

/* §5.3.4: a write to emerg_wr sends its low byte out (a NUL is not told apart). */
static void console_set_config(VirtIODevice *vdev, const uint8_t *config)
{
    VirtIOConsole *s = console_of(vdev);
    uint8_t c = ld32_le_p(config + VIRTIO_CONSOLE_CFG_EMERG_WR);

    if (c) {
        chr_fe_write(s->port, &c, 1);       /* an emergency: never wait */
    }
}

static void console_reset_state(VirtIODevice *vdev)
{
    VirtIOConsole *s = console_of(vdev);

    /* The rings are forgotten with the queues: held buffers are not returned. */
    virtqueue_elem_free(s->rx_elem);
    s->rx_elem = NULL;
    tx_drop(s);
    if (s->tx_retry) {
        timer_del(s->tx_retry);
    }
}

static const VirtioDeviceOps console_ops = {
    .get_config = console_get_config,
    .set_config = console_set_config,
    .reset = console_reset_state,
};

/* ---- Ports ---- */

/* Makes be port 0's backend (NULL: the device's own "chardev" property). */
static void console_attach(VirtIOConsole *s, CharBackend *be)
{
    chr_fe_set_handlers(s->port, NULL, NULL, NULL, NULL);
    s->port = be ? be : &s->chr;
    chr_fe_set_handlers(s->port, console_can_receive, console_receive, NULL, s);
}

/* ---- virtio-console-device and virtio-serial-device ---- */

static bool console_realize(DeviceState *dev, Error **errp)
{
    VirtIODevice *vdev = virtio_device(dev);
    VirtIOConsole *s = console_of(vdev);

    if (!s->cols != !s->rows) {
        error_setg(errp, "cols and rows must be set together (the console size)");
        return false;
    }
    virtio_init(vdev, VIRTIO_ID_CONSOLE, &console_ops, VIRTIO_CONSOLE_CFG_SIZE);
    vdev->host_features |= 1ull << VIRTIO_CONSOLE_F_EMERG_WRITE;
    if (s->cols) {
        vdev->host_features |= 1ull << VIRTIO_CONSOLE_F_SIZE;
    }
    virtio_add_queue(vdev, VIRTIO_CONSOLE_QUEUE_SIZE, console_handle_rx);
    virtio_add_queue(vdev, VIRTIO_CONSOLE_QUEUE_SIZE, console_handle_tx);
    /* Only now: each virtio_add_queue() may move the array. */
    s->rx_vq = &vdev->vq[VIRTIO_CONSOLE_RX_QUEUE];
    s->tx_vq = &vdev->vq[VIRTIO_CONSOLE_TX_QUEUE];
    if (!virtio_plug(vdev, errp)) {
        virtio_cleanup(vdev);
        return false;
    }
    s->tx_retry = timer_new_ms(TIME_REALTIME, tx_retry, s);
    s->port = &s->chr;
    console_attach(s, NULL);
    return true;
}

static void console_unrealize(DeviceState *dev)
{
    VirtIODevice *vdev = virtio_device(dev);
    VirtIOConsole *s = console_of(vdev);

    chr_fe_set_handlers(s->port, NULL, NULL, NULL, NULL);
    if (s->port_dev) {
        s->port_dev->console = NULL;
        s->port_dev = NULL;
    }
    console_reset_state(vdev);
    timer_free(s->tx_retry);
    s->tx_retry = NULL;
    virtio_cleanup(vdev);
}

static void console_reset(DeviceState *dev)
{
    virtio_reset(virtio_device(dev));
}

static const Property console_props[] = {
    DEFINE_PROP_CHR("chardev", VirtIOConsole, chr, "character device of the console (hvc0)"),
    DEFINE_PROP_UINT16("cols", VirtIOConsole, cols, 0,
                       "console width for the driver (with rows: VIRTIO_CONSOLE_F_SIZE)"),
    DEFINE_PROP_UINT16("rows", VirtIOConsole, rows, 0, "console height"),
    DEFINE_PROP_END,
};

const DeviceClass virtio_console_device_class = {
    .name = "virtio-console-device",
    .desc = "virtio console (Linux hvc0) on a character device, on a virtio-mmio transport",
    .category = DEVICE_CATEGORY_CHAR,
    .instance_size = sizeof(VirtIOConsole),
    .props = console_props,
    .user_creatable = true,
    .realize = console_realize,
    .unrealize = console_unrealize,
    .reset = console_reset,
};

const DeviceClass virtio_serial_device_class = {
    .name = "virtio-serial-device",
    .desc = "virtio console whose port 0 is a later -device virtconsole (QEMU's spelling)",
    .category = DEVICE_CATEGORY_CHAR,
    .instance_size = sizeof(VirtIOConsole),
    .user_creatable = true,
    .realize = console_realize,
    .unrealize = console_unrealize,
    .reset = console_reset,
};

/* ---- virtconsole ---- */

typedef struct FindSerial {
    VirtIOConsole *last;
} FindSerial;

static void find_serial(DeviceState *dev, void *opaque)
{
    FindSerial *find = opaque;

    if (dev->dc == &virtio_serial_device_class) {
        find->last = console_of(virtio_device(dev));
    }
}

static bool virtconsole_realize(DeviceState *dev, Error **errp)
{
    VirtConsolePort *port = container_of(dev, VirtConsolePort, parent);
    FindSerial find = { NULL };

    device_foreach(find_serial, &find);
    if (!find.last) {
        error_setg(errp, "virtconsole needs a -device virtio-serial-device before it");
        return false;
    }
    if (find.last->port_dev) {
        error_setg(errp, "%s already has its port: it has one (no multiport support)",
                   device_name(&find.last->vdev.parent));
        return false;
    }
    port->console = find.last;
    find.last->port_dev = port;
    console_attach(find.last, &port->chr);
    return true;
}

static void virtconsole_unrealize(DeviceState *dev)
{
    VirtConsolePort *port = container_of(dev, VirtConsolePort, parent);
    VirtIOConsole *s = port->console;

    if (s) {
        console_attach(s, NULL);
        s->port_dev = NULL;
        port->console = NULL;
    }
}

static const Property virtconsole_props[] = {
    DEFINE_PROP_CHR("chardev", VirtConsolePort, chr, "character device of the console (hvc0)"),
    DEFINE_PROP_END,
};

const DeviceClass virtconsole_class = {
    .name = "virtconsole",
    .desc = "port 0 (hvc0) of the last virtio-serial-device (QEMU's spelling)",
    .category = DEVICE_CATEGORY_CHAR,
    .instance_size = sizeof(VirtConsolePort),
    .props = virtconsole_props,
    .user_creatable = true,
    .realize = virtconsole_realize,
    .unrealize = virtconsole_unrealize,
};
