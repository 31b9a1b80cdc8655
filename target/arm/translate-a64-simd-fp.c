/*
 * A64 AdvSIMD floating-point, vector and scalar (three same, two-register misc, by element, pairwise, across lanes, FCVTN/FCVTL).
 * (placeholder: being written)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"

const A64Pattern a64_simd_fp_patterns[] = {
    A64_PATTERNS_END,
};
