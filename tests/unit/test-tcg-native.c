/*
 * The native x86-64 backend, against the reference semantics of tcg/eval.h.
 *
 * Each test builds small TBs with the builder API against a test CPU
 * state (TestEnv: input slots, output slots, globals), runs them through
 * tcg_backend_native and compares with tcg_eval_*. Ops are tried in several
 * shapes so that the register allocator takes each path: inputs that die
 * at the op, inputs that stay live, results written in place over either
 * input, constant operands on either side, and globals. i32 inputs carry
 * garbage in the high half of their register, which no i32 op may read.
 *
 * Every test runs twice: with all host features (BMI1/2, LZCNT, POPCNT)
 * the host has, and with none, which exercises the fallback sequences.
 * KOINE_TEST_DISAS=1 prints the host code of a TB that fails.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/error.h"
#include "tcg/tcg-op.h"
#include "tcg/tcg-backend.h"
#include "tcg/eval.h"
#include "tcg/code-buffer.h"
#include "tcg/liveness.h"
#include "tcg/disas.h"
#include "tcg/x86_64/host-features.h"

#define NG 8

typedef struct TestEnv {
    uint64_t in[8];
    uint64_t out[8];
    uint64_t g64[NG];
    uint32_t g32[NG];
    uint64_t seen[10];
    uint64_t calls;
    uint64_t sp_misaligned;
} TestEnv;

static TCGContext *s;
static TestEnv env;
static TCGv_i64 g64[NG];
static TCGv_i32 g32[NG];
static const void *cur_code;
static size_t cur_size;

static const uint64_t vals[] = {
    0, 1, 2, 3, 7, 31, 32, 63, 64, 0x80, 0xff, 0x7fffffff, 0x80000000, 0xffffffff,
    0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xffffffffffffffffull, 0xfffffffffffffffeull, 0x123456789abcdef0ull,
    0xfedcba9876543210ull, 0xffff0000ull,
};

#define HIGH_GARBAGE 0xa5a5a5a500000000ull

/* ---- Building and running TBs ---- */

static TCGArg env_arg(void)
{
    return temp_arg(tcgv_ptr_temp(tcg_env));
}

static void start(void)
{
    tcg_func_start(s);
}

/* An EBB temp loaded from in[k]; an i32 one through an i64 register with garbage on top. */
static TCGTemp *input(TCGType type, int k)
{
    TCGTemp *t = tcg_temp_new_internal(s, type, TEMP_EBB);

    if (type == TCG_TYPE_I64) {
        tcg_gen_op3(INDEX_op_ld, TCG_TYPE_I64, temp_arg(t), env_arg(),
                    offsetof(TestEnv, in[k]));
    } else {
        TCGTemp *w = tcg_temp_new_internal(s, TCG_TYPE_I64, TEMP_EBB);

        tcg_gen_op3(INDEX_op_ld, TCG_TYPE_I64, temp_arg(w), env_arg(),
                    offsetof(TestEnv, in[k]));
        tcg_gen_op2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, temp_arg(t), temp_arg(w));
    }
    return t;
}

static void output(TCGTemp *t, int k)
{
    tcg_gen_op3(INDEX_op_st, t->type, temp_arg(t), env_arg(), offsetof(TestEnv, out[k]));
}

static TCGTemp *new_temp(TCGType type)
{
    return tcg_temp_new_internal(s, type, TEMP_EBB);
}

static TCGTemp *cst(TCGType type, uint64_t v)
{
    return tcg_constant_internal(s, type, (int64_t)v);
}

static TCGTemp *glob(TCGType type, int k)
{
    return type == TCG_TYPE_I64 ? tcgv_i64_temp(g64[k]) : tcgv_i32_temp(g32[k]);
}

static void finish_no_exit(void)
{
    size_t size;
    const void *code = tcg_backend_native.gen_code(s, &size);

    if (!code) {
        code_buffer_flush();
        code = tcg_backend_native.gen_code(s, &size);
    }
    g_assert_nonnull(code);
    cur_code = code;
    cur_size = size;
}

static void finish(void)
{
    tcg_gen_exit_tb(0);
    finish_no_exit();
}

static uintptr_t run(void)
{
    for (int i = 0; i < 8; i++) {
        env.out[i] = 0x5a5a5a5a5a5a5a5aull;
    }
    return tcg_backend_native.exec(&env, cur_code);
}

static void set_in(TCGType type, int k, uint64_t v)
{
    env.in[k] = type == TCG_TYPE_I32 ? (uint32_t)v | HIGH_GARBAGE : v;
}

static void fail_dump(void)
{
    if (getenv("KOINE_TEST_DISAS")) {
        tcg_dump_ops(s, stderr);
        tcg_disas_host(stderr, cur_code, cur_size);
    }
}

static void check_val(const char *what, TCGType type, uint64_t got, uint64_t want,
                      uint64_t a, uint64_t b)
{
    got = tcg_eval_trunc(type, got);
    want = tcg_eval_trunc(type, want);
    if (got != want) {
        fprintf(stderr, "%s (%s) a=0x%" PRIx64 " b=0x%" PRIx64 ": got 0x%" PRIx64
                " want 0x%" PRIx64 "\n", what, type == TCG_TYPE_I32 ? "i32" : "i64",
                a, b, got, want);
        fail_dump();
        g_assert_cmphex(got, ==, want);
    }
}

/* ---- Binary ops ---- */

enum { SH_DIE, SH_LIVE, SH_INPLACE_A, SH_INPLACE_B, SH_SAME, SH_GLOBALS, SH_CONST_B, SH_CONST_A };

static void build_binary(TCGOpcode opc, TCGType type, int shape, uint64_t k)
{
    TCGTemp *a, *b, *d;

    start();
    switch (shape) {
    case SH_GLOBALS:
        tcg_gen_op3(opc, type, temp_arg(glob(type, 0)), temp_arg(glob(type, 1)),
                    temp_arg(glob(type, 2)));
        break;
    case SH_CONST_B:
    case SH_CONST_A:
        a = input(type, 0);
        d = new_temp(type);
        if (shape == SH_CONST_B) {
            tcg_gen_op3(opc, type, temp_arg(d), temp_arg(a), temp_arg(cst(type, k)));
        } else {
            tcg_gen_op3(opc, type, temp_arg(d), temp_arg(cst(type, k)), temp_arg(a));
        }
        output(d, 0);
        output(a, 1);
        break;
    default:
        a = input(type, 0);
        b = input(type, 1);
        d = shape == SH_INPLACE_A ? a : shape == SH_INPLACE_B ? b : new_temp(type);
        tcg_gen_op3(opc, type, temp_arg(d), temp_arg(a), temp_arg(shape == SH_SAME ? a : b));
        output(d, 0);
        if (shape == SH_LIVE) {
            output(a, 1);
            output(b, 2);
        } else if (shape == SH_INPLACE_A) {
            output(b, 1);
        } else if (shape == SH_INPLACE_B) {
            output(a, 1);
        }
        break;
    }
    finish();
}

static void run_binary(TCGOpcode opc, TCGType type, int shape, uint64_t a, uint64_t b)
{
    const char *name = tcg_op_defs[opc].name;
    uint64_t want;

    if (shape == SH_SAME) {
        b = a;
    }
    want = tcg_eval_binary(opc, type, a, b);
    if (shape == SH_GLOBALS) {
        env.g64[1] = a;
        env.g64[2] = b;
        env.g32[1] = a;
        env.g32[2] = b;
        run();
        check_val(name, type, type == TCG_TYPE_I64 ? env.g64[0] : env.g32[0], want, a, b);
        check_val(name, type, type == TCG_TYPE_I64 ? env.g64[1] : env.g32[1], a, a, b);
        check_val(name, type, type == TCG_TYPE_I64 ? env.g64[2] : env.g32[2], b, a, b);
        return;
    }
    set_in(type, 0, shape == SH_CONST_A ? b : a);
    set_in(type, 1, b);
    run();
    check_val(name, type, env.out[0], want, a, b);
    if (shape == SH_LIVE) {
        check_val("live input a", type, env.out[1], a, a, b);
        check_val("live input b", type, env.out[2], b, a, b);
    } else if (shape == SH_INPLACE_A) {
        check_val("input b", type, env.out[1], b, a, b);
    } else if (shape == SH_INPLACE_B || shape == SH_CONST_B) {
        check_val("input a", type, env.out[1], a, a, b);
    }
}

static void test_binary(gconstpointer data)
{
    static const TCGOpcode ops[] = {
        INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_div, INDEX_op_divu,
        INDEX_op_rem, INDEX_op_remu, INDEX_op_muluh, INDEX_op_mulsh, INDEX_op_and,
        INDEX_op_or, INDEX_op_xor, INDEX_op_andc, INDEX_op_orc, INDEX_op_eqv,
        INDEX_op_nand, INDEX_op_nor, INDEX_op_shl, INDEX_op_shr, INDEX_op_sar,
        INDEX_op_rotl, INDEX_op_rotr, INDEX_op_clz, INDEX_op_ctz,
    };

    tcg_native_set_features(GPOINTER_TO_UINT(data));
    for (size_t o = 0; o < ARRAY_SIZE(ops); o++) {
        for (TCGType type = TCG_TYPE_I32; type <= TCG_TYPE_I64; type++) {
            for (int shape = SH_DIE; shape <= SH_GLOBALS; shape++) {
                build_binary(ops[o], type, shape, 0);
                for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
                    for (size_t j = 0; j < ARRAY_SIZE(vals); j++) {
                        run_binary(ops[o], type, shape, vals[i], vals[j]);
                    }
                }
            }
            for (size_t k = 0; k < ARRAY_SIZE(vals); k++) {
                build_binary(ops[o], type, SH_CONST_B, vals[k]);
                for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
                    run_binary(ops[o], type, SH_CONST_B, vals[i], vals[k]);
                }
                build_binary(ops[o], type, SH_CONST_A, vals[k]);
                for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
                    run_binary(ops[o], type, SH_CONST_A, vals[k], vals[i]);
                }
            }
        }
    }
}

/* ---- Unary ops ---- */

static TCGType unary_in_type(TCGOpcode opc, TCGType type)
{
    switch (opc) {
    case INDEX_op_ext_i32_i64:
    case INDEX_op_extu_i32_i64:
        return TCG_TYPE_I32;
    case INDEX_op_extrl_i64_i32:
    case INDEX_op_extrh_i64_i32:
        return TCG_TYPE_I64;
    default:
        return type;
    }
}

static void test_unary(gconstpointer data)
{
    static const struct { TCGOpcode opc; bool i32, i64; } ops[] = {
        { INDEX_op_mov, 1, 1 }, { INDEX_op_neg, 1, 1 }, { INDEX_op_not, 1, 1 },
        { INDEX_op_ctpop, 1, 1 }, { INDEX_op_ext8s, 1, 1 }, { INDEX_op_ext8u, 1, 1 },
        { INDEX_op_ext16s, 1, 1 }, { INDEX_op_ext16u, 1, 1 }, { INDEX_op_ext32s, 0, 1 },
        { INDEX_op_ext32u, 0, 1 }, { INDEX_op_bswap16, 1, 1 }, { INDEX_op_bswap32, 1, 1 },
        { INDEX_op_bswap64, 0, 1 }, { INDEX_op_ext_i32_i64, 0, 1 },
        { INDEX_op_extu_i32_i64, 0, 1 }, { INDEX_op_extrl_i64_i32, 1, 0 },
        { INDEX_op_extrh_i64_i32, 1, 0 },
    };

    tcg_native_set_features(GPOINTER_TO_UINT(data));
    for (size_t o = 0; o < ARRAY_SIZE(ops); o++) {
        for (TCGType type = TCG_TYPE_I32; type <= TCG_TYPE_I64; type++) {
            TCGOpcode opc = ops[o].opc;
            TCGType it = unary_in_type(opc, type);
            const char *name = tcg_op_defs[opc].name;

            if (!(type == TCG_TYPE_I32 ? ops[o].i32 : ops[o].i64)) {
                continue;
            }
            /* Shapes: input dies; input stays live; in place; global to global. */
            for (int shape = 0; shape < 4; shape++) {
                TCGTemp *a, *d;

                if (shape == 2 && it != type) {
                    continue;
                }
                start();
                if (shape == 3) {
                    tcg_gen_op2(opc, type, temp_arg(glob(type, 0)), temp_arg(glob(it, 1)));
                } else {
                    a = input(it, 0);
                    d = shape == 2 ? a : new_temp(type);
                    tcg_gen_op2(opc, type, temp_arg(d), temp_arg(a));
                    output(d, 0);
                    if (shape == 1) {
                        output(a, 1);
                    }
                }
                finish();
                for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
                    uint64_t want = tcg_eval_unary(opc, type, tcg_eval_trunc(it, vals[i]));

                    if (shape == 3) {
                        env.g64[1] = vals[i];
                        env.g32[1] = vals[i];
                        run();
                        check_val(name, type, type == TCG_TYPE_I64 ? env.g64[0] : env.g32[0],
                                  want, vals[i], 0);
                        continue;
                    }
                    set_in(it, 0, vals[i]);
                    run();
                    check_val(name, type, env.out[0], want, vals[i], 0);
                    if (shape == 1) {
                        check_val("live input", it, env.out[1], vals[i], vals[i], 0);
                    }
                }
            }
            /* A constant input. */
            for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
                TCGTemp *d;

                start();
                d = new_temp(type);
                tcg_gen_op2(opc, type, temp_arg(d), temp_arg(cst(it, vals[i])));
                output(d, 0);
                finish();
                run();
                check_val(name, type, env.out[0],
                          tcg_eval_unary(opc, type, tcg_eval_trunc(it, vals[i])), vals[i], 0);
            }
        }
    }
}

/* ---- Bit fields ---- */

static const uint64_t field_vals[] = {
    0x8123456789abcdefull, 0x7edcba9876543210ull, 0xffffffffffffffffull, 0,
};

static void test_bitfields(gconstpointer data)
{
    tcg_native_set_features(GPOINTER_TO_UINT(data));
    for (TCGType type = TCG_TYPE_I32; type <= TCG_TYPE_I64; type++) {
        unsigned w = tcg_eval_bits(type);

        for (unsigned ofs = 0; ofs < w; ofs++) {
            for (unsigned len = 1; ofs + len <= w; len++) {
                TCGTemp *a, *b, *d1, *d2, *d3;

                start();
                a = input(type, 0);
                b = input(type, 1);
                d1 = new_temp(type);
                d2 = new_temp(type);
                d3 = new_temp(type);
                tcg_gen_op4(INDEX_op_extract, type, temp_arg(d1), temp_arg(a), ofs, len);
                tcg_gen_op4(INDEX_op_sextract, type, temp_arg(d2), temp_arg(a), ofs, len);
                tcg_gen_op5(INDEX_op_deposit, type, temp_arg(d3), temp_arg(a), temp_arg(b),
                            ofs, len);
                output(d1, 0);
                output(d2, 1);
                output(d3, 2);
                output(a, 3);
                output(b, 4);
                finish();
                for (size_t i = 0; i < ARRAY_SIZE(field_vals); i++) {
                    uint64_t va = field_vals[i], vb = field_vals[(i + 1) % ARRAY_SIZE(field_vals)];

                    set_in(type, 0, va);
                    set_in(type, 1, vb);
                    run();
                    check_val("extract", type, env.out[0], tcg_eval_extract(type, va, ofs, len), va, ofs * 100 + len);
                    check_val("sextract", type, env.out[1], tcg_eval_sextract(type, va, ofs, len), va, ofs * 100 + len);
                    check_val("deposit", type, env.out[2], tcg_eval_deposit(type, va, vb, ofs, len), va, ofs * 100 + len);
                    check_val("input a", type, env.out[3], va, va, vb);
                    check_val("input b", type, env.out[4], vb, va, vb);
                }
            }
        }
        for (unsigned ofs = 0; ofs <= w; ofs++) {
            for (int shape = 0; shape < 3; shape++) {
                TCGTemp *lo, *hi, *d;

                start();
                lo = input(type, 0);
                hi = input(type, 1);
                d = shape == 0 ? new_temp(type) : shape == 1 ? lo : hi;
                tcg_gen_op4(INDEX_op_extract2, type, temp_arg(d), temp_arg(lo), temp_arg(hi), ofs);
                output(d, 0);
                finish();
                for (size_t i = 0; i < ARRAY_SIZE(field_vals); i++) {
                    uint64_t vl = field_vals[i], vh = field_vals[(i + 1) % ARRAY_SIZE(field_vals)];

                    set_in(type, 0, vl);
                    set_in(type, 1, vh);
                    run();
                    check_val("extract2", type, env.out[0], tcg_eval_extract2(type, vl, vh, ofs), vl, ofs);
                }
            }
        }
    }
}

/* ---- Conditions ---- */

static const uint64_t cond_vals[] = {
    0, 1, 2, 0x7f, 0xff, 0x100, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull, 0x8000000000ull,
};

enum { CS_REG, CS_CONST_B, CS_CONST_A, CS_SAME };

static void build_conds(TCGType type, TCGCond c, int shape, uint64_t k)
{
    TCGTemp *a, *b, *v1, *v2, *d[4];
    TCGLabel *l = tcg_label_new(s);

    start();
    l = tcg_label_new(s);
    a = input(type, 0);
    b = shape == CS_REG ? input(type, 1) : shape == CS_SAME ? a : cst(type, k);
    if (shape == CS_CONST_A) {
        TCGTemp *t = a;

        a = b;
        b = t;
    }
    v1 = input(type, 2);
    v2 = input(type, 3);
    for (int i = 0; i < 4; i++) {
        d[i] = new_temp(type);
    }
    tcg_gen_op4(INDEX_op_setcond, type, temp_arg(d[0]), temp_arg(a), temp_arg(b), c);
    tcg_gen_op4(INDEX_op_negsetcond, type, temp_arg(d[1]), temp_arg(a), temp_arg(b), c);
    tcg_gen_op6(INDEX_op_movcond, type, temp_arg(d[2]), temp_arg(a), temp_arg(b),
                temp_arg(v1), temp_arg(v2), c);
    output(d[0], 0);
    output(d[1], 1);
    output(d[2], 2);
    /* movcond whose result overwrites v2 (v1, v2 still read afterwards via out 4). */
    tcg_gen_op6(INDEX_op_movcond, type, temp_arg(v2), temp_arg(a), temp_arg(b),
                temp_arg(v1), temp_arg(v2), c);
    output(v2, 3);
    output(v1, 4);
    /* brcond: out5 = 1 when taken. */
    tcg_gen_op3(INDEX_op_st, TCG_TYPE_I64, temp_arg(cst(TCG_TYPE_I64, 0)), env_arg(),
                offsetof(TestEnv, out[5]));
    if (c == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (c != TCG_COND_NEVER) {
        l->refs++;
        tcg_gen_op4(INDEX_op_brcond, type, temp_arg(a), temp_arg(b), c, label_arg(l));
    }
    tcg_gen_exit_tb(0);
    tcg_gen_set_label(l);
    tcg_gen_op3(INDEX_op_st, TCG_TYPE_I64, temp_arg(cst(TCG_TYPE_I64, 1)), env_arg(),
                offsetof(TestEnv, out[5]));
    finish();
}

static void run_conds(TCGType type, TCGCond c, uint64_t a, uint64_t b, bool const_a)
{
    bool r = tcg_cond_eval(c, type, a, b);
    const char *name = tcg_cond_name(c);

    set_in(type, 0, const_a ? b : a);
    set_in(type, 1, b);
    set_in(type, 2, 0x1111111111111111ull);
    set_in(type, 3, 0x2222222222222222ull);
    run();
    check_val(name, type, env.out[0], r, a, b);
    check_val(name, type, env.out[1], r ? ~0ull : 0, a, b);
    check_val(name, type, env.out[2], r ? 0x1111111111111111ull : 0x2222222222222222ull, a, b);
    check_val(name, type, env.out[3], r ? 0x1111111111111111ull : 0x2222222222222222ull, a, b);
    check_val(name, type, env.out[4], 0x1111111111111111ull, a, b);
    check_val(name, TCG_TYPE_I64, env.out[5], r, a, b);
}

static void test_conditions(gconstpointer data)
{
    tcg_native_set_features(GPOINTER_TO_UINT(data));
    for (TCGType type = TCG_TYPE_I32; type <= TCG_TYPE_I64; type++) {
        for (TCGCond c = 0; c < TCG_COND_COUNT; c++) {
            build_conds(type, c, CS_REG, 0);
            for (size_t i = 0; i < ARRAY_SIZE(cond_vals); i++) {
                for (size_t j = 0; j < ARRAY_SIZE(cond_vals); j++) {
                    run_conds(type, c, cond_vals[i], cond_vals[j], false);
                }
            }
            build_conds(type, c, CS_SAME, 0);
            for (size_t i = 0; i < ARRAY_SIZE(cond_vals); i++) {
                run_conds(type, c, cond_vals[i], cond_vals[i], false);
            }
            for (size_t k = 0; k < ARRAY_SIZE(cond_vals); k++) {
                build_conds(type, c, CS_CONST_B, cond_vals[k]);
                for (size_t i = 0; i < ARRAY_SIZE(cond_vals); i++) {
                    run_conds(type, c, cond_vals[i], cond_vals[k], false);
                }
                build_conds(type, c, CS_CONST_A, cond_vals[k]);
                for (size_t i = 0; i < ARRAY_SIZE(cond_vals); i++) {
                    run_conds(type, c, cond_vals[k], cond_vals[i], true);
                }
            }
        }
    }
}

/* ---- Double-word ops ---- */

static void test_double_word(gconstpointer data)
{
    tcg_native_set_features(GPOINTER_TO_UINT(data));
    for (TCGType type = TCG_TYPE_I32; type <= TCG_TYPE_I64; type++) {
        for (int shape = 0; shape < 4; shape++) {
            TCGTemp *in[4], *o[8];

            /* Shapes: fresh outputs; outputs over inputs; constant high parts; same temps. */
            start();
            for (int i = 0; i < 4; i++) {
                in[i] = input(type, i);
            }
            for (int i = 0; i < 8; i++) {
                o[i] = new_temp(type);
            }
            if (shape == 2) {
                in[1] = cst(type, 0x7f);
                in[3] = cst(type, -2);
            } else if (shape == 3) {
                in[2] = in[0];
            }
            if (shape == 1) {
                tcg_gen_op4(INDEX_op_mulu2, type, temp_arg(o[0]), temp_arg(o[1]), temp_arg(in[0]), temp_arg(in[2]));
                tcg_gen_op4(INDEX_op_muls2, type, temp_arg(o[2]), temp_arg(o[3]), temp_arg(in[0]), temp_arg(in[2]));
                tcg_gen_op6(INDEX_op_add2, type, temp_arg(o[4]), temp_arg(o[5]), temp_arg(in[0]), temp_arg(in[1]), temp_arg(in[2]), temp_arg(in[3]));
                tcg_gen_op6(INDEX_op_sub2, type, temp_arg(in[1]), temp_arg(in[0]), temp_arg(in[0]), temp_arg(in[1]), temp_arg(in[2]), temp_arg(in[3]));
                o[6] = in[1];
                o[7] = in[0];
            } else {
                tcg_gen_op4(INDEX_op_mulu2, type, temp_arg(o[0]), temp_arg(o[1]), temp_arg(in[0]), temp_arg(in[2]));
                tcg_gen_op4(INDEX_op_muls2, type, temp_arg(o[2]), temp_arg(o[3]), temp_arg(in[0]), temp_arg(in[2]));
                tcg_gen_op6(INDEX_op_add2, type, temp_arg(o[4]), temp_arg(o[5]), temp_arg(in[0]), temp_arg(in[1]), temp_arg(in[2]), temp_arg(in[3]));
                tcg_gen_op6(INDEX_op_sub2, type, temp_arg(o[6]), temp_arg(o[7]), temp_arg(in[0]), temp_arg(in[1]), temp_arg(in[2]), temp_arg(in[3]));
            }
            for (int i = 0; i < 8; i++) {
                output(o[i], i);
            }
            finish();
            for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
                for (size_t j = 0; j < ARRAY_SIZE(vals); j++) {
                    uint64_t al = vals[i], ah = vals[j], bl = vals[(i + 3) % ARRAY_SIZE(vals)];
                    uint64_t bh = vals[(j + 5) % ARRAY_SIZE(vals)], lo, hi;

                    if (shape == 2) {
                        ah = 0x7f;
                        bh = (uint64_t)-2;
                    } else if (shape == 3) {
                        bl = al;
                    }
                    set_in(type, 0, al);
                    set_in(type, 1, ah);
                    set_in(type, 2, bl);
                    set_in(type, 3, bh);
                    run();
                    tcg_eval_mul2(INDEX_op_mulu2, type, al, bl, &lo, &hi);
                    check_val("mulu2 lo", type, env.out[0], lo, al, bl);
                    check_val("mulu2 hi", type, env.out[1], hi, al, bl);
                    tcg_eval_mul2(INDEX_op_muls2, type, al, bl, &lo, &hi);
                    check_val("muls2 lo", type, env.out[2], lo, al, bl);
                    check_val("muls2 hi", type, env.out[3], hi, al, bl);
                    tcg_eval_addsub2(INDEX_op_add2, type, al, ah, bl, bh, &lo, &hi);
                    check_val("add2 lo", type, env.out[4], lo, al, bl);
                    check_val("add2 hi", type, env.out[5], hi, ah, bh);
                    tcg_eval_addsub2(INDEX_op_sub2, type, al, ah, bl, bh, &lo, &hi);
                    check_val("sub2 lo", type, env.out[6], lo, al, bl);
                    check_val("sub2 hi", type, env.out[7], hi, ah, bh);
                }
            }
        }
    }
}

/* ---- Host memory ---- */

static void test_load_store(gconstpointer data)
{
    static const struct { TCGOpcode opc; TCGType type; unsigned size; bool sign; } lds[] = {
        { INDEX_op_ld8u, TCG_TYPE_I32, 1, 0 }, { INDEX_op_ld8s, TCG_TYPE_I32, 1, 1 },
        { INDEX_op_ld16u, TCG_TYPE_I32, 2, 0 }, { INDEX_op_ld16s, TCG_TYPE_I32, 2, 1 },
        { INDEX_op_ld, TCG_TYPE_I32, 4, 0 },
        { INDEX_op_ld8u, TCG_TYPE_I64, 1, 0 }, { INDEX_op_ld8s, TCG_TYPE_I64, 1, 1 },
        { INDEX_op_ld16u, TCG_TYPE_I64, 2, 0 }, { INDEX_op_ld16s, TCG_TYPE_I64, 2, 1 },
        { INDEX_op_ld32u, TCG_TYPE_I64, 4, 0 }, { INDEX_op_ld32s, TCG_TYPE_I64, 4, 1 },
        { INDEX_op_ld, TCG_TYPE_I64, 8, 0 },
    };
    static const struct { TCGOpcode opc; TCGType type; unsigned size; } sts[] = {
        { INDEX_op_st8, TCG_TYPE_I32, 1 }, { INDEX_op_st16, TCG_TYPE_I32, 2 },
        { INDEX_op_st, TCG_TYPE_I32, 4 }, { INDEX_op_st8, TCG_TYPE_I64, 1 },
        { INDEX_op_st16, TCG_TYPE_I64, 2 }, { INDEX_op_st32, TCG_TYPE_I64, 4 },
        { INDEX_op_st, TCG_TYPE_I64, 8 },
    };
    static const uint64_t mem_vals[] = { 0x8899aabbccddeeffull, 0x0102030405060708ull, 0x80, 0x7fff };

    tcg_native_set_features(GPOINTER_TO_UINT(data));
    for (size_t i = 0; i < ARRAY_SIZE(lds); i++) {
        /* Through env (rbp) and through a pointer temp at a byte offset. */
        for (int via_ptr = 0; via_ptr < 2; via_ptr++) {
            TCGTemp *d = new_temp(lds[i].type), *base = tcgv_ptr_temp(tcg_env);
            intptr_t off = offsetof(TestEnv, in[2]) + 1;

            start();
            d = new_temp(lds[i].type);
            if (via_ptr) {
                base = new_temp(TCG_TYPE_PTR);
                tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(base), env_arg(),
                            temp_arg(cst(TCG_TYPE_I64, 1000)));
                off -= 1000;
            }
            tcg_gen_op3(lds[i].opc, lds[i].type, temp_arg(d), temp_arg(base), off);
            output(d, 0);
            finish();
            for (size_t v = 0; v < ARRAY_SIZE(mem_vals); v++) {
                uint64_t raw = 0, want;
                uint8_t *p = (uint8_t *)&env.in[2] + 1;

                env.in[2] = env.in[3] = 0;
                memcpy(p, &mem_vals[v], lds[i].size);
                memcpy(&raw, p, lds[i].size);
                want = raw;
                if (lds[i].sign) {
                    unsigned sh = 64 - 8 * lds[i].size;

                    want = (uint64_t)((int64_t)(raw << sh) >> sh);
                }
                run();
                check_val(tcg_op_defs[lds[i].opc].name, lds[i].type, env.out[0], want, raw, via_ptr);
            }
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(sts); i++) {
        /* Register value, then constant value. */
        for (size_t v = 0; v < ARRAY_SIZE(mem_vals) * 2; v++) {
            uint64_t val = mem_vals[v % ARRAY_SIZE(mem_vals)], got = 0;
            TCGTemp *t;

            start();
            t = v < ARRAY_SIZE(mem_vals) ? input(sts[i].type, 0) : cst(sts[i].type, val);
            tcg_gen_op3(sts[i].opc, sts[i].type, temp_arg(t), env_arg(), offsetof(TestEnv, seen[1]) + 3);
            finish();
            set_in(sts[i].type, 0, val);
            memset(env.seen, 0xcc, sizeof(env.seen));
            run();
            memcpy(&got, (uint8_t *)&env.seen[1] + 3, sts[i].size);
            g_assert_cmphex(got, ==, sts[i].size == 8 ? val : val & ((1ull << (8 * sts[i].size)) - 1));
            /* Nothing around the field was touched. */
            g_assert_cmphex(((uint8_t *)&env.seen[1])[2], ==, 0xcc);
            g_assert_cmphex(((uint8_t *)&env.seen[1])[3 + sts[i].size], ==, 0xcc);
        }
    }
}

/* ---- Register pressure ---- */

static void test_pressure(gconstpointer data)
{
    enum { N = 40 };
    TCGTemp *t[N], *sum;
    uint64_t want = 0, x = 0x0123456789abcdefull;

    tcg_native_set_features(GPOINTER_TO_UINT(data));
    start();
    {
        TCGTemp *a = input(TCG_TYPE_I64, 0);

        for (int i = 0; i < N; i++) {
            t[i] = new_temp(TCG_TYPE_I64);
            tcg_gen_op3(INDEX_op_mul, TCG_TYPE_I64, temp_arg(t[i]), temp_arg(a),
                        temp_arg(cst(TCG_TYPE_I64, 2 * i + 1)));
            tcg_gen_op3(INDEX_op_xor, TCG_TYPE_I64, temp_arg(t[i]), temp_arg(t[i]),
                        temp_arg(cst(TCG_TYPE_I64, i)));
        }
    }
    sum = new_temp(TCG_TYPE_I64);
    tcg_gen_op2(INDEX_op_mov, TCG_TYPE_I64, temp_arg(sum), temp_arg(cst(TCG_TYPE_I64, 0)));
    /* Read them back in reverse so that the spilled ones are reloaded. */
    for (int i = N - 1; i >= 0; i--) {
        tcg_gen_op3(INDEX_op_rotl, TCG_TYPE_I64, temp_arg(sum), temp_arg(sum),
                    temp_arg(cst(TCG_TYPE_I64, 7)));
        tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(sum), temp_arg(sum), temp_arg(t[i]));
    }
    output(sum, 0);
    finish();
    env.in[0] = x;
    run();
    for (int i = N - 1; i >= 0; i--) {
        want = (want << 7 | want >> 57) + ((x * (2 * i + 1)) ^ i);
    }
    g_assert_cmphex(env.out[0], ==, want);
}

/* ---- Helpers and globals ---- */

static void helper_rw(TestEnv *e)
{
    e->seen[0] = e->g64[0];
    e->g64[1] = e->g64[0] * 3;
    e->calls++;
}

static void helper_read(TestEnv *e)
{
    e->seen[0] = e->g64[0];
    e->calls++;
}

static uint64_t helper_pure(uint64_t a, uint32_t b)
{
    return a * 5 + b;
}

static void test_globals_helpers(gconstpointer data)
{
    static const TCGHelperInfo info_rw = {
        .func = helper_rw, .name = "rw", .flags = 0, .nb_args = 1,
        .arg_types = { TCG_TYPE_PTR },
    };
    static const TCGHelperInfo info_read = {
        .func = helper_read, .name = "read", .flags = TCG_CALL_NO_WRITE_GLOBALS,
        .nb_args = 1, .arg_types = { TCG_TYPE_PTR },
    };
    static const TCGHelperInfo info_pure = {
        .func = helper_pure, .name = "pure", .flags = TCG_CALL_PURE, .has_ret = true,
        .ret_type = TCG_TYPE_I64, .nb_args = 2, .arg_types = { TCG_TYPE_I64, TCG_TYPE_I32 },
    };
    TCGTemp *args[2];
    TCGTemp *r = NULL;

    tcg_native_set_features(GPOINTER_TO_UINT(data));

    /* Default flags: the helper sees g0, and the TB sees what it wrote to g1. */
    start();
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 0)),
                temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(cst(TCG_TYPE_I64, 5)));
    tcg_gen_op2(INDEX_op_mov, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 1)),
                temp_arg(cst(TCG_TYPE_I64, 7)));
    args[0] = tcgv_ptr_temp(tcg_env);
    tcg_gen_call(&info_rw, NULL, args);
    r = new_temp(TCG_TYPE_I64);
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(r), temp_arg(glob(TCG_TYPE_I64, 1)),
                temp_arg(cst(TCG_TYPE_I64, 1)));
    output(r, 0);
    finish();
    env.g64[0] = 100;
    env.g64[1] = 0;
    run();
    g_assert_cmpuint(env.seen[0], ==, 105);
    g_assert_cmpuint(env.out[0], ==, 316);
    g_assert_cmpuint(env.g64[0], ==, 105);
    g_assert_cmpuint(env.g64[1], ==, 315);

    /* NO_WRITE_GLOBALS: still synced before the call (it reads them). */
    start();
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 0)),
                temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(cst(TCG_TYPE_I64, 5)));
    tcg_gen_call(&info_read, NULL, args);
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 0)),
                temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(cst(TCG_TYPE_I64, 1)));
    finish();
    env.g64[0] = 10;
    run();
    g_assert_cmpuint(env.seen[0], ==, 15);
    g_assert_cmpuint(env.g64[0], ==, 16);

    /* Pure helper with globals as arguments; an unused pure call is removed. */
    start();
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 0)),
                temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(cst(TCG_TYPE_I64, 5)));
    r = new_temp(TCG_TYPE_I64);
    args[0] = glob(TCG_TYPE_I64, 0);
    args[1] = glob(TCG_TYPE_I32, 3);
    tcg_gen_call(&info_pure, r, args);
    tcg_gen_call(&info_pure, new_temp(TCG_TYPE_I64), args);
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 0)),
                temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(r));
    finish();
    {
        unsigned calls = 0;

        tcg_for_each_op(s, op) {
            calls += op->opc == INDEX_op_call;
        }
        g_assert_cmpuint(calls, ==, 1);
    }
    env.g64[0] = 1;
    env.g32[3] = 0xfffffffe;
    run();
    g_assert_cmpuint(env.g64[0], ==, 6 + 30 + 0xfffffffeull);
}

/* ---- Calls with 0..8 arguments ---- */

static uint64_t sum_args(int n, const uint64_t *a)
{
    uint64_t r = 0x1000 * n;

    for (int i = 0; i < n; i++) {
        r += a[i] * (i + 1) * 0x10001;
    }
    return r;
}

static uint64_t h0(void) { return sum_args(0, NULL); }
static uint64_t h1(uint64_t a) { return sum_args(1, &a); }
static uint64_t h2(uint64_t a, uint64_t b) { uint64_t v[] = { a, b }; return sum_args(2, v); }
static uint64_t h3(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t v[] = { a, b, c };
    return sum_args(3, v);
}
static uint64_t h4(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    uint64_t v[] = { a, b, c, d };
    return sum_args(4, v);
}
static uint64_t h5(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e)
{
    uint64_t v[] = { a, b, c, d, e };
    return sum_args(5, v);
}
static uint64_t h6(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f)
{
    uint64_t v[] = { a, b, c, d, e, f };
    return sum_args(6, v);
}
static uint64_t h7(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f,
                   uint64_t g)
{
    uint64_t v[] = { a, b, c, d, e, f, g };
    return sum_args(7, v);
}

static __attribute__((noinline)) uint64_t h8(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                                             uint64_t e, uint64_t f, uint64_t g, uint32_t h)
{
    uint64_t v[] = { a, b, c, d, e, f, g, h };
    uintptr_t fa = (uintptr_t)__builtin_frame_address(0);

    /* The frame pointer is 16-byte aligned iff rsp was at the call. */
    env.sp_misaligned |= fa & 15;
    return sum_args(8, v);
}

static void test_calls(gconstpointer data)
{
    static const void *funcs[9] = { h0, h1, h2, h3, h4, h5, h6, h7, h8 };

    tcg_native_set_features(GPOINTER_TO_UINT(data));
    for (int n = 0; n <= 8; n++) {
        /* Arguments: live temps (in permuted order), constants, globals, an i32. */
        for (int mix = 0; mix < 3; mix++) {
            TCGHelperInfo info = {
                .func = funcs[n], .name = "h", .has_ret = true, .ret_type = TCG_TYPE_I64,
                .flags = mix == 2 ? 0 : TCG_CALL_NO_RWG, .nb_args = n,
            };
            TCGTemp *t[10], *args[8], *r;
            uint64_t in[10], av[8];

            start();
            for (int i = 0; i < 10; i++) {
                t[i] = new_temp(TCG_TYPE_I64);
                in[i] = 0x1111111111111111ull * (i + 1) + i;
                tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(t[i]), temp_arg(input(TCG_TYPE_I64, i % 8)),
                            temp_arg(cst(TCG_TYPE_I64, i)));
            }
            for (int i = 0; i < n; i++) {
                info.arg_types[i] = TCG_TYPE_I64;
                if (mix == 0) {
                    args[i] = t[(n - i + 3) % 10];
                    av[i] = 0;
                } else if (mix == 1) {
                    args[i] = i & 1 ? cst(TCG_TYPE_I64, 0x123456789ull * i) : t[9 - i];
                } else {
                    args[i] = i & 1 ? glob(TCG_TYPE_I64, i % NG) : t[i];
                }
            }
            if (n == 8) {
                info.arg_types[7] = TCG_TYPE_I32;
                args[7] = new_temp(TCG_TYPE_I32);
                tcg_gen_op2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, temp_arg(args[7]), temp_arg(t[2]));
            }
            r = new_temp(TCG_TYPE_I64);
            tcg_gen_call(&info, r, args);
            output(r, 0);
            /* The temps must have survived the call. */
            for (int i = 0; i < 7; i++) {
                output(t[i], i + 1);
            }
            finish();
            for (int i = 0; i < 8; i++) {
                env.in[i] = in[i];
            }
            for (int i = 0; i < NG; i++) {
                env.g64[i] = 0xabc000 + i;
            }
            for (int i = 0; i < n; i++) {
                TCGTemp *a = args[i];

                if (a->kind == TEMP_CONST) {
                    av[i] = a->val;
                } else if (a->kind == TEMP_GLOBAL) {
                    av[i] = env.g64[i % NG];
                } else {
                    for (int k = 0; k < 10; k++) {
                        if (t[k] == a) {
                            av[i] = in[k % 8] + k;
                        }
                    }
                }
            }
            if (n == 8) {
                av[7] = (uint32_t)(in[2] + 2);
            }
            env.sp_misaligned = 0;
            run();
            g_assert_cmphex(env.out[0], ==, sum_args(n, av));
            for (int i = 0; i < 7; i++) {
                g_assert_cmphex(env.out[i + 1], ==, in[i] + i);
            }
            g_assert_cmpuint(env.sp_misaligned, ==, 0);
        }
    }
}

/* ---- Control flow ---- */

static void test_loop(gconstpointer data)
{
    TCGLabel *top;
    TCGTemp *sum, *i, *x;

    tcg_native_set_features(GPOINTER_TO_UINT(data));
    /* sum = sum over i = n..1 of i * x, with TB temps and a global counter. */
    start();
    top = tcg_label_new(s);
    sum = tcg_temp_new_internal(s, TCG_TYPE_I64, TEMP_TB);
    i = glob(TCG_TYPE_I64, 0);
    x = tcg_temp_new_internal(s, TCG_TYPE_I64, TEMP_TB);
    tcg_gen_op3(INDEX_op_ld, TCG_TYPE_I64, temp_arg(x), env_arg(), offsetof(TestEnv, in[0]));
    tcg_gen_op2(INDEX_op_mov, TCG_TYPE_I64, temp_arg(sum), temp_arg(cst(TCG_TYPE_I64, 0)));
    tcg_gen_set_label(top);
    {
        TCGTemp *p = new_temp(TCG_TYPE_I64);

        tcg_gen_op3(INDEX_op_mul, TCG_TYPE_I64, temp_arg(p), temp_arg(i), temp_arg(x));
        tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(sum), temp_arg(sum), temp_arg(p));
    }
    tcg_gen_op3(INDEX_op_sub, TCG_TYPE_I64, temp_arg(i), temp_arg(i), temp_arg(cst(TCG_TYPE_I64, 1)));
    tcg_gen_brcondi_i64(TCG_COND_NE, temp_tcgv_i64(i), 0, top);
    output(sum, 0);
    finish();
    env.g64[0] = 1000;
    env.in[0] = 3;
    run();
    g_assert_cmpuint(env.out[0], ==, 3 * 1000 * 1001 / 2);
    g_assert_cmpuint(env.g64[0], ==, 0);
}

static void test_many_tb_temps(gconstpointer data)
{
    /* More TB temps live across a label than the static frame has slots. */
    enum { N = 300 };
    TCGTemp *t[N], *sum;
    TCGLabel *l;
    static const TCGHelperInfo info = {
        .func = h8, .name = "h8", .has_ret = true, .ret_type = TCG_TYPE_I64,
        .flags = TCG_CALL_NO_RWG, .nb_args = 8,
        .arg_types = { TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I64,
                       TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I32 },
    };
    uint64_t want = 0, av[8];

    tcg_native_set_features(GPOINTER_TO_UINT(data));
    start();
    l = tcg_label_new(s);
    for (int i = 0; i < N; i++) {
        t[i] = tcg_temp_new_internal(s, TCG_TYPE_I64, TEMP_TB);
        tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(t[i]), temp_arg(input(TCG_TYPE_I64, 0)),
                    temp_arg(cst(TCG_TYPE_I64, i * 3)));
    }
    tcg_gen_br(l);
    tcg_gen_set_label(l);
    sum = tcg_temp_new_internal(s, TCG_TYPE_I64, TEMP_TB);
    {
        TCGTemp *args[8];
        TCGTemp *w = new_temp(TCG_TYPE_I32);

        for (int i = 0; i < 7; i++) {
            args[i] = t[i * 40];
        }
        tcg_gen_op2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, temp_arg(w), temp_arg(t[N - 1]));
        args[7] = w;
        tcg_gen_call(&info, sum, args);
    }
    for (int i = 0; i < N; i++) {
        tcg_gen_op3(INDEX_op_xor, TCG_TYPE_I64, temp_arg(sum), temp_arg(sum), temp_arg(t[i]));
    }
    output(sum, 0);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(9);
    finish_no_exit();
    env.in[0] = 0x100000;
    for (int i = 0; i < 7; i++) {
        av[i] = env.in[0] + i * 40 * 3;
    }
    av[7] = (uint32_t)(env.in[0] + (N - 1) * 3);
    want = sum_args(8, av);
    for (int i = 0; i < N; i++) {
        want ^= env.in[0] + i * 3;
    }
    env.sp_misaligned = 0;
    g_assert_cmpuint(run(), ==, 9);
    g_assert_cmphex(env.out[0], ==, want);
    g_assert_cmpuint(env.sp_misaligned, ==, 0);
}

static void test_goto_ptr(gconstpointer data)
{
    const void *target;
    TCGTemp *p;

    tcg_native_set_features(GPOINTER_TO_UINT(data));
    /* A TB to jump to. */
    start();
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 1)),
                temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(cst(TCG_TYPE_I64, 1)));
    tcg_gen_exit_tb(77);
    finish_no_exit();
    target = cur_code;

    start();
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 0)),
                temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(cst(TCG_TYPE_I64, 10)));
    p = new_temp(TCG_TYPE_PTR);
    tcg_gen_op3(INDEX_op_ld, TCG_TYPE_I64, temp_arg(p), env_arg(), offsetof(TestEnv, in[0]));
    tcg_gen_goto_ptr(temp_tcgv_ptr(p));
    finish_no_exit();

    env.in[0] = 0;
    env.g64[0] = 5;
    env.g64[1] = 0;
    g_assert_cmpuint(run(), ==, 0);
    g_assert_cmpuint(env.g64[0], ==, 15);
    g_assert_cmpuint(env.g64[1], ==, 0);

    env.in[0] = (uintptr_t)target;
    env.g64[0] = 5;
    g_assert_cmpuint(run(), ==, 77);
    g_assert_cmpuint(env.g64[1], ==, 16);
}

static void test_goto_tb(gconstpointer data)
{
    const uint8_t *other, *code;
    uint32_t jo, ro;
    int32_t disp;

    tcg_native_set_features(GPOINTER_TO_UINT(data));
    start();
    tcg_gen_exit_tb(1234);
    finish_no_exit();
    other = cur_code;

    for (int slot = 0; slot < 2; slot++) {
        for (int pad = 0; pad < 4; pad++) {
            start();
            /* Vary the code before goto_tb so that the padding differs. */
            for (int i = 0; i < pad; i++) {
                tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 0)),
                            temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(cst(TCG_TYPE_I64, 1 << (i * 8))));
            }
            tcg_gen_op3(INDEX_op_add, TCG_TYPE_I32, temp_arg(glob(TCG_TYPE_I32, 0)),
                        temp_arg(glob(TCG_TYPE_I32, 0)), temp_arg(cst(TCG_TYPE_I32, 1)));
            tcg_gen_goto_tb(slot);
            tcg_gen_exit_tb(5);
            finish_no_exit();
            code = cur_code;
            jo = s->goto_tb_jump_offset[slot];
            ro = s->goto_tb_reset_offset[slot];
            g_assert_cmpuint(jo, !=, UINT32_MAX);
            g_assert_cmpuint(s->goto_tb_jump_offset[!slot], ==, UINT32_MAX);
            g_assert_cmpuint(((uintptr_t)code + jo) % 4, ==, 0);
            g_assert_cmpuint(ro, ==, jo + 4);
            g_assert_cmpuint(code[jo - 1], ==, 0xe9);
            memcpy(&disp, code + jo, 4);
            g_assert_cmpint(disp, ==, 0);

            /* Unchained: falls through to the exit, globals written back. */
            env.g32[0] = 41;
            env.g64[0] = 0;
            g_assert_cmpuint(run(), ==, 5);
            g_assert_cmpuint(env.g32[0], ==, 42);

            /* Chained (as the TB cache will patch it): goes to the other TB. */
            disp = (int32_t)(other - (code + ro));
            memcpy(code_buffer_rw(code + jo), &disp, 4);
            env.g32[0] = 1;
            g_assert_cmpuint(run(), ==, 1234);
            g_assert_cmpuint(env.g32[0], ==, 2);
        }
    }
}

static void test_insn_offsets(gconstpointer data)
{
    uint32_t prev = 0;

    tcg_native_set_features(GPOINTER_TO_UINT(data));
    start();
    for (int i = 0; i < 6; i++) {
        tcg_gen_insn_start(0x1000 + 4 * i, 0, 0);
        for (int k = 0; k < i % 3; k++) {
            tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 0)),
                        temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(glob(TCG_TYPE_I64, 1)));
        }
        tcg_gen_mb(i & 1 ? TCG_MO_ALL : TCG_MO_LD_LD);
    }
    finish();
    g_assert_cmpuint(s->insn_end_offsets->len, ==, 6);
    for (guint i = 0; i < s->insn_end_offsets->len; i++) {
        uint32_t off = g_array_index(s->insn_end_offsets, uint32_t, i);

        g_assert_cmpuint(off, >=, prev);
        prev = off;
    }
    g_assert_cmpuint(prev, ==, cur_size);
    /* Instructions with code in them have code. */
    g_assert_cmpuint(g_array_index(s->insn_end_offsets, uint32_t, 2), >,
                     g_array_index(s->insn_end_offsets, uint32_t, 1));
    env.g64[0] = 1;
    env.g64[1] = 2;
    run();
    g_assert_cmpuint(env.g64[0], ==, 1 + 2 * 6);
}

static uintptr_t getpc_seen[4];
static int getpc_count;

static void helper_getpc(void)
{
    getpc_seen[getpc_count++] = TCG_GETPC();
}

static const TCGHelperInfo info_getpc = {
    .func = helper_getpc, .name = "getpc", .flags = TCG_CALL_NO_RWG,
};

/* A helper's TCG_GETPC() (its return address) maps to the guest instruction of the call. */
static void test_helper_retaddr(gconstpointer data)
{
    tcg_native_set_features(GPOINTER_TO_UINT(data));
    start();
    tcg_gen_insn_start(0x1000, 0, 0);
    tcg_gen_call(&info_getpc, NULL, NULL);
    tcg_gen_insn_start(0x1004, 0, 0);
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 0)),
                temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(glob(TCG_TYPE_I64, 1)));
    tcg_gen_insn_start(0x1008, 0, 0);
    tcg_gen_call(&info_getpc, NULL, NULL);
    tcg_gen_insn_start(0x100c, 0, 0);
    tcg_gen_call(&info_getpc, NULL, NULL);
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 0)),
                temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(glob(TCG_TYPE_I64, 1)));
    finish();
    getpc_count = 0;
    run();
    g_assert_cmpint(getpc_count, ==, 3);
    for (int i = 0; i < 3; i++) {
        uintptr_t off;
        guint insn = 0;

        g_assert_true(tcg_code_is_native(getpc_seen[i]));
        g_assert_cmpuint(getpc_seen[i], >, (uintptr_t)cur_code);
        off = getpc_seen[i] - (uintptr_t)cur_code;
        while (g_array_index(s->insn_end_offsets, uint32_t, insn) < off) {
            insn++;
        }
        g_assert_cmpuint(insn, ==, i == 0 ? 0 : i + 1);
    }
}

/* ---- Liveness, buffer exhaustion, disassembly ---- */

static void test_liveness(void)
{
    TCGTemp *a, *d, *unused;
    unsigned n = 0;
    TCGOp *add = NULL;

    start();
    a = input(TCG_TYPE_I64, 0);
    unused = new_temp(TCG_TYPE_I64);
    tcg_gen_op3(INDEX_op_mul, TCG_TYPE_I64, temp_arg(unused), temp_arg(a), temp_arg(a));
    d = new_temp(TCG_TYPE_I64);
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(d), temp_arg(a), temp_arg(glob(TCG_TYPE_I64, 0)));
    add = s->last_op;
    tcg_gen_op2(INDEX_op_mov, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 1)), temp_arg(d));
    tcg_gen_exit_tb(0);
    tcg_liveness(s);
    tcg_for_each_op(s, op) {
        g_assert_cmpint(op->opc, !=, INDEX_op_mul);     /* dead, removed */
        n++;
    }
    g_assert_cmpuint(n, ==, 4);
    /* a dies at the add (the mul that also read it is gone), d lives on... */
    g_assert_true(add->dead & (1u << 1));
    g_assert_false(add->dead & (1u << 0));
    g_assert_cmpuint(add->sync, ==, 0);
    /* ...the global written by the mov is synced and dies at the exit. */
    g_assert_cmpuint(add->next->sync, ==, 1);
    g_assert_true(add->next->dead & (1u << 1));
}

static void test_buffer_full(void)
{
    unsigned flushes = code_buffer_flushes();
    size_t size;
    const void *code;
    int tbs = 0;

    /* Fill the buffer with a large TB until gen_code refuses. */
    start();
    for (int i = 0; i < 4000; i++) {
        tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 0)),
                    temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(glob(TCG_TYPE_I64, i % NG)));
    }
    tcg_gen_exit_tb(3);
    while ((code = tcg_backend_native.gen_code(s, &size)) != NULL) {
        tbs++;
        g_assert_cmpuint(tbs, <, 100000);
    }
    g_assert_cmpuint(tbs, >, 0);
    code_buffer_flush();
    g_assert_cmpuint(code_buffer_flushes(), ==, flushes + 1);
    code = tcg_backend_native.gen_code(s, &size);
    g_assert_nonnull(code);
    cur_code = code;
    cur_size = size;
    memset(env.g64, 0, sizeof(env.g64));
    env.g64[0] = 1;
    g_assert_cmpuint(run(), ==, 3);
}

static void test_disas(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    unsigned lines = 0;

    start();
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(glob(TCG_TYPE_I64, 0)),
                temp_arg(glob(TCG_TYPE_I64, 0)), temp_arg(cst(TCG_TYPE_I64, 1)));
    finish();
    tcg_disas_host(f, cur_code, cur_size);
    fclose(f);
    for (char *p = text; *p; p++) {
        lines += *p == '\n';
    }
    g_assert_cmpuint(lines, >=, 3);
    g_assert_true(g_str_has_prefix(text, "0x"));
    g_assert_nonnull(strstr(text, "add"));
    g_assert_nonnull(strstr(text, "jmp"));
    free(text);
}

/* The feature switch really changes the code: lzcnt with it, bsr without. */
static void test_feature_switch(void)
{
    for (int on = 0; on < 2; on++) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        TCGTemp *d;

        tcg_native_set_features(on ? HOST_ALL : 0);
        start();
        d = new_temp(TCG_TYPE_I64);
        tcg_gen_op3(INDEX_op_clz, TCG_TYPE_I64, temp_arg(d), temp_arg(input(TCG_TYPE_I64, 0)),
                    temp_arg(cst(TCG_TYPE_I64, 64)));
        output(d, 0);
        finish();
        tcg_disas_host(f, cur_code, cur_size);
        fclose(f);
        if (on && (tcg_native_host_detected() & HOST_LZCNT)) {
            g_assert_nonnull(strstr(text, "lzcnt"));
        } else {
            g_assert_nonnull(strstr(text, "bsr"));
        }
        free(text);
    }
}

static void add_both(const char *name, GTestDataFunc fn)
{
    char *full = g_strdup_printf("/tcg-native/host-features/%s", name);
    char *none = g_strdup_printf("/tcg-native/no-features/%s", name);

    g_test_add_data_func(full, GUINT_TO_POINTER(HOST_ALL), fn);
    g_test_add_data_func(none, GUINT_TO_POINTER(0), fn);
    g_free(full);
    g_free(none);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!code_buffer_init(8 * MiB, &error_abort) || !tcg_backend_native.init(&error_abort)) {
        return 1;
    }
    s = tcg_context_new(tcg_backend_native.env_reg);
    for (int i = 0; i < NG; i++) {
        char name[16];

        snprintf(name, sizeof(name), "r%d", i);
        g64[i] = tcg_global_mem_new_i64(tcg_env, offsetof(TestEnv, g64[i]), g_intern_string(name));
        snprintf(name, sizeof(name), "w%d", i);
        g32[i] = tcg_global_mem_new_i32(tcg_env, offsetof(TestEnv, g32[i]), g_intern_string(name));
    }
    add_both("binary", test_binary);
    add_both("unary", test_unary);
    add_both("bitfields", test_bitfields);
    add_both("conditions", test_conditions);
    add_both("double-word", test_double_word);
    add_both("load-store", test_load_store);
    add_both("register-pressure", test_pressure);
    add_both("globals-and-helpers", test_globals_helpers);
    add_both("calls-0-to-8-args", test_calls);
    add_both("loop", test_loop);
    add_both("frame-growth", test_many_tb_temps);
    add_both("goto-ptr", test_goto_ptr);
    add_both("goto-tb", test_goto_tb);
    add_both("insn-end-offsets", test_insn_offsets);
    add_both("helper-retaddr", test_helper_retaddr);
    g_test_add_func("/tcg-native/liveness", test_liveness);
    g_test_add_func("/tcg-native/buffer-full", test_buffer_full);
    g_test_add_func("/tcg-native/disas", test_disas);
    g_test_add_func("/tcg-native/feature-switch", test_feature_switch);
    return g_test_run();
}
