/*
 * Code generation for the vector ops (gvec, tcg/gvec.h): SSE2 .. SSE4.2
 * on xmm registers, AVX2 on ymm registers for 32-byte operations.
 *
 * A gvec op works memory to memory on the CPU state, so nothing vector
 * ever lives across ops: each op loads its sources from env into xmm0,
 * xmm1, xmm2, computes with xmm3..xmm7 as scratch, stores the result and
 * zeroes the destination's tail. The register allocator never hands out
 * xmm registers and helper calls may clobber all of them (SysV), so any
 * xmm register is free inside one op. A 32-byte op without AVX2 is done as
 * two 16-byte halves; an 8-byte op works on the low half of xmm registers
 * (movq loads and stores). After an op on ymm registers, vzeroupper: the
 * next legacy SSE instruction or helper would otherwise pay for the dirty
 * upper halves.
 *
 * Instruction sequences are written three-operand (d = a OP b): with VEX
 * (ymm) that is the instruction itself, with legacy SSE a movdqa copy of a
 * into d comes first when d != a. Where x86 has no instruction for an
 * (op, element size), short SSE2 sequences stand in:
 *   - unsigned compares and min/max: bias both sides by the sign bit and
 *     compare signed; min/max without SSE4.1: compare, then select with
 *     ((a ^ b) & gt) ^ a;
 *   - 8-bit multiply: pmullw on even and odd bytes apart; 64-bit multiply
 *     from three pmuludq; 32-bit multiply without SSE4.1 from two
 *     pmuludq and shuffles;
 *   - 32/64-bit saturating add/sub: overflow (carry, borrow) from the sign
 *     bits, then select the saturated value;
 *   - shifts of bytes: 16-bit shifts and a mask; 64-bit and 8-bit
 *     arithmetic shift right: logical shift, then (x ^ m) - m with m the
 *     shifted sign bit, which sign-extends from it;
 *   - 64-bit sign masks: pshufd copies the high dword, psrad 31.
 * What has no short sequence, the builder expands into integer IR instead:
 * 64-bit min/max and ordered compares without SSE4.2 (pcmpgtq);
 * tcg_native_gvec_supported() says which, from the same rules as the code
 * below.
 *
 * Constants (masks, biases) are built in a scratch general register and
 * broadcast (movq + punpcklqdq, or vpbroadcastq).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/x86_64/native.h"
#include "tcg/gvec.h"

typedef struct VecGen {
    NativeGen *g;
    bool y;                 /* the op runs on ymm registers (VEX.256) */
    bool ssse3, sse41, sse42;
    int gpr;                /* scratch general register for constants; -1 until needed */
} VecGen;

/* Sources are loaded into these; X_T .. X_T + 4 are scratch. */
enum { X_A, X_B, X_C, X_T, X_U, X_V, X_W, X_K };

/* ---- Whether an op has a host sequence (the builder asks) ---- */

static bool cond_is_ordered(unsigned cond)
{
    return cond >= TCG_COND_LT && cond <= TCG_COND_GTU;
}

static bool supported(unsigned features, unsigned opc, unsigned vece, uint32_t oprsz,
                      unsigned imm)
{
    bool ymm = oprsz == 32 && (features & HOST_AVX2);
    bool sse42 = ymm || (features & HOST_SSE42);

    if (!(features & HOST_SSE2)) {
        return false;
    }
    switch (opc) {
    case INDEX_op_gvec_smin:
    case INDEX_op_gvec_smax:
    case INDEX_op_gvec_umin:
    case INDEX_op_gvec_umax:
        return vece < MO_64 || sse42;
    case INDEX_op_gvec_cmp:
        return vece < MO_64 || sse42 || !cond_is_ordered(imm);
    default:
        return tcg_op_is_gvec(opc);
    }
}

bool tcg_native_gvec_supported(unsigned opc, unsigned vece, uint32_t oprsz, unsigned imm)
{
    return supported(tcg_native_features(), opc, vece, oprsz, imm);
}

/* ---- Instruction helpers ---- */

static Asm *asm_of(VecGen *v)
{
    return &v->g->a;
}

static void vmov(VecGen *v, int d, int a)
{
    if (d == a) {
        return;
    }
    if (v->y) {
        emit_vex_modrm(asm_of(v), OPC_MOVDQA | P_VEXL, d, 0, a);
    } else {
        emit_modrm(asm_of(v), OPC_MOVDQA, d, a);
    }
}

/* d = a OP b. Legacy SSE is two-operand: d must not be b unless it is a. */
static void vop(VecGen *v, int opc, int d, int a, int b)
{
    if (v->y) {
        emit_vex_modrm(asm_of(v), opc | P_VEXL, d, a, b);
        return;
    }
    if (d != a) {
        assert(d != b);
        vmov(v, d, a);
    }
    emit_modrm(asm_of(v), opc, d, b);
}

/* d = a shifted by imm; opc is OPC_PSHIFT[WDQ]_Ib, kind PSHIFT_*. */
static void vshift(VecGen *v, int opc, int kind, int d, int a, unsigned imm)
{
    if (v->y) {
        emit_vex_modrm(asm_of(v), opc | P_VEXL, kind, d, a);
    } else {
        vmov(v, d, a);
        emit_modrm(asm_of(v), opc, kind, d);
    }
    out8(asm_of(v), (uint8_t)imm);
}

/* pshufd d, a, imm (within each 128-bit lane). */
static void vpshufd(VecGen *v, int d, int a, unsigned imm)
{
    if (v->y) {
        emit_vex_modrm(asm_of(v), OPC_PSHUFD | P_VEXL, d, 0, a);
    } else {
        emit_modrm(asm_of(v), OPC_PSHUFD, d, a);
    }
    out8(asm_of(v), (uint8_t)imm);
}

static void vzero(VecGen *v, int d)
{
    vop(v, OPC_PXOR, d, d, d);
}

static void vones(VecGen *v, int d)
{
    vop(v, OPC_PCMPEQB, d, d, d);
}

/* d = ~a. */
static void vnot(VecGen *v, int d, int a)
{
    vones(v, X_K);
    vop(v, OPC_PXOR, d, a, X_K);
}

/* Every 64-bit lane of d = c. */
static void vconst(VecGen *v, int d, uint64_t c)
{
    Asm *a = asm_of(v);

    if (c == 0) {
        vzero(v, d);
        return;
    }
    if (c == UINT64_MAX) {
        vones(v, d);
        return;
    }
    if (v->gpr < 0) {
        v->gpr = ra_alloc(v->g, ALL_REGS);
    }
    emit_movi(a, P_REXW, v->gpr, c, true);
    if (v->y) {
        emit_vex_modrm(a, OPC_MOVQ_XMM_GPR, d, 0, v->gpr);
        emit_vex_modrm(a, OPC_VPBROADCASTQ | P_VEXL, d, 0, d);
    } else {
        emit_modrm(a, OPC_MOVQ_XMM_GPR, d, v->gpr);
        emit_modrm(a, OPC_PUNPCKLQDQ, d, d);
    }
}

static int vece_opc(int opc_b, unsigned vece)
{
    return opc_b + (int)vece;
}

/* d = all ones in each lane whose sign bit is set (d != a). */
static void vsignmask(VecGen *v, unsigned vece, int d, int a)
{
    assert(d != a);
    switch (vece) {
    case MO_8:
        vzero(v, d);
        vop(v, OPC_PCMPGTB, d, d, a);
        break;
    case MO_16:
        vshift(v, OPC_PSHIFTW_Ib, PSHIFT_SRA, d, a, 15);
        break;
    case MO_32:
        vshift(v, OPC_PSHIFTD_Ib, PSHIFT_SRA, d, a, 31);
        break;
    default:
        vpshufd(v, d, a, 0xf5);         /* each qword: its high dword twice */
        vshift(v, OPC_PSHIFTD_Ib, PSHIFT_SRA, d, d, 31);
        break;
    }
}

/* d = lanes where a == b (d may be a). */
static void vcmpeq(VecGen *v, unsigned vece, int d, int a, int b)
{
    if (vece < MO_64) {
        vop(v, vece_opc(OPC_PCMPEQB, vece), d, a, b);
    } else if (v->sse41) {
        vop(v, OPC_PCMPEQQ, d, a, b);
    } else {
        /* Both dwords equal: and the dword compare with its swapped copy. */
        vop(v, OPC_PCMPEQB + 2, d, a, b);
        vpshufd(v, X_K, d, 0xb1);
        vop(v, OPC_PAND, d, d, X_K);
    }
}

/*
 * d = lanes where a > b, signed or unsigned. Unsigned: both sides biased by
 * the sign bit, which clobbers a and b. d may be a.
 */
static void vcmpgt(VecGen *v, unsigned vece, bool uns, int d, int a, int b)
{
    if (uns) {
        vconst(v, X_K, tcg_gvec_dup_const(vece, 1ull << ((8 << vece) - 1)));
        vop(v, OPC_PXOR, a, a, X_K);
        vop(v, OPC_PXOR, b, b, X_K);
    }
    if (vece < MO_64) {
        vop(v, vece_opc(OPC_PCMPGTB, vece), d, a, b);
    } else {
        assert(v->sse42);
        vop(v, OPC_PCMPGTQ, d, a, b);
    }
}

/* ---- Op bodies: sources in X_A, X_B, X_C; return the result's register ---- */

static int gen_mul(VecGen *v, unsigned vece)
{
    switch (vece) {
    case MO_8:
        /* Even bytes: low byte of the 16-bit product; odd bytes: shift down, multiply, shift up. */
        vshift(v, OPC_PSHIFTW_Ib, PSHIFT_SRL, X_T, X_A, 8);
        vshift(v, OPC_PSHIFTW_Ib, PSHIFT_SRL, X_U, X_B, 8);
        vop(v, OPC_PMULLW, X_T, X_T, X_U);
        vshift(v, OPC_PSHIFTW_Ib, PSHIFT_SLL, X_T, X_T, 8);
        vop(v, OPC_PMULLW, X_A, X_A, X_B);
        vones(v, X_U);
        vshift(v, OPC_PSHIFTW_Ib, PSHIFT_SRL, X_U, X_U, 8);
        vop(v, OPC_PAND, X_A, X_A, X_U);
        vop(v, OPC_POR, X_A, X_A, X_T);
        return X_A;
    case MO_16:
        vop(v, OPC_PMULLW, X_A, X_A, X_B);
        return X_A;
    case MO_32:
        if (v->sse41) {
            vop(v, OPC_PMULLD, X_A, X_A, X_B);
            return X_A;
        }
        /* pmuludq multiplies dwords 0 and 2; the odd dwords moved down do the rest. */
        vpshufd(v, X_T, X_A, 0xf5);
        vpshufd(v, X_U, X_B, 0xf5);
        vop(v, OPC_PMULUDQ, X_A, X_A, X_B);
        vop(v, OPC_PMULUDQ, X_T, X_T, X_U);
        vpshufd(v, X_A, X_A, 0x08);
        vpshufd(v, X_T, X_T, 0x08);
        vop(v, OPC_PUNPCKLDQ, X_A, X_A, X_T);
        return X_A;
    default:
        /* a * b mod 2^64 = alo * blo + ((ahi * blo + alo * bhi) << 32) */
        vshift(v, OPC_PSHIFTQ_Ib, PSHIFT_SRL, X_T, X_A, 32);
        vshift(v, OPC_PSHIFTQ_Ib, PSHIFT_SRL, X_U, X_B, 32);
        vop(v, OPC_PMULUDQ, X_T, X_T, X_B);
        vop(v, OPC_PMULUDQ, X_U, X_U, X_A);
        vop(v, OPC_PADDQ, X_T, X_T, X_U);
        vshift(v, OPC_PSHIFTQ_Ib, PSHIFT_SLL, X_T, X_T, 32);
        vop(v, OPC_PMULUDQ, X_A, X_A, X_B);
        vop(v, OPC_PADDQ, X_A, X_A, X_T);
        return X_A;
    }
}

static int add_opc(unsigned vece)
{
    return vece == MO_64 ? OPC_PADDQ : vece_opc(OPC_PADDB, vece);
}

static int gen_saturating(VecGen *v, TCGOpcode opc, unsigned vece)
{
    int sub = vece_opc(OPC_PSUBB, vece);

    if (vece <= MO_16) {
        static const int native[] = {
            [INDEX_op_gvec_ssadd - INDEX_op_gvec_ssadd] = OPC_PADDSB,
            [INDEX_op_gvec_sssub - INDEX_op_gvec_ssadd] = OPC_PSUBSB,
            [INDEX_op_gvec_usadd - INDEX_op_gvec_ssadd] = OPC_PADDUSB,
            [INDEX_op_gvec_ussub - INDEX_op_gvec_ssadd] = OPC_PSUBUSB,
        };

        vop(v, native[opc - INDEX_op_gvec_ssadd] + (int)vece, X_A, X_A, X_B);
        return X_A;
    }
    /* X_T = the wrapped result; X_V = a word whose sign bit says "saturate". */
    if (opc == INDEX_op_gvec_ssadd || opc == INDEX_op_gvec_usadd) {
        vop(v, add_opc(vece), X_T, X_A, X_B);
    } else {
        vop(v, sub, X_T, X_A, X_B);
    }
    switch (opc) {
    case INDEX_op_gvec_ssadd:
        vop(v, OPC_PXOR, X_U, X_T, X_A);        /* r ^ a */
        vop(v, OPC_PXOR, X_V, X_A, X_B);        /* a ^ b */
        vop(v, OPC_PANDN, X_V, X_V, X_U);       /* same input signs, other result sign */
        break;
    case INDEX_op_gvec_sssub:
        vop(v, OPC_PXOR, X_U, X_A, X_B);
        vop(v, OPC_PXOR, X_V, X_A, X_T);
        vop(v, OPC_PAND, X_V, X_V, X_U);        /* input signs differ, result's differs from a */
        break;
    case INDEX_op_gvec_usadd:
        vop(v, OPC_PAND, X_U, X_A, X_B);
        vop(v, OPC_POR, X_V, X_A, X_B);
        vop(v, OPC_PANDN, X_W, X_T, X_V);       /* (a | b) & ~r */
        vop(v, OPC_POR, X_U, X_U, X_W);         /* carry out of the top bit */
        vsignmask(v, vece, X_V, X_U);
        vop(v, OPC_POR, X_T, X_T, X_V);
        return X_T;
    default: /* ussub */
        vop(v, OPC_PANDN, X_U, X_A, X_B);       /* ~a & b */
        vop(v, OPC_PXOR, X_V, X_A, X_B);
        vop(v, OPC_PANDN, X_V, X_V, X_T);       /* ~(a ^ b) & r */
        vop(v, OPC_POR, X_U, X_U, X_V);         /* borrow out of the top bit */
        vsignmask(v, vece, X_V, X_U);
        vop(v, OPC_PANDN, X_V, X_V, X_T);
        return X_V;
    }
    /* Signed overflow: the saturated value is MAX ^ (a's sign mask). */
    vsignmask(v, vece, X_U, X_V);               /* overflow mask */
    vsignmask(v, vece, X_W, X_A);
    vconst(v, X_K, tcg_gvec_dup_const(vece, (1ull << ((8 << vece) - 1)) - 1));
    vop(v, OPC_PXOR, X_W, X_W, X_K);
    vop(v, OPC_PAND, X_W, X_W, X_U);
    vop(v, OPC_PANDN, X_U, X_U, X_T);
    vop(v, OPC_POR, X_U, X_U, X_W);
    return X_U;
}

static int gen_minmax(VecGen *v, TCGOpcode opc, unsigned vece)
{
    bool is_signed = opc == INDEX_op_gvec_smin || opc == INDEX_op_gvec_smax;
    bool is_min = opc == INDEX_op_gvec_smin || opc == INDEX_op_gvec_umin;
    int native = -1;

    switch (vece) {
    case MO_8:
        native = is_signed ? (v->sse41 ? (is_min ? OPC_PMINSB : OPC_PMAXSB) : -1)
                           : (is_min ? OPC_PMINUB : OPC_PMAXUB);
        break;
    case MO_16:
        native = is_signed ? (is_min ? OPC_PMINSW : OPC_PMAXSW)
                           : (v->sse41 ? (is_min ? OPC_PMINUW : OPC_PMAXUW) : -1);
        break;
    case MO_32:
        if (v->sse41) {
            native = is_signed ? (is_min ? OPC_PMINSD : OPC_PMAXSD)
                               : (is_min ? OPC_PMINUD : OPC_PMAXUD);
        }
        break;
    default:
        break;
    }
    if (native >= 0) {
        vop(v, native, X_A, X_A, X_B);
        return X_A;
    }
    /* gt = a > b; min = gt ? b : a = ((a ^ b) & gt) ^ a; max likewise ^ b. */
    vmov(v, X_T, X_A);
    vmov(v, X_U, X_B);
    vcmpgt(v, vece, !is_signed, X_T, X_T, X_U);
    vop(v, OPC_PXOR, X_V, X_A, X_B);
    vop(v, OPC_PAND, X_V, X_V, X_T);
    vop(v, OPC_PXOR, X_V, X_V, is_min ? X_A : X_B);
    return X_V;
}

static int gen_abs(VecGen *v, unsigned vece)
{
    if (vece < MO_64 && v->ssse3) {
        vop(v, vece_opc(OPC_PABSB, vece), X_A, X_A, X_A);
        return X_A;
    }
    /* (a ^ m) - m with m the sign mask. */
    vsignmask(v, vece, X_T, X_A);
    vop(v, OPC_PXOR, X_A, X_A, X_T);
    vop(v, vece_opc(OPC_PSUBB, vece), X_A, X_A, X_T);
    return X_A;
}

static int gen_shift(VecGen *v, TCGOpcode opc, unsigned vece, unsigned sh)
{
    static const int shift_opc[] = {
        OPC_PSHIFTW_Ib, OPC_PSHIFTW_Ib, OPC_PSHIFTD_Ib, OPC_PSHIFTQ_Ib,
    };
    int kind = opc == INDEX_op_gvec_shli ? PSHIFT_SLL :
               opc == INDEX_op_gvec_shri ? PSHIFT_SRL : PSHIFT_SRA;
    unsigned bits = 8 << vece;

    if (kind == PSHIFT_SRA && vece != MO_16 && vece != MO_32) {
        /* Logical shift, then sign-extend from the shifted sign bit: (x ^ m) - m. */
        vshift(v, shift_opc[vece], PSHIFT_SRL, X_A, X_A, sh);
        if (vece == MO_8) {
            vconst(v, X_K, tcg_gvec_dup_const(MO_8, 0xff >> sh));
            vop(v, OPC_PAND, X_A, X_A, X_K);
        }
        vconst(v, X_T, tcg_gvec_dup_const(vece, 1ull << (bits - 1 - sh)));
        vop(v, OPC_PXOR, X_A, X_A, X_T);
        vop(v, vece_opc(OPC_PSUBB, vece), X_A, X_A, X_T);
        return X_A;
    }
    vshift(v, shift_opc[vece], kind, X_A, X_A, sh);
    if (vece == MO_8) {
        /* Bits shifted across a byte boundary inside the 16-bit lane. */
        vconst(v, X_K, tcg_gvec_dup_const(MO_8, kind == PSHIFT_SLL ? 0xff << sh : 0xff >> sh));
        vop(v, OPC_PAND, X_A, X_A, X_K);
    }
    return X_A;
}

static int gen_cmp(VecGen *v, unsigned vece, TCGCond cond)
{
    bool uns = cond >= TCG_COND_LTU && cond <= TCG_COND_GTU;
    int r;

    switch (cond) {
    case TCG_COND_EQ:
    case TCG_COND_NE:
        vcmpeq(v, vece, X_A, X_A, X_B);
        r = X_A;
        break;
    case TCG_COND_TSTEQ:
    case TCG_COND_TSTNE:
        vop(v, OPC_PAND, X_A, X_A, X_B);
        vzero(v, X_B);
        vcmpeq(v, vece, X_A, X_A, X_B);
        r = X_A;
        break;
    case TCG_COND_GT:
    case TCG_COND_LE:
    case TCG_COND_GTU:
    case TCG_COND_LEU:
        vcmpgt(v, vece, uns, X_A, X_A, X_B);
        r = X_A;
        break;
    default:            /* LT, GE, LTU, GEU: b > a */
        vcmpgt(v, vece, uns, X_B, X_B, X_A);
        r = X_B;
        break;
    }
    if (cond == TCG_COND_NE || cond == TCG_COND_TSTNE || cond == TCG_COND_LE ||
        cond == TCG_COND_LEU || cond == TCG_COND_GE || cond == TCG_COND_GEU) {
        vnot(v, r, r);
    }
    return r;
}

static int gen_body(VecGen *v, TCGOpcode opc, const TCGGvecArgs *ga)
{
    unsigned vece = ga->vece;

    switch (opc) {
    case INDEX_op_gvec_mov:
        return X_A;
    case INDEX_op_gvec_add:
        vop(v, add_opc(vece), X_A, X_A, X_B);
        return X_A;
    case INDEX_op_gvec_sub:
        vop(v, vece_opc(OPC_PSUBB, vece), X_A, X_A, X_B);
        return X_A;
    case INDEX_op_gvec_neg:
        vzero(v, X_T);
        vop(v, vece_opc(OPC_PSUBB, vece), X_T, X_T, X_A);
        return X_T;
    case INDEX_op_gvec_mul:
        return gen_mul(v, vece);
    case INDEX_op_gvec_ssadd:
    case INDEX_op_gvec_sssub:
    case INDEX_op_gvec_usadd:
    case INDEX_op_gvec_ussub:
        return gen_saturating(v, opc, vece);
    case INDEX_op_gvec_smin:
    case INDEX_op_gvec_smax:
    case INDEX_op_gvec_umin:
    case INDEX_op_gvec_umax:
        return gen_minmax(v, opc, vece);
    case INDEX_op_gvec_and:
        vop(v, OPC_PAND, X_A, X_A, X_B);
        return X_A;
    case INDEX_op_gvec_or:
        vop(v, OPC_POR, X_A, X_A, X_B);
        return X_A;
    case INDEX_op_gvec_xor:
        vop(v, OPC_PXOR, X_A, X_A, X_B);
        return X_A;
    case INDEX_op_gvec_andc:
        vop(v, OPC_PANDN, X_B, X_B, X_A);      /* ~b & a */
        return X_B;
    case INDEX_op_gvec_orc:
        vnot(v, X_B, X_B);
        vop(v, OPC_POR, X_A, X_A, X_B);
        return X_A;
    case INDEX_op_gvec_not:
        vnot(v, X_A, X_A);
        return X_A;
    case INDEX_op_gvec_bitsel:
        /* (a & b) | (~a & c) == ((b ^ c) & a) ^ c */
        vop(v, OPC_PXOR, X_B, X_B, X_C);
        vop(v, OPC_PAND, X_B, X_B, X_A);
        vop(v, OPC_PXOR, X_B, X_B, X_C);
        return X_B;
    case INDEX_op_gvec_abs:
        return gen_abs(v, vece);
    case INDEX_op_gvec_shli:
    case INDEX_op_gvec_shri:
    case INDEX_op_gvec_sari:
        return gen_shift(v, opc, vece, ga->imm);
    case INDEX_op_gvec_cmp:
        return gen_cmp(v, vece, (TCGCond)ga->imm);
    default:
        g_assert_not_reached();
    }
}

/* ---- Loads, stores, dup ---- */

static int32_t env_disp(uint32_t ofs)
{
    assert(ofs <= INT32_MAX);
    return (int32_t)ofs;
}

static void vload(VecGen *v, int x, uint32_t ofs, unsigned size)
{
    Asm *a = asm_of(v);

    if (size == 32) {
        emit_vex_modrm_mem(a, OPC_MOVDQU_LD | P_VEXL, x, 0, NATIVE_ENV_REG, env_disp(ofs));
    } else {
        emit_modrm_mem(a, size == 8 ? OPC_MOVQ_LD : OPC_MOVDQU_LD, x, NATIVE_ENV_REG,
                       env_disp(ofs));
    }
}

static void vstore(VecGen *v, int x, uint32_t ofs, unsigned size)
{
    Asm *a = asm_of(v);

    if (size == 32) {
        emit_vex_modrm_mem(a, OPC_MOVDQU_ST | P_VEXL, x, 0, NATIVE_ENV_REG, env_disp(ofs));
    } else {
        emit_modrm_mem(a, size == 8 ? OPC_MOVQ_ST : OPC_MOVDQU_ST, x, NATIVE_ENV_REG,
                       env_disp(ofs));
    }
}

/* Stores xmm x (legacy SSE) to [dofs, dofs + size), 16 bytes at a time. */
static void store_xmm_repeated(VecGen *v, int x, uint32_t dofs, uint32_t size)
{
    uint32_t ofs = 0;

    for (; ofs + 16 <= size; ofs += 16) {
        vstore(v, x, dofs + ofs, 16);
    }
    if (ofs < size) {
        vstore(v, x, dofs + ofs, 8);
    }
}

/* xmm X_A = the low element of general register r, replicated (legacy SSE). */
static void broadcast_gpr(VecGen *v, unsigned vece, int r)
{
    Asm *a = asm_of(v);

    emit_modrm(a, OPC_MOVQ_XMM_GPR, X_A, r);
    switch (vece) {
    case MO_8:
        /* The byte doubled is a 16-bit element: broadcast that. */
        emit_modrm(a, OPC_PUNPCKLBW, X_A, X_A);
        __attribute__((fallthrough));
    case MO_16:
        emit_modrm(a, OPC_PSHUFLW, X_A, X_A);
        out8(a, 0);
        emit_modrm(a, OPC_PUNPCKLQDQ, X_A, X_A);
        break;
    case MO_32:
        emit_modrm(a, OPC_PSHUFD, X_A, X_A);
        out8(a, 0);
        break;
    default:
        emit_modrm(a, OPC_PUNPCKLQDQ, X_A, X_A);
        break;
    }
}

static void gen_dup(VecGen *v, TCGOp *op, const TCGGvecArgs *ga)
{
    NativeGen *g = v->g;

    if (op->opc == INDEX_op_gvec_dup) {
        TCGTemp *t = op_temp(op, 0);

        if (t->kind == TEMP_CONST) {
            vconst(v, X_A, tcg_gvec_dup_const(ga->vece, temp_const_value(t)));
        } else {
            broadcast_gpr(v, ga->vece, ra_load(g, t, ALL_REGS));
        }
    } else {
        static const int load_opc[] = {
            OPC_MOVZBL, OPC_MOVZWL, OPC_MOVL_GvEv, OPC_MOVL_GvEv | P_REXW,
        };
        int r = ra_alloc(g, ALL_REGS);

        emit_modrm_mem(&g->a, load_opc[ga->vece], r, NATIVE_ENV_REG, env_disp(ga->aofs));
        broadcast_gpr(v, ga->vece, r);
    }
    store_xmm_repeated(v, X_A, ga->dofs, ga->oprsz);
}

void gen_vec_op(NativeGen *g, TCGOp *op)
{
    unsigned f = g->features;
    TCGGvecArgs ga;
    VecGen v = { .g = g, .gpr = -1 };
    uint32_t srcs[3];
    unsigned nsrc = tcg_gvec_nb_srcs(op->opc);

    tcg_gvec_args(op, &ga);
    /* The builder asked the same question under the same features. */
    assert(supported(f, op->opc, ga.vece, ga.oprsz, ga.imm));
    srcs[0] = ga.aofs;
    srcs[1] = ga.bofs;
    srcs[2] = ga.cofs;
    v.y = ga.oprsz == 32 && (f & HOST_AVX2);
    v.ssse3 = v.y || (f & HOST_SSSE3);
    v.sse41 = v.y || (f & HOST_SSE41);
    v.sse42 = v.y || (f & HOST_SSE42);

    if (op->opc == INDEX_op_gvec_dup || op->opc == INDEX_op_gvec_dup_mem) {
        v.y = false;
        gen_dup(&v, op, &ga);
    } else {
        uint32_t chunk = v.y ? 32 : MIN(ga.oprsz, 16u);

        for (uint32_t ofs = 0; ofs < ga.oprsz; ofs += chunk) {
            int r;

            for (unsigned i = 0; i < nsrc; i++) {
                vload(&v, X_A + i, srcs[i] + ofs, chunk);
            }
            r = gen_body(&v, op->opc, &ga);
            vstore(&v, r, ga.dofs + ofs, chunk);
        }
        if (v.y) {
            /* vzeroupper: no penalty for the legacy SSE code that may follow. */
            out8(&g->a, 0xc5);
            out8(&g->a, 0xf8);
            out8(&g->a, 0x77);
            v.y = false;
        }
    }
    if (ga.maxsz > ga.oprsz) {
        vzero(&v, X_K);
        store_xmm_repeated(&v, X_K, ga.dofs + ga.oprsz, ga.maxsz - ga.oprsz);
    }
    ra_finish_op(g, op, NULL);
}
