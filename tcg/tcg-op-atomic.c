/*
 * The builder API for atomic guest memory operations (tcg/tcg-op-atomic.h):
 * each is a call to a generic helper of accel/tcg/atomic.c, which does the
 * operation on the guest location through the softmmu TLB.
 *
 * Why calls and not IR opcodes: an atomic needs the TLB lookup, the
 * fallbacks for MMIO and code pages and the host's locked instructions;
 * inlining the RAM case would save a call per atomic, which guests execute
 * rarely compared with plain loads and stores, at the price of an opcode
 * in both backends, the evaluator and the verifier. The helpers take the
 * MemOpIdx as a constant argument, as guest_ld/guest_st do.
 *
 * _i32 forms widen their operands, call the 64-bit helper and keep the
 * low half of the result. The pair's second result comes from a second
 * helper call that reads what the first one left for this thread.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/tcg-op-atomic.h"
#include "accel/tcg/atomic.h"

static TCGTemp *oi_arg(unsigned mmu_idx, MemOp memop)
{
    return tcgv_i32_temp(tcg_constant_i32(make_memop_idx(memop, mmu_idx)));
}

static TCGv_i64 widen(TCGv_i32 v)
{
    TCGv_i64 t = tcg_temp_ebb_new_i64();

    tcg_gen_extu_i32_i64(t, v);
    return t;
}

void tcg_gen_atomic_cmpxchg_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 cmpv, TCGv_i64 newv,
                                unsigned mmu_idx, MemOp memop)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(addr), tcgv_i64_temp(cmpv),
                        tcgv_i64_temp(newv), oi_arg(mmu_idx, memop) };

    tcg_gen_call(&helper_info_atomic_cmpxchg, tcgv_i64_temp(ret), args);
}

void tcg_gen_atomic_cmpxchg_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 cmpv, TCGv_i32 newv,
                                unsigned mmu_idx, MemOp memop)
{
    TCGv_i64 old = tcg_temp_ebb_new_i64();

    assert((memop & MO_SIZE) <= MO_32);
    tcg_gen_atomic_cmpxchg_i64(old, addr, widen(cmpv), widen(newv), mmu_idx, memop);
    tcg_gen_extrl_i64_i32(ret, old);
}

static void gen_fetch_op_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx,
                             MemOp memop, TCGAtomicOp op)
{
    TCGTemp *args[] = {
        tcgv_ptr_temp(tcg_env), tcgv_i64_temp(addr), tcgv_i64_temp(val),
        tcgv_i32_temp(tcg_constant_i32(atomic_desc(make_memop_idx(memop, mmu_idx), op))),
    };

    tcg_gen_call(&helper_info_atomic_fetch_op, tcgv_i64_temp(ret), args);
}

static void gen_fetch_op_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx,
                             MemOp memop, TCGAtomicOp op)
{
    TCGv_i64 old = tcg_temp_ebb_new_i64();

    assert((memop & MO_SIZE) <= MO_32);
    gen_fetch_op_i64(old, addr, widen(val), mmu_idx, memop, op);
    tcg_gen_extrl_i64_i32(ret, old);
}

#define TCG_ATOMIC_FETCH_DEF(NAME, OP) \
    void tcg_gen_atomic_fetch_##NAME##_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, \
                                           unsigned mmu_idx, MemOp memop) \
    { \
        gen_fetch_op_i32(ret, addr, val, mmu_idx, memop, OP); \
    } \
    void tcg_gen_atomic_fetch_##NAME##_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, \
                                           unsigned mmu_idx, MemOp memop) \
    { \
        gen_fetch_op_i64(ret, addr, val, mmu_idx, memop, OP); \
    }

TCG_ATOMIC_FETCH_DEF(add, TCG_ATOMIC_ADD)
TCG_ATOMIC_FETCH_DEF(and, TCG_ATOMIC_AND)
TCG_ATOMIC_FETCH_DEF(or, TCG_ATOMIC_OR)
TCG_ATOMIC_FETCH_DEF(xor, TCG_ATOMIC_XOR)
TCG_ATOMIC_FETCH_DEF(xchg, TCG_ATOMIC_XCHG)
TCG_ATOMIC_FETCH_DEF(smin, TCG_ATOMIC_SMIN)
TCG_ATOMIC_FETCH_DEF(smax, TCG_ATOMIC_SMAX)
TCG_ATOMIC_FETCH_DEF(umin, TCG_ATOMIC_UMIN)
TCG_ATOMIC_FETCH_DEF(umax, TCG_ATOMIC_UMAX)

void tcg_gen_atomic_cmpxchg_i128(TCGv_i64 ret_lo, TCGv_i64 ret_hi, TCGv_i64 addr,
                                 TCGv_i64 cmp_lo, TCGv_i64 cmp_hi,
                                 TCGv_i64 new_lo, TCGv_i64 new_hi,
                                 unsigned mmu_idx, MemOp memop)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(addr), tcgv_i64_temp(cmp_lo),
                        tcgv_i64_temp(cmp_hi), tcgv_i64_temp(new_lo), tcgv_i64_temp(new_hi),
                        oi_arg(mmu_idx, memop) };
    TCGTemp *hi_args[] = { tcgv_ptr_temp(tcg_env) };

    assert((memop & MO_SIZE) == MO_64 && ret_lo != ret_hi);
    tcg_gen_call(&helper_info_atomic_cmpxchg_pair, tcgv_i64_temp(ret_lo), args);
    tcg_gen_call(&helper_info_atomic_pair_hi, tcgv_i64_temp(ret_hi), hi_args);
}
