/*
 * A64 cryptographic extension: AES, SHA1, SHA256.
 * (placeholder: being written)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"

const A64Pattern a64_crypto_patterns[] = {
    A64_PATTERNS_END,
};
