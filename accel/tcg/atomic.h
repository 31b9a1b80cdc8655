/*
 * Atomic guest memory operations: compare-and-swap, fetch-and-op and a
 * 16-byte compare-and-swap of a pair, on guest virtual addresses through
 * the softmmu TLB. Frontends reach them through the builder
 * (tcg/tcg-op-atomic.h), which emits calls to the helpers below; C code
 * (a target's own helpers, tests) calls the cpu_atomic_* functions.
 *
 * Values are guest values: the MemOp says the size (1, 2, 4, 8 bytes; a
 * pair is two 8-byte elements), the byte order they have in memory, the
 * alignment the guest requires and whether the old value comes back
 * sign-extended (MO_SIGN). Operands are truncated to the size; smin/smax
 * compare as signed values of that size, umin/umax as unsigned ones.
 *
 * See accel/tcg/atomic.c for how each kind of memory is handled and what
 * atomicity each gets, and docs/devel/tcg.md ("Atomic guest memory
 * operations").
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef ACCEL_TCG_ATOMIC_H
#define ACCEL_TCG_ATOMIC_H

#include "util/osdep.h"
#include "hw/core/cpu.h"
#include "tcg/tcg.h"
#include "tcg/memop.h"

/* The read-modify-write operations: memory gets op(old, val), the caller gets old. */
typedef enum TCGAtomicOp {
    TCG_ATOMIC_ADD,
    TCG_ATOMIC_AND,
    TCG_ATOMIC_OR,
    TCG_ATOMIC_XOR,
    TCG_ATOMIC_XCHG,            /* memory gets val */
    TCG_ATOMIC_SMIN,
    TCG_ATOMIC_SMAX,
    TCG_ATOMIC_UMIN,
    TCG_ATOMIC_UMAX,
    TCG_ATOMIC_NB_OPS,
} TCGAtomicOp;

/*
 * All of these may raise the guest's faults (MMU, alignment per the MemOp,
 * bus errors) through the target's hooks, with retaddr locating the guest
 * instruction (0 from plain C); memory is unchanged when they do. An
 * atomic is a write access for faults (MMU_DATA_STORE), whether or not it
 * stores.
 */

/* The old value; memory gets newv if it held cmpv. */
uint64_t cpu_atomic_cmpxchg(CPUState *cpu, uint64_t addr, uint64_t cmpv, uint64_t newv,
                            MemOpIdx oi, uintptr_t retaddr);
/* The old value; memory gets op(old, val). */
uint64_t cpu_atomic_fetch_op(CPUState *cpu, uint64_t addr, uint64_t val, TCGAtomicOp op,
                             MemOpIdx oi, uintptr_t retaddr);
/*
 * Two 8-byte elements (the MemOp's size must be MO_64): lo at addr, hi at
 * addr + 8, each in the MemOp's byte order. Memory gets (new_lo, new_hi)
 * if it held (cmp_lo, cmp_hi); *old_lo, *old_hi get what it held. MO_ALIGN
 * means the pair's 16 bytes. Returns whether it stored.
 */
bool cpu_atomic_cmpxchg_pair(CPUState *cpu, uint64_t addr, uint64_t cmp_lo, uint64_t cmp_hi,
                             uint64_t new_lo, uint64_t new_hi, MemOpIdx oi, uintptr_t retaddr,
                             uint64_t *old_lo, uint64_t *old_hi);

/*
 * Whether 16-byte pairs on RAM use the host's cmpxchg16b (detected once
 * with cpuid); false: under a lock. Tests turn it off to reach the lock.
 */
bool atomic_host_cmpxchg16(void);
void atomic_set_host_cmpxchg16(bool use);

/* ---- Helpers (what the builder emits calls to); retaddr is TCG_GETPC() ---- */

/* Constant argument of helper_atomic_fetch_op: the MemOpIdx and the op. */
#define ATOMIC_DESC_OP_SHIFT 16

static inline uint32_t atomic_desc(MemOpIdx oi, TCGAtomicOp op)
{
    assert(oi < (1u << ATOMIC_DESC_OP_SHIFT));
    return oi | (uint32_t)op << ATOMIC_DESC_OP_SHIFT;
}

uint64_t helper_atomic_cmpxchg(void *env, uint64_t addr, uint64_t cmpv, uint64_t newv,
                               uint32_t oi);
uint64_t helper_atomic_fetch_op(void *env, uint64_t addr, uint64_t val, uint32_t desc);
/* Returns the old lo; the old hi is then read with helper_atomic_pair_hi (same thread). */
uint64_t helper_atomic_cmpxchg_pair(void *env, uint64_t addr, uint64_t cmp_lo, uint64_t cmp_hi,
                                    uint64_t new_lo, uint64_t new_hi, uint32_t oi);
uint64_t helper_atomic_pair_hi(void *env);

extern const TCGHelperInfo helper_info_atomic_cmpxchg;
extern const TCGHelperInfo helper_info_atomic_fetch_op;
extern const TCGHelperInfo helper_info_atomic_cmpxchg_pair;
extern const TCGHelperInfo helper_info_atomic_pair_hi;

#endif
