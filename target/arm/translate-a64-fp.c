/*
 * A64 scalar floating-point (ARM ARM C4.1.96: FP data processing, compare, conditional select, immediate, and conversions between FP and integer/fixed point, FMOV to and from general registers).
 * (placeholder: being written)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"

const A64Pattern a64_fp_patterns[] = {
    A64_PATTERNS_END,
};
