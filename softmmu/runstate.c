/*
 * Run state and reset/shutdown/powerdown requests: see softmmu/runstate.h.
 *
 * Requests may come from signal handlers and vCPU threads, so they are plain
 * atomics; everything else runs in the main loop under the global lock.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/runstate.h"
#include "softmmu/timers.h"

typedef struct Listener {
    void (*fn)(void);
    void *opaque;
} Listener;

static RunState current_state = RUN_STATE_PRELAUNCH;
static int exit_code;
static bool no_reboot, no_shutdown;

static volatile sig_atomic_t shutdown_requested;   /* ShutdownCause, 0 = none */
static volatile sig_atomic_t reset_requested;
static volatile sig_atomic_t powerdown_requested;

static void (*wakeup_main_loop)(void);
static void (*device_reset_all)(void);

static GArray *runstate_listeners;     /* of Listener */
static GArray *reset_handlers;
static GArray *powerdown_handlers;
static GArray *event_listeners;

static const char *const runstate_names[RUN_STATE__MAX] = {
    [RUN_STATE_PRELAUNCH] = "prelaunch",
    [RUN_STATE_RUNNING] = "running",
    [RUN_STATE_PAUSED] = "paused",
    [RUN_STATE_DEBUG] = "debug",
    [RUN_STATE_INTERNAL_ERROR] = "internal-error",
    [RUN_STATE_SHUTDOWN] = "shutdown",
};

static const char *const cause_names[SHUTDOWN_CAUSE__MAX] = {
    [SHUTDOWN_CAUSE_NONE] = "none",
    [SHUTDOWN_CAUSE_HOST_ERROR] = "host-error",
    [SHUTDOWN_CAUSE_HOST_QMP_QUIT] = "host-qmp-quit",
    [SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET] = "host-qmp-system-reset",
    [SHUTDOWN_CAUSE_HOST_SIGNAL] = "host-signal",
    [SHUTDOWN_CAUSE_HOST_UI] = "host-ui",
    [SHUTDOWN_CAUSE_GUEST_SHUTDOWN] = "guest-shutdown",
    [SHUTDOWN_CAUSE_GUEST_RESET] = "guest-reset",
    [SHUTDOWN_CAUSE_GUEST_PANIC] = "guest-panic",
};

static void listeners_add(GArray **list, void (*fn)(void), void *opaque)
{
    Listener l = { fn, opaque };

    if (!*list) {
        *list = g_array_new(false, false, sizeof(Listener));
    }
    g_array_append_val(*list, l);
}

static void listeners_remove(GArray *list, void (*fn)(void), void *opaque)
{
    for (guint i = 0; list && i < list->len; i++) {
        Listener *l = &g_array_index(list, Listener, i);

        if (l->fn == fn && l->opaque == opaque) {
            g_array_remove_index(list, i);
            return;
        }
    }
}

#define for_each_listener(list, l)                                      \
    for (guint i_ = 0; (list) && i_ < (list)->len &&                    \
         ((l) = &g_array_index((list), Listener, i_), true); i_++)

RunState runstate_get(void)
{
    return current_state;
}

const char *runstate_name(RunState state)
{
    assert(state < RUN_STATE__MAX);
    return runstate_names[state];
}

bool runstate_is_running(void)
{
    return current_state == RUN_STATE_RUNNING;
}

void runstate_set(RunState state)
{
    Listener *l;
    bool running = state == RUN_STATE_RUNNING;
    bool was_running = current_state == RUN_STATE_RUNNING;

    current_state = state;
    if (running == was_running) {
        return;
    }
    for_each_listener(runstate_listeners, l) {
        ((RunStateListener *)l->fn)(l->opaque, running, state);
    }
}

void vm_start(void)
{
    if (runstate_is_running()) {
        return;
    }
    time_virtual_resume();
    runstate_set(RUN_STATE_RUNNING);
}

void vm_stop(RunState state)
{
    if (!runstate_is_running()) {
        /* Already stopped: only the reason may change (paused -> debug). */
        current_state = state;
        return;
    }
    time_virtual_pause();
    runstate_set(state);
}

void runstate_add_listener(RunStateListener *fn, void *opaque)
{
    listeners_add(&runstate_listeners, (void (*)(void))fn, opaque);
}

void runstate_remove_listener(RunStateListener *fn, void *opaque)
{
    listeners_remove(runstate_listeners, (void (*)(void))fn, opaque);
}

static void wake(void)
{
    if (wakeup_main_loop) {
        wakeup_main_loop();
    }
}

void system_shutdown_request(ShutdownCause cause)
{
    __atomic_store_n(&shutdown_requested,
                     cause ? cause : SHUTDOWN_CAUSE_HOST_ERROR, __ATOMIC_SEQ_CST);
    wake();
}

void system_reset_request(ShutdownCause cause)
{
    __atomic_store_n(&reset_requested,
                     cause ? cause : SHUTDOWN_CAUSE_GUEST_RESET, __ATOMIC_SEQ_CST);
    wake();
}

void system_powerdown_request(void)
{
    __atomic_store_n(&powerdown_requested, 1, __ATOMIC_SEQ_CST);
    wake();
}

void runstate_set_exit_code(int code)
{
    exit_code = code;
}

int runstate_exit_code(void)
{
    return exit_code;
}

void runstate_set_no_reboot(bool value)
{
    no_reboot = value;
}

void runstate_set_no_shutdown(bool value)
{
    no_shutdown = value;
}

void reset_handler_register(ResetHandler *fn, void *opaque)
{
    listeners_add(&reset_handlers, (void (*)(void))fn, opaque);
}

void reset_handler_unregister(ResetHandler *fn, void *opaque)
{
    listeners_remove(reset_handlers, (void (*)(void))fn, opaque);
}

void powerdown_handler_register(PowerdownHandler *fn, void *opaque)
{
    listeners_add(&powerdown_handlers, (void (*)(void))fn, opaque);
}

void run_event_add_listener(RunEventListener *fn, void *opaque)
{
    listeners_add(&event_listeners, (void (*)(void))fn, opaque);
}

void runstate_set_device_reset(void (*reset_all)(void))
{
    device_reset_all = reset_all;
}

void runstate_set_wakeup(void (*wakeup)(void))
{
    wakeup_main_loop = wakeup;
}

static void emit(RunEvent event, ShutdownCause cause)
{
    Listener *l;

    for_each_listener(event_listeners, l) {
        ((RunEventListener *)l->fn)(l->opaque, event, cause);
    }
}

void system_reset(ShutdownCause cause)
{
    Listener *l;

    if (device_reset_all) {
        device_reset_all();
    }
    for_each_listener(reset_handlers, l) {
        ((ResetHandler *)l->fn)(l->opaque);
    }
    emit(RUN_EVENT_RESET, cause);
}

bool runstate_process_requests(ShutdownCause *cause)
{
    /*
     * Take each request with an atomic exchange: a request that arrives
     * between reading and clearing it (from another thread or a signal
     * handler) would otherwise be lost.
     */
    ShutdownCause shutdown = __atomic_exchange_n(&shutdown_requested, 0,
                                                 __ATOMIC_SEQ_CST);
    ShutdownCause reset;

    if (shutdown) {
        emit(RUN_EVENT_SHUTDOWN, shutdown);
        if (no_shutdown && shutdown_cause_is_guest(shutdown)) {
            vm_stop(RUN_STATE_SHUTDOWN);
        } else {
            vm_stop(RUN_STATE_SHUTDOWN);
            *cause = shutdown;
            return true;
        }
    }
    /* Taken only now: a reset requested with a shutdown stays pending. */
    reset = __atomic_exchange_n(&reset_requested, 0, __ATOMIC_SEQ_CST);
    if (reset) {
        if (no_reboot && shutdown_cause_is_guest(reset)) {
            emit(RUN_EVENT_SHUTDOWN, reset);
            vm_stop(RUN_STATE_SHUTDOWN);
            *cause = reset;
            return true;
        }
        system_reset(reset);
        /* A machine stopped by a guest shutdown comes back to life on reset. */
        if (current_state == RUN_STATE_SHUTDOWN) {
            vm_start();
        }
    }
    if (__atomic_exchange_n(&powerdown_requested, 0, __ATOMIC_SEQ_CST)) {
        Listener *l;

        emit(RUN_EVENT_POWERDOWN, SHUTDOWN_CAUSE_NONE);
        for_each_listener(powerdown_handlers, l) {
            ((PowerdownHandler *)l->fn)(l->opaque);
        }
    }
    return false;
}

const char *shutdown_cause_name(ShutdownCause cause)
{
    assert(cause < SHUTDOWN_CAUSE__MAX);
    return cause_names[cause];
}

bool shutdown_cause_is_guest(ShutdownCause cause)
{
    return cause >= SHUTDOWN_CAUSE_GUEST_SHUTDOWN;
}
