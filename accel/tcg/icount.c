/*
 * -icount: TIME_VIRTUAL is (instructions executed << shift) + bias, in ns.
 *
 * Everything the guest can observe then depends only on its instruction
 * stream: the vCPU thread (not the I/O thread) runs the virtual timers, at
 * the exact instruction their deadline falls on, because each cpu_exec is
 * granted a budget of instructions that ends there. Every TB starts by
 * charging its length to the budget (translator_tb_start) and leaves,
 * before running anything, when the budget cannot pay for it; the exec
 * loop then runs a TB cut to the instructions left (cflags_next_tb), so a
 * deadline is met to the instruction. A TB is charged whole when it
 * starts, so a clock read inside it sees its end: deterministic, which is
 * what counts, and at most one TB early.
 *
 * Idle time (every vCPU in WFI) has no instructions: with sleep=off the
 * clock jumps to the next deadline at once (deterministic); with sleep=on
 * (QEMU's default) it follows real time while idle, so runs differ in when
 * idle periods end. shift=auto starts at 3 (8 ns per instruction) and is
 * adjusted by the vCPU thread between slices so that virtual time keeps
 * near real time: fast guests stay usable, runs are not reproducible.
 *
 * Left out: align=on (throttling to real time), record/replay (rr=).
 * Events from outside (a key typed, a network packet) still arrive when
 * they arrive.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "accel/tcg/icount.h"
#include "accel/tcg/tcg-accel.h"
#include "softmmu/main-loop.h"
#include "softmmu/timers.h"
#include "util/cutils.h"

#define ICOUNT_AUTO_INITIAL_SHIFT 3
#define ICOUNT_MAX_SHIFT 10
#define ICOUNT_MAX_BUDGET (1 << 24)     /* per cpu_exec: the exec loop comes back now and then */
#define ICOUNT_AUTO_PERIOD_NS (100 * 1000 * 1000)

static struct {
    bool enabled;
    bool sleep;
    bool adaptive;
    int shift;
    int64_t executed;               /* instructions accounted (vCPU thread writes) */
    int64_t bias;                   /* ns not from instructions: idle time, shift changes */
    int64_t auto_checked_at;        /* realtime of the last shift=auto adjustment */
    int64_t idle_since;             /* sleep=on: realtime idle time was last counted (-1: busy) */
} ic;

/* The vCPU being run by this thread and what it was granted (the in-flight part). */
static __thread CPUState *granted_cpu;
static __thread int64_t granted;

bool icount_enabled(void)
{
    return ic.enabled;
}

static int64_t instructions_now(void)
{
    int64_t n = __atomic_load_n(&ic.executed, __ATOMIC_ACQUIRE);

    /* The vCPU's own reads (a counter register) include the TB it is in. */
    if (granted_cpu) {
        n += granted - granted_cpu->icount_budget;
    }
    return n;
}

static int64_t icount_now_ns(void *opaque)
{
    return (instructions_now() << __atomic_load_n(&ic.shift, __ATOMIC_RELAXED)) +
           __atomic_load_n(&ic.bias, __ATOMIC_RELAXED);
}

/* A virtual timer was armed earlier than the others: recompute the budget. */
static void deadline_moved(void)
{
    if (granted_cpu) {
        cpu_exit(granted_cpu);      /* the guest armed it: leave at the next TB */
    } else {
        tcg_cpus_kick();            /* an idle vCPU thread waits for it */
    }
}

bool icount_configure(KeyVal *opts, Error **errp)
{
    const char *shift = keyval_get(opts, "shift");
    uint64_t n = ICOUNT_AUTO_INITIAL_SHIFT;
    bool align;

    if (!keyval_get_bool(opts, "sleep", true, &ic.sleep, errp) ||
        !keyval_get_bool(opts, "align", false, &align, errp)) {
        return false;
    }
    if (align) {
        error_setg(errp, "-icount align=on: not supported yet");
        return false;
    }
    if (keyval_get(opts, "rr")) {
        error_setg(errp, "-icount rr=: record/replay is not supported yet");
        return false;
    }
    ic.adaptive = !shift || strcmp(shift, "auto") == 0;
    if (!ic.adaptive && (!parse_uint64(shift, &n, NULL) || n > ICOUNT_MAX_SHIFT)) {
        error_setg(errp, "-icount shift=%s: a number from 0 to %d, or auto", shift,
                   ICOUNT_MAX_SHIFT);
        return false;
    }
    ic.shift = n;
    ic.executed = 0;
    ic.bias = time_now_ns(TIME_VIRTUAL);
    ic.auto_checked_at = time_now_ns(TIME_REALTIME);
    ic.idle_since = -1;
    ic.enabled = true;
    time_virtual_set_source(icount_now_ns, NULL);
    timers_set_virtual_run_by_vcpu(true);
    timers_set_virtual_notify(deadline_moved);
    return true;
}

void icount_shutdown(void)
{
    if (!ic.enabled) {
        return;
    }
    timers_set_virtual_notify(NULL);
    timers_set_virtual_run_by_vcpu(false);
    time_virtual_set_source(NULL, NULL);
    ic.enabled = false;
}

/* shift=auto: one step toward keeping virtual time within reach of real time. */
static void adjust_shift(void)
{
    int64_t real = time_now_ns(TIME_REALTIME);
    int64_t virt, lag, now;
    int shift = ic.shift;

    if (real - ic.auto_checked_at < ICOUNT_AUTO_PERIOD_NS) {
        return;
    }
    ic.auto_checked_at = real;
    virt = icount_now_ns(NULL);
    lag = real - virt;          /* > 0: the guest's time runs slow */
    if (lag > ICOUNT_AUTO_PERIOD_NS && shift < ICOUNT_MAX_SHIFT) {
        shift++;
    } else if (lag < -ICOUNT_AUTO_PERIOD_NS && shift > 0) {
        shift--;
    }
    if (shift != ic.shift) {
        /* The clock stays continuous: the bias takes the difference. */
        now = icount_now_ns(NULL);
        __atomic_store_n(&ic.shift, shift, __ATOMIC_RELAXED);
        __atomic_store_n(&ic.bias, now - (ic.executed << shift), __ATOMIC_RELAXED);
    }
}

/* Instructions until the next virtual deadline (rounded up), or -1 for none. */
static int64_t insns_to_deadline(void)
{
    int64_t deadline = timers_virtual_deadline_ns();
    int64_t delta;

    if (deadline < 0) {
        return -1;
    }
    delta = deadline - icount_now_ns(NULL);
    if (delta <= 0) {
        return 0;
    }
    return (delta + (1LL << ic.shift) - 1) >> ic.shift;
}

void icount_prepare(CPUState *cpu, int64_t slice_insns)
{
    int64_t budget = MIN(slice_insns, (int64_t)ICOUNT_MAX_BUDGET);
    int64_t to_deadline;

    if (ic.adaptive) {
        adjust_shift();
    }
    /* Due now: run it before anything executes (it may raise an interrupt). */
    while ((to_deadline = insns_to_deadline()) == 0) {
        if (!timers_run_expired_virtual()) {
            break;
        }
    }
    if (to_deadline > 0) {
        budget = MIN(budget, to_deadline);
    }
    budget = MAX(budget, 1);
    ic.idle_since = -1;
    cpu->icount_budget = budget;
    granted = budget;
    granted_cpu = cpu;
}

int64_t icount_account(CPUState *cpu)
{
    int64_t used = granted - cpu->icount_budget;

    assert(granted_cpu == cpu);
    __atomic_store_n(&ic.executed, ic.executed + used, __ATOMIC_RELEASE);
    granted_cpu = NULL;
    granted = 0;
    cpu->icount_budget = 0;
    /* The deadline may be here now. */
    while (insns_to_deadline() == 0 && timers_run_expired_virtual()) {
    }
    return used;
}

int64_t icount_idle(void)
{
    int64_t deadline = timers_virtual_deadline_ns();
    int64_t delta = deadline < 0 ? INT64_MAX : deadline - icount_now_ns(NULL);

    if (ic.sleep) {
        /* Idle time passes at the speed of real time, up to the deadline. */
        int64_t real = time_now_ns(TIME_REALTIME);

        if (ic.idle_since >= 0 && delta > 0) {
            int64_t step = MIN(real - ic.idle_since, delta);

            __atomic_store_n(&ic.bias, ic.bias + step, __ATOMIC_RELAXED);
            delta -= step;
        }
        ic.idle_since = real;
        if (delta > 0) {
            return deadline < 0 ? -1 : delta;
        }
    } else if (deadline < 0) {
        return -1;
    } else if (delta > 0) {
        __atomic_store_n(&ic.bias, ic.bias + delta, __ATOMIC_RELAXED);
    }
    timers_run_expired_virtual();
    return 0;
}
