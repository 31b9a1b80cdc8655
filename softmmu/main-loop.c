/*
 * The main loop and the global lock: see softmmu/main-loop.h.
 *
 * We drive GLib's default context by hand (prepare, query, poll, check,
 * dispatch) rather than with g_main_context_iteration() for two reasons:
 * the poll time-out must also cover our timers, whose deadlines are in ns,
 * and the BQL must be dropped exactly around the blocking poll. ppoll()
 * takes the time-out in ns, so timers are not rounded up to whole ms.
 *
 * Waking up: an eventfd in the poll set. Writing to it is one write(2), so
 * main_loop_wakeup() works from any thread and from signal handlers. It is
 * drained after poll returns and before anything is dispatched, so a wake-up
 * that races with the drain is never lost: whatever the waker changed before
 * writing is seen by the dispatch that follows.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "softmmu/main-loop.h"
#include "softmmu/runstate.h"
#include "softmmu/timers.h"
#include "util/error.h"

#include <glib-unix.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <time.h>

/* We hand GLib's poll records straight to ppoll(). */
G_STATIC_ASSERT(sizeof(GPollFD) == sizeof(struct pollfd));
G_STATIC_ASSERT(offsetof(GPollFD, revents) == offsetof(struct pollfd, revents));

typedef struct ScheduledWork {
    void (*fn)(void *opaque);
    void *opaque;
} ScheduledWork;

static GMutex bql;
static __thread bool bql_held;
static __thread bool is_io_thread;

static int wakeup_fd = -1;
static GArray *poll_fds;            /* of GPollFD, reused between iterations */

static GMutex scheduled_lock;
static GArray *scheduled;           /* of ScheduledWork */

void bql_lock(void)
{
    assert(!bql_held);
    g_mutex_lock(&bql);
    bql_held = true;
}

void bql_unlock(void)
{
    assert(bql_held);
    bql_held = false;
    g_mutex_unlock(&bql);
}

bool bql_locked(void)
{
    return bql_held;
}

void bql_cond_wait(GCond *cond)
{
    assert(bql_held);
    bql_held = false;
    g_cond_wait(cond, &bql);
    bql_held = true;
}

bool bql_cond_timedwait(GCond *cond, int64_t timeout_ns)
{
    bool signalled;

    assert(bql_held);
    bql_held = false;
    signalled = g_cond_wait_until(cond, &bql, g_get_monotonic_time() + timeout_ns / 1000 + 1);
    bql_held = true;
    return signalled;
}

bool main_loop_is_io_thread(void)
{
    return is_io_thread;
}

void main_loop_wakeup(void)
{
    int fd = __atomic_load_n(&wakeup_fd, __ATOMIC_ACQUIRE);
    int saved_errno = errno;
    uint64_t one = 1;

    if (fd < 0) {
        return;     /* before main_loop_init(): nothing to wake */
    }
    /* EAGAIN: the counter is full, so the loop is woken anyway. */
    while (write(fd, &one, sizeof(one)) < 0 && errno == EINTR) {
        continue;
    }
    errno = saved_errno;
}

static void wakeup_drain(void)
{
    uint64_t count;

    while (read(wakeup_fd, &count, sizeof(count)) < 0 && errno == EINTR) {
        continue;
    }
}

static gboolean on_host_signal(gpointer opaque)
{
    int sig = GPOINTER_TO_INT(opaque);

    error_report("terminating on signal %d", sig);
    system_shutdown_request(SHUTDOWN_CAUSE_HOST_SIGNAL);
    return G_SOURCE_CONTINUE;
}

void main_loop_init(void)
{
    static const int host_signals[] = { SIGINT, SIGTERM, SIGHUP };
    int fd;

    assert(wakeup_fd < 0);

    fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    /* Only fails when the process is out of file descriptors or memory. */
    if (fd < 0) {
        g_error("main loop: cannot create eventfd: %s", g_strerror(errno));
    }
    poll_fds = g_array_new(false, true, sizeof(GPollFD));
    g_array_set_size(poll_fds, 16);
    scheduled = g_array_new(false, false, sizeof(ScheduledWork));
    __atomic_store_n(&wakeup_fd, fd, __ATOMIC_RELEASE);

    is_io_thread = true;
    bql_lock();

    for (size_t i = 0; i < ARRAY_SIZE(host_signals); i++) {
        g_unix_signal_add(host_signals[i], on_host_signal,
                          GINT_TO_POINTER(host_signals[i]));
    }
    /*
     * A reader that goes away (koine ... | head, a closed stdout) must cost
     * a write error on that one descriptor, not the whole machine.
     */
    signal(SIGPIPE, SIG_IGN);
    runstate_set_wakeup(main_loop_wakeup);
}

void main_loop_schedule(void (*fn)(void *opaque), void *opaque)
{
    ScheduledWork work = { fn, opaque };

    assert(scheduled);
    g_mutex_lock(&scheduled_lock);
    g_array_append_val(scheduled, work);
    g_mutex_unlock(&scheduled_lock);
    main_loop_wakeup();
}

static bool scheduled_pending(void)
{
    bool pending;

    g_mutex_lock(&scheduled_lock);
    pending = scheduled->len > 0;
    g_mutex_unlock(&scheduled_lock);
    return pending;
}

/* Runs the work scheduled so far; work it schedules waits for the next turn. */
static bool run_scheduled(void)
{
    GArray *batch;

    g_mutex_lock(&scheduled_lock);
    if (!scheduled->len) {
        g_mutex_unlock(&scheduled_lock);
        return false;
    }
    batch = scheduled;
    scheduled = g_array_new(false, false, sizeof(ScheduledWork));
    g_mutex_unlock(&scheduled_lock);

    for (guint i = 0; i < batch->len; i++) {
        ScheduledWork *work = &g_array_index(batch, ScheduledWork, i);

        work->fn(work->opaque);
    }
    g_array_free(batch, true);
    /* Work scheduled meanwhile left a wake-up behind: the next poll sees it. */
    return true;
}

/* The sooner of two time-outs in ns, where -1 means "forever". */
static int64_t timeout_min(int64_t a, int64_t b)
{
    if (a < 0) {
        return b;
    }
    if (b < 0) {
        return a;
    }
    return MIN(a, b);
}

/* Polls the n fds with the BQL dropped. */
static void poll_unlocked(GPollFD *fds, guint n, int64_t timeout_ns)
{
    struct timespec ts = {
        .tv_sec = timeout_ns / 1000000000,
        .tv_nsec = timeout_ns % 1000000000,
    };

    for (guint i = 0; i < n; i++) {
        fds[i].revents = 0;
    }
    bql_unlock();
    /* Errors (EINTR) leave revents at 0: the iteration just finds no work. */
    ppoll((struct pollfd *)fds, n, timeout_ns < 0 ? NULL : &ts, NULL);
    bql_lock();
}

bool main_loop_iterate(bool blocking)
{
    GMainContext *ctx = g_main_context_default();
    gint max_priority, glib_timeout_ms, n_glib;
    int64_t timeout_ns;
    GPollFD *wake;
    bool dispatched = false;

    assert(is_io_thread && bql_held);
    if (!g_main_context_acquire(ctx)) {
        g_error("main loop: another thread owns the GLib main context");
    }

    g_main_context_prepare(ctx, &max_priority);
    for (;;) {
        n_glib = g_main_context_query(ctx, max_priority, &glib_timeout_ms,
                                      (GPollFD *)poll_fds->data,
                                      poll_fds->len - 1);
        if (n_glib + 1 <= (gint)poll_fds->len) {
            break;
        }
        /* One more slot, after GLib's, for our wake-up event. */
        g_array_set_size(poll_fds, n_glib + 1);
    }
    wake = &g_array_index(poll_fds, GPollFD, n_glib);
    wake->fd = wakeup_fd;
    wake->events = G_IO_IN;

    if (blocking && !scheduled_pending()) {
        timeout_ns = glib_timeout_ms < 0 ? -1 : glib_timeout_ms * (int64_t)1000000;
        timeout_ns = timeout_min(timeout_ns, timers_next_deadline_ns());
    } else {
        timeout_ns = 0;
    }

    poll_unlocked((GPollFD *)poll_fds->data, n_glib + 1, timeout_ns);

    wake = &g_array_index(poll_fds, GPollFD, n_glib);
    if (wake->revents & G_IO_IN) {
        wakeup_drain();
    }
    if (g_main_context_check(ctx, max_priority, (GPollFD *)poll_fds->data,
                             n_glib)) {
        g_main_context_dispatch(ctx);
        dispatched = true;
    }
    dispatched |= timers_run_expired();
    dispatched |= run_scheduled();

    g_main_context_release(ctx);
    return dispatched;
}

ShutdownCause main_loop_run(void)
{
    ShutdownCause cause = SHUTDOWN_CAUSE_NONE;

    assert(is_io_thread && bql_held);
    /* Requests made before the loop started are acted on at once. */
    while (!runstate_process_requests(&cause)) {
        main_loop_iterate(true);
    }
    return cause;
}
