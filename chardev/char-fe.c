/*
 * The front-end API (chardev/char-fe.h): a CharBackend is the front-end's
 * handle on a chardev. A plain chardev points back at its single CharBackend;
 * a mux keeps a list of them (char-mux.c), so the calls that differ go to
 * the mux's hooks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "chardev/char-internal.h"

bool chr_fe_init(CharBackend *be, Chardev *chr, Error **errp)
{
    assert(chr);
    memset(be, 0, sizeof(*be));
    if (chardev_is_mux(chr)) {
        if (!mux_attach(chr, be, errp)) {
            return false;
        }
    } else {
        if (chr->be) {
            error_setg(errp, "chardev '%s' is already in use by another "
                       "front-end (create it with mux=on to share it)",
                       chr->id);
            return false;
        }
        chr->be = be;
    }
    be->chr = chr;
    return true;
}

void chr_fe_deinit(CharBackend *be)
{
    Chardev *chr = be->chr;

    if (!chr) {
        return;
    }
    if (chardev_is_mux(chr)) {
        mux_detach(chr, be);
    } else {
        assert(chr->be == be);
        chr->be = NULL;
    }
    memset(be, 0, sizeof(*be));
}

void chr_fe_set_handlers(CharBackend *be, CharCanReceive *can_receive,
                         CharReceive *receive, CharEventHandler *event,
                         void *opaque)
{
    Chardev *chr = be->chr;

    be->can_receive = can_receive;
    be->receive = receive;
    be->event = event;
    be->opaque = opaque;
    if (!chr) {
        return;
    }
    if (chardev_is_mux(chr)) {
        mux_handlers_changed(chr, be);
        return;
    }
    if (chr->be_open && event) {
        event(opaque, CHR_EVENT_OPENED);
    }
    /* A reader paused for want of a receiver may start now. */
    if (receive && chr->cls->accept_input) {
        chr->cls->accept_input(chr);
    }
}

int chr_fe_write(CharBackend *be, const uint8_t *buf, int len)
{
    if (!be->chr) {
        return len;
    }
    return chr_write(be->chr, buf, len);
}

int chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len)
{
    if (!be->chr) {
        return len;
    }
    return chr_write_all(be->chr, buf, len);
}

void chr_fe_printf(CharBackend *be, const char *fmt, ...)
{
    va_list ap;
    char *text;

    if (!be->chr) {
        return;
    }
    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    chr_write_all(be->chr, (const uint8_t *)text, strlen(text));
    g_free(text);
}

void chr_fe_accept_input(CharBackend *be)
{
    Chardev *chr = be->chr;

    if (!chr) {
        return;
    }
    if (chardev_is_mux(chr)) {
        mux_accept_input(chr, be);
    } else if (chr->cls->accept_input) {
        chr->cls->accept_input(chr);
    }
}

void chr_fe_take_focus(CharBackend *be)
{
    if (be->chr && chardev_is_mux(be->chr)) {
        mux_take_focus(be->chr, be);
    }
}

bool chr_fe_backend_connected(CharBackend *be)
{
    return be->chr != NULL;
}

bool chr_fe_is_open(CharBackend *be)
{
    return be->chr && be->chr->be_open;
}
