/*
 * The guest's wall clock, as the -rtc option sets it (QEMU's syntax):
 *
 *   -rtc [base=utc|localtime|DATE][,clock=host|rt|vm][,driftfix=none|slew]
 *
 * base: what the RTCs show when the machine is created: the host's UTC time
 *   (default), its local time, or a fixed DATE ("2020-01-01T00:00:00" or
 *   "2020-01-01", UTC).
 * clock: what moves them on from there: host (default) follows the host's
 *   wall clock, steps included; rt the host's monotonic clock, which ignores
 *   host clock changes; vm the virtual clock (TIME_VIRTUAL), which stands
 *   still while the VM is paused and, under -icount, counts instructions,
 *   so "base=DATE,clock=vm" gives the guest the same time on every run.
 * driftfix: the PC RTC's interrupt catch-up; accepted, nothing here uses it.
 *
 * RTC devices (hw/rtc/pl031.c) read this when they are created. Several
 * -rtc options merge, a later key winning, as on QEMU.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_RTC_RTC_CLOCK_H
#define HW_RTC_RTC_CLOCK_H

#include "util/osdep.h"
#include "util/error.h"
#include "softmmu/timers.h"

/* Applies an -rtc option string; on error nothing changes. */
bool rtc_clock_configure(const char *opts, Error **errp);

/* The clock RTCs count with (TIME_HOST, TIME_REALTIME or TIME_VIRTUAL). */
TimeClock rtc_clock_source(void);

/*
 * Where an RTC created now starts: it shows *seconds (since the Unix epoch,
 * in the base's time zone) from the moment rtc_clock_source() reads
 * *clock_ns, and one more second each second of that clock. For a base
 * taken from the host, *clock_ns lies up to a second in the past, so the
 * RTC ticks when the host's seconds do.
 */
void rtc_clock_start(int64_t *seconds, int64_t *clock_ns);

#endif
