/*
 * PL031 RTC tests: the device mapped in system memory and driven through
 * real memory accesses, against the real clocks: the counter starts at the
 * host's wall-clock time, advances with the virtual clock (-rtc clock=vm),
 * stands still while the VM is paused, and its match interrupt fires from a
 * timer the main loop runs. Then the -rtc option (hw/rtc/rtc-clock.c): a
 * fixed base date, exactly; localtime (under a fixed TZ); clock=host and
 * clock=rt counting on while the VM is paused, match interrupt included;
 * malformed options refused without changing anything. Some tests wait for
 * real seconds to pass (about 10 s in all).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/rtc/pl031.h"
#include "hw/rtc/rtc-clock.h"
#include "softmmu/main-loop.h"
#include "softmmu/memory.h"
#include "softmmu/timers.h"

#define BASE    0x09010000

#define DR      0x000
#define MR      0x004
#define LR      0x008
#define CR      0x00c
#define IMSC    0x010
#define RIS     0x014
#define MIS     0x018
#define ICR     0x01c

#define MS      1000000LL

typedef struct Rtc {
    DeviceState *dev;
    IRQLine *line;
    int level;
} Rtc;

static uint32_t rd(hwaddr off)
{
    MemTxResult res;
    uint32_t v = address_space_ldl_le(get_address_space_memory(), BASE + off,
                                      MEMTXATTRS_UNSPECIFIED, &res);

    g_assert_cmpint(res, ==, MEMTX_OK);
    return v;
}

static void wr(hwaddr off, uint32_t value)
{
    MemTxResult res;

    address_space_stl_le(get_address_space_memory(), BASE + off, value,
                         MEMTXATTRS_UNSPECIFIED, &res);
    g_assert_cmpint(res, ==, MEMTX_OK);
}

/* Runs the main loop (timers) until cond holds; fails after timeout_ms. */
#define WAIT_FOR_MS(cond, timeout_ms)                                        \
    do {                                                                     \
        gint64 end_ = g_get_monotonic_time() + (timeout_ms) * 1000;          \
        while (!(cond) && g_get_monotonic_time() < end_) {                   \
            if (!main_loop_iterate(false)) {                                 \
                g_usleep(500);                                               \
            }                                                                \
        }                                                                    \
        g_assert_true(cond);                                                 \
    } while (0)

static void run_for(int ms)
{
    gint64 end = g_get_monotonic_time() + ms * 1000;

    while (g_get_monotonic_time() < end) {
        if (!main_loop_iterate(false)) {
            g_usleep(500);
        }
    }
}

static void record_level(void *opaque, int n, int level)
{
    *(int *)opaque = level;
}

/* Sets the -rtc option the next RTC is created with. */
static void rtc_option(const char *opts)
{
    g_assert_true(rtc_clock_configure(opts, &error_abort));
}

static void rtc_init(Rtc *r)
{
    r->level = -1;
    r->dev = device_new(&pl031_class);
    g_assert_true(device_realize(r->dev, NULL, &error_abort));
    r->line = irq_new(record_level, &r->level, 0);
    device_connect_irq(r->dev, 0, r->line);
    device_mmio_map(r->dev, 0, BASE);
    device_reset(r->dev);
}

static void rtc_cleanup(Rtc *r)
{
    memory_region_del_subregion(get_system_memory(), device_get_mmio(r->dev, 0));
    device_destroy(r->dev);
    irq_free(r->line);
}

/* Waits (running the VM) for the counter to tick; returns the virtual time then. */
static int64_t wait_tick(uint32_t from)
{
    WAIT_FOR_MS(rd(DR) != from, 2000);
    return time_now_ns(TIME_VIRTUAL);
}

static void test_id_registers(void)
{
    static const uint8_t id[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    Rtc r;

    rtc_init(&r);
    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(rd(0xfe0 + 4 * i), ==, id[i]);
    }
    wr(0xfe0, 0);
    g_assert_cmphex(rd(0xfe0), ==, 0x31);
    rtc_cleanup(&r);
}

static void test_starts_at_host_time(void)
{
    int64_t host = g_get_real_time() / G_USEC_PER_SEC;
    Rtc r;

    rtc_option("base=utc,clock=vm");
    rtc_init(&r);
    g_assert_cmpint(rd(DR), >=, (uint32_t)host - 1);
    g_assert_cmpint(rd(DR), <=, (uint32_t)host + 2);
    /* Started at power-on; starting is for good. */
    g_assert_cmphex(rd(CR), ==, 1);
    wr(CR, 0);
    g_assert_cmphex(rd(CR), ==, 1);
    g_assert_cmphex(rd(IMSC), ==, 0);
    g_assert_cmphex(rd(RIS), ==, 0);
    g_assert_cmphex(rd(MR), ==, 0);
    rtc_cleanup(&r);
}

static void test_counts_virtual_time(void)
{
    int64_t t1, t2, paused_at;
    uint32_t before;
    Rtc r;

    vm_start();
    rtc_option("base=utc,clock=vm");
    rtc_init(&r);

    /* LR sets the counter; the next tick comes a second after the load. */
    wr(LR, 1000);
    t1 = time_now_ns(TIME_VIRTUAL);
    g_assert_cmpuint(rd(DR), ==, 1000);
    g_assert_cmpuint(rd(LR), ==, 1000);
    t2 = wait_tick(1000);
    g_assert_cmpuint(rd(DR), ==, 1001);
    g_assert_cmpint(t2 - t1, >=, 1000 * MS);
    g_assert_cmpint(t2 - t1, <, 1500 * MS);

    /* Paused: the counter stands still for as long as it takes. */
    run_for(300);
    vm_stop(RUN_STATE_PAUSED);
    paused_at = time_now_ns(TIME_VIRTUAL);
    before = rd(DR);
    g_assert_cmpuint(before, ==, 1001);
    g_usleep(1200 * 1000);
    g_assert_cmpuint(rd(DR), ==, before);

    /* Resumed: the rest of the second, not the time spent paused. */
    vm_start();
    g_assert_cmpuint(rd(DR), ==, before);
    t2 = wait_tick(before);
    g_assert_cmpuint(rd(DR), ==, 1002);
    g_assert_cmpint(t2 - paused_at, <, 1000 * MS);
    g_assert_cmpint(t2 - t1, >=, 2000 * MS);

    /* The counter is 32 bits wide and wraps. */
    wr(LR, 0xffffffff);
    t2 = wait_tick(0xffffffff);
    g_assert_cmpuint(rd(DR), ==, 0);

    /* A reset keeps the time: the RTC is battery-backed. */
    wr(LR, 5000);
    device_reset(r.dev);
    g_assert_cmpuint(rd(DR), >=, 5000);
    g_assert_cmpuint(rd(DR), <=, 5001);
    rtc_cleanup(&r);
}

static void test_match_interrupt(void)
{
    uint32_t now;
    Rtc r;

    vm_start();
    rtc_option("base=utc,clock=vm");
    rtc_init(&r);
    g_assert_cmpint(r.level, ==, 0);

    /* A match one second ahead fires from the timer, on the line when unmasked. */
    wr(LR, 7000);
    wr(MR, 7001);
    wr(IMSC, 1);
    g_assert_cmphex(rd(RIS), ==, 0);
    run_for(500);
    g_assert_cmpint(r.level, ==, 0);
    WAIT_FOR_MS(r.level == 1, 1000);
    g_assert_cmpuint(rd(DR), ==, 7001);
    g_assert_cmphex(rd(RIS), ==, 1);
    g_assert_cmphex(rd(MIS), ==, 1);
    g_assert_cmphex(rd(MR), ==, 7001);

    /* Masked: raw status stays, the line falls; ICR clears. */
    wr(IMSC, 0);
    g_assert_cmpint(r.level, ==, 0);
    g_assert_cmphex(rd(RIS), ==, 1);
    g_assert_cmphex(rd(MIS), ==, 0);
    wr(IMSC, 1);
    g_assert_cmpint(r.level, ==, 1);
    wr(ICR, 1);
    g_assert_cmpint(r.level, ==, 0);
    g_assert_cmphex(rd(RIS), ==, 0);

    /* A match equal to the counter fires at once. */
    now = rd(DR);
    wr(MR, now);
    g_assert_cmphex(rd(RIS), ==, 1);
    g_assert_cmpint(r.level, ==, 1);
    wr(ICR, 1);

    /* No match while the VM is paused; it comes once it runs again. */
    wr(LR, 100);
    wr(MR, 101);
    vm_stop(RUN_STATE_PAUSED);
    run_for(1300);
    g_assert_cmphex(rd(RIS), ==, 0);
    g_assert_cmpuint(rd(DR), ==, 100);
    vm_start();
    WAIT_FOR_MS(r.level == 1, 1500);
    g_assert_cmpuint(rd(DR), ==, 101);

    /* Reset clears match and interrupt state, and disarms the match. */
    wr(LR, 200);
    wr(MR, 201);
    device_reset(r.dev);
    g_assert_cmpint(r.level, ==, 0);
    g_assert_cmphex(rd(RIS), ==, 0);
    g_assert_cmphex(rd(MR), ==, 0);
    run_for(1200);
    g_assert_cmphex(rd(RIS), ==, 0);
    rtc_cleanup(&r);
}

/* base=DATE,clock=vm: the date exactly, then one tick per second of virtual time. */
static void test_rtc_fixed_base(void)
{
    static const struct {
        const char *opts;
        uint32_t seconds;       /* hand-computed: days since 1970 * 86400 + time */
    } cases[] = {
        { "base=2020-01-01T00:00:00,clock=vm", 1577836800u },     /* 18262 days */
        { "base=2020-01-01,clock=vm", 1577836800u },
        { "clock=vm,base=2000-02-29T12:34:56", 951827696u },      /* 11016 days + 45296 s */
        { "base=2038-01-19T03:14:08,clock=vm", 0x80000000u },     /* past INT32_MAX */
        { "base=1970-01-01T00:00:00,clock=vm,driftfix=slew", 0 },
    };
    int64_t created;
    Rtc r;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        vm_stop(RUN_STATE_PAUSED);
        rtc_option(cases[i].opts);
        rtc_init(&r);
        g_assert_cmpuint(rd(DR), ==, cases[i].seconds);
        g_usleep(50 * 1000);
        g_assert_cmpuint(rd(DR), ==, cases[i].seconds);
        rtc_cleanup(&r);
    }

    /* The first tick is a whole second of virtual time after creation. */
    vm_stop(RUN_STATE_PAUSED);
    rtc_option("base=2020-01-01T00:00:00,clock=vm");
    rtc_init(&r);
    created = time_now_ns(TIME_VIRTUAL);
    vm_start();
    g_assert_cmpint(wait_tick(1577836800u) - created, >=, 1000 * MS);
    g_assert_cmpuint(rd(DR), ==, 1577836801u);
    rtc_cleanup(&r);
    rtc_option("base=utc,clock=host");
}

/* base=localtime: the host's local time counted as UTC (TZ is KST-9 here). */
static void test_rtc_localtime(void)
{
    int64_t host;
    Rtc r;

    rtc_option("base=localtime,clock=vm");
    host = g_get_real_time() / G_USEC_PER_SEC;
    rtc_init(&r);
    g_assert_cmpint(rd(DR), >=, (uint32_t)(host + 9 * 3600));
    g_assert_cmpint(rd(DR), <=, (uint32_t)(host + 9 * 3600 + 2));
    rtc_cleanup(&r);
    rtc_option("base=utc,clock=host");
}

/* clock=host (the default) and clock=rt run on while the VM is paused. */
static void test_rtc_host_clocks(gconstpointer data)
{
    const char *opts = data;
    int64_t host;
    uint32_t start;
    Rtc r;

    vm_stop(RUN_STATE_PAUSED);
    rtc_option(opts);
    host = g_get_real_time() / G_USEC_PER_SEC;
    rtc_init(&r);
    start = rd(DR);
    g_assert_cmpint(start, >=, (uint32_t)host);
    g_assert_cmpint(start, <=, (uint32_t)host + 1);
    WAIT_FOR_MS(rd(DR) == start + 1, 1500);

    /* The match timer runs on the same clock: it fires with the VM paused. */
    wr(LR, 300);
    wr(MR, 301);
    wr(IMSC, 1);
    g_assert_cmpint(r.level, ==, 0);
    WAIT_FOR_MS(r.level == 1, 1500);
    g_assert_cmpuint(rd(DR), ==, 301);
    rtc_cleanup(&r);
    vm_start();
    rtc_option("base=utc,clock=host");
}

/* Malformed options are refused with one line, and change nothing. */
static void test_rtc_bad_options(void)
{
    static const struct {
        const char *opts;
        const char *message;
    } cases[] = {
        { "base=2021-02-30", "base=2021-02-30 is not a valid date" },
        { "base=2020-01-01T24:00:00", "is not a valid date" },
        { "base=yesterday", "expected utc, localtime or a date" },
        { "base=2020-01-01T00:00", "expected utc, localtime or a date" },
        { "base=2020-01-01x", "expected utc, localtime or a date" },
        { "clock=guest", "clock=guest: expected host, rt or vm" },
        { "driftfix=fast", "driftfix=fast: expected none or slew" },
        { "base=utc,speed=2", "speed" },
        { "clock=host,base=nope", "base=nope" },
    };
    Rtc r;

    rtc_option("base=2020-01-01,clock=vm");
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        Error *err = NULL;

        g_assert_false(rtc_clock_configure(cases[i].opts, &err));
        g_assert_nonnull(err);
        if (!strstr(error_get_pretty(err), cases[i].message)) {
            g_error("-rtc %s: '%s' lacks '%s'", cases[i].opts, error_get_pretty(err),
                    cases[i].message);
        }
        error_free(err);
    }
    g_assert_true(rtc_clock_source() == TIME_VIRTUAL);
    vm_stop(RUN_STATE_PAUSED);
    rtc_init(&r);
    g_assert_cmpuint(rd(DR), ==, 1577836800u);
    rtc_cleanup(&r);
    vm_start();
    rtc_option("base=utc,clock=host");
}

int main(int argc, char **argv)
{
    /* For base=localtime: 9 hours east of UTC, no daylight saving. */
    g_setenv("TZ", "KST-9", true);
    g_test_init(&argc, &argv, NULL);
    main_loop_init();

    g_test_add_func("/pl031/id-registers", test_id_registers);
    g_test_add_func("/pl031/starts-at-host-time", test_starts_at_host_time);
    g_test_add_func("/pl031/counts-virtual-time", test_counts_virtual_time);
    g_test_add_func("/pl031/match-interrupt", test_match_interrupt);
    g_test_add_func("/pl031/rtc-option/fixed-base", test_rtc_fixed_base);
    g_test_add_func("/pl031/rtc-option/localtime", test_rtc_localtime);
    g_test_add_data_func("/pl031/rtc-option/clock-host", "base=utc,clock=host",
                         test_rtc_host_clocks);
    g_test_add_data_func("/pl031/rtc-option/clock-rt", "clock=rt,base=utc",
                         test_rtc_host_clocks);
    g_test_add_func("/pl031/rtc-option/bad-options", test_rtc_bad_options);
    return g_test_run();
}
