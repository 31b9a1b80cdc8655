/*
 * Floating point as a compiler uses it: float and double arithmetic,
 * conversions, libm-like builtins (sqrt, fma, floor, round ...), FPCR
 * rounding modes and flush-to-zero changed by the program, FPSR flags,
 * NaN/infinity/denormal cases, and AdvSIMD FP through arm_neon.h.
 * Expected values are IEEE 754 results written as bit patterns (checked
 * on qemu-aarch64). Self-checking: the exit status is the number of
 * failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <arm_neon.h>
#include "semihost.h"

/* No libm here: lround, floor ... must expand to instructions, which errno semantics forbid. */
#pragma GCC optimize("no-math-errno")

static volatile double vd[] = { 1.0, 3.0, -2.5, 0.1, 1e308, 4.9e-324, 2.0, 10.0, -1.0 };
static volatile float vf[] = { 1.0f, 3.0f, -2.5f, 0.1f, 3e38f, 1.0e-45f, 2.0f, 2.5f };
static volatile int64_t vi[] = { -7, 0x7fffffffffffffffLL, 123456789 };

static uint64_t bits_d(double x)
{
    union { double d; uint64_t u; } u = { x };
    return u.u;
}

static uint32_t bits_f(float x)
{
    union { float f; uint32_t u; } u = { x };
    return u.u;
}

static uint64_t fpcr_read(void)
{
    uint64_t v;

    __asm__ volatile("mrs %0, fpcr" : "=r"(v));
    return v;
}

static void fpcr_write(uint64_t v)
{
    __asm__ volatile("msr fpcr, %0" : : "r"(v));
}

static uint64_t fpsr_read(void)
{
    uint64_t v;

    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}

static void fpsr_clear(void)
{
    __asm__ volatile("msr fpsr, xzr");
}

/* The quotient inside asm, so the compiler cannot fold it across an FPCR change. */
static double div_d(double a, double b)
{
    double r;

    __asm__ volatile("fdiv %d0, %d1, %d2" : "=w"(r) : "w"(a), "w"(b));
    return r;
}

/* GCC keeps a call to sqrt for errno's sake even so: the instruction itself. */
static double sqrt_d(double a)
{
    double r;

    __asm__("fsqrt %d0, %d1" : "=w"(r) : "w"(a));
    return r;
}

static float sqrt_f(float a)
{
    float r;

    __asm__("fsqrt %s0, %s1" : "=w"(r) : "w"(a));
    return r;
}

static int64_t fcvtzs_d(double a)
{
    int64_t r;

    __asm__ volatile("fcvtzs %0, %d1" : "=r"(r) : "w"(a));
    return r;
}

static uint32_t fcvtzu_s(float a)
{
    uint32_t r;

    __asm__ volatile("fcvtzu %w0, %s1" : "=r"(r) : "w"(a));
    return r;
}

static void scalar_arithmetic(void)
{
    double one = vd[0], three = vd[1], m25 = vd[2], tenth = vd[3];

    CHECK_EQ(bits_d(one / three), 0x3fd5555555555555ULL);
    CHECK_EQ(bits_d(one + three), 0x4010000000000000ULL);
    CHECK_EQ(bits_d(m25 * three - one), 0xc021000000000000ULL);     /* -8.5 */
    CHECK_EQ(bits_d(tenth * vd[7]), 0x3ff0000000000000ULL);
    CHECK_EQ(bits_d(__builtin_fma(tenth, vd[7], vd[8])), 0x3c90000000000000ULL);
    CHECK_EQ(bits_d(sqrt_d(vd[6])), 0x3ff6a09e667f3bcdULL);
    CHECK_EQ(bits_f(vf[0] / vf[1]), 0x3eaaaaab);
    CHECK_EQ(bits_f(vf[2] * vf[3] + vf[0]), 0x3f400000);               /* 0.75 */
    CHECK_EQ(bits_f(sqrt_f(vf[6])), 0x3fb504f3);
    CHECK_EQ(bits_f(__builtin_fmaf(vf[3], 10.0f, -1.0f)), 0x32800000);      /* 2^-26 */
    CHECK_EQ(bits_d(__builtin_fabs(m25)), 0x4004000000000000ULL);
    CHECK_EQ(bits_d(-m25), 0x4004000000000000ULL);
    CHECK_EQ(bits_d(__builtin_fmax(one, m25)), 0x3ff0000000000000ULL);
    CHECK_EQ(bits_d(__builtin_fmin(__builtin_nan(""), m25)), 0xc004000000000000ULL);
    CHECK(three > one && !(one > three) && m25 < one && one <= one);
    CHECK_EQ(three > one ? 11 : 22, 11);
}

static void conversions(void)
{
    CHECK_EQ((int64_t)vd[2], -2);
    CHECK_EQ((uint64_t)vd[7], 10);
    CHECK_EQ((int32_t)vf[7], 2);
    CHECK_EQ(bits_d((double)vi[0]), 0xc01c000000000000ULL);
    CHECK_EQ(bits_d((double)vi[1]), 0x43e0000000000000ULL);
    CHECK_EQ(bits_f((float)vi[2]), 0x4ceb79a3);
    CHECK_EQ(bits_f((float)vd[3]), 0x3dcccccd);
    CHECK_EQ(bits_d((double)vf[3]), 0x3fb99999a0000000ULL);
    CHECK_EQ(fcvtzs_d(vd[4]), 0x7fffffffffffffffULL);                  /* saturates */
    CHECK_EQ(fcvtzu_s(vf[2]), 0);                                      /* negative: 0 */
    CHECK_EQ(bits_d(__builtin_floor(vd[2])), 0xc008000000000000ULL);
    CHECK_EQ(bits_d(__builtin_ceil(vd[2])), 0xc000000000000000ULL);
    CHECK_EQ(bits_d(__builtin_trunc(vd[2])), 0xc000000000000000ULL);
    CHECK_EQ(bits_d(__builtin_round(vd[2])), 0xc008000000000000ULL);
    CHECK_EQ(bits_d(__builtin_rint(vd[2])), 0xc000000000000000ULL);
    CHECK_EQ(__builtin_lround(vd[2]), -3);
    CHECK_EQ(bits_f(__builtin_roundf(vf[7])), 0x40400000);
}

static void modes_and_flags(void)
{
    uint64_t fpcr = fpcr_read();
    double one = vd[0], three = vd[1], zero = vd[0] - vd[0];

    fpcr_write(fpcr | 1u << 22);                                        /* RP */
    CHECK_EQ(bits_d(div_d(one, three)), 0x3fd5555555555556ULL);
    fpcr_write(fpcr | 2u << 22);                                        /* RM */
    CHECK_EQ(bits_d(div_d(-one, three)), 0xbfd5555555555556ULL);
    fpcr_write(fpcr | 3u << 22);                                        /* RZ */
    CHECK_EQ(bits_d(div_d(-one, three)), 0xbfd5555555555555ULL);
    fpcr_write(fpcr);

    fpsr_clear();
    CHECK_EQ(bits_d(div_d(one, zero)), 0x7ff0000000000000ULL);
    CHECK_EQ(fpsr_read(), 0x2);                                         /* DZC */
    fpsr_clear();
    CHECK_EQ(bits_d(div_d(zero, zero)), 0x7ff8000000000000ULL);         /* default NaN */
    CHECK_EQ(fpsr_read(), 0x1);                                         /* IOC */
    fpsr_clear();
    CHECK_EQ(bits_d(div_d(vd[5], vd[6])), 0);                           /* 2^-1075: ties to even */
    CHECK_EQ(fpsr_read(), 0x18);                                        /* UFC, IXC */
    fpsr_clear();
    CHECK_EQ(bits_d(div_d(vd[4], 0.1)), 0x7ff0000000000000ULL);
    CHECK_EQ(fpsr_read(), 0x14);                                        /* OFC, IXC */
    CHECK(__builtin_isnan(div_d(zero, zero)) && __builtin_isinf(div_d(one, zero)));
    CHECK(!(div_d(zero, zero) == div_d(zero, zero)));

    fpcr_write(fpcr | 1u << 24);                                        /* FZ */
    fpsr_clear();
    CHECK_EQ(bits_d(div_d(vd[5], one)), 0);                             /* flushed input */
    CHECK_EQ(fpsr_read(), 0x80);                                        /* IDC */
    fpcr_write(fpcr | 1u << 25);                                        /* DN */
    CHECK_EQ(bits_d(div_d(__builtin_nan("5"), one)), 0x7ff8000000000000ULL);
    fpcr_write(fpcr);
    CHECK_EQ(bits_d(div_d(__builtin_nan("5"), one)), 0x7ff8000000000005ULL);
    fpsr_clear();
}

static void vectors(void)
{
    float32x4_t a = { vf[0], vf[1], vf[2], vf[3] }, b = vdupq_n_f32(vf[6]);
    float64x2_t d = { vd[0], vd[1] };
    float32x4_t sum = vaddq_f32(a, b), prod = vmulq_laneq_f32(a, b, 1);
    float32x4_t fma = vfmaq_f32(a, a, b), est, step;
    int32x4_t ints = vcvtq_s32_f32(vmulq_n_f32(a, 10.0f));
    uint32x4_t gt = vcgtq_f32(a, b);

    CHECK_EQ(bits_f(vgetq_lane_f32(sum, 0)), 0x40400000);
    CHECK_EQ(bits_f(vgetq_lane_f32(sum, 2)), 0xbf000000);
    CHECK_EQ(bits_f(vgetq_lane_f32(prod, 1)), 0x40c00000);
    CHECK_EQ(bits_f(vgetq_lane_f32(fma, 3)), 0x3e99999a);
    CHECK_EQ(vgetq_lane_s32(ints, 2), -25);
    CHECK_EQ(vgetq_lane_u32(gt, 1), 0xffffffff);
    CHECK_EQ(vgetq_lane_u32(gt, 0), 0);
    CHECK_EQ(bits_f(vmaxvq_f32(a)), 0x40400000);
    CHECK_EQ(bits_f(vminnmvq_f32(a)), 0xc0200000);
    CHECK_EQ(bits_d(vpaddd_f64(d)), 0x4010000000000000ULL);
    CHECK_EQ(bits_d(vgetq_lane_f64(vsqrtq_f64(d), 0)), 0x3ff0000000000000ULL);
    /* 1/3 from the estimate and two Newton steps: x' = x * (2 - 3x). */
    est = vrecpeq_f32(vdupq_n_f32(vf[1]));
    CHECK_EQ(bits_f(vgetq_lane_f32(est, 0)), 0x3eaa8000);
    step = vmulq_f32(est, vrecpsq_f32(vdupq_n_f32(vf[1]), est));
    step = vmulq_f32(step, vrecpsq_f32(vdupq_n_f32(vf[1]), step));
    CHECK_EQ(bits_f(vgetq_lane_f32(step, 3)), 0x3eaaaaab);
    CHECK_EQ(bits_f(vgetq_lane_f32(vrsqrteq_f32(vdupq_n_f32(4.0f)), 0)), 0x3eff8000);
    CHECK_EQ(bits_f(vget_lane_f32(vcvt_f32_f64(d), 1)), 0x40400000);
    CHECK_EQ(bits_d(vgetq_lane_f64(vcvt_f64_f32(vget_low_f32(a)), 1)), 0x4008000000000000ULL);
}

int main(void)
{
    scalar_arithmetic();
    conversions();
    modes_and_flags();
    vectors();
    if (check_failures == 0) {
        semi_puts("fp: PASS\n");
    }
    return check_failures;
}
