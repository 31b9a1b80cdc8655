/*
 * Device clock tree: which frequency each device is fed, not what time it is
 * (virtual time and timers are softmmu/timers.h).
 *
 * A Clock carries a period in units of 2^-32 ns, so that both a 32 kHz
 * crystal and a multi-GHz CPU clock are exact enough, and conversions between
 * ticks and nanoseconds are a multiply and a shift. Period 0 means the clock
 * is disabled (0 Hz): a clock with no source and no period set is disabled.
 *
 * Clocks form a tree. A device's input clock is fed from a source (a board's
 * oscillator, another device's output clock): clock_set_source() makes it
 * follow the source. A device that produces a clock (a PLL, a divider) sets
 * its output's period and calls clock_propagate(), which copies the period
 * down every clock fed from it, recursively, and then calls the callback of
 * each clock whose period actually changed. All periods in the subtree are
 * updated before the first callback runs, so a callback sees a consistent
 * tree.
 *
 * Clocks created through a device (device_init_clock_in/out in qdev.h) are
 * freed with it; clock_new() makes a free-standing one for a board.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_CORE_CLOCK_H
#define HW_CORE_CLOCK_H

#include "util/osdep.h"

typedef struct Clock Clock;

/* Called after the clock's period changed through propagation. */
typedef void ClockCallback(void *opaque);

/* One second in period units: 10^9 ns << 32. */
#define CLOCK_PERIOD_1SEC (1000000000ULL << 32)

/* A free-standing clock (a board's oscillator); name is for messages. */
Clock *clock_new(const char *name, ClockCallback *cb, void *opaque);
/* Frees clk, disconnects it from its source; clocks it fed keep their period. */
void clock_free(Clock *clk);

const char *clock_name(const Clock *clk);

/*
 * Feeds clk from src (NULL disconnects). clk and everything it feeds take
 * src's period at once, without callbacks: wiring happens while the board is
 * built, before devices run.
 */
void clock_set_source(Clock *clk, Clock *src);
Clock *clock_get_source(const Clock *clk);

/*
 * Set the period of clk only; return whether it changed. Call
 * clock_propagate() afterwards to pass the change on.
 * clock_set_hz(clk, 0) and clock_set_period(clk, 0) disable the clock;
 * a period longer than ~4.29 s (clock_set_ns) saturates.
 */
bool clock_set_period(Clock *clk, uint64_t period);
bool clock_set_hz(Clock *clk, uint64_t hz);
bool clock_set_ns(Clock *clk, uint64_t ns);

/* Passes clk's period to every clock fed from it (see the top comment). */
void clock_propagate(Clock *clk);

/* Convenience: set and propagate. */
static inline void clock_update_hz(Clock *clk, uint64_t hz)
{
    if (clock_set_hz(clk, hz)) {
        clock_propagate(clk);
    }
}

uint64_t clock_get_period(const Clock *clk);
/* Rounded to the nearest Hz; exact round trips up to ~2 GHz. 0 if disabled. */
uint64_t clock_get_hz(const Clock *clk);
static inline bool clock_is_enabled(const Clock *clk)
{
    return clock_get_period(clk) != 0;
}

/*
 * How long ticks periods last, in ns (rounded down); saturates at UINT64_MAX
 * instead of wrapping. 0 for a disabled clock.
 */
uint64_t clock_ticks_to_ns(const Clock *clk, uint64_t ticks);
/*
 * How many whole periods fit in ns; saturates at UINT64_MAX. 0 for a
 * disabled clock (it never ticks).
 */
uint64_t clock_ns_to_ticks(const Clock *clk, uint64_t ns);

#endif
