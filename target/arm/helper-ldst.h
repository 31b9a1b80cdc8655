/*
 * Helpers of the A64 load/store translator (helper-atomic.c): the
 * alignment fault, its gen_helper_* emitter, and the TargetOps hooks for
 * alignment faults and external aborts. The atomics themselves use the
 * translator core's (tcg/tcg-op-atomic.h).
 *
 * The alignment fault takes one constant "desc" word (built with
 * ldst_desc()) saying the MMU index and whether the access was a store.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_HELPER_LDST_H
#define TARGET_ARM_HELPER_LDST_H

#include "tcg/tcg-op.h"
#include "softmmu/tlb.h"

/* desc layout */
#define LDST_DESC_SIZE_MASK   0x3u      /* log2 of the element size */
#define LDST_DESC_BE          (1u << 2) /* big-endian data */
#define LDST_DESC_STORE       (1u << 4) /* alignment fault: WnR */
#define LDST_DESC_MMU_SHIFT   8         /* 4 bits */

static inline uint32_t ldst_desc(unsigned size_log2, bool be, unsigned mmu_idx)
{
    return size_log2 | (be ? LDST_DESC_BE : 0) | mmu_idx << LDST_DESC_MMU_SHIFT;
}

/* The alignment fault data abort for addr (DFSC 0x21). */
KOINE_NORETURN void helper_align_fault(void *env, uint64_t addr, uint32_t desc);

extern const TCGHelperInfo helper_info_align_fault;

/*
 * TargetOps hooks (cpu.c) for the TLB slow path and the core's atomics:
 * the alignment fault for MO_ALIGN accesses, and the synchronous external
 * abort (DFSC 0x10) for a physical access that nothing answers.
 */
KOINE_NORETURN void arm_unaligned_access(CPUState *cs, uint64_t vaddr, MMUAccessType access,
                                         unsigned mmu_idx, uintptr_t retaddr);
void arm_transaction_failed(CPUState *cs, hwaddr paddr, uint64_t vaddr, unsigned size,
                            MMUAccessType access, unsigned mmu_idx, MemTxResult result,
                            uintptr_t retaddr);

static inline void gen_helper_align_fault(TCGv_i64 addr, uint32_t desc)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(addr),
                        tcgv_i32_temp(tcg_constant_i32(desc)) };

    tcg_gen_call(&helper_info_align_fault, NULL, args);
}

#endif
