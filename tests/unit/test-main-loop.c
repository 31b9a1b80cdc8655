/*
 * The main loop and the global lock, with real threads and real signals.
 *
 * Every main_loop_run() has a watchdog timer that requests a shutdown with
 * SHUTDOWN_CAUSE_HOST_ERROR after a few seconds, so a broken wake-up fails
 * the test on the returned cause instead of hanging it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "softmmu/main-loop.h"
#include "softmmu/runstate.h"
#include "softmmu/timers.h"

#include <glib-unix.h>
#include <signal.h>

#define MS (1000 * 1000LL)

static GThread *io_thread;

static void watchdog_fire(void *opaque)
{
    system_shutdown_request(SHUTDOWN_CAUSE_HOST_ERROR);
}

/* main_loop_run() with a 5 s watchdog. */
static ShutdownCause run_guarded(void)
{
    Timer *watchdog = timer_new_ms(TIME_REALTIME, watchdog_fire, NULL);
    ShutdownCause cause;

    timer_mod(watchdog, time_now_ns(TIME_REALTIME) / MS + 5000);
    cause = main_loop_run();
    timer_free(watchdog);
    return cause;
}

static void noop(void *opaque)
{
}

/* Iterates until *flag is set, for at most 5 s. */
static void iterate_until(const int *flag)
{
    int64_t give_up = time_now_ns(TIME_REALTIME) + 5000 * MS;
    Timer *tick = timer_new_ms(TIME_REALTIME, noop, NULL);

    /* Keeps a blocking iteration from sleeping past the give-up time. */
    timer_mod(tick, give_up / MS);
    while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE)) {
        g_assert_cmpint(time_now_ns(TIME_REALTIME), <, give_up);
        main_loop_iterate(true);
    }
    timer_free(tick);
}

static void test_bql_basics(void)
{
    g_assert_true(bql_locked());
    bql_unlock();
    g_assert_false(bql_locked());
    bql_lock();
    g_assert_true(bql_locked());
    g_assert_true(main_loop_is_io_thread());
    /* Non-blocking iteration with nothing to do returns at once. */
    g_assert_false(main_loop_iterate(false));
    g_assert_true(bql_locked());
}

typedef struct LockProbe {
    int got_lock;           /* the other thread took the BQL */
    bool was_locked_before;
} LockProbe;

static gpointer take_bql(gpointer opaque)
{
    LockProbe *lp = opaque;

    lp->was_locked_before = bql_locked();
    g_assert_false(main_loop_is_io_thread());
    bql_lock();
    g_assert_true(bql_locked());
    bql_unlock();
    __atomic_store_n(&lp->got_lock, 1, __ATOMIC_RELEASE);
    main_loop_wakeup();
    return NULL;
}

/* The I/O thread drops the BQL while blocked in poll, and only then. */
static void test_bql_dropped_in_poll(void)
{
    LockProbe lp = { 0 };
    GThread *thread = g_thread_new("bql", take_bql, &lp);

    /* Not dropped outside poll: the thread cannot get it while we sleep. */
    g_usleep(20 * 1000);
    g_assert_cmpint(__atomic_load_n(&lp.got_lock, __ATOMIC_ACQUIRE), ==, 0);
    iterate_until(&lp.got_lock);
    g_thread_join(thread);
    g_assert_false(lp.was_locked_before);
}

typedef struct CondProbe {
    GCond cond;
    int stage;
} CondProbe;

static gpointer signal_cond(gpointer opaque)
{
    CondProbe *cp = opaque;

    bql_lock();
    cp->stage = 1;
    g_cond_signal(&cp->cond);
    bql_unlock();
    return NULL;
}

static void test_bql_cond_wait(void)
{
    CondProbe cp = { .stage = 0 };
    GThread *thread;

    g_cond_init(&cp.cond);
    thread = g_thread_new("cond", signal_cond, &cp);
    while (cp.stage == 0) {
        bql_cond_wait(&cp.cond);
        g_assert_true(bql_locked());
    }
    g_thread_join(thread);
    g_cond_clear(&cp.cond);
}

static gpointer request_shutdown(gpointer opaque)
{
    g_usleep(10 * 1000);
    system_shutdown_request(GPOINTER_TO_INT(opaque));
    return NULL;
}

static void test_shutdown_from_thread(void)
{
    GThread *thread = g_thread_new("shutdown", request_shutdown,
                                   GINT_TO_POINTER(SHUTDOWN_CAUSE_HOST_QMP_QUIT));

    g_assert_cmpint(run_guarded(), ==, SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    g_thread_join(thread);
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_SHUTDOWN);
}

static void test_host_signal(gconstpointer data)
{
    int sig = GPOINTER_TO_INT(data);

    vm_start();
    raise(sig);
    g_assert_cmpint(run_guarded(), ==, SHUTDOWN_CAUSE_HOST_SIGNAL);
}

typedef struct ResetProbe {
    int count;
    bool in_io_thread;
    bool bql_held;
} ResetProbe;

static void on_reset(void *opaque)
{
    ResetProbe *rp = opaque;

    rp->count++;
    rp->in_io_thread = g_thread_self() == io_thread;
    rp->bql_held = bql_locked();
    /* Done: let main_loop_run() return. */
    system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static gpointer request_reset(gpointer opaque)
{
    g_usleep(10 * 1000);
    system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    return NULL;
}

static void test_reset_runs_handlers(void)
{
    ResetProbe rp = { 0 };
    GThread *thread;

    vm_start();
    reset_handler_register(on_reset, &rp);
    thread = g_thread_new("reset", request_reset, NULL);
    g_assert_cmpint(run_guarded(), ==, SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    g_thread_join(thread);
    reset_handler_unregister(on_reset, &rp);
    g_assert_cmpint(rp.count, ==, 1);
    g_assert_true(rp.in_io_thread);
    g_assert_true(rp.bql_held);
}

typedef struct ScheduleProbe {
    GArray *order;          /* of int, the values scheduled */
    int done;
    bool wrong_thread;
    bool bql_missing;
} ScheduleProbe;

static ScheduleProbe sched;

static void scheduled_fn(void *opaque)
{
    int value = GPOINTER_TO_INT(opaque);

    sched.wrong_thread |= g_thread_self() != io_thread;
    sched.bql_missing |= !bql_locked();
    g_array_append_val(sched.order, value);
    if (value == 99) {
        __atomic_store_n(&sched.done, 1, __ATOMIC_RELEASE);
    }
}

static gpointer schedule_from_thread(gpointer opaque)
{
    g_usleep(10 * 1000);
    for (int i = 0; i < 100; i++) {
        main_loop_schedule(scheduled_fn, GINT_TO_POINTER(i));
    }
    return NULL;
}

static void test_schedule_from_thread(void)
{
    GThread *thread;

    sched = (ScheduleProbe) { .order = g_array_new(false, false, sizeof(int)) };
    thread = g_thread_new("schedule", schedule_from_thread, NULL);
    iterate_until(&sched.done);
    g_thread_join(thread);
    g_assert_false(sched.wrong_thread);
    g_assert_false(sched.bql_missing);
    g_assert_cmpuint(sched.order->len, ==, 100);
    for (int i = 0; i < 100; i++) {
        g_assert_cmpint(g_array_index(sched.order, int, i), ==, i);
    }
    g_array_free(sched.order, true);
}

static int idle_ran;

static gboolean idle_fn(gpointer opaque)
{
    g_assert_true(bql_locked());
    g_assert_true(g_thread_self() == io_thread);
    __atomic_store_n(&idle_ran, 1, __ATOMIC_RELEASE);
    return G_SOURCE_REMOVE;
}

static gpointer add_idle_from_thread(gpointer opaque)
{
    g_usleep(10 * 1000);
    g_idle_add(idle_fn, NULL);
    return NULL;
}

/* GSources on the default context are dispatched, with the BQL held, and
 * attaching one from another thread wakes the loop. */
static void test_gsource_from_thread(void)
{
    GThread *thread = g_thread_new("idle", add_idle_from_thread, NULL);
    int64_t start = time_now_ns(TIME_REALTIME);

    idle_ran = 0;
    iterate_until(&idle_ran);
    g_thread_join(thread);
    g_assert_cmpint(time_now_ns(TIME_REALTIME) - start, <, 1000 * MS);
}

static int fd_ready;

static gboolean on_pipe_readable(gint fd, GIOCondition cond, gpointer opaque)
{
    char c;

    g_assert_true(bql_locked());
    g_assert_cmpint(read(fd, &c, 1), ==, 1);
    g_assert_cmpint(c, ==, 'k');
    __atomic_store_n(&fd_ready, 1, __ATOMIC_RELEASE);
    return G_SOURCE_REMOVE;
}

static gpointer write_pipe(gpointer opaque)
{
    int fd = GPOINTER_TO_INT(opaque);

    g_usleep(10 * 1000);
    g_assert_cmpint(write(fd, "k", 1), ==, 1);
    return NULL;
}

/* A file-descriptor watch (what a chardev uses) wakes a blocked loop. */
static void test_fd_watch(void)
{
    int fds[2];
    GThread *thread;

    g_assert_cmpint(pipe(fds), ==, 0);
    fd_ready = 0;
    g_unix_fd_add(fds[0], G_IO_IN, on_pipe_readable, NULL);
    thread = g_thread_new("pipe", write_pipe, GINT_TO_POINTER(fds[1]));
    iterate_until(&fd_ready);
    g_thread_join(thread);
    close(fds[0]);
    close(fds[1]);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    main_loop_init();
    io_thread = g_thread_self();

    g_test_add_func("/main-loop/bql/basics", test_bql_basics);
    g_test_add_func("/main-loop/bql/dropped-in-poll", test_bql_dropped_in_poll);
    g_test_add_func("/main-loop/bql/cond-wait", test_bql_cond_wait);
    g_test_add_func("/main-loop/shutdown-from-thread", test_shutdown_from_thread);
    g_test_add_data_func("/main-loop/signal/sigterm",
                         GINT_TO_POINTER(SIGTERM), test_host_signal);
    g_test_add_data_func("/main-loop/signal/sigint",
                         GINT_TO_POINTER(SIGINT), test_host_signal);
    g_test_add_data_func("/main-loop/signal/sighup",
                         GINT_TO_POINTER(SIGHUP), test_host_signal);
    g_test_add_func("/main-loop/reset-runs-handlers", test_reset_runs_handlers);
    g_test_add_func("/main-loop/schedule-from-thread", test_schedule_from_thread);
    g_test_add_func("/main-loop/gsource-from-thread", test_gsource_from_thread);
    g_test_add_func("/main-loop/fd-watch", test_fd_watch);
    return g_test_run();
}
