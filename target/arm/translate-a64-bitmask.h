/*
 * The A64 bitmask immediate of logical (immediate) instructions: N:immr:imms
 * to the 32- or 64-bit mask (ARM ARM J1, DecodeBitMasks).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_TRANSLATE_A64_BITMASK_H
#define TARGET_ARM_TRANSLATE_A64_BITMASK_H

#include "util/osdep.h"

/*
 * Decodes the immediate of a logical (immediate) instruction into *mask
 * (zero-extended when !sf). False for the reserved encodings: N = 1 when
 * !sf, an element size that N:NOT(imms) does not give, and an all-ones
 * element (imms selecting every bit of it).
 */
bool a64_decode_bitmask(bool sf, unsigned n, unsigned immr, unsigned imms, uint64_t *mask);

#endif
