/*
 * The front-end side of a character device: what a UART model, the monitor
 * or the gdb stub uses to talk to whatever backend the user chose.
 *
 * A front-end embeds a CharBackend in its state (all zero = not connected:
 * every call below is then a harmless no-op, writes are swallowed), connects
 * it with chr_fe_init(), installs its callbacks with chr_fe_set_handlers()
 * and from then on:
 *   - receives input through CharReceive, never more bytes than its
 *     CharCanReceive said it could take;
 *   - calls chr_fe_accept_input() when it has room again after saying 0
 *     (the backend stops reading meanwhile, so nothing is lost);
 *   - hears CHR_EVENT_OPENED/CLOSED when a socket peer comes and goes, and
 *     CHR_EVENT_MUX_IN/OUT/BREAK from a mux.
 *
 * A chardev takes one front-end, except a mux, which takes any number
 * (see chardev/char-mux.c): input goes to the focused one, the front-end
 * attached last until Ctrl-A c or chr_fe_take_focus() moves it. On a mux
 * only the focused front-end hears CHR_EVENT_OPENED; the others hear
 * CHR_EVENT_MUX_IN when the focus comes to them.
 *
 * All calls are made from the I/O thread, or with the global lock held.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CHARDEV_CHAR_FE_H
#define CHARDEV_CHAR_FE_H

#include "chardev/char.h"

/* How many bytes the front-end can take now (0: stop sending). */
typedef int CharCanReceive(void *opaque);
typedef void CharReceive(void *opaque, const uint8_t *buf, int size);
typedef void CharEventHandler(void *opaque, ChrEvent event);

struct CharBackend {
    Chardev *chr;                   /* NULL: not connected */
    CharCanReceive *can_receive;
    CharReceive *receive;
    CharEventHandler *event;
    void *opaque;
};

/* Fails when chr already has a front-end and is not a mux. */
bool chr_fe_init(CharBackend *be, Chardev *chr, Error **errp);
/* Detaches from the chardev (which stays, for another front-end) and zeroes be. */
void chr_fe_deinit(CharBackend *be);

/*
 * Installs the callbacks (any may be NULL; no receive means no input is
 * read). If the backend already has a peer, event gets CHR_EVENT_OPENED
 * before this returns (on a mux: if this front-end has the focus).
 */
void chr_fe_set_handlers(CharBackend *be, CharCanReceive *can_receive,
                         CharReceive *receive, CharEventHandler *event,
                         void *opaque);

/* Non-blocking: the bytes accepted (may be fewer than len, 0, or -1 on error). */
int chr_fe_write(CharBackend *be, const uint8_t *buf, int len);
/*
 * Blocks until all is written or the peer is gone: a disconnected socket
 * drops the data and returns len. -1 on a hard error (disk full ...).
 */
int chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len);
void chr_fe_printf(CharBackend *be, const char *fmt, ...) KOINE_PRINTF(2, 3);

/* The front-end has room again: the backend resumes delivering input. */
void chr_fe_accept_input(CharBackend *be);

/* On a mux: gives this front-end the input focus (others get MUX_OUT). */
void chr_fe_take_focus(CharBackend *be);

/* Connected to a chardev at all. */
bool chr_fe_backend_connected(CharBackend *be);
/* The backend has a peer (a socket client is connected; files always). */
bool chr_fe_is_open(CharBackend *be);

#endif
