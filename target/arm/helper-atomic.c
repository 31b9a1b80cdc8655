/*
 * Atomic guest memory operations of A64: the store-exclusive, the LSE
 * atomics (LD<op>, SWP, CAS, CASP) and alignment faults.
 *
 * Atomicity with respect to other vCPUs comes from the host: the helpers
 * take the host address of the guest location from tlb_probe() (which
 * also raises the guest's MMU faults) and use host compare-and-swap on it,
 * with the data kept in guest byte order in memory. A store-exclusive is a
 * compare-and-swap against the value LDXR loaded (env->exclusive_val and
 * exclusive_high), so a store by anyone that changed the location in
 * between makes it fail; a store of the very same value does not (the ABA
 * case: the architecture allows a monitor to stay open then).
 *
 * 16-byte pairs (STXP/CASP of X registers) use the host's cmpxchg16b.
 * Locations that are not plain RAM (MMIO) fall back to guest_load +
 * guest_store under a lock; pages holding translated code (the write probe
 * returns NULL so that stores invalidate the code) use guest_load +
 * guest_store without it, as the store may restart the instruction.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "target/arm/helper-ldst.h"
#include "target/arm/internal.h"
#include "tcg/tcg-backend.h"
#include "util/bitops.h"
#include "accel/tcg/tcg-accel.h"

#define DFSC_ALIGNMENT       0x21
#define DFSC_EXTERNAL_ABORT  0x10

/* Serialises the non-RAM fallbacks; see arm_transaction_failed for faults under it. */
static GMutex fallback_lock;
static __thread bool fallback_locked;

static unsigned desc_size(uint32_t desc)
{
    return 1u << (desc & LDST_DESC_SIZE_MASK);
}

static unsigned desc_mmu_idx(uint32_t desc)
{
    return extract32(desc, LDST_DESC_MMU_SHIFT, 4);
}

static MemOpIdx desc_oi(uint32_t desc)
{
    MemOp op = (MemOp)(desc & LDST_DESC_SIZE_MASK) | (desc & LDST_DESC_BE ? MO_BE : MO_LE);

    return make_memop_idx(op, desc_mmu_idx(desc));
}

/* Host memory bits <-> the guest value of a size-byte element. */
static uint64_t swap_elem(uint64_t v, unsigned size, bool be)
{
    if (!be) {
        return v;
    }
    switch (size) {
    case 1:
        return v;
    case 2:
        return __builtin_bswap16(v);
    case 4:
        return __builtin_bswap32(v);
    default:
        return __builtin_bswap64(v);
    }
}

static uint64_t truncate_elem(uint64_t v, unsigned size)
{
    return size == 8 ? v : v & ((1ULL << (size * 8)) - 1);
}

static int64_t sign_elem(uint64_t v, unsigned size)
{
    return size == 8 ? (int64_t)v : sextract64(v, 0, size * 8);
}

/* Compare-and-swap of size (1..8) bytes at p: returns what p held (== expected on success). */
static uint64_t host_cmpxchg(void *p, unsigned size, uint64_t expected, uint64_t desired)
{
    switch (size) {
    case 1: {
        uint8_t e = expected;

        __atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)desired, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    case 2: {
        uint16_t e = expected;

        __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)desired, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    case 4: {
        uint32_t e = expected;

        __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)desired, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    default: {
        uint64_t e = expected;

        __atomic_compare_exchange_n((uint64_t *)p, &e, desired, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    }
}

static uint64_t host_load(void *p, unsigned size)
{
    switch (size) {
    case 1:
        return __atomic_load_n((uint8_t *)p, __ATOMIC_SEQ_CST);
    case 2:
        return __atomic_load_n((uint16_t *)p, __ATOMIC_SEQ_CST);
    case 4:
        return __atomic_load_n((uint32_t *)p, __ATOMIC_SEQ_CST);
    default:
        return __atomic_load_n((uint64_t *)p, __ATOMIC_SEQ_CST);
    }
}

/* 16-byte compare-and-swap at p (16-byte aligned); *lo, *hi: expected in, old out. */
static bool host_cmpxchg16(void *p, uint64_t *lo, uint64_t *hi, uint64_t new_lo, uint64_t new_hi)
{
#ifdef __x86_64__
    bool ok;

    __asm__ volatile("lock cmpxchg16b %1"
                     : "=@ccz"(ok), "+m"(*(volatile unsigned __int128 *)p),
                       "+a"(*lo), "+d"(*hi)
                     : "b"(new_lo), "c"(new_hi)
                     : "memory");
    return ok;
#else
    static GMutex pair_lock;
    uint64_t *q = p;
    bool ok;

    g_mutex_lock(&pair_lock);
    ok = q[0] == *lo && q[1] == *hi;
    if (ok) {
        q[0] = new_lo;
        q[1] = new_hi;
    } else {
        *lo = q[0];
        *hi = q[1];
    }
    g_mutex_unlock(&pair_lock);
    return ok;
#endif
}

static KOINE_NORETURN void raise_alignment(CPUState *cs, uint64_t addr, MMUAccessType access,
                                           unsigned mmu_idx, uintptr_t retaddr)
{
    arm_raise_abort(cs, addr, access, mmu_idx, DFSC_ALIGNMENT, retaddr);
}

static void check_align(CPUState *cs, uint64_t addr, unsigned bytes, unsigned mmu_idx,
                        uintptr_t retaddr)
{
    if (addr & (bytes - 1)) {
        raise_alignment(cs, addr, MMU_DATA_STORE, mmu_idx, retaddr);
    }
}

/*
 * The old value(s) of size-byte elements at addr and, when the caller's
 * decide() says so, the new ones stored: the one-element and pair cases
 * of every helper below share this. n is 1 or 2 (a pair: lower address
 * first, each element in guest byte order). Returns whether it stored.
 */
typedef bool DecideFn(const uint64_t *old, uint64_t *newv, void *opaque);

static bool atomic_update(CPUARMState *env, uint64_t addr, unsigned size, unsigned n,
                          uint32_t desc, DecideFn *decide, void *opaque, uint64_t *old,
                          uintptr_t retaddr)
{
    CPUState *cs = env_cpu(env);
    bool be = desc & LDST_DESC_BE;
    unsigned mmu_idx = desc_mmu_idx(desc);
    unsigned total = size * n;
    uint64_t newv[2];
    void *host;

    check_align(cs, addr, total, mmu_idx, retaddr);
    host = tlb_probe(cs, addr, total, MMU_DATA_STORE, mmu_idx, false, retaddr);
    if (host && total <= 8) {
        /* One host word: a pair of 4-byte elements is one 8-byte CAS. */
        uint64_t raw = host_load(host, total);

        for (;;) {
            uint64_t seen, newraw;

            old[0] = swap_elem(n == 2 ? (uint32_t)raw : raw, size, be);
            if (n == 2) {
                old[1] = swap_elem(raw >> 32, size, be);
            }
            if (!decide(old, newv, opaque)) {
                return false;
            }
            newraw = n == 2 ? swap_elem(newv[0], size, be) |
                              swap_elem(newv[1], size, be) << 32
                            : swap_elem(newv[0], size, be);
            seen = host_cmpxchg(host, total, raw, newraw);
            if (seen == raw) {
                return true;
            }
            raw = seen;
        }
    }
    if (host) {
        /* 16 bytes: two 8-byte elements. */
        uint64_t lo = ((uint64_t *)host)[0], hi = ((uint64_t *)host)[1];

        for (;;) {
            old[0] = swap_elem(lo, 8, be);
            old[1] = swap_elem(hi, 8, be);
            if (!decide(old, newv, opaque)) {
                return false;
            }
            if (host_cmpxchg16(host, &lo, &hi, swap_elem(newv[0], 8, be),
                               swap_elem(newv[1], 8, be))) {
                return true;
            }
        }
    } else {
        /* MMIO or a page with code: through the slow path, element by element. */
        MemOpIdx oi = desc_oi(desc);
        bool is_mmio = !tlb_probe(cs, addr, total, MMU_DATA_LOAD, mmu_idx, true, retaddr);
        bool stored;

        if (is_mmio) {
            g_mutex_lock(&fallback_lock);
            fallback_locked = true;
        }
        for (unsigned i = 0; i < n; i++) {
            old[i] = guest_load(cs, addr + i * size, oi, retaddr);
        }
        stored = decide(old, newv, opaque);
        if (stored) {
            for (unsigned i = 0; i < n; i++) {
                guest_store(cs, addr + i * size, newv[i], oi, retaddr);
            }
        }
        if (is_mmio) {
            fallback_locked = false;
            g_mutex_unlock(&fallback_lock);
        }
        return stored;
    }
}

/* ---- STXR, STXP ---- */

typedef struct CompareSwap {
    uint64_t cmp[2];
    uint64_t newv[2];
    unsigned n;
} CompareSwap;

static bool decide_compare(const uint64_t *old, uint64_t *newv, void *opaque)
{
    CompareSwap *c = opaque;

    for (unsigned i = 0; i < c->n; i++) {
        if (old[i] != c->cmp[i]) {
            return false;
        }
    }
    newv[0] = c->newv[0];
    newv[1] = c->newv[1];
    return true;
}

/* ARM ARM C6.2.347 STXR, C6.2.346 STXP, and the exclusive monitor (B2.17). */
uint64_t helper_store_exclusive(void *opaque, uint64_t addr, uint64_t lo, uint64_t hi,
                                uint32_t desc)
{
    CPUARMState *env = opaque;
    uintptr_t retaddr = TCG_GETPC();
    unsigned size = desc_size(desc), n = desc & LDST_DESC_PAIR ? 2 : 1;
    CompareSwap c = {
        .cmp = { env->exclusive_val, env->exclusive_high },
        .newv = { truncate_elem(lo, size), truncate_elem(hi, size) },
        .n = n,
    };
    uint64_t old[2];
    bool monitor_hit = env->exclusive_addr == addr;

    /* Alignment is checked whether or not the monitor holds addr. */
    check_align(env_cpu(env), addr, size * n, desc_mmu_idx(desc), retaddr);
    env->exclusive_addr = UINT64_MAX;
    if (!monitor_hit) {
        return 1;
    }
    return atomic_update(env, addr, size, n, desc, decide_compare, &c, old, retaddr) ? 0 : 1;
}

const TCGHelperInfo helper_info_store_exclusive = {
    .func = helper_store_exclusive, .name = "store_exclusive",
    .flags = TCG_CALL_NO_WRITE_GLOBALS, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 5,
    .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I32 },
};

/* ---- LD<op>, SWP ---- */

typedef struct RMW {
    LdstAtomicOp op;
    unsigned size;
    uint64_t val;
} RMW;

static bool decide_rmw(const uint64_t *old, uint64_t *newv, void *opaque)
{
    const RMW *r = opaque;
    uint64_t a = old[0], b = r->val, res;

    switch (r->op) {
    case LDST_OP_ADD:
        res = a + b;
        break;
    case LDST_OP_CLR:
        res = a & ~b;
        break;
    case LDST_OP_EOR:
        res = a ^ b;
        break;
    case LDST_OP_SET:
        res = a | b;
        break;
    case LDST_OP_SMAX:
        res = sign_elem(a, r->size) > sign_elem(b, r->size) ? a : b;
        break;
    case LDST_OP_SMIN:
        res = sign_elem(a, r->size) < sign_elem(b, r->size) ? a : b;
        break;
    case LDST_OP_UMAX:
        res = a > b ? a : b;
        break;
    case LDST_OP_UMIN:
        res = a < b ? a : b;
        break;
    default:
        res = b;
        break;
    }
    newv[0] = truncate_elem(res, r->size);
    return true;
}

/* ARM ARM C6.2.x LDADD ... LDUMIN, SWP (v8.1 LSE). */
uint64_t helper_atomic_rmw(void *opaque, uint64_t addr, uint64_t val, uint32_t desc)
{
    CPUARMState *env = opaque;
    uintptr_t retaddr = TCG_GETPC();
    unsigned size = desc_size(desc);
    RMW r = {
        .op = (LdstAtomicOp)extract32(desc, LDST_DESC_OP_SHIFT, 4),
        .size = size,
        .val = truncate_elem(val, size),
    };
    uint64_t old[2];

    atomic_update(env, addr, size, 1, desc, decide_rmw, &r, old, retaddr);
    return old[0];
}

const TCGHelperInfo helper_info_atomic_rmw = {
    .func = helper_atomic_rmw, .name = "atomic_rmw",
    .flags = TCG_CALL_NO_WRITE_GLOBALS, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 4, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I32 },
};

/* ---- CAS, CASP ---- */

/* ARM ARM C6.2.x CAS: Rs gets the old value whether or not it matched. */
uint64_t helper_cas(void *opaque, uint64_t addr, uint64_t cmp, uint64_t newv, uint32_t desc)
{
    CPUARMState *env = opaque;
    uintptr_t retaddr = TCG_GETPC();
    unsigned size = desc_size(desc);
    CompareSwap c = {
        .cmp = { truncate_elem(cmp, size) },
        .newv = { truncate_elem(newv, size) },
        .n = 1,
    };
    uint64_t old[2];

    atomic_update(env, addr, size, 1, desc, decide_compare, &c, old, retaddr);
    return old[0];
}

const TCGHelperInfo helper_info_cas = {
    .func = helper_cas, .name = "cas",
    .flags = TCG_CALL_NO_WRITE_GLOBALS, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 5,
    .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I32 },
};

/* ARM ARM C6.2.x CASP: Rs (lower address) and Rs+1 compared, Rt and Rt+1 stored. */
void helper_casp(void *opaque, uint64_t addr, uint32_t desc)
{
    CPUARMState *env = opaque;
    uintptr_t retaddr = TCG_GETPC();
    unsigned size = desc_size(desc);
    unsigned rs = extract32(desc, LDST_DESC_RS_SHIFT, 5), rt = extract32(desc, LDST_DESC_RT_SHIFT, 5);
    /* Rs and Rt are even (the translator checks), so only Rs+1 and Rt+1 can be XZR. */
    CompareSwap c = {
        .cmp = { truncate_elem(env->xregs[rs], size),
                 rs + 1 == 31 ? 0 : truncate_elem(env->xregs[rs + 1], size) },
        .newv = { truncate_elem(env->xregs[rt], size),
                  rt + 1 == 31 ? 0 : truncate_elem(env->xregs[rt + 1], size) },
        .n = 2,
    };
    uint64_t old[2];

    atomic_update(env, addr, size, 2, desc, decide_compare, &c, old, retaddr);
    env->xregs[rs] = old[0];
    if (rs + 1 != 31) {
        env->xregs[rs + 1] = old[1];
    }
}

const TCGHelperInfo helper_info_casp = {
    .func = helper_casp, .name = "casp",
    .nb_args = 3, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I32 },
};

/* ---- Faults ---- */

void helper_align_fault(void *opaque, uint64_t addr, uint32_t desc)
{
    CPUARMState *env = opaque;

    raise_alignment(env_cpu(env), addr, desc & LDST_DESC_STORE ? MMU_DATA_STORE : MMU_DATA_LOAD,
                    desc_mmu_idx(desc), TCG_GETPC());
}

const TCGHelperInfo helper_info_align_fault = {
    .func = helper_align_fault, .name = "align_fault",
    .nb_args = 3, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I32 },
};

void arm_unaligned_access(CPUState *cs, uint64_t vaddr, MMUAccessType access,
                          unsigned mmu_idx, uintptr_t retaddr)
{
    raise_alignment(cs, vaddr, access, mmu_idx, retaddr);
}

/* ARM ARM D17.2.40: synchronous external abort, not on a table walk. */
void arm_transaction_failed(CPUState *cs, hwaddr paddr, uint64_t vaddr, unsigned size,
                            MMUAccessType access, unsigned mmu_idx, MemTxResult result,
                            uintptr_t retaddr)
{
    if (fallback_locked) {
        /* Faulting inside an atomic's MMIO fallback: nothing may longjmp holding a lock. */
        fallback_locked = false;
        g_mutex_unlock(&fallback_lock);
    }
    arm_raise_abort(cs, vaddr, access, mmu_idx, DFSC_EXTERNAL_ABORT, retaddr);
}
