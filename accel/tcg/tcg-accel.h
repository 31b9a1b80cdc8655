/*
 * The TCG accelerator: which backend runs generated code, the vCPUs it
 * serves, and the exec loop's entry points.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef ACCEL_TCG_TCG_ACCEL_H
#define ACCEL_TCG_TCG_ACCEL_H

#include "util/osdep.h"
#include "util/error.h"
#include "accel/tcg/tb.h"
#include "hw/core/cpu.h"
#include "tcg/tcg-backend.h"
#include "util/log.h"

/*
 * The per-vCPU jump cache: the last TB seen for each of 16384 PC hashes.
 * The page number picks a group of 128 slots and the offset in the page a
 * slot in it, so a flush of one page (tlb_flush_page) looks at one group.
 * Size: with 4096 slots (64 per group) Linux's hot kernel and busybox code
 * missed here so often that the hash table walk behind it (cold TBs, one
 * cache miss per chain link) was 10% of a boot-plus-workload profile
 * (docs/performance.md); 128 KiB per vCPU keeps a full flush cheap.
 */
#define TB_JMP_CACHE_BITS 14
#define TB_JMP_CACHE_SIZE (1u << TB_JMP_CACHE_BITS)
#define TB_JMP_PAGE_BITS (TB_JMP_CACHE_BITS / 2)
#define TB_JMP_PAGE_SIZE (1u << TB_JMP_PAGE_BITS)

static inline unsigned tb_jmp_cache_group(uint64_t pc)
{
    return (unsigned)((pc >> KOINE_PAGE_BITS) & (TB_JMP_PAGE_SIZE - 1)) << TB_JMP_PAGE_BITS;
}

static inline unsigned tb_jmp_cache_index(uint64_t pc)
{
    return tb_jmp_cache_group(pc) |
           (unsigned)(((pc >> 2) ^ (pc >> (2 + TB_JMP_PAGE_BITS))) & (TB_JMP_PAGE_SIZE - 1));
}

/*
 * Once per process: the code buffer (code_size bytes; 0: the default), the
 * backend ("native", "tci", or NULL for the best one), the TB cache.
 */
bool tcg_accel_init(const char *backend, size_t code_size, Error **errp);
void tcg_accel_shutdown(void);
const TCGBackend *tcg_accel_backend(void);

/* Registers the log items the translator owns (-d in_asm, op, out_asm ...). */
void tcg_accel_log_init(void);

/* vCPUs the accelerator runs: their jump caches and TLBs take part in flushes. */
void tcg_accel_register_cpu(CPUState *cpu);
void tcg_accel_unregister_cpu(CPUState *cpu);
CPUState *const *tcg_accel_cpus(void);
unsigned tcg_accel_nb_cpus(void);

/*
 * Runs cpu until something needs the outside world; returns why:
 * EXCP_INTERRUPT (an exit request: timers, I/O, a kick), EXCP_HLT (the
 * CPU waits for an interrupt), EXCP_DEBUG, or a target exception number
 * the target asked to be returned.
 */
int cpu_exec(CPUState *cpu);

/* Leave generated code now (from a helper): back to the exec loop. */
KOINE_NORETURN void cpu_loop_exit(CPUState *cpu);
/* The same after restoring the state of the instruction at retaddr (0: none). */
KOINE_NORETURN void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr);
/* Raises a guest exception from a helper or the MMU fill. */
KOINE_NORETURN void cpu_raise_exception(CPUState *cpu, int excp, uintptr_t retaddr);

/* From any thread: ask cpu to take an interrupt / to leave generated code. */
void cpu_interrupt(CPUState *cpu, uint32_t mask);
void cpu_reset_interrupt(CPUState *cpu, uint32_t mask);
void cpu_exit(CPUState *cpu);

/*
 * tcg-cpus.c: the vCPU thread, started once the machine is built and
 * stopped (joined) before it is torn down; the caller holds the BQL.
 * tcg_cpus_kick wakes it (an interrupt arrived, the run state changed).
 */
void tcg_cpus_start(void);
void tcg_cpus_stop(void);
void tcg_cpus_kick(void);
/* The host thread id of the vCPU thread (0 before it starts): every vCPU's, round-robin. */
int tcg_cpus_thread_id(void);
/* Waits (BQL held) until no vCPU is inside cpu_exec: the gdb stub's exact stops. */
void tcg_cpus_wait_idle(void);
/*
 * The vCPU now running guest code, or NULL: what devices with per-CPU
 * banked registers (the GIC's CPU interface) ask when an MMIO access
 * arrives. One vCPU thread runs one vCPU at a time, so this is exact.
 */
CPUState *tcg_cpus_current(void);

/* The helper behind translator_lookup_and_goto_ptr(): code of the next TB, or 0. */
uintptr_t helper_lookup_tb_ptr(void *env);

/* The translator's log items (tcg-accel.c), for the exec loop. */
extern LogItem log_exec, log_cpu, log_int, log_nochain, log_mmu;

/* Logging hooks used by the TB cache. */
void tcg_accel_log_ops(TCGContext *s, TranslationBlock *tb, bool optimized);
void tcg_accel_log_in_asm(CPUState *cpu, TranslationBlock *tb);
void tcg_accel_log_out_asm(TranslationBlock *tb);
/* -perfmap: starts /tmp/perf-PID.map, to which every new TB is then added. */
bool tcg_accel_perfmap_open(Error **errp);
void tcg_accel_perfmap_add(TranslationBlock *tb);

#endif
