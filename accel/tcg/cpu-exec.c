/*
 * The exec loop: find or translate the TB for the CPU's state, chain it to
 * the previous one, run it, and between TBs take exceptions, interrupts and
 * exit requests.
 *
 * Exceptions raised inside generated code (by helpers, the MMU fill, the
 * memory slow paths) arrive here by siglongjmp, with the CPU state already
 * put back to the faulting instruction (cpu_restore_state), so the loop
 * only has to deliver them. Nothing may siglongjmp while holding the global
 * lock.
 *
 * Every TB starts with a check of exit_request (translator_tb_start), so a
 * request from another thread (a timer, a device interrupt, a TLB flush)
 * stops even a chain of TBs that never returns to this loop.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "accel/tcg/tcg-accel.h"
#include "softmmu/gdbstub.h"
#include "accel/tcg/icount.h"

void cpu_loop_exit(CPUState *cpu)
{
    siglongjmp(cpu->jmp_env, 1);
}

void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr)
{
    if (retaddr) {
        cpu_restore_state(cpu, retaddr);
    }
    cpu_loop_exit(cpu);
}

void cpu_raise_exception(CPUState *cpu, int excp, uintptr_t retaddr)
{
    cpu->exception_index = excp;
    cpu_loop_exit_restore(cpu, retaddr);
}

void cpu_exit(CPUState *cpu)
{
    __atomic_store_n(&cpu->exit_request, 1, __ATOMIC_SEQ_CST);
}

void cpu_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_fetch_or(&cpu->interrupt_request, mask, __ATOMIC_SEQ_CST);
    cpu_exit(cpu);
    /* A vCPU sleeping in WFI wakes on a pending interrupt. */
    tcg_cpus_kick();
}

void cpu_reset_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_fetch_and(&cpu->interrupt_request, ~mask, __ATOMIC_SEQ_CST);
}

static uint32_t default_cflags(CPUState *cpu)
{
    uint32_t cflags = 0;

    /* gdb: one instruction per TB, so each PC is seen by the exec loop. */
    if (cpu->singlestep || gdb_has_breakpoints()) {
        cflags |= 1 | CF_NOCHAIN;
    }
    if (log_enabled(log_nochain)) {
        cflags |= CF_NOCHAIN;
    }
    return cflags;
}

/* Jump cache first, then the hash table. May raise an instruction fetch fault. */
static TranslationBlock *tb_lookup(CPUState *cpu, uint64_t pc, uint64_t cs_base,
                                   uint32_t flags, uint32_t cflags)
{
    TranslationBlock **slot = &cpu->tb_jmp_cache[tb_jmp_cache_index(pc)];
    TranslationBlock *tb = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    hwaddr phys_pc;

    if (tb && tb->pc == pc && tb->cs_base == cs_base && tb->flags == flags &&
        __atomic_load_n(&tb->cflags, __ATOMIC_ACQUIRE) == cflags) {
        return tb;
    }
    tlb_code_host(cpu, pc, cpu->ops->mmu_index(cpu, true), &phys_pc);
    tb = tb_htable_lookup(pc, phys_pc, cs_base, flags, cflags);
    if (tb) {
        __atomic_store_n(slot, tb, __ATOMIC_RELEASE);
    }
    return tb;
}

uintptr_t helper_lookup_tb_ptr(void *env)
{
    CPUState *cpu = env_cpu(env);
    uint64_t pc, cs_base;
    uint32_t flags;
    TranslationBlock *tb;

    cpu->tb_lookup_slow++;
    cpu->ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
    tb = tb_lookup(cpu, pc, cs_base, flags, default_cflags(cpu));
    /* Not translated yet (or logging every TB, or gdb watching): let the exec loop do it. */
    if (!tb || log_enabled(log_exec) || log_enabled(log_cpu) || cpu->singlestep ||
        gdb_has_breakpoints()) {
        return 0;
    }
    return (uintptr_t)tb->tc_ptr;
}

static void log_tb_entry(CPUState *cpu, TranslationBlock *tb)
{
    if (log_enabled(log_cpu) && cpu->ops->dump_state) {
        cpu->ops->dump_state(cpu, log_stream());
    }
    log_mask(log_exec, "Trace %u: %p [%016" PRIx64 "/%016" PRIx64 "/%08x/%08x]\n",
             cpu->cpu_index, tb->tc_ptr, tb->pc, tb->cs_base, tb->flags, tb->cflags);
}

int cpu_exec(CPUState *cpu)
{
    const TCGBackend *be = tcg_accel_backend();
    TranslationBlock *last_tb = NULL;
    unsigned last_slot = 0;

    if (sigsetjmp(cpu->jmp_env, 0) != 0) {
        /* Back from generated code by longjmp: chaining state is stale. */
        last_tb = NULL;
        last_slot = 0;
        if (cpu->watchpoint_ignore == 2) {
            cpu->watchpoint_ignore = 0;     /* the unwatched instruction faulted */
        }
    }
    for (;;) {
        uint32_t irq;
        uint64_t pc, cs_base;
        uint32_t flags, cflags;
        TranslationBlock *tb;
        uintptr_t ret;

        if (cpu->exception_index != EXCP_NONE) {
            int excp = cpu->exception_index;

            if (excp >= EXCP_INTERRUPT) {
                cpu->exception_index = EXCP_NONE;
                return excp;
            }
            log_mask(log_int, "exception %d at pc 0x%" PRIx64 "\n", excp,
                     (cpu->ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags), pc));
            cpu->ops->do_interrupt(cpu);
            cpu->exception_index = EXCP_NONE;
            last_tb = NULL;
            if (cpu->singlestep) {
                /* gdb stepi: the step ends at the exception vector. */
                return EXCP_DEBUG;
            }
        }
        irq = __atomic_load_n(&cpu->interrupt_request, __ATOMIC_ACQUIRE);
        if (irq) {
            if (irq & CPU_INTERRUPT_EXITTB) {
                cpu_reset_interrupt(cpu, CPU_INTERRUPT_EXITTB);
                last_tb = NULL;
            }
            if (cpu->ops->exec_interrupt &&
                cpu->ops->exec_interrupt(cpu, irq & ~CPU_INTERRUPT_EXITTB)) {
                log_mask(log_int, "interrupt taken (request 0x%x)\n", irq);
                cpu->halted = false;
                last_tb = NULL;
            }
            if (cpu->exception_index != EXCP_NONE) {
                continue;
            }
        }
        if (__atomic_exchange_n(&cpu->exit_request, 0, __ATOMIC_SEQ_CST)) {
            tlb_run_pending(cpu);
            return EXCP_INTERRUPT;
        }

        cpu->ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
        if (gdb_breakpoint_check(cpu, pc)) {
            return EXCP_DEBUG;
        }
        if (cpu->cflags_next_tb >= 0) {
            cflags = (uint32_t)cpu->cflags_next_tb | CF_NOCHAIN;
            cpu->cflags_next_tb = -1;
        } else {
            cflags = default_cflags(cpu);
        }
        if (cpu->watchpoint_ignore == 1) {
            /* After a watchpoint stop: the stopped instruction alone, unwatched. */
            cflags = 1 | CF_NOCHAIN;
            cpu->watchpoint_ignore = 2;
        }
        tb = tb_lookup(cpu, pc, cs_base, flags, cflags);
        if (!tb) {
            tb = tb_gen_code(cpu, pc, cs_base, flags, cflags);
            /* The translation may have flushed the cache, and last_tb with it. */
            last_tb = NULL;
            if (!(cflags & CF_NOCACHE)) {
                cpu->tb_jmp_cache[tb_jmp_cache_index(pc)] = tb;
            }
        }
        if (last_tb && !(cflags & CF_NOCHAIN)) {
            tb_add_jump(last_tb, last_slot, tb);
        }
        log_tb_entry(cpu, tb);

        ret = be->exec(cpu_env(cpu), tb->tc_ptr);
        if (cpu->watchpoint_ignore == 2) {
            cpu->watchpoint_ignore = 0;
        }

        last_tb = (TranslationBlock *)(ret & ~(uintptr_t)TB_EXIT_MASK);
        last_slot = ret & TB_EXIT_MASK;
        if (last_slot == TB_EXIT_REQUESTED) {
            /* Left at a TB's start: the state is that TB's. */
            TranslationBlock *stopped = last_tb;

            last_tb = NULL;
            if (icount_enabled() && !__atomic_load_n(&cpu->exit_request, __ATOMIC_ACQUIRE) &&
                cpu->icount_budget < stopped->icount) {
                /* The budget cannot pay for the TB: run what it can, then stop. */
                if (cpu->icount_budget <= 0) {
                    return EXCP_INTERRUPT;
                }
                cpu->cflags_next_tb = cpu->icount_budget;
            }
        } else if (cpu->singlestep) {
            /* gdb stepi: the one instruction ran. */
            return EXCP_DEBUG;
        }
    }
}
