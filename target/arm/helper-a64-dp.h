/*
 * Helpers of the A64 integer data-processing instructions, and the
 * gen_helper_* functions that emit calls to them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_HELPER_A64_DP_H
#define TARGET_ARM_HELPER_A64_DP_H

#include "tcg/tcg-op.h"

/* CRC32 and CRC32C (ARM ARM C6.2.70, C6.2.71): acc updated by the low bytes bytes of val. */
uint32_t helper_crc32(uint32_t acc, uint64_t val, uint32_t bytes);
uint32_t helper_crc32c(uint32_t acc, uint64_t val, uint32_t bytes);

extern const TCGHelperInfo helper_info_crc32;
extern const TCGHelperInfo helper_info_crc32c;

static inline void gen_helper_crc32(TCGv_i32 ret, TCGv_i32 acc, TCGv_i64 val, TCGv_i32 bytes,
                                    bool castagnoli)
{
    TCGTemp *args[] = { tcgv_i32_temp(acc), tcgv_i64_temp(val), tcgv_i32_temp(bytes) };

    tcg_gen_call(castagnoli ? &helper_info_crc32c : &helper_info_crc32, tcgv_i32_temp(ret), args);
}

#endif
