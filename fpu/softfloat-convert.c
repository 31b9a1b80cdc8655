/*
 * Conversions: float <-> integer (with a fixed-point scale) and between
 * the float formats, including ARM's alternative half precision (AHP).
 *
 * Float to integer follows ARM (ARM ARM shared pseudocode FPToFixed):
 * the value times 2^scale is rounded in the given mode; a NaN gives 0, an
 * out-of-range value the nearest representable integer, both with INVALID
 * and nothing else; an in-range inexact result raises INEXACT. x86 callers
 * substitute their "integer indefinite" when INVALID is raised.
 *
 * Integer to float rounds v * 2^-scale in the status's mode through the
 * rounding core, so flushing and every flag apply as for arithmetic.
 *
 * Between formats (ARM ARM FPConvert): a NaN keeps its sign and the top
 * bits of its payload and is quietened (INVALID if it was signalling); the
 * default-NaN mode replaces it. AHP has no infinity or NaN: converting a
 * NaN to AHP gives a signed zero and an infinity the largest magnitude
 * (sign:0x7fff), both with INVALID; AHP overflow in rounding is handled by
 * the core (INVALID, largest magnitude, no INEXACT). Reading AHP treats
 * exponent 31 as a normal exponent.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "fpu/softfloat-internal.h"

/* Scales beyond this saturate or vanish anyway; clamping keeps exp sane. */
static int clamp_scale(int scale)
{
    return scale < -4096 ? -4096 : scale > 4096 ? 4096 : scale;
}

static int64_t to_sint(uint64_t a, const FloatFmt *f, FloatRoundMode mode,
                       int scale, int64_t min, int64_t max, FloatStatus *s)
{
    FloatParts p = float_unpack(a, f, s);
    uint64_t m;
    bool inexact;

    switch (p.cls) {
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        float_raise(s, FLOAT_FLAG_INVALID);
        return 0;
    case FLOAT_CLASS_INF:
        float_raise(s, FLOAT_FLAG_INVALID);
        return p.sign ? min : max;
    case FLOAT_CLASS_ZERO:
        return 0;
    default:
        break;
    }
    p.exp += clamp_scale(scale);
    if (!parts_round_to_uint64(p, mode, &m, &inexact) ||
        m > (p.sign ? (uint64_t)-(min + 1) + 1 : (uint64_t)max)) {
        float_raise(s, FLOAT_FLAG_INVALID);
        return p.sign ? min : max;
    }
    if (inexact) {
        float_raise(s, FLOAT_FLAG_INEXACT);
    }
    return p.sign ? (int64_t)(0 - m) : (int64_t)m;
}

static uint64_t to_uint(uint64_t a, const FloatFmt *f, FloatRoundMode mode,
                        int scale, uint64_t max, FloatStatus *s)
{
    FloatParts p = float_unpack(a, f, s);
    uint64_t m;
    bool inexact;

    switch (p.cls) {
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        float_raise(s, FLOAT_FLAG_INVALID);
        return 0;
    case FLOAT_CLASS_INF:
        float_raise(s, FLOAT_FLAG_INVALID);
        return p.sign ? 0 : max;
    case FLOAT_CLASS_ZERO:
        return 0;
    default:
        break;
    }
    p.exp += clamp_scale(scale);
    if (!parts_round_to_uint64(p, mode, &m, &inexact) || m > max) {
        float_raise(s, FLOAT_FLAG_INVALID);
        return p.sign ? 0 : max;
    }
    if (p.sign && m != 0) {
        /* A negative value that does not round to zero. */
        float_raise(s, FLOAT_FLAG_INVALID);
        return 0;
    }
    if (inexact) {
        float_raise(s, FLOAT_FLAG_INEXACT);
    }
    return m;
}

static uint64_t from_int(bool sign, uint64_t mag, int scale, const FloatFmt *f,
                         FloatStatus *s)
{
    FloatParts p = { .cls = FLOAT_CLASS_ZERO };

    if (mag != 0) {
        int k = __builtin_clzll(mag);
        p = (FloatParts) {
            .cls = FLOAT_CLASS_NORMAL,
            .sign = sign,
            .exp = 63 - k - clamp_scale(scale),
            .frac = mag << k,
        };
    }
    return float_round_pack(p, f, s);
}

static uint64_t from_sint(int64_t v, int scale, const FloatFmt *f, FloatStatus *s)
{
    return from_int(v < 0, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, scale, f, s);
}

static uint64_t convert(uint64_t a, const FloatFmt *from, const FloatFmt *to,
                        FloatStatus *s)
{
    FloatParts p = float_unpack(a, from, s);
    uint64_t sign_bit = (uint64_t)p.sign << (to->exp_bits + to->frac_bits);

    if (parts_is_nan(p)) {
        if (to->ahp) {
            float_raise(s, FLOAT_FLAG_INVALID);
            return sign_bit;
        }
        p = parts_propagate_nan1(p, s);
    } else if (p.cls == FLOAT_CLASS_INF && to->ahp) {
        float_raise(s, FLOAT_FLAG_INVALID);
        return sign_bit | ((UINT64_C(1) << (to->exp_bits + to->frac_bits)) - 1);
    }
    return float_round_pack(p, to, s);
}

static const FloatFmt *half_fmt(bool ieee)
{
    return ieee ? &float16_fmt : &float16_ahp_fmt;
}

/* ---- between formats ---- */

float32 float16_to_float32(float16 a, bool ieee, FloatStatus *s)
{
    return convert(a, half_fmt(ieee), &float32_fmt, s);
}

float64 float16_to_float64(float16 a, bool ieee, FloatStatus *s)
{
    return convert(a, half_fmt(ieee), &float64_fmt, s);
}

float16 float32_to_float16(float32 a, bool ieee, FloatStatus *s)
{
    return convert(a, &float32_fmt, half_fmt(ieee), s);
}

float16 float64_to_float16(float64 a, bool ieee, FloatStatus *s)
{
    return convert(a, &float64_fmt, half_fmt(ieee), s);
}

float64 float32_to_float64(float32 a, FloatStatus *s)
{
    return convert(a, &float32_fmt, &float64_fmt, s);
}

float32 float64_to_float32(float64 a, FloatStatus *s)
{
    return convert(a, &float64_fmt, &float32_fmt, s);
}

/* ---- float16 <-> integers ---- */

int32_t float16_to_int32_scalbn(float16 a, FloatRoundMode mode, int scale,
                                FloatStatus *s)
{
    return to_sint(a, &float16_fmt, mode, scale, INT32_MIN, INT32_MAX, s);
}

int64_t float16_to_int64_scalbn(float16 a, FloatRoundMode mode, int scale,
                                FloatStatus *s)
{
    return to_sint(a, &float16_fmt, mode, scale, INT64_MIN, INT64_MAX, s);
}

uint32_t float16_to_uint32_scalbn(float16 a, FloatRoundMode mode, int scale,
                                  FloatStatus *s)
{
    return to_uint(a, &float16_fmt, mode, scale, UINT32_MAX, s);
}

uint64_t float16_to_uint64_scalbn(float16 a, FloatRoundMode mode, int scale,
                                  FloatStatus *s)
{
    return to_uint(a, &float16_fmt, mode, scale, UINT64_MAX, s);
}

float16 int32_to_float16_scalbn(int32_t v, int scale, FloatStatus *s)
{
    return from_sint(v, scale, &float16_fmt, s);
}

float16 int64_to_float16_scalbn(int64_t v, int scale, FloatStatus *s)
{
    return from_sint(v, scale, &float16_fmt, s);
}

float16 uint32_to_float16_scalbn(uint32_t v, int scale, FloatStatus *s)
{
    return from_int(false, v, scale, &float16_fmt, s);
}

float16 uint64_to_float16_scalbn(uint64_t v, int scale, FloatStatus *s)
{
    return from_int(false, v, scale, &float16_fmt, s);
}

/* ---- float32 <-> integers ---- */

int32_t float32_to_int32_scalbn(float32 a, FloatRoundMode mode, int scale,
                                FloatStatus *s)
{
    return to_sint(a, &float32_fmt, mode, scale, INT32_MIN, INT32_MAX, s);
}

int64_t float32_to_int64_scalbn(float32 a, FloatRoundMode mode, int scale,
                                FloatStatus *s)
{
    return to_sint(a, &float32_fmt, mode, scale, INT64_MIN, INT64_MAX, s);
}

uint32_t float32_to_uint32_scalbn(float32 a, FloatRoundMode mode, int scale,
                                  FloatStatus *s)
{
    return to_uint(a, &float32_fmt, mode, scale, UINT32_MAX, s);
}

uint64_t float32_to_uint64_scalbn(float32 a, FloatRoundMode mode, int scale,
                                  FloatStatus *s)
{
    return to_uint(a, &float32_fmt, mode, scale, UINT64_MAX, s);
}

float32 int32_to_float32_scalbn(int32_t v, int scale, FloatStatus *s)
{
    return from_sint(v, scale, &float32_fmt, s);
}

float32 int64_to_float32_scalbn(int64_t v, int scale, FloatStatus *s)
{
    return from_sint(v, scale, &float32_fmt, s);
}

float32 uint32_to_float32_scalbn(uint32_t v, int scale, FloatStatus *s)
{
    return from_int(false, v, scale, &float32_fmt, s);
}

float32 uint64_to_float32_scalbn(uint64_t v, int scale, FloatStatus *s)
{
    return from_int(false, v, scale, &float32_fmt, s);
}

/* ---- float64 <-> integers ---- */

int32_t float64_to_int32_scalbn(float64 a, FloatRoundMode mode, int scale,
                                FloatStatus *s)
{
    return to_sint(a, &float64_fmt, mode, scale, INT32_MIN, INT32_MAX, s);
}

int64_t float64_to_int64_scalbn(float64 a, FloatRoundMode mode, int scale,
                                FloatStatus *s)
{
    return to_sint(a, &float64_fmt, mode, scale, INT64_MIN, INT64_MAX, s);
}

uint32_t float64_to_uint32_scalbn(float64 a, FloatRoundMode mode, int scale,
                                  FloatStatus *s)
{
    return to_uint(a, &float64_fmt, mode, scale, UINT32_MAX, s);
}

uint64_t float64_to_uint64_scalbn(float64 a, FloatRoundMode mode, int scale,
                                  FloatStatus *s)
{
    return to_uint(a, &float64_fmt, mode, scale, UINT64_MAX, s);
}

float64 int32_to_float64_scalbn(int32_t v, int scale, FloatStatus *s)
{
    return from_sint(v, scale, &float64_fmt, s);
}

float64 int64_to_float64_scalbn(int64_t v, int scale, FloatStatus *s)
{
    return from_sint(v, scale, &float64_fmt, s);
}

float64 uint32_to_float64_scalbn(uint32_t v, int scale, FloatStatus *s)
{
    return from_int(false, v, scale, &float64_fmt, s);
}

float64 uint64_to_float64_scalbn(uint64_t v, int scale, FloatStatus *s)
{
    return from_int(false, v, scale, &float64_fmt, s);
}
