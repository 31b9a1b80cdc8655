/*
 * The A64 cryptographic extension: AESE, AESD, AESMC, AESIMC (FIPS-197)
 * and the SHA-1/SHA-256 round and schedule instructions (FIPS 180-4),
 * after the ARM ARM's pseudocode (C7.2.6 ... C7.2.9, C7.2.253 ... C7.2.260,
 * and the shared functions SHAchoose, SHAmajority, SHAparity,
 * SHA256hash, SHAhashSIGMA0/1 of J1).
 *
 * The AES state is the vector register as 16 bytes, byte i of the register
 * being FIPS-197's in[i], so column c is bytes 4c..4c+3 and row r is bytes
 * r, r + 4, r + 8, r + 12. The S-boxes are computed once from their
 * definition (FIPS-197 5.1.1: the multiplicative inverse in GF(2^8) modulo
 * x^8 + x^4 + x^3 + x + 1, then the affine transformation) rather than
 * typed in. SHA works on the register as four 32-bit words, word 0 being
 * bits 31:0.
 *
 * One helper with the operation in desc: these instructions are rare
 * outside crypto loops, which spend their time in memory and in the
 * rounds themselves, not in the call.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "target/arm/cpu.h"
#include "target/arm/helper-crypto.h"

/* ---- AES (FIPS-197) ---- */

static uint8_t aes_sbox[256], aes_inv_sbox[256];
static GOnce aes_sbox_once = G_ONCE_INIT;

/* Multiplication in GF(2^8) modulo the AES polynomial 0x11b (FIPS-197 4.2). */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;

    while (b) {
        if (b & 1) {
            r ^= a;
        }
        a = (a << 1) ^ ((a & 0x80) ? 0x1b : 0);
        b >>= 1;
    }
    return r;
}

static uint8_t rotl8(uint8_t x, unsigned n)
{
    return (uint8_t)(x << n | x >> (8 - n));
}

static gpointer aes_build_sboxes(gpointer unused)
{
    for (unsigned x = 0; x < 256; x++) {
        uint8_t inv = 0, b;

        /* The inverse of 0 is taken as 0. */
        for (unsigned y = 1; x && y < 256; y++) {
            if (gf_mul(x, y) == 1) {
                inv = y;
                break;
            }
        }
        b = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
        aes_sbox[x] = b;
        aes_inv_sbox[b] = x;
    }
    return NULL;
}

/* SubBytes after ShiftRows (AESE), or InvSubBytes after InvShiftRows (AESD). */
static void aes_round(uint8_t st[16], bool decrypt)
{
    const uint8_t *box = decrypt ? aes_inv_sbox : aes_sbox;
    uint8_t in[16];

    memcpy(in, st, 16);
    for (unsigned c = 0; c < 4; c++) {
        for (unsigned r = 0; r < 4; r++) {
            /* Row r rotates left by r columns (FIPS-197 5.1.2), right to invert (5.3.1). */
            unsigned from = decrypt ? (c + 4 - r) % 4 : (c + r) % 4;

            st[r + 4 * c] = box[in[r + 4 * from]];
        }
    }
}

/* MixColumns (FIPS-197 5.1.3) or InvMixColumns (5.3.3): a circulant matrix per column. */
static void aes_mix_columns(uint8_t st[16], bool inverse)
{
    static const uint8_t fwd[4] = { 2, 3, 1, 1 }, inv[4] = { 14, 11, 13, 9 };
    const uint8_t *k = inverse ? inv : fwd;

    for (unsigned c = 0; c < 4; c++) {
        uint8_t a[4];

        memcpy(a, &st[4 * c], 4);
        for (unsigned r = 0; r < 4; r++) {
            st[4 * c + r] = gf_mul(a[r], k[0]) ^ gf_mul(a[(r + 1) % 4], k[1]) ^
                            gf_mul(a[(r + 2) % 4], k[2]) ^ gf_mul(a[(r + 3) % 4], k[3]);
        }
    }
}

/* ---- SHA-1 and SHA-256 (FIPS 180-4; ARM ARM J1 shared pseudocode) ---- */

static uint32_t rol32(uint32_t x, unsigned n)
{
    return x << n | x >> (32 - n);
}

static uint32_t ror32(uint32_t x, unsigned n)
{
    return x >> n | x << (32 - n);
}

static uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z)
{
    return ((y ^ z) & x) ^ z;
}

static uint32_t sha_majority(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) | ((x | y) & z);
}

static uint32_t sha_parity(uint32_t x, uint32_t y, uint32_t z)
{
    return x ^ y ^ z;
}

/*
 * SHA1C/SHA1P/SHA1M: four rounds on X = abcd (word 0 = a) and Y = e with
 * the four schedule words W; <Y, X> = ROL(Y:X, 32) moves every word up one
 * and the new e out of word 3.
 */
static void sha1_rounds(uint32_t x[4], uint32_t y, const uint32_t w[4], CryptoOp op)
{
    for (unsigned e = 0; e < 4; e++) {
        uint32_t t;

        if (op == CRYPTO_SHA1C) {
            t = sha_choose(x[1], x[2], x[3]);
        } else if (op == CRYPTO_SHA1P) {
            t = sha_parity(x[1], x[2], x[3]);
        } else {
            t = sha_majority(x[1], x[2], x[3]);
        }
        y = y + rol32(x[0], 5) + t + w[e];
        x[1] = rol32(x[1], 30);
        t = x[3];
        x[3] = x[2];
        x[2] = x[1];
        x[1] = x[0];
        x[0] = y;
        y = t;
    }
}

/* SHA256hash: four rounds; X = abcd, Y = efgh; returns X (SHA256H) or Y (SHA256H2). */
static void sha256_rounds(uint32_t x[4], uint32_t y[4], const uint32_t w[4])
{
    for (unsigned e = 0; e < 4; e++) {
        uint32_t chs = sha_choose(y[0], y[1], y[2]);
        uint32_t maj = sha_majority(x[0], x[1], x[2]);
        uint32_t sigma1 = ror32(y[0], 6) ^ ror32(y[0], 11) ^ ror32(y[0], 25);
        uint32_t sigma0 = ror32(x[0], 2) ^ ror32(x[0], 13) ^ ror32(x[0], 22);
        uint32_t t = y[3] + sigma1 + chs + w[e];
        uint32_t x3 = t + x[3], y3 = t + sigma0 + maj;

        /* <Y, X> = ROL(Y:X, 32) */
        y[3] = y[2];
        y[2] = y[1];
        y[1] = y[0];
        y[0] = x3;
        x[3] = x[2];
        x[2] = x[1];
        x[1] = x[0];
        x[0] = y3;
    }
}

void helper_crypto(void *opaque, uint32_t desc)
{
    CPUARMState *env = opaque;
    CryptoOp op = simd_desc_op(desc);
    uint32_t d[4], n[4], m[4], r[4] = { 0, 0, 0, 0 }, t[4];
    uint8_t st[16];

    memcpy(d, &env->vregs[simd_desc_rd(desc)], 16);
    memcpy(n, &env->vregs[simd_desc_rn(desc)], 16);
    memcpy(m, &env->vregs[simd_desc_rm(desc)], 16);
    switch (op) {
    case CRYPTO_AESE:
    case CRYPTO_AESD:
        g_once(&aes_sbox_once, aes_build_sboxes, NULL);
        for (unsigned i = 0; i < 4; i++) {
            r[i] = d[i] ^ n[i];             /* AddRoundKey comes first */
        }
        memcpy(st, r, 16);
        aes_round(st, op == CRYPTO_AESD);
        memcpy(r, st, 16);
        break;
    case CRYPTO_AESMC:
    case CRYPTO_AESIMC:
        memcpy(st, n, 16);
        aes_mix_columns(st, op == CRYPTO_AESIMC);
        memcpy(r, st, 16);
        break;
    case CRYPTO_SHA1C:
    case CRYPTO_SHA1P:
    case CRYPTO_SHA1M:
        memcpy(r, d, 16);
        sha1_rounds(r, n[0], m, op);
        break;
    case CRYPTO_SHA1SU0:
        /* result = (Vn<63:0> : Vd<127:64>) EOR Vd EOR Vm */
        t[0] = d[2];
        t[1] = d[3];
        t[2] = n[0];
        t[3] = n[1];
        for (unsigned i = 0; i < 4; i++) {
            r[i] = t[i] ^ d[i] ^ m[i];
        }
        break;
    case CRYPTO_SHA1H:
        r[0] = rol32(n[0], 30);
        break;
    case CRYPTO_SHA1SU1:
        /* T = Vd EOR LSR(Vn, 32); W3 also takes ROL(T<31:0>, 2). */
        for (unsigned i = 0; i < 4; i++) {
            t[i] = d[i] ^ (i < 3 ? n[i + 1] : 0);
        }
        for (unsigned i = 0; i < 4; i++) {
            r[i] = rol32(t[i], 1);
        }
        r[3] ^= rol32(t[0], 2);
        break;
    case CRYPTO_SHA256H:
        memcpy(r, d, 16);
        memcpy(t, n, 16);
        sha256_rounds(r, t, m);
        break;
    case CRYPTO_SHA256H2:
        memcpy(t, n, 16);
        memcpy(r, d, 16);
        sha256_rounds(t, r, m);
        break;
    case CRYPTO_SHA256SU0:
        /* T = Vn<31:0> : Vd<127:32>; each word sigma0(T) + Vd. */
        for (unsigned i = 0; i < 4; i++) {
            uint32_t e = i < 3 ? d[i + 1] : n[0];

            r[i] = (ror32(e, 7) ^ ror32(e, 18) ^ (e >> 3)) + d[i];
        }
        break;
    case CRYPTO_SHA256SU1:
        /* T0 = Vm<31:0> : Vn<127:32>; words 2, 3 use the just computed words 0, 1. */
        t[0] = n[1];
        t[1] = n[2];
        t[2] = n[3];
        t[3] = m[0];
        for (unsigned i = 0; i < 4; i++) {
            uint32_t e = i < 2 ? m[i + 2] : r[i - 2];

            r[i] = (ror32(e, 17) ^ ror32(e, 19) ^ (e >> 10)) + d[i] + t[i];
        }
        break;
    default:
        g_assert_not_reached();
    }
    memcpy(&env->vregs[simd_desc_rd(desc)], r, 16);
}

const TCGHelperInfo helper_info_crypto = {
    .func = helper_crypto, .name = "crypto", .flags = TCG_CALL_NO_RWG,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};
