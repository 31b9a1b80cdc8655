/*
 * The gvec builder API (tcg/tcg-op-gvec.h) end to end: every op, element
 * size, operation size (8, 16, 32) and destination size, with the
 * destination separate from or equal to the sources, against a plain-C
 * reference computed lane by lane with 128-bit arithmetic (written apart
 * from tcg/eval.h, so a mistake there shows too). Each TB runs on both
 * backends and under several host feature masks, so the native backend's
 * AVX2, SSE4, SSE2-only sequences and the builder's integer expansion
 * ("none") are all checked on one host:
 *
 *   /tcg-gvec/BACKEND/MASK/OP
 *
 * With KOINE_TCG_FEATURES set, only the mask it gives is tried (the meson
 * entry test-tcg-gvec-nofeatures). Each check also looks at the whole CPU
 * state: bytes [oprsz, maxsz) of the destination must be zero, and every
 * byte outside the destination unchanged. KOINE_TEST_DISAS=1 prints the IR
 * and host code of a failing TB.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/error.h"
#include "tcg/tcg-op.h"
#include "tcg/tcg-op-gvec.h"
#include "tcg/tcg-backend.h"
#include "tcg/code-buffer.h"
#include "tcg/optimize.h"
#include "tcg/disas.h"
#include "tcg/gvec.h"
#include "tcg/x86_64/host-features.h"

#define NREGS   6
#define REGSZ   64          /* room for maxsz up to 64 */
#define NDATA   6

typedef struct VecEnv {
    uint64_t scalar[4];
    uint8_t regs[NREGS * REGSZ + 16];
    uint64_t calls;
} VecEnv;

static TCGContext *ctx;
static VecEnv env, expect;
static const void *cur_code;
static size_t cur_size;
static const TCGBackend *cur_backend;

/* ---- The reference ---- */

typedef enum RefOp {
    R_MOV, R_DUP, R_ADD, R_SUB, R_MUL, R_SSADD, R_SSSUB, R_USADD, R_USSUB,
    R_SMIN, R_SMAX, R_UMIN, R_UMAX, R_AND, R_OR, R_XOR, R_ANDC, R_ORC, R_BITSEL,
    R_NEG, R_ABS, R_NOT, R_SHLI, R_SHRI, R_SARI, R_CMP,
} RefOp;

static __int128 sext(uint64_t v, unsigned bits)
{
    return bits == 64 ? (__int128)(int64_t)v
                      : (__int128)((int64_t)(v << (64 - bits)) >> (64 - bits));
}

static __int128 clamp(__int128 v, __int128 lo, __int128 hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static bool ref_cond(TCGCond c, __int128 sa, __int128 sb, uint64_t ua, uint64_t ub)
{
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return ua == ub;
    case TCG_COND_NE: return ua != ub;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return ua < ub;
    case TCG_COND_GEU: return ua >= ub;
    case TCG_COND_LEU: return ua <= ub;
    case TCG_COND_GTU: return ua > ub;
    case TCG_COND_TSTEQ: return (ua & ub) == 0;
    case TCG_COND_TSTNE: return (ua & ub) != 0;
    default: g_assert_not_reached();
    }
}

static uint64_t ref_lane(RefOp op, unsigned bits, unsigned imm, uint64_t a, uint64_t b,
                         uint64_t c)
{
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    uint64_t ua = a & mask, ub = b & mask;
    __int128 sa = sext(a, bits), sb = sext(b, bits);
    __int128 smax = ((__int128)1 << (bits - 1)) - 1, smin = -smax - 1;
    __int128 r;

    switch (op) {
    case R_MOV: case R_DUP: r = ua; break;
    case R_ADD: r = (__int128)ua + ub; break;
    case R_SUB: r = (__int128)ua - ub; break;
    case R_MUL: r = (__int128)((unsigned __int128)ua * ub); break;
    case R_SSADD: r = clamp(sa + sb, smin, smax); break;
    case R_SSSUB: r = clamp(sa - sb, smin, smax); break;
    case R_USADD: r = clamp((__int128)ua + ub, 0, mask); break;
    case R_USSUB: r = clamp((__int128)ua - ub, 0, mask); break;
    case R_SMIN: r = sa < sb ? sa : sb; break;
    case R_SMAX: r = sa > sb ? sa : sb; break;
    case R_UMIN: r = ua < ub ? ua : ub; break;
    case R_UMAX: r = ua > ub ? ua : ub; break;
    case R_AND: r = a & b; break;
    case R_OR: r = a | b; break;
    case R_XOR: r = a ^ b; break;
    case R_ANDC: r = a & ~b; break;
    case R_ORC: r = a | ~b; break;
    case R_BITSEL: r = (a & b) | (~a & c); break;
    case R_NEG: r = -(__int128)ua; break;
    case R_ABS: r = sa < 0 ? -sa : sa; break;
    case R_NOT: r = ~a; break;
    case R_SHLI: r = (__int128)ua << imm; break;
    case R_SHRI: r = ua >> imm; break;
    case R_SARI: r = sa >> imm; break;
    case R_CMP: r = ref_cond((TCGCond)imm, sa, sb, ua, ub) ? -1 : 0; break;
    default: g_assert_not_reached();
    }
    return (uint64_t)r & mask;
}

/* ---- The ops under test ---- */

typedef enum Shape { S_DUP_I64, S_DUP_IMM, S_DUP_MEM, S_1, S_2, S_3, S_SHIFT, S_CMP } Shape;

typedef void Gen2(unsigned, uint32_t, uint32_t, uint32_t, uint32_t);
typedef void Gen3(unsigned, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);
typedef void GenShift(unsigned, uint32_t, uint32_t, unsigned, uint32_t, uint32_t);

typedef struct OpCase {
    const char *name;
    Shape shape;
    RefOp ref;
    Gen2 *gen2;
    Gen3 *gen3;
    GenShift *genshift;
} OpCase;

static const OpCase op_cases[] = {
    { "mov", S_1, R_MOV, .gen2 = tcg_gen_gvec_mov },
    { "dup_i64", S_DUP_I64, R_DUP },
    { "dup_imm", S_DUP_IMM, R_DUP },
    { "dup_mem", S_DUP_MEM, R_DUP },
    { "add", S_2, R_ADD, .gen3 = tcg_gen_gvec_add },
    { "sub", S_2, R_SUB, .gen3 = tcg_gen_gvec_sub },
    { "mul", S_2, R_MUL, .gen3 = tcg_gen_gvec_mul },
    { "ssadd", S_2, R_SSADD, .gen3 = tcg_gen_gvec_ssadd },
    { "sssub", S_2, R_SSSUB, .gen3 = tcg_gen_gvec_sssub },
    { "usadd", S_2, R_USADD, .gen3 = tcg_gen_gvec_usadd },
    { "ussub", S_2, R_USSUB, .gen3 = tcg_gen_gvec_ussub },
    { "smin", S_2, R_SMIN, .gen3 = tcg_gen_gvec_smin },
    { "smax", S_2, R_SMAX, .gen3 = tcg_gen_gvec_smax },
    { "umin", S_2, R_UMIN, .gen3 = tcg_gen_gvec_umin },
    { "umax", S_2, R_UMAX, .gen3 = tcg_gen_gvec_umax },
    { "and", S_2, R_AND, .gen3 = tcg_gen_gvec_and },
    { "or", S_2, R_OR, .gen3 = tcg_gen_gvec_or },
    { "xor", S_2, R_XOR, .gen3 = tcg_gen_gvec_xor },
    { "andc", S_2, R_ANDC, .gen3 = tcg_gen_gvec_andc },
    { "orc", S_2, R_ORC, .gen3 = tcg_gen_gvec_orc },
    { "bitsel", S_3, R_BITSEL },
    { "neg", S_1, R_NEG, .gen2 = tcg_gen_gvec_neg },
    { "abs", S_1, R_ABS, .gen2 = tcg_gen_gvec_abs },
    { "not", S_1, R_NOT, .gen2 = tcg_gen_gvec_not },
    { "shli", S_SHIFT, R_SHLI, .genshift = tcg_gen_gvec_shli },
    { "shri", S_SHIFT, R_SHRI, .genshift = tcg_gen_gvec_shri },
    { "sari", S_SHIFT, R_SARI, .genshift = tcg_gen_gvec_sari },
    { "cmp", S_CMP, R_CMP },
};

/* Lane values: the edges of every width, then random. */
static uint64_t lane_value(unsigned bits, unsigned k, GRand *rnd)
{
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    uint64_t top = 1ull << (bits - 1);
    static const unsigned nedge = 10;

    switch (k % (nedge + 6)) {
    case 0: return 0;
    case 1: return 1;
    case 2: return 2;
    case 3: return top - 1;             /* 0x7f.. */
    case 4: return top;                 /* 0x80.. */
    case 5: return top + 1;
    case 6: return mask;                /* 0xff.. */
    case 7: return mask - 1;
    case 8: return 0x5555555555555555ull & mask;
    case 9: return (top >> 1) | 1;
    default:
        return (((uint64_t)g_rand_int(rnd) << 32) | g_rand_int(rnd)) & mask;
    }
}

static uint64_t get_lane(const uint8_t *p, unsigned bits)
{
    uint64_t v = 0;

    memcpy(&v, p, bits / 8);
    return v;
}

static void put_lane(uint8_t *p, unsigned bits, uint64_t v)
{
    memcpy(p, &v, bits / 8);
}

/* ---- One configuration ---- */

typedef struct Config {
    const OpCase *op;
    unsigned vece;
    uint32_t oprsz, maxsz;
    uint32_t dofs, aofs, bofs, cofs;    /* offsets into regs[] */
    unsigned imm;                       /* shift, condition, dup element index */
    uint64_t dup_imm;
} Config;

static uint32_t env_ofs(uint32_t reg_ofs)
{
    return offsetof(VecEnv, regs) + reg_ofs;
}

static void fail_dump(const Config *c, unsigned data)
{
    fprintf(stderr, "%s/%s vece %u oprsz %u maxsz %u d %u a %u b %u c %u imm %u data %u\n",
            cur_backend->name, c->op->name, c->vece, c->oprsz, c->maxsz,
            c->dofs, c->aofs, c->bofs, c->cofs, c->imm, data);
    if (getenv("KOINE_TEST_DISAS")) {
        tcg_dump_ops(ctx, stderr);
        if (cur_backend == &tcg_backend_native) {
            tcg_disas_host(stderr, cur_code, cur_size);
        }
    }
}

static void gen_op(const Config *c)
{
    const OpCase *op = c->op;
    uint32_t d = env_ofs(c->dofs), a = env_ofs(c->aofs), b = env_ofs(c->bofs);

    switch (op->shape) {
    case S_DUP_I64: {
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_ld_i64(t, tcg_env, offsetof(VecEnv, scalar[0]));
        tcg_gen_gvec_dup_i64(c->vece, d, c->oprsz, c->maxsz, t);
        break;
    }
    case S_DUP_IMM:
        tcg_gen_gvec_dup_imm(c->vece, d, c->oprsz, c->maxsz, c->dup_imm);
        break;
    case S_DUP_MEM:
        tcg_gen_gvec_dup_mem(c->vece, d, a + (c->imm << c->vece), c->oprsz, c->maxsz);
        break;
    case S_1:
        op->gen2(c->vece, d, a, c->oprsz, c->maxsz);
        break;
    case S_2:
        op->gen3(c->vece, d, a, b, c->oprsz, c->maxsz);
        break;
    case S_3:
        tcg_gen_gvec_bitsel(c->vece, d, a, b, env_ofs(c->cofs), c->oprsz, c->maxsz);
        break;
    case S_SHIFT:
        op->genshift(c->vece, d, a, c->imm, c->oprsz, c->maxsz);
        break;
    case S_CMP:
        tcg_gen_gvec_cmp((TCGCond)c->imm, c->vece, d, a, b, c->oprsz, c->maxsz);
        break;
    }
}

static void build_and_gen(const Config *c)
{
    size_t size;

    tcg_func_start(ctx);
    gen_op(c);
    tcg_gen_exit_tb(0);
    cur_code = cur_backend->gen_code(ctx, &size);
    if (!cur_code) {
        code_buffer_flush();
        cur_code = cur_backend->gen_code(ctx, &size);
    }
    g_assert_nonnull(cur_code);
    cur_size = size;
}

/* Random CPU state, then the sources' lanes from the edge values of data set k. */
static void fill(const Config *c, unsigned k, GRand *rnd)
{
    unsigned bits = 8 << c->vece;
    uint32_t srcs[3] = { c->aofs, c->bofs, c->cofs };

    for (size_t i = 0; i < sizeof(env); i++) {
        ((uint8_t *)&env)[i] = (uint8_t)g_rand_int(rnd);
    }
    for (unsigned s = 0; s < 3; s++) {
        for (unsigned l = 0; l < c->oprsz * 8 / bits; l++) {
            put_lane(&env.regs[srcs[s] + l * bits / 8], bits,
                     lane_value(bits, k * 7 + l * (3 + 2 * s) + s, rnd));
        }
    }
    /* Bits above the element must not matter. */
    env.scalar[0] = lane_value(bits, k, rnd);
    if (bits < 64 && (g_rand_int(rnd) & 1)) {
        env.scalar[0] |= ~0ull << bits;
    }
}

static void compute_expect(const Config *c)
{
    unsigned bits = 8 << c->vece, bytes = bits / 8;
    uint8_t res[TCG_GVEC_MAX_OPRSZ];
    uint64_t dupval = 0;

    memcpy(&expect, &env, sizeof(env));
    if (c->op->shape == S_DUP_I64) {
        dupval = env.scalar[0];
    } else if (c->op->shape == S_DUP_IMM) {
        dupval = c->dup_imm;
    } else if (c->op->shape == S_DUP_MEM) {
        dupval = get_lane(&env.regs[c->aofs + c->imm * bytes], bits);
    }
    for (unsigned l = 0; l < c->oprsz / bytes; l++) {
        uint64_t a = get_lane(&env.regs[c->aofs + l * bytes], bits);
        uint64_t b = get_lane(&env.regs[c->bofs + l * bytes], bits);
        uint64_t cc = get_lane(&env.regs[c->cofs + l * bytes], bits);
        uint64_t r;

        if (c->op->shape <= S_DUP_MEM) {
            r = dupval & (bits == 64 ? ~0ull : (1ull << bits) - 1);
        } else {
            r = ref_lane(c->op->ref, bits, c->imm, a, b, cc);
        }
        put_lane(&res[l * bytes], bits, r);
    }
    memcpy(&expect.regs[c->dofs], res, c->oprsz);
    memset(&expect.regs[c->dofs + c->oprsz], 0, c->maxsz - c->oprsz);
}

static void check_config(const Config *c, GRand *rnd)
{
    build_and_gen(c);
    for (unsigned k = 0; k < NDATA; k++) {
        fill(c, k, rnd);
        compute_expect(c);
        cur_backend->exec(&env, cur_code);
        if (memcmp(&env, &expect, sizeof(env))) {
            fail_dump(c, k);
            for (size_t i = 0; i < sizeof(env.regs); i++) {
                if (env.regs[i] != expect.regs[i]) {
                    fprintf(stderr, "regs[%zu]: got 0x%02x want 0x%02x\n", i,
                            env.regs[i], expect.regs[i]);
                }
            }
            g_assert_cmpmem(&env, sizeof(env), &expect, sizeof(expect));
        }
    }
}

/* The shift counts, conditions or dup element indexes to try. */
static unsigned imm_list(const Config *c, unsigned *imms)
{
    unsigned bits = 8 << c->vece, n = 0;

    switch (c->op->shape) {
    case S_SHIFT:
        imms[n++] = 0;
        imms[n++] = 1;
        imms[n++] = bits / 2 - 1;
        imms[n++] = bits - 1;
        return n;
    case S_CMP:
        for (unsigned cond = 0; cond < TCG_COND_COUNT; cond++) {
            imms[n++] = cond;
        }
        return n;
    case S_DUP_MEM:
        imms[n++] = 0;
        imms[n++] = c->oprsz / (bits / 8) - 1;
        return n;
    case S_DUP_IMM:
        for (unsigned k = 0; k < 4; k++) {
            imms[n++] = k;
        }
        return n;
    default:
        imms[n++] = 0;
        return n;
    }
}

typedef struct TestCase {
    const TCGBackend *backend;
    unsigned features;
    const OpCase *op;
} TestCase;

static void test_op(const void *opaque)
{
    const TestCase *tc = opaque;
    const OpCase *op = tc->op;
    static const uint32_t oprszs[] = { 8, 16, 32 };
    GRand *rnd = g_rand_new_with_seed(0x5eed);

    cur_backend = tc->backend;
    tcg_native_set_features(tc->features);
    for (unsigned vece = MO_8; vece <= MO_64; vece++) {
        for (unsigned oi = 0; oi < ARRAY_SIZE(oprszs); oi++) {
            uint32_t oprsz = oprszs[oi];
            uint32_t maxszs[3] = { oprsz, oprsz + 8, 64 };

            for (unsigned mi = 0; mi < 3; mi++) {
                /* Layouts: separate regs; d == a; d == b; d == a == b (skewed by 8). */
                for (unsigned layout = 0; layout < 4; layout++) {
                    uint32_t skew = (layout & 1) * 8;
                    Config c = {
                        .op = op, .vece = vece, .oprsz = oprsz, .maxsz = maxszs[mi],
                        .dofs = skew, .aofs = REGSZ + skew, .bofs = 2 * REGSZ + skew,
                        .cofs = 3 * REGSZ + skew,
                    };
                    unsigned imms[TCG_COND_COUNT], nimm;

                    if (mi > 0 && maxszs[mi] <= maxszs[mi - 1]) {
                        continue;
                    }
                    if (layout == 1 || layout == 3) {
                        c.aofs = c.dofs;
                    }
                    if (layout >= 2) {
                        if (op->shape != S_2 && op->shape != S_3 && op->shape != S_CMP) {
                            continue;
                        }
                        c.bofs = c.dofs;
                    }
                    nimm = imm_list(&c, imms);
                    for (unsigned i = 0; i < nimm; i++) {
                        c.imm = imms[i];
                        c.dup_imm = lane_value(64, imms[i] * 3 + vece, rnd);
                        check_config(&c, rnd);
                    }
                }
            }
        }
    }
    g_rand_free(rnd);
}

/* ---- Ordering with ld/st of env and helper calls ---- */

static void helper_bump(void *e)
{
    VecEnv *ve = e;

    ve->regs[REGSZ] += 1;       /* lane 0 of reg 1 */
    ve->calls++;
}

static const TCGHelperInfo info_bump = {
    .func = helper_bump, .name = "bump", .flags = 0,
    .nb_args = 1, .arg_types = { TCG_TYPE_PTR },
};

/*
 * st to a vector register, gvec op reading it, helper changing a source,
 * gvec op again, ld of the result: every step must see the one before.
 */
static void test_ordering(const void *opaque)
{
    const TestCase *tc = opaque;
    uint32_t r0 = env_ofs(0), r1 = env_ofs(REGSZ), r2 = env_ofs(2 * REGSZ);
    TCGTemp *arg = tcgv_ptr_temp(tcg_env);
    TCGv_i64 t;
    size_t size;

    cur_backend = tc->backend;
    tcg_native_set_features(tc->features);
    tcg_func_start(ctx);
    t = tcg_temp_new_i64();
    tcg_gen_st_i64(tcg_constant_i64(0x0102030405060708ll), tcg_env, r1);
    tcg_gen_gvec_add(MO_8, r0, r1, r1, 16, 16);            /* r0 = 2 * r1 */
    tcg_gen_call(&info_bump, NULL, &arg);                    /* r1.b[0] += 1 */
    tcg_gen_gvec_add(MO_8, r2, r1, r0, 16, 16);            /* r2 = r1 + r0 */
    tcg_gen_ld_i64(t, tcg_env, r2);
    tcg_gen_st_i64(t, tcg_env, offsetof(VecEnv, scalar[1]));
    tcg_gen_exit_tb(0);
    cur_code = cur_backend->gen_code(ctx, &size);
    if (!cur_code) {
        code_buffer_flush();
        cur_code = cur_backend->gen_code(ctx, &size);
    }
    memset(&env, 0, sizeof(env));
    cur_backend->exec(&env, cur_code);
    g_assert_cmphex(env.calls, ==, 1);
    g_assert_cmphex(env.scalar[1], ==, 0x0306090c0f121519ull);
}

/* Which ops the builder left as gvec ops, and that "none" leaves none. */
static unsigned count_gvec_ops(void)
{
    unsigned n = 0;

    tcg_for_each_op(ctx, op) {
        n += tcg_op_is_gvec(op->opc);
    }
    return n;
}

static void test_expansion_choice(void)
{
    uint32_t r0 = env_ofs(0), r1 = env_ofs(REGSZ);
    unsigned detected = tcg_native_host_detected();

    g_test_message("host features detected: %#x (HOST_AVX2 %#x, HOST_SSE42 %#x)",
                   detected, HOST_AVX2, HOST_SSE42);
    tcg_native_set_features(0);
    tcg_func_start(ctx);
    tcg_gen_gvec_add(MO_8, r0, r1, r1, 16, 16);
    g_assert_cmpuint(count_gvec_ops(), ==, 0);

    tcg_native_set_features(HOST_ALL);
    tcg_func_start(ctx);
    tcg_gen_gvec_add(MO_8, r0, r1, r1, 16, 16);
    g_assert_cmpuint(count_gvec_ops(), ==, (detected & HOST_SSE2) ? 1 : 0);
}

/* The optimizer propagates a known value into gvec_dup's input. */
static void test_optimizer_dup(void)
{
    TCGv_i64 t;
    bool found = false;

    tcg_native_set_features(HOST_ALL);
    tcg_func_start(ctx);
    t = tcg_temp_new_i64();
    tcg_gen_movi_i64(t, 0x42);
    tcg_gen_gvec_dup_i64(MO_8, env_ofs(0), 16, 16, t);
    tcg_gen_exit_tb(0);
    tcg_optimize(ctx);
    tcg_for_each_op(ctx, op) {
        if (op->opc == INDEX_op_gvec_dup) {
            g_assert_true(temp_is_const(arg_temp(op->args[0])));
            found = true;
        }
    }
    g_assert_true(found);
}

/* The verifier rejects a vector op on memory a global lives in (backends cache globals). */
static void test_verify_global_alias(void)
{
    tcg_native_set_features(HOST_ALL);
    tcg_func_start(ctx);
    tcg_gen_gvec_add(MO_8, env_ofs(0), env_ofs(REGSZ), env_ofs(REGSZ), 16, 16);
    tcg_gen_exit_tb(0);
    g_assert_true(tcg_verify(ctx));

    tcg_func_start(ctx);
    tcg_gen_gvec_dup_imm(MO_8, offsetof(VecEnv, scalar[2]), 8, 16, 1);
    tcg_gen_exit_tb(0);
    g_assert_false(tcg_verify(ctx));
}

int main(int argc, char **argv)
{
    static const struct { const char *name; unsigned mask; } masks[] = {
        { "all", HOST_ALL },
        { "sse4", HOST_SSE2 | HOST_SSSE3 | HOST_SSE41 | HOST_SSE42 },
        { "sse2", HOST_SSE2 },
        { "none", 0 },
    };
    const TCGBackend *backends[] = { &tcg_backend_native, &tcg_backend_tci };
    const char *env_features = getenv("KOINE_TCG_FEATURES");

    g_test_init(&argc, &argv, NULL);
    if (!code_buffer_init(16 * MiB, &error_abort) ||
        !tcg_backend_native.init(&error_abort) || !tcg_backend_tci.init(&error_abort)) {
        return 1;
    }
    ctx = tcg_context_new(tcg_backend_native.env_reg);
    tcg_global_mem_new_i64(tcg_env, offsetof(VecEnv, scalar[3]), "g");
    for (unsigned b = 0; b < ARRAY_SIZE(backends); b++) {
        for (unsigned m = 0; m < ARRAY_SIZE(masks); m++) {
            const char *mname = masks[m].name;
            unsigned mask = masks[m].mask;

            if (env_features) {
                if (m > 0) {
                    break;
                }
                mname = "env";
                mask = tcg_native_features();
            }
            for (unsigned i = 0; i < ARRAY_SIZE(op_cases); i++) {
                TestCase *tc = g_new(TestCase, 1);
                char *path = g_strdup_printf("/tcg-gvec/%s/%s/%s", backends[b]->name,
                                             mname, op_cases[i].name);

                *tc = (TestCase){ backends[b], mask, &op_cases[i] };
                g_test_add_data_func(path, tc, test_op);
                g_free(path);
            }
            {
                TestCase *tc = g_new(TestCase, 1);
                char *path = g_strdup_printf("/tcg-gvec/%s/%s/ordering",
                                             backends[b]->name, mname);

                *tc = (TestCase){ backends[b], mask, NULL };
                g_test_add_data_func(path, tc, test_ordering);
                g_free(path);
            }
        }
    }
    g_test_add_func("/tcg-gvec/expansion-choice", test_expansion_choice);
    g_test_add_func("/tcg-gvec/optimizer-dup", test_optimizer_dup);
    g_test_add_func("/tcg-gvec/verify-global-alias", test_verify_global_alias);
    return g_test_run();
}
