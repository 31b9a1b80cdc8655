/*
 * The IR optimizer (tcg/optimize*.c): for each rule, a small program built
 * with the builder API where the rule must fire, checked by the exact op
 * list tcg_optimize() leaves (as tcg_dump_ops prints it) and by
 * tcg_verify(); and programs where a rule must not fire (a global's copy
 * across a helper call, knowledge across a label, a value from two paths).
 * When the interpreter backend is there, the programs with effects also
 * run before and after optimization and must leave the same CPU state.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "tcg/code-buffer.h"
#include "tcg/optimize.h"
#include "tcg/tcg-backend.h"
#include "tcg/tcg-op.h"

/* The CPU state the programs' globals live in. */
typedef struct Env {
    uint64_t x[4];
    uint32_t w[2];
    uint64_t helper_calls;
} Env;

static TCGContext *ctx;
static TCGv_i64 x[4];           /* globals x0..x3 */
static TCGv_i32 w[2];           /* globals w0, w1 */
/* Per TB, created first so they print as tmp0..tmp7, tmp8..tmp11, ebb12, ebb13. */
static TCGv_i64 t[8];
static TCGv_i32 u[4];
static TCGv_i64 e[2];

/* ---- Fixture ---- */

static void start(void)
{
    tcg_func_start(ctx);
    for (int i = 0; i < 8; i++) {
        t[i] = tcg_temp_new_i64();
    }
    for (int i = 0; i < 4; i++) {
        u[i] = tcg_temp_new_i32();
    }
    for (int i = 0; i < 2; i++) {
        e[i] = tcg_temp_ebb_new_i64();
    }
}

static char *dump(void)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);

    tcg_dump_ops(ctx, f);
    fclose(f);
    return buf;
}

static unsigned count_ops(TCGOpcode opc)
{
    unsigned n = 0;

    tcg_for_each_op(ctx, op) {
        n += op->opc == opc;
    }
    return n;
}

/* Optimizes the TB (verified before and after) and compares its dump with want. */
static void optimize_expect(const char *want)
{
    char *got;

    g_assert_true(tcg_verify(ctx));
    tcg_optimize(ctx);
    g_assert_true(tcg_verify(ctx));
    got = dump();
    if (strcmp(got, want) != 0) {
        g_test_message("got:\n%swant:\n%s", got, want);
    }
    g_assert_cmpstr(got, ==, want);
    free(got);
}

/* ---- Running on the interpreter, when it is built ---- */

static bool have_tci;
static const void *tb_code;

static uint64_t helper_count(Env *env, uint64_t v)
{
    env->helper_calls++;
    return v * 3;
}

/* Reads and writes globals (x0 = x0 + 1 behind the translator's back). */
static uint64_t helper_bump_x0(Env *env, uint64_t v)
{
    env->x[0]++;
    env->helper_calls++;
    return v + 1;
}

static const TCGHelperInfo info_bump_x0 = {
    .func = (const void *)helper_bump_x0, .name = "bump_x0", .flags = 0,
    .has_ret = true, .ret_type = TCG_TYPE_I64, .nb_args = 2,
    .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};

static const TCGHelperInfo info_count_nowg = {
    .func = (const void *)helper_count, .name = "count", .flags = TCG_CALL_NO_WRITE_GLOBALS,
    .has_ret = true, .ret_type = TCG_TYPE_I64, .nb_args = 2,
    .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};

static const TCGHelperInfo info_pure = {
    .func = (const void *)helper_count, .name = "pure", .flags = TCG_CALL_PURE,
    .has_ret = true, .ret_type = TCG_TYPE_I64, .nb_args = 2,
    .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};

static void gen_call(const TCGHelperInfo *info, TCGv_i64 ret, TCGv_i64 arg)
{
    TCGTemp *args[2] = { tcgv_ptr_temp(tcg_env), tcgv_i64_temp(arg) };

    tcg_gen_call(info, tcgv_i64_temp(ret), args);
}

static void env_init(Env *env)
{
    memset(env, 0, sizeof(*env));
    env->x[0] = 0x0123456789abcdefull;
    env->x[1] = 5;
    env->x[2] = 0xfffffffffffffff0ull;
    env->x[3] = 0x80;
    env->w[0] = 0x80000001u;
    env->w[1] = 7;
}

static uintptr_t run_tci(Env *env)
{
    size_t size;

    env_init(env);
    tb_code = tcg_backend_tci.gen_code(ctx, &size);
    if (!tb_code) {
        code_buffer_flush();
        tb_code = tcg_backend_tci.gen_code(ctx, &size);
    }
    g_assert_nonnull(tb_code);
    return tcg_backend_tci.exec(env, tb_code);
}

/*
 * Builds the program with gen twice: runs it unoptimized, then optimized
 * and checks the dump, and compares the CPU states and exit values.
 */
static void check_program(void (*gen)(void), const char *want)
{
    Env before, after;
    uintptr_t ret_before = 0, ret_after = 0;

    if (have_tci) {
        start();
        gen();
        g_assert_true(tcg_verify(ctx));
        ret_before = run_tci(&before);
    }
    start();
    gen();
    optimize_expect(want);
    if (have_tci) {
        ret_after = run_tci(&after);
        g_assert_cmphex(ret_before, ==, ret_after);
        g_assert_cmpmem(&before, sizeof(before), &after, sizeof(after));
    }
}

/* ---- 1. Constant folding ---- */

static void gen_fold_binary(void)
{
    tcg_gen_movi_i32(u[0], 3);
    tcg_gen_addi_i32(u[1], u[0], 4);            /* 7 */
    tcg_gen_shli_i32(u[2], u[1], 29);           /* 0xe0000000 */
    tcg_gen_sari_i32(u[3], u[2], 4);            /* 0xfe000000 */
    tcg_gen_mov_i32(w[0], u[3]);
    tcg_gen_movi_i64(t[0], -7);
    tcg_gen_div_i64(t[1], t[0], tcg_constant_i64(2));   /* -3 */
    tcg_gen_mulsh_i64(t[2], t[1], tcg_constant_i64(INT64_MIN));  /* 1 */
    tcg_gen_rotri_i64(t[3], t[2], 1);           /* 0x8000000000000000 */
    tcg_gen_mov_i64(x[1], t[3]);
    tcg_gen_exit_tb(0);
}

static void test_fold_binary(void)
{
    check_program(gen_fold_binary,
                  " mov_i32 tmp8,$0x3\n"
                  " mov_i32 tmp9,$0x7\n"
                  " mov_i32 tmp10,$0xe0000000\n"
                  " mov_i32 tmp11,$0xfe000000\n"
                  " mov_i32 w0,$0xfe000000\n"
                  " mov_i64 tmp0,$0xfffffffffffffff9\n"
                  " mov_i64 tmp1,$0xfffffffffffffffd\n"
                  " mov_i64 tmp2,$0x1\n"
                  " mov_i64 tmp3,$0x8000000000000000\n"
                  " mov_i64 x1,$0x8000000000000000\n"
                  " exit_tb $0x0\n");
}

static void gen_fold_unary(void)
{
    tcg_gen_movi_i32(u[0], 0x1234f080);
    tcg_gen_ext8s_i32(u[1], u[0]);              /* 0xffffff80 */
    tcg_gen_bswap32_i32(u[2], u[0]);            /* 0x80f03412 */
    tcg_gen_ext_i32_i64(t[0], u[2]);            /* 0xffffffff80f03412 */
    tcg_gen_extract_i64(t[1], t[0], 28, 8);     /* 0xf8 */
    tcg_gen_deposit_i64(t[2], t[0], t[1], 60, 4);   /* 0x8fffffff80f03412 */
    tcg_gen_ctpop_i64(t[3], t[2]);
    tcg_gen_clzi_i32(u[3], u[1], 32);           /* 0 */
    tcg_gen_extrh_i64_i32(w[1], t[2]);          /* 0x8fffffff */
    tcg_gen_mov_i64(x[1], t[3]);
    tcg_gen_mov_i32(w[0], u[3]);
    tcg_gen_exit_tb(0);
}

static void test_fold_unary(void)
{
    check_program(gen_fold_unary,
                  " mov_i32 tmp8,$0x1234f080\n"
                  " mov_i32 tmp9,$0xffffff80\n"
                  " mov_i32 tmp10,$0x80f03412\n"
                  " mov_i64 tmp0,$0xffffffff80f03412\n"
                  " mov_i64 tmp1,$0xf8\n"
                  " mov_i64 tmp2,$0x8fffffff80f03412\n"
                  " mov_i64 tmp3,$0x27\n"
                  " mov_i32 tmp11,$0x0\n"
                  " mov_i32 w1,$0x8fffffff\n"
                  " mov_i64 x1,$0x27\n"
                  " mov_i32 w0,$0x0\n"
                  " exit_tb $0x0\n");
}

static void gen_fold_cond(void)
{
    tcg_gen_movi_i64(t[0], -1);
    tcg_gen_setcondi_i64(TCG_COND_LTU, t[1], t[0], 2);      /* 0 */
    tcg_gen_setcondi_i64(TCG_COND_LT, t[2], t[0], 2);       /* 1 */
    tcg_gen_negsetcond_i64(TCG_COND_TSTNE, t[3], t[0], tcg_constant_i64(8));  /* -1 */
    tcg_gen_movcond_i64(TCG_COND_GEU, t[4], t[0], t[2], x[1], x[2]);     /* x1 */
    tcg_gen_mov_i64(x[3], t[4]);
    tcg_gen_exit_tb(0);
}

static void test_fold_cond(void)
{
    check_program(gen_fold_cond,
                  " mov_i64 tmp0,$0xffffffffffffffff\n"
                  " mov_i64 tmp1,$0x0\n"
                  " mov_i64 tmp2,$0x1\n"
                  " mov_i64 tmp3,$0xffffffffffffffff\n"
                  " mov_i64 tmp4,x1\n"
                  " mov_i64 x3,x1\n"
                  " exit_tb $0x0\n");
}

static void gen_fold_double(void)
{
    tcg_gen_mulu2_i64(t[0], t[1], tcg_constant_i64(-1), tcg_constant_i64(-1));
    tcg_gen_add2_i32(u[0], u[1], tcg_constant_i32(-1), tcg_constant_i32(0),
                     tcg_constant_i32(1), tcg_constant_i32(0));
    tcg_gen_mov_i64(x[0], t[0]);
    tcg_gen_mov_i64(x[1], t[1]);
    tcg_gen_mov_i32(w[0], u[0]);
    tcg_gen_mov_i32(w[1], u[1]);
    tcg_gen_exit_tb(0);
}

static void test_fold_double(void)
{
    check_program(gen_fold_double,
                  " mov_i64 tmp0,$0x1\n"
                  " mov_i64 tmp1,$0xfffffffffffffffe\n"
                  " mov_i32 tmp8,$0x0\n"
                  " mov_i32 tmp9,$0x1\n"
                  " mov_i64 x0,$0x1\n"
                  " mov_i64 x1,$0xfffffffffffffffe\n"
                  " mov_i32 w0,$0x0\n"
                  " mov_i32 w1,$0x1\n"
                  " exit_tb $0x0\n");
}

/* Results the IR leaves undefined stay for the backend to compute. */
static void test_fold_undefined(void)
{
    start();
    tcg_gen_divu_i64(t[0], tcg_constant_i64(5), tcg_constant_i64(0));
    tcg_gen_div_i32(u[0], tcg_constant_i32(INT32_MIN), tcg_constant_i32(-1));
    tcg_gen_shl_i32(u[1], tcg_constant_i32(1), tcg_constant_i32(32));
    tcg_gen_rotl_i64(t[1], tcg_constant_i64(1), tcg_constant_i64(64));
    tcg_gen_rem_i64(t[2], tcg_constant_i64(7), tcg_constant_i64(-1));   /* defined: 0 */
    optimize_expect(" divu_i64 tmp0,$0x5,$0x0\n"
                    " div_i32 tmp8,$0x80000000,$0xffffffff\n"
                    " shl_i32 tmp9,$0x1,$0x20\n"
                    " rotl_i64 tmp1,$0x1,$0x40\n"
                    " mov_i64 tmp2,$0x0\n");
}

/* ---- 2. Copy propagation ---- */

static void gen_copy_basic(void)
{
    tcg_gen_mov_i64(t[0], x[0]);
    tcg_gen_mov_i64(t[1], t[0]);
    tcg_gen_add_i64(t[2], t[1], t[0]);
    tcg_gen_mov_i64(t[0], t[2]);        /* t1 still holds x0 */
    tcg_gen_sub_i64(x[1], t[1], t[0]);
    tcg_gen_mov_i64(t[3], t[1]);
    tcg_gen_mov_i64(t[3], x[0]);        /* already holds it: dropped */
    tcg_gen_mov_i64(x[2], t[3]);
    tcg_gen_exit_tb(0);
}

static void test_copy_basic(void)
{
    check_program(gen_copy_basic,
                  " mov_i64 tmp0,x0\n"
                  " mov_i64 tmp1,x0\n"
                  " add_i64 tmp2,x0,x0\n"
                  " mov_i64 tmp0,tmp2\n"
                  " sub_i64 x1,x0,tmp2\n"
                  " mov_i64 tmp3,x0\n"
                  " mov_i64 x2,x0\n"
                  " exit_tb $0x0\n");
}

/* A copy of a global must not outlive a write to the global. */
static void gen_copy_global_written(void)
{
    tcg_gen_mov_i64(t[0], x[0]);
    tcg_gen_movi_i64(x[0], 5);
    tcg_gen_add_i64(x[1], t[0], x[0]);
    tcg_gen_exit_tb(0);
}

static void test_copy_global_written(void)
{
    check_program(gen_copy_global_written,
                  " mov_i64 tmp0,x0\n"
                  " mov_i64 x0,$0x5\n"
                  " add_i64 x1,tmp0,$0x5\n"
                  " exit_tb $0x0\n");
}

/* A helper that may write globals kills copies of them; one that may not keeps them. */
static void gen_copy_global_call(void)
{
    tcg_gen_mov_i64(t[0], x[0]);
    tcg_gen_movi_i64(x[1], 9);
    gen_call(&info_count_nowg, t[1], t[0]);
    tcg_gen_add_i64(x[2], t[0], x[1]);
    gen_call(&info_bump_x0, t[2], t[0]);
    tcg_gen_add_i64(x[3], t[0], x[1]);
    tcg_gen_add_i64(x[2], x[2], t[2]);
    tcg_gen_exit_tb(0);
}

static void test_copy_global_call(void)
{
    check_program(gen_copy_global_call,
                  " mov_i64 tmp0,x0\n"
                  " mov_i64 x1,$0x9\n"
                  " call count,tmp1,env,x0\n"
                  " add_i64 x2,x0,$0x9\n"
                  " call bump_x0,tmp2,env,x0\n"
                  " add_i64 x3,tmp0,x1\n"
                  " add_i64 x2,x2,tmp2\n"
                  " exit_tb $0x0\n");
}

/* Copies die at a label other paths reach. */
static void gen_copy_label(void)
{
    TCGLabel *l = tcg_label_new(ctx);

    tcg_gen_mov_i64(t[0], x[0]);
    tcg_gen_brcondi_i64(TCG_COND_EQ, x[1], 0, l);
    tcg_gen_add_i64(x[2], t[0], t[0]);
    tcg_gen_mov_i64(t[0], x[1]);
    tcg_gen_set_label(l);
    tcg_gen_add_i64(x[3], t[0], t[0]);
    tcg_gen_exit_tb(0);
}

static void test_copy_label(void)
{
    check_program(gen_copy_label,
                  " mov_i64 tmp0,x0\n"
                  " brcond_i64 x1,$0x0,eq,$L0\n"
                  " add_i64 x2,x0,x0\n"
                  " mov_i64 tmp0,x1\n"
                  " set_label $L0\n"
                  " add_i64 x3,tmp0,tmp0\n"
                  " exit_tb $0x0\n");
}

/* ---- 3. Algebraic simplification ---- */

static void gen_algebra_identities(void)
{
    TCGv_i64 a = x[0];

    tcg_gen_addi_i64(t[0], a, 0);
    tcg_gen_subi_i64(t[1], a, 0);
    tcg_gen_muli_i64(t[2], a, 1);
    tcg_gen_muli_i64(t[3], a, 0);
    tcg_gen_andi_i64(t[4], a, -1);
    tcg_gen_andi_i64(t[5], a, 0);
    tcg_gen_ori_i64(t[6], a, 0);
    tcg_gen_ori_i64(t[7], a, -1);
    tcg_gen_xori_i64(e[0], a, 0);
    tcg_gen_st_i64(t[0], tcg_env, offsetof(Env, x[1]));
    tcg_gen_st_i64(t[1], tcg_env, offsetof(Env, x[1]));
    tcg_gen_st_i64(t[2], tcg_env, offsetof(Env, x[1]));
    tcg_gen_st_i64(t[3], tcg_env, offsetof(Env, x[1]));
    tcg_gen_st_i64(t[4], tcg_env, offsetof(Env, x[1]));
    tcg_gen_st_i64(t[5], tcg_env, offsetof(Env, x[1]));
    tcg_gen_st_i64(t[6], tcg_env, offsetof(Env, x[1]));
    tcg_gen_st_i64(t[7], tcg_env, offsetof(Env, x[1]));
    tcg_gen_st_i64(e[0], tcg_env, offsetof(Env, x[1]));
    tcg_gen_exit_tb(0);
}

static void test_algebra_identities(void)
{
    check_program(gen_algebra_identities,
                  " mov_i64 tmp0,x0\n"
                  " mov_i64 tmp1,x0\n"
                  " mov_i64 tmp2,x0\n"
                  " mov_i64 tmp3,$0x0\n"
                  " mov_i64 tmp4,x0\n"
                  " mov_i64 tmp5,$0x0\n"
                  " mov_i64 tmp6,x0\n"
                  " mov_i64 tmp7,$0xffffffffffffffff\n"
                  " mov_i64 ebb12,x0\n"
                  " st_i64 x0,env,$0x8\n"
                  " st_i64 x0,env,$0x8\n"
                  " st_i64 x0,env,$0x8\n"
                  " st_i64 $0x0,env,$0x8\n"
                  " st_i64 x0,env,$0x8\n"
                  " st_i64 $0x0,env,$0x8\n"
                  " st_i64 x0,env,$0x8\n"
                  " st_i64 $0xffffffffffffffff,env,$0x8\n"
                  " st_i64 x0,env,$0x8\n"
                  " exit_tb $0x0\n");
}

static void gen_algebra_same(void)
{
    TCGv_i32 a = w[0];

    tcg_gen_xor_i32(u[0], a, a);
    tcg_gen_sub_i32(u[1], a, a);
    tcg_gen_and_i32(u[2], a, a);
    tcg_gen_or_i32(u[3], a, a);
    tcg_gen_add_i32(w[1], u[0], u[1]);
    tcg_gen_add_i32(w[1], w[1], u[2]);
    tcg_gen_add_i32(w[1], w[1], u[3]);
    tcg_gen_shli_i32(u[0], a, 0);
    tcg_gen_rotri_i32(u[1], a, 0);
    tcg_gen_sar_i32(u[2], a, tcg_constant_i32(0));
    tcg_gen_add_i32(w[0], u[0], u[1]);
    tcg_gen_add_i32(w[0], w[0], u[2]);
    tcg_gen_exit_tb(0);
}

static void test_algebra_same(void)
{
    check_program(gen_algebra_same,
                  " mov_i32 tmp8,$0x0\n"
                  " mov_i32 tmp9,$0x0\n"
                  " mov_i32 tmp10,w0\n"
                  " mov_i32 tmp11,w0\n"
                  " mov_i32 w1,$0x0\n"
                  " mov_i32 w1,w0\n"                /* 0 + w0 */
                  " add_i32 w1,w0,w0\n"
                  " mov_i32 tmp8,w0\n"
                  " mov_i32 tmp9,w0\n"
                  /* sar w0, 0: tmp10 holds w0 already */
                  " add_i32 w0,w0,w0\n"
                  " add_i32 w0,w0,tmp10\n"          /* w0 changed: its old copy */
                  " exit_tb $0x0\n");
}

static void gen_algebra_logic(void)
{
    TCGv_i64 a = x[0];

    tcg_gen_andc_i64(t[0], a, a);                       /* 0 */
    tcg_gen_andc_i64(t[1], a, tcg_constant_i64(0xff));  /* and a, ~0xff */
    tcg_gen_orc_i64(t[2], a, a);                        /* -1 */
    tcg_gen_eqv_i64(t[3], a, a);                        /* -1 */
    tcg_gen_nand_i64(t[4], a, a);                       /* not a */
    tcg_gen_nor_i64(t[5], a, tcg_constant_i64(0));      /* not a */
    tcg_gen_xori_i64(t[6], a, -1);                      /* not a */
    tcg_gen_eqv_i64(t[7], a, tcg_constant_i64(0));      /* not a */
    tcg_gen_orc_i64(e[0], a, tcg_constant_i64(0));      /* -1 */
    tcg_gen_add_i64(x[1], t[0], t[1]);
    tcg_gen_add_i64(x[1], x[1], t[2]);
    tcg_gen_add_i64(x[1], x[1], t[3]);
    tcg_gen_add_i64(x[1], x[1], t[4]);
    tcg_gen_add_i64(x[2], t[5], t[6]);
    tcg_gen_add_i64(x[2], x[2], t[7]);
    tcg_gen_add_i64(x[2], x[2], e[0]);
    tcg_gen_exit_tb(0);
}

static void test_algebra_logic(void)
{
    check_program(gen_algebra_logic,
                  " mov_i64 tmp0,$0x0\n"
                  " and_i64 tmp1,x0,$0xffffffffffffff00\n"
                  " mov_i64 tmp2,$0xffffffffffffffff\n"
                  " mov_i64 tmp3,$0xffffffffffffffff\n"
                  " not_i64 tmp4,x0\n"
                  " not_i64 tmp5,x0\n"
                  " not_i64 tmp6,x0\n"
                  " not_i64 tmp7,x0\n"
                  " mov_i64 ebb12,$0xffffffffffffffff\n"
                  " mov_i64 x1,tmp1\n"
                  " add_i64 x1,tmp1,$0xffffffffffffffff\n"
                  " add_i64 x1,x1,$0xffffffffffffffff\n"
                  " add_i64 x1,x1,tmp4\n"
                  " add_i64 x2,tmp5,tmp6\n"
                  " add_i64 x2,x2,tmp7\n"
                  " add_i64 x2,x2,$0xffffffffffffffff\n"
                  " exit_tb $0x0\n");
}

static void gen_algebra_inverse(void)
{
    tcg_gen_neg_i64(t[0], x[0]);
    tcg_gen_neg_i64(t[1], t[0]);
    tcg_gen_not_i32(u[0], w[0]);
    tcg_gen_not_i32(u[1], u[0]);
    tcg_gen_mov_i64(x[1], t[1]);
    tcg_gen_mov_i32(w[1], u[1]);
    /* Not when the source changed in between. */
    tcg_gen_neg_i64(t[2], x[2]);
    tcg_gen_movi_i64(x[2], 1);
    tcg_gen_neg_i64(x[3], t[2]);
    tcg_gen_exit_tb(0);
}

static void test_algebra_inverse(void)
{
    check_program(gen_algebra_inverse,
                  " neg_i64 tmp0,x0\n"
                  " mov_i64 tmp1,x0\n"
                  " not_i32 tmp8,w0\n"
                  " mov_i32 tmp9,w0\n"
                  " mov_i64 x1,x0\n"
                  " mov_i32 w1,w0\n"
                  " neg_i64 tmp2,x2\n"
                  " mov_i64 x2,$0x1\n"
                  " neg_i64 x3,tmp2\n"
                  " exit_tb $0x0\n");
}

static void gen_algebra_ext(void)
{
    tcg_gen_ext16s_i64(t[0], x[0]);
    tcg_gen_ext8s_i64(t[1], t[0]);          /* ext8s x0 */
    tcg_gen_ext8s_i64(t[2], x[1]);
    tcg_gen_ext16s_i64(t[3], t[2]);         /* already */
    tcg_gen_ext_i32_i64(t[4], w[0]);
    tcg_gen_ext32u_i64(t[5], t[4]);         /* extu_i32_i64 w0 */
    tcg_gen_extrl_i64_i32(u[0], t[4]);      /* w0 */
    tcg_gen_ext8u_i64(t[6], x[2]);
    tcg_gen_ext16u_i64(t[7], t[6]);         /* known bits: already */
    tcg_gen_add_i64(x[1], t[1], t[3]);
    tcg_gen_add_i64(x[2], t[5], t[7]);
    tcg_gen_mov_i32(w[1], u[0]);
    tcg_gen_exit_tb(0);
}

static void test_algebra_ext(void)
{
    check_program(gen_algebra_ext,
                  " ext16s_i64 tmp0,x0\n"
                  " ext8s_i64 tmp1,x0\n"
                  " ext8s_i64 tmp2,x1\n"
                  " mov_i64 tmp3,tmp2\n"
                  " ext_i32_i64 tmp4,w0\n"
                  " extu_i32_i64 tmp5,w0\n"
                  " mov_i32 tmp8,w0\n"
                  " ext8u_i64 tmp6,x2\n"
                  " mov_i64 tmp7,tmp6\n"
                  " add_i64 x1,tmp1,tmp2\n"
                  " add_i64 x2,tmp5,tmp6\n"
                  " mov_i32 w1,w0\n"
                  " exit_tb $0x0\n");
}

static void gen_algebra_fields(void)
{
    tcg_gen_extract_i64(t[0], x[0], 0, 64);
    tcg_gen_deposit_i64(t[1], x[0], x[1], 0, 64);
    tcg_gen_extract2_i64(t[2], x[0], x[1], 0);
    tcg_gen_extract2_i32(u[0], w[0], w[1], 32);
    tcg_gen_sextract_i32(u[1], w[0], 0, 32);
    tcg_gen_add_i64(x[2], t[0], t[1]);
    tcg_gen_add_i64(x[3], t[2], t[2]);
    tcg_gen_add_i32(w[0], u[0], u[1]);
    tcg_gen_exit_tb(0);
}

static void test_algebra_fields(void)
{
    check_program(gen_algebra_fields,
                  " mov_i64 tmp0,x0\n"
                  " mov_i64 tmp1,x1\n"
                  " mov_i64 tmp2,x0\n"
                  " mov_i32 tmp8,w1\n"
                  " mov_i32 tmp9,w0\n"
                  " add_i64 x2,x0,x1\n"
                  " add_i64 x3,x0,x0\n"
                  " add_i32 w0,w1,w0\n"
                  " exit_tb $0x0\n");
}

/* Constants go second; comparisons swap their condition. */
static void gen_algebra_canonical(void)
{
    tcg_gen_add_i64(t[0], tcg_constant_i64(5), x[0]);
    tcg_gen_setcond_i64(TCG_COND_LT, t[1], tcg_constant_i64(5), x[1]);
    tcg_gen_movcond_i64(TCG_COND_LEU, t[2], tcg_constant_i64(5), x[1], x[2], x[3]);
    tcg_gen_add_i64(x[0], t[0], t[1]);
    tcg_gen_mov_i64(x[1], t[2]);
    tcg_gen_exit_tb(0);
}

static void test_algebra_canonical(void)
{
    check_program(gen_algebra_canonical,
                  " add_i64 tmp0,x0,$0x5\n"
                  " setcond_i64 tmp1,x1,$0x5,gt\n"
                  " movcond_i64 tmp2,x1,$0x5,x2,x3,geu\n"
                  " add_i64 x0,tmp0,tmp1\n"
                  " mov_i64 x1,tmp2\n"
                  " exit_tb $0x0\n");
}

static void gen_algebra_cond_same(void)
{
    tcg_gen_setcond_i64(TCG_COND_GEU, t[0], x[0], x[0]);        /* 1 */
    tcg_gen_setcond_i64(TCG_COND_LT, t[1], x[0], x[0]);         /* 0 */
    tcg_gen_movcond_i64(TCG_COND_NE, t[2], x[0], x[1], x[2], x[2]);  /* x2 */
    tcg_gen_movcond_i64(TCG_COND_LE, t[3], x[1], x[1], x[2], x[3]);  /* x2 */
    tcg_gen_movcond_i64(TCG_COND_EQ, t[4], x[0], x[1],
                        tcg_constant_i64(0), tcg_constant_i64(1));   /* setcond ne */
    tcg_gen_setcond_i64(TCG_COND_ALWAYS, t[5], x[0], x[1]);     /* 1 */
    tcg_gen_add_i64(x[0], t[0], t[1]);
    tcg_gen_add_i64(x[1], t[2], t[3]);
    tcg_gen_add_i64(x[2], t[4], t[5]);
    tcg_gen_exit_tb(0);
}

static void test_algebra_cond_same(void)
{
    check_program(gen_algebra_cond_same,
                  " mov_i64 tmp0,$0x1\n"
                  " mov_i64 tmp1,$0x0\n"
                  " mov_i64 tmp2,x2\n"
                  " mov_i64 tmp3,x2\n"
                  " setcond_i64 tmp4,x0,x1,ne\n"
                  " mov_i64 tmp5,$0x1\n"
                  " mov_i64 x0,$0x1\n"
                  " add_i64 x1,x2,x2\n"
                  " add_i64 x2,tmp4,$0x1\n"
                  " exit_tb $0x0\n");
}

/* ---- 4. Known bits ---- */

static void gen_bits_masks(void)
{
    tcg_gen_ext8u_i32(u[0], w[0]);
    tcg_gen_andi_i32(u[1], u[0], 0xff);             /* mov */
    tcg_gen_ld32u_i64(t[0], tcg_env, offsetof(Env, x[1]));
    tcg_gen_ext32u_i64(t[1], t[0]);                 /* mov */
    tcg_gen_shri_i64(t[2], x[0], 40);
    tcg_gen_ext32u_i64(t[3], t[2]);                 /* mov */
    tcg_gen_extract_i64(t[4], t[2], 0, 24);         /* mov */
    tcg_gen_mov_i32(w[1], u[1]);
    tcg_gen_add_i64(x[1], t[1], t[3]);
    tcg_gen_add_i64(x[2], t[4], t[4]);
    tcg_gen_exit_tb(0);
}

static void test_bits_masks(void)
{
    check_program(gen_bits_masks,
                  " ext8u_i32 tmp8,w0\n"
                  " mov_i32 tmp9,tmp8\n"
                  " ld32u_i64 tmp0,env,$0x8\n"
                  " mov_i64 tmp1,tmp0\n"
                  " shr_i64 tmp2,x0,$0x28\n"
                  " mov_i64 tmp3,tmp2\n"
                  " mov_i64 tmp4,tmp2\n"
                  " mov_i32 w1,tmp8\n"
                  " add_i64 x1,tmp0,tmp2\n"
                  " add_i64 x2,tmp2,tmp2\n"
                  " exit_tb $0x0\n");
}

static void gen_bits_cond(void)
{
    tcg_gen_andi_i64(t[0], x[0], 0xf0);
    tcg_gen_setcondi_i64(TCG_COND_EQ, t[1], t[0], 1);       /* bit 0 known 0: 0 */
    tcg_gen_setcondi_i64(TCG_COND_LTU, t[2], t[0], 0x100);  /* 1 */
    tcg_gen_setcondi_i64(TCG_COND_LT, t[3], t[0], 0);       /* sign known 0: 0 */
    tcg_gen_ori_i64(t[4], x[1], 1);
    tcg_gen_setcondi_i64(TCG_COND_NE, t[5], t[4], 0);       /* 1 */
    tcg_gen_negsetcond_i64(TCG_COND_TSTNE, t[6], t[0], tcg_constant_i64(0xf)); /* 0 */
    tcg_gen_setcondi_i64(TCG_COND_GTU, t[7], t[0], 0x10);   /* unknown */
    tcg_gen_add_i64(x[2], t[1], t[2]);
    tcg_gen_add_i64(x[2], x[2], t[3]);
    tcg_gen_add_i64(x[2], x[2], t[5]);
    tcg_gen_add_i64(x[3], t[6], t[7]);
    tcg_gen_exit_tb(0);
}

static void test_bits_cond(void)
{
    check_program(gen_bits_cond,
                  " and_i64 tmp0,x0,$0xf0\n"
                  " mov_i64 tmp1,$0x0\n"
                  " mov_i64 tmp2,$0x1\n"
                  " mov_i64 tmp3,$0x0\n"
                  " or_i64 tmp4,x1,$0x1\n"
                  " mov_i64 tmp5,$0x1\n"
                  " mov_i64 tmp6,$0x0\n"
                  " setcond_i64 tmp7,tmp0,$0x10,gtu\n"
                  " mov_i64 x2,$0x1\n"
                  " mov_i64 x2,$0x2\n"
                  " mov_i64 x3,tmp7\n"
                  " exit_tb $0x0\n");
}

static void gen_bits_fields(void)
{
    tcg_gen_ori_i32(u[0], w[0], 0xff00);
    tcg_gen_extract_i32(u[1], u[0], 8, 8);              /* 0xff */
    tcg_gen_andi_i64(t[0], x[0], 0xffff);
    tcg_gen_shli_i64(t[1], t[0], 16);
    tcg_gen_extract_i64(t[2], t[1], 32, 16);            /* 0 */
    tcg_gen_sextract_i64(t[3], t[1], 0, 16);            /* 0 */
    tcg_gen_mov_i32(w[1], u[1]);
    tcg_gen_add_i64(x[1], t[2], t[3]);
    tcg_gen_exit_tb(0);
}

static void test_bits_fields(void)
{
    check_program(gen_bits_fields,
                  " or_i32 tmp8,w0,$0xff00\n"
                  " mov_i32 tmp9,$0xff\n"
                  " and_i64 tmp0,x0,$0xffff\n"
                  " shl_i64 tmp1,tmp0,$0x10\n"
                  " mov_i64 tmp2,$0x0\n"
                  " mov_i64 tmp3,$0x0\n"
                  " mov_i32 w1,$0xff\n"
                  " mov_i64 x1,$0x0\n"
                  " exit_tb $0x0\n");
}

/* What is known of a TB temp before a label says nothing after it. */
static void gen_bits_label(void)
{
    TCGLabel *l = tcg_label_new(ctx);

    tcg_gen_ext8u_i64(t[0], x[0]);
    tcg_gen_brcondi_i64(TCG_COND_EQ, x[1], 0, l);
    tcg_gen_movi_i64(x[2], 1);
    tcg_gen_set_label(l);
    tcg_gen_andi_i64(x[3], t[0], 0xff);
    tcg_gen_exit_tb(0);
}

static void test_bits_label(void)
{
    check_program(gen_bits_label,
                  " ext8u_i64 tmp0,x0\n"
                  " brcond_i64 x1,$0x0,eq,$L0\n"
                  " mov_i64 x2,$0x1\n"
                  " set_label $L0\n"
                  " and_i64 x3,tmp0,$0xff\n"
                  " exit_tb $0x0\n");
}

/* ---- 5. Branches and dead code ---- */

static void gen_branch_const(void)
{
    TCGLabel *taken = tcg_label_new(ctx), *not_taken = tcg_label_new(ctx);

    tcg_gen_insn_start(0x1000, 0, 0);
    tcg_gen_movi_i64(t[0], 3);
    tcg_gen_brcondi_i64(TCG_COND_NE, t[0], 3, not_taken);   /* never */
    tcg_gen_movi_i64(x[0], 1);
    tcg_gen_set_label(not_taken);
    tcg_gen_brcondi_i64(TCG_COND_GEU, t[0], 2, taken);      /* always */
    tcg_gen_movi_i64(x[1], 2);
    tcg_gen_insn_start(0x1004, 0, 0);
    tcg_gen_movi_i64(x[2], 3);
    tcg_gen_set_label(taken);
    tcg_gen_movi_i64(x[3], 4);
    tcg_gen_exit_tb(7);
}

static void test_branch_const(void)
{
    check_program(gen_branch_const,
                  " ---- 0000000000001000 0000000000000000 0000000000000000\n"
                  " mov_i64 tmp0,$0x3\n"
                  " mov_i64 x0,$0x1\n"
                  " ---- 0000000000001004 0000000000000000 0000000000000000\n"
                  " mov_i64 x3,$0x4\n"
                  " exit_tb $0x7\n");
}

/* Unreachable ops go (insn_start stays); a label that is branched to ends it. */
static void gen_branch_dead(void)
{
    TCGLabel *l = tcg_label_new(ctx), *unused = tcg_label_new(ctx);

    tcg_gen_brcondi_i64(TCG_COND_EQ, x[0], 0, l);
    tcg_gen_movi_i64(x[1], 1);
    tcg_gen_exit_tb(1);
    tcg_gen_movi_i64(x[1], 2);
    tcg_gen_insn_start(0x2000, 0, 0);
    tcg_gen_br(unused);                     /* unreachable: its label loses its only use */
    tcg_gen_movi_i64(x[2], 2);
    tcg_gen_set_label(unused);
    tcg_gen_movi_i64(x[2], 3);
    tcg_gen_set_label(l);
    tcg_gen_movi_i64(x[3], 3);
    tcg_gen_goto_ptr(tcg_constant_ptr(0));
    tcg_gen_movi_i64(x[3], 4);
}

static void test_branch_dead(void)
{
    check_program(gen_branch_dead,
                  " brcond_i64 x0,$0x0,eq,$L0\n"
                  " mov_i64 x1,$0x1\n"
                  " exit_tb $0x1\n"
                  " ---- 0000000000002000 0000000000000000 0000000000000000\n"
                  " set_label $L0\n"
                  " mov_i64 x3,$0x3\n"
                  " goto_ptr $0x0\n");
    g_assert_cmpuint(count_ops(INDEX_op_br), ==, 0);
}

/* A br to the next label goes, and so does the label when nothing else uses it. */
static void gen_branch_next(void)
{
    TCGLabel *l1 = tcg_label_new(ctx), *l2 = tcg_label_new(ctx);

    tcg_gen_mov_i64(t[0], x[0]);
    tcg_gen_br(l1);
    tcg_gen_set_label(l1);
    tcg_gen_add_i64(x[1], t[0], t[0]);      /* the copy survives: nothing else reaches l1 */
    tcg_gen_brcondi_i64(TCG_COND_LTU, x[1], 9, l2);
    tcg_gen_set_label(l2);
    tcg_gen_exit_tb(0);
}

static void test_branch_next(void)
{
    check_program(gen_branch_next,
                  " mov_i64 tmp0,x0\n"
                  " add_i64 x1,x0,x0\n"
                  " exit_tb $0x0\n");
    g_assert_cmpuint(count_ops(INDEX_op_set_label), ==, 0);
}

/* A value that comes from two paths is not known after the join. */
static void gen_branch_two_paths(void)
{
    TCGLabel *join = tcg_label_new(ctx), *l = tcg_label_new(ctx);

    tcg_gen_movi_i64(t[0], 1);
    tcg_gen_brcondi_i64(TCG_COND_EQ, x[0], 0, join);
    tcg_gen_movi_i64(t[0], 2);
    tcg_gen_set_label(join);
    tcg_gen_brcondi_i64(TCG_COND_EQ, t[0], 1, l);
    tcg_gen_movi_i64(x[1], 5);
    tcg_gen_set_label(l);
    tcg_gen_exit_tb(0);
}

static void test_branch_two_paths(void)
{
    check_program(gen_branch_two_paths,
                  " mov_i64 tmp0,$0x1\n"
                  " brcond_i64 x0,$0x0,eq,$L0\n"
                  " mov_i64 tmp0,$0x2\n"
                  " set_label $L0\n"
                  " brcond_i64 tmp0,$0x1,eq,$L1\n"
                  " mov_i64 x1,$0x5\n"
                  " set_label $L1\n"
                  " exit_tb $0x0\n");
}

/* Falling through "brcond ne x, c" means x == c. */
static void gen_branch_learn(void)
{
    TCGLabel *l = tcg_label_new(ctx);

    tcg_gen_brcondi_i64(TCG_COND_NE, x[0], 5, l);
    tcg_gen_addi_i64(x[1], x[0], 1);
    tcg_gen_set_label(l);
    tcg_gen_addi_i64(x[2], x[0], 1);
    tcg_gen_exit_tb(0);
}

static void test_branch_learn(void)
{
    check_program(gen_branch_learn,
                  " brcond_i64 x0,$0x5,ne,$L0\n"
                  " mov_i64 x1,$0x6\n"
                  " set_label $L0\n"
                  " add_i64 x2,x0,$0x1\n"
                  " exit_tb $0x0\n");
}

/* Ops with side effects stay even when their results are unused or known. */
static void gen_side_effects(void)
{
    tcg_gen_insn_start(0x3000, 1, 2);
    tcg_gen_movi_i64(t[0], 4);
    gen_call(&info_pure, t[1], t[0]);
    gen_call(&info_bump_x0, t[2], t[0]);
    tcg_gen_st32_i64(t[0], tcg_env, offsetof(Env, w[0]));
    tcg_gen_mb(TCG_MO_ALL);
    tcg_gen_discard_i64(t[1]);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(0);
}

static void test_side_effects(void)
{
    /* goto_tb is only run unchained here: it falls through to exit_tb. */
    start();
    gen_side_effects();
    optimize_expect(" ---- 0000000000003000 0000000000000001 0000000000000002\n"
                    " mov_i64 tmp0,$0x4\n"
                    " call pure,tmp1,env,$0x4\n"
                    " call bump_x0,tmp2,env,$0x4\n"
                    " st32_i64 $0x4,env,$0x20\n"
                    " mb $0xf\n"
                    " discard tmp1\n"
                    " goto_tb $0x0\n"
                    " exit_tb $0x0\n");
}

/* EBB temps stay within their block: the result still verifies. */
static void gen_ebb(void)
{
    TCGLabel *l = tcg_label_new(ctx);

    tcg_gen_addi_i64(e[0], x[0], 1);
    tcg_gen_mov_i64(t[0], e[0]);
    tcg_gen_brcondi_i64(TCG_COND_EQ, x[1], 0, l);
    tcg_gen_add_i64(x[2], t[0], t[0]);      /* e0 is still live here */
    tcg_gen_set_label(l);
    tcg_gen_add_i64(x[3], t[0], t[0]);      /* but not here */
    tcg_gen_exit_tb(0);
}

static void test_ebb(void)
{
    check_program(gen_ebb,
                  " add_i64 ebb12,x0,$0x1\n"
                  " mov_i64 tmp0,ebb12\n"
                  " brcond_i64 x1,$0x0,eq,$L0\n"
                  " add_i64 x2,ebb12,ebb12\n"
                  " set_label $L0\n"
                  " add_i64 x3,tmp0,tmp0\n"
                  " exit_tb $0x0\n");
}

/* A backward branch (a loop) forgets at its label, and the loop still runs right. */
static void gen_loop(void)
{
    TCGLabel *top = tcg_label_new(ctx);

    tcg_gen_movi_i64(t[0], 0);
    tcg_gen_movi_i64(t[1], 10);
    tcg_gen_set_label(top);
    tcg_gen_addi_i64(t[0], t[0], 3);
    tcg_gen_subi_i64(t[1], t[1], 1);
    tcg_gen_brcondi_i64(TCG_COND_NE, t[1], 0, top);
    tcg_gen_mov_i64(x[1], t[0]);
    tcg_gen_mov_i64(x[2], t[1]);
    tcg_gen_exit_tb(0);
}

static void test_loop(void)
{
    check_program(gen_loop,
                  " mov_i64 tmp0,$0x0\n"
                  " mov_i64 tmp1,$0xa\n"
                  " set_label $L0\n"
                  " add_i64 tmp0,tmp0,$0x3\n"
                  " add_i64 tmp1,tmp1,$0xffffffffffffffff\n"
                  " brcond_i64 tmp1,$0x0,ne,$L0\n"
                  " mov_i64 x1,tmp0\n"
                  " mov_i64 x2,$0x0\n"
                  " exit_tb $0x0\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    have_tci = code_buffer_init(4 * MiB, &error_abort) &&
               tcg_backend_tci.init(&error_abort);
    ctx = tcg_context_new(tcg_backend_tci.env_reg);
    for (int i = 0; i < 4; i++) {
        static const char *const names[] = { "x0", "x1", "x2", "x3" };

        x[i] = tcg_global_mem_new_i64(tcg_env, offsetof(Env, x[i]), names[i]);
    }
    w[0] = tcg_global_mem_new_i32(tcg_env, offsetof(Env, w[0]), "w0");
    w[1] = tcg_global_mem_new_i32(tcg_env, offsetof(Env, w[1]), "w1");

    g_test_add_func("/tcg/optimize/fold/binary", test_fold_binary);
    g_test_add_func("/tcg/optimize/fold/unary", test_fold_unary);
    g_test_add_func("/tcg/optimize/fold/cond", test_fold_cond);
    g_test_add_func("/tcg/optimize/fold/double", test_fold_double);
    g_test_add_func("/tcg/optimize/fold/undefined-kept", test_fold_undefined);
    g_test_add_func("/tcg/optimize/copy/basic", test_copy_basic);
    g_test_add_func("/tcg/optimize/copy/global-written", test_copy_global_written);
    g_test_add_func("/tcg/optimize/copy/global-call", test_copy_global_call);
    g_test_add_func("/tcg/optimize/copy/label", test_copy_label);
    g_test_add_func("/tcg/optimize/algebra/identities", test_algebra_identities);
    g_test_add_func("/tcg/optimize/algebra/same-operands", test_algebra_same);
    g_test_add_func("/tcg/optimize/algebra/logic", test_algebra_logic);
    g_test_add_func("/tcg/optimize/algebra/inverse", test_algebra_inverse);
    g_test_add_func("/tcg/optimize/algebra/ext-of-ext", test_algebra_ext);
    g_test_add_func("/tcg/optimize/algebra/fields", test_algebra_fields);
    g_test_add_func("/tcg/optimize/algebra/canonical", test_algebra_canonical);
    g_test_add_func("/tcg/optimize/algebra/cond-same", test_algebra_cond_same);
    g_test_add_func("/tcg/optimize/bits/masks", test_bits_masks);
    g_test_add_func("/tcg/optimize/bits/cond", test_bits_cond);
    g_test_add_func("/tcg/optimize/bits/fields", test_bits_fields);
    g_test_add_func("/tcg/optimize/bits/label", test_bits_label);
    g_test_add_func("/tcg/optimize/branch/const", test_branch_const);
    g_test_add_func("/tcg/optimize/branch/dead-code", test_branch_dead);
    g_test_add_func("/tcg/optimize/branch/next-label", test_branch_next);
    g_test_add_func("/tcg/optimize/branch/two-paths", test_branch_two_paths);
    g_test_add_func("/tcg/optimize/branch/learn-ne", test_branch_learn);
    g_test_add_func("/tcg/optimize/side-effects", test_side_effects);
    g_test_add_func("/tcg/optimize/ebb-temps", test_ebb);
    g_test_add_func("/tcg/optimize/loop", test_loop);
    return g_test_run();
}
