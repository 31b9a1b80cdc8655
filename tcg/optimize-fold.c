/*
 * The optimizer's data-op rules: constant folding, algebraic
 * simplification and known-bits propagation.
 *
 * Each data op goes through, in order:
 *   1. canonical form: a constant operand of a commutative op or of a
 *      comparison goes second (comparisons swap their condition);
 *   2. folding, when every input is known: the result is computed by
 *      tcg/eval.h, the one definition of what ops compute, and the op
 *      becomes "mov ret, $result". Results the IR leaves undefined (shift
 *      counts >= the width, division by zero, INT_MIN / -1) are not
 *      folded: backends may legitimately produce another value there, and
 *      an optimized TB must behave like the unoptimized one;
 *   3. simplification: identities (x + 0, x & x, ext8u of a byte, ...)
 *      become a mov; some ops become a cheaper op (x ^ -1 is not x,
 *      andc x, $c is and x, $~c), which then goes through the rules again;
 *   4. the known bits of the result, from those of the inputs. A result
 *      whose bits are all known becomes a mov of that constant.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "tcg/optimize-int.h"
#include "tcg/eval.h"

typedef enum FoldResult {
    FOLD_KEEP,      /* op stays: record its outputs' known bits */
    FOLD_DONE,      /* op became a mov (or went away) and has been recorded */
    FOLD_AGAIN,     /* op became another data op: run the rules on it */
} FoldResult;

/* Every bit from the highest set bit of x down. */
static uint64_t fill_down(uint64_t x)
{
    return x ? ~0ull >> __builtin_clzll(x) : 0;
}

/* Bits below the lowest bit that may be one are known zero. */
static uint64_t low_zeros_kept(uint64_t z)
{
    return z ? ~((z & -z) - 1) : 0;
}

static TCGTemp *arg_t(const TCGOp *op, unsigned i)
{
    return arg_temp(op->args[i]);
}

static FoldResult to_mov(OptContext *ctx, TCGOp *op, TCGTemp *src)
{
    opt_to_mov(ctx, op, src);
    return FOLD_DONE;
}

static FoldResult to_movi(OptContext *ctx, TCGOp *op, uint64_t val)
{
    opt_to_movi(ctx, op, tcg_eval_trunc(op->type, val));
    return FOLD_DONE;
}

/* op becomes the one-input op opc on input a. */
static FoldResult to_unary(TCGOp *op, TCGOpcode opc, TCGTemp *a)
{
    opt_reshape(op, opc);
    op->args[1] = temp_arg(a);
    return FOLD_AGAIN;
}

/* op becomes the two-input op opc on a and the constant val. */
static FoldResult to_binary_const(OptContext *ctx, TCGOp *op, TCGOpcode opc, uint64_t val)
{
    opt_reshape(op, opc);
    op->args[2] = temp_arg(opt_const_temp(ctx, op->type, tcg_eval_trunc(op->type, val)));
    return FOLD_AGAIN;
}

static bool is_commutative(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_add: case INDEX_op_mul: case INDEX_op_muluh: case INDEX_op_mulsh:
    case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_eqv: case INDEX_op_nand: case INDEX_op_nor:
    case INDEX_op_mulu2: case INDEX_op_muls2:
        return true;
    default:
        return false;
    }
}

static bool is_binary(TCGOpcode opc)
{
    return opc >= INDEX_op_add && opc <= INDEX_op_ctz;
}

static bool is_unary(TCGOpcode opc)
{
    return opc >= INDEX_op_neg && opc <= INDEX_op_extrh_i64_i32;
}

/* Whether eval.h's result for these constants is one the IR defines. */
static bool binary_defined(TCGOpcode opc, TCGType type, uint64_t a, uint64_t b)
{
    unsigned w = tcg_eval_bits(type);
    int64_t sa = tcg_eval_signed(type, a), sb = tcg_eval_signed(type, b);
    int64_t min = type == TCG_TYPE_I32 ? INT32_MIN : INT64_MIN;

    switch (opc) {
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        return tcg_eval_trunc(type, b) < w;
    case INDEX_op_div: case INDEX_op_rem:
        return sb != 0 && !(sb == -1 && sa == min);
    case INDEX_op_divu: case INDEX_op_remu:
        return tcg_eval_trunc(type, b) != 0;
    default:
        return true;
    }
}

/* ---- 2. Constant folding ---- */

static FoldResult fold_two_outputs(OptContext *ctx, TCGOp *op, uint64_t lo, uint64_t hi)
{
    TCGOp *op_hi = tcg_op_insert_after(ctx->s, op, INDEX_op_mov, op->type, 2);

    op_hi->args[0] = op->args[1];
    op_hi->args[1] = temp_arg(opt_const_temp(ctx, op->type, hi));
    opt_to_movi(ctx, op, lo);
    opt_mov(ctx, op_hi);
    return FOLD_DONE;
}

static FoldResult fold_constants(OptContext *ctx, TCGOp *op)
{
    const TCGArg *c = &op->args[op->nb_oargs + op->nb_iargs];
    TCGType type = op->type;
    uint64_t v[6], lo, hi;

    assert(op->nb_iargs <= ARRAY_SIZE(v));
    for (unsigned i = 0; i < op->nb_iargs; i++) {
        if (!opt_const(ctx, arg_t(op, op->nb_oargs + i), &v[i])) {
            return FOLD_KEEP;
        }
    }
    if (is_binary(op->opc)) {
        if (!binary_defined(op->opc, type, v[0], v[1])) {
            return FOLD_KEEP;
        }
        return to_movi(ctx, op, tcg_eval_binary(op->opc, type, v[0], v[1]));
    }
    if (is_unary(op->opc)) {
        return to_movi(ctx, op, tcg_eval_unary(op->opc, type, v[0]));
    }
    switch (op->opc) {
    case INDEX_op_extract:
        return to_movi(ctx, op, tcg_eval_extract(type, v[0], c[0], c[1]));
    case INDEX_op_sextract:
        return to_movi(ctx, op, tcg_eval_sextract(type, v[0], c[0], c[1]));
    case INDEX_op_deposit:
        return to_movi(ctx, op, tcg_eval_deposit(type, v[0], v[1], c[0], c[1]));
    case INDEX_op_extract2:
        return to_movi(ctx, op, tcg_eval_extract2(type, v[0], v[1], c[0]));
    case INDEX_op_setcond:
        return to_movi(ctx, op, tcg_cond_eval((TCGCond)c[0], type, v[0], v[1]));
    case INDEX_op_negsetcond:
        return to_movi(ctx, op, tcg_cond_eval((TCGCond)c[0], type, v[0], v[1]) ? -1ull : 0);
    case INDEX_op_movcond:
        return to_movi(ctx, op, tcg_cond_eval((TCGCond)c[0], type, v[0], v[1]) ? v[2] : v[3]);
    case INDEX_op_mulu2:
    case INDEX_op_muls2:
        tcg_eval_mul2(op->opc, type, v[0], v[1], &lo, &hi);
        return fold_two_outputs(ctx, op, lo, tcg_eval_trunc(type, hi));
    case INDEX_op_add2:
    case INDEX_op_sub2:
        tcg_eval_addsub2(op->opc, type, v[0], v[1], v[2], v[3], &lo, &hi);
        return fold_two_outputs(ctx, op, lo, tcg_eval_trunc(type, hi));
    default:
        return FOLD_KEEP;   /* loads */
    }
}

/* ---- 3. Simplification ---- */

/* For the extensions: the field width and whether it is sign-extended (0: not one). */
static unsigned ext_width(TCGOpcode opc, bool *sign)
{
    *sign = opc == INDEX_op_ext8s || opc == INDEX_op_ext16s ||
            opc == INDEX_op_ext32s || opc == INDEX_op_ext_i32_i64;
    switch (opc) {
    case INDEX_op_ext8s: case INDEX_op_ext8u:
        return 8;
    case INDEX_op_ext16s: case INDEX_op_ext16u:
        return 16;
    case INDEX_op_ext32s: case INDEX_op_ext32u:
    case INDEX_op_ext_i32_i64: case INDEX_op_extu_i32_i64:
        return 32;
    default:
        return 0;
    }
}

/* Whether extending the low len bits of a value with known bits z, o changes nothing. */
static bool ext_is_identity(uint64_t z, uint64_t o, uint64_t mask, unsigned len, bool sign)
{
    uint64_t field = len >= 64 ? ~0ull : (1ull << len) - 1;
    uint64_t above = mask & ~(field >> 1);      /* the field's sign bit and up */

    if (!sign) {
        return !(z & ~field);
    }
    return !(z & above) || (o & above) == above;
}

static FoldResult simplify_ext(OptContext *ctx, TCGOp *op, uint64_t za, uint64_t oa)
{
    TCGTemp *a = arg_t(op, 1), *src;
    TCGOpcode inner;
    bool sign, inner_sign;
    unsigned n = ext_width(op->opc, &sign), m;

    if (ext_is_identity(za, oa, opt_type_mask(op->type), n, sign)) {
        return to_mov(ctx, op, a);
    }
    src = opt_def_src(ctx, a, &inner);
    m = src ? ext_width(inner, &inner_sign) : 0;
    if (!m) {
        return FOLD_KEEP;
    }
    if (sign == inner_sign && n >= m) {
        return to_mov(ctx, op, a);      /* a is already extended from m <= n bits */
    }
    if (n <= m && src->type == op->type) {
        op->args[1] = temp_arg(src);    /* only the low n bits matter, inner kept them */
        return FOLD_AGAIN;
    }
    if (n == 32 && m == 32 && src->type == TCG_TYPE_I32) {
        /* ext32[su] of ext[u]_i32_i64 x: extend x directly. */
        return to_unary(op, sign ? INDEX_op_ext_i32_i64 : INDEX_op_extu_i32_i64, src);
    }
    return FOLD_KEEP;
}

static FoldResult simplify_setcond(OptContext *ctx, TCGOp *op, uint64_t za)
{
    TCGCond cond = (TCGCond)op->args[3];
    bool neg = op->opc == INDEX_op_negsetcond;
    int r = opt_eval_cond(ctx, op->type, cond, arg_t(op, 1), arg_t(op, 2));
    uint64_t bv;

    if (r >= 0) {
        return to_movi(ctx, op, r ? (neg ? -1ull : 1) : 0);
    }
    /* a is 0 or 1 (a flag): comparing it with 0 is a or !a. */
    if (!(za & ~1ull) && opt_const(ctx, arg_t(op, 2), &bv) && bv == 0) {
        if (cond == TCG_COND_NE) {
            return neg ? to_unary(op, INDEX_op_neg, arg_t(op, 1)) : to_mov(ctx, op, arg_t(op, 1));
        }
        if (cond == TCG_COND_EQ && !neg) {
            return to_binary_const(ctx, op, INDEX_op_xor, 1);
        }
    }
    return FOLD_KEEP;
}

static FoldResult simplify_movcond(OptContext *ctx, TCGOp *op)
{
    TCGCond cond = (TCGCond)op->args[5];
    TCGTemp *v1 = arg_t(op, 3), *v2 = arg_t(op, 4);
    uint64_t mask = opt_type_mask(op->type), c1, c2;
    int r = opt_eval_cond(ctx, op->type, cond, arg_t(op, 1), arg_t(op, 2));

    if (r >= 0) {
        return to_mov(ctx, op, r ? v1 : v2);
    }
    if (opt_same_value(ctx, v1, v2)) {
        return to_mov(ctx, op, v1);
    }
    /* cond ? 1 : 0 and friends are setcond / negsetcond. */
    if (opt_const(ctx, v1, &c1) && opt_const(ctx, v2, &c2) && (c1 == 0 || c2 == 0)) {
        TCGOpcode opc;

        if (c1 == 0) {
            cond = tcg_invert_cond(cond);
            c1 = c2;
        }
        if (c1 == 1) {
            opc = INDEX_op_setcond;
        } else if (c1 == mask) {
            opc = INDEX_op_negsetcond;
        } else {
            return FOLD_KEEP;
        }
        opt_reshape(op, opc);
        op->args[3] = cond;
        return FOLD_AGAIN;
    }
    return FOLD_KEEP;
}

static FoldResult simplify(OptContext *ctx, TCGOp *op, const uint64_t *z, const uint64_t *o)
{
    TCGType type = op->type;
    uint64_t mask = opt_type_mask(type), av = 0, bv = 0;
    unsigned w = tcg_eval_bits(type);
    const TCGArg *c = &op->args[op->nb_oargs + op->nb_iargs];
    TCGTemp *a = op->nb_iargs > 0 ? arg_t(op, 1) : NULL;
    TCGTemp *b = op->nb_iargs > 1 ? arg_t(op, 2) : NULL;
    bool ac = a && opt_const(ctx, a, &av);
    bool bc = b && opt_const(ctx, b, &bv);
    bool same = b && op->nb_oargs == 1 && opt_same_value(ctx, a, b);
    TCGTemp *src;
    TCGOpcode inner;

    switch (op->opc) {
    case INDEX_op_add:
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        if (bc && bv == 0) {
            return to_mov(ctx, op, a);
        }
        break;
    case INDEX_op_sub:
        if (same) {
            return to_movi(ctx, op, 0);
        }
        if (bc) {
            return bv == 0 ? to_mov(ctx, op, a) : to_binary_const(ctx, op, INDEX_op_add, -bv);
        }
        if (ac && av == 0) {
            return to_unary(op, INDEX_op_neg, b);
        }
        break;
    case INDEX_op_mul:
        if (bc && bv <= 1) {
            return bv ? to_mov(ctx, op, a) : to_movi(ctx, op, 0);
        }
        break;
    case INDEX_op_div: case INDEX_op_divu:
        if (bc && bv == 1) {
            return to_mov(ctx, op, a);
        }
        break;
    case INDEX_op_rem: case INDEX_op_remu:
        if (bc && bv == 1) {
            return to_movi(ctx, op, 0);
        }
        break;
    case INDEX_op_and:
        /* a's possible ones are all known ones of b (x & -1, x & x, ext8u x & 0xff). */
        if (same || !(z[1] & ~o[2])) {
            return to_mov(ctx, op, a);
        }
        if (!(z[2] & ~o[1])) {
            return to_mov(ctx, op, b);
        }
        break;
    case INDEX_op_or:
        /* b's possible ones are known ones of a already (x | 0, x | x). */
        if (same || !(z[2] & ~o[1])) {
            return to_mov(ctx, op, a);
        }
        if (!(z[1] & ~o[2])) {
            return to_mov(ctx, op, b);
        }
        break;
    case INDEX_op_xor:
        if (same) {
            return to_movi(ctx, op, 0);
        }
        if (bc && bv == 0) {
            return to_mov(ctx, op, a);
        }
        if (bc && bv == mask) {
            return to_unary(op, INDEX_op_not, a);
        }
        break;
    case INDEX_op_andc:
        if (same) {
            return to_movi(ctx, op, 0);
        }
        if (bc) {
            return to_binary_const(ctx, op, INDEX_op_and, ~bv);
        }
        break;
    case INDEX_op_orc:
        if (same) {
            return to_movi(ctx, op, mask);
        }
        if (bc) {
            return to_binary_const(ctx, op, INDEX_op_or, ~bv);
        }
        break;
    case INDEX_op_eqv:
        if (same) {
            return to_movi(ctx, op, mask);
        }
        if (bc) {
            return to_binary_const(ctx, op, INDEX_op_xor, ~bv);
        }
        break;
    case INDEX_op_nand:
        if (same || (bc && bv == mask)) {
            return to_unary(op, INDEX_op_not, a);
        }
        break;
    case INDEX_op_nor:
        if (same || (bc && bv == 0)) {
            return to_unary(op, INDEX_op_not, a);
        }
        break;
    case INDEX_op_neg:
    case INDEX_op_not:
        src = opt_def_src(ctx, a, &inner);
        if (src && inner == op->opc) {
            return to_mov(ctx, op, src);
        }
        break;
    case INDEX_op_ext8s: case INDEX_op_ext8u:
    case INDEX_op_ext16s: case INDEX_op_ext16u:
    case INDEX_op_ext32s: case INDEX_op_ext32u:
        return simplify_ext(ctx, op, z[1], o[1]);
    case INDEX_op_extrl_i64_i32:
        src = opt_def_src(ctx, a, &inner);
        if (src && (inner == INDEX_op_ext_i32_i64 || inner == INDEX_op_extu_i32_i64)) {
            return to_mov(ctx, op, src);
        }
        break;
    case INDEX_op_extract:
        if (c[0] == 0 && ext_is_identity(z[1], o[1], mask, c[1], false)) {
            return to_mov(ctx, op, a);
        }
        break;
    case INDEX_op_sextract:
        if (c[0] == 0 && (c[1] == w || ext_is_identity(z[1], o[1], mask, c[1], true))) {
            return to_mov(ctx, op, a);
        }
        break;
    case INDEX_op_deposit:
        if (c[0] == 0 && c[1] == w) {
            return to_mov(ctx, op, b);
        }
        break;
    case INDEX_op_extract2:
        if (c[0] == 0 || c[0] == w) {
            return to_mov(ctx, op, c[0] ? b : a);
        }
        break;
    case INDEX_op_setcond:
    case INDEX_op_negsetcond:
        return simplify_setcond(ctx, op, z[1]);
    case INDEX_op_movcond:
        return simplify_movcond(ctx, op);
    default:
        break;
    }
    return FOLD_KEEP;
}

/* ---- 4. Known bits of the result ---- */

static void bits_not(uint64_t mask, uint64_t *z, uint64_t *o)
{
    uint64_t nz = ~*o & mask, no = ~*z & mask;

    *z = nz;
    *o = no;
}

static void bits_xor(uint64_t mask, uint64_t za, uint64_t oa, uint64_t zb, uint64_t ob,
                     uint64_t *z, uint64_t *o)
{
    uint64_t known = (~za | oa) & (~zb | ob);
    uint64_t val = oa ^ ob;

    *o = val & known;
    *z = (val | ~known) & mask;
}

/* The known bits (*rz, *ro) of op's single result, given those of its inputs. */
static void result_bits(TCGOp *op, const uint64_t *z, const uint64_t *o,
                        uint64_t *rz, uint64_t *ro)
{
    TCGType type = op->type;
    uint64_t mask = opt_type_mask(type), nz, no;
    unsigned w = tcg_eval_bits(type);
    const TCGArg *c = &op->args[op->nb_oargs + op->nb_iargs];

    *rz = mask;
    *ro = 0;
    switch (op->opc) {
    case INDEX_op_and:
        *rz = z[1] & z[2];
        *ro = o[1] & o[2];
        break;
    case INDEX_op_or:
        *rz = z[1] | z[2];
        *ro = o[1] | o[2];
        break;
    case INDEX_op_xor:
        bits_xor(mask, z[1], o[1], z[2], o[2], rz, ro);
        break;
    case INDEX_op_eqv:
        bits_xor(mask, z[1], o[1], z[2], o[2], rz, ro);
        bits_not(mask, rz, ro);
        break;
    case INDEX_op_andc:
        nz = z[2];
        no = o[2];
        bits_not(mask, &nz, &no);
        *rz = z[1] & nz;
        *ro = o[1] & no;
        break;
    case INDEX_op_orc:
        nz = z[2];
        no = o[2];
        bits_not(mask, &nz, &no);
        *rz = z[1] | nz;
        *ro = o[1] | no;
        break;
    case INDEX_op_nand:
        *rz = z[1] & z[2];
        *ro = o[1] & o[2];
        bits_not(mask, rz, ro);
        break;
    case INDEX_op_nor:
        *rz = z[1] | z[2];
        *ro = o[1] | o[2];
        bits_not(mask, rz, ro);
        break;
    case INDEX_op_not:
        *rz = z[1];
        *ro = o[1];
        bits_not(mask, rz, ro);
        break;
    case INDEX_op_neg:
        *rz = low_zeros_kept(z[1]);
        break;
    case INDEX_op_add:
        /* No carry into bits below both inputs' lowest possible one; one carry out at most. */
        *rz = low_zeros_kept(z[1] | z[2]) & ((fill_down(z[1] | z[2]) << 1) | 1);
        break;
    case INDEX_op_sub:
        *rz = low_zeros_kept(z[1] | z[2]);
        break;
    case INDEX_op_mul:
        if (z[1] && z[2]) {
            unsigned tz = __builtin_ctzll(z[1]) + __builtin_ctzll(z[2]);

            *rz = tz < 64 ? ~0ull << tz : 0;
        } else {
            *rz = 0;
        }
        break;
    case INDEX_op_divu:
        *rz = fill_down(z[1]);
        break;
    case INDEX_op_remu:
        *rz = fill_down(z[1]) & fill_down(z[2]);
        break;
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        if (!z[1]) {
            *rz = 0;
        } else if (z[2] == o[2] && z[2] < w) {
            /* A constant count moves every bit to a known place. */
            *rz = tcg_eval_binary(op->opc, type, z[1], z[2]);
            *ro = tcg_eval_binary(op->opc, type, o[1], z[2]);
        } else if (op->opc == INDEX_op_shr) {
            *rz = fill_down(z[1]);
        }
        break;
    case INDEX_op_clz: case INDEX_op_ctz:
        *rz = fill_down(w) | z[2];
        break;
    case INDEX_op_ctpop:
        *rz = fill_down(w);
        break;
    case INDEX_op_ext8s: case INDEX_op_ext8u:
    case INDEX_op_ext16s: case INDEX_op_ext16u:
    case INDEX_op_ext32s: case INDEX_op_ext32u:
    case INDEX_op_bswap16: case INDEX_op_bswap32: case INDEX_op_bswap64:
    case INDEX_op_ext_i32_i64: case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32:
        /*
         * Bit moves and sign copies: applied to the masks they give the
         * masks of the result (a possibly-one sign bit spreads possible
         * ones, a known-one sign bit known ones).
         */
        *rz = tcg_eval_unary(op->opc, type, z[1]);
        *ro = tcg_eval_unary(op->opc, type, o[1]);
        break;
    case INDEX_op_extract:
        *rz = tcg_eval_extract(type, z[1], c[0], c[1]);
        *ro = tcg_eval_extract(type, o[1], c[0], c[1]);
        break;
    case INDEX_op_sextract:
        *rz = tcg_eval_sextract(type, z[1], c[0], c[1]);
        *ro = tcg_eval_sextract(type, o[1], c[0], c[1]);
        break;
    case INDEX_op_deposit:
        *rz = tcg_eval_deposit(type, z[1], z[2], c[0], c[1]);
        *ro = tcg_eval_deposit(type, o[1], o[2], c[0], c[1]);
        break;
    case INDEX_op_extract2:
        *rz = tcg_eval_extract2(type, z[1], z[2], c[0]);
        *ro = tcg_eval_extract2(type, o[1], o[2], c[0]);
        break;
    case INDEX_op_setcond:
        *rz = 1;
        break;
    case INDEX_op_movcond:
        *rz = z[3] | z[4];
        *ro = o[3] & o[4];
        break;
    case INDEX_op_ld8u:
        *rz = 0xff;
        break;
    case INDEX_op_ld16u:
        *rz = 0xffff;
        break;
    case INDEX_op_ld32u:
        *rz = 0xffffffff;
        break;
    default:
        break;      /* negsetcond: 0 or -1; the rest: anything */
    }
    *rz &= mask;
    *ro &= *rz;
}

static bool records_def(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_neg: case INDEX_op_not:
    case INDEX_op_ext8s: case INDEX_op_ext8u:
    case INDEX_op_ext16s: case INDEX_op_ext16u:
    case INDEX_op_ext32s: case INDEX_op_ext32u:
    case INDEX_op_ext_i32_i64: case INDEX_op_extu_i32_i64:
        return true;
    default:
        return false;
    }
}

static FoldResult fold_once(OptContext *ctx, TCGOp *op)
{
    uint64_t z[6], o[6], rz, ro;
    unsigned ni = op->nb_iargs, nt = op->nb_oargs + op->nb_iargs;
    TCGTemp *out = arg_t(op, 0), *a = ni ? arg_t(op, op->nb_oargs) : NULL;
    uint32_t a_stamp;
    FoldResult r;

    /* 1. Canonical form. */
    if (is_commutative(op->opc) && temp_is_const(arg_t(op, nt - 2)) &&
        !temp_is_const(arg_t(op, nt - 1))) {
        TCGArg t = op->args[nt - 2];

        op->args[nt - 2] = op->args[nt - 1];
        op->args[nt - 1] = t;
    } else if (op->opc == INDEX_op_setcond || op->opc == INDEX_op_negsetcond) {
        op->args[3] = opt_canon_cond(ctx, op, 1, 2, (TCGCond)op->args[3]);
    } else if (op->opc == INDEX_op_movcond) {
        op->args[5] = opt_canon_cond(ctx, op, 1, 2, (TCGCond)op->args[5]);
    }

    /* 2. Folding. */
    r = fold_constants(ctx, op);
    if (r != FOLD_KEEP) {
        return r;
    }
    if (op->nb_oargs != 1) {
        /* mulu2, muls2, add2, sub2: not simplified. */
        for (unsigned i = 0; i < op->nb_oargs; i++) {
            TCGTemp *t = arg_t(op, i);

            opt_write(ctx, t, opt_type_mask(t->type), 0);
        }
        return FOLD_DONE;
    }

    /* 3. Simplification; z[i], o[i] are the known bits of args[i]. */
    assert(nt <= ARRAY_SIZE(z));
    for (unsigned i = 1; i < nt; i++) {
        opt_bits(ctx, arg_t(op, i), &z[i], &o[i]);
    }
    r = simplify(ctx, op, z, o);
    if (r != FOLD_KEEP) {
        return r;
    }

    /* 4. Known bits. */
    result_bits(op, z, o, &rz, &ro);
    if (rz == ro) {
        return to_movi(ctx, op, rz);
    }
    a_stamp = a ? opt_stamp(ctx, a) : 0;
    opt_write(ctx, out, rz, ro);
    if (records_def(op->opc)) {
        opt_set_def(ctx, out, op->opc, a, a_stamp);
    }
    return FOLD_DONE;
}

void opt_fold(OptContext *ctx, TCGOp *op)
{
    while (fold_once(ctx, op) == FOLD_AGAIN) {
        /* the op changed shape: its new inputs are already canonical */
    }
}
