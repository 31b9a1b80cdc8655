/*
 * Bit fields of instruction words and registers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UTIL_BITOPS_H
#define UTIL_BITOPS_H

#include "util/osdep.h"

/* Bits [start, start + len) of value, zero-extended; 0 < len, start + len <= width. */
static inline uint32_t extract32(uint32_t value, unsigned start, unsigned len)
{
    return (value >> start) & (~0u >> (32 - len));
}

static inline uint64_t extract64(uint64_t value, unsigned start, unsigned len)
{
    return (value >> start) & (~0ULL >> (64 - len));
}

/* The same, sign-extended. */
static inline int32_t sextract32(uint32_t value, unsigned start, unsigned len)
{
    return (int32_t)(value << (32 - len - start)) >> (32 - len);
}

static inline int64_t sextract64(uint64_t value, unsigned start, unsigned len)
{
    return (int64_t)(value << (64 - len - start)) >> (64 - len);
}

/* value with bits [start, start + len) replaced by the low bits of field. */
static inline uint64_t deposit64(uint64_t value, unsigned start, unsigned len, uint64_t field)
{
    uint64_t mask = (~0ULL >> (64 - len)) << start;

    return (value & ~mask) | ((field << start) & mask);
}

#endif
