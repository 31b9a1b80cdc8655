/*
 * The file backend: file,path=P[,append=on][,input-path=IN].
 *
 * Output goes to P (truncated at start unless append=on); input, if any, is
 * read from IN until its end, then stops.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "chardev/char-internal.h"
#include "chardev/char-fd.h"

#include <fcntl.h>

typedef struct FileChardev {
    Chardev parent;
    char *path;
    char *input_path;
    bool append;
    int fd_out;
    int fd_in;
    ChrFdReader reader;
} FileChardev;

#define FILE_CHARDEV(chr) container_of(chr, FileChardev, parent)

static bool file_parse(Chardev *chr, KeyVal *opts, Error **errp)
{
    FileChardev *f = FILE_CHARDEV(chr);
    const char *path = keyval_get(opts, "path");
    const char *input_path = keyval_get(opts, "input-path");

    if (!path || !*path) {
        error_setg(errp, "'file' needs path=PATH");
        return false;
    }
    f->path = g_strdup(path);
    f->input_path = g_strdup(input_path);
    return keyval_get_bool(opts, "append", false, &f->append, errp);
}

static bool file_open(Chardev *chr, Error **errp)
{
    FileChardev *f = FILE_CHARDEV(chr);
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC |
                (f->append ? O_APPEND : O_TRUNC);

    f->fd_in = -1;
    f->fd_out = open(f->path, flags, 0666);
    if (f->fd_out < 0) {
        error_setg_errno(errp, errno, "cannot open '%s' for writing", f->path);
        return false;
    }
    if (f->input_path) {
        f->fd_in = open(f->input_path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (f->fd_in < 0) {
            error_setg_errno(errp, errno, "cannot open '%s' for reading",
                             f->input_path);
            close(f->fd_out);
            return false;
        }
        chr_fd_reader_start(&f->reader, chr, f->fd_in, NULL);
    }
    chr->be_open = true;
    return true;
}

static int file_write(Chardev *chr, const uint8_t *buf, int len)
{
    return chr_fd_write(FILE_CHARDEV(chr)->fd_out, buf, len);
}

static void file_wait_writable(Chardev *chr)
{
    chr_fd_wait_writable(FILE_CHARDEV(chr)->fd_out);
}

static void file_accept_input(Chardev *chr)
{
    chr_fd_reader_resume(&FILE_CHARDEV(chr)->reader);
}

static void file_close(Chardev *chr)
{
    FileChardev *f = FILE_CHARDEV(chr);

    chr_fd_reader_stop(&f->reader);
    if (f->fd_in >= 0) {
        close(f->fd_in);
    }
    close(f->fd_out);
}

static void file_finalize(Chardev *chr)
{
    FileChardev *f = FILE_CHARDEV(chr);

    g_free(f->path);
    g_free(f->input_path);
}

const ChardevClass chardev_file_class = {
    .name = "file",
    .help = "path=PATH[,append=on][,input-path=PATH]: output to a file",
    .instance_size = sizeof(FileChardev),
    .parse = file_parse,
    .open = file_open,
    .write = file_write,
    .wait_writable = file_wait_writable,
    .accept_input = file_accept_input,
    .close = file_close,
    .finalize = file_finalize,
};
