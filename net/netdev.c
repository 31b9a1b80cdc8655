/*
 * Backends by name: -netdev options, the table of backend types, the list
 * of backends by id, and connecting a NIC to one.
 *
 * -netdev takes QEMU's syntax: "user,id=n0,hostfwd=tcp::2222-:22,
 * hostfwd=udp::5353-:53". KeyVal refuses a key given twice, and hostfwd is
 * meant to be repeated, so net_options_parse() takes the hostfwd elements
 * out (honouring ",," escapes) and hands the rest to keyval_parse(). The
 * options then travel as one NetOptions, keeping the text as typed for
 * messages.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "net/net.h"
#include "net/slirp.h"

typedef struct NetdevType {
    const char *name;
    const char *desc;
    /* NULL: known but not built or not supported yet (why says which). */
    NetClientState *(*create)(NetOptions *opts, const char *id, Error **errp);
    const char *why;
} NetdevType;

static const NetdevType netdev_types[] = {
#if CONFIG_SLIRP
    { "user", "user-mode networking (libslirp)", net_slirp_create, NULL },
#else
    { "user", NULL, NULL, "user networking (libslirp) was not built in" },
#endif
    { "tap", NULL, NULL, "tap networking is not supported yet" },
};

/* A backend and the options it came from. */
typedef struct Netdev {
    NetClientState *nc;
    char *source;
} Netdev;

static GPtrArray *netdevs;      /* of Netdev *, in creation order */

/* ---- Options ---- */

/* Splits at commas that are not ",," escapes; elements keep their escapes. */
static GPtrArray *split_elements(const char *text)
{
    GPtrArray *elems = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);

    for (const char *p = text; *p; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append(cur, ",,");
            p++;
        } else if (*p == ',') {
            g_ptr_array_add(elems, g_string_free(cur, false));
            cur = g_string_new(NULL);
        } else {
            g_string_append_c(cur, *p);
        }
    }
    g_ptr_array_add(elems, g_string_free(cur, false));
    return elems;
}

static char *unescape_commas(const char *s)
{
    GString *out = g_string_new(NULL);

    for (; *s; s++) {
        g_string_append_c(out, *s);
        if (s[0] == ',' && s[1] == ',') {
            s++;
        }
    }
    return g_string_free(out, false);
}

NetOptions *net_options_parse(const char *text, const char *implied_key, Error **errp)
{
    g_autoptr(GPtrArray) elems = split_elements(text ? text : "");
    g_autoptr(GString) rest = g_string_new(NULL);
    NetOptions *opts = g_new0(NetOptions, 1);
    bool first_taken = false;

    opts->source = g_strdup(text ? text : "");
    opts->hostfwd = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < elems->len; i++) {
        const char *elem = elems->pdata[i];

        if (g_str_has_prefix(elem, "hostfwd=")) {
            g_ptr_array_add(opts->hostfwd, unescape_commas(elem + strlen("hostfwd=")));
            first_taken |= i == 0;
            continue;
        }
        if (rest->len) {
            g_string_append_c(rest, ',');
        }
        g_string_append(rest, elem);
    }
    /* "hostfwd=...,user": the first element had a key, so nothing is implied. */
    opts->kv = keyval_parse(rest->str, first_taken ? NULL : implied_key, errp);
    if (!opts->kv) {
        net_options_free(opts);
        return NULL;
    }
    return opts;
}

void net_options_free(NetOptions *opts)
{
    if (opts) {
        keyval_free(opts->kv);
        g_ptr_array_free(opts->hostfwd, true);
        g_free(opts->source);
        g_free(opts);
    }
}

/* ---- Backends ---- */

NetClientState *net_netdev_find(const char *id)
{
    for (guint i = 0; netdevs && i < netdevs->len; i++) {
        Netdev *nd = netdevs->pdata[i];

        if (strcmp(nd->nc->name, id) == 0) {
            return nd->nc;
        }
    }
    return NULL;
}

/* QEMU's rule for ids: a letter, then letters, digits, '-', '.', '_'. */
static bool id_wellformed(const char *id)
{
    if (!g_ascii_isalpha(id[0])) {
        return false;
    }
    for (const char *p = id; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("-._", *p)) {
            return false;
        }
    }
    return true;
}

static const NetdevType *netdev_type_find(const char *type, Error **errp)
{
    for (size_t i = 0; i < ARRAY_SIZE(netdev_types); i++) {
        if (strcmp(netdev_types[i].name, type) == 0) {
            if (!netdev_types[i].create) {
                error_setg(errp, "%s", netdev_types[i].why);
                return NULL;
            }
            return &netdev_types[i];
        }
    }
    error_setg(errp, "unknown network backend '%s' (user, tap)", type);
    return NULL;
}

bool net_netdev_type_check(const char *type, Error **errp)
{
    return netdev_type_find(type, errp) != NULL;
}

void net_netdev_print_types(FILE *out)
{
    fprintf(out, "Network backends:\n");
    for (size_t i = 0; i < ARRAY_SIZE(netdev_types); i++) {
        if (netdev_types[i].create) {
            fprintf(out, "  %-5s %s\n", netdev_types[i].name, netdev_types[i].desc);
        }
    }
}

bool net_netdev_add_type(NetOptions *opts, const char *type, const char *id,
                         Error **errp)
{
    const NetdevType *nt = netdev_type_find(type, errp);
    NetClientState *nc;
    Netdev *nd;

    if (!nt) {
        return false;
    }
    if (net_netdev_find(id)) {
        error_setg(errp, "duplicate id '%s': another -netdev has it", id);
        return false;
    }
    if (opts->hostfwd->len && strcmp(type, "user") != 0) {
        error_setg(errp, "hostfwd= is for user networking only");
        return false;
    }
    nc = nt->create(opts, id, errp);
    if (!nc) {
        return false;
    }
    if (!keyval_check_unused(opts->kv, errp)) {
        nc->info->free(nc);
        return false;
    }
    nd = g_new0(Netdev, 1);
    nd->nc = nc;
    nd->source = g_strdup(opts->source);
    if (!netdevs) {
        netdevs = g_ptr_array_new();
    }
    g_ptr_array_add(netdevs, nd);
    return true;
}

bool net_netdev_add(NetOptions *opts, Error **errp)
{
    const char *type = keyval_get(opts->kv, "type");
    const char *id = keyval_get(opts->kv, "id");

    if (!type) {
        error_setg(errp, "missing the backend type (user, tap)");
        return false;
    }
    if (!id) {
        error_setg(errp, "missing id=");
        return false;
    }
    if (!id_wellformed(id)) {
        error_setg(errp, "invalid id '%s': it must start with a letter and hold only "
                   "letters, digits, '-', '.' and '_'", id);
        return false;
    }
    return net_netdev_add_type(opts, type, id, errp);
}

void net_netdev_foreach(void (*fn)(NetClientState *nc, void *opaque), void *opaque)
{
    for (guint i = 0; netdevs && i < netdevs->len; i++) {
        fn(((Netdev *)netdevs->pdata[i])->nc, opaque);
    }
}

void net_warn_unused_netdevs(void)
{
    for (guint i = 0; netdevs && i < netdevs->len; i++) {
        Netdev *nd = netdevs->pdata[i];

        if (!nd->nc->peer) {
            warn_report("-netdev %s: no network card is connected to it; unused",
                        nd->source);
        }
    }
}

void net_cleanup(void)
{
    for (guint i = 0; netdevs && i < netdevs->len; i++) {
        Netdev *nd = netdevs->pdata[i];

        nd->nc->info->free(nd->nc);
        g_free(nd->source);
        g_free(nd);
    }
    if (netdevs) {
        g_ptr_array_free(netdevs, true);
        netdevs = NULL;
    }
}

bool net_client_connect(NetClientState *nic, const char *netdev_id, Error **errp)
{
    NetClientState *backend = net_netdev_find(netdev_id);

    if (!backend) {
        error_setg(errp, "netdev '%s' not found", netdev_id);
        return false;
    }
    if (backend->peer) {
        error_setg(errp, "netdev '%s' is already used by %s", netdev_id,
                   backend->peer->name);
        return false;
    }
    assert(!nic->peer);
    nic->peer = backend;
    backend->peer = nic;
    return true;
}
