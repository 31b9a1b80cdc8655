/*
 * FP and AdvSIMD templates of the A64 differential test (groups fp, simd,
 * simd-ldst), and the special FP values that fill V registers, the scratch
 * and data islands.
 *
 * Which encodings are allocated: ARMv8.0 with the crypto extension (AES,
 * SHA1, SHA256, PMULL), the cortex-a57 both sides model. Later extensions
 * reuse holes of these groups (FP16 arithmetic, RDM's SQRDMLAH, DotProd,
 * FHM's FMLAL, FCMA, JSCVT, FRINT32/64...): on this CPU they are
 * UNDEFINED, so the fix-ups leave them out with everything UNDEFINED.
 *
 * Most AdvSIMD groups are "opcode (and U) picks the operation, size and Q
 * must be one of a few combinations", so one table per group gives, for
 * each U:opcode, a mask of the allowed (size, Q) pairs: bit size * 2 + Q.
 * For FP operations in these groups "size" is a:sz (bit 23 picks between
 * two operations, bit 22 single/double) and sz = 1 with Q = 0 (a single
 * double lane in a 64-bit vector) is reserved; for shifts by immediate
 * "size" is the element size immh encodes. An opcode with mask 0 is
 * unallocated. The masks follow the encoding tables of ARM ARM C4.1.96
 * (C4-407 .. C4-430 in DDI0487 F.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-diff-gen-internal.h"

/* ---- Special values ---- */

static const uint16_t f16_special[] = {
    0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0xfe01, 0x7d00, 0x7c01, 0x0001, 0x83ff, 0x0400,
    0x7bff, 0xfbff, 0x3c00, 0xbc00, 0x3800, 0x3e00, 0xc100, 0x3555, 0x5bfc,
};

static const uint32_t f32_special[] = {
    0x00000000, 0x80000000, 0x7f800000, 0xff800000,                 /* zeros, infinities */
    0x7fc00000, 0xffc00000, 0x7fc12345, 0xffc00001,                 /* quiet NaNs, payloads */
    0x7f800001, 0x7fa00000, 0xff812345, 0x7fbfffff,                 /* signalling NaNs */
    0x00000001, 0x807fffff, 0x00400000, 0x80000010,                 /* denormals */
    0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff,                 /* min/max normal */
    0x3f800000, 0xbf800000, 0x3f000000, 0x3fc00000, 0x40200000,     /* 1, -1, 0.5, 1.5, 2.5 */
    0xbf000000, 0xbfc00000, 0xc0200000, 0x40400000, 0x3eaaaaab,     /* -0.5, -1.5, -2.5, 3, 1/3 */
    0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, 0x4f7fffff,     /* near 2^31, 2^32 */
    0x4f800000, 0x5f000000, 0xdf000000, 0x5f800000, 0x5effffff,     /* 2^32, +-2^63, 2^64 */
    0x477fe000, 0x477ff000, 0x33800000, 0x437f8000,                 /* half max, overflow, tiny */
};

static const uint64_t f64_special[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000000ull, 0xfff8000000000000ull, 0x7ff8000012345678ull, 0xfff8000000000001ull,
    0x7ff0000000000001ull, 0x7ff4000000000000ull, 0xfff0000012345678ull, 0x7ff7ffffffffffffull,
    0x0000000000000001ull, 0x800fffffffffffffull, 0x0008000000000000ull, 0x000012688b70e62bull,
    0x0010000000000000ull, 0x8010000000000000ull, 0x7fefffffffffffffull, 0xffefffffffffffffull,
    0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3fe0000000000000ull, 0x3ff8000000000000ull,
    0x4004000000000000ull, 0xbfe0000000000000ull, 0xbff8000000000000ull, 0x3fd5555555555555ull,
    0x41dfffffffc00000ull, 0x41dfffffffe00000ull, 0x41e0000000000000ull, 0xc1e0000000000000ull,
    0xc1e0000000100000ull, 0xc1e0000000200000ull, 0x41efffffffe00000ull, 0x41effffffff00000ull,
    0x41f0000000000000ull, 0x43e0000000000000ull, 0xc3e0000000000000ull, 0x43f0000000000000ull,
    0x43dfffffffffffffull, 0x40effc0000000000ull, 0x47efffffe0000000ull, 0x47effffff0000000ull,
    0x3810000000000000ull, 0x36a0000000000000ull, 0x7e37e43c8800759cull,
};

uint64_t a64diff_fp_lane(GRand *rand, unsigned esize)
{
    uint64_t bits = (uint64_t)g_rand_int(rand) << 32 | g_rand_int(rand);
    bool special = g_rand_int_range(rand, 0, 5) < 3;

    switch (esize) {
    case 2:
        return special ? f16_special[g_rand_int_range(rand, 0, ARRAY_SIZE(f16_special))]
                       : (uint16_t)bits;
    case 4:
        return special ? f32_special[g_rand_int_range(rand, 0, ARRAY_SIZE(f32_special))]
                       : (uint32_t)bits;
    default:
        return special ? f64_special[g_rand_int_range(rand, 0, ARRAY_SIZE(f64_special))] : bits;
    }
}

/* ---- (size, Q) masks ---- */

#define SQ(size, q) (1u << ((size) * 2 + (q)))
enum {
    M_ANY = 0xff,
    M_Q3 = 0xff & ~SQ(3, 0),        /* every size; 64-bit lanes need Q = 1 */
    M_NO3 = 0x3f,                   /* 8, 16, 32-bit elements */
    M_B = SQ(0, 0) | SQ(0, 1),
    M_BH = 0x0f,
    M_HS = 0x3c,                    /* 16 and 32-bit elements */
    M_D = SQ(3, 1),                 /* scalar: 64-bit only */
    M_ACROSS = 0x0f | SQ(2, 1),     /* across lanes: 4S only */
    M_PMULL = SQ(0, 0) | SQ(0, 1) | SQ(3, 0) | SQ(3, 1),
    M_FA0 = SQ(0, 0) | SQ(0, 1) | SQ(1, 1),     /* FP, bit 23 = 0 */
    M_FA1 = SQ(2, 0) | SQ(2, 1) | SQ(3, 1),     /* FP, bit 23 = 1 */
    M_FS = M_FA0 | M_FA1,
    M_FCVTN = 0x0f,                 /* FCVTN/FCVTL: bit 23 = 0, any sz and Q */
    M_FCVTXN = SQ(1, 0) | SQ(1, 1),
    M_URECPE = SQ(2, 0) | SQ(2, 1), /* URECPE/URSQRTE: 32-bit only */
    M_FACROSS = SQ(0, 1) | SQ(2, 1),            /* FMAXV & co: 4S only */
};

typedef uint8_t SizeMask[2][32];    /* [U][opcode] */

static const SizeMask three_same = {
    {
        [0x00] = M_NO3, [0x01] = M_Q3, [0x02] = M_NO3, [0x03] = M_ANY, [0x04] = M_NO3,
        [0x05] = M_Q3, [0x06] = M_Q3, [0x07] = M_Q3, [0x08] = M_Q3, [0x09] = M_Q3,
        [0x0a] = M_Q3, [0x0b] = M_Q3, [0x0c] = M_NO3, [0x0d] = M_NO3, [0x0e] = M_NO3,
        [0x0f] = M_NO3, [0x10] = M_Q3, [0x11] = M_Q3, [0x12] = M_NO3, [0x13] = M_NO3,
        [0x14] = M_NO3, [0x15] = M_NO3, [0x16] = M_HS, [0x17] = M_Q3,
        /* FMAXNM/FMINNM, FMLA/FMLS, FADD/FSUB, FMULX, FCMEQ, -, FMAX/FMIN, FRECPS/FRSQRTS */
        [0x18] = M_FS, [0x19] = M_FS, [0x1a] = M_FS, [0x1b] = M_FA0, [0x1c] = M_FA0,
        [0x1e] = M_FS, [0x1f] = M_FS,
    }, {
        [0x00] = M_NO3, [0x01] = M_Q3, [0x02] = M_NO3, [0x03] = M_ANY, [0x04] = M_NO3,
        [0x05] = M_Q3, [0x06] = M_Q3, [0x07] = M_Q3, [0x08] = M_Q3, [0x09] = M_Q3,
        [0x0a] = M_Q3, [0x0b] = M_Q3, [0x0c] = M_NO3, [0x0d] = M_NO3, [0x0e] = M_NO3,
        [0x0f] = M_NO3, [0x10] = M_Q3, [0x11] = M_Q3, [0x12] = M_NO3, [0x13] = M_B,
        [0x14] = M_NO3, [0x15] = M_NO3, [0x16] = M_HS,
        /* FMAXNMP/FMINNMP, -, FADDP/FABD, FMUL, FCMGE/FCMGT, FACGE/FACGT, FMAXP/FMINP, FDIV */
        [0x18] = M_FS, [0x1a] = M_FS, [0x1b] = M_FA0, [0x1c] = M_FS, [0x1d] = M_FS,
        [0x1e] = M_FS, [0x1f] = M_FA0,
    },
};

static const SizeMask scalar_three_same = {
    {
        [0x01] = M_ANY, [0x05] = M_ANY, [0x06] = M_D, [0x07] = M_D, [0x08] = M_D,
        [0x09] = M_ANY, [0x0a] = M_D, [0x0b] = M_ANY, [0x10] = M_D, [0x11] = M_D,
        [0x16] = M_HS, [0x1b] = M_FA0, [0x1c] = M_FA0, [0x1f] = M_FS,
    }, {
        [0x01] = M_ANY, [0x05] = M_ANY, [0x06] = M_D, [0x07] = M_D, [0x08] = M_D,
        [0x09] = M_ANY, [0x0a] = M_D, [0x0b] = M_ANY, [0x10] = M_D, [0x11] = M_D,
        [0x16] = M_HS, [0x1a] = M_FA1, [0x1c] = M_FS, [0x1d] = M_FS,
    },
};

static const SizeMask three_diff = {
    {
        [0x0] = M_NO3, [0x1] = M_NO3, [0x2] = M_NO3, [0x3] = M_NO3, [0x4] = M_NO3,
        [0x5] = M_NO3, [0x6] = M_NO3, [0x7] = M_NO3, [0x8] = M_NO3, [0x9] = M_HS,
        [0xa] = M_NO3, [0xb] = M_HS, [0xc] = M_NO3, [0xd] = M_HS, [0xe] = M_PMULL,
    }, {
        [0x0] = M_NO3, [0x1] = M_NO3, [0x2] = M_NO3, [0x3] = M_NO3, [0x4] = M_NO3,
        [0x5] = M_NO3, [0x6] = M_NO3, [0x7] = M_NO3, [0x8] = M_NO3, [0xa] = M_NO3,
        [0xc] = M_NO3,
    },
};

static const SizeMask scalar_three_diff = {
    { [0x9] = M_HS, [0xb] = M_HS, [0xd] = M_HS },
};

static const SizeMask misc_int = {
    {
        [0x00] = M_NO3, [0x01] = M_B, [0x02] = M_NO3, [0x03] = M_Q3, [0x04] = M_NO3,
        [0x05] = M_B, [0x06] = M_NO3, [0x07] = M_Q3, [0x08] = M_Q3, [0x09] = M_Q3,
        [0x0a] = M_Q3, [0x0b] = M_Q3, [0x12] = M_NO3, [0x14] = M_NO3,
    }, {
        [0x00] = M_BH, [0x02] = M_NO3, [0x03] = M_Q3, [0x04] = M_NO3, [0x05] = M_BH,
        [0x06] = M_NO3, [0x07] = M_Q3, [0x08] = M_Q3, [0x09] = M_Q3, [0x0b] = M_Q3,
        [0x12] = M_NO3, [0x13] = M_NO3, [0x14] = M_NO3,
    },
};

static const SizeMask misc_fp = {
    {
        /* FCMGT/FCMEQ/FCMLT (zero), FABS, FCVTN, FCVTL, FRINTN/P, FRINTM/Z, FCVTNS/PS,
         * FCVTMS/ZS, FCVTAS/URECPE, SCVTF/FRECPE */
        [0x0c] = M_FA1, [0x0d] = M_FA1, [0x0e] = M_FA1, [0x0f] = M_FA1, [0x16] = M_FCVTN,
        [0x17] = M_FCVTN, [0x18] = M_FS, [0x19] = M_FS, [0x1a] = M_FS, [0x1b] = M_FS,
        [0x1c] = M_FA0 | M_URECPE, [0x1d] = M_FS,
    }, {
        /* FCMGE/FCMLE (zero), FNEG, FCVTXN, FRINTA, FRINTX/I, FCVTNU/PU, FCVTMU/ZU,
         * FCVTAU/URSQRTE, UCVTF/FRSQRTE, FSQRT */
        [0x0c] = M_FA1, [0x0d] = M_FA1, [0x0f] = M_FA1, [0x16] = M_FCVTXN, [0x18] = M_FA0,
        [0x19] = M_FS, [0x1a] = M_FS, [0x1b] = M_FS, [0x1c] = M_FA0 | M_URECPE,
        [0x1d] = M_FS, [0x1f] = M_FA1,
    },
};

static const SizeMask scalar_misc = {
    {
        [0x03] = M_ANY, [0x07] = M_ANY, [0x08] = M_D, [0x09] = M_D, [0x0a] = M_D,
        [0x0b] = M_D, [0x14] = M_NO3,
        /* FCMGT/FCMEQ/FCMLT (zero), FCVTNS/PS, FCVTMS/ZS, FCVTAS, SCVTF/FRECPE, FRECPX */
        [0x0c] = M_FA1, [0x0d] = M_FA1, [0x0e] = M_FA1, [0x1a] = M_FS, [0x1b] = M_FS,
        [0x1c] = M_FA0, [0x1d] = M_FS, [0x1f] = M_FA1,
    }, {
        [0x03] = M_ANY, [0x07] = M_ANY, [0x08] = M_D, [0x09] = M_D, [0x0b] = M_D,
        [0x12] = M_NO3, [0x14] = M_NO3,
        /* FCMGE/FCMLE (zero), FCVTXN, FCVTNU/PU, FCVTMU/ZU, FCVTAU, UCVTF/FRSQRTE */
        [0x0c] = M_FA1, [0x0d] = M_FA1, [0x16] = M_FCVTXN, [0x1a] = M_FS, [0x1b] = M_FS,
        [0x1c] = M_FA0, [0x1d] = M_FS,
    },
};

static const SizeMask across = {
    { [0x03] = M_ACROSS, [0x0a] = M_ACROSS, [0x1a] = M_ACROSS, [0x1b] = M_ACROSS },
    {
        [0x03] = M_ACROSS, [0x0a] = M_ACROSS, [0x1a] = M_ACROSS,
        [0x0c] = M_FACROSS, [0x0f] = M_FACROSS,     /* FMAXNMV/FMINNMV, FMAXV/FMINV */
    },
};

static const SizeMask scalar_pairwise = {
    { [0x1b] = M_D },
    { [0x0c] = M_FS, [0x0d] = M_FA0, [0x0f] = M_FS },  /* FMAXNMP/FMINNMP, FADDP, FMAXP/FMINP */
};

/* Shifts by immediate: "size" is the element size immh encodes. */
#define M_SHIFT_FP (SQ(2, 0) | SQ(2, 1) | SQ(3, 1))    /* SCVTF & co: S or D lanes */
static const SizeMask shift_imm = {
    {
        [0x00] = M_Q3, [0x02] = M_Q3, [0x04] = M_Q3, [0x06] = M_Q3, [0x0a] = M_Q3,
        [0x0e] = M_Q3, [0x10] = M_NO3, [0x11] = M_NO3, [0x12] = M_NO3, [0x13] = M_NO3,
        [0x14] = M_NO3, [0x1c] = M_SHIFT_FP, [0x1f] = M_SHIFT_FP,
    }, {
        [0x00] = M_Q3, [0x02] = M_Q3, [0x04] = M_Q3, [0x06] = M_Q3, [0x08] = M_Q3,
        [0x0a] = M_Q3, [0x0c] = M_Q3, [0x0e] = M_Q3, [0x10] = M_NO3, [0x11] = M_NO3,
        [0x12] = M_NO3, [0x13] = M_NO3, [0x14] = M_NO3, [0x1c] = M_SHIFT_FP,
        [0x1f] = M_SHIFT_FP,
    },
};

static const SizeMask scalar_shift_imm = {
    {
        [0x00] = M_D, [0x02] = M_D, [0x04] = M_D, [0x06] = M_D, [0x0a] = M_D,
        [0x0e] = M_ANY, [0x12] = M_NO3, [0x13] = M_NO3, [0x1c] = M_SHIFT_FP,
        [0x1f] = M_SHIFT_FP,
    }, {
        [0x00] = M_D, [0x02] = M_D, [0x04] = M_D, [0x06] = M_D, [0x08] = M_D,
        [0x0a] = M_D, [0x0c] = M_ANY, [0x0e] = M_ANY, [0x10] = M_NO3, [0x11] = M_NO3,
        [0x12] = M_NO3, [0x13] = M_NO3, [0x1c] = M_SHIFT_FP, [0x1f] = M_SHIFT_FP,
    },
};

/* By element: opcode is bits 15:12; FP entries are size 1x (bit 22 = sz). */
static const SizeMask by_elem = {
    {
        [0x1] = M_FA1, [0x2] = M_HS, [0x3] = M_HS, [0x5] = M_FA1, [0x6] = M_HS,
        [0x7] = M_HS, [0x8] = M_HS, [0x9] = M_FA1, [0xa] = M_HS, [0xb] = M_HS,
        [0xc] = M_HS, [0xd] = M_HS,
    }, {
        [0x0] = M_HS, [0x2] = M_HS, [0x4] = M_HS, [0x6] = M_HS, [0x9] = M_FA1,
        [0xa] = M_HS,
    },
};

static const SizeMask scalar_by_elem = {
    {
        [0x1] = M_FA1, [0x3] = M_HS, [0x5] = M_FA1, [0x7] = M_HS, [0x9] = M_FA1,
        [0xb] = M_HS, [0xc] = M_HS, [0xd] = M_HS,
    },
    { [0x9] = M_FA1 },
};

static bool size_ok(const SizeMask *m, uint32_t insn, unsigned opcode, unsigned size)
{
    return (*m)[field(insn, 29, 1)][opcode] & SQ(size, field(insn, 30, 1));
}

/* The usual "size at 23:22, opcode at 16:12 or 15:12" groups. */
static bool fix_three_same(Gen *g, uint32_t *insn)
{
    return size_ok(&three_same, *insn, field(*insn, 11, 5), field(*insn, 22, 2));
}

static bool fix_three_same_int(Gen *g, uint32_t *insn)
{
    return field(*insn, 14, 2) != 3 && fix_three_same(g, insn);
}

static bool fix_scalar_three_same(Gen *g, uint32_t *insn)
{
    return size_ok(&scalar_three_same, *insn, field(*insn, 11, 5), field(*insn, 22, 2));
}

static bool fix_three_diff(Gen *g, uint32_t *insn)
{
    return size_ok(&three_diff, *insn, field(*insn, 12, 4), field(*insn, 22, 2));
}

static bool fix_scalar_three_diff(Gen *g, uint32_t *insn)
{
    return size_ok(&scalar_three_diff, *insn, field(*insn, 12, 4), field(*insn, 22, 2));
}

static bool fix_misc_int(Gen *g, uint32_t *insn)
{
    return size_ok(&misc_int, *insn, field(*insn, 12, 5), field(*insn, 22, 2));
}

static bool fix_misc_fp(Gen *g, uint32_t *insn)
{
    return size_ok(&misc_fp, *insn, field(*insn, 12, 5), field(*insn, 22, 2));
}

static bool fix_scalar_misc(Gen *g, uint32_t *insn)
{
    return size_ok(&scalar_misc, *insn, field(*insn, 12, 5), field(*insn, 22, 2));
}

static bool fix_across(Gen *g, uint32_t *insn)
{
    return size_ok(&across, *insn, field(*insn, 12, 5), field(*insn, 22, 2));
}

static bool fix_scalar_pairwise(Gen *g, uint32_t *insn)
{
    return size_ok(&scalar_pairwise, *insn, field(*insn, 12, 5), field(*insn, 22, 2));
}

/* immh (bits 22:19) = 0 is another group (modified immediate, or unallocated in scalar). */
static bool shift_ok(const SizeMask *m, uint32_t insn)
{
    unsigned immh = field(insn, 19, 4);

    return immh && size_ok(m, insn, field(insn, 11, 5), 31 - __builtin_clz(immh));
}

static bool fix_shift_imm(Gen *g, uint32_t *insn)
{
    return shift_ok(&shift_imm, *insn);
}

static bool fix_scalar_shift_imm(Gen *g, uint32_t *insn)
{
    return shift_ok(&scalar_shift_imm, *insn);
}

/* By element: a double element's index is H alone (L = 1 is reserved). */
static bool by_elem_ok(const SizeMask *m, uint32_t insn)
{
    unsigned size = field(insn, 22, 2);

    return size_ok(m, insn, field(insn, 12, 4), size) && !(size == 3 && field(insn, 21, 1));
}

static bool fix_by_elem(Gen *g, uint32_t *insn)
{
    return by_elem_ok(&by_elem, *insn);
}

static bool fix_scalar_by_elem(Gen *g, uint32_t *insn)
{
    return by_elem_ok(&scalar_by_elem, *insn);
}

/* ---- Copy, permute, extract, table, modified immediate (C4.1.96) ---- */

/* imm5: the lowest set bit of bits 3:0 gives the element size; none is reserved. */
static int copy_size(uint32_t insn)
{
    unsigned imm5 = field(insn, 16, 5);

    return imm5 & 0xf ? __builtin_ctz(imm5) : -1;
}

/* DUP (element, general): 64-bit elements need Q = 1. */
static bool fix_dup(Gen *g, uint32_t *insn)
{
    int size = copy_size(*insn);

    return size >= 0 && (size < 3 || field(*insn, 30, 1));
}

static bool fix_copy(Gen *g, uint32_t *insn)           /* INS, scalar DUP */
{
    return copy_size(*insn) >= 0;
}

/* SMOV: to W (Q = 0) from B, H; to X (Q = 1) from B, H, S. UMOV: to W from B, H, S; to X from D. */
static bool fix_smov_umov(Gen *g, uint32_t *insn)
{
    int size = copy_size(*insn);
    bool q = field(*insn, 30, 1), umov = field(*insn, 12, 1);

    if (size < 0) {
        return false;
    }
    return umov ? (q ? size == 3 : size <= 2) : size < 2 + q;
}

static bool fix_ext(Gen *g, uint32_t *insn)
{
    if (!field(*insn, 30, 1)) {
        *insn = set_field(*insn, 14, 1, 0);     /* imm4 < 8 for 8-byte vectors */
    }
    return true;
}

/* UZP1 TRN1 ZIP1 UZP2 TRN2 ZIP2: opcode 000 and 100 unallocated. */
static bool fix_permute(Gen *g, uint32_t *insn)
{
    return (field(*insn, 12, 3) & 3) && !(field(*insn, 22, 2) == 3 && !field(*insn, 30, 1));
}

/* FMOV (vector, immediate) double needs Q = 1; o2 = 1 (FP16) is excluded by the pattern. */
static bool fix_mod_imm(Gen *g, uint32_t *insn)
{
    return !(field(*insn, 12, 4) == 0xf && field(*insn, 29, 1) && !field(*insn, 30, 1));
}

/* ---- Crypto (C4.1.96: AES, SHA 3-reg, SHA 2-reg) ---- */

static bool fix_sha3(Gen *g, uint32_t *insn)
{
    return field(*insn, 12, 3) != 7;
}

static bool fix_sha2(Gen *g, uint32_t *insn)
{
    return field(*insn, 12, 2) != 3;
}

/* ---- Scalar FP (C4.1.96.x "Floating-point data-processing" and conversions) ---- */

/*
 * One source: FMOV FABS FNEG FSQRT, FCVT, FRINT[NPMZAXI] for S and D; from
 * H only FCVT to S or D (the rest of H is FP16). Picked from the list.
 */
static bool fix_fp_1src(Gen *g, uint32_t *insn)
{
    static const uint8_t sd_ops[] = {
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0e, 0x0f,
    };
    unsigned type = field(*insn, 22, 2), op;

    if (type == 2) {
        return false;
    }
    if (type == 3) {
        op = g_rand_boolean(g->rand) ? 0x04 : 0x05;
    } else {
        op = sd_ops[g_rand_int_range(g->rand, 0, ARRAY_SIZE(sd_ops))];
        if (op == 0x04 + type) {
            return false;           /* FCVT to the same precision */
        }
    }
    *insn = set_field(*insn, 15, 6, op);
    return true;
}

static bool fix_fp_2src(Gen *g, uint32_t *insn)
{
    return field(*insn, 12, 4) <= 8;
}

/* FCMP/FCMPE with #0.0: Rm is 0 (C7.2.66: "Rm" field (0)(0)(0)(0)(0)). */
static bool fix_fcmp(Gen *g, uint32_t *insn)
{
    if (field(*insn, 3, 1)) {
        *insn = set_field(*insn, 16, 5, 0);
    }
    return true;
}

/* FCVTNS/NU/PS/PU/MS/MU/ZS/ZU (any rmode), FCVTAS/AU (rmode 00). */
static bool fix_fp_to_int(Gen *g, uint32_t *insn)
{
    unsigned op = field(*insn, 16, 3);

    return op <= 1 || ((op == 4 || op == 5) && field(*insn, 19, 2) == 0);
}

/* FMOV general <-> FP: W-S, X-D, X-D[1] (C7.2.131). */
static bool fix_fmov_gen(Gen *g, uint32_t *insn)
{
    bool sf = field(*insn, 31, 1);
    unsigned type = field(*insn, 22, 2), rmode = field(*insn, 19, 2);

    return (!sf && type == 0 && rmode == 0) || (sf && type == 1 && rmode == 0) ||
           (sf && type == 2 && rmode == 1);
}

/* Fixed point: 32-bit forms need scale = 64 - fbits >= 32. */
static bool fix_fp_fixed(Gen *g, uint32_t *insn)
{
    if (!field(*insn, 31, 1)) {
        *insn = set_field(*insn, 15, 1, 1);
    }
    return true;
}

/* ---- SIMD&FP loads and stores (C4.1.88) ---- */

/* size:opc of LDR/STR (SIMD&FP): B H S D, and Q as size 00 opc 1x. */
static bool simd_ldst_scale(uint32_t insn, unsigned *scale)
{
    unsigned size = field(insn, 30, 2);

    if (field(insn, 23, 1)) {
        *scale = 16;
        return size == 0;
    }
    *scale = 1u << size;
    return true;
}

static bool fix_simd_uimm(Gen *g, uint32_t *insn)
{
    unsigned scale;

    return simd_ldst_scale(*insn, &scale) && a64diff_pick_uimm(g, insn, scale);
}

static bool fix_simd_unscaled(Gen *g, uint32_t *insn)
{
    unsigned scale;

    return simd_ldst_scale(*insn, &scale) && a64diff_pick_unscaled(g, insn, scale);
}

static bool fix_simd_wb(Gen *g, uint32_t *insn)
{
    unsigned scale;

    return simd_ldst_scale(*insn, &scale) && a64diff_pick_wb9(g, insn);
}

static bool fix_simd_regoff(Gen *g, uint32_t *insn)
{
    unsigned scale;

    *insn = set_field(*insn, 14, 1, 1);         /* option UXTW, LSL, SXTW, SXTX */
    return simd_ldst_scale(*insn, &scale);
}

/* LDP/STP/LDNP/STNP (SIMD&FP): S D Q; LDP with Rt == Rt2 is CONSTRAINED UNPREDICTABLE. */
static bool fix_simd_pair(Gen *g, uint32_t *insn)
{
    unsigned opc = field(*insn, 30, 2), mode = field(*insn, 23, 2), scale = 4u << opc;
    unsigned rn = field(*insn, 5, 5);
    int64_t base = g->base_off[rn], amount;

    if (opc == 3 || (field(*insn, 22, 1) && field(*insn, 0, 5) == field(*insn, 10, 5))) {
        return false;
    }
    if (mode == 1 || mode == 3) {
        /* Q pairs are 32 bytes: both the old and the new base must leave room for them. */
        if (!a64diff_pick_writeback(g, rn, -64 * (int64_t)scale, 63 * (int64_t)scale, &amount) ||
            MAX(base, base + amount) + 2 * scale > A64DIFF_SCRATCH_SIZE) {
            return false;
        }
        g->base_off[rn] += amount;
    } else {
        int64_t lo = MAX(-64, -base / scale);
        int64_t hi = MIN(63, ((int64_t)A64DIFF_SCRATCH_SIZE - 2 * scale - base) / scale);

        if (lo > hi) {
            return false;
        }
        amount = scale * rand_range(g, lo, hi);
    }
    *insn = set_field(*insn, 15, 7, (uint32_t)(amount / (int64_t)scale));
    return true;
}

/*
 * Post-index by the transfer size (Rm = 31): only when that is a multiple
 * of 16, so base registers stay 16-aligned (see a64-diff-gen.c).
 */
static bool struct_access(Gen *g, uint32_t insn, unsigned bytes)
{
    unsigned rn = field(insn, 5, 5);
    bool post = field(insn, 23, 1);

    if (g->base_off[rn] + bytes > A64DIFF_SCRATCH_SIZE) {
        return false;
    }
    if (post) {
        if (bytes % 16 || g->base_off[rn] + bytes > A64DIFF_SCRATCH_SIZE - 16) {
            return false;
        }
        g->base_off[rn] += bytes;
    }
    return true;
}

/* LD1-4/ST1-4 (multiple structures): opcode -> registers (0: unallocated). */
static bool fix_ldst_multiple(Gen *g, uint32_t *insn)
{
    static const uint8_t nregs_of[16] = { [0x0] = 4, [0x2] = 4, [0x4] = 3, [0x6] = 3, [0x7] = 1,
                                          [0x8] = 2, [0xa] = 2 };
    unsigned opcode = field(*insn, 12, 4), nregs = nregs_of[opcode];
    bool q = field(*insn, 30, 1);
    bool ld1 = opcode == 0x2 || opcode == 0x6 || opcode == 0x7 || opcode == 0xa;

    if (!nregs || (!ld1 && field(*insn, 10, 2) == 3 && !q)) {
        return false;               /* LD2/3/4 of 1D: reserved */
    }
    return struct_access(g, *insn, nregs * (q ? 16 : 8));
}

/* LD1-4/ST1-4 (single structure) and LD1R-LD4R. */
static bool fix_ldst_single(Gen *g, uint32_t *insn)
{
    unsigned opcode = field(*insn, 13, 3), size = field(*insn, 10, 2), esize;
    unsigned selem = ((opcode & 1) << 1 | field(*insn, 21, 1)) + 1;
    bool s = field(*insn, 12, 1);

    switch (opcode >> 1) {
    case 0:
        esize = 1;
        break;
    case 1:
        if (size & 1) {
            return false;
        }
        esize = 2;
        break;
    case 2:
        if (size & 2 || (size == 1 && s)) {
            return false;
        }
        esize = size ? 8 : 4;
        break;
    default:                        /* LDnR: loads only, S = 0 */
        if (!field(*insn, 22, 1) || s) {
            return false;
        }
        esize = 1u << size;
        break;
    }
    return struct_access(g, *insn, selem * esize);
}

/* LDR (literal, SIMD&FP): S D Q. */
static bool fix_simd_literal(Gen *g, uint32_t *insn)
{
    unsigned opc = field(*insn, 30, 2);

    return opc != 3 && a64diff_pick_literal(g, insn, 4u << opc);
}

const A64DiffTemplate a64diff_fp_templates[] = {
    /* Scalar FP */
    { "FP data-processing (1 source)", A64DIFF_FP, "000_11110_xx_1_xxxxxx_10000_wwwww_vvvvv", 0,
      fix_fp_1src, 4 },
    { "FP data-processing (2 source)", A64DIFF_FP, "000_11110_0x_1_yyyyy_xxxx_10_wwwww_vvvvv", 0,
      fix_fp_2src, 3 },
    { "FMADD/FMSUB/FNMADD/FNMSUB", A64DIFF_FP, "000_11111_0x_x_yyyyy_x_zzzzz_wwwww_vvvvv", 0,
      NULL },
    { "FCMP/FCMPE", A64DIFF_FP, "000_11110_0x_1_yyyyy_00_1000_wwwww_xx000", 0, fix_fcmp },
    { "FCCMP/FCCMPE", A64DIFF_FP, "000_11110_0x_1_yyyyy_xxxx_01_wwwww_xxxxx", 0, NULL },
    { "FCSEL", A64DIFF_FP, "000_11110_0x_1_yyyyy_xxxx_11_wwwww_vvvvv", 0, NULL },
    { "FMOV (scalar, immediate)", A64DIFF_FP, "000_11110_0x_1_xxxxxxxx_100_00000_vvvvv", 0, NULL },
    { "FCVT[NPMZA][SU] (scalar, integer)", A64DIFF_FP, "x00_11110_0x_1_xx_xxx_000000_wwwww_ddddd",
      0, fix_fp_to_int, 2 },
    { "SCVTF/UCVTF (scalar, integer)", A64DIFF_FP, "x00_11110_0x_1_00_01x_000000_nnnnn_vvvvv", 0,
      NULL },
    { "FMOV (FP to general)", A64DIFF_FP, "x00_11110_xx_1_0x_110_000000_wwwww_ddddd", 0,
      fix_fmov_gen },
    { "FMOV (general to FP)", A64DIFF_FP, "x00_11110_xx_1_0x_111_000000_nnnnn_vvvvv", 0,
      fix_fmov_gen },
    { "FCVTZS/FCVTZU (scalar, fixed-point)", A64DIFF_FP,
      "x00_11110_0x_0_11_00x_xxxxxx_wwwww_ddddd", 0, fix_fp_fixed },
    { "SCVTF/UCVTF (scalar, fixed-point)", A64DIFF_FP, "x00_11110_0x_0_00_01x_xxxxxx_nnnnn_vvvvv",
      0, fix_fp_fixed },

    /* AdvSIMD */
    { "AdvSIMD three same (integer)", A64DIFF_SIMD, "0xx_01110_xx_1_yyyyy_xxxxx_1_wwwww_vvvvv", 0,
      fix_three_same_int, 4 },
    { "AdvSIMD three same (FP)", A64DIFF_SIMD, "0xx_01110_xx_1_yyyyy_11xxx_1_wwwww_vvvvv", 0,
      fix_three_same, 4 },
    { "AdvSIMD scalar three same", A64DIFF_SIMD, "01x_11110_xx_1_yyyyy_xxxxx_1_wwwww_vvvvv", 0,
      fix_scalar_three_same, 2 },
    { "AdvSIMD three different", A64DIFF_SIMD, "0xx_01110_xx_1_yyyyy_xxxx_00_wwwww_vvvvv", 0,
      fix_three_diff, 3 },
    { "AdvSIMD scalar three different", A64DIFF_SIMD, "01x_11110_xx_1_yyyyy_xxxx_00_wwwww_vvvvv",
      0, fix_scalar_three_diff },
    { "AdvSIMD two-reg misc (integer)", A64DIFF_SIMD, "0xx_01110_xx_10000_xxxxx_10_wwwww_vvvvv",
      0, fix_misc_int, 3 },
    { "AdvSIMD two-reg misc (FP)", A64DIFF_SIMD, "0xx_01110_xx_10000_xxxxx_10_wwwww_vvvvv", 0,
      fix_misc_fp, 4 },
    { "AdvSIMD scalar two-reg misc", A64DIFF_SIMD, "01x_11110_xx_10000_xxxxx_10_wwwww_vvvvv", 0,
      fix_scalar_misc, 2 },
    { "AdvSIMD across lanes", A64DIFF_SIMD, "0xx_01110_xx_11000_xxxxx_10_wwwww_vvvvv", 0,
      fix_across, 2 },
    { "AdvSIMD scalar pairwise", A64DIFF_SIMD, "01x_11110_xx_11000_xxxxx_10_wwwww_vvvvv", 0,
      fix_scalar_pairwise },
    { "DUP (element)", A64DIFF_SIMD, "0x0_01110000_xxxxx_0_0000_1_wwwww_vvvvv", 0, fix_dup },
    { "DUP (general)", A64DIFF_SIMD, "0x0_01110000_xxxxx_0_0001_1_nnnnn_vvvvv", 0, fix_dup },
    { "INS (general)", A64DIFF_SIMD, "010_01110000_xxxxx_0_0011_1_nnnnn_vvvvv", 0, fix_copy },
    { "INS (element)", A64DIFF_SIMD, "011_01110000_xxxxx_0_xxxx_1_wwwww_vvvvv", 0, fix_copy },
    { "SMOV/UMOV", A64DIFF_SIMD, "0x0_01110000_xxxxx_0_01x1_1_wwwww_ddddd", 0, fix_smov_umov },
    { "DUP (element, scalar)", A64DIFF_SIMD, "010_11110000_xxxxx_0_0000_1_wwwww_vvvvv", 0,
      fix_copy },
    { "EXT", A64DIFF_SIMD, "0x_101110_00_0_yyyyy_0_xxxx_0_wwwww_vvvvv", 0, fix_ext },
    { "UZP/TRN/ZIP", A64DIFF_SIMD, "0x_001110_xx_0_yyyyy_0_xxx_10_wwwww_vvvvv", 0, fix_permute },
    { "TBL/TBX", A64DIFF_SIMD, "0x_001110_00_0_yyyyy_0_xx_x_00_wwwww_vvvvv", 0, NULL },
    { "AdvSIMD modified immediate", A64DIFF_SIMD, "0xx_0111100000_xxx_xxxx_0_1_xxxxx_vvvvv", 0,
      fix_mod_imm },
    { "AdvSIMD shift by immediate", A64DIFF_SIMD, "0xx_011110_xxxx_xxx_xxxxx_1_wwwww_vvvvv", 0,
      fix_shift_imm, 4 },
    { "AdvSIMD scalar shift by immediate", A64DIFF_SIMD,
      "01x_111110_xxxx_xxx_xxxxx_1_wwwww_vvvvv", 0, fix_scalar_shift_imm, 2 },
    { "AdvSIMD vector x indexed element", A64DIFF_SIMD,
      "0xx_01111_xx_x_yyyyy_xxxx_x_0_wwwww_vvvvv", 0, fix_by_elem, 3 },
    { "AdvSIMD scalar x indexed element", A64DIFF_SIMD,
      "01x_11111_xx_x_yyyyy_xxxx_x_0_wwwww_vvvvv", 0, fix_scalar_by_elem, 2 },
    { "AESE/AESD/AESMC/AESIMC", A64DIFF_SIMD, "01001110_00_10100_001xx_10_wwwww_vvvvv", 0, NULL },
    { "SHA1C/P/M/SU0, SHA256H/H2/SU1", A64DIFF_SIMD, "01011110_00_0_yyyyy_0_xxx_00_wwwww_vvvvv",
      0, fix_sha3 },
    { "SHA1H/SHA1SU1/SHA256SU0", A64DIFF_SIMD, "01011110_00_10100_000xx_10_wwwww_vvvvv", 0,
      fix_sha2 },

    /* SIMD&FP loads and stores */
    { "LDR/STR SIMD&FP (unsigned immediate)", A64DIFF_SIMD_LDST,
      "xx_111_1_01_xx_xxxxxxxxxxxx_bbbbb_vvvvv", 0, fix_simd_uimm },
    { "LDUR/STUR SIMD&FP", A64DIFF_SIMD_LDST, "xx_111_1_00_xx_0_xxxxxxxxx_00_bbbbb_vvvvv", 0,
      fix_simd_unscaled },
    { "LDR/STR SIMD&FP (pre/post-index)", A64DIFF_SIMD_LDST,
      "xx_111_1_00_xx_0_xxxxxxxxx_x1_bbbbb_vvvvv", T_WRITEBACK, fix_simd_wb },
    { "LDR/STR SIMD&FP (register offset, XZR index)", A64DIFF_SIMD_LDST,
      "xx_111_1_00_xx_1_11111_xxxx_10_bbbbb_vvvvv", 0, fix_simd_regoff },
    { "LDP/STP SIMD&FP (offset)", A64DIFF_SIMD_LDST, "xx_101_1_010_x_xxxxxxx_yyyyy_bbbbb_vvvvv", 0,
      fix_simd_pair },
    { "LDNP/STNP SIMD&FP", A64DIFF_SIMD_LDST, "xx_101_1_000_x_xxxxxxx_yyyyy_bbbbb_vvvvv", 0,
      fix_simd_pair },
    { "LDP/STP SIMD&FP (pre/post-index)", A64DIFF_SIMD_LDST,
      "xx_101_1_0x1_x_xxxxxxx_yyyyy_bbbbb_vvvvv", T_WRITEBACK, fix_simd_pair },
    { "LD1-4/ST1-4 (multiple structures)", A64DIFF_SIMD_LDST,
      "0x_0011000_x_000000_xxxx_xx_bbbbb_vvvvv", 0, fix_ldst_multiple },
    { "LD1-4/ST1-4 (multiple structures, post-index)", A64DIFF_SIMD_LDST,
      "0x_0011001_x_0_11111_xxxx_xx_bbbbb_vvvvv", T_WRITEBACK, fix_ldst_multiple },
    { "LD1-4/ST1-4 (single structure), LD1R-LD4R", A64DIFF_SIMD_LDST,
      "0x_0011010_x_x_00000_xxx_x_xx_bbbbb_vvvvv", 0, fix_ldst_single },
    { "LD1-4/ST1-4 (single structure), LD1R-LD4R, post-index", A64DIFF_SIMD_LDST,
      "0x_0011011_x_x_11111_xxx_x_xx_bbbbb_vvvvv", T_WRITEBACK, fix_ldst_single },
    { "LDR (literal, SIMD&FP)", A64DIFF_SIMD_LDST, "xx_011_1_00_xxxxxxxxxxxxxxxxxxx_vvvvv",
      T_LITERAL, fix_simd_literal },
};

const unsigned a64diff_nb_fp_templates = ARRAY_SIZE(a64diff_fp_templates);
