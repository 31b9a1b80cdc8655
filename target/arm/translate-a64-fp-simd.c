/*
 * A64 "Data Processing -- Scalar Floating-Point and Advanced SIMD"
 * (ARM ARM C4.1.96). Not implemented yet: ID_AA64PFR0 says so, and every
 * encoding here is UNDEFINED.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"

const A64Pattern a64_fp_simd_patterns[] = {
    A64_PATTERNS_END,
};
