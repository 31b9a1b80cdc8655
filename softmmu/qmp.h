/*
 * QMP, the machine-readable monitor: JSON requests and replies over a
 * character device, wire-compatible with QEMU's QMP so that existing
 * clients (scripts, test harnesses, libvirt-like tools) work unchanged.
 *
 * qmp.c holds the sessions: it splits the byte stream into JSON values,
 * negotiates capabilities, checks each request and its arguments against
 * the command's declaration, replies, and broadcasts events. The command
 * table and the commands live in qmp-commands.c. Both use jansson for JSON.
 *
 * One QmpMonitor per -qmp option; a socket backend serves one client at a
 * time, and each new client gets a fresh greeting and must negotiate again.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_QMP_H
#define SOFTMMU_QMP_H

#include "util/osdep.h"
#include "util/error.h"
#include "chardev/char.h"

#include <jansson.h>

typedef struct QmpMonitor QmpMonitor;

/* Creates a QMP monitor on chr; it speaks once qmp_start_all() has run. */
QmpMonitor *qmp_monitor_new(Chardev *chr, Error **errp);
/* Installs the handlers: a connected peer (file, stdio) is greeted now. */
void qmp_start_all(void);
void qmp_cleanup_all(void);

/*
 * Sends {"event": name, "data": data, "timestamp": ...} to every session
 * that has negotiated capabilities. Takes ownership of data (NULL: none).
 */
void qmp_event_send(const char *name, json_t *data);

/* ---- qmp-commands.c: the command table ---- */

typedef enum QmpArgType {
    QMP_ARG_STRING,
    QMP_ARG_INT,
    QMP_ARG_BOOL,
    QMP_ARG_ENUM,               /* a string from QmpArg.enum_values */
    QMP_ARG_ENUM_LIST,          /* an array of such strings */
} QmpArgType;

/* One argument a command accepts; qmp.c checks requests against these. */
typedef struct QmpArg {
    const char *name;
    QmpArgType type;
    bool optional;
    const char *const *enum_values;     /* NULL-terminated, for the ENUM types */
} QmpArg;

typedef struct QmpCommand {
    const char *name;
    const QmpArg *args;         /* terminated by a NULL name; NULL: no arguments */
    /*
     * Runs with arguments already checked (args is an object, maybe empty).
     * Returns the "return" value (a new reference), or NULL with errp set
     * (a GenericError).
     */
    json_t *(*handler)(QmpMonitor *mon, json_t *args, Error **errp);
} QmpCommand;

extern const QmpCommand qmp_commands[];     /* terminated by a NULL name */
const QmpCommand *qmp_command_find(const char *name);

/* query-version's answer, also the greeting's "version" (a new reference). */
json_t *qmp_version_info(void);

/* For qmp_capabilities: enables the capabilities it lists on the session. */
bool qmp_session_negotiate(QmpMonitor *mon, json_t *enable, Error **errp);

#endif
