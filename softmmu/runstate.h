/*
 * Run state of the machine, and the requests that change it.
 *
 * Devices, signal handlers, the monitor and the UI never reset or stop the
 * machine themselves: they *request* it (system_reset_request() ...), which
 * only records the request and wakes the main loop. The main loop acts on it
 * between iterations, holding the global lock, when no device callback is on
 * the stack. This keeps a device that triggers a reset from being reset under
 * its own feet.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_RUNSTATE_H
#define SOFTMMU_RUNSTATE_H

#include "util/osdep.h"

typedef enum RunState {
    RUN_STATE_PRELAUNCH,        /* built, not started yet (-S waits here) */
    RUN_STATE_RUNNING,
    RUN_STATE_PAUSED,           /* stopped by the monitor or QMP */
    RUN_STATE_DEBUG,            /* stopped by the gdb stub */
    RUN_STATE_INTERNAL_ERROR,   /* an accelerator gave up on the guest */
    RUN_STATE_SHUTDOWN,         /* shutting down, the main loop is exiting */
    RUN_STATE__MAX,
} RunState;

/* Why a shutdown or reset was requested (QMP events report it). */
typedef enum ShutdownCause {
    SHUTDOWN_CAUSE_NONE,
    SHUTDOWN_CAUSE_HOST_ERROR,      /* an error inside Koine */
    SHUTDOWN_CAUSE_HOST_QMP_QUIT,   /* quit on the monitor or QMP */
    SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET,
    SHUTDOWN_CAUSE_HOST_SIGNAL,     /* SIGINT, SIGTERM, SIGHUP */
    SHUTDOWN_CAUSE_HOST_UI,         /* Ctrl-A x, window closed */
    SHUTDOWN_CAUSE_GUEST_SHUTDOWN,  /* the guest powered off (PSCI SYSTEM_OFF ...) */
    SHUTDOWN_CAUSE_GUEST_RESET,     /* the guest asked for a reset */
    SHUTDOWN_CAUSE_GUEST_PANIC,
    SHUTDOWN_CAUSE__MAX,
} ShutdownCause;

RunState runstate_get(void);
const char *runstate_name(RunState state);     /* QMP spelling: "running" ... */
bool runstate_is_running(void);
/* Sets the state and tells the run-state listeners (QMP STOP/RESUME events). */
void runstate_set(RunState state);

/* Starts or resumes the guest (no-op when running); the virtual clock runs. */
void vm_start(void);
/* Stops the guest in the given state; the virtual clock stops. */
void vm_stop(RunState state);

typedef void RunStateListener(void *opaque, bool running, RunState state);
void runstate_add_listener(RunStateListener *fn, void *opaque);
void runstate_remove_listener(RunStateListener *fn, void *opaque);

/* Requests, safe from any thread and from async-signal context. */
void system_shutdown_request(ShutdownCause cause);
void system_reset_request(ShutdownCause cause);
/* ACPI/GPIO power button: the guest decides what to do (QMP POWERDOWN). */
void system_powerdown_request(void);

/*
 * The status koine exits with after the shutdown (default 0): a guest's
 * semihosting SYS_EXIT sets it, then requests a shutdown.
 */
void runstate_set_exit_code(int code);
int runstate_exit_code(void);

/* -no-reboot: a guest reset request becomes a shutdown. */
void runstate_set_no_reboot(bool no_reboot);
/* -no-shutdown: a guest shutdown stops the VM instead of exiting. */
void runstate_set_no_shutdown(bool no_shutdown);

/* Reset handlers run in registration order on every system reset (after the
 * device reset tree); boards use them for CPU reset and reloading images. */
typedef void ResetHandler(void *opaque);
void reset_handler_register(ResetHandler *fn, void *opaque);
void reset_handler_unregister(ResetHandler *fn, void *opaque);
/* Power-button listeners (the board forwards the press to its GPIO/ACPI). */
typedef void PowerdownHandler(void *opaque);
void powerdown_handler_register(PowerdownHandler *fn, void *opaque);

/* Resets the whole machine now: device tree then reset handlers. */
void system_reset(ShutdownCause cause);

/*
 * Called by the main loop after each iteration: acts on pending requests.
 * Returns true when the main loop must exit; *cause says why.
 */
bool runstate_process_requests(ShutdownCause *cause);
/* A function the main loop installs so requests from other threads wake it. */
void runstate_set_wakeup(void (*wakeup)(void));

/* Notified of every request as it is acted on (QMP: SHUTDOWN, RESET, POWERDOWN). */
typedef enum RunEvent { RUN_EVENT_SHUTDOWN, RUN_EVENT_RESET, RUN_EVENT_POWERDOWN } RunEvent;
typedef void RunEventListener(void *opaque, RunEvent event, ShutdownCause cause);
void run_event_add_listener(RunEventListener *fn, void *opaque);

/* Device reset tree root, set by the device model: resets every device. */
void runstate_set_device_reset(void (*reset_all)(void));

const char *shutdown_cause_name(ShutdownCause cause);
bool shutdown_cause_is_guest(ShutdownCause cause);

#endif
