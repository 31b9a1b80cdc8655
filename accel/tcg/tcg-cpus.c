/*
 * The vCPU thread: runs every vCPU round-robin in one thread, outside the
 * global lock (MMIO takes it; see softmmu/tlb.c), while the I/O thread runs
 * devices and timers. Parallel vCPU threads (MTTCG) come later: TLBs, jump
 * caches and CPU state are already per vCPU and the TB cache is safe for
 * concurrent readers.
 *
 * A vCPU that executed WFI sleeps until an interrupt is pending for it; the
 * thread sleeps when no vCPU can run or the machine is stopped. Anything
 * that may make a vCPU runnable kicks the thread (tcg_cpus_kick). With
 * several vCPUs, a 10 ms realtime timer makes the running one yield.
 *
 * With -icount (accel/tcg/icount.c) the schedule is a function of the
 * instruction stream alone: a vCPU yields after ICOUNT_SLICE_INSNS
 * instructions, not after 10 ms; an exit forced from outside (a kick, the
 * I/O thread) resumes the same vCPU with the rest of its slice; this
 * thread runs the virtual timers between TBs; and idle time is handled by
 * icount_idle.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "accel/tcg/tcg-accel.h"
#include "accel/tcg/icount.h"
#include "softmmu/gdbstub.h"
#include "softmmu/main-loop.h"
#include "softmmu/runstate.h"
#include "softmmu/timers.h"

#define TIME_SLICE_NS (10 * 1000 * 1000)
#define ICOUNT_SLICE_INSNS (1 << 17)

static GThread *thread;
static GCond wake;                  /* waited on with the BQL */
static GCond idle;                  /* a vCPU left cpu_exec (tcg_cpus_wait_idle) */
static bool stopping;
static CPUState *volatile running;  /* the vCPU in cpu_exec, if any */
static Timer *slice_timer;

static bool cpu_has_work(CPUState *cpu)
{
    return __atomic_load_n(&cpu->interrupt_request, __ATOMIC_ACQUIRE) &
           (CPU_INTERRUPT_HARD | CPU_INTERRUPT_FIQ | CPU_INTERRUPT_VIRQ | CPU_INTERRUPT_VFIQ);
}

static bool cpu_runnable(CPUState *cpu)
{
    return !cpu->stopped && (!cpu->halted || cpu_has_work(cpu));
}

void tcg_cpus_kick(void)
{
    CPUState *cpu = running;

    if (cpu) {
        cpu_exit(cpu);
    }
    g_cond_broadcast(&wake);
}

static void slice_expired(void *opaque)
{
    if (tcg_accel_nb_cpus() > 1 && !icount_enabled()) {
        CPUState *cpu = running;

        if (cpu) {
            cpu_exit(cpu);
        }
    }
    timer_mod_ns(slice_timer, time_now_ns(TIME_REALTIME) + TIME_SLICE_NS);
}

static void runstate_changed(void *opaque, bool is_running, RunState state)
{
    tcg_cpus_kick();
}

static int vcpu_thread_id;           /* the host thread's id, for `info cpus` */

int tcg_cpus_thread_id(void)
{
    return __atomic_load_n(&vcpu_thread_id, __ATOMIC_RELAXED);
}

/* -icount: the vCPU keeping the thread until its slice is used, and what is left of it. */
static CPUState *icount_holder;
static int64_t icount_slice_left;

/* Picks the vCPU to run: round-robin, or under icount the one whose slice goes on. */
static CPUState *pick_cpu(unsigned *next)
{
    CPUState *const *cpus = tcg_accel_cpus();
    unsigned n = tcg_accel_nb_cpus();

    if (!runstate_is_running()) {
        return NULL;
    }
    if (icount_enabled() && icount_holder && cpu_runnable(icount_holder) &&
        icount_slice_left > 0) {
        return icount_holder;
    }
    for (unsigned i = 0; i < n; i++) {
        CPUState *c = cpus[(*next + i) % n];

        if (cpu_runnable(c)) {
            *next = (*next + i + 1) % n;
            icount_holder = c;
            icount_slice_left = ICOUNT_SLICE_INSNS;
            return c;
        }
    }
    return NULL;
}

/* No vCPU can run: sleep until kicked (or, under icount, until virtual time allows). */
static void wait_for_work(void)
{
    int64_t wait_ns;

    if (!icount_enabled() || !runstate_is_running()) {
        bql_cond_wait(&wake);
        return;
    }
    wait_ns = icount_idle();
    if (wait_ns < 0) {
        bql_cond_wait(&wake);
    } else if (wait_ns > 0) {
        bql_cond_timedwait(&wake, wait_ns);
    }
}

static gpointer vcpu_thread(gpointer unused)
{
    unsigned next = 0;

    __atomic_store_n(&vcpu_thread_id, gettid(), __ATOMIC_RELAXED);
    bql_lock();
    while (!stopping) {
        CPUState *cpu = pick_cpu(&next);
        int ret;

        if (!cpu) {
            wait_for_work();
            continue;
        }
        cpu->halted = false;
        if (icount_enabled()) {
            /* Timers due now run first (global lock held); they may wake another vCPU. */
            icount_prepare(cpu, icount_slice_left);
        }
        running = cpu;
        bql_unlock();
        ret = cpu_exec(cpu);
        bql_lock();
        running = NULL;
        if (icount_enabled()) {
            icount_slice_left -= icount_account(cpu);
            if (ret == EXCP_HLT || ret == EXCP_DEBUG) {
                icount_slice_left = 0;
            }
        }
        g_cond_broadcast(&idle);
        if (ret == EXCP_HLT) {
            cpu->halted = true;
        } else if (ret == EXCP_DEBUG) {
            gdb_cpu_debug_stop(cpu);
        }
    }
    bql_unlock();
    if (tcg_accel_backend()->thread_exit) {
        tcg_accel_backend()->thread_exit();
    }
    return NULL;
}

CPUState *tcg_cpus_current(void)
{
    return running;
}

void tcg_cpus_wait_idle(void)
{
    while (thread && running) {
        bql_cond_wait(&idle);
    }
}

void tcg_cpus_start(void)
{
    assert(!thread);
    stopping = false;
    runstate_add_listener(runstate_changed, NULL);
    slice_timer = timer_new_ns(TIME_REALTIME, slice_expired, NULL);
    timer_mod_ns(slice_timer, time_now_ns(TIME_REALTIME) + TIME_SLICE_NS);
    thread = g_thread_new("vcpu", vcpu_thread, NULL);
    /* Its first act is to publish its id: `info cpus` and QMP show it from the start. */
    while (!__atomic_load_n(&vcpu_thread_id, __ATOMIC_RELAXED)) {
        g_thread_yield();
    }
}

void tcg_cpus_stop(void)
{
    if (!thread) {
        return;
    }
    stopping = true;
    tcg_cpus_kick();
    /* The thread needs the lock to notice; the caller holds it. */
    bql_unlock();
    g_thread_join(thread);
    bql_lock();
    thread = NULL;
    __atomic_store_n(&vcpu_thread_id, 0, __ATOMIC_RELAXED);
    timer_free(slice_timer);
    slice_timer = NULL;
    runstate_remove_listener(runstate_changed, NULL);
}
