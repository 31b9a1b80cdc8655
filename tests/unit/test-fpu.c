/*
 * fpu/ against the host's SSE unit: float32 and float64 results AND flags.
 *
 * Each case picks an operation, operands (random, or built to hit edges:
 * zeros, infinities, quiet and signalling NaNs, denormals, the extremes of
 * the normal range, ties, integer boundaries, big exponent gaps, exact
 * cancellation, overflow and underflow), a rounding mode and the FTZ/DAZ
 * bits. The host runs the SSE instruction with MXCSR set accordingly
 * (all exceptions masked) and we read its flags back from MXCSR; fpu/
 * runs with the x86 status (float_status_init_x86_sse: tininess after
 * rounding, x86 NaN rules, flush_to_zero = FTZ, flush_inputs_to_zero =
 * DAZ). Results must match bit for bit (NaNs included: the x86 NaN rule),
 * flags exactly (DE and INPUT_DENORMAL aside: x86 reports denormal
 * operands, not flushes). For conversions to integers the result is
 * compared only when no INVALID is raised: x86 returns its "integer
 * indefinite" there, fpu/ the ARM saturated value.
 *
 * Half of the cases start with INEXACT already set in the status, which
 * is what lets the host fast path (fpu/softfloat-ops.c) run; the other
 * half always take the soft path, so both are compared with the host.
 *
 * The host's MXCSR is set only around the one instruction under test and
 * restored before fpu/ runs (fpu/'s fast path assumes the default).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "fpu/softfloat.h"

#define MXCSR_IE        0x0001
#define MXCSR_ZE        0x0004
#define MXCSR_OE        0x0008
#define MXCSR_UE        0x0010
#define MXCSR_PE        0x0020
#define MXCSR_DAZ       0x0040
#define MXCSR_MASK_ALL  0x1f80
#define MXCSR_RC_SHIFT  13
#define MXCSR_FTZ       0x8000

#define IEEE_FLAGS (FLOAT_FLAG_INVALID | FLOAT_FLAG_DIVBYZERO | FLOAT_FLAG_OVERFLOW | \
                    FLOAT_FLAG_UNDERFLOW | FLOAT_FLAG_INEXACT)

typedef enum Op {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_FMA,
    OP_TO_I32, OP_TO_I64,           /* cvtss2si: the status's mode */
    OP_TO_I32_RZ, OP_TO_I64_RZ,     /* cvttss2si */
    OP_FROM_I32, OP_FROM_I64,
    OP_CONVERT,                     /* float32 <-> float64 (to the other width) */
    OP_ROUND, OP_ROUND_EXACT,       /* roundss with and without PE suppressed */
    OP_COMPARE, OP_COMPARE_QUIET,   /* comiss, ucomiss */
} Op;

static const char *const op_names[] = {
    "add", "sub", "mul", "div", "sqrt", "fma", "to_i32", "to_i64", "to_i32_rz",
    "to_i64_rz", "from_i32", "from_i64", "convert", "round", "round_exact",
    "compare", "compare_quiet",
};

typedef struct Case {
    Op op;
    int width;                      /* 32 or 64 */
    uint64_t a, b, c;
    FloatRoundMode mode;            /* one of the four IEEE modes */
    bool ftz, daz, preset_inexact;
} Case;

/* ---- the host ---- */

static inline uint32_t mxcsr_get(void)
{
    uint32_t v;

    asm volatile("stmxcsr %0" : "=m"(v));
    return v;
}

static inline void mxcsr_set(uint32_t v)
{
    asm volatile("ldmxcsr %0" : : "m"(v));
}

static uint32_t host_rc(FloatRoundMode mode)
{
    switch (mode) {
    case FLOAT_ROUND_DOWN:
        return 1;
    case FLOAT_ROUND_UP:
        return 2;
    case FLOAT_ROUND_TO_ZERO:
        return 3;
    default:
        return 0;
    }
}

static uint8_t flags_from_mxcsr(uint32_t m)
{
    return (m & MXCSR_IE ? FLOAT_FLAG_INVALID : 0) |
           (m & MXCSR_ZE ? FLOAT_FLAG_DIVBYZERO : 0) |
           (m & MXCSR_OE ? FLOAT_FLAG_OVERFLOW : 0) |
           (m & MXCSR_UE ? FLOAT_FLAG_UNDERFLOW : 0) |
           (m & MXCSR_PE ? FLOAT_FLAG_INEXACT : 0);
}

/* roundss/roundsd take the mode as an immediate: bits 1:0 mode, bit 3 no PE. */
#define ROUND_CASE(insn, imm) \
    case imm: asm volatile(insn " $" #imm ", %1, %0" : "=x"(r) : "x"(x)); break

static float host_roundss(float x, int imm)
{
    float r = 0;

    switch (imm) {
    ROUND_CASE("roundss", 0); ROUND_CASE("roundss", 1);
    ROUND_CASE("roundss", 2); ROUND_CASE("roundss", 3);
    ROUND_CASE("roundss", 8); ROUND_CASE("roundss", 9);
    ROUND_CASE("roundss", 10); ROUND_CASE("roundss", 11);
    }
    return r;
}

static double host_roundsd(double x, int imm)
{
    double r = 0;

    switch (imm) {
    ROUND_CASE("roundsd", 0); ROUND_CASE("roundsd", 1);
    ROUND_CASE("roundsd", 2); ROUND_CASE("roundsd", 3);
    ROUND_CASE("roundsd", 8); ROUND_CASE("roundsd", 9);
    ROUND_CASE("roundsd", 10); ROUND_CASE("roundsd", 11);
    }
    return r;
}

static uint64_t host_compare_result(bool lt, bool eq, bool un)
{
    return un ? FLOAT_RELATION_UNORDERED : eq ? FLOAT_RELATION_EQUAL
           : lt ? FLOAT_RELATION_LESS : FLOAT_RELATION_GREATER;
}

static uint64_t host_run32(const Case *t)
{
    float a, b, c, r = 0;
    double d = 0;
    uint32_t bits;
    int32_t i32 = 0;
    int64_t i64 = 0;
    uint8_t lt, eq, un;

    bits = t->a; memcpy(&a, &bits, 4);
    bits = t->b; memcpy(&b, &bits, 4);
    bits = t->c; memcpy(&c, &bits, 4);
    switch (t->op) {
    case OP_ADD:
        asm volatile("addss %1, %0" : "+x"(a) : "x"(b));
        r = a;
        break;
    case OP_SUB:
        asm volatile("subss %1, %0" : "+x"(a) : "x"(b));
        r = a;
        break;
    case OP_MUL:
        asm volatile("mulss %1, %0" : "+x"(a) : "x"(b));
        r = a;
        break;
    case OP_DIV:
        asm volatile("divss %1, %0" : "+x"(a) : "x"(b));
        r = a;
        break;
    case OP_SQRT:
        asm volatile("sqrtss %1, %0" : "=x"(r) : "x"(a));
        break;
    case OP_FMA:
        /* VFMADD231SS xmm1, xmm2, xmm3: xmm1 = xmm2 * xmm3 + xmm1 */
        asm volatile("vfmadd231ss %2, %1, %0" : "+x"(c) : "x"(a), "x"(b));
        r = c;
        break;
    case OP_TO_I32:
        asm volatile("cvtss2si %1, %0" : "=r"(i32) : "x"(a));
        return (uint32_t)i32;
    case OP_TO_I64:
        asm volatile("cvtss2si %1, %q0" : "=r"(i64) : "x"(a));
        return i64;
    case OP_TO_I32_RZ:
        asm volatile("cvttss2si %1, %0" : "=r"(i32) : "x"(a));
        return (uint32_t)i32;
    case OP_TO_I64_RZ:
        asm volatile("cvttss2si %1, %q0" : "=r"(i64) : "x"(a));
        return i64;
    case OP_FROM_I32:
        asm volatile("cvtsi2ssl %1, %0" : "+x"(r) : "r"((int32_t)t->a));
        break;
    case OP_FROM_I64:
        asm volatile("cvtsi2ssq %1, %0" : "+x"(r) : "r"((int64_t)t->a));
        break;
    case OP_CONVERT:
        asm volatile("cvtss2sd %1, %0" : "+x"(d) : "x"(a));
        memcpy(&i64, &d, 8);
        return i64;
    case OP_ROUND:
    case OP_ROUND_EXACT:
        r = host_roundss(a, host_rc(t->mode) | (t->op == OP_ROUND ? 8 : 0));
        break;
    case OP_COMPARE:
        asm volatile("comiss %4, %3; setb %0; sete %1; setp %2"
                     : "=r"(lt), "=r"(eq), "=r"(un) : "x"(a), "x"(b) : "cc");
        return host_compare_result(lt, eq, un);
    case OP_COMPARE_QUIET:
        asm volatile("ucomiss %4, %3; setb %0; sete %1; setp %2"
                     : "=r"(lt), "=r"(eq), "=r"(un) : "x"(a), "x"(b) : "cc");
        return host_compare_result(lt, eq, un);
    }
    memcpy(&bits, &r, 4);
    return bits;
}

static uint64_t host_run64(const Case *t)
{
    double a, b, c, r = 0;
    float f = 0;
    uint64_t bits;
    uint32_t bits32;
    int32_t i32 = 0;
    int64_t i64 = 0;
    uint8_t lt, eq, un;

    memcpy(&a, &t->a, 8);
    memcpy(&b, &t->b, 8);
    memcpy(&c, &t->c, 8);
    switch (t->op) {
    case OP_ADD:
        asm volatile("addsd %1, %0" : "+x"(a) : "x"(b));
        r = a;
        break;
    case OP_SUB:
        asm volatile("subsd %1, %0" : "+x"(a) : "x"(b));
        r = a;
        break;
    case OP_MUL:
        asm volatile("mulsd %1, %0" : "+x"(a) : "x"(b));
        r = a;
        break;
    case OP_DIV:
        asm volatile("divsd %1, %0" : "+x"(a) : "x"(b));
        r = a;
        break;
    case OP_SQRT:
        asm volatile("sqrtsd %1, %0" : "=x"(r) : "x"(a));
        break;
    case OP_FMA:
        asm volatile("vfmadd231sd %2, %1, %0" : "+x"(c) : "x"(a), "x"(b));
        r = c;
        break;
    case OP_TO_I32:
        asm volatile("cvtsd2si %1, %0" : "=r"(i32) : "x"(a));
        return (uint32_t)i32;
    case OP_TO_I64:
        asm volatile("cvtsd2si %1, %q0" : "=r"(i64) : "x"(a));
        return i64;
    case OP_TO_I32_RZ:
        asm volatile("cvttsd2si %1, %0" : "=r"(i32) : "x"(a));
        return (uint32_t)i32;
    case OP_TO_I64_RZ:
        asm volatile("cvttsd2si %1, %q0" : "=r"(i64) : "x"(a));
        return i64;
    case OP_FROM_I32:
        asm volatile("cvtsi2sdl %1, %0" : "+x"(r) : "r"((int32_t)t->a));
        break;
    case OP_FROM_I64:
        asm volatile("cvtsi2sdq %1, %0" : "+x"(r) : "r"((int64_t)t->a));
        break;
    case OP_CONVERT:
        asm volatile("cvtsd2ss %1, %0" : "+x"(f) : "x"(a));
        memcpy(&bits32, &f, 4);
        return bits32;
    case OP_ROUND:
    case OP_ROUND_EXACT:
        r = host_roundsd(a, host_rc(t->mode) | (t->op == OP_ROUND ? 8 : 0));
        break;
    case OP_COMPARE:
        asm volatile("comisd %4, %3; setb %0; sete %1; setp %2"
                     : "=r"(lt), "=r"(eq), "=r"(un) : "x"(a), "x"(b) : "cc");
        return host_compare_result(lt, eq, un);
    case OP_COMPARE_QUIET:
        asm volatile("ucomisd %4, %3; setb %0; sete %1; setp %2"
                     : "=r"(lt), "=r"(eq), "=r"(un) : "x"(a), "x"(b) : "cc");
        return host_compare_result(lt, eq, un);
    }
    memcpy(&bits, &r, 8);
    return bits;
}

static uint64_t host_run(const Case *t, uint8_t *flags)
{
    uint32_t saved = mxcsr_get();
    uint64_t r;

    mxcsr_set(MXCSR_MASK_ALL | host_rc(t->mode) << MXCSR_RC_SHIFT |
              (t->ftz ? MXCSR_FTZ : 0) | (t->daz ? MXCSR_DAZ : 0));
    r = t->width == 32 ? host_run32(t) : host_run64(t);
    *flags = flags_from_mxcsr(mxcsr_get());
    mxcsr_set(saved);
    return r;
}

/* ---- fpu/ ---- */

static uint64_t soft_run32(const Case *t, FloatStatus *s)
{
    float32 a = t->a, b = t->b, c = t->c;

    switch (t->op) {
    case OP_ADD: return float32_add(a, b, s);
    case OP_SUB: return float32_sub(a, b, s);
    case OP_MUL: return float32_mul(a, b, s);
    case OP_DIV: return float32_div(a, b, s);
    case OP_SQRT: return float32_sqrt(a, s);
    case OP_FMA: return float32_muladd(a, b, c, 0, s);
    case OP_TO_I32: return (uint32_t)float32_to_int32_scalbn(a, t->mode, 0, s);
    case OP_TO_I64: return float32_to_int64_scalbn(a, t->mode, 0, s);
    case OP_TO_I32_RZ: return (uint32_t)float32_to_int32_scalbn(a, FLOAT_ROUND_TO_ZERO, 0, s);
    case OP_TO_I64_RZ: return float32_to_int64_scalbn(a, FLOAT_ROUND_TO_ZERO, 0, s);
    case OP_FROM_I32: return int32_to_float32_scalbn((int32_t)t->a, 0, s);
    case OP_FROM_I64: return int64_to_float32_scalbn((int64_t)t->a, 0, s);
    case OP_CONVERT: return float32_to_float64(a, s);
    case OP_ROUND: return float32_round_to_int(a, t->mode, false, s);
    case OP_ROUND_EXACT: return float32_round_to_int(a, t->mode, true, s);
    case OP_COMPARE: return float32_compare(a, b, s);
    case OP_COMPARE_QUIET: return float32_compare_quiet(a, b, s);
    }
    g_assert_not_reached();
}

static uint64_t soft_run64(const Case *t, FloatStatus *s)
{
    float64 a = t->a, b = t->b, c = t->c;

    switch (t->op) {
    case OP_ADD: return float64_add(a, b, s);
    case OP_SUB: return float64_sub(a, b, s);
    case OP_MUL: return float64_mul(a, b, s);
    case OP_DIV: return float64_div(a, b, s);
    case OP_SQRT: return float64_sqrt(a, s);
    case OP_FMA: return float64_muladd(a, b, c, 0, s);
    case OP_TO_I32: return (uint32_t)float64_to_int32_scalbn(a, t->mode, 0, s);
    case OP_TO_I64: return float64_to_int64_scalbn(a, t->mode, 0, s);
    case OP_TO_I32_RZ: return (uint32_t)float64_to_int32_scalbn(a, FLOAT_ROUND_TO_ZERO, 0, s);
    case OP_TO_I64_RZ: return float64_to_int64_scalbn(a, FLOAT_ROUND_TO_ZERO, 0, s);
    case OP_FROM_I32: return int32_to_float64_scalbn((int32_t)t->a, 0, s);
    case OP_FROM_I64: return int64_to_float64_scalbn((int64_t)t->a, 0, s);
    case OP_CONVERT: return float64_to_float32(a, s);
    case OP_ROUND: return float64_round_to_int(a, t->mode, false, s);
    case OP_ROUND_EXACT: return float64_round_to_int(a, t->mode, true, s);
    case OP_COMPARE: return (uint64_t)float64_compare(a, b, s);
    case OP_COMPARE_QUIET: return (uint64_t)float64_compare_quiet(a, b, s);
    }
    g_assert_not_reached();
}

static uint64_t soft_run(const Case *t, uint8_t *flags)
{
    FloatStatus s;
    uint64_t r;

    float_status_init_x86_sse(&s);
    s.rounding_mode = t->mode;
    s.flush_to_zero = t->ftz;
    s.flush_inputs_to_zero = t->daz;
    s.flags = t->preset_inexact ? FLOAT_FLAG_INEXACT : 0;
    r = t->width == 32 ? soft_run32(t, &s) : soft_run64(t, &s);
    if (t->op == OP_COMPARE || t->op == OP_COMPARE_QUIET) {
        r = (uint64_t)(int64_t)(int)r;
    }
    *flags = s.flags & IEEE_FLAGS;
    return r;
}

/* ---- operands ---- */

typedef struct Layout {
    int width, frac_bits, exp_max, bias;
} Layout;

static const Layout layout32 = { 32, 23, 255, 127 };
static const Layout layout64 = { 64, 52, 2047, 1023 };

static uint64_t make(const Layout *l, bool sign, int64_t exp, uint64_t frac)
{
    exp = exp < 0 ? 0 : exp > l->exp_max ? l->exp_max : exp;
    return (uint64_t)sign << (l->width - 1) | (uint64_t)exp << l->frac_bits |
           (frac & ((UINT64_C(1) << l->frac_bits) - 1));
}

static int64_t exp_of(const Layout *l, uint64_t v)
{
    return (v >> l->frac_bits) & l->exp_max;
}

/* A fraction with structure: random, sparse (ties), dense, or short. */
static uint64_t rand_frac(GRand *r, const Layout *l)
{
    uint64_t f = (uint64_t)g_rand_int(r) << 32 | g_rand_int(r);
    int k;

    switch (g_rand_int_range(r, 0, 6)) {
    case 0:     /* few significant bits: exact results and ties */
        k = g_rand_int_range(r, 0, l->frac_bits);
        return f & ~((UINT64_C(1) << k) - 1);
    case 1:     /* all ones below a point: carries when rounding */
        k = g_rand_int_range(r, 0, l->frac_bits + 1);
        return f | ((UINT64_C(1) << k) - 1);
    case 2:     /* one or two bits */
        return UINT64_C(1) << g_rand_int_range(r, 0, l->frac_bits) |
               (g_rand_boolean(r) ? 1 : 0);
    default:
        return f;
    }
}

static uint64_t special_value(GRand *r, const Layout *l)
{
    const uint64_t quiet = UINT64_C(1) << (l->frac_bits - 1);
    bool sign = g_rand_boolean(r);

    switch (g_rand_int_range(r, 0, 12)) {
    case 0: return make(l, sign, 0, 0);                                 /* zero */
    case 1: return make(l, sign, l->exp_max, 0);                        /* inf */
    case 2: return make(l, sign, l->exp_max, quiet | rand_frac(r, l));  /* qNaN */
    case 3: return make(l, sign, l->exp_max, (rand_frac(r, l) & (quiet - 1)) | 1); /* sNaN */
    case 4: return make(l, sign, 0, 1);                                 /* min denormal */
    case 5: return make(l, sign, 0, UINT64_MAX);                        /* max denormal */
    case 6: return make(l, sign, 1, 0);                                 /* min normal */
    case 7: return make(l, sign, l->exp_max - 1, UINT64_MAX);           /* max normal */
    case 8: return make(l, sign, l->bias, 0);                           /* 1.0 */
    case 9: return make(l, sign, 1, UINT64_MAX);                        /* just below 2^emin * 2 */
    case 10: return make(l, sign, 0, rand_frac(r, l));                  /* denormal */
    default: return make(l, sign, l->bias - 1, UINT64_MAX);             /* just below 1.0 */
    }
}

/* An operand, sometimes related to 'other' (cancellation, ties, gaps). */
static uint64_t rand_operand(GRand *r, const Layout *l, uint64_t other)
{
    bool sign = g_rand_boolean(r);
    int64_t e;

    switch (g_rand_int_range(r, 0, 10)) {
    case 0:
    case 1:
        return special_value(r, l);
    case 2:
        return (uint64_t)g_rand_int(r) << 32 | g_rand_int(r);
    case 3:     /* near the other operand's exponent */
        e = exp_of(l, other) + g_rand_int_range(r, -3, 4);
        return make(l, sign, e, rand_frac(r, l));
    case 4:     /* a large exponent gap */
        e = exp_of(l, other) + g_rand_int_range(r, -l->frac_bits - 4, l->frac_bits + 5);
        return make(l, sign, e, rand_frac(r, l));
    case 5:     /* near the bottom of the range (underflow) */
        return make(l, sign, g_rand_int_range(r, 0, l->frac_bits + 4), rand_frac(r, l));
    case 6:     /* near the top (overflow) */
        return make(l, sign, l->exp_max - g_rand_int_range(r, 1, l->frac_bits + 4),
                    rand_frac(r, l));
    case 7:     /* the other one, nearly: exact cancellation and neighbours */
        return (other ^ (g_rand_boolean(r) ? UINT64_C(1) << (l->width - 1) : 0)) +
               g_rand_int_range(r, -2, 3);
    default:    /* ordinary magnitudes */
        e = l->bias + g_rand_int_range(r, -40, 41);
        return make(l, sign, e, rand_frac(r, l));
    }
}

/* A float near an integer boundary of int32/int64 (or a small integer). */
static uint64_t rand_intish(GRand *r, const Layout *l)
{
    static const int bounds[] = { 0, 1, 2, 22, 23, 31, 32, 52, 53, 62, 63, 64 };
    int b = bounds[g_rand_int_range(r, 0, G_N_ELEMENTS(bounds))];
    uint64_t frac;
    int k;

    if (g_rand_int_range(r, 0, 8) == 0) {
        return rand_operand(r, l, 0);
    }
    /* value in [2^(b-1), 2^b] with a fraction part of a few bits: halves, ties */
    frac = rand_frac(r, l);
    k = g_rand_int_range(r, 0, 4);
    if (k == 0) {
        frac = 0;
    } else if (k == 1) {
        frac = UINT64_MAX;
    }
    return make(l, g_rand_boolean(r), l->bias + b - g_rand_int_range(r, 0, 2), frac);
}

static uint64_t rand_int(GRand *r, int bits)
{
    uint64_t v = (uint64_t)g_rand_int(r) << 32 | g_rand_int(r);
    int shift = g_rand_int_range(r, 0, bits);

    if (g_rand_boolean(r)) {
        v >>= shift;                /* small magnitudes */
    } else {
        v <<= g_rand_int_range(r, 0, 12);       /* trailing zeros: exact */
    }
    if (g_rand_int_range(r, 0, 10) == 0) {
        v = g_rand_boolean(r) ? INT64_MIN : INT64_MAX;
    }
    return bits == 32 ? (uint64_t)(int64_t)(int32_t)v : v;
}

/* ---- the comparison loop ---- */

static bool have_fma, have_sse41;

static int cases_per_op(void)
{
    return g_test_quick() ? 100000 : 1000000;
}

static void check_op(Op op, int width)
{
    const Layout *l = width == 32 ? &layout32 : &layout64;
    static const FloatRoundMode modes[] = {
        FLOAT_ROUND_NEAREST_EVEN, FLOAT_ROUND_UP, FLOAT_ROUND_DOWN, FLOAT_ROUND_TO_ZERO,
    };
    GRand *r = g_rand_new_with_seed(0x5eed0000u + op * 2 + (width == 64));
    int failures = 0, n = cases_per_op();

    for (int i = 0; i < n; i++) {
        Case t = {
            .op = op,
            .width = width,
            .mode = modes[g_rand_int_range(r, 0, 4)],
            .ftz = g_rand_int_range(r, 0, 4) == 0,
            .daz = g_rand_int_range(r, 0, 4) == 0,
            .preset_inexact = g_rand_boolean(r),
        };
        uint64_t want, got;
        uint8_t want_flags, got_flags;

        switch (op) {
        case OP_TO_I32:
        case OP_TO_I64:
        case OP_TO_I32_RZ:
        case OP_TO_I64_RZ:
        case OP_ROUND:
        case OP_ROUND_EXACT:
            t.a = rand_intish(r, l);
            break;
        case OP_FROM_I32:
            t.a = rand_int(r, 32);
            break;
        case OP_FROM_I64:
            t.a = rand_int(r, 64);
            break;
        default:
            t.a = rand_operand(r, l, 0);
            t.b = rand_operand(r, l, t.a);
            t.c = rand_operand(r, l, g_rand_boolean(r) ? t.a : t.b);
            break;
        }
        if (width == 32 && op != OP_FROM_I64) {
            t.a = (uint32_t)t.a;
            t.b = (uint32_t)t.b;
            t.c = (uint32_t)t.c;
        }
        want = host_run(&t, &want_flags);
        got = soft_run(&t, &got_flags);
        if (t.preset_inexact) {
            want_flags |= FLOAT_FLAG_INEXACT;
        }
        if ((op >= OP_TO_I32 && op <= OP_TO_I64_RZ) && (want_flags & FLOAT_FLAG_INVALID)) {
            want = got;             /* x86's integer indefinite vs ARM saturation */
        }
        if (want != got || want_flags != got_flags) {
            if (++failures <= 10) {
                g_test_message("%s%d a=%#" PRIx64 " b=%#" PRIx64 " c=%#" PRIx64
                               " mode=%d ftz=%d daz=%d preset=%d: host %#" PRIx64
                               " flags %#x, fpu %#" PRIx64 " flags %#x",
                               op_names[op], width, t.a, t.b, t.c, t.mode, t.ftz,
                               t.daz, t.preset_inexact, want, want_flags, got, got_flags);
            }
        }
    }
    g_rand_free(r);
    if (failures) {
        g_test_message("%d of %d cases differ", failures, n);
        g_test_fail();
    }
}

typedef struct OpTest {
    const char *path;
    Op op;
    int width;
} OpTest;

static void test_op(const void *opaque)
{
    const OpTest *t = opaque;

    if (t->op == OP_FMA && !have_fma) {
        g_test_skip("host without FMA");
        return;
    }
    if ((t->op == OP_ROUND || t->op == OP_ROUND_EXACT) && !have_sse41) {
        g_test_skip("host without SSE4.1");
        return;
    }
    check_op(t->op, t->width);
}

int main(int argc, char **argv)
{
    static OpTest tests[2 * G_N_ELEMENTS(op_names)];
    int n = 0;

    g_test_init(&argc, &argv, NULL);
    __builtin_cpu_init();
    have_fma = __builtin_cpu_supports("fma");
    have_sse41 = __builtin_cpu_supports("sse4.1");
    for (int w = 32; w <= 64; w += 32) {
        for (Op op = OP_ADD; op <= OP_COMPARE_QUIET; op++) {
            tests[n] = (OpTest) {
                g_strdup_printf("/fpu/x86/float%d/%s", w, op_names[op]), op, w,
            };
            g_test_add_data_func(tests[n].path, &tests[n], test_op);
            n++;
        }
    }
    return g_test_run();
}
