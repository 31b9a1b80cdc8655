/*
 * MemOp: how a guest memory access is done (size, sign, byte order,
 * alignment), and MemOpIdx: that plus the MMU index, packed into the one
 * constant argument of guest_ld/guest_st and the slow-path helpers.
 *
 * Byte order is absolute (MO_LE / MO_BE); the host is little-endian, so a
 * big-endian access is a byte-swapped one (MO_BSWAP).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_MEMOP_H
#define TCG_MEMOP_H

#include "util/osdep.h"

typedef enum MemOp {
    MO_8 = 0,
    MO_16 = 1,
    MO_32 = 2,
    MO_64 = 3,
    MO_SIZE = 3,                /* log2 of the access size in bytes */

    MO_SIGN = 1 << 2,           /* sign-extend a load */

    MO_BSWAP = 1 << 3,
    MO_LE = 0,
    MO_BE = MO_BSWAP,

    /*
     * Alignment the guest requires; a misaligned access faults through the
     * target's unaligned-access hook. MO_UNALN: none. MO_ALIGN: natural
     * (the access size). MO_ALIGN_n: n bytes.
     */
    MO_ASHIFT = 4,
    MO_AMASK = 7 << MO_ASHIFT,
    MO_UNALN = 0,
    MO_ALIGN = 1 << MO_ASHIFT,
    MO_ALIGN_2 = 2 << MO_ASHIFT,
    MO_ALIGN_4 = 3 << MO_ASHIFT,
    MO_ALIGN_8 = 4 << MO_ASHIFT,
    MO_ALIGN_16 = 5 << MO_ASHIFT,
    MO_ALIGN_32 = 6 << MO_ASHIFT,
    MO_ALIGN_64 = 7 << MO_ASHIFT,

    MO_UB = MO_8,
    MO_SB = MO_8 | MO_SIGN,
    MO_LEUW = MO_16 | MO_LE, MO_LESW = MO_16 | MO_LE | MO_SIGN,
    MO_LEUL = MO_32 | MO_LE, MO_LESL = MO_32 | MO_LE | MO_SIGN,
    MO_LEUQ = MO_64 | MO_LE,
    MO_BEUW = MO_16 | MO_BE, MO_BESW = MO_16 | MO_BE | MO_SIGN,
    MO_BEUL = MO_32 | MO_BE, MO_BESL = MO_32 | MO_BE | MO_SIGN,
    MO_BEUQ = MO_64 | MO_BE,
} MemOp;

static inline unsigned memop_size(MemOp op)
{
    return 1u << (op & MO_SIZE);
}

/* The alignment the access requires, in bytes (1: none). */
static inline unsigned memop_alignment(MemOp op)
{
    unsigned a = (op & MO_AMASK) >> MO_ASHIFT;

    if (a == 0) {
        return 1;
    }
    return a == 1 ? memop_size(op) : 1u << (a - 1);
}

/* MemOp and MMU index in one word: the constant argument of guest memory ops. */
typedef uint32_t MemOpIdx;

#define MEMOPIDX_MMU_BITS 4

static inline MemOpIdx make_memop_idx(MemOp op, unsigned mmu_idx)
{
    assert(mmu_idx < (1u << MEMOPIDX_MMU_BITS));
    return (MemOpIdx)op << MEMOPIDX_MMU_BITS | mmu_idx;
}

static inline MemOp get_memop(MemOpIdx oi)
{
    return (MemOp)(oi >> MEMOPIDX_MMU_BITS);
}

static inline unsigned get_mmuidx(MemOpIdx oi)
{
    return oi & ((1u << MEMOPIDX_MMU_BITS) - 1);
}

#endif
