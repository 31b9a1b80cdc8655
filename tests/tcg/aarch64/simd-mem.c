/*
 * AdvSIMD memory, copy and permute instructions as C code uses them:
 * arm_neon.h structure loads/stores (vld1q..vld4q, vst1q..vst4q, lanes,
 * dup-loads), table lookups, zips/unzips/transposes, EXT, lane moves,
 * immediates, and the copies and fills GCC turns into LDR/STR/LDP/STP of
 * Q registers. Self-checking against plain scalar C (compiled without the
 * vectorizer, so the references use only integer instructions); the exit
 * status is the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <arm_neon.h>
#include <stddef.h>
#include "semihost.h"

/* Reference code: scalar only, never vectorized or inlined into vector code. */
#define SCALAR __attribute__((noinline, optimize("no-tree-vectorize")))

static uint8_t src[256] __attribute__((aligned(16)));
static uint8_t dst[256] __attribute__((aligned(16)));

SCALAR static void fill(uint8_t *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)(i * 7 + seed);
    }
}

SCALAR static int same(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;

    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) {
            return 0;
        }
    }
    return 1;
}

SCALAR static void clear(void *p, size_t n)
{
    volatile uint8_t *q = p;

    for (size_t i = 0; i < n; i++) {
        q[i] = 0;
    }
}

/* The library routines the compiler may call for struct copies (no libc here). */
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;

    for (; n >= 16; n -= 16, dp += 16, sp += 16) {
        vst1q_u8(dp, vld1q_u8(sp));
    }
    while (n--) {
        *dp++ = *sp++;
    }
    return d;
}

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memset(void *d, int c, size_t n)
{
    uint8_t *dp = d;
    uint8x16_t v = vdupq_n_u8((uint8_t)c);

    for (; n >= 16; n -= 16, dp += 16) {
        vst1q_u8(dp, v);
    }
    while (n--) {
        *dp++ = (uint8_t)c;
    }
    return d;
}

static void test_ld1_st1(void)
{
    uint8x16x4_t four;
    uint16x8_t h;
    uint8_t ref[64];

    fill(src, 256, 3);
    clear(dst, 256);
    vst1q_u8(dst + 1, vld1q_u8(src + 5));               /* unaligned both ways */
    CHECK(same(dst + 1, src + 5, 16));
    four = vld1q_u8_x4(src + 32);
    vst1q_u8_x4(dst + 64, four);
    CHECK(same(dst + 64, src + 32, 64));
    vst1_u8(dst + 200, vld1_u8(src + 100));
    CHECK(same(dst + 200, src + 100, 8));
    CHECK(dst[208] == 0);
    h = vld1q_u16((const uint16_t *)(src + 2));
    vst1q_u16((uint16_t *)(dst + 130), h);
    CHECK(same(dst + 130, src + 2, 16));
    for (int i = 0; i < 64; i++) {
        ref[i] = src[i];
    }
    CHECK(same(ref, src, 64));
}

SCALAR static void deinterleave_ref(const uint8_t *p, uint8_t *out, unsigned n, unsigned k,
                                    unsigned elem)
{
    /* out holds k registers of n elements: element e of register s = structure e, member s */
    for (unsigned e = 0; e < n; e++) {
        for (unsigned s = 0; s < k; s++) {
            for (unsigned b = 0; b < elem; b++) {
                out[(s * n + e) * elem + b] = p[(e * k + s) * elem + b];
            }
        }
    }
}

static void test_structures(void)
{
    uint8_t ref[64], got[64];
    uint8x16x2_t b2;
    uint8x16x3_t b3;
    uint8x16x4_t b4;
    uint16x8x3_t h3;
    uint32x4x4_t w4;
    uint16x4x2_t d2;

    fill(src, 256, 11);
    b2 = vld2q_u8(src);
    vst1q_u8(got, b2.val[0]);
    vst1q_u8(got + 16, b2.val[1]);
    deinterleave_ref(src, ref, 16, 2, 1);
    CHECK(same(got, ref, 32));

    b3 = vld3q_u8(src + 1);                             /* RGB planes */
    vst1q_u8(got, b3.val[0]);
    vst1q_u8(got + 16, b3.val[1]);
    vst1q_u8(got + 32, b3.val[2]);
    deinterleave_ref(src + 1, ref, 16, 3, 1);
    CHECK(same(got, ref, 48));

    b4 = vld4q_u8(src);
    vst1q_u8(got, b4.val[0]);
    vst1q_u8(got + 16, b4.val[1]);
    vst1q_u8(got + 32, b4.val[2]);
    vst1q_u8(got + 48, b4.val[3]);
    deinterleave_ref(src, ref, 16, 4, 1);
    CHECK(same(got, ref, 64));

    h3 = vld3q_u16((const uint16_t *)(src + 6));
    vst1q_u16((uint16_t *)got, h3.val[0]);
    vst1q_u16((uint16_t *)(got + 16), h3.val[1]);
    vst1q_u16((uint16_t *)(got + 32), h3.val[2]);
    deinterleave_ref(src + 6, ref, 8, 3, 2);
    CHECK(same(got, ref, 48));

    w4 = vld4q_u32((const uint32_t *)(src + 16));
    for (int s = 0; s < 4; s++) {
        vst1q_u32((uint32_t *)(got + 16 * s), w4.val[s]);
    }
    deinterleave_ref(src + 16, ref, 4, 4, 4);
    CHECK(same(got, ref, 64));

    d2 = vld2_u16((const uint16_t *)(src + 40));
    vst1_u16((uint16_t *)got, d2.val[0]);
    vst1_u16((uint16_t *)(got + 8), d2.val[1]);
    deinterleave_ref(src + 40, ref, 4, 2, 2);
    CHECK(same(got, ref, 16));

    /* Stores interleave: a round trip gives the bytes back. */
    clear(dst, 256);
    vst4q_u8(dst + 3, vld4q_u8(src + 7));
    CHECK(same(dst + 3, src + 7, 64));
    vst3q_u16((uint16_t *)(dst + 80), vld3q_u16((const uint16_t *)(src + 80)));
    CHECK(same(dst + 80, src + 80, 48));
    vst2q_u8(dst + 140, vld2q_u8(src + 140));
    CHECK(same(dst + 140, src + 140, 32));
    CHECK(dst[172] == 0 && dst[139] == 0);
}

static void test_lanes_and_dups(void)
{
    uint8x16_t v, d;
    uint32x4_t w;
    uint16x8_t r;
    uint8x8x4_t r4;
    uint8_t got[32];

    fill(src, 256, 5);
    v = vld1q_u8(src);
    w = vld1q_u32((const uint32_t *)src);
    w = vld1q_lane_u32((const uint32_t *)(src + 64), w, 2);
    vst1q_u32((uint32_t *)got, w);
    CHECK(same(got, src, 8) && same(got + 8, src + 64, 4) && same(got + 12, src + 12, 4));
    vst1q_lane_u16((uint16_t *)(dst + 33), vreinterpretq_u16_u8(v), 5);
    CHECK(same(dst + 33, src + 10, 2));

    r = vld1q_dup_u16((const uint16_t *)(src + 9));     /* LD1R */
    vst1q_u16((uint16_t *)got, r);
    for (int i = 0; i < 8; i++) {
        CHECK(same(got + 2 * i, src + 9, 2));
    }
    r4 = vld4_dup_u8(src + 20);                         /* LD4R */
    for (int s = 0; s < 4; s++) {
        vst1_u8(got, r4.val[s]);
        for (int i = 0; i < 8; i++) {
            CHECK(got[i] == src[20 + s]);
        }
    }

    d = vdupq_n_u8(src[77]);                            /* DUP (general) */
    vst1q_u8(got, d);
    for (int i = 0; i < 16; i++) {
        CHECK(got[i] == src[77]);
    }
    d = vdupq_laneq_u8(v, 13);                          /* DUP (element) */
    vst1q_u8(got, d);
    for (int i = 0; i < 16; i++) {
        CHECK(got[i] == src[13]);
    }
    CHECK_EQ(vgetq_lane_u8(v, 14), src[14]);            /* UMOV */
    CHECK_EQ((uint64_t)(int64_t)vgetq_lane_s8(vreinterpretq_s8_u8(v), 15),
             (uint64_t)(int64_t)(int8_t)src[15]);       /* SMOV */
    CHECK_EQ(vgetq_lane_u64(vreinterpretq_u64_u8(v), 1),
             (uint64_t)src[8] | (uint64_t)src[9] << 8 | (uint64_t)src[10] << 16 |
             (uint64_t)src[11] << 24 | (uint64_t)src[12] << 32 | (uint64_t)src[13] << 40 |
             (uint64_t)src[14] << 48 | (uint64_t)src[15] << 56);
    v = vsetq_lane_u8(0xa5, v, 3);                      /* INS (general) */
    vst1q_u8(got, v);
    CHECK(got[3] == 0xa5 && same(got, src, 3) && same(got + 4, src + 4, 12));
    v = vcopyq_laneq_u8(v, 0, vld1q_u8(src + 16), 9);   /* INS (element) */
    vst1q_u8(got, v);
    CHECK(got[0] == src[25] && got[3] == 0xa5);
}

SCALAR static uint8_t tbl_ref(const uint8_t *table, unsigned n, uint8_t idx, uint8_t old, int tbx)
{
    return idx < n ? table[idx] : tbx ? old : 0;
}

static void test_tables(void)
{
    uint8x16_t idx, t0, t1, res;
    uint8x16x2_t t2;
    uint8x16x4_t tq;
    uint8x8_t r8;
    uint8_t got[16], ix[16];

    fill(src, 256, 9);
    for (int i = 0; i < 16; i++) {
        ix[i] = (uint8_t)(i * 13 + 2);                  /* 2, 15, 28 ... 197: in and out of range */
    }
    idx = vld1q_u8(ix);
    t0 = vld1q_u8(src);
    t1 = vld1q_u8(src + 16);
    res = vqtbl1q_u8(t0, idx);
    vst1q_u8(got, res);
    for (int i = 0; i < 16; i++) {
        CHECK_EQ(got[i], tbl_ref(src, 16, ix[i], 0, 0));
    }
    t2.val[0] = t0;
    t2.val[1] = t1;
    res = vqtbx2q_u8(vld1q_u8(src + 100), t2, idx);
    vst1q_u8(got, res);
    for (int i = 0; i < 16; i++) {
        CHECK_EQ(got[i], tbl_ref(src, 32, ix[i], src[100 + i], 1));
    }
    tq = vld1q_u8_x4(src + 64);
    res = vqtbl4q_u8(tq, idx);
    vst1q_u8(got, res);
    for (int i = 0; i < 16; i++) {
        CHECK_EQ(got[i], tbl_ref(src + 64, 64, ix[i], 0, 0));
    }
    r8 = vqtbl1_u8(t1, vld1_u8(ix));
    vst1_u8(got, r8);
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(got[i], tbl_ref(src + 16, 16, ix[i], 0, 0));
    }
}

static void test_permutes(void)
{
    uint8x16_t a, b, r;
    uint16x8_t ha, hb;
    uint32x4_t wa, wb;
    uint8_t got[16];

    fill(src, 256, 1);
    a = vld1q_u8(src);
    b = vld1q_u8(src + 16);
    r = vzip1q_u8(a, b);
    vst1q_u8(got, r);
    for (int i = 0; i < 8; i++) {
        CHECK(got[2 * i] == src[i] && got[2 * i + 1] == src[16 + i]);
    }
    r = vzip2q_u8(a, b);
    vst1q_u8(got, r);
    for (int i = 0; i < 8; i++) {
        CHECK(got[2 * i] == src[8 + i] && got[2 * i + 1] == src[24 + i]);
    }
    r = vuzp1q_u8(a, b);
    vst1q_u8(got, r);
    for (int i = 0; i < 16; i++) {
        CHECK(got[i] == src[2 * i]);
    }
    ha = vld1q_u16((const uint16_t *)src);
    hb = vld1q_u16((const uint16_t *)(src + 16));
    vst1q_u16((uint16_t *)got, vuzp2q_u16(ha, hb));
    for (int i = 0; i < 8; i++) {
        CHECK(same(got + 2 * i, src + 4 * i + 2, 2));
    }
    wa = vld1q_u32((const uint32_t *)src);
    wb = vld1q_u32((const uint32_t *)(src + 16));
    vst1q_u32((uint32_t *)got, vtrn1q_u32(wa, wb));
    CHECK(same(got, src, 4) && same(got + 4, src + 16, 4) && same(got + 8, src + 8, 4) &&
          same(got + 12, src + 24, 4));
    vst1q_u32((uint32_t *)got, vtrn2q_u32(wa, wb));
    CHECK(same(got, src + 4, 4) && same(got + 4, src + 20, 4) && same(got + 8, src + 12, 4) &&
          same(got + 12, src + 28, 4));
    r = vextq_u8(a, b, 5);
    vst1q_u8(got, r);
    CHECK(same(got, src + 5, 16));
    vst1_u8(got, vext_u8(vget_low_u8(a), vget_low_u8(b), 3));
    CHECK(same(got, src + 3, 5) && same(got + 5, src + 16, 3));
}

static void test_immediates(void)
{
    uint32_t w[4];
    uint64_t d[2];
    uint8_t b[16];
    uint32x4_t v;

    fill(src, 256, 0x40);
    vst1q_u8(b, vmovq_n_u8(0x3c));                          /* MOVI 8-bit */
    CHECK(b[0] == 0x3c && b[15] == 0x3c);
    vst1q_u32(w, vmovq_n_u32(0x00ab0000));                  /* MOVI LSL #16 */
    CHECK(w[0] == 0x00ab0000 && w[3] == 0x00ab0000);
    vst1q_u32(w, vmovq_n_u32(0xffff12ff));                  /* MVNI MSL #8 */
    CHECK(w[1] == 0xffff12ff);
    vst1q_u32(w, vmovq_n_u32(0x0012ffff));                  /* MOVI MSL #16 */
    CHECK(w[2] == 0x0012ffff);
    vst1q_u64(d, vmovq_n_u64(0xff0000ff00ffff00ULL));       /* MOVI 64-bit byte mask */
    CHECK_EQ(d[1], 0xff0000ff00ffff00ULL);
    vst1q_u32(w, vreinterpretq_u32_f32(vmovq_n_f32(-1.5f)));  /* FMOV (vector, immediate) */
    CHECK_EQ(w[3], 0xbfc00000);
    vst1q_u64(d, vreinterpretq_u64_f64(vmovq_n_f64(0.25)));
    CHECK_EQ(d[0], 0x3fd0000000000000ULL);
    v = vld1q_u32((const uint32_t *)src);
    vst1q_u32(w, vorrq_u32(v, vmovq_n_u32(0x00008000)));    /* ORR (vector, immediate) */
    for (int i = 0; i < 4; i++) {
        uint32_t s = (uint32_t)src[4 * i] | (uint32_t)src[4 * i + 1] << 8 |
                     (uint32_t)src[4 * i + 2] << 16 | (uint32_t)src[4 * i + 3] << 24;

        CHECK_EQ(w[i], s | 0x8000);
    }
    vst1q_u32(w, vbicq_u32(v, vmovq_n_u32(0x000000ff)));    /* BIC (vector, immediate) */
    CHECK(same(w, (const uint8_t[4]){ 0, src[1], src[2], src[3] }, 4));
}

/* Copies and fills GCC vectorizes: Q loads/stores, pairs, DUP/MOVI. */
struct Big {
    uint64_t a[12];
    uint32_t tail;
};

static struct Big big_src, big_dst;
static float fsrc[16], fdst[16];
static double dsrc[8], ddst[8];

__attribute__((noinline)) static void copy_bytes(uint8_t *d, const uint8_t *s, int n)
{
    for (int i = 0; i < n; i++) {
        d[i] = s[i];
    }
}

__attribute__((noinline)) static void fill_words(uint32_t *d, uint32_t v, int n)
{
    for (int i = 0; i < n; i++) {
        d[i] = v;
    }
}

static void test_compiler_copies(void)
{
    volatile float *vf = fsrc, *vfd = fdst;
    volatile double *vd = dsrc, *vdd = ddst;
    uint32_t words[40];

    fill(src, 256, 17);
    clear(dst, 256);
    copy_bytes(dst + 3, src + 1, 203);
    CHECK(same(dst + 3, src + 1, 203) && dst[2] == 0 && dst[206] == 0);
    fill_words(words, 0xdeadbeef, 37);
    for (int i = 0; i < 37; i++) {
        CHECK_EQ(words[i], 0xdeadbeef);
    }
    fill((uint8_t *)&big_src, sizeof(big_src), 29);
    big_dst = big_src;
    CHECK(same(&big_dst, &big_src, sizeof(big_src)));
    memset(dst, 0x77, 100);
    CHECK(dst[0] == 0x77 && dst[99] == 0x77 && dst[100] == src[98]);
    /* Scalar FP loads and stores (LDR/STR S and D through volatile pointers). */
    fill((uint8_t *)fsrc, sizeof(fsrc), 41);
    fill((uint8_t *)dsrc, sizeof(dsrc), 43);
    for (int i = 0; i < 16; i++) {
        float x = vf[i];

        vfd[i] = x;
    }
    CHECK(same(fdst, fsrc, sizeof(fsrc)));
    for (int i = 0; i < 8; i++) {
        double x = vd[i];

        vdd[i] = x;
    }
    CHECK(same(ddst, dsrc, sizeof(dsrc)));
}

int main(void)
{
    test_ld1_st1();
    test_structures();
    test_lanes_and_dups();
    test_tables();
    test_permutes();
    test_immediates();
    test_compiler_copies();
    if (check_failures == 0) {
        semi_puts("simd-mem: PASS\n");
    }
    return check_failures;
}
