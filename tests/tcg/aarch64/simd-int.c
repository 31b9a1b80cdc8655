/*
 * AdvSIMD integer same-width instructions as programs use them: arm_neon.h
 * intrinsics over 64 bytes of edge values and pseudo-random data, each
 * lane checked against the same operation written in scalar C (compiled
 * without vectorization), FPSR.QC after the saturating ones, and loops
 * gcc vectorizes itself (sums, maxima, compares, byte counts), and a NEON
 * strlen. Self-checking: the exit status is the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"
#include <arm_neon.h>

#define DATA_BYTES 64
#define NOVEC __attribute__((noinline, optimize("no-tree-vectorize")))
#define VEC __attribute__((noinline, optimize("O3", "tree-vectorize")))

static uint8_t data_a[DATA_BYTES] __attribute__((aligned(16)));
static uint8_t data_b[DATA_BYTES] __attribute__((aligned(16)));

static NOVEC void fill_data(void)
{
    static const uint8_t edges[16] = {
        0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x40, 0x3f, 0xc0, 0x02, 0x7e, 0x10, 0xf0, 0x08, 0xf8,
    };
    uint32_t seed = 12345;

    for (int i = 0; i < DATA_BYTES; i++) {
        seed = seed * 1103515245u + 12345u;
        data_a[i] = i < 16 ? edges[i] : seed >> 24;
        data_b[i] = i < 16 ? edges[(i * 5 + 3) % 16] : seed >> 16;
    }
    /* Bytes 32..47 of b: shift amounts from -9 to 9 (the low byte of each lane counts). */
    for (int i = 32; i < 48; i++) {
        data_b[i] = (uint8_t)((int)(data_b[i] % 19) - 9);
    }
}

#define FPSR_QC (1u << 27)

static uint64_t read_fpsr(void)
{
    uint64_t v;

    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}

static void clear_fpsr(void)
{
    __asm__ volatile("msr fpsr, xzr");
}

/* Hides a constant from the compiler, so scalar intrinsics run on the CPU. */
static inline int64_t opaque(int64_t x)
{
    __asm__("" : "+r"(x));
    return x;
}

static NOVEC int64_t sat(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/*
 * x shifted by the signed amount sh (SSHL and friends) exactly, for lanes
 * of up to 32 bits: a left shift out of the lane gives +-2^40, which
 * truncates to 0 and saturates to the right bound.
 */
static NOVEC int64_t shift_exact(int64_t x, int8_t sh, int rounding, int bits)
{
    if (sh >= 0) {
        if (sh >= bits) {
            return x == 0 ? 0 : x > 0 ? (int64_t)1 << 40 : -((int64_t)1 << 40);
        }
        return x * ((int64_t)1 << sh);
    }
    if (-sh >= 40) {
        return x < 0 && !rounding ? -1 : 0;
    }
    return (x + (rounding ? (int64_t)1 << (-sh - 1) : 0)) >> -sh;
}

static NOVEC int leading_zeros(uint64_t x, int bits)
{
    int n = 0;

    for (int i = bits - 1; i >= 0 && !((x >> i) & 1); i--) {
        n++;
    }
    return n;
}

static NOVEC uint8_t reverse_bits8(uint8_t x)
{
    uint8_t r = 0;

    for (int i = 0; i < 8; i++) {
        r |= ((x >> i) & 1) << (7 - i);
    }
    return r;
}

static NOVEC uint8_t clmul8(uint8_t a, uint8_t b)
{
    uint8_t r = 0;

    for (int i = 0; i < 8; i++) {
        if (b & (1 << i)) {
            r ^= (uint8_t)(a << i);
        }
    }
    return r;
}

/*
 * Runs EXPR (a vector expression of va, vb loaded with LD from each 16
 * bytes of data_a, data_b) and checks each of its N lanes of type T
 * against REF, a scalar expression of the lanes x, y (int64_t). QC_WANT:
 * 1 or 0 is the FPSR.QC expected after all four chunks, -1 skips the check.
 */
#define TEST(T, N, LD, ST, EXPR, REF, QC_WANT)                                      \
    do {                                                                            \
        clear_fpsr();                                                               \
        for (int off = 0; off < DATA_BYTES; off += 16) {                            \
            const T *xs = (const T *)(data_a + off), *ys = (const T *)(data_b + off); \
            __typeof__(LD(xs)) va = LD(xs), vb = LD(ys);                            \
            T out[N];                                                               \
            (void)vb;                                                               \
            ST(out, EXPR);                                                          \
            for (int i = 0; i < N; i++) {                                           \
                int64_t x = xs[i], y = ys[i];                                       \
                (void)y;                                                            \
                CHECK_EQ((uint64_t)out[i], (uint64_t)(T)(REF));                     \
            }                                                                       \
        }                                                                           \
        if ((QC_WANT) >= 0) {                                                       \
            CHECK_EQ(!!(read_fpsr() & FPSR_QC), (QC_WANT));                         \
        }                                                                           \
    } while (0)

/* The lane width inside TEST. */
#define LANE_BITS ((int)(8 * sizeof(*xs)))

#define TEST_U8(EXPR, REF, QC)  TEST(uint8_t, 16, vld1q_u8, vst1q_u8, EXPR, REF, QC)
#define TEST_S8(EXPR, REF, QC)  TEST(int8_t, 16, vld1q_s8, vst1q_s8, EXPR, REF, QC)
#define TEST_U16(EXPR, REF, QC) TEST(uint16_t, 8, vld1q_u16, vst1q_u16, EXPR, REF, QC)
#define TEST_S16(EXPR, REF, QC) TEST(int16_t, 8, vld1q_s16, vst1q_s16, EXPR, REF, QC)
#define TEST_U32(EXPR, REF, QC) TEST(uint32_t, 4, vld1q_u32, vst1q_u32, EXPR, REF, QC)
#define TEST_S32(EXPR, REF, QC) TEST(int32_t, 4, vld1q_s32, vst1q_s32, EXPR, REF, QC)
#define TEST_U64(EXPR, REF, QC) TEST(uint64_t, 2, vld1q_u64, vst1q_u64, EXPR, REF, QC)
#define TEST_S64(EXPR, REF, QC) TEST(int64_t, 2, vld1q_s64, vst1q_s64, EXPR, REF, QC)

static NOVEC void test_three_same(void)
{
    TEST_U8(vaddq_u8(va, vb), x + y, 0);
    TEST_U16(vsubq_u16(va, vb), x - y, 0);
    TEST_U32(vmulq_u32(va, vb), (uint64_t)x * (uint64_t)y, 0);
    TEST_U64(vaddq_u64(va, vb), (uint64_t)x + (uint64_t)y, 0);
    TEST_S16(vmlaq_s16(va, va, vb), x + x * y, 0);
    TEST_U32(vmlsq_u32(va, vb, vb), (uint64_t)x - (uint64_t)y * (uint64_t)y, 0);
    TEST_S8(vqaddq_s8(va, vb), sat(x + y, -128, 127), 1);
    TEST_U16(vqaddq_u16(va, vb), sat(x + y, 0, 65535), 1);
    TEST_S32(vqsubq_s32(va, vb), sat(x - y, INT32_MIN, INT32_MAX), 1);
    TEST_U8(vqsubq_u8(va, vb), sat(x - y, 0, 255), 1);
    TEST_U8(vqaddq_u8(va, vdupq_n_u8(0)), x, 0);
    TEST_S8(vhaddq_s8(va, vb), (x + y) >> 1, 0);
    TEST_U16(vrhaddq_u16(va, vb), (x + y + 1) >> 1, 0);
    TEST_S32(vhsubq_s32(va, vb), (x - y) >> 1, 0);
    TEST_S16(vmaxq_s16(va, vb), x > y ? x : y, 0);
    TEST_U32(vminq_u32(va, vb), x < y ? x : y, 0);
    TEST_S8(vabdq_s8(va, vb), x > y ? x - y : y - x, 0);
    TEST_U16(vabaq_u16(va, va, vb), x + (x > y ? x - y : y - x), 0);
    TEST_S32(vreinterpretq_s32_u32(vcgtq_s32(va, vb)), x > y ? -1 : 0, 0);
    TEST_U8(vcgeq_u8(va, vb), x >= y ? 0xff : 0, 0);
    TEST_U8(vceqq_u8(va, vb), x == y ? 0xff : 0, 0);
    TEST_U16(vtstq_u16(va, vb), (x & y) ? 0xffff : 0, 0);
    TEST_S64(vreinterpretq_s64_u64(vcltq_s64(va, vb)), x < y ? -1 : 0, 0);
    TEST_S16(vshlq_s16(va, vb), shift_exact(x, (int8_t)y, 0, LANE_BITS), 0);
    TEST_U32(vrshlq_u32(va, vreinterpretq_s32_u32(vb)), shift_exact(x, (int8_t)y, 1, LANE_BITS), 0);
    TEST_S8(vqshlq_s8(va, vb), sat(shift_exact(x, (int8_t)y, 0, LANE_BITS), -128, 127), 1);
    TEST_U16(vqrshlq_u16(va, vreinterpretq_s16_u16(vb)), sat(shift_exact(x, (int8_t)y, 1, LANE_BITS), 0, 65535),
             1);
    TEST_S16(vqdmulhq_s16(va, vb), sat((2 * x * y) >> 16, -32768, 32767), -1);
    TEST_S32(vqrdmulhq_s32(va, vb),
             sat((2 * (__int128)x * y + (1u << 31)) >> 32, INT32_MIN, INT32_MAX), -1);
    TEST_U8(vandq_u8(va, vb), x & y, 0);
    TEST_U8(vbicq_u8(va, vb), x & ~y, 0);
    TEST_U8(vornq_u8(va, vb), x | ~y, 0);
    TEST_U8(veorq_u8(va, vb), x ^ y, 0);
    TEST_U8(vbslq_u8(va, vb, vdupq_n_u8(0x5a)), (x & y) | (~x & 0x5a), 0);
    TEST_U8(vreinterpretq_u8_p8(vmulq_p8(vreinterpretq_p8_u8(va), vreinterpretq_p8_u8(vb))),
            clmul8(x, y), 0);
    /* Pairwise: the pairs of the first operand, then of the second. */
    TEST_U8(vpaddq_u8(va, va), xs[2 * (i % 8)] + xs[2 * (i % 8) + 1], 0);
    TEST_S16(vpmaxq_s16(vb, vb), ys[2 * (i % 4)] > ys[2 * (i % 4) + 1] ? ys[2 * (i % 4)]
                                                                     : ys[2 * (i % 4) + 1], 0);
    TEST_U32(vpminq_u32(va, va), xs[2 * (i % 2)] < xs[2 * (i % 2) + 1] ? xs[2 * (i % 2)]
                                                                      : xs[2 * (i % 2) + 1], 0);
}

static NOVEC void test_two_reg_misc(void)
{
    TEST_U8(vrev64q_u8(va), xs[i ^ 7], 0);
    TEST_U16(vrev32q_u16(va), xs[i ^ 1], 0);
    TEST_U8(vrev16q_u8(va), xs[i ^ 1], 0);
    TEST_U8(vcntq_u8(va), __builtin_popcount(x), 0);
    TEST_U8(vclzq_u8(va), leading_zeros(x, 8), 0);
    TEST_S16(vclsq_s16(va), leading_zeros(x < 0 ? ~x : x, 16) - 1, 0);
    TEST_U32(vclzq_u32(va), leading_zeros(x, 32), 0);
    TEST_U8(vrbitq_u8(va), reverse_bits8(x), 0);
    TEST_U8(vmvnq_u8(va), ~x, 0);
    TEST_S8(vqabsq_s8(va), sat(x < 0 ? -x : x, -128, 127), 1);
    TEST_S32(vqnegq_s32(va), sat(-x, INT32_MIN, INT32_MAX), -1);
    TEST_S64(vabsq_s64(va), x < 0 ? -(uint64_t)x : (uint64_t)x, 0);
    TEST_S16(vnegq_s16(va), -x, 0);
    TEST_S8(vreinterpretq_s8_u8(vcgtzq_s8(va)), x > 0 ? -1 : 0, 0);
    TEST_S16(vreinterpretq_s16_u16(vclezq_s16(va)), x <= 0 ? -1 : 0, 0);
    TEST_S32(vreinterpretq_s32_u32(vceqzq_s32(va)), x == 0 ? -1 : 0, 0);
    TEST_S8(vuqaddq_s8(va, vreinterpretq_u8_s8(vb)), sat(x + (uint8_t)y, -128, 127), 1);
    TEST_U8(vsqaddq_u8(va, vreinterpretq_s8_u8(vb)), sat(x + (int8_t)y, 0, 255), 1);
    /* Pairwise long, with and without accumulation. */
    TEST_U16(vpaddlq_u8(vreinterpretq_u8_u16(va)), (uint8_t)xs[i] + (xs[i] >> 8), 0);
    TEST_S32(vpadalq_s16(va, vreinterpretq_s16_s32(vb)),
             x + (int16_t)y + (int16_t)((uint32_t)y >> 16), 0);
    /* Narrowing (the lower half; the upper one from XTN2 and friends) and SHLL. */
    TEST_U8(vcombine_u8(vmovn_u16(vreinterpretq_u16_u8(va)), vmovn_u16(vreinterpretq_u16_u8(vb))),
            i < 8 ? xs[2 * i] : ys[2 * (i - 8)], 0);
    TEST_S8(vcombine_s8(vqmovn_s16(vreinterpretq_s16_s8(va)), vqmovn_s16(vreinterpretq_s16_s8(vb))),
            sat(i < 8 ? ((const int16_t *)xs)[i] : ((const int16_t *)ys)[i - 8], -128, 127), 1);
    TEST_U16(vcombine_u16(vqmovun_s32(vreinterpretq_s32_u16(va)), vdup_n_u16(7)),
             i < 4 ? sat(((const int32_t *)xs)[i], 0, 65535) : 7, 1);
    TEST_U16(vshll_n_u8(vget_low_u8(vreinterpretq_u8_u16(va)), 8),
             (uint64_t)((const uint8_t *)xs)[i] << 8, 0);
}

/* URECPE/URSQRTE: spot values of the ARM ARM's estimate functions (and qemu-aarch64). */
static NOVEC void test_estimates(void)
{
    uint32_t in[4] = { 0x80000000u, 0xffffffffu, 0x40000000u, 0x12345678u };
    uint32_t out[4];

    vst1q_u32(out, vrecpeq_u32(vld1q_u32(in)));
    CHECK_EQ(out[0], 0xff800000u);      /* RecipEstimate(256) = 511: 1/0.5 ~ 2 */
    CHECK_EQ(out[1], 0x80000000u);      /* RecipEstimate(511) = 256: 1/1 */
    CHECK_EQ(out[2], 0xffffffffu);      /* bit 31 clear */
    CHECK_EQ(out[3], 0xffffffffu);
    vst1q_u32(out, vrsqrteq_u32(vld1q_u32(in)));
    CHECK_EQ(out[0], 0xb4800000u);      /* 1/sqrt(0.5) ~ 1.414 */
    CHECK_EQ(out[2], 0xff800000u);      /* 1/sqrt(0.25) ~ 2 */
    CHECK_EQ(out[3], 0xffffffffu);      /* bits 31:30 clear */
}

static NOVEC void test_across_and_scalar(void)
{
    uint8x16_t a = vld1q_u8(data_a);
    int16x8_t h = vreinterpretq_s16_u8(vld1q_u8(data_b));
    uint32_t sum = 0, max = 0, min = 255;
    int32_t hsum = 0, hmax = INT16_MIN;

    for (int i = 0; i < 16; i++) {
        sum += data_a[i];
        max = data_a[i] > max ? data_a[i] : max;
        min = data_a[i] < min ? data_a[i] : min;
    }
    for (int i = 0; i < 8; i++) {
        int16_t v = (int16_t)(data_b[2 * i] | data_b[2 * i + 1] << 8);

        hsum += v;
        hmax = v > hmax ? v : hmax;
    }
    CHECK_EQ(vaddvq_u8(a), (uint8_t)sum);
    CHECK_EQ(vaddlvq_u8(a), sum);
    CHECK_EQ(vmaxvq_u8(a), max);
    CHECK_EQ(vminvq_u8(a), min);
    CHECK_EQ((uint64_t)(int64_t)vaddlvq_s16(h), (uint64_t)(int64_t)hsum);
    CHECK_EQ((uint64_t)(int64_t)vmaxvq_s16(h), (uint64_t)(int64_t)hmax);
    /* Scalar forms. */
    clear_fpsr();
    CHECK_EQ((uint8_t)vqaddb_s8(opaque(100), opaque(100)), 127);
    CHECK_EQ(!!(read_fpsr() & FPSR_QC), 1);
    clear_fpsr();
    CHECK_EQ((uint64_t)vqaddd_s64(opaque(INT64_MAX - 1), opaque(1)), INT64_MAX);
    CHECK_EQ(!!(read_fpsr() & FPSR_QC), 0);
    CHECK_EQ(vqsubh_u16(opaque(3), opaque(5)), 0);
    CHECK_EQ(!!(read_fpsr() & FPSR_QC), 1);
    CHECK_EQ((uint8_t)vqmovnh_s16(opaque(-300)), 0x80);
    CHECK_EQ(vqmovuns_s32(opaque(-5)), 0);
    CHECK_EQ((uint64_t)vqabsd_s64(opaque(INT64_MIN)), INT64_MAX);
    CHECK_EQ((uint32_t)vqrdmulhs_s32(opaque(INT32_MIN), opaque(INT32_MIN)), INT32_MAX);
    CHECK_EQ(vpaddd_u64(vcombine_u64(vcreate_u64(opaque(5)), vcreate_u64(opaque(-16)))),
             0xfffffffffffffff5ull);
    CHECK_EQ(vshld_u64(opaque(1), opaque(-1)), 0);
    CHECK_EQ((uint64_t)vrshld_s64(opaque(-3), opaque(-1)), (uint64_t)-1);
    CHECK_EQ(vceqzd_s64(opaque(0)), ~0ull);
    CHECK_EQ((uint64_t)vabsd_s64(opaque(-9)), 9);
}

/* Loops gcc vectorizes at -O3 into the instructions above. */
static VEC uint32_t sum_bytes(const uint8_t *p, int n)
{
    uint32_t s = 0;

    for (int i = 0; i < n; i++) {
        s += p[i];
    }
    return s;
}

static VEC uint8_t max_bytes(const uint8_t *p, int n)
{
    uint8_t m = 0;

    for (int i = 0; i < n; i++) {
        m = p[i] > m ? p[i] : m;
    }
    return m;
}

static VEC int count_byte(const uint8_t *p, int n, uint8_t c)
{
    int k = 0;

    for (int i = 0; i < n; i++) {
        k += p[i] == c;
    }
    return k;
}

static VEC void saturating_add(uint8_t *d, const uint8_t *a, const uint8_t *b, int n)
{
    for (int i = 0; i < n; i++) {
        unsigned s = a[i] + b[i];

        d[i] = s > 255 ? 255 : s;
    }
}

static VEC void average(uint8_t *d, const uint8_t *a, const uint8_t *b, int n)
{
    for (int i = 0; i < n; i++) {
        d[i] = (a[i] + b[i] + 1) >> 1;
    }
}

static VEC void abs_diff(int16_t *d, const int16_t *a, const int16_t *b, int n)
{
    for (int i = 0; i < n; i++) {
        int v = a[i] - b[i];

        d[i] = v < 0 ? -v : v;
    }
}

/* strlen the NEON way: 16 bytes at a time, CMEQ against zero, UMAXV to see any. */
static NOVEC int neon_strlen(const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    int n = 0;

    while (vmaxvq_u8(vceqzq_u8(vld1q_u8(p + n))) == 0) {
        n += 16;
    }
    while (p[n]) {
        n++;
    }
    return n;
}

static NOVEC void test_vectorized_loops(void)
{
    static uint8_t big[1000] __attribute__((aligned(16))), out[1000];
    static int16_t h1[256], h2[256], hd[256];
    static char text[200] __attribute__((aligned(16)));
    uint32_t sum = 0;
    uint8_t max = 0;
    int count = 0;

    for (int i = 0; i < 1000; i++) {
        big[i] = (uint8_t)(i * 37 + (i >> 3));
        sum += big[i];
        max = big[i] > max ? big[i] : max;
        count += big[i] == 0x42;
    }
    CHECK_EQ(sum_bytes(big, 1000), sum);
    CHECK_EQ(max_bytes(big, 1000), max);
    CHECK_EQ(count_byte(big, 1000, 0x42), count);
    saturating_add(out, big, big + 1, 999);
    for (int i = 0; i < 999; i++) {
        unsigned s = big[i] + big[i + 1];

        CHECK_EQ(out[i], s > 255 ? 255 : s);
    }
    average(out, big, big + 7, 993);
    for (int i = 0; i < 993; i++) {
        CHECK_EQ(out[i], (big[i] + big[i + 7] + 1) >> 1);
    }
    for (int i = 0; i < 256; i++) {
        h1[i] = (int16_t)(i * 1000 - 70000);
        h2[i] = (int16_t)(i * -777 + 3);
    }
    abs_diff(hd, h1, h2, 256);
    for (int i = 0; i < 256; i++) {
        int v = h1[i] - h2[i];

        CHECK_EQ((uint16_t)hd[i], (uint16_t)(v < 0 ? -v : v));
    }
    for (int len = 0; len < 100; len += 13) {
        for (int i = 0; i < len; i++) {
            text[i] = (char)('a' + i % 26);
        }
        text[len] = 0;
        CHECK_EQ(neon_strlen(text), len);
    }
}

int main(void)
{
    fill_data();
    test_three_same();
    test_two_reg_misc();
    test_estimates();
    test_across_and_scalar();
    test_vectorized_loops();
    if (check_failures == 0) {
        semi_puts("simd-int: PASS\n");
    }
    return check_failures;
}
