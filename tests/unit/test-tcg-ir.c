/*
 * The IR core: building ops, constants, labels, the verifier and the dump.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "tcg/tcg-op.h"
#include "tcg/eval.h"

typedef struct TestState {
    uint64_t x[4];
    uint32_t w;
} TestState;

static TCGContext *ctx;
static TCGv_i64 x0, x1;
static TCGv_i32 w;

static void setup(void)
{
    ctx = tcg_context_new(14);
    x0 = tcg_global_mem_new_i64(tcg_env, offsetof(TestState, x[0]), "x0");
    x1 = tcg_global_mem_new_i64(tcg_env, offsetof(TestState, x[1]), "x1");
    w = tcg_global_mem_new_i32(tcg_env, offsetof(TestState, w), "w");
    tcg_func_start(ctx);
}

static void teardown(void)
{
    tcg_context_free(ctx);
    ctx = NULL;
}

static char *dump(void)
{
    char *text;
    size_t len;
    FILE *f = open_memstream(&text, &len);

    tcg_dump_ops(ctx, f);
    fclose(f);
    return text;
}

static void test_build_and_dump(void)
{
    TCGLabel *l;
    TCGv_i64 t;
    char *text;

    setup();
    l = tcg_label_new(ctx);
    t = tcg_temp_new_i64();
    tcg_gen_insn_start(0x1000, 0, 0);
    tcg_gen_addi_i64(t, x0, 16);
    tcg_gen_brcondi_i64(TCG_COND_LT, t, 0, l);
    tcg_gen_mov_i64(x1, t);
    tcg_gen_set_label(l);
    tcg_gen_exit_tb(0);
    g_assert_true(tcg_verify(ctx));
    g_assert_cmpuint(ctx->nb_ops, ==, 6);
    g_assert_cmpuint(ctx->nb_insns, ==, 1);
    text = dump();
    g_assert_cmpstr(text, ==,
                    " ---- 0000000000001000 0000000000000000 0000000000000000\n"
                    " add_i64 tmp0,x0,$0x10\n"
                    " brcond_i64 tmp0,$0x0,lt,$L0\n"
                    " mov_i64 x1,tmp0\n"
                    " set_label $L0\n"
                    " exit_tb $0x0\n");
    free(text);
    teardown();
}

static void test_constants_interned(void)
{
    setup();
    g_assert_true(tcg_constant_i32(-1) == tcg_constant_i32(-1));
    g_assert_true((void *)tcg_constant_i32(5) != (void *)tcg_constant_i64(5));
    g_assert_cmpuint(temp_const_value(tcgv_i32_temp(tcg_constant_i32(-1))), ==, 0xffffffffu);
    g_assert_cmpuint(temp_const_value(tcgv_i64_temp(tcg_constant_i64(-1))), ==, UINT64_MAX);
    /* A new TB drops per-TB temps and constants but keeps the globals. */
    tcg_temp_new_i32();
    g_assert_cmpuint(ctx->nb_temps, >, ctx->nb_globals);
    tcg_func_start(ctx);
    g_assert_cmpuint(ctx->nb_temps, ==, ctx->nb_globals);
    g_assert_cmpuint(ctx->nb_globals, ==, 4);     /* env, x0, x1, w */
    teardown();
}

static void test_edit_ops(void)
{
    TCGv_i64 t;
    TCGOp *first, *inserted;

    setup();
    t = tcg_temp_new_i64();
    tcg_gen_movi_i64(t, 1);
    tcg_gen_add_i64(x0, x0, t);
    first = ctx->first_op;
    inserted = tcg_op_insert_after(ctx, first, INDEX_op_neg, TCG_TYPE_I64, 2);
    inserted->args[0] = temp_arg(tcgv_i64_temp(t));
    inserted->args[1] = temp_arg(tcgv_i64_temp(t));
    g_assert_true(first->next == inserted && inserted->next == ctx->last_op);
    tcg_op_remove(ctx, first);
    g_assert_true(ctx->first_op == inserted && inserted->prev == NULL);
    g_assert_cmpuint(ctx->nb_ops, ==, 2);
    teardown();
}

static void test_verify_rejects(void)
{
    TCGv_i32 e;
    TCGLabel *l;

    if (!g_test_subprocess()) {
        /* The verifier prints to stderr: run the failing cases quietly in a child. */
        g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
        g_test_trap_assert_passed();
        g_test_trap_assert_stderr("*EBB temp read outside the block*");
        return;
    }
    /* An EBB temp written before a label and read after it. */
    setup();
    e = tcg_temp_ebb_new_i32();
    l = tcg_label_new(ctx);
    tcg_gen_movi_i32(e, 1);
    tcg_gen_set_label(l);
    tcg_gen_mov_i32(w, e);
    g_assert_false(tcg_verify(ctx));

    /* A type mismatch smuggled in through the raw emitter. */
    tcg_func_start(ctx);
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(w)),
                temp_arg(tcgv_i64_temp(x0)), temp_arg(tcgv_i32_temp(w)));
    g_assert_false(tcg_verify(ctx));

    /* A branch to a label that is never set. */
    tcg_func_start(ctx);
    tcg_gen_br(tcg_label_new(ctx));
    g_assert_false(tcg_verify(ctx));

    /* A constant as an output. */
    tcg_func_start(ctx);
    tcg_gen_op2(INDEX_op_mov, TCG_TYPE_I32, temp_arg(tcgv_i32_temp(tcg_constant_i32(1))),
                temp_arg(tcgv_i32_temp(w)));
    g_assert_false(tcg_verify(ctx));
    teardown();
}

static void test_cond_helpers(void)
{
    for (TCGCond c = TCG_COND_NEVER; c < TCG_COND_COUNT; c++) {
        static const uint64_t v[] = { 0, 1, 0x7fffffff, 0x80000000, UINT64_MAX, 5 };

        for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
            for (size_t j = 0; j < ARRAY_SIZE(v); j++) {
                for (TCGType t = TCG_TYPE_I32; t <= TCG_TYPE_I64; t++) {
                    bool r = tcg_cond_eval(c, t, v[i], v[j]);

                    g_assert_true(tcg_cond_eval(tcg_invert_cond(c), t, v[i], v[j]) == !r);
                    g_assert_true(tcg_cond_eval(tcg_swap_cond(c), t, v[j], v[i]) == r);
                }
            }
        }
    }
    /* i32 compares only the low half, signed or not. */
    g_assert_true(tcg_cond_eval(TCG_COND_LT, TCG_TYPE_I32, 0x80000000, 0));
    g_assert_false(tcg_cond_eval(TCG_COND_LT, TCG_TYPE_I64, 0x80000000, 0));
    g_assert_true(tcg_cond_eval(TCG_COND_EQ, TCG_TYPE_I32, 0x100000001ULL, 1));
}

static void test_eval_reference(void)
{
    uint64_t lo, hi;

    g_assert_cmphex(tcg_eval_binary(INDEX_op_sar, TCG_TYPE_I32, 0x80000000, 4), ==, 0xf8000000);
    g_assert_cmphex(tcg_eval_binary(INDEX_op_rotl, TCG_TYPE_I32, 0x80000001, 1), ==, 3);
    g_assert_cmphex(tcg_eval_binary(INDEX_op_div, TCG_TYPE_I32, 0x80000000, -1), ==, 0x80000000);
    g_assert_cmphex(tcg_eval_binary(INDEX_op_mulsh, TCG_TYPE_I64, -1, -1), ==, 0);
    g_assert_cmphex(tcg_eval_binary(INDEX_op_clz, TCG_TYPE_I64, 0, 64), ==, 64);
    g_assert_cmphex(tcg_eval_binary(INDEX_op_ctz, TCG_TYPE_I32, 0x100, 32), ==, 8);
    g_assert_cmphex(tcg_eval_unary(INDEX_op_bswap32, TCG_TYPE_I64, 0xaabbccdd11223344ULL), ==, 0x44332211);
    g_assert_cmphex(tcg_eval_sextract(TCG_TYPE_I32, 0x00f00000, 20, 4), ==, 0xffffffff);
    g_assert_cmphex(tcg_eval_deposit(TCG_TYPE_I64, ~0ULL, 0, 8, 8), ==, 0xffffffffffff00ffULL);
    g_assert_cmphex(tcg_eval_extract2(TCG_TYPE_I32, 0x12345678, 0x9abcdef0, 8), ==, 0xf0123456);
    tcg_eval_mul2(INDEX_op_muls2, TCG_TYPE_I32, -2, 3, &lo, &hi);
    g_assert_cmphex(lo, ==, 0xfffffffa);
    g_assert_cmphex(hi, ==, 0xffffffff);
    tcg_eval_addsub2(INDEX_op_add2, TCG_TYPE_I64, UINT64_MAX, 0, 1, 0, &lo, &hi);
    g_assert_cmphex(lo, ==, 0);
    g_assert_cmphex(hi, ==, 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/ir/build-and-dump", test_build_and_dump);
    g_test_add_func("/tcg/ir/constants", test_constants_interned);
    g_test_add_func("/tcg/ir/edit", test_edit_ops);
    g_test_add_func("/tcg/ir/verify-rejects", test_verify_rejects);
    g_test_add_func("/tcg/ir/conditions", test_cond_helpers);
    g_test_add_func("/tcg/ir/eval", test_eval_reference);
    return g_test_run();
}
