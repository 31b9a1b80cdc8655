/*
 * Helpers shared by the backends built on file descriptors (stdio, file,
 * pipe, socket): reading with flow control, and non-blocking writes.
 *
 * A ChrFdReader watches one fd on the default main context and reads only
 * as many bytes as the front-end can take. When the front-end can take none,
 * the watch is removed (the data stays in the kernel) until the front-end
 * calls chr_fe_accept_input(), which resumes it. EOF or a read error stops
 * the reader for good and tells the backend through its eof callback.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CHARDEV_CHAR_FD_H
#define CHARDEV_CHAR_FD_H

#include "chardev/char.h"

typedef struct ChrFdReader {
    Chardev *chr;
    int fd;                     /* -1: not reading */
    guint source;               /* 0 while paused */
    void (*eof)(Chardev *chr);  /* optional: EOF or read error */
} ChrFdReader;

void chr_fd_reader_start(ChrFdReader *r, Chardev *chr, int fd,
                         void (*eof)(Chardev *chr));
/* Resumes a paused reader (no-op when running or stopped). */
void chr_fd_reader_resume(ChrFdReader *r);
/* Stops watching; does not close the fd. */
void chr_fd_reader_stop(ChrFdReader *r);

/* Non-blocking write: bytes written, 0 when it would block, -1 on error (errno). */
int chr_fd_write(int fd, const uint8_t *buf, int len);
/* Waits (up to a second) until fd is writable. */
void chr_fd_wait_writable(int fd);
/* Sets O_NONBLOCK (and FD_CLOEXEC) on fd. */
void chr_fd_set_nonblock(int fd);

#endif
