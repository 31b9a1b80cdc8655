/*
 * IEEE 754 arithmetic on unpacked parts: add, multiply, divide, square
 * root and fused multiply-add (IEEE 754-2008 5.4.1, 6.1-6.3, 7.2).
 *
 * Each function sorts out NaNs, infinities and zeros by class, then
 * computes the exact result of two finite non-zero operands as a
 * significand wide enough that the rounding decision is exact: sums and
 * products are formed in 128 bits (a binary64 product has 106 significant
 * bits; aligning an addend loses only bits below the round position, which
 * are ORed into a sticky bit), quotients and roots with a remainder test.
 * float_round_pack() then rounds once.
 *
 * The invariant that keeps the sticky trick exact: the low bits of every
 * unpacked significand are zero (at least 11 of 64), so an operand shifted
 * right by one for headroom loses nothing, and the subtraction of a
 * jammed (sticky) operand never borrows into the kept bits.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "fpu/softfloat-internal.h"

#include <math.h>

/* A finite non-zero value = (frac / 2^127) * 2^exp, bit 127 of frac set. */
typedef struct WideParts {
    uint128_t frac;
    int32_t exp;
    bool sign;
} WideParts;

static uint128_t shift_right_sticky128(uint128_t x, int n)
{
    if (n <= 0) {
        return x;
    }
    if (n >= 128) {
        return x != 0;
    }
    return (x >> n) | ((x << (128 - n)) != 0);
}

static int clz128(uint128_t x)
{
    uint64_t hi = x >> 64;

    return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)x);
}

static WideParts widen(FloatParts p)
{
    return (WideParts) { (uint128_t)p.frac << 64, p.exp, p.sign };
}

/* Folds the low 64 bits into the sticky bit. */
static FloatParts narrow(WideParts w)
{
    return (FloatParts) {
        .cls = FLOAT_CLASS_NORMAL,
        .sign = w.sign,
        .exp = w.exp,
        .frac = (uint64_t)(w.frac >> 64) | ((uint64_t)w.frac != 0),
    };
}

static FloatParts zero_parts(bool sign)
{
    return (FloatParts) { .cls = FLOAT_CLASS_ZERO, .sign = sign };
}

static FloatParts inf_parts(bool sign)
{
    return (FloatParts) { .cls = FLOAT_CLASS_INF, .sign = sign };
}

/* IEEE 6.3: an exact zero sum is +0, or -0 when rounding toward -inf. */
static bool zero_sum_sign(bool sa, bool sb, const FloatStatus *s)
{
    if (sa == sb) {
        return sa;
    }
    return s->rounding_mode == FLOAT_ROUND_DOWN;
}

/* a + b for finite non-zero a, b. */
static FloatParts wide_add(WideParts a, WideParts b, const FloatStatus *s)
{
    uint128_t fa, fb, sum;
    int d, k;

    if (a.exp < b.exp || (a.exp == b.exp && a.frac < b.frac)) {
        WideParts t = a;
        a = b;
        b = t;
    }
    d = a.exp - b.exp;
    /* One bit of headroom: value = frac / 2^127 * 2^(exp + 1). */
    fa = a.frac >> 1;
    fb = shift_right_sticky128(b.frac, d + 1);
    if (a.sign == b.sign) {
        sum = fa + fb;
    } else {
        sum = fa - fb;
        if (sum == 0) {
            return zero_parts(zero_sum_sign(a.sign, b.sign, s));
        }
    }
    k = clz128(sum);
    return narrow((WideParts) { sum << k, a.exp + 1 - k, a.sign });
}

FloatParts parts_add(FloatParts a, FloatParts b, bool subtract, FloatStatus *s)
{
    if (parts_is_nan(a) || parts_is_nan(b)) {
        return parts_propagate_nan2(a, b, s);
    }
    b.sign ^= subtract;
    if (a.cls == FLOAT_CLASS_INF) {
        if (b.cls == FLOAT_CLASS_INF && a.sign != b.sign) {
            return parts_invalid(s);
        }
        return a;
    }
    if (b.cls == FLOAT_CLASS_INF) {
        return b;
    }
    if (a.cls == FLOAT_CLASS_ZERO) {
        if (b.cls == FLOAT_CLASS_ZERO) {
            return zero_parts(zero_sum_sign(a.sign, b.sign, s));
        }
        return b;
    }
    if (b.cls == FLOAT_CLASS_ZERO) {
        return a;
    }
    return wide_add(widen(a), widen(b), s);
}

/* The exact product of finite non-zero a, b. */
static WideParts wide_mul(FloatParts a, FloatParts b)
{
    uint128_t prod = (uint128_t)a.frac * b.frac;   /* in [2^126, 2^128) */
    WideParts w = { prod, a.exp + b.exp + 1, a.sign ^ b.sign };

    if (!(prod >> 127)) {
        w.frac <<= 1;
        w.exp--;
    }
    return w;
}

FloatParts parts_mul(FloatParts a, FloatParts b, FloatStatus *s)
{
    bool sign = a.sign ^ b.sign;

    if (parts_is_nan(a) || parts_is_nan(b)) {
        return parts_propagate_nan2(a, b, s);
    }
    if (a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_INF) {
        if (a.cls == FLOAT_CLASS_ZERO || b.cls == FLOAT_CLASS_ZERO) {
            return parts_invalid(s);
        }
        return inf_parts(sign);
    }
    if (a.cls == FLOAT_CLASS_ZERO || b.cls == FLOAT_CLASS_ZERO) {
        return zero_parts(sign);
    }
    return narrow(wide_mul(a, b));
}

FloatParts parts_div(FloatParts a, FloatParts b, FloatStatus *s)
{
    bool sign = a.sign ^ b.sign;
    uint128_t num;
    uint64_t q;
    FloatParts r;

    if (parts_is_nan(a) || parts_is_nan(b)) {
        return parts_propagate_nan2(a, b, s);
    }
    if (a.cls == b.cls &&
        (a.cls == FLOAT_CLASS_INF || a.cls == FLOAT_CLASS_ZERO)) {
        return parts_invalid(s);
    }
    if (a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_ZERO) {
        if (b.cls == FLOAT_CLASS_ZERO && a.cls == FLOAT_CLASS_NORMAL) {
            float_raise(s, FLOAT_FLAG_DIVBYZERO);
        }
        return inf_parts(sign);
    }
    if (a.cls == FLOAT_CLASS_ZERO || b.cls == FLOAT_CLASS_INF) {
        return zero_parts(sign);
    }
    /* The quotient of the significands lies in (1/2, 2): scale it to [2^63, 2^64). */
    r = (FloatParts) { .cls = FLOAT_CLASS_NORMAL, .sign = sign, .exp = a.exp - b.exp };
    if (a.frac >= b.frac) {
        num = (uint128_t)a.frac << 63;
    } else {
        num = (uint128_t)a.frac << 64;
        r.exp--;
    }
    q = num / b.frac;
    r.frac = q | (num - (uint128_t)q * b.frac != 0);
    return r;
}

/* floor(sqrt(x)) for x < 2^128. */
static uint64_t isqrt128(uint128_t x)
{
    double estimate = sqrt((double)x);
    uint128_t r = estimate >= 0x1p64 ? UINT64_MAX : (uint64_t)estimate;

    /* A double estimate is within 2^12 of the root: one Newton step, then fix up. */
    if (r != 0) {
        r = (r + x / r) / 2;
    }
    if (r > UINT64_MAX) {
        r = UINT64_MAX;
    }
    while (r * r > x) {
        r--;
    }
    while (r < UINT64_MAX && (r + 1) * (r + 1) <= x) {
        r++;
    }
    return r;
}

FloatParts parts_sqrt(FloatParts a, FloatStatus *s)
{
    uint128_t x;
    uint64_t root;
    int32_t odd;

    if (parts_is_nan(a)) {
        return parts_propagate_nan1(a, s);
    }
    if (a.cls == FLOAT_CLASS_ZERO) {
        return a;                   /* sqrt(-0) = -0 (IEEE 6.3) */
    }
    if (a.sign) {
        return parts_invalid(s);
    }
    if (a.cls == FLOAT_CLASS_INF) {
        return a;
    }
    /*
     * value = frac/2^63 * 2^exp; with exp = 2k + odd,
     * sqrt(value) = sqrt(frac * 2^(63 + odd)) / 2^63 * 2^k, a root in [2^63, 2^64).
     */
    odd = a.exp & 1;
    x = (uint128_t)a.frac << (63 + odd);
    root = isqrt128(x);
    return (FloatParts) {
        .cls = FLOAT_CLASS_NORMAL,
        .exp = (a.exp - odd) / 2,
        .frac = root | ((uint128_t)root * root != x),
    };
}

FloatParts parts_muladd(FloatParts a, FloatParts b, FloatParts c,
                        int negate_flags, FloatStatus *s)
{
    bool product_inf, product_zero, psign;
    FloatParts r;

    if (parts_is_nan(a) || parts_is_nan(b) || parts_is_nan(c)) {
        bool inf_times_zero =
            (a.cls == FLOAT_CLASS_INF && b.cls == FLOAT_CLASS_ZERO) ||
            (a.cls == FLOAT_CLASS_ZERO && b.cls == FLOAT_CLASS_INF);
        /*
         * ARM ARM FPMulAdd: 0 * inf with a quiet NaN addend is an invalid
         * operation giving the default NaN. x86 (checked against the host's
         * VFMADD) returns the quiet NaN addend and raises nothing.
         */
        if (inf_times_zero && c.cls == FLOAT_CLASS_QNAN &&
            s->nan_rule == FLOAT_NAN_ARM) {
            return parts_invalid(s);
        }
        return parts_propagate_nan3(a, b, c, s);
    }
    psign = a.sign ^ b.sign ^ !!(negate_flags & FLOAT_MULADD_NEGATE_PRODUCT);
    c.sign ^= !!(negate_flags & FLOAT_MULADD_NEGATE_C);
    product_inf = a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_INF;
    product_zero = a.cls == FLOAT_CLASS_ZERO || b.cls == FLOAT_CLASS_ZERO;

    if (product_inf && product_zero) {
        return parts_invalid(s);
    }
    if (product_inf) {
        if (c.cls == FLOAT_CLASS_INF && c.sign != psign) {
            return parts_invalid(s);
        }
        r = inf_parts(psign);
    } else if (c.cls == FLOAT_CLASS_INF) {
        r = c;
    } else if (product_zero) {
        if (c.cls == FLOAT_CLASS_ZERO) {
            r = zero_parts(zero_sum_sign(psign, c.sign, s));
        } else {
            r = c;
        }
    } else {
        WideParts p = wide_mul(a, b);

        p.sign = psign;
        if (c.cls == FLOAT_CLASS_ZERO) {
            r = narrow(p);
        } else {
            r = wide_add(p, widen(c), s);
        }
    }
    /* The rounding applies to the negated value (matters in directed modes). */
    r.sign ^= !!(negate_flags & FLOAT_MULADD_NEGATE_RESULT);
    return r;
}
