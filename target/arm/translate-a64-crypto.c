/*
 * A64 cryptographic extension: AES, SHA1, SHA256 (ARM ARM C4.1.96:
 * "Cryptographic AES", "Cryptographic three-register SHA",
 * "Cryptographic two-register SHA").
 *
 * Each instruction is one call of helper_crypto (helper-crypto.c). The
 * extension is optional: a model without the feature (ARMCPU.features,
 * mirrored in ID_AA64ISAR0.AES/SHA1/SHA2) gets UNDEFINED, like a core
 * built without it. PMULL's 64-bit form, also part of the extension, is
 * with the other three-different instructions in translate-a64-simd-wide.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/helper-crypto.h"

static bool gen_crypto(DisasContext *s, uint32_t insn, uint32_t feature, CryptoOp op)
{
    if (!arm_feature(s->arm, feature)) {
        return false;
    }
    if (fp_access_check(s)) {
        gen_helper_simd(&helper_info_crypto, simd_desc(op, extract32(insn, 0, 5),
                                                       extract32(insn, 5, 5),
                                                       extract32(insn, 16, 5), 0, 0, 0));
    }
    return true;
}

/* AESE, AESD, AESMC, AESIMC: opcode 001xx (C7.2.6 ... C7.2.9). */
static bool trans_AES(DisasContext *s, uint32_t insn)
{
    return gen_crypto(s, insn, ARM_FEATURE_AES, CRYPTO_AESE + extract32(insn, 12, 2));
}

/* Three-register SHA, opcode (bits 14:12): SHA1C, SHA1P, SHA1M, SHA1SU0, SHA256H, SHA256H2, SHA256SU1. */
static bool trans_SHA_3reg(DisasContext *s, uint32_t insn)
{
    static const CryptoOp ops[7] = {
        CRYPTO_SHA1C, CRYPTO_SHA1P, CRYPTO_SHA1M, CRYPTO_SHA1SU0,
        CRYPTO_SHA256H, CRYPTO_SHA256H2, CRYPTO_SHA256SU1,
    };
    unsigned opcode = extract32(insn, 12, 3);

    if (opcode == 7) {
        return false;
    }
    return gen_crypto(s, insn, opcode < 4 ? ARM_FEATURE_SHA1 : ARM_FEATURE_SHA256, ops[opcode]);
}

/* Two-register SHA, opcode (bits 16:12): SHA1H, SHA1SU1, SHA256SU0. */
static bool trans_SHA_2reg(DisasContext *s, uint32_t insn)
{
    static const CryptoOp ops[3] = { CRYPTO_SHA1H, CRYPTO_SHA1SU1, CRYPTO_SHA256SU0 };
    unsigned opcode = extract32(insn, 12, 5);

    if (opcode > 2) {
        return false;
    }
    return gen_crypto(s, insn, opcode < 2 ? ARM_FEATURE_SHA1 : ARM_FEATURE_SHA256, ops[opcode]);
}

const A64Pattern a64_crypto_patterns[] = {
    /* 01001110 size 10100 opcode 10 Rn Rd, size 00 */
    { "AESE/AESD/AESMC/AESIMC", "01001110_00_10100_001oo_10_nnnnn_ddddd", trans_AES },
    /* 01011110 size 0 Rm 0 opcode 00 Rn Rd, size 00 */
    { "SHA1C/SHA1P/SHA1M/SHA1SU0/SHA256H/SHA256H2/SHA256SU1",
      "01011110_00_0_mmmmm_0_ooo_00_nnnnn_ddddd", trans_SHA_3reg },
    /* 01011110 size 10100 opcode 10 Rn Rd, size 00 */
    { "SHA1H/SHA1SU1/SHA256SU0", "01011110_00_10100_000oo_10_nnnnn_ddddd", trans_SHA_2reg },
    A64_PATTERNS_END,
};
