/*
 * The builder API for atomic guest memory operations: compare-and-swap,
 * fetch-and-op and a 16-byte compare-and-swap of a pair, on the guest
 * virtual address addr with MMU index mmu_idx.
 *
 * The MemOp gives the size (1, 2, 4 or 8 bytes; at most 4 for _i32; a
 * pair's elements are MO_64), the byte order of the data in memory, the
 * alignment the guest requires (MO_ALIGN ...; a pair's MO_ALIGN means 16
 * bytes), and MO_SIGN: the old value comes back sign-extended instead of
 * zero-extended. Operands are truncated to the size; smin/smax compare
 * signed values of the size, umin/umax unsigned ones. ret may be any temp,
 * including an operand.
 *
 * Each emits a call to a helper of accel/tcg/atomic.c: globals are synced
 * before it (the operation may fault: MMU faults as a write, alignment,
 * bus errors, all precise), and it is sequentially consistent on the host,
 * so frontends add barriers (tcg_gen_mb) only to order their other
 * accesses around it. No new IR opcode: an atomic is a `call`.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_TCG_OP_ATOMIC_H
#define TCG_TCG_OP_ATOMIC_H

#include "tcg/tcg-op.h"

/* ret = the old value; memory gets newv if it held cmpv. */
void tcg_gen_atomic_cmpxchg_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 cmpv, TCGv_i32 newv,
                                unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_cmpxchg_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 cmpv, TCGv_i64 newv,
                                unsigned mmu_idx, MemOp memop);

/* ret = the old value; memory gets op(old, val). */
#define TCG_ATOMIC_FETCH_DECL(NAME) \
    void tcg_gen_atomic_fetch_##NAME##_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, \
                                           unsigned mmu_idx, MemOp memop); \
    void tcg_gen_atomic_fetch_##NAME##_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, \
                                           unsigned mmu_idx, MemOp memop);

TCG_ATOMIC_FETCH_DECL(add)
TCG_ATOMIC_FETCH_DECL(and)
TCG_ATOMIC_FETCH_DECL(or)
TCG_ATOMIC_FETCH_DECL(xor)
TCG_ATOMIC_FETCH_DECL(xchg)     /* memory gets val */
TCG_ATOMIC_FETCH_DECL(smin)
TCG_ATOMIC_FETCH_DECL(smax)
TCG_ATOMIC_FETCH_DECL(umin)
TCG_ATOMIC_FETCH_DECL(umax)

#undef TCG_ATOMIC_FETCH_DECL

/*
 * 16 bytes as two 8-byte elements: lo at addr, hi at addr + 8, each in
 * the MemOp's byte order (a big-endian 128-bit value is hi at addr: swap
 * the halves). (ret_lo, ret_hi) = the old pair; memory gets (new_lo,
 * new_hi) if it held (cmp_lo, cmp_hi). ret_lo and ret_hi must differ.
 */
void tcg_gen_atomic_cmpxchg_i128(TCGv_i64 ret_lo, TCGv_i64 ret_hi, TCGv_i64 addr,
                                 TCGv_i64 cmp_lo, TCGv_i64 cmp_hi,
                                 TCGv_i64 new_lo, TCGv_i64 new_hi,
                                 unsigned mmu_idx, MemOp memop);

#endif
