/*
 * Interrupt lines: irq_set and the helper lines, and the or-irq and
 * split-irq devices driven through the device API as a board would.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/irq.h"
#include "hw/core/qdev.h"

/* The receiving end of a line: remembers every call. */
typedef struct Recorder {
    IRQLine *line;
    GString *history;           /* "n=level " per call */
    int level;
    int calls;
} Recorder;

static void record(void *opaque, int n, int level)
{
    Recorder *r = opaque;

    r->level = level;
    r->calls++;
    g_string_append_printf(r->history, "%d=%d ", n, level);
}

static void recorder_init(Recorder *r, int n)
{
    memset(r, 0, sizeof(*r));
    r->history = g_string_new(NULL);
    r->line = irq_new(record, r, n);
}

static void recorder_cleanup(Recorder *r)
{
    irq_free(r->line);
    g_string_free(r->history, true);
}

static void test_irq_basic(void)
{
    Recorder r;

    recorder_init(&r, 7);
    irq_set(r.line, 1);
    irq_set(r.line, 1);
    irq_lower(r.line);
    irq_raise(r.line);
    irq_set(r.line, 0);
    irq_pulse(r.line);
    g_assert_cmpstr(r.history->str, ==, "7=1 7=1 7=0 7=1 7=0 7=1 7=0 ");
    recorder_cleanup(&r);

    /* An unconnected output: every operation is a no-op. */
    irq_set(NULL, 1);
    irq_raise(NULL);
    irq_lower(NULL);
    irq_pulse(NULL);
    irq_free(NULL);
}

static void test_irq_invert(void)
{
    Recorder r;
    IRQLine *inv, *inv2, *dangling;

    recorder_init(&r, 3);
    inv = irq_invert(r.line);
    irq_raise(inv);
    g_assert_cmpint(r.level, ==, 0);
    irq_lower(inv);
    g_assert_cmpint(r.level, ==, 1);
    irq_pulse(inv);
    g_assert_cmpstr(r.history->str, ==, "3=0 3=1 3=0 3=1 ");

    /* Inverting twice is the identity. */
    inv2 = irq_invert(inv);
    irq_set(inv2, 1);
    g_assert_cmpint(r.level, ==, 1);
    irq_set(inv2, 0);
    g_assert_cmpint(r.level, ==, 0);

    dangling = irq_invert(NULL);
    irq_raise(dangling);
    g_assert_cmpint(r.calls, ==, 6);

    irq_free(dangling);
    irq_free(inv2);
    irq_free(inv);
    recorder_cleanup(&r);
}

static void test_irq_split2(void)
{
    Recorder a, b, c;
    IRQLine *split, *split3, *half;

    recorder_init(&a, 0);
    recorder_init(&b, 1);
    recorder_init(&c, 2);
    split = irq_split2(a.line, b.line);
    irq_raise(split);
    g_assert_cmpint(a.level, ==, 1);
    g_assert_cmpint(b.level, ==, 1);
    irq_lower(split);
    g_assert_cmpint(a.level, ==, 0);
    g_assert_cmpint(b.level, ==, 0);

    /* Fan-out to three by splitting a split; one leg inverted. */
    half = irq_invert(c.line);
    split3 = irq_split2(split, half);
    irq_raise(split3);
    g_assert_cmpint(a.level, ==, 1);
    g_assert_cmpint(b.level, ==, 1);
    g_assert_cmpint(c.level, ==, 0);
    g_assert_cmpint(c.calls, ==, 1);

    irq_free(split3);
    irq_free(split);
    /* A NULL leg is an unconnected output. */
    split = irq_split2(NULL, a.line);
    irq_lower(split);
    g_assert_cmpint(a.level, ==, 0);
    g_assert_cmpint(a.calls, ==, 4);

    irq_free(split);
    irq_free(half);
    recorder_cleanup(&a);
    recorder_cleanup(&b);
    recorder_cleanup(&c);
}

static DeviceState *new_realized(const char *model, const char *num_lines,
                                 Error **errp)
{
    const DeviceClass *dc = device_class_find(model);
    DeviceState *dev;

    g_assert_nonnull(dc);
    g_assert_false(dc->user_creatable);
    dev = device_new(dc);
    if (num_lines) {
        device_set_prop(dev, "num-lines", num_lines, &error_abort);
    }
    if (!device_realize(dev, NULL, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return dev;
}

static void test_or_irq(void)
{
    DeviceState *or = new_realized("or-irq", "3", &error_abort);
    Recorder out;

    recorder_init(&out, 0);
    g_assert_cmpint(device_num_gpio_in(or, NULL), ==, 3);
    g_assert_cmpint(device_num_gpio_out(or, NULL), ==, 1);
    device_connect_gpio_out(or, 0, out.line);

    irq_raise(device_get_gpio_in(or, 0));
    g_assert_cmpint(out.level, ==, 1);
    irq_raise(device_get_gpio_in(or, 2));
    g_assert_cmpint(out.level, ==, 1);
    /* Raise two, lower one: still high. */
    irq_lower(device_get_gpio_in(or, 0));
    g_assert_cmpint(out.level, ==, 1);
    /* Lower both: low. */
    irq_lower(device_get_gpio_in(or, 2));
    g_assert_cmpint(out.level, ==, 0);

    /* Levels, not counts: raising one input twice needs one lower. */
    irq_raise(device_get_gpio_in(or, 1));
    irq_raise(device_get_gpio_in(or, 1));
    g_assert_cmpint(out.level, ==, 1);
    irq_lower(device_get_gpio_in(or, 1));
    g_assert_cmpint(out.level, ==, 0);
    /* Lowering a low input keeps the output low. */
    irq_lower(device_get_gpio_in(or, 2));
    g_assert_cmpint(out.level, ==, 0);

    /* Reset forgets the input levels. */
    irq_raise(device_get_gpio_in(or, 2));
    device_reset(or);
    irq_raise(device_get_gpio_in(or, 0));
    irq_lower(device_get_gpio_in(or, 0));
    g_assert_cmpint(out.level, ==, 0);

    device_destroy(or);
    recorder_cleanup(&out);
}

static void test_or_irq_default_and_errors(void)
{
    DeviceState *or = new_realized("or-irq", NULL, &error_abort);
    Error *err = NULL;

    /* Unconnected output: inputs still work. */
    g_assert_cmpint(device_num_gpio_in(or, NULL), ==, 2);
    irq_raise(device_get_gpio_in(or, 1));
    device_destroy(or);

    g_assert_null(new_realized("or-irq", "0", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "or-irq: num-lines must be at least 1");
    error_free(err);
    err = NULL;
    g_assert_null(new_realized("split-irq", "0", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "split-irq: num-lines must be at least 1");
    error_free(err);
}

static void test_split_irq(void)
{
    DeviceState *split = new_realized("split-irq", "3", &error_abort);
    Recorder a, c;

    recorder_init(&a, 0);
    recorder_init(&c, 0);
    g_assert_cmpint(device_num_gpio_in(split, NULL), ==, 1);
    g_assert_cmpint(device_num_gpio_out(split, NULL), ==, 3);
    /* Output 1 stays unconnected. */
    device_connect_gpio_out(split, 0, a.line);
    device_connect_gpio_out(split, 2, c.line);

    irq_raise(device_get_gpio_in(split, 0));
    g_assert_cmpint(a.level, ==, 1);
    g_assert_cmpint(c.level, ==, 1);
    irq_lower(device_get_gpio_in(split, 0));
    g_assert_cmpint(a.level, ==, 0);
    g_assert_cmpint(c.level, ==, 0);
    g_assert_cmpstr(a.history->str, ==, "0=1 0=0 ");
    g_assert_cmpstr(c.history->str, ==, "0=1 0=0 ");

    device_destroy(split);
    recorder_cleanup(&a);
    recorder_cleanup(&c);
}

/* A split feeding two inputs of an or: the or follows the single source. */
static void test_split_into_or(void)
{
    DeviceState *split = new_realized("split-irq", "2", &error_abort);
    DeviceState *or = new_realized("or-irq", "2", &error_abort);
    Recorder out;

    recorder_init(&out, 0);
    device_connect_gpio_out(or, 0, out.line);
    device_connect_gpio_out(split, 0, device_get_gpio_in(or, 0));
    device_connect_gpio_out(split, 1, device_get_gpio_in(or, 1));
    irq_raise(device_get_gpio_in(split, 0));
    g_assert_cmpint(out.level, ==, 1);
    irq_lower(device_get_gpio_in(split, 0));
    g_assert_cmpint(out.level, ==, 0);

    device_destroy(split);
    device_destroy(or);
    recorder_cleanup(&out);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/irq/basic", test_irq_basic);
    g_test_add_func("/irq/invert", test_irq_invert);
    g_test_add_func("/irq/split2", test_irq_split2);
    g_test_add_func("/irq/or-irq/wiring", test_or_irq);
    g_test_add_func("/irq/or-irq/default-and-errors", test_or_irq_default_and_errors);
    g_test_add_func("/irq/split-irq/wiring", test_split_irq);
    g_test_add_func("/irq/split-irq/into-or-irq", test_split_into_or);
    return g_test_run();
}
