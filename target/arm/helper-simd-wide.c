/*
 * Whole-vector helpers of the AdvSIMD shifts by immediate, fixed-point
 * conversions, three-different and integer by-element instructions (see
 * helper-simd-wide.h for the desc word).
 *
 * Each helper is one loop over the elements around one element function,
 * written after the ARM ARM's pseudocode: operands are extended to 128-bit
 * integers (signed or unsigned per the U bit), the operation is done
 * exactly (no intermediate overflow: products of 32-bit elements, rounding
 * constants added to 64-bit elements, saturating left shifts all fit), and
 * the result is then truncated or saturated to the destination width. That
 * makes every element size the same code, and the rounding and saturation
 * rules (ARM ARM J1: RShr, SatQ, SignedSatQ, UnsignedSatQ) read as written.
 *
 * Sources are copied before the result is built in a zeroed local register,
 * which is then stored whole: Vd may be Vn or Vm, and the bits a 64-bit or
 * scalar write clears are cleared by construction. Forms that keep part of
 * Vd (the "2" narrowing forms, SRI/SLI, accumulations) read it first.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "target/arm/cpu.h"
#include "target/arm/helper-simd-wide.h"
#include "util/bitops.h"

typedef __int128 int128;
typedef unsigned __int128 uint128;

/* ---- Elements of a vector register (element i of 1 << size bytes at byte i << size) ---- */

static uint64_t elem_u(const ARMVReg *v, unsigned idx, unsigned size)
{
    const uint8_t *p = (const uint8_t *)v + (idx << size);
    uint8_t b;
    uint16_t h;
    uint32_t w;
    uint64_t x;

    switch (size) {
    case 0:
        memcpy(&b, p, 1);
        return b;
    case 1:
        memcpy(&h, p, 2);
        return h;
    case 2:
        memcpy(&w, p, 4);
        return w;
    default:
        memcpy(&x, p, 8);
        return x;
    }
}

static int64_t elem_s(const ARMVReg *v, unsigned idx, unsigned size)
{
    unsigned bits = 8u << size;
    uint64_t x = elem_u(v, idx, size);

    return bits == 64 ? (int64_t)x : sextract64(x, 0, bits);
}

/* The element extended as the U bit says. */
static int128 elem_ext(const ARMVReg *v, unsigned idx, unsigned size, bool is_unsigned)
{
    return is_unsigned ? (int128)elem_u(v, idx, size) : (int128)elem_s(v, idx, size);
}

/* Stores the low bits of val into element idx. */
static void elem_set(ARMVReg *v, unsigned idx, unsigned size, uint64_t val)
{
    uint8_t *p = (uint8_t *)v + (idx << size);
    uint8_t b = val;
    uint16_t h = val;
    uint32_t w = val;

    switch (size) {
    case 0:
        memcpy(p, &b, 1);
        break;
    case 1:
        memcpy(p, &h, 2);
        break;
    case 2:
        memcpy(p, &w, 4);
        break;
    default:
        memcpy(p, &val, 8);
        break;
    }
}

/* ---- Exact arithmetic, saturation and rounding (ARM ARM J1 shared pseudocode) ---- */

/* x << shift without the undefined behaviour of shifting negative values. */
static int128 shl128(int128 x, unsigned shift)
{
    return (int128)((uint128)x << shift);
}

/* SignedSatQ: x clamped to bits-bit two's complement; *qc set when clamped. */
static int128 sat_signed(int128 x, unsigned bits, bool *qc)
{
    int128 max = ((int128)1 << (bits - 1)) - 1, min = -max - 1;

    if (x > max) {
        *qc = true;
        return max;
    }
    if (x < min) {
        *qc = true;
        return min;
    }
    return x;
}

/* UnsignedSatQ: x clamped to [0, 2^bits - 1]. */
static int128 sat_unsigned(int128 x, unsigned bits, bool *qc)
{
    int128 max = ((int128)1 << bits) - 1;

    if (x > max) {
        *qc = true;
        return max;
    }
    if (x < 0) {
        *qc = true;
        return 0;
    }
    return x;
}

static int128 sat(int128 x, unsigned bits, bool is_unsigned, bool *qc)
{
    return is_unsigned ? sat_unsigned(x, bits, qc) : sat_signed(x, bits, qc);
}

/* x >> shift (arithmetic: x carries its own sign), rounded to nearest when round (RShr). */
static int128 shift_right(int128 x, unsigned shift, bool round)
{
    if (round && shift > 0) {
        x += (int128)1 << (shift - 1);
    }
    return x >> shift;
}

static uint64_t ones(unsigned bits)
{
    return bits >= 64 ? UINT64_MAX : (1ULL << bits) - 1;
}

static void set_qc(CPUARMState *env, bool qc)
{
    if (qc) {
        env->fpsr |= FPSR_QC;
    }
}

/* Elements of a same-width operation: 64- or 128-bit vector, or one scalar. */
static unsigned same_width_count(unsigned flags, unsigned size)
{
    if (flags & SIMD_SCALAR) {
        return 1;
    }
    return ((flags & SIMD_Q) ? 16 : 8) >> size;
}

/* ---- Shifts by immediate (ARM ARM C7.2: SSHR ... USHLL) ---- */

/*
 * The same-width shifts: element x (extended per U), d the old element of
 * Vd, of bits bits. Right shifts are 1..bits, left shifts 0..bits-1.
 */
static uint64_t shift_same(SimdShiftOp op, int128 x, uint64_t d, unsigned shift, unsigned bits,
                           unsigned flags, bool *qc)
{
    bool round = flags & SIMD_ROUND, is_unsigned = flags & SIMD_UNSIGNED;
    uint64_t mask;

    switch (op) {
    case SHIFT_SHR:
        return shift_right(x, shift, round);
    case SHIFT_SRA:
        return d + (uint64_t)shift_right(x, shift, round);
    case SHIFT_SRI:
        /* The bits shifted in keep Vd's value; a shift of the element size keeps all of it. */
        mask = shift >= bits ? 0 : ones(bits) >> shift;
        return (d & ~mask) | ((uint64_t)(x >> shift) & mask);
    case SHIFT_SLI:
        mask = ones(bits) << shift;
        return (d & ~mask) | ((uint64_t)shl128(x, shift) & mask);
    case SHIFT_QSHL:
        return sat(shl128(x, shift), bits, is_unsigned, qc);
    case SHIFT_QSHLU:
        return sat_unsigned(shl128(x, shift), bits, qc);
    default:
        g_assert_not_reached();
    }
}

void helper_simd_shift_imm(void *opaque, uint32_t desc)
{
    CPUARMState *env = opaque;
    SimdShiftOp op = simd_desc_op(desc);
    unsigned flags = simd_desc_flags(desc), size = simd_desc_size(desc);
    unsigned shift = simd_desc_imm(desc), bits = 8u << size;
    bool is_unsigned = flags & SIMD_UNSIGNED, upper = flags & SIMD_Q, qc = false;
    const ARMVReg n = env->vregs[simd_desc_rn(desc)];
    const ARMVReg d = env->vregs[simd_desc_rd(desc)];
    ARMVReg r = { { 0, 0 } };

    if (op == SHIFT_SHRN || op == SHIFT_QSHRN || op == SHIFT_QSHRUN) {
        /* Narrowing: elements of 2 * bits from Vn into the low or ("2") high half of Vd. */
        unsigned count = (flags & SIMD_SCALAR) ? 1 : 64 / bits, base = upper ? count : 0;
        bool src_unsigned = op == SHIFT_QSHRUN ? false : is_unsigned;

        if (upper) {
            r.d[0] = d.d[0];
        }
        for (unsigned i = 0; i < count; i++) {
            int128 x = shift_right(elem_ext(&n, i, size + 1, src_unsigned), shift,
                                   flags & SIMD_ROUND);

            if (op == SHIFT_QSHRN) {
                x = sat(x, bits, is_unsigned, &qc);
            } else if (op == SHIFT_QSHRUN) {
                x = sat_unsigned(x, bits, &qc);
            }
            elem_set(&r, base + i, size, (uint64_t)x);
        }
    } else {
        unsigned count = same_width_count(flags, size);
        bool src_unsigned = op == SHIFT_QSHLU ? false : is_unsigned;   /* SQSHLU: U = 1 */

        for (unsigned i = 0; i < count; i++) {
            uint64_t v = shift_same(op, elem_ext(&n, i, size, src_unsigned), elem_u(&d, i, size),
                                    shift, bits, flags, &qc);

            elem_set(&r, i, size, v);
        }
    }
    env->vregs[simd_desc_rd(desc)] = r;
    set_qc(env, qc);
}

/* ---- Fixed-point conversions (ARM ARM C7.2.231 SCVTF, C7.2.96 FCVTZS ...) ---- */

void helper_simd_fcvt_fixed(void *opaque, uint32_t desc)
{
    CPUARMState *env = opaque;
    unsigned flags = simd_desc_flags(desc), size = simd_desc_size(desc);
    int fbits = simd_desc_imm(desc);
    bool is_unsigned = flags & SIMD_UNSIGNED, to_fp = simd_desc_op(desc) == FCVT_TO_FP;
    unsigned count = same_width_count(flags, size);
    const ARMVReg n = env->vregs[simd_desc_rn(desc)];
    FloatStatus *fs = &env->fp_status;
    ARMVReg r = { { 0, 0 } };

    for (unsigned i = 0; i < count; i++) {
        uint64_t x = elem_u(&n, i, size), v;

        if (size == 2 && to_fp) {
            v = is_unsigned ? uint32_to_float32_scalbn(x, fbits, fs)
                            : int32_to_float32_scalbn((int32_t)x, fbits, fs);
        } else if (size == 2) {
            /* FPToFixed rounds toward zero (ARM ARM J1). */
            v = is_unsigned ? float32_to_uint32_scalbn(x, FLOAT_ROUND_TO_ZERO, fbits, fs)
                            : (uint32_t)float32_to_int32_scalbn(x, FLOAT_ROUND_TO_ZERO, fbits, fs);
        } else if (to_fp) {
            v = is_unsigned ? uint64_to_float64_scalbn(x, fbits, fs)
                            : int64_to_float64_scalbn((int64_t)x, fbits, fs);
        } else {
            v = is_unsigned ? float64_to_uint64_scalbn(x, FLOAT_ROUND_TO_ZERO, fbits, fs)
                            : (uint64_t)float64_to_int64_scalbn(x, FLOAT_ROUND_TO_ZERO, fbits, fs);
        }
        elem_set(&r, i, size, v);
    }
    env->vregs[simd_desc_rd(desc)] = r;
}

/* ---- Three different and long by element (ARM ARM C4.1.96: "three different") ---- */

/* Carry-less (polynomial over GF(2)) product of two 64-bit values: PolynomialMult. */
static uint128 clmul64(uint64_t a, uint64_t b)
{
    uint128 r = 0;

    for (unsigned i = 0; i < 64; i++) {
        if (b & (1ULL << i)) {
            r ^= (uint128)a << i;
        }
    }
    return r;
}

/*
 * One element: n and m extended per U (the wide operands of ADDW/SUBW/
 * ADDHN/SUBHN at 2 * bits), d the accumulator at 2 * bits, sign-extended.
 */
static int128 wide_element(SimdWideOp op, int128 d, int128 n, int128 m, unsigned bits,
                           bool round, bool *qc)
{
    unsigned wbits = 2 * bits;
    int128 diff = n - m;

    switch (op) {
    case WIDE_ADDL:
    case WIDE_ADDW:
        return n + m;
    case WIDE_SUBL:
    case WIDE_SUBW:
        return n - m;
    case WIDE_ADDHN:
        return shift_right(n + m, bits, round);
    case WIDE_SUBHN:
        return shift_right(n - m, bits, round);
    case WIDE_ABAL:
        return d + (diff < 0 ? -diff : diff);
    case WIDE_ABDL:
        return diff < 0 ? -diff : diff;
    case WIDE_MLAL:
        return d + n * m;
    case WIDE_MLSL:
        return d - n * m;
    case WIDE_MULL:
        return n * m;
    case WIDE_SQDMULL:
        return sat_signed(2 * n * m, wbits, qc);
    case WIDE_SQDMLAL:
        return sat_signed(d + sat_signed(2 * n * m, wbits, qc), wbits, qc);
    case WIDE_SQDMLSL:
        return sat_signed(d - sat_signed(2 * n * m, wbits, qc), wbits, qc);
    default:
        g_assert_not_reached();
    }
}

/* PMULL/PMULL2: eight 8x8->16 products, or (size 3) one 64x64->128. */
static void pmull(ARMVReg *r, const ARMVReg *n, const ARMVReg *m, unsigned size, bool upper)
{
    if (size == 3) {
        uint128 p = clmul64(n->d[upper], m->d[upper]);

        r->d[0] = (uint64_t)p;
        r->d[1] = (uint64_t)(p >> 64);
        return;
    }
    for (unsigned i = 0; i < 8; i++) {
        unsigned e = i + (upper ? 8 : 0);

        elem_set(r, i, 1, (uint64_t)clmul64(elem_u(n, e, 0), elem_u(m, e, 0)));
    }
}

void helper_simd_wide(void *opaque, uint32_t desc)
{
    CPUARMState *env = opaque;
    SimdWideOp op = simd_desc_op(desc);
    unsigned flags = simd_desc_flags(desc), size = simd_desc_size(desc), bits = 8u << size;
    unsigned imm = simd_desc_imm(desc);
    bool is_unsigned = flags & SIMD_UNSIGNED, upper = flags & SIMD_Q, qc = false;
    unsigned count = (flags & SIMD_SCALAR) ? 1 : 64 / bits, base = upper ? count : 0;
    const ARMVReg n = env->vregs[simd_desc_rn(desc)];
    const ARMVReg m = env->vregs[simd_desc_rm(desc)];
    const ARMVReg d = env->vregs[simd_desc_rd(desc)];
    ARMVReg r = { { 0, 0 } };

    if (op == WIDE_PMULL) {
        pmull(&r, &n, &m, size, upper);
    } else if (op == WIDE_ADDHN || op == WIDE_SUBHN) {
        /* The high halves of 2 * bits sums into the low or ("2") high half of Vd. */
        if (upper) {
            r.d[0] = d.d[0];
        }
        for (unsigned i = 0; i < count; i++) {
            int128 v = wide_element(op, 0, elem_u(&n, i, size + 1), elem_u(&m, i, size + 1), bits,
                                    flags & SIMD_ROUND, &qc);

            elem_set(&r, base + i, size, (uint64_t)v);
        }
    } else {
        bool wide_n = op == WIDE_ADDW || op == WIDE_SUBW;

        for (unsigned i = 0; i < count; i++) {
            int128 vn = wide_n ? elem_ext(&n, i, size + 1, is_unsigned)
                               : elem_ext(&n, base + i, size, is_unsigned);
            int128 vm = (imm & SIMD_INDEXED) ? elem_ext(&m, imm & 7, size, is_unsigned)
                                             : elem_ext(&m, base + i, size, is_unsigned);
            int128 v = wide_element(op, elem_ext(&d, i, size + 1, is_unsigned), vn, vm, bits,
                                    false, &qc);

            elem_set(&r, i, size + 1, (uint64_t)v);
        }
    }
    env->vregs[simd_desc_rd(desc)] = r;
    set_qc(env, qc);
}

/* ---- Same-width integer by element: MUL, MLA, MLS, SQDMULH, SQRDMULH ---- */

void helper_simd_elem(void *opaque, uint32_t desc)
{
    CPUARMState *env = opaque;
    SimdElemOp op = simd_desc_op(desc);
    unsigned flags = simd_desc_flags(desc), size = simd_desc_size(desc), bits = 8u << size;
    unsigned count = same_width_count(flags, size);
    const ARMVReg n = env->vregs[simd_desc_rn(desc)];
    const ARMVReg d = env->vregs[simd_desc_rd(desc)];
    int128 m = elem_s(&env->vregs[simd_desc_rm(desc)], simd_desc_imm(desc), size);
    ARMVReg r = { { 0, 0 } };
    bool qc = false;

    for (unsigned i = 0; i < count; i++) {
        int128 x = elem_s(&n, i, size), v;

        switch (op) {
        case ELEM_MUL:
            v = x * m;
            break;
        case ELEM_MLA:
            v = elem_s(&d, i, size) + x * m;
            break;
        case ELEM_MLS:
            v = elem_s(&d, i, size) - x * m;
            break;
        case ELEM_SQDMULH:
            v = sat_signed(shift_right(2 * x * m, bits, flags & SIMD_ROUND), bits, &qc);
            break;
        default:
            g_assert_not_reached();
        }
        elem_set(&r, i, size, (uint64_t)v);
    }
    env->vregs[simd_desc_rd(desc)] = r;
    set_qc(env, qc);
}

#define SIMD_HELPER_INFO(NAME)                                                      \
    const TCGHelperInfo helper_info_##NAME = {                                      \
        .func = helper_##NAME, .name = #NAME, .flags = TCG_CALL_NO_RWG,             \
        .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },                  \
    }

SIMD_HELPER_INFO(simd_shift_imm);
SIMD_HELPER_INFO(simd_fcvt_fixed);
SIMD_HELPER_INFO(simd_wide);
SIMD_HELPER_INFO(simd_elem);
