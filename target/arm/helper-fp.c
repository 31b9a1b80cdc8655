/*
 * A64 FP element helpers: the arithmetic of one single or double value,
 * FCMP, conversions, and the estimates (FRECPE, FRSQRTE, FRECPX).
 *
 * Every operation is written once over a 64-bit pattern and a "dbl"
 * flag; DEF_FP_BIN/DEF_FP_UN turn it into the two functions (single,
 * double) that fill the tables of helper-fp.h, with the format a
 * compile-time constant in each. Plain IEEE operations go straight to the
 * fpu/ library, which already follows ARM's rules (NaN choice, tininess,
 * flush-to-zero, default NaN) as env->fp_status configures them; what is
 * ARM-specific is here: FMULX's and the step instructions' inf * 0,
 * FPMulAdd's NaN order (the addend first), and the estimate tables, which
 * are computed from the pseudocode's RecipEstimate/RecipSqrtEstimate
 * (ARM ARM J1) rather than stored.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bitops.h"
#include "target/arm/helper-fp.h"

/* ---- The library, by format ---- */

static inline unsigned frac_bits(bool dbl)
{
    return dbl ? 52 : 23;
}

static inline unsigned exp_bits(bool dbl)
{
    return dbl ? 11 : 8;
}

static inline uint64_t sign_bit(bool dbl)
{
    return dbl ? 1ULL << 63 : 1ULL << 31;
}

/* An FP constant with this sign, exponent field and fraction. */
static inline uint64_t fp_pack(bool dbl, bool sign, uint64_t exp, uint64_t frac)
{
    return (sign ? sign_bit(dbl) : 0) | exp << frac_bits(dbl) | frac;
}

static inline uint64_t fp_infinity(bool dbl, bool sign)
{
    return fp_pack(dbl, sign, (1u << exp_bits(dbl)) - 1, 0);
}

/* 1.5, 2.0, 3.0 */
static inline uint64_t fp_const(bool dbl, int exp, unsigned top_frac_bit)
{
    unsigned bias = (1u << (exp_bits(dbl) - 1)) - 1;

    return fp_pack(dbl, false, bias + exp, top_frac_bit ? 1ULL << (frac_bits(dbl) - 1) : 0);
}

#define FP_LIB_BIN(name) \
    static inline uint64_t f_##name(bool dbl, uint64_t a, uint64_t b, FloatStatus *s) \
    { \
        return dbl ? float64_##name(a, b, s) : float32_##name((float32)a, (float32)b, s); \
    }
FP_LIB_BIN(add)
FP_LIB_BIN(sub)
FP_LIB_BIN(mul)
FP_LIB_BIN(div)
FP_LIB_BIN(min)
FP_LIB_BIN(max)
FP_LIB_BIN(minnum)
FP_LIB_BIN(maxnum)

#define FP_LIB_PRED(name) \
    static inline bool f_##name(bool dbl, uint64_t a) \
    { \
        return dbl ? float64_##name(a) : float32_##name((float32)a); \
    }
FP_LIB_PRED(is_nan)
FP_LIB_PRED(is_signaling_nan)
FP_LIB_PRED(is_infinity)
FP_LIB_PRED(is_zero)
FP_LIB_PRED(is_denormal)

static inline FloatRelation f_compare(bool dbl, uint64_t a, uint64_t b, bool quiet,
                                      FloatStatus *s)
{
    if (dbl) {
        return quiet ? float64_compare_quiet(a, b, s) : float64_compare(a, b, s);
    }
    return quiet ? float32_compare_quiet((float32)a, (float32)b, s)
                 : float32_compare((float32)a, (float32)b, s);
}

static inline uint64_t f_muladd(bool dbl, uint64_t a, uint64_t b, uint64_t c, FloatStatus *s)
{
    return dbl ? float64_muladd(a, b, c, 0, s)
               : float32_muladd((float32)a, (float32)b, (float32)c, 0, s);
}

static inline uint64_t f_default_nan(bool dbl, const FloatStatus *s)
{
    return dbl ? float64_default_nan(s) : float32_default_nan(s);
}

static inline uint64_t f_silence_nan(bool dbl, uint64_t a)
{
    return dbl ? float64_silence_nan(a) : float32_silence_nan((float32)a);
}

/* The rounding mode of a param word: a fixed one, or FPCR's. */
static inline FloatRoundMode param_rmode(const FloatStatus *s, uint32_t param)
{
    unsigned rm = FP_PARAM_RMODE(param);

    return rm == FP_RM_FPCR ? (FloatRoundMode)s->rounding_mode : (FloatRoundMode)rm;
}

/* ---- ARM's special cases ---- */

/* A denormal input that FPCR.FZ reads as zero (FPUnpack): IDC, and it is a zero. */
static bool is_zero_input(bool dbl, uint64_t a, FloatStatus *s)
{
    if (f_is_zero(dbl, a)) {
        return true;
    }
    if (s->flush_inputs_to_zero && f_is_denormal(dbl, a)) {
        s->flags |= FLOAT_FLAG_INPUT_DENORMAL;
        return true;
    }
    return false;
}

/*
 * FPProcessNaNs/FPProcessNaNs3 (ARM ARM J1): the first signalling NaN of
 * ops (in the pseudocode's order), else the first quiet one; false when
 * none is a NaN. The operands are unpacked first, so a flushed denormal
 * among them still sets IDC.
 */
static bool process_nans(bool dbl, const uint64_t *ops, unsigned n, uint64_t *result,
                         FloatStatus *s)
{
    int pick = -1;

    for (unsigned i = 0; i < n; i++) {
        if (f_is_signaling_nan(dbl, ops[i])) {
            pick = i;
            break;
        }
        if (pick < 0 && f_is_nan(dbl, ops[i])) {
            pick = i;
        }
    }
    if (pick < 0) {
        return false;
    }
    for (unsigned i = 0; i < n; i++) {
        if (s->flush_inputs_to_zero && f_is_denormal(dbl, ops[i])) {
            s->flags |= FLOAT_FLAG_INPUT_DENORMAL;
        }
    }
    if (f_is_signaling_nan(dbl, ops[pick])) {
        s->flags |= FLOAT_FLAG_INVALID;
    }
    *result = s->default_nan_mode ? f_default_nan(dbl, s) : f_silence_nan(dbl, ops[pick]);
    return true;
}

/* inf * 0 after FZ, in either order (FMULX, FRECPS, FRSQRTS: a finite result). */
static bool is_inf_times_zero(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    bool za = is_zero_input(dbl, a, s), zb = is_zero_input(dbl, b, s);

    return (f_is_infinity(dbl, a) && zb) || (za && f_is_infinity(dbl, b));
}

/* FPMulAdd (ARM ARM J1): addend + x * y, one rounding. */
static inline uint64_t fp_muladd_arm(bool dbl, uint64_t addend, uint64_t x, uint64_t y,
                                     FloatStatus *s)
{
    const uint64_t ops[3] = { addend, x, y };
    uint64_t result;

    if (process_nans(dbl, ops, 3, &result, s)) {
        /* A quiet NaN addend does not hide the invalid inf * 0. */
        if (!f_is_signaling_nan(dbl, addend) && f_is_nan(dbl, addend) &&
            !f_is_nan(dbl, x) && !f_is_nan(dbl, y) && is_inf_times_zero(dbl, x, y, s)) {
            s->flags |= FLOAT_FLAG_INVALID;
            result = f_default_nan(dbl, s);
        }
        return result;
    }
    return f_muladd(dbl, x, y, addend, s);
}

uint64_t helper_fmuladd_s(CPUARMState *env, uint64_t addend, uint64_t x, uint64_t y)
{
    return fp_muladd_arm(false, addend, x, y, &env->fp_status);
}

uint64_t helper_fmuladd_d(CPUARMState *env, uint64_t addend, uint64_t x, uint64_t y)
{
    return fp_muladd_arm(true, addend, x, y, &env->fp_status);
}

/* ---- Binary operations ---- */

static inline uint64_t op_add(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return f_add(dbl, a, b, s);
}

static inline uint64_t op_sub(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return f_sub(dbl, a, b, s);
}

static inline uint64_t op_mul(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return f_mul(dbl, a, b, s);
}

static inline uint64_t op_div(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return f_div(dbl, a, b, s);
}

static inline uint64_t op_max(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return f_max(dbl, a, b, s);
}

static inline uint64_t op_min(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return f_min(dbl, a, b, s);
}

static inline uint64_t op_maxnm(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return f_maxnum(dbl, a, b, s);
}

static inline uint64_t op_minnm(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return f_minnum(dbl, a, b, s);
}

/* FNMUL: FPNeg of the product, a NaN result included (C7.2.133). */
static inline uint64_t op_nmul(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return f_mul(dbl, a, b, s) ^ sign_bit(dbl);
}

/* FABD: FPAbs(FPSub()), a NaN result included (C7.2.51). */
static inline uint64_t op_abd(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return f_sub(dbl, a, b, s) & ~sign_bit(dbl);
}

/* FPMulX (J1): inf * 0 is 2.0 with the product's sign. */
static inline uint64_t op_mulx(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    const uint64_t ops[2] = { a, b };
    uint64_t result;

    if (process_nans(dbl, ops, 2, &result, s)) {
        return result;
    }
    if (is_inf_times_zero(dbl, a, b, s)) {
        return fp_const(dbl, 1, 0) | ((a ^ b) & sign_bit(dbl));
    }
    return f_mul(dbl, a, b, s);
}

/* FPRecipStepFused (J1): 2 - a * b, one rounding; inf * 0 gives 2.0. */
static inline uint64_t op_recps(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    const uint64_t ops[2] = { a ^ sign_bit(dbl), b };
    uint64_t result;

    if (process_nans(dbl, ops, 2, &result, s)) {
        return result;
    }
    if (is_inf_times_zero(dbl, a, b, s)) {
        return fp_const(dbl, 1, 0);
    }
    return f_muladd(dbl, ops[0], b, fp_const(dbl, 1, 0), s);
}

/*
 * FPRSqrtStepFused (J1): (3 - a * b) / 2 with one rounding; inf * 0 gives
 * 1.5. The library's fused multiply-add has no "halve the result", so one
 * factor is halved first, which is exact when its exponent field is above
 * 1: then (-a/2) * b + 1.5 is the very value, rounded once. When both
 * factors are that small the product is below 2^-250 and (3 - a*b) / 2 can
 * be rounded in two steps without harm (3 - tiny is not near a power of two
 * boundary that halving could disturb; halving 3-ish is exact).
 */
static inline uint64_t op_rsqrts(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    const uint64_t ops[2] = { a ^ sign_bit(dbl), b };
    unsigned fb = frac_bits(dbl), eb = exp_bits(dbl), max_exp = (1u << eb) - 1;
    uint64_t na = ops[0], result;
    unsigned ea = extract64(a, fb, eb), ebx = extract64(b, fb, eb);

    if (process_nans(dbl, ops, 2, &result, s)) {
        return result;
    }
    if (is_inf_times_zero(dbl, a, b, s)) {
        return fp_const(dbl, 0, 1);
    }
    if (ea != max_exp && ebx != max_exp) {
        if (ea >= ebx && ea > 1) {
            return f_muladd(dbl, na - (1ULL << fb), b, fp_const(dbl, 0, 1), s);
        }
        if (ebx > 1) {
            return f_muladd(dbl, na, b - (1ULL << fb), fp_const(dbl, 0, 1), s);
        }
    }
    result = f_muladd(dbl, na, b, fp_const(dbl, 1, 1), s);
    return f_mul(dbl, result, fp_const(dbl, -1, 0), s);
}

/* FPCompareEQ/GE/GT (J1): EQ is quiet, GE/GT signal on any NaN. All ones when true. */
static inline uint64_t compare_mask(bool dbl, bool holds)
{
    return holds ? (dbl ? UINT64_MAX : UINT32_MAX) : 0;
}

static inline uint64_t op_cmeq(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return compare_mask(dbl, f_compare(dbl, a, b, true, s) == FLOAT_RELATION_EQUAL);
}

static inline uint64_t op_cmge(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    FloatRelation r = f_compare(dbl, a, b, false, s);

    return compare_mask(dbl, r == FLOAT_RELATION_EQUAL || r == FLOAT_RELATION_GREATER);
}

static inline uint64_t op_cmgt(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return compare_mask(dbl, f_compare(dbl, a, b, false, s) == FLOAT_RELATION_GREATER);
}

static inline uint64_t op_acge(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return op_cmge(dbl, a & ~sign_bit(dbl), b & ~sign_bit(dbl), s);
}

static inline uint64_t op_acgt(bool dbl, uint64_t a, uint64_t b, FloatStatus *s)
{
    return op_cmgt(dbl, a & ~sign_bit(dbl), b & ~sign_bit(dbl), s);
}

#define DEF_FP_BIN(name) \
    static uint64_t fp_##name##_s(CPUARMState *env, uint64_t a, uint64_t b) \
    { \
        return (uint32_t)op_##name(false, (uint32_t)a, (uint32_t)b, &env->fp_status); \
    } \
    static uint64_t fp_##name##_d(CPUARMState *env, uint64_t a, uint64_t b) \
    { \
        return op_##name(true, a, b, &env->fp_status); \
    }
DEF_FP_BIN(add)
DEF_FP_BIN(sub)
DEF_FP_BIN(mul)
DEF_FP_BIN(div)
DEF_FP_BIN(max)
DEF_FP_BIN(min)
DEF_FP_BIN(maxnm)
DEF_FP_BIN(minnm)
DEF_FP_BIN(nmul)
DEF_FP_BIN(abd)
DEF_FP_BIN(mulx)
DEF_FP_BIN(recps)
DEF_FP_BIN(rsqrts)
DEF_FP_BIN(cmeq)
DEF_FP_BIN(cmge)
DEF_FP_BIN(cmgt)
DEF_FP_BIN(acge)
DEF_FP_BIN(acgt)

/* ---- Unary operations ---- */

/* FPProcessNaN (J1) for one operand; false when it is not a NaN. */
static bool process_nan1(bool dbl, uint64_t a, uint64_t *result, FloatStatus *s)
{
    return process_nans(dbl, &a, 1, result, s);
}

static inline uint64_t op_sqrt(bool dbl, uint64_t a, uint32_t param, FloatStatus *s)
{
    return dbl ? float64_sqrt(a, s) : float32_sqrt((float32)a, s);
}

static inline uint64_t op_rint(bool dbl, uint64_t a, uint32_t param, FloatStatus *s)
{
    FloatRoundMode rm = param_rmode(s, param);
    bool exact = param & FP_PARAM_EXACT;

    return dbl ? float64_round_to_int(a, rm, exact, s)
               : float32_round_to_int((float32)a, rm, exact, s);
}

/* RecipEstimate (J1): a in [256, 512) is 0.5 <= x < 1.0 in 9 bits; 1/x in [256, 512). */
static unsigned recip_estimate(unsigned a)
{
    unsigned b;

    a = a * 2 + 1;
    b = (1u << 19) / a;
    return (b + 1) / 2;
}

/* RecipSqrtEstimate (J1): a in [128, 512) is 0.25 <= x < 1.0; 1/sqrt(x) in [256, 512). */
static unsigned rsqrt_estimate(unsigned a)
{
    uint64_t b = 512;

    if (a < 256) {
        a = a * 2 + 1;
    } else {
        a = (a >> 1) << 1;
        a = (a + 1) * 2;
    }
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ULL << 28)) {
        b++;
    }
    return (b + 1) / 2;
}

/* FPRecipEstimate (J1, C7.2.151 FRECPE). */
static inline uint64_t op_recpe(bool dbl, uint64_t a, uint32_t param, FloatStatus *s)
{
    unsigned fb = frac_bits(dbl), eb = exp_bits(dbl);
    bool sign = a & sign_bit(dbl);
    int64_t exp = extract64(a, fb, eb), result_exp;
    uint64_t fraction = extract64(a, 0, fb) << (52 - fb), result;
    bool overflow_to_inf;
    unsigned estimate;

    if (process_nan1(dbl, a, &result, s)) {
        return result;
    }
    if (f_is_infinity(dbl, a)) {
        return fp_pack(dbl, sign, 0, 0);
    }
    if (is_zero_input(dbl, a, s)) {
        s->flags |= FLOAT_FLAG_DIVBYZERO;
        return fp_infinity(dbl, sign);
    }
    if (exp == 0 && !(fraction >> 50)) {
        /* Below 2^-(bias + 1): the reciprocal overflows. */
        switch (s->rounding_mode) {
        case FLOAT_ROUND_NEAREST_EVEN:
            overflow_to_inf = true;
            break;
        case FLOAT_ROUND_UP:
            overflow_to_inf = !sign;
            break;
        case FLOAT_ROUND_DOWN:
            overflow_to_inf = sign;
            break;
        default:
            overflow_to_inf = false;
            break;
        }
        s->flags |= FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT;
        return overflow_to_inf ? fp_infinity(dbl, sign)
                               : fp_pack(dbl, sign, (1u << eb) - 2, (1ULL << fb) - 1);
    }
    if (s->flush_to_zero && exp >= (int64_t)(1u << eb) - 3) {
        /* At or above 2^(bias - 1): the reciprocal would be a denormal. */
        s->flags |= FLOAT_FLAG_UNDERFLOW;
        return fp_pack(dbl, sign, 0, 0);
    }
    if (exp == 0) {
        if (!(fraction >> 51)) {
            exp = -1;
            fraction = (fraction & ((1ULL << 50) - 1)) << 2;
        } else {
            fraction = (fraction & ((1ULL << 51) - 1)) << 1;
        }
    }
    estimate = recip_estimate(256 | extract64(fraction, 44, 8));
    result_exp = (int64_t)(2 * ((1u << (eb - 1)) - 1)) - 1 - exp;    /* 253 - exp, 2045 - exp */
    fraction = (uint64_t)(estimate & 0xff) << 44;
    if (result_exp == 0) {
        fraction = 1ULL << 51 | fraction >> 1;
    } else if (result_exp == -1) {
        fraction = 1ULL << 50 | fraction >> 2;
        result_exp = 0;
    }
    return fp_pack(dbl, sign, result_exp, fraction >> (52 - fb));
}

/* FPRSqrtEstimate (J1, C7.2.167 FRSQRTE). */
static inline uint64_t op_rsqrte(bool dbl, uint64_t a, uint32_t param, FloatStatus *s)
{
    unsigned fb = frac_bits(dbl), eb = exp_bits(dbl);
    bool sign = a & sign_bit(dbl);
    int64_t exp = extract64(a, fb, eb), result_exp;
    uint64_t fraction = extract64(a, 0, fb) << (52 - fb), result;
    const uint64_t mask52 = (1ULL << 52) - 1;
    unsigned scaled, estimate;

    if (process_nan1(dbl, a, &result, s)) {
        return result;
    }
    if (is_zero_input(dbl, a, s)) {
        s->flags |= FLOAT_FLAG_DIVBYZERO;
        return fp_infinity(dbl, sign);
    }
    if (sign) {
        s->flags |= FLOAT_FLAG_INVALID;
        return f_default_nan(dbl, s);
    }
    if (f_is_infinity(dbl, a)) {
        return 0;
    }
    if (exp == 0) {
        while (!(fraction >> 51)) {
            fraction = (fraction << 1) & mask52;
            exp--;
        }
        fraction = (fraction << 1) & mask52;
    }
    /* An even biased exponent is an odd power of two: the value scaled into [0.5, 1). */
    if (!(exp & 1)) {
        scaled = 256 | extract64(fraction, 44, 8);
    } else {
        scaled = 128 | extract64(fraction, 45, 7);
    }
    /* (380 - exp) DIV 2, (3068 - exp) DIV 2: the numerator is positive. */
    result_exp = ((int64_t)(3 * ((1u << (eb - 1)) - 1)) - 1 - exp) / 2;
    estimate = rsqrt_estimate(scaled);
    return fp_pack(dbl, false, result_exp, (uint64_t)(estimate & 0xff) << (fb - 8));
}

/* FPRecpX (J1, C7.2.154 FRECPX): the exponent inverted, the fraction dropped. */
static inline uint64_t op_recpx(bool dbl, uint64_t a, uint32_t param, FloatStatus *s)
{
    unsigned fb = frac_bits(dbl), eb = exp_bits(dbl);
    uint64_t exp = extract64(a, fb, eb), result;
    bool sign = a & sign_bit(dbl);

    if (process_nan1(dbl, a, &result, s)) {
        return result;
    }
    if (exp == 0) {
        is_zero_input(dbl, a, s);       /* IDC for a flushed denormal */
        return fp_pack(dbl, sign, (1u << eb) - 2, 0);
    }
    return fp_pack(dbl, sign, ~exp & ((1u << eb) - 1), 0);
}

static inline uint64_t op_to_sint(bool dbl, uint64_t a, uint32_t param, FloatStatus *s)
{
    FloatRoundMode rm = param_rmode(s, param);
    int fbits = param >> 8;

    return dbl ? (uint64_t)float64_to_int64_scalbn(a, rm, fbits, s)
               : (uint32_t)float32_to_int32_scalbn((float32)a, rm, fbits, s);
}

static inline uint64_t op_to_uint(bool dbl, uint64_t a, uint32_t param, FloatStatus *s)
{
    FloatRoundMode rm = param_rmode(s, param);
    int fbits = param >> 8;

    return dbl ? float64_to_uint64_scalbn(a, rm, fbits, s)
               : float32_to_uint32_scalbn((float32)a, rm, fbits, s);
}

static inline uint64_t op_from_sint(bool dbl, uint64_t v, uint32_t param, FloatStatus *s)
{
    int fbits = param >> 8;

    return dbl ? int64_to_float64_scalbn((int64_t)v, fbits, s)
               : int32_to_float32_scalbn((int32_t)v, fbits, s);
}

static inline uint64_t op_from_uint(bool dbl, uint64_t v, uint32_t param, FloatStatus *s)
{
    int fbits = param >> 8;

    return dbl ? uint64_to_float64_scalbn(v, fbits, s)
               : uint32_to_float32_scalbn((uint32_t)v, fbits, s);
}

#define DEF_FP_UN(name) \
    static uint64_t fp_##name##_s(CPUARMState *env, uint64_t a, uint32_t param) \
    { \
        return (uint32_t)op_##name(false, (uint32_t)a, param, &env->fp_status); \
    } \
    static uint64_t fp_##name##_d(CPUARMState *env, uint64_t a, uint32_t param) \
    { \
        return op_##name(true, a, param, &env->fp_status); \
    }
DEF_FP_UN(sqrt)
DEF_FP_UN(rint)
DEF_FP_UN(recpe)
DEF_FP_UN(rsqrte)
DEF_FP_UN(recpx)
DEF_FP_UN(to_sint)
DEF_FP_UN(to_uint)
DEF_FP_UN(from_sint)
DEF_FP_UN(from_uint)

/* ---- The tables ---- */

#define FP_BIN_ROW(fmt) { \
    [FPB_ADD] = fp_add_##fmt, [FPB_SUB] = fp_sub_##fmt, [FPB_MUL] = fp_mul_##fmt, \
    [FPB_DIV] = fp_div_##fmt, [FPB_MAX] = fp_max_##fmt, [FPB_MIN] = fp_min_##fmt, \
    [FPB_MAXNM] = fp_maxnm_##fmt, [FPB_MINNM] = fp_minnm_##fmt, [FPB_NMUL] = fp_nmul_##fmt, \
    [FPB_ABD] = fp_abd_##fmt, [FPB_MULX] = fp_mulx_##fmt, [FPB_RECPS] = fp_recps_##fmt, \
    [FPB_RSQRTS] = fp_rsqrts_##fmt, [FPB_CMEQ] = fp_cmeq_##fmt, [FPB_CMGE] = fp_cmge_##fmt, \
    [FPB_CMGT] = fp_cmgt_##fmt, [FPB_ACGE] = fp_acge_##fmt, [FPB_ACGT] = fp_acgt_##fmt, \
}

FPBinFn *const fp_bin_fns[2][FPB_COUNT] = { FP_BIN_ROW(s), FP_BIN_ROW(d) };

#define FP_UN_ROW(fmt) { \
    [FPU_SQRT] = fp_sqrt_##fmt, [FPU_RINT] = fp_rint_##fmt, [FPU_RECPE] = fp_recpe_##fmt, \
    [FPU_RSQRTE] = fp_rsqrte_##fmt, [FPU_RECPX] = fp_recpx_##fmt, \
    [FPU_TO_SINT] = fp_to_sint_##fmt, [FPU_TO_UINT] = fp_to_uint_##fmt, \
    [FPU_FROM_SINT] = fp_from_sint_##fmt, [FPU_FROM_UINT] = fp_from_uint_##fmt, \
}

FPUnFn *const fp_un_fns[2][FPU_COUNT] = { FP_UN_ROW(s), FP_UN_ROW(d) };

#define BIN_INFO(op, fmt, fn) [op] = { \
    .func = fp_##fn##_##fmt, .name = "fp_" #fn "_" #fmt, .flags = TCG_CALL_NO_RWG, \
    .has_ret = true, .ret_type = TCG_TYPE_I64, \
    .nb_args = 3, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I64 }, \
}
#define BIN_INFO_ROW(fmt) { \
    BIN_INFO(FPB_ADD, fmt, add), BIN_INFO(FPB_SUB, fmt, sub), BIN_INFO(FPB_MUL, fmt, mul), \
    BIN_INFO(FPB_DIV, fmt, div), BIN_INFO(FPB_MAX, fmt, max), BIN_INFO(FPB_MIN, fmt, min), \
    BIN_INFO(FPB_MAXNM, fmt, maxnm), BIN_INFO(FPB_MINNM, fmt, minnm), \
    BIN_INFO(FPB_NMUL, fmt, nmul), BIN_INFO(FPB_ABD, fmt, abd), BIN_INFO(FPB_MULX, fmt, mulx), \
    BIN_INFO(FPB_RECPS, fmt, recps), BIN_INFO(FPB_RSQRTS, fmt, rsqrts), \
    BIN_INFO(FPB_CMEQ, fmt, cmeq), BIN_INFO(FPB_CMGE, fmt, cmge), BIN_INFO(FPB_CMGT, fmt, cmgt), \
    BIN_INFO(FPB_ACGE, fmt, acge), BIN_INFO(FPB_ACGT, fmt, acgt), \
}

const TCGHelperInfo helper_info_fp_bin[2][FPB_COUNT] = { BIN_INFO_ROW(s), BIN_INFO_ROW(d) };

#define UN_INFO(op, fmt, fn) [op] = { \
    .func = fp_##fn##_##fmt, .name = "fp_" #fn "_" #fmt, .flags = TCG_CALL_NO_RWG, \
    .has_ret = true, .ret_type = TCG_TYPE_I64, \
    .nb_args = 3, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I32 }, \
}
#define UN_INFO_ROW(fmt) { \
    UN_INFO(FPU_SQRT, fmt, sqrt), UN_INFO(FPU_RINT, fmt, rint), UN_INFO(FPU_RECPE, fmt, recpe), \
    UN_INFO(FPU_RSQRTE, fmt, rsqrte), UN_INFO(FPU_RECPX, fmt, recpx), \
    UN_INFO(FPU_TO_SINT, fmt, to_sint), UN_INFO(FPU_TO_UINT, fmt, to_uint), \
    UN_INFO(FPU_FROM_SINT, fmt, from_sint), UN_INFO(FPU_FROM_UINT, fmt, from_uint), \
}

const TCGHelperInfo helper_info_fp_un[2][FPU_COUNT] = { UN_INFO_ROW(s), UN_INFO_ROW(d) };

const TCGHelperInfo helper_info_fmuladd[2] = {
    { .func = helper_fmuladd_s, .name = "fmuladd_s", .flags = TCG_CALL_NO_RWG,
      .has_ret = true, .ret_type = TCG_TYPE_I64,
      .nb_args = 4, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I64 } },
    { .func = helper_fmuladd_d, .name = "fmuladd_d", .flags = TCG_CALL_NO_RWG,
      .has_ret = true, .ret_type = TCG_TYPE_I64,
      .nb_args = 4, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I64 } },
};

/* ---- Comparison to NZCV ---- */

/* FPCompare (J1) as FCMP sets NZCV (C7.2.66): unordered 0011, equal 0110, less 1000, greater 0010. */
static uint32_t fcmp(bool dbl, CPUARMState *env, uint64_t a, uint64_t b, uint32_t cond_holds,
                     uint32_t param)
{
    static const uint32_t nzcv_of[4] = {
        [FLOAT_RELATION_LESS + 1] = 0x8, [FLOAT_RELATION_EQUAL + 1] = 0x6,
        [FLOAT_RELATION_GREATER + 1] = 0x2, [FLOAT_RELATION_UNORDERED + 1] = 0x3,
    };

    if (!cond_holds) {
        return param & 0xf0000000u;
    }
    return nzcv_of[f_compare(dbl, a, b, !(param & 1), &env->fp_status) + 1] << 28;
}

uint32_t helper_fcmp_s(CPUARMState *env, uint64_t a, uint64_t b, uint32_t cond_holds,
                       uint32_t param)
{
    return fcmp(false, env, (uint32_t)a, (uint32_t)b, cond_holds, param);
}

uint32_t helper_fcmp_d(CPUARMState *env, uint64_t a, uint64_t b, uint32_t cond_holds,
                       uint32_t param)
{
    return fcmp(true, env, a, b, cond_holds, param);
}

const TCGHelperInfo helper_info_fcmp[2] = {
    { .func = helper_fcmp_s, .name = "fcmp_s", .flags = TCG_CALL_NO_RWG,
      .has_ret = true, .ret_type = TCG_TYPE_I32, .nb_args = 5,
      .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I32, TCG_TYPE_I32 } },
    { .func = helper_fcmp_d, .name = "fcmp_d", .flags = TCG_CALL_NO_RWG,
      .has_ret = true, .ret_type = TCG_TYPE_I32, .nb_args = 5,
      .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I32, TCG_TYPE_I32 } },
};

/* ---- Conversions ---- */

/*
 * FPConvert (J1): FPCR.FZ applies to single and double inputs and results,
 * never to half precision (FPUnpackCV, FPRoundCV ignore FZ16); FPCR.AHP
 * selects the alternative half-precision format. The conversion runs on a
 * copy of the status with those flush controls and hands back its flags.
 */
uint64_t helper_fcvt(CPUARMState *env, uint64_t a, uint32_t desc)
{
    unsigned from = extract32(desc, 0, 2), to = extract32(desc, 2, 2);
    bool ieee = !(env->fpcr & FPCR_AHP);
    FloatStatus st = env->fp_status;
    uint64_t r;

    if (from == FP_FMT_H) {
        st.flush_inputs_to_zero = false;
    }
    if (to == FP_FMT_H) {
        st.flush_to_zero = false;
    }
    if (extract32(desc, 4, 1)) {
        st.rounding_mode = FLOAT_ROUND_TO_ODD;
    }
    switch (from << 2 | to) {
    case FP_FMT_H << 2 | FP_FMT_S:
        r = float16_to_float32((float16)a, ieee, &st);
        break;
    case FP_FMT_H << 2 | FP_FMT_D:
        r = float16_to_float64((float16)a, ieee, &st);
        break;
    case FP_FMT_S << 2 | FP_FMT_H:
        r = float32_to_float16((float32)a, ieee, &st);
        break;
    case FP_FMT_S << 2 | FP_FMT_D:
        r = float32_to_float64((float32)a, &st);
        break;
    case FP_FMT_D << 2 | FP_FMT_H:
        r = float64_to_float16(a, ieee, &st);
        break;
    case FP_FMT_D << 2 | FP_FMT_S:
        r = float64_to_float32(a, &st);
        break;
    default:
        g_assert_not_reached();
    }
    env->fp_status.flags |= st.flags;
    return r;
}

uint64_t helper_fp_to_int(CPUARMState *env, uint64_t a, uint32_t desc)
{
    FloatStatus *s = &env->fp_status;
    FloatRoundMode rm = param_rmode(s, desc);
    int fbits = desc >> 8;

    if (desc & FPCONV_DOUBLE) {
        if (desc & FPCONV_INT64) {
            return desc & FPCONV_UNSIGNED ? float64_to_uint64_scalbn(a, rm, fbits, s)
                                          : (uint64_t)float64_to_int64_scalbn(a, rm, fbits, s);
        }
        return desc & FPCONV_UNSIGNED ? float64_to_uint32_scalbn(a, rm, fbits, s)
                                      : (uint32_t)float64_to_int32_scalbn(a, rm, fbits, s);
    }
    if (desc & FPCONV_INT64) {
        return desc & FPCONV_UNSIGNED
               ? float32_to_uint64_scalbn((float32)a, rm, fbits, s)
               : (uint64_t)float32_to_int64_scalbn((float32)a, rm, fbits, s);
    }
    return desc & FPCONV_UNSIGNED ? float32_to_uint32_scalbn((float32)a, rm, fbits, s)
                                  : (uint32_t)float32_to_int32_scalbn((float32)a, rm, fbits, s);
}

uint64_t helper_int_to_fp(CPUARMState *env, uint64_t v, uint32_t desc)
{
    FloatStatus *s = &env->fp_status;
    int fbits = desc >> 8;

    if (!(desc & FPCONV_INT64)) {
        v = desc & FPCONV_UNSIGNED ? (uint64_t)(uint32_t)v : (uint64_t)(int64_t)(int32_t)v;
    }
    if (desc & FPCONV_DOUBLE) {
        return desc & FPCONV_UNSIGNED ? uint64_to_float64_scalbn(v, fbits, s)
                                      : int64_to_float64_scalbn((int64_t)v, fbits, s);
    }
    return desc & FPCONV_UNSIGNED ? uint64_to_float32_scalbn(v, fbits, s)
                                  : int64_to_float32_scalbn((int64_t)v, fbits, s);
}

#define CONV_INFO(fn) { \
    .func = helper_##fn, .name = #fn, .flags = TCG_CALL_NO_RWG, \
    .has_ret = true, .ret_type = TCG_TYPE_I64, \
    .nb_args = 3, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I32 }, \
}

const TCGHelperInfo helper_info_fcvt = CONV_INFO(fcvt);
const TCGHelperInfo helper_info_fp_to_int = CONV_INFO(fp_to_int);
const TCGHelperInfo helper_info_int_to_fp = CONV_INFO(int_to_fp);
