/*
 * Clocks and timers.
 *
 * Three clocks, all in nanoseconds:
 *   TIME_REALTIME  host monotonic time; always runs (UI, monitor time-outs).
 *   TIME_VIRTUAL   guest time: 0 when the machine is created, advances only
 *                  while the VM runs; pausing freezes it and resuming goes on
 *                  from the frozen value, without a jump. Device timers use it.
 *   TIME_HOST      wall-clock time since the Unix epoch; follows changes of
 *                  the host's clock (RTC devices).
 *
 * A Timer calls its callback once its clock reaches the expire time. The
 * callbacks run in the I/O thread with the global lock held, in deadline
 * order within a clock; a callback may re-arm, delete or free its own timer
 * and others. timer_mod()/timer_del() are safe from any thread: the timer
 * lists have their own mutex, and arming a timer earlier than the earliest
 * one of its clock wakes the main loop so it sleeps for the right time.
 * Create and free timers while holding the global lock (only then is the
 * callback known not to be running).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_TIMERS_H
#define SOFTMMU_TIMERS_H

#include "util/osdep.h"

typedef enum TimeClock {
    TIME_REALTIME,
    TIME_VIRTUAL,
    TIME_HOST,
    TIME__MAX,
} TimeClock;

/* Units of the expire time a timer is armed with. */
#define TIMER_SCALE_NS 1
#define TIMER_SCALE_US 1000
#define TIMER_SCALE_MS 1000000

int64_t time_now_ns(TimeClock clock);
const char *time_clock_name(TimeClock clock);

/*
 * The virtual clock. runstate.c calls pause/resume from vm_stop()/vm_start();
 * nothing else should.
 */
void time_virtual_pause(void);
void time_virtual_resume(void);
bool time_virtual_is_running(void);

/*
 * The -icount seam: with a source installed, TIME_VIRTUAL is now_ns(opaque)
 * (for instance, instructions executed times ns per instruction), and the
 * host clock no longer drives it. The source must be monotonic, thread-safe,
 * start from the current virtual time, and stand still while the VM is
 * paused (no instructions run then). Install it before the machine starts;
 * NULL goes back to host-driven time. pause/resume still decide whether
 * virtual timers may fire.
 */
void time_virtual_set_source(int64_t (*now_ns)(void *opaque), void *opaque);

typedef void TimerCallback(void *opaque);
typedef struct Timer Timer;

/* scale: TIMER_SCALE_NS/US/MS, or any positive number of ns per unit. */
Timer *timer_new(TimeClock clock, int scale, TimerCallback *cb, void *opaque);
Timer *timer_new_ns(TimeClock clock, TimerCallback *cb, void *opaque);
Timer *timer_new_us(TimeClock clock, TimerCallback *cb, void *opaque);
Timer *timer_new_ms(TimeClock clock, TimerCallback *cb, void *opaque);
/* Deletes the timer if pending and frees it. NULL is fine. */
void timer_free(Timer *t);

/* Arms (or moves) the timer to fire at the absolute time expire, in its unit. */
void timer_mod(Timer *t, int64_t expire);
void timer_mod_ns(Timer *t, int64_t expire_ns);
/* Like timer_mod(), but only ever moves a pending timer earlier. */
void timer_mod_anticipate(Timer *t, int64_t expire);
void timer_mod_anticipate_ns(Timer *t, int64_t expire_ns);
/* Disarms the timer; no-op if it is not pending. */
void timer_del(Timer *t);
bool timer_pending(Timer *t);
/* The absolute expire time in ns, or -1 when not pending. */
int64_t timer_expire_time_ns(Timer *t);
TimeClock timer_clock(Timer *t);

/*
 * Time until the earliest timer of any clock expires, in ns from now
 * (0 when one is already due), or -1 when none is armed. Virtual timers
 * are ignored while the VM is paused.
 */
int64_t timers_next_deadline_ns(void);
/*
 * Runs the callbacks of expired timers (I/O thread, global lock held).
 * Returns whether any ran.
 */
bool timers_run_expired(void);

/*
 * -icount: virtual time is instructions, so virtual timers must fire at
 * exact points of the guest's execution. With this on, the I/O thread
 * neither runs nor waits for virtual timers; the vCPU thread runs them
 * (timers_run_expired_virtual, global lock held) at the instruction the
 * deadline (timers_virtual_deadline_ns: absolute ns, -1 for none) falls on.
 */
void timers_set_virtual_run_by_vcpu(bool on);
bool timers_run_expired_virtual(void);
int64_t timers_virtual_deadline_ns(void);

/*
 * Accelerator hook: called (from the thread that armed it) when a virtual
 * timer is armed earlier than the earliest virtual timer, so a CPU running
 * translated code can leave it in time to let the timer fire.
 */
void timers_set_virtual_notify(void (*notify)(void));

#endif
