/*
 * Option strings of the form "value,key=value,flag,key2=value2", as users
 * write them after -M, -device, -chardev, -drive, -netdev, -accel ...
 *
 * The first element may omit its key: it then belongs to the implied key
 * ("-device pl011,chardev=s0" means driver=pl011). A ",," inside a value is a
 * literal comma. A bare "flag" elsewhere means flag=on, and keyval_get_bool()
 * also understands the old "noflag" spelling ("server,nowait") that many
 * users' scripts still carry.
 *
 * Every lookup marks its key as used, so after a consumer has taken what it
 * understands, keyval_check_unused() reports the first key nobody asked for.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UTIL_KEYVAL_H
#define UTIL_KEYVAL_H

#include "util/osdep.h"
#include "util/error.h"

typedef struct KeyVal KeyVal;

/* implied_key may be NULL: then a key-less first element is a bare flag. */
KeyVal *keyval_parse(const char *params, const char *implied_key, Error **errp);
void keyval_free(KeyVal *kv);

/* The raw text the KeyVal was parsed from. */
const char *keyval_source(const KeyVal *kv);

/* The value of key (NULL when absent); a bare flag reads as "on". */
const char *keyval_get(KeyVal *kv, const char *key);
bool keyval_has(KeyVal *kv, const char *key);

/* Typed getters: def when absent; false with an error naming key when malformed. */
bool keyval_get_bool(KeyVal *kv, const char *key, bool def, bool *result,
                     Error **errp);
bool keyval_get_u64(KeyVal *kv, const char *key, uint64_t def,
                    uint64_t *result, Error **errp);
bool keyval_get_size(KeyVal *kv, const char *key, uint64_t def,
                     uint64_t *result, Error **errp);

/* Iteration in the order written (each visited key counts as used). */
size_t keyval_count(const KeyVal *kv);
const char *keyval_key_at(KeyVal *kv, size_t i);
const char *keyval_value_at(KeyVal *kv, size_t i);

/* Marks key as used without reading it (a consumer that ignores it on purpose). */
void keyval_mark_used(KeyVal *kv, const char *key);

/* Copies every pair of src into dst, replacing pairs dst already has. */
void keyval_merge(KeyVal *dst, const KeyVal *src);

/* Fails with "unknown parameter 'x'" for the first key never looked up. */
bool keyval_check_unused(KeyVal *kv, Error **errp);

#endif
