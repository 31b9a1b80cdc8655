/*
 * A64 AdvSIMD three different (widening/narrowing) and integer by-element instructions.
 * (placeholder: being written)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"

const A64Pattern a64_simd_wide_patterns[] = {
    A64_PATTERNS_END,
};
