/*
 * The -rtc option: the guest's wall-clock base and the clock that moves it
 * (see hw/rtc/rtc-clock.h). Kept apart from any one RTC model so every
 * board's RTC starts from the same base.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/keyval.h"
#include "hw/rtc/rtc-clock.h"

#define NS_PER_SEC 1000000000LL

typedef enum RtcBase {
    RTC_BASE_UTC,
    RTC_BASE_LOCALTIME,
    RTC_BASE_DATE,
} RtcBase;

static RtcBase rtc_base = RTC_BASE_UTC;
static int64_t rtc_base_date;           /* RTC_BASE_DATE: seconds since the epoch */
static TimeClock rtc_clock = TIME_HOST;

/* "YYYY-MM-DDTHH:MM:SS" or "YYYY-MM-DD", UTC, into seconds since the epoch. */
static bool parse_date(const char *text, int64_t *seconds, Error **errp)
{
    int year, month, day, hour = 0, min = 0, sec = 0, end = -1;
    GDateTime *dt;

    if (sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day,
               &hour, &min, &sec, &end) != 6 || text[end] != '\0') {
        end = -1;
        if (sscanf(text, "%4d-%2d-%2d%n", &year, &month, &day, &end) != 3 ||
            text[end] != '\0') {
            error_setg(errp, "base=%s: expected utc, localtime or a date like "
                       "2020-01-01T00:00:00 or 2020-01-01", text);
            return false;
        }
    }
    /* g_date_time_new_utc() refuses 2021-02-30, 24:00:00 and the like. */
    dt = g_date_time_new_utc(year, month, day, hour, min, sec);
    if (!dt) {
        error_setg(errp, "base=%s is not a valid date", text);
        return false;
    }
    *seconds = g_date_time_to_unix(dt);
    g_date_time_unref(dt);
    return true;
}

bool rtc_clock_configure(const char *opts, Error **errp)
{
    KeyVal *kv = keyval_parse(opts, NULL, errp);
    RtcBase base = rtc_base;
    int64_t date = rtc_base_date;
    TimeClock clock = rtc_clock;
    const char *v;
    bool ok = false;

    if (!kv) {
        return false;
    }
    v = keyval_get(kv, "base");
    if (!v) {
        /* keep the current base */
    } else if (strcmp(v, "utc") == 0) {
        base = RTC_BASE_UTC;
    } else if (strcmp(v, "localtime") == 0) {
        base = RTC_BASE_LOCALTIME;
    } else if (parse_date(v, &date, errp)) {
        base = RTC_BASE_DATE;
    } else {
        goto out;
    }
    v = keyval_get(kv, "clock");
    if (!v) {
        /* keep the current clock */
    } else if (strcmp(v, "host") == 0) {
        clock = TIME_HOST;
    } else if (strcmp(v, "rt") == 0) {
        clock = TIME_REALTIME;
    } else if (strcmp(v, "vm") == 0) {
        clock = TIME_VIRTUAL;
    } else {
        error_setg(errp, "clock=%s: expected host, rt or vm", v);
        goto out;
    }
    v = keyval_get(kv, "driftfix");
    if (v && strcmp(v, "none") != 0 && strcmp(v, "slew") != 0) {
        error_setg(errp, "driftfix=%s: expected none or slew", v);
        goto out;
    }
    if (!keyval_check_unused(kv, errp)) {
        goto out;
    }
    rtc_base = base;
    rtc_base_date = date;
    rtc_clock = clock;
    ok = true;
out:
    keyval_free(kv);
    return ok;
}

TimeClock rtc_clock_source(void)
{
    return rtc_clock;
}

void rtc_clock_start(int64_t *seconds, int64_t *clock_ns)
{
    int64_t host_ns;

    if (rtc_base == RTC_BASE_DATE) {
        *seconds = rtc_base_date;
        *clock_ns = time_now_ns(rtc_clock);
        return;
    }
    host_ns = time_now_ns(TIME_HOST);
    *seconds = host_ns / NS_PER_SEC;
    *clock_ns = time_now_ns(rtc_clock) - host_ns % NS_PER_SEC;
    if (rtc_base == RTC_BASE_LOCALTIME) {
        /* The host's local time counted as if it were UTC, as a PC's RTC under Windows. */
        GDateTime *local = g_date_time_new_from_unix_local(*seconds);

        *seconds += g_date_time_get_utc_offset(local) / G_TIME_SPAN_SECOND;
        g_date_time_unref(local);
    }
}
