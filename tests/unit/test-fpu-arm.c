/*
 * fpu/: ARM behaviour and the rest, with hand-checked expected values.
 *
 * NaN propagation order (ARM ARM FPProcessNaNs, FPProcessNaNs3 in
 * FPMulAdd with the addend first, and the 0 * inf + qNaN special case),
 * default-NaN mode, invalid operations, flush-to-zero and its flags, ARM's
 * alternative half precision, TIES_AWAY and TO_ODD, min/max and
 * minNum/maxNum, ARM conversions to integers (saturation, NaN -> 0,
 * fixed point), muladd's negation flags and single rounding, and float16
 * arithmetic against the host (F16C: half -> single exactly, the host's
 * single-precision op, single -> half; the double rounding is innocuous
 * because 24 >= 2 * 11 + 2).
 *
 * Each expected value was worked out by hand from the ARM ARM pseudocode
 * or IEEE 754 and is explained beside it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "fpu/softfloat.h"

#define INV FLOAT_FLAG_INVALID
#define DZ  FLOAT_FLAG_DIVBYZERO
#define OF  FLOAT_FLAG_OVERFLOW
#define UF  FLOAT_FLAG_UNDERFLOW
#define IX  FLOAT_FLAG_INEXACT
#define ID  FLOAT_FLAG_INPUT_DENORMAL

/* float32 constants */
#define F32_ONE      0x3f800000u
#define F32_TWO      0x40000000u
#define F32_THREE    0x40400000u
#define F32_HALF     0x3f000000u
#define F32_INF      0x7f800000u
#define F32_MAX      0x7f7fffffu
#define F32_MIN_NORM 0x00800000u
#define F32_DN_ARM   0x7fc00000u

static void check(const char *what, uint64_t got, uint8_t got_flags,
                  uint64_t want, uint8_t want_flags)
{
    if (got != want || got_flags != want_flags) {
        g_test_message("%s: got %#" PRIx64 " flags %#x, want %#" PRIx64 " flags %#x",
                       what, got, got_flags, want, want_flags);
        g_test_fail();
    }
}

/* Runs expr with the status's flags cleared, then checks result and flags. */
#define CHECK(s, expr, want, want_flags) do {                  \
        uint64_t got_;                                          \
        (s)->flags = 0;                                         \
        got_ = (uint64_t)(expr);                                \
        check(#expr, got_, (s)->flags, (want), (want_flags));   \
    } while (0)

static FloatStatus arm(void)
{
    FloatStatus s;

    float_status_init_arm(&s);
    return s;
}

static FloatStatus x86(void)
{
    FloatStatus s;

    float_status_init_x86_sse(&s);
    return s;
}

static void test_nan_propagation(void)
{
    FloatStatus a = arm(), x = x86();
    const float32 q1 = 0x7fc00001, q2 = 0xffc00002, s1 = 0x7f800001, s2 = 0x7f800002;

    /* ARM: a signalling NaN wins over an earlier quiet one, and is quietened. */
    CHECK(&a, float32_add(q1, s2, &a), 0x7fc00002, INV);
    CHECK(&a, float32_add(s1, s2, &a), 0x7fc00001, INV);
    CHECK(&a, float32_mul(q1, q2, &a), q1, 0);
    CHECK(&a, float32_sub(F32_ONE, q2, &a), q2, 0);
    CHECK(&a, float32_sqrt(s1, &a), 0x7fc00001, INV);
    /* x86 SSE: the first NaN operand, quietened. */
    CHECK(&x, float32_add(q1, s2, &x), q1, INV);
    CHECK(&x, float32_div(F32_ONE, s2, &x), 0x7fc00002, INV);
    /* float64 and float16 keep the payload the same way. */
    CHECK(&a, float64_add(0x7ff8000000000001ull, 0x7ff0000000000002ull, &a),
          0x7ff8000000000002ull, INV);
    CHECK(&a, float16_mul(0x7e01, 0x7c02, &a), 0x7e02, INV);
}

static void test_muladd_nans(void)
{
    FloatStatus a = arm(), x = x86();
    const float32 qa = 0x7fc0000a, qb = 0x7fc0000b, qc = 0x7fc0000c;
    const float32 sa = 0x7f80000a, sb = 0x7f80000b, sc = 0x7f80000c;

    /* ARM ARM FPMulAdd: FPProcessNaNs3(addend, op1, op2). */
    CHECK(&a, float32_muladd(qa, qb, qc, 0, &a), qc, 0);
    CHECK(&a, float32_muladd(qa, qb, F32_ONE, 0, &a), qa, 0);
    CHECK(&a, float32_muladd(sa, qb, qc, 0, &a), 0x7fc0000a, INV);
    CHECK(&a, float32_muladd(qa, sb, sc, 0, &a), 0x7fc0000c, INV);
    CHECK(&a, float32_muladd(F32_ONE, sb, qc, 0, &a), 0x7fc0000b, INV);
    /* 0 * inf + qNaN: invalid and the default NaN; with a sNaN addend, the addend. */
    CHECK(&a, float32_muladd(0, F32_INF, qc, 0, &a), F32_DN_ARM, INV);
    CHECK(&a, float32_muladd(F32_INF, 0x80000000, qc, 0, &a), F32_DN_ARM, INV);
    CHECK(&a, float32_muladd(0, F32_INF, sc, 0, &a), 0x7fc0000c, INV);
    /* Negation flags do not touch a propagated NaN. */
    CHECK(&a, float32_muladd(F32_ONE, F32_ONE, qc, FLOAT_MULADD_NEGATE_C |
                             FLOAT_MULADD_NEGATE_RESULT, &a), qc, 0);
    /* x86: a, b, c order; 0 * inf + qNaN gives the qNaN, no flag (host VFMADD). */
    CHECK(&x, float32_muladd(qa, qb, qc, 0, &x), qa, 0);
    CHECK(&x, float32_muladd(0, F32_INF, qc, 0, &x), qc, 0);
    CHECK(&a, float64_muladd(0, 0x7ff0000000000000ull, 0x7ff8000000000003ull, 0, &a),
          0x7ff8000000000000ull, INV);
}

static void test_default_nan(void)
{
    FloatStatus a = arm(), x = x86();

    /* Invalid operations give the default NaN (ARM +, x86 -). */
    CHECK(&a, float32_sub(F32_INF, F32_INF, &a), F32_DN_ARM, INV);
    CHECK(&a, float32_mul(0, F32_INF, &a), F32_DN_ARM, INV);
    CHECK(&a, float32_div(0, 0x80000000, &a), F32_DN_ARM, INV);
    CHECK(&a, float32_div(F32_INF, F32_INF, &a), F32_DN_ARM, INV);
    CHECK(&a, float32_sqrt(0xbf800000, &a), F32_DN_ARM, INV);
    CHECK(&a, float32_muladd(F32_INF, F32_ONE, 0xff800000, 0, &a), F32_DN_ARM, INV);
    CHECK(&x, float32_sub(F32_INF, F32_INF, &x), 0xffc00000, INV);
    CHECK(&a, float64_sqrt(0xbff0000000000000ull, &a), 0x7ff8000000000000ull, INV);
    CHECK(&a, float16_sqrt(0xbc00, &a), 0x7e00, INV);
    CHECK(&a, float32_div(F32_ONE, 0x80000000, &a), 0xff800000, DZ);
    /* sqrt(-0) = -0, no flag */
    CHECK(&a, float32_sqrt(0x80000000, &a), 0x80000000, 0);

    /* Default-NaN mode: every NaN result is the default NaN. */
    a.default_nan_mode = true;
    CHECK(&a, float32_add(0x7fc12345, F32_ONE, &a), F32_DN_ARM, 0);
    CHECK(&a, float32_add(0x7f812345, F32_ONE, &a), F32_DN_ARM, INV);
    CHECK(&a, float64_mul(0xfff8000000000001ull, 0, &a), 0x7ff8000000000000ull, 0);
    CHECK(&a, float16_add(0xfe01, 0, &a), 0x7e00, 0);
    CHECK(&a, float32_to_float64(0xffc00001, &a), 0x7ff8000000000000ull, 0);
    CHECK(&a, float32_round_to_int(0x7f800001, FLOAT_ROUND_NEAREST_EVEN, true, &a),
          F32_DN_ARM, INV);

    g_assert_cmphex(float32_default_nan(&a), ==, F32_DN_ARM);
    g_assert_cmphex(float64_default_nan(&a), ==, 0x7ff8000000000000ull);
    g_assert_cmphex(float16_default_nan(&a), ==, 0x7e00);
    g_assert_cmphex(float32_default_nan(&x), ==, 0xffc00000);
    g_assert_cmphex(float32_silence_nan(0x7f800001), ==, 0x7fc00001);
    g_assert_true(float32_is_signaling_nan(0x7f800001));
    g_assert_false(float32_is_signaling_nan(0x7fc00001));
    g_assert_true(float64_is_nan(0xfff0000000000001ull));
    g_assert_false(float64_is_nan(0xfff0000000000000ull));
    g_assert_true(float64_is_infinity(0xfff0000000000000ull));
    g_assert_true(float16_is_denormal(0x8001));
    g_assert_true(float16_is_zero(0x8000));
    g_assert_false(float16_is_zero(0x0400));
}

static void test_flush_to_zero(void)
{
    FloatStatus a = arm(), x = x86();

    /*
     * (2 - 2^-25) * 2^-127 (a float64): tiny before rounding; rounded to 24
     * bits it is 2^-126, so not tiny after rounding. Its float32 is the
     * smallest normal either way (the denormal rounding carries).
     */
    const float64 below_min_norm = 0x380ffffff8000000ull;
    /* 0x00ffffff * 0.5 = (2 - 2^-23) * 2^-127: tiny both ways, a tie, rounds up. */
    CHECK(&a, float64_to_float32(below_min_norm, &a), F32_MIN_NORM, UF | IX);
    CHECK(&x, float64_to_float32(below_min_norm, &x), F32_MIN_NORM, IX);
    CHECK(&a, float32_mul(0x00ffffff, F32_HALF, &a), F32_MIN_NORM, UF | IX);
    CHECK(&x, float32_mul(0x00ffffff, F32_HALF, &x), F32_MIN_NORM, UF | IX);
    /* An exact denormal result: no underflow (tiny but exact). */
    CHECK(&a, float32_mul(F32_MIN_NORM, F32_HALF, &a), 0x00400000, 0);

    /* ARM FZ: a result tiny before rounding is +-0 with UFC only (FPRoundBase). */
    a.flush_to_zero = true;
    CHECK(&a, float64_to_float32(below_min_norm, &a), 0, UF);
    CHECK(&a, float32_mul(0x00ffffff, F32_HALF, &a), 0, UF);
    CHECK(&a, float32_mul(F32_MIN_NORM, 0xbf000000, &a), 0x80000000, UF);
    CHECK(&a, float64_mul(0x0010000000000000ull, 0x3fe0000000000000ull, &a), 0, UF);
    CHECK(&a, float32_mul(F32_MIN_NORM, F32_ONE, &a), F32_MIN_NORM, 0);
    /* x86 FTZ: tiny after rounding, UE and PE. */
    x.flush_to_zero = true;
    CHECK(&x, float32_mul(F32_MIN_NORM, 0xbf000000, &x), 0x80000000, UF | IX);
    CHECK(&x, float32_mul(0x00ffffff, F32_HALF, &x), 0, UF | IX);
    CHECK(&x, float64_to_float32(below_min_norm, &x), F32_MIN_NORM, IX);

    /* Input flushing: a denormal operand reads as a signed zero, IDC. */
    a = arm();
    a.flush_inputs_to_zero = true;
    CHECK(&a, float32_mul(0x80000001, F32_ONE, &a), 0x80000000, ID);
    CHECK(&a, float32_add(0x00000001, 0x80000000, &a), 0, ID);
    CHECK(&a, float32_compare(0x00000001, 0, &a), FLOAT_RELATION_EQUAL, ID);
    CHECK(&a, float32_to_float64(0x807fffff, &a), 0x8000000000000000ull, ID);
    CHECK(&a, float32_div(F32_ONE, 0x00000001, &a), F32_INF, ID | DZ);
}

static void test_ahp(void)
{
    FloatStatus a = arm();

    /* AHP: exponent 31 is normal, 0x7c00 is 2^16, 0x7fff the largest, 131008. */
    CHECK(&a, float16_to_float32(0x7c00, false, &a), 0x47800000, 0);
    CHECK(&a, float16_to_float32(0xffff, false, &a), 0xc7ffe000, 0);
    CHECK(&a, float16_to_float64(0x7fff, false, &a), 0x40fffc0000000000ull, 0);
    CHECK(&a, float32_to_float16(0x47800000, false, &a), 0x7c00, 0);
    CHECK(&a, float32_to_float16(0x47ffe000, false, &a), 0x7fff, 0);
    /* Too big for AHP: InvalidOp, the largest magnitude, no IXC (FPRoundBase). */
    CHECK(&a, float32_to_float16(0x48000000, false, &a), 0x7fff, INV);
    CHECK(&a, float64_to_float16(0xc100000000000000ull, false, &a), 0xffff, INV);
    /* NaN -> signed zero, inf -> sign:0x7fff, both InvalidOp (FPConvert). */
    CHECK(&a, float32_to_float16(0x7fc00000, false, &a), 0x0000, INV);
    CHECK(&a, float32_to_float16(0xff800001, false, &a), 0x8000, INV);
    CHECK(&a, float32_to_float16(F32_INF, false, &a), 0x7fff, INV);
    CHECK(&a, float64_to_float16(0xfff0000000000000ull, false, &a), 0xffff, INV);
    /* IEEE half for comparison: 2^16 overflows to inf, NaNs keep payload. */
    CHECK(&a, float32_to_float16(0x47800000, true, &a), 0x7c00, OF | IX);
    CHECK(&a, float16_to_float32(0x7c00, true, &a), F32_INF, 0);
    CHECK(&a, float16_to_float32(0x7d00, true, &a), 0x7fe00000, INV);
    CHECK(&a, float32_to_float16(0xffe00000, true, &a), 0xff00, 0);
    /* Rounding to half: 65520 is the tie between 65504 and 2^16: to even, 2^16. */
    CHECK(&a, float32_to_float16(0x477ff000, true, &a), 0x7c00, OF | IX);
    CHECK(&a, float32_to_float16(0x477fefff, true, &a), 0x7bff, IX);
    CHECK(&a, uint32_to_float16_scalbn(65519, 0, &a), 0x7bff, IX);
    CHECK(&a, float32_to_float16(0x33000000, true, &a), 0x0000, UF | IX);  /* 2^-25: tie to 0 */
    CHECK(&a, float32_to_float16(0x33000001, true, &a), 0x0001, UF | IX);
}

static void test_rounding_modes(void)
{
    FloatStatus a = arm();

    /* 1 + 2^-24 is the tie between 1 and 1 + 2^-23. */
    CHECK(&a, float32_add(F32_ONE, 0x33800000, &a), F32_ONE, IX);
    a.rounding_mode = FLOAT_ROUND_TIES_AWAY;
    CHECK(&a, float32_add(F32_ONE, 0x33800000, &a), 0x3f800001, IX);
    CHECK(&a, float32_add(0xbf800000, 0xb3800000, &a), 0xbf800001, IX);
    CHECK(&a, float32_mul(F32_MAX, F32_TWO, &a), F32_INF, OF | IX);
    a.rounding_mode = FLOAT_ROUND_TO_ODD;
    CHECK(&a, float32_add(F32_ONE, 0x33800000, &a), 0x3f800001, IX);
    CHECK(&a, float32_add(F32_ONE, 0x34000000, &a), 0x3f800001, 0);   /* exact */
    CHECK(&a, float32_mul(F32_MAX, F32_TWO, &a), F32_MAX, OF | IX);
    /* FCVTXN: 1 + 2^-26 -> 1 + 2^-23 (odd); 1 + 2^-23 + 2^-26 stays. */
    CHECK(&a, float64_to_float32(0x3ff0000004000000ull, &a), 0x3f800001, IX);
    CHECK(&a, float64_to_float32(0x3ff0000024000000ull, &a), 0x3f800001, IX);
    CHECK(&a, float64_to_float32(0x3ff0000000000000ull, &a), F32_ONE, 0);
    CHECK(&a, float64_to_float32(0x7e37e43c8800759cull, &a), F32_MAX, OF | IX);
    /* Directed overflow. */
    a.rounding_mode = FLOAT_ROUND_DOWN;
    CHECK(&a, float32_mul(F32_MAX, F32_TWO, &a), F32_MAX, OF | IX);
    CHECK(&a, float32_mul(F32_MAX, 0xc0000000, &a), 0xff800000, OF | IX);
    CHECK(&a, float32_sub(F32_ONE, F32_ONE, &a), 0x80000000, 0);   /* -0 in RM */
    a.rounding_mode = FLOAT_ROUND_UP;
    CHECK(&a, float32_mul(F32_MAX, 0xc0000000, &a), 0xff7fffff, OF | IX);
    CHECK(&a, float32_sub(F32_ONE, F32_ONE, &a), 0, 0);

    /* round_to_int: the mode argument, and exact -> INEXACT. */
    a = arm();
    CHECK(&a, float32_round_to_int(0x40200000, FLOAT_ROUND_TIES_AWAY, true, &a), F32_THREE, IX);
    CHECK(&a, float32_round_to_int(0xc0200000, FLOAT_ROUND_TIES_AWAY, false, &a), 0xc0400000, 0);
    CHECK(&a, float32_round_to_int(0x40200000, FLOAT_ROUND_NEAREST_EVEN, true, &a), F32_TWO, IX);
    CHECK(&a, float32_round_to_int(0xbe800000, FLOAT_ROUND_NEAREST_EVEN, true, &a), 0x80000000, IX);
    CHECK(&a, float32_round_to_int(0xbe800000, FLOAT_ROUND_DOWN, true, &a), 0xbf800000, IX);
    CHECK(&a, float32_round_to_int(0x3fc00000, FLOAT_ROUND_TO_ZERO, true, &a), F32_ONE, IX);
    CHECK(&a, float32_round_to_int(0x4b000001, FLOAT_ROUND_UP, true, &a), 0x4b000001, 0);
    CHECK(&a, float16_round_to_int(0x3e00, FLOAT_ROUND_UP, true, &a), 0x4000, IX);  /* 1.5 */
    CHECK(&a, float64_round_to_int(0x3fe0000000000000ull, FLOAT_ROUND_TIES_AWAY, true, &a),
          0x3ff0000000000000ull, IX);
}

static void test_min_max(void)
{
    FloatStatus a = arm();
    const float32 q = 0x7fc00001, s = 0x7f800002, m2 = 0xc0000000, m3 = 0xc0400000;

    CHECK(&a, float32_min(0x80000000, 0, &a), 0x80000000, 0);
    CHECK(&a, float32_min(0, 0x80000000, &a), 0x80000000, 0);
    CHECK(&a, float32_max(0x80000000, 0, &a), 0, 0);
    CHECK(&a, float32_maxnum(0, 0x80000000, &a), 0, 0);
    CHECK(&a, float32_min(F32_TWO, F32_THREE, &a), F32_TWO, 0);
    CHECK(&a, float32_max(m2, m3, &a), m2, 0);
    CHECK(&a, float32_min(m2, m3, &a), m3, 0);
    /* FMIN/FMAX: NaNs propagate. */
    CHECK(&a, float32_min(F32_ONE, q, &a), q, 0);
    CHECK(&a, float32_max(q, s, &a), 0x7fc00002, INV);
    /* FMINNM/FMAXNM: a quiet NaN loses to a number; a signalling one does not. */
    CHECK(&a, float32_minnum(F32_ONE, q, &a), F32_ONE, 0);
    CHECK(&a, float32_maxnum(q, 0xff800000, &a), 0xff800000, 0);
    CHECK(&a, float32_minnum(s, F32_ONE, &a), 0x7fc00002, INV);
    CHECK(&a, float32_maxnum(q, s, &a), 0x7fc00002, INV);
    CHECK(&a, float32_minnum(q, 0xffc00003, &a), q, 0);
    CHECK(&a, float64_maxnum(0x7ff8000000000000ull, 0x4000000000000000ull, &a),
          0x4000000000000000ull, 0);
    CHECK(&a, float16_minnum(0xbc00, 0x7e00, &a), 0xbc00, 0);

    /* compare: signalling vs quiet */
    CHECK(&a, float32_compare(q, F32_ONE, &a), FLOAT_RELATION_UNORDERED, INV);
    CHECK(&a, float32_compare_quiet(q, F32_ONE, &a), FLOAT_RELATION_UNORDERED, 0);
    CHECK(&a, float32_compare_quiet(F32_ONE, s, &a), FLOAT_RELATION_UNORDERED, INV);
    CHECK(&a, float32_compare(0x80000000, 0, &a), FLOAT_RELATION_EQUAL, 0);
    CHECK(&a, float32_compare(0xff800000, 0xff7fffff, &a), FLOAT_RELATION_LESS, 0);
    CHECK(&a, float16_compare(0x3c01, 0x3c00, &a), FLOAT_RELATION_GREATER, 0);
    CHECK(&a, float64_compare(0xbff0000000000000ull, 0xc000000000000000ull, &a),
          FLOAT_RELATION_GREATER, 0);
}

static void test_int_conversions(void)
{
    FloatStatus a = arm();

    /* ARM FPToFixed: NaN -> 0, saturation, InvalidOp only. */
    CHECK(&a, float32_to_int32_scalbn(0x7fc00000, FLOAT_ROUND_TO_ZERO, 0, &a), 0, INV);
    CHECK(&a, float32_to_int32_scalbn(0x4f400000, FLOAT_ROUND_TO_ZERO, 0, &a), INT32_MAX, INV);
    CHECK(&a, (uint32_t)float32_to_int32_scalbn(0xcf400000, FLOAT_ROUND_TO_ZERO, 0, &a),
          (uint32_t)INT32_MIN, INV);
    CHECK(&a, (uint32_t)float32_to_int32_scalbn(0xcf000000, FLOAT_ROUND_TO_ZERO, 0, &a),
          (uint32_t)INT32_MIN, 0);                     /* -2^31 fits */
    CHECK(&a, float32_to_uint32_scalbn(0xbf800000, FLOAT_ROUND_TO_ZERO, 0, &a), 0, INV);
    CHECK(&a, float32_to_uint32_scalbn(0xbecccccd, FLOAT_ROUND_NEAREST_EVEN, 0, &a), 0, IX);
    CHECK(&a, float32_to_uint32_scalbn(0xbf333333, FLOAT_ROUND_NEAREST_EVEN, 0, &a), 0, INV);
    CHECK(&a, float32_to_uint32_scalbn(0x80000000, FLOAT_ROUND_NEAREST_EVEN, 0, &a), 0, 0);
    CHECK(&a, float32_to_uint32_scalbn(0x4f800000, FLOAT_ROUND_TO_ZERO, 0, &a), UINT32_MAX, INV);
    CHECK(&a, float64_to_uint64_scalbn(0x43f0000000000000ull, FLOAT_ROUND_TO_ZERO, 0, &a),
          UINT64_MAX, INV);
    CHECK(&a, float64_to_uint64_scalbn(0x43efffffffffffffull, FLOAT_ROUND_TO_ZERO, 0, &a),
          0xfffffffffffff800ull, 0);
    CHECK(&a, float64_to_int64_scalbn(0xfff0000000000000ull, FLOAT_ROUND_TO_ZERO, 0, &a),
          (uint64_t)INT64_MIN, INV);
    /* FCVTAS: ties away; FCVTMS/FCVTPS. */
    CHECK(&a, float32_to_int32_scalbn(0x40200000, FLOAT_ROUND_TIES_AWAY, 0, &a), 3, IX);
    CHECK(&a, (uint32_t)float32_to_int32_scalbn(0xc0200000, FLOAT_ROUND_TIES_AWAY, 0, &a),
          (uint32_t)-3, IX);
    CHECK(&a, (uint32_t)float32_to_int32_scalbn(0xc0200000, FLOAT_ROUND_DOWN, 0, &a),
          (uint32_t)-3, IX);
    CHECK(&a, float32_to_int32_scalbn(0x40200000, FLOAT_ROUND_UP, 0, &a), 3, IX);
    /* Fixed point: 1.5 * 2^4 = 24; 24 * 2^-4 = 1.5. */
    CHECK(&a, float32_to_int32_scalbn(0x3fc00000, FLOAT_ROUND_TO_ZERO, 4, &a), 24, 0);
    CHECK(&a, int32_to_float32_scalbn(24, 4, &a), 0x3fc00000, 0);
    CHECK(&a, uint64_to_float64_scalbn(1, 64, &a), 0x3bf0000000000000ull, 0);
    CHECK(&a, float16_to_int32_scalbn(0x3c00, FLOAT_ROUND_TO_ZERO, 20, &a), 1 << 20, 0);
    /* 2^-64 is far below half's range: FixedToFP rounds through FPRound. */
    CHECK(&a, uint32_to_float16_scalbn(1, 64, &a), 0, UF | IX);
    CHECK(&a, int64_to_float32_scalbn(INT64_MIN, 0, &a), 0xdf000000, 0);
    CHECK(&a, uint64_to_float32_scalbn(UINT64_MAX, 0, &a), 0x5f800000, IX);
    CHECK(&a, int32_to_float16_scalbn(-2049, 0, &a), 0xe800, IX);   /* tie -> -2048 */
}

static void test_muladd(void)
{
    FloatStatus a = arm();
    const float32 five = 0x40a00000, six = 0x40c00000, seven = 0x40e00000;

    CHECK(&a, float32_muladd(F32_TWO, F32_THREE, F32_ONE, 0, &a), seven, 0);
    CHECK(&a, float32_muladd(F32_TWO, F32_THREE, F32_ONE, FLOAT_MULADD_NEGATE_C, &a), five, 0);
    CHECK(&a, float32_muladd(F32_TWO, F32_THREE, F32_ONE, FLOAT_MULADD_NEGATE_PRODUCT, &a),
          0xc0a00000, 0);
    CHECK(&a, float32_muladd(F32_TWO, F32_THREE, F32_ONE, FLOAT_MULADD_NEGATE_RESULT, &a),
          0xc0e00000, 0);
    CHECK(&a, float32_muladd(F32_TWO, F32_THREE, 0, 0, &a), six, 0);
    /* Exact zero sums: +0 in RNE, -0 in RM; NEGATE_RESULT negates the zero too. */
    CHECK(&a, float32_muladd(F32_ONE, F32_ONE, 0xbf800000, 0, &a), 0, 0);
    CHECK(&a, float32_muladd(F32_ONE, F32_ONE, 0xbf800000, FLOAT_MULADD_NEGATE_RESULT, &a),
          0x80000000, 0);
    a.rounding_mode = FLOAT_ROUND_DOWN;
    CHECK(&a, float32_muladd(F32_ONE, F32_ONE, 0xbf800000, 0, &a), 0x80000000, 0);
    a.rounding_mode = FLOAT_ROUND_NEAREST_EVEN;
    /*
     * One rounding: (1 + 2^-10)(1 - 2^-11) - 1 = 2^-11 - 2^-21, exact in half
     * (0x0ffe). Rounding the product first would give 1.0, and 0.
     */
    CHECK(&a, float16_muladd(0x3c01, 0x3bff, 0xbc00, 0, &a), 0x0ffe, 0);
    CHECK(&a, float16_muladd(0x3c00, 0x4000, 0x3c00, 0, &a), 0x4200, 0);   /* 1 * 2 + 1 = 3 */
    /*
     * float32: (1 + 2^-12)^2 - 1 = 2^-11 + 2^-24 = 0x3a000400, exact; the
     * product rounded first (a tie, to even: 1 + 2^-11) would give 2^-11.
     */
    CHECK(&a, float32_muladd(0x3f800800, 0x3f800800, 0xbf800000, 0, &a), 0x3a000400, 0);
    /* float64: (1 + 2^-52) * 1 - 1 = 2^-52; (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104. */
    CHECK(&a, float64_muladd(0x3ff0000000000001ull, 0x3ff0000000000000ull,
                             0xbff0000000000000ull, 0, &a), 0x3cb0000000000000ull, 0);
    CHECK(&a, float64_muladd(0x3ff0000000000001ull, 0x3feffffffffffffeull,
                             0xbff0000000000000ull, 0, &a), 0xb970000000000000ull, 0);
    /* Infinities: inf - inf is invalid; inf + finite is inf. */
    CHECK(&a, float32_muladd(F32_INF, F32_ONE, F32_ONE, 0, &a), F32_INF, 0);
    CHECK(&a, float32_muladd(F32_INF, F32_ONE, F32_INF, FLOAT_MULADD_NEGATE_C, &a),
          F32_DN_ARM, INV);
}

/*
 * TIES_AWAY and TO_ODD at random: a float32 product (48 bits) and a sum
 * of operands less than 2^29 apart are exact in a double, which a small
 * independent rounding routine then takes to 24 bits. Only results in the
 * normal range are compared; the edges are in the tables above.
 */
static bool ref_round_f32(double d, FloatRoundMode mode, uint32_t *out, bool *inexact)
{
    uint64_t bits, m, keep, rem;
    int64_t exp;

    memcpy(&bits, &d, 8);
    exp = (int64_t)((bits >> 52) & 0x7ff) - 1023 + 127;
    m = (bits & ((UINT64_C(1) << 52) - 1)) | UINT64_C(1) << 52;
    keep = m >> 29;
    rem = m & ((UINT64_C(1) << 29) - 1);
    *inexact = rem != 0;
    if (mode == FLOAT_ROUND_TIES_AWAY && rem >= (UINT64_C(1) << 28)) {
        keep++;
    } else if (mode == FLOAT_ROUND_TO_ODD && rem) {
        keep |= 1;
    }
    if (keep >> 24) {
        keep >>= 1;
        exp++;
    }
    if (d == 0 || exp < 2 || exp > 254) {
        return false;
    }
    *out = (uint32_t)(bits >> 63) << 31 | (uint32_t)exp << 23 | (keep & 0x7fffff);
    return true;
}

static void test_away_odd_random(void)
{
    GRand *r = g_rand_new_with_seed(0xa0dd);
    int compared = 0, failures = 0;

    for (int i = 0; i < 200000; i++) {
        FloatRoundMode mode = g_rand_boolean(r) ? FLOAT_ROUND_TIES_AWAY : FLOAT_ROUND_TO_ODD;
        bool is_mul = g_rand_boolean(r), inexact;
        uint32_t a = (g_rand_int(r) & 0x807fffff) | (uint32_t)g_rand_int_range(r, 90, 165) << 23;
        uint32_t b = (g_rand_int(r) & 0x807fffff) |
                     (uint32_t)(((a >> 23) & 0xff) + g_rand_int_range(r, -28, 29)) << 23;
        uint32_t want, got;
        float fa, fb;
        FloatStatus s = arm();

        if (g_rand_boolean(r)) {
            b &= ~((1u << g_rand_int_range(r, 0, 23)) - 1);    /* ties */
        }
        memcpy(&fa, &a, 4);
        memcpy(&fb, &b, 4);
        if (!ref_round_f32(is_mul ? (double)fa * fb : (double)fa + fb, mode, &want, &inexact)) {
            continue;
        }
        s.rounding_mode = mode;
        got = is_mul ? float32_mul(a, b, &s) : float32_add(a, b, &s);
        compared++;
        if ((got != want || s.flags != (inexact ? IX : 0)) && ++failures <= 10) {
            g_test_message("%s %#x %#x mode %d: want %#x inexact %d, got %#x flags %#x",
                           is_mul ? "mul" : "add", a, b, mode, want, inexact, got, s.flags);
        }
    }
    g_rand_free(r);
    g_assert_cmpint(compared, >, 100000);
    if (failures) {
        g_test_fail();
    }
}

/* ---- float16 arithmetic against the host's F16C + SSE ---- */

enum { H_ADD, H_SUB, H_MUL, H_DIV, H_SQRT };

static float16 host_half(int op, float16 a, float16 b, FloatRoundMode mode,
                         uint8_t *flags)
{
    static const uint32_t rc[] = {
        [FLOAT_ROUND_NEAREST_EVEN] = 0, [FLOAT_ROUND_DOWN] = 1,
        [FLOAT_ROUND_UP] = 2, [FLOAT_ROUND_TO_ZERO] = 3,
    };
    uint32_t saved, csr = 0x1f80 | rc[mode] << 13, after;
    float fa, fb;
    uint32_t va = a, vb = b, vr;

    asm volatile("stmxcsr %0" : "=m"(saved));
    asm volatile("ldmxcsr %0" : : "m"(csr));
    asm volatile("vmovd %1, %0; vcvtph2ps %0, %0" : "=x"(fa) : "r"(va));
    asm volatile("vmovd %1, %0; vcvtph2ps %0, %0" : "=x"(fb) : "r"(vb));
    switch (op) {
    case H_ADD:
        asm volatile("addss %1, %0" : "+x"(fa) : "x"(fb));
        break;
    case H_SUB:
        asm volatile("subss %1, %0" : "+x"(fa) : "x"(fb));
        break;
    case H_MUL:
        asm volatile("mulss %1, %0" : "+x"(fa) : "x"(fb));
        break;
    case H_DIV:
        asm volatile("divss %1, %0" : "+x"(fa) : "x"(fb));
        break;
    default:
        asm volatile("sqrtss %0, %0" : "+x"(fa));
        break;
    }
    /* imm 4: round by MXCSR.RC */
    asm volatile("vcvtps2ph $4, %1, %1; vmovd %1, %0" : "=r"(vr), "+x"(fa));
    asm volatile("stmxcsr %0" : "=m"(after));
    asm volatile("ldmxcsr %0" : : "m"(saved));
    *flags = (after & 1 ? INV : 0) | (after & 4 ? DZ : 0) | (after & 8 ? OF : 0) |
             (after & 16 ? UF : 0) | (after & 32 ? IX : 0);
    return vr & 0xffff;
}

static float16 rand_half(GRand *r)
{
    float16 h = g_rand_int(r);

    /* no NaNs: F16C's NaN handling is not what is being compared here */
    while ((h & 0x7c00) == 0x7c00 && (h & 0x3ff)) {
        h = g_rand_int(r);
    }
    if (g_rand_int_range(r, 0, 4) == 0) {
        h = (h & 0x83ff) | (g_rand_int_range(r, 0, 3) << 10);    /* denormal range */
    }
    return h;
}

static void test_half_arith(void)
{
    static const FloatRoundMode modes[] = {
        FLOAT_ROUND_NEAREST_EVEN, FLOAT_ROUND_UP, FLOAT_ROUND_DOWN, FLOAT_ROUND_TO_ZERO,
    };
    static const char *const names[] = { "add", "sub", "mul", "div", "sqrt" };
    GRand *r;
    int failures = 0;

    __builtin_cpu_init();
    if (!__builtin_cpu_supports("avx")) {       /* F16C comes with AVX hosts */
        g_test_skip("host without F16C");
        return;
    }
    r = g_rand_new_with_seed(0xf16);
    for (int i = 0; i < 200000; i++) {
        int op = g_rand_int_range(r, 0, 5);
        float16 a = rand_half(r), b = rand_half(r), want, got;
        FloatStatus s = x86();
        uint8_t want_flags;

        s.rounding_mode = modes[g_rand_int_range(r, 0, 4)];
        want = host_half(op, a, b, s.rounding_mode, &want_flags);
        switch (op) {
        case H_ADD:
            got = float16_add(a, b, &s);
            break;
        case H_SUB:
            got = float16_sub(a, b, &s);
            break;
        case H_MUL:
            got = float16_mul(a, b, &s);
            break;
        case H_DIV:
            got = float16_div(a, b, &s);
            break;
        default:
            got = float16_sqrt(a, &s);
            break;
        }
        if ((want & 0x7c00) == 0x7c00 && (want & 0x3ff) && float16_is_nan(got)) {
            want = got;     /* default NaNs: x86's sign, checked elsewhere */
        }
        if (got != want || s.flags != want_flags) {
            if (++failures <= 10) {
                g_test_message("half %s %#x %#x mode %d: host %#x flags %#x, fpu %#x flags %#x",
                               names[op], a, b, s.rounding_mode, want, want_flags,
                               got, s.flags);
            }
        }
    }
    g_rand_free(r);
    if (failures) {
        g_test_message("%d cases differ", failures);
        g_test_fail();
    }
}

/* Every half converts to single exactly, as F16C does; singles to half in four modes. */
static void test_half_conversions(void)
{
    GRand *r;
    int failures = 0;

    __builtin_cpu_init();
    if (!__builtin_cpu_supports("avx")) {
        g_test_skip("host without F16C");
        return;
    }
    for (uint32_t h = 0; h < 0x10000; h++) {
        FloatStatus s = x86();
        uint32_t want;
        float f;

        asm volatile("vmovd %1, %0; vcvtph2ps %0, %0" : "=x"(f) : "r"(h));
        memcpy(&want, &f, 4);
        if (float16_is_signaling_nan(h)) {
            want |= 0x00400000;         /* FPConvert quietens; F16C keeps sNaNs */
        }
        if (float16_to_float32(h, true, &s) != want && ++failures <= 10) {
            g_test_message("half %#x -> single: want %#x", h, want);
        }
    }
    r = g_rand_new_with_seed(0x16f);
    for (int i = 0; i < 100000; i++) {
        static const uint32_t rc[] = { 0, 2, 1, 3 };    /* by FloatRoundMode */
        FloatStatus s = x86();
        uint32_t v = g_rand_int(r), saved, csr, after, want;
        uint8_t want_flags;
        float f;
        float16 got;

        if (g_rand_boolean(r)) {
            v = (v & 0x807fffff) | (uint32_t)g_rand_int_range(r, 100, 145) << 23;
        }
        if ((v & 0x7f800000) == 0x7f800000 && (v & 0x7fffff)) {
            continue;                   /* NaNs: see test_ahp */
        }
        s.rounding_mode = g_rand_int_range(r, 0, 4);
        csr = 0x1f80 | rc[s.rounding_mode] << 13;
        memcpy(&f, &v, 4);
        asm volatile("stmxcsr %0" : "=m"(saved));
        asm volatile("ldmxcsr %0" : : "m"(csr));
        asm volatile("vcvtps2ph $4, %1, %1; vmovd %1, %0" : "=r"(want), "+x"(f));
        asm volatile("stmxcsr %0" : "=m"(after));
        asm volatile("ldmxcsr %0" : : "m"(saved));
        want &= 0xffff;
        want_flags = (after & 1 ? INV : 0) | (after & 8 ? OF : 0) |
                     (after & 16 ? UF : 0) | (after & 32 ? IX : 0);
        got = float32_to_float16(v, true, &s);
        if ((got != want || s.flags != want_flags) && ++failures <= 10) {
            g_test_message("single %#x -> half mode %d: host %#x flags %#x, fpu %#x flags %#x",
                           v, s.rounding_mode, want, want_flags, got, s.flags);
        }
    }
    g_rand_free(r);
    if (failures) {
        g_test_fail();
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fpu/arm/nan-propagation", test_nan_propagation);
    g_test_add_func("/fpu/arm/muladd-nans", test_muladd_nans);
    g_test_add_func("/fpu/arm/default-nan", test_default_nan);
    g_test_add_func("/fpu/arm/flush-to-zero", test_flush_to_zero);
    g_test_add_func("/fpu/arm/ahp", test_ahp);
    g_test_add_func("/fpu/arm/rounding-modes", test_rounding_modes);
    g_test_add_func("/fpu/arm/min-max-compare", test_min_max);
    g_test_add_func("/fpu/arm/int-conversions", test_int_conversions);
    g_test_add_func("/fpu/arm/muladd", test_muladd);
    g_test_add_func("/fpu/arm/away-odd-random", test_away_odd_random);
    g_test_add_func("/fpu/half/arith-vs-host", test_half_arith);
    g_test_add_func("/fpu/half/conversions-vs-host", test_half_conversions);
    return g_test_run();
}
