/*
 * What the chardev files share among themselves and nobody else needs:
 * the backend classes (listed for users in char.c) and the mux's hooks
 * that the front-end calls in char-fe.c go through.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CHARDEV_CHAR_INTERNAL_H
#define CHARDEV_CHAR_INTERNAL_H

#include "chardev/char-fe.h"

extern const ChardevClass chardev_null_class;
extern const ChardevClass chardev_stdio_class;
extern const ChardevClass chardev_file_class;
extern const ChardevClass chardev_pipe_class;
extern const ChardevClass chardev_socket_class;
extern const ChardevClass chardev_mux_class;

/* Puts a new mux with the given id in front of base (which it then owns). */
Chardev *mux_create(const char *id, Chardev *base, Error **errp);
Chardev *mux_base(Chardev *mux);
bool mux_attach(Chardev *mux, CharBackend *be, Error **errp);
void mux_detach(Chardev *mux, CharBackend *be);
/* be installed (new) handlers: OPENED if open, input may flow. */
void mux_handlers_changed(Chardev *mux, CharBackend *be);
void mux_accept_input(Chardev *mux, CharBackend *be);
void mux_take_focus(Chardev *mux, CharBackend *be);
/* Forgets every front-end (at cleanup: they must not reach a freed mux). */
void mux_detach_all(Chardev *mux);

/* stdio always gets a mux in front of it. */
bool chardev_kind_wants_mux(const ChardevClass *cls);

/* Socket backend queries (char-socket.c). */
int socket_chardev_port(Chardev *chr);
char *socket_chardev_address(Chardev *chr);

#endif
