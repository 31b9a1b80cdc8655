/*
 * Clocks and timers: see softmmu/timers.h.
 *
 * Each clock has one list of armed timers, sorted by expire time, so the
 * next deadline is the head of each list. Lists are short (a few timers per
 * device), so a sorted singly linked list is the simplest thing that works.
 * All lists share one mutex, since timer_mod() may come from a vCPU thread
 * while the I/O thread is reading the deadline.
 *
 * Callbacks run with that mutex released: a timer is unlinked before its
 * callback is called, and the list is read again after each callback. So a
 * callback may re-arm, delete or free any timer, its own included.
 *
 * The virtual clock, when driven by the host, is the host monotonic time
 * minus the time spent paused: while running it is
 * vclock.base + (realtime - vclock.resumed_at), and pausing folds the
 * elapsed time into base.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "softmmu/timers.h"
#include "softmmu/main-loop.h"

#include <time.h>

struct Timer {
    Timer *next;            /* in its clock's list, while pending */
    int64_t expire_ns;      /* -1 while not pending */
    TimeClock clock;
    int scale;
    TimerCallback *cb;
    void *opaque;
};

static GMutex timers_lock;
static Timer *timer_lists[TIME__MAX];
static void (*virtual_notify)(void);
static bool virtual_run_by_vcpu;   /* -icount: the I/O thread leaves virtual timers alone */

static struct {
    GMutex lock;
    bool running;
    int64_t base;
    int64_t resumed_at;
    int64_t (*source)(void *opaque);
    void *source_opaque;
} vclock;

static const char *const clock_names[TIME__MAX] = {
    [TIME_REALTIME] = "realtime",
    [TIME_VIRTUAL] = "virtual",
    [TIME_HOST] = "host",
};

static int64_t host_clock_ns(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int64_t virtual_now_ns(void)
{
    int64_t (*source)(void *);
    void *opaque;
    int64_t now;

    g_mutex_lock(&vclock.lock);
    source = vclock.source;
    opaque = vclock.source_opaque;
    now = vclock.base;
    if (!source && vclock.running) {
        now += host_clock_ns(CLOCK_MONOTONIC) - vclock.resumed_at;
    }
    g_mutex_unlock(&vclock.lock);
    /* Called unlocked: the source may be slow or take its own locks. */
    return source ? source(opaque) : now;
}

int64_t time_now_ns(TimeClock clock)
{
    switch (clock) {
    case TIME_REALTIME:
        return host_clock_ns(CLOCK_MONOTONIC);
    case TIME_VIRTUAL:
        return virtual_now_ns();
    case TIME_HOST:
        return host_clock_ns(CLOCK_REALTIME);
    default:
        g_assert_not_reached();
    }
}

const char *time_clock_name(TimeClock clock)
{
    assert(clock < TIME__MAX);
    return clock_names[clock];
}

void time_virtual_pause(void)
{
    g_mutex_lock(&vclock.lock);
    if (vclock.running) {
        vclock.base += host_clock_ns(CLOCK_MONOTONIC) - vclock.resumed_at;
        vclock.running = false;
    }
    g_mutex_unlock(&vclock.lock);
}

void time_virtual_resume(void)
{
    g_mutex_lock(&vclock.lock);
    if (!vclock.running) {
        vclock.resumed_at = host_clock_ns(CLOCK_MONOTONIC);
        vclock.running = true;
    }
    g_mutex_unlock(&vclock.lock);
    /* Virtual timers count again: the loop must recompute its deadline. */
    if (!main_loop_is_io_thread()) {
        main_loop_wakeup();
    }
}

bool time_virtual_is_running(void)
{
    bool running;

    g_mutex_lock(&vclock.lock);
    running = vclock.running;
    g_mutex_unlock(&vclock.lock);
    return running;
}

void time_virtual_set_source(int64_t (*now_ns)(void *opaque), void *opaque)
{
    int64_t now = virtual_now_ns();

    g_mutex_lock(&vclock.lock);
    /* Going back to host time continues from the source's last value. */
    if (!now_ns) {
        vclock.base = now;
        vclock.resumed_at = host_clock_ns(CLOCK_MONOTONIC);
    }
    vclock.source = now_ns;
    vclock.source_opaque = opaque;
    g_mutex_unlock(&vclock.lock);
}

Timer *timer_new(TimeClock clock, int scale, TimerCallback *cb, void *opaque)
{
    Timer *t = g_new0(Timer, 1);

    assert(clock < TIME__MAX && scale > 0 && cb);
    t->expire_ns = -1;
    t->clock = clock;
    t->scale = scale;
    t->cb = cb;
    t->opaque = opaque;
    return t;
}

Timer *timer_new_ns(TimeClock clock, TimerCallback *cb, void *opaque)
{
    return timer_new(clock, TIMER_SCALE_NS, cb, opaque);
}

Timer *timer_new_us(TimeClock clock, TimerCallback *cb, void *opaque)
{
    return timer_new(clock, TIMER_SCALE_US, cb, opaque);
}

Timer *timer_new_ms(TimeClock clock, TimerCallback *cb, void *opaque)
{
    return timer_new(clock, TIMER_SCALE_MS, cb, opaque);
}

void timer_free(Timer *t)
{
    if (t) {
        timer_del(t);
        g_free(t);
    }
}

/* Unlinks t from its list; timers_lock held. */
static void timer_unlink_locked(Timer *t)
{
    Timer **p;

    if (t->expire_ns < 0) {
        return;
    }
    for (p = &timer_lists[t->clock]; *p != t; p = &(*p)->next) {
        assert(*p);
    }
    *p = t->next;
    t->next = NULL;
    t->expire_ns = -1;
}

/* Links t in at expire_ns; timers_lock held. Returns whether t is now the
 * earliest timer of its clock. */
static bool timer_link_locked(Timer *t, int64_t expire_ns)
{
    Timer **p = &timer_lists[t->clock];

    /* After the timers already due at the same time: FIFO among equals. */
    while (*p && (*p)->expire_ns <= expire_ns) {
        p = &(*p)->next;
    }
    t->expire_ns = expire_ns;
    t->next = *p;
    *p = t;
    return p == &timer_lists[t->clock];
}

/* Arms t; with only_earlier, a pending t is never moved later. */
static void timer_arm_ns(Timer *t, int64_t expire_ns, bool only_earlier)
{
    bool first;

    /* -1 means "not pending": times before 0 are simply due. */
    expire_ns = MAX(expire_ns, 0);
    g_mutex_lock(&timers_lock);
    if (only_earlier && t->expire_ns >= 0 && t->expire_ns <= expire_ns) {
        g_mutex_unlock(&timers_lock);
        return;
    }
    timer_unlink_locked(t);
    first = timer_link_locked(t, expire_ns);
    g_mutex_unlock(&timers_lock);

    if (!first) {
        return;
    }
    /* The I/O thread recomputes its deadline before it next polls. */
    if (!main_loop_is_io_thread()) {
        main_loop_wakeup();
    }
    if (t->clock == TIME_VIRTUAL && virtual_notify) {
        virtual_notify();
    }
}

static int64_t timer_scale_to_ns(Timer *t, int64_t expire)
{
    int64_t ns;

    if (__builtin_mul_overflow(expire, (int64_t)t->scale, &ns)) {
        return expire < 0 ? 0 : INT64_MAX;
    }
    return ns;
}

void timer_mod_ns(Timer *t, int64_t expire_ns)
{
    timer_arm_ns(t, expire_ns, false);
}

void timer_mod(Timer *t, int64_t expire)
{
    timer_arm_ns(t, timer_scale_to_ns(t, expire), false);
}

void timer_mod_anticipate_ns(Timer *t, int64_t expire_ns)
{
    timer_arm_ns(t, expire_ns, true);
}

void timer_mod_anticipate(Timer *t, int64_t expire)
{
    timer_arm_ns(t, timer_scale_to_ns(t, expire), true);
}

void timer_del(Timer *t)
{
    g_mutex_lock(&timers_lock);
    timer_unlink_locked(t);
    g_mutex_unlock(&timers_lock);
}

bool timer_pending(Timer *t)
{
    return timer_expire_time_ns(t) >= 0;
}

int64_t timer_expire_time_ns(Timer *t)
{
    int64_t expire;

    g_mutex_lock(&timers_lock);
    expire = t->expire_ns;
    g_mutex_unlock(&timers_lock);
    return expire;
}

TimeClock timer_clock(Timer *t)
{
    return t->clock;
}

static bool clock_counts(TimeClock clock)
{
    return clock != TIME_VIRTUAL || (time_virtual_is_running() && !virtual_run_by_vcpu);
}

int64_t timers_next_deadline_ns(void)
{
    int64_t deadline = -1;

    for (TimeClock clock = 0; clock < TIME__MAX; clock++) {
        int64_t expire, delta;

        if (!clock_counts(clock)) {
            continue;
        }
        g_mutex_lock(&timers_lock);
        expire = timer_lists[clock] ? timer_lists[clock]->expire_ns : -1;
        g_mutex_unlock(&timers_lock);
        if (expire < 0) {
            continue;
        }
        delta = MAX(expire - time_now_ns(clock), 0);
        if (deadline < 0 || delta < deadline) {
            deadline = delta;
        }
    }
    return deadline;
}

/*
 * Runs the expired timers of one clock while counts() allows. One reading
 * of the clock per pass, so a periodic timer that re-arms itself in the
 * future does not run twice in one pass.
 */
static bool run_clock(TimeClock clock, bool (*counts)(TimeClock clock))
{
    int64_t now = time_now_ns(clock);
    bool ran = false;

    /* A callback may pause the VM: check again before each timer. */
    while (counts(clock)) {
        Timer *t;
        TimerCallback *cb;
        void *opaque;

        g_mutex_lock(&timers_lock);
        t = timer_lists[clock];
        if (!t || t->expire_ns > now) {
            g_mutex_unlock(&timers_lock);
            break;
        }
        timer_unlink_locked(t);
        cb = t->cb;
        opaque = t->opaque;
        g_mutex_unlock(&timers_lock);

        /* t may be freed by now (by itself): only cb and opaque are used. */
        cb(opaque);
        ran = true;
    }
    return ran;
}

bool timers_run_expired(void)
{
    bool ran = false;

    assert(bql_locked());
    for (TimeClock clock = 0; clock < TIME__MAX; clock++) {
        ran |= run_clock(clock, clock_counts);
    }
    return ran;
}

static bool virtual_counts(TimeClock clock)
{
    return time_virtual_is_running();
}

bool timers_run_expired_virtual(void)
{
    assert(bql_locked() && virtual_run_by_vcpu);
    return run_clock(TIME_VIRTUAL, virtual_counts);
}

int64_t timers_virtual_deadline_ns(void)
{
    int64_t expire;

    g_mutex_lock(&timers_lock);
    expire = timer_lists[TIME_VIRTUAL] ? timer_lists[TIME_VIRTUAL]->expire_ns : -1;
    g_mutex_unlock(&timers_lock);
    return expire;
}

void timers_set_virtual_run_by_vcpu(bool on)
{
    virtual_run_by_vcpu = on;
}

void timers_set_virtual_notify(void (*notify)(void))
{
    virtual_notify = notify;
}
