/*
 * Helpers of the AdvSIMD copy/permute translator (helper-simd-perm.c):
 * TBL/TBX, and their gen_helper_* emitters.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_HELPER_SIMD_PERM_H
#define TARGET_ARM_HELPER_SIMD_PERM_H

#include "tcg/tcg-op.h"

/* desc of helper_simd_tbl: register numbers and flags. */
#define SIMD_TBL_RD_SHIFT   0       /* 5 bits */
#define SIMD_TBL_RN_SHIFT   5       /* 5 bits: first table register */
#define SIMD_TBL_RM_SHIFT   10      /* 5 bits: the indices */
#define SIMD_TBL_LEN_SHIFT  15      /* 2 bits: table registers - 1 */
#define SIMD_TBL_TBX        (1u << 17)  /* out-of-range indices keep Vd's byte */
#define SIMD_TBL_Q          (1u << 18)  /* 16 result bytes, else 8 (upper half zeroed) */

static inline uint32_t simd_tbl_desc(unsigned rd, unsigned rn, unsigned rm, unsigned len,
                                     bool tbx, bool is_q)
{
    return rd << SIMD_TBL_RD_SHIFT | rn << SIMD_TBL_RN_SHIFT | rm << SIMD_TBL_RM_SHIFT |
           len << SIMD_TBL_LEN_SHIFT | (tbx ? SIMD_TBL_TBX : 0) | (is_q ? SIMD_TBL_Q : 0);
}

/* TBL, TBX (ARM ARM C7.2.365, C7.2.366) on env->vregs, as desc says. */
void helper_simd_tbl(void *env, uint32_t desc);

extern const TCGHelperInfo helper_info_simd_tbl;

static inline void gen_helper_simd_tbl(uint32_t desc)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(tcg_constant_i32(desc)) };

    tcg_gen_call(&helper_info_simd_tbl, NULL, args);
}

#endif
