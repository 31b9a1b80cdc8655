/*
 * What every data op computes: the reference semantics of the IR.
 *
 * The portable interpreter executes ops with these functions and the
 * optimizer folds constants with them, so there is exactly one definition
 * of each op's result; the native backend is tested against them.
 *
 * Values travel as uint64_t. For an i32 op only the low 32 bits of each
 * input matter, and the result is returned zero-extended (callers may
 * rely on that; generated code may not: an i32 in a host register has
 * undefined high bits).
 *
 * Where docs/devel/tcg.md calls a result undefined (shift counts >= the
 * width, division by zero, INT_MIN / -1), these functions return some
 * value without undefined C behaviour; frontends must not depend on it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_EVAL_H
#define TCG_EVAL_H

#include "tcg/tcg.h"
#include "tcg/gvec.h"

static inline uint64_t tcg_eval_trunc(TCGType type, uint64_t v)
{
    return type == TCG_TYPE_I32 ? (uint32_t)v : v;
}

static inline int64_t tcg_eval_signed(TCGType type, uint64_t v)
{
    return type == TCG_TYPE_I32 ? (int64_t)(int32_t)v : (int64_t)v;
}

static inline unsigned tcg_eval_bits(TCGType type)
{
    return type == TCG_TYPE_I32 ? 32 : 64;
}

static inline uint64_t tcg_eval_clz(TCGType type, uint64_t a, uint64_t if_zero)
{
    a = tcg_eval_trunc(type, a);
    if (!a) {
        return tcg_eval_trunc(type, if_zero);
    }
    return type == TCG_TYPE_I32 ? (uint64_t)__builtin_clz((uint32_t)a)
                                : (uint64_t)__builtin_clzll(a);
}

static inline uint64_t tcg_eval_ctz(TCGType type, uint64_t a, uint64_t if_zero)
{
    a = tcg_eval_trunc(type, a);
    return a ? (uint64_t)__builtin_ctzll(a) : tcg_eval_trunc(type, if_zero);
}

/* The two-input ops of ops.def ("add" ... "ctz"). */
static inline uint64_t tcg_eval_binary(TCGOpcode opc, TCGType type, uint64_t a, uint64_t b)
{
    unsigned w = tcg_eval_bits(type);
    unsigned sh = b & (w - 1);      /* counts >= w are undefined: any value will do */
    uint64_t ua = tcg_eval_trunc(type, a), ub = tcg_eval_trunc(type, b);
    int64_t sa = tcg_eval_signed(type, a), sb = tcg_eval_signed(type, b);
    uint64_t r;

    switch (opc) {
    case INDEX_op_add:   r = a + b; break;
    case INDEX_op_sub:   r = a - b; break;
    case INDEX_op_mul:   r = a * b; break;
    case INDEX_op_div:
        /* Undefined for b == 0 and MIN / -1: answer 0 and MIN, never trap. */
        if (sb == 0) {
            r = 0;
        } else if (sb == -1) {
            r = -(uint64_t)sa;
        } else {
            r = (uint64_t)(sa / sb);
        }
        break;
    case INDEX_op_divu:  r = ub ? ua / ub : 0; break;
    case INDEX_op_rem:   r = (sb == 0 || sb == -1) ? 0 : (uint64_t)(sa % sb); break;
    case INDEX_op_remu:  r = ub ? ua % ub : 0; break;
    case INDEX_op_muluh:
        r = type == TCG_TYPE_I32 ? (ua * ub) >> 32
                                 : (uint64_t)(((unsigned __int128)ua * ub) >> 64);
        break;
    case INDEX_op_mulsh:
        r = type == TCG_TYPE_I32 ? (uint64_t)((sa * sb) >> 32)
                                 : (uint64_t)(((__int128)sa * sb) >> 64);
        break;
    case INDEX_op_and:   r = a & b; break;
    case INDEX_op_or:    r = a | b; break;
    case INDEX_op_xor:   r = a ^ b; break;
    case INDEX_op_andc:  r = a & ~b; break;
    case INDEX_op_orc:   r = a | ~b; break;
    case INDEX_op_eqv:   r = ~(a ^ b); break;
    case INDEX_op_nand:  r = ~(a & b); break;
    case INDEX_op_nor:   r = ~(a | b); break;
    case INDEX_op_shl:   r = ua << sh; break;
    case INDEX_op_shr:   r = ua >> sh; break;
    case INDEX_op_sar:   r = (uint64_t)(sa >> sh); break;
    case INDEX_op_rotl:  r = sh ? (ua << sh) | (ua >> (w - sh)) : ua; break;
    case INDEX_op_rotr:  r = sh ? (ua >> sh) | (ua << (w - sh)) : ua; break;
    case INDEX_op_clz:   r = tcg_eval_clz(type, a, b); break;
    case INDEX_op_ctz:   r = tcg_eval_ctz(type, a, b); break;
    default:
        g_assert_not_reached();
    }
    return tcg_eval_trunc(type, r);
}

/* The one-input ops ("neg" ... "extrh_i64_i32"); the type is the output's. */
static inline uint64_t tcg_eval_unary(TCGOpcode opc, TCGType type, uint64_t a)
{
    uint64_t r;

    switch (opc) {
    case INDEX_op_mov:          r = a; break;
    case INDEX_op_neg:          r = -a; break;
    case INDEX_op_not:          r = ~a; break;
    case INDEX_op_ctpop:        r = __builtin_popcountll(tcg_eval_trunc(type, a)); break;
    case INDEX_op_ext8s:        r = (uint64_t)(int64_t)(int8_t)a; break;
    case INDEX_op_ext8u:        r = (uint8_t)a; break;
    case INDEX_op_ext16s:       r = (uint64_t)(int64_t)(int16_t)a; break;
    case INDEX_op_ext16u:       r = (uint16_t)a; break;
    case INDEX_op_ext32s:       r = (uint64_t)(int64_t)(int32_t)a; break;
    case INDEX_op_ext32u:       r = (uint32_t)a; break;
    /* Byte swaps of the low 2, 4 or 8 bytes; the result is zero-extended. */
    case INDEX_op_bswap16:      r = __builtin_bswap16((uint16_t)a); break;
    case INDEX_op_bswap32:      r = __builtin_bswap32((uint32_t)a); break;
    case INDEX_op_bswap64:      r = __builtin_bswap64(a); break;
    case INDEX_op_ext_i32_i64:  r = (uint64_t)(int64_t)(int32_t)a; break;
    case INDEX_op_extu_i32_i64: r = (uint32_t)a; break;
    case INDEX_op_extrl_i64_i32: r = (uint32_t)a; break;
    case INDEX_op_extrh_i64_i32: r = a >> 32; break;
    default:
        g_assert_not_reached();
    }
    return tcg_eval_trunc(type, r);
}

static inline uint64_t tcg_eval_extract(TCGType type, uint64_t a, unsigned ofs, unsigned len)
{
    uint64_t field = tcg_eval_trunc(type, a) >> ofs;

    return len == 64 ? field : field & ((1ULL << len) - 1);
}

static inline uint64_t tcg_eval_sextract(TCGType type, uint64_t a, unsigned ofs, unsigned len)
{
    uint64_t field = tcg_eval_extract(type, a, ofs, len);
    unsigned unused = 64 - len;

    return tcg_eval_trunc(type, (uint64_t)((int64_t)(field << unused) >> unused));
}

static inline uint64_t tcg_eval_deposit(TCGType type, uint64_t a, uint64_t b,
                                        unsigned ofs, unsigned len)
{
    uint64_t mask = (len == 64 ? ~0ULL : (1ULL << len) - 1) << ofs;

    return tcg_eval_trunc(type, (a & ~mask) | ((b << ofs) & mask));
}

/* The width bits of hi:lo from bit ofs: (lo >> ofs) | (hi << (width - ofs)). */
static inline uint64_t tcg_eval_extract2(TCGType type, uint64_t lo, uint64_t hi, unsigned ofs)
{
    unsigned w = tcg_eval_bits(type);

    lo = tcg_eval_trunc(type, lo);
    if (ofs == 0) {
        return lo;
    }
    if (ofs == w) {
        return tcg_eval_trunc(type, hi);
    }
    return tcg_eval_trunc(type, (lo >> ofs) | (hi << (w - ofs)));
}

/* mulu2/muls2: *lo, *hi of the double-width product. */
static inline void tcg_eval_mul2(TCGOpcode opc, TCGType type, uint64_t a, uint64_t b,
                                 uint64_t *lo, uint64_t *hi)
{
    if (type == TCG_TYPE_I32) {
        uint64_t p = opc == INDEX_op_mulu2
                     ? (uint64_t)(uint32_t)a * (uint32_t)b
                     : (uint64_t)((int64_t)(int32_t)a * (int32_t)b);

        *lo = (uint32_t)p;
        *hi = p >> 32;
    } else if (opc == INDEX_op_mulu2) {
        unsigned __int128 p = (unsigned __int128)a * b;

        *lo = (uint64_t)p;
        *hi = (uint64_t)(p >> 64);
    } else {
        __int128 p = (__int128)(int64_t)a * (int64_t)b;

        *lo = (uint64_t)p;
        *hi = (uint64_t)((unsigned __int128)p >> 64);
    }
}

/* add2/sub2: (*rl, *rh) = (al, ah) +/- (bl, bh) in double width. */
static inline void tcg_eval_addsub2(TCGOpcode opc, TCGType type, uint64_t al, uint64_t ah,
                                    uint64_t bl, uint64_t bh, uint64_t *rl, uint64_t *rh)
{
    if (type == TCG_TYPE_I32) {
        uint64_t a = (uint32_t)al | ah << 32, b = (uint32_t)bl | bh << 32;
        uint64_t r = opc == INDEX_op_add2 ? a + b : a - b;

        *rl = (uint32_t)r;
        *rh = r >> 32;
    } else {
        unsigned __int128 a = (unsigned __int128)ah << 64 | al;
        unsigned __int128 b = (unsigned __int128)bh << 64 | bl;
        unsigned __int128 r = opc == INDEX_op_add2 ? a + b : a - b;

        *rl = (uint64_t)r;
        *rh = (uint64_t)(r >> 64);
    }
}

/* ---- Vector ops (tcg/gvec.h) ---- */

/*
 * One lane of a gvec op: a, b, c are the lanes zero-extended from
 * bits = 8 << vece; the result is returned zero-extended. imm is the
 * shift count or TCGCond. Saturation is to the lane's signed or unsigned
 * range; abs of the most negative value is itself (it wraps, as neg does).
 */
static inline uint64_t tcg_eval_gvec_lane(TCGOpcode opc, unsigned vece, unsigned imm,
                                          uint64_t a, uint64_t b, uint64_t c)
{
    unsigned bits = 8u << vece;
    uint64_t mask = bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
    unsigned shift = 64 - bits;
    int64_t sa = (int64_t)(a << shift) >> shift, sb = (int64_t)(b << shift) >> shift;
    int64_t smax = (int64_t)(mask >> 1), smin = -smax - 1;
    int64_t sr;
    uint64_t r;

    switch (opc) {
    case INDEX_op_gvec_add:    r = a + b; break;
    case INDEX_op_gvec_sub:    r = a - b; break;
    case INDEX_op_gvec_mul:    r = a * b; break;
    case INDEX_op_gvec_ssadd:
        if (__builtin_add_overflow(sa, sb, &sr) || sr > smax || sr < smin) {
            sr = sa < 0 ? smin : smax;      /* overflow has the sign of both inputs */
        }
        r = (uint64_t)sr;
        break;
    case INDEX_op_gvec_sssub:
        if (__builtin_sub_overflow(sa, sb, &sr) || sr > smax || sr < smin) {
            sr = sa < 0 ? smin : smax;      /* overflow has the sign of a */
        }
        r = (uint64_t)sr;
        break;
    case INDEX_op_gvec_usadd:  r = (a + b) & mask; r = r < a ? mask : r; break;
    case INDEX_op_gvec_ussub:  r = a < b ? 0 : a - b; break;
    case INDEX_op_gvec_smin:   r = (uint64_t)(sa < sb ? sa : sb); break;
    case INDEX_op_gvec_smax:   r = (uint64_t)(sa > sb ? sa : sb); break;
    case INDEX_op_gvec_umin:   r = a < b ? a : b; break;
    case INDEX_op_gvec_umax:   r = a > b ? a : b; break;
    case INDEX_op_gvec_mov:    r = a; break;
    case INDEX_op_gvec_and:    r = a & b; break;
    case INDEX_op_gvec_or:     r = a | b; break;
    case INDEX_op_gvec_xor:    r = a ^ b; break;
    case INDEX_op_gvec_andc:   r = a & ~b; break;
    case INDEX_op_gvec_orc:    r = a | ~b; break;
    case INDEX_op_gvec_bitsel: r = (a & b) | (~a & c); break;
    case INDEX_op_gvec_neg:    r = -a; break;
    case INDEX_op_gvec_abs:    r = sa < 0 ? -(uint64_t)sa : (uint64_t)sa; break;
    case INDEX_op_gvec_not:    r = ~a; break;
    case INDEX_op_gvec_shli:   r = a << (imm & (bits - 1)); break;
    case INDEX_op_gvec_shri:   r = a >> (imm & (bits - 1)); break;
    case INDEX_op_gvec_sari:   r = (uint64_t)(sa >> (imm & (bits - 1))); break;
    case INDEX_op_gvec_cmp:
        /* Signed conditions compare the sign-extended lanes: the same order. */
        r = (TCGCond)imm == TCG_COND_LT || (TCGCond)imm == TCG_COND_LE ||
            (TCGCond)imm == TCG_COND_GT || (TCGCond)imm == TCG_COND_GE
            ? tcg_cond_eval((TCGCond)imm, TCG_TYPE_I64, (uint64_t)sa, (uint64_t)sb)
            : tcg_cond_eval((TCGCond)imm, TCG_TYPE_I64, a, b);
        r = -r;
        break;
    default:
        g_assert_not_reached();
    }
    return r & mask;
}

/* The lane of 1 << vece bytes at p, zero-extended (fixed-size accesses: no memcpy calls). */
static inline uint64_t tcg_eval_gvec_get(const uint8_t *p, unsigned vece)
{
    uint16_t h;
    uint32_t w;
    uint64_t d;

    switch (vece) {
    case MO_8:
        return *p;
    case MO_16:
        memcpy(&h, p, 2);
        return h;
    case MO_32:
        memcpy(&w, p, 4);
        return w;
    default:
        memcpy(&d, p, 8);
        return d;
    }
}

static inline void tcg_eval_gvec_put(uint8_t *p, unsigned vece, uint64_t v)
{
    uint16_t h = (uint16_t)v;
    uint32_t w = (uint32_t)v;

    switch (vece) {
    case MO_8:
        *p = (uint8_t)v;
        break;
    case MO_16:
        memcpy(p, &h, 2);
        break;
    case MO_32:
        memcpy(p, &w, 4);
        break;
    default:
        memcpy(p, &v, 8);
        break;
    }
}

/*
 * A whole gvec op on the CPU state at env: reads every source first (into
 * a copy), so a source equal to the destination is fine; writes oprsz
 * bytes of results and zeroes [oprsz, maxsz). in is gvec_dup's value.
 */
static inline void tcg_eval_gvec(TCGOpcode opc, const TCGGvecArgs *ga, void *env, uint64_t in)
{
    uint8_t *base = env;
    unsigned bytes = 1u << ga->vece;
    uint8_t src[3][TCG_GVEC_MAX_OPRSZ], res[TCG_GVEC_MAX_OPRSZ];
    uint32_t ofs[3] = { ga->aofs, ga->bofs, ga->cofs };
    unsigned nsrc = tcg_gvec_nb_srcs(opc);

    assert(ga->oprsz <= TCG_GVEC_MAX_OPRSZ && ga->maxsz >= ga->oprsz);
    if (opc == INDEX_op_gvec_dup || opc == INDEX_op_gvec_dup_mem) {
        if (opc == INDEX_op_gvec_dup_mem) {
            in = tcg_eval_gvec_get(base + ga->aofs, ga->vece);
        }
        for (uint32_t i = 0; i < ga->oprsz; i += bytes) {
            tcg_eval_gvec_put(res + i, ga->vece, in);
        }
    } else {
        for (unsigned s = 0; s < nsrc; s++) {
            memcpy(src[s], base + ofs[s], ga->oprsz);
        }
        for (uint32_t i = 0; i < ga->oprsz; i += bytes) {
            uint64_t v[3] = { 0, 0, 0 };

            for (unsigned s = 0; s < nsrc; s++) {
                v[s] = tcg_eval_gvec_get(src[s] + i, ga->vece);
            }
            tcg_eval_gvec_put(res + i, ga->vece,
                              tcg_eval_gvec_lane(opc, ga->vece, ga->imm, v[0], v[1], v[2]));
        }
    }
    memcpy(base + ga->dofs, res, ga->oprsz);
    memset(base + ga->dofs + ga->oprsz, 0, ga->maxsz - ga->oprsz);
}

#endif
