/*
 * The main loop and the global lock.
 *
 * The I/O thread (the thread that calls main_loop_init(): main()) runs
 * GLib's default GMainContext, where character devices, monitor sockets,
 * and later displays and network backends add their GSources, and it runs
 * the timers (softmmu/timers.h) and work deferred by other threads.
 *
 * The global lock (BQL) guards all device state. The I/O thread holds it
 * all the time except while it is blocked in poll; vCPU threads take it
 * around MMIO and other device accesses. So every device callback (GSource
 * dispatch, timer, scheduled work, MMIO) runs with the BQL held.
 *
 * Other threads and signal handlers never act on the machine themselves:
 * they ask (main_loop_schedule(), the requests of softmmu/runstate.h,
 * timer_mod()), which wakes the main loop, and the main loop acts.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_MAIN_LOOP_H
#define SOFTMMU_MAIN_LOOP_H

#include "util/osdep.h"
#include "softmmu/runstate.h"

/* The global lock. Not recursive: taking it twice, or releasing it when this
 * thread does not hold it, is an assertion failure. */
void bql_lock(void);
void bql_unlock(void);
/* Does the calling thread hold the BQL? */
bool bql_locked(void);
/* g_cond_wait() on cond with the BQL as its mutex (held by the caller). */
void bql_cond_wait(GCond *cond);
/* The same for at most timeout_ns; false when the time ran out. */
bool bql_cond_timedwait(GCond *cond, int64_t timeout_ns);

/*
 * Sets up the main loop: the wake-up event, runstate's wake-up hook, and
 * SIGINT/SIGTERM/SIGHUP as shutdown requests. The calling thread becomes
 * the I/O thread; it returns holding the BQL. Call it once.
 */
void main_loop_init(void);
/* Is the caller the I/O thread? */
bool main_loop_is_io_thread(void);

/* Wakes the main loop from poll. Any thread; async-signal-safe. */
void main_loop_wakeup(void);

/*
 * One iteration (I/O thread, BQL held): poll with a time-out from the
 * timer deadline (none when !blocking) with the BQL dropped, then dispatch
 * ready GSources, expired timers and scheduled work. Returns whether
 * anything was dispatched.
 */
bool main_loop_iterate(bool blocking);

/* Iterates until a shutdown request says to exit; returns its cause. */
ShutdownCause main_loop_run(void);

/*
 * Runs fn(opaque) once, soon, in the I/O thread with the BQL held, in the
 * order of the calls. Safe from any thread (not from a signal handler:
 * those use the requests of runstate.h or g_unix_signal_add()).
 */
void main_loop_schedule(void (*fn)(void *opaque), void *opaque);

#endif
