/*
 * gvec ops as 64-bit integer IR: the fallback when the native backend has
 * no host instruction sequence for an (op, element size), and everything
 * when vector code is off (KOINE_TCG_FEATURES=none).
 *
 * The vector is processed 8 bytes at a time: load a chunk of each source
 * from env, compute, store the chunk of the destination; then zero the
 * destination's tail [oprsz, maxsz). Within a chunk:
 *   - bitwise ops need no lanes at all;
 *   - add, sub, neg and the immediate shifts work on all lanes at once
 *     (SWAR: the lane's top bit is handled apart so no carry, borrow or
 *     shifted bit crosses into the next lane);
 *   - everything else (multiply, saturation, min/max, abs, compares)
 *     extracts each lane sign- or zero-extended to 64 bits, where the
 *     result cannot overflow, computes it with movcond/negsetcond, and
 *     deposits it back. 64-bit lanes are the chunk itself; saturating
 *     64-bit arithmetic detects overflow from the sign bits.
 * This is slow (tens of ops per chunk for byte lanes) but simple and
 * obviously right; the native backend's SSE code is the fast path.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/gvec-expand.h"

static bool cond_is_signed(TCGCond cond)
{
    return cond == TCG_COND_LT || cond == TCG_COND_LE ||
           cond == TCG_COND_GT || cond == TCG_COND_GE;
}

/* Whether the per-lane path extracts lanes sign-extended. */
static bool lane_signed(TCGOpcode opc, unsigned imm)
{
    switch (opc) {
    case INDEX_op_gvec_ssadd:
    case INDEX_op_gvec_sssub:
    case INDEX_op_gvec_smin:
    case INDEX_op_gvec_smax:
    case INDEX_op_gvec_abs:
        return true;
    case INDEX_op_gvec_cmp:
        return cond_is_signed((TCGCond)imm);
    default:
        return false;
    }
}

/* 64-bit lanes: saturating arithmetic (overflow from the sign bits). */
static void lane_sat64(TCGOpcode opc, TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 sum = tcg_temp_ebb_new_i64();
    TCGv_i64 t1 = tcg_temp_ebb_new_i64();
    TCGv_i64 t2 = tcg_temp_ebb_new_i64();
    TCGv_i64 zero = tcg_constant_i64(0);

    switch (opc) {
    case INDEX_op_gvec_ssadd:
    case INDEX_op_gvec_sssub:
        if (opc == INDEX_op_gvec_ssadd) {
            /* Overflow: a and b have the same sign and the sum another one. */
            tcg_gen_add_i64(sum, a, b);
            tcg_gen_xor_i64(t1, sum, a);
            tcg_gen_xor_i64(t2, a, b);
            tcg_gen_andc_i64(t1, t1, t2);
        } else {
            /* Overflow: a and b differ in sign and the difference differs from a. */
            tcg_gen_sub_i64(sum, a, b);
            tcg_gen_xor_i64(t1, a, b);
            tcg_gen_xor_i64(t2, a, sum);
            tcg_gen_and_i64(t1, t1, t2);
        }
        /* The saturated value has a's sign: INT64_MAX ^ (a < 0 ? -1 : 0). */
        tcg_gen_sari_i64(t2, a, 63);
        tcg_gen_xori_i64(t2, t2, INT64_MAX);
        tcg_gen_movcond_i64(TCG_COND_LT, r, t1, zero, t2, sum);
        break;
    case INDEX_op_gvec_usadd:
        tcg_gen_add_i64(sum, a, b);
        tcg_gen_movcond_i64(TCG_COND_LTU, r, sum, a, tcg_constant_i64(-1), sum);
        break;
    case INDEX_op_gvec_ussub:
        tcg_gen_sub_i64(sum, a, b);
        tcg_gen_movcond_i64(TCG_COND_LTU, r, a, b, zero, sum);
        break;
    default:
        g_assert_not_reached();
    }
}

/*
 * One lane: r = opc(a, b). For lanes narrower than 64 bits, a and b are
 * the lanes sign- or zero-extended (lane_signed), and only the low
 * 8 << vece bits of r matter.
 */
static void lane_op(TCGOpcode opc, unsigned vece, unsigned imm,
                    TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    unsigned bits = 8 << vece;
    int64_t smax = bits == 64 ? INT64_MAX : (int64_t)((1ull << (bits - 1)) - 1);
    int64_t smin = -smax - 1;
    uint64_t umax = bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
    TCGv_i64 zero = tcg_constant_i64(0);

    switch (opc) {
    case INDEX_op_gvec_mul:
        tcg_gen_mul_i64(r, a, b);
        break;
    case INDEX_op_gvec_ssadd:
    case INDEX_op_gvec_sssub:
    case INDEX_op_gvec_usadd:
    case INDEX_op_gvec_ussub:
        if (bits == 64) {
            lane_sat64(opc, r, a, b);
            break;
        }
        if (opc == INDEX_op_gvec_ssadd || opc == INDEX_op_gvec_usadd) {
            tcg_gen_add_i64(r, a, b);
        } else {
            tcg_gen_sub_i64(r, a, b);
        }
        if (opc == INDEX_op_gvec_ssadd || opc == INDEX_op_gvec_sssub) {
            TCGv_i64 lo = tcg_constant_i64(smin), hi = tcg_constant_i64(smax);

            tcg_gen_movcond_i64(TCG_COND_LT, r, r, lo, lo, r);
            tcg_gen_movcond_i64(TCG_COND_GT, r, r, hi, hi, r);
        } else if (opc == INDEX_op_gvec_usadd) {
            TCGv_i64 hi = tcg_constant_i64(umax);

            tcg_gen_movcond_i64(TCG_COND_GTU, r, r, hi, hi, r);
        } else {
            tcg_gen_movcond_i64(TCG_COND_LTU, r, a, b, zero, r);
        }
        break;
    case INDEX_op_gvec_smin:
        tcg_gen_movcond_i64(TCG_COND_LT, r, a, b, a, b);
        break;
    case INDEX_op_gvec_smax:
        tcg_gen_movcond_i64(TCG_COND_GT, r, a, b, a, b);
        break;
    case INDEX_op_gvec_umin:
        tcg_gen_movcond_i64(TCG_COND_LTU, r, a, b, a, b);
        break;
    case INDEX_op_gvec_umax:
        tcg_gen_movcond_i64(TCG_COND_GTU, r, a, b, a, b);
        break;
    case INDEX_op_gvec_abs:
        tcg_gen_neg_i64(r, a);
        tcg_gen_movcond_i64(TCG_COND_LT, r, a, zero, r, a);
        break;
    case INDEX_op_gvec_cmp:
        tcg_gen_negsetcond_i64((TCGCond)imm, r, a, b);
        break;
    default:
        g_assert_not_reached();
    }
}

/* A chunk, lane by lane (see lane_op). */
static void chunk_lanes(TCGOpcode opc, unsigned vece, unsigned imm,
                        TCGv_i64 d, TCGv_i64 a, TCGv_i64 b)
{
    unsigned bits = 8 << vece;
    bool sign = lane_signed(opc, imm);
    TCGv_i64 ea, eb, r, acc;

    if (bits == 64) {
        lane_op(opc, vece, imm, d, a, b);
        return;
    }
    ea = tcg_temp_ebb_new_i64();
    eb = tcg_temp_ebb_new_i64();
    r = tcg_temp_ebb_new_i64();
    acc = tcg_temp_ebb_new_i64();
    for (unsigned pos = 0; pos < 64; pos += bits) {
        if (sign) {
            tcg_gen_sextract_i64(ea, a, pos, bits);
            tcg_gen_sextract_i64(eb, b, pos, bits);
        } else {
            tcg_gen_extract_i64(ea, a, pos, bits);
            tcg_gen_extract_i64(eb, b, pos, bits);
        }
        lane_op(opc, vece, imm, r, ea, eb);
        if (pos == 0) {
            tcg_gen_mov_i64(acc, r);    /* bits above the lane: overwritten below */
        } else {
            tcg_gen_deposit_i64(acc, acc, r, pos, bits);
        }
    }
    tcg_gen_mov_i64(d, acc);
}

/* d = a - b in every lane at once (lanes narrower than 64 bits). */
static void swar_sub(unsigned vece, TCGv_i64 d, TCGv_i64 a, TCGv_i64 b)
{
    uint64_t high = tcg_gvec_dup_const(vece, 1ull << ((8 << vece) - 1));
    TCGv_i64 t1 = tcg_temp_ebb_new_i64();
    TCGv_i64 t2 = tcg_temp_ebb_new_i64();

    /*
     * With a lane's top bit set in a and clear in b, the low bits'
     * difference cannot borrow from the next lane; the top bit of the
     * result is then "no borrow", and the true one is a ^ b ^ borrow.
     */
    tcg_gen_eqv_i64(t2, a, b);
    tcg_gen_andi_i64(t2, t2, high);
    tcg_gen_ori_i64(t1, a, high);
    tcg_gen_andi_i64(d, b, ~high);
    tcg_gen_sub_i64(d, t1, d);
    tcg_gen_xor_i64(d, d, t2);
}

/* d = a + b in every lane at once (lanes narrower than 64 bits). */
static void swar_add(unsigned vece, TCGv_i64 d, TCGv_i64 a, TCGv_i64 b)
{
    uint64_t high = tcg_gvec_dup_const(vece, 1ull << ((8 << vece) - 1));
    TCGv_i64 t1 = tcg_temp_ebb_new_i64();
    TCGv_i64 t2 = tcg_temp_ebb_new_i64();

    /* The low bits' sum carries into the top bit, never further; fix the top bit. */
    tcg_gen_xor_i64(t2, a, b);
    tcg_gen_andi_i64(t2, t2, high);
    tcg_gen_andi_i64(t1, a, ~high);
    tcg_gen_andi_i64(d, b, ~high);
    tcg_gen_add_i64(d, t1, d);
    tcg_gen_xor_i64(d, d, t2);
}

static void chunk_shift(TCGOpcode opc, unsigned vece, unsigned sh, TCGv_i64 d, TCGv_i64 a)
{
    unsigned bits = 8 << vece;
    uint64_t lane = bits == 64 ? UINT64_MAX : (1ull << bits) - 1;

    if (bits == 64) {
        if (opc == INDEX_op_gvec_shli) {
            tcg_gen_shli_i64(d, a, sh);
        } else if (opc == INDEX_op_gvec_shri) {
            tcg_gen_shri_i64(d, a, sh);
        } else {
            tcg_gen_sari_i64(d, a, sh);
        }
        return;
    }
    if (opc == INDEX_op_gvec_shli) {
        tcg_gen_shli_i64(d, a, sh);
        tcg_gen_andi_i64(d, d, tcg_gvec_dup_const(vece, lane << sh));
        return;
    }
    tcg_gen_shri_i64(d, a, sh);
    tcg_gen_andi_i64(d, d, tcg_gvec_dup_const(vece, lane >> sh));
    if (opc == INDEX_op_gvec_sari && sh) {
        /*
         * Sign-extend from bit bits-1-sh of each lane: isolate those bits
         * and multiply by 2^(sh+1) - 1, which copies each one to the sh
         * bits above it without reaching the next lane.
         */
        TCGv_i64 s = tcg_temp_ebb_new_i64();

        tcg_gen_andi_i64(s, d, tcg_gvec_dup_const(vece, 1ull << (bits - 1 - sh)));
        tcg_gen_muli_i64(s, s, (int64_t)((2ull << sh) - 1));
        tcg_gen_or_i64(d, d, s);
    }
}

/* One 8-byte chunk of the result from the chunks of the sources. */
static void chunk_op(TCGOpcode opc, const TCGGvecArgs *ga, TCGv_i64 d,
                     TCGv_i64 a, TCGv_i64 b, TCGv_i64 c)
{
    unsigned vece = ga->vece;
    bool wide = vece == MO_64;

    switch (opc) {
    case INDEX_op_gvec_mov:
        tcg_gen_mov_i64(d, a);
        break;
    case INDEX_op_gvec_and:
        tcg_gen_and_i64(d, a, b);
        break;
    case INDEX_op_gvec_or:
        tcg_gen_or_i64(d, a, b);
        break;
    case INDEX_op_gvec_xor:
        tcg_gen_xor_i64(d, a, b);
        break;
    case INDEX_op_gvec_andc:
        tcg_gen_andc_i64(d, a, b);
        break;
    case INDEX_op_gvec_orc:
        tcg_gen_orc_i64(d, a, b);
        break;
    case INDEX_op_gvec_not:
        tcg_gen_not_i64(d, a);
        break;
    case INDEX_op_gvec_bitsel:
        /* (a & b) | (~a & c) == ((b ^ c) & a) ^ c */
        tcg_gen_xor_i64(d, b, c);
        tcg_gen_and_i64(d, d, a);
        tcg_gen_xor_i64(d, d, c);
        break;
    case INDEX_op_gvec_add:
        if (wide) {
            tcg_gen_add_i64(d, a, b);
        } else {
            swar_add(vece, d, a, b);
        }
        break;
    case INDEX_op_gvec_sub:
        if (wide) {
            tcg_gen_sub_i64(d, a, b);
        } else {
            swar_sub(vece, d, a, b);
        }
        break;
    case INDEX_op_gvec_neg:
        if (wide) {
            tcg_gen_neg_i64(d, a);
        } else {
            swar_sub(vece, d, tcg_constant_i64(0), a);
        }
        break;
    case INDEX_op_gvec_shli:
    case INDEX_op_gvec_shri:
    case INDEX_op_gvec_sari:
        chunk_shift(opc, vece, ga->imm, d, a);
        break;
    case INDEX_op_gvec_abs:
        chunk_lanes(opc, vece, ga->imm, d, a, a);
        break;
    default:
        chunk_lanes(opc, vece, ga->imm, d, a, b);
        break;
    }
}

static void zero_tail(const TCGGvecArgs *ga)
{
    for (uint32_t ofs = ga->oprsz; ofs < ga->maxsz; ofs += 8) {
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, ga->dofs + ofs);
    }
}

/* Every chunk of the destination = val (already replicated over 64 bits). */
static void store_dup(const TCGGvecArgs *ga, TCGv_i64 val)
{
    for (uint32_t ofs = 0; ofs < ga->oprsz; ofs += 8) {
        tcg_gen_st_i64(val, tcg_env, ga->dofs + ofs);
    }
    zero_tail(ga);
}

/* val's low element replicated over 64 bits, into r. */
static void dup_value(unsigned vece, TCGv_i64 r, TCGv_i64 val)
{
    switch (vece) {
    case MO_8:
        tcg_gen_ext8u_i64(r, val);
        tcg_gen_muli_i64(r, r, (int64_t)tcg_gvec_dup_const(MO_8, 1));
        break;
    case MO_16:
        tcg_gen_ext16u_i64(r, val);
        tcg_gen_muli_i64(r, r, (int64_t)tcg_gvec_dup_const(MO_16, 1));
        break;
    case MO_32:
        tcg_gen_deposit_i64(r, val, val, 32, 32);
        break;
    default:
        tcg_gen_mov_i64(r, val);
        break;
    }
}

static void expand_dup_mem(const TCGGvecArgs *ga)
{
    TCGv_i64 e = tcg_temp_ebb_new_i64();
    TCGv_i64 r = tcg_temp_ebb_new_i64();

    switch (ga->vece) {
    case MO_8:
        tcg_gen_ld8u_i64(e, tcg_env, ga->aofs);
        break;
    case MO_16:
        tcg_gen_ld16u_i64(e, tcg_env, ga->aofs);
        break;
    case MO_32:
        tcg_gen_ld32u_i64(e, tcg_env, ga->aofs);
        break;
    default:
        tcg_gen_ld_i64(e, tcg_env, ga->aofs);
        break;
    }
    dup_value(ga->vece, r, e);
    store_dup(ga, r);
}

void tcg_gvec_expand_int(TCGOpcode opc, const TCGGvecArgs *ga, TCGv_i64 in)
{
    unsigned nsrc = tcg_gvec_nb_srcs(opc);
    TCGv_i64 a, b, c, d;

    if (opc == INDEX_op_gvec_dup) {
        TCGTemp *t = tcgv_i64_temp(in);

        if (temp_is_const(t)) {
            store_dup(ga, tcg_constant_i64((int64_t)tcg_gvec_dup_const(ga->vece, t->val)));
        } else {
            d = tcg_temp_ebb_new_i64();
            dup_value(ga->vece, d, in);
            store_dup(ga, d);
        }
        return;
    }
    if (opc == INDEX_op_gvec_dup_mem) {
        expand_dup_mem(ga);
        return;
    }
    a = tcg_temp_ebb_new_i64();
    b = nsrc >= 2 ? tcg_temp_ebb_new_i64() : NULL;
    c = nsrc >= 3 ? tcg_temp_ebb_new_i64() : NULL;
    d = tcg_temp_ebb_new_i64();
    for (uint32_t ofs = 0; ofs < ga->oprsz; ofs += 8) {
        tcg_gen_ld_i64(a, tcg_env, ga->aofs + ofs);
        if (b) {
            tcg_gen_ld_i64(b, tcg_env, ga->bofs + ofs);
        }
        if (c) {
            tcg_gen_ld_i64(c, tcg_env, ga->cofs + ofs);
        }
        chunk_op(opc, ga, d, a, b, c);
        tcg_gen_st_i64(d, tcg_env, ga->dofs + ofs);
    }
    zero_tail(ga);
}
