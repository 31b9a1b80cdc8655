/*
 * Code generation for data ops: arithmetic, logic, shifts, bit fields,
 * conditions, double-word ops, loads and stores.
 *
 * x86 ALU instructions are two-address (dst op= src), so most emitters ask
 * dest_from() for the register to compute in: the first input's own
 * register when that value is not needed afterwards (it dies here, is a
 * scratch copy, or is the output itself), else a new register with a copy.
 * Three-address forms avoid the copy where x86 has them: lea for add,
 * imul with an immediate, BMI2 shlx/shrx/sarx/rorx, BMI1 andn.
 *
 * i32 ops use 32-bit instructions: shorter, and the high half of an i32's
 * register is free to hold anything (tcg.h). Constants are immediates when
 * the instruction has a form for them (sign-extended imm8/imm32).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/x86_64/native.h"

static const uint8_t cond_to_cc[TCG_COND_COUNT] = {
    [TCG_COND_EQ] = JCC_JE, [TCG_COND_NE] = JCC_JNE,
    [TCG_COND_LT] = JCC_JL, [TCG_COND_GE] = JCC_JGE,
    [TCG_COND_LE] = JCC_JLE, [TCG_COND_GT] = JCC_JG,
    [TCG_COND_LTU] = JCC_JB, [TCG_COND_GEU] = JCC_JAE,
    [TCG_COND_LEU] = JCC_JBE, [TCG_COND_GTU] = JCC_JA,
    [TCG_COND_TSTEQ] = JCC_JE, [TCG_COND_TSTNE] = JCC_JNE,
};

static unsigned type_bits(TCGType type)
{
    return type == TCG_TYPE_I32 ? 32 : 64;
}

/* A constant usable as a sign-extended imm32 by an op of this type. */
static bool const_imm(const TCGTemp *t, TCGType type, int32_t *imm)
{
    if (t->kind != TEMP_CONST) {
        return false;
    }
    if (type == TCG_TYPE_I64 && !fits_i32(t->val)) {
        return false;
    }
    *imm = (int32_t)t->val;
    return true;
}

/* Input i may be overwritten in its register reg. */
static bool reusable(NativeGen *g, const TCGOp *op, unsigned i, int reg)
{
    TCGTemp *t = op_temp(op, i);

    if (t->kind == TEMP_FIXED) {
        return reg != t->reg;
    }
    if (ra_is_scratch(g, t, reg)) {
        return true;
    }
    for (unsigned o = 0; o < op->nb_oargs; o++) {
        if (op_temp(op, o) == t) {
            return true;
        }
    }
    return arg_dies(op, i);
}

/* A register to compute output 0 in, holding a copy of input i (in ra). */
static int dest_from(NativeGen *g, const TCGOp *op, unsigned i, int ra, uint32_t allowed)
{
    int rd;

    if ((allowed & REG_BIT(ra)) && reusable(g, op, i, ra)) {
        return ra;
    }
    rd = ra_out(g, op_temp(op, 0), allowed);
    emit_mov_rr(&g->a, rexw_of(op->type), rd, ra);
    return rd;
}

/* A register for output 0 of a three-address form reading input i in ra. */
static int dest_3addr(NativeGen *g, const TCGOp *op, unsigned i, int ra)
{
    if ((ALL_REGS & REG_BIT(ra)) && reusable(g, op, i, ra)) {
        return ra;
    }
    return ra_out(g, op_temp(op, 0), ALL_REGS);
}

/* ---- Moves ---- */

static void gen_copy(NativeGen *g, TCGOp *op, unsigned src)
{
    TCGTemp *a = op_temp(op, src);
    TempState *ts = ts_of(g, a);
    int out[1];

    if (a->kind == TEMP_CONST) {
        out[0] = ra_out(g, op_temp(op, 0), ALL_REGS);
        emit_movi_for(g, op->type, out[0], temp_const_value(a), true);
    } else if (a->kind != TEMP_FIXED && ts->val == VAL_REG && arg_dies(op, src)) {
        out[0] = ts->reg;       /* hand the register over: no code */
    } else {
        int ra = ra_load(g, a, ALL_REGS);

        if (reusable(g, op, src, ra)) {
            out[0] = ra;
        } else {
            out[0] = ra_out(g, op_temp(op, 0), ALL_REGS);
            emit_mov_rr(&g->a, rexw_of(op->type), out[0], ra);
        }
    }
    ra_finish_op(g, op, out);
}

/* ---- Add, sub, logic ---- */

static void gen_alu(NativeGen *g, TCGOp *op, int group, bool commutative)
{
    int rexw = rexw_of(op->type);
    unsigned ai = 1, bi = 2;
    int32_t imm;
    int ra, rb, rd;

    if (commutative && op_temp(op, 1)->kind == TEMP_CONST &&
        op_temp(op, 2)->kind != TEMP_CONST) {
        ai = 2;
        bi = 1;
    }
    ra = ra_load(g, op_temp(op, ai), ALL_REGS);
    if (group == ARITH_AND && op_temp(op, bi)->kind == TEMP_CONST &&
        (temp_const_value(op_temp(op, bi)) == 0xff ||
         temp_const_value(op_temp(op, bi)) == 0xffff ||
         (op->type == TCG_TYPE_I64 && temp_const_value(op_temp(op, bi)) == 0xffffffffu))) {
        uint64_t v = temp_const_value(op_temp(op, bi));

        /* Zero extensions: three-address and no immediate. */
        rd = dest_3addr(g, op, ai, ra);
        if (v == 0xff) {
            emit_modrm(&g->a, OPC_MOVZBL | P_REXB_RM, rd, ra);
        } else if (v == 0xffff) {
            emit_modrm(&g->a, OPC_MOVZWL, rd, ra);
        } else {
            emit_modrm(&g->a, OPC_MOVL_GvEv, rd, ra);
        }
    } else if (const_imm(op_temp(op, bi), op->type, &imm)) {
        if ((group == ARITH_ADD || (group == ARITH_SUB && imm != INT32_MIN)) &&
                   !reusable(g, op, ai, ra)) {
            rd = ra_out(g, op_temp(op, 0), ALL_REGS);
            emit_modrm_mem(&g->a, OPC_LEA | rexw, rd, ra, group == ARITH_ADD ? imm : -imm);
        } else {
            rd = dest_from(g, op, ai, ra, ALL_REGS);
            emit_arith_ri(&g->a, group, rexw, rd, imm);
        }
    } else {
        rb = ra_load(g, op_temp(op, bi), ALL_REGS);
        if (commutative && !reusable(g, op, ai, ra) && reusable(g, op, bi, rb)) {
            int t = ra;

            ra = rb;
            rb = t;
            t = ai;
            ai = bi;
            bi = t;
        }
        if (group == ARITH_ADD && !reusable(g, op, ai, ra)) {
            rd = ra_out(g, op_temp(op, 0), ALL_REGS);
            emit_modrm_sib(&g->a, OPC_LEA | rexw, rd, ra, rb, 0, 0);
        } else {
            rd = dest_from(g, op, ai, ra, ALL_REGS);
            emit_arith_rr(&g->a, group, rexw, rd, rb);
        }
    }
    ra_finish_op(g, op, &rd);
}

/* andc, orc: d = a & ~b, a | ~b. */
static void gen_alu_not_b(NativeGen *g, TCGOp *op, int group)
{
    int rexw = rexw_of(op->type);
    TCGTemp *b = op_temp(op, 2);
    int ra, rb, rd;

    if (b->kind == TEMP_CONST && (op->type == TCG_TYPE_I32 || fits_i32(~b->val))) {
        ra = ra_load(g, op_temp(op, 1), ALL_REGS);
        rd = dest_from(g, op, 1, ra, ALL_REGS);
        emit_arith_ri(&g->a, group, rexw, rd, (int32_t)~b->val);
        ra_finish_op(g, op, &rd);
        return;
    }
    ra = ra_load(g, op_temp(op, 1), ALL_REGS);
    rb = ra_load(g, b, ALL_REGS);
    if (group == ARITH_AND && (g->features & HOST_BMI1)) {
        rd = dest_3addr(g, op, 1, ra);
        emit_vex_modrm(&g->a, OPC_ANDN | rexw, rd, rb, ra);
        ra_finish_op(g, op, &rd);
        return;
    }
    /* rd = ~b, then combine with a; rd must not be a's register. */
    if (ra != rb && reusable(g, op, 2, rb)) {
        rd = rb;
    } else {
        rd = ra_alloc(g, ALL_REGS);
        emit_mov_rr(&g->a, rexw, rd, rb);
    }
    emit_modrm(&g->a, OPC_GRP3_Ev | rexw, EXT3_NOT, rd);
    emit_arith_rr(&g->a, group, rexw, rd, ra);
    ra_finish_op(g, op, &rd);
}

/* eqv, nand, nor: the op, then not. */
static void gen_alu_not(NativeGen *g, TCGOp *op, int group)
{
    int rexw = rexw_of(op->type);
    unsigned ai = 1, bi = 2;
    int32_t imm;
    int ra, rb, rd;

    if (op_temp(op, 1)->kind == TEMP_CONST) {
        ai = 2;
        bi = 1;
    }
    ra = ra_load(g, op_temp(op, ai), ALL_REGS);
    if (const_imm(op_temp(op, bi), op->type, &imm)) {
        rd = dest_from(g, op, ai, ra, ALL_REGS);
        emit_arith_ri(&g->a, group, rexw, rd, imm);
    } else {
        rb = ra_load(g, op_temp(op, bi), ALL_REGS);
        if (!reusable(g, op, ai, ra) && reusable(g, op, bi, rb)) {
            int t = ra;

            ra = rb;
            rb = t;
            ai = bi;
        }
        rd = dest_from(g, op, ai, ra, ALL_REGS);
        emit_arith_rr(&g->a, group, rexw, rd, rb);
    }
    emit_modrm(&g->a, OPC_GRP3_Ev | rexw, EXT3_NOT, rd);
    ra_finish_op(g, op, &rd);
}

static void gen_mul(NativeGen *g, TCGOp *op)
{
    int rexw = rexw_of(op->type);
    unsigned ai = 1, bi = 2;
    int32_t imm;
    int ra, rb, rd;

    if (op_temp(op, 1)->kind == TEMP_CONST) {
        ai = 2;
        bi = 1;
    }
    ra = ra_load(g, op_temp(op, ai), ALL_REGS);
    if (const_imm(op_temp(op, bi), op->type, &imm)) {
        rd = dest_3addr(g, op, ai, ra);
        if (fits_i8(imm)) {
            emit_modrm(&g->a, OPC_IMUL_GvEvIb | rexw, rd, ra);
            out8(&g->a, (uint8_t)imm);
        } else {
            emit_modrm(&g->a, OPC_IMUL_GvEvIz | rexw, rd, ra);
            out32(&g->a, (uint32_t)imm);
        }
    } else {
        rb = ra_load(g, op_temp(op, bi), ALL_REGS);
        if (!reusable(g, op, ai, ra) && reusable(g, op, bi, rb)) {
            int t = ra;

            ra = rb;
            rb = t;
            ai = bi;
        }
        rd = dest_from(g, op, ai, ra, ALL_REGS);
        emit_modrm(&g->a, OPC_IMUL_GvEv | rexw, rd, rb);
    }
    ra_finish_op(g, op, &rd);
}

/* ---- rax:rdx ops: division, double-width multiply ---- */

/*
 * The IR leaves division by zero and MIN / -1 undefined but they must not
 * trap; the results match tcg/eval.h (0, and -a for div by -1) so that the
 * native backend and the interpreter agree bit for bit.
 */
static void gen_div(NativeGen *g, TCGOp *op)
{
    Asm *a = &g->a;
    int rexw = rexw_of(op->type);
    bool is_signed = op->opc == INDEX_op_div || op->opc == INDEX_op_rem;
    bool want_rem = op->opc == INDEX_op_rem || op->opc == INDEX_op_remu;
    int res = want_rem ? R_DX : R_AX;
    uint8_t *to_zero, *to_m1 = NULL, *to_done, *to_done2 = NULL;
    int rb;

    ra_evict(g, R_DX);
    g->locked |= REG_BIT(R_DX);
    ra_load_into(g, op_temp(op, 1), R_AX);
    rb = ra_load(g, op_temp(op, 2), ALL_REGS & ~REG_BIT(R_AX) & ~REG_BIT(R_DX));

    emit_modrm(a, OPC_TESTL | rexw, rb, rb);
    emit_jcc_short(a, JCC_JE, 0);
    to_zero = a->ptr - 1;
    if (is_signed) {
        emit_arith_ri(a, ARITH_CMP, rexw, rb, -1);
        emit_jcc_short(a, JCC_JE, 0);
        to_m1 = a->ptr - 1;
        emit_opc(a, OPC_CQO | rexw, 0, 0, 0);
    } else {
        emit_arith_rr(a, ARITH_XOR, 0, R_DX, R_DX);
    }
    emit_modrm(a, OPC_GRP3_Ev | rexw, is_signed ? EXT3_IDIV : EXT3_DIV, rb);
    out8(a, OPC_JMP_short);
    out8(a, 0);
    to_done = a->ptr - 1;
    if (is_signed) {
        patch_rel8_here(a, to_m1);
        if (want_rem) {
            emit_arith_rr(a, ARITH_XOR, 0, R_DX, R_DX);
        } else {
            emit_modrm(a, OPC_GRP3_Ev | rexw, EXT3_NEG, R_AX);
        }
        out8(a, OPC_JMP_short);
        out8(a, 0);
        to_done2 = a->ptr - 1;
    }
    patch_rel8_here(a, to_zero);
    emit_arith_rr(a, ARITH_XOR, 0, res, res);
    patch_rel8_here(a, to_done);
    if (to_done2) {
        patch_rel8_here(a, to_done2);
    }
    ra_finish_op(g, op, &res);
}

static void gen_mul_wide(NativeGen *g, TCGOp *op)
{
    bool is_signed = op->opc == INDEX_op_mulsh || op->opc == INDEX_op_muls2;
    bool two_outs = op->nb_oargs == 2;
    unsigned ai = two_outs ? 2 : 1;
    int out[2] = { two_outs ? R_AX : R_DX, R_DX };
    int rb;

    ra_evict(g, R_DX);
    g->locked |= REG_BIT(R_DX);
    ra_load_into(g, op_temp(op, ai), R_AX);
    rb = ra_load(g, op_temp(op, ai + 1), ALL_REGS & ~REG_BIT(R_AX) & ~REG_BIT(R_DX));
    emit_modrm(&g->a, OPC_GRP3_Ev | rexw_of(op->type),
               is_signed ? EXT3_IMUL : EXT3_MUL, rb);
    ra_finish_op(g, op, out);
}

/* ---- Shifts and rotates ---- */

static void gen_shift(NativeGen *g, TCGOp *op, int group)
{
    int rexw = rexw_of(op->type);
    unsigned w = type_bits(op->type);
    TCGTemp *b = op_temp(op, 2);
    int ra, rb, rd;

    if (b->kind == TEMP_CONST) {
        unsigned c = temp_const_value(b) & (w - 1);

        ra = ra_load(g, op_temp(op, 1), ALL_REGS);
        if (c != 0 && (group == SHIFT_ROL || group == SHIFT_ROR) &&
            (g->features & HOST_BMI2) && !reusable(g, op, 1, ra)) {
            rd = ra_out(g, op_temp(op, 0), ALL_REGS);
            emit_vex_modrm(&g->a, OPC_RORX | rexw, rd, 0, ra);
            out8(&g->a, group == SHIFT_ROR ? c : w - c);
        } else {
            rd = dest_from(g, op, 1, ra, ALL_REGS);
            if (c) {
                emit_shift_ri(&g->a, group, rexw, rd, c);
            }
        }
    } else if ((g->features & HOST_BMI2) && group != SHIFT_ROL && group != SHIFT_ROR) {
        int opc = group == SHIFT_SHL ? OPC_SHLX : group == SHIFT_SHR ? OPC_SHRX : OPC_SARX;

        ra = ra_load(g, op_temp(op, 1), ALL_REGS);
        rb = ra_load(g, b, ALL_REGS);
        if (reusable(g, op, 1, ra)) {
            rd = ra;
        } else if (reusable(g, op, 2, rb)) {
            rd = rb;
        } else {
            rd = ra_out(g, op_temp(op, 0), ALL_REGS);
        }
        emit_vex_modrm(&g->a, opc | rexw, rd, rb, ra);
    } else {
        uint32_t not_cx = ALL_REGS & ~REG_BIT(R_CX);

        ra_load_into(g, b, R_CX);
        ra = ra_load(g, op_temp(op, 1), not_cx);
        rd = dest_from(g, op, 1, ra, not_cx);
        emit_modrm(&g->a, OPC_SHIFT_cl | rexw, group, rd);
    }
    ra_finish_op(g, op, &rd);
}

/* ---- Bit counts ---- */

static void gen_clz_ctz(NativeGen *g, TCGOp *op)
{
    Asm *a = &g->a;
    int rexw = rexw_of(op->type);
    unsigned w = type_bits(op->type);
    bool clz = op->opc == INDEX_op_clz;
    bool native = clz ? (g->features & HOST_LZCNT) : (g->features & HOST_BMI1);
    TCGTemp *b = op_temp(op, 2);
    int ra, rb, rd;

    ra = ra_load(g, op_temp(op, 1), ALL_REGS);
    if (native && b->kind == TEMP_CONST && temp_const_value(b) == w) {
        rd = dest_3addr(g, op, 1, ra);
        emit_modrm(a, (clz ? OPC_LZCNT : OPC_TZCNT) | rexw, rd, ra);
    } else if (native) {
        /* lzcnt/tzcnt set CF when the input is zero. */
        rb = ra_load(g, b, ALL_REGS);
        rd = (ra != rb && reusable(g, op, 1, ra)) ? ra : ra_out(g, op_temp(op, 0), ALL_REGS);
        emit_modrm(a, (clz ? OPC_LZCNT : OPC_TZCNT) | rexw, rd, ra);
        emit_modrm(a, (OPC_CMOVCC + JCC_JB) | rexw, rd, rb);
    } else if (!clz) {
        /* bsf sets ZF when the input is zero (and leaves the result undefined). */
        rb = ra_load(g, b, ALL_REGS);
        rd = (ra != rb && reusable(g, op, 1, ra)) ? ra : ra_out(g, op_temp(op, 0), ALL_REGS);
        emit_modrm(a, OPC_BSF | rexw, rd, ra);
        emit_modrm(a, (OPC_CMOVCC + JCC_JE) | rexw, rd, rb);
    } else {
        /* bsr gives the index of the top bit: clz = index ^ (w - 1). */
        int rt;

        if (b->kind == TEMP_CONST) {
            rt = ra_alloc(g, ALL_REGS);
            emit_movi(a, rexw, rt, temp_const_value(b) ^ (w - 1), true);
        } else {
            rb = ra_load(g, b, ALL_REGS);
            rt = ra_alloc(g, ALL_REGS);
            emit_mov_rr(a, rexw, rt, rb);
            emit_arith_ri(a, ARITH_XOR, rexw, rt, w - 1);
        }
        rd = reusable(g, op, 1, ra) ? ra : ra_out(g, op_temp(op, 0), ALL_REGS);
        emit_modrm(a, OPC_BSR | rexw, rd, ra);
        emit_modrm(a, (OPC_CMOVCC + JCC_JE) | rexw, rd, rt);
        emit_arith_ri(a, ARITH_XOR, rexw, rd, w - 1);
    }
    ra_finish_op(g, op, &rd);
}

static void gen_ctpop(NativeGen *g, TCGOp *op)
{
    Asm *a = &g->a;
    int rexw = rexw_of(op->type);
    bool is64 = op->type == TCG_TYPE_I64;
    int ra, rd, rt, rk = -1;

    ra = ra_load(g, op_temp(op, 1), ALL_REGS);
    if (g->features & HOST_POPCNT) {
        rd = dest_3addr(g, op, 1, ra);
        emit_modrm(a, OPC_POPCNT | rexw, rd, ra);
        ra_finish_op(g, op, &rd);
        return;
    }
    /* The classic SWAR count: 2-bit, 4-bit, 8-bit sums, then a multiply. */
    rd = ra_alloc(g, ALL_REGS);
    rt = ra_alloc(g, ALL_REGS);
    if (is64) {
        rk = ra_alloc(g, ALL_REGS);
    }
#define MASK_AND(reg, m32, m64) do { \
        if (is64) { \
            emit_movi(a, P_REXW, rk, m64, true); \
            emit_arith_rr(a, ARITH_AND, P_REXW, reg, rk); \
        } else { \
            emit_arith_ri(a, ARITH_AND, 0, reg, (int32_t)(m32)); \
        } \
    } while (0)
    emit_mov_rr(a, rexw, rd, ra);
    emit_shift_ri(a, SHIFT_SHR, rexw, rd, 1);
    MASK_AND(rd, 0x55555555u, 0x5555555555555555ull);
    emit_modrm(a, OPC_MOVL_GvEv | rexw, rt, ra);
    emit_arith_rr(a, ARITH_SUB, rexw, rt, rd);
    emit_mov_rr(a, rexw, rd, rt);
    emit_shift_ri(a, SHIFT_SHR, rexw, rd, 2);
    MASK_AND(rd, 0x33333333u, 0x3333333333333333ull);
    MASK_AND(rt, 0x33333333u, 0x3333333333333333ull);
    emit_arith_rr(a, ARITH_ADD, rexw, rt, rd);
    emit_mov_rr(a, rexw, rd, rt);
    emit_shift_ri(a, SHIFT_SHR, rexw, rd, 4);
    emit_arith_rr(a, ARITH_ADD, rexw, rd, rt);
    MASK_AND(rd, 0x0f0f0f0fu, 0x0f0f0f0f0f0f0f0full);
    if (is64) {
        emit_movi(a, P_REXW, rk, 0x0101010101010101ull, true);
        emit_modrm(a, OPC_IMUL_GvEv | P_REXW, rd, rk);
    } else {
        emit_modrm(a, OPC_IMUL_GvEvIz, rd, rd);
        out32(a, 0x01010101u);
    }
    emit_shift_ri(a, SHIFT_SHR, rexw, rd, is64 ? 56 : 24);
#undef MASK_AND
    ra_finish_op(g, op, &rd);
}

/* ---- One-input ops ---- */

static void gen_unary(NativeGen *g, TCGOp *op)
{
    Asm *a = &g->a;
    int rexw = rexw_of(op->type);
    int ra, rd;

    switch (op->opc) {
    case INDEX_op_extrl_i64_i32:
        gen_copy(g, op, 1);     /* the high half of an i32 register is free */
        return;
    case INDEX_op_ctpop:
        gen_ctpop(g, op);
        return;
    default:
        break;
    }
    ra = ra_load(g, op_temp(op, 1), ALL_REGS);
    switch (op->opc) {
    case INDEX_op_neg:
    case INDEX_op_not:
        rd = dest_from(g, op, 1, ra, ALL_REGS);
        emit_modrm(a, OPC_GRP3_Ev | rexw, op->opc == INDEX_op_neg ? EXT3_NEG : EXT3_NOT, rd);
        break;
    case INDEX_op_ext8s:
        rd = dest_3addr(g, op, 1, ra);
        emit_modrm(a, OPC_MOVSBL | P_REXB_RM | rexw, rd, ra);
        break;
    case INDEX_op_ext8u:
        rd = dest_3addr(g, op, 1, ra);
        emit_modrm(a, OPC_MOVZBL | P_REXB_RM, rd, ra);
        break;
    case INDEX_op_ext16s:
        rd = dest_3addr(g, op, 1, ra);
        emit_modrm(a, OPC_MOVSWL | rexw, rd, ra);
        break;
    case INDEX_op_ext16u:
        rd = dest_3addr(g, op, 1, ra);
        emit_modrm(a, OPC_MOVZWL, rd, ra);
        break;
    case INDEX_op_ext32s:
    case INDEX_op_ext_i32_i64:
        rd = dest_3addr(g, op, 1, ra);
        emit_modrm(a, OPC_MOVSLQ, rd, ra);
        break;
    case INDEX_op_ext32u:
    case INDEX_op_extu_i32_i64:
        rd = dest_3addr(g, op, 1, ra);
        emit_modrm(a, OPC_MOVL_GvEv, rd, ra);      /* a 32-bit mov zero-extends */
        break;
    case INDEX_op_extrh_i64_i32:
        if (g->features & HOST_BMI2) {
            rd = dest_3addr(g, op, 1, ra);
            emit_vex_modrm(a, OPC_RORX | P_REXW, rd, 0, ra);
            out8(a, 32);
        } else {
            /* The copy must be 64-bit: the input is an i64. */
            rd = dest_3addr(g, op, 1, ra);
            emit_mov_rr(a, P_REXW, rd, ra);
            emit_shift_ri(a, SHIFT_SHR, P_REXW, rd, 32);
        }
        break;
    case INDEX_op_bswap16:
        rd = dest_3addr(g, op, 1, ra);
        emit_modrm(a, OPC_MOVZWL, rd, ra);
        emit_modrm(a, OPC_SHIFT_Ib | P_DATA16, SHIFT_ROL, rd);
        out8(a, 8);
        break;
    case INDEX_op_bswap32:
        rd = dest_from(g, op, 1, ra, ALL_REGS);
        emit_opc(a, OPC_BSWAP + (rd & 7), 0, rd, 0);
        break;
    case INDEX_op_bswap64:
        rd = dest_from(g, op, 1, ra, ALL_REGS);
        emit_opc(a, (OPC_BSWAP + (rd & 7)) | P_REXW, 0, rd, 0);
        break;
    default:
        g_assert_not_reached();
    }
    ra_finish_op(g, op, &rd);
}

/* ---- Bit fields ---- */

static void gen_extract(NativeGen *g, TCGOp *op)
{
    Asm *a = &g->a;
    int rexw = rexw_of(op->type);
    unsigned w = type_bits(op->type);
    unsigned ofs = op->args[2], len = op->args[3];
    bool sign = op->opc == INDEX_op_sextract;
    int ra, rd;

    if (ofs == 0 && len == w) {
        gen_copy(g, op, 1);
        return;
    }
    ra = ra_load(g, op_temp(op, 1), ALL_REGS);
    if (ofs == 0 && (len == 8 || len == 16 || len == 32)) {
        static const int zext[3] = { OPC_MOVZBL | P_REXB_RM, OPC_MOVZWL, OPC_MOVL_GvEv };
        static const int sext[3] = { OPC_MOVSBL | P_REXB_RM, OPC_MOVSWL, OPC_MOVSLQ };
        int k = len == 8 ? 0 : len == 16 ? 1 : 2;

        rd = dest_3addr(g, op, 1, ra);
        emit_modrm(a, sign ? (sext[k] | rexw) : zext[k], rd, ra);
    } else if (ofs + len == w) {
        rd = dest_from(g, op, 1, ra, ALL_REGS);
        emit_shift_ri(a, sign ? SHIFT_SAR : SHIFT_SHR, rexw, rd, ofs);
    } else if (!sign && len < 32) {
        rd = dest_from(g, op, 1, ra, ALL_REGS);
        if (ofs) {
            emit_shift_ri(a, SHIFT_SHR, rexw, rd, ofs);
        }
        if (len == 8) {
            emit_modrm(a, OPC_MOVZBL | P_REXB_RM, rd, rd);
        } else if (len == 16) {
            emit_modrm(a, OPC_MOVZWL, rd, rd);
        } else {
            emit_arith_ri(a, ARITH_AND, 0, rd, (int32_t)((1u << len) - 1));
        }
    } else {
        rd = dest_from(g, op, 1, ra, ALL_REGS);
        if (w - ofs - len) {
            emit_shift_ri(a, SHIFT_SHL, rexw, rd, w - ofs - len);
        }
        emit_shift_ri(a, sign ? SHIFT_SAR : SHIFT_SHR, rexw, rd, w - len);
    }
    ra_finish_op(g, op, &rd);
}

static void gen_deposit(NativeGen *g, TCGOp *op)
{
    Asm *a = &g->a;
    int rexw = rexw_of(op->type);
    unsigned w = type_bits(op->type);
    unsigned ofs = op->args[3], len = op->args[4];
    uint64_t mask, keep;
    int ra, rb, rt, rd;

    if (ofs == 0 && len == w) {
        gen_copy(g, op, 2);
        return;
    }
    mask = (len == 64 ? ~0ull : (1ull << len) - 1) << ofs;
    keep = ~mask;
    rb = ra_load(g, op_temp(op, 2), ALL_REGS);
    ra = ra_load(g, op_temp(op, 1), ALL_REGS);
    /* rt = the field, in place. */
    rt = ra_alloc(g, ALL_REGS);
    emit_mov_rr(a, rexw, rt, rb);
    if (ofs + len == w) {
        emit_shift_ri(a, SHIFT_SHL, rexw, rt, ofs);
    } else {
        emit_shift_ri(a, SHIFT_SHL, rexw, rt, w - len);
        if (w - len - ofs) {
            emit_shift_ri(a, SHIFT_SHR, rexw, rt, w - len - ofs);
        }
    }
    rd = dest_from(g, op, 1, ra, ALL_REGS);
    if (op->type == TCG_TYPE_I32 || fits_i32((int64_t)keep)) {
        emit_arith_ri(a, ARITH_AND, rexw, rd, (int32_t)keep);
    } else {
        int rk = ra_alloc(g, ALL_REGS);

        emit_movi(a, P_REXW, rk, keep, true);
        emit_arith_rr(a, ARITH_AND, P_REXW, rd, rk);
    }
    emit_arith_rr(a, ARITH_OR, rexw, rd, rt);
    ra_finish_op(g, op, &rd);
}

static void gen_extract2(NativeGen *g, TCGOp *op)
{
    unsigned w = type_bits(op->type);
    unsigned ofs = op->args[3];
    int rl, rh, rd;

    if (ofs == 0 || ofs == w) {
        gen_copy(g, op, ofs == 0 ? 1 : 2);
        return;
    }
    rh = ra_load(g, op_temp(op, 2), ALL_REGS);
    rl = ra_load(g, op_temp(op, 1), ALL_REGS);
    if (rl != rh && reusable(g, op, 1, rl)) {
        rd = rl;
    } else if (rl == rh) {
        rd = dest_from(g, op, 1, rl, ALL_REGS);
        rh = rd;
    } else {
        rd = ra_out(g, op_temp(op, 0), ALL_REGS);
        emit_mov_rr(&g->a, rexw_of(op->type), rd, rl);
    }
    /* shrd rd, rh, ofs: rd = (rd >> ofs) | (rh << (w - ofs)). */
    emit_modrm(&g->a, OPC_SHRD_Ib | rexw_of(op->type), rh, rd);
    out8(&g->a, ofs);
    ra_finish_op(g, op, &rd);
}

/* ---- Conditions ---- */

int gen_compare(NativeGen *g, TCGType type, TCGCond cond, TCGTemp *a, TCGTemp *b)
{
    Asm *as = &g->a;
    int rexw = rexw_of(type);
    int ra, rb;

    if (a->kind == TEMP_CONST && b->kind != TEMP_CONST) {
        TCGTemp *t = a;

        a = b;
        b = t;
        cond = tcg_swap_cond(cond);
    }
    ra = ra_load(g, a, ALL_REGS);
    if (b->kind == TEMP_CONST) {
        uint64_t v = temp_const_value(b);
        int32_t imm;

        if (cond == TCG_COND_TSTEQ || cond == TCG_COND_TSTNE) {
            if (v <= 0xff) {
                emit_modrm(as, OPC_GRP3_Eb | P_REXB_RM, EXT3_TEST, ra);
                out8(as, (uint8_t)v);
                return cond_to_cc[cond];
            }
            if (const_imm(b, type, &imm)) {
                emit_modrm(as, OPC_GRP3_Ev | rexw, EXT3_TEST, ra);
                out32(as, (uint32_t)imm);
                return cond_to_cc[cond];
            }
        } else if (v == 0) {
            /* test a, a sets the flags exactly as cmp a, 0 does. */
            emit_modrm(as, OPC_TESTL | rexw, ra, ra);
            return cond_to_cc[cond];
        } else if (const_imm(b, type, &imm)) {
            emit_arith_ri(as, ARITH_CMP, rexw, ra, imm);
            return cond_to_cc[cond];
        }
    }
    rb = ra_load(g, b, ALL_REGS);
    if (cond == TCG_COND_TSTEQ || cond == TCG_COND_TSTNE) {
        emit_modrm(as, OPC_TESTL | rexw, rb, ra);
    } else {
        emit_arith_rr(as, ARITH_CMP, rexw, ra, rb);
    }
    return cond_to_cc[cond];
}

static bool op_reads(const TCGOp *op, const TCGTemp *t)
{
    for (unsigned i = op->nb_oargs; i < op->nb_oargs + op->nb_iargs; i++) {
        if (op_temp(op, i) == t) {
            return true;
        }
    }
    return false;
}

static void gen_setcond(NativeGen *g, TCGOp *op)
{
    Asm *a = &g->a;
    int rexw = rexw_of(op->type);
    bool neg = op->opc == INDEX_op_negsetcond;
    TCGCond cond = (TCGCond)op->args[3];
    TCGTemp *d = op_temp(op, 0), *b = op_temp(op, 2);
    int rd, cc;

    if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
        rd = ra_out(g, d, ALL_REGS);
        emit_movi(a, rexw, rd, cond == TCG_COND_NEVER ? 0 : neg ? ~0ull : 1, true);
    } else if (cond == TCG_COND_LT && b->kind == TEMP_CONST && temp_const_value(b) == 0 &&
               op_temp(op, 1)->kind != TEMP_CONST) {
        /* The sign bit, moved down (or smeared for negsetcond). */
        int ra = ra_load(g, op_temp(op, 1), ALL_REGS);

        rd = dest_from(g, op, 1, ra, ALL_REGS);
        emit_shift_ri(a, neg ? SHIFT_SAR : SHIFT_SHR, rexw, rd, type_bits(op->type) - 1);
    } else if (!op_reads(op, d)) {
        /* Zero the result first (it is no input): setcc then needs no extension. */
        rd = ra_out(g, d, ALL_REGS);
        emit_arith_rr(a, ARITH_XOR, 0, rd, rd);
        cc = gen_compare(g, op->type, cond, op_temp(op, 1), b);
        emit_modrm(a, OPC_SETCC + cc, 0, rd);
        if (neg) {
            emit_modrm(a, OPC_GRP3_Ev | rexw, EXT3_NEG, rd);
        }
    } else {
        cc = gen_compare(g, op->type, cond, op_temp(op, 1), b);
        rd = ra_out(g, d, ALL_REGS);
        emit_modrm(a, OPC_SETCC + cc, 0, rd);
        emit_modrm(a, OPC_MOVZBL | P_REXB_RM, rd, rd);
        if (neg) {
            emit_modrm(a, OPC_GRP3_Ev | rexw, EXT3_NEG, rd);
        }
    }
    ra_finish_op(g, op, &rd);
}

static void gen_movcond(NativeGen *g, TCGOp *op)
{
    int rexw = rexw_of(op->type);
    TCGCond cond = (TCGCond)op->args[5];
    int r1, r2, rd, cc;

    if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
        gen_copy(g, op, cond == TCG_COND_ALWAYS ? 3 : 4);
        return;
    }
    r1 = ra_load(g, op_temp(op, 3), ALL_REGS);
    r2 = ra_load(g, op_temp(op, 4), ALL_REGS);
    cc = gen_compare(g, op->type, cond, op_temp(op, 1), op_temp(op, 2));
    /* From here on nothing may touch the flags: plain moves only. */
    if (reusable(g, op, 4, r2)) {
        rd = r2;
        emit_modrm(&g->a, (OPC_CMOVCC + cc) | rexw, rd, r1);
    } else if (reusable(g, op, 3, r1)) {
        rd = r1;
        emit_modrm(&g->a, (OPC_CMOVCC + (cc ^ 1)) | rexw, rd, r2);
    } else {
        rd = ra_out(g, op_temp(op, 0), ALL_REGS);
        emit_mov_rr(&g->a, rexw, rd, r2);
        emit_modrm(&g->a, (OPC_CMOVCC + cc) | rexw, rd, r1);
    }
    ra_finish_op(g, op, &rd);
}

/* ---- Carry chains ---- */

static void gen_addsub2(NativeGen *g, TCGOp *op)
{
    Asm *a = &g->a;
    int rexw = rexw_of(op->type);
    bool add = op->opc == INDEX_op_add2;
    int32_t bl_imm = 0, bh_imm = 0;
    bool bl_is_imm = const_imm(op_temp(op, 4), op->type, &bl_imm);
    bool bh_is_imm = const_imm(op_temp(op, 5), op->type, &bh_imm);
    int ral, rah, rbl = -1, rbh = -1, out[2];

    ral = ra_load(g, op_temp(op, 2), ALL_REGS);
    rah = ra_load(g, op_temp(op, 3), ALL_REGS);
    if (!bl_is_imm) {
        rbl = ra_load(g, op_temp(op, 4), ALL_REGS);
    }
    if (!bh_is_imm) {
        rbh = ra_load(g, op_temp(op, 5), ALL_REGS);
    }
    /* The low result is written first: it must not overwrite an input still needed. */
    if (reusable(g, op, 2, ral) && ral != rah && ral != rbh) {
        out[0] = ral;
    } else {
        out[0] = ra_alloc(g, ALL_REGS);
    }
    if (reusable(g, op, 3, rah) && rah != out[0]) {
        out[1] = rah;
    } else {
        out[1] = ra_alloc(g, ALL_REGS);
    }
    emit_mov_rr(a, rexw, out[0], ral);
    emit_mov_rr(a, rexw, out[1], rah);
    if (bl_is_imm) {
        emit_arith_ri(a, add ? ARITH_ADD : ARITH_SUB, rexw, out[0], bl_imm);
    } else {
        emit_arith_rr(a, add ? ARITH_ADD : ARITH_SUB, rexw, out[0], rbl);
    }
    if (bh_is_imm) {
        emit_arith_ri(a, add ? ARITH_ADC : ARITH_SBB, rexw, out[1], bh_imm);
    } else {
        emit_arith_rr(a, add ? ARITH_ADC : ARITH_SBB, rexw, out[1], rbh);
    }
    ra_finish_op(g, op, out);
}

/* ---- Host memory ---- */

/* The base register and offset of a ld/st, folding big offsets into a scratch. */
static int mem_base(NativeGen *g, TCGOp *op, int32_t *offset)
{
    intptr_t off = (intptr_t)op->args[2];
    int rb = ra_load(g, op_temp(op, 1), ALL_REGS | REG_BIT(NATIVE_ENV_REG));

    if (!fits_i32(off)) {
        int rt = ra_alloc(g, ALL_REGS);

        emit_movi(&g->a, P_REXW, rt, (uint64_t)off, true);
        emit_arith_rr(&g->a, ARITH_ADD, P_REXW, rt, rb);
        rb = rt;
        off = 0;
    }
    *offset = (int32_t)off;
    return rb;
}

static void gen_load(NativeGen *g, TCGOp *op)
{
    int rexw = rexw_of(op->type);
    int32_t off;
    int rb = mem_base(g, op, &off);
    int rd = ra_out(g, op_temp(op, 0), ALL_REGS);
    int opc;

    switch (op->opc) {
    case INDEX_op_ld8u:  opc = OPC_MOVZBL; break;
    case INDEX_op_ld8s:  opc = OPC_MOVSBL | rexw; break;
    case INDEX_op_ld16u: opc = OPC_MOVZWL; break;
    case INDEX_op_ld16s: opc = OPC_MOVSWL | rexw; break;
    case INDEX_op_ld32u: opc = OPC_MOVL_GvEv; break;
    case INDEX_op_ld32s: opc = OPC_MOVSLQ; break;
    case INDEX_op_ld:    opc = OPC_MOVL_GvEv | rexw; break;
    default:
        g_assert_not_reached();
    }
    emit_modrm_mem(&g->a, opc, rd, rb, off);
    ra_finish_op(g, op, &rd);
}

static void gen_store(NativeGen *g, TCGOp *op)
{
    Asm *a = &g->a;
    TCGTemp *v = op_temp(op, 0);
    unsigned size = op->opc == INDEX_op_st8 ? 1 : op->opc == INDEX_op_st16 ? 2 :
                    op->opc == INDEX_op_st32 ? 4 : type_bits(op->type) / 8;
    int32_t off, imm;
    int rb = mem_base(g, op, &off);

    if (v->kind == TEMP_CONST && (size < 8 || const_imm(v, op->type, &imm))) {
        switch (size) {
        case 1:
            emit_modrm_mem(a, OPC_MOVB_EvIb, 0, rb, off);
            out8(a, (uint8_t)v->val);
            break;
        case 2:
            emit_modrm_mem(a, OPC_MOVL_EvIz | P_DATA16, 0, rb, off);
            out8(a, (uint8_t)v->val);
            out8(a, (uint8_t)(v->val >> 8));
            break;
        default:
            emit_modrm_mem(a, OPC_MOVL_EvIz | (size == 8 ? P_REXW : 0), 0, rb, off);
            out32(a, (uint32_t)v->val);
            break;
        }
    } else {
        int rv = ra_load(g, v, ALL_REGS);

        switch (size) {
        case 1:
            emit_modrm_mem(a, OPC_MOVB_EvGv | P_REXB_R, rv, rb, off);
            break;
        case 2:
            emit_modrm_mem(a, OPC_MOVL_EvGv | P_DATA16, rv, rb, off);
            break;
        default:
            emit_modrm_mem(a, OPC_MOVL_EvGv | (size == 8 ? P_REXW : 0), rv, rb, off);
            break;
        }
    }
    ra_finish_op(g, op, NULL);
}

void gen_data_op(NativeGen *g, TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_mov:      gen_copy(g, op, 1); break;
    case INDEX_op_add:      gen_alu(g, op, ARITH_ADD, true); break;
    case INDEX_op_sub:      gen_alu(g, op, ARITH_SUB, false); break;
    case INDEX_op_and:      gen_alu(g, op, ARITH_AND, true); break;
    case INDEX_op_or:       gen_alu(g, op, ARITH_OR, true); break;
    case INDEX_op_xor:      gen_alu(g, op, ARITH_XOR, true); break;
    case INDEX_op_andc:     gen_alu_not_b(g, op, ARITH_AND); break;
    case INDEX_op_orc:      gen_alu_not_b(g, op, ARITH_OR); break;
    case INDEX_op_eqv:      gen_alu_not(g, op, ARITH_XOR); break;
    case INDEX_op_nand:     gen_alu_not(g, op, ARITH_AND); break;
    case INDEX_op_nor:      gen_alu_not(g, op, ARITH_OR); break;
    case INDEX_op_mul:      gen_mul(g, op); break;
    case INDEX_op_div:
    case INDEX_op_divu:
    case INDEX_op_rem:
    case INDEX_op_remu:     gen_div(g, op); break;
    case INDEX_op_muluh:
    case INDEX_op_mulsh:
    case INDEX_op_mulu2:
    case INDEX_op_muls2:    gen_mul_wide(g, op); break;
    case INDEX_op_shl:      gen_shift(g, op, SHIFT_SHL); break;
    case INDEX_op_shr:      gen_shift(g, op, SHIFT_SHR); break;
    case INDEX_op_sar:      gen_shift(g, op, SHIFT_SAR); break;
    case INDEX_op_rotl:     gen_shift(g, op, SHIFT_ROL); break;
    case INDEX_op_rotr:     gen_shift(g, op, SHIFT_ROR); break;
    case INDEX_op_clz:
    case INDEX_op_ctz:      gen_clz_ctz(g, op); break;
    case INDEX_op_extract:
    case INDEX_op_sextract: gen_extract(g, op); break;
    case INDEX_op_deposit:  gen_deposit(g, op); break;
    case INDEX_op_extract2: gen_extract2(g, op); break;
    case INDEX_op_setcond:
    case INDEX_op_negsetcond: gen_setcond(g, op); break;
    case INDEX_op_movcond:  gen_movcond(g, op); break;
    case INDEX_op_add2:
    case INDEX_op_sub2:     gen_addsub2(g, op); break;
    case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u: case INDEX_op_ld16s:
    case INDEX_op_ld32u: case INDEX_op_ld32s: case INDEX_op_ld:
        gen_load(g, op);
        break;
    case INDEX_op_st8: case INDEX_op_st16: case INDEX_op_st32: case INDEX_op_st:
        gen_store(g, op);
        break;
    default:
        gen_unary(g, op);
        break;
    }
}
