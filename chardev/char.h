/*
 * Character devices: the byte streams that connect guest serial ports, the
 * monitor and the gdb stub to the outside world (terminal, files, pipes,
 * sockets).
 *
 * A Chardev is one backend instance. Each kind of backend is a const
 * ChardevClass (an ops table); the list of kinds users can name is one table
 * in char.c. Front-ends (a UART model, the monitor) never touch a Chardev's
 * insides: they embed a CharBackend and use chardev/char-fe.h.
 *
 * Everything here runs in the I/O thread, on GLib's default main context.
 * Backends watch their file descriptors with GLib sources and deliver input
 * only as fast as the front-end says it can take it (flow control), so a
 * device with a full FIFO never loses bytes: the rest waits in the kernel.
 *
 * The struct definitions below the public API are for backend files only.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CHARDEV_CHAR_H
#define CHARDEV_CHAR_H

#include "util/osdep.h"
#include "util/error.h"
#include "util/keyval.h"

typedef struct Chardev Chardev;
typedef struct ChardevClass ChardevClass;
typedef struct CharBackend CharBackend;

typedef enum {
    CHR_EVENT_OPENED,   /* the backend has a peer (socket connected, file open) */
    CHR_EVENT_CLOSED,   /* the peer went away (socket client disconnected) */
    CHR_EVENT_BREAK,    /* serial break (Ctrl-A b on a mux) */
    CHR_EVENT_MUX_IN,   /* this front-end got the focus of its mux */
    CHR_EVENT_MUX_OUT,  /* this front-end lost the focus of its mux */
} ChrEvent;

/*
 * -chardev BACKEND,id=ID[,mux=on],...: opts was parsed with implied key
 * "backend". Every key must be understood, or it is an error.
 */
Chardev *chardev_new_from_opts(KeyVal *opts, Error **errp);

/*
 * The short forms of -serial/-monitor/-gdb: null, stdio, file:PATH,
 * pipe:PATH, tcp:[HOST]:PORT[,server=on|off][,wait=on|off],
 * unix:PATH[,server...], chardev:ID, and "mon:" before any of them (a mux
 * the monitor will join). The new chardev's id is label; chardev:ID returns
 * the existing chardev ID unchanged.
 */
Chardev *chardev_new_from_spec(const char *label, const char *spec,
                               Error **errp);

Chardev *chardev_find(const char *id);
const char *chardev_id(Chardev *chr);
/* True for a mux: several front-ends may attach to it. */
bool chardev_is_mux(Chardev *chr);
/* The backend kind: "socket", "mux" ... */
const char *chardev_kind(Chardev *chr);

/* For socket chardevs: the TCP port in use (the real one for port=0), else -1. */
int chardev_socket_port(Chardev *chr);
/* For socket chardevs: "tcp:HOST:PORT" or "unix:PATH" (caller frees), else NULL. */
char *chardev_socket_address(Chardev *chr);

/* -chardev help: one line per backend kind. */
void chardev_print_help(FILE *out);

/* Closes one chardev (and the backend under a mux); detaches its front-ends. */
void chardev_delete(Chardev *chr);
/* Closes every chardev and restores the terminal; called on exit. */
void chardev_cleanup_all(void);

/* ---- For backend implementations (chardev/char-*.c) only ---- */

struct ChardevClass {
    const char *name;
    const char *help;           /* one line for -chardev help */
    size_t instance_size;       /* the backend's struct, Chardev first */
    /* Reads the backend's options (all but backend/id/mux); no side effects. */
    bool (*parse)(Chardev *chr, KeyVal *opts, Error **errp);
    /* Opens files/sockets; may block (socket server with wait=on). */
    bool (*open)(Chardev *chr, Error **errp);
    /*
     * Non-blocking: returns the bytes accepted (0 when it would block), or
     * -1 on an error that will not go away. A backend without a peer (a
     * disconnected socket) drops the data and returns len.
     */
    int (*write)(Chardev *chr, const uint8_t *buf, int len);
    /* Blocks until write() can make progress (or a short timeout passes). */
    void (*wait_writable)(Chardev *chr);
    /* The front-end has room again: resume reading. */
    void (*accept_input)(Chardev *chr);
    /* Releases what open() took (only called after a successful open). */
    void (*close)(Chardev *chr);
    /* Frees what parse() stored; always called, also when parse/open failed. */
    void (*finalize)(Chardev *chr);
};

struct Chardev {
    const ChardevClass *cls;
    char *id;
    CharBackend *be;        /* the front-end, NULL when none (unused by a mux) */
    bool be_open;           /* has a peer: front-ends see CHR_EVENT_OPENED */
    bool opened;            /* open() succeeded: close() must run */
    int logfd;              /* logfile=: a copy of all output, -1 = none */
};

/* Backend to front-end: how many bytes the front-end can take now. */
int chr_be_can_write(Chardev *chr);
/* Backend to front-end: delivers input (at most chr_be_can_write() bytes). */
void chr_be_write(Chardev *chr, const uint8_t *buf, int len);
/* Backend to front-end: OPENED/CLOSED also update chr->be_open. */
void chr_be_event(Chardev *chr, ChrEvent event);

/* Non-blocking write through the backend (and its logfile): cls->write's result. */
int chr_write(Chardev *chr, const uint8_t *buf, int len);
/* Writes all of buf through the backend, blocking; -1 on a hard error. */
int chr_write_all(Chardev *chr, const uint8_t *buf, int len);
/* Formats and writes all of it (used for the mux's help and messages). */
void chr_printf(Chardev *chr, const char *fmt, ...) KOINE_PRINTF(2, 3);

/* Creates a chardev of cls from opts with the given id (char.c, char-mux.c). */
Chardev *chardev_create(const ChardevClass *cls, const char *id,
                        KeyVal *opts, Error **errp);

#endif
