/*
 * The IR context: temps, constants, labels, the op list and its arena.
 *
 * Per-TB data (ops, labels, relocations) comes from an arena of large
 * blocks that tcg_func_start() rewinds, so building a TB costs no malloc
 * per op and freeing it costs nothing. Temps live in fixed-size chunks so
 * that the TCGTemp pointers handed to frontends never move.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/tcg.h"

#define ARENA_BLOCK_SIZE (64 * KiB)

__thread TCGContext *tcg_ctx;

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(name, oargs, iargs, cargs, flags) \
    [INDEX_op_##name] = { #name, oargs, iargs, cargs, flags },
#include "tcg/ops.def"
#undef DEF
};

/* ---- Arena ---- */

struct TCGArena {
    GPtrArray *blocks;          /* of uint8_t[ARENA_BLOCK_SIZE], reused TB after TB */
    GPtrArray *large;           /* requests larger than a block, freed at reset */
    guint current;              /* block being filled */
    size_t used;                /* bytes used in it */
};

static TCGArena *arena_new(void)
{
    TCGArena *a = g_new0(TCGArena, 1);

    a->blocks = g_ptr_array_new_with_free_func(g_free);
    a->large = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(a->blocks, g_malloc(ARENA_BLOCK_SIZE));
    return a;
}

static void arena_free(TCGArena *a)
{
    g_ptr_array_free(a->blocks, true);
    g_ptr_array_free(a->large, true);
    g_free(a);
}

static void arena_reset(TCGArena *a)
{
    a->current = 0;
    a->used = 0;
    g_ptr_array_set_size(a->large, 0);
}

void *tcg_arena_alloc(TCGContext *s, size_t size)
{
    TCGArena *a = s->arena;
    void *p;

    size = (size + 15) & ~(size_t)15;
    if (size > ARENA_BLOCK_SIZE) {
        p = g_malloc0(size);    /* rare: its own allocation, until the next TB */
        g_ptr_array_add(a->large, p);
        return p;
    }
    if (a->used + size > ARENA_BLOCK_SIZE) {
        a->current++;
        a->used = 0;
        if (a->current >= a->blocks->len) {
            g_ptr_array_add(a->blocks, g_malloc(ARENA_BLOCK_SIZE));
        }
    }
    p = (uint8_t *)a->blocks->pdata[a->current] + a->used;
    a->used += size;
    memset(p, 0, size);
    return p;
}

/* ---- Conditions ---- */

TCGCond tcg_swap_cond(TCGCond c)
{
    switch (c) {
    case TCG_COND_LT: return TCG_COND_GT;
    case TCG_COND_GT: return TCG_COND_LT;
    case TCG_COND_LE: return TCG_COND_GE;
    case TCG_COND_GE: return TCG_COND_LE;
    case TCG_COND_LTU: return TCG_COND_GTU;
    case TCG_COND_GTU: return TCG_COND_LTU;
    case TCG_COND_LEU: return TCG_COND_GEU;
    case TCG_COND_GEU: return TCG_COND_LEU;
    default: return c;      /* symmetric: EQ, NE, TSTEQ, TSTNE, ALWAYS, NEVER */
    }
}

bool tcg_cond_eval(TCGCond c, TCGType type, uint64_t a, uint64_t b)
{
    int64_t sa, sb;

    if (type == TCG_TYPE_I32) {
        a = (uint32_t)a;
        b = (uint32_t)b;
        sa = (int32_t)a;
        sb = (int32_t)b;
    } else {
        sa = (int64_t)a;
        sb = (int64_t)b;
    }
    switch (c) {
    case TCG_COND_NEVER:  return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ:     return a == b;
    case TCG_COND_NE:     return a != b;
    case TCG_COND_LT:     return sa < sb;
    case TCG_COND_GE:     return sa >= sb;
    case TCG_COND_LE:     return sa <= sb;
    case TCG_COND_GT:     return sa > sb;
    case TCG_COND_LTU:    return a < b;
    case TCG_COND_GEU:    return a >= b;
    case TCG_COND_LEU:    return a <= b;
    case TCG_COND_GTU:    return a > b;
    case TCG_COND_TSTEQ:  return (a & b) == 0;
    case TCG_COND_TSTNE:  return (a & b) != 0;
    default:
        g_assert_not_reached();
    }
}

const char *tcg_cond_name(TCGCond c)
{
    static const char *const names[TCG_COND_COUNT] = {
        "never", "always", "eq", "ne", "lt", "ge", "le", "gt",
        "ltu", "geu", "leu", "gtu", "tsteq", "tstne",
    };

    return c < TCG_COND_COUNT ? names[c] : "?";
}

/* ---- Context and temps ---- */

static TCGTemp *temp_alloc(TCGContext *s)
{
    unsigned index = s->nb_temps;
    TCGTemp *t;

    if (index / TEMPS_PER_CHUNK >= s->temp_chunks->len) {
        g_ptr_array_add(s->temp_chunks, g_new0(TCGTemp, TEMPS_PER_CHUNK));
    }
    s->nb_temps++;
    t = tcg_temp_at(s, index);
    memset(t, 0, sizeof(*t));
    t->index = index;
    t->reg = -1;
    return t;
}

TCGContext *tcg_context_new(int env_reg)
{
    TCGContext *s = g_new0(TCGContext, 1);
    TCGTemp *env;

    s->temp_chunks = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < TCG_TYPE_COUNT; i++) {
        s->consts[i] = g_hash_table_new(g_int64_hash, g_int64_equal);
    }
    s->labels = g_ptr_array_new();
    s->arena = arena_new();
    s->insn_end_offsets = g_array_new(false, false, sizeof(uint32_t));

    env = temp_alloc(s);
    env->type = TCG_TYPE_PTR;
    env->kind = TEMP_FIXED;
    env->reg = env_reg;
    env->name = "env";
    s->nb_globals = s->nb_temps;
    s->env = temp_tcgv_ptr(env);
    tcg_set_current(s);
    return s;
}

void tcg_context_free(TCGContext *s)
{
    if (!s) {
        return;
    }
    for (int i = 0; i < TCG_TYPE_COUNT; i++) {
        g_hash_table_destroy(s->consts[i]);
    }
    g_ptr_array_free(s->temp_chunks, true);
    g_ptr_array_free(s->labels, true);
    g_array_free(s->insn_end_offsets, true);
    g_free(s->target_globals);
    arena_free(s->arena);
    if (tcg_ctx == s) {
        tcg_ctx = NULL;
    }
    g_free(s);
}

void tcg_set_current(TCGContext *s)
{
    tcg_ctx = s;
}

void tcg_func_start(TCGContext *s)
{
    s->nb_temps = s->nb_globals;
    for (int i = 0; i < TCG_TYPE_COUNT; i++) {
        g_hash_table_remove_all(s->consts[i]);
    }
    g_ptr_array_set_size(s->labels, 0);
    arena_reset(s->arena);
    s->first_op = s->last_op = NULL;
    s->nb_ops = 0;
    s->nb_insns = 0;
    for (int i = 0; i < 2; i++) {
        s->goto_tb_jump_offset[i] = UINT32_MAX;
        s->goto_tb_reset_offset[i] = UINT32_MAX;
    }
    g_array_set_size(s->insn_end_offsets, 0);
}

TCGTemp *tcg_temp_new_internal(TCGContext *s, TCGType type, TCGTempKind kind)
{
    TCGTemp *t;

    assert(kind == TEMP_EBB || kind == TEMP_TB);
    t = temp_alloc(s);
    t->type = type;
    t->kind = kind;
    return t;
}

TCGTemp *tcg_constant_internal(TCGContext *s, TCGType type, int64_t val)
{
    TCGTemp *t;

    if (type == TCG_TYPE_I32) {
        val = (int32_t)val;     /* one canonical form per 32-bit value */
    }
    t = g_hash_table_lookup(s->consts[type], &val);
    if (!t) {
        t = temp_alloc(s);
        t->type = type;
        t->kind = TEMP_CONST;
        t->val = val;
        g_hash_table_insert(s->consts[type], &t->val, t);
    }
    return t;
}

TCGTemp *tcg_global_mem_new_internal(TCGContext *s, TCGType type, TCGTemp *base,
                                     intptr_t offset, const char *name)
{
    TCGTemp *t;

    /* Globals come before any per-TB temp, so tcg_func_start() keeps them. */
    assert(s->nb_temps == s->nb_globals);
    assert(base->kind == TEMP_FIXED && base->type == TCG_TYPE_PTR);
    t = temp_alloc(s);
    t->type = type;
    t->kind = TEMP_GLOBAL;
    t->mem_base = base;
    t->mem_offset = offset;
    t->name = name;
    s->nb_globals = s->nb_temps;
    return t;
}

/* ---- Labels ---- */

TCGLabel *tcg_label_new(TCGContext *s)
{
    TCGLabel *l = tcg_arena_alloc(s, sizeof(*l));

    l->id = s->labels->len;
    g_ptr_array_add(s->labels, l);
    return l;
}

/* ---- Ops ---- */

static TCGOp *op_alloc(TCGContext *s, TCGOpcode opc, TCGType type, unsigned nargs)
{
    const TCGOpDef *def = &tcg_op_defs[opc];
    TCGOp *op = tcg_arena_alloc(s, sizeof(TCGOp) + nargs * sizeof(TCGArg));

    op->opc = opc;
    op->type = type;
    if (opc != INDEX_op_call) {
        assert(nargs == (unsigned)def->nb_oargs + def->nb_iargs + def->nb_cargs);
        op->nb_oargs = def->nb_oargs;
        op->nb_iargs = def->nb_iargs;
        op->nb_cargs = def->nb_cargs;
    }
    s->nb_ops++;
    return op;
}

TCGOp *tcg_emit_op(TCGContext *s, TCGOpcode opc, TCGType type, unsigned nargs)
{
    TCGOp *op = op_alloc(s, opc, type, nargs);

    op->prev = s->last_op;
    if (s->last_op) {
        s->last_op->next = op;
    } else {
        s->first_op = op;
    }
    s->last_op = op;
    return op;
}

TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *old, TCGOpcode opc,
                            TCGType type, unsigned nargs)
{
    TCGOp *op = op_alloc(s, opc, type, nargs);

    op->next = old;
    op->prev = old->prev;
    if (old->prev) {
        old->prev->next = op;
    } else {
        s->first_op = op;
    }
    old->prev = op;
    return op;
}

TCGOp *tcg_op_insert_after(TCGContext *s, TCGOp *old, TCGOpcode opc,
                           TCGType type, unsigned nargs)
{
    TCGOp *op = op_alloc(s, opc, type, nargs);

    op->prev = old;
    op->next = old->next;
    if (old->next) {
        old->next->prev = op;
    } else {
        s->last_op = op;
    }
    old->next = op;
    return op;
}

void tcg_op_remove(TCGContext *s, TCGOp *op)
{
    if (op->opc == INDEX_op_br || op->opc == INDEX_op_brcond) {
        TCGLabel *l = arg_label(op->args[tcg_op_nargs(op) - 1]);

        assert(l->refs > 0);
        l->refs--;
    }
    if (op->prev) {
        op->prev->next = op->next;
    } else {
        s->first_op = op->next;
    }
    if (op->next) {
        op->next->prev = op->prev;
    } else {
        s->last_op = op->prev;
    }
    s->nb_ops--;
}
