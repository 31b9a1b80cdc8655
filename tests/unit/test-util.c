/*
 * Unit tests for util/: errors, sizes and numbers, option strings, logs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/cutils.h"
#include "util/error.h"
#include "util/keyval.h"
#include "util/log.h"

static void test_error_chain(void)
{
    Error *err = NULL;

    error_setg(&err, "bad %s", "thing");
    error_prepend(&err, "-opt: ");
    g_assert_cmpstr(error_get_pretty(err), ==, "-opt: bad thing");
    error_free(err);

    /* A NULL errp swallows the error; propagate into NULL frees it. */
    error_setg(NULL, "ignored");
    err = NULL;
    error_setg(&err, "first");
    error_propagate(NULL, err);

    err = NULL;
    error_setg_errno(&err, ENOENT, "cannot open '%s'", "x");
    g_assert_cmpstr(error_get_pretty(err), ==, "cannot open 'x': No such file or directory");
    error_free(err);
}

static void test_parse_size(void)
{
    static const struct {
        const char *text;
        uint64_t unit;
        uint64_t bytes;
    } good[] = {
        { "512M", 1, 512 * MiB }, { "2G", 1, 2 * GiB }, { "4k", 1, 4 * KiB },
        { "512", MiB, 512 * MiB }, { "1.5G", 1, 3 * GiB / 2 }, { "100", 1, 100 },
        { "1T", 1, TiB }, { "8MiB", 1, 8 * MiB }, { "8MB", 1, 8 * MiB },
        { "16B", 1, 16 }, { "0", 1, 0 },
    };
    static const char *const bad[] = {
        "12Q", "", "M", "-1", "1.5", "0x10", "1 G", "99999999999999999999", "16E",
        "1GG",
    };
    uint64_t bytes;

    for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
        Error *err = NULL;

        g_assert_true(parse_size(good[i].text, good[i].unit, &bytes, &err));
        g_assert_null(err);
        g_assert_cmpuint(bytes, ==, good[i].bytes);
    }
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        Error *err = NULL;

        g_assert_false(parse_size(bad[i], 1, &bytes, &err));
        g_assert_nonnull(err);
        g_assert_true(strstr(error_get_pretty(err), "size") != NULL);
        error_free(err);
    }
}

static void test_parse_numbers(void)
{
    uint64_t n;
    bool b;

    g_assert_true(parse_uint64("0x1000", &n, NULL));
    g_assert_cmpuint(n, ==, 0x1000);
    g_assert_true(parse_uint64("010", &n, NULL));
    g_assert_cmpuint(n, ==, 10);        /* no octal */
    g_assert_false(parse_uint64("0x", &n, NULL));
    g_assert_false(parse_uint64("0x1g", &n, NULL));
    g_assert_true(parse_uint64("42", &n, NULL));
    g_assert_cmpuint(n, ==, 42);
    g_assert_true(parse_uint64("18446744073709551615", &n, NULL));
    g_assert_cmpuint(n, ==, UINT64_MAX);
    g_assert_false(parse_uint64("18446744073709551616", &n, NULL));
    g_assert_false(parse_uint64("-1", &n, NULL));
    g_assert_false(parse_uint64("12abc", &n, NULL));
    g_assert_false(parse_uint64("", &n, NULL));

    g_assert_true(parse_bool("on", &b, NULL) && b);
    g_assert_true(parse_bool("no", &b, NULL) && !b);
    g_assert_true(parse_bool("TRUE", &b, NULL) && b);
    g_assert_false(parse_bool("maybe", &b, NULL));
}

static void test_keyval_implied_and_flags(void)
{
    Error *err = NULL;
    KeyVal *kv = keyval_parse("socket,id=s0,port=4444,server,nowait", "backend", &err);
    uint64_t port;
    bool server, wait;

    g_assert_null(err);
    g_assert_cmpstr(keyval_get(kv, "backend"), ==, "socket");
    g_assert_cmpstr(keyval_get(kv, "id"), ==, "s0");
    g_assert_true(keyval_get_u64(kv, "port", 0, &port, NULL));
    g_assert_cmpuint(port, ==, 4444);
    g_assert_true(keyval_get_bool(kv, "server", false, &server, NULL));
    g_assert_true(server);
    g_assert_true(keyval_get_bool(kv, "wait", true, &wait, NULL));
    g_assert_false(wait);
    g_assert_true(keyval_check_unused(kv, NULL));
    keyval_free(kv);
}

static void test_keyval_escapes_and_errors(void)
{
    Error *err = NULL;
    KeyVal *kv = keyval_parse("file=a,,b.img,format=raw", NULL, &err);

    g_assert_nonnull(kv);
    g_assert_cmpstr(keyval_get(kv, "file"), ==, "a,b.img");
    g_assert_false(keyval_check_unused(kv, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "unknown parameter 'format'");
    error_free(err);
    err = NULL;
    keyval_free(kv);

    g_assert_null(keyval_parse("a=1,a=2", NULL, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "given twice"));
    error_free(err);
    err = NULL;

    g_assert_null(keyval_parse("=1", NULL, &err));
    error_free(err);
    err = NULL;

    kv = keyval_parse("x,size=12Q", "type", NULL);
    uint64_t size;
    g_assert_false(keyval_get_size(kv, "size", 0, &size, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "parameter 'size'"));
    error_free(err);
    keyval_free(kv);
}

static void test_keyval_merge(void)
{
    KeyVal *a = keyval_parse("virt,gic-version=2", "type", &error_abort);
    KeyVal *b = keyval_parse("gic-version=3,secure=on", NULL, &error_abort);

    keyval_merge(a, b);
    g_assert_cmpstr(keyval_get(a, "type"), ==, "virt");
    g_assert_cmpstr(keyval_get(a, "gic-version"), ==, "3");
    g_assert_cmpstr(keyval_get(a, "secure"), ==, "on");
    g_assert_cmpuint(keyval_count(a), ==, 3);
    keyval_free(a);
    keyval_free(b);
}

static LogItem test_item = { "test_item", "an item a test registers" };

static void test_log_items_and_file(void)
{
    Error *err = NULL;
    char *path = g_build_filename(g_get_tmp_dir(), "koine-test-log.XXXXXX", NULL);
    int fd = g_mkstemp(path);
    char *contents;

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    log_init();
    log_register(&test_item);
    g_assert_false(log_enable_items("test_item,nosuch", &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "nosuch"));
    error_free(err);
    /* A bad list enables nothing, not even the good names in it. */
    g_assert_false(test_item.enabled);

    g_assert_true(log_set_file(path, NULL));
    g_assert_true(log_enable_items("test_item,guest_errors", NULL));
    g_assert_true(test_item.enabled && log_guest_errors.enabled);
    g_assert_false(log_unimp.enabled);
    log_mask(test_item, "hello %d\n", 42);
    log_mask(log_unimp, "not printed\n");
    log_close();
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "hello 42\n");
    g_free(contents);
    log_disable_all();
    g_assert_false(test_item.enabled);
    unlink(path);
    g_free(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/util/error/chain", test_error_chain);
    g_test_add_func("/util/cutils/parse-size", test_parse_size);
    g_test_add_func("/util/cutils/numbers", test_parse_numbers);
    g_test_add_func("/util/keyval/implied-and-flags", test_keyval_implied_and_flags);
    g_test_add_func("/util/keyval/escapes-and-errors", test_keyval_escapes_and_errors);
    g_test_add_func("/util/keyval/merge", test_keyval_merge);
    g_test_add_func("/util/log/items-and-file", test_log_items_and_file);
    return g_test_run();
}
