/*
 * Helpers shared by the chardev unit tests: a recording front-end and a way
 * to run the default main context until something has happened.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_UNIT_CHARDEV_TEST_H
#define TESTS_UNIT_CHARDEV_TEST_H

#include "util/osdep.h"
#include "chardev/char-fe.h"

/* A front-end that records what it receives and which events it sees. */
typedef struct TestFe {
    CharBackend be;
    GByteArray *got;
    GArray *events;         /* of ChrEvent */
    int room;               /* what can_receive says; < 0: unlimited */
} TestFe;

static inline int test_fe_can_receive(void *opaque)
{
    TestFe *fe = opaque;

    return fe->room < 0 ? 4096 : fe->room;
}

static inline void test_fe_receive(void *opaque, const uint8_t *buf, int size)
{
    TestFe *fe = opaque;

    /* Flow control: never more than the front-end said it could take. */
    g_assert_cmpint(size, >, 0);
    if (fe->room >= 0) {
        g_assert_cmpint(size, <=, fe->room);
        fe->room -= size;
    }
    g_byte_array_append(fe->got, buf, size);
}

static inline void test_fe_event(void *opaque, ChrEvent event)
{
    TestFe *fe = opaque;

    g_array_append_val(fe->events, event);
}

static inline void test_fe_attach(TestFe *fe, Chardev *chr)
{
    memset(fe, 0, sizeof(*fe));
    fe->got = g_byte_array_new();
    fe->events = g_array_new(false, false, sizeof(ChrEvent));
    fe->room = -1;
    g_assert_true(chr_fe_init(&fe->be, chr, &error_abort));
    chr_fe_set_handlers(&fe->be, test_fe_can_receive, test_fe_receive,
                        test_fe_event, fe);
}

static inline void test_fe_detach(TestFe *fe)
{
    chr_fe_deinit(&fe->be);
    g_byte_array_free(fe->got, true);
    g_array_free(fe->events, true);
}

static inline int test_fe_count_events(TestFe *fe, ChrEvent event)
{
    int n = 0;

    for (guint i = 0; i < fe->events->len; i++) {
        n += g_array_index(fe->events, ChrEvent, i) == event;
    }
    return n;
}

static inline ChrEvent test_fe_last_event(TestFe *fe)
{
    g_assert_cmpuint(fe->events->len, >, 0);
    return g_array_index(fe->events, ChrEvent, fe->events->len - 1);
}

static inline bool test_fe_got(TestFe *fe, const char *text)
{
    return fe->got->len == strlen(text) &&
           memcmp(fe->got->data, text, fe->got->len) == 0;
}

/* Runs the default main context until cond holds; fails after 5 s. */
#define WAIT_FOR(cond)                                                   \
    do {                                                                 \
        gint64 end_ = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;       \
        while (!(cond) && g_get_monotonic_time() < end_) {               \
            if (!g_main_context_iteration(NULL, false)) {                \
                g_usleep(1000);                                          \
            }                                                            \
        }                                                                \
        g_assert_true(cond);                                             \
    } while (0)

/* Runs the default main context for a while (to show nothing happens). */
static inline void run_main_loop_for(int ms)
{
    gint64 end = g_get_monotonic_time() + ms * 1000;

    while (g_get_monotonic_time() < end) {
        if (!g_main_context_iteration(NULL, false)) {
            g_usleep(1000);
        }
    }
}

/* Creates a chardev from a -chardev option string; must succeed. */
static inline Chardev *new_chardev(const char *optstr)
{
    KeyVal *opts = keyval_parse(optstr, "backend", &error_abort);
    Chardev *chr = chardev_new_from_opts(opts, &error_abort);

    keyval_free(opts);
    return chr;
}

/* Creates a chardev that must fail; returns the message (caller frees). */
static inline char *new_chardev_error(const char *optstr)
{
    KeyVal *opts = keyval_parse(optstr, "backend", &error_abort);
    Error *err = NULL;
    Chardev *chr = chardev_new_from_opts(opts, &err);
    char *msg;

    keyval_free(opts);
    g_assert_null(chr);
    g_assert_nonnull(err);
    msg = g_strdup(error_get_pretty(err));
    error_free(err);
    return msg;
}

#endif
