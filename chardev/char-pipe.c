/*
 * The pipe backend: pipe,path=P.
 *
 * If both P.in and P.out exist, input is read from P.in and output written
 * to P.out; otherwise P is used both ways. Named pipes are opened read-write
 * so opening never blocks waiting for a peer, and a peer that goes away and
 * comes back (a script restarted) neither raises SIGPIPE nor ends input.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "chardev/char-internal.h"
#include "chardev/char-fd.h"

#include <fcntl.h>

typedef struct PipeChardev {
    Chardev parent;
    char *path;
    int fd_in;
    int fd_out;
    ChrFdReader reader;
} PipeChardev;

#define PIPE_CHARDEV(chr) container_of(chr, PipeChardev, parent)

static bool pipe_parse(Chardev *chr, KeyVal *opts, Error **errp)
{
    PipeChardev *p = PIPE_CHARDEV(chr);
    const char *path = keyval_get(opts, "path");

    if (!path || !*path) {
        error_setg(errp, "'pipe' needs path=PATH");
        return false;
    }
    p->path = g_strdup(path);
    return true;
}

static bool pipe_open(Chardev *chr, Error **errp)
{
    PipeChardev *p = PIPE_CHARDEV(chr);
    char *in = g_strdup_printf("%s.in", p->path);
    char *out = g_strdup_printf("%s.out", p->path);
    int flags = O_RDWR | O_NONBLOCK | O_CLOEXEC;

    p->fd_in = open(in, flags);
    p->fd_out = open(out, flags);
    g_free(in);
    g_free(out);
    if (p->fd_in < 0 || p->fd_out < 0) {
        if (p->fd_in >= 0) {
            close(p->fd_in);
        }
        if (p->fd_out >= 0) {
            close(p->fd_out);
        }
        p->fd_in = p->fd_out = open(p->path, flags);
        if (p->fd_in < 0) {
            error_setg_errno(errp, errno, "cannot open pipe '%s' (nor "
                             "'%s.in' and '%s.out')", p->path, p->path,
                             p->path);
            return false;
        }
    }
    chr_fd_reader_start(&p->reader, chr, p->fd_in, NULL);
    chr->be_open = true;
    return true;
}

static int pipe_write(Chardev *chr, const uint8_t *buf, int len)
{
    return chr_fd_write(PIPE_CHARDEV(chr)->fd_out, buf, len);
}

static void pipe_wait_writable(Chardev *chr)
{
    chr_fd_wait_writable(PIPE_CHARDEV(chr)->fd_out);
}

static void pipe_accept_input(Chardev *chr)
{
    chr_fd_reader_resume(&PIPE_CHARDEV(chr)->reader);
}

static void pipe_close(Chardev *chr)
{
    PipeChardev *p = PIPE_CHARDEV(chr);

    chr_fd_reader_stop(&p->reader);
    if (p->fd_out != p->fd_in) {
        close(p->fd_out);
    }
    close(p->fd_in);
}

static void pipe_finalize(Chardev *chr)
{
    g_free(PIPE_CHARDEV(chr)->path);
}

const ChardevClass chardev_pipe_class = {
    .name = "pipe",
    .help = "path=PATH: named pipes PATH.in/PATH.out, or PATH both ways",
    .instance_size = sizeof(PipeChardev),
    .parse = pipe_parse,
    .open = pipe_open,
    .write = pipe_write,
    .wait_writable = pipe_wait_writable,
    .accept_input = pipe_accept_input,
    .close = pipe_close,
    .finalize = pipe_finalize,
};
