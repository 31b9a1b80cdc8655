/*
 * Chardev core: the table of backend kinds, creating chardevs from -chardev
 * options and from the short -serial/-monitor specs, the registry of chardevs
 * by id, and the backend-to-front-end delivery path.
 *
 * Creation runs in three steps so a mistake costs nothing: the backend parses
 * its options into its struct (no side effects), then every option must have
 * been understood (keyval_check_unused), and only then does it open files or
 * sockets. A stdio chardev, or any chardev with mux=on, is created as the
 * backend "ID-base" with a mux called "ID" in front of it (char-mux.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "chardev/char-internal.h"

#include <fcntl.h>

/* The backend kinds users can name, in the order -chardev help lists them. */
static const ChardevClass *const backend_kinds[] = {
    &chardev_null_class,
    &chardev_stdio_class,
    &chardev_file_class,
    &chardev_pipe_class,
    &chardev_socket_class,
};

/* Every live chardev, in creation order (a mux after its base). */
static GPtrArray *chardevs;

static const ChardevClass *find_kind(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(backend_kinds); i++) {
        if (strcmp(backend_kinds[i]->name, name) == 0) {
            return backend_kinds[i];
        }
    }
    return NULL;
}

void chardev_print_help(FILE *out)
{
    fprintf(out, "Available chardev backends (-chardev BACKEND,id=ID,...):\n");
    for (size_t i = 0; i < ARRAY_SIZE(backend_kinds); i++) {
        fprintf(out, "  %-8s %s\n", backend_kinds[i]->name,
                backend_kinds[i]->help);
    }
    fprintf(out, "Every backend also takes mux=on (share it between "
            "front-ends; stdio always does)\nand logfile=PATH[,logappend=on] "
            "(a copy of all output).\n");
}

Chardev *chardev_find(const char *id)
{
    for (guint i = 0; chardevs && i < chardevs->len; i++) {
        Chardev *chr = g_ptr_array_index(chardevs, i);

        if (strcmp(chr->id, id) == 0) {
            return chr;
        }
    }
    return NULL;
}

const char *chardev_id(Chardev *chr)
{
    return chr->id;
}

bool chardev_is_mux(Chardev *chr)
{
    return chr->cls == &chardev_mux_class;
}

const char *chardev_kind(Chardev *chr)
{
    return chr->cls->name;
}

int chardev_socket_port(Chardev *chr)
{
    if (chardev_is_mux(chr)) {
        chr = mux_base(chr);
    }
    return chr->cls == &chardev_socket_class ? socket_chardev_port(chr) : -1;
}

char *chardev_socket_address(Chardev *chr)
{
    if (chardev_is_mux(chr)) {
        chr = mux_base(chr);
    }
    return chr->cls == &chardev_socket_class ? socket_chardev_address(chr)
                                             : NULL;
}

bool chardev_kind_wants_mux(const ChardevClass *cls)
{
    return cls == &chardev_stdio_class;
}

/* Ids start with a letter and hold letters, digits, '-', '.', '_'. */
static bool check_id(const char *id, Error **errp)
{
    if (!g_ascii_isalpha(id[0])) {
        error_setg(errp, "invalid id '%s': it must start with a letter", id);
        return false;
    }
    for (const char *p = id; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("-._", *p)) {
            error_setg(errp, "invalid id '%s': only letters, digits, '-', "
                       "'.' and '_' are allowed", id);
            return false;
        }
    }
    if (chardev_find(id)) {
        error_setg(errp, "duplicate chardev id '%s'", id);
        return false;
    }
    return true;
}

static void chardev_free(Chardev *chr)
{
    if (chr->cls->finalize) {
        chr->cls->finalize(chr);
    }
    if (chr->logfd >= 0) {
        close(chr->logfd);
    }
    g_free(chr->id);
    g_free(chr);
}

/*
 * logfile=PATH[,logappend=on], understood by every backend: a copy of all
 * output (not input) goes to PATH, e.g. to keep a serial console's log while
 * watching it on stdio.
 */
static bool chardev_parse_logfile(Chardev *chr, KeyVal *opts, Error **errp)
{
    const char *path = keyval_get(opts, "logfile");
    bool append;

    if (!keyval_get_bool(opts, "logappend", false, &append, errp)) {
        return false;
    }
    if (!path) {
        return true;
    }
    chr->logfd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC |
                      (append ? O_APPEND : O_TRUNC), 0666);
    if (chr->logfd < 0) {
        error_setg_errno(errp, errno, "cannot open logfile '%s'", path);
        return false;
    }
    return true;
}

Chardev *chardev_create(const ChardevClass *cls, const char *id,
                        KeyVal *opts, Error **errp)
{
    Chardev *chr;

    assert(cls->instance_size >= sizeof(Chardev));
    if (!check_id(id, errp)) {
        return NULL;
    }
    chr = g_malloc0(cls->instance_size);
    chr->cls = cls;
    chr->id = g_strdup(id);
    chr->logfd = -1;
    if (opts && cls->parse && !cls->parse(chr, opts, errp)) {
        goto fail;
    }
    if (opts && !chardev_parse_logfile(chr, opts, errp)) {
        goto fail;
    }
    if (opts && !keyval_check_unused(opts, errp)) {
        goto fail;
    }
    if (cls->open && !cls->open(chr, errp)) {
        goto fail;
    }
    chr->opened = true;
    if (!chardevs) {
        chardevs = g_ptr_array_new();
    }
    g_ptr_array_add(chardevs, chr);
    return chr;

fail:
    chardev_free(chr);
    return NULL;
}

Chardev *chardev_new_from_opts(KeyVal *opts, Error **errp)
{
    const char *kind_name = keyval_get(opts, "backend");
    const char *id = keyval_get(opts, "id");
    const ChardevClass *cls;
    Chardev *base, *mux;
    char *base_id;
    bool want_mux;

    if (!kind_name || !*kind_name) {
        error_setg(errp, "no backend given (-chardev help lists them)");
        return NULL;
    }
    cls = find_kind(kind_name);
    if (!cls) {
        error_setg(errp, "unknown backend '%s' (-chardev help lists them)",
                   kind_name);
        return NULL;
    }
    if (!id || !*id) {
        error_setg(errp, "parameter 'id' is missing");
        return NULL;
    }
    if (!keyval_get_bool(opts, "mux", false, &want_mux, errp)) {
        return NULL;
    }
    if (!want_mux && !chardev_kind_wants_mux(cls)) {
        return chardev_create(cls, id, opts, errp);
    }

    /* Check the mux's own id first, before the base opens anything. */
    if (!check_id(id, errp)) {
        return NULL;
    }
    base_id = g_strdup_printf("%s-base", id);
    base = chardev_create(cls, base_id, opts, errp);
    g_free(base_id);
    if (!base) {
        return NULL;
    }
    mux = mux_create(id, base, errp);
    if (!mux) {
        chardev_delete(base);
    }
    return mux;
}

/* Appends ",key=value" with commas in value doubled (keyval's escape). */
static void append_opt(GString *s, const char *key, const char *value)
{
    g_string_append_printf(s, ",%s=", key);
    for (const char *p = value; *p; p++) {
        if (*p == ',') {
            g_string_append_c(s, ',');
        }
        g_string_append_c(s, *p);
    }
}

/* "tcp:" tail: "[HOST]:PORT[,opts]" or "[V6ADDR]:PORT[,opts]". */
static bool spec_tcp(GString *s, const char *rest, Error **errp)
{
    const char *comma = strchr(rest, ',');
    char *addr = comma ? g_strndup(rest, comma - rest) : g_strdup(rest);
    char *host, *colon;

    if (addr[0] == '[') {
        char *close = strchr(addr, ']');

        if (!close || close[1] != ':') {
            error_setg(errp, "expected tcp:[IPV6ADDR]:PORT");
            g_free(addr);
            return false;
        }
        host = g_strndup(addr + 1, close - addr - 1);
        colon = close + 1;
    } else {
        colon = strrchr(addr, ':');
        if (!colon) {
            error_setg(errp, "expected tcp:[HOST]:PORT");
            g_free(addr);
            return false;
        }
        host = g_strndup(addr, colon - addr);
    }
    if (!colon[1]) {
        error_setg(errp, "the port is missing (tcp:[HOST]:PORT)");
        g_free(host);
        g_free(addr);
        return false;
    }
    g_string_append(s, "socket");
    if (*host) {
        append_opt(s, "host", host);
    }
    append_opt(s, "port", colon + 1);
    if (comma) {
        g_string_append(s, comma);
    }
    g_free(host);
    g_free(addr);
    return true;
}

/* Turns a short spec into -chardev options; false if it is not one. */
static bool spec_to_opts(GString *s, const char *spec, Error **errp)
{
    if (strcmp(spec, "null") == 0 || strcmp(spec, "stdio") == 0) {
        g_string_append(s, spec);
    } else if (g_str_has_prefix(spec, "file:") && spec[5]) {
        g_string_append(s, "file");
        append_opt(s, "path", spec + 5);
    } else if (g_str_has_prefix(spec, "pipe:") && spec[5]) {
        g_string_append(s, "pipe");
        append_opt(s, "path", spec + 5);
    } else if (g_str_has_prefix(spec, "tcp:")) {
        return spec_tcp(s, spec + 4, errp);
    } else if (g_str_has_prefix(spec, "unix:") && spec[5] && spec[5] != ',') {
        const char *comma = strchr(spec + 5, ',');
        char *path = comma ? g_strndup(spec + 5, comma - spec - 5)
                           : g_strdup(spec + 5);

        g_string_append(s, "socket");
        append_opt(s, "path", path);
        if (comma) {
            g_string_append(s, comma);
        }
        g_free(path);
    } else {
        error_setg(errp, "unknown character device '%s' (expected null, "
                   "stdio, file:PATH, pipe:PATH, tcp:[HOST]:PORT, unix:PATH "
                   "or chardev:ID, optionally after mon:)", spec);
        return false;
    }
    return true;
}

Chardev *chardev_new_from_spec(const char *label, const char *spec,
                               Error **errp)
{
    bool mon = g_str_has_prefix(spec, "mon:");
    const char *rest = mon ? spec + 4 : spec;
    GString *s;
    KeyVal *opts;
    Chardev *chr;

    if (g_str_has_prefix(rest, "chardev:")) {
        chr = chardev_find(rest + 8);
        if (!chr) {
            error_setg(errp, "no chardev with id '%s'", rest + 8);
            return NULL;
        }
        if (mon && !chardev_is_mux(chr)) {
            error_setg(errp, "chardev '%s' needs mux=on to be shared with "
                       "the monitor", rest + 8);
            return NULL;
        }
        return chr;
    }

    s = g_string_new(NULL);
    if (!spec_to_opts(s, rest, errp)) {
        g_string_free(s, true);
        return NULL;
    }
    append_opt(s, "id", label);
    if (mon) {
        g_string_append(s, ",mux=on");
    }
    opts = keyval_parse(s->str, "backend", errp);
    g_string_free(s, true);
    if (!opts) {
        return NULL;
    }
    chr = chardev_new_from_opts(opts, errp);
    keyval_free(opts);
    return chr;
}

void chardev_delete(Chardev *chr)
{
    if (chardev_is_mux(chr)) {
        mux_detach_all(chr);
    } else if (chr->be) {
        /* The front-end stays valid; it is simply no longer connected. */
        chr->be->chr = NULL;
        chr->be = NULL;
    }
    if (chardevs) {
        g_ptr_array_remove(chardevs, chr);
    }
    if (chr->opened && chr->cls->close) {
        chr->cls->close(chr);
    }
    chardev_free(chr);
}

void chardev_cleanup_all(void)
{
    /* Newest first: a mux goes before its base (and takes it along). */
    while (chardevs && chardevs->len) {
        chardev_delete(g_ptr_array_index(chardevs, chardevs->len - 1));
    }
    if (chardevs) {
        g_ptr_array_free(chardevs, true);
        chardevs = NULL;
    }
}

int chr_be_can_write(Chardev *chr)
{
    CharBackend *be = chr->be;

    if (!be || !be->receive) {
        return 0;
    }
    if (!be->can_receive) {
        return 4096;
    }
    return be->can_receive(be->opaque);
}

void chr_be_write(Chardev *chr, const uint8_t *buf, int len)
{
    CharBackend *be = chr->be;

    if (be && be->receive && len > 0) {
        be->receive(be->opaque, buf, len);
    }
}

void chr_be_event(Chardev *chr, ChrEvent event)
{
    CharBackend *be = chr->be;

    if (event == CHR_EVENT_OPENED) {
        chr->be_open = true;
    } else if (event == CHR_EVENT_CLOSED) {
        chr->be_open = false;
    }
    if (be && be->event) {
        be->event(be->opaque, event);
    }
}

int chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    int n = chr->cls->write(chr, buf, len);

    /* The log is a file: a blocking write, and a failing log is no reason
     * to stop the guest's output. */
    for (int done = 0; chr->logfd >= 0 && done < n;) {
        ssize_t w = write(chr->logfd, buf + done, n - done);

        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            break;
        }
        done += w;
    }
    return n;
}

int chr_write_all(Chardev *chr, const uint8_t *buf, int len)
{
    int done = 0;

    while (done < len) {
        int n = chr_write(chr, buf + done, len - done);

        if (n < 0) {
            return -1;
        }
        if (n == 0) {
            if (chr->cls->wait_writable) {
                chr->cls->wait_writable(chr);
            } else {
                g_usleep(1000);
            }
        }
        done += n;
    }
    return len;
}

void chr_printf(Chardev *chr, const char *fmt, ...)
{
    va_list ap;
    char *text;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    chr_write_all(chr, (const uint8_t *)text, strlen(text));
    g_free(text);
}
