/*
 * A64 AdvSIMD shifts by immediate, vector and scalar (including narrowing, widening and fixed-point conversions).
 * (placeholder: being written)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"

const A64Pattern a64_simd_shift_patterns[] = {
    A64_PATTERNS_END,
};
