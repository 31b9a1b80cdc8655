/*
 * Helpers of the AdvSIMD integer same-width instructions: the lane-wise
 * operations the gvec IR ops do not cover (halving, saturating with QC,
 * shifts by register, absolute difference, pairwise, widening and
 * narrowing, counts, estimates, reductions). See helper-simd-int.h.
 *
 * One engine per shape (same-width lane-wise, pairwise, pairwise long,
 * narrowing, reduction) loops over the elements; each instruction is a
 * small element function the engine inlines. Elements are computed
 * exactly in 128-bit integers (the ARM ARM's pseudocode works on
 * unbounded integers: SInt/UInt, then SatQ or truncation), so one
 * function serves every element size and the saturating, rounding and
 * wrapping variants differ only in how the exact result is written back
 * (finish()). Sources are copied before the result is stored, so Vd may
 * be one of them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "target/arm/cpu.h"
#include "target/arm/helper-simd-int.h"
#include "util/bitops.h"
#include "util/bswap.h"

/* Exact element values: |x| < 2^66 everywhere below, far from overflow. */
typedef __int128 Wide;

#define ALWAYS_INLINE inline __attribute__((always_inline))

typedef struct SimdArgs {
    unsigned rd, rn, rm;
    unsigned size, bits;        /* element size: MO_8..MO_64, and in bits */
    unsigned nelem;             /* elements operated on */
    bool q, scalar;
} SimdArgs;

static SimdArgs simd_args(uint32_t desc)
{
    SimdArgs a = {
        .rd = extract32(desc, 0, 5),
        .rn = extract32(desc, 5, 5),
        .rm = extract32(desc, 10, 5),
        .size = extract32(desc, 15, 2),
        .q = extract32(desc, 17, 1),
        .scalar = extract32(desc, 18, 1),
    };

    a.bits = 8u << a.size;
    a.nelem = a.scalar ? 1 : (a.q ? 16u : 8u) >> a.size;
    return a;
}

/* Element i of size (1 << size) bytes, zero- or sign-extended. */
static ALWAYS_INLINE Wide elem(const ARMVReg *v, unsigned i, unsigned size, bool is_signed)
{
    uint64_t x = ldn_p((const uint8_t *)v->d + (i << size), 1u << size, false);

    return is_signed ? (Wide)sextract64(x, 0, 8u << size) : (Wide)x;
}

static ALWAYS_INLINE void set_elem(ARMVReg *v, unsigned i, unsigned size, uint64_t x)
{
    stn_p((uint8_t *)v->d + (i << size), 1u << size, false, x);
}

/* How an exact result becomes an element: truncated, or saturated (setting FPSR.QC). */
typedef enum Finish { WRAP, SAT_S, SAT_U } Finish;

static ALWAYS_INLINE uint64_t finish(CPUARMState *env, Wide x, unsigned bits, Finish how)
{
    Wide lo, hi;

    if (how == WRAP) {
        return (uint64_t)x;
    }
    /* ARM ARM J1 SignedSatQ/UnsignedSatQ. */
    lo = how == SAT_S ? -((Wide)1 << (bits - 1)) : 0;
    hi = how == SAT_S ? ((Wide)1 << (bits - 1)) - 1 : ((Wide)1 << bits) - 1;
    if (x < lo || x > hi) {
        env->fpsr |= FPSR_QC;
        return (uint64_t)(x < lo ? lo : hi);
    }
    return (uint64_t)x;
}

static ALWAYS_INLINE Wide as_unsigned(Wide x, unsigned bits)
{
    return x & (((Wide)1 << bits) - 1);
}

static ALWAYS_INLINE Wide as_signed(Wide x, unsigned bits)
{
    return sextract64((uint64_t)x, 0, bits);
}

static ALWAYS_INLINE Wide wide_abs(Wide x)
{
    return x < 0 ? -x : x;
}

/*
 * x shifted by the signed amount sh (left when positive), rounding
 * right shifts when asked (ARM ARM C7.2 SRSHL: the pseudocode adds
 * 1 << (-sh - 1) before shifting). A left shift past the element width
 * returns x * 2^bits: truncated it is 0, saturated it has x's sign.
 */
static ALWAYS_INLINE Wide shift_by(Wide x, int sh, bool round, unsigned bits)
{
    unsigned n;

    if (sh >= 0) {
        if ((unsigned)sh >= bits) {
            return x == 0 ? 0 : x > 0 ? (Wide)1 << bits : -((Wide)1 << bits);
        }
        return x * ((Wide)1 << sh);
    }
    /* Beyond 66 every element shifts (and rounds) to its final 0 or -1. */
    n = MIN(-sh, 66);
    if (round) {
        x += (Wide)1 << (n - 1);
    }
    return x >> n;
}

/* ---- Same-width lane-wise: Vd[i] = op(Vd[i], Vn[i], Vm[i]) ---- */

typedef Wide ElemOp(Wide d, Wide n, Wide m, unsigned bits);

static ALWAYS_INLINE void do_lanes(CPUARMState *env, uint32_t desc, bool is_signed, Finish how,
                                   ElemOp *op)
{
    SimdArgs a = simd_args(desc);
    ARMVReg d = env->vregs[a.rd], n = env->vregs[a.rn], m = env->vregs[a.rm];
    ARMVReg out = { { 0, 0 } };

    for (unsigned i = 0; i < a.nelem; i++) {
        Wide r = op(elem(&d, i, a.size, is_signed), elem(&n, i, a.size, is_signed),
                    elem(&m, i, a.size, is_signed), a.bits);

        set_elem(&out, i, a.size, finish(env, r, a.bits, how));
    }
    env->vregs[a.rd] = out;
}

/* Defines helper_simd_int_NAME and its TCGHelperInfo. */
#define SIMD_HELPER(NAME)                                                      \
    static void helper_simd_int_##NAME(CPUARMState *env, uint32_t desc);       \
    const TCGHelperInfo helper_info_simd_int_##NAME = {                        \
        .func = helper_simd_int_##NAME, .name = "simd_int_" #NAME,             \
        .flags = TCG_CALL_NO_RWG,                                              \
        .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },             \
    };                                                                         \
    static void helper_simd_int_##NAME(CPUARMState *env, uint32_t desc)

/* A lane-wise helper from an element expression of d, n, m and bits. */
#define SIMD_LANES(NAME, IS_SIGNED, HOW, EXPR)                                 \
    static Wide elem_##NAME(Wide d, Wide n, Wide m, unsigned bits)             \
    {                                                                          \
        return EXPR;                                                           \
    }                                                                          \
    SIMD_HELPER(NAME)                                                          \
    {                                                                          \
        do_lanes(env, desc, IS_SIGNED, HOW, elem_##NAME);                      \
    }

/* Three same (ARM ARM C4.1.96.18); the shift amount is the signed low byte of Vm's element. */
SIMD_LANES(shadd, true, WRAP, (n + m) >> 1)
SIMD_LANES(uhadd, false, WRAP, (n + m) >> 1)
SIMD_LANES(srhadd, true, WRAP, (n + m + 1) >> 1)
SIMD_LANES(urhadd, false, WRAP, (n + m + 1) >> 1)
SIMD_LANES(shsub, true, WRAP, (n - m) >> 1)
SIMD_LANES(uhsub, false, WRAP, (n - m) >> 1)
SIMD_LANES(sqadd, true, SAT_S, n + m)
SIMD_LANES(uqadd, false, SAT_U, n + m)
SIMD_LANES(sqsub, true, SAT_S, n - m)
SIMD_LANES(uqsub, false, SAT_U, n - m)
SIMD_LANES(cmtst, false, WRAP, (n & m) != 0 ? -1 : 0)
SIMD_LANES(sshl, true, WRAP, shift_by(n, (int8_t)m, false, bits))
SIMD_LANES(ushl, false, WRAP, shift_by(n, (int8_t)m, false, bits))
SIMD_LANES(srshl, true, WRAP, shift_by(n, (int8_t)m, true, bits))
SIMD_LANES(urshl, false, WRAP, shift_by(n, (int8_t)m, true, bits))
SIMD_LANES(sqshl, true, SAT_S, shift_by(n, (int8_t)m, false, bits))
SIMD_LANES(uqshl, false, SAT_U, shift_by(n, (int8_t)m, false, bits))
SIMD_LANES(sqrshl, true, SAT_S, shift_by(n, (int8_t)m, true, bits))
SIMD_LANES(uqrshl, false, SAT_U, shift_by(n, (int8_t)m, true, bits))
SIMD_LANES(sabd, true, WRAP, wide_abs(n - m))
SIMD_LANES(uabd, false, WRAP, wide_abs(n - m))
SIMD_LANES(saba, true, WRAP, d + wide_abs(n - m))
SIMD_LANES(uaba, false, WRAP, d + wide_abs(n - m))
SIMD_LANES(mla, false, WRAP, d + n * m)
SIMD_LANES(mls, false, WRAP, d - n * m)
/* SQDMULH/SQRDMULH (C7.2.256, C7.2.271): the high half of 2*n*m, rounded for R. */
SIMD_LANES(sqdmulh, true, SAT_S, (2 * n * m) >> bits)
SIMD_LANES(sqrdmulh, true, SAT_S, (2 * n * m + ((Wide)1 << (bits - 1))) >> bits)

/* PMUL (C7.2.212): carry-less product of bytes, low 8 bits. */
static Wide elem_pmul(Wide d, Wide n, Wide m, unsigned bits)
{
    unsigned r = 0;

    for (unsigned i = 0; i < 8; i++) {
        if ((uint64_t)m & (1u << i)) {
            r ^= (unsigned)n << i;
        }
    }
    return r;
}

SIMD_HELPER(pmul)
{
    do_lanes(env, desc, false, WRAP, elem_pmul);
}

/* Two-register miscellaneous (C4.1.96.22), lane-wise. */
SIMD_LANES(suqadd, true, SAT_S, d + as_unsigned(n, bits))
SIMD_LANES(usqadd, false, SAT_U, d + as_signed(n, bits))
SIMD_LANES(sqabs, true, SAT_S, wide_abs(n))
SIMD_LANES(sqneg, true, SAT_S, -n)
SIMD_LANES(cmgt0, true, WRAP, n > 0 ? -1 : 0)
SIMD_LANES(cmge0, true, WRAP, n >= 0 ? -1 : 0)
SIMD_LANES(cmeq0, true, WRAP, n == 0 ? -1 : 0)
SIMD_LANES(cmle0, true, WRAP, n <= 0 ? -1 : 0)
SIMD_LANES(cmlt0, true, WRAP, n < 0 ? -1 : 0)
/* CLZ: 0 has bits leading zeros (__builtin_clzll(0) is undefined). */
SIMD_LANES(clz, false, WRAP, n == 0 ? bits : __builtin_clzll((uint64_t)n) - (64 - bits))
/* CLS (C7.2.26): the bits below the sign equal to it (CountLeadingSignBits). */
static Wide elem_cls(Wide d, Wide n, Wide m, unsigned bits)
{
    uint64_t differ = (uint64_t)(n ^ (n >> 1)) & ((UINT64_C(1) << (bits - 1)) - 1);

    return differ == 0 ? bits - 1 : __builtin_clzll(differ) - (64 - bits) - 1;
}

SIMD_HELPER(cls)
{
    do_lanes(env, desc, false, WRAP, elem_cls);
}

SIMD_LANES(cnt, false, WRAP, __builtin_popcountll((uint64_t)n))

/* RBIT (C7.2.219): the bits of each byte reversed. */
static Wide elem_rbit(Wide d, Wide n, Wide m, unsigned bits)
{
    unsigned r = 0;

    for (unsigned i = 0; i < 8; i++) {
        r |= (((unsigned)n >> i) & 1) << (7 - i);
    }
    return r;
}

SIMD_HELPER(rbit)
{
    do_lanes(env, desc, false, WRAP, elem_rbit);
}

/*
 * URECPE (C7.2.367, UnsignedRecipEstimate): 0xffffffff unless bit 31 is
 * set, else the 9-bit RecipEstimate of bits 31:23 at the top.
 */
static Wide elem_urecpe(Wide d, Wide n, Wide m, unsigned bits)
{
    uint32_t x = n, a, b;

    if (!(x & 0x80000000u)) {
        return 0xffffffffu;
    }
    a = (x >> 23) * 2 + 1;              /* 9 bits of [0.5, 1), rounded to nearest */
    b = (1u << 19) / a;
    return (uint32_t)((b + 1) / 2) << 23;
}

/*
 * URSQRTE (C7.2.371, UnsignedRSqrtEstimate): 0xffffffff unless bits 31:30
 * are nonzero, else RecipSqrtEstimate of bits 31:23: the largest b with
 * a * (b + 1)^2 < 2^28, halved with rounding.
 */
static Wide elem_ursqrte(Wide d, Wide n, Wide m, unsigned bits)
{
    uint32_t x = n, a, b = 512;

    if (!(x & 0xc0000000u)) {
        return 0xffffffffu;
    }
    a = x >> 23;
    if (a < 256) {
        a = a * 2 + 1;                  /* [0.25, 0.5) */
    } else {
        a = (((a >> 1) << 1) + 1) * 2;  /* [0.5, 1): the bottom bit dropped, rounded */
    }
    while ((uint64_t)a * (b + 1) * (b + 1) < (1u << 28)) {
        b++;
    }
    return (uint32_t)((b + 1) / 2) << 23;
}

SIMD_HELPER(urecpe)
{
    do_lanes(env, desc, false, WRAP, elem_urecpe);
}

SIMD_HELPER(ursqrte)
{
    do_lanes(env, desc, false, WRAP, elem_ursqrte);
}

/* ---- REV16/REV32/REV64 (C7.2.220..222): elements reversed within each container ---- */

static void do_rev(CPUARMState *env, uint32_t desc, unsigned container_size)
{
    SimdArgs a = simd_args(desc);
    ARMVReg n = env->vregs[a.rn], out = { { 0, 0 } };
    unsigned flip = (1u << (container_size - a.size)) - 1;

    for (unsigned i = 0; i < a.nelem; i++) {
        set_elem(&out, i, a.size, (uint64_t)elem(&n, i ^ flip, a.size, false));
    }
    env->vregs[a.rd] = out;
}

SIMD_HELPER(rev64)
{
    do_rev(env, desc, MO_64);
}

SIMD_HELPER(rev32)
{
    do_rev(env, desc, MO_32);
}

SIMD_HELPER(rev16)
{
    do_rev(env, desc, MO_16);
}

/* ---- Pairwise: result i from the pair (2i, 2i+1) of Vn:Vm, Vn first (C7.2.4 ADDP) ---- */

typedef Wide PairOp(Wide x, Wide y);

static ALWAYS_INLINE void do_pairwise(CPUARMState *env, uint32_t desc, bool is_signed,
                                      PairOp *op)
{
    SimdArgs a = simd_args(desc);
    ARMVReg src[2] = { env->vregs[a.rn], env->vregs[a.rm] };
    ARMVReg out = { { 0, 0 } };
    /* The scalar form (ADDP Dd, Vn.2D) is one pair of Vn. */
    unsigned half = a.scalar ? 1 : a.nelem / 2;

    for (unsigned i = 0; i < a.nelem; i++) {
        const ARMVReg *v = &src[i >= half];
        unsigned j = 2 * (i % half);

        set_elem(&out, i, a.size,
                 (uint64_t)op(elem(v, j, a.size, is_signed), elem(v, j + 1, a.size, is_signed)));
    }
    env->vregs[a.rd] = out;
}

static Wide pair_add(Wide x, Wide y)
{
    return x + y;
}

static Wide pair_max(Wide x, Wide y)
{
    return MAX(x, y);
}

static Wide pair_min(Wide x, Wide y)
{
    return MIN(x, y);
}

SIMD_HELPER(addp)
{
    do_pairwise(env, desc, false, pair_add);
}

SIMD_HELPER(smaxp)
{
    do_pairwise(env, desc, true, pair_max);
}

SIMD_HELPER(umaxp)
{
    do_pairwise(env, desc, false, pair_max);
}

SIMD_HELPER(sminp)
{
    do_pairwise(env, desc, true, pair_min);
}

SIMD_HELPER(uminp)
{
    do_pairwise(env, desc, false, pair_min);
}

/* ---- SADDLP/UADDLP, SADALP/UADALP (C7.2.235, C7.2.229): pairs summed into double width ---- */

static void do_addlp(CPUARMState *env, uint32_t desc, bool is_signed, bool accumulate)
{
    SimdArgs a = simd_args(desc);
    ARMVReg n = env->vregs[a.rn], out = env->vregs[a.rd];
    unsigned wide_size = a.size + 1, count = a.nelem / 2;

    if (!a.q) {
        out.d[1] = 0;
    }
    for (unsigned i = 0; i < count; i++) {
        Wide sum = elem(&n, 2 * i, a.size, is_signed) + elem(&n, 2 * i + 1, a.size, is_signed);

        if (accumulate) {
            sum += elem(&out, i, wide_size, false);
        }
        set_elem(&out, i, wide_size, (uint64_t)sum);
    }
    env->vregs[a.rd] = out;
}

SIMD_HELPER(saddlp)
{
    do_addlp(env, desc, true, false);
}

SIMD_HELPER(uaddlp)
{
    do_addlp(env, desc, false, false);
}

SIMD_HELPER(sadalp)
{
    do_addlp(env, desc, true, true);
}

SIMD_HELPER(uadalp)
{
    do_addlp(env, desc, false, true);
}

/*
 * ---- XTN, SQXTUN, SQXTN, UQXTN (C7.2.403, C7.2.285, C7.2.284, C7.2.359) ----
 * The elements of Vn, of twice the size (a.size + 1), narrowed to
 * a.size: into the lower half of Vd (Q = 0, the
 * upper half zeroed), or its upper half (the "2" forms, Q = 1, the lower
 * half kept). The scalar forms narrow one element and zero the rest.
 */
static void do_narrow(CPUARMState *env, uint32_t desc, bool src_signed, Finish how)
{
    SimdArgs a = simd_args(desc);
    ARMVReg n = env->vregs[a.rn], out = { { 0, 0 } };
    unsigned count = a.scalar ? 1 : 8u >> a.size;
    unsigned first = 0;

    if (a.q && !a.scalar) {
        out.d[0] = env->vregs[a.rd].d[0];
        first = count;
    }
    for (unsigned i = 0; i < count; i++) {
        Wide x = elem(&n, i, a.size + 1, src_signed);

        set_elem(&out, first + i, a.size, finish(env, x, a.bits, how));
    }
    env->vregs[a.rd] = out;
}

SIMD_HELPER(xtn)
{
    do_narrow(env, desc, false, WRAP);
}

SIMD_HELPER(sqxtun)
{
    do_narrow(env, desc, true, SAT_U);
}

SIMD_HELPER(sqxtn)
{
    do_narrow(env, desc, true, SAT_S);
}

SIMD_HELPER(uqxtn)
{
    do_narrow(env, desc, false, SAT_U);
}

/* SHLL/SHLL2 (C7.2.249): the lower (Q: upper) half's elements widened, shifted by their width. */
SIMD_HELPER(shll)
{
    SimdArgs a = simd_args(desc);
    ARMVReg n = env->vregs[a.rn], out = { { 0, 0 } };
    unsigned count = 8u >> a.size, first = a.q ? count : 0;

    for (unsigned i = 0; i < count; i++) {
        set_elem(&out, i, a.size + 1, (uint64_t)elem(&n, first + i, a.size, false) << a.bits);
    }
    env->vregs[a.rd] = out;
}

/* ---- Across lanes (C4.1.96.4): one scalar from every lane of Vn ---- */

static ALWAYS_INLINE void do_reduce(CPUARMState *env, uint32_t desc, bool is_signed,
                                    unsigned result_size, PairOp *op)
{
    SimdArgs a = simd_args(desc);
    const ARMVReg *n = &env->vregs[a.rn];
    ARMVReg out = { { 0, 0 } };
    Wide acc = elem(n, 0, a.size, is_signed);

    for (unsigned i = 1; i < a.nelem; i++) {
        acc = op(acc, elem(n, i, a.size, is_signed));
    }
    set_elem(&out, 0, result_size, (uint64_t)acc);
    env->vregs[a.rd] = out;
}

SIMD_HELPER(addv)
{
    do_reduce(env, desc, false, extract32(desc, 15, 2), pair_add);
}

SIMD_HELPER(saddlv)
{
    do_reduce(env, desc, true, extract32(desc, 15, 2) + 1, pair_add);
}

SIMD_HELPER(uaddlv)
{
    do_reduce(env, desc, false, extract32(desc, 15, 2) + 1, pair_add);
}

SIMD_HELPER(smaxv)
{
    do_reduce(env, desc, true, extract32(desc, 15, 2), pair_max);
}

SIMD_HELPER(umaxv)
{
    do_reduce(env, desc, false, extract32(desc, 15, 2), pair_max);
}

SIMD_HELPER(sminv)
{
    do_reduce(env, desc, true, extract32(desc, 15, 2), pair_min);
}

SIMD_HELPER(uminv)
{
    do_reduce(env, desc, false, extract32(desc, 15, 2), pair_min);
}
