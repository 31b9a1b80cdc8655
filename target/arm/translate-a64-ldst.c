/*
 * A64 "Loads and Stores" (ARM ARM C4.1.88).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"

const A64Pattern a64_ldst_patterns[] = {
    A64_PATTERNS_END,
};
