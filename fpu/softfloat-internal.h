/*
 * fpu/ internals: the unpacked representation and the one rounding core.
 *
 * Every operation works the same way: unpack each operand into FloatParts
 * (class, sign, unbiased exponent, a 64-bit significand with the leading
 * one at bit 63), handle NaNs/infinities/zeros by class, compute the exact
 * result of finite non-zero operands with enough extra low bits that the
 * rounding decision is exact (the bits below the result's last place are
 * kept, and everything lost further down is ORed into bit 0: the "sticky"
 * bit), then hand the parts to float_round_pack(), the only place that
 * rounds, detects overflow/underflow/inexact and flushes to zero.
 *
 * A format is described by data (FloatFmt), not by code: binary16 (and its
 * ARM "alternative half precision" twin), binary32 and binary64 share every
 * function. binary80 and binary128 need a wider significand (see
 * docs/devel/fpu.md).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FPU_SOFTFLOAT_INTERNAL_H
#define FPU_SOFTFLOAT_INTERNAL_H

#include "fpu/softfloat.h"

typedef unsigned __int128 uint128_t;

typedef enum FloatClass {
    FLOAT_CLASS_ZERO,
    FLOAT_CLASS_NORMAL,     /* any finite non-zero value, denormals included */
    FLOAT_CLASS_INF,
    FLOAT_CLASS_QNAN,
    FLOAT_CLASS_SNAN,
} FloatClass;

/*
 * NORMAL: value = (frac / 2^63) * 2^exp, bit 63 of frac set.
 * QNAN/SNAN: frac holds the stored fraction left-aligned (the quiet bit is
 * bit 63), so converting between formats keeps the payload's top bits.
 */
typedef struct FloatParts {
    uint64_t frac;
    int32_t exp;
    bool sign;
    uint8_t cls;            /* FloatClass */
} FloatParts;

typedef struct FloatFmt {
    uint8_t exp_bits;
    uint8_t frac_bits;      /* stored fraction bits (no implicit one) */
    int16_t exp_bias;
    int16_t exp_max;        /* all-ones biased exponent */
    bool ahp;               /* ARM alternative half precision: exp_max is a
                               normal exponent, no infinities or NaNs */
} FloatFmt;

extern const FloatFmt float16_fmt;
extern const FloatFmt float16_ahp_fmt;
extern const FloatFmt float32_fmt;
extern const FloatFmt float64_fmt;

static inline bool parts_is_nan(FloatParts p)
{
    return p.cls == FLOAT_CLASS_QNAN || p.cls == FLOAT_CLASS_SNAN;
}

static inline void float_raise(FloatStatus *s, uint8_t flags)
{
    s->flags |= flags;
}

/* Unpacks a value; denormals read as zero when s->flush_inputs_to_zero. */
FloatParts float_unpack(uint64_t bits, const FloatFmt *fmt, FloatStatus *s);
/* Rounds (by s->rounding_mode), raises the flags and packs. */
uint64_t float_round_pack(FloatParts p, const FloatFmt *fmt, FloatStatus *s);

/* The default NaN of the status: packed, and as parts. */
uint64_t float_default_nan_bits(const FloatFmt *fmt, const FloatStatus *s);
FloatParts parts_default_nan(const FloatStatus *s);
/* The invalid-operation result: raises INVALID, gives the default NaN. */
FloatParts parts_invalid(FloatStatus *s);
/* A NaN operand of a one-operand operation: quietened, INVALID if signalling. */
FloatParts parts_propagate_nan1(FloatParts a, FloatStatus *s);
/* Two operands of which at least one is a NaN: the NaN the target returns. */
FloatParts parts_propagate_nan2(FloatParts a, FloatParts b, FloatStatus *s);
/* The same for a*b+c (ARM order: c, a, b; x86: a, b, c). */
FloatParts parts_propagate_nan3(FloatParts a, FloatParts b, FloatParts c,
                                FloatStatus *s);

/*
 * Whether rounding away the low bits of a magnitude increments it.
 * half_cmp compares the discarded bits with one half of the last place
 * (-1, 0, +1); inexact says whether they are non-zero; odd is the kept
 * last bit. TO_ODD never increments: the caller ORs 1 in when inexact.
 */
static inline bool round_increments(FloatRoundMode mode, bool sign, bool odd,
                                    int half_cmp, bool inexact)
{
    switch (mode) {
    case FLOAT_ROUND_NEAREST_EVEN:
        return half_cmp > 0 || (half_cmp == 0 && odd);
    case FLOAT_ROUND_TIES_AWAY:
        return half_cmp >= 0;
    case FLOAT_ROUND_UP:
        return inexact && !sign;
    case FLOAT_ROUND_DOWN:
        return inexact && sign;
    case FLOAT_ROUND_TO_ZERO:
    case FLOAT_ROUND_TO_ODD:
        return false;
    }
    return false;
}

static inline uint64_t shift_right_sticky64(uint64_t x, int n)
{
    if (n <= 0) {
        return x;
    }
    if (n >= 64) {
        return x != 0;
    }
    return (x >> n) | ((x << (64 - n)) != 0);
}

/* Arithmetic on parts (softfloat-arith.c). */
FloatParts parts_add(FloatParts a, FloatParts b, bool subtract, FloatStatus *s);
FloatParts parts_mul(FloatParts a, FloatParts b, FloatStatus *s);
FloatParts parts_div(FloatParts a, FloatParts b, FloatStatus *s);
FloatParts parts_sqrt(FloatParts a, FloatStatus *s);
FloatParts parts_muladd(FloatParts a, FloatParts b, FloatParts c,
                        int negate_flags, FloatStatus *s);

/* Comparisons and rounding to integers (softfloat-compare.c). */
FloatRelation parts_compare(FloatParts a, FloatParts b, bool quiet,
                            FloatStatus *s);
FloatParts parts_minmax(FloatParts a, FloatParts b, bool is_min, bool is_num,
                        FloatStatus *s);
FloatParts parts_round_to_int(FloatParts a, FloatRoundMode mode, bool exact,
                              FloatStatus *s);
/*
 * Rounds a finite value to an integer magnitude in mode; *inexact tells
 * whether it changed. Returns false when the magnitude is >= 2^64.
 */
bool parts_round_to_uint64(FloatParts a, FloatRoundMode mode, uint64_t *out,
                           bool *inexact);

#endif
