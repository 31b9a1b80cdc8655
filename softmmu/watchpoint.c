/*
 * Data watchpoints (gdb's Z2/Z3/Z4, "watch", "rwatch", "awatch"), checked
 * by the softmmu TLB: a page a watchpoint covers gets TLB_WATCHPOINT in
 * its read and/or write tags (tlb_set_page asks watchpoint_page_flags), so
 * the inline fast path misses there and the slow path calls
 * watchpoint_check before the access. Pages without watchpoints keep the
 * fast path: watching a variable costs nothing elsewhere.
 *
 * A hit stops the vCPU before the access, with the PC of the accessing
 * instruction, as AArch64 hardware watchpoints do (ARM ARM D2.10: the
 * exception is taken before the access), which is what gdb expects of
 * aarch64 ("non-steppable" watchpoints: it steps over the instruction
 * itself, then compares old and new values). When the vCPU resumes, that
 * one instruction runs once without watchpoints (cpu->watchpoint_ignore),
 * in case the debugger left the watchpoint in place.
 *
 * Watchpoints are on virtual addresses and apply to every vCPU, as gdb's
 * are; inserting or removing one flushes the TLBs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "accel/tcg/tcg-accel.h"
#include "softmmu/tlb.h"

typedef struct Watchpoint {
    uint64_t addr, len;
    int flags;              /* WP_READ | WP_WRITE */
} Watchpoint;

static GMutex wp_lock;
static GArray *watchpoints;  /* of Watchpoint */
static int nb_watchpoints;   /* read without the lock by tlb_set_page */

static void flush_all_tlbs(void)
{
    CPUState *const *cpus = tcg_accel_cpus();

    for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
        tlb_flush_async(cpus[i], 0xffff);
    }
}

bool watchpoint_insert(uint64_t addr, uint64_t len, int flags)
{
    Watchpoint wp = { .addr = addr, .len = len, .flags = flags };

    if (!len || addr + len - 1 < addr || !(flags & WP_ACCESS)) {
        return false;
    }
    g_mutex_lock(&wp_lock);
    if (!watchpoints) {
        watchpoints = g_array_new(false, false, sizeof(Watchpoint));
    }
    g_array_append_val(watchpoints, wp);
    __atomic_store_n(&nb_watchpoints, (int)watchpoints->len, __ATOMIC_RELEASE);
    g_mutex_unlock(&wp_lock);
    flush_all_tlbs();
    return true;
}

bool watchpoint_remove(uint64_t addr, uint64_t len, int flags)
{
    bool found = false;

    g_mutex_lock(&wp_lock);
    for (guint i = 0; watchpoints && i < watchpoints->len; i++) {
        Watchpoint *wp = &g_array_index(watchpoints, Watchpoint, i);

        if (wp->addr == addr && wp->len == len && wp->flags == flags) {
            g_array_remove_index(watchpoints, i);
            found = true;
            break;
        }
    }
    if (watchpoints) {
        __atomic_store_n(&nb_watchpoints, (int)watchpoints->len, __ATOMIC_RELEASE);
    }
    g_mutex_unlock(&wp_lock);
    if (found) {
        flush_all_tlbs();
    }
    return found;
}

void watchpoint_remove_all(void)
{
    g_mutex_lock(&wp_lock);
    if (watchpoints) {
        g_array_free(watchpoints, true);
        watchpoints = NULL;
    }
    __atomic_store_n(&nb_watchpoints, 0, __ATOMIC_RELEASE);
    g_mutex_unlock(&wp_lock);
    flush_all_tlbs();
}

static bool overlaps(const Watchpoint *wp, uint64_t addr, uint64_t len)
{
    return addr <= wp->addr + wp->len - 1 && wp->addr <= addr + len - 1;
}

int watchpoint_page_flags(uint64_t page)
{
    int flags = 0;

    if (!__atomic_load_n(&nb_watchpoints, __ATOMIC_ACQUIRE)) {
        return 0;
    }
    g_mutex_lock(&wp_lock);
    for (guint i = 0; watchpoints && i < watchpoints->len; i++) {
        const Watchpoint *wp = &g_array_index(watchpoints, Watchpoint, i);

        if (overlaps(wp, page, KOINE_PAGE_SIZE)) {
            flags |= wp->flags;
        }
    }
    g_mutex_unlock(&wp_lock);
    return flags;
}

void watchpoint_check(CPUState *cpu, uint64_t addr, unsigned size, MMUAccessType access,
                      uintptr_t retaddr)
{
    int want = access == MMU_DATA_STORE ? WP_WRITE : WP_READ;
    const Watchpoint *hit = NULL;

    if (cpu->watchpoint_ignore || access == MMU_INST_FETCH) {
        return;
    }
    g_mutex_lock(&wp_lock);
    for (guint i = 0; watchpoints && i < watchpoints->len; i++) {
        const Watchpoint *wp = &g_array_index(watchpoints, Watchpoint, i);

        if ((wp->flags & want) && overlaps(wp, addr, size)) {
            hit = wp;
            cpu->watchpoint_hit_addr = MAX(wp->addr, addr);
            cpu->watchpoint_hit_flags = wp->flags;
            break;
        }
    }
    g_mutex_unlock(&wp_lock);
    if (hit) {
        /* Stop before the access; the instruction runs again once, unwatched. */
        cpu->watchpoint_ignore = 1;
        cpu_raise_exception(cpu, EXCP_DEBUG, retaddr);
    }
}
