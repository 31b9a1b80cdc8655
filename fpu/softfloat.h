/*
 * IEEE 754 binary16/32/64 arithmetic in software, shared by every guest.
 *
 * Values are their bit patterns (float16/float32/float64 are plain
 * unsigned integers), so guests store them in their register files as they
 * are and nothing here depends on the host's FPU state. Each operation
 * takes the guest's FloatStatus: the rounding mode, flush-to-zero and
 * default-NaN controls, the target's NaN rules, and the cumulative
 * exception flags it ORs into (the guest maps them onto FPSR, MXCSR,
 * FPSCR ...). Results and flags follow IEEE 754-2008; where the standard
 * leaves a choice (which NaN propagates, tininess before or after
 * rounding, what an invalid conversion returns) the FloatStatus says
 * what the target does.
 *
 * The host FPU computes a result only where it provably gives the same
 * bits and flags (see softfloat.c); everything else is exact software.
 * binary80 (x87) and binary128 (PowerPC, AArch64 FP128 loads) will reuse
 * the same unpacked representation and rounding core when those guests
 * arrive.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FPU_SOFTFLOAT_H
#define FPU_SOFTFLOAT_H

#include "util/osdep.h"

typedef uint16_t float16;
typedef uint32_t float32;
typedef uint64_t float64;

typedef enum FloatRoundMode {
    FLOAT_ROUND_NEAREST_EVEN = 0,
    FLOAT_ROUND_UP = 1,             /* toward +infinity */
    FLOAT_ROUND_DOWN = 2,           /* toward -infinity */
    FLOAT_ROUND_TO_ZERO = 3,
    FLOAT_ROUND_TIES_AWAY = 4,      /* nearest, ties away from zero (ARM FCVTA*, FRINTA) */
    FLOAT_ROUND_TO_ODD = 5,         /* von Neumann rounding (ARM FCVTXN) */
} FloatRoundMode;

/* Exception flags (FloatStatus.flags), cumulative. */
#define FLOAT_FLAG_INVALID        0x01
#define FLOAT_FLAG_DIVBYZERO      0x02
#define FLOAT_FLAG_OVERFLOW       0x04
#define FLOAT_FLAG_UNDERFLOW      0x08
#define FLOAT_FLAG_INEXACT        0x10
#define FLOAT_FLAG_INPUT_DENORMAL 0x20  /* an input was flushed to zero (ARM IDC) */

/* Which NaN an operation with NaN operands returns (when not default-NaN). */
typedef enum FloatNaNRule {
    /* ARM (FPProcessNaNs): the first signalling NaN of a, b (c), else the first quiet one. */
    FLOAT_NAN_ARM,
    /* x86 SSE: the first operand that is a NaN (a before b), quietened. */
    FLOAT_NAN_X86_SSE,
} FloatNaNRule;

typedef struct FloatStatus {
    uint8_t rounding_mode;          /* FloatRoundMode */
    uint8_t flags;                  /* FLOAT_FLAG_*, ORed into */
    bool flush_to_zero;             /* tiny results become signed zero: ARM (tininess
                                       before rounding) raises UNDERFLOW only, x86
                                       (after rounding) UNDERFLOW and INEXACT */
    bool flush_inputs_to_zero;      /* denormal inputs read as zero (+INPUT_DENORMAL) */
    bool default_nan_mode;          /* every NaN result is the default NaN */
    bool tininess_before_rounding;  /* ARM: true; x86: false */
    bool default_nan_negative;      /* default NaN sign: ARM +, x86 - */
    uint8_t nan_rule;               /* FloatNaNRule */
} FloatStatus;

/* The status ARM starts with: RNE, no flush, NaNs propagate, ARM NaN rules. */
void float_status_init_arm(FloatStatus *s);
void float_status_init_x86_sse(FloatStatus *s);

typedef enum FloatRelation {
    FLOAT_RELATION_LESS = -1,
    FLOAT_RELATION_EQUAL = 0,
    FLOAT_RELATION_GREATER = 1,
    FLOAT_RELATION_UNORDERED = 2,
} FloatRelation;

/* Negation flags of float*_muladd: the result is (a * b) + c with these signs flipped. */
#define FLOAT_MULADD_NEGATE_C       1   /* a*b - c */
#define FLOAT_MULADD_NEGATE_PRODUCT 2   /* -(a*b) + c */
#define FLOAT_MULADD_NEGATE_RESULT  4   /* -((a*b) + c), the rounding of the negation */
/*
 * The flags negate numbers only: a NaN operand propagates unchanged. ARM's
 * FMSUB/FNMADD/FNMSUB negate operands with FPNeg before FPMulAdd, which
 * flips a NaN's sign too: flip the operand's sign bit instead of passing a
 * flag to get that.
 */

/*
 * The operations, one set per format (F = float16, float32, float64):
 *
 *   F F_add(F a, F b, FloatStatus *s), F_sub, F_mul, F_div
 *   F F_sqrt(F a, FloatStatus *s)
 *   F F_muladd(F a, F b, F c, int negate_flags, FloatStatus *s)    one rounding
 *   F F_min, F_max(F a, F b, s)       a NaN operand gives a NaN (ARM FMIN/FMAX)
 *   F F_minnum, F_maxnum(F a, F b, s) IEEE 754-2008 minNum/maxNum: a quiet NaN
 *                                      loses to a number (ARM FMINNM/FMAXNM)
 *     (-0 < +0 for all four)
 *   FloatRelation F_compare(F a, F b, s)        any NaN raises INVALID (signalling compare)
 *   FloatRelation F_compare_quiet(F a, F b, s)  only a signalling NaN raises INVALID
 *   F F_round_to_int(F a, FloatRoundMode mode, bool exact, s)
 *                                      exact: raise INEXACT when the value changes (FRINTX)
 *   bool F_is_nan(F a), F_is_signaling_nan(F a), F_is_infinity, F_is_zero, F_is_denormal
 *   F F_silence_nan(F a)
 *   F F_default_nan(s)
 *
 * Conversions. To an integer: rounds with the given mode (not the status's),
 * and an out-of-range value or a NaN raises INVALID and returns the
 * saturated value (NaN: 0), as ARM does; x86 callers replace the result
 * on INVALID. scale multiplies by 2^scale first (fixed point: ARM FCVTZS
 * #fbits passes fbits); pass 0 otherwise.
 *   int32_t  F_to_int32_scalbn(F a, FloatRoundMode mode, int scale, s)
 *   int64_t  F_to_int64_scalbn(...), uint32_t F_to_uint32_scalbn(...), uint64_t F_to_uint64_scalbn(...)
 * From an integer (rounded by the status's mode; the result is v * 2^-scale):
 *   F int32_to_F_scalbn(int32_t v, int scale, s), int64_to_F_scalbn, uint32_to_F_scalbn, uint64_to_F_scalbn
 * Between formats (rounded by the status's mode; NaNs keep their payload's
 * top bits and are quietened):
 *   float32 float16_to_float32(float16 a, bool ieee, s)    ieee false: ARM's
 *   float64 float16_to_float64(float16 a, bool ieee, s)    alternative half precision (no inf/NaN)
 *   float16 float32_to_float16(float32 a, bool ieee, s), float16 float64_to_float16(float64 a, bool ieee, s)
 *   float64 float32_to_float64(float32 a, s), float32 float64_to_float32(float64 a, s)
 */
#define FLOAT_DECLARE_OPS(F)                                                        \
    F F##_add(F a, F b, FloatStatus *s);                                            \
    F F##_sub(F a, F b, FloatStatus *s);                                            \
    F F##_mul(F a, F b, FloatStatus *s);                                            \
    F F##_div(F a, F b, FloatStatus *s);                                            \
    F F##_sqrt(F a, FloatStatus *s);                                                \
    F F##_muladd(F a, F b, F c, int negate_flags, FloatStatus *s);                  \
    F F##_min(F a, F b, FloatStatus *s);                                            \
    F F##_max(F a, F b, FloatStatus *s);                                            \
    F F##_minnum(F a, F b, FloatStatus *s);                                         \
    F F##_maxnum(F a, F b, FloatStatus *s);                                         \
    FloatRelation F##_compare(F a, F b, FloatStatus *s);                            \
    FloatRelation F##_compare_quiet(F a, F b, FloatStatus *s);                      \
    F F##_round_to_int(F a, FloatRoundMode mode, bool exact, FloatStatus *s);       \
    bool F##_is_nan(F a);                                                           \
    bool F##_is_signaling_nan(F a);                                                 \
    bool F##_is_infinity(F a);                                                      \
    bool F##_is_zero(F a);                                                          \
    bool F##_is_denormal(F a);                                                      \
    F F##_silence_nan(F a);                                                         \
    F F##_default_nan(const FloatStatus *s);                                        \
    int32_t F##_to_int32_scalbn(F a, FloatRoundMode mode, int scale, FloatStatus *s);   \
    int64_t F##_to_int64_scalbn(F a, FloatRoundMode mode, int scale, FloatStatus *s);   \
    uint32_t F##_to_uint32_scalbn(F a, FloatRoundMode mode, int scale, FloatStatus *s); \
    uint64_t F##_to_uint64_scalbn(F a, FloatRoundMode mode, int scale, FloatStatus *s); \
    F int32_to_##F##_scalbn(int32_t v, int scale, FloatStatus *s);                  \
    F int64_to_##F##_scalbn(int64_t v, int scale, FloatStatus *s);                  \
    F uint32_to_##F##_scalbn(uint32_t v, int scale, FloatStatus *s);                \
    F uint64_to_##F##_scalbn(uint64_t v, int scale, FloatStatus *s);

FLOAT_DECLARE_OPS(float16)
FLOAT_DECLARE_OPS(float32)
FLOAT_DECLARE_OPS(float64)

float32 float16_to_float32(float16 a, bool ieee, FloatStatus *s);
float64 float16_to_float64(float16 a, bool ieee, FloatStatus *s);
float16 float32_to_float16(float32 a, bool ieee, FloatStatus *s);
float16 float64_to_float16(float64 a, bool ieee, FloatStatus *s);
float64 float32_to_float64(float32 a, FloatStatus *s);
float32 float64_to_float32(float64 a, FloatStatus *s);

#endif
