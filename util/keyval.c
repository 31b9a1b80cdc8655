/*
 * Option strings "value,key=value,flag": see util/keyval.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/keyval.h"
#include "util/cutils.h"

typedef struct KeyValPair {
    char *key;
    char *value;        /* NULL for a bare flag */
    bool used;
} KeyValPair;

struct KeyVal {
    char *source;
    GArray *pairs;      /* of KeyValPair */
};

/* Copies text up to the next unescaped `stop` (or ',') and returns the end. */
static const char *take_token(const char *p, char stop, GString *out)
{
    while (*p) {
        if (*p == ',') {
            if (p[1] == ',') {
                g_string_append_c(out, ',');
                p += 2;
                continue;
            }
            break;
        }
        if (stop && *p == stop) {
            break;
        }
        g_string_append_c(out, *p++);
    }
    return p;
}

static void clear_pair(gpointer data)
{
    KeyValPair *pair = data;

    g_free(pair->key);
    g_free(pair->value);
}

KeyVal *keyval_parse(const char *params, const char *implied_key, Error **errp)
{
    KeyVal *kv = g_new0(KeyVal, 1);
    const char *p = params ? params : "";
    bool first = true;

    kv->source = g_strdup(p);
    kv->pairs = g_array_new(false, true, sizeof(KeyValPair));
    g_array_set_clear_func(kv->pairs, clear_pair);

    while (*p) {
        GString *key = g_string_new(NULL);
        KeyValPair pair = { 0 };

        p = take_token(p, '=', key);
        if (*p == '=') {
            GString *value = g_string_new(NULL);

            p = take_token(p + 1, 0, value);
            if (key->len == 0) {
                error_setg(errp, "'%s': empty parameter name before '='", kv->source);
                g_string_free(key, true);
                g_string_free(value, true);
                keyval_free(kv);
                return NULL;
            }
            pair.key = g_string_free(key, false);
            pair.value = g_string_free(value, false);
        } else if (first && implied_key) {
            pair.key = g_strdup(implied_key);
            pair.value = g_string_free(key, false);
        } else {
            if (key->len == 0) {
                /* "a,,b" is escaping; a stray empty element is just noise */
                g_string_free(key, true);
                if (*p == ',') {
                    p++;
                }
                first = false;
                continue;
            }
            pair.key = g_string_free(key, false);
        }
        for (size_t i = 0; i < kv->pairs->len; i++) {
            if (strcmp(g_array_index(kv->pairs, KeyValPair, i).key, pair.key) == 0) {
                error_setg(errp, "'%s': parameter '%s' given twice", kv->source,
                           pair.key);
                clear_pair(&pair);
                keyval_free(kv);
                return NULL;
            }
        }
        g_array_append_val(kv->pairs, pair);
        first = false;
        if (*p == ',') {
            p++;
        }
    }
    return kv;
}

void keyval_free(KeyVal *kv)
{
    if (kv) {
        g_array_free(kv->pairs, true);
        g_free(kv->source);
        g_free(kv);
    }
}

const char *keyval_source(const KeyVal *kv)
{
    return kv->source;
}

static KeyValPair *find(KeyVal *kv, const char *key)
{
    for (size_t i = 0; i < kv->pairs->len; i++) {
        KeyValPair *pair = &g_array_index(kv->pairs, KeyValPair, i);

        if (strcmp(pair->key, key) == 0) {
            pair->used = true;
            return pair;
        }
    }
    return NULL;
}

const char *keyval_get(KeyVal *kv, const char *key)
{
    KeyValPair *pair = find(kv, key);

    if (!pair) {
        return NULL;
    }
    return pair->value ? pair->value : "on";
}

bool keyval_has(KeyVal *kv, const char *key)
{
    return find(kv, key) != NULL;
}

bool keyval_get_bool(KeyVal *kv, const char *key, bool def, bool *result,
                     Error **errp)
{
    const char *value = keyval_get(kv, key);

    if (!value) {
        char *negated = g_strconcat("no", key, NULL);
        KeyValPair *pair = find(kv, negated);

        g_free(negated);
        if (pair && !pair->value) {
            *result = false;
            return true;
        }
        *result = def;
        return true;
    }
    if (!parse_bool(value, result, errp)) {
        error_prepend(errp, "parameter '%s': ", key);
        return false;
    }
    return true;
}

bool keyval_get_u64(KeyVal *kv, const char *key, uint64_t def,
                    uint64_t *result, Error **errp)
{
    const char *value = keyval_get(kv, key);

    if (!value) {
        *result = def;
        return true;
    }
    if (!parse_uint64(value, result, errp)) {
        error_prepend(errp, "parameter '%s': ", key);
        return false;
    }
    return true;
}

bool keyval_get_size(KeyVal *kv, const char *key, uint64_t def,
                     uint64_t *result, Error **errp)
{
    const char *value = keyval_get(kv, key);

    if (!value) {
        *result = def;
        return true;
    }
    if (!parse_size(value, 1, result, errp)) {
        error_prepend(errp, "parameter '%s': ", key);
        return false;
    }
    return true;
}

size_t keyval_count(const KeyVal *kv)
{
    return kv->pairs->len;
}

const char *keyval_key_at(KeyVal *kv, size_t i)
{
    KeyValPair *pair = &g_array_index(kv->pairs, KeyValPair, i);

    pair->used = true;
    return pair->key;
}

const char *keyval_value_at(KeyVal *kv, size_t i)
{
    KeyValPair *pair = &g_array_index(kv->pairs, KeyValPair, i);

    pair->used = true;
    return pair->value ? pair->value : "on";
}

void keyval_mark_used(KeyVal *kv, const char *key)
{
    find(kv, key);
}

void keyval_merge(KeyVal *dst, const KeyVal *src)
{
    for (size_t i = 0; i < src->pairs->len; i++) {
        const KeyValPair *from = &g_array_index(src->pairs, KeyValPair, i);
        KeyValPair copy = {
            .key = g_strdup(from->key),
            .value = g_strdup(from->value),
        };
        size_t j;

        for (j = 0; j < dst->pairs->len; j++) {
            if (strcmp(g_array_index(dst->pairs, KeyValPair, j).key, from->key) == 0) {
                break;
            }
        }
        if (j < dst->pairs->len) {
            KeyValPair *old = &g_array_index(dst->pairs, KeyValPair, j);

            clear_pair(old);
            *old = copy;
        } else {
            g_array_append_val(dst->pairs, copy);
        }
    }
}

bool keyval_check_unused(KeyVal *kv, Error **errp)
{
    for (size_t i = 0; i < kv->pairs->len; i++) {
        KeyValPair *pair = &g_array_index(kv->pairs, KeyValPair, i);

        if (!pair->used) {
            error_setg(errp, "unknown parameter '%s'", pair->key);
            return false;
        }
    }
    return true;
}
