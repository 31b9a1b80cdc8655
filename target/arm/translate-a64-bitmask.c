/*
 * The A64 bitmask immediate (ARM ARM J1, DecodeBitMasks with
 * immediate = TRUE): an element of esize = 2, 4, ..., 64 bits holding
 * S + 1 ones rotated right by R, replicated to fill the register. The
 * element size is given by the highest set bit of N:NOT(imms); the low bits
 * of imms and immr give S and R. Decoded at translation time, so the
 * generated code only sees a constant.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "target/arm/translate-a64-bitmask.h"

static uint64_t ror_in_element(uint64_t elem, unsigned r, unsigned esize)
{
    uint64_t emask = esize == 64 ? UINT64_MAX : (1ULL << esize) - 1;

    if (r == 0) {
        return elem;
    }
    return ((elem >> r) | (elem << (esize - r))) & emask;
}

bool a64_decode_bitmask(bool sf, unsigned n, unsigned immr, unsigned imms, uint64_t *mask)
{
    unsigned combined = (n & 1) << 6 | (~imms & 0x3f);
    unsigned len, levels, s, r, esize;
    uint64_t elem;

    if (!sf && n) {
        return false;
    }
    if (combined == 0) {
        return false;           /* no element size: HighestSetBit < 0 */
    }
    len = 31 - __builtin_clz(combined);
    if (len < 1) {
        return false;           /* a 1-bit element is reserved */
    }
    levels = (1u << len) - 1;
    s = imms & levels;
    r = immr & levels;
    if (s == levels) {
        return false;           /* all ones in the element: reserved */
    }
    esize = 1u << len;
    elem = ror_in_element((1ULL << (s + 1)) - 1, r, esize);
    for (unsigned width = esize; width < 64; width *= 2) {
        elem |= elem << width;
    }
    *mask = sf ? elem : (uint32_t)elem;
    return true;
}
