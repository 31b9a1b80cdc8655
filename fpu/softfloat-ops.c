/*
 * The arithmetic entry points (add, sub, mul, div, sqrt, muladd for
 * float16/32/64), with the host fast path for float32/float64.
 *
 * The fast path. The host's SSE unit computes binary32/binary64 add, sub,
 * mul, div and sqrt correctly rounded, and fma()/fmaf() are correctly
 * rounded too, so in round-to-nearest-even the host gives the same bits as
 * the soft path whenever no NaN, infinity or denormal is involved. The
 * flags are the hard part; we take the host's result only when they are
 * known without asking the host:
 *   - the status rounds to nearest even;
 *   - INEXACT is already set in the status (guests accumulate flags, so
 *     after the first inexact operation this is the common case), so
 *     whether this operation is exact does not matter;
 *   - every operand is normal or zero (no denormal input, so input
 *     flushing cannot apply; no NaN, so no INVALID from a signalling NaN);
 *   - the result is finite and its magnitude is strictly above the smallest
 *     normal: no overflow, no underflow (before or after rounding: a value
 *     that is tiny before rounding can round to at most the smallest
 *     normal), nothing to flush; or it is a zero that is known exact
 *     (x - x, or a zero operand of a product or quotient).
 * Otherwise the soft path recomputes from scratch: nothing of the host's
 * attempt leaks into the status. The host's MXCSR is never touched: it
 * stays at the process default (round to nearest, no FTZ/DAZ), which the
 * conditions above assume.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "fpu/softfloat-internal.h"

#include <math.h>

/* ---- the soft path, one function per operation, any format ---- */

static uint64_t soft_add(uint64_t a, uint64_t b, bool subtract,
                         const FloatFmt *f, FloatStatus *s)
{
    FloatParts pa = float_unpack(a, f, s);
    FloatParts pb = float_unpack(b, f, s);

    return float_round_pack(parts_add(pa, pb, subtract, s), f, s);
}

static uint64_t soft_mul(uint64_t a, uint64_t b, const FloatFmt *f, FloatStatus *s)
{
    FloatParts pa = float_unpack(a, f, s);
    FloatParts pb = float_unpack(b, f, s);

    return float_round_pack(parts_mul(pa, pb, s), f, s);
}

static uint64_t soft_div(uint64_t a, uint64_t b, const FloatFmt *f, FloatStatus *s)
{
    FloatParts pa = float_unpack(a, f, s);
    FloatParts pb = float_unpack(b, f, s);

    return float_round_pack(parts_div(pa, pb, s), f, s);
}

static uint64_t soft_sqrt(uint64_t a, const FloatFmt *f, FloatStatus *s)
{
    return float_round_pack(parts_sqrt(float_unpack(a, f, s), s), f, s);
}

static uint64_t soft_muladd(uint64_t a, uint64_t b, uint64_t c, int negate,
                            const FloatFmt *f, FloatStatus *s)
{
    FloatParts pa = float_unpack(a, f, s);
    FloatParts pb = float_unpack(b, f, s);
    FloatParts pc = float_unpack(c, f, s);

    return float_round_pack(parts_muladd(pa, pb, pc, negate, s), f, s);
}

/* ---- fast-path conditions ---- */

static inline bool fast_status(const FloatStatus *s)
{
    return s->rounding_mode == FLOAT_ROUND_NEAREST_EVEN &&
           (s->flags & FLOAT_FLAG_INEXACT);
}

static inline bool f32_normal_or_zero(float32 a)
{
    uint32_t e = (a >> 23) & 0xff;

    return e - 1 < 0xfe || (uint32_t)(a << 1) == 0;
}

static inline bool f64_normal_or_zero(float64 a)
{
    uint64_t e = (a >> 52) & 0x7ff;

    return e - 1 < 0x7fe || (a << 1) == 0;
}

/* Finite, and larger in magnitude than the smallest normal. */
static inline bool f32_result_safe(float32 r)
{
    uint32_t mag = r & 0x7fffffff;

    return mag > 0x00800000 && mag < 0x7f800000;
}

static inline bool f64_result_safe(float64 r)
{
    uint64_t mag = r & INT64_MAX;

    return mag > UINT64_C(0x0010000000000000) && mag < UINT64_C(0x7ff0000000000000);
}

static inline bool f32_is_zero_bits(float32 a)
{
    return (uint32_t)(a << 1) == 0;
}

static inline bool f64_is_zero_bits(float64 a)
{
    return (a << 1) == 0;
}

static inline float f32_host(float32 a)
{
    float f;

    memcpy(&f, &a, sizeof(f));
    return f;
}

static inline float32 f32_bits(float f)
{
    float32 a;

    memcpy(&a, &f, sizeof(a));
    return a;
}

static inline double f64_host(float64 a)
{
    double d;

    memcpy(&d, &a, sizeof(d));
    return d;
}

static inline float64 f64_bits(double d)
{
    float64 a;

    memcpy(&a, &d, sizeof(a));
    return a;
}

/* ---- float16: soft only ---- */

float16 float16_add(float16 a, float16 b, FloatStatus *s)
{
    return soft_add(a, b, false, &float16_fmt, s);
}

float16 float16_sub(float16 a, float16 b, FloatStatus *s)
{
    return soft_add(a, b, true, &float16_fmt, s);
}

float16 float16_mul(float16 a, float16 b, FloatStatus *s)
{
    return soft_mul(a, b, &float16_fmt, s);
}

float16 float16_div(float16 a, float16 b, FloatStatus *s)
{
    return soft_div(a, b, &float16_fmt, s);
}

float16 float16_sqrt(float16 a, FloatStatus *s)
{
    return soft_sqrt(a, &float16_fmt, s);
}

float16 float16_muladd(float16 a, float16 b, float16 c, int negate_flags,
                       FloatStatus *s)
{
    return soft_muladd(a, b, c, negate_flags, &float16_fmt, s);
}

/* ---- float32 ---- */

float32 float32_add(float32 a, float32 b, FloatStatus *s)
{
    if (fast_status(s) && f32_normal_or_zero(a) && f32_normal_or_zero(b)) {
        float32 r = f32_bits(f32_host(a) + f32_host(b));
        if (f32_result_safe(r) || f32_is_zero_bits(r)) {
            return r;
        }
    }
    return soft_add(a, b, false, &float32_fmt, s);
}

float32 float32_sub(float32 a, float32 b, FloatStatus *s)
{
    if (fast_status(s) && f32_normal_or_zero(a) && f32_normal_or_zero(b)) {
        float32 r = f32_bits(f32_host(a) - f32_host(b));
        if (f32_result_safe(r) || f32_is_zero_bits(r)) {
            return r;
        }
    }
    return soft_add(a, b, true, &float32_fmt, s);
}

float32 float32_mul(float32 a, float32 b, FloatStatus *s)
{
    if (fast_status(s) && f32_normal_or_zero(a) && f32_normal_or_zero(b)) {
        float32 r = f32_bits(f32_host(a) * f32_host(b));
        if (f32_result_safe(r) || f32_is_zero_bits(a) || f32_is_zero_bits(b)) {
            return r;
        }
    }
    return soft_mul(a, b, &float32_fmt, s);
}

float32 float32_div(float32 a, float32 b, FloatStatus *s)
{
    if (fast_status(s) && f32_normal_or_zero(a) && f32_normal_or_zero(b) &&
        !f32_is_zero_bits(b)) {
        float32 r = f32_bits(f32_host(a) / f32_host(b));
        if (f32_result_safe(r) || f32_is_zero_bits(a)) {
            return r;
        }
    }
    return soft_div(a, b, &float32_fmt, s);
}

float32 float32_sqrt(float32 a, FloatStatus *s)
{
    if (fast_status(s) && f32_normal_or_zero(a) &&
        (!(a >> 31) || f32_is_zero_bits(a))) {
        return f32_bits(sqrtf(f32_host(a)));
    }
    return soft_sqrt(a, &float32_fmt, s);
}

float32 float32_muladd(float32 a, float32 b, float32 c, int negate_flags,
                       FloatStatus *s)
{
    if (fast_status(s) && f32_normal_or_zero(a) && f32_normal_or_zero(b) &&
        f32_normal_or_zero(c)) {
        float32 na = a ^ (negate_flags & FLOAT_MULADD_NEGATE_PRODUCT ? 0x80000000u : 0);
        float32 nc = c ^ (negate_flags & FLOAT_MULADD_NEGATE_C ? 0x80000000u : 0);
        float32 r = f32_bits(fmaf(f32_host(na), f32_host(b), f32_host(nc)));
        if (f32_result_safe(r)) {
            /* Round to nearest is symmetric: round(-x) == -round(x). */
            return r ^ (negate_flags & FLOAT_MULADD_NEGATE_RESULT ? 0x80000000u : 0);
        }
    }
    return soft_muladd(a, b, c, negate_flags, &float32_fmt, s);
}

/* ---- float64 ---- */

float64 float64_add(float64 a, float64 b, FloatStatus *s)
{
    if (fast_status(s) && f64_normal_or_zero(a) && f64_normal_or_zero(b)) {
        float64 r = f64_bits(f64_host(a) + f64_host(b));
        if (f64_result_safe(r) || f64_is_zero_bits(r)) {
            return r;
        }
    }
    return soft_add(a, b, false, &float64_fmt, s);
}

float64 float64_sub(float64 a, float64 b, FloatStatus *s)
{
    if (fast_status(s) && f64_normal_or_zero(a) && f64_normal_or_zero(b)) {
        float64 r = f64_bits(f64_host(a) - f64_host(b));
        if (f64_result_safe(r) || f64_is_zero_bits(r)) {
            return r;
        }
    }
    return soft_add(a, b, true, &float64_fmt, s);
}

float64 float64_mul(float64 a, float64 b, FloatStatus *s)
{
    if (fast_status(s) && f64_normal_or_zero(a) && f64_normal_or_zero(b)) {
        float64 r = f64_bits(f64_host(a) * f64_host(b));
        if (f64_result_safe(r) || f64_is_zero_bits(a) || f64_is_zero_bits(b)) {
            return r;
        }
    }
    return soft_mul(a, b, &float64_fmt, s);
}

float64 float64_div(float64 a, float64 b, FloatStatus *s)
{
    if (fast_status(s) && f64_normal_or_zero(a) && f64_normal_or_zero(b) &&
        !f64_is_zero_bits(b)) {
        float64 r = f64_bits(f64_host(a) / f64_host(b));
        if (f64_result_safe(r) || f64_is_zero_bits(a)) {
            return r;
        }
    }
    return soft_div(a, b, &float64_fmt, s);
}

float64 float64_sqrt(float64 a, FloatStatus *s)
{
    if (fast_status(s) && f64_normal_or_zero(a) &&
        (!(a >> 63) || f64_is_zero_bits(a))) {
        return f64_bits(sqrt(f64_host(a)));
    }
    return soft_sqrt(a, &float64_fmt, s);
}

float64 float64_muladd(float64 a, float64 b, float64 c, int negate_flags,
                       FloatStatus *s)
{
    const uint64_t sign = UINT64_C(1) << 63;

    if (fast_status(s) && f64_normal_or_zero(a) && f64_normal_or_zero(b) &&
        f64_normal_or_zero(c)) {
        float64 na = a ^ (negate_flags & FLOAT_MULADD_NEGATE_PRODUCT ? sign : 0);
        float64 nc = c ^ (negate_flags & FLOAT_MULADD_NEGATE_C ? sign : 0);
        float64 r = f64_bits(fma(f64_host(na), f64_host(b), f64_host(nc)));
        if (f64_result_safe(r)) {
            return r ^ (negate_flags & FLOAT_MULADD_NEGATE_RESULT ? sign : 0);
        }
    }
    return soft_muladd(a, b, c, negate_flags, &float64_fmt, s);
}
