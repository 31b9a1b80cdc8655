/*
 * Helpers of the A64 integer data-processing instructions.
 *
 * CRC32/CRC32C are rare enough in guest code (checksums in a loop at most)
 * that a bit-serial helper is fine: no table to keep in cache, no state.
 * Both use the bit-reflected polynomial and no pre- or post-inversion,
 * exactly as the ARM ARM's pseudocode (C6.2.70): the guest does the
 * inversions itself.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "target/arm/helper-a64-dp.h"

#define CRC32_POLY_REFLECTED  0xedb88320u     /* 0x04C11DB7, bit-reversed */
#define CRC32C_POLY_REFLECTED 0x82f63b78u     /* 0x1EDC6F41, bit-reversed */

static uint32_t crc_update(uint32_t crc, uint64_t val, unsigned bytes, uint32_t poly)
{
    for (unsigned i = 0; i < bytes * 8; i++) {
        crc ^= (val >> i) & 1;
        crc = (crc >> 1) ^ (poly & -(crc & 1));
    }
    return crc;
}

uint32_t helper_crc32(uint32_t acc, uint64_t val, uint32_t bytes)
{
    return crc_update(acc, val, bytes, CRC32_POLY_REFLECTED);
}

uint32_t helper_crc32c(uint32_t acc, uint64_t val, uint32_t bytes)
{
    return crc_update(acc, val, bytes, CRC32C_POLY_REFLECTED);
}

const TCGHelperInfo helper_info_crc32 = {
    .func = helper_crc32, .name = "crc32", .flags = TCG_CALL_PURE,
    .has_ret = true, .ret_type = TCG_TYPE_I32,
    .nb_args = 3, .arg_types = { TCG_TYPE_I32, TCG_TYPE_I64, TCG_TYPE_I32 },
};

const TCGHelperInfo helper_info_crc32c = {
    .func = helper_crc32c, .name = "crc32c", .flags = TCG_CALL_PURE,
    .has_ret = true, .ret_type = TCG_TYPE_I32,
    .nb_args = 3, .arg_types = { TCG_TYPE_I32, TCG_TYPE_I64, TCG_TYPE_I32 },
};
