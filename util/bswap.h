/*
 * Loads and stores of little- and big-endian values at unaligned host
 * addresses. memcpy keeps them free of alignment and aliasing traps; the
 * compiler turns each into one move (plus bswap for the foreign order).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UTIL_BSWAP_H
#define UTIL_BSWAP_H

#include "util/osdep.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "Koine hosts are little-endian (x86-64)"
#endif

#define DEFINE_LDST(bits)                                                   \
static inline uint##bits##_t ld##bits##_le_p(const void *p)                 \
{                                                                           \
    uint##bits##_t v;                                                       \
    memcpy(&v, p, sizeof(v));                                               \
    return v;                                                               \
}                                                                           \
static inline uint##bits##_t ld##bits##_be_p(const void *p)                 \
{                                                                           \
    return bswap##bits##_or_byte(ld##bits##_le_p(p));                       \
}                                                                           \
static inline void st##bits##_le_p(void *p, uint##bits##_t v)               \
{                                                                           \
    memcpy(p, &v, sizeof(v));                                               \
}                                                                           \
static inline void st##bits##_be_p(void *p, uint##bits##_t v)               \
{                                                                           \
    st##bits##_le_p(p, bswap##bits##_or_byte(v));                           \
}

#define bswap8_or_byte(v) (v)
#define bswap16_or_byte(v) __builtin_bswap16(v)
#define bswap32_or_byte(v) __builtin_bswap32(v)
#define bswap64_or_byte(v) __builtin_bswap64(v)

DEFINE_LDST(8)
DEFINE_LDST(16)
DEFINE_LDST(32)
DEFINE_LDST(64)

#undef DEFINE_LDST

/* A value of `size` bytes (1, 2, 4 or 8) in the given byte order. */
static inline uint64_t ldn_p(const void *p, unsigned size, bool big_endian)
{
    switch (size) {
    case 1: return ld8_le_p(p);
    case 2: return big_endian ? ld16_be_p(p) : ld16_le_p(p);
    case 4: return big_endian ? ld32_be_p(p) : ld32_le_p(p);
    case 8: return big_endian ? ld64_be_p(p) : ld64_le_p(p);
    }
    g_assert_not_reached();
}

static inline void stn_p(void *p, unsigned size, bool big_endian, uint64_t v)
{
    switch (size) {
    case 1: st8_le_p(p, v); return;
    case 2: big_endian ? st16_be_p(p, v) : st16_le_p(p, v); return;
    case 4: big_endian ? st32_be_p(p, v) : st32_le_p(p, v); return;
    case 8: big_endian ? st64_be_p(p, v) : st64_le_p(p, v); return;
    }
    g_assert_not_reached();
}

#endif
