/*
 * AdvSIMD widening, narrowing, by-element and shift-by-immediate
 * instructions as compiled code uses them (arm_neon.h intrinsics), each
 * checked against a scalar model of the ARM ARM pseudocode written out in
 * plain C (kept scalar with no-tree-vectorize): SMULL/UMULL(2), SMLAL/
 * UMLSL, SADDL/UADDW, SUBHN/RADDHN, SABAL/UABDL, SQDMULL/SQDMLAL, PMULL,
 * MUL/MLA/SQDMULH/SQRDMULH by element, SHRN/RSHRN/SQRSHRN/SQSHRUN,
 * SSHLL/USHLL/SXTL, SSRA/URSHR/SRI/SLI/SQSHL/SQSHLU, and the fixed-point
 * SCVTF/FCVTZS, plus a widening dot product and a Q15 filter. Self-checking:
 * the exit status is the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <arm_neon.h>
#include "semihost.h"

#define SCALAR __attribute__((noinline, optimize("no-tree-vectorize")))

static volatile int8_t s8in[16] = { 0, 1, -1, 127, -128, 100, -100, 55, -3, 64, -64, 17, 33, -77, 126, -127 };
static volatile uint8_t u8in[16] = { 0, 1, 255, 128, 127, 200, 13, 99, 250, 7, 64, 192, 3, 255, 160, 31 };
static volatile int16_t s16in[8] = { 0, -32768, 32767, -1, 12345, -23456, 1000, -7 };
static volatile uint16_t u16in[8] = { 65535, 0, 32768, 1, 40000, 1234, 65000, 77 };
static volatile int32_t s32in[4] = { INT32_MIN, INT32_MAX, -123456789, 987654 };

static int64_t sat(int64_t v, int64_t lo, int64_t hi, int *qc)
{
    if (v < lo || v > hi) {
        *qc = 1;
        return v < lo ? lo : hi;
    }
    return v;
}

static int8x16_t ld_s8(void)
{
    int8_t t[16];

    for (int i = 0; i < 16; i++) {
        t[i] = s8in[i];
    }
    return vld1q_s8(t);
}

static uint8x16_t ld_u8(void)
{
    uint8_t t[16];

    for (int i = 0; i < 16; i++) {
        t[i] = u8in[i];
    }
    return vld1q_u8(t);
}

static int16x8_t ld_s16(void)
{
    int16_t t[8];

    for (int i = 0; i < 8; i++) {
        t[i] = s16in[i];
    }
    return vld1q_s16(t);
}

static uint16x8_t ld_u16(void)
{
    uint16_t t[8];

    for (int i = 0; i < 8; i++) {
        t[i] = u16in[i];
    }
    return vld1q_u16(t);
}

static int32x4_t ld_s32(void)
{
    int32_t t[4];

    for (int i = 0; i < 4; i++) {
        t[i] = s32in[i];
    }
    return vld1q_s32(t);
}

SCALAR static void check_widening(void)
{
    int8x16_t a = ld_s8();
    uint8x16_t ua = ld_u8();
    int16x8_t h = ld_s16();
    uint16x8_t uh = ld_u16();
    int32x4_t w = ld_s32();
    int16_t r16[8];
    uint16_t u16[8];
    int32_t r32[4];
    uint32_t u32[4];
    int64_t r64[2];
    uint64_t u64[2];

    vst1q_s16(r16, vmull_s8(vget_low_s8(a), vget_high_s8(a)));                /* SMULL */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ((uint16_t)r16[i], (uint16_t)(s8in[i] * s8in[i + 8]));
    }
    vst1q_u16(u16, vmull_high_u8(ua, ua));                                     /* UMULL2 */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(u16[i], (uint16_t)(u8in[i + 8] * u8in[i + 8]));
    }
    vst1q_s64(r64, vmull_s32(vget_low_s32(w), vget_high_s32(w)));
    CHECK_EQ((uint64_t)r64[0], (uint64_t)((int64_t)s32in[0] * s32in[2]));
    CHECK_EQ((uint64_t)r64[1], (uint64_t)((int64_t)s32in[1] * s32in[3]));
    vst1q_u32(u32, vmlal_u16(vdupq_n_u32(5), vget_low_u16(uh), vget_high_u16(uh)));   /* UMLAL */
    for (int i = 0; i < 4; i++) {
        CHECK_EQ(u32[i], 5u + (uint32_t)u16in[i] * u16in[i + 4]);
    }
    vst1q_s32(r32, vmlsl_high_s16(vdupq_n_s32(-9), h, h));                     /* SMLSL2 */
    for (int i = 0; i < 4; i++) {
        CHECK_EQ((uint32_t)r32[i], (uint32_t)(-9 - s16in[i + 4] * s16in[i + 4]));
    }
    vst1q_u16(u16, vaddl_u8(vget_low_u8(ua), vget_high_u8(ua)));               /* UADDL */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(u16[i], u8in[i] + u8in[i + 8]);
    }
    vst1q_s32(r32, vaddw_high_s16(vdupq_n_s32(100000), h));                    /* SADDW2 */
    for (int i = 0; i < 4; i++) {
        CHECK_EQ((uint32_t)r32[i], (uint32_t)(100000 + s16in[i + 4]));
    }
    vst1q_u64(u64, vabdl_u32(vget_low_u32(vreinterpretq_u32_s32(w)),
                             vget_high_u32(vreinterpretq_u32_s32(w))));        /* UABDL */
    for (int i = 0; i < 2; i++) {
        uint32_t x = (uint32_t)s32in[i], y = (uint32_t)s32in[i + 2];

        CHECK_EQ(u64[i], x > y ? x - y : y - x);
    }
    vst1q_s16(r16, vabal_s8(vdupq_n_s16(1), vget_low_s8(a), vget_high_s8(a)));  /* SABAL */
    for (int i = 0; i < 8; i++) {
        int d = s8in[i] - s8in[i + 8];

        CHECK_EQ((uint16_t)r16[i], (uint16_t)(1 + (d < 0 ? -d : d)));
    }
}

SCALAR static void check_narrowing(void)
{
    int16x8_t h = ld_s16();
    uint16x8_t uh = ld_u16();
    int32x4_t w = ld_s32();
    uint8_t u8[16];
    int8_t r8[8];
    int16_t r16[8];
    uint16_t ru16[4];
    int qc = 0;

    vst1q_u8(u8, vcombine_u8(vshrn_n_u16(uh, 4), vrshrn_n_u16(uh, 8)));      /* SHRN, RSHRN */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(u8[i], (uint8_t)(u16in[i] >> 4));
        CHECK_EQ(u8[i + 8], (uint8_t)((u16in[i] + 128) >> 8));
    }
    vst1_s8(r8, vqrshrn_n_s16(h, 3));                                          /* SQRSHRN */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ((uint8_t)r8[i], (uint8_t)sat((s16in[i] + 4) >> 3, -128, 127, &qc));
    }
    vst1_u8(u8, vqshrun_n_s16(h, 7));                                          /* SQSHRUN */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(u8[i], (uint8_t)sat(s16in[i] >> 7, 0, 255, &qc));
    }
    vst1_u16(ru16, vsubhn_u32(vreinterpretq_u32_s32(w), vdupq_n_u32(0x12345)));    /* SUBHN */
    for (int i = 0; i < 4; i++) {
        CHECK_EQ(ru16[i], (uint16_t)(((uint32_t)s32in[i] - 0x12345u) >> 16));
    }
    vst1q_s16(r16, vcombine_s16(vdup_n_s16(7), vraddhn_s32(w, w)));            /* RADDHN2 */
    for (int i = 0; i < 4; i++) {
        CHECK_EQ((uint16_t)r16[4 + i],
                 (uint16_t)(((uint32_t)s32in[i] * 2u + 0x8000u) >> 16));
    }
    CHECK(qc);
}

SCALAR static void check_saturating(void)
{
    int16x8_t h = ld_s16();
    int32x4_t w = ld_s32();
    int32_t r32[4];
    int64_t r64[2];
    int16_t r16[8];
    int qc = 0;

    vst1q_s32(r32, vqdmull_s16(vget_low_s16(h), vget_low_s16(h)));             /* SQDMULL */
    for (int i = 0; i < 4; i++) {
        CHECK_EQ((uint32_t)r32[i],
                 (uint32_t)sat(2LL * s16in[i] * s16in[i], INT32_MIN, INT32_MAX, &qc));
    }
    vst1q_s64(r64, vqdmlal_s32(vdupq_n_s64(INT64_MAX - 5), vget_low_s32(w), vget_low_s32(w)));
    CHECK_EQ((uint64_t)r64[0], (uint64_t)INT64_MAX);                         /* SQDMLAL saturates */
    CHECK_EQ((uint64_t)r64[1], (uint64_t)INT64_MAX);
    vst1q_s16(r16, vqdmulhq_lane_s16(h, vget_low_s16(h), 1));                 /* SQDMULH by element */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ((uint16_t)r16[i],
                 (uint16_t)sat((2LL * s16in[i] * -32768) >> 16, -32768, 32767, &qc));
    }
    vst1q_s32(r32, vqrdmulhq_laneq_s32(w, w, 3));                              /* SQRDMULH by element */
    for (int i = 0; i < 4; i++) {
        CHECK_EQ((uint32_t)r32[i], (uint32_t)sat((2LL * s32in[i] * s32in[3] + (1LL << 31)) >> 32,
                                                 INT32_MIN, INT32_MAX, &qc));
    }
    CHECK(qc);
}

SCALAR static void check_by_element(void)
{
    int16x8_t h = ld_s16();
    int32x4_t w = ld_s32();
    int16_t r16[8];
    int32_t r32[4];
    int64_t r64[2];

    vst1q_s16(r16, vmulq_lane_s16(h, vget_high_s16(h), 2));                   /* MUL by element */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ((uint16_t)r16[i], (uint16_t)(s16in[i] * s16in[6]));
    }
    vst1q_s32(r32, vmlaq_laneq_s32(vdupq_n_s32(3), w, w, 3));                  /* MLA by element */
    for (int i = 0; i < 4; i++) {
        CHECK_EQ((uint32_t)r32[i], (uint32_t)(3u + (uint32_t)s32in[i] * (uint32_t)s32in[3]));
    }
    vst1q_s32(r32, vmlsq_laneq_s32(vdupq_n_s32(3), w, w, 2));                  /* MLS by element */
    for (int i = 0; i < 4; i++) {
        CHECK_EQ((uint32_t)r32[i], (uint32_t)(3u - (uint32_t)s32in[i] * (uint32_t)s32in[2]));
    }
    vst1q_s64(r64, vmull_high_laneq_s32(w, w, 1));                             /* SMULL2 by element */
    CHECK_EQ((uint64_t)r64[0], (uint64_t)((int64_t)s32in[2] * s32in[1]));
    CHECK_EQ((uint64_t)r64[1], (uint64_t)((int64_t)s32in[3] * s32in[1]));
    vst1q_s32(r32, vmlal_lane_s16(vdupq_n_s32(-1), vget_low_s16(h), vget_low_s16(h), 3));
    for (int i = 0; i < 4; i++) {
        CHECK_EQ((uint32_t)r32[i], (uint32_t)(-1 + s16in[i] * s16in[3]));
    }
}

SCALAR static void check_shifts(void)
{
    int8x16_t a = ld_s8();
    uint8x16_t ua = ld_u8();
    int16x8_t h = ld_s16();
    uint16x8_t uh = ld_u16();
    int8_t r8[16];
    uint8_t u8[16];
    int16_t r16[8];
    uint16_t u16[8];
    int32_t r32[4];
    int qc = 0;

    vst1q_s16(r16, vmovl_s8(vget_high_s8(a)));                                 /* SXTL */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ((uint16_t)r16[i], (uint16_t)s8in[i + 8]);
    }
    vst1q_u16(u16, vshll_n_u8(vget_low_u8(ua), 3));                            /* USHLL */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(u16[i], u8in[i] << 3);
    }
    vst1q_s32(r32, vshll_high_n_s16(h, 15));                                   /* SSHLL2 */
    for (int i = 0; i < 4; i++) {
        CHECK_EQ((uint32_t)r32[i], (uint32_t)(s16in[i + 4] * 32768));
    }
    vst1q_s8(r8, vsraq_n_s8(a, a, 2));                                         /* SSRA */
    for (int i = 0; i < 16; i++) {
        CHECK_EQ((uint8_t)r8[i], (uint8_t)(s8in[i] + (s8in[i] >> 2)));
    }
    vst1q_u8(u8, vrshrq_n_u8(ua, 3));                                          /* URSHR */
    for (int i = 0; i < 16; i++) {
        CHECK_EQ(u8[i], (uint8_t)((u8in[i] + 4) >> 3));
    }
    vst1q_u16(u16, vsriq_n_u16(uh, vdupq_n_u16(0xabcd), 4));                   /* SRI */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(u16[i], (uint16_t)((u16in[i] & 0xf000) | (0xabcd >> 4)));
    }
    vst1q_u16(u16, vsliq_n_u16(uh, vdupq_n_u16(0xabcd), 4));                   /* SLI */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(u16[i], (uint16_t)((u16in[i] & 0xf) | (0xabcd << 4)));
    }
    vst1q_s8(r8, vqshlq_n_s8(a, 2));                                           /* SQSHL */
    for (int i = 0; i < 16; i++) {
        CHECK_EQ((uint8_t)r8[i], (uint8_t)sat(s8in[i] * 4, -128, 127, &qc));
    }
    vst1q_u8(u8, vqshluq_n_s8(a, 1));                                          /* SQSHLU */
    for (int i = 0; i < 16; i++) {
        CHECK_EQ(u8[i], (uint8_t)sat(s8in[i] * 2, 0, 255, &qc));
    }
    CHECK(qc);
}

SCALAR static void check_fixed_point(void)
{
    int32x4_t w = vld1q_s32((const int32_t[]){ -3, 1 << 20, 12345, -65536 });
    float f[4];
    int32_t r32[4];

    vst1q_f32(f, vcvtq_n_f32_s32(w, 16));                                      /* SCVTF #16 */
    CHECK(f[0] == -3.0f / 65536.0f && f[1] == 16.0f && f[3] == -1.0f);
    vst1q_s32(r32, vcvtq_n_s32_f32(vld1q_f32((const float[]){ 1.75f, -2.5f, 1e10f, -0.1f }), 4));
    CHECK_EQ((uint32_t)r32[0], 28);                                            /* FCVTZS #4 */
    CHECK_EQ((uint32_t)r32[1], (uint32_t)-40);
    CHECK_EQ((uint32_t)r32[2], (uint32_t)INT32_MAX);                           /* saturates */
    CHECK_EQ((uint32_t)r32[3], (uint32_t)-1);                                  /* toward zero: -1.6 */
}

/* A widening dot product and a Q15 filter, the shapes of real DSP loops. */
SCALAR static void check_kernels(void)
{
    static uint8_t x[64], y[64];
    static int16_t sig[32];
    int16_t out[32];
    uint32x4_t acc = vdupq_n_u32(0);
    uint32_t want = 0, got;
    const int16_t coef = 24576;     /* 0.75 in Q15 */

    for (int i = 0; i < 64; i++) {
        x[i] = (uint8_t)(i * 37 + 11);
        y[i] = (uint8_t)(255 - i * 3);
        want += x[i] * y[i];
    }
    for (int i = 0; i < 64; i += 16) {
        uint8x16_t vx = vld1q_u8(&x[i]), vy = vld1q_u8(&y[i]);
        uint16x8_t lo = vmull_u8(vget_low_u8(vx), vget_low_u8(vy));
        uint16x8_t hi = vmull_high_u8(vx, vy);

        acc = vpadalq_u16(acc, lo);
        acc = vpadalq_u16(acc, hi);
    }
    got = vaddvq_u32(acc);
    CHECK_EQ(got, want);

    for (int i = 0; i < 32; i++) {
        sig[i] = (int16_t)(i * 2000 - 30000);
    }
    for (int i = 0; i < 32; i += 8) {
        vst1q_s16(&out[i], vqrdmulhq_n_s16(vld1q_s16(&sig[i]), coef));
    }
    for (int i = 0; i < 32; i++) {
        CHECK_EQ((uint16_t)out[i], (uint16_t)((2 * sig[i] * coef + (1 << 15)) >> 16));
    }
}

static void check_pmull(void)
{
    poly8x8_t a = vcreate_p8(0x0123456789abcdefULL), b = vcreate_p8(0x8040201008040201ULL);
    poly16x8_t p = vmull_p8(a, b);
    uint16_t r[8];

    vst1q_u16(r, vreinterpretq_u16_p16(p));
    /* Multiplying by x^k shifts: byte i of b is x^i. */
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(r[i], (uint16_t)(((0x0123456789abcdefULL >> (8 * i)) & 0xff) << i));
    }
}

int main(void)
{
    check_widening();
    check_narrowing();
    check_saturating();
    check_by_element();
    check_shifts();
    check_fixed_point();
    check_kernels();
    check_pmull();
    if (check_failures == 0) {
        semi_puts("simd-wide: PASS\n");
    }
    return check_failures;
}
