/*
 * The non-arithmetic entry points for float16/32/64: min/max, comparisons,
 * round to integral, classification, NaN helpers. Thin wrappers over the
 * parts functions of softfloat-compare.c and the core of softfloat.c;
 * classification works on the bit patterns directly.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "fpu/softfloat-internal.h"

static uint64_t do_minmax(uint64_t a, uint64_t b, bool is_min, bool is_num,
                          const FloatFmt *f, FloatStatus *s)
{
    FloatParts pa = float_unpack(a, f, s);
    FloatParts pb = float_unpack(b, f, s);

    return float_round_pack(parts_minmax(pa, pb, is_min, is_num, s), f, s);
}

static FloatRelation do_compare(uint64_t a, uint64_t b, bool quiet,
                                const FloatFmt *f, FloatStatus *s)
{
    FloatParts pa = float_unpack(a, f, s);
    FloatParts pb = float_unpack(b, f, s);

    return parts_compare(pa, pb, quiet, s);
}

static uint64_t do_round_to_int(uint64_t a, FloatRoundMode mode, bool exact,
                                const FloatFmt *f, FloatStatus *s)
{
    FloatParts p = float_unpack(a, f, s);

    return float_round_pack(parts_round_to_int(p, mode, exact, s), f, s);
}

/* Classification on raw bits: exponent field and fraction. */
static inline uint64_t exp_field(uint64_t a, const FloatFmt *f)
{
    return (a >> f->frac_bits) & ((1u << f->exp_bits) - 1);
}

static inline uint64_t frac_field(uint64_t a, const FloatFmt *f)
{
    return a & ((UINT64_C(1) << f->frac_bits) - 1);
}

static bool raw_is_nan(uint64_t a, const FloatFmt *f)
{
    return exp_field(a, f) == f->exp_max && frac_field(a, f) != 0;
}

static bool raw_is_snan(uint64_t a, const FloatFmt *f)
{
    return raw_is_nan(a, f) && !((a >> (f->frac_bits - 1)) & 1);
}

static bool raw_is_inf(uint64_t a, const FloatFmt *f)
{
    return exp_field(a, f) == f->exp_max && frac_field(a, f) == 0;
}

static bool raw_is_zero(uint64_t a, const FloatFmt *f)
{
    return exp_field(a, f) == 0 && frac_field(a, f) == 0;
}

static bool raw_is_denormal(uint64_t a, const FloatFmt *f)
{
    return exp_field(a, f) == 0 && frac_field(a, f) != 0;
}

static uint64_t raw_silence_nan(uint64_t a, const FloatFmt *f)
{
    return a | UINT64_C(1) << (f->frac_bits - 1);
}

/* ---- float16 ---- */

float16 float16_min(float16 a, float16 b, FloatStatus *s)
{
    return do_minmax(a, b, true, false, &float16_fmt, s);
}

float16 float16_max(float16 a, float16 b, FloatStatus *s)
{
    return do_minmax(a, b, false, false, &float16_fmt, s);
}

float16 float16_minnum(float16 a, float16 b, FloatStatus *s)
{
    return do_minmax(a, b, true, true, &float16_fmt, s);
}

float16 float16_maxnum(float16 a, float16 b, FloatStatus *s)
{
    return do_minmax(a, b, false, true, &float16_fmt, s);
}

FloatRelation float16_compare(float16 a, float16 b, FloatStatus *s)
{
    return do_compare(a, b, false, &float16_fmt, s);
}

FloatRelation float16_compare_quiet(float16 a, float16 b, FloatStatus *s)
{
    return do_compare(a, b, true, &float16_fmt, s);
}

float16 float16_round_to_int(float16 a, FloatRoundMode mode, bool exact,
                             FloatStatus *s)
{
    return do_round_to_int(a, mode, exact, &float16_fmt, s);
}

bool float16_is_nan(float16 a)
{
    return raw_is_nan(a, &float16_fmt);
}

bool float16_is_signaling_nan(float16 a)
{
    return raw_is_snan(a, &float16_fmt);
}

bool float16_is_infinity(float16 a)
{
    return raw_is_inf(a, &float16_fmt);
}

bool float16_is_zero(float16 a)
{
    return raw_is_zero(a, &float16_fmt);
}

bool float16_is_denormal(float16 a)
{
    return raw_is_denormal(a, &float16_fmt);
}

float16 float16_silence_nan(float16 a)
{
    return raw_silence_nan(a, &float16_fmt);
}

float16 float16_default_nan(const FloatStatus *s)
{
    return float_default_nan_bits(&float16_fmt, s);
}

/* ---- float32 ---- */

float32 float32_min(float32 a, float32 b, FloatStatus *s)
{
    return do_minmax(a, b, true, false, &float32_fmt, s);
}

float32 float32_max(float32 a, float32 b, FloatStatus *s)
{
    return do_minmax(a, b, false, false, &float32_fmt, s);
}

float32 float32_minnum(float32 a, float32 b, FloatStatus *s)
{
    return do_minmax(a, b, true, true, &float32_fmt, s);
}

float32 float32_maxnum(float32 a, float32 b, FloatStatus *s)
{
    return do_minmax(a, b, false, true, &float32_fmt, s);
}

FloatRelation float32_compare(float32 a, float32 b, FloatStatus *s)
{
    return do_compare(a, b, false, &float32_fmt, s);
}

FloatRelation float32_compare_quiet(float32 a, float32 b, FloatStatus *s)
{
    return do_compare(a, b, true, &float32_fmt, s);
}

float32 float32_round_to_int(float32 a, FloatRoundMode mode, bool exact,
                             FloatStatus *s)
{
    return do_round_to_int(a, mode, exact, &float32_fmt, s);
}

bool float32_is_nan(float32 a)
{
    return raw_is_nan(a, &float32_fmt);
}

bool float32_is_signaling_nan(float32 a)
{
    return raw_is_snan(a, &float32_fmt);
}

bool float32_is_infinity(float32 a)
{
    return raw_is_inf(a, &float32_fmt);
}

bool float32_is_zero(float32 a)
{
    return raw_is_zero(a, &float32_fmt);
}

bool float32_is_denormal(float32 a)
{
    return raw_is_denormal(a, &float32_fmt);
}

float32 float32_silence_nan(float32 a)
{
    return raw_silence_nan(a, &float32_fmt);
}

float32 float32_default_nan(const FloatStatus *s)
{
    return float_default_nan_bits(&float32_fmt, s);
}

/* ---- float64 ---- */

float64 float64_min(float64 a, float64 b, FloatStatus *s)
{
    return do_minmax(a, b, true, false, &float64_fmt, s);
}

float64 float64_max(float64 a, float64 b, FloatStatus *s)
{
    return do_minmax(a, b, false, false, &float64_fmt, s);
}

float64 float64_minnum(float64 a, float64 b, FloatStatus *s)
{
    return do_minmax(a, b, true, true, &float64_fmt, s);
}

float64 float64_maxnum(float64 a, float64 b, FloatStatus *s)
{
    return do_minmax(a, b, false, true, &float64_fmt, s);
}

FloatRelation float64_compare(float64 a, float64 b, FloatStatus *s)
{
    return do_compare(a, b, false, &float64_fmt, s);
}

FloatRelation float64_compare_quiet(float64 a, float64 b, FloatStatus *s)
{
    return do_compare(a, b, true, &float64_fmt, s);
}

float64 float64_round_to_int(float64 a, FloatRoundMode mode, bool exact,
                             FloatStatus *s)
{
    return do_round_to_int(a, mode, exact, &float64_fmt, s);
}

bool float64_is_nan(float64 a)
{
    return raw_is_nan(a, &float64_fmt);
}

bool float64_is_signaling_nan(float64 a)
{
    return raw_is_snan(a, &float64_fmt);
}

bool float64_is_infinity(float64 a)
{
    return raw_is_inf(a, &float64_fmt);
}

bool float64_is_zero(float64 a)
{
    return raw_is_zero(a, &float64_fmt);
}

bool float64_is_denormal(float64 a)
{
    return raw_is_denormal(a, &float64_fmt);
}

float64 float64_silence_nan(float64 a)
{
    return raw_silence_nan(a, &float64_fmt);
}

float64 float64_default_nan(const FloatStatus *s)
{
    return float_default_nan_bits(&float64_fmt, s);
}
