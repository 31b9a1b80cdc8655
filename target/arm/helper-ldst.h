/*
 * Helpers of the A64 load/store translator (helper-atomic.c): the
 * store-exclusive, the LSE atomics and compare-and-swap, the alignment
 * fault, and the gen_helper_* emitters.
 *
 * The helpers take one constant "desc" word describing the access (built
 * with ldst_desc()), so one helper serves every size and byte order.
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
#define LDST_DESC_PAIR        (1u << 3) /* two elements (STXP, CASP) */
#define LDST_DESC_STORE       (1u << 4) /* alignment fault: WnR */
#define LDST_DESC_MMU_SHIFT   8         /* 4 bits */
#define LDST_DESC_OP_SHIFT    12        /* 4 bits: LdstAtomicOp */
#define LDST_DESC_RS_SHIFT    16        /* 5 bits: CASP's Rs */
#define LDST_DESC_RT_SHIFT    21        /* 5 bits: CASP's Rt */

/* The LSE read-modify-write operations, in the order of the opc field (ARM ARM C6.2.x LD<op>). */
typedef enum LdstAtomicOp {
    LDST_OP_ADD, LDST_OP_CLR, LDST_OP_EOR, LDST_OP_SET,
    LDST_OP_SMAX, LDST_OP_SMIN, LDST_OP_UMAX, LDST_OP_UMIN,
    LDST_OP_SWP,
} LdstAtomicOp;

static inline uint32_t ldst_desc(unsigned size_log2, bool be, unsigned mmu_idx)
{
    return size_log2 | (be ? LDST_DESC_BE : 0) | mmu_idx << LDST_DESC_MMU_SHIFT;
}

/* STXR/STXP: 0 if the monitor holds addr and memory still holds the loaded value(s) (then stored), else 1. */
uint64_t helper_store_exclusive(void *env, uint64_t addr, uint64_t lo, uint64_t hi, uint32_t desc);
/* LD<op>, SWP: the old value (zero-extended); memory gets op(old, val). */
uint64_t helper_atomic_rmw(void *env, uint64_t addr, uint64_t val, uint32_t desc);
/* CAS: the old value; memory gets newv if old == cmp. */
uint64_t helper_cas(void *env, uint64_t addr, uint64_t cmp, uint64_t newv, uint32_t desc);
/* CASP: registers Rs, Rs+1, Rt, Rt+1 from desc, read and written in env. */
void helper_casp(void *env, uint64_t addr, uint32_t desc);
/* The alignment fault data abort for addr (DFSC 0x21). */
KOINE_NORETURN void helper_align_fault(void *env, uint64_t addr, uint32_t desc);

extern const TCGHelperInfo helper_info_store_exclusive;
extern const TCGHelperInfo helper_info_atomic_rmw;
extern const TCGHelperInfo helper_info_cas;
extern const TCGHelperInfo helper_info_casp;
extern const TCGHelperInfo helper_info_align_fault;

/*
 * TargetOps hooks for the TLB slow path, ready to be wired in cpu.c:
 * the alignment fault for MO_ALIGN accesses, and the synchronous external
 * abort (DFSC 0x10) for a physical access that nothing answers.
 */
KOINE_NORETURN void arm_unaligned_access(CPUState *cs, uint64_t vaddr, MMUAccessType access,
                                         unsigned mmu_idx, uintptr_t retaddr);
void arm_transaction_failed(CPUState *cs, hwaddr paddr, uint64_t vaddr, unsigned size,
                            MMUAccessType access, unsigned mmu_idx, MemTxResult result,
                            uintptr_t retaddr);

static inline void gen_helper_store_exclusive(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 lo,
                                              TCGv_i64 hi, uint32_t desc)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(addr), tcgv_i64_temp(lo),
                        tcgv_i64_temp(hi), tcgv_i32_temp(tcg_constant_i32(desc)) };

    tcg_gen_call(&helper_info_store_exclusive, tcgv_i64_temp(ret), args);
}

static inline void gen_helper_atomic_rmw(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val,
                                         uint32_t desc)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(addr), tcgv_i64_temp(val),
                        tcgv_i32_temp(tcg_constant_i32(desc)) };

    tcg_gen_call(&helper_info_atomic_rmw, tcgv_i64_temp(ret), args);
}

static inline void gen_helper_cas(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 cmp, TCGv_i64 newv,
                                  uint32_t desc)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(addr), tcgv_i64_temp(cmp),
                        tcgv_i64_temp(newv), tcgv_i32_temp(tcg_constant_i32(desc)) };

    tcg_gen_call(&helper_info_cas, tcgv_i64_temp(ret), args);
}

static inline void gen_helper_casp(TCGv_i64 addr, uint32_t desc)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(addr),
                        tcgv_i32_temp(tcg_constant_i32(desc)) };

    tcg_gen_call(&helper_info_casp, NULL, args);
}

static inline void gen_helper_align_fault(TCGv_i64 addr, uint32_t desc)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(addr),
                        tcgv_i32_temp(tcg_constant_i32(desc)) };

    tcg_gen_call(&helper_info_align_fault, NULL, args);
}

#endif
