/*
 * QMP sessions: see softmmu/qmp.h. The wire protocol is QEMU's (its
 * docs/interop/qmp-spec), so the shapes and error texts below follow it.
 *
 * Input arrives from the chardev in chunks of any size, cut anywhere. A
 * small splitter walks the bytes, tracking only what it must to see where
 * one top-level JSON value ends: whether it is inside a string (and after a
 * backslash), and the nesting depth of objects and arrays. Each complete
 * value then goes to jansson (json_loadb), which does the real parsing.
 * The splitter also turns QMP's 'single-quoted' strings (an extension QEMU
 * accepts) into standard JSON, drops whitespace between tokens, and bounds
 * memory: a value larger than QMP_MAX_VALUE bytes or nested deeper than
 * QMP_MAX_DEPTH gets one error reply, what was buffered is freed, and the
 * rest of that value is skipped (its structure is still followed, so the
 * next request after it is read normally). A control
 * character other than tab, CR and LF, or a 0xFF byte, is a lexical error
 * that resets the splitter: the qmp-spec's way for a client to get back to
 * a known state.
 *
 * Requests run synchronously as they are split, in order, in the I/O
 * thread. A reply or an event is one JSON object (ASCII only) and CR LF.
 *
 * A command can make the backend lose its peer (a failed write while an
 * event goes out calls our CLOSED handler), so the session carries a
 * generation count and input left over from an old peer is dropped.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "softmmu/qmp.h"
#include "chardev/char-fe.h"
#include "softmmu/runstate.h"

#define QMP_MAX_VALUE   (1 * MiB)
#define QMP_MAX_DEPTH   1024

/* Where one top-level JSON value ends; the value so far, as standard JSON. */
typedef struct JsonSplitter {
    GString *value;
    unsigned depth;             /* open objects and arrays */
    char quote;                 /* inside a string: '"' or '\''; else 0 */
    bool escape;                /* inside a string, after a backslash */
    bool bare;                  /* a top-level scalar: 42, true, junk */
    bool skipping;              /* the value was too big: drop it to its end */
} JsonSplitter;

typedef enum SplitResult {
    SPLIT_MORE,                 /* the value goes on */
    SPLIT_VALUE,                /* splitter->value holds a complete value */
    SPLIT_ERROR,                /* bad input: the message says why */
} SplitResult;

struct QmpMonitor {
    CharBackend be;
    JsonSplitter splitter;
    bool greeted;
    bool negotiated;            /* qmp_capabilities done: commands and events */
    bool oob;                   /* the client enabled "oob": exec-oob accepted */
    unsigned generation;        /* bumped when the peer comes or goes */
};

static GPtrArray *qmp_monitors;     /* of QmpMonitor * */
static bool host_shutdown;          /* a SHUTDOWN with a host cause went out */

/* ---- splitting the byte stream ---- */

static void splitter_reset(JsonSplitter *sp)
{
    /* Do not keep a megabyte around after one big request. */
    if (sp->value->allocated_len > 64 * KiB) {
        g_string_free(sp->value, true);
        sp->value = g_string_new(NULL);
    }
    g_string_truncate(sp->value, 0);
    sp->depth = 0;
    sp->quote = 0;
    sp->escape = false;
    sp->bare = false;
    sp->skipping = false;
}

static bool is_delimiter(uint8_t c)
{
    return c && strchr(" \t\r\n{}[]:,\"'", c) != NULL;
}

static void put(JsonSplitter *sp, const char *text, size_t len)
{
    if (!sp->skipping) {
        g_string_append_len(sp->value, text, len);
    }
}

static void put_c(JsonSplitter *sp, char c)
{
    put(sp, &c, 1);
}

/* A value ended: hand it over, or resume normal work after a skipped one. */
static SplitResult value_done(JsonSplitter *sp)
{
    if (sp->skipping) {
        splitter_reset(sp);
        return SPLIT_MORE;
    }
    return SPLIT_VALUE;
}

/*
 * The value is too big or too deep: drop what is buffered, say so once, and
 * skip the rest of it, still following its structure to find where it ends.
 */
static SplitResult start_skipping(JsonSplitter *sp, char **error, char *message)
{
    g_string_truncate(sp->value, 0);
    sp->skipping = true;
    *error = message;
    return SPLIT_ERROR;
}

static SplitResult split_in_string(JsonSplitter *sp, uint8_t c)
{
    if (sp->escape) {
        sp->escape = false;
        /* \' means a single quote in both kinds of string */
        if (c != '\'') {
            put_c(sp, '\\');
        }
        put_c(sp, c);
    } else if (c == '\\') {
        sp->escape = true;
    } else if (c == sp->quote) {
        sp->quote = 0;
        put_c(sp, '"');
        return sp->depth == 0 ? value_done(sp) : SPLIT_MORE;
    } else if (c == '"') {
        put(sp, "\\\"", 2);     /* in a 'string' */
    } else {
        put_c(sp, c);
    }
    return SPLIT_MORE;
}

static SplitResult split_outside_string(JsonSplitter *sp, uint8_t c, char **error)
{
    switch (c) {
    case ' ': case '\t': case '\r': case '\n':
        break;
    case '"': case '\'':
        sp->quote = c;
        put_c(sp, '"');
        break;
    case '{': case '[':
        put_c(sp, c);
        if (++sp->depth > QMP_MAX_DEPTH && !sp->skipping) {
            return start_skipping(sp, error,
                                  g_strdup("JSON parse error, nesting too deep"));
        }
        break;
    case '}': case ']':
        if (sp->depth == 0) {
            *error = g_strdup_printf("JSON parse error, stray '%c'", c);
            return SPLIT_ERROR;
        }
        put_c(sp, c);
        if (--sp->depth == 0) {
            return value_done(sp);
        }
        break;
    default:
        put_c(sp, c);
        if (sp->depth == 0) {
            sp->bare = true;
        }
    }
    return SPLIT_MORE;
}

/*
 * Takes one byte. *consumed is false when the byte ended a bare top-level
 * scalar and must be pushed again for what follows. On SPLIT_ERROR the
 * splitter has already recovered: the caller only reports *error.
 */
static SplitResult splitter_push(JsonSplitter *sp, uint8_t c, bool *consumed,
                                 char **error)
{
    SplitResult result;

    *consumed = true;
    if (c == 0xff || (c < 0x20 && c != '\t' && c != '\r' && c != '\n')) {
        splitter_reset(sp);
        *error = g_strdup_printf("JSON parse error, invalid character 0x%02x", c);
        return SPLIT_ERROR;
    }
    if (sp->quote) {
        result = split_in_string(sp, c);
    } else if (sp->bare && is_delimiter(c)) {
        *consumed = false;
        sp->bare = false;
        return value_done(sp);
    } else {
        result = split_outside_string(sp, c, error);
    }
    if (result == SPLIT_MORE && sp->value->len > QMP_MAX_VALUE) {
        return start_skipping(sp, error,
                              g_strdup_printf("JSON parse error, input longer "
                                              "than %lu bytes",
                                              (unsigned long)QMP_MAX_VALUE));
    }
    return result;
}

/* ---- replies ---- */

static void qmp_send(QmpMonitor *mon, json_t *msg)
{
    char *text = json_dumps(msg, JSON_ENSURE_ASCII);
    GString *line;

    assert(text);
    line = g_string_new(text);
    g_string_append(line, "\r\n");
    chr_fe_write_all(&mon->be, (const uint8_t *)line->str, line->len);
    g_string_free(line, true);
    free(text);     /* jansson's allocation */
    json_decref(msg);
}

static void qmp_send_error(QmpMonitor *mon, const char *error_class,
                           const char *desc, json_t *id)
{
    json_t *reply = json_pack("{s:{s:s,s:s}}", "error", "class", error_class,
                              "desc", desc);

    assert(reply);
    if (id) {
        json_object_set(reply, "id", id);
    }
    qmp_send(mon, reply);
}

static void qmp_greet(QmpMonitor *mon)
{
    json_t *greeting = json_pack("{s:{s:o,s:[s]}}", "QMP",
                                 "version", qmp_version_info(),
                                 "capabilities", "oob");

    assert(greeting);
    qmp_send(mon, greeting);
    mon->greeted = true;
}

/* ---- argument checking ---- */

static bool check_enum(const QmpArg *arg, const char *name, json_t *value,
                       Error **errp)
{
    if (!json_is_string(value)) {
        error_setg(errp, "Invalid parameter type for '%s', expected: string", name);
        return false;
    }
    for (const char *const *v = arg->enum_values; *v; v++) {
        if (strcmp(*v, json_string_value(value)) == 0) {
            return true;
        }
    }
    error_setg(errp, "Parameter '%s' does not accept value '%s'", name,
               json_string_value(value));
    return false;
}

static bool check_arg(const QmpArg *arg, json_t *value, Error **errp)
{
    static const char *const type_names[] = {
        [QMP_ARG_STRING] = "string",
        [QMP_ARG_INT] = "integer",
        [QMP_ARG_BOOL] = "boolean",
        [QMP_ARG_ENUM_LIST] = "array",
    };
    bool ok;

    switch (arg->type) {
    case QMP_ARG_STRING:
        ok = json_is_string(value);
        break;
    case QMP_ARG_INT:
        ok = json_is_integer(value);
        break;
    case QMP_ARG_BOOL:
        ok = json_is_boolean(value);
        break;
    case QMP_ARG_ENUM:
        return check_enum(arg, arg->name, value, errp);
    case QMP_ARG_ENUM_LIST:
        ok = json_is_array(value);
        for (size_t i = 0; ok && i < json_array_size(value); i++) {
            char *name = g_strdup_printf("%s[%zu]", arg->name, i);
            bool elem_ok = check_enum(arg, name, json_array_get(value, i), errp);

            g_free(name);
            if (!elem_ok) {
                return false;
            }
        }
        break;
    default:
        g_assert_not_reached();
    }
    if (!ok) {
        error_setg(errp, "Invalid parameter type for '%s', expected: %s",
                   arg->name, type_names[arg->type]);
    }
    return ok;
}

/* As QEMU: declared arguments first (missing, wrong type), then extra ones. */
static bool check_args(const QmpCommand *cmd, json_t *args, Error **errp)
{
    const char *key;
    json_t *value;

    for (const QmpArg *arg = cmd->args; arg && arg->name; arg++) {
        value = json_object_get(args, arg->name);
        if (!value) {
            if (!arg->optional) {
                error_setg(errp, "Parameter '%s' is missing", arg->name);
                return false;
            }
        } else if (!check_arg(arg, value, errp)) {
            return false;
        }
    }
    json_object_foreach(args, key, value) {
        const QmpArg *arg = cmd->args;

        while (arg && arg->name && strcmp(arg->name, key) != 0) {
            arg++;
        }
        if (!arg || !arg->name) {
            error_setg(errp, "Parameter '%s' is unexpected", key);
            return false;
        }
    }
    return true;
}

/* ---- dispatch ---- */

/*
 * Checks the request's own members. Returns the command name, or NULL
 * with *error set; *args and *oob are filled in on success.
 */
static const char *check_request(QmpMonitor *mon, json_t *req, json_t **args,
                                 bool *oob, char **error)
{
    const char *exec_key = NULL, *name = NULL, *key;
    json_t *value;

    *args = NULL;
    json_object_foreach(req, key, value) {
        if (strcmp(key, "execute") == 0 ||
            (strcmp(key, "exec-oob") == 0 && mon->oob)) {
            if (!json_is_string(value)) {
                *error = g_strdup_printf("QMP input member '%s' must be a string", key);
                return NULL;
            }
            if (exec_key) {
                *error = g_strdup_printf("QMP input member '%s' clashes with '%s'",
                                         key, exec_key);
                return NULL;
            }
            exec_key = key;
            name = json_string_value(value);
        } else if (strcmp(key, "arguments") == 0) {
            if (!json_is_object(value)) {
                *error = g_strdup("QMP input member 'arguments' must be an object");
                return NULL;
            }
            *args = value;
        } else if (strcmp(key, "id") != 0) {
            *error = g_strdup_printf("QMP input member '%s' is unexpected", key);
            return NULL;
        }
    }
    if (!name) {
        *error = g_strdup("QMP input lacks member 'execute'");
        return NULL;
    }
    *oob = strcmp(exec_key, "exec-oob") == 0;
    return name;
}

static void qmp_dispatch(QmpMonitor *mon, json_t *req)
{
    const QmpCommand *cmd;
    const char *name;
    json_t *id, *args, *ret, *reply;
    Error *err = NULL;
    char *error = NULL;
    bool oob;

    if (!json_is_object(req)) {
        qmp_send_error(mon, "GenericError", "QMP input must be a JSON object", NULL);
        return;
    }
    id = json_object_get(req, "id");
    name = check_request(mon, req, &args, &oob, &error);
    if (!name) {
        qmp_send_error(mon, "GenericError", error, id);
        g_free(error);
        return;
    }
    cmd = qmp_command_find(name);
    if (!mon->negotiated && (!cmd || strcmp(cmd->name, "qmp_capabilities") != 0)) {
        qmp_send_error(mon, "CommandNotFound",
                       "Expecting capabilities negotiation with 'qmp_capabilities'", id);
        return;
    }
    if (!cmd) {
        error = g_strdup_printf("The command %s has not been found", name);
        qmp_send_error(mon, "CommandNotFound", error, id);
        g_free(error);
        return;
    }
    if (oob) {
        /* No command of ours may overtake the queue: none is allow-oob. */
        error = g_strdup_printf("The command %s does not support OOB", name);
        qmp_send_error(mon, "GenericError", error, id);
        g_free(error);
        return;
    }
    if (mon->negotiated && strcmp(cmd->name, "qmp_capabilities") == 0) {
        qmp_send_error(mon, "CommandNotFound",
                       "Capabilities negotiation is already complete, command ignored",
                       id);
        return;
    }
    args = args ? json_incref(args) : json_object();
    ret = check_args(cmd, args, &err) ? cmd->handler(mon, args, &err) : NULL;
    json_decref(args);
    if (!ret) {
        assert(err);
        qmp_send_error(mon, "GenericError", error_get_pretty(err), id);
        error_free(err);
        return;
    }
    reply = json_pack("{s:o}", "return", ret);
    assert(reply);
    if (id) {
        json_object_set(reply, "id", id);
    }
    qmp_send(mon, reply);
}

static void qmp_handle_value(QmpMonitor *mon)
{
    GString *text = mon->splitter.value;
    json_error_t jerr;
    json_t *req = json_loadb(text->str, text->len,
                             JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);

    splitter_reset(&mon->splitter);
    if (!req) {
        char *desc = g_strdup_printf("JSON parse error, %s", jerr.text);

        qmp_send_error(mon, "GenericError", desc, NULL);
        g_free(desc);
        return;
    }
    qmp_dispatch(mon, req);
    json_decref(req);
}

bool qmp_session_negotiate(QmpMonitor *mon, json_t *enable, Error **errp)
{
    bool oob = false;

    /* The argument check let through only capabilities we offer: "oob". */
    for (size_t i = 0; enable && i < json_array_size(enable); i++) {
        oob |= strcmp(json_string_value(json_array_get(enable, i)), "oob") == 0;
    }
    mon->oob = oob;
    mon->negotiated = true;
    return true;
}

/* ---- the chardev front-end ---- */

static void qmp_session_reset(QmpMonitor *mon)
{
    splitter_reset(&mon->splitter);
    mon->negotiated = false;
    mon->oob = false;
    mon->generation++;
}

static int qmp_can_receive(void *opaque)
{
    return 4096;
}

static void qmp_receive(void *opaque, const uint8_t *buf, int size)
{
    QmpMonitor *mon = opaque;
    unsigned generation = mon->generation;
    int i = 0;

    while (i < size && mon->generation == generation) {
        bool consumed;
        char *error = NULL;

        switch (splitter_push(&mon->splitter, buf[i], &consumed, &error)) {
        case SPLIT_MORE:
            break;
        case SPLIT_VALUE:
            qmp_handle_value(mon);
            break;
        case SPLIT_ERROR:
            qmp_send_error(mon, "GenericError", error, NULL);
            g_free(error);
            break;
        }
        if (consumed) {
            i++;
        }
    }
}

static void qmp_chr_event(void *opaque, ChrEvent event)
{
    QmpMonitor *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        qmp_session_reset(mon);
        qmp_greet(mon);
        break;
    case CHR_EVENT_CLOSED:
        qmp_session_reset(mon);
        mon->greeted = false;
        break;
    case CHR_EVENT_MUX_IN:
        /* On a mux only the focused front-end hears OPENED. */
        if (!mon->greeted) {
            qmp_session_reset(mon);
            qmp_greet(mon);
        }
        break;
    default:
        break;
    }
}

/* ---- events ---- */

void qmp_event_send(const char *name, json_t *data)
{
    gint64 now = g_get_real_time();

    for (guint i = 0; qmp_monitors && i < qmp_monitors->len; i++) {
        QmpMonitor *mon = qmp_monitors->pdata[i];
        json_t *msg;

        if (!mon->negotiated) {
            continue;
        }
        msg = json_pack("{s:{s:I,s:I},s:s}", "timestamp",
                        "seconds", (json_int_t)(now / G_USEC_PER_SEC),
                        "microseconds", (json_int_t)(now % G_USEC_PER_SEC),
                        "event", name);
        assert(msg);
        if (data) {
            json_object_set(msg, "data", data);
        }
        qmp_send(mon, msg);
    }
    json_decref(data);
}

static void qmp_runstate_changed(void *opaque, bool running, RunState state)
{
    if (running) {
        qmp_event_send("RESUME", NULL);
    } else if (state != RUN_STATE_SHUTDOWN || !host_shutdown) {
        /*
         * A host-caused shutdown always ends Koine: like QEMU, no STOP
         * follows its SHUTDOWN event. A guest's may leave the machine
         * stopped (-no-shutdown), and then STOP says so.
         */
        qmp_event_send("STOP", NULL);
    }
}

static json_t *cause_data(ShutdownCause cause)
{
    return json_pack("{s:b,s:s}", "guest", shutdown_cause_is_guest(cause),
                     "reason", shutdown_cause_name(cause));
}

static void qmp_run_event(void *opaque, RunEvent event, ShutdownCause cause)
{
    switch (event) {
    case RUN_EVENT_SHUTDOWN:
        host_shutdown = !shutdown_cause_is_guest(cause);
        qmp_event_send("SHUTDOWN", cause_data(cause));
        break;
    case RUN_EVENT_RESET:
        /* The power-on reset at start-up (cause none) is not reported. */
        if (cause != SHUTDOWN_CAUSE_NONE) {
            qmp_event_send("RESET", cause_data(cause));
        }
        break;
    case RUN_EVENT_POWERDOWN:
        qmp_event_send("POWERDOWN", NULL);
        break;
    }
}

/* ---- life cycle ---- */

QmpMonitor *qmp_monitor_new(Chardev *chr, Error **errp)
{
    static bool listening;
    QmpMonitor *mon = g_new0(QmpMonitor, 1);

    if (!chr_fe_init(&mon->be, chr, errp)) {
        g_free(mon);
        return NULL;
    }
    mon->splitter.value = g_string_new(NULL);
    if (!qmp_monitors) {
        qmp_monitors = g_ptr_array_new();
    }
    g_ptr_array_add(qmp_monitors, mon);
    if (!listening) {
        /* run_event listeners cannot be removed: install them once. */
        runstate_add_listener(qmp_runstate_changed, NULL);
        run_event_add_listener(qmp_run_event, NULL);
        listening = true;
    }
    return mon;
}

void qmp_start_all(void)
{
    for (guint i = 0; qmp_monitors && i < qmp_monitors->len; i++) {
        QmpMonitor *mon = qmp_monitors->pdata[i];

        chr_fe_set_handlers(&mon->be, qmp_can_receive, qmp_receive,
                            qmp_chr_event, mon);
    }
}

void qmp_cleanup_all(void)
{
    for (guint i = 0; qmp_monitors && i < qmp_monitors->len; i++) {
        QmpMonitor *mon = qmp_monitors->pdata[i];

        chr_fe_deinit(&mon->be);
        g_string_free(mon->splitter.value, true);
        g_free(mon);
    }
    if (qmp_monitors) {
        g_ptr_array_free(qmp_monitors, true);
        qmp_monitors = NULL;
    }
}
