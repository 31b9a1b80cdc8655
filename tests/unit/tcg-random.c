/*
 * Random, well-formed IR programs: see tcg-random.h.
 *
 * The generator keeps, per type, the temps that hold a defined value:
 * globals and TB temps always (TB temps are all written first thing), EBB
 * temps only from their first write to the next label. Inputs come from
 * there or are constants; outputs are globals, TB temps or EBB temps. Ops
 * with undefined results for some inputs get inputs massaged first (shift
 * counts masked, divisors made non-zero and positive, guest addresses
 * masked into the RAM window).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "tcg-random.h"
#include "tcg/tcg-op-gvec.h"

#define TB_TEMPS_PER_TYPE 6

typedef struct Gen {
    GRand *rng;
    const RandomGlobals *g;
    GPtrArray *readable[TCG_TYPE_COUNT];    /* TCGTemp * with a defined value */
    GPtrArray *tb_temps[TCG_TYPE_COUNT];
    GPtrArray *fresh;                       /* EBB temps chosen as outputs of the op being emitted */
    GPtrArray *pending;                     /* TCGLabel * branched to, not yet set */
    TCGTemp *loop_counter;                  /* read-only while a loop body is emitted */
} Gen;

/* ---- Helpers the programs call, one per combination of call flags ---- */

static uint64_t helper_pure2(uint64_t a, uint64_t b)
{
    return a * 31 + (b ^ (b >> 7));
}

static uint32_t helper_pure_i32(uint32_t a, uint32_t b)
{
    return a - b * 3;
}

static uint64_t helper_reads(RandomState *env)
{
    return env->g64[2] + env->g32[0] + env->g64[7];
}

static void helper_writes(RandomState *env, uint64_t a)
{
    env->g64[0] += a;
    env->g32[1] ^= (uint32_t)a;
    env->helper_log = env->helper_log * 33 + a;
}

static void helper_sets(RandomState *env, uint64_t a)
{
    env->g64[5] = a;
}

static uint64_t helper_many(uint64_t a1, uint32_t a2, uint64_t a3, uint32_t a4,
                            uint64_t a5, uint32_t a6, uint64_t a7, uint32_t a8)
{
    return a1 + 3 * a2 + 5 * a3 + 7 * a4 + 11 * a5 + 13 * a6 + 17 * a7 + 19 * (uint64_t)a8;
}

static const TCGHelperInfo info_pure2 = {
    .func = helper_pure2, .name = "pure2", .flags = TCG_CALL_PURE,
    .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 2, .arg_types = { TCG_TYPE_I64, TCG_TYPE_I64 },
};
static const TCGHelperInfo info_pure_i32 = {
    .func = helper_pure_i32, .name = "pure_i32", .flags = TCG_CALL_PURE,
    .has_ret = true, .ret_type = TCG_TYPE_I32,
    .nb_args = 2, .arg_types = { TCG_TYPE_I32, TCG_TYPE_I32 },
};
static const TCGHelperInfo info_reads = {
    .func = helper_reads, .name = "reads", .flags = TCG_CALL_NO_WRITE_GLOBALS,
    .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 1, .arg_types = { TCG_TYPE_PTR },
};
static const TCGHelperInfo info_writes = {
    .func = helper_writes, .name = "writes", .flags = 0,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};
/* Writes a global without reading any: only NO_READ_GLOBALS may be claimed. */
static const TCGHelperInfo info_sets = {
    .func = helper_sets, .name = "sets", .flags = TCG_CALL_NO_READ_GLOBALS,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};
static const TCGHelperInfo info_many = {
    .func = helper_many, .name = "many", .flags = TCG_CALL_PURE,
    .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 8, .arg_types = { TCG_TYPE_I64, TCG_TYPE_I32, TCG_TYPE_I64, TCG_TYPE_I32,
                                 TCG_TYPE_I64, TCG_TYPE_I32, TCG_TYPE_I64, TCG_TYPE_I32 },
};

/* ---- Globals and states ---- */

void random_globals_init(RandomGlobals *g)
{
    static const char *const names64[RANDOM_G64] = { "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7" };
    static const char *const names32[RANDOM_G32] = { "w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7" };

    for (int i = 0; i < RANDOM_G64; i++) {
        g->g64[i] = tcg_global_mem_new_i64(tcg_env, offsetof(RandomState, g64[i]), names64[i]);
    }
    for (int i = 0; i < RANDOM_G32; i++) {
        g->g32[i] = tcg_global_mem_new_i32(tcg_env, offsetof(RandomState, g32[i]), names32[i]);
    }
}

static uint64_t edge_value(GRand *rng)
{
    static const uint64_t edges[] = {
        0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
        0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL,
        0x7fffffffffffffffULL, 0x8000000000000000ULL, UINT64_MAX, UINT64_MAX - 1,
    };
    uint64_t r = (uint64_t)g_rand_int(rng) << 32 | g_rand_int(rng);

    switch (g_rand_int_range(rng, 0, 4)) {
    case 0:
        return edges[g_rand_int_range(rng, 0, ARRAY_SIZE(edges))];
    case 1:
        return r & 0xff;
    case 2:
        return (uint64_t)(int64_t)(int32_t)r;
    default:
        return r;
    }
}

void random_guest_ram_init(uint8_t *ram, uint64_t seed)
{
    uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 1;

    /* xorshift64: cheap, the differential test fills RAM once per program. */
    for (size_t i = 0; i < RANDOM_GUEST_RAM; i += 8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        memcpy(ram + i, &x, 8);
    }
}

void random_state_init(RandomState *st, uint64_t seed)
{
    GRand *rng = g_rand_new_with_seed_array((const guint32[]){ seed, seed >> 32, 0x5eed }, 3);

    memset(st, 0, sizeof(*st));
    for (int i = 0; i < RANDOM_G64; i++) {
        st->g64[i] = edge_value(rng);
    }
    for (int i = 0; i < RANDOM_G32; i++) {
        st->g32[i] = edge_value(rng);
    }
    for (int i = 0; i < RANDOM_SCRATCH; i++) {
        st->scratch[i] = g_rand_int(rng);
    }
    for (int r = 0; r < RANDOM_VREGS; r++) {
        for (int i = 0; i < RANDOM_VREG_BYTES; i += 8) {
            uint64_t v = edge_value(rng);

            memcpy(&st->vregs[r][i], &v, 8);
        }
    }
    g_rand_free(rng);
}

/* ---- Choosing operands ---- */

static unsigned rnd(Gen *gen, unsigned n)
{
    return g_rand_int_range(gen->rng, 0, n);
}

static TCGTemp *constant(Gen *gen, TCGType type)
{
    return tcg_constant_internal(tcg_ctx, type, edge_value(gen->rng));
}

static TCGTemp *input(Gen *gen, TCGType type)
{
    GPtrArray *r = gen->readable[type];

    if (rnd(gen, 4) == 0) {
        return constant(gen, type);
    }
    return r->pdata[rnd(gen, r->len)];
}

/* A register input: never a constant (for ops whose builder would fold it anyway). */
static TCGTemp *reg_input(Gen *gen, TCGType type)
{
    GPtrArray *r = gen->readable[type];

    return r->pdata[rnd(gen, r->len)];
}

/* A new EBB temp: readable only once the op writing it is emitted (outputs_written). */
static TCGTemp *new_ebb(Gen *gen, TCGType type)
{
    TCGTemp *t = tcg_temp_new_internal(tcg_ctx, type, TEMP_EBB);

    g_ptr_array_add(gen->fresh, t);
    return t;
}

static void outputs_written(Gen *gen)
{
    for (guint i = 0; i < gen->fresh->len; i++) {
        TCGTemp *t = gen->fresh->pdata[i];

        g_ptr_array_add(gen->readable[t->type], t);
    }
    g_ptr_array_set_size(gen->fresh, 0);
}

static TCGTemp *output(Gen *gen, TCGType type)
{
    switch (rnd(gen, 3)) {
    case 0:
        return type == TCG_TYPE_I64 ? tcgv_i64_temp(gen->g->g64[rnd(gen, RANDOM_G64)])
                                    : tcgv_i32_temp(gen->g->g32[rnd(gen, RANDOM_G32)]);
    case 1: {
        GPtrArray *tb = gen->tb_temps[type];
        TCGTemp *t = tb->pdata[rnd(gen, tb->len)];

        return t == gen->loop_counter ? new_ebb(gen, type) : t;
    }
    default:
        return new_ebb(gen, type);
    }
}

static TCGType random_type(Gen *gen)
{
    return rnd(gen, 2) ? TCG_TYPE_I64 : TCG_TYPE_I32;
}

static unsigned width(TCGType type)
{
    return type == TCG_TYPE_I32 ? 32 : 64;
}

/* Labels end EBBs: their temps are no longer readable. */
static void forget_ebb_temps(Gen *gen)
{
    for (int t = 0; t < TCG_TYPE_COUNT; t++) {
        GPtrArray *r = gen->readable[t];

        for (guint i = r->len; i-- > 0;) {
            if (((TCGTemp *)r->pdata[i])->kind == TEMP_EBB) {
                g_ptr_array_remove_index(r, i);
            }
        }
    }
}

static void set_label(Gen *gen, TCGLabel *l)
{
    tcg_gen_set_label(l);
    forget_ebb_temps(gen);
}

/* ---- Op emitters ---- */

static const TCGOpcode binary_ops[] = {
    INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_muluh, INDEX_op_mulsh,
    INDEX_op_and, INDEX_op_or, INDEX_op_xor, INDEX_op_andc, INDEX_op_orc,
    INDEX_op_eqv, INDEX_op_nand, INDEX_op_nor, INDEX_op_clz, INDEX_op_ctz,
    INDEX_op_shl, INDEX_op_shr, INDEX_op_sar, INDEX_op_rotl, INDEX_op_rotr,
    INDEX_op_div, INDEX_op_divu, INDEX_op_rem, INDEX_op_remu,
};

static const TCGOpcode unary_ops[] = {
    INDEX_op_mov, INDEX_op_neg, INDEX_op_not, INDEX_op_ctpop, INDEX_op_ext8s,
    INDEX_op_ext8u, INDEX_op_ext16s, INDEX_op_ext16u, INDEX_op_bswap16,
    INDEX_op_bswap32, INDEX_op_ext32s, INDEX_op_ext32u, INDEX_op_bswap64,
};

static void gen_binary(Gen *gen)
{
    TCGType type = random_type(gen);
    TCGOpcode opc = binary_ops[rnd(gen, ARRAY_SIZE(binary_ops))];
    TCGTemp *a = input(gen, type), *b = input(gen, type);
    TCGTemp *fixed;

    switch (opc) {
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        /* Counts >= width are undefined: keep them in range. */
        if (temp_is_const(b) || rnd(gen, 3) == 0) {
            b = tcg_constant_internal(tcg_ctx, type, rnd(gen, width(type)));
        } else {
            fixed = new_ebb(gen, type);
            tcg_gen_op3(INDEX_op_and, type, temp_arg(fixed), temp_arg(b),
                        temp_arg(tcg_constant_internal(tcg_ctx, type, width(type) - 1)));
            outputs_written(gen);
            b = fixed;
        }
        break;
    case INDEX_op_div: case INDEX_op_rem:
    case INDEX_op_divu: case INDEX_op_remu:
        /* Divisor (b >> 1) | 1: never zero, never negative, so never MIN / -1. */
        fixed = new_ebb(gen, type);
        tcg_gen_op3(INDEX_op_shr, type, temp_arg(fixed), temp_arg(b),
                    temp_arg(tcg_constant_internal(tcg_ctx, type, 1)));
        outputs_written(gen);
        tcg_gen_op3(INDEX_op_or, type, temp_arg(fixed), temp_arg(fixed),
                    temp_arg(tcg_constant_internal(tcg_ctx, type, 1)));
        b = fixed;
        break;
    default:
        break;
    }
    tcg_gen_op3(opc, type, temp_arg(output(gen, type)), temp_arg(a), temp_arg(b));
}

static void gen_unary(Gen *gen)
{
    TCGType type = random_type(gen);
    TCGOpcode opc = unary_ops[rnd(gen, ARRAY_SIZE(unary_ops))];

    if (type == TCG_TYPE_I32 && (opc == INDEX_op_ext32s || opc == INDEX_op_ext32u ||
                                 opc == INDEX_op_bswap64)) {
        type = TCG_TYPE_I64;    /* 64-bit only */
    }
    tcg_gen_op2(opc, type, temp_arg(output(gen, type)), temp_arg(input(gen, type)));
}

static void gen_width_change(Gen *gen)
{
    switch (rnd(gen, 4)) {
    case 0:
        tcg_gen_op2(INDEX_op_ext_i32_i64, TCG_TYPE_I64, temp_arg(output(gen, TCG_TYPE_I64)),
                    temp_arg(input(gen, TCG_TYPE_I32)));
        break;
    case 1:
        tcg_gen_op2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, temp_arg(output(gen, TCG_TYPE_I64)),
                    temp_arg(input(gen, TCG_TYPE_I32)));
        break;
    case 2:
        tcg_gen_op2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, temp_arg(output(gen, TCG_TYPE_I32)),
                    temp_arg(input(gen, TCG_TYPE_I64)));
        break;
    default:
        tcg_gen_op2(INDEX_op_extrh_i64_i32, TCG_TYPE_I32, temp_arg(output(gen, TCG_TYPE_I32)),
                    temp_arg(input(gen, TCG_TYPE_I64)));
        break;
    }
}

static void gen_bitfield(Gen *gen)
{
    TCGType type = random_type(gen);
    unsigned w = width(type);
    unsigned len = 1 + rnd(gen, w);
    unsigned ofs = rnd(gen, w - len + 1);

    switch (rnd(gen, 4)) {
    case 0:
        tcg_gen_op4(INDEX_op_extract, type, temp_arg(output(gen, type)),
                    temp_arg(input(gen, type)), ofs, len);
        break;
    case 1:
        tcg_gen_op4(INDEX_op_sextract, type, temp_arg(output(gen, type)),
                    temp_arg(input(gen, type)), ofs, len);
        break;
    case 2:
        tcg_gen_op5(INDEX_op_deposit, type, temp_arg(output(gen, type)),
                    temp_arg(input(gen, type)), temp_arg(input(gen, type)), ofs, len);
        break;
    default:
        tcg_gen_op4(INDEX_op_extract2, type, temp_arg(output(gen, type)),
                    temp_arg(input(gen, type)), temp_arg(input(gen, type)), rnd(gen, w + 1));
        break;
    }
}

static TCGCond random_cond(Gen *gen)
{
    return (TCGCond)rnd(gen, TCG_COND_COUNT);
}

static void gen_condition(Gen *gen)
{
    TCGType type = random_type(gen);
    TCGCond cond = random_cond(gen);

    switch (rnd(gen, 3)) {
    case 0:
        tcg_gen_op4(INDEX_op_setcond, type, temp_arg(output(gen, type)),
                    temp_arg(input(gen, type)), temp_arg(input(gen, type)), cond);
        break;
    case 1:
        tcg_gen_op4(INDEX_op_negsetcond, type, temp_arg(output(gen, type)),
                    temp_arg(input(gen, type)), temp_arg(input(gen, type)), cond);
        break;
    default:
        tcg_gen_op6(INDEX_op_movcond, type, temp_arg(output(gen, type)),
                    temp_arg(input(gen, type)), temp_arg(input(gen, type)),
                    temp_arg(input(gen, type)), temp_arg(input(gen, type)), cond);
        break;
    }
}

static void gen_double_word(Gen *gen)
{
    TCGType type = random_type(gen);
    TCGTemp *lo = output(gen, type), *hi = output(gen, type);
    TCGOp *op;

    while (hi == lo) {
        hi = new_ebb(gen, type);
    }
    switch (rnd(gen, 4)) {
    case 0:
    case 1:
        tcg_gen_op4(rnd(gen, 2) ? INDEX_op_mulu2 : INDEX_op_muls2, type, temp_arg(lo),
                    temp_arg(hi), temp_arg(input(gen, type)), temp_arg(input(gen, type)));
        break;
    default:
        op = tcg_emit_op(tcg_ctx, rnd(gen, 2) ? INDEX_op_add2 : INDEX_op_sub2, type, 6);
        op->args[0] = temp_arg(lo);
        op->args[1] = temp_arg(hi);
        for (int i = 2; i < 6; i++) {
            op->args[i] = temp_arg(input(gen, type));
        }
        break;
    }
}

static void gen_host_memory(Gen *gen)
{
    static const struct {
        TCGOpcode opc;
        TCGType type;
        unsigned size;
        bool store;
    } kinds[] = {
        { INDEX_op_ld8u, TCG_TYPE_I32, 1 }, { INDEX_op_ld8s, TCG_TYPE_I32, 1 },
        { INDEX_op_ld16u, TCG_TYPE_I32, 2 }, { INDEX_op_ld16s, TCG_TYPE_I32, 2 },
        { INDEX_op_ld, TCG_TYPE_I32, 4 },
        { INDEX_op_ld8u, TCG_TYPE_I64, 1 }, { INDEX_op_ld8s, TCG_TYPE_I64, 1 },
        { INDEX_op_ld16u, TCG_TYPE_I64, 2 }, { INDEX_op_ld16s, TCG_TYPE_I64, 2 },
        { INDEX_op_ld32u, TCG_TYPE_I64, 4 }, { INDEX_op_ld32s, TCG_TYPE_I64, 4 },
        { INDEX_op_ld, TCG_TYPE_I64, 8 },
        { INDEX_op_st8, TCG_TYPE_I32, 1, true }, { INDEX_op_st16, TCG_TYPE_I32, 2, true },
        { INDEX_op_st, TCG_TYPE_I32, 4, true },
        { INDEX_op_st8, TCG_TYPE_I64, 1, true }, { INDEX_op_st16, TCG_TYPE_I64, 2, true },
        { INDEX_op_st32, TCG_TYPE_I64, 4, true }, { INDEX_op_st, TCG_TYPE_I64, 8, true },
    };
    unsigned k = rnd(gen, ARRAY_SIZE(kinds));
    /* Unaligned offsets too: host memory ops must handle them. */
    intptr_t offset = offsetof(RandomState, scratch) + rnd(gen, RANDOM_SCRATCH - kinds[k].size + 1);
    TCGTemp *env = tcgv_ptr_temp(tcg_env);

    if (kinds[k].store) {
        tcg_gen_op3(kinds[k].opc, kinds[k].type, temp_arg(input(gen, kinds[k].type)),
                    temp_arg(env), offset);
    } else {
        tcg_gen_op3(kinds[k].opc, kinds[k].type, temp_arg(output(gen, kinds[k].type)),
                    temp_arg(env), offset);
    }
}

/*
 * A guest address in the window from a random value: anywhere, near the
 * end of a page (crossing it), or a constant.
 */
static TCGTemp *guest_address(Gen *gen)
{
    TCGTemp *x = input(gen, TCG_TYPE_I64), *addr;
    uint64_t mask, base;

    switch (rnd(gen, 4)) {
    case 0:
        return tcg_constant_internal(tcg_ctx, TCG_TYPE_I64,
                                     RANDOM_GUEST_BASE + rnd(gen, RANDOM_GUEST_WINDOW));
    case 1:
        mask = (RANDOM_GUEST_WINDOW - 1) & KOINE_PAGE_MASK;
        base = RANDOM_GUEST_BASE + KOINE_PAGE_SIZE - 8 + rnd(gen, 8);
        break;
    case 2:
        mask = (RANDOM_GUEST_WINDOW - 1) & ~(uint64_t)7;
        base = RANDOM_GUEST_BASE + rnd(gen, 8);
        break;
    default:
        mask = RANDOM_GUEST_WINDOW - 1;
        base = RANDOM_GUEST_BASE;
        break;
    }
    addr = new_ebb(gen, TCG_TYPE_I64);
    tcg_gen_op3(INDEX_op_and, TCG_TYPE_I64, temp_arg(addr), temp_arg(x),
                temp_arg(tcg_constant_internal(tcg_ctx, TCG_TYPE_I64, mask)));
    outputs_written(gen);
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, temp_arg(addr), temp_arg(addr),
                temp_arg(tcg_constant_internal(tcg_ctx, TCG_TYPE_I64, base)));
    return addr;
}

static void gen_guest_memory(Gen *gen)
{
    TCGType type = random_type(gen);
    unsigned size = rnd(gen, type == TCG_TYPE_I32 ? 3 : 4);
    MemOp mop = size | (rnd(gen, 2) ? MO_BE : MO_LE);
    unsigned mmu_idx = rnd(gen, RANDOM_MMU_MODES);
    TCGTemp *addr = guest_address(gen);

    if (rnd(gen, 2)) {
        TCGTemp *val = input(gen, type);

        if (type == TCG_TYPE_I32) {
            tcg_gen_guest_st_i32(temp_tcgv_i32(val), temp_tcgv_i64(addr), mmu_idx, mop);
        } else {
            tcg_gen_guest_st_i64(temp_tcgv_i64(val), temp_tcgv_i64(addr), mmu_idx, mop);
        }
        return;
    }
    mop |= rnd(gen, 2) ? MO_SIGN : 0;
    if (type == TCG_TYPE_I32) {
        tcg_gen_guest_ld_i32(temp_tcgv_i32(output(gen, type)), temp_tcgv_i64(addr),
                             mmu_idx, mop);
    } else {
        tcg_gen_guest_ld_i64(temp_tcgv_i64(output(gen, type)), temp_tcgv_i64(addr),
                             mmu_idx, mop);
    }
}

static void gen_call(Gen *gen)
{
    TCGTemp *env = tcgv_ptr_temp(tcg_env);
    TCGTemp *args[TCG_MAX_HELPER_ARGS];

    switch (rnd(gen, 6)) {
    case 0:
        args[0] = input(gen, TCG_TYPE_I64);
        args[1] = input(gen, TCG_TYPE_I64);
        tcg_gen_call(&info_pure2, output(gen, TCG_TYPE_I64), args);
        break;
    case 1:
        args[0] = input(gen, TCG_TYPE_I32);
        args[1] = input(gen, TCG_TYPE_I32);
        tcg_gen_call(&info_pure_i32, output(gen, TCG_TYPE_I32), args);
        break;
    case 2:
        args[0] = env;
        tcg_gen_call(&info_reads, output(gen, TCG_TYPE_I64), args);
        break;
    case 3:
        args[0] = env;
        args[1] = input(gen, TCG_TYPE_I64);
        tcg_gen_call(&info_writes, NULL, args);
        break;
    case 4:
        args[0] = env;
        args[1] = input(gen, TCG_TYPE_I64);
        tcg_gen_call(&info_sets, NULL, args);
        break;
    default:
        for (int i = 0; i < 8; i++) {
            args[i] = input(gen, i % 2 ? TCG_TYPE_I32 : TCG_TYPE_I64);
        }
        tcg_gen_call(&info_many, output(gen, TCG_TYPE_I64), args);
        break;
    }
}

static void gen_forward_branch(Gen *gen)
{
    TCGLabel *l = tcg_label_new(tcg_ctx);
    TCGType type = random_type(gen);

    g_ptr_array_add(gen->pending, l);
    if (rnd(gen, 5) == 0) {
        tcg_gen_br(l);
        forget_ebb_temps(gen);      /* what follows is a new (dead) block */
    } else {
        TCGCond cond = random_cond(gen);
        TCGTemp *a = reg_input(gen, type), *b = input(gen, type);

        if (cond == TCG_COND_NEVER || cond == TCG_COND_ALWAYS) {
            cond = TCG_COND_NE;     /* the builder drops or rewrites those */
        }
        l->refs++;
        tcg_gen_op4(INDEX_op_brcond, type, temp_arg(a), temp_arg(b), cond, label_arg(l));
    }
}

static void gen_set_pending_label(Gen *gen, guint first_allowed)
{
    if (gen->pending->len > first_allowed) {
        guint i = first_allowed + rnd(gen, gen->pending->len - first_allowed);

        set_label(gen, g_ptr_array_steal_index(gen->pending, i));
    }
}

/* An exit on a random condition: brcond over an exit_tb. */
static void gen_conditional_exit(Gen *gen)
{
    TCGLabel *skip = tcg_label_new(tcg_ctx);
    TCGType type = random_type(gen);

    skip->refs++;
    tcg_gen_op4(INDEX_op_brcond, type, temp_arg(reg_input(gen, type)),
                temp_arg(input(gen, type)), TCG_COND_LTU, label_arg(skip));
    tcg_gen_exit_tb(0x100 + rnd(gen, 0x100));
    set_label(gen, skip);
}

static uint32_t vreg_ofs(Gen *gen)
{
    return offsetof(RandomState, vregs) + rnd(gen, RANDOM_VREGS) * RANDOM_VREG_BYTES;
}

/*
 * A vector op on random registers (equal ones included: registers never
 * partly overlap), or an element of a vector register moved to or from a
 * temp, so vector ops and ld/st of the same state meet.
 */
static void gen_vector(Gen *gen)
{
    typedef void Gen3(unsigned, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);
    typedef void Gen2(unsigned, uint32_t, uint32_t, uint32_t, uint32_t);
    typedef void GenSh(unsigned, uint32_t, uint32_t, unsigned, uint32_t, uint32_t);
    static Gen3 *const ops3[] = {
        tcg_gen_gvec_add, tcg_gen_gvec_sub, tcg_gen_gvec_mul, tcg_gen_gvec_ssadd,
        tcg_gen_gvec_sssub, tcg_gen_gvec_usadd, tcg_gen_gvec_ussub, tcg_gen_gvec_smin,
        tcg_gen_gvec_smax, tcg_gen_gvec_umin, tcg_gen_gvec_umax, tcg_gen_gvec_and,
        tcg_gen_gvec_or, tcg_gen_gvec_xor, tcg_gen_gvec_andc, tcg_gen_gvec_orc,
    };
    static Gen2 *const ops2[] = {
        tcg_gen_gvec_mov, tcg_gen_gvec_neg, tcg_gen_gvec_abs, tcg_gen_gvec_not,
    };
    static GenSh *const shifts[] = { tcg_gen_gvec_shli, tcg_gen_gvec_shri, tcg_gen_gvec_sari };
    static const uint32_t oprszs[] = { 8, 16, 32 };
    unsigned vece = rnd(gen, 4);
    uint32_t oprsz = oprszs[rnd(gen, 3)];
    uint32_t maxsz = rnd(gen, 2) ? RANDOM_VREG_BYTES : oprsz;
    uint32_t d = vreg_ofs(gen), a = vreg_ofs(gen), b = vreg_ofs(gen);
    TCGv_ptr env = tcg_env;

    switch (rnd(gen, 16)) {
    case 0 ... 5:
        ops3[rnd(gen, ARRAY_SIZE(ops3))](vece, d, a, b, oprsz, maxsz);
        break;
    case 6 ... 7:
        ops2[rnd(gen, ARRAY_SIZE(ops2))](vece, d, a, oprsz, maxsz);
        break;
    case 8:
        shifts[rnd(gen, 3)](vece, d, a, rnd(gen, 8 << vece), oprsz, maxsz);
        break;
    case 9:
        tcg_gen_gvec_cmp(rnd(gen, TCG_COND_COUNT), vece, d, a, b, oprsz, maxsz);
        break;
    case 10:
        tcg_gen_gvec_bitsel(vece, d, a, b, vreg_ofs(gen), oprsz, maxsz);
        break;
    case 11:
        tcg_gen_gvec_dup_i64(vece, d, oprsz, maxsz, temp_tcgv_i64(input(gen, TCG_TYPE_I64)));
        break;
    case 12:
        tcg_gen_gvec_dup_imm(vece, d, oprsz, maxsz, edge_value(gen->rng));
        break;
    case 13:
        tcg_gen_gvec_dup_mem(vece, d, a + (rnd(gen, RANDOM_VREG_BYTES >> vece) << vece),
                             oprsz, maxsz);
        break;
    case 14:
        tcg_gen_st_i64(temp_tcgv_i64(input(gen, TCG_TYPE_I64)), env, a + 8 * rnd(gen, 4));
        break;
    default:
        tcg_gen_ld_i64(temp_tcgv_i64(output(gen, TCG_TYPE_I64)), env, a + 8 * rnd(gen, 4));
        break;
    }
}

static void gen_straight_op(Gen *gen)
{
    switch (rnd(gen, 24)) {
    case 0 ... 5:   gen_binary(gen); break;
    case 6 ... 8:   gen_unary(gen); break;
    case 9:         gen_width_change(gen); break;
    case 10 ... 11: gen_bitfield(gen); break;
    case 12 ... 13: gen_condition(gen); break;
    case 14:        gen_double_word(gen); break;
    case 15 ... 16: gen_host_memory(gen); break;
    case 17:        gen_call(gen); break;
    case 18:        tcg_gen_insn_start(rnd(gen, 0x10000), 0, 0); break;
    case 19 ... 20: gen_guest_memory(gen); break;
    case 21 ... 22: gen_vector(gen); break;
    default:        gen_binary(gen); break;
    }
    outputs_written(gen);
}

/* A loop run 1..4 times: counter set before the loop label, tested at the bottom. */
static void gen_loop(Gen *gen, unsigned body_ops)
{
    TCGTemp *cnt = gen->tb_temps[TCG_TYPE_I64]->pdata[0];
    TCGLabel *top = tcg_label_new(tcg_ctx);
    guint outer_pending = gen->pending->len;

    tcg_gen_op2(INDEX_op_mov, TCG_TYPE_I64, temp_arg(cnt),
                temp_arg(tcg_constant_internal(tcg_ctx, TCG_TYPE_I64, 1 + rnd(gen, 4))));
    gen->loop_counter = cnt;
    set_label(gen, top);
    for (unsigned i = 0; i < body_ops; i++) {
        unsigned what = rnd(gen, 12);

        if (what == 0) {
            gen_forward_branch(gen);
        } else if (what == 1) {
            /* Only labels branched to inside the body may be set inside it. */
            gen_set_pending_label(gen, outer_pending);
        } else {
            gen_straight_op(gen);
        }
    }
    while (gen->pending->len > outer_pending) {
        gen_set_pending_label(gen, outer_pending);
    }
    tcg_gen_op3(INDEX_op_sub, TCG_TYPE_I64, temp_arg(cnt), temp_arg(cnt),
                temp_arg(tcg_constant_internal(tcg_ctx, TCG_TYPE_I64, 1)));
    top->refs++;
    tcg_gen_op4(INDEX_op_brcond, TCG_TYPE_I64, temp_arg(cnt),
                temp_arg(tcg_constant_internal(tcg_ctx, TCG_TYPE_I64, 0)),
                TCG_COND_NE, label_arg(top));
    gen->loop_counter = NULL;
}

void random_program_gen(const RandomGlobals *g, uint64_t seed, unsigned size)
{
    Gen gen = {
        .rng = g_rand_new_with_seed_array((const guint32[]){ seed, seed >> 32 }, 2),
        .g = g,
        .pending = g_ptr_array_new(),
        .fresh = g_ptr_array_new(),
    };
    bool looped = false;

    for (int t = 0; t < TCG_TYPE_COUNT; t++) {
        gen.readable[t] = g_ptr_array_new();
        gen.tb_temps[t] = g_ptr_array_new();
    }
    for (int i = 0; i < RANDOM_G64; i++) {
        g_ptr_array_add(gen.readable[TCG_TYPE_I64], tcgv_i64_temp(g->g64[i]));
    }
    for (int i = 0; i < RANDOM_G32; i++) {
        g_ptr_array_add(gen.readable[TCG_TYPE_I32], tcgv_i32_temp(g->g32[i]));
    }
    tcg_gen_insn_start(0x1000, 0, 0);
    /* Every TB temp gets a value first, so none is ever read undefined. */
    for (int t = 0; t < TCG_TYPE_COUNT; t++) {
        for (int i = 0; i < TB_TEMPS_PER_TYPE; i++) {
            TCGTemp *tmp = tcg_temp_new_internal(tcg_ctx, t, TEMP_TB);

            tcg_gen_op2(INDEX_op_mov, t, temp_arg(tmp), temp_arg(input(&gen, t)));
            g_ptr_array_add(gen.tb_temps[t], tmp);
            g_ptr_array_add(gen.readable[t], tmp);
        }
    }
    for (unsigned i = 0; i < size; i++) {
        unsigned what = rnd(&gen, 40);

        if (what < 3) {
            gen_forward_branch(&gen);
        } else if (what < 6) {
            gen_set_pending_label(&gen, 0);
        } else if (what == 6) {
            gen_conditional_exit(&gen);
        } else if (what == 7 && !looped) {
            gen_loop(&gen, 4 + rnd(&gen, 12));
            looped = true;
        } else {
            gen_straight_op(&gen);
        }
    }
    while (gen.pending->len) {
        gen_set_pending_label(&gen, 0);
    }
    switch (rnd(&gen, 4)) {
    case 0:
        /* Unchained, goto_tb falls through to its exit_tb. */
        tcg_gen_goto_tb(0);
        tcg_gen_exit_tb(0x11);
        break;
    case 1:
        tcg_gen_goto_ptr(tcg_constant_ptr(0));
        break;
    default:
        tcg_gen_exit_tb(0x22);
        break;
    }
    for (int t = 0; t < TCG_TYPE_COUNT; t++) {
        g_ptr_array_free(gen.readable[t], true);
        g_ptr_array_free(gen.tb_temps[t], true);
    }
    g_ptr_array_free(gen.pending, true);
    g_ptr_array_free(gen.fresh, true);
    g_rand_free(gen.rng);
}
