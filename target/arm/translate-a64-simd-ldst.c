/*
 * A64 AdvSIMD structure loads and stores (LD1-LD4, ST1-ST4, LD1R-LD4R; multiple and single structures, post-index).
 * (placeholder: being written)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"

const A64Pattern a64_simd_ldst_patterns[] = {
    A64_PATTERNS_END,
};
