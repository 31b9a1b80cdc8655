/*
 * The mux: several front-ends (serial ports, the monitor) sharing one
 * backend. Created by mux=on on any backend, and always in front of stdio.
 *
 * The mux is the single front-end of its base chardev ("ID-base") and a
 * chardev of its own ("ID") that takes any number of front-ends. Output from
 * every front-end goes out through the base. Input goes to the focused
 * front-end, after the Ctrl-A (0x01) prefix keys are taken out:
 *   C-a h  help          C-a x  quit (a shutdown request, cause host-ui)
 *   C-a c  next focus    C-a b  break to the focused front-end
 *   C-a C-a  a literal 0x01
 * The front-end attached last has the focus (boards attach their UARTs after
 * the monitor joined, so the guest console has the keyboard at start);
 * chr_fe_take_focus() moves it.
 *
 * Events: CHR_EVENT_OPENED goes to the focused front-end only; the others
 * hear CHR_EVENT_MUX_IN when the focus comes to them, and take that as their
 * cue (a monitor greets then, not in the middle of the guest's boot log).
 * CHR_EVENT_CLOSED goes to every front-end.
 *
 * Flow control: each front-end has a small pending buffer. The mux reads
 * from the base only while the focused front-end's buffer has room, so when
 * a guest stops reading its UART the user can still type C-a x or C-a c
 * (until the buffer fills), and nothing typed is lost: the rest stays in the
 * kernel until chr_fe_accept_input().
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "softmmu/runstate.h"
#include "chardev/char-internal.h"

#define MUX_ESCAPE_CHAR 0x01    /* Ctrl-A */
/* Input a front-end that cannot take it right now may have waiting. */
#define MUX_PENDING_ROOM 64

typedef struct MuxFrontend {
    CharBackend *be;
    GByteArray *pending;
} MuxFrontend;

typedef struct MuxChardev {
    Chardev parent;
    Chardev *base;
    CharBackend base_be;        /* the mux as front-end of its base */
    GPtrArray *frontends;       /* of MuxFrontend *, in attach order */
    int focus;                  /* index into frontends, -1 = none */
    bool escape;                /* the last byte was Ctrl-A */
} MuxChardev;

#define MUX_CHARDEV(chr) container_of(chr, MuxChardev, parent)

static MuxFrontend *mux_frontend(MuxChardev *m, int i)
{
    return g_ptr_array_index(m->frontends, i);
}

static int mux_index_of(MuxChardev *m, CharBackend *be)
{
    for (guint i = 0; i < m->frontends->len; i++) {
        if (mux_frontend(m, i)->be == be) {
            return i;
        }
    }
    return -1;
}

static MuxFrontend *mux_focused(MuxChardev *m)
{
    return m->focus >= 0 ? mux_frontend(m, m->focus) : NULL;
}

static void mux_send_event(MuxFrontend *fe, ChrEvent event)
{
    if (fe && fe->be->event) {
        fe->be->event(fe->be->opaque, event);
    }
}

/* Hands a front-end as much of its pending input as it can take. */
static void mux_drain(MuxFrontend *fe)
{
    CharBackend *be = fe->be;

    while (fe->pending->len) {
        int room;
        guint n;
        uint8_t *chunk;

        if (!be->receive) {
            /* A front-end that takes no input: typing at it goes nowhere. */
            g_byte_array_set_size(fe->pending, 0);
            return;
        }
        room = be->can_receive ? be->can_receive(be->opaque) : INT_MAX;
        if (room <= 0) {
            return;
        }
        n = MIN((guint)room, fe->pending->len);
        /* Take it out first: receive() may write, switch focus, detach... */
        chunk = g_malloc(n);
        memcpy(chunk, fe->pending->data, n);
        g_byte_array_remove_range(fe->pending, 0, n);
        be->receive(be->opaque, chunk, n);
        g_free(chunk);
    }
}

static void mux_set_focus(MuxChardev *m, int focus)
{
    mux_send_event(mux_focused(m), CHR_EVENT_MUX_OUT);
    m->focus = focus;
    mux_send_event(mux_focused(m), CHR_EVENT_MUX_IN);
    /* The new focus may have input waiting, and more may now be read. */
    if (mux_focused(m)) {
        mux_drain(mux_focused(m));
    }
    chr_fe_accept_input(&m->base_be);
}

static void mux_print_help(MuxChardev *m)
{
    chr_printf(m->base,
               "\r\n"
               "C-a h    print this help\r\n"
               "C-a x    exit the emulator\r\n"
               "C-a c    switch between the serial console and the monitor "
               "(next front-end)\r\n"
               "C-a b    send a break\r\n"
               "C-a C-a  send C-a itself\r\n");
}

static void mux_escape_key(MuxChardev *m, uint8_t key)
{
    MuxFrontend *fe = mux_focused(m);

    switch (key) {
    case 'h':
    case 'H':
    case '?':
        mux_print_help(m);
        break;
    case 'x':
    case 'X':
        chr_printf(m->base, "\r\nkoine: terminating on user request\r\n");
        system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
        break;
    case 'c':
    case 'C':
        if (m->frontends->len <= 1) {
            chr_printf(m->base, "\r\nkoine: C-a c: only one front-end on "
                       "this console, nothing to switch to\r\n");
        } else {
            mux_set_focus(m, (m->focus + 1) % m->frontends->len);
        }
        break;
    case 'b':
    case 'B':
        mux_send_event(fe, CHR_EVENT_BREAK);
        break;
    case MUX_ESCAPE_CHAR:
        if (fe) {
            g_byte_array_append(fe->pending, &key, 1);
        }
        break;
    default:
        /* Unknown keys are swallowed, like a typo at a prompt. */
        break;
    }
}

static int mux_can_read(void *opaque)
{
    MuxChardev *m = opaque;
    MuxFrontend *fe = mux_focused(m);
    CharBackend *be;
    int room;

    if (!fe || fe->pending->len >= MUX_PENDING_ROOM) {
        return 0;
    }
    room = MUX_PENDING_ROOM - fe->pending->len;
    /* What the front-end takes at once need not go through the buffer. */
    be = fe->be;
    if (!fe->pending->len && be->receive) {
        room += be->can_receive ? MAX(be->can_receive(be->opaque), 0) : 4096;
    }
    return room;
}

static void mux_read(void *opaque, const uint8_t *buf, int size)
{
    MuxChardev *m = opaque;

    for (int i = 0; i < size; i++) {
        uint8_t c = buf[i];

        if (m->escape) {
            m->escape = false;
            mux_escape_key(m, c);
        } else if (c == MUX_ESCAPE_CHAR) {
            m->escape = true;
        } else if (mux_focused(m)) {
            g_byte_array_append(mux_focused(m)->pending, &c, 1);
        }
    }
    for (guint i = 0; i < m->frontends->len; i++) {
        mux_drain(mux_frontend(m, i));
    }
}

static void mux_event(void *opaque, ChrEvent event)
{
    MuxChardev *m = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        m->parent.be_open = true;
        mux_send_event(mux_focused(m), event);
        break;
    case CHR_EVENT_CLOSED:
        m->parent.be_open = false;
        for (guint i = 0; i < m->frontends->len; i++) {
            mux_send_event(mux_frontend(m, i), event);
        }
        break;
    case CHR_EVENT_BREAK:
        mux_send_event(mux_focused(m), event);
        break;
    default:
        break;
    }
}

Chardev *mux_create(const char *id, Chardev *base, Error **errp)
{
    Chardev *chr = chardev_create(&chardev_mux_class, id, NULL, errp);
    MuxChardev *m;

    if (!chr) {
        return NULL;
    }
    m = MUX_CHARDEV(chr);
    m->base = base;
    m->frontends = g_ptr_array_new();
    m->focus = -1;
    if (!chr_fe_init(&m->base_be, base, errp)) {
        /* Cannot happen for a fresh base; leave base to the caller. */
        m->base = NULL;
        chardev_delete(chr);
        return NULL;
    }
    chr_fe_set_handlers(&m->base_be, mux_can_read, mux_read, mux_event, m);
    return chr;
}

Chardev *mux_base(Chardev *mux)
{
    return MUX_CHARDEV(mux)->base;
}

bool mux_attach(Chardev *mux, CharBackend *be, Error **errp)
{
    MuxChardev *m = MUX_CHARDEV(mux);
    MuxFrontend *fe = g_new0(MuxFrontend, 1);

    fe->be = be;
    fe->pending = g_byte_array_new();
    g_ptr_array_add(m->frontends, fe);
    mux_set_focus(m, m->frontends->len - 1);
    return true;
}

static void mux_frontend_free(MuxFrontend *fe)
{
    g_byte_array_free(fe->pending, true);
    g_free(fe);
}

void mux_detach(Chardev *mux, CharBackend *be)
{
    MuxChardev *m = MUX_CHARDEV(mux);
    int i = mux_index_of(m, be);

    assert(i >= 0);
    mux_frontend_free(mux_frontend(m, i));
    g_ptr_array_remove_index(m->frontends, i);
    if (i < m->focus) {
        m->focus--;
    } else if (i == m->focus) {
        /* The focus passes on to the next front-end, if any is left. */
        m->focus = -1;
        if (m->frontends->len) {
            mux_set_focus(m, i % m->frontends->len);
        }
    }
}

void mux_detach_all(Chardev *mux)
{
    MuxChardev *m = MUX_CHARDEV(mux);

    for (guint i = 0; i < m->frontends->len; i++) {
        MuxFrontend *fe = mux_frontend(m, i);

        fe->be->chr = NULL;
        mux_frontend_free(fe);
    }
    g_ptr_array_set_size(m->frontends, 0);
    m->focus = -1;
}

void mux_handlers_changed(Chardev *mux, CharBackend *be)
{
    MuxFrontend *focused = mux_focused(MUX_CHARDEV(mux));

    if (mux->be_open && be->event && focused && focused->be == be) {
        be->event(be->opaque, CHR_EVENT_OPENED);
    }
    mux_accept_input(mux, be);
}

void mux_accept_input(Chardev *mux, CharBackend *be)
{
    MuxChardev *m = MUX_CHARDEV(mux);
    int i = mux_index_of(m, be);

    if (i >= 0) {
        mux_drain(mux_frontend(m, i));
    }
    chr_fe_accept_input(&m->base_be);
}

void mux_take_focus(Chardev *mux, CharBackend *be)
{
    MuxChardev *m = MUX_CHARDEV(mux);
    int i = mux_index_of(m, be);

    if (i >= 0 && i != m->focus) {
        mux_set_focus(m, i);
    }
}

static int mux_write(Chardev *chr, const uint8_t *buf, int len)
{
    return chr_fe_write(&MUX_CHARDEV(chr)->base_be, buf, len);
}

static void mux_wait_writable(Chardev *chr)
{
    Chardev *base = MUX_CHARDEV(chr)->base;

    if (base->cls->wait_writable) {
        base->cls->wait_writable(base);
    }
}

static void mux_close(Chardev *chr)
{
    MuxChardev *m = MUX_CHARDEV(chr);

    mux_detach_all(chr);
    if (m->base) {
        chr_fe_deinit(&m->base_be);
        chardev_delete(m->base);
    }
    g_ptr_array_free(m->frontends, true);
}

const ChardevClass chardev_mux_class = {
    .name = "mux",
    .help = "shares a backend between front-ends (mux=on)",
    .instance_size = sizeof(MuxChardev),
    .write = mux_write,
    .wait_writable = mux_wait_writable,
    .close = mux_close,
};
