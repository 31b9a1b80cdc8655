/*
 * The device clock tree: frequency conversions, propagation with callbacks
 * only on change, tick/ns conversion at the overflow edges, and clocks owned
 * by devices wired as a board would (oscillator -> divider -> consumer).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/clock.h"
#include "hw/core/qdev.h"

static void test_hz_roundtrip(void)
{
    static const uint64_t freqs[] = {
        1, 2, 3, 7, 1000, 32768, 1000000, 1843200, 3686400, 24000000,
        33333333, 62500000, 100000000, 125000000, 999999937, 1000000000,
        1500000000, 2000000000,
    };
    Clock *clk = clock_new("osc", NULL, NULL);

    for (size_t i = 0; i < ARRAY_SIZE(freqs); i++) {
        clock_set_hz(clk, freqs[i]);
        g_assert_cmpuint(clock_get_hz(clk), ==, freqs[i]);
        g_assert_true(clock_is_enabled(clk));
    }
    /* Exact periods where they exist. */
    clock_set_hz(clk, 1000000000);
    g_assert_cmpuint(clock_get_period(clk), ==, 1ULL << 32);
    clock_set_hz(clk, 1);
    g_assert_cmpuint(clock_get_period(clk), ==, CLOCK_PERIOD_1SEC);
    clock_set_ns(clk, 10);
    g_assert_cmpuint(clock_get_period(clk), ==, 10ULL << 32);
    g_assert_cmpuint(clock_get_hz(clk), ==, 100000000);
    clock_set_period(clk, 5ULL << 31);      /* 2.5 ns */
    g_assert_cmpuint(clock_get_hz(clk), ==, 400000000);
    g_assert_cmpstr(clock_name(clk), ==, "osc");
    clock_free(clk);
}

static void test_disabled(void)
{
    Clock *clk = clock_new("off", NULL, NULL);

    /* No source, no period: disabled. */
    g_assert_false(clock_is_enabled(clk));
    g_assert_cmpuint(clock_get_hz(clk), ==, 0);
    g_assert_cmpuint(clock_get_period(clk), ==, 0);
    g_assert_cmpuint(clock_ticks_to_ns(clk, 1000), ==, 0);
    g_assert_cmpuint(clock_ns_to_ticks(clk, 1000), ==, 0);
    g_assert_null(clock_get_source(clk));

    g_assert_true(clock_set_hz(clk, 1000));
    g_assert_true(clock_is_enabled(clk));
    g_assert_false(clock_set_hz(clk, 1000));    /* unchanged */
    g_assert_true(clock_set_hz(clk, 0));
    g_assert_false(clock_is_enabled(clk));
    g_assert_false(clock_set_period(clk, 0));
    clock_free(clk);
}

/* Callback counters for a chain; each checks the tree is consistent. */
typedef struct Chain {
    Clock *a, *b, *c;
    int b_calls, c_calls;
} Chain;

static void b_changed(void *opaque)
{
    Chain *ch = opaque;

    ch->b_calls++;
    g_assert_cmpuint(clock_get_period(ch->b), ==, clock_get_period(ch->a));
    /* All periods are updated before the first callback. */
    if (clock_get_source(ch->c) == ch->b) {
        g_assert_cmpuint(clock_get_period(ch->c), ==, clock_get_period(ch->b));
    }
}

static void c_changed(void *opaque)
{
    Chain *ch = opaque;

    ch->c_calls++;
}

static void test_propagate_chain(void)
{
    Chain ch = { 0 };

    ch.a = clock_new("a", NULL, NULL);
    ch.b = clock_new("b", b_changed, &ch);
    ch.c = clock_new("c", c_changed, &ch);
    clock_set_hz(ch.a, 1000000);

    /* Connecting copies the period down the chain, without callbacks. */
    clock_set_source(ch.c, ch.b);
    g_assert_cmpuint(clock_get_hz(ch.c), ==, 0);
    clock_set_source(ch.b, ch.a);
    g_assert_true(clock_get_source(ch.b) == ch.a);
    g_assert_cmpuint(clock_get_hz(ch.b), ==, 1000000);
    g_assert_cmpuint(clock_get_hz(ch.c), ==, 1000000);
    g_assert_cmpint(ch.b_calls + ch.c_calls, ==, 0);

    /* Setting does not propagate by itself. */
    g_assert_true(clock_set_hz(ch.a, 2000000));
    g_assert_cmpuint(clock_get_hz(ch.c), ==, 1000000);
    clock_propagate(ch.a);
    g_assert_cmpuint(clock_get_hz(ch.b), ==, 2000000);
    g_assert_cmpuint(clock_get_hz(ch.c), ==, 2000000);
    g_assert_cmpint(ch.b_calls, ==, 1);
    g_assert_cmpint(ch.c_calls, ==, 1);

    /* Propagating an unchanged period calls nobody. */
    clock_propagate(ch.a);
    clock_set_hz(ch.a, 2000000);
    clock_propagate(ch.a);
    g_assert_cmpint(ch.b_calls, ==, 1);
    g_assert_cmpint(ch.c_calls, ==, 1);

    /* Only the clock that differs is called back. */
    clock_set_hz(ch.c, 5);
    clock_propagate(ch.a);
    g_assert_cmpuint(clock_get_hz(ch.c), ==, 2000000);
    g_assert_cmpint(ch.b_calls, ==, 1);
    g_assert_cmpint(ch.c_calls, ==, 2);

    /* Disabling propagates too. */
    clock_update_hz(ch.a, 0);
    g_assert_false(clock_is_enabled(ch.c));
    g_assert_cmpint(ch.b_calls, ==, 2);
    g_assert_cmpint(ch.c_calls, ==, 3);

    /* A disconnected clock keeps its period and hears nothing more. */
    clock_update_hz(ch.a, 48000000);
    clock_set_source(ch.c, NULL);
    clock_update_hz(ch.a, 24000000);
    g_assert_cmpuint(clock_get_hz(ch.b), ==, 24000000);
    g_assert_cmpuint(clock_get_hz(ch.c), ==, 48000000);
    g_assert_cmpint(ch.b_calls, ==, 4);
    g_assert_cmpint(ch.c_calls, ==, 4);

    /* Freeing a source leaves its children standing with their period. */
    clock_free(ch.a);
    g_assert_null(clock_get_source(ch.b));
    g_assert_cmpuint(clock_get_hz(ch.b), ==, 24000000);
    clock_free(ch.b);
    clock_free(ch.c);
}

static void test_ticks_ns(void)
{
    Clock *clk = clock_new("t", NULL, NULL);

    /* 1 GHz: one tick per ns, exactly, over the whole range. */
    clock_set_hz(clk, 1000000000);
    g_assert_cmpuint(clock_ticks_to_ns(clk, 1000), ==, 1000);
    g_assert_cmpuint(clock_ns_to_ticks(clk, 1000), ==, 1000);
    g_assert_cmpuint(clock_ticks_to_ns(clk, UINT64_MAX), ==, UINT64_MAX);
    /* ns << 32 overflows 64 bits here: the result must not. */
    g_assert_cmpuint(clock_ns_to_ticks(clk, UINT64_MAX), ==, UINT64_MAX);
    g_assert_cmpuint(clock_ns_to_ticks(clk, 1ULL << 40), ==, 1ULL << 40);

    /* 1 Hz: ticks * period overflows 64 bits from 5 ticks on. */
    clock_set_hz(clk, 1);
    g_assert_cmpuint(clock_ticks_to_ns(clk, 5), ==, 5000000000ULL);
    g_assert_cmpuint(clock_ticks_to_ns(clk, 1ULL << 34), ==,
                     17179869184000000000ULL);
    /* 2^35 s is past UINT64_MAX ns: saturate, do not wrap. */
    g_assert_cmpuint(clock_ticks_to_ns(clk, 1ULL << 35), ==, UINT64_MAX);
    g_assert_cmpuint(clock_ticks_to_ns(clk, UINT64_MAX), ==, UINT64_MAX);
    g_assert_cmpuint(clock_ns_to_ticks(clk, 1000000000), ==, 1);
    g_assert_cmpuint(clock_ns_to_ticks(clk, 999999999), ==, 0);
    g_assert_cmpuint(clock_ns_to_ticks(clk, UINT64_MAX), ==,
                     UINT64_MAX / 1000000000);

    /* 4 GHz (period 2^30): more ticks than ns, ns_to_ticks saturates. */
    clock_set_hz(clk, 4000000000ULL);
    g_assert_cmpuint(clock_get_period(clk), ==, 1ULL << 30);
    g_assert_cmpuint(clock_ns_to_ticks(clk, 1000), ==, 4000);
    g_assert_cmpuint(clock_ns_to_ticks(clk, UINT64_MAX / 4), ==,
                     UINT64_MAX / 4 * 4);
    g_assert_cmpuint(clock_ns_to_ticks(clk, UINT64_MAX / 4 + 1), ==,
                     UINT64_MAX);
    g_assert_cmpuint(clock_ns_to_ticks(clk, UINT64_MAX), ==, UINT64_MAX);

    /* 3 MHz: a period that is not a whole ns; results round down. */
    clock_set_hz(clk, 3000000);
    g_assert_cmpuint(clock_ticks_to_ns(clk, 3), ==, 999);
    g_assert_cmpuint(clock_ns_to_ticks(clk, 1000), ==, 3);
    g_assert_cmpuint(clock_ticks_to_ns(clk, 3000000), ==, 999999999);
    g_assert_cmpuint(clock_ns_to_ticks(clk, 1000000000), ==, 3000000);

    /* 32.768 kHz: one second of ticks is one second, to a ns. */
    clock_set_hz(clk, 32768);
    g_assert_cmpuint(clock_ticks_to_ns(clk, 32768), >=, 999999999);
    g_assert_cmpuint(clock_ticks_to_ns(clk, 32768), <=, 1000000000);

    /* The longest period clock_set_ns can express, and beyond: saturates. */
    clock_set_ns(clk, UINT32_MAX);
    g_assert_cmpuint(clock_get_period(clk), ==, (uint64_t)UINT32_MAX << 32);
    clock_set_ns(clk, 1ULL << 32);
    g_assert_cmpuint(clock_get_period(clk), ==, UINT64_MAX);
    g_assert_true(clock_is_enabled(clk));
    clock_free(clk);
}

/* ---- Clocks on devices ---- */

/* A divider: output = input / 2, recomputed when the input changes. */
typedef struct TestDivState {
    DeviceState parent;
    Clock *in, *out;
} TestDivState;

static void div_in_changed(void *opaque)
{
    TestDivState *s = opaque;

    clock_set_period(s->out, clock_get_period(s->in) * 2);
    clock_propagate(s->out);
}

static void div_init(DeviceState *dev)
{
    TestDivState *s = container_of(dev, TestDivState, parent);

    s->in = device_init_clock_in(dev, "in", div_in_changed, s);
    s->out = device_init_clock_out(dev, "out");
}

static const DeviceClass test_div_class = {
    .name = "test-div",
    .desc = "clock divider by 2",
    .instance_size = sizeof(TestDivState),
    .instance_init = div_init,
};

/* A consumer that records the frequency it was told about. */
typedef struct TestTimerState {
    DeviceState parent;
    Clock *clk;
    uint64_t seen_hz;
    int calls;
} TestTimerState;

static void timer_clk_changed(void *opaque)
{
    TestTimerState *s = opaque;

    s->seen_hz = clock_get_hz(s->clk);
    s->calls++;
}

static void timer_init(DeviceState *dev)
{
    TestTimerState *s = container_of(dev, TestTimerState, parent);

    s->clk = device_init_clock_in(dev, "clk", timer_clk_changed, s);
}

static const DeviceClass test_timer_class = {
    .name = "test-timer",
    .desc = "clock consumer",
    .instance_size = sizeof(TestTimerState),
    .instance_init = timer_init,
};

static void test_device_clocks(void)
{
    Clock *osc = clock_new("osc", NULL, NULL);
    DeviceState *div = device_new(&test_div_class);
    DeviceState *timer = device_new(&test_timer_class);
    TestTimerState *t = container_of(timer, TestTimerState, parent);

    g_assert_true(device_get_clock(timer, "clk") == t->clk);
    g_assert_null(device_get_clock(timer, "nosuch"));
    g_assert_cmpstr(clock_name(device_get_clock(div, "out")), ==, "out");

    device_connect_clock(div, "in", osc);
    device_connect_clock(timer, "clk", device_get_clock(div, "out"));
    device_realize(div, NULL, &error_abort);
    device_realize(timer, NULL, &error_abort);

    clock_update_hz(osc, 24000000);
    g_assert_cmpuint(clock_get_hz(device_get_clock(div, "in")), ==, 24000000);
    g_assert_cmpuint(t->seen_hz, ==, 12000000);
    g_assert_cmpint(t->calls, ==, 1);
    clock_update_hz(osc, 24000000);
    g_assert_cmpint(t->calls, ==, 1);
    clock_update_hz(osc, 0);
    g_assert_cmpuint(t->seen_hz, ==, 0);
    g_assert_cmpint(t->calls, ==, 2);

    /* The divider goes first: the timer's clock keeps its period, unfed. */
    clock_update_hz(osc, 8000000);
    device_destroy(div);
    g_assert_null(clock_get_source(t->clk));
    g_assert_cmpuint(clock_get_hz(t->clk), ==, 4000000);
    clock_update_hz(osc, 1000);
    g_assert_cmpint(t->calls, ==, 3);
    device_destroy(timer);
    clock_free(osc);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/clock/hz-roundtrip", test_hz_roundtrip);
    g_test_add_func("/clock/disabled", test_disabled);
    g_test_add_func("/clock/propagate-chain", test_propagate_chain);
    g_test_add_func("/clock/ticks-ns", test_ticks_ns);
    g_test_add_func("/clock/device", test_device_clocks);
    return g_test_run();
}
