/*
 * A64 AdvSIMD copy, permute and immediate (DUP, INS, UMOV, SMOV, EXT, ZIP/UZP/TRN, TBL/TBX, MOVI/MVNI/ORR/BIC/FMOV immediate).
 * (placeholder: being written)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"

const A64Pattern a64_simd_perm_patterns[] = {
    A64_PATTERNS_END,
};
