/*
 * Atomic guest memory operations: the generic helpers behind
 * tcg/tcg-op-atomic.h (API in accel/tcg/atomic.h).
 *
 * Atomicity with respect to other vCPUs comes from the host. Each
 * operation first finds where the guest location lives:
 *
 *  1. Alignment: the MemOp's required alignment is checked first, through
 *     the target's unaligned_access hook (a pair's MO_ALIGN means 16
 *     bytes). An access the guest allows to be misaligned, but that is not
 *     naturally aligned on the host, takes the locked path (4).
 *  2. The TLB: tlb_probe() for a store fills the entry or raises the
 *     guest's MMU fault (retaddr restores the instruction), so an atomic
 *     faults as a write whether or not it would store.
 *  3. Plain RAM (no flag on the read and write entries but
 *     TLB_CHECK_ALIGNED, which an aligned access satisfies): a host atomic
 *     instruction on the host address, the data kept in guest byte order
 *     (operands and results byte-swapped for a big-endian MemOp; and, or,
 *     xor and exchange work on swapped values directly, add on
 *     little-endian data is a host fetch-add, everything else a
 *     compare-and-swap loop). 16-byte pairs use cmpxchg16b when the host
 *     has it (x86-64 v1, Debian 12's baseline, does not promise it, so
 *     cpuid decides); without it, a lock that every 16-byte RAM operation
 *     takes, which makes pairs atomic with respect to each other but not
 *     to plain 8-byte accesses of other vCPUs to the same bytes.
 *     A page holding translated code (TLB_NOTDIRTY on the write entry) is
 *     RAM too: the TBs overlapping the bytes are invalidated first, then
 *     the host operation runs. The invalidation may restart the
 *     instruction (a TB rewriting itself is redone alone); it does so
 *     before memory changes, so the restarted instruction does the
 *     operation exactly once.
 *  4. Anything else (MMIO, ROM, romd devices, watchpointed pages,
 *     misaligned or page-crossing accesses): guest_load(), compute,
 *     guest_store() under one global lock. That serialises these
 *     fallbacks against each other, nothing more: a device sees a read
 *     then a write, and cannot be made to do them as one transaction; a
 *     ROM drops the write (logged by the TLB); a plain store of another
 *     vCPU to the same RAM may land in between. Both ends of the range
 *     are probed for a write and code on them invalidated before the lock
 *     is taken, so only bus errors and watchpoints can fault under it; a
 *     fault there (which leaves through cpu->jmp_env, the TargetOps
 *     contract) is caught on the way out to release the lock.
 *
 * All operations are sequentially consistent on the host (__ATOMIC_SEQ_CST,
 * lock-prefixed instructions on x86), so a frontend needs barriers only
 * for ordering its other accesses (acquire/release forms).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "accel/tcg/atomic.h"
#include "accel/tcg/tb.h"
#include "tcg/tcg-backend.h"
#include "util/bitops.h"

#ifdef __x86_64__
#include <cpuid.h>
#endif

/* One operation: where, how, and for which guest instruction. */
typedef struct AtomicAccess {
    CPUState *cpu;
    uint64_t addr;
    MemOp mop;
    unsigned mmu_idx;
    unsigned size;              /* bytes: the element, or 16 for a pair */
    uintptr_t retaddr;
} AtomicAccess;

static GMutex fallback_lock;
static GMutex pair_lock;
static int host_cx16 = -1;      /* -1: not detected yet */
static __thread uint64_t pair_hi_result;

static AtomicAccess access_init(CPUState *cpu, uint64_t addr, MemOpIdx oi, bool pair,
                                uintptr_t retaddr)
{
    MemOp mop = get_memop(oi);

    return (AtomicAccess) {
        .cpu = cpu,
        .addr = addr,
        .mop = mop,
        .mmu_idx = get_mmuidx(oi),
        .size = pair ? 16 : memop_size(mop),
        .retaddr = retaddr,
    };
}

/* ---- Values ---- */

static uint64_t truncate_elem(uint64_t v, unsigned size)
{
    return size == 8 ? v : v & ((1ULL << (size * 8)) - 1);
}

static int64_t sign_elem(uint64_t v, unsigned size)
{
    return size == 8 ? (int64_t)v : sextract64(v, 0, size * 8);
}

/* Host memory bits <-> the guest value of a size-byte element (the host is little-endian). */
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

static uint64_t result_of(uint64_t old, MemOp mop)
{
    return mop & MO_SIGN ? (uint64_t)sign_elem(old, memop_size(mop)) : old;
}

static uint64_t apply_op(TCGAtomicOp op, uint64_t old, uint64_t val, unsigned size)
{
    uint64_t res;

    switch (op) {
    case TCG_ATOMIC_ADD:
        res = old + val;
        break;
    case TCG_ATOMIC_AND:
        res = old & val;
        break;
    case TCG_ATOMIC_OR:
        res = old | val;
        break;
    case TCG_ATOMIC_XOR:
        res = old ^ val;
        break;
    case TCG_ATOMIC_XCHG:
        res = val;
        break;
    case TCG_ATOMIC_SMIN:
        res = sign_elem(old, size) < sign_elem(val, size) ? old : val;
        break;
    case TCG_ATOMIC_SMAX:
        res = sign_elem(old, size) > sign_elem(val, size) ? old : val;
        break;
    case TCG_ATOMIC_UMIN:
        res = old < val ? old : val;
        break;
    case TCG_ATOMIC_UMAX:
        res = old > val ? old : val;
        break;
    default:
        g_assert_not_reached();
    }
    return truncate_elem(res, size);
}

/* ---- Host operations on naturally aligned host memory ---- */

#define HOST_BY_SIZE(size, p, FN, ...) \
    ((size) == 1 ? (uint64_t)FN((uint8_t *)(p), __VA_ARGS__) : \
     (size) == 2 ? (uint64_t)FN((uint16_t *)(p), __VA_ARGS__) : \
     (size) == 4 ? (uint64_t)FN((uint32_t *)(p), __VA_ARGS__) : \
                   (uint64_t)FN((uint64_t *)(p), __VA_ARGS__))

static uint64_t host_load(void *p, unsigned size)
{
    return HOST_BY_SIZE(size, p, __atomic_load_n, __ATOMIC_SEQ_CST);
}

static uint64_t host_xchg(void *p, unsigned size, uint64_t v)
{
    return HOST_BY_SIZE(size, p, __atomic_exchange_n, v, __ATOMIC_SEQ_CST);
}

static uint64_t host_fetch_add(void *p, unsigned size, uint64_t v)
{
    return HOST_BY_SIZE(size, p, __atomic_fetch_add, v, __ATOMIC_SEQ_CST);
}

static uint64_t host_fetch_and(void *p, unsigned size, uint64_t v)
{
    return HOST_BY_SIZE(size, p, __atomic_fetch_and, v, __ATOMIC_SEQ_CST);
}

static uint64_t host_fetch_or(void *p, unsigned size, uint64_t v)
{
    return HOST_BY_SIZE(size, p, __atomic_fetch_or, v, __ATOMIC_SEQ_CST);
}

static uint64_t host_fetch_xor(void *p, unsigned size, uint64_t v)
{
    return HOST_BY_SIZE(size, p, __atomic_fetch_xor, v, __ATOMIC_SEQ_CST);
}

/* Compare-and-swap of size bytes at p: returns what p held (== expected on success). */
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

bool atomic_host_cmpxchg16(void)
{
    int have = __atomic_load_n(&host_cx16, __ATOMIC_RELAXED);

    if (have < 0) {
        have = 0;
#ifdef __x86_64__
        unsigned eax, ebx, ecx, edx;

        if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
            have = !!(ecx & bit_CMPXCHG16B);
        }
#endif
        __atomic_store_n(&host_cx16, have, __ATOMIC_RELAXED);
    }
    return have;
}

void atomic_set_host_cmpxchg16(bool use)
{
    __atomic_store_n(&host_cx16, 0, __ATOMIC_RELAXED);
    if (use) {
        __atomic_store_n(&host_cx16, -1, __ATOMIC_RELAXED);
        atomic_host_cmpxchg16();    /* only what the host has */
    }
}

/* 16 bytes at p (16-byte aligned); *lo, *hi: expected in (memory bits), seen out. */
static bool host_cmpxchg16(void *p, uint64_t *lo, uint64_t *hi, uint64_t new_lo, uint64_t new_hi)
{
    uint64_t *q = p;
    bool ok;

#ifdef __x86_64__
    if (atomic_host_cmpxchg16()) {
        __asm__ volatile("lock cmpxchg16b %1"
                         : "=@ccz"(ok), "+m"(*(volatile unsigned __int128 *)p),
                           "+a"(*lo), "+d"(*hi)
                         : "b"(new_lo), "c"(new_hi)
                         : "memory");
        return ok;
    }
#endif
    g_mutex_lock(&pair_lock);
    {
        uint64_t seen_lo = __atomic_load_n(&q[0], __ATOMIC_SEQ_CST);
        uint64_t seen_hi = __atomic_load_n(&q[1], __ATOMIC_SEQ_CST);

        ok = seen_lo == *lo && seen_hi == *hi;
        if (ok) {
            __atomic_store_n(&q[0], new_lo, __ATOMIC_SEQ_CST);
            __atomic_store_n(&q[1], new_hi, __ATOMIC_SEQ_CST);
        }
        *lo = seen_lo;
        *hi = seen_hi;
    }
    g_mutex_unlock(&pair_lock);
    return ok;
}

/* ---- Where the location lives ---- */

static bool tag_matches_page(uint64_t tag, uint64_t page)
{
    return !(tag & TLB_INVALID) && (tag & KOINE_PAGE_MASK) == page;
}

/* The TLB entry of the page of addr (whatever it holds now), and its index. */
static CPUTLBEntry *tlb_entry_of(CPUState *cpu, unsigned mmu_idx, uint64_t addr,
                                 unsigned *index)
{
    unsigned n = 1u << cpu->tlb.d[mmu_idx].bits;

    *index = (addr >> KOINE_PAGE_BITS) & (n - 1);
    return &cpu->tlb_fast[mmu_idx].table[*index];
}

static void check_alignment(const AtomicAccess *a)
{
    unsigned align = memop_alignment(a->mop);

    if (a->size == 16 && (a->mop & MO_AMASK) == MO_ALIGN) {
        align = 16;
    }
    if ((a->addr & (align - 1)) && a->cpu->ops->unaligned_access) {
        a->cpu->ops->unaligned_access(a->cpu, a->addr, MMU_DATA_STORE, a->mmu_idx, a->retaddr);
    }
}

/*
 * The page of addr is mapped for a store now (probed): if its write entry
 * says it holds code, invalidate the TBs over [addr, addr + len) of it.
 * May restart the instruction (see the top of the file).
 */
static void invalidate_code(const AtomicAccess *a, uint64_t addr, unsigned len)
{
    unsigned index;
    CPUTLBEntry *e = tlb_entry_of(a->cpu, a->mmu_idx, addr, &index);
    uint64_t page = addr & KOINE_PAGE_MASK;
    hwaddr phys;

    if (!tag_matches_page(e->addr_write, page) || !(e->addr_write & TLB_NOTDIRTY)) {
        return;
    }
    phys = a->cpu->tlb.d[a->mmu_idx].full[index].phys_addr;
    tb_invalidate_phys_range(a->cpu, phys | (addr & ~KOINE_PAGE_MASK), len, a->retaddr);
    if (!tb_page_has_code(phys)) {
        /* The last TB on the page is gone: stores may run inline again. */
        e->addr_write &= ~(uint64_t)TLB_NOTDIRTY;
    }
}

/* The host address for the RAM path, or NULL for the locked path. May raise. */
static void *atomic_host_addr(const AtomicAccess *a)
{
    uint64_t page = a->addr & KOINE_PAGE_MASK;
    unsigned index;
    CPUTLBEntry *e;

    check_alignment(a);
    if (a->addr & (a->size - 1)) {
        return NULL;
    }
    tlb_probe(a->cpu, a->addr, a->size, MMU_DATA_STORE, a->mmu_idx, false, a->retaddr);
    e = tlb_entry_of(a->cpu, a->mmu_idx, a->addr, &index);
    /* TLB_CHECK_ALIGNED asks for what the size check above has done. */
    if (!tag_matches_page(e->addr_write, page) || !tag_matches_page(e->addr_read, page) ||
        (e->addr_read & TLB_FLAGS_MASK & ~(uint64_t)TLB_CHECK_ALIGNED) ||
        (e->addr_write & TLB_FLAGS_MASK & ~(uint64_t)(TLB_NOTDIRTY | TLB_CHECK_ALIGNED))) {
        return NULL;
    }
    invalidate_code(a, a->addr, a->size);
    return (void *)(uintptr_t)(a->addr + e->addend);
}

/* ---- The locked path ---- */

/* Given the old element(s), sets the new one(s); false: no store. */
typedef bool UpdateFn(const uint64_t *old, uint64_t *newv, void *opaque);

static bool fallback_body(const AtomicAccess *a, unsigned n, UpdateFn *update, void *opaque,
                          uint64_t *old)
{
    unsigned esize = a->size / n;
    MemOpIdx oi = make_memop_idx(a->mop & (MO_SIZE | MO_BSWAP), a->mmu_idx);
    uint64_t newv[2];

    for (unsigned i = 0; i < n; i++) {
        old[i] = guest_load(a->cpu, a->addr + i * esize, oi, a->retaddr);
    }
    if (!update(old, newv, opaque)) {
        return false;
    }
    for (unsigned i = 0; i < n; i++) {
        guest_store(a->cpu, a->addr + i * esize, newv[i], oi, a->retaddr);
    }
    return true;
}

/* n elements of a->size / n bytes: load, update(), store, under fallback_lock. */
static bool fallback_update(const AtomicAccess *a, unsigned n, UpdateFn *update, void *opaque,
                            uint64_t *old)
{
    CPUState *cpu = a->cpu;
    uint64_t last = a->addr + a->size - 1;
    sigjmp_buf outer;
    bool stored;

    /* Faults and restarts before the lock: write permission and code on both ends. */
    tlb_probe(cpu, a->addr, 1, MMU_DATA_STORE, a->mmu_idx, false, a->retaddr);
    tlb_probe(cpu, last, 1, MMU_DATA_STORE, a->mmu_idx, false, a->retaddr);
    if ((a->addr ^ last) & KOINE_PAGE_MASK) {
        invalidate_code(a, a->addr, KOINE_PAGE_SIZE - (a->addr & ~KOINE_PAGE_MASK));
        invalidate_code(a, last & KOINE_PAGE_MASK, (last & ~KOINE_PAGE_MASK) + 1);
    } else {
        invalidate_code(a, a->addr, a->size);
    }

    g_mutex_lock(&fallback_lock);
    memcpy(outer, cpu->jmp_env, sizeof(outer));
    if (sigsetjmp(cpu->jmp_env, 0) != 0) {
        /* A fault under the lock: release it and go on to the exec loop. */
        memcpy(cpu->jmp_env, outer, sizeof(outer));
        g_mutex_unlock(&fallback_lock);
        siglongjmp(cpu->jmp_env, 1);
    }
    stored = fallback_body(a, n, update, opaque, old);
    memcpy(cpu->jmp_env, outer, sizeof(outer));
    g_mutex_unlock(&fallback_lock);
    return stored;
}

typedef struct CompareSwap {
    uint64_t cmp[2];
    uint64_t newv[2];
    unsigned n;
} CompareSwap;

static bool update_cmpxchg(const uint64_t *old, uint64_t *newv, void *opaque)
{
    const CompareSwap *c = opaque;

    for (unsigned i = 0; i < c->n; i++) {
        if (old[i] != c->cmp[i]) {
            return false;
        }
        newv[i] = c->newv[i];
    }
    return true;
}

typedef struct FetchOp {
    TCGAtomicOp op;
    unsigned size;
    uint64_t val;
} FetchOp;

static bool update_fetch_op(const uint64_t *old, uint64_t *newv, void *opaque)
{
    const FetchOp *f = opaque;

    newv[0] = apply_op(f->op, old[0], f->val, f->size);
    return true;
}

/* ---- The operations ---- */

uint64_t cpu_atomic_cmpxchg(CPUState *cpu, uint64_t addr, uint64_t cmpv, uint64_t newv,
                            MemOpIdx oi, uintptr_t retaddr)
{
    AtomicAccess a = access_init(cpu, addr, oi, false, retaddr);
    bool be = a.mop & MO_BSWAP;
    CompareSwap c = {
        .cmp = { truncate_elem(cmpv, a.size) },
        .newv = { truncate_elem(newv, a.size) },
        .n = 1,
    };
    uint64_t old[2];
    void *host = atomic_host_addr(&a);

    if (host) {
        old[0] = swap_elem(host_cmpxchg(host, a.size, swap_elem(c.cmp[0], a.size, be),
                                        swap_elem(c.newv[0], a.size, be)),
                           a.size, be);
    } else {
        fallback_update(&a, 1, update_cmpxchg, &c, old);
    }
    return result_of(old[0], a.mop);
}

/* The operation on RAM at host: returns the old value (guest order). */
static uint64_t host_fetch_op(void *host, TCGAtomicOp op, uint64_t val, unsigned size, bool be)
{
    uint64_t raw, mval = swap_elem(val, size, be);

    switch (op) {
    case TCG_ATOMIC_XCHG:
        return swap_elem(host_xchg(host, size, mval), size, be);
    case TCG_ATOMIC_AND:
        return swap_elem(host_fetch_and(host, size, mval), size, be);
    case TCG_ATOMIC_OR:
        return swap_elem(host_fetch_or(host, size, mval), size, be);
    case TCG_ATOMIC_XOR:
        return swap_elem(host_fetch_xor(host, size, mval), size, be);
    case TCG_ATOMIC_ADD:
        if (!be || size == 1) {
            return host_fetch_add(host, size, val);
        }
        break;
    default:
        break;
    }
    raw = host_load(host, size);
    for (;;) {
        uint64_t old = swap_elem(raw, size, be);
        uint64_t seen = host_cmpxchg(host, size, raw,
                                     swap_elem(apply_op(op, old, val, size), size, be));

        if (seen == raw) {
            return old;
        }
        raw = seen;
    }
}

uint64_t cpu_atomic_fetch_op(CPUState *cpu, uint64_t addr, uint64_t val, TCGAtomicOp op,
                             MemOpIdx oi, uintptr_t retaddr)
{
    AtomicAccess a = access_init(cpu, addr, oi, false, retaddr);
    FetchOp f = { .op = op, .size = a.size, .val = truncate_elem(val, a.size) };
    uint64_t old[2];
    void *host;

    assert(op < TCG_ATOMIC_NB_OPS);
    host = atomic_host_addr(&a);
    if (host) {
        old[0] = host_fetch_op(host, op, f.val, a.size, a.mop & MO_BSWAP);
    } else {
        fallback_update(&a, 1, update_fetch_op, &f, old);
    }
    return result_of(old[0], a.mop);
}

bool cpu_atomic_cmpxchg_pair(CPUState *cpu, uint64_t addr, uint64_t cmp_lo, uint64_t cmp_hi,
                             uint64_t new_lo, uint64_t new_hi, MemOpIdx oi, uintptr_t retaddr,
                             uint64_t *old_lo, uint64_t *old_hi)
{
    AtomicAccess a = access_init(cpu, addr, oi, true, retaddr);
    bool be = a.mop & MO_BSWAP;
    CompareSwap c = { .cmp = { cmp_lo, cmp_hi }, .newv = { new_lo, new_hi }, .n = 2 };
    uint64_t old[2];
    bool stored;
    void *host;

    assert((a.mop & MO_SIZE) == MO_64);
    host = atomic_host_addr(&a);
    if (host) {
        old[0] = swap_elem(cmp_lo, 8, be);
        old[1] = swap_elem(cmp_hi, 8, be);
        stored = host_cmpxchg16(host, &old[0], &old[1], swap_elem(new_lo, 8, be),
                                swap_elem(new_hi, 8, be));
        old[0] = swap_elem(old[0], 8, be);
        old[1] = swap_elem(old[1], 8, be);
    } else {
        stored = fallback_update(&a, 2, update_cmpxchg, &c, old);
    }
    *old_lo = old[0];
    *old_hi = old[1];
    return stored;
}

/* ---- Helpers ---- */

uint64_t helper_atomic_cmpxchg(void *env, uint64_t addr, uint64_t cmpv, uint64_t newv,
                               uint32_t oi)
{
    return cpu_atomic_cmpxchg(env_cpu(env), addr, cmpv, newv, oi, TCG_GETPC());
}

uint64_t helper_atomic_fetch_op(void *env, uint64_t addr, uint64_t val, uint32_t desc)
{
    return cpu_atomic_fetch_op(env_cpu(env), addr, val,
                               (TCGAtomicOp)(desc >> ATOMIC_DESC_OP_SHIFT),
                               desc & ((1u << ATOMIC_DESC_OP_SHIFT) - 1), TCG_GETPC());
}

uint64_t helper_atomic_cmpxchg_pair(void *env, uint64_t addr, uint64_t cmp_lo, uint64_t cmp_hi,
                                    uint64_t new_lo, uint64_t new_hi, uint32_t oi)
{
    uint64_t lo, hi;

    cpu_atomic_cmpxchg_pair(env_cpu(env), addr, cmp_lo, cmp_hi, new_lo, new_hi, oi, TCG_GETPC(),
                            &lo, &hi);
    pair_hi_result = hi;
    return lo;
}

uint64_t helper_atomic_pair_hi(void *env)
{
    return pair_hi_result;
}

const TCGHelperInfo helper_info_atomic_cmpxchg = {
    .func = helper_atomic_cmpxchg, .name = "atomic_cmpxchg",
    .flags = TCG_CALL_NO_WRITE_GLOBALS, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 5,
    .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I32 },
};

const TCGHelperInfo helper_info_atomic_fetch_op = {
    .func = helper_atomic_fetch_op, .name = "atomic_fetch_op",
    .flags = TCG_CALL_NO_WRITE_GLOBALS, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 4, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I32 },
};

const TCGHelperInfo helper_info_atomic_cmpxchg_pair = {
    .func = helper_atomic_cmpxchg_pair, .name = "atomic_cmpxchg_pair",
    .flags = TCG_CALL_NO_WRITE_GLOBALS, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 7,
    .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I64,
                   TCG_TYPE_I64, TCG_TYPE_I32 },
};

/* Reads only this thread's result of the pair helper just before it: no global, cannot raise. */
const TCGHelperInfo helper_info_atomic_pair_hi = {
    .func = helper_atomic_pair_hi, .name = "atomic_pair_hi",
    .flags = TCG_CALL_NO_RWG, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 1, .arg_types = { TCG_TYPE_PTR },
};
