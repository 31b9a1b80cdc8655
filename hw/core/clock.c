/*
 * Device clock tree: see hw/core/clock.h.
 *
 * Each clock knows its source and the clocks it feeds (children, in the
 * order they were connected). Propagation walks the subtree twice: first it
 * copies the period down and collects the clocks whose period changed, then
 * it calls their callbacks. Two passes keep a callback that looks at another
 * clock of the same tree (a divider reading its input and output) from
 * seeing half-updated state.
 *
 * Conversions use 128-bit products: ticks * period can exceed 64 bits long
 * before the result in ns does, and the result saturates rather than wraps,
 * because a timer deadline that wraps to "soon" is worse than "never".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/clock.h"

struct Clock {
    char *name;
    uint64_t period;            /* 2^-32 ns units; 0 = disabled */
    Clock *source;
    GPtrArray *children;        /* Clock * fed from this one */
    ClockCallback *cb;
    void *opaque;
};

Clock *clock_new(const char *name, ClockCallback *cb, void *opaque)
{
    Clock *clk = g_new0(Clock, 1);

    clk->name = g_strdup(name);
    clk->children = g_ptr_array_new();
    clk->cb = cb;
    clk->opaque = opaque;
    return clk;
}

void clock_free(Clock *clk)
{
    if (!clk) {
        return;
    }
    clock_set_source(clk, NULL);
    for (guint i = 0; i < clk->children->len; i++) {
        Clock *child = g_ptr_array_index(clk->children, i);

        child->source = NULL;
    }
    g_ptr_array_free(clk->children, true);
    g_free(clk->name);
    g_free(clk);
}

const char *clock_name(const Clock *clk)
{
    return clk->name;
}

/* Copies clk's period down its subtree; collects changed clocks if asked. */
static void copy_period_down(Clock *clk, GPtrArray *changed)
{
    for (guint i = 0; i < clk->children->len; i++) {
        Clock *child = g_ptr_array_index(clk->children, i);

        if (child->period != clk->period) {
            child->period = clk->period;
            if (changed && child->cb) {
                g_ptr_array_add(changed, child);
            }
        }
        copy_period_down(child, changed);
    }
}

void clock_set_source(Clock *clk, Clock *src)
{
    if (clk->source) {
        g_ptr_array_remove(clk->source->children, clk);
        clk->source = NULL;
    }
    if (!src) {
        return;
    }
    /* A loop would make propagation recurse forever. */
    for (Clock *c = src; c; c = c->source) {
        assert(c != clk);
    }
    clk->source = src;
    g_ptr_array_add(src->children, clk);
    clk->period = src->period;
    copy_period_down(clk, NULL);
}

Clock *clock_get_source(const Clock *clk)
{
    return clk->source;
}

bool clock_set_period(Clock *clk, uint64_t period)
{
    if (clk->period == period) {
        return false;
    }
    clk->period = period;
    return true;
}

/* a / b rounded to nearest, without overflow in a + b / 2. */
static uint64_t div_round(uint64_t a, uint64_t b)
{
    uint64_t q = a / b, r = a % b;

    return q + (r >= b - r);
}

bool clock_set_hz(Clock *clk, uint64_t hz)
{
    uint64_t period = 0;

    if (hz) {
        period = MAX(div_round(CLOCK_PERIOD_1SEC, hz), 1);
    }
    return clock_set_period(clk, period);
}

bool clock_set_ns(Clock *clk, uint64_t ns)
{
    return clock_set_period(clk, ns > (UINT64_MAX >> 32) ? UINT64_MAX
                                                         : ns << 32);
}

void clock_propagate(Clock *clk)
{
    GPtrArray *changed = g_ptr_array_new();

    copy_period_down(clk, changed);
    for (guint i = 0; i < changed->len; i++) {
        Clock *c = g_ptr_array_index(changed, i);

        c->cb(c->opaque);
    }
    g_ptr_array_free(changed, true);
}

uint64_t clock_get_period(const Clock *clk)
{
    return clk->period;
}

uint64_t clock_get_hz(const Clock *clk)
{
    return clk->period ? div_round(CLOCK_PERIOD_1SEC, clk->period) : 0;
}

uint64_t clock_ticks_to_ns(const Clock *clk, uint64_t ticks)
{
    unsigned __int128 ns = ((unsigned __int128)ticks * clk->period) >> 32;

    return ns > UINT64_MAX ? UINT64_MAX : (uint64_t)ns;
}

uint64_t clock_ns_to_ticks(const Clock *clk, uint64_t ns)
{
    unsigned __int128 ticks;

    if (!clk->period) {
        return 0;
    }
    ticks = ((unsigned __int128)ns << 32) / clk->period;
    return ticks > UINT64_MAX ? UINT64_MAX : (uint64_t)ticks;
}
