/*
 * The cryptographic extension as compiled code uses it (arm_neon.h
 * intrinsics, the shape of Linux's arch/arm64/crypto glue): AES-128 of
 * FIPS-197 appendix C.1 with AESE/AESMC and back with AESD/AESIMC (key
 * expansion in C, as the kernel does), SHA-1 and SHA-256 of the FIPS 180-4
 * one- and two-block examples with the SHA instructions, and 64-bit PMULL
 * against a bit-serial carry-less multiply. Self-checking: the exit status
 * is the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <arm_neon.h>
#include "semihost.h"

/* ---- AES (FIPS-197) ---- */

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;

    for (; b; b >>= 1) {
        if (b & 1) {
            r ^= a;
        }
        a = (uint8_t)(a << 1) ^ ((a & 0x80) ? 0x1b : 0);
    }
    return r;
}

/* SubWord's S-box entry from its definition (FIPS-197 5.1.1). */
static uint8_t sbox(uint8_t x)
{
    uint8_t inv = 0, b;

    for (unsigned y = 1; x && y < 256; y++) {
        if (gf_mul(x, (uint8_t)y) == 1) {
            inv = (uint8_t)y;
            break;
        }
    }
    b = inv;
    for (int i = 1; i <= 4; i++) {
        b ^= (uint8_t)(inv << i | inv >> (8 - i));
    }
    return b ^ 0x63;
}

/* FIPS-197 5.2: the 11 round keys of AES-128. */
static void aes128_expand(const uint8_t key[16], uint8_t rk[11][16])
{
    uint8_t rcon = 1;

    for (int i = 0; i < 16; i++) {
        rk[0][i] = key[i];
    }
    for (int r = 1; r <= 10; r++) {
        const uint8_t *p = rk[r - 1];
        uint8_t t[4] = { sbox(p[13]) ^ rcon, sbox(p[14]), sbox(p[15]), sbox(p[12]) };

        for (int i = 0; i < 16; i++) {
            rk[r][i] = p[i] ^ (i < 4 ? t[i] : rk[r][i - 4]);
        }
        rcon = gf_mul(rcon, 2);
    }
}

static void check_aes(void)
{
    static const uint8_t key[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
    static const uint8_t pt[16] = {
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
    };
    static const uint8_t ct[16] = {
        0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30, 0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a,
    };
    uint8_t rk[11][16], out[16];
    uint8x16_t s = vld1q_u8(pt);

    aes128_expand(key, rk);
    for (int r = 0; r < 9; r++) {
        s = vaesmcq_u8(vaeseq_u8(s, vld1q_u8(rk[r])));
    }
    s = veorq_u8(vaeseq_u8(s, vld1q_u8(rk[9])), vld1q_u8(rk[10]));
    vst1q_u8(out, s);
    for (int i = 0; i < 16; i++) {
        CHECK_EQ(out[i], ct[i]);
    }
    /* The equivalent inverse cipher (FIPS-197 5.3.5): InvMixColumns of round keys 9..1. */
    s = vaesimcq_u8(vaesdq_u8(vld1q_u8(ct), vld1q_u8(rk[10])));
    for (int r = 9; r > 1; r--) {
        s = vaesimcq_u8(vaesdq_u8(s, vaesimcq_u8(vld1q_u8(rk[r]))));
    }
    s = veorq_u8(vaesdq_u8(s, vaesimcq_u8(vld1q_u8(rk[1]))), vld1q_u8(rk[0]));
    vst1q_u8(out, s);
    for (int i = 0; i < 16; i++) {
        CHECK_EQ(out[i], pt[i]);
    }
}

/* ---- SHA-1 and SHA-256 (FIPS 180-4) ---- */

/* Pads msg (len < 56 + 64 bytes) into one or two big-endian-word blocks; returns the count. */
static int sha_pad(const char *msg, uint32_t w[32])
{
    uint8_t buf[128] = { 0 };
    int len = 0, blocks;

    while (msg[len]) {
        buf[len] = (uint8_t)msg[len];
        len++;
    }
    buf[len] = 0x80;
    blocks = len < 56 ? 1 : 2;
    buf[blocks * 64 - 1] = (uint8_t)(len * 8);
    buf[blocks * 64 - 2] = (uint8_t)(len * 8 >> 8);
    for (int i = 0; i < blocks * 16; i++) {
        w[i] = (uint32_t)buf[4 * i] << 24 | buf[4 * i + 1] << 16 | buf[4 * i + 2] << 8 | buf[4 * i + 3];
    }
    return blocks;
}

static void sha1(const char *msg, uint32_t digest[5])
{
    static const uint32_t k[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
    uint32_t w[32];
    uint32x4_t abcd = vld1q_u32((const uint32_t[]){ 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 });
    uint32_t e = 0xc3d2e1f0;
    int blocks = sha_pad(msg, w);

    for (int b = 0; b < blocks; b++) {
        uint32x4_t m[4], abcd0 = abcd;
        uint32_t e0 = e;

        for (int i = 0; i < 4; i++) {
            m[i] = vld1q_u32(&w[16 * b + 4 * i]);
        }
        for (int step = 0; step < 20; step++) {
            uint32x4_t t = vaddq_u32(m[0], vdupq_n_u32(k[step / 5]));
            uint32_t next_e = vsha1h_u32(vgetq_lane_u32(abcd, 0));
            uint32x4_t next = vsha1su1q_u32(vsha1su0q_u32(m[0], m[1], m[2]), m[3]);

            if (step < 5) {
                abcd = vsha1cq_u32(abcd, e, t);
            } else if (step >= 10 && step < 15) {
                abcd = vsha1mq_u32(abcd, e, t);
            } else {
                abcd = vsha1pq_u32(abcd, e, t);
            }
            e = next_e;
            m[0] = m[1];
            m[1] = m[2];
            m[2] = m[3];
            m[3] = next;
        }
        abcd = vaddq_u32(abcd, abcd0);
        e += e0;
    }
    vst1q_u32(digest, abcd);
    digest[4] = e;
}

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static void sha256(const char *msg, uint32_t digest[8])
{
    uint32_t w[32];
    uint32x4_t abcd = vld1q_u32((const uint32_t[]){ 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a });
    uint32x4_t efgh = vld1q_u32((const uint32_t[]){ 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 });
    int blocks = sha_pad(msg, w);

    for (int b = 0; b < blocks; b++) {
        uint32x4_t m[4], abcd0 = abcd, efgh0 = efgh;

        for (int i = 0; i < 4; i++) {
            m[i] = vld1q_u32(&w[16 * b + 4 * i]);
        }
        for (int step = 0; step < 16; step++) {
            uint32x4_t t = vaddq_u32(m[0], vld1q_u32(&sha256_k[4 * step]));
            uint32x4_t next = vsha256su1q_u32(vsha256su0q_u32(m[0], m[1]), m[2], m[3]);
            uint32x4_t old_abcd = abcd;

            abcd = vsha256hq_u32(abcd, efgh, t);
            efgh = vsha256h2q_u32(efgh, old_abcd, t);
            m[0] = m[1];
            m[1] = m[2];
            m[2] = m[3];
            m[3] = next;
        }
        abcd = vaddq_u32(abcd, abcd0);
        efgh = vaddq_u32(efgh, efgh0);
    }
    vst1q_u32(digest, abcd);
    vst1q_u32(digest + 4, efgh);
}

static void check_sha(void)
{
    static const char *const two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    static const uint32_t sha1_abc[5] = { 0xa9993e36, 0x4706816a, 0xba3e2571, 0x7850c26c, 0x9cd0d89d };
    static const uint32_t sha1_two[5] = { 0x84983e44, 0x1c3bd26e, 0xbaae4aa1, 0xf95129e5, 0xe54670f1 };
    static const uint32_t sha256_abc[8] = {
        0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223, 0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad,
    };
    static const uint32_t sha256_two[8] = {
        0x248d6a61, 0xd20638b8, 0xe5c02693, 0x0c3e6039, 0xa33ce459, 0x64ff2167, 0xf6ecedd4, 0x19db06c1,
    };
    uint32_t d[8];

    sha1("abc", d);
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(d[i], sha1_abc[i]);
    }
    sha1(two_blocks, d);
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(d[i], sha1_two[i]);
    }
    sha256("abc", d);
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(d[i], sha256_abc[i]);
    }
    sha256(two_blocks, d);
    for (int i = 0; i < 8; i++) {
        CHECK_EQ(d[i], sha256_two[i]);
    }
}

/* ---- PMULL (64 x 64 -> 128), the GHASH multiply ---- */

static void clmul_ref(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    *lo = *hi = 0;
    for (int i = 0; i < 64; i++) {
        if (b >> i & 1) {
            *lo ^= a << i;
            *hi ^= i ? a >> (64 - i) : 0;
        }
    }
}

static volatile uint64_t pm_in[4] = {
    0x0123456789abcdefULL, 0xfedcba9876543210ULL, 0x8000000000000001ULL, 0xc2ULL << 56,
};

static void check_pmull64(void)
{
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
            poly128_t p = vmull_p64(pm_in[i], pm_in[j]);
            uint64_t lo, hi;
            uint64x2_t v = vreinterpretq_u64_p128(p);

            clmul_ref(pm_in[i], pm_in[j], &lo, &hi);
            CHECK_EQ(vgetq_lane_u64(v, 0), lo);
            CHECK_EQ(vgetq_lane_u64(v, 1), hi);
        }
    }
    {
        poly64x2_t a = vcombine_p64(vcreate_p64(1), vcreate_p64(pm_in[1]));
        poly64x2_t b = vcombine_p64(vcreate_p64(2), vcreate_p64(pm_in[0]));
        uint64x2_t v = vreinterpretq_u64_p128(vmull_high_p64(a, b));     /* PMULL2 */
        uint64_t lo, hi;

        clmul_ref(pm_in[1], pm_in[0], &lo, &hi);
        CHECK_EQ(vgetq_lane_u64(v, 0), lo);
        CHECK_EQ(vgetq_lane_u64(v, 1), hi);
    }
}

int main(void)
{
    check_aes();
    check_sha();
    check_pmull64();
    if (check_failures == 0) {
        semi_puts("crypto: PASS\n");
    }
    return check_failures;
}
