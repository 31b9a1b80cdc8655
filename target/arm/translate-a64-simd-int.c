/*
 * A64 AdvSIMD integer, same-width (three same, two-register misc, across lanes, scalar pairwise, and their scalar forms).
 * (placeholder: being written)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"

const A64Pattern a64_simd_int_patterns[] = {
    A64_PATTERNS_END,
};
