/*
 * The portable interpreter (tcg/tci/), the oracle of the native backend:
 * known-answer tests built through the builder API and run on a test CPU
 * state. Every op is checked in both widths against hand-computed values
 * (so eval.h is checked too), then swept over edge values against eval.h
 * with operands as temps, constants and globals; then control flow,
 * helpers (their TCG_GETPC() and leaving the interpreter by siglongjmp),
 * host memory, chaining and a full code buffer. Guest memory ops are
 * tested on both backends in test-tcg-guest-mem.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/error.h"
#include "tcg/tcg-op.h"
#include "tcg/tcg-backend.h"
#include "tcg/code-buffer.h"
#include "tcg/eval.h"

#include <setjmp.h>

#define I32 TCG_TYPE_I32
#define I64 TCG_TYPE_I64

/* The CPU state the test programs run on. */
typedef struct TestState {
    uint64_t in[6];             /* inputs, read with ld */
    uint64_t out[4];            /* results, written with st */
    uint64_t g64[4];            /* i64 globals */
    uint32_t g32[4];            /* i32 globals */
    uint8_t mem[32];            /* for ld/st of every size */
    uint64_t ptr;               /* for goto_ptr */
} TestState;

static TCGContext *ctx;
static TestState st;
static TCGv_i64 g64[4];
static TCGv_i32 g32[4];

/* ---- Running a program ---- */

static void begin(void)
{
    tcg_func_start(ctx);
    memset(&st, 0, sizeof(st));
}

/* Compiles the current op list, flushing the code buffer once if full. */
static const void *compile(void)
{
    const void *code;
    size_t size;

    g_assert_true(tcg_verify(ctx));
    code = tcg_backend_tci.gen_code(ctx, &size);
    if (!code) {
        code_buffer_flush();
        code = tcg_backend_tci.gen_code(ctx, &size);
    }
    g_assert_nonnull(code);
    g_assert_cmpuint(size, >, 0);
    return code;
}

static uintptr_t run(const void *code)
{
    return tcg_backend_tci.exec(&st, code);
}

/* Compiles and runs the current op list; returns exit_tb's value. */
static uintptr_t compile_run(void)
{
    return run(compile());
}

#define IN(i)   offsetof(TestState, in[i])
#define OUT(i)  offsetof(TestState, out[i])

/* An operand of the op under test: where its value comes from. */
typedef enum Source { FROM_TEMP, FROM_CONST, FROM_GLOBAL, NB_SOURCES } Source;

/*
 * A temp of the given type holding value, made the way `src` says: loaded
 * from in[i] into a temp, a constant, or global number i.
 */
static TCGTemp *input(TCGType type, unsigned i, uint64_t value, Source src)
{
    g_assert_true(src == FROM_CONST || i < (src == FROM_TEMP ? 6 : 4));
    if (src == FROM_TEMP) {
        st.in[i] = tcg_eval_trunc(type, value);
    }
    if (type == I32) {
        switch (src) {
        case FROM_CONST:
            return tcgv_i32_temp(tcg_constant_i32(value));
        case FROM_GLOBAL:
            st.g32[i] = value;
            return tcgv_i32_temp(g32[i]);
        default: {
            TCGv_i32 t = tcg_temp_new_i32();

            tcg_gen_ld_i32(t, tcg_env, IN(i));
            return tcgv_i32_temp(t);
        }
        }
    }
    switch (src) {
    case FROM_CONST:
        return tcgv_i64_temp(tcg_constant_i64(value));
    case FROM_GLOBAL:
        st.g64[i] = value;
        return tcgv_i64_temp(g64[i]);
    default: {
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_ld_i64(t, tcg_env, IN(i));
        return tcgv_i64_temp(t);
    }
    }
}

/* An output temp: a fresh temp, or global number i. */
static TCGTemp *output(TCGType type, unsigned i, bool global)
{
    if (type == I32) {
        return tcgv_i32_temp(global ? g32[i] : tcg_temp_new_i32());
    }
    return tcgv_i64_temp(global ? g64[i] : tcg_temp_new_i64());
}

/* Stores t (any kind) into out[i], zero-extended if i32. */
static void store_out(TCGTemp *t, unsigned i)
{
    if (t->type == I32) {
        TCGv_i64 wide = tcg_temp_new_i64();

        tcg_gen_extu_i32_i64(wide, temp_tcgv_i32(t));
        tcg_gen_st_i64(wide, tcg_env, OUT(i));
    } else {
        tcg_gen_st_i64(temp_tcgv_i64(t), tcg_env, OUT(i));
    }
}

/*
 * Runs `out = opc(a, b)` (b unused by one-input ops) with the given
 * operand sources and an output that is a temp or a global; returns out.
 * Also checks the global next to an i32 output global is untouched.
 */
static uint64_t run_op(TCGOpcode opc, TCGType type, uint64_t a, uint64_t b, Source src,
                       bool out_global)
{
    const TCGOpDef *def = &tcg_op_defs[opc];
    TCGType in_type = type;
    TCGTemp *ta, *tb = NULL, *tr;
    TCGOp *op;

    begin();
    if (opc == INDEX_op_ext_i32_i64 || opc == INDEX_op_extu_i32_i64) {
        in_type = I32;
    } else if (opc == INDEX_op_extrl_i64_i32 || opc == INDEX_op_extrh_i64_i32) {
        in_type = I64;
    }
    /* A constant first operand is what the optimizer folds away: keep it a temp. */
    ta = input(in_type, 0, a, src == FROM_CONST ? FROM_TEMP : src);
    if (def->nb_iargs == 2) {
        tb = input(in_type, 1, b, src);
    }
    tr = output(type, 2, out_global);
    st.g32[3] = 0x5a5a5a5a;
    op = tcg_emit_op(ctx, opc, type, 1 + def->nb_iargs);
    op->args[0] = temp_arg(tr);
    op->args[1] = temp_arg(ta);
    if (tb) {
        op->args[2] = temp_arg(tb);
    }
    store_out(tr, 0);
    tcg_gen_exit_tb(0);
    g_assert_cmpuint(compile_run(), ==, 0);
    if (out_global) {
        g_assert_cmpuint(type == I32 ? st.g32[2] : st.g64[2], ==, st.out[0]);
    }
    g_assert_cmphex(st.g32[3], ==, 0x5a5a5a5a);
    return st.out[0];
}

/* ---- Known answers for every two-input and one-input op ---- */

typedef struct KnownAnswer {
    TCGOpcode opc;
    TCGType type;
    uint64_t a, b;
    uint64_t expect;
} KnownAnswer;

static const KnownAnswer binary_answers[] = {
    { INDEX_op_add, I32, 0xffffffff, 2, 1 },
    { INDEX_op_add, I64, 0xffffffff, 1, 0x100000000 },
    { INDEX_op_add, I64, UINT64_MAX, 2, 1 },
    { INDEX_op_sub, I32, 0, 1, 0xffffffff },
    { INDEX_op_sub, I64, 0, 1, UINT64_MAX },
    { INDEX_op_mul, I32, 0x10000, 0x10000, 0 },
    { INDEX_op_mul, I32, 0xffffffff, 3, 0xfffffffd },
    { INDEX_op_mul, I64, 0xffffffff, 0xffffffff, 0xfffffffe00000001 },
    { INDEX_op_div, I32, (uint32_t)-7, 2, (uint32_t)-3 },
    { INDEX_op_div, I64, INT64_MIN, 2, 0xc000000000000000 },
    { INDEX_op_div, I64, (uint64_t)-7, 2, (uint64_t)-3 },
    { INDEX_op_divu, I32, 0xfffffffe, 2, 0x7fffffff },
    { INDEX_op_divu, I64, 0xfffffffffffffffe, 2, 0x7fffffffffffffff },
    { INDEX_op_rem, I32, (uint32_t)-7, 2, 0xffffffff },
    { INDEX_op_rem, I64, (uint64_t)-7, 2, UINT64_MAX },
    { INDEX_op_remu, I32, 7, 3, 1 },
    { INDEX_op_remu, I64, UINT64_MAX, 10, 5 },
    { INDEX_op_muluh, I32, 0xffffffff, 0xffffffff, 0xfffffffe },
    { INDEX_op_muluh, I64, UINT64_MAX, UINT64_MAX, 0xfffffffffffffffe },
    { INDEX_op_mulsh, I32, 0x80000000, 2, 0xffffffff },
    { INDEX_op_mulsh, I32, 0xffffffff, 0xffffffff, 0 },
    { INDEX_op_mulsh, I64, INT64_MIN, 2, UINT64_MAX },
    { INDEX_op_and, I32, 0xf0f0f0f0, 0xff00ff00, 0xf000f000 },
    { INDEX_op_and, I64, 0xf0f0f0f0f0f0f0f0, 0xff00ff00ff00ff00, 0xf000f000f000f000 },
    { INDEX_op_or, I32, 0xf0f0f0f0, 0x0f00, 0xf0f0fff0 },
    { INDEX_op_or, I64, 0x8000000000000000, 1, 0x8000000000000001 },
    { INDEX_op_xor, I32, 0xff00ff00, 0xffff0000, 0x00ffff00 },
    { INDEX_op_xor, I64, UINT64_MAX, 0xffffffff, 0xffffffff00000000 },
    { INDEX_op_andc, I32, 0xff, 0x0f, 0xf0 },
    { INDEX_op_andc, I64, UINT64_MAX, 1, 0xfffffffffffffffe },
    { INDEX_op_orc, I32, 0, 0xffff0000, 0x0000ffff },
    { INDEX_op_orc, I64, 0, 0xffffffff00000000, 0xffffffff },
    { INDEX_op_eqv, I32, 0xff, 0x0f, 0xffffff0f },
    { INDEX_op_eqv, I64, 0xff, 0x0f, 0xffffffffffffff0f },
    { INDEX_op_nand, I32, 0xff, 0x0f, 0xfffffff0 },
    { INDEX_op_nand, I64, 0xff, 0x0f, 0xfffffffffffffff0 },
    { INDEX_op_nor, I32, 0xf0, 0x0f, 0xffffff00 },
    { INDEX_op_nor, I64, 0xf0, 0x0f, 0xffffffffffffff00 },
    { INDEX_op_shl, I32, 0x80000001, 1, 2 },
    { INDEX_op_shl, I64, 0x80000001, 1, 0x100000002 },
    { INDEX_op_shl, I64, 1, 63, 0x8000000000000000 },
    { INDEX_op_shr, I32, 0x80000000, 31, 1 },
    { INDEX_op_shr, I64, 0x8000000000000000, 63, 1 },
    { INDEX_op_sar, I32, 0x80000000, 31, 0xffffffff },
    { INDEX_op_sar, I64, 0x80000000, 31, 1 },
    { INDEX_op_sar, I64, 0x8000000000000000, 63, UINT64_MAX },
    { INDEX_op_rotl, I32, 0x80000001, 1, 3 },
    { INDEX_op_rotl, I64, 0x8000000000000001, 4, 0x18 },
    { INDEX_op_rotr, I32, 0x80000001, 1, 0xc0000000 },
    { INDEX_op_rotr, I64, 0x8000000000000001, 4, 0x1800000000000000 },
    { INDEX_op_clz, I32, 0x00010000, 99, 15 },
    { INDEX_op_clz, I32, 0, 32, 32 },
    { INDEX_op_clz, I64, 1, 99, 63 },
    { INDEX_op_clz, I64, 0, 64, 64 },
    { INDEX_op_ctz, I32, 0x00010000, 99, 16 },
    { INDEX_op_ctz, I32, 0, 99, 99 },
    { INDEX_op_ctz, I64, 0x8000000000000000, 99, 63 },
    { INDEX_op_ctz, I64, 0, 7, 7 },
};

static const KnownAnswer unary_answers[] = {
    { INDEX_op_mov, I32, 0x89abcdef, 0, 0x89abcdef },
    { INDEX_op_mov, I64, 0x0123456789abcdef, 0, 0x0123456789abcdef },
    { INDEX_op_neg, I32, 1, 0, 0xffffffff },
    { INDEX_op_neg, I64, 1, 0, UINT64_MAX },
    { INDEX_op_not, I32, 0, 0, 0xffffffff },
    { INDEX_op_not, I64, 0xff, 0, 0xffffffffffffff00 },
    { INDEX_op_ctpop, I32, 0xffffffff, 0, 32 },
    { INDEX_op_ctpop, I64, UINT64_MAX, 0, 64 },
    { INDEX_op_ctpop, I64, 0xf0f0, 0, 8 },
    { INDEX_op_ext8s, I32, 0x80, 0, 0xffffff80 },
    { INDEX_op_ext8s, I64, 0x7f, 0, 0x7f },
    { INDEX_op_ext8s, I64, 0x180, 0, 0xffffffffffffff80 },
    { INDEX_op_ext8u, I32, 0x1ff, 0, 0xff },
    { INDEX_op_ext8u, I64, 0xffffffffffffff80, 0, 0x80 },
    { INDEX_op_ext16s, I32, 0x8000, 0, 0xffff8000 },
    { INDEX_op_ext16s, I64, 0x8000, 0, 0xffffffffffff8000 },
    { INDEX_op_ext16u, I32, 0x12345678, 0, 0x5678 },
    { INDEX_op_ext16u, I64, 0xffffffffffff8001, 0, 0x8001 },
    { INDEX_op_ext32s, I64, 0x80000000, 0, 0xffffffff80000000 },
    { INDEX_op_ext32u, I64, 0xffffffff80000000, 0, 0x80000000 },
    { INDEX_op_bswap16, I32, 0x12345678, 0, 0x7856 },
    { INDEX_op_bswap16, I64, 0x1122334455667788, 0, 0x8877 },
    { INDEX_op_bswap32, I32, 0x12345678, 0, 0x78563412 },
    { INDEX_op_bswap32, I64, 0xaabbccdd12345678, 0, 0x78563412 },
    { INDEX_op_bswap64, I64, 0x0102030405060708, 0, 0x0807060504030201 },
    { INDEX_op_ext_i32_i64, I64, 0x80000000, 0, 0xffffffff80000000 },
    { INDEX_op_ext_i32_i64, I64, 0x7fffffff, 0, 0x7fffffff },
    { INDEX_op_extu_i32_i64, I64, 0x80000000, 0, 0x80000000 },
    { INDEX_op_extrl_i64_i32, I32, 0x123456789abcdef0, 0, 0x9abcdef0 },
    { INDEX_op_extrh_i64_i32, I32, 0x123456789abcdef0, 0, 0x12345678 },
};

static void check_known_answers(const KnownAnswer *table, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const KnownAnswer *k = &table[i];

        for (Source src = 0; src < NB_SOURCES; src++) {
            for (int out_global = 0; out_global < 2; out_global++) {
                uint64_t got = run_op(k->opc, k->type, k->a, k->b, src, out_global);

                if (got != k->expect) {
                    g_error("%s_i%d(0x%" PRIx64 ", 0x%" PRIx64 ") source %d%s: "
                            "got 0x%" PRIx64 ", want 0x%" PRIx64,
                            tcg_op_defs[k->opc].name, k->type == I32 ? 32 : 64,
                            k->a, k->b, src, out_global ? " to a global" : "",
                            got, k->expect);
                }
            }
        }
    }
}

static void test_binary_known(void)
{
    check_known_answers(binary_answers, ARRAY_SIZE(binary_answers));
}

static void test_unary_known(void)
{
    check_known_answers(unary_answers, ARRAY_SIZE(unary_answers));
}

/* ---- Sweep over edge values against eval.h ---- */

static const uint64_t edges[] = {
    0, 1, 2, 31, 32, 63, 64, 0x7f, 0x80, 0xffff, 0x7fffffff, 0x80000000,
    0xffffffff, 0x100000000, 0x123456789abcdef0, 0x7fffffffffffffff,
    0x8000000000000000, 0xfffffffffffffffe, UINT64_MAX,
};

static void test_edge_sweep(void)
{
    for (TCGOpcode opc = INDEX_op_add; opc <= INDEX_op_extrh_i64_i32; opc++) {
        for (TCGType type = I32; type <= I64; type++) {
            unsigned nb_b = tcg_op_defs[opc].nb_iargs == 2 ? ARRAY_SIZE(edges) : 1;

            if ((type == I32 && (opc == INDEX_op_ext32s || opc == INDEX_op_ext32u ||
                                 opc == INDEX_op_bswap64 || opc == INDEX_op_ext_i32_i64 ||
                                 opc == INDEX_op_extu_i32_i64)) ||
                (type == I64 && (opc == INDEX_op_extrl_i64_i32 ||
                                 opc == INDEX_op_extrh_i64_i32))) {
                continue;
            }
            for (unsigned i = 0; i < ARRAY_SIZE(edges); i++) {
                for (unsigned j = 0; j < nb_b; j++) {
                    uint64_t a = edges[i], b = edges[j], want, got;
                    Source src = (i + j) % NB_SOURCES;
                    TCGType in_type = opc == INDEX_op_ext_i32_i64 ||
                                      opc == INDEX_op_extu_i32_i64 ? I32 :
                                      opc == INDEX_op_extrl_i64_i32 ||
                                      opc == INDEX_op_extrh_i64_i32 ? I64 : type;

                    /* Operands enter as values of their type. */
                    a = tcg_eval_trunc(in_type, a);
                    b = tcg_eval_trunc(in_type, b);
                    want = nb_b == 1 ? tcg_eval_unary(opc, type, a)
                                     : tcg_eval_binary(opc, type, a, b);
                    got = run_op(opc, type, a, b, src, j % 2);
                    if (got != want) {
                        g_error("%s_i%d(0x%" PRIx64 ", 0x%" PRIx64 "): got 0x%" PRIx64
                                ", eval.h says 0x%" PRIx64, tcg_op_defs[opc].name,
                                type == I32 ? 32 : 64, a, b, got, want);
                    }
                }
            }
        }
    }
}

/* ---- Bit fields ---- */

typedef struct FieldAnswer {
    TCGOpcode opc;
    TCGType type;
    uint64_t a, b;
    unsigned ofs, len;
    uint64_t expect;
} FieldAnswer;

static const FieldAnswer field_answers[] = {
    { INDEX_op_extract, I32, 0x12345678, 0, 8, 8, 0x56 },
    { INDEX_op_extract, I32, 0x80000000, 0, 31, 1, 1 },
    { INDEX_op_extract, I64, 0x8000000000000000, 0, 63, 1, 1 },
    { INDEX_op_extract, I64, 0x123456789abcdef0, 0, 0, 64, 0x123456789abcdef0 },
    { INDEX_op_extract, I64, 0x123456789abcdef0, 0, 28, 8, 0x89 },
    { INDEX_op_sextract, I32, 0x0000f000, 0, 12, 4, 0xffffffff },
    { INDEX_op_sextract, I32, 0x00007000, 0, 12, 4, 7 },
    { INDEX_op_sextract, I64, 0x8000000000000000, 0, 63, 1, UINT64_MAX },
    { INDEX_op_sextract, I64, 0x0000008000000000, 0, 32, 8, 0xffffffffffffff80 },
    { INDEX_op_deposit, I32, 0xffffffff, 0, 8, 8, 0xffff00ff },
    { INDEX_op_deposit, I32, 0, 0xabcd, 16, 16, 0xabcd0000 },
    { INDEX_op_deposit, I64, 0, 0xabcd, 48, 16, 0xabcd000000000000 },
    { INDEX_op_deposit, I64, UINT64_MAX, 0x12, 0, 64, 0x12 },
    { INDEX_op_extract2, I32, 0x12345678, 0x9abcdef0, 8, 0, 0xf0123456 },
    { INDEX_op_extract2, I32, 0x12345678, 0x9abcdef0, 0, 0, 0x12345678 },
    { INDEX_op_extract2, I32, 0x12345678, 0x9abcdef0, 32, 0, 0x9abcdef0 },
    { INDEX_op_extract2, I64, 1, 3, 1, 0, 0x8000000000000000 },
    { INDEX_op_extract2, I64, 0x1122334455667788, 0x99aabbccddeeff00, 16, 0,
      0xff00112233445566 },
    { INDEX_op_extract2, I64, 5, 6, 64, 0, 6 },
};

static void test_bit_fields(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(field_answers); i++) {
        const FieldAnswer *k = &field_answers[i];

        for (Source src = 0; src < NB_SOURCES; src++) {
            TCGTemp *a, *b, *r;

            begin();
            a = input(k->type, 0, k->a, src == FROM_CONST ? FROM_TEMP : src);
            b = input(k->type, 1, k->b, src);
            r = output(k->type, 2, src == FROM_GLOBAL);
            switch (k->opc) {
            case INDEX_op_extract:
            case INDEX_op_sextract:
                tcg_gen_op4(k->opc, k->type, temp_arg(r), temp_arg(a), k->ofs, k->len);
                break;
            case INDEX_op_deposit:
                tcg_gen_op5(k->opc, k->type, temp_arg(r), temp_arg(a), temp_arg(b),
                            k->ofs, k->len);
                break;
            default:
                tcg_gen_op4(k->opc, k->type, temp_arg(r), temp_arg(a), temp_arg(b), k->ofs);
                break;
            }
            store_out(r, 0);
            tcg_gen_exit_tb(0);
            compile_run();
            if (st.out[0] != k->expect) {
                g_error("%s_i%d(0x%" PRIx64 ", 0x%" PRIx64 ", %u, %u): got 0x%" PRIx64
                        ", want 0x%" PRIx64, tcg_op_defs[k->opc].name,
                        k->type == I32 ? 32 : 64, k->a, k->b, k->ofs, k->len,
                        st.out[0], k->expect);
            }
        }
    }
}

/* ---- Double-word results ---- */

typedef struct DoubleAnswer {
    TCGOpcode opc;
    TCGType type;
    uint64_t in[4];
    uint64_t lo, hi;
} DoubleAnswer;

static const DoubleAnswer double_answers[] = {
    { INDEX_op_mulu2, I32, { 0xffffffff, 0xffffffff }, 1, 0xfffffffe },
    { INDEX_op_muls2, I32, { 0xffffffff, 0xffffffff }, 1, 0 },
    { INDEX_op_muls2, I32, { 0x80000000, 2 }, 0, 0xffffffff },
    { INDEX_op_mulu2, I64, { UINT64_MAX, UINT64_MAX }, 1, 0xfffffffffffffffe },
    { INDEX_op_muls2, I64, { (uint64_t)INT64_MIN, 2 }, 0, UINT64_MAX },
    { INDEX_op_muls2, I64, { UINT64_MAX, 3 }, 0xfffffffffffffffd, UINT64_MAX },
    { INDEX_op_add2, I32, { 0xffffffff, 0, 1, 0 }, 0, 1 },
    { INDEX_op_add2, I32, { 0xffffffff, 0xffffffff, 1, 0 }, 0, 0 },
    { INDEX_op_add2, I64, { UINT64_MAX, 0, 1, 0 }, 0, 1 },
    { INDEX_op_add2, I64, { 5, 7, 6, 8 }, 11, 15 },
    { INDEX_op_sub2, I32, { 0, 0, 1, 0 }, 0xffffffff, 0xffffffff },
    { INDEX_op_sub2, I64, { 0, 0, 1, 0 }, UINT64_MAX, UINT64_MAX },
    { INDEX_op_sub2, I64, { 0, 5, 1, 2 }, UINT64_MAX, 2 },
};

static void test_double_word(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(double_answers); i++) {
        const DoubleAnswer *k = &double_answers[i];
        unsigned nb_in = tcg_op_defs[k->opc].nb_iargs;

        for (Source src = 0; src < NB_SOURCES; src++) {
            TCGTemp *lo, *hi, *in[4];
            TCGOp *op;

            begin();
            for (unsigned j = 0; j < nb_in; j++) {
                Source s = j == 0 && src == FROM_CONST ? FROM_TEMP : src;

                in[j] = input(k->type, j, k->in[j], s);
            }
            lo = output(k->type, 2, src == FROM_GLOBAL);
            hi = output(k->type, 3, src == FROM_GLOBAL);
            op = tcg_emit_op(ctx, k->opc, k->type, 2 + nb_in);
            op->args[0] = temp_arg(lo);
            op->args[1] = temp_arg(hi);
            for (unsigned j = 0; j < nb_in; j++) {
                op->args[2 + j] = temp_arg(in[j]);
            }
            store_out(lo, 0);
            store_out(hi, 1);
            tcg_gen_exit_tb(0);
            compile_run();
            if (st.out[0] != k->lo || st.out[1] != k->hi) {
                g_error("%s_i%d case %zu source %d: got (0x%" PRIx64 ", 0x%" PRIx64
                        "), want (0x%" PRIx64 ", 0x%" PRIx64 ")",
                        tcg_op_defs[k->opc].name, k->type == I32 ? 32 : 64, i, src,
                        st.out[0], st.out[1], k->lo, k->hi);
            }
        }
    }
}

/* ---- Conditions ---- */

/*
 * For each (a, b) pair, whether each condition holds, in TCGCond order:
 * never always eq ne lt ge le gt ltu geu leu gtu tsteq tstne.
 */
typedef struct CondAnswer {
    TCGType type;
    uint64_t a, b;
    const char *holds;
} CondAnswer;

static const CondAnswer cond_answers[] = {
    { I32, 0xffffffff, 1,          "01011010010101" },
    { I32, 5, 5,                   "01100110011001" },
    { I32, 0x80000000, 0x7fffffff, "01011010010110" },
    { I64, 0x100000000, 1,         "01010101010110" },
    { I64, 0x8000000000000000, 0x7fffffffffffffff, "01011010010110" },
    { I64, 0xffffffff, 0xffffffff, "01100110011001" },
    { I64, UINT64_MAX, 0,          "01011010010110" },
};

/* The four condition ops for one (pair, condition): results into out[0..3]. */
static void gen_conditions(TCGType type, TCGCond cond, TCGTemp *a, TCGTemp *b)
{
    TCGTemp *r = output(type, 0, false), *n = output(type, 1, false);
    TCGTemp *m = output(type, 2, false);
    TCGTemp *yes = input(type, 4, 0x1111, FROM_CONST);
    TCGTemp *no = input(type, 5, 0x2222, FROM_TEMP);
    TCGLabel *taken = tcg_label_new(ctx), *done = tcg_label_new(ctx);
    TCGv_i64 flag = tcg_temp_new_i64();

    tcg_gen_op4(INDEX_op_setcond, type, temp_arg(r), temp_arg(a), temp_arg(b), cond);
    tcg_gen_op4(INDEX_op_negsetcond, type, temp_arg(n), temp_arg(a), temp_arg(b), cond);
    tcg_gen_op6(INDEX_op_movcond, type, temp_arg(m), temp_arg(a), temp_arg(b),
                temp_arg(yes), temp_arg(no), cond);
    store_out(r, 0);
    store_out(n, 1);
    store_out(m, 2);
    /* brcond emitted raw, so that never and always reach the interpreter too. */
    taken->refs++;
    tcg_gen_op4(INDEX_op_brcond, type, temp_arg(a), temp_arg(b), cond, label_arg(taken));
    tcg_gen_mov_i64(flag, tcg_constant_i64(0));
    tcg_gen_br(done);
    tcg_gen_set_label(taken);
    tcg_gen_mov_i64(flag, tcg_constant_i64(1));
    tcg_gen_set_label(done);
    tcg_gen_st_i64(flag, tcg_env, OUT(3));
    tcg_gen_exit_tb(0);
}

static void test_conditions(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(cond_answers); i++) {
        const CondAnswer *k = &cond_answers[i];
        uint64_t ones = k->type == I32 ? 0xffffffff : UINT64_MAX;

        for (TCGCond cond = 0; cond < TCG_COND_COUNT; cond++) {
            bool holds = k->holds[cond] == '1';

            for (Source src = 0; src < NB_SOURCES; src++) {
                TCGTemp *a, *b;

                begin();
                a = input(k->type, 0, k->a, src == FROM_CONST ? FROM_TEMP : src);
                b = input(k->type, 1, k->b, src);
                gen_conditions(k->type, cond, a, b);
                compile_run();
                if (st.out[0] != holds || st.out[1] != (holds ? ones : 0) ||
                    st.out[2] != (holds ? 0x1111 : 0x2222) || st.out[3] != holds) {
                    g_error("%s_i%d(0x%" PRIx64 ", 0x%" PRIx64 ") source %d: setcond %"
                            PRIx64 " negsetcond %" PRIx64 " movcond %" PRIx64
                            " brcond %" PRIx64 ", want %d", tcg_cond_name(cond),
                            k->type == I32 ? 32 : 64, k->a, k->b, src, st.out[0],
                            st.out[1], st.out[2], st.out[3], holds);
                }
            }
        }
    }
}

/* ---- Control flow ---- */

/* sum = 0 + 1 + ... + 100 with a backward branch; i64 count-down loop too. */
static void test_loops(void)
{
    TCGv_i32 i, sum;
    TCGv_i64 n, acc;
    TCGLabel *loop, *loop2;

    begin();
    i = tcg_temp_new_i32();
    sum = tcg_temp_new_i32();
    loop = tcg_label_new(ctx);
    tcg_gen_movi_i32(i, 0);
    tcg_gen_movi_i32(sum, 0);
    tcg_gen_set_label(loop);
    tcg_gen_add_i32(sum, sum, i);
    tcg_gen_addi_i32(i, i, 1);
    tcg_gen_brcondi_i32(TCG_COND_LT, i, 101, loop);
    store_out(tcgv_i32_temp(sum), 0);

    /* Count down in a global: g64[0] = 10 .. 1, doubling g64[1] each time. */
    n = g64[0];
    acc = g64[1];
    loop2 = tcg_label_new(ctx);
    tcg_gen_movi_i64(n, 10);
    tcg_gen_movi_i64(acc, 1);
    tcg_gen_set_label(loop2);
    tcg_gen_shli_i64(acc, acc, 1);
    tcg_gen_subi_i64(n, n, 1);
    tcg_gen_brcondi_i64(TCG_COND_NE, n, 0, loop2);
    tcg_gen_exit_tb(3);

    g_assert_cmpuint(compile_run(), ==, 3);
    g_assert_cmpuint(st.out[0], ==, 5050);
    g_assert_cmpuint(st.g64[0], ==, 0);
    g_assert_cmpuint(st.g64[1], ==, 1024);
}

/* Forward branches over code, a label reached by two paths, and labels on the same spot. */
static void test_labels(void)
{
    TCGLabel *skip, *other, *join, *same1, *same2;
    TCGv_i64 t;

    begin();
    t = tcg_temp_new_i64();
    skip = tcg_label_new(ctx);
    other = tcg_label_new(ctx);
    join = tcg_label_new(ctx);
    same1 = tcg_label_new(ctx);
    same2 = tcg_label_new(ctx);
    tcg_gen_ld_i64(t, tcg_env, IN(0));
    tcg_gen_br(skip);
    tcg_gen_st_i64(tcg_constant_i64(0xbad), tcg_env, OUT(0));
    tcg_gen_set_label(skip);
    tcg_gen_brcondi_i64(TCG_COND_EQ, t, 7, other);
    tcg_gen_st_i64(tcg_constant_i64(1), tcg_env, OUT(1));
    tcg_gen_br(join);
    tcg_gen_set_label(other);
    tcg_gen_st_i64(tcg_constant_i64(2), tcg_env, OUT(1));
    tcg_gen_set_label(join);
    tcg_gen_brcondi_i64(TCG_COND_ALWAYS, t, 0, same2);
    tcg_gen_exit_tb(99);
    tcg_gen_set_label(same1);
    tcg_gen_set_label(same2);
    tcg_gen_exit_tb(5);

    st.in[0] = 7;
    {
        const void *code = compile();

        g_assert_cmpuint(run(code), ==, 5);
        g_assert_cmpuint(st.out[0], ==, 0);
        g_assert_cmpuint(st.out[1], ==, 2);
        st.in[0] = 8;
        g_assert_cmpuint(run(code), ==, 5);
        g_assert_cmpuint(st.out[1], ==, 1);
    }
}

/* A TB with more temps than fit in the interpreter's stack frame. */
static void test_big_frame(void)
{
    enum { N = 3000 };
    TCGv_i64 prev;

    begin();
    prev = tcg_temp_new_i64();
    tcg_gen_ld_i64(prev, tcg_env, IN(0));
    for (int i = 1; i <= N; i++) {
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_addi_i64(t, prev, i);
        prev = t;
    }
    tcg_gen_st_i64(prev, tcg_env, OUT(0));
    tcg_gen_exit_tb(1);
    st.in[0] = 1000;
    g_assert_cmpuint(compile_run(), ==, 1);
    g_assert_cmpuint(st.out[0], ==, 1000 + N * (N + 1) / 2);
}

static void test_insn_offsets_and_markers(void)
{
    TCGv_i64 t;
    const void *code;
    size_t size;
    uint32_t *ends;

    begin();
    t = tcg_temp_new_i64();
    tcg_gen_insn_start(0x1000, 0, 0);
    tcg_gen_ld_i64(t, tcg_env, IN(0));
    tcg_gen_insn_start(0x1004, 1, 2);
    tcg_gen_addi_i64(t, t, 1);
    tcg_gen_mb(TCG_MO_ALL);
    tcg_gen_mb(TCG_MO_LD_LD | TCG_MO_ST_ST);
    tcg_gen_discard_i64(t);
    tcg_gen_insn_start(0x1008, 0, 0);
    tcg_gen_mov_i64(t, tcg_constant_i64(77));
    tcg_gen_st_i64(t, tcg_env, OUT(0));
    tcg_gen_exit_tb(4);
    g_assert_true(tcg_verify(ctx));
    code = tcg_backend_tci.gen_code(ctx, &size);
    g_assert_nonnull(code);
    g_assert_cmpuint(ctx->insn_end_offsets->len, ==, 3);
    ends = (uint32_t *)ctx->insn_end_offsets->data;
    g_assert_cmpuint(ends[0], >, 0);
    g_assert_cmpuint(ends[0], <, ends[1]);
    g_assert_cmpuint(ends[1], <, ends[2]);
    g_assert_cmpuint(ends[2], ==, size);
    g_assert_cmpuint(ctx->goto_tb_jump_offset[0], ==, UINT32_MAX);
    g_assert_cmpuint(run(code), ==, 4);
    g_assert_cmpuint(st.out[0], ==, 77);
}

/* ---- Return addresses and leaving by siglongjmp ---- */

static uintptr_t getpc_seen[4];
static int getpc_count;
static sigjmp_buf escape;

static void helper_getpc(void)
{
    getpc_seen[getpc_count++] = TCG_GETPC();
}

static void helper_escape(void)
{
    getpc_seen[getpc_count++] = TCG_GETPC();
    siglongjmp(escape, 1);
}

static const TCGHelperInfo info_getpc = {
    .func = helper_getpc, .name = "getpc", .flags = TCG_CALL_NO_RWG,
};
static const TCGHelperInfo info_escape = {
    .func = helper_escape, .name = "escape", .flags = 0,     /* raises */
};

/* The guest instruction a retaddr maps to (tcg-backend.h's rule). */
static int insn_of(const void *code, uintptr_t retaddr)
{
    GArray *ends = ctx->insn_end_offsets;

    g_assert_cmpuint(retaddr, >, (uintptr_t)code);
    for (guint i = 0; i < ends->len; i++) {
        if (g_array_index(ends, uint32_t, i) >= retaddr - (uintptr_t)code) {
            return i;
        }
    }
    return -1;
}

/* TCG_GETPC() in a helper maps to the instruction that called it. */
static void test_helper_retaddr(void)
{
    const void *code;

    begin();
    tcg_gen_insn_start(0x1000, 0, 0);
    tcg_gen_call(&info_getpc, NULL, NULL);
    tcg_gen_insn_start(0x1004, 0, 0);
    tcg_gen_st_i64(tcg_constant_i64(5), tcg_env, OUT(0));
    tcg_gen_insn_start(0x1008, 0, 0);
    tcg_gen_st_i64(tcg_constant_i64(6), tcg_env, OUT(1));
    tcg_gen_call(&info_getpc, NULL, NULL);
    tcg_gen_insn_start(0x100c, 0, 0);
    tcg_gen_call(&info_getpc, NULL, NULL);
    tcg_gen_st_i64(tcg_constant_i64(7), tcg_env, OUT(2));
    tcg_gen_exit_tb(0);
    code = compile();
    getpc_count = 0;
    run(code);
    g_assert_cmpint(getpc_count, ==, 3);
    g_assert_cmpint(insn_of(code, getpc_seen[0]), ==, 0);
    g_assert_cmpint(insn_of(code, getpc_seen[1]), ==, 2);
    g_assert_cmpint(insn_of(code, getpc_seen[2]), ==, 3);
}

/*
 * A helper that raises (siglongjmp) out of a TB with a frame too big for
 * the stack, as a guest memory fault does: the interpreter's state stays
 * usable and the next run reclaims the abandoned heap frame.
 */
static void test_helper_longjmp(void)
{
    enum { N = 1500 };
    TCGv_i64 prev;
    const void *code;

    begin();
    tcg_gen_insn_start(0x2000, 0, 0);
    prev = tcg_temp_new_i64();
    tcg_gen_ld_i64(prev, tcg_env, IN(0));
    for (int i = 1; i <= N; i++) {
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_addi_i64(t, prev, i);
        prev = t;
    }
    tcg_gen_st_i64(prev, tcg_env, OUT(0));
    tcg_gen_insn_start(0x2004, 0, 0);
    tcg_gen_call(&info_escape, NULL, NULL);
    tcg_gen_exit_tb(1);
    code = compile();
    for (int i = 0; i < 3; i++) {
        getpc_count = 0;
        st.in[0] = i;
        if (sigsetjmp(escape, 0) == 0) {
            run(code);
            g_assert_not_reached();
        }
        g_assert_cmpint(getpc_count, ==, 1);
        g_assert_cmpint(insn_of(code, getpc_seen[0]), ==, 1);
        g_assert_cmpuint(st.out[0], ==, i + N * (N + 1) / 2);
    }
    /* An ordinary TB still runs (and frees what the last escape left). */
    begin();
    tcg_gen_exit_tb(3);
    g_assert_cmpuint(compile_run(), ==, 3);
}

/* A TB whose only operands are globals and constants: env is never named. */
static void test_globals_only(void)
{
    TCGLabel *l;

    begin();
    l = tcg_label_new(ctx);
    st.g64[0] = 40;
    st.g32[0] = 0xffffffff;
    tcg_gen_addi_i64(g64[0], g64[0], 2);
    tcg_gen_brcondi_i64(TCG_COND_NE, g64[0], 42, l);
    tcg_gen_mov_i64(g64[1], g64[0]);
    tcg_gen_addi_i32(g32[1], g32[0], 2);
    tcg_gen_mov_i32(g32[2], g32[1]);
    tcg_gen_set_label(l);
    tcg_gen_exit_tb(6);
    g_assert_cmpuint(compile_run(), ==, 6);
    g_assert_cmpuint(st.g64[0], ==, 42);
    g_assert_cmpuint(st.g64[1], ==, 42);
    g_assert_cmphex(st.g32[1], ==, 1);
    g_assert_cmphex(st.g32[2], ==, 1);
    g_assert_cmphex(st.g32[3], ==, 0);
}

/* ---- Helpers ---- */

static uint64_t seen[TCG_MAX_HELPER_ARGS];
static int seen_count;

static uint64_t helper0(void)
{
    seen_count = 0;
    return 0x4242;
}

static uint64_t helper1(uint32_t a)
{
    seen[0] = a;
    seen_count = 1;
    return 0x100 + a;
}

static uint64_t helper2(uint64_t a, uint32_t b)
{
    seen[0] = a;
    seen[1] = b;
    seen_count = 2;
    return a + b;
}

static uint64_t helper3(uint64_t a, uint64_t b, uint64_t c)
{
    seen[0] = a;
    seen[1] = b;
    seen[2] = c;
    seen_count = 3;
    return a ^ b ^ c;
}

static uint32_t helper4(uint32_t a, uint64_t b, uint32_t c, uint64_t d)
{
    seen[0] = a;
    seen[1] = b;
    seen[2] = c;
    seen[3] = d;
    seen_count = 4;
    return a + c;
}

static uint64_t helper5(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e)
{
    uint64_t v[] = { a, b, c, d, e };

    memcpy(seen, v, sizeof(v));
    seen_count = 5;
    return a + b + c + d + e;
}

static uint64_t helper6(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e,
                        uint32_t f)
{
    uint64_t v[] = { a, b, c, d, e, f };

    memcpy(seen, v, sizeof(v));
    seen_count = 6;
    return a + b + c + d + e + f;
}

/* 7 and 8 arguments: the last ones travel on the stack. */
static uint64_t helper7(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e,
                        uint64_t f, uint32_t g)
{
    uint64_t v[] = { a, b, c, d, e, f, g };

    memcpy(seen, v, sizeof(v));
    seen_count = 7;
    return a + b + c + d + e + f + g;
}

static uint64_t helper8(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e,
                        uint64_t f, uint64_t g, uint64_t h)
{
    uint64_t v[] = { a, b, c, d, e, f, g, h };

    memcpy(seen, v, sizeof(v));
    seen_count = 8;
    return a + b + c + d + e + f + g + h;
}

static void void_helper(uint64_t a)
{
    seen[0] = a;
    seen_count = 1;
}

/* Argument types of the helpers above; the result type is i64 except helper4's. */
static const TCGType helper_arg_types[9][TCG_MAX_HELPER_ARGS] = {
    [1] = { I32 },
    [2] = { I64, I32 },
    [3] = { I64, I64, I64 },
    [4] = { I32, I64, I32, I64 },
    [5] = { I64, I64, I64, I64, I64 },
    [6] = { I64, I64, I64, I64, I64, I32 },
    [7] = { I64, I64, I64, I64, I64, I64, I32 },
    [8] = { I64, I64, I64, I64, I64, I64, I64, I64 },
};

static const void *const helper_funcs[9] = {
    helper0, helper1, helper2, helper3, helper4, helper5, helper6, helper7, helper8,
};

static void test_helper_args(void)
{
    for (unsigned n = 0; n <= TCG_MAX_HELPER_ARGS; n++) {
        TCGHelperInfo info = {
            .func = helper_funcs[n], .name = "helper", .has_ret = true,
            .ret_type = n == 4 ? I32 : I64, .nb_args = n,
        };
        TCGTemp *args[TCG_MAX_HELPER_ARGS], *ret;
        uint64_t values[TCG_MAX_HELPER_ARGS], want = 0;

        memcpy(info.arg_types, helper_arg_types[n], sizeof(info.arg_types));
        begin();
        for (unsigned i = 0; i < n; i++) {
            TCGType type = info.arg_types[i];
            Source src = i % NB_SOURCES;

            /* Distinct values with high bits set, so a swapped or cut argument shows. */
            values[i] = tcg_eval_trunc(type, 0x8100000000000001ull * (i + 1) + (i << 20));
            if ((src == FROM_GLOBAL && i >= 4) || (src == FROM_TEMP && i >= 6)) {
                src = FROM_CONST;   /* only 4 globals of each type and 6 inputs */
            }
            args[i] = input(type, i, values[i], src);
            want += values[i];
        }
        ret = output(info.ret_type, 2, n % 2);
        tcg_gen_call(&info, ret, args);
        store_out(ret, 0);
        tcg_gen_exit_tb(0);
        seen_count = -1;
        compile_run();
        g_assert_cmpint(seen_count, ==, n);
        for (unsigned i = 0; i < n; i++) {
            if (seen[i] != values[i]) {
                g_error("helper%u argument %u: got 0x%" PRIx64 ", want 0x%" PRIx64,
                        n, i, seen[i], values[i]);
            }
        }
        switch (n) {
        case 0:
            want = 0x4242;
            break;
        case 1:
            want = 0x100 + values[0];
            break;
        case 3:
            want = values[0] ^ values[1] ^ values[2];
            break;
        case 4:
            want = (uint32_t)(values[0] + values[2]);
            break;
        default:
            break;
        }
        g_assert_cmphex(st.out[0], ==, want);
    }
}

static uint64_t wide_result(void)
{
    return 0x1234567887654321ull;
}

static uint64_t record_arg(uint64_t a)
{
    seen[0] = a;
    return a;
}

/* An i32 result is truncated: a helper that sees the slot's 64 bits can tell. */
static void test_helper_results(void)
{
    static const TCGHelperInfo wide32 = {
        .func = wide_result, .name = "wide32", .has_ret = true, .ret_type = I32,
    };
    static const TCGHelperInfo wide64 = {
        .func = wide_result, .name = "wide64", .has_ret = true, .ret_type = I64,
    };
    static const TCGHelperInfo record32 = {
        .func = record_arg, .name = "record32", .has_ret = true, .ret_type = I64,
        .nb_args = 1, .arg_types = { I32 },
    };
    static const TCGHelperInfo record_void = {
        .func = void_helper, .name = "void", .nb_args = 1, .arg_types = { I64 },
    };
    TCGv_i32 r32;
    TCGv_i64 r64, seen64;
    TCGTemp *arg;

    begin();
    r32 = tcg_temp_new_i32();
    r64 = tcg_temp_new_i64();
    seen64 = tcg_temp_new_i64();
    tcg_gen_call(&wide32, tcgv_i32_temp(r32), NULL);
    arg = tcgv_i32_temp(r32);
    tcg_gen_call(&record32, tcgv_i64_temp(seen64), &arg);
    tcg_gen_st_i64(seen64, tcg_env, OUT(0));
    tcg_gen_call(&wide64, tcgv_i64_temp(r64), NULL);
    tcg_gen_st_i64(r64, tcg_env, OUT(1));
    arg = tcgv_i64_temp(r64);
    tcg_gen_call(&record_void, NULL, &arg);
    tcg_gen_exit_tb(0);
    compile_run();
    g_assert_cmphex(st.out[0], ==, 0x87654321);
    g_assert_cmphex(st.out[1], ==, 0x1234567887654321ull);
    g_assert_cmphex(seen[0], ==, 0x1234567887654321ull);
}

/* Reads g64[0] as the helper sees it in memory and writes g64[1] and g32[0]. */
static uint64_t helper_globals(void *env)
{
    TestState *s = env;

    s->g64[1] = s->g64[0] * 3;
    s->g32[0] = 0xfedcba98;
    return s->g64[0];
}

static void test_helper_globals(void)
{
    static const TCGHelperInfo info = {
        .func = helper_globals, .name = "globals", .has_ret = true, .ret_type = I64,
        .nb_args = 1, .arg_types = { TCG_TYPE_PTR },
    };
    TCGv_i64 r;
    TCGv_i32 w;
    TCGTemp *arg = tcgv_ptr_temp(tcg_env);

    begin();
    r = tcg_temp_new_i64();
    w = tcg_temp_new_i32();
    tcg_gen_movi_i64(g64[0], 41);
    tcg_gen_addi_i64(g64[0], g64[0], 1);           /* the helper must see 42 */
    tcg_gen_movi_i64(g64[1], 5);
    tcg_gen_movi_i32(g32[0], 6);
    tcg_gen_call(&info, tcgv_i64_temp(r), &arg);
    tcg_gen_st_i64(r, tcg_env, OUT(0));
    tcg_gen_addi_i64(g64[2], g64[1], 1);           /* and later ops see its writes */
    tcg_gen_mov_i32(w, g32[0]);
    tcg_gen_addi_i32(g32[1], w, 1);
    tcg_gen_exit_tb(0);
    compile_run();
    g_assert_cmpuint(st.out[0], ==, 42);
    g_assert_cmpuint(st.g64[1], ==, 126);
    g_assert_cmpuint(st.g64[2], ==, 127);
    g_assert_cmphex(st.g32[0], ==, 0xfedcba98);
    g_assert_cmphex(st.g32[1], ==, 0xfedcba99);
}

/* ---- Host memory ---- */

static void test_loads(void)
{
    static const struct {
        TCGOpcode opc;
        TCGType type;
        unsigned offset;
        uint64_t expect;
    } loads[] = {
        { INDEX_op_ld8u, I32, 0, 0x80 },
        { INDEX_op_ld8u, I64, 0, 0x80 },
        { INDEX_op_ld8s, I32, 0, 0xffffff80 },
        { INDEX_op_ld8s, I64, 0, 0xffffffffffffff80 },
        { INDEX_op_ld8s, I64, 31, 0x1f },
        { INDEX_op_ld16u, I32, 1, 0x8281 },
        { INDEX_op_ld16u, I64, 1, 0x8281 },
        { INDEX_op_ld16s, I32, 1, 0xffff8281 },
        { INDEX_op_ld16s, I64, 1, 0xffffffffffff8281 },
        { INDEX_op_ld32u, I64, 3, 0x86858483 },
        { INDEX_op_ld32s, I64, 3, 0xffffffff86858483 },
        { INDEX_op_ld32s, I64, 28, 0x1f1e1d1c },
        { INDEX_op_ld, I32, 1, 0x84838281 },
        { INDEX_op_ld, I64, 5, 0x8c8b8a8988878685 },
        { INDEX_op_ld, I64, 24, 0x1f1e1d1c1b1a1918 },
    };

    for (size_t i = 0; i < ARRAY_SIZE(loads); i++) {
        for (int through_ptr = 0; through_ptr < 2; through_ptr++) {
            TCGTemp *r, *base;
            intptr_t offset;

            begin();
            for (unsigned j = 0; j < sizeof(st.mem); j++) {
                st.mem[j] = j < 16 ? 0x80 + j : j;
            }
            r = output(loads[i].type, 0, false);
            if (through_ptr) {
                /* A computed base pointer and a negative offset. */
                TCGv_ptr p = tcg_temp_new_ptr();

                tcg_gen_addi_ptr(p, tcg_env, offsetof(TestState, mem) + 8);
                base = tcgv_ptr_temp(p);
                offset = (intptr_t)loads[i].offset - 8;
            } else {
                base = tcgv_ptr_temp(tcg_env);
                offset = offsetof(TestState, mem) + loads[i].offset;
            }
            tcg_gen_op3(loads[i].opc, loads[i].type, temp_arg(r), temp_arg(base), offset);
            store_out(r, 0);
            tcg_gen_exit_tb(0);
            compile_run();
            if (st.out[0] != loads[i].expect) {
                g_error("%s_i%d at %u: got 0x%" PRIx64 ", want 0x%" PRIx64,
                        tcg_op_defs[loads[i].opc].name, loads[i].type == I32 ? 32 : 64,
                        loads[i].offset, st.out[0], loads[i].expect);
            }
        }
    }
}

static void test_stores(void)
{
    static const struct {
        TCGOpcode opc;
        TCGType type;
        unsigned offset, size;
    } stores[] = {
        { INDEX_op_st8, I32, 3, 1 },
        { INDEX_op_st8, I64, 0, 1 },
        { INDEX_op_st16, I32, 5, 2 },
        { INDEX_op_st16, I64, 1, 2 },
        { INDEX_op_st32, I64, 7, 4 },
        { INDEX_op_st, I32, 9, 4 },
        { INDEX_op_st, I64, 11, 8 },
        { INDEX_op_st, I64, 24, 8 },
    };
    static const uint8_t value_bytes[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };
    uint64_t value = 0x8877665544332211ull;
    /* A buffer of its own, reached through a constant pointer. */
    uint8_t *outside = g_malloc(sizeof(st.mem));

    for (size_t i = 0; i < ARRAY_SIZE(stores); i++) {
        for (int through_const = 0; through_const < 2; through_const++) {
            uint8_t *mem = through_const ? outside : st.mem;
            TCGTemp *v, *base;

            begin();
            memset(mem, 0xee, sizeof(st.mem));
            v = input(stores[i].type, 0, value, i % 2 ? FROM_TEMP : FROM_CONST);
            if (through_const) {
                base = tcgv_ptr_temp(tcg_constant_ptr((intptr_t)outside));
            } else {
                base = tcgv_ptr_temp(tcg_env);
            }
            tcg_gen_op3(stores[i].opc, stores[i].type, temp_arg(v), temp_arg(base),
                        (through_const ? 0 : offsetof(TestState, mem)) + stores[i].offset);
            tcg_gen_exit_tb(0);
            compile_run();
            for (unsigned j = 0; j < sizeof(st.mem); j++) {
                unsigned k = j - stores[i].offset;
                uint8_t want = j >= stores[i].offset && k < stores[i].size
                               ? value_bytes[k] : 0xee;

                if (mem[j] != want) {
                    g_error("%s_i%d at %u: byte %u is 0x%02x, want 0x%02x",
                            tcg_op_defs[stores[i].opc].name,
                            stores[i].type == I32 ? 32 : 64, stores[i].offset, j,
                            mem[j], want);
                }
            }
        }
    }
    g_free(outside);
}

/* ---- Leaving the TB ---- */

/* A TB that stores 99 and leaves with 7, to jump to. */
static const void *gen_target_tb(void)
{
    begin();
    tcg_gen_st_i64(tcg_constant_i64(99), tcg_env, OUT(0));
    tcg_gen_exit_tb(7);
    return compile();
}

static void test_goto_tb(void)
{
    const void *target, *code;
    uint64_t *word;
    uint32_t jump, reset;
    TCGv_i64 t;

    code_buffer_flush();        /* both TBs in one generation */
    target = gen_target_tb();
    begin();
    t = tcg_temp_new_i64();
    tcg_gen_ld_i64(t, tcg_env, IN(0));
    tcg_gen_st_i64(t, tcg_env, OUT(1));
    tcg_gen_goto_tb(1);
    tcg_gen_exit_tb(1);
    code = compile();
    jump = ctx->goto_tb_jump_offset[1];
    reset = ctx->goto_tb_reset_offset[1];
    g_assert_cmpuint(ctx->goto_tb_jump_offset[0], ==, UINT32_MAX);
    g_assert_cmpuint(jump, !=, UINT32_MAX);
    g_assert_cmpuint(reset, >=, jump + 8);
    g_assert_cmpuint(((uintptr_t)code + jump) % 8, ==, 0);
    word = code_buffer_rw((const uint8_t *)code + jump);

    /* Unchained: continue with the next op. */
    g_assert_cmpuint(*word, ==, 0);
    st.in[0] = 5;
    g_assert_cmpuint(run(code), ==, 1);
    g_assert_cmpuint(st.out[0], ==, 0);
    g_assert_cmpuint(st.out[1], ==, 5);

    /* Chained by hand, as the TB cache will. */
    __atomic_store_n(word, (uintptr_t)target, __ATOMIC_RELEASE);
    g_assert_cmpuint(run(code), ==, 7);
    g_assert_cmpuint(st.out[0], ==, 99);
    g_assert_cmpuint(st.out[1], ==, 5);

    /* Reset to the fall-through address, as a native-style TB cache might. */
    st.out[0] = 0;
    __atomic_store_n(word, (uintptr_t)code + reset, __ATOMIC_RELEASE);
    g_assert_cmpuint(run(code), ==, 1);
    g_assert_cmpuint(st.out[0], ==, 0);
    __atomic_store_n(word, 0, __ATOMIC_RELEASE);
    g_assert_cmpuint(run(code), ==, 1);
}

/* Both goto_tb slots, in the order frontends emit them, and a chain into a big TB. */
static void test_goto_tb_two_slots(void)
{
    const void *big, *code;
    TCGv_i64 t, prev;
    TCGLabel *other;

    code_buffer_flush();
    begin();
    prev = tcg_temp_new_i64();
    tcg_gen_ld_i64(prev, tcg_env, IN(1));
    for (int i = 0; i < 2000; i++) {
        TCGv_i64 n = tcg_temp_new_i64();

        tcg_gen_addi_i64(n, prev, 1);
        prev = n;
    }
    tcg_gen_st_i64(prev, tcg_env, OUT(2));
    tcg_gen_exit_tb(20);
    big = compile();

    begin();
    t = tcg_temp_new_i64();
    other = tcg_label_new(ctx);
    tcg_gen_ld_i64(t, tcg_env, IN(0));
    tcg_gen_brcondi_i64(TCG_COND_NE, t, 0, other);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(10);
    tcg_gen_set_label(other);
    tcg_gen_goto_tb(1);
    tcg_gen_exit_tb(11);
    code = compile();
    g_assert_cmpuint(ctx->goto_tb_jump_offset[0], <, ctx->goto_tb_jump_offset[1]);
    g_assert_cmpuint(((uintptr_t)code + ctx->goto_tb_jump_offset[0]) % 8, ==, 0);
    g_assert_cmpuint(((uintptr_t)code + ctx->goto_tb_jump_offset[1]) % 8, ==, 0);
    *(uint64_t *)code_buffer_rw((const uint8_t *)code + ctx->goto_tb_jump_offset[1]) =
        (uintptr_t)big;

    st.in[0] = 0;
    g_assert_cmpuint(run(code), ==, 10);
    st.in[0] = 1;
    st.in[1] = 1;
    g_assert_cmpuint(run(code), ==, 20);
    g_assert_cmpuint(st.out[2], ==, 2001);
}

static void test_goto_ptr(void)
{
    const void *target, *code;
    TCGv_ptr p;

    code_buffer_flush();
    target = gen_target_tb();
    begin();
    p = tcg_temp_new_ptr();
    tcg_gen_ld_ptr(p, tcg_env, offsetof(TestState, ptr));
    tcg_gen_goto_ptr(p);
    code = compile();

    st.ptr = 0;
    g_assert_cmpuint(run(code), ==, 0);
    g_assert_cmpuint(st.out[0], ==, 0);
    st.ptr = (uintptr_t)target;
    g_assert_cmpuint(run(code), ==, 7);
    g_assert_cmpuint(st.out[0], ==, 99);
}

/* ---- The code buffer ---- */

static void gen_small_tb(void)
{
    TCGLabel *l;
    TCGv_i64 t;

    begin();
    t = tcg_temp_new_i64();
    l = tcg_label_new(ctx);
    tcg_gen_ld_i64(t, tcg_env, IN(0));
    tcg_gen_brcondi_i64(TCG_COND_EQ, t, 0, l);
    tcg_gen_addi_i64(t, t, 0x10);
    tcg_gen_set_label(l);
    tcg_gen_st_i64(t, tcg_env, OUT(0));
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(3);
}

static void test_buffer_full(void)
{
    size_t avail, size, room;
    const void *code;

    code_buffer_flush();
    gen_small_tb();
    code_buffer_begin(&avail);
    code_buffer_commit(avail - 16);                 /* leave 16 bytes */
    code_buffer_begin(&avail);
    g_assert_cmpuint(avail, <=, 16);
    g_assert_null(tcg_backend_tci.gen_code(ctx, &size));

    /* A failed attempt leaves nothing behind: the same op list compiles after a flush. */
    code_buffer_flush();
    code = tcg_backend_tci.gen_code(ctx, &size);
    g_assert_nonnull(code);
    g_assert_cmpuint(ctx->insn_end_offsets->len, ==, 0);
    st.in[0] = 1;
    g_assert_cmpuint(run(code), ==, 3);
    g_assert_cmpuint(st.out[0], ==, 0x11);

    /* Room rounded up to 16 bytes fits; 16 bytes less does not. */
    room = (size + 15) & ~(size_t)15;
    code_buffer_flush();
    code_buffer_begin(&avail);
    code_buffer_commit(avail - room);
    code_buffer_begin(&avail);
    g_assert_cmpuint(avail, ==, room);
    g_assert_nonnull(tcg_backend_tci.gen_code(ctx, &size));
    code_buffer_flush();
    code_buffer_begin(&avail);
    code_buffer_commit(avail - (room - 16));
    code_buffer_begin(&avail);
    g_assert_cmpuint(avail, ==, room - 16);
    g_assert_null(tcg_backend_tci.gen_code(ctx, &size));
    code_buffer_flush();
}

int main(int argc, char **argv)
{
    static char names[8][8];

    g_test_init(&argc, &argv, NULL);
    code_buffer_init(4 * MiB, &error_abort);
    g_assert_true(tcg_backend_tci.init(&error_abort));
    ctx = tcg_context_new(tcg_backend_tci.env_reg);
    for (int i = 0; i < 4; i++) {
        snprintf(names[i], sizeof(names[i]), "x%d", i);
        g64[i] = tcg_global_mem_new_i64(tcg_env, offsetof(TestState, g64[i]), names[i]);
        snprintf(names[4 + i], sizeof(names[4 + i]), "w%d", i);
        g32[i] = tcg_global_mem_new_i32(tcg_env, offsetof(TestState, g32[i]), names[4 + i]);
    }

    g_test_add_func("/tcg/tci/ops/binary-known", test_binary_known);
    g_test_add_func("/tcg/tci/ops/unary-known", test_unary_known);
    g_test_add_func("/tcg/tci/ops/edge-sweep", test_edge_sweep);
    g_test_add_func("/tcg/tci/ops/bit-fields", test_bit_fields);
    g_test_add_func("/tcg/tci/ops/double-word", test_double_word);
    g_test_add_func("/tcg/tci/ops/conditions", test_conditions);
    g_test_add_func("/tcg/tci/flow/loops", test_loops);
    g_test_add_func("/tcg/tci/flow/labels", test_labels);
    g_test_add_func("/tcg/tci/flow/big-frame", test_big_frame);
    g_test_add_func("/tcg/tci/flow/insn-offsets-markers", test_insn_offsets_and_markers);
    g_test_add_func("/tcg/tci/flow/globals-only", test_globals_only);
    g_test_add_func("/tcg/tci/call/arguments", test_helper_args);
    g_test_add_func("/tcg/tci/call/results", test_helper_results);
    g_test_add_func("/tcg/tci/call/globals", test_helper_globals);
    g_test_add_func("/tcg/tci/call/retaddr", test_helper_retaddr);
    g_test_add_func("/tcg/tci/call/longjmp-out", test_helper_longjmp);
    g_test_add_func("/tcg/tci/mem/loads", test_loads);
    g_test_add_func("/tcg/tci/mem/stores", test_stores);
    g_test_add_func("/tcg/tci/exit/goto-tb", test_goto_tb);
    g_test_add_func("/tcg/tci/exit/goto-tb-two-slots", test_goto_tb_two_slots);
    g_test_add_func("/tcg/tci/exit/goto-ptr", test_goto_ptr);
    g_test_add_func("/tcg/tci/buffer-full", test_buffer_full);

    int ret = g_test_run();

    tcg_context_free(ctx);
    code_buffer_destroy();
    return ret;
}
