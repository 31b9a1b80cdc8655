/*
 * A guest CPU: the state every vCPU has whatever its architecture
 * (CPUState), and the ops table a guest ISA implements (TargetOps).
 *
 * A target's CPU struct is laid out as
 *
 *     typedef struct ARMCPU {
 *         CPUState parent;        // generic state, ends with the TLB fast descriptors
 *         CPUARMState env;        // architectural state: what generated code sees as env
 *         ...                     // anything else the target keeps
 *     } ARMCPU;
 *
 * so env sits exactly sizeof(CPUState) after the start (checked with
 * CPU_CHECK_LAYOUT), generated code reaches the TLB at a fixed small
 * negative offset from env, and env_cpu()/cpu_env() convert between the two
 * without a pointer chase.
 *
 * TargetOps is the whole interface between the accelerator and a guest ISA:
 * adding an ISA means filling it in (docs/devel/tcg.md, "The target
 * interface").
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_CORE_CPU_H
#define HW_CORE_CPU_H

#include "util/osdep.h"
#include "softmmu/tlb.h"

#include <setjmp.h>

typedef struct TargetOps TargetOps;
typedef struct TCGContext TCGContext;
typedef struct TranslationBlock TranslationBlock;

/* Bits of CPUState.interrupt_request. */
#define CPU_INTERRUPT_HARD   0x01     /* the interrupt controller's IRQ line */
#define CPU_INTERRUPT_FIQ    0x02
#define CPU_INTERRUPT_VIRQ   0x04
#define CPU_INTERRUPT_VFIQ   0x08
#define CPU_INTERRUPT_EXITTB 0x10     /* leave generated code (state changed under it) */
#define CPU_INTERRUPT_TGT    0x100    /* first bit free for a target's own use */

/* exception_index values below this are the exec loop's; targets number theirs from here. */
#define EXCP_INTERRUPT  0x10000       /* left generated code for an interrupt */
#define EXCP_HLT        0x10001       /* halted (WFI) */
#define EXCP_DEBUG      0x10002       /* breakpoint, watchpoint or single step */
#define EXCP_HALTED     0x10003
#define EXCP_NONE       -1

struct CPUState {
    const TargetOps *ops;
    unsigned cpu_index;
    AddressSpace *as;               /* the address space its accesses go to */

    /* Set from any thread to make the vCPU leave generated code soon. */
    volatile int exit_request;
    /* -icount: instructions this cpu_exec may still run; each TB start pays its length. */
    int32_t icount_budget;
    volatile uint32_t interrupt_request;
    int exception_index;            /* pending exception (target number or EXCP_*) */
    bool halted;
    bool stopped;

    /* The exec loop's landing pad for exceptions raised inside a TB. */
    sigjmp_buf jmp_env;
    bool can_do_io;                 /* inside a TB: device access only at the last insn (icount) */

    /* Recently run TBs by PC hash: the first place the exec loop looks. */
    TranslationBlock **tb_jmp_cache;
    /* Jumps the inline jump cache probe left to helper_lookup_tb_ptr (info jit). */
    uint64_t tb_lookup_slow;
    /* cflags for the next TB only (-1: none); e.g. one instruction after self-modification. */
    int64_t cflags_next_tb;
    bool singlestep;                /* one instruction per TB (gdb stepi) */
    /*
     * Watchpoints (softmmu/watchpoint.c): the last hit, and 1 after a hit
     * until the stopped instruction has run again, unwatched (2 while it runs).
     */
    uint64_t watchpoint_hit_addr;
    int watchpoint_hit_flags;
    int watchpoint_ignore;

    CPUTLB tlb;

    /* Must stay last: generated code reaches it at a negative offset from env. */
    CPUTLBDescFast tlb_fast[TLB_NB_MMU_MODES];
} __attribute__((aligned(64)));

/* Generated code's env pointer and the vCPU it belongs to. */
static inline void *cpu_env(CPUState *cpu)
{
    return (char *)cpu + sizeof(CPUState);
}

static inline CPUState *env_cpu(void *env)
{
    return (CPUState *)((char *)env - sizeof(CPUState));
}

/* In a target's cpu.c: checks that env follows CPUState directly. */
#define CPU_CHECK_LAYOUT(type, env_field) \
    _Static_assert(offsetof(type, env_field) == sizeof(CPUState), \
                   #type "." #env_field " must follow CPUState directly")

struct TargetOps {
    const char *arch;               /* "aarch64" */
    size_t cpu_size;                /* sizeof the target's CPU struct */
    unsigned nb_mmu_modes;
    /* Words of insn_start data the target uses (1..TCG_INSN_START_WORDS). */
    unsigned insn_start_words;

    /* Creates the TCG globals for the CPU state (once per translation context). */
    void (*init_globals)(TCGContext *s);
    /* Architectural reset. */
    void (*reset)(CPUState *cpu);

    /* What selects a TB: guest PC, a second key word, and translation-relevant state bits. */
    void (*get_tb_cpu_state)(CPUState *cpu, uint64_t *pc, uint64_t *cs_base, uint32_t *flags);
    /* Emits IR for the TB starting at tb->pc into tcg_ctx, at most max_insns instructions. */
    void (*translate)(CPUState *cpu, TranslationBlock *tb, unsigned max_insns);
    /* Puts back the state an instruction had at its insn_start (a fault inside a TB). */
    void (*restore_state)(CPUState *cpu, const uint64_t *insn_data);

    /*
     * The MMU walk: fills the TLB for vaddr (tlb_set_page) and returns true,
     * or, when there is no mapping: returns false if probe, else raises the
     * guest's fault (does not return; retaddr locates the instruction).
     */
    bool (*tlb_fill)(CPUState *cpu, uint64_t vaddr, unsigned size, MMUAccessType access,
                     unsigned mmu_idx, bool probe, uintptr_t retaddr);
    /* A misaligned access the MemOp forbids: raise the alignment fault (does not return). */
    void (*unaligned_access)(CPUState *cpu, uint64_t vaddr, MMUAccessType access,
                             unsigned mmu_idx, uintptr_t retaddr);
    /*
     * A bus error on the physical access (nothing mapped, device error):
     * raise the external abort, or return to let the access read zeros.
     */
    void (*transaction_failed)(CPUState *cpu, hwaddr paddr, uint64_t vaddr, unsigned size,
                               MMUAccessType access, unsigned mmu_idx, MemTxResult result,
                               uintptr_t retaddr);

    /* Takes the pending exception (cpu->exception_index): vectors, registers. */
    void (*do_interrupt)(CPUState *cpu);
    /* Takes an interrupt request if the CPU accepts it now; true if it did. */
    bool (*exec_interrupt)(CPUState *cpu, uint32_t interrupt_request);
    /* The MMU index of the CPU's current regime (ifetch: for instruction fetches). */
    unsigned (*mmu_index)(CPUState *cpu, bool ifetch);

    /*
     * The physical address vaddr maps to in the CPU's current regime, for
     * debuggers (the monitor's x, gdb): no TLB fill, no fault, no side
     * effect; false when unmapped.
     */
    bool (*get_phys_addr_debug)(CPUState *cpu, uint64_t vaddr, hwaddr *paddr);
    /* `-d cpu` and the monitor's `info registers`. */
    void (*dump_state)(CPUState *cpu, FILE *out);
    /* Guest disassembly for `-d in_asm`: a capstone architecture and mode (0/0: none). */
    int capstone_arch;
    int capstone_mode;
};

/*
 * softmmu/cpu-debug.c: copies guest virtual memory (RAM and ROM only)
 * through the CPU's current MMU regime, for debuggers; false when any of
 * it is unmapped or not memory.
 */
bool cpu_memory_rw_debug(CPUState *cpu, uint64_t vaddr, void *buf, size_t len, bool is_write);

/*
 * hw/core/cpu-disas.c: appends the disassembly of code (size bytes at guest
 * address addr, at most max_insns instructions) to out, one per line;
 * returns the bytes it covered.
 */
size_t cpu_disas(GString *out, const CPUState *cpu, uint64_t addr, const uint8_t *code,
                 size_t size, size_t max_insns);

#endif
