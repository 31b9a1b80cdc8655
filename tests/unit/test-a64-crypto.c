/*
 * The A64 cryptographic extension on both backends: AES, SHA-1, SHA-256
 * and PMULL's 64-bit form, through the A64 harness.
 *
 * - Standard vectors computed through the instructions the way Linux's
 *   arch/arm64/crypto code uses them: the AES-128 example of FIPS-197
 *   appendix C.1 (AESE/AESMC rounds to encrypt, AESIMC for the equivalent
 *   inverse cipher's round keys and AESD/AESIMC to decrypt), and the
 *   SHA-1 and SHA-256 digests of "abc" (FIPS 180-4 examples) through
 *   SHA1H/SHA1C/SHA1P/SHA1M/SHA1SU0/SHA1SU1 and SHA256H/SHA256H2/
 *   SHA256SU0/SHA256SU1, four rounds per step. The test does the additions
 *   of round constants (ADD in Linux's code) in C, so only the instructions
 *   under test run in the guest.
 * - A table of each instruction on two inputs, V0 and FPSR after it, the
 *   expected values from Debian's qemu-aarch64 -cpu max (a generator
 *   program storing V0 after each).
 * - The feature gates: without AES/PMULL/SHA1/SHA256 in the model's
 *   features the instructions are UNDEFINED (8-bit PMULL stays), and
 *   ID_AA64ISAR0 advertises AES = 2, SHA1 = 1, SHA2 = 1.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-vec-cases.h"
#include "accel/tcg/tcg-accel.h"
#include "accel/tcg/tb.h"
#include "util/bitops.h"

static const VecCase crypto_cases[] = {
    { "aese v0.16b, v1.16b", IN_AB, { 0x86dfbbbdbd85df6e, 0x6e38852020bb3886 }, 0x0 },
    { "aese v0.16b, v1.16b", IN_BA, { 0x63cdcd631616cd16, 0x6316d27c166316f3 }, 0x0 },
    { "aesd v0.16b, v1.16b", IN_AB, { 0x68610a80fd0a0f68, 0x930f0cfd800c6193 }, 0x0 },
    { "aesd v0.16b, v1.16b", IN_BA, { 0x523a6b527d7d7d7d, 0x527d3a097d523a8a }, 0x0 },
    { "aesmc v0.16b, v1.16b", IN_AB, { 0xcd67892345ef01ab, 0x329876dcba10fe54 }, 0x0 },
    { "aesmc v0.16b, v1.16b", IN_BA, { 0x7e1b81e481e47e1b, 0x826400e7fe1a7e9a }, 0x0 },
    { "aesimc v0.16b, v1.16b", IN_AB, { 0xc66c82284ee40aa0, 0x39937dd7b11bf55f }, 0x0 },
    { "aesimc v0.16b, v1.16b", IN_BA, { 0xafca50355035afca, 0xbc5e3eddc82c48ac }, 0x0 },
    { "sha1c q0, s1, v2.4s", IN_AB, { 0x70c046b086449e44, 0x79e51c01774e6f1d }, 0x0 },
    { "sha1c q0, s1, v2.4s", IN_BA, { 0x27f45cf2a8e358da, 0xe26ad377c5a34055 }, 0x0 },
    { "sha1p q0, s1, v2.4s", IN_AB, { 0xe40c5a49206b9f11, 0xc26d9378374c457e }, 0x0 },
    { "sha1p q0, s1, v2.4s", IN_BA, { 0x519f9d179de889e2, 0x026ad37755a3403a }, 0x0 },
    { "sha1m q0, s1, v2.4s", IN_AB, { 0x2c8fbe2c60236751, 0x79e51c016ec60e0c }, 0x0 },
    { "sha1m q0, s1, v2.4s", IN_BA, { 0x27f45af2b457ec52, 0xc26ad377c5a34051 }, 0x0 },
    { "sha1su0 v0.4s, v1.4s, v2.4s", IN_AB, { 0xe66619991999e666, 0x4d9076aaba67815c }, 0x0 },
    { "sha1su0 v0.4s, v1.4s, v2.4s", IN_BA, { 0xfedcba98f6543211, 0xfedcc56709abb211 }, 0x0 },
    { "sha1h s0, s1", IN_AB, { 0x00000000e26af37b, 0x0000000000000000 }, 0x0 },
    { "sha1h s0, s1", IN_BA, { 0x000000001fffe000, 0x0000000000000000 }, 0x0 },
    { "sha1su1 v0.4s, v1.4s", IN_AB, { 0x46033174a8eddf9a, 0x37bc26ad9bdeeca9 }, 0x0 },
    { "sha1su1 v0.4s, v1.4s", IN_BA, { 0xfe00ff00ffff0001, 0xfffe0002ff01fe00 }, 0x0 },
    { "sha256h q0, q1, v2.4s", IN_AB, { 0xc35a30897d97e23e, 0xb88833956eceeeb9 }, 0x0 },
    { "sha256h q0, q1, v2.4s", IN_BA, { 0xc21ea517b0a1aa5a, 0x6758cd3c502b76a0 }, 0x0 },
    { "sha256h2 q0, q1, v2.4s", IN_AB, { 0x91ce181df2181697, 0x80529f87469cad72 }, 0x0 },
    { "sha256h2 q0, q1, v2.4s", IN_BA, { 0x3d28bba28ee7df0c, 0x071cccae25dd8d8e }, 0x0 },
    { "sha256su0 v0.4s, v1.4s", IN_AB, { 0xc288bd768a0035ff, 0x70919918a066df98 }, 0x0 },
    { "sha256su0 v0.4s, v1.4s", IN_BA, { 0x82003fff8effdffe, 0x6f0010ff11002001 }, 0x0 },
    { "sha256su1 v0.4s, v1.4s, v2.4s", IN_AB, { 0x2c294cc986a94f91, 0x432a068ec02be136 }, 0x0 },
    { "sha256su1 v0.4s, v1.4s, v2.4s", IN_BA, { 0x4b2058199f5820ea, 0x30c912d193d0c951 }, 0x0 },
};

static void test_table(gconstpointer backend)
{
    run_vec_cases(backend, crypto_cases, ARRAY_SIZE(crypto_cases));
}

/* FIPS-197 appendix C.1: AES-128 key 000102...0f, its key expansion (round keys 0..10). */
static const uint8_t aes_round_keys[11][16] = {
    { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f },
    { 0xd6, 0xaa, 0x74, 0xfd, 0xd2, 0xaf, 0x72, 0xfa, 0xda, 0xa6, 0x78, 0xf1, 0xd6, 0xab, 0x76, 0xfe },
    { 0xb6, 0x92, 0xcf, 0x0b, 0x64, 0x3d, 0xbd, 0xf1, 0xbe, 0x9b, 0xc5, 0x00, 0x68, 0x30, 0xb3, 0xfe },
    { 0xb6, 0xff, 0x74, 0x4e, 0xd2, 0xc2, 0xc9, 0xbf, 0x6c, 0x59, 0x0c, 0xbf, 0x04, 0x69, 0xbf, 0x41 },
    { 0x47, 0xf7, 0xf7, 0xbc, 0x95, 0x35, 0x3e, 0x03, 0xf9, 0x6c, 0x32, 0xbc, 0xfd, 0x05, 0x8d, 0xfd },
    { 0x3c, 0xaa, 0xa3, 0xe8, 0xa9, 0x9f, 0x9d, 0xeb, 0x50, 0xf3, 0xaf, 0x57, 0xad, 0xf6, 0x22, 0xaa },
    { 0x5e, 0x39, 0x0f, 0x7d, 0xf7, 0xa6, 0x92, 0x96, 0xa7, 0x55, 0x3d, 0xc1, 0x0a, 0xa3, 0x1f, 0x6b },
    { 0x14, 0xf9, 0x70, 0x1a, 0xe3, 0x5f, 0xe2, 0x8c, 0x44, 0x0a, 0xdf, 0x4d, 0x4e, 0xa9, 0xc0, 0x26 },
    { 0x47, 0x43, 0x87, 0x35, 0xa4, 0x1c, 0x65, 0xb9, 0xe0, 0x16, 0xba, 0xf4, 0xae, 0xbf, 0x7a, 0xd2 },
    { 0x54, 0x99, 0x32, 0xd1, 0xf0, 0x85, 0x57, 0x68, 0x10, 0x93, 0xed, 0x9c, 0xbe, 0x2c, 0x97, 0x4e },
    { 0x13, 0x11, 0x1d, 0x7f, 0xe3, 0x94, 0x4a, 0x17, 0xf3, 0x07, 0xa7, 0x8b, 0x4d, 0x2b, 0x30, 0xc5 },
};
static const uint8_t aes_plaintext[16] = {
    0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
};
static const uint8_t aes_ciphertext[16] = {
    0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30, 0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a,
};

/* V<reg> as 16 bytes (byte i of the register is AES's in[i]) xor key, compared with want. */
static void assert_bytes_xor(const ARMVReg *v, const uint8_t *key, const uint8_t *want)
{
    uint8_t got[16];

    memcpy(got, v->d, 16);
    for (unsigned i = 0; i < 16; i++) {
        g_assert_cmphex(got[i] ^ key[i], ==, want[i]);
    }
}

/*
 * Encryption: V10..V20 hold round keys 0..10; nine AESE+AESMC rounds, a
 * final AESE; the last AddRoundKey (an EOR) is done by the check. Then
 * decryption with the equivalent inverse cipher (FIPS-197 5.3.5): AESIMC
 * turns round keys 9..1 into V21..V29, and AESD+AESIMC rounds from key 10
 * run back to the plaintext (xor round key 0).
 */
static void test_aes128(gconstpointer backend)
{
    GString *src = g_string_new(".arch armv8-a+crypto\n");
    CPUARMState *env;
    GBytes *code;
    A64Run r;

    for (unsigned k = 0; k < 9; k++) {
        g_string_append_printf(src, "  aese v0.16b, v%u.16b\n  aesmc v0.16b, v0.16b\n", 10 + k);
    }
    g_string_append(src, "  aese v0.16b, v19.16b\n");
    for (unsigned j = 0; j < 9; j++) {
        g_string_append_printf(src, "  aesimc v%u.16b, v%u.16b\n", 21 + j, 19 - j);
    }
    g_string_append(src, "  aesd v1.16b, v20.16b\n  aesimc v1.16b, v1.16b\n");
    for (unsigned j = 0; j < 8; j++) {
        g_string_append_printf(src, "  aesd v1.16b, v%u.16b\n  aesimc v1.16b, v1.16b\n", 21 + j);
    }
    g_string_append(src, "  aesd v1.16b, v29.16b\n");
    code = a64_assemble(src->str);
    g_string_free(src, true);
    if (skip_without_assembler(code)) {
        return;
    }
    a64_harness_init(&r, backend, "cortex-a57");
    env = &r.cpu->env;
    memcpy(env->vregs[0].d, aes_plaintext, 16);
    memcpy(env->vregs[1].d, aes_ciphertext, 16);
    for (unsigned k = 0; k < 11; k++) {
        memcpy(env->vregs[10 + k].d, aes_round_keys[k], 16);
    }
    a64_run_bytes(&r, code);
    g_assert_false(r.exception_taken);
    assert_bytes_xor(&env->vregs[0], aes_round_keys[10], aes_ciphertext);
    assert_bytes_xor(&env->vregs[1], aes_round_keys[0], aes_plaintext);
    g_bytes_unref(code);
    a64_harness_destroy(&r);
}

static void set_words(ARMVReg *v, const uint32_t w[4])
{
    memcpy(v->d, w, 16);
}

static void get_words(uint32_t w[4], const ARMVReg *v)
{
    memcpy(w, v->d, 16);
}

/* The one 512-bit block of "abc" (FIPS 180-4 5.1.1), as 16 big-endian words, four per vector. */
static const uint32_t abc_block[4][4] = {
    { 0x61626380, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0x18 },
};

/*
 * SHA-1: per step of four rounds, SHA1H gives the next e from a, SHA1C
 * (rounds 0-19), SHA1P (20-39, 60-79) or SHA1M (40-59) does the rounds on
 * abcd and e with W + K, SHA1SU0/SHA1SU1 compute the next four schedule
 * words (FIPS 180-4 6.1.2).
 */
static void test_sha1_abc(gconstpointer backend)
{
    static const char *const ops[3] = { "c", "p", "m" };
    static const uint32_t k[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
    static const uint32_t h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };
    static const uint32_t digest[5] = { 0xa9993e36, 0x4706816a, 0xba3e2571, 0x7850c26c, 0x9cd0d89d };
    uint32_t w[4][4], abcd[4], e[4] = { h[4], 0, 0, 0 };
    GBytes *code[3];
    A64Run r;

    for (unsigned i = 0; i < 3; i++) {
        char *src = g_strdup_printf(".arch armv8-a+crypto\n  sha1h s2, s0\n"
                                    "  sha1%s q0, s1, v3.4s\n"
                                    "  sha1su0 v4.4s, v5.4s, v6.4s\n  sha1su1 v4.4s, v7.4s\n",
                                    ops[i]);

        code[i] = a64_assemble(src);
        g_free(src);
        if (skip_without_assembler(code[i])) {
            return;
        }
    }
    memcpy(w, abc_block, sizeof(w));
    memcpy(abcd, h, sizeof(abcd));
    a64_harness_init(&r, backend, "cortex-a57");
    for (unsigned step = 0; step < 20; step++) {
        CPUARMState *env = &r.cpu->env;
        unsigned op = step < 5 ? 0 : step >= 10 && step < 15 ? 2 : 1;
        uint32_t t[4];

        for (unsigned j = 0; j < 4; j++) {
            t[j] = w[0][j] + k[step / 5];
        }
        set_words(&env->vregs[0], abcd);
        set_words(&env->vregs[1], e);
        set_words(&env->vregs[3], t);
        for (unsigned j = 0; j < 4; j++) {
            set_words(&env->vregs[4 + j], w[j]);
        }
        a64_run_bytes(&r, code[op]);
        g_assert_false(r.exception_taken);
        tb_flush();
        get_words(abcd, &env->vregs[0]);
        get_words(e, &env->vregs[2]);
        memmove(w[0], w[1], sizeof(w[0]) * 3);
        get_words(w[3], &env->vregs[4]);
    }
    for (unsigned j = 0; j < 4; j++) {
        g_assert_cmphex(abcd[j] + h[j], ==, digest[j]);
    }
    g_assert_cmphex(e[0] + h[4], ==, digest[4]);
    for (unsigned i = 0; i < 3; i++) {
        g_bytes_unref(code[i]);
    }
    a64_harness_destroy(&r);
}

/* SHA-256 round constants (FIPS 180-4 4.2.2). */
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

/* SHA-256: per step SHA256H/SHA256H2 do four rounds, SHA256SU0/SU1 the next schedule words. */
static void test_sha256_abc(gconstpointer backend)
{
    static const uint32_t h[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    static const uint32_t digest[8] = {
        0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223, 0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad,
    };
    GBytes *code = a64_assemble(".arch armv8-a+crypto\n"
                                "  sha256h q0, q1, v3.4s\n"
                                "  sha256h2 q1, q2, v3.4s\n"
                                "  sha256su0 v4.4s, v5.4s\n"
                                "  sha256su1 v4.4s, v6.4s, v7.4s\n");
    uint32_t w[4][4], abcd[4], efgh[4];
    A64Run r;

    if (skip_without_assembler(code)) {
        return;
    }
    memcpy(w, abc_block, sizeof(w));
    memcpy(abcd, h, sizeof(abcd));
    memcpy(efgh, h + 4, sizeof(efgh));
    a64_harness_init(&r, backend, "cortex-a57");
    for (unsigned step = 0; step < 16; step++) {
        CPUARMState *env = &r.cpu->env;
        uint32_t t[4];

        for (unsigned j = 0; j < 4; j++) {
            t[j] = w[0][j] + sha256_k[4 * step + j];
        }
        set_words(&env->vregs[0], abcd);
        set_words(&env->vregs[1], efgh);
        set_words(&env->vregs[2], abcd);
        set_words(&env->vregs[3], t);
        for (unsigned j = 0; j < 4; j++) {
            set_words(&env->vregs[4 + j], w[j]);
        }
        a64_run_bytes(&r, code);
        g_assert_false(r.exception_taken);
        get_words(abcd, &env->vregs[0]);
        get_words(efgh, &env->vregs[1]);
        memmove(w[0], w[1], sizeof(w[0]) * 3);
        get_words(w[3], &env->vregs[4]);
    }
    for (unsigned j = 0; j < 4; j++) {
        g_assert_cmphex(abcd[j] + h[j], ==, digest[j]);
        g_assert_cmphex(efgh[j] + h[4 + j], ==, digest[4 + j]);
    }
    g_bytes_unref(code);
    a64_harness_destroy(&r);
}

/* Without the extension in the model, its instructions are UNDEFINED; 8-bit PMULL is base AdvSIMD. */
static void test_feature_gates(gconstpointer backend)
{
    static const uint32_t undef[] = {
        0x4e284820,     /* AESE v0.16b, v1.16b */
        0x4e286820,     /* AESMC v0.16b, v1.16b */
        0x5e000020,     /* SHA1C q0, s1, v0.4s */
        0x5e280820,     /* SHA1H s0, s1 */
        0x5e004020,     /* SHA256H q0, q1, v0.4s */
        0x5e282820,     /* SHA256SU0 v0.4s, v1.4s */
        0x0ee0e020,     /* PMULL v0.1q, v1.1d, v0.1d */
    };
    static const uint32_t pmull8 = 0x0e22e020;     /* PMULL v0.8h, v1.8b, v2.8b */
    A64Run r;

    expect_undefined(backend, "cortex-a57", undef, ARRAY_SIZE(undef),
                     ARM_FEATURE_AES | ARM_FEATURE_PMULL | ARM_FEATURE_SHA1 | ARM_FEATURE_SHA256);
    a64_harness_init(&r, backend, "cortex-a57");
    r.cpu->features &= ~(ARM_FEATURE_AES | ARM_FEATURE_PMULL);
    r.cpu->env.vregs[1].d[0] = 0xff;
    r.cpu->env.vregs[2].d[0] = 0x03;
    a64_run_code(&r, &pmull8, 1);
    g_assert_false(r.exception_taken);
    g_assert_cmphex(r.cpu->env.vregs[0].d[0], ==, 0x0101);   /* (x^7+..+1)(x+1) = x^8 + 1 */
    a64_harness_destroy(&r);
}

/* Every model advertises AES with PMULL (2), SHA1 (1), SHA2 (1) in ID_AA64ISAR0_EL1. */
static void test_id_registers(gconstpointer backend)
{
    static const uint32_t mrs = 0xd5380600;        /* MRS X0, ID_AA64ISAR0_EL1 */

    for (const char *const *m = arm_cpu_models; *m; m++) {
        A64Run r;

        a64_harness_init(&r, backend, *m);
        a64_run_code(&r, &mrs, 1);
        g_assert_false(r.exception_taken);
        g_assert_cmphex(extract64(r.cpu->env.xregs[0], 4, 12), ==, 0x112);
        a64_harness_destroy(&r);
    }
}

int main(int argc, char **argv)
{
    static const char *const backends[] = { "native", "tci" };
    static const struct {
        const char *name;
        GTestDataFunc fn;
    } tests[] = {
        { "table", test_table },
        { "aes128-fips197", test_aes128 },
        { "sha1-abc", test_sha1_abc },
        { "sha256-abc", test_sha256_abc },
        { "feature-gates", test_feature_gates },
        { "id-registers", test_id_registers },
    };

    g_test_init(&argc, &argv, NULL);
    log_init();
    tcg_accel_log_init();
    for (size_t b = 0; b < ARRAY_SIZE(backends); b++) {
        for (size_t t = 0; t < ARRAY_SIZE(tests); t++) {
            char *path = g_strdup_printf("/a64-crypto/%s/%s", backends[b], tests[t].name);

            g_test_add_data_func(path, backends[b], tests[t].fn);
            g_free(path);
        }
    }
    return g_test_run();
}
