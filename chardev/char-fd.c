/*
 * Reading and writing file descriptors for chardev backends: see char-fd.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "chardev/char-fd.h"

#include <fcntl.h>
#include <poll.h>
#include <glib-unix.h>

/* Input is delivered in chunks of at most this many bytes. */
#define CHR_READ_CHUNK 4096

static gboolean reader_ready(gint fd, GIOCondition cond, gpointer opaque)
{
    ChrFdReader *r = opaque;
    Chardev *chr = r->chr;
    uint8_t buf[CHR_READ_CHUNK];
    int room = chr_be_can_write(chr);
    ssize_t n;

    if (room <= 0) {
        /* The front-end is full: let the kernel hold the rest. */
        r->source = 0;
        return G_SOURCE_REMOVE;
    }
    n = read(fd, buf, MIN(room, (int)sizeof(buf)));
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        return G_SOURCE_CONTINUE;
    }
    if (n <= 0) {
        void (*eof)(Chardev *) = r->eof;

        r->source = 0;
        r->fd = -1;
        if (eof) {
            eof(chr);
        }
        return G_SOURCE_REMOVE;
    }
    /* The front-end may tear the reader down from here: touch r no more. */
    chr_be_write(chr, buf, n);
    return G_SOURCE_CONTINUE;
}

void chr_fd_reader_start(ChrFdReader *r, Chardev *chr, int fd,
                         void (*eof)(Chardev *chr))
{
    assert(r->source == 0);
    r->chr = chr;
    r->fd = fd;
    r->eof = eof;
    r->source = g_unix_fd_add(fd, G_IO_IN | G_IO_HUP | G_IO_ERR,
                              reader_ready, r);
}

void chr_fd_reader_resume(ChrFdReader *r)
{
    if (r->fd >= 0 && r->source == 0 && r->chr) {
        r->source = g_unix_fd_add(r->fd, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                  reader_ready, r);
    }
}

void chr_fd_reader_stop(ChrFdReader *r)
{
    if (r->source) {
        g_source_remove(r->source);
        r->source = 0;
    }
    r->fd = -1;
}

int chr_fd_write(int fd, const uint8_t *buf, int len)
{
    ssize_t n;

    do {
        n = write(fd, buf, len);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
    }
    return n;
}

void chr_fd_wait_writable(int fd)
{
    struct pollfd pfd = { .fd = fd, .events = POLLOUT };

    poll(&pfd, 1, 1000);
}

void chr_fd_set_nonblock(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC);
}
