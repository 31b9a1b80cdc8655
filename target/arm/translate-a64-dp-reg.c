/*
 * A64 "Data processing -- register" (ARM ARM C4.1.95).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"

const A64Pattern a64_dp_reg_patterns[] = {
    A64_PATTERNS_END,
};
