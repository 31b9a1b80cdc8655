/*
 * AdvSIMD FP vector helpers: whole registers in, whole registers out, one
 * call per instruction. Each loops over the element functions of
 * helper-fp.c (fp_bin_fns, fp_un_fns), so a lane computes exactly what the
 * scalar instruction computes, flags included.
 *
 * Results are built in a local register and stored at the end, because
 * Vd may be one of the sources (FADDP v0.4s, v0.4s, v0.4s) and the
 * pseudocode reads every source element before writing any; the bytes of
 * Vd above oprsz are zero, as every AdvSIMD write of a 64-bit vector or a
 * scalar requires.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bitops.h"
#include "target/arm/helper-fp.h"

static inline uint64_t get_elt(const ARMVReg *v, unsigned i, bool dbl)
{
    return dbl ? v->d[i] : (uint32_t)(v->d[i / 2] >> (32 * (i & 1)));
}

static inline void set_elt(ARMVReg *v, unsigned i, bool dbl, uint64_t val)
{
    if (dbl) {
        v->d[i] = val;
    } else {
        v->d[i / 2] = deposit64(v->d[i / 2], 32 * (i & 1), 32, val);
    }
}

void helper_vfp_bin(CPUARMState *env, uint32_t desc)
{
    unsigned rd = extract32(desc, 0, 5), rn = extract32(desc, 5, 5), rm = extract32(desc, 10, 5);
    bool dbl = extract32(desc, 15, 1);
    unsigned oprsz = extract32(desc, 16, 5), mode = extract32(desc, 21, 3);
    unsigned index = extract32(desc, 24, 2), op = extract32(desc, 26, 5);
    unsigned n = oprsz / (dbl ? 8 : 4);
    const ARMVReg *vn = &env->vregs[rn], *vm = &env->vregs[rm];
    ARMVReg *vd = &env->vregs[rd];
    ARMVReg res = { { 0, 0 } };

    for (unsigned i = 0; i < n; i++) {
        uint64_t a, b, r;

        switch (mode) {
        case VFP_PAIRWISE: {
            /* The pairs of the concatenation Vm:Vn, Vn's first (ARM ARM C7.2.45 FADDP). */
            const ARMVReg *src = 2 * i < n ? vn : vm;
            unsigned j = (2 * i) % n;

            a = get_elt(src, j, dbl);
            b = get_elt(src, j + 1, dbl);
            break;
        }
        case VFP_BY_ELEMENT:
            a = get_elt(vn, i, dbl);
            b = get_elt(vm, index, dbl);
            break;
        case VFP_ZERO_B:
            a = get_elt(vn, i, dbl);
            b = 0;
            break;
        case VFP_ZERO_A:
            a = 0;
            b = get_elt(vn, i, dbl);
            break;
        default:
            a = get_elt(vn, i, dbl);
            b = get_elt(vm, i, dbl);
            break;
        }
        if (op == VFP_MLA || op == VFP_MLS) {
            /* FMLA/FMLS: FPMulAdd(Vd, FPNeg?(Vn), Vm), the negation on the operand (C7.2.115). */
            uint64_t addend = get_elt(vd, i, dbl);

            if (op == VFP_MLS) {
                a ^= dbl ? 1ULL << 63 : 1ULL << 31;
            }
            r = dbl ? helper_fmuladd_d(env, addend, a, b) : helper_fmuladd_s(env, addend, a, b);
        } else {
            r = fp_bin_fns[dbl][op](env, a, b);
        }
        set_elt(&res, i, dbl, r);
    }
    *vd = res;
}

void helper_vfp_un(CPUARMState *env, uint32_t desc, uint32_t param)
{
    unsigned rd = extract32(desc, 0, 5), rn = extract32(desc, 5, 5);
    bool dbl = extract32(desc, 15, 1);
    unsigned oprsz = extract32(desc, 16, 5), op = extract32(desc, 26, 5);
    unsigned n = oprsz / (dbl ? 8 : 4);
    FPUnFn *fn = fp_un_fns[dbl][op];
    const ARMVReg *vn = &env->vregs[rn];
    ARMVReg res = { { 0, 0 } };

    for (unsigned i = 0; i < n; i++) {
        set_elt(&res, i, dbl, fn(env, get_elt(vn, i, dbl), param));
    }
    env->vregs[rd] = res;
}

/* FCVTN, FCVTN2, FCVTXN, FCVTXN2 (C7.2.79, C7.2.89): 2D -> 2S or 4S -> 4H. */
void helper_vfp_fcvtn(CPUARMState *env, uint32_t desc)
{
    unsigned rd = extract32(desc, 0, 5), rn = extract32(desc, 5, 5);
    bool dbl = extract32(desc, 15, 1), upper = extract32(desc, 21, 1);
    bool to_odd = extract32(desc, 26, 1);
    uint32_t conv = dbl ? FCVT_DESC(FP_FMT_D, FP_FMT_S, to_odd) : FCVT_DESC(FP_FMT_S, FP_FMT_H, 0);
    unsigned n = dbl ? 2 : 4, width = dbl ? 32 : 16;
    const ARMVReg *vn = &env->vregs[rn];
    uint64_t narrow = 0;

    for (unsigned i = 0; i < n; i++) {
        narrow = deposit64(narrow, i * width, width, helper_fcvt(env, get_elt(vn, i, dbl), conv));
    }
    if (upper) {
        env->vregs[rd].d[1] = narrow;
    } else {
        env->vregs[rd].d[0] = narrow;
        env->vregs[rd].d[1] = 0;
    }
}

/* FCVTL, FCVTL2 (C7.2.74): the lower or upper half, 2S -> 2D or 4H -> 4S. */
void helper_vfp_fcvtl(CPUARMState *env, uint32_t desc)
{
    unsigned rd = extract32(desc, 0, 5), rn = extract32(desc, 5, 5);
    bool dbl = extract32(desc, 15, 1), upper = extract32(desc, 21, 1);
    uint32_t conv = dbl ? FCVT_DESC(FP_FMT_S, FP_FMT_D, 0) : FCVT_DESC(FP_FMT_H, FP_FMT_S, 0);
    unsigned n = dbl ? 2 : 4, width = dbl ? 32 : 16;
    uint64_t half = env->vregs[rn].d[upper];
    ARMVReg res = { { 0, 0 } };

    for (unsigned i = 0; i < n; i++) {
        set_elt(&res, i, dbl, helper_fcvt(env, extract64(half, i * width, width), conv));
    }
    env->vregs[rd] = res;
}

const TCGHelperInfo helper_info_vfp_bin = {
    .func = helper_vfp_bin, .name = "vfp_bin", .flags = TCG_CALL_NO_RWG,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};

const TCGHelperInfo helper_info_vfp_un = {
    .func = helper_vfp_un, .name = "vfp_un", .flags = TCG_CALL_NO_RWG,
    .nb_args = 3, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32, TCG_TYPE_I32 },
};

const TCGHelperInfo helper_info_vfp_fcvtn = {
    .func = helper_vfp_fcvtn, .name = "vfp_fcvtn", .flags = TCG_CALL_NO_RWG,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};

const TCGHelperInfo helper_info_vfp_fcvtl = {
    .func = helper_vfp_fcvtl, .name = "vfp_fcvtl", .flags = TCG_CALL_NO_RWG,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};
