/*
 * Comparisons, minimum/maximum and rounding to an integral value, on
 * unpacked parts (IEEE 754-2008 5.3.1, 5.11, 5.3.1 roundToIntegral*).
 *
 * min/max follow the ARM ARM shared pseudocode: FPMin/FPMax propagate NaNs
 * like any arithmetic operation (FPProcessNaNs); FPMinNum/FPMaxNum first
 * replace a quiet NaN facing a non-NaN by the number (IEEE 754-2008
 * minNum/maxNum). -0 is smaller than +0 in all four. The chosen value goes
 * through the rounding core like every result (ARM: FPRound), which only
 * matters for flush-to-zero.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "fpu/softfloat-internal.h"

/* Compares |a| and |b| of non-NaN parts: -1, 0, 1. */
static int compare_magnitude(FloatParts a, FloatParts b)
{
    if (a.cls != b.cls) {
        /* ZERO < NORMAL < INF, in enum order */
        return a.cls < b.cls ? -1 : 1;
    }
    if (a.cls != FLOAT_CLASS_NORMAL) {
        return 0;
    }
    if (a.exp != b.exp) {
        return a.exp < b.exp ? -1 : 1;
    }
    return a.frac < b.frac ? -1 : a.frac > b.frac;
}

/* -1, 0, 1 for a < b, a == b, a > b; neither is a NaN. */
static int compare_values(FloatParts a, FloatParts b)
{
    int mag;

    if (a.cls == FLOAT_CLASS_ZERO && b.cls == FLOAT_CLASS_ZERO) {
        return 0;
    }
    if (a.sign != b.sign) {
        return a.sign ? -1 : 1;
    }
    mag = compare_magnitude(a, b);
    return a.sign ? -mag : mag;
}

FloatRelation parts_compare(FloatParts a, FloatParts b, bool quiet,
                            FloatStatus *s)
{
    if (parts_is_nan(a) || parts_is_nan(b)) {
        if (!quiet || a.cls == FLOAT_CLASS_SNAN || b.cls == FLOAT_CLASS_SNAN) {
            float_raise(s, FLOAT_FLAG_INVALID);
        }
        return FLOAT_RELATION_UNORDERED;
    }
    return (FloatRelation)compare_values(a, b);
}

FloatParts parts_minmax(FloatParts a, FloatParts b, bool is_min, bool is_num,
                        FloatStatus *s)
{
    int cmp;

    if (is_num) {
        /* ARM ARM FPMinNum/FPMaxNum: a quiet NaN loses to a non-NaN. */
        if (a.cls == FLOAT_CLASS_QNAN && !parts_is_nan(b)) {
            return b;
        }
        if (b.cls == FLOAT_CLASS_QNAN && !parts_is_nan(a)) {
            return a;
        }
    }
    if (parts_is_nan(a) || parts_is_nan(b)) {
        return parts_propagate_nan2(a, b, s);
    }
    if (a.sign != b.sign) {
        /* covers -0 < +0 */
        cmp = a.sign ? -1 : 1;
    } else {
        cmp = compare_values(a, b);
    }
    if (is_min) {
        return cmp <= 0 ? a : b;
    }
    return cmp >= 0 ? a : b;
}

bool parts_round_to_uint64(FloatParts a, FloatRoundMode mode, uint64_t *out,
                           bool *inexact)
{
    uint64_t m, rem, half;
    int half_cmp, shift;

    *inexact = false;
    if (a.cls == FLOAT_CLASS_ZERO) {
        *out = 0;
        return true;
    }
    assert(a.cls == FLOAT_CLASS_NORMAL);
    if (a.exp >= 64) {
        return false;
    }
    if (a.exp == 63) {
        *out = a.frac;
        return true;
    }
    /* The integer part is frac >> (63 - exp). */
    shift = 63 - a.exp;
    if (shift > 64) {
        m = 0;
        half_cmp = -1;              /* |value| < 1/2 */
        rem = 1;
    } else if (shift == 64) {
        m = 0;
        rem = a.frac;
        half_cmp = rem > (UINT64_C(1) << 63) ? 1 : rem == (UINT64_C(1) << 63) ? 0 : -1;
    } else {
        m = a.frac >> shift;
        rem = a.frac & ((UINT64_C(1) << shift) - 1);
        half = UINT64_C(1) << (shift - 1);
        half_cmp = rem > half ? 1 : rem == half ? 0 : -1;
    }
    *inexact = rem != 0;
    /* m < 2^63 here, so the increment cannot wrap. */
    m += round_increments(mode, a.sign, m & 1, half_cmp, rem != 0);
    if (mode == FLOAT_ROUND_TO_ODD && rem) {
        m |= 1;
    }
    *out = m;
    return true;
}

FloatParts parts_round_to_int(FloatParts a, FloatRoundMode mode, bool exact,
                              FloatStatus *s)
{
    uint64_t m;
    bool inexact;
    int k;

    if (parts_is_nan(a)) {
        return parts_propagate_nan1(a, s);
    }
    /* 2^63 and above are integers in every format we support. */
    if (a.cls != FLOAT_CLASS_NORMAL || a.exp >= 63) {
        return a;
    }
    parts_round_to_uint64(a, mode, &m, &inexact);
    if (inexact && exact) {
        float_raise(s, FLOAT_FLAG_INEXACT);
    }
    if (m == 0) {
        /* IEEE 5.9: the sign of a zero result is the operand's. */
        return (FloatParts) { .cls = FLOAT_CLASS_ZERO, .sign = a.sign };
    }
    k = __builtin_clzll(m);
    return (FloatParts) {
        .cls = FLOAT_CLASS_NORMAL,
        .sign = a.sign,
        .exp = 63 - k,
        .frac = m << k,
    };
}
