/*
 * Helpers of the A64 cryptographic extension (AES, SHA-1, SHA-256), and
 * the operations their desc selects. The call is gen_helper_simd() of
 * helper-simd-wide.h with helper_info_crypto and simd_desc(op, Rd, Rn, Rm,
 * 0, 0, 0).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_HELPER_CRYPTO_H
#define TARGET_ARM_HELPER_CRYPTO_H

#include "target/arm/helper-simd-wide.h"

typedef enum CryptoOp {
    CRYPTO_AESE, CRYPTO_AESD, CRYPTO_AESMC, CRYPTO_AESIMC,
    CRYPTO_SHA1C, CRYPTO_SHA1P, CRYPTO_SHA1M, CRYPTO_SHA1SU0,
    CRYPTO_SHA1H, CRYPTO_SHA1SU1,
    CRYPTO_SHA256H, CRYPTO_SHA256H2, CRYPTO_SHA256SU0, CRYPTO_SHA256SU1,
} CryptoOp;

void helper_crypto(void *env, uint32_t desc);
extern const TCGHelperInfo helper_info_crypto;

#endif
