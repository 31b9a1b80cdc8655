/*
 * IEEE 754 arithmetic in software: the core every operation goes through.
 *
 * This file holds the per-target status initialisers, the format
 * descriptions, unpacking (with input flushing), NaN selection (the
 * targets' rules) and float_round_pack(), the single rounding routine.
 * See softfloat-internal.h for the representation and docs/devel/fpu.md
 * for the design.
 *
 * Rounding (IEEE 754-2008 4.3, 7.4, 7.5): a finite result arrives as a
 * 64-bit significand whose bits below the format's last place are exact
 * except bit 0, which is sticky. The exponent range is unbounded until
 * here. Underflow is "tiny and inexact" (7.5); tiny is decided before or
 * after rounding as the target says. Flush-to-zero replaces a tiny result
 * with a signed zero; the flags it raises differ by architecture:
 *   ARM (tiny before rounding): UNDERFLOW only ("FPSR.UFC = 1", ARM ARM
 *     shared pseudocode FPRoundBase; IXC is not set);
 *   x86 (tiny after rounding): UNDERFLOW and INEXACT (Intel SDM vol. 1
 *     10.2.3.3 "Flush-To-Zero").
 * We key the flag choice on tininess_before_rounding, which separates the
 * two families of targets we emulate.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "fpu/softfloat-internal.h"

const FloatFmt float16_fmt = { 5, 10, 15, 31, false };
const FloatFmt float16_ahp_fmt = { 5, 10, 15, 31, true };
const FloatFmt float32_fmt = { 8, 23, 127, 255, false };
const FloatFmt float64_fmt = { 11, 52, 1023, 2047, false };

void float_status_init_arm(FloatStatus *s)
{
    *s = (FloatStatus) {
        .rounding_mode = FLOAT_ROUND_NEAREST_EVEN,
        .tininess_before_rounding = true,
        .nan_rule = FLOAT_NAN_ARM,
    };
}

void float_status_init_x86_sse(FloatStatus *s)
{
    *s = (FloatStatus) {
        .rounding_mode = FLOAT_ROUND_NEAREST_EVEN,
        .default_nan_negative = true,
        .nan_rule = FLOAT_NAN_X86_SSE,
    };
}

FloatParts float_unpack(uint64_t bits, const FloatFmt *fmt, FloatStatus *s)
{
    const int fb = fmt->frac_bits;
    int32_t e = (bits >> fb) & ((1u << fmt->exp_bits) - 1);
    uint64_t f = bits & ((UINT64_C(1) << fb) - 1);
    FloatParts p = {
        .sign = (bits >> (fmt->exp_bits + fb)) & 1,
        .cls = FLOAT_CLASS_NORMAL,
    };

    if (e == fmt->exp_max && !fmt->ahp) {
        if (f == 0) {
            p.cls = FLOAT_CLASS_INF;
        } else {
            p.cls = (f >> (fb - 1)) & 1 ? FLOAT_CLASS_QNAN : FLOAT_CLASS_SNAN;
            p.frac = f << (64 - fb);
        }
    } else if (e == 0) {
        if (f == 0) {
            p.cls = FLOAT_CLASS_ZERO;
        } else if (s->flush_inputs_to_zero) {
            p.cls = FLOAT_CLASS_ZERO;
            float_raise(s, FLOAT_FLAG_INPUT_DENORMAL);
        } else {
            /* value = f * 2^(1 - bias - fb), normalised to bit 63 */
            int k = __builtin_clzll(f);
            p.frac = f << k;
            p.exp = 64 - fmt->exp_bias - fb - k;
        }
    } else {
        p.frac = (f | UINT64_C(1) << fb) << (63 - fb);
        p.exp = e - fmt->exp_bias;
    }
    return p;
}

uint64_t float_default_nan_bits(const FloatFmt *fmt, const FloatStatus *s)
{
    const int fb = fmt->frac_bits;
    return (uint64_t)s->default_nan_negative << (fmt->exp_bits + fb)
           | (uint64_t)fmt->exp_max << fb
           | UINT64_C(1) << (fb - 1);
}

/* Overflow (IEEE 7.4): infinity or the largest finite value, by mode. */
static uint64_t pack_overflow(bool sign, const FloatFmt *fmt, FloatStatus *s)
{
    const int fb = fmt->frac_bits;
    uint64_t sign_bit = (uint64_t)sign << (fmt->exp_bits + fb);
    uint64_t inf = (uint64_t)fmt->exp_max << fb;
    bool to_inf;

    if (fmt->ahp) {
        /* ARM ARM FPRoundBase: AHP overflow is InvalidOp, max, no inexact. */
        float_raise(s, FLOAT_FLAG_INVALID);
        return sign_bit | inf | ((UINT64_C(1) << fb) - 1);
    }
    float_raise(s, FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT);
    switch (s->rounding_mode) {
    case FLOAT_ROUND_NEAREST_EVEN:
    case FLOAT_ROUND_TIES_AWAY:
        to_inf = true;
        break;
    case FLOAT_ROUND_UP:
        to_inf = !sign;
        break;
    case FLOAT_ROUND_DOWN:
        to_inf = sign;
        break;
    default:                        /* TO_ZERO, TO_ODD (the max is odd) */
        to_inf = false;
        break;
    }
    return sign_bit | (to_inf ? inf : inf - 1);
}

/*
 * Rounds frac at bit 'shift' (the result's last place) in the status's
 * mode: returns the kept bits, rounded; *inexact says whether any
 * discarded bit was set.
 */
static uint64_t round_frac(uint64_t frac, int shift, bool sign,
                           FloatRoundMode mode, bool *inexact)
{
    uint64_t lsb = UINT64_C(1) << shift;
    uint64_t rem = frac & (lsb - 1);
    uint64_t half = lsb >> 1;
    uint64_t m = frac >> shift;
    int half_cmp = rem > half ? 1 : rem == half ? 0 : -1;

    *inexact = rem != 0;
    m += round_increments(mode, sign, m & 1, half_cmp, rem != 0);
    if (mode == FLOAT_ROUND_TO_ODD && rem) {
        m |= 1;
    }
    return m;
}

uint64_t float_round_pack(FloatParts p, const FloatFmt *fmt, FloatStatus *s)
{
    const int fb = fmt->frac_bits;
    const int shift = 63 - fb;
    const FloatRoundMode mode = s->rounding_mode;
    uint64_t sign_bit = (uint64_t)p.sign << (fmt->exp_bits + fb);
    int32_t e;
    uint64_t m;
    bool tiny = false, inexact;

    switch (p.cls) {
    case FLOAT_CLASS_ZERO:
        return sign_bit;
    case FLOAT_CLASS_INF:
        assert(!fmt->ahp);
        return sign_bit | (uint64_t)fmt->exp_max << fb;
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        assert(!fmt->ahp);
        if (s->default_nan_mode) {
            return float_default_nan_bits(fmt, s);
        }
        return sign_bit | (uint64_t)fmt->exp_max << fb | (p.frac >> (64 - fb));
    default:
        break;
    }

    /* Biased exponent of the unrounded value; clamp so it cannot wrap. */
    e = p.exp < -100000 ? -100000 : p.exp > 100000 ? 100000 : p.exp;
    e += fmt->exp_bias;
    if (e < 1) {
        if (s->tininess_before_rounding) {
            tiny = true;
        } else if (e < 0) {
            tiny = true;
        } else {
            /* Would rounding to full precision reach 2^emin? */
            uint64_t r = round_frac(p.frac, shift, p.sign, mode, &inexact);
            tiny = !(r >> (fb + 1));
        }
        if (s->flush_to_zero && tiny) {
            float_raise(s, s->tininess_before_rounding ? FLOAT_FLAG_UNDERFLOW
                        : FLOAT_FLAG_UNDERFLOW | FLOAT_FLAG_INEXACT);
            return sign_bit;
        }
        /* Denormalise: the last place becomes that of the denormals. */
        m = round_frac(shift_right_sticky64(p.frac, 1 - e), shift, p.sign,
                       mode, &inexact);
        e = 1;      /* m <= 2^fb: 2^fb packs as the smallest normal */
    } else {
        m = round_frac(p.frac, shift, p.sign, mode, &inexact);
        if (m >> (fb + 1)) {
            m >>= 1;        /* rounded up to the next binade */
            e++;
        }
        if (fmt->ahp ? e > fmt->exp_max : e >= fmt->exp_max) {
            return pack_overflow(p.sign, fmt, s);
        }
    }
    if (inexact) {
        float_raise(s, tiny ? FLOAT_FLAG_INEXACT | FLOAT_FLAG_UNDERFLOW
                    : FLOAT_FLAG_INEXACT);
    }
    /* m carries the implicit one (if any) into the exponent field. */
    return sign_bit | (((uint64_t)(e - 1) << fb) + m);
}

FloatParts parts_default_nan(const FloatStatus *s)
{
    return (FloatParts) {
        .cls = FLOAT_CLASS_QNAN,
        .sign = s->default_nan_negative,
        .frac = UINT64_C(1) << 63,
    };
}

FloatParts parts_invalid(FloatStatus *s)
{
    float_raise(s, FLOAT_FLAG_INVALID);
    return parts_default_nan(s);
}

FloatParts parts_propagate_nan1(FloatParts a, FloatStatus *s)
{
    if (a.cls == FLOAT_CLASS_SNAN) {
        float_raise(s, FLOAT_FLAG_INVALID);
    }
    a.cls = FLOAT_CLASS_QNAN;
    a.frac |= UINT64_C(1) << 63;
    return a;
}

/*
 * ops[] in the target's priority order. ARM ARM FPProcessNaNs/
 * FPProcessNaNs3: the first signalling NaN, else the first quiet NaN.
 * x86 (Intel SDM vol. 1 table 4-7, SSE column): the first NaN operand.
 * Either way any signalling NaN raises INVALID.
 */
static FloatParts pick_nan(const FloatParts *ops, int n, FloatStatus *s)
{
    int chosen = -1;

    for (int i = 0; i < n; i++) {
        if (ops[i].cls == FLOAT_CLASS_SNAN) {
            float_raise(s, FLOAT_FLAG_INVALID);
            if (chosen < 0 && s->nan_rule == FLOAT_NAN_ARM) {
                chosen = i;
            }
        }
    }
    for (int i = 0; i < n && chosen < 0; i++) {
        if (parts_is_nan(ops[i])) {
            chosen = i;
        }
    }
    assert(chosen >= 0);
    return parts_propagate_nan1(ops[chosen], s);
}

FloatParts parts_propagate_nan2(FloatParts a, FloatParts b, FloatStatus *s)
{
    FloatParts ops[2] = { a, b };

    return pick_nan(ops, 2, s);
}

FloatParts parts_propagate_nan3(FloatParts a, FloatParts b, FloatParts c,
                                FloatStatus *s)
{
    if (s->nan_rule == FLOAT_NAN_ARM) {
        /* ARM ARM FPMulAdd: FPProcessNaNs3(typeA, type1, type2): addend first. */
        FloatParts ops[3] = { c, a, b };
        return pick_nan(ops, 3, s);
    } else {
        FloatParts ops[3] = { a, b, c };
        return pick_nan(ops, 3, s);
    }
}
