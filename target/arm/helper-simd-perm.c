/*
 * Helpers of the AdvSIMD copy/permute translator: TBL/TBX.
 *
 * A table lookup picks each result byte by an index held in another
 * register, a data-dependent shuffle that has no IR op: a helper reading
 * and writing env->vregs directly (the registers are memory, never cached
 * in temps, so the helper touches no TCG globals: TCG_CALL_NO_RWG).
 * Every index is read before Vd is written, as Vd may be an index or
 * table register.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "target/arm/cpu.h"
#include "target/arm/helper-simd-perm.h"
#include "util/bitops.h"

/* Byte i of V<reg> (architectural lane order, which is the host's: little-endian). */
static uint8_t vreg_byte(const CPUARMState *env, unsigned reg, unsigned i)
{
    return env->vregs[reg % 32].d[i / 8] >> (i % 8 * 8);
}

/*
 * ARM ARM C7.2.365: the table is V<n>..V<n+len> (numbers modulo 32), byte
 * k of it is byte k % 16 of V<n + k / 16>; an index past its end gives 0
 * (TBL) or leaves the destination byte (TBX).
 */
void helper_simd_tbl(void *opaque, uint32_t desc)
{
    CPUARMState *env = opaque;
    unsigned rd = extract32(desc, SIMD_TBL_RD_SHIFT, 5), rn = extract32(desc, SIMD_TBL_RN_SHIFT, 5);
    unsigned rm = extract32(desc, SIMD_TBL_RM_SHIFT, 5);
    unsigned table_bytes = 16 * (extract32(desc, SIMD_TBL_LEN_SHIFT, 2) + 1);
    unsigned bytes = desc & SIMD_TBL_Q ? 16 : 8;
    bool tbx = desc & SIMD_TBL_TBX;
    uint64_t result[2] = { 0, 0 };

    for (unsigned i = 0; i < bytes; i++) {
        unsigned idx = vreg_byte(env, rm, i);
        uint64_t byte;

        if (idx < table_bytes) {
            byte = vreg_byte(env, rn + idx / 16, idx % 16);
        } else {
            byte = tbx ? vreg_byte(env, rd, i) : 0;
        }
        result[i / 8] |= byte << (i % 8 * 8);
    }
    env->vregs[rd].d[0] = result[0];
    env->vregs[rd].d[1] = result[1];
}

const TCGHelperInfo helper_info_simd_tbl = {
    .func = helper_simd_tbl, .name = "simd_tbl", .flags = TCG_CALL_NO_RWG,
    .has_ret = false,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};
